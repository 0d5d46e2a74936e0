-- Redress schema version 5: documents attached to a case (the refusal
-- letter, the officer's notes, evidence), their original bytes, the text
-- of each page and a full-text index over it.

-- The original bytes of every imported file, once per content: two
-- documents with the same SHA-256 share one row.  `size` comes before
-- `data` so that reading it never loads the bytes.
CREATE TABLE blobs (
  sha256 TEXT    PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size   INTEGER NOT NULL CHECK (size > 0),
  data   BLOB    NOT NULL CHECK (length(data) = size)
);

CREATE TABLE documents (
  id                 INTEGER PRIMARY KEY,
  case_id            INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind               TEXT    NOT NULL CHECK (kind IN (
                       'refusal-letter', 'officer-notes', 'decision-notes', 'evidence', 'other')),
  file_name          TEXT    NOT NULL CHECK (length(trim(file_name)) > 0),
  sha256             TEXT    NOT NULL REFERENCES blobs (sha256),
  n_pages            INTEGER NOT NULL CHECK (n_pages > 0),
  has_text           INTEGER NOT NULL CHECK (has_text IN (0, 1)),
  pages_without_text INTEGER NOT NULL DEFAULT 0
                       CHECK (pages_without_text BETWEEN 0 AND n_pages),
  deleted_at         TEXT,
  created_at         TEXT    NOT NULL,
  updated_at         TEXT    NOT NULL
);

CREATE INDEX documents_case ON documents (case_id, deleted_at);
CREATE INDEX documents_sha256 ON documents (sha256);

-- One row per page, numbered from 1.  width and height are in points as
-- the page is shown (after its /Rotate), rotation is the page's /Rotate.
CREATE TABLE pages (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page_no     INTEGER NOT NULL CHECK (page_no >= 1),
  text        TEXT    NOT NULL DEFAULT '',
  width       REAL    NOT NULL CHECK (width >= 0),
  height      REAL    NOT NULL CHECK (height >= 0),
  rotation    INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  UNIQUE (document_id, page_no)
);

-- Full-text index of the page text, with pages as its external content
-- (the text is stored once).  remove_diacritics 2: "decision" finds
-- "décision" and the other way round.
CREATE VIRTUAL TABLE pages_fts USING fts5 (
  text,
  content = 'pages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- The index follows the pages table, whatever writes it (an import, a
-- purge, or a case or client purged with its documents by cascade).
CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
  INSERT INTO pages_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;

CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
  INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;

CREATE TRIGGER pages_fts_update AFTER UPDATE OF text ON pages BEGIN
  INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
  INSERT INTO pages_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;

-- A blob goes with the last document that uses it.
CREATE TRIGGER documents_release_blob AFTER DELETE ON documents
WHEN NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = OLD.sha256)
BEGIN
  DELETE FROM blobs WHERE sha256 = OLD.sha256;
END;

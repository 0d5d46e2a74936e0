-- Redress office schema version 2: documents attached to a case, their
-- original bytes, the text of each page and its full-text index, the
-- words OCR read, and the previews of the first pages (SQLite schemas 5,
-- 9, 11 and 12).

-- The original bytes of every imported file, once per content: two
-- documents with the same SHA-256 share one row.  PDFs are compressed
-- already: the bytes are kept out of line as they are (STORAGE EXTERNAL).
CREATE TABLE blobs (
  sha256 text   PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size   bigint NOT NULL CHECK (size > 0),
  data   bytea  NOT NULL CHECK (octet_length (data) = size)
);
ALTER TABLE blobs ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE documents (
  id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id            bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind               text        NOT NULL CHECK (kind IN (
                       'refusal-letter', 'officer-notes', 'decision-notes', 'evidence', 'other')),
  file_name          text        NOT NULL CHECK (btrim (file_name) <> ''),
  sha256             text        NOT NULL REFERENCES blobs (sha256),
  n_pages            integer     NOT NULL CHECK (n_pages > 0),
  has_text           boolean     NOT NULL,
  pages_without_text integer     NOT NULL DEFAULT 0
                       CHECK (pages_without_text BETWEEN 0 AND n_pages),
  deleted_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer     NOT NULL DEFAULT 1,
  changed_by         text        NOT NULL DEFAULT current_user,
  changed_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX documents_case ON documents (case_id, deleted_at);
CREATE INDEX documents_sha256 ON documents (sha256);

CREATE TRIGGER documents_stamp BEFORE INSERT OR UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION stamp_change ();

-- A blob goes with the last document that uses it.
CREATE FUNCTION release_blob () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, redress AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = OLD.sha256) THEN
    DELETE FROM blobs WHERE sha256 = OLD.sha256;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER documents_release_blob AFTER DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION release_blob ();

-- Search folds text as the SQLite index does (unicode61 with
-- remove_diacritics 2): case and accents ignored, "decision" finds
-- "décision".  unaccent comes with PostgreSQL's contrib modules; where it
-- cannot be installed, search still ignores case.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA redress;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'unaccent is not available, so search will not ignore accents: %', SQLERRM;
END
$$;

-- search_fold(text): the text as the index holds it, with the dictionary
-- named so that the function may be declared immutable
DO $$
DECLARE
  ns text;
BEGIN
  SELECT n.nspname INTO ns
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'unaccent';
  IF ns IS NULL THEN
    CREATE FUNCTION redress.search_fold (t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN pg_catalog.lower (t);
  ELSE
    EXECUTE format ('CREATE FUNCTION redress.search_fold (t text) RETURNS text '
                    'LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
                    'RETURN pg_catalog.lower (%I.unaccent (%L::regdictionary, t))',
                    ns, format ('%I.unaccent', ns));
  END IF;
END
$$;

-- One row per page, numbered from 1.  width and height are in points as
-- the page is shown (after its /Rotate), rotation is the page's /Rotate.
-- A page's text comes from its text layer or from OCR (then it is to be
-- checked before it is quoted); a scanned page may be wholly redacted.
CREATE TABLE pages (
  id           bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id  bigint           NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page_no      integer          NOT NULL CHECK (page_no >= 1),
  text         text             NOT NULL DEFAULT '',
  width        double precision NOT NULL CHECK (width >= 0),
  height       double precision NOT NULL CHECK (height >= 0),
  rotation     integer          NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  text_source  text             NOT NULL DEFAULT 'layer' CHECK (text_source IN ('layer', 'ocr')),
  redacted     boolean          NOT NULL DEFAULT false
                                CHECK (NOT redacted OR text_source = 'ocr'),
  ocr_language text             CHECK (ocr_language IN ('eng', 'fra', 'eng+fra', 'fra+eng')),
  -- The full-text index of the text (the SQLite side's pages_fts): the
  -- 'simple' configuration (no stemming, no stop words, as unicode61) over
  -- the folded text, kept by pages_index() whatever writes the text
  text_search  tsvector         NOT NULL DEFAULT ''::tsvector,
  UNIQUE (document_id, page_no)
);

CREATE FUNCTION pages_index () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, redress AS $$
BEGIN
  NEW.text_search := to_tsvector ('pg_catalog.simple'::regconfig, search_fold (NEW.text));
  RETURN NEW;
END
$$;

CREATE TRIGGER pages_index BEFORE INSERT OR UPDATE OF text ON pages
  FOR EACH ROW EXECUTE FUNCTION pages_index ();

-- Prefix queries (ref*) read the same index (to_tsquery's :*)
CREATE INDEX pages_search ON pages USING gin (text_search);

-- The words of a page read by OCR, one record of 25 bytes each, little
-- endian: offset and length of the word in the page's text (bytes, two
-- uint32), its box in points from the top left of the page as shown
-- (x1, y1, x2, y2, four float32) and its confidence (0-100, one byte).
CREATE TABLE page_words (
  page_id bigint  PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
  n_words integer NOT NULL CHECK (n_words >= 0),
  words   bytea   NOT NULL CHECK (octet_length (words) = 25 * n_words)
);

-- A preview of each document's first pages (PNG, at most 1024 pixels a
-- side and 1 MiB), one set per blob
CREATE TABLE page_previews (
  sha256  text    NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,
  page_no integer NOT NULL CHECK (page_no >= 1),
  width   integer NOT NULL CHECK (width BETWEEN 1 AND 1024),
  height  integer NOT NULL CHECK (height BETWEEN 1 AND 1024),
  png     bytea   NOT NULL CHECK (octet_length (png) BETWEEN 24 AND 1048576),
  PRIMARY KEY (sha256, page_no)
);

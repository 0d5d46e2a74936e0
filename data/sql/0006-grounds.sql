-- Redress schema version 6: the grounds of a refusal on each case
-- (suggested by the detector from the letter, confirmed or dismissed by
-- the consultant, or added by hand) and the passages of the documents
-- linked to them as evidence.

-- One row per ground of a case.  The quote is the letter's sentence that
-- states it (page and byte offsets in the text of that page); a ground
-- added by hand may have none.  A decision (confirmed, dismissed) is the
-- consultant's: detecting the ground again never changes it.
CREATE TABLE case_grounds (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code        TEXT    NOT NULL CHECK (length(code) > 0 AND code NOT GLOB '*[^a-z0-9-]*'),
  state       TEXT    NOT NULL CHECK (state IN ('suggested', 'confirmed', 'dismissed')),
  origin      TEXT    NOT NULL CHECK (origin IN ('detected', 'manual')),
  provision   TEXT,
  quote       TEXT,
  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  page        INTEGER CHECK (page IS NULL OR page >= 1),
  quote_start INTEGER CHECK (quote_start IS NULL OR quote_start >= 0),
  quote_end   INTEGER CHECK (quote_end IS NULL OR quote_end >= quote_start),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  UNIQUE (case_id, code)
);

CREATE INDEX case_grounds_document ON case_grounds (document_id);

-- Passages linked to a ground as evidence: where they are and what they
-- say.  They go with their document, and with the ground.
CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code        TEXT    NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        INTEGER NOT NULL CHECK (page >= 1),
  quote       TEXT    NOT NULL CHECK (length(trim(quote)) > 0),
  quote_start INTEGER CHECK (quote_start IS NULL OR quote_start >= 0),
  quote_end   INTEGER CHECK (quote_end IS NULL OR quote_end >= quote_start),
  created_at  TEXT    NOT NULL,
  FOREIGN KEY (case_id, code) REFERENCES case_grounds (case_id, code) ON DELETE CASCADE
);

CREATE INDEX evidence_ground ON evidence (case_id, code);
CREATE INDEX evidence_document ON evidence (document_id);

-- A suggestion goes with the document it was read from; a decision stays
-- (without its quote's place).
CREATE TRIGGER documents_drop_suggestions BEFORE DELETE ON documents
BEGIN
  DELETE FROM case_grounds WHERE document_id = OLD.id AND state = 'suggested';
END;

-- Redress office schema version 3: the grounds of a refusal on each case,
-- the passages linked to them as evidence, and the checklist of each case
-- (SQLite schemas 6, 7 and 8).

-- One row per ground of a case.  The quote is the sentence that states it
-- (page and byte offsets in the text of that page, and where it ends when
-- it runs over a page break); a ground added by hand may have none.  A
-- decision (confirmed, dismissed) is the consultant's: detecting the
-- ground again never changes it.
CREATE TABLE case_grounds (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code        text        NOT NULL CHECK (code ~ '^[a-z0-9-]+$'),
  state       text        NOT NULL CHECK (state IN ('suggested', 'confirmed', 'dismissed')),
  origin      text        NOT NULL CHECK (origin IN ('detected', 'manual')),
  provision   text,
  quote       text,
  document_id bigint      REFERENCES documents (id) ON DELETE SET NULL,
  page        integer     CHECK (page >= 1),
  quote_start integer     CHECK (quote_start >= 0),
  quote_end   integer     CHECK (quote_end >= quote_start),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  source      text        CHECK (source IN ('letter', 'notes')),
  entry_date  date,
  in_letter   boolean     NOT NULL DEFAULT false,
  end_page    integer     CHECK (end_page IS NULL OR (page IS NOT NULL AND end_page >= page)),
  end_offset  integer     CHECK (end_offset >= 0),
  version     integer     NOT NULL DEFAULT 1,
  changed_by  text        NOT NULL DEFAULT current_user,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, code)
);

CREATE INDEX case_grounds_document ON case_grounds (document_id);

CREATE TRIGGER case_grounds_stamp BEFORE INSERT OR UPDATE ON case_grounds
  FOR EACH ROW EXECUTE FUNCTION stamp_change ();

-- Passages linked to a ground as evidence: where they are and what they
-- say.  They go with their document, and with the ground; they are added
-- and removed, never edited.
CREATE TABLE evidence (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code        text        NOT NULL,
  document_id bigint      NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page        integer     NOT NULL CHECK (page >= 1),
  quote       text        NOT NULL CHECK (btrim (quote) <> ''),
  quote_start integer     CHECK (quote_start >= 0),
  quote_end   integer     CHECK (quote_end >= quote_start),
  created_at  timestamptz NOT NULL DEFAULT now(),
  changed_by  text        NOT NULL DEFAULT current_user,
  FOREIGN KEY (case_id, code) REFERENCES case_grounds (case_id, code) ON DELETE CASCADE
);

CREATE INDEX evidence_ground ON evidence (case_id, code);
CREATE INDEX evidence_document ON evidence (document_id);

-- A suggestion goes with the document it was read from; a decision stays
-- (without its quote's place).
CREATE FUNCTION drop_suggestions () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, redress AS $$
BEGIN
  DELETE FROM case_grounds WHERE document_id = OLD.id AND state = 'suggested';
  RETURN OLD;
END
$$;

CREATE TRIGGER documents_drop_suggestions BEFORE DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION drop_suggestions ();

-- One row per checklist item (see data/sql/0007-checklist.sql): a drafted
-- item names its template and the ground it answers, its text stays NULL
-- until the consultant rewords it; "edited" marks an item the consultant
-- changed; a removed item keeps its row (removed_at) for Undo.
CREATE TABLE checklist_items (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  path        text        NOT NULL CHECK (path IN ('restoration', 'new-application',
                                                   'judicial-review', 'appeal',
                                                   'reconsideration', 'humanitarian')),
  code        text        CHECK (code ~ '^[a-z0-9-]+$'),
  template    text        CHECK (template <> ''),
  text        text        CHECK (btrim (text) <> ''),
  state       text        NOT NULL DEFAULT 'to-request'
                          CHECK (state IN ('to-request', 'requested', 'received', 'not-applicable')),
  due         date,
  note        text,
  position    integer     NOT NULL,
  edited      boolean     NOT NULL DEFAULT false,
  removed_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer     NOT NULL DEFAULT 1,
  changed_by  text        NOT NULL DEFAULT current_user,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (template IS NOT NULL OR text IS NOT NULL)
);

CREATE UNIQUE INDEX checklist_items_template ON checklist_items (case_id, path, template)
  WHERE template IS NOT NULL;
CREATE INDEX checklist_items_case ON checklist_items (case_id, path, position);

CREATE TRIGGER checklist_items_stamp BEFORE INSERT OR UPDATE ON checklist_items
  FOR EACH ROW EXECUTE FUNCTION stamp_change ();

-- Redress schema version 7: the checklist of each case, one per path
-- (restoration, new application, judicial review, appeal,
-- reconsideration, humanitarian), drafted from data/checklist.ini.

-- One row per item.  A drafted item names its template (the item ID in
-- checklist.ini) and the ground it answers (NULL for the path's base
-- items); its text stays NULL until the consultant rewords it, so that it
-- is written in the language of each document it goes into.  An item
-- added by hand has no template and its own text.  "edited" marks an
-- item the consultant changed (state, wording, due date, note): a redraft
-- never removes it.  A removed item keeps its row (removed_at) so that
-- Undo can bring it back and a redraft does not draft it again.
CREATE TABLE checklist_items (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  path        TEXT    NOT NULL CHECK (path IN ('restoration', 'new-application', 'judicial-review',
                                               'appeal', 'reconsideration', 'humanitarian')),
  code        TEXT    CHECK (code IS NULL OR (length(code) > 0 AND code NOT GLOB '*[^a-z0-9-]*')),
  template    TEXT    CHECK (template IS NULL OR length(template) > 0),
  text        TEXT    CHECK (text IS NULL OR length(trim(text)) > 0),
  state       TEXT    NOT NULL DEFAULT 'to-request'
                      CHECK (state IN ('to-request', 'requested', 'received', 'not-applicable')),
  due         TEXT,
  note        TEXT,
  position    INTEGER NOT NULL,
  edited      INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
  removed_at  TEXT,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  CHECK (template IS NOT NULL OR text IS NOT NULL)
);

CREATE UNIQUE INDEX checklist_items_template ON checklist_items (case_id, path, template)
  WHERE template IS NOT NULL;
CREATE INDEX checklist_items_case ON checklist_items (case_id, path, position);

CREATE TRIGGER checklist_items_due_insert BEFORE INSERT ON checklist_items
WHEN NEW.due IS NOT NULL AND date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'a checklist due date is not a calendar date'); END;

CREATE TRIGGER checklist_items_due_update BEFORE UPDATE OF due ON checklist_items
WHEN NEW.due IS NOT NULL AND date(NEW.due, '+0 days') IS NOT NEW.due
BEGIN SELECT RAISE(ABORT, 'a checklist due date is not a calendar date'); END;

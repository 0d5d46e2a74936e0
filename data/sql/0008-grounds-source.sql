-- Redress schema version 8: where a ground was read.  A ground comes from
-- the refusal letter or from the officer's notes (GCMS or CAIPS notes, the
-- officer decision notes), an entry of the notes has a date, and a ground
-- the notes give but the letter does not state is worth a consultant's
-- attention.  A sentence may run over a page break: where it ends.

ALTER TABLE case_grounds ADD COLUMN source TEXT
  CHECK (source IS NULL OR source IN ('letter', 'notes'));
ALTER TABLE case_grounds ADD COLUMN entry_date TEXT
  CHECK (entry_date IS NULL OR (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                AND date(entry_date) = entry_date));
ALTER TABLE case_grounds ADD COLUMN in_letter INTEGER NOT NULL DEFAULT 0
  CHECK (in_letter IN (0, 1));
ALTER TABLE case_grounds ADD COLUMN end_page INTEGER
  CHECK (end_page IS NULL OR (page IS NOT NULL AND end_page >= page));
ALTER TABLE case_grounds ADD COLUMN end_offset INTEGER
  CHECK (end_offset IS NULL OR end_offset >= 0);

-- Until now grounds were read from refusal letters and decision notes only
UPDATE case_grounds SET source = 'letter', in_letter = 1
  WHERE origin = 'detected' AND document_id IN
    (SELECT id FROM documents WHERE kind = 'refusal-letter');
UPDATE case_grounds SET source = 'notes'
  WHERE origin = 'detected' AND document_id IN
    (SELECT id FROM documents WHERE kind <> 'refusal-letter');
UPDATE case_grounds SET end_page = page, end_offset = quote_end
  WHERE page IS NOT NULL AND quote_end IS NOT NULL;

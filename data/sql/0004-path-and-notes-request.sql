-- Redress schema version 4: the path chosen for a case, and the request
-- for the officer's notes (GCMS notes, by an access to information or
-- privacy request).

ALTER TABLE cases ADD COLUMN path TEXT NOT NULL DEFAULT 'undecided' CHECK (path IN (
  'undecided', 'restoration', 'new-application', 'judicial-review', 'appeal',
  'reconsideration', 'humanitarian'));
ALTER TABLE cases ADD COLUMN notes_requested TEXT;
ALTER TABLE cases ADD COLUMN notes_received TEXT;

CREATE TRIGGER cases_notes_dates_insert BEFORE INSERT ON cases
WHEN (NEW.notes_requested IS NOT NULL AND date(NEW.notes_requested, '+0 days') IS NOT NEW.notes_requested)
  OR (NEW.notes_received IS NOT NULL AND date(NEW.notes_received, '+0 days') IS NOT NEW.notes_received)
BEGIN SELECT RAISE(ABORT, 'a notes request date is not a calendar date'); END;

CREATE TRIGGER cases_notes_dates_update BEFORE UPDATE OF notes_requested, notes_received ON cases
WHEN (NEW.notes_requested IS NOT NULL AND date(NEW.notes_requested, '+0 days') IS NOT NEW.notes_requested)
  OR (NEW.notes_received IS NOT NULL AND date(NEW.notes_received, '+0 days') IS NOT NEW.notes_received)
BEGIN SELECT RAISE(ABORT, 'a notes request date is not a calendar date'); END;

-- Redress schema version 3.
--
-- Dates must be real calendar dates.  Version 1 checked them with
-- date(x) IS x, but SQLite keeps day 29-31 of any month as written
-- (date('2026-02-30') is '2026-02-30'); adding '+0 days' normalizes it
-- ('2026-03-02'), which a real date survives unchanged.  A CHECK cannot
-- be altered in place, so triggers guard writes from now on.

CREATE TRIGGER clients_date_of_birth_insert BEFORE INSERT ON clients
WHEN NEW.date_of_birth IS NOT NULL AND date(NEW.date_of_birth, '+0 days') IS NOT NEW.date_of_birth
BEGIN SELECT RAISE(ABORT, 'date_of_birth is not a calendar date'); END;

CREATE TRIGGER clients_date_of_birth_update BEFORE UPDATE OF date_of_birth ON clients
WHEN NEW.date_of_birth IS NOT NULL AND date(NEW.date_of_birth, '+0 days') IS NOT NEW.date_of_birth
BEGIN SELECT RAISE(ABORT, 'date_of_birth is not a calendar date'); END;

CREATE TRIGGER cases_dates_insert BEFORE INSERT ON cases
WHEN date(NEW.decision_date, '+0 days') IS NOT NEW.decision_date
  OR (NEW.received_date IS NOT NULL AND date(NEW.received_date, '+0 days') IS NOT NEW.received_date)
  OR (NEW.status_expiry IS NOT NULL AND date(NEW.status_expiry, '+0 days') IS NOT NEW.status_expiry)
BEGIN SELECT RAISE(ABORT, 'a case date is not a calendar date'); END;

CREATE TRIGGER cases_dates_update BEFORE UPDATE OF decision_date, received_date, status_expiry ON cases
WHEN date(NEW.decision_date, '+0 days') IS NOT NEW.decision_date
  OR (NEW.received_date IS NOT NULL AND date(NEW.received_date, '+0 days') IS NOT NEW.received_date)
  OR (NEW.status_expiry IS NOT NULL AND date(NEW.status_expiry, '+0 days') IS NOT NEW.status_expiry)
BEGIN SELECT RAISE(ABORT, 'a case date is not a calendar date'); END;

-- The client list reads every file in name order and counts its cases:
-- both from an index, without sorting or visiting the case rows.
CREATE INDEX clients_by_name ON clients (family_name, given_names, id) WHERE deleted_at IS NULL;
DROP INDEX cases_client;
CREATE INDEX cases_client ON cases (client_id, deleted_at);

-- Redress schema version 1: client files, their cases, and the timeline.
-- Applied in one transaction by redress-store; PRAGMA user_version is set
-- by the store, not here.

CREATE TABLE clients (
  id                   INTEGER PRIMARY KEY,
  file_number          TEXT    NOT NULL UNIQUE,
  family_name          TEXT    NOT NULL CHECK (length(trim(family_name)) > 0),
  given_names          TEXT    NOT NULL CHECK (length(trim(given_names)) > 0),
  date_of_birth        TEXT    CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
  uci                  TEXT    CHECK (uci IS NULL OR (length(uci) IN (8, 10) AND uci NOT GLOB '*[^0-9]*')),
  email                TEXT,
  phone                TEXT,
  country_of_residence TEXT,
  citizenship          TEXT,
  language             TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
  notes                TEXT    NOT NULL DEFAULT '',
  archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted_at           TEXT,
  created_at           TEXT    NOT NULL,
  updated_at           TEXT    NOT NULL
);

CREATE INDEX clients_uci ON clients (uci);

-- One counter per year for file numbers (2026-0001, 2026-0002, ...)
CREATE TABLE file_numbers (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE cases (
  id                INTEGER PRIMARY KEY,
  client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  application_type  TEXT    NOT NULL CHECK (application_type IN (
                      'visitor-visa', 'visitor-record', 'study-permit',
                      'study-permit-extension', 'work-permit', 'work-permit-extension',
                      'sponsorship-family-class', 'spousal-in-canada',
                      'permanent-residence-economic', 'pr-travel-document', 'other')),
  decided_in_canada INTEGER NOT NULL DEFAULT 0 CHECK (decided_in_canada IN (0, 1)),
  decision_date     TEXT    NOT NULL CHECK (date(decision_date) IS decision_date),
  received_date     TEXT    CHECK (received_date IS NULL OR date(received_date) IS received_date),
  status_expiry     TEXT    CHECK (status_expiry IS NULL OR date(status_expiry) IS status_expiry),
  visa_office       TEXT,
  ircc_number       TEXT,
  consultant        TEXT,
  stage             TEXT    NOT NULL DEFAULT 'new' CHECK (stage IN (
                      'new', 'awaiting-notes', 'analysis', 'preparing', 'submitted', 'closed')),
  notes             TEXT    NOT NULL DEFAULT '',
  archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted_at        TEXT,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
);

CREATE INDEX cases_client ON cases (client_id);

-- The timeline and audit trail: who changed what, when.
CREATE TABLE events (
  id        INTEGER PRIMARY KEY,
  at        TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  entity    TEXT    NOT NULL,
  client_id INTEGER REFERENCES clients (id) ON DELETE CASCADE,
  case_id   INTEGER REFERENCES cases (id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL,
  field     TEXT,
  old_value TEXT,
  new_value TEXT
);

CREATE INDEX events_client ON events (client_id);
CREATE INDEX events_case ON events (case_id);

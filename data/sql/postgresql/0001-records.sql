-- Redress office schema version 1: the schema and its version, client
-- files, their cases, the timeline and the firm profile.
--
-- The office database holds what the SQLite database holds (data/sql/,
-- at its schema 12), in PostgreSQL's own types: identities for ids,
-- `date` for calendar dates (PostgreSQL refuses 2026-02-30 by itself, so
-- the SQLite date triggers have no counterpart), `timestamptz` for
-- moments, `boolean` for flags, `bytea` for bytes.  Everything lives in
-- the schema `redress`; redress_office_init() runs each file in one
-- transaction with the search path set to it, and records the version in
-- schema_version.
--
-- Every record a consultant edits carries a version, who changed it last
-- and when: an edit made from a version a colleague has since replaced
-- is refused (UPDATE ... WHERE version = the one read), never silently
-- written over.  stamp_change() keeps the three columns, whatever writes.

CREATE SCHEMA redress;

-- One row per migration applied: the schema's version is the greatest
CREATE TABLE schema_version (
  version    integer     PRIMARY KEY CHECK (version >= 1),
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by text        NOT NULL DEFAULT current_user
);

-- Before each insert or update of a versioned record: who and when, and
-- on an update that changes anything, the next version.  The trigger's
-- arguments name columns whose change is not an edit (the client list's
-- keys, computed by Redress).
CREATE FUNCTION stamp_change () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, redress AS $$
DECLARE
  ignored text[] := ARRAY['version', 'changed_by', 'changed_at'] || TG_ARGV;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.version := 1;
    NEW.changed_by := current_user;
    NEW.changed_at := now();
  ELSIF (to_jsonb (NEW) - ignored) IS DISTINCT FROM (to_jsonb (OLD) - ignored) THEN
    NEW.version := OLD.version + 1;
    NEW.changed_by := current_user;
    NEW.changed_at := now();
  ELSE
    NEW.version := OLD.version;
    NEW.changed_by := OLD.changed_by;
    NEW.changed_at := OLD.changed_at;
  END IF;
  RETURN NEW;
END
$$;

CREATE TABLE clients (
  id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_number          text        NOT NULL UNIQUE,
  family_name          text        NOT NULL CHECK (btrim (family_name) <> ''),
  given_names          text        NOT NULL CHECK (btrim (given_names) <> ''),
  date_of_birth        date,
  uci                  text        CHECK (uci ~ '^([0-9]{8}|[0-9]{10})$'),
  email                text,
  phone                text,
  country_of_residence text,
  citizenship          text,
  language             text        NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
  notes                text        NOT NULL DEFAULT '',
  archived             boolean     NOT NULL DEFAULT false,
  deleted_at           timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  -- The client list's folded keys, computed by Redress (SQLite schema 10)
  sort_key             text,
  search_key           text,
  version              integer     NOT NULL DEFAULT 1,
  changed_by           text        NOT NULL DEFAULT current_user,
  changed_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX clients_uci ON clients (uci);
CREATE INDEX clients_by_name ON clients (family_name, given_names, id) WHERE deleted_at IS NULL;
CREATE INDEX clients_list ON clients (sort_key, id) INCLUDE (archived, search_key)
  WHERE deleted_at IS NULL;
CREATE INDEX clients_without_keys ON clients (id) WHERE sort_key IS NULL;

CREATE TRIGGER clients_stamp BEFORE INSERT OR UPDATE ON clients
  FOR EACH ROW EXECUTE FUNCTION stamp_change ('sort_key', 'search_key');

-- One counter per year for file numbers (2026-0001, 2026-0002, ...)
CREATE TABLE file_numbers (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id         bigint      NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  application_type  text        NOT NULL CHECK (application_type IN (
                      'visitor-visa', 'visitor-record', 'study-permit',
                      'study-permit-extension', 'work-permit', 'work-permit-extension',
                      'sponsorship-family-class', 'spousal-in-canada',
                      'permanent-residence-economic', 'pr-travel-document', 'other')),
  decided_in_canada boolean     NOT NULL DEFAULT false,
  decision_date     date        NOT NULL,
  received_date     date,
  status_expiry     date,
  visa_office       text,
  ircc_number       text,
  consultant        text,
  stage             text        NOT NULL DEFAULT 'new' CHECK (stage IN (
                      'new', 'awaiting-notes', 'analysis', 'preparing', 'submitted', 'closed')),
  notes             text        NOT NULL DEFAULT '',
  archived          boolean     NOT NULL DEFAULT false,
  deleted_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- The path chosen and the request for the officer's notes (SQLite schema 4)
  path              text        NOT NULL DEFAULT 'undecided' CHECK (path IN (
                      'undecided', 'restoration', 'new-application', 'judicial-review', 'appeal',
                      'reconsideration', 'humanitarian')),
  notes_requested   date,
  notes_received    date,
  version           integer     NOT NULL DEFAULT 1,
  changed_by        text        NOT NULL DEFAULT current_user,
  changed_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cases_client ON cases (client_id, deleted_at);

CREATE TRIGGER cases_stamp BEFORE INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION stamp_change ();

-- The timeline and audit trail: who changed what, when.  In the office
-- the actor is the PostgreSQL role of the staff member who connected.
CREATE TABLE events (
  id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text        NOT NULL DEFAULT current_user,
  entity    text        NOT NULL,
  client_id bigint      REFERENCES clients (id) ON DELETE CASCADE,
  case_id   bigint      REFERENCES cases (id) ON DELETE CASCADE,
  kind      text        NOT NULL,
  field     text,
  old_value text,
  new_value text
);

CREATE INDEX events_client ON events (client_id);
CREATE INDEX events_case ON events (case_id);

-- The firm profile that exported documents carry: one row
CREATE TABLE firm (
  id         integer     PRIMARY KEY CHECK (id = 1),
  name       text        NOT NULL DEFAULT '',
  address    text        NOT NULL DEFAULT '',
  phone      text,
  email      text,
  licence    text        NOT NULL DEFAULT '',
  archived   boolean     NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer     NOT NULL DEFAULT 1,
  changed_by text        NOT NULL DEFAULT current_user,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER firm_stamp BEFORE INSERT OR UPDATE ON firm
  FOR EACH ROW EXECUTE FUNCTION stamp_change ();

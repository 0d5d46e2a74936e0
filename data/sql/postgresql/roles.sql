-- The office's two group roles and what they may do, applied by
-- redress_office_init() after the migrations, every time (it is
-- idempotent).  Staff members connect with roles of their own, members of
-- one group (CREATE ROLE alice LOGIN IN ROLE redress_staff): PostgreSQL's
-- GRANTs decide what each may do, not Redress.
--
--   redress_staff   reads and writes the records (not the schema)
--   redress_reader  reads only

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'redress_staff') THEN
    CREATE ROLE redress_staff NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'redress_reader') THEN
    CREATE ROLE redress_reader NOLOGIN;
  END IF;
END
$$;

REVOKE ALL ON SCHEMA redress FROM PUBLIC;
GRANT USAGE ON SCHEMA redress TO redress_staff, redress_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA redress TO redress_staff, redress_reader;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA redress TO redress_staff;
REVOKE INSERT, UPDATE, DELETE ON schema_version FROM redress_staff;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA redress TO redress_staff;

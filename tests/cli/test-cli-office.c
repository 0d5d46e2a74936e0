/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libpq-fe.h>

#include "cli-fixture.h"

/*
 * redress-cli office init URI and office check URI, as IT would run them:
 * the address's rules always; against the server that $REDRESS_TEST_PG
 * names (a superuser's address on loopback, build-aux/start-postgres.sh),
 * the schema made, checked, made again, and refused when newer; office
 * push copying a demo database with an imported letter, checked by SQL,
 * and refusing a second push, an office without the schema and a local
 * file that is not a Redress database, the office left as it was.
 * Without $REDRESS_TEST_PG those are skipped.
 */

static PGconn *admin;
static guint n_databases;

static const char *
server (void)
{
  const char *target = g_getenv ("REDRESS_TEST_PG");

  return target != NULL && *target != '\0' ? target : NULL;
}

static char *
server_option (const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (server (), NULL);
  char *value = NULL;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL)
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

static void
exec_on (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* A new database, dropped when the test ends; its postgresql:// URI */
static char *
new_database (char **name_out)
{
  g_autofree char *host = server_option ("host");
  g_autofree char *port = server_option ("port");
  g_autofree char *user = server_option ("user");
  char *name = g_strdup_printf ("redress_cli_office_%d_%u", (int) getpid (), n_databases++);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  exec_on (admin, sql);
  *name_out = name;
  return g_strdup_printf ("postgresql://%s@%s:%s/%s", user, host ? host : "127.0.0.1",
                          port ? port : "5432", name);
}

static void
drop_database (const char *name)
{
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);

  exec_on (admin, sql);
}

/* The first value of @sql in the database @uri */
static char *
value_in (const char *uri,
          const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static Result *
office (Fixture    *f,
        const char *command,
        const char *uri,
        gboolean    verbose)
{
  const char *args[] = { "office", command, uri, NULL, NULL };

  if (verbose)
    args[3] = "--verbose";
  return run_argv (f, FALSE, NULL, NULL, args);
}

#define NEEDS_SERVER()                                                     \
  G_STMT_START {                                                           \
    if (server () == NULL)                                                 \
      {                                                                    \
        g_test_skip ("$REDRESS_TEST_PG is not set (build-aux/start-postgres.sh)"); \
        return;                                                            \
      }                                                                    \
  } G_STMT_END

/* The address's rules: no server needed, nothing is sent */
static void
test_office_address (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) remote = office (f, "check",
                                     "postgresql://alice@db.example.com/office?sslmode=require",
                                     FALSE);
  g_autoptr(Result) password = office (f, "init",
                                       "postgresql://alice:s3cret@localhost/office", FALSE);
  g_autoptr(Result) invalid = office (f, "check", "/home/alice/redress.db", FALSE);
  const char *missing_args[] = { "office", "init", NULL };
  g_autoptr(Result) missing = run_argv (f, FALSE, NULL, NULL, missing_args);
  const char *help_args[] = { "office", "--help", NULL };
  g_autoptr(Result) help = run_argv (f, FALSE, NULL, NULL, help_args);

  assert_error (remote, 1, "sslmode=require is not allowed");
  assert_error (password, 1, "contains a password");
  g_assert_null (strstr (password->err, "s3cret"));
  assert_error (invalid, 1, "postgresql://USER@HOST/DATABASE");
  assert_error (missing, 2, "URI is missing");
  assert_status (help, 0);
  g_assert_nonnull (strstr (help->out, "office init URI"));
  g_assert_nonnull (strstr (help->out, "office check URI"));
  g_assert_nonnull (strstr (help->out, "office push URI"));
}

static void
test_office_init_and_check (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *ok = g_strdup_printf ("ok (schema %d)\n", 3);
  g_autofree char *tables = NULL;

  NEEDS_SERVER ();
  uri = new_database (&name);

  {
    g_autoptr(Result) check = office (f, "check", uri, FALSE);
    assert_error (check, 1, "has no Redress schema yet");
    g_assert_nonnull (strstr (check->err, "redress-cli office init"));
  }
  {
    g_autoptr(Result) init = office (f, "init", uri, FALSE);
    assert_status (init, 0);
    g_assert_nonnull (strstr (init->out, "is ready (schema 3)"));
    g_assert_nonnull (strstr (init->out, "redress_staff"));
    g_assert_cmpstr (init->err, ==, "");
  }
  tables = value_in (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'redress'");
  g_assert_cmpstr (tables, ==, "14");
  {
    g_autoptr(Result) check = office (f, "check", uri, FALSE);
    assert_status (check, 0);
    g_assert_cmpstr (check->out, ==, ok);
  }
  {
    g_autoptr(Result) again = office (f, "init", uri, FALSE);
    assert_status (again, 0);
    g_assert_nonnull (strstr (again->out, "already at schema 3: nothing to do"));
  }
  drop_database (name);
}

static void
test_office_too_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *tables = NULL;
  PGconn *conn;

  NEEDS_SERVER ();
  uri = new_database (&name);
  conn = PQconnectdb (uri);
  exec_on (conn, "CREATE SCHEMA redress; "
                 "CREATE TABLE redress.schema_version (version integer PRIMARY KEY); "
                 "INSERT INTO redress.schema_version VALUES (99)");
  PQfinish (conn);

  {
    g_autoptr(Result) init = office (f, "init", uri, FALSE);
    assert_error (init, 1, "The office database was made by a newer Redress (schema 99");
  }
  {
    g_autoptr(Result) check = office (f, "check", uri, FALSE);
    assert_error (check, 1, "newer Redress (schema 99");
  }
  tables = value_in (uri, "SELECT string_agg (tablename, ' ') FROM pg_tables "
                          "WHERE schemaname = 'redress'");
  g_assert_cmpstr (tables, ==, "schema_version");
  drop_database (name);
}

/* A local file that is not there is said at once, before any connection
 * (here to a port where nothing answers), whether or not a server runs */
static void
test_office_push_no_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "not-there.db", NULL);
  g_autoptr(Result) push = run_cli (f, "office", "push", "--from", missing,
                                    "postgresql://nobody@127.0.0.1:1/office", NULL);

  assert_error (push, 1, "There is no file");
  g_assert_null (strstr (push->err, "cannot be reached"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Why a connection failed, in one sentence; libpq's words with --verbose */
static void
test_office_unreachable (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *user = NULL;
  g_autofree char *wrong_port = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;

  NEEDS_SERVER ();
  user = server_option ("user");
  host = server_option ("host");
  port = server_option ("port");
  wrong_port = g_strdup_printf ("postgresql://%s@127.0.0.1:1/postgres", user);
  missing = g_strdup_printf ("postgresql://%s@%s:%s/redress_no_such_database", user, host, port);

  {
    g_autoptr(Result) plain = office (f, "check", wrong_port, FALSE);
    g_autoptr(Result) verbose = office (f, "check", wrong_port, TRUE);

    assert_error (plain, 1, "cannot be reached");
    g_assert_null (strstr (plain->err, "Connection refused"));
    g_assert_nonnull (strstr (verbose->err, "cannot be reached"));
    g_assert_nonnull (strstr (verbose->err, "Connection refused"));
  }
  {
    g_autoptr(Result) result = office (f, "check", missing, FALSE);
    assert_error (result, 1, "has no database “redress_no_such_database”");
  }
}

/* office push --from FILE URI */
static Result *
office_push (Fixture    *f,
             const char *from,
             const char *uri)
{
  const char *args[] = { "office", "push", "--from", from, uri, NULL };

  return run_argv (f, FALSE, NULL, NULL, args);
}

/* The rows of every table of the office, in one line each */
static char *
office_counts (const char *uri)
{
  return value_in (uri, "SELECT string_agg (relname || ' ' || n, ', ' ORDER BY relname) FROM ("
                        " SELECT c.relname, (xpath ('/row/n/text()', query_to_xml ("
                        "  format ('SELECT count(*) AS n FROM redress.%I', c.relname), "
                        "  false, true, '')))[1]::text AS n"
                        " FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace"
                        " WHERE s.nspname = 'redress' AND c.relkind = 'r') t");
}

/* A consultant's demo database with a refusal letter, pushed whole */
static void
test_office_push (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *local_sha = NULL;
  static const char *tables[] = {
    "clients", "cases", "events", "documents", "pages", "case_grounds", "evidence",
    "checklist_items",
  };

  NEEDS_SERVER ();
  uri = new_database (&name);
  {
    g_autoptr(Result) init = office (f, "init", uri, FALSE);
    assert_status (init, 0);
  }
  {
    g_autoptr(Result) demo = run_cli (f, "demo", NULL);
    assert_status (demo, 0);
  }
  pdf = write_refusal_pdf (f, "letter.pdf");
  import_pdf (f, 1, "refusal-letter", pdf);
  local_sha = file_sha256 (f->db);

  {
    g_autoptr(Result) push = office_push (f, f->db, uri);

    assert_status (push, 0);
    g_assert_nonnull (strstr (push->out, "Pushed 4 client files, "));
    g_assert_nonnull (strstr (push->out, " cases and 1 document ("));
    g_assert_nonnull (strstr (push->out, ") into the office database at "));
    g_assert_nonnull (strstr (push->out, name));
    /* Not a terminal: no progress */
    g_assert_cmpstr (push->err, ==, "");
  }
  /* The local file was only read */
  {
    g_autofree char *sha = file_sha256 (f->db);
    g_assert_cmpstr (sha, ==, local_sha);
  }

  /* Counts per table, and the letter's bytes hashed by the server */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *office_sql = g_strdup_printf ("SELECT count(*) FROM redress.%s",
                                                     tables[i]);
      g_autofree char *local_sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *in_office = value_in (uri, office_sql);
      g_autofree char *in_local = g_strdup_printf ("%d", sql_count (f->db, local_sql));

      g_test_message ("%s: %s in the office, %s local", tables[i], in_office, in_local);
      g_assert_cmpstr (in_office, ==, in_local);
    }
  {
    g_autofree char *hashed = value_in (uri, "SELECT encode (sha256 (b.data), 'hex') || ' ' || "
                                             "d.sha256 FROM redress.documents d JOIN "
                                             "redress.blobs b ON b.sha256 = d.sha256");
    g_autofree char *pdf_sha = file_sha256 (pdf);
    g_autofree char *expected = g_strdup_printf ("%s %s", pdf_sha, pdf_sha);
    g_autofree char *found = value_in (uri, "SELECT count(*) FROM redress.pages "
                                            "WHERE text_search @@ to_tsquery ('simple', "
                                            "'satisfied & leave')");

    g_assert_cmpstr (hashed, ==, expected);
    g_assert_cmpstr (found, ==, "1");
  }

  /* The same file again: refused for its file numbers, nothing written */
  before = office_counts (uri);
  {
    g_autoptr(Result) again = office_push (f, f->db, uri);

    assert_error (again, 1, "already holds client files numbered ");
    g_assert_nonnull (strstr (again->err, "nothing was pushed"));
  }
  after = office_counts (uri);
  g_assert_cmpstr (after, ==, before);
  drop_database (name);
}

/* Refused before anything is written: an office without the schema, a
 * local file that is not a Redress database, no --from */
static void
test_office_push_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *empty = fixture_path (f, "empty.db");
  g_autofree char *text = fixture_path (f, "notes.txt");
  g_autofree char *tables = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  NEEDS_SERVER ();
  uri = new_database (&name);
  {
    g_autoptr(Result) demo = run_cli (f, "demo", NULL);
    assert_status (demo, 0);
  }
  {
    g_autoptr(Result) push = office_push (f, f->db, uri);

    assert_error (push, 1, "has no Redress schema yet");
    g_assert_nonnull (strstr (push->err, "redress-cli office init"));
  }
  tables = value_in (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'redress'");
  g_assert_cmpstr (tables, ==, "0");

  {
    g_autoptr(Result) init = office (f, "init", uri, FALSE);
    assert_status (init, 0);
  }
  before = office_counts (uri);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  {
    g_autoptr(Result) push = office_push (f, empty, uri);

    assert_error (push, 1, "is empty: it is not a Redress database");
  }
  g_assert_true (g_file_set_contents (text, "Notes of a meeting, not a database. Long enough "
                                      "for SQLite to read a whole header of a hundred bytes "
                                      "and find it is not one of its files.\n", -1, NULL));
  {
    g_autoptr(Result) push = office_push (f, text, uri);

    assert_error (push, 1, "damaged");
  }
  {
    const char *args[] = { "office", "push", uri, NULL };
    g_autoptr(Result) push = run_argv (f, FALSE, NULL, NULL, args);

    assert_error (push, 2, "--from is required");
  }
  after = office_counts (uri);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (g_file_test (empty, G_FILE_TEST_EXISTS), ==, TRUE);
  drop_database (name);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!cli_fixture_init (&argc, &argv))
    return 1;
  if (server () != NULL)
    {
      admin = PQconnectdb (server ());
      if (PQstatus (admin) != CONNECTION_OK)
        g_error ("$REDRESS_TEST_PG: %s", PQerrorMessage (admin));
    }

  CLI_TEST_ADD ("/cli/office/address", test_office_address);
  CLI_TEST_ADD ("/cli/office/init-and-check", test_office_init_and_check);
  CLI_TEST_ADD ("/cli/office/too-new", test_office_too_new);
  CLI_TEST_ADD ("/cli/office/unreachable", test_office_unreachable);
  CLI_TEST_ADD ("/cli/office/push", test_office_push);
  CLI_TEST_ADD ("/cli/office/push-no-file", test_office_push_no_file);
  CLI_TEST_ADD ("/cli/office/push-refused", test_office_push_refused);

  status = cli_fixture_run ();
  g_clear_pointer (&admin, PQfinish);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libpq-fe.h>

#include "cli-fixture.h"

/*
 * redress-cli office init URI and office check URI, as IT would run them:
 * the address's rules always; against the server that $REDRESS_TEST_PG
 * names (a superuser's address on loopback, build-aux/start-postgres.sh),
 * the schema made, checked, made again, and refused when newer.  Without
 * $REDRESS_TEST_PG those are skipped.
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

  status = cli_fixture_run ();
  g_clear_pointer (&admin, PQfinish);
  return status;
}

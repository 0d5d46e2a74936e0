/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "redress-office.h"

/*
 * The office database (PostgreSQL): the rules of its address (no server
 * needed), and against the server that $REDRESS_TEST_PG names (a
 * superuser's address on loopback; build-aux/start-postgres.sh starts a
 * throwaway one): why a connection fails, the schema that init makes, the
 * roles and what they may do.  Without $REDRESS_TEST_PG those are skipped.
 */

/* Fixture: a new database of its own for each test -------------------- */

typedef struct
{
  PGconn *admin;
  char *dbname;
  char *target;      /* key=value address of the test's database */
  GPtrArray *roles;  /* roles the test made, dropped after it */
} Fixture;

static const char *
server (void)
{
  const char *target = g_getenv ("REDRESS_TEST_PG");

  return target != NULL && *target != '\0' ? target : NULL;
}

/* The server's parameter @keyword in $REDRESS_TEST_PG */
static char *
server_option (const char *keyword)
{
  PQconninfoOption *options;
  char *value = NULL;

  /* Asked before a test knows whether it has a server to skip for */
  if (server () == NULL)
    return NULL;
  options = PQconninfoParse (server (), NULL);
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL)
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

/* key=value words for the test server with @dbname and @user (NULL: the
 * superuser's), then @extra */
static char *
address_for (const char *dbname,
             const char *user,
             const char *extra)
{
  g_autofree char *host = server_option ("host");
  g_autofree char *port = server_option ("port");
  g_autofree char *superuser = server_option ("user");

  return g_strdup_printf ("host=%s port=%s user=%s dbname=%s %s",
                          host ? host : "127.0.0.1", port ? port : "5432",
                          user ? user : superuser, dbname, extra ? extra : "");
}

static void
admin_exec (Fixture    *f,
            const char *sql)
{
  PGresult *result = PQexec (f->admin, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* The first value of @sql, run as the superuser in the test's database */
static char *
db_value (Fixture    *f,
          const char *sql)
{
  g_autofree char *target = address_for (f->dbname, NULL, NULL);
  PGconn *conn = PQconnectdb (target);
  PGresult *result;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  value = g_strdup (PQgetisnull (result, 0, 0) ? "(null)" : PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static void
db_exec (Fixture    *f,
         const char *sql)
{
  g_autofree char *target = address_for (f->dbname, NULL, NULL);
  PGconn *conn = PQconnectdb (target);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

/* A login role of the test's own, member of @group (nullable) */
static char *
make_role (Fixture    *f,
           const char *attributes,
           const char *group)
{
  char *name = g_strdup_printf ("%s_%u", f->dbname, f->roles->len);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s %s%s%s", name, attributes,
                                          group ? " IN ROLE " : "", group ? group : "");

  admin_exec (f, sql);
  g_ptr_array_add (f->roles, name);
  return g_strdup (name);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;
  g_autofree char *sql = NULL;

  f->roles = g_ptr_array_new_with_free_func (g_free);
  if (server () == NULL)
    return;
  f->admin = PQconnectdb (server ());
  if (PQstatus (f->admin) != CONNECTION_OK)
    g_error ("$REDRESS_TEST_PG: %s", PQerrorMessage (f->admin));
  f->dbname = g_strdup_printf ("redress_office_%d_%u", (int) getpid (), counter++);
  sql = g_strdup_printf ("CREATE DATABASE %s", f->dbname);
  admin_exec (f, sql);
  f->target = address_for (f->dbname, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->admin != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->dbname);

      admin_exec (f, sql);
      for (guint i = 0; i < f->roles->len; i++)
        {
          g_autofree char *drop = g_strdup_printf ("DROP ROLE %s",
                                                   (char *) g_ptr_array_index (f->roles, i));
          admin_exec (f, drop);
        }
      PQfinish (f->admin);
    }
  g_ptr_array_unref (f->roles);
  g_free (f->dbname);
  g_free (f->target);
}

#define NEEDS_SERVER()                                                     \
  G_STMT_START {                                                           \
    if (server () == NULL)                                                 \
      {                                                                    \
        g_test_skip ("$REDRESS_TEST_PG is not set (build-aux/start-postgres.sh)"); \
        return;                                                            \
      }                                                                    \
  } G_STMT_END

#define TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* The address's rules --------------------------------------------------- */

static RedressOfficeUri *
parse_ok (const char *target)
{
  g_autoptr(GError) error = NULL;
  RedressOfficeUri *uri = redress_office_uri_parse (target, &error);

  g_assert_no_error (error);
  g_assert_nonnull (uri);
  return uri;
}

static void
assert_parse_error (const char *target,
                    int         code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOfficeUri) uri = redress_office_uri_parse (target, &error);

  g_assert_null (uri);
  g_assert_error (error, REDRESS_OFFICE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, error->message);
  /* The message never echoes a password */
  g_assert_null (strstr (error->message, "s3cret"));
}

static void
test_uri_remote_forces_tls (void)
{
  static const char *remote[] = {
    "postgresql://alice@db.example.com/office",
    "postgresql://alice@db.example.com:5433/office?sslmode=verify-full",
    "host=db.example.com dbname=office user=alice",
    "postgresql://alice@192.0.2.10/office",
    "postgresql://alice@[2001:db8::1]/office",
    /* Any remote host among several */
    "host=localhost,db.example.com dbname=office",
    /* hostaddr is where libpq connects, whatever the name */
    "host=localhost hostaddr=192.0.2.10 dbname=office",
  };

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    {
      g_autoptr(RedressOfficeUri) uri = parse_ok (remote[i]);
      g_autofree char *conninfo = redress_office_uri_to_conninfo (uri);

      g_test_message ("%s -> %s", remote[i], conninfo);
      g_assert_false (redress_office_uri_is_local (uri));
      g_assert_cmpstr (redress_office_uri_get (uri, "sslmode"), ==, "verify-full");
      g_assert_cmpstr (redress_office_uri_get (uri, "gssencmode"), ==, "disable");
      g_assert_true (redress_office_uri_get_tls_forced (uri));
      g_assert_nonnull (strstr (conninfo, "sslmode='verify-full'"));
      g_assert_cmpstr (redress_office_uri_get (uri, "connect_timeout"), ==, "10");
      g_assert_cmpstr (redress_office_uri_get (uri, "client_encoding"), ==, "UTF8");
    }
}

static void
test_uri_remote_weaker_refused (void)
{
  static const char *modes[] = { "disable", "allow", "prefer", "require", "verify-ca" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *uri = g_strdup_printf ("postgresql://alice@db.example.com/office?sslmode=%s",
                                              modes[i]);
      g_autofree char *words = g_strdup_printf ("host=db.example.com sslmode=%s", modes[i]);
      g_autofree char *needle = g_strdup_printf ("sslmode=%s is not allowed", modes[i]);

      assert_parse_error (uri, REDRESS_OFFICE_ERROR_INSECURE, needle);
      assert_parse_error (words, REDRESS_OFFICE_ERROR_INSECURE, "db.example.com");
    }
}

static void
test_uri_password_refused (void)
{
  assert_parse_error ("postgresql://alice:s3cret@db.example.com/office",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, "keyring");
  assert_parse_error ("postgresql://alice:s3cret@localhost/office",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, "contains a password");
  assert_parse_error ("postgresql://alice@localhost/office?password=s3cret",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, "PGPASSWORD");
  assert_parse_error ("host=localhost user=alice password=s3cret",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, ".pgpass");
  assert_parse_error ("host=localhost sslpassword=s3cret",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, "keyring");
  /* Refused before anything else is looked at */
  assert_parse_error ("postgresql://alice:s3cret@db.example.com/office?sslmode=disable",
                      REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS, "keyring");
}

static void
test_uri_local_allowed (void)
{
  static const char *local[] = {
    "postgresql://alice@localhost/office",
    "postgresql://alice@localhost/office?sslmode=disable",
    "postgresql://alice@127.0.0.1:5432/office?sslmode=prefer",
    "postgresql://alice@127.1.2.3/office",
    "postgresql://alice@[::1]/office?sslmode=disable",
    "postgresql:///office",
    "postgresql://%2Fvar%2Frun%2Fpostgresql/office",
    "host=/run/postgresql dbname=office sslmode=disable",
    "dbname=office",
    "host=localhost,127.0.0.1 dbname=office",
  };

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_autoptr(RedressOfficeUri) uri = parse_ok (local[i]);

      g_test_message ("%s", local[i]);
      g_assert_true (redress_office_uri_is_local (uri));
      g_assert_false (redress_office_uri_get_tls_forced (uri));
    }
  {
    g_autoptr(RedressOfficeUri) uri = parse_ok ("postgresql://alice@localhost/office?sslmode=disable");
    g_assert_cmpstr (redress_office_uri_get (uri, "sslmode"), ==, "disable");
  }
  {
    g_autoptr(RedressOfficeUri) uri = parse_ok ("postgresql://alice@localhost:5433/office");
    g_autofree char *where = redress_office_uri_describe (uri);
    g_assert_null (redress_office_uri_get (uri, "sslmode"));
    g_assert_cmpstr (where, ==, "alice@localhost:5433/office");
  }

  g_assert_true (redress_office_address_is_local (NULL));
  g_assert_true (redress_office_address_is_local ("/tmp"));
  g_assert_true (redress_office_address_is_local ("LOCALHOST"));
  g_assert_true (redress_office_address_is_local ("::1"));
  g_assert_false (redress_office_address_is_local ("localhost.example.com"));
  g_assert_false (redress_office_address_is_local ("128.0.0.1"));
  g_assert_false (redress_office_address_is_local ("::2"));
}

static void
test_uri_invalid (void)
{
  assert_parse_error ("", REDRESS_OFFICE_ERROR_INVALID_ADDRESS, "empty");
  assert_parse_error ("   ", REDRESS_OFFICE_ERROR_INVALID_ADDRESS, "empty");
  assert_parse_error ("/home/alice/redress.db", REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                      "postgresql://USER@HOST/DATABASE");
  assert_parse_error ("postgresql://alice@localhost:notaport/office?s3cret",
                      REDRESS_OFFICE_ERROR_INVALID_ADDRESS, "not valid");
  assert_parse_error ("host=localhost colour=blue", REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                      "not valid");
  assert_parse_error ("host=localhost sslmode=strict", REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                      "sslmode=strict");
  assert_parse_error ("host=localhost connect_timeout=soon", REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                      "connect_timeout=soon");

  /* 0 would wait for ever */
  {
    g_autoptr(RedressOfficeUri) uri = parse_ok ("host=localhost connect_timeout=0");
    g_assert_cmpuint (redress_office_uri_get_timeout (uri), ==, REDRESS_OFFICE_CONNECT_TIMEOUT);
    g_assert_cmpstr (redress_office_uri_get (uri, "connect_timeout"), ==, "10");
  }
  {
    g_autoptr(RedressOfficeUri) uri = parse_ok ("host=localhost connect_timeout=3");
    g_assert_cmpuint (redress_office_uri_get_timeout (uri), ==, 3);
  }

  g_assert_true (redress_office_uri_looks_like ("postgresql://x/y"));
  g_assert_true (redress_office_uri_looks_like ("postgres://x/y"));
  g_assert_true (redress_office_uri_looks_like ("service=office"));
  g_assert_false (redress_office_uri_looks_like ("/home/alice/redress.db"));
}

/* A host that a service names is known only when connecting */
static void
test_uri_effective (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOfficeUri) service = parse_ok ("service=office");
  g_autoptr(RedressOfficeUri) weak = parse_ok ("service=office sslmode=require");
  gboolean force = TRUE;

  g_assert_false (redress_office_uri_is_local (service));
  g_assert_false (redress_office_uri_get_tls_forced (service));
  g_assert_null (redress_office_uri_get (service, "sslmode"));

  g_assert_true (redress_office_uri_check_effective (service, "/run/postgresql", NULL, "prefer",
                                                     &force, &error));
  g_assert_no_error (error);
  g_assert_false (force);

  g_assert_true (redress_office_uri_check_effective (service, "db.example.com", NULL, "prefer",
                                                     &force, &error));
  g_assert_no_error (error);
  g_assert_true (force);

  g_assert_true (redress_office_uri_check_effective (service, "db.example.com", NULL,
                                                     "verify-full", &force, &error));
  g_assert_false (force);

  g_assert_false (redress_office_uri_check_effective (service, "db.example.com", NULL,
                                                      "require", &force, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INSECURE);
  g_clear_error (&error);

  /* The address asked for prefer: not libpq's default */
  g_assert_false (redress_office_uri_check_effective (weak, "db.example.com", NULL, "require",
                                                      &force, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INSECURE);
}

/* A service file naming a server elsewhere with a weak sslmode: refused
 * before anything is sent */
static void
test_uri_service_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redress-office-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "pg_service.conf", NULL);
  g_autoptr(RedressOffice) office = NULL;

  g_assert_true (g_file_set_contents (file,
                                      "[remote]\nhost=192.0.2.10\ndbname=office\nsslmode=require\n"
                                      "[near]\nhost=127.0.0.1\nport=1\ndbname=office\n",
                                      -1, NULL));
  g_setenv ("PGSERVICEFILE", file, TRUE);

  office = redress_office_connect ("service=remote connect_timeout=2", &error);
  g_assert_null (office);
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "192.0.2.10"));
  g_clear_error (&error);

  /* On this computer: no TLS needed; nothing listens on port 1 */
  office = redress_office_connect ("service=near", &error);
  g_assert_null (office);
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  g_unsetenv ("PGSERVICEFILE");
  g_unlink (file);
  g_rmdir (dir);
}

/* Connecting ------------------------------------------------------------ */

static void
assert_connect_error (const char *target,
                      int         code,
                      const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = redress_office_connect (target, &error);

  g_assert_null (office);
  g_test_message ("%s: %s", target, error ? error->message : "(connected)");
  g_assert_error (error, REDRESS_OFFICE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, error->message);
}

static void
test_connect_ok (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *superuser = server_option ("user");
  g_autofree char *socket = NULL;

  NEEDS_SERVER ();

  office = redress_office_connect (f->target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (office);
  g_assert_cmpstr (redress_office_get_user (office), ==, superuser);
  g_assert_false (redress_office_get_read_only (office));
  g_assert_nonnull (strstr (redress_office_get_description (office), f->dbname));
  g_clear_pointer (&office, redress_office_free);

  /* The address as a URI, and through the Unix socket */
  {
    g_autofree char *host = server_option ("host");
    g_autofree char *port = server_option ("port");
    g_autofree char *uri = g_strdup_printf ("postgresql://%s@%s:%s/%s", superuser, host, port,
                                            f->dbname);

    office = redress_office_connect (uri, &error);
    g_assert_no_error (error);
    g_clear_pointer (&office, redress_office_free);

    if (g_getenv ("REDRESS_TEST_PG_SOCKET") != NULL)
      {
        socket = g_strdup_printf ("host=%s port=%s user=%s dbname=%s",
                                  g_getenv ("REDRESS_TEST_PG_SOCKET"), port, superuser, f->dbname);
        office = redress_office_connect (socket, &error);
        g_assert_no_error (error);
        g_assert_false (PQsslInUse (redress_office_get_connection (office)));
      }
  }
}

static void
test_connect_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *superuser = server_option ("user");
  g_autofree char *wrong_port = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *nologin_role = NULL;
  g_autofree char *nologin = NULL;

  NEEDS_SERVER ();

  /* Nothing listens on port 1 */
  wrong_port = g_strdup_printf ("host=127.0.0.1 port=1 user=%s dbname=%s", superuser, f->dbname);
  assert_connect_error (wrong_port, REDRESS_OFFICE_ERROR_UNREACHABLE, "cannot be reached");
  assert_connect_error ("host=/nonexistent-socket-folder dbname=x",
                        REDRESS_OFFICE_ERROR_UNREACHABLE, "cannot be reached");

  missing = address_for ("redress_no_such_database", NULL, NULL);
  assert_connect_error (missing, REDRESS_OFFICE_ERROR_DATABASE_MISSING,
                        "has no database “redress_no_such_database”");

  nologin_role = make_role (f, "NOLOGIN", NULL);
  nologin = address_for (f->dbname, nologin_role, NULL);
  assert_connect_error (nologin, REDRESS_OFFICE_ERROR_ROLE_NOT_ALLOWED, "does not let");
}

/* A role that must give its password (pg_hba.conf of start-postgres.sh) */
static void
test_connect_password (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  PGresult *result;

  NEEDS_SERVER ();

  result = PQexec (f->admin, "SELECT 1 FROM pg_roles WHERE rolname = 'redress_test_password'");
  if (PQntuples (result) == 0)
    {
      PQclear (result);
      g_test_skip ("no role redress_test_password (build-aux/start-postgres.sh makes it)");
      return;
    }
  PQclear (result);

  target = address_for (f->dbname, "redress_test_password", NULL);
  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  assert_connect_error (target, REDRESS_OFFICE_ERROR_AUTH_FAILED, "asks for the password");

  g_setenv ("PGPASSWORD", "wrong password", TRUE);
  assert_connect_error (target, REDRESS_OFFICE_ERROR_AUTH_FAILED, "refused the password");

  /* libpq's PGPASSWORD still works */
  g_setenv ("PGPASSWORD", "right password", TRUE);
  office = redress_office_connect (target, &error);
  g_assert_no_error (error);
  g_unsetenv ("PGPASSWORD");
}

/* A server that answers the TLS request "no" (as one without TLS does) */
static gpointer
refuse_tls_thread (gpointer data)
{
  GSocketListener *listener = data;
  g_autoptr(GSocketConnection) connection = NULL;
  guint8 request[8];

  connection = g_socket_listener_accept (listener, NULL, NULL, NULL);
  if (connection == NULL)
    return NULL;
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           request, sizeof request, NULL, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             "N", 1, NULL, NULL, NULL);
  g_usleep (G_USEC_PER_SEC / 2);
  return NULL;
}

static void
test_connect_tls (Fixture       *f,
                  gconstpointer  data)
{
  const char *ca = g_getenv ("REDRESS_TEST_PG_CA");
  const char *other_ca = g_getenv ("REDRESS_TEST_PG_OTHER_CA");
  g_autofree char *superuser = server_option ("user");
  g_autofree char *port = server_option ("port");

  /* TLS unavailable: a loopback listener that says no to TLS */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GThread) thread = NULL;
    g_autofree char *target = NULL;
    guint16 no_tls_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

    g_assert_no_error (error);
    thread = g_thread_new ("no-tls", refuse_tls_thread, listener);
    target = g_strdup_printf ("host=127.0.0.1 port=%u dbname=x user=x sslmode=require",
                              no_tls_port);
    assert_connect_error (target, REDRESS_OFFICE_ERROR_TLS_UNAVAILABLE, "encrypted connection");
    g_thread_join (g_steal_pointer (&thread));
  }

  NEEDS_SERVER ();
  if (ca == NULL || other_ca == NULL)
    {
      g_test_skip ("$REDRESS_TEST_PG_CA is not set: the server has no TLS");
      return;
    }

  /* Verified: the certificate is for localhost, signed by the CA */
  {
    g_autofree char *target = g_strdup_printf ("host=localhost port=%s user=%s dbname=%s "
                                               "sslmode=verify-full sslrootcert=%s",
                                               port, superuser, f->dbname, ca);
    g_autoptr(GError) error = NULL;
    g_autoptr(RedressOffice) office = redress_office_connect (target, &error);

    g_assert_no_error (error);
    g_assert_true (PQsslInUse (redress_office_get_connection (office)));
  }
  /* Signed by an authority not trusted */
  {
    g_autofree char *target = g_strdup_printf ("host=localhost port=%s user=%s dbname=%s "
                                               "sslmode=verify-full sslrootcert=%s",
                                               port, superuser, f->dbname, other_ca);
    assert_connect_error (target, REDRESS_OFFICE_ERROR_CERTIFICATE_UNTRUSTED, "not signed");
  }
  /* No authority at all */
  {
    g_autofree char *target = g_strdup_printf ("host=localhost port=%s user=%s dbname=%s "
                                               "sslmode=verify-full sslrootcert=/nonexistent.crt",
                                               port, superuser, f->dbname);
    assert_connect_error (target, REDRESS_OFFICE_ERROR_CERTIFICATE_UNTRUSTED, "root.crt");
  }
  /* Made out to localhost, reached as 127.0.0.1 */
  {
    g_autofree char *target = g_strdup_printf ("host=127.0.0.1 port=%s user=%s dbname=%s "
                                               "sslmode=verify-full sslrootcert=%s",
                                               port, superuser, f->dbname, ca);
    assert_connect_error (target, REDRESS_OFFICE_ERROR_HOST_MISMATCH, "“127.0.0.1”");
  }
}

/* The schema ------------------------------------------------------------ */

static const char *tables[] = {
  "blobs", "case_grounds", "cases", "checklist_items", "clients", "documents", "events",
  "evidence", "file_numbers", "firm", "page_previews", "page_words", "pages", "schema_version",
};

static char *
table_list (Fixture *f)
{
  return db_value (f, "SELECT coalesce (string_agg (tablename, ' ' ORDER BY tablename), '') "
                      "FROM pg_tables WHERE schemaname = 'redress'");
}

static RedressOffice *
connect_ok (const char *target)
{
  g_autoptr(GError) error = NULL;
  RedressOffice *office = redress_office_connect (target, &error);

  g_assert_no_error (error);
  g_assert_nonnull (office);
  return office;
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *found = NULL;
  g_autofree char *versions = NULL;
  g_autofree char *latest = g_strdup_printf ("%d", redress_office_latest_version ());
  int from = -1, version = 0;

  NEEDS_SERVER ();
  g_assert_cmpint (redress_office_latest_version (), >=, 3);

  office = connect_ok (f->target);
  g_assert_false (redress_office_check (office, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_INITIALIZED);
  g_assert_nonnull (strstr (error->message, "office init"));
  g_clear_error (&error);

  g_assert_true (redress_office_init (office, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);

  expected = g_strjoinv (" ", (char **) tables);
  found = table_list (f);
  g_assert_cmpstr (found, ==, expected);

  versions = db_value (f, "SELECT string_agg (version::text, ',' ORDER BY version) "
                          "FROM redress.schema_version");
  {
    GString *all = g_string_new (NULL);
    for (int i = 1; i <= redress_office_latest_version (); i++)
      g_string_append_printf (all, "%s%d", i > 1 ? "," : "", i);
    g_assert_cmpstr (versions, ==, all->str);
    g_string_free (all, TRUE);
  }

  g_assert_true (redress_office_check (office, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, redress_office_latest_version ());

  /* The two roles, group roles without login */
  {
    g_autofree char *roles = db_value (f, "SELECT string_agg (rolname || ':' || rolcanlogin, ' ' "
                                          "ORDER BY rolname) FROM pg_roles "
                                          "WHERE rolname IN ('redress_staff', 'redress_reader')");
    g_assert_cmpstr (roles, ==, "redress_reader:false redress_staff:false");
  }
  /* What each may do */
  {
    g_autofree char *grants = db_value (f,
      "SELECT string_agg (t, ' ' ORDER BY t) FROM (SELECT r || ':' || p AS t "
      "FROM unnest (ARRAY['redress_staff', 'redress_reader']) r, "
      "     unnest (ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p "
      "WHERE has_table_privilege (r, 'redress.clients', p)) x");
    g_assert_cmpstr (grants, ==, "redress_reader:SELECT redress_staff:DELETE "
                                 "redress_staff:INSERT redress_staff:SELECT redress_staff:UPDATE");
  }
  {
    g_autofree char *staff_version = db_value (f, "SELECT has_table_privilege ('redress_staff', "
                                                  "'redress.schema_version', 'INSERT')");
    g_assert_cmpstr (staff_version, ==, "f");
  }
}

static void
test_init_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *tables_before = NULL;
  g_autofree char *tables_after = NULL;
  g_autofree char *versions_before = NULL;
  g_autofree char *versions_after = NULL;
  g_autofree char *client = NULL;
  int from = -1;

  NEEDS_SERVER ();

  office = connect_ok (f->target);
  g_assert_true (redress_office_init (office, NULL, &error));
  g_assert_no_error (error);
  db_exec (f, "INSERT INTO redress.clients (file_number, family_name, given_names) "
              "VALUES ('2026-0001', 'Tremblay', 'Marie')");
  tables_before = table_list (f);
  versions_before = db_value (f, "SELECT string_agg (version || '@' || applied_at, ',') "
                                 "FROM redress.schema_version");

  g_clear_pointer (&office, redress_office_free);
  office = connect_ok (f->target);
  g_assert_true (redress_office_init (office, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, redress_office_latest_version ());

  tables_after = table_list (f);
  versions_after = db_value (f, "SELECT string_agg (version || '@' || applied_at, ',') "
                                "FROM redress.schema_version");
  g_assert_cmpstr (tables_after, ==, tables_before);
  g_assert_cmpstr (versions_after, ==, versions_before);
  client = db_value (f, "SELECT family_name FROM redress.clients WHERE file_number = '2026-0001'");
  g_assert_cmpstr (client, ==, "Tremblay");
}

static void
test_init_too_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *tables_after = NULL;
  g_autofree char *versions = NULL;
  int newer_version = redress_office_latest_version () + 1;

  NEEDS_SERVER ();

  newer = g_strdup_printf ("CREATE SCHEMA redress; "
                           "CREATE TABLE redress.schema_version (version integer PRIMARY KEY, "
                           "  applied_at timestamptz, applied_by text); "
                           "INSERT INTO redress.schema_version (version) VALUES (%d)",
                           newer_version);
  db_exec (f, newer);

  office = connect_ok (f->target);
  g_assert_false (redress_office_init (office, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_TOO_NEW);
  needle = g_strdup_printf ("The office database was made by a newer Redress (schema %d",
                            newer_version);
  g_assert_true (g_str_has_prefix (error->message, needle));
  g_clear_error (&error);

  g_assert_false (redress_office_check (office, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* Nothing changed */
  tables_after = table_list (f);
  g_assert_cmpstr (tables_after, ==, "schema_version");
  versions = db_value (f, "SELECT string_agg (version::text, ',') FROM redress.schema_version");
  g_free (needle);
  needle = g_strdup_printf ("%d", newer_version);
  g_assert_cmpstr (versions, ==, needle);

  /* The connection is usable after the refusal (no transaction left open) */
  g_assert_true (redress_office_exec (office, "SELECT 1", &error));
  g_assert_no_error (error);
}

static void
test_init_not_redress (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *found = NULL;

  NEEDS_SERVER ();

  db_exec (f, "CREATE SCHEMA redress; CREATE TABLE redress.other (x integer)");
  office = connect_ok (f->target);
  g_assert_false (redress_office_init (office, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_REDRESS);
  found = table_list (f);
  g_assert_cmpstr (found, ==, "other");
}

/* An account that may not create roles or schemas: refused, nothing made */
static void
test_init_not_allowed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *role = NULL;
  g_autofree char *target = NULL;
  g_autofree char *found = NULL;
  g_autofree char *revoke = NULL;

  NEEDS_SERVER ();

  role = make_role (f, "LOGIN", NULL);
  revoke = g_strdup_printf ("REVOKE CREATE ON DATABASE %s FROM PUBLIC", f->dbname);
  admin_exec (f, revoke);
  target = address_for (f->dbname, role, NULL);
  office = connect_ok (target);
  g_assert_false (redress_office_init (office, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, role));
  found = table_list (f);
  g_assert_cmpstr (found, ==, "");
}

/* What the roles may do, PostgreSQL's errors in one sentence */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autoptr(RedressOffice) staff = NULL;
  g_autoptr(RedressOffice) reader = NULL;
  g_autofree char *staff_role = NULL;
  g_autofree char *reader_role = NULL;
  g_autofree char *outsider_role = NULL;
  g_autofree char *target = NULL;
  g_autofree char *count = NULL;
  const char *insert = "INSERT INTO clients (file_number, family_name, given_names) "
                       "VALUES ('2026-0002', 'Nguyen', 'An')";

  NEEDS_SERVER ();

  office = connect_ok (f->target);
  g_assert_true (redress_office_init (office, NULL, &error));
  g_assert_no_error (error);

  staff_role = make_role (f, "LOGIN", "redress_staff");
  reader_role = make_role (f, "LOGIN", "redress_reader");
  outsider_role = make_role (f, "LOGIN", NULL);

  /* Staff: writes (the identity's sequence too), and every change is signed */
  target = address_for (f->dbname, staff_role, NULL);
  staff = connect_ok (target);
  g_assert_false (redress_office_get_read_only (staff));
  g_assert_true (redress_office_exec (staff, insert, &error));
  g_assert_no_error (error);
  {
    g_autofree char *who = db_value (f, "SELECT changed_by || ':' || version FROM redress.clients");
    g_autofree char *expected = g_strdup_printf ("%s:1", staff_role);
    g_assert_cmpstr (who, ==, expected);
  }
  /* A staff member may not change the schema's version */
  g_assert_false (redress_office_exec (staff, "DELETE FROM schema_version", &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Reader: reads; a write is refused in one sentence, nothing written */
  g_free (target);
  target = address_for (f->dbname, reader_role, NULL);
  reader = connect_ok (target);
  g_assert_true (redress_office_get_read_only (reader));
  {
    g_autoptr(PGresult) result = redress_office_query (reader, "SELECT count(*) FROM clients",
                                                       0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
  }
  g_assert_false (redress_office_exec (reader,
                                       "INSERT INTO clients (file_number, family_name, "
                                       "given_names) VALUES ('2026-0003', 'Roy', 'Luc')",
                                       &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message,
                                   "This account can only read the office database"));
  g_clear_error (&error);
  g_assert_false (redress_office_exec (reader, "UPDATE clients SET notes = 'x'", &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_READ_ONLY);
  g_clear_error (&error);
  count = db_value (f, "SELECT count(*) || ':' || max (notes) FROM redress.clients");
  g_assert_cmpstr (count, ==, "1:");

  /* A role in neither group may not even read */
  {
    g_autoptr(RedressOffice) outsider = NULL;
    g_autoptr(PGresult) result = NULL;

    g_free (target);
    target = address_for (f->dbname, outsider_role, NULL);
    outsider = connect_ok (target);
    g_assert_false (redress_office_get_read_only (outsider));
    result = redress_office_query (outsider, "SELECT count(*) FROM redress.clients", 0, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED);
  }
}

/* Versions and search, as the schema keeps them */
static void
test_versions_and_search (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  g_autofree char *hits = NULL;
  g_autofree char *blobs = NULL;

  NEEDS_SERVER ();

  office = connect_ok (f->target);
  g_assert_true (redress_office_init (office, NULL, &error));
  g_assert_true (redress_office_exec (office,
    "INSERT INTO clients (file_number, family_name, given_names) VALUES ('2026-0001', 'Roy', 'Luc');"
    "INSERT INTO cases (client_id, application_type, decision_date) "
    "  SELECT id, 'visitor-visa', '2026-01-15' FROM clients;"
    "INSERT INTO blobs VALUES (repeat ('a', 64), 3, '\\x010203'::bytea);"
    "INSERT INTO documents (case_id, kind, file_name, sha256, n_pages, has_text) "
    "  SELECT id, 'refusal-letter', 'letter.pdf', repeat ('a', 64), 1, true FROM cases;"
    "INSERT INTO pages (document_id, page_no, text, width, height) "
    "  SELECT id, 1, 'La DÉCISION de l''agent : refusée.', 612, 792 FROM documents;",
    &error));
  g_assert_no_error (error);

  /* Filling the list's keys is not an edit; a change of a field is */
  db_exec (f, "UPDATE redress.clients SET sort_key = 'roy luc', search_key = 'roy luc'");
  v1 = db_value (f, "SELECT version FROM redress.clients");
  db_exec (f, "UPDATE redress.clients SET notes = 'Called on Monday.'");
  v2 = db_value (f, "SELECT version FROM redress.clients");
  db_exec (f, "UPDATE redress.clients SET notes = 'Called on Monday.', version = 40");
  v3 = db_value (f, "SELECT version FROM redress.clients");
  g_assert_cmpstr (v1, ==, "1");
  g_assert_cmpstr (v2, ==, "2");
  g_assert_cmpstr (v3, ==, "2");

  /* A calendar date that does not exist is refused */
  g_assert_false (redress_office_exec (office, "UPDATE cases SET decision_date = '2026-02-30'",
                                       &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED);
  g_clear_error (&error);

  /* Case and accents ignored, prefixes */
  hits = db_value (f, "SELECT count(*) FILTER (WHERE text_search @@ to_tsquery ('simple', "
                      "  redress.search_fold ('decision'))) || ',' || "
                      "count(*) FILTER (WHERE text_search @@ to_tsquery ('simple', "
                      "  redress.search_fold ('Refus:*'))) || ',' || "
                      "count(*) FILTER (WHERE text_search @@ to_tsquery ('simple', "
                      "  redress.search_fold ('visa'))) FROM redress.pages");
  g_assert_cmpstr (hits, ==, "1,1,0");

  /* The blob goes with its last document */
  db_exec (f, "DELETE FROM redress.documents");
  blobs = db_value (f, "SELECT count(*) FROM redress.blobs");
  g_assert_cmpstr (blobs, ==, "0");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office/uri/remote-forces-tls", test_uri_remote_forces_tls);
  g_test_add_func ("/office/uri/remote-weaker-refused", test_uri_remote_weaker_refused);
  g_test_add_func ("/office/uri/password-refused", test_uri_password_refused);
  g_test_add_func ("/office/uri/local-allowed", test_uri_local_allowed);
  g_test_add_func ("/office/uri/invalid", test_uri_invalid);
  g_test_add_func ("/office/uri/effective", test_uri_effective);
  g_test_add_func ("/office/uri/service-file", test_uri_service_file);
  TEST_ADD ("/office/connect/ok", test_connect_ok);
  TEST_ADD ("/office/connect/errors", test_connect_errors);
  TEST_ADD ("/office/connect/password", test_connect_password);
  TEST_ADD ("/office/connect/tls", test_connect_tls);
  TEST_ADD ("/office/init/empty", test_init);
  TEST_ADD ("/office/init/twice", test_init_twice);
  TEST_ADD ("/office/init/too-new", test_init_too_new);
  TEST_ADD ("/office/init/not-redress", test_init_not_redress);
  TEST_ADD ("/office/init/not-allowed", test_init_not_allowed);
  TEST_ADD ("/office/roles", test_roles);
  TEST_ADD ("/office/versions-and-search", test_versions_and_search);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-office"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-office.h"

/*
 * RedressOffice: a connection to the office database, the PostgreSQL
 * database that the workstations of a firm share.
 *
 * Connecting goes through libpq's non-blocking calls (PQconnectStartParams,
 * PQconnectPoll), so that:
 *  - the security rule is applied to what libpq resolved from the address,
 *    a service file and the environment before anything is sent
 *    (redress_office_uri_check_effective());
 *  - the whole connection has a deadline (connect_timeout) however the
 *    network behaves;
 *  - the server's errors carry their SQLSTATE (verbose errors are asked for
 *    before the first message), and where the connection stopped (before
 *    the server answered, during TLS) is known, so that a failure is told
 *    in one sentence: server unreachable, TLS unavailable, certificate not
 *    trusted, host name mismatch, authentication failed, database missing,
 *    role not allowed.  libpq's and the server's own words go to the debug
 *    log only (redress-cli --verbose), as the SQLite side does.
 *
 * Host names are resolved by libpq in PQconnectStartParams(), which may
 * wait on DNS: call it off the main thread.
 */
struct _RedressOffice
{
  PGconn *conn;
  char *description;     /* user@host:port/db, for messages */
  char *user;
  gboolean read_only;    /* a member of redress_reader, not of redress_staff */
};

/* libpq's messages ------------------------------------------------------ */

/* libpq's translation domain (libpq5-15 for libpq 15) */
static const char *
libpq_domain (void)
{
  static char domain[32];

  if (domain[0] == '\0')
    g_snprintf (domain, sizeof domain, "libpq5-%d", PQlibVersion () / 10000);
  return domain;
}

/* Whether @message holds the text of @format (a printf format of libpq),
 * its fixed parts in order */
static gboolean
matches_format (const char *message,
                const char *format)
{
  g_autoptr(GRegex) conversions = g_regex_new ("%[0-9]*l*[sdu]", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (conversions, format, 0);
  const char *at = message;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *found;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      found = strstr (at, parts[i]);
      if (found == NULL)
        return FALSE;
      at = found + strlen (parts[i]);
    }
  return TRUE;
}

/* Whether @message holds libpq's @msgid, in English or in the language
 * libpq speaks here */
static gboolean
libpq_said (const char *message,
            const char *msgid)
{
  const char *translated = dgettext (libpq_domain (), msgid);

  return matches_format (message, msgid) ||
         (translated != msgid && matches_format (message, translated));
}

/* The SQLSTATE of the server's error in a verbose message
 * ("FATAL:  3D000: database ... does not exist"), or NULL */
static char *
find_sqlstate (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new (":  ([0-9A-Z]{5}): ", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (message == NULL || !g_regex_match (regex, message, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* Connecting ----------------------------------------------------------- */

typedef struct
{
  gboolean answered;     /* the server answered (past the TCP or socket connect) */
  gboolean tls;          /* TLS negotiation began */
  gboolean timed_out;
} Progress;

static void
note_progress (PGconn   *conn,
               Progress *progress)
{
  switch (PQstatus (conn))
    {
    case CONNECTION_SSL_STARTUP:
      progress->tls = TRUE;
      progress->answered = TRUE;
      break;
    case CONNECTION_OK:
    case CONNECTION_MADE:
    case CONNECTION_AWAITING_RESPONSE:
    case CONNECTION_AUTH_OK:
    case CONNECTION_SETENV:
    case CONNECTION_CHECK_WRITABLE:
    case CONNECTION_CONSUME:
    case CONNECTION_GSS_STARTUP:
    case CONNECTION_CHECK_TARGET:
    case CONNECTION_CHECK_STANDBY:
      progress->answered = TRUE;
      break;
    case CONNECTION_BAD:
    case CONNECTION_STARTED:
    case CONNECTION_NEEDED:
    default:
      break;
    }
}

/* What libpq resolved for @keyword (with the service file, the
 * environment and its defaults) */
static char *
effective_option (PGconn     *conn,
                  const char *keyword)
{
  PQconninfoOption *options = PQconninfo (conn);
  char *value = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

/* One sentence for why @conn failed; libpq's words to the debug log */
static void
set_connect_error (PGconn                  *conn,
                   const RedressOfficeUri  *uri,
                   const Progress          *progress,
                   GError                 **error)
{
  const char *message = conn ? PQerrorMessage (conn) : "out of memory";
  g_autofree char *where = redress_office_uri_describe (uri);
  g_autofree char *sqlstate = find_sqlstate (message);
  g_autofree char *user = conn && PQuser (conn) ? g_strdup (PQuser (conn)) : NULL;
  g_autofree char *dbname = conn && PQdb (conn) ? g_strdup (PQdb (conn)) : NULL;
  g_autofree char *detail = g_strchomp (g_strdup (message));

  g_debug ("Connecting to the office database at %s failed%s: %s", where,
           progress->timed_out ? " (no answer in time)" : "", detail);

  if (progress->timed_out)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_UNREACHABLE,
                 _("The office database server at %s did not answer within %u seconds: check "
                   "the address and the network, and that the server is running."),
                 where, redress_office_uri_get_timeout (uri));
  else if (g_strcmp0 (sqlstate, "3D000") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_DATABASE_MISSING,
                 _("The office database server at %s has no database “%s”: check its name in "
                   "the address."), where, dbname ? dbname : "");
  else if (g_strcmp0 (sqlstate, "28P01") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_AUTH_FAILED,
                 _("The office database server at %s refused the password of “%s”: check the "
                   "user name and the password."), where, user ? user : "");
  else if (g_strcmp0 (sqlstate, "28000") == 0 || g_strcmp0 (sqlstate, "42501") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_ROLE_NOT_ALLOWED,
                 _("The office database server at %s does not let “%s” sign in to the "
                   "database “%s”: ask whoever manages it to allow this account."),
                 where, user ? user : "", dbname ? dbname : "");
  else if (g_strcmp0 (sqlstate, "57P03") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_UNREACHABLE,
                 _("The office database server at %s is starting or stopping: try again in a "
                   "moment."), where);
  else if (sqlstate != NULL)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The office database server at %s refused the connection (%s)."),
                 where, sqlstate);
  else if (conn != NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_AUTH_FAILED,
                 _("The office database server at %s asks for the password of “%s”, and none "
                   "was given."), where, user ? user : "");
  else if (libpq_said (message, "server does not support SSL, but SSL was required\n"))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_TLS_UNAVAILABLE,
                 _("The office database server at %s does not offer an encrypted connection "
                   "(TLS), which Redress requires: ask whoever manages it to turn TLS on."),
                 where);
  else if (libpq_said (message, "server certificate for \"%s\" does not match host name \"%s\"\n") ||
           libpq_said (message, "could not get server's host name from server certificate\n") ||
           strstr (message, "does not match host name") != NULL)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_HOST_MISMATCH,
                 _("The certificate of the office database server is not made out to “%s”: "
                   "the address may be wrong, or another server is answering in its place."),
                 conn && PQhost (conn) ? PQhost (conn) : where);
  else if (strstr (message, "certificate verify failed") != NULL ||
           libpq_said (message, "root certificate file \"%s\" does not exist\n") ||
           libpq_said (message, "could not read root certificate file \"%s\": %s\n"))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_CERTIFICATE_UNTRUSTED,
                 _("The certificate of the office database server at %s is not signed by an "
                   "authority this computer trusts: ask whoever manages the server for its "
                   "authority’s certificate (root.crt)."), where);
  else if (!progress->answered)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_UNREACHABLE,
                 _("The office database server at %s cannot be reached: check the address "
                   "and the network, and that the server is running."), where);
  else if (progress->tls)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_TLS_UNAVAILABLE,
                 _("The encrypted connection (TLS) to the office database server at %s could "
                   "not be set up."), where);
  else
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("Redress could not connect to the office database at %s."), where);
}

/*
 * Starts a connection with @uri's parameters and applies the security
 * rule to what libpq resolved.  Returns the connection started (its first
 * poll done), or NULL with @error set; *@restart when it must start again
 * with TLS forced.
 */
static PGconn *
start_connection (const RedressOfficeUri  *uri,
                  gboolean                *restart,
                  GError                 **error)
{
  PGconn *conn;
  g_autofree char *host = NULL;
  g_autofree char *hostaddr = NULL;
  g_autofree char *sslmode = NULL;
  Progress progress = { 0 };

  *restart = FALSE;
  conn = PQconnectStartParams (redress_office_uri_get_keywords (uri),
                               redress_office_uri_get_values (uri), 0);
  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    {
      if (conn != NULL)
        note_progress (conn, &progress);
      set_connect_error (conn, uri, &progress, error);
      g_clear_pointer (&conn, PQfinish);
      return NULL;
    }
  /* The server's errors with their SQLSTATE, from its first answer */
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);

  host = effective_option (conn, "host");
  hostaddr = effective_option (conn, "hostaddr");
  sslmode = effective_option (conn, "sslmode");
  if (!redress_office_uri_check_effective (uri, host, hostaddr, sslmode, restart, error) ||
      *restart)
    {
      g_debug ("Not connecting to %s with sslmode=%s as libpq resolved it%s",
               host ? host : hostaddr, sslmode ? sslmode : "(default)",
               *restart ? ": again with verify-full" : "");
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

/* Polls @conn to the end, within its deadline */
static gboolean
finish_connection (PGconn                  *conn,
                   const RedressOfficeUri  *uri,
                   GError                 **error)
{
  Progress progress = { 0 };
  gint64 deadline;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;

  /* libpq counts connect_timeout per host when it blocks; here it is the
   * whole connection's, for each host the address names */
  {
    const char *hosts = redress_office_uri_get (uri, "host");
    guint n_hosts = 1;

    for (const char *p = hosts; p != NULL && *p; p++)
      n_hosts += *p == ',';
    deadline = g_get_monotonic_time () +
               (gint64) redress_office_uri_get_timeout (uri) * n_hosts * G_USEC_PER_SEC;
  }

  note_progress (conn, &progress);
  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      struct pollfd pfd = { 0 };
      gint64 remaining = (deadline - g_get_monotonic_time ()) / 1000;
      int rc;

      if (remaining <= 0)
        {
          progress.timed_out = TRUE;
          break;
        }
      pfd.fd = PQsocket (conn);
      pfd.events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
      if (pfd.fd < 0)
        break;
      rc = poll (&pfd, 1, (int) MIN (remaining, G_MAXINT));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc == 0)
        {
          progress.timed_out = TRUE;
          break;
        }
      status = PQconnectPoll (conn);
      note_progress (conn, &progress);
    }

  if (status == PGRES_POLLING_OK && PQstatus (conn) == CONNECTION_OK)
    return TRUE;
  set_connect_error (conn, uri, &progress, error);
  return FALSE;
}

/* Whether the role may only read: a member of redress_reader and not of
 * redress_staff (a superuser is a member of every role) */
static gboolean
read_role_membership (RedressOffice  *self,
                      GError        **error)
{
  g_autoptr(PGresult) result = NULL;

  result = redress_office_query (self,
                                 "SELECT coalesce (bool_or (rolname = 'redress_reader'), false) "
                                 "  AND NOT coalesce (bool_or (rolname = 'redress_staff'), false) "
                                 "FROM pg_catalog.pg_roles "
                                 "WHERE rolname IN ('redress_staff', 'redress_reader') "
                                 "  AND pg_catalog.pg_has_role (oid, 'USAGE')",
                                 0, NULL, error);
  if (result == NULL)
    return FALSE;
  self->read_only = g_str_equal (PQgetvalue (result, 0, 0), "t");
  return TRUE;
}

/**
 * redress_office_connect_uri:
 * @uri: where the office database is (redress_office_uri_parse())
 *
 * Connects, within the address's connect_timeout, and sets the search
 * path to the office schema.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set (a
 *   #RedressOfficeError)
 */
RedressOffice *
redress_office_connect_uri (const RedressOfficeUri  *uri,
                            GError                 **error)
{
  g_autoptr(RedressOffice) self = NULL;
  g_autoptr(RedressOfficeUri) forced = NULL;
  PGconn *conn;
  gboolean restart = FALSE;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = start_connection (uri, &restart, error);
  if (conn == NULL && restart)
    {
      /* A server elsewhere that a service or $PGHOST named */
      forced = redress_office_uri_copy (uri);
      redress_office_uri_force_tls (forced);
      uri = forced;
      conn = start_connection (uri, &restart, error);
    }
  if (conn == NULL)
    return NULL;

  self = g_new0 (RedressOffice, 1);
  self->conn = conn;
  self->description = redress_office_uri_describe (uri);
  if (!finish_connection (conn, uri, error))
    return NULL;
  self->user = g_strdup (PQuser (conn));
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);

  g_debug ("Connected to the office database at %s as %s (server %d, %s)", self->description,
           self->user, PQserverVersion (conn),
           PQsslInUse (conn) ? PQsslAttribute (conn, "protocol") : "not encrypted");

  if (!redress_office_exec (self, "SELECT pg_catalog.set_config ('search_path', '"
                                  REDRESS_OFFICE_SCHEMA "', false)", error) ||
      !read_role_membership (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * redress_office_connect:
 * @target: a postgresql:// URI, service=NAME, or key=value words
 *
 * Parses @target (redress_office_uri_parse()) and connects.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
RedressOffice *
redress_office_connect (const char  *target,
                        GError     **error)
{
  g_autoptr(RedressOfficeUri) uri = NULL;

  g_return_val_if_fail (target != NULL, NULL);

  uri = redress_office_uri_parse (target, error);
  if (uri == NULL)
    return NULL;
  return redress_office_connect_uri (uri, error);
}

/* Statements ----------------------------------------------------------- */

/**
 * redress_office_set_result_error:
 * @result: (nullable): a failed result (%NULL: the connection failed)
 *
 * Sets @error from what the server said, in one sentence; its own words
 * go to the debug log.
 *
 * Returns: %FALSE
 */
gboolean
redress_office_set_result_error (RedressOffice   *self,
                                 const PGresult  *result,
                                 GError         **error)
{
  const char *sqlstate = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *detail = g_strchomp (g_strdup (result ? PQresultErrorMessage (result)
                                                         : PQerrorMessage (self->conn)));

  g_return_val_if_fail (self != NULL, FALSE);

  g_debug ("PostgreSQL error %s on %s: %s", sqlstate ? sqlstate : "(none)",
           self->description, detail);

  if (PQstatus (self->conn) == CONNECTION_BAD ||
      (sqlstate != NULL && (g_str_has_prefix (sqlstate, "08") ||
                            g_str_has_prefix (sqlstate, "57P"))))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_UNREACHABLE,
                 _("The connection to the office database at %s was lost."), self->description);
  else if (g_strcmp0 (sqlstate, "42501") == 0 && self->read_only)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_READ_ONLY,
                 _("This account can only read the office database: ask whoever manages it "
                   "to add “%s” to redress_staff to make changes."), self->user);
  else if (g_strcmp0 (sqlstate, "42501") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED,
                 _("The office database does not allow “%s” to do this: ask whoever manages it "
                   "to add the account to redress_staff or redress_reader."), self->user);
  else if (g_strcmp0 (sqlstate, "25006") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_READ_ONLY,
                 _("The office database at %s is a read-only copy, so nothing was changed."),
                 self->description);
  else if (sqlstate != NULL && g_str_has_prefix (sqlstate, "23"))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The change was refused because it would make the record inconsistent."));
  else if (g_strcmp0 (sqlstate, "40001") == 0 || g_strcmp0 (sqlstate, "40P01") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("Another workstation was changing the same records, so nothing was "
                   "changed: try again."));
  else if (g_strcmp0 (sqlstate, "53100") == 0)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The office database server is out of disk space, so nothing was saved."));
  else if (sqlstate != NULL)
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The office database reported an error (%s)."), sqlstate);
  else
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The office database reported an error."));
  return FALSE;
}

/**
 * redress_office_query:
 * @sql: one statement, with $1... for @values
 * @values: (array length=n_params) (nullable): text values (NULL is SQL NULL)
 *
 * Returns: (transfer full): the result of a successful statement, or
 *   %NULL with @error set
 */
PGresult *
redress_office_query (RedressOffice       *self,
                      const char          *sql,
                      int                  n_params,
                      const char * const  *values,
                      GError             **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  result = PQexecParams (self->conn, sql, n_params, NULL, (const char * const *) values,
                         NULL, NULL, 0);
  status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      redress_office_set_result_error (self, result, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/**
 * redress_office_exec:
 * @sql: statements without parameters (several, separated by ";")
 *
 * Returns: %TRUE if every statement succeeded
 */
gboolean
redress_office_exec (RedressOffice  *self,
                     const char     *sql,
                     GError        **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  result = PQexec (self->conn, sql);
  status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    return redress_office_set_result_error (self, result, error);
  return TRUE;
}

/* Accessors ------------------------------------------------------------ */

PGconn *
redress_office_get_connection (RedressOffice *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->conn;
}

/* "alice@db.example.com/office", for messages */
const char *
redress_office_get_description (RedressOffice *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description;
}

/* The PostgreSQL role connected: the person the timeline names */
const char *
redress_office_get_user (RedressOffice *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user;
}

/* Whether the role may only read (redress_reader) */
gboolean
redress_office_get_read_only (RedressOffice *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->read_only;
}

/**
 * redress_office_free:
 *
 * Closes the connection (a transaction still open is rolled back by the
 * server).
 */
void
redress_office_free (RedressOffice *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->description);
  g_free (self->user);
  g_free (self);
}

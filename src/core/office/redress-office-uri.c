/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-office"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libpq-fe.h>

#include "redress-office-uri.h"

/*
 * The address of an office database, as a consultant or the firm's IT
 * writes it: a URI (postgresql://alice@db.example.com/office), a service
 * of pg_service.conf (service=office) or libpq's key=value words.  libpq
 * reads it (PQconninfoParse), so that Redress accepts exactly what psql
 * does; then Redress applies its rules:
 *
 *  - no password in the address: a consultant's goes to the keyring, and
 *    IT's PGPASSWORD or .pgpass still work, as libpq reads them;
 *  - a server anywhere but on this computer (loopback, a Unix socket) is
 *    reached over TLS with its certificate checked against its name:
 *    sslmode=verify-full is added, and a weaker sslmode refused.  When the
 *    host comes from a service or the environment, the same rule is
 *    applied to what libpq resolved (redress_office_uri_check_effective(),
 *    called by the connection before anything is sent);
 *  - a connection never waits for ever: connect_timeout, 10 s unless the
 *    address says otherwise (0, "wait for ever", is not honoured).
 *
 * The result is a list of keywords and values for PQconnectStartParams().
 */

G_DEFINE_QUARK (redress-office-error-quark, redress_office_error)

struct _RedressOfficeUri
{
  GPtrArray *keywords;      /* NULL-terminated, owned strings */
  GPtrArray *values;        /* NULL-terminated, owned strings */
  gboolean sslmode_given;   /* the address set sslmode */
  gboolean hosts_given;     /* the address set host or hostaddr */
  gboolean tls_forced;      /* Redress added sslmode=verify-full */
  guint timeout;
};

static const char * const ssl_modes[] = {
  "disable", "allow", "prefer", "require", "verify-ca", "verify-full", NULL,
};

/* Helpers -------------------------------------------------------------- */

static int
find_keyword (const RedressOfficeUri *uri,
              const char             *keyword)
{
  for (guint i = 0; i + 1 < uri->keywords->len; i++)
    if (g_str_equal (g_ptr_array_index (uri->keywords, i), keyword))
      return (int) i;
  return -1;
}

/* Sets @keyword to @value (replacing what the address said) */
static void
set_option (RedressOfficeUri *uri,
            const char       *keyword,
            const char       *value)
{
  int i = find_keyword (uri, keyword);

  if (i >= 0)
    {
      g_free (g_ptr_array_index (uri->values, i));
      g_ptr_array_index (uri->values, i) = g_strdup (value);
      return;
    }
  /* Before the terminating NULL */
  g_ptr_array_insert (uri->keywords, (int) uri->keywords->len - 1, g_strdup (keyword));
  g_ptr_array_insert (uri->values, (int) uri->values->len - 1, g_strdup (value));
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/**
 * redress_office_address_is_local:
 * @address: (nullable): a host name, an IP address or a socket folder
 *
 * Returns: %TRUE for an address on this computer: a Unix socket (a folder,
 *   or an abstract name starting with "@"), "localhost", or a loopback
 *   address (127.0.0.0/8, ::1).  No address is libpq's default Unix socket.
 */
gboolean
redress_office_address_is_local (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (!is_set (address))
    return TRUE;
  if (address[0] == '/' || address[0] == '@')
    return TRUE;
  if (g_ascii_strcasecmp (address, "localhost") == 0)
    return TRUE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

/* Whether every host of @hosts / @hostaddrs (libpq's comma-separated
 * lists; a host's hostaddr is where libpq connects) is on this computer */
static gboolean
hosts_are_local (const char *hosts,
                 const char *hostaddrs)
{
  g_auto(GStrv) host_list = g_strsplit (hosts ? hosts : "", ",", -1);
  g_auto(GStrv) addr_list = g_strsplit (hostaddrs ? hostaddrs : "", ",", -1);
  guint n = MAX (g_strv_length (host_list), g_strv_length (addr_list));

  for (guint i = 0; i < MAX (n, 1); i++)
    {
      const char *host = i < g_strv_length (host_list) ? host_list[i] : NULL;
      const char *addr = i < g_strv_length (addr_list) ? addr_list[i] : NULL;

      if (!redress_office_address_is_local (is_set (addr) ? addr : host))
        return FALSE;
    }
  return TRUE;
}

static void
set_insecure_error (const char  *where,
                    const char  *sslmode,
                    GError     **error)
{
  g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INSECURE,
               _("The office database at %s is not on this computer, so Redress connects to it "
                 "only encrypted with its certificate verified: sslmode=%s is not allowed "
                 "(leave sslmode out, or write sslmode=verify-full)."),
               where, sslmode);
}

/* Parsing -------------------------------------------------------------- */

/**
 * redress_office_uri_looks_like:
 * @text: what was given as a database
 *
 * Returns: %TRUE if @text is meant as the address of an office database
 *   (postgresql://, postgres://, or libpq's key=value words) rather than
 *   the path of an SQLite file
 */
gboolean
redress_office_uri_looks_like (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return g_str_has_prefix (text, "postgresql://") || g_str_has_prefix (text, "postgres://") ||
         g_str_has_prefix (text, "service=") || g_str_has_prefix (text, "host=") ||
         g_str_has_prefix (text, "dbname=");
}

/**
 * redress_office_uri_parse:
 * @target: a postgresql:// URI, service=NAME, or key=value words
 *
 * Reads @target with libpq and applies Redress's rules to it (see above).
 *
 * Returns: (transfer full): the connection's parameters, or %NULL with
 *   @error set (%REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
 *   %REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS or
 *   %REDRESS_OFFICE_ERROR_INSECURE)
 */
RedressOfficeUri *
redress_office_uri_parse (const char  *target,
                          GError     **error)
{
  g_autoptr(RedressOfficeUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  PQconninfoOption *options;
  char *message = NULL;
  const char *sslmode, *timeout;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (target));
  if (*trimmed == '\0')
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                   _("The address of the office database is empty: write "
                     "postgresql://USER@HOST/DATABASE, or service=NAME for a service of "
                     "pg_service.conf."));
      return NULL;
    }

  /* The address itself is not echoed: it may hold a password */
  options = PQconninfoParse (target, &message);
  if (options == NULL)
    {
      g_debug ("libpq cannot read the office database address: %s",
               message ? g_strchomp (message) : "out of memory");
      PQfreemem (message);
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                   _("The address of the office database is not valid: write "
                     "postgresql://USER@HOST/DATABASE, or service=NAME for a service of "
                     "pg_service.conf."));
      return NULL;
    }

  uri = g_new0 (RedressOfficeUri, 1);
  uri->keywords = g_ptr_array_new_with_free_func (g_free);
  uri->values = g_ptr_array_new_with_free_func (g_free);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL)
      {
        g_ptr_array_add (uri->keywords, g_strdup (o->keyword));
        g_ptr_array_add (uri->values, g_strdup (o->val));
      }
  g_ptr_array_add (uri->keywords, NULL);
  g_ptr_array_add (uri->values, NULL);
  PQconninfoFree (options);

  if (is_set (redress_office_uri_get (uri, "password")) ||
      is_set (redress_office_uri_get (uri, "sslpassword")))
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS,
                   _("The address of the office database contains a password, which an "
                     "address must not hold: remove it. Redress keeps your password in the "
                     "keyring (libpq’s PGPASSWORD and .pgpass file also work)."));
      return NULL;
    }

  sslmode = redress_office_uri_get (uri, "sslmode");
  uri->sslmode_given = sslmode != NULL;
  if (sslmode != NULL && !g_strv_contains (ssl_modes, sslmode))
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                   _("sslmode=%s in the address of the office database is not a mode of "
                     "PostgreSQL: write sslmode=verify-full, or leave it out."), sslmode);
      return NULL;
    }

  timeout = redress_office_uri_get (uri, "connect_timeout");
  uri->timeout = REDRESS_OFFICE_CONNECT_TIMEOUT;
  if (timeout != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (timeout, 10, 0, 3600, &seconds, NULL))
        {
          g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
                       _("connect_timeout=%s in the address of the office database is not a "
                         "number of seconds (1 to 3600)."), timeout);
          return NULL;
        }
      /* 0 would wait for ever */
      if (seconds > 0)
        uri->timeout = (guint) seconds;
    }
  {
    g_autofree char *seconds = g_strdup_printf ("%u", uri->timeout);
    set_option (uri, "connect_timeout", seconds);
  }

  uri->hosts_given = redress_office_uri_get (uri, "host") != NULL ||
                     redress_office_uri_get (uri, "hostaddr") != NULL;
  if (uri->hosts_given &&
      !hosts_are_local (redress_office_uri_get (uri, "host"),
                        redress_office_uri_get (uri, "hostaddr")))
    {
      if (sslmode != NULL && !g_str_equal (sslmode, "verify-full"))
        {
          g_autofree char *where = redress_office_uri_describe (uri);

          set_insecure_error (where, sslmode, error);
          return NULL;
        }
      redress_office_uri_force_tls (uri);
    }

  /* What the office's server shows in pg_stat_activity, unless IT says
   * otherwise; and the text of every record in UTF-8, whatever the
   * server's or the environment's encoding */
  if (redress_office_uri_get (uri, "fallback_application_name") == NULL)
    set_option (uri, "fallback_application_name", "redress");
  set_option (uri, "client_encoding", "UTF8");

  return g_steal_pointer (&uri);
}

RedressOfficeUri *
redress_office_uri_copy (const RedressOfficeUri *uri)
{
  RedressOfficeUri *copy;

  g_return_val_if_fail (uri != NULL, NULL);

  copy = g_memdup2 (uri, sizeof *uri);
  copy->keywords = g_ptr_array_copy (uri->keywords, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  copy->values = g_ptr_array_copy (uri->values, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (copy->keywords, g_free);
  g_ptr_array_set_free_func (copy->values, g_free);
  return copy;
}

void
redress_office_uri_free (RedressOfficeUri *uri)
{
  if (uri == NULL)
    return;
  g_clear_pointer (&uri->keywords, g_ptr_array_unref);
  g_clear_pointer (&uri->values, g_ptr_array_unref);
  g_free (uri);
}

/* Reading -------------------------------------------------------------- */

/**
 * redress_office_uri_get:
 *
 * Returns: (nullable): the value of @keyword (a libpq connection
 *   parameter) as Redress will pass it, or %NULL when it is not set
 */
const char *
redress_office_uri_get (const RedressOfficeUri *uri,
                        const char             *keyword)
{
  int i;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (keyword != NULL, NULL);

  i = find_keyword (uri, keyword);
  return i >= 0 ? g_ptr_array_index (uri->values, i) : NULL;
}

/* The arrays for PQconnectStartParams() (expand_dbname 0) */
const char * const *
redress_office_uri_get_keywords (const RedressOfficeUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return (const char * const *) uri->keywords->pdata;
}

const char * const *
redress_office_uri_get_values (const RedressOfficeUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return (const char * const *) uri->values->pdata;
}

guint
redress_office_uri_get_timeout (const RedressOfficeUri *uri)
{
  g_return_val_if_fail (uri != NULL, REDRESS_OFFICE_CONNECT_TIMEOUT);
  return uri->timeout;
}

/**
 * redress_office_uri_to_conninfo:
 *
 * Returns: (transfer full): the parameters as libpq's key='value' words
 *   (for the debug log and the tests; it never holds a password)
 */
char *
redress_office_uri_to_conninfo (const RedressOfficeUri *uri)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (uri != NULL, NULL);

  for (guint i = 0; i + 1 < uri->keywords->len; i++)
    {
      const char *value = g_ptr_array_index (uri->values, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s='", (const char *) g_ptr_array_index (uri->keywords, i));
      for (const char *p = value; *p; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
    }
  return g_string_free (out, FALSE);
}

/**
 * redress_office_uri_describe:
 *
 * Returns: (transfer full): where the database is, for messages:
 *   "alice@db.example.com:5432/office", "the service “office”"
 */
char *
redress_office_uri_describe (const RedressOfficeUri *uri)
{
  const char *user, *host, *port, *dbname, *service;
  GString *out;

  g_return_val_if_fail (uri != NULL, NULL);

  user = redress_office_uri_get (uri, "user");
  host = redress_office_uri_get (uri, "host");
  if (!is_set (host))
    host = redress_office_uri_get (uri, "hostaddr");
  port = redress_office_uri_get (uri, "port");
  dbname = redress_office_uri_get (uri, "dbname");
  service = redress_office_uri_get (uri, "service");

  if (is_set (service) && !is_set (host))
    return g_strdup_printf (_("the service “%s”"), service);

  out = g_string_new (NULL);
  if (is_set (user))
    g_string_append_printf (out, "%s@", user);
  g_string_append (out, is_set (host) ? host : _("the local server"));
  if (is_set (port))
    g_string_append_printf (out, ":%s", port);
  if (is_set (dbname))
    g_string_append_printf (out, "/%s", dbname);
  return g_string_free (out, FALSE);
}

/* The rule ------------------------------------------------------------- */

/**
 * redress_office_uri_is_local:
 *
 * Returns: %TRUE if the address names only hosts on this computer (or
 *   none, and no service: libpq's default socket).  A host that a service
 *   or $PGHOST gives is known only when connecting.
 */
gboolean
redress_office_uri_is_local (const RedressOfficeUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  if (!uri->hosts_given)
    return redress_office_uri_get (uri, "service") == NULL;
  return hosts_are_local (redress_office_uri_get (uri, "host"),
                          redress_office_uri_get (uri, "hostaddr"));
}

/* Whether Redress added sslmode=verify-full */
gboolean
redress_office_uri_get_tls_forced (const RedressOfficeUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return uri->tls_forced;
}

/**
 * redress_office_uri_force_tls:
 *
 * Sets sslmode=verify-full, and, unless the address chose, no GSSAPI
 * encryption (which libpq would otherwise prefer to TLS).
 */
void
redress_office_uri_force_tls (RedressOfficeUri *uri)
{
  g_return_if_fail (uri != NULL);

  set_option (uri, "sslmode", "verify-full");
  if (redress_office_uri_get (uri, "gssencmode") == NULL)
    set_option (uri, "gssencmode", "disable");
  uri->tls_forced = TRUE;
}

/**
 * redress_office_uri_check_effective:
 * @host: (nullable): the hosts libpq resolved (PQconninfo())
 * @hostaddr: (nullable): their addresses, if given
 * @sslmode: (nullable): the sslmode libpq resolved
 * @force_tls: (out): set when the connection must start again with
 *   sslmode=verify-full
 *
 * Applies the rule to what libpq made of the address with the service
 * file and the environment, before anything is sent: a server elsewhere
 * with libpq's default sslmode (prefer) is connected to again with
 * verify-full; with a weaker sslmode set anywhere, it is refused.
 *
 * Returns: %FALSE with @error set (%REDRESS_OFFICE_ERROR_INSECURE) if the
 *   connection must not go on
 */
gboolean
redress_office_uri_check_effective (const RedressOfficeUri  *uri,
                                    const char              *host,
                                    const char              *hostaddr,
                                    const char              *sslmode,
                                    gboolean                *force_tls,
                                    GError                 **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (force_tls != NULL, FALSE);

  *force_tls = FALSE;
  if (hosts_are_local (host, hostaddr) || g_strcmp0 (sslmode, "verify-full") == 0)
    return TRUE;

  if ((sslmode == NULL || g_str_equal (sslmode, "prefer")) && !uri->sslmode_given &&
      g_getenv ("PGSSLMODE") == NULL)
    {
      *force_tls = TRUE;
      return TRUE;
    }

  {
    g_autofree char *where = g_strdup (is_set (host) ? host : hostaddr);

    set_insecure_error (where, sslmode ? sslmode : "prefer", error);
  }
  return FALSE;
}

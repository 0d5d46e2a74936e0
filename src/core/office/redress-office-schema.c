/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-office"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-office.h"

/*
 * The office database's schema: migrations numbered like the SQLite ones
 * (data/sql/postgresql/NNNN-*.sql, compiled in as resources), each
 * recorded in redress.schema_version, then the two group roles and their
 * GRANTs (roles.sql).  redress_office_init() does all of it in one
 * transaction, under a lock that a second workstation initializing at the
 * same moment waits for: the database ends up as the app needs it, or as
 * it was.
 */

#define OFFICE_SQL_PATH "/ca/redress/Redress/office/sql"
#define OFFICE_ROLES_RESOURCE "/ca/redress/Redress/office/roles.sql"

/* pg_advisory_xact_lock()'s key for initializing ("RDRS" + 1) */
#define OFFICE_INIT_LOCK "1380209236"

typedef struct
{
  int version;
  char *resource;
} Migration;

static void
migration_clear (gpointer data)
{
  g_free (((Migration *) data)->resource);
}

static gint
migration_compare (gconstpointer a,
                   gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

static GArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (OFFICE_SQL_PATH, 0, NULL);
  GArray *migrations = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (migrations, migration_clear);
  for (guint i = 0; names && names[i]; i++)
    {
      Migration m;

      if (!g_str_has_suffix (names[i], ".sql") || !g_ascii_isdigit (names[i][0]))
        continue;
      m.version = (int) g_ascii_strtoll (names[i], NULL, 10);
      m.resource = g_strdup_printf ("%s/%s", OFFICE_SQL_PATH, names[i]);
      g_array_append_val (migrations, m);
    }
  g_array_sort (migrations, migration_compare);
  return migrations;
}

/**
 * redress_office_latest_version:
 *
 * Returns: the office schema version this build of Redress makes
 */
int
redress_office_latest_version (void)
{
  g_autoptr(GArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;
  return g_array_index (migrations, Migration, migrations->len - 1).version;
}

static char *
load_script (const char  *resource,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resources_lookup_data (resource, 0, &local_error);
  if (bytes == NULL)
    {
      g_debug ("%s: %s", resource, local_error->message);
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                   _("This build of Redress lacks the office database’s schema."));
      return NULL;
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/**
 * redress_office_get_schema_version:
 * @version: (out): the schema version, 0 for a database without one
 *
 * Returns: %FALSE with @error set if the database holds a schema
 *   "redress" that is not Redress's, or cannot be read
 */
gboolean
redress_office_get_schema_version (RedressOffice  *self,
                                   int            *version,
                                   GError        **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  *version = 0;
  result = redress_office_query (self,
                                 "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace "
                                 "               WHERE nspname = '" REDRESS_OFFICE_SCHEMA "'), "
                                 "  pg_catalog.to_regclass ('" REDRESS_OFFICE_SCHEMA
                                 ".schema_version') IS NOT NULL",
                                 0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (g_str_equal (PQgetvalue (result, 0, 0), "f"))
    return TRUE;
  if (g_str_equal (PQgetvalue (result, 0, 1), "f"))
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_REDRESS,
                   _("The office database at %s holds a schema “%s” that Redress did not "
                     "make, so it was left as it is."),
                   redress_office_get_description (self), REDRESS_OFFICE_SCHEMA);
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  result = redress_office_query (self,
                                 "SELECT coalesce (max (version), 0) FROM "
                                 REDRESS_OFFICE_SCHEMA ".schema_version",
                                 0, NULL, error);
  if (result == NULL)
    return FALSE;
  *version = (int) g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  return TRUE;
}

static gboolean
check_not_newer (RedressOffice  *self,
                 int             version,
                 GError        **error)
{
  if (version <= redress_office_latest_version ())
    return TRUE;
  g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_TOO_NEW,
               _("The office database was made by a newer Redress (schema %d; this version "
                 "knows up to %d). Update Redress on this workstation to use it. The database "
                 "was left as it is."), version, redress_office_latest_version ());
  return FALSE;
}

/* The migrations after @from, then the roles, in the transaction open */
static gboolean
apply_migrations (RedressOffice  *self,
                  int             from,
                  GError        **error)
{
  g_autoptr(GArray) migrations = list_migrations ();
  g_autofree char *roles = NULL;

  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *m = &g_array_index (migrations, Migration, i);
      g_autofree char *script = NULL;
      g_autofree char *record = NULL;

      if (m->version <= from)
        continue;
      script = load_script (m->resource, error);
      if (script == NULL)
        return FALSE;
      g_debug ("Office database at %s: schema %d", redress_office_get_description (self),
               m->version);
      record = g_strdup_printf ("INSERT INTO " REDRESS_OFFICE_SCHEMA ".schema_version (version) "
                                "VALUES (%d)", m->version);
      if (!redress_office_exec (self, script, error) ||
          !redress_office_exec (self, record, error))
        return FALSE;
    }

  roles = load_script (OFFICE_ROLES_RESOURCE, error);
  return roles != NULL && redress_office_exec (self, roles, error);
}

/* Rewords a failure inside the initialization */
static void
set_init_error (RedressOffice  *self,
                GError         *local_error,
                GError        **error)
{
  if (g_error_matches (local_error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED) ||
      g_error_matches (local_error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_READ_ONLY))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_ALLOWED,
                 _("“%s” may not set up the office database, so it was left as it was: run "
                   "this as the database’s owner, with the right to create roles."),
                 redress_office_get_user (self));
  else if (g_error_matches (local_error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED))
    g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_FAILED,
                 _("The office database could not be set up, so it was left as it was. Run "
                   "with --verbose for the server’s words."));
  else
    g_propagate_error (error, g_error_copy (local_error));
}

/**
 * redress_office_init:
 * @from_version: (out) (optional): the schema version found
 *
 * Brings the office database to this Redress's schema: creates it in an
 * empty database, or adds the migrations it lacks, then creates the group
 * roles redress_staff and redress_reader if the server has none and
 * grants them what they may do.  All in one transaction; a schema newer
 * than this Redress, or one that is not Redress's, is refused and left as
 * it is.  Running it again changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
redress_office_init (RedressOffice  *self,
                     int            *from_version,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  int version = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!redress_office_exec (self, "BEGIN ISOLATION LEVEL READ COMMITTED", error))
    return FALSE;
  if (!redress_office_exec (self, "SELECT pg_catalog.pg_advisory_xact_lock (" OFFICE_INIT_LOCK ")",
                            &local_error) ||
      !redress_office_get_schema_version (self, &version, &local_error) ||
      !check_not_newer (self, version, &local_error) ||
      !apply_migrations (self, version, &local_error) ||
      !redress_office_exec (self, "COMMIT", &local_error))
    {
      redress_office_exec (self, "ROLLBACK", NULL);
      set_init_error (self, local_error, error);
      return FALSE;
    }

  if (from_version != NULL)
    *from_version = version;
  return TRUE;
}

/**
 * redress_office_check:
 * @version: (out) (optional): the schema version
 *
 * Checks that the office database holds this Redress's schema.
 *
 * Returns: %FALSE with @error set if it has none or an older one
 *   (%REDRESS_OFFICE_ERROR_NOT_INITIALIZED), or a newer one
 */
gboolean
redress_office_check (RedressOffice  *self,
                      int            *version,
                      GError        **error)
{
  int found = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!redress_office_get_schema_version (self, &found, error) ||
      !check_not_newer (self, found, error))
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_INITIALIZED,
                   _("The office database at %s has no Redress schema yet: set it up with "
                     "“redress-cli office init”."), redress_office_get_description (self));
      return FALSE;
    }
  if (found < redress_office_latest_version ())
    {
      g_set_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_INITIALIZED,
                   _("The office database at %s has the schema of an older Redress (schema %d, "
                     "this version needs %d): update it with “redress-cli office init”."),
                   redress_office_get_description (self), found, redress_office_latest_version ());
      return FALSE;
    }
  if (version != NULL)
    *version = found;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "redress-db-private.h"
#include "redress-error.h"
#include "redress-file-util.h"

#define MIGRATIONS_PATH "/ca/redress/Redress/sql"

/*
 * RedressDb: the connection to the one SQLite database that holds a
 * consultant's files, for the stores built on it.
 *
 * Opening identifies the file before anything writes to it, notices damage,
 * checks an older schema against what its version says and migrates it.
 * The connection belongs to the thread that opened it; work that may take
 * long (a backup) opens its own connection in a worker thread.
 *
 * Statements are prepared once per SQL text and kept.  Every write is one
 * transaction (redress_db_transaction(), or begin/commit/rollback, which
 * nest through savepoints); change notifications are queued and handed to
 * the notify function only once the outermost transaction has committed,
 * so a listener never hears of a change that was rolled back.
 */
struct _RedressDb
{
  sqlite3 *handle;
  char *path;
  int version;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  guint depth;              /* transaction nesting */
  GArray *pending;          /* RedressDbChange */
  GArray *marks;            /* guint: pending->len when each savepoint began */
  gboolean damaged;         /* SQLite reported damage: nothing more is written */
  RedressDbNotifyFunc notify;
  gpointer notify_data;
};

static RedressDbStepHook step_hook;

/* Errors ------------------------------------------------------------------ */

void
redress_db_set_step_hook (RedressDbStepHook hook)
{
  step_hook = hook;
}

void
redress_db_step_reached (const char *step,
                         const char *path)
{
  if (step_hook != NULL)
    step_hook (step, path);
}

/*
 * One sentence a consultant understands for what SQLite reported; SQLite's
 * own words go to the debug log (redress-cli --verbose shows them).
 */
gboolean
redress_db_set_error (sqlite3     *db,
                       int          rc,
                       const char  *path,
                       GError     **error)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int system_errno = db ? sqlite3_system_errno (db) : 0;
  int primary = rc & 0xff;

  g_debug ("SQLite error %d on %s: %s%s%s", rc, path ? path : "(no file)", detail,
           system_errno ? "; " : "", system_errno ? g_strerror (system_errno) : "");

  if (primary == SQLITE_FULL ||
      (primary == SQLITE_IOERR &&
       (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The disk is full, so nothing was saved: free some space on it, then "
                     "try again."));
      return FALSE;
    }

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_BUSY,
                   _("The database is in use by another program (another Redress window or "
                     "redress-cli). Try again in a moment."));
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("“%s” is not a Redress database, or it is damaged: restore it from a "
                     "backup."), path ? path : "");
      break;
    case SQLITE_READONLY:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("The database “%s” is read-only, so nothing was changed: check that you "
                     "may write to the file and to its folder."), path ? path : "");
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("The database “%s” cannot be opened: check that the folder exists and "
                     "that you may write to it."), path ? path : "");
      break;
    case SQLITE_IOERR:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The disk failed to read or write “%s”, so nothing was saved: check that "
                     "it has free space, then try again."), path ? path : "");
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("The change was refused because it would make the record inconsistent (%s)."),
                   detail);
      break;
    default:
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_FAILED,
                   _("The database reported an error: %s."), detail);
      break;
    }
  return FALSE;
}

/**
 * redress_db_error:
 * @rc: what SQLite returned
 *
 * Sets @error from @rc (and remembers damage: nothing more is written).
 *
 * Returns: %FALSE
 */
gboolean
redress_db_error (RedressDb  *db,
                  int         rc,
                  GError    **error)
{
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    db->damaged = TRUE;
  return redress_db_set_error (db->handle, rc, db->path, error);
}

gboolean
redress_db_exec_on (sqlite3     *handle,
                    const char  *sql,
                    const char  *path,
                    GError     **error)
{
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return redress_db_set_error (handle, rc, path, error);
  return TRUE;
}

/* Schema ------------------------------------------------------------------ */

/* Schema ------------------------------------------------------------------ */

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
  g_auto(GStrv) names = NULL;
  GArray *migrations = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (migrations, migration_clear);
  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  for (guint i = 0; names && names[i]; i++)
    {
      Migration m;

      if (!g_str_has_suffix (names[i], ".sql") || !g_ascii_isdigit (names[i][0]))
        continue;
      m.version = (int) g_ascii_strtoll (names[i], NULL, 10);
      m.resource = g_strdup_printf ("%s/%s", MIGRATIONS_PATH, names[i]);
      g_array_append_val (migrations, m);
    }
  g_array_sort (migrations, migration_compare);
  return migrations;
}

/**
 * redress_db_latest_version:
 *
 * Returns: the schema version this build of Redress writes
 */
int
redress_db_latest_version (void)
{
  g_autoptr(GArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;
  return g_array_index (migrations, Migration, migrations->len - 1).version;
}

gboolean
redress_db_pragma_int (sqlite3     *db,
            const char  *sql,
            const char  *path,
            int         *out,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return redress_db_set_error (db, rc, path, error);
  return TRUE;
}

/* Checks what kind of database @db holds, without writing anything. */
gboolean
redress_db_check_identity (sqlite3     *db,
                const char  *path,
                int         *version,
                GError     **error)
{
  int application_id = 0;
  int n_objects = 0;

  if (!redress_db_pragma_int (db, "PRAGMA application_id", path, &application_id, error) ||
      !redress_db_pragma_int (db, "PRAGMA user_version", path, version, error) ||
      !redress_db_pragma_int (db, "SELECT count(*) FROM sqlite_master", path, &n_objects, error))
    return FALSE;

  if (application_id == 0 && *version == 0 && n_objects == 0)
    return TRUE;  /* a new, empty database */

  if (application_id != REDRESS_DB_APPLICATION_ID)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is a database of another program, not a Redress database. "
                     "It was left as it is."), path);
      return FALSE;
    }

  if (*version > redress_db_latest_version ())
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Redress (schema %d; this version "
                     "reads up to %d). Update Redress to open it. The file was left as it is."),
                   path, *version, redress_db_latest_version ());
      return FALSE;
    }

  /* SQLite writes whole pages: a file that ends inside a page was cut
   * short (an interrupted copy), and SQLite would read the rest as zeros. */
  {
    GStatBuf st;
    int page_size = 0;

    if (!redress_db_pragma_int (db, "PRAGMA page_size", path, &page_size, error))
      return FALSE;
    if (page_size > 0 && g_stat (path, &st) == 0 && st.st_size % page_size != 0)
      {
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                     _("“%s” is damaged: the file is incomplete. Restore it from a backup."),
                     path);
        return FALSE;
      }
  }

  return TRUE;
}

gboolean
redress_db_migrate (sqlite3     *db,
         const char  *path,
         int          from,
         int          to,
         GError     **error)
{
  g_autoptr(GArray) migrations = list_migrations ();

  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *m = &g_array_index (migrations, Migration, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *script = NULL;
      g_autofree char *pragmas = NULL;
      g_autoptr(GError) local_error = NULL;

      if (m->version <= from || m->version > to)
        continue;

      bytes = g_resources_lookup_data (m->resource, 0, &local_error);
      if (bytes == NULL)
        {
          g_debug ("%s: %s", m->resource, local_error->message);
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_FAILED,
                       _("The database could not be updated to version %d of Redress, so it "
                         "was left as it was."), m->version);
          return FALSE;
        }
      script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                 m->version, REDRESS_DB_APPLICATION_ID);

      if (!redress_db_exec_on (db, "BEGIN IMMEDIATE", path, error))
        return FALSE;
      if (!redress_db_exec_on (db, script, path, &local_error) ||
          !redress_db_exec_on (db, pragmas, path, &local_error))
        {
          redress_db_exec_on (db, "ROLLBACK", path, NULL);
          /* A full disk, a read-only file, a busy database say so; anything
           * else is one sentence, the detail in the debug log */
          if (g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_IO) ||
              g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_OPEN) ||
              g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_BUSY))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_debug ("%s: migration to version %d failed: %s", path, m->version,
                   local_error->message);
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_FAILED,
                       _("The database could not be updated to version %d of Redress, so it "
                         "was left as it was."), m->version);
          return FALSE;
        }
      if (!redress_db_exec_on (db, "COMMIT", path, error))
        {
          redress_db_exec_on (db, "ROLLBACK", path, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* Creates @path with mode 0600 if it does not exist yet. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  if (errno == EEXIST)
    return TRUE;

  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
               _("The database “%s” cannot be created: %s."), path, g_strerror (errno));
  return FALSE;
}

sqlite3 *
redress_db_open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      redress_db_set_error (db, rc, path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, REDRESS_DB_BUSY_TIMEOUT_MS);
  return db;
}

/* A new database is written whole beside @path, then takes the name only
 * if it is still free: the name never holds a half-made database (an
 * empty file after a crash), and never replaces a file */
static gboolean
create_database (const char  *path,
                 GError     **error)
{
  g_autoptr(RedressFileReplace) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db;
  gboolean ok;

  if (g_access (dir, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("The database “%s” cannot be created: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  file = redress_file_replace_new (path, REDRESS_FILE_BACKUP_PREFIX, error);
  if (file == NULL)
    return FALSE;
  db = redress_db_open_connection (redress_file_replace_get_path (file), SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;
  ok = redress_db_exec_on (db, "PRAGMA synchronous = FULL", path, error) &&
       redress_db_migrate (db, path, 0, redress_db_latest_version (), error);
  sqlite3_close (db);
  if (!ok)
    return FALSE;
  redress_db_step_reached ("create-written", redress_file_replace_get_path (file));

  if (!redress_file_replace_commit_new (file, &local_error))
    {
      /* Another Redress created it meanwhile: open that one */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Only a name that does not exist becomes a new database: an existing
 * file that is empty (or not a file) is not a database, and is left as
 * it is.  An empty file with a write-ahead log beside it is a database
 * whose pages are all still in the log. */
static gboolean
check_existing (const char  *path,
                GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st, wal_st;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* SQLite says why it cannot be opened */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is not an ordinary file (a device or a pipe), so it is not a Redress "
                     "database. It was left as it is."), path);
      return FALSE;
    }
  if (st.st_size > 0 || (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0))
    return TRUE;

  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
               _("“%s” is an empty file, not a Redress database. It was left as it is: to "
                 "start a new database, give the name of a file that does not exist yet."),
               path);
  return FALSE;
}

/**
 * redress_db_migrate_file_to:
 * @path: a database file
 * @version: the schema version to bring it to
 *
 * For tests: creates or migrates @path up to @version exactly, as an older
 * Redress would have left it.
 */
gboolean
redress_db_migrate_file_to (const char  *path,
                               int          version,
                               GError     **error)
{
  sqlite3 *db;
  int current = 0;
  gboolean ok;

  if (!create_private_file (path, error))
    return FALSE;
  db = redress_db_open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;
  /* Version 0: an SQLite file without tables, as an older Redress left
   * it when it stopped before the first migration (an empty file is not
   * a database) */
  ok = redress_db_exec_on (db, "PRAGMA journal_mode = WAL", path, error) &&
       redress_db_check_identity (db, path, &current, error) &&
       redress_db_migrate (db, path, current, version, error);
  sqlite3_close (db);
  return ok;
}

/* Damage and schema checks */

/* Runs @sql (an integrity pragma) and gathers what it reports; %TRUE with
 * an empty @problems when all is well */
static gboolean
gather_problems (sqlite3     *db,
                 const char  *sql,
                 const char  *path,
                 GString     *problems,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      /* Damage so deep that the check itself stops is damage too */
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        {
          g_string_append (problems, sqlite3_errstr (rc));
          return TRUE;
        }
      return redress_db_set_error (db, rc, path, error);
    }
  return TRUE;
}

gboolean
redress_db_integrity_check (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  if (!gather_problems (db, "PRAGMA integrity_check(10)", path, problems, error))
    return FALSE;

  if (problems->len == 0)
    {
      rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (problems, _("a %s row refers to a missing record"),
                                (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  if (problems->len > 0)
    {
      g_debug ("%s: %s", path, problems->str);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database “%s” is damaged: restore it from a backup "
                     "(redress-cli restore FILE)."), path);
      return FALSE;
    }
  return TRUE;
}

/* The cheap check made on every open: the structure of every page, not the
 * contents of the indexes */
static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  if (!gather_problems (db, "PRAGMA quick_check(1)", path, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_debug ("%s: %s", path, problems->str);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database “%s” is damaged, so Redress will not write to it. "
                     "Restore your latest backup (redress-cli restore FILE)."), path);
      return FALSE;
    }
  return TRUE;
}

/* The tables, indexes, triggers and views of @db with their columns, one
 * line each, in order */
static char *
schema_signature (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *signature = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
          "SELECT group_concat (line, char (10)) FROM ("
          " SELECT m.type || ' ' || m.name || ' ' || m.tbl_name || ' ' || coalesce ("
          "  (SELECT group_concat (c, ',') FROM ("
          "    SELECT p.name || ':' || p.type || ':' || p.\"notnull\" || ':' || p.pk AS c"
          "    FROM pragma_table_info (m.name) AS p ORDER BY p.cid)), '') AS line"
          " FROM sqlite_master AS m WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
          " ORDER BY m.type, m.name)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      signature = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      redress_db_set_error (db, rc, path, error);
      return NULL;
    }
  return signature != NULL ? signature : g_strdup ("");
}

/* Checks that @db has exactly the tables and columns that the migrations up
 * to @version give (compared with a scratch database in memory) */
gboolean
redress_db_check_schema (sqlite3     *db,
              const char  *path,
              int          version,
              GError     **error)
{
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  sqlite3 *scratch = NULL;

  if (version >= 1)
    {
      scratch = redress_db_open_connection (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
      if (scratch == NULL)
        return FALSE;
      if (redress_db_migrate (scratch, ":memory:", 0, version, error))
        expected = schema_signature (scratch, ":memory:", error);
      sqlite3_close (scratch);
      if (expected == NULL)
        return FALSE;
      actual = schema_signature (db, path, error);
      if (actual == NULL)
        return FALSE;
    }

  if (version < 1 || g_strcmp0 (expected, actual) != 0)
    {
      g_debug ("%s: schema %d expected\n%s\nbut found\n%s", path, version, expected, actual);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The tables of “%s” are not those of the Redress version it claims to be "
                     "(schema %d): it was changed by another program. It was left as it is."),
                   path, version);
      return FALSE;
    }
  return TRUE;
}


/* Opening ----------------------------------------------------------------- */

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/**
 * redress_db_open:
 * @path: the database file
 *
 * Opens and migrates a Redress database; a @path that does not exist
 * becomes a new database (mode 0600).  A file that is not a Redress
 * database (an empty file among them), is damaged, or was written by a
 * newer version is refused and left byte for byte as it was.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
RedressDb *
redress_db_open (const char  *path,
                 GError     **error)
{
  return redress_db_open_full (path, REDRESS_DB_OPEN_DEFAULT, error);
}

/**
 * redress_db_open_full:
 * @flags: %REDRESS_DB_OPEN_CHECK_LATER: a database already at the latest
 *   schema is not read whole for damage before it is used; the caller
 *   checks it with redress_db_quick_check_file() on a thread of its own
 *   and calls redress_db_set_damaged() when it is damaged.  (Reading a
 *   firm's database whole takes seconds; one to be migrated is always
 *   checked first.)
 *
 * Like redress_db_open().
 */
RedressDb *
redress_db_open_full (const char          *path,
                      RedressDbOpenFlags   flags,
                      GError             **error)
{
  g_autoptr(RedressDb) self = NULL;
  GStatBuf st;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }

  /* What a backup or a restore ended by a crash left beside the database */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    redress_file_remove_stale (dir);
  }

  if (g_lstat (path, &st) != 0 && errno == ENOENT)
    {
      if (!create_database (path, error))
        return NULL;
    }
  else if (!check_existing (path, error))
    return NULL;

  self = g_new0 (RedressDb, 1);
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (RedressDbChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->handle = redress_db_open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self->handle == NULL)
    return NULL;

  /* Identify the file before anything writes to it, notice damage, and
   * check that an older schema is the one its version says before
   * migrating it. */
  if (!redress_db_check_identity (self->handle, path, &version, error))
    return NULL;
  if (version > 0)
    {
      if (((flags & REDRESS_DB_OPEN_CHECK_LATER) == 0 || version != redress_db_latest_version ()) &&
          !quick_check (self->handle, path, error))
        return NULL;
      if (version < redress_db_latest_version () &&
          !redress_db_check_schema (self->handle, path, version, error))
        return NULL;
    }

  if (!redress_db_exec_on (self->handle, "PRAGMA journal_mode = WAL", path, error) ||
      !redress_db_exec_on (self->handle, "PRAGMA synchronous = FULL", path, error) ||
      !redress_db_exec_on (self->handle, "PRAGMA foreign_keys = ON", path, error))
    return NULL;

  if (!redress_db_migrate (self->handle, path, version, redress_db_latest_version (), error))
    return NULL;
  self->version = redress_db_latest_version ();

  return g_steal_pointer (&self);
}

/**
 * redress_db_quick_check_file:
 *
 * The check redress_db_open() makes, on a connection of its own (read
 * only): may run on any thread while the database is in use.
 *
 * Returns: %FALSE with %REDRESS_ERROR_DAMAGED when @path is damaged
 */
gboolean
redress_db_quick_check_file (const char  *path,
                             GError     **error)
{
  sqlite3 *handle = redress_db_open_connection (path, SQLITE_OPEN_READONLY, error);
  gboolean ok;

  if (handle == NULL)
    return FALSE;
  ok = quick_check (handle, path, error);
  sqlite3_close (handle);
  return ok;
}

/**
 * redress_db_set_damaged:
 *
 * Nothing more is written to @db: every transaction is refused, saying
 * how to restore.
 */
void
redress_db_set_damaged (RedressDb *db)
{
  db->damaged = TRUE;
}

gboolean
redress_db_get_damaged (RedressDb *db)
{
  return db->damaged;
}

void
redress_db_free (RedressDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_clear_pointer (&db->pending, g_array_unref);
  g_clear_pointer (&db->marks, g_array_unref);
  g_free (db->path);
  g_free (db);
}

const char *
redress_db_get_path (RedressDb *db)
{
  return db->path;
}

int
redress_db_get_version (RedressDb *db)
{
  return db->version;
}

sqlite3 *
redress_db_get_handle (RedressDb *db)
{
  return db->handle;
}

/**
 * redress_db_set_notify_func:
 * @func: (nullable): told of the changes of each committed transaction
 */
void
redress_db_set_notify_func (RedressDb           *db,
                            RedressDbNotifyFunc  func,
                            gpointer             user_data)
{
  db->notify = func;
  db->notify_data = user_data;
}

/**
 * redress_db_check:
 *
 * Checks the integrity of the whole database and its schema version.
 */
gboolean
redress_db_check (RedressDb  *db,
                  GError    **error)
{
  int version = 0;

  if (!redress_db_integrity_check (db->handle, db->path, error) ||
      !redress_db_check_identity (db->handle, db->path, &version, error))
    return FALSE;
  if (version != redress_db_latest_version ())
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database is at schema version %d, expected %d."),
                   version, redress_db_latest_version ());
      return FALSE;
    }
  return redress_db_check_schema (db->handle, db->path, version, error);
}

/* Statements -------------------------------------------------------------- */

/**
 * redress_db_prepare:
 * @sql: one statement
 *
 * Returns: (transfer none): the statement for @sql, prepared once and kept
 *   by @db, reset and with no bindings; %NULL with @error set
 */
RedressDbStmt *
redress_db_prepare (RedressDb   *db,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs a statement that returns no rows (or ignores them), then resets it */
gboolean
redress_db_step_done (RedressDb      *db,
                      RedressDbStmt  *stmt,
                      GError        **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Runs @sql (one or more statements, not kept) */
gboolean
redress_db_exec (RedressDb   *db,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return redress_db_error (db, rc, error);
  return TRUE;
}

gint64
redress_db_last_insert_id (RedressDb *db)
{
  return sqlite3_last_insert_rowid (db->handle);
}

/* Rows changed by the latest INSERT, UPDATE or DELETE */
int
redress_db_changes (RedressDb *db)
{
  return sqlite3_changes (db->handle);
}

/* @text, or SQL NULL for %NULL */
void
redress_db_bind_text (RedressDbStmt *stmt,
                      int            index,
                      const char    *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Transactions and change notifications ----------------------------------- */

static void
flush_changes (RedressDb *db)
{
  g_autoptr(GArray) pending = db->pending;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GHashTable) seen = NULL;

  db->pending = g_array_new (FALSE, FALSE, sizeof (RedressDbChange));
  if (pending->len == 0 || db->notify == NULL)
    return;

  /* Once per record, in the order of the first change: repeats are
   * dropped here, so that a batch of thousands of writes does not scan
   * the queue each time */
  changes = g_array_sized_new (FALSE, FALSE, sizeof (RedressDbChange), pending->len);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < pending->len; i++)
    {
      RedressDbChange *p = &g_array_index (pending, RedressDbChange, i);
      char *key = g_strdup_printf ("%p:%" G_GINT64_FORMAT, p->entity, p->id);

      if (g_hash_table_add (seen, key))
        g_array_append_val (changes, *p);
    }
  /* @db may be gone once this returns (a listener dropped the last
   * reference to its owner): nothing of it is used after */
  db->notify ((const RedressDbChange *) changes->data, changes->len, db->notify_data);
}

/**
 * redress_db_queue_change:
 * @entity: what changed ("client", "ground", "document"...)
 * @id: its id
 *
 * Announces a change once the write is for good: at once outside a
 * transaction, after the outermost commit inside one (and never, if the
 * transaction or the savepoint it was made in is rolled back).
 */
void
redress_db_queue_change (RedressDb  *db,
                         const char *entity,
                         gint64      id)
{
  RedressDbChange change = { g_intern_string (entity), id };

  g_array_append_val (db->pending, change);
  if (db->depth == 0)
    flush_changes (db);
}

/**
 * redress_db_begin:
 *
 * Starts a transaction, or a savepoint inside one.  Pair with
 * redress_db_commit() or redress_db_rollback().
 */
gboolean
redress_db_begin (RedressDb  *db,
                  GError    **error)
{
  if (db->damaged)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database “%s” is damaged, so Redress will not write to it. "
                     "Restore your latest backup (redress-cli restore FILE)."), db->path);
      return FALSE;
    }
  if (!redress_db_exec_on (db->handle, db->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
                           db->path, error))
    return FALSE;
  if (db->depth > 0)
    g_array_append_val (db->marks, db->pending->len);
  db->depth++;
  return TRUE;
}

/* A commit that fails rolls back */
gboolean
redress_db_commit (RedressDb  *db,
                   GError    **error)
{
  g_return_val_if_fail (db->depth > 0, FALSE);

  if (!redress_db_exec_on (db->handle, db->depth == 1 ? "COMMIT" : "RELEASE nested", db->path,
                           error))
    {
      redress_db_rollback (db);
      return FALSE;
    }
  db->depth--;
  if (db->depth == 0)
    flush_changes (db);
  else
    g_array_set_size (db->marks, db->marks->len - 1);  /* kept by the outer level */
  return TRUE;
}

void
redress_db_rollback (RedressDb *db)
{
  g_return_if_fail (db->depth > 0);

  if (db->depth == 1)
    {
      redress_db_exec_on (db->handle, "ROLLBACK", db->path, NULL);
      g_array_set_size (db->pending, 0);
    }
  else
    {
      guint mark = g_array_index (db->marks, guint, db->marks->len - 1);

      redress_db_exec_on (db->handle, "ROLLBACK TO nested", db->path, NULL);
      redress_db_exec_on (db->handle, "RELEASE nested", db->path, NULL);
      /* What was written since the savepoint never happened: forget its
       * change notifications too */
      g_array_set_size (db->marks, db->marks->len - 1);
      if (db->pending->len > mark)
        g_array_set_size (db->pending, mark);
    }
  db->depth--;
}

/**
 * redress_db_transaction:
 * @func: the writes
 *
 * Runs @func in one transaction (a savepoint inside another): commits if
 * it returns %TRUE, rolls back if it returns %FALSE or the commit fails.
 */
gboolean
redress_db_transaction (RedressDb        *db,
                        RedressDbTxFunc   func,
                        gpointer          data,
                        GError          **error)
{
  if (!redress_db_begin (db, error))
    return FALSE;
  if (!func (data, error))
    {
      redress_db_rollback (db);
      return FALSE;
    }
  return redress_db_commit (db, error);
}

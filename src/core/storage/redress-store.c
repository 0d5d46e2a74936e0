/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "redress-error.h"
#include "redress-file-util.h"
#include "redress-record-private.h"
#include "redress-store-private.h"

#define MIGRATIONS_PATH "/ca/redress/Redress/sql"
#define BUSY_TIMEOUT_MS 5000

/*
 * RedressStore: the one SQLite database that holds a consultant's files.
 *
 * The connection belongs to the thread that opened it (the main thread in
 * the application); work that may take long (backup) opens its own
 * connection in a worker thread.  Every write is one transaction; change
 * notifications are queued and emitted only once the outermost transaction
 * has committed, so a listener never sees a change that was rolled back.
 */
struct _RedressStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  int version;
  GDateTime *now;
  char *actor;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  guint depth;              /* transaction nesting */
  GArray *pending;          /* PendingChange */
  GArray *marks;            /* guint: pending->len when each savepoint began */
  gboolean damaged;         /* SQLite reported damage: nothing more is written */
};

typedef struct
{
  GQuark entity;
  gint64 id;
} PendingChange;

G_DEFINE_FINAL_TYPE (RedressStore, redress_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RedressStoreStepHook step_hook;

/* Helpers ---------------------------------------------------------------- */

void
redress_store_set_step_hook (RedressStoreStepHook hook)
{
  step_hook = hook;
}

static void
step_reached (const char *step,
              const char *path)
{
  if (step_hook != NULL)
    step_hook (step, path);
}

/*
 * One sentence a consultant understands for what SQLite reported; SQLite's
 * own words go to the debug log (redress-cli --verbose shows them).
 */
static gboolean
set_error_from_sqlite (sqlite3     *db,
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

static gboolean
store_error (RedressStore  *self,
             int            rc,
             GError       **error)
{
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    self->damaged = TRUE;
  return set_error_from_sqlite (self->db, rc, self->path, error);
}

static sqlite3_stmt *
prepare (RedressStore  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      const char  *path,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error_from_sqlite (db, rc, path, error);
  return TRUE;
}

void
redress_store_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Runs a statement that returns no rows (or ignores them). */
static gboolean
step_done (RedressStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      store_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
now_timestamp (RedressStore *self)
{
  g_autoptr(GDateTime) now = redress_store_dup_now (self);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
queue_change (RedressStore *self,
              const char   *entity,
              gint64        id)
{
  PendingChange change = { g_quark_from_static_string (entity), id };

  /* Repeats are dropped when the changes are announced: a batch of
   * thousands of writes must not scan the queue each time */
  g_array_append_val (self->pending, change);
}

static void flush_changes (RedressStore *self);

/**
 * redress_store_queue_change:
 * @entity: what changed ("ground", "document", "checklist"...), the
 *   signal's detail
 * @id: its id
 *
 * Announces a change once the write is for good: at once outside a
 * transaction, after the outermost commit inside one (and never, if the
 * transaction is rolled back).  For the stores built on this one.
 */
void
redress_store_queue_change (RedressStore *self,
                            const char   *entity,
                            gint64        id)
{
  g_return_if_fail (REDRESS_IS_STORE (self));

  queue_change (self, g_intern_string (entity), id);
  if (self->depth == 0)
    flush_changes (self);
}

static void
flush_changes (RedressStore *self)
{
  g_autoptr(GArray) pending = self->pending;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_object_ref (self);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *p = &g_array_index (pending, PendingChange, i);
      char *key = g_strdup_printf ("%u:%" G_GINT64_FORMAT, p->entity, p->id);

      /* Once per record, in the order of the first change */
      if (!g_hash_table_add (seen, key))
        continue;
      g_signal_emit (self, signals[CHANGED], p->entity, g_quark_to_string (p->entity), p->id);
    }
  g_object_unref (self);
}

static gboolean
log_event (RedressStore  *self,
           const char    *entity,
           gint64         client_id,
           gint64         case_id,
           const char    *kind,
           const char    *field,
           const char    *old_value,
           const char    *new_value,
           GError       **error)
{
  g_autofree char *at = now_timestamp (self);
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO events (at, actor, entity, client_id, case_id, kind, field, "
                  "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  redress_store_bind_text (stmt, 1, at);
  redress_store_bind_text (stmt, 2, self->actor);
  redress_store_bind_text (stmt, 3, entity);
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 4, client_id);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 5, case_id);
  redress_store_bind_text (stmt, 6, kind);
  redress_store_bind_text (stmt, 7, field);
  redress_store_bind_text (stmt, 8, old_value);
  redress_store_bind_text (stmt, 9, new_value);
  return step_done (self, stmt, error);
}

/* Records ----------------------------------------------------------------- */

static RedressRecordClass *
record_class (RedressRecord *record)
{
  return REDRESS_RECORD_GET_CLASS (record);
}

static void
bind_field (sqlite3_stmt          *stmt,
            int                    index,
            const RedressFieldDef *def,
            const char            *value)
{
  if (def->kind == REDRESS_FIELD_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_strcmp0 (value, "true") == 0);
  else
    redress_store_bind_text (stmt, index, value);
}

static const char *
read_field (sqlite3_stmt          *stmt,
            int                    column,
            const RedressFieldDef *def)
{
  if (def->kind == REDRESS_FIELD_BOOLEAN)
    return sqlite3_column_int (stmt, column) ? "true" : "false";
  return column_text (stmt, column);
}

/* "family_name, given_names, ..." */
static char *
field_columns (RedressRecordClass *klass,
               const char         *prefix)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (s, "%s%s%s", i ? ", " : "", prefix, klass->fields[i].column);
  return g_string_free (s, FALSE);
}

/* SELECT id, <fields>, archived, created_at, updated_at <extra> FROM table */
static char *
select_sql (RedressRecordClass *klass,
            const char         *extra_columns,
            const char         *tail)
{
  g_autofree char *columns = field_columns (klass, "t.");

  return g_strdup_printf ("SELECT t.id, %s, t.archived, t.created_at, t.updated_at%s FROM %s AS t %s",
                          columns, extra_columns ? extra_columns : "", klass->table, tail);
}

/* Fills @record from a row of select_sql(); returns the next column index. */
static int
fill_record (RedressRecord *record,
             sqlite3_stmt  *stmt)
{
  RedressRecordClass *klass = record_class (record);
  int col = 0;

  /* Rows are read in bulk (the client list reads them all): values from
   * the database are already normalized and nobody watches a new object */
  redress_record_set_id (record, sqlite3_column_int64 (stmt, col++));
  for (guint i = 0; i < klass->n_fields; i++)
    redress_record_load_value (record, i, read_field (stmt, col++, &klass->fields[i]));
  redress_record_set_archived (record, sqlite3_column_int (stmt, col++));
  redress_record_set_timestamps (record, column_text (stmt, col), column_text (stmt, col + 1));
  col += 2;
  return col;
}

static gboolean
validate_record (RedressRecord  *record,
                 GError        **error)
{
  if (!redress_record_validate (record, error))
    return FALSE;
  if (REDRESS_IS_CASE (record) && !redress_case_check_dates (REDRESS_CASE (record), error))
    return FALSE;
  return TRUE;
}

static gint64
record_client_id (RedressRecord *record)
{
  if (REDRESS_IS_CASE (record))
    return redress_case_get_client_id (REDRESS_CASE (record));
  if (REDRESS_IS_CLIENT (record))
    return redress_record_get_id (record);
  return 0;
}

static gint64
record_case_id (RedressRecord *record)
{
  return REDRESS_IS_CASE (record) ? redress_record_get_id (record) : 0;
}

/*
 * Writes the fields of @record that differ from its row, one timeline
 * event per changed field.  The caller holds a transaction.
 */
static gboolean
update_record (RedressStore   *self,
               RedressRecord  *record,
               GError        **error)
{
  RedressRecordClass *klass = record_class (record);
  g_autofree char *sql = NULL;
  g_autoptr(GString) update = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) old_values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;
  int rc;

  /* The firm profile is one row that cannot be deleted: no deleted_at */
  sql = select_sql (klass, NULL, REDRESS_IS_FIRM (record)
                                   ? "WHERE t.id = ?"
                                   : "WHERE t.id = ? AND t.deleted_at IS NULL");
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_record_get_id (record));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This record no longer exists: it may have been deleted."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return store_error (self, rc, error);
    }

  for (guint i = 0; i < klass->n_fields; i++)
    g_ptr_array_add (old_values, g_strdup (read_field (stmt, (int) i + 1, &klass->fields[i])));
  sqlite3_reset (stmt);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *old_value = g_ptr_array_index (old_values, i);
      const char *new_value = redress_record_get_value (record, i);

      if (g_strcmp0 (old_value, new_value) == 0)
        continue;
      changed = TRUE;
      if (!log_event (self, klass->entity, record_client_id (record), record_case_id (record),
                      "changed", klass->fields[i].name, old_value, new_value, error))
        return FALSE;
    }

  if (!changed)
    return TRUE;

  update = g_string_new ("UPDATE ");
  g_string_append_printf (update, "%s SET ", klass->table);
  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (update, "%s = ?, ", klass->fields[i].column);
  g_string_append (update, "updated_at = ? WHERE id = ?");

  stmt = prepare (self, update->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    bind_field (stmt, (int) i + 1, &klass->fields[i], redress_record_get_value (record, i));
  now = now_timestamp (self);
  redress_store_bind_text (stmt, (int) klass->n_fields + 1, now);
  sqlite3_bind_int64 (stmt, (int) klass->n_fields + 2, redress_record_get_id (record));
  if (!step_done (self, stmt, error))
    return FALSE;

  redress_record_set_timestamps (record, redress_record_get_created_at (record), now);
  queue_change (self, klass->entity, redress_record_get_id (record));
  return TRUE;
}

/* INSERT INTO table (<extra>, <fields>, created_at, updated_at) */
static gboolean
insert_record (RedressStore   *self,
               RedressRecord  *record,
               const char     *extra_column,
               const char     *extra_value,
               GError        **error)
{
  RedressRecordClass *klass = record_class (record);
  g_autofree char *columns = field_columns (klass, "");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *now = now_timestamp (self);
  sqlite3_stmt *stmt;
  int col = 1;

  g_string_printf (sql, "INSERT INTO %s (%s, %s, created_at, updated_at) VALUES (?",
                   klass->table, extra_column, columns);
  for (guint i = 0; i < klass->n_fields + 2; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  redress_store_bind_text (stmt, col++, extra_value);
  for (guint i = 0; i < klass->n_fields; i++)
    bind_field (stmt, col++, &klass->fields[i], redress_record_get_value (record, i));
  redress_store_bind_text (stmt, col++, now);
  redress_store_bind_text (stmt, col++, now);
  if (!step_done (self, stmt, error))
    return FALSE;

  redress_record_set_id (record, sqlite3_last_insert_rowid (self->db));
  redress_record_set_timestamps (record, now, now);
  queue_change (self, klass->entity, redress_record_get_id (record));
  return TRUE;
}

/* Runs @func in one transaction; rolls back if it fails. */
typedef gboolean (*WriteFunc) (RedressStore *self, gpointer data, GError **error);

static gboolean
in_transaction (RedressStore  *self,
                WriteFunc      func,
                gpointer       data,
                GError       **error)
{
  if (!redress_store_begin (self, error))
    return FALSE;
  if (!func (self, data, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  return redress_store_commit (self, error);
}

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
 * redress_store_latest_version:
 *
 * Returns: the schema version this build of Redress writes
 */
int
redress_store_latest_version (void)
{
  g_autoptr(GArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;
  return g_array_index (migrations, Migration, migrations->len - 1).version;
}

static gboolean
pragma_int (sqlite3     *db,
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
    return set_error_from_sqlite (db, rc, path, error);
  return TRUE;
}

/* Checks what kind of database @db holds, without writing anything. */
static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                int         *version,
                GError     **error)
{
  int application_id = 0;
  int n_objects = 0;

  if (!pragma_int (db, "PRAGMA application_id", path, &application_id, error) ||
      !pragma_int (db, "PRAGMA user_version", path, version, error) ||
      !pragma_int (db, "SELECT count(*) FROM sqlite_master", path, &n_objects, error))
    return FALSE;

  if (application_id == 0 && *version == 0 && n_objects == 0)
    return TRUE;  /* a new, empty database */

  if (application_id != REDRESS_STORE_APPLICATION_ID)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is a database of another program, not a Redress database. "
                     "It was left as it is."), path);
      return FALSE;
    }

  if (*version > redress_store_latest_version ())
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Redress (schema %d; this version "
                     "reads up to %d). Update Redress to open it. The file was left as it is."),
                   path, *version, redress_store_latest_version ());
      return FALSE;
    }

  /* SQLite writes whole pages: a file that ends inside a page was cut
   * short (an interrupted copy), and SQLite would read the rest as zeros. */
  {
    GStatBuf st;
    int page_size = 0;

    if (!pragma_int (db, "PRAGMA page_size", path, &page_size, error))
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

static gboolean
migrate (sqlite3     *db,
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
                                 m->version, REDRESS_STORE_APPLICATION_ID);

      if (!exec (db, "BEGIN IMMEDIATE", path, error))
        return FALSE;
      if (!exec (db, script, path, &local_error) ||
          !exec (db, pragmas, path, &local_error))
        {
          exec (db, "ROLLBACK", path, NULL);
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
      if (!exec (db, "COMMIT", path, error))
        {
          exec (db, "ROLLBACK", path, NULL);
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

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (db, rc, path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
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
  db = open_connection (redress_file_replace_get_path (file), SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;
  ok = exec (db, "PRAGMA synchronous = FULL", path, error) &&
       migrate (db, path, 0, redress_store_latest_version (), error);
  sqlite3_close (db);
  if (!ok)
    return FALSE;
  step_reached ("create-written", redress_file_replace_get_path (file));

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
 * redress_store_migrate_file_to:
 * @path: a database file
 * @version: the schema version to bring it to
 *
 * For tests: creates or migrates @path up to @version exactly, as an older
 * Redress would have left it.
 */
gboolean
redress_store_migrate_file_to (const char  *path,
                               int          version,
                               GError     **error)
{
  sqlite3 *db;
  int current = 0;
  gboolean ok;

  if (!create_private_file (path, error))
    return FALSE;
  db = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;
  /* Version 0: an SQLite file without tables, as an older Redress left
   * it when it stopped before the first migration (an empty file is not
   * a database) */
  ok = exec (db, "PRAGMA journal_mode = WAL", path, error) &&
       check_identity (db, path, &current, error) &&
       migrate (db, path, current, version, error);
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
      return set_error_from_sqlite (db, rc, path, error);
    }
  return TRUE;
}

static gboolean
integrity_check (sqlite3     *db,
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
      set_error_from_sqlite (db, rc, path, error);
      return NULL;
    }
  return signature != NULL ? signature : g_strdup ("");
}

/* Checks that @db has exactly the tables and columns that the migrations up
 * to @version give (compared with a scratch database in memory) */
static gboolean
check_schema (sqlite3     *db,
              const char  *path,
              int          version,
              GError     **error)
{
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  sqlite3 *scratch = NULL;

  if (version >= 1)
    {
      scratch = open_connection (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
      if (scratch == NULL)
        return FALSE;
      if (migrate (scratch, ":memory:", 0, version, error))
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

/* GObject ----------------------------------------------------------------- */

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
redress_store_finalize (GObject *object)
{
  RedressStore *self = (RedressStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->actor);
  g_free (self->path);

  G_OBJECT_CLASS (redress_store_parent_class)->finalize (object);
}

static void
redress_store_class_init (RedressStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = redress_store_finalize;

  /**
   * RedressStore::changed:
   * @entity: "client", "case" or "firm" (also the signal detail)
   * @id: the record that was written
   *
   * Emitted after a transaction that wrote the record committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
redress_store_init (RedressStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->actor = g_strdup (g_get_user_name ());
}

/* Public API -------------------------------------------------------------- */

/**
 * redress_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/redress/redress.db`
 */
char *
redress_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress", "redress.db", NULL);
}

/**
 * redress_store_open:
 * @path: (nullable): the database file; %NULL for the default location,
 *   whose folder is created with mode 0700
 * @error: return location for a #GError
 *
 * Opens and migrates a Redress database; a @path that does not exist
 * becomes a new database (mode 0600).  A file that is not a Redress
 * database (an empty file among them), is damaged, or was written by a
 * newer version is refused and left byte for byte as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RedressStore *
redress_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(RedressStore) self = NULL;
  g_autofree char *default_path = NULL;
  GStatBuf st;
  int version = 0;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      default_path = redress_store_default_path ();
      path = default_path;
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                       _("The folder “%s” cannot be created: %s."), dir,
                       g_strerror (saved_errno));
          return NULL;
        }
    }

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

  self = g_object_new (REDRESS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;

  /* Identify the file before anything writes to it, notice damage, and
   * check that an older schema is the one its version says before
   * migrating it. */
  if (!check_identity (self->db, path, &version, error))
    return NULL;
  if (version > 0)
    {
      if (!quick_check (self->db, path, error))
        return NULL;
      if (version < redress_store_latest_version () &&
          !check_schema (self->db, path, version, error))
        return NULL;
    }

  if (!exec (self->db, "PRAGMA journal_mode = WAL", path, error) ||
      !exec (self->db, "PRAGMA synchronous = FULL", path, error) ||
      !exec (self->db, "PRAGMA foreign_keys = ON", path, error))
    return NULL;

  if (!migrate (self->db, path, version, redress_store_latest_version (), error))
    return NULL;
  self->version = redress_store_latest_version ();

  return g_steal_pointer (&self);
}

const char *
redress_store_get_path (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return self->path;
}

int
redress_store_get_version (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), 0);

  return self->version;
}

sqlite3 *
redress_store_get_handle (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return self->db;
}

/**
 * redress_store_set_now:
 * @now: (nullable): a fixed time, or %NULL for the clock
 *
 * Fixes the time the store writes (for tests and reproducible demos).
 */
void
redress_store_set_now (RedressStore *self,
                       GDateTime    *now)
{
  g_return_if_fail (REDRESS_IS_STORE (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

/**
 * redress_store_dup_now:
 *
 * Returns: (transfer full): the current time as the store sees it
 */
GDateTime *
redress_store_dup_now (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  if (self->now != NULL)
    return g_date_time_ref (self->now);
  return g_date_time_new_now_local ();
}

void
redress_store_set_actor (RedressStore *self,
                         const char   *actor)
{
  g_return_if_fail (REDRESS_IS_STORE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

const char *
redress_store_get_actor (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return self->actor;
}

/**
 * redress_store_begin:
 *
 * Starts a transaction, or a savepoint inside one.  Pair with
 * redress_store_commit() or redress_store_rollback().
 */
gboolean
redress_store_begin (RedressStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (self->damaged)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database “%s” is damaged, so Redress will not write to it. "
                     "Restore your latest backup (redress-cli restore FILE)."), self->path);
      return FALSE;
    }
  if (!exec (self->db, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
             self->path, error))
    return FALSE;
  if (self->depth > 0)
    g_array_append_val (self->marks, self->pending->len);
  self->depth++;
  return TRUE;
}

gboolean
redress_store_commit (RedressStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!exec (self->db, self->depth == 1 ? "COMMIT" : "RELEASE nested", self->path, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    flush_changes (self);
  else
    g_array_set_size (self->marks, self->marks->len - 1);  /* kept by the outer level */
  return TRUE;
}

void
redress_store_rollback (RedressStore *self)
{
  g_return_if_fail (REDRESS_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      exec (self->db, "ROLLBACK", self->path, NULL);
      g_array_set_size (self->pending, 0);
    }
  else
    {
      guint mark = g_array_index (self->marks, guint, self->marks->len - 1);

      exec (self->db, "ROLLBACK TO nested", self->path, NULL);
      exec (self->db, "RELEASE nested", self->path, NULL);
      /* What was written since the savepoint never happened: forget its
       * change notifications too */
      g_array_set_size (self->marks, self->marks->len - 1);
      if (self->pending->len > mark)
        g_array_set_size (self->pending, mark);
    }
  self->depth--;
}

/* Reads the one row @sql (with its id bound to ?1) selects, through
 * @from_row; a missing row is a NOT_FOUND error naming @entity. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static gpointer
fetch_one (RedressStore  *self,
           const char    *sql,
           gint64         id,
           RowFunc        from_row,
           const char    *entity,
           GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  gpointer result;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          if (g_str_equal (entity, "client"))
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         _("There is no client file with id %s."), id_text);
          else
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         _("There is no case with id %s."), id_text);
        }
      else
        store_error (self, rc, error);
      return NULL;
    }
  result = from_row (stmt);
  sqlite3_reset (stmt);
  return result;
}

/* Clients */

static gboolean
insert_client_tx (RedressStore  *self,
                  gpointer       data,
                  GError       **error)
{
  RedressClient *client = data;
  g_autoptr(GDateTime) now = redress_store_dup_now (self);
  g_autofree char *file_number = NULL;
  sqlite3_stmt *stmt;
  int year = g_date_time_get_year (now);
  int rc;

  stmt = prepare (self,
                  "INSERT INTO file_numbers (year, last) VALUES (?, 1) "
                  "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return store_error (self, rc, error);
    }
  file_number = g_strdup_printf ("%d-%04d", year, sqlite3_column_int (stmt, 0));
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!insert_record (self, REDRESS_RECORD (client), "file_number", file_number, error))
    return FALSE;
  redress_client_set_file_number (client, file_number);

  return log_event (self, "client", redress_record_get_id (REDRESS_RECORD (client)), 0,
                    "created", NULL, NULL, file_number, error);
}

/**
 * redress_store_insert_client:
 *
 * Validates and stores a new client file, assigning its id and file
 * number (YEAR-NNNN, numbered per year).
 */
gboolean
redress_store_insert_client (RedressStore   *self,
                             RedressClient  *client,
                             GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (redress_record_get_id (REDRESS_RECORD (client)) == 0, FALSE);

  if (!validate_record (REDRESS_RECORD (client), error))
    return FALSE;
  if (!in_transaction (self, insert_client_tx, client, error))
    {
      redress_record_set_id (REDRESS_RECORD (client), 0);
      redress_client_set_file_number (client, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_tx (RedressStore  *self,
           gpointer       data,
           GError       **error)
{
  return update_record (self, data, error);
}

/**
 * redress_store_update_client:
 *
 * Validates and writes the fields of @client that changed; each change is
 * recorded on the timeline.
 */
gboolean
redress_store_update_client (RedressStore   *self,
                             RedressClient  *client,
                             GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (client), FALSE);

  if (!validate_record (REDRESS_RECORD (client), error))
    return FALSE;
  return in_transaction (self, update_tx, client, error);
}

#define CLIENT_EXTRA \
  ", t.file_number, (SELECT count(*) FROM cases AS c WHERE c.client_id = t.id " \
  "AND c.deleted_at IS NULL)"

#define CLIENT_CASE_COUNTS \
  "LEFT JOIN (SELECT client_id, count(*) AS cases FROM cases WHERE deleted_at IS NULL " \
  "GROUP BY client_id) AS n ON n.client_id = t.id "

static RedressClient *
client_from_row (sqlite3_stmt *stmt)
{
  RedressClient *client = redress_client_new ();
  int col = fill_record (REDRESS_RECORD (client), stmt);

  redress_client_set_file_number (client, column_text (stmt, col));
  redress_client_set_case_count (client, (guint) sqlite3_column_int (stmt, col + 1));
  return client;
}

/**
 * redress_store_get_client:
 *
 * Returns: (transfer full): the client, or %NULL with a
 *   %REDRESS_ERROR_NOT_FOUND error
 */
RedressClient *
redress_store_get_client (RedressStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CLIENT);
  g_autofree char *sql = select_sql (REDRESS_RECORD_CLASS (klass), CLIENT_EXTRA,
                                     "WHERE t.id = ? AND t.deleted_at IS NULL");

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return fetch_one (self, sql, id, (RowFunc) client_from_row, "client", error);
}

/**
 * redress_store_list_clients:
 *
 * Returns: (transfer full) (element-type RedressClient): the client files,
 *   by family name
 */
GPtrArray *
redress_store_list_clients (RedressStore  *self,
                            gboolean       include_archived,
                            GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CLIENT);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  /* One pass over the cases counts them for every client at once */
  sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.file_number, coalesce(n.cases, 0)",
                    include_archived
                      ? CLIENT_CASE_COUNTS
                        "WHERE t.deleted_at IS NULL ORDER BY t.family_name, t.given_names, t.id"
                      : CLIENT_CASE_COUNTS
                        "WHERE t.deleted_at IS NULL AND t.archived = 0 "
                        "ORDER BY t.family_name, t.given_names, t.id");
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clients, client_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&clients);
}

/* Cases */

static gboolean
insert_case_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  RedressCase *kase = data;
  g_autofree char *client_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                redress_case_get_client_id (kase));
  g_autofree char *title = NULL;
  g_autoptr(RedressClient) client = NULL;

  /* The client must exist and not be in the trash */
  client = redress_store_get_client (self, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;

  if (!insert_record (self, REDRESS_RECORD (kase), "client_id", client_id, error))
    return FALSE;

  title = redress_case_dup_title (kase);
  queue_change (self, "client", redress_case_get_client_id (kase));
  return log_event (self, "case", redress_case_get_client_id (kase),
                    redress_record_get_id (REDRESS_RECORD (kase)),
                    "created", NULL, NULL, title, error);
}

gboolean
redress_store_insert_case (RedressStore  *self,
                           RedressCase   *kase,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (redress_record_get_id (REDRESS_RECORD (kase)) == 0, FALSE);

  if (!validate_record (REDRESS_RECORD (kase), error))
    return FALSE;
  if (!in_transaction (self, insert_case_tx, kase, error))
    {
      redress_record_set_id (REDRESS_RECORD (kase), 0);
      return FALSE;
    }
  return TRUE;
}

gboolean
redress_store_update_case (RedressStore  *self,
                           RedressCase   *kase,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CASE (kase), FALSE);

  if (!validate_record (REDRESS_RECORD (kase), error))
    return FALSE;
  return in_transaction (self, update_tx, kase, error);
}

static RedressCase *
case_from_row (sqlite3_stmt *stmt)
{
  RedressCase *kase = redress_case_new (0);
  int col = fill_record (REDRESS_RECORD (kase), stmt);

  redress_case_set_client_id (kase, sqlite3_column_int64 (stmt, col));
  return kase;
}

RedressCase *
redress_store_get_case (RedressStore  *self,
                        gint64         id,
                        GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CASE);
  g_autofree char *sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.client_id",
                                     "JOIN clients AS p ON p.id = t.client_id "
                                     "WHERE t.id = ? AND t.deleted_at IS NULL "
                                     "AND p.deleted_at IS NULL");

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return fetch_one (self, sql, id, (RowFunc) case_from_row, "case", error);
}

/**
 * redress_store_list_cases:
 * @client_id: a client, or 0 for every client's cases
 *
 * Returns: (transfer full) (element-type RedressCase): the cases, newest
 *   decision first
 */
GPtrArray *
redress_store_list_cases (RedressStore  *self,
                          gint64         client_id,
                          gboolean       include_archived,
                          GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CASE);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  tail = g_strdup_printf ("JOIN clients AS p ON p.id = t.client_id "
                          "WHERE t.deleted_at IS NULL AND p.deleted_at IS NULL %s %s "
                          "ORDER BY t.decision_date DESC, t.id DESC",
                          client_id > 0 ? "AND t.client_id = ?" : "",
                          include_archived ? "" : "AND t.archived = 0");
  sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.client_id", tail);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

/* Archive, trash, purge */

typedef struct
{
  RedressRecord *record;
  const char *set;      /* SQL assignment */
  const char *where;    /* extra condition */
  const char *kind;     /* timeline event */
  gboolean with_title;
  gboolean value;
} StateChange;

static gboolean
state_change_tx (RedressStore  *self,
                 gpointer       data,
                 GError       **error)
{
  StateChange *change = data;
  RedressRecordClass *klass = record_class (change->record);
  gint64 id = redress_record_get_id (change->record);
  g_autofree char *sql = NULL;
  g_autofree char *now = now_timestamp (self);
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("UPDATE %s SET %s, updated_at = ?2 WHERE id = ?1 AND %s",
                         klass->table, change->set, change->where);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  redress_store_bind_text (stmt, 2, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This record no longer exists: it may have been deleted."));
      return FALSE;
    }

  queue_change (self, klass->entity, id);
  if (REDRESS_IS_CASE (change->record))
    queue_change (self, "client", record_client_id (change->record));

  if (change->with_title && REDRESS_IS_CASE (change->record))
    title = redress_case_dup_title (REDRESS_CASE (change->record));
  else if (change->with_title && REDRESS_IS_CLIENT (change->record))
    title = redress_client_dup_display_name (REDRESS_CLIENT (change->record));

  /* A deleted case's events go when it is purged: the deletion itself is
   * recorded on the client, so the client's timeline keeps it. */
  return log_event (self, klass->entity, record_client_id (change->record),
                    change->with_title ? 0 : record_case_id (change->record),
                    change->kind, NULL, NULL, title, error);
}

/**
 * redress_store_set_archived:
 * @record: a #RedressClient or #RedressCase
 *
 * Archived files stay in the database but leave the everyday lists.
 */
gboolean
redress_store_set_archived (RedressStore   *self,
                            RedressRecord  *record,
                            gboolean        archived,
                            GError        **error)
{
  StateChange change = {
    record,
    archived ? "archived = 1" : "archived = 0",
    "deleted_at IS NULL",
    archived ? "archived" : "unarchived",
    FALSE, archived
  };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  if (!in_transaction (self, state_change_tx, &change, error))
    return FALSE;
  redress_record_set_archived (record, archived);
  return TRUE;
}

/**
 * redress_store_trash:
 * @record: a #RedressClient or #RedressCase
 *
 * Deletes @record so that redress_store_untrash() can bring it back;
 * redress_store_purge() or redress_store_purge_trash() remove it for good.
 */
gboolean
redress_store_trash (RedressStore   *self,
                     RedressRecord  *record,
                     GError        **error)
{
  StateChange change = { record, "deleted_at = ?2", "deleted_at IS NULL", "deleted", TRUE, TRUE };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return in_transaction (self, state_change_tx, &change, error);
}

gboolean
redress_store_untrash (RedressStore   *self,
                       RedressRecord  *record,
                       GError        **error)
{
  StateChange change = { record, "deleted_at = NULL", "deleted_at IS NOT NULL", "restored",
                         TRUE, FALSE };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return in_transaction (self, state_change_tx, &change, error);
}

static gboolean
purge_tx (RedressStore  *self,
          gpointer       data,
          GError       **error)
{
  RedressRecord *record = data;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND deleted_at IS NOT NULL",
                                          record_class (record)->table);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_record_get_id (record));
  return step_done (self, stmt, error);
}

/**
 * redress_store_purge:
 *
 * Removes a record in the trash for good (its cases and timeline with it).
 * Does nothing if it is not in the trash.
 */
gboolean
redress_store_purge (RedressStore   *self,
                     RedressRecord  *record,
                     GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return in_transaction (self, purge_tx, record, error);
}

static gboolean
purge_trash_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  return exec (self->db,
               "DELETE FROM cases WHERE deleted_at IS NOT NULL;"
               "DELETE FROM clients WHERE deleted_at IS NOT NULL;",
               self->path, error);
}

/**
 * redress_store_purge_trash:
 *
 * Removes everything in the trash for good: what was deleted in an
 * earlier session, once its Undo is no longer offered.
 */
gboolean
redress_store_purge_trash (RedressStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return in_transaction (self, purge_trash_tx, NULL, error);
}

/* Timeline */

/**
 * redress_store_list_events:
 * @client_id: a client (its own events and its cases'), or 0
 * @case_id: a case, or 0
 *
 * Returns: (transfer full) (element-type RedressEvent): newest first
 */
GPtrArray *
redress_store_list_events (RedressStore  *self,
                           gint64         client_id,
                           gint64         case_id,
                           GError       **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  if (case_id > 0)
    stmt = prepare (self,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE case_id = ? ORDER BY id DESC", error);
  else if (client_id > 0)
    stmt = prepare (self,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE client_id = ? ORDER BY id DESC", error);
  else
    stmt = prepare (self,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE client_id IS NULL ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 1, case_id);
  else if (client_id > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events,
                     redress_event_new (sqlite3_column_int64 (stmt, 0),
                                        column_text (stmt, 1), column_text (stmt, 2),
                                        column_text (stmt, 3), sqlite3_column_int64 (stmt, 4),
                                        sqlite3_column_int64 (stmt, 5), column_text (stmt, 6),
                                        column_text (stmt, 7), column_text (stmt, 8),
                                        column_text (stmt, 9)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Firm profile */

/**
 * redress_store_get_firm:
 *
 * Returns: (transfer full): the firm profile (empty if never set)
 */
RedressFirm *
redress_store_get_firm (RedressStore  *self,
                        GError       **error)
{
  g_autoptr(RedressFirm) firm = redress_firm_new ();
  g_autofree char *sql = select_sql (REDRESS_RECORD_GET_CLASS (firm), NULL, "WHERE t.id = 1");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    fill_record (REDRESS_RECORD (firm), stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&firm);
}

static gboolean
update_firm_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  RedressRecord *firm = data;
  g_autofree char *now = now_timestamp (self);
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO firm (id, created_at, updated_at) VALUES (1, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  redress_store_bind_text (stmt, 1, now);
  redress_store_bind_text (stmt, 2, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  redress_record_set_id (firm, 1);
  return update_record (self, firm, error);
}

gboolean
redress_store_update_firm (RedressStore  *self,
                           RedressFirm   *firm,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_FIRM (firm), FALSE);

  if (!validate_record (REDRESS_RECORD (firm), error))
    return FALSE;
  return in_transaction (self, update_firm_tx, firm, error);
}

/* Safety: check, backup, restore */

/**
 * redress_store_check:
 *
 * Checks the integrity of the whole database and its schema version.
 */
gboolean
redress_store_check (RedressStore  *self,
                     GError       **error)
{
  int version = 0;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (!integrity_check (self->db, self->path, error) ||
      !check_identity (self->db, self->path, &version, error))
    return FALSE;
  if (version != redress_store_latest_version ())
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database is at schema version %d, expected %d."),
                   version, redress_store_latest_version ());
      return FALSE;
    }
  return check_schema (self->db, self->path, version, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* How many times a copy may start again because another program wrote to
 * the database meanwhile */
#define MAX_COPY_RESTARTS 8

static gboolean
is_busy (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* Copies every page of @source (the file @source_path) into @target.
 * Every wait is bounded: SQLite busy for longer than BUSY_TIMEOUT_MS in
 * all (a writer that does not finish, or a read-only database whose
 * write-ahead log cannot be read without writing its index), or a copy
 * started again more than MAX_COPY_RESTARTS times, ends with an error. */
static gboolean
copy_pages (sqlite3       *source,
            const char    *source_path,
            sqlite3       *target,
            const char    *destination,
            GCancellable  *cancellable,
            GError       **error)
{
  sqlite3_backup *backup;
  gint64 busy_time = 0;
  guint restarts = 0;
  int remaining = -1;
  int rc;

  backup = sqlite3_backup_init (target, "main", source, "main");
  if (backup == NULL)
    return set_error_from_sqlite (target, sqlite3_errcode (target), destination, error);
  for (;;)
    {
      gint64 started = g_get_monotonic_time ();

      rc = sqlite3_backup_step (backup, 256);
      if (g_cancellable_is_cancelled (cancellable) || (rc != SQLITE_OK && !is_busy (rc)))
        break;
      if (is_busy (rc))
        {
          sqlite3_sleep (50);
          busy_time += g_get_monotonic_time () - started;
          if (busy_time > BUSY_TIMEOUT_MS * G_GINT64_CONSTANT (1000))
            break;
          continue;
        }
      /* More pages left than at the last step: the copy started again */
      if (remaining >= 0 && sqlite3_backup_remaining (backup) > remaining &&
          ++restarts > MAX_COPY_RESTARTS)
        {
          rc = SQLITE_BUSY;
          break;
        }
      remaining = sqlite3_backup_remaining (backup);
    }
  sqlite3_backup_finish (backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  if (is_busy (rc) || (rc & 0xff) == SQLITE_READONLY)
    {
      g_autofree char *shm = g_strconcat (source_path, "-shm", NULL);

      g_debug ("copy of %s stopped: %s", source_path, sqlite3_errstr (rc));
      if (g_access (source_path, W_OK) != 0 ||
          (g_file_test (shm, G_FILE_TEST_EXISTS) && g_access (shm, W_OK) != 0))
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                       _("The database “%s” is read-only and another program is still writing "
                         "to it or did not finish, so it cannot be copied: check that you may "
                         "write to the file and to its folder, then try again."), source_path);
          return FALSE;
        }
      return set_error_from_sqlite (NULL, SQLITE_BUSY, source_path, error);
    }
  return set_error_from_sqlite (target, rc, destination, error);   /* its errno tells a full disk */
}

/* Reads back the copy just written at @path, as a file */
static gboolean
verify_copy (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;
  ok = integrity_check (db, path, &local_error);
  sqlite3_close (db);
  if (!ok)
    {
      g_debug ("%s", local_error->message);
      if (!g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The backup was not written: the copy of the database is damaged, so "
                     "the database itself may be damaged (see “redress-cli check”)."));
    }
  return ok;
}

/* Copies the database at @source_path into @destination (mode 0600)
 * through a temporary file beside it, checked before it takes the name, so
 * @destination is either the whole copy or untouched.  Uses its own
 * connections: safe in a worker thread. */
static gboolean
backup_file (const char    *source_path,
             const char    *destination,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(RedressFileReplace) file = NULL;
  sqlite3 *source = NULL;
  sqlite3 *target = NULL;
  const char *temp;
  gboolean ok = FALSE;

  file = redress_file_replace_new (destination, REDRESS_FILE_BACKUP_PREFIX, error);
  if (file == NULL)
    return FALSE;
  temp = redress_file_replace_get_path (file);

  source = open_connection (source_path, SQLITE_OPEN_READONLY, error);
  if (source != NULL)
    target = open_connection (temp, SQLITE_OPEN_READWRITE, error);
  /* One self-contained file: no -wal beside it */
  ok = target != NULL &&
       copy_pages (source, source_path, target, destination, cancellable, error) &&
       exec (target, "PRAGMA journal_mode = DELETE", destination, error);
  if (target != NULL)
    sqlite3_close (target);
  if (source != NULL)
    sqlite3_close (source);

  if (!ok || !verify_copy (temp, error))
    return FALSE;
  step_reached ("backup-copied", temp);
  return redress_file_replace_commit (file, error);
}

/* Refuses to write a backup over the database or the files SQLite keeps
 * beside it, whatever the spelling of the name */
static gboolean
check_backup_destination (const char  *database,
                          const char  *destination,
                          GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *db_dir = g_path_get_dirname (database);
  g_autofree char *db_name = g_path_get_basename (database);
  g_autofree char *dest_dir = g_path_get_dirname (destination);
  g_autofree char *dest_name = g_path_get_basename (destination);
  GStatBuf a, b;
  gboolean same_dir;

  same_dir = g_stat (db_dir, &a) == 0 && g_stat (dest_dir, &b) == 0 &&
             a.st_dev == b.st_dev && a.st_ino == b.st_ino;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *beside = g_strconcat (database, suffixes[i], NULL);
      g_autofree char *name = g_strconcat (db_name, suffixes[i], NULL);

      if ((same_dir && g_str_equal (name, dest_name)) ||
          (g_stat (beside, &a) == 0 && g_stat (destination, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        {
          if (i == 0)
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                         _("A backup cannot replace the database itself: choose another file."));
          else
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                         _("“%s” is a working file of the database: a backup there would be "
                           "lost. Choose another file name."), dest_name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * redress_store_backup:
 * @destination: the file to write (replaced if it exists)
 *
 * Writes a consistent copy of the whole database with SQLite's backup API,
 * and checks the copy before it takes the name @destination.
 */
gboolean
redress_store_backup (RedressStore  *self,
                      const char    *destination,
                      GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!check_backup_destination (self->path, destination, error))
    return FALSE;
  return backup_file (self->path, destination, NULL, error);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;

  if (backup_file (paths[0], paths[1], cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * redress_store_backup_async:
 *
 * Like redress_store_backup(), in a worker thread with its own connection.
 */
void
redress_store_backup_async (RedressStore        *self,
                            const char          *destination,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  char **paths;

  g_return_if_fail (REDRESS_IS_STORE (self));
  g_return_if_fail (destination != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, redress_store_backup_async);

  if (!check_backup_destination (self->path, destination, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (self->path);
  paths[1] = g_strdup (destination);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
redress_store_backup_finish (RedressStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What SQLite keeps beside a database: its write-ahead log and the log's
 * index, or its rollback journal */
static const char * const log_suffixes[] = { "-wal", "-shm", "-journal" };

/* Copies @source byte for byte (with its logs, if any) to a new file
 * @destination, mode 0600 */
static gboolean
copy_raw (const char  *source,
          const char  *destination,
          GError     **error)
{
  for (guint i = 0; i <= G_N_ELEMENTS (log_suffixes); i++)
    {
      const char *suffix = i == 0 ? "" : log_suffixes[i - 1];
      g_autofree char *from = g_strconcat (source, suffix, NULL);
      g_autofree char *to = g_strconcat (destination, suffix, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length = 0;

      /* The index of a log is rebuilt from the log */
      if (i > 0 && (g_str_equal (suffix, "-shm") || !g_file_test (from, G_FILE_TEST_EXISTS)))
        continue;
      if (!g_file_get_contents (from, &contents, &length, &local_error) ||
          !redress_file_set_contents (to, contents, length, &local_error))
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                       _("The current database could not be kept aside before the restore: %s"),
                       local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks that @backup is a whole, undamaged Redress database this version
 * can read, with the tables of the version it claims */
static gboolean
check_backup (const char  *backup,
              GError     **error)
{
  sqlite3 *source;
  int version = 0;
  int n_objects = 0;
  gboolean ok;

  source = open_connection (backup, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  ok = check_identity (source, backup, &version, error) &&
       pragma_int (source, "SELECT count(*) FROM sqlite_master", backup, &n_objects, error);
  if (ok && n_objects == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is empty: it is not a Redress backup."), backup);
      ok = FALSE;
    }
  ok = ok && integrity_check (source, backup, error) &&
       check_schema (source, backup, version, error);
  sqlite3_close (source);
  return ok;
}

/* Writes the data of @backup, brought up to this version's schema, into
 * @temp (a new file beside the database) */
static gboolean
prepare_restored_copy (const char  *backup,
                       const char  *temp,
                       GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3 *target = NULL;
  int version = 0;
  gboolean ok;

  source = open_connection (backup, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  target = open_connection (temp, SQLITE_OPEN_READWRITE, error);
  ok = target != NULL &&
       copy_pages (source, backup, target, backup, NULL, error);
  sqlite3_close (source);
  ok = ok &&
       exec (target, "PRAGMA journal_mode = DELETE", backup, error) &&
       exec (target, "PRAGMA foreign_keys = ON", backup, error) &&
       check_identity (target, backup, &version, error) &&
       migrate (target, backup, version, redress_store_latest_version (), error);
  if (target != NULL)
    sqlite3_close (target);
  return ok;
}

/* Sets the current database aside as "DATABASE.before-restore-STAMP":
 * returns that name */
static char *
keep_aside (const char  *database,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *saved = NULL;
  g_autoptr(GError) local_error = NULL;

  saved = g_strdup_printf ("%s.before-restore-%s", database, stamp);
  /* Never replace an earlier copy: two restores in the same second
   * would otherwise lose the data the first one set aside */
  for (guint n = 2; g_file_test (saved, G_FILE_TEST_EXISTS); n++)
    {
      g_free (saved);
      saved = g_strdup_printf ("%s.before-restore-%s-%u", database, stamp, n);
    }
  if (!backup_file (database, saved, NULL, &local_error))
    {
      /* A damaged database (the reason to restore) cannot be read by
       * SQLite: keep its bytes as they are instead */
      if (!g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED) &&
          !g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!copy_raw (database, saved, error))
        return NULL;
    }
  return g_steal_pointer (&saved);
}

/* Before the swap: writes what the current database's log holds into the
 * database and removes the log (a log left beside the restored file would
 * be replayed onto it), then holds the database locked so that nothing
 * writes a new log until the swap.  Returns the connection holding the
 * lock in @lock, or %NULL there when none is needed (a file SQLite cannot
 * read, whose bytes and log were kept aside). */
static gboolean
fold_old_log (const char  *database,
              sqlite3    **lock,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;
  int rc;

  *lock = NULL;
  db = open_connection (database, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
      rc = ok ? SQLITE_OK : SQLITE_BUSY;
    }
  sqlite3_finalize (stmt);
  if (ok)
    ok = exec (db, "BEGIN EXCLUSIVE", database, &local_error);
  else
    set_error_from_sqlite (db, rc, database, &local_error);

  if (!ok)
    {
      sqlite3_close (db);
      db = NULL;
      if (!g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* Now stale: their content is in the database, or in the copy kept aside */
  for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
    {
      g_autofree char *beside = g_strconcat (database, log_suffixes[i], NULL);

      if (g_unlink (beside) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                       _("The database cannot be replaced: “%s” cannot be removed (%s)."),
                       beside, g_strerror (saved_errno));
          if (db != NULL)
            sqlite3_close (db);
          return FALSE;
        }
    }
  *lock = db;
  return TRUE;
}

/**
 * redress_store_restore:
 * @database: the database to replace
 * @backup: a backup written by redress_store_backup()
 * @previous_copy: (out) (optional): where the replaced database was saved;
 *   set as soon as the copy exists, even when the restore then fails
 *
 * Checks that @backup is a whole, undamaged Redress database this version
 * can read, with the tables of the version it claims; only then copies it
 * beside the database (migrating it if it is older), copies the current
 * database aside (when it exists) and swaps the files.  Killed at any
 * step, @database holds either its old data or the backup's.
 */
gboolean
redress_store_restore (const char  *database,
                       const char  *backup,
                       char       **previous_copy,
                       GError     **error)
{
  g_autoptr(RedressFileReplace) file = NULL;
  g_autoptr(RedressStore) restored = NULL;
  g_autofree char *saved = NULL;
  sqlite3 *lock = NULL;
  gboolean ok;

  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (previous_copy != NULL)
    *previous_copy = NULL;
  if (!g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The backup “%s” does not exist."), backup);
      return FALSE;
    }
  if (same_file (database, backup))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The backup is the database itself: nothing to restore."));
      return FALSE;
    }
  /* A database its owner made read-only is not replaced (and nothing is
   * copied aside for nothing) */
  if (g_file_test (database, G_FILE_TEST_EXISTS) && g_access (database, W_OK) != 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("The database “%s” is read-only, so nothing was changed: check that you "
                     "may write to the file and to its folder."), database);
      return FALSE;
    }
  if (!check_backup (backup, error))
    return FALSE;

  /* The backup's data, up to date, in a file beside the database */
  file = redress_file_replace_new (database, REDRESS_FILE_BACKUP_PREFIX, error);
  if (file == NULL)
    return FALSE;
  if (!prepare_restored_copy (backup, redress_file_replace_get_path (file), error))
    return FALSE;
  step_reached ("restore-copied", redress_file_replace_get_path (file));

  /* Keep what is being replaced, and say where whatever follows */
  if (g_file_test (database, G_FILE_TEST_EXISTS))
    {
      saved = keep_aside (database, error);
      if (saved == NULL)
        return FALSE;
      if (previous_copy != NULL)
        *previous_copy = g_strdup (saved);
      step_reached ("restore-kept", saved);

      if (!fold_old_log (database, &lock, error))
        return FALSE;
      step_reached ("restore-wal-folded", database);
    }

  ok = redress_file_replace_commit (file, error);
  if (ok)
    step_reached ("restore-renamed", database);
  if (lock != NULL)
    sqlite3_close (lock);
  if (!ok)
    return FALSE;
  step_reached ("restore-done", database);

  /* Opens as the application will */
  restored = redress_store_open (database, error);
  return restored != NULL;
}

/* For the other parts of the store (documents, grounds) */

gboolean
redress_store_sql_error (RedressStore  *self,
                         int            rc,
                         GError       **error)
{
  return store_error (self, rc, error);
}

char *
redress_store_now_timestamp (RedressStore *self)
{
  return now_timestamp (self);
}

gboolean
redress_store_log_event (RedressStore  *self,
                         const char    *entity,
                         gint64         client_id,
                         gint64         case_id,
                         const char    *kind,
                         const char    *new_value,
                         GError       **error)
{
  return log_event (self, entity, client_id, case_id, kind, NULL, NULL, new_value, error);
}

/* A statement the caller owns (finalize it): for queries run rarely */
sqlite3_stmt *
redress_store_prepare_owned (RedressStore  *self,
                             const char    *sql,
                             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      store_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
redress_store_step_done (RedressStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  return step_done (self, stmt, error);
}

/**
 * redress_store_live_case_client:
 *
 * Returns: the client of a case that is neither deleted nor in a deleted
 *   client file; 0 with %REDRESS_ERROR_NOT_FOUND otherwise
 */
gint64
redress_store_live_case_client (RedressStore  *self,
                                gint64         case_id,
                                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 client_id = 0;
  int rc;

  stmt = redress_store_prepare_owned (self,
                  "SELECT c.client_id FROM cases AS c JOIN clients AS p ON p.id = c.client_id "
                  "WHERE c.id = ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no case with id %s."), id_text);
    }
  else
    redress_store_sql_error (self, rc, error);
  return client_id;
}

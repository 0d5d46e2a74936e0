/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "redress-db-private.h"
#include "redress-error.h"
#include "redress-store-private.h"

/*
 * RedressStore: the one SQLite database that holds a consultant's files,
 * as the application sees it.  This file holds the object itself (opening,
 * the clock and the actor it writes, transactions, the "changed" signal);
 * the connection is a RedressDb (src/core/db), and the records, documents,
 * grounds and checklists are read and written in redress-store-*.c.
 *
 * The connection belongs to the thread that opened it (the main thread in
 * the application).  Every write is one transaction; change notifications
 * are queued and emitted only once the outermost transaction has
 * committed, so a listener never sees a change that was rolled back.
 */
struct _RedressStore
{
  GObject parent_instance;

  RedressDb *db;
  GDateTime *now;
  char *actor;
  gboolean checked;   /* the check for damage ended (or was made on open) */
};

G_DEFINE_FINAL_TYPE (RedressStore, redress_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Called by the connection once a transaction committed */
static void
on_db_changes (const RedressDbChange *changes,
               guint                  n_changes,
               gpointer               user_data)
{
  RedressStore *self = user_data;

  g_object_ref (self);
  for (guint i = 0; i < n_changes; i++)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (changes[i].entity),
                   changes[i].entity, changes[i].id);
  g_object_unref (self);
}

/* GObject ----------------------------------------------------------------- */

static void
redress_store_finalize (GObject *object)
{
  RedressStore *self = (RedressStore *) object;

  g_clear_pointer (&self->db, redress_db_free);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->actor);

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

  /**
   * RedressStore::checked:
   * @error: (nullable): why the database cannot be trusted, or %NULL
   *
   * Emitted once the check for damage that redress_store_open_full()
   * deferred ended.  With an error, the store writes nothing more.
   */
  signals[CHECKED] =
    g_signal_new ("checked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
redress_store_init (RedressStore *self)
{
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
 * redress_store_latest_version:
 *
 * Returns: the schema version this build of Redress writes
 */
int
redress_store_latest_version (void)
{
  return redress_db_latest_version ();
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
  return redress_store_open_full (path, REDRESS_STORE_OPEN_DEFAULT, error);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (redress_db_quick_check_file (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RedressStore *self = REDRESS_STORE (source);
  g_autoptr(GError) error = NULL;

  self->checked = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED))
        redress_db_set_damaged (self->db);
      else
        {
          /* Could not look (the file went away, say): nothing known */
          g_debug ("The check for damage did not run: %s", error->message);
          g_clear_error (&error);
        }
    }
  g_signal_emit (self, signals[CHECKED], 0, error);
}

static gboolean
start_check (gpointer user_data)
{
  RedressStore *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, NULL, on_checked, NULL);

  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, g_strdup (redress_db_get_path (self->db)), g_free);
  g_task_run_in_thread (task, check_thread);
  return G_SOURCE_REMOVE;
}

/**
 * redress_store_open_full:
 * @flags: when to check the database for damage
 *
 * Like redress_store_open().  With %REDRESS_STORE_OPEN_CHECK_LATER, a
 * database at the latest schema is checked on a thread once the store is
 * open (reading a firm's database whole takes seconds): a damaged one is
 * then written to no more, and #RedressStore::checked says so.
 */
RedressStore *
redress_store_open_full (const char             *path,
                         RedressStoreOpenFlags   flags,
                         GError                **error)
{
  RedressStore *self;
  g_autofree char *default_path = NULL;
  RedressDb *db;

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

  db = redress_db_open_full (path,
                             (flags & (REDRESS_STORE_OPEN_CHECK_LATER |
                                       REDRESS_STORE_OPEN_UNCHECKED)) ? REDRESS_DB_OPEN_CHECK_LATER
                                                                      : REDRESS_DB_OPEN_DEFAULT,
                             error);
  if (db == NULL)
    return NULL;
  self = g_object_new (REDRESS_TYPE_STORE, NULL);
  self->db = db;
  redress_db_set_notify_func (db, on_db_changes, self);

  if (flags & REDRESS_STORE_OPEN_CHECK_LATER)
    /* Once what the caller does right after opening (filling the list of
     * files, showing the window) is done, not competing with it */
    g_idle_add_full (G_PRIORITY_LOW, start_check, g_object_ref (self), g_object_unref);
  else if ((flags & REDRESS_STORE_OPEN_UNCHECKED) == 0)
    self->checked = TRUE;
  return self;
}

/**
 * redress_store_get_checked:
 *
 * Returns: whether the check for damage ended (always, unless
 *   %REDRESS_STORE_OPEN_CHECK_LATER deferred it)
 */
gboolean
redress_store_get_checked (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return self->checked;
}

/**
 * redress_store_get_damaged:
 *
 * Returns: whether the database was found damaged, so that nothing more is
 *   written to it
 */
gboolean
redress_store_get_damaged (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return redress_db_get_damaged (self->db);
}

const char *
redress_store_get_path (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return redress_db_get_path (self->db);
}

int
redress_store_get_version (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), 0);

  return redress_db_get_version (self->db);
}

sqlite3 *
redress_store_get_handle (RedressStore *self)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return redress_db_get_handle (self->db);
}

RedressDb *
redress_store_get_db (RedressStore *self)
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

  return redress_db_begin (self->db, error);
}

gboolean
redress_store_commit (RedressStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return redress_db_commit (self->db, error);
}

void
redress_store_rollback (RedressStore *self)
{
  g_return_if_fail (REDRESS_IS_STORE (self));

  redress_db_rollback (self->db);
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
  return redress_db_migrate_file_to (path, version, error);
}

/* For the parts of the store kept in other files --------------------------- */

typedef struct
{
  RedressStore *self;
  RedressStoreTxFunc func;
  gpointer data;
} Transaction;

static gboolean
run_transaction (gpointer   data,
                 GError   **error)
{
  Transaction *tx = data;

  return tx->func (tx->self, tx->data, error);
}

/**
 * redress_store_transaction:
 * @func: the writes, given the store and @data
 *
 * redress_db_transaction() on the store's connection.
 */
gboolean
redress_store_transaction (RedressStore        *self,
                           RedressStoreTxFunc   func,
                           gpointer             data,
                           GError             **error)
{
  Transaction tx = { self, func, data };

  return redress_db_transaction (self->db, run_transaction, &tx, error);
}

/* The store's time as written in the database (UTC, to the second) */
char *
redress_store_now_timestamp (RedressStore *self)
{
  g_autoptr(GDateTime) now = redress_store_dup_now (self);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* A line of the timeline, inside the caller's transaction */
gboolean
redress_store_log_event_full (RedressStore  *self,
                              const char    *entity,
                              gint64         client_id,
                              gint64         case_id,
                              const char    *kind,
                              const char    *field,
                              const char    *old_value,
                              const char    *new_value,
                              GError       **error)
{
  g_autofree char *at = redress_store_now_timestamp (self);
  RedressDbStmt *stmt;

  stmt = redress_db_prepare (self->db,
                  "INSERT INTO events (at, actor, entity, client_id, case_id, kind, field, "
                  "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  redress_db_bind_text (stmt, 1, at);
  redress_db_bind_text (stmt, 2, self->actor);
  redress_db_bind_text (stmt, 3, entity);
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 4, client_id);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 5, case_id);
  redress_db_bind_text (stmt, 6, kind);
  redress_db_bind_text (stmt, 7, field);
  redress_db_bind_text (stmt, 8, old_value);
  redress_db_bind_text (stmt, 9, new_value);
  return redress_db_step_done (self->db, stmt, error);
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
  return redress_store_log_event_full (self, entity, client_id, case_id, kind, NULL, NULL,
                                       new_value, error);
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
  g_autoptr(RedressDbStmt) stmt = NULL;
  gint64 client_id = 0;
  int rc;

  stmt = redress_db_prepare (self->db,
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
    redress_db_error (self->db, rc, error);
  return client_id;
}

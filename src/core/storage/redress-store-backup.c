/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store"

#include "config.h"

#include "redress-db-private.h"
#include "redress-store-private.h"

/*
 * The safety of a consultant's database, as the store offers it: the
 * whole check, a backup (blocking or in a worker thread) and a restore.
 * The work is done file by file in redress-db-backup.c.
 */

/**
 * redress_store_set_step_hook:
 * @hook: (nullable): called at each step of a creation, backup or restore
 *
 * For tests: see #RedressDbStepHook.
 */
void
redress_store_set_step_hook (RedressStoreStepHook hook)
{
  redress_db_set_step_hook (hook);
}

/**
 * redress_store_check:
 *
 * Checks the integrity of the whole database and its schema version.
 */
gboolean
redress_store_check (RedressStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return redress_db_check (redress_store_get_db (self), error);
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

  if (!redress_db_check_backup_destination (redress_store_get_path (self), destination, error))
    return FALSE;
  return redress_db_backup_file (redress_store_get_path (self), destination, NULL, error);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;

  if (redress_db_backup_file (paths[0], paths[1], cancellable, &error))
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

  if (!redress_db_check_backup_destination (redress_store_get_path (self), destination, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (redress_store_get_path (self));
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
  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  return redress_db_restore (database, backup, previous_copy, error);
}

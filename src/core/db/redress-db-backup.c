/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-db"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "redress-db-private.h"
#include "redress-error.h"
#include "redress-file-util.h"

/*
 * Backup and restore of a Redress database, file by file, on connections
 * of their own (a backup may run in a worker thread).  A backup is a
 * consistent copy made with SQLite's backup API and checked before it takes
 * its name; a restore checks the backup, brings it up to date beside the
 * database, keeps the database aside and swaps the files, so that at every
 * step a crash leaves either the old data or the backup's.
 */

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
 * Every wait is bounded: SQLite busy for longer than REDRESS_DB_BUSY_TIMEOUT_MS in
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
    return redress_db_set_error (target, sqlite3_errcode (target), destination, error);
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
          if (busy_time > REDRESS_DB_BUSY_TIMEOUT_MS * G_GINT64_CONSTANT (1000))
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
      return redress_db_set_error (NULL, SQLITE_BUSY, source_path, error);
    }
  return redress_db_set_error (target, rc, destination, error);   /* its errno tells a full disk */
}

/* Reads back the copy just written at @path, as a file */
static gboolean
verify_copy (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  db = redress_db_open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;
  ok = redress_db_integrity_check (db, path, &local_error);
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
gboolean
redress_db_backup_file (const char    *source_path,
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

  source = redress_db_open_connection (source_path, SQLITE_OPEN_READONLY, error);
  if (source != NULL)
    target = redress_db_open_connection (temp, SQLITE_OPEN_READWRITE, error);
  /* One self-contained file: no -wal beside it */
  ok = target != NULL &&
       copy_pages (source, source_path, target, destination, cancellable, error) &&
       redress_db_exec_on (target, "PRAGMA journal_mode = DELETE", destination, error);
  if (target != NULL)
    sqlite3_close (target);
  if (source != NULL)
    sqlite3_close (source);

  if (!ok || !verify_copy (temp, error))
    return FALSE;
  redress_db_step_reached ("backup-copied", temp);
  return redress_file_replace_commit (file, error);
}

/* Refuses to write a backup over the database or the files SQLite keeps
 * beside it, whatever the spelling of the name */
gboolean
redress_db_check_backup_destination (const char  *database,
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

  source = redress_db_open_connection (backup, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  ok = redress_db_check_identity (source, backup, &version, error) &&
       redress_db_pragma_int (source, "SELECT count(*) FROM sqlite_master", backup, &n_objects, error);
  if (ok && n_objects == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is empty: it is not a Redress backup."), backup);
      ok = FALSE;
    }
  ok = ok && redress_db_integrity_check (source, backup, error) &&
       redress_db_check_schema (source, backup, version, error);
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

  source = redress_db_open_connection (backup, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  target = redress_db_open_connection (temp, SQLITE_OPEN_READWRITE, error);
  ok = target != NULL &&
       copy_pages (source, backup, target, backup, NULL, error);
  sqlite3_close (source);
  ok = ok &&
       redress_db_exec_on (target, "PRAGMA journal_mode = DELETE", backup, error) &&
       redress_db_exec_on (target, "PRAGMA foreign_keys = ON", backup, error) &&
       redress_db_check_identity (target, backup, &version, error) &&
       redress_db_migrate (target, backup, version, redress_db_latest_version (), error);
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
  if (!redress_db_backup_file (database, saved, NULL, &local_error))
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
  db = redress_db_open_connection (database, SQLITE_OPEN_READWRITE, error);
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
    ok = redress_db_exec_on (db, "BEGIN EXCLUSIVE", database, &local_error);
  else
    redress_db_set_error (db, rc, database, &local_error);

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
 * redress_db_restore:
 * @database: the database to replace
 * @backup: a backup written by redress_db_backup_file()
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
redress_db_restore (const char  *database,
                    const char  *backup,
                    char       **previous_copy,
                    GError     **error)
{
  g_autoptr(RedressFileReplace) file = NULL;
  g_autoptr(RedressDb) restored = NULL;
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
  redress_db_step_reached ("restore-copied", redress_file_replace_get_path (file));

  /* Keep what is being replaced, and say where whatever follows */
  if (g_file_test (database, G_FILE_TEST_EXISTS))
    {
      saved = keep_aside (database, error);
      if (saved == NULL)
        return FALSE;
      if (previous_copy != NULL)
        *previous_copy = g_strdup (saved);
      redress_db_step_reached ("restore-kept", saved);

      if (!fold_old_log (database, &lock, error))
        return FALSE;
      redress_db_step_reached ("restore-wal-folded", database);
    }

  ok = redress_file_replace_commit (file, error);
  if (ok)
    redress_db_step_reached ("restore-renamed", database);
  if (lock != NULL)
    sqlite3_close (lock);
  if (!ok)
    return FALSE;
  redress_db_step_reached ("restore-done", database);

  /* Opens as the application will */
  restored = redress_db_open (database, error);
  return restored != NULL;
}

/* For the other parts of the store (documents, grounds) */

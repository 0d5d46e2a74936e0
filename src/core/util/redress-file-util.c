/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "redress-error.h"
#include "redress-file-util.h"

struct _RedressFileReplace
{
  char *target;
  char *path;        /* the temporary file */
  int fd;            /* open and locked while the file is written */
  gboolean committed;
};

/* What SQLite may leave beside a database file */
static const char * const sqlite_suffixes[] = { "-journal", "-wal", "-shm" };

static void
set_write_error (const char  *path,
                 int          errsv,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (errsv == ENOSPC || errsv == EDQUOT || errsv == EFBIG)
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                 _("The disk is full: “%s” was not written."), name);
  else
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                 _("“%s” could not be written: %s."), name, g_strerror (errsv));
}

/**
 * redress_file_check_target:
 * @path: a file about to be written
 *
 * Refuses a target that is not an ordinary file (or no file yet): a
 * symbolic link would be followed to somewhere else, and a device or a pipe
 * cannot be replaced by a file.
 */
gboolean
redress_file_check_target (const char  *path,
                           GError     **error)
{
  g_autofree char *name = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0 || S_ISREG (st.st_mode))
    return TRUE;

  name = g_filename_display_name (path);
  if (S_ISLNK (st.st_mode))
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                 _("“%s” is a symbolic link: Redress does not write through links. "
                   "Choose another file name."), name);
  else if (S_ISDIR (st.st_mode))
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                 _("“%s” is a folder: give the name of a file to write."), name);
  else
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                 _("“%s” is not an ordinary file (a device or a pipe): Redress writes only "
                   "files. Choose another file name."), name);
  return FALSE;
}

/**
 * redress_file_replace_new:
 * @target: the file to write (replaced if it exists)
 * @prefix: %REDRESS_FILE_BACKUP_PREFIX or %REDRESS_FILE_TEMP_PREFIX
 *
 * Returns: (transfer full): the temporary file to write, or %NULL
 */
RedressFileReplace *
redress_file_replace_new (const char  *target,
                          const char  *prefix,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  RedressFileReplace *self;
  int fd;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (!redress_file_check_target (target, error))
    return NULL;

  dir = g_path_get_dirname (target);
  name = g_strconcat (prefix, "XXXXXX", NULL);
  self = g_new0 (RedressFileReplace, 1);
  self->target = g_strdup (target);
  self->path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (self->path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *dir_name = g_filename_display_name (dir);

      if (errsv == ENOSPC || errsv == EDQUOT)
        set_write_error (target, errsv, error);
      else
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                     _("A file cannot be written in “%s”: %s."), dir_name, g_strerror (errsv));
      g_free (self->target);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  /* Tells redress_file_remove_stale() that the file is still being written */
  flock (fd, LOCK_EX | LOCK_NB);
  self->fd = fd;
  return self;
}

const char *
redress_file_replace_get_path (RedressFileReplace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

int
redress_file_replace_get_fd (RedressFileReplace *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

/**
 * redress_file_replace_commit:
 *
 * Syncs the temporary file (whoever wrote it, through its path or its
 * descriptor), renames it over the target and syncs the folder.
 */
gboolean
redress_file_replace_commit (RedressFileReplace  *self,
                             GError             **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  /* A writer may have replaced the file by its name: sync what the name holds */
  fd = g_open (self->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_write_error (self->target, errno, error);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      fchmod (fd, 0600) != 0 || fsync (fd) != 0)
    {
      int errsv = S_ISREG (st.st_mode) ? errno : EINVAL;

      close (fd);
      set_write_error (self->target, errsv, error);
      return FALSE;
    }
  close (fd);

  /* The target may have become a link while the file was written */
  if (!redress_file_check_target (self->target, error))
    return FALSE;
  if (g_rename (self->path, self->target) != 0)
    {
      set_write_error (self->target, errno, error);
      return FALSE;
    }
  self->committed = TRUE;
  return redress_file_sync_folder (self->target, error);
}

/**
 * redress_file_replace_commit_new:
 *
 * Like redress_file_replace_commit(), for a target that must not exist:
 * if a file took the name meanwhile, it is left as it is and the error is
 * %G_IO_ERROR_EXISTS.
 */
gboolean
redress_file_replace_commit_new (RedressFileReplace  *self,
                                 GError             **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  fd = g_open (self->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0 || fchmod (fd, 0600) != 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      set_write_error (self->target, errsv, error);
      return FALSE;
    }
  close (fd);

  /* A second name, then the temporary one goes: never over another file */
  if (link (self->path, self->target) != 0)
    {
      int errsv = errno;

      if (errsv == EEXIST)
        {
          g_autofree char *name = g_filename_display_name (self->target);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s exists", name);
          return FALSE;
        }
      /* A file system without hard links: a rename, once the name is
       * seen free */
      if (errsv != EPERM && errsv != ENOTSUP && errsv != EOPNOTSUPP && errsv != ENOSYS)
        {
          set_write_error (self->target, errsv, error);
          return FALSE;
        }
      if (g_file_test (self->target, G_FILE_TEST_EXISTS) || g_file_test (self->target, G_FILE_TEST_IS_SYMLINK))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s exists", self->target);
          return FALSE;
        }
      if (g_rename (self->path, self->target) != 0)
        {
          set_write_error (self->target, errno, error);
          return FALSE;
        }
    }
  else
    g_unlink (self->path);
  self->committed = TRUE;
  return redress_file_sync_folder (self->target, error);
}

void
redress_file_replace_free (RedressFileReplace *self)
{
  if (self == NULL)
    return;

  if (!self->committed)
    {
      g_unlink (self->path);
      for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
        {
          g_autofree char *beside = g_strconcat (self->path, sqlite_suffixes[i], NULL);
          g_unlink (beside);
        }
    }
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->target);
  g_free (self->path);
  g_free (self);
}

/**
 * redress_file_set_contents:
 *
 * Writes @data to @target through a temporary file: @target is then either
 * the whole of @data (mode 0600) or as it was.
 */
gboolean
redress_file_set_contents (const char  *target,
                           const void  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(RedressFileReplace) file = NULL;
  const char *p = data;

  file = redress_file_replace_new (target, REDRESS_FILE_TEMP_PREFIX, error);
  if (file == NULL)
    return FALSE;
  while (length > 0)
    {
      gssize n = write (file->fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_write_error (target, n < 0 ? errno : ENOSPC, error);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return redress_file_replace_commit (file, error);
}

/**
 * redress_file_sync_folder:
 * @path: a file whose folder entry was just created or renamed
 *
 * Makes the entry durable.
 */
gboolean
redress_file_sync_folder (const char  *path,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      /* Some file systems cannot sync a folder: the rename stands */
      if (errsv == EINVAL || errsv == EROFS)
        return TRUE;
      set_write_error (path, errsv, error);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
is_temp_name (const char *name)
{
  return g_str_has_prefix (name, REDRESS_FILE_BACKUP_PREFIX) ||
         g_str_has_prefix (name, REDRESS_FILE_TEMP_PREFIX);
}

/* Removes @path and what SQLite left beside it, unless a process is still
 * writing it */
static void
remove_if_abandoned (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    {
      g_debug ("Removing %s, left by a backup or a restore that did not finish", path);
      g_unlink (path);
      for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
        {
          g_autofree char *beside = g_strconcat (path, sqlite_suffixes[i], NULL);
          g_unlink (beside);
        }
    }
  close (fd);
}

/**
 * redress_file_remove_stale:
 * @folder: a folder Redress writes in
 *
 * Removes the temporary files (copies of client data among them) that a
 * backup, a restore or an export ended by a crash left in @folder.
 */
void
redress_file_remove_stale (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_if_fail (folder != NULL);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temp_name (name))
      g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      gboolean beside = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (sqlite_suffixes); s++)
        if (g_str_has_suffix (entry, sqlite_suffixes[s]))
          {
            g_autofree char *base = g_strndup (path, strlen (path) - strlen (sqlite_suffixes[s]));
            GStatBuf st;

            beside = TRUE;
            /* Its file is gone: nothing can use it */
            if (g_lstat (base, &st) != 0)
              g_unlink (path);
          }
      if (!beside)
        remove_if_abandoned (path);
    }
}

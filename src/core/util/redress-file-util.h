/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names of the temporary files Redress writes beside their target:
 * copies of the database, and every other file */
#define REDRESS_FILE_BACKUP_PREFIX ".redress-backup-"
#define REDRESS_FILE_TEMP_PREFIX   ".redress-tmp-"

/*
 * RedressFileReplace: writes a file so that it is either whole or as it was.
 *
 * The data goes to a temporary file (mode 0600) in the target's folder,
 * locked for as long as it is being written; commit syncs it, renames it
 * over the target and syncs the folder.  Freed without a commit, the
 * temporary file is removed.  A symbolic link, a device, a pipe or a
 * folder as target is refused.
 */
typedef struct _RedressFileReplace RedressFileReplace;

gboolean            redress_file_check_target        (const char          *path,
                                                      GError             **error);
RedressFileReplace *redress_file_replace_new         (const char          *target,
                                                      const char          *prefix,
                                                      GError             **error);
const char         *redress_file_replace_get_path    (RedressFileReplace  *self);
int                 redress_file_replace_get_fd      (RedressFileReplace  *self);
gboolean            redress_file_replace_commit      (RedressFileReplace  *self,
                                                      GError             **error);
gboolean            redress_file_replace_commit_new  (RedressFileReplace  *self,
                                                      GError             **error);
void                redress_file_replace_free        (RedressFileReplace  *self);

gboolean            redress_file_set_contents        (const char          *target,
                                                      const void          *data,
                                                      gsize                length,
                                                      GError             **error);
gboolean            redress_file_sync_folder         (const char          *path,
                                                      GError             **error);
void                redress_file_remove_stale        (const char          *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressFileReplace, redress_file_replace_free)

G_END_DECLS

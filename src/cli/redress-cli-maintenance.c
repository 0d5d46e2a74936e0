/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "redress-cli-private.h"

/*
 * The database itself: "check" it, "backup" it while Redress runs, and
 * "restore" a backup over it (the replaced database is kept beside it).
 */

static gboolean
run_check (CliRun    *run,
           gpointer   data,
           GError   **error)
{
  if (!redress_store_check (run->store, error))
    return FALSE;
  /* Translators: the output of "redress-cli check" when all is well */
  g_print (_("ok (schema %d)\n"), redress_store_get_version (run->store));
  return TRUE;
}

static gboolean
run_backup (CliRun    *run,
            gpointer   data,
            GError   **error)
{
  if (!redress_store_backup (run->store, run->args[0], error))
    return FALSE;
  g_print (_("Backup written to “%s”.\n"), run->args[0]);
  return TRUE;
}

static gboolean
run_restore (CliRun    *run,
             gpointer   data,
             GError   **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *previous = NULL;
  const char *database = run->database;

  if (database == NULL)
    {
      g_autofree char *dir = NULL;

      default_path = redress_store_default_path ();
      database = default_path;
      dir = g_path_get_dirname (database);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                       _("The folder “%s” cannot be created: %s."), dir,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (!redress_store_restore (database, run->args[0], &previous, error))
    {
      /* The copy was made before the step that failed: it must not go unseen */
      if (previous != NULL && error != NULL && *error != NULL)
        {
          /* Translators: the reason the restore failed, then where the copy is */
          char *message = g_strdup_printf (_("%s A copy of the database as it was before the "
                                             "restore was kept as “%s”."),
                                           (*error)->message, previous);

          g_free ((*error)->message);
          (*error)->message = message;
        }
      return FALSE;
    }

  g_print (_("Restored “%s” from the backup “%s”.\n"), database, run->args[0]);
  if (previous != NULL)
    g_print (_("The database it replaced was kept as “%s”.\n"), previous);
  return TRUE;
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_check = {
  NULL, "check", NULL, 0,
  N_("Check the database (prints “ok (schema N)”)"),
  N_("Exits with status 1 and says what is wrong if the database is damaged."),
  FALSE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, run_check, NULL,
};

const CliCommand cli_backup = {
  NULL, "backup", N_("FILE"), 1,
  N_("Write a copy of the whole database to FILE"),
  N_("FILE is replaced if it exists. The copy can be made while Redress is running."),
  FALSE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, run_backup, NULL,
};

const CliCommand cli_restore = {
  NULL, "restore", N_("FILE"), 1,
  N_("Replace the database with the backup FILE"),
  N_("FILE is checked first: a file that is not a whole, undamaged Redress database is "
     "refused and the database is left as it is. The replaced database is kept beside it, "
     "and its name is printed. Close Redress before restoring."),
  FALSE, CLI_STORE_NONE,
  NULL, NULL, NULL, run_restore, NULL,
};

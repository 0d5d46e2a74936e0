/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * "demo": fictional client files, for trying Redress (the core's
 * redress_demo_populate() writes them).
 */

static gboolean
run_demo (CliRun    *run,
          gpointer   data,
          GError   **error)
{
  guint n_clients = 0;

  if (!redress_demo_populate (run->store, &n_clients, error))
    return FALSE;
  g_print (g_dngettext (NULL, "Added %u fictional client file, for trying Redress.\n",
                        "Added %u fictional client files, for trying Redress.\n", n_clients),
           n_clients);
  return TRUE;
}

const CliCommand cli_demo = {
  NULL, "demo", NULL, 0,
  N_("Add fictional client files, for trying Redress"),
  NULL,
  FALSE, CLI_STORE_CREATE,
  NULL, NULL, NULL, run_demo, NULL,
};

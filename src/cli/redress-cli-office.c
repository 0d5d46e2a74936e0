/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"
#include "redress-office.h"

/*
 * "office init URI" and "office check URI": the office database, the
 * PostgreSQL database that a firm's workstations share.  URI is a
 * postgresql:// address, service=NAME (pg_service.conf) or libpq's
 * key=value words, never with a password (the keyring, PGPASSWORD or
 * .pgpass give it).  --verbose prints what libpq and the server said.
 */

static gboolean
run_office_init (CliRun    *run,
                 gpointer   data,
                 GError   **error)
{
  g_autoptr(RedressOffice) office = NULL;
  int from = 0;
  int latest = redress_office_latest_version ();

  office = redress_office_connect (run->args[0], error);
  if (office == NULL || !redress_office_init (office, &from, error))
    return FALSE;

  if (from == latest)
    g_print (_("The office database at %s is already at schema %d: nothing to do.\n"),
             redress_office_get_description (office), latest);
  else if (from == 0)
    g_print (_("The office database at %s is ready (schema %d), with the roles redress_staff "
               "(read and write) and redress_reader (read only).\n"),
             redress_office_get_description (office), latest);
  else
    g_print (_("The office database at %s was updated from schema %d to %d.\n"),
             redress_office_get_description (office), from, latest);
  return TRUE;
}

static gboolean
run_office_check (CliRun    *run,
                  gpointer   data,
                  GError   **error)
{
  g_autoptr(RedressOffice) office = NULL;
  int version = 0;

  office = redress_office_connect (run->args[0], error);
  if (office == NULL || !redress_office_check (office, &version, error))
    return FALSE;
  g_print (_("ok (schema %d)\n"), version);
  return TRUE;
}

const CliCommand cli_office_init = {
  "office", "init", N_("URI"), 1,
  N_("Set up or update the office database that workstations share (PostgreSQL)"),
  N_("Creates the office schema in the PostgreSQL database at URI, or brings it up to date, "
     "and the group roles redress_staff (read and write) and redress_reader (read only), all "
     "in one transaction. Run it as the database’s owner, with the right to create roles. "
     "URI is postgresql://USER@HOST/DATABASE or service=NAME, without a password. A server "
     "that is not on this computer is reached only with TLS and a verified certificate."),
  FALSE, CLI_STORE_NONE,
  NULL, NULL, NULL, run_office_init, NULL,
};

const CliCommand cli_office_check = {
  "office", "check", N_("URI"), 1,
  N_("Check the connection to the office database and its schema"),
  N_("Connects to the PostgreSQL database at URI and prints “ok (schema N)” when it holds "
     "the schema of this version of Redress. URI is postgresql://USER@HOST/DATABASE or "
     "service=NAME, without a password."),
  FALSE, CLI_STORE_NONE,
  NULL, NULL, NULL, run_office_check, NULL,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"
#include "redress-office.h"
#include "redress-office-push.h"

/*
 * "office init URI" and "office check URI": the office database, the
 * PostgreSQL database that a firm's workstations share.  URI is a
 * postgresql:// address, service=NAME (pg_service.conf) or libpq's
 * key=value words, never with a password (the keyring, PGPASSWORD or
 * .pgpass give it).  --verbose prints what libpq and the server said.
 * "office push --from FILE URI" copies a consultant's local database
 * into the office database, all or nothing (redress-office-push.c).
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

/* office push --from FILE URI */
typedef struct
{
  char *from;
  gboolean show_progress;
  guint progress_width;
  int last_percent;
} PushOptions;

static void
push_options_free (gpointer data)
{
  PushOptions *options = data;

  g_free (options->from);
  g_free (options);
}

static gpointer
push_options_new (const CliCommand *command,
                  CliOptionSet     *set)
{
  PushOptions *options = g_new0 (PushOptions, 1);

  cli_option_set_add (set, "from", G_OPTION_ARG_FILENAME, &options->from,
                      _("The local database to push (required)"), _("FILE"));
  return options;
}

static gboolean
push_options_check (const CliCommand  *command,
                    gpointer           data,
                    GError           **error)
{
  PushOptions *options = data;

  if (options->from == NULL || *options->from == '\0')
    {
      cli_usage_error (error, _("--from is required: name the local database to push "
                                "(--from FILE)."));
      return FALSE;
    }
  return TRUE;
}

/* "Pushing… 42 %" on a terminal, over the line before */
static void
on_push_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  PushOptions *options = user_data;
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;
  int percent;
  guint width;

  if (!options->show_progress || total == 0)
    return;
  percent = (int) (done * 100 / total);
  if (percent == options->last_percent)
    return;
  options->last_percent = percent;
  /* Translators: progress of a push on a terminal */
  line = g_strdup_printf (_("Pushing into the office database… %d %%"), percent);
  width = (guint) g_utf8_strlen (line, -1);
  shown = g_strdup_printf ("\r%s%*s", line,
                           (int) (options->progress_width > width
                                  ? options->progress_width - width : 0), "");
  cli_write_text (stderr, shown, FALSE);
  options->progress_width = MAX (options->progress_width, width);
}

static void
clear_push_progress (PushOptions *options)
{
  if (options->progress_width > 0)
    {
      g_autofree char *blank = g_strdup_printf ("\r%*s\r", (int) options->progress_width, "");

      cli_write_text (stderr, blank, FALSE);
    }
  options->progress_width = 0;
}

static gboolean
run_office_push (CliRun    *run,
                 gpointer   data,
                 GError   **error)
{
  PushOptions *options = data;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *size = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *documents = NULL;
  RedressOfficePushResult result = { 0 };
  gboolean ok;

  /* A wrong local file is said before waiting on the network */
  if (!redress_office_push_check_path (options->from, error))
    return FALSE;
  office = redress_office_connect (run->args[0], error);
  if (office == NULL)
    return FALSE;

  options->show_progress = isatty (STDERR_FILENO);
  options->last_percent = -1;
  ok = redress_office_push (office, options->from, on_push_progress, options, &result, error);
  clear_push_progress (options);
  if (!ok)
    return FALSE;

  size = g_format_size (result.n_bytes);
  /* Translators: the parts of "Pushed 3 client files, 4 cases and 2 documents (1.2 MB) into
   * the office database at alice@db.example.com/office." */
  clients = g_strdup_printf (g_dngettext (NULL, "%u client file", "%u client files",
                                          result.n_clients), result.n_clients);
  cases = g_strdup_printf (g_dngettext (NULL, "%u case", "%u cases", result.n_cases),
                           result.n_cases);
  documents = g_strdup_printf (g_dngettext (NULL, "%u document", "%u documents",
                                            result.n_documents), result.n_documents);
  /* Translators: "Pushed 3 client files, 4 cases and 2 documents (1.2 MB) into the office
   * database at alice@db.example.com/office." */
  g_print (_("Pushed %s, %s and %s (%s) into the office database at %s.\n"),
           clients, cases, documents, size, redress_office_get_description (office));
  if (result.firm_kept)
    g_print (_("The office’s firm profile was kept as it was.\n"));
  return TRUE;
}

const CliCommand cli_office_push = {
  "office", "push", N_("URI"), 1,
  N_("Copy a local database into the office database, all or nothing"),
  N_("Copies every client file, case, document, page, ground, evidence, checklist item and "
     "event of the local database FILE (--from) into the office database at URI, in one "
     "transaction, with new ids. Before it commits, the rows of each table and the SHA-256 of "
     "every document are checked against the local database; any difference, or a file "
     "number the office already has, leaves the office database as it was. The firm profile "
     "is copied only if the office has none. FILE is only read."),
  FALSE, CLI_STORE_NONE,
  push_options_new, push_options_free, push_options_check, run_office_push, NULL,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * "client add", "client list", and what makes a client file differ from
 * the other records for show, set, archive, unarchive and delete (found by
 * id or by file number, named by its file number, listed with its cases).
 */

gboolean
cli_looks_like_file_number (const char *text)
{
  /* YEAR-NNNN */
  if (strlen (text) < 6 || text[4] != '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (p != text + 4 && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* A client by id, or by file number ("2026-0001") */
RedressClient *
cli_find_client (RedressStore  *store,
                 const char    *text,
                 GError       **error)
{
  gint64 id = 0;

  if (cli_looks_like_file_number (text))
    {
      g_autoptr(GPtrArray) clients = redress_store_list_clients (store, TRUE, error);

      if (clients == NULL)
        return NULL;
      for (guint i = 0; i < clients->len; i++)
        {
          RedressClient *client = g_ptr_array_index (clients, i);

          if (g_strcmp0 (redress_client_get_file_number (client), text) == 0)
            return g_object_ref (client);
        }
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no client file numbered %s."), text);
      return NULL;
    }

  if (!cli_parse_id_listed (text, cli_id_listed_by ("client"), &id, error))
    return NULL;
  return redress_store_get_client (store, id, error);
}

char *
cli_client_title (RedressClient *client)
{
  g_autofree char *name = redress_client_dup_display_name (client);

  /* Translators: "Client file 2026-0001 (Okafor, Chidinma)" */
  return g_strdup_printf (_("Client file %s (%s)"),
                          redress_client_get_file_number (client), name);
}

/* What the record commands need to know of clients ------------------------- */

static RedressRecord *
client_find (RedressStore  *store,
             const char    *text,
             GError       **error)
{
  return REDRESS_RECORD (cli_find_client (store, text, error));
}

static char *
client_title (RedressRecord *record)
{
  return cli_client_title (REDRESS_CLIENT (record));
}

static gboolean
client_update (RedressStore   *store,
               RedressRecord  *record,
               GError        **error)
{
  return redress_store_update_client (store, REDRESS_CLIENT (record), error);
}

static gboolean
client_show_load (CliRecordShow  *show,
                  RedressStore   *store,
                  GError        **error)
{
  show->cases = redress_store_list_cases (store, redress_record_get_id (show->record), TRUE, error);
  return show->cases != NULL;
}

static void
client_show_json (CliRecordShow *show,
                  JsonBuilder   *builder)
{
  cli_json_add_client_members (builder, REDRESS_CLIENT (show->record));
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < show->cases->len; i++)
    cli_json_add_case (builder, g_ptr_array_index (show->cases, i));
  json_builder_end_array (builder);
}

static void
client_show_head (CliRecordShow *show,
                  GPtrArray     *pairs)
{
  RedressClient *client = REDRESS_CLIENT (show->record);

  cli_add_pair (pairs, _("Id"), g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 redress_record_get_id (show->record)));
  cli_add_pair (pairs, _("File number"), g_strdup (redress_client_get_file_number (client)));
}

/* The client's cases, after its fields */
static void
client_show_tail (CliRecordShow *show)
{
  GPtrArray *cases = show->cases;

  g_print ("\n%s\n", _("Cases:"));
  if (cases->len == 0)
    g_print ("  %s\n", _("None."));
  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      g_autofree char *case_title = redress_case_dup_title (kase);
      const char *stage = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_STAGE),
                                                      redress_case_get_stage (kase));

      g_autofree char *line = NULL;

      /* Translators: a case in a client file: its title and its stage */
      line = g_strdup_printf (_("%s — %s"), case_title, stage ? stage : redress_case_get_stage (kase));
      if (redress_record_get_archived (REDRESS_RECORD (kase)))
        {
          g_autofree char *plain = g_steal_pointer (&line);
          line = g_strdup_printf (_("%s (archived)"), plain);
        }
      g_print ("  %" G_GINT64_FORMAT "  %s\n", redress_record_get_id (REDRESS_RECORD (kase)), line);
    }
}

static char *
client_deleted_message (RedressRecord *record,
                        const char    *title)
{
  guint n_cases = redress_client_get_case_count (REDRESS_CLIENT (record));

  return g_strdup_printf (g_dngettext (NULL, "%s and its %u case were deleted permanently.\n",
                                       "%s and its %u cases were deleted permanently.\n", n_cases),
                          title, n_cases);
}

const CliRecordKind cli_client_kind = {
  .get_type = redress_client_get_type,
  .nothing_to_change = N_("Nothing to change: give at least one option, such as --email."),
  .timeline_by_client = TRUE,
  .find = client_find,
  .title = client_title,
  .update = client_update,
  .show_load = client_show_load,
  .show_json = client_show_json,
  .show_head = client_show_head,
  .show_tail = client_show_tail,
  .deleted_message = client_deleted_message,
};

/* client add ------------------------------------------------------------------ */

static gpointer
client_add_options_new (const CliCommand *command,
                        CliOptionSet     *set)
{
  CliRecordOptions *options = cli_record_options_new (REDRESS_TYPE_CLIENT);

  cli_field_options_add (&options->fields, set, TRUE);
  return options;
}

static gboolean
client_add (CliRun    *run,
            gpointer   data,
            GError   **error)
{
  CliRecordOptions *options = data;
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autofree char *name = NULL;

  if (!cli_field_options_check_required (&options->fields, REDRESS_RECORD (client), error) ||
      !cli_field_options_apply (&options->fields, REDRESS_RECORD (client), NULL, error) ||
      !redress_store_insert_client (run->store, client, error))
    return FALSE;

  name = redress_client_dup_display_name (client);
  /* Translators: "Created client file 2026-0001 (Okafor, Chidinma)." */
  g_print (_("Created client file %s (%s).\n"), redress_client_get_file_number (client), name);
  g_print ("%" G_GINT64_FORMAT "\n", redress_record_get_id (REDRESS_RECORD (client)));
  return TRUE;
}

/* client list ----------------------------------------------------------------- */

static gpointer
client_list_options_new (const CliCommand *command,
                         CliOptionSet     *set)
{
  CliRecordOptions *options = cli_record_options_new (G_TYPE_INVALID);

  cli_option_set_add (set, "search", G_OPTION_ARG_STRING, &options->search,
                      _("Only the files that match TEXT"), _("TEXT"));
  cli_option_set_add (set, "archived", G_OPTION_ARG_NONE, &options->archived,
                      _("Include the archived ones"), NULL);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
client_list (CliRun    *run,
             gpointer   data,
             GError   **error)
{
  CliRecordOptions *options = data;
  g_autoptr(RedressClientList) list = redress_client_list_new (run->store, options->archived,
                                                               error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_items;

  if (list == NULL)
    return FALSE;
  if (options->search != NULL)
    redress_client_list_set_query (list, options->search);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (options->json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

          json_builder_begin_object (builder);
          cli_json_add_client_members (builder, client);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      cli_print_json (builder);
      return TRUE;
    }

  if (n_items == 0)
    {
      g_print ("%s\n", options->search ? _("No client file matches.") : _("No client files."));
      return TRUE;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *name = redress_client_dup_display_name (client);
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (client)));
      row[1] = g_strdup (redress_client_get_file_number (client));
      if (redress_record_get_archived (REDRESS_RECORD (client)))
        /* Translators: a client's name in a list, when the file is archived */
        row[2] = g_strdup_printf (_("%s (archived)"), name);
      else
        row[2] = g_steal_pointer (&name);
      row[3] = cli_display_value (redress_client_field_def (REDRESS_CLIENT_UCI),
                                  redress_client_get_uci (client));
      row[4] = g_strdup_printf ("%u", redress_client_get_case_count (client));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("Id"), _("File"), _("Name"), _("UCI"), _("Cases") };
    cli_print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_client_add = {
  "client", "add", NULL, 0,
  N_("Create a client file (prints its id last)"),
  N_("Prints the id of the new client file alone on the last line."),
  FALSE, CLI_STORE_CREATE,
  client_add_options_new, cli_record_options_free, NULL, client_add, NULL,
};

const CliCommand cli_client_list = {
  "client", "list", NULL, 0,
  N_("List the client files, by name"),
  N_("--search matches words of the names, the file number or the UCI, in any case and "
     "with or without accents."),
  FALSE, CLI_STORE_EXISTING,
  client_list_options_new, cli_record_options_free, NULL, client_list, NULL,
};

const CliCommand cli_client_show = {
  "client", "show", N_("ID"), 1,
  N_("Show a client file, its cases and its timeline"),
  N_("ID is the id listed by “client list”, or the file number (such as 2026-0001)."),
  TRUE, CLI_STORE_EXISTING,
  cli_record_options_new_json, cli_record_options_free, NULL, cli_record_show, &cli_client_kind,
};

const CliCommand cli_client_set = {
  "client", "set", N_("ID"), 1,
  N_("Change fields of a client file"),
  N_("Only the fields given change, and the timeline records each change. An empty value "
     "(--email \"\") clears an optional field."),
  TRUE, CLI_STORE_EXISTING,
  cli_record_options_new_fields, cli_record_options_free, NULL, cli_record_set, &cli_client_kind,
};

const CliCommand cli_client_archive = {
  "client", "archive", N_("ID"), 1,
  N_("Archive a client file (it leaves the lists)"),
  NULL,
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_archive, &cli_client_kind,
};

const CliCommand cli_client_unarchive = {
  "client", "unarchive", N_("ID"), 1,
  N_("Take a client file out of the archive"),
  NULL,
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_unarchive, &cli_client_kind,
};

const CliCommand cli_client_delete = {
  "client", "delete", N_("ID"), 1,
  N_("Delete a client file and its cases, permanently"),
  N_("The deletion is PERMANENT: unlike the application, which offers Undo, the command "
     "line cannot bring the file back, and it does not ask for confirmation. Make a backup "
     "first (“redress-cli backup FILE”), or use “client archive” instead."),
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_delete, &cli_client_kind,
};

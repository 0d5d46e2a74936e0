/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * "case add", "case list", and what makes a case differ from the other
 * records for show, set, archive, unarchive and delete (found by id, named
 * by its title, shown with its client).
 */

char *
cli_case_title (RedressCase *kase)
{
  g_autofree char *title = redress_case_dup_title (kase);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         redress_record_get_id (REDRESS_RECORD (kase)));

  /* Translators: "Case 3 (Study permit refused 2 March 2026)" */
  return g_strdup_printf (_("Case %s (%s)"), id, title);
}

/* What the record commands need to know of cases ---------------------------- */

static RedressRecord *
case_find (RedressStore  *store,
           const char    *text,
           GError       **error)
{
  gint64 id = 0;

  if (!cli_parse_id_listed (text, cli_id_listed_by ("case"), &id, error))
    return NULL;
  return REDRESS_RECORD (redress_store_get_case (store, id, error));
}

static char *
case_title (RedressRecord *record)
{
  return cli_case_title (REDRESS_CASE (record));
}

static gboolean
case_update (RedressStore   *store,
             RedressRecord  *record,
             GError        **error)
{
  return redress_store_update_case (store, REDRESS_CASE (record), error);
}

static gboolean
case_show_load (CliRecordShow  *show,
                RedressStore   *store,
                GError        **error)
{
  show->client = redress_store_get_client (store, redress_case_get_client_id (REDRESS_CASE (show->record)),
                                           error);
  return show->client != NULL;
}

static void
case_show_json (CliRecordShow *show,
                JsonBuilder   *builder)
{
  RedressRecord *record = show->record;
  RedressCase *kase = REDRESS_CASE (record);
  g_autofree char *case_name = redress_case_dup_title (kase);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_record_get_id (record));
  json_builder_set_member_name (builder, "client-id");
  json_builder_add_int_value (builder, redress_case_get_client_id (kase));
  cli_json_add_string_or_null (builder, "file-number", redress_client_get_file_number (show->client));
  cli_json_add_string_or_null (builder, "title", case_name);
  cli_json_add_fields (builder, record);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, redress_record_get_archived (record));
  cli_json_add_timestamps (builder, record);
}

static void
case_show_head (CliRecordShow *show,
                GPtrArray     *pairs)
{
  cli_add_pair (pairs, _("Id"), g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 redress_record_get_id (show->record)));
  cli_add_pair (pairs, _("Case"), redress_case_dup_title (REDRESS_CASE (show->record)));
  cli_add_pair (pairs, _("Client"), cli_client_title (show->client));
}

static char *
case_deleted_message (RedressRecord *record,
                      const char    *title)
{
  return g_strdup_printf (_("%s was deleted permanently.\n"), title);
}

const CliRecordKind cli_case_kind = {
  .get_type = redress_case_get_type,
  .nothing_to_change = N_("Nothing to change: give at least one option, such as --stage."),
  .timeline_by_client = FALSE,
  .find = case_find,
  .title = case_title,
  .update = case_update,
  .show_load = case_show_load,
  .show_json = case_show_json,
  .show_head = case_show_head,
  .show_tail = NULL,
  .deleted_message = case_deleted_message,
};

/* case add -------------------------------------------------------------------- */

static void
client_option_add (CliRecordOptions *options,
                   CliOptionSet     *set,
                   gboolean          adding)
{
  cli_option_set_add (set, "client", G_OPTION_ARG_STRING, &options->client,
                      adding ? _("The client file (id or file number; required)")
                             : _("Only the cases of this client file (id or file number)"),
                      _("ID"));
}

static gpointer
case_add_options_new (const CliCommand *command,
                      CliOptionSet     *set)
{
  CliRecordOptions *options = cli_record_options_new (REDRESS_TYPE_CASE);

  client_option_add (options, set, TRUE);
  cli_field_options_add (&options->fields, set, TRUE);
  return options;
}

static gboolean
case_add (CliRun    *run,
          gpointer   data,
          GError   **error)
{
  CliRecordOptions *options = data;
  g_autoptr(RedressCase) kase = redress_case_new (0);
  g_autoptr(RedressClient) client = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (options->client == NULL)
    {
      cli_usage_error (error, _("--client is required."));
      return FALSE;
    }
  if (!cli_field_options_check_required (&options->fields, REDRESS_RECORD (kase), error))
    return FALSE;
  client = cli_find_client (run->store, options->client, error);
  if (client == NULL)
    return FALSE;
  redress_case_set_client_id (kase, redress_record_get_id (REDRESS_RECORD (client)));
  if (!cli_field_options_apply (&options->fields, REDRESS_RECORD (kase), NULL, error) ||
      !redress_store_insert_case (run->store, kase, error))
    return FALSE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (kase)));
  title = redress_case_dup_title (kase);
  name = redress_client_dup_display_name (client);
  /* Translators: "Added case 3 (Study permit refused 2 March 2026) to client
   * file 2026-0001 (Okafor, Chidinma)." */
  g_print (_("Added case %s (%s) to client file %s (%s).\n"), id, title,
           redress_client_get_file_number (client), name);
  g_print ("%" G_GINT64_FORMAT "\n", redress_record_get_id (REDRESS_RECORD (kase)));
  return TRUE;
}

/* case list ------------------------------------------------------------------- */

static gpointer
case_list_options_new (const CliCommand *command,
                       CliOptionSet     *set)
{
  CliRecordOptions *options = cli_record_options_new (G_TYPE_INVALID);

  client_option_add (options, set, FALSE);
  cli_option_set_add (set, "archived", G_OPTION_ARG_NONE, &options->archived,
                      _("Include the archived ones"), NULL);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
case_list (CliRun    *run,
           gpointer   data,
           GError   **error)
{
  CliRecordOptions *options = data;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 client_id = 0;

  if (options->client != NULL)
    {
      g_autoptr(RedressClient) client = cli_find_client (run->store, options->client, error);

      if (client == NULL)
        return FALSE;
      client_id = redress_record_get_id (REDRESS_RECORD (client));
    }
  cases = redress_store_list_cases (run->store, client_id, options->archived, error);
  if (cases == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < cases->len; i++)
        cli_json_add_case (builder, g_ptr_array_index (cases, i));
      json_builder_end_array (builder);
      cli_print_json (builder);
      return TRUE;
    }

  if (cases->len == 0)
    {
      g_print ("%s\n", _("No cases."));
      return TRUE;
    }

  clients = redress_store_list_clients (run->store, TRUE, error);
  if (clients == NULL)
    return FALSE;
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < clients->len; i++)
    {
      RedressClient *client = g_ptr_array_index (clients, i);
      gint64 id = redress_record_get_id (REDRESS_RECORD (client));

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), client);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      gint64 client_of_case = redress_case_get_client_id (kase);
      RedressClient *client = g_hash_table_lookup (by_id, &client_of_case);
      char **row = g_new0 (char *, 6);
      const char *type;
      const char *stage;

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (kase)));
      if (client != NULL)
        {
          g_autofree char *name = redress_client_dup_display_name (client);
          row[1] = g_strdup_printf ("%s %s", redress_client_get_file_number (client), name);
        }
      else
        row[1] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_case_get_client_id (kase));
      type = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE),
                                         redress_case_get_application_type (kase));
      stage = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_STAGE),
                                          redress_case_get_stage (kase));
      row[2] = g_strdup (type ? type : redress_case_get_application_type (kase));
      row[3] = g_strdup (redress_case_get_decision_date (kase));
      if (redress_record_get_archived (REDRESS_RECORD (kase)))
        row[4] = g_strdup_printf (_("%s (archived)"), stage ? stage : redress_case_get_stage (kase));
      else
        row[4] = g_strdup (stage ? stage : redress_case_get_stage (kase));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("Id"), _("Client"), _("Application"), _("Decision"), _("Stage") };
    cli_print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_case_add = {
  "case", "add", NULL, 0,
  N_("Add a refused application to a client file (prints its id last)"),
  N_("Prints the id of the new case alone on the last line."),
  FALSE, CLI_STORE_EXISTING,
  case_add_options_new, cli_record_options_free, NULL, case_add, NULL,
};

const CliCommand cli_case_list = {
  "case", "list", NULL, 0,
  N_("List the cases, newest decision first"),
  NULL,
  FALSE, CLI_STORE_EXISTING,
  case_list_options_new, cli_record_options_free, NULL, case_list, NULL,
};

const CliCommand cli_case_show = {
  "case", "show", N_("ID"), 1,
  N_("Show a case and its timeline"),
  NULL,
  TRUE, CLI_STORE_EXISTING,
  cli_record_options_new_json, cli_record_options_free, NULL, cli_record_show, &cli_case_kind,
};

const CliCommand cli_case_set = {
  "case", "set", N_("ID"), 1,
  N_("Change fields of a case"),
  N_("Only the fields given change, and the timeline records each change. An empty value "
     "(--office \"\") clears an optional field."),
  TRUE, CLI_STORE_EXISTING,
  cli_record_options_new_fields, cli_record_options_free, NULL, cli_record_set, &cli_case_kind,
};

const CliCommand cli_case_archive = {
  "case", "archive", N_("ID"), 1,
  N_("Archive a case"),
  NULL,
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_archive, &cli_case_kind,
};

const CliCommand cli_case_unarchive = {
  "case", "unarchive", N_("ID"), 1,
  N_("Take a case out of the archive"),
  NULL,
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_unarchive, &cli_case_kind,
};

const CliCommand cli_case_delete = {
  "case", "delete", N_("ID"), 1,
  N_("Delete a case, permanently"),
  N_("The deletion is PERMANENT and is not confirmed (the application offers Undo, the "
     "command line cannot). The client file’s timeline keeps a line saying the case was "
     "deleted."),
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, cli_record_delete, &cli_case_kind,
};

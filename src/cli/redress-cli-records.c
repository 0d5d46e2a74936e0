/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * The record commands written once for every class of record (the
 * RedressRecord subclasses): show, set, archive, unarchive and delete, each
 * told by its command's CliRecordKind how to find, name and save a client,
 * a case or the firm profile; and the firm profile's own commands.
 */

/* Options --------------------------------------------------------------- */

CliRecordOptions *
cli_record_options_new (GType record_type)
{
  CliRecordOptions *options = g_new0 (CliRecordOptions, 1);

  if (record_type != G_TYPE_INVALID)
    cli_field_options_init (&options->fields, record_type);
  return options;
}

void
cli_record_options_free (gpointer data)
{
  CliRecordOptions *options = data;

  cli_field_options_clear (&options->fields);
  g_free (options->search);
  g_free (options->client);
  g_free (options);
}

/* --json alone */
gpointer
cli_record_options_new_json (const CliCommand *command,
                             CliOptionSet     *set)
{
  CliRecordOptions *options = cli_record_options_new (G_TYPE_INVALID);

  cli_json_option_add (&options->json, set);
  return options;
}

/* One option per field of the command's record, to change them */
gpointer
cli_record_options_new_fields (const CliCommand *command,
                               CliOptionSet     *set)
{
  const CliRecordKind *kind = command->data;
  CliRecordOptions *options = cli_record_options_new (kind->get_type ());

  cli_field_options_add (&options->fields, set, FALSE);
  return options;
}

/* Show ------------------------------------------------------------------- */

static void
record_show_clear (CliRecordShow *show)
{
  g_clear_object (&show->record);
  g_clear_object (&show->client);
  g_clear_pointer (&show->cases, g_ptr_array_unref);
  g_clear_pointer (&show->events, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRecordShow, record_show_clear)

/* A record, what its kind lists with it, and its timeline */
gboolean
cli_record_show (CliRun    *run,
                 gpointer   data,
                 GError   **error)
{
  const CliRecordKind *kind = run->command->data;
  CliRecordOptions *options = data;
  g_auto(CliRecordShow) show = { 0 };
  g_autoptr(GPtrArray) pairs = NULL;
  RedressRecord *record;
  gint64 id;

  show.record = kind->find (run->store, run->args[0], error);
  if (show.record == NULL)
    return FALSE;
  record = show.record;
  id = redress_record_get_id (record);
  if (!kind->show_load (&show, run->store, error))
    return FALSE;
  show.events = redress_store_list_events (run->store, kind->timeline_by_client ? id : 0,
                                           kind->timeline_by_client ? 0 : id, error);
  if (show.events == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kind->show_json (&show, builder);
      cli_json_add_events (builder, show.events);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  pairs = g_ptr_array_new_with_free_func (g_free);
  kind->show_head (&show, pairs);
  cli_add_field_pairs (pairs, record);
  if (redress_record_get_archived (record))
    cli_add_pair (pairs, _("Archived"), g_strdup (_("Yes")));
  cli_add_pair (pairs, _("Created"), cli_format_timestamp (redress_record_get_created_at (record)));
  cli_add_pair (pairs, _("Updated"), cli_format_timestamp (redress_record_get_updated_at (record)));
  cli_print_pairs (pairs);
  if (kind->show_tail != NULL)
    kind->show_tail (&show);
  cli_print_events (show.events);
  return TRUE;
}

/* Set -------------------------------------------------------------------- */

/* The fields given change, each validated by the core; the firm profile,
 * which is one, takes no argument */
gboolean
cli_record_set (CliRun    *run,
                gpointer   data,
                GError   **error)
{
  const CliRecordKind *kind = run->command->data;
  CliRecordOptions *options = data;
  g_autoptr(RedressRecord) record = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *title = NULL;

  if (!cli_field_options_any (&options->fields))
    {
      cli_usage_error (error, "%s", _(kind->nothing_to_change));
      return FALSE;
    }
  record = kind->find (run->store, run->n_args > 0 ? run->args[0] : NULL, error);
  if (record == NULL)
    return FALSE;
  if (!cli_field_options_apply (&options->fields, record, changed, error) ||
      !kind->update (run->store, record, error))
    return FALSE;

  title = kind->title (record);
  cli_print_changes (title, changed);
  return TRUE;
}

/* Archive, unarchive ------------------------------------------------------ */

static gboolean
record_set_archived (CliRun    *run,
                     gboolean   archived,
                     GError   **error)
{
  const CliRecordKind *kind = run->command->data;
  g_autoptr(RedressRecord) record = kind->find (run->store, run->args[0], error);
  g_autofree char *title = NULL;

  if (record == NULL)
    return FALSE;
  title = kind->title (record);
  if (redress_record_get_archived (record) == archived)
    {
      g_print (archived ? _("%s is already archived.\n") : _("%s is not archived.\n"), title);
      return TRUE;
    }
  if (!redress_store_set_archived (run->store, record, archived, error))
    return FALSE;
  g_print (archived ? _("%s archived.\n") : _("%s taken out of the archive.\n"), title);
  return TRUE;
}

gboolean
cli_record_archive (CliRun    *run,
                    gpointer   options,
                    GError   **error)
{
  return record_set_archived (run, TRUE, error);
}

gboolean
cli_record_unarchive (CliRun    *run,
                      gpointer   options,
                      GError   **error)
{
  return record_set_archived (run, FALSE, error);
}

/* Delete ----------------------------------------------------------------- */

/* Trash then purge, in one transaction: the CLI has no Undo. */
gboolean
cli_record_delete (CliRun    *run,
                   gpointer   options,
                   GError   **error)
{
  const CliRecordKind *kind = run->command->data;
  g_autoptr(RedressRecord) record = kind->find (run->store, run->args[0], error);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (record == NULL)
    return FALSE;
  title = kind->title (record);
  message = kind->deleted_message (record, title);

  if (!redress_store_begin (run->store, error))
    return FALSE;
  if (!redress_store_trash (run->store, record, error) ||
      !redress_store_purge (run->store, record, error))
    {
      redress_store_rollback (run->store);
      return FALSE;
    }
  if (!redress_store_commit (run->store, error))
    return FALSE;

  g_print ("%s", message);
  return TRUE;
}

/* The firm profile ----------------------------------------------------------- */

static RedressRecord *
firm_find (RedressStore  *store,
           const char    *text,
           GError       **error)
{
  return REDRESS_RECORD (redress_store_get_firm (store, error));
}

static char *
firm_title (RedressRecord *record)
{
  return g_strdup (_("Firm profile"));
}

static gboolean
firm_update (RedressStore   *store,
             RedressRecord  *record,
             GError        **error)
{
  return redress_store_update_firm (store, REDRESS_FIRM (record), error);
}

static const CliRecordKind firm_kind = {
  .get_type = redress_firm_get_type,
  .nothing_to_change = N_("Nothing to change: give at least one option, such as --name."),
  .find = firm_find,
  .title = firm_title,
  .update = firm_update,
};

static gboolean
firm_show (CliRun    *run,
           gpointer   data,
           GError   **error)
{
  CliRecordOptions *options = data;
  g_autoptr(RedressFirm) firm = redress_store_get_firm (run->store, error);
  g_autoptr(GPtrArray) pairs = NULL;

  if (firm == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      cli_json_add_fields (builder, REDRESS_RECORD (firm));
      cli_json_add_timestamps (builder, REDRESS_RECORD (firm));
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  pairs = g_ptr_array_new_with_free_func (g_free);
  cli_add_field_pairs (pairs, REDRESS_RECORD (firm));
  cli_print_pairs (pairs);
  return TRUE;
}

const CliCommand cli_firm_set = {
  "firm", "set", NULL, 0,
  N_("Set the firm profile that exported documents carry"),
  NULL,
  FALSE, CLI_STORE_CREATE,
  cli_record_options_new_fields, cli_record_options_free, NULL, cli_record_set, &firm_kind,
};

const CliCommand cli_firm_show = {
  "firm", "show", NULL, 0,
  N_("Show the firm profile"),
  NULL,
  FALSE, CLI_STORE_EXISTING,
  cli_record_options_new_json, cli_record_options_free, NULL, firm_show, NULL,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * What a case's response needs: "checklist" (the documents to gather,
 * drafted from the confirmed grounds, changed item by item, or written as
 * a PDF for the client) and "outline" (the response outline, as a PDF).
 */

typedef struct
{
  CliCaseOption case_option;
  char *path;                         /* checklist: --path PATH */
  char *item;                         /* checklist: --item ID */
  gint64 item_id;
  char *state;                        /* checklist: --state STATE */
  RedressItemState item_state;
  char *due;                          /* checklist: --due YYYY-MM-DD, "" for none */
  char *note;                         /* checklist: --note TEXT, "" for none */
  char *language;                     /* --language LANG */
  char *pdf;                          /* --pdf FILE */
  gboolean json;                      /* checklist */
} ChecklistOptions;

static void
checklist_options_free (gpointer data)
{
  ChecklistOptions *options = data;

  g_free (options->case_option.text);
  g_free (options->path);
  g_free (options->item);
  g_free (options->state);
  g_free (options->due);
  g_free (options->note);
  g_free (options->language);
  g_free (options->pdf);
  g_free (options);
}

/* "restoration, new-application, ..." */
static char *
checklist_paths_list (void)
{
  return cli_join_words (redress_checklist_get_paths ());
}

/* "en, fr" */
static char *
languages_list (void)
{
  return cli_join_words (redress_catalog_get_languages ());
}

static gboolean
is_document_language (const char *language)
{
  return g_strv_contains (redress_catalog_get_languages (), language);
}

/* "to-request, requested, received, not-applicable" */
static char *
item_states_list (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < REDRESS_ITEM_N_STATES; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, redress_item_state_to_string ((RedressItemState) i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Restoration of status" */
static const char *
checklist_path_label (const char *path)
{
  const char *label = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_PATH),
                                                  path);

  return label != NULL ? label : path;
}

/* --language LANG, of a document written for the client */
static void
language_option_add (ChecklistOptions *options,
                     CliOptionSet     *set)
{
  g_autofree char *languages = languages_list ();
  /* Translators: help of --language LANG; the codes of the languages */
  char *text = g_strdup_printf (_("The language of the document (%s; default: the "
                                  "client’s preferred language)"), languages);

  cli_option_set_add (set, "language", G_OPTION_ARG_STRING, &options->language,
                      cli_option_set_keep (set, text), _("LANG"));
}

static gpointer
checklist_options_new (const CliCommand *command,
                       CliOptionSet     *set)
{
  ChecklistOptions *options = g_new0 (ChecklistOptions, 1);
  const char * const *paths = redress_checklist_get_paths ();
  GString *description = set->description;
  guint width = 0;

  cli_case_option_add (&options->case_option, set);

  cli_option_set_add (set, "path", G_OPTION_ARG_STRING, &options->path,
                      _("The path whose checklist it is (default: the case’s; codes below)"),
                      _("CODE"));
  g_string_append_printf (description, "%s\n", _("Codes of --path:"));
  for (guint p = 0; paths[p] != NULL; p++)
    width = MAX (width, (guint) strlen (paths[p]));
  for (guint p = 0; paths[p] != NULL; p++)
    {
      g_string_append (description, "  ");
      cli_append_padded (description, paths[p], width + 2);
      g_string_append (description, checklist_path_label (paths[p]));
      g_string_append_c (description, '\n');
    }
  g_string_append_c (description, '\n');

  cli_option_set_add (set, "item", G_OPTION_ARG_STRING, &options->item,
                      _("Change the checklist item ID (with --state, --due or --note)"), _("ID"));
  cli_option_set_add (set, "state", G_OPTION_ARG_STRING, &options->state,
                      _("Where the item stands (states below)"), _("STATE"));
  cli_option_set_add (set, "due", G_OPTION_ARG_STRING, &options->due,
                      _("When the item is due (\"\" for no date)"), _("YYYY-MM-DD"));
  cli_option_set_add (set, "note", G_OPTION_ARG_STRING, &options->note,
                      _("A note on the item (\"\" for none)"), _("TEXT"));
  width = 0;
  g_string_append_printf (description, "%s\n", _("States of --state:"));
  for (guint st = 0; st < REDRESS_ITEM_N_STATES; st++)
    width = MAX (width, (guint) strlen (redress_item_state_to_string ((RedressItemState) st)));
  for (guint st = 0; st < REDRESS_ITEM_N_STATES; st++)
    {
      g_string_append (description, "  ");
      cli_append_padded (description, redress_item_state_to_string ((RedressItemState) st),
                         width + 2);
      g_string_append (description, redress_item_state_get_label ((RedressItemState) st));
      g_string_append_c (description, '\n');
    }
  g_string_append_c (description, '\n');

  language_option_add (options, set);
  cli_option_set_add (set, "pdf", G_OPTION_ARG_FILENAME, &options->pdf,
                      _("Write the checklist for the client to the PDF FILE (replaced if "
                        "it exists)"), _("FILE"));
  cli_json_option_add (&options->json, set);
  return options;
}

static gpointer
outline_options_new (const CliCommand *command,
                     CliOptionSet     *set)
{
  ChecklistOptions *options = g_new0 (ChecklistOptions, 1);

  cli_case_option_add (&options->case_option, set);
  language_option_add (options, set);
  cli_option_set_add (set, "pdf", G_OPTION_ARG_FILENAME, &options->pdf,
                      _("Write the PDF FILE (required; replaced if it exists)"), _("FILE"));
  return options;
}

/* --case, --path, --language and --pdf, then the changes of an item */
static gboolean
checklist_options_check (const CliCommand  *command,
                         gpointer           data,
                         GError           **error)
{
  ChecklistOptions *options = data;
  gboolean pdf_required = command == &cli_outline;

  if (!cli_case_option_check (&options->case_option, error))
    return FALSE;

  if (options->path != NULL && !redress_checklist_has_path (options->path))
    {
      g_autofree char *paths = checklist_paths_list ();
      g_autofree char *shown = cli_echo_value (options->path);

      cli_usage_error (error, _("--path: “%s” is not a path that has a checklist; the paths are %s."),
                       shown, paths);
      return FALSE;
    }

  if (options->language != NULL && !is_document_language (options->language))
    {
      g_autofree char *languages = languages_list ();
      g_autofree char *shown = cli_echo_value (options->language);

      cli_usage_error (error, _("--language: “%s” is not a language documents are written in; the "
                                "languages are %s."), shown, languages);
      return FALSE;
    }

  if (pdf_required && options->pdf == NULL)
    {
      cli_usage_error (error, _("--pdf is required: give the file to write."));
      return FALSE;
    }
  if (options->pdf != NULL && *options->pdf == '\0')
    {
      cli_usage_error (error, _("--pdf: give the name of the file to write."));
      return FALSE;
    }
  if (options->pdf != NULL && options->json)
    {
      cli_usage_error (error, _("--%s and --%s cannot be used together."), "pdf", "json");
      return FALSE;
    }
  if (pdf_required)
    return TRUE;

  if (options->item == NULL)
    {
      const char *option = options->state ? "state" : options->due ? "due"
                           : options->note ? "note" : NULL;

      if (option != NULL)
        {
          cli_usage_error (error, _("--%s changes an item: give the item with --item ID."),
                           option);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *listed_by = g_strdup_printf ("%s checklist --case ID", PROGRAM);

      if (!cli_parse_id_listed (options->item, listed_by, &options->item_id, error))
        return FALSE;
      if (options->state == NULL && options->due == NULL && options->note == NULL)
        {
          cli_usage_error (error, _("--item: say what to change with --state, --due or "
                                    "--note."));
          return FALSE;
        }
    }
  if (options->state != NULL &&
      !redress_item_state_from_string (options->state, &options->item_state))
    {
      g_autofree char *states = item_states_list ();
      g_autofree char *shown = cli_echo_value (options->state);

      cli_usage_error (error, _("--state: “%s” is not a state of an item; the states are %s."),
                       shown, states);
      return FALSE;
    }
  if (options->due != NULL && *options->due != '\0')
    {
      GDate date;

      g_date_clear (&date, 1);
      if (!redress_date_parse (options->due, &date, error))
        {
          /* Translators: the option before the core's message about the date */
          g_prefix_error (error, _("--due: "));
          return FALSE;
        }
    }
  return TRUE;
}

/* The path whose checklist is wanted: --path, or the case's; a case whose
 * path is not chosen yet has none */
static const char *
checklist_path (ChecklistOptions  *options,
                RedressCase       *kase,
                GError           **error)
{
  const char *path = options->path;

  if (path == NULL)
    path = redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH);
  if (path == NULL || !redress_checklist_has_path (path))
    {
      g_autofree char *title = cli_case_title (kase);
      g_autofree char *paths = checklist_paths_list ();
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, options->case_option.id);

      /* Translators: the case, the command that chooses its path, the
       * codes of the paths */
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("%s has no path chosen yet, so it has no checklist: choose one with "
                     "“%s case set %s --path CODE”, or give --path CODE (%s)."),
                   title, PROGRAM, id, paths);
      return NULL;
    }
  return path;
}

/* Applies --state, --due and --note to the item --item, in one step */
static gboolean
change_checklist_item (RedressStore          *store,
                       ChecklistOptions      *options,
                       RedressChecklistItem **changed,
                       GError               **error)
{
  g_autoptr(RedressChecklistItem) item = NULL;
  const char *due;
  const char *note;

  item = redress_store_get_checklist_item (store, options->item_id, error);
  if (item == NULL)
    return FALSE;
  if (redress_checklist_item_get_case_id (item) != options->case_option.id)
    {
      g_autofree char *item_text = g_strdup_printf ("%" G_GINT64_FORMAT, options->item_id);
      g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, options->case_option.id);

      /* Translators: the item's id, the case's id, the command that lists the items */
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("Item %s is not on the checklist of case %s: its items are listed by "
                     "“%s checklist --case %s”."),
                   item_text, case_text, PROGRAM, case_text);
      return FALSE;
    }

  /* What is not given stays as it is; the wording too */
  due = options->due != NULL ? options->due : redress_checklist_item_get_due (item);
  note = options->note != NULL ? options->note : redress_checklist_item_get_note (item);

  if (!redress_store_begin (store, error))
    return FALSE;
  if ((options->state != NULL &&
       !redress_store_set_checklist_item_state (store, options->item_id, options->item_state, error)) ||
      ((options->due != NULL || options->note != NULL) &&
       !redress_store_edit_checklist_item (store, options->item_id,
                                           redress_checklist_item_get_custom_text (item),
                                           due, note, error)))
    {
      redress_store_rollback (store);
      return FALSE;
    }
  if (!redress_store_commit (store, error))
    return FALSE;

  *changed = redress_store_get_checklist_item (store, options->item_id, error);
  return *changed != NULL;
}

static const char *
checklist_item_text (RedressChecklistItem *item,
                     RedressCatalog       *catalog)
{
  if (catalog != NULL)
    return redress_checklist_item_get_text_in (item, catalog);
  return redress_checklist_item_get_text (item);
}

static void
json_add_checklist_item (JsonBuilder          *builder,
                         RedressChecklistItem *item,
                         RedressCatalog       *catalog)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_checklist_item_get_id (item));
  cli_json_add_string_or_null (builder, "ground", redress_checklist_item_get_code (item));
  cli_json_add_string_or_null (builder, "template", redress_checklist_item_get_template (item));
  cli_json_add_string_or_null (builder, "text", checklist_item_text (item, catalog));
  cli_json_add_string_or_null (builder, "state",
                           redress_item_state_to_string (redress_checklist_item_get_state (item)));
  cli_json_add_string_or_null (builder, "due", redress_checklist_item_get_due (item));
  cli_json_add_string_or_null (builder, "note", redress_checklist_item_get_note (item));
  json_builder_set_member_name (builder, "edited");
  json_builder_add_boolean_value (builder, redress_checklist_item_get_edited (item));
  json_builder_end_object (builder);
}

/* What the draft did, in words; nothing when it changed nothing */
static void
print_checklist_changes (const RedressChecklistChanges *changes)
{
  if (changes->n_added > 0)
    g_print (g_dngettext (NULL, "%u item was added to the checklist.\n",
                          "%u items were added to the checklist.\n", changes->n_added),
             changes->n_added);
  if (changes->n_removed > 0)
    g_print (g_dngettext (NULL, "%u item was removed: its ground is no longer confirmed.\n",
                          "%u items were removed: their ground is no longer confirmed.\n",
                          changes->n_removed),
             changes->n_removed);
  if (changes->n_kept > 0)
    g_print (g_dngettext (NULL, "%u item was kept, as it was changed by hand, although its "
                          "ground is no longer confirmed.\n",
                          "%u items were kept, as they were changed by hand, although their "
                          "ground is no longer confirmed.\n", changes->n_kept),
             changes->n_kept);
}

/* "Received, due 2026-12-01: Sent by email" */
static void
print_item_changed (RedressChecklistItem *item,
                    RedressCatalog       *catalog)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, redress_checklist_item_get_id (item));
  const char *state = redress_item_state_get_label (redress_checklist_item_get_state (item));

  /* Translators: "Item 12 (Bank statements …) is now: Received." */
  g_print (_("Item %s (%s) is now: %s.\n"), id, checklist_item_text (item, catalog), state);
}

/* The checklist grouped: the path's own items, then each ground's */
static void
print_checklist (GPtrArray      *items,
                 const char     *path,
                 RedressCatalog *catalog)
{
  const char *group = NULL;
  guint id_width = 0;
  guint state_width = 0;
  guint indent;

  if (items->len == 0)
    {
      g_print ("\n%s\n", _("The checklist is empty."));
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             redress_checklist_item_get_id (item));

      id_width = MAX (id_width, (guint) strlen (id));
    }
  for (guint s = 0; s < REDRESS_ITEM_N_STATES; s++)
    state_width = MAX (state_width,
                       (guint) g_utf8_strlen (redress_item_state_get_label ((RedressItemState) s),
                                              -1));
  indent = 2 + id_width + 2 + state_width + 2;

  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      const char *code = redress_checklist_item_get_code (item);
      const char *due = redress_checklist_item_get_due (item);
      const char *note = redress_checklist_item_get_note (item);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             redress_checklist_item_get_id (item));
      g_autoptr(GString) folded = g_string_new (NULL);
      g_autoptr(GString) line = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;

      if (i == 0 || g_strcmp0 (code, group) != 0)
        {
          g_autofree char *heading = code ? cli_ground_title (code) : NULL;

          g_print ("\n%s\n", code ? heading : checklist_path_label (path));
          group = code;
        }

      cli_append_wrapped_width (folded, checklist_item_text (item, catalog),
                            MAX (78 - (glong) indent, 30));
      if (due != NULL)
        {
          g_autofree char *day = redress_date_format_long (due);

          /* Translators: when a checklist item is due */
          g_string_append_printf (folded, _("Due: %s"), day);
          g_string_append_c (folded, '\n');
        }
      if (note != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Note: %s"), note);

          cli_append_wrapped_width (folded, text, MAX (78 - (glong) indent, 30));
        }
      g_string_truncate (folded, folded->len - 1);
      lines = g_strsplit (folded->str, "\n", -1);

      cli_append_padded (line, "", 2);
      cli_append_padded (line, id, id_width + 2);
      cli_append_padded (line, redress_item_state_get_label (redress_checklist_item_get_state (item)),
                     state_width + 2);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          if (l > 0)
            {
              g_string_append_c (line, '\n');
              cli_append_padded (line, "", indent);
            }
          g_string_append (line, lines[l]);
        }
      g_print ("%s\n", line->str);
    }
}

/* Writes @report to --pdf and says so */
static gboolean
write_report (ChecklistOptions  *options,
              RedressReport     *report,
              GError           **error)
{
  g_autofree char *name = g_filename_display_name (options->pdf);

  /* Whole or not at all: a full disk or a crash leaves the old file */
  if (!redress_report_save_pdf (report, options->pdf, error))
    return FALSE;
  /* Translators: the file written, then the document's title */
  g_print (_("Wrote “%s”: %s.\n"), name, redress_report_get_title (report));
  return TRUE;
}

static gboolean
run_checklist (CliRun    *run,
               gpointer   data,
               GError   **error)
{
  ChecklistOptions *options = data;
  g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->case_option.id, error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressChecklistItem) changed = NULL;
  g_autoptr(GPtrArray) items = NULL;
  RedressChecklistChanges changes = { 0 };
  RedressCatalog *catalog = NULL;
  const char *path;

  if (kase == NULL)
    return FALSE;
  path = checklist_path (options, kase, error);
  if (path == NULL)
    return FALSE;
  if (options->language != NULL && options->pdf == NULL)
    {
      catalog = redress_catalog_get (options->language, error);
      if (catalog == NULL)
        return FALSE;
    }

  /* Merged with the confirmed grounds first, keeping every change by hand */
  if (!redress_store_draft_checklist (run->store, options->case_option.id, path, &changes, error))
    return FALSE;
  if (options->item != NULL && !change_checklist_item (run->store, options, &changed, error))
    return FALSE;

  if (options->pdf != NULL)
    {
      g_autoptr(RedressReport) report = NULL;

      if (changed != NULL)
        print_item_changed (changed, NULL);
      report = redress_report_new_checklist (run->store, options->case_option.id, path, options->language,
                                             error);
      return report != NULL && write_report (options, report, error);
    }

  items = redress_store_list_checklist (run->store, options->case_option.id, path, error);
  if (items == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, options->case_option.id);
      cli_json_add_string_or_null (builder, "path", path);
      /* What this run's draft did */
      json_builder_set_member_name (builder, "drafted");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, changes.n_added);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_int_value (builder, changes.n_removed);
      json_builder_set_member_name (builder, "kept");
      json_builder_add_int_value (builder, changes.n_kept);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        json_add_checklist_item (builder, g_ptr_array_index (items, i), catalog);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  client = redress_store_get_client (run->store, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;
  print_checklist_changes (&changes);
  if (changed != NULL)
    print_item_changed (changed, catalog);
  {
    g_autofree char *title = cli_case_title (kase);
    g_autofree char *owner = cli_client_title (client);

    /* Translators: "Checklist of Case 3 (…): Restoration of status" */
    g_print (_("Checklist of %s: %s\n"), title, checklist_path_label (path));
    g_print ("%s\n", owner);
  }
  print_checklist (items, path, catalog);
  return TRUE;
}

static gboolean
run_outline (CliRun    *run,
             gpointer   data,
             GError   **error)
{
  ChecklistOptions *options = data;
  g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->case_option.id, error);
  g_autoptr(RedressReport) report = NULL;

  if (kase == NULL)
    return FALSE;
  report = redress_report_new_outline (run->store, options->case_option.id, options->language, error);
  return report != NULL && write_report (options, report, error);
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_checklist = {
  NULL, "checklist", NULL, 0,
  N_("Show the documents to gather for a case, change one, or write them as a PDF"),
  N_("For the case given by --case, on the case’s path (or the one --path gives): what the "
     "client gathers, the path’s own items first, then those answering each confirmed "
     "refusal ground. The checklist is drafted again first: the items of a newly confirmed "
     "ground are added, those of a ground no longer confirmed are removed unless they were "
     "changed, and every change made by hand is kept. --item changes the item of that id "
     "(its id is listed with it): --state says where it stands, --due when it is due and "
     "--note adds a note (\"\" clears them). --pdf writes the checklist for the client, on "
     "the firm’s letterhead, in the client’s preferred language unless --language gives "
     "another; with --json, --language gives the language of the items’ text."),
  FALSE, CLI_STORE_EXISTING,
  checklist_options_new, checklist_options_free, checklist_options_check, run_checklist, NULL,
};

const CliCommand cli_outline = {
  NULL, "outline", NULL, 0,
  N_("Write the response outline of a case as a PDF"),
  N_("For the case given by --case: each confirmed refusal ground with the officer’s words, "
     "the evidence planned and where it stands, written to the file --pdf gives, in the "
     "client’s preferred language unless --language gives another. The file is replaced "
     "only once the whole document is written."),
  FALSE, CLI_STORE_EXISTING,
  outline_options_new, checklist_options_free, checklist_options_check, run_outline, NULL,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist-export"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-checklist-export.h"
#include "redress-ui-util.h"

/*
 * Exporting a checklist or a response outline as PDF: a file chooser over
 * the widget's window, then the PDF written in a worker thread, which
 * alone touches the report from then on.  The widget (the checklist) says
 * it is done in a toast with an Open button, or why it failed in a
 * dialog.
 *
 * Before anything is written, two things a consultant would otherwise
 * find only in the PDF are said in a dialog: no firm profile (the
 * letterhead is blank: Preferences is offered), and, for a document in
 * French, items the consultant typed that look English (typed items are
 * written as typed; the templates' items are translated).
 *
 * No item records the language it was typed in, so "looks English" is a
 * guess, made on the consultant's own wording only (reworded or added by
 * hand): its words are counted against a short list of common English
 * words and one of common French words (accented letters count as
 * French); more English than French, and at least two English words,
 * and the item is reported.  Single words ("Passport") are never
 * reported.
 */

typedef struct
{
  RedressReport *report;
  GFile *file;           /* NULL: asked once the checks are passed */
  gboolean outline;
  GCancellable *cancellable;
  gboolean firm_empty;   /* the letterhead will be blank */
  GPtrArray *english;    /* typed items that look English, in a French document */
  guint checked;         /* the checks passed so far */
} Export;

static void proceed (GtkWidget *widget,
                     Export    *export);

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->report);
  g_clear_object (&export->file);
  g_clear_object (&export->cancellable);
  g_clear_pointer (&export->english, g_ptr_array_unref);
  g_free (export);
}

static Export *
export_new (RedressReport *report,
            gboolean       outline,
            GCancellable  *cancellable)
{
  Export *export = g_new0 (Export, 1);

  export->report = g_object_ref (report);
  export->outline = outline;
  export->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  export->english = g_ptr_array_new_with_free_func (g_free);
  return export;
}

/* Checks ------------------------------------------------------------------ */

static gboolean
firm_is_empty (RedressStore *store)
{
  g_autoptr(RedressFirm) firm = store ? redress_store_get_firm (store, NULL) : NULL;

  if (firm == NULL)
    return FALSE;  /* unreadable: the export says why */
  for (guint i = 0; i < REDRESS_FIRM_N_FIELDS; i++)
    {
      const char *value = redress_record_get_value (REDRESS_RECORD (firm), i);
      g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

      if (*stripped != '\0')
        return FALSE;
    }
  return TRUE;
}

static const char * const english_words[] = {
  "the", "and", "of", "to", "for", "from", "with", "your", "you", "all", "any", "or",
  "proof", "letter", "letters", "statement", "statements", "copy", "copies", "bank",
  "showing", "that", "this", "last", "months", "recent", "employer", "evidence", "signed",
  "funds", "travel", "history", "ties", "family", "home", "employment", "their", "by", "in",
  NULL
};

static const char * const french_words[] = {
  "le", "la", "les", "des", "du", "de", "et", "pour", "avec", "une", "un", "au", "aux",
  "votre", "vos", "ou", "preuve", "lettre", "lettres", "copie", "relevés", "mois", "derniers",
  "employeur", "fonds", "signée", "signé", "d", "l", "en", "sur", "dans", "par",
  NULL
};

/* Whether @text, typed by the consultant, looks English (see above) */
static gboolean
looks_english (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  guint english = 0, french = 0;
  const char *p = lower;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      for (start = p; *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));
           p = g_utf8_next_char (p))
        if (g_utf8_strchr ("éèêëàâîïôûùüçœ", -1, g_utf8_get_char (p)) != NULL)
          french++;
      word = g_strndup (start, (gsize) (p - start));
      if (g_strv_contains (english_words, word))
        english++;
      if (g_strv_contains (french_words, word))
        french++;
    }
  return english >= 2 && english > french;
}

/* The items of @items the consultant typed that look English */
static void
find_english (Export     *export,
              GListModel *items)
{
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(RedressChecklistItem) item = g_list_model_get_item (items, i);
      const char *typed = redress_checklist_item_get_custom_text (item);

      if (typed != NULL && looks_english (typed))
        g_ptr_array_add (export->english, g_strdup (typed));
    }
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autofree char *path = g_file_get_path (export->file);
  GError *error = NULL;

  /* A local file (the document portal gives one too) is written whole or
   * not at all, 0600, never through a link */
  if (path != NULL ? !redress_report_save_pdf (export->report, path, &error)
                   : !redress_report_write_pdf (export->report, export->file, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_open_export (AdwToast *toast,
                char     *uri)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *window = app ? gtk_application_get_active_window (app) : NULL;

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (source);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        redress_widget_show_failure (widget, _("The PDF Could Not Be Written"), error);
      return;
    }
  toast = adw_toast_new (export->outline ? _("Response outline exported")
                                         : _("Checklist exported"));
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_export),
                         g_file_get_uri (export->file),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  redress_widget_add_toast (widget, toast);
}

/* Takes @export, whose file is set */
static void
write_export (GtkWidget *widget,
              Export    *export)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (widget, export->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, write_export);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    GtkWidget       *widget)
{
  Export *export = g_object_steal_data (G_OBJECT (chooser), "export");

  if (response == GTK_RESPONSE_ACCEPT && export != NULL)
    {
      export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      write_export (widget, g_steal_pointer (&export));
    }
  g_clear_pointer (&export, export_free);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Takes @export: asks where to save it, then writes it */
static void
ask_file (GtkWidget *widget,
          Export    *export)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (export->outline ? _("Export Response Outline")
                                                         : _("Export Checklist"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = redress_report_dup_file_name (export->report);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "export", export, export_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_check_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GtkWidget        *widget)
{
  Export *export = g_object_steal_data (G_OBJECT (dialog), "export");

  if (export == NULL)
    return;
  if (g_strcmp0 (response, "export") == 0)
    proceed (widget, export);
  else
    {
      if (g_strcmp0 (response, "preferences") == 0)
        gtk_widget_activate_action (widget, "app.preferences", NULL);
      export_free (export);
    }
}

/* Takes @export: asks whether to go on, in a dialog over @widget's window */
static void
ask_check (GtkWidget  *widget,
           Export     *export,
           const char *heading,
           const char *body,
           gboolean    offer_preferences)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (offer_preferences)
    adw_message_dialog_add_response (dialog, "preferences", _("Open _Preferences"));
  adw_message_dialog_add_response (dialog, "export", _("_Export Anyway"));
  if (offer_preferences)
    {
      adw_message_dialog_set_response_appearance (dialog, "preferences",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "preferences");
    }
  else
    adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "export", export, export_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_check_response), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes @export: the next check to pass, else the file, else the writing */
static void
proceed (GtkWidget *widget,
         Export    *export)
{
  switch (export->checked++)
    {
    case 0:
      if (export->firm_empty)
        {
          ask_check (widget, export, _("The Letterhead Will Be Blank"),
                     _("No firm profile is set: the document will carry no firm name, "
                       "address, telephone or licence number. Set them once in Preferences."),
                     TRUE);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case 1:
      if (export->english->len > 0)
        {
          g_autofree char *body = NULL;

          /* Translators: the document is in French; %u items typed by the
           * consultant look English, the first one is quoted */
          body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The document is in French, but %u item you typed "
                                               "looks English: “%s”. It will be written as you "
                                               "typed it.",
                                               "The document is in French, but %u items you typed "
                                               "look English, such as “%s”. They will be written "
                                               "as you typed them.",
                                               export->english->len),
                                  export->english->len,
                                  (const char *) g_ptr_array_index (export->english, 0));
          export->checked = 2;
          ask_check (widget, export, _("Items Typed in English"), body, FALSE);
          return;
        }
      G_GNUC_FALLTHROUGH;
    default:
      if (export->file == NULL)
        ask_file (widget, export);
      else
        write_export (widget, export);
    }
}

/* A new export, its checks made */
static Export *
export_prepare (RedressStore  *store,
                RedressReport *report,
                GListModel    *items,
                gboolean       outline,
                GCancellable  *cancellable)
{
  Export *export = export_new (report, outline, cancellable);

  export->firm_empty = firm_is_empty (store);
  if (g_strcmp0 (redress_report_get_language (report), "fr") == 0)
    find_english (export, items);
  return export;
}

/**
 * redress_checklist_export_ask:
 * @widget: the widget exporting (its window is the chooser's parent, and it
 *   shows the outcome)
 * @store: the store the report was read from (for the firm profile)
 * @report: the report, read from the store already
 * @items: (nullable): the items of the checklist it carries
 * @outline: %TRUE for the response outline, %FALSE for the checklist
 *
 * Says what the document would lack (no firm profile, items typed in
 * English in a French document) and lets the consultant stop, asks where
 * to save @report, then writes it as PDF.
 */
void
redress_checklist_export_ask (GtkWidget     *widget,
                              RedressStore  *store,
                              RedressReport *report,
                              GListModel    *items,
                              gboolean       outline,
                              GCancellable  *cancellable)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (REDRESS_IS_REPORT (report));

  proceed (widget, export_prepare (store, report, items, outline, cancellable));
}

/**
 * redress_checklist_export_write:
 * @file: where to write it
 *
 * As redress_checklist_export_ask(), with the file chosen already: the
 * same checks, then @report written to @file as PDF in a worker thread,
 * and a toast over @widget (or why it failed).
 */
void
redress_checklist_export_write (GtkWidget     *widget,
                                RedressStore  *store,
                                RedressReport *report,
                                GListModel    *items,
                                gboolean       outline,
                                GFile         *file,
                                GCancellable  *cancellable)
{
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (REDRESS_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (file));

  export = export_prepare (store, report, items, outline, cancellable);
  export->file = g_object_ref (file);
  proceed (widget, export);
}

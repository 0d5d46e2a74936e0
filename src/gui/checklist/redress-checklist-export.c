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
 */

typedef struct
{
  RedressReport *report;
  GFile *file;
  gboolean outline;
  GCancellable *cancellable;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->report);
  g_clear_object (&export->file);
  g_clear_object (&export->cancellable);
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
  return export;
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

/**
 * redress_checklist_export_ask:
 * @widget: the widget exporting (its window is the chooser's parent, and it
 *   shows the outcome)
 * @report: the report, read from the store already
 * @outline: %TRUE for the response outline, %FALSE for the checklist
 *
 * Asks where to save @report, then writes it as PDF.
 */
void
redress_checklist_export_ask (GtkWidget     *widget,
                              RedressReport *report,
                              gboolean       outline,
                              GCancellable  *cancellable)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root;
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (REDRESS_IS_REPORT (report));

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (outline ? _("Export Response Outline")
                                                 : _("Export Checklist"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = redress_report_dup_file_name (report);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "export", export_new (report, outline, cancellable),
                          export_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * redress_checklist_export_write:
 * @file: where to write it
 *
 * Writes @report to @file as PDF in a worker thread, then says so in a
 * toast over @widget (or why it failed).
 */
void
redress_checklist_export_write (GtkWidget     *widget,
                                RedressReport *report,
                                gboolean       outline,
                                GFile         *file,
                                GCancellable  *cancellable)
{
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (REDRESS_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (file));

  export = export_new (report, outline, cancellable);
  export->file = g_object_ref (file);
  write_export (widget, export);
}

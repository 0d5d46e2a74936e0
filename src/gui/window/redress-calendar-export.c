/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-calendar-export"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-calendar.h"
#include "redress-calendar-export.h"
#include "redress-ui-util.h"

/*
 * "Export to Calendar…": asks where to save the deadlines as an iCalendar
 * file, writes it in a worker thread (its own connection to the
 * database), then says so in a toast whose Open button hands the file to
 * the calendar program, or why it failed in a dialog.  The events name
 * the clients' file numbers, not their names.
 */

typedef struct
{
  GtkWidget *widget;     /* a reference: where the toast or the dialog shows */
  RedressStore *store;   /* a reference */
  gint64 case_id;
  int within_days;
  GFile *file;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->widget);
  g_clear_object (&export->store);
  g_clear_object (&export->file);
  g_free (export);
}

static void
on_open_calendar (AdwToast *toast,
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
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n_events = 0;

  if (!redress_store_export_calendar_finish (REDRESS_STORE (source), result, &n_events, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        redress_widget_show_failure (export->widget, _("The Calendar Could Not Be Written"),
                                     error);
      export_free (export);
      return;
    }
  /* Translators: a toast once the calendar file is written */
  title = g_strdup_printf (g_dngettext (NULL, "%u deadline exported to the calendar file",
                                        "%u deadlines exported to the calendar file", n_events),
                           n_events);
  toast = redress_toast_new_text (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_calendar),
                         g_file_get_uri (export->file),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  redress_widget_add_toast (export->widget, toast);
  export_free (export);
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Export *export = g_object_steal_data (G_OBJECT (chooser), "export");

  if (response == GTK_RESPONSE_ACCEPT && export != NULL)
    {
      export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (export->file != NULL)
        {
          redress_store_export_calendar_async (export->store, export->file, export->case_id,
                                               export->within_days, REDRESS_CALENDAR_DEFAULT,
                                               NULL, export_done_cb, export);
          export = NULL;
        }
    }
  g_clear_pointer (&export, export_free);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * redress_calendar_export_ask:
 * @widget: under the toast overlay the result is shown in
 * @case_id: one case's deadlines, or 0 for every open case's
 * @within_days: how far ahead (what the deadlines page shows)
 *
 * Asks where to save the calendar, then writes it.
 */
void
redress_calendar_export_ask (GtkWidget    *widget,
                             RedressStore *store,
                             gint64        case_id,
                             int           within_days)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (REDRESS_IS_STORE (store));

  export = g_new0 (Export, 1);
  export->widget = g_object_ref (widget);
  export->store = g_object_ref (store);
  export->case_id = case_id;
  export->within_days = within_days;

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (_("Export Deadlines to Calendar"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  if (case_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

      /* Translators: a file name; %s is the case's id */
      name = g_strdup_printf (_("deadlines-case-%s.ics"), id);
    }
  else
    /* Translators: a file name */
    name = g_strdup (_("deadlines.ics"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "export", export, export_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

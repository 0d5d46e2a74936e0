/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-application"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-application.h"
#include "redress-preferences.h"
#include "redress-ui-util.h"
#include "redress-window.h"

/*
 * RedressApplication: one instance per user (a second launch raises the
 * first window), one database opened at start-up.
 */
struct _RedressApplication
{
  AdwApplication parent_instance;

  char *database;          /* --database, or NULL for the default */
  gboolean demo;           /* --demo: add sample files to an empty database */
  gboolean notified;       /* the start-up notification was sent */
  RedressStore *store;
  GError *open_error;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (RedressApplication, redress_application, ADW_TYPE_APPLICATION)

static RedressWindow *
active_window (RedressApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return REDRESS_IS_WINDOW (window) ? REDRESS_WINDOW (window) : NULL;
}

/* Actions ---------------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RedressApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows first lets them save their state */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  RedressApplication *self = user_data;
  static const char *developers[] = { "The Redress developers", NULL };
  g_autofree char *copyright = g_strdup_printf ("© 2026 %s", _("The Redress developers"));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Redress"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Redress developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Answer every ground of a refused Canadian visa or "
                                      "immigration application, before its deadline.\n\n"
                                      "Redress assists licensed consultants; it does not give "
                                      "legal advice. Everything stays on this computer."),
                        "website", REDRESS_WEBSITE,
                        "issue-url", REDRESS_ISSUE_URL,
                        "copyright", copyright,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Source Code"), REDRESS_VCS_URL);
  /* Built into the Flatpak, each under its own licence */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), "Poppler", NULL,
                                      GTK_LICENSE_GPL_3_0_ONLY, NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), "Tesseract", NULL,
                                      GTK_LICENSE_APACHE_2_0, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The help opens in the system's help viewer (through the portal in a
 * Flatpak); one that is missing is said, not merely logged */
static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RedressApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  RedressWindow *window;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("help:redress: %s", error->message);
  window = active_window (self);
  if (window == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The Help Could Not Be Opened"),
                                   _("No application could show the help. Install Help "
                                     "(yelp), the help viewer, and try again."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RedressApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;
  gtk_show_uri_full (window, "help:" PACKAGE_NAME, GDK_CURRENT_TIME, NULL,
                     help_shown_cb, g_object_ref (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RedressApplication *self = user_data;

  if (self->store == NULL)
    return;
  gtk_window_present (redress_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                               self->store));
}

/* app.X: opens the window (a notification may start the app) and runs win.X */
static void
forward_to_window (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RedressApplication *self = user_data;
  g_autofree char *name = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);
  RedressWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = active_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), name, NULL);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RedressApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  RedressWindow *window = active_window (self);

  if (!redress_store_backup_finish (REDRESS_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && window != NULL)
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                      _("The Backup Failed"), error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  if (window != NULL)
    redress_window_add_toast (window, adw_toast_new (_("Backup saved")));
}

static void
on_backup_response (GtkNativeDialog    *chooser,
                    int                 response,
                    RedressApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          RedressWindow *window = active_window (self);

          if (window != NULL)
            redress_window_add_toast (window, adw_toast_new (_("Backing up…")));
          redress_store_backup_async (self->store, path, self->cancellable,
                                      backup_done_cb, g_object_ref (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
backup_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RedressApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Back Up Database"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  /* Translators: default file name of a backup; %s is the date */
  name = g_strdup_printf (_("redress-backup-%s.db"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Redress databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* At start-up, a notification lists what falls due within a week */
#define NOTIFY_WITHIN_DAYS 7
#define NOTIFY_MAX_LINES 4

static void
near_deadlines_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RedressApplication) self = user_data;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean overdue = FALSE;

  deadlines = redress_store_list_deadlines_finish (REDRESS_STORE (source), result, &error);
  if (deadlines == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the deadlines: %s", error->message);
      return;
    }
  if (deadlines->len == 0)
    return;

  for (guint i = 0; i < deadlines->len; i++)
    {
      RedressDeadline *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *due = redress_date_format_long (redress_deadline_get_due (deadline));

      overdue = overdue || redress_deadline_get_overdue (deadline);
      if (i == NOTIFY_MAX_LINES)
        {
          g_string_append_printf (body, "\n%s", _("and more on the start page"));
          break;
        }
      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: notification line: client, what is due, the date */
      g_string_append_printf (body, _("%s — %s, by %s"),
                              redress_deadline_get_client_name (deadline),
                              redress_deadline_get_label (deadline), due);
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u deadline within a week or overdue",
                                        "%u deadlines within a week or overdue",
                                        deadlines->len), deadlines->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, overdue ? G_NOTIFICATION_PRIORITY_URGENT
                                                     : G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-deadlines");
  g_notification_add_button (notification, _("Show Deadlines"), "app.show-deadlines");
  g_application_send_notification (G_APPLICATION (self), "near-deadlines", notification);
}

static const GActionEntry app_entries[] = {
  { "show-deadlines", forward_to_window },
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
  { "preferences", preferences_action },
  { "new-client", forward_to_window },
  { "backup", backup_action },
};

/* GApplication ----------------------------------------------------------- */

static int
redress_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  RedressApplication *self = REDRESS_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("redress %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_free (self->database);
      self->database = g_file_get_path (file);
      /* Another database is another instance */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  self->demo = g_variant_dict_contains (options, "demo");

  return -1;
}

static void show_damaged (RedressApplication *self,
                          const GError       *error);

/* The check for damage made once the window is up */
static void
on_store_checked (RedressStore       *store,
                  const GError       *damage,
                  RedressApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (damage != NULL)
    {
      show_damaged (self, damage);
      return;
    }

  /* Deleted files whose Undo was offered in an earlier session */
  if (!redress_store_purge_trash (self->store, &error) ||
      !redress_store_purge_trashed_documents (self->store, &error))
    g_warning ("Could not empty the trash: %s", error->message);
}

static void
open_store (RedressApplication *self)
{
  g_autoptr(GError) error = NULL;

  /* A firm's database takes seconds to read whole: it is checked for
   * damage on a thread, while the window shows the client files */
  self->store = redress_store_open_full (self->database, REDRESS_STORE_OPEN_CHECK_LATER,
                                         &self->open_error);
  if (self->store == NULL)
    return;
  g_signal_connect_object (self->store, "checked", G_CALLBACK (on_store_checked), self, 0);

  if (self->demo)
    {
      g_autoptr(GPtrArray) clients = redress_store_list_clients (self->store, TRUE, NULL);

      if (clients != NULL && clients->len == 0 &&
          !redress_demo_populate (self->store, NULL, &error))
        g_warning ("Could not add the sample files: %s", error->message);
    }
}

static void
on_error_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   RedressApplication *self)
{
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (RedressApplication *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nNothing was changed. Your client files are safe in the file "
                            "that could not be opened."), self->open_error->message);
  dialog = adw_message_dialog_new (NULL, _("The Database Cannot Be Opened"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Found damaged after the window opened: nothing more is written, and
 * the consultant is told what to do */
static void
show_damaged (RedressApplication *self,
              const GError       *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nYou can still read your client files, but no change will be "
                            "saved."), error->message);
  dialog = adw_message_dialog_new (window, _("The Database Is Damaged"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  if (window == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
redress_application_activate (GApplication *app)
{
  RedressApplication *self = REDRESS_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL && self->open_error == NULL)
    open_store (self);

  if (self->store == NULL)
    {
      show_open_error (self);
      return;
    }

  window = GTK_WINDOW (redress_window_new (ADW_APPLICATION (self), self->store));
  gtk_window_present (window);

  if (!self->notified)
    {
      self->notified = TRUE;
      redress_store_list_deadlines_async (self->store, NOTIFY_WITHIN_DAYS, self->cancellable,
                                          near_deadlines_cb, g_object_ref (self));
    }
}

static void
redress_application_startup (GApplication *app)
{
  RedressApplication *self = REDRESS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *new_client_accels[] = { "<Control>n", NULL };
  static const char *new_case_accels[] = { "<Control><Shift>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *attach_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (redress_application_parent_class)->startup (app);
  /* Enter in a message dialog does what the dialog is for */
  redress_message_dialogs_focus_first_field ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-client", new_client_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-case", new_case_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.attach-documents",
                                         attach_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
}

static void
redress_application_shutdown (GApplication *app)
{
  RedressApplication *self = REDRESS_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (redress_application_parent_class)->shutdown (app);
}

static void
redress_application_finalize (GObject *object)
{
  RedressApplication *self = (RedressApplication *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_free (self->database);

  G_OBJECT_CLASS (redress_application_parent_class)->finalize (object);
}

static void
redress_application_class_init (RedressApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = redress_application_finalize;
  app_class->activate = redress_application_activate;
  app_class->startup = redress_application_startup;
  app_class->shutdown = redress_application_shutdown;
  app_class->handle_local_options = redress_application_handle_local_options;
}

static void
redress_application_init (RedressApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of the default one"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Add a few fictional client files to an empty database, for trying Redress"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Refusal files for immigration consultants"));
}

RedressApplication *
redress_application_new (void)
{
  return g_object_new (REDRESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/ca/redress/Redress",
                       NULL);
}

RedressStore *
redress_application_get_store (RedressApplication *self)
{
  g_return_val_if_fail (REDRESS_IS_APPLICATION (self), NULL);

  return self->store;
}

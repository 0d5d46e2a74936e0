/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main window as a consultant uses it (under Xvfb): create a client
 * file through the window's action and dialog, find it by searching,
 * edit it in place, delete it and bring it back with Undo.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "redress-record-dialog.h"
#include "redress-record-form.h"
#include "redress-client-view.h"
#include "redress-window.h"
#include "redress-case-view.h"
#include "redress-checklist-view.h"
#include "redress-documents-view.h"
#include "redress-pdf-view.h"
#include "redress-print.h"
#include "../core/test-pdf-util.h"

typedef struct
{
  char *dir;
  RedressStore *store;
  RedressWindow *window;
} Fixture;

static AdwApplication *app;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

/* Depth-first search of the widget tree */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          g_autofree char *placeholder = NULL;

          if (label == NULL)
            return child;
          if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
            return child;
          if (GTK_IS_SEARCH_ENTRY (child))
            g_object_get (child, "placeholder-text", &placeholder, NULL);
          if (g_strcmp0 (placeholder, label) == 0)
            return child;
        }
      found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @root whose text starts with @prefix */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      found = find_label (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row under @root whose title starts with @prefix */
static AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found;

      if (ADW_IS_PREFERENCES_ROW (child) && !gtk_widget_get_ancestor (child, GTK_TYPE_POPOVER) &&
          g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), prefix))
        return ADW_PREFERENCES_ROW (child);
      found = find_row (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A case refused @days_ago days ago, outside Canada, for a new client */
static RedressCase *
add_case (Fixture    *f,
          const char *family,
          int         days_ago)
{
  g_autoptr(RedressClient) client = redress_client_new ();
  RedressCase *kase;
  g_autoptr(GError) error = NULL;
  g_autofree char *decision = NULL;
  GDate date;

  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, family);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Test");
  g_assert_true (redress_store_insert_client (f->store, client, &error));
  g_assert_no_error (error);

  redress_date_today (&date);
  g_date_subtract_days (&date, (guint) days_ago);
  decision = redress_date_format_iso (&date);
  kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "visitor-visa");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, decision);
  g_assert_true (redress_store_insert_case (f->store, kase, &error));
  g_assert_no_error (error);
  return kase;
}

static RedressRecordDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (REDRESS_IS_RECORD_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return REDRESS_RECORD_DIALOG (window);
    }
  return NULL;
}

static guint
count_clients (RedressStore *store)
{
  g_autoptr(GPtrArray) clients = redress_store_list_clients (store, TRUE, NULL);

  g_assert_nonnull (clients);
  return clients->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("redress-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "redress.db", NULL);
  f->store = redress_store_open (path, &error);
  g_assert_no_error (error);

  f->window = redress_window_new (app, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "redress.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  g_clear_object (&f->store);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
fill_row (RedressRecordForm *form,
          guint              field,
          const char        *text)
{
  GtkWidget *row = redress_record_form_get_row (form, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
create_client (Fixture    *f,
               const char *family,
               const char *given)
{
  RedressRecordDialog *dialog;
  RedressRecordForm *form;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-client", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);
  fill_row (form, REDRESS_CLIENT_FAMILY_NAME, family);
  fill_row (form, REDRESS_CLIENT_GIVEN_NAMES, given);
  g_assert_true (redress_record_dialog_create (dialog));
  spin (100);
}

static void
test_window_empty (Fixture       *f,
                   gconstpointer  data)
{
  RedressClientList *clients = redress_window_get_clients (f->window);

  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

static void
test_window_create_invalid (Fixture       *f,
                            gconstpointer  data)
{
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  GtkWidget *row;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-client", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);

  /* A family name alone, and a date that does not exist: nothing stored */
  fill_row (form, REDRESS_CLIENT_FAMILY_NAME, "Diallo");
  fill_row (form, REDRESS_CLIENT_DATE_OF_BIRTH, "2026-02-30");
  g_assert_false (redress_record_dialog_create (dialog));
  g_assert_cmpuint (count_clients (f->store), ==, 0);

  row = redress_record_form_get_row (form, REDRESS_CLIENT_DATE_OF_BIRTH);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  row = redress_record_form_get_row (form, REDRESS_CLIENT_GIVEN_NAMES);
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Corrected, it is stored */
  fill_row (form, REDRESS_CLIENT_GIVEN_NAMES, "Aminata");
  fill_row (form, REDRESS_CLIENT_DATE_OF_BIRTH, "1990-02-28");
  g_assert_true (redress_record_dialog_create (dialog));
  spin (100);
  g_assert_cmpuint (count_clients (f->store), ==, 1);
  g_assert_null (find_dialog ());
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");
}

/* What Enter does to the focused widget: a text field is activated (its
 * dialog's default response), a button is pressed */
static void
press_enter (GtkWidget *focus)
{
  g_assert_nonnull (focus);
  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    g_assert_true (gtk_widget_activate (focus));
}

/* The dialog opens on its first field, Tab goes to the next and Enter in
 * any field creates: a client file typed without the mouse */
static void
test_window_create_keyboard (Fixture       *f,
                             gconstpointer  data)
{
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  GtkWidget *focus;
  g_autoptr(GPtrArray) clients = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-client", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);

  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus,
                                         redress_record_form_get_row (form, REDRESS_CLIENT_FAMILY_NAME)));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Mbeki");
  g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_is_ancestor (focus,
                                         redress_record_form_get_row (form, REDRESS_CLIENT_GIVEN_NAMES)));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Thandiwe");

  press_enter (focus);
  spin (100);
  g_assert_null (find_dialog ());
  clients = redress_store_list_clients (f->store, TRUE, NULL);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpstr (redress_client_get_given_names (g_ptr_array_index (clients, 0)), ==, "Thandiwe");
}

static void
test_window_create_search (Fixture       *f,
                           gconstpointer  data)
{
  RedressClientList *clients = redress_window_get_clients (f->window);
  GtkWidget *search;

  create_client (f, "Nguyen", "Thi Lan");
  create_client (f, "Okafor", "Chidinma");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 2);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");

  search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, "Name, file number or UCI");
  g_assert_nonnull (search);

  gtk_editable_set_text (GTK_EDITABLE (search), "oka");
  spin (400);  /* the search entry waits before it reports a change */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  {
    g_autoptr(RedressClient) first = g_list_model_get_item (G_LIST_MODEL (clients), 0);
    g_assert_cmpstr (redress_client_get_family_name (first), ==, "Okafor");
  }

  gtk_editable_set_text (GTK_EDITABLE (search), "nobody");
  spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 2);
}

static void
test_window_edit_in_place (Fixture       *f,
                           gconstpointer  data)
{
  RedressClientView *view;
  RedressRecordForm *form;
  GtkWidget *row;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(RedressClient) stored = NULL;
  gint64 id;

  create_client (f, "Haddad", "Karim");
  view = REDRESS_CLIENT_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CLIENT_VIEW, NULL));
  g_assert_nonnull (view);
  form = REDRESS_RECORD_FORM (redress_client_view_get_form (view));
  id = redress_record_get_id (REDRESS_RECORD (redress_client_view_get_client (view)));

  /* A valid UCI is written as soon as it is applied */
  row = redress_record_form_get_row (form, REDRESS_CLIENT_UCI);
  gtk_editable_set_text (GTK_EDITABLE (row), "12-3456-7890");
  g_signal_emit_by_name (row, "apply");
  spin (100);
  stored = redress_store_get_client (f->store, id, NULL);
  g_assert_cmpstr (redress_client_get_uci (stored), ==, "1234567890");

  /* An invalid one is explained and not written */
  row = redress_record_form_get_row (form, REDRESS_CLIENT_UCI);
  gtk_editable_set_text (GTK_EDITABLE (row), "12345");
  g_signal_emit_by_name (row, "apply");
  spin (100);
  g_clear_object (&stored);
  stored = redress_store_get_client (f->store, id, NULL);
  g_assert_cmpstr (redress_client_get_uci (stored), ==, "1234567890");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* The change is on the timeline */
  events = redress_store_list_events (f->store, id, 0, NULL);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, 2);  /* created, then the UCI */
  g_assert_cmpstr (redress_event_get_field (g_ptr_array_index (events, 0)), ==, "uci");
  g_assert_cmpstr (redress_event_get_new_value (g_ptr_array_index (events, 0)), ==, "1234567890");
}

static void
test_window_delete_undo (Fixture       *f,
                         gconstpointer  data)
{
  RedressClientList *clients = redress_window_get_clients (f->window);
  GtkWidget *undo;

  create_client (f, "Tremblay", "Marie");
  g_assert_cmpuint (count_clients (f->store), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "delete-client", NULL);
  spin (300);
  g_assert_cmpuint (count_clients (f->store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");

  undo = find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  spin (300);

  g_assert_cmpuint (count_clients (f->store), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");
}

static void
test_window_case (Fixture       *f,
                  gconstpointer  data)
{
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  GtkWidget *row;
  g_autoptr(GPtrArray) cases = NULL;

  create_client (f, "Fernández", "Lucía");
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-case", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);
  row = redress_record_form_get_row (form, REDRESS_CASE_APPLICATION_TYPE);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);  /* study permit */
  fill_row (form, REDRESS_CASE_DECISION_DATE, "2026-03-02");
  fill_row (form, REDRESS_CASE_RECEIVED_DATE, "2026-03-01");  /* before the decision */
  g_assert_false (redress_record_dialog_create (dialog));
  fill_row (form, REDRESS_CASE_RECEIVED_DATE, "2026-03-04");
  g_assert_true (redress_record_dialog_create (dialog));
  spin (100);

  g_assert_cmpstr (redress_window_get_page (f->window), ==, "case");
  cases = redress_store_list_cases (f->store, 0, TRUE, NULL);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (redress_case_get_application_type (g_ptr_array_index (cases, 0)), ==,
                   "study-permit");

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back-to-client", NULL);
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");
}

/* The new-case form by keyboard: one Tab stop a row (the switch row took
 * two, so a date typed after Tab landed in the wrong field); in the notes,
 * Tab and Shift+Tab move on, and the blank space they or Enter leave is
 * not stored */
static void
test_window_case_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  static const guint order[] = {
    REDRESS_CASE_APPLICATION_TYPE, REDRESS_CASE_DECIDED_IN_CANADA, REDRESS_CASE_DECISION_DATE,
    REDRESS_CASE_RECEIVED_DATE,
  };
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  GtkWidget *focus, *notes, *sw;
  g_autoptr(GPtrArray) cases = NULL;

  create_client (f, "Kim", "Min-jun");
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-case", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (i > 0)
        g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      g_assert_nonnull (focus);
      g_assert_true (focus == redress_record_form_get_row (form, order[i]) ||
                     gtk_widget_is_ancestor (focus, redress_record_form_get_row (form, order[i])));
      if (order[i] == REDRESS_CASE_DECIDED_IN_CANADA)
        {
          /* The stop is the switch itself: Space turns it on */
          sw = focus;
          g_assert_true (GTK_IS_SWITCH (sw));
          g_assert_true (gtk_widget_activate (sw));
          for (guint j = 0; j < 40 && !gtk_switch_get_active (GTK_SWITCH (sw)); j++)
            spin (25);  /* (it slides first) */
          g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
        }
      else if (order[i] == REDRESS_CASE_DECISION_DATE)
        gtk_editable_set_text (GTK_EDITABLE (focus), "2026-03-02");
      else if (order[i] == REDRESS_CASE_RECEIVED_DATE)
        gtk_editable_set_text (GTK_EDITABLE (focus), "2026-03-04");
    }

  notes = find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (notes);
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (notes)));
  g_assert_true (gtk_widget_grab_focus (notes));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)),
                            "Refused twice.\nThe sponsor\tis the father.\n\t\n", -1);
  g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_BACKWARD);
  g_assert_false (gtk_widget_has_focus (notes));
  g_assert_true (gtk_widget_grab_focus (notes));
  g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
  g_assert_false (gtk_widget_has_focus (notes));

  /* Enter in a field creates the case */
  g_assert_true (gtk_widget_grab_focus (redress_record_form_get_row (form, REDRESS_CASE_DECISION_DATE)));
  press_enter (gtk_window_get_focus (GTK_WINDOW (dialog)));
  spin (100);
  g_assert_null (find_dialog ());
  cases = redress_store_list_cases (f->store, 0, TRUE, NULL);
  g_assert_cmpuint (cases->len, ==, 1);
  /* (the application shown first, left as it was) */
  g_assert_cmpstr (redress_case_get_application_type (g_ptr_array_index (cases, 0)), ==,
                   "visitor-visa");
  g_assert_cmpstr (redress_case_get_decision_date (g_ptr_array_index (cases, 0)), ==, "2026-03-02");
  g_assert_cmpstr (redress_record_get_value (g_ptr_array_index (cases, 0), REDRESS_CASE_RECEIVED_DATE),
                   ==, "2026-03-04");
  g_assert_cmpstr (redress_record_get_value (g_ptr_array_index (cases, 0), REDRESS_CASE_DECIDED_IN_CANADA),
                   ==, "true");
  /* (the tab typed inside a line stays: pasted text keeps its layout) */
  g_assert_cmpstr (redress_record_get_value (g_ptr_array_index (cases, 0), REDRESS_CASE_NOTES), ==,
                   "Refused twice.\nThe sponsor\tis the father.");
}

static void
test_window_remedies (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Diallo", 50);
  GtkWidget *view;
  AdwPreferencesRow *row;
  g_autofree char *expected = NULL;
  g_autofree char *by = NULL;
  g_autofree char *iso = NULL;
  GDate file_by;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (200);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "case");
  view = find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL);
  g_assert_nonnull (view);

  /* Refused outside Canada 50 days ago: 60 days for judicial review, so
   * ten days from today, or the next working day */
  redress_date_today (&file_by);
  g_date_add_days (&file_by, 10);
  redress_date_next_working_day (&file_by);
  iso = redress_date_format_iso (&file_by);
  by = redress_date_format_long (iso);
  expected = g_strdup_printf ("Judicial review — file by %s", by);

  row = find_row (view, "Judicial review");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, expected);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "IRPA s.72"));

  /* Restoration does not apply to a visa refused abroad: it is listed as such */
  row = find_row (view, "Not Available");
  g_assert_nonnull (row);
  g_assert_nonnull (find_row (GTK_WIDGET (row), "Restoration of status"));
}

static void
test_window_start_page_deadlines (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RedressCase) near = add_case (f, "Near", 55);
  g_autoptr(RedressCase) far = add_case (f, "Far", 400);
  AdwPreferencesRow *row = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-deadlines", NULL);
  /* The list is computed in a worker thread */
  for (guint i = 0; i < 100 && row == NULL; i++)
    {
      spin (50);
      row = find_row (GTK_WIDGET (f->window), "Near, Test — Judicial review");
    }
  g_assert_nonnull (row);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");
  /* A refusal of more than a year ago has no deadline left */
  g_assert_null (find_row (GTK_WIDGET (f->window), "Far, Test"));

  g_signal_emit_by_name (row, "activate");
  spin (200);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "case");
  (void) far;
}

/* Presses @keyval on @widget as its class binds it: %FALSE if it let the
 * key go on (to nothing, here) */
static gboolean
press_bound_key (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_not_reached ();
}

/* A way home: Back, Alt+Left or Escape from a client file returns to the
 * start page and its deadlines; from a case, to its client file first */
static void
test_window_back_home (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nowak", 50);
  gint64 client_id = redress_case_get_client_id (kase);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));
  GtkWidget *client_view, *back, *field, *search;

  /* Escape, twice */
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (press_bound_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");
  g_assert_true (press_bound_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");
  /* (the keyboard is on the start page, on the deadline once they are
   * listed again) */
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)),
                                         find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE,
                                                      NULL)));
  spin (1000);  /* (the list is made again in a worker thread) */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) ==
                 GTK_WIDGET (find_row (GTK_WIDGET (f->window), "Nowak, Test — Judicial review")));
  g_assert_false (press_bound_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));

  /* Alt+Left */
  redress_window_show_client (f->window, client_id);
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");

  /* The Back button, shown at every width */
  redress_window_show_client (f->window, client_id);
  spin (100);
  client_view = find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CLIENT_VIEW, NULL);
  back = find_widget (client_view, GTK_TYPE_BUTTON, NULL);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "win.back");
  g_assert_true (gtk_widget_get_mapped (back));
  g_signal_emit_by_name (back, "clicked");
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");

  /* Escape in a field is the field's: nothing typed is lost to it */
  redress_window_show_client (f->window, client_id);
  spin (100);
  field = GTK_WIDGET (find_row (client_view, "Phone"));
  g_assert_nonnull (field);
  g_assert_true (gtk_widget_grab_focus (field));
  g_assert_false (press_bound_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");

  /* Folded: the start page, then the list */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 700);
  for (guint i = 0; i < 40 && !adw_leaflet_get_folded (leaflet); i++)
    spin (50);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE,
                                                     NULL)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  spin (500);
  search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, "Name, file number or UCI");
  g_assert_true (gtk_widget_is_ancestor (search, adw_leaflet_get_visible_child (leaflet)));
}

/* Opens @kase on its Documents page and attaches a PDF of @pages, as the
 * file chooser or a drop would; waits until the document is listed */
static RedressCaseView *
attach_pdf (Fixture           *f,
            RedressCase       *kase,
            const char        *name,
            const TestPdfPage *pages,
            guint              n_pages,
            RedressDocumentKind kind)
{
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  RedressCaseView *view;
  RedressDocumentsView *documents;

  test_pdf_write_cairo (pdf, pages, n_pages);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  redress_documents_view_attach (documents, file, kind);
  for (guint i = 0; i < 200 && redress_documents_view_get_n_documents (documents) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 1);
  return view;
}

static void
test_window_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Okafor", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nI am not satisfied that you will "
                "leave Canada at the end of your stay, based on your family ties in Canada and in "
                "your country of residence.", FALSE },
    { 612, 792, "Second page: the purpose of your visit.", FALSE },
  };
  RedressCaseView *view;
  RedressDocumentsView *documents;
  RedressPdfView *reader;
  GtkWidget *search;
  GtkWidget *label = NULL;

  view = attach_pdf (f, kase, "refusal-letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  documents = redress_case_view_get_documents (view);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (documents));

  /* Its first page is shown */
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 2);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);

  /* Searching the document finds the word, on its page */
  redress_pdf_view_search (reader, "family ties");
  for (guint i = 0; i < 100 && redress_pdf_view_get_n_matches (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);

  /* Searching every case's documents from the sidebar finds it too */
  search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, "Name, file number or UCI");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (GTK_WIDGET (f->window),
                                                                GTK_TYPE_TOGGLE_BUTTON,
                                                                "Documents")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "purpose visit");
  for (guint i = 0; i < 40 && label == NULL; i++)
    {
      spin (50);
      label = find_label (GTK_WIDGET (f->window), "Okafor, Test — refusal-letter.pdf");
    }
  g_assert_nonnull (label);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Page 2"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Asked what a file is, Enter attaches it as what Redress suggests (the
 * responses are stacked: the focus used to fall on Cancel) */
static void
test_window_documents_kind_keyboard (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Moreau", 10);
  g_autofree char *pdf = g_build_filename (f->dir, "refusal-letter.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  const TestPdfPage page = { 612, 792, "Your application for a visitor visa is refused.", FALSE };
  RedressCaseView *view;
  RedressDocumentsView *documents;
  AdwMessageDialog *dialog;
  GtkWidget *focus;

  test_pdf_write_cairo (pdf, &page, 1);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  redress_documents_view_attach_files (documents, files);
  spin (300);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_get_mapped (focus));
  press_enter (focus);
  for (guint i = 0; i < 200 && redress_documents_view_get_n_documents (documents) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 1);
  g_assert_null (find_message_dialog ());
}

/* In the reader, Ctrl+F finds in the document, at any width: the reader
 * stays (it gave way to the client search in the folded sidebar); Escape
 * closes Find */
static void
test_window_reader_keys (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Lopez", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "I am not satisfied that you will leave Canada at the end of your stay, based on "
                "your family ties in Canada.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;
  GtkWidget *find, *focus, *sidebar_search;
  AdwLeaflet *leaflet;

  view = attach_pdf (f, kase, "letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (redress_case_view_get_documents (view)));
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  find = find_widget (GTK_WIDGET (reader), GTK_TYPE_SEARCH_ENTRY, "Find");
  g_assert_nonnull (find);
  sidebar_search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY,
                                "Name, file number or UCI");
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));

  for (guint width = 0; width < 2; width++)
    {
      if (width == 1)
        {
          /* Narrow: the sidebar folds away */
          gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 700);
          for (guint i = 0; i < 40 && !adw_leaflet_get_folded (leaflet); i++)
            spin (50);
          g_assert_true (adw_leaflet_get_folded (leaflet));
        }

      /* Ctrl+F */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
      spin (100);
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      g_assert_nonnull (focus);
      g_assert_true (gtk_widget_is_ancestor (focus, find));
      g_assert_cmpstr (redress_window_get_page (f->window), ==, "case");
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reader)));

      gtk_editable_set_text (GTK_EDITABLE (find), "family ties");
      for (guint i = 0; i < 100 && redress_pdf_view_get_n_matches (reader) == 0; i++)
        spin (50);
      g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);

      /* Escape: Find is closed, the highlights go, the keyboard is in the pages */
      g_signal_emit_by_name (find, "stop-search");
      spin (100);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find)), ==, "");
      g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, find));
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (reader)));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reader)));
    }

  /* Elsewhere in the case, Ctrl+F searches the client files */
  redress_case_view_show_page (view, "overview");
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  spin (100);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, sidebar_search));
}

static void
add_accelerators (GHashTable *listed,
                  const char *accelerators)
{
  g_auto(GStrv) each = g_strsplit (accelerators ? accelerators : "", " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (*each[i] != '\0')
      g_hash_table_add (listed, g_strdup (each[i]));
}

/* The keys that @widget's class binds */
static GPtrArray *
class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            g_ptr_array_add (keys, gtk_shortcut_trigger_to_string (trigger));
        }
    }
  return keys;
}

/* The shortcuts window lists every key of the reader and of the
 * documents, and Ctrl+O */
static void
test_window_shortcuts_listed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/ca/redress/Redress/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *widgets[] = {
    redress_pdf_view_new (),
    g_object_new (REDRESS_TYPE_DOCUMENTS_VIEW, NULL),
  };
  const char *aliases[] = { "<Control>equal", NULL };  /* the same key as Ctrl+Plus */
  const char *window_actions[] = { "win.search", "win.new-client", "win.new-case", NULL };

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      add_accelerators (listed, accelerator);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
    }

  for (guint w = 0; w < G_N_ELEMENTS (widgets); w++)
    {
      g_autoptr(GPtrArray) keys = class_shortcuts (g_object_ref_sink (widgets[w]));

      g_assert_cmpuint (keys->len, >, 0);
      for (guint i = 0; i < keys->len; i++)
        if (!g_strv_contains (aliases, g_ptr_array_index (keys, i)) &&
            !g_hash_table_contains (listed, g_ptr_array_index (keys, i)))
          g_error ("%s binds %s, which the shortcuts window does not list",
                   G_OBJECT_TYPE_NAME (widgets[w]), (char *) g_ptr_array_index (keys, i));
      g_object_unref (widgets[w]);
    }
  /* Ctrl+F in the reader, whose key is the window's; Ctrl+O, the window's
   * too (from any page of a case) */
  g_assert_true (g_hash_table_contains (listed, "<Control>f"));
  /* Going back, with the window's Escape */
  g_assert_true (g_hash_table_contains (listed, "<Alt>Left"));
  g_assert_true (g_hash_table_contains (listed, "Escape"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "attach-documents"));
  for (guint i = 0; window_actions[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (actions, window_actions[i]));
}

/* A page that crashes the PDF reader ends the reader's process, not
 * Redress: that page stays blank, the others show */
static void
test_window_reader_crash (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "This page crashes the reader.", FALSE },
    { 612, 792, "This page shows.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;

  g_setenv ("REDRESS_PDF_WORKER_CRASH_PAGE", "1", TRUE);
  view = attach_pdf (f, kase, "hostile.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (redress_case_view_get_documents (view)));
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_pages (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 2);
  spin (500);
  redress_pdf_view_go_to_page (reader, 1);
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_unsetenv ("REDRESS_PDF_WORKER_CRASH_PAGE");
  /* Still here, the second page drawn, the document still searchable */
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);
  redress_pdf_view_search (reader, "shows");
  for (guint i = 0; i < 100 && redress_pdf_view_get_n_matches (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
}

static void
test_window_grounds (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Haddad", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nDear Applicant,\n\n"
                "I am not satisfied that you will leave Canada at the end of your stay as a "
                "temporary resident, as stipulated in paragraph 179(b) of the IRPR, based on your "
                "family ties in Canada and in your country of residence.\n\nVisa Officer", FALSE },
  };
  RedressCaseView *view;
  AdwPreferencesRow *row = NULL;
  GtkWidget *confirm;
  g_autoptr(GPtrArray) grounds = NULL;

  view = attach_pdf (f, kase, "refusal.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);

  /* The letter's ground is suggested, with its provision and sentence */
  redress_case_view_show_page (view, "grounds");
  for (guint i = 0; i < 40 && row == NULL; i++)
    {
      spin (50);
      row = find_row (GTK_WIDGET (view), "Family ties");
    }
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (row), "R179(b)"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "family ties in Canada"));

  /* Confirming it moves it to the confirmed grounds */
  confirm = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (confirm), ==, "Confirm the ground");
  g_signal_emit_by_name (confirm, "clicked");
  spin (100);
  grounds = redress_store_list_grounds (f->store, redress_record_get_id (REDRESS_RECORD (kase)), NULL);
  g_assert_nonnull (grounds);
  g_assert_cmpuint (grounds->len, ==, 1);
  g_assert_cmpint (redress_case_ground_get_state (g_ptr_array_index (grounds, 0)), ==,
                   REDRESS_GROUND_CONFIRMED);
  row = find_row (GTK_WIDGET (view), "Family ties");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP) != NULL);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP))), ==,
                   "Confirmed Grounds");

  /* Select the letter's sentence in the reader and link it as evidence */
  {
    RedressPdfView *reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (
                                                 redress_case_view_get_documents (view)));
    GtkWidget *link;
    g_autofree char *selected = NULL;

    for (guint i = 0; i < 100 && redress_pdf_view_get_n_pages (reader) == 0; i++)
      spin (50);
    redress_pdf_view_select_area (reader, 0, 0, 0, 612, 792);
    for (guint i = 0; i < 100 && selected == NULL; i++)
      {
        spin (50);
        selected = redress_pdf_view_dup_selection (reader);
      }
    g_assert_nonnull (strstr (selected, "family ties"));

    link = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);
    while (link != NULL &&
           g_strcmp0 (gtk_widget_get_tooltip_text (link), "Link the text selected in the document") != 0)
      link = gtk_widget_get_next_sibling (link);
    g_assert_nonnull (link);
    g_signal_emit_by_name (link, "clicked");
    spin (100);
    g_assert_nonnull (find_row (GTK_WIDGET (view), "Evidence for “Family ties”"));
  }
}

/* Waits for the reader to highlight a passage on @page */
static GArray *
wait_passage (RedressPdfView *reader,
              guint           page,
              glong          *char_start,
              glong          *char_end)
{
  GArray *rects = NULL;

  for (guint i = 0; i < 200 && rects == NULL; i++)
    {
      spin (50);
      rects = redress_pdf_view_get_passage (reader, page, char_start, char_end);
    }
  g_assert_nonnull (rects);
  return rects;
}

/* Activating a ground's sentence that wraps over lines, or a passage that
 * runs over a page break, opens the document with exactly its characters
 * highlighted, line by line, where Find would say "No match" */
static void
test_window_grounds_passage (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nguyen", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nDear Applicant,\n\n"
                "I am not satisfied that you will leave Canada at the end of your stay as a "
                "temporary resident, as stipulated in paragraph 179(b) of the IRPR, based on your "
                "family ties in Canada and in your country of residence.\n\n"
                "You have also not shown that your employment abroad is secure: your employer "
                "wrote that the position you hold will be", FALSE },
    { 612, 792, "kept for you only until the end of the current season.\n\nVisa Officer", FALSE },
  };
  gint64 case_id = 0;
  RedressCaseView *view;
  RedressDocumentsView *documents;
  RedressPdfView *reader;
  AdwPreferencesRow *row = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  RedressCaseGround *ground;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  GArray *rects;
  glong char_start = -1, char_end = -1;

  case_id = redress_record_get_id (REDRESS_RECORD (kase));
  view = attach_pdf (f, kase, "letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  documents = redress_case_view_get_documents (view);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (documents));

  redress_case_view_show_page (view, "grounds");
  for (guint i = 0; i < 40 && row == NULL; i++)
    {
      spin (50);
      row = find_row (GTK_WIDGET (view), "Family ties");
    }
  g_assert_nonnull (row);
  /* The sentence reads as prose (one line), and under it the letter is
   * named by its kind */
  {
    g_auto(GStrv) lines = g_strsplit (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    g_assert_true (g_str_has_prefix (lines[0], "“"));
    g_assert_cmpstr (lines[1], ==, "Refusal letter, page 1");
  }

  /* Family ties, and the employment the letter also finds wanting (its
   * sentence runs over the page break) */
  grounds = redress_store_list_grounds (f->store, case_id, NULL);
  g_assert_cmpuint (grounds->len, ==, 2);
  ground = g_ptr_array_index (grounds, 0);
  g_assert_cmpstr (redress_case_ground_get_code (ground), ==, "family-ties");
  g_assert_cmpstr (redress_case_ground_get_code (g_ptr_array_index (grounds, 1)), ==, "employment");
  g_assert_cmpuint (redress_case_ground_get_end_page (g_ptr_array_index (grounds, 1)), ==, 2);
  text = redress_store_dup_page_text (f->store, redress_case_ground_get_document_id (ground), 1, NULL);
  g_assert_nonnull (text);
  /* The sentence wraps: Find cannot find it as the grounds page quotes it */
  g_assert_nonnull (memchr (text + redress_case_ground_get_quote_start (ground), '\n',
                            (gsize) (redress_case_ground_get_quote_end (ground) -
                                     redress_case_ground_get_quote_start (ground))));

  /* Activating the ground opens the letter at its sentence */
  g_signal_emit_by_name (row, "activate");
  rects = wait_passage (reader, 0, &char_start, &char_end);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK, NULL))),
                   ==, "documents");
  g_assert_cmpint (char_start, ==,
                   g_utf8_pointer_to_offset (text, text + redress_case_ground_get_quote_start (ground)));
  g_assert_cmpint (char_end, ==,
                   g_utf8_pointer_to_offset (text, text + redress_case_ground_get_quote_end (ground)));
  /* One rectangle a line, one under the other, in the text's width */
  g_assert_cmpuint (rects->len, >=, 2);
  for (guint i = 0; i < rects->len; i++)
    {
      RedressPdfRect *r = &g_array_index (rects, RedressPdfRect, i);

      g_assert_cmpfloat (r->x1, >=, 60);
      g_assert_cmpfloat (r->x2, <=, 612 - 60);
      g_assert_cmpfloat (r->y2 - r->y1, <, 30);
      if (i > 0)
        g_assert_cmpfloat (r->y1, >, g_array_index (rects, RedressPdfRect, i - 1).y1);
    }
  g_assert_null (redress_pdf_view_get_passage (reader, 1, NULL, NULL));
  spin (300);
  g_assert_cmpuint (redress_pdf_view_get_page (reader), ==, 0);

  /* A passage over a page break: its tail is highlighted on the next page */
  text2 = redress_store_dup_page_text (f->store, redress_case_ground_get_document_id (ground), 2, NULL);
  g_assert_nonnull (text2);
  {
    const char *start = strstr (text, "You have also");
    const char *end = strstr (text2, "season.");

    g_assert_nonnull (start);
    g_assert_nonnull (end);
    redress_documents_view_show_passage (documents, redress_case_ground_get_document_id (ground),
                                         1, start - text, 2, end + strlen ("season.") - text2, NULL);
    rects = wait_passage (reader, 1, &char_start, &char_end);
    g_assert_cmpint (char_start, ==, 0);
    g_assert_cmpint (char_end, ==, g_utf8_pointer_to_offset (text2, end + strlen ("season.")));
    g_assert_cmpuint (rects->len, ==, 1);
    rects = redress_pdf_view_get_passage (reader, 0, &char_start, &char_end);
    g_assert_nonnull (rects);
    g_assert_cmpint (char_start, ==, g_utf8_pointer_to_offset (text, start));
    g_assert_cmpuint (rects->len, >=, 2);
  }

  /* Searching replaces it */
  redress_pdf_view_search (reader, "Visa Officer");
  g_assert_null (redress_pdf_view_get_passage (reader, 0, NULL, NULL));

  /* A quote whose place is not known is found by its words, line breaks
   * and all */
  redress_documents_view_show_passage (documents, redress_case_ground_get_document_id (ground),
                                       1, -1, 1, -1,
                                       "based on your family ties in Canada and in your "
                                       "country of residence.");
  rects = wait_passage (reader, 0, &char_start, &char_end);
  g_assert_cmpint (char_start, ==, g_utf8_pointer_to_offset (text, strstr (text, "based on your")));
}

/* A study permit refused in Canada, on the restoration path, with
 * "finances" confirmed */
static RedressCase *
add_checklist_case (Fixture    *f,
                    const char *family)
{
  RedressCase *kase = add_case (f, family, 20);
  g_autoptr(GError) error = NULL;
  gint64 id = redress_record_get_id (REDRESS_RECORD (kase));

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE,
                            "study-permit-extension");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECIDED_IN_CANADA, "true");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "restoration");
  g_assert_true (redress_store_update_case (f->store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_ground (f->store, id, "finances", &error));
  g_assert_no_error (error);
  return kase;
}

static RedressChecklistView *
show_checklist (Fixture     *f,
                RedressCase *kase)
{
  RedressCaseView *view;
  GtkWidget *checklist;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  g_assert_nonnull (view);
  redress_case_view_show_page (view, "checklist");
  checklist = find_widget (GTK_WIDGET (view), REDRESS_TYPE_CHECKLIST_VIEW, NULL);
  g_assert_nonnull (checklist);
  spin (200);
  return REDRESS_CHECKLIST_VIEW (checklist);
}

static RedressChecklistItem *
find_item (GPtrArray  *items,
           const char *template_id)
{
  for (guint i = 0; items && i < items->len; i++)
    if (g_strcmp0 (redress_checklist_item_get_template (g_ptr_array_index (items, i)),
                   template_id) == 0)
      return g_ptr_array_index (items, i);
  return NULL;
}

static void
test_window_checklist_no_path (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Sato", 20);
  RedressChecklistView *view = show_checklist (f, kase);
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *status;

  /* No path chosen: nothing drafted, the page says where to choose one */
  status = find_widget (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Choose a Path First");
  items = redress_store_list_checklist (f->store, redress_record_get_id (REDRESS_RECORD (kase)),
                                        "restoration", NULL);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_window_checklist (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Mensah");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  g_autofree char *pdf = g_build_filename (f->dir, "notes.pdf", NULL);
  const TestPdfPage page = { 612, 792, "PA has low funds. Detailed bank statements show overall low funds.", FALSE };
  RedressChecklistView *view;
  const char *bank = redress_checklist_template_text ("bank-statements");
  const char *form = redress_checklist_template_text ("restoration-form");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesRow *row;
  GtkWidget *group;
  gint64 notes = 0;

  /* A passage of the officer's notes, linked to the ground */
  test_pdf_write_cairo (pdf, &page, 1);
  g_assert_true (redress_store_import_document (f->store, case_id, REDRESS_DOCUMENT_OFFICER_NOTES, pdf,
                                                NULL, NULL, NULL, NULL, &notes, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_link_evidence (f->store, case_id, "finances", notes, 1,
                                              "Detailed bank statements show overall low funds.",
                                              -1, -1, NULL, &error));
  g_assert_no_error (error);
  view = show_checklist (f, kase);

  /* Drafted when shown: the path's items and the ground's, in groups */
  g_assert_nonnull (bank);
  g_assert_nonnull (form);
  row = find_row (GTK_WIDGET (view), form);
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "For the Restoration of Status");
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   redress_ground_get_label ("finances"));
  /* The path's deadline, as the Overview computes it */
  {
    g_autofree char *prefix = g_strdup_printf ("%s: file by ", redress_remedy_label ("restoration"));
    GtkWidget *deadline = find_label (GTK_WIDGET (view), prefix);

    g_assert_nonnull (deadline);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (deadline)), "days left)"));
  }
  /* Headed by the officer's concern: here the passage of the notes */
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "From the officer’s notes: “Detailed bank statements show overall low "
                            "funds.” — notes.pdf, page 1"));

  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_nonnull (items);
  g_assert_nonnull (find_item (items, "bank-statements"));
  g_assert_nonnull (find_item (items, "restoration-form"));
  g_assert_cmpuint (redress_checklist_item_get_state (find_item (items, "bank-statements")), ==,
                    REDRESS_ITEM_TO_REQUEST);
}

static void
test_window_checklist_tick (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Kowalski");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  RedressChecklistView *view = show_checklist (f, kase);
  const char *bank = redress_checklist_template_text ("bank-statements");
  g_autoptr(GPtrArray) items = NULL;
  AdwPreferencesRow *row;
  GtkWidget *check, *dropdown, *undo;
  guint n_items;

  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  check = find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Ticking it stores "received"; the state's drop-down follows */
  g_assert_true (gtk_widget_activate (check));
  spin (100);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_cmpuint (redress_checklist_item_get_state (find_item (items, "bank-statements")), ==,
                    REDRESS_ITEM_RECEIVED);
  n_items = items->len;
  g_clear_pointer (&items, g_ptr_array_unref);
  /* (updated in place: the same row, not a rebuilt one) */
  g_assert_true (ADW_PREFERENCES_ROW (row) == find_row (GTK_WIDGET (view), bank));
  dropdown = find_widget (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    REDRESS_ITEM_RECEIVED);

  /* Choosing "not applicable" from the drop-down unticks it */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), REDRESS_ITEM_NOT_APPLICABLE);
  spin (100);
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_cmpuint (redress_checklist_item_get_state (find_item (items, "bank-statements")), ==,
                    REDRESS_ITEM_NOT_APPLICABLE);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Removed, then brought back with Undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "item.remove", NULL));
  spin (100);
  g_assert_null (find_row (GTK_WIDGET (view), bank));
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_cmpuint (items->len, ==, n_items - 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  undo = find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  spin (200);
  g_assert_nonnull (find_row (GTK_WIDGET (view), bank));
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_cmpuint (items->len, ==, n_items);
}

/* The grounds change: the view offers to update the checklist */
static void
test_window_checklist_pending (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Ibrahim");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  RedressChecklistView *view = show_checklist (f, kase);
  const char *bank = redress_checklist_template_text ("bank-statements");
  GtkWidget *revealer;
  AdwPreferencesRow *row;
  g_autoptr(GError) error = NULL;

  revealer = find_widget (GTK_WIDGET (view), GTK_TYPE_REVEALER, NULL);
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_assert_true (redress_store_dismiss_ground (f->store, case_id, "finances", &error));
  g_assert_no_error (error);
  spin (200);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  row = find_row (revealer, "The confirmed grounds changed");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "to remove"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "checklist.update", NULL));
  spin (200);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_null (find_row (GTK_WIDGET (view), bank));
}

/* The application type changes: the items that answer the grounds for it
 * change too, and the view offers the update */
static void
test_window_checklist_type_change (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Haddad");
  RedressChecklistView *view = show_checklist (f, kase);
  GtkWidget *revealer;
  g_autoptr(GError) error = NULL;

  revealer = find_widget (GTK_WIDGET (view), GTK_TYPE_REVEALER, NULL);
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "work-permit");
  g_assert_true (redress_store_update_case (f->store, kase, &error));
  g_assert_no_error (error);
  spin (200);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

/* The first button under @root whose label is @label */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_widget (root, GTK_TYPE_BUTTON, label);
}

static void
test_window_checklist_edit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Rossi");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  RedressChecklistView *view = show_checklist (f, kase);
  const char *bank = redress_checklist_template_text ("bank-statements");
  g_autoptr(GPtrArray) items = NULL;
  RedressChecklistItem *item;
  AdwPreferencesRow *row;
  GtkWindow *dialog;
  GtkWidget *due, *note, *text, *group;

  /* Activating the row opens the item's dialog */
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  spin (100);
  dialog = find_window ("Edit Item");
  g_assert_nonnull (dialog);
  due = GTK_WIDGET (find_row (GTK_WIDGET (dialog), "_Due Date"));
  note = GTK_WIDGET (find_row (GTK_WIDGET (dialog), "_Note"));
  g_assert_nonnull (due);
  g_assert_nonnull (note);

  /* A date that does not exist is refused beside its field */
  gtk_editable_set_text (GTK_EDITABLE (due), "2026-02-30");
  gtk_editable_set_text (GTK_EDITABLE (note), "Ask for the savings account too");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Save"), "clicked");
  spin (100);
  g_assert_true (find_window ("Edit Item") == dialog);
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_null (redress_checklist_item_get_note (find_item (items, "bank-statements")));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Corrected, it is stored, and the row says it */
  gtk_editable_set_text (GTK_EDITABLE (due), "2026-02-27");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Save"), "clicked");
  spin (200);
  g_assert_null (find_window ("Edit Item"));
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  item = find_item (items, "bank-statements");
  g_assert_cmpstr (redress_checklist_item_get_due (item), ==, "2026-02-27");
  g_assert_cmpstr (redress_checklist_item_get_note (item), ==, "Ask for the savings account too");
  /* (the unchanged wording stays the template's) */
  g_assert_null (redress_checklist_item_get_custom_text (item));
  g_clear_pointer (&items, g_ptr_array_unref);
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Ask for the savings account too"));

  /* An item added by hand, in the ground's group */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "checklist.add-item", NULL));
  spin (100);
  dialog = find_window ("Add Item");
  g_assert_nonnull (dialog);
  text = GTK_WIDGET (find_row (GTK_WIDGET (dialog), "_What the Client Provides"));
  group = GTK_WIDGET (find_row (GTK_WIDGET (dialog), "_Group"));
  g_assert_nonnull (text);
  g_assert_true (ADW_IS_COMBO_ROW (group));
  adw_combo_row_set_selected (ADW_COMBO_ROW (group), 1);  /* the first confirmed ground */
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  spin (100);
  g_assert_true (find_window ("Add Item") == dialog);  /* no text: not added */
  g_assert_true (gtk_widget_has_css_class (text, "error"));
  gtk_editable_set_text (GTK_EDITABLE (text), "Letter from the parents promising support");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  spin (200);
  g_assert_null (find_window ("Add Item"));
  row = find_row (GTK_WIDGET (view), "Letter from the parents");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP))), ==,
                   redress_ground_get_label ("finances"));
}

/* The item dialogs open on the wording: a space typed goes into it (it
 * pressed Cancel before) and Enter adds the item */
static void
test_window_checklist_add_keyboard (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Achebe");
  RedressChecklistView *view = show_checklist (f, kase);
  const char *bank = redress_checklist_template_text ("bank-statements");
  GtkWindow *dialog;
  GtkWidget *focus;
  AdwPreferencesRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "checklist.add-item", NULL));
  spin (100);
  dialog = find_window ("Add Item");
  g_assert_nonnull (dialog);
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (find_row (GTK_WIDGET (dialog),
                                                                      "_What the Client Provides"))));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Letter ");
  gtk_editable_set_position (GTK_EDITABLE (focus), -1);
  {
    int position = gtk_editable_get_position (GTK_EDITABLE (focus));

    gtk_editable_insert_text (GTK_EDITABLE (focus), "from the employer", -1, &position);
  }
  g_assert_true (find_window ("Add Item") == dialog);
  press_enter (focus);
  spin (200);
  g_assert_null (find_window ("Add Item"));
  row = find_row (GTK_WIDGET (view), "Letter from the employer");
  g_assert_nonnull (row);

  /* Editing an item starts on its wording too */
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  spin (100);
  dialog = find_window ("Edit Item");
  g_assert_nonnull (dialog);
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (find_row (GTK_WIDGET (dialog),
                                                                      "_What the Client Provides"))));
  gtk_window_close (dialog);
  spin (100);
}

/* Exporting writes the PDF in a worker thread, then says so */
static void
test_window_checklist_export (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Lindqvist");
  RedressChecklistView *view = show_checklist (f, kase);
  g_autofree char *path = g_build_filename (f->dir, "checklist.pdf", NULL);
  g_autofree char *outline_path = g_build_filename (f->dir, "outline.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) outline = g_file_new_for_path (outline_path);
  g_autofree char *text = NULL;
  GtkWidget *toast = NULL;

  redress_checklist_view_set_language (view, "en");
  redress_checklist_view_export_pdf (view, FALSE, file);
  for (guint i = 0; i < 100 && toast == NULL; i++)
    {
      spin (50);
      toast = find_label (GTK_WIDGET (f->window), "Checklist exported");
    }
  g_assert_nonnull (toast);
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autoptr(GError) error = NULL;
    PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
    PopplerPage *page;

    g_assert_no_error (error);
    page = poppler_document_get_page (document, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, "Lindqvist"));
    g_object_unref (page);
    g_object_unref (document);
  }
  {
    /* Personal data: readable by its owner only, like the database */
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  redress_checklist_view_export_pdf (view, TRUE, outline);
  toast = NULL;
  for (guint i = 0; i < 100 && toast == NULL; i++)
    {
      spin (50);
      toast = find_label (GTK_WIDGET (f->window), "Response outline exported");
    }
  g_assert_nonnull (toast);
  g_assert_true (g_file_query_exists (outline, NULL));
  g_unlink (path);
  g_unlink (outline_path);
}

/* Printing goes through the core's drawing: exported by the print
 * operation to a PDF, the page carries the client and the items */
static void
test_window_checklist_print (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Nakamura");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  g_autofree char *pdf = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint dark = 0;

  report = redress_report_new_checklist (f->store, case_id, NULL, "en", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  operation = redress_print_operation_new (report);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (redress_report_get_n_pages (report), >=, 1);

  uri = g_filename_to_uri (pdf, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==,
                   (int) redress_report_get_n_pages (report));
  page = poppler_document_get_page (document, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "Nakamura"));
  g_assert_nonnull (strstr (text, "Bank statements"));

  /* Rendered, the page is not blank */
  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *line = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                               y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        if ((line[x] & 0xff) < 0x80)
          dark++;
    }
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  g_assert_cmpuint (dark, >, 500);
  g_unlink (pdf);
}

/* Scanned pages ---------------------------------------------------------------- */

/* An image-only PDF of @pages, as a scanner makes it */
static char *
make_scan (Fixture           *f,
           const char        *name,
           const TestPdfPage *pages,
           guint              n_pages)
{
  return test_pdf_write_scan (f->dir, name, pages, n_pages, 0);
}

/* Every text the import's progress bar showed */
static void
on_progress_text (GtkProgressBar *bar,
                  GParamSpec     *pspec,
                  GPtrArray      *shown)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL && (shown->len == 0 ||
                       g_strcmp0 (g_ptr_array_index (shown, shown->len - 1), text) != 0))
    g_ptr_array_add (shown, g_strdup (text));
}

static gboolean
shown_ocr_progress (GPtrArray  *shown,
                    const char *text)
{
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (g_ptr_array_index (shown, i), text))
      return TRUE;
  return FALSE;
}

/* A scanned letter attached in the Documents tab: "Reading scanned page N
 * of M" shows while OCR reads it, the window goes on answering, Cancel
 * stores nothing, and once read the page's text is stored */
static void
test_window_documents_ocr (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nwosu", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Dear applicant,\nYour application for a temporary resident visa has been "
                "refused.\nI am not satisfied that you will leave Canada at the end of your "
                "stay, based on your family ties in Canada.", FALSE },
    { 612, 792, "The purpose of your visit is not consistent with a temporary stay.\n"
                "Sincerely, the visa officer.", FALSE },
  };
  g_autofree char *scan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents_stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RedressCaseView *view;
  RedressDocumentsView *documents;
  GtkWidget *bar, *cancel;
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  gint64 last_tick, longest_gap = 0;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = make_scan (f, "scanned-letter", pages, G_N_ELEMENTS (pages));
  file = g_file_new_for_path (scan);

  redress_window_show_case (f->window, case_id);
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  bar = find_widget (GTK_WIDGET (documents), GTK_TYPE_PROGRESS_BAR, NULL);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_progress_text), shown);

  /* Cancelled while the first scanned page is read: nothing is stored */
  redress_documents_view_attach (documents, file, REDRESS_DOCUMENT_REFUSAL_LETTER);
  for (guint i = 0; i < 600 && !shown_ocr_progress (shown, "Reading scanned page 1 of 2"); i++)
    spin (20);
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 1 of 2"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  cancel = find_widget (GTK_WIDGET (documents), GTK_TYPE_BUTTON, "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  for (guint i = 0; i < 200 && gtk_widget_get_visible (gtk_widget_get_parent (bar)); i++)
    spin (20);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  spin (200);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 0);
  documents_stored = redress_store_list_documents (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents_stored->len, ==, 0);
  g_clear_pointer (&documents_stored, g_ptr_array_unref);

  /* Read to the end: both pages announced, the window never blocked */
  g_ptr_array_set_size (shown, 0);
  redress_documents_view_attach (documents, file, REDRESS_DOCUMENT_REFUSAL_LETTER);
  last_tick = g_get_monotonic_time ();
  for (guint i = 0; i < 3000 && redress_documents_view_get_n_documents (documents) == 0; i++)
    {
      gint64 now;

      spin (20);
      now = g_get_monotonic_time ();
      longest_gap = MAX (longest_gap, now - last_tick);
      last_tick = now;
    }
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 1);
  for (guint i = 0; i < shown->len; i++)
    g_test_message ("progress: %s", (const char *) g_ptr_array_index (shown, i));
  g_test_message ("longest the main loop waited: %.0f ms", longest_gap / 1000.0);
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 1 of 2"));
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 2 of 2"));
  g_assert_cmpint (longest_gap, <, G_USEC_PER_SEC);

  documents_stored = redress_store_list_documents (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents_stored->len, ==, 1);
  text = redress_store_dup_page_text (f->store,
                                      redress_document_get_id (g_ptr_array_index (documents_stored, 0)),
                                      2, &error);
  g_assert_no_error (error);
  g_test_message ("page 2 read: %s", text);
  g_assert_nonnull (strstr (text, "purpose of your visit"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  adw_init ();

  app = adw_application_new ("ca.redress.Redress.Tests", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

#define ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_window_empty);
  ADD ("create-invalid", test_window_create_invalid);
  ADD ("create-keyboard", test_window_create_keyboard);
  ADD ("create-search", test_window_create_search);
  ADD ("edit-in-place", test_window_edit_in_place);
  ADD ("delete-undo", test_window_delete_undo);
  ADD ("case", test_window_case);
  ADD ("case-keyboard", test_window_case_keyboard);
  ADD ("remedies", test_window_remedies);
  ADD ("start-page-deadlines", test_window_start_page_deadlines);
  ADD ("back-home", test_window_back_home);
  ADD ("documents", test_window_documents);
  ADD ("documents-kind-keyboard", test_window_documents_kind_keyboard);
  ADD ("reader-keys", test_window_reader_keys);
  ADD ("shortcuts-listed", test_window_shortcuts_listed);
  ADD ("reader-crash", test_window_reader_crash);
  ADD ("grounds", test_window_grounds);
  ADD ("grounds-passage", test_window_grounds_passage);
  ADD ("checklist-no-path", test_window_checklist_no_path);
  ADD ("checklist", test_window_checklist);
  ADD ("checklist-tick", test_window_checklist_tick);
  ADD ("checklist-pending", test_window_checklist_pending);
  ADD ("checklist-type-change", test_window_checklist_type_change);
  ADD ("checklist-edit", test_window_checklist_edit);
  ADD ("checklist-add-keyboard", test_window_checklist_add_keyboard);
  ADD ("checklist-export", test_window_checklist_export);
  ADD ("checklist-print", test_window_checklist_print);
  ADD ("documents-ocr", test_window_documents_ocr);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}

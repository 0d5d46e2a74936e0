/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main window as a consultant uses it (under Xvfb): create a client
 * file through the window's action and dialog, find it by searching,
 * edit it in place, delete it and bring it back with Undo; cases, their
 * remedies, the start page and the way back home.
 */
#include "config.h"

#include "gui-test.h"

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

/* The explanation shown below @field (in the row after it, not squeezed
 * into it), if it holds @text */
static GtkWidget *
find_error (RedressRecordForm *form,
            guint              field,
            const char        *text)
{
  GtkWidget *row = redress_record_form_get_row (form, field);
  GtkWidget *below = gtk_widget_get_next_sibling (row);
  GtkWidget *label;

  g_assert_true (GTK_IS_LIST_BOX_ROW (below));
  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (below));
  g_assert_true (GTK_IS_LABEL (label));
  if (!gtk_widget_get_mapped (label) || strstr (gtk_label_get_text (GTK_LABEL (label)), text) == NULL)
    return NULL;
  return label;
}

/* The errors go as soon as the fields are corrected, without another
 * press of Create, and Create is offered again */
static void
test_window_create_corrected (Fixture       *f,
                              gconstpointer  data)
{
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  GtkWidget *create;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-client", NULL);
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  form = redress_record_dialog_get_form (dialog);
  create = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_nonnull (create);
  g_assert_true (gtk_widget_get_sensitive (create));

  fill_row (form, REDRESS_CLIENT_FAMILY_NAME, "Diallo");
  fill_row (form, REDRESS_CLIENT_GIVEN_NAMES, "Aminata");
  fill_row (form, REDRESS_CLIENT_DATE_OF_BIRTH, "1999-02-30");
  fill_row (form, REDRESS_CLIENT_UCI, "12345");
  /* Nothing is said while typing a first time */
  g_assert_false (redress_record_form_has_errors (form));
  g_assert_false (redress_record_dialog_create (dialog));
  spin (50);
  g_assert_cmpuint (count_clients (f->store), ==, 0);

  g_assert_true (redress_record_form_has_errors (form));
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_nonnull (find_error (form, REDRESS_CLIENT_DATE_OF_BIRTH, "“1999-02-30” is not a date"));
  g_assert_nonnull (find_error (form, REDRESS_CLIENT_UCI, "8 or 10 digits"));
  g_assert_true (gtk_widget_has_css_class (redress_record_form_get_row (form, REDRESS_CLIENT_UCI),
                                           "error"));
  g_assert_true (gtk_widget_has_css_class (redress_record_form_get_row (form,
                                                                        REDRESS_CLIENT_DATE_OF_BIRTH),
                                           "error"));

  /* Half corrected, the date is explained as it now stands */
  fill_row (form, REDRESS_CLIENT_DATE_OF_BIRTH, "1999-02-");
  spin (50);
  g_assert_null (find_error (form, REDRESS_CLIENT_DATE_OF_BIRTH, "“1999-02-30”"));
  g_assert_nonnull (find_error (form, REDRESS_CLIENT_DATE_OF_BIRTH, "“1999-02-”"));

  /* Corrected: the explanations go at once */
  fill_row (form, REDRESS_CLIENT_DATE_OF_BIRTH, "1999-02-28");
  spin (50);
  g_assert_null (find_error (form, REDRESS_CLIENT_DATE_OF_BIRTH, "1999"));
  g_assert_false (gtk_widget_has_css_class (redress_record_form_get_row (form,
                                                                         REDRESS_CLIENT_DATE_OF_BIRTH),
                                            "error"));
  g_assert_true (redress_record_form_has_errors (form));  /* the UCI still */
  g_assert_false (gtk_widget_get_sensitive (create));

  fill_row (form, REDRESS_CLIENT_UCI, "12-3456-7890");
  spin (50);
  g_assert_false (gtk_widget_has_css_class (redress_record_form_get_row (form, REDRESS_CLIENT_UCI),
                                            "error"));
  g_assert_null (find_error (form, REDRESS_CLIENT_UCI, ""));
  g_assert_false (redress_record_form_has_errors (form));
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_true (create == gtk_window_get_default_widget (GTK_WINDOW (dialog)));

  /* (a button activated shows itself pressed a moment, then clicks) */
  g_assert_true (gtk_widget_activate (create));
  for (guint i = 0; i < 40 && find_dialog () != NULL; i++)
    spin (50);
  g_assert_null (find_dialog ());
  g_assert_cmpuint (count_clients (f->store), ==, 1);
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

  focus = wait_for_focus (GTK_WINDOW (dialog));
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

/* The officer's notes attached while the Overview says to request them:
 * it offers to record them as received, and Undo takes that back */
static void
test_window_notes_received (Fixture       *f,
                            gconstpointer  data)
{
  const TestPdfPage pages[] = {
    { 612, 792, "GCMS notes\n\nApplication reviewed. I am not satisfied that the applicant "
                "will leave Canada at the end of the authorized stay. Refused.", FALSE },
  };
  g_autoptr(RedressCase) kase = add_case (f, "Ferreira", 20);
  g_autoptr(RedressCase) stored = NULL;
  g_autofree char *today = NULL;
  g_autofree char *requested = NULL;
  RedressCaseView *view;
  GtkWidget *offer;
  GtkWidget *undo;
  GDate date;
  gint64 id = redress_record_get_id (REDRESS_RECORD (kase));

  redress_date_today (&date);
  today = redress_date_format_iso (&date);

  /* A refusal letter is no reason to offer anything */
  redress_window_show_case (f->window, id);
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Not requested yet"));
  g_assert_null (find_button (GTK_WIDGET (view), "Record the Notes as Received"));

  view = attach_pdf (f, kase, "gcms-notes.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  redress_case_view_show_page (view, "overview");
  spin (100);
  offer = find_button (GTK_WIDGET (view), "Record the Notes as Received");
  g_assert_nonnull (offer);
  g_assert_null (find_label (GTK_WIDGET (view), "Not requested yet"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The officer’s notes are attached (gcms-notes.pdf)"));

  g_signal_emit_by_name (offer, "clicked");
  /* (the toast it replaces has time to go, as it would for a person:
   * libadwaita 1.2 aborts when a toast comes back while still going) */
  spin (600);
  stored = redress_store_get_case (f->store, id, NULL);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_RECEIVED),
                   ==, today);
  /* (the request's day is not known: the same day, to be corrected) */
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_REQUESTED),
                   ==, today);
  g_assert_null (find_button (GTK_WIDGET (view), "Record the Notes as Received"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Received on"));
  /* The form below shows the dates written */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redress_record_form_get_row (
                     REDRESS_RECORD_FORM (redress_case_view_get_form (view)),
                     REDRESS_CASE_NOTES_RECEIVED))), ==, today);

  undo = find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  spin (100);
  g_clear_object (&stored);
  stored = redress_store_get_case (f->store, id, NULL);
  g_assert_null (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_RECEIVED));
  g_assert_null (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_REQUESTED));
  g_assert_nonnull (find_button (GTK_WIDGET (view), "Record the Notes as Received"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redress_record_form_get_row (
                     REDRESS_RECORD_FORM (redress_case_view_get_form (view)),
                     REDRESS_CASE_NOTES_RECEIVED))), ==, "");

  /* Requested earlier, only the notes' arrival is recorded */
  g_date_subtract_days (&date, 10);
  requested = redress_date_format_iso (&date);
  redress_record_set_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_REQUESTED, requested);
  g_assert_true (redress_store_update_case (f->store, stored, NULL));
  redress_case_view_reload (view);
  spin (50);
  offer = find_button (GTK_WIDGET (view), "Record the Notes as Received");
  g_assert_nonnull (offer);
  g_signal_emit_by_name (offer, "clicked");
  spin (100);
  g_clear_object (&stored);
  stored = redress_store_get_case (f->store, id, NULL);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_REQUESTED),
                   ==, requested);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_NOTES_RECEIVED),
                   ==, today);
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
  /* The first field takes the focus once the dialog is shown: on a busy
   * machine, after a while */
  for (guint k = 0; k < 250; k++)
    {
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      if (focus != NULL &&
          (focus == redress_record_form_get_row (form, order[0]) ||
           gtk_widget_is_ancestor (focus, redress_record_form_get_row (form, order[0]))))
        break;
      spin (20);
    }
  /* (Another test's window on the same display may hold the keyboard:
   * what is checked here is the order Tab follows from the first field) */
  if (focus == NULL || !(focus == redress_record_form_get_row (form, order[0]) ||
                         gtk_widget_is_ancestor (focus, redress_record_form_get_row (form, order[0]))))
    {
      g_test_message ("the first field did not take the focus by itself: given it");
      gtk_widget_child_focus (redress_record_form_get_row (form, order[0]), GTK_DIR_TAB_FORWARD);
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (i > 0)
        g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      g_test_message ("stop %u: %s", i, focus ? G_OBJECT_TYPE_NAME (focus) : "none");
      g_assert_nonnull (focus);
      /* Out of the form altogether (the dialog's header), the keyboard was
       * taken away by another window on the display: the order cannot be
       * judged this time.  A wrong row inside the form still fails. */
      if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (form)))
        {
          g_test_skip ("the focus left the form: another window took the keyboard");
          gtk_window_destroy (GTK_WINDOW (dialog));
          return;
        }
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

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  GUI_TEST_ADD ("empty", test_window_empty);
  GUI_TEST_ADD ("create-invalid", test_window_create_invalid);
  GUI_TEST_ADD ("create-corrected", test_window_create_corrected);
  GUI_TEST_ADD ("create-keyboard", test_window_create_keyboard);
  GUI_TEST_ADD ("create-search", test_window_create_search);
  GUI_TEST_ADD ("edit-in-place", test_window_edit_in_place);
  GUI_TEST_ADD ("delete-undo", test_window_delete_undo);
  GUI_TEST_ADD ("notes-received", test_window_notes_received);
  GUI_TEST_ADD ("case", test_window_case);
  GUI_TEST_ADD ("case-keyboard", test_window_case_keyboard);
  GUI_TEST_ADD ("remedies", test_window_remedies);
  GUI_TEST_ADD ("start-page-deadlines", test_window_start_page_deadlines);
  GUI_TEST_ADD ("back-home", test_window_back_home);

  return gui_test_run ();
}

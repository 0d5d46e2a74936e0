/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A case's checklist (under Xvfb): drafted for the path, ticked, updated
 * when the grounds change, items edited and added, exported and
 * printed.
 */
#include "config.h"

#include "gui-test.h"
#include "redress-checklist-row.h"

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

/* The window's focus is in @row (or is @row) */
static void
assert_focus_in (Fixture   *f,
                 GtkWidget *row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* The position of the row showing @text in its list */
static int
row_index (GtkWidget  *view,
           const char *text)
{
  AdwPreferencesRow *row = find_row (view, text);

  g_assert_nonnull (row);
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
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

/* No path yet: the page lists exactly the paths the Overview shows as
 * open, each with its day to file by; choosing one drafts the checklist */
static void
test_window_checklist_choose_path (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Okafor", 20);
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(RedressCase) stored = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistView *view;
  GtkListBoxRow *restoration = NULL;
  GtkWidget *list, *child;

  /* A study permit refused in Canada 20 days ago: restoration is open,
   * judicial review (15 days) is not */
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE,
                            "study-permit-extension");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECIDED_IN_CANADA, "true");
  g_assert_true (redress_store_update_case (f->store, kase, &error));
  g_assert_no_error (error);

  /* The paths open, as the core computes them for the Overview */
  remedies = redress_remedies_compute (kase, FALSE, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < remedies->len; i++)
    {
      RedressRemedy *remedy = g_ptr_array_index (remedies, i);
      const char *path = g_str_has_prefix (remedy->code, "iad-") ? "appeal" : remedy->code;

      if (remedy->available && redress_checklist_has_path (path) &&
          !g_ptr_array_find_with_equal_func (expected, path, g_str_equal, NULL))
        g_ptr_array_add (expected, (gpointer) path);
    }
  g_assert_true (g_ptr_array_find_with_equal_func (expected, "restoration", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (expected, "judicial-review", g_str_equal,
                                                    NULL));

  view = show_checklist (f, kase);
  list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (list));
  for (child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target;
      const char *path;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), ==,
                       "checklist.choose-path");
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));
      path = g_variant_get_string (target, NULL);
      g_ptr_array_add (shown, (gpointer) path);
      if (g_strcmp0 (path, "restoration") == 0)
        {
          RedressRemedy *remedy = redress_remedies_find_for_path (remedies, "restoration");
          g_autofree char *by = redress_date_format_long (remedy->file_by);
          g_autofree char *subtitle = g_strdup_printf ("File by %s", by);

          restoration = GTK_LIST_BOX_ROW (child);
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==,
                           "Restoration of status");
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)), ==, subtitle);
        }
    }
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Go to the Overview"));

  /* Chosen there: the case takes the path, the checklist is drafted */
  g_assert_nonnull (restoration);
  g_signal_emit_by_name (restoration, "activate");
  spin (200);
  stored = redress_store_get_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CASE_PATH), ==,
                   "restoration");
  items = redress_store_list_checklist (f->store, case_id, "restoration", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  g_assert_nonnull (find_row (GTK_WIDGET (view),
                              redress_checklist_template_text ("restoration-form")));
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
  items = redress_store_list_checklist (f->store, case_id, "restoration", NULL);
  g_assert_cmpuint (redress_checklist_item_get_state (find_item (items, "bank-statements")), ==,
                    REDRESS_ITEM_RECEIVED);
  n_items = items->len;
  g_clear_pointer (&items, g_ptr_array_unref);
  /* (the item's row follows: made again for the changed item) */
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  check = find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
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
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  check = find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, NULL);
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
  focus = wait_for_focus (dialog);
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
  /* The new item has the focus */
  assert_focus_in (f, GTK_WIDGET (row));

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

/* Ticking, moving and editing an item by keyboard: its row (made again
 * for the changed item) has the focus afterwards */
static void
test_window_checklist_focus (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Okonkwo");
  RedressChecklistView *view = show_checklist (f, kase);
  const char *bank = redress_checklist_template_text ("bank-statements");
  AdwPreferencesRow *row;
  GtkWidget *check;
  GtkWindow *dialog;
  int index;

  gtk_window_present (GTK_WINDOW (f->window));
  spin (100);

  /* Space on the check box */
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (row);
  check = find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_widget_grab_focus (check));
  g_assert_true (gtk_widget_activate (check));
  spin (100);
  row = find_row (GTK_WIDGET (view), bank);
  assert_focus_in (f, GTK_WIDGET (row));
  /* (on its check box, to tick it again) */
  check = find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Alt+Down, Alt+Up: the item moves, the focus with it */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  index = row_index (GTK_WIDGET (view), bank);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "item.move-down", NULL));
  spin (100);
  g_assert_cmpint (row_index (GTK_WIDGET (view), bank), ==, index + 1);
  row = find_row (GTK_WIDGET (view), bank);
  assert_focus_in (f, GTK_WIDGET (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "item.move-up", NULL));
  spin (100);
  g_assert_cmpint (row_index (GTK_WIDGET (view), bank), ==, index);
  row = find_row (GTK_WIDGET (view), bank);
  assert_focus_in (f, GTK_WIDGET (row));

  /* Edited in its dialog: the focus is back on it when the dialog closes */
  g_signal_emit_by_name (row, "activate");
  spin (100);
  dialog = find_window ("Edit Item");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "_Note")), "Six months");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Save"), "clicked");
  spin (200);
  g_assert_null (find_window ("Edit Item"));
  row = find_row (GTK_WIDGET (view), bank);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Six months"));
  assert_focus_in (f, GTK_WIDGET (row));
}

/* An item dragged onto another of its group takes its place */
static void
test_window_checklist_drop (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Dubois");
  RedressChecklistView *view = show_checklist (f, kase);
  const char *form = redress_checklist_template_text ("restoration-form");
  AdwPreferencesRow *row, *target;
  GtkWidget *list;
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *drop = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  g_autofree char *target_title = NULL;
  guint n;

  gtk_window_present (GTK_WINDOW (f->window));
  row = find_row (GTK_WIDGET (view), form);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 0);
  list = gtk_widget_get_parent (GTK_WIDGET (row));
  n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    n++;
  g_assert_cmpuint (n, >=, 3);
  target = ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  target_title = g_strdup (adw_preferences_row_get_title (target));

  /* The drop as the drop target delivers it: the dragged item's id */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (target));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop);
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, redress_checklist_item_get_id (
                       redress_checklist_row_get_item (REDRESS_CHECKLIST_ROW (row))));
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  spin (100);
  g_assert_cmpint (row_index (GTK_WIDGET (view), form), ==, 2);
  g_assert_cmpint (row_index (GTK_WIDGET (view), target_title), ==, 1);
  assert_focus_in (f, GTK_WIDGET (find_row (GTK_WIDGET (view), form)));
  {
    g_autoptr(GPtrArray) items = redress_store_list_checklist (f->store,
                                                               redress_record_get_id (REDRESS_RECORD (kase)),
                                                               "restoration", NULL);

    g_assert_cmpstr (redress_checklist_item_get_template (g_ptr_array_index (items, 2)), ==,
                     "restoration-form");
  }
}

/* Exporting writes the PDF in a worker thread, then says so */
/* A firm profile, for a letterhead that is not blank */
static void
set_firm (Fixture *f)
{
  g_autoptr(RedressFirm) firm = redress_firm_new ();
  g_autoptr(GError) error = NULL;

  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME, "Cabinet Test");
  g_assert_true (redress_store_update_firm (f->store, firm, &error));
  g_assert_no_error (error);
}

/* The message dialog shown over the window, if any */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = NULL;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* No firm profile: the export says the letterhead will be blank before
 * writing, and offers Preferences or to export anyway */
static void
test_window_checklist_export_no_firm (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Moreau");
  RedressChecklistView *view = show_checklist (f, kase);
  g_autofree char *path = g_build_filename (f->dir, "blank.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSimpleAction) preferences = g_simple_action_new ("preferences", NULL);
  GApplication *app = g_application_get_default ();
  AdwMessageDialog *dialog;
  GtkWidget *toast = NULL;
  guint opened = 0;

  g_signal_connect (preferences, "activate", G_CALLBACK (on_preferences), &opened);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (preferences));

  /* Preferences: nothing written, Preferences opened */
  redress_checklist_view_export_pdf (view, FALSE, file);
  spin (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Letterhead Will Be Blank");
  g_assert_true (adw_message_dialog_has_response (dialog, "preferences"));
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "preferences");
  adw_message_dialog_response (dialog, "preferences");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (300);
  g_assert_cmpuint (opened, ==, 1);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_null (find_message_dialog ());

  /* Export Anyway: written */
  redress_checklist_view_export_pdf (view, FALSE, file);
  spin (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "export");
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (guint i = 0; i < 100 && toast == NULL; i++)
    {
      spin (50);
      toast = find_label (GTK_WIDGET (f->window), "Checklist exported");
    }
  g_assert_nonnull (toast);
  g_assert_true (g_file_query_exists (file, NULL));
  g_unlink (path);

  /* With a firm profile, no question */
  set_firm (f);
  redress_checklist_view_export_pdf (view, TRUE, file);
  spin (100);
  g_assert_null (find_message_dialog ());
  g_action_map_remove_action (G_ACTION_MAP (app), "preferences");
  for (guint i = 0; i < 100 && !g_file_query_exists (file, NULL); i++)
    spin (50);
  g_assert_true (g_file_query_exists (file, NULL));
  spin (200);
  g_unlink (path);
}

/* A French document: an item typed in English is reported before
 * writing; one typed in French and the templates' items are not */
static void
test_window_checklist_export_english (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_checklist_case (f, "Girard");
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  RedressChecklistView *view = show_checklist (f, kase);
  g_autofree char *path = g_build_filename (f->dir, "fr.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 id = 0;

  set_firm (f);
  g_assert_true (redress_store_add_checklist_item (f->store, case_id, "restoration", NULL,
                                                   "Lettre de l’employeur avec le salaire",
                                                   NULL, &error));
  g_assert_no_error (error);
  spin (200);

  /* French typed, templates: written without a question */
  redress_checklist_view_set_language (view, "fr");
  redress_checklist_view_export_pdf (view, FALSE, file);
  spin (100);
  g_assert_null (find_message_dialog ());
  for (guint i = 0; i < 100 && !g_file_query_exists (file, NULL); i++)
    spin (50);
  g_assert_true (g_file_query_exists (file, NULL));
  spin (200);
  g_unlink (path);

  /* Typed in English: said, and written only if the consultant goes on */
  g_assert_true (redress_store_add_checklist_item (f->store, case_id, "restoration", NULL,
                                                   "Proof of tuition paid for the next term",
                                                   &id, &error));
  g_assert_no_error (error);
  spin (200);
  redress_checklist_view_export_pdf (view, FALSE, file);
  spin (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Items Typed in English");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Proof of tuition"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (300);
  g_assert_false (g_file_query_exists (file, NULL));

  /* The same document in English: no question */
  redress_checklist_view_set_language (view, "en");
  redress_checklist_view_export_pdf (view, FALSE, file);
  spin (100);
  g_assert_null (find_message_dialog ());
  for (guint i = 0; i < 100 && !g_file_query_exists (file, NULL); i++)
    spin (50);
  g_assert_true (g_file_query_exists (file, NULL));
  spin (200);
  g_unlink (path);
}

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

  set_firm (f);
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

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  GUI_TEST_ADD ("checklist-no-path", test_window_checklist_no_path);
  GUI_TEST_ADD ("checklist-choose-path", test_window_checklist_choose_path);
  GUI_TEST_ADD ("checklist", test_window_checklist);
  GUI_TEST_ADD ("checklist-tick", test_window_checklist_tick);
  GUI_TEST_ADD ("checklist-pending", test_window_checklist_pending);
  GUI_TEST_ADD ("checklist-type-change", test_window_checklist_type_change);
  GUI_TEST_ADD ("checklist-edit", test_window_checklist_edit);
  GUI_TEST_ADD ("checklist-add-keyboard", test_window_checklist_add_keyboard);
  GUI_TEST_ADD ("checklist-focus", test_window_checklist_focus);
  GUI_TEST_ADD ("checklist-drop", test_window_checklist_drop);
  GUI_TEST_ADD ("checklist-export", test_window_checklist_export);
  GUI_TEST_ADD ("checklist-export-no-firm", test_window_checklist_export_no_firm);
  GUI_TEST_ADD ("checklist-export-english", test_window_checklist_export_english);
  GUI_TEST_ADD ("checklist-print", test_window_checklist_print);

  return gui_test_run ();
}

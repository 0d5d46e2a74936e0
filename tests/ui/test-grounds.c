/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A case's refusal grounds (under Xvfb): suggestions from the letter, and
 * a ground's passage opened in the reader across lines and pages.
 */
#include "config.h"

#include "gui-test.h"

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

/* With REDRESS_TEST_SHOTS set to a folder, @widget is saved there as
 * @name.png, to be looked at */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("REDRESS_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  spin (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* With no suggestion left, the Grounds page says what is true: before the
 * letter is attached it asks for it; once every suggestion is handled it
 * says so, and no longer asks for the letter it has */
static void
test_window_grounds_empty_state (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nassar", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nDear Applicant,\n\n"
                "I am not satisfied that you will leave Canada at the end of your stay as a "
                "temporary resident, as stipulated in paragraph 179(b) of the IRPR, based on your "
                "family ties in Canada and in your country of residence.\n\nVisa Officer", FALSE },
  };
  RedressCaseView *view;
  AdwPreferencesRow *row = NULL;
  GtkWidget *confirm;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "grounds");
  spin (100);

  /* No letter yet: it is asked for */
  row = find_row (GTK_WIDGET (view), "No suggestion");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Attach the refusal letter"));

  save_shot (GTK_WIDGET (f->window), "grounds-no-letter");
  /* The letter attached, its ground suggested, then confirmed */
  view = attach_pdf (f, kase, "refusal.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  redress_case_view_show_page (view, "grounds");
  row = NULL;
  for (guint i = 0; i < 40 && row == NULL; i++)
    {
      spin (50);
      row = find_row (GTK_WIDGET (view), "Family ties");
    }
  g_assert_nonnull (row);
  confirm = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (confirm), ==, "Confirm the ground");
  g_signal_emit_by_name (confirm, "clicked");
  spin (200);

  /* Every suggestion handled: said so, with what to do next */
  row = find_row (GTK_WIDGET (view), "Every suggestion has been handled");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Add Ground"));
  g_assert_null (find_row (GTK_WIDGET (view), "No suggestion"));
  save_shot (GTK_WIDGET (f->window), "grounds-handled");
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

/* The button of @row whose tooltip is @tooltip */
static GtkWidget *
row_button (AdwPreferencesRow *row,
            const char        *tooltip)
{
  GtkWidget *button = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);

  while (button != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip) != 0)
    button = gtk_widget_get_next_sibling (button);
  g_assert_nonnull (button);
  return button;
}

/* The window's focus is in @row (or is @row) */
static void
assert_focus_in (Fixture           *f,
                 AdwPreferencesRow *row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_nonnull (row);
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
}

/* Confirming, dismissing and restoring a ground by keyboard: its row,
 * wherever it went, has the focus afterwards */
static void
test_window_grounds_focus (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Moreau", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nDear Applicant,\n\n"
                "I am not satisfied that you will leave Canada at the end of your stay as a "
                "temporary resident, as stipulated in paragraph 179(b) of the IRPR, based on your "
                "family ties in Canada and in your country of residence.\n\n"
                "The purpose of your visit is not consistent with a temporary stay given the "
                "details you have provided in your application.\n\nVisa Officer", FALSE },
  };
  RedressCaseView *view;
  AdwPreferencesRow *row = NULL;
  GtkWidget *button;

  view = attach_pdf (f, kase, "refusal.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  redress_case_view_show_page (view, "grounds");
  for (guint i = 0; i < 40 && row == NULL; i++)
    {
      spin (50);
      row = find_row (GTK_WIDGET (view), "Purpose of the visit");
    }
  g_assert_nonnull (row);
  gtk_window_present (GTK_WINDOW (f->window));

  /* Enter on Confirm: the ground moves to the confirmed ones, focused */
  button = row_button (row, "Confirm the ground");
  g_assert_true (gtk_widget_grab_focus (button));
  g_assert_true (gtk_widget_activate (button));
  spin (400);  /* (a button pressed by keyboard clicks after its feedback) */
  row = find_row (GTK_WIDGET (view), "Purpose of the visit");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP))), ==,
                   "Confirmed Grounds");
  assert_focus_in (f, row);

  /* Dismissed, then restored */
  button = row_button (row, "Dismiss the ground");
  g_assert_true (gtk_widget_grab_focus (button));
  g_assert_true (gtk_widget_activate (button));
  spin (400);  /* (a button pressed by keyboard clicks after its feedback) */
  row = find_row (GTK_WIDGET (view), "Purpose of the visit");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP))), ==,
                   "Dismissed");
  assert_focus_in (f, row);
  button = row_button (row, "Restore the suggestion");
  g_assert_true (gtk_widget_activate (button));
  spin (400);  /* (a button pressed by keyboard clicks after its feedback) */
  row = find_row (GTK_WIDGET (view), "Purpose of the visit");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP))), ==,
                   "Suggested from the Letter and Notes");
  assert_focus_in (f, row);
  /* (the other ground stayed where it was) */
  g_assert_nonnull (find_row (GTK_WIDGET (view), "Family ties"));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  GUI_TEST_ADD ("grounds", test_window_grounds);
  GUI_TEST_ADD ("grounds-passage", test_window_grounds_passage);
  GUI_TEST_ADD ("grounds-empty-state", test_window_grounds_empty_state);
  GUI_TEST_ADD ("grounds-focus", test_window_grounds_focus);

  return gui_test_run ();
}

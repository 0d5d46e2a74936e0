/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The reader opening a stored document: its first page shows at once from
 * the preview the import stored, before the PDF worker has answered, and
 * is swapped for the sharp page when drawn; on a scanned page, Find
 * highlights the word where it is on the image and a selection copies the
 * recognised text.
 */
#include "config.h"

#include <math.h>

#include "gui-test.h"
#include "redress-pdf-page-widget.h"

/* Spins until @cond holds, @seconds at most (generous: a busy machine
 * runs the PDF reader's process slowly) */
#define WAIT_FOR(cond, seconds)                                                 \
  G_STMT_START {                                                                \
    gint64 wait_end_ = g_get_monotonic_time () + (gint64) (seconds) * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < wait_end_)                      \
      spin (20);                                                                \
  } G_STMT_END

static RedressPdfView *
reader_of (RedressCaseView *view)
{
  return REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (
                             redress_case_view_get_documents (view)));
}

/* For looking at it: the window as drawn, to $REDRESS_READER_SHOT
 * (@suffix, if given, before its extension) */
static void
maybe_shoot_as (Fixture    *f,
                const char *suffix)
{
  const char *shot = g_getenv ("REDRESS_READER_SHOT");
  g_autofree char *path = NULL;
  g_autofree char *import = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  if (shot == NULL)
    return;
  if (suffix == NULL)
    path = g_strdup (shot);
  else if (g_str_has_suffix (shot, ".png"))
    path = g_strdup_printf ("%.*s-%s.png", (int) strlen (shot) - 4, shot, suffix);
  else
    path = g_strdup_printf ("%s-%s", shot, suffix);
  /* The screen as the X server has it, when ImageMagick can take it */
  import = g_find_program_in_path ("import");
  if (import != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s", path);

      spin (300);
      if (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
        return;
    }
  /* (what the window shows: a paintable of the window itself is empty) */
  width = gtk_widget_get_width (gtk_window_get_child (GTK_WINDOW (f->window)));
  height = gtk_widget_get_height (gtk_window_get_child (GTK_WINDOW (f->window)));
  paintable = gtk_widget_paintable_new (gtk_window_get_child (GTK_WINDOW (f->window)));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
maybe_shoot (Fixture *f)
{
  maybe_shoot_as (f, NULL);
}

/* Opened with a reader slow to start: its first pages show already, from
 * the stored previews, then sharp */
static void
test_reader_preview_first (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "The officer's notes, page one.", FALSE },
    { 612, 792, "Page two.", FALSE },
    { 612, 792, "Page three.", FALSE },
    { 612, 792, "Page four.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;
  gint64 start;

  g_setenv ("REDRESS_PDF_WORKER_SERVE_DELAY_MS", "3000", TRUE);
  start = g_get_monotonic_time ();
  view = attach_pdf (f, kase, "notes.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  for (guint i = 0; i < 100 && redress_pdf_view_get_n_previews (reader) == 0; i++)
    spin (20);
  g_unsetenv ("REDRESS_PDF_WORKER_SERVE_DELAY_MS");
  /* The reader has not answered yet: every page laid out from the store,
   * the first ones shown from their previews, none drawn */
  g_assert_cmpuint (redress_pdf_view_get_n_previews (reader), ==, 3);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 4);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3000 * 1000);

  /* Then the sharp page arrives and takes its place */
  for (guint i = 0; i < 300 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 4);
}

/* A scanned page: Find highlights the word on the image, where the text
 * PDF the scan was made from has it; a selection copies the OCR text */
static void
test_reader_scan_find (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Okafor", 10);
  const TestPdfPage page = {
    612, 792, "Your application for a visitor visa was refused after careful review.", FALSE
  };
  g_autofree char *scan = NULL;
  g_autofree char *truth_path = g_build_filename (f->dir, "truth.pdf", NULL);
  g_autofree char *truth_uri = NULL;
  g_autoptr(GFile) file = NULL;
  PopplerDocument *truth;
  PopplerPage *truth_page;
  g_autofree char *selected = NULL;
  GList *found;
  PopplerRectangle *word;
  RedressCaseView *view;
  RedressPdfView *reader;
  RedressPdfRect hit = { 0, };
  double width, height;
  guint hit_page = 99;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = test_pdf_write_scan (f->dir, "scanned-letter", &page, 1, 0);
  test_pdf_write_cairo (truth_path, &page, 1);
  truth_uri = g_filename_to_uri (truth_path, NULL, NULL);
  truth = poppler_document_new_from_file (truth_uri, NULL, NULL);
  g_assert_nonnull (truth);
  truth_page = poppler_document_get_page (truth, 0);
  poppler_page_get_size (truth_page, &width, &height);
  found = poppler_page_find_text (truth_page, "visitor");
  g_assert_cmpuint (g_list_length (found), ==, 1);
  word = found->data;
  g_object_unref (truth_page);
  g_object_unref (truth);

  file = g_file_new_for_path (scan);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  redress_documents_view_attach (redress_case_view_get_documents (view), file,
                                 REDRESS_DOCUMENT_REFUSAL_LETTER);
  reader = reader_of (view);
  for (guint i = 0; i < 1200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);

  redress_pdf_view_search (reader, "Visitor");
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_matches (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
  g_assert_true (redress_pdf_view_get_current_match (reader, &hit_page, &hit));
  g_assert_cmpuint (hit_page, ==, 0);
  /* On the word as the text PDF has it (poppler: origin at the bottom
   * left), within a few points */
  g_assert_cmpfloat (fabs (hit.x1 - MIN (word->x1, word->x2)), <, 4);
  g_assert_cmpfloat (fabs (hit.x2 - MAX (word->x1, word->x2)), <, 4);
  g_assert_cmpfloat (fabs (hit.y1 - (height - MAX (word->y1, word->y2))), <, 4);
  g_assert_cmpfloat (fabs (hit.y2 - (height - MIN (word->y1, word->y2))), <, 4);
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  spin (300);
  maybe_shoot (f);

  /* A selection around the word copies what OCR read there */
  redress_pdf_view_select_area (reader, 0, hit.x1 - 2, hit.y1 - 2, hit.x2 + 2, hit.y2 + 2);
  for (guint i = 0; i < 100 && redress_pdf_view_get_selection_page (reader) < 0; i++)
    spin (20);
  selected = redress_pdf_view_dup_selection (reader);
  g_assert_cmpstr (selected, ==, "visitor");
  /* Drawn on that word only */
  g_assert_nonnull (redress_pdf_view_get_selection_lines (reader));
  g_assert_cmpuint (redress_pdf_view_get_selection_lines (reader)->len, ==, 1);
  {
    RedressPdfRect drawn = g_array_index (redress_pdf_view_get_selection_lines (reader), RedressPdfRect, 0);

    g_assert_cmpfloat (fabs (drawn.x1 - hit.x1), <, 4);
    g_assert_cmpfloat (fabs (drawn.x2 - hit.x2), <, 4);
  }
}

/* The reader's widget showing @index, or NULL when it is not in the list */
static RedressPdfPageWidget *
page_widget (GtkWidget *root,
             int        index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RedressPdfPageWidget *found;

      if (REDRESS_IS_PDF_PAGE_WIDGET (child) &&
          redress_pdf_page_widget_get_index (REDRESS_PDF_PAGE_WIDGET (child)) == index)
        return REDRESS_PDF_PAGE_WIDGET (child);
      found = page_widget (child, index);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Reload button inside page @index, if it shows */
static GtkWidget *
shown_reload (RedressPdfView *reader,
              int             index)
{
  RedressPdfPageWidget *page = page_widget (GTK_WIDGET (reader), index);
  GtkWidget *button;

  if (page == NULL)
    return NULL;
  button = find_button (gtk_widget_get_parent (GTK_WIDGET (page)), "_Reload");
  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

/* What the label beside Find says */
static const char *
match_text (RedressPdfView *reader)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (reader), GTK_TYPE_SEARCH_ENTRY, "Find");

  for (GtkWidget *next = gtk_widget_get_next_sibling (entry); next != NULL;
       next = gtk_widget_get_next_sibling (next))
    {
      GtkWidget *found = GTK_IS_LABEL (next) ? next : find_widget (next, GTK_TYPE_LABEL, NULL);

      if (found != NULL)
        return gtk_label_get_text (GTK_LABEL (found));
    }
  return NULL;
}

/* A page that ends the reader's process says so inside the page, with a
 * Reload button that draws it once it can; Find says when it could not
 * search, and searches again on Enter */
static void
test_reader_page_failed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "This page crashes the reader.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;
  GtkWidget *reload, *entry;

  g_setenv ("REDRESS_PDF_WORKER_CRASH_PAGE", "1", TRUE);
  view = attach_pdf (f, kase, "hostile.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  WAIT_FOR (redress_pdf_view_get_n_pages (reader) == 1, 20);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 1);
  WAIT_FOR (shown_reload (reader, 0) != NULL, 30);
  reload = shown_reload (reader, 0);
  g_assert_nonnull (reload);
  g_assert_nonnull (find_label (gtk_widget_get_parent (reload), "This page could not be drawn."));
  /* White under the message: no stored preview or earlier render left */
  g_assert_null (redress_pdf_view_get_page_texture (reader, 0, NULL));
  maybe_shoot_as (f, "failed");

  /* Find while the reader cannot start again (slower to open than it
   * may take): it says it could not search */
  g_setenv ("REDRESS_PDF_WORKER_SERVE_DELAY_MS", "20000", TRUE);
  g_setenv ("REDRESS_PDF_SERVER_TIMEOUT_MS", "300", TRUE);
  entry = find_widget (GTK_WIDGET (reader), GTK_TYPE_SEARCH_ENTRY, "Find");
  g_assert_true (gtk_widget_is_sensitive (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "crashes");
  WAIT_FOR (g_strcmp0 (match_text (reader), "Could not search") == 0, 30);
  g_assert_cmpstr (match_text (reader), ==, "Could not search");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 0);
  maybe_shoot_as (f, "find-failed");
  g_unsetenv ("REDRESS_PDF_WORKER_SERVE_DELAY_MS");
  g_unsetenv ("REDRESS_PDF_SERVER_TIMEOUT_MS");
  g_unsetenv ("REDRESS_PDF_WORKER_CRASH_PAGE");

  /* Enter in Find: searched again, found */
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (redress_pdf_view_get_n_matches (reader) == 1, 30);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
  g_assert_cmpstr (match_text (reader), ==, "1 of 1");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* Reload: drawn, the message gone */
  reload = shown_reload (reader, 0);
  g_assert_nonnull (reload);
  g_signal_emit_by_name (reload, "clicked");
  WAIT_FOR (redress_pdf_view_get_page_texture (reader, 0, NULL) != NULL, 30);
  g_assert_nonnull (redress_pdf_view_get_page_texture (reader, 0, NULL));
  spin (100);
  g_assert_null (shown_reload (reader, 0));
}

/* Find on a clean one-page letter never fails: asked before the reader
 * has opened it, again and again while it zooms */
static void
test_reader_find_letter (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Okafor", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Dear applicant,\nYour application for a visitor visa has been refused.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;

  view = attach_pdf (f, kase, "letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  reader = reader_of (view);
  redress_pdf_view_search (reader, "visitor");
  WAIT_FOR (redress_pdf_view_get_n_matches (reader) == 1, 30);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);

  for (guint i = 0; i < 12; i++)
    {
      const char *words[] = { "refused", "Visitor", "applicant" };

      redress_pdf_view_set_zoom (reader, 0.8 + 0.15 * i);
      redress_pdf_view_search (reader, words[i % 3]);
      WAIT_FOR (redress_pdf_view_get_n_matches (reader) == 1 ||
                g_strcmp0 (match_text (reader), "Could not search") == 0, 30);
      g_assert_cmpstr (match_text (reader), ==, "1 of 1");
      g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
    }
}

/* Whether the middle of @box is inside one of @lines */
static gboolean
covered (const PopplerRectangle *box,
         GArray                 *lines)
{
  double x = (box->x1 + box->x2) / 2, y = (box->y1 + box->y2) / 2;

  for (guint i = 0; i < lines->len; i++)
    {
      const RedressPdfRect *line = &g_array_index (lines, RedressPdfRect, i);

      if (x >= line->x1 && x <= line->x2 && y >= line->y1 && y <= line->y2)
        return TRUE;
    }
  return FALSE;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* Dragging across lines selects the text in its flow; what is drawn
 * selected is exactly what is copied */
/* A drag with the mouse from @x1, @y1 to @x2, @y2 on the page of @drag */
static void
drag_over (GtkGesture *drag,
           double      x1,
           double      y1,
           double      x2,
           double      y2)
{
  g_signal_emit_by_name (drag, "drag-begin", x1, y1);
  for (guint step = 1; step <= 8; step++)
    {
      g_signal_emit_by_name (drag, "drag-update", (x2 - x1) * step / 8, (y2 - y1) * step / 8);
      spin (10);
    }
  g_signal_emit_by_name (drag, "drag-end", x2 - x1, y2 - y1);
}

static gboolean
selection_is (RedressPdfView *reader,
              const char     *text)
{
  g_autofree char *selected = redress_pdf_view_dup_selection (reader);

  return g_strcmp0 (selected, text) == 0;
}

static gboolean
selection_has (RedressPdfView *reader,
               const char     *needle)
{
  g_autofree char *selected = redress_pdf_view_dup_selection (reader);

  return selected != NULL && strstr (selected, needle) != NULL;
}

static void
test_reader_selection_drawn (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Alpha bravo charlie delta\nEcho foxtrot golf hotel\nIndia juliet kilo lima\n"
                "Mike november oscar papa", FALSE },
  };
  g_autofree char *path = g_build_filename (f->dir, "words.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *backwards = NULL;
  g_autoptr(GString) drawn = g_string_new (NULL);
  g_autoptr(GString) wanted = g_string_new (NULL);
  g_autoptr(GListModel) controllers = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  PopplerRectangle *boxes = NULL, from = { 0, }, to = { 0, };
  guint n_boxes = 0;
  GList *found;
  GtkGesture *drag = NULL;
  RedressPdfPageWidget *widget;
  RedressCaseView *view;
  RedressPdfView *reader;
  GArray *lines;
  double zoom, height, width, start_x, start_y, end_x, end_y;
  const char *p;

  view = attach_pdf (f, kase, "words.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  WAIT_FOR (redress_pdf_view_get_n_rendered (reader) > 0, 30);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >, 0);

  /* Where poppler has the words and each character */
  uri = g_filename_to_uri (path, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (document);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  found = poppler_page_find_text (page, "charlie");
  g_assert_cmpuint (g_list_length (found), ==, 1);
  from = *(PopplerRectangle *) found->data;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  found = poppler_page_find_text (page, "kilo");
  g_assert_cmpuint (g_list_length (found), ==, 1);
  to = *(PopplerRectangle *) found->data;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  g_object_unref (page);
  g_object_unref (document);

  /* A drag from the start of "charlie" to the end of "kilo", as the
   * mouse makes it on the page (find_text's boxes: origin bottom left) */
  widget = page_widget (GTK_WIDGET (reader), 0);
  g_assert_nonnull (widget);
  zoom = redress_pdf_view_get_zoom (reader);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);
  start_x = (MIN (from.x1, from.x2) + 1) * zoom;
  start_y = (height - (from.y1 + from.y2) / 2) * zoom;
  end_x = (MAX (to.x1, to.x2) - 1) * zoom;
  end_y = (height - (to.y1 + to.y2) / 2) * zoom;
  drag_over (drag, start_x, start_y, end_x, end_y);
  WAIT_FOR (redress_pdf_view_get_selection_page (reader) == 0, 20);
  g_assert_cmpint (redress_pdf_view_get_selection_page (reader), ==, 0);
  selected = redress_pdf_view_dup_selection (reader);
  lines = redress_pdf_view_get_selection_lines (reader);
  g_assert_nonnull (lines);
  /* From the first line to the third, in the flow of the text */
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_true (g_str_has_prefix (selected, "charlie delta"));
  g_assert_true (g_str_has_suffix (selected, "juliet kilo"));
  g_assert_nonnull (strstr (selected, "Echo foxtrot golf hotel"));

  /* The characters whose boxes the drawn selection covers are the text
   * selected, white space aside */
  p = text;
  for (guint i = 0; i < n_boxes && *p != '\0'; i++, p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && covered (&boxes[i], lines))
      g_string_append_unichar (drawn, g_utf8_get_char (p));
  for (p = selected; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (wanted, g_utf8_get_char (p));
  g_assert_cmpstr (drawn->str, ==, wanted->str);
  g_free (boxes);

  /* Copy puts that very text on the clipboard */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "pdf.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (reader)), NULL,
                                 on_clipboard_text, &copied);
  WAIT_FOR (copied != NULL, 10);
  g_assert_cmpstr (copied, ==, selected);
  maybe_shoot_as (f, "selection");

  /* The same drag made backwards, from the end of "kilo" up to the start
   * of "charlie", selects the same text (once a click in the margin has
   * taken the first selection away) */
  drag_over (drag, 1.0, 1.0, 1.0, 1.0);
  WAIT_FOR (!selection_is (reader, selected), 20);
  g_assert_false (selection_is (reader, selected));
  drag_over (drag, end_x, end_y, start_x, start_y);
  WAIT_FOR (selection_is (reader, selected), 20);
  backwards = redress_pdf_view_dup_selection (reader);
  g_assert_cmpstr (backwards, ==, selected);

  /* Up and to the right, from the third line under "charlie" to the first
   * line above the end of "kilo": the text between those two points in its
   * flow (not the rectangle's corners, which would give the first
   * selection again) */
  drag_over (drag, 1.0, 1.0, 1.0, 1.0);
  WAIT_FOR (!selection_is (reader, selected), 20);
  drag_over (drag, start_x, end_y, end_x, start_y);
  WAIT_FOR (selection_has (reader, "India") && !selection_is (reader, selected), 20);
  g_free (backwards);
  backwards = redress_pdf_view_dup_selection (reader);
  g_assert_nonnull (backwards);
  g_test_message ("selected up and to the right: %s", backwards);
  g_assert_nonnull (strstr (backwards, "Echo foxtrot golf hotel"));
  g_assert_cmpstr (backwards, !=, selected);
  g_assert_false (g_str_has_suffix (backwards, "kilo"));
  g_assert_false (g_str_has_prefix (backwards, "charlie"));

  /* A click lets it go */
  g_signal_emit_by_name (drag, "drag-begin", 10.0, 10.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpint (redress_pdf_view_get_selection_page (reader), ==, -1);
  g_assert_null (redress_pdf_view_get_selection_lines (reader));
}

/* The height of pages 0 … @page - 1 with their spacing, at @zoom */
static double
expected_top (guint  page,
              double zoom,
              double height)
{
  return page * (ceil (height * zoom) + 12);
}

/* "Go to page" puts the page's top at the top of the view */
static void
test_reader_go_to_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  TestPdfPage pages[10];
  g_autofree char *texts[10] = { NULL, };
  RedressCaseView *view;
  RedressPdfView *reader;
  GtkAdjustment *vadjustment;
  GtkWidget *scroller, *entry, *list;
  RedressPdfPageWidget *fifth;
  graphene_point_t top;
  double zoom;

  for (guint i = 0; i < 10; i++)
    {
      texts[i] = g_strdup_printf ("Page %u of the notes.", i + 1);
      pages[i] = (TestPdfPage) { 612, 792, texts[i], FALSE };
    }
  view = attach_pdf (f, kase, "notes.pdf", pages, 10, REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  WAIT_FOR (redress_pdf_view_get_n_rendered (reader) > 0, 30);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 10);
  spin (200);
  list = find_widget (GTK_WIDGET (reader), GTK_TYPE_LIST_VIEW, NULL);
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Typed in the page field, as a consultant does */
  entry = find_widget (GTK_WIDGET (reader), GTK_TYPE_ENTRY, NULL);
  while (entry != NULL && GTK_IS_SEARCH_ENTRY (entry))
    entry = NULL;
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "5");
  g_signal_emit_by_name (entry, "activate");
  zoom = redress_pdf_view_get_zoom (reader);
  WAIT_FOR (fabs (gtk_adjustment_get_value (vadjustment) - expected_top (4, zoom, 792)) < 0.5, 10);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment),
                                  expected_top (4, zoom, 792), 0.5);
  g_assert_cmpuint (redress_pdf_view_get_page (reader), ==, 4);
  /* And on the screen: page 5's top edge is the view's top edge */
  spin (100);
  fifth = page_widget (GTK_WIDGET (reader), 4);
  g_assert_nonnull (fifth);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fifth), list, &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (fabs (top.y), <, 1);

  /* At another zoom too, through the API */
  redress_pdf_view_set_zoom (reader, 0.9);
  spin (100);
  redress_pdf_view_go_to_page (reader, 7);
  WAIT_FOR (fabs (gtk_adjustment_get_value (vadjustment) - expected_top (7, 0.9, 792)) < 0.5, 10);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment), expected_top (7, 0.9, 792), 0.5);
  g_assert_cmpuint (redress_pdf_view_get_page (reader), ==, 7);
}

/* The button of @action under @root */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean assert_controls (RedressPdfView *reader, gboolean sensitive, gboolean check);

/* Whether the reader's page, zoom and Find controls can be used, as
 * @sensitive says: asserted, once they follow (a button follows its
 * action's state a moment later) */
static void
check_controls (RedressPdfView *reader,
                gboolean        sensitive)
{
  WAIT_FOR (assert_controls (reader, sensitive, FALSE), 10);
  assert_controls (reader, sensitive, TRUE);
}

/* @check: asserted; else %FALSE when one is not yet as @sensitive says */
static gboolean
assert_controls (RedressPdfView *reader,
                 gboolean        sensitive,
                 gboolean        check)
{
  GtkWidget *search = find_widget (GTK_WIDGET (reader), GTK_TYPE_SEARCH_ENTRY, "Find");
  GtkWidget *entry = find_widget (GTK_WIDGET (reader), GTK_TYPE_ENTRY, NULL);
  const char *actions[] = { "pdf.zoom-in", "pdf.zoom-out", "pdf.zoom-fit" };
  GPtrArray *controls = g_ptr_array_new ();
  gboolean as_said = TRUE;

  g_assert_nonnull (search);
  g_assert_nonnull (entry);
  g_assert_false (GTK_IS_SEARCH_ENTRY (entry));
  g_ptr_array_add (controls, search);
  g_ptr_array_add (controls, entry);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_ptr_array_add (controls, find_action_button (GTK_WIDGET (reader), actions[i]));
  /* Previous and next match: never without a document */
  if (!sensitive)
    {
      g_ptr_array_add (controls, find_action_button (GTK_WIDGET (reader), "pdf.next-match"));
      g_ptr_array_add (controls, find_action_button (GTK_WIDGET (reader), "pdf.previous-match"));
    }
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);

      g_assert_nonnull (control);
      if (check)
        g_assert_cmpint (gtk_widget_is_sensitive (control), ==, sensitive);
      as_said = as_said && gtk_widget_is_sensitive (control) == sensitive;
    }
  g_ptr_array_unref (controls);
  return as_said;
}

/* With no document open, nothing in the reader's toolbar can be used;
 * with one, everything can; with it closed, nothing again */
static void
test_reader_controls_idle (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Notes.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  spin (100);
  reader = reader_of (view);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 0);
  check_controls (reader, FALSE);

  view = attach_pdf (f, kase, "notes.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  WAIT_FOR (redress_pdf_view_get_n_pages (reader) == 1, 30);
  check_controls (reader, TRUE);
  /* No hits yet: nothing to go to */
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (reader), "pdf.next-match")));
  redress_pdf_view_search (reader, "Notes");
  WAIT_FOR (redress_pdf_view_get_n_matches (reader) == 1, 30);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
  /* (a button follows its action's state a moment later) */
  WAIT_FOR (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (reader), "pdf.next-match")), 10);
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (reader), "pdf.next-match")));

  redress_pdf_view_clear (reader);
  check_controls (reader, FALSE);
}

static void
busy_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_usleep (200 * 1000);
  g_task_return_boolean (task, TRUE);
}

static void
on_busy_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

/* Once a zoom ends, the page shows a render made at that zoom, one
 * texture pixel a screen pixel (never the old render scaled up), at
 * 100 %, 133 % and 175 % as shown, and after quick zooms in a row */
static void
test_reader_sharp_after_zoom (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "The officer was not satisfied that the applicant would leave Canada "
                "at the end of the stay. Quick brown foxes jump over lazy dogs: "
                "ggg yyy ppp qqq jjj ||| ÉÀÇ.", FALSE },
  };
  const double percents[] = { 100, 133, 175 };
  RedressCaseView *view;
  RedressPdfView *reader;
  RedressPdfPageWidget *widget;
  int scale_factor;

  view = attach_pdf (f, kase, "notes.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = reader_of (view);
  WAIT_FOR (redress_pdf_view_get_n_rendered (reader) > 0, 30);
  widget = page_widget (GTK_WIDGET (reader), 0);
  g_assert_nonnull (widget);
  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (widget));
  /* The reader idle while the app's other threads come and go (GLib's
   * shared threads end when too many are idle): its process lives on */
  spin (1500);
  {
    guint done = 0;

    for (guint i = 0; i < 8; i++)
      {
        g_autoptr(GTask) task = g_task_new (NULL, NULL, on_busy_done, &done);

        g_task_run_in_thread (task, busy_thread);
      }
    WAIT_FOR (done == 8, 30);
    g_assert_cmpuint (done, ==, 8);
    spin (1500);
  }

  for (guint step = 0; step < G_N_ELEMENTS (percents) + 1; step++)
    {
      double zoom;
      GdkTexture *texture = NULL;
      double scale = 0;
      g_autofree char *name = NULL;

      if (step < G_N_ELEMENTS (percents))
        redress_pdf_view_set_zoom (reader, percents[step] / 100 * 96 / 72);
      else
        /* Three steps in a row, without waiting */
        for (guint k = 0; k < 3; k++)
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "pdf.zoom-in", NULL));
      zoom = redress_pdf_view_get_zoom (reader);
      WAIT_FOR ((texture = redress_pdf_view_get_page_texture (reader, 0, &scale)) != NULL &&
                fabs (scale - zoom * scale_factor) < 0.001 &&
                gtk_widget_get_width (GTK_WIDGET (widget)) == (int) ceil (612 * zoom), 30);
      g_assert_nonnull (texture);
      g_assert_cmpfloat_with_epsilon (scale, zoom * scale_factor, 0.001);
      /* One texture pixel a device pixel of the page as laid out */
      g_assert_cmpint (gdk_texture_get_width (texture), ==,
                       gtk_widget_get_width (GTK_WIDGET (widget)) * scale_factor);
      g_assert_cmpint (gdk_texture_get_height (texture), ==,
                       gtk_widget_get_height (GTK_WIDGET (widget)) * scale_factor);
      spin (100);
      name = g_strdup_printf ("zoom-%d", (int) round (zoom * 100 * 72 / 96));
      maybe_shoot_as (f, name);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return 0;
  GUI_TEST_ADD ("reader/preview-first", test_reader_preview_first);
  GUI_TEST_ADD ("reader/scan-find", test_reader_scan_find);
  GUI_TEST_ADD ("reader/page-failed", test_reader_page_failed);
  GUI_TEST_ADD ("reader/find-letter", test_reader_find_letter);
  GUI_TEST_ADD ("reader/selection-drawn", test_reader_selection_drawn);
  GUI_TEST_ADD ("reader/go-to-page", test_reader_go_to_page);
  GUI_TEST_ADD ("reader/controls-idle", test_reader_controls_idle);
  GUI_TEST_ADD ("reader/sharp-after-zoom", test_reader_sharp_after_zoom);
  return gui_test_run ();
}

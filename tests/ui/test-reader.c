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

static RedressPdfView *
reader_of (RedressCaseView *view)
{
  return REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (
                             redress_case_view_get_documents (view)));
}

/* For looking at it: the window as drawn, to $REDRESS_READER_SHOT */
static void
maybe_shoot (Fixture *f)
{
  const char *path = g_getenv ("REDRESS_READER_SHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  if (path == NULL)
    return;
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
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
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return 0;
  GUI_TEST_ADD ("reader/preview-first", test_reader_preview_first);
  GUI_TEST_ADD ("reader/scan-find", test_reader_scan_find);
  return gui_test_run ();
}

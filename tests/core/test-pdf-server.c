/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-pdf-server.h"
#include "test-pdf-util.h"
#include "test-util.h"

/*
 * The reader's PDF server (redress-pdf-worker --serve): pages measured,
 * drawn, searched and their text selected in a process of its own; a
 * password asked for; a page that crashes the reader or hangs it stops
 * that process only, with a clear error, and the document can be opened
 * again.
 */

static GBytes *
write_pdf (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const TestPdfPage pages[] = {
    { 612, 792, "First page: the refusal letter.", FALSE },
    { 595, 842, "Second page: your family ties in Canada.", FALSE },
  };
  g_autoptr(GMappedFile) file = NULL;

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  file = g_mapped_file_new (path, FALSE, NULL);
  g_assert_nonnull (file);
  return g_mapped_file_get_bytes (file);
}

static guint
count_ink (GBytes *pixels,
           int     width,
           int     height,
           int     stride)
{
  const guint8 *data = g_bytes_get_data (pixels, NULL);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if ((pixel & 0xff) < 128)
          n++;
      }
  return n;
}

static void
test_serve (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GBytes) pdf = write_pdf (dir, "letter.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressPdfServer) server = redress_pdf_server_open (pdf, NULL, &error);
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *text = NULL;
  RedressPdfRect area = { 0, 0, 612, 792 };
  RedressPdfRect *rect;
  double w, h;
  int width = 0, height = 0, stride = 0;

  g_assert_no_error (error);
  g_assert_true (redress_pdf_server_is_alive (server));
  g_assert_cmpuint (redress_pdf_server_get_n_pages (server), ==, 2);
  redress_pdf_server_get_page_size (server, 1, &w, &h);
  g_assert_cmpfloat (w, ==, 595);
  g_assert_cmpfloat (h, ==, 842);

  pixels = redress_pdf_server_render (server, 0, 2.0, &width, &height, &stride, &error);
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, 1224);
  g_assert_cmpint (height, ==, 1584);
  g_assert_cmpint (stride, >=, width * 4);
  g_assert_cmpuint (g_bytes_get_size (pixels), ==, (gsize) stride * height);
  g_assert_cmpuint (count_ink (pixels, width, height, stride), >, 100);

  matches = redress_pdf_server_find (server, "family ties", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (matches, 0))->len, ==, 0);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (matches, 1))->len, ==, 1);
  rect = &g_array_index ((GArray *) g_ptr_array_index (matches, 1), RedressPdfRect, 0);
  /* Top-left origin: near the top of the page, where the text is */
  g_assert_cmpfloat (rect->y1, <, 200);
  g_assert_cmpfloat (rect->x2, >, rect->x1);

  text = redress_pdf_server_get_text_in_area (server, 1, &area, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "family ties in Canada"));

  /* A page that does not exist: refused, the server goes on */
  g_clear_pointer (&pixels, g_bytes_unref);
  pixels = redress_pdf_server_render (server, 7, 1.0, &width, &height, &stride, &error);
  g_assert_null (pixels);
  g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_PAGE_UNREADABLE);
  g_clear_error (&error);
  g_assert_true (redress_pdf_server_is_alive (server));

  g_clear_pointer (&server, redress_pdf_server_free);
  test_remove_tree (dir);
}

/* Not a PDF, a protected one: the same errors as the import */
static void
test_refusals (void)
{
  g_autoptr(GBytes) junk = g_bytes_new_static ("<html>Not found</html>", 22);
  g_autofree char *corpus = test_corpus_dir ();
  g_autoptr(GError) error = NULL;
  RedressPdfServer *server;

  server = redress_pdf_server_open (junk, NULL, &error);
  g_assert_null (server);
  g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF);
  g_clear_error (&error);

  if (corpus == NULL)
    {
      g_test_skip ("no corpus");
      return;
    }
  {
    g_autofree char *path = g_build_filename (corpus, "enc_user-openpassword.pdf", NULL);
    g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
    g_autoptr(GBytes) pdf = NULL;
    g_autoptr(RedressPdfServer) open = NULL;

    g_assert_nonnull (file);
    pdf = g_mapped_file_get_bytes (file);
    g_assert_null (redress_pdf_server_open (pdf, NULL, &error));
    g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NEEDS_PASSWORD);
    g_clear_error (&error);
    g_assert_null (redress_pdf_server_open (pdf, "guess", &error));
    g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
    open = redress_pdf_server_open (pdf, "openpassword", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (redress_pdf_server_get_n_pages (open), >=, 1);
  }
}

/* A page that crashes the reader, one that hangs it: that process ends,
 * with a clear error; this one goes on, and the document opens again */
static void
test_crash_and_hang (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GBytes) pdf = write_pdf (dir, "letter.pdf");
  const char *hooks[] = { "REDRESS_PDF_WORKER_CRASH_PAGE", "REDRESS_PDF_WORKER_HANG_PAGE" };
  const int codes[] = { REDRESS_PDF_ERROR_FAILED, REDRESS_PDF_ERROR_TIMED_OUT };

  g_setenv ("REDRESS_PDF_SERVER_TIMEOUT_MS", "1500", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (hooks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RedressPdfServer) server = NULL;
      g_autoptr(GBytes) pixels = NULL;
      g_autoptr(GBytes) again = NULL;
      int width, height, stride;
      gint64 start;

      g_setenv (hooks[i], "2", TRUE);
      server = redress_pdf_server_open (pdf, NULL, &error);
      g_assert_no_error (error);
      pixels = redress_pdf_server_render (server, 0, 1.0, &width, &height, &stride, &error);
      g_assert_no_error (error);
      g_clear_pointer (&pixels, g_bytes_unref);

      start = g_get_monotonic_time ();
      pixels = redress_pdf_server_render (server, 1, 1.0, &width, &height, &stride, &error);
      g_assert_null (pixels);
      g_assert_error (error, REDRESS_PDF_ERROR, codes[i]);
      g_test_message ("%s: %s (%.1f s)", hooks[i], error->message,
                      (g_get_monotonic_time () - start) / 1e6);
      g_clear_error (&error);
      g_assert_false (redress_pdf_server_is_alive (server));
      /* Gone: every request says so, none blocks */
      g_assert_null (redress_pdf_server_find (server, "ties", &error));
      g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED);
      g_clear_error (&error);

      /* Opened again, the other pages show */
      g_clear_pointer (&server, redress_pdf_server_free);
      server = redress_pdf_server_open (pdf, NULL, &error);
      g_assert_no_error (error);
      again = redress_pdf_server_render (server, 0, 1.0, &width, &height, &stride, &error);
      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_unsetenv (hooks[i]);
    }
  g_unsetenv ("REDRESS_PDF_SERVER_TIMEOUT_MS");
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-server/serve", test_serve);
  g_test_add_func ("/pdf-server/refusals", test_refusals);
  g_test_add_func ("/pdf-server/crash-and-hang", test_crash_and_hang);
  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

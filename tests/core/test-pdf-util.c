/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "test-pdf-util.h"

static void
draw_scan (cairo_t *cr,
           double   width,
           double   height)
{
  /* A grey "scan": an image with no text layer */
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 260);
  cairo_t *icr = cairo_create (image);

  cairo_set_source_rgb (icr, 0.95, 0.95, 0.93);
  cairo_paint (icr);
  cairo_set_source_rgb (icr, 0.2, 0.2, 0.2);
  for (int y = 20; y < 240; y += 12)
    {
      cairo_rectangle (icr, 20, y, 160 - (y % 37), 4);
      cairo_fill (icr);
    }
  cairo_destroy (icr);

  cairo_save (cr);
  cairo_scale (cr, width / 200, height / 260);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

void
test_pdf_write_cairo (const char        *path,
                      const TestPdfPage *pages,
                      guint              n_pages)
{
  /* A font map of its own, freed at the end, so that leak checkers do not
   * see the default one's caches */
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpuint (n_pages, >, 0);
  surface = cairo_pdf_surface_create (path, pages[0].width, pages[0].height);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      cairo_pdf_surface_set_size (surface, pages[i].width, pages[i].height);
      if (pages[i].image)
        draw_scan (cr, pages[i].width, pages[i].height);
      if (pages[i].text != NULL)
        {
          PangoLayout *layout;
          PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 11");

          pango_cairo_update_context (cr, context);
          layout = pango_layout_new (context);
          pango_layout_set_font_description (layout, font);
          pango_layout_set_width (layout, (int) ((pages[i].width - 144) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_text (layout, pages[i].text, -1);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, 72, 72);
          pango_cairo_show_layout (cr, layout);
          pango_font_description_free (font);
          g_object_unref (layout);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_object_unref (context);
  g_object_unref (font_map);
}

static void
append_pdf_string (GString    *out,
                   const char *text,
                   gssize      length)
{
  g_autofree char *latin1 = g_convert (text, length, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);

  g_assert_nonnull (latin1);
  g_string_append_c (out, '(');
  for (const char *p = latin1; *p; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, ')');
}

void
test_pdf_write_minimal (const char        *path,
                        const char *const *texts,
                        const int         *rotations,
                        guint              n_pages)
{
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  guint n_objects = 3 + 2 * n_pages;
  gsize xref;

  g_array_set_size (offsets, n_objects + 1);

  g_array_index (offsets, gsize, 1) = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");

  g_array_index (offsets, gsize, 2) = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [");
  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (pdf, " %u 0 R", 4 + 2 * i);
  g_string_append_printf (pdf, " ] /Count %u >>\nendobj\n", n_pages);

  g_array_index (offsets, gsize, 3) = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                        "/Encoding /WinAnsiEncoding >>\nendobj\n");

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GString) content = g_string_new ("BT /F1 11 Tf 14 TL 72 720 Td\n");
      g_auto(GStrv) lines = g_strsplit (texts[i], "\n", -1);

      for (guint l = 0; lines[l]; l++)
        {
          append_pdf_string (content, lines[l], -1);
          g_string_append (content, " Tj T*\n");
        }
      g_string_append (content, "ET\n");

      g_array_index (offsets, gsize, 4 + 2 * i) = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n<< /Type /Page /Parent 2 0 R "
                                   "/MediaBox [0 0 612 792] /Rotate %d "
                                   "/Resources << /Font << /F1 3 0 R >> >> "
                                   "/Contents %u 0 R >>\nendobj\n",
                              4 + 2 * i, rotations ? rotations[i] : 0, 5 + 2 * i);
      g_array_index (offsets, gsize, 5 + 2 * i) = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n",
                              5 + 2 * i, content->len);
      g_string_append_len (pdf, content->str, (gssize) content->len);
      g_string_append (pdf, "endstream\nendobj\n");
    }

  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 1; i <= n_objects; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_MODIFIER "u 00000 n \n",
                            g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%"
                               G_GSIZE_FORMAT "\n%%%%EOF\n", n_objects + 1, xref);

  g_file_set_contents (path, pdf->str, (gssize) pdf->len, &error);
  g_assert_no_error (error);
}

void
test_pdf_write_long (const char *path,
                     guint       n_pages)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_pages; i++)
    {
      GString *text = g_string_new (NULL);

      g_string_append_printf (text, "Page %u of the officer's notes\n", i + 1);
      for (guint l = 0; l < 40; l++)
        g_string_append_printf (text, "Line %u: the applicant has not satisfied me that they "
                                      "will leave Canada at the end of their stay %u\n",
                                l + 1, (i * 40 + l) % 997);
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }
  test_pdf_write_minimal (path, (const char *const *) texts->pdata, NULL, n_pages);
}

void
test_pdf_shutdown (void)
{
  /* Fontconfig's configuration lives as long as the process: let leak
   * checkers see it freed */
  cairo_debug_reset_static_data ();
  FcFini ();
}

char *
test_corpus_dir (void)
{
  const char *dir = g_getenv ("REDRESS_CORPUS_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_strdup (dir);
}

/* Scanned PDFs ------------------------------------------------------------- */

gboolean
test_pdf_have_scan_tools (gboolean turning)
{
  const char *tools[] = { "pdftoppm", "img2pdf", "pdftotext", "convert" };

  for (guint i = 0; i < G_N_ELEMENTS (tools) - (turning ? 0 : 1); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          g_test_skip_printf ("%s is not installed", tools[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
}

char *
test_pdf_write_scan (const char        *dir,
                     const char        *name,
                     const TestPdfPage *pages,
                     guint              n_pages,
                     int                degrees)
{
  return test_pdf_write_scan_full (dir, name, pages, n_pages, degrees, 300, FALSE);
}

char *
test_pdf_write_scan_full (const char        *dir,
                          const char        *name,
                          const TestPdfPage *pages,
                          guint              n_pages,
                          int                degrees,
                          guint              dpi,
                          gboolean           noise)
{
  g_autofree char *resolution = g_strdup_printf ("%u", dpi);
  g_autofree char *black = g_strdup_printf ("%ux%u", dpi * 17 / 2, dpi * 11);
  g_autofree char *prefix = g_strdup_printf ("%s/%s-page", dir, name);
  g_autofree char *angle = g_strdup_printf ("%d", degrees);
  g_autoptr(GPtrArray) wrap = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *layer = NULL;
  g_autoptr(GError) error = NULL;
  char *scan = g_strdup_printf ("%s/%s.pdf", dir, name);

  g_ptr_array_add (wrap, g_strdup ("img2pdf"));
  for (guint i = 0; i < n_pages; i++)
    {
      char *png = g_strdup_printf ("%s-%u.png", prefix, i + 1);

      if (pages[i].text != NULL)
        {
          g_autofree char *one = g_strdup_printf ("%s/%s-text-%u.pdf", dir, name, i + 1);
          g_autofree char *one_prefix = g_strdup_printf ("%s-%u", prefix, i + 1);

          /* One page at a time, named as pdftoppm names a single page */
          test_pdf_write_cairo (one, &pages[i], 1);
          run_tool ((const char *[]) { "pdftoppm", "-r", resolution, "-gray", "-png",
                                       "-singlefile", one, one_prefix, NULL });
        }
      else
        run_tool ((const char *[]) { "convert", "-size", black, "xc:black", png, NULL });
      /* Light grain, as a scanner's glass and a photocopy leave */
      if (noise)
        run_tool ((const char *[]) { "convert", png, "-attenuate", "0.4", "+noise", "Gaussian",
                                     "-density", resolution, "-units", "PixelsPerInch", png,
                                     NULL });
      if (degrees % 360 != 0)
        run_tool ((const char *[]) { "convert", png, "-rotate", angle, png, NULL });
      g_ptr_array_add (wrap, png);
    }
  g_ptr_array_add (wrap, g_strdup ("-o"));
  g_ptr_array_add (wrap, g_strdup (scan));
  g_ptr_array_add (wrap, NULL);
  run_tool ((const char * const *) wrap->pdata);

  /* An image only: nothing to read without OCR */
  g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", scan, (char *) "-", NULL }, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &layer, NULL,
                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (layer), ==, "");
  return scan;
}

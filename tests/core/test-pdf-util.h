/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A page drawn with cairo and Pango: text (NULL for none), or an image
 * only (a scanned page: no text layer) */
typedef struct
{
  double width;
  double height;
  const char *text;
  gboolean image;
} TestPdfPage;

void   test_pdf_write_cairo     (const char        *path,
                                 const TestPdfPage *pages,
                                 guint              n_pages);

/* A PDF written by hand (cairo cannot set /Rotate): one page per text
 * (Helvetica, Latin-1 only, lines split at \n), each with its rotation;
 * n_pages 0 writes a PDF without pages */
void   test_pdf_write_minimal   (const char        *path,
                                 const char *const *texts,
                                 const int         *rotations,
                                 guint              n_pages);

/* @n_pages pages of text, about 2 kB each, "Page N" on each */
void   test_pdf_write_long      (const char        *path,
                                 guint              n_pages);

/* Whether pdftoppm, img2pdf (and ImageMagick's convert, if @turning) are
 * installed; else the test is skipped, saying which is missing */
gboolean test_pdf_have_scan_tools (gboolean           turning);

/* An image-only PDF "@dir/@name.pdf" of @pages, as a scanner makes it:
 * the text PDF rendered to grey images at 300 dpi (pdftoppm), turned
 * @degrees clockwise (0, 90, 180 or 270), wrapped back (img2pdf).  A page
 * whose text is NULL is wholly black (a redacted page).  Asserts that the
 * result has no text layer.  Returns: (transfer full): its path */
char    *test_pdf_write_scan      (const char        *dir,
                                   const char        *name,
                                   const TestPdfPage *pages,
                                   guint              n_pages,
                                   int                degrees);
/* The same at @dpi (300 above), with light noise if asked */
char    *test_pdf_write_scan_full (const char        *dir,
                                   const char        *name,
                                   const TestPdfPage *pages,
                                   guint              n_pages,
                                   int                degrees,
                                   guint              dpi,
                                   gboolean           noise);

/* At the end of a test program that called test_pdf_write_cairo() */
void   test_pdf_shutdown        (void);

/* The corpus folder ($REDRESS_CORPUS_DIR), NULL when absent */
char  *test_corpus_dir          (void);

G_END_DECLS

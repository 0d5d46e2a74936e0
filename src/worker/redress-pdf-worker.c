/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <poppler.h>

/*
 * redress-pdf-worker: reads ONE PDF with poppler and writes the text of
 * its pages to stdout, so that a file that makes poppler hang, eat all
 * memory or crash only ever takes this process down.  Redress starts it
 * (src/core/redress-pdf-import.c) with a time and a memory limit.
 *
 * Input:  the PDF on file descriptor 3 (a sealed copy made by the parent);
 *         the password, if any, on stdin (never on the command line, where
 *         other users could read it).
 * Output: a framed stream, one line per record, text sent by byte count:
 *
 *   REDRESS-PDF 1
 *   DOC <n_pages>
 *   PAGE <page_no> <width> <height> <rotation> <n_bytes>\n<n_bytes of UTF-8>\n
 *   ...
 *   END
 *
 * or, at any point, `ERROR <code> [<page_no>]` and exit status 2, where
 * <code> is one of not-pdf, damaged, encrypted-needs-password,
 * wrong-password, no-pages, page-unreadable, internal.
 */

#define PDF_FD 3
#define MAX_PASSWORD 4096
#define EXIT_REFUSED 2
#define EXIT_USAGE 64

static int
fail (const char *code,
      int         page_no)
{
  if (page_no > 0)
    printf ("ERROR %s %d\n", code, page_no);
  else
    printf ("ERROR %s\n", code);
  fflush (stdout);
  return EXIT_REFUSED;
}

/* The password, from stdin until end of file; NULL when there is none */
static char *
read_password (void)
{
  char buffer[MAX_PASSWORD + 1];
  gsize length = 0;

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer + length, sizeof buffer - 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length += (gsize) n;
      if (length == sizeof buffer - 1)
        break;
    }
  if (length == 0)
    return NULL;
  buffer[length] = '\0';
  return g_strndup (buffer, length);
}

/*
 * RFC 4013 SASLprep, as PDF 2.0 (ISO 32000-2, 7.6.4.3.3) asks for AES-256
 * passwords: spaces mapped, "mapped to nothing" characters removed, NFKC.
 * Poppler passes the password as typed, so "S\u00aaSL\u00adprep" must be
 * tried as "SaSLprep".  Prohibited characters are left to fail the check.
 */
static gboolean
maps_to_nothing (gunichar c)
{
  return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) ||
         (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) ||
         c == 0xFEFF;
}

static gboolean
is_non_ascii_space (gunichar c)
{
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

static char *
saslprep (const char *password)
{
  g_autoptr(GString) mapped = g_string_new (NULL);

  if (!g_utf8_validate (password, -1, NULL))
    return NULL;
  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (maps_to_nothing (c))
        continue;
      if (is_non_ascii_space (c))
        c = ' ';
      g_string_append_unichar (mapped, c);
    }
  return g_utf8_normalize (mapped->str, -1, G_NORMALIZE_NFKC);
}

/*
 * Opens the document on @fd by its name in /proc (Linux), so that poppler
 * can open it again: with a password, poppler-glib tries it in Latin-1
 * and then as UTF-8, and only poppler_document_new_from_file() survives
 * that (22.12 reuses a closed descriptor in new_from_fd() and crashes in
 * new_from_bytes()).  Elsewhere, from a duplicate of @fd.
 */
static PopplerDocument *
open_attempt (int          fd,
              const char  *password,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int copy;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, error);

      if (uri == NULL)
        return NULL;
      return poppler_document_new_from_file (uri, password, error);
    }

  copy = dup (fd);
  if (copy < 0 || lseek (copy, 0, SEEK_SET) < 0)
    {
      g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_OPEN_FILE, g_strerror (errno));
      if (copy >= 0)
        close (copy);
      return NULL;
    }
  return poppler_document_new_from_fd (copy, password, error);
}

static PopplerDocument *
open_document (int          fd,
               const char  *password,
               const char **code)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  document = open_attempt (fd, password, &error);
  if (document == NULL && password != NULL &&
      g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      g_autofree char *prepared = saslprep (password);

      if (prepared != NULL && g_strcmp0 (prepared, password) != 0)
        {
          g_clear_error (&error);
          document = open_attempt (fd, prepared, &error);
        }
    }
  if (document != NULL)
    return document;

  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    *code = password != NULL ? "wrong-password" : "encrypted-needs-password";
  else
    *code = "damaged";
  return NULL;
}

/*
 * Poppler-glib 22.12 has no accessor for a page's /Rotate.  It does
 * un-rotate the rectangle of an annotation added to a rotated page (so
 * that it is stored in the page's own space, as the PDF specification
 * says) while poppler_annot_get_rectangle() returns what is stored.  Add a
 * small, lopsided square on a copy of the page in memory (nothing is
 * saved) and see where it went.  The page size as shown (already swapped
 * for 90 and 270) decides when the probe is inconclusive.
 */
static int
page_rotation (PopplerDocument *document,
               PopplerPage     *page,
               double           shown_width,
               double           shown_height)
{
  PopplerRectangle crop = { 0, };
  PopplerRectangle probe = { 10, 20, 30, 25 };
  PopplerRectangle stored = { 0, };
  PopplerAnnot *annot;
  double w, h;
  double best = G_MAXDOUBLE;
  int rotation = 0;
  gboolean swapped;

  poppler_page_get_crop_box (page, &crop);
  w = fabs (crop.x2 - crop.x1);
  h = fabs (crop.y2 - crop.y1);
  swapped = fabs (w - h) > 0.5 && fabs (shown_width - h) < 0.5 && fabs (shown_height - w) < 0.5;

  annot = poppler_annot_square_new (document, &probe);
  if (annot == NULL)
    return swapped ? 90 : 0;
  poppler_page_add_annot (page, annot);
  poppler_annot_get_rectangle (annot, &stored);
  /* Left on the page, which is dropped next.  (Poppler-glib 22.12 never
   * frees an annotation it creates, about 1 kB a page: a cost this
   * short-lived process can bear.) */
  g_object_unref (annot);

  {
    /* Where the probe lands in the page's own space for each rotation,
     * relative to the crop box (or not, depending on poppler's version) */
    const struct { int rotation; double x1, y1, x2, y2; } candidates[] = {
      {   0, 10, 20, 30, 25 },
      {  90, w - 25, 10, w - 20, 30 },
      { 180, w - 30, h - 25, w - 10, h - 20 },
      { 270, 20, h - 30, 25, h - 10 },
    };
    const double origins[][2] = { { 0, 0 }, { MIN (crop.x1, crop.x2), MIN (crop.y1, crop.y2) } };
    double x1 = MIN (stored.x1, stored.x2), x2 = MAX (stored.x1, stored.x2);
    double y1 = MIN (stored.y1, stored.y2), y2 = MAX (stored.y1, stored.y2);

    for (guint o = 0; o < G_N_ELEMENTS (origins); o++)
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          double dx = origins[o][0], dy = origins[o][1];
          double d = fabs (x1 - dx - candidates[i].x1) + fabs (y1 - dy - candidates[i].y1) +
                     fabs (x2 - dx - candidates[i].x2) + fabs (y2 - dy - candidates[i].y2);

          if (d < best)
            {
              best = d;
              rotation = candidates[i].rotation;
            }
        }
  }
  if (best > 1.0)
    return swapped ? 90 : 0;
  /* A square page cannot tell; otherwise the shown size must agree */
  if (fabs (w - h) > 0.5 && swapped != (rotation == 90 || rotation == 270))
    return swapped ? 90 : 0;
  return rotation;
}

static void
write_page (int         page_no,
            double      width,
            double      height,
            int         rotation,
            const char *text)
{
  char w[G_ASCII_DTOSTR_BUF_SIZE];
  char h[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length = text ? strlen (text) : 0;

  g_ascii_formatd (w, sizeof w, "%.3f", width);
  g_ascii_formatd (h, sizeof h, "%.3f", height);
  printf ("PAGE %d %s %s %d %" G_GSIZE_FORMAT "\n", page_no, w, h, rotation, length);
  if (length > 0)
    fwrite (text, 1, length, stdout);
  fputc ('\n', stdout);
  /* One page at a time: the parent shows progress */
  fflush (stdout);
}

static gboolean
check_input (int fd)
{
  struct stat st;

  return fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

/* %PDF- within the first kilobyte (Redress checks it before, too) */
static gboolean
looks_like_pdf (int fd)
{
  static const char magic[] = "%PDF-";
  char head[1024];
  gssize n = pread (fd, head, sizeof head, 0);

  for (gssize i = 0; i + (gssize) sizeof magic - 1 <= n; i++)
    if (memcmp (head + i, magic, sizeof magic - 1) == 0)
      return TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  PopplerDocument *document = NULL;
  g_autofree char *password = NULL;
  const char *code = NULL;
  int n_pages;
  int status = 0;

  if (argc != 1 || fcntl (PDF_FD, F_GETFD) < 0)
    {
      fprintf (stderr, "redress-pdf-worker: a helper of Redress, not meant to be run by hand.\n"
                       "It reads a PDF on file descriptor 3 and its password on stdin.\n");
      return EXIT_USAGE;
    }

  setvbuf (stdout, NULL, _IOFBF, 1 << 16);
  printf ("REDRESS-PDF 1\n");

  if (!check_input (PDF_FD))
    return fail ("internal", 0);
  if (!looks_like_pdf (PDF_FD))
    return fail ("not-pdf", 0);
  password = read_password ();

  document = open_document (PDF_FD, password, &code);
  if (document == NULL)
    {
      status = fail (code, 0);
      goto out;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      status = fail ("no-pages", 0);
      goto out;
    }
  printf ("DOC %d\n", n_pages);
  fflush (stdout);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *text = NULL;
      double width = 0, height = 0;
      int rotation;

      if (page == NULL)
        {
          status = fail ("page-unreadable", i + 1);
          goto out;
        }
      text = poppler_page_get_text (page);
      poppler_page_get_size (page, &width, &height);
      rotation = page_rotation (document, page, width, height);
      g_object_unref (page);
      write_page (i + 1, width, height, rotation, text);
    }
  printf ("END\n");
  fflush (stdout);

out:
  g_clear_object (&document);
  return status;
}

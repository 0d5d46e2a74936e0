/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo.h>
#include <glib.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "redress-pdf-protocol.h"

/*
 * redress-pdf-worker: reads ONE PDF with poppler and writes the text of
 * its pages to stdout, so that a file that makes poppler hang, eat all
 * memory or crash only ever takes this process down.  Redress starts it
 * (src/core/redress-pdf-import.c) with a time and a memory limit.
 *
 * The protocol (what it reads, the records it writes, its refusals) is
 * described in src/core/documents/redress-pdf-protocol.h, shared with
 * both ends in Redress.
 */

#define PDF_FD REDRESS_PDF_PROTOCOL_FD
#define MAX_PAGE_PIXELS (4096.0 * 4096.0)
#define MAX_REQUEST_BYTES REDRESS_PDF_PROTOCOL_MAX_REQUEST_BYTES
#define MAX_PASSWORD REDRESS_PDF_PROTOCOL_MAX_PASSWORD_INPUT
/* Poppler 22.12 crashes on an AES-256 PDF given a password of 128 bytes or
 * more: such a password is never handed to it (the importer refuses it
 * first, with REDRESS_PDF_MAX_PASSWORD_BYTES, and says why) */
#define MAX_POPPLER_PASSWORD 127
#define EXIT_REFUSED REDRESS_PDF_PROTOCOL_EXIT_REFUSED
#define EXIT_USAGE REDRESS_PDF_PROTOCOL_EXIT_USAGE

static int
fail (RedressPdfRefusal refusal,
      int               page_no)
{
  const char *code = redress_pdf_refusal_to_code (refusal);

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
               RedressPdfRefusal *code)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  if (password != NULL && strlen (password) > MAX_POPPLER_PASSWORD)
    {
      *code = REDRESS_PDF_REFUSAL_WRONG_PASSWORD;
      return NULL;
    }

  document = open_attempt (fd, password, &error);
  if (document == NULL && password != NULL &&
      g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      g_autofree char *prepared = saslprep (password);

      if (prepared != NULL && g_strcmp0 (prepared, password) != 0 &&
          strlen (prepared) <= MAX_POPPLER_PASSWORD)
        {
          g_clear_error (&error);
          document = open_attempt (fd, prepared, &error);
        }
    }
  if (document != NULL)
    return document;

  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    *code = password != NULL ? REDRESS_PDF_REFUSAL_WRONG_PASSWORD
                             : REDRESS_PDF_REFUSAL_NEEDS_PASSWORD;
  else
    *code = REDRESS_PDF_REFUSAL_DAMAGED;
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

/* Previews of the first pages ---------------------------------------------- */

/* A bounded, modest image of each of the first pages, stored at import so
 * that the reader shows a page before poppler has drawn it */
#define PREVIEW_PAGES     REDRESS_PDF_PROTOCOL_PREVIEW_PAGES
#define PREVIEW_WIDTH     600.0
#define PREVIEW_MAX_SIDE  REDRESS_PDF_PROTOCOL_PREVIEW_MAX_SIDE

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  if (((GByteArray *) closure)->len + length > REDRESS_PDF_PROTOCOL_PREVIEW_MAX_BYTES)
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* PREVIEW <page_no> <width> <height> <n_bytes>\n<PNG>\n, or nothing when
 * the page cannot be drawn within the bounds (the reader then waits for
 * the sharp page, as before) */
static void
write_preview (PopplerPage *page,
               int          page_no,
               double       width,
               double       height)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale;
  int w, h;

  if (!(width > 0 && height > 0))
    return;
  scale = PREVIEW_WIDTH / width;
  if (MAX (width, height) * scale > PREVIEW_MAX_SIDE)
    scale = PREVIEW_MAX_SIDE / MAX (width, height);
  w = CLAMP ((int) ceil (width * scale), 1, PREVIEW_MAX_SIDE);
  h = CLAMP ((int) ceil (height * scale), 1, PREVIEW_MAX_SIDE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
      cairo_surface_write_to_png_stream (surface, append_png, png) == CAIRO_STATUS_SUCCESS)
    {
      printf ("PREVIEW %d %d %d %u\n", page_no, w, h, png->len);
      fwrite (png->data, 1, png->len, stdout);
      fputc ('\n', stdout);
      fflush (stdout);
    }
  cairo_surface_destroy (surface);
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

/* Serving the reader ------------------------------------------------------ */

static void
write_double (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  printf (" %s", g_ascii_formatd (text, sizeof text, "%.3f", value));
}

/* OCR of scanned pages ---------------------------------------------------- */

#define OCR_DPI 300.0
/* A pixel darker than this is ink */
#define INK_LEVEL 128
/* A word whose box is this dark is a redaction box, not text */
#define SOLID_BOX 0.75
/* ...and at least this wide, and as wide as tall (not an I or an l) */
#define MIN_BOX_PIXELS 24
/* A page with no word and this much ink is wholly redacted */
#define REDACTED_PAGE 0.5
/* Orientation is only trusted above this confidence */
#define MIN_OSD_CONFIDENCE 1.5

typedef struct
{
  char *language;
  TessBaseAPI *api;     /* NULL until the first scanned page; then NULL if unavailable */
  TessBaseAPI *osd;     /* NULL when the orientation data is missing */
  gboolean started;
  gboolean unavailable;
} Ocr;

typedef struct
{
  guint offset;
  guint length;
  double x1, y1, x2, y2;
  int confidence;
} OcrWord;

/* Only the languages Redress ships: the name goes to Tesseract as a path */
static gboolean
ocr_language_valid (const char *language)
{
  return g_strv_contains ((const char *const[]) { "eng", "fra", "eng+fra", "fra+eng", NULL },
                          language);
}

static gboolean
ocr_start (Ocr *ocr)
{
  if (ocr->started)
    return !ocr->unavailable;
  ocr->started = TRUE;

  ocr->api = TessBaseAPICreate ();
  /* NULL: $TESSDATA_PREFIX, else Tesseract's own folder */
  if (TessBaseAPIInit3 (ocr->api, NULL, ocr->language) != 0)
    {
      g_printerr ("redress-pdf-worker: no OCR data for “%s”\n", ocr->language);
      TessBaseAPIDelete (ocr->api);
      ocr->api = NULL;
      ocr->unavailable = TRUE;
      printf ("OCR-UNAVAILABLE\n");
      return FALSE;
    }
  TessBaseAPISetPageSegMode (ocr->api, PSM_AUTO);
  /* Tesseract's own debug output would go to stdout, the protocol */
  TessBaseAPISetVariable (ocr->api, "debug_file", "/dev/null");

  ocr->osd = TessBaseAPICreate ();
  if (TessBaseAPIInit2 (ocr->osd, NULL, "osd", OEM_TESSERACT_ONLY) != 0)
    {
      g_printerr ("redress-pdf-worker: no orientation data, pages are read as they are\n");
      TessBaseAPIDelete (ocr->osd);
      ocr->osd = NULL;
    }
  else
    {
      TessBaseAPISetPageSegMode (ocr->osd, PSM_OSD_ONLY);
      TessBaseAPISetVariable (ocr->osd, "debug_file", "/dev/null");
    }
  return TRUE;
}

static void
ocr_stop (Ocr *ocr)
{
  if (ocr->api != NULL)
    {
      TessBaseAPIEnd (ocr->api);
      TessBaseAPIDelete (ocr->api);
    }
  if (ocr->osd != NULL)
    {
      TessBaseAPIEnd (ocr->osd);
      TessBaseAPIDelete (ocr->osd);
    }
  g_free (ocr->language);
}

/* The page as shown, in 8-bit grey (one byte a pixel, no padding) */
static guint8 *
render_grey (PopplerPage *page,
             double       width,
             double       height,
             double      *scale_out,
             int         *width_out,
             int         *height_out)
{
  double scale = OCR_DPI / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint8 *grey;
  const guint8 *data;
  int w, h, stride;

  if (width * height * scale * scale > MAX_PAGE_PIXELS)
    scale = sqrt (MAX_PAGE_PIXELS / (width * height));
  w = MAX (1, (int) ceil (width * scale));
  h = MAX (1, (int) ceil (height * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  grey = g_malloc ((gsize) w * (gsize) h);
  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * (gsize) stride);

      for (int x = 0; x < w; x++)
        {
          guint32 p = row[x];
          /* ITU-R BT.601 luma */
          grey[(gsize) y * (gsize) w + (gsize) x] =
            (guint8) ((((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000);
        }
    }
  cairo_surface_destroy (surface);
  *scale_out = scale;
  *width_out = w;
  *height_out = h;
  return grey;
}

/* @grey turned @degrees clockwise (90, 180, 270) into a new buffer */
static guint8 *
rotate_grey (const guint8 *grey,
             int           w,
             int           h,
             int           degrees,
             int          *w_out,
             int          *h_out)
{
  int rw = degrees == 180 ? w : h;
  int rh = degrees == 180 ? h : w;
  guint8 *out = g_malloc ((gsize) w * (gsize) h);

  for (int y = 0; y < rh; y++)
    for (int x = 0; x < rw; x++)
      {
        int sx, sy;

        if (degrees == 90)
          sx = y, sy = h - 1 - x;
        else if (degrees == 180)
          sx = w - 1 - x, sy = h - 1 - y;
        else
          sx = w - 1 - y, sy = x;
        out[(gsize) y * (gsize) rw + (gsize) x] = grey[(gsize) sy * (gsize) w + (gsize) sx];
      }
  *w_out = rw;
  *h_out = rh;
  return out;
}

/* A point of the image turned @degrees clockwise, back on the page's image
 * (@w × @h) */
static void
unrotate_point (int     degrees,
                int     w,
                int     h,
                double  x,
                double  y,
                double *px,
                double *py)
{
  switch (degrees)
    {
    case 90:  *px = y;     *py = h - x; break;
    case 180: *px = w - x; *py = h - y; break;
    case 270: *px = w - y; *py = x;     break;
    default:  *px = x;     *py = y;     break;
    }
}

static double
ink_ratio (const guint8 *grey,
           int           w,
           int           x1,
           int           y1,
           int           x2,
           int           y2)
{
  guint64 ink = 0, all = 0;

  for (int y = y1; y < y2; y++)
    for (int x = x1; x < x2; x++)
      {
        all++;
        ink += grey[(gsize) y * (gsize) w + (gsize) x] < INK_LEVEL;
      }
  return all > 0 ? (double) ink / (double) all : 0;
}

static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Which way up the page is: the clockwise turn that makes it upright */
static int
detect_orientation (Ocr          *ocr,
                    const guint8 *grey,
                    int           w,
                    int           h)
{
  const char *script = NULL;
  float orient_conf = 0, script_conf = 0;
  int degrees = 0;

  if (ocr->osd == NULL)
    return 0;
  TessBaseAPISetImage (ocr->osd, grey, w, h, 1, w);
  TessBaseAPISetSourceResolution (ocr->osd, (int) OCR_DPI);
  if (!TessBaseAPIDetectOrientationScript (ocr->osd, &degrees, &orient_conf, &script,
                                           &script_conf))
    return 0;
  TessBaseAPIClear (ocr->osd);
  if (orient_conf < MIN_OSD_CONFIDENCE || degrees % 90 != 0)
    return 0;
  /* Tesseract gives the turn the text shows; undo it */
  return (360 - degrees) % 360;
}

/* Reads @page by OCR: its text, words and whether it is wholly redacted.
 * Returns FALSE when the page cannot be rendered. */
static gboolean
ocr_page (Ocr          *ocr,
          PopplerPage  *page,
          double        width,
          double        height,
          GString      *text,
          GArray       *words,
          gboolean     *redacted)
{
  g_autofree guint8 *grey = NULL;
  g_autofree guint8 *turned = NULL;
  const guint8 *image;
  TessResultIterator *it;
  double scale = 1;
  double page_ink;
  int w = 0, h = 0, iw, ih;
  int degrees;

  *redacted = FALSE;
  grey = render_grey (page, width, height, &scale, &w, &h);
  if (grey == NULL)
    return FALSE;
  page_ink = ink_ratio (grey, w, 0, 0, w, h);

  degrees = detect_orientation (ocr, grey, w, h);
  if (degrees != 0)
    {
      turned = rotate_grey (grey, w, h, degrees, &iw, &ih);
      image = turned;
    }
  else
    {
      image = grey;
      iw = w;
      ih = h;
    }

  TessBaseAPISetImage (ocr->api, image, iw, ih, 1, iw);
  TessBaseAPISetSourceResolution (ocr->api, (int) OCR_DPI);
  if (TessBaseAPIRecognize (ocr->api, NULL) != 0)
    {
      TessBaseAPIClear (ocr->api);
      *redacted = page_ink >= REDACTED_PAGE;
      return TRUE;
    }

  it = TessBaseAPIGetIterator (ocr->api);
  if (it != NULL)
    {
      TessPageIterator *pit = TessResultIteratorGetPageIterator (it);

      do
        {
          g_autofree char *word = NULL;
          char *tess_word = TessResultIteratorGetUTF8Text (it, RIL_WORD);
          float confidence = TessResultIteratorConfidence (it, RIL_WORD);
          gboolean new_line = TessPageIteratorIsAtBeginningOf (pit, RIL_TEXTLINE);
          int l = 0, t = 0, r = 0, b = 0;
          double ax, ay, bx, by;
          OcrWord entry;

          if (tess_word == NULL)
            continue;
          word = g_strdup (g_strstrip (tess_word));
          TessDeleteText (tess_word);
          if (!TessPageIteratorBoundingBox (pit, RIL_WORD, &l, &t, &r, &b))
            continue;
          l = CLAMP (l, 0, iw);
          r = CLAMP (r, l, iw);
          t = CLAMP (t, 0, ih);
          b = CLAMP (b, t, ih);
          if (*word == '\0' || !g_utf8_validate (word, -1, NULL))
            continue;
          /* A solid box is a redaction, however Tesseract reads it; marks
           * without a letter or digit read with little confidence are noise */
          if (r - l >= MIN_BOX_PIXELS && r - l >= b - t &&
              ink_ratio (image, iw, l, t, r, b) >= SOLID_BOX)
            continue;
          if (confidence < 50 && !has_alnum (word))
            continue;

          if (text->len > 0)
            g_string_append_c (text, new_line ? '\n' : ' ');
          entry.offset = (guint) text->len;
          entry.length = (guint) strlen (word);
          g_string_append (text, word);

          unrotate_point (degrees, w, h, l, t, &ax, &ay);
          unrotate_point (degrees, w, h, r, b, &bx, &by);
          entry.x1 = MIN (ax, bx) / scale;
          entry.y1 = MIN (ay, by) / scale;
          entry.x2 = MAX (ax, bx) / scale;
          entry.y2 = MAX (ay, by) / scale;
          entry.confidence = CLAMP ((int) lround (confidence), 0, 100);
          g_array_append_val (words, entry);
        }
      while (TessResultIteratorNext (it, RIL_WORD));
      TessResultIteratorDelete (it);
    }
  TessBaseAPIClear (ocr->api);

  *redacted = words->len == 0 && page_ink >= REDACTED_PAGE;
  return TRUE;
}

static void
write_ocr_page (int           page_no,
                double        width,
                double        height,
                int           rotation,
                const GString *text,
                const GArray *words,
                gboolean      redacted)
{
  char w[G_ASCII_DTOSTR_BUF_SIZE];
  char h[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (w, sizeof w, "%.3f", width);
  g_ascii_formatd (h, sizeof h, "%.3f", height);
  printf ("PAGE %d %s %s %d %" G_GSIZE_FORMAT " %s %u\n", page_no, w, h, rotation, text->len,
          redacted ? REDRESS_PDF_PROTOCOL_SOURCE_REDACTED : REDRESS_PDF_PROTOCOL_SOURCE_OCR, words->len);
  fwrite (text->str, 1, text->len, stdout);
  fputc ('\n', stdout);
  for (guint i = 0; i < words->len; i++)
    {
      const OcrWord *word = &g_array_index (words, OcrWord, i);

      printf ("W %u %u", word->offset, word->length);
      write_double (word->x1);
      write_double (word->y1);
      write_double (word->x2);
      write_double (word->y2);
      printf (" %d\n", word->confidence);
    }
  fflush (stdout);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
serve_render (PopplerDocument *document,
              int              n_pages,
              int              index,
              double           scale)
{
  PopplerPage *page = index >= 0 && index < n_pages ? poppler_document_get_page (document, index) : NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w = 0, h = 0;
  int width, height, stride;

  /* For the tests: a page that crashes or hangs the reader, on demand */
  if (index + 1 == (int) g_ascii_strtoll (g_getenv ("REDRESS_PDF_WORKER_CRASH_PAGE") ?: "0", NULL, 10))
    abort ();
  if (index + 1 == (int) g_ascii_strtoll (g_getenv ("REDRESS_PDF_WORKER_HANG_PAGE") ?: "0", NULL, 10))
    for (;;)
      g_usleep (G_USEC_PER_SEC);
  if (page == NULL || !(scale > 0 && scale <= 64))
    {
      g_clear_object (&page);
      printf ("ERROR %s\n", redress_pdf_refusal_to_code (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE));
      return;
    }
  poppler_page_get_size (page, &w, &h);
  if (w * h * scale * scale > MAX_PAGE_PIXELS)
    scale = sqrt (MAX_PAGE_PIXELS / (w * h));
  width = MAX (1, (int) ceil (w * scale));
  height = MAX (1, (int) ceil (h * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  g_object_unref (page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    printf ("ERROR %s\n", redress_pdf_refusal_to_code (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE));
  else
    {
      stride = cairo_image_surface_get_stride (surface);
      printf ("PIXELS %d %d %d\n", width, height, stride);
      fwrite (cairo_image_surface_get_data (surface), 1, (size_t) stride * (size_t) height, stdout);
    }
  cairo_surface_destroy (surface);
}

static void
serve_find (PopplerDocument *document,
            int              n_pages,
            const char      *text)
{
  printf ("FOUND %d\n", n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      GList *found = NULL;
      double w = 0, h = 0;

      if (page != NULL)
        {
          poppler_page_get_size (page, &w, &h);
          found = poppler_page_find_text_with_options (page, text, POPPLER_FIND_DEFAULT);
          g_object_unref (page);
        }
      printf ("%u", g_list_length (found));
      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *rect = l->data;

          /* poppler's origin is the bottom left */
          write_double (MIN (rect->x1, rect->x2));
          write_double (h - MAX (rect->y1, rect->y2));
          write_double (MAX (rect->x1, rect->x2));
          write_double (h - MIN (rect->y1, rect->y2));
        }
      printf ("\n");
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
    }
}

static void
serve_select (PopplerDocument  *document,
              int               n_pages,
              int               index,
              PopplerRectangle *area)
{
  PopplerPage *page = index >= 0 && index < n_pages ? poppler_document_get_page (document, index) : NULL;
  g_autofree char *text = NULL;

  if (page == NULL)
    {
      printf ("ERROR %s\n", redress_pdf_refusal_to_code (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE));
      return;
    }
  text = poppler_page_get_selected_text (page, POPPLER_SELECTION_GLYPH, area);
  g_object_unref (page);
  printf ("TEXT %" G_GSIZE_FORMAT "\n", text ? strlen (text) : 0);
  if (text != NULL)
    fwrite (text, 1, strlen (text), stdout);
}

static void
serve_layout (PopplerDocument *document,
              int              n_pages,
              int              index)
{
  PopplerPage *page = index >= 0 && index < n_pages ? poppler_document_get_page (document, index) : NULL;
  g_autofree char *text = NULL;
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  gsize length;

  if (page == NULL)
    {
      printf ("ERROR %s\n", redress_pdf_refusal_to_code (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE));
      return;
    }
  /* The same text as the import stores (one box per character of it) */
  text = poppler_page_get_text (page);
  if (!poppler_page_get_text_layout (page, &rects, &n_rects))
    n_rects = 0;
  g_object_unref (page);
  length = text ? strlen (text) : 0;
  printf ("LAYOUT %" G_GSIZE_FORMAT " %u\n", length, n_rects);
  if (length > 0)
    fwrite (text, 1, length, stdout);
  for (guint i = 0; i < n_rects; i++)
    {
      double box[4] = { rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2 };

      fwrite (box, sizeof box, 1, stdout);
    }
  g_free (rects);
}

/* The payload of a request: @length bytes from stdin, NUL-terminated */
static char *
read_payload (const char *length_text)
{
  guint64 length = g_ascii_strtoull (length_text, NULL, 10);
  char *payload;

  if (length > MAX_REQUEST_BYTES)
    return NULL;
  payload = g_malloc (length + 1);
  if (fread (payload, 1, length, stdin) != length)
    {
      g_free (payload);
      return NULL;
    }
  payload[length] = '\0';
  return payload;
}

static int
serve (void)
{
  PopplerDocument *document = NULL;
  g_autofree char *password = NULL;
  RedressPdfRefusal code = REDRESS_PDF_REFUSAL_INTERNAL;
  char line[256];
  int n_pages;

  setvbuf (stdout, NULL, _IOFBF, 1 << 16);
  printf ("%s\n", REDRESS_PDF_PROTOCOL_HELLO);
  if (fgets (line, sizeof line, stdin) == NULL || line[0] != 'P' || line[1] != ' ' ||
      (password = read_payload (line + 2)) == NULL)
    return fail (REDRESS_PDF_REFUSAL_INTERNAL, 0);
  if (*password == '\0')
    g_clear_pointer (&password, g_free);
  /* For the tests: a reader slow to open, to see what shows meanwhile */
  g_usleep ((gulong) MIN (g_ascii_strtoull (g_getenv ("REDRESS_PDF_WORKER_SERVE_DELAY_MS") ?: "0",
                                            NULL, 10), 60000) * 1000);
  if (!check_input (PDF_FD))
    return fail (REDRESS_PDF_REFUSAL_INTERNAL, 0);
  if (!looks_like_pdf (PDF_FD))
    return fail (REDRESS_PDF_REFUSAL_NOT_PDF, 0);
  document = open_document (PDF_FD, password, &code);
  if (document == NULL)
    return fail (code, 0);
  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_object_unref (document);
      return fail (REDRESS_PDF_REFUSAL_NO_PAGES, 0);
    }
  printf ("DOC %d\n", n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double w = 612, h = 792;   /* a page poppler cannot return shows blank */

      if (page != NULL)
        {
          poppler_page_get_size (page, &w, &h);
          g_object_unref (page);
        }
      printf ("SIZE");
      write_double (w);
      write_double (h);
      printf ("\n");
    }
  fflush (stdout);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      char **words = g_strsplit (g_strstrip (line), " ", 6);
      guint n_words = g_strv_length (words);

      if (n_words == 3 && g_str_equal (words[0], "R"))
        serve_render (document, n_pages, (int) g_ascii_strtoll (words[1], NULL, 10),
                      g_ascii_strtod (words[2], NULL));
      else if (n_words == 2 && g_str_equal (words[0], "F"))
        {
          g_autofree char *text = read_payload (words[1]);

          if (text == NULL)
            {
              g_strfreev (words);
              break;
            }
          serve_find (document, n_pages, text);
        }
      else if (n_words == 2 && g_str_equal (words[0], "T"))
        serve_layout (document, n_pages, (int) g_ascii_strtoll (words[1], NULL, 10));
      else if (n_words == 6 && g_str_equal (words[0], "S"))
        {
          PopplerRectangle area;

          area.x1 = g_ascii_strtod (words[2], NULL);
          area.y1 = g_ascii_strtod (words[3], NULL);
          area.x2 = g_ascii_strtod (words[4], NULL);
          area.y2 = g_ascii_strtod (words[5], NULL);
          serve_select (document, n_pages, (int) g_ascii_strtoll (words[1], NULL, 10), &area);
        }
      else
        printf ("ERROR %s\n", redress_pdf_refusal_to_code (REDRESS_PDF_REFUSAL_INTERNAL));
      g_strfreev (words);
      fflush (stdout);
    }
  g_object_unref (document);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  PopplerDocument *document = NULL;
  g_autofree char *password = NULL;
  RedressPdfRefusal code = REDRESS_PDF_REFUSAL_INTERNAL;
  Ocr ocr = { 0, };
  gboolean with_ocr = FALSE;
  int n_pages;
  int status = 0;

  if (argc == 2 && g_str_equal (argv[1], REDRESS_PDF_PROTOCOL_ARG_SERVE) && fcntl (PDF_FD, F_GETFD) >= 0)
    return serve ();
  if (argc == 3 && g_str_equal (argv[1], REDRESS_PDF_PROTOCOL_ARG_OCR) && ocr_language_valid (argv[2]))
    {
      with_ocr = TRUE;
      ocr.language = g_strdup (argv[2]);
    }
  if ((argc != 1 && !with_ocr) || fcntl (PDF_FD, F_GETFD) < 0)
    {
      fprintf (stderr, "redress-pdf-worker: a helper of Redress, not meant to be run by hand.\n"
                       "It reads a PDF on file descriptor 3 and its password on stdin.\n");
      g_free (ocr.language);
      return EXIT_USAGE;
    }

  setvbuf (stdout, NULL, _IOFBF, 1 << 16);
  printf ("%s\n", REDRESS_PDF_PROTOCOL_HELLO);

  if (!check_input (PDF_FD))
    return fail (REDRESS_PDF_REFUSAL_INTERNAL, 0);
  if (!looks_like_pdf (PDF_FD))
    return fail (REDRESS_PDF_REFUSAL_NOT_PDF, 0);
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
      status = fail (REDRESS_PDF_REFUSAL_NO_PAGES, 0);
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
          status = fail (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE, i + 1);
          goto out;
        }
      text = poppler_page_get_text (page);
      poppler_page_get_size (page, &width, &height);
      rotation = page_rotation (document, page, width, height);
      if (with_ocr && is_blank (text))
        {
          /* A scanned page: say so first, the parent shows it */
          printf ("OCR %d\n", i + 1);
          fflush (stdout);
          if (ocr_start (&ocr))
            {
              g_autoptr(GString) ocr_text = g_string_new (NULL);
              g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (OcrWord));
              gboolean redacted = FALSE;

              if (!ocr_page (&ocr, page, width, height, ocr_text, words, &redacted))
                {
                  g_object_unref (page);
                  status = fail (REDRESS_PDF_REFUSAL_PAGE_UNREADABLE, i + 1);
                  goto out;
                }
              write_ocr_page (i + 1, width, height, rotation, ocr_text, words, redacted);
              g_object_unref (page);
              continue;
            }
        }
      write_page (i + 1, width, height, rotation, text);
      g_object_unref (page);
    }

  /* Once every page's text is sent: a page that draws slowly (or never)
   * only costs its preview, which the parent stops waiting for */
  for (int i = 0; i < MIN (n_pages, PREVIEW_PAGES); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double width = 0, height = 0;

      if (page == NULL)
        break;
      poppler_page_get_size (page, &width, &height);
      write_preview (page, i + 1, width, height);
      g_object_unref (page);
    }
  printf ("END\n");
  fflush (stdout);

out:
  g_clear_object (&document);
  if (with_ocr)
    ocr_stop (&ocr);
  return status;
}

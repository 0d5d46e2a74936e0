/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-server"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "redress-error.h"
#include "redress-pdf-import-private.h"
#include "redress-pdf-server.h"

/*
 * The reader's side of `redress-pdf-worker --serve` (the protocol is
 * described in redress-pdf-protocol.h).  Each answer
 * must come within a time limit; an answer that does not come, a process
 * that ends or says something unexpected is stopped, and the server is
 * gone.
 */

#define OPEN_TIMEOUT_MS    30000
#define RENDER_TIMEOUT_MS  20000
#define FIND_TIMEOUT_MS    60000
#define SELECT_TIMEOUT_MS  10000
#define LAYOUT_TIMEOUT_MS  10000
#define MAX_LAYOUT_CHARS   (1 << 20)
#define MAX_LINE           (1 << 20)
#define MAX_PIXELS_BYTES   ((gsize) 4096 * 4096 * 4 + (1 << 16))

struct _RedressPdfServer
{
  GSubprocess *process;
  int in_fd;              /* its stdin */
  int out_fd;             /* its stdout */
  GByteArray *buffer;     /* read ahead */
  gint64 deadline;
  guint n_pages;
  GArray *sizes;          /* double pairs */
};

static void
stop (RedressPdfServer *self)
{
  if (self->process != NULL)
    {
      g_subprocess_force_exit (self->process);
      g_clear_object (&self->process);
    }
}

void
redress_pdf_server_free (RedressPdfServer *self)
{
  if (self == NULL)
    return;
  stop (self);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_free (self);
}

gboolean
redress_pdf_server_is_alive (RedressPdfServer *self)
{
  return self != NULL && self->process != NULL;
}

/* The process failed: stopped, and the error says why */
static gboolean
failed (RedressPdfServer  *self,
        gboolean           timed_out,
        GError           **error)
{
  stop (self);
  if (timed_out)
    g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TIMED_OUT,
                 _("This document could not be shown in time: the PDF reader was stopped. "
                   "It may be damaged or built to overload readers."));
  else
    g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED,
                 _("This document could not be shown: the PDF reader stopped on it. "
                   "It may be damaged or built to overload readers."));
  return FALSE;
}

/* Reads more into the buffer before the deadline */
static gboolean
fill (RedressPdfServer  *self,
      GError           **error)
{
  guint8 chunk[65536];

  for (;;)
    {
      struct pollfd pfd = { self->out_fd, POLLIN, 0 };
      gint64 left = (self->deadline - g_get_monotonic_time ()) / 1000;
      gssize n;
      int rc;

      if (left <= 0)
        return failed (self, TRUE, error);
      rc = poll (&pfd, 1, (int) MIN (left, G_MAXINT));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc == 0)
        return failed (self, TRUE, error);
      n = read (self->out_fd, chunk, sizeof chunk);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return failed (self, FALSE, error);
      g_byte_array_append (self->buffer, chunk, (guint) n);
      return TRUE;
    }
}

/* The next line of the answer, without its newline */
static char *
read_line (RedressPdfServer  *self,
           GError           **error)
{
  for (;;)
    {
      guint8 *newline = self->buffer->len > 0 ? memchr (self->buffer->data, '\n', self->buffer->len) : NULL;

      if (newline != NULL)
        {
          gsize length = (gsize) (newline - self->buffer->data);
          char *line = g_strndup ((const char *) self->buffer->data, length);

          g_byte_array_remove_range (self->buffer, 0, (guint) length + 1);
          return line;
        }
      if (self->buffer->len > MAX_LINE)
        {
          failed (self, FALSE, error);
          return NULL;
        }
      if (!fill (self, error))
        return NULL;
    }
}

static GBytes *
read_bytes (RedressPdfServer  *self,
            gsize              length,
            GError           **error)
{
  while (self->buffer->len < length)
    if (!fill (self, error))
      return NULL;
  {
    GBytes *bytes = g_bytes_new (self->buffer->data, length);

    g_byte_array_remove_range (self->buffer, 0, (guint) length);
    return bytes;
  }
}

static gboolean
send (RedressPdfServer  *self,
      const char        *data,
      gsize              length,
      GError           **error)
{
  for (gsize done = 0; done < length;)
    {
      gssize n = write (self->in_fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return failed (self, FALSE, error);
      done += (gsize) n;
    }
  return TRUE;
}

/* A request: its line, then its payload (if any), answered before
 * @timeout_ms */
static gboolean
request (RedressPdfServer  *self,
         const char        *line,
         const char        *payload,
         gsize              payload_length,
         guint              timeout_ms,
         GError           **error)
{
  const char *limit = g_getenv ("REDRESS_PDF_SERVER_TIMEOUT_MS");

  if (self->process == NULL)
    return failed (self, FALSE, error);
  /* Shorter for the tests */
  if (limit != NULL && g_ascii_strtoull (limit, NULL, 10) > 0)
    timeout_ms = (guint) MIN (g_ascii_strtoull (limit, NULL, 10), timeout_ms);
  self->deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  return send (self, line, strlen (line), error) &&
         (payload_length == 0 || send (self, payload, payload_length, error));
}

/* "ERROR <code>": the worker's refusal as an error; FALSE otherwise */
static gboolean
refusal (const char  *line,
         GError     **error)
{
  if (!g_str_has_prefix (line, "ERROR "))
    return FALSE;
  /* The reader names no page: a damaged page is shown where it is */
  if (!redress_pdf_refusal_set_error (redress_pdf_refusal_from_code (line + strlen ("ERROR ")), 0,
                                      error))
    g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_DAMAGED,
                 _("This PDF is damaged and cannot be read."));
  return TRUE;
}

static gboolean
parse_words (const char  *line,
             const char  *keyword,
             guint        n_numbers,
             double      *numbers)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);

  if (g_strv_length (words) != n_numbers + 1 || g_strcmp0 (words[0], keyword) != 0)
    return FALSE;
  for (guint i = 0; i < n_numbers; i++)
    {
      char *end = NULL;

      numbers[i] = g_ascii_strtod (words[i + 1], &end);
      if (end == words[i + 1] || *end != '\0')
        return FALSE;
    }
  return TRUE;
}

/**
 * redress_pdf_server_open:
 * @password: (nullable): the document's password
 *
 * Starts the reader's process on @pdf and reads the size of its pages.
 *
 * Returns: (transfer full): the server, or %NULL with an error
 */
RedressPdfServer *
redress_pdf_server_open (GBytes      *pdf,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(RedressPdfServer) self = g_new0 (RedressPdfServer, 1);
  const char * const args[] = { REDRESS_PDF_PROTOCOL_ARG_SERVE, NULL };
  g_autofree char *hello = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *header = NULL;
  gsize password_length = password ? strlen (password) : 0;
  RedressPdfLimits limits;
  double n_pages = 0;
  int fd;

  /* A reader that died must not take Redress with it when Redress
   * writes to it (GIO's sockets ignore SIGPIPE for the same reason) */
  signal (SIGPIPE, SIG_IGN);

  self->buffer = g_byte_array_new ();
  self->sizes = g_array_new (FALSE, FALSE, sizeof (double));
  fd = redress_pdf_file_from_bytes (pdf, error);
  if (fd < 0)
    return NULL;
  redress_pdf_limits_get_default (&limits);
  /* No CPU limit: the process lives as long as the document is shown, and
   * each request has its own time limit */
  self->process = redress_pdf_spawn_worker (fd, -1, args,
                                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                            limits.memory_limit, 0, error);
  close (fd);
  if (self->process == NULL)
    return NULL;
  self->in_fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (g_subprocess_get_stdin_pipe (self->process)));
  self->out_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (self->process)));

  header = g_strdup_printf ("P %" G_GSIZE_FORMAT "\n", password_length);
  if (!request (self, header, password, password_length, OPEN_TIMEOUT_MS, error))
    return NULL;
  hello = read_line (self, error);
  if (hello == NULL)
    return NULL;
  if (!g_str_equal (hello, REDRESS_PDF_PROTOCOL_HELLO))
    {
      failed (self, FALSE, error);
      return NULL;
    }
  doc = read_line (self, error);
  if (doc == NULL)
    return NULL;
  if (refusal (doc, error))
    {
      stop (self);
      return NULL;
    }
  if (!parse_words (doc, "DOC", 1, &n_pages) || n_pages < 1 || n_pages > G_MAXINT)
    {
      failed (self, FALSE, error);
      return NULL;
    }
  self->n_pages = (guint) n_pages;
  for (guint i = 0; i < self->n_pages; i++)
    {
      g_autofree char *line = read_line (self, error);
      double size[2];

      if (line == NULL)
        return NULL;
      if (!parse_words (line, "SIZE", 2, size) || !(size[0] > 0) || !(size[1] > 0))
        {
          failed (self, FALSE, error);
          return NULL;
        }
      g_array_append_vals (self->sizes, size, 2);
    }
  return g_steal_pointer (&self);
}

guint
redress_pdf_server_get_n_pages (RedressPdfServer *self)
{
  return self->n_pages;
}

void
redress_pdf_server_get_page_size (RedressPdfServer *self,
                                  guint             page,
                                  double           *width,
                                  double           *height)
{
  g_return_if_fail (page < self->n_pages);
  *width = g_array_index (self->sizes, double, 2 * page);
  *height = g_array_index (self->sizes, double, 2 * page + 1);
}

/**
 * redress_pdf_server_render:
 *
 * Returns: (transfer full): the pixels of page @page (from 0), or %NULL
 *   with an error
 */
GBytes *
redress_pdf_server_render (RedressPdfServer  *self,
                           guint              page,
                           double             scale,
                           int               *width,
                           int               *height,
                           int               *stride,
                           GError           **error)
{
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  char scale_text[G_ASCII_DTOSTR_BUF_SIZE];
  double size[3];

  g_ascii_formatd (scale_text, sizeof scale_text, "%.6f", scale);
  line = g_strdup_printf ("R %u %s\n", page, scale_text);
  if (!request (self, line, NULL, 0, RENDER_TIMEOUT_MS, error))
    return NULL;
  answer = read_line (self, error);
  if (answer == NULL || refusal (answer, error))
    return NULL;
  if (!parse_words (answer, "PIXELS", 3, size) || size[0] < 1 || size[1] < 1 ||
      size[2] < size[0] * 4 || size[2] * size[1] > MAX_PIXELS_BYTES)
    {
      failed (self, FALSE, error);
      return NULL;
    }
  *width = (int) size[0];
  *height = (int) size[1];
  *stride = (int) size[2];
  return read_bytes (self, (gsize) *stride * (gsize) *height, error);
}

/**
 * redress_pdf_server_find:
 *
 * Returns: (transfer container) (element-type GArray): for each page, the
 *   rectangles of @text's matches; %NULL with an error
 */
GPtrArray *
redress_pdf_server_find (RedressPdfServer  *self,
                         const char        *text,
                         GError           **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *line = g_strdup_printf ("F %" G_GSIZE_FORMAT "\n", strlen (text));
  g_autofree char *answer = NULL;
  double n_pages = 0;

  if (!request (self, line, text, strlen (text), FIND_TIMEOUT_MS, error))
    return NULL;
  answer = read_line (self, error);
  if (answer == NULL || refusal (answer, error))
    return NULL;
  if (!parse_words (answer, "FOUND", 1, &n_pages) || n_pages != self->n_pages)
    {
      failed (self, FALSE, error);
      return NULL;
    }
  for (guint i = 0; i < self->n_pages; i++)
    {
      g_autofree char *page_line = read_line (self, error);
      g_auto(GStrv) words = NULL;
      GArray *rects;
      guint64 n;

      if (page_line == NULL)
        return NULL;
      words = g_strsplit (page_line, " ", -1);
      n = g_ascii_strtoull (words[0], NULL, 10);
      if (g_strv_length (words) != 1 + 4 * n)
        {
          failed (self, FALSE, error);
          return NULL;
        }
      rects = g_array_sized_new (FALSE, FALSE, sizeof (RedressPdfRect), (guint) n);
      for (guint64 k = 0; k < n; k++)
        {
          RedressPdfRect rect;

          rect.x1 = g_ascii_strtod (words[1 + 4 * k], NULL);
          rect.y1 = g_ascii_strtod (words[2 + 4 * k], NULL);
          rect.x2 = g_ascii_strtod (words[3 + 4 * k], NULL);
          rect.y2 = g_ascii_strtod (words[4 + 4 * k], NULL);
          g_array_append_val (rects, rect);
        }
      g_ptr_array_add (matches, rects);
    }
  return g_steal_pointer (&matches);
}

/**
 * redress_pdf_server_get_text_in_area:
 *
 * Returns: (transfer full): the text of page @page inside @area (points,
 *   top-left origin), or %NULL with an error
 */
char *
redress_pdf_server_get_text_in_area (RedressPdfServer     *self,
                                     guint                 page,
                                     const RedressPdfRect *area,
                                     GError              **error)
{
  char numbers[4][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GBytes) text = NULL;
  double length = 0;

  g_ascii_formatd (numbers[0], sizeof numbers[0], "%.3f", area->x1);
  g_ascii_formatd (numbers[1], sizeof numbers[1], "%.3f", area->y1);
  g_ascii_formatd (numbers[2], sizeof numbers[2], "%.3f", area->x2);
  g_ascii_formatd (numbers[3], sizeof numbers[3], "%.3f", area->y2);
  line = g_strdup_printf ("S %u %s %s %s %s\n", page, numbers[0], numbers[1], numbers[2], numbers[3]);
  if (!request (self, line, NULL, 0, SELECT_TIMEOUT_MS, error))
    return NULL;
  answer = read_line (self, error);
  if (answer == NULL || refusal (answer, error))
    return NULL;
  if (!parse_words (answer, "TEXT", 1, &length) || length < 0 || length > MAX_LINE)
    {
      failed (self, FALSE, error);
      return NULL;
    }
  text = read_bytes (self, (gsize) length, error);
  if (text == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (text, NULL), (gsize) length);
}

/**
 * redress_pdf_server_get_layout:
 * @text: (out) (transfer full): the text of page @page, as the import
 *   stores it (poppler's text of the page)
 *
 * Returns: (transfer full): one RedressPdfRect per character of @text
 *   (points, top-left origin; fewer when poppler gives fewer), or %NULL
 *   with an error
 */
GArray *
redress_pdf_server_get_layout (RedressPdfServer  *self,
                               guint              page,
                               char             **text,
                               GError           **error)
{
  g_autofree char *line = g_strdup_printf ("T %u\n", page);
  g_autofree char *answer = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autoptr(GBytes) box_bytes = NULL;
  GArray *boxes;
  double sizes[2];

  if (!request (self, line, NULL, 0, LAYOUT_TIMEOUT_MS, error))
    return NULL;
  answer = read_line (self, error);
  if (answer == NULL || refusal (answer, error))
    return NULL;
  if (!parse_words (answer, "LAYOUT", 2, sizes) || sizes[0] < 0 || sizes[0] > MAX_LINE * 16.0 ||
      sizes[1] < 0 || sizes[1] > MAX_LAYOUT_CHARS)
    {
      failed (self, FALSE, error);
      return NULL;
    }
  text_bytes = read_bytes (self, (gsize) sizes[0], error);
  if (text_bytes == NULL)
    return NULL;
  box_bytes = read_bytes (self, (gsize) sizes[1] * 4 * sizeof (double), error);
  if (box_bytes == NULL)
    return NULL;
  boxes = g_array_sized_new (FALSE, FALSE, sizeof (RedressPdfRect), (guint) sizes[1]);
  {
    const double *numbers = g_bytes_get_data (box_bytes, NULL);

    for (guint i = 0; i < (guint) sizes[1]; i++)
      {
        RedressPdfRect rect = { MIN (numbers[4 * i], numbers[4 * i + 2]),
                                MIN (numbers[4 * i + 1], numbers[4 * i + 3]),
                                MAX (numbers[4 * i], numbers[4 * i + 2]),
                                MAX (numbers[4 * i + 1], numbers[4 * i + 3]) };

        g_array_append_val (boxes, rect);
      }
  }
  *text = g_utf8_make_valid (g_bytes_get_data (text_bytes, NULL), (gssize) sizes[0]);
  return boxes;
}

/* Finding a stored passage on the page shown -------------------------------- */

static gboolean
is_skipped (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xA0 || c == 0x00AD || (c >= 0x200B && c <= 0x200F) ||
         c == 0x2060 || c == 0xFEFF;
}

/* The characters of @text that are not white space, with their index (in
 * characters) in @text */
static GArray *
visible_chars (const char *text,
               gsize       length,
               GArray    **index)
{
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  const char *p = text, *end = text + length;
  guint i = 0;

  *index = g_array_new (FALSE, FALSE, sizeof (guint));
  for (; p < end; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_skipped (c))
        continue;
      g_array_append_val (chars, c);
      g_array_append_val (*index, i);
    }
  return chars;
}

/* The last character boundary at or before @offset */
static gsize
char_boundary (const char *text,
               gsize       offset)
{
  gsize length = strlen (text);

  offset = MIN (offset, length);
  while (offset > 0 && offset < length && (text[offset] & 0xC0) == 0x80)
    offset--;
  return offset;
}

/**
 * redress_pdf_text_find_passage:
 * @shown: the page's text as the reader has it (utf-8)
 * @stored: (nullable): the page's text as stored, which @start and @end
 *   count in; %NULL when it is @shown
 * @start: byte offset of the passage in @stored
 * @end: byte offset just after it (clamped to the text's end)
 * @char_start: (out): where the passage starts in @shown, in characters
 * @char_end: (out): just after its last character, in characters
 *
 * Finds a passage given by byte offsets in the stored text of a page in
 * the text the reader shows.  The same text: the offsets, in characters.
 * Another text (another version of poppler, OCR): the passage's words
 * found in it whatever the white space between them, the occurrence
 * nearest to where it was.
 *
 * Returns: %TRUE if found
 */
gboolean
redress_pdf_text_find_passage (const char *shown,
                               const char *stored,
                               gsize       start,
                               gsize       end,
                               glong      *char_start,
                               glong      *char_end)
{
  g_autoptr(GArray) wanted_index = NULL;
  g_autoptr(GArray) shown_index = NULL;
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GArray) chars = NULL;
  glong expected, best = -1;
  guint best_at = 0;

  g_return_val_if_fail (shown != NULL, FALSE);

  if (stored == NULL)
    stored = shown;
  start = char_boundary (stored, start);
  end = char_boundary (stored, end);
  if (start >= end)
    return FALSE;
  if (stored == shown || strcmp (stored, shown) == 0)
    {
      *char_start = g_utf8_pointer_to_offset (shown, shown + start);
      *char_end = g_utf8_pointer_to_offset (shown, shown + end);
      return TRUE;
    }

  wanted = visible_chars (stored + start, end - start, &wanted_index);
  chars = visible_chars (shown, strlen (shown), &shown_index);
  if (wanted->len == 0 || wanted->len > chars->len)
    return FALSE;
  expected = g_utf8_pointer_to_offset (stored, stored + start);
  for (guint i = 0; i + wanted->len <= chars->len; i++)
    {
      glong distance;

      if (memcmp (&g_array_index (chars, gunichar, i), wanted->data,
                  wanted->len * sizeof (gunichar)) != 0)
        continue;
      distance = ABS ((glong) g_array_index (shown_index, guint, i) - expected);
      if (best < 0 || distance < best)
        {
          best = distance;
          best_at = i;
        }
    }
  if (best < 0)
    return FALSE;
  *char_start = g_array_index (shown_index, guint, best_at);
  *char_end = (glong) g_array_index (shown_index, guint, best_at + wanted->len - 1) + 1;
  return TRUE;
}

/**
 * redress_pdf_boxes_for_range:
 * @boxes: one RedressPdfRect per character of @text
 * @text: the page's text
 * @char_start: the first character
 * @char_end: just after the last
 *
 * Returns: (transfer full): the boxes of the characters of the range,
 *   white space left out, merged into one rectangle per line
 */
GArray *
redress_pdf_boxes_for_range (GArray     *boxes,
                             const char *text,
                             glong       char_start,
                             glong       char_end)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (RedressPdfRect));
  const char *p = text;
  RedressPdfRect line = { 0, 0, 0, 0 };
  gboolean open = FALSE;

  for (glong i = 0; *p != '\0' && i < char_end && i < (glong) boxes->len; i++, p = g_utf8_next_char (p))
    {
      const RedressPdfRect *box = &g_array_index (boxes, RedressPdfRect, i);
      double middle = (box->y1 + box->y2) / 2;

      if (i < char_start || is_skipped (g_utf8_get_char (p)) || box->x2 <= box->x1)
        continue;
      /* On the same line: level with it, and on its right */
      if (open && middle >= line.y1 && middle <= line.y2 && box->x1 >= line.x1 - 1)
        {
          line.x1 = MIN (line.x1, box->x1);
          line.y1 = MIN (line.y1, box->y1);
          line.x2 = MAX (line.x2, box->x2);
          line.y2 = MAX (line.y2, box->y2);
          continue;
        }
      if (open)
        g_array_append_val (lines, line);
      line = *box;
      open = TRUE;
    }
  if (open)
    g_array_append_val (lines, line);
  return lines;
}

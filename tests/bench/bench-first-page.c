/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * From "open a 352-page document" to "its first page is rendered", in the
 * steps the viewer (src/redress-pdf-view.c) takes: the original bytes from
 * the store (checked against their SHA-256), a poppler document over them,
 * the size of every page (the viewer lays out all pages at load), then
 * page 1 rendered at fit-width scale (900 px wide) into a cairo ARGB32
 * surface.  The viewer hands poppler the bytes through an anonymous
 * in-memory file (poppler 22.12 crashes opening bytes with a wrong
 * password); poppler_document_new_from_bytes() is measured too.
 *
 * The reader now does all of this in redress-pdf-worker --serve, a
 * process of its own (RedressPdfServer): measured too, from the bytes to
 * the pixels back in Redress, with the in-process steps as the reference
 * (same run, interleaved).
 *
 * The preview: what the reader shows at once, before the sharp page
 * (issue 14): the bytes from the store, the document's stored data found
 * from them (redress_reader_data_load: page sizes, previews) and the PNG
 * of page 1 decoded, against the sharp page from the server (same run).
 *
 * Exits 0 whatever the timings; non-zero only if the page is not rendered.
 */
#define _GNU_SOURCE  /* memfd_create */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cairo.h>
#include <poppler.h>

#include "bench-util.h"
#include "redress-pdf-server.h"
#include "redress-reader-data.h"

#define PROGRAM "bench-first-page"
#define N_RUNS 7
#define FIT_WIDTH 900
#define TARGET_MS 100.0
#define PREVIEW_TARGET_MS 30.0

typedef enum
{
  OPEN_MEMFD,   /* as the viewer does */
  OPEN_BYTES,   /* poppler_document_new_from_bytes */
} OpenWay;

typedef struct
{
  double bytes_ms;
  double open_ms;
  double sizes_ms;
  double render_ms;
  double total_ms;
} Steps;

static PopplerDocument *
open_document (GBytes   *pdf,
               OpenWay   way,
               GError  **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *doc;
  int fd;

  if (way == OPEN_BYTES)
    return poppler_document_new_from_bytes (pdf, NULL, error);

  fd = memfd_create ("redress-pdf", MFD_CLOEXEC);
  if (fd < 0)
    return poppler_document_new_from_bytes (pdf, NULL, error);
  for (gsize done = 0; done < size;)
    {
      gssize n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "write failed");
          return NULL;
        }
      done += (gsize) n;
    }
  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  uri = g_filename_to_uri (path, NULL, error);
  doc = uri ? poppler_document_new_from_file (uri, NULL, error) : NULL;
  close (fd);
  return doc;
}

/* Pixels that are not white: the page shows something */
static guint
count_inked (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint inked = 0;

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * (gsize) stride);

      for (int x = 0; x < width; x++)
        if ((row[x] & 0xffffff) != 0xffffff)
          inked++;
    }
  return inked;
}

static Steps
open_and_render (RedressStore *store,
                 gint64        document_id,
                 OpenWay       way,
                 guint         expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) sizes = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  Steps steps;
  int n_pages;
  gint64 start = g_get_monotonic_time ();
  gint64 mark = start;

  bytes = redress_store_dup_document_bytes (store, document_id, &error);
  if (bytes == NULL)
    bench_die (PROGRAM, "document bytes", error);
  steps.bytes_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  doc = open_document (bytes, way, &error);
  if (doc == NULL)
    bench_die (PROGRAM, "poppler", error);
  steps.open_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  n_pages = poppler_document_get_n_pages (doc);
  sizes = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n_pages * 2);
  for (int i = 0; i < n_pages; i++)
    {
      double w = 612, h = 792;

      page = poppler_document_get_page (doc, i);
      if (page != NULL)
        {
          poppler_page_get_size (page, &w, &h);
          g_object_unref (page);
        }
      g_array_append_val (sizes, w);
      g_array_append_val (sizes, h);
    }
  steps.sizes_ms = bench_ms_since (mark);
  if ((guint) n_pages != expected_pages)
    bench_die (PROGRAM, "poppler sees another number of pages", NULL);

  mark = g_get_monotonic_time ();
  page = poppler_document_get_page (doc, 0);
  if (page == NULL)
    bench_die (PROGRAM, "page 1", NULL);
  poppler_page_get_size (page, &width, &height);
  scale = FIT_WIDTH / width;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FIT_WIDTH,
                                        MAX (1, (int) ceil (height * scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (page);
  steps.render_ms = bench_ms_since (mark);
  steps.total_ms = bench_ms_since (start);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || count_inked (surface) == 0)
    bench_die (PROGRAM, "page 1 rendered blank", NULL);
  cairo_surface_destroy (surface);
  g_object_unref (doc);
  return steps;
}

/* As the reader does it: a server process opens the document, measures
 * its pages and draws page 1 */
static Steps
open_and_render_server (RedressStore *store,
                        gint64        document_id,
                        guint         expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(RedressPdfServer) server = NULL;
  cairo_surface_t *surface;
  double width, height;
  int w = 0, h = 0, stride = 0;
  guint inked;
  Steps steps = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 mark = start;

  bytes = redress_store_dup_document_bytes (store, document_id, &error);
  if (bytes == NULL)
    bench_die (PROGRAM, "document bytes", error);
  steps.bytes_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  server = redress_pdf_server_open (bytes, NULL, &error);
  if (server == NULL)
    bench_die (PROGRAM, "reader process", error);
  if (redress_pdf_server_get_n_pages (server) != expected_pages)
    bench_die (PROGRAM, "the reader sees another number of pages", NULL);
  steps.open_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  redress_pdf_server_get_page_size (server, 0, &width, &height);
  pixels = redress_pdf_server_render (server, 0, FIT_WIDTH / width, &w, &h, &stride, &error);
  if (pixels == NULL)
    bench_die (PROGRAM, "page 1", error);
  steps.render_ms = bench_ms_since (mark);
  steps.total_ms = bench_ms_since (start);

  surface = cairo_image_surface_create_for_data ((unsigned char *) g_bytes_get_data (pixels, NULL),
                                                 CAIRO_FORMAT_ARGB32, w, h, stride);
  inked = count_inked (surface);
  cairo_surface_destroy (surface);
  if (inked == 0)
    bench_die (PROGRAM, "page 1 rendered blank", NULL);
  return steps;
}

typedef struct
{
  const guint8 *data;
  gsize size;
  gsize done;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->size - reader->done < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->done, length);
  reader->done += length;
  return CAIRO_STATUS_SUCCESS;
}

/* As the reader shows a stored document at once: its bytes, its stored
 * data found from them, page 1's preview decoded (bytes_ms, open_ms,
 * render_ms) */
static Steps
open_preview (RedressStore *store,
              gint64        document_id,
              guint         expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RedressReaderData) data = NULL;
  const RedressPdfPreview *preview;
  PngReader reader = { 0, };
  cairo_surface_t *surface;
  Steps steps = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 mark = start;

  bytes = redress_store_dup_document_bytes (store, document_id, &error);
  if (bytes == NULL)
    bench_die (PROGRAM, "document bytes", error);
  steps.bytes_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  data = redress_reader_data_load (store, bytes, &error);
  if (data == NULL || data->previews->len == 0 || data->sizes->len != 2 * expected_pages)
    bench_die (PROGRAM, "no stored preview", error);
  steps.open_ms = bench_ms_since (mark);

  mark = g_get_monotonic_time ();
  preview = g_ptr_array_index (data->previews, 0);
  reader.data = g_bytes_get_data (preview->png, &reader.size);
  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  steps.render_ms = bench_ms_since (mark);
  steps.total_ms = bench_ms_since (start);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || count_inked (surface) == 0)
    bench_die (PROGRAM, "preview blank", NULL);
  cairo_surface_destroy (surface);
  return steps;
}

/* One step of every run, as an array for bench_median() and bench_best() */
static GArray *
step_values (const Steps *runs,
             guint        n,
             gsize        offset)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    g_array_append_val (values, G_STRUCT_MEMBER (double, &runs[i], offset));
  return values;
}

static double
median_of (const Steps *runs,
           guint        n,
           gsize        offset)
{
  g_autoptr(GArray) values = step_values (runs, n, offset);

  return bench_median (values);
}

static void
report (const char  *title,
        const Steps *runs,
        guint        n)
{
  static const struct { const char *label; gsize offset; } rows[] = {
    { "bytes from the store (+ SHA-256 check)", G_STRUCT_OFFSET (Steps, bytes_ms) },
    { "poppler document", G_STRUCT_OFFSET (Steps, open_ms) },
    { "size of every page", G_STRUCT_OFFSET (Steps, sizes_ms) },
    { "page 1 rendered, 900 px wide", G_STRUCT_OFFSET (Steps, render_ms) },
  };
  g_autoptr(GArray) totals = step_values (runs, n, G_STRUCT_OFFSET (Steps, total_ms));
  double median = bench_median (totals);

  printf ("  %s\n", title);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    printf ("    %-40s %7.1f ms median\n", rows[i].label, median_of (runs, n, rows[i].offset));
  printf ("    %-40s %7.1f ms median, %.1f ms best   (target < %.0f ms: %s)\n", "total",
          median, bench_best (totals), TARGET_MS,
          bench_verdict (median, TARGET_MS));
}

static double
median_total (const Steps *runs,
              guint        n)
{
  return median_of (runs, n, G_STRUCT_OFFSET (Steps, total_ms));
}

static void
report_preview (const Steps *preview,
                const Steps *server,
                const Steps *reference,
                guint        n)
{
  g_autoptr(GArray) totals = step_values (preview, n, G_STRUCT_OFFSET (Steps, total_ms));
  double median = bench_median (totals);

  printf ("  the stored preview, shown at once while page 1 is drawn sharp:\n");
  printf ("    %-40s %7.1f ms median\n", "bytes from the store (+ SHA-256 check)",
          median_of (preview, n, G_STRUCT_OFFSET (Steps, bytes_ms)));
  printf ("    %-40s %7.1f ms median\n", "stored data found (sizes, previews)",
          median_of (preview, n, G_STRUCT_OFFSET (Steps, open_ms)));
  printf ("    %-40s %7.1f ms median\n", "page 1's preview decoded",
          median_of (preview, n, G_STRUCT_OFFSET (Steps, render_ms)));
  printf ("    %-40s %7.1f ms median, %.1f ms best   (target < %.0f ms: %s)\n", "total",
          median, bench_best (totals), PREVIEW_TARGET_MS,
          bench_verdict (median, PREVIEW_TARGET_MS));
  printf ("    preview / sharp page (reader's server):  %.2f\n",
          median / median_total (server, n));
  printf ("    preview / in-process reference:          %.2f\n",
          median / median_total (reference, n));
}

/* How much of the render is page 1's own: pages 2 to 5, rendered the same way */
static void
other_pages_reference (RedressStore *store,
                       gint64        document_id,
                       guint         n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = redress_store_dup_document_bytes (store, document_id, &error);
  PopplerDocument *doc = bytes ? poppler_document_new_from_bytes (bytes, NULL, &error) : NULL;

  if (doc == NULL)
    bench_die (PROGRAM, "poppler", error);
  printf ("  for reference, other pages rendered %d px wide:", FIT_WIDTH);
  for (int i = 1; i < (int) MIN (n_pages, 5u); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      cairo_surface_t *surface;
      cairo_t *cr;
      double width, height, scale;
      gint64 start = g_get_monotonic_time ();

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      scale = FIT_WIDTH / width;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FIT_WIDTH,
                                            MAX (1, (int) ceil (height * scale)));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      printf (" page %d %.1f ms%s", i + 1, bench_ms_since (start),
              i + 1 < (int) MIN (n_pages, 5u) ? "," : "");
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  printf ("\n");
  g_object_unref (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bench_make_tmpdir (PROGRAM);
  g_autofree char *description = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressDocument) document = NULL;
  Steps memfd_runs[N_RUNS];
  Steps bytes_runs[N_RUNS];
  Steps server_runs[N_RUNS];
  Steps preview_runs[N_RUNS];
  gint64 case_id = 0, document_id = 0;
  guint n_pages;

  pdf = bench_long_pdf (dir, &description);
  store = bench_store_new (PROGRAM, dir, "redress.db", &case_id);
  if (!redress_store_import_document (store, case_id, REDRESS_DOCUMENT_OFFICER_NOTES, pdf, NULL,
                                      NULL, NULL, NULL, &document_id, &error))
    bench_die (PROGRAM, "import", error);
  document = redress_store_get_document (store, document_id, &error);
  if (document == NULL)
    bench_die (PROGRAM, "document", error);
  n_pages = redress_document_get_n_pages (document);

  /* Warm-up, not counted (fonts, poppler's caches) */
  open_and_render (store, document_id, OPEN_MEMFD, n_pages);

  for (guint i = 0; i < N_RUNS; i++)
    {
      memfd_runs[i] = open_and_render (store, document_id, OPEN_MEMFD, n_pages);
      bytes_runs[i] = open_and_render (store, document_id, OPEN_BYTES, n_pages);
      server_runs[i] = open_and_render_server (store, document_id, n_pages);
      preview_runs[i] = open_preview (store, document_id, n_pages);
    }

  printf ("Redress first page benchmark: %s, %u pages, %u runs each\n", description, n_pages,
          N_RUNS);
  report ("as the reader does it: redress-pdf-worker --serve, a process of its own\n"
          "  (open = start the process + open + size of every page):", server_runs, N_RUNS);
  report ("in this process, for reference (bytes through an in-memory file):", memfd_runs, N_RUNS);
  report ("with poppler_document_new_from_bytes:", bytes_runs, N_RUNS);
  other_pages_reference (store, document_id, n_pages);
  report_preview (preview_runs, server_runs, memfd_runs, N_RUNS);

  g_clear_object (&document);
  g_clear_object (&store);
  bench_remove_tree (dir);
  return 0;
}

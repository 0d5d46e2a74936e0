/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * OCR of scanned pages: a 3-page letter rendered to grey images at 300 dpi
 * (pdftoppm) and wrapped back into an image-only PDF (img2pdf), as a
 * scanner makes it, read by redress_pdf_extract_full() in eng+fra — the
 * worker rendering each page at 300 dpi, turning it upright (OSD) and
 * reading it with Tesseract — against the `tesseract` command reading the
 * same page images in the same languages, measured in the same run and
 * interleaved, since these machines are noisy.  Seconds per page.  Then a
 * 40-page scan imported end to end (the worker's OCR, storing the pages
 * and their words, the search index, the grounds suggested, in one
 * transaction) against forty times the reference's page, with the
 * worker's peak memory.
 *
 * Exits 0 whatever the timings (and when a tool is missing, saying so);
 * non-zero only if a page is not read.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "test-pdf-util.h"
#include <glib/gstdio.h>

#define PROGRAM "bench-ocr"
#define N_PAGES 3
#define N_RUNS 3
#define LANGUAGE "eng+fra"
#define TARGET_RATIO 1.2
#define LONG_PAGES 40

static const char *page_texts[N_PAGES] = {
  "Immigration, Refugees and Citizenship Canada\n\nDear applicant,\n"
  "Your application for a temporary resident visa has been refused. I am not satisfied that "
  "you will leave Canada at the end of your stay, as stipulated in paragraph 179(b) of the "
  "Immigration and Refugee Protection Regulations, based on your family ties in Canada and in "
  "your country of residence, and on the purpose of your visit.",
  "Officer's notes\n\nThe applicant is a 34-year-old citizen of Nigeria who wishes to visit "
  "her sister in Toronto for three weeks. Bank statements show a balance that is not "
  "consistent with the stated income; the source of the deposit of 12,500 dollars made on "
  "2026-01-14 is not explained. Employment letter provided, no leave approval on file.",
  "Notes de l'agent\n\nJe ne suis pas convaincu que la demandeuse quittera le Canada à la fin "
  "de son séjour, compte tenu de ses liens familiaux au Canada et dans son pays de résidence. "
  "Les fonds disponibles ne sont pas suffisants pour la durée du séjour prévu. Demande refusée.",
};

static gboolean
run_quiet (const char * const *argv,
           GError            **error)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

/* The scan and its page images, in @dir */
static char *
make_scan (const char *dir,
           GPtrArray  *images)
{
  g_autofree char *text_pdf = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *scan = g_build_filename (dir, "scan.pdf", NULL);
  TestPdfPage pages[N_PAGES];

  for (guint i = 0; i < N_PAGES; i++)
    pages[i] = (TestPdfPage) { 612, 792, page_texts[i], FALSE };
  test_pdf_write_cairo (text_pdf, pages, N_PAGES);
  if (!run_quiet ((const char *[]) { "pdftoppm", "-r", "300", "-gray", "-png", text_pdf, prefix,
                                     NULL }, &error))
    bench_die (PROGRAM, "pdftoppm", error);
  g_ptr_array_add (argv, (gpointer) "img2pdf");
  for (guint i = 1; i <= N_PAGES; i++)
    {
      char *png = g_strdup_printf ("%s-%u.png", prefix, i);

      g_ptr_array_add (images, png);
      g_ptr_array_add (argv, png);
    }
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, scan);
  g_ptr_array_add (argv, NULL);
  if (!run_quiet ((const char * const *) argv->pdata, &error))
    bench_die (PROGRAM, "img2pdf", error);
  return scan;
}

/* Milliseconds the worker took to read the scan; checks every page was
 * read by OCR */
static double
time_redress (const char *scan)
{
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  extraction = redress_pdf_extract_full (scan, NULL, NULL, LANGUAGE, NULL, NULL, NULL, NULL,
                                         &error);
  ms = bench_ms_since (start);
  if (extraction == NULL)
    bench_die (PROGRAM, "reading the scan", error);
  if (extraction->ocr_pages != N_PAGES || extraction->pages_without_text != 0)
    {
      fprintf (stderr, "%s: %u of %u pages read by OCR (trained data missing?)\n", PROGRAM,
               extraction->ocr_pages, N_PAGES);
      exit (1);
    }
  return ms;
}

/* Milliseconds `tesseract IMAGE - -l eng+fra` took over every page image */
static double
time_tesseract (const char *tesseract,
                GPtrArray  *images)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < images->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!run_quiet ((const char *[]) { tesseract, g_ptr_array_index (images, i), "-", "-l",
                                         LANGUAGE, NULL }, &error))
        bench_die (PROGRAM, "tesseract", error);
    }
  return bench_ms_since (start);
}

/* The page images again and again, as one image-only PDF of @n_pages */
static char *
make_long_scan (const char *dir,
                GPtrArray  *images,
                guint       n_pages)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *scan = g_build_filename (dir, "long-scan.pdf", NULL);

  g_ptr_array_add (argv, (gpointer) "img2pdf");
  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (argv, g_ptr_array_index (images, i % images->len));
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, scan);
  g_ptr_array_add (argv, NULL);
  if (!run_quiet ((const char * const *) argv->pdata, &error))
    bench_die (PROGRAM, "img2pdf", error);
  return scan;
}

/* Milliseconds to import @scan into a new database, as the application
 * does it; checks every page was read by OCR */
static double
time_import (const char *dir,
             const char *scan,
             guint       n_pages)
{
  g_autofree char *path = g_build_filename (dir, "long.db", NULL);
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  gint64 start;
  double ms;

  store = redress_store_open (path, &error);
  if (store == NULL)
    bench_die (PROGRAM, "database", error);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Okafor");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Chidinma");
  if (!redress_store_insert_client (store, client, &error))
    bench_die (PROGRAM, "client", error);
  kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "visitor-visa");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-11-20");
  if (!redress_store_insert_case (store, kase, &error))
    bench_die (PROGRAM, "case", error);

  start = g_get_monotonic_time ();
  if (!redress_store_import_document_full (store, redress_record_get_id (REDRESS_RECORD (kase)),
                                           REDRESS_DOCUMENT_OFFICER_NOTES, scan, NULL, LANGUAGE,
                                           NULL, NULL, NULL, NULL, &document_id, &error))
    bench_die (PROGRAM, "importing the long scan", error);
  ms = bench_ms_since (start);
  document = redress_store_get_document (store, document_id, &error);
  if (document == NULL)
    bench_die (PROGRAM, "the imported document", error);
  if (redress_document_get_ocr_pages (document) != n_pages)
    {
      fprintf (stderr, "%s: %u of %u pages read by OCR\n", PROGRAM,
               redress_document_get_ocr_pages (document), n_pages);
      exit (1);
    }
  g_clear_object (&store);
  g_unlink (path);
  return ms;
}

static void
print_row (const char *label,
           GArray     *values,
           const char *runs)
{
  printf ("    %-44s%s   best %6.2f   median %6.2f\n", label, runs, bench_best (values),
          bench_median (values));
}

/* Milliseconds for the whole scan, as seconds per page */
static GArray *
per_page_seconds (GArray *ms)
{
  GArray *seconds = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < ms->len; i++)
    {
      double value = g_array_index (ms, double, i) / 1000.0 / N_PAGES;

      g_array_append_val (seconds, value);
    }
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  const char *tools[] = { "pdftoppm", "img2pdf" };
  g_autofree char *dir = NULL;
  g_autofree char *scan = NULL;
  g_autofree char *tesseract = g_find_program_in_path ("tesseract");
  g_autofree char *worker = redress_pdf_dup_worker_path ();
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) redress_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redress_s = NULL;
  g_autoptr(GArray) reference_s = NULL;
  g_autofree char *redress_runs = NULL;
  g_autofree char *reference_runs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          printf ("Redress OCR benchmark: not run (%s is not installed)\n", tools[i]);
          return 0;
        }
    }

  dir = bench_make_tmpdir (PROGRAM);
  scan = make_scan (dir, images);

  /* Warm-up, not counted: the trained data in the page cache */
  time_redress (scan);
  if (tesseract != NULL)
    time_tesseract (tesseract, images);

  /* Interleaved, so that a noisy moment costs both */
  for (guint run = 1; run <= N_RUNS; run++)
    {
      double ms;

      if (tesseract != NULL)
        {
          ms = time_tesseract (tesseract, images);
          g_array_append_val (reference_ms, ms);
        }
      ms = time_redress (scan);
      g_array_append_val (redress_ms, ms);
    }

  redress_s = per_page_seconds (redress_ms);
  reference_s = per_page_seconds (reference_ms);
  redress_runs = bench_format_runs (redress_s, 2);
  reference_runs = bench_format_runs (reference_s, 2);

  printf ("Redress OCR benchmark: a generated %u-page scan (300 dpi, grey), %s\n", N_PAGES,
          LANGUAGE);
  printf ("  PDF reader %s\n", worker);
  printf ("  seconds per page, %u runs interleaved with tesseract (after one warm-up run):\n",
          N_RUNS);
  if (tesseract != NULL)
    print_row ("tesseract IMAGE - -l " LANGUAGE " (reference)", reference_s, reference_runs);
  print_row ("redress_pdf_extract_full (render, OSD, OCR)", redress_s, redress_runs);
  if (tesseract != NULL)
    {
      double best_ratio = bench_best (redress_ms) / bench_best (reference_ms);
      double median_ratio = bench_median (redress_ms) / bench_median (reference_ms);

      printf ("  redress / tesseract: best %.2f, median %.2f   (target <= %.1f: %s)\n",
              best_ratio, median_ratio, TARGET_RATIO, bench_verdict (median_ratio, TARGET_RATIO));
    }
  else
    printf ("  redress / tesseract: not measured (the tesseract command is not installed: "
            "tesseract-ocr)\n");

  /* A long scan end to end, once (it takes about a minute) */
  {
    g_autofree char *long_scan = make_long_scan (dir, images, LONG_PAGES);
    double ms = time_import (dir, long_scan, LONG_PAGES);
    struct rusage usage;

    getrusage (RUSAGE_CHILDREN, &usage);
    printf ("  a %u-page scan imported end to end:        %6.1f s, %.2f s a page", LONG_PAGES,
            ms / 1000.0, ms / 1000.0 / LONG_PAGES);
    if (tesseract != NULL)
      printf ("   (%.2f × the reference's page)",
              ms / LONG_PAGES / (bench_median (reference_ms) / N_PAGES));
    /* The largest child: the PDF reader, or tesseract when it ran */
    printf ("\n  peak memory of the PDF reader or tesseract:    %6.1f MB\n",
            (double) usage.ru_maxrss / 1024.0);
  }

  bench_remove_tree (dir);
  test_pdf_shutdown ();
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Importing a 352-page PDF (long_freeculture-352p.pdf from the corpus, or
 * a generated one): redress_store_import_document() into a fresh database
 * each time — the file read and hashed, redress-pdf-worker extracting the
 * text of every page, then the blob, the pages and their full-text index
 * written in one transaction — against `pdftotext FILE /dev/null` on the
 * same file, measured in the same run and interleaved, since these
 * machines are noisy.  The PDF reading alone (redress_pdf_extract) is
 * measured too, to tell the worker's share from the database's.
 *
 * Exits 0 whatever the timings; non-zero only if an import is wrong.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>

#include "bench-util.h"

#define PROGRAM "bench-import"
#define N_RUNS 3
#define TARGET_RATIO 1.3

/* One import into a fresh database; checks what it stored */
static double
time_import (const char *dir,
             const char *pdf,
             guint       run,
             guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("import-%u.db", run);
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_auto(GStrv) text = NULL;
  gint64 case_id = 0, document_id = 0;
  gint64 start;
  double ms;

  store = bench_store_new (PROGRAM, dir, name, &case_id);

  start = g_get_monotonic_time ();
  if (!redress_store_import_document (store, case_id, REDRESS_DOCUMENT_OFFICER_NOTES, pdf, NULL,
                                      NULL, NULL, NULL, &document_id, &error))
    bench_die (PROGRAM, "import", error);
  ms = bench_ms_since (start);

  /* What it stored: every page, with text, indexed */
  document = redress_store_get_document (store, document_id, &error);
  if (document == NULL)
    bench_die (PROGRAM, "stored document", error);
  *n_pages = redress_document_get_n_pages (document);
  text = redress_store_dup_document_text (store, document_id, &error);
  if (text == NULL || g_strv_length (text) != *n_pages || !redress_document_get_has_text (document))
    bench_die (PROGRAM, "the text of the pages was not stored", error);
  {
    /* A word of its last page with text finds that page */
    g_auto(GStrv) words = NULL;
    const char *word = NULL;

    for (guint p = *n_pages; p > 0 && word == NULL; p--)
      {
        g_strfreev (words);
        words = g_strsplit_set (text[p - 1], " \n\t.,;:()", -1);
        for (guint w = 0; words[w] != NULL && word == NULL; w++)
          if (g_utf8_strlen (words[w], -1) >= 6 && g_str_is_ascii (words[w]))
            word = words[w];
      }
    hits = word ? redress_store_search_pages (store, word, 50, &error) : NULL;
    if (hits == NULL || hits->len == 0)
      bench_die (PROGRAM, "the index does not find a word of the document", error);
  }
  return ms;
}

static double
time_extract (const char *pdf,
              guint       expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  extraction = redress_pdf_extract (pdf, NULL, NULL, NULL, NULL, NULL, &error);
  ms = bench_ms_since (start);
  if (extraction == NULL)
    bench_die (PROGRAM, "extract", error);
  if (extraction->pages->len != expected_pages)
    bench_die (PROGRAM, "extract: wrong number of pages", NULL);
  return ms;
}

static void
print_row (const char *label,
           GArray     *values,
           const char *runs)
{
  printf ("    %-48s%s   best %5.0f   median %5.0f\n", label, runs, bench_best (values),
          bench_median (values));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = bench_make_tmpdir (PROGRAM);
  g_autofree char *description = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pdftotext = NULL;
  g_autofree char *worker = redress_pdf_dup_worker_path ();
  g_autoptr(GArray) import_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) extract_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *import_runs = NULL;
  g_autofree char *extract_runs = NULL;
  g_autofree char *reference_runs = NULL;
  g_autofree char *size_text = NULL;
  guint n_pages = 0;
  GStatBuf st;

  pdf = bench_long_pdf (dir, &description);
  if (g_stat (pdf, &st) != 0)
    bench_die (PROGRAM, pdf, NULL);
  size_text = g_format_size ((guint64) st.st_size);

  pdftotext = bench_find_pdftotext ();

  /* Warm-up, not counted: the file, poppler and the worker in the page cache */
  time_import (dir, pdf, 0, &n_pages);
  if (pdftotext != NULL)
    bench_time_pdftotext (PROGRAM, pdftotext, pdf, "/dev/null");

  /* Interleaved, so that a noisy moment costs both */
  for (guint run = 1; run <= N_RUNS; run++)
    {
      double ms;

      if (pdftotext != NULL)
        {
          ms = bench_time_pdftotext (PROGRAM, pdftotext, pdf, "/dev/null");
          g_array_append_val (reference_ms, ms);
        }
      ms = time_import (dir, pdf, run, &n_pages);
      g_array_append_val (import_ms, ms);
      ms = time_extract (pdf, n_pages);
      g_array_append_val (extract_ms, ms);
    }

  import_runs = bench_format_runs (import_ms, 0);
  extract_runs = bench_format_runs (extract_ms, 0);
  reference_runs = bench_format_runs (reference_ms, 0);

  printf ("Redress import benchmark: %s\n", description);
  printf ("  %u pages, %s; PDF reader %s\n", n_pages, size_text, worker);
  printf ("  ms, %u runs interleaved with pdftotext (after one warm-up run):\n", N_RUNS);
  if (pdftotext != NULL)
    print_row ("pdftotext FILE /dev/null (reference)", reference_ms, reference_runs);
  print_row ("import (worker, text, FTS index, blob, commit)", import_ms, import_runs);
  print_row ("  reading alone (redress_pdf_extract)", extract_ms, extract_runs);
  if (pdftotext != NULL)
    {
      double best_ratio = bench_best (import_ms) / bench_best (reference_ms);
      double median_ratio = bench_median (import_ms) / bench_median (reference_ms);

      printf ("  import / pdftotext: best %.2f, median %.2f   (target <= %.1f: %s)\n",
              best_ratio, median_ratio, TARGET_RATIO, bench_verdict (median_ratio, TARGET_RATIO));
    }
  else
    printf ("  import / pdftotext: not measured (pdftotext not found: install poppler-utils)\n");

  bench_remove_tree (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Drafting and exporting a checklist of 120 items: a case with every
 * ground of the catalogue confirmed, on the new-application path, with
 * items added by hand up to 120; then, timed, redress_report_new_checklist()
 * (which drafts — merges — the checklist and reads it with the grounds)
 * and redress_report_write_pdf() (layout and PDF).  The reference,
 * measured in the same run and interleaved since these machines are
 * noisy, is `pdftotext` reading the PDF that was written: the ratio says
 * how writing the checklist compares with merely reading it back.
 *
 * Exits 0 whatever the timings; non-zero only if the PDF is wrong.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>

#include "bench-util.h"

#define PROGRAM "bench-checklist"
#define N_RUNS 5
#define N_ITEMS 120

static guint
prepare (RedressStore *store,
         gint64        case_id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressCase) kase = redress_store_get_case (store, case_id, &error);

  if (kase == NULL)
    bench_die (PROGRAM, "case", error);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "new-application");
  if (!redress_store_update_case (store, kase, &error))
    bench_die (PROGRAM, "path", error);
  for (const char * const *codes = redress_grounds_get_codes (); *codes != NULL; codes++)
    if (!redress_store_add_ground (store, case_id, *codes, &error))
      bench_die (PROGRAM, "ground", error);
  if (!redress_store_draft_checklist (store, case_id, "new-application", NULL, &error))
    bench_die (PROGRAM, "draft", error);
  items = redress_store_list_checklist (store, case_id, "new-application", &error);
  if (items == NULL)
    bench_die (PROGRAM, "list", error);
  for (guint i = items->len; i < N_ITEMS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Supporting document %u requested by the consultant, "
                                               "with a description long enough to wrap", i + 1);

      if (!redress_store_add_checklist_item (store, case_id, "new-application",
                                             i % 3 ? "finances" : NULL, text, NULL, &error))
        bench_die (PROGRAM, "add item", error);
    }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = redress_store_list_checklist (store, case_id, "new-application", &error);
  return items ? items->len : 0;
}

static double
time_export (RedressStore *store,
             gint64        case_id,
             const char   *pdf,
             guint        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  gint64 start = g_get_monotonic_time ();
  double ms;

  report = redress_report_new_checklist (store, case_id, NULL, "en", &error);
  if (report == NULL || !redress_report_write_pdf (report, file, &error))
    bench_die (PROGRAM, "export", error);
  ms = bench_ms_since (start);
  *n_pages = redress_report_get_n_pages (report);
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = bench_make_tmpdir (PROGRAM);
  g_autofree char *pdf = g_build_filename (dir, "checklist.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "checklist.txt", NULL);
  g_autofree char *pdftotext = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GArray) export_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *export_runs = NULL;
  g_autofree char *reference_runs = NULL;
  g_autofree char *size_text = NULL;
  gint64 case_id = 0;
  guint n_items, n_pages = 0;
  GStatBuf st;

  store = bench_store_new (PROGRAM, dir, "checklist.db", &case_id);
  n_items = prepare (store, case_id);
  if (n_items != N_ITEMS)
    bench_die (PROGRAM, "the checklist does not have 120 items", NULL);

  pdftotext = bench_find_pdftotext ();

  /* Warm-up, not counted: fonts loaded, the database in the page cache */
  time_export (store, case_id, pdf, &n_pages);
  for (guint run = 1; run <= N_RUNS; run++)
    {
      double ms = time_export (store, case_id, pdf, &n_pages);

      g_array_append_val (export_ms, ms);
      if (pdftotext != NULL)
        {
          ms = bench_time_pdftotext (PROGRAM, pdftotext, pdf, txt);
          g_array_append_val (reference_ms, ms);
        }
    }
  if (pdftotext != NULL)
    {
      g_autofree char *text = NULL;

      /* What was written is the checklist: its last item is in the text */
      if (!g_file_get_contents (txt, &text, NULL, NULL) ||
          g_strstr_len (text, -1, "Supporting document 120") == NULL)
        bench_die (PROGRAM, "the PDF does not hold the last item", NULL);
    }
  if (g_stat (pdf, &st) != 0)
    bench_die (PROGRAM, pdf, NULL);
  size_text = g_format_size ((guint64) st.st_size);

  export_runs = bench_format_runs (export_ms, 0);
  reference_runs = bench_format_runs (reference_ms, 0);
  printf ("Redress checklist benchmark: %u items, every ground confirmed\n", n_items);
  printf ("  PDF: %u pages, %s\n", n_pages, size_text);
  printf ("  ms, %u runs (after one warm-up run):\n", N_RUNS);
  printf ("    %-48s%s   best %5.0f   median %5.0f\n", "draft (merge) + read + lay out + write PDF",
          export_runs, bench_best (export_ms), bench_median (export_ms));
  if (pdftotext != NULL)
    {
      printf ("    %-48s%s   best %5.0f   median %5.0f\n", "pdftotext on that PDF (reference)",
              reference_runs, bench_best (reference_ms), bench_median (reference_ms));
      printf ("  export / pdftotext: median %.2f\n",
              bench_median (export_ms) / bench_median (reference_ms));
    }

  g_clear_object (&store);
  bench_remove_tree (dir);
  return 0;
}

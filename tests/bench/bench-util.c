/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "test-pdf-util.h"

/* The temporary folder, removed when a benchmark dies */
static char *tmpdir;

void
bench_die (const char   *program,
           const char   *what,
           const GError *error)
{
  fprintf (stderr, "%s: %s: %s\n", program, what, error ? error->message : "failed");
  if (tmpdir != NULL)
    bench_remove_tree (tmpdir);
  exit (1);
}

double
bench_ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

double
bench_best (GArray *values)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < values->len; i++)
    best = MIN (best, g_array_index (values, double, i));
  return values->len > 0 ? best : 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return 0;
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (sorted, values->data, n);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

char *
bench_format_runs (GArray *values,
                   int     decimals)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (out, " %7.*f", decimals, g_array_index (values, double, i));
  return g_string_free (out, FALSE);
}

const char *
bench_verdict (double value,
               double target)
{
  return value <= target ? "ok" : "OVER";
}

char *
bench_make_tmpdir (const char *program)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", program);
  char *dir = g_dir_make_tmp (template, &error);

  if (dir == NULL)
    bench_die (program, "temporary folder", error);
  g_free (tmpdir);
  tmpdir = g_strdup (dir);
  return dir;
}

void
bench_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          bench_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
bench_long_pdf (const char  *dir,
                char       **description)
{
  g_autofree char *corpus = test_corpus_dir ();
  g_autofree char *path = corpus ? g_build_filename (corpus, BENCH_LONG_PDF, NULL) : NULL;

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      *description = g_strdup_printf ("%s (corpus)", BENCH_LONG_PDF);
      return g_steal_pointer (&path);
    }

  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "generated-352p.pdf", NULL);
  test_pdf_write_long (path, BENCH_LONG_PAGES);
  *description = g_strdup_printf ("a generated %u-page text PDF (no corpus: set "
                                  "REDRESS_CORPUS_DIR for %s)", BENCH_LONG_PAGES,
                                  BENCH_LONG_PDF);
  return g_steal_pointer (&path);
}

RedressStore *
bench_store_new (const char *program,
                 const char *dir,
                 const char *name,
                 gint64     *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(RedressStore) store = redress_store_open (path, &error);
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autoptr(RedressCase) kase = NULL;

  if (store == NULL)
    bench_die (program, "open", error);
  redress_store_set_actor (store, "bench");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Tremblay");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Amélie");
  if (!redress_store_insert_client (store, client, &error))
    bench_die (program, "insert client", error);
  kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "study-permit");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-02-20");
  if (!redress_store_insert_case (store, kase, &error))
    bench_die (program, "insert case", error);
  *case_id = redress_record_get_id (REDRESS_RECORD (kase));
  return g_steal_pointer (&store);
}

char *
bench_find_pdftotext (void)
{
  const char *configured = g_getenv ("REDRESS_PDFTOTEXT");

  if (configured != NULL && g_file_test (configured, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (configured);
  return g_find_program_in_path ("pdftotext");
}

double
bench_time_pdftotext (const char *program,
                      const char *pdftotext,
                      const char *pdf,
                      const char *out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { pdftotext, pdf, out, NULL };
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    bench_die (program, "pdftotext", error);
  return bench_ms_since (start);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-detector.h"
#include "redress-pdf-import.h"
#include "test-pdf-util.h"

/*
 * Ground detection time per page on a 352-page document: the text of
 * long_freeculture-352p.pdf from $REDRESS_CORPUS_DIR (through
 * redress-pdf-worker, as an import reads it), or 352 generated pages of
 * officer's notes when the corpus is absent.  A refusal letter is put in
 * front so that every rule and pattern runs to the end.
 */

#define N_PAGES 352
#define RUNS 5

static const char *letter =
  "I am refusing your application because you have not established that you will leave Canada "
  "at the end of your stay, as required by paragraph 179(b) of the IRPR, based on the following "
  "factors:\n• You do not have significant family ties outside Canada.\n• The purpose of your "
  "visit to Canada is not consistent with a temporary stay.\n";

static GPtrArray *
corpus_pages (void)
{
  g_autofree char *dir = test_corpus_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RedressPdfExtraction) x = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pages;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "long_freeculture-352p.pdf", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  x = redress_pdf_extract (path, NULL, NULL, NULL, NULL, NULL, &error);
  if (x == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return NULL;
    }
  pages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < x->pages->len; i++)
    g_ptr_array_add (pages, g_strdup (((RedressPdfPage *) g_ptr_array_index (x->pages, i))->text));
  return pages;
}

static GPtrArray *
generated_pages (void)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_PAGES; i++)
    {
      GString *page = g_string_new (NULL);

      g_string_append_printf (page, "Page %u of %u\n", i + 1, N_PAGES);
      while (page->len < 2500)
        g_string_append (page,
                         "PA is a 31 y.o. single male employed as a sales clerk in COR since "
                         "2021. Detailed bank statements show overall low funds; a large deposit\n"
                         "made two weeks before the application is not explained. PA's travel his-\n"
                         "tory is limited. Ties to COR are weak: no spouse, no children, parents\n"
                         "in Cda. Purpose of visit: tourism for three weeks.\n");
      g_ptr_array_add (pages, g_string_free (page, FALSE));
    }
  return pages;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) pages = corpus_pages ();
  const char *source = "long_freeculture-352p.pdf";
  double best = G_MAXDOUBLE, best_passages = G_MAXDOUBLE;
  gsize bytes = 0;
  guint n_hits = 0;

  if (pages == NULL)
    {
      pages = generated_pages ();
      source = "352 generated pages";
    }
  g_ptr_array_insert (pages, 0, g_strdup (letter));
  for (guint i = 0; i < pages->len; i++)
    bytes += strlen (g_ptr_array_index (pages, i));

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = redress_detector_detect ((const char * const *) pages->pdata,
                                                           pages->len, NULL, NULL);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      g_autoptr(GPtrArray) passages = NULL;

      best = MIN (best, ms);
      n_hits = hits->len;

      start = g_get_monotonic_time ();
      passages = redress_detector_suggest_passages ("finances", (const char * const *) pages->pdata,
                                                    pages->len, 10);
      best_passages = MIN (best_passages, (g_get_monotonic_time () - start) / 1000.0);
    }

  /* The reference, in the same run: one pass of a plain pattern (every
   * word) over the same text, so the figure says how many such passes
   * detection costs whatever the machine */
  {
    g_autoptr(GRegex) words = g_regex_new ("\\w+", G_REGEX_OPTIMIZE, 0, NULL);
    double reference = G_MAXDOUBLE;

    for (guint run = 0; run < RUNS; run++)
      {
        gint64 start = g_get_monotonic_time ();

        for (guint i = 0; i < pages->len; i++)
          {
            GMatchInfo *info = NULL;

            g_regex_match (words, g_ptr_array_index (pages, i), 0, &info);
            while (g_match_info_matches (info))
              g_match_info_next (info, NULL);
            g_match_info_free (info);
          }
        reference = MIN (reference, (g_get_monotonic_time () - start) / 1000.0);
      }
    g_print ("reference: one word-by-word pass over the text: %.1f ms\n", reference);
    g_print ("detect: %s, %u pages, %.1f MB of text: %.1f ms, %.3f ms/page, %.1f times the "
             "reference (best of %d; %u grounds)\n", source, pages->len, bytes / 1e6, best,
             best / pages->len, best / reference, RUNS, n_hits);
  }
  g_print ("suggest passages: %.1f ms, %.3f ms/page\n", best_passages,
           best_passages / pages->len);
  /* Under a millisecond a page, with room for a slower machine */
  g_assert_cmpfloat (best / pages->len, <, 3.0);
  return 0;
}

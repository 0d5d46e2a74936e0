/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-detector.h"
#include "redress-grounds.h"
#include "redress-store-documents.h"
#include "redress-store-grounds.h"
#include "test-labelled.h"
#include "test-pdf-util.h"
#include "test-util.h"

/*
 * The labelled set (the .txt files of letters/, written from DOMAIN.md): each letter is
 * rendered to a PDF, imported (text through redress-pdf-worker, detection
 * by the import itself), and the grounds found are compared with its
 * labels: precision and recall over the whole set must be 1.0, provisions
 * must be those cited, quotes must be the page's words at the offsets
 * reported.  The same letters are also read as plain text (the detector
 * without PDF extraction), where line breaks and hyphens are exactly as
 * written.
 */

typedef struct
{
  guint tp, fp, fn;
  guint provisions_checked;
  guint n_hits;
} Score;

static void
score_letter (const TestLabelled       *letter,
              const char * const *pages,
              guint               n_pages,
              GPtrArray          *hits,
              const char         *language,
              Score              *score,
              const char         *path_name)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (language, ==, letter->language);
  for (guint i = 0; i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);
      const char *provision;

      g_assert_false (g_hash_table_contains (seen, hit->code));   /* one hit per ground */
      g_hash_table_add (seen, hit->code);
      test_labelled_check_quote (letter, pages, n_pages, hit);
      score->n_hits++;

      if (!g_hash_table_lookup_extended (letter->expected, hit->code, NULL, (gpointer *) &provision))
        {
          g_test_message ("%s (%s): unexpected %s: “%s”", letter->name, path_name, hit->code,
                          hit->quote);
          score->fp++;
          continue;
        }
      score->tp++;
      if (g_strcmp0 (hit->provision != NULL ? hit->provision : "", provision) != 0)
        g_error ("%s (%s): %s cites “%s”, labelled “%s”", letter->name, path_name, hit->code,
                 hit->provision, provision);
      score->provisions_checked++;
    }

  {
    GHashTableIter iter;
    const char *code;

    g_hash_table_iter_init (&iter, letter->expected);
    while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
      if (!g_hash_table_contains (seen, code))
        {
          g_test_message ("%s (%s): missed %s", letter->name, path_name, code);
          score->fn++;
        }
  }
}

static void
report (const char *path_name,
        const Score *score,
        guint n_letters)
{
  double precision = score->tp + score->fp > 0 ? (double) score->tp / (score->tp + score->fp) : 1;
  double recall = score->tp + score->fn > 0 ? (double) score->tp / (score->tp + score->fn) : 1;

  g_test_message ("%s: %u letters, %u grounds labelled, %u found, %u wrong, %u missed: "
                  "precision %.3f, recall %.3f", path_name, n_letters, score->tp + score->fn,
                  score->tp, score->fp, score->fn, precision, recall);
  g_assert_cmpfloat (precision, ==, 1.0);
  g_assert_cmpfloat (recall, ==, 1.0);
}

/* The set itself: big enough, both languages, every ground twice */
static void
test_set_coverage (void)
{
  g_autoptr(GPtrArray) letters = test_labelled_load_set ("letters");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *codes = redress_grounds_get_codes ();
  guint n_fr = 0, n_none = 0;

  g_assert_cmpuint (letters->len, >=, 30);
  for (guint i = 0; i < letters->len; i++)
    {
      TestLabelled *letter = g_ptr_array_index (letters, i);
      GHashTableIter iter;
      const char *code;

      n_fr += strcmp (letter->language, "fr") == 0;
      n_none += g_hash_table_size (letter->expected) == 0;
      g_hash_table_iter_init (&iter, letter->expected);
      while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
        g_hash_table_insert (counts, (gpointer) code,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1));
    }
  g_assert_cmpuint (n_fr, >=, 10);
  g_assert_cmpuint (n_none, >=, 5);
  for (guint i = 0; codes[i] != NULL; i++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, codes[i])) < 2)
      g_error ("The set states %s fewer than twice", codes[i]);
}

/* Plain text, as written (hyphens and line breaks where the letter has them) */
static void
test_set_text (void)
{
  g_autoptr(GPtrArray) letters = test_labelled_load_set ("letters");
  Score score = { 0 };

  for (guint i = 0; i < letters->len; i++)
    {
      TestLabelled *letter = g_ptr_array_index (letters, i);
      const char * const *pages = (const char * const *) letter->pages->pdata;
      g_autofree char *language = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GPtrArray) again = NULL;

      hits = redress_detector_detect (pages, letter->pages->len, NULL, &language);
      score_letter (letter, pages, letter->pages->len, hits, language, &score, "text");

      /* Deterministic */
      again = redress_detector_detect (pages, letter->pages->len, NULL, NULL);
      g_assert_cmpuint (again->len, ==, hits->len);
      for (guint h = 0; h < hits->len; h++)
        {
          RedressGroundHit *x = g_ptr_array_index (hits, h), *y = g_ptr_array_index (again, h);

          g_assert_cmpstr (x->code, ==, y->code);
          g_assert_cmpstr (x->quote, ==, y->quote);
          g_assert_cmpuint (x->start, ==, y->start);
        }
    }
  report ("text", &score, letters->len);
}

/* Rendered to PDF, imported: the text poppler extracts, and the
 * suggestions the import stored */
static void
test_set_pdf (void)
{
  g_autoptr(GPtrArray) letters = test_labelled_load_set ("letters");
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) store = test_open_store (dir, "letters.db");
  g_autoptr(RedressClient) client = test_add_client (store, "Dubois", "Léa", NULL);
  Score score = { 0 };

  for (guint i = 0; i < letters->len; i++)
    {
      TestLabelled *letter = g_ptr_array_index (letters, i);
      g_autoptr(RedressCase) kase = test_add_case (store, redress_record_get_id (REDRESS_RECORD (client)),
                                                   "visitor-visa", "2024-03-01");
      gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
      g_autofree TestPdfPage *pdf_pages = g_new0 (TestPdfPage, letter->pages->len);
      g_autofree char *path = g_build_filename (dir, letter->name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GPtrArray) stored = NULL;
      g_auto(GStrv) texts = NULL;
      g_autofree char *language = NULL;
      gint64 document_id = 0;

      for (guint p = 0; p < letter->pages->len; p++)
        pdf_pages[p] = (TestPdfPage) { 595, 842, g_ptr_array_index (letter->pages, p), FALSE };
      test_pdf_write_cairo (path, pdf_pages, letter->pages->len);

      g_assert_true (redress_store_import_document (store, case_id,
                                                    REDRESS_DOCUMENT_REFUSAL_LETTER, path, NULL,
                                                    NULL, NULL, NULL, &document_id, &error));
      g_assert_no_error (error);
      texts = redress_store_dup_document_text (store, document_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (texts), ==, letter->pages->len);

      hits = redress_detector_detect ((const char * const *) texts, g_strv_length (texts), NULL,
                                      &language);
      score_letter (letter, (const char * const *) texts, g_strv_length (texts), hits, language,
                    &score, "pdf");

      /* The import stored the same grounds, as suggestions */
      stored = redress_store_list_grounds (store, case_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stored->len, ==, hits->len);
      for (guint h = 0; h < hits->len; h++)
        {
          RedressGroundHit *hit = g_ptr_array_index (hits, h);
          gboolean found = FALSE;

          for (guint s = 0; s < stored->len; s++)
            {
              RedressCaseGround *ground = g_ptr_array_index (stored, s);

              if (g_strcmp0 (redress_case_ground_get_code (ground), hit->code) != 0)
                continue;
              found = TRUE;
              g_assert_cmpint (redress_case_ground_get_state (ground), ==, REDRESS_GROUND_SUGGESTED);
              g_assert_cmpstr (redress_case_ground_get_quote (ground), ==, hit->quote);
              g_assert_cmpstr (redress_case_ground_get_provision (ground), ==, hit->provision);
              g_assert_cmpuint (redress_case_ground_get_page (ground), ==, hit->page);
              g_assert_cmpint (redress_case_ground_get_document_id (ground), ==, document_id);
            }
          g_assert_true (found);
        }
    }
  report ("pdf", &score, letters->len);

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/letters/set", test_set_coverage);
  g_test_add_func ("/letters/text", test_set_text);
  g_test_add_func ("/letters/pdf", test_set_pdf);

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

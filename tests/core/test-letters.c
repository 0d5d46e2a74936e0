/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-detector.h"
#include "redress-grounds.h"
#include "redress-store-documents.h"
#include "redress-store-grounds.h"
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
  char *name;
  char *language;
  GPtrArray *pages;            /* char * */
  GHashTable *expected;        /* code -> provision ("" for none) */
} Letter;

static void
letter_free (Letter *letter)
{
  g_free (letter->name);
  g_free (letter->language);
  g_ptr_array_unref (letter->pages);
  g_hash_table_unref (letter->expected);
  g_free (letter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Letter, letter_free)

static Letter *
letter_load (const char *path)
{
  Letter *letter = g_new0 (Letter, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) pages = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  letter->name = g_path_get_basename (path);
  letter->pages = g_ptr_array_new_with_free_func (g_free);
  letter->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  parts = g_strsplit (contents, "\n---\n", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  header = g_strsplit (parts[0], "\n", -1);
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (g_str_has_prefix (header[i], "language:"))
        letter->language = g_strstrip (g_strdup (header[i] + strlen ("language:")));
      else if (g_str_has_prefix (header[i], "expect:"))
        {
          g_auto(GStrv) items = g_strsplit (header[i] + strlen ("expect:"), ",", -1);

          for (guint j = 0; items[j] != NULL; j++)
            {
              g_auto(GStrv) kv = g_strsplit (g_strstrip (items[j]), "=", 2);

              if (strcmp (kv[0], "none") == 0 || kv[0][0] == '\0')
                continue;
              g_assert_true (redress_ground_is_known (kv[0]));
              g_hash_table_insert (letter->expected, g_strdup (kv[0]),
                                   g_strdup (kv[1] != NULL ? kv[1] : ""));
            }
        }
    }
  g_assert_nonnull (letter->language);

  pages = g_strsplit (parts[1], "<<<page>>>\n", -1);
  for (guint i = 0; pages[i] != NULL; i++)
    g_ptr_array_add (letter->pages, g_strdup (pages[i]));
  return letter;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
load_set (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "core", "letters", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *letters = g_ptr_array_new_with_free_func ((GDestroyNotify) letter_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (letters, letter_load (g_ptr_array_index (names, i)));
  return letters;
}

/* Text without white space and hyphens: a quote is the page's words
 * with white space collapsed and end-of-line hyphenation undone */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-' && c != 0xAD)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Page numbers at the top and bottom of pages are not part of a quote */
static char *
strip_page_numbers (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*Page \\d+ of \\d+\\s*$", G_REGEX_MULTILINE, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

static void
check_quote (const Letter           *letter,
             const char * const     *pages,
             guint                   n_pages,
             const RedressGroundHit *hit)
{
  g_autoptr(GString) original = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpuint (hit->page, >=, 1);
  g_assert_cmpuint (hit->end_page, >=, hit->page);
  g_assert_cmpuint (hit->end_page, <=, n_pages);
  if (hit->end_page == hit->page)
    {
      g_assert_cmpuint (hit->start, <, hit->end);
      g_assert_cmpuint (hit->end, <=, strlen (pages[hit->page - 1]));
      g_string_append_len (original, pages[hit->page - 1] + hit->start, hit->end - hit->start);
    }
  else
    {
      /* Each page without its page number */
      g_autofree char *first = strip_page_numbers (pages[hit->page - 1] + hit->start);
      g_autofree char *last_part = g_strndup (pages[hit->end_page - 1], hit->end);
      g_autofree char *last = strip_page_numbers (last_part);

      g_string_append (original, first);
      for (guint p = hit->page + 1; p < hit->end_page; p++)
        {
          g_autofree char *middle = strip_page_numbers (pages[p - 1]);

          g_string_append (original, middle);
        }
      g_string_append (original, last);
    }
  g_assert_true (g_utf8_validate (hit->quote, -1, NULL));
  g_assert_null (strchr (hit->quote, '\n'));
  g_assert_false (g_unichar_isspace (g_utf8_get_char (hit->quote)));
  stripped = strip_page_numbers (original->str);
  a = squeeze (hit->quote);
  b = squeeze (stripped);
  if (g_strcmp0 (a, b) != 0)
    g_error ("%s: %s: the quote “%s” is not the page's “%s”", letter->name, hit->code,
             hit->quote, original->str);
}

typedef struct
{
  guint tp, fp, fn;
  guint provisions_checked;
  guint n_hits;
} Score;

static void
score_letter (const Letter       *letter,
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
      check_quote (letter, pages, n_pages, hit);
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
  g_autoptr(GPtrArray) letters = load_set ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *codes = redress_grounds_get_codes ();
  guint n_fr = 0, n_none = 0;

  g_assert_cmpuint (letters->len, >=, 30);
  for (guint i = 0; i < letters->len; i++)
    {
      Letter *letter = g_ptr_array_index (letters, i);
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
  g_autoptr(GPtrArray) letters = load_set ();
  Score score = { 0 };

  for (guint i = 0; i < letters->len; i++)
    {
      Letter *letter = g_ptr_array_index (letters, i);
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
  g_autoptr(GPtrArray) letters = load_set ();
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) store = test_open_store (dir, "letters.db");
  g_autoptr(RedressClient) client = test_add_client (store, "Dubois", "Léa", NULL);
  Score score = { 0 };

  for (guint i = 0; i < letters->len; i++)
    {
      Letter *letter = g_ptr_array_index (letters, i);
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

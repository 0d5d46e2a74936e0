/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "test-util.h"

/*
 * The corpus's image-only scans read by OCR, in English and French, as an
 * import with the default languages reads them: a French page set in
 * accented type, and four pages of an English leaflet scanned upright,
 * sideways, upside down and sideways the other way.  The words checked
 * are what a person reads on the page images.  (The corpus test, which
 * checks every file imports or is refused as before, reads without OCR.)
 * Skipped when the corpus is absent.
 */

static gint64
import_scan (RedressStore *store,
             const char   *name,
             guint         expected_pages)
{
  g_autofree char *dir = test_corpus_dir ();
  g_autofree char *path = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;

  path = g_build_filename (dir, name, NULL);
  g_assert_true (redress_store_import_document_full (store, 1, REDRESS_DOCUMENT_OFFICER_NOTES, path,
                                                     NULL, "eng+fra", NULL, NULL, NULL, NULL,
                                                     &document_id, &error));
  g_assert_no_error (error);
  document = redress_store_get_document (store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (redress_document_get_n_pages (document), ==, expected_pages);
  g_assert_cmpuint (redress_document_get_ocr_pages (document), ==, expected_pages);
  g_assert_cmpuint (redress_document_get_pages_without_text (document), ==, 0);
  return document_id;
}

static char *
page_text (RedressStore *store,
           gint64        document_id,
           guint         page_no)
{
  g_autofree char *sql = g_strdup_printf ("SELECT text FROM pages WHERE document_id = %"
                                          G_GINT64_FORMAT " AND page_no = %u AND text_source = 'ocr'",
                                          document_id, page_no);

  return test_query_text (redress_store_get_handle (store), sql);
}

/* @words in @text, whose lines are joined (a phrase may cross one) */
static void
assert_words (const char         *text,
              const char * const *words)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (joined, *p);
    else if (joined->len > 0 && joined->str[joined->len - 1] != ' ')
      g_string_append_c (joined, ' ');

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (joined->str, words[i]) == NULL)
      g_error ("“%s” not read in: %s", words[i], joined->str);
}

static RedressStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  store = redress_store_open (path, &error);
  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Côté");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Anaïs");
  g_assert_true (redress_store_insert_client (store, client, &error));
  kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "study-permit");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-10-02");
  g_assert_true (redress_store_insert_case (store, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (redress_record_get_id (REDRESS_RECORD (kase)), ==, 1);
  return g_steal_pointer (&store);
}

/* French, with its accents and ligature */
static void
test_francais (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) store = open_store (dir);
  g_autofree char *text = NULL;
  gint64 id = import_scan (store, "scan_francais.pdf", 1);
  const char *words[] = {
    "whisky", "juge blond", "côté", "bûches", "l'âtre", "ambiguë", "capharnaüm", NULL,
  };

  text = page_text (store, id, 1);
  g_assert_nonnull (text);
  assert_words (text, words);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Each of the four turned pages read the right way up */
static void
test_cardinal (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) store = open_store (dir);
  gint64 id = import_scan (store, "scan_cardinal-4p.pdf", 4);
  const char *words[] = {
    "LinnSequencer", "32 Track MIDI Sequence Recorder", "professional musician",
    "simple to learn", NULL,
  };

  for (guint page = 1; page <= 4; page++)
    {
      g_autofree char *text = page_text (store, id, page);

      g_test_message ("page %u", page);
      g_assert_nonnull (text);
      assert_words (text, words);
    }
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_no_corpus (void)
{
  g_test_skip ("no corpus: $REDRESS_CORPUS_DIR (../shared/corpus/pdfs) is absent");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = test_corpus_dir ();
  if (dir == NULL)
    {
      g_test_add_func ("/corpus-ocr/skipped", test_no_corpus);
      return g_test_run ();
    }
  g_test_add_func ("/corpus-ocr/scan_francais", test_francais);
  g_test_add_func ("/corpus-ocr/scan_cardinal-4p", test_cardinal);
  return g_test_run ();
}

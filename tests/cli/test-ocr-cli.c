/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ocr-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * Scanned pages through the built redress-cli ($REDRESS_CLI): the grounds
 * a scanned letter states say that OCR read their sentence ("ocr": true in
 * the JSON, the caution in the text), and "document ocr ID --language"
 * reads a stored document's scanned pages again: their text, the search
 * index and the word boxes replaced together, the grounds found again.
 * The scans are made here from text PDFs (pdftoppm, img2pdf), as
 * tests/core/test-ocr.c does; skipped when a tool is missing.
 */

static const char letter_en[] =
  "Dear applicant,\n"
  "Your application for a temporary resident visa has been refused.\n"
  "I am not satisfied that you will leave Canada at the end of your stay, as stipulated "
  "in paragraph 179(b) of the Immigration and Refugee Protection Regulations, based on "
  "your family ties in Canada and in your country of residence.\n"
  "Sincerely, the visa officer.";

static const char letter_fr[] =
  "Madame, Monsieur,\n"
  "Votre demande de permis d’études a été refusée après un examen attentif.\n"
  "Je ne suis pas convaincu que vous quitterez le Canada à la fin de votre séjour, "
  "compte tenu de vos liens familiaux au Canada et dans votre pays de résidence.\n"
  "Veuillez agréer nos salutations distinguées.";

/* White space collapsed: the text output wraps its lines */
static char *
collapse (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* The id printed alone on the last line, as text to pass on */
static char *
last_line (Result *r)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, last_line_id (r));
}

/* A one-page image-only PDF of @text */
static char *
make_scan (Fixture    *f,
           const char *name,
           const char *text)
{
  TestPdfPage page = { 612, 792, text, FALSE };

  return test_pdf_write_scan (f->dir, name, &page, 1, 0);
}

/* A client and a refused case; returns the case's id */
static char *
add_refused_case (Fixture *f)
{
  gint64 client_id = add_client (f, "Tremblay", "Amélie");

  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          add_case (f, client_id, "visitor-visa", "2026-02-20"));
}

static char *
import (Fixture    *f,
        const char *case_id,
        const char *path,
        gboolean    ocr)
{
  g_autoptr(Result) r = ocr
    ? run_cli (f, "import", "--case", case_id, "--kind", "refusal-letter", path, NULL)
    : run_cli (f, "import", "--case", case_id, "--kind", "refusal-letter", "--no-ocr", path, NULL);

  assert_status (r, 0);
  return last_line (r);
}

static JsonArray *
grounds_json (Fixture    *f,
              const char *case_id,
              JsonNode  **root)
{
  g_autoptr(Result) r = run_cli (f, "grounds", "--case", case_id, "--json", NULL);

  assert_status (r, 0);
  *root = parse_json (r->out);
  return json_object_get_array_member (json_node_get_object (*root), "grounds");
}

static JsonObject *
find_ground (JsonArray  *grounds,
             const char *code)
{
  for (guint i = 0; i < json_array_get_length (grounds); i++)
    {
      JsonObject *ground = json_array_get_object_element (grounds, i);

      if (g_strcmp0 (json_object_get_string_member (ground, "code"), code) == 0)
        return ground;
    }
  return NULL;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* How many pages a search finds */
static guint
search_hits (Fixture    *f,
             const char *query)
{
  g_autoptr(Result) r = run_cli (f, "search", query, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;

  assert_status (r, 0);
  root = parse_json (r->out);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_array_get_length (json_node_get_array (root));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "hits"));
}

/* A scanned letter's grounds say that OCR read their sentence; a text
 * letter's do not */
static void
test_grounds_ocr (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *scan = NULL;
  g_autofree char *text_pdf = NULL;
  g_autofree char *scanned_case = NULL;
  g_autofree char *text_case = NULL;
  g_autoptr(JsonNode) scanned_root = NULL;
  g_autoptr(JsonNode) text_root = NULL;
  g_autofree char *document = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(Result) r = NULL;
  JsonArray *grounds;
  JsonObject *ground;
  TestPdfPage page = { 612, 792, letter_en, FALSE };

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = make_scan (f, "letter", letter_en);
  scanned_case = add_refused_case (f);
  document = import (f, scanned_case, scan, TRUE);

  grounds = grounds_json (f, scanned_case, &scanned_root);
  ground = find_ground (grounds, "family-ties");
  g_assert_nonnull (ground);
  g_assert_true (json_object_get_boolean_member (ground, "ocr"));
  g_assert_cmpstr (json_object_get_string_member (ground, "quote"), !=, NULL);

  r = run_cli (f, "grounds", "--case", scanned_case, NULL);
  assert_status (r, 0);
  flat = collapse (r->out);
  g_test_message ("%s", r->out);
  g_assert_nonnull (strstr (flat, "letter.pdf, page 1 (read from a scanned page — check against "
                                  "the page)"));
  g_clear_pointer (&r, result_free);

  /* The same letter with a text layer */
  text_pdf = g_build_filename (f->dir, "letter-layer.pdf", NULL);
  test_pdf_write_cairo (text_pdf, &page, 1);
  text_case = add_refused_case (f);
  g_free (import (f, text_case, text_pdf, TRUE));
  grounds = grounds_json (f, text_case, &text_root);
  ground = find_ground (grounds, "family-ties");
  g_assert_nonnull (ground);
  g_assert_false (json_object_get_boolean_member (ground, "ocr"));
  r = run_cli (f, "grounds", "--case", text_case, NULL);
  assert_status (r, 0);
  g_assert_null (strstr (r->out, "read from a scanned page"));
}

/* Imported without OCR, then read: text, index, word boxes and grounds;
 * read again in another language: replaced, not added to */
static void
test_read_again (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *scan = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *document = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Result) r = NULL;
  JsonObject *ground;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = make_scan (f, "lettre", letter_fr);
  case_id = add_refused_case (f);
  document = import (f, case_id, scan, FALSE);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM case_grounds"), ==, 0);
  g_assert_cmpuint (search_hits (f, "séjour"), ==, 0);

  /* In French */
  r = run_cli (f, "document", "ocr", document, "--language", "fra", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_nonnull (strstr (r->out, "Read 1 scanned page of document"));
  g_assert_nonnull (strstr (r->out, "in fra"));
  g_clear_pointer (&r, result_free);
  text = query_text (f, "SELECT text FROM pages");
  g_test_message ("read in French: %s", text);
  g_assert_nonnull (strstr (text, "séjour"));
  g_assert_cmpint (sql_count (f->db, "SELECT text_source = 'ocr' AND ocr_language = 'fra' "
                                     "AND redacted = 0 FROM pages"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT pages_without_text FROM documents"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM page_words"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT n_words FROM page_words"), >=, 20);
  g_assert_cmpuint (search_hits (f, "séjour"), ==, 1);
  /* Its grounds, found as an import finds them, read by OCR */
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM case_grounds"), >, 0);
  {
    JsonArray *grounds = grounds_json (f, case_id, &root);

    g_assert_cmpuint (json_array_get_length (grounds), >, 0);
    ground = json_array_get_object_element (grounds, 0);
    g_assert_true (json_object_get_boolean_member (ground, "ocr"));
  }

  /* Again, in English and French: the page replaced, not doubled */
  r = run_cli (f, "document", "ocr", document, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "in eng+fra"));
  g_clear_pointer (&r, result_free);
  g_free (text);
  text = query_text (f, "SELECT ocr_language FROM pages");
  g_assert_cmpstr (text, ==, "eng+fra");
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM page_words"), ==, 1);
  g_assert_cmpuint (search_hits (f, "séjour"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(DISTINCT code) = count(*) FROM case_grounds"),
                   ==, 1);

  /* A language OCR does not know, a document that does not exist */
  r = run_cli (f, "document", "ocr", document, "--language", "deu", NULL);
  g_assert_cmpint (r->status, !=, 0);
  g_assert_nonnull (strstr (r->err, "eng+fra"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "document", "ocr", "9999", NULL);
  g_assert_cmpint (r->status, !=, 0);
  g_assert_nonnull (strstr (r->err, "9999"));
}

/* A document with a text layer: nothing to read again */
static void
test_text_layer (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *case_id = NULL;
  g_autofree char *document = NULL;
  g_autoptr(Result) r = NULL;
  TestPdfPage page = { 612, 792, letter_en, FALSE };

  test_pdf_write_cairo (pdf, &page, 1);
  case_id = add_refused_case (f);
  document = import (f, case_id, pdf, TRUE);
  r = run_cli (f, "document", "ocr", document, "--language", "eng", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "has no scanned page"));
  g_assert_cmpint (sql_count (f->db, "SELECT text_source = 'layer' FROM pages"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/ocr/grounds", test_grounds_ocr);
  CLI_TEST_ADD ("/cli/ocr/read-again", test_read_again);
  CLI_TEST_ADD ("/cli/ocr/text-layer", test_text_layer);

  return cli_fixture_run ();
}

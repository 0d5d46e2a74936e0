/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ocr-cli"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "test-pdf-util.h"

/*
 * Scanned pages through the built redress-cli ($REDRESS_CLI): the grounds
 * a scanned letter states say that OCR read their sentence ("ocr": true in
 * the JSON, the caution in the text), and "document ocr ID --language"
 * reads a stored document's scanned pages again: their text, the search
 * index and the word boxes replaced together, the grounds found again.
 * The scans are made here from text PDFs (pdftoppm, img2pdf), as
 * tests/core/test-ocr.c does; skipped when a tool is missing.
 */

static const char *cli_path;

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

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

#define assert_status(r, expected)                                         \
  G_STMT_START {                                                           \
    if ((r)->status != (expected))                                         \
      g_test_message ("stdout: %s\nstderr: %s", (r)->out, (r)->err);       \
    g_assert_cmpint ((r)->status, ==, (expected));                         \
  } G_STMT_END

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-ocr-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "redress.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static Result *
run_cli (Fixture    *f,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

/* redress-cli --database DB first ... */
static Result *
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

/* White space collapsed: the text output wraps its lines */
static char *
collapse (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* The id printed alone on the last line */
static char *
last_line (Result *r)
{
  g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >=, 2);
  return g_strdup (lines[n - 2]);
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
add_case (Fixture *f)
{
  g_autoptr(Result) client = NULL;
  g_autoptr(Result) kase = NULL;
  g_autofree char *client_id = NULL;

  client = run_cli (f, "client", "add", "--family-name", "Tremblay", "--given-names", "Amélie",
                    NULL);
  assert_status (client, 0);
  client_id = last_line (client);
  kase = run_cli (f, "case", "add", "--client", client_id, "--application", "visitor-visa",
                  "--decision-date", "2026-02-20", NULL);
  assert_status (kase, 0);
  return last_line (kase);
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  assert_status (r, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  *root = json_parser_steal_root (parser);
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

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  assert_status (r, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
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
  scanned_case = add_case (f);
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
  text_case = add_case (f);
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
  case_id = add_case (f);
  document = import (f, case_id, scan, FALSE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM case_grounds"), ==, 0);
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
  g_assert_cmpint (query_int (f, "SELECT text_source = 'ocr' AND ocr_language = 'fra' "
                                 "AND redacted = 0 FROM pages"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT pages_without_text FROM documents"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM page_words"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT n_words FROM page_words"), >=, 20);
  g_assert_cmpuint (search_hits (f, "séjour"), ==, 1);
  /* Its grounds, found as an import finds them, read by OCR */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM case_grounds"), >, 0);
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
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM page_words"), ==, 1);
  g_assert_cmpuint (search_hits (f, "séjour"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT code) = count(*) FROM case_grounds"),
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
  case_id = add_case (f);
  document = import (f, case_id, pdf, TRUE);
  r = run_cli (f, "document", "ocr", document, "--language", "eng", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "has no scanned page"));
  g_assert_cmpint (query_int (f, "SELECT text_source = 'layer' FROM pages"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cli_path = g_getenv ("REDRESS_CLI");
  if (cli_path == NULL)
    {
      g_test_skip ("REDRESS_CLI is not set");
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add ("/cli/ocr" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/grounds", test_grounds_ocr);
  ADD ("/read-again", test_read_again);
  ADD ("/text-layer", test_text_layer);
#undef ADD

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * Documents: import (refused files, passwords, Ctrl+C), documents, search,
 * document export and remove.
 */

#define FRENCH_TEXT \
  "Décision de l’agent\n\n" \
  "Après examen de votre demande de permis d’études, j’ai déterminé que vous ne " \
  "satisfaites pas aux exigences. Cette décision est motivée ci-dessous."

/* Three pages: an English letter, French notes, French reasons */
static char *
write_french_pdf (Fixture    *f,
                  const char *name)
{
  char *path = fixture_path (f, name);
  const TestPdfPage pages[] = {
    { 595, 842, "Immigration, Refugees and Citizenship Canada\n\n"
                "This letter is to inform you that your application for a study permit "
                "has been refused.", FALSE },
    { 595, 842, FRENCH_TEXT, FALSE },
    { 595, 842, "Motifs : les liens familiaux de la demanderesse à l’étranger ont été "
                "évalués, ainsi que sa situation financière.", FALSE },
  };

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  return path;
}

/* Nothing of any document in the database */
static void
assert_no_document (Fixture *f)
{
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages_fts"), ==, 0);
}

static JsonArray *
documents_of (JsonNode *root)
{
  return json_object_get_array_member (node_object (root), "documents");
}

static JsonArray *
hits_of (JsonNode *root)
{
  return json_object_get_array_member (node_object (root), "hits");
}

/* The pages a search finds, as "document:page" joined by spaces */
static char *
search_pages (Fixture    *f,
              const char *query)
{
  g_autoptr(JsonNode) root = run_json (f, "search", query, NULL);
  JsonArray *hits = hits_of (root);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? " " : "",
                              json_object_get_int_member (hit, "document"),
                              json_object_get_int_member (hit, "page"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes-agent.pdf");
  g_autofree char *copy = fixture_path (f, "copy.pdf");
  g_autofree char *sha = file_sha256 (pdf);
  g_autofree char *case_text = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *original = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *page3 = NULL;
  g_autoptr(GBytes) piped = NULL;
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize original_size = 0, exported_size = 0;
  JsonArray *documents;
  JsonArray *hits;
  JsonObject *document;
  JsonObject *hit;
  gint64 case_id, other_case, id;

  case_id = add_case_for (f, "Tremblay", "Amélie");
  other_case = add_case_for (f, "Okafor", "Chidinma");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  /* Import: a line about it, the id alone on the last line */
  r = run_cli (f, "import", "--case", case_text, "--kind", "officer-notes", pdf, NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "3 pages"));
  id = last_line_id (r);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_clear_pointer (&r, result_free);

  /* documents --json */
  root = run_json (f, "documents", "--case", case_text, NULL);
  documents = documents_of (root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  document = json_array_get_object_element (documents, 0);
  g_assert_cmpint (json_object_get_int_member (document, "id"), ==, id);
  g_assert_cmpstr (member_string (document, "kind"), ==, "officer-notes");
  g_assert_cmpstr (member_string (document, "file_name"), ==, "notes-agent.pdf");
  g_assert_cmpint (json_object_get_int_member (document, "pages"), ==, 3);
  g_assert_true (json_object_get_boolean_member (document, "has_text"));
  g_assert_cmpstr (member_string (document, "sha256"), ==, sha);
  g_assert_true (g_file_get_contents (pdf, &original, &original_size, NULL));
  g_assert_cmpint (json_object_get_int_member (document, "size"), ==, (gint64) original_size);
  g_clear_pointer (&root, json_node_unref);

  /* ... and for people; the other case has none */
  r = run_cli (f, "documents", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "Officer’s notes"));
  g_clear_pointer (&r, result_free);
  root = run_json (f, "documents", "--case", "2", NULL);
  g_assert_cmpint (other_case, ==, 2);
  g_assert_cmpuint (json_array_get_length (documents_of (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Search, without accents, with them, phrases, prefixes */
  page2 = g_strdup_printf ("%s:2", id_text);
  page3 = g_strdup_printf ("%s:3", id_text);
  page1 = g_strdup_printf ("%s:1", id_text);
  pages = search_pages (f, "decision agent");
  g_assert_cmpstr (pages, ==, page2);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "ETRANGER");
  g_assert_cmpstr (pages, ==, page3);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "\"décision de l’agent\"");
  g_assert_cmpstr (pages, ==, page2);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "\"agent de décision\"");
  g_assert_cmpstr (pages, ==, "");
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "refus*");
  g_assert_cmpstr (pages, ==, page1);
  g_clear_pointer (&pages, g_free);

  /* A hit in full: who, where, a snippet on one line and where the match is */
  root = run_json (f, "search", "décision", "--limit", "5", NULL);
  hits = hits_of (root);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
  hit = json_array_get_object_element (hits, 0);
  g_assert_cmpint (json_object_get_int_member (hit, "case"), ==, case_id);
  g_assert_cmpint (json_object_get_int_member (hit, "document"), ==, id);
  g_assert_cmpint (json_object_get_int_member (hit, "page"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (hit, "client"), ==, 1);
  g_assert_cmpstr (member_string (hit, "client_name"), ==, "Tremblay, Amélie");
  g_assert_cmpstr (member_string (hit, "file_name"), ==, "notes-agent.pdf");
  g_assert_cmpstr (member_string (hit, "kind"), ==, "officer-notes");
  g_assert_nonnull (member_string (hit, "case_title"));
  {
    const char *snippet = member_string (hit, "snippet");
    JsonArray *matches = json_object_get_array_member (hit, "match");

    for (const char *p = snippet; *p; p++)
      g_assert_cmpint ((guchar) *p, >=, 0x20);
    g_assert_nonnull (strstr (snippet, "décision"));
    g_assert_cmpuint (json_array_get_length (matches), >=, 1);
    for (guint i = 0; i < json_array_get_length (matches); i++)
      {
        JsonObject *match = json_array_get_object_element (matches, i);
        gint64 start = json_object_get_int_member (match, "start");
        gint64 end = json_object_get_int_member (match, "end");
        g_autofree char *word = g_utf8_substring (snippet, start, end);
        g_autofree char *folded = g_utf8_casefold (word, -1);

        g_assert_cmpstr (folded, ==, "décision");
      }
  }
  g_clear_pointer (&root, json_node_unref);

  /* For people: the match between « » */
  r = run_cli (f, "search", "motivée", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Tremblay, Amélie"));
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "page 2"));
  g_assert_nonnull (strstr (r->out, "«motivée»"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "kangourou", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "No page matches"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "* \"\" -", NULL);
  assert_error (r, 2, "no word");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "décision", "--limit", "0", NULL);
  assert_error (r, 2, "--limit");
  g_clear_pointer (&r, result_free);

  /* The same file in another case: stored once */
  import_pdf (f, other_case, "refusal-letter", pdf);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 2);
  root = run_json (f, "search", "décision", NULL);
  g_assert_cmpuint (json_array_get_length (hits_of (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  /* Export: the original bytes, to a file and to standard output */
  r = run_cli (f, "document", "export", id_text, copy, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "copy.pdf"));
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_get_contents (copy, &exported, &exported_size, NULL));
  g_assert_cmpmem (exported, exported_size, original, original_size);
  {
    const char *args[] = { "document", "export", id_text, "-", NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, NULL, &piped, args);
    assert_status (r, 0);
    g_assert_cmpmem (g_bytes_get_data (piped, NULL), g_bytes_get_size (piped),
                     original, original_size);
    g_clear_pointer (&r, result_free);
  }
  {
    /* Through a symbolic link: refused, the link's target untouched */
    g_autofree char *target = fixture_path (f, "elsewhere.txt");
    g_autofree char *link = fixture_path (f, "link.pdf");
    g_autofree char *kept = NULL;
    GStatBuf st;

    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_set_contents (target, "not to be replaced", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    r = run_cli (f, "document", "export", id_text, link, NULL);
    assert_error (r, 1, "symbolic link");
    g_clear_pointer (&r, result_free);
    g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "not to be replaced");
  }
  r = run_cli (f, "document", "export", "999", copy, NULL);
  assert_error (r, 1, "999");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "document", "export", "abc", copy, NULL);
  assert_error (r, 2, "documents --case");
  g_clear_pointer (&r, result_free);

  /* Remove: gone for good, from the list and from search */
  r = run_cli (f, "document", "remove", id_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "permanently"));
  g_clear_pointer (&r, result_free);
  root = run_json (f, "documents", "--case", case_text, NULL);
  g_assert_cmpuint (json_array_get_length (documents_of (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages"), ==, 3);
  root = run_json (f, "search", "décision", NULL);
  hits = hits_of (root);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (hits, 0), "case"),
                   ==, other_case);
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "document", "remove", id_text, NULL);
  assert_error (r, 1, id_text);
  g_clear_pointer (&r, result_free);

  /* The last document with those bytes takes them with it */
  r = run_cli (f, "document", "remove", "2", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  assert_no_document (f);
  r = run_cli (f, "check", NULL);
  assert_status (r, 0);
}

static void
test_documents_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = fixture_path (f, "letter.pdf");
  g_autofree char *empty = fixture_path (f, "empty.pdf");
  g_autofree char *missing = fixture_path (f, "missing.pdf");
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;

  add_case_for (f, "Tremblay", "Amélie");
  g_file_set_contents (text, "<html><body>Session expired</body></html>\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  /* Not a PDF: one line, exit 1, nothing on stdout, nothing stored */
  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", text, NULL);
  assert_error (r, 1, "not a PDF");
  g_assert_nonnull (strstr (r->err, "letter.pdf"));
  g_assert_cmpstr (r->out, ==, "");
  g_assert_null (strchr (strchr (r->err, '\n') + 1, '\n'));
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", empty, NULL);
  assert_error (r, 1, "empty");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", missing, NULL);
  assert_error (r, 1, "missing.pdf");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* Misuse */
  r = run_cli (f, "import", "--case", "1", pdf, NULL);
  assert_error (r, 2, "--kind");
  g_assert_nonnull (strstr (r->err, "officer-notes"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "gcms", pdf, NULL);
  assert_error (r, 2, "gcms");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--kind", "other", pdf, NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "other", NULL);
  assert_error (r, 2, "FILE");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "7", "--kind", "other", pdf, NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "documents", "--case", "7", NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);
  {
    /* --password - with nothing on standard input */
    const char *args[] = { "import", "--case", "1", "--kind", "other", "--password", "-",
                           pdf, NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, "", NULL, args);
    assert_error (r, 2, "standard input");
    g_clear_pointer (&r, result_free);
  }
  assert_no_document (f);

  /* A PDF without a password opens whatever password is given */
  {
    const char *args[] = { "import", "--case", "1", "--kind", "other", "--password", "-",
                           pdf, NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, "anything\n", NULL, args);
    assert_status (r, 0);
    g_assert_cmpint (last_line_id (r), ==, 1);
    g_clear_pointer (&r, result_free);
  }

  /* The same file twice in one case is refused */
  r = run_cli (f, "import", "--case", "1", "--kind", "other", pdf, NULL);
  assert_error (r, 1, "already attached");
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
}

/* The user password of @file in the corpus's MANIFEST.tsv ("user=SECRET ...") */
static char *
manifest_user_password (const char *dir,
                        const char *file)
{
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) error = NULL;
  int column = -1;

  g_file_get_contents (manifest, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], "\t", -1);
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], "password"))
      column = (int) i;
  g_assert_cmpint (column, >=, 0);

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[l], "\t", -1);
      const char *user;

      if (g_strv_length (cols) <= (guint) column || !g_str_equal (cols[0], file))
        continue;
      user = strstr (cols[column], "user=");
      g_assert_nonnull (user);
      user += strlen ("user=");
      return g_strndup (user, strcspn (user, " "));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_documents_password (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dir = test_corpus_dir ();
  g_autofree char *pdf = NULL;
  g_autofree char *password = NULL;
  g_autofree char *input = NULL;
  g_autoptr(Result) r = NULL;
  const char *args[] = { "import", "--case", "1", "--kind", "decision-notes", "--password", "-",
                         NULL, NULL };

  if (dir == NULL)
    {
      g_test_skip ("No corpus ($REDRESS_CORPUS_DIR)");
      return;
    }
  pdf = g_build_filename (dir, "enc_user-openpassword.pdf", NULL);
  if (!g_file_test (pdf, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("enc_user-openpassword.pdf is not in the corpus");
      return;
    }
  password = manifest_user_password (dir, "enc_user-openpassword.pdf");
  args[7] = pdf;
  add_case_for (f, "Tremblay", "Amélie");

  /* No password: says how to give it */
  r = run_cli (f, "import", "--case", "1", "--kind", "decision-notes", pdf, NULL);
  assert_error (r, 1, "password");
  g_assert_nonnull (strstr (r->err, "--password"));
  g_clear_pointer (&r, result_free);

  /* A wrong one, on the command line and on standard input */
  r = run_cli (f, "import", "--case", "1", "--kind", "decision-notes", "--password", "not-it",
               pdf, NULL);
  assert_error (r, 1, "wrong");
  g_clear_pointer (&r, result_free);
  r = run_argv_full (f, TRUE, NULL, NULL, "not-it\n", NULL, args);
  assert_error (r, 1, "wrong");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* The right one on standard input */
  input = g_strdup_printf ("%s\n", password);
  r = run_argv_full (f, TRUE, NULL, NULL, input, NULL, args);
  assert_status (r, 0);
  g_assert_cmpint (last_line_id (r), ==, 1);
  /* Standard input is not a terminal: no prompt */
  g_assert_cmpstr (r->err, ==, "");
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT n_pages FROM documents WHERE id = 1"), ==, 1);
}

/* Runs "redress-cli --database DB import --case 1 --kind other --password -
 * PDF" with standard input read from @stdin_file, or from a shell pipeline
 * @producer (bounded by timeout(1), so that a hang fails instead of
 * blocking the suite) */
static Result *
run_import_password_from (Fixture    *f,
                          const char *pdf,
                          const char *stdin_file,
                          const char *producer)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  if (stdin_file != NULL)
    {
      g_subprocess_launcher_set_stdin_file_path (launcher, stdin_file);
      process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--database", f->db,
                                             "import", "--case", "1", "--kind", "other",
                                             "--password", "-", pdf, NULL);
    }
  else
    {
      g_autofree char *script = g_strdup_printf ("%s | timeout 20 \"$0\" --database \"$1\" import "
                                                 "--case 1 --kind other --password - \"$2\"",
                                                 producer);
      process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", script, cli_path,
                                             f->db, pdf, NULL);
    }
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

/* Passwords: bounded before the PDF reader sees them, read whole from
 * standard input or refused, never waited on forever */
static void
test_documents_password_bounds (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autofree char *too_long = g_strnfill (128, 'a');
  g_autofree char *input_file = fixture_path (f, "password-input");
  g_autofree char *corpus = test_corpus_dir ();
  g_autofree char *aes = corpus ? g_build_filename (corpus, "enc_aes256-r6_user-usersecret.pdf", NULL)
                                : NULL;
  g_autoptr(Result) r = NULL;

  add_case_for (f, "Tremblay", "Amélie");

  /* 128 bytes on the command line or on standard input: the limit is said */
  r = run_cli (f, "import", "--case", "1", "--kind", "other", "--password", too_long, pdf, NULL);
  assert_error (r, 2, "at most 127 bytes");
  g_clear_pointer (&r, result_free);
  {
    g_autofree char *line = g_strdup_printf ("%s\n", too_long);

    g_assert_true (g_file_set_contents (input_file, line, -1, NULL));
    r = run_import_password_from (f, pdf, input_file, NULL);
    assert_error (r, 2, "at most 127 bytes");
    g_clear_pointer (&r, result_free);
  }
  if (aes != NULL && g_file_test (aes, G_FILE_TEST_IS_REGULAR))
    {
      /* poppler 22.12 crashed on it: now refused before, saying why */
      r = run_cli (f, "import", "--case", "1", "--kind", "other", "--password", too_long, aes, NULL);
      assert_error (r, 2, "127 bytes");
      g_assert_null (strstr (r->err, "stopped"));
      g_clear_pointer (&r, result_free);
    }

  /* A NUL inside: refused, not cut (the password before it is right for
   * the corpus file; here any password opens the PDF, so a cut would import) */
  g_assert_true (g_file_set_contents (input_file, "usersecret\0junk\n", 16, NULL));
  r = run_import_password_from (f, aes != NULL && g_file_test (aes, G_FILE_TEST_IS_REGULAR) ? aes : pdf,
                                input_file, NULL);
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_set_contents (input_file, "secret\0", 7, NULL));
  r = run_import_password_from (f, pdf, input_file, NULL);
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);

  /* An endless stream without a line end: stops reading, says why */
  r = run_import_password_from (f, pdf, NULL, "tr -d '\\n' < /dev/zero | tr '\\0' x");
  assert_error (r, 2, "4096 bytes");
  g_clear_pointer (&r, result_free);
  /* An endless stream of NUL bytes */
  r = run_import_password_from (f, pdf, NULL, "cat /dev/zero");
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* Lines after the first are not read: an endless stream of lines is fine */
  r = run_import_password_from (f, pdf, NULL, "yes secret");
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
}

/* Ctrl+C during an import: exit 130, nothing stored.  The PDF reader is a
 * stand-in that says it started, then hangs. */
static void
test_import_interrupted (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autofree char *worker = fixture_path (f, "hanging-worker");
  g_autofree char *marker = fixture_path (f, "worker-started");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline;

  add_case_for (f, "Tremblay", "Amélie");
  g_file_set_contents (worker, "#!/bin/sh\n: > \"$REDRESS_TEST_MARKER\"\nexec sleep 60\n", -1,
                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (worker, 0755), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "REDRESS_PDF_WORKER", worker, TRUE);
  g_subprocess_launcher_setenv (launcher, "REDRESS_TEST_MARKER", marker, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--database", f->db,
                                         "import", "--case", "1", "--kind", "other", pdf, NULL);
  g_assert_no_error (error);

  /* The handler is in place before the reader starts */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (process))
    g_test_message ("redress-cli ended by signal %d; it said: %s",
                    g_subprocess_get_term_sig (process), err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_nonnull (strstr (err, "cancelled"));
  g_assert_cmpstr (out, ==, "");
  assert_no_document (f);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'document'"),
                   ==, 0);
}

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/documents/import-search-export-remove", test_documents);
  CLI_TEST_ADD ("/cli/documents/refused", test_documents_refused);
  CLI_TEST_ADD ("/cli/documents/password", test_documents_password);
  CLI_TEST_ADD ("/cli/documents/password-bounds", test_documents_password_bounds);
  CLI_TEST_ADD ("/cli/documents/interrupted", test_import_interrupted);

  return cli_fixture_run ();
}

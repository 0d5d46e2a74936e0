/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "redress-store-documents.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * Every file of the corpus of real PDFs ($REDRESS_CORPUS_DIR, that is
 * ../shared/corpus/pdfs) gets the outcome its MANIFEST.tsv implies: what
 * poppler 22.12 does with it becomes "imported, N pages" or "refused, for
 * this reason".  Passwords come from the manifest too.  After a refusal,
 * nothing is stored.  Imports read pages without a text layer by OCR, as
 * the application does: the outcome of every file is the same as without
 * OCR, and a file with no text layer has text exactly when OCR read a page
 * of it (what the scans say is checked in test-corpus-ocr.c).  Skipped when
 * the corpus is absent.
 */

/* A short limit keeps the suite fast: bad_bomb-giant.pdf would run poppler
 * for minutes */
#define CORPUS_TIMEOUT_MS 10000

enum {
  COL_FILE,
  COL_CATEGORY,
  COL_BYTES = 6,
  COL_SHA256 = 7,
  COL_PASSWORD = 8,
  COL_PDFINFO = 9,
  COL_POPPLER_GLIB = 12,
  N_COLUMNS = 14
};

typedef struct
{
  char *file;
  char *path;
  char *sha256;
  guint64 bytes;
  /* Expected outcome without a password */
  gboolean imported;
  int error_code;           /* RedressPdfError when refused */
  guint n_pages;
  gint64 text_chars;
  char *rotations;          /* "0/90/180/270" from pdfinfo, or NULL */
  char *user_password;      /* opens it, as typed; NULL if none known */
  gboolean needs_password;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->file);
  g_free (e->path);
  g_free (e->sha256);
  g_free (e->rotations);
  g_free (e->user_password);
  g_free (e);
}

/* "S\u00aaSL\u00adprep" -> UTF-8 */
static char *
unescape_unicode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p;)
    {
      guint64 code;
      char hex[5] = { 0, };

      if (p[0] == '\\' && p[1] == 'u' && strlen (p) >= 6)
        {
          memcpy (hex, p + 2, 4);
          if (g_ascii_string_to_unsigned (hex, 16, 0, 0xffff, &code, NULL))
            {
              g_string_append_unichar (out, (gunichar) code);
              p += 6;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static gint64
number_after (const char *text,
              const char *key)
{
  const char *p = strstr (text, key);

  if (p == NULL)
    return -1;
  return g_ascii_strtoll (p + strlen (key), NULL, 10);
}

static Entry *
parse_row (const char *dir,
           char      **cols)
{
  Entry *e = g_new0 (Entry, 1);
  const char *glib_result = cols[COL_POPPLER_GLIB];
  const char *password = cols[COL_PASSWORD];
  const char *user;
  const char *rot;

  e->file = g_strdup (cols[COL_FILE]);
  e->path = g_build_filename (dir, cols[COL_FILE], NULL);
  e->sha256 = g_strdup (cols[COL_SHA256]);
  e->bytes = g_ascii_strtoull (cols[COL_BYTES], NULL, 10);

  user = strstr (password, "user=");
  if (user != NULL)
    {
      g_autofree char *raw = NULL;
      const char *end;

      user += strlen ("user=");
      end = strchr (user, ' ');
      raw = end ? g_strndup (user, (gsize) (end - user)) : g_strdup (user);
      e->user_password = unescape_unicode (raw);
    }

  rot = strstr (cols[COL_PDFINFO], "rot=");
  if (rot != NULL)
    e->rotations = g_strndup (rot + 4, strcspn (rot + 4, ";"));

  if (strstr (glib_result, "TIMEOUT") != NULL)
    e->error_code = REDRESS_PDF_ERROR_TIMED_OUT;
  else if (strstr (glib_result, "OPEN_ERROR poppler-quark:1") != NULL)
    {
      e->error_code = REDRESS_PDF_ERROR_NEEDS_PASSWORD;
      e->needs_password = TRUE;
    }
  else if (strstr (glib_result, "OPEN_ERROR") != NULL)
    {
      if (g_str_has_prefix (cols[COL_CATEGORY], "NOT A PDF"))
        e->error_code = e->bytes == 0 ? REDRESS_PDF_ERROR_EMPTY : REDRESS_PDF_ERROR_NOT_PDF;
      else
        e->error_code = REDRESS_PDF_ERROR_DAMAGED;
    }
  else if (strstr (glib_result, "get_page()=NULL") != NULL)
    e->error_code = REDRESS_PDF_ERROR_PAGE_UNREADABLE;
  else if (number_after (glib_result, "OK pages=") == 0)
    /* A file cut short opens as no pages in poppler: Redress says why */
    e->error_code = strstr (cols[COL_CATEGORY], "truncated") != NULL ? REDRESS_PDF_ERROR_DAMAGED
                                                                      : REDRESS_PDF_ERROR_NO_PAGES;
  else if (number_after (glib_result, "OK pages=") > 0)
    {
      e->imported = TRUE;
      e->n_pages = (guint) number_after (glib_result, "OK pages=");
      e->text_chars = number_after (glib_result, "text_chars=");
    }
  else
    g_error ("MANIFEST.tsv: cannot tell what to expect of %s: %s", e->file, glib_result);

  /* With a user password, the manifest's result is what it opens to */
  if (e->user_password != NULL && !e->imported)
    g_error ("MANIFEST.tsv: %s has a password but does not open with it", e->file);
  if (e->user_password != NULL)
    e->needs_password = TRUE;
  return e;
}

static GPtrArray *
read_manifest (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);

  if (!g_file_get_contents (path, &contents, NULL, &error))
    return entries;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (cols) < N_COLUMNS)
        continue;
      g_ptr_array_add (entries, parse_row (dir, cols));
    }
  return entries;
}

typedef struct
{
  StoreFixture base;
  gint64 case_id;
  RedressPdfLimits saved_limits;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  RedressPdfLimits limits = { REDRESS_PDF_DEFAULT_MAX_SIZE, CORPUS_TIMEOUT_MS,
                              REDRESS_PDF_DEFAULT_MEMORY_LIMIT };
  gint64 client_id;

  redress_pdf_limits_get_default (&f->saved_limits);
  redress_pdf_limits_set_default (&limits);
  store_fixture_setup (&f->base, data);
  client_id = store_fixture_add_client (&f->base, "Nguyen", "Linh");
  f->case_id = store_fixture_add_case (&f->base, client_id, "work-permit", "2026-01-10");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Whatever happened, the database is whole */
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
  store_fixture_teardown (&f->base, data);
  redress_pdf_limits_set_default (&f->saved_limits);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return test_query_int (redress_store_get_handle (f->base.store), sql);
}

static void
assert_nothing_stored (Fixture *f)
{
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages_fts"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE entity = 'document'"), ==, 0);
}

static const char *
error_code_name (int code)
{
  static const char *names[] = {
    "empty", "not a PDF", "too large", "damaged", "needs a password", "wrong password",
    "no pages", "page unreadable", "timed out", "reader failed", "no reader",
  };

  return code >= 0 && code < (int) G_N_ELEMENTS (names) ? names[code] : "?";
}

static void
expect_refused (Fixture     *f,
                const Entry *e,
                const char  *password,
                int          code)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 id = 0;

  g_assert_false (redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER,
                                                 e->path, password, NULL, NULL, NULL, &id,
                                                 &error));
  if (!g_error_matches (error, REDRESS_PDF_ERROR, code))
    {
      g_test_fail_printf ("%s%s: expected “%s”, got: %s", e->file,
                          password ? " (with a password)" : "", error_code_name (code),
                          error ? error->message : "success");
      return;
    }
  g_test_message ("%s%s: refused (%s) in %.1f s: %s", e->file,
                  password ? " (with a password)" : "", error_code_name (code),
                  (g_get_monotonic_time () - start) / 1e6, error->message);
  g_assert_cmpint (id, ==, 0);
  /* Never past the time limit (and its kill) by much */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (CORPUS_TIMEOUT_MS + 5000) * 1000);
  assert_nothing_stored (f);
}

static void
expect_imported (Fixture     *f,
                 const Entry *e,
                 const char  *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *copy = g_build_filename (f->base.dir, "exported.pdf", NULL);
  g_autofree char *copy_sha256 = NULL;
  g_autofree char *sql = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 id = 0;

  if (!redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER, e->path,
                                      password, NULL, NULL, NULL, &id, &error))
    {
      g_test_fail_printf ("%s: expected it to import, got: %s", e->file, error->message);
      return;
    }
  document = redress_store_get_document (f->base.store, id, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s: imported in %.2f s, %u pages, %u read by OCR, %u without text",
                  e->file, password ? " (with its password)" : "",
                  (g_get_monotonic_time () - start) / 1e6,
                  redress_document_get_n_pages (document),
                  redress_document_get_ocr_pages (document),
                  redress_document_get_pages_without_text (document));

  g_assert_cmpuint (redress_document_get_n_pages (document), ==, e->n_pages);
  g_assert_cmpstr (redress_document_get_sha256 (document), ==, e->sha256);
  g_assert_cmpuint (redress_document_get_size (document), ==, e->bytes);
  /* A page with a text layer keeps it; a page without one is read by OCR,
   * which may find writing on it or not.  So in a file without any text
   * layer, every page that has text was read by OCR, and the file has text
   * exactly when some page does. */
  g_assert_cmpuint (redress_document_get_ocr_pages (document), <=, e->n_pages);
  g_assert_cmpuint (redress_document_get_pages_without_text (document), <=, e->n_pages);
  if (e->text_chars == 0)
    {
      guint with_text = e->n_pages - redress_document_get_pages_without_text (document);

      g_assert_cmpuint (redress_document_get_ocr_pages (document), >=, with_text);
      g_assert_cmpint (redress_document_get_has_text (document), ==, with_text > 0);
    }
  else if (e->text_chars > 20)
    g_assert_true (redress_document_get_has_text (document));

  sql = g_strdup_printf ("SELECT count(*) FROM pages WHERE document_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (count (f, sql), ==, e->n_pages);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages_fts"), ==, e->n_pages);

  /* The set of page rotations pdfinfo saw */
  if (e->rotations != NULL)
    {
      g_autofree char *seen = NULL;
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT group_concat(rotation, '/') FROM (SELECT DISTINCT rotation "
                             "FROM pages WHERE document_id = %" G_GINT64_FORMAT
                             " ORDER BY rotation)", id);
      seen = test_query_text (redress_store_get_handle (f->base.store), sql);
      g_assert_cmpstr (seen, ==, e->rotations);
    }

  /* The original comes back byte for byte */
  g_assert_true (redress_store_export_document (f->base.store, id, copy, &error));
  g_assert_no_error (error);
  copy_sha256 = test_file_sha256 (copy);
  g_assert_cmpstr (copy_sha256, ==, e->sha256);

  /* And goes for good */
  g_assert_true (redress_store_trash_document (f->base.store, id, &error));
  g_assert_true (redress_store_purge_document (f->base.store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages_fts"), ==, 0);
  test_exec (redress_store_get_handle (f->base.store), "DELETE FROM events WHERE entity = 'document'");
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  const Entry *e = data;

  if (!g_file_test (e->path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("not in the corpus folder");
      return;
    }

  if (e->needs_password)
    {
      /* Asked for, refused when wrong, opened when right */
      expect_refused (f, e, NULL, REDRESS_PDF_ERROR_NEEDS_PASSWORD);
      expect_refused (f, e, "not the password", REDRESS_PDF_ERROR_WRONG_PASSWORD);
      if (e->user_password != NULL)
        expect_imported (f, e, e->user_password);
      return;
    }
  if (e->imported)
    expect_imported (f, e, NULL);
  else
    expect_refused (f, e, NULL, e->error_code);
}

/* The password SASLprep makes of "S\u00aaSL\u00adprep", as poppler wants it */
static void
test_saslprep (Fixture       *f,
               gconstpointer  data)
{
  const Entry *e = data;
  Entry normalized = *e;

  normalized.user_password = (char *) "SaSLprep";
  if (!g_file_test (e->path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("not in the corpus folder");
      return;
    }
  expect_imported (f, &normalized, "SaSLprep");
}

/* Every PDF in the folder is in the manifest (a new file needs its
 * expected outcome) */
static void
test_manifest_complete (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(GPtrArray) entries = read_manifest (dir);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  g_assert_cmpuint (entries->len, >, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean found = FALSE;

      if (!g_str_has_suffix (name, ".pdf"))
        continue;
      for (guint i = 0; i < entries->len && !found; i++)
        found = g_str_equal (((Entry *) g_ptr_array_index (entries, i))->file, name);
      if (!found)
        g_test_fail_printf ("%s is in the corpus but not in MANIFEST.tsv", name);
    }
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
  g_autoptr(GPtrArray) entries = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = test_corpus_dir ();
  if (dir == NULL)
    {
      g_test_add_func ("/corpus/skipped", test_no_corpus);
      return g_test_run ();
    }

  entries = read_manifest (dir);
  g_test_add_data_func ("/corpus/manifest-complete", dir, test_manifest_complete);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      g_autofree char *test_path = g_strdup_printf ("/corpus/%s", e->file);

      g_test_add (test_path, Fixture, e, fixture_setup, test_file, fixture_teardown);
      if (e->user_password != NULL && strstr (e->user_password, "\xc2\xad") != NULL)
        {
          g_autofree char *saslprep_path = g_strdup_printf ("/corpus/%s/normalized", e->file);
          g_test_add (saslprep_path, Fixture, e, fixture_setup, test_saslprep, fixture_teardown);
        }
    }

  return g_test_run ();
}

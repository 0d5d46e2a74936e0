/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "redress-core.h"
#include "redress-store-documents.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * Scanned pages read by OCR in redress-pdf-worker.  The scans are made
 * here from text PDFs, so that their text is known: the text PDF is
 * rendered to grey images at 300 dpi (pdftoppm), turned if asked
 * (ImageMagick), and wrapped back into an image-only PDF (img2pdf).
 * Needs pdftoppm, img2pdf, convert and Tesseract's eng, fra and osd data;
 * skipped when one is missing.
 */

/* Character error rates at most: a clean scan at 300 dpi, a grainy one
 * at 200 dpi */
#define MAX_CER_300 0.02
#define MAX_CER_200 0.05

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
  StoreFixture base;
  gint64 case_id;
  gint64 other_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 client_id;

  store_fixture_setup (&f->base, data);
  client_id = store_fixture_add_client (&f->base, "Tremblay", "Amélie");
  f->case_id = store_fixture_add_case (&f->base, client_id, "visitor-visa", "2026-02-20");
  f->other_id = store_fixture_add_case (&f->base, client_id, "visitor-visa", "2026-02-21");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
}

/* A scanned PDF of @text (NULL: a page wholly black), turned @degrees
 * clockwise */
static char *
make_scan (Fixture    *f,
           const char *name,
           const char *text,
           int         degrees)
{
  TestPdfPage page = { 612, 792, text, FALSE };

  return test_pdf_write_scan (f->base.dir, name, &page, 1, degrees);
}

/* Whitespace collapsed to one space, ends trimmed; typographic apostrophes
 * as straight ones (OCR reads either) */
static gunichar *
normalized (const char *text,
            glong      *length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c == 0x2019 ? '\'' : c);
    }
  return g_utf8_to_ucs4_fast (out->str, -1, length);
}

/* Character error rate: edit distance over the source's length */
static double
character_error_rate (const char *source,
                      const char *read)
{
  glong n = 0, m = 0;
  g_autofree gunichar *a = normalized (source, &n);
  g_autofree gunichar *b = normalized (read, &m);
  g_autofree guint *row = g_new (guint, m + 1);

  for (glong j = 0; j <= m; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0];

      row[0] = (guint) i;
      for (glong j = 1; j <= m; j++)
        {
          guint above = row[j];
          guint best = diagonal + (a[i - 1] != b[j - 1]);

          best = MIN (best, above + 1);
          best = MIN (best, row[j - 1] + 1);
          diagonal = above;
          row[j] = best;
        }
    }
  return n > 0 ? (double) row[m] / (double) n : 0;
}

static gint64
import (Fixture             *f,
        gint64               case_id,
        RedressDocumentKind  kind,
        const char          *path,
        const char          *language)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (redress_store_import_document_full (f->base.store, case_id, kind, path, NULL,
                                                     language, NULL, NULL, NULL, NULL, &id,
                                                     &error));
  g_assert_no_error (error);
  g_test_message ("%s: imported in %.2f s", path, (g_get_monotonic_time () - start) / 1e6);
  return id;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return test_query_int (redress_store_get_handle (f->base.store), sql);
}

static void
assert_read_within (Fixture    *f,
                    gint64      id,
                    const char *source,
                    double      max_cer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = redress_store_dup_page_text (f->base.store, id, 1, &error);
  g_autofree char *sql = NULL;
  double cer;

  g_assert_no_error (error);
  cer = character_error_rate (source, text);
  g_test_message ("character error rate %.4f; read: %s", cer, text);
  g_assert_cmpfloat (cer, <=, max_cer);

  sql = g_strdup_printf ("SELECT count(*) FROM pages WHERE document_id = %" G_GINT64_FORMAT
                         " AND text_source = 'ocr' AND redacted = 0 AND ocr_language IS NOT NULL",
                         id);
  g_assert_cmpint (query_int (f, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT pages_without_text FROM documents WHERE id = %" G_GINT64_FORMAT,
                         id);
  g_assert_cmpint (query_int (f, sql), ==, 0);
  g_free (sql);
  /* Each word keeps its box */
  sql = g_strdup_printf ("SELECT n_words FROM page_words JOIN pages ON pages.id = page_id "
                         "WHERE document_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (query_int (f, sql), >=, 20);
}

static void
assert_read (Fixture    *f,
             gint64      id,
             const char *source)
{
  assert_read_within (f, id, source, MAX_CER_300);
}

static char *
grounds_of (Fixture *f,
            gint64   case_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(code, ',') FROM "
                                          "(SELECT code FROM case_grounds WHERE case_id = %"
                                          G_GINT64_FORMAT " ORDER BY code)", case_id);

  return test_query_text (redress_store_get_handle (f->base.store), sql);
}

static void
test_english_letter (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *scan = NULL;
  g_autofree char *text_pdf = NULL;
  g_autofree char *scanned_grounds = NULL;
  g_autofree char *text_grounds = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  TestPdfPage page = { 612, 792, letter_en, FALSE };
  gint64 id, text_id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "letter", letter_en, 0);
  id = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, scan,
               REDRESS_PDF_DEFAULT_OCR_LANGUAGE);
  assert_read (f, id, letter_en);

  /* Search finds a word that is only on the scanned page */
  hits = redress_store_search_pages (f->base.store, "stipulated", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* The scanned letter gives the grounds its text version gives */
  text_pdf = g_build_filename (f->base.dir, "letter-layer.pdf", NULL);
  test_pdf_write_cairo (text_pdf, &page, 1);
  text_id = import (f, f->other_id, REDRESS_DOCUMENT_REFUSAL_LETTER, text_pdf, NULL);
  scanned_grounds = grounds_of (f, f->case_id);
  text_grounds = grounds_of (f, f->other_id);
  g_assert_nonnull (strstr (text_grounds, "family-ties"));
  g_assert_cmpstr (scanned_grounds, ==, text_grounds);

  /* Which page was read by OCR, for the quotes taken from it */
  g_assert_true (redress_store_page_is_ocr (f->base.store, id, 1));
  g_assert_false (redress_store_page_is_ocr (f->base.store, text_id, 1));
  g_assert_false (redress_store_page_is_ocr (f->base.store, id, 2));
  g_assert_false (redress_store_page_is_ocr (f->base.store, id, 0));
  g_assert_false (redress_store_page_is_ocr (f->base.store, 9999, 1));
  g_assert_true (redress_store_trash_document (f->base.store, id, &error));
  g_assert_no_error (error);
  g_assert_false (redress_store_page_is_ocr (f->base.store, id, 1));
}

static void
test_french_letter (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *scan = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "lettre", letter_fr, 0);
  id = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, scan, "fra");
  assert_read (f, id, letter_fr);
  hits = redress_store_search_pages (f->base.store, "séjour", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_rotated (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *scan = NULL;
  gint64 id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "turned", letter_en, 90);
  id = import (f, f->case_id, REDRESS_DOCUMENT_OTHER, scan, "eng");
  assert_read (f, id, letter_en);
  /* The page is shown on its side: the first word's box is near the right
   * edge, high up (the top of the text faces right) */
  g_assert_cmpint (query_int (f, "SELECT width > height FROM pages"), ==, 1);
}

static void
test_redacted (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *scan = NULL;
  gint64 id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "black", NULL, 0);
  id = import (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, scan,
               REDRESS_PDF_DEFAULT_OCR_LANGUAGE);
  g_assert_cmpint (query_int (f, "SELECT redacted FROM pages"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT text_source = 'ocr' AND text = '' FROM pages"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT pages_without_text FROM documents"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM case_grounds"), ==, 0);
  g_assert_cmpint (id, >, 0);
}

static void
test_no_ocr (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *scan = NULL;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "skipped", letter_en, 0);
  import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, scan, NULL);
  g_assert_cmpint (query_int (f, "SELECT text = '' AND text_source = 'layer' AND redacted = 0 "
                                 "FROM pages"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT pages_without_text FROM documents"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM page_words"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM case_grounds"), ==, 0);
}

/* A grainy scan at 200 dpi, French with its accents */
static void
test_low_resolution (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *scan = NULL;
  TestPdfPage page = { 612, 792, letter_fr, FALSE };
  gint64 id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = test_pdf_write_scan_full (f->base.dir, "grainy", &page, 1, 0, 200, TRUE);
  id = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, scan,
               REDRESS_PDF_DEFAULT_OCR_LANGUAGE);
  assert_read_within (f, id, letter_fr, MAX_CER_200);
  /* The page keeps its size in points, whatever the scan's resolution */
  g_assert_cmpint (query_int (f, "SELECT round(width) = 612 AND round(height) = 792 FROM pages"),
                   ==, 1);
}

/* The processes this one started that are still there */
static guint
count_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *end;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …": the parent after the last ")" */
      end = strrchr (stat, ')');
      if (end != NULL && g_ascii_strtoll (end + 4, NULL, 10) == getpid ())
        n++;
    }
  return n;
}

static void
cancel_on_first_page (guint    page_no,
                      guint    n_pages,
                      gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled while a page is read: nothing stored, no reader left */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = NULL;
  TestPdfPage pages[3] = {
    { 612, 792, letter_en, FALSE }, { 612, 792, letter_fr, FALSE }, { 612, 792, letter_en, FALSE },
  };
  gint64 id = 0;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = test_pdf_write_scan (f->base.dir, "long", pages, 3, 0);
  g_assert_cmpuint (count_children (), ==, 0);
  g_assert_false (redress_store_import_document_full (f->base.store, f->case_id,
                                                      REDRESS_DOCUMENT_OFFICER_NOTES, scan, NULL,
                                                      REDRESS_PDF_DEFAULT_OCR_LANGUAGE, NULL,
                                                      cancel_on_first_page, cancellable,
                                                      cancellable, &id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM page_words"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM events WHERE entity = 'document'"), ==, 0);
  g_assert_cmpuint (count_children (), ==, 0);
}

static void
count_page (guint    page_no,
            guint    n_pages,
            gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
on_read_again (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Read again in the other languages, in a thread, as the documents' menu
 * does it: the window goes on, progress comes to it, the text is replaced */
static void
test_read_again_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = NULL;
  guint pages_started = 0;
  guint n_read = 0;
  gint64 id;

  if (!test_pdf_have_scan_tools (TRUE))
    return;
  scan = make_scan (f, "again", letter_fr, 0);
  id = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, scan, "eng");
  redress_store_read_document_again_async (f->base.store, id, NULL, "fra", count_page,
                                           &pages_started, NULL, NULL, on_read_again, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (redress_store_read_document_again_finish (f->base.store, result, &n_read,
                                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, 1);
  g_assert_cmpuint (pages_started, ==, 1);
  assert_read (f, id, letter_fr);
  g_assert_cmpint (query_int (f, "SELECT ocr_language = 'fra' FROM pages"), ==, 1);

  /* A language it cannot read in: said, nothing changed */
  g_clear_object (&result);
  redress_store_read_document_again_async (f->base.store, id, NULL, "deu", NULL, NULL, NULL,
                                           NULL, on_read_again, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (redress_store_read_document_again_finish (f->base.store, result, NULL,
                                                            &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_cmpint (query_int (f, "SELECT ocr_language = 'fra' FROM pages"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ocr" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/english-letter", test_english_letter);
  ADD ("/french-letter", test_french_letter);
  ADD ("/rotated", test_rotated);
  ADD ("/redacted", test_redacted);
  ADD ("/no-ocr", test_no_ocr);
  ADD ("/low-resolution", test_low_resolution);
  ADD ("/cancel", test_cancel);
  ADD ("/read-again-async", test_read_again_async);
#undef ADD

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

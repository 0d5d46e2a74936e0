/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "redress-pdf-config.h"
#include "redress-store-documents.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * Documents: import through redress-pdf-worker of PDFs this test writes
 * (cairo + Pango, and by hand for /Rotate, which cairo cannot set), text
 * per page, deduplicated bytes, search with accents and phrases, export,
 * removal with Undo and purge, and refusals that leave nothing behind.
 */

#define FRENCH_TEXT \
  "Décision de l’agent\n\n" \
  "Après examen de votre demande de permis d’études, j’ai déterminé que vous ne " \
  "satisfaites pas aux exigences. Cette décision est motivée ci-dessous."

typedef struct
{
  StoreFixture base;
  RedressClient *client;
  RedressCase *kase;
  RedressCase *other;     /* another client's case */
  gint64 case_id;
  gint64 other_id;
  RedressPdfLimits saved_limits;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RedressClient) other_client = NULL;
  RedressPdfLimits limits = { REDRESS_PDF_DEFAULT_MAX_SIZE, REDRESS_PDF_DEFAULT_TIMEOUT_MS,
                              REDRESS_PDF_DEFAULT_MEMORY_LIMIT };

  redress_pdf_limits_get_default (&f->saved_limits);
  redress_pdf_limits_set_default (&limits);

  store_fixture_setup (&f->base, data);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  f->client = test_add_client (f->base.store, "Tremblay", "Amélie", NULL);
  f->kase = test_add_case (f->base.store, redress_record_get_id (REDRESS_RECORD (f->client)),
                           "study-permit", "2026-02-20");
  other_client = test_add_client (f->base.store, "Okafor", "Chidi", NULL);
  f->other = test_add_case (f->base.store, redress_record_get_id (REDRESS_RECORD (other_client)),
                            "visitor-visa", "2026-01-15");
  f->case_id = redress_record_get_id (REDRESS_RECORD (f->kase));
  f->other_id = redress_record_get_id (REDRESS_RECORD (f->other));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_clear_object (&f->other);
  g_clear_object (&f->client);
  store_fixture_teardown (&f->base, data);
  redress_pdf_limits_set_default (&f->saved_limits);
}

static char *
tmp_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->base.dir, name, NULL);
}

/* A letter, French notes, a landscape page, a scanned page */
static char *
write_letter (Fixture *f)
{
  char *path = tmp_path (f, "refusal-letter.pdf");
  const TestPdfPage pages[] = {
    { 595, 842, "Immigration, Refugees and Citizenship Canada\n\n"
                "This letter is to inform you that your application for a study permit "
                "has been refused. The officer was not satisfied that you will leave "
                "Canada at the end of your stay.", FALSE },
    { 595, 842, FRENCH_TEXT, FALSE },
    { 842, 595, "Officer notes (landscape page): purpose of visit not "
                "consistent with a temporary stay.", FALSE },
    { 595, 842, NULL, TRUE },
  };

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  return path;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return test_query_int (redress_store_get_handle (f->base.store), sql);
}

/* Nothing of any document in the database */
static void
assert_nothing_stored (Fixture *f)
{
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages_fts"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE entity = 'document'"), ==, 0);
}

static gint64
import_ok (Fixture             *f,
           gint64               case_id,
           RedressDocumentKind  kind,
           const char          *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (redress_store_import_document (f->base.store, case_id, kind, path, NULL, NULL, NULL,
                                                NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
import_ok_with_password (Fixture    *f,
                         const char *path,
                         const char *password)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (redress_store_import_document (f->base.store, f->other_id, REDRESS_DOCUMENT_OTHER,
                                                path, password, NULL, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

typedef struct
{
  guint calls;
  guint done;
  guint total;
  gboolean backwards;
  GThread *thread;
  gboolean other_thread;
  GCancellable *cancel_at_first_page;
  guint freed;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  if (done < p->done)
    p->backwards = TRUE;
  p->calls++;
  p->done = done;
  p->total = total;
  if (p->thread != NULL && g_thread_self () != p->thread)
    p->other_thread = TRUE;
  if (p->cancel_at_first_page != NULL && done >= 1)
    g_cancellable_cancel (p->cancel_at_first_page);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autofree char *sha256 = test_file_sha256 (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_auto(GStrv) texts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;
  Progress progress = { 0, };
  GStatBuf st;
  double width = 0, height = 0;
  int rotation = -1;
  gint64 id = 0;

  g_assert_true (redress_store_import_document (f->base.store, f->case_id,
                                                REDRESS_DOCUMENT_REFUSAL_LETTER, path, NULL,
                                                on_progress, &progress, NULL, &id, &error));
  g_assert_no_error (error);

  /* Progress: page by page up to 4 of 4 */
  g_assert_cmpuint (progress.calls, >=, 4);
  g_assert_cmpuint (progress.done, ==, 4);
  g_assert_cmpuint (progress.total, ==, 4);
  g_assert_false (progress.backwards);

  document = redress_store_get_document (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_document_get_id (document), ==, id);
  g_assert_cmpint (redress_document_get_case_id (document), ==, f->case_id);
  g_assert_cmpint (redress_document_get_kind (document), ==, REDRESS_DOCUMENT_REFUSAL_LETTER);
  g_assert_cmpstr (redress_document_get_file_name (document), ==, "refusal-letter.pdf");
  g_assert_cmpstr (redress_document_get_sha256 (document), ==, sha256);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (redress_document_get_size (document), ==, (guint64) st.st_size);
  g_assert_cmpuint (redress_document_get_n_pages (document), ==, 4);
  g_assert_true (redress_document_get_has_text (document));
  g_assert_cmpuint (redress_document_get_pages_without_text (document), ==, 1);
  g_assert_false (redress_document_get_deleted (document));
  g_assert_cmpstr (redress_document_get_created_at (document), ==, "2026-03-02T14:05:00Z");
  status = redress_document_dup_text_status (document);
  g_assert_nonnull (strstr (status, "1 page of 4"));

  /* The text of each page, in order */
  text = redress_store_dup_page_text (f->base.store, id, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Immigration, Refugees and Citizenship Canada"));
  g_assert_nonnull (strstr (text, "refused"));
  g_clear_pointer (&text, g_free);
  text = redress_store_dup_page_text (f->base.store, id, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Décision de l’agent"));
  g_assert_nonnull (strstr (text, "déterminé"));
  g_clear_pointer (&text, g_free);
  text = redress_store_dup_page_text (f->base.store, id, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (text), ==, "");
  g_clear_pointer (&text, g_free);
  text = redress_store_dup_page_text (f->base.store, id, 5, &error);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_assert_null (text);
  g_clear_error (&error);

  texts = redress_store_dup_document_text (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (texts), ==, 4);
  g_assert_nonnull (strstr (texts[2], "landscape"));

  /* Sizes as shown: the third page is landscape */
  g_assert_true (redress_store_get_page_geometry (f->base.store, id, 1, &width, &height, &rotation,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (width, 595, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 842, 0.01);
  g_assert_cmpint (rotation, ==, 0);
  g_assert_true (redress_store_get_page_geometry (f->base.store, id, 3, &width, &height, &rotation,
                                                  &error));
  g_assert_cmpfloat_with_epsilon (width, 842, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595, 0.01);
  g_assert_cmpint (rotation, ==, 0);

  documents = redress_store_list_documents (f->base.store, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (redress_document_get_id (g_ptr_array_index (documents, 0)), ==, id);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = redress_store_list_documents (f->base.store, f->other_id, &error);
  g_assert_cmpuint (documents->len, ==, 0);

  /* On the case's timeline, with the ground the letter states (newest
   * first): detection runs on the import of a refusal letter */
  events = redress_store_list_events (f->base.store, 0, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, 2);
  g_assert_cmpstr (redress_event_get_entity (g_ptr_array_index (events, 0)), ==, "ground");
  g_assert_cmpstr (redress_event_get_kind (g_ptr_array_index (events, 0)), ==, "suggested");
  g_assert_cmpstr (redress_event_get_new_value (g_ptr_array_index (events, 0)), ==,
                   "purpose-of-visit");
  g_assert_cmpstr (redress_event_get_entity (g_ptr_array_index (events, 1)), ==, "document");
  g_assert_cmpstr (redress_event_get_kind (g_ptr_array_index (events, 1)), ==, "added");
  g_assert_cmpstr (redress_event_get_new_value (g_ptr_array_index (events, 1)), ==,
                   "refusal-letter.pdf");

  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
}

static void
test_rotated (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "rotated.pdf");
  const char *texts[] = { "Upright page", "Turned a quarter", "Upside down", "Three quarters" };
  const int rotations[] = { 0, 90, 180, 270 };
  gint64 id;

  test_pdf_write_minimal (path, texts, rotations, 4);
  id = import_ok (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, path);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      double width = 0, height = 0;
      int rotation = -1;

      g_assert_true (redress_store_get_page_geometry (f->base.store, id, i + 1, &width, &height,
                                                      &rotation, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rotation, ==, rotations[i]);
      /* As shown: a quarter turn swaps width and height */
      g_assert_cmpfloat_with_epsilon (width, rotations[i] % 180 ? 792 : 612, 0.01);
      g_assert_cmpfloat_with_epsilon (height, rotations[i] % 180 ? 612 : 792, 0.01);
      text = redress_store_dup_page_text (f->base.store, id, i + 1, &error);
      g_assert_nonnull (strstr (text, texts[i]));
    }
}

static void
test_scanned (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "scan.pdf");
  const TestPdfPage pages[] = { { 612, 792, NULL, TRUE }, { 612, 792, NULL, TRUE } };
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 id;

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  id = import_ok (f, f->case_id, REDRESS_DOCUMENT_EVIDENCE, path);
  document = redress_store_get_document (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_false (redress_document_get_has_text (document));
  g_assert_cmpuint (redress_document_get_pages_without_text (document), ==, 2);
  g_assert_cmpint (count (f, "SELECT has_text FROM documents"), ==, 0);
  g_assert_cmpint (count (f, "SELECT pages_without_text FROM documents"), ==, 2);
  status = redress_document_dup_text_status (document);
  g_assert_nonnull (strstr (status, "could not be read"));
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autofree char *copy = tmp_path (f, "copy of the letter.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 a, b, c = 0;

  a = import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  g_file_get_contents (path, &contents, &length, &error);
  g_file_set_contents (copy, contents, (gssize) length, &error);
  g_assert_no_error (error);

  /* The same bytes in another case: a second document, one blob */
  b = import_ok (f, f->other_id, REDRESS_DOCUMENT_EVIDENCE, copy);
  g_assert_cmpint (a, !=, b);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 8);

  /* Twice in the same case: refused, naming the document already there */
  g_assert_false (redress_store_import_document (f->base.store, f->case_id,
                                                 REDRESS_DOCUMENT_OTHER, copy, NULL, NULL,
                                                 NULL, NULL, &c, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refusal-letter.pdf"));
  g_assert_cmpint (c, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE entity = 'document'"), ==, 2);
}

static GPtrArray *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = redress_store_search_pages (f->base.store, query, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static guint
n_hits (Fixture    *f,
        const char *query)
{
  g_autoptr(GPtrArray) hits = search (f, query);

  return hits->len;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autofree char *notes = tmp_path (f, "notes.pdf");
  const char *texts[] = { "The purpose of visit is not consistent with a temporary stay.",
                          "Decision: refused. Family ties in Canada & abroad <weak>." };
  const char *hostile[] = {
    "", "   ", "\"", "\"\"", "AND", "OR NOT", "NEAR(", "NEAR(a b", "*", "-refused", "^refused",
    "text:refused", "(refused", "refused)", "'", "{refused}", "refused OR", "\"unclosed phrase",
    "a\"b", "+", "décision:", "\xff\xfe", "NOT refused", "refused AND", "col1 : x",
  };
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *markup = NULL;
  RedressSearchHit *hit;
  gint64 letter, notes_id;

  letter = import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  test_pdf_write_minimal (notes, texts, NULL, G_N_ELEMENTS (texts));
  notes_id = import_ok (f, f->other_id, REDRESS_DOCUMENT_OFFICER_NOTES, notes);

  /* Accents and case do not matter, either way round */
  hits = search (f, "decision");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "DÉCISION");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "determine");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "exigences décision");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (redress_search_hit_get_document_id (hit), ==, letter);
  g_assert_cmpuint (redress_search_hit_get_page (hit), ==, 2);
  g_assert_cmpint (redress_search_hit_get_case_id (hit), ==, f->case_id);
  g_assert_cmpint (redress_search_hit_get_client_id (hit), ==,
                   redress_record_get_id (REDRESS_RECORD (f->client)));
  g_assert_cmpstr (redress_search_hit_get_client_name (hit), ==, "Tremblay, Amélie");
  g_assert_cmpstr (redress_search_hit_get_case_title (hit), ==,
                   "Study permit refused 20 February 2026");
  g_assert_cmpstr (redress_search_hit_get_file_name (hit), ==, "refusal-letter.pdf");
  g_assert_cmpint (redress_search_hit_get_kind (hit), ==, REDRESS_DOCUMENT_REFUSAL_LETTER);
  /* Matches marked, on one line */
  g_assert_nonnull (strstr (redress_search_hit_get_snippet (hit),
                            REDRESS_SNIPPET_START "Décision" REDRESS_SNIPPET_END " de l’agent"));
  g_assert_nonnull (strstr (redress_search_hit_get_snippet (hit),
                            REDRESS_SNIPPET_START "exigences" REDRESS_SNIPPET_END));
  g_assert_null (strchr (redress_search_hit_get_snippet (hit), '\n'));
  plain = redress_search_hit_dup_snippet_text (hit);
  g_assert_null (strchr (plain, REDRESS_SNIPPET_START[0]));
  g_assert_nonnull (strstr (plain, "Décision de l’agent Après examen"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Phrases: in order only */
  g_assert_cmpuint (n_hits (f, "\"décision de l’agent\""), ==, 1);
  g_assert_cmpuint (n_hits (f, "\"decision de l'agent\""), ==, 1);
  g_assert_cmpuint (n_hits (f, "\"agent de décision\""), ==, 0);
  g_assert_cmpuint (n_hits (f, "\"study permit\" refused"), ==, 1);
  g_assert_cmpuint (n_hits (f, "\"purpose of visit\""), ==, 2);
  /* All words must match; a trailing * is a prefix */
  g_assert_cmpuint (n_hits (f, "refused temporary"), ==, 0);
  g_assert_cmpuint (n_hits (f, "determin*"), ==, 1);
  g_assert_cmpuint (n_hits (f, "nowhere"), ==, 0);

  /* Markup is escaped, matches in bold */
  hits = search (f, "weak");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (redress_search_hit_get_document_id (hit), ==, notes_id);
  g_assert_cmpuint (redress_search_hit_get_page (hit), ==, 2);
  markup = redress_search_hit_dup_snippet_markup (hit);
  g_assert_nonnull (strstr (markup, "&amp; abroad &lt;<b>weak</b>&gt;"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Whatever is typed, never an FTS syntax error */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = redress_store_search_pages (f->base.store, hostile[i], 10,
                                                                 &error);
      g_assert_no_error (error);
      g_assert_nonnull (results);
    }
  g_assert_cmpuint (n_hits (f, "-refused"), ==, 2);
  /* Words, not operators: "not" and "refused" on the same page */
  g_assert_cmpuint (n_hits (f, "NOT refused"), ==, 1);
  g_assert_cmpuint (n_hits (f, "not refused"), ==, 1);

  /* Trashed documents, cases and clients are not searched */
  g_assert_true (redress_store_trash_document (f->base.store, notes_id, NULL));
  g_assert_cmpuint (n_hits (f, "decision"), ==, 1);
  g_assert_true (redress_store_untrash_document (f->base.store, notes_id, NULL));
  g_assert_cmpuint (n_hits (f, "decision"), ==, 2);
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (f->kase), NULL));
  g_assert_cmpuint (n_hits (f, "decision"), ==, 1);
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (f->kase), NULL));
  g_assert_cmpuint (n_hits (f, "decision"), ==, 2);

  /* The limit */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) one = redress_store_search_pages (f->base.store, "decision", 1, &error);
    g_assert_cmpuint (one->len, ==, 1);
  }
}

static void
test_query_syntax (Fixture       *f,
                   gconstpointer  data)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "decision", "\"decision\"" },
    { "  refused   study ", "\"refused\" \"study\"" },
    { "\"study permit\" refused", "\"study permit\" \"refused\"" },
    { "\"unclosed phrase", "\"unclosed phrase\"" },
    { "determin*", "\"determin\"*" },
    { "AND OR NOT", "\"AND\" \"OR\" \"NOT\"" },
    { "NEAR(a b)", "\"NEAR(a\" \"b)\"" },
    { "a\"b", "\"a\" \"b\"" },
    /* Typographic quotes, as a word processor or a French keyboard types them */
    { "“family ties” refused", "\"family ties\" \"refused\"" },
    { "« liens familiaux » refus", "\" liens familiaux \" \"refus\"" },
    { "„study plan“", "\"study plan\"" },
    /* A straight quote inside ends the phrase: the query stays valid */
    { "“has \"inner\" quote”", "\"has \" \"inner\" \" quote”\"" },
    { "* - ^ :", NULL },
    { "", NULL },
    { "\"\"", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = redress_search_query_to_fts (cases[i].in);
      g_assert_cmpstr (fts, ==, cases[i].out);
    }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autofree char *out = tmp_path (f, "exported.pdf");
  g_autofree char *bad = tmp_path (f, "no-such-folder/exported.pdf");
  g_autofree char *original = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_length, exported_length;
  gint64 id;

  id = import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  g_assert_true (redress_store_export_document (f->base.store, id, out, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &original, &original_length, &error);
  g_file_get_contents (out, &exported, &exported_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (original, original_length, exported, exported_length);
  g_assert_cmpuint (test_file_mode (out), ==, 0600);

  bytes = redress_store_dup_document_bytes (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (original, original_length, g_bytes_get_data (bytes, NULL),
                   g_bytes_get_size (bytes));

  g_assert_false (redress_store_export_document (f->base.store, id, bad, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (redress_store_export_document (f->base.store, id + 100, out, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A stored copy that no longer matches its SHA-256 is not handed out */
  test_exec (redress_store_get_handle (f->base.store),
             "UPDATE blobs SET data = CAST(zeroblob(size) AS BLOB)");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = redress_store_dup_document_bytes (f->base.store, id, &error);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_assert_null (bytes);
}

static gint64
fts_terms (Fixture *f)
{
  test_exec (redress_store_get_handle (f->base.store),
             "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, pages_fts, row)");
  /* The index agrees with the pages table */
  test_exec (redress_store_get_handle (f->base.store),
             "INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')");
  return count (f, "SELECT count(*) FROM temp.vocab");
}

static void
on_changed (RedressStore *store,
            const char   *entity,
            gint64        id,
            gpointer      data)
{
  guint *n = data;

  g_assert_cmpstr (entity, ==, "document");
  (*n)++;
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autofree char *notes = tmp_path (f, "notes.pdf");
  const char *texts[] = { "Unique words: xylophone quartz" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 a, b, c;
  guint changes = 0;

  test_pdf_write_minimal (notes, texts, NULL, 1);
  a = import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  b = import_ok (f, f->other_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);   /* same blob */
  c = import_ok (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, notes);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 2);
  g_signal_connect (f->base.store, "changed::document", G_CALLBACK (on_changed), &changes);

  /* Trash: gone from the case, back with Undo */
  g_assert_true (redress_store_trash_document (f->base.store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  document = redress_store_get_document (f->base.store, a, &error);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  documents = redress_store_list_documents (f->base.store, f->case_id, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_clear_pointer (&documents, g_ptr_array_unref);
  g_assert_false (redress_store_trash_document (f->base.store, a, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  events = redress_store_list_events (f->base.store, 0, f->case_id, &error);
  g_assert_cmpstr (redress_event_get_kind (g_ptr_array_index (events, 0)), ==, "deleted");
  g_assert_cmpstr (redress_event_get_new_value (g_ptr_array_index (events, 0)), ==,
                   "refusal-letter.pdf");
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_true (redress_store_untrash_document (f->base.store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  document = redress_store_get_document (f->base.store, a, &error);
  g_assert_no_error (error);
  g_clear_object (&document);
  events = redress_store_list_events (f->base.store, 0, f->case_id, &error);
  g_assert_cmpstr (redress_event_get_kind (g_ptr_array_index (events, 0)), ==, "restored");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Purge does nothing to a document that is not in the trash */
  g_assert_true (redress_store_purge_document (f->base.store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 3);

  /* Purged: its pages and index entries go; the blob stays for b */
  g_assert_true (redress_store_trash_document (f->base.store, a, NULL));
  g_assert_true (redress_store_purge_document (f->base.store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 2);
  g_assert_cmpuint (n_hits (f, "refused"), ==, 1);
  fts_terms (f);

  /* The last document of a blob takes it along */
  g_assert_true (redress_store_trash_document (f->base.store, b, NULL));
  g_assert_true (redress_store_purge_trashed_documents (f->base.store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 1);
  g_assert_cmpuint (n_hits (f, "refused"), ==, 0);
  g_assert_cmpuint (n_hits (f, "xylophone"), ==, 1);

  /* A purged case takes its documents, pages, index and blobs along */
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (f->kase), NULL));
  g_assert_true (redress_store_purge (f->base.store, REDRESS_RECORD (f->kase), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (fts_terms (f), ==, 0);
  g_assert_cmpuint (n_hits (f, "xylophone"), ==, 0);
  g_assert_false (redress_store_untrash_document (f->base.store, c, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_letter (f);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = redress_store_get_handle (f->base.store);
  guint changes = 0;
  gint64 id = 0;

  g_signal_connect (f->base.store, "changed::document", G_CALLBACK (on_changed), &changes);

  /* The third page cannot be written: nothing of the document stays */
  test_exec (db, "CREATE TEMP TRIGGER fail_page BEFORE INSERT ON pages WHEN NEW.page_no = 3 "
                 "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  g_assert_false (redress_store_import_document (f->base.store, f->case_id,
                                                 REDRESS_DOCUMENT_REFUSAL_LETTER, path, NULL,
                                                 NULL, NULL, NULL, &id, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);
  assert_nothing_stored (f);
  g_assert_cmpuint (changes, ==, 0);

  /* Nor when the timeline cannot be written, the last step */
  test_exec (db, "DROP TRIGGER fail_page");
  test_exec (db, "CREATE TEMP TRIGGER fail_event BEFORE INSERT ON events "
                 "WHEN NEW.entity = 'document' BEGIN SELECT RAISE(ABORT, 'no'); END");
  g_assert_false (redress_store_import_document (f->base.store, f->case_id,
                                                 REDRESS_DOCUMENT_REFUSAL_LETTER, path, NULL,
                                                 NULL, NULL, NULL, &id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_nothing_stored (f);

  /* Inside a caller's transaction, rolled back with it */
  test_exec (db, "DROP TRIGGER fail_event");
  g_assert_true (redress_store_begin (f->base.store, &error));
  import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  redress_store_rollback (f->base.store);
  assert_nothing_stored (f);

  import_ok (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, path);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 4);
}

static void
expect_refusal (Fixture    *f,
                gint64      case_id,
                const char *path,
                const char *password,
                GQuark      domain,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_false (redress_store_import_document (f->base.store, case_id, REDRESS_DOCUMENT_OTHER,
                                                 path, password, NULL, NULL, NULL, &id,
                                                 &error));
  g_assert_error (error, domain, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (id, ==, 0);
  assert_nothing_stored (f);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *empty = tmp_path (f, "empty.pdf");
  g_autofree char *text = tmp_path (f, "letter.txt.pdf");
  g_autofree char *no_pages = tmp_path (f, "no-pages.pdf");
  g_autofree char *damaged = tmp_path (f, "damaged.pdf");
  g_autofree char *missing = tmp_path (f, "missing.pdf");
  g_autofree char *letter = write_letter (f);
  RedressPdfLimits limits;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (empty, "", 0, &error);
  g_file_set_contents (text, "Dear applicant, this is not a PDF.\n", -1, &error);
  /* Junk (even NUL bytes) may come before the header: a PDF, if damaged */
  {
    static const char junk_pdf[] =
      "\0\0junk\n%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF";
    g_file_set_contents (damaged, junk_pdf, sizeof junk_pdf - 1, &error);
  }
  g_assert_no_error (error);
  test_pdf_write_minimal (no_pages, NULL, NULL, 0);

  expect_refusal (f, f->case_id, empty, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_EMPTY,
                  "This file is empty: it holds no document.");
  expect_refusal (f, f->case_id, text, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF,
                  "This file is not a PDF.");
  expect_refusal (f, f->case_id, f->base.dir, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF,
                  NULL);
  expect_refusal (f, f->case_id, damaged, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_DAMAGED,
                  "This PDF is damaged and cannot be read.");
  expect_refusal (f, f->case_id, no_pages, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_PAGES,
                  "This PDF has no pages.");
  expect_refusal (f, f->case_id, missing, NULL, REDRESS_ERROR, REDRESS_ERROR_IO, NULL);
  /* A password given to a PDF that has none does no harm */
  {
    gint64 id = 0;

    g_assert_true (redress_store_import_document (f->base.store, f->other_id, REDRESS_DOCUMENT_OTHER,
                                                  letter, "secret", NULL, NULL, NULL, &id,
                                                  &error));
    g_assert_no_error (error);
    g_assert_true (redress_store_trash_document (f->base.store, id, NULL));
    g_assert_true (redress_store_purge_document (f->base.store, id, NULL));
    test_exec (redress_store_get_handle (f->base.store), "DELETE FROM events");
    assert_nothing_stored (f);
  }

  /* No such case, or in the trash */
  expect_refusal (f, 9999, letter, NULL, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND, NULL);
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (f->kase), NULL));
  expect_refusal (f, f->case_id, letter, NULL, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND, NULL);
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (f->kase), NULL));
  test_exec (redress_store_get_handle (f->base.store), "DELETE FROM events");

  /* Too large: refused before reading */
  redress_pdf_limits_get_default (&limits);
  limits.max_size = 1000;
  redress_pdf_limits_set_default (&limits);
  expect_refusal (f, f->case_id, letter, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TOO_LARGE,
                  NULL);
  limits.max_size = REDRESS_PDF_DEFAULT_MAX_SIZE;
  redress_pdf_limits_set_default (&limits);

  /* No PDF reader installed */
  redress_pdf_set_worker_path ("/nonexistent/redress-pdf-worker");
  expect_refusal (f, f->case_id, letter, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_READER,
                  NULL);
  redress_pdf_set_worker_path (NULL);
  import_ok (f, f->case_id, REDRESS_DOCUMENT_OTHER, letter);
}

/* A password longer than poppler takes is refused before the PDF reader
 * sees it, saying the limit (poppler 22.12 crashes on it with AES-256) */
static void
test_password_bound (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *letter = write_letter (f);
  g_autofree char *too_long = g_strnfill (REDRESS_PDF_MAX_PASSWORD_BYTES + 1, 'a');
  g_autofree char *longest = g_strnfill (REDRESS_PDF_MAX_PASSWORD_BYTES, 'a');
  g_autofree char *huge = g_strnfill (100000, 'a');
  g_autofree char *corpus = test_corpus_dir ();
  g_autofree char *aes = corpus ? g_build_filename (corpus, "enc_aes256-r6_user-usersecret.pdf", NULL)
                                : NULL;
  g_autofree char *limit = g_strdup_printf ("%d bytes", REDRESS_PDF_MAX_PASSWORD_BYTES);

  g_assert_cmpint (REDRESS_PDF_MAX_PASSWORD_BYTES, ==, 127);
  {
    g_autoptr(GError) error = NULL;
    gint64 id = 0;

    g_assert_false (redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER,
                                                   letter, too_long, NULL, NULL, NULL, &id,
                                                   &error));
    g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD);
    g_assert_nonnull (strstr (error->message, limit));
    g_assert_nonnull (strstr (error->message, "too long"));
    assert_nothing_stored (f);
  }
  expect_refusal (f, f->case_id, letter, huge, REDRESS_PDF_ERROR,
                  REDRESS_PDF_ERROR_WRONG_PASSWORD, NULL);

  if (aes == NULL || !g_file_test (aes, G_FILE_TEST_IS_REGULAR))
    {
      g_test_message ("no AES-256 PDF in the corpus: only the bound itself is checked");
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = tmp_path (f, "aes256.pdf");
      g_autofree char *contents = NULL;
      gsize length = 0;
      gint64 id = 0;

      g_assert_true (g_file_get_contents (aes, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));

      /* 128 bytes: said too long, not "the PDF reader stopped on it" */
      g_assert_false (redress_store_import_document (f->base.store, f->case_id,
                                                     REDRESS_DOCUMENT_OTHER, copy, too_long,
                                                     NULL, NULL, NULL, &id, &error));
      g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD);
      g_assert_nonnull (strstr (error->message, limit));
      g_clear_error (&error);
      assert_nothing_stored (f);
      /* 127 bytes reach the reader, which says it is wrong */
      expect_refusal (f, f->case_id, copy, longest, REDRESS_PDF_ERROR,
                      REDRESS_PDF_ERROR_WRONG_PASSWORD, "The password is wrong.");
      /* The right one opens it */
      g_assert_true (redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER,
                                                    copy, "usersecret", NULL, NULL, NULL, &id,
                                                    &error));
      g_assert_no_error (error);
    }

  /* The longest password allowed is given to a PDF that has none */
  import_ok_with_password (f, letter, longest);
}

/* Just over the limit, the message does not read "30.0 kB; the limit is
 * 30.0 kB": it gives the sizes in bytes */
static void
test_size_at_limit (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *letter = write_letter (f);
  g_autoptr(GError) error = NULL;
  RedressPdfLimits limits;
  GStatBuf st;
  gint64 id = 0;

  g_assert_cmpint (g_stat (letter, &st), ==, 0);
  redress_pdf_limits_get_default (&limits);
  limits.max_size = (guint64) st.st_size - 1;
  redress_pdf_limits_set_default (&limits);

  g_assert_false (redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER,
                                                 letter, NULL, NULL, NULL, NULL, &id, &error));
  g_assert_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TOO_LARGE);
  {
    g_autofree char *size = g_format_size ((guint64) st.st_size);
    g_autofree char *max = g_format_size (limits.max_size);
    g_autofree char *same = g_strdup_printf ("%s; the limit is %s", size, max);
    g_autofree char *size_long = g_format_size_full ((guint64) st.st_size,
                                                     G_FORMAT_SIZE_LONG_FORMAT);

    g_test_message ("%s", error->message);
    g_assert_cmpstr (size, ==, max);          /* the case this test is about */
    g_assert_null (strstr (error->message, same));
    g_assert_nonnull (strstr (error->message, size_long));
  }
  assert_nothing_stored (f);
}

/* A PDF cut short (an interrupted download) is damaged, not "without
 * pages"; a whole PDF without a page still says so */
static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *letter = write_letter (f);
  g_autofree char *cut = tmp_path (f, "cut.pdf");
  g_autofree char *no_pages = tmp_path (f, "no-pages.pdf");
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_damaged = 0;

  g_assert_true (g_file_get_contents (letter, &contents, &length, NULL));
  for (guint percent = 10; percent < 100; percent += 20)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = 0;

      g_assert_true (g_file_set_contents (cut, contents, (gssize) (length * percent / 100), NULL));
      if (redress_store_import_document (f->base.store, f->case_id, REDRESS_DOCUMENT_OTHER, cut, NULL,
                                         NULL, NULL, NULL, &id, &error))
        {
          /* Poppler may rebuild what remains: then it is a document */
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (g_error_matches (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_PAGES));
      g_assert_null (strstr (error->message, "no pages"));
      g_assert_nonnull (strstr (error->message, "damaged"));
      n_damaged++;
      assert_nothing_stored (f);
    }
  g_assert_cmpuint (n_damaged, >, 0);

  test_pdf_write_minimal (no_pages, NULL, NULL, 0);
  expect_refusal (f, f->case_id, no_pages, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_PAGES,
                  "This PDF has no pages.");
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "long.pdf");
  RedressPdfLimits limits;

  test_pdf_write_long (path, 300);
  redress_pdf_limits_get_default (&limits);

  /* Out of time: the reader is killed */
  limits.timeout_ms = 1;
  redress_pdf_limits_set_default (&limits);
  expect_refusal (f, f->case_id, path, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TIMED_OUT,
                  "This PDF could not be read in time: it may be damaged or built to "
                  "overload readers.");
  limits.timeout_ms = REDRESS_PDF_DEFAULT_TIMEOUT_MS;

  /* Out of memory: the reader cannot even start */
#if REDRESS_SANITIZED
  g_test_message ("memory limit not applied in a sanitizer build");
#else
  limits.memory_limit = 8 << 20;
  redress_pdf_limits_set_default (&limits);
  expect_refusal (f, f->case_id, path, NULL, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED, NULL);
#endif
  limits.memory_limit = REDRESS_PDF_DEFAULT_MEMORY_LIMIT;
  redress_pdf_limits_set_default (&limits);

  import_ok (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, path);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pages"), ==, 300);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "long.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  test_pdf_write_long (path, 300);
  progress.cancel_at_first_page = cancellable;
  g_assert_false (redress_store_import_document (f->base.store, f->case_id,
                                                 REDRESS_DOCUMENT_OFFICER_NOTES, path, NULL,
                                                 on_progress, &progress, cancellable, NULL,
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.done, <, 300);
  assert_nothing_stored (f);
}

typedef struct
{
  GMainLoop *loop;
  gboolean done;
  gint64 id;
  GError *error;
  Progress *progress;
  guint progress_calls_at_end;
} AsyncResult;

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AsyncResult *r = data;

  r->done = redress_store_import_document_finish (REDRESS_STORE (source), result, &r->id,
                                                  &r->error);
  r->progress_calls_at_end = r->progress->calls;
  g_main_loop_quit (r->loop);
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  p->freed++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "long.pdf");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };
  AsyncResult r = { loop, FALSE, 0, NULL, &progress, 0 };

  test_pdf_write_long (path, 200);
  progress.thread = g_thread_self ();
  redress_store_import_document_async (f->base.store, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES,
                                       path, NULL, on_progress, &progress, progress_free,
                                       NULL, on_imported, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.done);
  g_assert_cmpint (r.id, >, 0);
  /* Progress on this thread, never after the end, its data freed once */
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_false (progress.other_thread);
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.total, ==, 200);
  g_assert_cmpuint (progress.freed, ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (progress.calls, ==, r.progress_calls_at_end);

  document = redress_store_get_document (f->base.store, r.id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (redress_document_get_n_pages (document), ==, 200);

  /* Cancelled: nothing more stored */
  memset (&progress, 0, sizeof progress);
  progress.thread = g_thread_self ();
  cancellable = g_cancellable_new ();
  progress.cancel_at_first_page = cancellable;
  r.done = FALSE;
  r.id = 0;
  redress_store_import_document_async (f->base.store, f->other_id, REDRESS_DOCUMENT_OFFICER_NOTES,
                                       path, NULL, on_progress, &progress, progress_free,
                                       cancellable, on_imported, &r);
  g_main_loop_run (loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_assert_false (r.done);
  g_assert_cmpuint (progress.freed, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM documents"), ==, 1);

  /* A bad case fails at once, without reading */
  memset (&progress, 0, sizeof progress);
  redress_store_import_document_async (f->base.store, 9999, REDRESS_DOCUMENT_OTHER, path, NULL,
                                       on_progress, &progress, progress_free, NULL,
                                       on_imported, &r);
  g_main_loop_run (loop);
  g_assert_error (r.error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&r.error);
  g_assert_cmpuint (progress.calls, ==, 0);
  g_assert_cmpuint (progress.freed, ==, 1);
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  RedressDocumentKind kind;

  for (guint i = 0; i < REDRESS_DOCUMENT_N_KINDS; i++)
    {
      g_assert_true (redress_document_kind_from_string (redress_document_kind_to_string (i),
                                                        &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (redress_document_kind_get_label (i));
    }
  g_assert_cmpstr (redress_document_kind_to_string (REDRESS_DOCUMENT_DECISION_NOTES), ==,
                   "decision-notes");
  g_assert_false (redress_document_kind_from_string ("letter", &kind));
  g_assert_false (redress_document_kind_from_string (NULL, &kind));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/documents" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/import", test_import);
  ADD ("/rotated", test_rotated);
  ADD ("/scanned", test_scanned);
  ADD ("/dedupe", test_dedupe);
  ADD ("/search", test_search);
  ADD ("/query-syntax", test_query_syntax);
  ADD ("/export", test_export);
  ADD ("/remove", test_remove);
  ADD ("/all-or-nothing", test_all_or_nothing);
  ADD ("/refusals", test_refusals);
  ADD ("/limits", test_limits);
  ADD ("/password-bound", test_password_bound);
  ADD ("/truncated", test_truncated);
  ADD ("/size-at-limit", test_size_at_limit);
  ADD ("/cancel", test_cancel);
  ADD ("/async", test_async);
  ADD ("/kinds", test_kinds);

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-analysis.h"
#include "redress-import.h"
#include "redress-store-checklist.h"
#include "redress-store-documents.h"
#include "redress-store-grounds.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * Grounds on a case: suggestions stored by the import of a refusal letter,
 * confirm, dismiss and its undo, grounds added by hand, evidence linked
 * and unlinked, passages suggested from the notes, a letter imported again
 * (decisions stay), the timeline.
 */

#define LETTER \
  "Dear Applicant,\n\n" \
  "I am refusing your application because you have not established that you will leave " \
  "Canada at the end of your stay, as required by paragraph 179(b) of the IRPR, based on the " \
  "following factors:\n" \
  "• You do not have significant family ties outside Canada.\n" \
  "• The purpose of your visit to Canada is not consistent with a temporary stay given the " \
  "details you have provided in your application.\n" \
  "• Your assets and financial situation are insufficient to support the stated purpose of " \
  "travel for yourself.\n\nVisa Section"

#define NOTES \
  "OFFICER DECISION NOTES\n\n" \
  "I have reviewed the application. PA is single, no dependants; parents live in COR. " \
  "Detailed bank statements show overall low funds. A large deposit made one week before " \
  "the application is not explained. I am not satisfied the applicant will depart Canada."

typedef struct
{
  StoreFixture base;
  gint64 case_id;
  gint64 other_case_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 client_id;

  store_fixture_setup (&f->base, data);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  client_id = store_fixture_add_client (&f->base, "Nguyen", "Thi");
  f->case_id = store_fixture_add_case (&f->base, client_id, "visitor-visa", "2026-02-20");
  f->other_case_id = store_fixture_add_case (&f->base, client_id, "study-permit", "2026-01-10");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
}

static gint64
import (Fixture             *f,
        gint64               case_id,
        RedressDocumentKind  kind,
        const char          *name,
        const char          *text)
{
  g_autofree char *path = g_build_filename (f->base.dir, name, NULL);
  const TestPdfPage page = { 595, 842, text, FALSE };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    test_pdf_write_cairo (path, &page, 1);
  g_assert_true (redress_store_import_document (f->base.store, case_id, kind, path, NULL, NULL, NULL,
                                                NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

static RedressCaseGround *
find (GPtrArray  *grounds,
      const char *code)
{
  for (guint i = 0; i < grounds->len; i++)
    if (strcmp (redress_case_ground_get_code (g_ptr_array_index (grounds, i)), code) == 0)
      return g_ptr_array_index (grounds, i);
  return NULL;
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *grounds = redress_store_list_grounds (f->base.store, f->case_id, &error);

  g_assert_no_error (error);
  return grounds;
}

static RedressGroundState
state_of (Fixture    *f,
          const char *code)
{
  g_autoptr(GPtrArray) grounds = list (f);
  RedressCaseGround *ground = find (grounds, code);

  g_assert_nonnull (ground);
  return redress_case_ground_get_state (ground);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return test_query_int (redress_store_get_handle (f->base.store), sql);
}

static void
test_import_suggests (Fixture       *f,
                      gconstpointer  data)
{
  TestChanges changes = { 0 };
  gint64 letter;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RedressCaseGround *ground;
  g_autofree char *text = NULL;

  test_count_changes (f->base.store, &changes);
  letter = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  grounds = list (f);
  g_assert_cmpuint (grounds->len, ==, 3);

  /* Catalogue order */
  g_assert_cmpstr (redress_case_ground_get_code (g_ptr_array_index (grounds, 0)), ==, "family-ties");
  g_assert_cmpstr (redress_case_ground_get_code (g_ptr_array_index (grounds, 1)), ==, "purpose-of-visit");
  g_assert_cmpstr (redress_case_ground_get_code (g_ptr_array_index (grounds, 2)), ==, "finances");

  ground = find (grounds, "family-ties");
  g_assert_cmpint (redress_case_ground_get_state (ground), ==, REDRESS_GROUND_SUGGESTED);
  g_assert_cmpint (redress_case_ground_get_origin (ground), ==, REDRESS_GROUND_DETECTED);
  g_assert_cmpstr (redress_case_ground_get_label (ground), ==, "Family ties");
  g_assert_cmpstr (redress_case_ground_get_provision (ground), ==, "R179(b)");
  g_assert_cmpstr (redress_case_ground_get_quote (ground), ==,
                   "You do not have significant family ties outside Canada.");
  g_assert_cmpint (redress_case_ground_get_document_id (ground), ==, letter);
  g_assert_cmpuint (redress_case_ground_get_page (ground), ==, 1);
  g_assert_cmpstr (redress_case_ground_get_created_at (ground), ==, "2026-03-02T14:05:00Z");
  g_assert_cmpuint (redress_case_ground_get_evidence (ground)->len, ==, 0);

  /* The offsets are the quote's place in the stored page text */
  text = redress_store_dup_page_text (f->base.store, letter, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_case_ground_get_quote_start (ground), >=, 0);
  g_assert_true (strncmp (text + redress_case_ground_get_quote_start (ground), "You do not have", 15) == 0);
  g_assert_true (strncmp (text + redress_case_ground_get_quote_end (ground) - 7, "Canada.", 7) == 0);

  g_assert_false (redress_store_case_has_confirmed (f->base.store, f->case_id, "family-ties"));
  g_assert_cmpuint (changes.n, >=, 2);   /* the document, the grounds */

  events = redress_store_list_events (f->base.store, 0, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE entity = 'ground' AND kind = 'suggested'"), ==, 3);

  /* Other kinds of documents suggest nothing */
  import (f, f->other_case_id, REDRESS_DOCUMENT_EVIDENCE, "letter-as-evidence.pdf", LETTER);
  g_assert_cmpint (count (f, "SELECT count(*) FROM case_grounds"), ==, 3);
}

static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);

  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "family-ties"), ==, REDRESS_GROUND_CONFIRMED);
  g_assert_true (redress_store_case_has_confirmed (f->base.store, f->case_id, "family-ties"));
  /* Twice: nothing more */
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", &error));

  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_cmpint (state_of (f, "finances"), ==, REDRESS_GROUND_DISMISSED);
  g_assert_true (redress_store_undismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "finances"), ==, REDRESS_GROUND_SUGGESTED);
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));

  /* By hand: confirmed; its undo after a dismissal brings it back confirmed */
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "misrepresentation", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "misrepresentation"), ==, REDRESS_GROUND_CONFIRMED);
  g_assert_true (redress_store_case_has_confirmed (f->base.store, f->case_id, "misrepresentation"));
  g_assert_false (redress_store_case_has_confirmed (f->base.store, f->other_case_id, "misrepresentation"));
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "misrepresentation", &error));
  g_assert_false (redress_store_case_has_confirmed (f->base.store, f->case_id, "misrepresentation"));
  g_assert_true (redress_store_undismiss_ground (f->base.store, f->case_id, "misrepresentation", &error));
  g_assert_cmpint (state_of (f, "misrepresentation"), ==, REDRESS_GROUND_CONFIRMED);
  /* Adding a suggested ground confirms it */
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "purpose-of-visit", &error));
  g_assert_cmpint (state_of (f, "purpose-of-visit"), ==, REDRESS_GROUND_CONFIRMED);

  /* Errors a caller can act on */
  g_assert_false (redress_store_add_ground (f->base.store, f->case_id, "tea-leaves", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (redress_store_confirm_ground (f->base.store, f->case_id, "medical", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (redress_store_add_ground (f->base.store, 9999, "medical", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The timeline, newest first */
  events = redress_store_list_events (f->base.store, 0, f->case_id, &error);
  g_assert_no_error (error);
  {
    static const char * const expected[][2] = {
      { "confirmed", "purpose-of-visit" },
      { "restored", "misrepresentation" },
      { "dismissed", "misrepresentation" },
      { "added", "misrepresentation" },
      { "dismissed", "finances" },
      { "restored", "finances" },
      { "dismissed", "finances" },
      { "confirmed", "family-ties" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        RedressEvent *event = g_ptr_array_index (events, i);

        g_assert_cmpstr (redress_event_get_entity (event), ==, "ground");
        g_assert_cmpstr (redress_event_get_kind (event), ==, expected[i][0]);
        g_assert_cmpstr (redress_event_get_new_value (event), ==, expected[i][1]);
      }
  }
}

static void
test_reimport_keeps_decisions (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  gint64 first, second;
  guint n_new = 99;

  first = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", &error));
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));

  /* Detection again on the same document: nothing new, nothing changed */
  g_assert_true (redress_store_detect_document_grounds (f->base.store, first, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpint (state_of (f, "family-ties"), ==, REDRESS_GROUND_CONFIRMED);
  g_assert_cmpint (state_of (f, "finances"), ==, REDRESS_GROUND_DISMISSED);

  /* The letter removed and imported again */
  g_assert_true (redress_store_trash_document (f->base.store, first, &error));
  second = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  g_assert_cmpint (second, !=, first);
  g_assert_true (redress_store_purge_document (f->base.store, first, &error));
  g_assert_no_error (error);

  grounds = list (f);
  g_assert_cmpuint (grounds->len, ==, 3);
  g_assert_cmpint (redress_case_ground_get_state (find (grounds, "family-ties")), ==,
                   REDRESS_GROUND_CONFIRMED);
  g_assert_cmpint (redress_case_ground_get_state (find (grounds, "finances")), ==,
                   REDRESS_GROUND_DISMISSED);
  g_assert_cmpint (redress_case_ground_get_state (find (grounds, "purpose-of-visit")), ==,
                   REDRESS_GROUND_SUGGESTED);
  /* ... with the new letter's sentence */
  for (guint i = 0; i < grounds->len; i++)
    g_assert_cmpint (redress_case_ground_get_document_id (g_ptr_array_index (grounds, i)), ==, second);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE entity = 'ground' AND kind = 'suggested'"), ==, 3);

  /* A manual ground takes the sentence of a letter that states it */
  g_clear_pointer (&grounds, g_ptr_array_unref);
  g_assert_true (redress_store_add_ground (f->base.store, f->other_case_id, "finances", &error));
  import (f, f->other_case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  grounds = redress_store_list_grounds (f->base.store, f->other_case_id, &error);
  g_assert_cmpint (redress_case_ground_get_state (find (grounds, "finances")), ==,
                   REDRESS_GROUND_CONFIRMED);
  g_assert_cmpint (redress_case_ground_get_origin (find (grounds, "finances")), ==,
                   REDRESS_GROUND_MANUAL);
  g_assert_nonnull (strstr (redress_case_ground_get_quote (find (grounds, "finances")),
                            "financial situation"));

  /* A purged suggestion's document takes the suggestion with it */
  g_assert_true (redress_store_trash_document (f->base.store, second, &error));
  g_assert_true (redress_store_purge_document (f->base.store, second, &error));
  g_clear_pointer (&grounds, g_ptr_array_unref);
  grounds = list (f);
  g_assert_cmpuint (grounds->len, ==, 2);
  g_assert_null (find (grounds, "purpose-of-visit"));
  g_assert_cmpint (redress_case_ground_get_document_id (find (grounds, "family-ties")), ==, 0);
  g_assert_nonnull (redress_case_ground_get_quote (find (grounds, "family-ties")));
}

static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) passages = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GPtrArray) again = NULL;
  RedressGroundHit *passage;
  RedressEvidence *evidence;
  gint64 notes, other_doc, evidence_id = 0;
  GPtrArray *linked;

  import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  notes = import (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, "notes.pdf", NOTES);
  other_doc = import (f, f->other_case_id, REDRESS_DOCUMENT_OFFICER_NOTES, "notes.pdf", NOTES);
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "finances", &error));

  /* Passages about finances, from the notes (not from the letter) */
  passages = redress_store_suggest_passages (f->base.store, f->case_id, "finances", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (passages->len, >=, 2);
  passage = g_ptr_array_index (passages, 0);
  g_assert_cmpint (passage->document_id, ==, notes);
  g_assert_cmpstr (passage->quote, ==, "Detailed bank statements show overall low funds.");

  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes,
                                              passage->page, passage->quote,
                                              (gint64) passage->start, (gint64) passage->end,
                                              &evidence_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (evidence_id, >, 0);

  grounds = list (f);
  linked = redress_case_ground_get_evidence (find (grounds, "finances"));
  g_assert_cmpuint (linked->len, ==, 1);
  evidence = g_ptr_array_index (linked, 0);
  g_assert_cmpint (redress_evidence_get_id (evidence), ==, evidence_id);
  g_assert_cmpint (redress_evidence_get_document_id (evidence), ==, notes);
  g_assert_cmpstr (redress_evidence_get_file_name (evidence), ==, "notes.pdf");
  g_assert_cmpuint (redress_evidence_get_page (evidence), ==, 1);
  g_assert_cmpstr (redress_evidence_get_quote (evidence), ==, passage->quote);
  g_assert_cmpint (redress_evidence_get_quote_start (evidence), ==, (gint64) passage->start);
  g_assert_cmpstr (redress_evidence_get_code (evidence), ==, "finances");

  /* Linked passages are not suggested again */
  again = redress_store_suggest_passages (f->base.store, f->case_id, "finances", 5, &error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpstr (((RedressGroundHit *) g_ptr_array_index (again, i))->quote, !=, passage->quote);

  /* Refused: a document of another case, a page it has not, a ground the
   * case does not have, an empty passage */
  g_assert_false (redress_store_link_evidence (f->base.store, f->case_id, "finances", other_doc, 1,
                                               "text", -1, -1, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes, 7,
                                               "text", -1, -1, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (redress_store_link_evidence (f->base.store, f->case_id, "medical", notes, 1,
                                               "text", -1, -1, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes, 1,
                                               "  ", -1, -1, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);

  /* Unlinked */
  g_assert_true (redress_store_unlink_evidence (f->base.store, evidence_id, &error));
  g_assert_no_error (error);
  g_assert_false (redress_store_unlink_evidence (f->base.store, evidence_id, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE kind = 'evidence-linked'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM events WHERE kind = 'evidence-unlinked'"), ==, 1);

  /* Evidence goes with its document */
  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes, 1,
                                              "Detailed bank statements", 0, 10, NULL, &error));
  g_assert_true (redress_store_trash_document (f->base.store, notes, &error));
  g_assert_true (redress_store_purge_document (f->base.store, notes, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM evidence"), ==, 0);
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
}

#define GCMS_NOTES \
  "GCMS Notes\n\n" \
  "Created By: KT40912\nCreated Date: 2026/01/28\n" \
  "PA is 34, employed as a clerk since 2019.\n\n" \
  "Created By: KT40912\nCreated Date: 2026/02/03\n" \
  "Savings minimal. Travel history limited to one trip to a neighbouring country. " \
  "Ties to COR not sufficiently strong.\n"

/* The officer's notes: their grounds are suggested too, each with the
 * date of its entry; one the letter does not state says so, and stops
 * saying so when a letter that states it comes */
static void
test_notes_suggest (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) grounds = NULL;
  RedressCaseGround *ground;
  gint64 notes, letter;

  notes = import (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, "gcms.pdf", GCMS_NOTES);
  grounds = list (f);
  g_assert_cmpuint (grounds->len, ==, 3);
  ground = find (grounds, "finances");
  g_assert_nonnull (ground);
  g_assert_cmpstr (redress_case_ground_get_source (ground), ==, "notes");
  g_assert_cmpstr (redress_case_ground_get_entry_date (ground), ==, "2026-02-03");
  g_assert_false (redress_case_ground_get_in_letter (ground));
  g_assert_cmpstr (redress_case_ground_get_quote (ground), ==, "Savings minimal.");
  g_assert_cmpint (redress_case_ground_get_document_id (ground), ==, notes);
  g_assert_cmpuint (redress_case_ground_get_end_page (ground), ==, 1);
  g_assert_nonnull (find (grounds, "travel-history"));
  g_assert_nonnull (find (grounds, "family-ties"));
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", NULL));
  g_clear_pointer (&grounds, g_ptr_array_unref);

  /* The letter states family ties: in the letter now, still confirmed,
   * still quoted from the notes; finances stays the notes' alone */
  letter = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  grounds = list (f);
  ground = find (grounds, "family-ties");
  g_assert_true (redress_case_ground_get_in_letter (ground));
  g_assert_cmpint (redress_case_ground_get_state (ground), ==, REDRESS_GROUND_CONFIRMED);
  g_assert_cmpint (redress_case_ground_get_document_id (ground), ==, notes);
  g_assert_true (redress_case_ground_get_in_letter (find (grounds, "finances")));
  g_assert_false (redress_case_ground_get_in_letter (find (grounds, "travel-history")));
  ground = find (grounds, "purpose-of-visit");
  g_assert_cmpstr (redress_case_ground_get_source (ground), ==, "letter");
  g_assert_null (redress_case_ground_get_entry_date (ground));
  g_assert_true (redress_case_ground_get_in_letter (ground));
  g_assert_cmpint (redress_case_ground_get_document_id (ground), ==, letter);
}

/* A sentence that runs over a page break: where it ends */
static void
test_sentence_over_pages (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->base.dir, "two-pages.pdf", NULL);
  const TestPdfPage pages[] = {
    { 595, 842, "Dear Applicant,\n\nYour application has been refused. I am not satisfied "
                "that you will leave Canada at the end of your stay, as stipulated in paragraph "
                "179(b) of the IRPR, based on your", FALSE },
    { 595, 842, "travel history.\n\nVisa Section", FALSE },
  };
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  RedressCaseGround *ground;
  gint64 id = 0;

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  g_assert_true (redress_store_import_document (f->base.store, f->case_id,
                                                REDRESS_DOCUMENT_REFUSAL_LETTER, path, NULL,
                                                NULL, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  grounds = list (f);
  ground = find (grounds, "travel-history");
  g_assert_nonnull (ground);
  g_assert_cmpuint (redress_case_ground_get_page (ground), ==, 1);
  g_assert_cmpuint (redress_case_ground_get_end_page (ground), ==, 2);
  second = redress_store_dup_page_text (f->base.store, id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_case_ground_get_quote_end (ground), >, 0);
  g_assert_true (strncmp (second + redress_case_ground_get_quote_end (ground) - 8, "history.", 8) == 0);
}

/* Every store announces a write only once it is for good: a rollback of
 * the transaction around them leaves no change told to the views */
/* A fingerprint of everything the stores write: the rows of every table
 * and the last change of each */
static char *
snapshot (Fixture *f)
{
  static const char * const tables[] = {
    "clients", "cases", "firm", "events", "documents", "pages", "blobs", "case_grounds",
    "evidence", "checklist_items",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) || ':' || "
                                              "coalesce(max(updated_at), '') FROM %s", tables[i]);

      if (g_str_equal (tables[i], "events") || g_str_equal (tables[i], "pages") ||
          g_str_equal (tables[i], "blobs") || g_str_equal (tables[i], "evidence"))
        {
          g_free (sql);
          sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
        }
      g_autofree char *value = NULL;

      value = test_query_text (redress_store_get_handle (f->base.store), sql);
      g_string_append_printf (s, "%s=%s ", tables[i], value);
    }
  return g_string_free (s, FALSE);
}

/* One write (at least) through every store and service: clients, cases,
 * the firm, documents, grounds and evidence, the checklist */
static void
write_everything (Fixture *f,
                  gint64   letter_id,
                  gint64   notes_id,
                  gint64   evidence_id,
                  gint64   item_id,
                  gint64   spare_client_id)
{
  g_autofree char *notes2 = g_build_filename (f->base.dir, "notes2.pdf", NULL);
  const TestPdfPage page = { 595, 842, NOTES "\nSecond copy.", FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressClient) spare = NULL;
  g_autoptr(RedressClient) added = test_client_new ("Okafor", "Ada", NULL);
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(RedressCase) new_case = NULL;
  g_autoptr(RedressFirm) firm = redress_firm_new ();
  gint64 id = 0;
  guint n = 0;

  /* Clients and cases */
  g_assert_true (redress_store_insert_client (f->base.store, added, &error));
  kase = redress_store_get_case (f->base.store, f->case_id, &error);
  g_assert_no_error (error);
  client = redress_store_get_client (f->base.store, redress_case_get_client_id (kase), &error);
  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_EMAIL, "thi@example.org");
  g_assert_true (redress_store_update_client (f->base.store, client, &error));
  new_case = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (new_case), REDRESS_CASE_APPLICATION_TYPE,
                            "work-permit");
  redress_record_set_value (REDRESS_RECORD (new_case), REDRESS_CASE_DECISION_DATE, "2026-02-01");
  g_assert_true (redress_store_insert_case (f->base.store, new_case, &error));
  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_VISA_OFFICE, "Nairobi");
  g_assert_true (redress_store_update_case (f->base.store, kase, &error));
  spare = redress_store_get_client (f->base.store, spare_client_id, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (spare), TRUE, &error));
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (spare), &error));
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (spare), &error));
  g_assert_no_error (error);

  /* The firm */
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME, "Voie Juste Immigration");
  g_assert_true (redress_store_update_firm (f->base.store, firm, &error));
  g_assert_no_error (error);

  /* Documents (an import suggests grounds too) */
  test_pdf_write_cairo (notes2, &page, 1);
  g_assert_true (redress_store_import_document (f->base.store, f->other_case_id,
                                                REDRESS_DOCUMENT_OFFICER_NOTES, notes2, NULL,
                                                NULL, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_trash_document (f->base.store, letter_id, &error));
  g_assert_true (redress_store_untrash_document (f->base.store, letter_id, &error));
  g_assert_no_error (error);

  /* Grounds and evidence */
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", &error));
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "purpose-of-visit", &error));
  g_assert_true (redress_store_undismiss_ground (f->base.store, f->case_id, "purpose-of-visit",
                                                 &error));
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "travel-history", &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_detect_document_grounds (f->base.store, notes_id, &n, &error));
  g_assert_true (redress_store_suggest_grounds (f->base.store, f->other_case_id, id, NULL, &n,
                                                &error));
  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "family-ties", notes_id, 1,
                                              "parents live in COR", -1, -1, NULL, &error));
  g_assert_true (redress_store_unlink_evidence (f->base.store, evidence_id, &error));
  g_assert_no_error (error);

  /* The checklist */
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "new-application", NULL,
                                                &error));
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", NULL,
                                                   "A letter from the school", &id, &error));
  g_assert_true (redress_store_set_checklist_item_state (f->base.store, item_id,
                                                         REDRESS_ITEM_REQUESTED, &error));
  g_assert_true (redress_store_edit_checklist_item (f->base.store, item_id, "Bank statements, "
                                                    "six months", "2026-04-01", "Both accounts",
                                                    &error));
  g_assert_true (redress_store_move_checklist_item (f->base.store, item_id, 1, &error));
  g_assert_true (redress_store_remove_checklist_item (f->base.store, item_id, &error));
  g_assert_true (redress_store_restore_checklist_item (f->base.store, item_id, &error));
  g_assert_no_error (error);
}

static void
test_rollback_announces_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RedressClient) spare = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TestChanges changes = { 0 };
  gint64 letter, notes, evidence_id = 0, item_id;

  /* What the writes below change, written for good first */
  letter = import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  notes = import (f, f->case_id, REDRESS_DOCUMENT_OFFICER_NOTES, "notes.pdf", NOTES);
  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "family-ties", notes, 1,
                                              "PA is single", -1, -1, &evidence_id, &error));
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL,
                                                &error));
  g_assert_no_error (error);
  items = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 2);
  item_id = redress_checklist_item_get_id (g_ptr_array_index (items, 0));
  spare = test_add_client (f->base.store, "Haddad", "Rami", NULL);

  test_set_now (f->base.store, "2026-03-03T09:00:00Z");
  test_count_changes (f->base.store, &changes);
  before = snapshot (f);

  g_assert_true (redress_store_begin (f->base.store, &error));
  write_everything (f, letter, notes, evidence_id, item_id,
                    redress_record_get_id (REDRESS_RECORD (spare)));
  g_assert_cmpuint (changes.n, ==, 0);   /* nothing told while it may still be undone */
  redress_store_rollback (f->base.store);

  g_assert_cmpuint (changes.n, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* The same writes for good: told once the outer transaction commits,
   * by every store */
  g_assert_true (redress_store_begin (f->base.store, &error));
  write_everything (f, letter, notes, evidence_id, item_id,
                    redress_record_get_id (REDRESS_RECORD (spare)));
  g_assert_cmpuint (changes.n, ==, 0);
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_client, >=, 2);
  g_assert_cmpuint (changes.n_case, >=, 2);
  g_assert_cmpuint (changes.n_firm, ==, 1);
  g_assert_cmpuint (changes.n, >, changes.n_client + changes.n_case + changes.n_firm + 3);
}

static void
count_entity (RedressStore *store,
              const char   *entity,
              gint64        id,
              gpointer      user_data)
{
  GHashTable *seen = user_data;

  g_hash_table_insert (seen, g_strdup (entity),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, entity)) + 1));
}

/* A savepoint rolled back inside a transaction that commits: its writes
 * are told nothing of, the others are, once */
static void
test_savepoint_rollback_forgets (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RedressFirm) firm = redress_firm_new ();
  g_autoptr(GError) error = NULL;

  import (f, f->case_id, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  g_signal_connect (f->base.store, "changed", G_CALLBACK (count_entity), seen);

  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "family-ties", &error));
  g_assert_true (redress_store_begin (f->base.store, &error));
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME, "Voie Juste Immigration");
  g_assert_true (redress_store_update_firm (f->base.store, firm, &error));
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL,
                                                &error));
  redress_store_rollback (f->base.store);
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, "ground")), ==, 1);
  g_assert_null (g_hash_table_lookup (seen, "firm"));
  g_assert_null (g_hash_table_lookup (seen, "checklist"));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM checklist_items"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/grounds/import-suggests", test_import_suggests);
  ADD ("/grounds/decisions", test_decisions);
  ADD ("/grounds/reimport-keeps-decisions", test_reimport_keeps_decisions);
  ADD ("/grounds/evidence", test_evidence);
  ADD ("/grounds/notes-suggest", test_notes_suggest);
  ADD ("/grounds/rollback-announces-nothing", test_rollback_announces_nothing);
  ADD ("/grounds/savepoint-rollback-forgets", test_savepoint_rollback_forgets);
  ADD ("/grounds/sentence-over-pages", test_sentence_over_pages);

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

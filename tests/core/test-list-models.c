/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-store-documents-private.h"
#include "store-fixture.h"

/*
 * The models under the case's views: its documents, its grounds, its
 * checklist.  Each is checked the way a GtkListBox sees it: a mirror
 * array kept up to date only from "items-changed" must always equal the
 * model, and the exact changes are asserted, so that a row that did not
 * change keeps its widget (and the focus).
 */
typedef struct
{
  guint pos;
  guint removed;
  guint added;
} Change;

typedef struct
{
  StoreFixture base;
  gint64 case_id;
  gint64 other_case_id;
  GListModel *model;
  GPtrArray *mirror;        /* items, as the view would hold them */
  GArray *changes;          /* Change, since the last check */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, (int) (position + i), g_list_model_get_item (model, position + i));
}

static void
assert_mirror (Fixture *f)
{
  guint n = g_list_model_get_n_items (f->model);
  guint n_prop = 0;

  g_object_get (f->model, "n-items", &n_prop, NULL);
  g_assert_cmpuint (n_prop, ==, n);
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (f->model, i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
    }
  g_assert_null (g_list_model_get_item (f->model, n));
}

/* Asserts the changes since the last check, as "pos,removed,added ..." */
static void
assert_changes (Fixture    *f,
                const char *expected)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  for (guint i = 0; i < f->changes->len; i++)
    {
      Change *change = &g_array_index (f->changes, Change, i);

      g_string_append_printf (seen, "%s%u,%u,%u", i ? " " : "", change->pos, change->removed,
                              change->added);
    }
  g_assert_cmpstr (seen->str, ==, expected);
  g_array_set_size (f->changes, 0);
  assert_mirror (f);
}

static void
follow (Fixture  *f,
        gpointer  model)
{
  g_assert_nonnull (model);
  f->model = model;
  on_items_changed (f->model, 0, 0, g_list_model_get_n_items (f->model), f);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_array_set_size (f->changes, 0);
  assert_mirror (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 client_id;

  store_fixture_setup (&f->base, data);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  client_id = store_fixture_add_client (&f->base, "Nguyen", "Thi");
  f->case_id = store_fixture_add_case (&f->base, client_id, "study-permit-extension", "2026-02-20");
  f->other_case_id = store_fixture_add_case (&f->base, client_id, "study-permit", "2026-01-10");
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
  g_clear_pointer (&f->changes, g_array_unref);
  store_fixture_teardown (&f->base, data);
}

/* A one-page document stored as an import stores it, without reading a
 * PDF (the reader is not needed here) */
static gint64
add_document (Fixture    *f,
              gint64      case_id,
              const char *name,
              const char *text)
{
  g_autoptr(RedressPdfExtraction) extraction = g_new0 (RedressPdfExtraction, 1);
  RedressPdfPage *page = g_new0 (RedressPdfPage, 1);
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;

  extraction->data = g_bytes_new (name, strlen (name));
  extraction->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, extraction->data);
  extraction->pages = g_ptr_array_new ();
  page->page_no = 1;
  page->width = 612;
  page->height = 792;
  page->text = g_strdup (text);
  page->has_text = TRUE;
  g_ptr_array_add (extraction->pages, page);

  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_true (redress_store_add_document_tx (f->base.store, case_id, REDRESS_DOCUMENT_OFFICER_NOTES,
                                                name, extraction, NULL, &document_id, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);

  g_free (page->text);
  g_free (page);
  return document_id;
}

static gint64
doc_id (Fixture *f,
        guint    position)
{
  g_autoptr(RedressDocument) document = g_list_model_get_item (f->model, position);

  return redress_document_get_id (document);
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  gint64 first = add_document (f, f->case_id, "letter.pdf", "Refusal.");
  gint64 second = add_document (f, f->case_id, "notes.pdf", "Notes.");
  g_autoptr(GError) error = NULL;
  gint64 third, elsewhere;

  add_document (f, f->other_case_id, "other.pdf", "Another case.");
  follow (f, redress_document_list_new (f->base.store, f->case_id, &error));
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (f->model) == REDRESS_TYPE_DOCUMENT);

  /* Filled with the case's documents, in the order attached */
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 2);
  g_assert_cmpint (doc_id (f, 0), ==, first);
  g_assert_cmpint (doc_id (f, 1), ==, second);
  g_assert_cmpint (redress_document_list_find (REDRESS_DOCUMENT_LIST (f->model), second), ==, 1);

  /* Another case's document: nothing */
  elsewhere = add_document (f, f->other_case_id, "other2.pdf", "Still another case.");
  assert_changes (f, "");
  g_assert_true (redress_store_trash_document (f->base.store, elsewhere, &error));
  assert_changes (f, "");

  /* Attached: one row added at the end */
  third = add_document (f, f->case_id, "bank.pdf", "Bank statements.");
  assert_changes (f, "2,0,1");
  g_assert_cmpint (doc_id (f, 2), ==, third);

  /* Trashed: its row goes; restored: it comes back in its place */
  g_assert_true (redress_store_trash_document (f->base.store, second, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,0");
  g_assert_cmpint (redress_document_list_find (REDRESS_DOCUMENT_LIST (f->model), second), ==, -1);
  g_assert_true (redress_store_untrash_document (f->base.store, second, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,0,1");
  g_assert_cmpint (doc_id (f, 1), ==, second);

  /* Purged from the trash: nothing more to tell */
  g_assert_true (redress_store_trash_document (f->base.store, first, &error));
  assert_changes (f, "0,1,0");
  g_assert_true (redress_store_purge_document (f->base.store, first, &error));
  g_assert_no_error (error);
  assert_changes (f, "");

  /* A rolled-back transaction tells nothing */
  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_true (redress_store_trash_document (f->base.store, second, &error));
  g_assert_true (redress_store_trash_document (f->base.store, third, &error));
  redress_store_rollback (f->base.store);
  assert_changes (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 2);

  /* Reading again from scratch gives the same */
  g_assert_true (redress_document_list_reload (REDRESS_DOCUMENT_LIST (f->model), &error));
  g_assert_no_error (error);
  assert_changes (f, "0,2,2");
}

static const char *
ground_code (Fixture *f,
             guint    position)
{
  g_autoptr(RedressCaseGround) ground = g_list_model_get_item (f->model, position);

  return redress_case_ground_get_code (ground);
}

static void
test_grounds (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressCaseGround) before = NULL;
  g_autoptr(RedressCaseGround) after = NULL;
  gint64 notes;

  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "study-plan", &error));
  g_assert_no_error (error);
  follow (f, redress_case_ground_list_new (f->base.store, f->case_id, &error));
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (f->model) == REDRESS_TYPE_CASE_GROUND);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 2);
  g_assert_cmpstr (ground_code (f, 0), ==, "finances");
  g_assert_cmpstr (ground_code (f, 1), ==, "study-plan");

  /* Added: in its place in the catalogue's order, the others untouched */
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "travel-history", &error));
  assert_changes (f, "0,0,1");
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "employment", &error));
  assert_changes (f, "2,0,1");
  g_assert_cmpstr (ground_code (f, 2), ==, "employment");
  g_assert_cmpint (redress_case_ground_list_find (REDRESS_CASE_GROUND_LIST (f->model),
                                                  "study-plan"), ==, 3);

  /* Dismissed: its one row changes, and the item is the new state */
  before = g_list_model_get_item (f->model, 1);
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,1");
  after = g_list_model_get_item (f->model, 1);
  g_assert_true (before != after);
  g_assert_cmpint (redress_case_ground_get_state (after), ==, REDRESS_GROUND_DISMISSED);
  g_assert_true (redress_store_undismiss_ground (f->base.store, f->case_id, "finances", &error));
  assert_changes (f, "1,1,1");

  /* Another case's grounds: nothing */
  g_assert_true (redress_store_add_ground (f->base.store, f->other_case_id, "finances", &error));
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->other_case_id, "finances", &error));
  g_assert_no_error (error);
  assert_changes (f, "");

  /* Evidence linked: the ground's row; its document trashed takes the
   * evidence with it, and brings it back */
  notes = add_document (f, f->case_id, "notes.pdf", "Detailed bank statements show low funds.");
  assert_changes (f, "");
  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes, 1,
                                              "bank statements show low funds", -1, -1, NULL,
                                              &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,1");
  g_assert_true (redress_store_trash_document (f->base.store, notes, &error));
  assert_changes (f, "1,1,1");
  g_assert_true (redress_store_untrash_document (f->base.store, notes, &error));
  assert_changes (f, "1,1,1");
  {
    g_autoptr(RedressCaseGround) ground = g_list_model_get_item (f->model, 1);

    g_assert_cmpuint (redress_case_ground_get_evidence (ground)->len, ==, 1);
  }

  /* A rolled-back transaction tells nothing */
  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "employment", &error));
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "family-ties", &error));
  redress_store_rollback (f->base.store);
  assert_changes (f, "");

  /* A reload with nothing new announces nothing */
  g_assert_true (redress_case_ground_list_reload (REDRESS_CASE_GROUND_LIST (f->model), &error));
  g_assert_no_error (error);
  assert_changes (f, "");
}

static gint64
item_id (Fixture *f,
         guint    position)
{
  g_autoptr(RedressChecklistItem) item = g_list_model_get_item (f->model, position);

  return redress_checklist_item_get_id (item);
}

static guint
count_code (Fixture    *f,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (f->model); i++)
    {
      g_autoptr(RedressChecklistItem) item = g_list_model_get_item (f->model, i);

      if (g_strcmp0 (redress_checklist_item_get_code (item), code) == 0)
        n++;
    }
  return n;
}

static void
test_checklist (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  RedressChecklistModel *model;
  RedressChecklistChanges changes = { 0 };
  gboolean drafted = FALSE;
  guint n, n_base;
  gint64 id, added = 0;
  g_autofree char *line = NULL;

  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  model = redress_checklist_model_new (f->base.store, f->case_id, "restoration", &error);
  g_assert_no_error (error);
  follow (f, model);
  g_assert_true (g_list_model_get_item_type (f->model) == REDRESS_TYPE_CHECKLIST_ITEM);
  g_assert_cmpstr (redress_checklist_model_get_path (model), ==, "restoration");

  /* Creating the model drafts nothing */
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 0);
  stored = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* Drafting is asked for: every item at once */
  g_assert_true (redress_checklist_model_draft_if_new (model, &drafted, &error));
  g_assert_no_error (error);
  g_assert_true (drafted);
  n = g_list_model_get_n_items (f->model);
  g_assert_cmpuint (n, >, 2);
  line = g_strdup_printf ("0,0,%u", n);
  assert_changes (f, line);
  stored = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  g_assert_cmpuint (stored->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (item_id (f, i), ==,
                     redress_checklist_item_get_id (g_ptr_array_index (stored, i)));
  n_base = count_code (f, NULL);
  g_assert_cmpuint (n_base, >=, 2);
  g_assert_cmpuint (count_code (f, "finances"), >, 0);

  /* Once drafted, not again */
  g_assert_true (redress_checklist_model_draft_if_new (model, &drafted, &error));
  g_assert_false (drafted);
  assert_changes (f, "");

  /* Ticked: its one row */
  id = item_id (f, 1);
  g_assert_true (redress_store_set_checklist_item_state (f->base.store, id, REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,1");
  {
    g_autoptr(RedressChecklistItem) item = g_list_model_get_item (f->model, 1);

    g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_RECEIVED);
  }
  g_assert_true (redress_store_edit_checklist_item (f->base.store, id, "Bank letter", "2026-04-01",
                                                    "Ask the bank", &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,1");

  /* Moved up: the two rows that traded places, the others untouched */
  g_assert_true (redress_store_move_checklist_item (f->base.store, id, -1, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,0 0,0,1");
  g_assert_cmpint (item_id (f, 0), ==, id);
  g_assert_cmpint (redress_checklist_model_find (model, id), ==, 0);
  /* and down again */
  g_assert_true (redress_store_move_checklist_item (f->base.store, id, 1, &error));
  assert_changes (f, "1,1,0 0,0,1");
  g_assert_cmpint (item_id (f, 1), ==, id);

  /* Removed, restored */
  g_assert_true (redress_store_remove_checklist_item (f->base.store, id, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,1,0");
  g_assert_true (redress_store_restore_checklist_item (f->base.store, id, &error));
  g_assert_no_error (error);
  assert_changes (f, "1,0,1");
  g_assert_cmpint (item_id (f, 1), ==, id);

  /* Added by hand: at the end of the base items */
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", NULL,
                                                   "A letter from the school", &added, &error));
  g_assert_no_error (error);
  line = (g_free (line), g_strdup_printf ("%u,0,1", n_base));
  assert_changes (f, line);
  g_assert_cmpint (item_id (f, n_base), ==, added);

  /* Another case's checklist, another path's: nothing */
  g_assert_true (redress_store_draft_checklist (f->base.store, f->other_case_id, "restoration", NULL,
                                                &error));
  g_assert_no_error (error);
  assert_changes (f, "");

  /* A rolled-back transaction tells nothing */
  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_true (redress_store_set_checklist_item_state (f->base.store, id, REDRESS_ITEM_REQUESTED, &error));
  g_assert_true (redress_store_remove_checklist_item (f->base.store, added, &error));
  redress_store_rollback (f->base.store);
  assert_changes (f, "");

  /* A ground no longer confirmed: a redraft takes its untouched items
   * away, in one change */
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  assert_changes (f, "");
  g_assert_true (redress_checklist_model_draft (model, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_removed, >, 0);
  line = (g_free (line), g_strdup_printf ("%u,%u,0", n_base + 1, changes.n_removed));
  assert_changes (f, line);
  g_assert_cmpuint (count_code (f, "finances"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/list-models/documents", Fixture, NULL, fixture_setup, test_documents,
              fixture_teardown);
  g_test_add ("/list-models/grounds", Fixture, NULL, fixture_setup, test_grounds,
              fixture_teardown);
  g_test_add ("/list-models/checklist", Fixture, NULL, fixture_setup, test_checklist,
              fixture_teardown);
  return g_test_run ();
}

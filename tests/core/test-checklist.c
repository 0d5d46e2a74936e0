/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-store-private.h"
#include "test-util.h"

/*
 * The checklist of a case: drafting for each path and each ground, the
 * application-type filter, redrafting that keeps every edit, editing,
 * moving, removing and its undo, bad input, the timeline; the catalogue
 * of a document's language.
 */

typedef struct
{
  char *dir;
  RedressStore *store;
  gint64 client_id;
  gint64 case_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressCase) kase = NULL;

  f->dir = test_make_tmpdir ();
  f->store = test_open_store (f->dir, "redress.db");
  test_set_now (f->store, "2026-03-02T14:05:00Z");
  client = test_add_client (f->store, "Nguyen", "Thi", NULL);
  f->client_id = redress_record_get_id (REDRESS_RECORD (client));
  kase = test_add_case (f->store, f->client_id, data ? (const char *) data : "visitor-visa",
                        "2026-02-20");
  f->case_id = redress_record_get_id (REDRESS_RECORD (kase));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static GPtrArray *
list (Fixture    *f,
      const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = redress_store_list_checklist (f->store, f->case_id, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static RedressChecklistChanges
draft (Fixture    *f,
       const char *path)
{
  RedressChecklistChanges changes;
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_store_draft_checklist (f->store, f->case_id, path, &changes, &error));
  g_assert_no_error (error);
  return changes;
}

static void
confirm (Fixture    *f,
         const char *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_store_add_ground (f->store, f->case_id, code, &error));
  g_assert_no_error (error);
}

static RedressChecklistItem *
find_template (GPtrArray  *items,
               const char *template_id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (redress_checklist_item_get_template (g_ptr_array_index (items, i)), template_id) == 0)
      return g_ptr_array_index (items, i);
  return NULL;
}

static guint
count_code (GPtrArray  *items,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (redress_checklist_item_get_code (g_ptr_array_index (items, i)), code) == 0)
      n++;
  return n;
}

/* Every path drafts its own base list, in the templates' order; nothing
 * is drafted twice */
static void
test_paths (Fixture       *f,
            gconstpointer  data)
{
  const char * const *paths = redress_checklist_get_paths ();
  g_autoptr(GHashTable) first_items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 6);
  for (guint p = 0; paths[p] != NULL; p++)
    {
      g_autoptr(GPtrArray) items = NULL;
      RedressChecklistChanges changes = draft (f, paths[p]);

      items = list (f, paths[p]);
      g_assert_cmpuint (items->len, >=, 3);
      g_assert_cmpuint (changes.n_added, ==, items->len);
      g_assert_cmpuint (changes.n_removed, ==, 0);
      for (guint i = 0; i < items->len; i++)
        {
          RedressChecklistItem *item = g_ptr_array_index (items, i);
          const char *template_id = redress_checklist_item_get_template (item);

          g_assert_null (redress_checklist_item_get_code (item));
          g_assert_nonnull (template_id);
          g_assert_cmpstr (redress_checklist_item_get_path (item), ==, paths[p]);
          g_assert_cmpstr (redress_checklist_item_get_text (item), ==,
                           redress_checklist_template_text (template_id));
          g_assert_null (redress_checklist_item_get_custom_text (item));
          g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_TO_REQUEST);
          g_assert_false (redress_checklist_item_get_edited (item));
          if (i > 0)
            g_assert_cmpint (redress_checklist_item_get_position (item), >,
                             redress_checklist_item_get_position (g_ptr_array_index (items, i - 1)));
        }
      g_hash_table_insert (first_items, (gpointer) paths[p],
                           g_strdup (redress_checklist_item_get_template (g_ptr_array_index (items, 0))));

      /* Drafting again changes nothing */
      changes = draft (f, paths[p]);
      g_assert_cmpuint (changes.n_added, ==, 0);
      g_assert_cmpuint (changes.n_removed, ==, 0);
    }

  /* Specific lists, as the templates write them */
  g_assert_cmpstr (g_hash_table_lookup (first_items, "restoration"), ==, "restoration-form");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "judicial-review"), ==, "jr-counsel");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "appeal"), ==, "iad-notice");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "new-application"), ==, "application-forms");
}

/* Every ground of the catalogue drafts items of its own, in a group after
 * the base items, in the catalogue's order */
static void
test_grounds (Fixture       *f,
              gconstpointer  data)
{
  const char * const *codes = redress_grounds_get_codes ();
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_base, previous_rank = 0;

  draft (f, "new-application");
  base = list (f, "new-application");
  n_base = base->len;

  for (guint c = 0; codes[c] != NULL; c++)
    {
      g_autoptr(GPtrArray) now = NULL;
      RedressChecklistChanges changes;

      confirm (f, codes[c]);
      changes = draft (f, "new-application");
      now = list (f, "new-application");
      g_test_message ("%s: %u items", codes[c], count_code (now, codes[c]));
      g_assert_cmpuint (count_code (now, codes[c]), >=, 1);
      g_assert_cmpuint (changes.n_added, ==, count_code (now, codes[c]));
    }

  items = list (f, "new-application");
  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      const char *code = redress_checklist_item_get_code (item);
      guint rank = 0;

      for (guint c = 0; code != NULL && codes[c] != NULL; c++)
        if (g_str_equal (codes[c], code))
          rank = c + 1;
      g_assert_true (code == NULL || rank > 0);
      g_assert_cmpuint (rank, >=, previous_rank);
      previous_rank = rank;
      g_assert_cmpuint (strlen (redress_checklist_item_get_text (item)), >, 5);
    }
  g_assert_cmpuint (count_code (items, NULL), ==, n_base);
}

/* Items for students only are drafted for study permits only */
static void
test_application_type (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  gboolean student = g_strcmp0 (data, "study-permit") == 0;

  confirm (f, "finances");
  draft (f, "restoration");
  items = list (f, "restoration");
  g_assert_nonnull (find_template (items, "bank-statements"));
  g_assert_true ((find_template (items, "gic") != NULL) == student);
  g_assert_true ((find_template (items, "tuition-receipt") != NULL) == student);
}

/* A redraft adds the items of a new ground, removes the untouched items of
 * a ground no longer confirmed, and keeps everything done by hand */
static void
test_merge_keeps_edits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes, pending;
  RedressChecklistItem *item;
  gint64 ticked, noted, reworded, removed, custom = 0, custom_ground = 0;
  guint n_finances, n_travel;

  confirm (f, "finances");
  confirm (f, "family-ties");
  draft (f, "restoration");
  before = list (f, "restoration");
  n_finances = count_code (before, "finances");
  g_assert_cmpuint (n_finances, >=, 4);

  ticked = redress_checklist_item_get_id (find_template (before, "bank-statements"));
  noted = redress_checklist_item_get_id (find_template (before, "tax-returns"));
  reworded = redress_checklist_item_get_id (find_template (before, "family-information"));
  removed = redress_checklist_item_get_id (find_template (before, "large-deposits"));

  g_assert_true (redress_store_set_checklist_item_state (f->store, ticked, REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_edit_checklist_item (f->store, noted, NULL, "2026-03-20",
                                                    "Ask the accountant", &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_edit_checklist_item (f->store, reworded,
                                                    "Family form with the cousins in Lyon", NULL, NULL,
                                                    &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_remove_checklist_item (f->store, removed, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_checklist_item (f->store, f->case_id, "restoration", NULL,
                                                   "Letter from the landlord", &custom, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_checklist_item (f->store, f->case_id, "restoration", "finances",
                                                   "Sale deed of the farm", &custom_ground, &error));
  g_assert_no_error (error);

  /* Nothing to do yet */
  g_assert_true (redress_store_checklist_pending (f->store, f->case_id, "restoration", &pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending.n_added + pending.n_removed, ==, 0);

  /* Finances dismissed, travel history confirmed */
  g_assert_true (redress_store_dismiss_ground (f->store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  confirm (f, "travel-history");

  g_assert_true (redress_store_checklist_pending (f->store, f->case_id, "restoration", &pending, &error));
  g_assert_no_error (error);
  n_travel = 1;
  /* bank-statements and tax-returns were changed, large-deposits removed
   * by hand: the other finance items go */
  g_assert_cmpuint (pending.n_removed, ==, n_finances - 3);
  g_assert_cmpuint (pending.n_added, ==, n_travel);
  g_assert_cmpuint (pending.n_kept, ==, 2);
  /* pending changed nothing */
  after = list (f, "restoration");
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_clear_pointer (&after, g_ptr_array_unref);

  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, pending.n_added);
  g_assert_cmpuint (changes.n_removed, ==, pending.n_removed);
  g_assert_cmpuint (changes.n_kept, ==, 2);

  after = list (f, "restoration");
  /* Edits kept */
  item = find_template (after, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_RECEIVED);
  g_assert_cmpstr (redress_checklist_item_get_code (item), ==, "finances");
  item = find_template (after, "tax-returns");
  g_assert_nonnull (item);
  g_assert_cmpstr (redress_checklist_item_get_due (item), ==, "2026-03-20");
  g_assert_cmpstr (redress_checklist_item_get_note (item), ==, "Ask the accountant");
  item = find_template (after, "family-information");
  g_assert_cmpstr (redress_checklist_item_get_text (item), ==, "Family form with the cousins in Lyon");
  /* Untouched finance items gone, so is the removed one */
  g_assert_null (find_template (after, "finances-pay-slips"));
  g_assert_null (find_template (after, "large-deposits"));
  /* Items of the new ground added; the custom items stay */
  g_assert_nonnull (find_template (after, "passports"));
  g_assert_cmpstr (redress_checklist_item_get_code (find_template (after, "passports")), ==, "travel-history");
  {
    g_autoptr(RedressChecklistItem) landlord = redress_store_get_checklist_item (f->store, custom, &error);
    g_autoptr(RedressChecklistItem) farm = redress_store_get_checklist_item (f->store, custom_ground, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (redress_checklist_item_get_text (landlord), ==, "Letter from the landlord");
    g_assert_null (redress_checklist_item_get_template (landlord));
    g_assert_cmpstr (redress_checklist_item_get_code (farm), ==, "finances");
  }

  /* The ground confirmed again: its untouched items come back */
  g_assert_true (redress_store_confirm_ground (f->store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, n_finances - 2);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "restoration");
  g_assert_nonnull (find_template (after, "finances-pay-slips"));
  g_assert_cmpint (redress_checklist_item_get_state (find_template (after, "bank-statements")), ==,
                   REDRESS_ITEM_RECEIVED);

  /* Another path has its own checklist */
  draft (f, "judicial-review");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "judicial-review");
  item = find_template (after, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_TO_REQUEST);
}

/* A removed item is not drafted again; Undo brings it back in its place */
static void
test_remove_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes;
  gint64 id;

  draft (f, "restoration");
  before = list (f, "restoration");
  id = redress_checklist_item_get_id (g_ptr_array_index (before, 1));

  g_assert_true (redress_store_remove_checklist_item (f->store, id, &error));
  g_assert_no_error (error);
  during = list (f, "restoration");
  g_assert_cmpuint (during->len, ==, before->len - 1);
  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, 0);

  /* Removing twice is an error: the item is not in the checklist */
  g_assert_false (redress_store_remove_checklist_item (f->store, id, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (redress_store_restore_checklist_item (f->store, id, &error));
  g_assert_no_error (error);
  after = list (f, "restoration");
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (redress_checklist_item_get_id (g_ptr_array_index (after, 1)), ==, id);
}

static gint64
id_at (GPtrArray *items,
       guint      i)
{
  return redress_checklist_item_get_id (g_ptr_array_index (items, i));
}

/* Moving swaps with the neighbour in the same group only */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_base, last;

  confirm (f, "travel-history");
  draft (f, "restoration");
  before = list (f, "restoration");
  n_base = count_code (before, NULL);
  last = n_base - 1;

  g_assert_true (redress_store_move_checklist_item (f->store, id_at (before, 1), -1, &error));
  g_assert_no_error (error);
  /* The first stays first; the last base item does not go into a ground */
  g_assert_true (redress_store_move_checklist_item (f->store, id_at (before, 1), -1, &error));
  g_assert_true (redress_store_move_checklist_item (f->store, id_at (before, last), 1, &error));
  g_assert_no_error (error);

  after = list (f, "restoration");
  g_assert_cmpint (id_at (after, 0), ==, id_at (before, 1));
  g_assert_cmpint (id_at (after, 1), ==, id_at (before, 0));
  g_assert_cmpint (id_at (after, last), ==, id_at (before, last));
  g_assert_cmpstr (redress_checklist_item_get_code (g_ptr_array_index (after, last + 1)), ==,
                   "travel-history");
  /* Moving is not an edit: a redraft may still take an untouched item */
  g_assert_false (redress_checklist_item_get_edited (g_ptr_array_index (after, 0)));
}

/* Bad input: a clear error, nothing changed */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistItem *item;
  gint64 id;

  /* No path chosen, an unknown path */
  g_assert_false (redress_store_draft_checklist (f->store, f->case_id, "undecided", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "path"));
  g_clear_error (&error);
  g_assert_false (redress_store_draft_checklist (f->store, f->case_id, "appeal-to-the-queen", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "appeal-to-the-queen"));
  g_clear_error (&error);
  g_assert_null (redress_store_list_checklist (f->store, f->case_id, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  /* No such case */
  g_assert_false (redress_store_draft_checklist (f->store, 9999, "restoration", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  draft (f, "restoration");
  items = list (f, "restoration");
  item = g_ptr_array_index (items, 0);
  id = redress_checklist_item_get_id (item);

  /* Malformed dates */
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "2026-02-30", "next week", "2026-13-01", "20260301" };

      g_assert_false (redress_store_edit_checklist_item (f->store, id, "New words", bad[i], "note", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* An empty custom item; an unknown ground */
  g_assert_false (redress_store_add_checklist_item (f->store, f->case_id, "restoration", NULL, "   ",
                                                    NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (redress_store_add_checklist_item (f->store, f->case_id, "restoration", "astrology",
                                                    "Horoscope", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  /* No such item */
  g_assert_false (redress_store_set_checklist_item_state (f->store, 9999, REDRESS_ITEM_RECEIVED, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (redress_store_move_checklist_item (f->store, 9999, 1, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing changed */
  again = list (f, "restoration");
  g_assert_cmpuint (again->len, ==, items->len);
  item = g_ptr_array_index (again, 0);
  g_assert_null (redress_checklist_item_get_custom_text (item));
  g_assert_null (redress_checklist_item_get_due (item));
  g_assert_false (redress_checklist_item_get_edited (item));

  /* The database refuses a bad date even when the store is bypassed */
  g_assert_cmpint (test_exec_rc (redress_store_get_handle (f->store),
                                 "UPDATE checklist_items SET due = '2026-02-30'"), !=, SQLITE_OK);
}

/* Editing: the template's words keep the item translatable; blanks clear */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(RedressChecklistItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *template_text;
  gint64 id;

  draft (f, "restoration");
  items = list (f, "restoration");
  id = redress_checklist_item_get_id (g_ptr_array_index (items, 0));
  template_text = redress_checklist_template_text ("restoration-form");

  g_assert_true (redress_store_edit_checklist_item (f->store, id, "  Form IMM 5709  ", " 2026-04-01 ",
                                                    " ", &error));
  g_assert_no_error (error);
  item = redress_store_get_checklist_item (f->store, id, &error);
  g_assert_cmpstr (redress_checklist_item_get_custom_text (item), ==, "Form IMM 5709");
  g_assert_cmpstr (redress_checklist_item_get_due (item), ==, "2026-04-01");
  g_assert_null (redress_checklist_item_get_note (item));
  g_assert_true (redress_checklist_item_get_edited (item));
  g_clear_object (&item);

  g_assert_true (redress_store_edit_checklist_item (f->store, id, template_text, "", NULL, &error));
  g_assert_no_error (error);
  item = redress_store_get_checklist_item (f->store, id, &error);
  g_assert_null (redress_checklist_item_get_custom_text (item));
  g_assert_null (redress_checklist_item_get_due (item));
  g_assert_cmpstr (redress_checklist_item_get_text (item), ==, template_text);
}

/* Each change is a line of the case's timeline and a "changed" signal */
static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  gboolean drafted = FALSE, received = FALSE;

  test_count_changes (f->store, &changes);
  draft (f, "restoration");
  items = list (f, "restoration");
  g_assert_true (redress_store_set_checklist_item_state (f->store,
                                                         redress_checklist_item_get_id (g_ptr_array_index (items, 0)),
                                                         REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);
  /* Setting the same state again is no change */
  g_assert_true (redress_store_set_checklist_item_state (f->store,
                                                         redress_checklist_item_get_id (g_ptr_array_index (items, 0)),
                                                         REDRESS_ITEM_RECEIVED, &error));
  g_assert_cmpuint (changes.n, ==, 2);
  g_assert_cmpint (changes.last_id, ==, f->case_id);

  events = redress_store_list_events (f->store, f->client_id, f->case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *text = redress_event_dup_description (g_ptr_array_index (events, i));

      drafted |= g_str_equal (text, "Checklist drafted");
      received |= g_str_has_prefix (text, "Checklist item received: Application to restore status");
    }
  g_assert_true (drafted);
  g_assert_true (received);
}

/* The catalogue of a document's language */
static void
test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  RedressCatalog *en, *fr;

  en = redress_catalog_get ("en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_item_state_get_label_in (REDRESS_ITEM_TO_REQUEST, en), ==, "To request");

  fr = redress_catalog_get ("fr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_catalog_get_language (fr), ==, "fr");
  g_assert_cmpstr (redress_item_state_get_label_in (REDRESS_ITEM_RECEIVED, fr), ==, "Reçu");
  g_assert_cmpstr (redress_catalog_pgettext (fr, "month", "March"), ==, "mars");
  g_assert_cmpstr (redress_catalog_gettext (fr, redress_checklist_template_text ("bank-statements")), !=,
                   redress_checklist_template_text ("bank-statements"));
  g_assert_cmpstr (redress_catalog_gettext (fr, "No such string in the catalogue"), ==,
                   "No such string in the catalogue");
  g_assert_true (redress_catalog_get ("fr", NULL) == fr);

  g_assert_null (redress_catalog_get ("de", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“de”"));
}

/* Translations not installed, or damaged: a clear error */
static void
test_catalog_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_make_tmpdir ();
      g_autofree char *mo_dir = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
      g_autofree char *mo = g_build_filename (mo_dir, "redress.mo", NULL);
      g_autoptr(GError) error = NULL;

      g_setenv ("REDRESS_LOCALEDIR", dir, TRUE);
      g_assert_null (redress_catalog_get ("fr", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);

      g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (mo, "\xde\x12\x04\x95\0\0\0\0\xff\xff\xff\x0f", 12, NULL));
      g_assert_null (redress_catalog_get ("fr", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
      g_printerr ("%s\n", error->message);
      test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*not installed*damaged*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/checklist/paths", NULL, test_paths);
  ADD ("/checklist/grounds", NULL, test_grounds);
  ADD ("/checklist/application-type/visitor", "visitor-visa", test_application_type);
  ADD ("/checklist/application-type/student", "study-permit", test_application_type);
  ADD ("/checklist/merge-keeps-edits", NULL, test_merge_keeps_edits);
  ADD ("/checklist/remove-restore", NULL, test_remove_restore);
  ADD ("/checklist/move", NULL, test_move);
  ADD ("/checklist/bad-input", NULL, test_bad_input);
  ADD ("/checklist/edit", NULL, test_edit);
  ADD ("/checklist/timeline", NULL, test_timeline);
  g_test_add_func ("/checklist/catalog", test_catalog);
  g_test_add_func ("/checklist/catalog-missing", test_catalog_missing);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "store-fixture.h"

/*
 * The list is checked the way a GtkListView sees it: a mirror array is
 * kept up to date only from "items-changed", and must always equal the
 * model.
 */
typedef struct
{
  StoreFixture base;
  RedressClientList *list;
  GPtrArray *mirror;        /* RedressClient, as the view would hold them */
  guint n_emissions;
  guint n_notify_items;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_emissions++;
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, (int) (position + i), g_list_model_get_item (model, position + i));
}

static void
on_notify_n_items (GObject    *object,
                   GParamSpec *pspec,
                   Fixture    *f)
{
  f->n_notify_items++;
}

static void
assert_mirror (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->list);
  guint n = g_list_model_get_n_items (model);
  guint n_prop = 0;

  g_object_get (f->list, "n-items", &n_prop, NULL);
  g_assert_cmpuint (n_prop, ==, n);
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RedressClient) item = g_list_model_get_item (model, i);
      RedressClient *seen = g_ptr_array_index (f->mirror, i);

      g_assert_true (item == seen);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
attach_list (Fixture  *f,
             gboolean  include_archived)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->list);
  g_ptr_array_set_size (f->mirror, 0);
  f->list = redress_client_list_new (f->base.store, include_archived, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->list);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == REDRESS_TYPE_CLIENT);
  on_items_changed (G_LIST_MODEL (f->list), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (f->list)), f);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->list, "notify::n-items", G_CALLBACK (on_notify_n_items), f);
  f->n_emissions = 0;
  f->n_notify_items = 0;
}

/* Files whose names sort differently once folded */
static const struct
{
  const char *family, *given, *uci;
} people[] = {
  { "Tremblay", "Émilie", "1234567890" },    /* 2026-0001 */
  { "Émond", "Zoé", NULL },                  /* 2026-0002 */
  { "Zúñiga", "Carlos", "87654321" },        /* 2026-0003 */
  { "emery", "Paul", NULL },                 /* 2026-0004 */
  { "Ávila", "Ana", "1122334455" },          /* 2026-0005 */
  { "Tremblay-Nguyen", "Minh Anh", NULL },   /* 2026-0006 */
  { "de la Cruz", "Ça Va", NULL },           /* 2026-0007 */
  { "Okafor", "Chidinma Grace", NULL },      /* 2026-0008 */
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  store_fixture_setup (&f->base, data);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(RedressClient) client = test_add_client (f->base.store, people[i].family,
                                                         people[i].given, people[i].uci);
    }
  attach_list (f, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
  store_fixture_teardown (&f->base, data);
}

/* The family names shown, joined with "/" */
static char *
shown (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->list);
  g_autoptr(GString) s = g_string_new (NULL);

  assert_mirror (f);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RedressClient) client = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%s", i ? "/" : "", redress_client_get_family_name (client));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_query (Fixture    *f,
              const char *query,
              const char *expected)
{
  g_autofree char *got = NULL;
  guint before = f->n_emissions;

  redress_client_list_set_query (f->list, query);
  g_assert_cmpstr (redress_client_list_get_query (f->list), ==, query);
  got = shown (f);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("query “%s”: expected “%s”, got “%s”", query ? query : "(null)", expected, got);
  /* One batch per query change, never one per row */
  g_assert_cmpuint (f->n_emissions - before, <=, 1);
}

#define ALL "Ávila/de la Cruz/emery/Émond/Okafor/Tremblay/Tremblay-Nguyen/Zúñiga"

static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *names = shown (f);

  /* Sorted by folded family name: accents and case do not matter */
  g_assert_cmpstr (names, ==, ALL);
  g_assert_cmpuint (redress_client_list_get_n_total (f->list), ==, G_N_ELEMENTS (people));
  g_assert_false (redress_client_list_get_include_archived (f->list));
  g_assert_null (redress_client_list_get_query (f->list));
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  /* Partial names, in any case, with or without accents */
  assert_query (f, "trem", "Tremblay/Tremblay-Nguyen");
  assert_query (f, "TREM", "Tremblay/Tremblay-Nguyen");
  assert_query (f, "emi", "Tremblay");                 /* Émilie */
  assert_query (f, "ÉMI", "Tremblay");
  assert_query (f, "em", "emery/Émond/Tremblay/Tremblay-Nguyen");
  assert_query (f, "zuniga", "Zúñiga");
  assert_query (f, "ZÚÑ", "Zúñiga");
  assert_query (f, "avila", "Ávila");
  assert_query (f, "ca va", "de la Cruz");             /* Ça Va */
  assert_query (f, "nguyen", "Tremblay-Nguyen");

  /* Several words, in either order, each matching */
  assert_query (f, "tremblay emilie", "Tremblay");
  assert_query (f, "émilie tremblay", "Tremblay");
  assert_query (f, "  tremblay   minh  ", "Tremblay-Nguyen");
  assert_query (f, "tremblay zoe", "");
  assert_query (f, "chidinma okafor", "Okafor");

  /* File numbers */
  assert_query (f, "2026-0003", "Zúñiga");
  assert_query (f, "2026-000", ALL);

  /* UCIs, with or without separators, or a part of one */
  assert_query (f, "1234567890", "Tremblay");
  assert_query (f, "12-3456-7890", "Tremblay");
  assert_query (f, "3456-7890", "Tremblay");
  assert_query (f, "8765-4321", "Zúñiga");
  assert_query (f, "87654321", "Zúñiga");
  assert_query (f, "11-2233-4455", "Ávila");

  /* Nothing, then everything again */
  assert_query (f, "xyz", "");
  assert_query (f, "", ALL);
  assert_query (f, NULL, ALL);
}

static void
test_query_emissions (Fixture       *f,
                      gconstpointer  data)
{
  const char *typing[] = { "t", "tr", "tre", "trem", "tremb", "tremblay-", "tremblay-n", "" };

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      guint before = f->n_emissions;

      redress_client_list_set_query (f->list, typing[i]);
      g_assert_cmpuint (f->n_emissions, ==, before + 1);
      assert_mirror (f);
    }

  /* The same query again: nothing */
  {
    guint before = f->n_emissions;
    guint notifies = f->n_notify_items;

    redress_client_list_set_query (f->list, "");
    g_assert_cmpuint (f->n_emissions, ==, before);
    g_assert_cmpuint (f->n_notify_items, ==, notifies);
  }

  /* The "query" property goes the same way */
  {
    g_autofree char *query = NULL;
    guint before = f->n_emissions;

    g_object_set (f->list, "query", "okafor", NULL);
    g_object_get (f->list, "query", &query, NULL);
    g_assert_cmpstr (query, ==, "okafor");
    g_assert_cmpuint (f->n_emissions, ==, before + 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  }
}

static int
position_of (Fixture *f,
             gint64   id)
{
  return redress_client_list_find (f->list, id);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) martin = NULL;
  g_autofree char *names = NULL;
  gint64 id;

  /* A new file appears at its sorted place */
  f->n_emissions = 0;
  martin = test_add_client (f->base.store, "Martin", "Luc", NULL);
  id = redress_record_get_id (REDRESS_RECORD (martin));
  g_assert_cmpuint (f->n_emissions, ==, 1);
  names = shown (f);
  g_assert_cmpstr (names, ==, "Ávila/de la Cruz/emery/Émond/Martin/Okafor/Tremblay/"
                              "Tremblay-Nguyen/Zúñiga");
  g_clear_pointer (&names, g_free);
  g_assert_cmpint (position_of (f, id), ==, 4);

  /* A new name moves it */
  redress_record_set_value (REDRESS_RECORD (martin), REDRESS_CLIENT_FAMILY_NAME, "Aaron");
  g_assert_true (redress_store_update_client (f->base.store, martin, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, id), ==, 0);
  {
    g_autoptr(RedressClient) first = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
    g_assert_cmpstr (redress_client_get_family_name (first), ==, "Aaron");
  }
  assert_mirror (f);

  /* A case shows in its count */
  {
    g_autoptr(RedressCase) kase = test_add_case (f->base.store, id, "other", "2026-02-01");
    g_autoptr(RedressClient) item = g_list_model_get_item (G_LIST_MODEL (f->list),
                                                           (guint) position_of (f, id));
    g_assert_cmpuint (redress_client_get_case_count (item), ==, 1);
  }

  /* Trashed: gone; back: in place */
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (martin), &error));
  g_assert_cmpint (position_of (f, id), ==, -1);
  names = shown (f);
  g_assert_cmpstr (names, ==, ALL);
  g_clear_pointer (&names, g_free);
  g_assert_cmpuint (redress_client_list_get_n_total (f->list), ==, G_N_ELEMENTS (people));
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (martin), &error));
  g_assert_cmpint (position_of (f, id), ==, 0);
  assert_mirror (f);

  /* Purged from the trash: stays gone */
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (martin), &error));
  g_assert_true (redress_store_purge_trash (f->base.store, &error));
  g_assert_no_error (error);
  names = shown (f);
  g_assert_cmpstr (names, ==, ALL);
}

static void
test_follows_store_filtered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) inside = NULL;
  g_autoptr(RedressClient) outside = NULL;
  g_autofree char *names = NULL;

  assert_query (f, "trem", "Tremblay/Tremblay-Nguyen");

  /* A new match shows, a non-match does not (but is counted) */
  f->n_emissions = 0;
  outside = test_add_client (f->base.store, "Roy", "Luc", NULL);
  g_assert_cmpuint (f->n_emissions, ==, 0);
  inside = test_add_client (f->base.store, "Trémblay", "Anne", NULL);
  g_assert_cmpuint (f->n_emissions, ==, 1);
  names = shown (f);
  g_assert_cmpstr (names, ==, "Trémblay/Tremblay/Tremblay-Nguyen");
  g_clear_pointer (&names, g_free);
  g_assert_cmpuint (redress_client_list_get_n_total (f->list), ==, G_N_ELEMENTS (people) + 2);
  g_assert_cmpint (position_of (f, redress_record_get_id (REDRESS_RECORD (outside))), ==, -1);

  /* An edit that stops matching takes it out; one that starts matching adds it */
  redress_record_set_value (REDRESS_RECORD (inside), REDRESS_CLIENT_FAMILY_NAME, "Blay");
  g_assert_true (redress_store_update_client (f->base.store, inside, &error));
  redress_record_set_value (REDRESS_RECORD (outside), REDRESS_CLIENT_FAMILY_NAME, "Trembley");
  g_assert_true (redress_store_update_client (f->base.store, outside, &error));
  g_assert_no_error (error);
  names = shown (f);
  g_assert_cmpstr (names, ==, "Tremblay/Tremblay-Nguyen/Trembley");
  g_clear_pointer (&names, g_free);

  /* Clearing the query shows them all, still sorted */
  assert_query (f, NULL, "Ávila/Blay/de la Cruz/emery/Émond/Okafor/Tremblay/Tremblay-Nguyen/"
                         "Trembley/Zúñiga");
}

static void
test_archived (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) okafor = redress_store_get_client (f->base.store, 8, &error);
  g_autofree char *names = NULL;
  guint before;

  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_family_name (okafor), ==, "Okafor");

  /* Archiving hides it */
  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (okafor), TRUE, &error));
  g_assert_cmpint (position_of (f, 8), ==, -1);
  g_assert_cmpuint (redress_client_list_get_n_total (f->list), ==, G_N_ELEMENTS (people) - 1);
  names = shown (f);
  g_assert_cmpstr (names, ==, "Ávila/de la Cruz/emery/Émond/Tremblay/Tremblay-Nguyen/Zúñiga");
  g_clear_pointer (&names, g_free);

  /* ... unless archived files are shown: one batch */
  before = f->n_emissions;
  redress_client_list_set_include_archived (f->list, TRUE);
  g_assert_cmpuint (f->n_emissions, ==, before + 1);
  g_assert_true (redress_client_list_get_include_archived (f->list));
  g_assert_cmpint (position_of (f, 8), ==, 4);
  g_assert_cmpuint (redress_client_list_get_n_total (f->list), ==, G_N_ELEMENTS (people));
  names = shown (f);
  g_assert_cmpstr (names, ==, ALL);
  g_clear_pointer (&names, g_free);
  before = f->n_emissions;
  redress_client_list_set_include_archived (f->list, TRUE);
  g_assert_cmpuint (f->n_emissions, ==, before);

  /* A list made to include them shows them from the start */
  attach_list (f, TRUE);
  g_assert_cmpint (position_of (f, 8), ==, 4);
  {
    g_autoptr(RedressClient) item = g_list_model_get_item (G_LIST_MODEL (f->list), 4);
    g_assert_true (redress_record_get_archived (REDRESS_RECORD (item)));
  }

  /* Taken out of the archive: back in the everyday list */
  attach_list (f, FALSE);
  g_assert_cmpint (position_of (f, 8), ==, -1);
  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (okafor), FALSE, &error));
  g_assert_cmpint (position_of (f, 8), ==, 4);
  assert_mirror (f);
}

static void
test_rollback_invisible (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  f->n_emissions = 0;
  g_assert_true (redress_store_begin (f->base.store, &error));
  {
    g_autoptr(RedressClient) ghost = test_add_client (f->base.store, "Ghost", "Casper", NULL);
  }
  redress_store_rollback (f->base.store);
  g_assert_cmpuint (f->n_emissions, ==, 0);
  names = shown (f);
  g_assert_cmpstr (names, ==, ALL);
}

static void
test_find_and_reload (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint before;

  /* Tremblay is 2026-0001, id 1 */
  g_assert_cmpint (redress_client_list_find (f->list, 1), ==, 5);
  g_assert_cmpint (redress_client_list_find (f->list, 5), ==, 0);
  g_assert_cmpint (redress_client_list_find (f->list, 999), ==, -1);
  redress_client_list_set_query (f->list, "nguyen");
  g_assert_cmpint (redress_client_list_find (f->list, 1), ==, -1);
  g_assert_cmpint (redress_client_list_find (f->list, 6), ==, 0);

  /* Reload keeps the query, in one batch */
  before = f->n_emissions;
  g_assert_true (redress_client_list_reload (f->list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_emissions, ==, before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  assert_mirror (f);
}

static void
test_outlives_store (Fixture       *f,
                     gconstpointer  data)
{
  /* The list keeps the store alive; dropping the list releases it */
  GWeakRef weak;

  g_weak_ref_init (&weak, f->base.store);
  g_clear_object (&f->base.store);
  {
    g_autoptr(RedressStore) store = g_weak_ref_get (&weak);
    g_assert_nonnull (store);
  }
  g_clear_object (&f->list);
  {
    g_autoptr(RedressStore) store = g_weak_ref_get (&weak);
    g_assert_null (store);
  }
  g_weak_ref_clear (&weak);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client-list/fill", test_fill);
  ADD ("/client-list/query", test_query);
  ADD ("/client-list/query-emissions", test_query_emissions);
  ADD ("/client-list/follows-store", test_follows_store);
  ADD ("/client-list/follows-store-filtered", test_follows_store_filtered);
  ADD ("/client-list/archived", test_archived);
  ADD ("/client-list/rollback", test_rollback_invisible);
  ADD ("/client-list/find-and-reload", test_find_and_reload);
  ADD ("/client-list/lifetime", test_outlives_store);

#undef ADD

  return g_test_run ();
}

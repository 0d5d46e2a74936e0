/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-client-index.h"
#include "redress-store-private.h"
#include "test-util.h"

/*
 * The client list's index, on its own and against a plain reference:
 * every search is compared with checking each file's key word by word,
 * over random names, UCIs and file numbers, after random changes, and
 * through the shortcut typing takes (searching only among what the last
 * keystroke found).  Then the list over a store: thousands of files read
 * a page at a time, and files written before the keys existed.
 */

typedef struct
{
  gint64 id;
  gboolean archived;
  char *sort;
  char *key;
} RefEntry;

static void
ref_entry_free (gpointer data)
{
  RefEntry *e = data;

  g_free (e->sort);
  g_free (e->key);
  g_free (e);
}

static int
ref_compare (gconstpointer a,
             gconstpointer b)
{
  const RefEntry *x = *(const RefEntry **) a;
  const RefEntry *y = *(const RefEntry **) b;
  int r = strcmp (x->sort, y->sort);

  return r != 0 ? r : (x->id < y->id ? -1 : x->id > y->id);
}

/* The reference: a word is in the key, or (digits and separators only, at
 * least four digits) its digits are */
static gboolean
ref_matches (const RefEntry     *e,
             const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) digits = g_string_new (NULL);
      gboolean digit_word = TRUE;

      if (*words[i] == '\0')
        continue;
      if (strstr (e->key, words[i]) != NULL)
        continue;
      for (const char *p = words[i]; *p; p++)
        {
          if (g_ascii_isdigit (*p))
            g_string_append_c (digits, *p);
          else if (!strchr ("- .", *p))
            digit_word = FALSE;
        }
      if (!digit_word || digits->len < 4 || strstr (e->key, digits->str) == NULL)
        return FALSE;
    }
  return TRUE;
}

static const char *syllables[] = {
  "tre", "mb", "lay", "ngu", "yen", "co", "te", "ga", "gnon", "roy", "sin", "gh", "ka", "ur",
  "le", "a", "e", "li", "wang", "dia", "llo", "mu", "ller", "o'", "bri", "en", "de", "la",
};

static char *
random_name (GRand *rand)
{
  GString *name = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, 4);

  for (int i = 0; i < n; i++)
    g_string_append (name, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  return g_string_free (name, FALSE);
}

static RefEntry *
random_entry (GRand  *rand,
              gint64  id)
{
  RefEntry *e = g_new0 (RefEntry, 1);
  g_autofree char *family = random_name (rand);
  g_autofree char *given = random_name (rand);
  g_autofree char *number = g_strdup_printf ("%d-%04d", g_rand_int_range (rand, 2019, 2027),
                                             g_rand_int_range (rand, 1, 3000));
  g_autofree char *uci = g_rand_boolean (rand)
    ? g_strdup_printf ("%010u", (guint) g_rand_int_range (rand, 0, G_MAXINT32))
    : g_strdup ("");

  e->id = id;
  e->archived = g_rand_int_range (rand, 0, 5) == 0;
  e->sort = g_strdup_printf ("%s\x1f%s\x1f%s", family, given, number);
  e->key = g_strdup_printf ("%s %s %s|%s|%s", family, given, family, number, uci);
  return e;
}

/* A query as a consultant would type it: bits of names, numbers, UCIs
 * with dashes, two words */
static char **
random_query (GRand *rand)
{
  static const char *pieces[] = {
    "t", "tr", "tre", "trem", "tremblay", "a", "e", "ng", "nguyen", "la", "le", "li", "wang",
    "2023", "2023-0", "2023-01", "-0", "12", "1234", "12-34", "1-2-3-4", "00", "0 0 0 1",
    "o'", "o'bri", "zz", "|", "ka ur", "de la",
  };
  int n = g_rand_int_range (rand, 0, 3);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  for (int i = 0; i < n; i++)
    {
      g_auto(GStrv) split = g_strsplit (pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                        " ", -1);
      g_strv_builder_addv (builder, (const char **) split);
    }
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return g_steal_pointer (&words);
}

static void
assert_search (RedressClientIndex *index,
               GPtrArray          *ref,
               const char * const *words,
               gboolean            include_archived,
               GArray             *got)
{
  guint n = 0;

  for (guint i = 0; i < ref->len; i++)
    {
      RefEntry *e = g_ptr_array_index (ref, i);

      g_assert_cmpint (redress_client_index_get_id (index, i), ==, e->id);
      if ((!include_archived && e->archived) || !ref_matches (e, words))
        continue;
      g_assert_cmpuint (n, <, got->len);
      g_assert_cmpuint (g_array_index (got, guint32, n), ==, i);
      n++;
    }
  g_assert_cmpuint (n, ==, got->len);
}

static void
test_against_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(RedressClientIndex) index = redress_client_index_new ();
  g_autoptr(GPtrArray) ref = g_ptr_array_new_with_free_func (ref_entry_free);
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) narrowed = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 next_id = 1;

  /* Loaded in order, as from the database */
  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (ref, random_entry (rand, next_id++));
  g_ptr_array_sort (ref, ref_compare);
  for (guint i = 0; i < ref->len; i++)
    {
      RefEntry *e = g_ptr_array_index (ref, i);

      redress_client_index_append (index, e->id, e->archived, e->sort, e->key);
    }

  for (guint round = 0; round < 40; round++)
    {
      /* Some files change, some come, some go */
      for (int c = g_rand_int_range (rand, 0, 30); c > 0; c--)
        {
          guint at = (guint) g_rand_int_range (rand, 0, (gint32) ref->len);
          RefEntry *gone = g_ptr_array_index (ref, at);
          RefEntry *e;
          int removed = redress_client_index_remove (index, gone->id);
          guint placed;

          g_assert_cmpint (removed, ==, (int) at);
          e = random_entry (rand, g_rand_boolean (rand) ? gone->id : next_id++);
          g_ptr_array_remove_index (ref, at);
          placed = redress_client_index_insert (index, e->id, e->archived, e->sort, e->key);
          g_ptr_array_add (ref, e);
          g_ptr_array_sort (ref, ref_compare);
          g_assert_true (g_ptr_array_index (ref, placed) == e);
        }
      g_assert_cmpuint (redress_client_index_get_size (index), ==, ref->len);
      g_assert_cmpint (redress_client_index_remove (index, -5), ==, -1);

      for (guint q = 0; q < 25; q++)
        {
          g_auto(GStrv) wider = random_query (rand);
          g_auto(GStrv) narrower = NULL;
          gboolean archived = g_rand_boolean (rand);
          GStrvBuilder *builder = g_strv_builder_new ();

          redress_client_index_search (index, (const char * const *) wider, archived, NULL, got);
          assert_search (index, ref, (const char * const *) wider, archived, got);

          /* One more letter, or one more word */
          g_strv_builder_addv (builder, (const char **) wider);
          if (wider[0] != NULL && g_rand_boolean (rand))
            {
              guint last = g_strv_length (wider) - 1;
              g_autofree char *longer = g_strdup_printf ("%s%c", wider[last],
                                                         "ae0-1l"[g_rand_int_range (rand, 0, 6)]);
              g_strv_builder_unref (builder);
              builder = g_strv_builder_new ();
              for (guint i = 0; i < last; i++)
                g_strv_builder_add (builder, wider[i]);
              g_strv_builder_add (builder, longer);
            }
          else
            g_strv_builder_add (builder, "e");
          narrower = g_strv_builder_end (builder);
          g_strv_builder_unref (builder);

          if (redress_client_index_query_narrows ((const char * const *) wider,
                                                  (const char * const *) narrower))
            {
              redress_client_index_search (index, (const char * const *) narrower, archived, got,
                                           narrowed);
              assert_search (index, ref, (const char * const *) narrower, archived, narrowed);
            }
        }
    }
}

static void
test_narrows (void)
{
  const struct { const char *wider, *narrower; gboolean narrows; } cases[] = {
    { "tre", "trem", TRUE },
    { "", "a", TRUE },
    { "a", "", FALSE },
    { "a", "a b", TRUE },
    { "a b", "a", FALSE },
    { "b a", "ab", TRUE },          /* "ab" holds both */
    { "12-3", "12-34", FALSE },     /* 1234 alone may be a UCI holding no "12-3" */
    { "12-34", "12-345", TRUE },
    { "1234", "12345", TRUE },
    { "2023-", "2023-0123", TRUE },   /* its digits hold 2023 as its text holds 2023- */
    { "202", "2023-0123", TRUE },     /* … and 20230123 holds 202 */
    { "3-0", "2023-0123", FALSE },    /* 20230123 alone may be a UCI holding no 3-0 */
    { "tremblay", "trem", FALSE },
  };
  /* Files that tell the cases apart */
  const char *keys[] = {
    "ab", "b a", "tremblay emilie tremblay|2024-0007|", "x 12-3|2023-0001|",
    "y|2022-0002|1234567890", "z|2021-0003|2023012399", "w 3-0|2020-0004|",
    "trem|2019-0005|0020230123",
  };
  g_autoptr(RedressClientIndex) index = redress_client_index_new ();
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) afresh = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    redress_client_index_append (index, i + 1, FALSE, keys[i], keys[i]);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) wider = g_strsplit (cases[i].wider, " ", -1);
      g_auto(GStrv) narrower = g_strsplit (cases[i].narrower, " ", -1);

      gboolean narrows = redress_client_index_query_narrows ((const char * const *) wider,
                                                             (const char * const *) narrower);

      g_test_message ("“%s” then “%s”", cases[i].wider, cases[i].narrower);
      g_assert_cmpint (narrows, ==, cases[i].narrows);

      /* What typing finds (among what the last keystroke found, when it
       * narrows) is what a search afresh finds */
      redress_client_index_search (index, (const char * const *) wider, TRUE, NULL, first);
      redress_client_index_search (index, (const char * const *) narrower, TRUE,
                                   narrows ? first : NULL, typed);
      redress_client_index_search (index, (const char * const *) narrower, TRUE, NULL, afresh);
      g_assert_cmpuint (typed->len, ==, afresh->len);
      for (guint k = 0; k < typed->len; k++)
        g_assert_cmpuint (g_array_index (typed, guint32, k), ==, g_array_index (afresh, guint32, k));
    }
}

/* The list over a store: more files than it keeps read, every one given
 * in order, once; a search and a change among them */
static void
test_list_pages (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (path, &error);
  g_autoptr(RedressClientList) list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = NULL;
  guint n;

  g_assert_no_error (error);
  g_assert_true (redress_store_begin (store, &error));
  for (guint i = 0; i < 2600; i++)
    {
      g_autoptr(RedressClient) client = redress_client_new ();
      g_autofree char *family = g_strdup_printf ("Famille%04u", (i * 7919) % 2600);

      redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, family);
      redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Zoé");
      g_assert_true (redress_store_insert_client (store, client, &error));
    }
  g_assert_true (redress_store_commit (store, &error));
  g_assert_no_error (error);

  list = redress_client_list_new (store, FALSE, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 2600);
  /* Backwards, so that pages are read out of order and dropped */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Famille%04u", i);
      gint64 *id = g_new (gint64, 1);

      g_assert_nonnull (client);
      g_assert_cmpstr (redress_client_get_family_name (client), ==, expected);
      *id = redress_record_get_id (REDRESS_RECORD (client));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      g_ptr_array_add (ids, id);
    }

  redress_client_list_set_query (list, "famille25");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  redress_client_list_set_query (list, "famille2599");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(RedressClient) last = g_list_model_get_item (G_LIST_MODEL (list), 0);

    /* Renamed to the front: found by its new name, first in the list */
    redress_record_set_value (REDRESS_RECORD (last), REDRESS_CLIENT_FAMILY_NAME, "Aaron");
    g_assert_true (redress_store_update_client (store, last, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  redress_client_list_set_query (list, NULL);
  {
    g_autoptr(RedressClient) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(RedressClient) second = g_list_model_get_item (G_LIST_MODEL (list), 1);

    g_assert_cmpstr (redress_client_get_family_name (first), ==, "Aaron");
    g_assert_cmpstr (redress_client_get_family_name (second), ==, "Famille0000");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2600);

  g_clear_object (&list);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A database of schema 9 has no keys: the list fills them when it first
 * reads them, deleted files included (one taken out of the bin is listed
 * in its place) */
static void
test_keys_filled_on_open (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressClientList) list = NULL;
  const char *names[] = { "Nguyễn", "Côté", "Bélanger", "Al-Sayed" };
  gint64 deleted_id = 0;

  g_assert_true (redress_store_migrate_file_to (path, 9, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        char *sql = sqlite3_mprintf (
          "INSERT INTO clients (file_number, family_name, given_names, uci, deleted_at, "
          "created_at, updated_at) VALUES ('2025-%04u', %Q, 'Anh', %s, %s, "
          "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
          i + 1, names[i], i == 0 ? "'1234567890'" : "NULL",
          i == 3 ? "'2025-02-01T00:00:00Z'" : "NULL");

        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_free (sql);
      }
    deleted_id = sqlite3_last_insert_rowid (db);
    sqlite3_close (db);
  }

  store = redress_store_open (path, &error);
  g_assert_no_error (error);
  list = redress_client_list_new (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  {
    g_autoptr(RedressClient) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (redress_client_get_family_name (first), ==, "Bélanger");
  }
  redress_client_list_set_query (list, "NGUYEN 12-3456");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  redress_client_list_set_query (list, "sayed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  {
    g_autoptr(RedressClient) bin = redress_client_new ();

    redress_record_set_id (REDRESS_RECORD (bin), deleted_id);
    g_assert_true (redress_store_untrash (store, REDRESS_RECORD (bin), &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  g_clear_object (&list);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-index/against-reference", test_against_reference);
  g_test_add_func ("/client-index/narrows", test_narrows);
  g_test_add_func ("/client-index/list-pages", test_list_pages);
  g_test_add_func ("/client-index/keys-filled-when-listed", test_keys_filled_on_open);

  return g_test_run ();
}

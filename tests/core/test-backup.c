/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "redress-store-private.h"
#include "store-fixture.h"

/* Each test opens the store itself, on base.path */
typedef struct
{
  StoreFixture base;
  char *backup;      /* where backups go */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  store_fixture_setup_unopened (&f->base, data);
  f->backup = g_build_filename (f->base.dir, "backup.redress", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
  g_free (f->backup);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted, as one string */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static guint
count_clients_in (const char *path)
{
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  n = test_query_int (db, "SELECT count(*) FROM clients");
  sqlite3_close (db);
  return (guint) n;
}

static RedressStore *
make_store (Fixture *f,
            guint    n_clients)
{
  RedressStore *store = test_open_store (f->base.dir, "redress.db");

  test_set_now (store, "2026-03-02T14:05:00Z");
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *given = g_strdup_printf ("Client %u", i + 1);
      g_autoptr(RedressClient) client = test_add_client (store, "Tremblay", given, NULL);
      g_autoptr(RedressCase) kase = test_add_case (store, redress_record_get_id (REDRESS_RECORD (client)),
                                                   "study-permit", "2026-02-10");
    }
  return store;
}

static void
assert_is_backup (const char *path,
                  guint       n_clients)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_cmpint (memcmp (contents, "SQLite format 3", 16), ==, 0);
  /* Rollback-journal format: one self-contained file */
  g_assert_cmpint (contents[18], ==, 1);
  g_assert_cmpint (contents[19], ==, 1);
  g_assert_false (test_file_exists (wal));
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_cmpuint (count_clients_in (path), ==, n_clients);
}

static void
test_backup_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 3);
  g_autoptr(RedressClient) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;

  /* The store stays open: what is still in its write-ahead log is copied too */
  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_assert_no_error (error);
  assert_is_backup (f->backup, 3);

  /* Work goes on after the backup... */
  first = redress_store_get_client (store, 1, &error);
  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (first), REDRESS_CLIENT_FAMILY_NAME, "Changed");
  g_assert_true (redress_store_update_client (store, first, &error));
  g_clear_object (&first);
  {
    g_autoptr(RedressClient) extra = test_add_client (store, "Roy", "Luc", NULL);
  }
  g_clear_object (&store);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 4);

  /* ... then the backup is restored */
  g_assert_true (redress_store_restore (f->base.path, f->backup, &previous, &error));
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  g_assert_true (test_file_exists (previous));
  g_assert_cmpuint (test_file_mode (previous), ==, 0600);
  g_assert_cmpuint (test_file_mode (f->base.path), ==, 0600);

  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  first = redress_store_get_client (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_family_name (first), ==, "Tremblay");
  g_assert_cmpuint (redress_client_get_case_count (first), ==, 1);
  {
    g_autoptr(GPtrArray) clients = redress_store_list_clients (store, TRUE, &error);
    g_assert_cmpuint (clients->len, ==, 3);
  }
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  /* The numbering continues from the backup's state */
  {
    g_autoptr(RedressClient) next = test_add_client (store, "Roy", "Léa", NULL);
    g_assert_cmpstr (redress_client_get_file_number (next), ==, "2026-0004");
  }
  g_clear_object (&store);

  /* The replaced database was kept, whole, and opens */
  store = redress_store_open (previous, &error);
  g_assert_no_error (error);
  g_clear_object (&first);
  first = redress_store_get_client (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_family_name (first), ==, "Changed");
  {
    g_autoptr(GPtrArray) clients = redress_store_list_clients (store, TRUE, &error);
    g_assert_cmpuint (clients->len, ==, 4);
  }

  /* The backup itself was only read */
  assert_is_backup (f->backup, 3);
}

static void
test_backup_replaces_destination (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (f->backup, "an old backup", -1, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_assert_no_error (error);
  assert_is_backup (f->backup, 2);

  /* Nothing but the database, its log, and the backup */
  before = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, "backup.redress redress.db redress.db-shm redress.db-wal");

  /* A folder that does not exist: an error, and nothing written */
  {
    g_autofree char *nowhere = g_build_filename (f->base.dir, "nowhere", "b.redress", NULL);

    g_assert_false (redress_store_backup (store, nowhere, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
    g_clear_error (&error);
  }
  after = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_refuses_database (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *other_spelling = g_build_filename (f->base.dir, ".", "redress.db", NULL);
  g_autofree char *link = g_build_filename (f->base.dir, "link.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_clear_object (&store);
  before = test_file_sha256 (f->base.path);

  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  g_assert_false (redress_store_backup (store, f->base.path, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (redress_store_backup (store, other_spelling, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (symlink (f->base.path, link), ==, 0);
  g_assert_false (redress_store_backup (store, link, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&store);

  after = test_file_sha256 (f->base.path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 2);

  /* Restoring the database onto itself is refused too */
  g_assert_false (redress_store_restore (f->base.path, f->base.path, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (redress_store_restore (f->base.path, link, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_pointer (&after, g_free);
  after = test_file_sha256 (f->base.path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} AsyncData;

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_true (REDRESS_IS_STORE (source));
  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static gboolean
run_backup_async (RedressStore  *store,
                  const char    *destination,
                  GCancellable  *cancellable,
                  GError       **error)
{
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean ok;

  redress_store_backup_async (store, destination, cancellable, on_backup_done, &data);
  /* Always asynchronous, even for an immediate error */
  g_assert_null (data.result);
  g_main_loop_run (data.loop);
  g_assert_nonnull (data.result);
  ok = redress_store_backup_finish (store, data.result, error);
  g_object_unref (data.result);
  g_main_loop_unref (data.loop);
  return ok;
}

static void
test_backup_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cancelled = g_build_filename (f->base.dir, "cancelled.redress", NULL);

  g_assert_true (run_backup_async (store, f->backup, NULL, &error));
  g_assert_no_error (error);
  assert_is_backup (f->backup, 5);

  /* Onto the database itself */
  g_assert_false (run_backup_async (store, f->base.path, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
  g_clear_error (&error);

  /* Cancelled: no file, no temporary left behind */
  before = list_dir (f->base.dir);
  g_cancellable_cancel (cancellable);
  g_assert_false (run_backup_async (store, cancelled, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, after);

  /* The store is still fine */
  g_assert_true (redress_store_check (store, NULL));
}

static void
test_restore_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *dir_before = NULL;
  g_autofree char *good = NULL;
  g_autofree char *sql = NULL;
  gsize good_length = 0;
  sqlite3 *raw;

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_file_get_contents (f->backup, &good, &good_length, &error);
  g_assert_no_error (error);
  db_before = test_file_sha256 (f->base.path);

  struct
  {
    const char *what;
    int code;
  } cases[] = {
    { "text", REDRESS_ERROR_DAMAGED },
    { "other-app", REDRESS_ERROR_NOT_REDRESS },
    { "too-new", REDRESS_ERROR_TOO_NEW },
    { "truncated", REDRESS_ERROR_DAMAGED },
    { "empty", REDRESS_ERROR_NOT_REDRESS },
    { "corrupt", REDRESS_ERROR_DAMAGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *previous = NULL;
      g_autofree char *backup_before = NULL;
      g_autofree char *backup_after = NULL;
      g_autofree char *db_after = NULL;
      g_autofree char *dir_after = NULL;

      g_unlink (f->backup);
      if (g_str_equal (cases[i].what, "text"))
        g_file_set_contents (f->backup, "not a database\n", -1, &error);
      else if (g_str_equal (cases[i].what, "other-app"))
        {
          raw = test_open_raw (f->backup);
          test_exec (raw, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);");
          sqlite3_close (raw);
        }
      else if (g_str_equal (cases[i].what, "too-new"))
        {
          g_file_set_contents (f->backup, good, (gssize) good_length, &error);
          raw = test_open_raw (f->backup);
          sql = g_strdup_printf ("PRAGMA user_version = %d", redress_store_latest_version () + 1);
          test_exec (raw, sql);
          g_clear_pointer (&sql, g_free);
          sqlite3_close (raw);
        }
      else if (g_str_equal (cases[i].what, "truncated"))
        g_file_set_contents (f->backup, good, (gssize) (good_length - 100), &error);
      else if (g_str_equal (cases[i].what, "empty"))
        g_file_set_contents (f->backup, "", 0, &error);
      else if (g_str_equal (cases[i].what, "corrupt"))
        {
          /* Whole pages, valid header, a scribbled table page */
          g_autofree char *bad = g_memdup2 (good, good_length);
          gsize page = ((guint8) bad[16] << 8) | (guint8) bad[17];

          g_assert_cmpuint (good_length / page, >=, 3);
          memset (bad + page, 0xa5, 200);
          g_file_set_contents (f->backup, bad, (gssize) good_length, &error);
        }
      g_assert_no_error (error);

      dir_before = list_dir (f->base.dir);
      backup_before = test_file_sha256 (f->backup);
      g_assert_false (redress_store_restore (f->base.path, f->backup, &previous, &error));
      if (error == NULL || error->domain != REDRESS_ERROR || error->code != cases[i].code)
        g_error ("restoring a %s backup: expected error %d, got %s", cases[i].what,
                 cases[i].code, error ? error->message : "none");
      g_clear_error (&error);
      g_assert_null (previous);

      /* Nothing moved: the database, the backup, the folder */
      db_after = test_file_sha256 (f->base.path);
      g_assert_cmpstr (db_before, ==, db_after);
      backup_after = test_file_sha256 (f->backup);
      g_assert_cmpstr (backup_before, ==, backup_after);
      dir_after = list_dir (f->base.dir);
      g_assert_cmpstr (dir_before, ==, dir_after);
      g_clear_pointer (&dir_before, g_free);
    }

  /* A backup that does not exist */
  {
    g_autofree char *missing = g_build_filename (f->base.dir, "missing.redress", NULL);

    g_assert_false (redress_store_restore (f->base.path, missing, NULL, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
    g_clear_error (&error);
  }

  /* The database still opens, as it was */
  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  {
    g_autoptr(GPtrArray) clients = redress_store_list_clients (store, TRUE, &error);
    g_assert_cmpuint (clients->len, ==, 2);
  }
}

static void
test_restore_older_version (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(RedressClient) client = NULL;
  sqlite3 *raw;

  g_clear_object (&store);

  /* A backup taken by Redress at schema version 1 */
  g_assert_true (redress_store_migrate_file_to (f->backup, 1, &error));
  g_assert_no_error (error);
  raw = test_open_raw (f->backup);
  test_exec (raw, "INSERT INTO file_numbers VALUES (2025, 1);"
                  "INSERT INTO clients (file_number, family_name, given_names, created_at, "
                  "updated_at) VALUES ('2025-0001', 'Ancien', 'Albert', 'then', 'then');");
  sqlite3_close (raw);

  g_assert_true (redress_store_restore (f->base.path, f->backup, &previous, &error));
  g_assert_no_error (error);
  g_assert_true (test_file_exists (previous));

  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (redress_store_get_handle (store), "PRAGMA user_version"), ==,
                   redress_store_latest_version ());
  client = redress_store_get_client (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_family_name (client), ==, "Ancien");
  {
    g_autoptr(RedressFirm) firm = redress_store_get_firm (store, &error);
    g_assert_no_error (error);
  }
}

static void
test_restore_without_database (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->base.dir, "new.db", NULL);
  char *previous = (char *) "unset";

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_clear_object (&store);

  /* Restoring onto a new workstation: nothing to keep aside */
  g_assert_true (redress_store_restore (target, f->backup, &previous, &error));
  g_assert_no_error (error);
  g_assert_null (previous);
  g_assert_cmpuint (test_file_mode (target), ==, 0600);
  g_assert_cmpuint (count_clients_in (target), ==, 2);
}

static void
test_restore_twice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_previous = NULL;
  g_autofree char *second_previous = NULL;
  g_autofree char *other = g_build_filename (f->base.dir, "other.redress", NULL);

  /* Two backups: one client, then three */
  g_assert_true (redress_store_backup (store, f->backup, &error));
  {
    g_autoptr(RedressClient) a = test_add_client (store, "Roy", "Luc", NULL);
    g_autoptr(RedressClient) b = test_add_client (store, "Roy", "Léa", NULL);
  }
  g_assert_true (redress_store_backup (store, other, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RedressClient) c = test_add_client (store, "Roy", "Max", NULL);
  }
  g_clear_object (&store);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 4);

  /* The wrong backup, then at once the right one: the first copy kept
   * aside (the real data, four clients) must survive the second restore */
  g_assert_true (redress_store_restore (f->base.path, f->backup, &first_previous, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_restore (f->base.path, other, &second_previous, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (first_previous, !=, second_previous);
  g_assert_cmpuint (count_clients_in (first_previous), ==, 4);
  g_assert_cmpuint (count_clients_in (second_previous), ==, 1);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 3);
}


/* Scribbles over the first bytes of the root page of @table in @path (a
 * closed database): damage that SQLite sees only when it reads that table */
static void
damage_table (const char *path,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'",
                                          table);
  guint8 garbage[64];
  gint64 page_size, root;
  sqlite3 *raw;
  int fd;

  raw = test_open_raw (path);
  page_size = test_query_int (raw, "PRAGMA page_size");
  root = test_query_int (raw, sql);
  sqlite3_close (raw);
  g_assert_cmpint (root, >, 1);

  memset (garbage, 0xa5, sizeof garbage);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (off_t) ((root - 1) * page_size)), ==,
                   sizeof garbage);
  close (fd);
}

/* A damaged database is refused when it is opened, before anything writes
 * to it, with what to do */
static void
test_open_damaged (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;

  g_clear_object (&store);
  /* A table the opening does not read */
  damage_table (f->base.path, "checklist_items");
  before = test_file_sha256 (f->base.path);
  listing = list_dir (f->base.dir);

  store = redress_store_open (f->base.path, &error);
  g_assert_null (store);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, f->base.path));
  g_assert_nonnull (strstr (error->message, "restore"));
  g_clear_error (&error);

  after = test_file_sha256 (f->base.path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *listing_after = list_dir (f->base.dir);
    g_assert_cmpstr (listing, ==, listing_after);
  }
}

static void
on_checked (RedressStore  *store,
            const GError  *error,
            GError       **out)
{
  g_assert_null (*out);
  *out = error != NULL ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, 0, "none");
}

/* The application opens at once and checks on a thread: a damaged
 * database is then written to no more, and the store says why */
static void
test_open_damaged_checked_later (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 3);
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) checked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A sound one: checked, nothing to say */
  g_clear_object (&store);
  store = redress_store_open_full (f->base.path, REDRESS_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "checked", G_CALLBACK (on_checked), &checked);
  while (!redress_store_get_checked (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (checked, G_IO_ERROR, 0);
  g_assert_false (redress_store_get_damaged (store));
  g_clear_error (&checked);
  g_clear_object (&store);

  damage_table (f->base.path, "checklist_items");
  before = test_file_sha256 (f->base.path);
  store = redress_store_open_full (f->base.path, REDRESS_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_signal_connect (store, "checked", G_CALLBACK (on_checked), &checked);
  while (!redress_store_get_checked (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (checked, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (checked->message, "restore"));
  g_assert_true (redress_store_get_damaged (store));

  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Roy");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Léa");
  g_assert_false (redress_store_insert_client (store, client, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_clear_object (&store);
  after = test_file_sha256 (f->base.path);
  g_assert_cmpstr (before, ==, after);
}

/* A backup reads the whole database: a damaged page found then (damage
 * that came after the database was opened) fails the backup, and nothing
 * is left that looks like one */
static void
test_backup_verifies (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&store);
  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  before = list_dir (f->base.dir);
  damage_table (f->base.path, "checklist_items");

  g_assert_false (redress_store_backup (store, f->backup, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "not written"));
  g_clear_error (&error);
  g_assert_false (test_file_exists (f->backup));
  after = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, after);

  /* The same through the application's way */
  g_assert_false (run_backup_async (store, f->backup, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, after);
}

/* SQLite's files beside the database are not backup names: a backup
 * written there would be deleted, or worse, read as the database's log */
static void
test_backup_refuses_working_files (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->base.path, "-wal", NULL);
  g_autofree char *wal_before = test_file_sha256 (wal);
  g_autofree char *wal_after = NULL;
  g_autofree char *before = list_dir (f->base.dir);
  g_autofree char *after = NULL;
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *plain = g_strconcat (f->base.path, suffixes[i], NULL);
      g_autofree char *name = g_strconcat ("redress.db", suffixes[i], NULL);
      g_autofree char *other_spelling = g_build_filename (f->base.dir, ".", ".", name, NULL);

      g_assert_false (redress_store_backup (store, plain, &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
      g_assert_false (redress_store_backup (store, other_spelling, &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
      g_clear_error (&error);
      g_assert_false (run_backup_async (store, plain, NULL, &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_IO);
      g_clear_error (&error);
    }

  after = list_dir (f->base.dir);
  g_assert_cmpstr (before, ==, after);
  wal_after = test_file_sha256 (wal);
  g_assert_cmpstr (wal_before, ==, wal_after);
  g_clear_object (&store);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 2);

  /* A name that only starts like them is fine */
  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *fine = g_strconcat (f->base.path, "-wal.backup", NULL);

    g_assert_true (redress_store_backup (store, fine, &error));
    g_assert_no_error (error);
    assert_is_backup (fine, 2);
  }
}

/* A backup claiming a schema version it does not have (as a file changed
 * by hand or another program) is refused before anything is replaced */
static void
test_restore_wrong_version (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *dir_before = NULL;
  g_autofree char *good = NULL;
  gsize good_length = 0;
  const int versions[] = { 3, -1, 0, 1 };

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->backup, &good, &good_length, NULL));
  db_before = test_file_sha256 (f->base.path);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", versions[i]);
      g_autofree char *previous = NULL;
      g_autofree char *db_after = NULL;
      g_autofree char *dir_after = NULL;
      sqlite3 *raw;

      g_assert_true (g_file_set_contents (f->backup, good, (gssize) good_length, NULL));
      raw = test_open_raw (f->backup);
      test_exec (raw, sql);
      sqlite3_close (raw);
      dir_before = list_dir (f->base.dir);

      g_assert_false (redress_store_restore (f->base.path, f->backup, &previous, &error));
      g_test_message ("user_version %d: %s", versions[i], error ? error->message : "no error");
      g_assert_true (error != NULL && error->domain == REDRESS_ERROR);
      g_assert_true (error->code == REDRESS_ERROR_DAMAGED ||
                     error->code == REDRESS_ERROR_NOT_REDRESS);
      g_clear_error (&error);
      g_assert_null (previous);

      db_after = test_file_sha256 (f->base.path);
      g_assert_cmpstr (db_before, ==, db_after);
      dir_after = list_dir (f->base.dir);
      g_assert_cmpstr (dir_before, ==, dir_after);
      g_clear_pointer (&dir_before, g_free);
    }

  /* Opened as it is, such a file is refused too, and left as it was */
  {
    g_autofree char *sha = test_file_sha256 (f->backup);
    g_autofree char *sha_after = NULL;
    sqlite3 *raw = test_open_raw (f->backup);

    test_exec (raw, "PRAGMA user_version = 3");
    sqlite3_close (raw);
    g_clear_pointer (&sha, g_free);
    sha = test_file_sha256 (f->backup);
    store = redress_store_open (f->backup, &error);
    g_assert_null (store);
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
    g_clear_error (&error);
    sha_after = test_file_sha256 (f->backup);
    g_assert_cmpstr (sha, ==, sha_after);
  }

  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
}

/* A restore that fails once the current database was copied aside still
 * says where that copy is, and leaves the database as it was */
static void
test_restore_reports_copy (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(RedressStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RedressClient) late = test_add_client (store, "Roy", "Luc", NULL);
  }

  /* Still open (another window): the swap is refused, not done under it */
  g_assert_false (redress_store_restore (f->base.path, f->backup, &previous, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_nonnull (previous);
  g_assert_true (g_str_has_prefix (previous, f->base.path));
  g_assert_cmpuint (count_clients_in (previous), ==, 3);

  g_clear_object (&store);
  g_assert_cmpuint (count_clients_in (f->base.path), ==, 3);
  {
    g_autofree char *listing = list_dir (f->base.dir);
    g_assert_null (strstr (listing, ".redress-"));
  }
}

/* Copies left by a backup or a restore that was killed are removed at the
 * next start, unless a process is still writing them */
static void
test_stale_copies_removed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *busy = g_build_filename (f->base.dir, ".redress-backup-BUSY01", NULL);
  const char *left[] = {
    ".redress-backup-AB12cd", ".redress-backup-AB12cd-journal",
    ".redress-backup-EF34gh-wal", ".redress-backup-EF34gh-shm",
    ".redress-tmp-IJ56kl",
  };
  int fd;

  g_assert_true (redress_store_backup (store, f->backup, &error));
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_autofree char *path = g_build_filename (f->base.dir, left[i], NULL);
      g_assert_true (g_file_set_contents (path, "client data", -1, NULL));
    }
  /* Still being written (its writer holds a lock on it) */
  g_assert_true (g_file_set_contents (busy, "being written", -1, NULL));
  fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  store = redress_store_open (f->base.path, &error);
  g_assert_no_error (error);
  close (fd);
  listing = list_dir (f->base.dir);
  g_assert_cmpstr (listing, ==, ".redress-backup-BUSY01 backup.redress redress.db "
                                "redress.db-shm redress.db-wal");
}

/* Crashes during a restore ------------------------------------------------- */

typedef struct
{
  const char *step;
  gboolean restored;    /* what the database holds after a kill there */
} CrashStep;

static const CrashStep crash_steps[] = {
  { "restore-copied", FALSE },
  { "restore-kept", FALSE },
  { "restore-wal-folded", FALSE },
  { "restore-renamed", TRUE },
  { "restore-done", TRUE },
};

static const char *crash_step;

static void
kill_at_step (const char *step,
              const char *path)
{
  if (g_strcmp0 (step, crash_step) == 0)
    raise (SIGKILL);
}

/* The clients of @path, in order, as one line */
static char *
client_names_in (const char *path)
{
  sqlite3 *db = test_open_raw (path);
  char *names = test_query_text (db, "SELECT group_concat(family_name || ' ' || given_names, "
                                     "', ') FROM (SELECT * FROM clients ORDER BY id)");

  sqlite3_close (db);
  return names;
}

/* A restore killed at each of its steps (as kill -9 or a power cut would
 * end it) onto a database that has a write-ahead log left by a crash: the
 * database then opens with all of its old data or all of the backup's,
 * never a mix, and the files a restore writes on its way are gone. */
static void
test_restore_crash (Fixture       *f,
                    gconstpointer  data)
{
  const CrashStep *crash = data;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *crashed_dir = g_build_filename (f->base.dir, "crashed", NULL);
  g_autofree char *crashed = g_build_filename (crashed_dir, "redress.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *backup = g_build_filename (f->base.dir, "backup.redress", NULL);
  g_autofree char *old_names = NULL;
  g_autofree char *new_names = NULL;
  g_autofree char *names = NULL;
  g_autofree char *listing = NULL;
  g_auto(GStrv) entries = NULL;
  guint n_kept = 0;

  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("REDRESS_TEST_CRASH_DIR");
      g_autofree char *database = g_build_filename (dir, "crashed", "redress.db", NULL);
      g_autofree char *from = g_build_filename (dir, "backup.redress", NULL);
      g_autofree char *previous = NULL;

      crash_step = crash->step;
      redress_store_set_step_hook (kill_at_step);
      redress_store_restore (database, from, &previous, &error);
      g_assert_no_error (error);
      return;
    }

  /* The backup: three clients */
  store = make_store (f, 3);
  g_assert_true (redress_store_backup (store, backup, &error));
  g_assert_no_error (error);
  new_names = client_names_in (backup);

  /* Later work, still in the write-ahead log when the computer stopped:
   * the database and its log as they were then */
  {
    g_autoptr(RedressClient) first = redress_store_get_client (store, 1, &error);
    g_autoptr(RedressClient) extra = test_add_client (store, "Roy", "Luc", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    redress_record_set_value (REDRESS_RECORD (first), REDRESS_CLIENT_FAMILY_NAME, "Changed");
    g_assert_true (redress_store_update_client (store, first, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir (crashed_dir, 0700), ==, 0);
    g_assert_true (g_file_get_contents (f->base.path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (crashed, contents, (gssize) length, NULL));
    g_clear_pointer (&contents, g_free);
    {
      g_autofree char *wal = g_strconcat (f->base.path, "-wal", NULL);

      g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 0);
      g_assert_true (g_file_set_contents (crashed_wal, contents, (gssize) length, NULL));
    }
  }
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (crashed, 0600), ==, 0);
  g_assert_cmpint (g_chmod (crashed_wal, 0600), ==, 0);
  /* The old database's data: the store, closed, wrote it all to its file */
  old_names = client_names_in (f->base.path);
  g_assert_nonnull (strstr (old_names, "Changed"));
  g_assert_nonnull (strstr (old_names, "Roy Luc"));
  g_assert_cmpstr (old_names, !=, new_names);

  g_setenv ("REDRESS_TEST_CRASH_DIR", f->base.dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("REDRESS_TEST_CRASH_DIR");
  /* Ended at that step, as by kill -9 */
  g_test_trap_assert_failed ();

  /* Before the swap, the backup's data waits beside the database: the next
   * start removes it (client data must not pile up in copies) */
  listing = list_dir (crashed_dir);
  g_test_message ("killed at %s: %s", crash->step, listing);
  g_assert_cmpint (strstr (listing, ".redress-backup-") != NULL, ==, !crash->restored);
  g_clear_pointer (&listing, g_free);

  /* The database opens, whole, with one set of data or the other */
  store = redress_store_open (crashed, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  names = client_names_in (crashed);
  g_assert_cmpstr (names, ==, crash->restored ? new_names : old_names);

  /* Nothing is left half-written; a copy kept aside holds the old data */
  listing = list_dir (crashed_dir);
  g_test_message ("after a kill at %s: %s", crash->step, listing);
  entries = g_strsplit (listing, " ", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_assert_false (g_str_has_prefix (entries[i], ".redress-"));
      if (g_str_has_prefix (entries[i], "redress.db.before-restore-"))
        {
          g_autofree char *kept = g_build_filename (crashed_dir, entries[i], NULL);
          g_autofree char *kept_names = client_names_in (kept);

          g_assert_false (g_str_has_suffix (entries[i], "-wal"));
          g_assert_cmpstr (kept_names, ==, old_names);
          n_kept++;
        }
    }
  /* Once the database was replaced, its old data is kept aside */
  if (crash->restored)
    g_assert_cmpuint (n_kept, ==, 1);
}

/* A migration that fails: one sentence, the database left at its version,
 * SQLite's words only in the debug log */
static void
test_migration_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_true (redress_store_migrate_file_to (f->base.path, 7, &error));
  g_assert_no_error (error);
  /* A row that version 7 allows and version 8 cannot carry over: a quote
   * ending before the page's start (its start unknown) */
  db = test_open_raw (f->base.path);
  test_exec (db, "PRAGMA foreign_keys = OFF");
  test_exec (db, "INSERT INTO case_grounds (case_id, code, state, origin, page, quote_start, "
                 "quote_end, created_at, updated_at) VALUES (1, 'purpose-of-visit', 'suggested', "
                 "'detected', 1, NULL, -5, '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z')");
  sqlite3_close (db);

  store = redress_store_open (f->base.path, &error);
  g_assert_null (store);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "version 8"));
  g_assert_nonnull (strstr (error->message, "left as it was"));
  g_assert_null (strstr (error->message, "constraint"));
  g_assert_null (strstr (error->message, "CHECK"));

  db = test_open_raw (f->base.path);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, 7);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM pragma_table_info ('case_grounds') "
                                       "WHERE name = 'source'"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM case_grounds"), ==, 1);
  sqlite3_close (db);
}

/* Integrity problems: one sentence, without SQLite's own words */
static void
test_integrity_message (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = redress_store_get_handle (store);

  /* A row that refers to nothing (foreign keys off for this one write) */
  test_exec (db, "PRAGMA foreign_keys = OFF");
  test_exec (db, "UPDATE cases SET client_id = 9999 WHERE id = 1");
  test_exec (db, "PRAGMA foreign_keys = ON");
  g_assert_false (redress_store_check (store, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (strstr (error->message, "cases"));
  g_assert_null (strstr (error->message, "refers"));
}

/* Another program holds the database locked and does not let go: opening
 * and restoring wait a bounded time (SQLite's busy wait, 5 s in all) and end with
 * a clear error, leaving nothing behind */
static void
test_locked_bounded (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RedressStore) store = make_store (f, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->base.dir, "good.redress", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *previous = NULL;
  sqlite3 *holder = NULL;
  gint64 start;

  g_assert_true (redress_store_backup (store, good, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  listing = list_dir (f->base.dir);
  sha = test_file_sha256 (f->base.path);

  /* An exclusive lock kept after a write: no reader gets in */
  holder = test_open_raw (f->base.path);
  test_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; "
                     "UPDATE clients SET given_names = 'Held' WHERE id = 1; COMMIT;");

  /* Opening waits as long, then says why */
  start = g_get_monotonic_time ();
  store = redress_store_open (f->base.path, &error);
  g_test_message ("open: %.1f s: %s", (g_get_monotonic_time () - start) / 1e6, error->message);
  g_assert_null (store);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_BUSY);
  g_clear_error (&error);

  /* Restoring copies the current database aside first: that copy waits
   * a bounded time too, and nothing is replaced */
  start = g_get_monotonic_time ();
  g_assert_false (redress_store_restore (f->base.path, good, &previous, &error));
  g_test_message ("restore: %.1f s: %s", (g_get_monotonic_time () - start) / 1e6, error->message);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_null (previous);

  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);
  {
    g_autofree char *after = list_dir (f->base.dir);

    g_assert_cmpstr (after, ==, listing);
  }
  {
    sqlite3 *db = test_open_raw (f->base.path);

    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM clients WHERE given_names = 'Held'"),
                     ==, 1);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM clients"), ==, 2);
    sqlite3_close (db);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/backup/round-trip", test_backup_round_trip);
  ADD ("/backup/replaces-destination", test_backup_replaces_destination);
  ADD ("/backup/refuses-database", test_backup_refuses_database);
  ADD ("/backup/async", test_backup_async);
  ADD ("/restore/refuses", test_restore_refuses);
  ADD ("/restore/older-version", test_restore_older_version);
  ADD ("/restore/without-database", test_restore_without_database);
  ADD ("/restore/twice", test_restore_twice);
  ADD ("/restore/wrong-version", test_restore_wrong_version);
  ADD ("/restore/reports-copy", test_restore_reports_copy);
  ADD ("/backup/verifies", test_backup_verifies);
  ADD ("/backup/refuses-working-files", test_backup_refuses_working_files);
  ADD ("/backup/locked-bounded", test_locked_bounded);
  ADD ("/store/open-damaged", test_open_damaged);
  ADD ("/store/open-damaged-checked-later", test_open_damaged_checked_later);
  ADD ("/store/migration-failure", test_migration_failure);
  ADD ("/store/integrity-message", test_integrity_message);
  ADD ("/store/stale-copies-removed", test_stale_copies_removed);

  for (guint i = 0; i < G_N_ELEMENTS (crash_steps); i++)
    {
      g_autofree char *name = g_strdup_printf ("/restore/crash/%s", crash_steps[i].step);

      g_test_add (name, Fixture, &crash_steps[i], fixture_setup, test_restore_crash,
                  fixture_teardown);
    }

#undef ADD

  return g_test_run ();
}

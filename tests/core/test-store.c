/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "redress-store-private.h"
#include "store-fixture.h"

/* A folder and a database path in it: each test opens the store itself */
typedef StoreFixture Fixture;

/* No journal, write-ahead log or shared-memory file beside @path */
static void
assert_no_side_files (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      if (test_file_exists (side))
        g_error ("%s was left behind", side);
    }
}

/* Opens @path expecting @code; checks the file was left byte for byte */
static void
assert_refused (const char *path,
                int         code,
                int         other_code)
{
  g_autofree char *before = test_file_sha256 (path);
  g_autofree char *after = NULL;
  guint mode = test_file_mode (path);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RedressStore) store = redress_store_open (path, &error);

      g_assert_null (store);
      g_assert_nonnull (error);
      g_assert_true (error->domain == REDRESS_ERROR);
      if (error->code != code && error->code != other_code)
        g_error ("%s: unexpected error %d: %s", path, error->code, error->message);
      g_assert_nonnull (strstr (error->message, path));
    }

  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (test_file_mode (path), ==, mode);
  assert_no_side_files (path);
}

static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (f->path, &error);
  sqlite3 *db;
  g_autofree char *journal = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (redress_store_get_path (store), ==, f->path);
  g_assert_cmpuint (test_file_mode (f->path), ==, 0600);
  g_assert_cmpint (redress_store_latest_version (), >=, 2);
  g_assert_cmpint (redress_store_get_version (store), ==, redress_store_latest_version ());

  db = redress_store_get_handle (store);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==,
                   redress_store_latest_version ());
  g_assert_cmpint (test_query_int (db, "PRAGMA application_id"), ==,
                   REDRESS_STORE_APPLICATION_ID);
  g_assert_cmpint (test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  journal = test_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                       "AND name IN ('clients', 'cases', 'events', "
                                       "'file_numbers', 'firm')"), ==, 5);

  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The write-ahead log goes with the last connection */
  assert_no_side_files (f->path);

  /* Reopening an up-to-date database changes nothing in it */
  {
    g_autofree char *before = test_file_sha256 (f->path);
    g_autofree char *after = NULL;

    store = redress_store_open (f->path, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    after = test_file_sha256 (f->path);
    g_assert_cmpstr (before, ==, after);
  }
}

/* No file of Redress's own making left in @dir but the database */
static void
assert_no_temporary_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, ".redress-"))
      g_error ("%s was left in %s", name, dir);
}

static void
test_open_empty_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);

  /* Only a name that does not exist becomes a database: an empty file
   * is refused, left as it was (empty, its mode kept) */
  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  assert_refused (f->path, REDRESS_ERROR_NOT_REDRESS, REDRESS_ERROR_NOT_REDRESS);
  g_assert_cmpuint (test_file_mode (f->path), ==, 0644);
  {
    g_autofree char *contents = NULL;
    gsize length = 1;

    g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
    g_assert_cmpuint (length, ==, 0);
  }
  {
    g_autoptr(RedressStore) store = redress_store_open (f->path, &error);

    g_assert_null (store);
    g_assert_nonnull (strstr (error->message, "empty"));
    g_clear_error (&error);
  }

  /* A pipe is not a database either, and is not opened */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    g_autoptr(RedressStore) store = redress_store_open (fifo, &error);

    g_assert_null (store);
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS);
    g_clear_error (&error);
  }
  g_assert_cmpint (g_unlink (fifo), ==, 0);
  assert_no_temporary_files (f->dir);
}

static void
kill_when_written (const char *step,
                   const char *path)
{
  if (g_str_equal (step, "create-written"))
    _exit (3);
}

/* A new database takes its name whole: a crash while it is being made
 * leaves no empty file under the name (which would then be refused) */
static void
test_open_create_crash (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;

  if (g_test_subprocess ())
    {
      redress_store_set_step_hook (kill_when_written);
      store = redress_store_open (g_getenv ("REDRESS_TEST_DB"), &error);
      g_assert_not_reached ();
    }

  g_setenv ("REDRESS_TEST_DB", f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("REDRESS_TEST_DB");
  g_test_trap_assert_failed ();
  g_assert_false (test_file_exists (f->path));

  store = redress_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_store_get_version (store), ==, redress_store_latest_version ());
  g_assert_cmpuint (test_file_mode (f->path), ==, 0600);
  /* What the crash left was removed */
  assert_no_temporary_files (f->dir);
}

static void
test_open_default_path (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_make_tmpdir ();
      g_autofree char *data_home = g_build_filename (dir, "data", NULL);
      g_autofree char *expected = g_build_filename (data_home, "redress", "redress.db", NULL);
      g_autofree char *folder = g_build_filename (data_home, "redress", NULL);
      g_autofree char *default_path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RedressStore) store = NULL;

      /* This process has not asked for the user data folder yet */
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
      g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);

      default_path = redress_store_default_path ();
      g_assert_cmpstr (default_path, ==, expected);
      g_assert_false (test_file_exists (folder));

      store = redress_store_open (NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpstr (redress_store_get_path (store), ==, expected);
      g_assert_cmpuint (test_file_mode (folder), ==, 0700);
      g_assert_cmpuint (test_file_mode (expected), ==, 0600);
      g_clear_object (&store);

      /* A folder made too open by hand is closed again */
      g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
      store = redress_store_open (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (test_file_mode (folder), ==, 0700);
      g_clear_object (&store);

      test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GDir) dir = NULL;

  store = redress_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN);
  g_clear_error (&error);

  /* Nothing was created in it */
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_open_missing_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "nowhere", "redress.db", NULL);
  g_autoptr(RedressStore) store = redress_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN);
  g_assert_false (test_file_exists (path));
}

static void
test_open_read_only_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (sub, "redress.db", NULL);
  g_autoptr(RedressStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write anywhere");
      return;
    }
  g_assert_cmpint (g_mkdir (sub, 0500), ==, 0);
  store = redress_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN);
  g_assert_false (test_file_exists (path));
}

/* Data a consultant had at schema @version, inserted as that version's
 * Redress would have written it */
static void
fill_version (sqlite3 *db,
              int      version)
{
  if (version >= 1)
    {
      test_exec (db,
                 "INSERT INTO file_numbers (year, last) VALUES (2025, 2);"
                 "INSERT INTO clients (id, file_number, family_name, given_names, date_of_birth, "
                 "  uci, language, created_at, updated_at) VALUES "
                 "  (1, '2025-0001', 'Díaz', 'Ana', '1990-05-04', '1234567890', 'fr', "
                 "   '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z'),"
                 "  (2, '2025-0002', 'Okafor', 'Chidi', NULL, NULL, 'en', "
                 "   '2025-06-02T10:00:00Z', '2025-06-02T10:00:00Z');"
                 "INSERT INTO cases (id, client_id, application_type, decision_date, "
                 "  received_date, created_at, updated_at) VALUES "
                 "  (1, 1, 'study-permit', '2025-05-20', '2025-05-22', "
                 "   '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z');"
                 "INSERT INTO events (at, actor, entity, client_id, case_id, kind, new_value) "
                 "  VALUES ('2025-06-01T10:00:00Z', 'marie', 'client', 1, NULL, 'created', "
                 "  '2025-0001');");
    }
  if (version >= 2)
    test_exec (db,
               "INSERT INTO firm (id, name, licence, created_at, updated_at) VALUES "
               "  (1, 'Cabinet Tremblay', 'R123456', '2025-06-01T10:00:00Z', "
               "   '2025-06-01T10:00:00Z');");
}

static void
check_version_data (RedressStore *store,
                    int           version)
{
  g_autoptr(GError) error = NULL;

  if (version >= 1)
    {
      g_autoptr(RedressClient) client = redress_store_get_client (store, 1, &error);
      g_autoptr(GPtrArray) cases = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(RedressClient) added = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (redress_client_get_family_name (client), ==, "Díaz");
      g_assert_cmpstr (redress_client_get_uci (client), ==, "1234567890");
      g_assert_cmpstr (redress_client_get_file_number (client), ==, "2025-0001");
      g_assert_cmpstr (redress_client_get_language (client), ==, "fr");
      g_assert_cmpuint (redress_client_get_case_count (client), ==, 1);

      cases = redress_store_list_cases (store, 1, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cases->len, ==, 1);
      g_assert_cmpstr (redress_case_get_application_type (g_ptr_array_index (cases, 0)), ==,
                       "study-permit");

      events = redress_store_list_events (store, 1, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, 1);
      g_assert_cmpstr (redress_event_get_actor (g_ptr_array_index (events, 0)), ==, "marie");

      /* The file-number counter came along */
      test_set_now (store, "2025-07-01T09:00:00Z");
      added = test_add_client (store, "Haddad", "Karim", NULL);
      g_assert_cmpstr (redress_client_get_file_number (added), ==, "2025-0003");
    }
  if (version >= 2)
    {
      g_autoptr(RedressFirm) firm = redress_store_get_firm (store, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME), ==,
                       "Cabinet Tremblay");
    }
}

static void
test_migrate_from (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  sqlite3 *raw;

  g_assert_true (redress_store_migrate_file_to (path, version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);

  raw = test_open_raw (path);
  g_assert_cmpint (test_query_int (raw, "PRAGMA user_version"), ==, version);
  fill_version (raw, version);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);

  store = redress_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (redress_store_get_version (store), ==, redress_store_latest_version ());
  g_assert_cmpint (test_query_int (redress_store_get_handle (store), "PRAGMA user_version"), ==,
                   redress_store_latest_version ());
  g_assert_cmpint (test_query_int (redress_store_get_handle (store), "PRAGMA application_id"),
                   ==, REDRESS_STORE_APPLICATION_ID);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  check_version_data (store, version);

  /* Every table of the latest schema is there and usable */
  {
    g_autoptr(RedressFirm) firm = redress_store_get_firm (store, &error);
    g_autoptr(RedressClient) client = test_add_client (store, "Nguyen", "Minh", "87654321");

    g_assert_no_error (error);
    g_assert_nonnull (firm);
  }
  g_clear_object (&store);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);

  test_remove_tree (dir);
}

static void
test_migrate_step_by_step (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Migrating a file one version at a time ends where opening does */
  for (int v = 0; v <= redress_store_latest_version (); v++)
    {
      sqlite3 *raw;

      g_assert_true (redress_store_migrate_file_to (f->path, v, &error));
      g_assert_no_error (error);
      raw = test_open_raw (f->path);
      g_assert_cmpint (test_query_int (raw, "PRAGMA user_version"), ==, v);
      sqlite3_close (raw);
    }

  /* Migrating to an older version is a no-op, never a downgrade */
  g_assert_true (redress_store_migrate_file_to (f->path, 1, &error));
  g_assert_no_error (error);
  {
    sqlite3 *raw = test_open_raw (f->path);
    g_assert_cmpint (test_query_int (raw, "PRAGMA user_version"), ==,
                     redress_store_latest_version ());
    sqlite3_close (raw);
  }
}

static void
make_redress_db (const char *path,
                 guint       n_clients)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (path, &error);
  g_autofree char *notes = g_strnfill (400, 'n');

  g_assert_no_error (error);
  g_assert_true (redress_store_begin (store, &error));
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *family = g_strdup_printf ("Family %u", i);
      g_autoptr(RedressClient) client = test_client_new (family, "Given", NULL);

      redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_NOTES, notes);
      redress_store_insert_client (store, client, &error);
      g_assert_no_error (error);
    }
  g_assert_true (redress_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_refuse_too_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sql = NULL;
  sqlite3 *raw;

  make_redress_db (f->path, 3);
  sql = g_strdup_printf ("PRAGMA user_version = %d", redress_store_latest_version () + 1);
  raw = test_open_raw (f->path);
  test_exec (raw, sql);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_no_side_files (f->path);

  assert_refused (f->path, REDRESS_ERROR_TOO_NEW, REDRESS_ERROR_TOO_NEW);

  /* Also when the newer version left it in rollback-journal mode */
  raw = test_open_raw (f->path);
  test_exec (raw, "PRAGMA journal_mode = DELETE");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_refused (f->path, REDRESS_ERROR_TOO_NEW, REDRESS_ERROR_TOO_NEW);
}

static void
test_refuse_other_app (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *raw = test_open_raw (f->path);

  test_exec (raw,
             "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
             "INSERT INTO moz_places (url) VALUES ('https://example.com');");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_refused (f->path, REDRESS_ERROR_NOT_REDRESS, REDRESS_ERROR_NOT_REDRESS);

  /* With its own application id and version */
  raw = test_open_raw (f->path);
  test_exec (raw, "PRAGMA application_id = 1234; PRAGMA user_version = 1;");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_refused (f->path, REDRESS_ERROR_NOT_REDRESS, REDRESS_ERROR_NOT_REDRESS);

  /* An empty schema but another program's id */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  raw = test_open_raw (f->path);
  test_exec (raw, "PRAGMA application_id = 1234");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  assert_refused (f->path, REDRESS_ERROR_NOT_REDRESS, REDRESS_ERROR_NOT_REDRESS);
}

static void
test_refuse_not_a_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 noise[8192];

  g_file_set_contents (f->path, "Dear client,\nyour application was refused.\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (f->path, REDRESS_ERROR_DAMAGED, REDRESS_ERROR_NOT_REDRESS);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (f->path, (const char *) noise, sizeof noise, &error);
  g_assert_no_error (error);
  assert_refused (f->path, REDRESS_ERROR_DAMAGED, REDRESS_ERROR_NOT_REDRESS);

  /* A PDF dropped on the wrong place */
  g_file_set_contents (f->path, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (f->path, REDRESS_ERROR_DAMAGED, REDRESS_ERROR_NOT_REDRESS);
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "truncated.db", NULL);
  gsize length = 0;
  gsize page_size;
  gsize sizes[4];

  make_redress_db (f->path, 60);
  g_file_get_contents (f->path, &whole, &length, &error);
  g_assert_no_error (error);
  page_size = ((guint8) whole[16] << 8) | (guint8) whole[17];
  g_assert_cmpuint (length / page_size, >, 8);

  sizes[0] = 60;                                /* inside the header */
  sizes[1] = page_size;                         /* the first page only */
  sizes[2] = (length / page_size / 2) * page_size;  /* half the pages */
  sizes[3] = length - page_size / 2;            /* the last page cut */

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_file_set_contents (copy, whole, (gssize) sizes[i], &error);
      g_assert_no_error (error);
      assert_refused (copy, REDRESS_ERROR_DAMAGED, REDRESS_ERROR_NOT_REDRESS);
    }
}

static void
test_check_fresh (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  make_redress_db (f->path, 50);
  store = redress_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_check_damaged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  gint64 page_size, page_count, victim;
  sqlite3 *raw;
  guint8 garbage[512];
  int fd;

  make_redress_db (f->path, 200);
  assert_no_side_files (f->path);

  raw = test_open_raw (f->path);
  page_size = test_query_int (raw, "PRAGMA page_size");
  page_count = test_query_int (raw, "PRAGMA page_count");
  sqlite3_close (raw);
  g_assert_cmpint (page_count, >, 10);

  /* Scribble over the start of a page in the middle of the file */
  victim = page_count / 2;
  memset (garbage, 0xa5, sizeof garbage);
  fd = g_open (f->path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (off_t) ((victim - 1) * page_size)), ==,
                   sizeof garbage);
  close (fd);

  store = redress_store_open (f->path, &error);
  if (store == NULL)
    {
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
      return;
    }
  g_assert_no_error (error);
  g_assert_false (redress_store_check (store, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, f->path));
}

static void
test_check_dangling_reference (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (f->path, &error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressCase) kase = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  client = test_add_client (store, "Haddad", "Karim", NULL);
  kase = test_add_case (store, redress_record_get_id (REDRESS_RECORD (client)),
                        "visitor-visa", "2026-03-02");

  /* A case whose client vanished behind the store's back */
  db = redress_store_get_handle (store);
  test_exec (db, "PRAGMA foreign_keys = OFF; DELETE FROM clients; PRAGMA foreign_keys = ON;");
  g_assert_false (redress_store_check (store, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, store_fixture_setup_unopened, func, store_fixture_teardown)

  ADD ("/store/open/new", test_open_new);
  ADD ("/store/open/empty-file", test_open_empty_file);
  ADD ("/store/open/create-crash", test_open_create_crash);
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  ADD ("/store/open/folder", test_open_folder);
  ADD ("/store/open/missing-folder", test_open_missing_folder);
  ADD ("/store/open/read-only-folder", test_open_read_only_folder);
  for (int v = 0; v < redress_store_latest_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migrate/from-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_migrate_from);
    }
  ADD ("/store/migrate/step-by-step", test_migrate_step_by_step);
  ADD ("/store/refuse/too-new", test_refuse_too_new);
  ADD ("/store/refuse/other-app", test_refuse_other_app);
  ADD ("/store/refuse/not-a-database", test_refuse_not_a_database);
  ADD ("/store/refuse/truncated", test_refuse_truncated);
  ADD ("/store/check/fresh", test_check_fresh);
  ADD ("/store/check/damaged", test_check_damaged);
  ADD ("/store/check/dangling-reference", test_check_dangling_reference);

#undef ADD

  return g_test_run ();
}

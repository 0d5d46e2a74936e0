/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "test-util.h"

char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("redress-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
test_remove_tree (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      /* Restore permissions a test may have taken away */
      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

char *
test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

gboolean
test_file_exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

guint
test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

void
test_exec (sqlite3    *db,
           const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("SQL failed (%s): %s", sql, message);
}

/* Runs @sql expecting it may fail; returns the primary result code */
int
test_exec_rc (sqlite3    *db,
              const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff;
}

gint64
test_query_int (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
test_query_text (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

sqlite3 *
test_open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

RedressClient *
test_client_new (const char *family,
                 const char *given,
                 const char *uci)
{
  RedressClient *client = redress_client_new ();

  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, family);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, given);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_UCI, uci);
  return client;
}

RedressClient *
test_add_client (RedressStore *store,
                 const char   *family,
                 const char   *given,
                 const char   *uci)
{
  g_autoptr(GError) error = NULL;
  RedressClient *client = test_client_new (family, given, uci);

  redress_store_insert_client (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_record_get_id (REDRESS_RECORD (client)), >, 0);
  return client;
}

RedressCase *
test_add_case (RedressStore *store,
               gint64        client_id,
               const char   *type,
               const char   *decision_date)
{
  g_autoptr(GError) error = NULL;
  RedressCase *kase = redress_case_new (client_id);

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, type);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, decision_date);
  redress_store_insert_case (store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redress_record_get_id (REDRESS_RECORD (kase)), >, 0);
  return kase;
}

RedressStore *
test_open_store (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  RedressStore *store = redress_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
test_set_now (RedressStore *store,
              const char   *iso8601)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (now);
  redress_store_set_now (store, now);
}

static void
on_changed (RedressStore *store,
            const char   *entity,
            gint64        id,
            TestChanges  *changes)
{
  changes->n++;
  changes->last_id = id;
  if (g_str_equal (entity, "client"))
    changes->n_client++;
  else if (g_str_equal (entity, "case"))
    changes->n_case++;
  else if (g_str_equal (entity, "firm"))
    changes->n_firm++;
}

void
test_count_changes (RedressStore *store,
                    TestChanges  *changes)
{
  memset (changes, 0, sizeof *changes);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), changes);
}

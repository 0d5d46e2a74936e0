/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store"

#include "config.h"

#include "redress-error.h"
#include "redress-store-client-keys.h"
#include "redress-store-private.h"

/*
 * The client list's reads: every file's keys in the list's order, and
 * files by the page.  The keys are kept in the clients table (sort_key,
 * search_key, computed in C by redress-client.c when a file is written,
 * since SQL cannot fold text as Redress does) with an index that holds
 * all the list reads, so that the whole list is one pass over it.
 */

/**
 * redress_store_foreach_client_key:
 * @func: called for every client file not deleted, archived ones
 *   included, sorted by sort key then id
 */
gboolean
redress_store_foreach_client_key (RedressStore          *self,
                                  RedressClientKeyFunc   func,
                                  gpointer               user_data,
                                  GError               **error)
{
  RedressDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  db = redress_store_get_db (self);
  stmt = redress_db_prepare (db,
                             "SELECT id, archived, sort_key, search_key FROM clients "
                             "WHERE deleted_at IS NULL ORDER BY sort_key, id",
                             error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) != 0,
          (const char *) sqlite3_column_text (stmt, 2),
          (const char *) sqlite3_column_text (stmt, 3), user_data);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || redress_db_error (db, rc, error);
}

/**
 * redress_store_get_clients:
 * @ids: (array length=n_ids): the files to read
 *
 * Returns: (transfer container) (element-type RedressClient): those of
 *   @ids that exist and are not deleted, in the order of @ids
 */
GPtrArray *
redress_store_get_clients (RedressStore  *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RedressClient *client = redress_store_get_client (self, ids[i], &local_error);

      if (client != NULL)
        g_ptr_array_add (clients, client);
      else if (!g_error_matches (local_error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&clients);
}

static gboolean
write_keys (RedressDb      *db,
            sqlite3_stmt   *stmt,
            RedressClient  *client,
            gint64          id,
            GError        **error)
{
  g_autofree char *sort_key = redress_client_dup_sort_key (client);
  g_autofree char *search_key = redress_client_dup_search_key (client);

  sqlite3_bind_text (stmt, 1, sort_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, search_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return redress_db_step_done (db, stmt, error);
}

#define UPDATE_KEYS "UPDATE clients SET sort_key = ?, search_key = ? WHERE id = ?"

gboolean
redress_store_write_client_keys (RedressStore   *self,
                                 RedressClient  *client,
                                 GError        **error)
{
  RedressDb *db = redress_store_get_db (self);
  sqlite3_stmt *stmt = redress_db_prepare (db, UPDATE_KEYS, error);

  return stmt != NULL &&
         write_keys (db, stmt, client, redress_record_get_id (REDRESS_RECORD (client)), error);
}

static gboolean
fill_keys_tx (RedressStore  *self,
              gpointer       data,
              GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  sqlite3_stmt *select;
  sqlite3_stmt *update;
  int rc;

  /* The index clients_without_keys makes this nothing when all have them */
  select = redress_db_prepare (db,
                               "SELECT id, family_name, given_names, file_number, uci "
                               "FROM clients WHERE sort_key IS NULL",
                               error);
  if (select == NULL)
    return FALSE;
  update = redress_db_prepare (db, UPDATE_KEYS, error);
  if (update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      /* Deleted files too: one taken out of the bin needs its keys */
      g_autoptr(RedressClient) client = redress_client_new ();
      RedressRecord *record = REDRESS_RECORD (client);

      redress_record_set_value (record, REDRESS_CLIENT_FAMILY_NAME,
                                (const char *) sqlite3_column_text (select, 1));
      redress_record_set_value (record, REDRESS_CLIENT_GIVEN_NAMES,
                                (const char *) sqlite3_column_text (select, 2));
      redress_client_set_file_number (client, (const char *) sqlite3_column_text (select, 3));
      redress_record_set_value (record, REDRESS_CLIENT_UCI,
                                (const char *) sqlite3_column_text (select, 4));
      if (!write_keys (db, update, client, sqlite3_column_int64 (select, 0), error))
        {
          sqlite3_reset (select);
          return FALSE;
        }
    }
  sqlite3_reset (select);
  return rc == SQLITE_DONE || redress_db_error (db, rc, error);
}

gboolean
redress_store_fill_client_keys (RedressStore  *self,
                                GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  sqlite3_stmt *stmt;
  gboolean missing;
  int rc;

  /* Nothing is written (no transaction waits for another writer) when
   * every file has its keys */
  stmt = redress_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM clients WHERE sort_key IS NULL)",
                             error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  missing = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  return !missing || redress_store_transaction (self, fill_keys_tx, NULL, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-db-private.h"
#include "redress-error.h"
#include "redress-record-private.h"
#include "redress-store-private.h"

/*
 * The records of the store: client files, their cases, the firm profile
 * (one table each, the columns given by the record's field table) and the
 * timeline of their changes (table events).  Every write is one
 * transaction that logs what changed and announces it with the store's
 * "changed" signal once committed.
 */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Records ----------------------------------------------------------------- */

static RedressRecordClass *
record_class (RedressRecord *record)
{
  return REDRESS_RECORD_GET_CLASS (record);
}

static void
bind_field (sqlite3_stmt          *stmt,
            int                    index,
            const RedressFieldDef *def,
            const char            *value)
{
  if (def->kind == REDRESS_FIELD_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_strcmp0 (value, "true") == 0);
  else
    redress_db_bind_text (stmt, index, value);
}

static const char *
read_field (sqlite3_stmt          *stmt,
            int                    column,
            const RedressFieldDef *def)
{
  if (def->kind == REDRESS_FIELD_BOOLEAN)
    return sqlite3_column_int (stmt, column) ? "true" : "false";
  return column_text (stmt, column);
}

/* "family_name, given_names, ..." */
static char *
field_columns (RedressRecordClass *klass,
               const char         *prefix)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (s, "%s%s%s", i ? ", " : "", prefix, klass->fields[i].column);
  return g_string_free (s, FALSE);
}

/* SELECT id, <fields>, archived, created_at, updated_at <extra> FROM table */
static char *
select_sql (RedressRecordClass *klass,
            const char         *extra_columns,
            const char         *tail)
{
  g_autofree char *columns = field_columns (klass, "t.");

  return g_strdup_printf ("SELECT t.id, %s, t.archived, t.created_at, t.updated_at%s FROM %s AS t %s",
                          columns, extra_columns ? extra_columns : "", klass->table, tail);
}

/* Fills @record from a row of select_sql(); returns the next column index. */
static int
fill_record (RedressRecord *record,
             sqlite3_stmt  *stmt)
{
  RedressRecordClass *klass = record_class (record);
  int col = 0;

  /* Rows are read in bulk (the client list reads them all): values from
   * the database are already normalized and nobody watches a new object */
  redress_record_set_id (record, sqlite3_column_int64 (stmt, col++));
  for (guint i = 0; i < klass->n_fields; i++)
    redress_record_load_value (record, i, read_field (stmt, col++, &klass->fields[i]));
  redress_record_set_archived (record, sqlite3_column_int (stmt, col++));
  redress_record_set_timestamps (record, column_text (stmt, col), column_text (stmt, col + 1));
  col += 2;
  return col;
}

static gboolean
validate_record (RedressRecord  *record,
                 GError        **error)
{
  if (!redress_record_validate (record, error))
    return FALSE;
  if (REDRESS_IS_CASE (record) && !redress_case_check_dates (REDRESS_CASE (record), error))
    return FALSE;
  return TRUE;
}

static gint64
record_client_id (RedressRecord *record)
{
  if (REDRESS_IS_CASE (record))
    return redress_case_get_client_id (REDRESS_CASE (record));
  if (REDRESS_IS_CLIENT (record))
    return redress_record_get_id (record);
  return 0;
}

static gint64
record_case_id (RedressRecord *record)
{
  return REDRESS_IS_CASE (record) ? redress_record_get_id (record) : 0;
}

/*
 * Writes the fields of @record that differ from its row, one timeline
 * event per changed field.  The caller holds a transaction.
 */
static gboolean
update_record (RedressStore   *self,
               RedressRecord  *record,
               GError        **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressRecordClass *klass = record_class (record);
  g_autofree char *sql = NULL;
  g_autoptr(GString) update = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) old_values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;
  int rc;

  /* The firm profile is one row that cannot be deleted: no deleted_at */
  sql = select_sql (klass, NULL, REDRESS_IS_FIRM (record)
                                   ? "WHERE t.id = ?"
                                   : "WHERE t.id = ? AND t.deleted_at IS NULL");
  stmt = redress_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_record_get_id (record));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This record no longer exists: it may have been deleted."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return redress_db_error (db, rc, error);
    }

  for (guint i = 0; i < klass->n_fields; i++)
    g_ptr_array_add (old_values, g_strdup (read_field (stmt, (int) i + 1, &klass->fields[i])));
  sqlite3_reset (stmt);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *old_value = g_ptr_array_index (old_values, i);
      const char *new_value = redress_record_get_value (record, i);

      if (g_strcmp0 (old_value, new_value) == 0)
        continue;
      changed = TRUE;
      if (!redress_store_log_event_full (self, klass->entity, record_client_id (record),
                                         record_case_id (record), "changed",
                                         klass->fields[i].name, old_value, new_value, error))
        return FALSE;
    }

  if (!changed)
    return TRUE;

  update = g_string_new ("UPDATE ");
  g_string_append_printf (update, "%s SET ", klass->table);
  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (update, "%s = ?, ", klass->fields[i].column);
  g_string_append (update, "updated_at = ? WHERE id = ?");

  stmt = redress_db_prepare (db, update->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    bind_field (stmt, (int) i + 1, &klass->fields[i], redress_record_get_value (record, i));
  now = redress_store_now_timestamp (self);
  redress_db_bind_text (stmt, (int) klass->n_fields + 1, now);
  sqlite3_bind_int64 (stmt, (int) klass->n_fields + 2, redress_record_get_id (record));
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;

  redress_record_set_timestamps (record, redress_record_get_created_at (record), now);
  redress_db_queue_change (db, klass->entity, redress_record_get_id (record));
  return TRUE;
}

/* INSERT INTO table (<extra>, <fields>, created_at, updated_at) */
static gboolean
insert_record (RedressStore   *self,
               RedressRecord  *record,
               const char     *extra_column,
               const char     *extra_value,
               GError        **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressRecordClass *klass = record_class (record);
  g_autofree char *columns = field_columns (klass, "");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *now = redress_store_now_timestamp (self);
  sqlite3_stmt *stmt;
  int col = 1;

  g_string_printf (sql, "INSERT INTO %s (%s, %s, created_at, updated_at) VALUES (?",
                   klass->table, extra_column, columns);
  for (guint i = 0; i < klass->n_fields + 2; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  stmt = redress_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  redress_db_bind_text (stmt, col++, extra_value);
  for (guint i = 0; i < klass->n_fields; i++)
    bind_field (stmt, col++, &klass->fields[i], redress_record_get_value (record, i));
  redress_db_bind_text (stmt, col++, now);
  redress_db_bind_text (stmt, col++, now);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;

  redress_record_set_id (record, redress_db_last_insert_id (db));
  redress_record_set_timestamps (record, now, now);
  redress_db_queue_change (db, klass->entity, redress_record_get_id (record));
  return TRUE;
}


/* Reads the one row @sql (with its id bound to ?1) selects, through
 * @from_row; a missing row is a NOT_FOUND error naming @entity. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static gpointer
fetch_one (RedressStore  *self,
           const char    *sql,
           gint64         id,
           RowFunc        from_row,
           const char    *entity,
           GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  sqlite3_stmt *stmt = redress_db_prepare (db, sql, error);
  gpointer result;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          if (g_str_equal (entity, "client"))
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         _("There is no client file with id %s."), id_text);
          else
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         _("There is no case with id %s."), id_text);
        }
      else
        redress_db_error (db, rc, error);
      return NULL;
    }
  result = from_row (stmt);
  sqlite3_reset (stmt);
  return result;
}

/* The client list's keys -------------------------------------------------- */

/*
 * The client list's reads: every file's keys in the list's order, and
 * files by the page.  The keys are kept in the clients table (sort_key,
 * search_key, computed in C by redress-client.c when a file is written,
 * since SQL cannot fold text as Redress does) with an index that holds
 * all the list reads, so that the whole list is one pass over it.
 */

static gboolean fill_client_keys (RedressStore  *self,
                                  GError       **error);

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

  /* Files written before schema 10 (or by other means) get their keys */
  if (!fill_client_keys (self, error))
    return FALSE;

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

static gboolean
write_client_keys (RedressStore   *self,
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

static gboolean
fill_client_keys (RedressStore  *self,
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

/* Clients */

static gboolean
insert_client_tx (RedressStore  *self,
                  gpointer       data,
                  GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressClient *client = data;
  g_autoptr(GDateTime) now = redress_store_dup_now (self);
  g_autofree char *file_number = NULL;
  sqlite3_stmt *stmt;
  int year = g_date_time_get_year (now);
  int rc;

  stmt = redress_db_prepare (db,
                  "INSERT INTO file_numbers (year, last) VALUES (?, 1) "
                  "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return redress_db_error (db, rc, error);
    }
  file_number = g_strdup_printf ("%d-%04d", year, sqlite3_column_int (stmt, 0));
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;

  if (!insert_record (self, REDRESS_RECORD (client), "file_number", file_number, error))
    return FALSE;
  redress_client_set_file_number (client, file_number);
  if (!write_client_keys (self, client, error))
    return FALSE;

  return redress_store_log_event_full (self, "client",
                                       redress_record_get_id (REDRESS_RECORD (client)), 0,
                                       "created", NULL, NULL, file_number, error);
}

/**
 * redress_store_insert_client:
 *
 * Validates and stores a new client file, assigning its id and file
 * number (YEAR-NNNN, numbered per year).
 */
gboolean
redress_store_insert_client (RedressStore   *self,
                             RedressClient  *client,
                             GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (redress_record_get_id (REDRESS_RECORD (client)) == 0, FALSE);

  if (!validate_record (REDRESS_RECORD (client), error))
    return FALSE;
  if (!redress_store_transaction (self, insert_client_tx, client, error))
    {
      redress_record_set_id (REDRESS_RECORD (client), 0);
      redress_client_set_file_number (client, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_tx (RedressStore  *self,
           gpointer       data,
           GError       **error)
{
  return update_record (self, data, error) &&
         (!REDRESS_IS_CLIENT (data) || write_client_keys (self, data, error));
}

/**
 * redress_store_update_client:
 *
 * Validates and writes the fields of @client that changed; each change is
 * recorded on the timeline.
 */
gboolean
redress_store_update_client (RedressStore   *self,
                             RedressClient  *client,
                             GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (client), FALSE);

  if (!validate_record (REDRESS_RECORD (client), error))
    return FALSE;
  return redress_store_transaction (self, update_tx, client, error);
}

#define CLIENT_EXTRA \
  ", t.file_number, (SELECT count(*) FROM cases AS c WHERE c.client_id = t.id " \
  "AND c.deleted_at IS NULL)"

#define CLIENT_CASE_COUNTS \
  "LEFT JOIN (SELECT client_id, count(*) AS cases FROM cases WHERE deleted_at IS NULL " \
  "GROUP BY client_id) AS n ON n.client_id = t.id "

static RedressClient *
client_from_row (sqlite3_stmt *stmt)
{
  RedressClient *client = redress_client_new ();
  int col = fill_record (REDRESS_RECORD (client), stmt);

  redress_client_set_file_number (client, column_text (stmt, col));
  redress_client_set_case_count (client, (guint) sqlite3_column_int (stmt, col + 1));
  return client;
}

/**
 * redress_store_get_client:
 *
 * Returns: (transfer full): the client, or %NULL with a
 *   %REDRESS_ERROR_NOT_FOUND error
 */
RedressClient *
redress_store_get_client (RedressStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CLIENT);
  g_autofree char *sql = select_sql (REDRESS_RECORD_CLASS (klass), CLIENT_EXTRA,
                                     "WHERE t.id = ? AND t.deleted_at IS NULL");

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return fetch_one (self, sql, id, (RowFunc) client_from_row, "client", error);
}

/**
 * redress_store_list_clients:
 *
 * Returns: (transfer full) (element-type RedressClient): the client files,
 *   by family name
 */
GPtrArray *
redress_store_list_clients (RedressStore  *self,
                            gboolean       include_archived,
                            GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CLIENT);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  /* One pass over the cases counts them for every client at once */
  sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.file_number, coalesce(n.cases, 0)",
                    include_archived
                      ? CLIENT_CASE_COUNTS
                        "WHERE t.deleted_at IS NULL ORDER BY t.family_name, t.given_names, t.id"
                      : CLIENT_CASE_COUNTS
                        "WHERE t.deleted_at IS NULL AND t.archived = 0 "
                        "ORDER BY t.family_name, t.given_names, t.id");
  stmt = redress_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clients, client_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&clients);
}

/* Cases */

static gboolean
insert_case_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  RedressCase *kase = data;
  g_autofree char *client_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                redress_case_get_client_id (kase));
  g_autofree char *title = NULL;
  g_autoptr(RedressClient) client = NULL;

  /* The client must exist and not be in the trash */
  client = redress_store_get_client (self, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;

  if (!insert_record (self, REDRESS_RECORD (kase), "client_id", client_id, error))
    return FALSE;

  title = redress_case_dup_title (kase);
  redress_db_queue_change (redress_store_get_db (self), "client", redress_case_get_client_id (kase));
  return redress_store_log_event_full (self, "case", redress_case_get_client_id (kase),
                                       redress_record_get_id (REDRESS_RECORD (kase)),
                                       "created", NULL, NULL, title, error);
}

gboolean
redress_store_insert_case (RedressStore  *self,
                           RedressCase   *kase,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (redress_record_get_id (REDRESS_RECORD (kase)) == 0, FALSE);

  if (!validate_record (REDRESS_RECORD (kase), error))
    return FALSE;
  if (!redress_store_transaction (self, insert_case_tx, kase, error))
    {
      redress_record_set_id (REDRESS_RECORD (kase), 0);
      return FALSE;
    }
  return TRUE;
}

gboolean
redress_store_update_case (RedressStore  *self,
                           RedressCase   *kase,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CASE (kase), FALSE);

  if (!validate_record (REDRESS_RECORD (kase), error))
    return FALSE;
  return redress_store_transaction (self, update_tx, kase, error);
}

static RedressCase *
case_from_row (sqlite3_stmt *stmt)
{
  RedressCase *kase = redress_case_new (0);
  int col = fill_record (REDRESS_RECORD (kase), stmt);

  redress_case_set_client_id (kase, sqlite3_column_int64 (stmt, col));
  return kase;
}

RedressCase *
redress_store_get_case (RedressStore  *self,
                        gint64         id,
                        GError       **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CASE);
  g_autofree char *sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.client_id",
                                     "JOIN clients AS p ON p.id = t.client_id "
                                     "WHERE t.id = ? AND t.deleted_at IS NULL "
                                     "AND p.deleted_at IS NULL");

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  return fetch_one (self, sql, id, (RowFunc) case_from_row, "case", error);
}

/**
 * redress_store_list_cases:
 * @client_id: a client, or 0 for every client's cases
 *
 * Returns: (transfer full) (element-type RedressCase): the cases, newest
 *   decision first
 */
GPtrArray *
redress_store_list_cases (RedressStore  *self,
                          gint64         client_id,
                          gboolean       include_archived,
                          GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GTypeClass) klass = g_type_class_ref (REDRESS_TYPE_CASE);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  tail = g_strdup_printf ("JOIN clients AS p ON p.id = t.client_id "
                          "WHERE t.deleted_at IS NULL AND p.deleted_at IS NULL %s %s "
                          "ORDER BY t.decision_date DESC, t.id DESC",
                          client_id > 0 ? "AND t.client_id = ?" : "",
                          include_archived ? "" : "AND t.archived = 0");
  sql = select_sql (REDRESS_RECORD_CLASS (klass), ", t.client_id", tail);
  stmt = redress_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

/* Archive, trash, purge */

typedef struct
{
  RedressRecord *record;
  const char *set;      /* SQL assignment */
  const char *where;    /* extra condition */
  const char *kind;     /* timeline event */
  gboolean with_title;
  gboolean value;
} StateChange;

static gboolean
state_change_tx (RedressStore  *self,
                 gpointer       data,
                 GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  StateChange *change = data;
  RedressRecordClass *klass = record_class (change->record);
  gint64 id = redress_record_get_id (change->record);
  g_autofree char *sql = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("UPDATE %s SET %s, updated_at = ?2 WHERE id = ?1 AND %s",
                         klass->table, change->set, change->where);
  stmt = redress_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  redress_db_bind_text (stmt, 2, now);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  if (redress_db_changes (db) == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This record no longer exists: it may have been deleted."));
      return FALSE;
    }

  redress_db_queue_change (db, klass->entity, id);
  if (REDRESS_IS_CASE (change->record))
    redress_db_queue_change (db, "client", record_client_id (change->record));

  if (change->with_title && REDRESS_IS_CASE (change->record))
    title = redress_case_dup_title (REDRESS_CASE (change->record));
  else if (change->with_title && REDRESS_IS_CLIENT (change->record))
    title = redress_client_dup_display_name (REDRESS_CLIENT (change->record));

  /* A deleted case's events go when it is purged: the deletion itself is
   * recorded on the client, so the client's timeline keeps it. */
  return redress_store_log_event_full (self, klass->entity, record_client_id (change->record),
                                       change->with_title ? 0 : record_case_id (change->record),
                                       change->kind, NULL, NULL, title, error);
}

/**
 * redress_store_set_archived:
 * @record: a #RedressClient or #RedressCase
 *
 * Archived files stay in the database but leave the everyday lists.
 */
gboolean
redress_store_set_archived (RedressStore   *self,
                            RedressRecord  *record,
                            gboolean        archived,
                            GError        **error)
{
  StateChange change = {
    record,
    archived ? "archived = 1" : "archived = 0",
    "deleted_at IS NULL",
    archived ? "archived" : "unarchived",
    FALSE, archived
  };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  if (!redress_store_transaction (self, state_change_tx, &change, error))
    return FALSE;
  redress_record_set_archived (record, archived);
  return TRUE;
}

/**
 * redress_store_trash:
 * @record: a #RedressClient or #RedressCase
 *
 * Deletes @record so that redress_store_untrash() can bring it back;
 * redress_store_purge() or redress_store_purge_trash() remove it for good.
 */
gboolean
redress_store_trash (RedressStore   *self,
                     RedressRecord  *record,
                     GError        **error)
{
  StateChange change = { record, "deleted_at = ?2", "deleted_at IS NULL", "deleted", TRUE, TRUE };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return redress_store_transaction (self, state_change_tx, &change, error);
}

gboolean
redress_store_untrash (RedressStore   *self,
                       RedressRecord  *record,
                       GError        **error)
{
  StateChange change = { record, "deleted_at = NULL", "deleted_at IS NOT NULL", "restored",
                         TRUE, FALSE };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return redress_store_transaction (self, state_change_tx, &change, error);
}

static gboolean
purge_tx (RedressStore  *self,
          gpointer       data,
          GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressRecord *record = data;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND deleted_at IS NOT NULL",
                                          record_class (record)->table);
  sqlite3_stmt *stmt = redress_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_record_get_id (record));
  return redress_db_step_done (db, stmt, error);
}

/**
 * redress_store_purge:
 *
 * Removes a record in the trash for good (its cases and timeline with it).
 * Does nothing if it is not in the trash.
 */
gboolean
redress_store_purge (RedressStore   *self,
                     RedressRecord  *record,
                     GError        **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), FALSE);

  return redress_store_transaction (self, purge_tx, record, error);
}

static gboolean
purge_trash_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  return redress_db_exec (redress_store_get_db (self),
                          "DELETE FROM cases WHERE deleted_at IS NOT NULL;"
                          "DELETE FROM clients WHERE deleted_at IS NOT NULL;", error);
}

/**
 * redress_store_purge_trash:
 *
 * Removes everything in the trash for good: what was deleted in an
 * earlier session, once its Undo is no longer offered.
 */
gboolean
redress_store_purge_trash (RedressStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return redress_store_transaction (self, purge_trash_tx, NULL, error);
}

/* Timeline */

/**
 * redress_store_list_events:
 * @client_id: a client (its own events and its cases'), or 0
 * @case_id: a case, or 0
 *
 * Returns: (transfer full) (element-type RedressEvent): newest first
 */
GPtrArray *
redress_store_list_events (RedressStore  *self,
                           gint64         client_id,
                           gint64         case_id,
                           GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  if (case_id > 0)
    stmt = redress_db_prepare (db,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE case_id = ? ORDER BY id DESC", error);
  else if (client_id > 0)
    stmt = redress_db_prepare (db,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE client_id = ? ORDER BY id DESC", error);
  else
    stmt = redress_db_prepare (db,
                    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, "
                    "new_value FROM events WHERE client_id IS NULL ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 1, case_id);
  else if (client_id > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events,
                     redress_event_new (sqlite3_column_int64 (stmt, 0),
                                        column_text (stmt, 1), column_text (stmt, 2),
                                        column_text (stmt, 3), sqlite3_column_int64 (stmt, 4),
                                        sqlite3_column_int64 (stmt, 5), column_text (stmt, 6),
                                        column_text (stmt, 7), column_text (stmt, 8),
                                        column_text (stmt, 9)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Firm profile */

/**
 * redress_store_get_firm:
 *
 * Returns: (transfer full): the firm profile (empty if never set)
 */
RedressFirm *
redress_store_get_firm (RedressStore  *self,
                        GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressFirm) firm = redress_firm_new ();
  g_autofree char *sql = select_sql (REDRESS_RECORD_GET_CLASS (firm), NULL, "WHERE t.id = 1");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    fill_record (REDRESS_RECORD (firm), stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&firm);
}

static gboolean
update_firm_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressRecord *firm = data;
  g_autofree char *now = redress_store_now_timestamp (self);
  sqlite3_stmt *stmt;

  stmt = redress_db_prepare (db,
                  "INSERT OR IGNORE INTO firm (id, created_at, updated_at) VALUES (1, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  redress_db_bind_text (stmt, 1, now);
  redress_db_bind_text (stmt, 2, now);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  redress_record_set_id (firm, 1);
  return update_record (self, firm, error);
}

gboolean
redress_store_update_firm (RedressStore  *self,
                           RedressFirm   *firm,
                           GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (REDRESS_IS_FIRM (firm), FALSE);

  if (!validate_record (REDRESS_RECORD (firm), error))
    return FALSE;
  return redress_store_transaction (self, update_firm_tx, firm, error);
}

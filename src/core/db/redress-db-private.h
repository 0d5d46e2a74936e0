/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The database layer, private to the core: one SQLite connection with its
 * opening (identity, damage and schema checks, migrations), statements
 * cached per SQL text, transactions that nest, and change notifications
 * held until the outermost commit.  The stores (src/core/storage) read and
 * write through it only; it knows nothing of records.
 */

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA application_id of a Redress database ("RDRS") */
#define REDRESS_DB_APPLICATION_ID 0x52445253
/* How long a statement waits for another connection's lock */
#define REDRESS_DB_BUSY_TIMEOUT_MS 5000

typedef struct _RedressDb RedressDb;

/* A statement from redress_db_prepare(): owned by the connection's cache.
 * g_autoptr(RedressDbStmt) resets it (and releases what it holds) when it
 * goes out of scope; never finalize one. */
typedef sqlite3_stmt RedressDbStmt;

/* A change to announce: @entity is an interned string */
typedef struct
{
  const char *entity;
  gint64 id;
} RedressDbChange;

/* Called once the outermost transaction committed (or at once, outside a
 * transaction) with the changes it made, each record once, in the order
 * of its first change */
typedef void (*RedressDbNotifyFunc) (const RedressDbChange *changes,
                                     guint                  n_changes,
                                     gpointer               user_data);

/* The body of a transaction: %FALSE (with @error set) rolls it back */
typedef gboolean (*RedressDbTxFunc) (gpointer   data,
                                     GError   **error);

/* For tests: called at each step of a creation, backup or restore that
 * leaves the files in a new state (@step names it, @path is the file just
 * written), so that a test can end the process there as a crash would. */
typedef void (*RedressDbStepHook) (const char *step,
                                   const char *path);

/* Opening */
typedef enum
{
  REDRESS_DB_OPEN_DEFAULT     = 0,
  REDRESS_DB_OPEN_CHECK_LATER = 1 << 0,
} RedressDbOpenFlags;

int            redress_db_latest_version   (void);
RedressDb     *redress_db_open             (const char           *path,
                                            GError              **error);
RedressDb     *redress_db_open_full        (const char           *path,
                                            RedressDbOpenFlags    flags,
                                            GError              **error);
gboolean       redress_db_quick_check_file (const char           *path,
                                            GError              **error);
void           redress_db_set_damaged      (RedressDb            *db);
gboolean       redress_db_get_damaged      (RedressDb            *db);
void           redress_db_free             (RedressDb            *db);
const char    *redress_db_get_path         (RedressDb            *db);
int            redress_db_get_version      (RedressDb            *db);
sqlite3       *redress_db_get_handle       (RedressDb            *db);
void           redress_db_set_notify_func  (RedressDb            *db,
                                            RedressDbNotifyFunc   func,
                                            gpointer              user_data);
gboolean       redress_db_migrate_file_to  (const char           *path,
                                            int                   version,
                                            GError              **error);

/* Statements */
RedressDbStmt *redress_db_prepare          (RedressDb            *db,
                                            const char           *sql,
                                            GError              **error);
gboolean       redress_db_step_done        (RedressDb            *db,
                                            RedressDbStmt        *stmt,
                                            GError              **error);
gboolean       redress_db_exec             (RedressDb            *db,
                                            const char           *sql,
                                            GError              **error);
gboolean       redress_db_error            (RedressDb            *db,
                                            int                   rc,
                                            GError              **error);
gint64         redress_db_last_insert_id   (RedressDb            *db);
int            redress_db_changes          (RedressDb            *db);
void           redress_db_bind_text        (RedressDbStmt        *stmt,
                                            int                   index,
                                            const char           *text);

/* Transactions */
gboolean       redress_db_begin            (RedressDb            *db,
                                            GError              **error);
gboolean       redress_db_commit           (RedressDb            *db,
                                            GError              **error);
void           redress_db_rollback         (RedressDb            *db);
gboolean       redress_db_transaction      (RedressDb            *db,
                                            RedressDbTxFunc       func,
                                            gpointer              data,
                                            GError              **error);
void           redress_db_queue_change     (RedressDb            *db,
                                            const char           *entity,
                                            gint64                id);

/* The whole check (integrity, identity, schema) of the open database */
gboolean       redress_db_check            (RedressDb            *db,
                                            GError              **error);

/* For the backup and the restore (redress-db-backup.c), on connections of
 * their own */
void           redress_db_set_step_hook    (RedressDbStepHook     hook);
void           redress_db_step_reached     (const char           *step,
                                            const char           *path);
gboolean       redress_db_set_error        (sqlite3              *handle,
                                            int                   rc,
                                            const char           *path,
                                            GError              **error);
sqlite3       *redress_db_open_connection  (const char           *path,
                                            int                   flags,
                                            GError              **error);
gboolean       redress_db_exec_on          (sqlite3              *handle,
                                            const char           *sql,
                                            const char           *path,
                                            GError              **error);
gboolean       redress_db_pragma_int       (sqlite3              *handle,
                                            const char           *sql,
                                            const char           *path,
                                            int                  *out,
                                            GError              **error);
gboolean       redress_db_check_identity   (sqlite3              *handle,
                                            const char           *path,
                                            int                  *version,
                                            GError              **error);
gboolean       redress_db_integrity_check  (sqlite3              *handle,
                                            const char           *path,
                                            GError              **error);
gboolean       redress_db_check_schema     (sqlite3              *handle,
                                            const char           *path,
                                            int                   version,
                                            GError              **error);
gboolean       redress_db_migrate          (sqlite3              *handle,
                                            const char           *path,
                                            int                   from,
                                            int                   to,
                                            GError              **error);

/* Backup and restore (redress-db-backup.c) */
gboolean       redress_db_check_backup_destination (const char    *database,
                                                    const char    *destination,
                                                    GError       **error);
gboolean       redress_db_backup_file      (const char           *source_path,
                                            const char           *destination,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean       redress_db_restore          (const char           *database,
                                            const char           *backup,
                                            char                **previous_copy,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressDb, redress_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressDbStmt, sqlite3_reset)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "redress-store.h"

G_BEGIN_DECLS

/* For tests and tools: not part of the application's API. */
gboolean  redress_store_migrate_file_to (const char   *path,
                                         int           version,
                                         GError      **error);
sqlite3  *redress_store_get_handle      (RedressStore *self);

/* For tests: called at each step of a backup or a restore that leaves the
 * files in a new state (@step names it, @path is the file just written), so
 * that a test can end the process there as a crash would.  %NULL (the
 * default) for none. */
typedef void (*RedressStoreStepHook) (const char *step,
                                      const char *path);
void      redress_store_set_step_hook   (RedressStoreStepHook hook);

void          redress_store_queue_change      (RedressStore  *self,
                                               const char    *entity,
                                               gint64         id);

/* Shared by the parts of the store kept in other files */
gboolean  redress_store_sql_error       (RedressStore  *self,
                                         int            rc,
                                         GError       **error);
char     *redress_store_now_timestamp   (RedressStore  *self);
sqlite3_stmt *redress_store_prepare_owned (RedressStore *self,
                                         const char    *sql,
                                         GError       **error);
gboolean  redress_store_step_done       (RedressStore  *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
gboolean  redress_store_log_event       (RedressStore  *self,
                                         const char    *entity,
                                         gint64         client_id,
                                         gint64         case_id,
                                         const char    *kind,
                                         const char    *new_value,
                                         GError       **error);

/* A case that is neither deleted nor in a deleted client file: its
 * client's id, or 0 with %REDRESS_ERROR_NOT_FOUND */
gint64    redress_store_live_case_client (RedressStore  *self,
                                         gint64         case_id,
                                         GError       **error);
/* @text, or SQL NULL for %NULL */
void      redress_store_bind_text       (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the parts of the store share (and tests and tools may use): the
 * connection under the store, its transactions, the clock, the timeline.
 * Not part of the application's API.
 */

#include <sqlite3.h>

#include "redress-db-private.h"
#include "redress-store.h"

G_BEGIN_DECLS

/* For tests and tools */
gboolean  redress_store_migrate_file_to (const char   *path,
                                         int           version,
                                         GError      **error);
sqlite3  *redress_store_get_handle      (RedressStore *self);

/* For tests: see #RedressDbStepHook; %NULL (the default) for none. */
typedef RedressDbStepHook RedressStoreStepHook;
void      redress_store_set_step_hook   (RedressStoreStepHook hook);

/* The connection: statements, errors, change notifications */
RedressDb *redress_store_get_db         (RedressStore  *self);

/* The writes of @func in one transaction (a savepoint inside another):
 * %FALSE rolls them back */
typedef gboolean (*RedressStoreTxFunc) (RedressStore  *self,
                                        gpointer       data,
                                        GError       **error);
gboolean  redress_store_transaction     (RedressStore        *self,
                                         RedressStoreTxFunc   func,
                                         gpointer             data,
                                         GError             **error);

char     *redress_store_now_timestamp   (RedressStore  *self);
/* A line of the timeline, inside the caller's transaction */
gboolean  redress_store_log_event       (RedressStore  *self,
                                         const char    *entity,
                                         gint64         client_id,
                                         gint64         case_id,
                                         const char    *kind,
                                         const char    *new_value,
                                         GError       **error);
gboolean  redress_store_log_event_full  (RedressStore  *self,
                                         const char    *entity,
                                         gint64         client_id,
                                         gint64         case_id,
                                         const char    *kind,
                                         const char    *field,
                                         const char    *old_value,
                                         const char    *new_value,
                                         GError       **error);

/* A case that is neither deleted nor in a deleted client file: its
 * client's id, or 0 with %REDRESS_ERROR_NOT_FOUND */
gint64    redress_store_live_case_client (RedressStore  *self,
                                          gint64         case_id,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS

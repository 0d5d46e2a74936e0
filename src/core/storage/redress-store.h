/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-case.h"
#include "redress-client.h"
#include "redress-event.h"
#include "redress-firm.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Redress database ("RDRS") */
#define REDRESS_STORE_APPLICATION_ID 0x52445253

#define REDRESS_TYPE_STORE (redress_store_get_type ())

G_DECLARE_FINAL_TYPE (RedressStore, redress_store, REDRESS, STORE, GObject)

char          *redress_store_default_path           (void);
int            redress_store_latest_version          (void);

/**
 * RedressStoreOpenFlags:
 * @REDRESS_STORE_OPEN_DEFAULT: the database is checked for damage before
 *   it is used
 * @REDRESS_STORE_OPEN_CHECK_LATER: (the application) the check runs on a
 *   thread once the store is open; #RedressStore::checked says how it went
 * @REDRESS_STORE_OPEN_UNCHECKED: no check (a second connection that only
 *   reads, for a thread, while the application's store checks)
 */
typedef enum
{
  REDRESS_STORE_OPEN_DEFAULT     = 0,
  REDRESS_STORE_OPEN_CHECK_LATER = 1 << 0,
  REDRESS_STORE_OPEN_UNCHECKED   = 1 << 1,
} RedressStoreOpenFlags;

RedressStore  *redress_store_open                    (const char     *path,
                                                      GError        **error);
RedressStore  *redress_store_open_full               (const char            *path,
                                                      RedressStoreOpenFlags  flags,
                                                      GError               **error);
gboolean       redress_store_get_checked             (RedressStore   *self);
gboolean       redress_store_get_damaged             (RedressStore   *self);
const char    *redress_store_get_path                (RedressStore   *self);
int            redress_store_get_version             (RedressStore   *self);
void           redress_store_set_now                 (RedressStore   *self,
                                                      GDateTime      *now);
GDateTime     *redress_store_dup_now                 (RedressStore   *self);
void           redress_store_set_actor               (RedressStore   *self,
                                                      const char     *actor);
const char    *redress_store_get_actor               (RedressStore   *self);

/* Grouping several writes into one transaction (nests) */
gboolean       redress_store_begin                   (RedressStore   *self,
                                                      GError        **error);
gboolean       redress_store_commit                  (RedressStore   *self,
                                                      GError        **error);
void           redress_store_rollback                (RedressStore   *self);

/* Clients */
gboolean       redress_store_insert_client           (RedressStore   *self,
                                                      RedressClient  *client,
                                                      GError        **error);
gboolean       redress_store_update_client           (RedressStore   *self,
                                                      RedressClient  *client,
                                                      GError        **error);
RedressClient *redress_store_get_client              (RedressStore   *self,
                                                      gint64          id,
                                                      GError        **error);
GPtrArray     *redress_store_list_clients            (RedressStore   *self,
                                                      gboolean        include_archived,
                                                      GError        **error);
GPtrArray     *redress_store_get_clients             (RedressStore   *self,
                                                      const gint64   *ids,
                                                      guint           n_ids,
                                                      GError        **error);

/* What the client list reads of every file: its id, whether it is
 * archived, its sort key and its search key (redress-client.h) */
typedef void (*RedressClientKeyFunc)                 (gint64          id,
                                                      gboolean        archived,
                                                      const char     *sort_key,
                                                      const char     *search_key,
                                                      gpointer        user_data);
gboolean       redress_store_foreach_client_key      (RedressStore   *self,
                                                      RedressClientKeyFunc func,
                                                      gpointer        user_data,
                                                      GError        **error);

/* Cases */
gboolean       redress_store_insert_case             (RedressStore   *self,
                                                      RedressCase    *kase,
                                                      GError        **error);
gboolean       redress_store_update_case             (RedressStore   *self,
                                                      RedressCase    *kase,
                                                      GError        **error);
RedressCase   *redress_store_get_case                (RedressStore   *self,
                                                      gint64          id,
                                                      GError        **error);
GPtrArray     *redress_store_list_cases              (RedressStore   *self,
                                                      gint64          client_id,
                                                      gboolean        include_archived,
                                                      GError        **error);

/* Archive, delete with undo, purge: for clients and cases alike */
gboolean       redress_store_set_archived            (RedressStore   *self,
                                                      RedressRecord  *record,
                                                      gboolean        archived,
                                                      GError        **error);
gboolean       redress_store_trash                   (RedressStore   *self,
                                                      RedressRecord  *record,
                                                      GError        **error);
gboolean       redress_store_untrash                 (RedressStore   *self,
                                                      RedressRecord  *record,
                                                      GError        **error);
gboolean       redress_store_purge                   (RedressStore   *self,
                                                      RedressRecord  *record,
                                                      GError        **error);
gboolean       redress_store_purge_trash             (RedressStore   *self,
                                                      GError        **error);

/* Timeline */
GPtrArray     *redress_store_list_events             (RedressStore   *self,
                                                      gint64          client_id,
                                                      gint64          case_id,
                                                      GError        **error);

/* Firm profile */
RedressFirm   *redress_store_get_firm                (RedressStore   *self,
                                                      GError        **error);
gboolean       redress_store_update_firm             (RedressStore   *self,
                                                      RedressFirm    *firm,
                                                      GError        **error);

/* Safety */
gboolean       redress_store_check                   (RedressStore   *self,
                                                      GError        **error);
gboolean       redress_store_backup                  (RedressStore   *self,
                                                      const char     *destination,
                                                      GError        **error);
void           redress_store_backup_async            (RedressStore   *self,
                                                      const char     *destination,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean       redress_store_backup_finish           (RedressStore   *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
gboolean       redress_store_restore                 (const char     *database,
                                                      const char     *backup,
                                                      char          **previous_copy,
                                                      GError        **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-store.h"

G_BEGIN_DECLS

/* What the client list reads of every file: its id, whether it is
 * archived, its sort key and its search key (redress-client.h) */
typedef void (*RedressClientKeyFunc) (gint64      id,
                                      gboolean    archived,
                                      const char *sort_key,
                                      const char *search_key,
                                      gpointer    user_data);

gboolean   redress_store_foreach_client_key (RedressStore          *self,
                                             RedressClientKeyFunc   func,
                                             gpointer               user_data,
                                             GError               **error);
GPtrArray *redress_store_get_clients        (RedressStore          *self,
                                             const gint64          *ids,
                                             guint                  n_ids,
                                             GError               **error);

/* For the store: writes the keys of @client (after it was inserted or
 * updated, inside the caller's transaction), or of every file that has
 * none (after the migration that brought them, in a transaction of its
 * own) */
gboolean   redress_store_write_client_keys  (RedressStore          *self,
                                             RedressClient         *client,
                                             GError               **error);
gboolean   redress_store_fill_client_keys   (RedressStore          *self,
                                             GError               **error);

G_END_DECLS

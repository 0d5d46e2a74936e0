/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-store.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CLIENT_LIST (redress_client_list_get_type ())

G_DECLARE_FINAL_TYPE (RedressClientList, redress_client_list, REDRESS, CLIENT_LIST, GObject)

RedressClientList *redress_client_list_new              (RedressStore       *store,
                                                         gboolean            include_archived,
                                                         GError            **error);
gboolean           redress_client_list_reload           (RedressClientList  *self,
                                                         GError            **error);
void               redress_client_list_set_query        (RedressClientList  *self,
                                                         const char         *query);
const char        *redress_client_list_get_query        (RedressClientList  *self);
void               redress_client_list_set_include_archived (RedressClientList *self,
                                                         gboolean            include_archived);
gboolean           redress_client_list_get_include_archived (RedressClientList *self);
guint              redress_client_list_get_n_total      (RedressClientList  *self);
int                redress_client_list_find             (RedressClientList  *self,
                                                         gint64              client_id);

G_END_DECLS

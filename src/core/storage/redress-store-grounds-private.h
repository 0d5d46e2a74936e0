/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-store-grounds.h"

G_BEGIN_DECLS

/* Inside a transaction the caller holds (an import): stores the
 * suggestions and logs them, without announcing anything */
gboolean redress_store_suggest_grounds_tx (RedressStore  *self,
                                           gint64         client_id,
                                           gint64         case_id,
                                           gint64         document_id,
                                           GPtrArray     *hits,
                                           guint         *n_new,
                                           GError       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-store-grounds.h"
#include "redress-store-private.h"

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

/* Inside a transaction the caller holds (a document read again): the
 * grounds @document_id stated take their sentence from @hits */
gboolean redress_store_refresh_ground_sentences_tx (RedressStore  *self,
                                                   gint64         case_id,
                                                   gint64         document_id,
                                                   GPtrArray     *hits,
                                                   GError       **error);

/* The passages linked to @code in the case, as "DOCUMENT:PAGE:START" */
GHashTable *redress_store_dup_linked_passages     (RedressStore  *self,
                                                   gint64         case_id,
                                                   const char    *code,
                                                   GError       **error);

G_END_DECLS

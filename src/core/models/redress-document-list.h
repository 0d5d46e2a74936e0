/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-store.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_DOCUMENT_LIST (redress_document_list_get_type ())

G_DECLARE_FINAL_TYPE (RedressDocumentList, redress_document_list, REDRESS, DOCUMENT_LIST, GObject)

RedressDocumentList *redress_document_list_new         (RedressStore         *store,
                                                        gint64                case_id,
                                                        GError              **error);
gint64               redress_document_list_get_case_id (RedressDocumentList  *self);
gboolean             redress_document_list_reload      (RedressDocumentList  *self,
                                                        GError              **error);
int                  redress_document_list_find        (RedressDocumentList  *self,
                                                        gint64                document_id);

G_END_DECLS

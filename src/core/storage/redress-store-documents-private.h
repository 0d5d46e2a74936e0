/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The writes of an import, for the service that reads the PDF and finds
 * the grounds it states (src/core/services/redress-import.c): each runs
 * inside the caller's transaction */

#include "redress-pdf-import.h"
#include "redress-store-documents.h"

G_BEGIN_DECLS

gboolean redress_store_add_document_tx          (RedressStore          *self,
                                                 gint64                 case_id,
                                                 RedressDocumentKind    kind,
                                                 const char            *file_name,
                                                 RedressPdfExtraction  *extraction,
                                                 gint64                *client_id,
                                                 gint64                *document_id,
                                                 GError               **error);
gboolean redress_store_replace_scanned_pages_tx (RedressStore          *self,
                                                 RedressDocument       *document,
                                                 RedressPdfExtraction  *extraction,
                                                 guint                 *n_read,
                                                 GError               **error);

G_END_DECLS

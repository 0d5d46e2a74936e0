/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-document.h"
#include "redress-pdf-import.h"
#include "redress-search-hit.h"
#include "redress-store.h"

G_BEGIN_DECLS

/* Importing a document and reading its scanned pages again are services
 * (they read the PDF and find the grounds it states): see redress-import.h */

/* Reading */
GPtrArray        *redress_store_list_documents         (RedressStore              *self,
                                                        gint64                     case_id,
                                                        GError                   **error);
RedressDocument  *redress_store_get_document           (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
GBytes           *redress_store_dup_document_bytes     (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
gboolean          redress_store_export_document        (RedressStore              *self,
                                                        gint64                     document_id,
                                                        const char                *destination,
                                                        GError                   **error);
char             *redress_store_dup_page_text          (RedressStore              *self,
                                                        gint64                     document_id,
                                                        guint                      page_no,
                                                        GError                   **error);
GStrv             redress_store_dup_document_text      (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
gboolean          redress_store_get_page_geometry      (RedressStore              *self,
                                                        gint64                     document_id,
                                                        guint                      page_no,
                                                        double                    *width,
                                                        double                    *height,
                                                        int                       *rotation,
                                                        GError                   **error);
gboolean          redress_store_page_is_ocr            (RedressStore              *self,
                                                        gint64                     document_id,
                                                        guint                      page_no);
const char       *redress_store_get_ocr_caution        (void);
const char       *redress_store_get_ocr_caution_msgid  (void);

/* Removal: trash (with Undo), then purge */
gboolean          redress_store_trash_document         (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
gboolean          redress_store_untrash_document       (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
gboolean          redress_store_purge_document         (RedressStore              *self,
                                                        gint64                     document_id,
                                                        GError                   **error);
gboolean          redress_store_purge_trashed_documents (RedressStore             *self,
                                                        GError                   **error);

/* Search across every case */
GPtrArray        *redress_store_search_pages           (RedressStore              *self,
                                                        const char                *query,
                                                        guint                      limit,
                                                        GError                   **error);
char             *redress_search_query_to_fts          (const char                *query);

G_END_DECLS

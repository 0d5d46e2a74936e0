/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Importing a PDF into a case (read by redress-pdf-worker, then stored
 * with the grounds it states, in one transaction), and reading a stored
 * document's scanned pages again: see redress-import.c */

#include <gio/gio.h>

#include "redress-document.h"
#include "redress-pdf-import.h"
#include "redress-store.h"

G_BEGIN_DECLS

/* Import: the PDF is read by redress-pdf-worker, then stored (bytes,
 * pages, search index, timeline) in one transaction. */
gboolean          redress_store_import_document        (RedressStore              *self,
                                                        gint64                     case_id,
                                                        RedressDocumentKind        kind,
                                                        const char                *path,
                                                        const char                *password,
                                                        RedressImportProgressFunc  progress,
                                                        gpointer                   user_data,
                                                        GCancellable              *cancellable,
                                                        gint64                    *document_id,
                                                        GError                   **error);
void              redress_store_import_document_async  (RedressStore              *self,
                                                        gint64                     case_id,
                                                        RedressDocumentKind        kind,
                                                        const char                *path,
                                                        const char                *password,
                                                        RedressImportProgressFunc  progress,
                                                        gpointer                   progress_data,
                                                        GDestroyNotify             progress_data_free,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean          redress_store_import_document_full   (RedressStore              *self,
                                                        gint64                     case_id,
                                                        RedressDocumentKind        kind,
                                                        const char                *path,
                                                        const char                *password,
                                                        const char                *ocr_language,
                                                        RedressImportProgressFunc  progress,
                                                        RedressOcrProgressFunc     ocr_progress,
                                                        gpointer                   user_data,
                                                        GCancellable              *cancellable,
                                                        gint64                    *document_id,
                                                        GError                   **error);
void              redress_store_import_document_full_async (RedressStore          *self,
                                                        gint64                     case_id,
                                                        RedressDocumentKind        kind,
                                                        const char                *path,
                                                        const char                *password,
                                                        const char                *ocr_language,
                                                        RedressImportProgressFunc  progress,
                                                        RedressOcrProgressFunc     ocr_progress,
                                                        gpointer                   progress_data,
                                                        GDestroyNotify             progress_data_free,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean          redress_store_import_document_finish (RedressStore              *self,
                                                        GAsyncResult              *result,
                                                        gint64                    *document_id,
                                                        GError                   **error);

/* Scanned pages read again by OCR (in another language) */
gboolean          redress_store_read_document_again    (RedressStore              *self,
                                                        gint64                     document_id,
                                                        const char                *password,
                                                        const char                *ocr_language,
                                                        RedressOcrProgressFunc     ocr_progress,
                                                        gpointer                   user_data,
                                                        GCancellable              *cancellable,
                                                        guint                     *n_read,
                                                        GError                   **error);
void              redress_store_read_document_again_async (RedressStore           *self,
                                                        gint64                     document_id,
                                                        const char                *password,
                                                        const char                *ocr_language,
                                                        RedressOcrProgressFunc     ocr_progress,
                                                        gpointer                   progress_data,
                                                        GDestroyNotify             progress_data_free,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean          redress_store_read_document_again_finish (RedressStore          *self,
                                                        GAsyncResult              *result,
                                                        guint                     *n_read,
                                                        GError                   **error);

G_END_DECLS

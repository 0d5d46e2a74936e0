/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_DOCUMENTS_VIEW (redress_documents_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressDocumentsView, redress_documents_view, REDRESS, DOCUMENTS_VIEW, GtkWidget)

void       redress_documents_view_set_case      (RedressDocumentsView *self,
                                                 RedressStore         *store,
                                                 gint64                case_id);
void       redress_documents_view_reload        (RedressDocumentsView *self);
void       redress_documents_view_attach_files  (RedressDocumentsView *self,
                                                 GSList               *files);
void       redress_documents_view_attach        (RedressDocumentsView *self,
                                                 GFile                *file,
                                                 RedressDocumentKind   kind);
void       redress_documents_view_show_document (RedressDocumentsView *self,
                                                 gint64                document_id,
                                                 guint                 page,
                                                 const char           *highlight);
void       redress_documents_view_show_passage  (RedressDocumentsView *self,
                                                 gint64                document_id,
                                                 guint                 page,
                                                 gint64                start,
                                                 guint                 end_page,
                                                 gint64                end,
                                                 const char           *quote);
guint      redress_documents_view_get_n_documents (RedressDocumentsView *self);
GtkWidget *redress_documents_view_get_pdf_view  (RedressDocumentsView *self);
gboolean   redress_documents_view_show_reader   (RedressDocumentsView *self);
gboolean   redress_documents_view_get_selection (RedressDocumentsView *self,
                                                 gint64               *document_id,
                                                 guint                *page,
                                                 char                **text);

G_END_DECLS

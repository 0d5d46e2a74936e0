/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "redress-document.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_DOCUMENT_ROW (redress_document_row_get_type ())

G_DECLARE_FINAL_TYPE (RedressDocumentRow, redress_document_row, REDRESS, DOCUMENT_ROW, GtkListBoxRow)

GtkWidget       *redress_document_row_new          (RedressDocument    *document);
RedressDocument *redress_document_row_get_document (RedressDocumentRow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"
#include "redress-documents-view.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CASE_VIEW (redress_case_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressCaseView, redress_case_view, REDRESS, CASE_VIEW, GtkWidget)

void         redress_case_view_show     (RedressCaseView *self,
                                         RedressStore    *store,
                                         RedressCase     *kase);
gboolean     redress_case_view_reload   (RedressCaseView *self);
RedressCase *redress_case_view_get_case (RedressCaseView *self);
GtkWidget   *redress_case_view_get_form (RedressCaseView *self);
void         redress_case_view_show_page (RedressCaseView *self,
                                          const char      *name);
gboolean     redress_case_view_start_search (RedressCaseView *self);
RedressDocumentsView *redress_case_view_get_documents (RedressCaseView *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CHECKLIST_VIEW (redress_checklist_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressChecklistView, redress_checklist_view, REDRESS, CHECKLIST_VIEW, GtkWidget)

void        redress_checklist_view_set_case      (RedressChecklistView *self,
                                                  RedressStore         *store,
                                                  gint64                case_id);
void        redress_checklist_view_reload        (RedressChecklistView *self);
const char *redress_checklist_view_get_language  (RedressChecklistView *self);
void        redress_checklist_view_set_language  (RedressChecklistView *self,
                                                  const char           *language);
void        redress_checklist_view_export_pdf    (RedressChecklistView *self,
                                                  gboolean              outline,
                                                  GFile                *file);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-store-checklist.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CHECKLIST_MODEL (redress_checklist_model_get_type ())

G_DECLARE_FINAL_TYPE (RedressChecklistModel, redress_checklist_model, REDRESS, CHECKLIST_MODEL, GObject)

RedressChecklistModel *redress_checklist_model_new          (RedressStore             *store,
                                                             gint64                    case_id,
                                                             const char               *path,
                                                             GError                  **error);
gint64                 redress_checklist_model_get_case_id  (RedressChecklistModel    *self);
const char            *redress_checklist_model_get_path     (RedressChecklistModel    *self);
gboolean               redress_checklist_model_reload       (RedressChecklistModel    *self,
                                                             GError                  **error);
gboolean               redress_checklist_model_draft        (RedressChecklistModel    *self,
                                                             RedressChecklistChanges  *changes,
                                                             GError                  **error);
gboolean               redress_checklist_model_draft_if_new (RedressChecklistModel    *self,
                                                             gboolean                 *drafted,
                                                             GError                  **error);
int                    redress_checklist_model_find         (RedressChecklistModel    *self,
                                                             gint64                    item_id);

G_END_DECLS

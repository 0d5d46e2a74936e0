/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-store.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CASE_GROUND_LIST (redress_case_ground_list_get_type ())

G_DECLARE_FINAL_TYPE (RedressCaseGroundList, redress_case_ground_list, REDRESS, CASE_GROUND_LIST, GObject)

RedressCaseGroundList *redress_case_ground_list_new         (RedressStore           *store,
                                                             gint64                  case_id,
                                                             GError                **error);
gint64                 redress_case_ground_list_get_case_id (RedressCaseGroundList  *self);
gboolean               redress_case_ground_list_reload      (RedressCaseGroundList  *self,
                                                             GError                **error);
int                    redress_case_ground_list_find        (RedressCaseGroundList  *self,
                                                             const char             *code);

G_END_DECLS

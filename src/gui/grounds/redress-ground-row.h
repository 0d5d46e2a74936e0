/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_GROUND_ROW (redress_ground_row_get_type ())

G_DECLARE_FINAL_TYPE (RedressGroundRow, redress_ground_row, REDRESS, GROUND_ROW, GtkListBoxRow)

GtkWidget         *redress_ground_row_new        (RedressCaseGround *ground,
                                                  RedressStore      *store,
                                                  gint64             case_id);
RedressCaseGround *redress_ground_row_get_ground (RedressGroundRow  *self);
const char        *redress_ground_row_get_code   (RedressGroundRow  *self);
gboolean           redress_ground_row_focus      (RedressGroundRow  *self);

G_END_DECLS

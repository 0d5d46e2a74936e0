/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_GROUNDS_VIEW (redress_grounds_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressGroundsView, redress_grounds_view, REDRESS, GROUNDS_VIEW, GtkWidget)

void  redress_grounds_view_set_case (RedressGroundsView *self,
                                     RedressStore       *store,
                                     gint64              case_id);
void  redress_grounds_view_reload   (RedressGroundsView *self);

G_END_DECLS

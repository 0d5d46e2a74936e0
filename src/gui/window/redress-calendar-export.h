/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

void redress_calendar_export_ask (GtkWidget    *widget,
                                  RedressStore *store,
                                  gint64        case_id,
                                  int           within_days);

G_END_DECLS

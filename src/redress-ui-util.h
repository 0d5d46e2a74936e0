/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

void redress_list_box_clear     (GtkListBox   *list);
void redress_timeline_fill      (GtkListBox   *list,
                                 RedressStore *store,
                                 gint64        client_id,
                                 gint64        case_id);

GtkWidget *redress_days_left_label_new (int           days_left,
                                       gboolean      done);
GtkWidget *redress_deadline_row_new     (RedressDeadline *deadline,
                                         gboolean         show_case);

G_END_DECLS

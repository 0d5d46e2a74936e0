/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

void redress_checklist_export_ask   (GtkWidget     *widget,
                                     RedressStore  *store,
                                     RedressReport *report,
                                     GListModel    *items,
                                     gboolean       outline,
                                     GCancellable  *cancellable);
void redress_checklist_export_write (GtkWidget     *widget,
                                     RedressStore  *store,
                                     RedressReport *report,
                                     GListModel    *items,
                                     gboolean       outline,
                                     GFile         *file,
                                     GCancellable  *cancellable);

G_END_DECLS

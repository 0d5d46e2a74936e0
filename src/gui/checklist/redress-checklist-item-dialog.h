/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CHECKLIST_ITEM_DIALOG (redress_checklist_item_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RedressChecklistItemDialog, redress_checklist_item_dialog, REDRESS,
                      CHECKLIST_ITEM_DIALOG, AdwWindow)

GtkWidget *redress_checklist_item_dialog_new (GtkWindow            *parent,
                                              RedressStore         *store,
                                              gint64                case_id,
                                              const char           *path,
                                              const char           *base_title,
                                              RedressChecklistItem *item);

G_END_DECLS

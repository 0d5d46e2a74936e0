/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CHECKLIST_ROW (redress_checklist_row_get_type ())

G_DECLARE_FINAL_TYPE (RedressChecklistRow, redress_checklist_row, REDRESS, CHECKLIST_ROW, AdwActionRow)

/* The part of a row that had, or is to get, the keyboard focus */
typedef enum
{
  REDRESS_CHECKLIST_ROW_PART_ROW,
  REDRESS_CHECKLIST_ROW_PART_CHECK,
  REDRESS_CHECKLIST_ROW_PART_STATE,
  REDRESS_CHECKLIST_ROW_PART_MENU,
} RedressChecklistRowPart;

GtkWidget            *redress_checklist_row_new            (RedressChecklistItem    *item);
RedressChecklistItem *redress_checklist_row_get_item       (RedressChecklistRow     *self);
gint64                redress_checklist_row_get_item_id    (RedressChecklistRow     *self);
void                  redress_checklist_row_set_place      (RedressChecklistRow     *self,
                                                            gboolean                 first,
                                                            gboolean                 last);
RedressChecklistRowPart redress_checklist_row_get_focus_part (RedressChecklistRow   *self);
void                  redress_checklist_row_focus          (RedressChecklistRow     *self,
                                                            RedressChecklistRowPart  part);

G_END_DECLS

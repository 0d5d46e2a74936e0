/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

/* Fills @list with the paths open to the client of @case_id, and says on
 * @page what to do when none is */
void redress_checklist_paths_fill (GtkListBox     *list,
                                   AdwStatusPage  *page,
                                   RedressStore   *store,
                                   gint64          case_id);

G_END_DECLS

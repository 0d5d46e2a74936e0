/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-checklist.h"

G_BEGIN_DECLS

/* An item the templates draft for a case: its template and its ground
 * (NULL for the path's base items) */
typedef struct
{
  const char *template_id;
  const char *code;
} RedressDraftItem;

/* What the templates draft for @path, an application of type
 * @application_type (its family's lists, or the generic ones), and the
 * confirmed grounds @codes (in the order wanted), each item once, in the
 * group of the first ground that lists it: an array of RedressDraftItem
 * whose strings live as long as the process (the templates are read
 * once) */
GArray *redress_checklist_draft_items (const char         *path,
                                       const char         *application_type,
                                       const char * const *codes);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether two items are the same record (@a's key is @b's), or would be
 * shown the same way */
typedef gboolean (*RedressItemEqualFunc) (gpointer a,
                                          gpointer b);

/*
 * Brings @items, the rows of @model, to @fresh (the store's items now),
 * emitting on @model only the changes that take it there: rows that went,
 * came, moved or changed (by @same_content), neighbouring ones merged.
 * Rows whose item is the same keep their object.  Returns whether the
 * number of items changed.
 */
gboolean redress_list_update (GListModel            *model,
                              GPtrArray             *items,
                              GPtrArray             *fresh,
                              RedressItemEqualFunc   same_key,
                              RedressItemEqualFunc   same_content);

G_END_DECLS

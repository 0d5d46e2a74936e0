/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-checklist.h"
#include "redress-store.h"

G_BEGIN_DECLS

/**
 * RedressChecklistChanges:
 * @n_added: items drafted anew (a new path, a ground newly confirmed)
 * @n_removed: drafted items nobody touched whose ground is no longer
 *   confirmed (or that no longer apply to the application)
 * @n_kept: items the consultant changed that a redraft would otherwise
 *   have removed: they stay, in their ground's group
 * @n_moved: drafted items several grounds call for, moved to the group of
 *   the first one confirmed (the one they were in is no longer, or an
 *   earlier one now is)
 *
 * What a draft did (or, from redress_store_checklist_pending(), would do).
 */
typedef struct
{
  guint n_added;
  guint n_removed;
  guint n_kept;
  guint n_moved;
} RedressChecklistChanges;

/* A case's checklist, one per path.  Writes log a line on the case's
 * timeline (entity "checklist") and announce themselves with the store's
 * "changed" signal, detail and entity "checklist", id the case's. */

gboolean   redress_store_draft_checklist          (RedressStore             *self,
                                                   gint64                    case_id,
                                                   const char               *path,
                                                   RedressChecklistChanges  *changes,
                                                   GError                  **error);
gboolean   redress_store_checklist_pending        (RedressStore             *self,
                                                   gint64                    case_id,
                                                   const char               *path,
                                                   RedressChecklistChanges  *changes,
                                                   GError                  **error);
/* Items not removed, grouped: the path's base items first, then each
 * ground's in the order of the catalogue, each group in its order */
GPtrArray *redress_store_list_checklist           (RedressStore             *self,
                                                   gint64                    case_id,
                                                   const char               *path,
                                                   GError                  **error);
RedressChecklistItem *redress_store_get_checklist_item (RedressStore        *self,
                                                   gint64                    item_id,
                                                   GError                  **error);

gboolean   redress_store_set_checklist_item_state (RedressStore             *self,
                                                   gint64                    item_id,
                                                   RedressItemState          state,
                                                   GError                  **error);
/* @text: the new wording (the template's, or NULL, gives the template's
 * back); @due: YYYY-MM-DD or NULL/""; @note: NULL/"" for none */
gboolean   redress_store_edit_checklist_item      (RedressStore             *self,
                                                   gint64                    item_id,
                                                   const char               *text,
                                                   const char               *due,
                                                   const char               *note,
                                                   GError                  **error);
/* @code: the ground's group it goes in, NULL for the base items */
gboolean   redress_store_add_checklist_item       (RedressStore             *self,
                                                   gint64                    case_id,
                                                   const char               *path,
                                                   const char               *code,
                                                   const char               *text,
                                                   gint64                   *item_id,
                                                   GError                  **error);
/* Moves an item up (@delta < 0) or down within its group */
gboolean   redress_store_move_checklist_item      (RedressStore             *self,
                                                   gint64                    item_id,
                                                   int                       delta,
                                                   GError                  **error);
/* Removal keeps the row: restore brings it back where it was */
gboolean   redress_store_remove_checklist_item    (RedressStore             *self,
                                                   gint64                    item_id,
                                                   GError                  **error);
gboolean   redress_store_restore_checklist_item   (RedressStore             *self,
                                                   gint64                    item_id,
                                                   GError                  **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "redress-list-update.h"

/*
 * How the case's list models (grounds, checklist) follow the store: they
 * read the case's list again and bring their rows to it here, so that a
 * view keeps every row that did not change, with its focus and scroll.
 */

/* Position of the item with @item's key in @items, from @from; -1 if none */
static int
find_key (GPtrArray            *items,
          guint                 from,
          gpointer              item,
          RedressItemEqualFunc  same_key)
{
  for (guint i = from; i < items->len; i++)
    if (same_key (g_ptr_array_index (items, i), item))
      return (int) i;
  return -1;
}

typedef struct
{
  guint pos;
  guint removed;
  guint added;
} Change;

/* Adds a change, merged with the one before when it starts where that
 * one's new rows end */
static void
add_change (GArray *changes,
            guint   pos,
            guint   removed,
            guint   added)
{
  Change change = { pos, removed, added };

  if (changes->len > 0)
    {
      Change *last = &g_array_index (changes, Change, changes->len - 1);

      if (last->pos + last->added == pos)
        {
          last->removed += removed;
          last->added += added;
          return;
        }
    }
  g_array_append_val (changes, change);
}

/* The changes are worked out first on a copy, walking both lists once: a
 * position before the walk is final, so each change, applied in turn,
 * puts in the rows of @fresh at its place. */
gboolean
redress_list_update (GListModel            *model,
                     GPtrArray             *items,
                     GPtrArray             *fresh,
                     RedressItemEqualFunc   same_key,
                     RedressItemEqualFunc   same_content)
{
  g_autoptr(GPtrArray) walk = g_ptr_array_sized_new (items->len);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint old_n = items->len;
  guint p = 0;

  /* Borrowed: the copy keeps no reference */
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (walk, g_ptr_array_index (items, i));
  for (guint j = 0; j < fresh->len; j++)
    {
      gpointer item = g_ptr_array_index (fresh, j);
      int q;

      /* Rows whose item is gone */
      while (p < walk->len && find_key (fresh, j, g_ptr_array_index (walk, p), same_key) < 0)
        {
          g_ptr_array_remove_index (walk, p);
          add_change (changes, p, 1, 0);
        }
      if (p < walk->len && same_key (g_ptr_array_index (walk, p), item))
        {
          /* The same: its row keeps its item (no change runs over it) */
          if (!same_content (g_ptr_array_index (walk, p), item))
            add_change (changes, p, 1, 1);
          p++;
          continue;
        }
      /* Moved here from further down, or new */
      q = find_key (walk, p + 1, item, same_key);
      if (q >= 0)
        {
          g_ptr_array_remove_index (walk, (guint) q);
          add_change (changes, (guint) q, 1, 0);
        }
      g_ptr_array_insert (walk, (int) p, item);
      add_change (changes, p, 0, 1);
      p++;
    }
  if (p < walk->len)
    add_change (changes, p, walk->len - p, 0);

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);

      if (change->removed > 0)
        g_ptr_array_remove_range (items, change->pos, change->removed);
      for (guint k = 0; k < change->added; k++)
        g_ptr_array_insert (items, (int) (change->pos + k),
                            g_object_ref (g_ptr_array_index (fresh, change->pos + k)));
      g_list_model_items_changed (model, change->pos, change->removed, change->added);
    }
  g_assert (items->len == fresh->len);
  return old_n != items->len;
}

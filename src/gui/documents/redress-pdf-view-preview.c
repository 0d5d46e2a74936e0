/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-view"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-pdf-view-private.h"
#include "redress-reader-data.h"

/*
 * Opening a stored document at once: before its PDF worker has started,
 * the reader lays the pages out from the sizes the import stored and
 * shows the previews it drew of the first pages (scaled: the same page,
 * less sharp), each swapped for the sharp render when it arrives.  The
 * words of scanned pages go to the engine with the document, for Find
 * and selection.  A document imported before previews were drawn shows
 * as before, once the worker has answered.
 */

/* The pages, @sizes (width and height of each, in points); kept when they
 * are those shown already */
void
pdf_view_set_pages (RedressPdfView *self,
                    GArray         *sizes)
{
  guint n_pages = sizes != NULL ? sizes->len / 2 : 0;
  g_autoptr(GPtrArray) items = NULL;
  gboolean same = n_pages == self->n_pages &&
                  n_pages == g_list_model_get_n_items (G_LIST_MODEL (self->pages));

  for (guint i = 0; same && i < n_pages; i++)
    {
      g_autoptr(RedressPdfPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->pages), i);

      same = G_APPROX_VALUE (item->width, g_array_index (sizes, double, 2 * i), 0.01) &&
             G_APPROX_VALUE (item->height, g_array_index (sizes, double, 2 * i + 1), 0.01);
    }
  if (same)
    return;

  self->n_pages = n_pages;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_pages; i++)
    {
      RedressPdfPageItem *item = g_object_new (REDRESS_TYPE_PDF_PAGE_ITEM, NULL);

      item->index = i;
      item->width = g_array_index (sizes, double, 2 * i);
      item->height = g_array_index (sizes, double, 2 * i + 1);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pages)),
                       items->pdata, items->len);
}

/**
 * pdf_view_show_stored:
 * @pdf: the document being opened
 * @load: its LOAD job, given the words of its scanned pages
 *
 * Shows what the store keeps of @pdf at once, when it keeps previews.
 */
void
pdf_view_show_stored (RedressPdfView *self,
                      GBytes         *pdf,
                      RedressPdfJob  *load)
{
  RedressStore *store = self->store;
  g_autoptr(RedressReaderData) data = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  if (store == NULL)
    return;
  data = redress_reader_data_load (store, pdf, &error);
  if (data == NULL)
    {
      if (error != NULL)
        g_message ("The stored pages of this document cannot be read: %s", error->message);
      return;
    }
  load->ocr_pages = g_steal_pointer (&data->ocr_pages);
  /* A password-protected document shows nothing before its password */
  if (data->previews->len == 0 || data->sizes->len == 0 || load->password != NULL)
    return;

  pdf_view_set_pages (self, data->sizes);
  for (guint i = 0; i < data->previews->len; i++)
    {
      const RedressPdfPreview *preview = g_ptr_array_index (data->previews, i);
      double width = g_array_index (data->sizes, double, 2 * (preview->page_no - 1));
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) local_error = NULL;

      texture = gdk_texture_new_from_bytes (preview->png, &local_error);
      if (texture == NULL || width <= 0)
        continue;
      pdf_view_cache_put (self, preview->page_no - 1, texture, preview->width / width,
                          (gsize) preview->width * (gsize) preview->height * 4);
      shown++;
    }
  if (shown == 0)
    return;
  self->n_previews = shown;
  gtk_stack_set_visible_child (GTK_STACK (self->stack), GTK_WIDGET (self->scroller));
  if (self->fit_width)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, pdf_view_refit_idle, g_object_ref (self), g_object_unref);
  pdf_view_update_labels (self);
}

/**
 * redress_pdf_view_get_n_previews:
 *
 * Returns: how many stored previews the document shown opened with (for
 *   tests and benchmarks)
 */
guint
redress_pdf_view_get_n_previews (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 0);

  return self->n_previews;
}

/**
 * redress_pdf_view_get_page_texture:
 * @page: from 0
 * @scale: (out) (optional): the pixels a point it was drawn at
 *
 * For tests: what @page shows now, as the page's widget is given it.
 *
 * Returns: (transfer none) (nullable): its render, %NULL when it shows
 *   white (none yet, or it could not be drawn)
 */
GdkTexture *
redress_pdf_view_get_page_texture (RedressPdfView *self,
                                   guint           page,
                                   double         *scale)
{
  CacheEntry *entry;

  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), NULL);

  entry = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (page));
  if (entry == NULL || g_hash_table_contains (self->failed, GUINT_TO_POINTER (page)))
    return NULL;
  if (scale != NULL)
    *scale = entry->scale;
  return entry->texture;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "redress-pdf-engine.h"
#include "redress-pdf-page-widget.h"
#include "redress-pdf-view-private.h"

/*
 * RedressPdfView: reads a PDF — continuous pages, zoom, search with every
 * hit highlighted, text selection to copy, and a passage shown by its
 * place in the page's text (a ground's sentence, a linked quote), across
 * lines and pages.
 *
 * Poppler never runs in Redress itself: redress-pdf-worker opens, draws
 * and searches the document in a process of its own (RedressPdfServer),
 * talked to from one worker thread here, so that a slow page never stalls
 * the window and a hostile one never ends it.  Pages are rendered when they come into view, at the
 * current zoom, and kept in a cache with a byte budget.  Results come back
 * to the main thread tagged with a generation: anything computed for a
 * document or zoom that is no longer shown is dropped.
 */

#define CACHE_BUDGET_BYTES   (96 * 1024 * 1024)
#define PAGE_SPACING         12
#define ZOOM_MIN             0.01      /* a 35,000-pixel page still fits */
#define ZOOM_MAX             4.0
#define ZOOM_STEP            1.25

/* Page item ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RedressPdfPageItem, redress_pdf_page_item, G_TYPE_OBJECT)

static void redress_pdf_page_item_class_init (RedressPdfPageItemClass *klass) { }
static void redress_pdf_page_item_init (RedressPdfPageItem *self) { }

/* The view ------------------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (RedressPdfView, redress_pdf_view, GTK_TYPE_WIDGET)

enum {
  PASSWORD_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request_render (RedressPdfView *self, guint page);
static void show_failure (RedressPdfView *self, RedressPdfPageWidget *page);
static void show_passage (RedressPdfView *self, RedressPdfJob *job);

static gboolean deliver_job (gpointer data);

void
pdf_view_push_job (RedressPdfView *self,
          RedressPdfJob  *job)
{
  job->engine = redress_pdf_engine_ref (self->engine);
  job->generation = self->generation;
  job->doc_generation = self->doc_generation;
  g_weak_ref_init (&job->owner, self);
  job->deliver = deliver_job;
  g_thread_pool_push (self->pool, job, NULL);
}

/* Cache --------------------------------------------------------------------- */

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
cache_trim (RedressPdfView *self)
{
  while (self->cache_bytes > CACHE_BUDGET_BYTES && g_hash_table_size (self->cache) > 1)
    {
      GHashTableIter iter;
      gpointer key, value, oldest_key = NULL;
      gint64 oldest = G_MAXINT64;

      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((CacheEntry *) value)->used < oldest)
          {
            oldest = ((CacheEntry *) value)->used;
            oldest_key = key;
          }
      self->cache_bytes -= ((CacheEntry *) g_hash_table_lookup (self->cache, oldest_key))->bytes;
      g_hash_table_remove (self->cache, oldest_key);
    }
}

/* @texture shows @page drawn at @scale pixels a point: a render, or a
 * preview (whose scale no zoom asks for, so it is drawn sharp next) */
void
pdf_view_cache_put (RedressPdfView *self,
                    guint           page,
                    GdkTexture     *texture,
                    double          scale,
                    gsize           bytes)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);
  CacheEntry *old = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (page));

  entry->texture = g_object_ref (texture);
  entry->scale = scale;
  entry->bytes = bytes;
  entry->used = g_get_monotonic_time ();
  if (old != NULL)
    self->cache_bytes -= old->bytes;
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (page), entry);
  self->cache_bytes += entry->bytes;
  cache_trim (self);
}

static void
cache_clear (RedressPdfView *self)
{
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->failed);
  self->cache_bytes = 0;
}

/* A page widget caches what it drew: each one is told to draw again */
void
pdf_view_redraw_pages (RedressPdfView *self)
{
  GHashTableIter iter;
  gpointer widget;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    gtk_widget_queue_draw (widget);
}

/* Results, on the main thread ----------------------------------------------- */

static RedressPdfPageItem *
page_item (RedressPdfView *self,
           guint           index)
{
  g_autoptr(RedressPdfPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->pages), index);

  return item;  /* the store keeps it alive */
}

static void
set_status (RedressPdfView *self,
            const char     *title,
            const char     *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->status);
}

static void fit_width_now (RedressPdfView *self);

static gboolean
deliver_job (gpointer data)
{
  RedressPdfJob *job = data;
  g_autoptr(RedressPdfView) self = g_weak_ref_get (&job->owner);
  GtkWidget *shown;

  /* A render is for a zoom; the rest (a search, a selection…) only for a
   * document */
  if (self == NULL ||
      (job->kind == REDRESS_PDF_JOB_RENDER ? job->generation != self->generation
                                           : job->doc_generation != self->doc_generation))
    {
      g_debug ("A job of kind %d is stale", job->kind);
      if (self != NULL && job->kind == REDRESS_PDF_JOB_RENDER)
        g_hash_table_remove (self->pending, GUINT_TO_POINTER (job->page));
      redress_pdf_job_free (job);
      return G_SOURCE_REMOVE;
    }

  switch (job->kind)
    {
    case REDRESS_PDF_JOB_LOAD:
      if (g_error_matches (job->error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NEEDS_PASSWORD) ||
          g_error_matches (job->error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD))
        {
          set_status (self, _("This Document Is Protected by a Password"),
                      job->password ? _("The password is wrong.") : NULL);
          g_signal_emit (self, signals[PASSWORD_NEEDED], 0, job->password != NULL);
          break;
        }
      if (job->error != NULL)
        {
          set_status (self, _("This Document Cannot Be Shown"), job->error->message);
          break;
        }
      /* Already laid out from the stored sizes, the same: kept as they are */
      pdf_view_set_pages (self, job->sizes);
      if (job->n_pages == 0)
        set_status (self, _("This Document Has No Pages"), NULL);
      else
        gtk_stack_set_visible_child (GTK_STACK (self->stack), GTK_WIDGET (self->scroller));
      /* Fitted once the pages have their place */
      if (self->fit_width)
        g_idle_add_full (G_PRIORITY_HIGH_IDLE, pdf_view_refit_idle, g_object_ref (self), g_object_unref);
      if (self->pending_passage != NULL)
        pdf_view_push_job (self, g_steal_pointer (&self->pending_passage));
      if (self->pending_search != NULL && job->n_pages > 0)
        {
          g_autofree char *text = g_steal_pointer (&self->pending_search);

          redress_pdf_view_search (self, text);
        }
      if (self->reveal_page >= 0)
        {
          g_autofree char *text = g_steal_pointer (&self->reveal_text);
          guint page = (guint) self->reveal_page;

          self->reveal_page = -1;
          redress_pdf_view_reveal (self, page, text);
        }
      pdf_view_update_labels (self);
      break;

    case REDRESS_PDF_JOB_RENDER:
      g_hash_table_remove (self->pending, GUINT_TO_POINTER (job->page));
      if (job->pixels == NULL && job->error != NULL)
        {
          /* Not asked again: the page says so, with a Reload button, and
           * the others show */
          g_debug ("Page %u not drawn: %s", job->page + 1, job->error->message);
          g_hash_table_add (self->failed, GUINT_TO_POINTER (job->page));
          shown = g_hash_table_lookup (self->bound, GUINT_TO_POINTER (job->page));
          if (shown != NULL)
            {
              show_failure (self, REDRESS_PDF_PAGE_WIDGET (shown));
              gtk_widget_queue_draw (shown);
            }
        }
      if (job->pixels != NULL)
        {
          g_autoptr(GdkTexture) texture = gdk_memory_texture_new (job->width, job->height,
                                                                  GDK_MEMORY_DEFAULT, job->pixels,
                                                                  (gsize) job->stride);

          pdf_view_cache_put (self, job->page, texture, job->scale, g_bytes_get_size (job->pixels));
          self->n_rendered++;
          shown = g_hash_table_lookup (self->bound, GUINT_TO_POINTER (job->page));
          if (shown != NULL)
            gtk_widget_queue_draw (shown);
        }
      break;

    case REDRESS_PDF_JOB_SEARCH:
      pdf_view_take_search (self, job);
      break;

    case REDRESS_PDF_JOB_SELECT:
      pdf_view_take_selection (self, job);
      break;

    case REDRESS_PDF_JOB_PASSAGE:
      show_passage (self, job);
      break;

    default:
      g_assert_not_reached ();
    }

  redress_pdf_job_free (job);
  return G_SOURCE_REMOVE;
}

static RedressPdfJob *
render_job (RedressPdfView *self,
            guint           page)
{
  RedressPdfJob *job;

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)) ||
      g_hash_table_contains (self->failed, GUINT_TO_POINTER (page)))
    return NULL;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));
  job = g_new0 (RedressPdfJob, 1);
  job->kind = REDRESS_PDF_JOB_RENDER;
  job->page = page;
  job->scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  return job;
}

static void
request_render (RedressPdfView *self,
                guint           page)
{
  RedressPdfJob *job = render_job (self, page);

  if (job != NULL)
    pdf_view_push_job (self, job);
}

/* Pages --------------------------------------------------------------------- */

#define FAILURE_KEY "redress-pdf-view-failure"

/* The message inside @page when it could not be drawn, hidden otherwise */
static void
show_failure (RedressPdfView       *self,
              RedressPdfPageWidget *page)
{
  GtkWidget *failure = g_object_get_data (G_OBJECT (page), FAILURE_KEY);
  int index = redress_pdf_page_widget_get_index (page);

  if (failure != NULL)
    gtk_widget_set_visible (failure, index >= 0 && g_hash_table_contains (self->failed,
                                                                          GINT_TO_POINTER (index)));
}

/* Reload: the page that could not be drawn is tried again */
static void
on_reload_clicked (GtkButton      *button,
                   RedressPdfView *self)
{
  RedressPdfPageWidget *page = g_object_get_data (G_OBJECT (button), FAILURE_KEY);
  int index = redress_pdf_page_widget_get_index (page);
  RedressPdfJob *job;

  if (index < 0)
    return;
  g_hash_table_remove (self->failed, GINT_TO_POINTER (index));
  show_failure (self, page);
  job = render_job (self, (guint) index);
  if (job == NULL)
    return;
  job->retry = TRUE;
  pdf_view_push_job (self, job);
  gtk_widget_queue_draw (GTK_WIDGET (page));
}

/* A page is drawing: it shows what the reader has for it now, and its
 * render is asked for when there is none at this zoom */
static void
on_page_drawn (RedressPdfPageWidget *page,
               RedressPdfView       *self)
{
  int index = redress_pdf_page_widget_get_index (page);
  CacheEntry *entry = g_hash_table_lookup (self->cache, GINT_TO_POINTER (index));
  double wanted = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (page));
  g_autoptr(GArray) lines = NULL;
  GArray *matches = NULL;

  if (entry != NULL)
    entry->used = g_get_monotonic_time ();
  redress_pdf_page_widget_set_zoom (page, self->zoom);
  /* A page that could not be drawn shows white, under its message, not
   * a render of another zoom */
  if (g_hash_table_contains (self->failed, GINT_TO_POINTER (index)))
    entry = NULL;
  redress_pdf_page_widget_set_texture (page, entry != NULL ? entry->texture : NULL);
  /* Shown at another zoom (scaled meanwhile), or not yet: render it */
  if (entry == NULL || fabs (entry->scale - wanted) > 0.001)
    request_render (self, (guint) index);

  if (self->matches != NULL && (guint) index < self->matches->len)
    matches = g_ptr_array_index (self->matches, index);
  redress_pdf_page_widget_set_matches (page, matches, index == self->match_page ? self->match_index : -1);

  for (guint i = 0; self->passage != NULL && i < self->passage->len; i++)
    {
      RedressPdfPassagePart *part = g_ptr_array_index (self->passage, i);

      if ((int) part->page != index || part->rects == NULL)
        continue;
      if (lines == NULL)
        lines = g_array_new (FALSE, FALSE, sizeof (RedressPdfRect));
      g_array_append_vals (lines, part->rects->data, part->rects->len);
    }
  redress_pdf_page_widget_set_passage (page, lines);

  redress_pdf_page_widget_set_selection (page, self->select_page == index ? &self->selection : NULL);
  redress_pdf_page_widget_set_selection_lines (page, self->select_page == index ? self->selection_lines : NULL);
}

static void
on_page_select_begin (RedressPdfPageWidget *page,
                      RedressPdfView       *self)
{
  /* A click or a selection elsewhere: the passage shown is done with,
   * and the text selected before */
  pdf_view_clear_passage (self);
  g_clear_pointer (&self->selected_text, g_free);
  g_clear_pointer (&self->selection_lines, g_array_unref);
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static void
on_page_select_update (RedressPdfPageWidget *page,
                       double                x1,
                       double                y1,
                       double                x2,
                       double                y2,
                       RedressPdfView       *self)
{
  self->select_page = redress_pdf_page_widget_get_index (page);
  self->selection.x1 = x1;
  self->selection.x2 = x2;
  self->selection.y1 = y1;
  self->selection.y2 = y2;
  /* The text under the drag, drawn as it is selected */
  pdf_view_ask_selection (self);
  pdf_view_redraw_pages (self);
}

static void
on_page_select_end (RedressPdfPageWidget *page,
                    gboolean              click,
                    RedressPdfView       *self)
{
  if (click)
    {
      self->select_page = -1;
      g_clear_pointer (&self->selected_text, g_free);
      g_clear_pointer (&self->selection_lines, g_array_unref);
      pdf_view_redraw_pages (self);
      return;
    }
  pdf_view_ask_selection (self);
}

/* The page widget of a list item (under the overlay of its message) */
static RedressPdfPageWidget *
page_of_item (GtkListItem *list_item)
{
  return REDRESS_PDF_PAGE_WIDGET (gtk_overlay_get_child (GTK_OVERLAY (gtk_list_item_get_child (list_item))));
}

static void
setup_page_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RedressPdfView           *self)
{
  GtkWidget *page = redress_pdf_page_widget_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *failure = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (_("This page could not be drawn."));
  GtkWidget *reload = gtk_button_new_with_mnemonic (_("_Reload"));

  /* Over the page when it could not be drawn: saying so, and a way to
   * try again */
  gtk_widget_add_css_class (label, "title-4");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_halign (reload, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reload, "pill");
  gtk_widget_set_tooltip_text (reload, _("Draw this page again"));
  g_object_set_data (G_OBJECT (reload), FAILURE_KEY, page);
  g_signal_connect_object (reload, "clicked", G_CALLBACK (on_reload_clicked), self, 0);
  /* Dark on light as the page is, in the dark style too */
  gtk_widget_add_css_class (failure, "redress-page-failure");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_widget_set_margin_bottom (reload, 18);
  gtk_box_append (GTK_BOX (failure), label);
  gtk_box_append (GTK_BOX (failure), reload);
  gtk_widget_set_halign (failure, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (failure, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (failure, 24);
  gtk_widget_set_margin_end (failure, 24);
  gtk_widget_set_margin_bottom (failure, 12);  /* the page's own, below it */
  gtk_widget_set_visible (failure, FALSE);
  g_object_set_data (G_OBJECT (page), FAILURE_KEY, failure);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), page);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), failure);
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);

  g_signal_connect_object (page, "drawn", G_CALLBACK (on_page_drawn), self, 0);
  g_signal_connect_object (page, "select-begin", G_CALLBACK (on_page_select_begin), self, 0);
  g_signal_connect_object (page, "select-update", G_CALLBACK (on_page_select_update), self, 0);
  g_signal_connect_object (page, "select-end", G_CALLBACK (on_page_select_end), self, 0);
  gtk_list_item_set_child (list_item, overlay);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_page_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RedressPdfView           *self)
{
  RedressPdfPageWidget *page = page_of_item (list_item);
  RedressPdfPageItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *name = NULL;

  redress_pdf_page_widget_set_page (page, (int) item->index, item->width, item->height);
  redress_pdf_page_widget_set_zoom (page, self->zoom);
  g_hash_table_insert (self->bound, GUINT_TO_POINTER (item->index), page);
  /* Translators: accessible name of a page image */
  name = g_strdup_printf (_("Page %u of %u"), item->index + 1, self->n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  show_failure (self, page);
  gtk_widget_queue_resize (GTK_WIDGET (page));
}

static void
unbind_page_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                RedressPdfView           *self)
{
  RedressPdfPageWidget *page = page_of_item (list_item);
  int index = redress_pdf_page_widget_get_index (page);

  if (index >= 0 && g_hash_table_lookup (self->bound, GINT_TO_POINTER (index)) == page)
    g_hash_table_remove (self->bound, GINT_TO_POINTER (index));
  redress_pdf_page_widget_set_page (page, -1, 0, 0);
  show_failure (self, page);
}

/* Navigation and zoom ------------------------------------------------------- */

double
pdf_view_page_top (RedressPdfView *self,
          guint           index)
{
  double y = 0;

  for (guint i = 0; i < index && i < self->n_pages; i++)
    y += ceil (page_item (self, i)->height * self->zoom) + PAGE_SPACING;
  return y;
}

static guint
page_at (RedressPdfView *self,
         double          y)
{
  double top = 0;

  for (guint i = 0; i < self->n_pages; i++)
    {
      top += ceil (page_item (self, i)->height * self->zoom) + PAGE_SPACING;
      if (y < top)
        return i;
    }
  return self->n_pages ? self->n_pages - 1 : 0;
}

void
pdf_view_update_labels (RedressPdfView *self)
{
  g_autofree char *zoom = g_strdup_printf ("%d %%", (int) round (self->zoom * 100 * 72 / 96));
  g_autofree char *of = g_strdup_printf (_("of %u"), self->n_pages);
  g_autofree char *page = g_strdup_printf ("%u", redress_pdf_view_get_page (self) + 1);
  g_autofree char *matches = NULL;

  gtk_label_set_text (GTK_LABEL (self->zoom_label), zoom);
  gtk_label_set_text (GTK_LABEL (self->page_label), of);
  if (!gtk_widget_has_focus (self->page_entry))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), page);

  if (self->search_failed)
    matches = g_strdup (_("Could not search"));
  else if (self->matches == NULL)
    matches = g_strdup ("");
  else if (self->n_matches == 0)
    matches = g_strdup (_("No match"));
  else
    /* Translators: the current search hit, and how many there are */
    matches = g_strdup_printf (_("%u of %u"), pdf_view_current_match_number (self), self->n_matches);
  gtk_label_set_text (GTK_LABEL (self->match_label), matches);
  if (self->search_failed)
    gtk_widget_add_css_class (self->search_entry, "error");
  else
    gtk_widget_remove_css_class (self->search_entry, "error");
  gtk_widget_set_tooltip_text (self->search_entry,
                               self->search_failed ? _("This document could not be searched: the PDF "
                                                       "reader stopped. Press Enter to try again.")
                                                   : NULL);

  /* Nothing to page through, zoom or find without a document */
  gtk_widget_set_sensitive (self->page_entry, self->n_pages > 0);
  gtk_widget_set_sensitive (self->search_entry, self->n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-in", self->n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-out", self->n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-fit", self->n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.next-match", self->n_matches > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.previous-match", self->n_matches > 0);
}

static void
on_after_paint (GdkFrameClock  *clock,
                RedressPdfView *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_clear_object (&self->scroll_clock);
  if (self->scroll_y >= 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->scroll_y);
  self->scroll_y = -1;
  pdf_view_update_labels (self);
}

/* Scrolls once the list has laid out what changed (zoom, new pages):
 * a list view asked to scroll before that cannot find the position */
void
pdf_view_scroll_to (RedressPdfView *self,
           double          y)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list));

  if (clock == NULL)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), y);
      return;
    }
  self->scroll_y = y;
  if (self->scroll_clock == NULL)
    {
      self->scroll_clock = g_object_ref (clock);
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->list));
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* The first line of the passage shown */
static RedressPdfPassagePart *
passage_first_part (RedressPdfView *self)
{
  for (guint i = 0; self->passage != NULL && i < self->passage->len; i++)
    {
      RedressPdfPassagePart *part = g_ptr_array_index (self->passage, i);

      if (part->rects != NULL && part->rects->len > 0)
        return part;
    }
  return NULL;
}

/* Scrolls so that the passage's start is in view, a little below the top,
 * when the page at the top (@near) is one of the passage's or the one
 * before: FALSE otherwise */
static gboolean
scroll_to_passage (RedressPdfView *self,
                   guint           near)
{
  RedressPdfPassagePart *first = passage_first_part (self);
  RedressPdfPassagePart *last;
  double margin, y;

  if (first == NULL)
    return FALSE;
  last = g_ptr_array_index (self->passage, self->passage->len - 1);
  if (near + 1 < first->page || near > last->page)
    return FALSE;
  margin = MIN (120, gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (self->scroller)) / 4);
  y = pdf_view_page_top (self, first->page) + g_array_index (first->rects, RedressPdfRect, 0).y1 * self->zoom;
  pdf_view_scroll_to (self, MAX (0, y - margin));
  return TRUE;
}

void
pdf_view_clear_passage (RedressPdfView *self)
{
  if (self->passage == NULL)
    return;
  g_clear_pointer (&self->passage, g_ptr_array_unref);
  pdf_view_redraw_pages (self);
}

static void
show_passage (RedressPdfView *self,
              RedressPdfJob  *job)
{
  RedressPdfPassagePart *first;

  pdf_view_clear_passage (self);
  self->passage = g_steal_pointer (&job->parts);
  first = passage_first_part (self);
  if (first == NULL)
    {
      /* Not where the stored text puts it (or the reader failed): the
       * words are looked for instead */
      if (job->error != NULL)
        g_message ("Passage on page %u not located: %s", job->page + 1, job->error->message);
      g_clear_pointer (&self->passage, g_ptr_array_unref);
      redress_pdf_view_reveal (self, job->page, job->text);
      return;
    }
  scroll_to_passage (self, first->page);
  pdf_view_update_labels (self);
  pdf_view_redraw_pages (self);
}

static void
apply_zoom (RedressPdfView *self,
            double          zoom)
{
  guint page = redress_pdf_view_get_page (self);

  /* To the millionth the reader's process is given: the page laid out
   * is the render's very size, not a pixel more */
  zoom = round (CLAMP (zoom, ZOOM_MIN, ZOOM_MAX) * 1e6) / 1e6;
  if (fabs (zoom - self->zoom) < 0.0001)
    return;
  self->zoom = zoom;
  /* Renders at the old zoom are stale; the cached ones stay, scaled, until
   * the new ones arrive */
  self->generation++;
  g_atomic_int_set (&self->engine->generation, self->generation);
  g_hash_table_remove_all (self->pending);
  g_list_model_items_changed (G_LIST_MODEL (self->pages), 0, self->n_pages, self->n_pages);
  /* Back to the same page, once the list has laid the new sizes out; the
   * passage shown stays in view */
  if (!scroll_to_passage (self, page))
    pdf_view_scroll_to (self, pdf_view_page_top (self, page));
  pdf_view_update_labels (self);
}

static void
fit_width_now (RedressPdfView *self)
{
  double widest = 0;
  int available = gtk_widget_get_width (GTK_WIDGET (self->scroller)) - 2 * PAGE_SPACING;

  for (guint i = 0; i < self->n_pages; i++)
    widest = MAX (widest, page_item (self, i)->width);
  if (widest <= 0 || available <= 0)
    return;
  apply_zoom (self, available / widest);
}

static void
on_scroll_changed (GtkAdjustment  *adjustment,
                   RedressPdfView *self)
{
  pdf_view_update_labels (self);
}

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  RedressPdfView *self = REDRESS_PDF_VIEW (widget);

  self->fit_width = FALSE;
  apply_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RedressPdfView *self = REDRESS_PDF_VIEW (widget);

  self->fit_width = FALSE;
  apply_zoom (self, self->zoom / ZOOM_STEP);
}

static void
zoom_fit_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  redress_pdf_view_zoom_fit_width (REDRESS_PDF_VIEW (widget));
}

static void
copy_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  RedressPdfView *self = REDRESS_PDF_VIEW (widget);

  if (self->selected_text != NULL && *self->selected_text != '\0')
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->selected_text);
}

static void
next_match_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  redress_pdf_view_next_match (REDRESS_PDF_VIEW (widget), g_str_equal (action, "pdf.previous-match"));
}

static void
on_page_entry_activate (GtkEntry       *entry,
                        RedressPdfView *self)
{
  guint64 page = g_ascii_strtoull (gtk_editable_get_text (GTK_EDITABLE (entry)), NULL, 10);

  if (page >= 1 && page <= self->n_pages)
    redress_pdf_view_go_to_page (self, (guint) page - 1);
  pdf_view_update_labels (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RedressPdfView *self)
{
  redress_pdf_view_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate (GtkSearchEntry *entry,
                    RedressPdfView *self)
{
  if (self->search_failed)
    {
      pdf_view_search_full (self, gtk_editable_get_text (GTK_EDITABLE (entry)), TRUE);
      return;
    }
  redress_pdf_view_next_match (self, FALSE);
}

static void
on_search_previous (GtkSearchEntry *entry,
                    RedressPdfView *self)
{
  redress_pdf_view_next_match (self, TRUE);
}

static void
on_search_next (GtkSearchEntry *entry,
                RedressPdfView *self)
{
  redress_pdf_view_next_match (self, FALSE);
}

/* Escape: Find lets go of the document (no highlights left) and the
 * keyboard goes back to the pages.  %FALSE when Find had nothing to let go. */
static gboolean
close_find (RedressPdfView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean in_find = focus != NULL && (focus == self->search_entry ||
                                       gtk_widget_is_ancestor (focus, self->search_entry));
  gboolean searching = self->matches != NULL ||
                       *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  if (!in_find && !searching)
    return FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  redress_pdf_view_search (self, NULL);
  if (self->n_pages > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
on_search_stop (GtkSearchEntry *entry,
                RedressPdfView *self)
{
  close_find (self);
}

static gboolean
close_find_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  return close_find (REDRESS_PDF_VIEW (widget));
}

gboolean
pdf_view_refit_idle (gpointer data)
{
  RedressPdfView *self = data;

  if (self->fit_width && self->pool != NULL)
    fit_width_now (self);
  return G_SOURCE_REMOVE;
}

/* The visible width changed (window resized, pane moved, page shown):
 * a view fitted to the width follows it */
static void
on_hadjustment_changed (GtkAdjustment  *adjustment,
                        RedressPdfView *self)
{
  int width = (int) gtk_adjustment_get_page_size (adjustment);

  if (width == self->fitted_width || !self->fit_width)
    return;
  self->fitted_width = width;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, pdf_view_refit_idle, g_object_ref (self), g_object_unref);
}

static GtkWidget *
tool_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Named once: the tooltip is not said again as its description */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* @label, or nothing when the toolbar is short of room */
static GtkWidget *
squeezable (GtkWidget *label)
{
  GtkWidget *squeezer = adw_squeezer_new ();

  adw_squeezer_add (ADW_SQUEEZER (squeezer), label);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  return squeezer;
}

static void
redress_pdf_view_dispose (GObject *object)
{
  RedressPdfView *self = (RedressPdfView *) object;

  if (self->scroll_clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->scroll_clock, on_after_paint, self);
      g_clear_object (&self->scroll_clock);
    }
  if (self->pool != NULL)
    {
      /* Queued work is dropped; a page being rendered finishes on its own
       * and finds the view gone */
      self->generation++;
      g_atomic_int_set (&self->engine->generation, self->generation);
      self->doc_generation++;
      g_atomic_int_set (&self->engine->doc_generation, self->doc_generation);
      g_thread_pool_free (self->pool, TRUE, FALSE);
      self->pool = NULL;
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->pages);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending_passage, redress_pdf_job_free);

  G_OBJECT_CLASS (redress_pdf_view_parent_class)->dispose (object);
}

static void
redress_pdf_view_finalize (GObject *object)
{
  RedressPdfView *self = (RedressPdfView *) object;

  g_clear_pointer (&self->engine, redress_pdf_engine_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_free (self->selected_text);
  g_clear_pointer (&self->selection_lines, g_array_unref);
  g_free (self->pending_search);
  g_free (self->reveal_text);
  g_clear_pointer (&self->passage, g_ptr_array_unref);

  G_OBJECT_CLASS (redress_pdf_view_parent_class)->finalize (object);
}

static void
redress_pdf_view_class_init (RedressPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_pdf_view_dispose;
  object_class->finalize = redress_pdf_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * RedressPdfView::password-needed:
   * @wrong: a password was given, and it is wrong
   *
   * The document is encrypted: load it again with its password.
   */
  signals[PASSWORD_NEEDED] =
    g_signal_new ("password-needed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-fit", NULL, zoom_fit_cb);
  gtk_widget_class_install_action (widget_class, "pdf.copy", NULL, copy_cb);
  gtk_widget_class_install_action (widget_class, "pdf.next-match", NULL, next_match_cb);
  gtk_widget_class_install_action (widget_class, "pdf.previous-match", NULL, next_match_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "pdf.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "pdf.next-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.previous-match", NULL);
  /* (in the pages: only while Find shows something, else Escape goes back) */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_find_cb, NULL);
}

/* A page's row is the page and its spacing, nothing more: where a page
 * is drawn is where pdf_view_page_top() says (the theme pads list rows);
 * the message of a page not drawn is dark on light, as pages are */
static void
load_style (void)
{
  static gsize loaded = 0;
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL && g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider,
                                       ".redress-pdf-pages > row { padding: 0; margin: 0; "
                                       "border: none; min-height: 0; }"
                                       ".redress-page-failure { background: #f6f5f4; color: #2e3436; "
                                       "border-radius: 12px; box-shadow: 0 1px 3px alpha(black, 0.25); }"
                                       ".redress-page-failure button { color: #2e3436; "
                                       "background: alpha(black, 0.08); }"
                                       ".redress-page-failure button:hover { background: alpha(black, 0.14); }"
                                       ".redress-page-failure button:active { background: alpha(black, 0.2); }",
                                       -1);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
redress_pdf_view_init (RedressPdfView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *toolbar, *spacer;

  self->engine = redress_pdf_engine_new ();
  /* A thread of its own, for as long as the view: the reader's process
   * dies with the thread that started it (a shared thread idle a while
   * ends, and would take the process and the page being drawn with it) */
  self->pool = g_thread_pool_new (redress_pdf_engine_run_job, NULL, 1, TRUE, NULL);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, cache_entry_free);
  self->pending = g_hash_table_new (NULL, NULL);
  self->failed = g_hash_table_new (NULL, NULL);
  self->bound = g_hash_table_new (NULL, NULL);
  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->select_page = -1;
  self->reveal_page = -1;
  self->scroll_y = -1;
  self->match_page = -1;
  self->pages = g_list_store_new (REDRESS_TYPE_PDF_PAGE_ITEM);
  load_style ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (toolbar, "toolbar");

  self->page_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->page_entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->page_entry), 4);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->page_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Go to page"), -1);
  gtk_widget_set_tooltip_text (self->page_entry, _("Go to page"));
  g_signal_connect (self->page_entry, "activate", G_CALLBACK (on_page_entry_activate), self);
  gtk_box_append (GTK_BOX (toolbar), self->page_entry);
  self->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->page_label, "dim-label");
  /* A fixed width, so that the toolbar does not grow with the document;
   * in a narrow window the count gives way first */
  gtk_label_set_width_chars (GTK_LABEL (self->page_label), 7);
  gtk_box_append (GTK_BOX (toolbar), squeezable (self->page_label));

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);

  /* The zoom buttons, or in a narrow window one menu of them */
  {
    GtkWidget *squeezer = adw_squeezer_new ();
    GtkWidget *zoom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkWidget *menu_button = gtk_menu_button_new ();

    gtk_box_append (GTK_BOX (zoom), tool_button ("zoom-out-symbolic", "pdf.zoom-out",
                                                 _("Zoom Out (Ctrl+−)")));
    self->zoom_label = gtk_label_new (NULL);
    gtk_label_set_width_chars (GTK_LABEL (self->zoom_label), 5);
    gtk_box_append (GTK_BOX (zoom), self->zoom_label);
    gtk_box_append (GTK_BOX (zoom), tool_button ("zoom-in-symbolic", "pdf.zoom-in",
                                                 _("Zoom In (Ctrl+Plus)")));
    gtk_box_append (GTK_BOX (zoom), tool_button ("zoom-fit-best-symbolic", "pdf.zoom-fit",
                                                 _("Fit Width (Ctrl+0)")));
    g_menu_append (menu, _("Zoom Out (Ctrl+−)"), "pdf.zoom-out");
    g_menu_append (menu, _("Zoom In (Ctrl+Plus)"), "pdf.zoom-in");
    g_menu_append (menu, _("Fit Width (Ctrl+0)"), "pdf.zoom-fit");
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "zoom-in-symbolic");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
    gtk_widget_add_css_class (menu_button, "flat");
    gtk_widget_set_tooltip_text (menu_button, _("Zoom"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Zoom"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
    adw_squeezer_add (ADW_SQUEEZER (squeezer), zoom);
    adw_squeezer_add (ADW_SQUEEZER (squeezer), menu_button);
    gtk_box_append (GTK_BOX (toolbar), squeezer);
  }

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Find"), NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), 6);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find in document"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "previous-match", G_CALLBACK (on_search_previous), self);
  g_signal_connect (self->search_entry, "next-match", G_CALLBACK (on_search_next), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_search_stop), self);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);
  self->match_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->match_label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (self->match_label), 9);
  gtk_box_append (GTK_BOX (toolbar), squeezable (self->match_label));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-up-symbolic", "pdf.previous-match", _("Previous Match (Shift+Ctrl+G)")));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-down-symbolic", "pdf.next-match", _("Next Match (Ctrl+G)")));
  gtk_box_append (GTK_BOX (self->box), toolbar);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "x-office-document-symbolic");
  gtk_stack_add_child (GTK_STACK (self->stack), self->status);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_page_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_page_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_page_cb), self);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                   g_object_ref (G_LIST_MODEL (self->pages)))),
                                                 g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "redress-pdf-pages");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pages"), -1);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->list));
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (on_scroll_changed), self);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                    G_CALLBACK (on_hadjustment_changed), self);
  gtk_stack_add_child (GTK_STACK (self->stack), GTK_WIDGET (self->scroller));
  gtk_box_append (GTK_BOX (self->box), self->stack);

  set_status (self, _("No Document"), NULL);
  pdf_view_update_labels (self);
}

GtkWidget *
redress_pdf_view_new (void)
{
  return g_object_new (REDRESS_TYPE_PDF_VIEW, NULL);
}

void
redress_pdf_view_set_store (RedressPdfView *self,
                            RedressStore   *store)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));
  g_return_if_fail (store == NULL || REDRESS_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * redress_pdf_view_load:
 * @pdf: the document's bytes
 * @password: (nullable): its password, if it has one
 *
 * Shows @pdf from its first page, fitted to the width.
 */
void
redress_pdf_view_load (RedressPdfView *self,
                       GBytes         *pdf,
                       const char     *password)
{
  RedressPdfJob *job;

  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));
  g_return_if_fail (pdf != NULL);

  redress_pdf_view_clear (self);
  set_status (self, _("Opening…"), NULL);
  job = g_new0 (RedressPdfJob, 1);
  job->kind = REDRESS_PDF_JOB_LOAD;
  job->pdf = g_bytes_ref (pdf);
  job->password = g_strdup (password);
  /* A stored document shows its preview at once, its pages laid out */
  pdf_view_show_stored (self, pdf, job);
  pdf_view_push_job (self, job);
}

void
redress_pdf_view_clear (RedressPdfView *self)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  self->generation++;
  g_atomic_int_set (&self->engine->generation, self->generation);
  self->doc_generation++;
  g_atomic_int_set (&self->engine->doc_generation, self->doc_generation);
  cache_clear (self);
  g_list_store_remove_all (self->pages);
  self->n_pages = 0;
  self->n_rendered = 0;
  self->n_previews = 0;
  self->fit_width = TRUE;
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->n_matches = 0;
  self->match_page = self->match_index = -1;
  self->select_page = -1;
  g_clear_pointer (&self->selected_text, g_free);
  g_clear_pointer (&self->selection_lines, g_array_unref);
  self->select_in_flight = 0;
  self->search_failed = FALSE;
  g_clear_pointer (&self->pending_search, g_free);
  self->reveal_page = -1;
  g_clear_pointer (&self->reveal_text, g_free);
  g_clear_pointer (&self->passage, g_ptr_array_unref);
  g_clear_pointer (&self->pending_passage, redress_pdf_job_free);
  set_status (self, _("No Document"), NULL);
  pdf_view_update_labels (self);
}

guint
redress_pdf_view_get_n_pages (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 0);

  return self->n_pages;
}

/**
 * redress_pdf_view_get_page:
 *
 * Returns: the page at the top of the view, from 0
 */
guint
redress_pdf_view_get_page (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 0);

  return page_at (self, gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)) + 1);
}

void
redress_pdf_view_go_to_page (RedressPdfView *self,
                             guint           page)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  if (page >= self->n_pages)
    return;
  pdf_view_scroll_to (self, pdf_view_page_top (self, page));
  pdf_view_update_labels (self);
}

static gboolean
reveal_idle (gpointer data)
{
  RedressPdfView *self = data;

  if (self->pool != NULL && self->reveal_page >= 0)
    {
      redress_pdf_view_go_to_page (self, (guint) self->reveal_page);
      self->reveal_page = -1;
    }
  return G_SOURCE_REMOVE;
}

/**
 * redress_pdf_view_reveal:
 * @page: from 0
 * @highlight: (nullable): text to highlight on it
 *
 * Shows @page (once the document is loaded, if it is not yet) with every
 * occurrence of @highlight marked.
 */
void
redress_pdf_view_reveal (RedressPdfView *self,
                         guint           page,
                         const char     *highlight)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  if (self->n_pages == 0)
    {
      self->reveal_page = (int) page;
      g_free (self->reveal_text);
      self->reveal_text = g_strdup (highlight);
      return;
    }
  if (highlight != NULL && *highlight != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), highlight);
      redress_pdf_view_search (self, highlight);
    }
  /* After the fit to the width has laid the pages out */
  self->reveal_page = (int) MIN (page, self->n_pages - 1);
  g_idle_add_full (G_PRIORITY_LOW, reveal_idle, g_object_ref (self), g_object_unref);
}

double
redress_pdf_view_get_zoom (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

void
redress_pdf_view_set_zoom (RedressPdfView *self,
                           double          zoom)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  self->fit_width = FALSE;
  apply_zoom (self, zoom);
}

void
redress_pdf_view_zoom_fit_width (RedressPdfView *self)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  self->fit_width = TRUE;
  fit_width_now (self);
}

/**
 * redress_pdf_view_get_n_rendered:
 *
 * Returns: how many page renders have arrived (for tests and benchmarks)
 */
guint
redress_pdf_view_get_n_rendered (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 0);

  return self->n_rendered;
}

/**
 * redress_pdf_view_reveal_passage:
 * @page: the page (from 0) where the passage starts
 * @page_text: (nullable): the stored text of @page, which @start counts
 *   in; %NULL if it is the text the reader extracts
 * @start: byte offset of the passage's first character in @page_text
 * @end_page: the page where it ends (@page when on one page)
 * @end_page_text: (nullable): the stored text of @end_page
 * @end: byte offset just after its last character in @end_page_text
 * @quote: (nullable): its words, looked for instead if the passage is
 *   not found by its place
 *
 * Shows the passage highlighted, line by line and across pages, found by
 * its place in the pages' text rather than by its words (a sentence that
 * wraps, a word hyphenated at a line end), and scrolls to its start.  It
 * stays highlighted until the consultant clicks in the document or
 * searches it.
 */
void
redress_pdf_view_reveal_passage (RedressPdfView *self,
                                 guint           page,
                                 const char     *page_text,
                                 gsize           start,
                                 guint           end_page,
                                 const char     *end_page_text,
                                 gsize           end,
                                 const char     *quote)
{
  RedressPdfJob *job;

  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));
  g_return_if_fail (end_page >= page);

  pdf_view_clear_passage (self);
  g_clear_pointer (&self->pending_passage, redress_pdf_job_free);
  /* The highlights of an earlier search would read as part of it */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  redress_pdf_view_search (self, NULL);

  job = g_new0 (RedressPdfJob, 1);
  job->kind = REDRESS_PDF_JOB_PASSAGE;
  job->page = page;
  job->text = g_strdup (quote);
  job->parts = g_ptr_array_new_with_free_func (redress_pdf_passage_part_free);
  /* No more than a few pages: a sentence, not a chapter */
  end_page = MIN (end_page, page + 3);
  for (guint p = page; p <= end_page; p++)
    {
      RedressPdfPassagePart *part = g_new0 (RedressPdfPassagePart, 1);

      part->page = p;
      part->start = p == page ? start : 0;
      part->end = p == end_page ? end : G_MAXSIZE;
      part->stored = g_strdup (p == page ? page_text : p == end_page ? end_page_text : NULL);
      part->char_start = part->char_end = -1;
      g_ptr_array_add (job->parts, part);
    }

  if (self->n_pages == 0)
    {
      /* Once the document is loaded */
      self->pending_passage = job;
      return;
    }
  if (page >= self->n_pages)
    {
      redress_pdf_job_free (job);
      return;
    }
  pdf_view_push_job (self, job);
}

/**
 * redress_pdf_view_get_passage:
 * @page: from 0
 * @char_start: (out) (optional): its first character highlighted there
 * @char_end: (out) (optional): just after its last one
 *
 * For tests: the part of the passage shown that is on @page.
 *
 * Returns: (transfer none) (nullable): the rectangles highlighted on
 *   @page (RedressPdfRect, points from the page's top left, one a line),
 *   %NULL if none
 */
GArray *
redress_pdf_view_get_passage (RedressPdfView *self,
                              guint           page,
                              glong          *char_start,
                              glong          *char_end)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), NULL);

  for (guint i = 0; self->passage != NULL && i < self->passage->len; i++)
    {
      RedressPdfPassagePart *part = g_ptr_array_index (self->passage, i);

      if (part->page != page || part->rects == NULL)
        continue;
      if (char_start != NULL)
        *char_start = part->char_start;
      if (char_end != NULL)
        *char_end = part->char_end;
      return part->rects;
    }
  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-page-widget"

#include "config.h"

#include <math.h>

#include "redress-pdf-page-widget.h"

/*
 * RedressPdfPageWidget: one page of the reader, as its list shows it — the
 * page's render (white until there is one), the search hits (the current
 * one stronger), the passage shown for a ground (green, underlined) and
 * the area being selected.  The reader tells it what to show and when to
 * draw again; it knows nothing of the reader.
 *
 * Signals: "drawn" each time it draws (the reader keeps its renders fresh
 * and renders the page when it has none at this zoom); "select-begin",
 * "select-update" (where the drag began and where it is now, in points
 * from the page's top-left: x1, y1, x2, y2) and
 * "select-end" (%TRUE if it was a click, not a drag) as the mouse selects.
 */

#define PAGE_SPACING 12

struct _RedressPdfPageWidget
{
  GtkWidget parent_instance;

  int index;                  /* -1: no page */
  double width, height;       /* points */
  double zoom;                /* pixels per point */
  GdkTexture *texture;
  GArray *matches;            /* RedressPdfRect, or NULL */
  int current_match;          /* in matches, or -1 */
  GArray *passage;            /* RedressPdfRect, one per line, or NULL */
  gboolean selecting;
  RedressPdfRect selection;
  GArray *selection_lines;    /* RedressPdfRect, the selected text's lines, or NULL */
  double drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (RedressPdfPageWidget, redress_pdf_page_widget, GTK_TYPE_WIDGET)

enum {
  DRAWN,
  SELECT_BEGIN,
  SELECT_UPDATE,
  SELECT_END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
append_rect (GtkSnapshot          *snapshot,
             const RedressPdfRect *rect,
             double                zoom,
             const GdkRGBA        *color)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT ((float) (rect->x1 * zoom), (float) (rect->y1 * zoom),
                                             (float) ((rect->x2 - rect->x1) * zoom),
                                             (float) ((rect->y2 - rect->y1) * zoom));

  gtk_snapshot_append_color (snapshot, color, &area);
}

static void
on_drag_begin (GtkGestureDrag       *gesture,
               double                x,
               double                y,
               RedressPdfPageWidget *self)
{
  self->drag_x = x;
  self->drag_y = y;
  g_signal_emit (self, signals[SELECT_BEGIN], 0);
}

static void
on_drag_update (GtkGestureDrag       *gesture,
                double                dx,
                double                dy,
                RedressPdfPageWidget *self)
{
  double zoom = self->zoom;

  g_signal_emit (self, signals[SELECT_UPDATE], 0,
                 self->drag_x / zoom, self->drag_y / zoom,
                 (self->drag_x + dx) / zoom, (self->drag_y + dy) / zoom);
}

static void
on_drag_end (GtkGestureDrag       *gesture,
             double                dx,
             double                dy,
             RedressPdfPageWidget *self)
{
  g_signal_emit (self, signals[SELECT_END], 0, fabs (dx) < 3 && fabs (dy) < 3);
}

static void
redress_pdf_page_widget_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  RedressPdfPageWidget *self = REDRESS_PDF_PAGE_WIDGET (widget);
  double size = 0;

  if (self->index >= 0)
    size = (orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height) * self->zoom;
  *minimum = *natural = (int) ceil (size);
}

static void
redress_pdf_page_widget_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  RedressPdfPageWidget *self = REDRESS_PDF_PAGE_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA hit = { 0.96f, 0.83f, 0.18f, 0.45f };
  static const GdkRGBA current = { 0.90f, 0.38f, 0.0f, 0.55f };
  static const GdkRGBA selection = { 0.21f, 0.52f, 0.89f, 0.30f };
  /* A passage shown for a ground: green, unlike the search hits */
  static const GdkRGBA passage = { 0.15f, 0.76f, 0.41f, 0.32f };
  static const GdkRGBA passage_edge = { 0.11f, 0.55f, 0.30f, 0.85f };

  if (self->index < 0)
    return;

  /* The reader brings the render up to date, or asks for one */
  g_signal_emit (self, signals[DRAWN], 0);
  if (self->texture != NULL)
    {
      int scale = gtk_widget_get_scale_factor (widget);
      int texture_width = gdk_texture_get_width (self->texture);
      int texture_height = gdk_texture_get_height (self->texture);
      graphene_rect_t area = bounds;

      /* A render at this zoom: pixel for pixel, never stretched by the
       * rounding of the page's size (white shows in the pixel left) */
      if (ABS (texture_width - width * scale) <= 1 && ABS (texture_height - height * scale) <= 1)
        {
          area.size.width = (float) texture_width / (float) scale;
          area.size.height = (float) texture_height / (float) scale;
          gtk_snapshot_append_color (snapshot, &white, &bounds);
        }
      gtk_snapshot_append_texture (snapshot, self->texture, &area);
    }
  else
    gtk_snapshot_append_color (snapshot, &white, &bounds);

  for (guint i = 0; self->matches != NULL && i < self->matches->len; i++)
    append_rect (snapshot, &g_array_index (self->matches, RedressPdfRect, i), self->zoom,
                 (int) i == self->current_match ? &current : &hit);

  for (guint k = 0; self->passage != NULL && k < self->passage->len; k++)
    {
      RedressPdfRect line = g_array_index (self->passage, RedressPdfRect, k);
      RedressPdfRect edge;

      /* A little room around the glyphs, and a line under them */
      line.x1 -= 1;
      line.x2 += 1;
      line.y1 -= 1;
      line.y2 += 1;
      append_rect (snapshot, &line, self->zoom, &passage);
      edge = line;
      edge.y1 = line.y2 - MAX (0.8, 1.5 / self->zoom);
      append_rect (snapshot, &edge, self->zoom, &passage_edge);
    }

  /* The selected characters themselves once known, else the area */
  for (guint k = 0; self->selecting && self->selection_lines != NULL && k < self->selection_lines->len; k++)
    append_rect (snapshot, &g_array_index (self->selection_lines, RedressPdfRect, k), self->zoom,
                 &selection);
  if (self->selecting && self->selection_lines == NULL)
    append_rect (snapshot, &self->selection, self->zoom, &selection);
}

static void
redress_pdf_page_widget_finalize (GObject *object)
{
  RedressPdfPageWidget *self = (RedressPdfPageWidget *) object;

  g_clear_object (&self->texture);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->passage, g_array_unref);
  g_clear_pointer (&self->selection_lines, g_array_unref);

  G_OBJECT_CLASS (redress_pdf_page_widget_parent_class)->finalize (object);
}

static void
redress_pdf_page_widget_class_init (RedressPdfPageWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = redress_pdf_page_widget_finalize;
  widget_class->measure = redress_pdf_page_widget_measure;
  widget_class->snapshot = redress_pdf_page_widget_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  signals[DRAWN] =
    g_signal_new ("drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SELECT_BEGIN] =
    g_signal_new ("select-begin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SELECT_UPDATE] =
    g_signal_new ("select-update", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE);
  signals[SELECT_END] =
    g_signal_new ("select-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
redress_pdf_page_widget_init (RedressPdfPageWidget *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->index = -1;
  self->zoom = 1.0;
  self->current_match = -1;
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), PAGE_SPACING);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
redress_pdf_page_widget_new (void)
{
  return g_object_new (REDRESS_TYPE_PDF_PAGE_WIDGET, NULL);
}

/**
 * redress_pdf_page_widget_set_page:
 * @index: the page's index from 0, or -1 for none (nothing is drawn)
 * @width: its width in points
 * @height: its height in points
 *
 * The setters of a page do not draw it again: the reader queues a draw
 * once it has said everything.
 */
void
redress_pdf_page_widget_set_page (RedressPdfPageWidget *self,
                                  int                   index,
                                  double                width,
                                  double                height)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  self->index = index;
  self->width = width;
  self->height = height;
}

int
redress_pdf_page_widget_get_index (RedressPdfPageWidget *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self), -1);

  return self->index;
}

void
redress_pdf_page_widget_set_zoom (RedressPdfPageWidget *self,
                                  double                zoom)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  self->zoom = zoom;
}

/**
 * redress_pdf_page_widget_set_texture:
 * @texture: (nullable): the page's render, scaled to the page, or %NULL
 *   for a white page
 */
void
redress_pdf_page_widget_set_texture (RedressPdfPageWidget *self,
                                     GdkTexture           *texture)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  g_set_object (&self->texture, texture);
}

/**
 * redress_pdf_page_widget_set_matches:
 * @rects: (nullable): the search hits on the page (#RedressPdfRect)
 * @current: the current hit in @rects, or -1
 */
void
redress_pdf_page_widget_set_matches (RedressPdfPageWidget *self,
                                     GArray               *rects,
                                     int                   current)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  if (rects != self->matches)
    {
      g_clear_pointer (&self->matches, g_array_unref);
      self->matches = rects ? g_array_ref (rects) : NULL;
    }
  self->current_match = current;
}

/**
 * redress_pdf_page_widget_set_passage:
 * @lines: (nullable): the lines of the passage shown on the page
 *   (#RedressPdfRect)
 */
void
redress_pdf_page_widget_set_passage (RedressPdfPageWidget *self,
                                     GArray               *lines)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  if (lines != self->passage)
    {
      g_clear_pointer (&self->passage, g_array_unref);
      self->passage = lines ? g_array_ref (lines) : NULL;
    }
}

/**
 * redress_pdf_page_widget_set_selection:
 * @area: (nullable): the area selected on the page, in points
 */
void
redress_pdf_page_widget_set_selection (RedressPdfPageWidget *self,
                                       const RedressPdfRect *area)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  self->selecting = area != NULL;
  /* (drawn as a rectangle, whichever way the drag went) */
  if (area != NULL)
    {
      self->selection.x1 = MIN (area->x1, area->x2);
      self->selection.y1 = MIN (area->y1, area->y2);
      self->selection.x2 = MAX (area->x1, area->x2);
      self->selection.y2 = MAX (area->y1, area->y2);
    }
}

/**
 * redress_pdf_page_widget_set_selection_lines:
 * @lines: (nullable): the boxes of the selected characters, one a line
 *   (#RedressPdfRect), drawn instead of the area; %NULL: the area is drawn
 */
void
redress_pdf_page_widget_set_selection_lines (RedressPdfPageWidget *self,
                                             GArray               *lines)
{
  g_return_if_fail (REDRESS_IS_PDF_PAGE_WIDGET (self));

  if (lines != self->selection_lines)
    {
      g_clear_pointer (&self->selection_lines, g_array_unref);
      self->selection_lines = lines ? g_array_ref (lines) : NULL;
    }
}

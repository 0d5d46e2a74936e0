/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pane-bin"

#include "config.h"

#include "redress-pane-bin.h"

/*
 * RedressPaneBin: one pane of a leaflet (the window's, the documents').
 * Its minimum width is its child's, its natural width a fixed one: with
 * the leaflet's fold-threshold-policy "natural", what a page happens to
 * show (a long name, a French label, a search typed, a long PDF) never
 * moves the fold, and the pane keeps its width.
 */

struct _RedressPaneBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
  int natural_width;
};

G_DEFINE_FINAL_TYPE (RedressPaneBin, redress_pane_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_NATURAL_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
redress_pane_bin_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RedressPaneBin *self = REDRESS_PANE_BIN (widget);
  int min = 0, nat = 0;

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_measure (self->child, orientation, for_size, &min, &nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    nat = MAX (min, self->natural_width);
  *minimum = min;
  *natural = nat;
}

static void
redress_pane_bin_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RedressPaneBin *self = REDRESS_PANE_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
redress_pane_bin_dispose (GObject *object)
{
  RedressPaneBin *self = REDRESS_PANE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (redress_pane_bin_parent_class)->dispose (object);
}

static void
redress_pane_bin_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RedressPaneBin *self = REDRESS_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_pane_bin_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RedressPaneBin *self = REDRESS_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_clear_pointer (&self->child, gtk_widget_unparent);
      self->child = g_value_get_object (value);
      if (self->child != NULL)
        gtk_widget_set_parent (self->child, GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_NATURAL_WIDTH:
      if (self->natural_width != g_value_get_int (value))
        {
          self->natural_width = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_pane_bin_class_init (RedressPaneBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_pane_bin_dispose;
  object_class->get_property = redress_pane_bin_get_property;
  object_class->set_property = redress_pane_bin_set_property;
  widget_class->measure = redress_pane_bin_measure;
  widget_class->size_allocate = redress_pane_bin_size_allocate;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_pane_bin_init (RedressPaneBin *self)
{
}

GtkWidget *
redress_pane_bin_new (GtkWidget *child,
                      int        natural_width)
{
  return g_object_new (REDRESS_TYPE_PANE_BIN, "child", child, "natural-width", natural_width, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A bin whose natural width is fixed (see redress-pane-bin.c) */
#define REDRESS_TYPE_PANE_BIN (redress_pane_bin_get_type ())
G_DECLARE_FINAL_TYPE (RedressPaneBin, redress_pane_bin, REDRESS, PANE_BIN, GtkWidget)

GtkWidget *redress_pane_bin_new (GtkWidget *child,
                                 int        natural_width);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "redress-core.h"

G_BEGIN_DECLS

GtkPrintOperation *redress_print_operation_new (RedressReport *report);

G_END_DECLS

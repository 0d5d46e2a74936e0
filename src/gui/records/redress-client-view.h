/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_CLIENT_VIEW (redress_client_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressClientView, redress_client_view, REDRESS, CLIENT_VIEW, GtkWidget)

void           redress_client_view_show       (RedressClientView *self,
                                               RedressStore      *store,
                                               RedressClient     *client);
gboolean       redress_client_view_reload     (RedressClientView *self);
RedressClient *redress_client_view_get_client (RedressClientView *self);
GtkWidget     *redress_client_view_get_form   (RedressClientView *self);

G_END_DECLS

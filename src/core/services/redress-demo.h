/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-store.h"

G_BEGIN_DECLS

gboolean redress_demo_populate (RedressStore  *store,
                                guint         *n_clients,
                                GError       **error);

G_END_DECLS

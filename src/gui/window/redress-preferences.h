/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_PREFERENCES (redress_preferences_get_type ())

G_DECLARE_FINAL_TYPE (RedressPreferences, redress_preferences, REDRESS, PREFERENCES,
                      AdwPreferencesWindow)

GtkWindow *redress_preferences_new (GtkWindow    *parent,
                                    RedressStore *store);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_APPLICATION (redress_application_get_type ())

G_DECLARE_FINAL_TYPE (RedressApplication, redress_application, REDRESS, APPLICATION, AdwApplication)

RedressApplication *redress_application_new       (void);
RedressStore       *redress_application_get_store (RedressApplication *self);

G_END_DECLS

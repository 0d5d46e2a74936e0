/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_WINDOW (redress_window_get_type ())

G_DECLARE_FINAL_TYPE (RedressWindow, redress_window, REDRESS, WINDOW, AdwApplicationWindow)

RedressWindow     *redress_window_new          (AdwApplication *application,
                                                RedressStore   *store);
RedressStore      *redress_window_get_store    (RedressWindow  *self);
RedressClientList *redress_window_get_clients  (RedressWindow  *self);
void               redress_window_add_toast    (RedressWindow  *self,
                                                AdwToast       *toast);
void               redress_window_show_client  (RedressWindow  *self,
                                                gint64          client_id);
void               redress_window_show_case    (RedressWindow  *self,
                                                gint64          case_id);
const char        *redress_window_get_page     (RedressWindow  *self);

G_END_DECLS

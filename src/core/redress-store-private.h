/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "redress-store.h"

G_BEGIN_DECLS

/* For tests and tools: not part of the application's API. */
gboolean  redress_store_migrate_file_to (const char   *path,
                                         int           version,
                                         GError      **error);
sqlite3  *redress_store_get_handle      (RedressStore *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-store.h"

G_BEGIN_DECLS

/**
 * RedressCalendarFlags:
 * @REDRESS_CALENDAR_DEFAULT: events name the client's file number only
 * @REDRESS_CALENDAR_WITH_NAMES: events name the client too
 */
typedef enum
{
  REDRESS_CALENDAR_DEFAULT    = 0,
  REDRESS_CALENDAR_WITH_NAMES = 1 << 0,
} RedressCalendarFlags;

/* How far ahead one case's export looks: all its deadlines */
#define REDRESS_CALENDAR_ALL_DAYS 3660

char      *redress_calendar_build               (RedressStore          *store,
                                                 GPtrArray             *deadlines,
                                                 RedressCalendarFlags   flags,
                                                 GDateTime             *stamp,
                                                 gsize                 *length,
                                                 GError               **error);
GPtrArray *redress_calendar_list_deadlines      (RedressStore          *store,
                                                 gint64                 case_id,
                                                 const GDate           *today,
                                                 int                    within_days,
                                                 GError               **error);
gboolean   redress_calendar_write               (GFile                 *file,
                                                 const char            *data,
                                                 gsize                  length,
                                                 GError               **error);
gboolean   redress_store_export_calendar        (RedressStore          *store,
                                                 GFile                 *file,
                                                 gint64                 case_id,
                                                 const GDate           *today,
                                                 int                    within_days,
                                                 RedressCalendarFlags   flags,
                                                 guint                 *n_events,
                                                 GError               **error);
void       redress_store_export_calendar_async  (RedressStore          *store,
                                                 GFile                 *file,
                                                 gint64                 case_id,
                                                 int                    within_days,
                                                 RedressCalendarFlags   flags,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean   redress_store_export_calendar_finish (RedressStore          *store,
                                                 GAsyncResult          *result,
                                                 guint                 *n_events,
                                                 GError               **error);

G_END_DECLS

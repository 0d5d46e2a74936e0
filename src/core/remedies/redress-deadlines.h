/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-store.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_DEADLINE (redress_deadline_get_type ())

G_DECLARE_FINAL_TYPE (RedressDeadline, redress_deadline, REDRESS, DEADLINE, GObject)

gint64      redress_deadline_get_case_id     (RedressDeadline *self);
gint64      redress_deadline_get_client_id   (RedressDeadline *self);
const char *redress_deadline_get_client_name (RedressDeadline *self);
const char *redress_deadline_get_case_title  (RedressDeadline *self);
const char *redress_deadline_get_kind        (RedressDeadline *self);
const char *redress_deadline_get_label       (RedressDeadline *self);
const char *redress_deadline_get_due         (RedressDeadline *self);
const char *redress_deadline_get_statutory   (RedressDeadline *self);
int         redress_deadline_get_days_left   (RedressDeadline *self);
gboolean    redress_deadline_get_overdue     (RedressDeadline *self);
const char *redress_deadline_get_basis       (RedressDeadline *self);

GPtrArray  *redress_store_list_deadlines     (RedressStore    *store,
                                              const GDate     *today,
                                              int              within_days,
                                              GError         **error);

void        redress_store_list_deadlines_async  (RedressStore        *store,
                                                 int                  within_days,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray  *redress_store_list_deadlines_finish (RedressStore        *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS

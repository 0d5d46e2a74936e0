/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REDRESS_TYPE_EVENT (redress_event_get_type ())

G_DECLARE_FINAL_TYPE (RedressEvent, redress_event, REDRESS, EVENT, GObject)

/* One line of a timeline: who did what, when. */
RedressEvent *redress_event_new             (gint64      id,
                                             const char *at,
                                             const char *actor,
                                             const char *entity,
                                             gint64      client_id,
                                             gint64      case_id,
                                             const char *kind,
                                             const char *field,
                                             const char *old_value,
                                             const char *new_value);
gint64        redress_event_get_id          (RedressEvent *self);
const char   *redress_event_get_at          (RedressEvent *self);
const char   *redress_event_get_actor       (RedressEvent *self);
const char   *redress_event_get_entity      (RedressEvent *self);
gint64        redress_event_get_client_id   (RedressEvent *self);
gint64        redress_event_get_case_id     (RedressEvent *self);
const char   *redress_event_get_kind        (RedressEvent *self);
const char   *redress_event_get_field       (RedressEvent *self);
const char   *redress_event_get_old_value   (RedressEvent *self);
const char   *redress_event_get_new_value   (RedressEvent *self);
char         *redress_event_dup_description (RedressEvent *self);
char         *redress_event_dup_when        (RedressEvent *self);

G_END_DECLS

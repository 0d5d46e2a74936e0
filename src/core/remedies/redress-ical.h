/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * RedressIcal: an iCalendar file (RFC 5545) of all-day events, each with
 * its reminders, written as calendar programs read it: CRLF line ends,
 * lines folded at 75 octets without cutting a character, TEXT values
 * escaped.
 */
typedef struct _RedressIcal RedressIcal;

/**
 * RedressIcalAlarm:
 * @days_before: how many days before the day the reminder shows
 * @text: what it says
 */
typedef struct
{
  guint days_before;
  const char *text;
} RedressIcalAlarm;

RedressIcal *redress_ical_new              (GDateTime               *stamp);
gboolean     redress_ical_add_event        (RedressIcal             *self,
                                            const char              *uid,
                                            const char              *date,
                                            const char              *summary,
                                            const char              *description,
                                            const RedressIcalAlarm  *alarms,
                                            guint                    n_alarms,
                                            GError                 **error);
guint        redress_ical_get_n_events     (RedressIcal             *self);
char        *redress_ical_end              (RedressIcal             *self,
                                            gsize                   *length);
void         redress_ical_free             (RedressIcal             *self);

char        *redress_ical_make_uid         (const char              *identity,
                                            gint64                   case_id,
                                            const char              *kind);
char        *redress_ical_escape_text      (const char              *text);
void         redress_ical_append_line      (GString                 *out,
                                            const char              *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressIcal, redress_ical_free)

G_END_DECLS

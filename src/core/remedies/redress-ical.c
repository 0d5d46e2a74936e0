/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-ical"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "redress-error.h"
#include "redress-field.h"
#include "redress-ical.h"

/*
 * Writing iCalendar (RFC 5545) by hand: the few rules calendar programs
 * are strict about.
 *
 * - Every line ends with CRLF; a content line longer than 75 octets is
 *   folded: CRLF and one space, the space counting in the next line's 75.
 *   A fold never falls inside a UTF-8 character (GNOME Calendar and
 *   Evolution show a broken character otherwise).
 * - TEXT values escape "\", ";" and "," with a backslash, and a line
 *   break is written "\n".  Other control characters are not allowed in
 *   TEXT: they are dropped.
 * - VCALENDAR needs VERSION and PRODID; VEVENT needs UID and DTSTAMP; an
 *   all-day event is DTSTART;VALUE=DATE with DTEND the next day (DTEND is
 *   exclusive); VALARM needs ACTION and TRIGGER, and a DISPLAY alarm a
 *   DESCRIPTION.
 */

#define MAX_LINE_OCTETS 75

/* The domain part of every UID: the project's, so that another program's
 * events never share one */
#define UID_DOMAIN "redress.ca"

struct _RedressIcal
{
  GString *out;
  char *stamp;      /* DTSTAMP value, UTC */
  guint n_events;
};

/**
 * redress_ical_append_line:
 * @out: where the line goes
 * @line: a content line, UTF-8, without its line end
 *
 * Appends @line folded at 75 octets (never inside a UTF-8 character),
 * each piece ending with CRLF.
 */
void
redress_ical_append_line (GString    *out,
                          const char *line)
{
  gsize length;
  gsize limit = MAX_LINE_OCTETS;

  g_return_if_fail (out != NULL && line != NULL);

  length = strlen (line);
  while (length > limit)
    {
      gsize cut = limit;

      /* Back off to the first byte of a character: continuation bytes are
       * 10xxxxxx */
      while (cut > 0 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line, (gssize) cut);
      g_string_append (out, "\r\n ");
      line += cut;
      length -= cut;
      /* The leading space of a continuation counts */
      limit = MAX_LINE_OCTETS - 1;
    }
  g_string_append_len (out, line, (gssize) length);
  g_string_append (out, "\r\n");
}

/**
 * redress_ical_escape_text:
 * @text: (nullable): any text
 *
 * Returns: (transfer full): @text as an iCalendar TEXT value: valid UTF-8,
 *   "\", ";" and "," escaped, every line break (CRLF, CR or LF) as "\n",
 *   other control characters dropped
 */
char *
redress_ical_escape_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid) + 16);

  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append_c (out, '\t');
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7F)
            g_string_append_c (out, *p);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * redress_ical_make_uid:
 * @identity: what tells this database's record apart from any other
 *   database's (never the time of the export)
 * @case_id: the case
 * @kind: what falls due ("judicial-review", "notes-request")
 *
 * Returns: (transfer full): a UID that stays the same from one export to
 *   the next, so that a calendar updates the event instead of adding it
 *   again: "redress-case3-judicial-review-1a2b3c4d5e6f7081@redress.ca"
 */
char *
redress_ical_make_uid (const char *identity,
                       gint64      case_id,
                       const char *kind)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *seed = NULL;
  g_autoptr(GString) safe_kind = g_string_new (NULL);
  char digest[17];

  g_return_val_if_fail (identity != NULL && kind != NULL, NULL);

  seed = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%s", identity, case_id, kind);
  g_checksum_update (checksum, (const guchar *) seed, (gssize) strlen (seed));
  g_strlcpy (digest, g_checksum_get_string (checksum), sizeof digest);

  /* The kind is a code ([a-z-]); anything else is left out of the
   * readable part (the digest has it all) */
  for (const char *p = kind; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (safe_kind, g_ascii_tolower (*p));

  return g_strdup_printf ("redress-case%" G_GINT64_FORMAT "-%s-%s@" UID_DOMAIN,
                          case_id, safe_kind->str, digest);
}

/**
 * redress_ical_new:
 * @stamp: (nullable): when the file is written (DTSTAMP); %NULL for now
 *
 * Returns: (transfer full): an empty calendar
 */
RedressIcal *
redress_ical_new (GDateTime *stamp)
{
  RedressIcal *self = g_new0 (RedressIcal, 1);
  g_autoptr(GDateTime) now = stamp ? g_date_time_ref (stamp) : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  self->stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  self->out = g_string_new (NULL);
  redress_ical_append_line (self->out, "BEGIN:VCALENDAR");
  redress_ical_append_line (self->out, "VERSION:2.0");
  redress_ical_append_line (self->out, "PRODID:-//Redress//Redress " PACKAGE_VERSION "//EN");
  redress_ical_append_line (self->out, "CALSCALE:GREGORIAN");
  return self;
}

void
redress_ical_free (RedressIcal *self)
{
  if (self == NULL)
    return;
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_free (self->stamp);
  g_free (self);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *value)
{
  g_autofree char *escaped = redress_ical_escape_text (value);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  redress_ical_append_line (out, line);
}

static void
append_property (GString    *out,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
append_property (GString    *out,
                 const char *format,
                 ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  redress_ical_append_line (out, line);
}

/* A UID is written as it is (TEXT, but it must not change from one export
 * to the next): only printable ASCII without the characters TEXT escapes */
static gboolean
uid_is_plain (const char *uid)
{
  if (*uid == '\0')
    return FALSE;
  for (const char *p = uid; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7F || strchr ("\\;,", *p) != NULL)
      return FALSE;
  return TRUE;
}

/**
 * redress_ical_add_event:
 * @uid: the event's UID (printable ASCII: redress_ical_make_uid())
 * @date: the day, YYYY-MM-DD
 * @summary: the event's title
 * @description: (nullable): its text, lines separated by "\n"
 * @alarms: (array length=n_alarms): reminders before the day
 *
 * Adds an all-day event on @date.
 */
gboolean
redress_ical_add_event (RedressIcal             *self,
                        const char              *uid,
                        const char              *date,
                        const char              *summary,
                        const char              *description,
                        const RedressIcalAlarm  *alarms,
                        guint                    n_alarms,
                        GError                 **error)
{
  GDate day, next;

  g_return_val_if_fail (self != NULL && self->out != NULL, FALSE);
  g_return_val_if_fail (uid != NULL && summary != NULL, FALSE);
  g_return_val_if_fail (uid_is_plain (uid), FALSE);
  g_return_val_if_fail (alarms != NULL || n_alarms == 0, FALSE);

  g_date_clear (&day, 1);
  if (date == NULL || !redress_date_parse (date, &day, NULL))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)."), date ? date : "");
      return FALSE;
    }
  next = day;
  g_date_add_days (&next, 1);

  redress_ical_append_line (self->out, "BEGIN:VEVENT");
  append_property (self->out, "UID:%s", uid);
  append_property (self->out, "DTSTAMP:%s", self->stamp);
  append_property (self->out, "DTSTART;VALUE=DATE:%04u%02u%02u", g_date_get_year (&day),
                   g_date_get_month (&day), g_date_get_day (&day));
  append_property (self->out, "DTEND;VALUE=DATE:%04u%02u%02u", g_date_get_year (&next),
                   g_date_get_month (&next), g_date_get_day (&next));
  append_text_property (self->out, "SUMMARY", summary);
  if (description != NULL)
    append_text_property (self->out, "DESCRIPTION", description);
  /* A deadline takes no time: the day stays free for meetings */
  redress_ical_append_line (self->out, "TRANSP:TRANSPARENT");
  for (guint i = 0; i < n_alarms; i++)
    {
      redress_ical_append_line (self->out, "BEGIN:VALARM");
      redress_ical_append_line (self->out, "ACTION:DISPLAY");
      append_property (self->out, "TRIGGER:-P%uD", alarms[i].days_before);
      append_text_property (self->out, "DESCRIPTION",
                            alarms[i].text != NULL ? alarms[i].text : summary);
      redress_ical_append_line (self->out, "END:VALARM");
    }
  redress_ical_append_line (self->out, "END:VEVENT");
  self->n_events++;
  return TRUE;
}

guint
redress_ical_get_n_events (RedressIcal *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events;
}

/**
 * redress_ical_end:
 * @length: (out) (optional): its length in bytes
 *
 * Closes the calendar; nothing can be added after.
 *
 * Returns: (transfer full): the whole file
 */
char *
redress_ical_end (RedressIcal *self,
                  gsize       *length)
{
  GString *out;

  g_return_val_if_fail (self != NULL && self->out != NULL, NULL);

  out = g_steal_pointer (&self->out);
  redress_ical_append_line (out, "END:VCALENDAR");
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

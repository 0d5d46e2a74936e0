/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-calendar.h"
#include "redress-deadlines.h"
#include "redress-error.h"
#include "redress-file-util.h"
#include "redress-ical.h"
#include "redress-remedies.h"

/*
 * The deadlines as an iCalendar file, for the consultant's calendar: one
 * all-day event per deadline on the day to file by, reminders a week and
 * a day before, and in the description what falls due, the client's file
 * number (the name only when asked: a calendar is often shared or synced
 * to a phone), the case and how the date was computed.  The texts are in
 * the language of the interface, like the deadlines page.
 *
 * Each event's UID is made from the case, what falls due and the case's
 * identity in its database: the time the case was created, which the
 * database keeps for ever (in its backups too) and which differs from one
 * database to another.  Exporting again gives the same UIDs, so a calendar
 * updates its events (a date that moved moves) instead of doubling them.
 */

static const char *
file_number_of (RedressClient *client)
{
  const char *number = client ? redress_client_get_file_number (client) : NULL;

  return number != NULL && *number != '\0' ? number : NULL;
}

static char *
summary_text (RedressDeadline      *deadline,
              RedressClient        *client,
              RedressCalendarFlags  flags)
{
  const char *label = redress_deadline_get_label (deadline);
  const char *number = file_number_of (client);
  g_autofree char *fallback = NULL;

  if (number == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             redress_deadline_get_case_id (deadline));

      /* Translators: stands for a client's file number when it has none;
       * %s is the case's id */
      fallback = g_strdup_printf (_("case %s"), id);
      number = fallback;
    }
  if (flags & REDRESS_CALENDAR_WITH_NAMES)
    /* Translators: a calendar event's title: what falls due, the client's
     * name and file number ("Judicial review — Díaz, Ana (file 2026-0001)") */
    return g_strdup_printf (_("%1$s — %2$s (file %3$s)"), label,
                            redress_deadline_get_client_name (deadline), number);
  /* Translators: a calendar event's title: what falls due and the client's
   * file number ("Judicial review — file 2026-0001") */
  return g_strdup_printf (_("%1$s — file %2$s"), label, number);
}

static char *
description_text (RedressDeadline      *deadline,
                  RedressClient        *client,
                  RedressCalendarFlags  flags)
{
  GString *text = g_string_new (redress_deadline_get_label (deadline));
  const char *number = file_number_of (client);
  const char *due = redress_deadline_get_due (deadline);
  const char *statutory = redress_deadline_get_statutory (deadline);
  const char *basis = redress_deadline_get_basis (deadline);
  g_autofree char *due_text = redress_date_format_long (due);
  g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              redress_deadline_get_case_id (deadline));

  g_string_append_c (text, '\n');
  if ((flags & REDRESS_CALENDAR_WITH_NAMES) && number != NULL)
    /* Translators: the client's name and file number in a calendar event */
    g_string_append_printf (text, _("Client: %1$s, file %2$s"),
                            redress_deadline_get_client_name (deadline), number);
  else if (flags & REDRESS_CALENDAR_WITH_NAMES)
    g_string_append_printf (text, _("Client: %s"), redress_deadline_get_client_name (deadline));
  else if (number != NULL)
    /* Translators: the client's file number in a calendar event */
    g_string_append_printf (text, _("Client file %s"), number);
  g_string_append_c (text, '\n');
  /* Translators: a case's id and title ("Study permit refused 2 March 2026") */
  g_string_append_printf (text, _("Case %1$s: %2$s"), case_id,
                          redress_deadline_get_case_title (deadline));
  g_string_append_c (text, '\n');
  if (g_strcmp0 (redress_deadline_get_kind (deadline), "notes-request") == 0)
    /* Translators: when the officer's notes are due, in a calendar event */
    g_string_append_printf (text, _("Response due %s"), due_text);
  else if (g_strcmp0 (due, statutory) != 0)
    {
      g_autofree char *statutory_text = redress_date_format_long (statutory);

      /* Translators: the day to file by, then the last day of the period,
       * a day the office is closed */
      g_string_append_printf (text, _("File by %1$s (statutory deadline %2$s)"), due_text,
                              statutory_text);
    }
  else
    /* Translators: the day to file by, in a calendar event */
    g_string_append_printf (text, _("File by %s"), due_text);
  if (basis != NULL && *basis != '\0')
    {
      g_string_append (text, "\n\n");
      /* Translators: how a deadline was computed, in a calendar event */
      g_string_append_printf (text, _("Basis: %s"), basis);
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("These dates are computed from the case facts: verify them "
                           "against the current law before relying on them."));
  return g_string_free (text, FALSE);
}

/**
 * redress_calendar_build:
 * @deadlines: (element-type RedressDeadline): what to put in the calendar
 * @stamp: (nullable): when it is written; %NULL for now
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full): the iCalendar file, or %NULL when @deadlines
 *   is empty (a calendar without an event is not a valid file) or a
 *   client or case could not be read
 */
char *
redress_calendar_build (RedressStore          *store,
                        GPtrArray             *deadlines,
                        RedressCalendarFlags   flags,
                        GDateTime             *stamp,
                        gsize                 *length,
                        GError               **error)
{
  g_autoptr(RedressIcal) ical = NULL;
  g_autoptr(GHashTable) clients = NULL;
  g_autoptr(GHashTable) identities = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (deadlines != NULL, NULL);

  if (deadlines->len == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no deadline to put in a calendar."));
      return NULL;
    }

  clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  identities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ical = redress_ical_new (stamp);

  for (guint i = 0; i < deadlines->len; i++)
    {
      RedressDeadline *deadline = g_ptr_array_index (deadlines, i);
      gint64 client_id = redress_deadline_get_client_id (deadline);
      gint64 case_id = redress_deadline_get_case_id (deadline);
      RedressClient *client = g_hash_table_lookup (clients, &client_id);
      const char *identity = g_hash_table_lookup (identities, &case_id);
      g_autofree char *uid = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *description = NULL;
      g_autofree char *week = NULL;
      g_autofree char *day = NULL;
      RedressIcalAlarm alarms[2];

      if (client == NULL)
        {
          client = redress_store_get_client (store, client_id, error);
          if (client == NULL)
            return NULL;
          g_hash_table_insert (clients, g_memdup2 (&client_id, sizeof client_id), client);
        }
      if (identity == NULL)
        {
          g_autoptr(RedressCase) kase = redress_store_get_case (store, case_id, error);
          const char *created;

          if (kase == NULL)
            return NULL;
          created = redress_record_get_created_at (REDRESS_RECORD (kase));
          identity = g_strdup_printf ("case-created:%s", created ? created : "");
          g_hash_table_insert (identities, g_memdup2 (&case_id, sizeof case_id), (char *) identity);
        }

      uid = redress_ical_make_uid (identity, case_id, redress_deadline_get_kind (deadline));
      summary = summary_text (deadline, client, flags);
      description = description_text (deadline, client, flags);
      /* Translators: a calendar reminder a week before a deadline; %s is
       * the event's title */
      week = g_strdup_printf (_("In a week: %s"), summary);
      /* Translators: a calendar reminder the day before a deadline */
      day = g_strdup_printf (_("Tomorrow: %s"), summary);
      alarms[0] = (RedressIcalAlarm) { 7, week };
      alarms[1] = (RedressIcalAlarm) { 1, day };
      if (!redress_ical_add_event (ical, uid, redress_deadline_get_due (deadline), summary,
                                   description, alarms, G_N_ELEMENTS (alarms), error))
        return NULL;
    }
  return redress_ical_end (ical, length);
}

/**
 * redress_calendar_list_deadlines:
 * @case_id: one case's deadlines, or 0 for every open case's
 * @today: (nullable): the day to count from; %NULL for today
 * @within_days: how far ahead to look (what is overdue is listed too);
 *   %REDRESS_CALENDAR_ALL_DAYS for all of a case's deadlines
 *
 * Returns: (transfer full) (element-type RedressDeadline): the deadlines
 *   to export, or %NULL with an error when there is none (a case that does
 *   not exist, or nothing falls due)
 */
GPtrArray *
redress_calendar_list_deadlines (RedressStore  *store,
                                 gint64         case_id,
                                 const GDate   *today,
                                 int            within_days,
                                 GError       **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (within_days >= 0, NULL);

  if (case_id > 0)
    {
      g_autoptr(RedressCase) kase = redress_store_get_case (store, case_id, error);

      if (kase == NULL)
        return NULL;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
    }

  deadlines = redress_store_list_deadlines (store, today, within_days, error);
  if (deadlines == NULL)
    return NULL;

  if (case_id > 0)
    {
      for (guint i = deadlines->len; i > 0; i--)
        if (redress_deadline_get_case_id (g_ptr_array_index (deadlines, i - 1)) != case_id)
          g_ptr_array_remove_index (deadlines, i - 1);
      if (deadlines->len == 0)
        {
          if (within_days < REDRESS_CALENDAR_ALL_DAYS)
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Case %s has no deadline within %d day to put in a "
                                      "calendar.",
                                      "Case %s has no deadline within %d days to put in a "
                                      "calendar.", (gulong) within_days),
                         id, within_days);
          else
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                         _("Case %s has no deadline to put in a calendar: none of its "
                           "remedies has one, or the case is closed, submitted or archived."),
                         id);
          return NULL;
        }
    }
  else if (deadlines->len == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "No deadline falls due within %d day: there is nothing to put "
                                "in a calendar.",
                                "No deadline falls due within %d days: there is nothing to put "
                                "in a calendar.", (gulong) within_days),
                   within_days);
      return NULL;
    }
  return g_steal_pointer (&deadlines);
}

/**
 * redress_calendar_write:
 *
 * Writes @data to @file whole or not at all: a local file through a
 * temporary file (mode 0600, never through a link, a device or a pipe),
 * any other file with g_file_replace_contents().
 */
gboolean
redress_calendar_write (GFile       *file,
                        const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return redress_file_set_contents (path, data, length, error);
  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/**
 * redress_store_export_calendar:
 * @file: where to write the calendar (replaced whole)
 * @case_id: one case, or 0 for all the open cases
 * @today: (nullable): the day to count from; %NULL for today
 * @within_days: how far ahead to look (%REDRESS_CALENDAR_ALL_DAYS: all)
 * @n_events: (out) (optional): how many events the file holds
 *
 * Writes the deadlines to @file as an iCalendar file.  Nothing is written
 * when there is no deadline.
 */
gboolean
redress_store_export_calendar (RedressStore          *store,
                               GFile                 *file,
                               gint64                 case_id,
                               const GDate           *today,
                               int                    within_days,
                               RedressCalendarFlags   flags,
                               guint                 *n_events,
                               GError               **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (REDRESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (within_days >= 0, FALSE);

  deadlines = redress_calendar_list_deadlines (store, case_id, today, within_days, error);
  if (deadlines == NULL)
    return FALSE;
  data = redress_calendar_build (store, deadlines, flags, NULL, &length, error);
  if (data == NULL || !redress_calendar_write (file, data, length, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = deadlines->len;
  return TRUE;
}

typedef struct
{
  char *path;
  GFile *file;
  gint64 case_id;
  int within_days;
  RedressCalendarFlags flags;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->path);
  g_clear_object (&export->file);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  g_autoptr(RedressStore) store = NULL;
  GError *error = NULL;
  guint n_events = 0;

  /* A connection of its own, as the deadlines page reads them */
  store = redress_store_open_full (export->path, REDRESS_STORE_OPEN_UNCHECKED, &error);
  if (store == NULL ||
      !redress_store_export_calendar (store, export->file, export->case_id, NULL,
                                      export->within_days, export->flags, &n_events, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_events);
}

/**
 * redress_store_export_calendar_async:
 *
 * Like redress_store_export_calendar() for today, in a worker thread with
 * its own connection to the database.
 */
void
redress_store_export_calendar_async (RedressStore          *store,
                                     GFile                 *file,
                                     gint64                 case_id,
                                     int                    within_days,
                                     RedressCalendarFlags   flags,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (REDRESS_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (within_days >= 0);

  export = g_new0 (ExportData, 1);
  export->path = g_strdup (redress_store_get_path (store));
  export->file = g_object_ref (file);
  export->case_id = case_id;
  export->within_days = within_days;
  export->flags = flags;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, redress_store_export_calendar_async);
  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * redress_store_export_calendar_finish:
 * @n_events: (out) (optional): how many events were written
 */
gboolean
redress_store_export_calendar_finish (RedressStore  *store,
                                      GAsyncResult  *result,
                                      guint         *n_events,
                                      GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = (guint) n;
  return TRUE;
}

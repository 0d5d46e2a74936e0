/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "redress-cli-private.h"
#include "redress-calendar.h"

/*
 * "remedies" (what is open after a refusal, and by when) and "deadlines"
 * (the days to file by across all open cases, or one case's, listed or
 * written as an iCalendar file with --ics), counted from today or from
 * --today.
 */

#define DEFAULT_WITHIN_DAYS 60
#define MAX_WITHIN_DAYS 3660

typedef struct
{
  CliCaseOption case_option;    /* remedies */
  CliTodayOption today;
  gboolean misrepresentation;   /* remedies */
  char *within;                 /* deadlines: --within DAYS */
  int within_days;
  char *only_case;              /* deadlines: --case ID, optional */
  gint64 only_case_id;
  char *ics;                    /* deadlines: --ics FILE */
  gboolean with_names;          /* deadlines: --with-names */
  gboolean json;
} RemediesOptions;

static void
remedies_options_free (gpointer data)
{
  RemediesOptions *options = data;

  g_free (options->case_option.text);
  g_free (options->today.text);
  g_free (options->within);
  g_free (options->only_case);
  g_free (options->ics);
  g_free (options);
}

static gpointer
remedies_options_new (const CliCommand *command,
                      CliOptionSet     *set)
{
  RemediesOptions *options = g_new0 (RemediesOptions, 1);

  cli_case_option_add (&options->case_option, set);
  cli_today_option_add (&options->today, set);
  cli_option_set_add (set, "misrepresentation", G_OPTION_ARG_NONE, &options->misrepresentation,
                      _("Assume a misrepresentation finding (A40) even without a confirmed "
                        "misrepresentation ground"), NULL);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
remedies_options_check (const CliCommand  *command,
                        gpointer           data,
                        GError           **error)
{
  RemediesOptions *options = data;

  return cli_case_option_check (&options->case_option, error) &&
         cli_today_option_check (&options->today, error);
}

static gpointer
deadlines_options_new (const CliCommand *command,
                       CliOptionSet     *set)
{
  RemediesOptions *options = g_new0 (RemediesOptions, 1);

  cli_option_set_add (set, "within", G_OPTION_ARG_STRING, &options->within,
                      _("Only what falls due within DAYS days (default 60, or all of a case’s "
                        "with --case); what is overdue is listed too"), _("DAYS"));
  cli_option_set_add (set, "case", G_OPTION_ARG_STRING, &options->only_case,
                      _("Only this case’s deadlines (its id, as listed by “case list”)"),
                      _("ID"));
  cli_option_set_add (set, "ics", G_OPTION_ARG_FILENAME, &options->ics,
                      _("Write the deadlines to FILE as a calendar (iCalendar) to import into "
                        "a calendar program; “-” writes it to standard output"), _("FILE"));
  cli_option_set_add (set, "with-names", G_OPTION_ARG_NONE, &options->with_names,
                      _("With --ics: name the clients in the events (by default only their "
                        "file numbers)"), NULL);
  cli_today_option_add (&options->today, set);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
deadlines_options_check (const CliCommand  *command,
                         gpointer           data,
                         GError           **error)
{
  RemediesOptions *options = data;
  guint64 days = options->only_case != NULL ? REDRESS_CALENDAR_ALL_DAYS : DEFAULT_WITHIN_DAYS;

  G_STATIC_ASSERT (REDRESS_CALENDAR_ALL_DAYS <= MAX_WITHIN_DAYS);

  if (options->only_case != NULL &&
      !cli_parse_id_listed (options->only_case, cli_id_listed_by ("case"), &options->only_case_id,
                            error))
    return FALSE;
  if (options->ics != NULL && *options->ics == '\0')
    {
      cli_usage_error (error, _("--ics needs the name of the file to write."));
      return FALSE;
    }
  if (options->with_names && options->ics == NULL)
    {
      cli_usage_error (error, _("--with-names only applies with --ics: the list shows the "
                                "names."));
      return FALSE;
    }
  if (options->within != NULL &&
      !g_ascii_string_to_unsigned (options->within, 10, 0, MAX_WITHIN_DAYS, &days, NULL))
    {
      g_autofree char *shown = cli_echo_value (options->within);

      cli_usage_error (error, _("--within: “%s” is not a number of days from 0 to %d."),
                       shown, MAX_WITHIN_DAYS);
      return FALSE;
    }
  options->within_days = (int) days;
  return cli_today_option_check (&options->today, error);
}

/* The days from today to a deadline, in words */
static char *
days_left_text (int days_left)
{
  if (days_left >= 0)
    return g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", days_left), days_left);
  /* Translators: the days left before a deadline, once it has passed */
  return g_strdup_printf (g_dngettext (NULL, "none: the period ended %d day ago",
                                       "none: the period ended %d days ago", -days_left),
                          -days_left);
}

/* "1 May 2026", or "4 May 2026 (statutory deadline 2 May 2026, moved: a Saturday)" */
static char *
file_by_text (const RedressRemedy *remedy)
{
  g_autofree char *file_by = redress_date_format_long (remedy->file_by);
  g_autofree char *deadline = NULL;
  g_autofree char *why = NULL;
  GDate date;

  if (!remedy->moved)
    return g_steal_pointer (&file_by);

  deadline = redress_date_format_long (remedy->deadline);
  g_date_clear (&date, 1);
  if (redress_date_parse (remedy->deadline, &date, NULL))
    redress_date_is_working_day (&date, &why);
  /* Translators: the day to file by, the last day of the period and why it
   * was not a working day ("a Saturday", "Canada Day") */
  return g_strdup_printf (_("%s (statutory deadline %s, moved: %s)"), file_by, deadline,
                          why ? why : "?");
}

static void
json_add_remedy (JsonBuilder         *builder,
                 const RedressRemedy *remedy)
{
  json_builder_begin_object (builder);
  cli_json_add_string_or_null (builder, "remedy", remedy->code);
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, remedy->available);
  cli_json_add_string_or_null (builder, "deadline", remedy->deadline);
  cli_json_add_string_or_null (builder, "file_by", remedy->file_by);
  json_builder_set_member_name (builder, "moved");
  json_builder_add_boolean_value (builder, remedy->moved);
  cli_json_add_int_or_null (builder, "days_left", remedy->file_by != NULL, remedy->days_left);
  cli_json_add_string_or_null (builder, "not_before", remedy->not_before);
  cli_json_add_string_or_null (builder, "basis", remedy->basis);
  cli_json_add_string_or_null (builder, "source", remedy->source);
  json_builder_end_object (builder);
}

static void
json_add_notes_request (JsonBuilder               *builder,
                        const RedressNotesRequest *request)
{
  json_builder_set_member_name (builder, "notes_request");
  json_builder_begin_object (builder);
  cli_json_add_string_or_null (builder, "requested", request->requested);
  cli_json_add_string_or_null (builder, "due", request->due);
  cli_json_add_string_or_null (builder, "received", request->received);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, request->overdue);
  cli_json_add_int_or_null (builder, "days_left", request->due != NULL && request->received == NULL,
                        request->days_left);
  cli_json_add_string_or_null (builder, "basis", request->basis);
  cli_json_add_string_or_null (builder, "source", request->requested ? request->source : NULL);
  json_builder_end_object (builder);
}

static void
print_remedy (const RedressRemedy *remedy)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  g_print ("\n%s\n", redress_remedy_label (remedy->code));
  cli_add_pair (pairs, _("Status"), g_strdup (remedy->available ? _("Open") : _("Not available")));
  if (remedy->file_by != NULL)
    {
      cli_add_pair (pairs, _("File by"), file_by_text (remedy));
      cli_add_pair (pairs, _("Days left"), days_left_text (remedy->days_left));
    }
  else if (remedy->not_before != NULL)
    cli_add_pair (pairs, _("Not before"), redress_date_format_long (remedy->not_before));
  else if (remedy->available)
    /* Translators: the deadline of a remedy that has none */
    cli_add_pair (pairs, _("Deadline"), g_strdup (_("None")));
  cli_add_pair (pairs, _("Basis"), g_strdup (remedy->basis));
  if (remedy->source != NULL)
    cli_add_pair (pairs, _("Source"), g_strdup (remedy->source));
  cli_print_pairs_indented (pairs, 2, TRUE);
}

static void
print_notes_request (const RedressNotesRequest *request)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *status;

  if (request->requested == NULL)
    status = _("Not requested");
  else if (request->received != NULL)
    status = _("Received");
  else if (request->overdue)
    /* Translators: an officer's notes request past its due date */
    status = _("Overdue (deemed refused)");
  else
    status = _("Awaiting the response");

  g_print ("\n%s\n", redress_remedy_label ("notes-request"));
  cli_add_pair (pairs, _("Status"), g_strdup (status));
  if (request->requested != NULL)
    cli_add_pair (pairs, _("Requested"), redress_date_format_long (request->requested));
  if (request->due != NULL)
    cli_add_pair (pairs, _("Due"), redress_date_format_long (request->due));
  if (request->received != NULL)
    cli_add_pair (pairs, _("Received"), redress_date_format_long (request->received));
  else if (request->due != NULL)
    cli_add_pair (pairs, _("Days left"), days_left_text (request->days_left));
  cli_add_pair (pairs, _("Basis"), g_strdup (request->basis));
  if (request->requested != NULL && request->source != NULL)
    cli_add_pair (pairs, _("Source"), g_strdup (request->source));
  cli_print_pairs_indented (pairs, 2, TRUE);
}

static gboolean
run_remedies (CliRun    *run,
              gpointer   data,
              GError   **error)
{
  RemediesOptions *options = data;
  g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->case_option.id, error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(RedressNotesRequest) request = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  g_autofree char *owner = NULL;
  gboolean confirmed_ground = FALSE;
  gboolean misrepresentation;

  if (kase == NULL)
    return FALSE;
  confirmed_ground = redress_store_case_has_confirmed (run->store, options->case_option.id,
                                                       "misrepresentation");
  misrepresentation = options->misrepresentation || confirmed_ground;
  remedies = redress_remedies_compute (kase, misrepresentation, &options->today.date, error);
  if (remedies == NULL)
    return FALSE;
  request = redress_notes_request_compute (kase, &options->today.date, error);
  if (request == NULL)
    return FALSE;
  today = redress_date_format_iso (&options->today.date);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, options->case_option.id);
      cli_json_add_string_or_null (builder, "today", today);
      json_builder_set_member_name (builder, "misrepresentation");
      json_builder_add_boolean_value (builder, misrepresentation);
      /* Why it is assumed: "ground" (a confirmed ground), "option", or null */
      cli_json_add_string_or_null (builder, "misrepresentation_from",
                               confirmed_ground ? "ground"
                               : options->misrepresentation ? "option" : NULL);
      json_builder_set_member_name (builder, "remedies");
      json_builder_begin_array (builder);
      for (guint i = 0; i < remedies->len; i++)
        json_add_remedy (builder, g_ptr_array_index (remedies, i));
      json_builder_end_array (builder);
      json_add_notes_request (builder, request);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  client = redress_store_get_client (run->store, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;
  title = cli_case_title (kase);
  owner = cli_client_title (client);
  g_print ("%s\n%s\n", title, owner);
  {
    g_autofree char *day = redress_date_format_long (today);
    g_autoptr(GString) intro = g_string_new (NULL);
    g_autoptr(GString) out = g_string_new (NULL);

    /* Translators: the day the periods are counted to */
    g_string_append_printf (intro, _("Days left are counted from %s."), day);
    g_string_append_c (intro, ' ');
    if (confirmed_ground)
      g_string_append (intro, _("A misrepresentation finding (A40) is assumed: the case has "
                                "a confirmed misrepresentation ground."));
    else if (options->misrepresentation)
      g_string_append (intro, _("A misrepresentation finding (A40) is assumed, as "
                                "--misrepresentation asks."));
    else
      g_string_append (intro, _("No misrepresentation finding is assumed: the case has no "
                                "confirmed misrepresentation ground (see "
                                "--misrepresentation)."));
    g_string_append_c (intro, ' ');
    g_string_append (intro, _("These dates are computed from the case facts: verify them "
                              "against the current law before relying on them."));
    cli_append_wrapped (out, intro->str);
    g_print ("%s", out->str);
  }
  for (guint i = 0; i < remedies->len; i++)
    print_remedy (g_ptr_array_index (remedies, i));
  print_notes_request (request);
  return TRUE;
}

/* --ics FILE: the deadlines as an iCalendar file, written whole or not at
 * all; none is an error (a calendar without an event is not a valid file) */
static gboolean
write_calendar (CliRun           *run,
                RemediesOptions  *options,
                GError          **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *text = NULL;
  RedressCalendarFlags flags = options->with_names ? REDRESS_CALENDAR_WITH_NAMES
                                                   : REDRESS_CALENDAR_DEFAULT;
  gboolean to_stdout = g_strcmp0 (options->ics, "-") == 0;
  gsize length = 0;

  deadlines = redress_calendar_list_deadlines (run->store, options->only_case_id,
                                               &options->today.date, options->within_days,
                                               error);
  if (deadlines == NULL)
    return FALSE;
  text = redress_calendar_build (run->store, deadlines, flags, NULL, &length, error);
  if (text == NULL)
    return FALSE;

  if (to_stdout)
    {
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The calendar cannot be written to standard output: %s."),
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (options->ics);

    if (!redress_calendar_write (file, text, length, error))
      return FALSE;
  }

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *today = redress_date_format_iso (&options->today.date);

      json_builder_begin_object (builder);
      cli_json_add_string_or_null (builder, "file", options->ics);
      json_builder_set_member_name (builder, "events");
      json_builder_add_int_value (builder, deadlines->len);
      cli_json_add_string_or_null (builder, "today", today);
      json_builder_set_member_name (builder, "within");
      json_builder_add_int_value (builder, options->within_days);
      cli_json_add_id_or_null (builder, "case", options->only_case_id);
      json_builder_set_member_name (builder, "with_names");
      json_builder_add_boolean_value (builder, options->with_names);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }
  /* Translators: how many events were written, and to which file */
  g_print (g_dngettext (NULL, "%u deadline written to %s.\n", "%u deadlines written to %s.\n",
                        deadlines->len),
           deadlines->len, options->ics);
  return TRUE;
}

static gboolean
run_deadlines (CliRun    *run,
               gpointer   data,
               GError   **error)
{
  RemediesOptions *options = data;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *today = NULL;
  g_autofree char *day = NULL;

  if (options->ics != NULL)
    return write_calendar (run, options, error);

  if (options->only_case_id > 0)
    {
      g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->only_case_id,
                                                            error);

      if (kase == NULL)
        return FALSE;
    }
  deadlines = redress_store_list_deadlines (run->store, &options->today.date,
                                            options->within_days, error);
  if (deadlines == NULL)
    return FALSE;
  for (guint i = deadlines->len; options->only_case_id > 0 && i > 0; i--)
    if (redress_deadline_get_case_id (g_ptr_array_index (deadlines, i - 1)) != options->only_case_id)
      g_ptr_array_remove_index (deadlines, i - 1);
  today = redress_date_format_iso (&options->today.date);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      cli_json_add_string_or_null (builder, "today", today);
      json_builder_set_member_name (builder, "within");
      json_builder_add_int_value (builder, options->within_days);
      json_builder_set_member_name (builder, "deadlines");
      json_builder_begin_array (builder);
      for (guint i = 0; i < deadlines->len; i++)
        {
          RedressDeadline *deadline = g_ptr_array_index (deadlines, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "case");
          json_builder_add_int_value (builder, redress_deadline_get_case_id (deadline));
          json_builder_set_member_name (builder, "client");
          json_builder_add_int_value (builder, redress_deadline_get_client_id (deadline));
          cli_json_add_string_or_null (builder, "client_name",
                                   redress_deadline_get_client_name (deadline));
          cli_json_add_string_or_null (builder, "case_title",
                                   redress_deadline_get_case_title (deadline));
          cli_json_add_string_or_null (builder, "kind", redress_deadline_get_kind (deadline));
          cli_json_add_string_or_null (builder, "label", redress_deadline_get_label (deadline));
          cli_json_add_string_or_null (builder, "due", redress_deadline_get_due (deadline));
          cli_json_add_string_or_null (builder, "statutory", redress_deadline_get_statutory (deadline));
          json_builder_set_member_name (builder, "days_left");
          json_builder_add_int_value (builder, redress_deadline_get_days_left (deadline));
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, redress_deadline_get_overdue (deadline));
          cli_json_add_string_or_null (builder, "basis", redress_deadline_get_basis (deadline));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  day = redress_date_format_long (today);
  if (deadlines->len == 0)
    {
      /* Translators: the day counted from, and how many days ahead */
      g_print (g_dngettext (NULL, "No deadlines as of %s, looking %d day ahead.\n",
                            "No deadlines as of %s, looking %d days ahead.\n", options->within_days),
               day, options->within_days);
      return TRUE;
    }

  /* Translators: the day counted from, and how many days ahead */
  g_print (g_dngettext (NULL, "Deadlines as of %s, looking %d day ahead (overdue first):\n",
                        "Deadlines as of %s, looking %d days ahead (overdue first):\n",
                        options->within_days),
           day, options->within_days);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < deadlines->len; i++)
    {
      RedressDeadline *deadline = g_ptr_array_index (deadlines, i);
      const char *due = redress_deadline_get_due (deadline);
      const char *statutory = redress_deadline_get_statutory (deadline);
      int days_left = redress_deadline_get_days_left (deadline);
      char **row = g_new0 (char *, 6);

      if (g_strcmp0 (due, statutory) != 0)
        /* Translators: the day to file by, then the statutory last day it was moved from */
        row[0] = g_strdup_printf (_("%s (statutory %s)"), due, statutory);
      else
        row[0] = g_strdup (due);
      if (redress_deadline_get_overdue (deadline))
        /* Translators: days left, negative, in the list of deadlines */
        row[1] = g_strdup_printf (_("%d (overdue)"), days_left);
      else
        row[1] = g_strdup_printf ("%d", days_left);
      row[2] = g_strdup (redress_deadline_get_client_name (deadline));
      row[3] = g_strdup_printf ("%" G_GINT64_FORMAT " %s", redress_deadline_get_case_id (deadline),
                                redress_deadline_get_case_title (deadline));
      row[4] = g_strdup (redress_deadline_get_label (deadline));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("File by"), _("Days left"), _("Client"), _("Case"), _("What") };
    cli_print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

const CliCommand cli_remedies = {
  NULL, "remedies", NULL, 0,
  N_("Show the remedies open after a refusal, and by when"),
  N_("For the case given by --case: every remedy, whether it is open, the day to file it by "
     "(moved to the next working day when the period ends on a Saturday, a Sunday or a "
     "holiday, and saying so), the days left, how it was computed and the provision it rests "
     "on; then where the request for the officer’s notes stands. The dates are computed from "
     "the case facts: verify them against the current law before relying on them."),
  FALSE, CLI_STORE_EXISTING,
  remedies_options_new, remedies_options_free, remedies_options_check, run_remedies, NULL,
};

const CliCommand cli_deadlines = {
  NULL, "deadlines", NULL, 0,
  N_("List the deadlines of all open cases, overdue first"),
  N_("The days to file the open remedies by and the officer’s notes requests still awaited, "
     "across the cases that are not closed, submitted or archived, overdue first, then the "
     "nearest. A deadline missed recently stays listed, since an extension may still be "
     "asked for. With --ics FILE, the same deadlines are written as a calendar to import "
     "into GNOME Calendar, Evolution or any calendar program: one all-day event per deadline "
     "on the day to file by, with reminders a week and a day before, and in its description "
     "what falls due, the client’s file number, the case and how the date was computed. "
     "Importing a newer file updates the events instead of adding them again. FILE is "
     "replaced whole if it exists; nothing is written when there is no deadline."),
  FALSE, CLI_STORE_EXISTING,
  deadlines_options_new, remedies_options_free, deadlines_options_check, run_deadlines, NULL,
};

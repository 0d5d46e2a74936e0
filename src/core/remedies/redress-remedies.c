/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-remedies"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "redress-error.h"
#include "redress-field.h"
#include "redress-remedies.h"

/*
 * The deadline engine: from the facts of a case, every remedy with whether
 * it is open, its deadline, and the words that say how it was computed.
 *
 * Periods, applicability and sources are data (data/remedies.ini, in the
 * GResource); this file holds the arithmetic and the sentences.  A deadline
 * that falls on a Saturday, a Sunday or a holiday is never moved silently:
 * the statutory date stays in @deadline, the next working day goes in
 * @file_by, and the basis says which rule moved it.
 */

#define RULES_RESOURCE "/ca/redress/Redress/remedies.ini"

static const char * const remedy_codes[] = {
  "judicial-review",
  "iad-sponsorship-appeal",
  "iad-residency-appeal",
  "iad-removal-appeal",
  "restoration",
  "new-application",
  "reconsideration",
  "humanitarian",
  NULL
};

static const struct {
  const char *code;
  const char *label;
  const char *not_applicable;
} remedy_text[] = {
  { "judicial-review", N_("Judicial review"), NULL },
  { "iad-sponsorship-appeal", N_("Sponsorship appeal to the IAD"),
    N_("Only for a family-class sponsorship refused outside Canada (a spousal sponsorship "
       "refused in Canada has no appeal).") },
  { "iad-residency-appeal", N_("Residency-obligation appeal to the IAD"),
    N_("Only for a PR travel document refused outside Canada.") },
  { "iad-removal-appeal", N_("Removal-order appeal to the IAD"),
    N_("Only for a residency-obligation decision made in Canada, with a removal order.") },
  { "restoration", N_("Restoration of status"),
    N_("Only for a visitor, student or worker in Canada whose extension was refused.") },
  { "new-application", N_("New application"), NULL },
  { "reconsideration", N_("Reconsideration request"), NULL },
  { "humanitarian", N_("Humanitarian and compassionate application"), NULL },
};

static const struct {
  const char *code;
  const char *label;
} holiday_text[] = {
  { "new-years-day", N_("New Year’s Day") },
  { "canada-day", N_("Canada Day") },
  { "truth-and-reconciliation-day", N_("National Day for Truth and Reconciliation") },
  { "remembrance-day", N_("Remembrance Day") },
  { "christmas-day", N_("Christmas Day") },
  { "boxing-day", N_("Boxing Day") },
  { "good-friday", N_("Good Friday") },
  { "easter-monday", N_("Easter Monday") },
  { "victoria-day", N_("Victoria Day") },
  { "labour-day", N_("Labour Day") },
  { "thanksgiving", N_("Thanksgiving Day") },
};

/* Rules ------------------------------------------------------------------- */

static GKeyFile *
rules (GError **error)
{
  static GKeyFile *keyfile;
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (keyfile == NULL)
    {
      g_autoptr(GKeyFile) loaded = g_key_file_new ();
      g_autoptr(GBytes) bytes = g_resources_lookup_data (RULES_RESOURCE, 0, error);

      if (bytes == NULL ||
          !g_key_file_load_from_bytes (loaded, bytes, G_KEY_FILE_KEEP_TRANSLATIONS, error))
        {
          g_prefix_error (error, _("The remedy rules cannot be read: "));
          return NULL;
        }
      keyfile = g_steal_pointer (&loaded);
    }
  return keyfile;
}

static gboolean
list_has (GKeyFile   *keyfile,
          const char *group,
          const char *key,
          const char *value)
{
  g_auto(GStrv) list = g_key_file_get_string_list (keyfile, group, key, NULL, NULL);

  for (guint i = 0; list && list[i]; i++)
    if (g_str_equal (list[i], "*") || g_str_equal (list[i], value))
      return TRUE;
  return FALSE;
}

static int
rule_int (GKeyFile   *keyfile,
          const char *group,
          const char *key)
{
  if (!g_key_file_has_key (keyfile, group, key, NULL))
    return -1;
  return g_key_file_get_integer (keyfile, group, key, NULL);
}

/* In the user's language when the rules have it (source[fr]=...) */
static char *
rule_string (GKeyFile   *keyfile,
             const char *group,
             const char *key)
{
  return g_key_file_get_locale_string (keyfile, group, key, NULL, NULL);
}

/**
 * redress_remedies_find_for_path:
 * @remedies: (element-type RedressRemedy): from redress_remedies_compute()
 * @path: a case's path ("restoration", "appeal"...)
 *
 * Returns: (transfer none) (nullable): the remedy the path leads to
 */
RedressRemedy *
redress_remedies_find_for_path (GPtrArray  *remedies,
                                const char *path)
{
  RedressRemedy *found = NULL;

  for (guint i = 0; remedies != NULL && path != NULL && i < remedies->len; i++)
    {
      RedressRemedy *remedy = g_ptr_array_index (remedies, i);

      if (g_str_equal (path, "appeal")
          ? g_str_has_prefix (remedy->code, "iad-") && (found == NULL || (!found->available && remedy->available))
          : g_str_equal (path, remedy->code))
        found = remedy;
    }
  return found;
}

/**
 * redress_remedy_dup_source:
 * @language: "en" or "fr"
 *
 * Returns: (transfer full) (nullable): the provision the remedy @code
 *   rests on, as the consultant cites it in @language
 */
char *
redress_remedy_dup_source (const char *code,
                           const char *language)
{
  GKeyFile *keyfile = rules (NULL);

  if (keyfile == NULL || code == NULL)
    return NULL;
  return g_key_file_get_locale_string (keyfile, code, "source",
                                       g_strcmp0 (language, "en") == 0 ? "C" : language, NULL);
}

/* Dates ------------------------------------------------------------------- */

void
redress_date_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

int
redress_date_days_between (const GDate *from,
                           const GDate *to)
{
  return g_date_days_between (from, to);
}

/* Easter Sunday, Gregorian calendar (the anonymous algorithm) */
static void
easter (guint  year,
        GDate *date)
{
  guint a = year % 19, b = year / 100, c = year % 100;
  guint d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  guint month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* The @n-th @weekday of @month (n >= 1) */
static void
nth_weekday (guint        year,
             GDateMonth   month,
             GDateWeekday weekday,
             guint        n,
             GDate       *date)
{
  g_date_set_dmy (date, 1, month, (GDateYear) year);
  while (g_date_get_weekday (date) != weekday)
    g_date_add_days (date, 1);
  g_date_add_days (date, 7 * (n - 1));
}

static gboolean
movable_holiday (const char *code,
                 guint       year,
                 GDate      *date)
{
  g_date_clear (date, 1);
  if (g_str_equal (code, "good-friday"))
    {
      easter (year, date);
      g_date_subtract_days (date, 2);
    }
  else if (g_str_equal (code, "easter-monday"))
    {
      easter (year, date);
      g_date_add_days (date, 1);
    }
  else if (g_str_equal (code, "victoria-day"))
    {
      /* The Monday before 25 May */
      g_date_set_dmy (date, 24, G_DATE_MAY, (GDateYear) year);
      while (g_date_get_weekday (date) != G_DATE_MONDAY)
        g_date_subtract_days (date, 1);
    }
  else if (g_str_equal (code, "labour-day"))
    nth_weekday (year, G_DATE_SEPTEMBER, G_DATE_MONDAY, 1, date);
  else if (g_str_equal (code, "thanksgiving"))
    nth_weekday (year, G_DATE_OCTOBER, G_DATE_MONDAY, 2, date);
  else
    return FALSE;
  return TRUE;
}

static const char *
holiday_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (holiday_text); i++)
    if (g_str_equal (holiday_text[i].code, code))
      return _(holiday_text[i].label);
  return code;
}

/* Returns the holiday's code if @date is one (a copy: the deadlines are
 * also computed in a worker thread) */
static char *
holiday_on (const GDate *date)
{
  GKeyFile *keyfile = rules (NULL);
  g_auto(GStrv) fixed = NULL;
  g_auto(GStrv) movable = NULL;
  guint year = g_date_get_year (date);

  if (keyfile == NULL)
    return NULL;

  fixed = g_key_file_get_string_list (keyfile, "non-working-days", "fixed", NULL, NULL);
  for (guint i = 0; fixed && fixed[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (fixed[i], ":", 3);
      guint month, day, since = 0;

      if (g_strv_length (parts) < 2 || strlen (parts[1]) != 5)
        continue;
      month = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      day = (guint) g_ascii_strtoull (parts[1] + 3, NULL, 10);
      if (parts[2] != NULL)
        since = (guint) g_ascii_strtoull (parts[2], NULL, 10);
      if (year >= since && g_date_get_month (date) == month && g_date_get_day (date) == day)
        return g_strdup (parts[0]);
    }

  movable = g_key_file_get_string_list (keyfile, "non-working-days", "movable", NULL, NULL);
  for (guint i = 0; movable && movable[i]; i++)
    {
      GDate holiday;

      if (movable_holiday (movable[i], year, &holiday) && g_date_compare (&holiday, date) == 0)
        return g_strdup (movable[i]);
    }
  return NULL;
}

/**
 * redress_date_is_working_day:
 * @holiday: (out) (optional) (transfer full): why it is not: "Saturday",
 *   "Sunday" or the holiday's name
 *
 * Returns: %FALSE on Saturdays, Sundays and federal holidays
 */
gboolean
redress_date_is_working_day (const GDate  *date,
                             char        **holiday)
{
  GDateWeekday weekday;
  g_autofree char *code = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  /* A holiday is named even on a weekend: it says more */
  code = holiday_on (date);
  if (code != NULL)
    {
      if (holiday != NULL)
        *holiday = g_strdup (holiday_label (code));
      return FALSE;
    }
  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    {
      if (holiday != NULL)
        *holiday = g_strdup (weekday == G_DATE_SATURDAY ? _("a Saturday") : _("a Sunday"));
      return FALSE;
    }
  return TRUE;
}

void
redress_date_next_working_day (GDate *date)
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  while (!redress_date_is_working_day (date, NULL))
    g_date_add_days (date, 1);
}

static char *
iso (const GDate *date)
{
  return redress_date_format_iso (date);
}

static char *
long_date (const GDate *date)
{
  g_autofree char *text = iso (date);

  return redress_date_format_long (text);
}

/* Remedies ---------------------------------------------------------------- */

void
redress_remedy_free (RedressRemedy *remedy)
{
  if (remedy == NULL)
    return;
  g_free (remedy->code);
  g_free (remedy->deadline);
  g_free (remedy->file_by);
  g_free (remedy->not_before);
  g_free (remedy->basis);
  g_free (remedy->source);
  g_free (remedy);
}

void
redress_notes_request_free (RedressNotesRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->requested);
  g_free (request->due);
  g_free (request->received);
  g_free (request->basis);
  g_free (request->source);
  g_free (request);
}

/**
 * redress_remedy_codes:
 *
 * Returns: (transfer none): the remedy codes, in the order they are shown
 */
const char * const *
redress_remedy_codes (void)
{
  return remedy_codes;
}

/**
 * redress_remedy_label:
 *
 * Returns: the translated name of a remedy ("Judicial review")
 */
const char *
redress_remedy_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (remedy_text); i++)
    if (g_strcmp0 (remedy_text[i].code, code) == 0)
      return _(remedy_text[i].label);
  if (g_strcmp0 (code, "notes-request") == 0)
    return _("Officer’s notes request");
  return code;
}

static const char *
not_applicable_text (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (remedy_text); i++)
    if (g_str_equal (remedy_text[i].code, code) && remedy_text[i].not_applicable != NULL)
      return _(remedy_text[i].not_applicable);
  return _("Does not apply to this application.");
}

typedef struct
{
  const char *type;
  gboolean in_canada;
  GDate decision;
  GDate received;       /* invalid when not recorded */
  GDate expiry;         /* invalid when not recorded */
  gboolean misrepresentation;
  GDate today;
} Facts;

static gboolean
applies (GKeyFile   *keyfile,
         const char *code,
         Facts      *facts)
{
  g_autofree char *decided = rule_string (keyfile, code, "decided");

  if (!list_has (keyfile, code, "applies-to", facts->type))
    return FALSE;
  if (g_strcmp0 (decided, "in-canada") == 0 && !facts->in_canada)
    return FALSE;
  if (g_strcmp0 (decided, "outside-canada") == 0 && facts->in_canada)
    return FALSE;
  return TRUE;
}

/* The period and its start; FALSE when the remedy has no deadline */
static gboolean
period (GKeyFile   *keyfile,
        const char *code,
        Facts      *facts,
        int        *days,
        GDate      *start,
        char      **start_words)
{
  g_autofree char *from = rule_string (keyfile, code, "counted-from");
  g_autofree char *decision_text = long_date (&facts->decision);

  *days = rule_int (keyfile, code, "days");
  if (*days < 0)
    *days = rule_int (keyfile, code, facts->in_canada ? "days-in-canada" : "days-outside-canada");
  if (*days < 0 || from == NULL)
    return FALSE;

  if (g_str_equal (from, "loss-of-status"))
    {
      if (g_date_valid (&facts->expiry) && g_date_compare (&facts->expiry, &facts->decision) > 0)
        {
          g_autofree char *expiry_text = long_date (&facts->expiry);

          *start = facts->expiry;
          /* Translators: how the loss of status was dated */
          *start_words = g_strdup_printf (_("after status was lost on %s (the status expiry, "
                                            "later than the refusal of %s)"),
                                          expiry_text, decision_text);
        }
      else
        {
          *start = facts->decision;
          *start_words = g_strdup_printf (g_date_valid (&facts->expiry)
                                            ? _("after status was lost on %s (the refusal, "
                                                "later than the status expiry)")
                                            : _("after status was lost on %s (the refusal; no "
                                                "status expiry is recorded)"),
                                          decision_text);
        }
    }
  else if (g_date_valid (&facts->received))
    {
      g_autofree char *received_text = long_date (&facts->received);

      *start = facts->received;
      *start_words = g_strdup_printf (_("after notification on %s (the day the client "
                                        "received the decision)"), received_text);
    }
  else
    {
      *start = facts->decision;
      *start_words = g_strdup_printf (_("after notification on %s (the decision date: no "
                                        "date of receipt is recorded)"), decision_text);
    }
  return TRUE;
}

static RedressRemedy *
remedy_new (const char *code,
            const char *source)
{
  RedressRemedy *remedy = g_new0 (RedressRemedy, 1);

  remedy->code = g_strdup (code);
  remedy->source = g_strdup (source);
  return remedy;
}

/* A period ending on @date runs no further: a working day, or a Saturday
 * that is not a holiday when Saturdays do not extend the period */
static gboolean
can_file_on (const GDate *date,
             gboolean     saturday_extends)
{
  g_autofree char *holiday = NULL;

  if (redress_date_is_working_day (date, NULL))
    return TRUE;
  if (saturday_extends || g_date_get_weekday (date) != G_DATE_SATURDAY)
    return FALSE;
  holiday = holiday_on (date);
  return holiday == NULL;
}

static void
set_deadline (RedressRemedy *remedy,
              GKeyFile      *keyfile,
              Facts         *facts,
              int            days,
              const GDate   *start,
              const char    *start_words,
              const char    *extra)
{
  GDate deadline = *start;
  GDate file_by;
  gboolean saturday_extends;
  gboolean saturday_stands = FALSE;
  g_autofree char *why = NULL;
  g_autofree char *deadline_text = NULL;
  g_autoptr(GString) basis = g_string_new (NULL);

  g_date_add_days (&deadline, (guint) days);
  file_by = deadline;
  saturday_extends = g_key_file_get_boolean (keyfile, remedy->code, "saturday-extends", NULL);
  if (!redress_date_is_working_day (&deadline, &why))
    {
      if (can_file_on (&deadline, saturday_extends))
        saturday_stands = TRUE;
      else
        {
          /* Past the days this period is extended over */
          do
            g_date_add_days (&file_by, 1);
          while (!can_file_on (&file_by, saturday_extends));
        }
    }

  remedy->deadline = iso (&deadline);
  remedy->file_by = iso (&file_by);
  remedy->moved = g_date_compare (&file_by, &deadline) != 0;
  remedy->days_left = redress_date_days_between (&facts->today, &file_by);
  remedy->available = remedy->days_left >= 0;
  deadline_text = long_date (&deadline);

  /* Translators: a period: number of days, then how its start was dated */
  g_string_append_printf (basis, g_dngettext (GETTEXT_PACKAGE, "%d day %s", "%d days %s", days),
                          days, start_words);
  if (extra != NULL)
    g_string_append_printf (basis, "; %s", extra);
  g_string_append_printf (basis, "; %s", remedy->source);
  if (remedy->moved)
    {
      g_autofree char *rule = rule_string (keyfile, "non-working-days", "rule");
      g_autofree char *file_by_text = long_date (&file_by);

      g_string_append (basis, ". ");
      /* Translators: the statutory last day, why it is not a working day
       * ("a Saturday", "Canada Day"), the next working day, the rule */
      g_string_append_printf (basis, _("The period ends on %s, %s: it may be filed on the next "
                                       "working day, %s (%s)"),
                              deadline_text, why, file_by_text, rule ? rule : "");
    }
  else if (saturday_stands)
    {
      g_autofree char *rule = rule_string (keyfile, "non-working-days", "saturday-rule");

      g_string_append (basis, ". ");
      /* Translators: the last day (a Saturday), the rule */
      g_string_append_printf (basis, _("The period ends on Saturday %s and is not extended to "
                                       "the Monday (%s): file by that day"),
                              deadline_text, rule ? rule : "");
    }
  g_string_append (basis, ".");
  if (!remedy->available)
    {
      g_autofree char *last_text = long_date (&file_by);

      /* The last day to file, not the statutory one it was moved from */
      g_string_append (basis, " ");
      g_string_append_printf (basis, _("The period ended on %s."), last_text);
    }
  remedy->basis = g_string_free (g_steal_pointer (&basis), FALSE);
}

static gboolean
facts_from_case (RedressCase  *kase,
                 gboolean      misrepresentation,
                 const GDate  *today,
                 Facts        *facts,
                 GError      **error)
{
  RedressRecord *record = REDRESS_RECORD (kase);
  const char *received = redress_record_get_value (record, REDRESS_CASE_RECEIVED_DATE);
  const char *expiry = redress_record_get_value (record, REDRESS_CASE_STATUS_EXPIRY);

  memset (facts, 0, sizeof *facts);
  g_date_clear (&facts->decision, 1);
  g_date_clear (&facts->received, 1);
  g_date_clear (&facts->expiry, 1);
  facts->type = redress_case_get_application_type (kase);
  facts->in_canada = redress_case_get_decided_in_canada (kase);
  facts->misrepresentation = misrepresentation;
  if (today != NULL)
    facts->today = *today;
  else
    redress_date_today (&facts->today);

  if (facts->type == NULL)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("No deadline can be computed without the type of application."));
      return FALSE;
    }
  if (!redress_date_parse (redress_case_get_decision_date (kase), &facts->decision, error))
    {
      g_prefix_error (error, _("No deadline can be computed without the decision date: "));
      return FALSE;
    }
  if (received != NULL && !redress_date_parse (received, &facts->received, error))
    return FALSE;
  if (expiry != NULL && !redress_date_parse (expiry, &facts->expiry, error))
    return FALSE;
  return TRUE;
}

/**
 * redress_remedies_compute:
 * @kase: the case
 * @misrepresentation: a misrepresentation finding (A40) is among the
 *   confirmed grounds
 * @today: (nullable): the day to count from; %NULL for today
 *
 * Returns: (transfer full) (element-type RedressRemedy): every remedy, in
 *   the order of redress_remedy_codes(), each with its basis
 */
GPtrArray *
redress_remedies_compute (RedressCase  *kase,
                          gboolean      misrepresentation,
                          const GDate  *today,
                          GError      **error)
{
  g_autoptr(GPtrArray) remedies = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_remedy_free);
  GKeyFile *keyfile;
  Facts facts;

  g_return_val_if_fail (REDRESS_IS_CASE (kase), NULL);

  keyfile = rules (error);
  if (keyfile == NULL || !facts_from_case (kase, misrepresentation, today, &facts, error))
    return NULL;

  for (guint i = 0; remedy_codes[i]; i++)
    {
      const char *code = remedy_codes[i];
      g_autofree char *source = rule_string (keyfile, code, "source");
      RedressRemedy *remedy = remedy_new (code, source);
      g_autofree char *start_words = NULL;
      GDate start;
      int days;

      g_ptr_array_add (remedies, remedy);

      if (!applies (keyfile, code, &facts))
        {
          /* Translators: why a remedy does not apply, then the provision it
           * rests on */
          remedy->basis = g_strdup_printf (_("%s Source: %s."), not_applicable_text (code),
                                           source ? source : "");
          continue;
        }

      if (period (keyfile, code, &facts, &days, &start, &start_words))
        {
          g_autofree char *extra = NULL;

          if (g_str_equal (code, "judicial-review"))
            extra = g_strdup (facts.in_canada ? _("the decision was made in Canada")
                                              : _("the decision was made outside Canada"));
          set_deadline (remedy, keyfile, &facts, days, &start, start_words, extra);
          continue;
        }

      /* No deadline */
      remedy->available = TRUE;
      if (rule_int (keyfile, code, "bar-years") > 0 && facts.misrepresentation)
        {
          GDate until = facts.decision;
          g_autofree char *until_text = NULL;
          g_autofree char *decision_text = long_date (&facts.decision);
          int years = rule_int (keyfile, code, "bar-years");

          /* The bar runs for the years *following* the finding: the
           * first free day is the one after the anniversary (the safe
           * reading, a day late rather than a day early) */
          g_date_add_years (&until, (guint) years);
          g_date_add_days (&until, 1);
          until_text = long_date (&until);
          remedy->not_before = iso (&until);
          remedy->available = g_date_compare (&facts.today, &until) >= 0;
          /* Translators: the first free day, the bar's length, the finding, the source */
          remedy->basis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Not before %s: the bar lasts the %d year "
                                                        "following the misrepresentation finding "
                                                        "of %s (%s).",
                                                        "Not before %s: the bar lasts the %d years "
                                                        "following the misrepresentation finding "
                                                        "of %s (%s).",
                                                        years),
                                           until_text, years, decision_text, source);
        }
      else if (g_str_equal (code, "reconsideration"))
        remedy->basis = g_strdup_printf (_("No deadline: the officer may reconsider at any time, "
                                           "at their discretion; ask soon (%s)."), source);
      else if (rule_int (keyfile, code, "bar-years") > 0)
        /* Translators: the bar's length, the source */
        remedy->basis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "No deadline. Only a misrepresentation "
                                                      "finding would bar it, for %d year (%s).",
                                                      "No deadline. Only a misrepresentation "
                                                      "finding would bar it, for %d years (%s).",
                                                      rule_int (keyfile, code, "bar-years")),
                                         rule_int (keyfile, code, "bar-years"), source);
      else
        remedy->basis = g_strdup_printf (_("No deadline (%s)."), source);
    }

  /* Judicial review waits until the appeals are exhausted */
  {
    RedressRemedy *review = g_ptr_array_index (remedies, 0);
    g_auto(GStrv) first = g_key_file_get_string_list (keyfile, "judicial-review", "superseded-by",
                                                     NULL, NULL);
    gboolean superseded = FALSE;

    for (guint i = 0; !superseded && first && first[i]; i++)
      for (guint j = 0; !superseded && j < remedies->len; j++)
        {
          RedressRemedy *appeal = g_ptr_array_index (remedies, j);
          g_autofree char *why = NULL;
          g_autofree char *by = NULL;

          /* An appeal that applies to this case, open or lapsed */
          if (!g_str_equal (appeal->code, first[i]) || appeal->file_by == NULL)
            continue;

          superseded = TRUE;
          why = rule_string (keyfile, "judicial-review", "superseded-source");
          by = redress_date_format_long (appeal->file_by);
          g_free (review->basis);
          if (appeal->available)
            /* Translators: the appeal, its last day, the provision */
            review->basis = g_strdup_printf (_("Not while an appeal is open (%s, until %s): "
                                               "judicial review only follows once appeals are "
                                               "exhausted (%s)."),
                                             redress_remedy_label (appeal->code), by,
                                             why ? why : "");
          else
            /* Translators: the appeal, its last day, the provision */
            review->basis = g_strdup_printf (_("The appeal (%s) could be filed until %s. Judicial "
                                               "review only follows once appeals are exhausted "
                                               "(%s), and an appeal left to lapse may not count: "
                                               "verify before relying on judicial review."),
                                             redress_remedy_label (appeal->code), by,
                                             why ? why : "");
          review->available = FALSE;
          g_clear_pointer (&review->deadline, g_free);
          g_clear_pointer (&review->file_by, g_free);
          review->moved = FALSE;
          review->days_left = 0;
        }
  }

  return g_steal_pointer (&remedies);
}

/**
 * redress_notes_request_compute:
 * @today: (nullable): the day to count from; %NULL for today
 *
 * Returns: (transfer full): where the request for the officer's notes stands
 */
RedressNotesRequest *
redress_notes_request_compute (RedressCase  *kase,
                               const GDate  *today,
                               GError      **error)
{
  g_autoptr(RedressNotesRequest) request = g_new0 (RedressNotesRequest, 1);
  const char *requested;
  const char *received;
  GKeyFile *keyfile;
  GDate day, due;
  int days;

  g_return_val_if_fail (REDRESS_IS_CASE (kase), NULL);

  keyfile = rules (error);
  if (keyfile == NULL)
    return NULL;

  requested = redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_REQUESTED);
  received = redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED);
  request->source = rule_string (keyfile, "notes-request", "source");
  days = rule_int (keyfile, "notes-request", "days");

  if (today != NULL)
    day = *today;
  else
    redress_date_today (&day);

  if (requested == NULL)
    {
      request->basis = g_strdup (_("Not requested yet. The officer’s notes say why the "
                                   "application was refused: request them now."));
      return g_steal_pointer (&request);
    }

  g_date_clear (&due, 1);
  if (!redress_date_parse (requested, &due, error))
    return NULL;
  request->requested = g_strdup (requested);
  g_date_add_days (&due, (guint) MAX (days, 0));
  request->due = iso (&due);
  request->days_left = redress_date_days_between (&day, &due);

  {
    g_autofree char *requested_text = redress_date_format_long (requested);
    g_autofree char *due_text = long_date (&due);

    if (received != NULL)
      {
        g_autofree char *received_text = redress_date_format_long (received);

        request->received = g_strdup (received);
        request->basis = g_strdup_printf (_("Received on %s (requested on %s)."),
                                          received_text, requested_text);
      }
    else if (request->days_left < 0)
      {
        request->overdue = TRUE;
        /* Translators: due date, days after the request, request date, days late, source */
        request->basis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Due on %s (%d days after the request of "
                                                       "%s): overdue by %d day. The request is "
                                                       "deemed refused: a complaint can be filed "
                                                       "(%s).",
                                                       "Due on %s (%d days after the request of "
                                                       "%s): overdue by %d days. The request is "
                                                       "deemed refused: a complaint can be filed "
                                                       "(%s).",
                                                       -request->days_left),
                                          due_text, days, requested_text, -request->days_left,
                                          request->source);
      }
    else
      request->basis = g_strdup_printf (_("Due on %s (%d days after the request of %s; %s)."),
                                        due_text, days, requested_text, request->source);
  }
  return g_steal_pointer (&request);
}

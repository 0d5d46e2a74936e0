/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "store-fixture.h"

/*
 * The deadline engine, rule by rule: each row of the tables below is a
 * case's facts and what every remedy must say about it.  Expected dates
 * are calendar facts written out by hand (checked against a calendar), not
 * copies of the engine's output; each row is also checked against the
 * invariants every answer must keep (a moved deadline falls on a
 * non-working day and moves to the next working one, the days left count
 * to the day to file by, every explanation names its source).
 */

/* Remedies ----------------------------------------------------------------- */

/* What one remedy must be.  All zero: the remedy does not apply. */
typedef struct
{
  gboolean available;
  const char *deadline;     /* the statutory last day, NULL for none */
  const char *file_by;
  int days_left;
  const char *not_before;
  const char *basis_has;    /* nullable: words the basis must contain */
} Expect;

#define NOT_APPLICABLE { FALSE, NULL, NULL, 0, NULL, NULL }
#define OPEN { TRUE, NULL, NULL, 0, NULL, NULL }
/* Open until @file_by inclusive: closed once the days left are negative */
#define DUE(deadline, file_by, days) { (days) >= 0, deadline, file_by, days, NULL, NULL }
#define DUE_WHY(deadline, file_by, days, why) { (days) >= 0, deadline, file_by, days, NULL, why }
/* Judicial review waits for the appeal named */
#define AFTER_APPEAL(appeal) { FALSE, NULL, NULL, 0, NULL, appeal }
#define BARRED_UNTIL(day) { FALSE, NULL, NULL, 0, day, "misrepresentation finding" }
#define BAR_OVER(day) { TRUE, NULL, NULL, 0, day, "misrepresentation finding" }

typedef struct
{
  const char *name;
  const char *type;
  gboolean in_canada;
  const char *decision;
  const char *received;     /* nullable */
  const char *expiry;       /* nullable */
  gboolean misrepresentation;
  const char *today;

  Expect review;
  Expect sponsorship;
  Expect residency;
  Expect removal;
  Expect restoration;
  Expect new_application;   /* without misrepresentation: always open, no bar */
} Row;

#define SPONSORSHIP_APPEAL "Sponsorship appeal to the IAD"
#define RESIDENCY_APPEAL "Residency-obligation appeal to the IAD"
#define REMOVAL_APPEAL "Removal-order appeal to the IAD"

/*
 * 2026-03-02 is a Monday: +15 is Tuesday 17 March, +30 Wednesday 1 April,
 * +60 Friday 1 May, +90 Sunday 31 May (filed Monday 1 June).
 */
static const Row rows[] = {
  /* Every application type, in and outside Canada */
  { "visitor-visa/in", "visitor-visa", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE_WHY ("2026-03-17", "2026-03-17", 15, "decision was made in Canada") },
  { "visitor-visa/outside", "visitor-visa", FALSE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE_WHY ("2026-05-01", "2026-05-01", 60, "decision was made outside Canada") },
  { "visitor-record/in", "visitor-record", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE_WHY ("2026-05-31", "2026-06-01", 91, "no status expiry is recorded") },
  { "visitor-record/outside", "visitor-record", FALSE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "study-permit/in", "study-permit", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  { "study-permit/outside", "study-permit", FALSE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "study-permit-extension/in", "study-permit-extension", TRUE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE ("2026-05-31", "2026-06-01", 91) },
  { "study-permit-extension/outside", "study-permit-extension", FALSE, "2026-03-02", NULL, NULL,
    FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "work-permit/in", "work-permit", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  { "work-permit/outside", "work-permit", FALSE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "work-permit-extension/in", "work-permit-extension", TRUE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE ("2026-05-31", "2026-06-01", 91) },
  { "work-permit-extension/outside", "work-permit-extension", FALSE, "2026-03-02", NULL, NULL,
    FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "sponsorship-family-class/in", "sponsorship-family-class", TRUE, "2026-03-02", NULL, NULL,
    FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  /* The appeal comes first; judicial review only once it is exhausted */
  { "sponsorship-family-class/outside", "sponsorship-family-class", FALSE, "2026-03-02", NULL,
    NULL, FALSE, "2026-03-02",
    .review = AFTER_APPEAL (SPONSORSHIP_APPEAL),
    .sponsorship = DUE ("2026-04-01", "2026-04-01", 30) },
  /* An inland spousal refusal has no appeal: judicial review, 15 days */
  { "spousal-in-canada/in", "spousal-in-canada", TRUE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  { "spousal-in-canada/outside", "spousal-in-canada", FALSE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "permanent-residence-economic/in", "permanent-residence-economic", TRUE, "2026-03-02", NULL,
    NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  { "permanent-residence-economic/outside", "permanent-residence-economic", FALSE, "2026-03-02",
    NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },
  { "pr-travel-document/in", "pr-travel-document", TRUE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = AFTER_APPEAL (REMOVAL_APPEAL),
    .removal = DUE ("2026-04-01", "2026-04-01", 30) },
  { "pr-travel-document/outside", "pr-travel-document", FALSE, "2026-03-02", NULL, NULL, FALSE,
    "2026-03-02",
    .review = AFTER_APPEAL (RESIDENCY_APPEAL),
    .residency = DUE ("2026-05-01", "2026-05-01", 60) },
  { "other/in", "other", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15) },
  { "other/outside", "other", FALSE, "2026-03-02", NULL, NULL, FALSE, "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60) },

  /* The letter reached the client later: the periods counted from
   * notification start at the receipt (2026-03-12); restoration still
   * counts from the loss of status */
  { "received-later/outside", "visitor-visa", FALSE, "2026-03-02", "2026-03-12", NULL, FALSE,
    "2026-03-02",
    .review = DUE_WHY ("2026-05-11", "2026-05-11", 70, "the day the client received") },
  { "received-later/in", "study-permit-extension", TRUE, "2026-03-02", "2026-03-12", NULL, FALSE,
    "2026-03-02",
    .review = DUE_WHY ("2026-03-27", "2026-03-27", 25, "12 March 2026"),
    .restoration = DUE ("2026-05-31", "2026-06-01", 91) },
  { "received-later/appeal", "sponsorship-family-class", FALSE, "2026-03-02", "2026-03-12", NULL,
    FALSE, "2026-03-02",
    /* The appeal's 30 days end on Saturday 11 April: not extended */
    .review = AFTER_APPEAL ("11 April 2026"),
    .sponsorship = DUE_WHY ("2026-04-11", "2026-04-11", 40, "not extended to the Monday") },
  { "received-same-day", "other", TRUE, "2026-03-02", "2026-03-02", NULL, FALSE, "2026-03-02",
    .review = DUE_WHY ("2026-03-17", "2026-03-17", 15, "the day the client received") },

  /* Restoration: 90 days from the loss of status, the later of the
   * refusal and the status expiry */
  { "restoration/expiry-before-refusal", "visitor-record", TRUE, "2026-03-02", NULL, "2026-02-01",
    FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE_WHY ("2026-05-31", "2026-06-01", 91, "the refusal, later than the status "
                            "expiry") },
  { "restoration/expiry-same-day", "work-permit-extension", TRUE, "2026-03-02", NULL, "2026-03-02",
    FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE ("2026-05-31", "2026-06-01", 91) },
  { "restoration/expiry-after-refusal", "visitor-record", TRUE, "2026-03-02", NULL, "2026-04-15",
    FALSE, "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE_WHY ("2026-07-14", "2026-07-14", 134, "the status expiry, later than the "
                            "refusal") },
  { "restoration/ended", "work-permit-extension", TRUE, "2026-03-02", NULL, NULL, FALSE,
    "2026-06-02",
    .review = DUE ("2026-03-17", "2026-03-17", -77),
    .restoration = DUE_WHY ("2026-05-31", "2026-06-01", -1, "The period ended on 1 June 2026") },

  /* Month ends, leap years, year ends */
  { "month-end/30-days", "sponsorship-family-class", FALSE, "2026-01-31", NULL, NULL, FALSE,
    "2026-01-31",
    .review = AFTER_APPEAL (SPONSORSHIP_APPEAL),
    .sponsorship = DUE ("2026-03-02", "2026-03-02", 30) },
  { "month-end/60-days", "other", FALSE, "2026-01-31", NULL, NULL, FALSE, "2026-01-31",
    .review = DUE ("2026-04-01", "2026-04-01", 60) },
  { "leap-year/15-days", "visitor-record", TRUE, "2028-02-14", NULL, NULL, FALSE, "2028-02-14",
    .review = DUE ("2028-02-29", "2028-02-29", 15),
    .restoration = DUE ("2028-05-14", "2028-05-15", 91) },
  { "leap-year/60-days-across-the-year", "visitor-visa", FALSE, "2027-12-31", NULL, NULL, FALSE,
    "2027-12-31",
    .review = DUE ("2028-02-29", "2028-02-29", 60) },
  { "leap-year/not-in-2027", "other", TRUE, "2027-02-14", NULL, NULL, FALSE, "2027-02-14",
    .review = DUE ("2027-03-01", "2027-03-01", 15) },
  /* 2027-01-01 is a holiday inside the period: only the last day matters */
  { "year-end", "visitor-record", TRUE, "2026-12-20", NULL, NULL, FALSE, "2026-12-20",
    .review = DUE ("2027-01-04", "2027-01-04", 15),
    /* Restoration ends on Saturday 20 March 2027: not extended (only the
     * Federal Court counts Saturdays as holidays) */
    .restoration = DUE_WHY ("2027-03-20", "2027-03-20", 90, "not extended to the Monday") },

  /* Weekends: the deadline stays, the day to file by moves */
  { "weekend/saturday", "other", TRUE, "2026-06-05", NULL, NULL, FALSE, "2026-06-05",
    .review = DUE_WHY ("2026-06-20", "2026-06-22", 17, "20 June 2026, a Saturday") },
  { "weekend/sunday", "other", TRUE, "2026-06-06", NULL, NULL, FALSE, "2026-06-06",
    .review = DUE_WHY ("2026-06-21", "2026-06-22", 16, "a Sunday") },
  { "weekend/last-day-to-file", "other", TRUE, "2026-06-05", NULL, NULL, FALSE, "2026-06-22",
    .review = DUE ("2026-06-20", "2026-06-22", 0) },
  { "weekend/day-after", "other", TRUE, "2026-06-05", NULL, NULL, FALSE, "2026-06-23",
    .review = DUE_WHY ("2026-06-20", "2026-06-22", -1, "The period ended on 22 June 2026") },

  /* Federal holidays of 2026 */
  { "holiday/canada-day", "other", TRUE, "2026-06-16", NULL, NULL, FALSE, "2026-06-16",
    .review = DUE_WHY ("2026-07-01", "2026-07-02", 16, "Canada Day") },
  { "holiday/good-friday", "other", TRUE, "2026-03-19", NULL, NULL, FALSE, "2026-03-19",
    .review = DUE_WHY ("2026-04-03", "2026-04-07", 19, "Good Friday") },
  { "holiday/easter-monday", "other", TRUE, "2026-03-22", NULL, NULL, FALSE, "2026-03-22",
    .review = DUE_WHY ("2026-04-06", "2026-04-07", 16, "Easter Monday") },
  { "holiday/victoria-day", "other", TRUE, "2026-05-03", NULL, NULL, FALSE, "2026-05-03",
    .review = DUE_WHY ("2026-05-18", "2026-05-19", 16, "Victoria Day") },
  { "holiday/labour-day", "other", TRUE, "2026-08-23", NULL, NULL, FALSE, "2026-08-23",
    .review = DUE_WHY ("2026-09-07", "2026-09-08", 16, "Labour Day") },
  { "holiday/truth-and-reconciliation", "other", TRUE, "2026-09-15", NULL, NULL, FALSE,
    "2026-09-15",
    .review = DUE_WHY ("2026-09-30", "2026-10-01", 16, "National Day for Truth and "
                       "Reconciliation") },
  { "holiday/thanksgiving", "other", TRUE, "2026-09-27", NULL, NULL, FALSE, "2026-09-27",
    .review = DUE_WHY ("2026-10-12", "2026-10-13", 16, "Thanksgiving Day") },
  { "holiday/remembrance-day", "other", TRUE, "2026-10-27", NULL, NULL, FALSE, "2026-10-27",
    .review = DUE_WHY ("2026-11-11", "2026-11-12", 16, "Remembrance Day") },
  /* Christmas on a Friday, Boxing Day on a Saturday: Monday 28 */
  { "holiday/christmas", "other", TRUE, "2026-12-10", NULL, NULL, FALSE, "2026-12-10",
    .review = DUE_WHY ("2026-12-25", "2026-12-28", 18, "Christmas Day") },
  { "holiday/boxing-day-on-saturday", "other", TRUE, "2026-12-11", NULL, NULL, FALSE, "2026-12-11",
    .review = DUE ("2026-12-26", "2026-12-28", 17) },
  { "holiday/new-years-day", "other", TRUE, "2026-12-17", NULL, NULL, FALSE, "2026-12-17",
    .review = DUE_WHY ("2027-01-01", "2027-01-04", 18, "New Year’s Day") },
  { "holiday/restoration-on-boxing-day", "visitor-record", TRUE, "2026-09-27", NULL, NULL, FALSE,
    "2026-09-27",
    .review = DUE ("2026-10-12", "2026-10-13", 16),
    .restoration = DUE ("2026-12-26", "2026-12-28", 92) },

  /* Past deadlines */
  { "past/review", "other", TRUE, "2026-03-02", NULL, NULL, FALSE, "2026-04-01",
    .review = DUE_WHY ("2026-03-17", "2026-03-17", -15, "The period ended on 17 March 2026") },
  { "past/appeal", "pr-travel-document", FALSE, "2026-03-02", NULL, NULL, FALSE, "2026-05-02",
    .review = AFTER_APPEAL ("left to lapse may not count"),
    .residency = DUE_WHY ("2026-05-01", "2026-05-01", -1, "The period ended on 1 May 2026") },
  /* Once the sponsorship appeal's 30 days have passed, judicial review is
   * not offered as open: an appeal left to lapse may not count as
   * exhausted (IRPA s.72(2)(a)), and the basis says so */
  { "past/appeal-lapsed", "sponsorship-family-class", FALSE, "2026-03-02", NULL, NULL, FALSE,
    "2026-04-02",
    .review = AFTER_APPEAL ("left to lapse may not count"),
    .sponsorship = DUE ("2026-04-01", "2026-04-01", -1) },
  { "past/appeal-last-day", "sponsorship-family-class", FALSE, "2026-03-02", NULL, NULL, FALSE,
    "2026-04-01",
    .review = AFTER_APPEAL ("1 April 2026"),
    .sponsorship = DUE ("2026-04-01", "2026-04-01", 0) },

  /* Misrepresentation (A40): no new application during the five years
   * following the finding, so the first free day is the day after the
   * anniversary; the other remedies are untouched */
  { "misrepresentation/barred", "visitor-visa", FALSE, "2026-03-02", NULL, NULL, TRUE,
    "2026-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", 60),
    .new_application = BARRED_UNTIL ("2031-03-03") },
  { "misrepresentation/anniversary", "visitor-visa", FALSE, "2026-03-02", NULL, NULL, TRUE,
    "2031-03-02",
    .review = DUE ("2026-05-01", "2026-05-01", -1766),
    .new_application = BARRED_UNTIL ("2031-03-03") },
  { "misrepresentation/over", "visitor-visa", FALSE, "2026-03-02", NULL, NULL, TRUE,
    "2031-03-03",
    .review = DUE ("2026-05-01", "2026-05-01", -1767),
    .new_application = BAR_OVER ("2031-03-03") },
  /* g_date_add_years() clamps 29 February to 28 February in a common year:
   * the bar of a decision of 2028-02-29 runs to 2033-02-28 */
  { "misrepresentation/leap-day", "study-permit", FALSE, "2028-02-29", NULL, NULL, TRUE,
    "2033-02-28",
    .review = DUE ("2028-04-29", "2028-05-01", -1764),
    .new_application = BARRED_UNTIL ("2033-03-01") },
  { "misrepresentation/leap-day-over", "study-permit", FALSE, "2028-02-29", NULL, NULL, TRUE,
    "2033-03-01",
    .review = DUE ("2028-04-29", "2028-05-01", -1765),
    .new_application = BAR_OVER ("2033-03-01") },
  { "misrepresentation/in-canada", "work-permit-extension", TRUE, "2026-03-02", NULL, NULL, TRUE,
    "2026-03-02",
    .review = DUE ("2026-03-17", "2026-03-17", 15),
    .restoration = DUE ("2026-05-31", "2026-06-01", 91),
    .new_application = BARRED_UNTIL ("2031-03-03") },
};

static void
parse (const char *text,
       GDate      *date)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  redress_date_parse (text, date, &error);
  g_assert_no_error (error);
}

static RedressCase *
case_new (const char *type,
          gboolean    in_canada,
          const char *decision,
          const char *received,
          const char *expiry)
{
  RedressCase *kase = redress_case_new (1);
  RedressRecord *record = REDRESS_RECORD (kase);

  redress_record_set_value (record, REDRESS_CASE_APPLICATION_TYPE, type);
  redress_record_set_value (record, REDRESS_CASE_DECIDED_IN_CANADA, in_canada ? "true" : "false");
  redress_record_set_value (record, REDRESS_CASE_DECISION_DATE, decision);
  redress_record_set_value (record, REDRESS_CASE_RECEIVED_DATE, received);
  redress_record_set_value (record, REDRESS_CASE_STATUS_EXPIRY, expiry);
  return kase;
}

#define assert_contains(haystack, needle)                                          \
  G_STMT_START {                                                                   \
    const char *h_ = (haystack), *n_ = (needle);                                   \
    if (h_ == NULL || strstr (h_, n_) == NULL)                                     \
      g_error ("“%s” was expected in “%s”", n_, h_ ? h_ : "(null)");               \
  } G_STMT_END

/* What must hold of any answer, whatever the facts */
static void
check_invariants (const RedressRemedy *remedy,
                  const GDate         *today)
{
  g_assert_nonnull (remedy->basis);
  g_assert_cmpstr (remedy->basis, !=, "");
  g_assert_nonnull (remedy->source);
  g_assert_cmpstr (remedy->source, !=, "");

  /* Nothing it says is unsourced */
  if (g_str_equal (remedy->code, "judicial-review"))
    assert_contains (remedy->basis, "IRPA s.72");
  else
    assert_contains (remedy->basis, remedy->source);

  if (remedy->deadline == NULL)
    {
      g_assert_null (remedy->file_by);
      g_assert_false (remedy->moved);
      g_assert_cmpint (remedy->days_left, ==, 0);
      return;
    }

  {
    GDate deadline, file_by, day;
    g_autofree char *why = NULL;
    g_autofree char *file_by_long = redress_date_format_long (remedy->file_by);

    g_assert_nonnull (remedy->file_by);
    parse (remedy->deadline, &deadline);
    parse (remedy->file_by, &file_by);
    g_assert_cmpint (g_date_compare (&file_by, &deadline), >=, 0);
    g_assert_cmpint (remedy->moved, ==, g_date_compare (&file_by, &deadline) != 0);
    g_assert_cmpint (remedy->days_left, ==, g_date_days_between (today, &file_by));
    g_assert_cmpint (remedy->available, ==, remedy->days_left >= 0);

    /* The day to file by is the first day from the deadline on that the
     * period is not extended over: for the Federal Court a working day;
     * elsewhere a Saturday stands (the Interpretation Act extends periods
     * only past holidays) */
    if (g_str_equal (remedy->code, "judicial-review"))
      g_assert_true (redress_date_is_working_day (&file_by, NULL));
    else
      g_assert_true (redress_date_is_working_day (&file_by, NULL) ||
                     g_date_get_weekday (&file_by) == G_DATE_SATURDAY);
    for (day = deadline; g_date_compare (&day, &file_by) < 0; g_date_add_days (&day, 1))
      g_assert_false (redress_date_is_working_day (&day, NULL));
    if (!g_str_equal (remedy->code, "judicial-review") &&
        !redress_date_is_working_day (&deadline, &why) && g_str_equal (why, "a Saturday"))
      {
        g_assert_false (remedy->moved);
        assert_contains (remedy->basis, "not extended");
      }

    if (remedy->moved)
      {
        /* ... and the basis says why, and by which rule */
        g_clear_pointer (&why, g_free);
        g_assert_false (redress_date_is_working_day (&deadline, &why));
        assert_contains (remedy->basis, why);
        assert_contains (remedy->basis, file_by_long);
        assert_contains (remedy->basis, "next working day");
        assert_contains (remedy->basis, "Interpretation Act s.26");
      }
    if (!remedy->available)
      {
        /* ... ended on the last day to file, not on a day it was moved from */
        g_autofree char *ended = g_strdup_printf ("The period ended on %s.", file_by_long);
        assert_contains (remedy->basis, ended);
      }
  }
}

static void
check_remedy (const RedressRemedy *remedy,
              const Expect        *expect,
              const GDate         *today)
{
  g_test_message ("%s: %s", remedy->code, remedy->basis);
  check_invariants (remedy, today);

  g_assert_cmpint (remedy->available, ==, expect->available);
  g_assert_cmpstr (remedy->deadline, ==, expect->deadline);
  g_assert_cmpstr (remedy->file_by, ==, expect->file_by);
  if (expect->deadline != NULL)
    g_assert_cmpint (remedy->days_left, ==, expect->days_left);
  g_assert_cmpstr (remedy->not_before, ==, expect->not_before);
  if (expect->basis_has != NULL)
    assert_contains (remedy->basis, expect->basis_has);

  /* Not applicable: the basis says what it is only for */
  if (!expect->available && expect->deadline == NULL && expect->not_before == NULL &&
      expect->basis_has == NULL)
    assert_contains (remedy->basis, "Only for");
}

static void
test_remedies_row (gconstpointer data)
{
  const Row *row = data;
  g_autoptr(RedressCase) kase = case_new (row->type, row->in_canada, row->decision,
                                          row->received, row->expiry);
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *codes = redress_remedy_codes ();
  const Expect open = OPEN;
  const Expect no_bar = {
    TRUE, NULL, NULL, 0, NULL, "Only a misrepresentation finding would bar it"
  };
  const Expect *expected[] = {
    &row->review, &row->sponsorship, &row->residency, &row->removal, &row->restoration,
    row->misrepresentation ? &row->new_application : &no_bar, &open, &open,
  };
  GDate today;

  parse (row->today, &today);
  remedies = redress_remedies_compute (kase, row->misrepresentation, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remedies);
  g_assert_cmpuint (remedies->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (g_strv_length ((char **) codes), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < remedies->len; i++)
    {
      RedressRemedy *remedy = g_ptr_array_index (remedies, i);

      g_assert_cmpstr (remedy->code, ==, codes[i]);
      check_remedy (remedy, expected[i], &today);
    }
}

static void
test_remedies_codes (void)
{
  static const char *expected[] = {
    "judicial-review", "iad-sponsorship-appeal", "iad-residency-appeal", "iad-removal-appeal",
    "restoration", "new-application", "reconsideration", "humanitarian", NULL
  };
  const char * const *codes = redress_remedy_codes ();

  g_assert_cmpstrv (codes, expected);
  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_cmpstr (redress_remedy_label (codes[i]), !=, codes[i]);
  g_assert_cmpstr (redress_remedy_label ("judicial-review"), ==, "Judicial review");
  g_assert_cmpstr (redress_remedy_label ("notes-request"), ==, "Officer’s notes request");
  g_assert_cmpstr (redress_remedy_label ("no-such-remedy"), ==, "no-such-remedy");
}

/* Facts the engine cannot count from are refused, with a message */
static void
test_remedies_missing_facts (void)
{
  g_autoptr(RedressCase) no_type = case_new (NULL, TRUE, "2026-03-02", NULL, NULL);
  g_autoptr(RedressCase) no_date = case_new ("other", TRUE, NULL, NULL, NULL);
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  parse ("2026-03-02", &today);
  remedies = redress_remedies_compute (no_type, FALSE, &today, &error);
  g_assert_null (remedies);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);

  remedies = redress_remedies_compute (no_date, FALSE, &today, &error);
  g_assert_null (remedies);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  assert_contains (error->message, "decision date");
}

/* Without a day given, the engine counts from today */
static void
test_remedies_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -3);
  g_autofree char *decision = g_date_time_format (earlier, "%Y-%m-%d");
  g_autoptr(RedressCase) kase = case_new ("other", FALSE, decision, NULL, NULL);
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(GError) error = NULL;
  RedressRemedy *review;
  GDate today, file_by;

  remedies = redress_remedies_compute (kase, FALSE, NULL, &error);
  g_assert_no_error (error);
  review = g_ptr_array_index (remedies, 0);
  redress_date_today (&today);
  parse (review->file_by, &file_by);
  g_assert_cmpint (review->days_left, ==, g_date_days_between (&today, &file_by));
  g_assert_cmpint (review->days_left, >=, 57);
}

/* Working days ---------------------------------------------------------------- */

typedef struct
{
  const char *date;
  gboolean working;
  const char *why;      /* when not working */
} WorkingDay;

static const WorkingDay working_days[] = {
  /* Good Friday and Easter Monday around Easter 2024-03-31, 2025-04-20,
   * 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21 */
  { "2024-03-29", FALSE, "Good Friday" }, { "2024-03-31", FALSE, "a Sunday" },
  { "2024-04-01", FALSE, "Easter Monday" },
  { "2025-04-18", FALSE, "Good Friday" }, { "2025-04-21", FALSE, "Easter Monday" },
  { "2026-04-03", FALSE, "Good Friday" }, { "2026-04-06", FALSE, "Easter Monday" },
  { "2027-03-26", FALSE, "Good Friday" }, { "2027-03-29", FALSE, "Easter Monday" },
  { "2028-04-14", FALSE, "Good Friday" }, { "2028-04-17", FALSE, "Easter Monday" },
  { "2029-03-30", FALSE, "Good Friday" }, { "2029-04-02", FALSE, "Easter Monday" },
  { "2030-04-19", FALSE, "Good Friday" }, { "2030-04-22", FALSE, "Easter Monday" },
  /* Victoria Day: the Monday before 25 May (24 May itself in 2027) */
  { "2024-05-20", FALSE, "Victoria Day" }, { "2025-05-19", FALSE, "Victoria Day" },
  { "2026-05-18", FALSE, "Victoria Day" }, { "2027-05-24", FALSE, "Victoria Day" },
  { "2028-05-22", FALSE, "Victoria Day" }, { "2029-05-21", FALSE, "Victoria Day" },
  { "2030-05-20", FALSE, "Victoria Day" },
  /* Labour Day, first Monday of September; Thanksgiving, second of October */
  { "2024-09-02", FALSE, "Labour Day" }, { "2027-09-06", FALSE, "Labour Day" },
  { "2030-09-02", FALSE, "Labour Day" },
  { "2024-10-14", FALSE, "Thanksgiving Day" }, { "2028-10-09", FALSE, "Thanksgiving Day" },
  { "2030-10-14", FALSE, "Thanksgiving Day" },
  /* Fixed dates on weekdays */
  { "2025-01-01", FALSE, "New Year’s Day" }, { "2030-01-01", FALSE, "New Year’s Day" },
  { "2025-07-01", FALSE, "Canada Day" }, { "2026-07-01", FALSE, "Canada Day" },
  { "2025-09-30", FALSE, "National Day for Truth and Reconciliation" },
  { "2025-11-11", FALSE, "Remembrance Day" },
  { "2024-12-25", FALSE, "Christmas Day" }, { "2024-12-26", FALSE, "Boxing Day" },
  { "2029-12-25", FALSE, "Christmas Day" }, { "2029-12-26", FALSE, "Boxing Day" },
  /* A holiday on a weekend is named as the holiday */
  { "2026-12-26", FALSE, "Boxing Day" }, { "2027-12-25", FALSE, "Christmas Day" },
  /* Truth and Reconciliation Day exists since 2021 */
  { "2020-09-30", TRUE, NULL },
  { "2021-09-30", FALSE, "National Day for Truth and Reconciliation" },
  /* Ordinary days, some next to holidays */
  { "2026-03-02", TRUE, NULL }, { "2026-04-02", TRUE, NULL }, { "2026-04-07", TRUE, NULL },
  { "2027-05-25", TRUE, NULL }, { "2027-12-24", TRUE, NULL }, { "2026-12-31", TRUE, NULL },
  { "2028-02-29", TRUE, NULL }, { "2026-11-12", TRUE, NULL },
  /* Provincial days are not federal holidays */
  { "2024-08-05", TRUE, NULL }, { "2026-02-16", TRUE, NULL },
};

static void
test_working_days (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (working_days); i++)
    {
      const WorkingDay *w = &working_days[i];
      g_autofree char *why = NULL;
      GDate date;

      g_test_message ("%s", w->date);
      parse (w->date, &date);
      g_assert_cmpint (redress_date_is_working_day (&date, &why), ==, w->working);
      g_assert_cmpstr (why, ==, w->why);
      /* Without the reason too */
      g_assert_cmpint (redress_date_is_working_day (&date, NULL), ==, w->working);
    }
}

static void
test_next_working_day (void)
{
  static const struct { const char *from, *to; } cases[] = {
    { "2026-04-03", "2026-04-07" },     /* Good Friday to the Tuesday after Easter */
    { "2026-12-25", "2026-12-28" },
    { "2027-12-25", "2027-12-27" },     /* Christmas on Saturday: Boxing Day is the Sunday */
    { "2026-06-20", "2026-06-22" },
    { "2026-03-02", "2026-03-02" },     /* a working day stays */
    { "2027-12-31", "2027-12-31" },
    { "2028-12-30", "2029-01-02" },     /* a Saturday before New Year's Day */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *iso = NULL;

      parse (cases[i].from, &date);
      redress_date_next_working_day (&date);
      iso = redress_date_format_iso (&date);
      g_assert_cmpstr (iso, ==, cases[i].to);
    }
}

static void
test_days_between (void)
{
  GDate a, b;

  parse ("2028-02-28", &a);
  parse ("2028-03-01", &b);
  g_assert_cmpint (redress_date_days_between (&a, &b), ==, 2);
  g_assert_cmpint (redress_date_days_between (&b, &a), ==, -2);
  parse ("2026-12-31", &a);
  parse ("2027-01-01", &b);
  g_assert_cmpint (redress_date_days_between (&a, &b), ==, 1);
}

/* The officer's notes request -------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *requested;
  const char *received;
  const char *today;
  const char *due;
  gboolean overdue;
  int days_left;
  const char *basis_has;
} NotesRow;

static const NotesRow notes_rows[] = {
  { "not-requested", NULL, NULL, "2026-03-02", NULL, FALSE, 0, "Not requested yet" },
  { "awaited", "2026-03-02", NULL, "2026-03-10", "2026-04-01", FALSE, 22, "Due on 1 April 2026" },
  { "due-today", "2026-03-02", NULL, "2026-04-01", "2026-04-01", FALSE, 0, "Due on 1 April 2026" },
  { "overdue-one-day", "2026-03-02", NULL, "2026-04-02", "2026-04-01", TRUE, -1,
    "overdue by 1 day. The request is deemed refused" },
  { "overdue", "2026-03-02", NULL, "2026-04-11", "2026-04-01", TRUE, -10,
    "overdue by 10 days. The request is deemed refused: a complaint can be filed" },
  { "received", "2026-03-02", "2026-03-20", "2026-04-20", "2026-04-01", FALSE, -19,
    "Received on 20 March 2026 (requested on 2 March 2026)" },
  { "received-late", "2026-03-02", "2026-04-15", "2026-04-20", "2026-04-01", FALSE, -19,
    "Received on 15 April 2026" },
  { "month-end", "2026-01-31", NULL, "2026-01-31", "2026-03-02", FALSE, 30, "2 March 2026" },
  { "leap-year", "2028-01-30", NULL, "2028-02-01", "2028-02-29", FALSE, 28, "29 February 2028" },
  { "year-end", "2026-12-15", NULL, "2027-01-15", "2027-01-14", TRUE, -1, "deemed refused" },
};

static void
test_notes_request_row (gconstpointer data)
{
  const NotesRow *row = data;
  g_autoptr(RedressCase) kase = case_new ("visitor-visa", FALSE, "2026-01-15", NULL, NULL);
  g_autoptr(RedressNotesRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_REQUESTED, row->requested);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED, row->received);
  parse (row->today, &today);

  request = redress_notes_request_compute (kase, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_test_message ("%s", request->basis);

  g_assert_cmpstr (request->requested, ==, row->requested);
  g_assert_cmpstr (request->received, ==, row->received);
  g_assert_cmpstr (request->due, ==, row->due);
  g_assert_cmpint (request->overdue, ==, row->overdue);
  if (row->due != NULL)
    g_assert_cmpint (request->days_left, ==, row->days_left);
  assert_contains (request->basis, row->basis_has);
  g_assert_nonnull (request->source);
  /* A date it computed names the provisions */
  if (row->due != NULL && row->received == NULL)
    assert_contains (request->basis, request->source);
}

/* Deadlines across cases ---------------------------------------------------------- */

typedef StoreFixture Fixture;

static gint64
add_case (RedressStore *store,
          RedressClient *client,
          const char   *type,
          gboolean      in_canada,
          const char   *decision,
          const char   *stage,
          const char   *notes_requested,
          const char   *notes_received)
{
  g_autoptr(RedressCase) kase = case_new (type, in_canada, decision, NULL, NULL);
  g_autoptr(GError) error = NULL;
  RedressRecord *record = REDRESS_RECORD (kase);

  redress_case_set_client_id (kase, redress_record_get_id (REDRESS_RECORD (client)));
  if (stage != NULL)
    redress_record_set_value (record, REDRESS_CASE_STAGE, stage);
  redress_record_set_value (record, REDRESS_CASE_NOTES_REQUESTED, notes_requested);
  redress_record_set_value (record, REDRESS_CASE_NOTES_RECEIVED, notes_received);
  redress_store_insert_case (store, kase, &error);
  g_assert_no_error (error);
  return redress_record_get_id (record);
}

typedef struct
{
  gint64 case_id;
  const char *kind;
  const char *due;
  const char *statutory;
  int days_left;
} ExpectDeadline;

static void
assert_deadlines (GPtrArray            *deadlines,
                  const ExpectDeadline *expected,
                  guint                 n_expected)
{
  for (guint i = 0; i < deadlines->len; i++)
    {
      RedressDeadline *d = g_ptr_array_index (deadlines, i);
      g_test_message ("%u: case %" G_GINT64_FORMAT " %s %s (%d)", i,
                      redress_deadline_get_case_id (d), redress_deadline_get_kind (d),
                      redress_deadline_get_due (d), redress_deadline_get_days_left (d));
    }
  g_assert_cmpuint (deadlines->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      RedressDeadline *d = g_ptr_array_index (deadlines, i);

      g_assert_cmpint (redress_deadline_get_case_id (d), ==, expected[i].case_id);
      g_assert_cmpstr (redress_deadline_get_kind (d), ==, expected[i].kind);
      g_assert_cmpstr (redress_deadline_get_due (d), ==, expected[i].due);
      g_assert_cmpstr (redress_deadline_get_statutory (d), ==, expected[i].statutory);
      g_assert_cmpint (redress_deadline_get_days_left (d), ==, expected[i].days_left);
      g_assert_cmpint (redress_deadline_get_overdue (d), ==, expected[i].days_left < 0);
      g_assert_cmpstr (redress_deadline_get_label (d), ==,
                       redress_remedy_label (expected[i].kind));
      g_assert_nonnull (redress_deadline_get_basis (d));
      g_assert_nonnull (redress_deadline_get_case_title (d));
    }
}

static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RedressClient) okafor = test_add_client (f->store, "Okafor", "Chidinma", NULL);
  g_autoptr(RedressClient) haddad = test_add_client (f->store, "Haddad", "Karim", NULL);
  g_autoptr(RedressClient) gone = test_add_client (f->store, "Archived", "Client", NULL);
  g_autoptr(RedressCase) archived_case = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 soon, abroad, missed, atip_overdue, atip_awaited, far;
  GDate today;

  parse ("2026-03-10", &today);

  /* Judicial review, 15 days: 2026-03-17, 7 days left */
  soon = add_case (f->store, okafor, "other", TRUE, "2026-03-02", NULL, NULL, NULL);
  /* 60 days from 2026-02-01: Thursday 2026-04-02, 23 days left */
  abroad = add_case (f->store, okafor, "visitor-visa", FALSE, "2026-02-01", NULL, NULL, NULL);
  /* 15 days from 2026-02-20: Saturday 2026-03-07, filed by Monday 9: missed yesterday */
  missed = add_case (f->store, haddad, "other", TRUE, "2026-02-20", "analysis", NULL, NULL);
  /* Missed long ago (2026-01-16): no longer listed */
  add_case (f->store, haddad, "other", TRUE, "2026-01-01", NULL, NULL, NULL);
  /* Its review was missed long ago, but the notes, asked for on 2026-01-20,
   * were due on 2026-02-19 and have not come */
  atip_overdue = add_case (f->store, haddad, "visitor-visa", FALSE, "2025-10-01",
                           "awaiting-notes", "2026-01-20", NULL);
  /* Notes received: nothing left to wait for */
  add_case (f->store, haddad, "visitor-visa", FALSE, "2025-10-02", "analysis", "2026-01-20",
            "2026-02-10");
  /* Notes asked for on 2026-03-01, due 2026-03-31: 21 days; and a review
   * due 2026-03-20 (15 days from 2026-03-05): 10 days */
  atip_awaited = add_case (f->store, okafor, "other", TRUE, "2026-03-05", "awaiting-notes",
                           "2026-03-01", NULL);
  /* 60 days from 2026-03-09: Friday 2026-05-08, 59 days left */
  far = add_case (f->store, haddad, "visitor-visa", FALSE, "2026-03-09", "preparing", NULL, NULL);

  /* Nothing is followed for closed, submitted or archived cases, nor for
   * the cases of an archived client */
  add_case (f->store, okafor, "other", TRUE, "2026-03-05", "closed", "2026-03-01", NULL);
  add_case (f->store, okafor, "other", TRUE, "2026-03-05", "submitted", "2026-03-01", NULL);
  archived_case = redress_store_get_case (f->store,
                                          add_case (f->store, okafor, "other", TRUE, "2026-03-05",
                                                    NULL, "2026-03-01", NULL),
                                          &error);
  g_assert_no_error (error);
  redress_store_set_archived (f->store, REDRESS_RECORD (archived_case), TRUE, &error);
  g_assert_no_error (error);
  add_case (f->store, gone, "other", TRUE, "2026-03-05", NULL, "2026-03-01", NULL);
  redress_store_set_archived (f->store, REDRESS_RECORD (gone), TRUE, &error);
  g_assert_no_error (error);

  {
    /* Overdue first (the most overdue first), then the nearest */
    const ExpectDeadline all[] = {
      { atip_overdue, "notes-request", "2026-02-19", "2026-02-19", -19 },
      { missed, "judicial-review", "2026-03-09", "2026-03-07", -1 },
      { soon, "judicial-review", "2026-03-17", "2026-03-17", 7 },
      { atip_awaited, "judicial-review", "2026-03-20", "2026-03-20", 10 },
      { atip_awaited, "notes-request", "2026-03-31", "2026-03-31", 21 },
      { abroad, "judicial-review", "2026-04-02", "2026-04-02", 23 },
      { far, "judicial-review", "2026-05-08", "2026-05-08", 59 },
    };

    deadlines = redress_store_list_deadlines (f->store, &today, 60, &error);
    g_assert_no_error (error);
    assert_deadlines (deadlines, all, G_N_ELEMENTS (all));
    g_assert_cmpstr (redress_deadline_get_client_name (g_ptr_array_index (deadlines, 0)), ==,
                     "Haddad, Karim");
    g_assert_cmpint (redress_deadline_get_client_id (g_ptr_array_index (deadlines, 0)), ==,
                     redress_record_get_id (REDRESS_RECORD (haddad)));
    g_clear_pointer (&deadlines, g_ptr_array_unref);

    /* Within 21 days: up to the notes due on the 21st day */
    deadlines = redress_store_list_deadlines (f->store, &today, 21, &error);
    g_assert_no_error (error);
    assert_deadlines (deadlines, all, 5);
    g_clear_pointer (&deadlines, g_ptr_array_unref);

    /* Within 0 days: what is overdue is always there */
    deadlines = redress_store_list_deadlines (f->store, &today, 0, &error);
    g_assert_no_error (error);
    assert_deadlines (deadlines, all, 2);
    g_clear_pointer (&deadlines, g_ptr_array_unref);
  }

  /* Once the notes arrive, the request leaves the list */
  {
    g_autoptr(RedressCase) kase = redress_store_get_case (f->store, atip_overdue, &error);

    g_assert_no_error (error);
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED, "2026-03-09");
    redress_store_update_case (f->store, kase, &error);
    g_assert_no_error (error);
    deadlines = redress_store_list_deadlines (f->store, &today, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (deadlines->len, ==, 1);
    g_assert_cmpint (redress_deadline_get_case_id (g_ptr_array_index (deadlines, 0)), ==, missed);
  }
}

static void
test_deadlines_empty (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  parse ("2026-03-10", &today);
  deadlines = redress_store_list_deadlines (f->store, &today, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deadlines->len, ==, 0);
}

/* The remedy a case's path leads to; an appeal is the IAD appeal open */
static void
test_find_for_path (void)
{
  g_autoptr(GPtrArray) remedies = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_remedy_free);
  const struct { const char *code; gboolean available; } given[] = {
    { "judicial-review", FALSE },
    { "iad-sponsorship-appeal", FALSE },
    { "iad-residency-appeal", TRUE },
    { "iad-removal-appeal", FALSE },
    { "restoration", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      RedressRemedy *remedy = g_new0 (RedressRemedy, 1);

      remedy->code = g_strdup (given[i].code);
      remedy->available = given[i].available;
      g_ptr_array_add (remedies, remedy);
    }
  g_assert_cmpstr (redress_remedies_find_for_path (remedies, "restoration")->code, ==, "restoration");
  g_assert_cmpstr (redress_remedies_find_for_path (remedies, "judicial-review")->code, ==, "judicial-review");
  g_assert_cmpstr (redress_remedies_find_for_path (remedies, "appeal")->code, ==, "iad-residency-appeal");
  g_assert_null (redress_remedies_find_for_path (remedies, "humanitarian"));
  g_assert_null (redress_remedies_find_for_path (remedies, NULL));
  g_assert_null (redress_remedies_find_for_path (NULL, "appeal"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remedies/codes", test_remedies_codes);
  g_test_add_func ("/remedies/missing-facts", test_remedies_missing_facts);
  g_test_add_func ("/remedies/today", test_remedies_today);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/remedies/rule/%s", rows[i].name);
      g_test_add_data_func (path, &rows[i], test_remedies_row);
    }
  g_test_add_func ("/remedies/working-days", test_working_days);
  g_test_add_func ("/remedies/next-working-day", test_next_working_day);
  g_test_add_func ("/remedies/days-between", test_days_between);
  g_test_add_func ("/remedies/find-for-path", test_find_for_path);
  for (guint i = 0; i < G_N_ELEMENTS (notes_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/remedies/notes-request/%s", notes_rows[i].name);
      g_test_add_data_func (path, &notes_rows[i], test_notes_request_row);
    }
  g_test_add ("/deadlines/order-and-filters", Fixture, NULL, store_fixture_setup, test_deadlines,
              store_fixture_teardown);
  g_test_add ("/deadlines/empty", Fixture, NULL, store_fixture_setup, test_deadlines_empty,
              store_fixture_teardown);

  return g_test_run ();
}

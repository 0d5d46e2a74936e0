/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * "remedies" and "deadlines": the days to file by, counted from --today.
 */

static GDateWeekday
iso_weekday (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  return g_date_get_weekday (&date);
}

static void
test_remedies (Fixture       *f,
               gconstpointer  data)
{
  static const char *codes[] = {
    "judicial-review", "iad-sponsorship-appeal", "iad-residency-appeal", "iad-removal-appeal",
    "restoration", "new-application", "reconsideration", "humanitarian",
  };
  static const char *keys[] = {
    "remedy", "available", "deadline", "file_by", "moved", "days_left", "not_before", "basis",
    "source",
  };
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sponsorship = NULL;
  g_autofree char *inland = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *file_by = NULL;
  g_autofree char *until = NULL;
  JsonObject *shown, *remedy, *request;
  JsonArray *remedies;
  gint64 client_id;

  client_id = add_client (f, "Okafor", "Chidinma");
  /* A family-class sponsorship refused abroad, the letter received ten days later */
  sponsorship = g_strdup_printf ("%" G_GINT64_FORMAT,
                                 add_case_with (f, client_id, "sponsorship-family-class", FALSE,
                                                "2026-03-02", "2026-03-12"));
  /* An inland refusal */
  inland = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, client_id, "other", TRUE, "2026-03-02", NULL));

  root = run_json (f, "remedies", "--case", sponsorship, "--today", "2026-03-02", NULL);
  shown = node_object (root);
  g_assert_cmpstr (member_string (shown, "today"), ==, "2026-03-02");
  g_assert_false (member_bool (shown, "misrepresentation"));
  remedies = json_object_get_array_member (shown, "remedies");
  g_assert_cmpuint (json_array_get_length (remedies), ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      remedy = json_array_get_object_element (remedies, i);
      g_assert_cmpstr (member_string (remedy, "remedy"), ==, codes[i]);
      g_assert_cmpuint (json_object_get_size (remedy), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (remedy, keys[k]));
      /* Every remedy says what it rests on (judicial review, waiting for
       * the appeal, cites the paragraph that makes it wait) */
      g_assert_nonnull (member_string (remedy, "source"));
      if (i == 0)
        g_assert_nonnull (strstr (member_string (remedy, "basis"), "IRPA s.72"));
      else
        g_assert_nonnull (strstr (member_string (remedy, "basis"),
                                  member_string (remedy, "source")));
    }

  /* The appeal: 30 days from the receipt, which ends on a Saturday; only
   * the Federal Court extends periods over Saturdays, so the day to file
   * by stays that Saturday, and the basis says so */
  deadline = iso_add_days ("2026-03-12", 30);
  g_assert_cmpint (iso_weekday (deadline), ==, G_DATE_SATURDAY);
  file_by = g_strdup (deadline);
  remedy = find_remedy (shown, "iad-sponsorship-appeal");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "deadline"), ==, deadline);
  g_assert_cmpstr (member_string (remedy, "file_by"), ==, file_by);
  g_assert_false (member_bool (remedy, "moved"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, iso_days_between ("2026-03-02", file_by));
  g_assert_null (member_string (remedy, "not_before"));
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "not extended"));
  g_assert_nonnull (strstr (member_string (remedy, "source"), "IRPA s.63(1)"));

  /* Judicial review waits for the appeal */
  remedy = find_remedy (shown, "judicial-review");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_null (member_string (remedy, "deadline"));
  g_assert_null (member_string (remedy, "file_by"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, G_MININT);
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "appeal"));

  /* No deadline: open, nulls */
  remedy = find_remedy (shown, "humanitarian");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_null (member_string (remedy, "deadline"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, G_MININT);
  g_assert_false (member_bool (find_remedy (shown, "restoration"), "available"));

  /* The notes were never requested */
  request = json_object_get_object_member (shown, "notes_request");
  g_assert_nonnull (request);
  g_assert_null (member_string (request, "requested"));
  g_assert_null (member_string (request, "due"));
  g_assert_null (member_string (request, "received"));
  g_assert_false (member_bool (request, "overdue"));
  g_assert_cmpint (member_int (request, "days_left"), ==, G_MININT);
  g_assert_nonnull (member_string (request, "basis"));
  g_clear_pointer (&root, json_node_unref);

  /* Inland: judicial review, 15 days from the decision (no receipt date) */
  g_free (deadline);
  deadline = iso_add_days ("2026-03-02", 15);
  g_assert_cmpint (iso_weekday (deadline), ==, G_DATE_TUESDAY);
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-10", NULL);
  remedy = find_remedy (node_object (root), "judicial-review");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "deadline"), ==, deadline);
  g_assert_cmpstr (member_string (remedy, "file_by"), ==, deadline);
  g_assert_false (member_bool (remedy, "moved"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, iso_days_between ("2026-03-10", deadline));
  g_assert_false (member_bool (find_remedy (node_object (root), "iad-sponsorship-appeal"),
                               "available"));
  g_clear_pointer (&root, json_node_unref);

  /* Once the period is over */
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-20", NULL);
  remedy = find_remedy (node_object (root), "judicial-review");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, -3);
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "ended"));
  g_clear_pointer (&root, json_node_unref);

  /* --misrepresentation: no new application for five years */
  {
    GDate bar;

    g_date_clear (&bar, 1);
    g_date_set_dmy (&bar, 2, G_DATE_MARCH, 2026);
    g_date_add_years (&bar, 5);
    g_date_add_days (&bar, 1);  /* the five years *following* the finding */
    until = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&bar), g_date_get_month (&bar),
                             g_date_get_day (&bar));
  }
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-10", "--misrepresentation",
                   NULL);
  g_assert_true (member_bool (node_object (root), "misrepresentation"));
  remedy = find_remedy (node_object (root), "new-application");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "not_before"), ==, until);
  g_assert_true (member_bool (find_remedy (node_object (root), "judicial-review"), "available"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "remedies", "--case", inland, "--today", until, "--misrepresentation", NULL);
  g_assert_true (member_bool (find_remedy (node_object (root), "new-application"), "available"));
  g_clear_pointer (&root, json_node_unref);

  /* Human output: one block per remedy; the Saturday that does not extend
   * the period is said */
  r = run_cli (f, "remedies", "--case", sponsorship, "--today", "2026-03-02", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_regex_match_simple ("^Sponsorship appeal to the IAD$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  Status: +Open$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  File by: +11 April 2026$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("not\\s+extended\\s+to\\s+the\\s+Monday", r->out, 0, 0));
  g_assert_true (g_regex_match_simple ("^  Days left: +40 days$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  Source: +IRPA s\\.63\\(1\\)", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Judicial review\\n  Status: +Not available$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Officer’s notes request\\n  Status: +Not requested$",
                                       r->out, G_REGEX_MULTILINE, 0));
  /* Folded to the terminal's width */
  {
    g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 80);
  }
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "remedies", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--misrepresentation"));
  g_assert_nonnull (strstr (r->out, "--today=YYYY-MM-DD"));
  g_assert_nonnull (strstr (r->out, "--case=ID"));
  g_clear_pointer (&r, result_free);

  /* Misuse and refusals */
  r = run_cli (f, "remedies", NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", "abc", NULL);
  assert_error (r, 2, "abc");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", "99", NULL);
  assert_error (r, 1, "no case with id 99");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", inland, "--today", "2026-02-30", "--json", NULL);
  assert_error (r, 1, "--today: ");
  g_assert_nonnull (strstr (r->err, "2026-02-30"));
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", inland, "--today", "tomorrow", NULL);
  assert_error (r, 1, "“tomorrow” is not a date");
  g_clear_pointer (&r, result_free);
}

static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *missed = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *missed_file_by = NULL;
  JsonObject *shown;
  JsonArray *list;
  gint64 okafor, haddad;
  int previous_days = G_MININT;
  gboolean seen_open = FALSE;
  guint n_all;

  okafor = add_client (f, "Okafor", "Chidinma");
  haddad = add_client (f, "Haddad", "Karim");
  /* Inland, 15 days from 2026-02-20: a Saturday, filed by the Monday: missed */
  missed = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, haddad, "other", TRUE, "2026-02-20", NULL));
  g_assert_cmpint (iso_weekday ("2026-03-07"), ==, G_DATE_SATURDAY);
  missed_file_by = iso_add_days ("2026-02-20", 17);
  /* Inland, 15 days from 2026-03-05 */
  soon = g_strdup_printf ("%" G_GINT64_FORMAT,
                          add_case_with (f, okafor, "other", TRUE, "2026-03-05", NULL));
  /* Abroad, 60 days from 2026-03-02 */
  later = g_strdup_printf ("%" G_GINT64_FORMAT,
                           add_case_with (f, okafor, "visitor-visa", FALSE, "2026-03-02", NULL));
  /* Closed: not followed */
  closed = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, haddad, "other", TRUE, "2026-03-06", NULL));
  r = run_cli (f, "case", "set", closed, "--stage", "closed", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  /* The notes of the later case, requested on 2026-03-01: due 2026-03-31 */
  r = run_cli (f, "case", "set", later, "--notes-requested", "2026-03-01", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "deadlines", "--today", "2026-03-10", NULL);
  shown = node_object (root);
  g_assert_cmpstr (member_string (shown, "today"), ==, "2026-03-10");
  g_assert_cmpint (member_int (shown, "within"), ==, 60);
  list = json_object_get_array_member (shown, "deadlines");
  n_all = json_array_get_length (list);
  g_assert_cmpuint (n_all, ==, 4);
  for (guint i = 0; i < n_all; i++)
    {
      JsonObject *d = json_array_get_object_element (list, i);
      int days = (int) member_int (d, "days_left");
      gboolean overdue = member_bool (d, "overdue");

      g_assert_cmpint (overdue, ==, days < 0);
      g_assert_cmpint (days, ==, iso_days_between ("2026-03-10", member_string (d, "due")));
      /* Overdue first, then the nearest */
      g_assert_false (overdue && seen_open);
      seen_open = seen_open || !overdue;
      g_assert_cmpint (days, >=, previous_days);
      previous_days = days;
      g_assert_cmpint (member_int (d, "case"), !=, g_ascii_strtoll (closed, NULL, 10));
      g_assert_nonnull (member_string (d, "client_name"));
      g_assert_nonnull (member_string (d, "case_title"));
      g_assert_nonnull (member_string (d, "label"));
      g_assert_nonnull (member_string (d, "basis"));
      g_assert_nonnull (member_string (d, "statutory"));
      if (member_int (d, "case") == g_ascii_strtoll (missed, NULL, 10))
        g_assert_cmpint (member_int (d, "client"), ==, haddad);
      else
        g_assert_cmpint (member_int (d, "client"), ==, okafor);
    }
  {
    JsonObject *first = json_array_get_object_element (list, 0);
    JsonObject *second = json_array_get_object_element (list, 1);
    JsonObject *third = json_array_get_object_element (list, 2);
    JsonObject *last = json_array_get_object_element (list, 3);
    g_autofree char *abroad_due = iso_add_days ("2026-03-02", 60);

    g_assert_cmpint (member_int (first, "case"), ==, g_ascii_strtoll (missed, NULL, 10));
    g_assert_cmpstr (member_string (first, "kind"), ==, "judicial-review");
    g_assert_cmpstr (member_string (first, "statutory"), ==, "2026-03-07");
    g_assert_cmpstr (member_string (first, "due"), ==, missed_file_by);
    g_assert_true (member_bool (first, "overdue"));
    g_assert_cmpstr (member_string (first, "client_name"), ==, "Haddad, Karim");
    g_assert_cmpint (member_int (second, "case"), ==, g_ascii_strtoll (soon, NULL, 10));
    g_assert_cmpstr (member_string (third, "kind"), ==, "notes-request");
    g_assert_cmpstr (member_string (third, "label"), ==, "Officer’s notes request");
    g_assert_cmpstr (member_string (third, "due"), ==, "2026-03-31");
    g_assert_cmpint (member_int (last, "case"), ==, g_ascii_strtoll (later, NULL, 10));
    g_assert_cmpstr (member_string (last, "due"), ==, abroad_due);
    g_assert_cmpint (iso_weekday (abroad_due), ==, G_DATE_FRIDAY);
  }
  g_clear_pointer (&root, json_node_unref);

  /* --within: the overdue one stays */
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--within", "10", NULL);
  list = json_object_get_array_member (node_object (root), "deadlines");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_true (member_bool (json_array_get_object_element (list, 0), "overdue"));
  g_assert_cmpint (member_int (json_array_get_object_element (list, 1), "days_left"), <=, 10);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--within", "0", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                        "deadlines")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* The notes received: the request leaves the list */
  r = run_cli (f, "case", "set", later, "--notes-received", "2026-03-09", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "deadlines", "--today", "2026-03-10", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                        "deadlines")), ==, 3);
  g_clear_pointer (&root, json_node_unref);

  /* Human output: a table, overdue first */
  r = run_cli (f, "deadlines", "--today", "2026-03-10", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_regex_match_simple ("^File by +Days left +Client +Case +What$", r->out,
                                       G_REGEX_MULTILINE, 0));
  /* The title, the header, then the overdue deadline */
  g_assert_true (g_regex_match_simple ("\\A[^\\n]*\\n[^\\n]*\\n"
                                       "2026-03-09 \\(statutory 2026-03-07\\) +"
                                       "-1 \\(overdue\\) +Haddad, Karim", r->out, 0, 0));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-12-01", "--within", "5", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "No deadlines"));
  g_clear_pointer (&r, result_free);

  /* Misuse */
  r = run_cli (f, "deadlines", "--within", "soon", NULL);
  assert_error (r, 2, "--within");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--within", "-3", NULL);
  assert_error (r, 2, "--within");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-13-01", NULL);
  assert_error (r, 1, "--today");
  g_clear_pointer (&r, result_free);
}

/* The UIDs of a calendar file, in order */
static GPtrArray *
ics_uids (const char *text)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "UID:"))
      g_ptr_array_add (uids, g_strdup (lines[i] + 4));
  return uids;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_deadlines_ics (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "deadlines.ics");
  g_autofree char *again_path = fixture_path (f, "again.ics");
  g_autofree char *missing = fixture_path (f, "no-such-folder/deadlines.ics");
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *before = NULL;
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GPtrArray) uids_again = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;
  gint64 okafor, haddad;

  okafor = add_client (f, "Okafor", "Chidinma");
  haddad = add_client (f, "Haddad", "Karim");
  /* Judicial review by 2026-03-17 */
  soon = g_strdup_printf ("%" G_GINT64_FORMAT,
                          add_case_with (f, okafor, "other", TRUE, "2026-03-02", NULL));
  /* Judicial review by 2026-03-20, and the notes asked for on 2026-03-01 */
  later = g_strdup_printf ("%" G_GINT64_FORMAT,
                           add_case_with (f, haddad, "other", TRUE, "2026-03-05", NULL));
  r = run_cli (f, "case", "set", later, "--notes-requested", "2026-03-01", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--ics", path, NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_nonnull (strstr (r->out, "3 deadlines written to "));
  g_clear_pointer (&r, result_free);

  /* A calendar: CRLF, folded, the file number and never the name */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = read_text (path);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
    }
  g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20260317\r\nDTEND;VALUE=DATE:20260318\r\n"));
  g_assert_nonnull (strstr (text, "SUMMARY:Judicial review — file 2026-"));
  g_assert_nonnull (strstr (text, "TRIGGER:-P7D\r\n"));
  g_assert_nonnull (strstr (text, "TRIGGER:-P1D\r\n"));
  g_assert_null (strstr (text, "Okafor"));
  g_assert_null (strstr (text, "Haddad"));
  uids = ics_uids (text);
  g_assert_cmpuint (uids->len, ==, 3);

  /* Again, another day: the same events (a calendar updates them) */
  r = run_cli (f, "deadlines", "--today", "2026-03-12", "--ics", again_path, "--with-names",
               NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  again = read_text (again_path);
  uids_again = ics_uids (again);
  g_assert_cmpuint (uids_again->len, ==, uids->len);
  for (guint i = 0; i < uids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (uids, i), ==, g_ptr_array_index (uids_again, i));
  /* Names only when asked */
  g_assert_nonnull (strstr (again, "Okafor"));

  /* One case: its two deadlines, whatever --within says by default */
  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--ics", "-", "--case", later, NULL);
  assert_status (r, 0);
  g_clear_pointer (&uids_again, g_ptr_array_unref);
  uids_again = ics_uids (r->out);
  g_assert_cmpuint (uids_again->len, ==, 2);
  g_assert_true (g_str_has_prefix (r->out, "BEGIN:VCALENDAR\r\n"));
  g_clear_pointer (&r, result_free);
  /* And listed */
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--case", soon, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                        "deadlines")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* --json says what was written */
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--ics", path, "--within", "8",
                   NULL);
  g_assert_cmpint (member_int (node_object (root), "events"), ==, 1);
  g_assert_cmpstr (member_string (node_object (root), "file"), ==, path);
  g_clear_pointer (&root, json_node_unref);

  /* Misuse: clear errors, and the file left as it was */
  before = file_sha256 (path);
  r = run_cli (f, "deadlines", "--ics", path, "--within", "-3", NULL);
  assert_error (r, 2, "--within");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--ics", "", NULL);
  assert_error (r, 2, "--ics");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--with-names", NULL);
  assert_error (r, 2, "--with-names");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--ics", path, "--case", "first", NULL);
  assert_error (r, 2, "is not an id");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--ics", path, "--case", "999", NULL);
  assert_error (r, 1, "no case with id 999");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--case", "999", NULL);
  assert_error (r, 1, "no case with id 999");
  g_clear_pointer (&r, result_free);
  /* Nothing due: nothing written */
  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--within", "5", "--ics", path, NULL);
  assert_error (r, 1, "No deadline falls due within 5 days");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--within", "5", "--ics", path,
               "--case", soon, NULL);
  assert_error (r, 1, "has no deadline within 5 days");
  g_clear_pointer (&r, result_free);
  {
    g_autofree char *after = file_sha256 (path);

    g_assert_cmpstr (after, ==, before);
  }
  /* A folder that does not exist, a folder as the file */
  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--ics", missing, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "redress-cli: "));
  g_test_message ("%s", r->err);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-03-10", "--ics", f->dir, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "redress-cli: "));
  g_test_message ("%s", r->err);
  g_clear_pointer (&r, result_free);
}

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/remedies", test_remedies);
  CLI_TEST_ADD ("/cli/deadlines", test_deadlines);
  CLI_TEST_ADD ("/cli/deadlines/ics", test_deadlines_ics);

  return cli_fixture_run ();
}

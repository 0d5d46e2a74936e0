/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const RedressFieldDef *
client_def (RedressClientField field)
{
  return redress_client_field_def (field);
}

/* Normalizes then validates, as the store and the editors do */
static gboolean
check_value (const RedressFieldDef *def,
             const char            *value,
             GError               **error)
{
  g_autofree char *normalized = redress_field_normalize (def, value);

  return redress_field_validate (def, normalized, error);
}

static void
assert_valid (const RedressFieldDef *def,
              const char            *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (check_value (def, value, &error));
  g_assert_no_error (error);
}

static void
assert_invalid (const RedressFieldDef *def,
                const char            *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check_value (def, value, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
test_uci_normalize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "12345678", "12345678" },
    { "1234-5678", "12345678" },
    { "1234 5678", "12345678" },
    { "1234567890", "1234567890" },
    { "12-3456-7890", "1234567890" },
    { " 12 3456 7890 ", "1234567890" },
    { "12.3456.7890", "1234567890" },
    { "12-3456-789a", "12-3456-789a" },    /* left as typed, for the message */
    { "  abc  ", "abc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = redress_uci_normalize (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (redress_uci_normalize (NULL));
  g_assert_null (redress_uci_normalize (""));
  g_assert_null (redress_uci_normalize ("   "));
}

static void
test_uci_format (void)
{
  g_autofree char *eight = redress_uci_format ("12345678");
  g_autofree char *ten = redress_uci_format ("1234567890");
  g_autofree char *nine = redress_uci_format ("123456789");

  g_assert_cmpstr (eight, ==, "1234-5678");
  g_assert_cmpstr (ten, ==, "12-3456-7890");
  g_assert_cmpstr (nine, ==, "123456789");
  g_assert_null (redress_uci_format (NULL));
}

static void
test_uci_validate (void)
{
  const RedressFieldDef *def = client_def (REDRESS_CLIENT_UCI);

  assert_valid (def, "12345678");
  assert_valid (def, "1234-5678");
  assert_valid (def, "12-3456-7890");
  assert_valid (def, "12 3456 7890");
  assert_valid (def, NULL);           /* optional */
  assert_valid (def, "");
  assert_invalid (def, "123456789");  /* 9 digits */
  assert_invalid (def, "1234567");    /* 7 digits */
  assert_invalid (def, "12345678901");
  assert_invalid (def, "12-3456-789O"); /* a letter O, not a zero */
  assert_invalid (def, "ABCDEFGH");
  assert_invalid (def, "1234_5678");
}

static void
test_date_parse (void)
{
  static const char *valid[] = { "2026-03-02", "2028-02-29", "2000-02-29", "1900-01-01",
                                 "2199-12-31", "2026-12-31" };
  static const char *invalid[] = { "2026-02-30", "2026-13-01", "2025-02-29", "1900-02-29",
                                   "26-3-2", "2026-3-2", "2026/03/02", "2026-00-10",
                                   "2026-01-00", "1899-12-31", "2200-01-01", "",
                                   "2026-03-02T10:00", "abcd-ef-gh", "2026-04-31" };
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;

      g_date_clear (&date, 1);
      g_assert_true (redress_date_parse (valid[i], &date, &error));
      g_assert_no_error (error);
      back = redress_date_format_iso (&date);
      g_assert_cmpstr (back, ==, valid[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (redress_date_parse (invalid[i], NULL, &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    }

  /* The message says what is wrong */
  {
    g_autoptr(GError) error = NULL;

    redress_date_parse ("2026-02-30", NULL, &error);
    g_assert_nonnull (strstr (error->message, "28"));
  }
}

static void
test_date_field (void)
{
  const RedressFieldDef *optional = client_def (REDRESS_CLIENT_DATE_OF_BIRTH);
  const RedressFieldDef *required = redress_case_field_def (REDRESS_CASE_DECISION_DATE);

  assert_valid (optional, "2028-02-29");
  assert_valid (optional, "");
  assert_valid (optional, NULL);
  assert_valid (optional, "  ");
  assert_valid (optional, " 2026-03-02 ");  /* trimmed */
  assert_invalid (optional, "2026-02-30");
  assert_invalid (optional, "2026-13-01");
  assert_invalid (optional, "2025-02-29");
  assert_invalid (optional, "26-3-2");

  assert_valid (required, "2026-03-02");
  assert_invalid (required, "");
  assert_invalid (required, NULL);
  assert_invalid (required, "   ");
  assert_invalid (required, "2026-02-30");

  /* Blank optional dates are stored as NULL */
  {
    g_autofree char *blank = redress_field_normalize (optional, "  ");
    g_assert_null (blank);
  }
}

static void
test_email (void)
{
  const RedressFieldDef *def = client_def (REDRESS_CLIENT_EMAIL);
  static const char *valid[] = { "name@example.com", "a.b+c@sub.example.ca", " x@y.fr " };
  static const char *invalid[] = { "name", "name@", "@example.com", "name@example",
                                   "name@@example.com", "a@b@example.com", "na me@example.com",
                                   "name@example.", "name@.com", "a@b.com, c@d.com",
                                   "<a@b.com>" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid (def, valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_invalid (def, invalid[i]);
  assert_valid (def, NULL);
  assert_valid (def, "");
}

static void
test_phone (void)
{
  const RedressFieldDef *def = client_def (REDRESS_CLIENT_PHONE);
  static const char *valid[] = { "+1 514 555 0100", "(514) 555-0100", "514.555.0100",
                                 "+234 803 555 0147", "514 555 0100 x12", "5145550" };
  static const char *invalid[] = { "555-01", "123", "+1 514 555 0100 #2", "514_555_0100",
                                   "123456789012345678901", "☎ 514 555 0100" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid (def, valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_invalid (def, invalid[i]);
  assert_valid (def, "");
}

static void
test_names (void)
{
  const RedressFieldDef *def = client_def (REDRESS_CLIENT_FAMILY_NAME);
  g_autofree char *long_name = g_strnfill (201, 'a');
  g_autofree char *max_name = g_strnfill (200, 'a');
  g_autoptr(GString) accented = g_string_new (NULL);
  g_autofree char *trimmed = NULL;

  assert_valid (def, "Tremblay");
  assert_valid (def, "N'Guessan-Diallo");
  assert_valid (def, max_name);
  assert_invalid (def, NULL);
  assert_invalid (def, "");
  assert_invalid (def, "   ");
  assert_invalid (def, "\t\n ");
  assert_invalid (def, "\u00a0");          /* no-break space only */
  assert_invalid (def, long_name);

  /* The limit counts characters, not bytes */
  for (guint i = 0; i < 200; i++)
    g_string_append (accented, "é");
  assert_valid (def, accented->str);
  g_string_append (accented, "é");
  assert_invalid (def, accented->str);

  trimmed = redress_field_normalize (def, "  Haddad  ");
  g_assert_cmpstr (trimmed, ==, "Haddad");

  /* The error names the field */
  {
    g_autoptr(GError) error = NULL;

    check_value (def, " ", &error);
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Family name"));
  }
}

static void
test_text (void)
{
  const RedressFieldDef *def = client_def (REDRESS_CLIENT_NOTES);
  g_autofree char *notes = redress_field_normalize (def, "  line 1\n  line 2\n");
  g_autofree char *blank = redress_field_normalize (def, NULL);
  g_autofree char *huge = g_strnfill (20001, 'x');

  g_assert_cmpstr (notes, ==, "  line 1\n  line 2\n");  /* layout kept */
  g_assert_cmpstr (blank, ==, "");
  assert_valid (def, "");
  assert_invalid (def, huge);
}

static void
test_choices (void)
{
  const RedressFieldDef *language = client_def (REDRESS_CLIENT_LANGUAGE);
  const RedressFieldDef *type = redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE);
  const RedressFieldDef *stage = redress_case_field_def (REDRESS_CASE_STAGE);

  g_assert_cmpuint (redress_field_n_choices (language), ==, 2);
  g_assert_cmpuint (redress_field_n_choices (type), ==, 11);
  g_assert_cmpuint (redress_field_n_choices (stage), ==, 6);
  g_assert_cmpint (redress_field_choice_index (language, "fr"), ==, 1);
  g_assert_cmpint (redress_field_choice_index (language, "de"), ==, -1);
  g_assert_cmpint (redress_field_choice_index (language, NULL), ==, -1);
  g_assert_cmpstr (redress_field_choice_label (language, "fr"), ==, "French");
  g_assert_null (redress_field_choice_label (language, "FR"));
  g_assert_cmpstr (redress_field_choice_label (type, "study-permit"), ==, "Study permit");

  assert_valid (language, "en");
  assert_valid (language, " fr ");
  assert_invalid (language, "FR");
  assert_invalid (language, "de");
  assert_invalid (language, "");
  assert_invalid (language, NULL);
  assert_valid (stage, "submitted");
  assert_invalid (stage, "refused");

  {
    g_autoptr(GError) error = NULL;

    check_value (language, "de", &error);
    g_assert_nonnull (strstr (error->message, "en, fr"));
  }
}

static void
test_boolean (void)
{
  const RedressFieldDef *def = redress_case_field_def (REDRESS_CASE_DECIDED_IN_CANADA);
  static const struct { const char *in, *out; } cases[] = {
    { "true", "true" }, { "TRUE", "true" }, { "1", "true" }, { "yes", "true" },
    { "false", "false" }, { "0", "false" }, { NULL, "false" }, { "", "false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = redress_field_normalize (def, cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_true (redress_field_validate (def, "true", NULL));
  g_assert_false (redress_field_validate (def, "maybe", NULL));
  g_assert_false (redress_field_validate (def, NULL, NULL));
}

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Émilie", "emilie" },
    { "EMILIE", "emilie" },
    { "ÇA", "ca" },
    { "Tremblay-Nguyễn", "tremblay-nguyen" },
    { "Fernández Ruiz", "fernandez ruiz" },
    { "Łukasz", "łukasz" },          /* no decomposition: only lowered */
    { "Straße", "strasse" },
    { "ﬁle", "file" },               /* compatibility ligature */
    { "2026-0001", "2026-0001" },
    { "TREMBLAY Roy|2026-0001|1234", "tremblay roy|2026-0001|1234" },  /* ASCII path */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = redress_text_fold (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    g_autofree char *null_text = redress_text_fold (NULL);
    g_autofree char *bad_utf8 = redress_text_fold ("\xff\xfe");

    g_assert_cmpstr (null_text, ==, "");
    g_assert_cmpstr (bad_utf8, ==, "");
  }
}

static void
test_display (void)
{
  const RedressFieldDef *uci = client_def (REDRESS_CLIENT_UCI);
  const RedressFieldDef *dob = client_def (REDRESS_CLIENT_DATE_OF_BIRTH);
  const RedressFieldDef *language = client_def (REDRESS_CLIENT_LANGUAGE);
  const RedressFieldDef *family = client_def (REDRESS_CLIENT_FAMILY_NAME);
  const RedressFieldDef *in_canada = redress_case_field_def (REDRESS_CASE_DECIDED_IN_CANADA);
  const RedressFieldDef *type = redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE);
  struct { const RedressFieldDef *def; const char *in, *out; } cases[] = {
    { uci, "1234567890", "12-3456-7890" },
    { uci, "12345678", "1234-5678" },
    { uci, NULL, "—" },
    { dob, "2026-03-02", "2 March 2026" },
    { dob, "2028-02-29", "29 February 2028" },
    { dob, "", "—" },
    { language, "fr", "French" },
    { language, "xx", "xx" },
    { family, "Díaz", "Díaz" },
    { in_canada, "true", "Yes" },
    { in_canada, "false", "No" },
    { type, "spousal-in-canada", "Spousal sponsorship in Canada" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = redress_field_display (cases[i].def, cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }

  {
    g_autofree char *long_date = redress_date_format_long ("2026-11-10");
    g_autofree char *not_a_date = redress_date_format_long ("soon");

    g_assert_cmpstr (long_date, ==, "10 November 2026");
    g_assert_cmpstr (not_a_date, ==, "soon");
    g_assert_null (redress_date_format_long (NULL));
  }
}

/* A document's dates in its own language, whatever LC_TIME says (the
 * tests run under LC_ALL=C.UTF-8, whose months are English) */
static void
test_date_long_language (void)
{
  static const char * const french[] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
  };
  g_autoptr(GError) error = NULL;
  RedressCatalog *fr = redress_catalog_get ("fr", &error);
  RedressCatalog *en = redress_catalog_get ("en", &error);

  g_assert_no_error (error);
  g_assert_nonnull (fr);
  g_assert_nonnull (en);
  for (guint month = 1; month <= 12; month++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-%02u-03", month);
      g_autofree char *got = redress_date_format_long_in (iso, fr);
      g_autofree char *expected = g_strdup_printf ("3 %s 2026", french[month - 1]);

      g_assert_cmpstr (got, ==, expected);
    }
  {
    g_autofree char *december = redress_date_format_long_in ("2026-12-03", fr);
    g_autofree char *may = redress_date_format_long_in ("2026-05-31", en);
    g_autofree char *user = redress_date_format_long ("2026-12-03");
    g_autofree char *invalid = redress_date_format_long_in ("2026-02-30", fr);

    g_assert_cmpstr (december, ==, "3 décembre 2026");
    g_assert_cmpstr (may, ==, "31 May 2026");
    g_assert_cmpstr (user, ==, "3 December 2026");
    g_assert_cmpstr (invalid, ==, "2026-02-30");  /* (left as typed) */
  }
}

static void
test_client_record (void)
{
  g_autoptr(RedressClient) client = redress_client_new ();
  RedressRecord *record = REDRESS_RECORD (client);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uci_prop = NULL;

  /* Defaults */
  g_assert_cmpstr (redress_client_get_language (client), ==, "en");
  g_assert_cmpstr (redress_record_get_value (record, REDRESS_CLIENT_NOTES), ==, "");
  g_assert_null (redress_client_get_uci (client));
  g_assert_false (redress_record_validate (record, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);

  /* Checked setter refuses and keeps the old value */
  g_assert_true (redress_record_set_value_checked (record, REDRESS_CLIENT_UCI, "12-3456-7890",
                                                   &error));
  g_assert_no_error (error);
  g_assert_false (redress_record_set_value_checked (record, REDRESS_CLIENT_UCI, "123456789",
                                                    &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (redress_client_get_uci (client), ==, "1234567890");

  /* Properties go through the same normalization */
  g_object_set (client, "family-name", "  Émond ", "given-names", "Zoé", NULL);
  g_assert_cmpstr (redress_client_get_family_name (client), ==, "Émond");
  g_object_get (client, "uci", &uci_prop, "display-name", &display, NULL);
  g_assert_cmpstr (uci_prop, ==, "1234567890");
  g_assert_cmpstr (display, ==, "Émond, Zoé");

  redress_client_set_file_number (client, "2026-0042");
  key = redress_client_dup_search_key (client);
  g_assert_nonnull (strstr (key, "emond zoe emond"));
  g_assert_nonnull (strstr (key, "2026-0042"));
  g_assert_nonnull (strstr (key, "1234567890"));

  g_assert_cmpint (redress_record_find_field (record, "date-of-birth"), ==,
                   REDRESS_CLIENT_DATE_OF_BIRTH);
  g_assert_cmpint (redress_record_find_field (record, "date_of_birth"), ==,
                   REDRESS_CLIENT_DATE_OF_BIRTH);
  g_assert_cmpint (redress_record_find_field (record, "nope"), ==, -1);
  g_assert_true (redress_record_validate (record, &error));
  g_assert_no_error (error);
}

static void
test_case_record (void)
{
  g_autoptr(RedressCase) kase = redress_case_new (7);
  RedressRecord *record = REDRESS_RECORD (kase);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean in_canada = TRUE;

  g_assert_cmpint (redress_case_get_client_id (kase), ==, 7);
  g_assert_cmpstr (redress_case_get_stage (kase), ==, "new");
  g_object_get (kase, "decided-in-canada", &in_canada, NULL);
  g_assert_false (in_canada);
  g_object_set (kase, "decided-in-canada", TRUE, NULL);
  g_assert_true (redress_case_get_decided_in_canada (kase));

  redress_record_set_value (record, REDRESS_CASE_APPLICATION_TYPE, "study-permit");
  redress_record_set_value (record, REDRESS_CASE_DECISION_DATE, "2026-03-02");
  title = redress_case_dup_title (kase);
  g_assert_cmpstr (title, ==, "Study permit refused 2 March 2026");

  redress_record_set_value (record, REDRESS_CASE_RECEIVED_DATE, "2026-03-01");
  g_assert_false (redress_case_check_dates (kase, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  redress_record_set_value (record, REDRESS_CASE_RECEIVED_DATE, "2026-03-02");
  g_assert_true (redress_case_check_dates (kase, &error));
  g_assert_no_error (error);
  g_assert_true (redress_record_validate (record, &error));
  g_assert_no_error (error);
}

static void
test_event_description (void)
{
  g_autoptr(RedressEvent) changed =
    redress_event_new (1, "2026-03-02T14:05:00Z", "marie", "client", 1, 0, "changed",
                       "uci", "12345678", "1234567890");
  g_autoptr(RedressEvent) notes =
    redress_event_new (2, "2026-03-02T14:05:00Z", "marie", "client", 1, 0, "changed",
                       "notes", "a", "b");
  g_autoptr(RedressEvent) created =
    redress_event_new (3, "2026-03-02T14:05:00Z", "marie", "client", 1, 0, "created",
                       NULL, NULL, "2026-0001");
  g_autofree char *d1 = redress_event_dup_description (changed);
  g_autofree char *d2 = redress_event_dup_description (notes);
  g_autofree char *d3 = redress_event_dup_description (created);
  g_autofree char *when = redress_event_dup_when (changed);

  g_assert_cmpstr (d1, ==, "UCI changed from “1234-5678” to “12-3456-7890”");
  g_assert_cmpstr (d2, ==, "Notes edited");
  g_assert_cmpstr (d3, ==, "Client file created: 2026-0001");
  g_assert_cmpstr (when, ==, "2 March 2026, 14:05");
}

/* Hostile text ------------------------------------------------------------ */

/* Refused, with a message naming the field */
static void
assert_refused_naming (const RedressFieldDef *def,
                       const char            *value,
                       const char            *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check_value (def, value, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  /* The message itself carries no control character */
  for (const char *p = error->message; *p; p++)
    g_assert_false ((guchar) *p < 0x20 || *p == 0x7f);
}

static void
test_hostile_control (void)
{
  const RedressFieldDef *family = client_def (REDRESS_CLIENT_FAMILY_NAME);
  const RedressFieldDef *notes = client_def (REDRESS_CLIENT_NOTES);
  g_autofree char *clean = NULL;
  g_autofree char *crlf = NULL;

  /* A terminal escape that retitles and clears the screen, a line break
   * that fakes a row, a tab, DEL, a C1 CSI, a line separator */
  assert_refused_naming (family, "\033]0;pwned\007Doe\033[2J", "Family name");
  assert_refused_naming (family, "Doe\n2  2026-0002  Fake, Row", "Family name");
  assert_refused_naming (family, "Doe\tSmith", "control characters");
  assert_refused_naming (family, "Doe\177", "Family name");
  assert_refused_naming (family, "Doe\302\233" "2J", "Family name");
  assert_refused_naming (family, "Doe\342\200\250Smith", "Family name");
  assert_refused_naming (client_def (REDRESS_CLIENT_GIVEN_NAMES), "A\rB", "Given names");
  assert_refused_naming (client_def (REDRESS_CLIENT_UCI), "1234\0335678", "UCI");
  assert_refused_naming (client_def (REDRESS_CLIENT_UCI), "1234\t5678", "UCI");
  assert_refused_naming (client_def (REDRESS_CLIENT_PHONE), "514 555\n0100", "Phone");
  assert_refused_naming (client_def (REDRESS_CLIENT_EMAIL), "a@b.ca\033[2J", "Email");
  assert_refused_naming (client_def (REDRESS_CLIENT_CITIZENSHIP), "Canada\nFrance", "Citizenship");
  assert_refused_naming (client_def (REDRESS_CLIENT_COUNTRY_OF_RESIDENCE), "\033[31mRed",
                         "Country of residence");
  assert_refused_naming (redress_case_field_def (REDRESS_CASE_VISA_OFFICE), "Paris\nLondon",
                         "Visa office");
  assert_refused_naming (redress_case_field_def (REDRESS_CASE_CONSULTANT), "J\033D", "consultant");
  /* Invalid UTF-8 is refused too, naming the field */
  assert_refused_naming (family, "Do\xff" "e", "Family name");
  assert_refused_naming (notes, "\xc3(", "Notes");

  /* A line break at either end is only white space */
  assert_valid (family, "Doe\n");

  /* Notes keep their lines and tabs, lose the rest */
  clean = redress_field_normalize (notes, "Line one\n\tLine two\033[2J\007 end");
  g_assert_cmpstr (clean, ==, "Line one\n\tLine two[2J end");
  assert_valid (notes, "Line one\n\tLine two\033[2J\007 end");
  crlf = redress_field_normalize (notes, "a\r\nb\rc");
  g_assert_cmpstr (crlf, ==, "a\nb\nc");
  {
    g_autoptr(GError) error = NULL;

    /* Validation alone (a value not normalized) refuses them too */
    g_assert_false (redress_field_validate (notes, "x\033y", &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Notes"));
  }
}

static void
test_hostile_invisible (void)
{
  const RedressFieldDef *family = client_def (REDRESS_CLIENT_FAMILY_NAME);
  const RedressFieldDef *given = client_def (REDRESS_CLIENT_GIVEN_NAMES);
  static const char *blanks[] = {
    "\342\200\213",                          /* U+200B zero width space */
    "\342\201\240",                          /* U+2060 word joiner */
    "\357\273\277",                          /* U+FEFF byte order mark */
    "\342\200\216\342\200\217",              /* U+200E U+200F direction marks */
    "\342\200\256",                          /* U+202E right-to-left override */
    "\342\201\246\342\201\251",              /* U+2066 U+2069 isolate */
    " \342\200\213\302\240\342\200\215 ",    /* spaces, ZWSP, NBSP, ZWJ */
    "\302\255",                              /* soft hyphen */
    "\343\205\244",                          /* U+3164 Hangul filler */
  };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autofree char *normalized = redress_field_normalize (family, blanks[i]);

      g_assert_null (normalized);
      g_assert_true (redress_text_is_blank (blanks[i]));
      assert_refused_naming (family, blanks[i], "required");
      assert_refused_naming (given, blanks[i], "Given names");
    }

  /* Invisible characters at the ends go; inside, they stay (a joiner
   * belongs to some scripts) */
  {
    g_autofree char *trimmed = redress_field_normalize (family, "\342\200\213Okafor\357\273\277 ");
    g_autofree char *inside = redress_field_normalize (family, "Ok\342\200\215afor");
    g_autofree char *uci = redress_field_normalize (client_def (REDRESS_CLIENT_UCI),
                                                    "1234\342\200\2135678");
    g_autofree char *office = redress_field_normalize (redress_case_field_def (REDRESS_CASE_VISA_OFFICE),
                                                       "\342\200\213");

    g_assert_cmpstr (trimmed, ==, "Okafor");
    g_assert_cmpstr (inside, ==, "Ok\342\200\215afor");
    g_assert_cmpstr (uci, ==, "12345678");
    g_assert_cmpstr (office, ==, "");
  }
  g_assert_false (redress_text_is_blank ("x"));
  g_assert_false (redress_text_is_blank ("\033"));
}

static void
test_hostile_display (void)
{
  const RedressFieldDef *family = client_def (REDRESS_CLIENT_FAMILY_NAME);
  const RedressFieldDef *notes = client_def (REDRESS_CLIENT_NOTES);
  static const struct { const char *in; gboolean multi; const char *out; } cases[] = {
    /* Overrides and isolates are removed: "2026-0001" stays in order */
    { "File \342\200\2562026-0001", FALSE, "File 2026-0001" },
    { "\342\200\252a\342\200\253b\342\200\254c\342\200\255d\342\201\246e\342\201\247f\342\201\250g\342\201\251",
      FALSE, "abcdefg" },
    /* Escapes cannot reach a terminal */
    { "\033]0;pwned\007Doe\033[2J", FALSE, "\357\277\275]0;pwned\357\277\275Doe\357\277\275[2J" },
    { "a\302\233" "2J", FALSE, "a\357\277\275" "2J" },
    /* One line, or several */
    { "Doe\n2  2026-0002  Fake", FALSE, "Doe 2  2026-0002  Fake" },
    { "a\r\nb\tc", FALSE, "a b c" },
    { "a\r\nb\tc\342\200\250d", TRUE, "a\nb\tc\nd" },
    { "x\033y\n", TRUE, "x\357\277\275y\n" },
    /* Invalid UTF-8 is replaced */
    { "Do\xff" "e", FALSE, "Do\357\277\275e" },
    /* Direction marks and joiners are not overrides: kept */
    { "\342\200\217\330\271\331\204\331\212", FALSE, "\342\200\217\330\271\331\204\331\212" },
    { "Plain, Émilie", FALSE, "Plain, Émilie" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = redress_text_sanitize_for_display (cases[i].in, cases[i].multi);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (redress_text_sanitize_for_display (NULL, FALSE));

  /* What the fields show, whatever was stored */
  {
    g_autofree char *name = redress_field_display (family, "Doe\033[2J\n\342\200\256x");
    g_autofree char *text = redress_field_display (notes, "one\ntwo\033");

    g_assert_cmpstr (name, ==, "Doe\357\277\275[2J x");
    g_assert_cmpstr (text, ==, "one\ntwo\357\277\275");
  }

  /* A client's name as lists show it */
  {
    g_autoptr(RedressClient) client = redress_client_new ();
    g_autofree char *shown = NULL;

    redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME,
                              "Doe\n\342\200\256Smith");
    redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "J\033[2J");
    shown = redress_client_dup_display_name (client);
    g_assert_cmpstr (shown, ==, "Doe Smith, J\357\277\275[2J");
  }
}

static void
test_ellipsize (void)
{
  g_autofree char *long_text = g_strnfill (200, 'a');
  g_autofree char *cut = redress_text_ellipsize (long_text, 0);
  g_autofree char *short_text = redress_text_ellipsize ("short", 0);
  g_autofree char *accents = redress_text_ellipsize ("ééééé", 3);
  g_autofree char *expected = g_strdup_printf ("%.*s…", 59, long_text);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (cut, ==, expected);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, 60);
  g_assert_cmpstr (short_text, ==, "short");
  g_assert_cmpstr (accents, ==, "éé…");

  /* A long value is shortened when a message quotes it */
  g_assert_false (check_value (client_def (REDRESS_CLIENT_EMAIL), long_text, &error));
  g_assert_nonnull (strstr (error->message, "…"));
  g_assert_null (strstr (error->message, long_text + 100));
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <, 150);
  g_clear_error (&error);
  g_assert_false (check_value (client_def (REDRESS_CLIENT_DATE_OF_BIRTH), long_text, &error));
  g_assert_nonnull (strstr (error->message, "…"));
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field/uci/normalize", test_uci_normalize);
  g_test_add_func ("/field/uci/format", test_uci_format);
  g_test_add_func ("/field/uci/validate", test_uci_validate);
  g_test_add_func ("/field/date/parse", test_date_parse);
  g_test_add_func ("/field/date/field", test_date_field);
  g_test_add_func ("/field/date/long-language", test_date_long_language);
  g_test_add_func ("/field/email", test_email);
  g_test_add_func ("/field/phone", test_phone);
  g_test_add_func ("/field/names", test_names);
  g_test_add_func ("/field/text", test_text);
  g_test_add_func ("/field/choices", test_choices);
  g_test_add_func ("/field/boolean", test_boolean);
  g_test_add_func ("/field/fold", test_fold);
  g_test_add_func ("/field/display", test_display);
  g_test_add_func ("/field/hostile/control", test_hostile_control);
  g_test_add_func ("/field/hostile/invisible", test_hostile_invisible);
  g_test_add_func ("/field/hostile/display", test_hostile_display);
  g_test_add_func ("/field/ellipsize", test_ellipsize);
  g_test_add_func ("/record/client", test_client_record);
  g_test_add_func ("/record/case", test_case_record);
  g_test_add_func ("/record/event-description", test_event_description);

  return g_test_run ();
}

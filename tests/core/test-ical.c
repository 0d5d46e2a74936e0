/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ical"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "store-fixture.h"
#include "redress-calendar.h"
#include "redress-ical.h"

/*
 * The deadlines as an iCalendar file: folding, escaping, line ends, the
 * all-day dates and reminders, UIDs that stay put from one export to the
 * next, and a strict reading of RFC 5545's rules over every file written.
 */

/* A strict RFC 5545 reader --------------------------------------------------------- */

typedef struct
{
  char *name;         /* upper case */
  char *params;       /* ";VALUE=DATE", or "" */
  char *value;        /* as written (escaped) */
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->name);
  g_free (line->params);
  g_free (line->value);
  g_free (line);
}

typedef struct
{
  char *name;
  GHashTable *counts;     /* property name → count */
  guint n_children;
  char *dtstart;
  char *dtend;
  gboolean dtstart_date;
  gboolean dtend_date;
  char *action;
} Component;

static void
component_free (gpointer data)
{
  Component *component = data;

  g_free (component->name);
  g_hash_table_unref (component->counts);
  g_free (component->dtstart);
  g_free (component->dtend);
  g_free (component->action);
  g_free (component);
}

static guint
count_of (Component  *component,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (component->counts, name));
}

static gboolean
is_text_property (const char *name)
{
  const char *text[] = { "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "UID" };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    if (g_str_equal (name, text[i]))
      return TRUE;
  return FALSE;
}

/* A TEXT value: a backslash escapes \ ; , n or N; ";" and "," appear only
 * escaped; no control character but a tab */
static char *
text_problem (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          if (p[1] == '\0' || strchr ("\\;,nN", p[1]) == NULL)
            return g_strdup_printf ("bad escape “\\%c”", p[1]);
          p++;
        }
      else if (*p == ';' || *p == ',')
        return g_strdup_printf ("unescaped “%c” in a TEXT value", *p);
      else if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7F)
        return g_strdup ("a control character in a TEXT value");
    }
  return NULL;
}

static gboolean
is_date (const char *value)
{
  GDate date;
  char iso[11];

  if (strlen (value) != 8 || strspn (value, "0123456789") != 8)
    return FALSE;
  g_snprintf (iso, sizeof iso, "%.4s-%.2s-%.2s", value, value + 4, value + 6);
  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  return g_date_valid (&date);
}

static gboolean
is_utc_date_time (const char *value)
{
  g_autofree char *date = g_strndup (value, 8);

  return strlen (value) == 16 && is_date (date) && value[8] == 'T' &&
         strspn (value + 9, "0123456789") == 6 && value[15] == 'Z';
}

/* What a component needs once it ends (RFC 5545 §3.4, 3.6.1, 3.6.6) */
static char *
component_problem (Component *c)
{
  if (g_str_equal (c->name, "VCALENDAR"))
    {
      if (count_of (c, "VERSION") != 1 || count_of (c, "PRODID") != 1)
        return g_strdup ("VCALENDAR needs one VERSION and one PRODID");
      if (c->n_children == 0)
        return g_strdup ("VCALENDAR needs at least one component");
      return NULL;
    }
  if (g_str_equal (c->name, "VEVENT"))
    {
      const char *once[] = { "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION",
                             "TRANSP", "CLASS", "SEQUENCE", "DURATION" };

      for (guint i = 0; i < G_N_ELEMENTS (once); i++)
        if (count_of (c, once[i]) > 1)
          return g_strdup_printf ("VEVENT has %s more than once", once[i]);
      if (count_of (c, "UID") != 1 || count_of (c, "DTSTAMP") != 1)
        return g_strdup ("VEVENT needs UID and DTSTAMP");
      if (count_of (c, "DTSTART") != 1)
        return g_strdup ("VEVENT needs DTSTART (no METHOD)");
      if (count_of (c, "DTEND") > 0 && count_of (c, "DURATION") > 0)
        return g_strdup ("VEVENT has both DTEND and DURATION");
      if (c->dtend != NULL)
        {
          if (c->dtstart_date != c->dtend_date)
            return g_strdup ("DTSTART and DTEND of different value types");
          if (g_strcmp0 (c->dtend, c->dtstart) <= 0)
            return g_strdup ("DTEND not after DTSTART");
        }
      return NULL;
    }
  if (g_str_equal (c->name, "VALARM"))
    {
      if (count_of (c, "ACTION") != 1 || count_of (c, "TRIGGER") != 1)
        return g_strdup ("VALARM needs one ACTION and one TRIGGER");
      if (g_strcmp0 (c->action, "DISPLAY") == 0 && count_of (c, "DESCRIPTION") != 1)
        return g_strdup ("a DISPLAY alarm needs one DESCRIPTION");
      return NULL;
    }
  return NULL;
}

/* Returns NULL when @data follows RFC 5545, else the first problem; the
 * content lines, unfolded, go to @lines */
static char *
rfc5545_problem (const char *data,
                 gsize       length,
                 GPtrArray  *lines)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (component_free);
  g_autoptr(GString) logical = NULL;
  gboolean ended = FALSE;
  const char *p = data;
  const char *end = data + length;
  guint number = 0;

  if (length < 2 || data[length - 2] != '\r' || data[length - 1] != '\n')
    return g_strdup ("the file does not end with CRLF");

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize n;
      gboolean last;

      number++;
      if (eol == NULL || eol == p || eol[-1] != '\r')
        return g_strdup_printf ("line %u does not end with CRLF", number);
      n = (gsize) (eol - 1 - p);
      if (memchr (p, '\r', n) != NULL)
        return g_strdup_printf ("line %u holds a bare CR", number);
      if (n > 75)
        return g_strdup_printf ("line %u is %zu octets long", number, n);
      if (!g_utf8_validate (p, (gssize) n, NULL))
        return g_strdup_printf ("line %u is not whole UTF-8 (a character was split)", number);

      if (*p == ' ' || *p == '\t')
        {
          if (logical == NULL)
            return g_strdup ("the file starts with a continuation line");
          g_string_append_len (logical, p + 1, (gssize) n - 1);
        }
      else
        {
          if (logical != NULL)
            return g_strdup ("internal: a line was not handled");
          logical = g_string_new_len (p, (gssize) n);
        }
      p = eol + 1;
      last = p >= end;

      /* The content line is complete when the next line does not continue it */
      if (last || (*p != ' ' && *p != '\t'))
        {
          g_autofree char *content = g_string_free (g_steal_pointer (&logical), FALSE);
          const char *colon;
          const char *q = content;
          Line *line;
          Component *top = stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;

          if (ended)
            return g_strdup ("something follows END:VCALENDAR");
          /* name *(";" param) ":" value; a quoted parameter value may hold ":" */
          q += strspn (q, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
          if (q == content || (*q != ';' && *q != ':'))
            return g_strdup_printf ("“%s” is not a content line", content);
          colon = q;
          while (*colon != ':' && *colon != '\0')
            {
              if (*colon == '"')
                {
                  colon = strchr (colon + 1, '"');
                  if (colon == NULL)
                    return g_strdup ("an unclosed quoted parameter");
                }
              colon++;
            }
          if (*colon != ':')
            return g_strdup_printf ("“%s” has no value", content);
          line = g_new0 (Line, 1);
          line->name = g_ascii_strup (content, q - content);
          line->params = g_strndup (q, (gsize) (colon - q));
          line->value = g_strdup (colon + 1);
          g_ptr_array_add (lines, line);

          if (g_str_equal (line->name, "BEGIN"))
            {
              Component *c = g_new0 (Component, 1);

              if ((top == NULL) != g_str_equal (line->value, "VCALENDAR"))
                return g_strdup_printf ("BEGIN:%s in the wrong place", line->value);
              if (g_str_equal (line->value, "VALARM") &&
                  (top == NULL || !g_str_equal (top->name, "VEVENT")))
                return g_strdup ("a VALARM outside a VEVENT");
              if (top != NULL)
                top->n_children++;
              c->name = g_strdup (line->value);
              c->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_ptr_array_add (stack, c);
              continue;
            }
          if (top == NULL)
            return g_strdup_printf ("%s outside VCALENDAR", line->name);
          if (g_str_equal (line->name, "END"))
            {
              char *problem;

              if (!g_str_equal (line->value, top->name))
                return g_strdup_printf ("END:%s closes %s", line->value, top->name);
              problem = component_problem (top);
              if (problem != NULL)
                return problem;
              ended = g_str_equal (top->name, "VCALENDAR");
              g_ptr_array_remove_index (stack, stack->len - 1);
              continue;
            }

          g_hash_table_insert (top->counts, g_strdup (line->name),
                               GUINT_TO_POINTER (count_of (top, line->name) + 1));
          if (is_text_property (line->name))
            {
              char *problem = text_problem (line->value);

              if (problem != NULL)
                return problem;
            }
          if (g_str_equal (line->name, "VERSION") && !g_str_equal (line->value, "2.0"))
            return g_strdup ("VERSION is not 2.0");
          if (g_str_equal (line->name, "DTSTAMP") && !is_utc_date_time (line->value))
            return g_strdup_printf ("DTSTAMP “%s” is not a UTC date-time", line->value);
          if (g_str_equal (line->name, "DTSTART") || g_str_equal (line->name, "DTEND"))
            {
              gboolean date = strstr (line->params, "VALUE=DATE") != NULL &&
                              strstr (line->params, "VALUE=DATE-TIME") == NULL;

              if (date && !is_date (line->value))
                return g_strdup_printf ("%s “%s” is not a DATE", line->name, line->value);
              if (g_str_equal (line->name, "DTSTART"))
                {
                  top->dtstart = g_strdup (line->value);
                  top->dtstart_date = date;
                }
              else
                {
                  top->dtend = g_strdup (line->value);
                  top->dtend_date = date;
                }
            }
          if (g_str_equal (line->name, "ACTION"))
            top->action = g_strdup (line->value);
          if (g_str_equal (line->name, "TRIGGER") &&
              !g_regex_match_simple ("^[-+]?P([0-9]+W|([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?)$",
                                     line->value, 0, 0))
            return g_strdup_printf ("TRIGGER “%s” is not a duration", line->value);
        }
    }
  if (stack->len > 0 || !ended)
    return g_strdup ("a component is not closed");
  return NULL;
}

/* The lines of the file, read strictly (the test fails on a problem) */
static GPtrArray *
read_strictly (const char *data,
               gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  g_autofree char *problem = rfc5545_problem (data, length, lines);

  if (problem != NULL)
    g_test_message ("%s", data);
  g_assert_cmpstr (problem, ==, NULL);
  return lines;
}

/* A TEXT value as it reads */
static char *
unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 'n' || *p == 'N' ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The values of property @name, in order */
static GPtrArray *
values_of (GPtrArray  *lines,
           const char *name)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->name, name))
        g_ptr_array_add (values, line->value);
    }
  return values;
}

static void
test_checker_refuses (void)
{
  /* The checker must be able to fail: each of these breaks one rule */
  const char *ok_head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n";
  const char *event = "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                      "DTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260311\r\n"
                      "SUMMARY:x\r\nEND:VEVENT\r\n";
  const char *tail = "END:VCALENDAR\r\n";
  struct { const char *what; char *text; } broken[] = {
    { "good", g_strconcat (ok_head, event, tail, NULL) },
    { "LF", g_strconcat ("BEGIN:VCALENDAR\nVERSION:2.0\n", event, tail, NULL) },
    { "long", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                           "DTSTART;VALUE=DATE:20260310\r\nSUMMARY:",
                           "0123456789012345678901234567890123456789012345678901234567890123456789",
                           "\r\nEND:VEVENT\r\n", tail, NULL) },
    { "split", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                            "DTSTART;VALUE=DATE:20260310\r\nSUMMARY:\xC3\r\n \xA9t\xC3\xA9\r\n"
                            "END:VEVENT\r\n", tail, NULL) },
    { "no dtstamp", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\n"
                                 "DTSTART;VALUE=DATE:20260310\r\nEND:VEVENT\r\n", tail, NULL) },
    { "comma", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                            "DTSTART;VALUE=DATE:20260310\r\nSUMMARY:a, b\r\nEND:VEVENT\r\n",
                            tail, NULL) },
    { "nesting", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\n", tail, NULL) },
    { "no version", g_strconcat ("BEGIN:VCALENDAR\r\nPRODID:x\r\n", event, tail, NULL) },
    { "empty", g_strconcat (ok_head, tail, NULL) },
    { "all-day end", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                                  "DTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260310\r\n"
                                  "END:VEVENT\r\n", tail, NULL) },
    { "alarm", g_strconcat (ok_head, "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20260301T120000Z\r\n"
                            "DTSTART;VALUE=DATE:20260310\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n"
                            "TRIGGER:-P1D\r\nEND:VALARM\r\nEND:VEVENT\r\n", tail, NULL) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
      g_autofree char *problem = rfc5545_problem (broken[i].text, strlen (broken[i].text), lines);

      g_test_message ("%s: %s", broken[i].what, problem ? problem : "fine");
      if (i == 0)
        g_assert_null (problem);
      else
        g_assert_nonnull (problem);
      g_free (broken[i].text);
    }
}

/* Folding and escaping ------------------------------------------------------------- */

static void
test_fold (void)
{
  /* French with accents, ligatures, quotes, a four-octet character, and
   * every character TEXT escapes, long enough for many folds */
  const char *text =
    "Contrôle judiciaire : déposer la demande d’autorisation à la Cour fédérale ; le délai "
    "de « quinze jours » court à compter de la décision, prorogé au jour ouvrable suivant "
    "s’il tombe un samedi, un dimanche ou un jour férié — cœur, œuvre, Noël, âge, où, "
    "çà et là 𝄞\\ fin.\nDeuxième ligne\r\ntroisième\rquatrième\x01.";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *escaped = redress_ical_escape_text (text);
  g_autofree char *line = g_strconcat ("DESCRIPTION:", escaped, NULL);
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_auto(GStrv) physical = NULL;
  g_autofree char *read_back = NULL;

  /* Escaping: \ ; , and every kind of line break; the control is dropped */
  g_assert_nonnull (strstr (escaped, "Cour fédérale \\; le"));
  g_assert_nonnull (strstr (escaped, "décision\\, prorogé"));
  g_assert_nonnull (strstr (escaped, "𝄞\\\\ fin.\\nDeuxième ligne\\ntroisième\\nquatrième."));
  g_assert_null (strchr (escaped, '\n'));
  g_assert_null (strchr (escaped, '\r'));
  g_assert_null (strchr (escaped, '\x01'));

  /* Each octet budget: a character of 2, 3 or 4 octets never straddles */
  for (guint shift = 0; shift < 4; shift++)
    {
      g_autofree char *shifted = g_strconcat (shift == 0 ? "" : shift == 1 ? "X" : shift == 2 ? "XY" : "XYZ",
                                              line, NULL);

      g_string_truncate (out, 0);
      g_string_truncate (unfolded, 0);
      redress_ical_append_line (out, shifted);
      g_assert_true (g_str_has_suffix (out->str, "\r\n"));
      g_clear_pointer (&physical, g_strfreev);
      physical = g_strsplit (out->str, "\r\n", -1);
      /* The last element is what follows the final CRLF: nothing */
      g_assert_cmpstr (physical[g_strv_length (physical) - 1], ==, "");
      g_assert_cmpuint (g_strv_length (physical), >, 4);
      for (guint i = 0; physical[i + 1] != NULL; i++)
        {
          gsize n = strlen (physical[i]);

          g_assert_cmpuint (n, <=, 75);
          /* Full lines: only a character too wide to fit makes one shorter */
          if (physical[i + 2] != NULL)
            g_assert_cmpuint (n, >=, 72);
          g_assert_true (g_utf8_validate (physical[i], -1, NULL));
          g_assert_null (strchr (physical[i], '\n'));
          if (i > 0)
            {
              g_assert_cmpint (physical[i][0], ==, ' ');
              g_string_append (unfolded, physical[i] + 1);
            }
          else
            g_string_append (unfolded, physical[i]);
        }
      /* Unfolding gives the line back, octet for octet */
      g_assert_cmpstr (unfolded->str, ==, shifted);
    }

  read_back = unescape (escaped);
  g_assert_cmpstr (read_back,
                   ==,
                   "Contrôle judiciaire : déposer la demande d’autorisation à la Cour fédérale ; le "
                   "délai de « quinze jours » court à compter de la décision, prorogé au jour ouvrable "
                   "suivant s’il tombe un samedi, un dimanche ou un jour férié — cœur, œuvre, Noël, "
                   "âge, où, çà et là 𝄞\\ fin.\nDeuxième ligne\ntroisième\nquatrième.");

  /* A short line is left whole; exactly 75 octets too; 76 folds */
  g_string_truncate (out, 0);
  redress_ical_append_line (out, "VERSION:2.0");
  g_assert_cmpstr (out->str, ==, "VERSION:2.0\r\n");
  {
    g_autofree char *seventy_five = g_strnfill (75, 'a');
    g_autofree char *seventy_six = g_strnfill (76, 'a');

    g_string_truncate (out, 0);
    redress_ical_append_line (out, seventy_five);
    g_assert_cmpuint (out->len, ==, 77);
    g_string_truncate (out, 0);
    redress_ical_append_line (out, seventy_six);
    g_assert_true (g_str_has_suffix (out->str, "\r\n a\r\n"));
  }

  /* Invalid UTF-8 never reaches the file */
  {
    g_autofree char *fixed = redress_ical_escape_text ("caf\xC3 \xFF!");

    g_assert_true (g_utf8_validate (fixed, -1, NULL));
  }
}

/* Events --------------------------------------------------------------------------- */

static void
test_events (void)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 3, 10, 14, 5, 9);
  g_autoptr(RedressIcal) ical = redress_ical_new (stamp);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) ends = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *summary = NULL;
  const RedressIcalAlarm alarms[] = { { 7, "In a week: x, y" }, { 1, "Tomorrow; z" } };
  gsize length = 0;

  g_assert_true (redress_ical_add_event (ical, "a@redress.ca", "2026-12-31", "End, of; year",
                                         "Line one\nLine two", alarms, 2, &error));
  g_assert_no_error (error);
  g_assert_true (redress_ical_add_event (ical, "b@redress.ca", "2028-02-28", "Leap", NULL,
                                         alarms, 2, &error));
  g_assert_true (redress_ical_add_event (ical, "c@redress.ca", "2026-03-31", "Month", NULL,
                                         NULL, 0, &error));
  g_assert_no_error (error);

  /* Not a date: refused, nothing added */
  g_assert_false (redress_ical_add_event (ical, "d@redress.ca", "2026-02-30", "Bad", NULL,
                                          NULL, 0, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);
  g_assert_cmpuint (redress_ical_get_n_events (ical), ==, 3);

  data = redress_ical_end (ical, &length);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_true (g_str_has_prefix (data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Redress//"));
  g_assert_true (g_str_has_suffix (data, "END:VCALENDAR\r\n"));
  lines = read_strictly (data, length);

  /* The day, and the next one as the (exclusive) end, across a year, a
   * leap day and a month */
  starts = values_of (lines, "DTSTART");
  ends = values_of (lines, "DTEND");
  g_assert_cmpuint (starts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (starts, 0), ==, "20261231");
  g_assert_cmpstr (g_ptr_array_index (ends, 0), ==, "20270101");
  g_assert_cmpstr (g_ptr_array_index (starts, 1), ==, "20280228");
  g_assert_cmpstr (g_ptr_array_index (ends, 1), ==, "20280229");
  g_assert_cmpstr (g_ptr_array_index (ends, 2), ==, "20260401");
  g_assert_nonnull (strstr (data, "\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
  g_assert_nonnull (strstr (data, "\r\nDTSTAMP:20260310T140509Z\r\n"));
  g_assert_nonnull (strstr (data, "\r\nSUMMARY:End\\, of\\; year\r\n"));
  g_assert_nonnull (strstr (data, "\r\nDESCRIPTION:Line one\\nLine two\r\n"));

  /* A week and a day before, shown with their text */
  triggers = values_of (lines, "TRIGGER");
  actions = values_of (lines, "ACTION");
  g_assert_cmpuint (triggers->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (triggers, 0), ==, "-P7D");
  g_assert_cmpstr (g_ptr_array_index (triggers, 1), ==, "-P1D");
  for (guint i = 0; i < actions->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actions, i), ==, "DISPLAY");
  g_assert_nonnull (strstr (data, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\n"
                                  "DESCRIPTION:In a week: x\\, y\r\nEND:VALARM\r\n"));
  {
    g_autoptr(GPtrArray) summaries = values_of (lines, "SUMMARY");

    summary = unescape (g_ptr_array_index (summaries, 0));
  }
  g_assert_cmpstr (summary, ==, "End, of; year");
}

static void
test_uid (void)
{
  g_autofree char *a = redress_ical_make_uid ("db-one", 3, "judicial-review");
  g_autofree char *b = redress_ical_make_uid ("db-one", 3, "judicial-review");
  g_autofree char *c = redress_ical_make_uid ("db-one", 3, "notes-request");
  g_autofree char *d = redress_ical_make_uid ("db-one", 4, "judicial-review");
  g_autofree char *e = redress_ical_make_uid ("db-two", 3, "judicial-review");

  g_assert_cmpstr (a, ==, b);
  g_assert_true (g_str_has_prefix (a, "redress-case3-judicial-review-"));
  g_assert_true (g_str_has_suffix (a, "@redress.ca"));
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_cmpstr (a, !=, e);
}

/* From the store ------------------------------------------------------------------- */

typedef StoreFixture Fixture;

static gint64
add_case (RedressStore *store,
          gint64        client_id,
          const char   *type,
          gboolean      in_canada,
          const char   *decision,
          const char   *stage,
          const char   *notes_requested)
{
  g_autoptr(RedressCase) kase = redress_case_new (client_id);
  g_autoptr(GError) error = NULL;
  RedressRecord *record = REDRESS_RECORD (kase);

  redress_record_set_value (record, REDRESS_CASE_APPLICATION_TYPE, type);
  redress_record_set_value (record, REDRESS_CASE_DECIDED_IN_CANADA, in_canada ? "true" : "false");
  redress_record_set_value (record, REDRESS_CASE_DECISION_DATE, decision);
  if (stage != NULL)
    redress_record_set_value (record, REDRESS_CASE_STAGE, stage);
  redress_record_set_value (record, REDRESS_CASE_NOTES_REQUESTED, notes_requested);
  redress_store_insert_case (store, kase, &error);
  g_assert_no_error (error);
  return redress_record_get_id (record);
}

static gint64
fill_store (RedressStore *store,
            gint64       *other_case)
{
  g_autoptr(RedressClient) okafor = test_add_client (store, "Okafor", "Chidinma", NULL);
  g_autoptr(RedressClient) cote = test_add_client (store, "Côté-Lévesque", "Éloïse; \"Zoé\", \\", NULL);
  gint64 first;

  /* Judicial review 2026-03-17; notes due 2026-03-31 and review 2026-03-20 */
  first = add_case (store, redress_record_get_id (REDRESS_RECORD (okafor)), "other", TRUE,
                    "2026-03-02", NULL, NULL);
  *other_case = add_case (store, redress_record_get_id (REDRESS_RECORD (cote)), "other", TRUE,
                          "2026-03-05", "awaiting-notes", "2026-03-01");
  /* Closed: nothing follows */
  add_case (store, redress_record_get_id (REDRESS_RECORD (cote)), "other", TRUE, "2026-03-05",
            "closed", NULL);
  return first;
}

static char *
export_text (RedressStore         *store,
             gint64                case_id,
             RedressCalendarFlags  flags,
             int                   hour)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 3, 10, hour, 0, 0);
  g_autoptr(GError) error = NULL;
  GDate today;
  gsize length = 0;
  char *data;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_MARCH, 2026);
  deadlines = redress_calendar_list_deadlines (store, case_id, &today,
                                               case_id ? REDRESS_CALENDAR_ALL_DAYS : 60, &error);
  g_assert_no_error (error);
  data = redress_calendar_build (store, deadlines, flags, stamp, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (data));
  return data;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  gint64 other = 0;
  gint64 first = fill_store (f->store, &other);
  g_autofree char *one = export_text (f->store, 0, REDRESS_CALENDAR_DEFAULT, 9);
  g_autofree char *two = export_text (f->store, 0, REDRESS_CALENDAR_DEFAULT, 17);
  g_autofree char *named = export_text (f->store, 0, REDRESS_CALENDAR_WITH_NAMES, 9);
  g_autofree char *single = export_text (f->store, other, REDRESS_CALENDAR_DEFAULT, 9);
  g_autoptr(GPtrArray) lines_one = read_strictly (one, strlen (one));
  g_autoptr(GPtrArray) lines_two = read_strictly (two, strlen (two));
  g_autoptr(GPtrArray) lines_named = read_strictly (named, strlen (named));
  g_autoptr(GPtrArray) lines_single = read_strictly (single, strlen (single));
  g_autoptr(GPtrArray) uids_one = values_of (lines_one, "UID");
  g_autoptr(GPtrArray) uids_two = values_of (lines_two, "UID");
  g_autoptr(GPtrArray) uids_single = values_of (lines_single, "UID");
  g_autoptr(GPtrArray) descriptions = values_of (lines_named, "DESCRIPTION");
  g_autoptr(GPtrArray) summaries = values_of (lines_one, "SUMMARY");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RedressClient) cote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_words = g_strdup_printf ("Case %" G_GINT64_FORMAT ": ", first);

  /* Three deadlines: the review of the first case, the review and the
   * notes of the second; the closed case has none */
  g_assert_cmpuint (uids_one->len, ==, 3);
  g_assert_cmpuint (uids_single->len, ==, 2);

  /* Written again later: the same UIDs, a later stamp */
  g_assert_cmpuint (uids_two->len, ==, uids_one->len);
  for (guint i = 0; i < uids_one->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (uids_one, i), ==, g_ptr_array_index (uids_two, i));
      g_assert_true (g_hash_table_add (seen, g_ptr_array_index (uids_one, i)));
    }
  for (guint i = 0; i < uids_single->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (uids_single, i)));
  g_assert_cmpstr (one, !=, two);
  g_assert_nonnull (strstr (one, "DTSTAMP:20260310T090000Z"));
  g_assert_nonnull (strstr (two, "DTSTAMP:20260310T170000Z"));

  /* The file number, never the name unless asked */
  cote = redress_store_get_client (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (one, redress_client_get_file_number (cote)));
  g_assert_null (strstr (one, "Okafor"));
  g_assert_null (strstr (one, "Côté"));
  g_assert_null (strstr (one, "Chidinma"));
  g_assert_nonnull (strstr (named, "Okafor"));
  for (guint i = 0; i < summaries->len; i++)
    {
      g_autofree char *text = unescape (g_ptr_array_index (summaries, i));

      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "— file "));
    }

  /* The name with ; , " and \ reads back exactly */
  {
    gboolean found = FALSE;

    for (guint i = 0; i < descriptions->len; i++)
      {
        g_autofree char *text = unescape (g_ptr_array_index (descriptions, i));

        if (strstr (text, "Côté-Lévesque, Éloïse; \"Zoé\", \\") != NULL)
          found = TRUE;
        if (strstr (text, case_words) != NULL)
          {
            /* What falls due, the file, the case, the day, the basis */
            g_test_message ("%s", text);
            g_assert_true (g_str_has_prefix (text, "Judicial review\n"));
            g_assert_nonnull (strstr (text, "File by 17 March 2026"));
            g_assert_nonnull (strstr (text, "\n\nBasis: "));
            g_assert_nonnull (strstr (text, "verify them against the current law"));
          }
      }
    g_assert_true (found);
  }
  /* All-day on the day to file by, with both reminders */
  g_assert_nonnull (strstr (one, "DTSTART;VALUE=DATE:20260317\r\nDTEND;VALUE=DATE:20260318\r\n"));
  {
    g_autoptr(GPtrArray) triggers = values_of (lines_one, "TRIGGER");

    g_assert_cmpuint (triggers->len, ==, 2 * uids_one->len);
    for (guint i = 0; i < triggers->len; i++)
      g_assert_cmpstr (g_ptr_array_index (triggers, i), ==, i % 2 ? "-P1D" : "-P7D");
  }
}

static void
test_export_other_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) other_store = NULL;
  g_autofree char *here = NULL;
  g_autofree char *there = NULL;
  g_autoptr(GPtrArray) lines_here = NULL;
  g_autoptr(GPtrArray) lines_there = NULL;
  g_autoptr(GPtrArray) uids_here = NULL;
  g_autoptr(GPtrArray) uids_there = NULL;
  gint64 other = 0;

  /* The same cases, with the same ids, in another database made at
   * another time: no UID in common (one calendar can hold both) */
  test_set_now (f->store, "2026-03-01T09:00:00Z");
  fill_store (f->store, &other);
  other_store = test_open_store (dir, "other.db");
  test_set_now (other_store, "2026-03-01T09:00:01Z");
  fill_store (other_store, &other);
  here = export_text (f->store, 0, REDRESS_CALENDAR_DEFAULT, 9);
  there = export_text (other_store, 0, REDRESS_CALENDAR_DEFAULT, 9);
  lines_here = read_strictly (here, strlen (here));
  lines_there = read_strictly (there, strlen (there));
  uids_here = values_of (lines_here, "UID");
  uids_there = values_of (lines_there, "UID");
  g_assert_cmpuint (uids_here->len, ==, uids_there->len);
  for (guint i = 0; i < uids_here->len; i++)
    for (guint j = 0; j < uids_there->len; j++)
      g_assert_cmpstr (g_ptr_array_index (uids_here, i), !=, g_ptr_array_index (uids_there, j));

  /* The database moved elsewhere (or restored from a backup): the same UIDs */
  {
    g_autofree char *moved = g_build_filename (dir, "moved.db", NULL);
    g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
    g_autoptr(RedressStore) moved_store = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *again = NULL;
    g_autoptr(GPtrArray) lines_again = NULL;
    g_autoptr(GPtrArray) uids_again = NULL;

    g_clear_object (&other_store);
    g_assert_cmpint (g_rename (other_path, moved), ==, 0);
    moved_store = redress_store_open (moved, &error);
    g_assert_no_error (error);
    again = export_text (moved_store, 0, REDRESS_CALENDAR_DEFAULT, 10);
    lines_again = read_strictly (again, strlen (again));
    uids_again = values_of (lines_again, "UID");
    for (guint i = 0; i < uids_again->len; i++)
      g_assert_cmpstr (g_ptr_array_index (uids_again, i), ==, g_ptr_array_index (uids_there, i));
  }
  test_remove_tree (dir);
}

static void
test_export_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "deadlines.ics", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gsize length = 0;
  guint n = 0;
  gint64 other = 0;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_MARCH, 2026);

  /* Nothing falls due yet: an error, no file */
  g_assert_false (redress_store_export_calendar (f->store, file, 0, &today, 60,
                                                 REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "60 days"));
  g_clear_error (&error);
  g_assert_false (test_file_exists (path));

  fill_store (f->store, &other);
  g_assert_true (redress_store_export_calendar (f->store, file, 0, &today, 60,
                                                REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (test_file_mode (path) & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  lines = read_strictly (contents, length);

  /* An unknown case: the error names it, the file is as it was */
  before = test_file_sha256 (path);
  g_assert_false (redress_store_export_calendar (f->store, file, 999, &today, 60,
                                                 REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  /* A case with nothing due so soon */
  g_assert_false (redress_store_export_calendar (f->store, file, 1, &today, 5,
                                                 REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "within 5 days"));
  g_clear_error (&error);
  /* A closed case: nothing to export */
  g_assert_false (redress_store_export_calendar (f->store, file, 3, &today,
                                                 REDRESS_CALENDAR_ALL_DAYS,
                                                 REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "closed"));
  g_clear_error (&error);
  {
    g_autofree char *after = test_file_sha256 (path);

    g_assert_cmpstr (after, ==, before);
  }

  /* Never written through a symbolic link */
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_false (redress_store_export_calendar (f->store, link_file, 0, &today, 60,
                                                 REDRESS_CALENDAR_DEFAULT, &n, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  {
    g_autofree char *after = test_file_sha256 (path);

    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ical/checker-refuses", test_checker_refuses);
  g_test_add_func ("/ical/fold-and-escape", test_fold);
  g_test_add_func ("/ical/events", test_events);
  g_test_add_func ("/ical/uid", test_uid);
  g_test_add ("/ical/export", Fixture, NULL, store_fixture_setup, test_export,
              store_fixture_teardown);
  g_test_add ("/ical/export-other-database", Fixture, NULL, store_fixture_setup,
              test_export_other_database, store_fixture_teardown);
  g_test_add ("/ical/export-file", Fixture, NULL, store_fixture_setup, test_export_file,
              store_fixture_teardown);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-field"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-catalog.h"
#include "redress-error.h"
#include "redress-field.h"

#define MAX_NAME_LENGTH 200
#define MAX_LINE_LENGTH 1000
#define MAX_TEXT_LENGTH 20000

G_DEFINE_QUARK (redress-error-quark, redress_error)

/* Longest value echoed in a message before it is shortened */
#define MAX_ECHO_CHARS 60

/* Characters that show nothing: format characters (zero-width spaces and
 * joiners, direction marks, the byte order mark, soft hyphens...), and the
 * fillers and selectors that render as blank */
static gboolean
is_invisible (gunichar c)
{
  if (g_unichar_type (c) == G_UNICODE_FORMAT)
    return TRUE;
  switch (c)
    {
    case 0x034F:            /* combining grapheme joiner */
    case 0x115F: case 0x1160: case 0x3164: case 0xFFA0:   /* Hangul fillers */
    case 0x17B4: case 0x17B5:                              /* Khmer inherent vowels */
    case 0x180E:            /* Mongolian vowel separator */
    case 0x2800:            /* blank Braille pattern */
      return TRUE;
    default:
      return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }
}

/* Characters that would move the cursor, end a line or start a terminal
 * escape sequence: C0 and C1 controls, DEL, and the Unicode line and
 * paragraph separators */
static gboolean
is_control (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL || c == 0x2028 || c == 0x2029;
}

/* Embeddings, overrides and isolates: they reorder the text around them
 * (U+202E shows "2026-0001" as "1000-6202") */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !is_invisible (c))
        return FALSE;
    }
  return TRUE;
}

/**
 * redress_text_is_blank:
 * @text: (nullable): any text
 *
 * Returns: whether @text shows nothing: %NULL, empty, or made only of
 *   white space and invisible characters (U+200B, U+2060, U+FEFF, direction
 *   marks...)
 */
gboolean
redress_text_is_blank (const char *text)
{
  return is_blank (text);
}

/**
 * redress_field_is_single_line:
 *
 * Returns: whether values of @def are one line (everything but notes)
 */
gboolean
redress_field_is_single_line (const RedressFieldDef *def)
{
  g_return_val_if_fail (def != NULL, TRUE);

  return def->kind != REDRESS_FIELD_TEXT;
}

/* Removes white space and invisible characters at both ends */
static char *
trim (const char *value)
{
  const char *start = value;
  const char *end = value + strlen (value);

  while (*start)
    {
      gunichar c = g_utf8_get_char (start);

      if (!g_unichar_isspace (c) && !is_invisible (c))
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && !is_invisible (c))
        break;
      end = prev;
    }
  return g_strndup (start, (gsize) (end - start));
}

/* Notes keep their lines and tabs; line ends become "\n"; any other
 * control character is dropped */
static char *
clean_multi_line (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (c == 0x2028 || c == 0x2029)
        g_string_append_c (out, '\n');
      else if (c == '\n' || c == '\t' || !is_control (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The first control character of @value, or 0 */
static gunichar
find_control (const char *value,
              gboolean    multi_line)
{
  if (value == NULL)
    return 0;
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multi_line && (c == '\n' || c == '\t'))
        continue;
      if (is_control (c))
        return c;
    }
  return 0;
}

/**
 * redress_text_sanitize_for_display:
 * @text: (nullable): text stored by Redress, or read from anywhere
 * @multi_line: whether @text may keep its line breaks and tabs
 *
 * Makes @text safe to print on a terminal or in a document: invalid UTF-8
 * is replaced, bidirectional embeddings, overrides and isolates (U+202A to
 * U+202E, U+2066 to U+2069) are removed so that they cannot reverse what
 * follows, and control characters (an escape sequence, a bell) are shown
 * as U+FFFD.  Without @multi_line, line breaks and tabs become spaces, so
 * that a value cannot start a line of its own.
 *
 * Returns: (transfer full) (nullable): the text to show, %NULL for %NULL
 */
char *
redress_text_sanitize_for_display (const char *text,
                                   gboolean    multi_line)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_bidi_control (c))
        continue;
      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\n' || c == '\t' || c == '\r' || c == 0x2028 || c == 0x2029)
        {
          if (!multi_line)
            g_string_append_c (out, ' ');
          else if (c == '\t')
            g_string_append_c (out, '\t');
          else
            g_string_append_c (out, '\n');
        }
      else if (is_control (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * redress_text_ellipsize:
 * @text: (nullable): a value to quote in a message
 * @max_chars: how many characters to keep at most (0 for the default, 60)
 *
 * Returns: (transfer full): @text made safe to show on one line (see
 *   redress_text_sanitize_for_display()), cut at @max_chars characters
 *   with "…" when it is longer
 */
char *
redress_text_ellipsize (const char *text,
                        guint       max_chars)
{
  g_autofree char *safe = redress_text_sanitize_for_display (text ? text : "", FALSE);
  const char *cut;

  if (max_chars == 0)
    max_chars = MAX_ECHO_CHARS;
  if (g_utf8_strlen (safe, -1) <= (glong) max_chars)
    return g_steal_pointer (&safe);

  cut = g_utf8_offset_to_pointer (safe, (glong) max_chars - 1);
  return g_strdup_printf ("%.*s…", (int) (cut - safe), safe);
}

/**
 * redress_text_fold:
 * @text: (nullable): any text
 *
 * Folds @text for matching as a consultant types: accents removed,
 * case folded ("Émilie" and "EMILIE" both become "emilie").
 *
 * Returns: (transfer full): the folded text, never %NULL
 */
char *
redress_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  /* Plain ASCII has nothing to decompose and folds to lower case: the
   * common case, which the client list does for every file it loads */
  {
    const char *p = text;

    while (*p != '\0' && (guchar) *p < 0x80)
      p++;
    if (*p == '\0')
      return g_ascii_strdown (text, -1);
  }

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK ||
          type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }

  folded = g_string_free (out, FALSE);
  return g_utf8_casefold (folded, -1);
}

/**
 * redress_uci_normalize:
 * @text: (nullable): a UCI as typed ("12-3456-7890", "1234 5678")
 *
 * Returns: (transfer full) (nullable): the digits alone when @text has
 *   only digits and separators, else the trimmed text unchanged (so that
 *   validation can explain what is wrong); %NULL when blank
 */
char *
redress_uci_normalize (const char *text)
{
  GString *digits;

  if (is_blank (text))
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (text);   /* refused by validation */

  digits = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (c != '-' && c != ' ' && c != '.' && !is_invisible (c) &&
               !(g_unichar_isspace (c) && !is_control (c)))
        {
          g_string_free (digits, TRUE);
          return trim (text);
        }
    }
  return g_string_free (digits, FALSE);
}

/**
 * redress_uci_format:
 * @digits: (nullable): a normalized UCI
 *
 * Returns: (transfer full) (nullable): "0000-0000" or "00-0000-0000";
 *   anything else is returned as it is
 */
char *
redress_uci_format (const char *digits)
{
  size_t len;

  if (digits == NULL)
    return NULL;

  len = strlen (digits);
  if (len == 8)
    return g_strdup_printf ("%.4s-%.4s", digits, digits + 4);
  if (len == 10)
    return g_strdup_printf ("%.2s-%.4s-%.4s", digits, digits + 2, digits + 6);
  return g_strdup (digits);
}

/**
 * redress_date_parse:
 * @text: a date as YYYY-MM-DD
 * @date: (out) (optional): where to store it
 * @error: return location for a #GError
 *
 * Accepts only real calendar dates between 1900 and 2199.
 */
gboolean
redress_date_parse (const char  *text,
                    GDate       *date,
                    GError     **error)
{
  guint year, month, day;
  g_autofree char *shown = redress_text_ellipsize (text, 0);

  if (text == NULL || strlen (text) != 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a date: write it as year-month-day, for example 2026-03-02."),
                   shown);
      return FALSE;
    }

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1900 || year > 2199)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a plausible date: the year must be between 1900 and 2199."),
                   text);
      return FALSE;
    }
  if (month < 1 || month > 12)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a date: there is no month %u."), text, month);
      return FALSE;
    }
  if (day < 1 || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a date: that month has %u days."), text,
                   (guint) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return FALSE;
    }

  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
redress_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * redress_date_format_long_in:
 * @iso: (nullable): a YYYY-MM-DD date
 * @catalog: (nullable): the language to write in; %NULL for the user's
 *
 * The month's name comes from the translations, not from the C library's
 * LC_TIME: a French document reads "3 décembre 2026" on an English desktop.
 *
 * Returns: (transfer full) (nullable): the date as it reads in a sentence,
 *   for example "2 March 2026" or "2 mars 2026"
 */
char *
redress_date_format_long_in (const char     *iso,
                             RedressCatalog *catalog)
{
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  const char *month;
  GDate date;

  if (iso == NULL || !redress_date_parse (iso, &date, NULL))
    return g_strdup (iso);

  month = months[g_date_get_month (&date) - 1];
  if (catalog != NULL)
    /* Translators: a date as it reads in a sentence: %1$d the day, %2$s
     * the month's name, %3$d the year; put them in your language's order */
    return g_strdup_printf (redress_catalog_pgettext (catalog, "long date",
                                                      NC_("long date", "%1$d %2$s %3$d")),
                            (int) g_date_get_day (&date),
                            redress_catalog_pgettext (catalog, "month", month),
                            (int) g_date_get_year (&date));
  return g_strdup_printf (C_("long date", "%1$d %2$s %3$d"), (int) g_date_get_day (&date),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", month),
                          (int) g_date_get_year (&date));
}

/**
 * redress_date_format_long:
 * @iso: (nullable): a YYYY-MM-DD date
 *
 * Returns: (transfer full) (nullable): the date in the user's language,
 *   for example "2 March 2026" or "2 mars 2026"
 */
char *
redress_date_format_long (const char *iso)
{
  return redress_date_format_long_in (iso, NULL);
}

static gboolean
validate_email (const char *value)
{
  const char *at = strchr (value, '@');
  const char *dot;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static gboolean
validate_phone (const char *value)
{
  guint digits = 0;

  for (const char *p = value; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr ("+-() .x/", *p) && !g_ascii_isalpha (*p))
        return FALSE;
    }
  return digits >= 7 && digits <= 20;
}

/**
 * redress_field_normalize:
 *
 * Returns: (transfer full) (nullable): the value as it will be stored:
 *   trimmed of white space and invisible characters, %NULL for blank
 *   optional fields (a value made only of U+200B is blank), UCI digits
 *   alone; notes keep their lines but lose other control characters.
 *   Invalid UTF-8 is returned as it is, for validation to refuse.
 */
char *
redress_field_normalize (const RedressFieldDef *def,
                         const char            *value)
{
  g_return_val_if_fail (def != NULL, NULL);

  if (def->kind == REDRESS_FIELD_UCI)
    return redress_uci_normalize (value);

  if (def->kind == REDRESS_FIELD_BOOLEAN)
    {
      if (value != NULL && (g_ascii_strcasecmp (value, "true") == 0 ||
                            g_strcmp0 (value, "1") == 0 ||
                            g_ascii_strcasecmp (value, "yes") == 0))
        return g_strdup ("true");
      return g_strdup ("false");
    }

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return g_strdup (value);

  if (is_blank (value))
    return (def->kind == REDRESS_FIELD_TEXT || def->kind == REDRESS_FIELD_LINE)
           ? g_strdup ("") : NULL;

  if (def->kind == REDRESS_FIELD_TEXT)
    return clean_multi_line (value);  /* notes keep their layout */

  return trim (value);
}

/**
 * redress_field_validate:
 * @def: the field
 * @value: (nullable): a normalized value (see redress_field_normalize())
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @value may be stored; otherwise sets a
 *   %REDRESS_ERROR_INVALID error whose message names the field and says
 *   what is expected.  Values on one line refuse control characters (a
 *   line break, a tab, an escape sequence); notes allow line breaks and
 *   tabs only.
 */
gboolean
redress_field_validate (const RedressFieldDef  *def,
                        const char             *value,
                        GError                **error)
{
  g_return_val_if_fail (def != NULL, FALSE);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("%s: the text holds bytes that are not characters (it is not valid UTF-8)."),
                   _(def->label));
      return FALSE;
    }
  if (def->kind != REDRESS_FIELD_BOOLEAN && find_control (value, !redress_field_is_single_line (def)))
    {
      if (redress_field_is_single_line (def))
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                     _("%s: control characters, such as a line break, a tab or an escape "
                       "code, are not allowed in this field."), _(def->label));
      else
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                     _("%s: control characters other than line breaks and tabs are not "
                       "allowed."), _(def->label));
      return FALSE;
    }

  switch (def->kind)
    {
    case REDRESS_FIELD_NAME:
      if (is_blank (value))
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s: this field is required."), _(def->label));
          return FALSE;
        }
      if (g_utf8_strlen (value, -1) > MAX_NAME_LENGTH)
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s is too long (at most %d characters)."),
                       _(def->label), MAX_NAME_LENGTH);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_LINE:
      if (value != NULL && g_utf8_strlen (value, -1) > MAX_LINE_LENGTH)
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s is too long (at most %d characters)."),
                       _(def->label), MAX_LINE_LENGTH);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_TEXT:
      if (value != NULL && g_utf8_strlen (value, -1) > MAX_TEXT_LENGTH)
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s is too long (at most %d characters)."),
                       _(def->label), MAX_TEXT_LENGTH);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_DATE_REQUIRED:
      if (is_blank (value))
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s: this field is required."), _(def->label));
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case REDRESS_FIELD_DATE:
      if (!is_blank (value))
        {
          g_autoptr(GError) local_error = NULL;

          if (!redress_date_parse (value, NULL, &local_error))
            {
              g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                           /* Translators: a field's label, then what is wrong with it */
                           _("%s: %s"), _(def->label), local_error->message);
              return FALSE;
            }
        }
      break;

    case REDRESS_FIELD_UCI:
      if (!is_blank (value))
        {
          size_t len = strlen (value);
          gboolean digits = TRUE;

          for (const char *p = value; *p; p++)
            digits = digits && g_ascii_isdigit (*p);
          if (!digits || (len != 8 && len != 10))
            {
              g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                           _("A UCI has 8 or 10 digits, for example 1234-5678 or 12-3456-7890."));
              return FALSE;
            }
        }
      break;

    case REDRESS_FIELD_EMAIL:
      if (!is_blank (value) && !validate_email (value))
        {
          g_autofree char *shown = redress_text_ellipsize (value, 0);

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("“%s” is not an email address (for example, name@example.com)."),
                       shown);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_PHONE:
      if (!is_blank (value) && !validate_phone (value))
        {
          g_autofree char *shown = redress_text_ellipsize (value, 0);

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("“%s” is not a phone number: use digits, spaces, + - ( ), for example +1 514 555 0100."),
                       shown);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_CHOICE:
      if (redress_field_choice_index (def, value) < 0)
        {
          g_autoptr(GString) codes = g_string_new (NULL);
          g_autofree char *shown = redress_text_ellipsize (value, 0);

          for (guint i = 0; def->choices[i].code; i++)
            g_string_append_printf (codes, "%s%s", i ? ", " : "", def->choices[i].code);
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s: “%s” is not one of %s."),
                       _(def->label), shown, codes->str);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_BOOLEAN:
      if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s must be true or false."), _(def->label));
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

int
redress_field_choice_index (const RedressFieldDef *def,
                            const char            *code)
{
  g_return_val_if_fail (def != NULL, -1);

  if (def->choices == NULL || code == NULL)
    return -1;
  for (int i = 0; def->choices[i].code; i++)
    if (g_str_equal (def->choices[i].code, code))
      return i;
  return -1;
}

guint
redress_field_n_choices (const RedressFieldDef *def)
{
  guint n = 0;

  g_return_val_if_fail (def != NULL, 0);

  while (def->choices && def->choices[n].code)
    n++;
  return n;
}

/**
 * redress_field_choice_label:
 *
 * Returns: (nullable): the translated label of @code
 */
const char *
redress_field_choice_label (const RedressFieldDef *def,
                            const char            *code)
{
  int i = redress_field_choice_index (def, code);

  return i < 0 ? NULL : _(def->choices[i].label);
}

/**
 * redress_field_display:
 *
 * Returns: (transfer full): @value as a consultant reads it (a label
 *   for a code, a formatted UCI, "—" for nothing)
 */
char *
redress_field_display (const RedressFieldDef *def,
                       const char            *value)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (def != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (def->kind)
    {
    case REDRESS_FIELD_CHOICE:
      {
        const char *label = redress_field_choice_label (def, value);
        shown = g_strdup (label ? label : value);
        break;
      }
    case REDRESS_FIELD_UCI:
      shown = redress_uci_format (value);
      break;
    case REDRESS_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") ? _("Yes") : _("No"));
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
      shown = redress_date_format_long (value);
      break;
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_LINE:
    case REDRESS_FIELD_NAME:
    case REDRESS_FIELD_EMAIL:
    case REDRESS_FIELD_PHONE:
    default:
      shown = g_strdup (value);
      break;
    }

  /* Whatever was stored (by an older version, or another program), what is
   * shown cannot reorder the text or reach a terminal as a command */
  return redress_text_sanitize_for_display (shown, !redress_field_is_single_line (def));
}

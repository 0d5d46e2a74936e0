/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-field"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-error.h"
#include "redress-field.h"

#define MAX_NAME_LENGTH 200
#define MAX_TEXT_LENGTH 20000

G_DEFINE_QUARK (redress-error-quark, redress_error)

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
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

  digits = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != ' ' && *p != '.' && *p != '\t')
        {
          g_string_free (digits, TRUE);
          return g_strstrip (g_strdup (text));
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

  if (text == NULL || strlen (text) != 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a date: write it as year-month-day, for example 2026-03-02."),
                   text ? text : "");
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
 * redress_date_format_long:
 * @iso: (nullable): a YYYY-MM-DD date
 *
 * Returns: (transfer full) (nullable): the date in the user's language,
 *   for example "2 March 2026" or "2 mars 2026"
 */
char *
redress_date_format_long (const char *iso)
{
  GDate date;
  char buf[128];

  if (iso == NULL || !redress_date_parse (iso, &date, NULL))
    return g_strdup (iso);

  /* Translators: a date as it reads in a sentence, strftime format:
   * day without leading zero, month name, year. */
  if (g_date_strftime (buf, sizeof buf, _("%-d %B %Y"), &date) == 0)
    return g_strdup (iso);
  return g_strdup (buf);
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
 *   trimmed, %NULL for blank optional fields, UCI digits alone
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

  if (is_blank (value))
    return (def->kind == REDRESS_FIELD_TEXT) ? g_strdup ("") : NULL;

  if (def->kind == REDRESS_FIELD_TEXT)
    return g_strdup (value);  /* notes keep their layout */

  return g_strstrip (g_strdup (value));
}

/**
 * redress_field_validate:
 * @def: the field
 * @value: (nullable): a normalized value (see redress_field_normalize())
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @value may be stored; otherwise sets a
 *   %REDRESS_ERROR_INVALID error whose message says what is expected.
 */
gboolean
redress_field_validate (const RedressFieldDef  *def,
                        const char             *value,
                        GError                **error)
{
  g_return_val_if_fail (def != NULL, FALSE);

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
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("“%s” is not an email address (for example, name@example.com)."),
                       value);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_PHONE:
      if (!is_blank (value) && !validate_phone (value))
        {
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("“%s” is not a phone number: use digits, spaces, + - ( ), for example +1 514 555 0100."),
                       value);
          return FALSE;
        }
      break;

    case REDRESS_FIELD_CHOICE:
      if (redress_field_choice_index (def, value) < 0)
        {
          g_autoptr(GString) codes = g_string_new (NULL);

          for (guint i = 0; def->choices[i].code; i++)
            g_string_append_printf (codes, "%s%s", i ? ", " : "", def->choices[i].code);
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("%s: “%s” is not one of %s."),
                       _(def->label), value ? value : "", codes->str);
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
  g_return_val_if_fail (def != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (def->kind)
    {
    case REDRESS_FIELD_CHOICE:
      {
        const char *label = redress_field_choice_label (def, value);
        return g_strdup (label ? label : value);
      }
    case REDRESS_FIELD_UCI:
      return redress_uci_format (value);
    case REDRESS_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") ? _("Yes") : _("No"));
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
      return redress_date_format_long (value);
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_NAME:
    case REDRESS_FIELD_EMAIL:
    case REDRESS_FIELD_PHONE:
    default:
      return g_strdup (value);
    }
}

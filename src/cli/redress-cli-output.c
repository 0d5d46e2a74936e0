/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * What the commands print for a person: aligned "Label: value" lines,
 * tables, wrapped paragraphs, the timeline, and the usage errors and ids
 * typed on the command line.  Whatever a stored name or an argument
 * holds, it is shown harmless (see redress_text_sanitize_for_display()).
 */

void
cli_usage_error (GError     **error,
                 const char  *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                                                format, args));
  va_end (args);
}

/* Writes @text (UTF-8) in the console's character set.  With @sanitize,
 * whatever it quotes cannot drive the terminal: control characters other
 * than line breaks and tabs are shown as U+FFFD and bidirectional
 * overrides are dropped (see redress_text_sanitize_for_display()). */
void
cli_write_text (FILE       *stream,
                const char *text,
                gboolean    sanitize)
{
  g_autofree char *safe = sanitize ? redress_text_sanitize_for_display (text, TRUE) : NULL;
  g_autofree char *converted = NULL;
  const char *charset = NULL;
  const char *out = safe != NULL ? safe : text;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (out, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (converted != NULL ? converted : out, stream);
  fflush (stream);
}

/* A value typed by the user, as an error quotes it: on one line, harmless,
 * and shortened to 60 characters with "…" */
char *
cli_echo_value (const char *value)
{
  return redress_text_ellipsize (value, 0);
}

/* Columns of text, padded by characters rather than bytes */
void
cli_append_padded (GString    *out,
                   const char *text,
                   guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

/* Appends @text folded into lines of at most @width characters */
void
cli_append_wrapped_width (GString    *out,
                          const char *text,
                          glong       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (column > 0 && column + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  g_string_append_c (out, '\n');
}

/* Appends @text folded into lines of at most 78 characters */
void
cli_append_wrapped (GString    *out,
                    const char *text)
{
  cli_append_wrapped_width (out, text, 78);
}

/* Joins @words with ", " ("en, fr") */
char *
cli_join_words (const char * const *words)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
cli_add_pair (GPtrArray  *pairs,
              const char *label,
              char       *value)
{
  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, value);
}

/* Prints "Label:  value" lines aligned, @indent spaces in; @pairs holds
 * label, value, ...  With @wrap, long values are folded to 78 columns. */
void
cli_print_pairs_indented (GPtrArray *pairs,
                          guint      indent,
                          gboolean   wrap)
{
  guint width = 0;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      /* Translators: a label before its value, "Family name: Okafor" */
      g_autofree char *label = g_strdup_printf (_("%s:"), (char *) g_ptr_array_index (pairs, i));
      width = MAX (width, (guint) g_utf8_strlen (label, -1));
    }

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      g_autofree char *label = g_strdup_printf (_("%s:"), (char *) g_ptr_array_index (pairs, i));
      g_autofree char *value = redress_text_sanitize_for_display (g_ptr_array_index (pairs, i + 1),
                                                                 TRUE);
      g_autoptr(GString) folded = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autoptr(GString) out = g_string_new (NULL);

      if (wrap)
        {
          g_auto(GStrv) paragraphs = g_strsplit (value, "\n", -1);

          for (guint j = 0; paragraphs[j] != NULL; j++)
            cli_append_wrapped_width (folded, paragraphs[j],
                                      MAX (78 - (glong) (indent + width + 2), 30));
          g_string_truncate (folded, folded->len - 1);
        }
      else
        g_string_append (folded, value);
      lines = g_strsplit (folded->str, "\n", -1);

      cli_append_padded (out, "", indent);
      cli_append_padded (out, label, width + 2);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            {
              g_string_append_c (out, '\n');
              cli_append_padded (out, "", indent + width + 2);
            }
          g_string_append (out, lines[j]);
        }
      g_print ("%s\n", out->str);
    }
}

void
cli_print_pairs (GPtrArray *pairs)
{
  cli_print_pairs_indented (pairs, 0, FALSE);
}

/* Prints rows under a header, each column as wide as its widest cell */
void
cli_print_table (const char * const *headers,
                 guint               n_columns,
                 GPtrArray          *rows)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) safe_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  /* One line per row, whatever a cell holds: a line break in a name
   * cannot fake a row, an escape sequence cannot reach the terminal */
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      char **safe = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        safe[c] = redress_text_sanitize_for_display (row[c] ? row[c] : "", FALSE);
      g_ptr_array_add (safe_rows, safe);
    }

  for (guint c = 0; c < n_columns; c++)
    widths[c] = (guint) g_utf8_strlen (headers[c], -1);
  for (guint r = 0; r < safe_rows->len; r++)
    {
      char **row = g_ptr_array_index (safe_rows, r);
      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r <= safe_rows->len; r++)
    {
      const char * const *row = r == 0 ? headers : g_ptr_array_index (safe_rows, r - 1);

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            {
              cli_append_padded (line, row[c], widths[c]);
              g_string_append (line, "  ");
            }
          else
            g_string_append (line, row[c]);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

/* "2026-03-02T10:00:00Z" as local time, "2026-03-02 05:00" */
char *
cli_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("—");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A value as the human output shows it: codes with their label, UCI
 * formatted, dates in ISO form (as they are typed), "—" for nothing. */
char *
cli_display_value (const RedressFieldDef *def,
                   const char            *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (def->kind)
    {
    case REDRESS_FIELD_CHOICE:
      {
        const char *label = redress_field_choice_label (def, value);
        shown = label ? g_strdup_printf ("%s (%s)", label, value) : g_strdup (value);
        break;
      }
    case REDRESS_FIELD_UCI:
      shown = redress_uci_format (value);
      break;
    case REDRESS_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") ? _("Yes") : _("No"));
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_LINE:
    case REDRESS_FIELD_NAME:
    case REDRESS_FIELD_EMAIL:
    case REDRESS_FIELD_PHONE:
    default:
      shown = g_strdup (value);
      break;
    }
  return redress_text_sanitize_for_display (shown, !redress_field_is_single_line (def));
}

void
cli_add_field_pairs (GPtrArray     *pairs,
                     RedressRecord *record)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);

      cli_add_pair (pairs, _(def->label),
                    cli_display_value (def, redress_record_get_value (record, i)));
    }
}

void
cli_print_events (GPtrArray *events)
{
  g_print ("\n%s\n", _("Timeline:"));
  if (events->len == 0)
    g_print ("  %s\n", _("Nothing yet."));
  for (guint i = 0; i < events->len; i++)
    {
      RedressEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = cli_format_timestamp (redress_event_get_at (event));
      g_autofree char *description = redress_event_dup_description (event);

      /* Translators: a timeline entry and who made it: "Email changed … (jdoe)" */
      g_autofree char *line = g_strdup_printf (_("%s (%s)"), description,
                                               redress_event_get_actor (event));

      g_print ("  %s  %s\n", when, line);
    }
}

/* "Client file 2026-0001 (…) updated: Email, Phone.", from the labels of
 * the fields @changed */
void
cli_print_changes (const char *what,
                   GPtrArray  *changed)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (changed->len == 0)
    {
      g_print (_("%s: nothing changed, the values given are those already stored.\n"), what);
      return;
    }
  for (guint i = 0; i < changed->len; i++)
    {
      if (i > 0)
        /* Translators: separates the fields in "Updated ...: Email, Phone" */
        g_string_append (list, _(", "));
      g_string_append (list, g_ptr_array_index (changed, i));
    }
  /* Translators: "Client file 2026-0001 updated: Email, Phone." */
  g_print (_("%s updated: %s.\n"), what, list->str);
}

/* An id typed on the command line; @listed_by: the command that lists such
 * ids, for the message */
gboolean
cli_parse_id_listed (const char  *text,
                     const char  *listed_by,
                     gint64      *id,
                     GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = cli_echo_value (text);

      cli_usage_error (error, _("“%s” is not an id: an id is a whole number, as listed by “%s”."),
                       shown, listed_by);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* The command that lists the ids a command of @group takes */
const char *
cli_id_listed_by (const char *group)
{
  if (g_strcmp0 (group, "case") == 0)
    return PROGRAM " case list";
  if (g_strcmp0 (group, "document") == 0)
    return PROGRAM " documents --case ID";
  return PROGRAM " client list";
}

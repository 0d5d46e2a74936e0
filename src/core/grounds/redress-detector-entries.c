/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <string.h>

#include "redress-detector-private.h"

/*
 * The entries of an officer's notes and their dates ("Created Date:
 * 2023/04/12"): a hit in notes carries the date of the entry it is in.
 */

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static const char * const mois[] = {
  "janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "dec",
};

static int
month_of (const char *word)
{
  for (guint m = 0; m < 12; m++)
    if (g_str_has_prefix (word, month_names[m]) || g_str_has_prefix (word, mois[m]))
      return (int) m + 1;
  if (g_str_has_prefix (word, "fev"))
    return 2;
  if (g_str_has_prefix (word, "jui"))
    return strlen (word) > 4 && word[4] == 'l' ? 7 : 6;
  return 0;
}

/* A date as notes write it ("2023/04/12", "12-APR-2023", "April 12, 2023",
 * "12 avril 2023"), as YYYY-MM-DD; FALSE when it is none */
static gboolean
parse_date (GMatchInfo *info,
            char        out[11])
{
  g_autofree char *y1 = g_match_info_fetch_named (info, "y1");
  g_autofree char *m1 = g_match_info_fetch_named (info, "m1");
  g_autofree char *d1 = g_match_info_fetch_named (info, "d1");
  g_autofree char *d2 = g_match_info_fetch_named (info, "d2");
  g_autofree char *mn2 = g_match_info_fetch_named (info, "mn2");
  g_autofree char *y2 = g_match_info_fetch_named (info, "y2");
  g_autofree char *mn3 = g_match_info_fetch_named (info, "mn3");
  g_autofree char *d3 = g_match_info_fetch_named (info, "d3");
  g_autofree char *y3 = g_match_info_fetch_named (info, "y3");
  g_autofree char *d4 = g_match_info_fetch_named (info, "d4");
  g_autofree char *m4 = g_match_info_fetch_named (info, "m4");
  g_autofree char *y4 = g_match_info_fetch_named (info, "y4");
  int y = 0, m = 0, d = 0;

  if (y1 != NULL && *y1 != '\0')
    y = atoi (y1), m = atoi (m1), d = atoi (d1);
  else if (d2 != NULL && *d2 != '\0')
    y = atoi (y2), m = month_of (mn2), d = atoi (d2);
  else if (mn3 != NULL && *mn3 != '\0')
    y = atoi (y3), m = month_of (mn3), d = atoi (d3);
  else if (d4 != NULL && *d4 != '\0')
    y = atoi (y4), m = atoi (m4), d = atoi (d4);   /* day first, as Canada's French writes it */
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1980 || y > 2100)
    return FALSE;
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
  return TRUE;
}

static GRegex *
date_regex (void)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    {
      g_autoptr(GError) error = NULL;
      GRegex *r = g_regex_new (
        "\\b(?:(?<y1>(?:19|20)\\d\\d)[/.-](?<m1>\\d{1,2})[/.-](?<d1>\\d{1,2})"
        "|(?<d2>\\d{1,2})[ -](?<mn2>[a-z]{3,9})\\.?[ -](?<y2>(?:19|20)\\d\\d)"
        "|(?<mn3>[a-z]{3,9})\\.? (?<d3>\\d{1,2}),? (?<y3>(?:19|20)\\d\\d)"
        "|(?<d4>\\d{1,2})[/.-](?<m4>\\d{1,2})[/.-](?<y4>(?:19|20)\\d\\d))\\b",
        G_REGEX_OPTIMIZE | G_REGEX_RAW | G_REGEX_DUPNAMES, 0, &error);

      if (r == NULL)
        g_critical ("Date pattern: %s", error->message);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

/* Whether the date at @start opens an entry: it follows an entry label
 * ("Created Date:") or starts a line of its own */
static gboolean
opens_entry (const RedressGroundCatalogue *catalogue,
             RedressNormText              *t,
             gsize                         start)
{
  const GRegex *label = catalogue->rules[REDRESS_RULE_ENTRY];
  gsize from = start > 40 ? start - 40 : 0;
  guint page, end_page;
  gsize at, end;

  /* A date that starts a line of the page */
  redress_norm_text_locate (t, start, start + 1, &page, &at, &end_page, &end);
  if (page >= 1 && page <= t->n_pages)
    {
      const char *text = t->pages[page - 1];

      while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
        at--;
      if (at == 0 || text[at - 1] == '\n' || text[at - 1] == '\f')
        return TRUE;
    }
  if (label == NULL)
    return FALSE;
  return g_regex_match_full (label, t->folded + from, (gssize) (start - from), 0, 0, NULL, NULL);
}

GArray *
redress_entry_dates_collect (const RedressGroundCatalogue *catalogue,
                             RedressNormText              *t)
{
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (RedressEntryDate));
  GMatchInfo *info = NULL;

  g_regex_match_full (date_regex (), t->folded, (gssize) t->len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      RedressEntryDate entry;
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      if (parse_date (info, entry.date) && opens_entry (catalogue, t, (gsize) start))
        {
          entry.position = (guint32) start;
          entry.end = (guint32) end;
          g_array_append_val (dates, entry);
        }
      g_match_info_next (info, NULL);
    }
  g_match_info_free (info);
  return dates;
}

/* The entry that holds @position, or NULL */
const RedressEntryDate *
redress_entry_at (GArray *dates,
          gsize   position)
{
  const RedressEntryDate *found = NULL;

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const RedressEntryDate *entry = &g_array_index (dates, RedressEntryDate, i);

      if (entry->position > position)
        break;
      found = entry;
    }
  return found;
}

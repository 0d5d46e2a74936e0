/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress-detector-private.h"
#include "redress-grounds.h"

/* The text of a letter or notes cut into segments: the sentences, and the
 * items of lists (a check box or a bullet opens an item; the sentences
 * that follow it before a paragraph break belong to it); the rules each
 * segment meets, evaluated once when needed; the text's language. */

#define SEGMENT_MIN 2

const char * const redress_lang_codes[REDRESS_N_LANGS] = { "en", "fr" };

/* Segments ----------------------------------------------------------------- */

static const char * const abbreviations[] = {
  "e.g", "i.e", "no", "nos", "para", "paras", "art", "mr", "mrs", "ms", "dr", "pp", "vs",
  "cf", "mme", "mmes", "sec", "subs", "st", "approx", "inc", "ltd", "co", "jr", "sr",
  "u.s", "e.u", "etc", "p.a", "ca", "env", "art", "al", "ann", "dept", "min", "max", "ref",
};

static gboolean
is_item_marker (char c)
{
  return c == REDRESS_NORM_CHECKED || c == REDRESS_NORM_UNCHECKED || c == REDRESS_NORM_BULLET;
}

static gboolean
is_sentence_end (const RedressNormText *t,
                 gsize                  i)
{
  const char *f = t->folded;
  gsize token;

  if (i + 1 < t->len && f[i + 1] != ' ' && !REDRESS_NORM_IS_MARKER (f[i + 1]))
    return FALSE;
  if (f[i] != '.')
    return TRUE;

  token = i;
  while (token > 0 && f[token - 1] != ' ' && !REDRESS_NORM_IS_MARKER (f[token - 1]) &&
         f[token - 1] != '(')
    token--;
  /* "l'art. 40", "d'env. 20": the article elided before the abbreviation */
  if (i - token > 2 && (f[token] == 'l' || f[token] == 'd') && f[token + 1] == '\'')
    token += 2;
  if (i - token == 1 && g_ascii_isalpha (f[token]))
    return FALSE;   /* an initial, s. 40 */
  for (guint a = 0; a < G_N_ELEMENTS (abbreviations); a++)
    if (strlen (abbreviations[a]) == i - token && memcmp (f + token, abbreviations[a], i - token) == 0)
      {
        /* etc. may end a sentence: if the next one starts in upper case */
        return strcmp (abbreviations[a], "etc") == 0 && i + 2 < t->len &&
               (t->flags[i + 2] & REDRESS_NORM_FLAG_UPPER);
      }
  return TRUE;
}

static void
close_segment (const RedressNormText *t,
               GArray                *segments,
               gsize                  start,
               gsize                  end,
               char                   marker,
               char                  *carried)
{
  RedressSegment s = { 0, 0, marker, -1, -1, 0, 0 };

  while (start < end && (t->folded[start] == ' ' || REDRESS_NORM_IS_MARKER (t->folded[start])))
    start++;
  while (end > start && t->folded[end - 1] == ' ')
    end--;
  if (end - start < SEGMENT_MIN)
    {
      /* A box alone on its line: it goes with the text that follows */
      if (is_item_marker (marker))
        *carried = marker;
      return;
    }
  if (*carried != 0 && (marker == 0 || marker == REDRESS_NORM_BREAK))
    s.marker = *carried;
  *carried = 0;
  s.start = (guint32) start;
  s.end = (guint32) end;
  g_array_append_val (segments, s);
}

static gboolean
same_list_kind (char a,
                char b)
{
  return a == b || (a != REDRESS_NORM_BULLET && b != REDRESS_NORM_BULLET);
}

/* Item @k follows sentences that went on after an item (no paragraph
 * break between): it starts a list of its own when the sentence before it
 * introduces one ("...based on:") or when its marks differ (check boxes
 * after bullets) */
static gboolean
starts_new_list (const RedressNormText *t,
                 GArray                *segments,
                 guint                  k)
{
  const RedressSegment *s = &g_array_index (segments, RedressSegment, k);
  const RedressSegment *prev = &g_array_index (segments, RedressSegment, k - 1);
  const RedressSegment *head;

  if (prev->item == (int) k - 1)
    return FALSE;   /* right after the previous item's own sentence */
  if (t->folded[prev->end - 1] == ':')
    return TRUE;
  head = &g_array_index (segments, RedressSegment, prev->item);
  return !same_list_kind (head->marker, s->marker);
}

GArray *
redress_segments_split (const RedressNormText *t)
{
  GArray *segments = g_array_sized_new (FALSE, FALSE, sizeof (RedressSegment), t->len / 80 + 8);
  gsize start = 0;
  char marker = 0, carried = 0;

  for (gsize i = 0; i < t->len; i++)
    {
      char c = t->folded[i];

      if (REDRESS_NORM_IS_MARKER (c))
        {
          close_segment (t, segments, start, i, marker, &carried);
          start = i + 1;
          marker = c;
        }
      else if ((c == '.' || c == '!' || c == '?') && is_sentence_end (t, i))
        {
          close_segment (t, segments, start, i + 1, marker, &carried);
          start = i + 1;
          marker = 0;
        }
    }
  close_segment (t, segments, start, t->len, marker, &carried);

  /* Lists: an item and the sentences after it up to a paragraph break,
   * introduced by the segment before the first item */
  for (guint k = 0; k < segments->len; k++)
    {
      RedressSegment *s = &g_array_index (segments, RedressSegment, k);
      RedressSegment *prev = k > 0 ? &g_array_index (segments, RedressSegment, k - 1) : NULL;

      if (is_item_marker (s->marker))
        {
          s->item = (int) k;
          if (prev == NULL)
            s->intro = -1;
          else if (prev->item >= 0 && !starts_new_list (t, segments, k))
            s->intro = prev->intro;
          else
            s->intro = (int) k - 1;
        }
      else if (s->marker == 0 && prev != NULL && prev->item >= 0)
        {
          s->item = prev->item;
          s->intro = prev->intro;
        }
    }
  return segments;
}

/* The segment that holds [start, end), or -1 */
int
redress_segments_find (GArray *segments,
              gsize   start,
              gsize   end)
{
  guint lo = 0, hi = segments->len;
  const RedressSegment *s;

  if (hi == 0)
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (segments, RedressSegment, mid).start <= start)
        lo = mid;
      else
        hi = mid;
    }
  s = &g_array_index (segments, RedressSegment, lo);
  if (start < s->start || end > s->end)
    return -1;
  return (int) lo;
}

typedef gboolean (*RedressMatchFunc) (gsize    start,
                               gsize    end,
                               gpointer user_data);

/* Calls @func for each match of @regex in the folded text, until it
 * returns FALSE */
void
redress_text_scan (const GRegex          *regex,
      const RedressNormText *t,
      RedressMatchFunc              func,
      gpointer               user_data)
{
  GMatchInfo *info = NULL;

  if (regex == NULL || t->len == 0)
    return;
  g_regex_match_full (regex, t->folded, (gssize) t->len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      int s, e;

      g_match_info_fetch_pos (info, 0, &s, &e);
      if (!func ((gsize) s, (gsize) e, user_data))
        break;
      g_match_info_next (info, NULL);
    }
  g_match_info_free (info);
}

gboolean
redress_segment_matches (const GRegex          *regex,
                 const RedressNormText *t,
                 const RedressSegment         *s)
{
  return regex != NULL &&
         g_regex_match_full (regex, t->folded + s->start, (gssize) (s->end - s->start), 0, 0,
                             NULL, NULL);
}

/* Whether segment @k says what @rule looks for (evaluated once, when
 * needed: most segments of long notes never need it) */
gboolean
redress_segment_has (const RedressNormText *t,
             GArray                *segments,
             int                    k,
             RedressRule            rule)
{
  RedressSegment *s = &g_array_index (segments, RedressSegment, k);
  guint bit = 1u << rule;

  if (!(s->known & bit))
    {
      if (redress_segment_matches (redress_ground_catalogue_get ()->rules[rule], t, s))
        s->flags |= bit;
      s->known |= bit;
    }
  return (s->flags & bit) != 0;
}


/* Language ----------------------------------------------------------------- */

const char *
redress_text_language (const RedressNormText *t,
                 const char            *hint)
{
  static const char * const en_words[] = {
    "the", "and", "of", "to", "you", "your", "is", "that", "not", "have", "with", "for",
    "this", "are", "been", "will",
  };
  static const char * const fr_words[] = {
    "le", "la", "les", "des", "du", "et", "vous", "votre", "est", "que", "pas", "pour",
    "une", "avec", "dans", "aux", "ete", "sont",
  };
  gsize limit = MIN (t->len, 64 * 1024);
  guint en = 0, fr = 0;
  gsize i = 0;

  while (i < limit)
    {
      gsize j = i;

      while (j < limit && g_ascii_isalpha (t->folded[j]))
        j++;
      if (j > i && j - i <= 6)
        {
          for (guint w = 0; w < G_N_ELEMENTS (en_words); w++)
            if (strlen (en_words[w]) == j - i && memcmp (t->folded + i, en_words[w], j - i) == 0)
              en++;
          for (guint w = 0; w < G_N_ELEMENTS (fr_words); w++)
            if (strlen (fr_words[w]) == j - i && memcmp (t->folded + i, fr_words[w], j - i) == 0)
              fr++;
        }
      i = j + 1;
    }
  if (en + fr < 6 && (g_strcmp0 (hint, "en") == 0 || g_strcmp0 (hint, "fr") == 0))
    return g_strcmp0 (hint, "fr") == 0 ? "fr" : "en";
  return fr > en ? "fr" : "en";
}


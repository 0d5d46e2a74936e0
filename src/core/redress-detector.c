/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress-detector.h"
#include "redress-grounds.h"
#include "redress-grounds-private.h"
#include "redress-normalize.h"

/*
 * Refusal grounds from the text of a letter's pages.
 *
 * The pages are folded (redress-normalize.c) and cut into segments: the
 * sentences, and the items of lists (a check box or a bullet opens an
 * item; the sentences that follow it before a paragraph break belong to
 * it).  The rules of data/grounds.ini mark each segment: a preamble (what
 * an officer *may* consider), a hedge or advice ("may", "if you wish to
 * reapply"), a refusal, a decisive refusal, a notice (fairness letter,
 * acknowledgement, approval).  A ground's wording counts in a segment
 * that is neither preamble nor hedge, in an item that is not an
 * unchecked box and not in a list introduced by a preamble, in a letter
 * that refuses something (and says so in so many words if it also reads
 * like a notice).  One hit per ground: the first place it is stated.
 *
 * Every pattern runs once over the whole folded text (PCRE with JIT),
 * and matches are mapped to segments by binary search: cost grows with
 * the text, not with the number of sentences times patterns.  The
 * preamble and hedge rules are evaluated only for the segments that need
 * them, and the grounds only looked for in a letter that refuses.
 */

#define SEGMENT_MIN 2

typedef struct
{
  guint32 start;
  guint32 end;
  char marker;        /* what opened it: 0 (a sentence goes on), or a REDRESS_NORM_* */
  int item;           /* the list item it belongs to (a segment index), or -1 */
  int intro;          /* for items: the segment that introduces the list, or -1 */
  guint flags;        /* 1 << RedressRule, for the rules in @known */
  guint known;
} Segment;

static const char * const lang_codes[REDRESS_N_LANGS] = { "en", "fr" };

G_DEFINE_BOXED_TYPE (RedressGroundHit, redress_ground_hit,
                     redress_ground_hit_copy, redress_ground_hit_free)

RedressGroundHit *
redress_ground_hit_copy (const RedressGroundHit *hit)
{
  RedressGroundHit *copy;

  g_return_val_if_fail (hit != NULL, NULL);

  copy = g_memdup2 (hit, sizeof *hit);
  copy->code = g_strdup (hit->code);
  copy->provision = g_strdup (hit->provision);
  copy->quote = g_strdup (hit->quote);
  copy->language = g_strdup (hit->language);
  return copy;
}

void
redress_ground_hit_free (RedressGroundHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->code);
  g_free (hit->provision);
  g_free (hit->quote);
  g_free (hit->language);
  g_free (hit);
}

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
  Segment s = { 0, 0, marker, -1, -1, 0, 0 };

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
  const Segment *s = &g_array_index (segments, Segment, k);
  const Segment *prev = &g_array_index (segments, Segment, k - 1);
  const Segment *head;

  if (prev->item == (int) k - 1)
    return FALSE;   /* right after the previous item's own sentence */
  if (t->folded[prev->end - 1] == ':')
    return TRUE;
  head = &g_array_index (segments, Segment, prev->item);
  return !same_list_kind (head->marker, s->marker);
}

static GArray *
split_segments (const RedressNormText *t)
{
  GArray *segments = g_array_sized_new (FALSE, FALSE, sizeof (Segment), t->len / 80 + 8);
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
      Segment *s = &g_array_index (segments, Segment, k);
      Segment *prev = k > 0 ? &g_array_index (segments, Segment, k - 1) : NULL;

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
static int
find_segment (GArray *segments,
              gsize   start,
              gsize   end)
{
  guint lo = 0, hi = segments->len;
  const Segment *s;

  if (hi == 0)
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (segments, Segment, mid).start <= start)
        lo = mid;
      else
        hi = mid;
    }
  s = &g_array_index (segments, Segment, lo);
  if (start < s->start || end > s->end)
    return -1;
  return (int) lo;
}

typedef gboolean (*MatchFunc) (gsize    start,
                               gsize    end,
                               gpointer user_data);

/* Calls @func for each match of @regex in the folded text, until it
 * returns FALSE */
static void
scan (const GRegex          *regex,
      const RedressNormText *t,
      MatchFunc              func,
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

static gboolean
segment_matches (const GRegex          *regex,
                 const RedressNormText *t,
                 const Segment         *s)
{
  return regex != NULL &&
         g_regex_match_full (regex, t->folded + s->start, (gssize) (s->end - s->start), 0, 0,
                             NULL, NULL);
}

/* Whether segment @k says what @rule looks for (evaluated once, when
 * needed: most segments of long notes never need it) */
static gboolean
segment_has (const RedressNormText *t,
             GArray                *segments,
             int                    k,
             RedressRule            rule)
{
  Segment *s = &g_array_index (segments, Segment, k);
  guint bit = 1u << rule;

  if (!(s->known & bit))
    {
      if (segment_matches (redress_ground_catalogue_get ()->rules[rule], t, s))
        s->flags |= bit;
      s->known |= bit;
    }
  return (s->flags & bit) != 0;
}

static gboolean
is_plain (const RedressNormText *t,
          GArray                *segments,
          int                    k)
{
  return !segment_has (t, segments, k, REDRESS_RULE_PREAMBLE) &&
         !segment_has (t, segments, k, REDRESS_RULE_HEDGE);
}

/* Language ----------------------------------------------------------------- */

static const char *
detect_language (const RedressNormText *t,
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

/* Provisions --------------------------------------------------------------- */

#define TAIL "((?:\\s?\\((?:\\d{1,2}(?:\\.\\d)?|[a-z]{1,4})\\)|[a-z]{1,4}\\))*)"
#define NUMBER "(\\d{1,3}(?:\\.\\d{1,2})?)"
#define ACT "(irpr|irpa|regulations|act|immigration and refugee protection regulations|" \
            "immigration and refugee protection act|ripr|lipr|reglement|loi)"

static GRegex *
provision_regex (void)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    {
      g_autoptr(GError) error = NULL;
      GRegex *r = g_regex_new (
        /* paragraph 179(b) of the IRPR, l'alinéa 179b) du RIPR */
        "\\b(?:(?:sub-?)?paragraphs?|(?:sub-?)?sections?|paras?\\.|ss?\\.|regulations?|"
        "articles?|art\\.|(?:sous-)?alineas?|paragraphes?)\\s*" NUMBER TAIL
        "(?:\\s*,?\\s*(?:of|under|in|du|de la|de l'|des)\\s*(?:the\\s+)?" ACT "\\b)?"
        /* R179(b), A40(1)(a) */
        "|\\b([ar])" NUMBER "((?:\\((?:\\d{1,2}|[a-z]{1,4})\\))*)(?![\\w.])"
        /* IRPR 179(b), IRPA s. 40 */
        "|\\b(irpr|irpa|ripr|lipr)\\s*,?\\s*(?:s\\.|ss\\.|section|article|art\\.|paragraph|"
        "alinea)?\\s*" NUMBER TAIL
        /* 216(1)(b) */
        "|\\b(\\d{1,3})((?:\\((?:\\d{1,2}|[a-z]{1,4})\\))+)",
        G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, &error);

      if (r == NULL)
        g_critical ("Provision pattern: %s", error->message);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

/* "(1) b)" -> "(1)(b)" */
static void
append_tail (GString    *out,
             const char *tail)
{
  const char *p = tail;

  while (*p)
    {
      const char *q;

      if (*p == ' ' || *p == '(')
        {
          p++;
          continue;
        }
      q = strchr (p, ')');
      if (q == NULL)
        break;
      g_string_append_c (out, '(');
      g_string_append_len (out, p, q - p);
      g_string_append_c (out, ')');
      p = q + 1;
    }
}

/* R or A for a section number, from the catalogue ("section 40": A40) */
static int
act_of_number (const char *number)
{
  const RedressGroundCatalogue *catalogue = redress_ground_catalogue_get ();
  gsize n = strlen (number);

  for (guint i = 0; i < catalogue->n_grounds; i++)
    for (char **p = catalogue->grounds[i].provisions; *p != NULL; p++)
      if (strncmp (*p + 1, number, n) == 0 && !g_ascii_isdigit ((*p)[n + 1]) && (*p)[n + 1] != '.')
        return (*p)[0];
  return -1;
}

static gboolean
number_is_known (const char *number)
{
  return act_of_number (number) != -1;
}

static char *
make_provision (int         act,
                const char *number,
                const char *tail)
{
  GString *out = g_string_new (NULL);

  if (act == -1)
    act = act_of_number (number);
  if (act == -1)
    act = atoi (number) >= 100 ? 'R' : 'A';
  g_string_append_c (out, g_ascii_toupper ((char) act));
  g_string_append (out, number);
  append_tail (out, tail);
  return g_string_free (out, FALSE);
}

static int
act_of_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return -1;
  if (strcmp (name, "irpr") == 0 || strcmp (name, "regulations") == 0 ||
      strcmp (name, "ripr") == 0 || strcmp (name, "reglement") == 0 ||
      g_str_has_suffix (name, "regulations"))
    return 'R';
  return 'A';
}

/* Provisions cited in folded text, normalized, in order */
static GPtrArray *
find_provisions (const char *folded,
                 gsize       length)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GMatchInfo *info = NULL;

  g_regex_match_full (provision_regex (), folded, (gssize) length, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      g_autofree char *n1 = g_match_info_fetch (info, 1);
      char *provision = NULL;

      if (n1 != NULL && *n1 != '\0')
        {
          g_autofree char *tail = g_match_info_fetch (info, 2);
          g_autofree char *act = g_match_info_fetch (info, 3);

          provision = make_provision (act_of_name (act), n1, tail);
        }
      else
        {
          g_autofree char *prefix = g_match_info_fetch (info, 4);
          g_autofree char *n2 = g_match_info_fetch (info, 5);
          g_autofree char *t2 = g_match_info_fetch (info, 6);
          g_autofree char *act3 = g_match_info_fetch (info, 7);
          g_autofree char *n3 = g_match_info_fetch (info, 8);
          g_autofree char *t3 = g_match_info_fetch (info, 9);
          g_autofree char *n4 = g_match_info_fetch (info, 10);
          g_autofree char *t4 = g_match_info_fetch (info, 11);

          if (n2 != NULL && *n2 != '\0' && (number_is_known (n2) || (t2 != NULL && *t2 != '\0')))
            provision = make_provision (prefix[0], n2, t2);
          else if (n3 != NULL && *n3 != '\0')
            provision = make_provision (act_of_name (act3), n3, t3);
          else if (n4 != NULL && *n4 != '\0' && number_is_known (n4))
            provision = make_provision (-1, n4, t4);
        }
      if (provision != NULL)
        g_ptr_array_add (found, provision);
      g_match_info_next (info, NULL);
    }
  g_match_info_free (info);
  return found;
}

/**
 * redress_detector_find_provisions:
 * @text: a sentence (not normalized)
 *
 * Returns: (transfer full): the provisions cited in @text, normalized
 *   ("paragraph 179(b) of the IRPR" → "R179(b)", "l'alinéa 179b) du RIPR"
 *   → "R179(b)", "section 40" → "A40"), in order
 */
GStrv
redress_detector_find_provisions (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = redress_normalize_fold (text);
  found = find_provisions (folded, strlen (folded));
  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_steal (found, NULL);
}

/* Whether @provision is one of those that found the ground (same act and
 * section number) */
static gboolean
provision_fits (const RedressGroundDef *def,
                const char             *provision)
{
  gsize n = strcspn (provision, "(");

  for (char **p = def->provisions; *p != NULL; p++)
    if (strncmp (*p, provision, n) == 0 && ((*p)[n] == '\0' || (*p)[n] == '('))
      return TRUE;
  return FALSE;
}

static gboolean
cites_fitting (const RedressGroundDef *def,
               const RedressNormText  *t,
               const Segment          *s)
{
  g_autoptr(GPtrArray) cited = find_provisions (t->folded + s->start, s->end - s->start);

  for (guint i = 0; i < cited->len; i++)
    if (provision_fits (def, g_ptr_array_index (cited, i)))
      return TRUE;
  return FALSE;
}

/* The provision of a ground stated in a segment: one cited in it (one that
 * founds the ground first), else one the list's introduction cites that
 * founds it */
static char *
pick_provision (const RedressGroundDef *def,
                const RedressNormText  *t,
                GArray                 *segments,
                int                     k)
{
  const Segment *s = &g_array_index (segments, Segment, k);
  /* The item's first sentence, the list's introduction, or the sentence
   * just before in the same paragraph */
  int others[3] = { s->item != k ? s->item : -1, s->intro,
                    (s->item < 0 && s->marker == 0 && k > 0) ? k - 1 : -1 };

  {
    g_autoptr(GPtrArray) own = find_provisions (t->folded + s->start, s->end - s->start);

    for (guint i = 0; i < own->len; i++)
      if (provision_fits (def, g_ptr_array_index (own, i)))
        return g_strdup (g_ptr_array_index (own, i));
    if (own->len > 0)
      return g_strdup (g_ptr_array_index (own, 0));
  }
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr(GPtrArray) cited = NULL;
      const Segment *other;

      if (others[o] < 0)
        continue;
      other = &g_array_index (segments, Segment, others[o]);
      cited = find_provisions (t->folded + other->start, other->end - other->start);
      for (guint i = 0; i < cited->len; i++)
        if (provision_fits (def, g_ptr_array_index (cited, i)))
          return g_strdup (g_ptr_array_index (cited, i));
    }
  return NULL;
}

/* Detection ---------------------------------------------------------------- */

static gboolean
states_finding (const RedressNormText *t,
                GArray                *segments,
                int                    k)
{
  const Segment *s = &g_array_index (segments, Segment, k);

  if (!is_plain (t, segments, k))
    return FALSE;
  if (s->item >= 0)
    {
      const Segment *item = &g_array_index (segments, Segment, s->item);

      if (item->marker == REDRESS_NORM_UNCHECKED)
        return FALSE;
      if (item->intro >= 0 && segment_has (t, segments, item->intro, REDRESS_RULE_PREAMBLE))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const RedressNormText *t;
  GArray *segments;
  gboolean plain_only;
  gboolean found;
} RuleScan;

static gboolean
rule_cb (gsize    start,
         gsize    end,
         gpointer user_data)
{
  RuleScan *r = user_data;
  int k = find_segment (r->segments, start, end);

  if (k < 0 || (r->plain_only && !is_plain (r->t, r->segments, k)))
    return TRUE;
  r->found = TRUE;
  return FALSE;
}

/* Whether a segment says what @rule looks for (one that is no preamble
 * and no hedge, if @plain_only) */
static gboolean
any_segment (const RedressGroundCatalogue *catalogue,
             const RedressNormText        *t,
             GArray                       *segments,
             RedressRule                   rule,
             gboolean                      plain_only)
{
  RuleScan r = { t, segments, plain_only, FALSE };

  scan (catalogue->rules[rule], t, rule_cb, &r);
  return r.found;
}

/* The letter refuses something, and says so in so many words if it also
 * reads like a notice (a fairness letter, an acknowledgement) */
static gboolean
refuses (const RedressGroundCatalogue *catalogue,
         const RedressNormText        *t,
         GArray                       *segments)
{
  if (!any_segment (catalogue, t, segments, REDRESS_RULE_REFUSAL, TRUE))
    return FALSE;
  if (!any_segment (catalogue, t, segments, REDRESS_RULE_NOTICE, FALSE))
    return TRUE;
  return any_segment (catalogue, t, segments, REDRESS_RULE_DECISIVE, TRUE);
}

/* A form field ("Funds available: 4,500"): a label, not a finding */
static gboolean
is_field (const RedressNormText *t,
          const Segment         *s)
{
  const char *colon;

  if (s->end - s->start > 60)
    return FALSE;
  colon = memchr (t->folded + s->start, ':', s->end - s->start);
  return colon != NULL && colon - (t->folded + s->start) <= 32;
}

#define MAX_CANDIDATES 8

typedef struct
{
  gsize position;
  int segment;
  RedressLang lang;
} Candidate;

typedef struct
{
  const RedressGroundDef *def;
  const RedressNormText *t;
  GArray *segments;
  GArray *candidates;
  RedressLang lang;
  guint n;
} GroundScan;

static gboolean
ground_cb (gsize    start,
           gsize    end,
           gpointer user_data)
{
  GroundScan *g = user_data;
  Candidate c = { start, -1, g->lang };
  const Segment *s;

  c.segment = find_segment (g->segments, start, end);
  if (c.segment < 0 || !states_finding (g->t, g->segments, c.segment))
    return TRUE;
  for (guint i = 0; i < g->candidates->len; i++)
    if (g_array_index (g->candidates, Candidate, i).segment == c.segment)
      return TRUE;
  s = &g_array_index (g->segments, Segment, c.segment);
  if (is_field (g->t, s) ||
      (g->def->exclude != NULL && segment_matches (g->def->exclude, g->t, s)))
    return TRUE;
  g_array_append_val (g->candidates, c);
  return ++g->n < MAX_CANDIDATES;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  return ca->position < cb->position ? -1 : ca->position > cb->position;
}

static RedressGroundHit *
make_hit (const char            *code,
          RedressNormText       *t,
          const Segment         *s,
          const char            *language)
{
  RedressGroundHit *hit = g_new0 (RedressGroundHit, 1);

  hit->code = g_strdup (code);
  hit->language = g_strdup (language);
  hit->quote = redress_norm_text_dup_display (t, s->start, s->end);
  redress_norm_text_locate (t, s->start, s->end, &hit->page, &hit->start, &hit->end_page,
                            &hit->end);
  return hit;
}

typedef struct
{
  RedressGroundHit *hit;
  gsize position;
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = a, *fb = b;

  return fa->position < fb->position ? -1 : fa->position > fb->position;
}

/**
 * redress_detector_detect:
 * @pages: (array length=n_pages): the text of each page of a refusal letter
 *   or of an officer's decision notes
 * @language_hint: (nullable): "en" or "fr", used when the text is too short
 *   to tell
 * @language: (out) (optional) (transfer full): the language of the text,
 *   "en" or "fr"
 *
 * Finds the grounds a letter states: deterministic, and fast (a few
 * microseconds a page of text that states nothing).  A letter that refuses
 * nothing (an acknowledgement, a request for documents, a procedural
 * fairness letter, an approval) has no grounds.
 *
 * Returns: (transfer full) (element-type RedressGroundHit): one hit per
 *   ground, in the order the letter states them
 */
GPtrArray *
redress_detector_detect (const char * const  *pages,
                         guint                n_pages,
                         const char          *language_hint,
                         char               **language)
{
  const RedressGroundCatalogue *catalogue = redress_ground_catalogue_get ();
  g_autoptr(RedressNormText) t = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ground_hit_free);
  gboolean refused;

  g_return_val_if_fail (pages != NULL || n_pages == 0, hits);

  t = redress_norm_text_new (pages, n_pages);
  segments = split_segments (t);

  if (language != NULL)
    *language = g_strdup (detect_language (t, language_hint));
  /* A letter that refuses nothing states no ground */
  refused = refuses (catalogue, t, segments);
  if (!refused)
    return hits;

  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      GroundScan g = { def, t, segments, candidates, REDRESS_LANG_EN, 0 };
      const Candidate *chosen = NULL;
      const Segment *s;
      Found f;

      for (guint l = 0; l < REDRESS_N_LANGS; l++)
        {
          g.lang = l;
          g.n = 0;
          scan (def->match[l], t, ground_cb, &g);
        }
      if (candidates->len == 0)
        continue;
      g_array_sort (candidates, compare_candidates);

      /* The first statement of the ground, or a later one that cites its
       * provision (the finding rather than the facts that led to it) */
      for (guint c = 0; c < candidates->len && chosen == NULL; c++)
        {
          const Candidate *candidate = &g_array_index (candidates, Candidate, c);

          s = &g_array_index (segments, Segment, candidate->segment);
          if (cites_fitting (def, t, s))
            chosen = candidate;
        }
      if (chosen == NULL)
        chosen = &g_array_index (candidates, Candidate, 0);

      s = &g_array_index (segments, Segment, chosen->segment);
      f.hit = make_hit (def->code, t, s, lang_codes[chosen->lang]);
      f.position = chosen->position;
      f.hit->provision = pick_provision (def, t, segments, chosen->segment);
      g_array_append_val (found, f);
    }

  g_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (hits, g_array_index (found, Found, i).hit);
  return hits;
}

/* Passages ----------------------------------------------------------------- */

typedef struct
{
  GArray *segments;
  guint *scores;
  guint weight;
} ScoreScan;

static gboolean
score_cb (gsize    start,
          gsize    end,
          gpointer user_data)
{
  ScoreScan *data = user_data;
  int k = find_segment (data->segments, start, end);

  if (k >= 0)
    data->scores[k] += data->weight;
  return TRUE;
}

typedef struct
{
  int segment;
  guint score;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *sa = a, *sb = b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  return sa->segment - sb->segment;
}

static int
compare_segment (gconstpointer a,
                 gconstpointer b)
{
  return ((const Scored *) a)->segment - ((const Scored *) b)->segment;
}

#define PASSAGE_MIN 20
#define PASSAGE_MAX 800

/**
 * redress_detector_suggest_passages:
 * @code: a ground code
 * @pages: (array length=n_pages): the text of each page of the officer's
 *   notes
 * @max_passages: the most passages wanted
 *
 * Sentences of the notes that bear on a ground (for finances: bank
 * statements, funds, income, deposits...; for family-ties: spouse,
 * children, parents, family in Canada...), in English and French: the
 * ones with the most such words, at most @max_passages of them.
 *
 * Returns: (transfer full) (element-type RedressGroundHit): the passages,
 *   in the order of the notes (without provisions)
 */
GPtrArray *
redress_detector_suggest_passages (const char         *code,
                                   const char * const *pages,
                                   guint               n_pages,
                                   guint               max_passages)
{
  const RedressGroundDef *def = redress_ground_catalogue_lookup (code);
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ground_hit_free);
  g_autoptr(RedressNormText) t = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) scored = NULL;
  g_autofree guint *scores = NULL;
  const char *language;

  g_return_val_if_fail (def != NULL, hits);
  g_return_val_if_fail (pages != NULL || n_pages == 0, hits);

  if (max_passages == 0)
    return hits;

  t = redress_norm_text_new (pages, n_pages);
  segments = split_segments (t);
  language = detect_language (t, NULL);
  scores = g_new0 (guint, segments->len + 1);

  for (guint l = 0; l < REDRESS_N_LANGS; l++)
    {
      ScoreScan evidence = { segments, scores, 1 };
      ScoreScan wording = { segments, scores, 3 };

      scan (def->evidence[l], t, score_cb, &evidence);
      scan (def->match[l], t, score_cb, &wording);
    }

  scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  for (guint k = 0; k < segments->len; k++)
    {
      const Segment *s = &g_array_index (segments, Segment, k);
      Scored sc = { (int) k, scores[k] };

      if (scores[k] > 0 && s->end - s->start >= PASSAGE_MIN && s->end - s->start <= PASSAGE_MAX)
        g_array_append_val (scored, sc);
    }
  g_array_sort (scored, compare_scored);
  if (scored->len > max_passages)
    g_array_set_size (scored, max_passages);
  g_array_sort (scored, compare_segment);

  for (guint i = 0; i < scored->len; i++)
    {
      const Segment *s = &g_array_index (segments, Segment, g_array_index (scored, Scored, i).segment);

      g_ptr_array_add (hits, make_hit (code, t, s, language));
    }
  return hits;
}

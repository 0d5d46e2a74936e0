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
  copy->entry_date = g_strdup (hit->entry_date);
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
  g_free (hit->entry_date);
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
                 gsize       length,
                 GArray     *starts)
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
        {
          g_ptr_array_add (found, provision);
          if (starts != NULL)
            {
              int start, end;
              guint32 at;

              g_match_info_fetch_pos (info, 0, &start, &end);
              at = (guint32) start;
              g_array_append_val (starts, at);
            }
        }
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
  found = find_provisions (folded, strlen (folded), NULL);
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
  g_autoptr(GPtrArray) cited = find_provisions (t->folded + s->start, s->end - s->start, NULL);

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
    g_autoptr(GPtrArray) own = find_provisions (t->folded + s->start, s->end - s->start, NULL);

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
      cited = find_provisions (t->folded + other->start, other->end - other->start, NULL);
      for (guint i = 0; i < cited->len; i++)
        if (provision_fits (def, g_ptr_array_index (cited, i)))
          return g_strdup (g_ptr_array_index (cited, i));
    }
  return NULL;
}

/* Detection ---------------------------------------------------------------- */

/* A list item's introduction reads as a preamble ("factors ... including")
 * unless it is the form's own heading over its boxes ("In reaching this
 * decision, I considered several factors, including:") */
static gboolean
is_preamble (const RedressNormText *t,
             GArray                *segments,
             int                    k)
{
  return segment_has (t, segments, k, REDRESS_RULE_PREAMBLE) &&
         !segment_has (t, segments, k, REDRESS_RULE_DECISION_INTRO);
}

static gboolean
is_plain (const RedressNormText *t,
          GArray                *segments,
          int                    k)
{
  return !is_preamble (t, segments, k) && !segment_has (t, segments, k, REDRESS_RULE_HEDGE);
}

/* Whether segment @k may state a ground at all: no preamble, no hedge,
 * no unticked box, no item of a list a preamble introduces (a ticked box
 * is a ground whatever its heading says) */
static gboolean
states_finding (const RedressNormText *t,
                GArray                *segments,
                int                    k)
{
  const Segment *s = &g_array_index (segments, Segment, k);

  if (!is_plain (t, segments, k) || segment_has (t, segments, k, REDRESS_RULE_NEUTRAL))
    return FALSE;
  /* "PFL sent giving PA the opportunity to explain the funds": no finding */
  if (segment_has (t, segments, k, REDRESS_RULE_NOTICE) &&
      !segment_has (t, segments, k, REDRESS_RULE_REFUSAL))
    return FALSE;
  if (s->item >= 0)
    {
      const Segment *item = &g_array_index (segments, Segment, s->item);

      if (item->marker == REDRESS_NORM_UNCHECKED)
        return FALSE;
      if (item->marker != REDRESS_NORM_CHECKED && item->intro >= 0 &&
          is_preamble (t, segments, item->intro))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const RedressNormText *t;
  GArray *segments;
  RedressRule rule;
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
  /* An earlier decision recalled does not make this text refuse */
  if (r->rule == REDRESS_RULE_REFUSAL || r->rule == REDRESS_RULE_DECISIVE)
    if (segment_has (r->t, r->segments, k, REDRESS_RULE_PAST))
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
  RuleScan r = { t, segments, rule, plain_only, FALSE };

  scan (catalogue->rules[rule], t, rule_cb, &r);
  return r.found;
}

/* A letter states grounds when it refuses something, and says so in so
 * many words if it also reads like a notice (a fairness letter, an
 * acknowledgement).  Notes record findings, often with no closing line:
 * they state grounds unless they approve, record a withdrawal or only
 * warn (a fairness letter sent) without refusing. */
static gboolean
decides_against (const RedressGroundCatalogue *catalogue,
                 const RedressNormText        *t,
                 GArray                       *segments,
                 RedressTextKind               kind)
{
  gboolean refusal = any_segment (catalogue, t, segments, REDRESS_RULE_REFUSAL, TRUE);
  gboolean notice = any_segment (catalogue, t, segments, REDRESS_RULE_NOTICE, FALSE);
  gboolean decisive = notice && any_segment (catalogue, t, segments, REDRESS_RULE_DECISIVE, TRUE);

  g_debug ("refusal %d, notice %d, decisive %d", refusal, notice, decisive);
  if (kind == REDRESS_TEXT_LETTER)
    return refusal && (!notice || decisive);
  if (refusal && (!notice || decisive))
    return TRUE;
  if (refusal && notice)
    return FALSE;
  return !notice && !any_segment (catalogue, t, segments, REDRESS_RULE_APPROVAL, TRUE);
}

/* Letter or notes: notes have their own layout and shorthand, and speak
 * of the applicant in the third person */
typedef struct
{
  guint kinds;        /* distinct shorthand words seen (a bit per first letter) */
  guint notes;
  guint address;
} KindCount;

static gboolean
notes_cb (gsize    start,
          gsize    end,
          gpointer user_data)
{
  KindCount *count = user_data;

  count->notes++;
  (void) end;
  (void) start;
  return TRUE;
}

static gboolean
address_cb (gsize    start,
            gsize    end,
            gpointer user_data)
{
  KindCount *count = user_data;

  (void) start;
  (void) end;
  count->address++;
  return TRUE;
}

static RedressTextKind
recognise_kind (const RedressGroundCatalogue *catalogue,
                const RedressNormText        *t)
{
  KindCount count = { 0, 0, 0 };

  scan (catalogue->rules[REDRESS_RULE_NOTES], t, notes_cb, &count);
  scan (catalogue->rules[REDRESS_RULE_ADDRESS], t, address_cb, &count);
  return count.notes >= 2 && count.notes * 2 >= count.address ? REDRESS_TEXT_NOTES
                                                               : REDRESS_TEXT_LETTER;
}

/* Findings ----------------------------------------------------------------- */

typedef enum
{
  CUE_NEGATIVE,
  CUE_POSITIVE,
  CUE_CLEARED,
  CUE_DOUBT,
  CUE_BREAK,
} CueKind;

typedef struct
{
  guint32 start;
  guint32 end;
  guint8 kind;
} Cue;

typedef enum
{
  POLARITY_NONE,
  POLARITY_NEGATIVE,
  POLARITY_POSITIVE,
} Polarity;

typedef enum
{
  TERM_NAMED,       /* match-*: the ground named outright */
  TERM_FACTOR,      /* factor-*: its vocabulary */
  TERM_FINDING,     /* finding-*: a negative finding on its own */
  TERM_CLEARED,     /* cleared-*: speaks for the applicant */
  TERM_PROVISION,   /* a provision that founds this ground alone */
} TermKind;

static const char * const term_kind_names[] = {
  "named", "factor", "finding", "cleared", "provision",
};

typedef struct
{
  guint32 start;
  guint32 end;
  guint8 ground;
  guint8 kind;
  guint8 lang;
} Term;

typedef struct
{
  GArray *array;
  guint8 kind;
  guint8 ground;
  guint8 lang;
} Collect;

static gboolean
collect_cue_cb (gsize    start,
                gsize    end,
                gpointer user_data)
{
  Collect *c = user_data;
  Cue cue = { (guint32) start, (guint32) end, c->kind };

  g_array_append_val (c->array, cue);
  return TRUE;
}

static gboolean
collect_term_cb (gsize    start,
                 gsize    end,
                 gpointer user_data)
{
  Collect *c = user_data;
  Term term = { (guint32) start, (guint32) end, c->ground, c->kind, c->lang };

  g_array_append_val (c->array, term);
  return TRUE;
}

static int
compare_cues (gconstpointer a,
              gconstpointer b)
{
  const Cue *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) y->end - (int) x->end;   /* the longer first */
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const Term *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* A cue inside a longer cue of another kind is part of it: "sufficient"
 * in "not sufficient", "no" in "no concerns", "concerns" in "concerns
 * were addressed" */
static GArray *
collect_cues (const RedressGroundCatalogue *catalogue,
              const RedressNormText        *t)
{
  static const struct { RedressRule rule; CueKind kind; } sources[] = {
    { REDRESS_RULE_NEGATIVE, CUE_NEGATIVE },
    { REDRESS_RULE_POSITIVE, CUE_POSITIVE },
    { REDRESS_RULE_CLEARED, CUE_CLEARED },
    { REDRESS_RULE_DOUBT, CUE_DOUBT },
    { REDRESS_RULE_CLAUSE, CUE_BREAK },
  };
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Cue));
  GArray *cues = g_array_sized_new (FALSE, FALSE, sizeof (Cue), 64);
  guint32 covered_end = 0;
  guint8 covered_kind = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      Collect c = { all, (guint8) sources[i].kind, 0, 0 };

      scan (catalogue->rules[sources[i].rule], t, collect_cue_cb, &c);
    }
  g_array_sort (all, compare_cues);
  for (guint i = 0; i < all->len; i++)
    {
      const Cue *cue = &g_array_index (all, Cue, i);

      /* Inside a longer cue: kept only if of the same meaning as it (a
       * doubt inside a negative, say, still opens a doubt) */
      if (cue->end <= covered_end && cue->kind != CUE_BREAK)
        {
          gboolean same = (cue->kind == covered_kind) ||
                          (cue->kind == CUE_DOUBT && covered_kind == CUE_NEGATIVE) ||
                          (cue->kind == CUE_NEGATIVE && covered_kind == CUE_DOUBT);

          if (!same)
            continue;
        }
      if (cue->end > covered_end && cue->kind != CUE_BREAK)
        {
          covered_end = cue->end;
          covered_kind = cue->kind;
        }
      g_array_append_val (cues, *cue);
    }
  return cues;
}

/* The first cue that ends after @pos */
static guint
first_cue_from (GArray *cues,
                gsize   pos)
{
  guint lo = 0, hi = cues->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (cues, Cue, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* Step back over cues that start before @pos and reach past it */
  while (lo > 0 && g_array_index (cues, Cue, lo - 1).end > pos)
    lo--;
  return lo;
}

typedef struct
{
  const RedressGroundCatalogue *catalogue;
  const RedressNormText *t;
  GArray *segments;
  GArray *cues;
  GArray *terms;
  RedressTextKind kind;
} Reading;

/* The clause that holds [start, end) within segment @s: cut at the cues
 * that part clauses */
static void
clause_bounds (const Reading *r,
               const Segment *s,
               gsize          start,
               gsize          end,
               gsize         *clause_start,
               gsize         *clause_end)
{
  guint i = first_cue_from (r->cues, s->start);

  *clause_start = s->start;
  *clause_end = s->end;
  for (; i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= s->end)
        break;
      if (cue->kind != CUE_BREAK)
        continue;
      if (cue->end <= start)
        *clause_start = cue->end;
      else if (cue->start >= end)
        {
          *clause_end = cue->start;
          break;
        }
    }
}

/* Pieces of a clause: parted by commas and colons */
static gboolean
is_piece_mark (char c)
{
  return c == ',' || c == ':' || REDRESS_NORM_IS_MARKER (c);
}

static void
piece_bounds (const RedressNormText *t,
              gsize                  clause_start,
              gsize                  clause_end,
              gsize                  start,
              gsize                  end,
              gsize                 *piece_start,
              gsize                 *piece_end)
{
  gsize a = start, b = end;

  while (a > clause_start && !is_piece_mark (t->folded[a - 1]))
    a--;
  while (b < clause_end && !is_piece_mark (t->folded[b]))
    b++;
  *piece_start = a;
  *piece_end = b;
}

/* The first term that starts at or after @pos */
static guint
first_term_from (GArray *terms,
                 gsize   pos)
{
  guint lo = 0, hi = terms->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (terms, Term, mid).start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether a factor of any ground is named in [start, end) */
static gboolean
names_factor (const Reading *r,
              gsize          start,
              gsize          end)
{
  for (guint lo = first_term_from (r->terms, start); lo < r->terms->len; lo++)
    {
      const Term *term = &g_array_index (r->terms, Term, lo);

      if (term->start >= end)
        break;
      if (term->end <= end && term->kind != TERM_CLEARED)
        return TRUE;
    }
  return FALSE;
}

static Polarity
cue_polarity (guint8 kind)
{
  switch (kind)
    {
    case CUE_NEGATIVE:
    case CUE_DOUBT:
      return POLARITY_NEGATIVE;
    case CUE_POSITIVE:
    case CUE_CLEARED:
      return POLARITY_POSITIVE;
    default:
      return POLARITY_NONE;
    }
}

#define NEGATED_DISTANCE 25

/* The finding the cue nearest to [start, end) in [from, to) makes; a
 * cleared concern is stronger than anything near it */
static Polarity
nearest_cue (const Reading *r,
             gsize          from,
             gsize          to,
             gsize          start,
             gsize          end)
{
  gsize best = G_MAXSIZE;
  Polarity polarity = POLARITY_NONE;

  for (guint i = first_cue_from (r->cues, from); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);
      gsize distance;

      if (cue->start >= to)
        break;
      if (cue->kind == CUE_BREAK || cue->start < from)
        continue;
      if (cue->kind == CUE_CLEARED)
        return POLARITY_POSITIVE;
      if (cue->end <= start)
        distance = start - cue->end;
      else if (cue->start >= end)
        distance = cue->start - end;
      else
        distance = 0;
      if (distance < best)
        {
          best = distance;
          polarity = cue_polarity (cue->kind);
          /* "do not have significant ties": a good word negated */
          if (polarity == POLARITY_POSITIVE && i > 0)
            {
              const Cue *before = &g_array_index (r->cues, Cue, i - 1);

              if (before->kind == CUE_NEGATIVE && before->start >= from &&
                  before->end <= cue->start && cue->start - before->end <= NEGATED_DISTANCE)
                polarity = POLARITY_NEGATIVE;
            }
        }
    }
  return polarity;
}

/* Whether a doubt opens before @start in the clause ("not satisfied that
 * PA has sufficient funds"): what follows it is doubted */
static gboolean
doubted (const Reading *r,
         gsize          clause_start,
         gsize          start)
{
  for (guint i = first_cue_from (r->cues, clause_start); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= start)
        break;
      if (cue->kind == CUE_DOUBT && cue->start >= clause_start)
        return TRUE;
    }
  return FALSE;
}

/* What the officer makes of the words at [start, end) of segment @s: the
 * nearest cue in their piece of the clause; else the doubt that governs
 * the clause; else, for a list of factors ("funds, ties and travel all
 * insufficient"), the finding of the piece that follows when it names no
 * factor of its own */
#define SHORT_PIECE 32

static Polarity
polarity_at (const Reading *r,
             const Segment *s,
             gsize          start,
             gsize          end)
{
  const RedressNormText *t = r->t;
  gsize cs, ce, ps, pe;
  Polarity polarity;

  clause_bounds (r, s, start, end, &cs, &ce);
  piece_bounds (t, cs, ce, start, end, &ps, &pe);
  polarity = nearest_cue (r, ps, pe, start, end);
  if (polarity == POLARITY_POSITIVE && doubted (r, cs, start) &&
      nearest_cue (r, ps, pe, start, end) != POLARITY_NONE)
    {
      /* "not satisfied that PA has sufficient funds", but not "no
       * concerns" after a doubt */
      for (guint i = first_cue_from (r->cues, ps); i < r->cues->len; i++)
        {
          const Cue *cue = &g_array_index (r->cues, Cue, i);

          if (cue->start >= pe)
            break;
          if (cue->kind == CUE_CLEARED)
            return POLARITY_POSITIVE;
        }
      return POLARITY_NEGATIVE;
    }
  if (polarity != POLARITY_NONE)
    return polarity;
  if (doubted (r, cs, start))
    return POLARITY_NEGATIVE;

  /* The pieces that follow, up to one that names a factor, for a piece
   * that is little more than the factor itself ("PA single, not
   * established in COR") */
  if (pe - ps > SHORT_PIECE)
    return POLARITY_NONE;
  while (pe < ce)
    {
      gsize next_start = pe + 1, next_end;

      piece_bounds (t, cs, ce, next_start, next_start, &next_start, &next_end);
      next_start = pe + 1;
      if (names_factor (r, next_start, next_end))
        break;
      polarity = nearest_cue (r, next_start, next_end, next_start, next_start);
      if (polarity != POLARITY_NONE)
        return polarity;
      if (next_end <= pe)
        break;
      pe = next_end;
    }
  return POLARITY_NONE;
}

/* Words that make a factor the complement of another ("funds insufficient
 * for the program": the program is not what is found wanting) */
/* Words that make a factor the basis of a judgement on something else
 * ("not reasonable given your qualifications") */
static gboolean
is_ground_for (const RedressNormText *t,
               gsize                  piece_start,
               gsize                  start)
{
  static GRegex *regex = NULL;
  gsize from = start > piece_start + 40 ? start - 40 : piece_start;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?:\\bgiven|\\bin light of|\\bin view of|\\bcompte tenu (?:de|du|des)|\\bvu|"
      "\\beu egard a)(?: [\\w']+){0,3} ?$",
      G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL));
  return g_regex_match_full (regex, t->folded + from, (gssize) (start - from), 0, 0, NULL, NULL);
}

static gboolean
is_complement (const RedressNormText *t,
               gsize                  piece_start,
               gsize                  start)
{
  static GRegex *regex = NULL;
  gsize from = start > piece_start + 40 ? start - 40 : piece_start;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?:\\bfor|\\bto (?:cover|support|pay for|fund|finance)|\\bcover\\w*|\\bgiven|"
      "\\bin light of|\\bconsidering|\\bregarding|\\bpour|\\bafin de|\\bcouvri\\w*|"
      "\\bcompte tenu (?:de|du|des)|\\bvu)(?: [\\w']+){0,3} ?$",
      G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL));
  return g_regex_match_full (regex, t->folded + from, (gssize) (start - from), 0, 0, NULL, NULL);
}

/* Words that make a factor what is checked, not what is found ("the
 * items needed to verify the funds") */
static gboolean
is_inquired (const RedressNormText *t,
             gsize                  piece_start,
             gsize                  start)
{
  static GRegex *regex = NULL;
  gsize from = start > piece_start + 40 ? start - 40 : piece_start;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?:\\bverify|\\bverification of|\\bconfirm|\\bassess|\\bcheck|\\bevaluate|"
      "\\bverifier|\\bverification (?:de|des|du)|\\bconfirmer|\\bevaluer)(?: [\\w']+){0,3} ?$",
      G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL));
  return g_regex_match_full (regex, t->folded + from, (gssize) (start - from), 0, 0, NULL, NULL);
}

/* A form field ("Funds available: 4,500"): a label, not a finding (unless
 * its value is one: "Travel history: none") */
static gboolean
is_field (const Reading *r,
          const Segment *s)
{
  const RedressNormText *t = r->t;
  const char *colon;

  if (s->end - s->start > 60)
    return FALSE;
  colon = memchr (t->folded + s->start, ':', s->end - s->start);
  if (colon == NULL || colon - (t->folded + s->start) > 32)
    return FALSE;
  return nearest_cue (r, (gsize) (colon - t->folded), s->end, s->end, s->end) != POLARITY_NEGATIVE;
}

/* Form fields run together ("Decision: Refused Date: 2023/04/12 Purpose
 * of travel: Family visit"): several labels in a short span */
#define FORM_BLOCK_CHARS_PER_LABEL 120

static gboolean
is_form_block (const RedressNormText *t,
               const Segment         *s)
{
  guint colons = 0;

  for (gsize i = s->start; i < s->end; i++)
    colons += t->folded[i] == ':';
  return colons >= 2 && s->end - s->start <= colons * FORM_BLOCK_CHARS_PER_LABEL;
}

/* The list an item belongs to is one of reasons: introduced by a refusal,
 * a doubt, the form's heading or a free-text label */
static gboolean
in_list_of_reasons (const Reading *r,
                    const Segment *s)
{
  const Segment *item;

  if (s->item < 0)
    return FALSE;
  item = &g_array_index (r->segments, Segment, s->item);
  if (item->marker == REDRESS_NORM_CHECKED)
    return TRUE;
  if (item->marker == REDRESS_NORM_UNCHECKED || item->intro < 0)
    return FALSE;
  return segment_has (r->t, r->segments, item->intro, REDRESS_RULE_REFUSAL) ||
         segment_has (r->t, r->segments, item->intro, REDRESS_RULE_DECISION_INTRO) ||
         segment_has (r->t, r->segments, item->intro, REDRESS_RULE_DOUBT) ||
         segment_has (r->t, r->segments, item->intro, REDRESS_RULE_REASONS);
}

/* Another ground's factor stands in the same piece, not as a complement */
static gboolean
other_head_in_piece (const Reading *r,
                     const Term    *term,
                     gsize          piece_start,
                     gsize          piece_end)
{
  for (guint lo = first_term_from (r->terms, piece_start); lo < r->terms->len; lo++)
    {
      const Term *other = &g_array_index (r->terms, Term, lo);

      if (other->start >= piece_end)
        break;
      if (other->ground != term->ground && other->kind != TERM_CLEARED &&
          !is_complement (r->t, piece_start, other->start))
        return TRUE;
    }
  return FALSE;
}

/* The ground's own words for the applicant stand in the piece */
static gboolean
cleared_in_piece (const Reading *r,
                  const Term    *term,
                  gsize          piece_start,
                  gsize          piece_end)
{
  guint lo = 0, hi = r->terms->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (r->terms, Term, mid).end <= piece_start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (lo = lo > 8 ? lo - 8 : 0; lo < r->terms->len; lo++)
    {
      const Term *other = &g_array_index (r->terms, Term, lo);

      if (other->start >= piece_end)
        break;
      if (other->ground == term->ground && other->kind == TERM_CLEARED &&
          other->end > piece_start && other->start < piece_end)
        return TRUE;
    }
  return FALSE;
}

/* The first term of the segment (after a form's label), where a ticked
 * box or a line of reasons names what it is about */
static gboolean
is_first_term (const Reading *r,
               const Term    *term,
               const Segment *s)
{
  for (guint i = first_term_from (r->terms, s->start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->kind != TERM_CLEARED)
        return other->start >= term->start;
    }
  return TRUE;
}

/* A stronger word of another ground stands in the piece ("your dependent
 * son might cause excessive demand": the son is not a family tie found
 * wanting), and the factor has no negative word of its own near it */
#define OWN_CUE_DISTANCE 20

static gsize
distance (gsize a_start,
          gsize a_end,
          gsize b_start,
          gsize b_end)
{
  if (a_end <= b_start)
    return b_start - a_end;
  if (b_end <= a_start)
    return a_start - b_end;
  return 0;
}

static gboolean
yields_to_stronger (const Reading *r,
                    const Term    *term,
                    gsize          piece_start,
                    gsize          piece_end)
{
  const Term *strong[8];
  guint n_strong = 0;

  for (guint i = first_term_from (r->terms, piece_start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->start >= piece_end)
        break;
      if (other->ground != term->ground && n_strong < G_N_ELEMENTS (strong) &&
          (other->kind == TERM_NAMED || other->kind == TERM_FINDING || other->kind == TERM_PROVISION))
        strong[n_strong++] = other;
    }
  if (n_strong == 0)
    return FALSE;
  /* A negative word near the factor, and nearer to it than to the
   * stronger words, is the factor's own */
  for (guint i = first_cue_from (r->cues, piece_start); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);
      gsize own;
      gboolean nearer = TRUE;

      if (cue->start >= piece_end)
        break;
      if (cue->kind != CUE_NEGATIVE)
        continue;
      own = distance (cue->start, cue->end, term->start, term->end);
      for (guint k = 0; k < n_strong; k++)
        if (distance (cue->start, cue->end, strong[k]->start, strong[k]->end) <= own)
          nearer = FALSE;
      if (own <= OWN_CUE_DISTANCE && nearer)
        return FALSE;
    }
  return TRUE;
}

/* A negative word within a few words of the factor */
static gboolean
has_own_cue (const Reading *r,
             const Term    *term,
             gsize          piece_start,
             gsize          piece_end)
{
  for (guint i = first_cue_from (r->cues, piece_start); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= piece_end)
        break;
      if (cue->kind == CUE_NEGATIVE &&
          distance (cue->start, cue->end, term->start, term->end) <= OWN_CUE_DISTANCE)
        return TRUE;
    }
  return FALSE;
}

/* A provision two grounds share (A16: truthfulness, biometrics) cited
 * where the other one is named: it founds that one ("without your
 * biometrics we cannot complete the examination under 16(1)") */
static gboolean
provision_shared_with_named (const Reading *r,
                             const Term    *term,
                             const Segment *s)
{
  const RedressGroundDef *def = &r->catalogue->grounds[term->ground];

  for (guint i = first_term_from (r->terms, s->start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);
      const RedressGroundDef *other_def;

      if (other->start >= s->end)
        break;
      if (other->ground == term->ground || (other->kind != TERM_NAMED && other->kind != TERM_FINDING))
        continue;
      other_def = &r->catalogue->grounds[other->ground];
      for (char **p = def->provisions; *p != NULL; p++)
        if (provision_fits (other_def, *p))
          return TRUE;
    }
  return FALSE;
}

/* Whether @term, in segment @k, states its ground */
static gboolean
term_states_ground (const Reading *r,
                    const Term    *term,
                    int            k)
{
  const RedressGroundDef *def = &r->catalogue->grounds[term->ground];
  const Segment *s = &g_array_index (r->segments, Segment, k);
  gboolean reasons, listed, form;
  gsize cs, ce, ps, pe;
  Polarity polarity;

  if (!states_finding (r->t, r->segments, k))
    return FALSE;
  if (def->exclude != NULL && segment_matches (def->exclude, r->t, s))
    return FALSE;
  reasons = segment_has (r->t, r->segments, k, REDRESS_RULE_REASONS);
  if (!reasons && is_field (r, s))
    return FALSE;
  form = !reasons && is_form_block (r->t, s);

  clause_bounds (r, s, term->start, term->end, &cs, &ce);
  piece_bounds (r->t, cs, ce, term->start, term->end, &ps, &pe);
  if (cleared_in_piece (r, term, ps, pe))
    return FALSE;
  polarity = polarity_at (r, s, term->start, term->end);
  listed = reasons || in_list_of_reasons (r, s);
  /* In a block of form fields, only a value that is itself a finding */
  if (form && polarity != POLARITY_NEGATIVE && term->kind != TERM_FINDING)
    return FALSE;

  switch ((TermKind) term->kind)
    {
    case TERM_FINDING:
      return TRUE;
    case TERM_NAMED:
      if (polarity == POLARITY_POSITIVE)
        return FALSE;
      /* "legal status ... for the whole length of your stay": the length
       * is what the status is measured against */
      if (is_complement (r->t, ps, term->start) && other_head_in_piece (r, term, ps, pe))
        return FALSE;
      return r->kind == REDRESS_TEXT_LETTER || polarity == POLARITY_NEGATIVE || listed ||
             segment_has (r->t, r->segments, k, REDRESS_RULE_REFUSAL);
    case TERM_PROVISION:
      if (provision_shared_with_named (r, term, s) || polarity == POLARITY_POSITIVE)
        return FALSE;
      /* A letter that refuses cites the provision of each ground it states */
      return r->kind == REDRESS_TEXT_LETTER || polarity == POLARITY_NEGATIVE || listed ||
             segment_has (r->t, r->segments, k, REDRESS_RULE_REFUSAL);
    case TERM_FACTOR:
      if (polarity == POLARITY_POSITIVE)
        return FALSE;
      if (polarity == POLARITY_NONE && (!listed || !is_first_term (r, term, s)))
        return FALSE;
      if (yields_to_stronger (r, term, ps, pe))
        return FALSE;
      if ((is_inquired (r->t, ps, term->start) || is_ground_for (r->t, ps, term->start)) &&
          !has_own_cue (r, term, ps, pe))
        return FALSE;
      return !is_complement (r->t, ps, term->start) || !other_head_in_piece (r, term, ps, pe);
    case TERM_CLEARED:
    default:
      return FALSE;
    }
}

/* The ground a provision founds alone (A40 misrepresentation, R200(3)(a)
 * the ability to do the work), or -1 when it founds several (R179(b)) */
static int
ground_of_provision (const RedressGroundCatalogue *catalogue,
                     const char                   *provision)
{
  int found = -1;
  gsize best = 0;
  gboolean tie = FALSE;

  for (guint i = 0; i < catalogue->n_grounds; i++)
    for (char **p = catalogue->grounds[i].provisions; *p != NULL; p++)
      {
        gsize n = strlen (*p), m = strlen (provision);
        gsize common = MIN (n, m);

        /* one a prefix of the other, at a paragraph's edge */
        if (strncmp (*p, provision, common) != 0 ||
            (n > m && (*p)[m] != '(') || (m > n && provision[n] != '('))
          continue;
        if (common > best)
          {
            best = common;
            found = (int) i;
            tie = FALSE;
          }
        else if (common == best && found != (int) i)
          tie = TRUE;
      }
  return tie ? -1 : found;
}

static void
collect_provision_terms (const RedressGroundCatalogue *catalogue,
                         const RedressNormText        *t,
                         GArray                       *terms)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) cited = find_provisions (t->folded, t->len, starts);

  for (guint i = 0; i < cited->len; i++)
    {
      int ground = ground_of_provision (catalogue, g_ptr_array_index (cited, i));
      guint32 start = g_array_index (starts, guint32, i);
      Term term = { start, start + 1, 0, TERM_PROVISION, REDRESS_LANG_EN };

      if (ground < 0)
        continue;
      term.ground = (guint8) ground;
      g_array_append_val (terms, term);
    }
}

/* The words of every ground; a ground's everyday vocabulary only in the
 * language of the text (French "son" is no son) */
static GArray *
collect_terms (const RedressGroundCatalogue *catalogue,
               const RedressNormText        *t,
               RedressLang                   language)
{
  GArray *terms = g_array_sized_new (FALSE, FALSE, sizeof (Term), 128);

  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];

      for (guint l = 0; l < REDRESS_N_LANGS; l++)
        {
          const struct { GRegex *regex; TermKind kind; } sources[] = {
            { def->match[l], TERM_NAMED },
            { l == language ? def->factor[l] : NULL, TERM_FACTOR },
            { def->finding[l], TERM_FINDING },
            { def->cleared[l], TERM_CLEARED },
          };

          for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
            {
              Collect c = { terms, (guint8) sources[k].kind, (guint8) i, (guint8) l };

              scan (sources[k].regex, t, collect_term_cb, &c);
            }
        }
    }
  collect_provision_terms (catalogue, t, terms);
  g_array_sort (terms, compare_terms);
  return terms;
}

/* Entries of the notes ------------------------------------------------------ */

typedef struct
{
  guint32 position;
  guint32 end;
  char date[11];
} EntryDate;

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
opens_entry (const Reading *r,
             gsize          start)
{
  RedressNormText *t = (RedressNormText *) r->t;
  const GRegex *label = r->catalogue->rules[REDRESS_RULE_ENTRY];
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

static GArray *
collect_entry_dates (const Reading *r)
{
  const RedressNormText *t = r->t;
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (EntryDate));
  GMatchInfo *info = NULL;

  g_regex_match_full (date_regex (), t->folded, (gssize) t->len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      EntryDate entry;
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      if (parse_date (info, entry.date) && opens_entry (r, (gsize) start))
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
static const EntryDate *
entry_at (GArray *dates,
          gsize   position)
{
  const EntryDate *found = NULL;

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const EntryDate *entry = &g_array_index (dates, EntryDate, i);

      if (entry->position > position)
        break;
      found = entry;
    }
  return found;
}

/* Hits --------------------------------------------------------------------- */

#define MAX_CANDIDATES 8

typedef struct
{
  gsize position;
  int segment;
  RedressLang lang;
  TermKind kind;
} Candidate;

/* Whether a ground was found only through its everyday words, never
 * named outright */
static gboolean
only_by_factor (GArray *list)
{
  for (guint c = 0; c < list->len; c++)
    {
      TermKind kind = g_array_index (list, Candidate, c).kind;

      if (kind == TERM_NAMED || kind == TERM_PROVISION)
        return FALSE;
    }
  return TRUE;
}

/* ... or found outright, by its name, a finding or its provision */
static gboolean
found_outright (GArray *list)
{
  for (guint c = 0; c < list->len; c++)
    if (g_array_index (list, Candidate, c).kind != TERM_FACTOR)
      return TRUE;
  return FALSE;
}

/* Whether a ground was found only through a provision it shares with
 * another found outright (16(1) where the letter is about biometrics) */
static gboolean
only_by_provision (GArray *list)
{
  for (guint c = 0; c < list->len; c++)
    if (g_array_index (list, Candidate, c).kind != TERM_PROVISION)
      return FALSE;
  return TRUE;
}

static void
drop_shared_provisions (const RedressGroundCatalogue *catalogue,
                        GArray                      **candidates)
{
  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];

      if (candidates[i] == NULL || !only_by_provision (candidates[i]))
        continue;
      for (guint j = 0; j < catalogue->n_grounds; j++)
        {
          gboolean shared = FALSE;

          if (j == i || candidates[j] == NULL || only_by_provision (candidates[j]) ||
              !found_outright (candidates[j]))
            continue;
          for (char **p = def->provisions; *p != NULL && !shared; p++)
            shared = provision_fits (&catalogue->grounds[j], *p);
          if (shared)
            {
              g_clear_pointer (&candidates[i], g_array_unref);
              break;
            }
        }
    }
}

/* A ground that rules others out (a residency obligation, a genuine
 * marriage: the factors of a temporary stay are no ground there) drops
 * those found only through their vocabulary */
static void
apply_rules_out (const RedressGroundCatalogue *catalogue,
                 GArray                      **candidates)
{
  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];

      if (candidates[i] == NULL || !found_outright (candidates[i]) || def->rules_out == NULL)
        continue;
      for (char **code = def->rules_out; *code != NULL; code++)
        {
          const RedressGroundDef *other = redress_ground_catalogue_lookup (*code);
          guint j = (guint) (other - catalogue->grounds);

          if (other != NULL && candidates[j] != NULL && only_by_factor (candidates[j]))
            g_clear_pointer (&candidates[j], g_array_unref);
        }
    }
}

/* A hit quotes [start, end) of the folded text */
static RedressGroundHit *
make_hit_range (const char      *code,
                RedressNormText *t,
                gsize            start,
                gsize            end,
                const char      *language)
{
  RedressGroundHit *hit = g_new0 (RedressGroundHit, 1);

  hit->code = g_strdup (code);
  hit->language = g_strdup (language);
  hit->quote = redress_norm_text_dup_display (t, start, end);
  redress_norm_text_locate (t, start, end, &hit->page, &hit->start, &hit->end_page, &hit->end);
  return hit;
}

static RedressGroundHit *
make_hit (const char            *code,
          RedressNormText       *t,
          const Segment         *s,
          const char            *language)
{
  return make_hit_range (code, t, s->start, s->end, language);
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
 *   or of an officer's notes
 * @language_hint: (nullable): "en" or "fr", used when the text is too short
 *   to tell
 * @language: (out) (optional) (transfer full): the language of the text,
 *   "en" or "fr"
 *
 * redress_detector_detect_kind() on a text whose kind it recognises.
 *
 * Returns: (transfer full) (element-type RedressGroundHit): one hit per
 *   ground, in the order the text states them
 */
GPtrArray *
redress_detector_detect (const char * const  *pages,
                         guint                n_pages,
                         const char          *language_hint,
                         char               **language)
{
  return redress_detector_detect_kind (pages, n_pages, language_hint, REDRESS_TEXT_AUTO,
                                       language, NULL);
}

/**
 * redress_detector_detect_kind:
 * @pages: (array length=n_pages): the text of each page
 * @language_hint: (nullable): "en" or "fr", used when the text is too short
 *   to tell
 * @kind: what the text is, or %REDRESS_TEXT_AUTO to recognise it
 * @language: (out) (optional) (transfer full): the language of the text
 * @read_as: (out) (optional): what the text was read as
 *
 * Finds the grounds a refusal letter or the officer's notes state.  The
 * text is cut into sentences, list items and clauses; each ground is
 * found where it is named outright, or where its everyday vocabulary
 * (funds, savings, siblings, status...) meets a negative finding in the
 * same clause ("Savings minimal.", "I have concerns that the PA's ties
 * are weak"), or in a ticked box or a list of reasons.  A factor spoken
 * well of is no ground; nor is anything in a preamble of what an officer
 * may consider, in a hedge or advice, or in a text that refuses nothing
 * (an acknowledgement, a fairness letter, a withdrawal, notes that
 * approve).  Deterministic, and fast: every pattern runs once over the
 * text.
 *
 * Returns: (transfer full) (element-type RedressGroundHit): one hit per
 *   ground (where it is first stated, or where its provision is cited
 *   with it), in the order the text states them
 */
GPtrArray *
redress_detector_detect_kind (const char * const  *pages,
                              guint                n_pages,
                              const char          *language_hint,
                              RedressTextKind      kind,
                              char               **language,
                              RedressTextKind     *read_as)
{
  const RedressGroundCatalogue *catalogue = redress_ground_catalogue_get ();
  g_autoptr(RedressNormText) t = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) cues = NULL;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autofree GArray **candidates = NULL;
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ground_hit_free);
  const char *text_language;
  Reading r;

  g_return_val_if_fail (pages != NULL || n_pages == 0, hits);

  t = redress_norm_text_new (pages, n_pages);
  segments = split_segments (t);
  if (kind == REDRESS_TEXT_AUTO)
    kind = recognise_kind (catalogue, t);
  if (read_as != NULL)
    *read_as = kind;
  text_language = detect_language (t, language_hint);
  if (language != NULL)
    *language = g_strdup (text_language);

  /* A text that refuses nothing states no ground */
  if (!decides_against (catalogue, t, segments, kind))
    return hits;

  cues = collect_cues (catalogue, t);
  terms = collect_terms (catalogue, t, strcmp (text_language, "fr") == 0 ? REDRESS_LANG_FR
                                                                        : REDRESS_LANG_EN);
  r = (Reading) { catalogue, t, segments, cues, terms, kind };

  candidates = g_new0 (GArray *, catalogue->n_grounds);
  for (guint i = 0; i < terms->len; i++)
    {
      const Term *term = &g_array_index (terms, Term, i);
      GArray *list = candidates[term->ground];
      Candidate c = { term->start, -1, (RedressLang) term->lang, (TermKind) term->kind };

      if (term->kind == TERM_CLEARED || (list != NULL && list->len >= MAX_CANDIDATES))
        continue;
      c.segment = find_segment (segments, term->start, term->end);
      if (c.segment < 0)
        continue;
      if (list != NULL && g_array_index (list, Candidate, list->len - 1).segment == c.segment)
        {
          /* Once per sentence; but a sentence that names the ground
           * outright counts as such */
          Candidate *last = &g_array_index (list, Candidate, list->len - 1);

          if ((last->kind == TERM_FACTOR || last->kind == TERM_PROVISION) &&
              (term->kind == TERM_NAMED || term->kind == TERM_FINDING) &&
              term_states_ground (&r, term, c.segment))
            last->kind = (TermKind) term->kind;
          continue;
        }
      if (!term_states_ground (&r, term, c.segment))
        continue;
      g_debug ("%s: %s “%.*s”", catalogue->grounds[term->ground].code,
               term_kind_names[term->kind], (int) (term->end - term->start),
               t->folded + term->start);
      if (list == NULL)
        list = candidates[term->ground] = g_array_new (FALSE, FALSE, sizeof (Candidate));
      g_array_append_val (list, c);
    }

  apply_rules_out (catalogue, candidates);
  drop_shared_provisions (catalogue, candidates);
  if (kind == REDRESS_TEXT_NOTES)
    dates = collect_entry_dates (&r);
  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];
      g_autoptr(GArray) list = candidates[i];
      const Candidate *chosen = NULL;
      const Segment *s;
      Found f;

      if (list == NULL)
        continue;
      /* The first statement of the ground, or a later one that cites its
       * provision (the finding rather than the facts that led to it) */
      for (guint c = 0; kind == REDRESS_TEXT_LETTER && c < list->len && chosen == NULL; c++)
        {
          const Candidate *candidate = &g_array_index (list, Candidate, c);

          s = &g_array_index (segments, Segment, candidate->segment);
          if (cites_fitting (def, t, s))
            chosen = candidate;
        }
      if (chosen == NULL)
        chosen = &g_array_index (list, Candidate, 0);

      s = &g_array_index (segments, Segment, chosen->segment);
      {
        /* In notes, the entry the words belong to; its heading ("Created
         * Date: 2023/04/12") is not part of the quote */
        const EntryDate *entry = entry_at (dates, chosen->position);
        gsize start = s->start;

        if (entry != NULL && entry->end > s->start && entry->end < chosen->position)
          {
            start = entry->end;
            while (start < chosen->position && !g_ascii_isalnum (t->folded[start]))
              start++;
          }
        f.hit = make_hit_range (def->code, t, start, s->end, lang_codes[chosen->lang]);
        f.hit->entry_date = entry != NULL ? g_strdup (entry->date) : NULL;
      }
      f.hit->source = kind;
      f.position = s->start;
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

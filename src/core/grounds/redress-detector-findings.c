/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress-detector-private.h"
#include "redress-grounds.h"

/*
 * What the officer holds against the applicant, read in the segments of a
 * letter or of the notes.
 *
 * First the decision: a letter states grounds when it refuses (and says so
 * in so many words if it also reads like a fairness letter); notes record
 * findings with or without a closing refusal line, unless they approve,
 * record a withdrawal or only warn.  An earlier refusal recalled is not
 * this one.
 *
 * Then the words of data/grounds.ini, each pattern run once over the
 * whole text: a ground's name ("travel history"), its everyday vocabulary
 * ("savings", "siblings", "status"), wording that is a negative finding
 * on its own ("no previous travel"), wording that speaks for the
 * applicant ("no family in Canada"), and the provisions that found one
 * ground alone (A40, R200(3)(a)); and the cues: negative and positive
 * words, cleared concerns, doubts that govern what follows ("not
 * satisfied that"), clause breaks.  A word states its ground in a segment
 * that is no preamble, hedge, notice, neutral aside or unticked box, when
 * the nearest cue of its piece of the clause is negative, or a doubt
 * governs it, or it stands in a ticked box or a list of reasons; a factor
 * that is only the complement of another, the basis of a judgement on
 * something else or what is checked does not.  Matches map to segments by
 * binary search: the cost grows with the text, not with sentences times
 * patterns.
 */

/* Detection ---------------------------------------------------------------- */

/* A list item's introduction reads as a preamble ("factors ... including")
 * unless it is the form's own heading over its boxes ("In reaching this
 * decision, I considered several factors, including:") */
static gboolean
is_preamble (const RedressNormText *t,
             GArray                *segments,
             int                    k)
{
  return redress_segment_has (t, segments, k, REDRESS_RULE_PREAMBLE) &&
         !redress_segment_has (t, segments, k, REDRESS_RULE_DECISION_INTRO);
}

static gboolean
is_plain (const RedressNormText *t,
          GArray                *segments,
          int                    k)
{
  return !is_preamble (t, segments, k) && !redress_segment_has (t, segments, k, REDRESS_RULE_HEDGE);
}

/* Whether segment @k may state a ground at all: no preamble, no hedge,
 * no unticked box, no item of a list a preamble introduces (a ticked box
 * is a ground whatever its heading says) */
static gboolean
states_finding (const RedressNormText *t,
                GArray                *segments,
                int                    k)
{
  const RedressSegment *s = &g_array_index (segments, RedressSegment, k);

  if (!is_plain (t, segments, k) || redress_segment_has (t, segments, k, REDRESS_RULE_NEUTRAL) ||
      !redress_scope_segment_states (t, segments, k))
    return FALSE;
  /* "PFL sent giving PA the opportunity to explain the funds": no finding */
  if (redress_segment_has (t, segments, k, REDRESS_RULE_NOTICE) &&
      !redress_segment_has (t, segments, k, REDRESS_RULE_REFUSAL))
    return FALSE;
  if (s->item >= 0)
    {
      const RedressSegment *item = &g_array_index (segments, RedressSegment, s->item);

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
  int k = redress_segments_find (r->segments, start, end);

  if (k < 0 || (r->plain_only && !is_plain (r->t, r->segments, k)))
    return TRUE;
  /* An earlier decision recalled does not make this text refuse */
  if (r->rule == REDRESS_RULE_REFUSAL || r->rule == REDRESS_RULE_DECISIVE)
    if (redress_segment_has (r->t, r->segments, k, REDRESS_RULE_PAST))
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

  redress_text_scan (catalogue->rules[rule], t, rule_cb, &r);
  return r.found;
}

/* A letter states grounds when it refuses something, and says so in so
 * many words if it also reads like a notice (a fairness letter, an
 * acknowledgement).  Notes record findings, often with no closing line:
 * they state grounds unless they approve, record a withdrawal or only
 * warn (a fairness letter sent) without refusing. */
gboolean
redress_findings_decide_against (const RedressGroundCatalogue *catalogue,
                 const RedressNormText        *t,
                 GArray                       *segments,
                 RedressTextKind               kind)
{
  gboolean refusal = any_segment (catalogue, t, segments, REDRESS_RULE_REFUSAL, TRUE);
  gboolean notice = any_segment (catalogue, t, segments, REDRESS_RULE_NOTICE, FALSE);
  gboolean decisive = notice && any_segment (catalogue, t, segments, REDRESS_RULE_DECISIVE, TRUE);

  g_debug ("refusal %d, notice %d, decisive %d", refusal, notice, decisive);
  /* A letter that approves, grants or maintains, and refuses nothing in
   * so many words, states no ground even where it describes a shortfall */
  if (kind == REDRESS_TEXT_LETTER)
    return refusal && (!notice || decisive) &&
           (!any_segment (catalogue, t, segments, REDRESS_RULE_APPROVAL, TRUE) ||
            decisive || any_segment (catalogue, t, segments, REDRESS_RULE_DECISIVE, TRUE));
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

RedressTextKind
redress_findings_recognise_kind (const RedressGroundCatalogue *catalogue,
                const RedressNormText        *t)
{
  KindCount count = { 0, 0, 0 };

  redress_text_scan (catalogue->rules[REDRESS_RULE_NOTES], t, notes_cb, &count);
  redress_text_scan (catalogue->rules[REDRESS_RULE_ADDRESS], t, address_cb, &count);
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
  CUE_DESCRIPTION,  /* describes, not judges: the words in it are no cue */
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
    { REDRESS_RULE_DESCRIPTION, CUE_DESCRIPTION },
  };
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Cue));
  GArray *cues = g_array_sized_new (FALSE, FALSE, sizeof (Cue), 64);
  guint32 covered_end = 0;
  guint8 covered_kind = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      Collect c = { all, (guint8) sources[i].kind, 0, 0 };

      redress_text_scan (catalogue->rules[sources[i].rule], t, collect_cue_cb, &c);
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
               const RedressSegment *s,
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
      if (term->end <= end && term->kind != REDRESS_TERM_CLEARED)
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
      if (cue->kind == CUE_BREAK || cue->kind == CUE_DESCRIPTION || cue->start < from)
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
             const RedressSegment *s,
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

/* Whether the words just before @start in its piece are those of @rule,
 * which end where the factor starts: the factor is then the complement
 * of another ("funds insufficient for the program"), the basis of a
 * judgement on something else ("not reasonable given your
 * qualifications") or what is checked ("the items needed to verify the
 * funds"), not what is found wanting */
#define LEAD_WINDOW 40

static gboolean
led_by (const RedressNormText *t,
        RedressRule            rule,
        gsize                  piece_start,
        gsize                  start)
{
  const GRegex *regex = redress_ground_catalogue_get ()->rules[rule];
  gsize from = start > piece_start + LEAD_WINDOW ? start - LEAD_WINDOW : piece_start;

  return regex != NULL &&
         g_regex_match_full (regex, t->folded + from, (gssize) (start - from), 0, 0, NULL, NULL);
}

static gboolean
is_complement (const RedressNormText *t,
               gsize                  piece_start,
               gsize                  start)
{
  return led_by (t, REDRESS_RULE_COMPLEMENT, piece_start, start);
}

/* A form field ("Funds available: 4,500"): a label, not a finding (unless
 * its value is one: "Travel history: none") */
static gboolean
is_field (const Reading *r,
          const RedressSegment *s)
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
               const RedressSegment         *s)
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
                    const RedressSegment *s)
{
  const RedressSegment *item;

  if (s->item < 0)
    return FALSE;
  item = &g_array_index (r->segments, RedressSegment, s->item);
  if (item->marker == REDRESS_NORM_CHECKED)
    return TRUE;
  if (item->marker == REDRESS_NORM_UNCHECKED || item->intro < 0)
    return FALSE;
  return redress_segment_has (r->t, r->segments, item->intro, REDRESS_RULE_REFUSAL) ||
         redress_segment_has (r->t, r->segments, item->intro, REDRESS_RULE_DECISION_INTRO) ||
         redress_segment_has (r->t, r->segments, item->intro, REDRESS_RULE_DOUBT) ||
         redress_segment_has (r->t, r->segments, item->intro, REDRESS_RULE_REASONS);
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
      if (other->ground != term->ground && other->kind != REDRESS_TERM_CLEARED &&
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
      if (other->ground == term->ground && other->kind == REDRESS_TERM_CLEARED &&
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
               const RedressSegment *s)
{
  for (guint i = first_term_from (r->terms, s->start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->kind != REDRESS_TERM_CLEARED)
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
          (other->kind == REDRESS_TERM_NAMED || other->kind == REDRESS_TERM_FINDING || other->kind == REDRESS_TERM_PROVISION))
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
                             const RedressSegment *s)
{
  const RedressGroundDef *def = &r->catalogue->grounds[term->ground];

  for (guint i = first_term_from (r->terms, s->start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);
      const RedressGroundDef *other_def;

      if (other->start >= s->end)
        break;
      if (other->ground == term->ground || (other->kind != REDRESS_TERM_NAMED && other->kind != REDRESS_TERM_FINDING))
        continue;
      other_def = &r->catalogue->grounds[other->ground];
      for (char **p = def->provisions; *p != NULL; p++)
        if (redress_provision_fits (other_def, *p))
          return TRUE;
    }
  return FALSE;
}

/* Whether the words just after @term make it modify another noun, the
 * head of its phrase: "the employer's intent to renew", "the employer
 * letter", "no family contact" speak of the intent, the letter, the
 * contact */
#define MODIFIER_WINDOW 24

static gboolean
is_modifier (const Reading        *r,
             const Term           *term,
             const RedressSegment *s)
{
  const GRegex *regex = r->catalogue->rules[REDRESS_RULE_MODIFIER];
  gsize end = MIN ((gsize) s->end, (gsize) term->end + MODIFIER_WINDOW);

  return regex != NULL && term->end < end &&
         g_regex_match_full (regex, r->t->folded, (gssize) end, (gint) term->end,
                             G_REGEX_MATCH_ANCHORED, NULL, NULL);
}

/* The sentence after segment @k sets aside what @k found ("No travel
 * outside Nepal. I do not count this against him; it is a neutral
 * factor."): it is neutral and names no factor of its own */
static gboolean
set_aside_after (const Reading *r,
                 int            k)
{
  const RedressSegment *next;

  if ((guint) k + 1 >= r->segments->len)
    return FALSE;
  next = &g_array_index (r->segments, RedressSegment, k + 1);
  return redress_segment_has (r->t, r->segments, k + 1, REDRESS_RULE_NEUTRAL) &&
         !names_factor (r, next->start, next->end);
}

/* A term of another ground stands in the clause before @start: the
 * judgement that "given ..." supports is on that ground ("not reasonable
 * given your qualifications"), not a doubt on the whole ("not satisfied
 * that she will leave, given the duration already spent") */
static gboolean
other_term_before (const Reading *r,
                   const Term    *term,
                   gsize          clause_start)
{
  for (guint i = first_term_from (r->terms, clause_start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->start >= term->start)
        break;
      if (other->ground != term->ground && other->kind != REDRESS_TERM_CLEARED)
        return TRUE;
    }
  return FALSE;
}

/* A negative word that ends just before @term, in its own phrase ("no
 * family", "weak ties", "limited savings") or just after it, before
 * another word could take it ("funds insufficient") */
#define PHRASE_CUE_DISTANCE 14

static gboolean
cue_in_phrase (const Reading *r,
               const Term    *term,
               gsize          piece_start,
               gsize          piece_end,
               gboolean       after)
{
  for (guint i = first_cue_from (r->cues, piece_start); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= piece_end)
        break;
      if (cue->kind != CUE_NEGATIVE && cue->kind != CUE_DOUBT)
        continue;
      if (cue->end <= term->start && term->start - cue->end <= PHRASE_CUE_DISTANCE)
        return TRUE;
      if (after && cue->start >= term->end && cue->start - term->end <= PHRASE_CUE_DISTANCE)
        return TRUE;
    }
  return FALSE;
}

/* The clause is about another ground, named or found outright before
 * @term ("The purpose of the stay appears to be residence with family in
 * Canada rather than a temporary visit"): what the clause finds is that
 * ground's, and a factor further on only describes it */
static gboolean
topic_of_other (const Reading *r,
                const Term    *term,
                gsize          clause_start)
{
  for (guint i = first_term_from (r->terms, clause_start); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->start >= term->start)
        break;
      if (other->ground != term->ground && (other->kind == REDRESS_TERM_NAMED || other->kind == REDRESS_TERM_FINDING))
        return TRUE;
    }
  return FALSE;
}

/* The factor heads the finding of its piece: it opens the piece (after a
 * few words: "the applicant's", "her") and the first cue after it, a few
 * words on with no other factor between, is negative ("Her employment is
 * not established", "Funds not demonstrated") */
#define HEAD_LEAD 18
#define BOX_LABEL 80
#define HEAD_DISTANCE 40

/* Whether the words at @start open [@from, ...), after a few words at most */
static gboolean
opens (const RedressNormText *t,
       gsize                  from,
       gsize                  start)
{
  while (from < start && !g_ascii_isalnum (t->folded[from]))
    from++;
  return start - from <= HEAD_LEAD;
}

static gboolean
heads_finding (const Reading *r,
               const Term    *term,
               gsize          piece_start,
               gsize          piece_end,
               gsize          clause_end)
{
  gsize after = term->end;

  if (!opens (r->t, piece_start, term->start))
    return FALSE;
  /* A label and its value: "Trips abroad: none" */
  while (after < clause_end && r->t->folded[after] == ' ')
    after++;
  if (after < clause_end && r->t->folded[after] == ':')
    piece_end = MIN (clause_end, after + 1 + HEAD_DISTANCE);
  for (guint i = first_cue_from (r->cues, term->end); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= piece_end || cue->start - term->end > HEAD_DISTANCE)
        return FALSE;
      if (cue->kind == CUE_BREAK || cue->kind == CUE_DESCRIPTION || cue->start < term->end)
        continue;
      if (cue->kind != CUE_NEGATIVE && cue->kind != CUE_DOUBT)
        return FALSE;
      return !names_factor (r, term->end, cue->start);
    }
  return FALSE;
}

/* The factor is what a doubt governs: the first factor after it, a few
 * words on ("has not shown sufficient and available funds", "not
 * satisfied that her family ties are strong") */
static gboolean
governed_by_doubt (const Reading *r,
                   const Term    *term,
                   gsize          clause_start)
{
  const Cue *doubt = NULL;

  for (guint i = first_cue_from (r->cues, clause_start); i < r->cues->len; i++)
    {
      const Cue *cue = &g_array_index (r->cues, Cue, i);

      if (cue->start >= term->start)
        break;
      if (cue->kind == CUE_DOUBT && cue->start >= clause_start)
        doubt = cue;
    }
  return doubt != NULL && doubt->end <= term->start && term->start - doubt->end <= HEAD_DISTANCE &&
         !names_factor (r, doubt->end, term->start);
}

/* The factor is the subject of a predicate on another ground's factor
 * ("que votre enfant au Canada dispose d'un revenu ...": the income is
 * doubted, not the child): a verb stands between them, not only "and",
 * "or" or a preposition that makes the other its complement ("funds for
 * tuition") */
static gboolean
subject_of_other (const Reading *r,
                  const Term    *term,
                  gsize          clause_end)
{
  for (guint i = first_term_from (r->terms, term->end); i < r->terms->len; i++)
    {
      const Term *other = &g_array_index (r->terms, Term, i);

      if (other->start >= clause_end || other->start - term->end > HEAD_DISTANCE)
        return FALSE;
      if (other->ground == term->ground || other->kind == REDRESS_TERM_CLEARED)
        continue;
      return !is_complement (r->t, term->end, other->start) &&
             !led_by (r->t, REDRESS_RULE_COORDINATION, term->end, other->start);
    }
  return FALSE;
}

/* The applicant's words, not the officer's: quoted, or an answer in the
 * record of an interview */
static gboolean
the_applicants_words (const Reading        *r,
                      const Term           *term,
                      const RedressSegment *s)
{
  return redress_strength_in_quotes (r->t, s->start, term->start) ||
         redress_strength_in_exchange (r->t, s->start);
}

/* How strongly a factor found wanting states its ground: a ticked box
 * or a line of reasons that names it first is strong; a finding whose
 * head it is ("Savings minimal.", "Her employment is not established",
 * "not satisfied that her ties are strong") is medium; a factor word
 * elsewhere in a negative sentence (an object of a preposition, a
 * remark in brackets, background) is weak */
static guint8
factor_strength (const Reading        *r,
                 const Term           *term,
                 const RedressSegment *s,
                 gboolean              listed,
                 gboolean              basis,
                 gsize                 ps,
                 gsize                 pe,
                 gsize                 cs,
                 gsize                 ce)
{
  /* A box's label, or a line of reasons that is about the factor */
  if (listed && is_first_term (r, term, s) &&
      (s->end - s->start <= BOX_LABEL || opens (r->t, s->start, term->start)))
    return REDRESS_STRENGTH_STRONG;
  if (redress_strength_in_brackets (r->t, cs, term->start) || the_applicants_words (r, term, s) ||
      led_by (r->t, REDRESS_RULE_OBJECT, ps, term->start))
    return REDRESS_STRENGTH_WEAK;
  /* "a conviction" is held against the applicant by itself */
  if (r->catalogue->grounds[term->ground].adverse || basis || heads_finding (r, term, ps, pe, ce))
    return REDRESS_STRENGTH_MEDIUM;
  if ((cue_in_phrase (r, term, ps, pe, TRUE) || governed_by_doubt (r, term, cs)) &&
      !subject_of_other (r, term, ce))
    return REDRESS_STRENGTH_MEDIUM;
  if (listed && is_first_term (r, term, s))
    return REDRESS_STRENGTH_WEAK;
  return REDRESS_STRENGTH_WEAK;
}

/* Whether @term, in segment @k, states its ground, and how strongly (a
 * #RedressStrength; 0 where it does not) */
static guint8
term_states_ground (const Reading *r,
                    const Term    *term,
                    int            k)
{
  const RedressGroundDef *def = &r->catalogue->grounds[term->ground];
  const RedressSegment *s = &g_array_index (r->segments, RedressSegment, k);
  gboolean reasons, listed, form, basis = FALSE, grounds_doubt = FALSE;
  gsize cs, ce, ps, pe;
  Polarity polarity;

  if (!states_finding (r->t, r->segments, k) || set_aside_after (r, k))
    return 0;
  if ((term->kind == REDRESS_TERM_FACTOR || term->kind == REDRESS_TERM_FINDING) && is_modifier (r, term, s))
    return 0;
  if (def->exclude != NULL && redress_segment_matches (def->exclude, r->t, s))
    return 0;
  reasons = redress_segment_has (r->t, r->segments, k, REDRESS_RULE_REASONS);
  if (!reasons && is_field (r, s))
    return 0;
  form = !reasons && is_form_block (r->t, s);

  clause_bounds (r, s, term->start, term->end, &cs, &ce);
  piece_bounds (r->t, cs, ce, term->start, term->end, &ps, &pe);
  if (cleared_in_piece (r, term, ps, pe) ||
      redress_scope_sets_aside (def, r->t, s, term->start, term->end, ps, pe, cs, ce))
    return 0;
  polarity = polarity_at (r, s, term->start, term->end);
  listed = reasons || in_list_of_reasons (r, s);
  /* In a block of form fields, only a value that is itself a finding */
  if (form && polarity != POLARITY_NEGATIVE && term->kind != REDRESS_TERM_FINDING)
    return 0;

  switch ((RedressTermKind) term->kind)
    {
    case REDRESS_TERM_FINDING:
      return the_applicants_words (r, term, s) ? REDRESS_STRENGTH_WEAK : REDRESS_STRENGTH_STRONG;
    case REDRESS_TERM_NAMED:
      if (polarity == POLARITY_POSITIVE)
        return 0;
      /* "legal status ... for the whole length of your stay": the length
       * is what the status is measured against */
      if (is_complement (r->t, ps, term->start) && other_head_in_piece (r, term, ps, pe))
        return 0;
      return (r->kind == REDRESS_TEXT_LETTER || polarity == POLARITY_NEGATIVE || listed ||
              redress_segment_has (r->t, r->segments, k, REDRESS_RULE_REFUSAL)) ? REDRESS_STRENGTH_STRONG : 0;
    case REDRESS_TERM_PROVISION:
      if (provision_shared_with_named (r, term, s) || polarity == POLARITY_POSITIVE)
        return 0;
      /* A letter that refuses cites the provision of each ground it states */
      return (r->kind == REDRESS_TEXT_LETTER || polarity == POLARITY_NEGATIVE || listed ||
              redress_segment_has (r->t, r->segments, k, REDRESS_RULE_REFUSAL)) ? REDRESS_STRENGTH_STRONG : 0;
    case REDRESS_TERM_FACTOR:
      if (polarity == POLARITY_POSITIVE)
        return 0;
      if (polarity == POLARITY_NONE && (!listed || !is_first_term (r, term, s)))
        return 0;
      if (yields_to_stronger (r, term, ps, pe))
        return 0;
      if (topic_of_other (r, term, cs) && !cue_in_phrase (r, term, cs, ce, TRUE))
        return 0;
      /* "insufficient to cover a long stay": the finding is on what the
       * complement completes, unless the factor has its own */
      if (!grounds_doubt && is_complement (r->t, ps, term->start) &&
          !cue_in_phrase (r, term, term->start, pe, TRUE))
        return 0;
      /* "not satisfied that she will leave, given the duration already
       * spent": the factor is what the doubt rests on */
      basis = led_by (r->t, REDRESS_RULE_BASIS, ps, term->start);
      grounds_doubt = basis && doubted (r, cs, term->start) && !other_term_before (r, term, cs);
      if ((led_by (r->t, REDRESS_RULE_INQUIRY, ps, term->start) || (basis && !grounds_doubt)) &&
          !has_own_cue (r, term, ps, pe))
        return 0;
      if (is_complement (r->t, ps, term->start) && other_head_in_piece (r, term, ps, pe))
        return 0;
      return factor_strength (r, term, s, listed, grounds_doubt, ps, pe, cs, ce);
    case REDRESS_TERM_CLEARED:
    default:
      return 0;
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
  g_autoptr(GPtrArray) cited = redress_provisions_find (t->folded, t->len, starts);

  for (guint i = 0; i < cited->len; i++)
    {
      int ground = ground_of_provision (catalogue, g_ptr_array_index (cited, i));
      guint32 start = g_array_index (starts, guint32, i);
      Term term = { start, start + 1, 0, REDRESS_TERM_PROVISION, REDRESS_LANG_EN };

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
          const struct { GRegex *regex; RedressTermKind kind; } sources[] = {
            { def->match[l], REDRESS_TERM_NAMED },
            { l == language ? def->factor[l] : NULL, REDRESS_TERM_FACTOR },
            { def->finding[l], REDRESS_TERM_FINDING },
            { def->cleared[l], REDRESS_TERM_CLEARED },
          };

          for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
            {
              Collect c = { terms, (guint8) sources[k].kind, (guint8) i, (guint8) l };

              redress_text_scan (sources[k].regex, t, collect_term_cb, &c);
            }
        }
    }
  collect_provision_terms (catalogue, t, terms);
  g_array_sort (terms, compare_terms);
  return terms;
}

/* Candidates ---------------------------------------------------------------- */

#define MAX_CANDIDATES 8

/**
 * redress_findings_read:
 * @kind: what the text is (letter or notes)
 * @language: the text's language: its everyday vocabulary is looked for
 *
 * Where each ground is stated: every word of the catalogue that states
 * its ground where it stands (see term_states_ground()), a sentence once,
 * at most %MAX_CANDIDATES sentences a ground.
 *
 * Returns: (transfer full): for each ground of the catalogue, a #GArray
 *   of #RedressCandidate in text order, or %NULL where it is not stated
 */
GArray **
redress_findings_read (const RedressGroundCatalogue *catalogue,
                       const RedressNormText        *t,
                       GArray                       *segments,
                       RedressTextKind               kind,
                       RedressLang                   language)
{
  g_autoptr(GArray) cues = NULL;
  g_autoptr(GArray) terms = NULL;
  GArray **candidates;
  Reading r;

  cues = collect_cues (catalogue, t);
  terms = collect_terms (catalogue, t, language);
  r = (Reading) { catalogue, t, segments, cues, terms, kind };

  candidates = g_new0 (GArray *, catalogue->n_grounds);
  for (guint i = 0; i < terms->len; i++)
    {
      const Term *term = &g_array_index (terms, Term, i);
      GArray *list = candidates[term->ground];
      RedressCandidate c = { term->start, -1, (RedressLang) term->lang, (RedressTermKind) term->kind, 0 };
      guint8 strength;

      if (term->kind == REDRESS_TERM_CLEARED || (list != NULL && list->len >= MAX_CANDIDATES))
        continue;
      c.segment = redress_segments_find (segments, term->start, term->end);
      if (c.segment < 0)
        continue;
      if (list != NULL && g_array_index (list, RedressCandidate, list->len - 1).segment == c.segment)
        {
          /* Once per sentence; but a sentence that names the ground
           * outright counts as such */
          RedressCandidate *last = &g_array_index (list, RedressCandidate, list->len - 1);

          gboolean named = term->kind == REDRESS_TERM_NAMED || term->kind == REDRESS_TERM_FINDING;

          if (((named && (last->kind == REDRESS_TERM_FACTOR || last->kind == REDRESS_TERM_PROVISION)) ||
               (term->kind == REDRESS_TERM_FACTOR && last->strength < REDRESS_STRENGTH_MEDIUM)) &&
              (strength = term_states_ground (&r, term, c.segment)) > 0)
            {
              g_debug ("%s: %s (%u) “%.*s” in the same sentence", catalogue->grounds[term->ground].code,
                       term_kind_names[term->kind], strength, (int) (term->end - term->start),
                       t->folded + term->start);
              last->strength = MAX (last->strength, strength);
              if (named && (last->kind == REDRESS_TERM_FACTOR || last->kind == REDRESS_TERM_PROVISION))
                last->kind = (RedressTermKind) term->kind;
            }
          continue;
        }
      if ((c.strength = term_states_ground (&r, term, c.segment)) == 0)
        continue;
      g_debug ("%s: %s (%u) “%.*s”", catalogue->grounds[term->ground].code,
               term_kind_names[term->kind], c.strength, (int) (term->end - term->start),
               t->folded + term->start);
      if (list == NULL)
        list = candidates[term->ground] = g_array_new (FALSE, FALSE, sizeof (RedressCandidate));
      g_array_append_val (list, c);
    }

  redress_strength_decide (catalogue, segments, candidates);
  redress_strength_rule_out (catalogue, candidates);
  redress_strength_rule_out (catalogue, candidates);
  return candidates;
}

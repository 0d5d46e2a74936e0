/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <string.h>

#include "redress-detector-private.h"

/*
 * Where a ground's words fall outside what the officer holds against the
 * applicant, whatever the words near them (the rules of data/grounds.ini
 * named below):
 *
 *  - a sentence that lists the factors considered ("In reaching this
 *    decision, I considered several factors, including: ...") states
 *    none of them by itself (listing): only ticked boxes or findings do;
 *  - procedure is no finding: an interview's header or language, the
 *    entries of a visa, a list of documents received (procedural);
 *  - a ground whose own words name what is held against the applicant
 *    (criminality, misrepresentation, health: "adverse" in its group) is
 *    cleared when they are denied ("no criminality", "no finding on A40
 *    made", "pas de conclusion au titre de l'art. 40": negator) or set
 *    aside after them ("PCC clean", "not in question": dismissed), unless
 *    a doubt governs the denial ("not satisfied that he would not cause
 *    excessive demand");
 *  - a concern cleared over a list clears all of it ("no concerns
 *    regarding PA's ties, funds or the offer", "pas de préoccupation quant
 *    à l'employeur ... ni aux liens": cleared-scope), up to a doubt;
 *  - a clause that ends on a cleared concern clears what it found ("No
 *    travel but Spain (2019), without problem").
 *
 * Each check runs one pattern over a few dozen characters around a word
 * that would otherwise state its ground: the cost is that of the words
 * found, not of the text.
 */

#define NEGATOR_WINDOW 48
#define DISMISSED_WINDOW 48
#define CLEARED_TAIL 40

static const GRegex *
rule (RedressRule which)
{
  return redress_ground_catalogue_get ()->rules[which];
}

/* Whether @regex matches in [from, to) of the folded text; with
 * @anchored, only starting at @from */
static gboolean
matches_in (const RedressNormText *t,
            RedressRule            which,
            gsize                  from,
            gsize                  to,
            gboolean               anchored,
            gsize                 *match_end)
{
  const GRegex *regex = rule (which);
  GMatchInfo *info = NULL;
  gboolean found;

  if (regex == NULL || to <= from)
    return FALSE;
  found = g_regex_match_full (regex, t->folded + from, (gssize) (to - from), 0,
                              anchored ? G_REGEX_MATCH_ANCHORED : 0, &info, NULL);
  if (found && match_end != NULL)
    {
      int s, e;

      g_match_info_fetch_pos (info, 0, &s, &e);
      *match_end = from + (gsize) e;
    }
  g_match_info_free (info);
  return found;
}

/**
 * redress_scope_segment_states:
 *
 * Whether segment @k may state a ground as far as its kind of sentence
 * goes: not a sentence that lists the factors considered.
 */
gboolean
redress_scope_segment_states (const RedressNormText *t,
                              GArray                *segments,
                              int                    k)
{
  return !redress_segment_has (t, segments, k, REDRESS_RULE_LISTING);
}

/* Whether [start, end) lies in a line of procedure of segment @s */
static gboolean
in_procedure (const RedressNormText *t,
              const RedressSegment  *s,
              gsize                  start)
{
  const GRegex *regex = rule (REDRESS_RULE_PROCEDURAL);
  GMatchInfo *info = NULL;
  gboolean inside = FALSE;

  if (regex == NULL)
    return FALSE;
  g_regex_match_full (regex, t->folded + s->start, (gssize) (s->end - s->start), 0, 0,
                      &info, NULL);
  while (!inside && g_match_info_matches (info))
    {
      int ms, me;

      g_match_info_fetch_pos (info, 0, &ms, &me);
      inside = start >= s->start + (gsize) ms && start < s->start + (gsize) me;
      g_match_info_next (info, NULL);
    }
  g_match_info_free (info);
  return inside;
}

/* Whether the words at [start, end) of an adverse ground are denied
 * before them or set aside after them, in their piece [ps, pe) */
static gboolean
denied (const RedressNormText *t,
        gsize                  ps,
        gsize                  pe,
        gsize                  start,
        gsize                  end)
{
  gsize from = start > ps + NEGATOR_WINDOW ? start - NEGATOR_WINDOW : ps;
  gsize to = MIN (pe, end + DISMISSED_WINDOW);

  return matches_in (t, REDRESS_RULE_NEGATOR, from, start, FALSE, NULL) ||
         matches_in (t, REDRESS_RULE_DISMISSED, end, to, TRUE, NULL);
}

/**
 * redress_scope_sets_aside:
 * @def: the ground of the words
 * @s: their segment
 * @start: (in): where they start; @end where they end
 * @ps: (in): their piece of the clause, [@ps, @pe); their clause [@cs, @ce)
 *
 * Whether the words at [@start, @end) are set aside by their scope: a
 * line of procedure, an adverse ground denied, a concern cleared over
 * the list they stand in or at the end of their clause.
 */
gboolean
redress_scope_sets_aside (const RedressGroundDef *def,
                          const RedressNormText  *t,
                          const RedressSegment   *s,
                          gsize                   start,
                          gsize                   end,
                          gsize                   ps,
                          gsize                   pe,
                          gsize                   cs,
                          gsize                   ce)
{
  gsize scope_end = 0;

  if (in_procedure (t, s, start))
    return TRUE;
  if (def->adverse && denied (t, ps, pe, start, end) &&
      !matches_in (t, REDRESS_RULE_DOUBT, cs, start, FALSE, NULL))
    return TRUE;
  /* "no concerns regarding ..." before the words, and no doubt since */
  if (matches_in (t, REDRESS_RULE_CLEARED_SCOPE, cs, start, FALSE, &scope_end))
    {
      gsize next;

      /* the last such scope in the clause */
      while (scope_end < start &&
             matches_in (t, REDRESS_RULE_CLEARED_SCOPE, scope_end, start, FALSE, &next))
        scope_end = next;
      if (!matches_in (t, REDRESS_RULE_DOUBT, scope_end, start, FALSE, NULL))
        return TRUE;
    }
  /* "..., sans problème." closing the clause: a cleared concern and
   * nothing else after the words' piece */
  if (pe < ce && ce - pe <= CLEARED_TAIL)
    {
      gsize p = pe, cleared_end = 0;

      while (p < ce && !g_ascii_isalnum (t->folded[p]))
        p++;
      if (matches_in (t, REDRESS_RULE_CLEARED, p, ce, TRUE, &cleared_end))
        {
          while (cleared_end < ce && !g_ascii_isalnum (t->folded[cleared_end]))
            cleared_end++;
          return cleared_end >= ce;
        }
    }
  return FALSE;
}

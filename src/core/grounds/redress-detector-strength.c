/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <string.h>

#include "redress-detector-private.h"

/*
 * How strongly the text states each ground, decided per ground over the
 * whole text rather than per sentence:
 *
 *  - strong: the ground named outright, its provision cited, a ticked box
 *    or a line of reasons that names it, a finding of its own ("no
 *    previous travel");
 *  - medium: a negative finding whose head is the ground's factor
 *    ("Savings minimal.", "Her employment is not established", "not
 *    satisfied that her ties are strong");
 *  - weak: a factor word elsewhere in a negative sentence (the object of
 *    a preposition, a remark in brackets, words quoted, a line of an
 *    interview's questions and answers, background).
 *
 * A ground is suggested on one strong or medium statement, or on weak
 * ones in two sentences at least; a sentence that states another ground
 * strongly or plainly lends no weak statement to this one (its negative
 * words are that ground's).
 */

#define MIN_WEAK_SENTENCES 2

/**
 * redress_strength_in_brackets:
 * @from: where to look back to (the start of the clause)
 *
 * Whether @position stands inside brackets that open after @from ("(same
 * purpose)", "(no clinical occupation)"): a remark, not the finding.
 */
gboolean
redress_strength_in_brackets (const RedressNormText *t,
                              gsize                  from,
                              gsize                  position)
{
  for (gsize i = position; i > from; i--)
    {
      char c = t->folded[i - 1];

      if (c == ')')
        return FALSE;
      if (c == '(')
        return TRUE;
    }
  return FALSE;
}

/**
 * redress_strength_in_quotes:
 * @from: where to count from (the start of the sentence)
 *
 * Whether @position stands inside quotation marks opened after @from: the
 * applicant's words quoted ("will learn French on the job"), not the
 * officer's finding.
 */
gboolean
redress_strength_in_quotes (const RedressNormText *t,
                            gsize                  from,
                            gsize                  position)
{
  guint n = 0;

  for (gsize i = from; i < position; i++)
    n += t->folded[i] == '"';
  return n % 2 == 1;
}

/**
 * redress_strength_in_exchange:
 * @start: where the sentence starts
 *
 * Whether the sentence at @start is a line of an interview's record ("Q:
 * Have you ever worked for pay?", "A: No.", "R : ..."): the question and
 * the applicant's answer, not the officer's finding on them.
 */
gboolean
redress_strength_in_exchange (const RedressNormText *t,
                              gsize                  start)
{
  static const char * const labels[] = { "q", "a", "r", "question", "answer", "reponse" };
  const char *p = t->folded + start;

  while (*p != '\0' && !g_ascii_isalnum (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize n = strlen (labels[i]);

      if (strncmp (p, labels[i], n) == 0 && (p[n] == ':' || (p[n] == ' ' && p[n + 1] == ':')))
        return TRUE;
    }
  return FALSE;
}

/* Whether @list states its ground strongly or plainly somewhere */
static gboolean
has_plain (GArray *list)
{
  for (guint c = 0; c < list->len; c++)
    if (g_array_index (list, RedressCandidate, c).strength >= REDRESS_STRENGTH_MEDIUM)
      return TRUE;
  return FALSE;
}

/**
 * redress_strength_decide:
 * @candidates: (inout): per ground, its statements; a ground stated only
 *   weakly, in fewer than two sentences of its own, is dropped
 *
 * Decides each ground on the strength of all its statements.
 */
void
redress_strength_decide (const RedressGroundCatalogue *catalogue,
                         GArray                       *segments,
                         GArray                      **candidates)
{
  g_autofree guint8 *plain = g_new0 (guint8, segments->len + 1);   /* sentences stated plainly */
  g_autofree gboolean *keep = g_new0 (gboolean, catalogue->n_grounds);

  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      if (candidates[i] == NULL)
        continue;
      keep[i] = has_plain (candidates[i]);
      for (guint c = 0; c < candidates[i]->len; c++)
        {
          const RedressCandidate *candidate = &g_array_index (candidates[i], RedressCandidate, c);

          if (candidate->strength >= REDRESS_STRENGTH_MEDIUM)
            plain[candidate->segment] = 1;
        }
    }

  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      guint weak = 0;
      int last = -1;

      if (candidates[i] == NULL || keep[i])
        continue;
      for (guint c = 0; c < candidates[i]->len; c++)
        {
          const RedressCandidate *candidate = &g_array_index (candidates[i], RedressCandidate, c);

          if (plain[candidate->segment] || candidate->segment == last)
            continue;
          last = candidate->segment;
          weak++;
        }
      if (weak < MIN_WEAK_SENTENCES)
        g_clear_pointer (&candidates[i], g_array_unref);
    }
}

/* Grounds that rule others out ------------------------------------------- */

/* How a ground was found: a bit per RedressTermKind of its candidates */
static guint
kinds_of (GArray *list)
{
  guint kinds = 0;

  for (guint c = 0; c < list->len; c++)
    kinds |= 1u << g_array_index (list, RedressCandidate, c).kind;
  return kinds;
}

#define KIND(k) (1u << (k))

/* Never named outright nor by its provision: only through its everyday
 * words or a finding (what a ground that rules it out drops) */
static gboolean
only_by_factor (GArray *list)
{
  return (kinds_of (list) & (KIND (REDRESS_TERM_NAMED) | KIND (REDRESS_TERM_PROVISION))) == 0;
}

/* Found by its name, a finding or its provision, not only its words */
static gboolean
found_outright (GArray *list)
{
  return (kinds_of (list) & ~KIND (REDRESS_TERM_FACTOR)) != 0;
}

/* Found only through a provision (which another ground may share: 16(1)
 * where the letter is about biometrics) */
static gboolean
only_by_provision (GArray *list)
{
  return kinds_of (list) == KIND (REDRESS_TERM_PROVISION);
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
            shared = redress_provision_fits (&catalogue->grounds[j], *p);
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

/**
 * redress_strength_rule_out:
 * @candidates: (inout): per ground, its statements
 *
 * Drops the grounds that another one, found outright, rules out, and
 * those found only through a provision that another ground found
 * outright shares.
 */
void
redress_strength_rule_out (const RedressGroundCatalogue *catalogue,
                           GArray                      **candidates)
{
  apply_rules_out (catalogue, candidates);
  drop_shared_provisions (catalogue, candidates);
}

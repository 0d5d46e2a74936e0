/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress-detector-private.h"
#include "redress-grounds.h"

/*
 * Refusal grounds from the text of a letter or of the officer's notes:
 * the text is folded (redress-normalize.c) and cut into segments
 * (redress-detector-text.c); what the officer holds against the applicant
 * is read there (redress-detector-findings.c) and each ground becomes a
 * hit with its sentence, its page, its provision
 * (redress-detector-provisions.c) and, in notes, the date of its entry.
 * Suggested passages of the notes for a ground are here too.
 */

/* Hits --------------------------------------------------------------------- */

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
          const RedressSegment         *s,
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
 * are weak"), or in a ticked box or a list of reasons.  Each ground is
 * decided on all its statements together: one strong or plain statement
 * founds it, weak ones (its words in passing in a negative sentence) only
 * in two sentences that state no other ground (see
 * redress-detector-strength.c).  A factor spoken
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
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autofree GArray **candidates = NULL;   /* per ground: RedressCandidate */
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ground_hit_free);
  const char *text_language;

  g_return_val_if_fail (pages != NULL || n_pages == 0, hits);

  t = redress_norm_text_new (pages, n_pages);
  segments = redress_segments_split (t);
  if (kind == REDRESS_TEXT_AUTO)
    kind = redress_findings_recognise_kind (catalogue, t);
  if (read_as != NULL)
    *read_as = kind;
  text_language = redress_text_language (t, language_hint);
  if (language != NULL)
    *language = g_strdup (text_language);

  /* A text that refuses nothing states no ground */
  if (!redress_findings_decide_against (catalogue, t, segments, kind))
    return hits;

  candidates = redress_findings_read (catalogue, t, segments, kind,
                                      strcmp (text_language, "fr") == 0 ? REDRESS_LANG_FR
                                                                        : REDRESS_LANG_EN);
  if (kind == REDRESS_TEXT_NOTES)
    dates = redress_entry_dates_collect (catalogue, t);
  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      const RedressGroundDef *def = &catalogue->grounds[i];
      g_autoptr(GArray) list = candidates[i];
      const RedressCandidate *chosen = NULL;
      const RedressSegment *s;
      Found f;

      if (list == NULL)
        continue;
      /* The first statement of the ground, or a later one that cites its
       * provision (the finding rather than the facts that led to it) */
      for (guint c = 0; kind == REDRESS_TEXT_LETTER && c < list->len && chosen == NULL; c++)
        {
          const RedressCandidate *candidate = &g_array_index (list, RedressCandidate, c);

          s = &g_array_index (segments, RedressSegment, candidate->segment);
          if (redress_provisions_cite_fitting (def, t, s))
            chosen = candidate;
        }
      /* else the first plain statement of it, before weaker mentions */
      for (guint c = 0; c < list->len && chosen == NULL; c++)
        if (g_array_index (list, RedressCandidate, c).strength >= REDRESS_STRENGTH_MEDIUM)
          chosen = &g_array_index (list, RedressCandidate, c);
      if (chosen == NULL)
        chosen = &g_array_index (list, RedressCandidate, 0);

      s = &g_array_index (segments, RedressSegment, chosen->segment);
      {
        /* In notes, the entry the words belong to; its heading ("Created
         * Date: 2023/04/12") is not part of the quote */
        const RedressEntryDate *entry = redress_entry_at (dates, chosen->position);
        gsize start = s->start;

        if (entry != NULL && entry->end > s->start && entry->end < chosen->position)
          {
            start = entry->end;
            while (start < chosen->position && !g_ascii_isalnum (t->folded[start]))
              start++;
          }
        f.hit = make_hit_range (def->code, t, start, s->end, redress_lang_codes[chosen->lang]);
        f.hit->entry_date = entry != NULL ? g_strdup (entry->date) : NULL;
      }
      f.hit->source = kind;
      f.position = s->start;
      f.hit->provision = redress_provisions_pick (def, t, segments, chosen->segment);
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
  int k = redress_segments_find (data->segments, start, end);

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
  segments = redress_segments_split (t);
  language = redress_text_language (t, NULL);
  scores = g_new0 (guint, segments->len + 1);

  for (guint l = 0; l < REDRESS_N_LANGS; l++)
    {
      ScoreScan evidence = { segments, scores, 1 };
      ScoreScan wording = { segments, scores, 3 };

      redress_text_scan (def->evidence[l], t, score_cb, &evidence);
      redress_text_scan (def->match[l], t, score_cb, &wording);
    }

  scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  for (guint k = 0; k < segments->len; k++)
    {
      const RedressSegment *s = &g_array_index (segments, RedressSegment, k);
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
      const RedressSegment *s = &g_array_index (segments, RedressSegment, g_array_index (scored, Scored, i).segment);

      g_ptr_array_add (hits, make_hit (code, t, s, language));
    }
  return hits;
}

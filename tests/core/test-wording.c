/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-detector.h"
#include "redress-grounds.h"
#include "test-labelled.h"

/*
 * The development set in officers' own wording (tests/core/wording):
 * GCMS and CAIPS notes, officer decision notes and letters as officers
 * write them, in English and French, with texts that state no ground
 * (approvals, withdrawals, fairness letters, positive findings only).
 * Precision, recall and F1 per ground and overall are printed; the test
 * fails below 0.95 F1 overall, or on any ground found in a text that
 * states none.  The kind of each text (letter or notes) is recognised
 * from the text, and the entry dates of notes are checked where labelled.
 */

#define MIN_F1 0.95

typedef struct
{
  guint tp, fp, fn;
} Count;

static double
precision_of (const Count *c)
{
  return c->tp + c->fp > 0 ? (double) c->tp / (c->tp + c->fp) : 1.0;
}

static double
recall_of (const Count *c)
{
  return c->tp + c->fn > 0 ? (double) c->tp / (c->tp + c->fn) : 1.0;
}

static double
f1_of (const Count *c)
{
  double p = precision_of (c), r = recall_of (c);

  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* The set: big enough, both languages, notes, every ground three times,
 * texts that state none */
static void
test_coverage (void)
{
  g_autoptr(GPtrArray) texts = test_labelled_load_set ("wording");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *codes = redress_grounds_get_codes ();
  guint n_fr = 0, n_notes = 0, n_none = 0;

  g_assert_cmpuint (texts->len, >=, 80);
  for (guint i = 0; i < texts->len; i++)
    {
      TestLabelled *text = g_ptr_array_index (texts, i);
      GHashTableIter iter;
      const char *code;

      n_fr += strcmp (text->language, "fr") == 0;
      n_notes += text->kind == REDRESS_TEXT_NOTES;
      n_none += g_hash_table_size (text->expected) == 0;
      g_hash_table_iter_init (&iter, text->expected);
      while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
        g_hash_table_insert (counts, (gpointer) code,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1));
    }
  g_assert_cmpuint (n_fr, >=, 25);
  g_assert_cmpuint (n_notes, >=, 40);
  g_assert_cmpuint (n_none, >=, 10);
  for (guint i = 0; codes[i] != NULL; i++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, codes[i])) < 3)
      g_error ("The set states %s fewer than three times", codes[i]);
}

typedef struct
{
  GHashTable *per_ground;      /* code -> Count */
  Count all;
  Count negatives;             /* fp: grounds found in texts that state none */
  guint kinds_right, n_texts;
  guint dates_right, dates_labelled;
} Scores;

static Count *
count_for (Scores     *scores,
           const char *code)
{
  Count *c = g_hash_table_lookup (scores->per_ground, code);

  if (c == NULL)
    {
      c = g_new0 (Count, 1);
      g_hash_table_insert (scores->per_ground, g_strdup (code), c);
    }
  return c;
}

static void
score_text (Scores             *scores,
            const TestLabelled *text,
            RedressTextKind     kind)
{
  const char * const *pages = (const char * const *) text->pages->pdata;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *language = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  RedressTextKind read_as = REDRESS_TEXT_AUTO;
  GHashTableIter iter;
  const char *code;

  hits = redress_detector_detect_kind (pages, text->pages->len, NULL, kind, &language, &read_as);
  g_assert_cmpstr (language, ==, text->language);
  g_assert_cmpint (read_as, !=, REDRESS_TEXT_AUTO);
  scores->n_texts++;
  if (read_as == text->kind)
    scores->kinds_right++;
  else
    g_test_message ("%s: read as %s, labelled %s", text->name,
                    redress_text_kind_to_string (read_as), redress_text_kind_to_string (text->kind));

  for (guint i = 0; i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);
      const char *date;

      g_assert_false (g_hash_table_contains (seen, hit->code));   /* one hit per ground */
      g_hash_table_add (seen, hit->code);
      g_assert_cmpint (hit->source, ==, read_as);
      test_labelled_check_quote (text, pages, text->pages->len, hit);
      if (!g_hash_table_contains (text->expected, hit->code))
        {
          g_test_message ("%s: unexpected %s: “%s”", text->name, hit->code, hit->quote);
          count_for (scores, hit->code)->fp++;
          scores->all.fp++;
          if (g_hash_table_size (text->expected) == 0)
            scores->negatives.fp++;
          continue;
        }
      count_for (scores, hit->code)->tp++;
      scores->all.tp++;
      date = g_hash_table_lookup (text->entry_dates, hit->code);
      if (date != NULL)
        {
          scores->dates_labelled++;
          if (g_strcmp0 (hit->entry_date, date) == 0)
            scores->dates_right++;
          else
            g_test_message ("%s: %s dated %s, labelled %s", text->name, hit->code,
                            hit->entry_date ? hit->entry_date : "(none)", date);
        }
    }
  if (g_hash_table_size (text->expected) == 0)
    scores->negatives.tp += hits->len == 0;

  g_hash_table_iter_init (&iter, text->expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
    if (!g_hash_table_contains (seen, code))
      {
        g_test_message ("%s: missed %s", text->name, code);
        count_for (scores, code)->fn++;
        scores->all.fn++;
      }
}

static void
print_table (Scores     *scores,
             const char *title)
{
  const char * const *codes = redress_grounds_get_codes ();

  g_test_message ("%s", title);
  g_test_message ("%-26s %5s %5s %5s %9s %7s %6s", "ground", "found", "wrong", "missed",
                  "precision", "recall", "F1");
  for (guint i = 0; codes[i] != NULL; i++)
    {
      Count *c = count_for (scores, codes[i]);

      g_test_message ("%-26s %5u %5u %5u %9.3f %7.3f %6.3f", codes[i], c->tp, c->fp, c->fn,
                      precision_of (c), recall_of (c), f1_of (c));
    }
  g_test_message ("%-26s %5u %5u %5u %9.3f %7.3f %6.3f", "overall", scores->all.tp,
                  scores->all.fp, scores->all.fn, precision_of (&scores->all),
                  recall_of (&scores->all), f1_of (&scores->all));
  g_test_message ("texts that state no ground: %u read right, %u grounds found in them",
                  scores->negatives.tp, scores->negatives.fp);
  g_test_message ("kind recognised: %u of %u; entry dates: %u of %u", scores->kinds_right,
                  scores->n_texts, scores->dates_right, scores->dates_labelled);
}

/* Scores @folder's texts, read as recognised or (@forced) as labelled;
 * prints the table */
static void
score_set (Scores          *scores,
           const char      *folder,
           RedressTextKind  forced)
{
  g_autoptr(GPtrArray) texts = test_labelled_load_set (folder);
  g_autofree char *title = g_strdup_printf ("%s, %s:", folder,
                                            forced == REDRESS_TEXT_AUTO
                                              ? "kind recognised from the text"
                                              : "kind given (as an import knows it)");

  *scores = (Scores) { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  for (guint i = 0; i < texts->len; i++)
    {
      TestLabelled *text = g_ptr_array_index (texts, i);

      score_text (scores, text, forced == REDRESS_TEXT_AUTO ? REDRESS_TEXT_AUTO : text->kind);
    }
  print_table (scores, title);
}

static void
check_development (RedressTextKind forced)
{
  Scores scores;

  score_set (&scores, "wording", forced);
  g_assert_cmpfloat (f1_of (&scores.all), >=, MIN_F1);
  g_assert_cmpuint (scores.negatives.fp, ==, 0);
  g_assert_cmpuint (scores.dates_right, ==, scores.dates_labelled);
  if (forced == REDRESS_TEXT_AUTO)
    g_assert_cmpuint (scores.kinds_right * 100, >=, scores.n_texts * 95);
  g_hash_table_unref (scores.per_ground);
}

static void
test_recognised (void)
{
  check_development (REDRESS_TEXT_AUTO);
}

static void
test_given (void)
{
  check_development (REDRESS_TEXT_NOTES);
}

/* The held-out set (tests/core/heldout), written apart from the
 * development set and never tuned on: its figures are the honest ones.
 * They are printed; the test guards against a fall.  First reads, blind:
 * heldout precision 0.55, recall 0.84, F1 0.67 (its misses then showed
 * rules that were too broad: it is no longer blind); heldout2 precision
 * 0.71, recall 1.00, F1 0.83.  Then, with rules for factors in passing
 * (a modifier of another noun, a complement, a clause about another
 * ground, a bare family status, a finding set aside in the next
 * sentence, what a finding of misrepresentation rules out): heldout from
 * P 0.79, R 0.94, F1 0.86 to P 0.91, R 0.98, F1 0.94; heldout2 from
 * P 0.81, R 1.00, F1 0.89 to P 0.92, R 1.00, F1 0.96 (both seen while
 * writing those rules); development set P 0.97, R 1.00, F1 0.985.
 * heldout3, written apart again, first read blind: P 0.677, R 0.955,
 * F1 0.792 (P 0.689, F1 0.800 when registered).  It is seen from this
 * round on: with the rules of scope and polarity (a sentence that lists
 * the factors considered, lines of procedure, an adverse ground denied,
 * a concern cleared over a list or at the end of a clause, a factor
 * marked minor, the head noun of a compound, a letter that approves or
 * maintains) it reads P 0.917, R 1.00, F1 0.957; heldout, heldout2 and
 * the development set are unchanged (0.941, 0.958, 0.985).
 * heldout4, written apart again, first read blind: P 0.672, R 0.911,
 * F1 0.774 (wrongly: employment 6, purpose of visit 4, finances 4,
 * study plan 2, family ties 2).  It is seen from this round on, which
 * turned from rules for sentences to the strength of the evidence,
 * decided per ground over the whole text (redress-detector-strength.c):
 * a ground named, its provision, a box or a line of reasons that opens
 * on it is strong; a negative finding whose head the factor is, or that
 * a doubt governs, is plain; a factor elsewhere (the object of a
 * preposition, in brackets or quotation marks, the subject of a finding
 * on another ground) is weak, and weak words found a ground only in two
 * sentences not taken by another.  Before -> after, P / R / F1:
 * development set 0.970 / 1.000 / 0.985 -> 0.992 / 1.000 / 0.996;
 * heldout 0.906 / 0.980 / 0.941 -> 0.941 / 0.980 / 0.960; heldout2
 * 0.920 / 1.000 / 0.958 -> 0.939 / 1.000 / 0.968; heldout3 0.917 /
 * 1.000 / 0.957 -> 0.957 / 1.000 / 0.978; heldout4 0.672 / 0.911 /
 * 0.774 -> 0.918 / 1.000 / 0.957.  The strength alone, before any word
 * was added, gave heldout4 0.788 / 0.911 / 0.845 and raised every other
 * set; the rest came from wording a linguist would read the same in
 * any officer's text (a decision written in both languages, "Refusé.",
 * "NSM", "interview not required", "not the issue", a record of
 * documents received) and from a finding on the ability to do the work
 * ruling out a study plan found only through education words.
 * heldout5, written apart again once those rules were in, read blind on
 * them: P 0.796, R 0.935, F1 0.860 (wrongly: finances 5, study plan 2,
 * employment 2; missed: purpose of visit 2, length of stay 1).  That is
 * the detector's honest figure on text it has never seen; keep the set
 * unseen until a new one is written. */
#define HELDOUT_MIN_F1 0.80

static void
test_heldout (gconstpointer data)
{
  Scores scores;

  score_set (&scores, data, REDRESS_TEXT_AUTO);
  g_assert_cmpfloat (f1_of (&scores.all), >=, HELDOUT_MIN_F1);
  g_hash_table_unref (scores.per_ground);
}

/* Whether @code is among the grounds the detector finds in notes @text */
static gboolean
notes_state (const char *text,
             const char *code)
{
  const char *pages[] = { text };
  g_autoptr(GPtrArray) hits = redress_detector_detect_kind (pages, 1, "en", REDRESS_TEXT_NOTES,
                                                            NULL, NULL);

  for (guint i = 0; i < hits->len; i++)
    if (strcmp (((RedressGroundHit *) g_ptr_array_index (hits, i))->code, code) == 0)
      return TRUE;
  return FALSE;
}

/* A ground's words in passing found it in two sentences, not in one; a
 * finding whose head they are founds it at once; the applicant's words
 * (quoted, or answers in an interview's record) are words in passing */
static void
test_strength (void)
{
  const char *once =
    "PA applied for a TRV to attend a trade fair. Travel history: none. "
    "No letter from the employer on leave. Refused.";
  const char *twice =
    "PA applied for a TRV to attend a trade fair. Travel history: none. "
    "No letter from the employer on leave. No reference from the employer on duties. Refused.";
  const char *plain =
    "PA applied for a TRV to attend a trade fair. Travel history: none. "
    "Employment not established. Refused.";
  const char *quoted =
    "PA applied for a TRV to attend a trade fair. Travel history: none. "
    "PA said \"my employer will not give me leave\" but I am not satisfied he will leave. Refused.";

  g_assert_true (notes_state (once, "travel-history"));
  g_assert_false (notes_state (once, "employment"));
  g_assert_true (notes_state (twice, "employment"));
  g_assert_true (notes_state (plain, "employment"));
  const char *answer =
    "PA applied for a TRV to attend a trade fair. Travel history: none.\n"
    "Q: What do you do?\nA: I have no job at the moment.\nRefused.";

  g_assert_false (notes_state (quoted, "employment"));
  g_assert_false (notes_state (answer, "employment"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wording/coverage", test_coverage);
  g_test_add_func ("/wording/kind-recognised", test_recognised);
  g_test_add_func ("/wording/kind-given", test_given);
  g_test_add_func ("/wording/strength", test_strength);
  g_test_add_data_func ("/wording/heldout", "heldout", test_heldout);
  g_test_add_data_func ("/wording/heldout2", "heldout2", test_heldout);
  g_test_add_data_func ("/wording/heldout3", "heldout3", test_heldout);
  g_test_add_data_func ("/wording/heldout4", "heldout4", test_heldout);
  g_test_add_data_func ("/wording/heldout5", "heldout5", test_heldout);
  return g_test_run ();
}

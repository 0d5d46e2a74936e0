/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-detector.h"
#include "redress-grounds.h"
#include "redress-normalize.h"

/*
 * Text normalization (hyphenation, line joins, check boxes and bullets,
 * case, accents, stray glyphs, page numbers, the way back to the page),
 * provisions, the catalogue, and detector rules on small texts.
 */

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = redress_normalize_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_case_and_accents (void)
{
  assert_fold ("Travel History", "travel history");
  assert_fold ("YOUR TRAVEL HISTORY", "your travel history");
  assert_fold ("Vos Antécédents de VOYAGE", "vos antecedents de voyage");
  assert_fold ("l’alinéa 179b) du Règlement", "l'alinea 179b) du reglement");
  assert_fold("« Objet » — durée ÉTÉ çà œuvre Æ ß", "\" objet \" - duree ete ca oeuvre ae ss");
  /* Decomposed accents and compatibility forms */
  assert_fold ("de\xcc\x81partement", "departement");
  assert_fold ("\xef\xac\x81nancial", "financial");     /* ﬁ ligature */
  assert_fold ("R179(b)\xc2\xa0IRPR", "r179(b) irpr");   /* no-break space */
}

static void
test_whitespace_and_lines (void)
{
  assert_fold ("  travel \t\t history  ", "travel history");
  assert_fold ("I am not satisfied that you will\nleave Canada at the end of your stay",
               "i am not satisfied that you will leave canada at the end of your stay");
  assert_fold ("one\r\ntwo\n\n\nthree", "one two\004 three");
  /* A short line before a new start ends a paragraph; wrapped lines do not */
  assert_fold ("Dear Applicant,\nI have reviewed your application for a visitor visa and I have "
               "decided to refuse it today.\nThank you.",
               "dear applicant,\004 i have reviewed your application for a visitor visa and i have "
               "decided to refuse it today. thank you.");
}

static void
test_hyphenation (void)
{
  assert_fold ("your fi-\nnancial situation", "your financial situation");
  assert_fold ("your fi- \n  nancial situation", "your financial situation");
  assert_fold ("VOS ANTÉCÉ-\nDENTS DE VOYAGE", "vos antecedents de voyage");
  assert_fold ("long-term stay", "long-term stay");
  /* Not a word going on: a capital after lower case, a blank line */
  assert_fold ("Quebec-\nCanada", "quebec- canada");
  assert_fold ("soft\xc2\xadhyphen", "softhyphen");
}

static void
test_boxes_and_bullets (void)
{
  assert_fold ("based on:\n☒ your travel history\n☐ your family ties",
               "based on:\001 your travel history\002 your family ties");
  assert_fold ("■ a\n□ b\n✓ c\n✔ d\n☑ e\n[X] f\n[x] g\n[ ] h\n[] i",
               "\001 a\002 b\001 c\001 d\001 e\001 f\001 g\002 h\002 i");
  assert_fold ("X Your travel history\n( ) Your family ties\n(X) The purpose",
               "\001 your travel history\002 your family ties\001 the purpose");
  assert_fold ("• a\n◦ b\n▪ c\n· d\n- e\n* f\n1. g\n2) h",
               "\003 a\003 b\003 c\003 d\003 e\003 f\003 g\003 h");
  /* Symbol fonts: Wingdings boxes in the private use area */
  assert_fold ("\xef\x83\xbe travel history\n\xef\x82\xa8 family ties",
               "\001 travel history\002 family ties");
  /* A box alone on its line */
  assert_fold ("☒\nYour travel history", "\001 your travel history");
  /* Not boxes: an X inside a line, a dash inside a line, (x) inside a line */
  assert_fold ("Form X and item - done (x) ok", "form x and item - done (x) ok");
}

static void
test_stray_glyphs (void)
{
  assert_fold ("tra\xee\x80\xa3vel his\xef\xbf\xbdtory", "travel history");   /* PUA, U+FFFD */
  assert_fold ("travel\xe2\x80\x8b history", "travel history");               /* zero width */
  assert_fold ("travel\x01\x7f history", "travel history");
  assert_fold ("bad \xff\xfe bytes", "bad bytes");
}

static void
test_pages (void)
{
  const char *pages[] = {
    "Your assets and fi-\nPage 1 of 2\n",
    "Page 2 of 2\nnancial situation are insufficient.\n- 3 -",
  };
  g_autoptr(RedressNormText) t = redress_norm_text_new (pages, 2);
  const char *found = strstr (t->folded, "financial");
  guint page, end_page;
  gsize start, end;
  g_autofree char *quote = NULL;

  g_assert_cmpstr (t->folded, ==, "your assets and financial situation are insufficient.");
  g_assert_nonnull (found);

  /* "financial" runs over the page break: from "fi" on page 1 to page 2 */
  redress_norm_text_locate (t, found - t->folded, found - t->folded + strlen ("financial"),
                            &page, &start, &end_page, &end);
  g_assert_cmpuint (page, ==, 1);
  g_assert_cmpuint (start, ==, strlen ("Your assets and "));
  g_assert_cmpuint (end_page, ==, 2);
  g_assert_cmpuint (end, ==, strlen ("Page 2 of 2\nnancial"));
  quote = redress_norm_text_dup_display (t, 0, t->len);
  g_assert_cmpstr (quote, ==, "Your assets and financial situation are insufficient.");
}

static void
test_display_offsets (void)
{
  const char *text = "Dear Applicant,\n\n☒  Your TRAVEL\n   his-\ntory\n☐ the purpose of your visit";
  const char *pages[] = { text };
  g_autoptr(RedressNormText) t = redress_norm_text_new (pages, 1);
  const char *found = strstr (t->folded, "your travel history");
  gsize fs = found - t->folded, fe = fs + strlen ("your travel history");
  g_autofree char *quote = redress_norm_text_dup_display (t, fs, fe);
  g_autofree char *display = redress_normalize_display (text);
  guint page, end_page;
  gsize start, end;

  g_assert_cmpstr (quote, ==, "Your TRAVEL history");
  redress_norm_text_locate (t, fs, fe, &page, &start, &end_page, &end);
  g_assert_cmpuint (page, ==, 1);
  g_assert_cmpuint (end_page, ==, 1);
  g_assert_true (g_str_has_prefix (text + start, "Your TRAVEL"));
  g_assert_cmpuint (end, ==, (gsize) (strstr (text, "tory") - text) + 4);
  g_assert_cmpstr (display, ==, "Dear Applicant,Your TRAVEL historythe purpose of your visit");
}

static void
test_provisions (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "as stipulated in paragraph 179(b) of the IRPR", "R179(b)" },
    { "AS STIPULATED IN PARAGRAPH 179(B) OF THE IRPR", "R179(b)" },
    { "under section 40 of the Act", "A40" },
    { "section 40", "A40" },
    { "as per 216(1)(b) IRPR", "R216(1)(b)" },
    { "comme le stipule l’alinéa 179b) du RIPR", "R179(b)" },
    { "aux termes de l’alinéa 40(1)a) de la LIPR", "A40(1)(a)" },
    { "conformément au paragraphe 216(1) du RIPR", "R216(1)" },
    { "subsection 4(1) of the Immigration and Refugee Protection Regulations", "R4(1)" },
    { "section 28 of the Immigration and Refugee Protection Act", "A28" },
    { "R12.1 and A16(1)", "R12.1 A16(1)" },
    { "paragraph 200(3)(a) of the IRPR", "R200(3)(a)" },
    { "section 220 of the IRPR", "R220" },
    { "IRPA s. 36(1)(b)", "A36(1)(b)" },
    { "within 30 days, $5, page 2 (1) of 3", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) found = redress_detector_find_provisions (cases[i].text);
      g_autofree char *joined = g_strjoinv (" ", found);

      g_assert_cmpstr (joined, ==, cases[i].expected);
    }
}

static void
test_catalogue (void)
{
  const char * const *codes = redress_grounds_get_codes ();
  g_auto(GStrv) found = NULL;
  guint n = 0;

  for (; codes[n] != NULL; n++)
    {
      const char * const *provisions = redress_ground_get_provisions (codes[n]);

      g_assert_true (redress_ground_is_known (codes[n]));
      g_assert_nonnull (redress_ground_get_label (codes[n]));
      g_assert_nonnull (redress_ground_get_description (codes[n]));
      g_assert_nonnull (provisions);
      g_assert_nonnull (provisions[0]);
    }
  g_assert_cmpuint (n, ==, 16);
  g_assert_false (redress_ground_is_known ("tea-leaves"));
  g_assert_null (redress_ground_get_label ("tea-leaves"));
  g_assert_cmpstr (redress_ground_get_provisions ("misrepresentation")[0], ==, "A40(1)(a)");

  found = redress_grounds_search ("MISREP");
  g_assert_cmpstr (found[0], ==, "misrepresentation");
  g_assert_null (found[1]);
  g_clear_pointer (&found, g_strfreev);
  found = redress_grounds_search ("r220");
  g_assert_cmpstr (found[0], ==, "finances");
  g_clear_pointer (&found, g_strfreev);
  found = redress_grounds_search ("");
  g_assert_cmpuint (g_strv_length (found), ==, 16);
}

static guint
n_grounds (const char *text,
           const char *code)
{
  const char *pages[] = { text };
  g_autoptr(GPtrArray) hits = redress_detector_detect (pages, 1, NULL, NULL);

  if (code != NULL)
    {
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpstr (((RedressGroundHit *) g_ptr_array_index (hits, 0))->code, ==, code);
    }
  return hits->len;
}

static void
test_rules (void)
{
  /* A preamble names every factor: none is a ground */
  g_assert_cmpuint (n_grounds ("Your application is refused. The officer considers factors such "
                               "as travel history, family ties, financial means for the trip and "
                               "the purpose of the visit.", NULL), ==, 0);
  /* Only checked boxes count */
  g_assert_cmpuint (n_grounds ("Your application is refused, based on:\n☐ your travel history\n"
                               "☐ your family ties\n☒ the purpose of your visit",
                               "purpose-of-visit"), ==, 1);
  /* Advice and hedges are not findings */
  g_assert_cmpuint (n_grounds ("Your application is refused. If you wish to reapply, include "
                               "evidence of your financial situation.", NULL), ==, 0);
  /* Nothing refused: no grounds */
  g_assert_cmpuint (n_grounds ("We have received your application. Please provide proof of your "
                               "financial situation and your travel history.", NULL), ==, 0);
  g_assert_cmpuint (n_grounds ("", NULL), ==, 0);
}

static void
test_language (void)
{
  const char *en[] = { "I am not satisfied that you will leave Canada. Your application is refused." };
  const char *fr[] = { "Je ne suis pas convaincu que vous quitterez le Canada. Votre demande est refusée." };
  const char *tiny[] = { "Refus." };
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;
  g_autoptr(GPtrArray) h1 = redress_detector_detect (en, 1, NULL, &l1);
  g_autoptr(GPtrArray) h2 = redress_detector_detect (fr, 1, NULL, &l2);
  g_autoptr(GPtrArray) h3 = redress_detector_detect (tiny, 1, "fr", &l3);

  g_assert_cmpstr (l1, ==, "en");
  g_assert_cmpstr (l2, ==, "fr");
  g_assert_cmpstr (l3, ==, "fr");
}

static void
test_passages (void)
{
  const char *notes[] = {
    "OFFICER DECISION NOTES\nCreated By: MC12310\n\n"
    "I have reviewed the application. PA is single, no dependants; parents and two siblings "
    "live in COR. Detailed bank statements show overall low funds. A large deposit of "
    "3,000 USD was made one week before the application and is not explained. "
    "PA states a monthly income of 600 USD as a clerk.",
    "The purpose of the visit is tourism for three weeks. Les relevés bancaires montrent un "
    "solde insuffisant. I am not satisfied the applicant will depart Canada. Refused.",
  };
  g_autoptr(GPtrArray) finances = redress_detector_suggest_passages ("finances", notes, 2, 3);
  g_autoptr(GPtrArray) family = redress_detector_suggest_passages ("family-ties", notes, 2, 5);
  g_autoptr(GPtrArray) none = redress_detector_suggest_passages ("finances", notes, 2, 0);
  RedressGroundHit *hit;

  g_assert_cmpuint (finances->len, ==, 3);
  hit = g_ptr_array_index (finances, 0);
  g_assert_cmpstr (hit->quote, ==, "Detailed bank statements show overall low funds.");
  g_assert_cmpuint (hit->page, ==, 1);
  g_assert_true (g_str_has_prefix (notes[0] + hit->start, "Detailed bank statements"));
  for (guint i = 1; i < finances->len; i++)
    {
      RedressGroundHit *prev = g_ptr_array_index (finances, i - 1);

      hit = g_ptr_array_index (finances, i);
      g_assert_true (hit->page > prev->page || hit->start > prev->start);   /* in order */
    }
  hit = g_ptr_array_index (finances, 2);
  g_assert_cmpuint (hit->page, ==, 2);
  g_assert_cmpstr (hit->quote, ==, "Les relevés bancaires montrent un solde insuffisant.");

  g_assert_cmpuint (family->len, >=, 1);
  hit = g_ptr_array_index (family, 0);
  g_assert_nonnull (strstr (hit->quote, "siblings"));
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/case-accents", test_case_and_accents);
  g_test_add_func ("/normalize/whitespace-lines", test_whitespace_and_lines);
  g_test_add_func ("/normalize/hyphenation", test_hyphenation);
  g_test_add_func ("/normalize/boxes-bullets", test_boxes_and_bullets);
  g_test_add_func ("/normalize/stray-glyphs", test_stray_glyphs);
  g_test_add_func ("/normalize/pages", test_pages);
  g_test_add_func ("/normalize/display-offsets", test_display_offsets);
  g_test_add_func ("/detector/provisions", test_provisions);
  g_test_add_func ("/detector/catalogue", test_catalogue);
  g_test_add_func ("/detector/rules", test_rules);
  g_test_add_func ("/detector/language", test_language);
  g_test_add_func ("/detector/passages", test_passages);

  return g_test_run ();
}

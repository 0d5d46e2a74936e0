/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "redress-normalize.h"

/* Passages read as prose: what the grounds page and the reports quote */

static void
check (const char *text,
       const char *expected)
{
  g_autofree char *prose = redress_normalize_prose (text);

  g_assert_cmpstr (prose, ==, expected);
  /* Once is enough: prose stays as it is */
  {
    g_autofree char *again = redress_normalize_prose (prose);

    g_assert_cmpstr (again, ==, expected);
  }
}

static void
test_hyphenation (void)
{
  check ("has not demonstrated sufficient finan-\ncial resources",
         "has not demonstrated sufficient financial resources");
  check ("finan-  \n   cial", "financial");
  check ("finan-\r\ncial", "financial");
  check ("circonstan-\nces familiales", "circonstances familiales");
  /* A hyphen that belongs to the word stays, in a line or at its end */
  check ("a well-established business", "a well-established business");
  check ("a well-\nestablished business", "a well-established business");
  check ("did not co-\noperate with", "did not co-operate with");
  check ("a long-term-\nresident", "a long-term-resident");
  check ("auto-\nportrait sous-\nestimé", "autoportrait sous-estimé");
  /* Not hyphenation: a dash between words; a capital after the break
   * starts the other half of a compound */
  check ("the purpose - \nto visit", "the purpose - to visit");
  check ("the officer -\nSection 179", "the officer - Section 179");
  check ("Canada-\nUnited States", "Canada-United States");
  check ("Form IMM-\n5257", "Form IMM-5257");
  check ("-\nstart", "- start");
  /* A soft hyphen is invisible */
  check ("finan\xc2\xad""cial", "financial");
}

static void
test_white_space (void)
{
  check ("The officer is not satisfied\nthat you will leave Canada\n\nat the end",
         "The officer is not satisfied that you will leave Canada at the end");
  check ("  runs   of \t spaces\u00a0and\u2009thin ones  ", "runs of spaces and thin ones");
  check ("", "");
  check ("\n \n", "");
  check ("line\fnext page", "line next page");
  check ("zero\u200bwidth", "zerowidth");
  /* Bullets and numbers are words of the passage */
  check ("- travel history\n1. funds", "- travel history 1. funds");
  {
    g_autofree char *prose = redress_normalize_prose (NULL);

    g_assert_cmpstr (prose, ==, "");
  }
}

static void
test_invalid (void)
{
  g_autofree char *prose = redress_normalize_prose ("bad \xff byte");

  g_assert_true (g_utf8_validate (prose, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prose/hyphenation", test_hyphenation);
  g_test_add_func ("/prose/white-space", test_white_space);
  g_test_add_func ("/prose/invalid", test_invalid);
  return g_test_run ();
}

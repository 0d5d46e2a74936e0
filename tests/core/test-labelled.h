/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "redress-detector.h"

G_BEGIN_DECLS

/*
 * Labelled texts for the detector's tests (tests/core/letters and
 * tests/core/wording): header lines, a line "---", then the text, with a
 * line "<<<page>>>" between pages.
 *   expect: CODE[=PROVISION], ...   (or "none")
 *   language: en | fr
 *   kind: letter | notes            (optional: letter when absent)
 *   entry-date: CODE=YYYY-MM-DD, ...  (optional)
 */
typedef struct
{
  char *name;
  char *language;
  RedressTextKind kind;
  GPtrArray *pages;            /* char * */
  GHashTable *expected;        /* code -> provision ("" for none) */
  GHashTable *entry_dates;     /* code -> YYYY-MM-DD */
} TestLabelled;

void       test_labelled_free        (TestLabelled *text);
GPtrArray *test_labelled_load_set    (const char   *folder);
void       test_labelled_check_quote (const TestLabelled     *text,
                                      const char * const     *pages,
                                      guint                   n_pages,
                                      const RedressGroundHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestLabelled, test_labelled_free)

G_END_DECLS

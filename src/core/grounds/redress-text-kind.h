/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RedressTextKind:
 * @REDRESS_TEXT_AUTO: tell from the text (its layout, its shorthand, whom
 *   it speaks to)
 * @REDRESS_TEXT_LETTER: a letter to the applicant (a refusal letter)
 * @REDRESS_TEXT_NOTES: the officer's notes (GCMS or CAIPS notes, the
 *   officer decision notes)
 *
 * What a text is, which decides how it is read: a letter states its
 * grounds after it refuses; notes record findings, often with no closing
 * refusal line at all.
 */
typedef enum
{
  REDRESS_TEXT_AUTO,
  REDRESS_TEXT_LETTER,
  REDRESS_TEXT_NOTES,
} RedressTextKind;

const char      *redress_text_kind_to_string (RedressTextKind kind);
gboolean         redress_text_kind_from_string (const char      *string,
                                                RedressTextKind *kind);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "redress-text-kind.h"

/**
 * redress_text_kind_to_string:
 * @kind: a #RedressTextKind
 *
 * Returns: "letter", "notes" or "auto"
 */
const char *
redress_text_kind_to_string (RedressTextKind kind)
{
  switch (kind)
    {
    case REDRESS_TEXT_LETTER:
      return "letter";
    case REDRESS_TEXT_NOTES:
      return "notes";
    case REDRESS_TEXT_AUTO:
    default:
      return "auto";
    }
}

/**
 * redress_text_kind_from_string:
 * @string: "letter", "notes" or "auto"
 * @kind: (out): the kind
 *
 * Returns: whether @string names a kind
 */
gboolean
redress_text_kind_from_string (const char      *string,
                               RedressTextKind *kind)
{
  static const RedressTextKind kinds[] = { REDRESS_TEXT_AUTO, REDRESS_TEXT_LETTER, REDRESS_TEXT_NOTES };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (string, redress_text_kind_to_string (kinds[i])) == 0)
      {
        *kind = kinds[i];
        return TRUE;
      }
  return FALSE;
}

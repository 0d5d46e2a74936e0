/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the detector finds: a ground in a letter, or a passage of the notes
 * about one (the stores keep them without knowing the detector) */

#include <glib-object.h>

#include "redress-text-kind.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_GROUND_HIT (redress_ground_hit_get_type ())

/**
 * RedressGroundHit:
 * @code: the ground's stable code (see redress-grounds.h)
 * @provision: (nullable): the provision cited with it ("R179(b)", "A40(1)(a)")
 * @page: the page (from 1) where @quote starts
 * @start: byte offset of @quote's first character in the text of @page
 * @end_page: the page where @quote ends (@page unless the sentence runs
 *   over a page break)
 * @end: byte offset just after @quote's last character in the text of
 *   @end_page
 * @quote: the sentence (or list item) as it reads on the page: original
 *   characters, white space collapsed, hyphenation undone
 * @language: the language of the wording matched, "en" or "fr"
 * @document_id: the document, when the pages came from the store (else 0)
 * @source: what the text was read as: %REDRESS_TEXT_LETTER or
 *   %REDRESS_TEXT_NOTES
 * @entry_date: (nullable): in notes, the date ("YYYY-MM-DD") of the
 *   entry the sentence belongs to, when the entry gives one
 *
 * A ground found in a letter, or a passage of the notes about one.
 * Offsets are in bytes of the page text as extracted (the pages table);
 * g_utf8_pointer_to_offset() gives the character index poppler's text
 * layout uses.
 */
typedef struct
{
  char *code;
  char *provision;
  guint page;
  gsize start;
  guint end_page;
  gsize end;
  char *quote;
  char *language;
  gint64 document_id;
  RedressTextKind source;
  char *entry_date;
} RedressGroundHit;

GType             redress_ground_hit_get_type       (void) G_GNUC_CONST;
RedressGroundHit *redress_ground_hit_copy           (const RedressGroundHit *hit);
void              redress_ground_hit_free           (RedressGroundHit       *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressGroundHit, redress_ground_hit_free)

G_END_DECLS

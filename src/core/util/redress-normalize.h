/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Markers the normalized text holds in place of layout (each followed by
 * one space, never preceded by one) */
#define REDRESS_NORM_CHECKED    '\001'   /* ☒ ☑ ✓ ✔ ■ [X] (X), X at a line start */
#define REDRESS_NORM_UNCHECKED  '\002'   /* ☐ □ [ ] ( ) */
#define REDRESS_NORM_BULLET     '\003'   /* • ◦ ▪ · - * at a line start, 1. 2) */
#define REDRESS_NORM_BREAK      '\004'   /* a blank line, or a short line before a new start */

#define REDRESS_NORM_IS_MARKER(c) ((c) >= REDRESS_NORM_CHECKED && (c) <= REDRESS_NORM_BREAK)

/* The character a folded byte comes from was upper case */
#define REDRESS_NORM_FLAG_UPPER 0x1

/**
 * RedressNormText:
 * @folded: the text of every page, folded for matching: lines joined,
 *   end-of-line hyphenation undone (across pages too), page numbers at
 *   the top and bottom of pages dropped, white space collapsed to one
 *   space, lower case, accents removed, ’ ‘ as ', “ ” « » as ", dashes as
 *   -, ligatures spelled out, stray glyphs dropped; check boxes, bullets
 *   and paragraph breaks as markers
 * @len: its length in bytes
 * @orig: for each byte of @folded (and one past the end), the byte offset
 *   of the character it comes from, counted over the pages laid end to end
 * @disp: for each byte of @folded (and one past the end), where its
 *   character starts in @display
 * @flags: for each byte of @folded, REDRESS_NORM_FLAG_*
 * @display: the text as it reads (original characters), white space
 *   collapsed, hyphenation undone, markers and stray glyphs dropped
 *
 * Folded text that keeps its way back to the page, so that a match is
 * reported with the words and the place it has on the page.  Holds
 * pointers to the pages it was made from: they must outlive it.
 */
typedef struct
{
  char *folded;
  gsize len;
  guint32 *orig;
  guint32 *disp;
  guint8 *flags;
  char *display;
  gsize display_len;

  /*< private >*/
  const char * const *pages;
  guint n_pages;
  gsize *page_base;
  gsize capacity;
} RedressNormText;

RedressNormText *redress_norm_text_new         (const char * const *pages,
                                                guint               n_pages);
void             redress_norm_text_free        (RedressNormText    *self);
char            *redress_norm_text_dup_display (RedressNormText    *self,
                                                gsize               start,
                                                gsize               end);
void             redress_norm_text_locate      (RedressNormText    *self,
                                                gsize               start,
                                                gsize               end,
                                                guint              *page,
                                                gsize              *page_start,
                                                guint              *end_page,
                                                gsize              *page_end);

char            *redress_normalize_fold        (const char         *text);
char            *redress_normalize_display     (const char         *text);
char            *redress_normalize_prose       (const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressNormText, redress_norm_text_free)

G_END_DECLS

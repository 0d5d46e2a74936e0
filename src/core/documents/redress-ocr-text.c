/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-ocr-text"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-error.h"
#include "redress-ocr-text.h"

/*
 * The reader's Find and selection on a page read by OCR, from its stored
 * text and word boxes (packed as data/sql/0009-ocr.sql says): a match is
 * highlighted on the words it covers, one box per line, and a selection
 * copies the words whose middle it holds.  Like poppler's own Find, case
 * does not matter and any run of white space matches any other.
 */

#define WORD_RECORD 25

RedressOcrPage *
redress_ocr_page_new (const char *text,
                      GArray     *words)
{
  RedressOcrPage *page = g_new0 (RedressOcrPage, 1);

  page->text = g_strdup (text != NULL ? text : "");
  page->words = words != NULL ? g_array_ref (words)
                              : g_array_new (FALSE, FALSE, sizeof (RedressPdfWord));
  return page;
}

void
redress_ocr_page_free (RedressOcrPage *page)
{
  if (page == NULL)
    return;
  g_free (page->text);
  g_clear_pointer (&page->words, g_array_unref);
  g_free (page);
}

static guint32
get_le32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, 4);
  return GUINT32_FROM_LE (value);
}

static float
get_float (const guint8 *p)
{
  guint32 bits = get_le32 (p);
  float value;

  memcpy (&value, &bits, 4);
  return value;
}

/**
 * redress_ocr_page_unpack:
 * @text: the page's stored text
 * @packed: its words as stored, 25 bytes each
 *
 * Returns: (transfer full): the page, or %NULL with %REDRESS_ERROR_DAMAGED
 *   when a word does not fit its text or has no box
 */
RedressOcrPage *
redress_ocr_page_unpack (const char    *text,
                         const guint8  *packed,
                         gsize          size,
                         guint          n_words,
                         GError       **error)
{
  g_autoptr(GArray) words = NULL;
  gsize text_length;

  g_return_val_if_fail (text != NULL, NULL);

  text_length = strlen (text);
  if (size != (gsize) n_words * WORD_RECORD || (n_words > 0 && packed == NULL))
    goto corrupt;
  words = g_array_sized_new (FALSE, FALSE, sizeof (RedressPdfWord), n_words);
  for (guint i = 0; i < n_words; i++)
    {
      const guint8 *in = packed + (gsize) i * WORD_RECORD;
      RedressPdfWord word;

      word.offset = get_le32 (in);
      word.length = get_le32 (in + 4);
      word.x1 = get_float (in + 8);
      word.y1 = get_float (in + 12);
      word.x2 = get_float (in + 16);
      word.y2 = get_float (in + 20);
      word.confidence = in[24];
      if (word.offset > text_length || word.length > text_length - word.offset ||
          !isfinite (word.x1) || !isfinite (word.y1) || !isfinite (word.x2) ||
          !isfinite (word.y2) || word.x1 > word.x2 || word.y1 > word.y2)
        goto corrupt;
      g_array_append_val (words, word);
    }
  return redress_ocr_page_new (text, words);

corrupt:
  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
               _("The words read on a scanned page are damaged in the database."));
  return NULL;
}

/* The text folded for Find (case folded, each run of white space one
 * space), with the byte of the text each of its bytes comes from */
static char *
fold (const char  *text,
      GArray     **origins)
{
  GString *folded = g_string_new (NULL);
  gboolean space = FALSE;

  if (origins != NULL)
    *origins = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize from = (gsize) (p - text);
      gsize before = folded->len;

      if (g_unichar_isspace (c))
        {
          if (space)
            continue;
          space = TRUE;
          g_string_append_c (folded, ' ');
        }
      else
        {
          char *one = g_utf8_casefold (p, g_utf8_next_char (p) - p);

          space = FALSE;
          g_string_append (folded, one);
          g_free (one);
        }
      for (gsize i = before; origins != NULL && i < folded->len; i++)
        g_array_append_val (*origins, from);
    }
  if (origins != NULL)
    {
      gsize end = strlen (text);

      g_array_append_val (*origins, end);
    }
  return g_string_free (folded, FALSE);
}

/* The part of @word's box that holds bytes @start to @end of the text */
static RedressPdfRect
word_part (const char           *text,
           const RedressPdfWord *word,
           gsize                 start,
           gsize                 end)
{
  const char *w = text + word->offset;
  glong n = MAX (1, g_utf8_strlen (w, word->length));
  gsize from = MAX (start, word->offset) - word->offset;
  gsize to = MIN (end, (gsize) word->offset + word->length) - word->offset;
  double step = (word->x2 - word->x1) / (double) n;
  RedressPdfRect rect;

  rect.x1 = word->x1 + step * (double) g_utf8_strlen (w, (gssize) from);
  rect.x2 = word->x1 + step * (double) g_utf8_strlen (w, (gssize) to);
  rect.y1 = word->y1;
  rect.y2 = word->y2;
  return rect;
}

static gboolean
same_line (const RedressPdfRect *a,
           const RedressPdfRect *b)
{
  double overlap = MIN (a->y2, b->y2) - MAX (a->y1, b->y1);

  return overlap > 0.5 * MIN (a->y2 - a->y1, b->y2 - b->y1) && b->x1 >= a->x1;
}

/**
 * redress_ocr_page_find:
 * @needle: what Find looks for
 *
 * Returns: (transfer full) (element-type RedressPdfRect): the boxes of
 *   every match on @page, in points from its top left: one per line a
 *   match covers, in the order of the text (what a poppler Find gives a
 *   page with a text layer)
 */
GArray *
redress_ocr_page_find (const RedressOcrPage *page,
                       const char           *needle)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (RedressPdfRect));
  g_autoptr(GArray) origins = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded_needle = NULL;
  g_autofree char *trimmed = NULL;
  gsize needle_length;

  g_return_val_if_fail (page != NULL, rects);

  if (needle == NULL || !g_utf8_validate (needle, -1, NULL))
    return rects;
  trimmed = g_strstrip (g_strdup (needle));
  folded_needle = fold (trimmed, NULL);
  needle_length = strlen (folded_needle);
  if (needle_length == 0)
    return rects;
  haystack = fold (page->text, &origins);

  for (const char *hit = strstr (haystack, folded_needle); hit != NULL;
       hit = strstr (hit + needle_length, folded_needle))
    {
      gsize start = g_array_index (origins, gsize, (gsize) (hit - haystack));
      gsize end = g_array_index (origins, gsize, (gsize) (hit - haystack) + needle_length);
      gboolean open = FALSE;
      RedressPdfRect line = { 0, };

      /* The end of the match: just after its last folded byte's character */
      if (needle_length > 0)
        {
          gsize last = g_array_index (origins, gsize, (gsize) (hit - haystack) + needle_length - 1);

          end = (gsize) (g_utf8_next_char (page->text + last) - page->text);
        }
      for (guint i = 0; i < page->words->len; i++)
        {
          const RedressPdfWord *word = &g_array_index (page->words, RedressPdfWord, i);
          RedressPdfRect part;

          if ((gsize) word->offset + word->length <= start || word->offset >= end)
            continue;
          part = word_part (page->text, word, start, end);
          if (open && same_line (&line, &part))
            {
              line.x2 = MAX (line.x2, part.x2);
              line.y1 = MIN (line.y1, part.y1);
              line.y2 = MAX (line.y2, part.y2);
              continue;
            }
          if (open)
            g_array_append_val (rects, line);
          line = part;
          open = TRUE;
        }
      if (open)
        g_array_append_val (rects, line);
    }
  return rects;
}

/**
 * redress_ocr_page_get_text_in_area:
 * @area: a rectangle on the page, in points from its top left
 *
 * Returns: (transfer full): the words of @page whose middle @area holds,
 *   in the order of the text, a line break between words of two lines
 *   and a space between the others ("" when there are none)
 */
char *
redress_ocr_page_get_text_in_area (const RedressOcrPage *page,
                                   const RedressPdfRect *area)
{
  GString *out = g_string_new (NULL);
  double x1, x2, y1, y2;
  const RedressPdfWord *previous = NULL;

  g_return_val_if_fail (page != NULL && area != NULL, g_string_free (out, FALSE));

  x1 = MIN (area->x1, area->x2);
  x2 = MAX (area->x1, area->x2);
  y1 = MIN (area->y1, area->y2);
  y2 = MAX (area->y1, area->y2);
  for (guint i = 0; i < page->words->len; i++)
    {
      const RedressPdfWord *word = &g_array_index (page->words, RedressPdfWord, i);
      double cx = (word->x1 + word->x2) / 2;
      double cy = (word->y1 + word->y2) / 2;

      if (cx < x1 || cx > x2 || cy < y1 || cy > y2)
        continue;
      if (previous != NULL)
        {
          gsize gap_start = (gsize) previous->offset + previous->length;
          gboolean new_line = FALSE;

          for (gsize j = gap_start; j < word->offset; j++)
            if (page->text[j] == '\n')
              new_line = TRUE;
          g_string_append_c (out, new_line ? '\n' : ' ');
        }
      g_string_append_len (out, page->text + word->offset, word->length);
      previous = word;
    }
  return g_string_free (out, FALSE);
}

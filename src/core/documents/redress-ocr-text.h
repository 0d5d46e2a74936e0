/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Find and select on a scanned page: its text was read by OCR and each
 * word keeps its box on the image (RedressPdfWord), so the reader answers
 * from them what poppler, which knows nothing of that text, cannot.
 * Plain GLib: no poppler, no GTK.
 */

#include <glib.h>

#include "redress-pdf-import.h"
#include "redress-pdf-server.h"

G_BEGIN_DECLS

/**
 * RedressOcrPage:
 * @text: the page's text, as stored
 * @words: (element-type RedressPdfWord): its words, in the order of @text
 */
typedef struct
{
  char   *text;
  GArray *words;
} RedressOcrPage;

RedressOcrPage *redress_ocr_page_new              (const char            *text,
                                                   GArray                *words);
void            redress_ocr_page_free             (RedressOcrPage        *page);
RedressOcrPage *redress_ocr_page_unpack           (const char            *text,
                                                   const guint8          *packed,
                                                   gsize                  size,
                                                   guint                  n_words,
                                                   GError               **error);
GArray         *redress_ocr_page_find             (const RedressOcrPage  *page,
                                                   const char            *needle);
char           *redress_ocr_page_get_text_in_area (const RedressOcrPage  *page,
                                                   const RedressPdfRect  *area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressOcrPage, redress_ocr_page_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the reader can show of a stored document before its PDF worker has
 * answered, and what poppler cannot answer: the previews of its first
 * pages drawn at import, the size of each page, and the words OCR read on
 * its scanned pages.  Found from the document's bytes, by their blob.
 */

#include <gio/gio.h>

#include "redress-ocr-text.h"
#include "redress-pdf-import.h"
#include "redress-store.h"

G_BEGIN_DECLS

/**
 * RedressReaderData:
 * @sha256: the blob the bytes are
 * @sizes: width and height (doubles, points, as shown) of each page
 * @previews: (element-type RedressPdfPreview): the stored previews, by
 *   page (empty for a document imported before they were drawn)
 * @ocr_pages: (element-type RedressOcrPage) (nullable): per page, from 0,
 *   its words when it was read by OCR, else %NULL; %NULL when no page was
 */
typedef struct
{
  char      *sha256;
  GArray    *sizes;
  GPtrArray *previews;
  GPtrArray *ocr_pages;
} RedressReaderData;

RedressReaderData *redress_reader_data_load       (RedressStore       *store,
                                                   GBytes             *pdf,
                                                   GError            **error);
void               redress_reader_data_free       (RedressReaderData  *data);

gboolean           redress_store_add_previews_tx  (RedressStore       *store,
                                                   const char         *sha256,
                                                   GPtrArray          *previews,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressReaderData, redress_reader_data_free)

G_END_DECLS

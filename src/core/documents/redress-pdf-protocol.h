/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The wire protocol between Redress and redress-pdf-worker (src/worker),
 * the process that reads a PDF with poppler (and scanned pages with
 * Tesseract) so that a hostile file can only take that process down.
 * One header for both ends: the worker, the importer
 * (redress-pdf-import.c) and the reader's page server
 * (redress-pdf-server.c).  Plain C and GLib: no poppler, no GTK.
 *
 * Input:  the PDF on file descriptor REDRESS_PDF_PROTOCOL_FD (a sealed
 *         copy made by the parent); the password, if any, on stdin
 *         (never on the command line, where other users could read it).
 *
 * Reading (no argument, or --ocr <languages>): a framed stream on
 * stdout, one line per record, text sent by byte count:
 *
 *   REDRESS-PDF 1
 *   DOC <n_pages>
 *   PAGE <page_no> <width> <height> <rotation> <n_bytes>\n<n_bytes of UTF-8>\n
 *   ...
 *   END
 *
 * With --ocr <languages> (eng, fra or eng+fra), a page whose text layer
 * is empty is read by OCR.  `OCR <page_no>` announces that such a page is
 * being read, then its record is
 *
 *   PAGE <page_no> <width> <height> <rotation> <n_bytes> <source> <n_words>\n
 *   <n_bytes of UTF-8>\n
 *   n_words times: W <offset> <length> <x1> <y1> <x2> <y2> <confidence>\n
 *
 * where <source> is `ocr`, or `redacted` for a page wholly blacked out;
 * each word is <length> bytes of the text at byte <offset>, its box in
 * points with the origin at the top left of the page as shown, its
 * confidence from 0 to 100.  `OCR-UNAVAILABLE` (once) says the trained
 * data could not be loaded: such pages are then sent without text.
 *
 * After the last page's record, before END, each of the first
 * REDRESS_PDF_PROTOCOL_PREVIEW_PAGES pages may have a preview, drawn 600
 * pixels wide (no side longer than REDRESS_PDF_PROTOCOL_PREVIEW_MAX_SIDE),
 * that the reader shows while the page is drawn sharp:
 *
 *   PREVIEW <page_no> <width> <height> <n_bytes>\n<n_bytes of PNG>\n
 *
 * in page order, <width> and <height> the image's in pixels, <n_bytes> at
 * most REDRESS_PDF_PROTOCOL_PREVIEW_MAX_BYTES.  A page that cannot be
 * drawn within those bounds has none.  The parent waits only a short time
 * for them once every page is read: a page that draws slowly or never
 * (a hostile one) costs only its preview, never the document.
 *
 * At any point: `ERROR <code> [<page_no>]` and exit status
 * REDRESS_PDF_PROTOCOL_EXIT_REFUSED, <code> one of the refusals below.
 *
 * Serving (--serve): the reader's pages.  The password comes first on
 * stdin as `P <n_bytes>\n<bytes>`; the answer is `REDRESS-PDF 1`, then
 * `DOC <n_pages>` and one `SIZE <width> <height>` per page (or ERROR as
 * above).  Then, one request at a time on stdin, until end of file:
 *
 *   R <page> <scale>\n             PIXELS <width> <height> <stride>\n<bytes>
 *                                  (ARGB32 in this machine's byte order)
 *   F <n_bytes>\n<text>             FOUND <n_pages>\n, then one line per page:
 *                                  <n> and n times <x1> <y1> <x2> <y2>
 *                                  (points, origin at the top left)
 *   S <page> <x1> <y1> <x2> <y2>\n  TEXT <n_bytes>\n<text>
 *   T <page>\n                     LAYOUT <n_bytes> <n_boxes>\n<text>, then
 *                                  n_boxes times four doubles x1 y1 x2 y2
 *                                  (this machine's byte order; points,
 *                                  origin at the top left): the page's
 *                                  text as the import reads it, and the
 *                                  box of each of its characters
 *
 * A request it cannot serve gets `ERROR <code>` and the next is read.
 */

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

/* The first line of every answer */
#define REDRESS_PDF_PROTOCOL_HELLO "REDRESS-PDF 1"

/* The descriptor the PDF is handed on */
#define REDRESS_PDF_PROTOCOL_FD 3

/* Command-line arguments of the worker */
#define REDRESS_PDF_PROTOCOL_ARG_SERVE "--serve"
#define REDRESS_PDF_PROTOCOL_ARG_OCR   "--ocr"

/* Exit statuses besides 0: a refusal was sent; the arguments were wrong */
#define REDRESS_PDF_PROTOCOL_EXIT_REFUSED 2
#define REDRESS_PDF_PROTOCOL_EXIT_USAGE   64

/* The longest password read on stdin, and the longest request served */
#define REDRESS_PDF_PROTOCOL_MAX_PASSWORD_INPUT 4096
#define REDRESS_PDF_PROTOCOL_MAX_REQUEST_BYTES  (1 << 20)

/* Previews: of how many first pages, their longest side in pixels, their
 * largest PNG in bytes */
#define REDRESS_PDF_PROTOCOL_PREVIEW_PAGES     3
#define REDRESS_PDF_PROTOCOL_PREVIEW_MAX_SIDE  1024
#define REDRESS_PDF_PROTOCOL_PREVIEW_MAX_BYTES (1 << 20)

/* The <source> of a PAGE record read by OCR */
#define REDRESS_PDF_PROTOCOL_SOURCE_OCR      "ocr"
#define REDRESS_PDF_PROTOCOL_SOURCE_REDACTED "redacted"

/* The <code> of an ERROR record */
typedef enum
{
  REDRESS_PDF_REFUSAL_UNKNOWN,
  REDRESS_PDF_REFUSAL_NOT_PDF,
  REDRESS_PDF_REFUSAL_DAMAGED,
  REDRESS_PDF_REFUSAL_NEEDS_PASSWORD,
  REDRESS_PDF_REFUSAL_WRONG_PASSWORD,
  REDRESS_PDF_REFUSAL_NO_PAGES,
  REDRESS_PDF_REFUSAL_PAGE_UNREADABLE,
  REDRESS_PDF_REFUSAL_INTERNAL,
} RedressPdfRefusal;

static inline const char *
redress_pdf_refusal_to_code (RedressPdfRefusal refusal)
{
  switch (refusal)
    {
    case REDRESS_PDF_REFUSAL_NOT_PDF:         return "not-pdf";
    case REDRESS_PDF_REFUSAL_DAMAGED:         return "damaged";
    case REDRESS_PDF_REFUSAL_NEEDS_PASSWORD:  return "encrypted-needs-password";
    case REDRESS_PDF_REFUSAL_WRONG_PASSWORD:  return "wrong-password";
    case REDRESS_PDF_REFUSAL_NO_PAGES:        return "no-pages";
    case REDRESS_PDF_REFUSAL_PAGE_UNREADABLE: return "page-unreadable";
    case REDRESS_PDF_REFUSAL_INTERNAL:
    case REDRESS_PDF_REFUSAL_UNKNOWN:
    default:                                  return "internal";
    }
}

/* @code: the word after ERROR (what follows it, a page number, is ignored) */
static inline RedressPdfRefusal
redress_pdf_refusal_from_code (const char *code)
{
  gsize length = strcspn (code, " \n");

  for (int r = REDRESS_PDF_REFUSAL_NOT_PDF; r <= REDRESS_PDF_REFUSAL_INTERNAL; r++)
    {
      const char *name = redress_pdf_refusal_to_code ((RedressPdfRefusal) r);

      if (strlen (name) == length && strncmp (code, name, length) == 0)
        return (RedressPdfRefusal) r;
    }
  return REDRESS_PDF_REFUSAL_UNKNOWN;
}

G_END_DECLS

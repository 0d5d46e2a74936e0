/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REDRESS_PDF_ERROR (redress_pdf_error_quark ())

/**
 * RedressPdfError:
 * @REDRESS_PDF_ERROR_EMPTY: the file is empty
 * @REDRESS_PDF_ERROR_NOT_PDF: the file is not a PDF (an image, an archive,
 *   a web page saved with a .pdf name...)
 * @REDRESS_PDF_ERROR_TOO_LARGE: the file is larger than the import limit;
 *   refused before it is read
 * @REDRESS_PDF_ERROR_DAMAGED: a PDF that cannot be opened
 * @REDRESS_PDF_ERROR_NEEDS_PASSWORD: protected by a password and none was
 *   given: ask for it
 * @REDRESS_PDF_ERROR_WRONG_PASSWORD: the password given does not open it, or
 *   is longer than %REDRESS_PDF_MAX_PASSWORD_BYTES: ask again
 * @REDRESS_PDF_ERROR_NO_PAGES: a PDF without a page
 * @REDRESS_PDF_ERROR_PAGE_UNREADABLE: a page that cannot be read
 * @REDRESS_PDF_ERROR_TIMED_OUT: reading took longer than the time limit
 * @REDRESS_PDF_ERROR_FAILED: the PDF reader stopped on the file (crashed,
 *   ran out of its memory limit) or answered nonsense
 * @REDRESS_PDF_ERROR_NO_READER: the PDF reader (redress-pdf-worker) could
 *   not be started: an installation problem
 *
 * Why a PDF could not be imported.  Every message names the problem in a
 * consultant's words; the codes let a caller ask for a password.
 */
typedef enum
{
  REDRESS_PDF_ERROR_EMPTY,
  REDRESS_PDF_ERROR_NOT_PDF,
  REDRESS_PDF_ERROR_TOO_LARGE,
  REDRESS_PDF_ERROR_DAMAGED,
  REDRESS_PDF_ERROR_NEEDS_PASSWORD,
  REDRESS_PDF_ERROR_WRONG_PASSWORD,
  REDRESS_PDF_ERROR_NO_PAGES,
  REDRESS_PDF_ERROR_PAGE_UNREADABLE,
  REDRESS_PDF_ERROR_TIMED_OUT,
  REDRESS_PDF_ERROR_FAILED,
  REDRESS_PDF_ERROR_NO_READER,
} RedressPdfError;

GQuark redress_pdf_error_quark (void);

/* The longest password given to the PDF reader, in bytes (UTF-8): poppler
 * 22.12 crashes on longer ones with AES-256 encryption, and PDF 2.0 keeps
 * only the first 127 bytes of a password anyway */
#define REDRESS_PDF_MAX_PASSWORD_BYTES 127

/* 200 MB, 30 s, 1.5 GiB */
#define REDRESS_PDF_DEFAULT_MAX_SIZE     (200 * 1000 * 1000)
#define REDRESS_PDF_DEFAULT_TIMEOUT_MS   30000
#define REDRESS_PDF_DEFAULT_MEMORY_LIMIT (G_GUINT64_CONSTANT (3) << 29)

/**
 * RedressPdfLimits:
 * @max_size: largest file accepted, in bytes
 * @timeout_ms: wall-clock time the reader may take, in milliseconds
 * @memory_limit: address space the reader may use, in bytes (0: none).
 *   Not applied in a sanitizer build, whose shadow memory needs more.
 *
 * What a PDF may cost before its import is refused.
 */
typedef struct
{
  guint64 max_size;
  guint   timeout_ms;
  guint64 memory_limit;
} RedressPdfLimits;

void     redress_pdf_limits_get_default (RedressPdfLimits       *limits);
void     redress_pdf_limits_set_default (const RedressPdfLimits *limits);

/* OCR: the languages of scanned pages, and the time one may take */
#define REDRESS_PDF_DEFAULT_OCR_LANGUAGE    "eng+fra"
#define REDRESS_PDF_OCR_PAGE_TIMEOUT_MS     60000

/**
 * RedressPdfWord:
 * @offset: where the word starts in its page's text, in bytes
 * @length: its length in bytes
 * @x1: its box in points, origin at the top left of the page as shown
 * @y1: ...
 * @x2: ...
 * @y2: ...
 * @confidence: how sure the OCR is of it, from 0 to 100
 *
 * A word read by OCR on a scanned page.
 */
typedef struct
{
  guint32 offset;
  guint32 length;
  float   x1;
  float   y1;
  float   x2;
  float   y2;
  guint8  confidence;
} RedressPdfWord;

/**
 * RedressPdfPage:
 * @page_no: from 1
 * @width: in points, as shown (after the page's rotation)
 * @height: in points, as shown
 * @rotation: the page's /Rotate: 0, 90, 180 or 270
 * @text: the page's text (UTF-8, never %NULL)
 * @has_text: whether @text holds more than white space
 * @ocr: whether @text was read by OCR (the page has no text layer)
 * @redacted: a scanned page wholly blacked out (no text, and none to read)
 * @words: (element-type RedressPdfWord) (nullable): the words OCR read,
 *   %NULL for a page with a text layer
 */
typedef struct
{
  guint    page_no;
  double   width;
  double   height;
  int      rotation;
  char    *text;
  gboolean has_text;
  gboolean ocr;
  gboolean redacted;
  GArray  *words;
} RedressPdfPage;

/**
 * RedressPdfPreview:
 * @page_no: from 1, one of the first %REDRESS_PDF_PREVIEW_PAGES
 * @width: in pixels, at most %REDRESS_PDF_PREVIEW_MAX_SIDE
 * @height: in pixels, at most %REDRESS_PDF_PREVIEW_MAX_SIDE
 * @png: the image (at most %REDRESS_PDF_PREVIEW_MAX_BYTES), checked to be
 *   a PNG of that size
 *
 * A modest image of one of a document's first pages, drawn at import so
 * that the reader can show it before the page is drawn sharp.
 */
typedef struct
{
  guint   page_no;
  int     width;
  int     height;
  GBytes *png;
} RedressPdfPreview;

#define REDRESS_PDF_PREVIEW_PAGES     3
#define REDRESS_PDF_PREVIEW_MAX_SIDE  1024
#define REDRESS_PDF_PREVIEW_MAX_BYTES (1 << 20)

void     redress_pdf_preview_free      (RedressPdfPreview *preview);
gboolean redress_pdf_preview_check_png (const guint8      *data,
                                        gsize              size,
                                        int                width,
                                        int                height);

/**
 * RedressPdfExtraction:
 * @data: the file's bytes, exactly those the reader read
 * @sha256: their SHA-256, lowercase hex
 * @pages: (element-type RedressPdfPage): every page, in order
 * @pages_without_text: how many pages hold no text (scanned pages OCR
 *   could not read, or was not asked to)
 * @ocr_pages: how many pages were read by OCR
 * @ocr_language: (nullable): the languages OCR was asked for, %NULL for none
 * @ocr_unavailable: OCR was asked for but its trained data is missing
 * @previews: (element-type RedressPdfPreview): previews of the first
 *   pages, in order (some or all may be missing)
 */
typedef struct
{
  GBytes    *data;
  char      *sha256;
  GPtrArray *pages;
  guint      pages_without_text;
  guint      ocr_pages;
  char      *ocr_language;
  gboolean   ocr_unavailable;
  GPtrArray *previews;
} RedressPdfExtraction;

/* Called as each page is read: @pages_done of @n_pages */
typedef void (*RedressImportProgressFunc) (guint    pages_done,
                                           guint    n_pages,
                                           gpointer user_data);

/* Called as a scanned page starts being read by OCR: page @page_no of
 * @n_pages */
typedef void (*RedressOcrProgressFunc) (guint    page_no,
                                        guint    n_pages,
                                        gpointer user_data);

char                 *redress_pdf_dup_worker_path    (void);
void                  redress_pdf_set_worker_path    (const char                *path);

RedressPdfExtraction *redress_pdf_extract            (const char                *path,
                                                      const char                *password,
                                                      const RedressPdfLimits    *limits,
                                                      RedressImportProgressFunc  progress,
                                                      gpointer                   user_data,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
RedressPdfExtraction *redress_pdf_extract_full       (const char                *path,
                                                      const char                *password,
                                                      const RedressPdfLimits    *limits,
                                                      const char                *ocr_language,
                                                      RedressImportProgressFunc  progress,
                                                      RedressOcrProgressFunc     ocr_progress,
                                                      gpointer                   user_data,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
gboolean              redress_pdf_ocr_language_valid (const char                *language);
const char           *redress_pdf_get_default_ocr_language (void);
char                 *redress_pdf_describe_ocr_progress (guint                  page_no,
                                                         guint                  n_pages);
void                  redress_pdf_extraction_free    (RedressPdfExtraction      *extraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressPdfExtraction, redress_pdf_extraction_free)

G_END_DECLS

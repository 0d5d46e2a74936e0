/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "redress-core.h"
#include "redress-ocr-text.h"
#include "redress-reader-data.h"
#include "redress-store-documents.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * What the reader reads from the store before its PDF worker answers: the
 * previews the import draws of the first pages (bounded PNGs), the page
 * sizes, and Find and selection on scanned pages answered from the words
 * OCR read (redress-ocr-text.c, without GTK or poppler).
 */

typedef struct
{
  StoreFixture base;
  gint64 case_id;
  gint64 other_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 client_id;

  store_fixture_setup (&f->base, data);
  client_id = store_fixture_add_client (&f->base, "Tremblay", "Amélie");
  f->case_id = store_fixture_add_case (&f->base, client_id, "visitor-visa", "2026-02-20");
  f->other_id = store_fixture_add_case (&f->base, client_id, "visitor-visa", "2026-02-21");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
}

/* Find and select ------------------------------------------------------- */

/*  "Your family ties\nin Canada, family"  on two lines */
static RedressOcrPage *
make_page (void)
{
  static const char text[] = "Your family ties\nin Canada, family";
  static const struct { const char *word; float x1, y1, x2, y2; } boxes[] = {
    { "Your",    72, 100, 108, 112 },
    { "family",  114, 100, 160, 112 },
    { "ties",    166, 100, 190, 112 },
    { "in",      72, 120, 84, 132 },
    { "Canada,", 90, 120, 144, 132 },
    { "family",  150, 120, 196, 132 },
  };
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (RedressPdfWord));
  const char *p = text;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      RedressPdfWord word = { 0, };

      p = strstr (p, boxes[i].word);
      word.offset = (guint32) (p - text);
      word.length = (guint32) strlen (boxes[i].word);
      word.x1 = boxes[i].x1;
      word.y1 = boxes[i].y1;
      word.x2 = boxes[i].x2;
      word.y2 = boxes[i].y2;
      word.confidence = 90;
      g_array_append_val (words, word);
      p += word.length;
    }
  return redress_ocr_page_new (text, words);
}

static void
assert_rect (GArray *rects,
             guint   i,
             double  x1,
             double  y1,
             double  x2,
             double  y2)
{
  const RedressPdfRect *rect = &g_array_index (rects, RedressPdfRect, i);

  g_assert_cmpfloat_with_epsilon (rect->x1, x1, 0.01);
  g_assert_cmpfloat_with_epsilon (rect->y1, y1, 0.01);
  g_assert_cmpfloat_with_epsilon (rect->x2, x2, 0.01);
  g_assert_cmpfloat_with_epsilon (rect->y2, y2, 0.01);
}

static void
test_ocr_find (void)
{
  g_autoptr(RedressOcrPage) page = make_page ();
  g_autoptr(GArray) family = redress_ocr_page_find (page, "Family");
  g_autoptr(GArray) ties = redress_ocr_page_find (page, "family  TIES");
  g_autoptr(GArray) across = redress_ocr_page_find (page, "ties in");
  g_autoptr(GArray) part = redress_ocr_page_find (page, "fam");
  g_autoptr(GArray) none = redress_ocr_page_find (page, "visa");
  g_autoptr(GArray) empty = redress_ocr_page_find (page, "  ");

  /* Each hit on its word's box, case aside */
  g_assert_cmpuint (family->len, ==, 2);
  assert_rect (family, 0, 114, 100, 160, 112);
  assert_rect (family, 1, 150, 120, 196, 132);
  /* Two words of a line: one box over both; white space is white space */
  g_assert_cmpuint (ties->len, ==, 1);
  assert_rect (ties, 0, 114, 100, 190, 112);
  /* Across a line break: one box per line */
  g_assert_cmpuint (across->len, ==, 2);
  assert_rect (across, 0, 166, 100, 190, 112);
  assert_rect (across, 1, 72, 120, 84, 132);
  /* Part of a word: its share of the box, by characters */
  g_assert_cmpuint (part->len, ==, 2);
  assert_rect (part, 0, 114, 100, 114 + 46.0 / 2, 112);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_ocr_select (void)
{
  g_autoptr(RedressOcrPage) page = make_page ();
  RedressPdfRect line = { 100, 95, 200, 115 };
  RedressPdfRect both = { 200, 135, 60, 95 };   /* drawn upwards */
  RedressPdfRect nothing = { 300, 300, 400, 400 };
  g_autofree char *one = redress_ocr_page_get_text_in_area (page, &line);
  g_autofree char *two = redress_ocr_page_get_text_in_area (page, &both);
  g_autofree char *none = redress_ocr_page_get_text_in_area (page, &nothing);

  g_assert_cmpstr (one, ==, "family ties");
  g_assert_cmpstr (two, ==, "Your family ties\nin Canada, family");
  g_assert_cmpstr (none, ==, "");
}

static void
test_ocr_unpack (void)
{
  g_autoptr(GError) error = NULL;
  guint8 packed[25] = { 0, };
  g_autoptr(RedressOcrPage) bad = NULL;
  g_autoptr(RedressOcrPage) good = NULL;
  float box[4] = { 1, 2, 3, 4 };

  /* A word beyond the text is refused */
  packed[0] = 2;
  packed[4] = 9;
  bad = redress_ocr_page_unpack ("short", packed, sizeof packed, 1, &error);
  g_assert_null (bad);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_clear_error (&error);
  /* A size that is not 25 bytes a word too */
  g_assert_null (redress_ocr_page_unpack ("short", packed, 24, 1, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
  g_clear_error (&error);

  packed[4] = 3;
  for (guint i = 0; i < 4; i++)
    {
      guint32 bits;

      memcpy (&bits, &box[i], 4);
      bits = GUINT32_TO_LE (bits);
      memcpy (packed + 8 + 4 * i, &bits, 4);
    }
  packed[24] = 77;
  good = redress_ocr_page_unpack ("short", packed, sizeof packed, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->words->len, ==, 1);
  g_assert_cmpuint (g_array_index (good->words, RedressPdfWord, 0).offset, ==, 2);
  g_assert_cmpfloat (g_array_index (good->words, RedressPdfWord, 0).y2, ==, 4);
  g_assert_cmpuint (g_array_index (good->words, RedressPdfWord, 0).confidence, ==, 77);
}

/* Previews --------------------------------------------------------------- */

static gint64
import_to (Fixture    *f,
           gint64      case_id,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;

  gboolean ok = redress_store_import_document (f->base.store, case_id,
                                               REDRESS_DOCUMENT_OFFICER_NOTES, path, NULL, NULL,
                                               NULL, NULL, &document_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return document_id;
}

static gint64
import (Fixture    *f,
        const char *path)
{
  return import_to (f, f->case_id, path);
}

static void
test_previews_stored (Fixture       *f,
                      gconstpointer  data)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const TestPdfPage pages[] = {
    { 612, 792, "Page one: the officer's notes.", FALSE },
    { 612, 792, "Page two.", FALSE },
    { 792, 612, "Page three, landscape.", FALSE },
    { 612, 792, "Page four.", FALSE },
    { 612, 792, "Page five.", FALSE },
  };
  g_autofree char *path = g_build_filename (f->base.dir, "five.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) other = g_bytes_new_static ("%PDF-1.4 not stored", 19);
  g_autoptr(RedressReaderData) reader = NULL;
  g_autoptr(RedressReaderData) missing = NULL;
  sqlite3 *db = redress_store_get_handle (f->base.store);
  sqlite3_stmt *stmt = NULL;
  gint64 document_id, again_id;
  guint n_rows = 0;

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  document_id = import (f, path);

  /* The first three pages, 600 pixels wide, bounded PNGs */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT page_no, width, height, png FROM page_previews "
                                           "ORDER BY page_no", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *png = sqlite3_column_blob (stmt, 3);
      int size = sqlite3_column_bytes (stmt, 3);

      n_rows++;
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) n_rows);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 600);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), <=, REDRESS_PDF_PREVIEW_MAX_SIDE);
      g_assert_cmpint (size, >, 100);
      g_assert_cmpint (size, <=, REDRESS_PDF_PREVIEW_MAX_BYTES);
      g_assert_cmpmem (png, sizeof signature, signature, sizeof signature);
      g_assert_true (redress_pdf_preview_check_png (png, (gsize) size,
                                                    sqlite3_column_int (stmt, 1),
                                                    sqlite3_column_int (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_rows, ==, REDRESS_PDF_PREVIEW_PAGES);

  /* The reader finds them from the bytes, with every page's size */
  bytes = redress_store_dup_document_bytes (f->base.store, document_id, &error);
  g_assert_no_error (error);
  reader = redress_reader_data_load (f->base.store, bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpuint (reader->sizes->len, ==, 2 * G_N_ELEMENTS (pages));
  g_assert_cmpfloat_with_epsilon (g_array_index (reader->sizes, double, 4), 792, 0.01);
  g_assert_cmpuint (reader->previews->len, ==, 3);
  g_assert_cmpint (((RedressPdfPreview *) g_ptr_array_index (reader->previews, 2))->height, ==,
                   (int) (612.0 * 600 / 792 + 0.999));
  g_assert_null (reader->ocr_pages);

  /* Bytes that are not a stored document: nothing, and no error */
  missing = redress_reader_data_load (f->base.store, other, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* The same file imported again shares them */
  again_id = import_to (f, f->other_id, path);
  g_assert_cmpint (again_id, !=, document_id);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM page_previews", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
}

/* A stored document without previews (imported before): the reader gets
 * its sizes and no preview */
static void
test_previews_absent (Fixture       *f,
                      gconstpointer  data)
{
  const TestPdfPage pages[] = { { 612, 792, "A letter.", FALSE } };
  g_autofree char *path = g_build_filename (f->base.dir, "one.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RedressReaderData) reader = NULL;
  gint64 document_id;

  test_pdf_write_cairo (path, pages, 1);
  document_id = import (f, path);
  g_assert_cmpint (sqlite3_exec (redress_store_get_handle (f->base.store),
                                 "DELETE FROM page_previews", NULL, NULL, NULL), ==, SQLITE_OK);
  bytes = redress_store_dup_document_bytes (f->base.store, document_id, &error);
  reader = redress_reader_data_load (f->base.store, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reader->sizes->len, ==, 2);
  g_assert_cmpuint (reader->previews->len, ==, 0);
}

/* A scanned page: Find answers from its words, on the image */
static void
test_scan_words (Fixture       *f,
                 gconstpointer  data)
{
  TestPdfPage page = { 612, 792, "Your application for a visitor visa was refused.", FALSE };
  g_autofree char *scan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RedressReaderData) reader = NULL;
  g_autoptr(GArray) found = NULL;
  RedressOcrPage *ocr;
  const RedressPdfRect *rect;
  gint64 document_id;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = test_pdf_write_scan (f->base.dir, "scan", &page, 1, 0);
  document_id = import (f, scan);
  bytes = redress_store_dup_document_bytes (f->base.store, document_id, &error);
  reader = redress_reader_data_load (f->base.store, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reader->previews->len, ==, 1);
  g_assert_nonnull (reader->ocr_pages);
  ocr = g_ptr_array_index (reader->ocr_pages, 0);
  g_assert_nonnull (ocr);
  found = redress_ocr_page_find (ocr, "visitor");
  g_assert_cmpuint (found->len, ==, 1);
  rect = &g_array_index (found, RedressPdfRect, 0);
  /* On the first line of text, a word's width */
  g_assert_cmpfloat (rect->x2 - rect->x1, >, 20);
  g_assert_cmpfloat (rect->x2 - rect->x1, <, 120);
  g_assert_cmpfloat (rect->y2 - rect->y1, >, 4);
  g_assert_cmpfloat (rect->y2 - rect->y1, <, 30);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reader-data/ocr-find", test_ocr_find);
  g_test_add_func ("/reader-data/ocr-select", test_ocr_select);
  g_test_add_func ("/reader-data/ocr-unpack", test_ocr_unpack);
  g_test_add ("/reader-data/previews-stored", Fixture, NULL, fixture_setup, test_previews_stored,
              fixture_teardown);
  g_test_add ("/reader-data/previews-absent", Fixture, NULL, fixture_setup, test_previews_absent,
              fixture_teardown);
  g_test_add ("/reader-data/scan-words", Fixture, NULL, fixture_setup, test_scan_words,
              fixture_teardown);
  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

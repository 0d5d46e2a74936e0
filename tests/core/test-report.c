/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "store-fixture.h"

/*
 * The checklist and the response outline as PDF, read back with poppler:
 * the letterhead, the client, each ground's quote and items are text, in
 * English and in French; a checklist of 120 items paginates without
 * cutting an item; the drawing of a page on an image surface (the way
 * printing draws) is the PDF's; bad requests give clear errors and write
 * nothing.
 */

#define LETTER \
  "Dear Applicant,\n\n" \
  "I am refusing your application because you have not established that you will leave " \
  "Canada at the end of your stay, as required by paragraph 179(b) of the IRPR, based on the " \
  "following factors:\n" \
  "• You do not have significant family ties outside Canada.\n" \
  "• Your assets and financial situation are insufficient to support the stated purpose of " \
  "travel for yourself.\n\nVisa Section"

#define NOTES \
  "OFFICER DECISION NOTES\n\n" \
  "I have reviewed the application. PA is single, no dependants; parents live in COR. " \
  "Detailed bank statements show overall low funds. A large deposit made one week before " \
  "the application is not explained."

#define EVIDENCE "Detailed bank statements show overall low funds."

typedef struct
{
  StoreFixture base;
  gint64 client_id;
  gint64 case_id;
  char *client_name;
  char *file_number;
} Fixture;

static gint64
import (Fixture             *f,
        RedressDocumentKind  kind,
        const char          *name,
        const char          *text)
{
  g_autofree char *path = g_build_filename (f->base.dir, name, NULL);
  const TestPdfPage page = { 612, 792, text, FALSE };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  test_pdf_write_cairo (path, &page, 1);
  g_assert_true (redress_store_import_document (f->base.store, f->case_id, kind, path, NULL, NULL, NULL,
                                                NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(RedressFirm) firm = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 notes;

  store_fixture_setup (&f->base, data);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");

  firm = redress_store_get_firm (f->base.store, &error);
  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME, "Maple Immigration Consulting");
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_ADDRESS, "100 Queen Street West, Toronto ON");
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_LICENCE, "R712345");
  redress_record_set_value (REDRESS_RECORD (firm), REDRESS_FIRM_EMAIL, "office@maple.example");
  g_assert_true (redress_store_update_firm (f->base.store, firm, &error));
  g_assert_no_error (error);

  client = test_add_client (f->base.store, "Díaz", "Ana", NULL);
  f->client_id = redress_record_get_id (REDRESS_RECORD (client));
  f->client_name = redress_client_dup_display_name (client);
  f->file_number = g_strdup (redress_client_get_file_number (client));
  kase = test_add_case (f->base.store, f->client_id, "visitor-record", "2026-02-20");
  f->case_id = redress_record_get_id (REDRESS_RECORD (kase));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "restoration");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECIDED_IN_CANADA, "true");
  g_assert_true (redress_store_update_case (f->base.store, kase, &error));
  g_assert_no_error (error);

  /* The letter's grounds, confirmed; a passage of the notes as evidence */
  import (f, REDRESS_DOCUMENT_REFUSAL_LETTER, "letter.pdf", LETTER);
  grounds = redress_store_list_grounds (f->base.store, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grounds->len, ==, 2);
  for (guint i = 0; i < grounds->len; i++)
    {
      g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id,
                                                   redress_case_ground_get_code (g_ptr_array_index (grounds, i)),
                                                   &error));
      g_assert_no_error (error);
    }
  notes = import (f, REDRESS_DOCUMENT_OFFICER_NOTES, "notes.pdf", NOTES);
  g_assert_true (redress_store_link_evidence (f->base.store, f->case_id, "finances", notes, 1, EVIDENCE,
                                              -1, -1, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
  g_free (f->client_name);
  g_free (f->file_number);
}

/* White space collapsed: PDF text comes back with the lines broken */
static char *
collapse (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

typedef struct
{
  PopplerDocument *document;
  GPtrArray *pages;   /* the text of each page, white space collapsed */
  char *all;
} Pdf;

static void
pdf_free (Pdf *pdf)
{
  g_object_unref (pdf->document);
  g_ptr_array_unref (pdf->pages);
  g_free (pdf->all);
  g_free (pdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)
#ifndef POPPLER_PAGE_AUTOPTR
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
#endif

static Pdf *
pdf_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  Pdf *pdf = g_new0 (Pdf, 1);

  pdf->document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  pdf->pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (pdf->document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->document, i);
      g_autofree char *text = poppler_page_get_text (page);
      char *flat = collapse (text);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (width, ==, REDRESS_REPORT_PAGE_WIDTH);
      g_assert_cmpfloat (height, ==, REDRESS_REPORT_PAGE_HEIGHT);
      g_ptr_array_add (pdf->pages, flat);
      g_string_append_printf (all, "%s ", flat);
    }
  pdf->all = g_string_free (g_steal_pointer (&all), FALSE);
  return pdf;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *flat = collapse (needle);

  if (strstr (haystack, flat) == NULL)
    g_error ("“%s” is not in the PDF's text: %s", flat, haystack);
}

static char *
export (Fixture       *f,
        RedressReport *report,
        const char    *name)
{
  g_autofree char *path = g_build_filename (f->base.dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_report_write_pdf (report, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
check_checklist (Fixture    *f,
                 const char *language,
                 gboolean    by_default)
{
  RedressCatalog *catalog = redress_catalog_get (language, NULL);
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  const char *other;

  report = redress_report_new_checklist (f->base.store, f->case_id, NULL, by_default ? NULL : language, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_report_get_language (report), ==, language);
  path = export (f, report, "checklist.pdf");
  pdf = pdf_read (path);

  g_object_get (pdf->document, "title", &title, NULL);
  g_assert_cmpstr (title, ==, redress_report_get_title (report));

  /* The letterhead, the client, the heading */
  assert_contains (pdf->all, "Maple Immigration Consulting");
  assert_contains (pdf->all, "100 Queen Street West, Toronto ON");
  assert_contains (pdf->all, "R712345");
  assert_contains (pdf->all, f->client_name);
  assert_contains (pdf->all, f->file_number);
  assert_contains (pdf->all, redress_catalog_gettext (catalog, "Document checklist"));
  assert_contains (pdf->all, redress_catalog_gettext (catalog, "Restoration of status"));
  assert_contains (pdf->all, redress_catalog_pgettext (catalog, "month", "March"));
  /* The path's deadline, with its source in the document's language */
  {
    g_autofree char *source = redress_remedy_dup_source ("restoration", language);
    const char *file_by = g_str_equal (language, "fr") ? "21 mai 2026" : "May 21, 2026";

    g_assert_cmpstr (source, ==, g_str_equal (language, "fr") ? "RIPR, art. 182" : "IRPR s.182");
    assert_contains (pdf->all, source);
    assert_contains (pdf->all, file_by);
  }

  /* Each ground: its label, the officer's words; the evidence */
  grounds = redress_store_list_grounds (f->base.store, f->case_id, &error);
  for (guint i = 0; i < grounds->len; i++)
    {
      RedressCaseGround *ground = g_ptr_array_index (grounds, i);

      assert_contains (pdf->all, redress_catalog_gettext (catalog, redress_ground_get_msgid (redress_case_ground_get_code (ground))));
      assert_contains (pdf->all, redress_case_ground_get_quote (ground));
    }
  assert_contains (pdf->all, EVIDENCE);
  /* The provision as the client's language cites it */
  assert_contains (pdf->all, g_str_equal (language, "fr") ? "(RIPR 179b))" : "(IRPR 179(b))");

  /* Every item, in the document's language */
  items = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 10);
  for (guint i = 0; i < items->len; i++)
    assert_contains (pdf->all, redress_checklist_item_get_text_in (g_ptr_array_index (items, i), catalog));
  assert_contains (pdf->all, redress_item_state_get_label_in (REDRESS_ITEM_TO_REQUEST, catalog));

  /* And not in the other language */
  other = g_str_equal (language, "fr") ? "en" : "fr";
  g_assert_null (strstr (pdf->all, redress_catalog_gettext (redress_catalog_get (other, NULL), "Document checklist")));
  g_assert_null (strstr (pdf->all, redress_checklist_item_get_text_in (g_ptr_array_index (items, 0),
                                                                        redress_catalog_get (other, NULL))));
}

static void
test_checklist_english (Fixture       *f,
                        gconstpointer  data)
{
  check_checklist (f, "en", FALSE);
}

/* French when asked, and by default for a client who prefers French */
static void
test_checklist_french (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;

  check_checklist (f, "fr", FALSE);

  client = redress_store_get_client (f->base.store, f->client_id, &error);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_LANGUAGE, "fr");
  g_assert_true (redress_store_update_client (f->base.store, client, &error));
  g_assert_no_error (error);
  check_checklist (f, "fr", TRUE);

  /* The first of a month, the French way */
  test_set_now (f->base.store, "2026-04-01T15:00:00Z");
  {
    g_autoptr(RedressReport) report = redress_report_new_checklist (f->base.store, f->case_id, NULL, NULL, &error);
    g_autofree char *path = NULL;
    g_autoptr(Pdf) pdf = NULL;

    g_assert_no_error (error);
    path = export (f, report, "first.pdf");
    pdf = pdf_read (path);
    assert_contains (pdf->all, "1er avril 2026");
  }
}

/* 120 items: several pages, every item whole on one page, the pages
 * numbered; drafting and exporting it is the benchmark's job */
static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *path = NULL;
  guint n_pages;

  items = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  if (items == NULL)
    {
      g_clear_error (&error);
      g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL, &error));
      items = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
    }
  g_assert_no_error (error);
  for (guint i = items->len; i < 120; i++)
    {
      g_autofree char *text = g_strdup_printf ("Item%03u begins: a document with a long description "
                                               "that takes more than one line of the page, so that "
                                               "a page break could fall inside it if the layout "
                                               "allowed it; it ends%03u", i, i);

      g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration",
                                                       i % 2 ? "finances" : NULL, text, NULL, &error));
      g_assert_no_error (error);
    }

  report = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  g_assert_no_error (error);
  path = export (f, report, "long.pdf");
  pdf = pdf_read (path);
  n_pages = pdf->pages->len;
  g_test_message ("120 items on %u pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (redress_report_get_n_pages (report), ==, n_pages);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      assert_contains (g_ptr_array_index (pdf->pages, p), number);
    }
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *begins = g_strdup_printf ("Item%03u begins", i);
      g_autofree char *ends = g_strdup_printf ("ends%03u", i);
      int begin_page = -1, end_page = -1;

      for (guint p = 0; p < n_pages; p++)
        {
          const char *text = g_ptr_array_index (pdf->pages, p);

          if (strstr (text, begins) != NULL)
            {
              g_assert_cmpint (begin_page, ==, -1);
              begin_page = (int) p;
            }
          if (strstr (text, ends) != NULL)
            {
              g_assert_cmpint (end_page, ==, -1);
              end_page = (int) p;
            }
        }
      if (i < items->len)
        continue; /* a drafted item: checked by the other tests */
      g_assert_cmpint (begin_page, >=, 0);
      g_assert_cmpint (begin_page, ==, end_page);
    }
}

/* Dark pixels in a region of an image surface */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 16) & 0xff) < 128 && ((pixel >> 8) & 0xff) < 128 && (pixel & 0xff) < 128)
          n++;
      }
  return n;
}

/* A page drawn on an image surface, as printing draws it (the print
 * operation hands the same functions a cairo context in points): the
 * same pages as the PDF, with ink where the PDF has text */
static void
test_draw_image (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface, *poppler_surface;
  cairo_t *cr;
  guint n_pages, ink, poppler_ink;

  report = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  g_assert_no_error (error);
  path = export (f, report, "checklist.pdf");
  pdf = pdf_read (path);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  n_pages = redress_report_paginate (report, cr, 612, 792);
  g_assert_cmpuint (n_pages, ==, pdf->pages->len);
  redress_report_draw_page (report, cr, 0);
  cairo_destroy (cr);

  /* The same page as poppler draws it from the PDF */
  poppler_surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cr = cairo_create (poppler_surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  {
    g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->document, 0);

    poppler_page_render (page, cr);
  }
  cairo_destroy (cr);

  /* Ink in the letterhead (top), the items (middle), the footer; none in
   * the margins; about as much ink as the PDF's page */
  g_assert_cmpuint (count_ink (surface, 54, 40, 558, 100), >, 200);
  g_assert_cmpuint (count_ink (surface, 54, 300, 558, 700), >, 1000);
  g_assert_cmpuint (count_ink (surface, 54, 730, 558, 760), >, 50);
  g_assert_cmpuint (count_ink (surface, 0, 0, 40, 792), ==, 0);
  g_assert_cmpuint (count_ink (surface, 572, 0, 612, 792), ==, 0);
  ink = count_ink (surface, 0, 0, 612, 792);
  poppler_ink = count_ink (poppler_surface, 0, 0, 612, 792);
  g_test_message ("dark pixels: drawn %u, from the PDF %u", ink, poppler_ink);
  g_assert_cmpfloat ((double) ink, >, 0.8 * poppler_ink);
  g_assert_cmpfloat ((double) ink, <, 1.25 * poppler_ink);

  if (g_getenv ("REDRESS_TEST_KEEP_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("REDRESS_TEST_KEEP_PNG"));
  cairo_surface_destroy (surface);
  cairo_surface_destroy (poppler_surface);
}

/* The outline: for each ground, the concern, the evidence planned and
 * its state */
static void
test_outline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *path = NULL;
  RedressChecklistItem *ticked = NULL;

  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL, &error));
  items = redress_store_list_checklist (f->base.store, f->case_id, "restoration", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len && ticked == NULL; i++)
    if (g_strcmp0 (redress_checklist_item_get_code (g_ptr_array_index (items, i)), "finances") == 0)
      ticked = g_ptr_array_index (items, i);
  g_assert_nonnull (ticked);
  g_assert_true (redress_store_set_checklist_item_state (f->base.store, redress_checklist_item_get_id (ticked),
                                                         REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);

  report = redress_report_new_outline (f->base.store, f->case_id, "en", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (redress_report_get_title (report), "Response outline"));
  path = export (f, report, "outline.pdf");
  pdf = pdf_read (path);

  assert_contains (pdf->all, "Response outline");
  assert_contains (pdf->all, "Maple Immigration Consulting");
  assert_contains (pdf->all, f->client_name);
  assert_contains (pdf->all, "1. ");
  assert_contains (pdf->all, "2. ");
  grounds = redress_store_list_grounds (f->base.store, f->case_id, &error);
  for (guint i = 0; i < grounds->len; i++)
    {
      RedressCaseGround *ground = g_ptr_array_index (grounds, i);

      assert_contains (pdf->all, redress_case_ground_get_quote (ground));
      assert_contains (pdf->all, "Refusal letter, page 1");
    }
  assert_contains (pdf->all, "Officer’s concern");
  assert_contains (pdf->all, "Evidence planned");
  assert_contains (pdf->all, EVIDENCE);
  assert_contains (pdf->all, "Officer’s notes (GCMS), page 1");
  assert_contains (pdf->all, redress_checklist_item_get_text (ticked));
  assert_contains (pdf->all, "Received");
  /* Base items are not evidence for a ground */
  g_assert_null (strstr (pdf->all, redress_checklist_template_text ("restoration-form")));
}

/* A quote whose page was read by OCR says so, in the checklist and the
 * outline; the others do not.  The letter's page is marked as read by
 * OCR in the database: what matters here is what the report makes of it */
static void
test_ocr_caution (Fixture       *f,
                  gconstpointer  data)
{
  const char *caution = "read from a scanned page — check against the page";
  g_autoptr(GError) error = NULL;
  g_autofree char *update = NULL;
  gint64 letter;

  letter = test_query_int (redress_store_get_handle (f->base.store),
                           "SELECT id FROM documents WHERE kind = 'refusal-letter'");
  g_assert_false (redress_store_page_is_ocr (f->base.store, letter, 1));
  update = g_strdup_printf ("UPDATE pages SET text_source = 'ocr', ocr_language = 'eng' "
                            "WHERE document_id = %" G_GINT64_FORMAT, letter);
  test_exec (redress_store_get_handle (f->base.store), update);
  g_assert_true (redress_store_page_is_ocr (f->base.store, letter, 1));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RedressReport) report = NULL;
      g_autoptr(Pdf) pdf = NULL;
      g_autofree char *path = NULL;
      g_autofree char *expected = g_strdup_printf ("Refusal letter, page 1 · %s", caution);

      report = i == 0 ? redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error)
                      : redress_report_new_outline (f->base.store, f->case_id, "en", &error);
      g_assert_no_error (error);
      path = export (f, report, i == 0 ? "checklist.pdf" : "outline.pdf");
      pdf = pdf_read (path);
      /* The letter's sentences: read by OCR */
      assert_contains (pdf->all, expected);
      /* The notes' passage: from a text layer */
      assert_contains (pdf->all, "Officer’s notes (GCMS), page 1");
      g_assert_null (strstr (pdf->all, "Officer’s notes (GCMS), page 1 ·"));
    }
}

/* The report shows the checklist as the consultant left it: a ground
 * confirmed since is not merged in behind the consultant's back */
static void
test_as_it_stands (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressReport) before = NULL;
  g_autoptr(RedressReport) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *passports = redress_checklist_template_text ("passports");

  before = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, "travel-history", &error));
  g_assert_no_error (error);
  after = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = export (f, after, "stale.pdf");
    g_autoptr(Pdf) pdf = pdf_read (path);

    g_assert_null (strstr (pdf->all, passports));
  }
  g_clear_object (&after);
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL, &error));
  g_assert_no_error (error);
  after = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  {
    g_autofree char *path = export (f, after, "fresh.pdf");
    g_autoptr(Pdf) pdf = pdf_read (path);

    assert_contains (pdf->all, passports);
  }
}

/* What a consultant types goes in as text, never as markup; an item
 * longer than a page breaks between lines instead of running off it */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GString) long_text = g_string_new ("Start of the long item.");
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *path = NULL;
  guint pages_with_words = 0;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (long_text, " word%04u", i);
  g_string_append (long_text, " End of the long item.");
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL, &error));
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", NULL,
                                                   "<b>Fish & Chips</b> <span>“receipt”</span>",
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", "finances",
                                                   long_text->str, NULL, &error));
  g_assert_no_error (error);

  report = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
  g_assert_no_error (error);
  path = export (f, report, "hostile.pdf");
  pdf = pdf_read (path);
  assert_contains (pdf->all, "<b>Fish & Chips</b> <span>“receipt”</span>");
  assert_contains (pdf->all, "Start of the long item.");
  assert_contains (pdf->all, "End of the long item.");
  /* Every word once, the item spread over several pages */
  for (guint i = 0; i < 1500; i += 97)
    {
      g_autofree char *word = g_strdup_printf ("word%04u", i);
      const char *at = strstr (pdf->all, word);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, word));
    }
  for (guint p = 0; p < pdf->pages->len; p++)
    if (strstr (g_ptr_array_index (pdf->pages, p), "word0") != NULL)
      pages_with_words++;
  g_assert_cmpuint (pages_with_words, >=, 2);
}

/* Text stored before the fields refused it, or read from a PDF: a
 * direction override (U+202E) would print what follows it backwards, a
 * line break would split the client's line; the PDF shows neither, and
 * the database keeps what it holds */
static void
test_direction_overrides (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = redress_store_get_handle (f->base.store);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *family_sql = NULL;
  g_autofree char *reversed = g_utf8_strreverse (f->file_number, -1);
  g_autofree char *file_line = g_strdup_printf ("File %s", f->file_number);
  g_autofree char *display_name = NULL;
  g_autofree char *stored_family = NULL;
  g_autofree char *stored_firm = NULL;
  g_autofree char *stored_note = NULL;
  const char *kinds[] = { "checklist", "outline" };

  g_assert_cmpstr (reversed, !=, f->file_number);
  family_sql = g_strdup_printf ("UPDATE clients SET family_name = 'Díaz' || char (10) || 'Row' || "
                                "char (8238) || ' x' WHERE id = %" G_GINT64_FORMAT, f->client_id);
  test_exec (db, family_sql);
  test_exec (db, "UPDATE firm SET name = 'Maple' || char (8238) || ' Consulting'");
  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, "restoration", NULL, &error));
  g_assert_no_error (error);
  test_exec (db, "UPDATE checklist_items SET note = 'Bring' || char (8238) || ' 2026' || "
                 "char (10) || 'originals' || char (27) || '[2J' "
                 "WHERE code = 'finances'");
  g_assert_cmpint (test_query_int (db, "SELECT changes ()"), >, 0);

  client = redress_store_get_client (f->base.store, f->client_id, &error);
  g_assert_no_error (error);
  display_name = redress_client_dup_display_name (client);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(RedressReport) report = NULL;
      g_autoptr(Pdf) pdf = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("%s.pdf", kinds[k]);
      g_autofree char *title = NULL;

      if (k == 0)
        report = redress_report_new_checklist (f->base.store, f->case_id, NULL, "en", &error);
      else
        report = redress_report_new_outline (f->base.store, f->case_id, "en", &error);
      g_assert_no_error (error);
      g_assert_null (strstr (redress_report_get_title (report), "\u202E"));
      g_assert_null (strchr (redress_report_get_title (report), '\n'));
      path = export (f, report, name);
      pdf = pdf_read (path);

      g_test_message ("%s: %s", kinds[k], pdf->all);
      g_assert_null (strstr (pdf->all, "\u202E"));
      g_assert_null (strstr (pdf->all, "\033"));
      /* The file number in order, on the heading's line and in the
       * footer of every page */
      if (k == 0)
        assert_contains (pdf->all, file_line);
      g_assert_null (strstr (pdf->all, reversed));
      for (guint p = 0; p < pdf->pages->len; p++)
        assert_contains (g_ptr_array_index (pdf->pages, p), f->file_number);
      /* Every word of the names and the note, in order */
      assert_contains (pdf->all, "Maple Consulting");
      assert_contains (pdf->all, display_name);
      assert_contains (pdf->all, "Bring 2026 originals");

      g_object_get (pdf->document, "title", &title, NULL);
      g_assert_null (strstr (title, "\u202E"));
      g_assert_null (strchr (title, '\n'));
    }

  /* Nothing changed in the database */
  g_free (family_sql);
  family_sql = g_strdup_printf ("SELECT hex (family_name) FROM clients WHERE id = %" G_GINT64_FORMAT,
                                f->client_id);
  stored_family = test_query_text (db, family_sql);
  g_assert_cmpstr (stored_family, ==, "44C3AD617A0A526F77E280AE2078");
  stored_firm = test_query_text (db, "SELECT hex (name) FROM firm");
  g_assert_cmpstr (stored_firm, ==, "4D61706C65E280AE20436F6E73756C74696E67");
  stored_note = test_query_text (db, "SELECT count (*) FROM checklist_items WHERE note = 'Bring' || "
                                     "char (8238) || ' 2026' || char (10) || 'originals' || "
                                     "char (27) || '[2J'");
  g_assert_cmpstr (stored_note, !=, "0");
}

/* Bad requests: clear errors, no file written */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_dir = g_build_filename (f->base.dir, "no-such-folder", "checklist.pdf", NULL);
  g_autofree char *kept = g_build_filename (f->base.dir, "kept.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing_dir);

  g_assert_null (redress_report_new_checklist (f->base.store, f->case_id, NULL, "de", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (redress_report_new_checklist (f->base.store, 4242, NULL, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (redress_report_new_checklist (f->base.store, f->case_id, "appeal-to-the-queen", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);

  report = redress_report_new_checklist (f->base.store, f->case_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (redress_report_write_pdf (report, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "checklist.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (file, NULL));

  /* Replacing a file: done whole */
  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_clear_object (&file);
  file = g_file_new_for_path (kept);
  g_assert_true (redress_report_write_pdf (report, file, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }

  /* No path: no checklist, but an outline */
  kase = redress_store_get_case (f->base.store, f->case_id, &error);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "undecided");
  g_assert_true (redress_store_update_case (f->base.store, kase, &error));
  g_assert_no_error (error);
  g_clear_object (&report);
  g_assert_null (redress_report_new_checklist (f->base.store, f->case_id, NULL, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  report = redress_report_new_outline (f->base.store, f->case_id, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = export (f, report, "outline.pdf");
    g_autoptr(Pdf) pdf = pdf_read (path);

    assert_contains (pdf->all, "choose the case’s path");
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/report/checklist/english", test_checklist_english);
  ADD ("/report/checklist/french", test_checklist_french);
  ADD ("/report/checklist/pagination", test_pagination);
  ADD ("/report/checklist/draw-image", test_draw_image);
  ADD ("/report/checklist/as-it-stands", test_as_it_stands);
  ADD ("/report/checklist/hostile-text", test_hostile_text);
  ADD ("/report/checklist/direction-overrides", test_direction_overrides);
  ADD ("/report/outline", test_outline);
  ADD ("/report/ocr-caution", test_ocr_caution);
  ADD ("/report/errors", test_errors);

  status = g_test_run ();
  pango_cairo_font_map_set_default (NULL);
  test_pdf_shutdown ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "redress-store.h"

G_BEGIN_DECLS

/* The documents a consultant hands out, drawn with cairo and Pango: the
 * checklist for the client (on the firm's letterhead, grouped by ground
 * with the officer's words) and the response outline (each ground, the
 * officer's concern, the evidence planned and its state).  The same
 * drawing serves the PDF export and printing: lay the report out for a
 * page size, then draw each page on any cairo context whose unit is the
 * point (1/72 inch). */

#define REDRESS_TYPE_REPORT (redress_report_get_type ())

G_DECLARE_FINAL_TYPE (RedressReport, redress_report, REDRESS, REPORT, GObject)

/* US Letter, in points */
#define REDRESS_REPORT_PAGE_WIDTH  612.0
#define REDRESS_REPORT_PAGE_HEIGHT 792.0

/* @path: NULL for the case's; @language: "en", "fr" or NULL for the
 * client's preferred language.  The checklist is taken as it stands (a
 * checklist with no items is drafted first): bring it up to date with
 * redress_store_draft_checklist() beforehand when that is wanted. */
RedressReport *redress_report_new_checklist (RedressStore   *store,
                                             gint64          case_id,
                                             const char     *path,
                                             const char     *language,
                                             GError        **error);
/* The outline uses the checklist of the case's path, when it has one */
RedressReport *redress_report_new_outline   (RedressStore   *store,
                                             gint64          case_id,
                                             const char     *language,
                                             GError        **error);

const char    *redress_report_get_language  (RedressReport  *self);
/* "Document checklist — Díaz, Ana", in the report’s language */
const char    *redress_report_get_title     (RedressReport  *self);
/* A file name for the export: "checklist-2026-0012-restoration.pdf" */
char          *redress_report_dup_file_name (RedressReport  *self);

/* Lays the report out on pages of @width x @height points (margins
 * included), measuring text with @cr's font settings; returns the number
 * of pages.  Items are never cut between pages. */
guint          redress_report_paginate      (RedressReport  *self,
                                             cairo_t        *cr,
                                             double          width,
                                             double          height);
guint          redress_report_get_n_pages   (RedressReport  *self);
/* Draws page @page (from 0) of the last layout */
void           redress_report_draw_page     (RedressReport  *self,
                                             cairo_t        *cr,
                                             guint           page);

/* Writes the report as a PDF (US Letter; text selectable); the file is
 * replaced only once the whole document is written */
gboolean       redress_report_write_pdf     (RedressReport  *self,
                                             GFile          *file,
                                             GError        **error);
gboolean       redress_report_save_pdf   (RedressReport  *self,
                                          const char     *path,
                                          GError        **error);

G_END_DECLS

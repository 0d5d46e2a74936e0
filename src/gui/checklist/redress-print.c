/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-print"

#include "config.h"

#include "redress-print.h"

/*
 * Printing a report: the page layout and the drawing are the core's
 * (redress-report.c), the same that write the exported PDF.  The print
 * context only supplies the page size and a cairo context in points.
 */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                RedressReport     *report)
{
  guint n_pages;

  n_pages = redress_report_paginate (report, gtk_print_context_get_cairo_context (context),
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              RedressReport     *report)
{
  if (page_nr < 0 || (guint) page_nr >= redress_report_get_n_pages (report))
    return;
  redress_report_draw_page (report, gtk_print_context_get_cairo_context (context),
                            (guint) page_nr);
}

/**
 * redress_print_operation_new:
 * @report: the report to print
 *
 * A print operation that lays @report out on the paper chosen (margins
 * drawn by the report itself, as in its PDF) and draws its pages.  The
 * caller runs it (a dialog, or %GTK_PRINT_OPERATION_ACTION_EXPORT to a
 * file).
 *
 * Returns: (transfer full): a new #GtkPrintOperation holding @report
 */
GtkPrintOperation *
redress_print_operation_new (RedressReport *report)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (REDRESS_IS_REPORT (report), NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The report draws its own margins, as on the PDF it exports */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, redress_report_get_title (report));

  g_object_set_data_full (G_OBJECT (operation), "redress-report", g_object_ref (report),
                          g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);
  return operation;
}

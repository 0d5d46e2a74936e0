/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-pdf-server.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_PDF_PAGE_WIDGET (redress_pdf_page_widget_get_type      ())

G_DECLARE_FINAL_TYPE (RedressPdfPageWidget, redress_pdf_page_widget, REDRESS, PDF_PAGE_WIDGET, GtkWidget)

GtkWidget *redress_pdf_page_widget_new           (void);
void       redress_pdf_page_widget_set_page      (RedressPdfPageWidget *self,
                                                  int                  index,
                                                  double               width,
                                                  double               height);
int        redress_pdf_page_widget_get_index     (RedressPdfPageWidget *self);
void       redress_pdf_page_widget_set_zoom      (RedressPdfPageWidget *self,
                                                  double               zoom);
void       redress_pdf_page_widget_set_texture   (RedressPdfPageWidget *self,
                                                  GdkTexture           *texture);
void       redress_pdf_page_widget_set_matches   (RedressPdfPageWidget *self,
                                                  GArray               *rects,
                                                  int                  current);
void       redress_pdf_page_widget_set_passage   (RedressPdfPageWidget *self,
                                                  GArray               *lines);
void       redress_pdf_page_widget_set_selection (RedressPdfPageWidget *self,
                                                  const RedressPdfRect *area);
void        redress_pdf_page_widget_set_selection_lines (RedressPdfPageWidget *self,
                                                         GArray               *lines);

G_END_DECLS

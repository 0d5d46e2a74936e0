/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-pdf-server.h"
#include "redress-store.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_PDF_VIEW (redress_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (RedressPdfView, redress_pdf_view, REDRESS, PDF_VIEW, GtkWidget)

GtkWidget  *redress_pdf_view_new            (void);
/* Where the documents shown were stored: their previews and scanned
 * pages' words are read from there (none: the reader waits for the worker) */
void        redress_pdf_view_set_store      (RedressPdfView *self,
                                             RedressStore   *store);
void        redress_pdf_view_load           (RedressPdfView *self,
                                             GBytes         *pdf,
                                             const char     *password);
void        redress_pdf_view_clear          (RedressPdfView *self);
guint       redress_pdf_view_get_n_pages    (RedressPdfView *self);
guint       redress_pdf_view_get_page       (RedressPdfView *self);
void        redress_pdf_view_go_to_page     (RedressPdfView *self,
                                             guint           page);
void        redress_pdf_view_reveal         (RedressPdfView *self,
                                             guint           page,
                                             const char     *highlight);
void        redress_pdf_view_reveal_passage (RedressPdfView *self,
                                             guint           page,
                                             const char     *page_text,
                                             gsize           start,
                                             guint           end_page,
                                             const char     *end_page_text,
                                             gsize           end,
                                             const char     *quote);
GArray     *redress_pdf_view_get_passage    (RedressPdfView *self,
                                             guint           page,
                                             glong          *char_start,
                                             glong          *char_end);
void        redress_pdf_view_search         (RedressPdfView *self,
                                             const char     *text);
gboolean    redress_pdf_view_start_search   (RedressPdfView *self);
guint       redress_pdf_view_get_n_matches  (RedressPdfView *self);
void        redress_pdf_view_next_match     (RedressPdfView *self,
                                             gboolean        backwards);
double      redress_pdf_view_get_zoom       (RedressPdfView *self);
void        redress_pdf_view_set_zoom       (RedressPdfView *self,
                                             double          zoom);
void        redress_pdf_view_zoom_fit_width (RedressPdfView *self);
char       *redress_pdf_view_dup_selection  (RedressPdfView *self);
int         redress_pdf_view_get_selection_page (RedressPdfView *self);
void        redress_pdf_view_select_area    (RedressPdfView *self,
                                             guint           page,
                                             double          x1,
                                             double          y1,
                                             double          x2,
                                             double          y2);
GArray     *redress_pdf_view_get_selection_lines (RedressPdfView *self);
GdkTexture *redress_pdf_view_get_page_texture (RedressPdfView *self,
                                               guint           page,
                                               double         *scale);
guint       redress_pdf_view_get_n_rendered (RedressPdfView *self);
guint       redress_pdf_view_get_n_previews (RedressPdfView *self);
gboolean    redress_pdf_view_get_current_match (RedressPdfView *self,
                                                guint          *page,
                                                RedressPdfRect *rect);

G_END_DECLS

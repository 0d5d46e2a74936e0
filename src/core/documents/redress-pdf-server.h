/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-pdf-import.h"

G_BEGIN_DECLS

/* A document shown by the reader: opened, drawn and searched by
 * redress-pdf-worker in a process of its own (--serve), so that a PDF that
 * crashes poppler, hangs it or eats its memory only ever ends that
 * process.  One server per document; its calls block, so make them from
 * one worker thread.  Errors are in the REDRESS_PDF_ERROR domain: a
 * password to ask for (NEEDS_PASSWORD, WRONG_PASSWORD), TIMED_OUT or
 * FAILED when the process had to be stopped (it is then gone: open the
 * document again to go on). */

typedef struct _RedressPdfServer RedressPdfServer;

/* A rectangle on a page, in points, origin at the top left */
typedef struct
{
  double x1, y1, x2, y2;
} RedressPdfRect;

RedressPdfServer *redress_pdf_server_open      (GBytes                *pdf,
                                                const char            *password,
                                                GError               **error);
void              redress_pdf_server_free      (RedressPdfServer      *self);
gboolean          redress_pdf_server_is_alive  (RedressPdfServer      *self);
guint             redress_pdf_server_get_n_pages (RedressPdfServer    *self);
/* In points */
void              redress_pdf_server_get_page_size (RedressPdfServer  *self,
                                                guint                  page,
                                                double                *width,
                                                double                *height);
/* White page, ARGB32 premultiplied, native byte order; a page larger than
 * 4096 x 4096 pixels at @scale is drawn smaller */
GBytes           *redress_pdf_server_render    (RedressPdfServer      *self,
                                                guint                  page,
                                                double                 scale,
                                                int                   *width,
                                                int                   *height,
                                                int                   *stride,
                                                GError               **error);
/* Per page: a GArray of RedressPdfRect, one per match */
GPtrArray        *redress_pdf_server_find      (RedressPdfServer      *self,
                                                const char            *text,
                                                GError               **error);
char             *redress_pdf_server_get_text_in_area (RedressPdfServer *self,
                                                guint                  page,
                                                const RedressPdfRect  *area,
                                                GError               **error);

GArray           *redress_pdf_server_get_layout (RedressPdfServer     *self,
                                                guint                  page,
                                                char                 **text,
                                                GError               **error);

/* Where a passage of a page's stored text is in the page shown */
gboolean          redress_pdf_text_find_passage (const char           *shown,
                                                const char            *stored,
                                                gsize                  start,
                                                gsize                  end,
                                                glong                 *char_start,
                                                glong                 *char_end);
GArray           *redress_pdf_boxes_for_range  (GArray                *boxes,
                                                const char            *text,
                                                glong                  char_start,
                                                glong                  char_end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressPdfServer, redress_pdf_server_free)

G_END_DECLS

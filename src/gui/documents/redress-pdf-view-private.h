/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the files of RedressPdfView share: its instance struct, its page
 * items and cache entries, and the helpers its parts call (Find and
 * selection in redress-pdf-view-find.c, the stored preview shown at once
 * in redress-pdf-view-preview.c).
 */

#include "redress-pdf-engine.h"
#include "redress-pdf-page-widget.h"
#include "redress-pdf-view.h"

G_BEGIN_DECLS

/* Page item ----------------------------------------------------------------- */

#define REDRESS_TYPE_PDF_PAGE_ITEM (redress_pdf_page_item_get_type ())
G_DECLARE_FINAL_TYPE (RedressPdfPageItem, redress_pdf_page_item, REDRESS, PDF_PAGE_ITEM, GObject)

struct _RedressPdfPageItem
{
  GObject parent_instance;
  guint index;
  double width;      /* points */
  double height;
};

/* The view ------------------------------------------------------------------ */

typedef struct
{
  GdkTexture *texture;
  double scale;
  gsize bytes;
  gint64 used;
} CacheEntry;

struct _RedressPdfView
{
  GtkWidget parent_instance;

  RedressStore *store;   /* where the shown document's previews are, if set */

  GtkWidget *box;
  GtkWidget *stack;
  GtkWidget *status;
  GtkScrolledWindow *scroller;
  GtkListView *list;
  GListStore *pages;
  GtkWidget *page_entry;
  GtkWidget *page_label;
  GtkWidget *zoom_label;
  GtkWidget *search_entry;
  GtkWidget *match_label;

  RedressPdfEngine *engine;
  GThreadPool *pool;
  guint generation;       /* bumped for each new document or zoom */
  guint doc_generation;   /* bumped for each new document: a search outlives a zoom */
  guint n_pages;
  double zoom;              /* pixels per point */
  int fitted_width;         /* the width the zoom was last fitted to */
  double scroll_y;          /* -1, or where to scroll after the next paint */
  GdkFrameClock *scroll_clock;
  gboolean fit_width;

  GHashTable *cache;        /* page index -> CacheEntry */
  gsize cache_bytes;
  GHashTable *pending;      /* page indexes being rendered */
  GHashTable *failed;       /* page indexes the reader could not draw */
  GHashTable *bound;        /* page index -> the page widget showing it */
  guint n_rendered;
  guint n_previews;         /* stored previews shown at load */

  GPtrArray *matches;       /* per page: GArray of RedressPdfRect, or NULL */
  guint n_matches;
  int match_page;
  int match_index;

  int reveal_page;          /* -1, or the page to show once loaded */
  char *reveal_text;
  int select_page;          /* -1 when nothing is selected */
  RedressPdfRect selection;
  char *selected_text;
  GArray *selection_lines;  /* the selected characters' boxes (RedressPdfRect), or NULL */
  guint select_in_flight;   /* SELECT jobs asked for and not back yet */
  gboolean search_failed;   /* the last search could not be made */
  char *pending_search;     /* asked for before the document was loaded */

  GPtrArray *passage;       /* RedressPdfPassagePart of the passage shown, or NULL */
  RedressPdfJob *pending_passage;     /* asked for before the document was loaded */
};

void    pdf_view_push_job                (RedressPdfView *self,
                                          RedressPdfJob  *job);
void    pdf_view_redraw_pages            (RedressPdfView *self);
void    pdf_view_update_labels           (RedressPdfView *self);
/* redress-pdf-view-find.c */
void    pdf_view_ask_selection           (RedressPdfView *self);
void    pdf_view_take_selection          (RedressPdfView *self,
                                          RedressPdfJob  *job);
void    pdf_view_take_search             (RedressPdfView *self,
                                          RedressPdfJob  *job);
void    pdf_view_search_full             (RedressPdfView *self,
                                          const char     *text,
                                          gboolean        retry);
void    pdf_view_clear_passage           (RedressPdfView *self);
void    pdf_view_scroll_to               (RedressPdfView *self,
                                          double          y);
double  pdf_view_page_top                (RedressPdfView *self,
                                          guint           index);
guint   pdf_view_current_match_number    (RedressPdfView *self);
gboolean pdf_view_refit_idle             (gpointer        data);
/* redress-pdf-view-preview.c */
void    pdf_view_set_pages               (RedressPdfView *self,
                                          GArray         *sizes);
void    pdf_view_show_stored             (RedressPdfView *self,
                                          GBytes         *pdf,
                                          RedressPdfJob  *load);
void    pdf_view_cache_put               (RedressPdfView *self,
                                          guint           page,
                                          GdkTexture     *texture,
                                          double          scale,
                                          gsize           bytes);

G_END_DECLS

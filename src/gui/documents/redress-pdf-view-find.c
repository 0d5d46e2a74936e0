/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-pdf-view-private.h"

/*
 * The reader's Find and selection: a search of the whole document, its
 * hits counted and walked through, and the text selected on a page.  The
 * engine answers both, from poppler or, on a page read by OCR, from the
 * words stored with it (redress-ocr-text.c).
 */

/* 1 for the first hit of the document */
guint
pdf_view_current_match_number (RedressPdfView *self)
{
  guint n = 0;

  if (self->matches == NULL || self->match_page < 0)
    return 0;
  for (int i = 0; i < self->match_page; i++)
    n += ((GArray *) g_ptr_array_index (self->matches, i))->len;
  return n + (guint) self->match_index + 1;
}

/* A search's answer: its hits, or that it could not be made */
void
pdf_view_take_search (RedressPdfView *self,
                      RedressPdfJob  *job)
{
  if (job->error != NULL)
    g_debug ("The search could not be made: %s", job->error->message);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = g_steal_pointer (&job->matches);
  self->search_failed = self->matches == NULL;
  self->n_matches = 0;
  self->match_page = -1;
  self->match_index = -1;
  for (guint i = 0; self->matches && i < self->matches->len; i++)
    self->n_matches += ((GArray *) g_ptr_array_index (self->matches, i))->len;
  if (self->n_matches > 0)
    redress_pdf_view_next_match (self, FALSE);
  pdf_view_update_labels (self);
  pdf_view_redraw_pages (self);
}

/* The text in the area selected now, asked for once at a time: a drag
 * moving on asks again when the answer comes back */
void
pdf_view_ask_selection (RedressPdfView *self)
{
  RedressPdfJob *job;

  if (self->select_page < 0 || self->select_in_flight > 0)
    return;
  job = g_new0 (RedressPdfJob, 1);
  job->kind = REDRESS_PDF_JOB_SELECT;
  job->page = (guint) self->select_page;
  job->area = self->selection;
  self->select_in_flight++;
  pdf_view_push_job (self, job);
}

/* The text selected and the boxes of its characters: kept when they are
 * for the area selected now, drawn and copied together */
void
pdf_view_take_selection (RedressPdfView *self,
                         RedressPdfJob  *job)
{
  if (self->select_in_flight > 0)
    self->select_in_flight--;
  if (self->select_page < 0)
    return;
  if ((int) job->page != self->select_page || memcmp (&job->area, &self->selection, sizeof job->area) != 0)
    {
      pdf_view_ask_selection (self);
      return;
    }
  g_free (self->selected_text);
  self->selected_text = g_steal_pointer (&job->selected);
  g_clear_pointer (&self->selection_lines, g_array_unref);
  self->selection_lines = g_steal_pointer (&job->lines);
  pdf_view_redraw_pages (self);
}

/**
 * redress_pdf_view_search:
 * @text: (nullable): what to find; empty or %NULL clears the highlights
 */
void
redress_pdf_view_search (RedressPdfView *self,
                         const char     *text)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  pdf_view_search_full (self, text, FALSE);
}

/* @retry: asked again after it failed (the reader may start again) */
void
pdf_view_search_full (RedressPdfView *self,
                      const char     *text,
                      gboolean        retry)
{
  RedressPdfJob *job;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->n_matches = 0;
  self->match_page = self->match_index = -1;
  self->search_failed = FALSE;
  g_clear_pointer (&self->pending_search, g_free);
  pdf_view_update_labels (self);
  pdf_view_redraw_pages (self);
  if (text == NULL || *text == '\0')
    return;
  /* Still opening: made once the pages are known */
  if (self->n_pages == 0)
    {
      self->pending_search = g_strdup (text);
      return;
    }
  /* A search of the consultant's own replaces the passage shown */
  pdf_view_clear_passage (self);

  job = g_new0 (RedressPdfJob, 1);
  job->kind = REDRESS_PDF_JOB_SEARCH;
  job->text = g_strdup (text);
  job->retry = retry;
  pdf_view_push_job (self, job);
}

/**
 * redress_pdf_view_start_search:
 *
 * Puts the keyboard in Find, its text selected (Ctrl+F).
 *
 * Returns: %FALSE if Find cannot take the keyboard now
 */
gboolean
redress_pdf_view_start_search (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), FALSE);

  if (!gtk_widget_grab_focus (self->search_entry))
    return FALSE;
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  return TRUE;
}

guint
redress_pdf_view_get_n_matches (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), 0);

  return self->n_matches;
}

/**
 * redress_pdf_view_next_match:
 *
 * Moves to the next (or previous) hit, wrapping around, and scrolls it
 * into view.
 */
void
redress_pdf_view_next_match (RedressPdfView *self,
                             gboolean        backwards)
{
  int page, index;
  RedressPdfRect *rect;

  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  if (self->matches == NULL || self->n_matches == 0)
    return;

  page = self->match_page;
  index = self->match_index + (backwards ? -1 : 1);
  if (page < 0)
    {
      page = (int) redress_pdf_view_get_page (self);
      index = backwards ? -1 : 0;
    }
  for (guint tries = 0; tries <= self->matches->len + 1; tries++)
    {
      GArray *rects = g_ptr_array_index (self->matches, page);

      if (index >= 0 && index < (int) rects->len)
        break;
      page = (page + (backwards ? -1 : 1) + (int) self->matches->len) % (int) self->matches->len;
      rects = g_ptr_array_index (self->matches, page);
      index = backwards ? (int) rects->len - 1 : 0;
    }

  self->match_page = page;
  self->match_index = index;
  rect = &g_array_index ((GArray *) g_ptr_array_index (self->matches, page), RedressPdfRect, index);
  pdf_view_scroll_to (self, MAX (0, pdf_view_page_top (self, (guint) page) + rect->y1 * self->zoom - 80));
  pdf_view_update_labels (self);
  pdf_view_redraw_pages (self);
}

/**
 * redress_pdf_view_dup_selection:
 *
 * Returns: (transfer full) (nullable): the text selected on a page
 */
char *
redress_pdf_view_dup_selection (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), NULL);

  return g_strdup (self->selected_text);
}

/**
 * redress_pdf_view_get_selection_page:
 *
 * Returns: the page (from 0) of the selected text, or -1 (none, or
 *   not known yet)
 */
int
redress_pdf_view_get_selection_page (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), -1);

  /* (not yet known while the text of the area selected is asked for) */
  return self->selected_text != NULL && self->select_in_flight == 0 ? self->select_page : -1;
}

/**
 * redress_pdf_view_select_area:
 * @page: from 0
 *
 * Selects the text in a rectangle of @page, in points from its top left
 * corner, as dragging across it would.
 */
void
redress_pdf_view_select_area (RedressPdfView *self,
                              guint           page,
                              double          x1,
                              double          y1,
                              double          x2,
                              double          y2)
{
  g_return_if_fail (REDRESS_IS_PDF_VIEW (self));

  if (page >= self->n_pages)
    return;
  g_clear_pointer (&self->selected_text, g_free);
  g_clear_pointer (&self->selection_lines, g_array_unref);
  self->select_page = (int) page;
  self->selection.x1 = MIN (x1, x2);
  self->selection.x2 = MAX (x1, x2);
  self->selection.y1 = MIN (y1, y2);
  self->selection.y2 = MAX (y1, y2);
  pdf_view_redraw_pages (self);
  pdf_view_ask_selection (self);
}

/**
 * redress_pdf_view_get_current_match:
 * @page: (out) (optional): its page, from 0
 * @rect: (out) (optional): its box, in points from the page's top left
 *
 * Returns: whether a hit is current (for tests: where it is highlighted)
 */
gboolean
redress_pdf_view_get_current_match (RedressPdfView *self,
                                    guint          *page,
                                    RedressPdfRect *rect)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), FALSE);

  if (self->matches == NULL || self->match_page < 0 || self->match_index < 0)
    return FALSE;
  if (page != NULL)
    *page = (guint) self->match_page;
  if (rect != NULL)
    *rect = g_array_index ((GArray *) g_ptr_array_index (self->matches, self->match_page),
                           RedressPdfRect, self->match_index);
  return TRUE;
}

/**
 * redress_pdf_view_get_selection_lines:
 *
 * For tests: what is drawn selected.
 *
 * Returns: (transfer none) (nullable): the boxes of the selected
 *   characters (RedressPdfRect, points from the page's top left, one a
 *   line) on the selection's page, %NULL if none
 */
GArray *
redress_pdf_view_get_selection_lines (RedressPdfView *self)
{
  g_return_val_if_fail (REDRESS_IS_PDF_VIEW (self), NULL);

  return self->selected_text != NULL ? self->selection_lines : NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-pdf-engine.h"

/*
 * The document is opened, drawn and searched by redress-pdf-worker in a
 * process of its own (RedressPdfServer): a PDF that crashes or hangs
 * poppler ends that process, never Redress.  A server that had to be
 * stopped is started again for the next request, a few times.
 *
 * Jobs run on one worker thread (a one-thread pool), each handed back to
 * the main thread once done, tagged with the generation it was asked
 * for: a job made stale meanwhile (another document, another zoom) is not
 * even started.
 */
#define MAX_RESTARTS 3

RedressPdfEngine *
redress_pdf_engine_new (void)
{
  RedressPdfEngine *engine = g_new0 (RedressPdfEngine, 1);

  g_atomic_ref_count_init (&engine->ref);
  return engine;
}

RedressPdfEngine *
redress_pdf_engine_ref (RedressPdfEngine *engine)
{
  g_atomic_ref_count_inc (&engine->ref);
  return engine;
}

void
redress_pdf_engine_unref (RedressPdfEngine *engine)
{
  if (g_atomic_ref_count_dec (&engine->ref))
    {
      g_clear_pointer (&engine->server, redress_pdf_server_free);
      g_clear_pointer (&engine->pdf, g_bytes_unref);
      g_clear_pointer (&engine->ocr_pages, g_ptr_array_unref);
      g_clear_pointer (&engine->crashed, g_hash_table_unref);
      g_free (engine->password);
      g_free (engine);
    }
}

void
redress_pdf_passage_part_free (gpointer data)
{
  RedressPdfPassagePart *part = data;

  g_free (part->stored);
  g_clear_pointer (&part->rects, g_array_unref);
  g_free (part);
}


void
redress_pdf_job_free (RedressPdfJob *job)
{
  if (job->engine != NULL)
    {
      redress_pdf_engine_unref (job->engine);
      g_weak_ref_clear (&job->owner);
    }
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_free (job->password);
  g_clear_pointer (&job->ocr_pages, g_ptr_array_unref);
  g_free (job->text);
  g_clear_error (&job->error);
  g_clear_pointer (&job->sizes, g_array_unref);
  g_clear_pointer (&job->pixels, g_bytes_unref);
  g_clear_pointer (&job->matches, g_ptr_array_unref);
  g_free (job->selected);
  g_clear_pointer (&job->lines, g_array_unref);
  g_clear_pointer (&job->parts, g_ptr_array_unref);
  g_free (job);
}

/* The server of the engine's document, started again if it had to be
 * stopped (a page that crashed the reader, a search that took too long):
 * NULL with an error once it failed too often */
static RedressPdfServer *
engine_server (RedressPdfEngine  *engine,
               GError           **error)
{
  if (redress_pdf_server_is_alive (engine->server))
    return engine->server;
  if (engine->pdf == NULL || engine->restarts >= MAX_RESTARTS)
    {
      g_debug ("No reader: %s, %u restarts", engine->pdf == NULL ? "no document yet" : "a document",
               engine->restarts);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED,
                   _("This document could not be shown: the PDF reader stopped on it. "
                     "It may be damaged or built to overload readers."));
      return NULL;
    }
  engine->restarts++;
  g_clear_pointer (&engine->server, redress_pdf_server_free);
  engine->server = redress_pdf_server_open (engine->pdf, engine->password, error);
  return engine->server;
}

/* A page read by OCR: poppler knows nothing of its text, its stored words
 * answer instead */
static const RedressOcrPage *
ocr_page (RedressPdfEngine *engine,
          guint             page)
{
  if (engine->ocr_pages == NULL || page >= engine->ocr_pages->len)
    return NULL;
  return g_ptr_array_index (engine->ocr_pages, page);
}

/* Whether @box is at or after @x, @y in the flow of the text (on a line
 * below it, or on its line and on its right); @before: at or before it */
static gboolean
box_beyond (const RedressPdfRect *box,
            double                x,
            double                y,
            gboolean              before)
{
  double middle_x = (box->x1 + box->x2) / 2;

  if (y >= box->y1 && y <= box->y2)
    return before ? middle_x <= x : middle_x >= x;
  return before ? box->y2 < y : box->y1 > y;
}

/* The characters from the point @ax, @ay to the point @bx, @by in the flow
 * of the text, white space at either end left out: @first and @last, or
 * @last < @first when there are none */
static void
flow_range (GArray     *boxes,
            const char *text,
            double      ax,
            double      ay,
            double      bx,
            double      by,
            glong      *first,
            glong      *last)
{
  const char *p;
  glong i;

  *first = -1;
  *last = -1;
  for (i = 0, p = text; *p != '\0' && i < (glong) boxes->len; i++, p = g_utf8_next_char (p))
    {
      const RedressPdfRect *box = &g_array_index (boxes, RedressPdfRect, i);

      if (g_unichar_isspace (g_utf8_get_char (p)) || box->x2 <= box->x1)
        continue;
      if (*first < 0 && box_beyond (box, ax, ay, FALSE))
        *first = i;
      if (box_beyond (box, bx, by, TRUE))
        *last = i;
    }
}

/* The text a drag selects, in the flow of the page's text from where the
 * drag began (the area's first corner) to where it is (its second), or the
 * other way round when the drag goes back up the text; and the boxes of
 * those very characters: what is drawn selected is what is copied */
static void
select_in_layout (RedressPdfServer *server,
                  RedressPdfJob    *job)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) boxes = redress_pdf_server_get_layout (server, job->page, &text, &job->error);
  const RedressPdfRect *a = &job->area;
  const char *p;
  glong first, last;

  if (boxes == NULL)
    return;
  flow_range (boxes, text, a->x1, a->y1, a->x2, a->y2, &first, &last);
  if (first < 0 || last < first)
    flow_range (boxes, text, a->x2, a->y2, a->x1, a->y1, &first, &last);
  if (first < 0 || last < first)
    {
      job->selected = g_strdup ("");
      job->lines = g_array_new (FALSE, FALSE, sizeof (RedressPdfRect));
      return;
    }
  p = g_utf8_offset_to_pointer (text, first);
  job->selected = g_strndup (p, (gsize) (g_utf8_offset_to_pointer (text, last + 1) - p));
  job->lines = redress_pdf_boxes_for_range (boxes, text, first, last + 1);
}

/* The boxes of the words of a scanned page that its text in @area has
 * (those whose middle @area holds): what is copied is what is drawn */
static GArray *
ocr_boxes_in_area (const RedressOcrPage *page,
                   const RedressPdfRect *area)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (RedressPdfRect));

  for (guint i = 0; i < page->words->len; i++)
    {
      const RedressPdfWord *word = &g_array_index (page->words, RedressPdfWord, i);
      RedressPdfRect box = { word->x1, word->y1, word->x2, word->y2 };
      double x = (box.x1 + box.x2) / 2, y = (box.y1 + box.y2) / 2;

      if (x >= MIN (area->x1, area->x2) && x <= MAX (area->x1, area->x2) &&
          y >= MIN (area->y1, area->y2) && y <= MAX (area->y1, area->y2))
        g_array_append_val (boxes, box);
    }
  return boxes;
}

void
redress_pdf_engine_run_job (gpointer data,
                            gpointer user_data)
{
  RedressPdfJob *job = data;
  RedressPdfEngine *engine = job->engine;
  RedressPdfServer *server;

  /* Stale before it started: the document changed, or for a render the
   * zoom */
  if (job->kind == REDRESS_PDF_JOB_RENDER
      ? job->generation != (guint) g_atomic_int_get (&engine->generation)
      : job->kind != REDRESS_PDF_JOB_LOAD &&
        job->doc_generation != (guint) g_atomic_int_get (&engine->doc_generation))
    goto done;

  switch (job->kind)
    {
    case REDRESS_PDF_JOB_LOAD:
      g_clear_pointer (&engine->server, redress_pdf_server_free);
      g_clear_pointer (&engine->pdf, g_bytes_unref);
      g_clear_pointer (&engine->password, g_free);
      engine->restarts = 0;
      g_clear_pointer (&engine->crashed, g_hash_table_unref);
      g_clear_pointer (&engine->ocr_pages, g_ptr_array_unref);
      engine->ocr_pages = g_steal_pointer (&job->ocr_pages);
      engine->server = redress_pdf_server_open (job->pdf, job->password, &job->error);
      if (engine->server != NULL)
        {
          engine->pdf = g_bytes_ref (job->pdf);
          engine->password = g_strdup (job->password);
          job->n_pages = redress_pdf_server_get_n_pages (engine->server);
          job->sizes = g_array_sized_new (FALSE, FALSE, sizeof (double), job->n_pages * 2);
          for (guint i = 0; i < job->n_pages; i++)
            {
              double w, h;

              redress_pdf_server_get_page_size (engine->server, i, &w, &h);
              g_array_append_val (job->sizes, w);
              g_array_append_val (job->sizes, h);
            }
        }
      break;

    case REDRESS_PDF_JOB_RENDER:
      /* Reload: the page is tried again; one that ended the reader's
       * process, in a new one, as are pages once the reader gave up */
      if (job->retry)
        {
          if (engine->crashed != NULL &&
              g_hash_table_remove (engine->crashed, GUINT_TO_POINTER (job->page + 1)))
            g_clear_pointer (&engine->server, redress_pdf_server_free);
          if (!redress_pdf_server_is_alive (engine->server))
            engine->restarts = 0;
        }
      /* A page that ended the reader's process once is not drawn again:
       * each try would cost a restart, and the document its other pages
       * and its search */
      if (engine->crashed != NULL &&
          g_hash_table_contains (engine->crashed, GUINT_TO_POINTER (job->page + 1)))
        {
          g_set_error (&job->error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_PAGE_UNREADABLE,
                       _("This page could not be drawn: the PDF reader stopped on it."));
          break;
        }
      server = engine_server (engine, &job->error);
      if (server != NULL)
        job->pixels = redress_pdf_server_render (server, job->page, job->scale, &job->width,
                                                 &job->height, &job->stride, &job->error);
      if (server != NULL && job->pixels == NULL && !redress_pdf_server_is_alive (server))
        {
          if (engine->crashed == NULL)
            engine->crashed = g_hash_table_new (NULL, NULL);
          g_hash_table_add (engine->crashed, GUINT_TO_POINTER (job->page + 1));
        }
      break;

    case REDRESS_PDF_JOB_SEARCH:
      /* Asked again after it failed: the reader may start again */
      if (job->retry && !redress_pdf_server_is_alive (engine->server))
        engine->restarts = 0;
      server = engine_server (engine, &job->error);
      if (server != NULL)
        job->matches = redress_pdf_server_find (server, job->text, &job->error);
      /* The reader's process ended under the search (a page drawn just
       * before may have ended it): once more, in a new one */
      if (job->matches == NULL && server != NULL && !redress_pdf_server_is_alive (server) &&
          !g_error_matches (job->error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TIMED_OUT))
        {
          g_debug ("The search ended the reader's process: %s", job->error->message);
          g_clear_error (&job->error);
          server = engine_server (engine, &job->error);
          if (server != NULL)
            job->matches = redress_pdf_server_find (server, job->text, &job->error);
        }
      for (guint i = 0; job->matches != NULL && i < job->matches->len; i++)
        if (ocr_page (engine, i) != NULL)
          {
            g_array_unref (g_ptr_array_index (job->matches, i));   /* poppler's: none */
            g_ptr_array_index (job->matches, i) = redress_ocr_page_find (ocr_page (engine, i),
                                                                         job->text);
          }
      break;

    case REDRESS_PDF_JOB_SELECT:
      if (ocr_page (engine, job->page) != NULL)
        {
          job->selected = redress_ocr_page_get_text_in_area (ocr_page (engine, job->page),
                                                             &job->area);
          job->lines = ocr_boxes_in_area (ocr_page (engine, job->page), &job->area);
          break;
        }
      server = engine_server (engine, &job->error);
      if (server != NULL)
        select_in_layout (server, job);
      break;

    case REDRESS_PDF_JOB_PASSAGE:
      for (guint i = 0; i < job->parts->len; i++)
        {
          RedressPdfPassagePart *part = g_ptr_array_index (job->parts, i);
          g_autoptr(GArray) boxes = NULL;
          g_autofree char *text = NULL;

          part->char_start = part->char_end = -1;
          server = engine_server (engine, &job->error);
          if (server == NULL)
            break;
          boxes = redress_pdf_server_get_layout (server, part->page, &text, &job->error);
          if (boxes == NULL)
            break;
          if (part->end == G_MAXSIZE)
            part->end = strlen (part->stored != NULL ? part->stored : text);
          if (redress_pdf_text_find_passage (text, part->stored, part->start, part->end,
                                             &part->char_start, &part->char_end))
            part->rects = redress_pdf_boxes_for_range (boxes, text, part->char_start,
                                                       part->char_end);
          else
            part->char_start = part->char_end = -1;
        }
      break;

    default:
      g_assert_not_reached ();
    }

done:
  g_main_context_invoke (NULL, job->deliver, job);
}


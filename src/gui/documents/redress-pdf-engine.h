/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The reader's engine: one PDF document, opened, drawn and searched by
 * redress-pdf-worker in a process of its own (RedressPdfServer), and the
 * jobs that one worker thread runs on it.
 */

#include <glib.h>

#include "redress-ocr-text.h"
#include "redress-pdf-server.h"

G_BEGIN_DECLS

typedef struct
{
  gatomicrefcount ref;
  RedressPdfServer *server; /* only touched on the worker thread */
  GBytes *pdf;              /* to start the server again */
  char *password;
  guint restarts;
  GHashTable *crashed;      /* pages whose drawing ended the reader's process (worker thread) */
  GPtrArray *ocr_pages;     /* per page: RedressOcrPage of a scanned page, or NULL (worker thread) */
  int generation;           /* atomic: bumped for each new document or zoom */
  int doc_generation;       /* atomic: bumped for each new document only */
} RedressPdfEngine;

typedef enum
{
  REDRESS_PDF_JOB_LOAD,
  REDRESS_PDF_JOB_RENDER,
  REDRESS_PDF_JOB_SEARCH,
  REDRESS_PDF_JOB_SELECT,
  REDRESS_PDF_JOB_PASSAGE,
} RedressPdfJobKind;

/* One page of a passage shown by its place in the text */
typedef struct
{
  guint page;
  char *stored;           /* the page's stored text the offsets count in, or NULL */
  gsize start, end;       /* bytes in it; end G_MAXSIZE: to the end of the page */
  /* out */
  glong char_start;       /* -1 when not found on the page shown */
  glong char_end;
  GArray *rects;          /* RedressPdfRect, one per line */
} RedressPdfPassagePart;

typedef struct
{
  RedressPdfJobKind kind;
  RedressPdfEngine *engine;
  GWeakRef owner;            /* whoever asked (weak): delivered to it */
  GSourceFunc deliver;       /* called on the main thread with the job */
  guint generation;         /* a render's: the document and zoom it is for */
  guint doc_generation;     /* the others': the document they are for */
  /* in */
  GBytes *pdf;
  char *password;
  GPtrArray *ocr_pages;     /* LOAD: the words of its scanned pages (see RedressReaderData) */
  guint page;
  double scale;
  char *text;
  RedressPdfRect area;    /* selection, in points, top-left origin */
  gboolean retry;           /* RENDER, SEARCH: asked again after it failed (Reload, Enter) */
  /* out */
  GError *error;
  guint n_pages;
  GArray *sizes;            /* double pairs: width, height in points */
  GBytes *pixels;
  int width, height, stride;
  GPtrArray *matches;       /* per page: GArray of RedressPdfRect (top-left origin) */
  char *selected;
  GArray *lines;            /* SELECT: the boxes of the text selected (a line, or a scanned word, each) */
  GPtrArray *parts;         /* REDRESS_PDF_JOB_PASSAGE: RedressPdfPassagePart, in and out */
} RedressPdfJob;

RedressPdfEngine *redress_pdf_engine_new         (void);
RedressPdfEngine *redress_pdf_engine_ref         (RedressPdfEngine *engine);
void              redress_pdf_engine_unref       (RedressPdfEngine *engine);
void              redress_pdf_engine_run_job     (gpointer          data,
                                                  gpointer          user_data);
void              redress_pdf_passage_part_free  (gpointer          data);
void              redress_pdf_job_free           (RedressPdfJob    *job);

G_END_DECLS

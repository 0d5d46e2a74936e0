/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-evidence"

#include "config.h"

#include "redress-evidence.h"

/* A passage of a document (the officer's notes, usually) linked to a
 * ground of a case: read-only, made by redress-store-grounds.c. */

struct _RedressEvidence
{
  GObject parent_instance;

  gint64 id;
  gint64 case_id;
  char *code;
  gint64 document_id;
  char *file_name;
  guint page;
  char *quote;
  gint64 quote_start;
  gint64 quote_end;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (RedressEvidence, redress_evidence, G_TYPE_OBJECT)

static void
redress_evidence_finalize (GObject *object)
{
  RedressEvidence *self = REDRESS_EVIDENCE (object);

  g_free (self->code);
  g_free (self->file_name);
  g_free (self->quote);
  g_free (self->created_at);
  G_OBJECT_CLASS (redress_evidence_parent_class)->finalize (object);
}

static void
redress_evidence_class_init (RedressEvidenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_evidence_finalize;
}

static void
redress_evidence_init (RedressEvidence *self)
{
}

/**
 * redress_evidence_new:
 * @quote_start: byte offset in the page's text, -1 when unknown
 * @quote_end: byte offset in the page's text, -1 when unknown
 */
RedressEvidence *
redress_evidence_new (gint64      id,
                      gint64      case_id,
                      const char *code,
                      gint64      document_id,
                      const char *file_name,
                      guint       page,
                      const char *quote,
                      gint64      quote_start,
                      gint64      quote_end,
                      const char *created_at)
{
  RedressEvidence *self = g_object_new (REDRESS_TYPE_EVIDENCE, NULL);

  self->id = id;
  self->case_id = case_id;
  self->code = g_strdup (code);
  self->document_id = document_id;
  self->file_name = g_strdup (file_name);
  self->page = page;
  self->quote = g_strdup (quote);
  self->quote_start = quote_start;
  self->quote_end = quote_end;
  self->created_at = g_strdup (created_at);
  return self;
}

gint64 redress_evidence_get_id (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), 0); return self->id; }
gint64 redress_evidence_get_case_id (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), 0); return self->case_id; }
const char *redress_evidence_get_code (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), NULL); return self->code; }
gint64 redress_evidence_get_document_id (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), 0); return self->document_id; }
const char *redress_evidence_get_file_name (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), NULL); return self->file_name; }
guint redress_evidence_get_page (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), 0); return self->page; }
const char *redress_evidence_get_quote (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), NULL); return self->quote; }
gint64 redress_evidence_get_quote_start (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), -1); return self->quote_start; }
gint64 redress_evidence_get_quote_end (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), -1); return self->quote_end; }
const char *redress_evidence_get_created_at (RedressEvidence *self) { g_return_val_if_fail (REDRESS_IS_EVIDENCE (self), NULL); return self->created_at; }

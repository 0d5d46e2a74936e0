/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REDRESS_TYPE_EVIDENCE (redress_evidence_get_type ())

G_DECLARE_FINAL_TYPE (RedressEvidence, redress_evidence, REDRESS, EVIDENCE, GObject)

/* A passage of a document linked to a ground of a case */
RedressEvidence *redress_evidence_new               (gint64           id,
                                                     gint64           case_id,
                                                     const char      *code,
                                                     gint64           document_id,
                                                     const char      *file_name,
                                                     guint            page,
                                                     const char      *quote,
                                                     gint64           quote_start,
                                                     gint64           quote_end,
                                                     const char      *created_at);
gint64           redress_evidence_get_id            (RedressEvidence *self);
gint64           redress_evidence_get_case_id       (RedressEvidence *self);
const char      *redress_evidence_get_code          (RedressEvidence *self);
gint64           redress_evidence_get_document_id   (RedressEvidence *self);
const char      *redress_evidence_get_file_name     (RedressEvidence *self);
guint            redress_evidence_get_page          (RedressEvidence *self);
const char      *redress_evidence_get_quote         (RedressEvidence *self);
gint64           redress_evidence_get_quote_start   (RedressEvidence *self);
gint64           redress_evidence_get_quote_end     (RedressEvidence *self);
const char      *redress_evidence_get_created_at    (RedressEvidence *self);

G_END_DECLS

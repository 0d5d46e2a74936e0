/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-text-kind.h"

G_BEGIN_DECLS

/**
 * RedressDocumentKind:
 * @REDRESS_DOCUMENT_REFUSAL_LETTER: the refusal letter
 * @REDRESS_DOCUMENT_OFFICER_NOTES: the officer's notes (GCMS notes)
 * @REDRESS_DOCUMENT_DECISION_NOTES: the officer decision notes IRCC sends
 *   with many refusals
 * @REDRESS_DOCUMENT_EVIDENCE: the client's evidence
 * @REDRESS_DOCUMENT_OTHER: anything else
 *
 * What a document attached to a case is.
 */
typedef enum
{
  REDRESS_DOCUMENT_REFUSAL_LETTER,
  REDRESS_DOCUMENT_OFFICER_NOTES,
  REDRESS_DOCUMENT_DECISION_NOTES,
  REDRESS_DOCUMENT_EVIDENCE,
  REDRESS_DOCUMENT_OTHER,
  REDRESS_DOCUMENT_N_KINDS
} RedressDocumentKind;

/* "refusal-letter", ... as stored and as the CLI spells them */
const char *redress_document_kind_to_string   (RedressDocumentKind  kind);
RedressTextKind redress_document_kind_get_text_kind (RedressDocumentKind kind);
gboolean    redress_document_kind_from_string (const char          *text,
                                               RedressDocumentKind *kind);
/* "Refusal letter", ... translated */
const char *redress_document_kind_get_label   (RedressDocumentKind  kind);
/* The same, untranslated (to translate with a RedressCatalog) */
const char *redress_document_kind_get_msgid   (RedressDocumentKind  kind);

#define REDRESS_TYPE_DOCUMENT (redress_document_get_type ())

G_DECLARE_FINAL_TYPE (RedressDocument, redress_document, REDRESS, DOCUMENT, GObject)

/* A PDF attached to a case, as the store lists it (read-only: the store
 * creates them) */
gint64               redress_document_get_id                 (RedressDocument *self);
gint64               redress_document_get_case_id            (RedressDocument *self);
RedressDocumentKind  redress_document_get_kind               (RedressDocument *self);
const char          *redress_document_get_file_name          (RedressDocument *self);
const char          *redress_document_get_sha256             (RedressDocument *self);
guint64              redress_document_get_size               (RedressDocument *self);
guint                redress_document_get_n_pages            (RedressDocument *self);
gboolean             redress_document_get_has_text           (RedressDocument *self);
guint                redress_document_get_pages_without_text (RedressDocument *self);
gboolean             redress_document_get_deleted            (RedressDocument *self);
const char          *redress_document_get_created_at         (RedressDocument *self);
char                *redress_document_dup_text_status        (RedressDocument *self);

/* For the store */
RedressDocument     *redress_document_new                    (gint64               id,
                                                              gint64               case_id,
                                                              RedressDocumentKind  kind,
                                                              const char          *file_name,
                                                              const char          *sha256,
                                                              guint64              size,
                                                              guint                n_pages,
                                                              guint                pages_without_text,
                                                              gboolean             deleted,
                                                              const char          *created_at);
void                 redress_document_set_ocr_pages          (RedressDocument     *self,
                                                              guint                ocr_pages);
guint                redress_document_get_ocr_pages          (RedressDocument     *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-analysis-private.h"
#include "redress-detector.h"
#include "redress-error.h"
#include "redress-grounds.h"
#include "redress-pdf-import.h"
#include "redress-store-documents.h"
#include "redress-store-grounds-private.h"

/*
 * What the detector (src/core/grounds) reads in stored documents: the
 * grounds a refusal letter or the officer's notes state, suggested to the
 * case, and the passages of the notes that bear on a ground, offered as
 * evidence.  The stores keep what it finds; they never run it.
 */

/**
 * redress_analysis_detect_pages:
 * @pages: (element-type RedressPdfPage): the pages read from a PDF
 * @kind: what the document is
 *
 * Returns: (transfer full) (element-type RedressGroundHit) (nullable): the
 *   grounds the pages state, or %NULL for a kind of document that states
 *   none (client evidence, other)
 */
GPtrArray *
redress_analysis_detect_pages (GPtrArray           *pages,
                               RedressDocumentKind  kind)
{
  RedressTextKind text_kind = redress_document_kind_get_text_kind (kind);
  g_autofree const char **texts = NULL;

  if (text_kind == REDRESS_TEXT_AUTO)
    return NULL;
  texts = g_new0 (const char *, pages->len + 1);
  for (guint i = 0; i < pages->len; i++)
    texts[i] = ((RedressPdfPage *) g_ptr_array_index (pages, i))->text;
  return redress_detector_detect_kind (texts, pages->len, NULL, text_kind, NULL, NULL);
}

/**
 * redress_store_detect_document_grounds:
 * @document_id: a document of a case
 * @n_new: (out) (optional): how many grounds the case did not have
 *
 * Runs the detector on a stored document's pages and stores what it finds
 * as suggestions (see redress_store_suggest_grounds()).
 */
gboolean
redress_store_detect_document_grounds (RedressStore  *self,
                                       gint64         document_id,
                                       guint         *n_new,
                                       GError       **error)
{
  g_autoptr(RedressDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  document = redress_store_get_document (self, document_id, error);
  if (document == NULL)
    return FALSE;
  pages = redress_store_dup_document_text (self, document_id, error);
  if (pages == NULL)
    return FALSE;
  hits = redress_detector_detect_kind ((const char * const *) pages, g_strv_length (pages), NULL,
                                       redress_document_kind_get_text_kind (
                                         redress_document_get_kind (document)),
                                       NULL, NULL);
  return redress_store_suggest_grounds (self, redress_document_get_case_id (document),
                                        document_id, hits, n_new, error);
}

/**
 * redress_store_suggest_passages:
 * @code: a ground code
 * @max_passages: the most passages wanted
 *
 * Passages of the case's officer's notes and decision notes (not in the
 * trash) that bear on a ground, not already linked to it, to be accepted
 * as evidence (see redress_detector_suggest_passages()).
 *
 * Returns: (transfer full) (element-type RedressGroundHit): the passages,
 *   with their document_id, at most @max_passages of them
 */
GPtrArray *
redress_store_suggest_passages (RedressStore  *self,
                                gint64         case_id,
                                const char    *code,
                                guint          max_passages,
                                GError       **error)
{
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ground_hit_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) linked = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  if (!redress_ground_is_known (code))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a ground of the catalogue."), code != NULL ? code : "");
      return NULL;
    }
  documents = redress_store_list_documents (self, case_id, error);
  if (documents == NULL)
    return NULL;

  linked = redress_store_dup_linked_passages (self, case_id, code, error);
  if (linked == NULL)
    return NULL;

  for (guint i = 0; i < documents->len && passages->len < max_passages; i++)
    {
      RedressDocument *document = g_ptr_array_index (documents, i);
      RedressDocumentKind kind = redress_document_get_kind (document);
      gint64 document_id = redress_document_get_id (document);
      g_auto(GStrv) pages = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (kind != REDRESS_DOCUMENT_OFFICER_NOTES && kind != REDRESS_DOCUMENT_DECISION_NOTES)
        continue;
      pages = redress_store_dup_document_text (self, document_id, error);
      if (pages == NULL)
        return NULL;
      found = redress_detector_suggest_passages (code, (const char * const *) pages,
                                                 g_strv_length (pages), max_passages);
      for (guint j = 0; j < found->len && passages->len < max_passages; j++)
        {
          RedressGroundHit *hit = g_ptr_array_index (found, j);
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u:%" G_GSIZE_FORMAT,
                                                  document_id, hit->page, hit->start);

          if (g_hash_table_contains (linked, key))
            continue;
          hit->document_id = document_id;
          g_ptr_array_add (passages, g_steal_pointer (&found->pdata[j]));
        }
    }
  return g_steal_pointer (&passages);
}

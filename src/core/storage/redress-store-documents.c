/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-documents"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-error.h"
#include "redress-file-util.h"
#include "redress-store-documents-private.h"
#include "redress-store-private.h"

/*
 * Documents attached to cases: the PDF's bytes (table blobs, one row per
 * SHA-256 however many documents share it), the document (table
 * documents), the text of its pages (table pages) and the full-text index
 * over them (pages_fts, kept in step by triggers, see
 * data/sql/0005-documents.sql).  Searching them is in
 * redress-store-search.c; importing a PDF (reading it in
 * redress-pdf-worker, then storing it here and suggesting the grounds it
 * states, in one transaction) is a service: src/core/services/redress-import.c.
 *
 * Writes announce themselves once committed with the store's "changed"
 * signal, entity "document", id the document's.
 */

/* Helpers ---------------------------------------------------------------- */

static gboolean
not_found (gint64    document_id,
           GError  **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);

  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
               _("There is no document with id %s."), id_text);
  return FALSE;
}

/* A line of the case's timeline (entity "document") */
static gboolean
log_event (RedressStore  *self,
           gint64         client_id,
           gint64         case_id,
           const char    *kind,
           const char    *file_name,
           GError       **error)
{
  return redress_store_log_event (self, "document", client_id, case_id, kind, file_name, error);
}

/* Storing an import ------------------------------------------------------- */


static gboolean
insert_blob (RedressStore  *self,
             GBytes        *bytes,
             const char    *sha256,
             GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  int rc;

  stmt = redress_db_prepare (db,
                  "INSERT INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  if (redress_db_changes (db) > 0)
    return TRUE;

  /* Already there (another document has the same content): the same size
   * at least, or the stored copy is not what its name says */
  g_clear_pointer (&stmt, sqlite3_reset);
  stmt = redress_db_prepare (db, "SELECT size FROM blobs WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  if ((gsize) sqlite3_column_int64 (stmt, 0) != size)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The database holds a damaged copy of this file. Run a database check."));
      return FALSE;
    }
  return TRUE;
}

/* The words OCR read on a page, packed as 0009-ocr.sql describes */
#define WORD_RECORD 25

static void
put_le32 (guint8  *out,
          guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (out, &value, 4);
}

static void
put_float (guint8 *out,
           float   value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_le32 (out, bits);
}

static gboolean
insert_page_words (RedressStore  *self,
                   gint64         page_id,
                   GArray        *words,
                   GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree guint8 *packed = g_malloc ((gsize) words->len * WORD_RECORD);

  for (guint i = 0; i < words->len; i++)
    {
      const RedressPdfWord *word = &g_array_index (words, RedressPdfWord, i);
      guint8 *out = packed + (gsize) i * WORD_RECORD;

      put_le32 (out, word->offset);
      put_le32 (out + 4, word->length);
      put_float (out + 8, word->x1);
      put_float (out + 12, word->y1);
      put_float (out + 16, word->x2);
      put_float (out + 20, word->y2);
      out[24] = word->confidence;
    }

  stmt = redress_db_prepare (db,
                  "INSERT INTO page_words (page_id, n_words, words) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, page_id);
  sqlite3_bind_int (stmt, 2, (int) words->len);
  sqlite3_bind_blob64 (stmt, 3, packed, (sqlite3_uint64) words->len * WORD_RECORD, SQLITE_STATIC);
  return redress_db_step_done (db, stmt, error);
}



/**
 * redress_store_add_document_tx:
 * @file_name: the name the document is shown with
 * @extraction: what redress-pdf-worker read
 * @client_id: (out) (optional): the case's client
 * @document_id: (out): the new document
 *
 * Inside the caller's transaction: stores @extraction as a new document of
 * @case_id (its bytes, pages, word boxes and index), logs it on the case's
 * timeline and queues its change.  Refuses a case that is deleted and a
 * file already attached to it.
 */
gboolean
redress_store_add_document_tx (RedressStore          *self,
                               gint64                 case_id,
                               RedressDocumentKind    kind,
                               const char            *file_name,
                               RedressPdfExtraction  *extraction,
                               gint64                *client_id_out,
                               gint64                *document_id,
                               GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressPdfExtraction *x = extraction;
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  gint64 client_id;
  int rc;

  client_id = redress_store_live_case_client (self, case_id, error);
  if (client_id == 0)
    return FALSE;

  /* The same file twice in one case is a slip of the hand */
  stmt = redress_db_prepare (db,
                  "SELECT file_name FROM documents WHERE case_id = ? AND sha256 = ? "
                  "AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, x->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("This file is already attached to this case as “%s”."),
                   (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return redress_db_error (db, rc, error);
  g_clear_pointer (&stmt, sqlite3_reset);

  if (!insert_blob (self, x->data, x->sha256, error))
    return FALSE;

  stmt = redress_db_prepare (db,
                  "INSERT INTO documents (case_id, kind, file_name, sha256, n_pages, has_text, "
                  "pages_without_text, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, redress_document_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, x->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) x->pages->len);
  sqlite3_bind_int (stmt, 6, x->pages_without_text < x->pages->len);
  sqlite3_bind_int (stmt, 7, (int) x->pages_without_text);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  *document_id = redress_db_last_insert_id (db);
  g_clear_pointer (&stmt, sqlite3_reset);

  /* The index follows through the pages_fts_insert trigger */
  stmt = redress_db_prepare (db,
                  "INSERT INTO pages (document_id, page_no, text, width, height, rotation, "
                  "text_source, redacted, ocr_language) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < x->pages->len; i++)
    {
      RedressPdfPage *page = g_ptr_array_index (x->pages, i);

      sqlite3_bind_int64 (stmt, 1, *document_id);
      sqlite3_bind_int (stmt, 2, (int) page->page_no);
      sqlite3_bind_text (stmt, 3, page->text, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4, page->width);
      sqlite3_bind_double (stmt, 5, page->height);
      sqlite3_bind_int (stmt, 6, page->rotation);
      sqlite3_bind_text (stmt, 7, page->ocr ? "ocr" : "layer", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, page->redacted);
      if (page->ocr)
        sqlite3_bind_text (stmt, 9, x->ocr_language, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 9);
      if (!redress_db_step_done (db, stmt, error))
        return FALSE;
      if (page->words != NULL && page->words->len > 0 &&
          !insert_page_words (self, redress_db_last_insert_id (db), page->words,
                              error))
        return FALSE;
    }

  if (!log_event (self, client_id, case_id, "added", file_name, error))
    return FALSE;
  if (client_id_out != NULL)
    *client_id_out = client_id;
  redress_db_queue_change (db, "document", *document_id);
  return TRUE;
}

/* Reading scanned pages again ---------------------------------------------- */

/**
 * redress_store_replace_scanned_pages_tx:
 * @extraction: the document read again, its scanned pages by OCR
 * @n_read: (inout): counts the pages replaced
 *
 * Inside the caller's transaction: the scanned pages' texts, their index
 * (through the pages_fts_update trigger) and word boxes replaced by those
 * of @extraction, and the document's counts; queues the document's change.
 */
gboolean
redress_store_replace_scanned_pages_tx (RedressStore          *self,
                                        RedressDocument       *document,
                                        RedressPdfExtraction  *extraction,
                                        guint                 *n_read,
                                        GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressPdfExtraction *x = extraction;
  gint64 document_id = redress_document_get_id (document);
  gint64 case_id = redress_document_get_case_id (document);
  g_autoptr(RedressDbStmt) update = NULL;
  g_autoptr(RedressDbStmt) forget = NULL;
  g_autoptr(RedressDbStmt) counts = NULL;

  if (redress_store_live_case_client (self, case_id, error) == 0)
    return FALSE;

  update = redress_db_prepare (db,
                  "UPDATE pages SET text = ?1, text_source = 'ocr', redacted = ?2, "
                  "ocr_language = ?3 WHERE document_id = ?4 AND page_no = ?5 RETURNING id", error);
  forget = redress_db_prepare (db, "DELETE FROM page_words WHERE page_id = ?", error);
  if (update == NULL || forget == NULL)
    return FALSE;
  for (guint i = 0; i < x->pages->len; i++)
    {
      RedressPdfPage *page = g_ptr_array_index (x->pages, i);
      gint64 page_id;
      int rc;

      if (!page->ocr)
        continue;
      sqlite3_bind_text (update, 1, page->text, -1, SQLITE_STATIC);
      sqlite3_bind_int (update, 2, page->redacted);
      sqlite3_bind_text (update, 3, x->ocr_language, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 4, document_id);
      sqlite3_bind_int (update, 5, (int) page->page_no);
      rc = sqlite3_step (update);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                         _("The stored copy of this document does not match its pages. Run a "
                           "database check."));
          else
            redress_db_error (db, rc, error);
          return FALSE;
        }
      page_id = sqlite3_column_int64 (update, 0);
      sqlite3_reset (update);
      sqlite3_bind_int64 (forget, 1, page_id);
      if (!redress_db_step_done (db, forget, error))
        return FALSE;
      sqlite3_reset (forget);
      if (page->words != NULL && page->words->len > 0 &&
          !insert_page_words (self, page_id, page->words, error))
        return FALSE;
      (*n_read)++;
    }

  counts = redress_db_prepare (db,
                  "UPDATE documents SET has_text = ?1, pages_without_text = ?2, updated_at = ?3 "
                  "WHERE id = ?4", error);
  if (counts == NULL)
    return FALSE;
  {
    g_autofree char *now = redress_store_now_timestamp (self);

    sqlite3_bind_int (counts, 1, x->pages_without_text < x->pages->len);
    sqlite3_bind_int (counts, 2, (int) x->pages_without_text);
    sqlite3_bind_text (counts, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (counts, 4, document_id);
    if (!redress_db_step_done (db, counts, error))
      return FALSE;
  }

  redress_db_queue_change (db, "document", document_id);
  return TRUE;
}

/* Reading ----------------------------------------------------------------- */

#define DOCUMENT_COLUMNS \
  "SELECT d.id, d.case_id, d.kind, d.file_name, d.sha256, b.size, d.n_pages, " \
  "d.pages_without_text, d.deleted_at IS NOT NULL, d.created_at, " \
  "(SELECT count(*) FROM pages AS p WHERE p.document_id = d.id AND p.text_source = 'ocr') " \
  "FROM documents AS d JOIN blobs AS b ON b.sha256 = d.sha256 "

static RedressDocument *
document_from_row (sqlite3_stmt *stmt)
{
  RedressDocumentKind kind = REDRESS_DOCUMENT_OTHER;
  RedressDocument *document;

  redress_document_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  document = redress_document_new (sqlite3_column_int64 (stmt, 0),
                               sqlite3_column_int64 (stmt, 1),
                               kind,
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (guint64) sqlite3_column_int64 (stmt, 5),
                               (guint) sqlite3_column_int (stmt, 6),
                               (guint) sqlite3_column_int (stmt, 7),
                               sqlite3_column_int (stmt, 8),
                               (const char *) sqlite3_column_text (stmt, 9));
  redress_document_set_ocr_pages (document, (guint) sqlite3_column_int (stmt, 10));
  return document;
}

/**
 * redress_store_list_documents:
 *
 * Returns: (transfer full) (element-type RedressDocument): the documents
 *   of @case_id not in the trash, in the order they were attached
 */
GPtrArray *
redress_store_list_documents (RedressStore  *self,
                              gint64         case_id,
                              GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db, DOCUMENT_COLUMNS
                  "WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

/**
 * redress_store_get_document:
 *
 * Returns: (transfer full): the document, or %NULL with a
 *   %REDRESS_ERROR_NOT_FOUND error (also when it is in the trash)
 */
RedressDocument *
redress_store_get_document (RedressStore  *self,
                            gint64         document_id,
                            GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db, DOCUMENT_COLUMNS "WHERE d.id = ? AND d.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return document_from_row (stmt);
  if (rc == SQLITE_DONE)
    not_found (document_id, error);
  else
    redress_db_error (db, rc, error);
  return NULL;
}

/**
 * redress_store_dup_document_bytes:
 *
 * Returns: (transfer full): the original file, byte for byte (checked
 *   against its SHA-256), for the viewer or an export
 */
GBytes *
redress_store_dup_document_bytes (RedressStore  *self,
                                  gint64         document_id,
                                  GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db,
                  "SELECT b.sha256, b.data FROM documents AS d JOIN blobs AS b "
                  "ON b.sha256 = d.sha256 WHERE d.id = ? AND d.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      not_found (document_id, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sha256, (const char *) sqlite3_column_text (stmt, 0)) != 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The stored copy of this document is damaged. Restore the database from "
                     "a backup."));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * redress_store_export_document:
 * @destination: the file to write (replaced if it exists)
 *
 * Saves the original file, byte-identical, as @destination (mode 0600:
 * it holds a client's personal data).  @destination is either the whole
 * file or left as it was.
 */
gboolean
redress_store_export_document (RedressStore  *self,
                               gint64         document_id,
                               const char    *destination,
                               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* A link, a device or a pipe is refused before anything is read */
  if (!redress_file_check_target (destination, error))
    return FALSE;
  bytes = redress_store_dup_document_bytes (self, document_id, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  /* Whole or not at all, 0600, synced; a full disk said as such */
  return redress_file_set_contents (destination, data, size, error);
}

/**
 * redress_store_dup_page_text:
 * @page_no: from 1
 *
 * Returns: (transfer full): the text of the page ("" for a scanned page)
 */
char *
redress_store_dup_page_text (RedressStore  *self,
                             gint64         document_id,
                             guint          page_no,
                             GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db,
                  "SELECT g.text FROM pages AS g JOIN documents AS d ON d.id = g.document_id "
                  "WHERE g.document_id = ? AND g.page_no = ? AND d.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, (int) MIN (page_no, G_MAXINT));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                 _("This document has no page %u."), page_no);
  else
    redress_db_error (db, rc, error);
  return NULL;
}

/**
 * redress_store_dup_document_text:
 *
 * Returns: (transfer full): the text of every page, in order (for ground
 *   detection)
 */
GStrv
redress_store_dup_document_text (RedressStore  *self,
                                 gint64         document_id,
                                 GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(RedressDocument) document = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  document = redress_store_get_document (self, document_id, error);
  if (document == NULL)
    return NULL;
  stmt = redress_db_prepare (db, "SELECT text FROM pages WHERE document_id = ? ORDER BY page_no", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * redress_store_page_is_ocr:
 * @page_no: from 1
 *
 * Whether the text of a page was read by OCR from a scanned image, rather
 * than taken from the PDF's text layer: a quote from it may hold misread
 * words, and says so where it is shown.
 *
 * Returns: %TRUE for a page read by OCR; %FALSE for a page with a text
 *   layer, and for a page or document that does not exist (or is in the
 *   trash)
 */
gboolean
redress_store_page_is_ocr (RedressStore *self,
                           gint64        document_id,
                           guint         page_no)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (document_id <= 0 || page_no == 0)
    return FALSE;
  stmt = redress_db_prepare (db,
                  "SELECT g.text_source = 'ocr' FROM pages AS g "
                  "JOIN documents AS d ON d.id = g.document_id "
                  "WHERE g.document_id = ? AND g.page_no = ? AND d.deleted_at IS NULL", &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot tell whether a page was read by OCR: %s", error->message);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, (int) MIN (page_no, G_MAXINT));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0) != 0;
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, &error);
      g_warning ("Cannot tell whether a page was read by OCR: %s", error->message);
    }
  return FALSE;
}

/**
 * redress_store_get_ocr_caution_msgid:
 *
 * Returns: the untranslated words that follow a quote read by OCR, for a
 *   caller that translates in a language of its own (a report); others
 *   use redress_store_get_ocr_caution()
 */
const char *
redress_store_get_ocr_caution_msgid (void)
{
  /* Translators: after where a quote is ("Refusal letter, page 2 · read
   * from a scanned page — check against the page"): its text was read by
   * OCR from an image and may hold misread words */
  return N_("read from a scanned page — check against the page");
}

/**
 * redress_store_get_ocr_caution:
 *
 * Returns: “read from a scanned page — check against the page”, in the
 *   user's language
 */
const char *
redress_store_get_ocr_caution (void)
{
  return _(redress_store_get_ocr_caution_msgid ());
}

/**
 * redress_store_get_page_geometry:
 * @page_no: from 1
 * @width: (out) (optional): in points, as the page is shown
 * @height: (out) (optional): in points, as the page is shown
 * @rotation: (out) (optional): the page's rotation (0, 90, 180, 270)
 *
 * The size of a page, to lay out a document before its pages are rendered.
 */
gboolean
redress_store_get_page_geometry (RedressStore  *self,
                                 gint64         document_id,
                                 guint          page_no,
                                 double        *width,
                                 double        *height,
                                 int           *rotation,
                                 GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  stmt = redress_db_prepare (db,
                  "SELECT width, height, rotation FROM pages "
                  "WHERE document_id = ? AND page_no = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, (int) MIN (page_no, G_MAXINT));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This document has no page %u."), page_no);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  if (width != NULL)
    *width = sqlite3_column_double (stmt, 0);
  if (height != NULL)
    *height = sqlite3_column_double (stmt, 1);
  if (rotation != NULL)
    *rotation = sqlite3_column_int (stmt, 2);
  return TRUE;
}

/* Removal ----------------------------------------------------------------- */

typedef struct
{
  gint64 document_id;
  gboolean trash;       /* else untrash */
} TrashChange;

static gboolean
trash_tx (RedressStore  *self,
          gpointer       data,
          GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  TrashChange *change = data;
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  g_autofree char *file_name = NULL;
  gint64 case_id, client_id;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT d.case_id, c.client_id, d.file_name FROM documents AS d "
                  "JOIN cases AS c ON c.id = d.case_id "
                  "WHERE d.id = ? AND (d.deleted_at IS NULL) = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->document_id);
  sqlite3_bind_int (stmt, 2, change->trash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (change->document_id, error);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  case_id = sqlite3_column_int64 (stmt, 0);
  client_id = sqlite3_column_int64 (stmt, 1);
  file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = redress_db_prepare (db,
                  change->trash
                    ? "UPDATE documents SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"
                    : "UPDATE documents SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->document_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;

  if (!log_event (self, client_id, case_id, change->trash ? "deleted" : "restored",
                  file_name, error))
    return FALSE;
  redress_db_queue_change (db, "document", change->document_id);
  return TRUE;
}

static gboolean
change_trash (RedressStore  *self,
              gint64         document_id,
              gboolean       trash,
              GError       **error)
{
  TrashChange change = { document_id, trash };

  return redress_store_transaction (self, trash_tx, &change, error);
}

/**
 * redress_store_trash_document:
 *
 * Removes a document from its case so that
 * redress_store_untrash_document() can bring it back (the Undo of a
 * toast); redress_store_purge_document() removes it for good.
 */
gboolean
redress_store_trash_document (RedressStore  *self,
                              gint64         document_id,
                              GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return change_trash (self, document_id, TRUE, error);
}

gboolean
redress_store_untrash_document (RedressStore  *self,
                                gint64         document_id,
                                GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return change_trash (self, document_id, FALSE, error);
}

typedef struct
{
  const char *sql;
  gint64 document_id;   /* bound to ?1 when > 0 */
} Purge;

static gboolean
purge_tx (RedressStore  *self,
          gpointer       data,
          GError       **error)
{
  Purge *what = data;
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;

  /* Pages, their index entries and the blob no other document uses go
   * with it (foreign keys and triggers of 0005-documents.sql) */
  stmt = redress_db_prepare (db, what->sql, error);
  if (stmt == NULL)
    return FALSE;
  if (what->document_id > 0)
    sqlite3_bind_int64 (stmt, 1, what->document_id);
  return redress_db_step_done (db, stmt, error);
}

static gboolean
purge (RedressStore  *self,
       const char    *sql,
       gint64         document_id,
       GError       **error)
{
  Purge what = { sql, document_id };

  return redress_store_transaction (self, purge_tx, &what, error);
}

/**
 * redress_store_purge_document:
 *
 * Removes a document in the trash for good: its pages, their place in the
 * search index, and its bytes unless another document has the same.
 * Does nothing if it is not in the trash.
 */
gboolean
redress_store_purge_document (RedressStore  *self,
                              gint64         document_id,
                              GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return purge (self, "DELETE FROM documents WHERE id = ? AND deleted_at IS NOT NULL",
                document_id, error);
}

/**
 * redress_store_purge_trashed_documents:
 *
 * Purges every document in the trash (at the end of a session, once no
 * Undo is offered).  Documents of a purged case or client file go with it
 * anyway.
 */
gboolean
redress_store_purge_trashed_documents (RedressStore  *self,
                                       GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return purge (self, "DELETE FROM documents WHERE deleted_at IS NOT NULL", 0, error);
}


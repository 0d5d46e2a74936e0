/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-documents"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "redress-case.h"
#include "redress-error.h"
#include "redress-detector.h"
#include "redress-file-util.h"
#include "redress-store-documents.h"
#include "redress-store-grounds-private.h"
#include "redress-store-private.h"

/*
 * Documents attached to cases: the PDF's bytes (table blobs, one row per
 * SHA-256 however many documents share it), the document (table
 * documents), the text of its pages (table pages) and the full-text index
 * over them (pages_fts, kept in step by triggers, see
 * data/sql/0005-documents.sql).
 *
 * The store's connection belongs to the thread that opened it.  An import
 * reads the PDF in redress-pdf-worker, a process of its own (waited for in
 * a GTask thread by the async variant), then writes everything on the
 * store's thread in one transaction: after a crash, the database holds
 * the whole document or nothing of it.
 *
 * Writes announce themselves once committed with the store's "changed"
 * signal, entity "document", id the document's.
 */

#define MAX_QUERY_TERMS 32
/* Ranking reads every match: a word on most of 100,000 pages would cost
 * far more than a keystroke.  The best hits are taken among this many of
 * the most recently imported matching pages (all of them, usually). */
#define RANK_WINDOW 1000

/* Helpers ---------------------------------------------------------------- */

static sqlite3 *
handle (RedressStore *self)
{
  return redress_store_get_handle (self);
}

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

static void
announce (RedressStore *self,
          gint64        document_id)
{
  redress_store_queue_change (self, "document", document_id);
}

/* Storing an import ------------------------------------------------------- */

typedef struct
{
  gint64 case_id;
  RedressDocumentKind kind;
  const char *file_name;
  RedressPdfExtraction *extraction;
  gint64 document_id;
  guint n_grounds;      /* grounds suggested to the case */
} NewDocument;

static gboolean
insert_blob (RedressStore  *self,
             GBytes        *bytes,
             const char    *sha256,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  int rc;

  stmt = redress_store_prepare_owned (self,
                  "INSERT INTO blobs (sha256, size, data) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
  if (!redress_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (handle (self)) > 0)
    return TRUE;

  /* Already there (another document has the same content): the same size
   * at least, or the stored copy is not what its name says */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = redress_store_prepare_owned (self, "SELECT size FROM blobs WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return redress_store_sql_error (self, rc, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
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

  stmt = redress_store_prepare_owned (self,
                  "INSERT INTO page_words (page_id, n_words, words) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, page_id);
  sqlite3_bind_int (stmt, 2, (int) words->len);
  sqlite3_bind_blob64 (stmt, 3, packed, (sqlite3_uint64) words->len * WORD_RECORD, SQLITE_STATIC);
  return redress_store_step_done (self, stmt, error);
}

/* A refusal letter or the officer's notes: the grounds they state become
 * suggestions on the case, in the import's transaction */
static gboolean
suggest_grounds (RedressStore  *self,
                 gint64         client_id,
                 NewDocument   *doc,
                 GError       **error)
{
  GPtrArray *pages = doc->extraction->pages;
  g_autofree const char **texts = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  if (redress_document_kind_get_text_kind (doc->kind) == REDRESS_TEXT_AUTO)
    return TRUE;
  texts = g_new0 (const char *, pages->len + 1);
  for (guint i = 0; i < pages->len; i++)
    texts[i] = ((RedressPdfPage *) g_ptr_array_index (pages, i))->text;
  hits = redress_detector_detect_kind (texts, pages->len, NULL,
                                       redress_document_kind_get_text_kind (doc->kind), NULL, NULL);
  return redress_store_suggest_grounds_tx (self, client_id, doc->case_id, doc->document_id, hits,
                                           &doc->n_grounds, error);
}

static gboolean
insert_document_tx (RedressStore  *self,
                    NewDocument   *doc,
                    GError       **error)
{
  RedressPdfExtraction *x = doc->extraction;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  gint64 client_id;
  int rc;

  client_id = redress_store_live_case_client (self, doc->case_id, error);
  if (client_id == 0)
    return FALSE;

  /* The same file twice in one case is a slip of the hand */
  stmt = redress_store_prepare_owned (self,
                  "SELECT file_name FROM documents WHERE case_id = ? AND sha256 = ? "
                  "AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc->case_id);
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
    return redress_store_sql_error (self, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!insert_blob (self, x->data, x->sha256, error))
    return FALSE;

  stmt = redress_store_prepare_owned (self,
                  "INSERT INTO documents (case_id, kind, file_name, sha256, n_pages, has_text, "
                  "pages_without_text, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc->case_id);
  sqlite3_bind_text (stmt, 2, redress_document_kind_to_string (doc->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, x->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) x->pages->len);
  sqlite3_bind_int (stmt, 6, x->pages_without_text < x->pages->len);
  sqlite3_bind_int (stmt, 7, (int) x->pages_without_text);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!redress_store_step_done (self, stmt, error))
    return FALSE;
  doc->document_id = sqlite3_last_insert_rowid (handle (self));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The index follows through the pages_fts_insert trigger */
  stmt = redress_store_prepare_owned (self,
                  "INSERT INTO pages (document_id, page_no, text, width, height, rotation, "
                  "text_source, redacted, ocr_language) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < x->pages->len; i++)
    {
      RedressPdfPage *page = g_ptr_array_index (x->pages, i);

      sqlite3_bind_int64 (stmt, 1, doc->document_id);
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
      if (!redress_store_step_done (self, stmt, error))
        return FALSE;
      if (page->words != NULL && page->words->len > 0 &&
          !insert_page_words (self, sqlite3_last_insert_rowid (handle (self)), page->words,
                              error))
        return FALSE;
    }

  if (!log_event (self, client_id, doc->case_id, "added", doc->file_name, error))
    return FALSE;
  return suggest_grounds (self, client_id, doc, error);
}

/* Writes an extraction as a new document of @case_id: all or nothing */
static gboolean
store_extraction (RedressStore          *self,
                  gint64                 case_id,
                  RedressDocumentKind    kind,
                  const char            *file_name,
                  RedressPdfExtraction  *extraction,
                  gint64                *document_id,
                  GError               **error)
{
  NewDocument doc = { case_id, kind, file_name, extraction, 0, 0 };

  if (!redress_store_begin (self, error))
    return FALSE;
  if (!insert_document_tx (self, &doc, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  if (!redress_store_commit (self, error))
    return FALSE;

  announce (self, doc.document_id);
  if (doc.n_grounds > 0)
    redress_store_queue_change (self, "ground", case_id);
  if (document_id != NULL)
    *document_id = doc.document_id;
  return TRUE;
}

static gboolean
check_import_args (RedressStore         *self,
                   gint64                case_id,
                   RedressDocumentKind   kind,
                   GError              **error)
{
  if (kind >= REDRESS_DOCUMENT_N_KINDS)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Say what the document is: a refusal letter, the officer’s notes, "
                     "officer decision notes, client evidence or other."));
      return FALSE;
    }
  /* Fail before reading anything */
  return redress_store_live_case_client (self, case_id, error) != 0;
}

/**
 * redress_store_import_document:
 * @case_id: the case the document is attached to
 * @kind: what the document is
 * @path: the PDF
 * @password: (nullable): its password, if it has one
 * @progress: (scope call) (nullable): called as pages are read
 * @cancellable: (nullable): stops the import (and kills the PDF reader)
 * @document_id: (out) (optional): the new document
 *
 * Imports a PDF: reads it in redress-pdf-worker (under the limits of
 * redress_pdf_limits_get_default()), then stores its bytes, the text of
 * its pages and their index in one transaction, and logs it on the case's
 * timeline.  Blocks: the application uses the async variant.
 *
 * Returns: %TRUE on success; otherwise nothing was stored and @error says
 *   why (%REDRESS_PDF_ERROR for a PDF that cannot be imported)
 */
gboolean
redress_store_import_document (RedressStore              *self,
                               gint64                     case_id,
                               RedressDocumentKind        kind,
                               const char                *path,
                               const char                *password,
                               RedressImportProgressFunc  progress,
                               gpointer                   user_data,
                               GCancellable              *cancellable,
                               gint64                    *document_id,
                               GError                   **error)
{
  return redress_store_import_document_full (self, case_id, kind, path, password,
                                             redress_pdf_get_default_ocr_language (), progress, NULL,
                                             user_data, cancellable, document_id, error);
}

/**
 * redress_store_import_document_full:
 * @ocr_language: (nullable): the languages scanned pages are read in
 *   (eng, fra, eng+fra), %NULL to leave them without text
 * @ocr_progress: (scope call) (nullable): called as a scanned page starts
 *   being read
 *
 * Like redress_store_import_document(), which reads scanned pages in
 * English and French.
 */
gboolean
redress_store_import_document_full (RedressStore              *self,
                                    gint64                     case_id,
                                    RedressDocumentKind        kind,
                                    const char                *path,
                                    const char                *password,
                                    const char                *ocr_language,
                                    RedressImportProgressFunc  progress,
                                    RedressOcrProgressFunc     ocr_progress,
                                    gpointer                   user_data,
                                    GCancellable              *cancellable,
                                    gint64                    *document_id,
                                    GError                   **error)
{
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_import_args (self, case_id, kind, error))
    return FALSE;

  if (ocr_language != NULL && !redress_pdf_ocr_language_valid (ocr_language))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Scanned pages can be read in English (eng), French (fra) or both "
                     "(eng+fra), not “%s”."), ocr_language);
      return FALSE;
    }
  extraction = redress_pdf_extract_full (path, password, NULL, ocr_language, progress,
                                         ocr_progress, user_data, cancellable, error);
  if (extraction == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  file_name = g_filename_display_basename (path);
  return store_extraction (self, case_id, kind, file_name, extraction, document_id, error);
}

/* Async import ------------------------------------------------------------ */

/* Carries progress from the reading thread to the caller's main context,
 * at most one pending report at a time, none after the import ended.  The
 * latest state wins: pages read so far, and the scanned page being read
 * by OCR (0 once it is read). */
typedef struct
{
  gatomicrefcount ref;
  GMutex lock;
  GMainContext *context;
  RedressImportProgressFunc func;
  RedressOcrProgressFunc ocr_func;
  gpointer data;
  GDestroyNotify data_free;
  guint done;
  guint total;
  guint ocr_page;
  gboolean scheduled;
  gboolean finished;
} ProgressRelay;

static ProgressRelay *
progress_relay_ref (ProgressRelay *relay)
{
  g_atomic_ref_count_inc (&relay->ref);
  return relay;
}

static void
progress_relay_unref (gpointer data)
{
  ProgressRelay *relay = data;

  if (!g_atomic_ref_count_dec (&relay->ref))
    return;
  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
  g_free (relay);
}

static gboolean
progress_relay_dispatch (gpointer data)
{
  ProgressRelay *relay = data;
  guint done, total, ocr_page;
  gboolean finished;

  g_mutex_lock (&relay->lock);
  done = relay->done;
  total = relay->total;
  ocr_page = relay->ocr_page;
  finished = relay->finished;
  relay->scheduled = FALSE;
  g_mutex_unlock (&relay->lock);

  if (finished)
    return G_SOURCE_REMOVE;
  if (relay->func != NULL)
    relay->func (done, total, relay->data);
  if (ocr_page > 0 && relay->ocr_func != NULL)
    relay->ocr_func (ocr_page, total, relay->data);
  return G_SOURCE_REMOVE;
}

/* In the reading thread; called with the lock held */
static void
progress_relay_schedule_locked (ProgressRelay *relay,
                                gboolean      *schedule)
{
  *schedule = !relay->scheduled && !relay->finished;
  relay->scheduled = TRUE;
}

static void
progress_relay_post (ProgressRelay *relay,
                     gboolean       schedule)
{
  if (schedule)
    g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_relay_dispatch,
                                progress_relay_ref (relay), progress_relay_unref);
}

/* In the reading thread: @done pages read (the scanned page being read,
 * if any, is one of them now) */
static void
progress_relay_report (guint    done,
                       guint    total,
                       gpointer data)
{
  ProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->lock);
  relay->done = done;
  relay->total = total;
  relay->ocr_page = 0;
  progress_relay_schedule_locked (relay, &schedule);
  g_mutex_unlock (&relay->lock);
  progress_relay_post (relay, schedule);
}

/* In the reading thread: scanned page @page_no starts being read */
static void
progress_relay_report_ocr (guint    page_no,
                           guint    total,
                           gpointer data)
{
  ProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->lock);
  relay->total = total;
  relay->ocr_page = page_no;
  progress_relay_schedule_locked (relay, &schedule);
  g_mutex_unlock (&relay->lock);
  progress_relay_post (relay, schedule);
}

/* On the caller's thread: no report after this, and its data freed here */
static void
progress_relay_finish (ProgressRelay *relay)
{
  gpointer data;
  GDestroyNotify data_free;

  g_mutex_lock (&relay->lock);
  relay->finished = TRUE;
  data = g_steal_pointer (&relay->data);
  data_free = g_steal_pointer (&relay->data_free);
  g_mutex_unlock (&relay->lock);

  if (data_free != NULL)
    data_free (data);
}

typedef struct
{
  gint64 case_id;
  RedressDocumentKind kind;
  char *path;
  char *password;
  char *ocr_language;
  RedressPdfLimits limits;
  ProgressRelay *relay;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_free (import->ocr_language);
  if (import->password != NULL)
    {
      /* Do not leave it lying in freed memory */
      memset (import->password, 0, strlen (import->password));
      g_free (import->password);
    }
  if (import->relay != NULL)
    progress_relay_unref (import->relay);
  g_free (import);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  RedressPdfExtraction *extraction;
  GError *error = NULL;

  extraction = redress_pdf_extract_full (import->path, import->password, &import->limits,
                                         import->ocr_language, progress_relay_report,
                                         progress_relay_report_ocr, import->relay, cancellable,
                                         &error);
  if (extraction == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, extraction, (GDestroyNotify) redress_pdf_extraction_free);
}

/* Back on the caller's thread: write what the worker read */
static void
on_extracted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RedressStore *self = g_task_get_source_object (task);
  ImportData *import = g_task_get_task_data (task);
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autofree char *file_name = NULL;
  GError *error = NULL;
  gint64 document_id = 0;

  progress_relay_finish (import->relay);

  extraction = g_task_propagate_pointer (G_TASK (result), &error);
  if (extraction == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  file_name = g_filename_display_basename (import->path);
  if (!store_extraction (self, import->case_id, import->kind, file_name, extraction,
                         &document_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, document_id);
}

/**
 * redress_store_import_document_async:
 * @progress: (scope notified) (nullable): called on the caller's thread
 *   (its thread-default main context) as pages are read; never after
 *   @callback
 * @progress_data_free: (nullable): frees @progress_data, on the caller's
 *   thread, once the import ended
 *
 * Like redress_store_import_document(): the PDF reader is waited for in a
 * worker thread, the database is written on the caller's thread (the
 * store's), in one transaction, before @callback runs.
 */
void
redress_store_import_document_async (RedressStore              *self,
                                     gint64                     case_id,
                                     RedressDocumentKind        kind,
                                     const char                *path,
                                     const char                *password,
                                     RedressImportProgressFunc  progress,
                                     gpointer                   progress_data,
                                     GDestroyNotify             progress_data_free,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data)
{
  redress_store_import_document_full_async (self, case_id, kind, path, password,
                                            redress_pdf_get_default_ocr_language (), progress,
                                            NULL, progress_data, progress_data_free, cancellable,
                                            callback, user_data);
}

/**
 * redress_store_import_document_full_async:
 * @ocr_language: (nullable): as redress_store_import_document_full() says
 * @ocr_progress: (scope notified) (nullable): called on the caller's
 *   thread, after @progress, while a scanned page is being read by OCR
 *   (page from 1, of how many); with @progress_data, never after @callback
 *
 * Like redress_store_import_document_async(), with the languages of
 * scanned pages; finish with redress_store_import_document_finish().
 */
void
redress_store_import_document_full_async (RedressStore              *self,
                                          gint64                     case_id,
                                          RedressDocumentKind        kind,
                                          const char                *path,
                                          const char                *password,
                                          const char                *ocr_language,
                                          RedressImportProgressFunc  progress,
                                          RedressOcrProgressFunc     ocr_progress,
                                          gpointer                   progress_data,
                                          GDestroyNotify             progress_data_free,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;
  ImportData *import;
  GError *error = NULL;

  g_return_if_fail (REDRESS_IS_STORE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  import = g_new0 (ImportData, 1);
  import->case_id = case_id;
  import->kind = kind;
  import->path = g_strdup (path);
  import->password = g_strdup (password);
  import->ocr_language = g_strdup (ocr_language);
  redress_pdf_limits_get_default (&import->limits);
  import->relay = g_new0 (ProgressRelay, 1);
  g_atomic_ref_count_init (&import->relay->ref);
  g_mutex_init (&import->relay->lock);
  import->relay->context = g_main_context_ref_thread_default ();
  import->relay->func = progress;
  import->relay->ocr_func = ocr_progress;
  import->relay->data = progress_data;
  import->relay->data_free = progress_data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, redress_store_import_document_async);
  g_task_set_task_data (task, import, import_data_free);

  if (ocr_language != NULL && !redress_pdf_ocr_language_valid (ocr_language))
    {
      progress_relay_finish (import->relay);
      g_task_return_new_error (task, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                               _("Scanned pages can be read in English (eng), French (fra) or "
                                 "both (eng+fra), not “%s”."), ocr_language);
      return;
    }
  if (!check_import_args (self, case_id, kind, &error))
    {
      progress_relay_finish (import->relay);
      g_task_return_error (task, error);
      return;
    }

  read_task = g_task_new (self, cancellable, on_extracted, g_object_ref (task));
  g_task_set_source_tag (read_task, import_thread);
  g_task_set_task_data (read_task, import, NULL);
  g_task_run_in_thread (read_task, import_thread);
}

/**
 * redress_store_import_document_finish:
 * @document_id: (out) (optional): the new document
 */
gboolean
redress_store_import_document_finish (RedressStore  *self,
                                      GAsyncResult  *result,
                                      gint64        *document_id,
                                      GError       **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        redress_store_import_document_async, FALSE);

  id = g_task_propagate_int (G_TASK (result), error);
  if (id <= 0)
    return FALSE;
  if (document_id != NULL)
    *document_id = id;
  return TRUE;
}

/* Reading scanned pages again ---------------------------------------------- */

/* The stored file, read again by the worker (it reads from a path: a
 * private temporary copy, removed at once) */
static RedressPdfExtraction *
extract_stored (GBytes                  *bytes,
                const char              *password,
                const char              *ocr_language,
                RedressOcrProgressFunc   ocr_progress,
                gpointer                 user_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autofree char *path = NULL;
  RedressPdfExtraction *extraction;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  int fd;

  fd = g_file_open_tmp ("redress-read-XXXXXX.pdf", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  /* 0600: it holds a client's personal data */
  if (!redress_file_set_contents (path, data, size, error))
    {
      g_unlink (path);
      return NULL;
    }
  extraction = redress_pdf_extract_full (path, password, NULL, ocr_language, NULL, ocr_progress,
                                         user_data, cancellable, error);
  g_unlink (path);
  return extraction;
}

static gboolean
refresh_ground_sentences_tx (RedressStore  *self,
                             gint64         case_id,
                             gint64         document_id,
                             GPtrArray     *hits,
                             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  /* A ground this document stated: its sentence as read now (its state
   * stays the consultant's) */
  stmt = redress_store_prepare_owned (self,
                  "UPDATE case_grounds SET quote = ?1, page = ?2, quote_start = ?3, "
                  "quote_end = ?4, end_page = ?5, end_offset = ?6, updated_at = ?7 "
                  "WHERE case_id = ?8 AND code = ?9 AND document_id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);

      redress_store_bind_text (stmt, 1, hit->quote);
      sqlite3_bind_int (stmt, 2, (int) MAX (hit->page, 1));
      sqlite3_bind_int64 (stmt, 3, (gint64) hit->start);
      if (hit->end_page == hit->page)
        sqlite3_bind_int64 (stmt, 4, (gint64) hit->end);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int (stmt, 5, (int) MAX (hit->end_page, MAX (hit->page, 1)));
      sqlite3_bind_int64 (stmt, 6, (gint64) hit->end);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, case_id);
      sqlite3_bind_text (stmt, 9, hit->code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, document_id);
      if (!redress_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The scanned pages' texts, their index (through the pages_fts_update
 * trigger) and word boxes replaced, the document's counts, then the
 * grounds the text states */
static gboolean
store_read_again_tx (RedressStore          *self,
                     RedressDocument       *document,
                     RedressPdfExtraction  *x,
                     guint                 *n_read,
                     guint                 *n_grounds,
                     GError               **error)
{
  gint64 document_id = redress_document_get_id (document);
  NewDocument doc = { redress_document_get_case_id (document), redress_document_get_kind (document),
                      redress_document_get_file_name (document), x, document_id, 0 };
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) forget = NULL;
  g_autoptr(sqlite3_stmt) counts = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 client_id;

  client_id = redress_store_live_case_client (self, doc.case_id, error);
  if (client_id == 0)
    return FALSE;

  update = redress_store_prepare_owned (self,
                  "UPDATE pages SET text = ?1, text_source = 'ocr', redacted = ?2, "
                  "ocr_language = ?3 WHERE document_id = ?4 AND page_no = ?5 RETURNING id", error);
  forget = redress_store_prepare_owned (self, "DELETE FROM page_words WHERE page_id = ?", error);
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
            redress_store_sql_error (self, rc, error);
          return FALSE;
        }
      page_id = sqlite3_column_int64 (update, 0);
      sqlite3_reset (update);
      sqlite3_bind_int64 (forget, 1, page_id);
      if (!redress_store_step_done (self, forget, error))
        return FALSE;
      sqlite3_reset (forget);
      if (page->words != NULL && page->words->len > 0 &&
          !insert_page_words (self, page_id, page->words, error))
        return FALSE;
      (*n_read)++;
    }

  counts = redress_store_prepare_owned (self,
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
    if (!redress_store_step_done (self, counts, error))
      return FALSE;
  }

  /* The grounds, as an import finds them: the sentences of those this
   * document stated read anew, the others suggested */
  if (redress_document_kind_get_text_kind (doc.kind) != REDRESS_TEXT_AUTO)
    {
      g_autofree const char **texts = g_new0 (const char *, x->pages->len + 1);

      for (guint i = 0; i < x->pages->len; i++)
        texts[i] = ((RedressPdfPage *) g_ptr_array_index (x->pages, i))->text;
      hits = redress_detector_detect_kind (texts, x->pages->len, NULL,
                                           redress_document_kind_get_text_kind (doc.kind), NULL,
                                           NULL);
      if (!refresh_ground_sentences_tx (self, doc.case_id, document_id, hits, error))
        return FALSE;
    }
  if (!suggest_grounds (self, client_id, &doc, error))
    return FALSE;
  *n_grounds = doc.n_grounds;
  return TRUE;
}

/**
 * redress_store_read_document_again:
 * @document_id: a stored document
 * @password: (nullable): its password, if it has one
 * @ocr_language: the languages to read its scanned pages in (eng, fra,
 *   eng+fra)
 * @ocr_progress: (scope call) (nullable): called as a scanned page starts
 *   being read
 * @n_read: (out) (optional): how many scanned pages were read
 *
 * Reads a document's scanned pages (those without a text layer) again by
 * OCR, for instance in the other language, and replaces in one
 * transaction their text, the search index over it and their word boxes;
 * the grounds the document states are found again as an import finds
 * them.  Pages with a text layer are left as they are.  Blocks: it waits
 * for the PDF reader.
 *
 * Returns: %TRUE on success; otherwise nothing changed and @error says why
 */
gboolean
redress_store_read_document_again (RedressStore            *self,
                                   gint64                   document_id,
                                   const char              *password,
                                   const char              *ocr_language,
                                   RedressOcrProgressFunc   ocr_progress,
                                   gpointer                 user_data,
                                   GCancellable            *cancellable,
                                   guint                   *n_read,
                                   GError                 **error)
{
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint read = 0, n_grounds = 0;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!redress_pdf_ocr_language_valid (ocr_language))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Scanned pages can be read in English (eng), French (fra) or both "
                     "(eng+fra), not “%s”."), ocr_language ? ocr_language : "");
      return FALSE;
    }
  document = redress_store_get_document (self, document_id, error);
  if (document == NULL)
    return FALSE;
  bytes = redress_store_dup_document_bytes (self, document_id, error);
  if (bytes == NULL)
    return FALSE;
  extraction = extract_stored (bytes, password, ocr_language, ocr_progress, user_data,
                               cancellable, error);
  if (extraction == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (extraction->ocr_unavailable)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_FAILED,
                   _("Scanned pages cannot be read: the OCR language data is not installed."));
      return FALSE;
    }
  if (g_strcmp0 (extraction->sha256, redress_document_get_sha256 (document)) != 0 ||
      extraction->pages->len != redress_document_get_n_pages (document))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                   _("The stored copy of this document does not match its pages. Run a "
                     "database check."));
      return FALSE;
    }

  if (!redress_store_begin (self, error))
    return FALSE;
  if (!store_read_again_tx (self, document, extraction, &read, &n_grounds, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  if (!redress_store_commit (self, error))
    return FALSE;
  announce (self, document_id);
  if (n_grounds > 0 || read > 0)
    redress_store_queue_change (self, "ground", redress_document_get_case_id (document));
  if (n_read != NULL)
    *n_read = read;
  return TRUE;
}

/* Reading ----------------------------------------------------------------- */

#define DOCUMENT_COLUMNS \
  "SELECT d.id, d.case_id, d.kind, d.file_name, d.sha256, b.size, d.n_pages, " \
  "d.pages_without_text, d.deleted_at IS NOT NULL, d.created_at " \
  "FROM documents AS d JOIN blobs AS b ON b.sha256 = d.sha256 "

static RedressDocument *
document_from_row (sqlite3_stmt *stmt)
{
  RedressDocumentKind kind = REDRESS_DOCUMENT_OTHER;

  redress_document_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  return redress_document_new (sqlite3_column_int64 (stmt, 0),
                               sqlite3_column_int64 (stmt, 1),
                               kind,
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (guint64) sqlite3_column_int64 (stmt, 5),
                               (guint) sqlite3_column_int (stmt, 6),
                               (guint) sqlite3_column_int (stmt, 7),
                               sqlite3_column_int (stmt, 8),
                               (const char *) sqlite3_column_text (stmt, 9));
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
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_store_prepare_owned (self, DOCUMENT_COLUMNS
                  "WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      redress_store_sql_error (self, rc, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_store_prepare_owned (self, DOCUMENT_COLUMNS "WHERE d.id = ? AND d.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return document_from_row (stmt);
  if (rc == SQLITE_DONE)
    not_found (document_id, error);
  else
    redress_store_sql_error (self, rc, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_store_prepare_owned (self,
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
      redress_store_sql_error (self, rc, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_store_prepare_owned (self,
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
    redress_store_sql_error (self, rc, error);
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
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RedressDocument) document = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  document = redress_store_get_document (self, document_id, error);
  if (document == NULL)
    return NULL;
  stmt = redress_store_prepare_owned (self, "SELECT text FROM pages WHERE document_id = ? ORDER BY page_no", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      redress_store_sql_error (self, rc, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (document_id <= 0 || page_no == 0)
    return FALSE;
  stmt = redress_store_prepare_owned (self,
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
      redress_store_sql_error (self, rc, &error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  stmt = redress_store_prepare_owned (self,
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
    return redress_store_sql_error (self, rc, error);
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
          TrashChange   *change,
          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  g_autofree char *file_name = NULL;
  gint64 case_id, client_id;
  int rc;

  stmt = redress_store_prepare_owned (self,
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
    return redress_store_sql_error (self, rc, error);
  case_id = sqlite3_column_int64 (stmt, 0);
  client_id = sqlite3_column_int64 (stmt, 1);
  file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = redress_store_prepare_owned (self,
                  change->trash
                    ? "UPDATE documents SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"
                    : "UPDATE documents SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->document_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!redress_store_step_done (self, stmt, error))
    return FALSE;

  return log_event (self, client_id, case_id, change->trash ? "deleted" : "restored",
                    file_name, error);
}

static gboolean
change_trash (RedressStore  *self,
              gint64         document_id,
              gboolean       trash,
              GError       **error)
{
  TrashChange change = { document_id, trash };

  if (!redress_store_begin (self, error))
    return FALSE;
  if (!trash_tx (self, &change, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  if (!redress_store_commit (self, error))
    return FALSE;
  announce (self, document_id);
  return TRUE;
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

static gboolean
purge (RedressStore  *self,
       const char    *sql,
       gint64         document_id,
       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!redress_store_begin (self, error))
    return FALSE;
  /* Pages, their index entries and the blob no other document uses go
   * with it (foreign keys and triggers of 0005-documents.sql) */
  stmt = redress_store_prepare_owned (self, sql, error);
  if (stmt != NULL && document_id > 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  if (stmt == NULL || !redress_store_step_done (self, stmt, error))
    {
      redress_store_rollback (self);
      return FALSE;
    }
  return redress_store_commit (self, error);
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

/* Search ------------------------------------------------------------------ */

static gboolean
has_word_character (const char *text,
                    gsize       length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * redress_search_query_to_fts:
 * @query: what the consultant typed
 *
 * Turns a search box's text into an FTS5 query that cannot be a syntax
 * error: every word is quoted (so AND, OR, NOT, NEAR, -, ^, :, ( are
 * words like any other), "several words" in double quotes are a phrase,
 * a word of three letters or more ending in * matches as a prefix, and
 * all must match.  Accents and
 * case do not matter (the index ignores them).
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @query holds no word to look for
 */
#define MIN_PREFIX_CHARS 3

/* The quote that closes a phrase opened by @c, or 0 when @c opens none:
 * "…", “…”, «…» (French), „…“ */
static gunichar
closing_quote (gunichar c)
{
  switch (c)
    {
    case '"':
      return '"';
    case 0x201C: /* “ */
      return 0x201D;
    case 0x00AB: /* « */
      return 0x00BB;
    case 0x201E: /* „ */
      return 0x201C;
    default:
      return 0;
    }
}

char *
redress_search_query_to_fts (const char *query)
{
  g_autoptr(GString) fts = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *p;
  guint n_terms = 0;

  if (query == NULL)
    return NULL;
  valid = g_utf8_make_valid (query, -1);
  p = valid;

  while (*p && n_terms < MAX_QUERY_TERMS)
    {
      const char *start;
      gsize length;
      gboolean prefix = FALSE;

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (closing_quote (g_utf8_get_char (p)) != 0)
        {
          /* A phrase, up to its closing quote (or a straight one) or the end */
          gunichar close = closing_quote (g_utf8_get_char (p));

          start = p = g_utf8_next_char (p);
          while (*p && g_utf8_get_char (p) != close && *p != '"')
            p = g_utf8_next_char (p);
          length = (gsize) (p - start);
          if (*p)
            p = g_utf8_next_char (p);
        }
      else
        {
          start = p;
          while (*p && closing_quote (g_utf8_get_char (p)) == 0 &&
                 !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          length = (gsize) (p - start);
          while (length > 0 && start[length - 1] == '*')
            {
              prefix = TRUE;
              length--;
            }
        }
      if (!has_word_character (start, length))
        continue;

      if (fts->len > 0)
        g_string_append_c (fts, ' ');
      g_string_append_c (fts, '"');
      g_string_append_len (fts, start, (gssize) length);
      g_string_append_c (fts, '"');
      /* A prefix of one or two letters would match most of the index
       * (a* takes half a second over 100,000 pages): such a word is
       * looked for whole */
      if (prefix && g_utf8_strlen (start, (gssize) length) >= MIN_PREFIX_CHARS)
        g_string_append_c (fts, '*');
      n_terms++;
    }

  if (fts->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&fts), FALSE);
}

static char *
case_title (const char *application_type,
            const char *decision_date)
{
  g_autoptr(RedressCase) kase = redress_case_new (0);

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE,
                            application_type);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, decision_date);
  return redress_case_dup_title (kase);
}

/**
 * redress_store_search_pages:
 * @query: what the consultant typed (see redress_search_query_to_fts())
 * @limit: the most hits wanted
 *
 * Searches the text of every page of every document not in the trash, in
 * every case and client file not in the trash.
 *
 * Returns: (transfer full) (element-type RedressSearchHit): the pages that
 *   match, best first (among the 1000 most recently imported pages that
 *   match, when more do); empty when @query holds no word
 */
GPtrArray *
redress_store_search_pages (RedressStore  *self,
                            const char    *query,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fts = NULL;
  gint64 first_rowid;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  fts = redress_search_query_to_fts (query);
  if (fts == NULL || limit == 0)
    return g_steal_pointer (&hits);

  /* Where the window of ranked pages starts (rowids grow with imports) */
  stmt = redress_store_prepare_owned (self,
                  "SELECT min(rowid) FROM (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?1 "
                  "ORDER BY rowid DESC LIMIT ?2)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, RANK_WINDOW);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      redress_store_sql_error (self, rc, error);
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return g_steal_pointer (&hits);   /* no match */
  first_rowid = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* pages_fts drives the query: FTS5 yields rows by rank and the LIMIT
   * stops it early, so snippets are made for the hits returned only */
  stmt = redress_store_prepare_owned (self,
                  "SELECT p.id, p.family_name, p.given_names, c.id, c.application_type, "
                  "c.decision_date, d.id, d.file_name, d.kind, g.page_no, "
                  "snippet(pages_fts, 0, char(1), char(2), '…', 24) "
                  "FROM pages_fts "
                  "JOIN pages AS g ON g.id = pages_fts.rowid "
                  "JOIN documents AS d ON d.id = g.document_id "
                  "JOIN cases AS c ON c.id = d.case_id "
                  "JOIN clients AS p ON p.id = c.client_id "
                  "WHERE pages_fts MATCH ?1 AND pages_fts.rowid >= ?3 "
                  "AND d.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
                  "ORDER BY pages_fts.rank LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, first_rowid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *family = (const char *) sqlite3_column_text (stmt, 1);
      const char *given = (const char *) sqlite3_column_text (stmt, 2);
      RedressDocumentKind kind = REDRESS_DOCUMENT_OTHER;
      /* Translators: a client's name in lists: family name, given names */
      g_autofree char *client_name = g_strdup_printf (_("%s, %s"), family, given);
      g_autofree char *title = case_title ((const char *) sqlite3_column_text (stmt, 4),
                                           (const char *) sqlite3_column_text (stmt, 5));

      redress_document_kind_from_string ((const char *) sqlite3_column_text (stmt, 8), &kind);
      g_ptr_array_add (hits,
                       redress_search_hit_new (sqlite3_column_int64 (stmt, 0), client_name,
                                               sqlite3_column_int64 (stmt, 3), title,
                                               sqlite3_column_int64 (stmt, 6),
                                               (const char *) sqlite3_column_text (stmt, 7),
                                               kind,
                                               (guint) sqlite3_column_int (stmt, 9),
                                               (const char *) sqlite3_column_text (stmt, 10)));
    }
  if (rc != SQLITE_DONE)
    {
      redress_store_sql_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

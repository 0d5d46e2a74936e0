/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-import"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "redress-analysis-private.h"
#include "redress-error.h"
#include "redress-file-util.h"
#include "redress-import.h"
#include "redress-reader-data.h"
#include "redress-store-documents-private.h"
#include "redress-store-grounds-private.h"
#include "redress-store-private.h"

/*
 * Importing a PDF into a case: redress-pdf-worker reads it (a process of
 * its own, waited for in a GTask thread by the async variant), then, on
 * the store's thread and in one transaction, the document is stored
 * (redress-store-documents.c) and the grounds a refusal letter or the
 * officer's notes state are found (redress-analysis.c) and suggested to
 * the case (redress-store-grounds.c): after a crash, the database holds
 * the whole document and its suggestions, or nothing of them.  Reading a
 * stored document's scanned pages again by OCR works the same way.
 *
 * The changes are announced once committed with the store's "changed"
 * signal: entity "document" (the document's id), then "ground" (the
 * case's) when grounds were suggested.
 */

/* Storing an import ------------------------------------------------------- */

typedef struct
{
  gint64 case_id;
  RedressDocumentKind kind;
  const char *file_name;
  RedressPdfExtraction *extraction;
  gint64 document_id;
} NewDocument;

/* The document, then the grounds it states as suggestions on its case */
static gboolean
import_tx (RedressStore  *self,
           gpointer       data,
           GError       **error)
{
  NewDocument *doc = data;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 client_id = 0;
  guint n_grounds = 0;

  if (!redress_store_add_document_tx (self, doc->case_id, doc->kind, doc->file_name,
                                      doc->extraction, &client_id, &doc->document_id, error) ||
      !redress_store_add_previews_tx (self, doc->extraction->sha256, doc->extraction->previews,
                                      error))
    return FALSE;
  hits = redress_analysis_detect_pages (doc->extraction->pages, doc->kind);
  if (hits == NULL)
    return TRUE;   /* not a text that states grounds */
  if (!redress_store_suggest_grounds_tx (self, client_id, doc->case_id, doc->document_id, hits,
                                         &n_grounds, error))
    return FALSE;
  if (n_grounds > 0)
    redress_db_queue_change (redress_store_get_db (self), "ground", doc->case_id);
  return TRUE;
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
  NewDocument doc = { case_id, kind, file_name, extraction, 0 };

  if (!redress_store_transaction (self, import_tx, &doc, error))
    return FALSE;
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

typedef struct
{
  RedressDocument *document;
  RedressPdfExtraction *extraction;
  guint n_read;
} ReadAgain;

/* The scanned pages replaced, then the grounds, as an import finds them:
 * the sentences of those this document stated read anew, the others
 * suggested */
static gboolean
read_again_tx (RedressStore  *self,
               gpointer       data,
               GError       **error)
{
  ReadAgain *again = data;
  RedressDocument *document = again->document;
  gint64 document_id = redress_document_get_id (document);
  gint64 case_id = redress_document_get_case_id (document);
  g_autoptr(GPtrArray) hits = NULL;
  gint64 client_id;
  guint n_grounds = 0;

  client_id = redress_store_live_case_client (self, case_id, error);
  if (client_id == 0 ||
      !redress_store_replace_scanned_pages_tx (self, document, again->extraction,
                                               &again->n_read, error))
    return FALSE;
  hits = redress_analysis_detect_pages (again->extraction->pages,
                                        redress_document_get_kind (document));
  if (hits != NULL &&
      (!redress_store_refresh_ground_sentences_tx (self, case_id, document_id, hits, error) ||
       !redress_store_suggest_grounds_tx (self, client_id, case_id, document_id, hits,
                                          &n_grounds, error)))
    return FALSE;
  if (n_grounds > 0 || again->n_read > 0)
    redress_db_queue_change (redress_store_get_db (self), "ground", case_id);
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
  ReadAgain again = { 0 };

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

  again.document = document;
  again.extraction = extraction;
  if (!redress_store_transaction (self, read_again_tx, &again, error))
    return FALSE;
  if (n_read != NULL)
    *n_read = again.n_read;
  return TRUE;
}

/* Reading again in a thread ----------------------------------------------- */

typedef struct
{
  gint64 document_id;
  char *password;
  char *ocr_language;
  GBytes *bytes;
  RedressDocument *document;
  ProgressRelay *relay;
} ReadAgainData;

static void
read_again_data_free (gpointer data)
{
  ReadAgainData *again = data;

  if (again->password != NULL)
    {
      /* Do not leave it lying in freed memory */
      memset (again->password, 0, strlen (again->password));
      g_free (again->password);
    }
  g_free (again->ocr_language);
  g_clear_pointer (&again->bytes, g_bytes_unref);
  g_clear_object (&again->document);
  if (again->relay != NULL)
    progress_relay_unref (again->relay);
  g_free (again);
}

static void
read_again_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReadAgainData *again = task_data;
  RedressPdfExtraction *extraction;
  GError *error = NULL;

  extraction = extract_stored (again->bytes, again->password, again->ocr_language,
                               progress_relay_report_ocr, again->relay, cancellable, &error);
  if (extraction == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, extraction, (GDestroyNotify) redress_pdf_extraction_free);
}

/* Back on the caller's thread: the checks and the writes of the
 * synchronous function, in one transaction */
static void
on_read_again (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RedressStore *self = g_task_get_source_object (task);
  ReadAgainData *data = g_task_get_task_data (task);
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  ReadAgain again = { 0 };
  GError *error = NULL;

  progress_relay_finish (data->relay);
  extraction = g_task_propagate_pointer (G_TASK (result), &error);
  if (extraction == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (extraction->ocr_unavailable)
    {
      g_task_return_new_error (task, REDRESS_ERROR, REDRESS_ERROR_FAILED, "%s",
                               _("Scanned pages cannot be read: the OCR language data is not "
                                 "installed."));
      return;
    }
  if (g_strcmp0 (extraction->sha256, redress_document_get_sha256 (data->document)) != 0 ||
      extraction->pages->len != redress_document_get_n_pages (data->document))
    {
      g_task_return_new_error (task, REDRESS_ERROR, REDRESS_ERROR_DAMAGED, "%s",
                               _("The stored copy of this document does not match its pages. "
                                 "Run a database check."));
      return;
    }
  again.document = data->document;
  again.extraction = extraction;
  if (!redress_store_transaction (self, read_again_tx, &again, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, again.n_read);
}

/**
 * redress_store_read_document_again_async:
 * @ocr_progress: (scope notified) (nullable): called on the caller's
 *   thread as a scanned page starts being read; never after @callback
 * @progress_data_free: (nullable): frees @progress_data on the caller's
 *   thread once the reading ended
 *
 * Like redress_store_read_document_again(): the PDF reader is waited for
 * in a worker thread, the database is written on the caller's thread, in
 * one transaction, before @callback runs.  Finish with
 * redress_store_read_document_again_finish().
 */
void
redress_store_read_document_again_async (RedressStore            *self,
                                         gint64                   document_id,
                                         const char              *password,
                                         const char              *ocr_language,
                                         RedressOcrProgressFunc   ocr_progress,
                                         gpointer                 progress_data,
                                         GDestroyNotify           progress_data_free,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadAgainData *again;
  GError *error = NULL;

  g_return_if_fail (REDRESS_IS_STORE (self));

  again = g_new0 (ReadAgainData, 1);
  again->document_id = document_id;
  again->password = g_strdup (password);
  again->ocr_language = g_strdup (ocr_language);
  again->relay = g_new0 (ProgressRelay, 1);
  g_atomic_ref_count_init (&again->relay->ref);
  g_mutex_init (&again->relay->lock);
  again->relay->context = g_main_context_ref_thread_default ();
  again->relay->ocr_func = ocr_progress;
  again->relay->data = progress_data;
  again->relay->data_free = progress_data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, redress_store_read_document_again_async);
  g_task_set_task_data (task, again, read_again_data_free);

  if (!redress_pdf_ocr_language_valid (ocr_language))
    {
      progress_relay_finish (again->relay);
      g_task_return_new_error (task, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                               _("Scanned pages can be read in English (eng), French (fra) or "
                                 "both (eng+fra), not “%s”."), ocr_language ? ocr_language : "");
      return;
    }
  again->document = redress_store_get_document (self, document_id, &error);
  if (again->document != NULL)
    again->bytes = redress_store_dup_document_bytes (self, document_id, &error);
  if (again->bytes == NULL)
    {
      progress_relay_finish (again->relay);
      g_task_return_error (task, error);
      return;
    }

  {
    GTask *read = g_task_new (self, cancellable, on_read_again, g_object_ref (task));

    /* The outer task keeps the data alive until the thread's ends */
    g_task_set_task_data (read, again, NULL);
    g_task_set_check_cancellable (read, FALSE);
    g_task_run_in_thread (read, read_again_thread);
    g_object_unref (read);
  }
}

/**
 * redress_store_read_document_again_finish:
 * @n_read: (out) (optional): how many scanned pages were read
 *
 * Returns: %TRUE on success; otherwise nothing changed and @error says why
 */
gboolean
redress_store_read_document_again_finish (RedressStore  *self,
                                          GAsyncResult  *result,
                                          guint         *n_read,
                                          GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_read != NULL)
    *n_read = (guint) n;
  return TRUE;
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-reader-data"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-error.h"
#include "redress-reader-data.h"
#include "redress-store-private.h"

/*
 * The previews of a document's first pages (table page_previews, one set
 * per blob: two documents of the same bytes share them) written by the
 * import, and what the reader reads back from the store when it opens a
 * document: found from the bytes it was given (the blob of that size whose
 * bytes are those), so that opening needs no hash of them.
 */

#define COMPARE_CHUNK (256 * 1024)

void
redress_reader_data_free (RedressReaderData *data)
{
  if (data == NULL)
    return;
  g_free (data->sha256);
  g_clear_pointer (&data->sizes, g_array_unref);
  g_clear_pointer (&data->previews, g_ptr_array_unref);
  g_clear_pointer (&data->ocr_pages, g_ptr_array_unref);
  g_free (data);
}

/**
 * redress_store_add_previews_tx:
 * @sha256: the blob of the document
 * @previews: (element-type RedressPdfPreview) (nullable): the import's
 *
 * Stores the previews of a blob, inside the caller's transaction; those
 * a blob has already (the same file imported again) are kept.
 */
gboolean
redress_store_add_previews_tx (RedressStore  *store,
                               const char    *sha256,
                               GPtrArray     *previews,
                               GError       **error)
{
  RedressDb *db = redress_store_get_db (store);

  g_return_val_if_fail (REDRESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  for (guint i = 0; previews != NULL && i < previews->len; i++)
    {
      const RedressPdfPreview *preview = g_ptr_array_index (previews, i);
      g_autoptr(RedressDbStmt) stmt = NULL;
      gsize size;
      gconstpointer png = g_bytes_get_data (preview->png, &size);

      stmt = redress_db_prepare (db,
                      "INSERT INTO page_previews (sha256, page_no, width, height, png) "
                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) preview->page_no);
      sqlite3_bind_int (stmt, 3, preview->width);
      sqlite3_bind_int (stmt, 4, preview->height);
      sqlite3_bind_blob64 (stmt, 5, png, size, SQLITE_STATIC);
      if (!redress_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the blob @rowid holds exactly @data */
static gboolean
blob_equals (sqlite3      *handle,
             sqlite3_int64 rowid,
             const guint8 *data,
             gsize         size)
{
  g_autofree guint8 *chunk = g_malloc (COMPARE_CHUNK);
  sqlite3_blob *blob = NULL;
  gboolean equal = TRUE;

  if (sqlite3_blob_open (handle, "main", "blobs", "data", rowid, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return FALSE;
    }
  if ((gsize) sqlite3_blob_bytes (blob) != size)
    equal = FALSE;
  for (gsize done = 0; equal && done < size; done += COMPARE_CHUNK)
    {
      int n = (int) MIN ((gsize) COMPARE_CHUNK, size - done);

      equal = sqlite3_blob_read (blob, chunk, n, (int) done) == SQLITE_OK &&
              memcmp (chunk, data + done, (gsize) n) == 0;
    }
  sqlite3_blob_close (blob);
  return equal;
}

/* The blob that @pdf is, or NULL (not stored) */
static char *
find_blob (RedressStore  *store,
           GBytes        *pdf,
           GError       **error)
{
  RedressDb *db = redress_store_get_db (store);
  g_autoptr(RedressDbStmt) stmt = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (sqlite3_int64));
  int rc;

  stmt = redress_db_prepare (db, "SELECT rowid, sha256 FROM blobs WHERE size = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) size);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
      g_ptr_array_add (candidates, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);
  for (guint i = 0; i < candidates->len; i++)
    if (blob_equals (redress_store_get_handle (store),
                     g_array_index (rowids, sqlite3_int64, i), data, size))
      return g_strdup (g_ptr_array_index (candidates, i));
  return NULL;
}

static gboolean
load_sizes (RedressStore       *store,
            gint64              document_id,
            RedressReaderData  *out,
            GError            **error)
{
  RedressDb *db = redress_store_get_db (store);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT width, height FROM pages WHERE document_id = ? ORDER BY page_no", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double size[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_vals (out->sizes, size, 2);
    }
  return rc == SQLITE_DONE || redress_db_error (db, rc, error);
}

static gboolean
load_previews (RedressStore       *store,
               RedressReaderData  *out,
               GError            **error)
{
  RedressDb *db = redress_store_get_db (store);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT page_no, width, height, png FROM page_previews "
                  "WHERE sha256 = ? ORDER BY page_no", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, out->sha256, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RedressPdfPreview *preview;
      const guint8 *png = sqlite3_column_blob (stmt, 3);
      gsize size = (gsize) sqlite3_column_bytes (stmt, 3);
      int page_no = sqlite3_column_int (stmt, 0);
      int width = sqlite3_column_int (stmt, 1);
      int height = sqlite3_column_int (stmt, 2);

      /* One that is not what the import checked is left out */
      if (page_no < 1 || (guint) page_no > out->sizes->len / 2 ||
          !redress_pdf_preview_check_png (png, size, width, height))
        continue;
      preview = g_new0 (RedressPdfPreview, 1);
      preview->page_no = (guint) page_no;
      preview->width = width;
      preview->height = height;
      preview->png = g_bytes_new (png, size);
      g_ptr_array_add (out->previews, preview);
    }
  return rc == SQLITE_DONE || redress_db_error (db, rc, error);
}

static gboolean
load_ocr_pages (RedressStore       *store,
                gint64              document_id,
                RedressReaderData  *out,
                GError            **error)
{
  RedressDb *db = redress_store_get_db (store);
  g_autoptr(RedressDbStmt) stmt = NULL;
  guint n_pages = out->sizes->len / 2;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT p.page_no, p.text, w.n_words, w.words FROM pages AS p "
                  "JOIN page_words AS w ON w.page_id = p.id "
                  "WHERE p.document_id = ? AND p.text_source = 'ocr' ORDER BY p.page_no", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int page_no = sqlite3_column_int (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      int n_words = sqlite3_column_int (stmt, 2);
      RedressOcrPage *page;

      if (page_no < 1 || (guint) page_no > n_pages || n_words < 0)
        continue;
      page = redress_ocr_page_unpack (text ? text : "", sqlite3_column_blob (stmt, 3),
                                      (gsize) sqlite3_column_bytes (stmt, 3), (guint) n_words,
                                      error);
      if (page == NULL)
        return FALSE;
      if (out->ocr_pages == NULL)
        {
          out->ocr_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_ocr_page_free);
          g_ptr_array_set_size (out->ocr_pages, (gint) n_pages);
        }
      redress_ocr_page_free (g_ptr_array_index (out->ocr_pages, page_no - 1));
      g_ptr_array_index (out->ocr_pages, page_no - 1) = page;
    }
  return rc == SQLITE_DONE || redress_db_error (db, rc, error);
}

/**
 * redress_reader_data_load:
 * @pdf: a document's bytes, as redress_store_dup_document_bytes() gave them
 *
 * Reads what the store keeps for the reader about @pdf: its page sizes,
 * its previews and the words of its scanned pages.  About 1 ms for a
 * document of a few megabytes (its bytes are compared with the blob's,
 * not hashed).
 *
 * Returns: (transfer full) (nullable): the data, or %NULL (@error unset)
 *   when @pdf is not a stored document, or with @error set
 */
RedressReaderData *
redress_reader_data_load (RedressStore  *store,
                          GBytes        *pdf,
                          GError       **error)
{
  RedressDb *db;
  g_autoptr(RedressReaderData) data = NULL;
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  gint64 document_id;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (pdf != NULL, NULL);

  db = redress_store_get_db (store);
  sha256 = find_blob (store, pdf, error);
  if (sha256 == NULL)
    return NULL;
  /* Any document of those bytes: they have the same pages */
  stmt = redress_db_prepare (db,
                  "SELECT id FROM documents WHERE sha256 = ? "
                  "ORDER BY deleted_at IS NOT NULL, id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        redress_db_error (db, rc, error);
      return NULL;
    }
  document_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_reset);

  data = g_new0 (RedressReaderData, 1);
  data->sha256 = g_steal_pointer (&sha256);
  data->sizes = g_array_new (FALSE, FALSE, sizeof (double));
  data->previews = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_pdf_preview_free);
  if (!load_sizes (store, document_id, data, error) ||
      !load_previews (store, data, error) ||
      !load_ocr_pages (store, document_id, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

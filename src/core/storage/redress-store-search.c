/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-case.h"
#include "redress-store-documents.h"
#include "redress-store-private.h"

/*
 * Searching the text of every page of every document (the full-text index
 * pages_fts, see data/sql/0005-documents.sql), and turning what the
 * consultant typed into a query that cannot be a syntax error.
 */

#define MAX_QUERY_TERMS 32
/* Ranking reads every match: a word on most of 100,000 pages would cost
 * far more than a keystroke.  The best hits are taken among this many of
 * the most recently imported matching pages (all of them, usually). */
#define RANK_WINDOW 1000

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
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *fts = NULL;
  gint64 first_rowid;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  fts = redress_search_query_to_fts (query);
  if (fts == NULL || limit == 0)
    return g_steal_pointer (&hits);

  /* Where the window of ranked pages starts (rowids grow with imports) */
  stmt = redress_db_prepare (db,
                  "SELECT min(rowid) FROM (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?1 "
                  "ORDER BY rowid DESC LIMIT ?2)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, RANK_WINDOW);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return g_steal_pointer (&hits);   /* no match */
  first_rowid = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_reset);

  /* pages_fts drives the query: FTS5 yields rows by rank and the LIMIT
   * stops it early, so snippets are made for the hits returned only */
  stmt = redress_db_prepare (db,
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
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

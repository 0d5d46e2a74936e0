/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-documents"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-case.h"
#include "redress-store-documents.h"
#include "redress-store-private.h"

/*
 * Searching the text of every page of every document (the full-text index
 * pages_fts, see data/sql/0005-documents.sql and its prefix index in
 * 0011-search-prefix-index.sql), and turning what the consultant typed
 * into a query that cannot be a syntax error.  No query reads every page
 * that matches: longer prefixes become the words they match, and the
 * ranking (bm25, as FTS5 computes it) counts no match it does not rank.
 */

#define MAX_QUERY_TERMS 32
/* Ranking reads every match: a word on most of 100,000 pages would cost
 * far more than a keystroke.  The best hits are taken among this many of
 * the most recently imported matching pages (all of them, usually). */
#define RANK_WINDOW 1000
/* A longer prefix matching more words than this is left to FTS5 */
#define MAX_PREFIX_WORDS 64

static gboolean
has_word_character (const char *text,
                    gsize       length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

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

/* A word or a phrase of what the consultant typed */
typedef struct
{
  char *text;
  gboolean prefix;
} Term;

static void
term_free (gpointer data)
{
  Term *term = data;

  g_free (term->text);
  g_free (term);
}

/* The words and phrases of @query, at most MAX_QUERY_TERMS */
static GPtrArray *
parse_query (const char *query)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (term_free);
  g_autofree char *valid = NULL;
  const char *p;

  if (query == NULL)
    return g_steal_pointer (&terms);
  valid = g_utf8_make_valid (query, -1);
  p = valid;

  while (*p && terms->len < MAX_QUERY_TERMS)
    {
      const char *start;
      gsize length;
      gboolean prefix = FALSE;
      Term *term;

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

      term = g_new0 (Term, 1);
      term->text = g_strndup (start, length);
      /* A prefix of one or two letters would match most of the index
       * (a* takes half a second over 100,000 pages): such a word is
       * looked for whole */
      term->prefix = prefix && g_utf8_strlen (term->text, -1) >= MIN_PREFIX_CHARS;
      g_ptr_array_add (terms, term);
    }
  return g_steal_pointer (&terms);
}

/* Appends @text quoted for FTS5 (a quote inside is doubled) */
static void
append_quoted (GString    *fts,
               const char *text)
{
  g_string_append_c (fts, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (fts, '"');
      g_string_append_c (fts, *p);
    }
  g_string_append_c (fts, '"');
}

static void
append_term (GString    *fts,
             const Term *term)
{
  append_quoted (fts, term->text);
  if (term->prefix)
    g_string_append_c (fts, '*');
}

/**
 * redress_search_query_to_fts:
 * @query: what the consultant typed
 *
 * Turns a search box's text into an FTS5 query that cannot be a syntax
 * error: every word is quoted (so AND, OR, NOT, NEAR, -, ^, :, ( are
 * words like any other), "several words" in double quotes are a phrase,
 * a word of three letters or more ending in * matches as a prefix, and
 * all must match.  Accents and case do not matter (the index ignores
 * them).
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @query holds no word to look for
 */
char *
redress_search_query_to_fts (const char *query)
{
  g_autoptr(GPtrArray) terms = parse_query (query);
  g_autoptr(GString) fts = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      if (fts->len > 0)
        g_string_append_c (fts, ' ');
      append_term (fts, g_ptr_array_index (terms, i));
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

/* Ranking: bm25 as FTS5 computes it (k1 = 1.2, b = 0.75), over groups of
 * phrases.  A group is what the consultant typed as one word or phrase:
 * one FTS5 phrase, or the words a prefix was expanded into, whose hits
 * add up as FTS5 adds up the hits of a prefix.  The caller gives each
 * group's number of matching pages (bm25's inverse document frequency),
 * or nothing when there is one group: a constant factor does not change
 * the order, and counting them meant reading every page that matches.
 *
 * redress_rank (spec), through "rank MATCH" so that FTS5 sorts the pages
 * itself and the LIMIT stops it early: spec is a blob of doubles, the
 * number of groups G, then each phrase's group, then for each group the
 * number of pages that match, or -1 and their share of the index. */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_FUNCTION "redress_rank"

/* The natural logarithm of @x > 0 (the core links no libm): x = m 2^e
 * with m in [1, 2), and ln m = 2 atanh ((m - 1) / (m + 1)) */
static double
natural_log (double x)
{
  double t, t2, term, sum = 0;
  int exponent = 0;

  if (!(x > 0) || x > G_MAXDOUBLE)
    return x > 0 ? x : -G_MAXDOUBLE;
  while (x >= 2)
    {
      x /= 2;
      exponent++;
    }
  while (x < 1)
    {
      x *= 2;
      exponent--;
    }
  t = (x - 1) / (x + 1);
  t2 = t * t;
  term = t;
  for (int k = 1; k < 60; k += 2)
    {
      sum += term / k;
      term *= t2;
    }
  return 2 * sum + exponent * G_LN2;
}

typedef struct
{
  double average_length;
  double *idf;        /* per group */
  double *frequency;  /* per group, for the current row */
  int *group;         /* per phrase */
  int n_groups;
  int n_phrases;
} RankData;

static void
rank_data_free (void *data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank->frequency);
  g_free (rank->group);
  g_free (rank);
}

static RankData *
rank_data_new (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_value          *spec_value)
{
  const double *spec = sqlite3_value_blob (spec_value);
  gsize n_spec = (gsize) sqlite3_value_bytes (spec_value) / sizeof (double);
  RankData *rank = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0, n_tokens = 0;

  api->xRowCount (fts, &n_rows);
  api->xColumnTotalSize (fts, -1, &n_tokens);
  rank->average_length = n_rows > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  if (rank->average_length <= 0)
    rank->average_length = 1.0;

  rank->n_phrases = api->xPhraseCount (fts);
  rank->group = g_new0 (int, MAX (rank->n_phrases, 1));
  rank->n_groups = 1;
  /* A spec that does not fit the query: one group of every phrase */
  if (spec != NULL && n_spec >= 1 && spec[0] >= 1 &&
      n_spec == 1 + (gsize) rank->n_phrases + 2 * (gsize) spec[0])
    {
      rank->n_groups = (int) spec[0];
      for (int i = 0; i < rank->n_phrases; i++)
        rank->group[i] = CLAMP ((int) spec[1 + i], 0, rank->n_groups - 1);
    }
  rank->idf = g_new (double, rank->n_groups);
  rank->frequency = g_new0 (double, rank->n_groups);
  for (int g = 0; g < rank->n_groups; g++)
    {
      const double *count = rank->n_groups > 1 ? &spec[1 + rank->n_phrases + 2 * g] : NULL;
      double n_hits = count == NULL ? -1 : count[0] >= 0 ? count[0] : count[1] * (double) n_rows;

      rank->idf[g] = 1.0;
      if (n_hits >= 0)
        {
          rank->idf[g] = natural_log ((0.5 + (double) n_rows - n_hits) / (0.5 + n_hits));
          if (rank->idf[g] <= 0.0)
            rank->idf[g] = 1e-6;
        }
    }
  return rank;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_args,
               sqlite3_value         **args)
{
  RankData *rank = api->xGetAuxdata (fts, 0);
  int n_instances = 0, length = 0, rc;
  double score = 0;

  if (rank == NULL)
    {
      rank = rank_data_new (api, fts, n_args > 0 ? args[0] : NULL);
      rc = api->xSetAuxdata (fts, rank, rank_data_free);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  memset (rank->frequency, 0, sizeof (double) * (gsize) rank->n_groups);
  rc = api->xInstCount (fts, &n_instances);
  for (int i = 0; rc == SQLITE_OK && i < n_instances; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase >= 0 && phrase < rank->n_phrases)
        rank->frequency[rank->group[phrase]] += 1.0;
    }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &length);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int g = 0; g < rank->n_groups; g++)
    score += rank->idf[g] * (rank->frequency[g] * (RANK_K1 + 1.0)) /
             (rank->frequency[g] +
              RANK_K1 * (1 - RANK_B + RANK_B * (double) length / rank->average_length));
  /* Like bm25 (): the best is the smallest */
  sqlite3_result_double (context, -score);
}

/* The connection's FTS5, with the ranking function registered on it once
 * per store (the store keeps its connection for its whole life) */
static fts5_api *
store_fts5 (RedressStore  *self,
            GError       **error)
{
  fts5_api *api = g_object_get_data (G_OBJECT (self), "redress-search-fts5");
  sqlite3 *db = redress_store_get_handle (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (api != NULL)
    return api;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (db);
    }
  if (rc == SQLITE_OK && api == NULL)
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, RANK_FUNCTION, NULL, rank_function, NULL);
  if (rc != SQLITE_OK)
    {
      redress_db_error (redress_store_get_db (self), rc, error);
      return NULL;
    }
  g_object_set_data (G_OBJECT (self), "redress-search-fts5", api);
  return api;
}

typedef struct
{
  GString *token;
  guint n_tokens;
} FoldData;

static int
fold_token_cb (void       *data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FoldData *fold = data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  fold->n_tokens++;
  g_string_truncate (fold->token, 0);
  g_string_append_len (fold->token, token, n_token);
  return SQLITE_OK;
}

/* @text as the index holds it (lower case, without accents: the tokenizer
 * of pages_fts, see data/sql/0005-documents.sql), or %NULL unless it is
 * one word */
static char *
fold_word (fts5_api   *api,
           const char *text)
{
  static const char *args[] = { "remove_diacritics", "2" };
  g_autoptr(GString) token = g_string_new (NULL);
  FoldData fold = { token, 0 };
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *user_data = NULL;
  int rc;

  if (api->xFindTokenizer (api, "unicode61", &user_data, &tokenizer) != SQLITE_OK ||
      tokenizer.xCreate (user_data, args, G_N_ELEMENTS (args), &instance) != SQLITE_OK)
    return NULL;
  rc = tokenizer.xTokenize (instance, &fold, FTS5_TOKENIZE_QUERY, text, (int) strlen (text),
                            fold_token_cb);
  tokenizer.xDelete (instance);
  if (rc != SQLITE_OK || fold.n_tokens != 1)
    return NULL;
  return g_string_free (g_steal_pointer (&token), FALSE);
}

/* Appends @term to @fts as FTS5 should read it, and the number of FTS5
 * phrases it makes.  FTS5 (3.40) merges the lists of every word a prefix
 * matches before it returns the first page; a prefix of MIN_PREFIX_CHARS
 * letters has its merged list in the prefix index (0011), and a longer
 * one is turned into the words of the index it matches, which FTS5 reads
 * side by side, page after page, as far as the query needs. */
static gboolean
append_expanded_term (RedressStore  *self,
                      fts5_api      *api,
                      GString       *fts,
                      const Term    *term,
                      guint         *n_phrases,
                      GError       **error)
{
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *folded = NULL;
  int rc;

  *n_phrases = 1;
  if (!term->prefix || g_utf8_strlen (term->text, -1) <= MIN_PREFIX_CHARS ||
      (folded = fold_word (api, term->text)) == NULL ||
      g_utf8_strlen (folded, -1) <= MIN_PREFIX_CHARS)
    {
      append_term (fts, term);
      return TRUE;
    }

  stmt = redress_db_prepare (redress_store_get_db (self),
                             "SELECT term FROM pages_fts_words WHERE term >= ?1 LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, MAX_PREFIX_WORDS + 1);
  words = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *word = (const char *) sqlite3_column_text (stmt, 0);

      if (word == NULL || !g_str_has_prefix (word, folded))
        break;
      g_ptr_array_add (words, g_strdup (word));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return redress_db_error (redress_store_get_db (self), rc, error);

  if (words->len == 0 || words->len > MAX_PREFIX_WORDS)
    {
      /* No word (no page either), or so many that each is rare */
      append_term (fts, term);
      return TRUE;
    }
  g_string_append_c (fts, '(');
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append (fts, " OR ");
      append_quoted (fts, g_ptr_array_index (words, i));
    }
  g_string_append_c (fts, ')');
  *n_phrases = words->len;
  return TRUE;
}

/* How many pages match @fts, as a share of the index: exact when fewer
 * than RANK_WINDOW do (counted among the most recent), else estimated
 * from how many pages the most recent RANK_WINDOW of them spread over
 * (within a few percent): counting them all would read every match,
 * as bm25 () does, several milliseconds for a word on every page. */
static gboolean
count_matches (RedressStore  *self,
               const char    *fts,
               double        *n_pages,
               double        *share,
               GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  gint64 oldest;
  int rc;

  *n_pages = -1;
  *share = 0;
  stmt = redress_db_prepare (db, "SELECT count(*), min(rowid) FROM (SELECT rowid FROM pages_fts "
                                 "WHERE pages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, RANK_WINDOW);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  if (sqlite3_column_int (stmt, 0) < RANK_WINDOW)
    {
      *n_pages = sqlite3_column_int (stmt, 0);
      return TRUE;
    }
  oldest = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_reset);

  /* The index's pages from the oldest of those on (its row sizes: a
   * small table, one row a page) */
  stmt = redress_db_prepare (db, "SELECT count(*) FROM pages_fts_docsize WHERE id >= ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, oldest);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  *share = (double) RANK_WINDOW / (double) MAX (sqlite3_column_int64 (stmt, 0), RANK_WINDOW);
  return TRUE;
}

/* The FTS5 query for @terms, and the ranking's spec (see rank_function()) */
static gboolean
build_query (RedressStore  *self,
             GPtrArray     *terms,
             GString       *fts,
             GArray        *spec,
             GError       **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  fts5_api *api = store_fts5 (self, error);
  double n_groups = terms->len;

  if (api == NULL)
    return FALSE;

  for (guint i = 0; i < terms->len; i++)
    {
      g_autoptr(GString) part = g_string_new (NULL);
      double group = i;
      guint n_phrases;

      if (!append_expanded_term (self, api, part, g_ptr_array_index (terms, i), &n_phrases,
                                 error))
        return FALSE;
      for (guint k = 0; k < n_phrases; k++)
        g_array_append_val (groups, group);
      /* (FTS5 reads no implicit AND before a parenthesis) */
      if (fts->len > 0)
        g_string_append (fts, " AND ");
      g_string_append (fts, part->str);
      g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));
    }

  /* bm25's inverse document frequencies, needed only to weigh groups
   * against one another */
  for (guint i = 0; i < parts->len && terms->len > 1; i++)
    {
      double count[2];

      if (!count_matches (self, g_ptr_array_index (parts, i), &count[0], &count[1], error))
        return FALSE;
      g_array_append_vals (counts, count, 2);
    }

  g_array_append_val (spec, n_groups);
  g_array_append_vals (spec, groups->data, groups->len);
  if (terms->len > 1)
    g_array_append_vals (spec, counts->data, counts->len);
  else
    {
      double none[2] = { -1, 0 };

      g_array_append_vals (spec, none, 2);
    }
  return TRUE;
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
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) fts = g_string_new (NULL);
  g_autoptr(GArray) spec = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) rank = g_string_new (NULL);
  gint64 first_rowid;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  terms = parse_query (query);
  if (terms->len == 0 || limit == 0)
    return g_steal_pointer (&hits);
  if (!build_query (self, terms, fts, spec, error))
    return NULL;

  /* FTS5 reads the ranking's arguments as SQL: the spec as a blob literal */
  g_string_append (rank, RANK_FUNCTION "(x'");
  for (guint i = 0; i < spec->len * sizeof (double); i++)
    g_string_append_printf (rank, "%02x", ((const guint8 *) spec->data)[i]);
  g_string_append (rank, "')");

  /* Where the window of ranked pages starts (rowids grow with imports) */
  stmt = redress_db_prepare (db,
                  "SELECT min(rowid) FROM (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?1 "
                  "ORDER BY rowid DESC LIMIT ?2)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts->str, -1, SQLITE_STATIC);
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
                  "WHERE pages_fts MATCH ?1 AND pages_fts.rank MATCH ?4 AND pages_fts.rowid >= ?3 "
                  "AND d.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
                  "ORDER BY pages_fts.rank LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, first_rowid);
  sqlite3_bind_text (stmt, 4, rank->str, -1, SQLITE_STATIC);

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

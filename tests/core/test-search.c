/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-store-private.h"
#include "test-util.h"

/*
 * Searching the pages of every document, against plain references, on a
 * generated corpus of English and French pages: the pages found are those
 * a brute-force scan of the stored text finds, in the order of FTS5's own
 * bm25; the results are the same with the prefix index of schema 11 and
 * without it; and a database of schema 10 with documents migrates to 11
 * with its pages, their rowids and the search results unchanged.
 */

#define N_DOCUMENTS 12
#define PAGES_PER_DOCUMENT 30
#define WORDS_PER_PAGE 70
#define LIMIT 1000

/* The index as schema 10 made it (data/sql/0005-documents.sql) */
#define PLAIN_INDEX_SQL \
  "DROP TABLE pages_fts_words; DROP TABLE pages_fts; " \
  "CREATE VIRTUAL TABLE pages_fts USING fts5 (text, content = 'pages', content_rowid = 'id', " \
  "tokenize = 'unicode61 remove_diacritics 2'); " \
  "INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');"

static const char *words[] = {
  "décision", "DÉCISION", "Decision", "études", "etudes", "séjour", "sejour", "étranger",
  "refus", "refusé", "refusée", "refused", "refusal", "réfugié", "référence", "reference",
  "employeur", "employment", "employer", "emploi", "application", "applicant", "appliqué",
  "l’agent", "agent", "d’études", "permis", "Canada", "Québec", "été", "naïve", "garçon",
  "liens", "familiaux", "the", "applicant’s", "of", "and", "de", "la", "le", "à", "où",
  "AND", "NOT", "OR", "NEAR", "re", "a", "visa", "visiteur", "demande", "demandeur",
  "demandé", "fonds", "financier", "financière", "relevés", "bancaires", "lettre",
};

static const char *sentences[] = {
  "I am not satisfied that the applicant will leave Canada at the end of their stay.",
  "Le demandeur n’a pas démontré qu’il dispose de fonds suffisants pour ses études.",
  "Motifs de refus : but de la visite, situation financière, liens familiaux.",
  "L’agent a tenu compte de la lettre de l’employeur et de l’attestation de travail.",
  "La demande de permis d’études est refusée.",
  "The applicant's family ties in Canada were weighed.",
};

static const char *syllables[] = { "ka", "lo", "mi", "ré", "zo", "pra", "tè", "gli", "bor" };

/* What the corpus plants: a word on one page, two words on two pages of
 * one document, both on one page, a phrase cut by a page break */
#define LONE_WORD "zorblat"
#define OTHER_WORD "quimfex"

typedef struct
{
  gint64 rowid;
  gint64 document_id;
  guint page_no;
  gboolean trashed;
  char *text;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->text);
  g_free (page);
}

static char *
page_text (GRand *rand,
           guint  document,
           guint  page_no)
{
  GString *text = g_string_new (NULL);

  for (guint w = 0; w < WORDS_PER_PAGE; w++)
    {
      if (w % 25 == 0)
        {
          g_string_append (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
          g_string_append_c (text, '\n');
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          guint n = (guint) g_rand_int_range (rand, 2, 4);

          for (guint s = 0; s < n; s++)
            g_string_append (text, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
        }
      else
        g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, w % 11 == 10 ? '\n' : ' ');
    }
  if (document == 2 && page_no == 3)
    g_string_append (text, " " LONE_WORD);
  if (document == 2 && page_no == 4)
    g_string_append (text, " " OTHER_WORD " fin de");
  if (document == 2 && page_no == 5)
    g_string_prepend (text, "passage suivant ");
  if (document == 3 && page_no == 7)
    g_string_append (text, " " OTHER_WORD " et " LONE_WORD);
  return g_string_free (text, FALSE);
}

/* A client file, a case and the documents with their pages, written with
 * SQL as schema 10 and later hold them (the triggers index each page);
 * the last document is in the trash.  Returns the pages. */
static GPtrArray *
write_corpus (sqlite3 *db)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260303);
  static const char blob[] = "%PDF-1.4 stand-in";
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, blob, -1);
  GPtrArray *pages = g_ptr_array_new_with_free_func (page_free);
  g_autofree char *sql = NULL;
  gint64 case_id;
  sqlite3_stmt *stmt = NULL;

  test_exec (db, "BEGIN");
  test_exec (db, "INSERT INTO clients (file_number, family_name, given_names, created_at, "
                 "updated_at) VALUES ('2026-0001', 'Côté', 'Amélie', '2026-01-05T10:00:00Z', "
                 "'2026-01-05T10:00:00Z')");
  sql = g_strdup_printf ("INSERT INTO cases (client_id, application_type, decision_date, "
                         "created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", "
                         "'study-permit', '2025-11-20', '2026-01-05T10:00:00Z', "
                         "'2026-01-05T10:00:00Z')", (gint64) sqlite3_last_insert_rowid (db));
  test_exec (db, sql);
  case_id = sqlite3_last_insert_rowid (db);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO blobs (sha256, size, data) VALUES ('%s', %d, '%s')",
                         sha256, (int) strlen (blob), blob);
  test_exec (db, sql);

  for (guint d = 1; d <= N_DOCUMENTS; d++)
    {
      gboolean trashed = d == N_DOCUMENTS;
      gint64 document_id;

      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("INSERT INTO documents (case_id, kind, file_name, sha256, n_pages, "
                             "has_text, deleted_at, created_at, updated_at) VALUES (%"
                             G_GINT64_FORMAT ", 'officer-notes', 'notes-%u.pdf', '%s', %d, 1, "
                             "%s, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')", case_id, d,
                             sha256, PAGES_PER_DOCUMENT,
                             trashed ? "'2026-01-06T10:00:00Z'" : "NULL");
      test_exec (db, sql);
      document_id = sqlite3_last_insert_rowid (db);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO pages (document_id, page_no, text, "
                                               "width, height) VALUES (?, ?, ?, 612, 792)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      for (guint p = 1; p <= PAGES_PER_DOCUMENT; p++)
        {
          Page *page = g_new0 (Page, 1);

          page->document_id = document_id;
          page->page_no = p;
          page->trashed = trashed;
          page->text = page_text (rand, d, p);
          sqlite3_bind_int64 (stmt, 1, document_id);
          sqlite3_bind_int (stmt, 2, (int) p);
          sqlite3_bind_text (stmt, 3, page->text, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
          page->rowid = sqlite3_last_insert_rowid (db);
          g_ptr_array_add (pages, page);
        }
      sqlite3_finalize (stmt);
    }
  test_exec (db, "COMMIT");
  return pages;
}

/* The queries: words, accents either way, French words and elisions,
 * phrases in every kind of quotes, prefixes of every length, words on
 * every page, words on two pages but never together, nothing */
static const char *queries[] = {
  "décision", "decision", "DECISION", "etudes", "études séjour", "ÉTRANGER", "refus",
  "refus*", "ref*", "réf*", "refu*", "refusé*", "employ*", "empl*", "emp*", "appli*",
  "applicant*", "l’agent", "agent", "l'agent", "d’études", "\"liens familiaux\"",
  "«liens familiaux»", "“permis d’études”", "\"permis d'études\"", "canada québec",
  "re*", "a*", "re", "zzz*", "qqqzz", "l’emp*", "dem* refus*", "\"the applicant\" refused",
  "été", "ete*", "séjour*", "naïve", "garçon*", "AND", "NOT refus", "OR NEAR", "the", "of and",
  "kal*", "pra*", "prabor*", "ré*", "rézo*", "fonds financ*", LONE_WORD, OTHER_WORD,
  LONE_WORD " " OTHER_WORD, "\"fin de passage\"", "\"" OTHER_WORD " fin de\"",
  "financière", "financiere*", "visit*", "demande*", "\"de la\" de", "motifs de refus",
  "\"motifs de refus\" applicant*", "*", "\"\"", "-refus", "refus -agent",
};

/* Brute force: the text folded as the index folds it (lower case,
 * without accents), cut into words at anything but letters and digits */
static GPtrArray *
fold_words (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = decomposed; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }
      if (word->len > 0)
        {
          g_ptr_array_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  return tokens;
}

typedef struct
{
  GPtrArray *tokens;
  gboolean prefix;
} Phrase;

static void
phrase_free (gpointer data)
{
  Phrase *phrase = data;

  g_ptr_array_unref (phrase->tokens);
  g_free (phrase);
}

/* The phrases of an FTS5 query as redress_search_query_to_fts() writes
 * it: "text" or "text"*, separated by spaces */
static GPtrArray *
fts_phrases (const char *fts)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func (phrase_free);

  for (const char *p = fts; p && *p; )
    {
      g_autoptr(GString) text = g_string_new (NULL);
      Phrase *phrase = g_new0 (Phrase, 1);

      g_assert_cmpint (*p, ==, '"');
      for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
        {
          if (*p == '"')
            p++;
          g_string_append_c (text, *p);
        }
      g_assert_cmpint (*p, ==, '"');
      p++;
      if (*p == '*')
        {
          phrase->prefix = TRUE;
          p++;
        }
      if (*p == ' ')
        p++;
      phrase->tokens = fold_words (text->str);
      g_ptr_array_add (phrases, phrase);
    }
  return phrases;
}

static gboolean
phrase_at (Phrase    *phrase,
           GPtrArray *tokens,
           guint      at)
{
  for (guint k = 0; k < phrase->tokens->len; k++)
    {
      const char *want = g_ptr_array_index (phrase->tokens, k);
      const char *have = g_ptr_array_index (tokens, at + k);
      gboolean last = k + 1 == phrase->tokens->len;

      if (last && phrase->prefix ? !g_str_has_prefix (have, want) : !g_str_equal (have, want))
        return FALSE;
    }
  return TRUE;
}

static gboolean
page_matches (GPtrArray *phrases,
              GPtrArray *tokens)
{
  for (guint i = 0; i < phrases->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (phrases, i);
      gboolean found = FALSE;

      for (guint at = 0; !found && at + phrase->tokens->len <= tokens->len; at++)
        found = phrase_at (phrase, tokens, at);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* "document:page", sorted, of every page not in the trash that matches */
static char *
brute_force (GPtrArray  *pages,
             const char *query)
{
  g_autofree char *fts = redress_search_query_to_fts (query);
  g_autoptr(GPtrArray) phrases = fts_phrases (fts);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < pages->len && phrases->len > 0; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autoptr(GPtrArray) tokens = NULL;

      if (page->trashed)
        continue;
      tokens = fold_words (page->text);
      if (page_matches (phrases, tokens))
        g_ptr_array_add (found, g_strdup_printf ("%04" G_GINT64_FORMAT ":%02u",
                                                 page->document_id, page->page_no));
    }
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (joined, "%s ", (char *) g_ptr_array_index (found, i));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The same pages, sorted, as brute_force() writes them */
static char *
hit_set (GPtrArray *hits)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);

      g_ptr_array_add (found, g_strdup_printf ("%04" G_GINT64_FORMAT ":%02u",
                                               redress_search_hit_get_document_id (hit),
                                               redress_search_hit_get_page (hit)));
    }
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (joined, "%s ", (char *) g_ptr_array_index (found, i));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Everything a search returns, in its order */
static char *
hit_list (GPtrArray *hits)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (all, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT
                              " %s %u %s\n", redress_search_hit_get_client_id (hit),
                              redress_search_hit_get_case_id (hit),
                              redress_search_hit_get_client_name (hit),
                              redress_search_hit_get_case_title (hit),
                              redress_search_hit_get_document_id (hit),
                              redress_search_hit_get_file_name (hit),
                              redress_search_hit_get_page (hit),
                              redress_search_hit_get_snippet (hit));
    }
  return g_string_free (all, FALSE);
}

static GPtrArray *
search (RedressStore *store,
        const char   *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = redress_store_search_pages (store, query, LIMIT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The hits come in the order of FTS5's bm25 over the plain query (ties
 * aside, and scores equal to within rounding) */
static void
assert_bm25_order (sqlite3    *db,
                   const char *query,
                   GPtrArray  *hits)
{
  g_autofree char *fts = redress_search_query_to_fts (query);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  sqlite3_stmt *stmt = NULL;
  double previous = -G_MAXDOUBLE;

  if (fts == NULL)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT d.id * 1000 + g.page_no, bm25(pages_fts) "
                                           "FROM pages_fts JOIN pages AS g ON g.id = pages_fts.rowid "
                                           "JOIN documents AS d ON d.id = g.document_id "
                                           "WHERE pages_fts MATCH ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (scores, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                            sizeof (gint64)),
                         g_memdup2 (&(double) { sqlite3_column_double (stmt, 1) },
                                    sizeof (double)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);
      gint64 key = redress_search_hit_get_document_id (hit) * 1000 +
                   redress_search_hit_get_page (hit);
      double *score = g_hash_table_lookup (scores, &key);

      g_assert_nonnull (score);
      if (*score < previous - 1e-9 * MAX (1.0, ABS (previous)))
        g_error ("“%s”: hit %u scores %g after %g", query, i, *score, previous);
      previous = *score;
    }
}

static void
test_search_references (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(RedressStore) store = test_open_store (dir, "redress.db");
  sqlite3 *db = redress_store_get_handle (store);
  g_autoptr(GPtrArray) pages = write_corpus (db);
  g_autoptr(GPtrArray) with_index = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *index_sql = test_query_text (db, "SELECT sql FROM sqlite_master "
                                                    "WHERE name = 'pages_fts'");
  guint n_found = 0;

  g_assert_nonnull (strstr (index_sql, "prefix"));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i]);
      g_autofree char *expected = brute_force (pages, queries[i]);
      g_autofree char *got = hit_set (hits);

      if (g_strcmp0 (expected, got) != 0)
        g_error ("“%s”: found %s\nthe text holds %s", queries[i], got, expected);
      assert_bm25_order (db, queries[i], hits);
      g_ptr_array_add (with_index, hit_list (hits));
      n_found += hits->len > 0;
    }
  /* The queries do find pages (most of them) */
  g_assert_cmpuint (n_found, >, G_N_ELEMENTS (queries) * 2 / 3);
  {
    g_autoptr(GPtrArray) hits = search (store, LONE_WORD " " OTHER_WORD);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpuint (redress_search_hit_get_page (g_ptr_array_index (hits, 0)), ==, 7);
  }

  /* Without the prefix index: the same results, snippets and order */
  test_exec (db, PLAIN_INDEX_SQL);
  test_exec (db, "CREATE VIRTUAL TABLE pages_fts_words USING fts5vocab (pages_fts, row)");
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i]);
      g_autofree char *got = hit_list (hits);

      g_assert_cmpstr (got, ==, g_ptr_array_index (with_index, i));
    }

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The search of schema 10: its statements, with bm25 through rank */
static char *
schema_10_search (sqlite3    *db,
                  const char *query)
{
  g_autofree char *fts = redress_search_query_to_fts (query);
  GString *all = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 first_rowid;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min(rowid) FROM (SELECT rowid FROM pages_fts "
                                           "WHERE pages_fts MATCH ?1 ORDER BY rowid DESC "
                                           "LIMIT 1000)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  first_rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT d.id, g.page_no FROM pages_fts "
                                           "JOIN pages AS g ON g.id = pages_fts.rowid "
                                           "JOIN documents AS d ON d.id = g.document_id "
                                           "WHERE pages_fts MATCH ?1 AND pages_fts.rowid >= ?2 "
                                           "AND d.deleted_at IS NULL "
                                           "ORDER BY pages_fts.rank LIMIT 1000",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first_rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (all, "%" G_GINT64_FORMAT ":%d ", (gint64) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (all, FALSE);
}

static char *
hit_pages (GPtrArray *hits)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (all, "%" G_GINT64_FORMAT ":%u ",
                              redress_search_hit_get_document_id (hit),
                              redress_search_hit_get_page (hit));
    }
  return g_string_free (all, FALSE);
}

/* Queries without a longer prefix (whose snippets may now come from
 * another part of the page): schema 10's order is the order to keep */
static const char *migration_queries[] = {
  "décision", "etudes sejour", "refus", "ref*", "l’agent", "\"liens familiaux\"",
  "canada québec", LONE_WORD, LONE_WORD " " OTHER_WORD, "\"the applicant\" refused", "naïve",
};

static void
test_search_migration (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RedressStore) store = NULL;
  g_autofree char *texts_before = NULL;
  g_autofree char *texts_after = NULL;
  g_autofree char *index_sql = NULL;
  sqlite3 *db;

  g_assert_true (redress_store_migrate_file_to (path, 10, &error));
  g_assert_no_error (error);
  db = test_open_raw (path);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, 10);
  pages = write_corpus (db);
  for (guint i = 0; i < G_N_ELEMENTS (migration_queries); i++)
    g_ptr_array_add (before, schema_10_search (db, migration_queries[i]));
  texts_before = test_query_text (db, "SELECT group_concat(id || ':' || text, '|') FROM "
                                      "(SELECT id, text FROM pages ORDER BY id)");
  sqlite3_close (db);

  store = redress_store_open (path, &error);
  g_assert_no_error (error);
  db = redress_store_get_handle (store);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), >=, 11);
  index_sql = test_query_text (db, "SELECT sql FROM sqlite_master WHERE name = 'pages_fts'");
  g_assert_nonnull (strstr (index_sql, "prefix"));

  /* Every page, its rowid and its text, indexed */
  texts_after = test_query_text (db, "SELECT group_concat(id || ':' || text, '|') FROM "
                                     "(SELECT id, text FROM pages ORDER BY id)");
  g_assert_cmpstr (texts_after, ==, texts_before);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM pages_fts"), ==,
                   N_DOCUMENTS * PAGES_PER_DOCUMENT);
  test_exec (db, "INSERT INTO pages_fts (pages_fts, rank) VALUES ('integrity-check', 1)");

  /* The same pages found, in the same order */
  for (guint i = 0; i < G_N_ELEMENTS (migration_queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, migration_queries[i]);
      g_autofree char *got = hit_pages (hits);
      g_autofree char *expected = brute_force (pages, migration_queries[i]);
      g_autofree char *got_set = hit_set (hits);

      g_assert_cmpstr (got, ==, g_ptr_array_index (before, i));
      g_assert_cmpstr (got_set, ==, expected);
    }

  /* And the triggers keep the new index in step */
  test_exec (db, "UPDATE pages SET text = 'gnarfleplotz' WHERE id = (SELECT min(id) FROM pages)");
  {
    g_autoptr(GPtrArray) hits = search (store, "gnarfle*");

    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/references", test_search_references);
  g_test_add_func ("/search/migration", test_search_migration);
  return g_test_run ();
}

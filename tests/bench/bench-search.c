/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Cross-case search over 100,000 indexed pages: 400 client files, 1,000
 * cases, 2,000 documents of 50 pages.  Clients and cases go through the
 * store; documents and pages are written with SQL in one transaction (the
 * triggers of data/sql/0005-documents.sql index each page as an import
 * does).  Page text: sentences of refusal letters and officer's notes, in
 * English and French, among words drawn from a Zipf distribution over a
 * 30,000-word vocabulary, about 230 words a page.  Then 40 queries of
 * every kind (common and rare words, accents, phrases, prefixes, several
 * words, and since schema 11 harder ones: prefixes matching every page,
 * words on every page) through redress_store_search_pages() with a limit
 * of 50, on a store opened afresh: the first pass, and four more.
 *
 * The reference, in the same run: a copy of the database indexed as
 * schema 10 indexed it (no prefix index), searched with the statements
 * schema 10's search ran (bm25 through FTS5's rank).  Sizes are of both
 * files vacuumed; times are paired query by query, the reference first
 * in every other pass.
 *
 * Exits 0 whatever the timings; non-zero only if a result is wrong.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "redress-store-private.h"

#define PROGRAM "bench-search"
#define N_CLIENTS 400
#define N_CASES 1000
#define N_DOCUMENTS 2000
#define PAGES_PER_DOCUMENT 50
#define N_PAGES (N_DOCUMENTS * PAGES_PER_DOCUMENT)
#define N_TAIL_WORDS 30000
#define WORDS_PER_PAGE 200
#define N_PASSES 5
#define LIMIT 50
#define TARGET_MS 20.0

/* Planted on exactly this many pages, to check the counts */
#define RARE_WORD "zyxvolte"
#define RARE_WORD_PAGES 7
#define RARE_PHRASE "lettre d’invitation notariée"
#define RARE_PHRASE_PAGES 12
#define SHORT_PREFIX "a*"

static const char *sentences[] = {
  "I am not satisfied that the applicant will leave Canada at the end of their stay.",
  "The applicant has not demonstrated sufficient funds for the proposed period of study.",
  "Purpose of visit is not consistent with a temporary stay given the details provided.",
  "The applicant's family ties in Canada and in their country of residence were weighed.",
  "Bank statements show large deposits shortly before the application without explanation.",
  "Employment prospects in the home country are limited and the applicant is unmarried.",
  "The study plan does not explain why this program is reasonable given prior studies.",
  "Travel history is limited to the region; no previous travel to Canada or the United States.",
  "Letter of acceptance from a designated learning institution was reviewed.",
  "The applicant did not provide evidence of tuition payment or a scholarship.",
  "Weighing the factors in this application, I am not satisfied that the applicant will "
    "depart Canada at the end of the period authorized for their stay.",
  "For the reasons above, I have refused this application.",
  "Procedural fairness letter sent; the response received did not address the concerns.",
  "The spouse and children remain in the country of residence.",
  "Information on file indicates previous refusals for a visitor visa.",
  "Je ne suis pas convaincu que le demandeur quittera le Canada à la fin de son séjour.",
  "Le demandeur n’a pas démontré qu’il dispose de fonds suffisants pour ses études.",
  "Cette décision est motivée par l’absence de liens familiaux à l’étranger.",
  "Les relevés bancaires présentent des dépôts importants sans explication.",
  "Le plan d’études ne justifie pas le choix de ce programme au Canada.",
  "Après examen de votre demande de permis d’études, j’ai déterminé que vous ne "
    "satisfaites pas aux exigences.",
  "Motifs de refus : but de la visite, situation financière, liens familiaux.",
  "L’agent a tenu compte de la lettre de l’employeur et de l’attestation de travail.",
  "La demande de permis de séjour temporaire est refusée.",
};

static const char *common_words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "applicant", "not", "has", "on",
  "with", "as", "was", "be", "by", "their", "canada", "application", "visa", "this", "have",
  "from", "or", "are", "it", "an", "officer", "study", "permit", "funds", "family", "travel",
  "employment", "stay", "temporary", "residence", "country", "evidence", "provided", "letter",
  "bank", "statement", "program", "school", "spouse", "children", "income", "tuition", "home",
  "previous", "refused", "decision", "review", "file", "submitted", "documents", "purpose",
  "visit", "ties", "return", "history", "financial", "support", "sponsor", "job", "offer",
  "le", "la", "de", "et", "les", "des", "du", "un", "une", "que", "pour", "pas", "demandeur",
  "agent", "décision", "études", "séjour", "fonds", "liens", "familiaux", "étranger", "refus",
  "motifs", "demande", "permis", "travail", "employeur", "relevés", "bancaires", "été",
  "déterminé", "exigences", "présentés", "reçu", "à", "où", "après", "être",
};

static const char *syllables[] = {
  "ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "zo", "pra", "tre", "gli", "bor", "den",
  "fal", "gor", "hin", "jul", "kem", "lar", "mon", "nur", "pel", "quin", "ros", "sil", "tam",
  "ven", "wil", "yar", "é", "è", "ou", "an", "on", "ri", "ta", "co", "du", "fi",
};

/* The vocabulary in order of frequency, and the cumulative Zipf weights */
typedef struct
{
  GPtrArray *words;
  double *cumulative;
} Vocabulary;

static void
vocabulary_init (Vocabulary *v,
                 GRand      *rand)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double total = 0;

  v->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      g_ptr_array_add (v->words, g_strdup (common_words[i]));
      g_hash_table_add (seen, (gpointer) common_words[i]);
    }
  while (v->words->len < G_N_ELEMENTS (common_words) + N_TAIL_WORDS)
    {
      GString *word = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 2, 5);

      for (guint s = 0; s < n; s++)
        g_string_append (word, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      if (g_hash_table_contains (seen, word->str))
        {
          g_string_free (word, TRUE);
          continue;
        }
      g_ptr_array_add (v->words, g_string_free (word, FALSE));
      g_hash_table_add (seen, g_ptr_array_index (v->words, v->words->len - 1));
    }

  v->cumulative = g_new (double, v->words->len);
  for (guint i = 0; i < v->words->len; i++)
    {
      total += 1.0 / (i + 1);
      v->cumulative[i] = total;
    }
  for (guint i = 0; i < v->words->len; i++)
    v->cumulative[i] /= total;
}

static const char *
vocabulary_pick (Vocabulary *v,
                 GRand      *rand)
{
  double x = g_rand_double (rand);
  guint low = 0, high = v->words->len - 1;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (v->cumulative[mid] < x)
        low = mid + 1;
      else
        high = mid;
    }
  return g_ptr_array_index (v->words, low);
}

static void
vocabulary_clear (Vocabulary *v)
{
  g_ptr_array_unref (v->words);
  g_free (v->cumulative);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      fprintf (stderr, "%s: %s: %s\n", PROGRAM, sql, message);
      bench_die (PROGRAM, "SQL", NULL);
    }
}

static sqlite3_stmt *
prepare_sql (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "%s: %s: %s\n", PROGRAM, sql, sqlite3_errmsg (db));
      bench_die (PROGRAM, "SQL", NULL);
    }
  return stmt;
}

static void
step_sql (sqlite3      *db,
          sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bench_die (PROGRAM, sqlite3_errmsg (db), NULL);
    }
  sqlite3_reset (stmt);
}

static gboolean
planted (guint page_index,
         guint n_planted)
{
  /* Spread over the whole range, one in every N_PAGES / n pages */
  return page_index % (N_PAGES / n_planted) == 17 && page_index / (N_PAGES / n_planted) < n_planted;
}

static void
build (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = redress_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) text = g_string_new (NULL);
  static const char blob_text[] = "%PDF-1.4 stand-in for the benchmark's documents";
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, blob_text, -1);
  Vocabulary vocabulary;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  if (store == NULL)
    bench_die (PROGRAM, "open", error);
  redress_store_set_actor (store, "bench");
  if (!redress_store_begin (store, &error))
    bench_die (PROGRAM, "begin", error);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(RedressClient) client = redress_client_new ();
      g_autofree char *family = g_strdup_printf ("Famille%03u", i);

      redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, family);
      redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Amélie");
      if (!redress_store_insert_client (store, client, &error))
        bench_die (PROGRAM, "insert client", error);
      for (guint c = 0; c < N_CASES / N_CLIENTS + (i < N_CASES % N_CLIENTS); c++)
        {
          g_autoptr(RedressCase) kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
          gint64 id;

          redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE,
                                    c % 2 ? "visitor-visa" : "study-permit");
          redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE,
                                    "2025-11-20");
          if (!redress_store_insert_case (store, kase, &error))
            bench_die (PROGRAM, "insert case", error);
          id = redress_record_get_id (REDRESS_RECORD (kase));
          g_array_append_val (case_ids, id);
        }
    }
  if (case_ids->len != N_CASES)
    bench_die (PROGRAM, "wrong number of cases", NULL);

  db = redress_store_get_handle (store);
  stmt = prepare_sql (db, "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) strlen (blob_text));
  sqlite3_bind_blob (stmt, 3, blob_text, (int) strlen (blob_text), SQLITE_STATIC);
  step_sql (db, stmt);
  sqlite3_finalize (stmt);

  stmt = prepare_sql (db, "INSERT INTO documents (id, case_id, kind, file_name, sha256, n_pages, "
                          "has_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, "
                          "'2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')");
  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *file_name = g_strdup_printf ("gcms-notes-%04u.pdf", d + 1);

      sqlite3_bind_int (stmt, 1, (int) d + 1);
      sqlite3_bind_int64 (stmt, 2, g_array_index (case_ids, gint64, d % N_CASES));
      sqlite3_bind_text (stmt, 3, d % 2 ? "refusal-letter" : "officer-notes", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, file_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, PAGES_PER_DOCUMENT);
      step_sql (db, stmt);
    }
  sqlite3_finalize (stmt);

  vocabulary_init (&vocabulary, rand);
  stmt = prepare_sql (db, "INSERT INTO pages (document_id, page_no, text, width, height) "
                          "VALUES (?, ?, ?, 612, 792)");
  for (guint p = 0; p < N_PAGES; p++)
    {
      g_string_truncate (text, 0);
      for (guint w = 0; w < WORDS_PER_PAGE; w++)
        {
          if (w % 50 == 0)
            {
              g_string_append (text, sentences[g_rand_int_range (rand, 0,
                                                                 G_N_ELEMENTS (sentences))]);
              g_string_append_c (text, '\n');
            }
          g_string_append (text, vocabulary_pick (&vocabulary, rand));
          g_string_append_c (text, w % 12 == 11 ? '\n' : ' ');
        }
      if (planted (p, RARE_WORD_PAGES))
        g_string_append (text, " " RARE_WORD);
      if (planted (p + 3, RARE_PHRASE_PAGES))
        g_string_append (text, "\nVoir la " RARE_PHRASE " jointe.");

      sqlite3_bind_int (stmt, 1, (int) (p / PAGES_PER_DOCUMENT) + 1);
      sqlite3_bind_int (stmt, 2, (int) (p % PAGES_PER_DOCUMENT) + 1);
      sqlite3_bind_text (stmt, 3, text->str, (int) text->len, SQLITE_STATIC);
      step_sql (db, stmt);
    }
  sqlite3_finalize (stmt);
  vocabulary_clear (&vocabulary);

  if (!redress_store_commit (store, &error))
    bench_die (PROGRAM, "commit", error);
  exec_sql (db, "PRAGMA wal_checkpoint(TRUNCATE)");
}

typedef struct
{
  const char *query;
  int expected;   /* -1: at least one hit */
} Query;

#define N_QUERIES 40

static const Query queries[] = {
  /* common words */
  { "applicant", -1 },
  { "the", -1 },
  { "canada", -1 },
  { "visa", -1 },
  { "travel history", -1 },
  { "bank statement funds", -1 },
  { "study permit refused", -1 },
  /* accents, either way */
  { "décision", -1 },
  { "decision", -1 },
  { "etudes sejour", -1 },
  { "ÉTRANGER", -1 },
  /* rare words */
  { RARE_WORD, RARE_WORD_PAGES },
  { "qqqzzzxxx", 0 },
  { "applicant " RARE_WORD, -1 },
  /* phrases */
  { "\"purpose of visit\"", -1 },
  { "\"not satisfied that the applicant will leave canada\"", -1 },
  { "\"family ties\"", -1 },
  { "\"motifs de refus\"", -1 },
  { "\"" RARE_PHRASE "\"", RARE_PHRASE_PAGES },
  { "\"liens familiaux\" étranger", -1 },
  /* prefixes */
  { "financ*", -1 },
  { "étud*", -1 },
  { "employ*", -1 },
  { SHORT_PREFIX, -1 },   /* every word starting with a: the worst case */
  { "ref*", -1 },
  /* several words, mixed */
  { "agent décision demandeur", -1 },
  { "spouse children residence", -1 },
  { "tuition scholarship evidence", -1 },
  { "\"procedural fairness\" response", -1 },
  { "lettre employeur attestation", -1 },
  /* harder ones, added with schema 11 */
  { "de*", -1 },          /* two letters: looked for as the word “de” */
  { "the*", -1 },         /* a prefix matching every page */
  { "pra*", -1 },         /* a prefix of hundreds of words */
  { "appl*", -1 },        /* a longer prefix matching every page */
  { "refus*", -1 },
  { "demand*", -1 },
  { "\"the\"", -1 },
  { "the of and to in", -1 },   /* words on every page */
  { "employ* financ* étud*", -1 },
  { "\"not satisfied that the applicant will leave canada\" refused", -1 },
};

/* The search of schema 10, for reference: the same statements as
 * redress_store_search_pages() ran then (bm25 through FTS5's rank), over
 * a copy of the database whose index has no prefix index */
static const char reference_window_sql[] =
  "SELECT min(rowid) FROM (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?1 "
  "ORDER BY rowid DESC LIMIT 1000)";
static const char reference_search_sql[] =
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
  "ORDER BY pages_fts.rank LIMIT ?2";
static const char reference_index_sql[] =
  "DROP TABLE pages_fts_words; DROP TABLE pages_fts; "
  "CREATE VIRTUAL TABLE pages_fts USING fts5 (text, content = 'pages', content_rowid = 'id', "
  "tokenize = 'unicode61 remove_diacritics 2'); "
  "INSERT INTO pages_fts (pages_fts) VALUES ('rebuild'); ";

/* Document id * 1000 + page number of each hit, in order */
static GArray *
reference_search (sqlite3    *db,
                  const char *query)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts = redress_search_query_to_fts (query);
  sqlite3_stmt *stmt;
  gint64 first_rowid;
  gboolean none;

  if (fts == NULL)
    return pages;
  stmt = prepare_sql (db, reference_window_sql);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    bench_die (PROGRAM, sqlite3_errmsg (db), NULL);
  none = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
  first_rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (none)
    return pages;

  stmt = prepare_sql (db, reference_search_sql);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, LIMIT);
  sqlite3_bind_int64 (stmt, 3, first_rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 6) * 1000 + sqlite3_column_int (stmt, 9);

      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  return pages;
}

static GArray *
hit_pages (GPtrArray *hits)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);
      gint64 page = redress_search_hit_get_document_id (hit) * 1000 +
                    redress_search_hit_get_page (hit);

      g_array_append_val (pages, page);
    }
  return pages;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* '=': the same pages in the same order; '~': the same pages; 'x': not */
static char
compare_pages (GArray *a,
               GArray *b)
{
  if (a->len != b->len)
    return 'x';
  if (memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0)
    return '=';
  g_array_sort (a, compare_gint64);
  g_array_sort (b, compare_gint64);
  return memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0 ? '~' : 'x';
}

/* Bytes of the whole file and of the full-text index's tables */
static void
measure_size (sqlite3 *db,
              double  *file_mb,
              double  *index_mb)
{
  sqlite3_stmt *stmt;

  exec_sql (db, "VACUUM");
  stmt = prepare_sql (db, "SELECT (SELECT page_count FROM pragma_page_count) * "
                          "(SELECT page_size FROM pragma_page_size), "
                          "(SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'pages_fts%')");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    bench_die (PROGRAM, sqlite3_errmsg (db), NULL);
  *file_mb = sqlite3_column_double (stmt, 0) / 1e6;
  *index_mb = sqlite3_column_double (stmt, 1) / 1e6;
  sqlite3_finalize (stmt);
}

static sqlite3 *
open_sql (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    bench_die (PROGRAM, sqlite3_errmsg (db), NULL);
  return db;
}

static double
median_of (const double *values,
           guint         n)
{
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (array, values, n);
  return bench_median (array);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bench_make_tmpdir (PROGRAM);
  g_autofree char *path = g_build_filename (dir, "redress.db", NULL);
  g_autofree char *reference_path = g_build_filename (dir, "reference.db", NULL);
  char *vacuum_into;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_first = g_array_new (FALSE, FALSE, sizeof (double));
  double times[G_N_ELEMENTS (queries)][N_PASSES];
  double reference_times[G_N_ELEMENTS (queries)][N_PASSES];
  guint n_hits[G_N_ELEMENTS (queries)];
  GArray *found[G_N_ELEMENTS (queries)][2];
  char same[G_N_ELEMENTS (queries)];
  double short_prefix_ms = 0, max_without_short_prefix = 0;
  double build_ms, reference_build_ms, open_ms, first_total = 0, first_max = 0;
  double later_total = 0, later_max = 0, reference_total = 0, reference_max = 0;
  double file_mb, index_mb, reference_file_mb, reference_index_mb;
  const char *first_slowest = "", *later_slowest = "", *reference_slowest = "";
  guint total_hits = 0;
  sqlite3 *reference;
  gint64 start;

  G_STATIC_ASSERT (G_N_ELEMENTS (queries) == N_QUERIES);

  start = g_get_monotonic_time ();
  build (path);
  build_ms = bench_ms_since (start);

  /* The reference: the same pages, indexed as schema 10 indexed them */
  start = g_get_monotonic_time ();
  reference = open_sql (path);
  vacuum_into = sqlite3_mprintf ("VACUUM INTO %Q", reference_path);
  exec_sql (reference, vacuum_into);
  measure_size (reference, &file_mb, &index_mb);
  sqlite3_close (reference);
  reference = open_sql (reference_path);
  exec_sql (reference, reference_index_sql);
  measure_size (reference, &reference_file_mb, &reference_index_mb);
  sqlite3_close (reference);
  reference_build_ms = bench_ms_since (start);
  sqlite3_free (vacuum_into);

  start = g_get_monotonic_time ();
  store = redress_store_open (path, &error);
  if (store == NULL)
    bench_die (PROGRAM, "open", error);
  open_ms = bench_ms_since (start);
  reference = open_sql (reference_path);

  {
    sqlite3 *dbs[] = { redress_store_get_handle (store), reference };

    for (guint i = 0; i < G_N_ELEMENTS (dbs); i++)
      {
        sqlite3_stmt *stmt = prepare_sql (dbs[i], "SELECT count(*) FROM pages_fts");
        int indexed = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;

        sqlite3_finalize (stmt);
        if (indexed != N_PAGES)
          {
            fprintf (stderr, "%s: %d pages indexed, expected %d\n", PROGRAM, indexed, N_PAGES);
            bench_die (PROGRAM, "index", NULL);
          }
      }
  }

  /* Each query on both, the reference first in every other pass, so
   * that both see the same load */
  for (guint pass = 0; pass < N_PASSES; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      for (guint side = 0; side < 2; side++)
        {
          gboolean ours = (side + pass) % 2 == 0;
          g_autoptr(GPtrArray) hits = NULL;
          double ms;

          if (!ours)
            {
              g_autoptr(GArray) pages = NULL;

              start = g_get_monotonic_time ();
              pages = reference_search (reference, queries[i].query);
              reference_times[i][pass] = bench_ms_since (start);
              if (pass == 0)
                found[i][1] = g_steal_pointer (&pages);
              continue;
            }

          start = g_get_monotonic_time ();
          hits = redress_store_search_pages (store, queries[i].query, LIMIT, &error);
          ms = bench_ms_since (start);
          if (hits == NULL)
            bench_die (PROGRAM, queries[i].query, error);
          times[i][pass] = ms;

          if ((queries[i].expected < 0 && hits->len == 0) ||
              (queries[i].expected >= 0 && hits->len != (guint) queries[i].expected))
            {
              fprintf (stderr, "%s: “%s” found %u pages, expected %d\n", PROGRAM,
                       queries[i].query, hits->len, queries[i].expected);
              bench_die (PROGRAM, "wrong results", NULL);
            }
          if (pass == 0)
            {
              found[i][0] = hit_pages (hits);
              n_hits[i] = hits->len;
            }
        }

  /* The pages found, against the reference's */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      same[i] = compare_pages (found[i][0], found[i][1]);
      g_array_unref (found[i][0]);
      g_array_unref (found[i][1]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    for (guint pass = 0; pass < N_PASSES; pass++)
      {
        double ms = times[i][pass];

        if (pass == 0)
          {
            total_hits += n_hits[i];
            g_array_append_val (first, ms);
            first_total += ms;
            if (ms > first_max)
              {
                first_max = ms;
                first_slowest = queries[i].query;
              }
            if (g_str_equal (queries[i].query, SHORT_PREFIX))
              short_prefix_ms = ms;
            else
              max_without_short_prefix = MAX (max_without_short_prefix, ms);
            g_array_append_val (reference_first, reference_times[i][pass]);
            reference_total += reference_times[i][pass];
            if (reference_times[i][pass] > reference_max)
              {
                reference_max = reference_times[i][pass];
                reference_slowest = queries[i].query;
              }
          }
        else
          {
            g_array_append_val (later, ms);
            later_total += ms;
            if (ms > later_max)
              {
                later_max = ms;
                later_slowest = queries[i].query;
              }
          }
      }

  printf ("Redress search benchmark: %d pages indexed (%d documents, %d cases, %d clients)\n",
          N_PAGES, N_DOCUMENTS, N_CASES, N_CLIENTS);
  printf ("  database (vacuumed) %6.1f MB, of which full-text index %6.1f MB\n",
          file_mb, index_mb);
  printf ("  reference, no prefix index (schema 10): %6.1f MB, index %6.1f MB; "
          "ratio %.2f, index %.2f\n", reference_file_mb, reference_index_mb,
          file_mb / reference_file_mb, index_mb / reference_index_mb);
  printf ("  build database (one transaction):            %8.0f ms\n", build_ms);
  printf ("  copy and reindex it as the reference:        %8.0f ms\n", reference_build_ms);
  printf ("  open the store:                              %8.1f ms\n", open_ms);
  printf ("  %u queries, limit %d, first pass:  average %6.2f ms   (target < %.0f ms: %s)\n",
          first->len, LIMIT, first_total / first->len, TARGET_MS,
          bench_verdict (first_total / first->len, TARGET_MS));
  printf ("                                     median  %6.2f ms\n", bench_median (first));
  printf ("                                     maximum %6.2f ms   (target < %.0f ms: %s) “%s”\n",
          first_max, TARGET_MS, bench_verdict (first_max, TARGET_MS), first_slowest);
  printf ("  the same without the one-letter prefix “a*”: average %6.2f ms, maximum %.2f ms\n",
          (first_total - short_prefix_ms) / (first->len - 1), max_without_short_prefix);
  printf ("  %u more runs of them:              average %6.2f ms, maximum %.2f ms “%s”\n",
          later->len, later_total / later->len, later_max, later_slowest);
  printf ("  reference (schema 10's search), first pass: average %6.2f ms, median %6.2f ms, "
          "maximum %.2f ms “%s”\n", reference_total / reference_first->len,
          bench_median (reference_first), reference_max, reference_slowest);
  printf ("  (%u hits in the first pass)\n", total_hits);
  printf ("  each query: first pass and median of %d, against the reference in the same run\n"
          "  (pages found: '=' the same in the same order, '~' the same, 'x' others: among\n"
          "  several words on more than 1000 pages, weights are estimated, see\n"
          "  redress-store-search.c)\n", N_PASSES);
  printf ("      first   median  reference  median   ratio  hits\n");
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      double ours = median_of (times[i], N_PASSES);
      double theirs = median_of (reference_times[i], N_PASSES);

      printf ("   %8.2f %8.2f   %8.2f %8.2f   %5.2f  %2u %c  %s\n", times[i][0], ours,
              reference_times[i][0], theirs, theirs > 0 ? ours / theirs : 0.0, n_hits[i],
              same[i], queries[i].query);
    }

  sqlite3_close (reference);
  g_clear_object (&store);
  bench_remove_tree (dir);
  return 0;
}

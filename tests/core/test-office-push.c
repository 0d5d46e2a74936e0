/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "redress-db-private.h"
#include "redress-office-push.h"
#include "test-util.h"

/*
 * Pushing a local database into the office database, against the server
 * that $REDRESS_TEST_PG names (build-aux/start-postgres.sh starts a
 * throwaway one; skipped without it): everything copied with new ids
 * beside what the office held, counts and hashes checked by SQL; a second
 * push refused for its file numbers; an office without the schema, a
 * local file that is not a whole Redress database, and a failure in the
 * middle or in the final check each leave the office database exactly as
 * it was.
 */

typedef struct
{
  PGconn *admin;
  char *dbname;
  char *target;      /* key=value address of the test's database */
  char *dir;         /* the local files */
  char *local;       /* a Redress database with a bit of everything */
} Fixture;

static const char *
server (void)
{
  const char *target = g_getenv ("REDRESS_TEST_PG");

  return target != NULL && *target != '\0' ? target : NULL;
}

static char *
server_option (const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (server (), NULL);
  char *value = NULL;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL)
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

static void
exec_on (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* The first value of @sql in the test's database */
static char *
db_value (Fixture    *f,
          const char *sql)
{
  PGconn *conn = PQconnectdb (f->target);
  PGresult *result;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  value = g_strdup (PQgetisnull (result, 0, 0) ? "(null)" : PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static void
db_exec (Fixture    *f,
         const char *sql)
{
  PGconn *conn = PQconnectdb (f->target);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  exec_on (conn, sql);
  PQfinish (conn);
}

/* Every row of every table of the office, in one text: equal before and
 * after means nothing was written */
static char *
office_snapshot (Fixture *f)
{
  static const char *tables[] = {
    "blobs", "case_grounds", "cases", "checklist_items", "clients", "documents", "events",
    "evidence", "file_numbers", "firm", "page_previews", "page_words", "pages",
  };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT '%s ' || count(*) || ' ' || "
                                              "coalesce (md5 (string_agg (t::text, ',' "
                                              "ORDER BY t::text)), '') FROM redress.%s t",
                                              tables[i], tables[i]);
      g_autofree char *line = db_value (f, sql);

      g_string_append_printf (all, "%s\n", line);
    }
  return g_string_free (all, FALSE);
}

static sqlite3 *
open_local (const char *path)
{
  sqlite3 *db = test_open_raw (path);

  g_assert_nonnull (db);
  return db;
}

/* A local database: the demo's four client files, the firm profile, and
 * on the first case a refusal letter of two pages (one read by OCR, with
 * its words and a preview), a ground read from it with evidence, and a
 * checklist item; on the second case a copy of the same letter (the same
 * bytes, stored once) */
static void
make_local (Fixture *f)
{
  static const char bytes[] = "%PDF-1.4\n% a refusal letter, for the office push tests\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);
  g_autofree char *sql = NULL;
  g_autoptr(GString) hex = g_string_new (NULL);
  guint n_clients = 0;
  sqlite3 *db;

  store = test_open_store (f->dir, "local.db");
  g_assert_true (redress_demo_populate (store, &n_clients, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_clients, ==, 4);
  g_clear_object (&store);

  for (const char *p = bytes; *p != '\0'; p++)
    g_string_append_printf (hex, "%02x", (guchar) *p);
  sql = g_strdup_printf (
    "INSERT INTO firm (id, name, address, licence, created_at, updated_at) VALUES "
    " (1, 'Cabinet Tremblay', '1 rue Principale', 'R123456', '2026-01-02T03:04:05Z',"
    "  '2026-01-02T03:04:05Z');"
    "INSERT INTO blobs (sha256, size, data) VALUES ('%s', %u, X'%s');"
    "INSERT INTO documents (id, case_id, kind, file_name, sha256, n_pages, has_text,"
    " pages_without_text, created_at, updated_at) VALUES"
    " (7, (SELECT min (id) FROM cases), 'refusal-letter', 'letter.pdf', '%s', 2, 1, 0,"
    "  '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z'),"
    " (9, (SELECT max (id) FROM cases), 'evidence', 'copy.pdf', '%s', 2, 1, 0,"
    "  '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z');"
    "INSERT INTO pages (document_id, page_no, text, width, height, rotation, text_source,"
    " ocr_language) VALUES"
    " (7, 1, 'Your application for a study permit is refused: Décision finale.', 612.25,"
    "  792.0, 0, 'layer', NULL),"
    " (7, 2, 'I am not satisfied that you will leave Canada.', 595.2755905511812, 841.89,"
    "  90, 'ocr', 'eng'),"
    " (9, 1, 'Your application for a study permit is refused: Décision finale.', 612.25,"
    "  792.0, 0, 'layer', NULL),"
    " (9, 2, 'I am not satisfied that you will leave Canada.', 612, 792, 0, 'layer', NULL);"
    "INSERT INTO page_words (page_id, n_words, words) VALUES"
    " ((SELECT id FROM pages WHERE document_id = 7 AND page_no = 2), 2, zeroblob (50));"
    "INSERT INTO page_previews (sha256, page_no, width, height, png) VALUES"
    " ('%s', 1, 100, 130, zeroblob (40));"
    "INSERT INTO case_grounds (case_id, code, state, origin, provision, quote, document_id,"
    " page, quote_start, quote_end, created_at, updated_at, source, in_letter) VALUES"
    " ((SELECT min (id) FROM cases), 'leave-canada', 'confirmed', 'detected', 'R179(b)',"
    "  'I am not satisfied that you will leave Canada.', 7, 2, 0, 46,"
    "  '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', 'letter', 1);"
    "INSERT INTO evidence (case_id, code, document_id, page, quote, created_at) VALUES"
    " ((SELECT min (id) FROM cases), 'leave-canada', 9, 1, 'study permit',"
    "  '2026-03-03T10:00:00Z');"
    "INSERT INTO checklist_items (case_id, path, code, template, state, due, position,"
    " created_at, updated_at) VALUES"
    " ((SELECT min (id) FROM cases), 'restoration', 'leave-canada', 'ties-proof', 'requested',"
    "  '2026-04-01', 0, '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z');",
    sha256, (guint) strlen (bytes), hex->str, sha256, sha256, sha256);

  db = open_local (f->local);
  test_exec (db, sql);
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *user = NULL;

  if (server () == NULL)
    return;
  f->admin = PQconnectdb (server ());
  if (PQstatus (f->admin) != CONNECTION_OK)
    g_error ("$REDRESS_TEST_PG: %s", PQerrorMessage (f->admin));
  f->dbname = g_strdup_printf ("redress_push_%d_%u", (int) getpid (), counter++);
  sql = g_strdup_printf ("CREATE DATABASE %s", f->dbname);
  exec_on (f->admin, sql);
  host = server_option ("host");
  port = server_option ("port");
  user = server_option ("user");
  f->target = g_strdup_printf ("host=%s port=%s user=%s dbname=%s", host ? host : "127.0.0.1",
                               port ? port : "5432", user, f->dbname);

  /* The schema, except for the test of an office without it */
  if (data == NULL)
    {
      office = redress_office_connect (f->target, &error);
      g_assert_no_error (error);
      g_assert_true (redress_office_init (office, NULL, &error));
      g_assert_no_error (error);
    }

  f->dir = test_make_tmpdir ();
  f->local = g_build_filename (f->dir, "local.db", NULL);
  make_local (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->admin != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->dbname);

      exec_on (f->admin, sql);
      PQfinish (f->admin);
    }
  if (f->dir != NULL)
    test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->local);
  g_free (f->dbname);
  g_free (f->target);
}

#define NEEDS_SERVER()                                                     \
  G_STMT_START {                                                           \
    if (server () == NULL)                                                 \
      {                                                                    \
        g_test_skip ("$REDRESS_TEST_PG is not set (build-aux/start-postgres.sh)"); \
        return;                                                            \
      }                                                                    \
  } G_STMT_END

static gboolean
push (Fixture                  *f,
      const char               *path,
      RedressOfficePushResult  *result,
      GError                  **error)
{
  g_autoptr(RedressOffice) office = redress_office_connect (f->target, error);

  if (office == NULL)
    return FALSE;
  return redress_office_push (office, path, NULL, NULL, result, error);
}

static void
push_ok (Fixture                 *f,
         RedressOfficePushResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (push (f, f->local, result, &error));
  g_assert_no_error (error);
}

/* @sql's first value in the local database */
static char *
local_value (Fixture    *f,
             const char *sql)
{
  sqlite3 *db = open_local (f->local);
  char *value = test_query_text (db, sql);

  sqlite3_close (db);
  return value;
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, ==, last[0] + 1);
  g_assert_cmpuint (done, <=, total);
  last[0] = done;
  last[1] = total;
}

/* Everything copied beside another consultant's file, with new ids */
static void
test_push_copies (Fixture       *f,
                  gconstpointer  data)
{
  static const char *counted[] = {
    "cases", "events", "documents", "pages", "page_words", "page_previews", "case_grounds",
    "evidence", "checklist_items",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressOffice) office = NULL;
  RedressOfficePushResult result = { 0 };
  guint64 progress[2] = { 0, 0 };
  g_autofree char *other_before = NULL;
  g_autofree char *other_after = NULL;
  g_autofree char *source_sha = NULL;
  gint64 year = 0;
  gint64 local_last = 0;

  NEEDS_SERVER ();

  /* Another consultant's file and the office's own counter */
  db_exec (f, "INSERT INTO redress.clients (file_number, family_name, given_names) VALUES "
              " ('1999-0001', 'Autre', 'Personne'), ('1999-0002', 'Encore', 'Quelqu''un');"
              "INSERT INTO redress.cases (client_id, application_type, decision_date) "
              " SELECT id, 'visitor-visa', '2025-05-05' FROM redress.clients;"
              "INSERT INTO redress.file_numbers VALUES (1999, 2)");
  /* The local counter of 2019 is new to the office; the office's counter
   * of the local file's year is behind it */
  {
    sqlite3 *db = open_local (f->local);
    g_autofree char *sql = NULL;

    year = test_query_int (db, "SELECT max (year) FROM file_numbers");
    local_last = test_query_int (db, "SELECT last FROM file_numbers WHERE year = "
                                     "(SELECT max (year) FROM file_numbers)");
    test_exec (db, "INSERT INTO file_numbers VALUES (2019, 5)");
    sqlite3_close (db);
    sql = g_strdup_printf ("INSERT INTO redress.file_numbers VALUES (%" G_GINT64_FORMAT ", 1)",
                           year);
    db_exec (f, sql);
  }
  other_before = db_value (f, "SELECT string_agg (t::text, ',' ORDER BY t::text) "
                              "FROM redress.clients t");

  source_sha = test_file_sha256 (f->local);
  office = redress_office_connect (f->target, &error);
  g_assert_no_error (error);
  g_assert_true (redress_office_push (office, f->local, on_progress, progress, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress[0], ==, progress[1]);
  g_assert_cmpuint (progress[1], >, 20);

  g_assert_cmpuint (result.n_clients, ==, 4);
  {
    g_autofree char *n_cases = local_value (f, "SELECT count(*) FROM cases");
    g_autofree char *n_bytes = local_value (f, "SELECT 2 * size FROM blobs");

    g_assert_cmpuint (result.n_cases, ==, g_ascii_strtoull (n_cases, NULL, 10));
    g_assert_cmpuint (result.n_bytes, ==, g_ascii_strtoull (n_bytes, NULL, 10));
  }
  g_assert_cmpuint (result.n_documents, ==, 2);
  g_assert_cmpuint (result.n_pages, ==, 4);
  g_assert_false (result.firm_kept);

  /* The local file was only read */
  {
    g_autofree char *after = test_file_sha256 (f->local);
    g_assert_cmpstr (after, ==, source_sha);
  }

  /* The other consultant's file as it was */
  other_after = db_value (f, "SELECT string_agg (t::text, ',' ORDER BY t::text) "
                             "FROM redress.clients t WHERE file_number LIKE '1999-%'");
  g_assert_cmpstr (other_after, ==, other_before);

  /* Counts per table: the office's rows beyond the other file's */
  {
    g_autofree char *office_clients = db_value (f, "SELECT count(*) - 2 FROM redress.clients");
    g_autofree char *local_clients = local_value (f, "SELECT count(*) FROM clients");

    g_assert_cmpstr (office_clients, ==, local_clients);
  }
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      g_autofree char *office_sql = g_strdup_printf (
        "SELECT count(*) - %d FROM redress.%s", g_str_equal (counted[i], "cases") ? 2 : 0,
        counted[i]);
      g_autofree char *local_sql = g_strdup_printf ("SELECT count(*) FROM %s", counted[i]);
      g_autofree char *in_office = db_value (f, office_sql);
      g_autofree char *in_local = local_value (f, local_sql);

      g_test_message ("%s: %s in the office, %s local", counted[i], in_office, in_local);
      g_assert_cmpstr (in_office, ==, in_local);
    }
  {
    g_autofree char *blobs = db_value (f, "SELECT count(*) FROM redress.blobs");
    g_assert_cmpstr (blobs, ==, "1");
  }

  /* Every document's bytes hash to its SHA-256, recomputed by the server */
  {
    g_autofree char *hashed = db_value (f, "SELECT count(*) FROM redress.documents d "
                                           "JOIN redress.blobs b ON b.sha256 = d.sha256 "
                                           "WHERE encode (sha256 (b.data), 'hex') = d.sha256");
    g_autofree char *local_sha = local_value (f, "SELECT sha256 FROM documents WHERE id = 7");
    g_autofree char *office_sha = db_value (f, "SELECT sha256 FROM redress.documents "
                                               "WHERE file_name = 'letter.pdf'");

    g_assert_cmpstr (hashed, ==, "2");
    g_assert_cmpstr (office_sha, ==, local_sha);
  }

  /* Each case with its own client file, each document with its case */
  {
#define PAIRS(agg, order, schema) \
    "SELECT " agg " (pair, ','" order ") FROM (SELECT cl.file_number || ' ' || " \
    "c.application_type || ' ' || c.decision_date AS pair FROM " schema "cases c JOIN " \
    schema "clients cl ON cl.id = c.client_id WHERE cl.file_number NOT LIKE '1999-%'" \
    " ORDER BY 1) t"
    g_autofree char *office_sql = g_strdup (PAIRS ("string_agg", " ORDER BY pair", "redress."));
    g_autofree char *local_sql = g_strdup (PAIRS ("group_concat", "", ""));
#undef PAIRS
    g_autofree char *in_office = db_value (f, office_sql);
    g_autofree char *in_local = local_value (f, local_sql);
    g_autofree char *docs = db_value (f, "SELECT string_agg (cl.file_number || ' ' || "
                                         "d.file_name, ',' ORDER BY d.file_name) FROM "
                                         "redress.documents d JOIN redress.cases c ON c.id = "
                                         "d.case_id JOIN redress.clients cl ON cl.id = c.client_id");
    g_autofree char *local_docs = local_value (f, "SELECT group_concat (fn, ',') FROM ("
                                                  "SELECT cl.file_number || ' ' || d.file_name "
                                                  "AS fn FROM documents d JOIN cases c ON c.id "
                                                  "= d.case_id JOIN clients cl ON cl.id = "
                                                  "c.client_id ORDER BY d.file_name)");

    g_assert_cmpstr (in_office, ==, in_local);
    g_assert_cmpstr (docs, ==, local_docs);
  }

  /* The ground, its evidence and the checklist follow their documents */
  {
    g_autofree char *ground = db_value (f, "SELECT d.file_name || ' ' || g.page || ' ' || "
                                           "g.state || ' ' || g.in_letter FROM "
                                           "redress.case_grounds g JOIN redress.documents d "
                                           "ON d.id = g.document_id");
    g_autofree char *evidence = db_value (f, "SELECT d.file_name || ' ' || (e.case_id = "
                                             "g.case_id) FROM redress.evidence e JOIN "
                                             "redress.documents d ON d.id = e.document_id "
                                             "JOIN redress.case_grounds g ON g.code = e.code");
    g_autofree char *item = db_value (f, "SELECT template || ' ' || state || ' ' || due || "
                                         "' ' || (case_id = (SELECT case_id FROM "
                                         "redress.case_grounds)) FROM redress.checklist_items");
    g_autofree char *words = db_value (f, "SELECT p.page_no || ' ' || p.text_source || ' ' || "
                                          "octet_length (w.words) FROM redress.page_words w "
                                          "JOIN redress.pages p ON p.id = w.page_id");
    g_autofree char *size = db_value (f, "SELECT width::text FROM redress.pages "
                                         "WHERE rotation = 90");

    g_assert_cmpstr (ground, ==, "letter.pdf 2 confirmed true");
    g_assert_cmpstr (evidence, ==, "copy.pdf true");
    g_assert_cmpstr (item, ==, "ties-proof requested 2026-04-01 true");
    g_assert_cmpstr (words, ==, "2 ocr 50");
    g_assert_cmpstr (size, ==, "595.2755905511812");
  }

  /* The pages are searchable, accents folded */
  {
    g_autofree char *found = db_value (f, "SELECT count(*) FROM redress.pages WHERE "
                                          "text_search @@ to_tsquery ('simple', 'decision')");
    g_assert_cmpstr (found, ==, "2");
  }

  /* The firm profile (the office had none), the counters merged */
  {
    g_autofree char *firm = db_value (f, "SELECT name || ' ' || licence FROM redress.firm");
    g_autofree char *counters = db_value (f, "SELECT string_agg (year || ':' || last, ' ' "
                                             "ORDER BY year) FROM redress.file_numbers");
    g_autofree char *expected = g_strdup_printf ("1999:2 2019:5 %" G_GINT64_FORMAT ":%"
                                                 G_GINT64_FORMAT, year, local_last);

    g_assert_cmpstr (firm, ==, "Cabinet Tremblay R123456");
    g_assert_cmpstr (counters, ==, expected);
  }
}

/* The same file pushed twice: refused, naming the numbers, nothing written */
static void
test_push_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RedressOfficePushResult result = { 0 };

  NEEDS_SERVER ();
  push_ok (f, &result);
  before = office_snapshot (f);

  g_assert_false (push (f, f->local, &result, &error));
  g_assert_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_CLASH);
  g_test_message ("%s", error->message);
  {
    g_autofree char *numbers = local_value (f, "SELECT group_concat (file_number, ', ') FROM "
                                               "(SELECT file_number FROM clients ORDER BY 1)");
    g_autofree char *expected = g_strdup_printf ("already holds client files numbered %s, so",
                                                 numbers);

    g_assert_nonnull (strstr (error->message, expected));
  }
  g_assert_nonnull (strstr (error->message, "nothing was pushed"));
  after = office_snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* One number in common is enough */
  {
    sqlite3 *db = open_local (f->local);

    test_exec (db, "UPDATE clients SET file_number = 'L-' || file_number "
                   "WHERE id <> (SELECT max (id) FROM clients)");
    sqlite3_close (db);
  }
  g_clear_error (&error);
  g_assert_false (push (f, f->local, &result, &error));
  g_assert_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_CLASH);
  {
    g_autofree char *number = local_value (f, "SELECT file_number FROM clients "
                                              "WHERE id = (SELECT max (id) FROM clients)");
    g_autofree char *expected = g_strdup_printf ("a client file numbered %s, so", number);

    g_assert_nonnull (strstr (error->message, expected));
  }
  g_clear_pointer (&after, g_free);
  after = office_snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* An office database without the schema: refused, nothing made */
static void
test_push_not_initialized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *schemas = NULL;

  NEEDS_SERVER ();
  g_assert_false (push (f, f->local, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_ERROR, REDRESS_OFFICE_ERROR_NOT_INITIALIZED);
  g_assert_nonnull (strstr (error->message, "redress-cli office init"));
  schemas = db_value (f, "SELECT count(*) FROM pg_namespace WHERE nspname = 'redress'");
  g_assert_cmpstr (schemas, ==, "0");
}

/* A local file that is not a whole, current Redress database: refused
 * with the store's own words, the office and the file as they were */
static void
test_push_bad_source (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *older = g_build_filename (f->dir, "older.db", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *local_bytes = NULL;
  gsize local_len = 0;
  struct {
    const char *path;
    GQuark domain;
    int code;
    const char *words;
  } cases[] = {
    { empty, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS, "is empty: it is not a Redress" },
    { text, REDRESS_ERROR, REDRESS_ERROR_DAMAGED, NULL },
    { missing, REDRESS_ERROR, REDRESS_ERROR_OPEN, "There is no file" },
    { f->dir, REDRESS_ERROR, REDRESS_ERROR_OPEN, "is a folder" },
    { other, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS, "database of another program" },
    { newer, REDRESS_ERROR, REDRESS_ERROR_TOO_NEW, "newer version of Redress" },
    { older, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_SOURCE_OUTDATED,
      "older Redress (schema 11)" },
    { cut, REDRESS_ERROR, REDRESS_ERROR_DAMAGED, "incomplete" },
    { damaged, REDRESS_ERROR, REDRESS_ERROR_DAMAGED, "is damaged" },
  };
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  NEEDS_SERVER ();
  before = office_snapshot (f);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (text, "Notes of a meeting, not a database.\n"
                                      "Nothing here is SQLite, and it is long enough to have "
                                      "a header of a hundred bytes, which SQLite reads to see "
                                      "whether it is one of its files.\n", -1, NULL));
  db = open_local (other);
  test_exec (db, "CREATE TABLE songs (title TEXT)");
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->local, &local_bytes, &local_len, NULL));
  g_assert_true (g_file_set_contents (newer, local_bytes, (gssize) local_len, NULL));
  db = open_local (newer);
  test_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  g_assert_true (redress_db_migrate_file_to (older, 11, &error));
  g_assert_no_error (error);
  db = open_local (older);
  test_exec (db, "PRAGMA application_id = 1380209235");
  sqlite3_close (db);
  g_assert_true (g_file_set_contents (cut, local_bytes, (gssize) local_len - 100, NULL));
  /* A page of the clients table overwritten */
  {
    g_autofree char *bytes = g_memdup2 (local_bytes, local_len);
    db = open_local (f->local);
    gint64 page_size = test_query_int (db, "PRAGMA page_size");
    gint64 root = test_query_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'clients'");
    sqlite3_close (db);
    g_assert_cmpint (root * page_size, <=, (gint64) local_len);
    memset (bytes + (root - 1) * page_size + 8, 0x5a, (gsize) page_size - 8);
    g_assert_true (g_file_set_contents (damaged, bytes, (gssize) local_len, NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sha_before = test_file_exists (cases[i].path) &&
                                    !g_file_test (cases[i].path, G_FILE_TEST_IS_DIR)
                                    ? test_file_sha256 (cases[i].path) : NULL;
      g_autofree char *sha_after = NULL;
      g_autofree char *after = NULL;

      g_clear_error (&error);
      g_test_message ("%s", cases[i].path);
      g_assert_false (push (f, cases[i].path, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].words));
      after = office_snapshot (f);
      g_assert_cmpstr (after, ==, before);
      if (sha_before != NULL)
        {
          sha_after = test_file_sha256 (cases[i].path);
          g_assert_cmpstr (sha_after, ==, sha_before);
        }
    }
  g_assert_false (test_file_exists (missing));
}

/* A failure in the middle, or found by the final check, leaves the
 * office database exactly as it was */
static void
test_push_fails_midway (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    const char *sabotage;
    const char *undo;
    int code;
    const char *words;
  } cases[] = {
    /* The second page of a document refused */
    { "ALTER TABLE redress.pages ADD CONSTRAINT no_second_page CHECK (page_no < 2)",
      "ALTER TABLE redress.pages DROP CONSTRAINT no_second_page",
      REDRESS_OFFICE_PUSH_ERROR_REFUSED, "refused a row of “pages”" },
    /* The last table refused */
    { "ALTER TABLE redress.checklist_items ADD CONSTRAINT nothing_due CHECK (due IS NULL)",
      "ALTER TABLE redress.checklist_items DROP CONSTRAINT nothing_due",
      REDRESS_OFFICE_PUSH_ERROR_REFUSED, "refused a row of “checklist_items”" },
    /* A page silently dropped: no id to map */
    { "CREATE FUNCTION redress.drop_row () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  IF NEW.page_no = 2 THEN RETURN NULL; END IF; RETURN NEW; END $$; "
      "CREATE TRIGGER drop_row BEFORE INSERT ON redress.pages "
      "  FOR EACH ROW EXECUTE FUNCTION redress.drop_row ()",
      "DROP TRIGGER drop_row ON redress.pages; DROP FUNCTION redress.drop_row ()",
      REDRESS_OFFICE_PUSH_ERROR_REFUSED, "did not keep a row of “pages”" },
    /* The words of a page silently dropped: the counts differ */
    { "CREATE FUNCTION redress.drop_row () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  RETURN NULL; END $$; "
      "CREATE TRIGGER drop_row BEFORE INSERT ON redress.page_words "
      "  FOR EACH ROW EXECUTE FUNCTION redress.drop_row ()",
      "DROP TRIGGER drop_row ON redress.page_words; DROP FUNCTION redress.drop_row ()",
      REDRESS_OFFICE_PUSH_ERROR_MISMATCH, "rows of “page_words”" },
    /* A document's bytes changed on the way (the same length): the hash differs */
    { "CREATE FUNCTION redress.spoil () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  NEW.data := overlay (NEW.data PLACING '\\x00'::bytea FROM 3 FOR 1); "
      "  RETURN NEW; END $$; "
      "CREATE TRIGGER spoil BEFORE INSERT ON redress.blobs "
      "  FOR EACH ROW EXECUTE FUNCTION redress.spoil ()",
      "DROP TRIGGER spoil ON redress.blobs; DROP FUNCTION redress.spoil ()",
      REDRESS_OFFICE_PUSH_ERROR_MISMATCH, "The bytes of “" },
  };
  g_autofree char *before = NULL;

  NEEDS_SERVER ();
  db_exec (f, "INSERT INTO redress.clients (file_number, family_name, given_names) VALUES "
              " ('1999-0001', 'Autre', 'Personne')");
  before = office_snapshot (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      db_exec (f, cases[i].sabotage);
      g_assert_false (push (f, f->local, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_error (error, REDRESS_OFFICE_PUSH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_nonnull (strstr (error->message, "nothing was pushed"));
      db_exec (f, cases[i].undo);
      after = office_snapshot (f);
      g_assert_cmpstr (after, ==, before);
    }

  /* Without the sabotage, the same file goes in */
  push_ok (f, NULL);
}

/* A local document whose bytes are not those of its SHA-256 */
static void
test_push_local_bytes_damaged (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  NEEDS_SERVER ();
  db = open_local (f->local);
  test_exec (db, "UPDATE blobs SET data = CAST (upper (CAST (data AS TEXT)) AS BLOB)");
  sqlite3_close (db);
  before = office_snapshot (f);

  g_assert_false (push (f, f->local, NULL, &error));
  g_assert_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_SOURCE_DAMAGED);
  after = office_snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* The office's own firm profile is kept */
static void
test_push_keeps_firm (Fixture       *f,
                      gconstpointer  data)
{
  RedressOfficePushResult result = { 0 };
  g_autofree char *firm = NULL;

  NEEDS_SERVER ();
  db_exec (f, "INSERT INTO redress.firm (id, name) VALUES (1, 'Office LLP')");
  push_ok (f, &result);
  g_assert_true (result.firm_kept);
  firm = db_value (f, "SELECT name FROM redress.firm");
  g_assert_cmpstr (firm, ==, "Office LLP");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/office/push/copies", Fixture, NULL, fixture_setup, test_push_copies,
              fixture_teardown);
  g_test_add ("/office/push/twice", Fixture, NULL, fixture_setup, test_push_twice,
              fixture_teardown);
  g_test_add ("/office/push/not-initialized", Fixture, "no schema", fixture_setup,
              test_push_not_initialized, fixture_teardown);
  g_test_add ("/office/push/bad-source", Fixture, NULL, fixture_setup, test_push_bad_source,
              fixture_teardown);
  g_test_add ("/office/push/fails-midway", Fixture, NULL, fixture_setup,
              test_push_fails_midway, fixture_teardown);
  g_test_add ("/office/push/local-bytes-damaged", Fixture, NULL, fixture_setup,
              test_push_local_bytes_damaged, fixture_teardown);
  g_test_add ("/office/push/keeps-firm", Fixture, NULL, fixture_setup, test_push_keeps_firm,
              fixture_teardown);

  return g_test_run ();
}

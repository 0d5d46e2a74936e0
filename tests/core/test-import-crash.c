/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "redress-store-documents.h"
#include "redress-store-private.h"
#include "test-pdf-util.h"
#include "test-util.h"

/*
 * kill -9 of a process in the middle of an import, at several moments
 * (while poppler reads, or OCR reads a scanned page, and from the moment
 * the text has been read, while the database is written): the database then passes integrity_check and
 * holds the whole document (every page, its index, its bytes, its timeline
 * line) or nothing of it.
 *
 * The importing process is this program run with --import-child.
 */

typedef struct
{
  char *dir;
  char *template_db;
  char *pdf;
  guint n_pages;
  gint64 pdf_size;
} Fixture;

static char *self_path;

/* The child ------------------------------------------------------------- */

static void
on_child_progress (guint    done,
                   guint    total,
                   gpointer data)
{
  if (total > 0 && done == total)
    g_print ("extracted\n");
  else
    g_print ("page %u/%u\n", done, total);
  fflush (stdout);
}

static int
import_child (const char *db,
              const char *pdf)
{
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = redress_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!redress_store_import_document (store, 1, REDRESS_DOCUMENT_OFFICER_NOTES, pdf, NULL,
                                      on_child_progress, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("stored\n");
  return 0;
}

/* The test -------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *corpus = test_corpus_dir ();
  g_autofree char *corpus_pdf = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressCase) kase = NULL;
  GStatBuf st;

  f->dir = test_make_tmpdir ();
  f->template_db = g_build_filename (f->dir, "template.db", NULL);

  if (corpus != NULL)
    corpus_pdf = g_build_filename (corpus, "long_freeculture-352p.pdf", NULL);
  if (corpus_pdf != NULL && g_file_test (corpus_pdf, G_FILE_TEST_IS_REGULAR))
    {
      f->pdf = g_steal_pointer (&corpus_pdf);
      f->n_pages = 352;
    }
  else
    {
      f->pdf = g_build_filename (f->dir, "long.pdf", NULL);
      f->n_pages = 300;
      test_pdf_write_long (f->pdf, f->n_pages);
    }
  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  f->pdf_size = st.st_size;
  g_test_message ("importing %s (%u pages)", f->pdf, f->n_pages);

  /* A database with one case (id 1), closed: one file, no -wal */
  store = test_open_store (f->dir, "template.db");
  client = test_add_client (store, "Haddad", "Yasmin", NULL);
  kase = test_add_case (store, redress_record_get_id (REDRESS_RECORD (client)),
                        "visitor-visa", "2026-02-01");
  g_assert_cmpint (redress_record_get_id (REDRESS_RECORD (kase)), ==, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->template_db);
  g_free (f->pdf);
}

static char *
fresh_database (Fixture    *f,
                const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  gsize length;

  g_file_get_contents (f->template_db, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

typedef enum
{
  FROM_START,        /* after the child started */
  FROM_EXTRACTED,    /* after it said the text was read: the write follows */
} Moment;

static GSubprocess *
spawn_child (const char        *db,
             const char        *pdf,
             GDataInputStream **lines)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--import-child", db, pdf, NULL);
  g_assert_no_error (error);
  *lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  return child;
}

/* Reads the child's lines up to @wanted; FALSE at the end of its output */
static gboolean
wait_for_line (GDataInputStream *lines,
               const char       *wanted)
{
  char *line;

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean found = g_str_equal (line, wanted);

      g_free (line);
      if (found)
        return TRUE;
    }
  return FALSE;
}

/* Runs the child and kills it (SIGKILL) at the moment; returns whether it
 * had ended on its own before */
static gboolean
run_and_kill (const char *db,
              const char *pdf,
              Moment      moment,
              gint64      delay_us)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocess) child = spawn_child (db, pdf, &lines);
  g_autoptr(GError) error = NULL;

  if (moment == FROM_EXTRACTED)
    g_assert_true (wait_for_line (lines, "extracted"));
  g_usleep ((gulong) delay_us);
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (child))
    return TRUE;
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  return FALSE;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* Returns whether the document is there (whole) */
static gboolean
check_database (Fixture    *f,
                const char *db_path)
{
  sqlite3 *db = test_open_raw (db_path);
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = test_query_text (db, "PRAGMA integrity_check");
  gint64 n_documents;

  g_assert_cmpstr (integrity, ==, "ok");
  n_documents = test_query_int (db, "SELECT count(*) FROM documents");
  g_assert_cmpint (n_documents, <=, 1);
  if (n_documents == 1)
    {
      g_assert_cmpint (test_query_int (db, "SELECT n_pages FROM documents"), ==, f->n_pages);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM pages"), ==, f->n_pages);
      g_assert_cmpint (test_query_int (db, "SELECT size FROM blobs"), ==, f->pdf_size);
      g_assert_cmpint (test_query_int (db, "SELECT length(data) FROM blobs"), ==, f->pdf_size);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM events "
                                           "WHERE entity = 'document'"), ==, 1);
    }
  else
    {
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM pages"), ==, 0);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM blobs"), ==, 0);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM events "
                                           "WHERE entity = 'document'"), ==, 0);
    }
  /* The index agrees with the pages */
  test_exec (db, "INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')");
  sqlite3_close (db);

  /* Redress opens it and finds it sound */
  store = redress_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (redress_store_check (store, &error));
  g_assert_no_error (error);
  return n_documents == 1;
}

static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  /* While poppler reads (ms from the start), then while the database is
   * written (fractions of the time a complete write took) */
  const guint from_start_ms[] = { 50, 150, 400 };
  const double during_write[] = { 0, 0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0, 1.5 };
  guint whole = 0, nothing = 0, mid_write = 0;
  gint64 write_us;

  /* Left alone, the import completes: how long does its write take? */
  {
    g_autofree char *db = fresh_database (f, "complete.db");
    g_autoptr(GDataInputStream) lines = NULL;
    g_autoptr(GSubprocess) child = spawn_child (db, f->pdf, &lines);
    g_autoptr(GError) error = NULL;
    gint64 extracted;

    g_assert_true (wait_for_line (lines, "extracted"));
    extracted = g_get_monotonic_time ();
    g_assert_true (wait_for_line (lines, "stored"));
    write_us = MAX (g_get_monotonic_time () - extracted, 1000);
    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (check_database (f, db));
    g_test_message ("a complete import writes for %.1f ms once the text is read",
                    write_us / 1000.0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (from_start_ms) + G_N_ELEMENTS (during_write); i++)
    {
      g_autofree char *name = g_strdup_printf ("killed-%u.db", i);
      g_autofree char *db = fresh_database (f, name);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      gboolean at_start = i < G_N_ELEMENTS (from_start_ms);
      gint64 delay_us = at_start
        ? from_start_ms[i] * G_GINT64_CONSTANT (1000)
        : (gint64) (during_write[i - G_N_ELEMENTS (from_start_ms)] * write_us);
      gboolean finished = run_and_kill (db, f->pdf, at_start ? FROM_START : FROM_EXTRACTED,
                                        delay_us);
      /* Frames of the unfinished transaction left in the log: the kill
       * came while the document was being written */
      gint64 wal_size = file_size (wal);
      gboolean stored = check_database (f, db);

      if (!stored && wal_size > 0)
        mid_write++;
      g_test_message ("killed %.1f ms after %s: %s%s (log %" G_GINT64_FORMAT " bytes)",
                      delay_us / 1000.0, at_start ? "the start" : "the text was read",
                      stored ? "whole document" : "nothing",
                      finished ? ", had finished" : "", wal_size);
      if (stored)
        whole++;
      else
        nothing++;
    }
  g_test_message ("%u kills: %u whole documents, %u without a trace (%u of them in the middle "
                  "of writing it)", whole + nothing, whole, nothing, mid_write);
}

/* The reading processes @pid started (their parent is @pid) */
static GArray *
children_of (GPid pid)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *end;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      end = strrchr (stat, ')');
      if (end != NULL && g_ascii_strtoll (end + 4, NULL, 10) == pid)
        {
          int child = (int) g_ascii_strtoll (name, NULL, 10);

          g_array_append_val (children, child);
        }
    }
  return children;
}

/* kill -9 while scanned pages are read by OCR, and while what OCR read is
 * written: the whole document or nothing, and no reading process left */
static void
test_kill_during_ocr (Fixture       *f,
                      gconstpointer  data)
{
  const char *letter =
    "Dear applicant,\nYour application for a study permit has been refused. I am not "
    "satisfied that you will leave Canada at the end of your stay, based on the purpose of "
    "your visit and your personal assets and financial status.";
  TestPdfPage pages[3] = {
    { 612, 792, letter, FALSE }, { 612, 792, letter, FALSE }, { 612, 792, letter, FALSE },
  };
  const guint after_ms[] = { 300, 1200, 2500 };
  GStatBuf st;
  guint whole = 0;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  g_free (f->pdf);
  f->pdf = test_pdf_write_scan (f->dir, "scan", pages, G_N_ELEMENTS (pages), 0);
  f->n_pages = G_N_ELEMENTS (pages);
  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  f->pdf_size = st.st_size;

  for (guint i = 0; i < G_N_ELEMENTS (after_ms) + 1; i++)
    {
      g_autofree char *name = g_strdup_printf ("ocr-killed-%u.db", i);
      g_autofree char *db = fresh_database (f, name);
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(GSubprocess) child = spawn_child (db, f->pdf, &lines);
      g_autoptr(GArray) readers = NULL;
      g_autoptr(GError) error = NULL;
      gboolean stored;

      /* The last time, once all is read: while it is written */
      if (i == G_N_ELEMENTS (after_ms))
        g_assert_true (wait_for_line (lines, "extracted"));
      else
        g_usleep (after_ms[i] * 1000);
      readers = children_of ((GPid) g_ascii_strtoll (g_subprocess_get_identifier (child), NULL,
                                                     10));
      g_subprocess_force_exit (child);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);

      /* The reader dies with the importer */
      for (guint r = 0; r < readers->len; r++)
        {
          g_autofree char *proc = g_strdup_printf ("/proc/%d", g_array_index (readers, int, r));
          gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

          while (g_file_test (proc, G_FILE_TEST_EXISTS) &&
                 g_get_monotonic_time () < deadline)
            g_usleep (10000);
          g_assert_false (g_file_test (proc, G_FILE_TEST_EXISTS));
        }

      stored = check_database (f, db);
      whole += stored;
      g_test_message ("killed %s, %u reading process(es) at the time: %s",
                      i < G_N_ELEMENTS (after_ms) ? "while reading" : "while writing",
                      readers->len, stored ? "whole document" : "nothing");
    }
  g_test_message ("%u of %u kills left the whole document", whole,
                  (guint) G_N_ELEMENTS (after_ms) + 1);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--import-child"))
    return import_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_canonicalize_filename (argv[0], NULL);

  g_test_add ("/import-crash/kill", Fixture, NULL, fixture_setup, test_kill, fixture_teardown);
  g_test_add ("/import-crash/kill-during-ocr", Fixture, NULL, fixture_setup, test_kill_during_ocr,
              fixture_teardown);

  return g_test_run ();
}

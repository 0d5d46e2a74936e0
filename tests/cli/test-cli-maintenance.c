/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * The database itself: check, backup, restore, demo, a database too new,
 * damaged, empty or read-only, and a full disk.
 */

static void
assert_no_wal (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *text = fixture_path (f, "notes.txt");
  g_autofree char *other = fixture_path (f, "other.sqlite");
  g_autofree char *sha = NULL;
  g_autofree char *sha_after = NULL;
  const char *text_args[] = { "--database", text, "check", NULL };
  const char *other_args[] = { "--database", other, "check", NULL };

  /* No database yet: said so, and none is created */
  r = run_cli (f, "check", NULL);
  assert_error (r, 1, "no database");
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&r, result_free);

  add_client (f, "Okafor", "Chidinma");
  r = run_cli (f, "check", NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^ok \\(schema [1-9][0-9]*\\)\n$", r->out, 0, 0));
  g_clear_pointer (&r, result_free);

  /* Not a database, and another program's database: refused, untouched */
  g_file_set_contents (text, "Not a database at all\n", -1, NULL);
  sha = file_sha256 (text);
  r = run_argv (f, FALSE, NULL, NULL, text_args);
  assert_error (r, 1, "is not a Redress database, or it is damaged");
  sha_after = file_sha256 (text);
  g_assert_cmpstr (sha, ==, sha_after);
  g_clear_pointer (&r, result_free);
  g_clear_pointer (&sha, g_free);
  g_clear_pointer (&sha_after, g_free);

  sql_exec (other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
  sha = file_sha256 (other);
  r = run_argv (f, FALSE, NULL, NULL, other_args);
  assert_error (r, 1, "database of another program");
  sha_after = file_sha256 (other);
  g_assert_cmpstr (sha, ==, sha_after);
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) before = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(Result) cases_before = NULL;
  g_autoptr(Result) cases_after = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *backup = fixture_path (f, "backup.redress");
  g_autofree char *sha_backup = NULL;
  g_autofree char *sha_after = NULL;
  const char *kept_args[] = { "--database", NULL, "client", "list", "--json", NULL };
  gint64 id;

  id = add_client (f, "Okafor", "Chidinma");
  add_case (f, id, "study-permit", "2026-10-02");
  add_client (f, "Haddad", "Karim");

  r = run_cli (f, "backup", backup, NULL);
  assert_status (r, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&r, result_free);
  before = run_cli (f, "client", "list", "--json", NULL);
  assert_status (before, 0);
  cases_before = run_cli (f, "case", "list", "--json", NULL);
  assert_status (cases_before, 0);
  sha_backup = file_sha256 (backup);

  /* Work after the backup */
  add_client (f, "Late", "Lucy");
  r = run_cli (f, "client", "set", "1", "--email", "c.okafor@example.com", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_cmpuint (count_clients (f, FALSE), ==, 3);

  r = run_cli (f, "restore", backup, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "kept as"));
  kept = files_with_prefix (f, "redress.db.before-restore-");
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_nonnull (strstr (r->out, g_ptr_array_index (kept, 0)));
  g_clear_pointer (&r, result_free);

  /* The data of the backup, exactly */
  after = run_cli (f, "client", "list", "--json", NULL);
  assert_status (after, 0);
  g_assert_cmpstr (after->out, ==, before->out);
  cases_after = run_cli (f, "case", "list", "--json", NULL);
  g_assert_cmpstr (cases_after->out, ==, cases_before->out);
  root = parse_json (after->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "check", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  /* The backup itself was not changed */
  sha_after = file_sha256 (backup);
  g_assert_cmpstr (sha_backup, ==, sha_after);

  /* The replaced database was kept, with the later work in it */
  kept_args[1] = g_ptr_array_index (kept, 0);
  r = run_argv (f, FALSE, NULL, NULL, kept_args);
  assert_status (r, 0);
  root = parse_json (r->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  g_clear_pointer (&r, result_free);

  /* A backup cannot replace the database itself */
  r = run_cli (f, "backup", f->db, NULL);
  assert_error (r, 1, "cannot replace the database");
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) before = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *text = fixture_path (f, "backup.txt");
  g_autofree char *empty = fixture_path (f, "empty.db");
  g_autofree char *missing = fixture_path (f, "missing.db");
  g_autofree char *sha = NULL;
  g_autofree char *sha_after = NULL;

  add_client (f, "Okafor", "Chidinma");
  before = run_cli (f, "client", "list", "--json", NULL);
  assert_status (before, 0);
  assert_no_wal (f);
  sha = file_sha256 (f->db);

  g_file_set_contents (text, "Dear client, this is not a database.\n", -1, NULL);
  r = run_cli (f, "restore", text, NULL);
  assert_error (r, 1, "not a Redress database");
  g_clear_pointer (&r, result_free);

  g_file_set_contents (empty, "", 0, NULL);
  r = run_cli (f, "restore", empty, NULL);
  assert_error (r, 1, "not a Redress backup");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "restore", missing, NULL);
  assert_error (r, 1, "does not exist");
  g_clear_pointer (&r, result_free);

  /* Byte for byte as it was, nothing set aside */
  sha_after = file_sha256 (f->db);
  g_assert_cmpstr (sha, ==, sha_after);
  kept = files_with_prefix (f, "redress.db.before-restore-");
  g_assert_cmpuint (kept->len, ==, 0);
  after = run_cli (f, "client", "list", "--json", NULL);
  g_assert_cmpstr (after->out, ==, before->out);
}

static void
test_restore_over_damaged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *backup = fixture_path (f, "backup.redress");

  add_client (f, "Okafor", "Chidinma");
  r = run_cli (f, "backup", backup, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  /* The database is damaged: this is when a restore is needed */
  g_file_set_contents (f->db, "garbage where the database was", -1, NULL);
  r = run_cli (f, "client", "list", NULL);
  assert_error (r, 1, "damaged");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "restore", backup, NULL);
  assert_status (r, 0);
  g_assert_cmpuint (count_clients (f, FALSE), ==, 1);

  /* The damaged file was kept aside, byte for byte: nothing is lost */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    gboolean kept = FALSE;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (strstr (name, ".before-restore-") != NULL && !g_str_has_suffix (name, "-wal"))
        {
          g_autofree char *path = g_build_filename (f->dir, name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "garbage where the database was");
          kept = TRUE;
        }
    g_assert_true (kept);
  }
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  const char *commands[][8] = {
    { "client", "list", NULL },
    { "client", "list", "--json", NULL },
    { "client", "show", "1", NULL },
    { "client", "add", "--family-name", "New", "--given-names", "Person", NULL },
    { "client", "set", "1", "--email", "x@example.com", NULL },
    { "client", "archive", "1", NULL },
    { "client", "unarchive", "1", NULL },
    { "client", "delete", "1", NULL },
    { "case", "add", "--client", "1", "--application", "other", "--decision-date", "2026-03-02" },
    { "case", "list", NULL },
    { "case", "show", "1", NULL },
    { "case", "set", "1", "--stage", "closed", NULL },
    { "case", "delete", "1", NULL },
    { "firm", "show", NULL },
    { "firm", "set", "--name", "Cabinet", NULL },
    { "check", NULL },
    { "backup", "copy.db", NULL },
    { "demo", NULL },
  };
  g_autofree char *sha = NULL;
  g_autofree char *copy = fixture_path (f, "copy.db");
  gint64 id;

  id = add_client (f, "Okafor", "Chidinma");
  add_case (f, id, "study-permit", "2026-10-02");
  /* The CLI closed the database cleanly: everything is in the file */
  assert_no_wal (f);
  sql_exec (f->db, "PRAGMA user_version = 99");
  assert_no_wal (f);
  sha = file_sha256 (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Result) r = NULL;
      g_autofree char *sha_after = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (commands[i]) && commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);
      r = run_argv (f, TRUE, NULL, NULL, (const char * const *) args->pdata);
      g_test_message ("redress-cli %s %s", commands[i][0], commands[i][1] ? commands[i][1] : "");
      assert_error (r, 1, "newer version of Redress");
      g_assert_cmpstr (r->out, ==, "");

      sha_after = file_sha256 (f->db);
      g_assert_cmpstr (sha, ==, sha_after);
      assert_no_wal (f);
    }
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f->db, "PRAGMA user_version"), ==, 99);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) clients = NULL;
  g_autoptr(JsonNode) cases = NULL;
  JsonArray *array;

  r = run_cli (f, "demo", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "4"));

  clients = run_json (f, "client", "list", NULL);
  array = json_node_get_array (clients);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *client = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (client, "case-count"), ==, 1);
      g_assert_nonnull (member_string (client, "family-name"));
    }
  cases = run_json (f, "case", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (cases)), ==, 4);
}

/* A damaged database: no command writes to it, each says how to restore,
 * and backup writes nothing that looks like a backup */
static void
test_damaged_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *backup = fixture_path (f, "backup.redress");
  g_autofree char *sha = NULL;
  const char *commands[][8] = {
    { "client", "add", "--family-name", "New", "--given-names", "Person", NULL },
    { "client", "set", "1", "--email", "x@example.com", NULL },
    { "firm", "set", "--name", "Cabinet", NULL },
    { "demo", NULL },
    { "check", NULL },
    { "backup", "backup.redress", NULL },
  };
  gint64 id;

  id = add_client (f, "Okafor", "Chidinma");
  add_case (f, id, "study-permit", "2026-10-02");
  assert_no_wal (f);
  damage_table (f->db, "checklist_items");
  sha = file_sha256 (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Result) r = NULL;
      g_autofree char *sha_after = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (commands[i]) && commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);
      r = run_argv (f, TRUE, NULL, NULL, (const char * const *) args->pdata);
      g_test_message ("redress-cli %s %s", commands[i][0], commands[i][1] ? commands[i][1] : "");
      assert_error (r, 1, "damaged");
      g_assert_nonnull (strstr (r->err, "restore"));
      g_assert_null (strstr (r->out, "Backup written"));

      sha_after = file_sha256 (f->db);
      g_assert_cmpstr (sha, ==, sha_after);
      assert_no_wal (f);
    }
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GPtrArray) left = files_with_prefix (f, ".redress-");
    g_assert_cmpuint (left->len, ==, 0);
  }
}

/* A backup next to the database, under the name of one of its working
 * files, would vanish or be read as its log: refused */
static void
test_backup_working_files (Fixture       *f,
                           gconstpointer  data)
{
  const char *names[] = { "redress.db-wal", "redress.db-shm", "redress.db-journal", "redress.db" };

  add_client (f, "Okafor", "Chidinma");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(Result) r = run_cli (f, "backup", names[i], NULL);

      assert_error (r, 1, i < 3 ? names[i] : "cannot replace the database");
      g_assert_cmpstr (r->out, ==, "");
    }
  assert_no_wal (f);
  g_assert_cmpuint (count_clients (f, FALSE), ==, 1);
}

/* A restore that stops after the current database was copied aside names
 * the copy */
static void
test_restore_names_copy (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *backup = fixture_path (f, "backup.redress");
  sqlite3 *db = NULL;

  add_client (f, "Okafor", "Chidinma");
  r = run_cli (f, "backup", backup, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  add_client (f, "Haddad", "Karim");

  /* Another program has the database open */
  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; SELECT count(*) FROM clients",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  r = run_cli (f, "restore", backup, NULL);
  sqlite3_close (db);

  assert_error (r, 1, "in use");
  kept = files_with_prefix (f, "redress.db.before-restore-");
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_nonnull (strstr (r->err, g_ptr_array_index (kept, 0)));
  g_assert_cmpuint (count_clients (f, FALSE), ==, 2);
}

typedef struct
{
  rlim_t max_file_size;   /* 0: no limit */
  uid_t uid;              /* 0: as the test runs */
  gid_t gid;
} ChildLimits;

/* In the child, before exec: a file size limit (a full disk, as far as the
 * program can tell: writes past it fail with EFBIG, SIGXFSZ ignored), and
 * for a root test run, an unprivileged user, to whom permissions apply */
static void
limit_child (gpointer data)
{
  ChildLimits *limits = data;

  if (limits->max_file_size > 0)
    {
      struct rlimit rl = { limits->max_file_size, limits->max_file_size };

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
    }
  if (limits->uid != 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (limits->gid) != 0 || setuid (limits->uid) != 0)
        _exit (125);
    }
}

/* redress-cli --database DB @args, under @limits; NULL when the program
 * could not run as the unprivileged user */
static Result *
run_limited (Fixture            *f,
             ChildLimits        *limits,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result *result;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_set_child_setup (launcher, limit_child, limits, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL && limits->uid != 0)
    return NULL;
  g_assert_no_error (error);
  result = g_new0 (Result, 1);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  if (result->status == 125 && limits->uid != 0)
    {
      result_free (result);
      return NULL;
    }
  return result;
}

/* The clients, cases and events of the database, as one text */
static char *
database_contents (Fixture *f)
{
  return g_strdup_printf ("%d clients, %d cases, %d events, %d items",
                          sql_count (f->db, "SELECT count(*) FROM clients"),
                          sql_count (f->db, "SELECT count(*) FROM cases"),
                          sql_count (f->db, "SELECT count(*) FROM events"),
                          sql_count (f->db, "SELECT count(*) FROM checklist_items"));
}

/* A full disk: a backup, a checklist PDF and a new client each fail with a
 * clear message, leave nothing half-written, and lose nothing */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *case_text = NULL;
  g_autofree char *pdf = fixture_path (f, "checklist.pdf");
  g_autofree char *backup = fixture_path (f, "backup.redress");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *old_pdf = NULL;
  g_autoptr(Result) r = NULL;
  GStatBuf st;
  ChildLimits limits = { 0, };

  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, "restoration"));
  r = run_cli (f, "checklist", "--case", case_text, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  assert_no_wal (f);
  before = database_contents (f);
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);

  /* Room for the database's working files, not for a copy of it */
  limits.max_file_size = (rlim_t) st.st_size / 2;
  g_assert_cmpuint (limits.max_file_size, >, 40000);
  {
    const char *args[] = { "backup", "backup.redress", NULL };

    r = run_limited (f, &limits, args);
    assert_status (r, 1);
    g_test_message ("backup: %s", r->err);
    g_assert_nonnull (strstr (r->err, "disk is full"));
    g_assert_cmpuint (count_lines (r->err), ==, 1);
    g_assert_null (strstr (r->out, "Backup written"));
    g_clear_pointer (&r, result_free);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  }

  /* A PDF that does not fit; an older one stays as it was */
  g_assert_true (g_file_set_contents (pdf, "an older export", -1, NULL));
  limits.max_file_size = 33 * 1024;   /* room for the database’s -shm (32 KiB), not the PDF */
  {
    const char *args[] = { "checklist", "--case", case_text, "--pdf", "checklist.pdf", NULL };

    r = run_limited (f, &limits, args);
    assert_status (r, 1);
    g_test_message ("checklist: %s", r->err);
    g_assert_nonnull (strstr (r->err, "disk is full"));
    g_assert_nonnull (strstr (r->err, "checklist.pdf"));
    g_assert_cmpuint (count_lines (r->err), ==, 1);
    g_clear_pointer (&r, result_free);
    g_assert_true (g_file_get_contents (pdf, &old_pdf, NULL, NULL));
    g_assert_cmpstr (old_pdf, ==, "an older export");
  }

  /* A change to the database that does not fit: not saved, said so */
  limits.max_file_size = 4096;
  {
    const char *args[] = { "client", "add", "--family-name", "Okafor", "--given-names", "Chidi",
                           NULL };

    r = run_limited (f, &limits, args);
    assert_status (r, 1);
    g_test_message ("client add: %s", r->err);
    g_assert_true (strstr (r->err, "disk is full") != NULL ||
                   strstr (r->err, "free space") != NULL);
    g_assert_cmpuint (count_lines (r->err), ==, 1);
    g_clear_pointer (&r, result_free);
  }

  /* Nothing half-written, nothing lost */
  {
    g_autoptr(GPtrArray) left = files_with_prefix (f, ".redress-");
    g_assert_cmpuint (left->len, ==, 0);
  }
  after = database_contents (f);
  g_assert_cmpstr (before, ==, after);
  r = run_cli (f, "check", NULL);
  assert_status (r, 0);
}

/* A read-only database file, and a database in a read-only folder: a clear
 * message, nothing changed */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sha = NULL;
  g_autofree char *before = NULL;
  const char *add[] = { "client", "add", "--family-name", "Okafor", "--given-names", "Chidi",
                        NULL };
  const char *set[] = { "client", "set", "1", "--email", "a@example.com", NULL };
  const char *backup[] = { "backup", "backup.redress", NULL };
  gboolean root = geteuid () == 0;
  ChildLimits limits = { 0, };

  add_client (f, "Tremblay", "Amélie");
  assert_no_wal (f);
  before = database_contents (f);
  sha = file_sha256 (f->db);
  if (root)
    {
      /* Permissions do not hold for root: the commands run as nobody */
      limits.uid = 65534;
      limits.gid = 65534;
    }

  for (guint folder_read_only = 0; folder_read_only < 2; folder_read_only++)
    {
      const char * const *commands[] = { add, set };

      if (root)
        {
          const char *suffixes[] = { "-shm", "-wal" };

          /* Owned by root: read-only to nobody, the folder writable or not */
          g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
          for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
            {
              g_autofree char *working = g_strconcat (f->db, suffixes[j], NULL);

              if (g_file_test (working, G_FILE_TEST_EXISTS))
                g_assert_cmpint (g_chmod (working, 0644), ==, 0);
            }
          g_assert_cmpint (g_chmod (f->dir, folder_read_only ? 0755 : 01777), ==, 0);
        }
      else
        {
          g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);
          g_assert_cmpint (g_chmod (f->dir, folder_read_only ? 0555 : 0755), ==, 0);
        }

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          g_autoptr(Result) r = run_limited (f, &limits, commands[i]);
          g_autofree char *sha_after = NULL;

          if (r == NULL)
            {
              g_test_skip ("redress-cli cannot run as an unprivileged user here");
              g_chmod (f->dir, 0700);
              return;
            }
          g_test_message ("%s %s: %s", commands[i][0], commands[i][1], r->err);
          assert_error (r, 1, "read-only");
          g_assert_cmpuint (count_lines (r->err), ==, 1);
          g_assert_cmpstr (r->out, ==, "");
          sha_after = file_sha256 (f->db);
          g_assert_cmpstr (sha, ==, sha_after);
        }
    }

  /* A backup into a read-only folder: refused, nothing left */
  {
    g_autoptr(Result) r = run_limited (f, &limits, backup);
    g_autofree char *target = fixture_path (f, "backup.redress");

    g_assert_nonnull (r);
    g_test_message ("backup: %s", r->err);
    assert_status (r, 1);
    g_assert_cmpuint (count_lines (r->err), ==, 1);
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0600), ==, 0);
  {
    g_autofree char *after = database_contents (f);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Only a name that does not exist becomes a new database (0600): an empty
 * file is refused, left empty with its mode */
static void
test_empty_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *contents = NULL;
  gsize length = 1;
  GStatBuf st;

  g_assert_true (g_file_set_contents (f->db, "", 0, NULL));
  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  r = run_cli (f, "client", "list", NULL);
  assert_error (r, 1, "is an empty file, not a Redress database");
  g_assert_cmpuint (count_lines (r->err), ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "add", "--family-name", "Okafor", "--given-names", "Chidi", NULL);
  assert_error (r, 1, "is an empty file");
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_get_contents (f->db, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  left = files_with_prefix (f, ".redress-");
  g_assert_cmpuint (left->len, ==, 0);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = files_with_prefix (f, "redress.db-");
  g_assert_cmpuint (left->len, ==, 0);

  /* A name that does not exist: a new database, 0600 */
  g_assert_cmpint (g_unlink (f->db), ==, 0);
  add_client (f, "Okafor", "Chidi");
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients"), ==, 1);
}

/* A read-only database with a write-ahead log beside it, a writer still
 * holding it: backup and restore each end within a bounded time (SQLite's
 * busy wait, 5 s, and a little more), with one clear line, and nothing is
 * changed or left behind */
static void
test_read_only_backup_restore (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out_dir = fixture_path (f, "out");
  g_autofree char *good = fixture_path (f, "out/good.redress");
  g_autofree char *sha = NULL;
  g_autofree char *before = NULL;
  const char *backup[] = { "backup", "out/copy.redress", NULL };
  const char *restore[] = { "restore", "out/good.redress", NULL };
  const char *suffixes[] = { "", "-wal", "-shm" };
  gboolean root = geteuid () == 0;
  ChildLimits limits = { 0, };
  sqlite3 *writer = NULL;

  add_client (f, "Tremblay", "Amélie");
  add_client (f, "Okafor", "Chidi");
  g_assert_cmpint (g_mkdir (out_dir, 01777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 01777), ==, 0);
  {
    g_autoptr(Result) r = run_cli (f, "backup", good, NULL);
    assert_status (r, 0);
  }
  g_assert_cmpint (g_chmod (good, 0644), ==, 0);   /* readable to all */
  before = database_contents (f);

  /* A writer keeps its log beside the database, and a transaction open */
  g_assert_cmpint (sqlite3_open_v2 (f->db, &writer, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "PRAGMA wal_autocheckpoint = 0; "
                                 "UPDATE clients SET given_names = 'Amélie-Rose' "
                                 "  WHERE family_name = 'Tremblay'; "
                                 "BEGIN IMMEDIATE; "
                                 "UPDATE clients SET given_names = 'Not yet';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->db, suffixes[i], NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (g_chmod (file, root ? 0644 : 0444), ==, 0);
    }
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  sha = file_sha256 (f->db);
  if (root)
    {
      /* Permissions do not hold for root: the commands run as nobody */
      limits.uid = 65534;
      limits.gid = 65534;
    }

  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(Result) r = run_limited (f, &limits, backup);
    double seconds = (g_get_monotonic_time () - start) / 1e6;

    if (r == NULL)
      {
        g_test_skip ("redress-cli cannot run as an unprivileged user here");
        sqlite3_close (writer);
        g_chmod (f->dir, 0700);
        return;
      }
    g_test_message ("backup (%.1f s): %s%s", seconds, r->out, r->err);
    g_assert_cmpfloat (seconds, <, 12.0);
    if (r->status == 0)
      {
        /* The last committed state, whole */
        g_autofree char *copy = fixture_path (f, "out/copy.redress");

        g_assert_cmpint (sql_count (copy, "SELECT count(*) FROM clients"), ==, 2);
        g_assert_cmpint (sql_count (copy, "SELECT count(*) FROM clients "
                                          "WHERE given_names = 'Amélie-Rose'"), ==, 1);
        g_assert_cmpint (sql_count (copy, "SELECT count(*) FROM clients "
                                          "WHERE given_names = 'Not yet'"), ==, 0);
      }
    else
      {
        assert_status (r, 1);
        g_assert_cmpuint (count_lines (r->err), ==, 1);
        g_assert_true (strstr (r->err, "read-only") != NULL || strstr (r->err, "in use") != NULL);
      }
  }

  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(Result) r = run_limited (f, &limits, restore);
    double seconds = (g_get_monotonic_time () - start) / 1e6;

    g_assert_nonnull (r);
    g_test_message ("restore (%.1f s): %s%s", seconds, r->out, r->err);
    g_assert_cmpfloat (seconds, <, 12.0);
    assert_error (r, 1, "is read-only, so nothing was changed");
    g_assert_cmpuint (count_lines (r->err), ==, 1);
  }

  {
    g_autofree char *sha_after = file_sha256 (f->db);

    g_assert_cmpstr (sha, ==, sha_after);
  }
  g_assert_cmpint (sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (writer), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0600), ==, 0);
  {
    g_autofree char *after = database_contents (f);
    g_autoptr(GPtrArray) kept = files_with_prefix (f, "redress.db.before-restore-");
    g_autoptr(GPtrArray) left = files_with_prefix (f, ".redress-");

    g_assert_cmpstr (before, ==, after);
    g_assert_cmpuint (kept->len, ==, 0);
    g_assert_cmpuint (left->len, ==, 0);
    g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients "
                                       "WHERE given_names = 'Amélie-Rose'"), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/edges/disk-full", test_disk_full);
  CLI_TEST_ADD ("/cli/edges/read-only", test_read_only);
  CLI_TEST_ADD ("/cli/check", test_check);
  CLI_TEST_ADD ("/cli/backup-restore", test_backup_restore);
  CLI_TEST_ADD ("/cli/restore/refused", test_restore_refused);
  CLI_TEST_ADD ("/cli/restore/over-damaged", test_restore_over_damaged);
  CLI_TEST_ADD ("/cli/too-new", test_too_new);
  CLI_TEST_ADD ("/cli/demo", test_demo);
  CLI_TEST_ADD ("/cli/edges/damaged-database", test_damaged_database);
  CLI_TEST_ADD ("/cli/edges/backup-working-files", test_backup_working_files);
  CLI_TEST_ADD ("/cli/edges/restore-names-copy", test_restore_names_copy);
  CLI_TEST_ADD ("/cli/edges/empty-database", test_empty_database);
  CLI_TEST_ADD ("/cli/edges/read-only-backup-restore", test_read_only_backup_restore);

  return cli_fixture_run ();
}

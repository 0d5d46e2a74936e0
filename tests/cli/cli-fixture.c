/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * Runs the built redress-cli (path in $REDRESS_CLI) as a script would, each
 * test in a fresh temporary folder; the helpers the test groups share, to
 * check its output, its exit status and what it left in the database.
 */

const char *cli_path;

void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "redress.db", NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Runs redress-cli with @args (and "--database DB" first when @with_db),
 * @env_name=@env_value added to its environment when given, @input (nullable)
 * on its standard input.  With @raw_out, its standard output is returned
 * there as bytes (r->out is then NULL). */
Result *
run_argv_full (Fixture            *f,
               gboolean            with_db,
               const char         *env_name,
               const char         *env_value,
               const char         *input,
               GBytes            **raw_out,
               const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  Result *result = g_new0 (Result, 1);

  g_ptr_array_add (argv, (gpointer) cli_path);
  if (with_db)
    {
      g_ptr_array_add (argv, (gpointer) "--database");
      g_ptr_array_add (argv, f->db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  if (env_name != NULL)
    g_subprocess_launcher_setenv (launcher, env_name, env_value, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  if (raw_out != NULL)
    {
      g_autoptr(GBytes) in = input ? g_bytes_new (input, strlen (input)) : NULL;
      g_autoptr(GBytes) err = NULL;

      g_subprocess_communicate (process, in, NULL, raw_out, &err, &error);
      g_assert_no_error (error);
      result->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
    }
  else
    {
      g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
      g_assert_no_error (error);
    }

  if (!g_subprocess_get_if_exited (process))
    {
      g_test_message ("redress-cli crashed; stderr: %s", result->err);
      g_assert_not_reached ();
    }
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

Result *
run_argv (Fixture            *f,
          gboolean            with_db,
          const char         *env_name,
          const char         *env_value,
          const char * const *args)
{
  return run_argv_full (f, with_db, env_name, env_value, NULL, NULL, args);
}

/* redress-cli --database DB first ... */
Result *
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_argv (f, TRUE, NULL, NULL, (const char * const *) args->pdata);
}

/* The id printed alone on the last line */
gint64
last_line_id (Result *r)
{
  g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);
  guint n = g_strv_length (lines);
  guint64 id = 0;
  g_autoptr(GError) error = NULL;

  /* Output ends with a newline: the last element is empty */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_ascii_string_to_unsigned (lines[n - 2], 10, 1, G_MAXINT64, &id, &error);
  g_assert_no_error (error);
  return (gint64) id;
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) r = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, NULL);

  r = run_argv (f, TRUE, NULL, NULL, (const char * const *) args->pdata);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  return parse_json (r->out);
}

gint64
add_client (Fixture    *f,
            const char *family,
            const char *given)
{
  g_autoptr(Result) r = run_cli (f, "client", "add", "--family-name", family,
                                 "--given-names", given, NULL);

  assert_status (r, 0);
  return last_line_id (r);
}

gint64
add_case (Fixture    *f,
          gint64      client_id,
          const char *type,
          const char *decision)
{
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_autoptr(Result) r = run_cli (f, "case", "add", "--client", client, "--application", type,
                                 "--decision-date", decision, NULL);

  assert_status (r, 0);
  return last_line_id (r);
}

guint
count_clients (Fixture  *f,
               gboolean  archived)
{
  g_autoptr(JsonNode) root = archived
    ? run_json (f, "client", "list", "--archived", NULL)
    : run_json (f, "client", "list", NULL);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

JsonObject *
node_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* The string member @name of @object, NULL when it is null */
const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, message);
  sqlite3_free (message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

int
sql_count (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* The files of the test folder whose name starts with @prefix */
GPtrArray *
files_with_prefix (Fixture    *f,
                   const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (found, g_build_filename (f->dir, name, NULL));
  return found;
}

guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* @iso plus @days, as YYYY-MM-DD */
char *
iso_add_days (const char *iso,
              int         days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  g_date_add_days (&date, (guint) days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

int
iso_days_between (const char *from,
                  const char *to)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  g_assert_true (g_date_valid (&a) && g_date_valid (&b));
  return g_date_days_between (&a, &b);
}

/* An integer member, or G_MININT when it is null */
gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return G_MININT;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

JsonObject *
find_remedy (JsonObject *shown,
             const char *code)
{
  JsonArray *remedies = json_object_get_array_member (shown, "remedies");

  g_assert_nonnull (remedies);
  for (guint i = 0; i < json_array_get_length (remedies); i++)
    {
      JsonObject *remedy = json_array_get_object_element (remedies, i);

      if (g_strcmp0 (member_string (remedy, "remedy"), code) == 0)
        return remedy;
    }
  g_error ("no remedy %s", code);
  return NULL;
}

gint64
add_case_with (Fixture    *f,
               gint64      client_id,
               const char *type,
               gboolean    in_canada,
               const char *decision,
               const char *received)
{
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_autoptr(Result) r = NULL;

  if (received != NULL)
    r = run_cli (f, "case", "add", "--client", client, "--application", type,
                 in_canada ? "--decided-in-canada" : "--outside-canada",
                 "--decision-date", decision, "--received-date", received, NULL);
  else
    r = run_cli (f, "case", "add", "--client", client, "--application", type,
                 in_canada ? "--decided-in-canada" : "--outside-canada",
                 "--decision-date", decision, NULL);
  assert_status (r, 0);
  return last_line_id (r);
}

gint64
add_case_for (Fixture    *f,
              const char *family,
              const char *given)
{
  return add_case (f, add_client (f, family, given), "study-permit", "2026-02-20");
}

gint64
import_pdf (Fixture    *f,
            gint64      case_id,
            const char *kind,
            const char *path)
{
  g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  g_autoptr(Result) r = run_cli (f, "import", "--case", case_text, "--kind", kind, path, NULL);

  assert_status (r, 0);
  /* Not a terminal: no progress on stderr */
  g_assert_cmpstr (r->err, ==, "");
  return last_line_id (r);
}

char *
write_refusal_pdf (Fixture    *f,
                   const char *name)
{
  char *path = fixture_path (f, name);
  const TestPdfPage pages[] = {
    { 595, 842, "Immigration, Refugees and Citizenship Canada\n\n"
                "Dear applicant,\n\n"
                "Thank you for your interest in visiting Canada. After a careful review of "
                "your application for a temporary resident visa and its supporting "
                "documentation, I have determined that your application does not meet the "
                "requirements of the Immigration and Refugee Protection Act and its "
                "Regulations.\n\n"
                "In reaching a decision, an officer may consider factors such as your travel "
                "history, your family ties, the purpose of your visit, your personal assets "
                "and financial status, your employment and your immigration status.\n\n"
                REFUSAL_GROUND_SENTENCE "\n\n"
                "You are welcome to submit a new application if you feel that you can "
                "address these concerns.\n\n"
                "Visa Officer", FALSE },
  };

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  return path;
}

/* A study permit refused, on the restoration path, with a confirmed
 * finances ground; returns the case's id */
gint64
add_checklist_case (Fixture    *f,
                    const char *path)
{
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             add_client (f, "Tremblay", "Amélie"));
  g_autofree char *case_text = NULL;
  g_autoptr(Result) r = NULL;
  gint64 case_id;

  if (path != NULL)
    r = run_cli (f, "case", "add", "--client", client, "--application", "study-permit",
                 "--decision-date", "2026-02-20", "--path", path, NULL);
  else
    r = run_cli (f, "case", "add", "--client", client, "--application", "study-permit",
                 "--decision-date", "2026-02-20", NULL);
  assert_status (r, 0);
  case_id = last_line_id (r);
  g_clear_pointer (&r, result_free);

  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  r = run_cli (f, "grounds", "--case", case_text, "--add", "finances", NULL);
  assert_status (r, 0);
  return case_id;
}

JsonArray *
checklist_items (JsonNode *root)
{
  JsonObject *shown = node_object (root);

  g_assert_true (json_object_has_member (shown, "case"));
  return json_object_get_array_member (shown, "items");
}

/* Scribbles over the root page of @table in the closed database @path */
void
damage_table (const char *path,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'",
                                          table);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int page_size = sql_count (path, "PRAGMA page_size");
  int root = sql_count (path, sql);

  g_assert_cmpint (root, >, 1);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  memset (contents + (gsize) (root - 1) * (gsize) page_size, 0xa5, 64);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

gboolean
cli_fixture_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);

  cli_path = g_getenv ("REDRESS_CLI");
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("Set REDRESS_CLI to the redress-cli to test (meson test does).\n");
      return FALSE;
    }
  return TRUE;
}

int
cli_fixture_run (void)
{
  int status = g_test_run ();

  test_pdf_shutdown ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <grp.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <poppler.h>

#include "test-pdf-util.h"

/*
 * Runs the built redress-cli (path in $REDRESS_CLI) as a script would, each
 * test in a fresh temporary folder, and checks its output, its exit status
 * and what it left in the database.
 */

static const char *cli_path;

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

#define assert_status(r, expected)                                         \
  G_STMT_START {                                                           \
    if ((r)->status != (expected))                                         \
      g_test_message ("stdout: %s\nstderr: %s", (r)->out, (r)->err);       \
    g_assert_cmpint ((r)->status, ==, (expected));                         \
  } G_STMT_END

/* An error: exit status, "redress-cli: " on stderr, and @needle in it */
#define assert_error(r, expected, needle)                                  \
  G_STMT_START {                                                           \
    assert_status (r, expected);                                           \
    g_assert_true (g_str_has_prefix ((r)->err, "redress-cli: "));          \
    if (strstr ((r)->err, (needle)) == NULL)                               \
      g_test_message ("stderr: %s", (r)->err);                             \
    g_assert_nonnull (strstr ((r)->err, (needle)));                        \
  } G_STMT_END

/* Fixture ------------------------------------------------------------------ */

static void
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "redress.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Running the CLI ------------------------------------------------------------ */

/* Runs redress-cli with @args (and "--database DB" first when @with_db),
 * @env_name=@env_value added to its environment when given, @input (nullable)
 * on its standard input.  With @raw_out, its standard output is returned
 * there as bytes (r->out is then NULL). */
static Result *
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

static Result *
run_argv (Fixture            *f,
          gboolean            with_db,
          const char         *env_name,
          const char         *env_value,
          const char * const *args)
{
  return run_argv_full (f, with_db, env_name, env_value, NULL, NULL, args);
}

static Result *
run_cli (Fixture    *f,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

/* redress-cli --database DB first ... */
static Result *
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
static gint64
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

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* Runs a command that prints JSON, checks it succeeded, returns the JSON */
static JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...) G_GNUC_NULL_TERMINATED;

static JsonNode *
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

static gint64
add_client (Fixture    *f,
            const char *family,
            const char *given)
{
  g_autoptr(Result) r = run_cli (f, "client", "add", "--family-name", family,
                                 "--given-names", given, NULL);

  assert_status (r, 0);
  return last_line_id (r);
}

static gint64
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

static guint
count_clients (Fixture  *f,
               gboolean  archived)
{
  g_autoptr(JsonNode) root = archived
    ? run_json (f, "client", "list", "--archived", NULL)
    : run_json (f, "client", "list", NULL);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

static JsonObject *
node_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* The string member @name of @object, NULL when it is null */
static const char *
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

static JsonObject *
find_event (JsonObject *shown,
            const char *kind,
            const char *field)
{
  JsonArray *events = json_object_get_array_member (shown, "events");

  g_assert_nonnull (events);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (member_string (event, "kind"), kind) == 0 &&
          g_strcmp0 (member_string (event, "field"), field) == 0)
        return event;
    }
  return NULL;
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
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

static int
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
static GPtrArray *
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

static void
assert_no_wal (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Tests -------------------------------------------------------------------- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  static const char *no_args[] = { NULL };
  g_autoptr(Result) r = NULL;

  r = run_cli (f, "--version", NULL);
  assert_status (r, 0);
  g_assert_true (g_str_has_prefix (r->out, "redress-cli " PACKAGE_VERSION "\n"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "client add"));
  g_assert_nonnull (strstr (r->out, "restore FILE"));
  g_assert_cmpstr (r->err, ==, "");
  g_clear_pointer (&r, result_free);

  /* Per command: help and the permanence of delete */
  r = run_cli (f, "client", "delete", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "redress-cli client delete"));
  g_assert_nonnull (strstr (r->out, "PERMANENT"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "help", "case", "add", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--decision-date"));
  g_assert_nonnull (strstr (r->out, "study-permit"));
  g_assert_nonnull (strstr (r->out, "awaiting-notes"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "client unarchive"));
  g_clear_pointer (&r, result_free);

  /* Documents */
  r = run_cli (f, "--help", NULL);
  g_assert_nonnull (strstr (r->out, "import FILE"));
  g_assert_nonnull (strstr (r->out, "documents"));
  g_assert_nonnull (strstr (r->out, "search QUERY"));
  g_assert_nonnull (strstr (r->out, "document export ID FILE"));
  g_assert_nonnull (strstr (r->out, "document remove ID"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "--help", NULL);
  g_assert_nonnull (strstr (r->out, "detect FILE"));
  g_assert_nonnull (strstr (r->out, "grounds"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "grounds", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--confirm"));
  g_assert_nonnull (strstr (r->out, "--dismiss"));
  g_assert_nonnull (strstr (r->out, "--add"));
  g_assert_nonnull (strstr (r->out, "family-ties"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "document", "remove", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "PERMANENT"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "help", "import", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--kind"));
  g_assert_nonnull (strstr (r->out, "decision-notes"));
  g_assert_nonnull (strstr (r->out, "--password"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--limit"));
  g_clear_pointer (&r, result_free);

  /* Usage errors */
  r = run_argv (f, FALSE, NULL, NULL, no_args);
  assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "Usage:"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "frobnicate", NULL);
  assert_error (r, 2, "frobnicate");
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "frobnicate", NULL);
  assert_error (r, 2, "frobnicate");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", NULL);
  assert_status (r, 2);
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "list", "--bogus", NULL);
  assert_error (r, 2, "--bogus");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "show", "abc", NULL);
  assert_error (r, 2, "abc");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "show", NULL);
  assert_error (r, 2, "ID");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "show", "1", "2", NULL);
  assert_error (r, 2, "2");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "help", "nothing", NULL);
  assert_error (r, 2, "nothing");
  g_clear_pointer (&r, result_free);

  /* Neither help nor a misuse creates a database */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_client_add_show (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *client;
  g_autofree char *id_text = NULL;
  gint64 id;

  r = run_cli (f, "client", "add",
               "--family-name", "Díaz Ortega", "--given-names", "Émilie Rose",
               "--date-of-birth", "1990-02-03", "--uci", "12-3456-7890",
               "--email", "emilie@example.com", "--phone", "+1 514 555 0100",
               "--country-of-residence", "Canada", "--citizenship", "Mexico",
               "--language", "fr", "--notes", "First line\nSecond line", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  id = last_line_id (r);
  g_assert_cmpint (id, >, 0);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "client", "show", id_text, NULL);
  client = node_object (root);
  g_assert_cmpint (json_object_get_int_member (client, "id"), ==, id);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-0001$", member_string (client, "file-number"),
                                       0, 0));
  g_assert_cmpstr (member_string (client, "family-name"), ==, "Díaz Ortega");
  g_assert_cmpstr (member_string (client, "given-names"), ==, "Émilie Rose");
  g_assert_cmpstr (member_string (client, "date-of-birth"), ==, "1990-02-03");
  g_assert_cmpstr (member_string (client, "uci"), ==, "1234567890");
  g_assert_cmpstr (member_string (client, "email"), ==, "emilie@example.com");
  g_assert_cmpstr (member_string (client, "phone"), ==, "+1 514 555 0100");
  g_assert_cmpstr (member_string (client, "country-of-residence"), ==, "Canada");
  g_assert_cmpstr (member_string (client, "citizenship"), ==, "Mexico");
  g_assert_cmpstr (member_string (client, "language"), ==, "fr");
  g_assert_cmpstr (member_string (client, "notes"), ==, "First line\nSecond line");
  g_assert_false (json_object_get_boolean_member (client, "archived"));
  g_assert_cmpint (json_object_get_int_member (client, "case-count"), ==, 0);
  g_assert_nonnull (member_string (client, "created-at"));
  g_assert_nonnull (member_string (client, "updated-at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (client, "cases")), ==, 0);
  g_assert_nonnull (find_event (client, "created", NULL));

  /* Human output: translated labels, the UCI formatted */
  r = run_cli (f, "client", "show", id_text, NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^Family name: +Díaz Ortega$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^UCI: +12-3456-7890$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Preferred language: +French", r->out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&r, result_free);

  /* The file number finds the same file */
  again = run_json (f, "client", "show", member_string (client, "file-number"), NULL);
  g_assert_cmpint (json_object_get_int_member (node_object (again), "id"), ==, id);

  r = run_cli (f, "client", "show", "999", NULL);
  assert_error (r, 1, "999");
}

static void
test_client_list_search (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) found = NULL;
  JsonArray *array;

  add_client (f, "Tremblay", "Minh Anh");
  add_client (f, "Díaz", "Émilie");
  r = run_cli (f, "client", "add", "--family-name", "Okafor", "--given-names", "Chidinma",
               "--uci", "1122334455", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  all = run_json (f, "client", "list", NULL);
  array = json_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  /* By family name */
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 0), "family-name"), ==, "Díaz");
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 1), "family-name"), ==, "Okafor");
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 2), "family-name"), ==, "Tremblay");
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 1), "uci"), ==, "1122334455");

  /* Case and accents do not matter */
  found = run_json (f, "client", "list", "--search", "EMILIE diaz", NULL);
  array = json_node_get_array (found);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 0), "given-names"), ==, "Émilie");
  g_clear_pointer (&found, json_node_unref);

  /* A UCI as it is written */
  found = run_json (f, "client", "list", "--search", "11-2233", NULL);
  array = json_node_get_array (found);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (array, 0), "family-name"), ==, "Okafor");
  g_clear_pointer (&found, json_node_unref);

  found = run_json (f, "client", "list", "--search", "nobody", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 0);

  /* Human list: one line per file under a header, UCI formatted */
  r = run_cli (f, "client", "list", NULL);
  assert_status (r, 0);
  {
    g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_true (g_str_has_prefix (lines[0], "Id"));
    g_assert_nonnull (strstr (lines[1], "Díaz, Émilie"));
    g_assert_nonnull (strstr (lines[2], "11-2233-4455"));
  }
}

static void
test_client_invalid (Fixture       *f,
                     gconstpointer  data)
{
  struct
  {
    const char *option;
    const char *value;
    const char *message;
  } cases[] = {
    { "--uci", "123", "UCI" },
    { "--uci", "12-3456-789X", "UCI" },
    { "--date-of-birth", "2026-02-30", "Date of birth: “2026-02-30” is not a date" },
    { "--date-of-birth", "02/03/1990", "Date of birth" },
    { "--family-name", "", "Family name" },
    { "--family-name", "   ", "Family name" },
    { "--email", "emilie.example.com", "email address" },
    { "--phone", "call me", "phone number" },
    { "--language", "de", "Preferred language" },
  };
  g_autoptr(Result) r = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *family = g_str_equal (cases[i].option, "--family-name") ? cases[i].value : "Diaz";

      r = run_cli (f, "client", "add", "--family-name", family, "--given-names", "Emilie",
                   cases[i].option, cases[i].value, NULL);
      assert_error (r, 1, cases[i].message);
      g_assert_cmpstr (r->out, ==, "");
      g_clear_pointer (&r, result_free);
    }

  /* A required option left out is a usage error */
  r = run_cli (f, "client", "add", "--family-name", "Diaz", NULL);
  assert_error (r, 2, "--given-names");
  g_clear_pointer (&r, result_free);

  /* Nothing was stored */
  g_assert_cmpuint (count_clients (f, TRUE), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events"), ==, 0);
}

/* No byte of @text could drive a terminal: no C0 control but line breaks,
 * no DEL, no C1 control, no bidirectional override or isolate */
static void
assert_terminal_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_error ("U+%04X in output: %s", c, text);
    }
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_client_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  const char *escape = "\033]0;pwned\007Doe\033[2J\033[H";

  /* Refused, naming the field, and the message itself is harmless */
  r = run_cli (f, "client", "add", "--family-name", escape, "--given-names", "Jane", NULL);
  assert_error (r, 1, "Family name");
  assert_terminal_safe (r->err);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "add", "--family-name", "Doe\n2  2026-0002  Fake, Row  —  0",
               "--given-names", "Jane", NULL);
  assert_error (r, 1, "Family name");
  g_clear_pointer (&r, result_free);
  /* Only invisible characters: empty, so required */
  r = run_cli (f, "client", "add", "--family-name", "\342\200\213\342\201\240",
               "--given-names", "Jane", NULL);
  assert_error (r, 1, "Family name: this field is required");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "add", "--family-name", "Doe", "--given-names", "\357\273\277", NULL);
  assert_error (r, 1, "Given names: this field is required");
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events"), ==, 0);

  /* A name stored before these checks (or by another program) is shown
   * harmless: one row, no escape, no override */
  add_client (f, "Doe", "Jane");
  add_client (f, "Roe", "Richard");
  sql_exec (f->db, "UPDATE clients SET family_name = char(27) || ']0;pwned' || char(7) || "
                   "'Doe' || char(27) || '[2J' || char(10) || '9  2026-0009  Fake, Row  —  0', "
                   "given_names = 'Jane ' || char(8238) || '1000-6202', "
                   "notes = 'one' || char(10) || 'two' || char(27) || '[31m' WHERE id = 1");
  r = run_cli (f, "client", "list", NULL);
  assert_status (r, 0);
  assert_terminal_safe (r->out);
  g_assert_cmpuint (count_lines (r->out), ==, 3);   /* header and two rows */
  g_assert_null (strstr (r->out, "\n9  2026-0009"));
  g_assert_nonnull (strstr (r->out, "Jane 1000-6202"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "show", "1", NULL);
  assert_status (r, 0);
  assert_terminal_safe (r->out);
  g_assert_nonnull (strstr (r->out, "one\n"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "list", "--search", "Roe", NULL);
  assert_status (r, 0);
  g_assert_cmpuint (count_lines (r->out), ==, 2);
  g_clear_pointer (&r, result_free);

  /* Changing another field of that client says what to fix */
  r = run_cli (f, "client", "set", "1", "--phone", "+1 514 555 0100", NULL);
  assert_error (r, 1, "Family name");
  assert_terminal_safe (r->err);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "set", "1", "--family-name", "Doe", "--given-names", "Jane",
               "--notes", "one\ntwo\033[31m", NULL);
  assert_status (r, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients WHERE family_name = 'Doe' "
                                     "AND notes = 'one' || char(10) || 'two[31m'"), ==, 1);
  assert_terminal_safe (r->out);
}

/* Messages at the edges: invalid UTF-8 names its option, a negative id is
 * not an id, long values are shortened when echoed */
static void
test_messages_edges (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *long_text = g_strnfill (300, 'x');
  g_autofree char *long_punct = g_strnfill (300, '!');
  g_autofree char *long_option = g_strdup_printf ("--email=%s", long_text);

  add_client (f, "Okafor", "Chidinma");

  /* Invalid UTF-8: exit 2, the option named */
  r = run_cli (f, "client", "add", "--family-name", "Ok\xff\xfe" "afor", "--given-names", "C", NULL);
  assert_error (r, 2, "--family-name");
  g_assert_nonnull (strstr (r->err, "UTF-8"));
  g_assert_null (strstr (r->err, "conversion input"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "set", "1", "--given-names=\xc3(", NULL);
  assert_error (r, 2, "--given-names");
  g_clear_pointer (&r, result_free);

  /* A negative id is not an id (not an unknown option "-1") */
  r = run_cli (f, "client", "show", "-1", NULL);
  assert_error (r, 2, "“-1” is not an id");
  g_assert_null (strstr (r->err, "Unknown option"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "list", "--client", "-3", NULL);
  assert_error (r, 2, "“-3” is not an id");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "-3", "--kind", "other", "x.pdf", NULL);
  assert_error (r, 2, "“-3” is not an id");
  g_assert_nonnull (strstr (r->err, "case list"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "delete", "-0", NULL);
  assert_error (r, 2, "is not an id");
  g_clear_pointer (&r, result_free);

  /* Long values are shortened when echoed */
  r = run_cli (f, "client", "show", long_text, NULL);
  assert_error (r, 2, "is not an id");
  g_assert_nonnull (strstr (r->err, "xxx…”"));
  g_assert_null (strstr (r->err, long_text + 200));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", long_punct, NULL);
  assert_error (r, 2, "no word to search for");
  g_assert_nonnull (strstr (r->err, "!…”"));
  g_assert_cmpuint (strlen (r->err), <, 250);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "set", "1", long_option, NULL);
  assert_error (r, 1, "not an email address");
  g_assert_nonnull (strstr (r->err, "…"));
  g_assert_null (strstr (r->err, long_text + 200));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", long_text, "x.pdf", NULL);
  assert_error (r, 2, "--kind");
  g_assert_null (strstr (r->err, long_text + 200));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, long_text, NULL);
  assert_error (r, 2, "is not a command");
  g_assert_null (strstr (r->err, long_text + 200));
  g_clear_pointer (&r, result_free);

  /* Nothing was changed */
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM clients WHERE email IS NULL"), ==, 1);
}

static void
test_client_set (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *client;
  JsonObject *event;
  JsonArray *events;
  guint n_events;

  r = run_cli (f, "client", "add", "--family-name", "Haddad", "--given-names", "Karim",
               "--email", "karim@example.com", NULL);
  assert_status (r, 0);
  g_assert_cmpint (last_line_id (r), ==, 1);
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "set", "1", "--email", "k.haddad@example.org",
               "--phone", "+961 3 555 012", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Email"));
  g_clear_pointer (&r, result_free);

  root = run_json (f, "client", "show", "1", NULL);
  client = node_object (root);
  g_assert_cmpstr (member_string (client, "email"), ==, "k.haddad@example.org");
  g_assert_cmpstr (member_string (client, "phone"), ==, "+961 3 555 012");
  g_assert_cmpstr (member_string (client, "family-name"), ==, "Haddad");

  event = find_event (client, "changed", "email");
  g_assert_nonnull (event);
  g_assert_cmpstr (member_string (event, "old"), ==, "karim@example.com");
  g_assert_cmpstr (member_string (event, "new"), ==, "k.haddad@example.org");
  g_assert_cmpstr (member_string (event, "entity"), ==, "client");
  g_assert_nonnull (member_string (event, "actor"));
  g_assert_nonnull (member_string (event, "at"));
  event = find_event (client, "changed", "phone");
  g_assert_nonnull (event);
  g_assert_null (member_string (event, "old"));
  g_assert_cmpstr (member_string (event, "new"), ==, "+961 3 555 012");
  g_assert_null (find_event (client, "changed", "family-name"));
  n_events = json_array_get_length (json_object_get_array_member (client, "events"));
  g_clear_pointer (&root, json_node_unref);

  /* An invalid value changes nothing, not even the valid ones beside it */
  r = run_cli (f, "client", "set", "1", "--family-name", "Haddad-Khoury", "--uci", "12", NULL);
  assert_error (r, 1, "UCI");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "set", "1", "--date-of-birth", "2026-02-30", NULL);
  assert_error (r, 1, "that month has 28 days");
  g_clear_pointer (&r, result_free);

  root = run_json (f, "client", "show", "1", NULL);
  client = node_object (root);
  g_assert_cmpstr (member_string (client, "family-name"), ==, "Haddad");
  g_assert_null (member_string (client, "uci"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (client, "events")), ==,
                    n_events);
  g_clear_pointer (&root, json_node_unref);

  /* The same value again: nothing is written */
  r = run_cli (f, "client", "set", "1", "--email", "k.haddad@example.org", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  /* An empty value clears an optional field */
  r = run_cli (f, "client", "set", "1", "--phone", "", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "client", "show", "1", NULL);
  client = node_object (root);
  g_assert_null (member_string (client, "phone"));
  events = json_object_get_array_member (client, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, n_events + 1);
  /* Newest first */
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (member_string (event, "field"), ==, "phone");
  g_assert_cmpstr (member_string (event, "old"), ==, "+961 3 555 012");
  g_assert_null (member_string (event, "new"));
  g_clear_pointer (&root, json_node_unref);

  /* Misuse and missing files */
  r = run_cli (f, "client", "set", "1", NULL);
  assert_error (r, 2, "Nothing to change");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "set", "42", "--email", "x@example.com", NULL);
  assert_error (r, 1, "no client file with id 42");
}

static void
test_client_archive_delete (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) cases = NULL;
  g_autofree char *a = NULL;
  g_autofree char *kase = NULL;
  g_autofree char *sql = NULL;
  JsonArray *array;
  gint64 a_id, b_id;

  a_id = add_client (f, "Okafor", "Chidinma");
  b_id = add_client (f, "Haddad", "Karim");
  a = g_strdup_printf ("%" G_GINT64_FORMAT, a_id);
  kase = g_strdup_printf ("%" G_GINT64_FORMAT, add_case (f, a_id, "study-permit", "2026-10-02"));

  r = run_cli (f, "client", "archive", a, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "client", "list", NULL);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, b_id);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (count_clients (f, TRUE), ==, 2);

  root = run_json (f, "client", "show", a, NULL);
  g_assert_true (json_object_get_boolean_member (node_object (root), "archived"));
  g_assert_nonnull (find_event (node_object (root), "archived", NULL));
  g_clear_pointer (&root, json_node_unref);

  /* Archiving twice is harmless */
  r = run_cli (f, "client", "archive", a, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "already archived"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "unarchive", a, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_cmpuint (count_clients (f, FALSE), ==, 2);

  /* Delete is permanent: the row, its case and its timeline are gone */
  r = run_cli (f, "client", "delete", a, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "permanently"));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "client", "show", a, NULL);
  assert_error (r, 1, "no client file");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "show", kase, NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);

  root = run_json (f, "client", "list", "--archived", NULL);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, b_id);
  cases = run_json (f, "case", "list", "--archived", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (cases)), ==, 0);

  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM clients WHERE id = %s) + "
                         "(SELECT count(*) FROM cases WHERE id = %s) + "
                         "(SELECT count(*) FROM events WHERE client_id = %s)", a, kase, a);
  g_assert_cmpint (sql_count (f->db, sql), ==, 0);

  r = run_cli (f, "client", "delete", a, NULL);
  assert_error (r, 1, "no client file");
}

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *client = NULL;
  g_autofree char *other = NULL;
  g_autofree char *kase = NULL;
  JsonObject *object;
  JsonObject *event;
  gint64 client_id, case_id;

  client_id = add_client (f, "Tremblay-Nguyen", "Minh Anh");
  client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  other = g_strdup_printf ("%" G_GINT64_FORMAT, add_client (f, "Haddad", "Karim"));

  r = run_cli (f, "case", "add", "--client", client, "--application", "work-permit-extension",
               "--decision-date", "2026-11-10", "--received-date", "2026-11-12",
               "--status-expiry", "2026-09-30", "--decided-in-canada", "--office", "Edmonton",
               "--ircc-number", "W301234567", "--consultant", "A. Roy", "--notes", "Inland", NULL);
  assert_status (r, 0);
  case_id = last_line_id (r);
  kase = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "case", "show", kase, NULL);
  object = node_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, case_id);
  g_assert_cmpint (json_object_get_int_member (object, "client-id"), ==, client_id);
  g_assert_cmpstr (member_string (object, "application-type"), ==, "work-permit-extension");
  g_assert_true (json_object_get_boolean_member (object, "decided-in-canada"));
  g_assert_cmpstr (member_string (object, "decision-date"), ==, "2026-11-10");
  g_assert_cmpstr (member_string (object, "received-date"), ==, "2026-11-12");
  g_assert_cmpstr (member_string (object, "status-expiry"), ==, "2026-09-30");
  g_assert_cmpstr (member_string (object, "visa-office"), ==, "Edmonton");
  g_assert_cmpstr (member_string (object, "ircc-number"), ==, "W301234567");
  g_assert_cmpstr (member_string (object, "consultant"), ==, "A. Roy");
  g_assert_cmpstr (member_string (object, "stage"), ==, "new");
  g_assert_cmpstr (member_string (object, "notes"), ==, "Inland");
  g_assert_false (json_object_get_boolean_member (object, "archived"));
  g_assert_nonnull (find_event (object, "created", NULL));
  g_clear_pointer (&root, json_node_unref);

  /* The client file counts and lists it */
  root = run_json (f, "client", "show", client, NULL);
  object = node_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "case-count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (object, "cases"), 0), "id"), ==, case_id);
  g_clear_pointer (&root, json_node_unref);

  root = run_json (f, "case", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "case", "list", "--client", client, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "case", "list", "--client", other, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Changes, each on the timeline */
  r = run_cli (f, "case", "set", kase, "--stage", "analysis", "--outside-canada", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "case", "show", kase, NULL);
  object = node_object (root);
  g_assert_cmpstr (member_string (object, "stage"), ==, "analysis");
  g_assert_false (json_object_get_boolean_member (object, "decided-in-canada"));
  event = find_event (object, "changed", "stage");
  g_assert_nonnull (event);
  g_assert_cmpstr (member_string (event, "old"), ==, "new");
  g_assert_cmpstr (member_string (event, "new"), ==, "analysis");
  event = find_event (object, "changed", "decided-in-canada");
  g_assert_nonnull (event);
  g_assert_cmpstr (member_string (event, "old"), ==, "true");
  g_assert_cmpstr (member_string (event, "new"), ==, "false");
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "set", kase, "--decided-in-canada", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "case", "show", kase, NULL);
  g_assert_true (json_object_get_boolean_member (node_object (root), "decided-in-canada"));
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "set", kase, "--decided-in-canada", "--outside-canada", NULL);
  assert_error (r, 2, "--outside-canada");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "set", kase, "--stage", "won", NULL);
  assert_error (r, 1, "Stage: “won” is not one of");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "set", kase, "--received-date", "2026-11-01", NULL);
  assert_error (r, 1, "Date received");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "set", "77", "--stage", "closed", NULL);
  assert_error (r, 1, "no case with id 77");
  g_clear_pointer (&r, result_free);

  /* Refused additions store nothing */
  r = run_cli (f, "case", "add", "--client", client, "--application", "tourist-visa",
               "--decision-date", "2026-03-02", NULL);
  assert_error (r, 1, "Application: “tourist-visa” is not one of");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "add", "--client", "999", "--application", "other",
               "--decision-date", "2026-03-02", NULL);
  assert_error (r, 1, "no client file with id 999");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "add", "--client", client, "--application", "other",
               "--decision-date", "2026-02-30", NULL);
  assert_error (r, 1, "Decision date");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "add", "--application", "other", "--decision-date", "2026-03-02", NULL);
  assert_error (r, 2, "--client");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "add", "--client", client, "--decision-date", "2026-03-02", NULL);
  assert_error (r, 2, "--application");
  g_clear_pointer (&r, result_free);
  root = run_json (f, "case", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* The client may be given by its file number */
  root = run_json (f, "client", "show", other, NULL);
  r = run_cli (f, "case", "add", "--client", member_string (node_object (root), "file-number"),
               "--application", "visitor-visa", "--decision-date", "2026-09-15", NULL);
  assert_status (r, 0);
  g_clear_pointer (&root, json_node_unref);
  g_free (kase);
  kase = g_strdup_printf ("%" G_GINT64_FORMAT, last_line_id (r));
  root = run_json (f, "case", "show", kase, NULL);
  g_assert_cmpstr (member_string (node_object (root), "application-type"), ==, "visitor-visa");
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "case", "list", "--client", other, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
}

static void
test_case_archive_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *client = NULL;
  g_autofree char *kase = NULL;
  gint64 client_id;

  client_id = add_client (f, "Haddad", "Karim");
  client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  kase = g_strdup_printf ("%" G_GINT64_FORMAT, add_case (f, client_id, "visitor-visa", "2026-09-15"));
  add_case (f, client_id, "other", "2026-01-15");

  r = run_cli (f, "case", "archive", kase, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "case", "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "case", "list", "--archived", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "delete", kase, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "show", kase, NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);

  /* The client file keeps a line saying so */
  root = run_json (f, "client", "show", client, NULL);
  g_assert_cmpint (json_object_get_int_member (node_object (root), "case-count"), ==, 1);
  g_assert_nonnull (find_event (node_object (root), "deleted", NULL));
}

static void
test_firm (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *firm;

  r = run_cli (f, "firm", "set", "--name", "Cabinet Roy", "--email", "contact@roy.example",
               "--licence", "R712345", "--address", "1 rue Sainte-Catherine\nMontréal QC", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "firm", "show", NULL);
  firm = node_object (root);
  g_assert_cmpstr (member_string (firm, "name"), ==, "Cabinet Roy");
  g_assert_cmpstr (member_string (firm, "email"), ==, "contact@roy.example");
  g_assert_cmpstr (member_string (firm, "licence"), ==, "R712345");
  g_assert_cmpstr (member_string (firm, "address"), ==, "1 rue Sainte-Catherine\nMontréal QC");
  g_assert_null (member_string (firm, "phone"));
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "firm", "set", "--email", "roy at example", NULL);
  assert_error (r, 1, "email address");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "firm", "set", NULL);
  assert_error (r, 2, "Nothing to change");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "firm", "show", NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^Firm name: +Cabinet Roy$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Email: +contact@roy.example$", r->out, G_REGEX_MULTILINE, 0));
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

static void
test_database_location (Fixture       *f,
                        gconstpointer  data)
{
  const char *add[] = { "client", "add", "--family-name", "Haddad", "--given-names", "Karim", NULL };
  const char *list[] = { "client", "list", "--json", NULL };
  g_autofree char *elsewhere = fixture_path (f, "elsewhere.db");
  const char *add_after[] = { "client", "add", "--family-name", "Roy", "--given-names", "Ana",
                              "--database", elsewhere, NULL };
  const char *list_after[] = { "client", "list", "--database", elsewhere, "--json", NULL };
  g_autofree char *data_home = fixture_path (f, "data");
  g_autofree char *folder = g_build_filename (data_home, "redress", NULL);
  g_autofree char *database = g_build_filename (folder, "redress.db", NULL);
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  GStatBuf st;

  /* --database after the command */
  r = run_argv (f, FALSE, NULL, NULL, add_after);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_IS_REGULAR));
  r = run_argv (f, FALSE, NULL, NULL, list_after);
  assert_status (r, 0);
  root = parse_json (r->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, result_free);

  /* Without --database: $XDG_DATA_HOME/redress/redress.db, private */
  r = run_argv (f, FALSE, "XDG_DATA_HOME", data_home, add);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (database, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  r = run_argv (f, FALSE, "XDG_DATA_HOME", data_home, list);
  assert_status (r, 0);
  root = parse_json (r->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (json_node_get_array (root), 0),
                                  "family-name"), ==, "Haddad");
}

/* Remedies and deadlines ---------------------------------------------------- */

/* @iso plus @days, as YYYY-MM-DD */
static char *
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

static GDateWeekday
iso_weekday (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  return g_date_get_weekday (&date);
}

static int
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
static gint64
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

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

static JsonObject *
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

static gint64
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

static void
test_remedies (Fixture       *f,
               gconstpointer  data)
{
  static const char *codes[] = {
    "judicial-review", "iad-sponsorship-appeal", "iad-residency-appeal", "iad-removal-appeal",
    "restoration", "new-application", "reconsideration", "humanitarian",
  };
  static const char *keys[] = {
    "remedy", "available", "deadline", "file_by", "moved", "days_left", "not_before", "basis",
    "source",
  };
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sponsorship = NULL;
  g_autofree char *inland = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *file_by = NULL;
  g_autofree char *until = NULL;
  JsonObject *shown, *remedy, *request;
  JsonArray *remedies;
  gint64 client_id;

  client_id = add_client (f, "Okafor", "Chidinma");
  /* A family-class sponsorship refused abroad, the letter received ten days later */
  sponsorship = g_strdup_printf ("%" G_GINT64_FORMAT,
                                 add_case_with (f, client_id, "sponsorship-family-class", FALSE,
                                                "2026-03-02", "2026-03-12"));
  /* An inland refusal */
  inland = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, client_id, "other", TRUE, "2026-03-02", NULL));

  root = run_json (f, "remedies", "--case", sponsorship, "--today", "2026-03-02", NULL);
  shown = node_object (root);
  g_assert_cmpstr (member_string (shown, "today"), ==, "2026-03-02");
  g_assert_false (member_bool (shown, "misrepresentation"));
  remedies = json_object_get_array_member (shown, "remedies");
  g_assert_cmpuint (json_array_get_length (remedies), ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      remedy = json_array_get_object_element (remedies, i);
      g_assert_cmpstr (member_string (remedy, "remedy"), ==, codes[i]);
      g_assert_cmpuint (json_object_get_size (remedy), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (remedy, keys[k]));
      /* Every remedy says what it rests on (judicial review, waiting for
       * the appeal, cites the paragraph that makes it wait) */
      g_assert_nonnull (member_string (remedy, "source"));
      if (i == 0)
        g_assert_nonnull (strstr (member_string (remedy, "basis"), "IRPA s.72"));
      else
        g_assert_nonnull (strstr (member_string (remedy, "basis"),
                                  member_string (remedy, "source")));
    }

  /* The appeal: 30 days from the receipt, which ends on a Saturday; only
   * the Federal Court extends periods over Saturdays, so the day to file
   * by stays that Saturday, and the basis says so */
  deadline = iso_add_days ("2026-03-12", 30);
  g_assert_cmpint (iso_weekday (deadline), ==, G_DATE_SATURDAY);
  file_by = g_strdup (deadline);
  remedy = find_remedy (shown, "iad-sponsorship-appeal");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "deadline"), ==, deadline);
  g_assert_cmpstr (member_string (remedy, "file_by"), ==, file_by);
  g_assert_false (member_bool (remedy, "moved"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, iso_days_between ("2026-03-02", file_by));
  g_assert_null (member_string (remedy, "not_before"));
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "not extended"));
  g_assert_nonnull (strstr (member_string (remedy, "source"), "IRPA s.63(1)"));

  /* Judicial review waits for the appeal */
  remedy = find_remedy (shown, "judicial-review");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_null (member_string (remedy, "deadline"));
  g_assert_null (member_string (remedy, "file_by"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, G_MININT);
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "appeal"));

  /* No deadline: open, nulls */
  remedy = find_remedy (shown, "humanitarian");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_null (member_string (remedy, "deadline"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, G_MININT);
  g_assert_false (member_bool (find_remedy (shown, "restoration"), "available"));

  /* The notes were never requested */
  request = json_object_get_object_member (shown, "notes_request");
  g_assert_nonnull (request);
  g_assert_null (member_string (request, "requested"));
  g_assert_null (member_string (request, "due"));
  g_assert_null (member_string (request, "received"));
  g_assert_false (member_bool (request, "overdue"));
  g_assert_cmpint (member_int (request, "days_left"), ==, G_MININT);
  g_assert_nonnull (member_string (request, "basis"));
  g_clear_pointer (&root, json_node_unref);

  /* Inland: judicial review, 15 days from the decision (no receipt date) */
  g_free (deadline);
  deadline = iso_add_days ("2026-03-02", 15);
  g_assert_cmpint (iso_weekday (deadline), ==, G_DATE_TUESDAY);
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-10", NULL);
  remedy = find_remedy (node_object (root), "judicial-review");
  g_assert_true (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "deadline"), ==, deadline);
  g_assert_cmpstr (member_string (remedy, "file_by"), ==, deadline);
  g_assert_false (member_bool (remedy, "moved"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, iso_days_between ("2026-03-10", deadline));
  g_assert_false (member_bool (find_remedy (node_object (root), "iad-sponsorship-appeal"),
                               "available"));
  g_clear_pointer (&root, json_node_unref);

  /* Once the period is over */
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-20", NULL);
  remedy = find_remedy (node_object (root), "judicial-review");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_cmpint (member_int (remedy, "days_left"), ==, -3);
  g_assert_nonnull (strstr (member_string (remedy, "basis"), "ended"));
  g_clear_pointer (&root, json_node_unref);

  /* --misrepresentation: no new application for five years */
  {
    GDate bar;

    g_date_clear (&bar, 1);
    g_date_set_dmy (&bar, 2, G_DATE_MARCH, 2026);
    g_date_add_years (&bar, 5);
    g_date_add_days (&bar, 1);  /* the five years *following* the finding */
    until = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&bar), g_date_get_month (&bar),
                             g_date_get_day (&bar));
  }
  root = run_json (f, "remedies", "--case", inland, "--today", "2026-03-10", "--misrepresentation",
                   NULL);
  g_assert_true (member_bool (node_object (root), "misrepresentation"));
  remedy = find_remedy (node_object (root), "new-application");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_cmpstr (member_string (remedy, "not_before"), ==, until);
  g_assert_true (member_bool (find_remedy (node_object (root), "judicial-review"), "available"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "remedies", "--case", inland, "--today", until, "--misrepresentation", NULL);
  g_assert_true (member_bool (find_remedy (node_object (root), "new-application"), "available"));
  g_clear_pointer (&root, json_node_unref);

  /* Human output: one block per remedy; the Saturday that does not extend
   * the period is said */
  r = run_cli (f, "remedies", "--case", sponsorship, "--today", "2026-03-02", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_regex_match_simple ("^Sponsorship appeal to the IAD$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  Status: +Open$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  File by: +11 April 2026$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("not\\s+extended\\s+to\\s+the\\s+Monday", r->out, 0, 0));
  g_assert_true (g_regex_match_simple ("^  Days left: +40 days$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  Source: +IRPA s\\.63\\(1\\)", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Judicial review\\n  Status: +Not available$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Officer’s notes request\\n  Status: +Not requested$",
                                       r->out, G_REGEX_MULTILINE, 0));
  /* Folded to the terminal's width */
  {
    g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 80);
  }
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "remedies", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--misrepresentation"));
  g_assert_nonnull (strstr (r->out, "--today=YYYY-MM-DD"));
  g_assert_nonnull (strstr (r->out, "--case=ID"));
  g_clear_pointer (&r, result_free);

  /* Misuse and refusals */
  r = run_cli (f, "remedies", NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", "abc", NULL);
  assert_error (r, 2, "abc");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", "99", NULL);
  assert_error (r, 1, "no case with id 99");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", inland, "--today", "2026-02-30", "--json", NULL);
  assert_error (r, 1, "--today: ");
  g_assert_nonnull (strstr (r->err, "2026-02-30"));
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "remedies", "--case", inland, "--today", "tomorrow", NULL);
  assert_error (r, 1, "“tomorrow” is not a date");
  g_clear_pointer (&r, result_free);
}

static void
test_case_path_and_notes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *kase = NULL;
  g_autofree char *due = NULL;
  JsonObject *object, *request;
  gint64 client_id;

  client_id = add_client (f, "Haddad", "Karim");
  kase = g_strdup_printf ("%" G_GINT64_FORMAT,
                          add_case_with (f, client_id, "visitor-visa", FALSE, "2026-03-02", NULL));

  /* The help lists the options and the path codes */
  r = run_cli (f, "case", "set", "--help", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "--path=CODE"));
  g_assert_nonnull (strstr (r->out, "--notes-requested=YYYY-MM-DD"));
  g_assert_nonnull (strstr (r->out, "--notes-received=YYYY-MM-DD"));
  g_assert_nonnull (strstr (r->out, "Codes of --path:"));
  for (guint i = 0; i < 7; i++)
    {
      static const char *paths[] = { "undecided", "restoration", "new-application",
                                     "judicial-review", "appeal", "reconsideration",
                                     "humanitarian" };
      g_autofree char *pattern = g_strdup_printf ("^  %s ", paths[i]);
      g_assert_true (g_regex_match_simple (pattern, r->out, G_REGEX_MULTILINE, 0));
    }
  g_clear_pointer (&r, result_free);

  root = run_json (f, "case", "show", kase, NULL);
  object = node_object (root);
  g_assert_cmpstr (member_string (object, "path"), ==, "undecided");
  g_assert_null (member_string (object, "notes-requested"));
  g_assert_null (member_string (object, "notes-received"));
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "set", kase, "--path", "judicial-review", "--notes-requested",
               "2026-03-03", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Path"));
  g_assert_nonnull (strstr (r->out, "Officer’s notes requested"));
  g_clear_pointer (&r, result_free);

  root = run_json (f, "case", "show", kase, NULL);
  object = node_object (root);
  g_assert_cmpstr (member_string (object, "path"), ==, "judicial-review");
  g_assert_cmpstr (member_string (object, "notes-requested"), ==, "2026-03-03");
  g_assert_nonnull (find_event (object, "changed", "path"));
  g_assert_nonnull (find_event (object, "changed", "notes-requested"));
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "show", kase, NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^Path: +Judicial review \\(judicial-review\\)$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Officer’s notes requested: +2026-03-03$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Officer’s notes received: +—$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_clear_pointer (&r, result_free);

  /* Due 30 days after the request; overdue after that */
  due = iso_add_days ("2026-03-03", 30);
  root = run_json (f, "remedies", "--case", kase, "--today", due, NULL);
  request = json_object_get_object_member (node_object (root), "notes_request");
  g_assert_cmpstr (member_string (request, "requested"), ==, "2026-03-03");
  g_assert_cmpstr (member_string (request, "due"), ==, due);
  g_assert_false (member_bool (request, "overdue"));
  g_assert_cmpint (member_int (request, "days_left"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "remedies", "--case", kase, "--today", "2026-04-09", NULL);
  request = json_object_get_object_member (node_object (root), "notes_request");
  g_assert_true (member_bool (request, "overdue"));
  g_assert_cmpint (member_int (request, "days_left"), ==, -iso_days_between (due, "2026-04-09"));
  g_assert_nonnull (strstr (member_string (request, "basis"), "deemed refused"));
  g_clear_pointer (&root, json_node_unref);

  /* The notes cannot arrive before they were asked for */
  r = run_cli (f, "case", "set", kase, "--notes-received", "2026-03-01", NULL);
  assert_error (r, 1, "before they were requested");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "set", kase, "--notes-received", "2026-02-31", NULL);
  assert_error (r, 1, "Officer’s notes received");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "case", "set", kase, "--path", "appeal-to-nowhere", NULL);
  assert_error (r, 1, "Path: “appeal-to-nowhere” is not one of");
  g_clear_pointer (&r, result_free);
  root = run_json (f, "case", "show", kase, NULL);
  g_assert_null (member_string (node_object (root), "notes-received"));
  g_assert_cmpstr (member_string (node_object (root), "path"), ==, "judicial-review");
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "case", "set", kase, "--notes-received", "2026-03-20", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "remedies", "--case", kase, "--today", "2026-04-09", NULL);
  request = json_object_get_object_member (node_object (root), "notes_request");
  g_assert_cmpstr (member_string (request, "received"), ==, "2026-03-20");
  g_assert_false (member_bool (request, "overdue"));
  g_assert_cmpint (member_int (request, "days_left"), ==, G_MININT);
  g_clear_pointer (&root, json_node_unref);

  /* Clearing the request while the receipt stays is refused too */
  r = run_cli (f, "case", "set", kase, "--notes-requested", "", NULL);
  assert_error (r, 1, "requested");
  g_clear_pointer (&r, result_free);
}

static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *missed = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *missed_file_by = NULL;
  JsonObject *shown;
  JsonArray *list;
  gint64 okafor, haddad;
  int previous_days = G_MININT;
  gboolean seen_open = FALSE;
  guint n_all;

  okafor = add_client (f, "Okafor", "Chidinma");
  haddad = add_client (f, "Haddad", "Karim");
  /* Inland, 15 days from 2026-02-20: a Saturday, filed by the Monday: missed */
  missed = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, haddad, "other", TRUE, "2026-02-20", NULL));
  g_assert_cmpint (iso_weekday ("2026-03-07"), ==, G_DATE_SATURDAY);
  missed_file_by = iso_add_days ("2026-02-20", 17);
  /* Inland, 15 days from 2026-03-05 */
  soon = g_strdup_printf ("%" G_GINT64_FORMAT,
                          add_case_with (f, okafor, "other", TRUE, "2026-03-05", NULL));
  /* Abroad, 60 days from 2026-03-02 */
  later = g_strdup_printf ("%" G_GINT64_FORMAT,
                           add_case_with (f, okafor, "visitor-visa", FALSE, "2026-03-02", NULL));
  /* Closed: not followed */
  closed = g_strdup_printf ("%" G_GINT64_FORMAT,
                            add_case_with (f, haddad, "other", TRUE, "2026-03-06", NULL));
  r = run_cli (f, "case", "set", closed, "--stage", "closed", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  /* The notes of the later case, requested on 2026-03-01: due 2026-03-31 */
  r = run_cli (f, "case", "set", later, "--notes-requested", "2026-03-01", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  root = run_json (f, "deadlines", "--today", "2026-03-10", NULL);
  shown = node_object (root);
  g_assert_cmpstr (member_string (shown, "today"), ==, "2026-03-10");
  g_assert_cmpint (member_int (shown, "within"), ==, 60);
  list = json_object_get_array_member (shown, "deadlines");
  n_all = json_array_get_length (list);
  g_assert_cmpuint (n_all, ==, 4);
  for (guint i = 0; i < n_all; i++)
    {
      JsonObject *d = json_array_get_object_element (list, i);
      int days = (int) member_int (d, "days_left");
      gboolean overdue = member_bool (d, "overdue");

      g_assert_cmpint (overdue, ==, days < 0);
      g_assert_cmpint (days, ==, iso_days_between ("2026-03-10", member_string (d, "due")));
      /* Overdue first, then the nearest */
      g_assert_false (overdue && seen_open);
      seen_open = seen_open || !overdue;
      g_assert_cmpint (days, >=, previous_days);
      previous_days = days;
      g_assert_cmpint (member_int (d, "case"), !=, g_ascii_strtoll (closed, NULL, 10));
      g_assert_nonnull (member_string (d, "client_name"));
      g_assert_nonnull (member_string (d, "case_title"));
      g_assert_nonnull (member_string (d, "label"));
      g_assert_nonnull (member_string (d, "basis"));
      g_assert_nonnull (member_string (d, "statutory"));
      if (member_int (d, "case") == g_ascii_strtoll (missed, NULL, 10))
        g_assert_cmpint (member_int (d, "client"), ==, haddad);
      else
        g_assert_cmpint (member_int (d, "client"), ==, okafor);
    }
  {
    JsonObject *first = json_array_get_object_element (list, 0);
    JsonObject *second = json_array_get_object_element (list, 1);
    JsonObject *third = json_array_get_object_element (list, 2);
    JsonObject *last = json_array_get_object_element (list, 3);
    g_autofree char *abroad_due = iso_add_days ("2026-03-02", 60);

    g_assert_cmpint (member_int (first, "case"), ==, g_ascii_strtoll (missed, NULL, 10));
    g_assert_cmpstr (member_string (first, "kind"), ==, "judicial-review");
    g_assert_cmpstr (member_string (first, "statutory"), ==, "2026-03-07");
    g_assert_cmpstr (member_string (first, "due"), ==, missed_file_by);
    g_assert_true (member_bool (first, "overdue"));
    g_assert_cmpstr (member_string (first, "client_name"), ==, "Haddad, Karim");
    g_assert_cmpint (member_int (second, "case"), ==, g_ascii_strtoll (soon, NULL, 10));
    g_assert_cmpstr (member_string (third, "kind"), ==, "notes-request");
    g_assert_cmpstr (member_string (third, "label"), ==, "Officer’s notes request");
    g_assert_cmpstr (member_string (third, "due"), ==, "2026-03-31");
    g_assert_cmpint (member_int (last, "case"), ==, g_ascii_strtoll (later, NULL, 10));
    g_assert_cmpstr (member_string (last, "due"), ==, abroad_due);
    g_assert_cmpint (iso_weekday (abroad_due), ==, G_DATE_FRIDAY);
  }
  g_clear_pointer (&root, json_node_unref);

  /* --within: the overdue one stays */
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--within", "10", NULL);
  list = json_object_get_array_member (node_object (root), "deadlines");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_true (member_bool (json_array_get_object_element (list, 0), "overdue"));
  g_assert_cmpint (member_int (json_array_get_object_element (list, 1), "days_left"), <=, 10);
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "deadlines", "--today", "2026-03-10", "--within", "0", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                        "deadlines")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* The notes received: the request leaves the list */
  r = run_cli (f, "case", "set", later, "--notes-received", "2026-03-09", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "deadlines", "--today", "2026-03-10", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                        "deadlines")), ==, 3);
  g_clear_pointer (&root, json_node_unref);

  /* Human output: a table, overdue first */
  r = run_cli (f, "deadlines", "--today", "2026-03-10", NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_regex_match_simple ("^File by +Days left +Client +Case +What$", r->out,
                                       G_REGEX_MULTILINE, 0));
  /* The title, the header, then the overdue deadline */
  g_assert_true (g_regex_match_simple ("\\A[^\\n]*\\n[^\\n]*\\n"
                                       "2026-03-09 \\(statutory 2026-03-07\\) +"
                                       "-1 \\(overdue\\) +Haddad, Karim", r->out, 0, 0));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-12-01", "--within", "5", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "No deadlines"));
  g_clear_pointer (&r, result_free);

  /* Misuse */
  r = run_cli (f, "deadlines", "--within", "soon", NULL);
  assert_error (r, 2, "--within");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--within", "-3", NULL);
  assert_error (r, 2, "--within");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "deadlines", "--today", "2026-13-01", NULL);
  assert_error (r, 1, "--today");
  g_clear_pointer (&r, result_free);
}

/* Documents ---------------------------------------------------------------- */

#define FRENCH_TEXT \
  "Décision de l’agent\n\n" \
  "Après examen de votre demande de permis d’études, j’ai déterminé que vous ne " \
  "satisfaites pas aux exigences. Cette décision est motivée ci-dessous."

/* Three pages: an English letter, French notes, French reasons */
static char *
write_french_pdf (Fixture    *f,
                  const char *name)
{
  char *path = fixture_path (f, name);
  const TestPdfPage pages[] = {
    { 595, 842, "Immigration, Refugees and Citizenship Canada\n\n"
                "This letter is to inform you that your application for a study permit "
                "has been refused.", FALSE },
    { 595, 842, FRENCH_TEXT, FALSE },
    { 595, 842, "Motifs : les liens familiaux de la demanderesse à l’étranger ont été "
                "évalués, ainsi que sa situation financière.", FALSE },
  };

  test_pdf_write_cairo (path, pages, G_N_ELEMENTS (pages));
  return path;
}

static gint64
add_case_for (Fixture    *f,
              const char *family,
              const char *given)
{
  return add_case (f, add_client (f, family, given), "study-permit", "2026-02-20");
}

static gint64
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

/* Nothing of any document in the database */
static void
assert_no_document (Fixture *f)
{
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages_fts"), ==, 0);
}

static JsonArray *
documents_of (JsonNode *root)
{
  return json_object_get_array_member (node_object (root), "documents");
}

static JsonArray *
hits_of (JsonNode *root)
{
  return json_object_get_array_member (node_object (root), "hits");
}

/* The pages a search finds, as "document:page" joined by spaces */
static char *
search_pages (Fixture    *f,
              const char *query)
{
  g_autoptr(JsonNode) root = run_json (f, "search", query, NULL);
  JsonArray *hits = hits_of (root);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? " " : "",
                              json_object_get_int_member (hit, "document"),
                              json_object_get_int_member (hit, "page"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes-agent.pdf");
  g_autofree char *copy = fixture_path (f, "copy.pdf");
  g_autofree char *sha = file_sha256 (pdf);
  g_autofree char *case_text = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *original = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *page3 = NULL;
  g_autoptr(GBytes) piped = NULL;
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize original_size = 0, exported_size = 0;
  JsonArray *documents;
  JsonArray *hits;
  JsonObject *document;
  JsonObject *hit;
  gint64 case_id, other_case, id;

  case_id = add_case_for (f, "Tremblay", "Amélie");
  other_case = add_case_for (f, "Okafor", "Chidinma");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  /* Import: a line about it, the id alone on the last line */
  r = run_cli (f, "import", "--case", case_text, "--kind", "officer-notes", pdf, NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "3 pages"));
  id = last_line_id (r);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_clear_pointer (&r, result_free);

  /* documents --json */
  root = run_json (f, "documents", "--case", case_text, NULL);
  documents = documents_of (root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  document = json_array_get_object_element (documents, 0);
  g_assert_cmpint (json_object_get_int_member (document, "id"), ==, id);
  g_assert_cmpstr (member_string (document, "kind"), ==, "officer-notes");
  g_assert_cmpstr (member_string (document, "file_name"), ==, "notes-agent.pdf");
  g_assert_cmpint (json_object_get_int_member (document, "pages"), ==, 3);
  g_assert_true (json_object_get_boolean_member (document, "has_text"));
  g_assert_cmpstr (member_string (document, "sha256"), ==, sha);
  g_assert_true (g_file_get_contents (pdf, &original, &original_size, NULL));
  g_assert_cmpint (json_object_get_int_member (document, "size"), ==, (gint64) original_size);
  g_clear_pointer (&root, json_node_unref);

  /* ... and for people; the other case has none */
  r = run_cli (f, "documents", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "Officer’s notes"));
  g_clear_pointer (&r, result_free);
  root = run_json (f, "documents", "--case", "2", NULL);
  g_assert_cmpint (other_case, ==, 2);
  g_assert_cmpuint (json_array_get_length (documents_of (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Search, without accents, with them, phrases, prefixes */
  page2 = g_strdup_printf ("%s:2", id_text);
  page3 = g_strdup_printf ("%s:3", id_text);
  page1 = g_strdup_printf ("%s:1", id_text);
  pages = search_pages (f, "decision agent");
  g_assert_cmpstr (pages, ==, page2);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "ETRANGER");
  g_assert_cmpstr (pages, ==, page3);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "\"décision de l’agent\"");
  g_assert_cmpstr (pages, ==, page2);
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "\"agent de décision\"");
  g_assert_cmpstr (pages, ==, "");
  g_clear_pointer (&pages, g_free);
  pages = search_pages (f, "refus*");
  g_assert_cmpstr (pages, ==, page1);
  g_clear_pointer (&pages, g_free);

  /* A hit in full: who, where, a snippet on one line and where the match is */
  root = run_json (f, "search", "décision", "--limit", "5", NULL);
  hits = hits_of (root);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
  hit = json_array_get_object_element (hits, 0);
  g_assert_cmpint (json_object_get_int_member (hit, "case"), ==, case_id);
  g_assert_cmpint (json_object_get_int_member (hit, "document"), ==, id);
  g_assert_cmpint (json_object_get_int_member (hit, "page"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (hit, "client"), ==, 1);
  g_assert_cmpstr (member_string (hit, "client_name"), ==, "Tremblay, Amélie");
  g_assert_cmpstr (member_string (hit, "file_name"), ==, "notes-agent.pdf");
  g_assert_cmpstr (member_string (hit, "kind"), ==, "officer-notes");
  g_assert_nonnull (member_string (hit, "case_title"));
  {
    const char *snippet = member_string (hit, "snippet");
    JsonArray *matches = json_object_get_array_member (hit, "match");

    for (const char *p = snippet; *p; p++)
      g_assert_cmpint ((guchar) *p, >=, 0x20);
    g_assert_nonnull (strstr (snippet, "décision"));
    g_assert_cmpuint (json_array_get_length (matches), >=, 1);
    for (guint i = 0; i < json_array_get_length (matches); i++)
      {
        JsonObject *match = json_array_get_object_element (matches, i);
        gint64 start = json_object_get_int_member (match, "start");
        gint64 end = json_object_get_int_member (match, "end");
        g_autofree char *word = g_utf8_substring (snippet, start, end);
        g_autofree char *folded = g_utf8_casefold (word, -1);

        g_assert_cmpstr (folded, ==, "décision");
      }
  }
  g_clear_pointer (&root, json_node_unref);

  /* For people: the match between « » */
  r = run_cli (f, "search", "motivée", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Tremblay, Amélie"));
  g_assert_nonnull (strstr (r->out, "notes-agent.pdf"));
  g_assert_nonnull (strstr (r->out, "page 2"));
  g_assert_nonnull (strstr (r->out, "«motivée»"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "kangourou", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "No page matches"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "* \"\" -", NULL);
  assert_error (r, 2, "no word");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "search", "décision", "--limit", "0", NULL);
  assert_error (r, 2, "--limit");
  g_clear_pointer (&r, result_free);

  /* The same file in another case: stored once */
  import_pdf (f, other_case, "refusal-letter", pdf);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 2);
  root = run_json (f, "search", "décision", NULL);
  g_assert_cmpuint (json_array_get_length (hits_of (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  /* Export: the original bytes, to a file and to standard output */
  r = run_cli (f, "document", "export", id_text, copy, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "copy.pdf"));
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_get_contents (copy, &exported, &exported_size, NULL));
  g_assert_cmpmem (exported, exported_size, original, original_size);
  {
    const char *args[] = { "document", "export", id_text, "-", NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, NULL, &piped, args);
    assert_status (r, 0);
    g_assert_cmpmem (g_bytes_get_data (piped, NULL), g_bytes_get_size (piped),
                     original, original_size);
    g_clear_pointer (&r, result_free);
  }
  {
    /* Through a symbolic link: refused, the link's target untouched */
    g_autofree char *target = fixture_path (f, "elsewhere.txt");
    g_autofree char *link = fixture_path (f, "link.pdf");
    g_autofree char *kept = NULL;
    GStatBuf st;

    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_set_contents (target, "not to be replaced", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    r = run_cli (f, "document", "export", id_text, link, NULL);
    assert_error (r, 1, "symbolic link");
    g_clear_pointer (&r, result_free);
    g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "not to be replaced");
  }
  r = run_cli (f, "document", "export", "999", copy, NULL);
  assert_error (r, 1, "999");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "document", "export", "abc", copy, NULL);
  assert_error (r, 2, "documents --case");
  g_clear_pointer (&r, result_free);

  /* Remove: gone for good, from the list and from search */
  r = run_cli (f, "document", "remove", id_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "permanently"));
  g_clear_pointer (&r, result_free);
  root = run_json (f, "documents", "--case", case_text, NULL);
  g_assert_cmpuint (json_array_get_length (documents_of (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM pages"), ==, 3);
  root = run_json (f, "search", "décision", NULL);
  hits = hits_of (root);
  g_assert_cmpuint (json_array_get_length (hits), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (hits, 0), "case"),
                   ==, other_case);
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "document", "remove", id_text, NULL);
  assert_error (r, 1, id_text);
  g_clear_pointer (&r, result_free);

  /* The last document with those bytes takes them with it */
  r = run_cli (f, "document", "remove", "2", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  assert_no_document (f);
  r = run_cli (f, "check", NULL);
  assert_status (r, 0);
}

static void
test_documents_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = fixture_path (f, "letter.pdf");
  g_autofree char *empty = fixture_path (f, "empty.pdf");
  g_autofree char *missing = fixture_path (f, "missing.pdf");
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;

  add_case_for (f, "Tremblay", "Amélie");
  g_file_set_contents (text, "<html><body>Session expired</body></html>\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  /* Not a PDF: one line, exit 1, nothing on stdout, nothing stored */
  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", text, NULL);
  assert_error (r, 1, "not a PDF");
  g_assert_nonnull (strstr (r->err, "letter.pdf"));
  g_assert_cmpstr (r->out, ==, "");
  g_assert_null (strchr (strchr (r->err, '\n') + 1, '\n'));
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", empty, NULL);
  assert_error (r, 1, "empty");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "evidence", missing, NULL);
  assert_error (r, 1, "missing.pdf");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* Misuse */
  r = run_cli (f, "import", "--case", "1", pdf, NULL);
  assert_error (r, 2, "--kind");
  g_assert_nonnull (strstr (r->err, "officer-notes"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "gcms", pdf, NULL);
  assert_error (r, 2, "gcms");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--kind", "other", pdf, NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "1", "--kind", "other", NULL);
  assert_error (r, 2, "FILE");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "import", "--case", "7", "--kind", "other", pdf, NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "documents", "--case", "7", NULL);
  assert_error (r, 1, "no case");
  g_clear_pointer (&r, result_free);
  {
    /* --password - with nothing on standard input */
    const char *args[] = { "import", "--case", "1", "--kind", "other", "--password", "-",
                           pdf, NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, "", NULL, args);
    assert_error (r, 2, "standard input");
    g_clear_pointer (&r, result_free);
  }
  assert_no_document (f);

  /* A PDF without a password opens whatever password is given */
  {
    const char *args[] = { "import", "--case", "1", "--kind", "other", "--password", "-",
                           pdf, NULL };

    r = run_argv_full (f, TRUE, NULL, NULL, "anything\n", NULL, args);
    assert_status (r, 0);
    g_assert_cmpint (last_line_id (r), ==, 1);
    g_clear_pointer (&r, result_free);
  }

  /* The same file twice in one case is refused */
  r = run_cli (f, "import", "--case", "1", "--kind", "other", pdf, NULL);
  assert_error (r, 1, "already attached");
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
}

/* The user password of @file in the corpus's MANIFEST.tsv ("user=SECRET ...") */
static char *
manifest_user_password (const char *dir,
                        const char *file)
{
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) error = NULL;
  int column = -1;

  g_file_get_contents (manifest, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], "\t", -1);
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], "password"))
      column = (int) i;
  g_assert_cmpint (column, >=, 0);

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[l], "\t", -1);
      const char *user;

      if (g_strv_length (cols) <= (guint) column || !g_str_equal (cols[0], file))
        continue;
      user = strstr (cols[column], "user=");
      g_assert_nonnull (user);
      user += strlen ("user=");
      return g_strndup (user, strcspn (user, " "));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_documents_password (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dir = test_corpus_dir ();
  g_autofree char *pdf = NULL;
  g_autofree char *password = NULL;
  g_autofree char *input = NULL;
  g_autoptr(Result) r = NULL;
  const char *args[] = { "import", "--case", "1", "--kind", "decision-notes", "--password", "-",
                         NULL, NULL };

  if (dir == NULL)
    {
      g_test_skip ("No corpus ($REDRESS_CORPUS_DIR)");
      return;
    }
  pdf = g_build_filename (dir, "enc_user-openpassword.pdf", NULL);
  if (!g_file_test (pdf, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("enc_user-openpassword.pdf is not in the corpus");
      return;
    }
  password = manifest_user_password (dir, "enc_user-openpassword.pdf");
  args[7] = pdf;
  add_case_for (f, "Tremblay", "Amélie");

  /* No password: says how to give it */
  r = run_cli (f, "import", "--case", "1", "--kind", "decision-notes", pdf, NULL);
  assert_error (r, 1, "password");
  g_assert_nonnull (strstr (r->err, "--password"));
  g_clear_pointer (&r, result_free);

  /* A wrong one, on the command line and on standard input */
  r = run_cli (f, "import", "--case", "1", "--kind", "decision-notes", "--password", "not-it",
               pdf, NULL);
  assert_error (r, 1, "wrong");
  g_clear_pointer (&r, result_free);
  r = run_argv_full (f, TRUE, NULL, NULL, "not-it\n", NULL, args);
  assert_error (r, 1, "wrong");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* The right one on standard input */
  input = g_strdup_printf ("%s\n", password);
  r = run_argv_full (f, TRUE, NULL, NULL, input, NULL, args);
  assert_status (r, 0);
  g_assert_cmpint (last_line_id (r), ==, 1);
  /* Standard input is not a terminal: no prompt */
  g_assert_cmpstr (r->err, ==, "");
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT n_pages FROM documents WHERE id = 1"), ==, 1);
}

/* Runs "redress-cli --database DB import --case 1 --kind other --password -
 * PDF" with standard input read from @stdin_file, or from a shell pipeline
 * @producer (bounded by timeout(1), so that a hang fails instead of
 * blocking the suite) */
static Result *
run_import_password_from (Fixture    *f,
                          const char *pdf,
                          const char *stdin_file,
                          const char *producer)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  if (stdin_file != NULL)
    {
      g_subprocess_launcher_set_stdin_file_path (launcher, stdin_file);
      process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--database", f->db,
                                             "import", "--case", "1", "--kind", "other",
                                             "--password", "-", pdf, NULL);
    }
  else
    {
      g_autofree char *script = g_strdup_printf ("%s | timeout 20 \"$0\" --database \"$1\" import "
                                                 "--case 1 --kind other --password - \"$2\"",
                                                 producer);
      process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", script, cli_path,
                                             f->db, pdf, NULL);
    }
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

/* Passwords: bounded before the PDF reader sees them, read whole from
 * standard input or refused, never waited on forever */
static void
test_documents_password_bounds (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autofree char *too_long = g_strnfill (128, 'a');
  g_autofree char *input_file = fixture_path (f, "password-input");
  g_autofree char *corpus = test_corpus_dir ();
  g_autofree char *aes = corpus ? g_build_filename (corpus, "enc_aes256-r6_user-usersecret.pdf", NULL)
                                : NULL;
  g_autoptr(Result) r = NULL;

  add_case_for (f, "Tremblay", "Amélie");

  /* 128 bytes on the command line or on standard input: the limit is said */
  r = run_cli (f, "import", "--case", "1", "--kind", "other", "--password", too_long, pdf, NULL);
  assert_error (r, 2, "at most 127 bytes");
  g_clear_pointer (&r, result_free);
  {
    g_autofree char *line = g_strdup_printf ("%s\n", too_long);

    g_assert_true (g_file_set_contents (input_file, line, -1, NULL));
    r = run_import_password_from (f, pdf, input_file, NULL);
    assert_error (r, 2, "at most 127 bytes");
    g_clear_pointer (&r, result_free);
  }
  if (aes != NULL && g_file_test (aes, G_FILE_TEST_IS_REGULAR))
    {
      /* poppler 22.12 crashed on it: now refused before, saying why */
      r = run_cli (f, "import", "--case", "1", "--kind", "other", "--password", too_long, aes, NULL);
      assert_error (r, 2, "127 bytes");
      g_assert_null (strstr (r->err, "stopped"));
      g_clear_pointer (&r, result_free);
    }

  /* A NUL inside: refused, not cut (the password before it is right for
   * the corpus file; here any password opens the PDF, so a cut would import) */
  g_assert_true (g_file_set_contents (input_file, "usersecret\0junk\n", 16, NULL));
  r = run_import_password_from (f, aes != NULL && g_file_test (aes, G_FILE_TEST_IS_REGULAR) ? aes : pdf,
                                input_file, NULL);
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_set_contents (input_file, "secret\0", 7, NULL));
  r = run_import_password_from (f, pdf, input_file, NULL);
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);

  /* An endless stream without a line end: stops reading, says why */
  r = run_import_password_from (f, pdf, NULL, "tr -d '\\n' < /dev/zero | tr '\\0' x");
  assert_error (r, 2, "4096 bytes");
  g_clear_pointer (&r, result_free);
  /* An endless stream of NUL bytes */
  r = run_import_password_from (f, pdf, NULL, "cat /dev/zero");
  assert_error (r, 2, "NUL");
  g_clear_pointer (&r, result_free);
  assert_no_document (f);

  /* Lines after the first are not read: an endless stream of lines is fine */
  r = run_import_password_from (f, pdf, NULL, "yes secret");
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
}

/* Ctrl+C during an import: exit 130, nothing stored.  The PDF reader is a
 * stand-in that says it started, then hangs. */
static void
test_import_interrupted (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *pdf = write_french_pdf (f, "notes.pdf");
  g_autofree char *worker = fixture_path (f, "hanging-worker");
  g_autofree char *marker = fixture_path (f, "worker-started");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline;

  add_case_for (f, "Tremblay", "Amélie");
  g_file_set_contents (worker, "#!/bin/sh\n: > \"$REDRESS_TEST_MARKER\"\nexec sleep 60\n", -1,
                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (worker, 0755), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "REDRESS_PDF_WORKER", worker, TRUE);
  g_subprocess_launcher_setenv (launcher, "REDRESS_TEST_MARKER", marker, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--database", f->db,
                                         "import", "--case", "1", "--kind", "other", pdf, NULL);
  g_assert_no_error (error);

  /* The handler is in place before the reader starts */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (process))
    g_test_message ("redress-cli ended by signal %d; it said: %s",
                    g_subprocess_get_term_sig (process), err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_nonnull (strstr (err, "cancelled"));
  g_assert_cmpstr (out, ==, "");
  assert_no_document (f);
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'document'"),
                   ==, 0);
}

/* A visitor visa refusal: a preamble naming every factor an officer may
 * consider (not grounds), then one ground, family ties, under R179(b) */
#define REFUSAL_GROUND_SENTENCE \
  "I am not satisfied that you will leave Canada at the end of your stay as a temporary " \
  "resident as stipulated in paragraph 179(b) of the IRPR based on your family ties in " \
  "Canada and in your country of residence."

static char *
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

static JsonArray *
grounds_of (JsonNode *root)
{
  JsonObject *shown = node_object (root);

  g_assert_true (json_object_has_member (shown, "case"));
  return json_object_get_array_member (shown, "grounds");
}

/* The ground @code of a list of grounds, NULL when absent */
static JsonObject *
find_ground_in (JsonArray  *grounds,
                const char *code)
{
  for (guint i = 0; i < json_array_get_length (grounds); i++)
    {
      JsonObject *ground = json_array_get_object_element (grounds, i);

      if (g_strcmp0 (member_string (ground, "code"), code) == 0)
        return ground;
    }
  return NULL;
}

/* The ground @code of the "grounds --json" output, NULL when absent */
static JsonObject *
find_ground (JsonNode   *root,
             const char *code)
{
  return find_ground_in (grounds_of (root), code);
}

static void
test_detect (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = write_refusal_pdf (f, "refusal.pdf");
  g_autofree char *notes = fixture_path (f, "acknowledgement.pdf");
  g_autofree char *text = fixture_path (f, "letter.pdf");
  const TestPdfPage acknowledgement[] = {
    { 595, 842, "Immigration, Refugees and Citizenship Canada\n\n"
                "We acknowledge receipt of your application for a temporary resident visa. "
                "Please submit a copy of your passport within 30 days.", FALSE },
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *grounds;
  JsonObject *ground;

  test_pdf_write_cairo (notes, acknowledgement, G_N_ELEMENTS (acknowledgement));
  /* No database is needed, none is made */
  root = run_json (f, "detect", pdf, NULL);
  g_assert_cmpstr (member_string (node_object (root), "language"), ==, "en");
  grounds = json_object_get_array_member (node_object (root), "grounds");
  /* Only the ground: not the factors of the preamble */
  g_assert_cmpuint (json_array_get_length (grounds), ==, 1);
  ground = json_array_get_object_element (grounds, 0);
  g_assert_cmpstr (member_string (ground, "code"), ==, "family-ties");
  g_assert_cmpstr (member_string (ground, "provision"), ==, "R179(b)");
  g_assert_cmpint (member_int (ground, "page"), ==, 1);
  g_assert_cmpstr (member_string (ground, "quote"), ==, REFUSAL_GROUND_SENTENCE);
  g_clear_pointer (&root, json_node_unref);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* For people: a block per ground */
  r = run_cli (f, "detect", pdf, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Family ties (family-ties)"));
  g_assert_nonnull (strstr (r->out, "R179(b)"));
  g_assert_nonnull (strstr (r->out, "Page:"));
  g_assert_nonnull (strstr (r->out, "paragraph"));
  g_clear_pointer (&r, result_free);

  /* A letter that refuses nothing */
  root = run_json (f, "detect", notes, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                         "grounds")), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "detect", notes, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "No refusal ground"));
  g_clear_pointer (&r, result_free);

  /* Not a PDF; no file */
  g_file_set_contents (text, "<html><body>Session expired</body></html>\n", -1, &error);
  g_assert_no_error (error);
  r = run_cli (f, "detect", text, NULL);
  assert_error (r, 1, "not a PDF");
  g_assert_nonnull (strstr (r->err, "letter.pdf"));
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "detect", NULL);
  assert_error (r, 2, "FILE");
}

/* The officer's notes: recognised from their layout, or read as notes
 * when told; a ground says where it came from and the entry's date */
static void
test_detect_notes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = fixture_path (f, "gcms.pdf");
  const TestPdfPage notes[] = {
    { 595, 842, "GCMS Notes - Temporary Resident Visa\n\n"
                "Created By: AB12345\nCreated Date: 2024/03/11\n"
                "PA is 29, single, employed as a clerk since 2022.\n\n"
                "Created By: AB12345\nCreated Date: 2024/03/18\n"
                "Savings minimal. Ties to COR not sufficiently strong.\n", FALSE },
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Result) r = NULL;
  JsonArray *grounds;
  JsonObject *ground;

  test_pdf_write_cairo (pdf, notes, G_N_ELEMENTS (notes));
  root = run_json (f, "detect", pdf, NULL);
  g_assert_cmpstr (member_string (node_object (root), "kind"), ==, "notes");
  grounds = json_object_get_array_member (node_object (root), "grounds");
  g_assert_cmpuint (json_array_get_length (grounds), ==, 2);
  ground = find_ground_in (grounds, "finances");
  g_assert_nonnull (ground);
  g_assert_cmpstr (member_string (ground, "source"), ==, "notes");
  g_assert_cmpstr (member_string (ground, "entry_date"), ==, "2024-03-18");
  g_assert_cmpstr (member_string (ground, "quote"), ==, "Savings minimal.");
  g_assert_nonnull (find_ground_in (grounds, "family-ties"));
  g_clear_pointer (&root, json_node_unref);

  /* Read as a letter, the same text refuses nothing: no ground */
  root = run_json (f, "detect", "--kind", "letter", pdf, NULL);
  g_assert_cmpstr (member_string (node_object (root), "kind"), ==, "letter");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node_object (root),
                                                                         "grounds")), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* For people */
  r = run_cli (f, "detect", "--kind", "notes", pdf, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "The officer’s notes"));
  g_assert_nonnull (strstr (r->out, "2024-03-18"));
  g_clear_pointer (&r, result_free);

  /* A kind that is none */
  r = run_cli (f, "detect", "--kind", "memo", pdf, NULL);
  assert_error (r, 2, "memo");
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);

  /* Attached to a case, the notes suggest their grounds: not in the letter */
  {
    gint64 case_id = add_case_for (f, "Mensah", "Kofi");
    g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

    import_pdf (f, case_id, "officer-notes", pdf);
    root = run_json (f, "grounds", "--case", case_text, NULL);
    ground = find_ground (root, "finances");
    g_assert_nonnull (ground);
    g_assert_cmpstr (member_string (ground, "source"), ==, "notes");
    g_assert_cmpstr (member_string (ground, "entry_date"), ==, "2024-03-18");
    g_assert_false (json_object_get_boolean_member (ground, "in_letter"));
    r = run_cli (f, "grounds", "--case", case_text, NULL);
    assert_status (r, 0);
    g_assert_nonnull (strstr (r->out, "not in the"));
  }
}

static void
test_grounds (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *pdf = write_refusal_pdf (f, "refusal.pdf");
  g_autofree char *case_text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Result) r = NULL;
  JsonObject *ground, *remedy;
  gint64 case_id, document_id;

  case_id = add_case_for (f, "Tremblay", "Amélie");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  /* No ground yet */
  root = run_json (f, "grounds", "--case", case_text, NULL);
  g_assert_cmpint (json_object_get_int_member (node_object (root), "case"), ==, case_id);
  g_assert_cmpuint (json_array_get_length (grounds_of (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "grounds", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "no refusal grounds"));
  g_clear_pointer (&r, result_free);

  /* Importing the letter suggests its ground, with its sentence */
  document_id = import_pdf (f, case_id, "refusal-letter", pdf);
  root = run_json (f, "grounds", "--case", case_text, NULL);
  g_assert_cmpuint (json_array_get_length (grounds_of (root)), ==, 1);
  ground = find_ground (root, "family-ties");
  g_assert_nonnull (ground);
  g_assert_cmpstr (member_string (ground, "label"), ==, "Family ties");
  g_assert_cmpstr (member_string (ground, "state"), ==, "suggested");
  g_assert_cmpstr (member_string (ground, "origin"), ==, "detected");
  g_assert_cmpstr (member_string (ground, "provision"), ==, "R179(b)");
  g_assert_cmpstr (member_string (ground, "quote"), ==, REFUSAL_GROUND_SENTENCE);
  g_assert_cmpint (member_int (ground, "document"), ==, document_id);
  g_assert_cmpint (member_int (ground, "page"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ground, "evidence")),
                    ==, 0);
  g_clear_pointer (&root, json_node_unref);

  r = run_cli (f, "grounds", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Suggested:"));
  g_assert_nonnull (strstr (r->out, "Family ties (family-ties)"));
  g_assert_nonnull (strstr (r->out, "refusal.pdf, page 1"));
  g_assert_nonnull (strstr (r->out, "R179(b)"));
  g_clear_pointer (&r, result_free);

  /* Confirm, dismiss, add by hand */
  root = run_json (f, "grounds", "--case", case_text, "--confirm", "family-ties", NULL);
  g_assert_cmpstr (member_string (find_ground (root, "family-ties"), "state"), ==, "confirmed");
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "grounds", "--case", case_text, "--dismiss", "family-ties", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Dismissed Family ties (family-ties)."));
  g_assert_nonnull (strstr (r->out, "Dismissed:"));
  g_clear_pointer (&r, result_free);
  root = run_json (f, "grounds", "--case", case_text, NULL);
  g_assert_cmpstr (member_string (find_ground (root, "family-ties"), "state"), ==, "dismissed");
  g_clear_pointer (&root, json_node_unref);

  root = run_json (f, "grounds", "--case", case_text, "--add", "finances", NULL);
  ground = find_ground (root, "finances");
  g_assert_nonnull (ground);
  g_assert_cmpstr (member_string (ground, "state"), ==, "confirmed");
  g_assert_cmpstr (member_string (ground, "origin"), ==, "manual");
  g_assert_null (member_string (ground, "quote"));
  g_assert_null (member_string (ground, "provision"));
  g_clear_pointer (&root, json_node_unref);
  /* On the timeline */
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'ground'"),
                   >=, 3);

  /* Unknown codes: refused, naming it and the valid ones, nothing changed */
  r = run_cli (f, "grounds", "--case", case_text, "--confirm", "family-ties,kangaroo", NULL);
  assert_error (r, 1, "kangaroo");
  g_assert_nonnull (strstr (r->err, "family-ties"));
  g_assert_nonnull (strstr (r->err, "misrepresentation"));
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  root = run_json (f, "grounds", "--case", case_text, NULL);
  g_assert_cmpstr (member_string (find_ground (root, "family-ties"), "state"), ==, "dismissed");
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "grounds", "--case", case_text, "--add", "kangaroo", NULL);
  assert_error (r, 1, "kangaroo");
  g_clear_pointer (&r, result_free);

  /* Misuse */
  r = run_cli (f, "grounds", "--case", case_text, "--confirm", "finances", "--dismiss",
               "family-ties", NULL);
  assert_error (r, 2, "--confirm");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "grounds", "--case", case_text, "--confirm", ",", NULL);
  assert_error (r, 2, "--confirm");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "grounds", NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "grounds", "--case", "99", NULL);
  assert_error (r, 1, "99");
  g_clear_pointer (&r, result_free);

  /* A confirmed misrepresentation ground: remedies assume the finding */
  root = run_json (f, "remedies", "--case", case_text, "--today", "2026-03-02", NULL);
  g_assert_false (member_bool (node_object (root), "misrepresentation"));
  g_assert_null (member_string (node_object (root), "misrepresentation_from"));
  g_assert_null (member_string (find_remedy (node_object (root), "new-application"),
                                "not_before"));
  g_clear_pointer (&root, json_node_unref);

  root = run_json (f, "grounds", "--case", case_text, "--add", "misrepresentation", NULL);
  g_assert_cmpstr (member_string (find_ground (root, "misrepresentation"), "state"), ==,
                   "confirmed");
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "remedies", "--case", case_text, "--today", "2026-03-02", NULL);
  g_assert_true (member_bool (node_object (root), "misrepresentation"));
  g_assert_cmpstr (member_string (node_object (root), "misrepresentation_from"), ==, "ground");
  remedy = find_remedy (node_object (root), "new-application");
  g_assert_false (member_bool (remedy, "available"));
  g_assert_nonnull (member_string (remedy, "not_before"));
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "remedies", "--case", case_text, "--today", "2026-03-02", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "confirmed misrepresentation ground"));
  g_clear_pointer (&r, result_free);

  /* Dismissed: no longer assumed, unless asked */
  r = run_cli (f, "grounds", "--case", case_text, "--dismiss", "misrepresentation", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "remedies", "--case", case_text, "--today", "2026-03-02", NULL);
  g_assert_false (member_bool (node_object (root), "misrepresentation"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "remedies", "--case", case_text, "--today", "2026-03-02",
                   "--misrepresentation", NULL);
  g_assert_true (member_bool (node_object (root), "misrepresentation"));
  g_assert_cmpstr (member_string (node_object (root), "misrepresentation_from"), ==, "option");
  g_assert_nonnull (member_string (find_remedy (node_object (root), "new-application"),
                                   "not_before"));
}

/* Checklist and reports ------------------------------------------------------ */

/* A study permit refused, on the restoration path, with a confirmed
 * finances ground; returns the case's id */
static gint64
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

static JsonArray *
checklist_items (JsonNode *root)
{
  JsonObject *shown = node_object (root);

  g_assert_true (json_object_has_member (shown, "case"));
  return json_object_get_array_member (shown, "items");
}

/* The item drafted from @template_id, NULL when absent */
static JsonObject *
find_item (JsonNode   *root,
           const char *template_id)
{
  JsonArray *items = checklist_items (root);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (member_string (item, "template"), template_id) == 0)
        return item;
    }
  return NULL;
}

static gint64
drafted (JsonNode   *root,
         const char *what)
{
  JsonObject *changes = json_object_get_object_member (node_object (root), "drafted");

  g_assert_nonnull (changes);
  return member_int (changes, what);
}

/* The text of every page of the PDF @path, its runs of white space made
 * one space (lines are wrapped where the layout wants) */
static char *
pdf_text (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  PopplerDocument *document = poppler_document_new_from_gfile (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_regex_replace_literal (spaces, text->str, -1, 0, " ", 0, &error);
}

#define assert_contains(haystack, needle)                                  \
  G_STMT_START {                                                           \
    if (strstr ((haystack), (needle)) == NULL)                             \
      g_test_message ("“%s” not in: %s", (needle), (haystack));            \
    g_assert_nonnull (strstr ((haystack), (needle)));                      \
  } G_STMT_END

#define ITEM_RESTORATION_FORM \
  "Application to restore status for the right status (IMM 5708 visitor, IMM 5709 student, " \
  "IMM 5710 worker)"
#define ITEM_BANK_STATEMENTS \
  "Bank statements with the transaction history of the last 4 to 6 months"

static void
test_checklist_help (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;

  r = run_cli (f, "--help", NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^  checklist ", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  outline ", r->out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "checklist", "--help", NULL);
  assert_status (r, 0);
  assert_contains (r->out, "--case=ID");
  assert_contains (r->out, "--path=CODE");
  assert_contains (r->out, "--pdf=FILE");
  assert_contains (r->out, "--language=LANG");
  assert_contains (r->out, "--item=ID");
  assert_contains (r->out, "--state=STATE");
  assert_contains (r->out, "--due=YYYY-MM-DD");
  assert_contains (r->out, "--note=TEXT");
  assert_contains (r->out, "--json");
  assert_contains (r->out, "Codes of --path:");
  g_assert_true (g_regex_match_simple ("^  judicial-review +Judicial review$", r->out,
                                       G_REGEX_MULTILINE, 0));
  /* No checklist for a path not chosen */
  g_assert_false (g_regex_match_simple ("^  undecided ", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  not-applicable +", r->out, G_REGEX_MULTILINE, 0));
  assert_contains (r->out, "en, fr");
  g_clear_pointer (&r, result_free);

  r = run_cli (f, "help", "outline", NULL);
  assert_status (r, 0);
  assert_contains (r->out, "--pdf=FILE");
  assert_contains (r->out, "--language=LANG");
  g_assert_null (strstr (r->out, "--json"));
  g_clear_pointer (&r, result_free);

  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_checklist_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Result) r = NULL;
  g_autofree char *case_text = NULL;
  JsonArray *items;
  JsonObject *item;
  gboolean in_grounds = FALSE;
  guint n_base = 0, n_finances = 0;
  gint64 case_id;

  case_id = add_checklist_case (f, "restoration");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  root = run_json (f, "checklist", "--case", case_text, NULL);
  g_assert_cmpint (json_object_get_int_member (node_object (root), "case"), ==, case_id);
  g_assert_cmpstr (member_string (node_object (root), "path"), ==, "restoration");
  items = checklist_items (root);
  /* The path's own items first, then the ground's; all still to ask for */
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *ground;

      item = json_array_get_object_element (items, i);
      ground = member_string (item, "ground");
      g_assert_cmpint (member_int (item, "id"), >, 0);
      g_assert_nonnull (member_string (item, "text"));
      g_assert_cmpstr (member_string (item, "state"), ==, "to-request");
      g_assert_null (member_string (item, "due"));
      g_assert_null (member_string (item, "note"));
      if (ground == NULL)
        {
          g_assert_false (in_grounds);
          n_base++;
        }
      else
        {
          g_assert_cmpstr (ground, ==, "finances");
          in_grounds = TRUE;
          n_finances++;
        }
    }
  g_assert_cmpuint (n_base, ==, 6);
  /* Finances of a study permit: its eight items, the GIC among them */
  g_assert_cmpuint (n_finances, ==, 8);
  g_assert_cmpint (drafted (root, "added"), ==, 14);
  g_assert_cmpint (drafted (root, "removed"), ==, 0);

  item = find_item (root, "restoration-form");
  g_assert_nonnull (item);
  g_assert_null (member_string (item, "ground"));
  g_assert_cmpstr (member_string (item, "text"), ==, ITEM_RESTORATION_FORM);
  item = find_item (root, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpstr (member_string (item, "ground"), ==, "finances");
  g_assert_cmpstr (member_string (item, "text"), ==, ITEM_BANK_STATEMENTS);
  g_assert_false (member_bool (item, "edited"));
  g_assert_nonnull (find_item (root, "gic"));
  g_clear_pointer (&root, json_node_unref);

  /* Drafting again adds nothing */
  root = run_json (f, "checklist", "--case", case_text, NULL);
  g_assert_cmpint (drafted (root, "added"), ==, 0);
  g_assert_cmpuint (json_array_get_length (checklist_items (root)), ==, 14);
  g_clear_pointer (&root, json_node_unref);

  /* --path: another path's checklist, its own items */
  root = run_json (f, "checklist", "--case", case_text, "--path", "judicial-review", NULL);
  g_assert_cmpstr (member_string (node_object (root), "path"), ==, "judicial-review");
  item = find_item (root, "jr-counsel");
  g_assert_nonnull (item);
  g_assert_null (member_string (item, "ground"));
  g_assert_true (g_str_has_prefix (member_string (item, "text"), "Referral to a lawyer"));
  g_assert_null (find_item (root, "restoration-form"));
  g_assert_cmpstr (member_string (find_item (root, "bank-statements"), "ground"), ==, "finances");
  g_clear_pointer (&root, json_node_unref);
  /* ... the case's stays as it was */
  root = run_json (f, "case", "show", case_text, NULL);
  g_assert_cmpstr (member_string (node_object (root), "path"), ==, "restoration");
  g_clear_pointer (&root, json_node_unref);

  /* For people: grouped by ground */
  r = run_cli (f, "checklist", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  assert_contains (r->out, "Checklist of Case ");
  assert_contains (r->out, "Tremblay, Amélie");
  g_assert_true (g_regex_match_simple ("^Restoration of status$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Assets and finances \\(finances\\)$", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  [0-9]+ +To request +Bank statements", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (strstr (r->out, "Restoration of status\n") < strstr (r->out, "Assets and"));
  g_clear_pointer (&r, result_free);

  /* On the timeline */
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'checklist'"),
                   >=, 1);
}

static void
test_checklist_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *undecided = NULL;
  g_autofree char *case_text = NULL;
  g_autofree char *pdf = fixture_path (f, "out.pdf");

  undecided = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, NULL));
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, "restoration"));

  /* No path chosen: none to draft, and how to choose one */
  r = run_cli (f, "checklist", "--case", undecided, NULL);
  assert_error (r, 1, "no path chosen");
  assert_contains (r->err, "--path");
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", undecided, "--pdf", pdf, NULL);
  assert_error (r, 1, "no path chosen");
  g_clear_pointer (&r, result_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'checklist'"),
                   ==, 0);
  /* ... unless --path gives one */
  root = run_json (f, "checklist", "--case", undecided, "--path", "appeal", NULL);
  g_assert_nonnull (find_item (root, "iad-notice"));
  g_clear_pointer (&root, json_node_unref);

  /* Unknown path, language, case */
  r = run_cli (f, "checklist", "--case", case_text, "--path", "kangaroo", NULL);
  assert_error (r, 2, "“kangaroo”");
  assert_contains (r->err, "judicial-review");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--path", "undecided", NULL);
  assert_error (r, 2, "“undecided”");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", pdf, "--language", "xx", NULL);
  assert_error (r, 2, "“xx”");
  assert_contains (r->err, "en, fr");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "outline", "--case", case_text, "--pdf", pdf, "--language", "xx", NULL);
  assert_error (r, 2, "“xx”");
  g_clear_pointer (&r, result_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  r = run_cli (f, "checklist", "--case", "99", NULL);
  assert_error (r, 1, "99");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "outline", "--case", "99", "--pdf", pdf, NULL);
  assert_error (r, 1, "99");
  g_clear_pointer (&r, result_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Misuse */
  r = run_cli (f, "checklist", NULL);
  assert_error (r, 2, "--case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", "x", NULL);
  assert_error (r, 2, "“x”");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "outline", "--case", case_text, NULL);
  assert_error (r, 2, "--pdf");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", pdf, "--json", NULL);
  assert_error (r, 2, "--json");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", "", NULL);
  assert_error (r, 2, "--pdf");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--state", "received", NULL);
  assert_error (r, 2, "--item");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--item", "1", NULL);
  assert_error (r, 2, "--state");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--item", "1", "--state", "lost", NULL);
  assert_error (r, 2, "“lost”");
  assert_contains (r->err, "not-applicable");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--item", "one", "--state", "received",
               NULL);
  assert_error (r, 2, "“one”");
  g_clear_pointer (&r, result_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_checklist_item (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *case_text = NULL;
  g_autofree char *other_text = NULL;
  g_autofree char *bank = NULL;
  g_autofree char *form = NULL;
  g_autofree char *other_item = NULL;
  JsonObject *item;

  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, "restoration"));
  other_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, "restoration"));

  root = run_json (f, "checklist", "--case", other_text, NULL);
  other_item = g_strdup_printf ("%" G_GINT64_FORMAT,
                                member_int (find_item (root, "bank-statements"), "id"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "checklist", "--case", case_text, NULL);
  bank = g_strdup_printf ("%" G_GINT64_FORMAT,
                          member_int (find_item (root, "bank-statements"), "id"));
  form = g_strdup_printf ("%" G_GINT64_FORMAT,
                          member_int (find_item (root, "restoration-form"), "id"));
  g_clear_pointer (&root, json_node_unref);

  /* State, due day and note at once */
  r = run_cli (f, "checklist", "--case", case_text, "--item", bank, "--state", "received",
               "--due", "2026-12-01", "--note", "Sent by email", NULL);
  assert_status (r, 0);
  assert_contains (r->out, "is now: Received.");
  assert_contains (r->out, "Sent by email");
  g_clear_pointer (&r, result_free);

  root = run_json (f, "checklist", "--case", case_text, NULL);
  item = find_item (root, "bank-statements");
  g_assert_cmpstr (member_string (item, "state"), ==, "received");
  g_assert_cmpstr (member_string (item, "due"), ==, "2026-12-01");
  g_assert_cmpstr (member_string (item, "note"), ==, "Sent by email");
  g_assert_cmpstr (member_string (item, "text"), ==, ITEM_BANK_STATEMENTS);
  g_assert_cmpstr (member_string (find_item (root, "restoration-form"), "state"), ==,
                   "to-request");
  g_clear_pointer (&root, json_node_unref);

  /* What is not given stays; "" clears */
  root = run_json (f, "checklist", "--case", case_text, "--item", bank, "--note", "", NULL);
  item = find_item (root, "bank-statements");
  g_assert_cmpstr (member_string (item, "state"), ==, "received");
  g_assert_cmpstr (member_string (item, "due"), ==, "2026-12-01");
  g_assert_null (member_string (item, "note"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "checklist", "--case", case_text, "--item", form, "--state",
                   "not-applicable", NULL);
  g_assert_cmpstr (member_string (find_item (root, "restoration-form"), "state"), ==,
                   "not-applicable");
  g_assert_cmpstr (member_string (find_item (root, "bank-statements"), "due"), ==, "2026-12-01");
  g_clear_pointer (&root, json_node_unref);

  /* Refused: a date that is not one, an item of another case, no such item;
   * nothing changes */
  r = run_cli (f, "checklist", "--case", case_text, "--item", bank, "--state", "requested",
               "--due", "2026-02-31", NULL);
  assert_error (r, 1, "--due");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--item", other_item, "--state",
               "requested", NULL);
  assert_error (r, 1, other_item);
  assert_contains (r->err, "checklist --case");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--item", "9999", "--state", "requested",
               NULL);
  assert_error (r, 1, "9999");
  g_clear_pointer (&r, result_free);
  root = run_json (f, "checklist", "--case", case_text, NULL);
  g_assert_cmpstr (member_string (find_item (root, "bank-statements"), "state"), ==, "received");
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "checklist", "--case", other_text, NULL);
  g_assert_cmpstr (member_string (find_item (root, "bank-statements"), "state"), ==,
                   "to-request");
  g_clear_pointer (&root, json_node_unref);

  /* For people: the state and the due day in the list */
  r = run_cli (f, "checklist", "--case", case_text, NULL);
  assert_status (r, 0);
  g_assert_true (g_regex_match_simple ("^  [0-9]+ +Received +Bank statements", r->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^ +Due: .*2026", r->out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&r, result_free);

  /* The ground dismissed: its untouched items go, the one changed stays */
  r = run_cli (f, "grounds", "--case", case_text, "--dismiss", "finances", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  root = run_json (f, "checklist", "--case", case_text, NULL);
  g_assert_cmpint (drafted (root, "removed"), ==, 7);
  g_assert_cmpint (drafted (root, "kept"), ==, 1);
  g_assert_null (find_item (root, "finances-pay-slips"));
  item = find_item (root, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpstr (member_string (item, "state"), ==, "received");
  g_assert_cmpstr (member_string (item, "ground"), ==, "finances");
  g_clear_pointer (&root, json_node_unref);

  g_assert_cmpint (sql_count (f->db, "SELECT count(*) FROM events WHERE entity = 'checklist'"),
                   >=, 3);
}

static void
test_checklist_pdf (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *case_text = NULL;
  g_autofree char *client_text = NULL;
  g_autofree char *pdf = fixture_path (f, "checklist.pdf");
  g_autofree char *french = fixture_path (f, "liste.pdf");
  g_autofree char *missing = fixture_path (f, "nowhere/checklist.pdf");
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 case_id;

  case_id = add_checklist_case (f, "restoration");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  /* A file name relative to the current folder */
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", "checklist.pdf", "--language", "en",
               NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  assert_contains (r->out, "checklist.pdf");
  g_clear_pointer (&r, result_free);
  text = pdf_text (pdf);
  assert_contains (text, "Tremblay");
  assert_contains (text, "Amélie");
  assert_contains (text, ITEM_BANK_STATEMENTS);
  assert_contains (text, "Assets and finances");
  g_clear_pointer (&text, g_free);

  /* French, asked for */
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", french, "--language", "fr", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  text = pdf_text (french);
  assert_contains (text, "Tremblay");
  assert_contains (text, "Amélie");
  /* The ground's label is translated already */
  assert_contains (text, "Biens et situation financière");
  g_assert_null (strstr (text, "Assets and finances"));
  /* TODO: once po/fr.po translates the checklist templates and the report's
   * labels, check an item's French text here and that ITEM_BANK_STATEMENTS
   * is absent */
  g_clear_pointer (&text, g_free);
  g_assert_no_errno (g_unlink (french));

  /* French, the client's preferred language */
  root = run_json (f, "case", "show", case_text, NULL);
  client_text = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (node_object (root), "client-id"));
  g_clear_pointer (&root, json_node_unref);
  r = run_cli (f, "client", "set", client_text, "--language", "fr", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", french, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  text = pdf_text (french);
  assert_contains (text, "Biens et situation financière");
  g_clear_pointer (&text, g_free);

  /* An item changed shows in the PDF */
  root = run_json (f, "checklist", "--case", case_text, NULL);
  {
    g_autofree char *bank = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             member_int (find_item (root, "bank-statements"),
                                                         "id"));

    r = run_cli (f, "checklist", "--case", case_text, "--item", bank, "--note",
                 "Six months please", "--pdf", pdf, "--language", "en", NULL);
    assert_status (r, 0);
    g_clear_pointer (&r, result_free);
  }
  g_clear_pointer (&root, json_node_unref);
  text = pdf_text (pdf);
  assert_contains (text, "Six months please");
  g_clear_pointer (&text, g_free);

  /* A folder that does not exist: refused, nothing written */
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", missing, NULL);
  assert_error (r, 1, "nowhere");
  g_clear_pointer (&r, result_free);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_outline_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *letter = write_refusal_pdf (f, "refusal.pdf");
  g_autofree char *pdf = fixture_path (f, "outline.pdf");
  g_autofree char *case_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(Result) r = NULL;
  gint64 case_id;

  case_id = add_case_for (f, "Okafor", "Chidinma");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  import_pdf (f, case_id, "refusal-letter", letter);
  r = run_cli (f, "grounds", "--case", case_text, "--confirm", "family-ties", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  /* The case's path is not chosen: the outline needs none */
  r = run_cli (f, "outline", "--case", case_text, "--pdf", pdf, NULL);
  assert_status (r, 0);
  g_assert_cmpstr (r->err, ==, "");
  assert_contains (r->out, "outline.pdf");
  g_clear_pointer (&r, result_free);

  text = pdf_text (pdf);
  assert_contains (text, "Okafor");
  assert_contains (text, "Chidinma");
  assert_contains (text, "Family ties");
  /* The officer's words */
  assert_contains (text, "based on your family ties in Canada and in your country of residence");
  g_clear_pointer (&text, g_free);

  r = run_cli (f, "outline", "--case", case_text, "--pdf", pdf, "--language", "fr", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  text = pdf_text (pdf);
  assert_contains (text, "Liens familiaux");
  /* The officer's words stay as written */
  assert_contains (text, "based on your family ties in Canada and in your country of residence");
}

/* Nothing lost at the edges --------------------------------------------------- */

/* Scribbles over the root page of @table in the closed database @path */
static void
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

/* A damaged database: one sentence; SQLite's own words only with --verbose */
static void
test_messages_verbose (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  gint64 id;

  id = add_client (f, "Okafor", "Chidinma");
  add_case (f, id, "study-permit", "2026-10-02");
  damage_table (f->db, "checklist_items");

  r = run_cli (f, "check", NULL);
  assert_error (r, 1, "damaged");
  g_assert_cmpuint (count_lines (r->err), ==, 1);
  g_assert_null (strstr (r->err, "DEBUG"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "client", "add", "--family-name", "A", "--given-names", "B", NULL);
  assert_error (r, 1, "damaged");
  g_assert_cmpuint (count_lines (r->err), ==, 1);
  g_clear_pointer (&r, result_free);

  /* Before the command, or among its options */
  {
    const char *args[] = { "--verbose", "--database", f->db, "check", NULL };

    r = run_argv (f, FALSE, NULL, NULL, args);
    assert_status (r, 1);
    g_assert_nonnull (strstr (r->err, "DEBUG"));
    g_assert_nonnull (strstr (r->err, "is damaged"));
    g_assert_cmpstr (r->out, ==, "");
    g_clear_pointer (&r, result_free);
  }
  r = run_cli (f, "check", "--verbose", NULL);
  assert_status (r, 1);
  g_assert_nonnull (strstr (r->err, "DEBUG"));
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "check", "--help", NULL);
  g_assert_nonnull (strstr (r->out, "--verbose"));
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

/* --confirm, --dismiss and --add change every ground given, or none */
static void
test_grounds_all_or_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *case_text = NULL;
  JsonArray *grounds;
  gint64 id;

  id = add_client (f, "Okafor", "Chidinma");
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_case (f, id, "visitor-visa", "2026-10-02"));
  r = run_cli (f, "grounds", "--case", case_text, "--add", "family-ties,travel-history", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);

  /* The case has no purpose-of-visit ground: nothing is dismissed */
  r = run_cli (f, "grounds", "--case", case_text, "--dismiss", "family-ties,purpose-of-visit",
               NULL);
  assert_error (r, 1, "purpose-of-visit");
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, result_free);

  root = run_json (f, "grounds", "--case", case_text, NULL);
  grounds = json_object_get_array_member (node_object (root), "grounds");
  g_assert_cmpuint (json_array_get_length (grounds), ==, 2);
  for (guint i = 0; i < json_array_get_length (grounds); i++)
    g_assert_cmpstr (member_string (json_array_get_object_element (grounds, i), "state"), ==,
                     "confirmed");
  g_clear_pointer (&root, json_node_unref);

  /* Nor added */
  r = run_cli (f, "grounds", "--case", case_text, "--confirm", "travel-history,finances", NULL);
  assert_error (r, 1, "finances");
  g_clear_pointer (&r, result_free);
  root = run_json (f, "grounds", "--case", case_text, NULL);
  grounds = json_object_get_array_member (node_object (root), "grounds");
  g_assert_cmpuint (json_array_get_length (grounds), ==, 2);
}

/* A PDF is written whole or not at all, mode 0600, and never through a
 * link or into a device or a pipe */
static void
test_pdf_targets (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *case_text = NULL;
  g_autofree char *pdf = fixture_path (f, "checklist.pdf");
  g_autofree char *victim = fixture_path (f, "victim.txt");
  g_autofree char *link = fixture_path (f, "link.pdf");
  g_autofree char *fifo = fixture_path (f, "fifo.pdf");
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, add_checklist_case (f, "restoration"));

  /* Replaces an older file, as a whole, private to its owner */
  g_assert_true (g_file_set_contents (pdf, "an older export", -1, NULL));
  g_assert_cmpint (g_chmod (pdf, 0644), ==, 0);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", pdf, NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  text = pdf_text (pdf);
  assert_contains (text, "Tremblay");
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  r = run_cli (f, "outline", "--case", case_text, "--pdf", "outline.pdf", NULL);
  assert_status (r, 0);
  g_clear_pointer (&r, result_free);
  {
    g_autofree char *outline = fixture_path (f, "outline.pdf");
    g_assert_cmpint (g_stat (outline, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A symbolic link: refused, its target untouched */
  g_assert_true (g_file_set_contents (victim, "someone else's file", -1, NULL));
  g_assert_cmpint (symlink (victim, link), ==, 0);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", link, NULL);
  assert_error (r, 1, "symbolic link");
  g_clear_pointer (&r, result_free);
  r = run_cli (f, "outline", "--case", case_text, "--pdf", link, NULL);
  assert_error (r, 1, "symbolic link");
  g_clear_pointer (&r, result_free);
  g_assert_true (g_file_get_contents (victim, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "someone else's file");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* A pipe: refused at once, not waited on */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  r = run_cli (f, "checklist", "--case", case_text, "--pdf", fifo, NULL);
  assert_error (r, 1, "pipe");
  g_clear_pointer (&r, result_free);

  /* Nothing half-written is left */
  {
    g_autoptr(GPtrArray) left = files_with_prefix (f, ".redress-");
    g_assert_cmpuint (left->len, ==, 0);
  }
}

/* The edges of the machine ------------------------------------------------ */

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
  int status;

  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("REDRESS_CLI");
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("Set REDRESS_CLI to the redress-cli to test (meson test does).\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/client/add-show", test_client_add_show);
  ADD ("/cli/client/list-search", test_client_list_search);
  ADD ("/cli/client/invalid", test_client_invalid);
  ADD ("/cli/client/hostile-text", test_client_hostile);
  ADD ("/cli/client/set-timeline", test_client_set);
  ADD ("/cli/messages/edges", test_messages_edges);
  ADD ("/cli/messages/verbose", test_messages_verbose);
  ADD ("/cli/edges/disk-full", test_disk_full);
  ADD ("/cli/edges/read-only", test_read_only);
  ADD ("/cli/client/archive-delete", test_client_archive_delete);
  ADD ("/cli/case/add-list-show-set", test_case);
  ADD ("/cli/case/archive-delete", test_case_archive_delete);
  ADD ("/cli/case/path-and-notes", test_case_path_and_notes);
  ADD ("/cli/remedies", test_remedies);
  ADD ("/cli/deadlines", test_deadlines);
  ADD ("/cli/firm", test_firm);
  ADD ("/cli/check", test_check);
  ADD ("/cli/backup-restore", test_backup_restore);
  ADD ("/cli/restore/refused", test_restore_refused);
  ADD ("/cli/restore/over-damaged", test_restore_over_damaged);
  ADD ("/cli/too-new", test_too_new);
  ADD ("/cli/demo", test_demo);
  ADD ("/cli/database-location", test_database_location);
  ADD ("/cli/documents/import-search-export-remove", test_documents);
  ADD ("/cli/documents/refused", test_documents_refused);
  ADD ("/cli/documents/password", test_documents_password);
  ADD ("/cli/documents/password-bounds", test_documents_password_bounds);
  ADD ("/cli/documents/interrupted", test_import_interrupted);
  ADD ("/cli/grounds/detect", test_detect);
  ADD ("/cli/grounds/detect-notes", test_detect_notes);
  ADD ("/cli/grounds/confirm-dismiss-add", test_grounds);
  ADD ("/cli/checklist/help", test_checklist_help);
  ADD ("/cli/checklist/json", test_checklist_json);
  ADD ("/cli/checklist/refused", test_checklist_refused);
  ADD ("/cli/checklist/item", test_checklist_item);
  ADD ("/cli/checklist/pdf", test_checklist_pdf);
  ADD ("/cli/outline/pdf", test_outline_pdf);
  ADD ("/cli/edges/damaged-database", test_damaged_database);
  ADD ("/cli/edges/backup-working-files", test_backup_working_files);
  ADD ("/cli/edges/restore-names-copy", test_restore_names_copy);
  ADD ("/cli/edges/grounds-all-or-nothing", test_grounds_all_or_nothing);
  ADD ("/cli/edges/pdf-targets", test_pdf_targets);
  ADD ("/cli/edges/empty-database", test_empty_database);
  ADD ("/cli/edges/read-only-backup-restore", test_read_only_backup_restore);

#undef ADD

  status = g_test_run ();
  test_pdf_shutdown ();
  return status;
}

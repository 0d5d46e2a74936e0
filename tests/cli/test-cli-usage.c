/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * The command line itself: usage and help, messages at the edges (invalid
 * text, --verbose), and where the database is by default.
 */

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

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/usage", test_usage);
  CLI_TEST_ADD ("/cli/messages/edges", test_messages_edges);
  CLI_TEST_ADD ("/cli/messages/verbose", test_messages_verbose);
  CLI_TEST_ADD ("/cli/database-location", test_database_location);

  return cli_fixture_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * Client files, cases and the firm profile: add, list, show, set, archive
 * and delete, the timeline, and values the core refuses.
 */

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

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/client/add-show", test_client_add_show);
  CLI_TEST_ADD ("/cli/client/list-search", test_client_list_search);
  CLI_TEST_ADD ("/cli/client/invalid", test_client_invalid);
  CLI_TEST_ADD ("/cli/client/hostile-text", test_client_hostile);
  CLI_TEST_ADD ("/cli/client/set-timeline", test_client_set);
  CLI_TEST_ADD ("/cli/client/archive-delete", test_client_archive_delete);
  CLI_TEST_ADD ("/cli/case/add-list-show-set", test_case);
  CLI_TEST_ADD ("/cli/case/archive-delete", test_case_archive_delete);
  CLI_TEST_ADD ("/cli/case/path-and-notes", test_case_path_and_notes);
  CLI_TEST_ADD ("/cli/firm", test_firm);

  return cli_fixture_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * The checklist (drafted, changed item by item, refused options, written
 * as a PDF), the response outline, and how PDFs are written.
 */

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

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/checklist/help", test_checklist_help);
  CLI_TEST_ADD ("/cli/checklist/json", test_checklist_json);
  CLI_TEST_ADD ("/cli/checklist/refused", test_checklist_refused);
  CLI_TEST_ADD ("/cli/checklist/item", test_checklist_item);
  CLI_TEST_ADD ("/cli/checklist/pdf", test_checklist_pdf);
  CLI_TEST_ADD ("/cli/outline/pdf", test_outline_pdf);
  CLI_TEST_ADD ("/cli/edges/pdf-targets", test_pdf_targets);

  return cli_fixture_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "cli-fixture.h"

/*
 * Refusal grounds: "detect" in a letter or the officer's notes, and
 * "grounds" confirming, dismissing and adding them, all or nothing.
 */

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

int
main (int    argc,
      char **argv)
{
  if (!cli_fixture_init (&argc, &argv))
    return 1;

  CLI_TEST_ADD ("/cli/grounds/detect", test_detect);
  CLI_TEST_ADD ("/cli/grounds/detect-notes", test_detect_notes);
  CLI_TEST_ADD ("/cli/grounds/confirm-dismiss-add", test_grounds);
  CLI_TEST_ADD ("/cli/edges/grounds-all-or-nothing", test_grounds_all_or_nothing);

  return cli_fixture_run ();
}

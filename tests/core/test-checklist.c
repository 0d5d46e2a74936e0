/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-checklist-private.h"
#include "redress-store-private.h"
#include "store-fixture.h"

/*
 * The checklist of a case: the templates' data, drafting for each path and
 * each ground, the lists of each application family and the generic ones,
 * redrafting that keeps every edit (after a change of application type
 * too), editing, moving, removing and its undo, bad input, the timeline;
 * the catalogue of a document's language.
 */

typedef struct
{
  StoreFixture base;
  gint64 client_id;
  gint64 case_id;
} Fixture;

/* @data: the case's application type, visitor-visa when NULL */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  store_fixture_setup (&f->base, data);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  f->client_id = store_fixture_add_client (&f->base, "Nguyen", "Thi");
  f->case_id = store_fixture_add_case (&f->base, f->client_id,
                                       data ? (const char *) data : "visitor-visa", "2026-02-20");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
}

static GPtrArray *
list (Fixture    *f,
      const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = redress_store_list_checklist (f->base.store, f->case_id, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static RedressChecklistChanges
draft (Fixture    *f,
       const char *path)
{
  RedressChecklistChanges changes;
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_store_draft_checklist (f->base.store, f->case_id, path, &changes, &error));
  g_assert_no_error (error);
  return changes;
}

static void
confirm (Fixture    *f,
         const char *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_store_add_ground (f->base.store, f->case_id, code, &error));
  g_assert_no_error (error);
}

static RedressChecklistItem *
find_template (GPtrArray  *items,
               const char *template_id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (redress_checklist_item_get_template (g_ptr_array_index (items, i)), template_id) == 0)
      return g_ptr_array_index (items, i);
  return NULL;
}

static guint
count_code (GPtrArray  *items,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (redress_checklist_item_get_code (g_ptr_array_index (items, i)), code) == 0)
      n++;
  return n;
}

/* Templates -------------------------------------------------------------- */

#define TEMPLATES_RESOURCE "/ca/redress/Redress/checklist.ini"

static GKeyFile *
templates_keyfile (void)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (TEMPLATES_RESOURCE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&keyfile);
}

static gboolean
is_application_type (const char *code)
{
  const RedressFieldDef *def = redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE);

  return redress_field_choice_index (def, code) >= 0;
}

/* The IDs of every item shipped so far: a drafted item keeps its ID in the
 * database, so none may go (nor change meaning) */
static const char * const shipped_ids[] = {
  "restoration-form", "restoration-fee", "status-lost-proof", "restoration-conditions",
  "passport-copy", "explanation-letter", "application-forms", "application-fees",
  "prior-refusal", "jr-counsel", "jr-leave-application", "jr-decision", "jr-affidavit",
  "jr-memorandum", "iad-notice", "iad-record", "iad-witnesses", "iad-humanitarian",
  "reconsideration-request", "reconsideration-evidence", "hc-forms", "hc-establishment",
  "hc-best-interests", "hc-hardship", "bank-statements", "finances-pay-slips", "tax-returns",
  "large-deposits", "gic", "tuition-receipt", "loan-or-scholarship", "host-support",
  "family-information", "dependants", "civil-certificates", "family-in-canada",
  "invitation-letter", "visit-itinerary", "event-proof", "study-plan", "study-plan-consistency",
  "employer-letter", "employment-pay-slips", "business-records", "passports", "residence-permit",
  "return-ticket", "qualifications", "language-test", "licences", "imm5532", "imm5409",
  "couple-photos", "joint-lease", "joint-accounts", "communications", "visit-records",
  "money-transfers", "support-letters", "red-flags", "travel-log", "cbsa-history",
  "canada-employment-tax", "canada-residence", "residency-exception", "full-disclosure",
  "misrepresentation-explanation", "misrepresentation-bar", "requested-documents", "biometrics",
  "specialist-reports", "mitigation-plan", "court-records", "rehabilitation",
  NULL
};

/* The data file holds together: every family names known application
 * types, every list names known items and a known family, every item has
 * a text and is drafted somewhere, every path and ground has its list */
static void
test_templates_data (void)
{
  g_autoptr(GKeyFile) keyfile = templates_keyfile ();
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  g_auto(GStrv) families = NULL;
  g_autoptr(GHashTable) type_family = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *codes = redress_grounds_get_codes ();
  const char * const *paths = redress_checklist_get_paths ();

  /* Families */
  g_assert_true (g_key_file_has_group (keyfile, "families"));
  families = g_key_file_get_keys (keyfile, "families", NULL, NULL);
  g_assert_nonnull (families);
  g_assert_cmpuint (g_strv_length (families), ==, 5);
  g_assert_cmpstrv (redress_checklist_get_families (), families);
  for (guint i = 0; families[i] != NULL; i++)
    {
      g_auto(GStrv) types = g_key_file_get_string_list (keyfile, "families", families[i], NULL, NULL);

      g_test_message ("family %s", families[i]);
      g_assert_false (is_application_type (families[i]));
      g_assert_nonnull (types);
      g_assert_cmpuint (g_strv_length (types), >=, 1);
      for (guint t = 0; types[t] != NULL; t++)
        {
          g_test_message ("  type %s", types[t]);
          g_assert_true (is_application_type (types[t]));
          /* In one family only */
          g_assert_false (g_hash_table_contains (type_family, types[t]));
          g_hash_table_add (type_family, g_strdup (types[t]));
          g_assert_cmpstr (redress_checklist_get_family (types[t]), ==, families[i]);
        }
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

      g_test_message ("[%s]", group);
      if (g_str_equal (group, "families"))
        continue;
      if (g_str_has_prefix (group, "path ") || g_str_has_prefix (group, "ground "))
        {
          if (g_str_has_prefix (group, "path "))
            g_assert_true (redress_checklist_has_path (group + strlen ("path ")));
          else
            g_assert_true (redress_ground_is_known (group + strlen ("ground ")));
          g_assert_true (g_key_file_has_key (keyfile, group, "items", NULL));
          for (guint k = 0; keys[k] != NULL; k++)
            {
              g_auto(GStrv) ids = g_key_file_get_string_list (keyfile, group, keys[k], NULL, NULL);
              g_autoptr(GHashTable) in_list = g_hash_table_new (g_str_hash, g_str_equal);

              /* "items" or "items-FAMILY" for a family of [families] */
              if (!g_str_equal (keys[k], "items"))
                {
                  g_assert_true (g_str_has_prefix (keys[k], "items-"));
                  g_assert_true (g_strv_contains ((const char * const *) families,
                                                  keys[k] + strlen ("items-")));
                }
              g_assert_nonnull (ids);
              g_assert_cmpuint (g_strv_length (ids), >=, 1);
              for (guint n = 0; ids[n] != NULL; n++)
                {
                  g_autofree char *item_group = g_strconcat ("item ", ids[n], NULL);

                  g_test_message ("  %s: %s", keys[k], ids[n]);
                  /* No dangling ID, none twice in a list */
                  g_assert_true (g_key_file_has_group (keyfile, item_group));
                  g_assert_false (g_hash_table_contains (in_list, ids[n]));
                  g_hash_table_add (in_list, ids[n]);
                  g_hash_table_add (used, g_strdup (ids[n]));
                }
            }
        }
      else
        {
          const char *id = group + strlen ("item ");
          g_auto(GStrv) applies_to = NULL;
          g_autofree char *text = NULL;

          g_assert_true (g_str_has_prefix (group, "item "));
          for (guint k = 0; keys[k] != NULL; k++)
            g_assert_true (g_str_equal (keys[k], "text") || g_str_equal (keys[k], "applies-to"));
          text = g_key_file_get_string (keyfile, group, "text", NULL);
          g_assert_nonnull (text);
          g_assert_cmpuint (strlen (text), >, 5);
          g_assert_cmpstr (redress_checklist_template_text (id), ==, text);
          applies_to = g_key_file_get_string_list (keyfile, group, "applies-to", NULL, NULL);
          for (guint a = 0; applies_to != NULL && applies_to[a] != NULL; a++)
            g_assert_true (is_application_type (applies_to[a]) ||
                           g_strv_contains ((const char * const *) families, applies_to[a]));
        }
    }

  /* Every item is drafted by some list */
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], "item "))
      {
        g_test_message ("used: %s", groups[i]);
        g_assert_true (g_hash_table_contains (used, groups[i] + strlen ("item ")));
      }
  /* Every path and every ground has its list; no shipped ID has gone */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("path ", paths[i], NULL);
      g_assert_true (g_key_file_has_group (keyfile, group));
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("ground ", codes[i], NULL);
      g_assert_true (g_key_file_has_group (keyfile, group));
    }
  for (guint i = 0; shipped_ids[i] != NULL; i++)
    {
      g_test_message ("shipped: %s", shipped_ids[i]);
      g_assert_nonnull (redress_checklist_template_text (shipped_ids[i]));
    }
}

/* Every application type but "other" is in a family */
static void
test_families (void)
{
  const RedressFieldDef *def = redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE);
  const char * const *families = redress_checklist_get_families ();

  for (guint i = 0; def->choices[i].code != NULL; i++)
    {
      const char *type = def->choices[i].code;
      const char *family = redress_checklist_get_family (type);

      g_test_message ("%s: %s", type, family);
      if (g_str_equal (type, "other"))
        g_assert_null (family);
      else
        g_assert_true (family != NULL && g_strv_contains (families, family));
    }
  g_assert_cmpstr (redress_checklist_get_family ("visitor-visa"), ==, "visitor");
  g_assert_cmpstr (redress_checklist_get_family ("visitor-record"), ==, "visitor");
  g_assert_cmpstr (redress_checklist_get_family ("study-permit"), ==, "study");
  g_assert_cmpstr (redress_checklist_get_family ("study-permit-extension"), ==, "study");
  g_assert_cmpstr (redress_checklist_get_family ("work-permit"), ==, "work");
  g_assert_cmpstr (redress_checklist_get_family ("work-permit-extension"), ==, "work");
  g_assert_cmpstr (redress_checklist_get_family ("sponsorship-family-class"), ==, "sponsorship");
  g_assert_cmpstr (redress_checklist_get_family ("spousal-in-canada"), ==, "sponsorship");
  g_assert_cmpstr (redress_checklist_get_family ("permanent-residence-economic"), ==,
                   "permanent-residence");
  g_assert_cmpstr (redress_checklist_get_family ("pr-travel-document"), ==, "permanent-residence");
  /* Neither a family nor a type, nor a family taken for a type */
  g_assert_null (redress_checklist_get_family ("astrology-permit"));
  g_assert_null (redress_checklist_get_family ("study"));
  g_assert_null (redress_checklist_get_family (""));
  g_assert_null (redress_checklist_get_family (NULL));
}

/* The template IDs drafted for one ground alone, in order */
static GStrv
ground_items (const char *application_type,
              const char *code)
{
  const char *codes[] = { code, NULL };
  g_autoptr(GArray) items = redress_checklist_draft_items ("new-application", application_type, codes);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < items->len; i++)
    {
      RedressDraftItem *item = &g_array_index (items, RedressDraftItem, i);

      if (item->code == NULL)
        continue;
      g_assert_cmpstr (item->code, ==, code);
      g_strv_builder_add (builder, item->template_id);
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  const char *type;
  const char *code;
  const char *present;  /* ;-separated */
  const char *absent;
} Expected;

/* What each family's application gets for the grounds that differ, and
 * what it must not get: another family's answers */
static const Expected expected[] = {
  /* Purpose of the visit */
  { "visitor-visa", "purpose-of-visit", "invitation-letter;host-status-proof;visit-itinerary;event-proof",
    "letter-of-acceptance;study-plan;job-offer;lmia-or-exemption;reunion-plans;intent-to-reside" },
  { "visitor-record", "purpose-of-visit", "invitation-letter;visit-itinerary;event-proof",
    "letter-of-acceptance;study-plan;job-offer" },
  { "study-permit", "purpose-of-visit", "letter-of-acceptance;provincial-attestation;study-plan",
    "invitation-letter;visit-itinerary;event-proof;host-status-proof;job-offer;enrolment-transcripts" },
  { "study-permit-extension", "purpose-of-visit", "letter-of-acceptance;enrolment-transcripts;study-plan",
    "invitation-letter;event-proof;job-offer;provincial-attestation" },
  { "work-permit", "purpose-of-visit", "job-offer;lmia-or-exemption;job-career-fit",
    "invitation-letter;visit-itinerary;event-proof;letter-of-acceptance;study-plan" },
  { "work-permit-extension", "purpose-of-visit", "job-offer;lmia-or-exemption",
    "invitation-letter;event-proof;letter-of-acceptance" },
  { "sponsorship-family-class", "purpose-of-visit", "reunion-plans",
    "invitation-letter;event-proof;letter-of-acceptance;job-offer;intent-to-reside" },
  { "spousal-in-canada", "purpose-of-visit", "reunion-plans", "invitation-letter;event-proof" },
  { "permanent-residence-economic", "purpose-of-visit", "intent-to-reside",
    "invitation-letter;event-proof;letter-of-acceptance;job-offer;reunion-plans" },
  { "pr-travel-document", "purpose-of-visit", "intent-to-reside", "invitation-letter;event-proof" },
  /* Finances */
  { "visitor-visa", "finances", "bank-statements;trip-budget;host-support",
    "gic;tuition-receipt;loan-or-scholarship;work-salary-funds;sponsor-income;settlement-funds" },
  { "study-permit", "finances",
    "bank-statements;gic;tuition-receipt;loan-or-scholarship;host-support;finances-pay-slips",
    "trip-budget;work-salary-funds;sponsor-income;settlement-funds" },
  { "study-permit-extension", "finances", "gic;tuition-receipt;loan-or-scholarship",
    "trip-budget;work-salary-funds" },
  { "work-permit", "finances", "bank-statements;work-salary-funds;finances-pay-slips",
    "gic;tuition-receipt;trip-budget;sponsor-income;settlement-funds" },
  { "sponsorship-family-class", "finances", "sponsor-income;financial-evaluation",
    "gic;tuition-receipt;trip-budget;work-salary-funds;settlement-funds" },
  { "permanent-residence-economic", "finances", "settlement-funds;bank-statements",
    "gic;tuition-receipt;trip-budget;work-salary-funds;sponsor-income" },
  /* Length of the stay */
  { "visitor-visa", "length-of-stay", "return-ticket;stay-length-explanation",
    "program-dates;contract-length;stay-factor-check" },
  { "study-permit", "length-of-stay", "program-dates;career-plan",
    "return-ticket;contract-length;stay-factor-check" },
  { "work-permit-extension", "length-of-stay", "contract-length",
    "return-ticket;program-dates;stay-factor-check" },
  { "spousal-in-canada", "length-of-stay", "stay-factor-check", "return-ticket;program-dates" },
  { "pr-travel-document", "length-of-stay", "stay-factor-check", "return-ticket;contract-length" },
  /* Employment, family ties, immigration status, medical */
  { "study-permit", "employment", "study-leave-letter;career-plan",
    "employer-letter;business-records;sponsor-employment;work-experience-letters" },
  { "visitor-visa", "employment", "employer-letter;employment-pay-slips;business-records",
    "study-leave-letter;career-plan;sponsor-employment" },
  { "sponsorship-family-class", "employment", "sponsor-employment", "employer-letter;study-leave-letter" },
  { "permanent-residence-economic", "employment", "work-experience-letters;tax-returns",
    "employer-letter;study-leave-letter;sponsor-employment" },
  { "sponsorship-family-class", "family-ties", "family-information;undeclared-family",
    "family-in-canada" },
  { "permanent-residence-economic", "family-ties", "family-information;dependants",
    "family-in-canada;undeclared-family" },
  { "study-permit", "family-ties", "family-information;family-in-canada", "undeclared-family" },
  { "visitor-visa", "immigration-status", "residence-permit", "canadian-status" },
  { "visitor-record", "immigration-status", "residence-permit;canadian-status", "" },
  { "work-permit-extension", "immigration-status", "canadian-status", "" },
  { "spousal-in-canada", "immigration-status", "canadian-status", "" },
  { "sponsorship-family-class", "medical", "specialist-reports;excessive-demand-exemption", "" },
  { "permanent-residence-economic", "medical", "specialist-reports", "excessive-demand-exemption" },
};

static void
test_family_items (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) items = ground_items (expected[i].type, expected[i].code);
      g_auto(GStrv) present = g_strsplit (expected[i].present, ";", -1);
      g_auto(GStrv) absent = g_strsplit (expected[i].absent, ";", -1);
      g_autofree char *drafted = g_strjoinv (";", items);

      g_test_message ("%s, %s: %s", expected[i].type, expected[i].code, drafted);
      for (guint p = 0; present[p] != NULL; p++)
        {
          g_assert_nonnull (redress_checklist_template_text (present[p]));
          if (!g_strv_contains ((const char * const *) items, present[p]))
            g_error ("%s, %s: %s is missing from %s", expected[i].type, expected[i].code,
                     present[p], drafted);
        }
      for (guint a = 0; absent[a] != NULL; a++)
        {
          if (*absent[a] == '\0')
            continue;
          g_assert_nonnull (redress_checklist_template_text (absent[a]));
          if (g_strv_contains ((const char * const *) items, absent[a]))
            g_error ("%s, %s: %s should not be in %s", expected[i].type, expected[i].code,
                     absent[a], drafted);
        }
    }
}

/* An application of no family, or of a type the templates do not know,
 * gets each ground's generic list (less the items meant for some types) */
static void
test_family_fallback (void)
{
  g_autoptr(GKeyFile) keyfile = templates_keyfile ();
  const char * const *codes = redress_grounds_get_codes ();
  const char * const unknown[] = { "other", "astrology-permit", NULL };

  for (guint c = 0; codes[c] != NULL; c++)
    {
      g_autofree char *group = g_strconcat ("ground ", codes[c], NULL);
      g_auto(GStrv) generic = g_key_file_get_string_list (keyfile, group, "items", NULL, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) expected_items = NULL;
      g_auto(GStrv) with_no_type = ground_items (NULL, codes[c]);

      g_assert_nonnull (generic);
      for (guint i = 0; generic[i] != NULL; i++)
        {
          g_autofree char *item_group = g_strconcat ("item ", generic[i], NULL);

          if (!g_key_file_has_key (keyfile, item_group, "applies-to", NULL))
            g_strv_builder_add (builder, generic[i]);
        }
      expected_items = g_strv_builder_end (builder);
      g_assert_cmpuint (g_strv_length (expected_items), >=, 1);
      for (guint u = 0; unknown[u] != NULL; u++)
        {
          g_auto(GStrv) items = ground_items (unknown[u], codes[c]);

          g_test_message ("%s, %s", unknown[u], codes[c]);
          g_assert_cmpstrv (items, expected_items);
        }
      /* No type at all: the generic list, whole */
      g_assert_cmpstrv (with_no_type, generic);
    }
  /* The generic answers, which the visitor's lists extend */
  {
    g_auto(GStrv) purpose = ground_items ("other", "purpose-of-visit");
    g_auto(GStrv) length = ground_items ("astrology-permit", "length-of-stay");
    const char * const purpose_expected[] = { "invitation-letter", "visit-itinerary", "event-proof", NULL };
    const char * const length_expected[] = { "return-ticket", NULL };

    g_assert_cmpstrv (purpose, purpose_expected);
    g_assert_cmpstrv (length, length_expected);
  }
}

/* Every type, every ground confirmed: each ground still has items of its
 * own (an item several grounds list goes to the first one only) */
static void
test_family_all_grounds (void)
{
  const RedressFieldDef *def = redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE);
  const char * const *codes = redress_grounds_get_codes ();

  for (guint i = 0; def->choices[i].code != NULL; i++)
    {
      g_autoptr(GArray) items = redress_checklist_draft_items ("restoration", def->choices[i].code,
                                                               codes);
      g_autoptr(GHashTable) per_code = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint n = 0; n < items->len; n++)
        {
          RedressDraftItem *item = &g_array_index (items, RedressDraftItem, n);

          g_assert_false (g_hash_table_contains (seen, item->template_id));
          g_hash_table_add (seen, (gpointer) item->template_id);
          if (item->code != NULL)
            g_hash_table_add (per_code, (gpointer) item->code);
        }
      for (guint c = 0; codes[c] != NULL; c++)
        {
          g_test_message ("%s, %s", def->choices[i].code, codes[c]);
          g_assert_true (g_hash_table_contains (per_code, codes[c]));
        }
    }
}

/* Drafting --------------------------------------------------------------- */

/* Every path drafts its own base list, in the templates' order; nothing
 * is drafted twice */
static void
test_paths (Fixture       *f,
            gconstpointer  data)
{
  const char * const *paths = redress_checklist_get_paths ();
  g_autoptr(GHashTable) first_items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 6);
  for (guint p = 0; paths[p] != NULL; p++)
    {
      g_autoptr(GPtrArray) items = NULL;
      RedressChecklistChanges changes = draft (f, paths[p]);

      items = list (f, paths[p]);
      g_assert_cmpuint (items->len, >=, 3);
      g_assert_cmpuint (changes.n_added, ==, items->len);
      g_assert_cmpuint (changes.n_removed, ==, 0);
      for (guint i = 0; i < items->len; i++)
        {
          RedressChecklistItem *item = g_ptr_array_index (items, i);
          const char *template_id = redress_checklist_item_get_template (item);

          g_assert_null (redress_checklist_item_get_code (item));
          g_assert_nonnull (template_id);
          g_assert_cmpstr (redress_checklist_item_get_path (item), ==, paths[p]);
          g_assert_cmpstr (redress_checklist_item_get_text (item), ==,
                           redress_checklist_template_text (template_id));
          g_assert_null (redress_checklist_item_get_custom_text (item));
          g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_TO_REQUEST);
          g_assert_false (redress_checklist_item_get_edited (item));
          if (i > 0)
            g_assert_cmpint (redress_checklist_item_get_position (item), >,
                             redress_checklist_item_get_position (g_ptr_array_index (items, i - 1)));
        }
      g_hash_table_insert (first_items, (gpointer) paths[p],
                           g_strdup (redress_checklist_item_get_template (g_ptr_array_index (items, 0))));

      /* Drafting again changes nothing */
      changes = draft (f, paths[p]);
      g_assert_cmpuint (changes.n_added, ==, 0);
      g_assert_cmpuint (changes.n_removed, ==, 0);
    }

  /* Specific lists, as the templates write them */
  g_assert_cmpstr (g_hash_table_lookup (first_items, "restoration"), ==, "restoration-form");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "judicial-review"), ==, "jr-counsel");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "appeal"), ==, "iad-notice");
  g_assert_cmpstr (g_hash_table_lookup (first_items, "new-application"), ==, "application-forms");
}

/* Every ground of the catalogue drafts items of its own, in a group after
 * the base items, in the catalogue's order */
static void
test_grounds (Fixture       *f,
              gconstpointer  data)
{
  const char * const *codes = redress_grounds_get_codes ();
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_base, previous_rank = 0;

  draft (f, "new-application");
  base = list (f, "new-application");
  n_base = base->len;

  for (guint c = 0; codes[c] != NULL; c++)
    {
      g_autoptr(GPtrArray) now = NULL;
      RedressChecklistChanges changes;

      confirm (f, codes[c]);
      changes = draft (f, "new-application");
      now = list (f, "new-application");
      g_test_message ("%s: %u items", codes[c], count_code (now, codes[c]));
      g_assert_cmpuint (count_code (now, codes[c]), >=, 1);
      g_assert_cmpuint (changes.n_added, ==, count_code (now, codes[c]));
    }

  items = list (f, "new-application");
  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      const char *code = redress_checklist_item_get_code (item);
      guint rank = 0;

      for (guint c = 0; code != NULL && codes[c] != NULL; c++)
        if (g_str_equal (codes[c], code))
          rank = c + 1;
      g_assert_true (code == NULL || rank > 0);
      g_assert_cmpuint (rank, >=, previous_rank);
      previous_rank = rank;
      g_assert_cmpuint (strlen (redress_checklist_item_get_text (item)), >, 5);
    }
  g_assert_cmpuint (count_code (items, NULL), ==, n_base);
}

/* Items for students only are drafted for study permits only */
static void
test_application_type (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  gboolean student = g_strcmp0 (data, "study-permit") == 0;

  confirm (f, "finances");
  draft (f, "restoration");
  items = list (f, "restoration");
  g_assert_nonnull (find_template (items, "bank-statements"));
  g_assert_true ((find_template (items, "gic") != NULL) == student);
  g_assert_true ((find_template (items, "tuition-receipt") != NULL) == student);
}

/* A redraft adds the items of a new ground, removes the untouched items of
 * a ground no longer confirmed, and keeps everything done by hand */
static void
test_merge_keeps_edits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes, pending;
  RedressChecklistItem *item;
  gint64 ticked, noted, reworded, removed, custom = 0, custom_ground = 0;
  guint n_finances, n_travel;

  confirm (f, "finances");
  confirm (f, "family-ties");
  draft (f, "restoration");
  before = list (f, "restoration");
  n_finances = count_code (before, "finances");
  g_assert_cmpuint (n_finances, >=, 4);

  ticked = redress_checklist_item_get_id (find_template (before, "bank-statements"));
  noted = redress_checklist_item_get_id (find_template (before, "tax-returns"));
  reworded = redress_checklist_item_get_id (find_template (before, "family-information"));
  removed = redress_checklist_item_get_id (find_template (before, "large-deposits"));

  g_assert_true (redress_store_set_checklist_item_state (f->base.store, ticked, REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_edit_checklist_item (f->base.store, noted, NULL, "2026-03-20",
                                                    "Ask the accountant", &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_edit_checklist_item (f->base.store, reworded,
                                                    "Family form with the cousins in Lyon", NULL, NULL,
                                                    &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_remove_checklist_item (f->base.store, removed, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", NULL,
                                                   "Letter from the landlord", &custom, &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", "finances",
                                                   "Sale deed of the farm", &custom_ground, &error));
  g_assert_no_error (error);

  /* Nothing to do yet */
  g_assert_true (redress_store_checklist_pending (f->base.store, f->case_id, "restoration", &pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending.n_added + pending.n_removed, ==, 0);

  /* Finances dismissed, travel history confirmed */
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  confirm (f, "travel-history");

  g_assert_true (redress_store_checklist_pending (f->base.store, f->case_id, "restoration", &pending, &error));
  g_assert_no_error (error);
  n_travel = 1;
  /* bank-statements and tax-returns were changed, large-deposits removed
   * by hand: the other finance items go */
  g_assert_cmpuint (pending.n_removed, ==, n_finances - 3);
  g_assert_cmpuint (pending.n_added, ==, n_travel);
  g_assert_cmpuint (pending.n_kept, ==, 2);
  /* pending changed nothing */
  after = list (f, "restoration");
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_clear_pointer (&after, g_ptr_array_unref);

  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, pending.n_added);
  g_assert_cmpuint (changes.n_removed, ==, pending.n_removed);
  g_assert_cmpuint (changes.n_kept, ==, 2);

  after = list (f, "restoration");
  /* Edits kept */
  item = find_template (after, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_RECEIVED);
  g_assert_cmpstr (redress_checklist_item_get_code (item), ==, "finances");
  item = find_template (after, "tax-returns");
  g_assert_nonnull (item);
  g_assert_cmpstr (redress_checklist_item_get_due (item), ==, "2026-03-20");
  g_assert_cmpstr (redress_checklist_item_get_note (item), ==, "Ask the accountant");
  item = find_template (after, "family-information");
  g_assert_cmpstr (redress_checklist_item_get_text (item), ==, "Family form with the cousins in Lyon");
  /* Untouched finance items gone, so is the removed one */
  g_assert_null (find_template (after, "finances-pay-slips"));
  g_assert_null (find_template (after, "large-deposits"));
  /* Items of the new ground added; the custom items stay */
  g_assert_nonnull (find_template (after, "passports"));
  g_assert_cmpstr (redress_checklist_item_get_code (find_template (after, "passports")), ==, "travel-history");
  {
    g_autoptr(RedressChecklistItem) landlord = redress_store_get_checklist_item (f->base.store, custom, &error);
    g_autoptr(RedressChecklistItem) farm = redress_store_get_checklist_item (f->base.store, custom_ground, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (redress_checklist_item_get_text (landlord), ==, "Letter from the landlord");
    g_assert_null (redress_checklist_item_get_template (landlord));
    g_assert_cmpstr (redress_checklist_item_get_code (farm), ==, "finances");
  }

  /* The ground confirmed again: its untouched items come back */
  g_assert_true (redress_store_confirm_ground (f->base.store, f->case_id, "finances", &error));
  g_assert_no_error (error);
  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, n_finances - 2);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "restoration");
  g_assert_nonnull (find_template (after, "finances-pay-slips"));
  g_assert_cmpint (redress_checklist_item_get_state (find_template (after, "bank-statements")), ==,
                   REDRESS_ITEM_RECEIVED);

  /* Another path has its own checklist */
  draft (f, "judicial-review");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "judicial-review");
  item = find_template (after, "bank-statements");
  g_assert_nonnull (item);
  g_assert_cmpint (redress_checklist_item_get_state (item), ==, REDRESS_ITEM_TO_REQUEST);
}

static void
set_application_type (Fixture    *f,
                      const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressCase) kase = redress_store_get_case (f->base.store, f->case_id, &error);

  g_assert_no_error (error);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, type);
  g_assert_true (redress_store_update_case (f->base.store, kase, &error));
  g_assert_no_error (error);
}

static gint64
template_row (GPtrArray  *items,
              const char *template_id)
{
  RedressChecklistItem *item = find_template (items, template_id);

  return item ? redress_checklist_item_get_id (item) : 0;
}

/* The application type changed (a study permit that was in truth a
 * visit, and back): the other family's answers are drafted, the untouched
 * items of the old one go, the changed ones stay, the shared ones keep
 * their rows */
static void
test_type_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes, pending;
  RedressChecklistItem *item;
  gint64 acceptance, gic, bank;
  guint n_base;

  confirm (f, "purpose-of-visit");
  confirm (f, "finances");
  confirm (f, "length-of-stay");
  draft (f, "new-application");
  before = list (f, "new-application");
  n_base = count_code (before, NULL);
  /* A study permit: 3 + 8 + 2 */
  g_assert_cmpuint (count_code (before, "purpose-of-visit"), ==, 3);
  g_assert_cmpuint (count_code (before, "finances"), ==, 8);
  g_assert_cmpuint (count_code (before, "length-of-stay"), ==, 2);
  g_assert_null (find_template (before, "invitation-letter"));
  acceptance = template_row (before, "letter-of-acceptance");
  gic = template_row (before, "gic");
  bank = template_row (before, "bank-statements");
  g_assert_cmpint (acceptance * gic * bank, !=, 0);

  g_assert_true (redress_store_set_checklist_item_state (f->base.store, acceptance, REDRESS_ITEM_RECEIVED,
                                                         &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_edit_checklist_item (f->base.store, gic, NULL, NULL, "Bank of Montreal",
                                                    &error));
  g_assert_no_error (error);

  set_application_type (f, "visitor-visa");
  g_assert_true (redress_store_checklist_pending (f->base.store, f->case_id, "new-application", &pending,
                                                  &error));
  g_assert_no_error (error);
  /* Added: invitation-letter, host-status-proof, visit-itinerary,
   * event-proof, trip-budget, return-ticket, stay-length-explanation;
   * removed: provincial-attestation, study-plan, tuition-receipt,
   * loan-or-scholarship, program-dates, career-plan; kept: the letter of
   * acceptance and the GIC */
  g_assert_cmpuint (pending.n_added, ==, 7);
  g_assert_cmpuint (pending.n_removed, ==, 6);
  g_assert_cmpuint (pending.n_kept, ==, 2);
  g_assert_cmpuint (pending.n_moved, ==, 0);
  changes = draft (f, "new-application");
  g_assert_cmpuint (changes.n_added, ==, pending.n_added);
  g_assert_cmpuint (changes.n_removed, ==, pending.n_removed);
  g_assert_cmpuint (changes.n_kept, ==, pending.n_kept);

  after = list (f, "new-application");
  g_assert_cmpuint (count_code (after, NULL), ==, n_base);
  g_assert_cmpuint (after->len, ==, before->len + 7 - 6);
  item = find_template (after, "invitation-letter");
  g_assert_nonnull (item);
  g_assert_cmpstr (redress_checklist_item_get_code (item), ==, "purpose-of-visit");
  g_assert_nonnull (find_template (after, "event-proof"));
  g_assert_nonnull (find_template (after, "trip-budget"));
  g_assert_nonnull (find_template (after, "return-ticket"));
  g_assert_null (find_template (after, "tuition-receipt"));
  g_assert_null (find_template (after, "study-plan"));
  g_assert_null (find_template (after, "program-dates"));
  /* What the consultant changed stays, as it was */
  g_assert_cmpint (template_row (after, "letter-of-acceptance"), ==, acceptance);
  g_assert_cmpint (redress_checklist_item_get_state (find_template (after, "letter-of-acceptance")), ==,
                   REDRESS_ITEM_RECEIVED);
  g_assert_cmpint (template_row (after, "gic"), ==, gic);
  g_assert_cmpstr (redress_checklist_item_get_note (find_template (after, "gic")), ==, "Bank of Montreal");
  /* What both families ask for keeps its row */
  g_assert_cmpint (template_row (after, "bank-statements"), ==, bank);

  /* Nothing left to do */
  g_assert_true (redress_store_checklist_pending (f->base.store, f->case_id, "new-application", &pending,
                                                  &error));
  g_assert_cmpuint (pending.n_added + pending.n_removed + pending.n_moved, ==, 0);

  /* Back to a study permit: the student's items again, none twice; the
   * visitor's untouched ones go */
  set_application_type (f, "study-permit");
  changes = draft (f, "new-application");
  g_assert_cmpuint (changes.n_added, ==, 6);
  g_assert_cmpuint (changes.n_removed, ==, 7);
  g_assert_cmpuint (changes.n_kept, ==, 0);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "new-application");
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (template_row (after, "letter-of-acceptance"), ==, acceptance);
  g_assert_cmpint (template_row (after, "gic"), ==, gic);
  g_assert_nonnull (find_template (after, "tuition-receipt"));
  g_assert_null (find_template (after, "invitation-letter"));

  /* An application of no family: the generic lists */
  set_application_type (f, "other");
  draft (f, "new-application");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (f, "new-application");
  g_assert_nonnull (find_template (after, "invitation-letter"));
  g_assert_nonnull (find_template (after, "return-ticket"));
  g_assert_null (find_template (after, "trip-budget"));
  g_assert_null (find_template (after, "tuition-receipt"));
  /* ... where the letter of acceptance, received, stays */
  g_assert_cmpint (template_row (after, "letter-of-acceptance"), ==, acceptance);
}

/* An item two grounds call for (a student's study plan answers the purpose
 * of the visit and the study plan) is drafted once, in the group of the
 * first ground confirmed, and follows when that changes */
static void
test_shared_item_moves (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes, pending;
  gint64 plan;

  confirm (f, "study-plan");
  draft (f, "new-application");
  items = list (f, "new-application");
  plan = template_row (items, "study-plan");
  g_assert_cmpint (plan, !=, 0);
  g_assert_cmpstr (redress_checklist_item_get_code (find_template (items, "study-plan")), ==, "study-plan");
  g_assert_true (redress_store_set_checklist_item_state (f->base.store, plan, REDRESS_ITEM_REQUESTED, &error));
  g_assert_no_error (error);

  /* The purpose of the visit, earlier in the catalogue, now confirmed */
  confirm (f, "purpose-of-visit");
  g_assert_true (redress_store_checklist_pending (f->base.store, f->case_id, "new-application", &pending,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending.n_moved, ==, 1);
  changes = draft (f, "new-application");
  g_assert_cmpuint (changes.n_moved, ==, 1);
  g_assert_cmpuint (changes.n_added, ==, 2); /* letter of acceptance, attestation */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = list (f, "new-application");
  g_assert_cmpuint (count_code (items, "purpose-of-visit"), ==, 3);
  g_assert_cmpint (template_row (items, "study-plan"), ==, plan);
  g_assert_cmpstr (redress_checklist_item_get_code (find_template (items, "study-plan")), ==,
                   "purpose-of-visit");
  /* In the templates' order: after the letter of acceptance */
  g_assert_cmpint (redress_checklist_item_get_position (find_template (items, "study-plan")), >,
                   redress_checklist_item_get_position (find_template (items, "letter-of-acceptance")));
  g_assert_cmpint (redress_checklist_item_get_state (find_template (items, "study-plan")), ==,
                   REDRESS_ITEM_REQUESTED);
  /* The study plan's group keeps its own items */
  g_assert_cmpuint (count_code (items, "study-plan"), >=, 1);

  /* The purpose dismissed: back to the study plan's group */
  g_assert_true (redress_store_dismiss_ground (f->base.store, f->case_id, "purpose-of-visit", &error));
  g_assert_no_error (error);
  changes = draft (f, "new-application");
  g_assert_cmpuint (changes.n_moved, ==, 1);
  g_assert_cmpuint (changes.n_removed, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = list (f, "new-application");
  g_assert_cmpint (template_row (items, "study-plan"), ==, plan);
  g_assert_cmpstr (redress_checklist_item_get_code (find_template (items, "study-plan")), ==, "study-plan");
  g_assert_cmpuint (count_code (items, "purpose-of-visit"), ==, 0);
  changes = draft (f, "new-application");
  g_assert_cmpuint (changes.n_added + changes.n_removed + changes.n_moved, ==, 0);
}

/* A removed item is not drafted again; Undo brings it back in its place */
static void
test_remove_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistChanges changes;
  gint64 id;

  draft (f, "restoration");
  before = list (f, "restoration");
  id = redress_checklist_item_get_id (g_ptr_array_index (before, 1));

  g_assert_true (redress_store_remove_checklist_item (f->base.store, id, &error));
  g_assert_no_error (error);
  during = list (f, "restoration");
  g_assert_cmpuint (during->len, ==, before->len - 1);
  changes = draft (f, "restoration");
  g_assert_cmpuint (changes.n_added, ==, 0);

  /* Removing twice is an error: the item is not in the checklist */
  g_assert_false (redress_store_remove_checklist_item (f->base.store, id, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (redress_store_restore_checklist_item (f->base.store, id, &error));
  g_assert_no_error (error);
  after = list (f, "restoration");
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (redress_checklist_item_get_id (g_ptr_array_index (after, 1)), ==, id);
}

static gint64
id_at (GPtrArray *items,
       guint      i)
{
  return redress_checklist_item_get_id (g_ptr_array_index (items, i));
}

/* Moving swaps with the neighbour in the same group only */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_base, last;

  confirm (f, "travel-history");
  draft (f, "restoration");
  before = list (f, "restoration");
  n_base = count_code (before, NULL);
  last = n_base - 1;

  g_assert_true (redress_store_move_checklist_item (f->base.store, id_at (before, 1), -1, &error));
  g_assert_no_error (error);
  /* The first stays first; the last base item does not go into a ground */
  g_assert_true (redress_store_move_checklist_item (f->base.store, id_at (before, 1), -1, &error));
  g_assert_true (redress_store_move_checklist_item (f->base.store, id_at (before, last), 1, &error));
  g_assert_no_error (error);

  after = list (f, "restoration");
  g_assert_cmpint (id_at (after, 0), ==, id_at (before, 1));
  g_assert_cmpint (id_at (after, 1), ==, id_at (before, 0));
  g_assert_cmpint (id_at (after, last), ==, id_at (before, last));
  g_assert_cmpstr (redress_checklist_item_get_code (g_ptr_array_index (after, last + 1)), ==,
                   "travel-history");
  /* Moving is not an edit: a redraft may still take an untouched item */
  g_assert_false (redress_checklist_item_get_edited (g_ptr_array_index (after, 0)));
}

/* Bad input: a clear error, nothing changed */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  RedressChecklistItem *item;
  gint64 id;

  /* No path chosen, an unknown path */
  g_assert_false (redress_store_draft_checklist (f->base.store, f->case_id, "undecided", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "path"));
  g_clear_error (&error);
  g_assert_false (redress_store_draft_checklist (f->base.store, f->case_id, "appeal-to-the-queen", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "appeal-to-the-queen"));
  g_clear_error (&error);
  g_assert_null (redress_store_list_checklist (f->base.store, f->case_id, NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  /* No such case */
  g_assert_false (redress_store_draft_checklist (f->base.store, 9999, "restoration", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  draft (f, "restoration");
  items = list (f, "restoration");
  item = g_ptr_array_index (items, 0);
  id = redress_checklist_item_get_id (item);

  /* Malformed dates */
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "2026-02-30", "next week", "2026-13-01", "20260301" };

      g_assert_false (redress_store_edit_checklist_item (f->base.store, id, "New words", bad[i], "note", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* An empty custom item; an unknown ground */
  g_assert_false (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", NULL, "   ",
                                                    NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (redress_store_add_checklist_item (f->base.store, f->case_id, "restoration", "astrology",
                                                    "Horoscope", NULL, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  /* No such item */
  g_assert_false (redress_store_set_checklist_item_state (f->base.store, 9999, REDRESS_ITEM_RECEIVED, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (redress_store_move_checklist_item (f->base.store, 9999, 1, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing changed */
  again = list (f, "restoration");
  g_assert_cmpuint (again->len, ==, items->len);
  item = g_ptr_array_index (again, 0);
  g_assert_null (redress_checklist_item_get_custom_text (item));
  g_assert_null (redress_checklist_item_get_due (item));
  g_assert_false (redress_checklist_item_get_edited (item));

  /* The database refuses a bad date even when the store is bypassed */
  g_assert_cmpint (test_exec_rc (redress_store_get_handle (f->base.store),
                                 "UPDATE checklist_items SET due = '2026-02-30'"), !=, SQLITE_OK);
}

/* Editing: the template's words keep the item translatable; blanks clear */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(RedressChecklistItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *template_text;
  gint64 id;

  draft (f, "restoration");
  items = list (f, "restoration");
  id = redress_checklist_item_get_id (g_ptr_array_index (items, 0));
  template_text = redress_checklist_template_text ("restoration-form");

  g_assert_true (redress_store_edit_checklist_item (f->base.store, id, "  Form IMM 5709  ", " 2026-04-01 ",
                                                    " ", &error));
  g_assert_no_error (error);
  item = redress_store_get_checklist_item (f->base.store, id, &error);
  g_assert_cmpstr (redress_checklist_item_get_custom_text (item), ==, "Form IMM 5709");
  g_assert_cmpstr (redress_checklist_item_get_due (item), ==, "2026-04-01");
  g_assert_null (redress_checklist_item_get_note (item));
  g_assert_true (redress_checklist_item_get_edited (item));
  g_clear_object (&item);

  g_assert_true (redress_store_edit_checklist_item (f->base.store, id, template_text, "", NULL, &error));
  g_assert_no_error (error);
  item = redress_store_get_checklist_item (f->base.store, id, &error);
  g_assert_null (redress_checklist_item_get_custom_text (item));
  g_assert_null (redress_checklist_item_get_due (item));
  g_assert_cmpstr (redress_checklist_item_get_text (item), ==, template_text);
}

/* Each change is a line of the case's timeline and a "changed" signal */
static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TestChanges changes = { 0 };
  gboolean drafted = FALSE, received = FALSE;

  test_count_changes (f->base.store, &changes);
  draft (f, "restoration");
  items = list (f, "restoration");
  g_assert_true (redress_store_set_checklist_item_state (f->base.store,
                                                         redress_checklist_item_get_id (g_ptr_array_index (items, 0)),
                                                         REDRESS_ITEM_RECEIVED, &error));
  g_assert_no_error (error);
  /* Setting the same state again is no change */
  g_assert_true (redress_store_set_checklist_item_state (f->base.store,
                                                         redress_checklist_item_get_id (g_ptr_array_index (items, 0)),
                                                         REDRESS_ITEM_RECEIVED, &error));
  g_assert_cmpuint (changes.n, ==, 2);
  g_assert_cmpint (changes.last_id, ==, f->case_id);

  events = redress_store_list_events (f->base.store, f->client_id, f->case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *text = redress_event_dup_description (g_ptr_array_index (events, i));

      drafted |= g_str_equal (text, "Checklist drafted");
      received |= g_str_has_prefix (text, "Checklist item received: Application to restore status");
    }
  g_assert_true (drafted);
  g_assert_true (received);
}

/* The catalogue of a document's language */
static void
test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  RedressCatalog *en, *fr;

  en = redress_catalog_get ("en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_item_state_get_label_in (REDRESS_ITEM_TO_REQUEST, en), ==, "To request");

  fr = redress_catalog_get ("fr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_catalog_get_language (fr), ==, "fr");
  g_assert_cmpstr (redress_item_state_get_label_in (REDRESS_ITEM_RECEIVED, fr), ==, "Reçu");
  g_assert_cmpstr (redress_catalog_pgettext (fr, "month", "March"), ==, "mars");
  g_assert_cmpstr (redress_catalog_gettext (fr, redress_checklist_template_text ("bank-statements")), !=,
                   redress_checklist_template_text ("bank-statements"));
  g_assert_cmpstr (redress_catalog_gettext (fr, "No such string in the catalogue"), ==,
                   "No such string in the catalogue");
  g_assert_true (redress_catalog_get ("fr", NULL) == fr);

  g_assert_null (redress_catalog_get ("de", &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“de”"));
}

/* Translations not installed, or damaged: a clear error */
static void
test_catalog_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_make_tmpdir ();
      g_autofree char *mo_dir = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
      g_autofree char *mo = g_build_filename (mo_dir, "redress.mo", NULL);
      g_autoptr(GError) error = NULL;

      g_setenv ("REDRESS_LOCALEDIR", dir, TRUE);
      g_assert_null (redress_catalog_get ("fr", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);

      g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (mo, "\xde\x12\x04\x95\0\0\0\0\xff\xff\xff\x0f", 12, NULL));
      g_assert_null (redress_catalog_get ("fr", &error));
      g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED);
      g_printerr ("%s\n", error->message);
      test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*not installed*damaged*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/checklist/templates/data", test_templates_data);
  g_test_add_func ("/checklist/templates/families", test_families);
  g_test_add_func ("/checklist/templates/family-items", test_family_items);
  g_test_add_func ("/checklist/templates/family-fallback", test_family_fallback);
  g_test_add_func ("/checklist/templates/all-grounds", test_family_all_grounds);
  ADD ("/checklist/paths", NULL, test_paths);
  ADD ("/checklist/grounds", NULL, test_grounds);
  ADD ("/checklist/application-type/visitor", "visitor-visa", test_application_type);
  ADD ("/checklist/application-type/student", "study-permit", test_application_type);
  ADD ("/checklist/merge-keeps-edits", NULL, test_merge_keeps_edits);
  ADD ("/checklist/type-change", "study-permit", test_type_change);
  ADD ("/checklist/shared-item-moves", "study-permit", test_shared_item_moves);
  ADD ("/checklist/remove-restore", NULL, test_remove_restore);
  ADD ("/checklist/move", NULL, test_move);
  ADD ("/checklist/bad-input", NULL, test_bad_input);
  ADD ("/checklist/edit", NULL, test_edit);
  ADD ("/checklist/timeline", NULL, test_timeline);
  g_test_add_func ("/checklist/catalog", test_catalog);
  g_test_add_func ("/checklist/catalog-missing", test_catalog_missing);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * Refusal grounds: "detect" reads them in a PDF (nothing is stored);
 * "grounds" shows a case's, and confirms, dismisses or adds them.
 */

typedef struct
{
  CliCaseOption case_option;          /* grounds */
  char *kind;                         /* detect: --kind letter|notes */
  RedressTextKind text_kind;
  char *password;                     /* detect: --password PASSWORD, "-": standard input */
  char *confirm;                      /* grounds: --confirm CODE[,CODE...] */
  char *dismiss;                      /* grounds: --dismiss CODE[,CODE...] */
  char *add;                          /* grounds: --add CODE[,CODE...] */
  gboolean json;
} GroundsOptions;

static void
grounds_options_free (gpointer data)
{
  GroundsOptions *options = data;

  g_free (options->case_option.text);
  g_free (options->kind);
  cli_password_option_clear (&options->password);
  g_free (options->confirm);
  g_free (options->dismiss);
  g_free (options->add);
  g_free (options);
}

/* "travel-history, family-ties, ..." */
static char *
ground_codes_list (void)
{
  const char * const *codes = redress_grounds_get_codes ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, codes[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gpointer
detect_options_new (const CliCommand *command,
                    CliOptionSet     *set)
{
  GroundsOptions *options = g_new0 (GroundsOptions, 1);

  cli_option_set_add (set, "kind", G_OPTION_ARG_STRING, &options->kind,
                      _("Read the text as a letter or as the officer’s notes (recognised "
                        "from the text by default)"), _("letter|notes"));
  cli_password_option_add (&options->password, set);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
detect_options_check (const CliCommand  *command,
                      gpointer           data,
                      GError           **error)
{
  GroundsOptions *options = data;

  if (options->kind != NULL &&
      (!redress_text_kind_from_string (options->kind, &options->text_kind) ||
       options->text_kind == REDRESS_TEXT_AUTO))
    {
      g_autofree char *shown = cli_echo_value (options->kind);

      cli_usage_error (error, _("--kind: “%s” is neither “letter” nor “notes”."), shown);
      return FALSE;
    }
  return TRUE;
}

static gpointer
grounds_options_new (const CliCommand *command,
                     CliOptionSet     *set)
{
  GroundsOptions *options = g_new0 (GroundsOptions, 1);
  g_autofree char *codes = ground_codes_list ();

  cli_case_option_add (&options->case_option, set);
  cli_option_set_add (set, "confirm", G_OPTION_ARG_STRING, &options->confirm,
                      _("Confirm these suggested grounds"), _("CODE[,CODE…]"));
  cli_option_set_add (set, "dismiss", G_OPTION_ARG_STRING, &options->dismiss,
                      _("Dismiss these grounds"), _("CODE[,CODE…]"));
  cli_option_set_add (set, "add", G_OPTION_ARG_STRING, &options->add,
                      _("Add these grounds by hand, confirmed"), _("CODE[,CODE…]"));
  g_string_append_printf (set->description, "%s\n", _("Codes of the grounds:"));
  cli_append_wrapped (set->description, codes);
  g_string_append_c (set->description, '\n');
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
grounds_options_check (const CliCommand  *command,
                       gpointer           data,
                       GError           **error)
{
  GroundsOptions *options = data;

  return cli_case_option_check (&options->case_option, error);
}

static const char *
ground_origin_to_string (RedressGroundOrigin origin)
{
  return origin == REDRESS_GROUND_MANUAL ? "manual" : "detected";
}

static const char *
ground_state_label (RedressGroundState state)
{
  switch (state)
    {
    case REDRESS_GROUND_SUGGESTED:
      /* Translators: heading of the grounds the detector suggested */
      return _("Suggested");
    case REDRESS_GROUND_CONFIRMED:
      return _("Confirmed");
    case REDRESS_GROUND_DISMISSED:
    default:
      return _("Dismissed");
    }
}

/* "Family ties (family-ties)" */
char *
cli_ground_title (const char *code)
{
  const char *label = redress_ground_get_label (code);

  if (label == NULL)
    return g_strdup (code);
  /* Translators: a ground's label, then its code */
  return g_strdup_printf (_("%s (%s)"), label, code);
}

static gboolean
run_detect (CliRun    *run,
            gpointer   data,
            GError   **error)
{
  GroundsOptions *options = data;
  const char *path = run->args[0];
  g_autoptr(CliPassword) password = NULL;
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *language = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  RedressTextKind read_as = REDRESS_TEXT_AUTO;
  GError *local_error = NULL;

  if (!cli_password_get (options->password, FALSE, &password, error))
    return FALSE;

  extraction = redress_pdf_extract (path, password, NULL, NULL, NULL, NULL, &local_error);
  g_clear_pointer (&password, cli_password_free);
  if (extraction == NULL)
    {
      cli_explain_pdf_error (&local_error, path, options->password != NULL, TRUE);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  texts = g_ptr_array_new ();
  for (guint i = 0; i < extraction->pages->len; i++)
    {
      RedressPdfPage *page = g_ptr_array_index (extraction->pages, i);
      g_ptr_array_add (texts, page->text);
    }
  g_ptr_array_add (texts, NULL);
  hits = redress_detector_detect_kind ((const char * const *) texts->pdata,
                                       extraction->pages->len, NULL, options->text_kind, &language,
                                       &read_as);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      cli_json_add_string_or_null (builder, "language", language);
      cli_json_add_string_or_null (builder, "kind", redress_text_kind_to_string (read_as));
      json_builder_set_member_name (builder, "grounds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          RedressGroundHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          cli_json_add_string_or_null (builder, "code", hit->code);
          cli_json_add_string_or_null (builder, "label", redress_ground_get_label (hit->code));
          cli_json_add_string_or_null (builder, "provision", hit->provision);
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, hit->page);
          cli_json_add_string_or_null (builder, "quote", hit->quote);
          cli_json_add_string_or_null (builder, "source", redress_text_kind_to_string (hit->source));
          if (hit->entry_date != NULL)
            cli_json_add_string_or_null (builder, "entry_date", hit->entry_date);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  if (hits->len == 0)
    {
      /* Translators: the file name */
      g_print (read_as == REDRESS_TEXT_NOTES ? _("No refusal ground was found in the officer’s "
                                                 "notes “%s”.\n")
                                             : _("No refusal ground was found in “%s”.\n"), name);
      return TRUE;
    }

  /* Translators: the number of grounds, then the file name */
  g_print (g_dngettext (NULL, "%u refusal ground found in “%s”:\n",
                        "%u refusal grounds found in “%s”:\n", hits->len),
           hits->len, name);
  for (guint i = 0; i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = cli_ground_title (hit->code);

      g_print ("\n%s\n", title);
      cli_add_pair (pairs, _("Provision"), g_strdup (hit->provision ? hit->provision : "—"));
      cli_add_pair (pairs, _("Page"), g_strdup_printf ("%u", hit->page));
      cli_add_pair (pairs, _("Source"), g_strdup (hit->source == REDRESS_TEXT_NOTES
                                              ? _("The officer’s notes")
                                              : _("The letter")));
      if (hit->entry_date != NULL)
        cli_add_pair (pairs, _("Entry of"), g_strdup (hit->entry_date));
      cli_add_pair (pairs, _("Quote"), g_strdup_printf (_("“%s”"), hit->quote));
      cli_print_pairs_indented (pairs, 2, TRUE);
    }
  return TRUE;
}

/* Splits "a,b , c" into codes, each one known; an unknown code is refused
 * with the list of the valid ones */
static GStrv
parse_ground_codes (const char  *option,
                    const char  *text,
                    GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *code = g_strstrip (parts[i]);

      if (*code == '\0')
        continue;
      if (!redress_ground_is_known (code))
        {
          g_autofree char *codes = ground_codes_list ();
          g_autofree char *shown = cli_echo_value (code);

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                       _("--%s: “%s” is not a refusal ground; the grounds are %s."),
                       option, shown, codes);
          return NULL;
        }
      g_strv_builder_add (builder, code);
      n++;
    }
  if (n == 0)
    {
      g_autofree char *codes = ground_codes_list ();

      cli_usage_error (error, _("--%s: give one or more codes, separated by commas (%s)."),
                   option, codes);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static void
json_add_case_ground (JsonBuilder       *builder,
                      RedressStore      *store,
                      RedressCaseGround *ground)
{
  GPtrArray *evidence = redress_case_ground_get_evidence (ground);
  const char *code = redress_case_ground_get_code (ground);

  json_builder_begin_object (builder);
  cli_json_add_string_or_null (builder, "code", code);
  cli_json_add_string_or_null (builder, "label", redress_case_ground_get_label (ground));
  cli_json_add_string_or_null (builder, "state",
                           redress_ground_state_to_string (redress_case_ground_get_state (ground)));
  cli_json_add_string_or_null (builder, "origin",
                           ground_origin_to_string (redress_case_ground_get_origin (ground)));
  cli_json_add_string_or_null (builder, "provision", redress_case_ground_get_provision (ground));
  cli_json_add_string_or_null (builder, "quote", redress_case_ground_get_quote (ground));
  cli_json_add_id_or_null (builder, "document", redress_case_ground_get_document_id (ground));
  cli_json_add_id_or_null (builder, "page", redress_case_ground_get_page (ground));
  /* The quote was read by OCR from a scanned page: check it against the page */
  json_builder_set_member_name (builder, "ocr");
  json_builder_add_boolean_value (builder,
                                  redress_case_ground_get_quote (ground) != NULL &&
                                  redress_store_page_is_ocr (store,
                                                             redress_case_ground_get_document_id (ground),
                                                             redress_case_ground_get_page (ground)));
  cli_json_add_string_or_null (builder, "source", redress_case_ground_get_source (ground));
  cli_json_add_string_or_null (builder, "entry_date", redress_case_ground_get_entry_date (ground));
  json_builder_set_member_name (builder, "in_letter");
  json_builder_add_boolean_value (builder, redress_case_ground_get_in_letter (ground));
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      RedressEvidence *item = g_ptr_array_index (evidence, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, redress_evidence_get_id (item));
      cli_json_add_id_or_null (builder, "document", redress_evidence_get_document_id (item));
      cli_json_add_string_or_null (builder, "file_name", redress_evidence_get_file_name (item));
      cli_json_add_id_or_null (builder, "page", redress_evidence_get_page (item));
      cli_json_add_string_or_null (builder, "quote", redress_evidence_get_quote (item));
      json_builder_set_member_name (builder, "ocr");
      json_builder_add_boolean_value (builder,
                                      redress_store_page_is_ocr (store,
                                                                 redress_evidence_get_document_id (item),
                                                                 redress_evidence_get_page (item)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* "notes.pdf, page 2" (the document's file name when it can be found) */
static char *
ground_place (RedressStore *store,
              gint64        document_id,
              const char   *file_name,
              guint         page)
{
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *id_text = NULL;

  if (file_name == NULL && document_id > 0)
    {
      document = redress_store_get_document (store, document_id, NULL);
      if (document != NULL)
        file_name = redress_document_get_file_name (document);
    }
  if (file_name == NULL)
    {
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
      /* Translators: a document without a file name, by its id */
      file_name = id_text;
    }
  if (redress_store_page_is_ocr (store, document_id, page))
    /* Translators: where a quote is, its text read by OCR: "notes.pdf, page
     * 2 (read from a scanned page — check against the page)" */
    return g_strdup_printf (_("%s, page %u (%s)"), file_name, page,
                            redress_store_get_ocr_caution ());
  /* Translators: where a quote is: "notes.pdf, page 2" */
  return g_strdup_printf (_("%s, page %u"), file_name, page);
}

/* Where a ground came from, as the consultant reads it */
static char *
ground_origin_words (RedressCaseGround *ground)
{
  const char *entry = redress_case_ground_get_entry_date (ground);

  if (redress_case_ground_get_origin (ground) == REDRESS_GROUND_MANUAL)
    /* Translators: a ground added by hand */
    return g_strdup (_("Added by hand"));
  if (g_strcmp0 (redress_case_ground_get_source (ground), "notes") != 0)
    /* Translators: a ground found in a letter */
    return g_strdup (_("Found in the letter"));
  if (redress_case_ground_get_in_letter (ground))
    return entry != NULL
      /* Translators: the date of the entry of the officer's notes (YYYY-MM-DD) */
      ? g_strdup_printf (_("Found in the officer’s notes (entry of %s) and in the letter"), entry)
      : g_strdup (_("Found in the officer’s notes and in the letter"));
  return entry != NULL
    /* Translators: the date of the entry of the officer's notes (YYYY-MM-DD) */
    ? g_strdup_printf (_("Found in the officer’s notes (entry of %s), not in the letter"), entry)
    : g_strdup (_("Found in the officer’s notes, not in the letter"));
}

static void
print_case_grounds (RedressStore *store,
                    GPtrArray    *grounds)
{
  static const RedressGroundState order[] = {
    REDRESS_GROUND_SUGGESTED, REDRESS_GROUND_CONFIRMED, REDRESS_GROUND_DISMISSED,
  };

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      guint n = 0;

      for (guint i = 0; i < grounds->len; i++)
        if (redress_case_ground_get_state (g_ptr_array_index (grounds, i)) == order[s])
          n++;
      if (n == 0)
        continue;

      /* Translators: a heading, "Confirmed:" */
      g_print (_("\n%s:\n"), ground_state_label (order[s]));
      for (guint i = 0; i < grounds->len; i++)
        {
          RedressCaseGround *ground = g_ptr_array_index (grounds, i);
          GPtrArray *evidence = redress_case_ground_get_evidence (ground);
          g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *title = NULL;
          const char *provision = redress_case_ground_get_provision (ground);
          const char *quote = redress_case_ground_get_quote (ground);

          if (redress_case_ground_get_state (ground) != order[s])
            continue;
          title = cli_ground_title (redress_case_ground_get_code (ground));
          g_print ("  %s\n", title);
          cli_add_pair (pairs, _("Origin"), ground_origin_words (ground));
          if (provision != NULL)
            cli_add_pair (pairs, _("Provision"), g_strdup (provision));
          if (quote != NULL)
            {
              cli_add_pair (pairs, _("Quote"), g_strdup_printf (_("“%s”"), quote));
              cli_add_pair (pairs, _("In"),
                        ground_place (store, redress_case_ground_get_document_id (ground),
                                      NULL, redress_case_ground_get_page (ground)));
            }
          for (guint e = 0; evidence != NULL && e < evidence->len; e++)
            {
              RedressEvidence *item = g_ptr_array_index (evidence, e);
              g_autofree char *place =
                ground_place (store, redress_evidence_get_document_id (item),
                              redress_evidence_get_file_name (item),
                              redress_evidence_get_page (item));

              g_autofree char *id_text =
                g_strdup_printf ("%" G_GINT64_FORMAT, redress_evidence_get_id (item));

              /* Translators: a passage linked to a ground: its id, where it
               * is, then the passage */
              cli_add_pair (pairs, _("Evidence"),
                        g_strdup_printf (_("%s — %s: “%s”"), id_text, place,
                                         redress_evidence_get_quote (item)));
            }
          cli_print_pairs_indented (pairs, 4, TRUE);
        }
    }
}

typedef gboolean (*GroundChangeFunc) (RedressStore  *self,
                                      gint64         case_id,
                                      const char    *code,
                                      GError       **error);

static gboolean
run_grounds (CliRun    *run,
             gpointer   data,
             GError   **error)
{
  GroundsOptions *options = data;
  g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->case_option.id, error);
  g_autoptr(GPtrArray) grounds = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *title = NULL;
  const char *option = NULL;
  const char *text = NULL;
  GroundChangeFunc change = NULL;
  guint n_changes = (options->confirm != NULL) + (options->dismiss != NULL) + (options->add != NULL);

  if (n_changes > 1)
    {
      cli_usage_error (error, _("Give one of --confirm, --dismiss and --add at a time."));
      return FALSE;
    }
  if (kase == NULL)
    return FALSE;

  if (options->confirm != NULL)
    {
      option = "confirm";
      text = options->confirm;
      change = redress_store_confirm_ground;
    }
  else if (options->dismiss != NULL)
    {
      option = "dismiss";
      text = options->dismiss;
      change = redress_store_dismiss_ground;
    }
  else if (options->add != NULL)
    {
      option = "add";
      text = options->add;
      change = redress_store_add_ground;
    }

  if (change != NULL)
    {
      codes = parse_ground_codes (option, text, error);
      if (codes == NULL)
        return FALSE;
      /* All the changes asked for, or none */
      if (!redress_store_begin (run->store, error))
        return FALSE;
      for (guint i = 0; codes[i] != NULL; i++)
        if (!change (run->store, options->case_option.id, codes[i], error))
          {
            redress_store_rollback (run->store);
            return FALSE;
          }
      if (!redress_store_commit (run->store, error))
        return FALSE;
    }

  grounds = redress_store_list_grounds (run->store, options->case_option.id, error);
  if (grounds == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, options->case_option.id);
      json_builder_set_member_name (builder, "grounds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < grounds->len; i++)
        json_add_case_ground (builder, run->store, g_ptr_array_index (grounds, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *ground = cli_ground_title (codes[i]);

      if (change == redress_store_confirm_ground)
        /* Translators: "Confirmed Family ties (family-ties)." */
        g_print (_("Confirmed %s.\n"), ground);
      else if (change == redress_store_dismiss_ground)
        g_print (_("Dismissed %s.\n"), ground);
      else
        /* Translators: a ground added by hand, confirmed */
        g_print (_("Added %s, confirmed.\n"), ground);
    }

  title = cli_case_title (kase);
  if (grounds->len == 0)
    {
      /* Translators: "Case 3 (...) has no refusal grounds yet." */
      g_print (_("%s has no refusal grounds yet: import the refusal letter, or add them with "
                 "--add CODE.\n"), title);
      return TRUE;
    }
  g_print ("%s\n", title);
  print_case_grounds (run->store, grounds);
  return TRUE;
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_detect = {
  NULL, "detect", N_("FILE"), 1,
  N_("Find the refusal grounds a letter or the officer’s notes state"),
  N_("Reads the PDF in a separate process (nothing is stored) and prints each refusal "
     "ground its text states: the ground, the provision cited, the page and the sentence "
     "that says it, and whether the text is a letter or the officer’s notes (with the date "
     "of the notes’ entry where it gives one). The factors an officer may consider, listed "
     "in a letter’s preamble, are not grounds. With --password -, the password is read from "
     "standard input."),
  FALSE, CLI_STORE_NONE,
  detect_options_new, grounds_options_free, detect_options_check, run_detect, NULL,
};

const CliCommand cli_grounds = {
  NULL, "grounds", NULL, 0,
  N_("Show, confirm, dismiss or add the refusal grounds of a case"),
  N_("For the case given by --case: the grounds suggested from its refusal letter or "
     "decision notes, those confirmed and those dismissed, each with the sentence that "
     "states it and the passages linked to it as evidence. --confirm, --dismiss and --add "
     "take one code or several separated by commas; --add adds a ground by hand, "
     "confirmed. Confirmed grounds are those the remedies use. Each change is on the "
     "case’s timeline."),
  FALSE, CLI_STORE_EXISTING,
  grounds_options_new, grounds_options_free, grounds_options_check, run_grounds, NULL,
};

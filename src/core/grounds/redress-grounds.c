/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-grounds"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "redress-grounds.h"
#include "redress-grounds-private.h"
#include "redress-normalize.h"

/*
 * The refusal-ground catalogue.  Codes, labels and explanations are here
 * (the labels go through gettext); provisions and the patterns the
 * detector applies are data/grounds.ini, read once from the GResource and
 * compiled into GRegex objects kept for the life of the process.
 */

#define CATALOGUE_RESOURCE "/ca/redress/Redress/grounds.ini"

static const struct {
  const char *code;
  const char *label;
  const char *description;
} ground_text[] = {
  { "travel-history", N_("Travel history"),
    N_("The officer was not satisfied by the applicant’s past travel (none, or none to "
       "countries with comparable requirements).") },
  { "family-ties", N_("Family ties"),
    N_("Family ties in Canada weigh more than the ties to the country of residence.") },
  { "purpose-of-visit", N_("Purpose of the visit"),
    N_("The purpose of the visit is not consistent with a temporary stay.") },
  { "finances", N_("Assets and finances"),
    N_("Personal assets and financial situation do not support the stay (for students: "
       "insufficient funds, R220).") },
  { "employment", N_("Employment"),
    N_("The current employment situation or employment prospects do not show that the "
       "applicant is established in the country of residence.") },
  { "immigration-status", N_("Immigration status"),
    N_("The applicant’s immigration status in the country of residence.") },
  { "length-of-stay", N_("Length of stay"),
    N_("The length of the proposed stay in Canada.") },
  { "study-plan", N_("Study plan"),
    N_("The proposed studies are not reasonable or not a logical progression given the "
       "applicant’s studies, career and qualifications.") },
  { "work-ability", N_("Ability to do the work"),
    N_("The applicant did not show being able to perform the work sought (R200(3)(a)).") },
  { "relationship-genuineness", N_("Genuine relationship"),
    N_("The marriage or partnership is not genuine, or was entered into primarily to "
       "acquire a status (R4(1)).") },
  { "residency-obligation", N_("Residency obligation"),
    N_("The permanent resident was not in Canada 730 days in five years and humanitarian "
       "grounds did not make up for it (A28).") },
  { "misrepresentation", N_("Misrepresentation"),
    N_("Misrepresenting or withholding material facts (A40): a five-year bar on new "
       "applications.") },
  { "truthfulness", N_("Truthfulness and requested documents"),
    N_("The applicant did not answer truthfully or did not provide what was requested "
       "(A16(1)).") },
  { "biometrics", N_("Biometrics"),
    N_("The applicant did not give biometrics when asked (A16, R12.1).") },
  { "medical", N_("Health grounds"),
    N_("Danger to public health or safety, or excessive demand on health or social "
       "services (A38).") },
  { "criminality", N_("Criminality"),
    N_("Criminality or serious criminality (A36).") },
};

static const char * const ground_codes[] = {
  "travel-history",
  "family-ties",
  "purpose-of-visit",
  "finances",
  "employment",
  "immigration-status",
  "length-of-stay",
  "study-plan",
  "work-ability",
  "relationship-genuineness",
  "residency-obligation",
  "misrepresentation",
  "truthfulness",
  "biometrics",
  "medical",
  "criminality",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (ground_text) + 1 == G_N_ELEMENTS (ground_codes));

/* A segment keeps one bit per rule */
G_STATIC_ASSERT (REDRESS_N_RULES <= 32);

static const char * const rule_keys[REDRESS_N_RULES] = {
  "preamble", "hedge", "refusal", "decisive", "notice", "negative", "positive", "cleared",
  "doubt", "neutral", "past", "clause", "decision-intro", "reasons", "approval", "notes", "address", "entry",
  "complement", "basis", "inquiry", "modifier", "description", "negator", "dismissed",
  "cleared-scope", "listing", "procedural", "coordination", "object",
};

static const char * const lang_suffixes[REDRESS_N_LANGS] = { "en", "fr" };

static int
text_index (const char *code)
{
  if (code == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (ground_text); i++)
    if (strcmp (ground_text[i].code, code) == 0)
      return (int) i;
  return -1;
}

/* Loading ------------------------------------------------------------------ */

/* The alternatives of @value, split: those that start at a word's start
 * (\b) go to @bounded without their \b, the others to @free.  The
 * pattern then checks the word start once for all of them: tried one by
 * one, a hundred alternatives whose first letters cover the alphabet
 * would each be attempted at every letter of the text (ten times slower
 * on long notes). */
static void
append_alternatives (GString    *bounded,
                     GString    *free,
                     const char *value)
{
  const char *alternative = value;
  int depth = 0;
  gboolean in_class = FALSE;

  for (const char *p = value; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '[')
        in_class = TRUE;
      else if (*p == ']')
        in_class = FALSE;
      else if (!in_class && *p == '(')
        depth++;
      else if (!in_class && *p == ')')
        depth--;
      if (*p == '\0' || (*p == '|' && depth == 0 && !in_class))
        {
          GString *to = g_str_has_prefix (alternative, "\\b") ? bounded : free;

          if (to == bounded)
            alternative += 2;
          if (to->len > 0)
            g_string_append_c (to, '|');
          g_string_append_printf (to, "(?:%.*s)", (int) (p - alternative), alternative);
          if (*p == '\0')
            break;
          alternative = p + 1;
        }
    }
}

/* Every key of @group named @prefix or @prefix-SOMETHING (preamble-en,
 * match-en-2), joined as alternatives and compiled; NULL when there is
 * none */
static GRegex *
compile_keys (GKeyFile   *keys,
              const char *group,
              const char *prefix)
{
  g_auto(GStrv) names = g_key_file_get_keys (keys, group, NULL, NULL);
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autoptr(GString) bounded = g_string_new (NULL);
  g_autoptr(GString) free = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GRegex *regex;
  gsize prefix_len = strlen (prefix);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (strncmp (names[i], prefix, prefix_len) != 0 ||
          (names[i][prefix_len] != '\0' && names[i][prefix_len] != '-'))
        continue;
      value = g_key_file_get_value (keys, group, names[i], NULL);
      if (value == NULL || *g_strstrip (value) == '\0')
        continue;
      append_alternatives (bounded, free, value);
    }
  if (bounded->len > 0)
    g_string_append_printf (pattern, "(?<![a-z0-9])(?:%s)", bounded->str);
  if (bounded->len > 0 && free->len > 0)
    g_string_append_c (pattern, '|');
  g_string_append (pattern, free->str);
  if (pattern->len == 0)
    return NULL;

  /* The normalized text is ASCII but for foreign scripts: bytes are fine */
  regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, &error);
  if (regex == NULL)
    g_critical ("grounds.ini: [%s] %s: %s", group, prefix, error->message);
  return regex;
}

static RedressGroundCatalogue *
load_catalogue (void)
{
  RedressGroundCatalogue *catalogue = g_new0 (RedressGroundCatalogue, 1);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (CATALOGUE_RESOURCE, 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (keys, bytes, G_KEY_FILE_NONE, &error))
    g_critical ("The ground catalogue could not be read: %s", error->message);

  for (guint r = 0; r < REDRESS_N_RULES; r++)
    catalogue->rules[r] = compile_keys (keys, "rules", rule_keys[r]);

  catalogue->n_grounds = G_N_ELEMENTS (ground_codes) - 1;
  catalogue->grounds = g_new0 (RedressGroundDef, catalogue->n_grounds);
  for (guint i = 0; i < catalogue->n_grounds; i++)
    {
      RedressGroundDef *def = &catalogue->grounds[i];

      def->code = ground_codes[i];
      if (!g_key_file_has_group (keys, def->code))
        g_critical ("grounds.ini has no group [%s]", def->code);
      def->provisions = g_key_file_get_string_list (keys, def->code, "provisions", NULL, NULL);
      if (def->provisions == NULL)
        def->provisions = g_new0 (char *, 1);
      for (guint l = 0; l < REDRESS_N_LANGS; l++)
        {
          g_autofree char *match = g_strconcat ("match-", lang_suffixes[l], NULL);
          g_autofree char *factor = g_strconcat ("factor-", lang_suffixes[l], NULL);
          g_autofree char *finding = g_strconcat ("finding-", lang_suffixes[l], NULL);
          g_autofree char *cleared = g_strconcat ("cleared-", lang_suffixes[l], NULL);
          g_autofree char *evidence = g_strconcat ("evidence-", lang_suffixes[l], NULL);

          def->match[l] = compile_keys (keys, def->code, match);
          def->factor[l] = compile_keys (keys, def->code, factor);
          def->finding[l] = compile_keys (keys, def->code, finding);
          def->cleared[l] = compile_keys (keys, def->code, cleared);
          def->evidence[l] = compile_keys (keys, def->code, evidence);
        }
      def->exclude = compile_keys (keys, def->code, "exclude");
      def->rules_out = g_key_file_get_string_list (keys, def->code, "rules-out", NULL, NULL);
      def->adverse = g_key_file_get_boolean (keys, def->code, "adverse", NULL);
    }
  return catalogue;
}

/**
 * redress_ground_catalogue_get:
 *
 * Returns: (transfer none): the compiled catalogue, loaded on first use
 *   (from any thread) and kept for the life of the process
 */
const RedressGroundCatalogue *
redress_ground_catalogue_get (void)
{
  static RedressGroundCatalogue *catalogue = NULL;

  if (g_once_init_enter (&catalogue))
    g_once_init_leave (&catalogue, load_catalogue ());
  return catalogue;
}

const RedressGroundDef *
redress_ground_catalogue_lookup (const char *code)
{
  const RedressGroundCatalogue *catalogue = redress_ground_catalogue_get ();
  int i = text_index (code);

  return i < 0 ? NULL : &catalogue->grounds[i];
}

/* Public API ------------------------------------------------------------- */

/**
 * redress_grounds_get_codes:
 *
 * Returns: (transfer none): every ground code, in catalogue order
 */
const char * const *
redress_grounds_get_codes (void)
{
  return ground_codes;
}

gboolean
redress_ground_is_known (const char *code)
{
  return text_index (code) >= 0;
}

/**
 * redress_ground_get_label:
 *
 * Returns: the ground's label in the user's language, or %NULL for an
 *   unknown code
 */
const char *
redress_ground_get_label (const char *code)
{
  int i = text_index (code);

  return i < 0 ? NULL : _(ground_text[i].label);
}

const char *
redress_ground_get_msgid (const char *code)
{
  int i = text_index (code);

  return i < 0 ? NULL : ground_text[i].label;
}

/**
 * redress_ground_get_description:
 *
 * Returns: a sentence that explains the ground, in the user's language, or
 *   %NULL for an unknown code
 */
const char *
redress_ground_get_description (const char *code)
{
  int i = text_index (code);

  return i < 0 ? NULL : _(ground_text[i].description);
}

/**
 * redress_ground_get_provisions:
 *
 * Returns: (transfer none): the provisions that found the ground ("R179(b)",
 *   "A40(1)(a)"...), usual one first; %NULL for an unknown code
 */
const char * const *
redress_ground_get_provisions (const char *code)
{
  const RedressGroundDef *def = redress_ground_catalogue_lookup (code);

  return def == NULL ? NULL : (const char * const *) def->provisions;
}

/**
 * redress_grounds_search:
 * @query: what the consultant typed
 *
 * Grounds whose code, label, explanation or provisions hold every word of
 * @query, ignoring case and accents (in the user's language and in
 * English).
 *
 * Returns: (transfer full): the codes, in catalogue order (all of them for
 *   an empty query)
 */
GStrv
redress_grounds_search (const char *query)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *folded = redress_normalize_fold (query != NULL ? query : "");
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; ground_codes[i] != NULL; i++)
    {
      const char *code = ground_codes[i];
      g_autofree char *provisions = g_strjoinv (" ", (GStrv) redress_ground_get_provisions (code));
      g_autofree char *haystack_raw = g_strjoin (" ", code, _(ground_text[i].label),
                                                 _(ground_text[i].description),
                                                 ground_text[i].label,
                                                 ground_text[i].description,
                                                 provisions, NULL);
      g_autofree char *haystack = redress_normalize_fold (haystack_raw);
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        if (words[w][0] != '\0' && strstr (haystack, words[w]) == NULL)
          all = FALSE;
      if (all)
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * The options several commands take, each parsed into a small struct the
 * command's own options embed: one option per field of a record (made
 * from its RedressFieldDef table, every value validated by the core),
 * --case, --today and --json; and CliOptionSet, which collects the
 * entries of one command's option context.
 */

/* Options whose name is not the field name (which stays accepted, hidden) */
typedef struct
{
  const char *field;
  const char *option;
  const char *negative;       /* for a yes/no field: the option that says no */
  const char *help;           /* translatable, for a yes/no field */
  const char *negative_help;  /* translatable */
} OptionName;

static const OptionName option_names[] = {
  { "application-type", "application", NULL, NULL, NULL },
  { "visa-office", "office", NULL, NULL, NULL },
  { "decided-in-canada", "decided-in-canada", "outside-canada",
    N_("The decision was made in Canada (an inland application)"),
    N_("The decision was made outside Canada") },
};

/* Option sets --------------------------------------------------------------- */

static void
option_set_append (CliOptionSet *set,
                   const char   *long_name,
                   GOptionArg    arg,
                   gpointer      arg_data,
                   const char   *description,
                   const char   *arg_description,
                   int           flags)
{
  GOptionEntry entry = { long_name, 0, flags, arg, arg_data, description, arg_description };

  g_array_append_val (set->entries, entry);
}

void
cli_option_set_add (CliOptionSet *set,
                    const char   *long_name,
                    GOptionArg    arg,
                    gpointer      arg_data,
                    const char   *description,
                    const char   *arg_description)
{
  option_set_append (set, long_name, arg, arg_data, description, arg_description, 0);
}

void
cli_option_set_add_hidden (CliOptionSet *set,
                           const char   *long_name,
                           GOptionArg    arg,
                           gpointer      arg_data,
                           const char   *description,
                           const char   *arg_description)
{
  option_set_append (set, long_name, arg, arg_data, description, arg_description,
                     G_OPTION_FLAG_HIDDEN);
}

/* Keeps @text (a help built at run time) as long as the context: GOption
 * copies the entries, not their strings */
const char *
cli_option_set_keep (CliOptionSet *set,
                     char         *text)
{
  g_ptr_array_add (set->strings, text);
  return text;
}

/* Field options ------------------------------------------------------------- */

static const OptionName *
find_option_name (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_names); i++)
    if (g_str_equal (option_names[i].field, field))
      return &option_names[i];
  return NULL;
}

static const char *
option_for_field (const RedressFieldDef *def)
{
  const OptionName *name = find_option_name (def->name);

  return name ? name->option : def->name;
}

static const char *
arg_description (const RedressFieldDef *def)
{
  switch (def->kind)
    {
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
      /* Translators: placeholder for a date in --help */
      return _("YYYY-MM-DD");
    case REDRESS_FIELD_UCI:
      return _("UCI");
    case REDRESS_FIELD_EMAIL:
      return _("EMAIL");
    case REDRESS_FIELD_PHONE:
      return _("PHONE");
    case REDRESS_FIELD_CHOICE:
      return _("CODE");
    case REDRESS_FIELD_NAME:
      return _("NAME");
    case REDRESS_FIELD_LINE:
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_BOOLEAN:
    default:
      return _("TEXT");
    }
}

/* Fields that a new record must be given: names, required dates, and codes
 * without a default. */
static gboolean
field_is_required (const RedressFieldDef *def,
                   RedressRecord         *fresh,
                   guint                  field)
{
  return def->kind == REDRESS_FIELD_NAME ||
         def->kind == REDRESS_FIELD_DATE_REQUIRED ||
         (def->kind == REDRESS_FIELD_CHOICE && redress_record_get_value (fresh, field) == NULL);
}

void
cli_field_options_init (CliFieldOptions *fields,
                        GType            record_type)
{
  memset (fields, 0, sizeof *fields);
  fields->record_class = g_type_class_ref (record_type);
  g_assert (fields->record_class->n_fields <= CLI_MAX_FIELDS);
}

void
cli_field_options_clear (CliFieldOptions *fields)
{
  for (guint i = 0; i < CLI_MAX_FIELDS; i++)
    g_clear_pointer (&fields->values[i], g_free);
  if (fields->record_class != NULL)
    g_type_class_unref (fields->record_class);
  fields->record_class = NULL;
}

/* The codes a choice field takes, under the options */
static void
describe_choices (GString               *description,
                  const RedressFieldDef *def,
                  const char            *option,
                  const char            *default_code)
{
  guint width = 0;

  /* Translators: heading of the list of codes an option accepts */
  g_string_append_printf (description, _("Codes of --%s:"), option);
  g_string_append_c (description, '\n');
  for (guint c = 0; def->choices[c].code != NULL; c++)
    width = MAX (width, (guint) strlen (def->choices[c].code));
  for (guint c = 0; def->choices[c].code != NULL; c++)
    {
      g_string_append (description, "  ");
      cli_append_padded (description, def->choices[c].code, width + 2);
      if (redress_field_choice_index (def, default_code) == (int) c)
        /* Translators: a code's label, when the code is used if the option
         * is not given */
        g_string_append_printf (description, _("%s (default)"), _(def->choices[c].label));
      else
        g_string_append (description, _(def->choices[c].label));
      g_string_append_c (description, '\n');
    }
  g_string_append_c (description, '\n');
}

/* One option per field; @adding: the help says which must be given */
void
cli_field_options_add (CliFieldOptions *fields,
                       CliOptionSet    *set,
                       gboolean         adding)
{
  RedressRecordClass *klass = fields->record_class;
  g_autoptr(RedressRecord) fresh = g_object_new (G_TYPE_FROM_CLASS (klass), NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const RedressFieldDef *def = &klass->fields[i];
      const OptionName *name = find_option_name (def->name);
      const char *option = option_for_field (def);
      const char *text;

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        {
          cli_option_set_add (set, option, G_OPTION_ARG_NONE, &fields->set_true[i],
                              name && name->help ? _(name->help) : _(def->label), NULL);
          if (name != NULL && name->negative != NULL)
            cli_option_set_add (set, name->negative, G_OPTION_ARG_NONE, &fields->set_false[i],
                                _(name->negative_help), NULL);
          continue;
        }

      if (adding && field_is_required (def, fresh, i))
        /* Translators: help of an option that must be given */
        text = cli_option_set_keep (set, g_strdup_printf (_("%s (required)"), _(def->label)));
      else if (def->kind == REDRESS_FIELD_CHOICE)
        /* Translators: help of an option whose codes are listed below it */
        text = cli_option_set_keep (set, g_strdup_printf (_("%s (codes below)"), _(def->label)));
      else
        text = _(def->label);
      cli_option_set_add (set, option, G_OPTION_ARG_STRING, &fields->values[i], text,
                          arg_description (def));

      /* The JSON name stays accepted */
      if (name != NULL && !g_str_equal (option, def->name))
        cli_option_set_add_hidden (set, def->name, G_OPTION_ARG_STRING, &fields->values[i], text,
                                   arg_description (def));

      if (def->kind == REDRESS_FIELD_CHOICE)
        describe_choices (set->description, def, option, redress_record_get_value (fresh, i));
    }
}

gboolean
cli_field_options_any (CliFieldOptions *fields)
{
  for (guint i = 0; i < fields->record_class->n_fields; i++)
    if (fields->values[i] != NULL || fields->set_true[i] || fields->set_false[i])
      return TRUE;
  return FALSE;
}

gboolean
cli_field_options_check_required (CliFieldOptions  *fields,
                                  RedressRecord    *fresh,
                                  GError          **error)
{
  for (guint i = 0; i < fields->record_class->n_fields; i++)
    {
      const RedressFieldDef *def = &fields->record_class->fields[i];

      if (field_is_required (def, fresh, i) && fields->values[i] == NULL)
        {
          cli_usage_error (error, _("--%s is required."), option_for_field (def));
          return FALSE;
        }
    }
  return TRUE;
}

/*
 * Sets the fields given on the command line, each normalized and validated
 * by the core: the error names the field.  @changed (nullable) receives the
 * labels of the fields whose value changed.
 */
gboolean
cli_field_options_apply (CliFieldOptions  *fields,
                         RedressRecord    *record,
                         GPtrArray        *changed,
                         GError          **error)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);
      const char *value = fields->values[i];
      g_autofree char *before = NULL;

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        {
          const OptionName *name = find_option_name (def->name);

          if (fields->set_true[i] && fields->set_false[i])
            {
              cli_usage_error (error, _("--%s and --%s cannot be used together."),
                               option_for_field (def),
                               name && name->negative ? name->negative : "");
              return FALSE;
            }
          if (fields->set_true[i])
            value = "true";
          else if (fields->set_false[i])
            value = "false";
        }
      if (value == NULL)
        continue;

      before = g_strdup (redress_record_get_value (record, i));
      if (!redress_record_set_value_checked (record, i, value, error))
        return FALSE;
      if (changed != NULL && g_strcmp0 (before, redress_record_get_value (record, i)) != 0)
        g_ptr_array_add (changed, (gpointer) _(def->label));
    }
  return TRUE;
}

/* --case ID ----------------------------------------------------------------- */

void
cli_case_option_add (CliCaseOption *option,
                     CliOptionSet  *set)
{
  cli_option_set_add (set, "case", G_OPTION_ARG_STRING, &option->text,
                      _("The case (its id, as listed by “case list”; required)"), _("ID"));
}

gboolean
cli_case_option_check (CliCaseOption  *option,
                       GError        **error)
{
  if (option->text == NULL)
    {
      cli_usage_error (error, _("--case is required."));
      return FALSE;
    }
  return cli_parse_id_listed (option->text, cli_id_listed_by ("case"), &option->id, error);
}

/* --today YYYY-MM-DD -------------------------------------------------------- */

void
cli_today_option_add (CliTodayOption *option,
                      CliOptionSet   *set)
{
  cli_option_set_add (set, "today", G_OPTION_ARG_STRING, &option->text,
                      _("Count the days from this day instead of today"), _("YYYY-MM-DD"));
}

/* A date that is not a calendar date is refused as the core refuses it */
gboolean
cli_today_option_check (CliTodayOption  *option,
                        GError         **error)
{
  g_date_clear (&option->date, 1);
  if (option->text == NULL)
    redress_date_today (&option->date);
  else if (!redress_date_parse (option->text, &option->date, error))
    {
      /* Translators: the option before the core's message about the date */
      g_prefix_error (error, _("--today: "));
      return FALSE;
    }
  return TRUE;
}

/* --json -------------------------------------------------------------------- */

void
cli_json_option_add (gboolean     *json,
                     CliOptionSet *set)
{
  cli_option_set_add (set, "json", G_OPTION_ARG_NONE, json,
                      _("Print JSON (codes, ISO dates, UCI digits)"), NULL);
}

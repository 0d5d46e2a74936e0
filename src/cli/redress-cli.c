/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * redress-cli: the command-line companion of Redress.
 *
 * This file is the dispatcher: main(), the global options (--database,
 * --verbose, --version, --help), the table of every command in the order
 * the help lists them, and what every command goes through (its option
 * context, its arguments, the database, the exit status).  The commands
 * themselves live one group to a file, redress-cli-GROUP.c, each parsing
 * into its own options; the options that set fields (--family-name,
 * --stage, ...) are made from the records' RedressFieldDef tables, and
 * every value goes through the core's validation, so the CLI accepts and
 * refuses exactly what the application does, with the same messages.
 *
 * Exit status: 0 on success, 1 when the core refuses (invalid value, record
 * not found, database too new or damaged, a PDF that cannot be imported...),
 * 2 for a usage error, 130 when an import is interrupted (Ctrl+C).
 */

/* Every command, in the order the help lists them */
static const CliCommand * const commands[] = {
  &cli_client_add, &cli_client_list, &cli_client_show, &cli_client_set,
  &cli_client_archive, &cli_client_unarchive, &cli_client_delete,
  &cli_case_add, &cli_case_list, &cli_case_show, &cli_case_set,
  &cli_case_archive, &cli_case_unarchive, &cli_case_delete,
  &cli_firm_set, &cli_firm_show,
  &cli_remedies, &cli_deadlines,
  &cli_import, &cli_documents,
  &cli_detect, &cli_grounds,
  &cli_checklist, &cli_outline,
  &cli_search, &cli_document_export, &cli_document_ocr, &cli_document_remove,
  &cli_check, &cli_backup, &cli_restore,
  &cli_demo,
  &cli_office_init, &cli_office_check, &cli_office_push,
};

static const char *groups[] = { "client", "case", "document", "firm", "office" };

/* --verbose: the debug log, where the core writes SQLite's own words */
gboolean cli_verbose;

/* g_print() and g_printerr(): every message and every line of output,
 * whatever a stored name or a command-line argument holds */
static void
print_handler (const char *text)
{
  cli_write_text (stdout, text, TRUE);
}

static void
printerr_handler (const char *text)
{
  cli_write_text (stderr, text, TRUE);
}

static char *
command_full_name (const CliCommand *command)
{
  if (command->group != NULL)
    return g_strdup_printf ("%s %s", command->group, command->name);
  return g_strdup (command->name);
}

/* "client show ID", as the lists of commands show it */
static char *
command_synopsis (const CliCommand *command)
{
  g_autofree char *name = command_full_name (command);

  if (command->parameters == NULL)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s %s", name, _(command->parameters));
}

static const CliCommand *
find_command (const char *group,
              const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i]->group, group) == 0 && g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static gboolean
is_group (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i], word))
      return TRUE;
  return FALSE;
}

static gboolean
is_help_option (const char *word)
{
  return g_strcmp0 (word, "--help") == 0 || g_strcmp0 (word, "-h") == 0 ||
         g_strcmp0 (word, "-?") == 0;
}

/* "  client add     Create a client file..." for @group (NULL: all) */
static void
append_command_list (GString    *out,
                     const char *group)
{
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = command_synopsis (commands[i]);

      if (group == NULL || g_strcmp0 (commands[i]->group, group) == 0)
        width = MAX (width, (guint) g_utf8_strlen (name, -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = command_synopsis (commands[i]);

      if (group != NULL && g_strcmp0 (commands[i]->group, group) != 0)
        continue;
      g_string_append (out, "  ");
      cli_append_padded (out, name, width + 2);
      g_string_append (out, _(commands[i]->summary));
      g_string_append_c (out, '\n');
    }
}

static char *
default_database_hint (void)
{
  g_autofree char *path = redress_store_default_path ();

  return g_strdup_printf (_("Without --database, the database is “%s”."), path);
}

static char *
group_help (const char *group)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n  %s %s %s\n\n%s\n", _("Usage:"), PROGRAM, group,
                          _("COMMAND [OPTION…]"), _("Commands:"));
  append_command_list (out, group);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Run “%s %s COMMAND --help” for the options of a command."),
                          PROGRAM, group);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Option contexts ------------------------------------------------------------ */

/*
 * The option context of @command: its own options (@options_new), then
 * --database, --verbose and --help; under them, the lists its options
 * added, its description and where the database is.  The texts built at
 * run time stay in @set->strings until the context is freed.
 */
static GOptionContext *
command_context_new (const CliCommand  *command,
                     CliOptionSet      *set,
                     gpointer          *options,
                     char             **database,
                     gboolean          *help)
{
  g_autofree char *full_name = command_full_name (command);
  GOptionContext *context;

  context = g_option_context_new (command->parameters ? _(command->parameters) : NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _(command->summary));

  if (command->options_new != NULL)
    *options = command->options_new (command, set);

  cli_option_set_add (set, "database", G_OPTION_ARG_FILENAME, database,
                      _("Use the database FILE"), _("FILE"));
  cli_option_set_add (set, "verbose", G_OPTION_ARG_NONE, &cli_verbose,
                      _("Also print the technical detail of errors (SQLite’s own words)"), NULL);
  cli_option_set_add (set, "help", G_OPTION_ARG_NONE, help, _("Show this help"), NULL);
  g_array_index (set->entries, GOptionEntry, set->entries->len - 1).short_name = 'h';

  g_option_context_add_main_entries (context, (GOptionEntry *) (gpointer) set->entries->data, NULL);

  if (command->description != NULL)
    {
      cli_append_wrapped (set->description, _(command->description));
      g_string_append_c (set->description, '\n');
    }
  {
    g_autofree char *hint = default_database_hint ();
    cli_append_wrapped (set->description, hint);
  }
  /* GOptionContext copies the entries, but not the strings */
  g_string_truncate (set->description, set->description->len - 1);
  g_option_context_set_description (context, cli_option_set_keep (set, g_strdup (set->description->str)));

  /* The usage line reads "redress-cli client add [OPTION…]" */
  {
    g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, full_name);
    g_set_prgname (prgname);
  }

  return context;
}

static int
report_error (const GError *error,
              const char   *help_command)
{
  g_printerr ("%s: %s\n", PROGRAM, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CLI_EXIT_INTERRUPTED;
  if (error->domain == G_OPTION_ERROR)
    {
      if (help_command != NULL)
        g_printerr (_("Run “%s %s --help” to see how to use it.\n"), PROGRAM, help_command);
      else
        g_printerr (_("Run “%s --help” to see how to use it.\n"), PROGRAM);
      return CLI_EXIT_USAGE;
    }
  return CLI_EXIT_ERROR;
}

static gboolean
open_store (CliRun    *run,
            GError   **error)
{
  g_autofree char *default_path = NULL;
  const char *path = run->database;

  if (run->command->store == CLI_STORE_NONE)
    return TRUE;

  if (path == NULL)
    path = default_path = redress_store_default_path ();
  if (run->command->store == CLI_STORE_EXISTING && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no database “%s” yet: it is created when the first client file "
                     "is added."), path);
      return FALSE;
    }

  /* NULL lets the store create the default folder with the right mode */
  run->store = redress_store_open (run->database, error);
  return run->store != NULL;
}

/* "-12": what a negative id looks like, which GOption takes for an option */
static gboolean
looks_like_negative_number (const char *text)
{
  if (text[0] != '-' || !g_ascii_isdigit (text[1]))
    return FALSE;
  for (const char *p = text + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/*
 * Rewords what GOption says when it cannot parse @argv: a value that is not
 * text in the terminal's character set names its option ("Invalid byte
 * sequence in conversion input" names nothing), and a negative number is
 * not an id rather than an unknown option "-1".  Both are usage errors.
 */
static void
explain_parse_error (const CliCommand  *command,
                     char             **argv,
                     GError           **error)
{
  if ((*error)->domain == G_CONVERT_ERROR)
    {
      const char *charset = NULL;

      g_get_charset (&charset);
      for (guint i = 1; argv[i] != NULL; i++)
        {
          g_autofree char *option = NULL;

          if (g_utf8_validate (argv[i], -1, NULL) && (g_get_charset (NULL) ||
                                                       g_str_is_ascii (argv[i])))
            continue;
          if (g_str_has_prefix (argv[i], "--") && strchr (argv[i], '=') != NULL)
            option = g_strndup (argv[i], (gsize) (strchr (argv[i], '=') - argv[i]));
          else if (i > 1 && argv[i - 1][0] == '-')
            option = g_strdup (argv[i - 1]);
          else
            continue;
          g_clear_error (error);
          cli_usage_error (error, _("%s: the value is not valid %s text; check the characters "
                                "typed, or the character set of the terminal."),
                       option, charset);
          return;
        }
      g_clear_error (error);
      cli_usage_error (error, _("An option’s value is not valid %s text; check the characters "
                            "typed, or the character set of the terminal."), charset);
      return;
    }

  if (g_error_matches (*error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
    for (guint i = 1; argv[i] != NULL; i++)
      if (looks_like_negative_number (argv[i]))
        {
          gint64 id = 0;
          const char *listed_by = i > 1 && g_str_equal (argv[i - 1], "--case")
                                  ? cli_id_listed_by ("case") : cli_id_listed_by (command->group);

          g_clear_error (error);
          cli_parse_id_listed (argv[i], listed_by, &id, error);
          return;
        }
}

/* Runs @command with @argv[0] being the command's own name. */
static int
run_command (const CliCommand  *command,
             const char        *database,
             int                argc,
             char             **argv)
{
  CliRun run = { 0 };
  CliOptionSet set = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = command_full_name (command);
  g_autofree char **original_argv = NULL;   /* borrowed strings */
  g_autofree char *database_option = NULL;
  gpointer options = NULL;
  gboolean help = FALSE;
  int status = CLI_EXIT_OK;

  set.entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  set.description = g_string_new (NULL);
  set.strings = g_ptr_array_new_with_free_func (g_free);
  run.command = command;

  context = command_context_new (command, &set, &options, &database_option, &help);
  original_argv = g_new0 (char *, (gsize) argc + 1);
  memcpy (original_argv, argv, sizeof (char *) * (gsize) argc);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      explain_parse_error (command, original_argv, &error);
      goto out;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", text);
      goto out;
    }

  run.args = argv + 1;
  run.n_args = (guint) argc - 1;
  if (run.n_args < command->n_args)
    {
      cli_usage_error (&error, _("%s is missing."), _(command->parameters));
      goto out;
    }
  if (run.n_args > command->n_args)
    {
      g_autofree char *shown = cli_echo_value (run.args[command->n_args]);

      cli_usage_error (&error, _("Unexpected argument “%s”."), shown);
      goto out;
    }

  /* A malformed id is a usage error, whatever the database holds */
  if (command->takes_id)
    {
      gint64 id;

      if (!(g_strcmp0 (command->group, "client") == 0 &&
            cli_looks_like_file_number (run.args[0])) &&
          !cli_parse_id_listed (run.args[0], cli_id_listed_by (command->group), &id, &error))
        goto out;
    }

  if (command->check != NULL && !command->check (command, options, &error))
    goto out;
  if (cli_verbose)
    g_log_set_debug_enabled (TRUE);

  run.database = database_option ? database_option : database;
  if (!open_store (&run, &error))
    goto out;
  if (!command->run (&run, options, &error) && error == NULL)
    g_set_error (&error, REDRESS_ERROR, REDRESS_ERROR_FAILED, _("The command failed."));

out:
  g_set_prgname (PROGRAM);
  if (error != NULL)
    status = report_error (error, full_name);
  g_clear_object (&run.store);
  if (options != NULL && command->options_free != NULL)
    command->options_free (options);
  g_array_unref (set.entries);
  g_string_free (set.description, TRUE);
  g_ptr_array_unref (set.strings);
  return status;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *database = NULL;
  g_autofree char *hint = default_database_hint ();
  g_autoptr(GString) description = g_string_new (NULL);
  gboolean version = FALSE;
  gboolean help = FALSE;
  const CliCommand *command;
  const char *word;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, _("Use the database FILE"), _("FILE") },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &cli_verbose,
      _("Also print the technical detail of errors (SQLite’s own words)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, _("Show the version and exit"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, _("Show this help"), NULL },
    { NULL }
  };

  g_string_append (summary, _("Keeps Redress client files, cases, their documents and the "
                              "database in order from the command line."));
  g_string_append_printf (summary, "\n\n%s\n", _("Commands:"));
  append_command_list (summary, NULL);
  g_string_truncate (summary, summary->len - 1);
  cli_append_wrapped (description, _("Run “redress-cli help COMMAND” or “redress-cli COMMAND --help” "
                                 "for the options of a command."));
  cli_append_wrapped (description, hint);
  cli_append_wrapped (description, _("Errors are printed on standard error. The exit status is 1 when "
                                 "a value or a file is refused or a record is not found, 2 when "
                                 "the command is misused, and 130 when an import is interrupted "
                                 "(Ctrl+C)."));

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, summary->str);
  g_string_truncate (description, description->len - 1);
  g_option_context_set_description (context, description->str);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return report_error (error, NULL);

  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  word = argc > 1 ? argv[1] : NULL;
  if (help || g_strcmp0 (word, "help") == 0)
    {
      const char *topic = help ? NULL : (argc > 2 ? argv[2] : NULL);
      const char *sub = help ? NULL : (argc > 3 ? argv[3] : NULL);
      g_autofree char *text = NULL;

      if (topic == NULL)
        text = g_option_context_get_help (context, TRUE, NULL);
      else if (is_group (topic) && sub == NULL)
        text = group_help (topic);
      else if ((command = is_group (topic) ? find_command (topic, sub)
                                           : find_command (NULL, topic)) != NULL)
        {
          char *help_argv[] = { (char *) command->name, (char *) "--help", NULL };
          return run_command (command, database, 2, help_argv);
        }
      else
        {
          g_autofree char *shown = g_strdup_printf ("%s%s%s", topic, sub ? " " : "", sub ? sub : "");
          g_autofree char *short_topic = cli_echo_value (shown);

          cli_usage_error (&error, _("There is no help about “%s”: it is not a command."), short_topic);
          return report_error (error, NULL);
        }
      g_print ("%s", text);
      return CLI_EXIT_OK;
    }

  if (word == NULL)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", text);
      return CLI_EXIT_USAGE;
    }

  if (is_group (word))
    {
      const char *sub = argc > 2 ? argv[2] : NULL;

      if (sub == NULL || is_help_option (sub))
        {
          g_autofree char *text = group_help (word);

          if (sub == NULL)
            {
              g_printerr ("%s: %s\n\n%s", PROGRAM, _("A command is missing."), text);
              return CLI_EXIT_USAGE;
            }
          g_print ("%s", text);
          return CLI_EXIT_OK;
        }
      command = find_command (word, sub);
      if (command == NULL)
        {
          g_autofree char *text = group_help (word);
          g_autofree char *shown = cli_echo_value (sub);

          g_printerr (_("%s: “%s %s” is not a command.\n\n"), PROGRAM, word, shown);
          g_printerr ("%s", text);
          return CLI_EXIT_USAGE;
        }
      return run_command (command, database, argc - 2, argv + 2);
    }

  command = find_command (NULL, word);
  if (command == NULL)
    {
      g_autofree char *shown = cli_echo_value (word);

      cli_usage_error (&error, _("“%s” is not a command."), shown);
      return report_error (error, NULL);
    }
  return run_command (command, database, argc - 1, argv + 1);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("REDRESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The debug log (--verbose) goes with the errors, not into the output */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_print_handler (print_handler);
  g_set_printerr_handler (printerr_handler);
  /* REDRESS_LOCALEDIR: translations of an uninstalled build (tests) */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM);

  return run (argc, argv);}

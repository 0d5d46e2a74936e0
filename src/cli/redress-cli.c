/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "redress-core.h"
#include "redress-file-util.h"

/*
 * redress-cli: the command-line companion of Redress.
 *
 * Every command is one entry of the commands[] table below.  The options
 * that set fields (--family-name, --stage, ...) are generated from the
 * records' RedressFieldDef tables, and every value goes through the core's
 * validation, so the CLI accepts and refuses exactly what the application
 * does, with the same messages.
 *
 * Exit status: 0 on success, 1 when the core refuses (invalid value, record
 * not found, database too new or damaged, a PDF that cannot be imported...),
 * 2 for a usage error, 130 when an import is interrupted (Ctrl+C).
 */

#define PROGRAM "redress-cli"
#define MAX_FIELDS 16
#define DEFAULT_SEARCH_LIMIT 20
#define MAX_SEARCH_LIMIT 1000
/* Most bytes read by --password - looking for the line end: far more than
 * a PDF password holds (REDRESS_PDF_MAX_PASSWORD_BYTES), so that a longer
 * one is refused with that limit, and an endless stream stops there */
#define MAX_PASSWORD 4096

enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_ERROR = 1,
  CLI_EXIT_USAGE = 2,
  CLI_EXIT_INTERRUPTED = 130,   /* 128 + SIGINT, as shells report it */
};

typedef struct _Command Command;

/* What one run of a command received on the command line */
typedef struct
{
  const Command *command;
  RedressRecordClass *record_class;   /* for commands that set fields */
  RedressStore *store;
  const char *database;               /* NULL for the default location */
  char **args;                        /* positional arguments (borrowed) */
  guint n_args;

  char *values[MAX_FIELDS];           /* --FIELD VALUE */
  gboolean set_true[MAX_FIELDS];      /* --decided-in-canada */
  gboolean set_false[MAX_FIELDS];     /* --outside-canada */
  gboolean json;
  gboolean archived;
  gboolean help;
  char *search;
  char *client;
  char *database_option;
  char *case_option;                  /* --case ID */
  char *today;                        /* --today YYYY-MM-DD */
  char *within;                       /* --within DAYS */
  gboolean misrepresentation;
  char *kind;                         /* --kind KIND */
  char *password;                     /* --password PASSWORD, "-": standard input */
  gboolean no_ocr;                    /* --no-ocr */
  char *limit;                        /* --limit N */
  char *confirm;                      /* --confirm CODE[,CODE...] */
  char *dismiss;                      /* --dismiss CODE[,CODE...] */
  char *add;                          /* --add CODE[,CODE...] */
  char *path;                         /* --path PATH (a checklist's) */
  char *language;                     /* --language LANG */
  char *pdf;                          /* --pdf FILE */
  char *item;                         /* --item ID (a checklist item) */
  char *state;                        /* --state STATE */
  char *due;                          /* --due YYYY-MM-DD, "" for none */
  char *note;                         /* --note TEXT, "" for none */

  gint64 case_id;                     /* --case, parsed */
  GDate today_date;                   /* --today, or today */
  int within_days;                    /* --within, parsed */
  RedressDocumentKind document_kind;  /* --kind, parsed */
  RedressTextKind text_kind;          /* --kind letter|notes, parsed */
  guint limit_value;                  /* --limit, parsed */
  gint64 item_id;                     /* --item, parsed */
  RedressItemState item_state;        /* --state, parsed */
} Invocation;

typedef enum
{
  WITH_JSON     = 1 << 0,
  WITH_ARCHIVED = 1 << 1,
  WITH_SEARCH   = 1 << 2,
  WITH_CLIENT   = 1 << 3,   /* --client ID */
  WITH_FIELDS   = 1 << 4,   /* one option per field of the record */
  ADDING        = 1 << 5,   /* required fields must be given */
  WITH_ID       = 1 << 6,   /* the argument is the id of a record */
  WITH_CASE     = 1 << 7,   /* --case ID (required) */
  WITH_TODAY    = 1 << 8,   /* --today YYYY-MM-DD */
  WITH_WITHIN   = 1 << 9,   /* --within DAYS */
  WITH_MISREPRESENTATION = 1 << 10,
  WITH_KIND     = 1 << 11,  /* --kind KIND (required) */
  WITH_PASSWORD = 1 << 12,  /* --password PASSWORD */
  WITH_LIMIT    = 1 << 13,  /* --limit N */
  WITH_GROUND_CHANGES = 1 << 14,  /* --confirm, --dismiss, --add CODE[,CODE...] */
  WITH_PATH     = 1 << 15,  /* --path PATH (a path that has a checklist) */
  WITH_LANGUAGE = 1 << 16,  /* --language LANG (of a document) */
  WITH_PDF      = 1 << 17,  /* --pdf FILE */
  PDF_REQUIRED  = 1 << 18,  /* --pdf must be given */
  WITH_ITEM_CHANGES = 1 << 19,  /* --item ID with --state, --due, --note */
  WITH_TEXT_KIND = 1 << 20, /* --kind letter|notes (how to read a text; recognised by default) */
  WITH_NO_OCR   = 1 << 21,  /* --no-ocr: scanned pages are not read */
  WITH_OCR_LANGUAGE = 1 << 22,  /* --language eng|fra|eng+fra (of scanned pages) */
} CommandFlags;

typedef enum
{
  STORE_NONE,      /* works on the file itself (restore) */
  STORE_EXISTING,  /* reads: the database must already exist */
  STORE_CREATE,    /* writes: the database is created if needed */
} StoreNeed;

struct _Command
{
  const char *group;          /* "client", "case", "firm", or NULL */
  const char *name;
  const char *parameters;     /* translatable, e.g. "ID" */
  guint n_args;
  const char *summary;        /* translatable */
  const char *description;    /* translatable, nullable */
  CommandFlags flags;
  StoreNeed store;
  GType (*record_type) (void);
  gboolean (*run) (Invocation *inv, GError **error);
};

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

static const char *groups[] = { "client", "case", "document", "firm" };

/* --verbose: the debug log, where the core writes SQLite's own words */
static gboolean verbose;

/* Helpers ----------------------------------------------------------------- */

static void
usage_error (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
usage_error (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                                                format, args));
  va_end (args);
}

/* Writes @text (UTF-8) in the console's character set.  With @sanitize,
 * whatever it quotes cannot drive the terminal: control characters other
 * than line breaks and tabs are shown as U+FFFD and bidirectional
 * overrides are dropped (see redress_text_sanitize_for_display()). */
static void
write_text (FILE       *stream,
            const char *text,
            gboolean    sanitize)
{
  g_autofree char *safe = sanitize ? redress_text_sanitize_for_display (text, TRUE) : NULL;
  g_autofree char *converted = NULL;
  const char *charset = NULL;
  const char *out = safe != NULL ? safe : text;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (out, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (converted != NULL ? converted : out, stream);
  fflush (stream);
}

/* g_print() and g_printerr(): every message and every line of output,
 * whatever a stored name or a command-line argument holds */
static void
print_handler (const char *text)
{
  write_text (stdout, text, TRUE);
}

static void
printerr_handler (const char *text)
{
  write_text (stderr, text, TRUE);
}

/* A value typed by the user, as an error quotes it: on one line, harmless,
 * and shortened to 60 characters with "…" */
static char *
echo_value (const char *value)
{
  return redress_text_ellipsize (value, 0);
}

static char *
command_full_name (const Command *command)
{
  if (command->group != NULL)
    return g_strdup_printf ("%s %s", command->group, command->name);
  return g_strdup (command->name);
}

/* "client show ID", as the lists of commands show it */
static char *
command_synopsis (const Command *command)
{
  g_autofree char *name = command_full_name (command);

  if (command->parameters == NULL)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s %s", name, _(command->parameters));
}

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

/* Columns of text, padded by characters rather than bytes */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

/* Appends @text folded into lines of at most @width characters */
static void
append_wrapped_width (GString    *out,
                      const char *text,
                      glong       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (column > 0 && column + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  g_string_append_c (out, '\n');
}

/* Appends @text folded into lines of at most 78 characters */
static void
append_wrapped (GString    *out,
                const char *text)
{
  append_wrapped_width (out, text, 78);
}

/* Prints "Label:  value" lines aligned, @indent spaces in; @pairs holds
 * label, value, ...  With @wrap, long values are folded to 78 columns. */
static void
print_pairs_indented (GPtrArray *pairs,
                      guint      indent,
                      gboolean   wrap)
{
  guint width = 0;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      /* Translators: a label before its value, "Family name: Okafor" */
      g_autofree char *label = g_strdup_printf (_("%s:"), (char *) g_ptr_array_index (pairs, i));
      width = MAX (width, (guint) g_utf8_strlen (label, -1));
    }

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      g_autofree char *label = g_strdup_printf (_("%s:"), (char *) g_ptr_array_index (pairs, i));
      g_autofree char *value = redress_text_sanitize_for_display (g_ptr_array_index (pairs, i + 1),
                                                                 TRUE);
      g_autoptr(GString) folded = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autoptr(GString) out = g_string_new (NULL);

      if (wrap)
        {
          g_auto(GStrv) paragraphs = g_strsplit (value, "\n", -1);

          for (guint j = 0; paragraphs[j] != NULL; j++)
            append_wrapped_width (folded, paragraphs[j],
                                  MAX (78 - (glong) (indent + width + 2), 30));
          g_string_truncate (folded, folded->len - 1);
        }
      else
        g_string_append (folded, value);
      lines = g_strsplit (folded->str, "\n", -1);

      append_padded (out, "", indent);
      append_padded (out, label, width + 2);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            {
              g_string_append_c (out, '\n');
              append_padded (out, "", indent + width + 2);
            }
          g_string_append (out, lines[j]);
        }
      g_print ("%s\n", out->str);
    }
}

static void
print_pairs (GPtrArray *pairs)
{
  print_pairs_indented (pairs, 0, FALSE);
}

static void
add_pair (GPtrArray  *pairs,
          const char *label,
          char       *value)
{
  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, value);
}

/* Prints rows under a header, each column as wide as its widest cell */
static void
print_table (const char * const *headers,
             guint               n_columns,
             GPtrArray          *rows)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) safe_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  /* One line per row, whatever a cell holds: a line break in a name
   * cannot fake a row, an escape sequence cannot reach the terminal */
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      char **safe = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        safe[c] = redress_text_sanitize_for_display (row[c] ? row[c] : "", FALSE);
      g_ptr_array_add (safe_rows, safe);
    }

  for (guint c = 0; c < n_columns; c++)
    widths[c] = (guint) g_utf8_strlen (headers[c], -1);
  for (guint r = 0; r < safe_rows->len; r++)
    {
      char **row = g_ptr_array_index (safe_rows, r);
      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r <= safe_rows->len; r++)
    {
      const char * const *row = r == 0 ? headers : g_ptr_array_index (safe_rows, r - 1);

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            {
              append_padded (line, row[c], widths[c]);
              g_string_append (line, "  ");
            }
          else
            g_string_append (line, row[c]);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale: no conversion */
  fputs (data, stdout);
  fputc ('\n', stdout);
}

/* "2026-03-02T10:00:00Z" as local time, "2026-03-02 05:00" */
static char *
format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("—");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A value as the human output shows it: codes with their label, UCI
 * formatted, dates in ISO form (as they are typed), "—" for nothing. */
static char *
display_value (const RedressFieldDef *def,
               const char            *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (def->kind)
    {
    case REDRESS_FIELD_CHOICE:
      {
        const char *label = redress_field_choice_label (def, value);
        shown = label ? g_strdup_printf ("%s (%s)", label, value) : g_strdup (value);
        break;
      }
    case REDRESS_FIELD_UCI:
      shown = redress_uci_format (value);
      break;
    case REDRESS_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") ? _("Yes") : _("No"));
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_LINE:
    case REDRESS_FIELD_NAME:
    case REDRESS_FIELD_EMAIL:
    case REDRESS_FIELD_PHONE:
    default:
      shown = g_strdup (value);
      break;
    }
  return redress_text_sanitize_for_display (shown, !redress_field_is_single_line (def));
}

static void
add_field_pairs (GPtrArray     *pairs,
                 RedressRecord *record)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);

      add_pair (pairs, _(def->label), display_value (def, redress_record_get_value (record, i)));
    }
}

/* JSON -------------------------------------------------------------------- */

static void
json_add_string_or_null (JsonBuilder *builder,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_id_or_null (JsonBuilder *builder,
                     const char  *name,
                     gint64       id)
{
  json_builder_set_member_name (builder, name);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_fields (JsonBuilder   *builder,
                 RedressRecord *record)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);
      const char *value = redress_record_get_value (record, i);

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        {
          json_builder_set_member_name (builder, def->name);
          json_builder_add_boolean_value (builder, g_strcmp0 (value, "true") == 0);
        }
      else
        json_add_string_or_null (builder, def->name, value);
    }
}

static void
json_add_timestamps (JsonBuilder   *builder,
                     RedressRecord *record)
{
  json_add_string_or_null (builder, "created-at", redress_record_get_created_at (record));
  json_add_string_or_null (builder, "updated-at", redress_record_get_updated_at (record));
}

/* The members of a client object, without the braces */
static void
json_add_client_members (JsonBuilder   *builder,
                         RedressClient *client)
{
  RedressRecord *record = REDRESS_RECORD (client);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_record_get_id (record));
  json_add_string_or_null (builder, "file-number", redress_client_get_file_number (client));
  json_add_fields (builder, record);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, redress_record_get_archived (record));
  json_builder_set_member_name (builder, "case-count");
  json_builder_add_int_value (builder, redress_client_get_case_count (client));
  json_add_timestamps (builder, record);
}

static void
json_add_case (JsonBuilder *builder,
               RedressCase *kase)
{
  RedressRecord *record = REDRESS_RECORD (kase);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_record_get_id (record));
  json_builder_set_member_name (builder, "client-id");
  json_builder_add_int_value (builder, redress_case_get_client_id (kase));
  json_add_fields (builder, record);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, redress_record_get_archived (record));
  json_add_timestamps (builder, record);
  json_builder_end_object (builder);
}

static void
json_add_events (JsonBuilder *builder,
                 GPtrArray   *events)
{
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      RedressEvent *event = g_ptr_array_index (events, i);
      g_autofree char *description = redress_event_dup_description (event);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, redress_event_get_id (event));
      json_add_string_or_null (builder, "at", redress_event_get_at (event));
      json_add_string_or_null (builder, "actor", redress_event_get_actor (event));
      json_add_string_or_null (builder, "entity", redress_event_get_entity (event));
      json_add_id_or_null (builder, "client-id", redress_event_get_client_id (event));
      json_add_id_or_null (builder, "case-id", redress_event_get_case_id (event));
      json_add_string_or_null (builder, "kind", redress_event_get_kind (event));
      json_add_string_or_null (builder, "field", redress_event_get_field (event));
      json_add_string_or_null (builder, "old", redress_event_get_old_value (event));
      json_add_string_or_null (builder, "new", redress_event_get_new_value (event));
      json_add_string_or_null (builder, "description", description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_events (GPtrArray *events)
{
  g_print ("\n%s\n", _("Timeline:"));
  if (events->len == 0)
    g_print ("  %s\n", _("Nothing yet."));
  for (guint i = 0; i < events->len; i++)
    {
      RedressEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = format_timestamp (redress_event_get_at (event));
      g_autofree char *description = redress_event_dup_description (event);

      /* Translators: a timeline entry and who made it: "Email changed … (jdoe)" */
      g_autofree char *line = g_strdup_printf (_("%s (%s)"), description,
                                               redress_event_get_actor (event));

      g_print ("  %s  %s\n", when, line);
    }
}

/* Finding records ----------------------------------------------------------- */

/* @listed_by: the command that lists such ids, for the message */
static gboolean
parse_id_listed (const char  *text,
                 const char  *listed_by,
                 gint64      *id,
                 GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = echo_value (text);

      usage_error (error, _("“%s” is not an id: an id is a whole number, as listed by “%s”."),
                   shown, listed_by);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  return parse_id_listed (text, PROGRAM " client list", id, error);
}

/* The command that lists the ids a command of @group takes */
static const char *
id_listed_by (const char *group)
{
  if (g_strcmp0 (group, "case") == 0)
    return PROGRAM " case list";
  if (g_strcmp0 (group, "document") == 0)
    return PROGRAM " documents --case ID";
  return PROGRAM " client list";
}

static gboolean
looks_like_file_number (const char *text)
{
  /* YEAR-NNNN */
  if (strlen (text) < 6 || text[4] != '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (p != text + 4 && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* A client by id, or by file number ("2026-0001") */
static RedressClient *
find_client (Invocation  *inv,
             const char  *text,
             GError     **error)
{
  gint64 id = 0;

  if (looks_like_file_number (text))
    {
      g_autoptr(GPtrArray) clients = redress_store_list_clients (inv->store, TRUE, error);

      if (clients == NULL)
        return NULL;
      for (guint i = 0; i < clients->len; i++)
        {
          RedressClient *client = g_ptr_array_index (clients, i);

          if (g_strcmp0 (redress_client_get_file_number (client), text) == 0)
            return g_object_ref (client);
        }
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no client file numbered %s."), text);
      return NULL;
    }

  if (!parse_id (text, &id, error))
    return NULL;
  return redress_store_get_client (inv->store, id, error);
}

static RedressCase *
find_case (Invocation  *inv,
           const char  *text,
           GError     **error)
{
  gint64 id = 0;

  if (!parse_id_listed (text, id_listed_by ("case"), &id, error))
    return NULL;
  return redress_store_get_case (inv->store, id, error);
}

/* Field options ------------------------------------------------------------- */

static gboolean
any_field_given (Invocation *inv)
{
  for (guint i = 0; i < inv->record_class->n_fields; i++)
    if (inv->values[i] != NULL || inv->set_true[i] || inv->set_false[i])
      return TRUE;
  return FALSE;
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

static gboolean
check_required_fields (Invocation     *inv,
                       RedressRecord  *fresh,
                       GError        **error)
{
  for (guint i = 0; i < inv->record_class->n_fields; i++)
    {
      const RedressFieldDef *def = &inv->record_class->fields[i];

      if (field_is_required (def, fresh, i) && inv->values[i] == NULL)
        {
          usage_error (error, _("--%s is required."), option_for_field (def));
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
static gboolean
apply_field_options (Invocation     *inv,
                     RedressRecord  *record,
                     GPtrArray      *changed,
                     GError        **error)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);
      const char *value = inv->values[i];
      g_autofree char *before = NULL;

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        {
          const OptionName *name = find_option_name (def->name);

          if (inv->set_true[i] && inv->set_false[i])
            {
              usage_error (error, _("--%s and --%s cannot be used together."),
                           option_for_field (def), name && name->negative ? name->negative : "");
              return FALSE;
            }
          if (inv->set_true[i])
            value = "true";
          else if (inv->set_false[i])
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

static void
print_changes (const char *what,
               GPtrArray  *changed)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (changed->len == 0)
    {
      g_print (_("%s: nothing changed, the values given are those already stored.\n"), what);
      return;
    }
  for (guint i = 0; i < changed->len; i++)
    {
      if (i > 0)
        /* Translators: separates the fields in "Updated ...: Email, Phone" */
        g_string_append (list, _(", "));
      g_string_append (list, g_ptr_array_index (changed, i));
    }
  /* Translators: "Client file 2026-0001 updated: Email, Phone." */
  g_print (_("%s updated: %s.\n"), what, list->str);
}

/* Clients ------------------------------------------------------------------ */

static char *
client_title (RedressClient *client)
{
  g_autofree char *name = redress_client_dup_display_name (client);

  /* Translators: "Client file 2026-0001 (Okafor, Chidinma)" */
  return g_strdup_printf (_("Client file %s (%s)"),
                          redress_client_get_file_number (client), name);
}

static gboolean
client_add (Invocation  *inv,
            GError     **error)
{
  g_autoptr(RedressClient) client = redress_client_new ();
  g_autofree char *name = NULL;

  if (!check_required_fields (inv, REDRESS_RECORD (client), error) ||
      !apply_field_options (inv, REDRESS_RECORD (client), NULL, error) ||
      !redress_store_insert_client (inv->store, client, error))
    return FALSE;

  name = redress_client_dup_display_name (client);
  /* Translators: "Created client file 2026-0001 (Okafor, Chidinma)." */
  g_print (_("Created client file %s (%s).\n"), redress_client_get_file_number (client), name);
  g_print ("%" G_GINT64_FORMAT "\n", redress_record_get_id (REDRESS_RECORD (client)));
  return TRUE;
}

static gboolean
client_list (Invocation  *inv,
             GError     **error)
{
  g_autoptr(RedressClientList) list = redress_client_list_new (inv->store, inv->archived, error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_items;

  if (list == NULL)
    return FALSE;
  if (inv->search != NULL)
    redress_client_list_set_query (list, inv->search);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (inv->json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

          json_builder_begin_object (builder);
          json_add_client_members (builder, client);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return TRUE;
    }

  if (n_items == 0)
    {
      g_print ("%s\n", inv->search ? _("No client file matches.") : _("No client files."));
      return TRUE;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *name = redress_client_dup_display_name (client);
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (client)));
      row[1] = g_strdup (redress_client_get_file_number (client));
      if (redress_record_get_archived (REDRESS_RECORD (client)))
        /* Translators: a client's name in a list, when the file is archived */
        row[2] = g_strdup_printf (_("%s (archived)"), name);
      else
        row[2] = g_steal_pointer (&name);
      row[3] = display_value (redress_client_field_def (REDRESS_CLIENT_UCI),
                              redress_client_get_uci (client));
      row[4] = g_strdup_printf ("%u", redress_client_get_case_count (client));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("Id"), _("File"), _("Name"), _("UCI"), _("Cases") };
    print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

static gboolean
client_show (Invocation  *inv,
             GError     **error)
{
  g_autoptr(RedressClient) client = find_client (inv, inv->args[0], error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  RedressRecord *record;
  gint64 id;

  if (client == NULL)
    return FALSE;
  record = REDRESS_RECORD (client);
  id = redress_record_get_id (record);
  cases = redress_store_list_cases (inv->store, id, TRUE, error);
  if (cases == NULL)
    return FALSE;
  events = redress_store_list_events (inv->store, id, 0, error);
  if (events == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_client_members (builder, client);
      json_builder_set_member_name (builder, "cases");
      json_builder_begin_array (builder);
      for (guint i = 0; i < cases->len; i++)
        json_add_case (builder, g_ptr_array_index (cases, i));
      json_builder_end_array (builder);
      json_add_events (builder, events);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  pairs = g_ptr_array_new_with_free_func (g_free);
  add_pair (pairs, _("Id"), g_strdup_printf ("%" G_GINT64_FORMAT, id));
  add_pair (pairs, _("File number"), g_strdup (redress_client_get_file_number (client)));
  add_field_pairs (pairs, record);
  if (redress_record_get_archived (record))
    add_pair (pairs, _("Archived"), g_strdup (_("Yes")));
  add_pair (pairs, _("Created"), format_timestamp (redress_record_get_created_at (record)));
  add_pair (pairs, _("Updated"), format_timestamp (redress_record_get_updated_at (record)));
  print_pairs (pairs);

  g_print ("\n%s\n", _("Cases:"));
  if (cases->len == 0)
    g_print ("  %s\n", _("None."));
  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      g_autofree char *case_title = redress_case_dup_title (kase);
      const char *stage = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_STAGE),
                                                      redress_case_get_stage (kase));

      g_autofree char *line = NULL;

      /* Translators: a case in a client file: its title and its stage */
      line = g_strdup_printf (_("%s — %s"), case_title, stage ? stage : redress_case_get_stage (kase));
      if (redress_record_get_archived (REDRESS_RECORD (kase)))
        {
          g_autofree char *plain = g_steal_pointer (&line);
          line = g_strdup_printf (_("%s (archived)"), plain);
        }
      g_print ("  %" G_GINT64_FORMAT "  %s\n", redress_record_get_id (REDRESS_RECORD (kase)), line);
    }

  print_events (events);
  return TRUE;
}

static gboolean
client_set (Invocation  *inv,
            GError     **error)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *title = NULL;

  if (!any_field_given (inv))
    {
      usage_error (error, _("Nothing to change: give at least one option, such as --email."));
      return FALSE;
    }
  client = find_client (inv, inv->args[0], error);
  if (client == NULL)
    return FALSE;
  if (!apply_field_options (inv, REDRESS_RECORD (client), changed, error) ||
      !redress_store_update_client (inv->store, client, error))
    return FALSE;

  title = client_title (client);
  print_changes (title, changed);
  return TRUE;
}

static gboolean
set_archived (Invocation     *inv,
              RedressRecord  *record,
              const char     *title,
              gboolean        archived,
              GError        **error)
{
  if (redress_record_get_archived (record) == archived)
    {
      g_print (archived ? _("%s is already archived.\n") : _("%s is not archived.\n"), title);
      return TRUE;
    }
  if (!redress_store_set_archived (inv->store, record, archived, error))
    return FALSE;
  g_print (archived ? _("%s archived.\n") : _("%s taken out of the archive.\n"), title);
  return TRUE;
}

static gboolean
client_set_archived (Invocation  *inv,
                     gboolean     archived,
                     GError     **error)
{
  g_autoptr(RedressClient) client = find_client (inv, inv->args[0], error);
  g_autofree char *title = NULL;

  if (client == NULL)
    return FALSE;
  title = client_title (client);
  return set_archived (inv, REDRESS_RECORD (client), title, archived, error);
}

static gboolean
client_archive (Invocation  *inv,
                GError     **error)
{
  return client_set_archived (inv, TRUE, error);
}

static gboolean
client_unarchive (Invocation  *inv,
                  GError     **error)
{
  return client_set_archived (inv, FALSE, error);
}

/* Trash then purge, in one transaction: the CLI has no Undo. */
static gboolean
delete_record (Invocation     *inv,
               RedressRecord  *record,
               GError        **error)
{
  if (!redress_store_begin (inv->store, error))
    return FALSE;
  if (!redress_store_trash (inv->store, record, error) ||
      !redress_store_purge (inv->store, record, error))
    {
      redress_store_rollback (inv->store);
      return FALSE;
    }
  return redress_store_commit (inv->store, error);
}

static gboolean
client_delete (Invocation  *inv,
               GError     **error)
{
  g_autoptr(RedressClient) client = find_client (inv, inv->args[0], error);
  g_autofree char *title = NULL;
  guint n_cases;

  if (client == NULL)
    return FALSE;
  title = client_title (client);
  n_cases = redress_client_get_case_count (client);
  if (!delete_record (inv, REDRESS_RECORD (client), error))
    return FALSE;

  g_print (g_dngettext (NULL, "%s and its %u case were deleted permanently.\n",
                        "%s and its %u cases were deleted permanently.\n", n_cases),
           title, n_cases);
  return TRUE;
}

/* Cases ------------------------------------------------------------------- */

static char *
case_title (RedressCase *kase)
{
  g_autofree char *title = redress_case_dup_title (kase);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         redress_record_get_id (REDRESS_RECORD (kase)));

  /* Translators: "Case 3 (Study permit refused 2 March 2026)" */
  return g_strdup_printf (_("Case %s (%s)"), id, title);
}

static gboolean
case_add (Invocation  *inv,
          GError     **error)
{
  g_autoptr(RedressCase) kase = redress_case_new (0);
  g_autoptr(RedressClient) client = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (inv->client == NULL)
    {
      usage_error (error, _("--client is required."));
      return FALSE;
    }
  if (!check_required_fields (inv, REDRESS_RECORD (kase), error))
    return FALSE;
  client = find_client (inv, inv->client, error);
  if (client == NULL)
    return FALSE;
  redress_case_set_client_id (kase, redress_record_get_id (REDRESS_RECORD (client)));
  if (!apply_field_options (inv, REDRESS_RECORD (kase), NULL, error) ||
      !redress_store_insert_case (inv->store, kase, error))
    return FALSE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (kase)));
  title = redress_case_dup_title (kase);
  name = redress_client_dup_display_name (client);
  /* Translators: "Added case 3 (Study permit refused 2 March 2026) to client
   * file 2026-0001 (Okafor, Chidinma)." */
  g_print (_("Added case %s (%s) to client file %s (%s).\n"), id, title,
           redress_client_get_file_number (client), name);
  g_print ("%" G_GINT64_FORMAT "\n", redress_record_get_id (REDRESS_RECORD (kase)));
  return TRUE;
}

static gboolean
case_list (Invocation  *inv,
           GError     **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 client_id = 0;

  if (inv->client != NULL)
    {
      g_autoptr(RedressClient) client = find_client (inv, inv->client, error);

      if (client == NULL)
        return FALSE;
      client_id = redress_record_get_id (REDRESS_RECORD (client));
    }
  cases = redress_store_list_cases (inv->store, client_id, inv->archived, error);
  if (cases == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < cases->len; i++)
        json_add_case (builder, g_ptr_array_index (cases, i));
      json_builder_end_array (builder);
      print_json (builder);
      return TRUE;
    }

  if (cases->len == 0)
    {
      g_print ("%s\n", _("No cases."));
      return TRUE;
    }

  clients = redress_store_list_clients (inv->store, TRUE, error);
  if (clients == NULL)
    return FALSE;
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < clients->len; i++)
    {
      RedressClient *client = g_ptr_array_index (clients, i);
      gint64 id = redress_record_get_id (REDRESS_RECORD (client));

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), client);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      gint64 client_of_case = redress_case_get_client_id (kase);
      RedressClient *client = g_hash_table_lookup (by_id, &client_of_case);
      char **row = g_new0 (char *, 6);
      const char *type;
      const char *stage;

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (REDRESS_RECORD (kase)));
      if (client != NULL)
        {
          g_autofree char *name = redress_client_dup_display_name (client);
          row[1] = g_strdup_printf ("%s %s", redress_client_get_file_number (client), name);
        }
      else
        row[1] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_case_get_client_id (kase));
      type = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_APPLICATION_TYPE),
                                         redress_case_get_application_type (kase));
      stage = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_STAGE),
                                          redress_case_get_stage (kase));
      row[2] = g_strdup (type ? type : redress_case_get_application_type (kase));
      row[3] = g_strdup (redress_case_get_decision_date (kase));
      if (redress_record_get_archived (REDRESS_RECORD (kase)))
        row[4] = g_strdup_printf (_("%s (archived)"), stage ? stage : redress_case_get_stage (kase));
      else
        row[4] = g_strdup (stage ? stage : redress_case_get_stage (kase));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("Id"), _("Client"), _("Application"), _("Decision"), _("Stage") };
    print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

static gboolean
case_show (Invocation  *inv,
           GError     **error)
{
  g_autoptr(RedressCase) kase = find_case (inv, inv->args[0], error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *title = NULL;
  RedressRecord *record;

  if (kase == NULL)
    return FALSE;
  record = REDRESS_RECORD (kase);
  client = redress_store_get_client (inv->store, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;
  events = redress_store_list_events (inv->store, 0, redress_record_get_id (record), error);
  if (events == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *case_name = redress_case_dup_title (kase);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, redress_record_get_id (record));
      json_builder_set_member_name (builder, "client-id");
      json_builder_add_int_value (builder, redress_case_get_client_id (kase));
      json_add_string_or_null (builder, "file-number", redress_client_get_file_number (client));
      json_add_string_or_null (builder, "title", case_name);
      json_add_fields (builder, record);
      json_builder_set_member_name (builder, "archived");
      json_builder_add_boolean_value (builder, redress_record_get_archived (record));
      json_add_timestamps (builder, record);
      json_add_events (builder, events);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  title = redress_case_dup_title (kase);
  pairs = g_ptr_array_new_with_free_func (g_free);
  add_pair (pairs, _("Id"), g_strdup_printf ("%" G_GINT64_FORMAT, redress_record_get_id (record)));
  add_pair (pairs, _("Case"), g_strdup (title));
  add_pair (pairs, _("Client"), client_title (client));
  add_field_pairs (pairs, record);
  if (redress_record_get_archived (record))
    add_pair (pairs, _("Archived"), g_strdup (_("Yes")));
  add_pair (pairs, _("Created"), format_timestamp (redress_record_get_created_at (record)));
  add_pair (pairs, _("Updated"), format_timestamp (redress_record_get_updated_at (record)));
  print_pairs (pairs);
  print_events (events);
  return TRUE;
}

static gboolean
case_set (Invocation  *inv,
          GError     **error)
{
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *title = NULL;

  if (!any_field_given (inv))
    {
      usage_error (error, _("Nothing to change: give at least one option, such as --stage."));
      return FALSE;
    }
  kase = find_case (inv, inv->args[0], error);
  if (kase == NULL)
    return FALSE;
  if (!apply_field_options (inv, REDRESS_RECORD (kase), changed, error) ||
      !redress_store_update_case (inv->store, kase, error))
    return FALSE;

  title = case_title (kase);
  print_changes (title, changed);
  return TRUE;
}

static gboolean
case_set_archived (Invocation  *inv,
                   gboolean     archived,
                   GError     **error)
{
  g_autoptr(RedressCase) kase = find_case (inv, inv->args[0], error);
  g_autofree char *title = NULL;

  if (kase == NULL)
    return FALSE;
  title = case_title (kase);
  return set_archived (inv, REDRESS_RECORD (kase), title, archived, error);
}

static gboolean
case_archive (Invocation  *inv,
              GError     **error)
{
  return case_set_archived (inv, TRUE, error);
}

static gboolean
case_unarchive (Invocation  *inv,
                GError     **error)
{
  return case_set_archived (inv, FALSE, error);
}

static gboolean
case_delete (Invocation  *inv,
             GError     **error)
{
  g_autoptr(RedressCase) kase = find_case (inv, inv->args[0], error);
  g_autofree char *title = NULL;

  if (kase == NULL)
    return FALSE;
  title = case_title (kase);
  if (!delete_record (inv, REDRESS_RECORD (kase), error))
    return FALSE;
  g_print (_("%s was deleted permanently.\n"), title);
  return TRUE;
}

/* Firm profile ------------------------------------------------------------- */

static gboolean
firm_set (Invocation  *inv,
          GError     **error)
{
  g_autoptr(RedressFirm) firm = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  if (!any_field_given (inv))
    {
      usage_error (error, _("Nothing to change: give at least one option, such as --name."));
      return FALSE;
    }
  firm = redress_store_get_firm (inv->store, error);
  if (firm == NULL)
    return FALSE;
  if (!apply_field_options (inv, REDRESS_RECORD (firm), changed, error) ||
      !redress_store_update_firm (inv->store, firm, error))
    return FALSE;

  print_changes (_("Firm profile"), changed);
  return TRUE;
}

static gboolean
firm_show (Invocation  *inv,
           GError     **error)
{
  g_autoptr(RedressFirm) firm = redress_store_get_firm (inv->store, error);
  g_autoptr(GPtrArray) pairs = NULL;

  if (firm == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_fields (builder, REDRESS_RECORD (firm));
      json_add_timestamps (builder, REDRESS_RECORD (firm));
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  pairs = g_ptr_array_new_with_free_func (g_free);
  add_field_pairs (pairs, REDRESS_RECORD (firm));
  print_pairs (pairs);
  return TRUE;
}

/* Remedies and deadlines -------------------------------------------------- */

/* The days from today to a deadline, in words */
static char *
days_left_text (int days_left)
{
  if (days_left >= 0)
    return g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", days_left), days_left);
  /* Translators: the days left before a deadline, once it has passed */
  return g_strdup_printf (g_dngettext (NULL, "none: the period ended %d day ago",
                                       "none: the period ended %d days ago", -days_left),
                          -days_left);
}

/* "1 May 2026", or "4 May 2026 (statutory deadline 2 May 2026, moved: a Saturday)" */
static char *
file_by_text (const RedressRemedy *remedy)
{
  g_autofree char *file_by = redress_date_format_long (remedy->file_by);
  g_autofree char *deadline = NULL;
  g_autofree char *why = NULL;
  GDate date;

  if (!remedy->moved)
    return g_steal_pointer (&file_by);

  deadline = redress_date_format_long (remedy->deadline);
  g_date_clear (&date, 1);
  if (redress_date_parse (remedy->deadline, &date, NULL))
    redress_date_is_working_day (&date, &why);
  /* Translators: the day to file by, the last day of the period and why it
   * was not a working day ("a Saturday", "Canada Day") */
  return g_strdup_printf (_("%s (statutory deadline %s, moved: %s)"), file_by, deadline,
                          why ? why : "?");
}

static void
json_add_int_or_null (JsonBuilder *builder,
                      const char  *name,
                      gboolean     is_set,
                      int          value)
{
  json_builder_set_member_name (builder, name);
  if (is_set)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_remedy (JsonBuilder         *builder,
                 const RedressRemedy *remedy)
{
  json_builder_begin_object (builder);
  json_add_string_or_null (builder, "remedy", remedy->code);
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, remedy->available);
  json_add_string_or_null (builder, "deadline", remedy->deadline);
  json_add_string_or_null (builder, "file_by", remedy->file_by);
  json_builder_set_member_name (builder, "moved");
  json_builder_add_boolean_value (builder, remedy->moved);
  json_add_int_or_null (builder, "days_left", remedy->file_by != NULL, remedy->days_left);
  json_add_string_or_null (builder, "not_before", remedy->not_before);
  json_add_string_or_null (builder, "basis", remedy->basis);
  json_add_string_or_null (builder, "source", remedy->source);
  json_builder_end_object (builder);
}

static void
json_add_notes_request (JsonBuilder               *builder,
                        const RedressNotesRequest *request)
{
  json_builder_set_member_name (builder, "notes_request");
  json_builder_begin_object (builder);
  json_add_string_or_null (builder, "requested", request->requested);
  json_add_string_or_null (builder, "due", request->due);
  json_add_string_or_null (builder, "received", request->received);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, request->overdue);
  json_add_int_or_null (builder, "days_left", request->due != NULL && request->received == NULL,
                        request->days_left);
  json_add_string_or_null (builder, "basis", request->basis);
  json_add_string_or_null (builder, "source", request->requested ? request->source : NULL);
  json_builder_end_object (builder);
}

static void
print_remedy (const RedressRemedy *remedy)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  g_print ("\n%s\n", redress_remedy_label (remedy->code));
  add_pair (pairs, _("Status"), g_strdup (remedy->available ? _("Open") : _("Not available")));
  if (remedy->file_by != NULL)
    {
      add_pair (pairs, _("File by"), file_by_text (remedy));
      add_pair (pairs, _("Days left"), days_left_text (remedy->days_left));
    }
  else if (remedy->not_before != NULL)
    add_pair (pairs, _("Not before"), redress_date_format_long (remedy->not_before));
  else if (remedy->available)
    /* Translators: the deadline of a remedy that has none */
    add_pair (pairs, _("Deadline"), g_strdup (_("None")));
  add_pair (pairs, _("Basis"), g_strdup (remedy->basis));
  if (remedy->source != NULL)
    add_pair (pairs, _("Source"), g_strdup (remedy->source));
  print_pairs_indented (pairs, 2, TRUE);
}

static void
print_notes_request (const RedressNotesRequest *request)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *status;

  if (request->requested == NULL)
    status = _("Not requested");
  else if (request->received != NULL)
    status = _("Received");
  else if (request->overdue)
    /* Translators: an officer's notes request past its due date */
    status = _("Overdue (deemed refused)");
  else
    status = _("Awaiting the response");

  g_print ("\n%s\n", redress_remedy_label ("notes-request"));
  add_pair (pairs, _("Status"), g_strdup (status));
  if (request->requested != NULL)
    add_pair (pairs, _("Requested"), redress_date_format_long (request->requested));
  if (request->due != NULL)
    add_pair (pairs, _("Due"), redress_date_format_long (request->due));
  if (request->received != NULL)
    add_pair (pairs, _("Received"), redress_date_format_long (request->received));
  else if (request->due != NULL)
    add_pair (pairs, _("Days left"), days_left_text (request->days_left));
  add_pair (pairs, _("Basis"), g_strdup (request->basis));
  if (request->requested != NULL && request->source != NULL)
    add_pair (pairs, _("Source"), g_strdup (request->source));
  print_pairs_indented (pairs, 2, TRUE);
}

static gboolean
run_remedies (Invocation  *inv,
              GError     **error)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (inv->store, inv->case_id, error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(RedressNotesRequest) request = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  g_autofree char *owner = NULL;
  gboolean confirmed_ground = FALSE;
  gboolean misrepresentation;

  if (kase == NULL)
    return FALSE;
  confirmed_ground = redress_store_case_has_confirmed (inv->store, inv->case_id,
                                                       "misrepresentation");
  misrepresentation = inv->misrepresentation || confirmed_ground;
  remedies = redress_remedies_compute (kase, misrepresentation, &inv->today_date, error);
  if (remedies == NULL)
    return FALSE;
  request = redress_notes_request_compute (kase, &inv->today_date, error);
  if (request == NULL)
    return FALSE;
  today = redress_date_format_iso (&inv->today_date);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, inv->case_id);
      json_add_string_or_null (builder, "today", today);
      json_builder_set_member_name (builder, "misrepresentation");
      json_builder_add_boolean_value (builder, misrepresentation);
      /* Why it is assumed: "ground" (a confirmed ground), "option", or null */
      json_add_string_or_null (builder, "misrepresentation_from",
                               confirmed_ground ? "ground"
                               : inv->misrepresentation ? "option" : NULL);
      json_builder_set_member_name (builder, "remedies");
      json_builder_begin_array (builder);
      for (guint i = 0; i < remedies->len; i++)
        json_add_remedy (builder, g_ptr_array_index (remedies, i));
      json_builder_end_array (builder);
      json_add_notes_request (builder, request);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  client = redress_store_get_client (inv->store, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;
  title = case_title (kase);
  owner = client_title (client);
  g_print ("%s\n%s\n", title, owner);
  {
    g_autofree char *day = redress_date_format_long (today);
    g_autoptr(GString) intro = g_string_new (NULL);
    g_autoptr(GString) out = g_string_new (NULL);

    /* Translators: the day the periods are counted to */
    g_string_append_printf (intro, _("Days left are counted from %s."), day);
    g_string_append_c (intro, ' ');
    if (confirmed_ground)
      g_string_append (intro, _("A misrepresentation finding (A40) is assumed: the case has "
                                "a confirmed misrepresentation ground."));
    else if (inv->misrepresentation)
      g_string_append (intro, _("A misrepresentation finding (A40) is assumed, as "
                                "--misrepresentation asks."));
    else
      g_string_append (intro, _("No misrepresentation finding is assumed: the case has no "
                                "confirmed misrepresentation ground (see "
                                "--misrepresentation)."));
    g_string_append_c (intro, ' ');
    g_string_append (intro, _("These dates are computed from the case facts: verify them "
                              "against the current law before relying on them."));
    append_wrapped (out, intro->str);
    g_print ("%s", out->str);
  }
  for (guint i = 0; i < remedies->len; i++)
    print_remedy (g_ptr_array_index (remedies, i));
  print_notes_request (request);
  return TRUE;
}

static gboolean
run_deadlines (Invocation  *inv,
               GError     **error)
{
  g_autoptr(GPtrArray) deadlines = redress_store_list_deadlines (inv->store, &inv->today_date,
                                                                 inv->within_days, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *today = NULL;
  g_autofree char *day = NULL;

  if (deadlines == NULL)
    return FALSE;
  today = redress_date_format_iso (&inv->today_date);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "today", today);
      json_builder_set_member_name (builder, "within");
      json_builder_add_int_value (builder, inv->within_days);
      json_builder_set_member_name (builder, "deadlines");
      json_builder_begin_array (builder);
      for (guint i = 0; i < deadlines->len; i++)
        {
          RedressDeadline *deadline = g_ptr_array_index (deadlines, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "case");
          json_builder_add_int_value (builder, redress_deadline_get_case_id (deadline));
          json_builder_set_member_name (builder, "client");
          json_builder_add_int_value (builder, redress_deadline_get_client_id (deadline));
          json_add_string_or_null (builder, "client_name",
                                   redress_deadline_get_client_name (deadline));
          json_add_string_or_null (builder, "case_title",
                                   redress_deadline_get_case_title (deadline));
          json_add_string_or_null (builder, "kind", redress_deadline_get_kind (deadline));
          json_add_string_or_null (builder, "label", redress_deadline_get_label (deadline));
          json_add_string_or_null (builder, "due", redress_deadline_get_due (deadline));
          json_add_string_or_null (builder, "statutory", redress_deadline_get_statutory (deadline));
          json_builder_set_member_name (builder, "days_left");
          json_builder_add_int_value (builder, redress_deadline_get_days_left (deadline));
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, redress_deadline_get_overdue (deadline));
          json_add_string_or_null (builder, "basis", redress_deadline_get_basis (deadline));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  day = redress_date_format_long (today);
  if (deadlines->len == 0)
    {
      /* Translators: the day counted from, and how many days ahead */
      g_print (g_dngettext (NULL, "No deadlines as of %s, looking %d day ahead.\n",
                            "No deadlines as of %s, looking %d days ahead.\n", inv->within_days),
               day, inv->within_days);
      return TRUE;
    }

  /* Translators: the day counted from, and how many days ahead */
  g_print (g_dngettext (NULL, "Deadlines as of %s, looking %d day ahead (overdue first):\n",
                        "Deadlines as of %s, looking %d days ahead (overdue first):\n",
                        inv->within_days),
           day, inv->within_days);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < deadlines->len; i++)
    {
      RedressDeadline *deadline = g_ptr_array_index (deadlines, i);
      const char *due = redress_deadline_get_due (deadline);
      const char *statutory = redress_deadline_get_statutory (deadline);
      int days_left = redress_deadline_get_days_left (deadline);
      char **row = g_new0 (char *, 6);

      if (g_strcmp0 (due, statutory) != 0)
        /* Translators: the day to file by, then the statutory last day it was moved from */
        row[0] = g_strdup_printf (_("%s (statutory %s)"), due, statutory);
      else
        row[0] = g_strdup (due);
      if (redress_deadline_get_overdue (deadline))
        /* Translators: days left, negative, in the list of deadlines */
        row[1] = g_strdup_printf (_("%d (overdue)"), days_left);
      else
        row[1] = g_strdup_printf ("%d", days_left);
      row[2] = g_strdup (redress_deadline_get_client_name (deadline));
      row[3] = g_strdup_printf ("%" G_GINT64_FORMAT " %s", redress_deadline_get_case_id (deadline),
                                redress_deadline_get_case_title (deadline));
      row[4] = g_strdup (redress_deadline_get_label (deadline));
      g_ptr_array_add (rows, row);
    }

  {
    const char *headers[] = { _("File by"), _("Days left"), _("Client"), _("Case"), _("What") };
    print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

/* Documents --------------------------------------------------------------- */

/* "refusal-letter, officer-notes, ..." */
static char *
document_kinds_list (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < REDRESS_DOCUMENT_N_KINDS; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, redress_document_kind_to_string ((RedressDocumentKind) i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A password: wiped before it is freed */
typedef char Password;

static void
password_free (Password *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Password, password_free)

/* Refuses a password longer than the PDF reader takes, before it sees it */
static gboolean
check_password_length (const char  *option,
                       const char  *password,
                       GError     **error)
{
  gsize length = password != NULL ? strlen (password) : 0;

  if (length <= REDRESS_PDF_MAX_PASSWORD_BYTES)
    return TRUE;
  usage_error (error, _("%s: this password is %u bytes long; a PDF password has at most %d "
                        "bytes (an accented letter takes 2)."),
               option, (guint) MIN (length, G_MAXUINT), REDRESS_PDF_MAX_PASSWORD_BYTES);
  return FALSE;
}

/* The terminal's settings while a password is typed without echo, for
 * the signal handler that puts them back */
static struct termios terminal_saved;
static const int password_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
on_password_interrupted (int signum)
{
  /* Async-signal-safe: echo back on, then die of the signal as usual */
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &terminal_saved);
  signal (signum, SIG_DFL);
  raise (signum);
}

/*
 * --password -: one line of standard input, without its line end, so that
 * the password never shows in the list of processes.  On a terminal it is
 * asked for without echo (put back whatever happens).  Reading stops after
 * MAX_PASSWORD bytes without a line end, so that an endless stream cannot
 * hang the command; a NUL byte is refused rather than cutting the password.
 */
static Password *
read_password (GError **error)
{
  g_autoptr(Password) password = g_malloc0 (MAX_PASSWORD + 2);
  struct sigaction previous[G_N_ELEMENTS (password_signals)];
  gboolean terminal = FALSE;
  gboolean has_nul = FALSE;
  gboolean line_ended = FALSE;
  gsize length = 0;
  int saved_errno = 0;

  if (isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &terminal_saved) == 0)
    {
      struct termios quiet = terminal_saved;
      struct sigaction action = { 0 };

      action.sa_handler = on_password_interrupted;
      sigemptyset (&action.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (password_signals); i++)
        sigaction (password_signals[i], &action, &previous[i]);

      quiet.c_lflag &= ~(tcflag_t) ECHO;
      g_printerr ("%s", _("Password: "));
      terminal = TRUE;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while (length <= MAX_PASSWORD)
    {
      char c;
      gssize n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        saved_errno = errno;
      if (n <= 0)
        break;
      if (c == '\n')
        {
          line_ended = TRUE;
          break;
        }
      if (c == '\0')
        {
          has_nul = TRUE;
          break;
        }
      password[length++] = c;
    }

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &terminal_saved);
      for (guint i = 0; i < G_N_ELEMENTS (password_signals); i++)
        sigaction (password_signals[i], &previous[i], NULL);
      g_printerr ("\n");
    }

  if (saved_errno != 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The password cannot be read from standard input: %s."),
                   g_strerror (saved_errno));
      return NULL;
    }
  if (has_nul)
    {
      usage_error (error, _("--password -: the password read from standard input contains a "
                            "NUL byte, which a password cannot hold."));
      return NULL;
    }
  if (length > MAX_PASSWORD || (length == MAX_PASSWORD && !line_ended))
    {
      usage_error (error, _("--password -: no line end in the first %d bytes of standard "
                            "input; reading stopped there, as a PDF password has at most %d "
                            "bytes."), MAX_PASSWORD, REDRESS_PDF_MAX_PASSWORD_BYTES);
      return NULL;
    }
  if (length > 0 && password[length - 1] == '\r')
    password[--length] = '\0';
  if (length == 0)
    {
      usage_error (error, _("--password -: no password was read from standard input."));
      return NULL;
    }
  if (!check_password_length ("--password -", password, error))
    return NULL;
  return g_steal_pointer (&password);
}

/* An import as the command line runs it: in the default main context, so
 * that Ctrl+C (a Unix signal source there) can cancel it */
typedef struct
{
  GCancellable *cancellable;
  guint sigint_id;
  guint sigterm_id;
  gboolean show_progress;
  guint progress_width;     /* characters of the progress line on screen */
  gboolean done;
  gint64 document_id;
  GError *error;
} ImportRun;

static void
import_run_clear_signals (ImportRun *run)
{
  g_clear_handle_id (&run->sigint_id, g_source_remove);
  g_clear_handle_id (&run->sigterm_id, g_source_remove);
}

static gboolean
on_import_interrupted (gpointer user_data)
{
  ImportRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  /* Back to the default action: a second Ctrl+C ends the program at once
   * (the database is left as it was: the import writes in one
   * transaction) */
  import_run_clear_signals (run);
  return G_SOURCE_REMOVE;
}

static void
import_run_clear_progress (ImportRun *run)
{
  if (run->progress_width > 0)
    {
      g_autofree char *blank = g_strdup_printf ("\r%*s\r", (int) run->progress_width, "");

      write_text (stderr, blank, FALSE);
    }
  run->progress_width = 0;
}

/* One line of progress on a terminal, over the one before */
static void
show_import_progress (ImportRun  *run,
                      const char *line)
{
  g_autofree char *shown = NULL;
  guint width = (guint) g_utf8_strlen (line, -1);

  shown = g_strdup_printf ("\r%s%*s", line,
                           (int) (run->progress_width > width ? run->progress_width - width : 0), "");
  /* Not through g_printerr(), which would not let "\r" go back */
  write_text (stderr, shown, FALSE);
  run->progress_width = MAX (run->progress_width, width);
}

static void
on_import_progress (guint    pages_done,
                    guint    n_pages,
                    gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0 || g_cancellable_is_cancelled (run->cancellable))
    return;

  /* Translators: progress of an import on a terminal */
  line = g_strdup_printf (_("Reading page %u of %u…"), pages_done, n_pages);
  show_import_progress (run, line);
}

/* "Reading scanned page 2 of 3" while OCR reads it */
static void
on_import_ocr_progress (guint    page_no,
                        guint    n_pages,
                        gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0 || g_cancellable_is_cancelled (run->cancellable))
    return;
  line = redress_pdf_describe_ocr_progress (page_no, n_pages);
  show_import_progress (run, line);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportRun *run = user_data;

  redress_store_import_document_finish (REDRESS_STORE (source), result, &run->document_id,
                                        &run->error);
  run->done = TRUE;
}

/* The core's reason, in one line that says what to do about it */
static void
explain_import_error (GError     **error,
                      const char  *path,
                      gboolean     password_given,
                      gboolean     reading)
{
  g_autofree char *name = g_filename_display_basename (path);
  GError *e = *error;

  if (e->domain != REDRESS_PDF_ERROR)
    return;

  if (e->code == REDRESS_PDF_ERROR_NEEDS_PASSWORD && !password_given)
    {
      g_autofree char *message = e->message;

      e->message = g_strdup_printf (_("%s Give it with --password PASSWORD, or use "
                                      "--password - to type it or pipe it in on standard "
                                      "input."), message);
    }
  else if (e->code == REDRESS_PDF_ERROR_WRONG_PASSWORD)
    {
      g_autofree char *message = e->message;

      e->message = g_strdup_printf (_("%s Check it (upper and lower case count) and try "
                                      "again."), message);
    }
  if (reading)
    /* Translators: before the reason a PDF could not be read: "Cannot read
     * “letter.pdf”: This file is not a PDF." */
    g_prefix_error (error, _("Cannot read “%s”: "), name);
  else
    /* Translators: before the reason a PDF was refused: "Cannot import
     * “notes.pdf”: This file is not a PDF." */
    g_prefix_error (error, _("Cannot import “%s”: "), name);
}

static gboolean
run_import (Invocation  *inv,
            GError     **error)
{
  const char *path = inv->args[0];
  g_autoptr(Password) password = NULL;
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *text_status = NULL;
  ImportRun run = { 0 };

  kase = redress_store_get_case (inv->store, inv->case_id, error);
  if (kase == NULL)
    return FALSE;

  if (g_strcmp0 (inv->password, "-") == 0)
    {
      password = read_password (error);
      if (password == NULL)
        return FALSE;
    }
  else if (inv->password != NULL && *inv->password != '\0')
    {
      if (!check_password_length ("--password", inv->password, error))
        return FALSE;
      password = g_strdup (inv->password);
    }

  run.cancellable = cancellable;
  run.show_progress = isatty (STDERR_FILENO);
  run.sigint_id = g_unix_signal_add (SIGINT, on_import_interrupted, &run);
  run.sigterm_id = g_unix_signal_add (SIGTERM, on_import_interrupted, &run);

  redress_store_import_document_full_async (inv->store, inv->case_id, inv->document_kind, path,
                                            password,
                                            inv->no_ocr ? NULL : redress_pdf_get_default_ocr_language (),
                                            on_import_progress, on_import_ocr_progress, &run,
                                            NULL, cancellable, on_imported, &run);
  g_clear_pointer (&password, password_free);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  /* Ctrl+C on a terminal reaches the PDF reader too, which may be seen
   * dying before the signal is seen here: let it be seen */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  import_run_clear_signals (&run);
  import_run_clear_progress (&run);

  if (run.error != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&run.error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The import was cancelled: nothing was stored."));
          return FALSE;
        }
      explain_import_error (&run.error, path, inv->password != NULL, FALSE);
      g_propagate_error (error, run.error);
      return FALSE;
    }

  document = redress_store_get_document (inv->store, run.document_id, error);
  if (document == NULL)
    return FALSE;

  title = case_title (kase);
  name = g_filename_display_basename (path);
  pages = g_strdup_printf (g_dngettext (NULL, "%u page", "%u pages",
                                        redress_document_get_n_pages (document)),
                           redress_document_get_n_pages (document));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, run.document_id);
  /* Translators: "Imported “notes.pdf” as document 4 of Case 3 (Study
   * permit refused 2 March 2026): Officer’s notes, 12 pages." */
  g_print (_("Imported “%s” as document %s of %s: %s, %s.\n"), name, id_text, title,
           redress_document_kind_get_label (inv->document_kind), pages);
  text_status = redress_document_dup_text_status (document);
  if (text_status != NULL)
    g_print ("%s\n", text_status);
  g_print ("%" G_GINT64_FORMAT "\n", run.document_id);
  return TRUE;
}

/* "Yes", "No (scanned)", "2 of 3 pages" */
static char *
document_text_summary (RedressDocument *document)
{
  guint n_pages = redress_document_get_n_pages (document);
  guint without = redress_document_get_pages_without_text (document);

  if (without == 0)
    return g_strdup (_("Yes"));
  if (without >= n_pages)
    /* Translators: a document whose pages are all scanned images */
    return g_strdup (_("No (scanned)"));
  /* Translators: the pages of a document whose text could be read */
  return g_strdup_printf (_("%u of %u pages"), n_pages - without, n_pages);
}

static gboolean
run_documents (Invocation  *inv,
               GError     **error)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (inv->store, inv->case_id, error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (kase == NULL)
    return FALSE;
  documents = redress_store_list_documents (inv->store, inv->case_id, error);
  if (documents == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, inv->case_id);
      json_builder_set_member_name (builder, "documents");
      json_builder_begin_array (builder);
      for (guint i = 0; i < documents->len; i++)
        {
          RedressDocument *document = g_ptr_array_index (documents, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, redress_document_get_id (document));
          json_add_string_or_null (builder, "kind",
                                   redress_document_kind_to_string (redress_document_get_kind (document)));
          json_add_string_or_null (builder, "file_name", redress_document_get_file_name (document));
          json_builder_set_member_name (builder, "pages");
          json_builder_add_int_value (builder, redress_document_get_n_pages (document));
          json_builder_set_member_name (builder, "has_text");
          json_builder_add_boolean_value (builder, redress_document_get_has_text (document));
          json_builder_set_member_name (builder, "pages_without_text");
          json_builder_add_int_value (builder, redress_document_get_pages_without_text (document));
          json_add_string_or_null (builder, "sha256", redress_document_get_sha256 (document));
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, (gint64) redress_document_get_size (document));
          json_add_string_or_null (builder, "created_at",
                                   redress_document_get_created_at (document));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  title = case_title (kase);
  if (documents->len == 0)
    {
      /* Translators: "Case 3 (Study permit refused 2 March 2026) has no documents." */
      g_print (_("%s has no documents.\n"), title);
      return TRUE;
    }

  g_print ("%s\n", title);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < documents->len; i++)
    {
      RedressDocument *document = g_ptr_array_index (documents, i);
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_document_get_id (document));
      row[1] = g_strdup (redress_document_kind_get_label (redress_document_get_kind (document)));
      row[2] = g_strdup_printf ("%u", redress_document_get_n_pages (document));
      row[3] = g_format_size (redress_document_get_size (document));
      row[4] = document_text_summary (document);
      row[5] = g_strdup (redress_document_get_file_name (document));
      g_ptr_array_add (rows, row);
    }

  {
    /* Translators: "Text" is whether the text of the pages could be read */
    const char *headers[] = { _("Id"), _("Kind"), _("Pages"), _("Size"), _("Text"), _("File") };
    print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

/*
 * A search hit's snippet on one line: the match markers become @open and
 * @close, control characters and runs of white space (the page's line
 * ends) one space.  @matches (nullable) receives each match's start and
 * end (exclusive), in characters of the result, as pairs of guint.
 */
static char *
snippet_one_line (const char *snippet,
                  const char *open,
                  const char *close,
                  GArray     *matches)
{
  g_autofree char *valid = g_utf8_make_valid (snippet, -1);
  GString *out = g_string_new (NULL);
  guint n_chars = 0;
  guint start = 0;
  gboolean in_match = FALSE;
  gboolean space = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == (gunichar) REDRESS_SNIPPET_END[0])
        {
          if (in_match)
            {
              guint end = n_chars;

              if (matches != NULL)
                {
                  g_array_append_val (matches, start);
                  g_array_append_val (matches, end);
                }
              g_string_append (out, close);
              n_chars += (guint) g_utf8_strlen (close, -1);
              in_match = FALSE;
            }
          continue;
        }
      if (c != (gunichar) REDRESS_SNIPPET_START[0] &&
          (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
           g_unichar_type (c) == G_UNICODE_FORMAT))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      if (c == (gunichar) REDRESS_SNIPPET_START[0])
        {
          if (!in_match)
            {
              g_string_append (out, open);
              n_chars += (guint) g_utf8_strlen (open, -1);
              start = n_chars;
              in_match = TRUE;
            }
          continue;
        }
      g_string_append_unichar (out, c);
      n_chars++;
    }
  if (in_match)
    {
      if (matches != NULL)
        {
          g_array_append_val (matches, start);
          g_array_append_val (matches, n_chars);
        }
      g_string_append (out, close);
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_search (Invocation  *inv,
            GError     **error)
{
  const char *query = inv->args[0];
  g_autofree char *fts = redress_search_query_to_fts (query);
  g_autoptr(GPtrArray) hits = NULL;

  if (fts == NULL)
    {
      g_autofree char *shown = echo_value (query);

      usage_error (error, _("“%s” holds no word to search for."), shown);
      return FALSE;
    }
  hits = redress_store_search_pages (inv->store, query, inv->limit_value, error);
  if (hits == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "query", query);
      json_builder_set_member_name (builder, "hits");
      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          RedressSearchHit *hit = g_ptr_array_index (hits, i);
          g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autofree char *snippet = snippet_one_line (redress_search_hit_get_snippet (hit),
                                                       "", "", matches);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "case");
          json_builder_add_int_value (builder, redress_search_hit_get_case_id (hit));
          json_add_string_or_null (builder, "case_title", redress_search_hit_get_case_title (hit));
          json_builder_set_member_name (builder, "client");
          json_builder_add_int_value (builder, redress_search_hit_get_client_id (hit));
          json_add_string_or_null (builder, "client_name",
                                   redress_search_hit_get_client_name (hit));
          json_builder_set_member_name (builder, "document");
          json_builder_add_int_value (builder, redress_search_hit_get_document_id (hit));
          json_add_string_or_null (builder, "file_name", redress_search_hit_get_file_name (hit));
          json_add_string_or_null (builder, "kind",
                                   redress_document_kind_to_string (redress_search_hit_get_kind (hit)));
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, redress_search_hit_get_page (hit));
          json_add_string_or_null (builder, "snippet", snippet);
          /* Where the words found are in "snippet", in characters */
          json_builder_set_member_name (builder, "match");
          json_builder_begin_array (builder);
          for (guint m = 0; m + 1 < matches->len; m += 2)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "start");
              json_builder_add_int_value (builder, g_array_index (matches, guint, m));
              json_builder_set_member_name (builder, "end");
              json_builder_add_int_value (builder, g_array_index (matches, guint, m + 1));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  if (hits->len == 0)
    {
      g_autofree char *shown = echo_value (query);

      g_print (_("No page matches “%s”.\n"), shown);
      return TRUE;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);
      /* Translators: the marks around the words found in a search result */
      g_autofree char *snippet = snippet_one_line (redress_search_hit_get_snippet (hit),
                                                   _("«"), _("»"), NULL);
      g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  redress_search_hit_get_case_id (hit));
      g_autofree char *document_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      redress_search_hit_get_document_id (hit));
      g_autoptr(GString) out = g_string_new (NULL);

      if (i > 0)
        g_print ("\n");
      /* Translators: a search result: client name, case id and title, file
       * name, document id, page: "Okafor, Chidinma — case 3 (Study permit
       * refused 2 March 2026) — notes.pdf (document 5), page 2" */
      g_print (_("%s — case %s (%s) — %s (document %s), page %u\n"),
               redress_search_hit_get_client_name (hit), case_id,
               redress_search_hit_get_case_title (hit), redress_search_hit_get_file_name (hit),
               document_id, redress_search_hit_get_page (hit));
      append_wrapped_width (out, snippet, 76);
      {
        g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);

        for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
          g_print ("  %s\n", lines[l]);
      }
    }
  return TRUE;
}

static gboolean
document_export (Invocation  *inv,
                 GError     **error)
{
  const char *destination = inv->args[1];
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *name = NULL;
  gint64 id = 0;

  if (!parse_id_listed (inv->args[0], id_listed_by ("document"), &id, error))
    return FALSE;
  document = redress_store_get_document (inv->store, id, error);
  if (document == NULL)
    return FALSE;

  /* "-": the bytes on standard output, for a pipe */
  if (g_str_equal (destination, "-"))
    {
      g_autoptr(GBytes) bytes = redress_store_dup_document_bytes (inv->store, id, error);
      gsize size = 0;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                       _("The document cannot be written to standard output: %s."),
                       g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (!redress_store_export_document (inv->store, id, destination, error))
    return FALSE;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  name = g_filename_display_name (destination);
  /* Translators: "Saved document 5 (notes.pdf) as “copy.pdf”." */
  g_print (_("Saved document %s (%s) as “%s”.\n"), id_text,
           redress_document_get_file_name (document), name);
  return TRUE;
}

/* "Reading scanned page 2 of 3" on a terminal */
static void
on_read_again_progress (guint    page_no,
                        guint    n_pages,
                        gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0)
    return;
  line = redress_pdf_describe_ocr_progress (page_no, n_pages);
  show_import_progress (run, line);
}

static gboolean
document_ocr (Invocation  *inv,
              GError     **error)
{
  const char *language = inv->language ? inv->language : redress_pdf_get_default_ocr_language ();
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(Password) password = NULL;
  g_autofree char *id_text = NULL;
  ImportRun run = { 0 };
  guint n_read = 0;
  gint64 id = 0;
  gboolean ok;

  if (!parse_id_listed (inv->args[0], id_listed_by ("document"), &id, error))
    return FALSE;
  if (!redress_pdf_ocr_language_valid (language))
    {
      g_autofree char *shown = echo_value (language);

      usage_error (error, _("--language: scanned pages are read in eng (English), fra (French) "
                            "or eng+fra (both), not “%s”."), shown);
      return FALSE;
    }
  document = redress_store_get_document (inv->store, id, error);
  if (document == NULL)
    return FALSE;
  if (g_strcmp0 (inv->password, "-") == 0)
    {
      password = read_password (error);
      if (password == NULL)
        return FALSE;
    }
  else if (inv->password != NULL && *inv->password != '\0')
    {
      if (!check_password_length ("--password", inv->password, error))
        return FALSE;
      password = g_strdup (inv->password);
    }

  run.show_progress = isatty (STDERR_FILENO);
  ok = redress_store_read_document_again (inv->store, id, password, language,
                                          on_read_again_progress, &run, NULL, &n_read, error);
  import_run_clear_progress (&run);
  if (!ok)
    {
      if (error != NULL && *error != NULL)
        explain_import_error (error, redress_document_get_file_name (document),
                              inv->password != NULL, TRUE);
      return FALSE;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (n_read == 0)
    /* Translators: "Document 5 (notes.pdf) has no scanned page: its text was not read
     * again." */
    g_print (_("Document %s (%s) has no scanned page: nothing was read again.\n"), id_text,
             redress_document_get_file_name (document));
  else
    /* Translators: "Read 3 scanned pages of document 5 (notes.pdf) again, in eng+fra." */
    g_print (g_dngettext (NULL, "Read %u scanned page of document %s (%s) again, in %s.\n",
                          "Read %u scanned pages of document %s (%s) again, in %s.\n", n_read),
             n_read, id_text, redress_document_get_file_name (document), language);
  return TRUE;
}

static gboolean
document_remove (Invocation  *inv,
                 GError     **error)
{
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = 0;

  if (!parse_id_listed (inv->args[0], id_listed_by ("document"), &id, error))
    return FALSE;
  document = redress_store_get_document (inv->store, id, error);
  if (document == NULL)
    return FALSE;

  /* Trash then purge, in one transaction: the CLI has no Undo */
  if (!redress_store_begin (inv->store, error))
    return FALSE;
  if (!redress_store_trash_document (inv->store, id, error) ||
      !redress_store_purge_document (inv->store, id, error))
    {
      redress_store_rollback (inv->store);
      return FALSE;
    }
  if (!redress_store_commit (inv->store, error))
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: "Document 5 (notes.pdf) was removed permanently." */
  g_print (_("Document %s (%s) was removed permanently.\n"), id_text,
           redress_document_get_file_name (document));
  return TRUE;
}

/* Database ---------------------------------------------------------------- */

static gboolean
run_check (Invocation  *inv,
           GError     **error)
{
  if (!redress_store_check (inv->store, error))
    return FALSE;
  /* Translators: the output of "redress-cli check" when all is well */
  g_print (_("ok (schema %d)\n"), redress_store_get_version (inv->store));
  return TRUE;
}

static gboolean
run_backup (Invocation  *inv,
            GError     **error)
{
  if (!redress_store_backup (inv->store, inv->args[0], error))
    return FALSE;
  g_print (_("Backup written to “%s”.\n"), inv->args[0]);
  return TRUE;
}

static gboolean
run_restore (Invocation  *inv,
             GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *previous = NULL;
  const char *database = inv->database;

  if (database == NULL)
    {
      g_autofree char *dir = NULL;

      default_path = redress_store_default_path ();
      database = default_path;
      dir = g_path_get_dirname (database);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                       _("The folder “%s” cannot be created: %s."), dir,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (!redress_store_restore (database, inv->args[0], &previous, error))
    {
      /* The copy was made before the step that failed: it must not go unseen */
      if (previous != NULL && error != NULL && *error != NULL)
        {
          /* Translators: the reason the restore failed, then where the copy is */
          char *message = g_strdup_printf (_("%s A copy of the database as it was before the "
                                             "restore was kept as “%s”."),
                                           (*error)->message, previous);

          g_free ((*error)->message);
          (*error)->message = message;
        }
      return FALSE;
    }

  g_print (_("Restored “%s” from the backup “%s”.\n"), database, inv->args[0]);
  if (previous != NULL)
    g_print (_("The database it replaced was kept as “%s”.\n"), previous);
  return TRUE;
}

static gboolean
run_demo (Invocation  *inv,
          GError     **error)
{
  guint n_clients = 0;

  if (!redress_demo_populate (inv->store, &n_clients, error))
    return FALSE;
  g_print (g_dngettext (NULL, "Added %u fictional client file, for trying Redress.\n",
                        "Added %u fictional client files, for trying Redress.\n", n_clients),
           n_clients);
  return TRUE;
}

/* The commands -------------------------------------------------------------- */

/* Refusal grounds ------------------------------------------------------------ */

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
static char *
ground_title (const char *code)
{
  const char *label = redress_ground_get_label (code);

  if (label == NULL)
    return g_strdup (code);
  /* Translators: a ground's label, then its code */
  return g_strdup_printf (_("%s (%s)"), label, code);
}

static gboolean
run_detect (Invocation  *inv,
            GError     **error)
{
  const char *path = inv->args[0];
  g_autoptr(Password) password = NULL;
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *language = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  RedressTextKind read_as = REDRESS_TEXT_AUTO;
  GError *local_error = NULL;

  if (g_strcmp0 (inv->password, "-") == 0)
    {
      password = read_password (error);
      if (password == NULL)
        return FALSE;
    }
  else if (inv->password != NULL && *inv->password != '\0')
    password = g_strdup (inv->password);

  extraction = redress_pdf_extract (path, password, NULL, NULL, NULL, NULL, &local_error);
  g_clear_pointer (&password, password_free);
  if (extraction == NULL)
    {
      explain_import_error (&local_error, path, inv->password != NULL, TRUE);
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
                                       extraction->pages->len, NULL, inv->text_kind, &language,
                                       &read_as);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "language", language);
      json_add_string_or_null (builder, "kind", redress_text_kind_to_string (read_as));
      json_builder_set_member_name (builder, "grounds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          RedressGroundHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          json_add_string_or_null (builder, "code", hit->code);
          json_add_string_or_null (builder, "label", redress_ground_get_label (hit->code));
          json_add_string_or_null (builder, "provision", hit->provision);
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, hit->page);
          json_add_string_or_null (builder, "quote", hit->quote);
          json_add_string_or_null (builder, "source", redress_text_kind_to_string (hit->source));
          if (hit->entry_date != NULL)
            json_add_string_or_null (builder, "entry_date", hit->entry_date);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
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
      g_autofree char *title = ground_title (hit->code);

      g_print ("\n%s\n", title);
      add_pair (pairs, _("Provision"), g_strdup (hit->provision ? hit->provision : "—"));
      add_pair (pairs, _("Page"), g_strdup_printf ("%u", hit->page));
      add_pair (pairs, _("Source"), g_strdup (hit->source == REDRESS_TEXT_NOTES
                                              ? _("The officer’s notes")
                                              : _("The letter")));
      if (hit->entry_date != NULL)
        add_pair (pairs, _("Entry of"), g_strdup (hit->entry_date));
      add_pair (pairs, _("Quote"), g_strdup_printf (_("“%s”"), hit->quote));
      print_pairs_indented (pairs, 2, TRUE);
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
          g_autofree char *shown = echo_value (code);

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

      usage_error (error, _("--%s: give one or more codes, separated by commas (%s)."),
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
  json_add_string_or_null (builder, "code", code);
  json_add_string_or_null (builder, "label", redress_case_ground_get_label (ground));
  json_add_string_or_null (builder, "state",
                           redress_ground_state_to_string (redress_case_ground_get_state (ground)));
  json_add_string_or_null (builder, "origin",
                           ground_origin_to_string (redress_case_ground_get_origin (ground)));
  json_add_string_or_null (builder, "provision", redress_case_ground_get_provision (ground));
  json_add_string_or_null (builder, "quote", redress_case_ground_get_quote (ground));
  json_add_id_or_null (builder, "document", redress_case_ground_get_document_id (ground));
  json_add_id_or_null (builder, "page", redress_case_ground_get_page (ground));
  /* The quote was read by OCR from a scanned page: check it against the page */
  json_builder_set_member_name (builder, "ocr");
  json_builder_add_boolean_value (builder,
                                  redress_case_ground_get_quote (ground) != NULL &&
                                  redress_store_page_is_ocr (store,
                                                             redress_case_ground_get_document_id (ground),
                                                             redress_case_ground_get_page (ground)));
  json_add_string_or_null (builder, "source", redress_case_ground_get_source (ground));
  json_add_string_or_null (builder, "entry_date", redress_case_ground_get_entry_date (ground));
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
      json_add_id_or_null (builder, "document", redress_evidence_get_document_id (item));
      json_add_string_or_null (builder, "file_name", redress_evidence_get_file_name (item));
      json_add_id_or_null (builder, "page", redress_evidence_get_page (item));
      json_add_string_or_null (builder, "quote", redress_evidence_get_quote (item));
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
print_case_grounds (Invocation *inv,
                    GPtrArray  *grounds)
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
          title = ground_title (redress_case_ground_get_code (ground));
          g_print ("  %s\n", title);
          add_pair (pairs, _("Origin"), ground_origin_words (ground));
          if (provision != NULL)
            add_pair (pairs, _("Provision"), g_strdup (provision));
          if (quote != NULL)
            {
              add_pair (pairs, _("Quote"), g_strdup_printf (_("“%s”"), quote));
              add_pair (pairs, _("In"),
                        ground_place (inv->store, redress_case_ground_get_document_id (ground),
                                      NULL, redress_case_ground_get_page (ground)));
            }
          for (guint e = 0; evidence != NULL && e < evidence->len; e++)
            {
              RedressEvidence *item = g_ptr_array_index (evidence, e);
              g_autofree char *place =
                ground_place (inv->store, redress_evidence_get_document_id (item),
                              redress_evidence_get_file_name (item),
                              redress_evidence_get_page (item));

              g_autofree char *id_text =
                g_strdup_printf ("%" G_GINT64_FORMAT, redress_evidence_get_id (item));

              /* Translators: a passage linked to a ground: its id, where it
               * is, then the passage */
              add_pair (pairs, _("Evidence"),
                        g_strdup_printf (_("%s — %s: “%s”"), id_text, place,
                                         redress_evidence_get_quote (item)));
            }
          print_pairs_indented (pairs, 4, TRUE);
        }
    }
}

typedef gboolean (*GroundChangeFunc) (RedressStore  *self,
                                      gint64         case_id,
                                      const char    *code,
                                      GError       **error);

static gboolean
run_grounds (Invocation  *inv,
             GError     **error)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (inv->store, inv->case_id, error);
  g_autoptr(GPtrArray) grounds = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *title = NULL;
  const char *option = NULL;
  const char *text = NULL;
  GroundChangeFunc change = NULL;
  guint n_changes = (inv->confirm != NULL) + (inv->dismiss != NULL) + (inv->add != NULL);

  if (n_changes > 1)
    {
      usage_error (error, _("Give one of --confirm, --dismiss and --add at a time."));
      return FALSE;
    }
  if (kase == NULL)
    return FALSE;

  if (inv->confirm != NULL)
    {
      option = "confirm";
      text = inv->confirm;
      change = redress_store_confirm_ground;
    }
  else if (inv->dismiss != NULL)
    {
      option = "dismiss";
      text = inv->dismiss;
      change = redress_store_dismiss_ground;
    }
  else if (inv->add != NULL)
    {
      option = "add";
      text = inv->add;
      change = redress_store_add_ground;
    }

  if (change != NULL)
    {
      codes = parse_ground_codes (option, text, error);
      if (codes == NULL)
        return FALSE;
      /* All the changes asked for, or none */
      if (!redress_store_begin (inv->store, error))
        return FALSE;
      for (guint i = 0; codes[i] != NULL; i++)
        if (!change (inv->store, inv->case_id, codes[i], error))
          {
            redress_store_rollback (inv->store);
            return FALSE;
          }
      if (!redress_store_commit (inv->store, error))
        return FALSE;
    }

  grounds = redress_store_list_grounds (inv->store, inv->case_id, error);
  if (grounds == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, inv->case_id);
      json_builder_set_member_name (builder, "grounds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < grounds->len; i++)
        json_add_case_ground (builder, inv->store, g_ptr_array_index (grounds, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *ground = ground_title (codes[i]);

      if (change == redress_store_confirm_ground)
        /* Translators: "Confirmed Family ties (family-ties)." */
        g_print (_("Confirmed %s.\n"), ground);
      else if (change == redress_store_dismiss_ground)
        g_print (_("Dismissed %s.\n"), ground);
      else
        /* Translators: a ground added by hand, confirmed */
        g_print (_("Added %s, confirmed.\n"), ground);
    }

  title = case_title (kase);
  if (grounds->len == 0)
    {
      /* Translators: "Case 3 (...) has no refusal grounds yet." */
      g_print (_("%s has no refusal grounds yet: import the refusal letter, or add them with "
                 "--add CODE.\n"), title);
      return TRUE;
    }
  g_print ("%s\n", title);
  print_case_grounds (inv, grounds);
  return TRUE;
}

/* Checklist and reports ----------------------------------------------------- */

/* Joins @words with ", " */
static char *
join_words (const char * const *words)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "restoration, new-application, ..." */
static char *
checklist_paths_list (void)
{
  return join_words (redress_checklist_get_paths ());
}

/* "en, fr" */
static char *
languages_list (void)
{
  return join_words (redress_catalog_get_languages ());
}

static gboolean
is_document_language (const char *language)
{
  return g_strv_contains (redress_catalog_get_languages (), language);
}

/* "to-request, requested, received, not-applicable" */
static char *
item_states_list (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < REDRESS_ITEM_N_STATES; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, redress_item_state_to_string ((RedressItemState) i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Restoration of status" */
static const char *
checklist_path_label (const char *path)
{
  const char *label = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_PATH),
                                                  path);

  return label != NULL ? label : path;
}

/* The path whose checklist is wanted: --path, or the case's; a case whose
 * path is not chosen yet has none */
static const char *
checklist_path (Invocation   *inv,
                RedressCase  *kase,
                GError      **error)
{
  const char *path = inv->path;

  if (path == NULL)
    path = redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH);
  if (path == NULL || !redress_checklist_has_path (path))
    {
      g_autofree char *title = case_title (kase);
      g_autofree char *paths = checklist_paths_list ();
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, inv->case_id);

      /* Translators: the case, the command that chooses its path, the
       * codes of the paths */
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("%s has no path chosen yet, so it has no checklist: choose one with "
                     "“%s case set %s --path CODE”, or give --path CODE (%s)."),
                   title, PROGRAM, id, paths);
      return NULL;
    }
  return path;
}

/* Applies --state, --due and --note to the item --item, in one step */
static gboolean
change_checklist_item (Invocation            *inv,
                       RedressChecklistItem **changed,
                       GError               **error)
{
  g_autoptr(RedressChecklistItem) item = NULL;
  const char *due;
  const char *note;

  item = redress_store_get_checklist_item (inv->store, inv->item_id, error);
  if (item == NULL)
    return FALSE;
  if (redress_checklist_item_get_case_id (item) != inv->case_id)
    {
      g_autofree char *item_text = g_strdup_printf ("%" G_GINT64_FORMAT, inv->item_id);
      g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, inv->case_id);

      /* Translators: the item's id, the case's id, the command that lists the items */
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("Item %s is not on the checklist of case %s: its items are listed by "
                     "“%s checklist --case %s”."),
                   item_text, case_text, PROGRAM, case_text);
      return FALSE;
    }

  /* What is not given stays as it is; the wording too */
  due = inv->due != NULL ? inv->due : redress_checklist_item_get_due (item);
  note = inv->note != NULL ? inv->note : redress_checklist_item_get_note (item);

  if (!redress_store_begin (inv->store, error))
    return FALSE;
  if ((inv->state != NULL &&
       !redress_store_set_checklist_item_state (inv->store, inv->item_id, inv->item_state, error)) ||
      ((inv->due != NULL || inv->note != NULL) &&
       !redress_store_edit_checklist_item (inv->store, inv->item_id,
                                           redress_checklist_item_get_custom_text (item),
                                           due, note, error)))
    {
      redress_store_rollback (inv->store);
      return FALSE;
    }
  if (!redress_store_commit (inv->store, error))
    return FALSE;

  *changed = redress_store_get_checklist_item (inv->store, inv->item_id, error);
  return *changed != NULL;
}

static const char *
checklist_item_text (RedressChecklistItem *item,
                     RedressCatalog       *catalog)
{
  if (catalog != NULL)
    return redress_checklist_item_get_text_in (item, catalog);
  return redress_checklist_item_get_text (item);
}

static void
json_add_checklist_item (JsonBuilder          *builder,
                         RedressChecklistItem *item,
                         RedressCatalog       *catalog)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_checklist_item_get_id (item));
  json_add_string_or_null (builder, "ground", redress_checklist_item_get_code (item));
  json_add_string_or_null (builder, "template", redress_checklist_item_get_template (item));
  json_add_string_or_null (builder, "text", checklist_item_text (item, catalog));
  json_add_string_or_null (builder, "state",
                           redress_item_state_to_string (redress_checklist_item_get_state (item)));
  json_add_string_or_null (builder, "due", redress_checklist_item_get_due (item));
  json_add_string_or_null (builder, "note", redress_checklist_item_get_note (item));
  json_builder_set_member_name (builder, "edited");
  json_builder_add_boolean_value (builder, redress_checklist_item_get_edited (item));
  json_builder_end_object (builder);
}

/* What the draft did, in words; nothing when it changed nothing */
static void
print_checklist_changes (const RedressChecklistChanges *changes)
{
  if (changes->n_added > 0)
    g_print (g_dngettext (NULL, "%u item was added to the checklist.\n",
                          "%u items were added to the checklist.\n", changes->n_added),
             changes->n_added);
  if (changes->n_removed > 0)
    g_print (g_dngettext (NULL, "%u item was removed: its ground is no longer confirmed.\n",
                          "%u items were removed: their ground is no longer confirmed.\n",
                          changes->n_removed),
             changes->n_removed);
  if (changes->n_kept > 0)
    g_print (g_dngettext (NULL, "%u item was kept, as it was changed by hand, although its "
                          "ground is no longer confirmed.\n",
                          "%u items were kept, as they were changed by hand, although their "
                          "ground is no longer confirmed.\n", changes->n_kept),
             changes->n_kept);
}

/* "Received, due 2026-12-01: Sent by email" */
static void
print_item_changed (RedressChecklistItem *item,
                    RedressCatalog       *catalog)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, redress_checklist_item_get_id (item));
  const char *state = redress_item_state_get_label (redress_checklist_item_get_state (item));

  /* Translators: "Item 12 (Bank statements …) is now: Received." */
  g_print (_("Item %s (%s) is now: %s.\n"), id, checklist_item_text (item, catalog), state);
}

/* The checklist grouped: the path's own items, then each ground's */
static void
print_checklist (GPtrArray      *items,
                 const char     *path,
                 RedressCatalog *catalog)
{
  const char *group = NULL;
  guint id_width = 0;
  guint state_width = 0;
  guint indent;

  if (items->len == 0)
    {
      g_print ("\n%s\n", _("The checklist is empty."));
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             redress_checklist_item_get_id (item));

      id_width = MAX (id_width, (guint) strlen (id));
    }
  for (guint s = 0; s < REDRESS_ITEM_N_STATES; s++)
    state_width = MAX (state_width,
                       (guint) g_utf8_strlen (redress_item_state_get_label ((RedressItemState) s),
                                              -1));
  indent = 2 + id_width + 2 + state_width + 2;

  for (guint i = 0; i < items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (items, i);
      const char *code = redress_checklist_item_get_code (item);
      const char *due = redress_checklist_item_get_due (item);
      const char *note = redress_checklist_item_get_note (item);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             redress_checklist_item_get_id (item));
      g_autoptr(GString) folded = g_string_new (NULL);
      g_autoptr(GString) line = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;

      if (i == 0 || g_strcmp0 (code, group) != 0)
        {
          g_autofree char *heading = code ? ground_title (code) : NULL;

          g_print ("\n%s\n", code ? heading : checklist_path_label (path));
          group = code;
        }

      append_wrapped_width (folded, checklist_item_text (item, catalog),
                            MAX (78 - (glong) indent, 30));
      if (due != NULL)
        {
          g_autofree char *day = redress_date_format_long (due);

          /* Translators: when a checklist item is due */
          g_string_append_printf (folded, _("Due: %s"), day);
          g_string_append_c (folded, '\n');
        }
      if (note != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Note: %s"), note);

          append_wrapped_width (folded, text, MAX (78 - (glong) indent, 30));
        }
      g_string_truncate (folded, folded->len - 1);
      lines = g_strsplit (folded->str, "\n", -1);

      append_padded (line, "", 2);
      append_padded (line, id, id_width + 2);
      append_padded (line, redress_item_state_get_label (redress_checklist_item_get_state (item)),
                     state_width + 2);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          if (l > 0)
            {
              g_string_append_c (line, '\n');
              append_padded (line, "", indent);
            }
          g_string_append (line, lines[l]);
        }
      g_print ("%s\n", line->str);
    }
}

/* Writes @report to --pdf and says so */
static gboolean
write_report (Invocation     *inv,
              RedressReport  *report,
              GError        **error)
{
  g_autofree char *name = g_filename_display_name (inv->pdf);

  /* Whole or not at all: a full disk or a crash leaves the old file */
  if (!redress_report_save_pdf (report, inv->pdf, error))
    return FALSE;
  /* Translators: the file written, then the document's title */
  g_print (_("Wrote “%s”: %s.\n"), name, redress_report_get_title (report));
  return TRUE;
}

static gboolean
run_checklist (Invocation  *inv,
               GError     **error)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (inv->store, inv->case_id, error);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(RedressChecklistItem) changed = NULL;
  g_autoptr(GPtrArray) items = NULL;
  RedressChecklistChanges changes = { 0 };
  RedressCatalog *catalog = NULL;
  const char *path;

  if (kase == NULL)
    return FALSE;
  path = checklist_path (inv, kase, error);
  if (path == NULL)
    return FALSE;
  if (inv->language != NULL && inv->pdf == NULL)
    {
      catalog = redress_catalog_get (inv->language, error);
      if (catalog == NULL)
        return FALSE;
    }

  /* Merged with the confirmed grounds first, keeping every change by hand */
  if (!redress_store_draft_checklist (inv->store, inv->case_id, path, &changes, error))
    return FALSE;
  if (inv->item != NULL && !change_checklist_item (inv, &changed, error))
    return FALSE;

  if (inv->pdf != NULL)
    {
      g_autoptr(RedressReport) report = NULL;

      if (changed != NULL)
        print_item_changed (changed, NULL);
      report = redress_report_new_checklist (inv->store, inv->case_id, path, inv->language,
                                             error);
      return report != NULL && write_report (inv, report, error);
    }

  items = redress_store_list_checklist (inv->store, inv->case_id, path, error);
  if (items == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, inv->case_id);
      json_add_string_or_null (builder, "path", path);
      /* What this run's draft did */
      json_builder_set_member_name (builder, "drafted");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, changes.n_added);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_int_value (builder, changes.n_removed);
      json_builder_set_member_name (builder, "kept");
      json_builder_add_int_value (builder, changes.n_kept);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        json_add_checklist_item (builder, g_ptr_array_index (items, i), catalog);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return TRUE;
    }

  client = redress_store_get_client (inv->store, redress_case_get_client_id (kase), error);
  if (client == NULL)
    return FALSE;
  print_checklist_changes (&changes);
  if (changed != NULL)
    print_item_changed (changed, catalog);
  {
    g_autofree char *title = case_title (kase);
    g_autofree char *owner = client_title (client);

    /* Translators: "Checklist of Case 3 (…): Restoration of status" */
    g_print (_("Checklist of %s: %s\n"), title, checklist_path_label (path));
    g_print ("%s\n", owner);
  }
  print_checklist (items, path, catalog);
  return TRUE;
}

static gboolean
run_outline (Invocation  *inv,
             GError     **error)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (inv->store, inv->case_id, error);
  g_autoptr(RedressReport) report = NULL;

  if (kase == NULL)
    return FALSE;
  report = redress_report_new_outline (inv->store, inv->case_id, inv->language, error);
  return report != NULL && write_report (inv, report, error);
}

static const Command commands[] = {
  { "client", "add", NULL, 0,
    N_("Create a client file (prints its id last)"),
    N_("Prints the id of the new client file alone on the last line."),
    WITH_FIELDS | ADDING, STORE_CREATE, redress_client_get_type, client_add },
  { "client", "list", NULL, 0,
    N_("List the client files, by name"),
    N_("--search matches words of the names, the file number or the UCI, in any case and "
       "with or without accents."),
    WITH_JSON | WITH_ARCHIVED | WITH_SEARCH, STORE_EXISTING, NULL, client_list },
  { "client", "show", N_("ID"), 1,
    N_("Show a client file, its cases and its timeline"),
    N_("ID is the id listed by “client list”, or the file number (such as 2026-0001)."),
    WITH_ID | WITH_JSON, STORE_EXISTING, NULL, client_show },
  { "client", "set", N_("ID"), 1,
    N_("Change fields of a client file"),
    N_("Only the fields given change, and the timeline records each change. An empty value "
       "(--email \"\") clears an optional field."),
    WITH_ID | WITH_FIELDS, STORE_EXISTING, redress_client_get_type, client_set },
  { "client", "archive", N_("ID"), 1,
    N_("Archive a client file (it leaves the lists)"),
    NULL, WITH_ID, STORE_EXISTING, NULL, client_archive },
  { "client", "unarchive", N_("ID"), 1,
    N_("Take a client file out of the archive"),
    NULL, WITH_ID, STORE_EXISTING, NULL, client_unarchive },
  { "client", "delete", N_("ID"), 1,
    N_("Delete a client file and its cases, permanently"),
    N_("The deletion is PERMANENT: unlike the application, which offers Undo, the command "
       "line cannot bring the file back, and it does not ask for confirmation. Make a backup "
       "first (“redress-cli backup FILE”), or use “client archive” instead."),
    WITH_ID, STORE_EXISTING, NULL, client_delete },
  { "case", "add", NULL, 0,
    N_("Add a refused application to a client file (prints its id last)"),
    N_("Prints the id of the new case alone on the last line."),
    WITH_FIELDS | WITH_CLIENT | ADDING, STORE_EXISTING, redress_case_get_type, case_add },
  { "case", "list", NULL, 0,
    N_("List the cases, newest decision first"),
    NULL,
    WITH_JSON | WITH_ARCHIVED | WITH_CLIENT, STORE_EXISTING, NULL, case_list },
  { "case", "show", N_("ID"), 1,
    N_("Show a case and its timeline"),
    NULL, WITH_ID | WITH_JSON, STORE_EXISTING, NULL, case_show },
  { "case", "set", N_("ID"), 1,
    N_("Change fields of a case"),
    N_("Only the fields given change, and the timeline records each change. An empty value "
       "(--office \"\") clears an optional field."),
    WITH_ID | WITH_FIELDS, STORE_EXISTING, redress_case_get_type, case_set },
  { "case", "archive", N_("ID"), 1,
    N_("Archive a case"),
    NULL, WITH_ID, STORE_EXISTING, NULL, case_archive },
  { "case", "unarchive", N_("ID"), 1,
    N_("Take a case out of the archive"),
    NULL, WITH_ID, STORE_EXISTING, NULL, case_unarchive },
  { "case", "delete", N_("ID"), 1,
    N_("Delete a case, permanently"),
    N_("The deletion is PERMANENT and is not confirmed (the application offers Undo, the "
       "command line cannot). The client file’s timeline keeps a line saying the case was "
       "deleted."),
    WITH_ID, STORE_EXISTING, NULL, case_delete },
  { "firm", "set", NULL, 0,
    N_("Set the firm profile that exported documents carry"),
    NULL, WITH_FIELDS, STORE_CREATE, redress_firm_get_type, firm_set },
  { "firm", "show", NULL, 0,
    N_("Show the firm profile"),
    NULL, WITH_JSON, STORE_EXISTING, NULL, firm_show },
  { NULL, "remedies", NULL, 0,
    N_("Show the remedies open after a refusal, and by when"),
    N_("For the case given by --case: every remedy, whether it is open, the day to file it by "
       "(moved to the next working day when the period ends on a Saturday, a Sunday or a "
       "holiday, and saying so), the days left, how it was computed and the provision it rests "
       "on; then where the request for the officer’s notes stands. The dates are computed from "
       "the case facts: verify them against the current law before relying on them."),
    WITH_CASE | WITH_TODAY | WITH_MISREPRESENTATION | WITH_JSON, STORE_EXISTING, NULL,
    run_remedies },
  { NULL, "deadlines", NULL, 0,
    N_("List the deadlines of all open cases, overdue first"),
    N_("The days to file the open remedies by and the officer’s notes requests still awaited, "
       "across the cases that are not closed, submitted or archived, overdue first, then the "
       "nearest. A deadline missed recently stays listed, since an extension may still be "
       "asked for."),
    WITH_WITHIN | WITH_TODAY | WITH_JSON, STORE_EXISTING, NULL, run_deadlines },
  { NULL, "import", N_("FILE"), 1,
    N_("Attach a PDF to a case (prints its id last)"),
    N_("Reads the PDF in a separate process, under a time and a memory limit, then stores "
       "the original file and the text of each page (for search) in the database, in one "
       "step. A file that is not a PDF, is damaged, needs a password, is too large or cannot "
       "be read in time is refused with the reason, and nothing is stored; so is an import "
       "interrupted with Ctrl+C (exit status 130). Prints the id of the new document alone on "
       "the last line; on a terminal, shows the pages read so far on standard error. With "
       "--password -, the password is read from standard input (asked for without echo on a "
       "terminal), so that it does not show in the list of processes."),
    WITH_CASE | WITH_KIND | WITH_PASSWORD | WITH_NO_OCR, STORE_EXISTING, NULL, run_import },
  { NULL, "documents", NULL, 0,
    N_("List the documents of a case"),
    N_("For the case given by --case: each document’s id, kind, pages, size, whether its text "
       "could be read (scanned pages have no text, and search does not see them) and file "
       "name."),
    WITH_CASE | WITH_JSON, STORE_EXISTING, NULL, run_documents },
  { NULL, "detect", N_("FILE"), 1,
    N_("Find the refusal grounds a letter or the officer’s notes state"),
    N_("Reads the PDF in a separate process (nothing is stored) and prints each refusal "
       "ground its text states: the ground, the provision cited, the page and the sentence "
       "that says it, and whether the text is a letter or the officer’s notes (with the date "
       "of the notes’ entry where it gives one). The factors an officer may consider, listed "
       "in a letter’s preamble, are not grounds. With --password -, the password is read from "
       "standard input."),
    WITH_PASSWORD | WITH_JSON | WITH_TEXT_KIND, STORE_NONE, NULL, run_detect },
  { NULL, "grounds", NULL, 0,
    N_("Show, confirm, dismiss or add the refusal grounds of a case"),
    N_("For the case given by --case: the grounds suggested from its refusal letter or "
       "decision notes, those confirmed and those dismissed, each with the sentence that "
       "states it and the passages linked to it as evidence. --confirm, --dismiss and --add "
       "take one code or several separated by commas; --add adds a ground by hand, "
       "confirmed. Confirmed grounds are those the remedies use. Each change is on the "
       "case’s timeline."),
    WITH_CASE | WITH_GROUND_CHANGES | WITH_JSON, STORE_EXISTING, NULL, run_grounds },
  { NULL, "checklist", NULL, 0,
    N_("Show the documents to gather for a case, change one, or write them as a PDF"),
    N_("For the case given by --case, on the case’s path (or the one --path gives): what the "
       "client gathers, the path’s own items first, then those answering each confirmed "
       "refusal ground. The checklist is drafted again first: the items of a newly confirmed "
       "ground are added, those of a ground no longer confirmed are removed unless they were "
       "changed, and every change made by hand is kept. --item changes the item of that id "
       "(its id is listed with it): --state says where it stands, --due when it is due and "
       "--note adds a note (\"\" clears them). --pdf writes the checklist for the client, on "
       "the firm’s letterhead, in the client’s preferred language unless --language gives "
       "another; with --json, --language gives the language of the items’ text."),
    WITH_CASE | WITH_PATH | WITH_LANGUAGE | WITH_PDF | WITH_ITEM_CHANGES | WITH_JSON,
    STORE_EXISTING, NULL, run_checklist },
  { NULL, "outline", NULL, 0,
    N_("Write the response outline of a case as a PDF"),
    N_("For the case given by --case: each confirmed refusal ground with the officer’s words, "
       "the evidence planned and where it stands, written to the file --pdf gives, in the "
       "client’s preferred language unless --language gives another. The file is replaced "
       "only once the whole document is written."),
    WITH_CASE | WITH_LANGUAGE | WITH_PDF | PDF_REQUIRED, STORE_EXISTING, NULL, run_outline },
  { NULL, "search", N_("QUERY"), 1,
    N_("Search the text of every case’s documents"),
    N_("Finds the pages that hold every word of QUERY, in any case and with or without "
       "accents; \"words in double quotes\" must follow each other, and a word ending in * "
       "matches the words it begins. Quote QUERY for the shell: "
       "redress-cli search '\"motif de refus\" étud*'. Best matches first, with the client, "
       "case, document, page and the words around the match (between « and »)."),
    WITH_JSON | WITH_LIMIT, STORE_EXISTING, NULL, run_search },
  { "document", "export", N_("ID FILE"), 2,
    N_("Save a document’s original file, byte for byte"),
    N_("FILE is replaced if it exists; “-” writes the file to standard output. ID is listed by "
       "“documents --case ID”."),
    WITH_ID, STORE_EXISTING, NULL, document_export },
  { "document", "ocr", N_("ID"), 1,
    N_("Read a document’s scanned pages again, by OCR"),
    N_("Reads the pages of the document that have no text layer again, in the language "
       "--language gives (eng, fra or eng+fra, the default): their text, their place in the "
       "search index and the words found on them are replaced in one step, and the refusal "
       "grounds the document states are found again as an import finds them (a ground keeps "
       "the state the consultant gave it). Pages with a text layer are left as they are. "
       "ID is listed by “documents --case ID”."),
    WITH_ID | WITH_PASSWORD | WITH_OCR_LANGUAGE, STORE_EXISTING, NULL, document_ocr },
  { "document", "remove", N_("ID"), 1,
    N_("Remove a document from its case, permanently"),
    N_("The removal is PERMANENT and is not confirmed: unlike the application, which offers "
       "Undo, the command line removes the document for good, with the text of its pages, "
       "their place in the search index and the original file (unless another document has "
       "the same). The case’s timeline keeps a line saying it was removed. Export it first "
       "(“document export ID FILE”) if it may be needed again."),
    WITH_ID, STORE_EXISTING, NULL, document_remove },
  { NULL, "check", NULL, 0,
    N_("Check the database (prints “ok (schema N)”)"),
    N_("Exits with status 1 and says what is wrong if the database is damaged."),
    0, STORE_EXISTING, NULL, run_check },
  { NULL, "backup", N_("FILE"), 1,
    N_("Write a copy of the whole database to FILE"),
    N_("FILE is replaced if it exists. The copy can be made while Redress is running."),
    0, STORE_EXISTING, NULL, run_backup },
  { NULL, "restore", N_("FILE"), 1,
    N_("Replace the database with the backup FILE"),
    N_("FILE is checked first: a file that is not a whole, undamaged Redress database is "
       "refused and the database is left as it is. The replaced database is kept beside it, "
       "and its name is printed. Close Redress before restoring."),
    0, STORE_NONE, NULL, run_restore },
  { NULL, "demo", NULL, 0,
    N_("Add fictional client files, for trying Redress"),
    NULL, 0, STORE_CREATE, NULL, run_demo },
};

static const Command *
find_command (const char *group,
              const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].group, group) == 0 && g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
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
      g_autofree char *name = command_synopsis (&commands[i]);

      if (group == NULL || g_strcmp0 (commands[i].group, group) == 0)
        width = MAX (width, (guint) g_utf8_strlen (name, -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = command_synopsis (&commands[i]);

      if (group != NULL && g_strcmp0 (commands[i].group, group) != 0)
        continue;
      g_string_append (out, "  ");
      append_padded (out, name, width + 2);
      g_string_append (out, _(commands[i].summary));
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

/* Option contexts ----------------------------------------------------------- */

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

static GOptionEntry
make_entry (const char *long_name,
            GOptionArg  arg,
            gpointer    arg_data,
            const char *description,
            const char *arg_description_text,
            int         flags)
{
  GOptionEntry entry = { long_name, 0, flags, arg, arg_data, description, arg_description_text };

  return entry;
}

/*
 * Builds the option context of @inv's command.  Texts are translated here;
 * those built at run time are kept in @strings until the context is freed.
 */
static GOptionContext *
command_context_new (Invocation *inv,
                     GPtrArray  *strings)
{
  const Command *command = inv->command;
  g_autofree char *full_name = command_full_name (command);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(RedressRecord) fresh = NULL;
  GOptionContext *context;
  GOptionEntry entry;

  context = g_option_context_new (command->parameters ? _(command->parameters) : NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _(command->summary));

  if (command->flags & WITH_CLIENT)
    {
      entry = make_entry ("client", G_OPTION_ARG_STRING, &inv->client,
                          (command->flags & ADDING)
                            ? _("The client file (id or file number; required)")
                            : _("Only the cases of this client file (id or file number)"),
                          _("ID"), 0);
      g_array_append_val (entries, entry);
    }

  if (command->flags & WITH_CASE)
    {
      entry = make_entry ("case", G_OPTION_ARG_STRING, &inv->case_option,
                          _("The case (its id, as listed by “case list”; required)"),
                          _("ID"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_WITHIN)
    {
      entry = make_entry ("within", G_OPTION_ARG_STRING, &inv->within,
                          _("Only what falls due within DAYS days (default 60); what is overdue "
                            "is listed too"), _("DAYS"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_TEXT_KIND)
    {
      entry = make_entry ("kind", G_OPTION_ARG_STRING, &inv->kind,
                          _("Read the text as a letter or as the officer’s notes (recognised "
                            "from the text by default)"), _("letter|notes"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_TODAY)
    {
      entry = make_entry ("today", G_OPTION_ARG_STRING, &inv->today,
                          _("Count the days from this day instead of today"), _("YYYY-MM-DD"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_KIND)
    {
      entry = make_entry ("kind", G_OPTION_ARG_STRING, &inv->kind,
                          _("What the document is (required; kinds below)"), _("KIND"), 0);
      g_array_append_val (entries, entry);

      g_string_append_printf (description, "%s\n", _("Kinds of --kind:"));
      for (guint k = 0; k < REDRESS_DOCUMENT_N_KINDS; k++)
        {
          g_string_append (description, "  ");
          append_padded (description, redress_document_kind_to_string ((RedressDocumentKind) k),
                         16);
          g_string_append (description, redress_document_kind_get_label ((RedressDocumentKind) k));
          g_string_append_c (description, '\n');
        }
      g_string_append_c (description, '\n');
    }
  if (command->flags & WITH_PASSWORD)
    {
      entry = make_entry ("password", G_OPTION_ARG_STRING, &inv->password,
                          _("The PDF’s password; “-” reads it from standard input"),
                          _("PASSWORD"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_NO_OCR)
    {
      entry = make_entry ("no-ocr", G_OPTION_ARG_NONE, &inv->no_ocr,
                          _("Leave scanned pages without text (they are read by OCR, in English "
                            "and French, by default)"), NULL, 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_OCR_LANGUAGE)
    {
      entry = make_entry ("language", G_OPTION_ARG_STRING, &inv->language,
                          _("The language of the scanned pages: eng (English), fra (French) or "
                            "eng+fra (both, the default)"), _("LANG"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_LIMIT)
    {
      /* Translators: help of --limit N */
      char *text = g_strdup_printf (_("Show at most N pages (default %d)"), DEFAULT_SEARCH_LIMIT);

      g_ptr_array_add (strings, text);
      entry = make_entry ("limit", G_OPTION_ARG_STRING, &inv->limit, text, _("N"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_GROUND_CHANGES)
    {
      g_autofree char *codes = ground_codes_list ();

      entry = make_entry ("confirm", G_OPTION_ARG_STRING, &inv->confirm,
                          _("Confirm these suggested grounds"), _("CODE[,CODE…]"), 0);
      g_array_append_val (entries, entry);
      entry = make_entry ("dismiss", G_OPTION_ARG_STRING, &inv->dismiss,
                          _("Dismiss these grounds"), _("CODE[,CODE…]"), 0);
      g_array_append_val (entries, entry);
      entry = make_entry ("add", G_OPTION_ARG_STRING, &inv->add,
                          _("Add these grounds by hand, confirmed"), _("CODE[,CODE…]"), 0);
      g_array_append_val (entries, entry);

      g_string_append_printf (description, "%s\n", _("Codes of the grounds:"));
      append_wrapped (description, codes);
      g_string_append_c (description, '\n');
    }
  if (command->flags & WITH_PATH)
    {
      const char * const *paths = redress_checklist_get_paths ();
      guint width = 0;

      entry = make_entry ("path", G_OPTION_ARG_STRING, &inv->path,
                          _("The path whose checklist it is (default: the case’s; codes below)"),
                          _("CODE"), 0);
      g_array_append_val (entries, entry);

      g_string_append_printf (description, "%s\n", _("Codes of --path:"));
      for (guint p = 0; paths[p] != NULL; p++)
        width = MAX (width, (guint) strlen (paths[p]));
      for (guint p = 0; paths[p] != NULL; p++)
        {
          g_string_append (description, "  ");
          append_padded (description, paths[p], width + 2);
          g_string_append (description, checklist_path_label (paths[p]));
          g_string_append_c (description, '\n');
        }
      g_string_append_c (description, '\n');
    }
  if (command->flags & WITH_ITEM_CHANGES)
    {
      guint width = 0;

      entry = make_entry ("item", G_OPTION_ARG_STRING, &inv->item,
                          _("Change the checklist item ID (with --state, --due or --note)"),
                          _("ID"), 0);
      g_array_append_val (entries, entry);
      entry = make_entry ("state", G_OPTION_ARG_STRING, &inv->state,
                          _("Where the item stands (states below)"), _("STATE"), 0);
      g_array_append_val (entries, entry);
      entry = make_entry ("due", G_OPTION_ARG_STRING, &inv->due,
                          _("When the item is due (\"\" for no date)"), _("YYYY-MM-DD"), 0);
      g_array_append_val (entries, entry);
      entry = make_entry ("note", G_OPTION_ARG_STRING, &inv->note,
                          _("A note on the item (\"\" for none)"), _("TEXT"), 0);
      g_array_append_val (entries, entry);

      g_string_append_printf (description, "%s\n", _("States of --state:"));
      for (guint st = 0; st < REDRESS_ITEM_N_STATES; st++)
        width = MAX (width, (guint) strlen (redress_item_state_to_string ((RedressItemState) st)));
      for (guint st = 0; st < REDRESS_ITEM_N_STATES; st++)
        {
          g_string_append (description, "  ");
          append_padded (description, redress_item_state_to_string ((RedressItemState) st),
                         width + 2);
          g_string_append (description, redress_item_state_get_label ((RedressItemState) st));
          g_string_append_c (description, '\n');
        }
      g_string_append_c (description, '\n');
    }
  if (command->flags & WITH_LANGUAGE)
    {
      g_autofree char *languages = languages_list ();
      /* Translators: help of --language LANG; the codes of the languages */
      char *text = g_strdup_printf (_("The language of the document (%s; default: the "
                                      "client’s preferred language)"), languages);

      g_ptr_array_add (strings, text);
      entry = make_entry ("language", G_OPTION_ARG_STRING, &inv->language, text, _("LANG"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_PDF)
    {
      entry = make_entry ("pdf", G_OPTION_ARG_FILENAME, &inv->pdf,
                          (command->flags & PDF_REQUIRED)
                            ? _("Write the PDF FILE (required; replaced if it exists)")
                            : _("Write the checklist for the client to the PDF FILE (replaced if "
                                "it exists)"),
                          _("FILE"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_MISREPRESENTATION)
    {
      entry = make_entry ("misrepresentation", G_OPTION_ARG_NONE, &inv->misrepresentation,
                          _("Assume a misrepresentation finding (A40) even without a confirmed "
                            "misrepresentation ground"),
                          NULL, 0);
      g_array_append_val (entries, entry);
    }

  if (command->flags & WITH_FIELDS)
    {
      fresh = g_object_new (G_TYPE_FROM_CLASS (inv->record_class), NULL);

      for (guint i = 0; i < inv->record_class->n_fields; i++)
        {
          const RedressFieldDef *def = &inv->record_class->fields[i];
          const OptionName *name = find_option_name (def->name);
          const char *option = option_for_field (def);
          char *text;

          if (def->kind == REDRESS_FIELD_BOOLEAN)
            {
              entry = make_entry (option, G_OPTION_ARG_NONE, &inv->set_true[i],
                                  name && name->help ? _(name->help) : _(def->label), NULL, 0);
              g_array_append_val (entries, entry);
              if (name != NULL && name->negative != NULL)
                {
                  entry = make_entry (name->negative, G_OPTION_ARG_NONE, &inv->set_false[i],
                                      _(name->negative_help), NULL, 0);
                  g_array_append_val (entries, entry);
                }
              continue;
            }

          if ((command->flags & ADDING) && field_is_required (def, fresh, i))
            /* Translators: help of an option that must be given */
            text = g_strdup_printf (_("%s (required)"), _(def->label));
          else if (def->kind == REDRESS_FIELD_CHOICE)
            /* Translators: help of an option whose codes are listed below it */
            text = g_strdup_printf (_("%s (codes below)"), _(def->label));
          else
            text = g_strdup (_(def->label));
          g_ptr_array_add (strings, text);
          entry = make_entry (option, G_OPTION_ARG_STRING, &inv->values[i], text,
                              arg_description (def), 0);
          g_array_append_val (entries, entry);

          /* The JSON name stays accepted */
          if (name != NULL && !g_str_equal (option, def->name))
            {
              entry = make_entry (def->name, G_OPTION_ARG_STRING, &inv->values[i], text,
                                  arg_description (def), G_OPTION_FLAG_HIDDEN);
              g_array_append_val (entries, entry);
            }

          if (def->kind == REDRESS_FIELD_CHOICE)
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
                  append_padded (description, def->choices[c].code, width + 2);
                  if (redress_field_choice_index (def, redress_record_get_value (fresh, i)) == (int) c)
                    /* Translators: a code's label, when the code is used if the option
                     * is not given */
                    g_string_append_printf (description, _("%s (default)"),
                                            _(def->choices[c].label));
                  else
                    g_string_append (description, _(def->choices[c].label));
                  g_string_append_c (description, '\n');
                }
              g_string_append_c (description, '\n');
            }
        }
    }

  if (command->flags & WITH_SEARCH)
    {
      entry = make_entry ("search", G_OPTION_ARG_STRING, &inv->search,
                          _("Only the files that match TEXT"), _("TEXT"), 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_ARCHIVED)
    {
      entry = make_entry ("archived", G_OPTION_ARG_NONE, &inv->archived,
                          _("Include the archived ones"), NULL, 0);
      g_array_append_val (entries, entry);
    }
  if (command->flags & WITH_JSON)
    {
      entry = make_entry ("json", G_OPTION_ARG_NONE, &inv->json,
                          _("Print JSON (codes, ISO dates, UCI digits)"), NULL, 0);
      g_array_append_val (entries, entry);
    }

  entry = make_entry ("database", G_OPTION_ARG_FILENAME, &inv->database_option,
                      _("Use the database FILE"), _("FILE"), 0);
  g_array_append_val (entries, entry);
  entry = make_entry ("verbose", G_OPTION_ARG_NONE, &verbose,
                      _("Also print the technical detail of errors (SQLite’s own words)"), NULL, 0);
  g_array_append_val (entries, entry);
  entry = make_entry ("help", G_OPTION_ARG_NONE, &inv->help, _("Show this help"), NULL, 0);
  entry.short_name = 'h';
  g_array_append_val (entries, entry);

  g_option_context_add_main_entries (context, (GOptionEntry *) (gpointer) entries->data, NULL);

  if (command->description != NULL)
    {
      append_wrapped (description, _(command->description));
      g_string_append_c (description, '\n');
    }
  {
    g_autofree char *hint = default_database_hint ();
    append_wrapped (description, hint);
  }
  /* GOptionContext copies the entries, but not the strings */
  g_string_truncate (description, description->len - 1);
  g_ptr_array_add (strings, g_strdup (description->str));
  g_option_context_set_description (context, g_ptr_array_index (strings, strings->len - 1));

  /* The usage line reads "redress-cli client add [OPTION…]" */
  {
    g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, full_name);
    g_set_prgname (prgname);
  }

  return context;
}

static void
invocation_clear (Invocation *inv)
{
  for (guint i = 0; i < MAX_FIELDS; i++)
    g_free (inv->values[i]);
  g_free (inv->search);
  g_free (inv->client);
  g_free (inv->database_option);
  g_free (inv->case_option);
  g_free (inv->today);
  g_free (inv->within);
  g_free (inv->kind);
  g_free (inv->limit);
  g_free (inv->confirm);
  g_free (inv->dismiss);
  g_free (inv->add);
  g_free (inv->path);
  g_free (inv->language);
  g_free (inv->pdf);
  g_free (inv->item);
  g_free (inv->state);
  g_free (inv->due);
  g_free (inv->note);
  if (inv->password != NULL)
    {
      explicit_bzero (inv->password, strlen (inv->password));
      g_free (inv->password);
    }
  g_clear_object (&inv->store);
  if (inv->record_class != NULL)
    g_type_class_unref (inv->record_class);
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
open_store (Invocation  *inv,
            GError     **error)
{
  g_autofree char *default_path = NULL;
  const char *path = inv->database;

  if (inv->command->store == STORE_NONE)
    return TRUE;

  if (path == NULL)
    path = default_path = redress_store_default_path ();
  if (inv->command->store == STORE_EXISTING && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("There is no database “%s” yet: it is created when the first client file "
                     "is added."), path);
      return FALSE;
    }

  /* NULL lets the store create the default folder with the right mode */
  inv->store = redress_store_open (inv->database, error);
  return inv->store != NULL;
}

#define DEFAULT_WITHIN_DAYS 60
#define MAX_WITHIN_DAYS 3660

/* Checks and parses --case, --today and --within before the database is
 * opened: a malformed id or number is a usage error; a date that is not a
 * calendar date is refused as the core refuses it. */
static gboolean
check_command_options (Invocation  *inv,
                       GError     **error)
{
  const Command *command = inv->command;

  if (command->flags & WITH_CASE)
    {
      if (inv->case_option == NULL)
        {
          usage_error (error, _("--case is required."));
          return FALSE;
        }
      if (!parse_id_listed (inv->case_option, id_listed_by ("case"), &inv->case_id, error))
        return FALSE;
    }

  if (command->flags & WITH_KIND)
    {
      g_autofree char *kinds = document_kinds_list ();

      if (inv->kind == NULL)
        {
          usage_error (error, _("--kind is required: say what the document is (%s)."), kinds);
          return FALSE;
        }
      if (!redress_document_kind_from_string (inv->kind, &inv->document_kind))
        {
          g_autofree char *shown = echo_value (inv->kind);

          usage_error (error, _("--kind: “%s” is not a kind of document; the kinds are %s."),
                       shown, kinds);
          return FALSE;
        }
    }

  if ((command->flags & WITH_TEXT_KIND) && inv->kind != NULL &&
      (!redress_text_kind_from_string (inv->kind, &inv->text_kind) ||
       inv->text_kind == REDRESS_TEXT_AUTO))
    {
      g_autofree char *shown = echo_value (inv->kind);

      usage_error (error, _("--kind: “%s” is neither “letter” nor “notes”."), shown);
      return FALSE;
    }

  if ((command->flags & WITH_PATH) && inv->path != NULL &&
      !redress_checklist_has_path (inv->path))
    {
      g_autofree char *paths = checklist_paths_list ();
      g_autofree char *shown = echo_value (inv->path);

      usage_error (error, _("--path: “%s” is not a path that has a checklist; the paths are %s."),
                   shown, paths);
      return FALSE;
    }

  if ((command->flags & WITH_LANGUAGE) && inv->language != NULL &&
      !is_document_language (inv->language))
    {
      g_autofree char *languages = languages_list ();
      g_autofree char *shown = echo_value (inv->language);

      usage_error (error, _("--language: “%s” is not a language documents are written in; the "
                            "languages are %s."), shown, languages);
      return FALSE;
    }

  if (command->flags & WITH_PDF)
    {
      if ((command->flags & PDF_REQUIRED) && inv->pdf == NULL)
        {
          usage_error (error, _("--pdf is required: give the file to write."));
          return FALSE;
        }
      if (inv->pdf != NULL && *inv->pdf == '\0')
        {
          usage_error (error, _("--pdf: give the name of the file to write."));
          return FALSE;
        }
      if (inv->pdf != NULL && inv->json)
        {
          usage_error (error, _("--%s and --%s cannot be used together."), "pdf", "json");
          return FALSE;
        }
    }

  if (command->flags & WITH_ITEM_CHANGES)
    {
      if (inv->item == NULL)
        {
          const char *option = inv->state ? "state" : inv->due ? "due" : inv->note ? "note" : NULL;

          if (option != NULL)
            {
              usage_error (error, _("--%s changes an item: give the item with --item ID."),
                           option);
              return FALSE;
            }
        }
      else
        {
          g_autofree char *listed_by = g_strdup_printf ("%s checklist --case ID", PROGRAM);

          if (!parse_id_listed (inv->item, listed_by, &inv->item_id, error))
            return FALSE;
          if (inv->state == NULL && inv->due == NULL && inv->note == NULL)
            {
              usage_error (error, _("--item: say what to change with --state, --due or "
                                    "--note."));
              return FALSE;
            }
        }
      if (inv->state != NULL && !redress_item_state_from_string (inv->state, &inv->item_state))
        {
          g_autofree char *states = item_states_list ();
          g_autofree char *shown = echo_value (inv->state);

          usage_error (error, _("--state: “%s” is not a state of an item; the states are %s."),
                       shown, states);
          return FALSE;
        }
      if (inv->due != NULL && *inv->due != '\0')
        {
          GDate date;

          g_date_clear (&date, 1);
          if (!redress_date_parse (inv->due, &date, error))
            {
              /* Translators: the option before the core's message about the date */
              g_prefix_error (error, _("--due: "));
              return FALSE;
            }
        }
    }

  if (command->flags & WITH_LIMIT)
    {
      guint64 limit = DEFAULT_SEARCH_LIMIT;

      if (inv->limit != NULL &&
          !g_ascii_string_to_unsigned (inv->limit, 10, 1, MAX_SEARCH_LIMIT, &limit, NULL))
        {
          g_autofree char *shown = echo_value (inv->limit);

          usage_error (error, _("--limit: “%s” is not a number from 1 to %d."),
                       shown, MAX_SEARCH_LIMIT);
          return FALSE;
        }
      inv->limit_value = (guint) limit;
    }

  if (command->flags & WITH_WITHIN)
    {
      guint64 days = DEFAULT_WITHIN_DAYS;

      if (inv->within != NULL &&
          !g_ascii_string_to_unsigned (inv->within, 10, 0, MAX_WITHIN_DAYS, &days, NULL))
        {
          g_autofree char *shown = echo_value (inv->within);

          usage_error (error, _("--within: “%s” is not a number of days from 0 to %d."),
                       shown, MAX_WITHIN_DAYS);
          return FALSE;
        }
      inv->within_days = (int) days;
    }

  if (command->flags & WITH_TODAY)
    {
      g_date_clear (&inv->today_date, 1);
      if (inv->today == NULL)
        redress_date_today (&inv->today_date);
      else if (!redress_date_parse (inv->today, &inv->today_date, error))
        {
          /* Translators: the option before the core's message about the date */
          g_prefix_error (error, _("--today: "));
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs @command with @argv[0] being the command's own name. */
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
explain_parse_error (const Command  *command,
                     char          **argv,
                     GError        **error)
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
          usage_error (error, _("%s: the value is not valid %s text; check the characters "
                                "typed, or the character set of the terminal."),
                       option, charset);
          return;
        }
      g_clear_error (error);
      usage_error (error, _("An option’s value is not valid %s text; check the characters "
                            "typed, or the character set of the terminal."), charset);
      return;
    }

  if (g_error_matches (*error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
    for (guint i = 1; argv[i] != NULL; i++)
      if (looks_like_negative_number (argv[i]))
        {
          gint64 id = 0;
          const char *listed_by = i > 1 && g_str_equal (argv[i - 1], "--case")
                                  ? id_listed_by ("case") : id_listed_by (command->group);

          g_clear_error (error);
          parse_id_listed (argv[i], listed_by, &id, error);
          return;
        }
}

static int
run_command (const Command  *command,
             const char     *database,
             int             argc,
             char          **argv)
{
  Invocation inv = { 0 };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = command_full_name (command);
  g_autofree char **original_argv = NULL;   /* borrowed strings */
  int status = CLI_EXIT_OK;

  inv.command = command;
  if (command->record_type != NULL)
    {
      inv.record_class = g_type_class_ref (command->record_type ());
      g_assert (inv.record_class->n_fields <= MAX_FIELDS);
    }

  context = command_context_new (&inv, strings);
  original_argv = g_new0 (char *, (gsize) argc + 1);
  memcpy (original_argv, argv, sizeof (char *) * (gsize) argc);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      explain_parse_error (command, original_argv, &error);
      goto out;
    }

  if (inv.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      goto out;
    }

  inv.args = argv + 1;
  inv.n_args = (guint) argc - 1;
  if (inv.n_args < command->n_args)
    {
      usage_error (&error, _("%s is missing."), _(command->parameters));
      goto out;
    }
  if (inv.n_args > command->n_args)
    {
      g_autofree char *shown = echo_value (inv.args[command->n_args]);

      usage_error (&error, _("Unexpected argument “%s”."), shown);
      goto out;
    }

  /* A malformed id is a usage error, whatever the database holds */
  if (command->flags & WITH_ID)
    {
      gint64 id;

      if (!(g_strcmp0 (command->group, "client") == 0 && looks_like_file_number (inv.args[0])) &&
          !parse_id_listed (inv.args[0], id_listed_by (command->group), &id, &error))
        goto out;
    }

  if (!check_command_options (&inv, &error))
    goto out;
  if (verbose)
    g_log_set_debug_enabled (TRUE);

  inv.database = inv.database_option ? inv.database_option : database;
  if (!open_store (&inv, &error))
    goto out;
  if (!command->run (&inv, &error) && error == NULL)
    g_set_error (&error, REDRESS_ERROR, REDRESS_ERROR_FAILED, _("The command failed."));

out:
  g_set_prgname (PROGRAM);
  if (error != NULL)
    status = report_error (error, full_name);
  invocation_clear (&inv);
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
  const Command *command;
  const char *word;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, _("Use the database FILE"), _("FILE") },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose,
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
  append_wrapped (description, _("Run “redress-cli help COMMAND” or “redress-cli COMMAND --help” "
                                 "for the options of a command."));
  append_wrapped (description, hint);
  append_wrapped (description, _("Errors are printed on standard error. The exit status is 1 when "
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
          g_autofree char *short_topic = echo_value (shown);

          usage_error (&error, _("There is no help about “%s”: it is not a command."), short_topic);
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
          g_autofree char *shown = echo_value (sub);

          g_printerr (_("%s: “%s %s” is not a command.\n\n"), PROGRAM, word, shown);
          g_printerr ("%s", text);
          return CLI_EXIT_USAGE;
        }
      return run_command (command, database, argc - 2, argv + 2);
    }

  command = find_command (NULL, word);
  if (command == NULL)
    {
      g_autofree char *shown = echo_value (word);

      usage_error (&error, _("“%s” is not a command."), shown);
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

  return run (argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the files of redress-cli share inside src/cli: the description of
 * a command (CliCommand), what a run of it receives (CliRun), the option
 * sets several commands take, and the helpers that write text and JSON.
 *
 * redress-cli.c holds main(), the global options and the table of every
 * command; each redress-cli-GROUP.c defines its commands, parses into its
 * own small options struct and runs them.
 */

#include <stdio.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define PROGRAM "redress-cli"

enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_ERROR = 1,
  CLI_EXIT_USAGE = 2,
  CLI_EXIT_INTERRUPTED = 130,   /* 128 + SIGINT, as shells report it */
};

typedef enum
{
  CLI_STORE_NONE,      /* works on the file itself (restore, detect) */
  CLI_STORE_EXISTING,  /* reads: the database must already exist */
  CLI_STORE_CREATE,    /* writes: the database is created if needed */
} CliStoreNeed;

typedef struct _CliCommand CliCommand;

/* One option context under construction: its entries, the lists printed
 * under them, and the texts built at run time that they point to */
typedef struct
{
  GArray *entries;       /* GOptionEntry */
  GString *description;
  GPtrArray *strings;    /* owned, kept until the context is freed */
} CliOptionSet;

/* What one run of a command received */
typedef struct
{
  const CliCommand *command;
  RedressStore *store;       /* NULL for CLI_STORE_NONE */
  const char *database;      /* NULL for the default location */
  char **args;               /* positional arguments (borrowed) */
  guint n_args;
} CliRun;

/*
 * A command: its name and help, and how it is run.  @options_new creates
 * the command's own options struct and adds its entries to the set;
 * @check looks at the options before the database is opened (a malformed
 * value is a usage error, whatever the database holds); @run does the work.
 */
struct _CliCommand
{
  const char *group;          /* "client", "case", "document", "firm", or NULL */
  const char *name;
  const char *parameters;     /* translatable, e.g. "ID" */
  guint n_args;
  const char *summary;        /* translatable */
  const char *description;    /* translatable, nullable */
  gboolean takes_id;          /* the first argument is the id of a record */
  CliStoreNeed store;
  gpointer (*options_new) (const CliCommand *command,
                           CliOptionSet     *set);     /* nullable */
  GDestroyNotify options_free;                         /* nullable */
  gboolean (*check) (const CliCommand *command,
                     gpointer          options,
                     GError          **error);         /* nullable */
  gboolean (*run) (CliRun   *run,
                   gpointer  options,
                   GError  **error);
  gconstpointer data;         /* the command's own (which record, ...) */
};

/* The commands, by group (redress-cli-GROUP.c) */
extern const CliCommand cli_client_add, cli_client_list, cli_client_show, cli_client_set,
                        cli_client_archive, cli_client_unarchive, cli_client_delete;
extern const CliCommand cli_case_add, cli_case_list, cli_case_show, cli_case_set,
                        cli_case_archive, cli_case_unarchive, cli_case_delete;
extern const CliCommand cli_firm_set, cli_firm_show;
extern const CliCommand cli_remedies, cli_deadlines;
extern const CliCommand cli_import, cli_documents, cli_search,
                        cli_document_export, cli_document_ocr, cli_document_remove;
extern const CliCommand cli_detect, cli_grounds;
extern const CliCommand cli_checklist, cli_outline;
extern const CliCommand cli_check, cli_backup, cli_restore;
extern const CliCommand cli_demo;
extern const CliCommand cli_office_init, cli_office_check, cli_office_push;

/* redress-cli.c: --verbose */
extern gboolean cli_verbose;

/* Output (redress-cli-output.c) ------------------------------------------ */

void     cli_usage_error          (GError             **error,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (2, 3);
void     cli_write_text           (FILE                *stream,
                                   const char          *text,
                                   gboolean             sanitize);
char    *cli_echo_value           (const char          *value);
void     cli_append_padded        (GString             *out,
                                   const char          *text,
                                   guint                width);
void     cli_append_wrapped_width (GString             *out,
                                   const char          *text,
                                   glong                width);
void     cli_append_wrapped       (GString             *out,
                                   const char          *text);
char    *cli_join_words           (const char * const  *words);
void     cli_add_pair             (GPtrArray           *pairs,
                                   const char          *label,
                                   char                *value);
void     cli_print_pairs_indented (GPtrArray           *pairs,
                                   guint                indent,
                                   gboolean             wrap);
void     cli_print_pairs          (GPtrArray           *pairs);
void     cli_print_table          (const char * const  *headers,
                                   guint                n_columns,
                                   GPtrArray           *rows);
char    *cli_format_timestamp     (const char          *iso);
char    *cli_display_value        (const RedressFieldDef *def,
                                   const char          *value);
void     cli_add_field_pairs      (GPtrArray           *pairs,
                                   RedressRecord       *record);
void     cli_print_events         (GPtrArray           *events);
void     cli_print_changes        (const char          *what,
                                   GPtrArray           *changed);
gboolean cli_parse_id_listed      (const char          *text,
                                   const char          *listed_by,
                                   gint64              *id,
                                   GError             **error);
const char *cli_id_listed_by      (const char          *group);

/* JSON (redress-cli-json.c) ---------------------------------------------- */

void cli_print_json             (JsonBuilder   *builder);
void cli_json_add_string_or_null (JsonBuilder  *builder,
                                  const char   *name,
                                  const char   *value);
void cli_json_add_id_or_null    (JsonBuilder   *builder,
                                 const char    *name,
                                 gint64         id);
void cli_json_add_int_or_null   (JsonBuilder   *builder,
                                 const char    *name,
                                 gboolean       is_set,
                                 int            value);
void cli_json_add_fields        (JsonBuilder   *builder,
                                 RedressRecord *record);
void cli_json_add_timestamps    (JsonBuilder   *builder,
                                 RedressRecord *record);
void cli_json_add_client_members (JsonBuilder  *builder,
                                  RedressClient *client);
void cli_json_add_case          (JsonBuilder   *builder,
                                 RedressCase   *kase);
void cli_json_add_events        (JsonBuilder   *builder,
                                 GPtrArray     *events);

/* Option sets (redress-cli-options.c) ------------------------------------ */

void cli_option_set_add          (CliOptionSet *set,
                                  const char   *long_name,
                                  GOptionArg    arg,
                                  gpointer      arg_data,
                                  const char   *description,
                                  const char   *arg_description);
void cli_option_set_add_hidden   (CliOptionSet *set,
                                  const char   *long_name,
                                  GOptionArg    arg,
                                  gpointer      arg_data,
                                  const char   *description,
                                  const char   *arg_description);
const char *cli_option_set_keep  (CliOptionSet *set,
                                  char         *text);

/* --FIELD VALUE for each field of a record (--family-name, --stage, ...) */
#define CLI_MAX_FIELDS 16

typedef struct
{
  RedressRecordClass *record_class;   /* a reference */
  char *values[CLI_MAX_FIELDS];       /* --FIELD VALUE */
  gboolean set_true[CLI_MAX_FIELDS];  /* --decided-in-canada */
  gboolean set_false[CLI_MAX_FIELDS]; /* --outside-canada */
} CliFieldOptions;

void     cli_field_options_init     (CliFieldOptions  *fields,
                                     GType             record_type);
void     cli_field_options_clear    (CliFieldOptions  *fields);
void     cli_field_options_add      (CliFieldOptions  *fields,
                                     CliOptionSet     *set,
                                     gboolean          adding);
gboolean cli_field_options_any      (CliFieldOptions  *fields);
gboolean cli_field_options_check_required (CliFieldOptions *fields,
                                     RedressRecord    *fresh,
                                     GError          **error);
gboolean cli_field_options_apply    (CliFieldOptions  *fields,
                                     RedressRecord    *record,
                                     GPtrArray        *changed,
                                     GError          **error);

/* --case ID, required */
typedef struct
{
  char *text;
  gint64 id;
} CliCaseOption;

void     cli_case_option_add        (CliCaseOption    *option,
                                     CliOptionSet     *set);
gboolean cli_case_option_check      (CliCaseOption    *option,
                                     GError          **error);

/* --today YYYY-MM-DD */
typedef struct
{
  char *text;
  GDate date;
} CliTodayOption;

void     cli_today_option_add       (CliTodayOption   *option,
                                     CliOptionSet     *set);
gboolean cli_today_option_check     (CliTodayOption   *option,
                                     GError          **error);

void     cli_json_option_add        (gboolean         *json,
                                     CliOptionSet     *set);

/* Records (redress-cli-records.c, -clients.c, -cases.c) ------------------ */

/* What the record commands parse into; @fields.record_class is NULL for a
 * command that sets no field */
typedef struct
{
  CliFieldOptions fields;
  gboolean json;
  gboolean archived;
  char *search;
  char *client;               /* --client ID or file number */
} CliRecordOptions;

/* A record being shown, with what its page lists */
typedef struct
{
  RedressRecord *record;
  RedressClient *client;      /* a case's client */
  GPtrArray *cases;           /* a client's cases */
  GPtrArray *events;          /* its timeline */
} CliRecordShow;

/*
 * What makes the record commands (show, set, archive, unarchive, delete)
 * differ from one class of record to the other; the commands' data.
 */
typedef struct
{
  GType (*get_type) (void);
  const char *nothing_to_change;      /* translatable: "set" without an option */
  gboolean timeline_by_client;        /* its events are the client's, not the case's */
  RedressRecord *(*find) (RedressStore  *store,
                          const char    *text,
                          GError       **error);
  char *(*title) (RedressRecord *record);
  gboolean (*update) (RedressStore   *store,
                      RedressRecord  *record,
                      GError        **error);
  /* show: what else is read, the JSON members before "events", the lines
   * before the fields, and what is printed after them */
  gboolean (*show_load) (CliRecordShow  *show,
                         RedressStore   *store,
                         GError        **error);
  void (*show_json) (CliRecordShow *show,
                     JsonBuilder   *builder);
  void (*show_head) (CliRecordShow *show,
                     GPtrArray     *pairs);
  void (*show_tail) (CliRecordShow *show);
  /* delete: what is printed once it is gone (read before) */
  char *(*deleted_message) (RedressRecord *record,
                            const char    *title);
} CliRecordKind;

extern const CliRecordKind cli_client_kind;
extern const CliRecordKind cli_case_kind;

gpointer cli_record_options_new_json   (const CliCommand *command,
                                        CliOptionSet     *set);
gpointer cli_record_options_new_fields (const CliCommand *command,
                                        CliOptionSet     *set);
CliRecordOptions *cli_record_options_new (GType           record_type);
void     cli_record_options_free       (gpointer          options);
gboolean cli_record_show               (CliRun           *run,
                                        gpointer          options,
                                        GError          **error);
gboolean cli_record_set                (CliRun           *run,
                                        gpointer          options,
                                        GError          **error);
gboolean cli_record_archive            (CliRun           *run,
                                        gpointer          options,
                                        GError          **error);
gboolean cli_record_unarchive          (CliRun           *run,
                                        gpointer          options,
                                        GError          **error);
gboolean cli_record_delete             (CliRun           *run,
                                        gpointer          options,
                                        GError          **error);

char          *cli_client_title (RedressClient  *client);
char          *cli_case_title   (RedressCase    *kase);
RedressClient *cli_find_client  (RedressStore   *store,
                                 const char     *text,
                                 GError        **error);
gboolean       cli_looks_like_file_number (const char *text);

/* PDFs: passwords and the reasons a PDF is refused (redress-cli-pdf.c) ---- */

/* A password: wiped before it is freed */
typedef char CliPassword;

void         cli_password_free      (CliPassword *password);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliPassword, cli_password_free)

void         cli_password_option_add (char        **password,
                                      CliOptionSet *set);
void         cli_password_option_clear (char      **password);
gboolean     cli_password_get       (const char   *given,
                                     gboolean      check_length,
                                     CliPassword **password,
                                     GError      **error);
void         cli_explain_pdf_error  (GError      **error,
                                     const char   *path,
                                     gboolean      password_given,
                                     gboolean      reading);

/* Grounds (redress-cli-grounds.c) ----------------------------------------- */

char *cli_ground_title (const char *code);

G_END_DECLS

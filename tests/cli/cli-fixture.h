/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the CLI tests share: a fresh temporary folder per test (Fixture),
 * running the built redress-cli (path in $REDRESS_CLI) as a script would
 * and reading its output (Result, JSON), looking into the database it left,
 * and the records, PDFs and cases several test groups start from.
 */

#include <grp.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <poppler.h>

#include "test-pdf-util.h"

G_BEGIN_DECLS

extern const char *cli_path;

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

void result_free (Result *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

#define assert_status(r, expected)                                         \
  G_STMT_START {                                                           \
    if ((r)->status != (expected))                                         \
      g_test_message ("stdout: %s\nstderr: %s", (r)->out, (r)->err);       \
    g_assert_cmpint ((r)->status, ==, (expected));                         \
  } G_STMT_END

/* An error: exit status, "redress-cli: " on stderr, and @needle in it */
#define assert_error(r, expected, needle)                                  \
  G_STMT_START {                                                           \
    assert_status (r, expected);                                           \
    g_assert_true (g_str_has_prefix ((r)->err, "redress-cli: "));          \
    if (strstr ((r)->err, (needle)) == NULL)                               \
      g_test_message ("stderr: %s", (r)->err);                             \
    g_assert_nonnull (strstr ((r)->err, (needle)));                        \
  } G_STMT_END

void remove_tree (const char *path);

void fixture_setup (Fixture       *f,
                    gconstpointer  data);

void fixture_teardown (Fixture       *f,
                       gconstpointer  data);

char *fixture_path (Fixture    *f,
                    const char *name);

Result *run_argv_full (Fixture            *f,
                       gboolean            with_db,
                       const char         *env_name,
                       const char         *env_value,
                       const char         *input,
                       GBytes            **raw_out,
                       const char * const *args);

Result *run_argv (Fixture            *f,
                  gboolean            with_db,
                  const char         *env_name,
                  const char         *env_value,
                  const char * const *args);

Result *run_cli (Fixture    *f,
                 const char *first,
                 ...) G_GNUC_NULL_TERMINATED;

gint64 last_line_id (Result *r);

JsonNode *parse_json (const char *text);

/* Runs a command that prints JSON, checks it succeeded, returns the JSON */
JsonNode *run_json (Fixture    *f,
                    const char *first,
                    ...) G_GNUC_NULL_TERMINATED;

gint64 add_client (Fixture    *f,
                   const char *family,
                   const char *given);

gint64 add_case (Fixture    *f,
                 gint64      client_id,
                 const char *type,
                 const char *decision);

guint count_clients (Fixture  *f,
                     gboolean  archived);

JsonObject *node_object (JsonNode *node);

const char *member_string (JsonObject *object,
                           const char *name);

char *file_sha256 (const char *path);

void sql_exec (const char *path,
               const char *sql);

int sql_count (const char *path,
               const char *sql);

GPtrArray *files_with_prefix (Fixture    *f,
                              const char *prefix);

guint count_lines (const char *text);

char *iso_add_days (const char *iso,
                    int         days);

int iso_days_between (const char *from,
                      const char *to);

gint64 member_int (JsonObject *object,
                   const char *name);

gboolean member_bool (JsonObject *object,
                      const char *name);

JsonObject *find_remedy (JsonObject *shown,
                         const char *code);

gint64 add_case_with (Fixture    *f,
                      gint64      client_id,
                      const char *type,
                      gboolean    in_canada,
                      const char *decision,
                      const char *received);

gint64 add_case_for (Fixture    *f,
                     const char *family,
                     const char *given);

gint64 import_pdf (Fixture    *f,
                   gint64      case_id,
                   const char *kind,
                   const char *path);

/* A visitor visa refusal: a preamble naming every factor an officer may
 * consider (not grounds), then one ground, family ties, under R179(b) */
#define REFUSAL_GROUND_SENTENCE \
  "I am not satisfied that you will leave Canada at the end of your stay as a temporary " \
  "resident as stipulated in paragraph 179(b) of the IRPR based on your family ties in " \
  "Canada and in your country of residence."

char *write_refusal_pdf (Fixture    *f,
                         const char *name);

gint64 add_checklist_case (Fixture    *f,
                           const char *path);

JsonArray *checklist_items (JsonNode *root);

void damage_table (const char *path,
                   const char *table);

/* Each test executable's main(): g_test_init() and $REDRESS_CLI, then the
 * tests it added */
gboolean cli_fixture_init (int    *argc,
                           char ***argv);
int      cli_fixture_run  (void);

#define CLI_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

G_END_DECLS

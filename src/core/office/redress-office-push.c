/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-office"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-db-private.h"
#include "redress-error.h"
#include "redress-office-push.h"

/*
 * Pushing a consultant's local database (SQLite) into the office database
 * (PostgreSQL), all or nothing.
 *
 * The local file is opened read only, with the checks a backup's restore
 * makes (a Redress database, not newer than this Redress, undamaged, with
 * the tables its version claims), and read in one transaction, so that
 * the copy is of one moment even if Redress is writing to it.  It must be
 * at this Redress's schema: an older one is opened once with Redress
 * first (which brings it up to date), since the push never writes to it.
 *
 * Everything is written in one PostgreSQL transaction: the firm profile
 * (only if the office has none: the office's own is kept), the file
 * number counters (the greater of both, so that the office never hands
 * out a number a pushed file has), then every client file, case, event,
 * document (its bytes once per content, shared with any identical
 * document already in the office), page (its search vector made by the
 * pages_index trigger), the words OCR read, the previews, the grounds,
 * the evidence and the checklist items.  The office gives each record a
 * new id (RETURNING id): the ids of the local database are mapped, never
 * reused, and nothing already in the office is changed.  Records keep
 * their local dates, and the timeline its local actors and moments; the
 * office stamps each record as changed by the role that pushed it.
 *
 * A client file whose file number the office already has refuses the
 * whole push before anything is written, naming the numbers: the same
 * file pushed twice, or two consultants' numbering colliding, is for a
 * person to sort out (renumber the local files, or push only once).
 *
 * Before COMMIT the office is read back: the rows of each table reached
 * from the pushed clients must be as many as the local database's, and
 * the SHA-256 of every pushed document's bytes, computed by the server
 * from what it stores, must be the one the local database records (and
 * the local bytes were checked against it while they were read).  Any
 * difference rolls everything back.
 */

G_DEFINE_QUARK (redress-office-push-error-quark, redress_office_push_error)

typedef enum
{
  MAP_NONE,
  MAP_CLIENT,
  MAP_CASE,
  MAP_EVENT,
  MAP_DOCUMENT,
  MAP_PAGE,
  N_MAPS,
} MapKind;

#define MAX_PARAMS 20

/* How one table is copied: @select (SQLite) gives the local id first when
 * @records is set, then the values of @insert's parameters in order;
 * @maps says which parameters are ids of another table, @binary which are
 * bytes.  Written once for each local row, unless @optional (ON CONFLICT
 * DO NOTHING / UPDATE: the office may hold it already). */
typedef struct
{
  const char *table;
  const char *select;
  const char *insert;
  MapKind records;
  guint n_params;
  MapKind maps[MAX_PARAMS];
  gboolean binary[MAX_PARAMS];
  gboolean optional;
  gboolean check_blob;   /* blobs: $3's SHA-256 must be $1 */
} TableCopy;

static const TableCopy copies[] = {
  { "firm",
    "SELECT name, address, phone, email, licence, archived, created_at, updated_at FROM firm",
    "INSERT INTO firm (id, name, address, phone, email, licence, archived, created_at, "
    "updated_at) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
    MAP_NONE, 8, { 0 }, { 0 }, TRUE, FALSE },
  { "file_numbers",
    "SELECT year, last FROM file_numbers",
    "INSERT INTO file_numbers (year, last) VALUES ($1, $2) ON CONFLICT (year) "
    "DO UPDATE SET last = greatest (file_numbers.last, excluded.last)",
    MAP_NONE, 2, { 0 }, { 0 }, TRUE, FALSE },
  { "clients",
    "SELECT id, file_number, family_name, given_names, date_of_birth, uci, email, phone, "
    "country_of_residence, citizenship, language, notes, archived, deleted_at, created_at, "
    "updated_at, sort_key, search_key FROM clients ORDER BY id",
    "INSERT INTO clients (file_number, family_name, given_names, date_of_birth, uci, email, "
    "phone, country_of_residence, citizenship, language, notes, archived, deleted_at, "
    "created_at, updated_at, sort_key, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
    MAP_CLIENT, 17, { 0 }, { 0 }, FALSE, FALSE },
  { "cases",
    "SELECT id, client_id, application_type, decided_in_canada, decision_date, received_date, "
    "status_expiry, visa_office, ircc_number, consultant, stage, notes, archived, deleted_at, "
    "created_at, updated_at, path, notes_requested, notes_received FROM cases ORDER BY id",
    "INSERT INTO cases (client_id, application_type, decided_in_canada, decision_date, "
    "received_date, status_expiry, visa_office, ircc_number, consultant, stage, notes, "
    "archived, deleted_at, created_at, updated_at, path, notes_requested, notes_received) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
    "RETURNING id",
    MAP_CASE, 18, { MAP_CLIENT }, { 0 }, FALSE, FALSE },
  { "events",
    "SELECT id, at, actor, entity, client_id, case_id, kind, field, old_value, new_value "
    "FROM events ORDER BY id",
    "INSERT INTO events (at, actor, entity, client_id, case_id, kind, field, old_value, "
    "new_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    MAP_EVENT, 9, { 0, 0, 0, MAP_CLIENT, MAP_CASE }, { 0 }, FALSE, FALSE },
  { "blobs",
    "SELECT sha256, size, data FROM blobs ORDER BY sha256",
    "INSERT INTO blobs (sha256, size, data) VALUES ($1, $2, $3) "
    "ON CONFLICT (sha256) DO NOTHING",
    MAP_NONE, 3, { 0 }, { FALSE, FALSE, TRUE }, TRUE, TRUE },
  { "documents",
    "SELECT id, case_id, kind, file_name, sha256, n_pages, has_text, pages_without_text, "
    "deleted_at, created_at, updated_at FROM documents ORDER BY id",
    "INSERT INTO documents (case_id, kind, file_name, sha256, n_pages, has_text, "
    "pages_without_text, deleted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10) RETURNING id",
    MAP_DOCUMENT, 10, { MAP_CASE }, { 0 }, FALSE, FALSE },
  { "pages",
    "SELECT id, document_id, page_no, text, width, height, rotation, text_source, redacted, "
    "ocr_language FROM pages ORDER BY id",
    "INSERT INTO pages (document_id, page_no, text, width, height, rotation, text_source, "
    "redacted, ocr_language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    MAP_PAGE, 9, { MAP_DOCUMENT }, { 0 }, FALSE, FALSE },
  { "page_words",
    "SELECT page_id, n_words, words FROM page_words ORDER BY page_id",
    "INSERT INTO page_words (page_id, n_words, words) VALUES ($1, $2, $3)",
    MAP_NONE, 3, { MAP_PAGE }, { FALSE, FALSE, TRUE }, FALSE, FALSE },
  { "page_previews",
    "SELECT sha256, page_no, width, height, png FROM page_previews ORDER BY sha256, page_no",
    "INSERT INTO page_previews (sha256, page_no, width, height, png) VALUES ($1, $2, $3, $4, "
    "$5) ON CONFLICT (sha256, page_no) DO NOTHING",
    MAP_NONE, 5, { 0 }, { FALSE, FALSE, FALSE, FALSE, TRUE }, TRUE, FALSE },
  { "case_grounds",
    "SELECT id, case_id, code, state, origin, provision, quote, document_id, page, "
    "quote_start, quote_end, created_at, updated_at, source, entry_date, in_letter, end_page, "
    "end_offset FROM case_grounds ORDER BY id",
    "INSERT INTO case_grounds (case_id, code, state, origin, provision, quote, document_id, "
    "page, quote_start, quote_end, created_at, updated_at, source, entry_date, in_letter, "
    "end_page, end_offset) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
    "$14, $15, $16, $17)",
    MAP_NONE, 17, { MAP_CASE, 0, 0, 0, 0, 0, MAP_DOCUMENT }, { 0 }, FALSE, FALSE },
  { "evidence",
    "SELECT id, case_id, code, document_id, page, quote, quote_start, quote_end, created_at "
    "FROM evidence ORDER BY id",
    "INSERT INTO evidence (case_id, code, document_id, page, quote, quote_start, quote_end, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    MAP_NONE, 8, { MAP_CASE, 0, MAP_DOCUMENT }, { 0 }, FALSE, FALSE },
  { "checklist_items",
    "SELECT id, case_id, path, code, template, text, state, due, note, position, edited, "
    "removed_at, created_at, updated_at FROM checklist_items ORDER BY id",
    "INSERT INTO checklist_items (case_id, path, code, template, text, state, due, note, "
    "position, edited, removed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10, $11, $12, $13)",
    MAP_NONE, 13, { MAP_CASE }, { 0 }, FALSE, FALSE },
};

/* case_grounds, evidence and checklist_items select their local id first
 * too (for messages), without a map: see copy_table() */
static gboolean
selects_id (const TableCopy *copy)
{
  return copy->records != MAP_NONE || g_str_has_prefix (copy->select, "SELECT id,");
}

/* What the office must hold after the copy, reached from the pushed
 * clients ($1) and events ($2): one count for each table, in the order of
 * the local counts below */
static const char *verify_counts =
  "SELECT"
  " (SELECT count(*) FROM clients WHERE id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM cases WHERE client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM events WHERE id = ANY ($2::bigint[])),"
  " (SELECT count(*) FROM documents d JOIN cases c ON c.id = d.case_id"
  "   WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id"
  "   JOIN cases c ON c.id = d.case_id WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM page_words w JOIN pages p ON p.id = w.page_id"
  "   JOIN documents d ON d.id = p.document_id JOIN cases c ON c.id = d.case_id"
  "   WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM case_grounds g JOIN cases c ON c.id = g.case_id"
  "   WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM evidence e JOIN cases c ON c.id = e.case_id"
  "   WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM checklist_items i JOIN cases c ON c.id = i.case_id"
  "   WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(DISTINCT b.sha256) FROM blobs b JOIN documents d ON d.sha256 = b.sha256"
  "   JOIN cases c ON c.id = d.case_id WHERE c.client_id = ANY ($1::bigint[])),"
  " (SELECT count(*) FROM firm)";

static const char *local_counts =
  "SELECT"
  " (SELECT count(*) FROM clients),"
  " (SELECT count(*) FROM cases),"
  " (SELECT count(*) FROM events),"
  " (SELECT count(*) FROM documents),"
  " (SELECT count(*) FROM pages),"
  " (SELECT count(*) FROM page_words),"
  " (SELECT count(*) FROM case_grounds),"
  " (SELECT count(*) FROM evidence),"
  " (SELECT count(*) FROM checklist_items),"
  " (SELECT count(DISTINCT sha256) FROM documents),"
  " (SELECT count(*) FROM firm),"
  " (SELECT coalesce (sum (b.size), 0) FROM documents d JOIN blobs b ON b.sha256 = d.sha256),"
  " (SELECT count(*) FROM file_numbers),"
  " (SELECT count(*) FROM blobs),"
  " (SELECT count(*) FROM page_previews)";

static const char *count_names[] = {  /* as the counts of the enum below */
  "clients", "cases", "events", "documents", "pages", "page_words", "case_grounds",
  "evidence", "checklist_items", "blobs", "firm",
};

enum
{
  COUNT_CLIENTS, COUNT_CASES, COUNT_EVENTS, COUNT_DOCUMENTS, COUNT_PAGES, COUNT_PAGE_WORDS,
  COUNT_GROUNDS, COUNT_EVIDENCE, COUNT_CHECKLIST, COUNT_DOCUMENT_BLOBS, COUNT_FIRM,
  N_VERIFIED,
  COUNT_BYTES = N_VERIFIED,
  COUNT_FILE_NUMBERS, COUNT_BLOBS, COUNT_PREVIEWS,
  N_COUNTS,
};

typedef struct
{
  RedressOffice *office;
  sqlite3 *source;
  const char *path;
  GHashTable *maps[N_MAPS];     /* local id (gint64 *) -> office id (char *) */
  GString *ids[N_MAPS];         /* the office ids, "{1,2,3}" */
  GHashTable *document_sha256;  /* office id of a document -> its local SHA-256 */
  gint64 counts[N_COUNTS];
  guint64 done;
  guint64 total;
  RedressOfficePushProgress progress;
  gpointer user_data;
} Push;

static void
push_clear (Push *push)
{
  for (guint i = 0; i < N_MAPS; i++)
    {
      g_clear_pointer (&push->maps[i], g_hash_table_unref);
      if (push->ids[i] != NULL)
        g_string_free (g_steal_pointer (&push->ids[i]), TRUE);
    }
  g_clear_pointer (&push->document_sha256, g_hash_table_unref);
  g_clear_pointer (&push->source, sqlite3_close);
}

/* The local database ------------------------------------------------------ */

static gboolean
source_error (Push     *push,
              int       rc,
              GError  **error)
{
  return redress_db_set_error (push->source, rc, push->path, error);
}

/**
 * redress_office_push_check_path:
 * @path: the local database to push
 *
 * Says at once, before any connection to the office, that @path is a
 * folder or names no file; what the file holds is checked by the push.
 */
gboolean
redress_office_push_check_path (const char *path,
                                GError    **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("“%s” is a folder, not a database file."), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_OPEN,
                   _("There is no file “%s” to push."), path);
      return FALSE;
    }
  return TRUE;
}

/* Opens @path read only and checks it as a restore checks a backup */
static gboolean
open_source (Push        *push,
             GError     **error)
{
  int version = 0;
  int n_objects = 0;

  if (!redress_office_push_check_path (push->path, error))
    return FALSE;

  push->source = redress_db_open_connection (push->path, SQLITE_OPEN_READONLY, error);
  if (push->source == NULL ||
      !redress_db_check_identity (push->source, push->path, &version, error) ||
      !redress_db_pragma_int (push->source, "SELECT count(*) FROM sqlite_master", push->path,
                              &n_objects, error))
    return FALSE;
  if (version == 0 || n_objects == 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_REDRESS,
                   _("“%s” is empty: it is not a Redress database, so there is nothing to "
                     "push."), push->path);
      return FALSE;
    }
  if (!redress_db_integrity_check (push->source, push->path, error) ||
      !redress_db_check_schema (push->source, push->path, version, error))
    return FALSE;
  if (version < redress_db_latest_version ())
    {
      g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_SOURCE_OUTDATED,
                   _("“%s” was written by an older Redress (schema %d): open it once with this "
                     "version (for example “redress-cli --database FILE check”) to bring it up "
                     "to date, then push it. Nothing was pushed."),
                   push->path, version);
      return FALSE;
    }
  /* One moment of the file, whatever writes to it meanwhile */
  return redress_db_exec_on (push->source, "BEGIN", push->path, error) &&
         redress_db_exec_on (push->source, "SELECT count(*) FROM sqlite_master", push->path,
                             error);
}

static gboolean
read_local_counts (Push     *push,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (push->source, local_counts, -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < N_COUNTS; i++)
        push->counts[i] = sqlite3_column_int64 (stmt, i);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return source_error (push, rc, error);

  push->total = push->counts[COUNT_FILE_NUMBERS] + push->counts[COUNT_BLOBS] +
                push->counts[COUNT_PREVIEWS];
  for (int i = 0; i < N_VERIFIED; i++)
    if (i != COUNT_DOCUMENT_BLOBS)
      push->total += push->counts[i];
  return TRUE;
}

/* Adds @value to @array, a PostgreSQL array literal without its closing
 * brace ("{"a","b"") */
static void
append_array_item (GString    *array,
                   const char *value)
{
  g_string_append_c (array, array->len > 0 ? ',' : '{');
  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

static char *
close_array (GString *array)
{
  if (array->len == 0)
    return g_strdup ("{}");
  return g_strconcat (array->str, "}", NULL);
}

/* A client file in the office with a file number of a local one refuses
 * the push, before anything is written */
static gboolean
check_file_numbers (Push     *push,
                    GError  **error)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GString) clashing = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *array = NULL;
  const char *values[1];
  sqlite3_stmt *stmt = NULL;
  int rc;
  int n;

  rc = sqlite3_prepare_v2 (push->source, "SELECT file_number FROM clients", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      append_array_item (numbers, (const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return source_error (push, rc, error);

  array = close_array (numbers);
  values[0] = array;
  result = redress_office_query (push->office,
                                 "SELECT file_number FROM clients "
                                 "WHERE file_number = ANY ($1::text[]) ORDER BY file_number",
                                 1, values, error);
  if (result == NULL)
    return FALSE;
  n = PQntuples (result);
  if (n == 0)
    return TRUE;

  for (int i = 0; i < n && i < 10; i++)
    {
      if (i > 0)
        g_string_append (clashing, _(", "));
      g_string_append (clashing, PQgetvalue (result, i, 0));
    }
  if (n > 10)
    /* Translators: after a list of the first ten file numbers */
    g_string_append_printf (clashing, g_dngettext (GETTEXT_PACKAGE, " and %d more",
                                                   " and %d more", n - 10), n - 10);
  g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_CLASH,
               g_dngettext (GETTEXT_PACKAGE,
                            "The office database already holds a client file numbered %s, "
                            "so nothing was pushed: the file was pushed before, or the office "
                            "gave its number to another client. Renumber the local file or "
                            "leave it out.",
                            "The office database already holds client files numbered %s, so "
                            "nothing was pushed: they were pushed before, or the office gave "
                            "their numbers to other clients. Renumber the local files or leave "
                            "them out.", n),
               clashing->str);
  return FALSE;
}

/* Copying ----------------------------------------------------------------- */

static void
report_progress (Push *push)
{
  push->done++;
  if (push->progress != NULL)
    push->progress (push->done, push->total, push->user_data);
}

/* Checks a blob's bytes against its name as they are read */
static gboolean
check_blob (Push        *push,
            const char  *sha256,
            const void  *data,
            int          size,
            GError     **error)
{
  g_autofree char *actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  if (g_strcmp0 (actual, sha256) == 0)
    return TRUE;
  g_debug ("%s: blob %s holds bytes of SHA-256 %s", push->path, sha256, actual);
  g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_SOURCE_DAMAGED,
               _("A document’s bytes in “%s” are not those it was imported with, so nothing "
                 "was pushed: restore the file from a backup."), push->path);
  return FALSE;
}

/* A row sent in the pipeline, not yet answered */
typedef struct
{
  gint64 local_id;
  char *key;       /* its first value, for messages, without a local id */
  char *sha256;    /* documents: the local SHA-256 */
} Pending;

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_free (pending->key);
  g_free (pending->sha256);
}

/* Rows sent before their answers are read: a round trip for each batch,
 * not for each row (what a server across the network needs).  The
 * answers are small (an id), so the server never waits on us to read
 * them while we send. */
#define BATCH_ROWS 100
#define BATCH_BYTES (8 * 1024 * 1024)

static gboolean
send_row (Push             *push,
          const TableCopy  *copy,
          GArray           *batch,
          gint64            local_id,
          const char      **values,
          const int        *lengths,
          const int        *formats,
          GError          **error)
{
  PGconn *conn = redress_office_get_connection (push->office);
  Pending pending = { local_id, NULL, NULL };

  if (!PQsendQueryParams (conn, copy->insert, (int) copy->n_params, NULL, values, lengths,
                          formats, 0))
    return redress_office_set_result_error (push->office, NULL, error);
  if (local_id == 0)
    pending.key = g_strdup (values[0] ? values[0] : "");
  if (copy->records == MAP_DOCUMENT)
    pending.sha256 = g_strdup (values[3]);
  g_array_append_val (batch, pending);
  return TRUE;
}

/* The answer to one row */
static gboolean
take_answer (Push             *push,
             const TableCopy  *copy,
             Pending          *pending,
             PGresult         *result,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  ExecStatusType status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  const char *office_id;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      redress_office_set_result_error (push->office, result, &local_error);
      if (local_error->domain == REDRESS_OFFICE_ERROR &&
          local_error->code == REDRESS_OFFICE_ERROR_FAILED)
        {
          g_autofree char *id = pending->key != NULL
                                ? g_strdup (pending->key)
                                : g_strdup_printf ("%" G_GINT64_FORMAT, pending->local_id);

          g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_REFUSED,
                       _("The office database refused a row of “%s” (%s in the local "
                         "database), so nothing was pushed. %s"),
                       copy->table, id, local_error->message);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (copy->records == MAP_NONE)
    return TRUE;
  if (PQntuples (result) != 1)
    {
      g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_REFUSED,
                   _("The office database did not keep a row of “%s”, so nothing was "
                     "pushed."), copy->table);
      return FALSE;
    }
  office_id = PQgetvalue (result, 0, 0);
  g_hash_table_insert (push->maps[copy->records],
                       g_memdup2 (&pending->local_id, sizeof pending->local_id),
                       g_strdup (office_id));
  g_string_append_c (push->ids[copy->records], push->ids[copy->records]->len ? ',' : '{');
  g_string_append (push->ids[copy->records], office_id);
  if (pending->sha256 != NULL)
    g_hash_table_insert (push->document_sha256, g_strdup (office_id),
                         g_steal_pointer (&pending->sha256));
  return TRUE;
}

/* Ends the batch: reads the answer to each row sent, then the sync.  All
 * are read even after a failure, so that the connection is ready for the
 * ROLLBACK. */
static gboolean
finish_batch (Push             *push,
              const TableCopy  *copy,
              GArray           *batch,
              GError          **error)
{
  PGconn *conn = redress_office_get_connection (push->office);
  g_autoptr(GError) first_error = NULL;
  PGresult *result;

  if (batch->len == 0)
    return TRUE;
  if (!PQpipelineSync (conn))
    {
      g_array_set_size (batch, 0);
      return redress_office_set_result_error (push->office, NULL, error);
    }

  for (guint i = 0; i < batch->len; i++)
    {
      result = PQgetResult (conn);
      if (first_error == NULL &&
          take_answer (push, copy, &g_array_index (batch, Pending, i), result, &first_error))
        report_progress (push);
      if (result == NULL)
        break;  /* the connection was lost */
      PQclear (result);
      /* Each row's answer ends with NULL */
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
    }
  /* The sync */
  while ((result = PQgetResult (conn)) != NULL)
    {
      gboolean sync = PQresultStatus (result) == PGRES_PIPELINE_SYNC;

      PQclear (result);
      if (sync)
        break;
    }
  g_array_set_size (batch, 0);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_table (Push             *push,
            const TableCopy  *copy,
            GError          **error)
{
  PGconn *conn = redress_office_get_connection (push->office);
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (Pending));
  sqlite3_stmt *stmt = NULL;
  int first = selects_id (copy) ? 1 : 0;
  gsize batch_bytes = 0;
  gboolean ok = TRUE;
  int rc;

  g_debug ("Pushing %s", copy->table);
  g_array_set_clear_func (batch, pending_clear);
  if (!PQenterPipelineMode (conn))
    return redress_office_set_result_error (push->office, NULL, error);

  rc = sqlite3_prepare_v2 (push->source, copy->select, -1, &stmt, NULL);
  while (ok && rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[MAX_PARAMS] = { NULL };
      int lengths[MAX_PARAMS] = { 0 };
      int formats[MAX_PARAMS] = { 0 };
      char numbers[MAX_PARAMS][G_ASCII_DTOSTR_BUF_SIZE];
      gint64 local_id = first ? sqlite3_column_int64 (stmt, 0) : 0;

      rc = SQLITE_OK;
      for (guint i = 0; ok && i < copy->n_params; i++)
        {
          int column = (int) i + first;
          int type = sqlite3_column_type (stmt, column);

          if (type == SQLITE_NULL)
            continue;
          if (copy->maps[i] != MAP_NONE)
            {
              gint64 id = sqlite3_column_int64 (stmt, column);

              values[i] = g_hash_table_lookup (push->maps[copy->maps[i]], &id);
              if (values[i] == NULL)
                {
                  /* A row that refers to one that was not pushed */
                  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
                               _("The database “%s” is damaged: restore it from a backup "
                                 "(redress-cli restore FILE)."), push->path);
                  ok = FALSE;
                }
            }
          else if (copy->binary[i])
            {
              values[i] = sqlite3_column_blob (stmt, column);
              lengths[i] = sqlite3_column_bytes (stmt, column);
              formats[i] = 1;
              batch_bytes += (gsize) lengths[i];
              /* An empty value is not NULL */
              if (values[i] == NULL)
                values[i] = "";
            }
          else if (type == SQLITE_FLOAT)
            values[i] = g_ascii_dtostr (numbers[i], sizeof numbers[i],
                                        sqlite3_column_double (stmt, column));
          else
            values[i] = (const char *) sqlite3_column_text (stmt, column);
        }

      ok = ok &&
           (!copy->check_blob || check_blob (push, values[0], values[2], lengths[2], error)) &&
           send_row (push, copy, batch, local_id, values, lengths, formats, error);
      if (ok && (batch->len >= BATCH_ROWS || batch_bytes >= BATCH_BYTES))
        {
          ok = finish_batch (push, copy, batch, error);
          batch_bytes = 0;
        }
    }
  sqlite3_finalize (stmt);
  if (ok && rc != SQLITE_DONE && rc != SQLITE_OK)
    ok = source_error (push, rc, error);

  /* What is still in the pipeline is answered (and dropped after a failure) */
  if (ok)
    ok = finish_batch (push, copy, batch, error);
  else
    finish_batch (push, copy, batch, NULL);
  if (!PQexitPipelineMode (conn))
    {
      g_debug ("Leaving the pipeline: %s", PQerrorMessage (conn));
      if (ok)
        ok = redress_office_set_result_error (push->office, NULL, error);
    }
  return ok;
}

/* Verifying --------------------------------------------------------------- */

static gboolean
verify (Push     *push,
        GError  **error)
{
  g_autoptr(PGresult) counts = NULL;
  g_autoptr(PGresult) hashes = NULL;
  g_autofree char *clients = close_array (push->ids[MAP_CLIENT]);
  g_autofree char *events = close_array (push->ids[MAP_EVENT]);
  g_autofree char *documents = close_array (push->ids[MAP_DOCUMENT]);
  const char *values[2] = { clients, events };
  int n;

  counts = redress_office_query (push->office, verify_counts, 2, values, error);
  if (counts == NULL)
    return FALSE;
  for (int i = 0; i < N_VERIFIED; i++)
    {
      gint64 found = g_ascii_strtoll (PQgetvalue (counts, 0, i), NULL, 10);

      /* The office's firm profile, kept, counts as the local one */
      if (i == COUNT_FIRM)
        found = MIN (found, push->counts[i]);
      if (found != push->counts[i])
        {
          g_autofree char *in_office = g_strdup_printf ("%" G_GINT64_FORMAT, found);
          g_autofree char *in_local = g_strdup_printf ("%" G_GINT64_FORMAT, push->counts[i]);

          g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_MISMATCH,
                       _("The office database holds %s rows of “%s” after the copy where the "
                         "local database has %s, so nothing was pushed."),
                       in_office, count_names[i], in_local);
          return FALSE;
        }
    }

  values[0] = documents;
  hashes = redress_office_query (push->office,
                                 "SELECT d.id, encode (sha256 (b.data), 'hex'), d.file_name "
                                 "FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                                 "WHERE d.id = ANY ($1::bigint[])",
                                 1, values, error);
  if (hashes == NULL)
    return FALSE;
  n = PQntuples (hashes);
  if (n != (int) g_hash_table_size (push->document_sha256))
    {
      g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_MISMATCH,
                   _("The office database lacks the bytes of some documents after the copy, "
                     "so nothing was pushed."));
      return FALSE;
    }
  for (int i = 0; i < n; i++)
    {
      const char *expected = g_hash_table_lookup (push->document_sha256,
                                                  PQgetvalue (hashes, i, 0));

      if (g_strcmp0 (expected, PQgetvalue (hashes, i, 1)) != 0)
        {
          g_debug ("Document %s: SHA-256 %s in the office, %s local", PQgetvalue (hashes, i, 0),
                   PQgetvalue (hashes, i, 1), expected);
          g_set_error (error, REDRESS_OFFICE_PUSH_ERROR, REDRESS_OFFICE_PUSH_ERROR_MISMATCH,
                       _("The bytes of “%s” in the office database differ from the local "
                         "ones after the copy, so nothing was pushed."),
                       PQgetvalue (hashes, i, 2));
          return FALSE;
        }
    }
  return TRUE;
}

/* Public API ------------------------------------------------------------- */

static gboolean
push_all (Push     *push,
          GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    if (!copy_table (push, &copies[i], error))
      return FALSE;
  return verify (push, error);
}

/* Whether the office has a firm profile of its own where the local
 * database has one too */
static gboolean
firm_is_kept (Push     *push,
              gboolean *kept,
              GError  **error)
{
  g_autoptr(PGresult) result = redress_office_query (push->office,
                                                     "SELECT count(*) FROM firm", 0, NULL,
                                                     error);

  if (result == NULL)
    return FALSE;
  *kept = push->counts[COUNT_FIRM] > 0 && !g_str_equal (PQgetvalue (result, 0, 0), "0");
  return TRUE;
}

/**
 * redress_office_push:
 * @path: a Redress database file (SQLite), read only
 * @progress: (nullable): called after each row copied
 * @result: (out) (optional): what was copied
 *
 * Copies everything @path holds into the office database, in one
 * transaction, and checks the copy before it commits (see the top of this
 * file).  A local database that is not a Redress one, damaged, older or
 * newer than this Redress, an office database without this Redress's
 * schema, or a client file number the office has already, refuses the
 * push; so does any difference found after the copy.  Either everything
 * is written, or nothing.
 *
 * Returns: %TRUE if everything was copied and committed
 */
gboolean
redress_office_push (RedressOffice             *self,
                     const char                *path,
                     RedressOfficePushProgress  progress,
                     gpointer                   user_data,
                     RedressOfficePushResult   *result,
                     GError                   **error)
{
  Push push = { 0 };
  gboolean firm_kept = FALSE;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  push.office = self;
  push.path = path;
  push.progress = progress;
  push.user_data = user_data;
  for (guint i = 0; i < N_MAPS; i++)
    {
      push.maps[i] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      push.ids[i] = g_string_new (NULL);
    }
  push.document_sha256 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!open_source (&push, error) ||
      !redress_office_check (self, NULL, error) ||
      !read_local_counts (&push, error))
    {
      push_clear (&push);
      return FALSE;
    }

  if (!redress_office_exec (self, "BEGIN ISOLATION LEVEL READ COMMITTED", error))
    {
      push_clear (&push);
      return FALSE;
    }
  ok = check_file_numbers (&push, error) &&
       firm_is_kept (&push, &firm_kept, error) &&
       push_all (&push, error) &&
       redress_office_exec (self, "COMMIT", error);
  if (!ok)
    redress_office_exec (self, "ROLLBACK", NULL);
  else if (result != NULL)
    {
      result->n_clients = (guint) push.counts[COUNT_CLIENTS];
      result->n_cases = (guint) push.counts[COUNT_CASES];
      result->n_documents = (guint) push.counts[COUNT_DOCUMENTS];
      result->n_pages = (guint) push.counts[COUNT_PAGES];
      result->n_events = (guint) push.counts[COUNT_EVENTS];
      result->n_bytes = (guint64) push.counts[COUNT_BYTES];
      result->firm_kept = firm_kept;
    }

  sqlite3_exec (push.source, "ROLLBACK", NULL, NULL, NULL);
  push_clear (&push);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-grounds"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-error.h"
#include "redress-grounds.h"
#include "redress-store-grounds-private.h"
#include "redress-store-private.h"

/*
 * The grounds of a case (table case_grounds, one row per code) and the
 * passages linked to them as evidence (table evidence), see
 * data/sql/0006-grounds.sql.
 *
 * A ground is suggested by the detector (origin "detected"), then
 * confirmed or dismissed by the consultant; a dismissal can be undone; a
 * ground added by hand (origin "manual") is confirmed.  The consultant's
 * decision is never changed by a later detection: a suggestion only adds
 * a ground the case does not have, or gives its sentence to a ground that
 * has none.
 */

/* Helpers ---------------------------------------------------------------- */

static void
bind_offset (sqlite3_stmt *stmt,
             int           index,
             gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* A line of the case's timeline (entity "ground") */
static gboolean
log_event (RedressStore  *self,
           gint64         client_id,
           gint64         case_id,
           const char    *kind,
           const char    *code,
           GError       **error)
{
  return redress_store_log_event (self, "ground", client_id, case_id, kind, code, error);
}

static void
queue_change (RedressStore *self,
              gint64        case_id)
{
  redress_db_queue_change (redress_store_get_db (self), "ground", case_id);
}

static gboolean
check_code (const char  *code,
            GError     **error)
{
  if (redress_ground_is_known (code))
    return TRUE;
  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
               _("“%s” is not a ground of the catalogue."), code != NULL ? code : "");
  return FALSE;
}

/* The state of a ground of a case: FALSE without error when it has none */
static gboolean
get_state (RedressStore        *self,
           gint64               case_id,
           const char          *code,
           RedressGroundState  *state,
           gboolean            *manual,
           GError             **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  stmt = redress_db_prepare (db, "SELECT state, origin FROM case_grounds WHERE case_id = ? AND code = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      redress_ground_state_from_string ((const char *) sqlite3_column_text (stmt, 0), state);
      if (manual != NULL)
        *manual = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "manual") == 0;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    redress_db_error (db, rc, error);
  return FALSE;
}

/* Suggestions ------------------------------------------------------------- */

gboolean
redress_store_suggest_grounds_tx (RedressStore  *self,
                                  gint64         client_id,
                                  gint64         case_id,
                                  gint64         document_id,
                                  GPtrArray     *hits,
                                  guint         *n_new,
                                  GError       **error)
{
  g_autoptr(RedressDbStmt) insert = NULL;
  g_autoptr(RedressDbStmt) fill = NULL;
  g_autoptr(RedressDbStmt) in_letter = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  RedressDb *db = redress_store_get_db (self);
  guint added = 0;

  insert = redress_db_prepare (db,
                    "INSERT INTO case_grounds (case_id, code, state, origin, provision, quote, "
                    "document_id, page, quote_start, quote_end, created_at, updated_at, "
                    "source, entry_date, in_letter, end_page, end_offset) "
                    "VALUES (?1, ?2, 'suggested', 'detected', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, "
                    "?10, ?11, ?12, ?13, ?14) "
                    "ON CONFLICT (case_id, code) DO NOTHING", error);
  if (insert == NULL)
    return FALSE;
  /* A ground without a sentence (added by hand, or whose document was
   * removed or is in the trash: a letter imported again) takes this one;
   * its state stays the consultant's */
  fill = redress_db_prepare (db,
                  "UPDATE case_grounds SET provision = coalesce(?3, provision), quote = ?4, "
                  "document_id = ?5, page = ?6, quote_start = ?7, quote_end = ?8, updated_at = ?9, "
                  "source = ?10, entry_date = ?11, in_letter = max(in_letter, ?12), "
                  "end_page = ?13, end_offset = ?14 "
                  "WHERE case_id = ?1 AND code = ?2 AND (document_id IS NULL OR document_id IN "
                  "(SELECT id FROM documents WHERE deleted_at IS NOT NULL))", error);
  if (fill == NULL)
    return FALSE;
  /* A letter that states a ground the notes gave: the ground is in the
   * letter too (its sentence and state stay) */
  in_letter = redress_db_prepare (db,
                  "UPDATE case_grounds SET in_letter = 1 "
                  "WHERE case_id = ?1 AND code = ?2 AND in_letter = 0", error);
  if (in_letter == NULL)
    return FALSE;

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);
      sqlite3_stmt *stmts[2] = { insert, fill };
      gboolean from_letter = hit->source != REDRESS_TEXT_NOTES;

      if (!redress_ground_is_known (hit->code))
        continue;
      for (guint s = 0; s < 2; s++)
        {
          sqlite3_bind_text (stmts[s], 10, from_letter ? "letter" : "notes", -1, SQLITE_STATIC);
          redress_db_bind_text (stmts[s], 11, hit->entry_date);
          sqlite3_bind_int (stmts[s], 12, from_letter);
          sqlite3_bind_int (stmts[s], 13, (int) MAX (hit->end_page, MAX (hit->page, 1)));
          sqlite3_bind_int64 (stmts[s], 14, (gint64) hit->end);
          sqlite3_bind_int64 (stmts[s], 1, case_id);
          sqlite3_bind_text (stmts[s], 2, hit->code, -1, SQLITE_STATIC);
          redress_db_bind_text (stmts[s], 3, hit->provision);
          redress_db_bind_text (stmts[s], 4, hit->quote);
          sqlite3_bind_int64 (stmts[s], 5, document_id);
          sqlite3_bind_int (stmts[s], 6, (int) MAX (hit->page, 1));
          sqlite3_bind_int64 (stmts[s], 7, (gint64) hit->start);
          /* The quote's end on its first page (a sentence that runs over
           * a page break ends there on that page) */
          bind_offset (stmts[s], 8, hit->end_page == hit->page ? (gint64) hit->end : -1);
          sqlite3_bind_text (stmts[s], 9, now, -1, SQLITE_STATIC);
        }
      if (!redress_db_step_done (db, insert, error))
        return FALSE;
      if (redress_db_changes (db) > 0)
        {
          added++;
          if (!log_event (self, client_id, case_id, "suggested", hit->code, error))
            return FALSE;
          continue;
        }
      if (!redress_db_step_done (db, fill, error))
        return FALSE;
      if (from_letter)
        {
          sqlite3_bind_int64 (in_letter, 1, case_id);
          sqlite3_bind_text (in_letter, 2, hit->code, -1, SQLITE_STATIC);
          if (!redress_db_step_done (db, in_letter, error))
            return FALSE;
        }
    }
  if (n_new != NULL)
    *n_new = added;
  return TRUE;
}

typedef struct
{
  gint64 case_id;
  gint64 document_id;
  GPtrArray *hits;
  guint *n_new;
} Suggestion;

static gboolean
suggest_tx (RedressStore  *self,
            gpointer       data,
            GError       **error)
{
  Suggestion *suggestion = data;
  gint64 client_id;

  client_id = redress_store_live_case_client (self, suggestion->case_id, error);
  if (client_id == 0 ||
      !redress_store_suggest_grounds_tx (self, client_id, suggestion->case_id,
                                         suggestion->document_id, suggestion->hits,
                                         suggestion->n_new, error))
    return FALSE;
  queue_change (self, suggestion->case_id);
  return TRUE;
}

/**
 * redress_store_suggest_grounds:
 * @case_id: the case
 * @document_id: the document the hits were found in
 * @hits: (element-type RedressGroundHit): from redress_detector_detect()
 * @n_new: (out) (optional): how many grounds the case did not have
 *
 * Stores the detector's findings as suggestions.  A ground the case has
 * already keeps its state (confirmed and dismissed grounds stay so); it
 * takes the new sentence if its own was from no document or from one in
 * the trash.
 */
gboolean
redress_store_suggest_grounds (RedressStore  *self,
                               gint64         case_id,
                               gint64         document_id,
                               GPtrArray     *hits,
                               guint         *n_new,
                               GError       **error)
{
  Suggestion suggestion = { case_id, document_id, hits, n_new };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return redress_store_transaction (self, suggest_tx, &suggestion, error);
}

/**
 * redress_store_refresh_ground_sentences_tx:
 * @document_id: a document read again
 * @hits: (element-type RedressGroundHit) (nullable): what it states now
 *
 * Inside the caller's transaction: a ground this document stated takes its
 * sentence as read now (its state stays the consultant's).
 */
gboolean
redress_store_refresh_ground_sentences_tx (RedressStore  *self,
                                           gint64         case_id,
                                           gint64         document_id,
                                           GPtrArray     *hits,
                                           GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  /* A ground this document stated: its sentence as read now (its state
   * stays the consultant's) */
  stmt = redress_db_prepare (db,
                  "UPDATE case_grounds SET quote = ?1, page = ?2, quote_start = ?3, "
                  "quote_end = ?4, end_page = ?5, end_offset = ?6, updated_at = ?7 "
                  "WHERE case_id = ?8 AND code = ?9 AND document_id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (hits, i);

      redress_db_bind_text (stmt, 1, hit->quote);
      sqlite3_bind_int (stmt, 2, (int) MAX (hit->page, 1));
      sqlite3_bind_int64 (stmt, 3, (gint64) hit->start);
      if (hit->end_page == hit->page)
        sqlite3_bind_int64 (stmt, 4, (gint64) hit->end);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int (stmt, 5, (int) MAX (hit->end_page, MAX (hit->page, 1)));
      sqlite3_bind_int64 (stmt, 6, (gint64) hit->end);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, case_id);
      sqlite3_bind_text (stmt, 9, hit->code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, document_id);
      if (!redress_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Decisions --------------------------------------------------------------- */

typedef enum
{
  CHANGE_CONFIRM,
  CHANGE_DISMISS,
  CHANGE_UNDISMISS,
  CHANGE_ADD,
} Change;

static gboolean
set_state (RedressStore        *self,
           gint64               case_id,
           const char          *code,
           RedressGroundState   state,
           GError             **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  stmt = redress_db_prepare (db,
                  "UPDATE case_grounds SET state = ?3, updated_at = ?4 "
                  "WHERE case_id = ?1 AND code = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, redress_ground_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  return redress_db_step_done (db, stmt, error);
}

/* Returns TRUE with *changed FALSE when there is nothing to do */
static gboolean
change_tx (RedressStore  *self,
           gint64         case_id,
           const char    *code,
           Change         change,
           gboolean      *changed,
           GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressGroundState state = REDRESS_GROUND_SUGGESTED;
  gboolean manual = FALSE, exists;
  g_autoptr(GError) local_error = NULL;
  gint64 client_id;

  *changed = FALSE;
  client_id = redress_store_live_case_client (self, case_id, error);
  if (client_id == 0)
    return FALSE;
  exists = get_state (self, case_id, code, &state, &manual, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (change == CHANGE_ADD && !exists)
    {
      g_autoptr(RedressDbStmt) stmt = NULL;
      g_autofree char *now = redress_store_now_timestamp (self);

      stmt = redress_db_prepare (db,
                      "INSERT INTO case_grounds (case_id, code, state, origin, created_at, "
                      "updated_at) VALUES (?1, ?2, 'confirmed', 'manual', ?3, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      if (!redress_db_step_done (db, stmt, error))
        return FALSE;
      *changed = TRUE;
      return log_event (self, client_id, case_id, "added", code, error);
    }
  if (!exists)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This case has no ground “%s”."), code);
      return FALSE;
    }

  switch (change)
    {
    case CHANGE_ADD:
    case CHANGE_CONFIRM:
      if (state == REDRESS_GROUND_CONFIRMED)
        return TRUE;
      *changed = TRUE;
      return set_state (self, case_id, code, REDRESS_GROUND_CONFIRMED, error) &&
             log_event (self, client_id, case_id, "confirmed", code, error);
    case CHANGE_DISMISS:
      if (state == REDRESS_GROUND_DISMISSED)
        return TRUE;
      *changed = TRUE;
      return set_state (self, case_id, code, REDRESS_GROUND_DISMISSED, error) &&
             log_event (self, client_id, case_id, "dismissed", code, error);
    case CHANGE_UNDISMISS:
      if (state != REDRESS_GROUND_DISMISSED)
        return TRUE;
      *changed = TRUE;
      /* Back to what it was: a suggestion, or a ground added by hand */
      return set_state (self, case_id, code,
                        manual ? REDRESS_GROUND_CONFIRMED : REDRESS_GROUND_SUGGESTED, error) &&
             log_event (self, client_id, case_id, "restored", code, error);
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  gint64 case_id;
  const char *code;
  Change change;
} GroundChange;

static gboolean
change_ground_tx (RedressStore  *self,
                  gpointer       data,
                  GError       **error)
{
  GroundChange *what = data;
  gboolean changed = FALSE;

  if (!change_tx (self, what->case_id, what->code, what->change, &changed, error))
    return FALSE;
  if (changed)
    queue_change (self, what->case_id);
  return TRUE;
}

static gboolean
change_ground (RedressStore  *self,
               gint64         case_id,
               const char    *code,
               Change         change,
               GError       **error)
{
  GroundChange what = { case_id, code, change };

  if (!check_code (code, error))
    return FALSE;
  return redress_store_transaction (self, change_ground_tx, &what, error);
}

/**
 * redress_store_confirm_ground:
 *
 * Confirms a ground the case has (suggested or dismissed).  Confirmed
 * grounds are those the remedies and the checklist answer.
 */
gboolean
redress_store_confirm_ground (RedressStore  *self,
                              gint64         case_id,
                              const char    *code,
                              GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_ground (self, case_id, code, CHANGE_CONFIRM, error);
}

/**
 * redress_store_dismiss_ground:
 *
 * Dismisses a ground (a suggestion the consultant disagrees with):
 * redress_store_undismiss_ground() undoes it.
 */
gboolean
redress_store_dismiss_ground (RedressStore  *self,
                              gint64         case_id,
                              const char    *code,
                              GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_ground (self, case_id, code, CHANGE_DISMISS, error);
}

/**
 * redress_store_undismiss_ground:
 *
 * Undoes a dismissal: the ground is a suggestion again (confirmed, if it
 * was added by hand).
 */
gboolean
redress_store_undismiss_ground (RedressStore  *self,
                                gint64         case_id,
                                const char    *code,
                                GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_ground (self, case_id, code, CHANGE_UNDISMISS, error);
}

/**
 * redress_store_add_ground:
 * @code: a code of the catalogue
 *
 * Adds a ground by hand, confirmed.  A ground the case already has is
 * confirmed.
 */
gboolean
redress_store_add_ground (RedressStore  *self,
                          gint64         case_id,
                          const char    *code,
                          GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_ground (self, case_id, code, CHANGE_ADD, error);
}

/**
 * redress_store_case_has_confirmed:
 *
 * Returns: whether the case has @code among its confirmed grounds (FALSE
 *   as well when the database cannot be read)
 */
gboolean
redress_store_case_has_confirmed (RedressStore *self,
                                  gint64        case_id,
                                  const char   *code)
{
  RedressGroundState state = REDRESS_GROUND_SUGGESTED;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!get_state (self, case_id, code, &state, NULL, &error))
    {
      if (error != NULL)
        g_warning ("Grounds of case %" G_GINT64_FORMAT ": %s", case_id, error->message);
      return FALSE;
    }
  return state == REDRESS_GROUND_CONFIRMED;
}

/* Reading ----------------------------------------------------------------- */

static int
catalogue_rank (const char *code)
{
  const char * const *codes = redress_grounds_get_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], code) == 0)
      return i;
  return G_MAXINT;
}

static int
compare_grounds (gconstpointer a,
                 gconstpointer b)
{
  RedressCaseGround *ga = *(RedressCaseGround **) a;
  RedressCaseGround *gb = *(RedressCaseGround **) b;
  int ra = catalogue_rank (redress_case_ground_get_code (ga));
  int rb = catalogue_rank (redress_case_ground_get_code (gb));

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return g_strcmp0 (redress_case_ground_get_code (ga), redress_case_ground_get_code (gb));
}

static gint64
column_offset (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, column);
}

/**
 * redress_store_list_grounds:
 *
 * Returns: (transfer full) (element-type RedressCaseGround): the grounds of
 *   the case (suggested, confirmed and dismissed), in catalogue order,
 *   each with its evidence (from documents not in the trash)
 */
GPtrArray *
redress_store_list_grounds (RedressStore  *self,
                            gint64         case_id,
                            GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GPtrArray) grounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  stmt = redress_db_prepare (db,
                  "SELECT code, state, origin, provision, quote, document_id, page, quote_start, "
                  "quote_end, created_at, updated_at, source, entry_date, in_letter, end_page, "
                  "end_offset FROM case_grounds WHERE case_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RedressGroundState state = REDRESS_GROUND_SUGGESTED;
      const char *origin = (const char *) sqlite3_column_text (stmt, 2);
      RedressCaseGround *ground;

      redress_ground_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &state);
      ground = redress_case_ground_new (case_id, (const char *) sqlite3_column_text (stmt, 0),
                                        state,
                                        g_strcmp0 (origin, "manual") == 0
                                          ? REDRESS_GROUND_MANUAL : REDRESS_GROUND_DETECTED);
      redress_case_ground_set_quote (ground,
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 4),
                                     sqlite3_column_int64 (stmt, 5),
                                     (guint) sqlite3_column_int (stmt, 6),
                                     column_offset (stmt, 7), column_offset (stmt, 8));
      redress_case_ground_set_times (ground, (const char *) sqlite3_column_text (stmt, 9),
                                     (const char *) sqlite3_column_text (stmt, 10));
      if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
        redress_case_ground_set_end (ground, (guint) sqlite3_column_int (stmt, 14),
                                     column_offset (stmt, 15));
      redress_case_ground_set_source (ground, (const char *) sqlite3_column_text (stmt, 11),
                                      (const char *) sqlite3_column_text (stmt, 12),
                                      sqlite3_column_int (stmt, 13) != 0);
      g_ptr_array_add (grounds, ground);
      g_hash_table_insert (by_code, (gpointer) redress_case_ground_get_code (ground), ground);
    }
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = redress_db_prepare (db,
                  "SELECT e.id, e.code, e.document_id, d.file_name, e.page, e.quote, "
                  "e.quote_start, e.quote_end, e.created_at FROM evidence AS e "
                  "JOIN documents AS d ON d.id = e.document_id "
                  "WHERE e.case_id = ? AND d.deleted_at IS NULL ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RedressCaseGround *ground = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 1));
      g_autoptr(RedressEvidence) evidence = NULL;

      if (ground == NULL)
        continue;
      evidence = redress_evidence_new (sqlite3_column_int64 (stmt, 0), case_id,
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       sqlite3_column_int64 (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3),
                                       (guint) sqlite3_column_int (stmt, 4),
                                       (const char *) sqlite3_column_text (stmt, 5),
                                       column_offset (stmt, 6), column_offset (stmt, 7),
                                       (const char *) sqlite3_column_text (stmt, 8));
      redress_case_ground_add_evidence (ground, evidence);
    }
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }

  g_ptr_array_sort (grounds, compare_grounds);
  return g_steal_pointer (&grounds);
}

/* Evidence ---------------------------------------------------------------- */

typedef struct
{
  gint64 case_id;
  const char *code;
  gint64 document_id;
  guint page;
  const char *quote;
  gint64 quote_start;
  gint64 quote_end;
  gint64 evidence_id;
} NewEvidence;

static gboolean
link_tx (RedressStore  *self,
         gpointer       data,
         GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  NewEvidence *e = data;
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);
  RedressGroundState state;
  g_autoptr(GError) local_error = NULL;
  gint64 client_id;
  int rc;

  client_id = redress_store_live_case_client (self, e->case_id, error);
  if (client_id == 0)
    return FALSE;
  if (!get_state (self, e->case_id, e->code, &state, NULL, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                     _("This case has no ground “%s”: add it first."), e->code);
      return FALSE;
    }

  /* The passage must be on a page of a document of the same case */
  stmt = redress_db_prepare (db,
                  "SELECT d.case_id, d.n_pages FROM documents AS d "
                  "WHERE d.id = ? AND d.deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->document_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return redress_db_error (db, rc, error);
  if (rc == SQLITE_DONE || sqlite3_column_int64 (stmt, 0) != e->case_id)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Evidence must come from a document of the same case."));
      return FALSE;
    }
  if (e->page < 1 || e->page > (guint) sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("This document has no page %u."), e->page);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = redress_db_prepare (db,
                  "INSERT INTO evidence (case_id, code, document_id, page, quote, quote_start, "
                  "quote_end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->case_id);
  sqlite3_bind_text (stmt, 2, e->code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, e->document_id);
  sqlite3_bind_int (stmt, 4, (int) e->page);
  sqlite3_bind_text (stmt, 5, e->quote, -1, SQLITE_STATIC);
  bind_offset (stmt, 6, e->quote_start);
  bind_offset (stmt, 7, e->quote_end >= e->quote_start ? e->quote_end : -1);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  e->evidence_id = redress_db_last_insert_id (db);
  if (!log_event (self, client_id, e->case_id, "evidence-linked", e->code, error))
    return FALSE;
  queue_change (self, e->case_id);
  return TRUE;
}

/**
 * redress_store_link_evidence:
 * @code: a ground the case has (in any state)
 * @document_id: a document of the same case
 * @page: the page of the passage (from 1)
 * @quote: the passage
 * @quote_start: byte offset of the passage in the page's text, -1 if unknown
 * @quote_end: byte offset after the passage in the page's text, -1 if unknown
 * @evidence_id: (out) (optional): the new link
 *
 * Links a passage of a document to a ground as evidence.
 */
gboolean
redress_store_link_evidence (RedressStore  *self,
                             gint64         case_id,
                             const char    *code,
                             gint64         document_id,
                             guint          page,
                             const char    *quote,
                             gint64         quote_start,
                             gint64         quote_end,
                             gint64        *evidence_id,
                             GError       **error)
{
  NewEvidence e = { case_id, code, document_id, page, quote, quote_start, quote_end, 0 };

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_code (code, error))
    return FALSE;
  {
    g_autofree char *stripped = g_strstrip (g_strdup (quote != NULL ? quote : ""));

    if (*stripped == '\0')
      {
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID, _("Select the passage to link."));
        return FALSE;
      }
  }
  if (!redress_store_transaction (self, link_tx, &e, error))
    return FALSE;
  if (evidence_id != NULL)
    *evidence_id = e.evidence_id;
  return TRUE;
}

static gboolean
unlink_tx (RedressStore  *self,
           gpointer       data,
           GError       **error)
{
  gint64 evidence_id = *(gint64 *) data;
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *code = NULL;
  gint64 case_id, client_id;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT e.case_id, e.code, c.client_id FROM evidence AS e "
                  "JOIN cases AS c ON c.id = e.case_id WHERE e.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   _("This passage is not linked to a ground."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  case_id = sqlite3_column_int64 (stmt, 0);
  code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  client_id = sqlite3_column_int64 (stmt, 2);
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = redress_db_prepare (db, "DELETE FROM evidence WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  if (!redress_db_step_done (db, stmt, error) ||
      !log_event (self, client_id, case_id, "evidence-unlinked", code, error))
    return FALSE;
  queue_change (self, case_id);
  return TRUE;
}

/**
 * redress_store_unlink_evidence:
 *
 * Removes a passage from the evidence of its ground.
 */
gboolean
redress_store_unlink_evidence (RedressStore  *self,
                               gint64         evidence_id,
                               GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  return redress_store_transaction (self, unlink_tx, &evidence_id, error);
}

/**
 * redress_store_dup_linked_passages:
 *
 * Returns: (transfer full): the passages linked to @code in the case as
 *   evidence, each as "DOCUMENT:PAGE:START" (START -1 when unknown)
 */
GHashTable *
redress_store_dup_linked_passages (RedressStore  *self,
                                   gint64         case_id,
                                   const char    *code,
                                   GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT document_id, page, coalesce(quote_start, -1) FROM evidence "
                  "WHERE case_id = ? AND code = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (linked, g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT,
                                               (gint64) sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_int (stmt, 1),
                                               (gint64) sqlite3_column_int64 (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&linked);
}

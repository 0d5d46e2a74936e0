/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-store-checklist"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "redress-checklist-private.h"
#include "redress-error.h"
#include "redress-field.h"
#include "redress-grounds.h"
#include "redress-store-checklist.h"
#include "redress-store-private.h"

/*
 * The checklist of a case (table checklist_items, one list per path, see
 * data/sql/0007-checklist.sql) and its drafting from the templates
 * (data/checklist.ini).
 *
 * Drafting merges: it adds the template items the path and the confirmed
 * grounds call for and the checklist lacks, and removes only drafted items
 * nobody touched whose ground is no longer confirmed (or that no longer
 * apply to the application: the lists depend on the application's family,
 * so a change of application type redrafts the same way).  Items the
 * consultant changed, added or removed stay as they are; a removed item is
 * kept (removed_at) so that Undo brings it back and a redraft does not
 * draft it again.  A drafted item that several grounds list goes to the
 * group of the first confirmed one: when that changes, it moves there.
 */

#define ITEM_COLUMNS "id, case_id, path, code, template, text, state, due, note, position, edited"

/* Helpers ---------------------------------------------------------------- */

static void
queue_change (RedressStore *self,
              gint64        case_id)
{
  redress_db_queue_change (redress_store_get_db (self), "checklist", case_id);
}

static gboolean
check_path (const char  *path,
            GError     **error)
{
  if (redress_checklist_has_path (path))
    return TRUE;
  if (path == NULL || *path == '\0' || g_str_equal (path, "undecided"))
    g_set_error_literal (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                         _("Choose the case’s path (restoration, new application, judicial review, "
                           "appeal…) before drafting its checklist."));
  else
    g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                 /* Translators: %s is what the user typed */
                 _("“%s” is not a path with a checklist: use restoration, new-application, "
                   "judicial-review, appeal, reconsideration or humanitarian."), path);
  return FALSE;
}

static void
not_found (gint64   id,
           GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
               _("There is no checklist item with id %s."), id_text);
}

static RedressChecklistItem *
item_from_row (sqlite3_stmt *stmt)
{
  RedressChecklistItem *item;
  RedressItemState state = REDRESS_ITEM_TO_REQUEST;

  item = redress_checklist_item_new (sqlite3_column_int64 (stmt, 0),
                                     sqlite3_column_int64 (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 4),
                                     (const char *) sqlite3_column_text (stmt, 5));
  redress_item_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &state);
  redress_checklist_item_set_values (item, state,
                                     (const char *) sqlite3_column_text (stmt, 7),
                                     (const char *) sqlite3_column_text (stmt, 8),
                                     sqlite3_column_int64 (stmt, 9),
                                     sqlite3_column_int (stmt, 10) != 0);
  return item;
}

/* A live item (not removed unless @removed_too), or NULL with NOT_FOUND */
static RedressChecklistItem *
get_item (RedressStore  *self,
          gint64         item_id,
          gboolean       removed_too,
          GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  stmt = redress_db_prepare (db,
                  "SELECT " ITEM_COLUMNS " FROM checklist_items AS i "
                  "WHERE id = ?1 AND (?2 OR removed_at IS NULL) AND EXISTS "
                  "(SELECT 1 FROM cases AS c JOIN clients AS p ON p.id = c.client_id "
                  " WHERE c.id = i.case_id AND c.deleted_at IS NULL AND p.deleted_at IS NULL)",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, removed_too);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return item_from_row (stmt);
  if (rc == SQLITE_DONE)
    not_found (item_id, error);
  else
    redress_db_error (db, rc, error);
  return NULL;
}

/* What a draft rests on: the application's type and the codes of the
 * confirmed grounds, in the catalogue's order */
static gboolean
draft_facts (RedressStore  *self,
             gint64         case_id,
             char         **application_type,
             GStrv         *codes,
             GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) type = NULL;
  g_autoptr(RedressDbStmt) grounds = NULL;
  g_autoptr(GHashTable) confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *catalogue = redress_grounds_get_codes ();
  int rc;

  type = redress_db_prepare (db, "SELECT application_type FROM cases WHERE id = ?", error);
  grounds = type ? redress_db_prepare (db,
                     "SELECT code FROM case_grounds WHERE case_id = ? AND state = 'confirmed'", error)
                 : NULL;
  if (grounds == NULL)
    return FALSE;
  sqlite3_bind_int64 (type, 1, case_id);
  rc = sqlite3_step (type);
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, error);
  *application_type = g_strdup ((const char *) sqlite3_column_text (type, 0));

  sqlite3_bind_int64 (grounds, 1, case_id);
  while ((rc = sqlite3_step (grounds)) == SQLITE_ROW)
    g_hash_table_add (confirmed, g_strdup ((const char *) sqlite3_column_text (grounds, 0)));
  if (rc != SQLITE_DONE)
    return redress_db_error (db, rc, error);
  for (guint c = 0; catalogue[c] != NULL; c++)
    if (g_hash_table_contains (confirmed, catalogue[c]))
      g_strv_builder_add (builder, catalogue[c]);
  *codes = g_strv_builder_end (builder);
  return TRUE;
}

/* Drafting --------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char *template_id;
  char *code;
  gboolean edited;
  gboolean removed;
} Existing;

static void
existing_clear (gpointer data)
{
  g_free (((Existing *) data)->template_id);
  g_free (((Existing *) data)->code);
}

/* Works out a draft; with @apply, makes it (inside the caller's
 * transaction) */
static gboolean
draft_tx (RedressStore             *self,
          gint64                    case_id,
          const char               *path,
          gboolean                  apply,
          RedressChecklistChanges  *changes,
          GError                  **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autofree char *application_type = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GArray) existing = g_array_new (FALSE, TRUE, sizeof (Existing));
  g_autoptr(GHashTable) have = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(RedressDbStmt) del = NULL;
  g_autoptr(RedressDbStmt) ins = NULL;
  g_autoptr(RedressDbStmt) move = NULL;
  g_autofree char *now = NULL;
  gint64 client_id, position = 0;
  int rc;

  memset (changes, 0, sizeof *changes);
  g_array_set_clear_func (existing, existing_clear);

  client_id = redress_store_live_case_client (self, case_id, error);
  if (client_id == 0 || !draft_facts (self, case_id, &application_type, &codes, error))
    return FALSE;
  wanted = redress_checklist_draft_items (path, application_type, (const char * const *) codes);
  for (guint i = 0; i < wanted->len; i++)
    g_hash_table_add (want, (gpointer) g_array_index (wanted, RedressDraftItem, i).template_id);

  stmt = redress_db_prepare (db,
                  "SELECT id, template, edited, removed_at IS NOT NULL, position, code "
                  "FROM checklist_items WHERE case_id = ? AND path = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing e = { 0 };

      e.id = sqlite3_column_int64 (stmt, 0);
      e.template_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e.edited = sqlite3_column_int (stmt, 2) != 0;
      e.removed = sqlite3_column_int (stmt, 3) != 0;
      position = MAX (position, sqlite3_column_int64 (stmt, 4));
      e.code = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (existing, e);
    }
  if (rc != SQLITE_DONE)
    return redress_db_error (db, rc, error);
  g_clear_pointer (&stmt, sqlite3_reset);

  /* Prepared once, run for each item */
  if (apply &&
      ((del = redress_db_prepare (db, "DELETE FROM checklist_items WHERE id = ?",
                                           error)) == NULL ||
       (ins = redress_db_prepare (db,
                      "INSERT INTO checklist_items (case_id, path, code, template, position, "
                      "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error)) == NULL ||
       (move = redress_db_prepare (db,
                      "UPDATE checklist_items SET code = ?2, position = ?3, updated_at = ?4 "
                      "WHERE id = ?1", error)) == NULL))
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    {
      Existing *e = &g_array_index (existing, Existing, i);

      if (e->template_id == NULL)
        continue;
      g_hash_table_insert (have, e->template_id, e);
      if (g_hash_table_contains (want, e->template_id))
        continue;
      if (e->edited && !e->removed)
        {
          changes->n_kept++;
          continue;
        }
      if (!e->removed)
        changes->n_removed++;
      if (apply)
        {
          /* Untouched, or removed by hand: its ground is gone, so is it */
          sqlite3_reset (del);
          sqlite3_bind_int64 (del, 1, e->id);
          if (!redress_db_step_done (db, del, error))
            return FALSE;
        }
    }

  now = redress_store_now_timestamp (self);
  for (guint i = 0; i < wanted->len; i++)
    {
      RedressDraftItem *item = &g_array_index (wanted, RedressDraftItem, i);
      Existing *e = g_hash_table_lookup (have, item->template_id);

      if (e != NULL)
        {
          if (e->removed || g_strcmp0 (e->code, item->code) == 0)
            continue;
          /* In the group of a ground that no longer lists it first: to
           * the end of the group of the one that does */
          changes->n_moved++;
          if (!apply)
            continue;
          sqlite3_reset (move);
          sqlite3_bind_int64 (move, 1, e->id);
          redress_db_bind_text (move, 2, item->code);
          sqlite3_bind_int64 (move, 3, ++position);
          sqlite3_bind_text (move, 4, now, -1, SQLITE_STATIC);
          if (!redress_db_step_done (db, move, error))
            return FALSE;
          continue;
        }
      changes->n_added++;
      if (!apply)
        continue;
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, case_id);
      sqlite3_bind_text (ins, 2, path, -1, SQLITE_STATIC);
      redress_db_bind_text (ins, 3, item->code);
      sqlite3_bind_text (ins, 4, item->template_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 5, ++position);
      sqlite3_bind_text (ins, 6, now, -1, SQLITE_STATIC);
      if (!redress_db_step_done (db, ins, error))
        return FALSE;
    }

  if (apply && (changes->n_added > 0 || changes->n_removed > 0 || changes->n_moved > 0))
    {
      g_autofree char *summary = g_strdup_printf ("%s +%u -%u", path, changes->n_added,
                                                  changes->n_removed);

      if (!redress_store_log_event (self, "checklist", client_id, case_id,
                                    existing->len == 0 ? "drafted" : "redrafted", summary, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 case_id;
  const char *path;
  RedressChecklistChanges *changes;
} Draft;

static gboolean
apply_draft_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  Draft *draft = data;
  RedressChecklistChanges *changes = draft->changes;

  if (!draft_tx (self, draft->case_id, draft->path, TRUE, changes, error))
    return FALSE;
  if (changes->n_added > 0 || changes->n_removed > 0 || changes->n_moved > 0)
    queue_change (self, draft->case_id);
  return TRUE;
}

/**
 * redress_store_draft_checklist:
 * @path: "restoration", "new-application", "judicial-review", "appeal",
 *   "reconsideration" or "humanitarian"
 * @changes: (out) (optional): what the draft did
 *
 * Drafts the checklist of a case for a path from its confirmed grounds,
 * or brings an existing one up to date with them, keeping every change
 * the consultant made (see the top of this file).
 */
gboolean
redress_store_draft_checklist (RedressStore             *self,
                               gint64                    case_id,
                               const char               *path,
                               RedressChecklistChanges  *changes,
                               GError                  **error)
{
  RedressChecklistChanges local = { 0 };
  Draft draft;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (changes == NULL)
    changes = &local;
  memset (changes, 0, sizeof *changes);
  if (!check_path (path, error))
    return FALSE;
  draft.case_id = case_id;
  draft.path = path;
  draft.changes = changes;
  if (!redress_store_transaction (self, apply_draft_tx, &draft, error))
    {
      memset (changes, 0, sizeof *changes);
      return FALSE;
    }
  return TRUE;
}

/**
 * redress_store_checklist_pending:
 * @changes: (out): what a draft would do now
 *
 * Works out, without changing anything, what redress_store_draft_checklist()
 * would add, remove and move: the checklist is out of date when it would
 * do anything.
 */
gboolean
redress_store_checklist_pending (RedressStore             *self,
                                 gint64                    case_id,
                                 const char               *path,
                                 RedressChecklistChanges  *changes,
                                 GError                  **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  memset (changes, 0, sizeof *changes);
  if (!check_path (path, error))
    return FALSE;
  return draft_tx (self, case_id, path, FALSE, changes, error);
}

/* Reading ---------------------------------------------------------------- */

/* The rank of an item's group: the base items, then the grounds in the
 * catalogue's order */
static guint
group_rank (const char *code)
{
  const char * const *codes = redress_grounds_get_codes ();

  if (code == NULL)
    return 0;
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return i + 1;
  return G_MAXUINT;
}

static gint
compare_items (gconstpointer a,
               gconstpointer b)
{
  RedressChecklistItem *x = *(RedressChecklistItem **) a;
  RedressChecklistItem *y = *(RedressChecklistItem **) b;
  guint gx = group_rank (redress_checklist_item_get_code (x));
  guint gy = group_rank (redress_checklist_item_get_code (y));
  gint64 px, py;

  if (gx != gy)
    return gx < gy ? -1 : 1;
  if (gx == G_MAXUINT)
    {
      int c = g_strcmp0 (redress_checklist_item_get_code (x), redress_checklist_item_get_code (y));
      if (c != 0)
        return c;
    }
  px = redress_checklist_item_get_position (x);
  py = redress_checklist_item_get_position (y);
  return px < py ? -1 : px > py ? 1 : 0;
}

/**
 * redress_store_list_checklist:
 *
 * Returns: (transfer container) (element-type RedressChecklistItem): the
 *   items of the case's checklist for @path (empty before it is drafted),
 *   grouped and in order; %NULL on error
 */
GPtrArray *
redress_store_list_checklist (RedressStore  *self,
                              gint64         case_id,
                              const char    *path,
                              GError       **error)
{
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RedressDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);

  if (!check_path (path, error))
    return NULL;
  if (redress_store_live_case_client (self, case_id, error) == 0)
    return NULL;
  stmt = redress_db_prepare (db,
                  "SELECT " ITEM_COLUMNS " FROM checklist_items "
                  "WHERE case_id = ? AND path = ? AND removed_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      redress_db_error (db, rc, error);
      return NULL;
    }
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/**
 * redress_store_get_checklist_item:
 *
 * Returns: (transfer full): a live item, or %NULL with
 *   %REDRESS_ERROR_NOT_FOUND
 */
RedressChecklistItem *
redress_store_get_checklist_item (RedressStore  *self,
                                  gint64         item_id,
                                  GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), NULL);
  return get_item (self, item_id, FALSE, error);
}

/* Writing ---------------------------------------------------------------- */

typedef gboolean (*ItemChange) (RedressStore          *self,
                                RedressChecklistItem  *item,
                                gpointer               data,
                                const char           **kind,
                                GError               **error);

typedef struct
{
  gint64 item_id;
  gboolean removed_too;
  ItemChange change;
  gpointer data;
} ItemWrite;

static gboolean
change_item_tx (RedressStore  *self,
                gpointer       data,
                GError       **error)
{
  ItemWrite *write = data;
  g_autoptr(RedressChecklistItem) item = NULL;
  const char *kind = NULL;
  gint64 case_id, client_id;

  item = get_item (self, write->item_id, write->removed_too, error);
  if (item == NULL)
    return FALSE;
  case_id = redress_checklist_item_get_case_id (item);
  client_id = redress_store_live_case_client (self, case_id, error);
  if (client_id == 0)
    return FALSE;
  if (!write->change (self, item, write->data, &kind, error))
    return FALSE;
  if (kind == NULL)
    return TRUE;
  if (!redress_store_log_event (self, "checklist", client_id, case_id, kind,
                                redress_checklist_item_get_text (item), error))
    return FALSE;
  queue_change (self, case_id);
  return TRUE;
}

/* Runs @change on an item in a transaction, logs it on the timeline as
 * @kind (set by the change; NULL when it changed nothing), announces it */
static gboolean
change_item (RedressStore  *self,
             gint64         item_id,
             gboolean       removed_too,
             ItemChange     change,
             gpointer       data,
             GError       **error)
{
  ItemWrite write = { item_id, removed_too, change, data };

  return redress_store_transaction (self, change_item_tx, &write, error);
}

static gboolean
set_state_change (RedressStore          *self,
                  RedressChecklistItem  *item,
                  gpointer               data,
                  const char           **kind,
                  GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  RedressItemState state = GPOINTER_TO_UINT (data);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  if (redress_checklist_item_get_state (item) == state)
    return TRUE;
  stmt = redress_db_prepare (db,
                  "UPDATE checklist_items SET state = ?2, edited = 1, updated_at = ?3 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_checklist_item_get_id (item));
  sqlite3_bind_text (stmt, 2, redress_item_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  *kind = redress_item_state_to_string (state);
  return TRUE;
}

/**
 * redress_store_set_checklist_item_state:
 *
 * Sets where an item stands (requested, received...).  The item then
 * counts as changed by hand: a redraft keeps it.
 */
gboolean
redress_store_set_checklist_item_state (RedressStore      *self,
                                        gint64             item_id,
                                        RedressItemState   state,
                                        GError           **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (state < REDRESS_ITEM_N_STATES, FALSE);
  return change_item (self, item_id, FALSE, set_state_change, GUINT_TO_POINTER (state), error);
}

typedef struct
{
  char *text;
  char *due;
  char *note;
} Edit;

static gboolean
edit_change (RedressStore          *self,
             RedressChecklistItem  *item,
             gpointer               data,
             const char           **kind,
             GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  Edit *edit = data;
  const char *template_text = redress_checklist_template_text (redress_checklist_item_get_template (item));
  const char *text = edit->text;
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  /* The template's wording, in English or in the user's language, stays
   * the template's: it goes into each document in that document's
   * language */
  if (template_text != NULL &&
      (text == NULL || g_str_equal (text, template_text) ||
       g_str_equal (text, g_dgettext (GETTEXT_PACKAGE, template_text))))
    text = NULL;
  if (text == NULL && template_text == NULL)
    text = redress_checklist_item_get_custom_text (item);

  if (g_strcmp0 (text, redress_checklist_item_get_custom_text (item)) == 0 &&
      g_strcmp0 (edit->due, redress_checklist_item_get_due (item)) == 0 &&
      g_strcmp0 (edit->note, redress_checklist_item_get_note (item)) == 0)
    return TRUE;

  stmt = redress_db_prepare (db,
                  "UPDATE checklist_items SET text = ?2, due = ?3, note = ?4, edited = 1, "
                  "updated_at = ?5 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_checklist_item_get_id (item));
  redress_db_bind_text (stmt, 2, text);
  redress_db_bind_text (stmt, 3, edit->due);
  redress_db_bind_text (stmt, 4, edit->note);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  *kind = "edited";
  return TRUE;
}

/* NULL for nothing; trims white space */
static char *
clean_text (const char *text)
{
  char *clean;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

/**
 * redress_store_edit_checklist_item:
 *
 * Rewords an item and sets its due date and note.  An empty @text keeps
 * the wording the item has; the template's wording gives it back its
 * translations.
 */
gboolean
redress_store_edit_checklist_item (RedressStore  *self,
                                   gint64         item_id,
                                   const char    *text,
                                   const char    *due,
                                   const char    *note,
                                   GError       **error)
{
  Edit edit = { 0 };
  gboolean ok;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  edit.due = clean_text (due);
  if (edit.due != NULL && !redress_date_parse (edit.due, NULL, error))
    {
      g_free (edit.due);
      return FALSE;
    }
  edit.text = clean_text (text);
  edit.note = clean_text (note);
  ok = change_item (self, item_id, FALSE, edit_change, &edit, error);
  g_free (edit.text);
  g_free (edit.due);
  g_free (edit.note);
  return ok;
}

typedef struct
{
  gint64 case_id;
  const char *path;
  const char *code;
  const char *text;
  gint64 *item_id;
} NewItem;

static gboolean
add_item_tx (RedressStore  *self,
             gpointer       data,
             GError       **error)
{
  NewItem *item = data;
  RedressDb *db = redress_store_get_db (self);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 client_id;

  client_id = redress_store_live_case_client (self, item->case_id, error);
  if (client_id == 0)
    return FALSE;
  now = redress_store_now_timestamp (self);
  stmt = redress_db_prepare (db,
                  "INSERT INTO checklist_items (case_id, path, code, text, edited, position, "
                  "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, "
                  "(SELECT coalesce(max(position), 0) + 1 FROM checklist_items "
                  " WHERE case_id = ?1 AND path = ?2), ?5, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->case_id);
  sqlite3_bind_text (stmt, 2, item->path, -1, SQLITE_STATIC);
  redress_db_bind_text (stmt, 3, item->code);
  sqlite3_bind_text (stmt, 4, item->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  if (item->item_id != NULL)
    *item->item_id = redress_db_last_insert_id (db);
  if (!redress_store_log_event (self, "checklist", client_id, item->case_id, "added",
                                item->text, error))
    return FALSE;
  queue_change (self, item->case_id);
  return TRUE;
}

/**
 * redress_store_add_checklist_item:
 * @code: (nullable): the ground whose group the item goes in; %NULL for
 *   the path's base items
 * @item_id: (out) (optional): the new item's id
 *
 * Adds an item of the consultant's own at the end of its group.
 */
gboolean
redress_store_add_checklist_item (RedressStore  *self,
                                  gint64         case_id,
                                  const char    *path,
                                  const char    *code,
                                  const char    *text,
                                  gint64        *item_id,
                                  GError       **error)
{
  g_autofree char *clean = clean_text (text);
  NewItem item;

  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);

  if (!check_path (path, error))
    return FALSE;
  if (code != NULL && !redress_ground_is_known (code))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("“%s” is not a ground of the catalogue."), code);
      return FALSE;
    }
  if (clean == NULL)
    {
      g_set_error_literal (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                           _("Write what the client should gather."));
      return FALSE;
    }
  item.case_id = case_id;
  item.path = path;
  item.code = code;
  item.text = clean;
  item.item_id = item_id;
  return redress_store_transaction (self, add_item_tx, &item, error);
}

static gboolean
move_change (RedressStore          *self,
             RedressChecklistItem  *item,
             gpointer               data,
             const char           **kind,
             GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  int delta = GPOINTER_TO_INT (data);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autoptr(RedressDbStmt) swap = NULL;
  gint64 other_id, other_position, position = redress_checklist_item_get_position (item);
  int rc;

  /* The neighbour in the same group, above or below */
  stmt = redress_db_prepare (db, delta < 0
                  ? "SELECT id, position FROM checklist_items WHERE case_id = ?1 AND path = ?2 "
                    "AND code IS ?3 AND removed_at IS NULL AND position < ?4 "
                    "ORDER BY position DESC LIMIT 1"
                  : "SELECT id, position FROM checklist_items WHERE case_id = ?1 AND path = ?2 "
                    "AND code IS ?3 AND removed_at IS NULL AND position > ?4 "
                    "ORDER BY position ASC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_checklist_item_get_case_id (item));
  sqlite3_bind_text (stmt, 2, redress_checklist_item_get_path (item), -1, SQLITE_TRANSIENT);
  redress_db_bind_text (stmt, 3, redress_checklist_item_get_code (item));
  sqlite3_bind_int64 (stmt, 4, position);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE; /* already first or last */
  if (rc != SQLITE_ROW)
    return redress_db_error (db, rc, error);
  other_id = sqlite3_column_int64 (stmt, 0);
  other_position = sqlite3_column_int64 (stmt, 1);

  swap = redress_db_prepare (db,
                  "UPDATE checklist_items SET position = CASE id WHEN ?1 THEN ?4 ELSE ?3 END "
                  "WHERE id IN (?1, ?2)", error);
  if (swap == NULL)
    return FALSE;
  sqlite3_bind_int64 (swap, 1, redress_checklist_item_get_id (item));
  sqlite3_bind_int64 (swap, 2, other_id);
  sqlite3_bind_int64 (swap, 3, position);
  sqlite3_bind_int64 (swap, 4, other_position);
  if (!redress_db_step_done (db, swap, error))
    return FALSE;
  *kind = "moved";
  return TRUE;
}

/**
 * redress_store_move_checklist_item:
 * @delta: < 0 to move it up, > 0 down
 *
 * Moves an item one place up or down within its group; an item already
 * first (or last) stays.
 */
gboolean
redress_store_move_checklist_item (RedressStore  *self,
                                   gint64         item_id,
                                   int            delta,
                                   GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  if (delta == 0)
    return TRUE;
  return change_item (self, item_id, FALSE, move_change, GINT_TO_POINTER (delta), error);
}

static gboolean
removal_change (RedressStore          *self,
                RedressChecklistItem  *item,
                gpointer               data,
                const char           **kind,
                GError               **error)
{
  RedressDb *db = redress_store_get_db (self);
  gboolean remove = GPOINTER_TO_INT (data);
  g_autoptr(RedressDbStmt) stmt = NULL;
  g_autofree char *now = redress_store_now_timestamp (self);

  stmt = redress_db_prepare (db, remove
                  ? "UPDATE checklist_items SET removed_at = ?2, updated_at = ?2 "
                    "WHERE id = ?1 AND removed_at IS NULL"
                  : "UPDATE checklist_items SET removed_at = NULL, updated_at = ?2 "
                    "WHERE id = ?1 AND removed_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, redress_checklist_item_get_id (item));
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!redress_db_step_done (db, stmt, error))
    return FALSE;
  if (redress_db_changes (db) > 0)
    *kind = remove ? "removed" : "restored";
  return TRUE;
}

/**
 * redress_store_remove_checklist_item:
 *
 * Removes an item from the checklist.  The row stays:
 * redress_store_restore_checklist_item() brings it back where it was, and
 * a redraft does not draft it again.
 */
gboolean
redress_store_remove_checklist_item (RedressStore  *self,
                                     gint64         item_id,
                                     GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_item (self, item_id, FALSE, removal_change, GINT_TO_POINTER (TRUE), error);
}

/**
 * redress_store_restore_checklist_item:
 *
 * Undoes redress_store_remove_checklist_item().
 */
gboolean
redress_store_restore_checklist_item (RedressStore  *self,
                                      gint64         item_id,
                                      GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (self), FALSE);
  return change_item (self, item_id, TRUE, removal_change, GINT_TO_POINTER (FALSE), error);
}

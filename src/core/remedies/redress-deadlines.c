/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-deadlines"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#include "redress-deadlines.h"
#include "redress-remedies.h"
#include "redress-store-grounds.h"

/*
 * The deadlines that fall due across all cases: every open remedy with a
 * deadline, and every request for the officer's notes still awaited.
 * Cases that are archived, closed or submitted have nothing left to meet.
 */

/* A remedy whose last day passed less than this long ago is still listed,
 * as missed: the consultant must see it (an extension may be possible). */
#define MISSED_SHOWN_DAYS 30

struct _RedressDeadline
{
  GObject parent_instance;

  gint64 case_id;
  gint64 client_id;
  char *client_name;
  char *case_title;
  char *kind;
  char *due;
  char *statutory;
  int days_left;
  gboolean overdue;
  char *basis;
};

G_DEFINE_FINAL_TYPE (RedressDeadline, redress_deadline, G_TYPE_OBJECT)

static void
redress_deadline_finalize (GObject *object)
{
  RedressDeadline *self = (RedressDeadline *) object;

  g_free (self->client_name);
  g_free (self->case_title);
  g_free (self->kind);
  g_free (self->due);
  g_free (self->statutory);
  g_free (self->basis);

  G_OBJECT_CLASS (redress_deadline_parent_class)->finalize (object);
}

static void
redress_deadline_class_init (RedressDeadlineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_deadline_finalize;
}

static void
redress_deadline_init (RedressDeadline *self)
{
}

gint64 redress_deadline_get_case_id (RedressDeadline *self) { return self->case_id; }
gint64 redress_deadline_get_client_id (RedressDeadline *self) { return self->client_id; }
const char *redress_deadline_get_client_name (RedressDeadline *self) { return self->client_name; }
const char *redress_deadline_get_case_title (RedressDeadline *self) { return self->case_title; }
const char *redress_deadline_get_kind (RedressDeadline *self) { return self->kind; }
const char *redress_deadline_get_due (RedressDeadline *self) { return self->due; }
const char *redress_deadline_get_statutory (RedressDeadline *self) { return self->statutory; }
int redress_deadline_get_days_left (RedressDeadline *self) { return self->days_left; }
gboolean redress_deadline_get_overdue (RedressDeadline *self) { return self->overdue; }
const char *redress_deadline_get_basis (RedressDeadline *self) { return self->basis; }

/**
 * redress_deadline_get_label:
 *
 * Returns: what is due: "Judicial review", "Officer’s notes request"
 */
const char *
redress_deadline_get_label (RedressDeadline *self)
{
  g_return_val_if_fail (REDRESS_IS_DEADLINE (self), NULL);

  return redress_remedy_label (self->kind);
}

static RedressDeadline *
deadline_new (RedressCase *kase,
              const char  *client_name,
              const char  *kind,
              const char  *due,
              const char  *statutory,
              int          days_left,
              const char  *basis)
{
  RedressDeadline *self = g_object_new (REDRESS_TYPE_DEADLINE, NULL);

  self->case_id = redress_record_get_id (REDRESS_RECORD (kase));
  self->client_id = redress_case_get_client_id (kase);
  self->client_name = g_strdup (client_name);
  self->case_title = redress_case_dup_title (kase);
  self->kind = g_strdup (kind);
  self->due = g_strdup (due);
  self->statutory = g_strdup (statutory ? statutory : due);
  self->days_left = days_left;
  self->overdue = days_left < 0;
  self->basis = g_strdup (basis);
  return self;
}

static gint
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  RedressDeadline *x = *(RedressDeadline **) a;
  RedressDeadline *y = *(RedressDeadline **) b;

  /* Overdue first, then the nearest */
  if (x->overdue != y->overdue)
    return x->overdue ? -1 : 1;
  if (x->days_left != y->days_left)
    return x->days_left < y->days_left ? -1 : 1;
  return x->case_id < y->case_id ? -1 : x->case_id > y->case_id;
}

/* Longer than any period (90 days) plus MISSED_SHOWN_DAYS */
#define HORIZON_DAYS 200

static gboolean
recent_enough (RedressCase *kase,
               const GDate *today)
{
  const guint fields[] = {
    REDRESS_CASE_DECISION_DATE, REDRESS_CASE_RECEIVED_DATE, REDRESS_CASE_STATUS_EXPIRY
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = redress_record_get_value (REDRESS_RECORD (kase), fields[i]);
      GDate date;

      g_date_clear (&date, 1);
      if (value != NULL && redress_date_parse (value, &date, NULL) &&
          g_date_days_between (&date, today) <= HORIZON_DAYS)
        return TRUE;
    }
  return FALSE;
}

/**
 * redress_store_list_deadlines:
 * @today: (nullable): the day to count from; %NULL for today
 * @within_days: how far ahead to look
 *
 * Returns: (transfer full) (element-type RedressDeadline): overdue first,
 *   then by date
 */
GPtrArray *
redress_store_list_deadlines (RedressStore  *store,
                              const GDate   *today,
                              int            within_days,
                              GError       **error)
{
  g_autoptr(GPtrArray) deadlines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GDate day;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  if (today != NULL)
    day = *today;
  else
    redress_date_today (&day);

  clients = redress_store_list_clients (store, FALSE, error);
  if (clients == NULL)
    return NULL;
  for (guint i = 0; i < clients->len; i++)
    {
      RedressClient *client = g_ptr_array_index (clients, i);
      gint64 *id = g_new (gint64, 1);

      *id = redress_record_get_id (REDRESS_RECORD (client));
      g_hash_table_insert (names, id, redress_client_dup_display_name (client));
    }

  cases = redress_store_list_cases (store, 0, FALSE, error);
  if (cases == NULL)
    return NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      gint64 client_id = redress_case_get_client_id (kase);
      const char *name = g_hash_table_lookup (names, &client_id);
      const char *stage = redress_case_get_stage (kase);
      g_autoptr(GPtrArray) remedies = NULL;
      g_autoptr(RedressNotesRequest) request = NULL;
      g_autoptr(GError) local_error = NULL;

      /* An archived client's cases are not followed */
      if (name == NULL || g_strcmp0 (stage, "closed") == 0 || g_strcmp0 (stage, "submitted") == 0)
        continue;

      /* Every period runs at most a few months from the latest of the
       * case's dates: older cases have only their notes request left */
      if (!recent_enough (kase, &day))
        {
          if (redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_REQUESTED) == NULL ||
              redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED) != NULL)
            continue;
        }

      remedies = redress_remedies_compute (kase,
                                           redress_store_case_has_confirmed (store,
                                                                             redress_record_get_id (REDRESS_RECORD (kase)),
                                                                             "misrepresentation"),
                                           &day, &local_error);
      if (remedies == NULL)
        {
          g_warning ("No deadlines for case %" G_GINT64_FORMAT ": %s",
                     redress_record_get_id (REDRESS_RECORD (kase)), local_error->message);
          continue;
        }
      for (guint j = 0; j < remedies->len; j++)
        {
          RedressRemedy *remedy = g_ptr_array_index (remedies, j);

          if (remedy->file_by == NULL || remedy->days_left > within_days ||
              remedy->days_left < -MISSED_SHOWN_DAYS)
            continue;
          g_ptr_array_add (deadlines,
                           deadline_new (kase, name, remedy->code, remedy->file_by,
                                         remedy->deadline, remedy->days_left, remedy->basis));
        }

      request = redress_notes_request_compute (kase, &day, NULL);
      if (request != NULL && request->due != NULL && request->received == NULL &&
          request->days_left <= within_days)
        g_ptr_array_add (deadlines,
                         deadline_new (kase, name, "notes-request", request->due, NULL,
                                       request->days_left, request->basis));
    }

  g_ptr_array_sort (deadlines, compare_deadlines);
  return g_steal_pointer (&deadlines);
}

static void
list_deadlines_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *path = task_data;
  int within = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "within"));
  g_autoptr(RedressStore) store = NULL;
  GPtrArray *deadlines;
  GError *error = NULL;

  /* A connection of its own: the store's belongs to the main thread,
   * which checks the database for damage (reading stays possible) */
  store = redress_store_open_full (path, REDRESS_STORE_OPEN_UNCHECKED, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  deadlines = redress_store_list_deadlines (store, NULL, within, &error);
  if (deadlines == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, deadlines, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * redress_store_list_deadlines_async:
 *
 * Like redress_store_list_deadlines() for today, in a worker thread with
 * its own connection to the database.
 */
void
redress_store_list_deadlines_async (RedressStore        *store,
                                    int                  within_days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REDRESS_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, redress_store_list_deadlines_async);
  g_task_set_task_data (task, g_strdup (redress_store_get_path (store)), g_free);
  g_object_set_data (G_OBJECT (task), "within", GINT_TO_POINTER (within_days));
  g_task_run_in_thread (task, list_deadlines_thread);
}

/**
 * redress_store_list_deadlines_finish:
 *
 * Returns: (transfer full) (element-type RedressDeadline): the deadlines
 */
GPtrArray *
redress_store_list_deadlines_finish (RedressStore  *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

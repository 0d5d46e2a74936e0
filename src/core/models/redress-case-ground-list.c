/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-case-ground-list"

#include "config.h"

#include "redress-case-ground-list.h"
#include "redress-list-update.h"
#include "redress-store-grounds.h"

/*
 * RedressCaseGroundList: the grounds of one case's refusal (suggested,
 * confirmed, dismissed) as a GListModel of RedressCaseGround, following
 * the store's "changed::ground" signal for the case, and
 * "changed::document" (evidence goes to the trash with its document).
 *
 * A change re-reads the case's grounds and compares them with the list
 * by code: only the rows that appeared, went or changed are announced
 * (one items-changed per run of neighbouring rows), and the others keep
 * their item, so a view's rows for them, with the focus, stay as they are.
 */
struct _RedressCaseGroundList
{
  GObject parent_instance;

  RedressStore *store;
  gint64 case_id;
  GPtrArray *items;       /* RedressCaseGround, in the store's order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RedressCaseGroundList, redress_case_ground_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
same_key (gpointer a,
          gpointer b)
{
  return g_strcmp0 (redress_case_ground_get_code (a), redress_case_ground_get_code (b)) == 0;
}

static gboolean
same_evidence (RedressCaseGround *a,
               RedressCaseGround *b)
{
  GPtrArray *ea = redress_case_ground_get_evidence (a);
  GPtrArray *eb = redress_case_ground_get_evidence (b);
  guint na = ea ? ea->len : 0, nb = eb ? eb->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      RedressEvidence *x = g_ptr_array_index (ea, i), *y = g_ptr_array_index (eb, i);

      if (redress_evidence_get_id (x) != redress_evidence_get_id (y) ||
          redress_evidence_get_document_id (x) != redress_evidence_get_document_id (y) ||
          redress_evidence_get_page (x) != redress_evidence_get_page (y) ||
          g_strcmp0 (redress_evidence_get_quote (x), redress_evidence_get_quote (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether a row showing @a shows @b the same way */
static gboolean
same_content (gpointer pa,
              gpointer pb)
{
  RedressCaseGround *a = pa, *b = pb;

  return redress_case_ground_get_state (a) == redress_case_ground_get_state (b) &&
         redress_case_ground_get_origin (a) == redress_case_ground_get_origin (b) &&
         g_strcmp0 (redress_case_ground_get_provision (a), redress_case_ground_get_provision (b)) == 0 &&
         g_strcmp0 (redress_case_ground_get_quote (a), redress_case_ground_get_quote (b)) == 0 &&
         redress_case_ground_get_document_id (a) == redress_case_ground_get_document_id (b) &&
         redress_case_ground_get_page (a) == redress_case_ground_get_page (b) &&
         redress_case_ground_get_quote_start (a) == redress_case_ground_get_quote_start (b) &&
         redress_case_ground_get_quote_end (a) == redress_case_ground_get_quote_end (b) &&
         redress_case_ground_get_end_page (a) == redress_case_ground_get_end_page (b) &&
         g_strcmp0 (redress_case_ground_get_source (a), redress_case_ground_get_source (b)) == 0 &&
         g_strcmp0 (redress_case_ground_get_entry_date (a), redress_case_ground_get_entry_date (b)) == 0 &&
         redress_case_ground_get_in_letter (a) == redress_case_ground_get_in_letter (b) &&
         g_strcmp0 (redress_case_ground_get_updated_at (a), redress_case_ground_get_updated_at (b)) == 0 &&
         same_evidence (a, b);
}

/* Brings the list to @fresh (the store's items now) */
static void
update_to (RedressCaseGroundList *self,
           GPtrArray *fresh)
{
  if (redress_list_update (G_LIST_MODEL (self), self->items, fresh, same_key, same_content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The case's grounds changed, or a document (the evidence it quotes goes
 * with it to the trash and comes back with it) */
static void
on_store_changed (RedressStore          *store,
                  const char            *entity,
                  gint64                 id,
                  RedressCaseGroundList *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (entity, "ground") == 0 && id != self->case_id)
    return;
  if (!redress_case_ground_list_reload (self, &error))
    g_warning ("Could not reload the grounds of case %" G_GINT64_FORMAT ": %s",
               self->case_id, error->message);
}

/* GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return REDRESS_TYPE_CASE_GROUND;
}

static guint
list_get_n_items (GListModel *model)
{
  return REDRESS_CASE_GROUND_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  RedressCaseGroundList *self = REDRESS_CASE_GROUND_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* GObject */

static void
redress_case_ground_list_dispose (GObject *object)
{
  RedressCaseGroundList *self = (RedressCaseGroundList *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_case_ground_list_parent_class)->dispose (object);
}

static void
redress_case_ground_list_finalize (GObject *object)
{
  RedressCaseGroundList *self = (RedressCaseGroundList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (redress_case_ground_list_parent_class)->finalize (object);
}

static void
redress_case_ground_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RedressCaseGroundList *self = REDRESS_CASE_GROUND_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_case_ground_list_class_init (RedressCaseGroundListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = redress_case_ground_list_dispose;
  object_class->finalize = redress_case_ground_list_finalize;
  object_class->get_property = redress_case_ground_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_case_ground_list_init (RedressCaseGroundList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * redress_case_ground_list_new:
 * @store: the store to read and follow
 * @case_id: the case whose grounds are listed
 *
 * Returns: (transfer full): the list of the case's grounds (suggested,
 *   confirmed and dismissed, in the store's order), filled, or %NULL with
 *   @error set
 */
RedressCaseGroundList *
redress_case_ground_list_new (RedressStore  *store,
                              gint64         case_id,
                              GError       **error)
{
  g_autoptr(RedressCaseGroundList) self = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = g_object_new (REDRESS_TYPE_CASE_GROUND_LIST, NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  if (!redress_case_ground_list_reload (self, error))
    return NULL;
  g_signal_connect_object (store, "changed::ground", G_CALLBACK (on_store_changed), self, 0);
  g_signal_connect_object (store, "changed::document", G_CALLBACK (on_store_changed), self, 0);
  return g_steal_pointer (&self);
}

gint64
redress_case_ground_list_get_case_id (RedressCaseGroundList *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND_LIST (self), 0);

  return self->case_id;
}

/**
 * redress_case_ground_list_reload:
 *
 * Reads the case's grounds again; only the rows that changed are
 * announced.
 */
gboolean
redress_case_ground_list_reload (RedressCaseGroundList  *self,
                                 GError                **error)
{
  g_autoptr(GPtrArray) grounds = NULL;

  g_return_val_if_fail (REDRESS_IS_CASE_GROUND_LIST (self), FALSE);

  grounds = redress_store_list_grounds (self->store, self->case_id, error);
  if (grounds == NULL)
    return FALSE;
  update_to (self, grounds);
  return TRUE;
}

/**
 * redress_case_ground_list_find:
 *
 * Returns: the position of the ground @code in the list, or -1
 */
int
redress_case_ground_list_find (RedressCaseGroundList *self,
                               const char            *code)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND_LIST (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (redress_case_ground_get_code (g_ptr_array_index (self->items, i)), code) == 0)
      return (int) i;
  return -1;
}

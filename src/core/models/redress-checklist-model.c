/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist-model"

#include "config.h"

#include "redress-checklist-model.h"
#include "redress-list-update.h"

/*
 * RedressChecklistModel: a case's checklist for one path as a GListModel
 * of RedressChecklistItem (the items not removed: the path's base items,
 * then each ground's), following the store's "changed::checklist" signal
 * for the case.  Drafting the checklist is its job too: it never drafts by
 * itself, but redress_checklist_model_draft() and
 * redress_checklist_model_draft_if_new() do, for whoever asks.
 *
 * A change re-reads the case's items and compares them with the list
 * by id: only the rows that appeared, went or changed are announced
 * (one items-changed per run of neighbouring rows), and the others keep
 * their item, so a view's rows for them, with the focus, stay as they are.
 */
struct _RedressChecklistModel
{
  GObject parent_instance;

  RedressStore *store;
  gint64 case_id;
  char *path;
  gboolean drafted;       /* drafted through this model */
  GPtrArray *items;       /* RedressChecklistItem, in the store's order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RedressChecklistModel, redress_checklist_model, G_TYPE_OBJECT,
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
  return redress_checklist_item_get_id (a) == redress_checklist_item_get_id (b);
}

/* Whether a row showing @a shows @b the same way */
static gboolean
same_content (gpointer pa,
              gpointer pb)
{
  RedressChecklistItem *a = pa, *b = pb;

  /* Not its position in its group: the order of the list says it */
  return redress_checklist_item_get_state (a) == redress_checklist_item_get_state (b) &&
         redress_checklist_item_get_edited (a) == redress_checklist_item_get_edited (b) &&
         g_strcmp0 (redress_checklist_item_get_code (a), redress_checklist_item_get_code (b)) == 0 &&
         g_strcmp0 (redress_checklist_item_get_template (a), redress_checklist_item_get_template (b)) == 0 &&
         g_strcmp0 (redress_checklist_item_get_custom_text (a), redress_checklist_item_get_custom_text (b)) == 0 &&
         g_strcmp0 (redress_checklist_item_get_due (a), redress_checklist_item_get_due (b)) == 0 &&
         g_strcmp0 (redress_checklist_item_get_note (a), redress_checklist_item_get_note (b)) == 0;
}

/* Brings the list to @fresh (the store's items now) */
static void
update_to (RedressChecklistModel *self,
           GPtrArray *fresh)
{
  if (redress_list_update (G_LIST_MODEL (self), self->items, fresh, same_key, same_content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_changed (RedressStore          *store,
                  const char            *entity,
                  gint64                 id,
                  RedressChecklistModel *self)
{
  g_autoptr(GError) error = NULL;

  if (id != self->case_id)
    return;
  if (!redress_checklist_model_reload (self, &error))
    g_warning ("Could not reload the checklist of case %" G_GINT64_FORMAT ": %s",
               self->case_id, error->message);
}

/* GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return REDRESS_TYPE_CHECKLIST_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return REDRESS_CHECKLIST_MODEL (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  RedressChecklistModel *self = REDRESS_CHECKLIST_MODEL (model);

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
redress_checklist_model_dispose (GObject *object)
{
  RedressChecklistModel *self = (RedressChecklistModel *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_checklist_model_parent_class)->dispose (object);
}

static void
redress_checklist_model_finalize (GObject *object)
{
  RedressChecklistModel *self = (RedressChecklistModel *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (redress_checklist_model_parent_class)->finalize (object);
}

static void
redress_checklist_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RedressChecklistModel *self = REDRESS_CHECKLIST_MODEL (object);

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
redress_checklist_model_class_init (RedressChecklistModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = redress_checklist_model_dispose;
  object_class->finalize = redress_checklist_model_finalize;
  object_class->get_property = redress_checklist_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_checklist_model_init (RedressChecklistModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * redress_checklist_model_new:
 * @store: the store to read and follow
 * @case_id: the case whose checklist is listed
 * @path: the path whose checklist it is ("restoration", ...)
 *
 * Reads the checklist as it is: creating the model writes nothing (see
 * redress_checklist_model_draft()).
 *
 * Returns: (transfer full): the items not removed, grouped as
 *   redress_store_list_checklist() gives them, or %NULL with @error set
 */
RedressChecklistModel *
redress_checklist_model_new (RedressStore  *store,
                             gint64         case_id,
                             const char    *path,
                             GError       **error)
{
  g_autoptr(RedressChecklistModel) self = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (REDRESS_TYPE_CHECKLIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  self->path = g_strdup (path);
  if (!redress_checklist_model_reload (self, error))
    return NULL;
  g_signal_connect_object (store, "changed::checklist", G_CALLBACK (on_store_changed), self, 0);
  return g_steal_pointer (&self);
}

gint64
redress_checklist_model_get_case_id (RedressChecklistModel *self)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), 0);

  return self->case_id;
}

const char *
redress_checklist_model_get_path (RedressChecklistModel *self)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), NULL);

  return self->path;
}

/**
 * redress_checklist_model_reload:
 *
 * Reads the checklist again; only the rows that changed are announced.
 */
gboolean
redress_checklist_model_reload (RedressChecklistModel  *self,
                                GError                **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), FALSE);

  items = redress_store_list_checklist (self->store, self->case_id, self->path, error);
  if (items == NULL)
    return FALSE;
  update_to (self, items);
  return TRUE;
}

/**
 * redress_checklist_model_draft:
 * @changes: (out) (optional): what the draft did
 *
 * Drafts the checklist from the path and the confirmed grounds, or
 * updates the draft (see redress_store_draft_checklist()); the model
 * follows the change the draft announces.
 */
gboolean
redress_checklist_model_draft (RedressChecklistModel    *self,
                               RedressChecklistChanges  *changes,
                               GError                  **error)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), FALSE);

  if (!redress_store_draft_checklist (self->store, self->case_id, self->path, changes, error))
    return FALSE;
  self->drafted = TRUE;
  return TRUE;
}

/**
 * redress_checklist_model_draft_if_new:
 * @drafted: (out) (optional): whether it drafted
 *
 * Drafts the checklist when it has no item yet and this model has not
 * drafted it before (a checklist emptied by hand stays empty).
 */
gboolean
redress_checklist_model_draft_if_new (RedressChecklistModel  *self,
                                      gboolean               *drafted,
                                      GError                **error)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), FALSE);

  if (drafted != NULL)
    *drafted = FALSE;
  if (self->items->len > 0 || self->drafted)
    return TRUE;
  if (!redress_checklist_model_draft (self, NULL, error))
    return FALSE;
  if (drafted != NULL)
    *drafted = TRUE;
  return TRUE;
}

/**
 * redress_checklist_model_find:
 *
 * Returns: the position of the item @item_id in the list, or -1
 */
int
redress_checklist_model_find (RedressChecklistModel *self,
                              gint64                 item_id)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (redress_checklist_item_get_id (g_ptr_array_index (self->items, i)) == item_id)
      return (int) i;
  return -1;
}

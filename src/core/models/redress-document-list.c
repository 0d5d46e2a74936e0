/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-document-list"

#include "config.h"

#include "redress-document-list.h"
#include "redress-error.h"
#include "redress-store-documents.h"

/*
 * RedressDocumentList: the documents attached to one case (not in the
 * trash), in the order they were attached, as a GListModel of
 * RedressDocument.  It follows the store's "changed::document" signal one
 * document at a time: a document attached, trashed, restored or purged
 * adds, removes or replaces its one row, and the others stay as they are.
 */
struct _RedressDocumentList
{
  GObject parent_instance;

  RedressStore *store;
  gint64 case_id;
  GPtrArray *documents;   /* RedressDocument, by id */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RedressDocumentList, redress_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
find_in (GPtrArray *documents,
         gint64     document_id)
{
  for (guint i = 0; i < documents->len; i++)
    if (redress_document_get_id (g_ptr_array_index (documents, i)) == document_id)
      return (int) i;
  return -1;
}

/* Where a document of @id goes (the list is ordered by id) */
static guint
insertion_point (GPtrArray *documents,
                 gint64     document_id)
{
  guint i = 0;

  while (i < documents->len &&
         redress_document_get_id (g_ptr_array_index (documents, i)) < document_id)
    i++;
  return i;
}

static void
on_store_changed (RedressStore        *store,
                  const char          *entity,
                  gint64               id,
                  RedressDocumentList *self)
{
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint old_n = self->documents->len;
  int pos;

  if (g_strcmp0 (entity, "document") != 0)
    return;

  /* A document in the trash, or purged, is not found */
  document = redress_store_get_document (store, id, &error);
  if (document == NULL && !g_error_matches (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND))
    {
      g_warning ("Could not reload document %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  if (document != NULL && redress_document_get_case_id (document) != self->case_id)
    g_clear_object (&document);

  pos = find_in (self->documents, id);
  if (pos >= 0 && document != NULL)
    {
      /* Still there: its row shows its new state */
      g_object_unref (g_ptr_array_index (self->documents, pos));
      g_ptr_array_index (self->documents, pos) = g_steal_pointer (&document);
      g_list_model_items_changed (G_LIST_MODEL (self), (guint) pos, 1, 1);
    }
  else if (pos >= 0)
    {
      g_ptr_array_remove_index (self->documents, (guint) pos);
      g_list_model_items_changed (G_LIST_MODEL (self), (guint) pos, 1, 0);
    }
  else if (document != NULL)
    {
      guint at = insertion_point (self->documents, id);

      g_ptr_array_insert (self->documents, (int) at, g_steal_pointer (&document));
      g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
    }

  if (old_n != self->documents->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return REDRESS_TYPE_DOCUMENT;
}

static guint
list_get_n_items (GListModel *model)
{
  return REDRESS_DOCUMENT_LIST (model)->documents->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  RedressDocumentList *self = REDRESS_DOCUMENT_LIST (model);

  if (position >= self->documents->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->documents, position));
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
redress_document_list_dispose (GObject *object)
{
  RedressDocumentList *self = (RedressDocumentList *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_document_list_parent_class)->dispose (object);
}

static void
redress_document_list_finalize (GObject *object)
{
  RedressDocumentList *self = (RedressDocumentList *) object;

  g_clear_pointer (&self->documents, g_ptr_array_unref);

  G_OBJECT_CLASS (redress_document_list_parent_class)->finalize (object);
}

static void
redress_document_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RedressDocumentList *self = REDRESS_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->documents->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_document_list_class_init (RedressDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = redress_document_list_dispose;
  object_class->finalize = redress_document_list_finalize;
  object_class->get_property = redress_document_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_document_list_init (RedressDocumentList *self)
{
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * redress_document_list_new:
 * @store: the store to read and follow
 * @case_id: the case whose documents are listed
 *
 * Returns: (transfer full): the list, filled, or %NULL with @error set
 */
RedressDocumentList *
redress_document_list_new (RedressStore  *store,
                           gint64         case_id,
                           GError       **error)
{
  g_autoptr(RedressDocumentList) self = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = g_object_new (REDRESS_TYPE_DOCUMENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  if (!redress_document_list_reload (self, error))
    return NULL;
  g_signal_connect_object (store, "changed::document", G_CALLBACK (on_store_changed), self, 0);
  return g_steal_pointer (&self);
}

gint64
redress_document_list_get_case_id (RedressDocumentList *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT_LIST (self), 0);

  return self->case_id;
}

/**
 * redress_document_list_reload:
 *
 * Reads the case's documents again (after a restore, for example).
 */
gboolean
redress_document_list_reload (RedressDocumentList  *self,
                              GError              **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  guint old_n;

  g_return_val_if_fail (REDRESS_IS_DOCUMENT_LIST (self), FALSE);

  documents = redress_store_list_documents (self->store, self->case_id, error);
  if (documents == NULL)
    return FALSE;

  old_n = self->documents->len;
  g_ptr_array_set_size (self->documents, 0);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (self->documents, g_object_ref (g_ptr_array_index (documents, i)));
  if (old_n != 0 || self->documents->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->documents->len);
  if (old_n != self->documents->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * redress_document_list_find:
 *
 * Returns: the position of @document_id in the list, or -1
 */
int
redress_document_list_find (RedressDocumentList *self,
                            gint64               document_id)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT_LIST (self), -1);

  return find_in (self->documents, document_id);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-client-list"

#include "config.h"

#include <string.h>

#include "redress-client-index.h"
#include "redress-client-list.h"
#include "redress-error.h"

/*
 * RedressClientList: the client files as a GListModel, sorted by name and
 * filtered as the consultant types.
 *
 * A firm keeps its files for years: the list must be ready at once and a
 * keystroke cost nothing with hundreds of thousands of them.  So the list
 * holds no file: a RedressClientIndex keeps, per file, its id, whether it
 * is archived and its folded sort and search keys (read from the
 * database in its order, about 80 bytes a file), a query filters that
 * index, and the files themselves are read from the database a page at a
 * time as the view asks for them, and kept while the page is likely to be
 * asked for again.  The list follows the store's "changed" signal one
 * file at a time.
 */
#define PAGE_SIZE   64
#define MAX_CACHED  (32 * PAGE_SIZE)

struct _RedressClientList
{
  GObject parent_instance;

  RedressStore *store;
  RedressClientIndex *index;
  GArray *visible;       /* guint32: positions in index, in order */
  GHashTable *cache;     /* id → RedressClient read from the store */
  char *query;
  char **words;          /* folded query words */
  char **visible_words;  /* the words visible was filtered with */
  gboolean include_archived;
  gboolean visible_archived;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RedressClientList, redress_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_QUERY,
  PROP_INCLUDE_ARCHIVED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_key (gint64      id,
         gboolean    archived,
         const char *sort_key,
         const char *search_key,
         gpointer    user_data)
{
  redress_client_index_append (user_data, id, archived, sort_key, search_key);
}

/* @old_n: how many items the list showed before (the view's count) */
static void
refilter (RedressClientList *self,
          guint              old_n)
{
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean narrows = self->visible_words != NULL &&
                     self->visible_archived == self->include_archived &&
                     redress_client_index_query_narrows ((const char * const *) self->visible_words,
                                                         (const char * const *) self->words);

  /* Typing one more letter only looks among what the last one found */
  redress_client_index_search (self->index, (const char * const *) self->words,
                               self->include_archived, narrows ? self->visible : NULL, visible);
  g_array_unref (self->visible);
  self->visible = g_steal_pointer (&visible);
  g_strfreev (self->visible_words);
  self->visible_words = g_strdupv (self->words);
  self->visible_archived = self->include_archived;

  if (old_n != 0 || self->visible->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->visible->len);
  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The first place in visible not before index position @position */
static guint
visible_lower_bound (RedressClientList *self,
                     guint32            position)
{
  guint lo = 0, hi = self->visible->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->visible, guint32, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Index positions from @position on moved by @delta */
static void
shift_visible (RedressClientList *self,
               guint32            position,
               int                delta)
{
  for (guint i = visible_lower_bound (self, position); i < self->visible->len; i++)
    g_array_index (self->visible, guint32, i) += delta;
}

/* One client changed: take it out, and put its new state back in place. */
static void
on_store_changed (RedressStore      *store,
                  const char        *entity,
                  gint64             id,
                  RedressClientList *self)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint old_n = self->visible->len;
  int position;

  if (g_strcmp0 (entity, "client") != 0)
    return;

  client = redress_store_get_client (store, id, &error);
  if (client == NULL && !g_error_matches (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND))
    {
      g_warning ("Could not reload client %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  g_hash_table_remove (self->cache, &id);

  position = redress_client_index_remove (self->index, id);
  if (position >= 0)
    {
      guint at = visible_lower_bound (self, (guint32) position);

      if (at < self->visible->len && g_array_index (self->visible, guint32, at) == (guint32) position)
        {
          g_array_remove_index (self->visible, at);
          g_list_model_items_changed (G_LIST_MODEL (self), at, 1, 0);
        }
      shift_visible (self, (guint32) position, -1);
    }

  if (client != NULL)
    {
      g_autofree char *sort_key = redress_client_dup_sort_key (client);
      g_autofree char *search_key = redress_client_dup_search_key (client);
      gboolean archived = redress_record_get_archived (REDRESS_RECORD (client));
      guint32 inserted = redress_client_index_insert (self->index, id, archived, sort_key,
                                                      search_key);

      shift_visible (self, inserted, +1);
      if ((self->include_archived || !archived) &&
          redress_client_index_matches (self->index, inserted,
                                        (const char * const *) self->words))
        {
          guint at = visible_lower_bound (self, inserted);

          g_array_insert_val (self->visible, at, inserted);
          g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (client));
          g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
        }
    }

  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Reads the page of @position from the store into the cache */
static void
read_page (RedressClientList *self,
           guint              position)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  guint first = position - position % PAGE_SIZE;
  guint last = MIN (first + PAGE_SIZE, self->visible->len);

  for (guint i = first; i < last; i++)
    {
      gint64 id = redress_client_index_get_id (self->index,
                                               g_array_index (self->visible, guint32, i));

      if (!g_hash_table_contains (self->cache, &id))
        g_array_append_val (ids, id);
    }

  clients = redress_store_get_clients (self->store, (const gint64 *) (gpointer) ids->data,
                                       ids->len, &error);
  if (clients == NULL)
    {
      g_warning ("Could not read client files: %s", error->message);
      return;
    }
  if (g_hash_table_size (self->cache) + clients->len > MAX_CACHED)
    g_hash_table_remove_all (self->cache);
  for (guint i = 0; i < clients->len; i++)
    {
      RedressClient *client = g_ptr_array_index (clients, i);
      gint64 id = redress_record_get_id (REDRESS_RECORD (client));

      g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (client));
    }
}

/* GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return REDRESS_TYPE_CLIENT;
}

static guint
list_get_n_items (GListModel *model)
{
  return REDRESS_CLIENT_LIST (model)->visible->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  RedressClientList *self = REDRESS_CLIENT_LIST (model);
  RedressClient *client;
  gint64 id;

  if (position >= self->visible->len)
    return NULL;
  id = redress_client_index_get_id (self->index, g_array_index (self->visible, guint32, position));
  client = g_hash_table_lookup (self->cache, &id);
  if (client == NULL)
    {
      read_page (self, position);
      client = g_hash_table_lookup (self->cache, &id);
    }
  if (client == NULL)
    {
      /* Gone from the database before its change was announced: a
       * placeholder until then (a list must give an item) */
      client = redress_client_new ();
      redress_record_set_id (REDRESS_RECORD (client), id);
      return client;
    }
  return g_object_ref (client);
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
redress_client_list_dispose (GObject *object)
{
  RedressClientList *self = (RedressClientList *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_client_list_parent_class)->dispose (object);
}

static void
redress_client_list_finalize (GObject *object)
{
  RedressClientList *self = (RedressClientList *) object;

  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->index, redress_client_index_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->visible_words, g_strfreev);
  g_free (self->query);

  G_OBJECT_CLASS (redress_client_list_parent_class)->finalize (object);
}

static void
redress_client_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RedressClientList *self = REDRESS_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_INCLUDE_ARCHIVED:
      g_value_set_boolean (value, self->include_archived);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RedressClientList *self = REDRESS_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      redress_client_list_set_query (self, g_value_get_string (value));
      break;
    case PROP_INCLUDE_ARCHIVED:
      redress_client_list_set_include_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_list_class_init (RedressClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = redress_client_list_dispose;
  object_class->finalize = redress_client_list_finalize;
  object_class->get_property = redress_client_list_get_property;
  object_class->set_property = redress_client_list_set_property;

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_ARCHIVED] =
    g_param_spec_boolean ("include-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_client_list_init (RedressClientList *self)
{
  self->index = redress_client_index_new ();
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * redress_client_list_new:
 * @store: the store to read and follow
 * @include_archived: whether archived files are listed
 *
 * Returns: (transfer full): the list, filled, or %NULL with @error set
 */
RedressClientList *
redress_client_list_new (RedressStore  *store,
                         gboolean       include_archived,
                         GError       **error)
{
  g_autoptr(RedressClientList) self = NULL;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = g_object_new (REDRESS_TYPE_CLIENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->include_archived = include_archived;
  if (!redress_client_list_reload (self, error))
    return NULL;
  g_signal_connect_object (store, "changed::client", G_CALLBACK (on_store_changed), self, 0);
  return g_steal_pointer (&self);
}

/**
 * redress_client_list_reload:
 *
 * Reads every client file again (after a restore, for example).
 */
gboolean
redress_client_list_reload (RedressClientList  *self,
                            GError            **error)
{
  g_autoptr(RedressClientIndex) index = redress_client_index_new ();
  guint old_n;

  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), FALSE);

  /* Archived files are read too: showing them is then only a filter */
  if (!redress_store_foreach_client_key (self->store, add_key, index, error))
    return FALSE;

  /* The view still shows the old items: the change must say how many */
  old_n = self->visible->len;
  redress_client_index_free (self->index);
  self->index = g_steal_pointer (&index);
  g_array_set_size (self->visible, 0);
  g_hash_table_remove_all (self->cache);
  g_clear_pointer (&self->visible_words, g_strfreev);
  refilter (self, old_n);
  return TRUE;
}

/**
 * redress_client_list_set_query:
 * @query: (nullable): what the consultant typed: words of a name, a file
 *   number or a UCI, in any case, with or without accents
 */
void
redress_client_list_set_query (RedressClientList *self,
                               const char        *query)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (REDRESS_IS_CLIENT_LIST (self));

  if (g_strcmp0 (query, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_clear_pointer (&self->words, g_strfreev);

  folded = redress_text_fold (query);
  g_strdelimit (folded, ",;\t\n", ' ');
  self->words = g_strsplit (g_strstrip (folded), " ", -1);
  /* Drop empty words left by repeated spaces */
  {
    guint n = 0;

    for (guint i = 0; self->words[i]; i++)
      {
        if (*self->words[i] == '\0')
          g_free (self->words[i]);
        else
          self->words[n++] = self->words[i];
      }
    self->words[n] = NULL;
  }

  refilter (self, self->visible->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
redress_client_list_get_query (RedressClientList *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), NULL);

  return self->query;
}

void
redress_client_list_set_include_archived (RedressClientList *self,
                                          gboolean           include_archived)
{
  g_return_if_fail (REDRESS_IS_CLIENT_LIST (self));

  include_archived = !!include_archived;
  if (self->include_archived == include_archived)
    return;
  self->include_archived = include_archived;
  refilter (self, self->visible->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ARCHIVED]);
}

gboolean
redress_client_list_get_include_archived (RedressClientList *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), FALSE);

  return self->include_archived;
}

/**
 * redress_client_list_get_n_total:
 *
 * Returns: how many client files there are, filtered or not (archived
 *   ones counted only when they are shown)
 */
guint
redress_client_list_get_n_total (RedressClientList *self)
{
  guint size, n = 0;

  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), 0);

  size = redress_client_index_get_size (self->index);
  if (self->include_archived)
    return size;
  for (guint i = 0; i < size; i++)
    if (!redress_client_index_get_archived (self->index, i))
      n++;
  return n;
}

/**
 * redress_client_list_find:
 *
 * Returns: the position of @client_id in the list as filtered, or -1
 */
int
redress_client_list_find (RedressClientList *self,
                          gint64             client_id)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), -1);

  for (guint i = 0; i < self->visible->len; i++)
    if (redress_client_index_get_id (self->index, g_array_index (self->visible, guint32, i)) ==
        client_id)
      return (int) i;
  return -1;
}

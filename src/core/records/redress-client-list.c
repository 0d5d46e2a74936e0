/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-client-list"

#include "config.h"

#include <string.h>

#include "redress-client-list.h"
#include "redress-error.h"

/*
 * RedressClientList: the client files as a GListModel, sorted by name and
 * filtered as the consultant types.
 *
 * All files are read once (a few megabytes for tens of thousands of
 * files); a query then filters them in memory against a folded key (names
 * in both orders, file number, UCI digits), which takes milliseconds and
 * needs no round trip to the database.  The list follows the store's
 * "changed" signal one record at a time.
 */
typedef struct
{
  RedressClient *client;
  char *sort_key;
  char *search_key;
} Entry;

struct _RedressClientList
{
  GObject parent_instance;

  RedressStore *store;
  GPtrArray *all;       /* Entry, sorted */
  GPtrArray *visible;   /* Entry (borrowed from all), same order */
  char *query;
  char **words;         /* folded query words */
  gboolean include_archived;
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
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->client);
  g_free (entry->sort_key);
  g_free (entry->search_key);
  g_free (entry);
}

static Entry *
entry_new (RedressClient *client)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autofree char *name = NULL;

  entry->client = g_object_ref (client);
  name = g_strdup_printf ("%s\x1f%s\x1f%s",
                          redress_client_get_family_name (client) ?: "",
                          redress_client_get_given_names (client) ?: "",
                          redress_client_get_file_number (client) ?: "");
  entry->sort_key = redress_text_fold (name);
  entry->search_key = redress_client_dup_search_key (client);
  return entry;
}

static int
entry_compare (const Entry *a,
               const Entry *b)
{
  int r = strcmp (a->sort_key, b->sort_key);

  if (r != 0)
    return r;
  return (int) CLAMP (redress_record_get_id (REDRESS_RECORD (a->client)) -
                      redress_record_get_id (REDRESS_RECORD (b->client)), -1, 1);
}

static gint
entry_compare_ptr (gconstpointer a,
                   gconstpointer b)
{
  return entry_compare (*(const Entry **) a, *(const Entry **) b);
}

static gboolean
word_matches (const char *key,
              const char *word)
{
  g_autoptr(GString) digits = NULL;

  if (strstr (key, word) != NULL)
    return TRUE;

  /* "12-3456-7890" finds the UCI 1234567890 */
  digits = g_string_new (NULL);
  for (const char *p = word; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != ' ' && *p != '.')
        return FALSE;
    }
  return digits->len >= 4 && strstr (key, digits->str) != NULL;
}

static gboolean
entry_visible (RedressClientList *self,
               const Entry       *entry)
{
  if (!self->include_archived && redress_record_get_archived (REDRESS_RECORD (entry->client)))
    return FALSE;
  for (guint i = 0; self->words && self->words[i]; i++)
    if (!word_matches (entry->search_key, self->words[i]))
      return FALSE;
  return TRUE;
}

/* Position of the first entry of @array not before @entry (binary search). */
static guint
lower_bound (GPtrArray   *array,
             const Entry *entry)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (entry_compare (g_ptr_array_index (array, mid), entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* @old_n: how many items the list showed before (the view's count) */
static void
refilter (RedressClientList *self,
          guint              old_n)
{
  g_ptr_array_set_size (self->visible, 0);
  for (guint i = 0; i < self->all->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->all, i);

      if (entry_visible (self, entry))
        g_ptr_array_add (self->visible, entry);
    }

  if (old_n != 0 || self->visible->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->visible->len);
  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static int
find_in (GPtrArray *array,
         gint64     client_id)
{
  for (guint i = 0; i < array->len; i++)
    {
      Entry *entry = g_ptr_array_index (array, i);

      if (redress_record_get_id (REDRESS_RECORD (entry->client)) == client_id)
        return (int) i;
    }
  return -1;
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
  int pos;

  if (g_strcmp0 (entity, "client") != 0)
    return;

  client = redress_store_get_client (store, id, &error);
  if (client == NULL && !g_error_matches (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND))
    {
      g_warning ("Could not reload client %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }

  pos = find_in (self->visible, id);
  if (pos >= 0)
    {
      g_ptr_array_remove_index (self->visible, (guint) pos);
      g_list_model_items_changed (G_LIST_MODEL (self), (guint) pos, 1, 0);
    }
  pos = find_in (self->all, id);
  if (pos >= 0)
    g_ptr_array_remove_index (self->all, (guint) pos);

  if (client != NULL)
    {
      Entry *entry = entry_new (client);

      g_ptr_array_insert (self->all, (int) lower_bound (self->all, entry), entry);
      if (entry_visible (self, entry))
        {
          guint at = lower_bound (self->visible, entry);

          g_ptr_array_insert (self->visible, (int) at, entry);
          g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
        }
    }

  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
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
  Entry *entry;

  if (position >= self->visible->len)
    return NULL;
  entry = g_ptr_array_index (self->visible, position);
  return g_object_ref (entry->client);
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

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->words, g_strfreev);
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
  self->all = g_ptr_array_new_with_free_func (entry_free);
  self->visible = g_ptr_array_new ();
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
  g_autoptr(GPtrArray) clients = NULL;
  guint old_n;

  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), FALSE);

  /* Archived files are read too: showing them is then only a filter */
  clients = redress_store_list_clients (self->store, TRUE, error);
  if (clients == NULL)
    return FALSE;

  /* The view still shows the old items: the change must say how many */
  old_n = self->visible->len;
  g_ptr_array_set_size (self->visible, 0);
  g_ptr_array_set_size (self->all, 0);
  for (guint i = 0; i < clients->len; i++)
    g_ptr_array_add (self->all, entry_new (g_ptr_array_index (clients, i)));
  g_ptr_array_sort (self->all, entry_compare_ptr);
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
  guint n = 0;

  g_return_val_if_fail (REDRESS_IS_CLIENT_LIST (self), 0);

  for (guint i = 0; i < self->all->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->all, i);

      if (self->include_archived || !redress_record_get_archived (REDRESS_RECORD (entry->client)))
        n++;
    }
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

  return find_in (self->visible, client_id);
}

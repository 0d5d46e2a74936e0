/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "redress-checklist-private.h"

/*
 * The checklist's templates (data/checklist.ini, in the GResource, read
 * once) and the items of a case's checklist as the store hands them out.
 * The English text of a template is its gettext msgid: the user's
 * language comes from gettext, a document's from a RedressCatalog.
 */

#define TEMPLATES_RESOURCE "/ca/redress/Redress/checklist.ini"

static const struct {
  const char *name;
  const char *label;
} item_states[REDRESS_ITEM_N_STATES] = {
  { "to-request", NC_("checklist item", "To request") },
  { "requested", NC_("checklist item", "Requested") },
  { "received", NC_("checklist item", "Received") },
  { "not-applicable", NC_("checklist item", "Not applicable") },
};

static const char * const paths[] = {
  "restoration", "new-application", "judicial-review", "appeal",
  "reconsideration", "humanitarian", NULL
};

const char *
redress_item_state_to_string (RedressItemState state)
{
  g_return_val_if_fail (state < REDRESS_ITEM_N_STATES, NULL);
  return item_states[state].name;
}

gboolean
redress_item_state_from_string (const char       *text,
                                RedressItemState *state)
{
  for (guint i = 0; i < REDRESS_ITEM_N_STATES; i++)
    if (g_strcmp0 (text, item_states[i].name) == 0)
      {
        *state = (RedressItemState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
redress_item_state_get_label (RedressItemState state)
{
  g_return_val_if_fail (state < REDRESS_ITEM_N_STATES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "checklist item", item_states[state].label);
}

const char *
redress_item_state_get_label_in (RedressItemState  state,
                                 RedressCatalog   *catalog)
{
  g_return_val_if_fail (state < REDRESS_ITEM_N_STATES, NULL);
  return redress_catalog_pgettext (catalog, "checklist item", item_states[state].label);
}

const char * const *
redress_checklist_get_paths (void)
{
  return paths;
}

gboolean
redress_checklist_has_path (const char *path)
{
  return path != NULL && g_strv_contains (paths, path);
}

/* Templates -------------------------------------------------------------- */

typedef struct
{
  char *id;
  char *text;
  GStrv applies_to;     /* application types or families; NULL: all */
} Template;

typedef struct
{
  GStrv items;            /* the generic list */
  GHashTable *by_family;  /* family -> GStrv: its own list */
} List;

typedef struct
{
  GHashTable *items;      /* id -> Template */
  GHashTable *lists;      /* "path CODE" / "ground CODE" -> List */
  GHashTable *families;   /* application type -> family (in family_names) */
  GPtrArray *family_names;  /* NULL-terminated, in the file's order */
} Templates;

#define FAMILY_KEY_PREFIX "items-"

static void
load_families (Templates *templates,
               GKeyFile  *keyfile)
{
  g_auto(GStrv) families = g_key_file_get_keys (keyfile, "families", NULL, NULL);

  for (guint i = 0; families != NULL && families[i] != NULL; i++)
    {
      g_auto(GStrv) types = g_key_file_get_string_list (keyfile, "families", families[i], NULL, NULL);
      char *family = g_strdup (families[i]);

      g_ptr_array_add (templates->family_names, family);
      for (guint t = 0; types != NULL && types[t] != NULL; t++)
        {
          if (g_hash_table_contains (templates->families, types[t]))
            g_critical ("Checklist templates: %s is in two families", types[t]);
          else
            g_hash_table_insert (templates->families, g_strdup (types[t]), family);
        }
    }
  g_ptr_array_add (templates->family_names, NULL);
}

static List *
load_list (GKeyFile   *keyfile,
           const char *group)
{
  List *list = g_new0 (List, 1);
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  list->items = g_key_file_get_string_list (keyfile, group, "items", NULL, NULL);
  if (list->items == NULL)
    list->items = g_new0 (char *, 1);
  list->by_family = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    if (g_str_has_prefix (keys[k], FAMILY_KEY_PREFIX))
      {
        GStrv ids = g_key_file_get_string_list (keyfile, group, keys[k], NULL, NULL);

        g_hash_table_insert (list->by_family, g_strdup (keys[k] + strlen (FAMILY_KEY_PREFIX)),
                             ids ? ids : g_new0 (char *, 1));
      }
  return list;
}

static Templates *
templates_load (void)
{
  Templates *templates = g_new0 (Templates, 1);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;

  templates->items = g_hash_table_new (g_str_hash, g_str_equal);
  templates->lists = g_hash_table_new (g_str_hash, g_str_equal);
  templates->families = g_hash_table_new (g_str_hash, g_str_equal);
  templates->family_names = g_ptr_array_new ();

  bytes = g_resources_lookup_data (TEMPLATES_RESOURCE, 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error))
    {
      /* Built into the program: only a broken build gets here */
      g_critical ("Cannot read the checklist templates: %s", error->message);
      g_ptr_array_add (templates->family_names, NULL);
      return templates;
    }

  load_families (templates, keyfile);
  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], "item "))
        {
          Template *t = g_new0 (Template, 1);

          t->id = g_strdup (groups[i] + strlen ("item "));
          t->text = g_key_file_get_string (keyfile, groups[i], "text", NULL);
          t->applies_to = g_key_file_get_string_list (keyfile, groups[i], "applies-to", NULL, NULL);
          if (t->text == NULL)
            g_critical ("Checklist template %s has no text", t->id);
          g_hash_table_insert (templates->items, t->id, t);
        }
      else if (g_str_has_prefix (groups[i], "path ") || g_str_has_prefix (groups[i], "ground "))
        g_hash_table_insert (templates->lists, g_strdup (groups[i]), load_list (keyfile, groups[i]));
    }
  return templates;
}

static Templates *
templates_get (void)
{
  static gsize once;
  static Templates *templates;

  if (g_once_init_enter (&once))
    {
      templates = templates_load ();
      g_once_init_leave (&once, 1);
    }
  return templates;
}

/**
 * redress_checklist_template_text:
 *
 * Returns: (nullable): the text of a template in English (its msgid), or
 *   %NULL for an unknown ID
 */
const char *
redress_checklist_template_text (const char *template_id)
{
  Template *t;

  if (template_id == NULL)
    return NULL;
  t = g_hash_table_lookup (templates_get ()->items, template_id);
  return t ? t->text : NULL;
}

/**
 * redress_checklist_get_families:
 *
 * Returns: (transfer none): the application families of the templates
 *   ("visitor", "study", "work", "sponsorship", "permanent-residence"), in
 *   the order of data/checklist.ini
 */
const char * const *
redress_checklist_get_families (void)
{
  return (const char * const *) templates_get ()->family_names->pdata;
}

/**
 * redress_checklist_get_family:
 * @application_type: (nullable): a case's application type
 *   ("study-permit-extension")
 *
 * Returns: (nullable): the family of @application_type ("study"), or
 *   %NULL for a type of no family ("other") or an unknown one
 */
const char *
redress_checklist_get_family (const char *application_type)
{
  if (application_type == NULL)
    return NULL;
  return g_hash_table_lookup (templates_get ()->families, application_type);
}

/* The IDs a list drafts for an application of @family: the family's own
 * list, or the generic one */
static const char * const *
list_ids (List       *list,
          const char *family)
{
  GStrv ids = family ? g_hash_table_lookup (list->by_family, family) : NULL;

  return (const char * const *) (ids ? ids : list->items);
}

static gboolean
template_applies (Template   *t,
                  const char *application_type,
                  const char *family)
{
  const char * const *applies_to = (const char * const *) t->applies_to;

  if (applies_to == NULL || application_type == NULL)
    return TRUE;
  return g_strv_contains (applies_to, application_type) ||
         (family != NULL && g_strv_contains (applies_to, family));
}

static void
append_list (GArray      *items,
             GHashTable  *seen,
             List        *list,
             const char  *code,
             const char  *application_type)
{
  Templates *templates = templates_get ();
  const char *family = redress_checklist_get_family (application_type);
  const char * const *ids = list_ids (list, family);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      Template *t = g_hash_table_lookup (templates->items, ids[i]);
      RedressDraftItem item;

      if (t == NULL || t->text == NULL || g_hash_table_contains (seen, t->id))
        continue;
      if (!template_applies (t, application_type, family))
        continue;
      g_hash_table_add (seen, t->id);
      item.template_id = t->id;
      item.code = code;
      g_array_append_val (items, item);
    }
}

GArray *
redress_checklist_draft_items (const char         *path,
                               const char         *application_type,
                               const char * const *codes)
{
  GHashTable *lists = templates_get ()->lists;
  GArray *items = g_array_new (FALSE, FALSE, sizeof (RedressDraftItem));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path_group = g_strconcat ("path ", path, NULL);
  List *list;

  list = g_hash_table_lookup (lists, path_group);
  if (list != NULL)
    append_list (items, seen, list, NULL, application_type);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("ground ", codes[i], NULL);
      /* The code must outlive the array: take the templates' copy */
      gpointer key = NULL;

      if (!g_hash_table_lookup_extended (lists, group, &key, (gpointer *) &list))
        continue;
      append_list (items, seen, list, (const char *) key + strlen ("ground "), application_type);
    }
  return items;
}

/* Items ------------------------------------------------------------------ */

struct _RedressChecklistItem
{
  GObject parent_instance;

  gint64 id;
  gint64 case_id;
  char *path;
  char *code;
  char *template_id;
  char *text;
  RedressItemState state;
  char *due;
  char *note;
  gint64 position;
  gboolean edited;
};

G_DEFINE_FINAL_TYPE (RedressChecklistItem, redress_checklist_item, G_TYPE_OBJECT)

static void
redress_checklist_item_finalize (GObject *object)
{
  RedressChecklistItem *self = REDRESS_CHECKLIST_ITEM (object);

  g_free (self->path);
  g_free (self->code);
  g_free (self->template_id);
  g_free (self->text);
  g_free (self->due);
  g_free (self->note);

  G_OBJECT_CLASS (redress_checklist_item_parent_class)->finalize (object);
}

static void
redress_checklist_item_class_init (RedressChecklistItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_checklist_item_finalize;
}

static void
redress_checklist_item_init (RedressChecklistItem *self)
{
}

RedressChecklistItem *
redress_checklist_item_new (gint64      id,
                            gint64      case_id,
                            const char *path,
                            const char *code,
                            const char *template_id,
                            const char *text)
{
  RedressChecklistItem *self = g_object_new (REDRESS_TYPE_CHECKLIST_ITEM, NULL);

  self->id = id;
  self->case_id = case_id;
  self->path = g_strdup (path);
  self->code = g_strdup (code);
  self->template_id = g_strdup (template_id);
  self->text = g_strdup (text);
  return self;
}

void
redress_checklist_item_set_values (RedressChecklistItem *self,
                                   RedressItemState      state,
                                   const char           *due,
                                   const char           *note,
                                   gint64                position,
                                   gboolean              edited)
{
  g_return_if_fail (REDRESS_IS_CHECKLIST_ITEM (self));

  self->state = state;
  g_free (self->due);
  self->due = g_strdup (due);
  g_free (self->note);
  self->note = g_strdup (note);
  self->position = position;
  self->edited = edited;
}

gint64 redress_checklist_item_get_id (RedressChecklistItem *self) { return self->id; }
gint64 redress_checklist_item_get_case_id (RedressChecklistItem *self) { return self->case_id; }
const char *redress_checklist_item_get_path (RedressChecklistItem *self) { return self->path; }
const char *redress_checklist_item_get_code (RedressChecklistItem *self) { return self->code; }
const char *redress_checklist_item_get_template (RedressChecklistItem *self) { return self->template_id; }
const char *redress_checklist_item_get_custom_text (RedressChecklistItem *self) { return self->text; }
RedressItemState redress_checklist_item_get_state (RedressChecklistItem *self) { return self->state; }
const char *redress_checklist_item_get_due (RedressChecklistItem *self) { return self->due; }
const char *redress_checklist_item_get_note (RedressChecklistItem *self) { return self->note; }
gint64 redress_checklist_item_get_position (RedressChecklistItem *self) { return self->position; }
gboolean redress_checklist_item_get_edited (RedressChecklistItem *self) { return self->edited; }

const char *
redress_checklist_item_get_text (RedressChecklistItem *self)
{
  const char *text;

  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ITEM (self), NULL);
  if (self->text != NULL)
    return self->text;
  text = redress_checklist_template_text (self->template_id);
  return text ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

const char *
redress_checklist_item_get_text_in (RedressChecklistItem *self,
                                    RedressCatalog       *catalog)
{
  const char *text;

  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ITEM (self), NULL);
  if (self->text != NULL)
    return self->text;
  text = redress_checklist_template_text (self->template_id);
  return text ? redress_catalog_gettext (catalog, text) : "";
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-checklist-export.h"
#include "redress-checklist-item-dialog.h"
#include "redress-checklist-row.h"
#include "redress-checklist-paths.h"
#include "redress-checklist-view.h"
#include "redress-print.h"
#include "redress-ui-util.h"

/*
 * RedressChecklistView: what the client gathers for the path chosen on
 * the Overview, drafted by the core from the path and the confirmed
 * grounds: the path's base items, then one group per ground with the
 * officer's words.  Each item is ticked when received, or given a state,
 * a due date, a note, another wording; it can be moved, removed (Undo)
 * or added by hand.  When the confirmed grounds change, the view offers
 * to update the checklist.  The checklist and the response outline are
 * exported as PDF or printed, in the client's language or another.
 *
 * The items come from a RedressChecklistModel, which drafts the checklist
 * when it is made for a path not drafted yet (the case opened with a path,
 * or a path chosen), and on Update.  Store changes are followed: the rows
 * are updated in place when the items stay the same (the focus stays
 * where it is), rebuilt otherwise.
 *
 * Until a path is chosen, the view lists the paths open to the client,
 * each with its day to file by, as the Overview computes them; choosing
 * one sets the case's path and the checklist is drafted.
 *
 * Signal: "show-overview" asks the case view for its Overview, where the
 * remedies are explained and the path can be chosen too.
 */
struct _RedressChecklistView
{
  GtkWidget parent_instance;

  /* template */
  GtkStack *stack;
  AdwStatusPage *no_path_page;
  GtkListBox *paths_list;
  GtkWidget *scroller;
  GtkLabel *heading_label;
  GtkLabel *progress_label;
  GtkLabel *deadline_label;
  GtkRevealer *pending_revealer;
  AdwActionRow *pending_row;
  GtkBox *groups_box;

  RedressStore *store;
  gulong checklist_handler;
  gulong ground_handler;
  gint64 case_id;
  char *path;              /* the case's path, when it has a checklist */
  char *language;          /* of the exported and printed documents */
  RedressChecklistModel *model;  /* the items of the case's path */
  GPtrArray *groups;       /* ViewGroup: the groups shown, in order */
  gint64 focus_id;         /* the item whose row is to get the focus back */
  RedressChecklistRowPart focus_part;
  guint reload_idle;
  GCancellable *cancellable;
  GtkPrintOperation *print_operation;
};

/* A group shown: a ground's items (or the path's own), bound to a list */
typedef struct
{
  RedressChecklistView *view;   /* owns it */
  char *code;                   /* NULL: the path's base items */
  AdwPreferencesGroup *widget;
  GtkListBox *list;
  GtkFilterListModel *items;
} ViewGroup;

G_DEFINE_FINAL_TYPE (RedressChecklistView, redress_checklist_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_OVERVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  REPORT_CHECKLIST,
  REPORT_OUTLINE,
} ReportKind;

/* The title of the path's own items */
static const struct
{
  const char *path;
  const char *title;
} base_titles[] = {
  { "restoration", N_("For the Restoration of Status") },
  { "new-application", N_("For the New Application") },
  { "judicial-review", N_("For the Judicial Review") },
  { "appeal", N_("For the Appeal to the IAD") },
  { "reconsideration", N_("For the Reconsideration Request") },
  { "humanitarian", N_("For the Humanitarian and Compassionate Application") },
};


/* Helpers ----------------------------------------------------------------- */

static void
report_error (RedressChecklistView *self,
              GError               *error)
{
  redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (error->message));
}

static const char *
base_title (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (base_titles); i++)
    if (g_strcmp0 (base_titles[i].path, path) == 0)
      return _(base_titles[i].title);
  return redress_field_choice_label (redress_case_field_def (REDRESS_CASE_PATH), path);
}

static RedressClient *
get_client (RedressChecklistView *self)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (self->store, self->case_id, NULL);

  if (kase == NULL)
    return NULL;
  return redress_store_get_client (self->store, redress_case_get_client_id (kase), NULL);
}

/* The client's preferred language, else the desktop's if French */
static char *
default_language (RedressChecklistView *self)
{
  g_autoptr(RedressClient) client = get_client (self);
  const char *language = client ? redress_client_get_language (client) : NULL;
  const char * const *names = g_get_language_names ();

  if (language != NULL && *language != '\0')
    return g_strdup (language);
  if (names[0] != NULL && g_str_has_prefix (names[0], "fr"))
    return g_strdup ("fr");
  return g_strdup ("en");
}

static void
update_actions (RedressChecklistView *self)
{
  gboolean ready = self->store != NULL && self->path != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.add-item", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.update", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-checklist", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-outline", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.print", ready);
}

/* Rows -------------------------------------------------------------------- */

/* The row of item @id, or %NULL if it is not shown */
static RedressChecklistRow *
find_row (RedressChecklistView *self,
          gint64                id)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      ViewGroup *group = g_ptr_array_index (self->groups, i);
      GtkWidget *child;

      for (child = gtk_widget_get_first_child (GTK_WIDGET (group->list)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (REDRESS_IS_CHECKLIST_ROW (child) &&
            redress_checklist_row_get_item_id (REDRESS_CHECKLIST_ROW (child)) == id)
          return REDRESS_CHECKLIST_ROW (child);
    }
  return NULL;
}

/* The focus is to go back to item @id (to the part of its row that has it
 * now) once the list follows the change about to be made */
static void
keep_focus_on (RedressChecklistView *self,
               gint64                id)
{
  RedressChecklistRow *row = find_row (self, id);

  self->focus_id = id;
  self->focus_part = row ? redress_checklist_row_get_focus_part (row)
                         : REDRESS_CHECKLIST_ROW_PART_ROW;
}

/* The refocus step: the row of the item acted on gets the focus again,
 * scrolled into view, once it is shown */
static void
refocus (RedressChecklistView *self)
{
  RedressChecklistRow *row;

  if (self->focus_id == 0 || (row = find_row (self, self->focus_id)) == NULL)
    return;
  self->focus_id = 0;
  redress_checklist_row_focus (row, self->focus_part);
  redress_widget_scroll_into_view (GTK_WIDGET (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return redress_checklist_row_new (item);
}

static gboolean
filter_group (gpointer item,
              gpointer user_data)
{
  ViewGroup *group = user_data;

  return g_strcmp0 (redress_checklist_item_get_code (item), group->code) == 0;
}

/* The rows of a group know whether they can move up or down; the item
 * acted on gets the focus back */
static void
on_group_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        ViewGroup  *group)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (group->list, (int) i);

      if (REDRESS_IS_CHECKLIST_ROW (row))
        redress_checklist_row_set_place (REDRESS_CHECKLIST_ROW (row), i == 0, i + 1 == n);
    }
  refocus (group->view);
}

/* Groups ------------------------------------------------------------------ */

/* The description of a ground's group: the officer's sentence, or why the
 * items stay when the ground is no longer confirmed */
/* The passages of the notes linked to the ground, under its sentence
 * (long ones shortened: the exported documents quote them whole) */
static char *
add_evidence (RedressCaseGround *ground,
              const char        *said)
{
  GPtrArray *evidence = redress_case_ground_get_evidence (ground);
  GString *text = g_string_new (said);

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      RedressEvidence *e = g_ptr_array_index (evidence, i);
      const char *quote = redress_evidence_get_quote (e);
      g_autofree char *shown = NULL;

      if (g_utf8_strlen (quote, -1) > 240)
        {
          g_autofree char *start = g_utf8_substring (quote, 0, 240);

          shown = g_strconcat (start, "…", NULL);
        }
      else
        shown = g_strdup (quote);
      g_string_append_c (text, '\n');
      /* Translators: a passage of the officer's notes linked to a ground,
       * then the document's file name and the page */
      g_string_append_printf (text, _("From the officer’s notes: “%s” — %s, page %u"), shown,
                              redress_evidence_get_file_name (e), redress_evidence_get_page (e));
    }
  return g_string_free (text, FALSE);
}

static char *
ground_description (RedressCaseGround *ground)
{
  const char *quote = ground ? redress_case_ground_get_quote (ground) : NULL;
  g_autofree char *said = NULL;

  if (quote != NULL && redress_case_ground_get_document_id (ground) > 0)
    /* Translators: the officer's sentence, then its page */
    said = g_strdup_printf (_("“%s” — page %u"), quote, redress_case_ground_get_page (ground));
  else if (quote != NULL)
    said = g_strdup_printf (_("“%s”"), quote);

  if (ground == NULL || redress_case_ground_get_state (ground) != REDRESS_GROUND_CONFIRMED)
    {
      const char *why = _("This ground is no longer confirmed. Updating the checklist removes "
                          "its items, except those you changed.");

      return said ? g_strdup_printf ("%s\n%s", why, said) : g_strdup (why);
    }
  if (said == NULL)
    said = g_strdup (_("Added by hand: no sentence of the letter is linked to it."));
  return add_evidence (ground, said);
}
typedef struct
{
  char *code;         /* NULL: the path's base items */
  char *title;
  char *description;
  guint start;        /* its items in the list */
  guint n_items;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->code);
  g_free (group->title);
  g_free (group->description);
  g_free (group);
}

/* The items in their groups, as the core lists them (base first) */
static GPtrArray *
make_groups (RedressChecklistView *self,
             GPtrArray            *items,
             GHashTable           *grounds)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  Group *group = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const char *code = redress_checklist_item_get_code (g_ptr_array_index (items, i));

      if (group == NULL || g_strcmp0 (group->code, code) != 0)
        {
          group = g_new0 (Group, 1);
          group->code = g_strdup (code);
          group->start = i;
          if (code == NULL)
            {
              group->title = g_strdup (base_title (self->path));
              group->description = g_strdup (_("What every application on this path needs."));
            }
          else
            {
              const char *label = redress_ground_get_label (code);

              group->title = g_strdup (label ? label : code);
              group->description = ground_description (g_hash_table_lookup (grounds, code));
            }
          g_ptr_array_add (groups, group);
        }
      group->n_items++;
    }
  return groups;
}

static void
view_group_free (gpointer data)
{
  ViewGroup *group = data;

  g_signal_handlers_disconnect_by_data (group->items, group);
  gtk_list_box_bind_model (group->list, NULL, NULL, NULL, NULL);
  g_clear_object (&group->items);
  g_free (group->code);
  g_free (group);
}

/* A group of the view: its items, filtered from the model, bound to a
 * boxed list under its heading */
static ViewGroup *
view_group_new (RedressChecklistView *self,
                const char           *code)
{
  ViewGroup *group = g_new0 (ViewGroup, 1);
  GtkCustomFilter *filter;

  group->view = self;
  group->code = g_strdup (code);
  group->widget = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  group->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (group->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (group->list), "boxed-list");
  adw_preferences_group_add (group->widget, GTK_WIDGET (group->list));
  filter = gtk_custom_filter_new (filter_group, group, NULL);
  group->items = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->model)),
                                            GTK_FILTER (filter));
  gtk_list_box_bind_model (group->list, G_LIST_MODEL (group->items), create_row, NULL, NULL);
  /* After the list box has made its rows */
  g_signal_connect (group->items, "items-changed", G_CALLBACK (on_group_items_changed), group);
  on_group_items_changed (G_LIST_MODEL (group->items), 0, 0, 0, group);
  return group;
}

/* Sets a heading only when it changes (markup: escaped) */
static void
set_heading (AdwPreferencesGroup *group,
             const char          *title,
             const char          *description)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = description ? g_markup_escape_text (description, -1) : NULL;

  if (g_strcmp0 (adw_preferences_group_get_title (group), escaped_title) != 0)
    adw_preferences_group_set_title (group, escaped_title);
  if (escaped != NULL && g_strcmp0 (adw_preferences_group_get_description (group), escaped) != 0)
    adw_preferences_group_set_description (group, escaped);
}

static void
clear_groups (RedressChecklistView *self)
{
  GtkWidget *child;

  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

/* Whether the view shows the groups @groups, in that order */
static gboolean
same_groups (RedressChecklistView *self,
             GPtrArray            *groups)
{
  if (self->groups->len != groups->len || groups->len == 0)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      ViewGroup *shown = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->code, shown->code) != 0)
        return FALSE;
    }
  return TRUE;
}

/* One group a ground (and one for the path's items), each bound to the
 * model's items in it; the groups are made again only when they change */
static void
show_groups (RedressChecklistView *self,
             GPtrArray            *groups)
{
  if (!same_groups (self, groups))
    {
      clear_groups (self);
      for (guint i = 0; i < groups->len; i++)
        {
          Group *group = g_ptr_array_index (groups, i);
          ViewGroup *shown = view_group_new (self, group->code);

          g_ptr_array_add (self->groups, shown);
          gtk_box_append (self->groups_box, GTK_WIDGET (shown->widget));
        }
      if (groups->len == 0)
        {
          GtkWidget *group = adw_preferences_group_new ();
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No items"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Add the documents the client should provide."));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          gtk_box_append (self->groups_box, group);
        }
    }
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      ViewGroup *shown = g_ptr_array_index (self->groups, i);

      set_heading (shown->widget, group->title, group->description);
    }
  refocus (self);
}


static void
update_progress (RedressChecklistView *self,
                 GPtrArray            *items)
{
  guint total = 0, received = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      RedressItemState state = redress_checklist_item_get_state (g_ptr_array_index (items, i));

      if (state == REDRESS_ITEM_NOT_APPLICABLE)
        continue;
      total++;
      if (state == REDRESS_ITEM_RECEIVED)
        received++;
    }
  if (total == 0)
    text = g_strdup (_("Nothing to gather yet"));
  else
    /* Translators: checklist progress: received, total */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item received",
                                         "%u of %u items received", total), received, total);
  gtk_label_set_text (self->progress_label, text);
}

/* The path's remedy and the day to file by, as the Overview computes it */
static void
update_deadline (RedressChecklistView *self,
                 RedressCase          *kase)
{
  GtkWidget *label = GTK_WIDGET (self->deadline_label);
  g_autoptr(GPtrArray) remedies = NULL;
  g_autofree char *text = NULL;
  RedressRemedy *remedy;
  GDate today;

  redress_date_today (&today);
  remedies = redress_remedies_compute (kase,
                                       redress_store_case_has_confirmed (self->store, self->case_id,
                                                                         "misrepresentation"),
                                       &today, NULL);
  remedy = redress_remedies_find_for_path (remedies, self->path);
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  if (remedy == NULL)
    {
      gtk_widget_set_visible (label, FALSE);
      return;
    }
  if (!remedy->available)
    {
      /* Translators: %s is a remedy (Restoration of status) */
      text = g_strdup_printf (_("%s does not look open on the dates recorded: see the Overview."),
                              redress_remedy_label (remedy->code));
      gtk_widget_add_css_class (label, "error");
    }
  else if (remedy->file_by == NULL)
    {
      /* Translators: %s is a remedy (New application) */
      text = g_strdup_printf (_("%s: no deadline"), redress_remedy_label (remedy->code));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      g_autofree char *date = redress_date_format_long (remedy->file_by);

      if (remedy->days_left < 0)
        /* Translators: a remedy, the day to file by (past) */
        text = g_strdup_printf (_("%s: the day to file by, %s, has passed"),
                                redress_remedy_label (remedy->code), date);
      else
        /* Translators: a remedy, the day to file by, the days left */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: file by %s (%d day left)",
                                             "%s: file by %s (%d days left)",
                                             (gulong) remedy->days_left),
                                redress_remedy_label (remedy->code), date, remedy->days_left);
      gtk_widget_add_css_class (label, remedy->days_left < 0 ? "error"
                                       : remedy->days_left <= 7 ? "warning" : "dim-label");
    }
  gtk_label_set_text (self->deadline_label, text);
  gtk_widget_set_visible (label, TRUE);
}

static void
update_pending (RedressChecklistView *self,
                guint                 n_items)
{
  RedressChecklistChanges changes = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) subtitle = NULL;

  if (n_items == 0 ||
      !redress_store_checklist_pending (self->store, self->case_id, self->path, &changes, &error))
    {
      if (error != NULL)
        g_warning ("Cannot tell whether the checklist is up to date: %s", error->message);
      gtk_revealer_set_reveal_child (self->pending_revealer, FALSE);
      return;
    }
  if (changes.n_added == 0 && changes.n_removed == 0)
    {
      gtk_revealer_set_reveal_child (self->pending_revealer, FALSE);
      return;
    }

  subtitle = g_string_new (NULL);
  if (changes.n_added > 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u item to add",
                                                   "%u items to add", changes.n_added),
                            changes.n_added);
  if (changes.n_removed > 0)
    {
      g_autofree char *removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item to remove",
                                                               "%u items to remove",
                                                               changes.n_removed),
                                                  changes.n_removed);

      if (subtitle->len > 0)
        {
          g_autofree char *both = NULL;

          /* Translators: "3 items to add, 2 items to remove" */
          both = g_strdup_printf (_("%s, %s"), subtitle->str, removed);
          g_string_assign (subtitle, both);
        }
      else
        g_string_assign (subtitle, removed);
    }
  if (changes.n_kept > 0)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u item you changed stays",
                                           "%u items you changed stay", changes.n_kept),
                              changes.n_kept);
    }
  adw_action_row_set_subtitle (self->pending_row, subtitle->str);
  gtk_revealer_set_reveal_child (self->pending_revealer, TRUE);
}

static void clear_model (RedressChecklistView *self);

/* The paths open to the client, in the list on the page without one */
static void
fill_paths (RedressChecklistView *self)
{
  redress_checklist_paths_fill (self->paths_list, self->no_path_page, self->store, self->case_id);
}

static void
show_no_path (RedressChecklistView *self)
{
  g_clear_pointer (&self->path, g_free);
  clear_model (self);
  clear_groups (self);
  fill_paths (self);
  gtk_revealer_set_reveal_child (self->pending_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "no-path");
  update_actions (self);
}

static gboolean
draft (RedressChecklistView     *self,
       RedressChecklistChanges  *changes)
{
  g_autoptr(GError) error = NULL;

  if (self->model == NULL || !redress_checklist_model_draft (self->model, changes, &error))
    {
      if (error != NULL)
        report_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void queue_reload (RedressChecklistView *self);

static void
on_model_changed (GListModel           *model,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  RedressChecklistView *self)
{
  queue_reload (self);
}

static void
clear_model (RedressChecklistView *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
}

/* The model of the case's path, made (and the checklist drafted, if it
 * never was) when the case or its path is new to the view */
static gboolean
ensure_model (RedressChecklistView  *self,
              GError               **error)
{
  g_autoptr(RedressChecklistModel) model = NULL;

  if (self->model != NULL && redress_checklist_model_get_case_id (self->model) == self->case_id &&
      g_strcmp0 (redress_checklist_model_get_path (self->model), self->path) == 0)
    return TRUE;
  clear_model (self);
  clear_groups (self);
  model = redress_checklist_model_new (self->store, self->case_id, self->path, error);
  if (model == NULL)
    return FALSE;
  if (!redress_checklist_model_draft_if_new (model, NULL, error))
    return FALSE;
  self->model = g_steal_pointer (&model);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_changed), self, 0);
  return TRUE;
}

void
redress_checklist_view_reload (RedressChecklistView *self)
{
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_return_if_fail (REDRESS_IS_CHECKLIST_VIEW (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store == NULL || self->case_id <= 0)
    {
      show_no_path (self);
      return;
    }

  kase = redress_store_get_case (self->store, self->case_id, NULL);
  path = kase ? redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH) : NULL;
  if (path == NULL || !redress_checklist_has_path (path))
    {
      show_no_path (self);
      return;
    }
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      clear_groups (self);
    }
  gtk_stack_set_visible_child_name (self->stack, "checklist");
  update_actions (self);
  update_deadline (self, kase);

  if (!ensure_model (self, &error))
    {
      clear_groups (self);
      gtk_box_append (self->groups_box, gtk_label_new (error->message));
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->model), i));

  by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  grounds = redress_store_list_grounds (self->store, self->case_id, NULL);
  for (guint i = 0; grounds && i < grounds->len; i++)
    {
      RedressCaseGround *ground = g_ptr_array_index (grounds, i);

      g_hash_table_insert (by_code, (gpointer) redress_case_ground_get_code (ground),
                           g_object_ref (ground));
    }

  groups = make_groups (self, items, by_code);
  show_groups (self, groups);

  update_progress (self, items);
  update_pending (self, items->len);
}

static gboolean
reload_idle_cb (gpointer data)
{
  RedressChecklistView *self = data;

  self->reload_idle = 0;
  redress_checklist_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Several changes in a row reload once */
static void
queue_reload (RedressChecklistView *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
on_store_changed (RedressStore         *store,
                  const char           *entity,
                  gint64                id,
                  RedressChecklistView *self)
{
  if (id == self->case_id)
    queue_reload (self);
}

/* Item actions: asked by the rows, with the item's id --------------------- */

static void
set_state_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint state;

  g_variant_get (param, "(xu)", &id, &state);
  if (state >= REDRESS_ITEM_N_STATES)
    return;
  keep_focus_on (self, id);
  if (!redress_store_set_checklist_item_state (self->store, id, (RedressItemState) state, &error))
    {
      report_error (self, error);
      redress_checklist_view_reload (self);
    }
  refocus (self);
}

static void
move_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  int delta;

  g_variant_get (param, "(xi)", &id, &delta);
  /* The moved row keeps the focus */
  keep_focus_on (self, id);
  if (!redress_store_move_checklist_item (self->store, id, delta, &error))
    report_error (self, error);
  refocus (self);
}

/* An item dragged onto another of its group takes its place (one step at
 * a time, as Move Up and Move Down do) */
static void
drop_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  RedressChecklistRow *source, *target;
  gint64 id, onto;
  int delta;

  g_variant_get (param, "(xx)", &id, &onto);
  source = find_row (self, id);
  target = find_row (self, onto);
  if (source == NULL || target == NULL ||
      gtk_widget_get_parent (GTK_WIDGET (source)) != gtk_widget_get_parent (GTK_WIDGET (target)))
    return;
  delta = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (target)) -
          gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (source));
  self->focus_id = id;
  self->focus_part = REDRESS_CHECKLIST_ROW_PART_ROW;
  for (int i = 0; i < ABS (delta); i++)
    if (!redress_store_move_checklist_item (self->store, id, delta < 0 ? -1 : 1, &error))
      {
        report_error (self, error);
        break;
      }
  refocus (self);
}

typedef struct
{
  RedressStore *store;
  gint64 item_id;
  RedressChecklistView *view;  /* weak */
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_clear_object (&restore->store);
  g_clear_weak_pointer (&restore->view);
  g_free (restore);
}

static void
on_restore_clicked (AdwToast *toast,
                    Restore  *restore)
{
  g_autoptr(GError) error = NULL;

  /* The store announces it: the view that shows the case follows, and
   * the item brought back gets the focus */
  if (restore->view != NULL)
    keep_focus_on (restore->view, restore->item_id);
  if (!redress_store_restore_checklist_item (restore->store, restore->item_id, &error))
    g_warning ("Cannot bring the checklist item back: %s", error->message);
  if (restore->view != NULL)
    refocus (restore->view);
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);
  RedressChecklistRow *row = find_row (self, id);
  GtkWidget *next = NULL;
  AdwToast *toast;
  Restore *restore;

  /* The focus goes to a neighbour rather than back to the top */
  if (row != NULL)
    {
      next = gtk_widget_get_next_sibling (GTK_WIDGET (row));
      if (!REDRESS_IS_CHECKLIST_ROW (next))
        next = gtk_widget_get_prev_sibling (GTK_WIDGET (row));
    }
  if (REDRESS_IS_CHECKLIST_ROW (next))
    {
      self->focus_id = redress_checklist_row_get_item_id (REDRESS_CHECKLIST_ROW (next));
      self->focus_part = REDRESS_CHECKLIST_ROW_PART_ROW;
    }

  if (!redress_store_remove_checklist_item (self->store, id, &error))
    {
      report_error (self, error);
      return;
    }
  refocus (self);
  toast = adw_toast_new (_("Item removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  restore = g_new0 (Restore, 1);
  restore->store = g_object_ref (self->store);
  restore->item_id = id;
  g_set_weak_pointer (&restore->view, self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_restore_clicked), restore,
                         (GClosureNotify) (void (*) (void)) restore_free, 0);
  redress_widget_add_toast (GTK_WIDGET (self), toast);
}

/* The item dialog: editing an item, or adding one ------------------------- */

static void
on_item_added (RedressChecklistItemDialog *dialog,
               gint64                      item_id,
               RedressChecklistView       *self)
{
  /* The new item gets the focus, scrolled into view */
  self->focus_id = item_id;
  self->focus_part = REDRESS_CHECKLIST_ROW_PART_ROW;
  refocus (self);
  redress_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Item added")));
}

/* The dialog is gone: whatever was to get the focus back has it now, or
 * never changed */
static void
on_item_dialog_destroy (GtkWidget            *dialog,
                        RedressChecklistView *self)
{
  refocus (self);
  self->focus_id = 0;
}

static void
present_item_dialog (RedressChecklistView *self,
                     RedressChecklistItem *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = redress_checklist_item_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              self->store, self->case_id, self->path,
                                              base_title (self->path), item);
  g_signal_connect_object (dialog, "item-added", G_CALLBACK (on_item_added), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_item_dialog_destroy), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(RedressChecklistItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  item = redress_store_get_checklist_item (self->store, id, &error);
  if (item == NULL)
    {
      report_error (self, error);
      return;
    }
  /* The edited row gets the focus back when the dialog saves */
  self->focus_id = id;
  self->focus_part = REDRESS_CHECKLIST_ROW_PART_ROW;
  present_item_dialog (self, item);
}

/* View actions ------------------------------------------------------------ */

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  present_item_dialog (REDRESS_CHECKLIST_VIEW (widget), NULL);
}

static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  RedressChecklistChanges changes = { 0, };
  g_autofree char *message = NULL;

  if (!draft (self, &changes))
    return;
  /* Translators: after updating a checklist from the grounds */
  message = g_strdup_printf (_("Checklist updated: %u added, %u removed"), changes.n_added,
                             changes.n_removed);
  redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (message));
  redress_checklist_view_reload (self);
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_signal_emit (widget, signals[SHOW_OVERVIEW], 0);
}

/* A path chosen from the list: the case takes it, as on the Overview, and
 * the checklist is drafted for it */
static void
choose_path_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !redress_checklist_has_path (path))
    return;
  kase = redress_store_get_case (self->store, self->case_id, &error);
  if (kase == NULL ||
      !redress_record_set_value_checked (REDRESS_RECORD (kase), REDRESS_CASE_PATH, path, &error) ||
      !redress_store_update_case (self->store, kase, &error))
    {
      if (error != NULL)
        report_error (self, error);
      return;
    }
  redress_checklist_view_reload (self);
  /* The chosen row is gone: the focus goes to the checklist */
  gtk_widget_child_focus (self->scroller, GTK_DIR_TAB_FORWARD);
}

static RedressReport *
new_report (RedressChecklistView  *self,
            ReportKind             kind,
            GError               **error)
{
  if (kind == REPORT_OUTLINE)
    return redress_report_new_outline (self->store, self->case_id, self->language, error);
  return redress_report_new_checklist (self->store, self->case_id, self->path, self->language,
                                       error);
}

static void
show_failure (RedressChecklistView *self,
              const char           *heading,
              GError               *error)
{
  redress_widget_show_failure (GTK_WIDGET (self), heading, error);
}

/* The report, read from the store here, in the thread that owns it; %NULL
 * (and the reason shown) if it cannot be prepared */
static RedressReport *
prepare_report (RedressChecklistView *self,
                ReportKind            kind)
{
  g_autoptr(GError) error = NULL;
  RedressReport *report = new_report (self, kind, &error);

  if (report == NULL)
    show_failure (self, kind == REPORT_OUTLINE ? _("The Outline Could Not Be Prepared")
                                               : _("The Checklist Could Not Be Prepared"),
                  error);
  return report;
}

static void
export (RedressChecklistView *self,
        ReportKind            kind)
{
  g_autoptr(RedressReport) report = prepare_report (self, kind);

  if (report != NULL)
    redress_checklist_export_ask (GTK_WIDGET (self), self->store, report,
                                  G_LIST_MODEL (self->model), kind == REPORT_OUTLINE,
                                  self->cancellable);
}

static void
export_checklist_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  export (REDRESS_CHECKLIST_VIEW (widget), REPORT_CHECKLIST);
}

static void
export_outline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  export (REDRESS_CHECKLIST_VIEW (widget), REPORT_OUTLINE);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RedressChecklistView    *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_failure (self, _("The Checklist Could Not Be Printed"), error);
    }
  if (self->print_operation == operation)
    g_clear_object (&self->print_operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (widget);
  g_autoptr(RedressReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperationResult result;

  if (self->print_operation != NULL)
    return;  /* one at a time */
  report = new_report (self, REPORT_CHECKLIST, &error);
  if (report == NULL)
    {
      show_failure (self, _("The Checklist Could Not Be Prepared"), error);
      return;
    }
  self->print_operation = redress_print_operation_new (report);
  gtk_print_operation_set_allow_async (self->print_operation, TRUE);
  g_signal_connect_object (self->print_operation, "done", G_CALLBACK (on_print_done), self, 0);
  result = gtk_print_operation_run (self->print_operation,
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_failure (self, _("The Checklist Could Not Be Printed"), error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_clear_object (&self->print_operation);
}

/* GObject ----------------------------------------------------------------- */

static void
disconnect_store (RedressChecklistView *self)
{
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->checklist_handler, self->store);
      g_clear_signal_handler (&self->ground_handler, self->store);
    }
}

static void
redress_checklist_view_dispose (GObject *object)
{
  RedressChecklistView *self = (RedressChecklistView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  disconnect_store (self);
  clear_model (self);
  g_clear_object (&self->store);
  g_clear_object (&self->print_operation);
  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_CHECKLIST_VIEW);

  G_OBJECT_CLASS (redress_checklist_view_parent_class)->dispose (object);
}

static void
redress_checklist_view_finalize (GObject *object)
{
  RedressChecklistView *self = (RedressChecklistView *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->language);

  G_OBJECT_CLASS (redress_checklist_view_parent_class)->finalize (object);
}

static void
redress_checklist_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_checklist_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RedressChecklistView *self = REDRESS_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT_LANGUAGE:
      redress_checklist_view_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_checklist_view_class_init (RedressChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_checklist_view_dispose;
  object_class->finalize = redress_checklist_view_finalize;
  object_class->get_property = redress_checklist_view_get_property;
  object_class->set_property = redress_checklist_view_set_property;

  /**
   * RedressChecklistView:document-language:
   *
   * The language of the exported and printed documents: "en" or "fr"
   * (the client's preferred language until the consultant picks one).
   */
  properties[PROP_DOCUMENT_LANGUAGE] =
    g_param_spec_string ("document-language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_OVERVIEW] =
    g_signal_new ("show-overview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-checklist-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, stack);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, no_path_page);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, paths_list);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, pending_row);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistView, groups_box);

  gtk_widget_class_install_action (widget_class, "checklist.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "checklist.update", NULL, update_action);
  gtk_widget_class_install_action (widget_class, "checklist.export-checklist", NULL,
                                   export_checklist_action);
  gtk_widget_class_install_action (widget_class, "checklist.export-outline", NULL,
                                   export_outline_action);
  gtk_widget_class_install_action (widget_class, "checklist.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "checklist.show-overview", NULL,
                                   show_overview_action);
  gtk_widget_class_install_action (widget_class, "checklist.choose-path", "s",
                                   choose_path_action);
  gtk_widget_class_install_action (widget_class, "checklist.set-state", "(xu)", set_state_action);
  gtk_widget_class_install_action (widget_class, "checklist.edit-item", "x", edit_item_action);
  gtk_widget_class_install_action (widget_class, "checklist.move-item", "(xi)", move_item_action);
  gtk_widget_class_install_action (widget_class, "checklist.drop-item", "(xx)", drop_item_action);
  gtk_widget_class_install_action (widget_class, "checklist.remove-item", "x", remove_item_action);
  gtk_widget_class_install_property_action (widget_class, "checklist.language",
                                            "document-language");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_checklist_view_init (RedressChecklistView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new_with_free_func (view_group_free);
  self->cancellable = g_cancellable_new ();
  self->language = g_strdup ("en");
  gtk_label_set_text (self->heading_label, _("Document Checklist"));

  /* Ctrl+P prints wherever the focus is, while the checklist is shown */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("checklist.print")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  update_actions (self);
}

/* Public API -------------------------------------------------------------- */

/**
 * redress_checklist_view_set_case:
 * @store: the store
 * @case_id: the case whose checklist is shown
 *
 * Shows the checklist of the case's path (drafted when the view is first
 * shown), and follows the store from then on.
 */
void
redress_checklist_view_set_case (RedressChecklistView *self,
                                 RedressStore         *store,
                                 gint64                case_id)
{
  g_return_if_fail (REDRESS_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (REDRESS_IS_STORE (store));

  if (self->store != store)
    {
      disconnect_store (self);
      g_set_object (&self->store, store);
      self->checklist_handler = g_signal_connect_object (store, "changed::checklist",
                                                         G_CALLBACK (on_store_changed), self, 0);
      self->ground_handler = g_signal_connect_object (store, "changed::ground",
                                                      G_CALLBACK (on_store_changed), self, 0);
    }
  if (self->case_id != case_id)
    {
      g_autofree char *language = NULL;

      self->case_id = case_id;
      clear_groups (self);
      language = default_language (self);
      redress_checklist_view_set_language (self, language);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                                0);
    }
  redress_checklist_view_reload (self);
}

/**
 * redress_checklist_view_get_language:
 *
 * Returns: the language of the documents exported and printed
 */
const char *
redress_checklist_view_get_language (RedressChecklistView *self)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_VIEW (self), NULL);

  return self->language;
}

void
redress_checklist_view_set_language (RedressChecklistView *self,
                                     const char           *language)
{
  g_return_if_fail (REDRESS_IS_CHECKLIST_VIEW (self));

  if (language == NULL || *language == '\0')
    language = "en";
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_LANGUAGE]);
}

/**
 * redress_checklist_view_export_pdf:
 * @outline: %TRUE for the response outline, %FALSE for the checklist
 * @file: where to write it
 *
 * What the Export menu does once a file is chosen: writes the document in
 * the view's document language, in a worker thread, then says so in a
 * toast (or why it failed).
 */
void
redress_checklist_view_export_pdf (RedressChecklistView *self,
                                   gboolean              outline,
                                   GFile                *file)
{
  g_autoptr(RedressReport) report = NULL;

  g_return_if_fail (REDRESS_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->path != NULL);

  report = prepare_report (self, outline ? REPORT_OUTLINE : REPORT_CHECKLIST);
  if (report != NULL)
    redress_checklist_export_write (GTK_WIDGET (self), self->store, report,
                                    G_LIST_MODEL (self->model), outline, file,
                                    self->cancellable);
}

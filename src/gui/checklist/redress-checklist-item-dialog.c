/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist-item-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-checklist-item-dialog.h"
#include "redress-ui-util.h"

/*
 * RedressChecklistItemDialog: editing a checklist item (its wording, due
 * date and note, or back to the template's own words), or adding one to
 * the path's items or to a confirmed ground's group.  What it says is
 * stored when the consultant saves; a refusal is shown beside the field.
 *
 * Signal: "item-added" (its id) once a new item is stored (the checklist
 * says so).
 */
struct _RedressChecklistItemDialog
{
  AdwWindow parent_instance;

  RedressStore *store;
  gint64 case_id;
  char *path;
  RedressChecklistItem *item;   /* NULL: a new item */
  GPtrArray *codes;             /* for a new item: the groups offered (NULL: base) */
  GtkWidget *text_row;
  GtkWidget *group_row;
  GtkWidget *due_row;
  GtkWidget *note_row;
  GtkWidget *error_label;
};

G_DEFINE_FINAL_TYPE (RedressChecklistItemDialog, redress_checklist_item_dialog, ADW_TYPE_WINDOW)

enum {
  ITEM_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (RedressChecklistItemDialog *self,
            GtkWidget                  *row,
            const char                 *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static char *
row_text (GtkWidget *row)
{
  return row ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)))) : NULL;
}

/* Stores what the dialog says; %FALSE (and why, beside the field) if the
 * store refused it */
static gboolean
save_item (RedressChecklistItemDialog *self)
{
  g_autofree char *text = row_text (self->text_row);
  g_autoptr(GError) error = NULL;
  GtkWidget *rows[] = { self->text_row, self->due_row, self->note_row };

  gtk_widget_set_visible (self->error_label, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      gtk_widget_remove_css_class (rows[i], "error");

  if (*text == '\0')
    {
      show_error (self, self->text_row, _("Write what the client should gather."));
      return FALSE;
    }

  if (self->item != NULL)
    {
      g_autofree char *due = row_text (self->due_row);
      g_autofree char *note = row_text (self->note_row);

      if (*due != '\0' && !redress_date_parse (due, NULL, &error))
        {
          show_error (self, self->due_row, error->message);
          return FALSE;
        }
      /* The template's own words keep the item in the language of each
       * document: the store sees to it */
      if (!redress_store_edit_checklist_item (self->store,
                                              redress_checklist_item_get_id (self->item),
                                              text, due, note, &error))
        {
          show_error (self, NULL, error->message);
          return FALSE;
        }
    }
  else
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->group_row));
      const char *code = selected < self->codes->len ? g_ptr_array_index (self->codes, selected)
                                                       : NULL;

      gint64 item_id = 0;

      if (!redress_store_add_checklist_item (self->store, self->case_id, self->path, code,
                                             text, &item_id, &error))
        {
          show_error (self, NULL, error->message);
          return FALSE;
        }
      g_signal_emit (self, signals[ITEM_ADDED], 0, item_id);
    }
  return TRUE;
}

static void
on_save_clicked (GtkWidget                  *button,
                 RedressChecklistItemDialog *self)
{
  if (save_item (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activated (AdwEntryRow                *row,
                    RedressChecklistItemDialog *self)
{
  on_save_clicked (NULL, self);
}

static void
on_original_wording (GtkButton                  *button,
                     RedressChecklistItemDialog *self)
{
  const char *text = redress_checklist_template_text (redress_checklist_item_get_template (self->item));

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->text_row), g_dgettext (GETTEXT_PACKAGE, text));
  gtk_widget_grab_focus (self->text_row);
}

static GtkWidget *
entry_row_new (RedressChecklistItemDialog *self,
               GtkWidget                  *list,
               const char                 *title,
               const char                 *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* The rows of an item to edit, or the group of one to add */
static void
build (RedressChecklistItemDialog *self,
       const char                 *base_title)
{
  RedressChecklistItem *item = self->item;
  GtkWidget *box, *header, *cancel, *save, *clamp, *inner, *list;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  save = gtk_button_new_with_mnemonic (item ? _("_Save") : _("_Add"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  gtk_box_append (GTK_BOX (box), header);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);
  gtk_box_append (GTK_BOX (inner), self->error_label);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item ? _("Edit Item") : _("Add Item"), -1);
  gtk_box_append (GTK_BOX (inner), list);

  self->text_row = entry_row_new (self, list, _("_What the Client Provides"),
                                  item ? redress_checklist_item_get_text (item) : NULL);
  if (item != NULL)
    {
      self->due_row = entry_row_new (self, list, _("_Due Date (YYYY-MM-DD)"),
                                     redress_checklist_item_get_due (item));
      self->note_row = entry_row_new (self, list, _("_Note"),
                                      redress_checklist_item_get_note (item));
      if (redress_checklist_item_get_custom_text (item) != NULL &&
          redress_checklist_item_get_template (item) != NULL)
        {
          GtkWidget *reset = gtk_button_new_with_mnemonic (_("Use the _Original Wording"));

          gtk_widget_set_halign (reset, GTK_ALIGN_START);
          g_signal_connect (reset, "clicked", G_CALLBACK (on_original_wording), self);
          gtk_box_append (GTK_BOX (inner), reset);
        }
    }
  else
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GPtrArray) grounds = redress_store_list_grounds (self->store, self->case_id, NULL);

      self->codes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->codes, NULL);
      gtk_string_list_append (names, base_title);
      for (guint i = 0; grounds && i < grounds->len; i++)
        {
          RedressCaseGround *ground = g_ptr_array_index (grounds, i);

          if (redress_case_ground_get_state (ground) != REDRESS_GROUND_CONFIRMED)
            continue;
          g_ptr_array_add (self->codes, g_strdup (redress_case_ground_get_code (ground)));
          gtk_string_list_append (names, redress_case_ground_get_label (ground));
        }
      self->group_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->group_row), _("_Group"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->group_row), TRUE);
      adw_combo_row_set_model (ADW_COMBO_ROW (self->group_row), G_LIST_MODEL (names));
      redress_combo_row_show_whole_labels (ADW_COMBO_ROW (self->group_row));
      gtk_list_box_append (GTK_LIST_BOX (list), self->group_row);
    }

  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (self), box);
  /* Typing starts in the wording, not on Cancel (a space would press it) */
  gtk_widget_grab_focus (self->text_row);
}

static void
redress_checklist_item_dialog_finalize (GObject *object)
{
  RedressChecklistItemDialog *self = (RedressChecklistItemDialog *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (redress_checklist_item_dialog_parent_class)->finalize (object);
}

static void
redress_checklist_item_dialog_class_init (RedressChecklistItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = redress_checklist_item_dialog_finalize;

  signals[ITEM_ADDED] =
    g_signal_new ("item-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
redress_checklist_item_dialog_init (RedressChecklistItemDialog *self)
{
}

/**
 * redress_checklist_item_dialog_new:
 * @parent: (nullable): the window it is modal over
 * @path: the case's path, for a new item
 * @base_title: the title of the path's own items, the first group offered
 *   for a new item
 * @item: (nullable): the item to edit, or %NULL to add one
 *
 * Returns: (transfer none): the dialog, to present (GTK owns it until it
 *   is closed)
 */
GtkWidget *
redress_checklist_item_dialog_new (GtkWindow            *parent,
                                   RedressStore         *store,
                                   gint64                case_id,
                                   const char           *path,
                                   const char           *base_title,
                                   RedressChecklistItem *item)
{
  RedressChecklistItemDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (item == NULL || REDRESS_IS_CHECKLIST_ITEM (item), NULL);

  self = g_object_new (REDRESS_TYPE_CHECKLIST_ITEM_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "title", item ? _("Edit Item") : _("Add Item"),
                       "default-width", 600,
                       NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  self->path = g_strdup (path);
  self->item = item ? g_object_ref (item) : NULL;
  build (self, base_title);
  return GTK_WIDGET (self);
}

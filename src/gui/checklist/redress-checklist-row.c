/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-checklist-row"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-checklist-row.h"

/*
 * RedressChecklistRow: an item of a case's checklist, the row of a
 * RedressChecklistModel item: ticked when received, its state in a
 * drop-down, its due date and note under its wording, and a menu.
 *
 * The row holds its item and asks the checklist view to act on it by id,
 * through the view's actions ("checklist.set-state", "checklist.edit-item",
 * "checklist.move-item", "checklist.drop-item", "checklist.remove-item");
 * its own "item.*" actions are what its menu and keys use.  A row can be
 * dragged onto another row of its group to move it there.
 */
struct _RedressChecklistRow
{
  AdwActionRow parent_instance;

  GtkCheckButton *check;
  GtkDropDown *state_dropdown;
  GtkMenuButton *menu_button;

  RedressChecklistItem *item;
  gboolean narrow;         /* the drop-down under the wording, not beside it */
  guint narrow_idle;
  gboolean updating;       /* controls follow the item: not a user's change */
  guint state_idle;
  RedressItemState new_state;
};

G_DEFINE_FINAL_TYPE (RedressChecklistRow, redress_checklist_row, ADW_TYPE_ACTION_ROW)

static char *
item_subtitle (RedressChecklistItem *item)
{
  const char *due = redress_checklist_item_get_due (item);
  const char *note = redress_checklist_item_get_note (item);
  g_autofree char *due_text = NULL;

  if (due != NULL && *due != '\0')
    {
      g_autofree char *date = redress_date_format_long (due);

      /* Translators: a checklist item's due date */
      due_text = g_strdup_printf (_("Due %s"), date);
    }
  if (note != NULL && *note == '\0')
    note = NULL;

  if (due_text != NULL && note != NULL)
    /* Translators: a checklist item's due date, then its note */
    return g_strdup_printf (_("%s — %s"), due_text, note);
  if (due_text != NULL)
    return g_steal_pointer (&due_text);
  return g_strdup (note);
}

static void
show_item (RedressChecklistRow *self)
{
  RedressChecklistItem *item = self->item;
  RedressItemState state = redress_checklist_item_get_state (item);
  g_autofree char *subtitle = item_subtitle (item);
  const char *text = redress_checklist_item_get_text (item);
  /* Translators: accessible name of an item's check box */
  g_autofree char *label = g_strdup_printf (_("Received: %s"), text);

  self->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
  gtk_check_button_set_active (self->check, state == REDRESS_ITEM_RECEIVED);
  gtk_drop_down_set_selected (self->state_dropdown, state);
  /* An item that does not apply steps back */
  if (state == REDRESS_ITEM_NOT_APPLICABLE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
  self->updating = FALSE;
}

static gboolean
set_state_cb (gpointer data)
{
  RedressChecklistRow *self = data;

  self->state_idle = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "checklist.set-state", "(xu)",
                              redress_checklist_item_get_id (self->item), (guint) self->new_state);
  return G_SOURCE_REMOVE;
}

/* The view is asked once the control's own signal is over: the row is
 * made again for the changed item */
static void
set_state (RedressChecklistRow *self,
           RedressItemState     state)
{
  if (self->updating || self->item == NULL || state == redress_checklist_item_get_state (self->item))
    return;
  self->new_state = state;
  if (self->state_idle == 0)
    self->state_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_state_cb, g_object_ref (self),
                                        g_object_unref);
}

static void
on_received_toggled (GtkCheckButton      *check,
                     RedressChecklistRow *self)
{
  set_state (self, gtk_check_button_get_active (check) ? REDRESS_ITEM_RECEIVED
                                                       : REDRESS_ITEM_TO_REQUEST);
}

static void
on_state_selected (GtkDropDown         *dropdown,
                   GParamSpec          *pspec,
                   RedressChecklistRow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < REDRESS_ITEM_N_STATES)
    set_state (self, (RedressItemState) selected);
}

/* Narrow rows ------------------------------------------------------------- */

/* Below this width, the wording beside the drop-down would wrap a few
 * words a line: the drop-down goes under the wording */
#define NARROW_WIDTH 400

/* The row's own boxes (AdwActionRow's): its suffixes, where the menu
 * button is, and its title box just before them */
static GtkWidget *
title_box (RedressChecklistRow *self)
{
  GtkWidget *suffixes = gtk_widget_get_parent (GTK_WIDGET (self->menu_button));
  GtkWidget *box = suffixes ? gtk_widget_get_prev_sibling (suffixes) : NULL;

  if (GTK_IS_BOX (suffixes) && GTK_IS_BOX (box) && gtk_widget_has_css_class (box, "title"))
    return box;
  return NULL;
}

static void
set_narrow (RedressChecklistRow *self,
            gboolean             narrow)
{
  GtkWidget *dropdown = GTK_WIDGET (self->state_dropdown);
  GtkWidget *suffixes = gtk_widget_get_parent (GTK_WIDGET (self->menu_button));
  GtkWidget *title = title_box (self);
  gboolean had_focus = gtk_widget_has_focus (dropdown) ||
                       gtk_widget_get_focus_child (dropdown) != NULL;

  if (narrow == self->narrow || title == NULL)
    return;
  self->narrow = narrow;
  g_object_ref (dropdown);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (dropdown)), dropdown);
  if (narrow)
    {
      gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (title), dropdown);
    }
  else
    {
      gtk_widget_set_halign (dropdown, GTK_ALIGN_FILL);
      gtk_box_insert_child_after (GTK_BOX (suffixes), dropdown, NULL);
    }
  g_object_unref (dropdown);
  if (had_focus)
    gtk_widget_grab_focus (dropdown);
}

static gboolean
narrow_cb (gpointer data)
{
  RedressChecklistRow *self = data;

  self->narrow_idle = 0;
  set_narrow (self, gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH);
  return G_SOURCE_REMOVE;
}

/* The row's layout: a bin's (the row's box fills it), which moves the
 * drop-down once the allocation is over (never during it) */
static GtkSizeRequestMode
row_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
row_measure (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
row_allocate (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  RedressChecklistRow *self = REDRESS_CHECKLIST_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_idle == 0)
    self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, narrow_cb, g_object_ref (self),
                                         g_object_unref);
}

/* Actions ----------------------------------------------------------------- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RedressChecklistRow *self = REDRESS_CHECKLIST_ROW (widget);

  gtk_widget_activate_action (widget, "checklist.edit-item", "x",
                              redress_checklist_item_get_id (self->item));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RedressChecklistRow *self = REDRESS_CHECKLIST_ROW (widget);

  gtk_widget_activate_action (widget, "checklist.move-item", "(xi)",
                              redress_checklist_item_get_id (self->item),
                              g_str_equal (action_name, "item.move-up") ? -1 : 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RedressChecklistRow *self = REDRESS_CHECKLIST_ROW (widget);

  gtk_widget_activate_action (widget, "checklist.remove-item", "x",
                              redress_checklist_item_get_id (self->item));
}

/* Drag and drop ----------------------------------------------------------- */

static GdkContentProvider *
on_drag_prepare (GtkDragSource       *source,
                 double               x,
                 double               y,
                 RedressChecklistRow *self)
{
  return gdk_content_provider_new_typed (G_TYPE_INT64, redress_checklist_item_get_id (self->item));
}

static void
on_drag_begin (GtkDragSource       *source,
               GdkDrag             *drag,
               RedressChecklistRow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

/* An item dropped on this one takes its place in the group */
static gboolean
on_drop (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         RedressChecklistRow *self)
{
  gint64 dropped = g_value_get_int64 (value);

  if (dropped == redress_checklist_item_get_id (self->item))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "checklist.drop-item", "(xx)", dropped,
                                     redress_checklist_item_get_id (self->item));
}

/* GObject ----------------------------------------------------------------- */

static void
redress_checklist_row_dispose (GObject *object)
{
  RedressChecklistRow *self = (RedressChecklistRow *) object;

  g_clear_handle_id (&self->state_idle, g_source_remove);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_CHECKLIST_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (redress_checklist_row_parent_class)->dispose (object);
}

static void
redress_checklist_row_class_init (RedressChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_checklist_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistRow, check);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistRow, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RedressChecklistRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_received_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_state_selected);

  gtk_widget_class_install_action (widget_class, "item.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "item.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "item.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "item.remove", NULL, remove_action);

  /* Alt+Up/Down move the item, Delete removes it (with Undo) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "item.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "item.move-down",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "item.remove", NULL);
}

static void
redress_checklist_row_init (RedressChecklistRow *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkWidget *button;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (row_request_mode, row_measure,
                                                        row_allocate));

  self->updating = TRUE;

  for (guint i = 0; i < REDRESS_ITEM_N_STATES; i++)
    gtk_string_list_append (states, redress_item_state_get_label ((RedressItemState) i));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  /* Light, as a combo row's: the drop-down's own button goes flat */
  button = gtk_widget_get_first_child (GTK_WIDGET (self->state_dropdown));
  if (GTK_IS_BUTTON (button))
    gtk_widget_add_css_class (button, "flat");

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  self->updating = FALSE;
}

/* Public API -------------------------------------------------------------- */

GtkWidget *
redress_checklist_row_new (RedressChecklistItem *item)
{
  RedressChecklistRow *self;

  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ITEM (item), NULL);

  self = g_object_new (REDRESS_TYPE_CHECKLIST_ROW, NULL);
  self->item = g_object_ref (item);
  show_item (self);
  return GTK_WIDGET (self);
}

/**
 * redress_checklist_row_get_item:
 *
 * Returns: (transfer none): the item the row shows
 */
RedressChecklistItem *
redress_checklist_row_get_item (RedressChecklistRow *self)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ROW (self), NULL);

  return self->item;
}

gint64
redress_checklist_row_get_item_id (RedressChecklistRow *self)
{
  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ROW (self), 0);

  return redress_checklist_item_get_id (self->item);
}

/**
 * redress_checklist_row_set_place:
 * @first: whether the item is the first of its group
 * @last: whether it is the last
 *
 * An item moves up unless first, down unless last.
 */
void
redress_checklist_row_set_place (RedressChecklistRow *self,
                                 gboolean             first,
                                 gboolean             last)
{
  g_return_if_fail (REDRESS_IS_CHECKLIST_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.move-up", !first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.move-down", !last);
}

/**
 * redress_checklist_row_get_focus_part:
 *
 * Returns: the part of the row that holds the keyboard focus (the row
 *   itself when none of its controls does)
 */
RedressChecklistRowPart
redress_checklist_row_get_focus_part (RedressChecklistRow *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (REDRESS_IS_CHECKLIST_ROW (self), REDRESS_CHECKLIST_ROW_PART_ROW);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    {
      if (focus == GTK_WIDGET (self->check))
        return REDRESS_CHECKLIST_ROW_PART_CHECK;
      if (focus == GTK_WIDGET (self->state_dropdown))
        return REDRESS_CHECKLIST_ROW_PART_STATE;
      if (focus == GTK_WIDGET (self->menu_button))
        return REDRESS_CHECKLIST_ROW_PART_MENU;
    }
  return REDRESS_CHECKLIST_ROW_PART_ROW;
}

/**
 * redress_checklist_row_focus:
 * @part: the part to focus
 *
 * Gives the keyboard focus to a part of the row (the row itself if that
 * part cannot take it).
 */
void
redress_checklist_row_focus (RedressChecklistRow     *self,
                             RedressChecklistRowPart  part)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (REDRESS_IS_CHECKLIST_ROW (self));

  if (part == REDRESS_CHECKLIST_ROW_PART_CHECK)
    widget = GTK_WIDGET (self->check);
  else if (part == REDRESS_CHECKLIST_ROW_PART_STATE)
    widget = GTK_WIDGET (self->state_dropdown);
  else if (part == REDRESS_CHECKLIST_ROW_PART_MENU)
    widget = GTK_WIDGET (self->menu_button);
  if (!gtk_widget_grab_focus (widget))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

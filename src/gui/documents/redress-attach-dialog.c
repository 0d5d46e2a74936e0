/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-attach-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-attach-dialog.h"

/*
 * RedressAttachDialog: asked once for the files attached together, what
 * each one is.  One row a file: its name (shortened in the middle, so the
 * end of a long name still shows) and a drop-down of the kinds, set to
 * the kind its name suggests, with a line saying what the chosen kind is
 * (the officer's GCMS notes and the officer decision notes are easily
 * mistaken for one another).
 *
 * The focus starts on the first drop-down; Enter attaches them all (Space
 * opens a drop-down).  Responses: "attach" (the default) and "cancel".
 */
struct _RedressAttachDialog
{
  AdwMessageDialog parent_instance;

  GtkWidget *list;
  GPtrArray *files;           /* GFile */
  GPtrArray *dropdowns;       /* GtkDropDown, one a file */
};

G_DEFINE_FINAL_TYPE (RedressAttachDialog, redress_attach_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* What each kind is, said so that the two kinds of notes are told apart */
static const char *
kind_description (RedressDocumentKind kind)
{
  switch (kind)
    {
    case REDRESS_DOCUMENT_REFUSAL_LETTER:
      return _("The letter telling the applicant the application is refused");
    case REDRESS_DOCUMENT_OFFICER_NOTES:
      return _("The officer’s full case notes, obtained through an access to information "
               "request (ATIP)");
    case REDRESS_DOCUMENT_DECISION_NOTES:
      return _("The officer’s short reasons, sent by IRCC with the refusal");
    case REDRESS_DOCUMENT_EVIDENCE:
      return _("A document the client provides in support");
    case REDRESS_DOCUMENT_OTHER:
    case REDRESS_DOCUMENT_N_KINDS:
    default:
      return _("Anything else kept with the case");
    }
}

/* The drop-downs' items -------------------------------------------------------- */

static void
setup_button_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_button_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
  /* (the closed drop-down may cut the kind: whole in its tooltip) */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item),
                               gtk_string_object_get_string (string));
}

static void
setup_list_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 36);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), check);
  gtk_list_item_set_child (item, row);
}

/* The chosen kind is ticked in the open list */
static void
update_check (GtkDropDown *dropdown,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_drop_down_get_selected (dropdown) ==
                                 gtk_list_item_get_position (item) ? 1 : 0);
}

static void
bind_list_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkDropDown *dropdown = user_data;
  GtkWidget *title = gtk_widget_get_first_child (
    gtk_widget_get_first_child (gtk_list_item_get_child (item)));
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (title), gtk_string_object_get_string (string));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)),
                      kind_description (gtk_list_item_get_position (item)));
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (update_check), item, 0);
  update_check (dropdown, NULL, item);
}

static void
unbind_list_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (user_data, update_check, item);
}

static GtkListItemFactory *
factory_new (GCallback setup,
             GCallback bind,
             GCallback unbind,
             gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);
  return factory;
}

/* The line under a drop-down says what its kind is */
static void
on_kind_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  GtkLabel    *description)
{
  gtk_label_set_text (description, kind_description (gtk_drop_down_get_selected (dropdown)));
}

/* A file's row */
static GtkWidget *
row_new (RedressAttachDialog *self,
         GFile               *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) button_factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *description = gtk_label_new (NULL);
  GtkWidget *dropdown;

  for (int kind = 0; kind < REDRESS_DOCUMENT_N_KINDS; kind++)
    gtk_string_list_append (kinds, redress_document_kind_get_label (kind));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL);
  button_factory = factory_new (G_CALLBACK (setup_button_item), G_CALLBACK (bind_button_item), NULL,
                                NULL);
  /* (the drop-down holds its list factory, which names it: no cycle, as
   * the factory's handlers hold no reference) */
  list_factory = factory_new (G_CALLBACK (setup_list_item), G_CALLBACK (bind_list_item),
                              G_CALLBACK (unbind_list_item), dropdown);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_kind_selected),
                           description, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), redress_attach_dialog_suggest_kind (file));
  on_kind_selected (GTK_DROP_DOWN (dropdown), NULL, GTK_LABEL (description));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, description, NULL, -1);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_ptr_array_add (self->dropdowns, dropdown);
  return row;
}

/* Enter on a drop-down attaches (Space opens it); not in its open list,
 * a window of its own */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RedressAttachDialog   *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *attach = gtk_window_get_default_widget (GTK_WINDOW (self));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  if (event != NULL && gdk_event_get_surface (event) != gtk_native_get_surface (GTK_NATIVE (self)))
    return FALSE;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->list) || attach == NULL)
    return FALSE;
  /* As if its button were clicked: the dialog answers, then closes */
  return gtk_widget_activate (attach);
}

static void
redress_attach_dialog_map (GtkWidget *widget)
{
  RedressAttachDialog *self = REDRESS_ATTACH_DIALOG (widget);

  GTK_WIDGET_CLASS (redress_attach_dialog_parent_class)->map (widget);
  if (self->dropdowns->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->dropdowns, 0));
}

static void
redress_attach_dialog_dispose (GObject *object)
{
  RedressAttachDialog *self = REDRESS_ATTACH_DIALOG (object);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (redress_attach_dialog_parent_class)->dispose (object);
}

static void
redress_attach_dialog_class_init (RedressAttachDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_attach_dialog_dispose;
  widget_class->map = redress_attach_dialog_map;
}

static void
redress_attach_dialog_init (RedressAttachDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->dropdowns = g_ptr_array_new ();
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), self->list);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "attach", _("_Attach"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "attach",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "attach");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * redress_attach_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @files: (element-type GFile): the files to attach (at least one)
 *
 * Returns: (transfer floating): a modal dialog asking what each file is,
 *   not yet shown
 */
GtkWidget *
redress_attach_dialog_new (GtkWindow *parent,
                           GSList    *files)
{
  RedressAttachDialog *self;
  guint n = g_slist_length (files);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (files != NULL, NULL);

  self = g_object_new (REDRESS_TYPE_ATTACH_DIALOG, "transient-for", parent, "modal", TRUE,
                       NULL);
  /* Translators: the heading of the dialog asking what the files attached are */
  heading = g_strdup_printf (ngettext ("Attach %u Document", "Attach %u Documents", n), n);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               n == 1 ? _("Choose what the file is. Redress keeps it with the case "
                                          "and reads its text.")
                                      : _("Choose what each file is. Redress keeps them with the "
                                          "case and reads their text."));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_ptr_array_add (self->files, g_object_ref (l->data));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row_new (self, l->data));
    }
  return GTK_WIDGET (self);
}

guint
redress_attach_dialog_get_n_files (RedressAttachDialog *self)
{
  g_return_val_if_fail (REDRESS_IS_ATTACH_DIALOG (self), 0);

  return self->files->len;
}

/**
 * redress_attach_dialog_get_file:
 *
 * Returns: (transfer none): the file at @position
 */
GFile *
redress_attach_dialog_get_file (RedressAttachDialog *self,
                                guint                position)
{
  g_return_val_if_fail (REDRESS_IS_ATTACH_DIALOG (self), NULL);
  g_return_val_if_fail (position < self->files->len, NULL);

  return g_ptr_array_index (self->files, position);
}

/**
 * redress_attach_dialog_get_kind:
 *
 * Returns: the kind chosen for the file at @position
 */
RedressDocumentKind
redress_attach_dialog_get_kind (RedressAttachDialog *self,
                                guint                position)
{
  guint selected;

  g_return_val_if_fail (REDRESS_IS_ATTACH_DIALOG (self), REDRESS_DOCUMENT_OTHER);
  g_return_val_if_fail (position < self->dropdowns->len, REDRESS_DOCUMENT_OTHER);

  selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, position));
  return selected < REDRESS_DOCUMENT_N_KINDS ? (RedressDocumentKind) selected
                                             : REDRESS_DOCUMENT_OTHER;
}

void
redress_attach_dialog_set_kind (RedressAttachDialog *self,
                                guint                position,
                                RedressDocumentKind  kind)
{
  g_return_if_fail (REDRESS_IS_ATTACH_DIALOG (self));
  g_return_if_fail (position < self->dropdowns->len);
  g_return_if_fail (kind < REDRESS_DOCUMENT_N_KINDS);

  gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, position), kind);
}

/**
 * redress_attach_dialog_suggest_kind:
 *
 * Returns: what @file probably is, from its name ("GCMS", "ATIP" or
 *   "notes": the officer's notes; "decision": the decision notes;
 *   "refus", "letter", "lettre": the refusal letter; else evidence)
 */
RedressDocumentKind
redress_attach_dialog_suggest_kind (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = g_utf8_strdown (name, -1);

  if (strstr (folded, "gcms") || strstr (folded, "caips") || strstr (folded, "atip"))
    return REDRESS_DOCUMENT_OFFICER_NOTES;
  if (strstr (folded, "decision"))
    return REDRESS_DOCUMENT_DECISION_NOTES;
  if (strstr (folded, "notes"))
    return REDRESS_DOCUMENT_OFFICER_NOTES;
  if (strstr (folded, "refus") || strstr (folded, "letter") || strstr (folded, "lettre"))
    return REDRESS_DOCUMENT_REFUSAL_LETTER;
  return REDRESS_DOCUMENT_EVIDENCE;
}

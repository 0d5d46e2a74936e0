/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-record-dialog.h"

/*
 * RedressRecordDialog: "New Client File", "New Case".  Nothing is stored
 * until every field is valid; each invalid field says why, below it, until
 * it is corrected, and Create waits for the corrections.
 */
struct _RedressRecordDialog
{
  AdwWindow parent_instance;

  RedressStore *store;
  RedressRecord *record;
  GtkWidget *form;
  GtkWidget *error_label;
  GtkWidget *create_button;
};

G_DEFINE_FINAL_TYPE (RedressRecordDialog, redress_record_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_create_clicked (GtkButton           *button,
                   RedressRecordDialog *self)
{
  redress_record_dialog_create (self);
}

static void
on_form_has_errors (RedressRecordForm   *form,
                    GParamSpec          *pspec,
                    RedressRecordDialog *self)
{
  gtk_widget_set_sensitive (self->create_button, !redress_record_form_has_errors (form));
}

static void
on_entry_activated (AdwEntryRow         *row,
                    RedressRecordDialog *self)
{
  redress_record_dialog_create (self);
}

static void connect_entries (RedressRecordDialog *self);

static void
redress_record_dialog_map (GtkWidget *widget)
{
  RedressRecordDialog *self = REDRESS_RECORD_DIALOG (widget);

  /* The caller has added its rows by now: Enter in any of them creates */
  connect_entries (self);
  GTK_WIDGET_CLASS (redress_record_dialog_parent_class)->map (widget);
  redress_record_form_focus_first (REDRESS_RECORD_FORM (self->form));
}

static void
redress_record_dialog_dispose (GObject *object)
{
  RedressRecordDialog *self = (RedressRecordDialog *) object;

  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_record_dialog_parent_class)->dispose (object);
}

static void
redress_record_dialog_class_init (RedressRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_record_dialog_dispose;
  widget_class->map = redress_record_dialog_map;

  /**
   * RedressRecordDialog::created:
   * @record: the record, now stored
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REDRESS_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
redress_record_dialog_init (RedressRecordDialog *self)
{
}

/**
 * redress_record_dialog_new:
 * @record: a new, unsaved #RedressClient or #RedressCase
 *
 * The caller adds the form's groups with redress_record_dialog_get_form().
 */
RedressRecordDialog *
redress_record_dialog_new (GtkWindow     *parent,
                           RedressStore  *store,
                           RedressRecord *record,
                           const char    *title,
                           const char    *create_label)
{
  RedressRecordDialog *self;
  GtkWidget *box, *header, *cancel, *scroller, *clamp, *inner;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);
  g_return_val_if_fail (REDRESS_IS_CLIENT (record) || REDRESS_IS_CASE (record), NULL);

  self = g_object_new (REDRESS_TYPE_RECORD_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", title,
                       "default-width", 560,
                       "default-height", 640,
                       NULL);
  self->store = g_object_ref (store);
  self->record = g_object_ref (record);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  /* (a button's label with its underscore is not its accessible name: the
   * label inside gives the name) */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->create_button = gtk_button_new_with_mnemonic (create_label);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->create_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect_object (self->create_button, "clicked", G_CALLBACK (on_create_clicked), self, 0);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
  gtk_box_append (GTK_BOX (box), header);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
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
  gtk_box_append (GTK_BOX (inner), self->error_label);

  self->form = redress_record_form_new (record, FALSE);
  g_signal_connect_object (self->form, "notify::has-errors", G_CALLBACK (on_form_has_errors),
                           self, 0);
  gtk_box_append (GTK_BOX (inner), self->form);

  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);

  return self;
}

RedressRecordForm *
redress_record_dialog_get_form (RedressRecordDialog *self)
{
  g_return_val_if_fail (REDRESS_IS_RECORD_DIALOG (self), NULL);

  return REDRESS_RECORD_FORM (self->form);
}

static void
connect_entries (RedressRecordDialog *self)
{
  RedressRecordForm *form = REDRESS_RECORD_FORM (self->form);

  for (guint i = 0; i < redress_record_get_n_fields (self->record); i++)
    {
      GtkWidget *row = redress_record_form_get_row (form, i);

      if (row != NULL && ADW_IS_ENTRY_ROW (row) &&
          g_object_get_data (G_OBJECT (row), "redress-dialog") == NULL)
        {
          g_object_set_data (G_OBJECT (row), "redress-dialog", self);
          g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated), self, 0);
        }
    }
}

/**
 * redress_record_dialog_create:
 *
 * Checks every field and, when all are valid, stores the record, emits
 * "created" and closes.  Otherwise says what is wrong and stores nothing.
 *
 * Returns: %TRUE if the record was stored
 */
gboolean
redress_record_dialog_create (RedressRecordDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (REDRESS_IS_RECORD_DIALOG (self), FALSE);

  connect_entries (self);
  gtk_widget_set_visible (self->error_label, FALSE);
  if (!redress_record_form_commit_all (REDRESS_RECORD_FORM (self->form)))
    return FALSE;

  if (REDRESS_IS_CLIENT (self->record))
    ok = redress_store_insert_client (self->store, REDRESS_CLIENT (self->record), &error);
  else
    ok = redress_store_insert_case (self->store, REDRESS_CASE (self->record), &error);

  if (!ok)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
      return FALSE;
    }

  g_signal_emit (self, signals[CREATED], 0, self->record);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-case-view"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-case-view.h"
#include "redress-record-form.h"
#include "redress-ui-util.h"

/*
 * RedressCaseView: one refused application.  Its Overview holds the facts
 * of the decision (edited in place) and the case's timeline; later pages
 * (documents, grounds, checklist) join the view stack.
 */
struct _RedressCaseView
{
  GtkWidget parent_instance;

  GtkWidget *main_box;
  AdwWindowTitle *title_widget;
  GtkBox *content_box;
  GtkWidget *archived_label;
  GtkListBox *timeline_list;
  GtkWidget *form;

  RedressStore *store;
  RedressCase *kase;
};

G_DEFINE_FINAL_TYPE (RedressCaseView, redress_case_view, GTK_TYPE_WIDGET)

static const guint decision_fields[] = {
  REDRESS_CASE_APPLICATION_TYPE,
  REDRESS_CASE_DECIDED_IN_CANADA,
  REDRESS_CASE_DECISION_DATE,
  REDRESS_CASE_RECEIVED_DATE,
  REDRESS_CASE_STATUS_EXPIRY,
};

static const guint file_fields[] = {
  REDRESS_CASE_STAGE,
  REDRESS_CASE_VISA_OFFICE,
  REDRESS_CASE_IRCC_NUMBER,
  REDRESS_CASE_CONSULTANT,
};

static void
update_header (RedressCaseView *self)
{
  g_autofree char *title = redress_case_dup_title (self->kase);
  g_autoptr(RedressClient) client = NULL;
  g_autofree char *name = NULL;

  client = redress_store_get_client (self->store, redress_case_get_client_id (self->kase), NULL);
  if (client != NULL)
    name = redress_client_dup_display_name (client);

  adw_window_title_set_title (self->title_widget, title);
  adw_window_title_set_subtitle (self->title_widget, name);
  gtk_widget_set_visible (self->archived_label,
                          redress_record_get_archived (REDRESS_RECORD (self->kase)));
}

static void
on_field_committed (RedressRecordForm *form,
                    guint              field,
                    RedressCaseView   *self)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_update_case (self->store, self->kase, &error))
    {
      g_autofree char *message = g_strdup (error->message);

      redress_case_view_reload (self);
      redress_record_form_show_error (REDRESS_RECORD_FORM (self->form), field, message);
    }
}

static void
ensure_form (RedressCaseView *self)
{
  if (self->form != NULL)
    {
      redress_record_form_set_record (REDRESS_RECORD_FORM (self->form),
                                      REDRESS_RECORD (self->kase));
      return;
    }

  self->form = redress_record_form_new (REDRESS_RECORD (self->kase), TRUE);
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("Decision"),
                                 decision_fields, G_N_ELEMENTS (decision_fields));
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("File"),
                                 file_fields, G_N_ELEMENTS (file_fields));
  redress_record_form_add_notes (REDRESS_RECORD_FORM (self->form), REDRESS_CASE_NOTES);
  g_signal_connect_object (self->form, "field-committed", G_CALLBACK (on_field_committed), self, 0);
  gtk_box_insert_child_after (self->content_box, self->form, self->archived_label);
}

static void
redress_case_view_dispose (GObject *object)
{
  RedressCaseView *self = (RedressCaseView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_CASE_VIEW);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_case_view_parent_class)->dispose (object);
}

static void
redress_case_view_class_init (RedressCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_case_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, title_widget);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, content_box);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, archived_label);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, timeline_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_case_view_init (RedressCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
redress_case_view_show (RedressCaseView *self,
                        RedressStore    *store,
                        RedressCase     *kase)
{
  g_return_if_fail (REDRESS_IS_CASE_VIEW (self));
  g_return_if_fail (REDRESS_IS_STORE (store));
  g_return_if_fail (REDRESS_IS_CASE (kase));

  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  ensure_form (self);
  update_header (self);
  redress_timeline_fill (self->timeline_list, self->store, 0,
                         redress_record_get_id (REDRESS_RECORD (kase)));
}

/**
 * redress_case_view_reload:
 *
 * Returns: %FALSE if the case no longer exists (deleted)
 */
gboolean
redress_case_view_reload (RedressCaseView *self)
{
  g_autoptr(RedressCase) kase = NULL;

  g_return_val_if_fail (REDRESS_IS_CASE_VIEW (self), FALSE);

  if (self->kase == NULL)
    return FALSE;
  kase = redress_store_get_case (self->store, redress_record_get_id (REDRESS_RECORD (self->kase)),
                                 NULL);
  if (kase == NULL)
    return FALSE;
  redress_case_view_show (self, self->store, kase);
  return TRUE;
}

/**
 * redress_case_view_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
RedressCase *
redress_case_view_get_case (RedressCaseView *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_VIEW (self), NULL);

  return self->kase;
}

GtkWidget *
redress_case_view_get_form (RedressCaseView *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_VIEW (self), NULL);

  return self->form;
}

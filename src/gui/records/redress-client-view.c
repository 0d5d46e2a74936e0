/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-client-view"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-client-view.h"
#include "redress-record-form.h"
#include "redress-ui-util.h"

/*
 * RedressClientView: one client file: the person's details (edited in
 * place, each field written as it is committed), their cases, and the
 * timeline of every change.
 */
struct _RedressClientView
{
  GtkWidget parent_instance;

  GtkWidget *main_box;
  AdwWindowTitle *title_widget;
  GtkBox *content_box;
  GtkWidget *archived_label;
  GtkListBox *cases_list;
  GtkListBox *timeline_list;
  GtkWidget *cases_group;
  GtkWidget *form;

  RedressStore *store;
  RedressClient *client;
  gboolean folded;
};

G_DEFINE_FINAL_TYPE (RedressClientView, redress_client_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint identity_fields[] = {
  REDRESS_CLIENT_FAMILY_NAME,
  REDRESS_CLIENT_GIVEN_NAMES,
  REDRESS_CLIENT_DATE_OF_BIRTH,
  REDRESS_CLIENT_UCI,
};

static const guint contact_fields[] = {
  REDRESS_CLIENT_EMAIL,
  REDRESS_CLIENT_PHONE,
  REDRESS_CLIENT_LANGUAGE,
  REDRESS_CLIENT_COUNTRY_OF_RESIDENCE,
  REDRESS_CLIENT_CITIZENSHIP,
};

static void
update_header (RedressClientView *self)
{
  g_autofree char *name = redress_client_dup_display_name (self->client);
  g_autofree char *subtitle = NULL;

  if (redress_record_get_archived (REDRESS_RECORD (self->client)))
    /* Translators: subtitle of an archived client file: its file number */
    subtitle = g_strdup_printf (_("%s · Archived"), redress_client_get_file_number (self->client));
  else
    subtitle = g_strdup (redress_client_get_file_number (self->client));

  adw_window_title_set_title (self->title_widget, name);
  adw_window_title_set_subtitle (self->title_widget, subtitle);
  gtk_widget_set_visible (self->archived_label,
                          redress_record_get_archived (REDRESS_RECORD (self->client)));
}

static void
fill_cases (RedressClientView *self)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client_id = redress_record_get_id (REDRESS_RECORD (self->client));

  redress_list_box_clear (self->cases_list);
  cases = redress_store_list_cases (self->store, client_id, TRUE, &error);
  if (cases == NULL)
    {
      g_warning ("Cannot list cases: %s", error->message);
      return;
    }

  for (guint i = 0; i < cases->len; i++)
    {
      RedressCase *kase = g_ptr_array_index (cases, i);
      const RedressFieldDef *stage_def = redress_case_field_def (REDRESS_CASE_STAGE);
      g_autofree char *title = redress_case_dup_title (kase);
      g_autofree char *subtitle = NULL;
      const char *office = redress_record_get_value (REDRESS_RECORD (kase), REDRESS_CASE_VISA_OFFICE);
      const char *stage = redress_field_choice_label (stage_def, redress_case_get_stage (kase));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      if (redress_record_get_archived (REDRESS_RECORD (kase)))
        /* Translators: a case's stage, then that it is archived */
        subtitle = g_strdup_printf (_("%s · Archived"), stage);
      else if (office != NULL && *office != '\0')
        /* Translators: a case's stage, then its visa office */
        subtitle = g_strdup_printf (_("%s · %s"), stage, office);
      else
        subtitle = g_strdup (stage);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-case");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x",
                                        redress_record_get_id (REDRESS_RECORD (kase)));
      gtk_list_box_append (self->cases_list, row);
    }

  if (cases->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No cases yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the refused application with New Case."));
      gtk_list_box_append (self->cases_list, row);
    }
}

static void
on_field_committed (RedressRecordForm *form,
                    guint              field,
                    RedressClientView *self)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_update_client (self->store, self->client, &error))
    {
      g_autofree char *message = g_strdup (error->message);

      /* Show what is stored, and why the new value was not */
      redress_client_view_reload (self);
      redress_record_form_show_error (REDRESS_RECORD_FORM (self->form), field, message);
    }
}

static void
ensure_form (RedressClientView *self)
{
  if (self->form != NULL)
    {
      redress_record_form_set_record (REDRESS_RECORD_FORM (self->form),
                                      REDRESS_RECORD (self->client));
      return;
    }

  self->form = redress_record_form_new (REDRESS_RECORD (self->client), TRUE);
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("Client"),
                                 identity_fields, G_N_ELEMENTS (identity_fields));
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("Contact"),
                                 contact_fields, G_N_ELEMENTS (contact_fields));
  redress_record_form_add_notes (REDRESS_RECORD_FORM (self->form), REDRESS_CLIENT_NOTES);
  g_signal_connect_object (self->form, "field-committed", G_CALLBACK (on_field_committed), self, 0);
  /* The cases come first: they are the work; the person's details follow */
  gtk_box_insert_child_after (self->content_box, self->form, self->cases_group);
}

static void
redress_client_view_dispose (GObject *object)
{
  RedressClientView *self = (RedressClientView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_CLIENT_VIEW);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_client_view_parent_class)->dispose (object);
}

static void
redress_client_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RedressClientView *self = REDRESS_CLIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RedressClientView *self = REDRESS_CLIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_view_class_init (RedressClientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_client_view_dispose;
  object_class->get_property = redress_client_view_get_property;
  object_class->set_property = redress_client_view_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-client-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, title_widget);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, content_box);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, archived_label);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, cases_group);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, cases_list);
  gtk_widget_class_bind_template_child (widget_class, RedressClientView, timeline_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_client_view_init (RedressClientView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * redress_client_view_show:
 *
 * Shows @client, read from @store.
 */
void
redress_client_view_show (RedressClientView *self,
                          RedressStore      *store,
                          RedressClient     *client)
{
  g_return_if_fail (REDRESS_IS_CLIENT_VIEW (self));
  g_return_if_fail (REDRESS_IS_STORE (store));
  g_return_if_fail (REDRESS_IS_CLIENT (client));

  g_set_object (&self->store, store);
  g_set_object (&self->client, client);
  ensure_form (self);
  update_header (self);
  fill_cases (self);
  redress_timeline_fill (self->timeline_list, self->store,
                         redress_record_get_id (REDRESS_RECORD (client)), 0);
}

/**
 * redress_client_view_reload:
 *
 * Reads the client file again from the store.
 *
 * Returns: %FALSE if it no longer exists (deleted)
 */
gboolean
redress_client_view_reload (RedressClientView *self)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (REDRESS_IS_CLIENT_VIEW (self), FALSE);

  if (self->client == NULL)
    return FALSE;

  client = redress_store_get_client (self->store,
                                     redress_record_get_id (REDRESS_RECORD (self->client)),
                                     &error);
  if (client == NULL)
    return FALSE;
  redress_client_view_show (self, self->store, client);
  return TRUE;
}

/**
 * redress_client_view_get_client:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
RedressClient *
redress_client_view_get_client (RedressClientView *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT_VIEW (self), NULL);

  return self->client;
}

GtkWidget *
redress_client_view_get_form (RedressClientView *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT_VIEW (self), NULL);

  return self->form;
}

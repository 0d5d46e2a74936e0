/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-preferences.h"
#include "redress-record-form.h"

/*
 * RedressPreferences: the firm profile (the letterhead of exported
 * documents), and where the database lives.
 */
struct _RedressPreferences
{
  AdwPreferencesWindow parent_instance;

  RedressStore *store;
  RedressFirm *firm;
  GtkWidget *form;
};

G_DEFINE_FINAL_TYPE (RedressPreferences, redress_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const guint firm_fields[] = {
  REDRESS_FIRM_NAME,
  REDRESS_FIRM_LICENCE,
  REDRESS_FIRM_ADDRESS,
  REDRESS_FIRM_PHONE,
  REDRESS_FIRM_EMAIL,
};

static void
on_field_committed (RedressRecordForm  *form,
                    guint               field,
                    RedressPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_update_firm (self->store, self->firm, &error))
    {
      g_autoptr(RedressFirm) stored = redress_store_get_firm (self->store, NULL);
      g_autofree char *message = g_strdup (error->message);

      if (stored != NULL)
        {
          g_set_object (&self->firm, stored);
          redress_record_form_set_record (form, REDRESS_RECORD (stored));
        }
      redress_record_form_show_error (form, field, message);
    }
}

static void
redress_preferences_dispose (GObject *object)
{
  RedressPreferences *self = (RedressPreferences *) object;

  g_clear_object (&self->firm);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_preferences_parent_class)->dispose (object);
}

static void
redress_preferences_class_init (RedressPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = redress_preferences_dispose;
}

static void
redress_preferences_init (RedressPreferences *self)
{
}

GtkWindow *
redress_preferences_new (GtkWindow    *parent,
                         RedressStore *store)
{
  RedressPreferences *self;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *group, *row, *db_group;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = g_object_new (REDRESS_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       NULL);
  self->store = g_object_ref (store);
  self->firm = redress_store_get_firm (store, &error);
  if (self->firm == NULL)
    {
      g_warning ("Cannot read the firm profile: %s", error->message);
      self->firm = redress_firm_new ();
    }

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Firm"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-address-book-symbolic");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Firm Profile"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Checklists and letters exported for clients carry "
                                           "these details. Each field is saved when you press "
                                           "Enter or leave it."));
  self->form = redress_record_form_new (REDRESS_RECORD (self->firm), TRUE);
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), NULL,
                                 firm_fields, G_N_ELEMENTS (firm_fields));
  g_signal_connect_object (self->form, "field-committed", G_CALLBACK (on_field_committed), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->form);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  db_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (db_group), _("Database"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (db_group),
                                         _("Every client file is kept in this one file, on this "
                                           "computer only. Back it up from the main menu."));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Location"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), redress_store_get_path (store));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (db_group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (db_group));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return GTK_WINDOW (self);
}

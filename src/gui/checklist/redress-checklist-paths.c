/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "redress-checklist-paths.h"
#include "redress-ui-util.h"

/*
 * The paths a checklist can be drafted for that are open to the client,
 * as the Overview computes them, each with its day to file by: the list
 * the Checklist tab offers when the case has no path yet.  A row
 * activates checklist.choose-path with the path's code.
 */

/* The path a remedy is chosen by: the IAD appeals share one */
static const char *
remedy_path (const char *remedy)
{
  if (g_str_has_prefix (remedy, "iad-"))
    return "appeal";
  return remedy;
}

/* A path open to the client, its day to file by beside it; activating
 * the row chooses it */
static GtkWidget *
path_row_new (const char    *path,
              RedressRemedy *remedy)
{
  GtkWidget *row = adw_action_row_new ();
  const char *label = redress_field_choice_label (redress_case_field_def (REDRESS_CASE_PATH), path);
  g_autofree char *subtitle = NULL;
  GtkWidget *arrow;

  if (remedy->file_by != NULL)
    {
      g_autofree char *by = redress_date_format_long (remedy->file_by);

      /* Translators: under a path open to the client, the day to file by */
      subtitle = g_strdup_printf (_("File by %s"), by);
    }
  else
    subtitle = g_strdup (_("No deadline"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (remedy->file_by != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               redress_days_left_label_new (remedy->days_left, FALSE));
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "checklist.choose-path");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
  return row;
}

/* The paths the Overview shows as open (a checklist can be drafted for
 * each), in its order; the page says where else to look when none is */
void
redress_checklist_paths_fill (GtkListBox     *list,
                              AdwStatusPage  *page,
                              RedressStore   *store,
                              gint64          case_id)
{
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);

  redress_list_box_clear (list);
  if (store != NULL && case_id > 0)
    kase = redress_store_get_case (store, case_id, NULL);
  if (kase != NULL)
    remedies = redress_remedies_compute (kase,
                                         redress_store_case_has_confirmed (store,
                                                                           case_id,
                                                                           "misrepresentation"),
                                         NULL, NULL);
  for (guint i = 0; remedies != NULL && i < remedies->len; i++)
    {
      RedressRemedy *remedy = g_ptr_array_index (remedies, i);
      const char *path = remedy_path (remedy->code);

      if (!remedy->available || !redress_checklist_has_path (path) ||
          g_hash_table_contains (shown, path))
        continue;
      g_hash_table_add (shown, (gpointer) path);
      gtk_list_box_append (list, path_row_new (path, remedy));
    }
  gtk_widget_set_visible (GTK_WIDGET (list), g_hash_table_size (shown) > 0);
  adw_status_page_set_description (page,
                                   g_hash_table_size (shown) > 0
                                   ? _("The checklist is drafted from the path chosen for this "
                                       "case and from the confirmed grounds. These paths are "
                                       "open to the client:")
                                   : _("No path looks open on the dates recorded. The Overview "
                                       "explains each remedy; a path can be chosen there."));
}


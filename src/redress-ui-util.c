/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-ui-util.h"

/* How many timeline entries a view shows; the CLI shows them all */
#define TIMELINE_MAX 200

/* gtk_list_box_remove_all() is GTK 4.12 */
void
redress_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * redress_timeline_fill:
 * @client_id: a client (its events and its cases'), or 0
 * @case_id: a case, or 0
 *
 * Fills @list with the timeline, newest first: what changed, when, by whom.
 */
void
redress_timeline_fill (GtkListBox   *list,
                       RedressStore *store,
                       gint64        client_id,
                       gint64        case_id)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  redress_list_box_clear (list);

  events = redress_store_list_events (store, client_id, case_id, &error);
  if (events == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The timeline could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (list, row);
      return;
    }

  for (guint i = 0; i < events->len && i < TIMELINE_MAX; i++)
    {
      RedressEvent *event = g_ptr_array_index (events, i);
      g_autofree char *description = redress_event_dup_description (event);
      g_autofree char *when = redress_event_dup_when (event);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: timeline entry subtitle: when, then who */
      subtitle = g_strdup_printf (_("%s · %s"), when, redress_event_get_actor (event));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (list, row);
    }

  if (events->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing recorded yet"));
      gtk_list_box_append (list, row);
    }
}

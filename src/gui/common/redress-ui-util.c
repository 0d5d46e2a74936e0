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

/* How near a deadline must be to show as a warning */
#define DAYS_WARNING 14

/**
 * redress_days_left_label_new:
 * @days_left: days until the deadline (negative once past)
 * @done: the deadline no longer matters (the notes arrived)
 *
 * Returns: (transfer floating): "12 days left", in the warning colour when
 *   near and in the error colour when past
 */
GtkWidget *
redress_days_left_label_new (int      days_left,
                             gboolean done)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (days_left > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                         days_left), days_left);
  else if (days_left == 0)
    text = g_strdup (_("Due today"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late",
                                         -days_left), -days_left);

  label = gtk_label_new (text);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "redress-days-left");
  if (done)
    gtk_widget_add_css_class (label, "dim-label");
  else if (days_left < 0)
    gtk_widget_add_css_class (label, "error");
  else if (days_left <= DAYS_WARNING)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "success");
  return label;
}

/**
 * redress_deadline_row_new:
 * @show_case: name the client and the case (the list across all cases)
 *
 * Returns: (transfer floating): a row that opens the case
 */
GtkWidget *
redress_deadline_row_new (RedressDeadline *deadline,
                          gboolean         show_case)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *due = redress_date_format_long (redress_deadline_get_due (deadline));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (show_case)
    /* Translators: deadline row: client's name, what is due */
    title = g_strdup_printf (_("%s — %s"), redress_deadline_get_client_name (deadline),
                             redress_deadline_get_label (deadline));
  else
    title = g_strdup (redress_deadline_get_label (deadline));

  /* Translators: deadline row subtitle: the date, then the case */
  subtitle = show_case
    ? g_strdup_printf (_("By %s · %s"), due, redress_deadline_get_case_title (deadline))
    : g_strdup_printf (_("By %s"), due);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, redress_deadline_get_basis (deadline));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             redress_days_left_label_new (redress_deadline_get_days_left (deadline),
                                                          FALSE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-case");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x",
                                    redress_deadline_get_case_id (deadline));
  return row;
}

/**
 * redress_toast_new_text:
 * @text: plain text: a message, a file name, an error
 *
 * Returns: (transfer floating): a toast showing @text
 */
AdwToast *
redress_toast_new_text (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  return adw_toast_new (escaped);
}

/**
 * redress_widget_show_failure:
 * @heading: what could not be done
 * @error: why
 *
 * Tells why something failed in a dialog over @widget's window, for a
 * failure a toast would not explain.
 */
void
redress_widget_show_failure (GtkWidget  *widget,
                             const char *heading,
                             GError     *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * redress_widget_add_toast:
 * @widget: a widget, anywhere under an #AdwToastOverlay
 * @toast: (transfer floating): the toast
 *
 * Shows @toast in the nearest #AdwToastOverlay above @widget; a widget
 * that is in none (not shown yet, or already removed) drops it.
 */
void
redress_widget_add_toast (GtkWidget *widget,
                          AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* Message dialogs ---------------------------------------------------------- */

/* The first field of @root that takes text, or %NULL */
static GtkWidget *
find_editable (GtkWidget *root)
{
  if (GTK_IS_EDITABLE (root) && gtk_widget_get_focusable (root) &&
      gtk_widget_is_sensitive (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editable (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The keyboard starts on the dialog's entry if it has one, else on its
 * default response.  Focus the consultant put in the entry stays there. */
static void
focus_first_field (AdwMessageDialog *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *wanted = extra ? find_editable (extra) : NULL;

  if (focus != NULL && extra != NULL && (focus == extra || gtk_widget_is_ancestor (focus, extra)))
    return;
  if (wanted == NULL)
    wanted = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  if (wanted != NULL && wanted != focus)
    gtk_widget_grab_focus (wanted);
}

static void
on_message_dialog_map (AdwMessageDialog *dialog,
                       gpointer          user_data)
{
  focus_first_field (dialog);
}

static void
on_message_dialog_default_widget (AdwMessageDialog *dialog,
                                  GParamSpec       *pspec,
                                  gpointer          user_data)
{
  focus_first_field (dialog);
}

static void
on_toplevels_changed (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (window) || g_object_get_data (window, "redress-focus") != NULL)
        continue;
      g_object_set_data (window, "redress-focus", GINT_TO_POINTER (TRUE));
      /* (the class handler has given its focus by then) */
      g_signal_connect (window, "map", G_CALLBACK (on_message_dialog_map), NULL);
      g_signal_connect (window, "notify::default-widget",
                        G_CALLBACK (on_message_dialog_default_widget), NULL);
    }
}

/**
 * redress_message_dialogs_focus_first_field:
 *
 * From now on, every message dialog opens with the keyboard on its entry,
 * or else on its default response, so that Enter does what the dialog is
 * for.  libadwaita 1.2 focuses the default response, but when the
 * responses do not fit side by side it stacks them a moment later and the
 * focus falls on the last one, usually Cancel; this puts it back.
 */
void
redress_message_dialogs_focus_first_field (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                        G_CALLBACK (on_toplevels_changed), NULL);
      g_once_init_leave (&done, 1);
    }
}

static gboolean
scroll_into_view_cb (gpointer data)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (data);
  GtkWidget *scroller = widget ? gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GtkWidget *child = scroller ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page, top, bottom;

  if (child == NULL || !gtk_widget_compute_bounds (widget, child, &bounds))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* The child's bounds move with the scrolling (a viewport): in its own
   * coordinates add back what is scrolled */
  top = bounds.origin.y;
  if (GTK_IS_VIEWPORT (child))
    top += value;
  bottom = top + bounds.size.height;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, MIN (top, bottom - page));
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
redress_widget_scroll_into_view (GtkWidget *widget)
{
  GWeakRef *ref;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, widget);
  /* After the frame's layout (GDK_PRIORITY_REDRAW), when the widget has
   * its place */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_into_view_cb, ref, weak_ref_free);
}

static void
setup_whole_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_list_item_set_child (item, label);
}

static void
bind_whole_label (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
on_whole_label_selected (AdwComboRow *row,
                         GParamSpec  *pspec,
                         gpointer     user_data)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  gtk_widget_set_tooltip_text (GTK_WIDGET (row), GTK_IS_STRING_OBJECT (item)
                               ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                               : NULL);
}

void
redress_combo_row_show_whole_labels (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_whole_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_whole_label), NULL);
  adw_combo_row_set_list_factory (row, factory);
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (on_whole_label_selected), NULL);
  on_whole_label_selected (row, NULL, NULL);
}

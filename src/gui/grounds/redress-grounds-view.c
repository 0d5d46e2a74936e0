/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-grounds-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-ground-row.h"
#include "redress-grounds-view.h"
#include "redress-ui-util.h"

/*
 * RedressGroundsView: the refusal grounds of a case.  Suggestions come
 * from the letter, each with the sentence that states it; the consultant
 * confirms or dismisses them (Undo), or adds a ground from the catalogue.
 * Confirmed grounds list their evidence, and passages of the officer's
 * notes that may prove them.  Quotes read as prose and name their
 * document by its kind and page; activating one opens the document at
 * that passage, highlighted by its place in the text (across lines and
 * pages).
 *
 * The case's RedressCaseGroundList, filtered by state, is bound to the
 * list of each group (suggested, confirmed, dismissed), one
 * RedressGroundRow a ground; the rows act through the view's "grounds.*"
 * actions with the ground's code.  The ground acted on keeps the focus,
 * scrolled into view, wherever its row goes.
 *
 * A quote is opened through the "case.show-passage" action of the case
 * view the grounds are in.  Signals: "show-quote" (document id, page from
 * 1, quote) asks to open the document there, when the grounds are shown
 * outside a case view; "link-selection" (code) asks the case view to link
 * the text selected in the reader.
 */
struct _RedressGroundsView
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkBox *box;
  GtkWidget *add_button;
  GtkWidget *error_label;
  GtkWidget *groups[REDRESS_GROUND_DISMISSED + 1];     /* AdwPreferencesGroup a state */
  GtkListBox *lists[REDRESS_GROUND_DISMISSED + 1];
  GtkWidget *empty[REDRESS_GROUND_DISMISSED + 1];      /* a list saying there is none */
  GtkWidget *empty_suggestion;   /* its row, which says why there is none */

  RedressStore *store;
  gint64 case_id;
  RedressCaseGroundList *grounds;
  GtkFilterListModel *by_state[REDRESS_GROUND_DISMISSED + 1];
  char *focus_code;           /* the ground whose row is to get the focus back */
  guint refresh_idle;
};

G_DEFINE_FINAL_TYPE (RedressGroundsView, redress_grounds_view, GTK_TYPE_WIDGET)

enum {
  SHOW_QUOTE,
  LINK_SELECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (RedressGroundsView *self,
        GError             *error)
{
  redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (error->message));
}

/* Focus ----------------------------------------------------------------------- */

static RedressGroundRow *
find_ground_row (RedressGroundsView *self,
                 const char         *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    {
      GtkWidget *child;

      for (child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[i])); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (REDRESS_IS_GROUND_ROW (child) &&
            g_strcmp0 (redress_ground_row_get_code (REDRESS_GROUND_ROW (child)), code) == 0)
          return REDRESS_GROUND_ROW (child);
    }
  return NULL;
}

/* The focus is to go back to ground @code once the lists follow the
 * change about to be made */
static void
keep_focus_on (RedressGroundsView *self,
               const char         *code)
{
  g_free (self->focus_code);
  self->focus_code = g_strdup (code);
}

/* The refocus step: the row of the ground acted on gets the focus again,
 * scrolled into view, once it is shown */
static void
refocus (RedressGroundsView *self)
{
  RedressGroundRow *row;

  if (self->focus_code == NULL || (row = find_ground_row (self, self->focus_code)) == NULL)
    return;
  g_clear_pointer (&self->focus_code, g_free);
  if (redress_ground_row_focus (row))
    redress_widget_scroll_into_view (GTK_WIDGET (row));
}

/* The code of the ground whose row has the focus, or %NULL */
static const char *
focused_code (RedressGroundsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, REDRESS_TYPE_GROUND_ROW) : NULL;

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self)))
    return NULL;
  return redress_ground_row_get_code (REDRESS_GROUND_ROW (row));
}

/* Actions on one ground, by its code ------------------------------------------ */

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *code = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  keep_focus_on (self, code);
  if (!redress_store_confirm_ground (self->store, self->case_id, code, &error))
    report (self, error);
  refocus (self);
}

typedef struct
{
  RedressStore *store;
  gint64 case_id;
  char *code;
  RedressGroundsView *view;   /* weak */
} Undismiss;

static void
undismiss_free (gpointer data)
{
  Undismiss *undo = data;

  g_clear_object (&undo->store);
  g_free (undo->code);
  g_clear_weak_pointer (&undo->view);
  g_free (undo);
}

static void
on_undismiss_clicked (AdwToast  *toast,
                      Undismiss *undo)
{
  g_autoptr(GError) error = NULL;

  if (undo->view != NULL)
    keep_focus_on (undo->view, undo->code);
  if (!redress_store_undismiss_ground (undo->store, undo->case_id, undo->code, &error))
    g_warning ("Cannot undo the dismissal: %s", error->message);
  if (undo->view != NULL)
    refocus (undo->view);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *code = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Undismiss *undo;
  AdwToast *toast;

  keep_focus_on (self, code);
  if (!redress_store_dismiss_ground (self->store, self->case_id, code, &error))
    {
      report (self, error);
      return;
    }
  refocus (self);
  message = g_strdup_printf (_("“%s” dismissed"), redress_ground_get_label (code));
  toast = redress_toast_new_text (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (Undismiss, 1);
  undo->store = g_object_ref (self->store);
  undo->case_id = self->case_id;
  undo->code = g_strdup (code);
  g_set_weak_pointer (&undo->view, self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undismiss_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undismiss_free, 0);
  redress_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *code = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  keep_focus_on (self, code);
  if (!redress_store_undismiss_ground (self->store, self->case_id, code, &error))
    report (self, error);
  refocus (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *code = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->add_button));
  keep_focus_on (self, code);
  if (!redress_store_add_ground (self->store, self->case_id, code, &error))
    report (self, error);
  refocus (self);
}

static void
link_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *code = g_variant_get_string (param, NULL);

  keep_focus_on (self, code);
  g_signal_emit (self, signals[LINK_SELECTION], 0, code);
  refocus (self);
}

static void
link_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *code, *quote;
  gint64 document_id, start, end;
  guint page;

  g_variant_get (param, "(&sxu&sxx)", &code, &document_id, &page, &quote, &start, &end);
  keep_focus_on (self, code);
  if (!redress_store_link_evidence (self->store, self->case_id, code, document_id, page, quote,
                                    start, end, NULL, &error))
    report (self, error);
  refocus (self);
}

static void
show_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RedressGroundsView *self = REDRESS_GROUNDS_VIEW (widget);
  const char *quote = NULL;
  gint64 document_id, start, end;
  guint page, end_page;

  g_variant_get (param, "(xuxuxm&s)", &document_id, &page, &start, &end_page, &end, &quote);
  if (document_id <= 0)
    return;
  /* The case view opens the passage in its reader; outside one, whoever
   * shows the grounds is asked */
  if (!gtk_widget_activate_action_variant (widget, "case.show-passage", param))
    g_signal_emit (self, signals[SHOW_QUOTE], 0, document_id, page, quote);
}

/* Adding a ground from the catalogue ----------------------------------------- */

static void
fill_catalogue (GtkListBox *list,
                const char *query)
{
  g_auto(GStrv) codes = redress_grounds_search (query);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; codes && codes[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char * const *provisions = redress_ground_get_provisions (codes[i]);
      g_autofree char *joined = provisions ? g_strjoinv (", ", (char **) provisions) : NULL;
      g_autofree char *title = joined && *joined
        ? g_strdup_printf ("%s (%s)", redress_ground_get_label (codes[i]), joined)
        : g_strdup (redress_ground_get_label (codes[i]));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), redress_ground_get_description (codes[i]));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "grounds.add");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", codes[i]);
      gtk_list_box_append (list, row);
    }
}

static void
on_catalogue_search (GtkSearchEntry *entry,
                     GtkListBox     *list)
{
  fill_catalogue (list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static GtkWidget *
add_button_new (RedressGroundsView *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Ground…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, _("Add a ground from the catalogue"));

  g_object_set (search, "placeholder-text", _("Search the grounds"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the grounds"), -1);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refusal grounds"), -1);
  fill_catalogue (GTK_LIST_BOX (list), NULL);
  g_signal_connect (search, "search-changed", G_CALLBACK (on_catalogue_search), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  return button;
}

/* The groups, bound to the case's grounds ------------------------------------ */

/* The row a group shows when it has no ground */
static void
add_empty_row (RedressGroundsView *self,
               RedressGroundState  state,
               const char         *title,
               const char         *subtitle)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[state]), list);
  self->empty[state] = list;
  if (state == REDRESS_GROUND_SUGGESTED)
    self->empty_suggestion = row;
}

/* Whether the case has a document the grounds are read from (the refusal
 * letter, the officer's notes or decision notes) */
static gboolean
has_source_document (RedressGroundsView *self)
{
  g_autoptr(GPtrArray) documents = NULL;

  if (self->store == NULL)
    return FALSE;
  documents = redress_store_list_documents (self->store, self->case_id, NULL);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    if (redress_document_kind_get_text_kind (
          redress_document_get_kind (g_ptr_array_index (documents, i))) != REDRESS_TEXT_AUTO)
      return TRUE;
  return FALSE;
}

/* With no suggestion left, the empty row says what is true: no letter yet
 * (attach it), every suggestion handled, or nothing found in the letter */
static void
update_empty_suggestion (RedressGroundsView *self)
{
  const char *title = _("No suggestion");
  const char *subtitle = _("Attach the refusal letter in Documents: the grounds it states are "
                           "suggested here.");

  if (self->empty_suggestion == NULL)
    return;
  if (has_source_document (self))
    {
      guint handled = 0;

      for (guint i = REDRESS_GROUND_CONFIRMED; i < G_N_ELEMENTS (self->by_state); i++)
        if (self->by_state[i] != NULL)
          handled += g_list_model_get_n_items (G_LIST_MODEL (self->by_state[i]));
      if (handled > 0)
        {
          title = _("Every suggestion has been handled");
          subtitle = _("If the officer relied on another ground, add it with Add Ground.");
        }
      else
        {
          title = _("No ground found in the documents");
          subtitle = _("Add the grounds the officer relied on with Add Ground.");
        }
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_suggestion), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_suggestion), subtitle);
}

static GtkWidget *
group_new (RedressGroundsView *self,
           RedressGroundState  state,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  self->groups[state] = group;
  self->lists[state] = GTK_LIST_BOX (list);
  return group;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RedressGroundsView *self = user_data;

  return redress_ground_row_new (item, self->store, self->case_id);
}

static gboolean
filter_state (gpointer item,
              gpointer user_data)
{
  return redress_case_ground_get_state (item) == (RedressGroundState) GPOINTER_TO_INT (user_data);
}

/* A group with no ground says so (the dismissed grounds show only when
 * there are some) */
static void
update_dismissed (RedressGroundsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    {
      GListModel *model = G_LIST_MODEL (self->by_state[i]);
      gboolean empty = model == NULL || g_list_model_get_n_items (model) == 0;

      if (self->lists[i] == NULL)
        continue;
      gtk_widget_set_visible (GTK_WIDGET (self->lists[i]), !empty);
      if (self->empty[i] != NULL)
        gtk_widget_set_visible (self->empty[i], empty);
      else
        gtk_widget_set_visible (self->groups[i], !empty);
    }
  update_empty_suggestion (self);
}

/* After the lists have made their rows (their models are told first) */
static void
on_grounds_changed (GListModel         *model,
                    guint               position,
                    guint               removed,
                    guint               added,
                    RedressGroundsView *self)
{
  update_dismissed (self);
  refocus (self);
}

static void
bind_lists (RedressGroundsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    gtk_list_box_bind_model (self->lists[i],
                             self->by_state[i] ? G_LIST_MODEL (self->by_state[i]) : NULL,
                             self->by_state[i] ? create_row : NULL, self, NULL);
  update_dismissed (self);
}

static void
clear_grounds (RedressGroundsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    if (self->lists[i] != NULL)
      gtk_list_box_bind_model (self->lists[i], NULL, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->by_state); i++)
    g_clear_object (&self->by_state[i]);
  if (self->grounds != NULL)
    g_signal_handlers_disconnect_by_data (self->grounds, self);
  g_clear_object (&self->grounds);
}

/* The rows made again: the documents they name (kinds, pages read by OCR)
 * or the passages they suggest may have changed.  The focus stays on its
 * ground. */
static void
refresh_rows (RedressGroundsView *self)
{
  const char *code = focused_code (self);

  if (code != NULL)
    keep_focus_on (self, code);
  bind_lists (self);
  refocus (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  RedressGroundsView *self = data;

  self->refresh_idle = 0;
  if (self->grounds != NULL)
    refresh_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (RedressStore       *store,
                     const char         *entity,
                     gint64              id,
                     RedressGroundsView *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

/**
 * redress_grounds_view_reload:
 *
 * Reads the case's grounds again and makes their rows again (the focus
 * stays on its ground).  The view follows the store by itself: this is
 * for what the store does not announce.
 */
void
redress_grounds_view_reload (RedressGroundsView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REDRESS_IS_GROUNDS_VIEW (self));

  if (self->store == NULL)
    {
      clear_grounds (self);
      gtk_widget_set_visible (GTK_WIDGET (self->box), FALSE);
      return;
    }
  if (self->grounds != NULL &&
      redress_case_ground_list_get_case_id (self->grounds) == self->case_id &&
      !redress_case_ground_list_reload (self->grounds, &error))
    clear_grounds (self);
  if (self->grounds == NULL && error == NULL)
    {
      self->grounds = redress_case_ground_list_new (self->store, self->case_id, &error);
      for (guint i = 0; self->grounds != NULL && i < G_N_ELEMENTS (self->by_state); i++)
        self->by_state[i] =
          gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->grounds)),
                                     GTK_FILTER (gtk_custom_filter_new (filter_state,
                                                                        GINT_TO_POINTER (i),
                                                                        NULL)));
      if (self->grounds != NULL)
        g_signal_connect (self->grounds, "items-changed", G_CALLBACK (on_grounds_changed), self);
    }
  gtk_label_set_text (GTK_LABEL (self->error_label), error ? error->message : "");
  gtk_widget_set_visible (self->error_label, error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->box), error == NULL);
  if (error != NULL)
    {
      clear_grounds (self);
      return;
    }
  refresh_rows (self);
}

static void
redress_grounds_view_dispose (GObject *object)
{
  RedressGroundsView *self = (RedressGroundsView *) object;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  clear_grounds (self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  /* (gone with the scrolled window) */
  memset (self->lists, 0, sizeof self->lists);
  memset (self->groups, 0, sizeof self->groups);
  memset (self->empty, 0, sizeof self->empty);
  self->empty_suggestion = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->focus_code, g_free);

  G_OBJECT_CLASS (redress_grounds_view_parent_class)->dispose (object);
}

static void
redress_grounds_view_class_init (RedressGroundsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_grounds_view_dispose;

  signals[SHOW_QUOTE] =
    g_signal_new ("show-quote", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);
  signals[LINK_SELECTION] =
    g_signal_new ("link-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "grounds.confirm", "s", confirm_action);
  gtk_widget_class_install_action (widget_class, "grounds.dismiss", "s", dismiss_action);
  gtk_widget_class_install_action (widget_class, "grounds.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "grounds.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "grounds.link-selection", "s",
                                   link_selection_action);
  gtk_widget_class_install_action (widget_class, "grounds.link-passage", "(sxusxx)",
                                   link_passage_action);
  gtk_widget_class_install_action (widget_class, "grounds.show-passage", "(xuxuxms)",
                                   show_passage_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_grounds_view_init (RedressGroundsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *intro;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  self->error_label = gtk_label_new (NULL);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (outer), self->error_label);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->box));
  gtk_widget_set_margin_top (outer, 24);
  gtk_widget_set_margin_bottom (outer, 24);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), outer);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  intro = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->add_button = add_button_new (self);
  gtk_box_append (GTK_BOX (intro), self->add_button);
  gtk_box_append (self->box, intro);

  gtk_box_append (self->box,
                  group_new (self, REDRESS_GROUND_SUGGESTED,
                             _("Suggested from the Letter and Notes"),
                             _("Found in the refusal letter or the officer’s notes. Confirm each "
                               "one the officer relied on; dismiss the others.")));
  add_empty_row (self, REDRESS_GROUND_SUGGESTED, _("No suggestion"),
                 _("Attach the refusal letter in Documents: the grounds it states are "
                   "suggested here."));
  gtk_box_append (self->box,
                  group_new (self, REDRESS_GROUND_CONFIRMED, _("Confirmed Grounds"),
                             _("The grounds the remedies take into account and the checklist "
                               "answers. Select a passage in a document, then link it here as "
                               "evidence.")));
  add_empty_row (self, REDRESS_GROUND_CONFIRMED, _("No confirmed ground yet"), NULL);
  gtk_box_append (self->box, group_new (self, REDRESS_GROUND_DISMISSED, _("Dismissed"), NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->box), FALSE);
  update_dismissed (self);
}

void
redress_grounds_view_set_case (RedressGroundsView *self,
                               RedressStore       *store,
                               gint64              case_id)
{
  g_return_if_fail (REDRESS_IS_GROUNDS_VIEW (self));

  if (self->store != store || self->case_id != case_id)
    {
      clear_grounds (self);
      g_clear_pointer (&self->focus_code, g_free);
    }
  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed::document", G_CALLBACK (on_document_changed),
                                 self, 0);
    }
  self->case_id = case_id;
  redress_grounds_view_reload (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-calendar-export.h"
#include "redress-case-view.h"
#include "redress-client-view.h"
#include "redress-record-dialog.h"
#include "redress-pane-bin.h"
#include "redress-ui-util.h"
#include "redress-window.h"

/* How far ahead the start page looks */
#define DEADLINES_WITHIN_DAYS 60

/* RedressOpenSelection: the client list's selection is the client file
 * that is open, and nothing else.  The list view cannot select (hovering
 * a row in a single-click list would, and a keyboard move too): a click
 * or Enter activates a row, which opens the file and selects it here. */

#define REDRESS_TYPE_OPEN_SELECTION (redress_open_selection_get_type ())
G_DECLARE_FINAL_TYPE (RedressOpenSelection, redress_open_selection, REDRESS, OPEN_SELECTION,
                      GObject)

struct _RedressOpenSelection
{
  GObject parent_instance;

  GListModel *model;
  guint selected;
};

static void redress_open_selection_list_model_init (GListModelInterface *iface);
static void redress_open_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RedressOpenSelection, redress_open_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      redress_open_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      redress_open_selection_selection_model_init))

static GType
open_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (REDRESS_OPEN_SELECTION (list)->model);
}

static guint
open_selection_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (REDRESS_OPEN_SELECTION (list)->model);
}

static gpointer
open_selection_get_item (GListModel *list,
                         guint       position)
{
  return g_list_model_get_item (REDRESS_OPEN_SELECTION (list)->model, position);
}

static void
redress_open_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = open_selection_get_item_type;
  iface->get_n_items = open_selection_get_n_items;
  iface->get_item = open_selection_get_item;
}

static gboolean
open_selection_is_selected (GtkSelectionModel *model,
                            guint              position)
{
  return position == REDRESS_OPEN_SELECTION (model)->selected;
}

/* (select_item and the others are left out: the view cannot select) */
static void
redress_open_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = open_selection_is_selected;
}

static void
on_open_selection_items_changed (GListModel           *model,
                                 guint                 position,
                                 guint                 removed,
                                 guint                 added,
                                 RedressOpenSelection *self)
{
  if (self->selected != GTK_INVALID_LIST_POSITION && self->selected >= position)
    {
      if (self->selected < position + removed)
        self->selected = GTK_INVALID_LIST_POSITION;
      else
        self->selected = self->selected - removed + added;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
redress_open_selection_dispose (GObject *object)
{
  RedressOpenSelection *self = REDRESS_OPEN_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_open_selection_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (redress_open_selection_parent_class)->dispose (object);
}

static void
redress_open_selection_class_init (RedressOpenSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = redress_open_selection_dispose;
}

static void
redress_open_selection_init (RedressOpenSelection *self)
{
  self->selected = GTK_INVALID_LIST_POSITION;
}

static RedressOpenSelection *
redress_open_selection_new (GListModel *model)
{
  RedressOpenSelection *self = g_object_new (REDRESS_TYPE_OPEN_SELECTION, NULL);

  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_open_selection_items_changed), self);
  return self;
}

/* @position: GTK_INVALID_LIST_POSITION for none */
static void
redress_open_selection_set_selected (RedressOpenSelection *self,
                                     guint                 position)
{
  guint old = self->selected;

  if (old == position)
    return;
  self->selected = position;
  if (old != GTK_INVALID_LIST_POSITION && position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), MIN (old, position),
                                           MAX (old, position) - MIN (old, position) + 1);
  else
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self),
                                           old != GTK_INVALID_LIST_POSITION ? old : position, 1);
}

/* RedressWindow ----------------------------------------------------------- */

/*
 * RedressWindow: the client files on the left (searchable), the open
 * client file or case on the right.  Destructive actions are undoable
 * from a toast; what was deleted is purged only once the toast is gone.
 */
struct _RedressWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  AdwWindowTitle *sidebar_title;
  GtkSearchEntry *search_entry;
  GtkStack *sidebar_stack;
  GtkListView *client_list_view;
  GtkToggleButton *search_documents_button;
  GtkListBox *document_hits;
  GtkWidget *content;
  GtkStack *content_stack;
  AdwStatusPage *welcome_page;
  GtkWidget *deadlines_group;
  GtkListBox *deadlines_list;
  RedressClientView *client_view;
  RedressCaseView *case_view;

  RedressStore *store;
  GCancellable *cancellable;
  guint deadlines_idle;
  RedressClientList *clients;
  RedressOpenSelection *selection;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RedressWindow, redress_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Undo ------------------------------------------------------------------- */

typedef enum
{
  UNDO_TRASH,
  UNDO_ARCHIVE,
} UndoKind;

typedef struct
{
  RedressWindow *window;   /* weak */
  RedressStore *store;
  RedressRecord *record;
  UndoKind kind;
  gboolean archived;       /* for UNDO_ARCHIVE: the state to go back from */
  gboolean undone;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_weak_pointer (&undo->window);
  g_clear_object (&undo->store);
  g_clear_object (&undo->record);
  g_free (undo);
}

static RedressClient *current_client (RedressWindow *self);
static RedressCase *current_case (RedressWindow *self);
static void update_actions (RedressWindow *self);

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  undo->undone = TRUE;
  if (undo->kind == UNDO_TRASH)
    ok = redress_store_untrash (undo->store, undo->record, &error);
  else
    ok = redress_store_set_archived (undo->store, undo->record, undo->archived, &error);

  if (!ok)
    {
      if (undo->window != NULL)
        redress_window_add_toast (undo->window, redress_toast_new_text (error->message));
      return;
    }

  if (undo->window == NULL)
    return;
  if (undo->kind == UNDO_TRASH && REDRESS_IS_CLIENT (undo->record))
    redress_window_show_client (undo->window, redress_record_get_id (undo->record));
  else if (undo->kind == UNDO_TRASH && REDRESS_IS_CASE (undo->record))
    redress_window_show_case (undo->window, redress_record_get_id (undo->record));
}

static void
on_undo_dismissed (AdwToast *toast,
                   UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  /* Undo is no longer offered: the deletion becomes final */
  if (undo->kind == UNDO_TRASH && !undo->undone &&
      !redress_store_purge (undo->store, undo->record, &error))
    g_warning ("Could not purge a deleted record: %s", error->message);
}

static void
show_undo_toast (RedressWindow *self,
                 const char    *message,
                 RedressRecord *record,
                 UndoKind       kind,
                 gboolean       previous_archived)
{
  AdwToast *toast = redress_toast_new_text (message);
  UndoData *undo = g_new0 (UndoData, 1);

  g_set_weak_pointer (&undo->window, self);
  undo->store = g_object_ref (self->store);
  undo->record = g_object_ref (record);
  undo->kind = kind;
  undo->archived = previous_archived;

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_undo_dismissed), undo,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Pages ------------------------------------------------------------------ */

static RedressClient *
current_client (RedressWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "client") == 0)
    return redress_client_view_get_client (self->client_view);
  return NULL;
}

static RedressCase *
current_case (RedressWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "case") == 0)
    return redress_case_view_get_case (self->case_view);
  return NULL;
}

static gboolean
searching_documents (RedressWindow *self)
{
  return gtk_toggle_button_get_active (self->search_documents_button);
}

/* "…the \x01refusal\x02 letter…" as markup with the hit in bold */
static char *
snippet_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = snippet;

  while (p && *p)
    {
      const char *next = strpbrk (p, REDRESS_SNIPPET_START REDRESS_SNIPPET_END);
      g_autofree char *part = g_strndup (p, next ? (gsize) (next - p) : strlen (p));
      g_autofree char *escaped = g_markup_escape_text (part, -1);

      g_string_append (markup, escaped);
      if (next == NULL)
        break;
      if (*next == REDRESS_SNIPPET_START[0] && !bold)
        {
          g_string_append (markup, "<b>");
          bold = TRUE;
        }
      else if (*next == REDRESS_SNIPPET_END[0] && bold)
        {
          g_string_append (markup, "</b>");
          bold = FALSE;
        }
      p = next + 1;
    }
  if (bold)
    g_string_append (markup, "</b>");
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
search_documents (RedressWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->document_hits))) != NULL)
    gtk_list_box_remove (self->document_hits, child);

  if (*trimmed == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents-hint");
      return;
    }

  hits = redress_store_search_pages (self->store, query, 200, &error);
  if (hits == NULL)
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *title = NULL;
      g_autofree char *where = NULL;
      g_autofree char *markup = snippet_markup (redress_search_hit_get_snippet (hit));
      GtkWidget *label;

      /* Translators: a search hit: the client, the document */
      title = g_strdup_printf (_("%s — %s"), redress_search_hit_get_client_name (hit),
                               redress_search_hit_get_file_name (hit));
      /* Translators: a search hit: the page, the case */
      where = g_strdup_printf (_("Page %u · %s"), redress_search_hit_get_page (hit),
                               redress_search_hit_get_case_title (hit));
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (where);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "hit", g_object_ref (hit), g_object_unref);
      gtk_list_box_append (self->document_hits, row);
    }
  gtk_stack_set_visible_child_name (self->sidebar_stack, hits->len > 0 ? "documents" : "no-results");
}

static void
on_document_hit_activated (GtkListBox    *list,
                           GtkListBoxRow *row,
                           RedressWindow *self)
{
  RedressSearchHit *hit = g_object_get_data (G_OBJECT (row), "hit");
  g_autofree char *query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  RedressDocumentsView *documents;

  if (hit == NULL)
    return;
  redress_window_show_case (self, redress_search_hit_get_case_id (hit));
  if (g_strcmp0 (redress_window_get_page (self), "case") != 0)
    return;
  redress_case_view_show_page (self->case_view, "documents");
  documents = redress_case_view_get_documents (self->case_view);
  /* Highlight the words themselves, not the query syntax */
  g_strdelimit (query, "\"*", ' ');
  redress_documents_view_show_document (documents, redress_search_hit_get_document_id (hit),
                                        redress_search_hit_get_page (hit) - 1, g_strstrip (query));
}

/* The open client file (or the open case's) is the one selected */
static void
mark_open_client (RedressWindow *self)
{
  RedressClient *client = current_client (self);
  RedressCase *kase = current_case (self);
  gint64 id = 0;
  int pos = -1;

  if (client != NULL)
    id = redress_record_get_id (REDRESS_RECORD (client));
  else if (kase != NULL)
    id = redress_case_get_client_id (kase);
  if (id != 0)
    pos = redress_client_list_find (self->clients, id);
  redress_open_selection_set_selected (self->selection,
                                       pos >= 0 ? (guint) pos : GTK_INVALID_LIST_POSITION);
}

static void
on_clients_changed (GListModel    *model,
                    guint          position,
                    guint          removed,
                    guint          added,
                    RedressWindow *self)
{
  /* (a row made again is still the open file's) */
  mark_open_client (self);
}

static void
update_sidebar (RedressWindow *self)
{
  guint total = redress_client_list_get_n_total (self->clients);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->clients));
  g_autofree char *subtitle = NULL;

  if (searching_documents (self))
    ;  /* the document results stay */
  else if (shown > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");

  if (shown != total)
    /* Translators: sidebar subtitle while searching */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u file", "%u of %u files",
                                             total), shown, total);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", total),
                                total);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);

  if (total == 0)
    {
      adw_status_page_set_title (self->welcome_page, _("Create a Client File"));
      adw_status_page_set_description (self->welcome_page,
                                       _("Start with the person whose application was refused. "
                                         "You will then add the refused application as a case."));
    }
  else
    {
      adw_status_page_set_title (self->welcome_page, _("Open a Client File"));
      adw_status_page_set_description (self->welcome_page,
                                       _("Choose a file in the list, search by name, file number "
                                         "or UCI, or create a new client file."));
    }
}

/* The keyboard on the start page: on the most pressing deadline, or on
 * New Client File when there is none */
static void
focus_start_page (RedressWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->deadlines_list, 0);

  if (first != NULL && gtk_widget_get_visible (self->deadlines_group) &&
      gtk_widget_grab_focus (GTK_WIDGET (first)))
    return;
  gtk_widget_child_focus (GTK_WIDGET (self->welcome_page), GTK_DIR_TAB_FORWARD);
}

static void
deadlines_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RedressWindow) self = user_data;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;
  gboolean had_focus;

  deadlines = redress_store_list_deadlines_finish (REDRESS_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->deadlines_list == NULL)
    return;

  /* The rows are made again: the keyboard stays on the list */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->deadlines_list));
  redress_list_box_clear (self->deadlines_list);
  if (deadlines == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The deadlines could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->deadlines_list, row);
      gtk_widget_set_visible (self->deadlines_group, TRUE);
      return;
    }

  for (guint i = 0; i < deadlines->len; i++)
    gtk_list_box_append (self->deadlines_list,
                         redress_deadline_row_new (g_ptr_array_index (deadlines, i), TRUE));
  gtk_widget_set_visible (self->deadlines_group, deadlines->len > 0);
  if (had_focus)
    focus_start_page (self);
}

static gboolean
refresh_deadlines_idle (gpointer data)
{
  RedressWindow *self = data;

  self->deadlines_idle = 0;
  /* Computed in a worker thread: tens of thousands of cases take a moment */
  redress_store_list_deadlines_async (self->store, DEADLINES_WITHIN_DAYS, self->cancellable,
                                      deadlines_ready_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Several changes in a row refresh the start page once */
static void
queue_refresh_deadlines (RedressWindow *self)
{
  if (self->deadlines_idle == 0)
    self->deadlines_idle = g_timeout_add (300, refresh_deadlines_idle, self);
}

static void
show_welcome (RedressWindow *self)
{
  queue_refresh_deadlines (self);
  gtk_stack_set_visible_child_name (self->content_stack, "welcome");
  redress_open_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_actions (self);
}

static void
select_in_list (RedressWindow *self,
                gint64         client_id)
{
  int pos = redress_client_list_find (self->clients, client_id);

  if (pos >= 0)
    {
      redress_open_selection_set_selected (self->selection, (guint) pos);
      /* (the list cannot scroll while another sidebar page is shown) */
      if (gtk_widget_get_mapped (GTK_WIDGET (self->client_list_view)))
        gtk_widget_activate_action (GTK_WIDGET (self->client_list_view), "list.scroll-to-item",
                                    "u", (guint) pos);
    }
  else
    redress_open_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * redress_window_show_client:
 *
 * Opens a client file on the right and selects it in the list.
 */
void
redress_window_show_client (RedressWindow *self,
                            gint64         client_id)
{
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REDRESS_IS_WINDOW (self));

  client = redress_store_get_client (self->store, client_id, &error);
  if (client == NULL)
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }

  redress_client_view_show (self->client_view, self->store, client);
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  select_in_list (self, client_id);
  update_actions (self);
}

void
redress_window_show_case (RedressWindow *self,
                          gint64         case_id)
{
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REDRESS_IS_WINDOW (self));

  kase = redress_store_get_case (self->store, case_id, &error);
  if (kase == NULL)
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }

  redress_case_view_show (self->case_view, self->store, kase);
  gtk_stack_set_visible_child_name (self->content_stack, "case");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  select_in_list (self, redress_case_get_client_id (kase));
  update_actions (self);
}

/**
 * redress_window_get_page:
 *
 * Returns: "welcome", "client" or "case"
 */
const char *
redress_window_get_page (RedressWindow *self)
{
  g_return_val_if_fail (REDRESS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* Follow the store: what is shown is always what is stored */
static void
on_store_changed (RedressStore  *store,
                  const char    *entity,
                  gint64         id,
                  RedressWindow *self)
{
  RedressClient *client = current_client (self);
  RedressCase *kase = current_case (self);

  if (g_strcmp0 (entity, "client") == 0)
    {
      if (client != NULL && redress_record_get_id (REDRESS_RECORD (client)) == id &&
          !redress_client_view_reload (self->client_view))
        show_welcome (self);
      else if (kase != NULL && redress_case_get_client_id (kase) == id &&
               !redress_case_view_reload (self->case_view))
        show_welcome (self);
      update_sidebar (self);
    }
  else if (g_strcmp0 (entity, "case") == 0)
    {
      if (kase != NULL && redress_record_get_id (REDRESS_RECORD (kase)) == id &&
          !redress_case_view_reload (self->case_view))
        redress_window_show_client (self, redress_case_get_client_id (kase));
    }
  else if (g_strcmp0 (entity, "ground") == 0)
    {
      /* Grounds suggested by a letter just imported (the id is the case's) */
      if (kase != NULL && redress_record_get_id (REDRESS_RECORD (kase)) == id)
        redress_case_view_reload (self->case_view);
    }
  /* Deadlines move with cases (and leave with archived clients) */
  if (g_strcmp0 (redress_window_get_page (self), "welcome") == 0)
    queue_refresh_deadlines (self);
  update_actions (self);
}

/* List ------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RedressClient *client = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *name = redress_client_dup_display_name (client);
  g_autofree char *uci = redress_uci_format (redress_client_get_uci (client));
  g_autoptr(GString) details = g_string_new (redress_client_get_file_number (client));
  guint n_cases = redress_client_get_case_count (client);

  if (uci != NULL)
    /* Translators: in the client list, after the file number */
    g_string_append_printf (details, _(" · UCI %s"), uci);
  g_string_append (details, " · ");
  g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_cases),
                          n_cases);
  if (redress_record_get_archived (REDRESS_RECORD (client)))
    g_string_append (details, _(" · Archived"));

  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle), details->str);
}

static void
on_client_activated (GtkListView   *view,
                     guint          position,
                     RedressWindow *self)
{
  g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);

  if (client != NULL)
    redress_window_show_client (self, redress_record_get_id (REDRESS_RECORD (client)));
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RedressWindow  *self)
{
  if (searching_documents (self))
    {
      search_documents (self);
      return;
    }
  redress_client_list_set_query (self->clients, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_sidebar (self);
}

static void
on_search_scope_toggled (GtkToggleButton *files_button,
                         RedressWindow   *self)
{
  if (searching_documents (self))
    {
      g_object_set (self->search_entry, "placeholder-text", _("Words in documents"), NULL);
      search_documents (self);
    }
  else
    {
      g_object_set (self->search_entry, "placeholder-text", _("Name, file number or UCI"), NULL);
      redress_client_list_set_query (self->clients,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      update_sidebar (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_stop_search (GtkSearchEntry *entry,
                RedressWindow  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_search_activate (GtkSearchEntry *entry,
                    RedressWindow  *self)
{
  /* Enter opens the first match */
  if (searching_documents (self))
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->document_hits, 0);

      if (first != NULL)
        on_document_hit_activated (self->document_hits, first, self);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) > 0)
    on_client_activated (self->client_list_view, 0, self);
}

/* Actions ---------------------------------------------------------------- */

static void
set_enabled (RedressWindow *self,
             const char    *name,
             gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (RedressWindow *self)
{
  RedressClient *client = current_client (self);
  RedressCase *kase = current_case (self);
  gboolean client_archived = client && redress_record_get_archived (REDRESS_RECORD (client));
  gboolean case_archived = kase && redress_record_get_archived (REDRESS_RECORD (kase));

  set_enabled (self, "new-case", client != NULL || kase != NULL);
  set_enabled (self, "archive-client", client != NULL && !client_archived);
  set_enabled (self, "unarchive-client", client != NULL && client_archived);
  set_enabled (self, "delete-client", client != NULL);
  set_enabled (self, "archive-case", kase != NULL && !case_archived);
  set_enabled (self, "unarchive-case", kase != NULL && case_archived);
  set_enabled (self, "delete-case", kase != NULL);
  set_enabled (self, "back-to-client", kase != NULL);
  set_enabled (self, "attach-documents", kase != NULL);
}

static void
on_client_created (RedressRecordDialog *dialog,
                   RedressRecord       *record,
                   RedressWindow       *self)
{
  g_autofree char *message = NULL;

  /* A new file must be visible even if a search would hide it */
  if (redress_client_list_find (self->clients, redress_record_get_id (record)) < 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  redress_window_show_client (self, redress_record_get_id (record));
  message = g_strdup_printf (_("Client file %s created"),
                             redress_client_get_file_number (REDRESS_CLIENT (record)));
  redress_window_add_toast (self, redress_toast_new_text (message));
}

static void
new_client_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RedressWindow *self = user_data;
  static const guint identity[] = {
    REDRESS_CLIENT_FAMILY_NAME, REDRESS_CLIENT_GIVEN_NAMES,
    REDRESS_CLIENT_DATE_OF_BIRTH, REDRESS_CLIENT_UCI,
  };
  static const guint contact[] = {
    REDRESS_CLIENT_EMAIL, REDRESS_CLIENT_PHONE, REDRESS_CLIENT_LANGUAGE,
    REDRESS_CLIENT_COUNTRY_OF_RESIDENCE, REDRESS_CLIENT_CITIZENSHIP,
  };
  g_autoptr(RedressClient) client = redress_client_new ();
  RedressRecordDialog *dialog;
  RedressRecordForm *form;

  dialog = redress_record_dialog_new (GTK_WINDOW (self), self->store, REDRESS_RECORD (client),
                                      _("New Client File"), _("C_reate"));
  form = redress_record_dialog_get_form (dialog);
  redress_record_form_add_group (form, _("Client"), identity, G_N_ELEMENTS (identity));
  redress_record_form_add_group (form, _("Contact"), contact, G_N_ELEMENTS (contact));
  redress_record_form_add_notes (form, REDRESS_CLIENT_NOTES);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_client_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_case_created (RedressRecordDialog *dialog,
                 RedressRecord       *record,
                 RedressWindow       *self)
{
  redress_window_show_case (self, redress_record_get_id (record));
  redress_window_add_toast (self, adw_toast_new (_("Case created")));
}

static void
new_case_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  RedressWindow *self = user_data;
  static const guint decision[] = {
    REDRESS_CASE_APPLICATION_TYPE, REDRESS_CASE_DECIDED_IN_CANADA,
    REDRESS_CASE_DECISION_DATE, REDRESS_CASE_RECEIVED_DATE, REDRESS_CASE_STATUS_EXPIRY,
  };
  static const guint file[] = {
    REDRESS_CASE_VISA_OFFICE, REDRESS_CASE_IRCC_NUMBER,
    REDRESS_CASE_CONSULTANT, REDRESS_CASE_STAGE,
  };
  RedressClient *client = current_client (self);
  RedressCase *kase = current_case (self);
  g_autoptr(RedressCase) draft = NULL;
  RedressRecordDialog *dialog;
  RedressRecordForm *form;
  gint64 client_id;

  if (client != NULL)
    client_id = redress_record_get_id (REDRESS_RECORD (client));
  else if (kase != NULL)
    client_id = redress_case_get_client_id (kase);
  else
    return;

  draft = redress_case_new (client_id);
  dialog = redress_record_dialog_new (GTK_WINDOW (self), self->store, REDRESS_RECORD (draft),
                                      _("New Case"), _("C_reate"));
  form = redress_record_dialog_get_form (dialog);
  redress_record_form_add_group (form, _("Decision"), decision, G_N_ELEMENTS (decision));
  redress_record_form_add_group (form, _("File"), file, G_N_ELEMENTS (file));
  redress_record_form_add_notes (form, REDRESS_CASE_NOTES);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_case_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_client_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  redress_window_show_client (user_data, g_variant_get_int64 (param));
}

static void
show_case_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  redress_window_show_case (user_data, g_variant_get_int64 (param));
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RedressWindow *self = user_data;

  /* A case goes back to its client file, a client file to the start page
   * and its deadlines, the start page (when folded) to the list */
  if (current_case (self) != NULL)
    redress_window_show_client (self, redress_case_get_client_id (current_case (self)));
  else if (current_client (self) != NULL)
    {
      show_welcome (self);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      focus_start_page (self);
    }
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Escape goes back like Alt+Left, once nothing nearer wanted it (Find, a
 * search, a menu) and unless the keyboard is in a field */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  RedressWindow *self = REDRESS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  if (current_case (self) == NULL && current_client (self) == NULL)
    return FALSE;
  g_action_group_activate_action (G_ACTION_GROUP (self), "back", NULL);
  return TRUE;
}

static void
back_to_client_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  RedressWindow *self = user_data;
  RedressCase *kase = current_case (self);

  if (kase != NULL)
    redress_window_show_client (self, redress_case_get_client_id (kase));
}

/* The deadlines the start page shows, as a calendar file */
static void
export_calendar_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  RedressWindow *self = user_data;

  redress_calendar_export_ask (GTK_WIDGET (self->deadlines_group), self->store, 0,
                               DEADLINES_WITHIN_DAYS);
}

static void
show_deadlines_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  RedressWindow *self = user_data;

  show_welcome (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RedressWindow *self = user_data;

  /* In the reader, Ctrl+F finds in the document (the reader stays) */
  if (current_case (self) != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self->case_view)) &&
      redress_case_view_start_search (self->case_view))
    return;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* What is typed replaces the last search */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Ctrl+O from any page of a case: its Documents page, then the chooser */
static void
attach_documents_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  RedressWindow *self = user_data;

  if (current_case (self) == NULL)
    return;
  redress_case_view_show_page (self->case_view, "documents");
  gtk_widget_activate_action (GTK_WIDGET (redress_case_view_get_documents (self->case_view)),
                              "documents.attach", NULL);
}

static void
set_archived (RedressWindow *self,
              RedressRecord *record,
              gboolean       archived)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(RedressRecord) keep = g_object_ref (record);

  if (!redress_store_set_archived (self->store, keep, archived, &error))
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }

  if (REDRESS_IS_CLIENT (keep))
    {
      g_autofree char *name = redress_client_dup_display_name (REDRESS_CLIENT (keep));
      message = archived ? g_strdup_printf (_("“%s” archived"), name)
                         : g_strdup_printf (_("“%s” taken out of the archive"), name);
    }
  else
    message = g_strdup (archived ? _("Case archived") : _("Case taken out of the archive"));
  show_undo_toast (self, message, keep, UNDO_ARCHIVE, !archived);
}

static void
archive_client_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  RedressWindow *self = user_data;
  RedressClient *client = current_client (self);

  if (client != NULL)
    set_archived (self, REDRESS_RECORD (client), g_str_equal (g_action_get_name (G_ACTION (action)),
                                                              "archive-client"));
}

static void
archive_case_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  RedressWindow *self = user_data;
  RedressCase *kase = current_case (self);

  if (kase != NULL)
    set_archived (self, REDRESS_RECORD (kase), g_str_equal (g_action_get_name (G_ACTION (action)),
                                                            "archive-case"));
}

static void
delete_client_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  RedressWindow *self = user_data;
  RedressClient *shown = current_client (self);
  g_autoptr(RedressClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (shown == NULL)
    return;
  client = g_object_ref (shown);
  if (!redress_store_trash (self->store, REDRESS_RECORD (client), &error))
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }
  name = redress_client_dup_display_name (client);
  message = g_strdup_printf (_("Client file “%s” deleted"), name);
  show_undo_toast (self, message, REDRESS_RECORD (client), UNDO_TRASH, FALSE);
  show_welcome (self);
}

static void
delete_case_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RedressWindow *self = user_data;
  RedressCase *shown = current_case (self);
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL)
    return;
  kase = g_object_ref (shown);
  if (!redress_store_trash (self->store, REDRESS_RECORD (kase), &error))
    {
      redress_window_add_toast (self, redress_toast_new_text (error->message));
      return;
    }
  show_undo_toast (self, _("Case deleted"), REDRESS_RECORD (kase), UNDO_TRASH, FALSE);
  redress_window_show_client (self, redress_case_get_client_id (kase));
}

static const GActionEntry win_entries[] = {
  { "new-client", new_client_action },
  { "new-case", new_case_action },
  { "show-client", show_client_action, "x" },
  { "show-case", show_case_action, "x" },
  { "back", back_action },
  { "back-to-client", back_to_client_action },
  { "search", search_action },
  { "attach-documents", attach_documents_action },
  { "show-deadlines", show_deadlines_action },
  { "export-calendar", export_calendar_action },
  { "archive-client", archive_client_action },
  { "unarchive-client", archive_client_action },
  { "delete-client", delete_client_action },
  { "archive-case", archive_case_action },
  { "unarchive-case", archive_case_action },
  { "delete-case", delete_case_action },
};

/* GObject ---------------------------------------------------------------- */

static void
on_show_archived_changed (GSettings     *settings,
                          const char    *key,
                          RedressWindow *self)
{
  redress_client_list_set_include_archived (self->clients,
                                            g_settings_get_boolean (settings, key));
  update_sidebar (self);
}

static gboolean
redress_window_close_request (GtkWindow *window)
{
  RedressWindow *self = REDRESS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (redress_window_parent_class)->close_request (window);
}

static void
redress_window_constructed (GObject *object)
{
  RedressWindow *self = (RedressWindow *) object;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GAction) show_archived = NULL;

  G_OBJECT_CLASS (redress_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries),
                                   self);
  show_archived = g_settings_create_action (self->settings, "show-archived");
  g_action_map_add_action (G_ACTION_MAP (self), show_archived);

  self->clients = redress_client_list_new (self->store,
                                           g_settings_get_boolean (self->settings, "show-archived"),
                                           &error);
  if (self->clients == NULL)
    {
      g_critical ("Cannot read the client files: %s", error->message);
      return;
    }
  g_signal_connect_object (self->settings, "changed::show-archived",
                           G_CALLBACK (on_show_archived_changed), self, 0);

  self->selection = redress_open_selection_new (G_LIST_MODEL (self->clients));
  g_signal_connect_object (self->clients, "items-changed", G_CALLBACK (on_clients_changed), self,
                           G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->client_list_view, factory);
  gtk_list_view_set_model (self->client_list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_AFTER);

  update_sidebar (self);
  show_welcome (self);
}

static void
redress_window_dispose (GObject *object)
{
  RedressWindow *self = (RedressWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->deadlines_idle, g_source_remove);
  if (self->client_list_view != NULL)
    gtk_list_view_set_model (self->client_list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (redress_window_parent_class)->dispose (object);
}

static void
redress_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RedressWindow *self = REDRESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RedressWindow *self = REDRESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_window_class_init (RedressWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = redress_window_constructed;
  object_class->dispose = redress_window_dispose;
  object_class->get_property = redress_window_get_property;
  object_class->set_property = redress_window_set_property;
  window_class->close_request = redress_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, REDRESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REDRESS_TYPE_PANE_BIN);
  g_type_ensure (REDRESS_TYPE_CLIENT_VIEW);
  g_type_ensure (REDRESS_TYPE_CASE_VIEW);

  /* Enter in a message dialog does what the dialog is for */
  redress_message_dialogs_focus_first_field ();

  gtk_widget_class_set_template_from_resource (widget_class, "/ca/redress/Redress/redress-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, client_list_view);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, search_documents_button);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, document_hits);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, client_view);
  gtk_widget_class_bind_template_child (widget_class, RedressWindow, case_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_client_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_document_hit_activated);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
redress_window_init (RedressWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->sidebar));
}

RedressWindow *
redress_window_new (AdwApplication *application,
                    RedressStore   *store)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  return g_object_new (REDRESS_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

RedressStore *
redress_window_get_store (RedressWindow *self)
{
  g_return_val_if_fail (REDRESS_IS_WINDOW (self), NULL);

  return self->store;
}

RedressClientList *
redress_window_get_clients (RedressWindow *self)
{
  g_return_val_if_fail (REDRESS_IS_WINDOW (self), NULL);

  return self->clients;
}

void
redress_window_add_toast (RedressWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (REDRESS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

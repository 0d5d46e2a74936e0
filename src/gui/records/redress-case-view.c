/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-case-view"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-case-view.h"
#include "redress-checklist-view.h"
#include "redress-documents-view.h"
#include "redress-grounds-view.h"
#include "redress-pdf-view.h"
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
  AdwViewSwitcherTitle *title_widget;
  AdwViewStack *view_stack;
  RedressDocumentsView *documents_view;
  RedressGroundsView *grounds_view;
  RedressChecklistView *checklist_view;
  GtkBox *content_box;
  GtkWidget *archived_label;
  GtkLabel *heading_label;
  GtkLabel *client_label;
  GtkListBox *timeline_list;
  GtkListBox *remedies_list;
  GtkWidget *remedies_group;
  GtkWidget *form;

  RedressStore *store;
  gulong checklist_handler;
  gulong document_handler;
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

static const guint notes_request_fields[] = {
  REDRESS_CASE_NOTES_REQUESTED,
  REDRESS_CASE_NOTES_RECEIVED,
};

static const guint file_fields[] = {
  REDRESS_CASE_PATH,
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

  adw_view_switcher_title_set_title (self->title_widget, title);
  adw_view_switcher_title_set_subtitle (self->title_widget, name);
  /* The header shows the tabs when there is room: the page says whose case */
  gtk_label_set_text (self->heading_label, title);
  gtk_label_set_text (self->client_label, name ? name : "");
  gtk_widget_set_visible (self->archived_label,
                          redress_record_get_archived (REDRESS_RECORD (self->kase)));
}

/* Does the chosen path take this remedy? */
static gboolean
is_chosen (const char *path,
           const char *remedy)
{
  if (g_strcmp0 (path, "appeal") == 0)
    return g_str_has_prefix (remedy, "iad-");
  return g_strcmp0 (path, remedy) == 0;
}

static GtkWidget *
remedy_row_new (RedressRemedy *remedy,
                gboolean       chosen)
{
  GtkWidget *row = adw_action_row_new ();
  const char *label = redress_remedy_label (remedy->code);
  g_autofree char *title = NULL;

  if (remedy->file_by != NULL && remedy->available)
    {
      g_autofree char *by = redress_date_format_long (remedy->file_by);
      /* Translators: a remedy and the day to file it by */
      title = g_strdup_printf (_("%s — file by %s"), label, by);
    }
  else if (remedy->file_by != NULL)
    {
      g_autofree char *by = redress_date_format_long (remedy->file_by);
      /* Translators: a remedy whose period has ended, and its last day */
      title = g_strdup_printf (_("%s — period ended %s"), label, by);
    }
  else if (remedy->not_before != NULL && !remedy->available)
    {
      g_autofree char *from = redress_date_format_long (remedy->not_before);
      /* Translators: a remedy barred until a day */
      title = g_strdup_printf (_("%s — not before %s"), label, from);
    }
  else
    title = g_strdup (label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), remedy->basis);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (chosen)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_set_tooltip_text (icon, _("The path chosen for this case"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The path chosen for this case"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  if (remedy->file_by != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               redress_days_left_label_new (remedy->days_left, FALSE));
  return row;
}

/* The day the officer's notes most recently attached to the case came
 * (the day they were attached, here), or %NULL when none is attached */
static char *
dup_notes_attached_date (RedressCaseView *self,
                         char           **file_name)
{
  g_autoptr(GPtrArray) documents = NULL;
  RedressDocument *latest = NULL;
  g_autoptr(GDateTime) created = NULL;

  documents = redress_store_list_documents (self->store,
                                            redress_record_get_id (REDRESS_RECORD (self->kase)),
                                            NULL);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      RedressDocument *document = g_ptr_array_index (documents, i);

      if (redress_document_get_kind (document) == REDRESS_DOCUMENT_OFFICER_NOTES &&
          !redress_document_get_deleted (document) &&
          (latest == NULL || g_strcmp0 (redress_document_get_created_at (document),
                                        redress_document_get_created_at (latest)) >= 0))
        latest = document;
    }
  if (latest == NULL)
    return NULL;

  if (file_name != NULL)
    *file_name = g_strdup (redress_document_get_file_name (latest));
  if (redress_document_get_created_at (latest) != NULL)
    created = g_date_time_new_from_iso8601 (redress_document_get_created_at (latest), NULL);
  if (created != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (created);

      return g_date_time_format (local, "%Y-%m-%d");
    }
  else
    {
      GDate today;

      redress_date_today (&today);
      return redress_date_format_iso (&today);
    }
}

typedef struct
{
  RedressStore *store;
  GtkWidget *view;    /* weak */
  gint64 case_id;
  char *requested;
  char *received;
} NotesUndo;

static void
notes_undo_free (NotesUndo *undo)
{
  g_clear_weak_pointer (&undo->view);
  g_clear_object (&undo->store);
  g_free (undo->requested);
  g_free (undo->received);
  g_free (undo);
}

/* Writes the two dates of the notes request; says why when it cannot */
static gboolean
set_notes_dates (RedressStore *store,
                 gint64        case_id,
                 const char   *requested,
                 const char   *received,
                 GtkWidget    *view)
{
  g_autoptr(RedressCase) kase = redress_store_get_case (store, case_id, NULL);
  g_autoptr(GError) error = NULL;

  if (kase == NULL)
    return FALSE;
  /* The request first: the notes cannot come before it */
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED, NULL);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_REQUESTED, requested);
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_NOTES_RECEIVED, received);
  if (!redress_store_update_case (store, kase, &error))
    {
      if (view != NULL)
        redress_widget_show_failure (view, _("The Officer’s Notes Could Not Be Recorded"), error);
      return FALSE;
    }
  if (view != NULL && REDRESS_IS_CASE_VIEW (view))
    redress_case_view_reload (REDRESS_CASE_VIEW (view));
  return TRUE;
}

static void
on_notes_undo_clicked (AdwToast  *toast,
                       NotesUndo *undo)
{
  set_notes_dates (undo->store, undo->case_id, undo->requested, undo->received, undo->view);
}

static void
on_record_notes_received (GtkButton       *button,
                          RedressCaseView *self)
{
  RedressRecord *record = REDRESS_RECORD (self->kase);
  const char *requested = redress_record_get_value (record, REDRESS_CASE_NOTES_REQUESTED);
  g_autofree char *day = dup_notes_attached_date (self, NULL);
  g_autofree char *day_text = NULL;
  g_autofree char *title = NULL;
  NotesUndo *undo;
  AdwToast *toast;

  if (day == NULL)
    return;
  /* The request cannot be later than the notes it brought */
  if (requested != NULL && g_strcmp0 (requested, day) > 0)
    {
      g_free (day);
      day = g_strdup (requested);
    }

  undo = g_new0 (NotesUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->case_id = redress_record_get_id (record);
  undo->requested = g_strdup (requested);
  undo->received = g_strdup (redress_record_get_value (record, REDRESS_CASE_NOTES_RECEIVED));
  g_set_weak_pointer (&undo->view, GTK_WIDGET (self));

  if (!set_notes_dates (self->store, undo->case_id, requested ? requested : day, day,
                        GTK_WIDGET (self)))
    {
      notes_undo_free (undo);
      return;
    }

  day_text = redress_date_format_long (day);
  /* Translators: a date */
  title = g_strdup_printf (_("Officer’s notes recorded as received on %s"), day_text);
  toast = redress_toast_new_text (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_notes_undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) notes_undo_free, 0);
  redress_widget_add_toast (GTK_WIDGET (self), toast);
}

/* The request for the officer's notes, and once they are attached but not
 * recorded as received, the offer to record them */
static GtkWidget *
notes_request_row_new (RedressCaseView     *self,
                       RedressNotesRequest *request)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *file_name = NULL;
  g_autofree char *attached = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), redress_remedy_label ("notes-request"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (request->received == NULL)
    attached = dup_notes_attached_date (self, &file_name);

  if (attached != NULL)
    {
      g_autofree char *subtitle = NULL;
      GtkWidget *button;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (request->requested != NULL)
        /* Translators: a file name */
        subtitle = g_strdup_printf (_("The officer’s notes are attached (%s) but not recorded as "
                                      "received."), file_name);
      else
        /* Translators: a file name */
        subtitle = g_strdup_printf (_("The officer’s notes are attached (%s) but not recorded as "
                                      "received. Recording them also records the request on the "
                                      "same day: correct its date below if you know it."),
                                    file_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* Its label wraps: the row must fit a narrow window in French too */
      button = gtk_button_new_with_label (_("Record the Notes as Received"));
      {
        GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
        gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_record_notes_received), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_widget_add_css_class (row, "redress-notes-offer");
      return row;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), request->basis);
  if (request->due != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               redress_days_left_label_new (request->days_left,
                                                            request->received != NULL));
  return row;
}

static void
fill_remedies (RedressCaseView *self)
{
  g_autoptr(GPtrArray) remedies = NULL;
  g_autoptr(RedressNotesRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = redress_record_get_value (REDRESS_RECORD (self->kase), REDRESS_CASE_PATH);
  GtkWidget *closed;
  guint n_closed = 0;

  redress_list_box_clear (self->remedies_list);

  remedies = redress_remedies_compute (self->kase,
                                       redress_store_case_has_confirmed (self->store,
                                                                         redress_record_get_id (REDRESS_RECORD (self->kase)),
                                                                         "misrepresentation"),
                                       NULL, &error);
  if (remedies == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No deadline can be computed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->remedies_list, row);
      return;
    }

  closed = adw_expander_row_new ();
  for (guint i = 0; i < remedies->len; i++)
    {
      RedressRemedy *remedy = g_ptr_array_index (remedies, i);
      GtkWidget *row = remedy_row_new (remedy, is_chosen (path, remedy->code));

      /* A period that ended stays in view: it was missed */
      if (remedy->available || remedy->file_by != NULL)
        gtk_list_box_append (self->remedies_list, row);
      else
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (closed), row);
          n_closed++;
        }
    }

  request = redress_notes_request_compute (self->kase, NULL, NULL);
  if (request != NULL)
    gtk_list_box_append (self->remedies_list, notes_request_row_new (self, request));

  if (n_closed > 0)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u remedy does not apply",
                                                                "%u remedies do not apply",
                                                                n_closed), n_closed);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (closed), _("Not Available"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (closed), subtitle);
      gtk_list_box_append (self->remedies_list, closed);
    }
  else
    {
      /* Never parented: drop the floating reference */
      g_object_ref_sink (closed);
      g_object_unref (closed);
    }
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
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("Officer’s Notes"),
                                 notes_request_fields, G_N_ELEMENTS (notes_request_fields));
  redress_record_form_add_group (REDRESS_RECORD_FORM (self->form), _("File"),
                                 file_fields, G_N_ELEMENTS (file_fields));
  redress_record_form_add_notes (REDRESS_RECORD_FORM (self->form), REDRESS_CASE_NOTES);
  g_signal_connect_object (self->form, "field-committed", G_CALLBACK (on_field_committed), self, 0);
  gtk_box_insert_child_after (self->content_box, self->form, self->remedies_group);
}

/* The checklist writes on the case's timeline */
static void
on_checklist_changed (RedressStore    *store,
                      const char      *entity,
                      gint64           id,
                      RedressCaseView *self)
{
  if (self->kase != NULL && redress_record_get_id (REDRESS_RECORD (self->kase)) == id)
    redress_timeline_fill (self->timeline_list, self->store, 0, id);
}

/* The officer's notes attached (or put in the trash) change what the
 * Overview says about them */
static void
on_document_changed (RedressStore    *store,
                     const char      *entity,
                     gint64           id,
                     RedressCaseView *self)
{
  g_autoptr(RedressDocument) document = NULL;

  if (self->kase == NULL)
    return;
  document = redress_store_get_document (store, id, NULL);
  /* (a document put in the trash is no longer found: refill anyway) */
  if (document == NULL ||
      redress_document_get_case_id (document) == redress_record_get_id (REDRESS_RECORD (self->kase)))
    fill_remedies (self);
}

/* case.show-passage (document id, page from 1, start, end page, end,
 * quote): a passage the grounds quote, opened in the reader */
static void
show_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RedressCaseView *self = REDRESS_CASE_VIEW (widget);
  g_autofree char *quote = NULL;
  gint64 document_id, start, end;
  guint32 page, end_page;

  g_variant_get (param, "(xuxuxms)", &document_id, &page, &start, &end_page, &end, &quote);
  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
  redress_documents_view_show_passage (self->documents_view, document_id, page, start, end_page,
                                       end, quote);
}

static void
redress_case_view_dispose (GObject *object)
{
  RedressCaseView *self = (RedressCaseView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_CASE_VIEW);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->checklist_handler, self->store);
      g_clear_signal_handler (&self->document_handler, self->store);
    }
  g_clear_object (&self->kase);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_case_view_parent_class)->dispose (object);
}

/* The tabs, in the order of the switcher: Alt+1 to Alt+4 */
static const char * const tab_names[] = { "overview", "grounds", "documents", "checklist" };

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  redress_case_view_show_page (REDRESS_CASE_VIEW (widget), g_variant_get_string (param, NULL));
}

/* Alt+1…Alt+4 show the tabs from anywhere in the window while the case
 * is shown (the window handles them) */
static void
add_tab_shortcuts (RedressCaseView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    {
      GtkShortcut *shortcut;

      shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (
                                     gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                     gtk_keyval_trigger_new (GDK_KEY_KP_1 + i, GDK_ALT_MASK)),
                                   gtk_named_action_new ("case.show-page"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (tab_names[i]));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
redress_case_view_class_init (RedressCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_case_view_dispose;

  g_type_ensure (REDRESS_TYPE_DOCUMENTS_VIEW);
  g_type_ensure (REDRESS_TYPE_GROUNDS_VIEW);
  g_type_ensure (REDRESS_TYPE_CHECKLIST_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, title_widget);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, content_box);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, archived_label);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, client_label);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, documents_view);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, grounds_view);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, checklist_view);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, remedies_list);
  gtk_widget_class_bind_template_child (widget_class, RedressCaseView, remedies_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "case.show-passage", "(xuxuxms)",
                                   show_passage_action);
  gtk_widget_class_install_action (widget_class, "case.show-page", "s", show_page_action);
}

static void
on_show_quote (RedressGroundsView *grounds,
               gint64              document_id,
               guint               page,
               const char         *quote,
               RedressCaseView    *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
  redress_documents_view_show_document (self->documents_view, document_id, page > 0 ? page - 1 : 0,
                                        quote);
}

static void
on_link_selection (RedressGroundsView *grounds,
                   const char         *code,
                   RedressCaseView    *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  guint page = 0;
  const char *message;

  if (!redress_documents_view_get_selection (self->documents_view, &document_id, &page, &text))
    message = _("Select a passage in a document first (Documents), then link it here.");
  else if (!redress_store_link_evidence (self->store,
                                         redress_record_get_id (REDRESS_RECORD (self->kase)),
                                         code, document_id, page, text, -1, -1, NULL, &error))
    message = error->message;
  else
    message = _("Passage linked as evidence");
  redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (message));
  redress_grounds_view_reload (grounds);
}

static void
on_show_overview (RedressChecklistView *checklist,
                  RedressCaseView      *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  /* The path is chosen there */
  if (self->form != NULL)
    {
      GtkWidget *row = redress_record_form_get_row (REDRESS_RECORD_FORM (self->form),
                                                    REDRESS_CASE_PATH);

      if (row != NULL)
        gtk_widget_grab_focus (row);
    }
}

static void
redress_case_view_init (RedressCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_tab_shortcuts (self);
  g_signal_connect_object (self->grounds_view, "show-quote", G_CALLBACK (on_show_quote), self, 0);
  g_signal_connect_object (self->grounds_view, "link-selection", G_CALLBACK (on_link_selection),
                           self, 0);
  g_signal_connect_object (self->checklist_view, "show-overview", G_CALLBACK (on_show_overview),
                           self, 0);
}

void
redress_case_view_show (RedressCaseView *self,
                        RedressStore    *store,
                        RedressCase     *kase)
{
  g_return_if_fail (REDRESS_IS_CASE_VIEW (self));
  g_return_if_fail (REDRESS_IS_STORE (store));
  g_return_if_fail (REDRESS_IS_CASE (kase));

  if (self->store != store)
    {
      if (self->store != NULL)
        {
          g_clear_signal_handler (&self->checklist_handler, self->store);
          g_clear_signal_handler (&self->document_handler, self->store);
        }
      g_set_object (&self->store, store);
      self->checklist_handler = g_signal_connect_object (store, "changed::checklist",
                                                         G_CALLBACK (on_checklist_changed), self,
                                                         0);
      self->document_handler = g_signal_connect_object (store, "changed::document",
                                                        G_CALLBACK (on_document_changed), self,
                                                        0);
    }
  g_set_object (&self->kase, kase);
  ensure_form (self);
  update_header (self);
  fill_remedies (self);
  redress_documents_view_set_case (self->documents_view, store,
                                   redress_record_get_id (REDRESS_RECORD (kase)));
  redress_grounds_view_set_case (self->grounds_view, store,
                                 redress_record_get_id (REDRESS_RECORD (kase)));
  redress_checklist_view_set_case (self->checklist_view, store,
                                   redress_record_get_id (REDRESS_RECORD (kase)));
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

/**
 * redress_case_view_show_page:
 * @name: "overview", "grounds", "documents" or "checklist"
 */
void
redress_case_view_show_page (RedressCaseView *self,
                             const char      *name)
{
  g_return_if_fail (REDRESS_IS_CASE_VIEW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * redress_case_view_start_search:
 *
 * Ctrl+F while the reader is shown searches the document.
 *
 * Returns: %TRUE if the page shown has a search of its own (the reader)
 */
gboolean
redress_case_view_start_search (RedressCaseView *self)
{
  GtkWidget *reader;

  g_return_val_if_fail (REDRESS_IS_CASE_VIEW (self), FALSE);

  reader = redress_documents_view_get_pdf_view (self->documents_view);
  /* (narrow, the list may be shown instead of the reader) */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") == 0)
    redress_documents_view_show_reader (self->documents_view);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") != 0 ||
      reader == NULL || !gtk_widget_get_mapped (reader))
    return FALSE;
  /* Even when Find cannot take the keyboard, the reader stays */
  redress_pdf_view_start_search (REDRESS_PDF_VIEW (reader));
  return TRUE;
}

RedressDocumentsView *
redress_case_view_get_documents (RedressCaseView *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_VIEW (self), NULL);

  return self->documents_view;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-documents-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "redress-attach-dialog.h"
#include "redress-document-row.h"
#include "redress-documents-view.h"
#include "redress-pane-bin.h"
#include "redress-pdf-view.h"
#include "redress-ui-util.h"

/*
 * RedressDocumentsView: the PDFs of a case — the refusal letter, the
 * officer's notes, evidence — listed beside a reader.
 *
 * Files come in through the file chooser (the portal, in the Flatpak) or
 * by drag and drop; each is read by the import worker process, with its
 * progress shown and a Cancel button, while the window stays responsive.
 * A refused file says why, in the consultant's words; nothing of it is
 * stored.  Removing a document can be undone from the toast.
 */
struct _RedressDocumentsView
{
  GtkWidget parent_instance;

  AdwLeaflet *leaflet;        /* the list, then the reader */
  GtkWidget *reader_pane;
  GtkWidget *list_stack;
  GtkListBox *list;
  GtkWidget *progress_box;
  GtkWidget *progress_label;
  GtkWidget *progress_bar;
  GtkWidget *pdf_view;
  GtkWidget *remove_button;
  GtkWidget *export_button;
  GtkWidget *read_again_button;

  RedressStore *store;
  gint64 case_id;
  RedressDocumentList *documents;  /* bound to the list */
  gint64 shown_document;
  GHashTable *passwords;      /* document id -> password, for this session */

  int password_wanted;        /* -1: no; else whether the last one was wrong */
  GQueue *queue;              /* Pending imports */
  gboolean importing;
  gint64 read_again_document;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (RedressDocumentsView, redress_documents_view, GTK_TYPE_WIDGET)

typedef struct
{
  GFile *file;
  RedressDocumentKind kind;
  char *password;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->file);
  g_free (pending->password);
  g_free (pending);
}

static void start_next_import (RedressDocumentsView *self);


/* The dialog's label that shows @text: a file's name in it breaks
 * without a hyphen of Pango's, which the name does not have */
static void
keep_names_unhyphenated (GtkWidget  *root,
                         const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        {
          g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
          gtk_label_set_attributes (GTK_LABEL (child), attrs);
          return;
        }
      keep_names_unhyphenated (child, text);
    }
}

static void
show_error (RedressDocumentsView *self,
            const char           *heading,
            const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  keep_names_unhyphenated (dialog, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list ----------------------------------------------------------------- */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return redress_document_row_new (item);
}

static gint64
row_document (GtkListBoxRow *row)
{
  if (row == NULL || !REDRESS_IS_DOCUMENT_ROW (row))
    return 0;
  return redress_document_get_id (redress_document_row_get_document (REDRESS_DOCUMENT_ROW (row)));
}

/* The document of the selected row, or NULL */
static RedressDocument *
selected_document (RedressDocumentsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL || self->documents == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->documents),
                                (guint) gtk_list_box_row_get_index (row));
}

static void
update_buttons (RedressDocumentsView *self)
{
  g_autoptr(RedressDocument) document = selected_document (self);
  gboolean selected = document != NULL;

  gtk_widget_set_sensitive (self->remove_button, selected);
  gtk_widget_set_sensitive (self->export_button, selected);
  /* Scanned pages to read again: those OCR read, or could not */
  gtk_widget_set_sensitive (self->read_again_button,
                            selected && !self->importing &&
                            (redress_document_get_ocr_pages (document) > 0 ||
                             redress_document_get_pages_without_text (document) > 0));
}

static void
show_document (RedressDocumentsView *self,
               gint64                document_id)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (document_id == self->shown_document)
    return;
  self->shown_document = document_id;
  self->password_wanted = -1;
  if (document_id == 0)
    {
      redress_pdf_view_clear (REDRESS_PDF_VIEW (self->pdf_view));
      return;
    }
  bytes = redress_store_dup_document_bytes (self->store, document_id, &error);
  if (bytes == NULL)
    {
      show_error (self, _("The Document Cannot Be Shown"), error->message);
      return;
    }
  redress_pdf_view_load (REDRESS_PDF_VIEW (self->pdf_view), bytes,
                         g_hash_table_lookup (self->passwords, &document_id));
}

/* Folded (a narrow window), the reader takes the whole width */
static void
show_reader (RedressDocumentsView *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
on_row_activated (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  RedressDocumentsView *self)
{
  show_reader (self);
}

static void
on_back_to_list (GtkButton            *button,
                 RedressDocumentsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_row_selected (GtkListBox           *list,
                 GtkListBoxRow        *row,
                 RedressDocumentsView *self)
{
  update_buttons (self);
  if (row != NULL)
    show_document (self, row_document (row));
}

static void
select_document (RedressDocumentsView *self,
                 gint64                document_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_document (GTK_LIST_BOX_ROW (child)) == document_id)
      {
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

/* The list follows the store: the selection stays on the document shown
 * while it is there (its row may be new), else goes to the first */
static void
update_list (RedressDocumentsView *self)
{
  guint n = self->documents ? g_list_model_get_n_items (G_LIST_MODEL (self->documents)) : 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), n ? "list" : "empty");
  if (gtk_list_box_get_selected_row (self->list) == NULL && n > 0)
    {
      if (self->shown_document != 0)
        select_document (self, self->shown_document);
      if (gtk_list_box_get_selected_row (self->list) == NULL)
        gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
    }
  if (n == 0)
    show_document (self, 0);
  update_buttons (self);
}

static void
on_documents_changed (GListModel           *model,
                      guint                 position,
                      guint                 removed,
                      guint                 added,
                      RedressDocumentsView *self)
{
  update_list (self);
}

/**
 * redress_documents_view_reload:
 *
 * Reads the case's documents again (the list follows the store by
 * itself: this is for a database restored, for example).
 */
void
redress_documents_view_reload (RedressDocumentsView *self)
{
  g_autoptr(RedressDocumentList) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));

  if (self->documents != NULL)
    g_signal_handlers_disconnect_by_data (self->documents, self);
  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->documents);

  if (self->store != NULL)
    {
      documents = redress_document_list_new (self->store, self->case_id, &error);
      if (documents == NULL)
        g_warning ("Cannot list the documents: %s", error->message);
    }
  if (documents != NULL)
    {
      self->documents = g_steal_pointer (&documents);
      gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->documents), create_row, NULL, NULL);
      g_signal_connect_object (self->documents, "items-changed",
                               G_CALLBACK (on_documents_changed), self, 0);
    }
  update_list (self);
}

/* Import ------------------------------------------------------------------- */

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  RedressDocumentsView *self = data;
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), (double) done / total);
  /* Translators: import progress: pages read so far, of how many */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u page read",
                                       "%u of %u pages read", total), done, total);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
}

/* A page without text is being read by OCR: it can take seconds */
static void
on_ocr_progress (guint    page_no,
                 guint    n_pages,
                 gpointer data)
{
  RedressDocumentsView *self = data;
  g_autofree char *text = NULL;

  if (n_pages == 0 || page_no == 0)
    return;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                 (double) (page_no - 1) / n_pages);
  /* "Reading scanned page 12 of 40" */
  text = redress_pdf_describe_ocr_progress (page_no, n_pages);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
}

static void ask_password (RedressDocumentsView *self, Pending *pending, gboolean wrong);

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RedressDocumentsView) self = user_data;
  Pending *pending = g_queue_pop_head (self->queue);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 document_id = 0;

  self->importing = FALSE;
  gtk_widget_set_visible (self->progress_box, FALSE);
  name = g_file_get_basename (pending->file);

  if (!redress_store_import_document_finish (REDRESS_STORE (source), result, &document_id, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        redress_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Import cancelled: nothing was attached")));
      else if (g_error_matches (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NEEDS_PASSWORD) ||
               g_error_matches (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD))
        {
          /* Asked again: it goes back to the front of the queue */
          ask_password (self, pending,
                        g_error_matches (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD));
          return;
        }
      else
        {
          /* (the name on its own, where it can wrap: not in the heading) */
          g_autofree char *body = g_strdup_printf ("%s\n\n%s", name, error->message);

          show_error (self, _("The Document Was Not Attached"), body);
        }
      pending_free (pending);
      start_next_import (self);
      return;
    }

  if (pending->password != NULL)
    {
      gint64 *key = g_memdup2 (&document_id, sizeof document_id);
      g_hash_table_insert (self->passwords, key, g_strdup (pending->password));
    }
  {
    g_autofree char *message = g_strdup_printf (_("“%s” attached"), name);
    redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (message));
  }
  pending_free (pending);
  /* The list has it already (it follows the store): it is shown */
  select_document (self, document_id);
  start_next_import (self);
}

static void
start_next_import (RedressDocumentsView *self)
{
  Pending *pending;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (self->importing || g_queue_is_empty (self->queue) || self->store == NULL)
    return;

  pending = g_queue_peek_head (self->queue);
  path = g_file_get_path (pending->file);
  name = g_file_get_basename (pending->file);
  if (path == NULL)
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", name,
                                               _("The file is not on this computer: save it "
                                                 "locally first."));

      show_error (self, _("The Document Was Not Attached"), body);
      pending_free (g_queue_pop_head (self->queue));
      start_next_import (self);
      return;
    }

  self->importing = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Translators: the file being imported */
  label = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_text (GTK_LABEL (self->progress_label), label);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), NULL);
  gtk_widget_set_visible (self->progress_box, TRUE);

  redress_store_import_document_full_async (self->store, self->case_id, pending->kind, path,
                                            pending->password,
                                            redress_pdf_get_default_ocr_language (), on_progress,
                                            on_ocr_progress, g_object_ref (self), g_object_unref,
                                            self->cancellable, import_done_cb,
                                            g_object_ref (self));
}

static void
on_password_response (AdwMessageDialog     *dialog,
                      const char           *response,
                      RedressDocumentsView *self)
{
  Pending *pending = g_object_get_data (G_OBJECT (dialog), "pending");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "open") == 0)
    {
      g_free (pending->password);
      pending->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
      g_queue_push_head (self->queue, pending);
    }
  else
    pending_free (pending);
  start_next_import (self);
}

/* Asks for a password; the entry is the dialog's extra child */
static GtkWidget *
password_dialog_new (RedressDocumentsView *self,
                     const char           *body,
                     const char           *accept_label,
                     GCallback             on_response)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Password Required"), body);
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password"), -1);
  g_object_set (entry, "activates-default", TRUE, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  return dialog;
}

static void
ask_password (RedressDocumentsView *self,
              Pending              *pending,
              gboolean              wrong)
{
  g_autofree char *name = g_file_get_basename (pending->file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* The file's name on its own, where it can wrap */
  body = g_strdup_printf ("%s\n\n%s", name,
                          wrong ? _("The password is wrong. Try again.")
                                : _("This document is protected by a password. Enter it to "
                                    "attach the document; it is not stored."));
  dialog = password_dialog_new (self, body, _("_Attach"), G_CALLBACK (on_password_response));
  keep_names_unhyphenated (dialog, body);
  g_object_set_data (G_OBJECT (dialog), "pending", pending);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

/**
 * redress_documents_view_attach:
 *
 * Imports @file as a document of @kind (queued after any import under way).
 */
void
redress_documents_view_attach (RedressDocumentsView *self,
                               GFile                *file,
                               RedressDocumentKind   kind)
{
  Pending *pending;

  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  pending = g_new0 (Pending, 1);
  pending->file = g_object_ref (file);
  pending->kind = kind;
  g_queue_push_tail (self->queue, pending);
  start_next_import (self);
}

static void
on_attach_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    RedressDocumentsView *self)
{
  RedressAttachDialog *attach = REDRESS_ATTACH_DIALOG (dialog);

  if (g_strcmp0 (response, "attach") != 0)
    return;
  for (guint i = 0; i < redress_attach_dialog_get_n_files (attach); i++)
    redress_documents_view_attach (self, redress_attach_dialog_get_file (attach, i),
                                   redress_attach_dialog_get_kind (attach, i));
}

/**
 * redress_documents_view_attach_files:
 * @files: (element-type GFile): the files to attach
 *
 * Asks once what each file is (each kind suggested by its name), then
 * imports them.
 */
void
redress_documents_view_attach_files (RedressDocumentsView *self,
                                     GSList               *files)
{
  GtkWidget *dialog;

  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));

  if (files == NULL)
    return;

  dialog = redress_attach_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), files);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_attach_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (GtkNativeDialog      *chooser,
                     int                   response,
                     RedressDocumentsView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      redress_documents_view_attach_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
attach_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  RedressDocumentsView *self = REDRESS_DOCUMENTS_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach PDF Documents"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_import_cb (GtkButton            *button,
                  RedressDocumentsView *self)
{
  g_cancellable_cancel (self->cancellable);
}

static gboolean
on_drop (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         RedressDocumentsView *self)
{
  GSList *files = g_value_get_boxed (value);

  redress_documents_view_attach_files (self, files);
  return files != NULL;
}

/* Removal with undo ---------------------------------------------------------- */

typedef struct
{
  RedressStore *store;
  gint64 document_id;
  gboolean undone;
  RedressDocumentsView *view;   /* weak */
} RemoveUndo;

static void
remove_undo_free (gpointer data)
{
  RemoveUndo *undo = data;

  g_clear_object (&undo->store);
  g_clear_weak_pointer (&undo->view);
  g_free (undo);
}

static void
on_remove_undo (AdwToast   *toast,
                RemoveUndo *undo)
{
  g_autoptr(GError) error = NULL;

  undo->undone = TRUE;
  if (!redress_store_untrash_document (undo->store, undo->document_id, &error))
    g_warning ("Cannot restore the document: %s", error->message);
  else if (undo->view != NULL)
    select_document (undo->view, undo->document_id);
}

static void
on_remove_dismissed (AdwToast   *toast,
                     RemoveUndo *undo)
{
  g_autoptr(GError) error = NULL;

  if (!undo->undone && !redress_store_purge_document (undo->store, undo->document_id, &error))
    g_warning ("Cannot purge the document: %s", error->message);
}

static void
remove_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  RedressDocumentsView *self = REDRESS_DOCUMENTS_VIEW (widget);
  gint64 document_id = row_document (gtk_list_box_get_selected_row (self->list));
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RemoveUndo *undo;
  AdwToast *toast;

  if (document_id == 0)
    return;
  document = redress_store_get_document (self->store, document_id, NULL);
  if (!redress_store_trash_document (self->store, document_id, &error))
    {
      show_error (self, _("The Document Was Not Removed"), error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” removed"),
                             document ? redress_document_get_file_name (document) : "");
  toast = redress_toast_new_text (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (RemoveUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->document_id = document_id;
  g_set_weak_pointer (&undo->view, self);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_remove_undo), undo);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_remove_dismissed), undo,
                         (GClosureNotify) (void (*) (void)) remove_undo_free, 0);
  redress_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
on_export_response (GtkNativeDialog      *chooser,
                    int                   response,
                    RedressDocumentsView *self)
{
  gint64 document_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "document-id"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !redress_store_export_document (self->store, document_id, path, &error))
        show_error (self, _("The Copy Was Not Saved"),
                    error ? error->message : _("Choose a folder on this computer."));
      else
        redress_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Copy saved")));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  RedressDocumentsView *self = REDRESS_DOCUMENTS_VIEW (widget);
  gint64 document_id = row_document (gtk_list_box_get_selected_row (self->list));
  g_autoptr(RedressDocument) document = NULL;
  GtkFileChooserNative *chooser;

  if (document_id == 0)
    return;
  document = redress_store_get_document (self->store, document_id, NULL);
  chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  if (document != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                       redress_document_get_file_name (document));
  g_object_set_data (G_OBJECT (chooser), "document-id", GSIZE_TO_POINTER ((gsize) document_id));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject -------------------------------------------------------------------- */

static void
on_view_password_response (AdwMessageDialog     *dialog,
                           const char           *response,
                           RedressDocumentsView *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  gint64 document_id = self->shown_document;
  g_autoptr(GBytes) bytes = NULL;
  gint64 *key;

  if (g_strcmp0 (response, "open") != 0 || document_id == 0)
    return;
  key = g_memdup2 (&document_id, sizeof document_id);
  g_hash_table_insert (self->passwords, key,
                       g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  bytes = redress_store_dup_document_bytes (self->store, document_id, NULL);
  if (bytes != NULL)
    redress_pdf_view_load (REDRESS_PDF_VIEW (self->pdf_view), bytes,
                           g_hash_table_lookup (self->passwords, &document_id));
}

/* Passwords are kept for the session only: reopening a protected document
 * later asks again */
static void
ask_view_password (RedressDocumentsView *self,
                   gboolean              wrong)
{
  GtkWidget *dialog;

  self->password_wanted = -1;
  dialog = password_dialog_new (self,
                                wrong ? _("The password is wrong. Try again.")
                                      : _("This document is protected by a password. Redress "
                                          "does not keep passwords: enter it to read the "
                                          "document."),
                                _("_Open"), G_CALLBACK (on_view_password_response));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asked when the page is in view: opening a case must not pop up a
 * dialog about a document the consultant has not looked for */
static void
on_password_needed (RedressPdfView       *view,
                    gboolean              wrong,
                    RedressDocumentsView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ask_view_password (self, wrong);
  else
    self->password_wanted = wrong;
}

static void
on_map (GtkWidget            *widget,
        RedressDocumentsView *self)
{
  if (self->password_wanted >= 0)
    ask_view_password (self, self->password_wanted);
}

static void
redress_documents_view_dispose (GObject *object)
{
  RedressDocumentsView *self = (RedressDocumentsView *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  self->list = NULL;
  if (self->leaflet != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->leaflet));
  self->leaflet = NULL;
  g_clear_object (&self->documents);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (redress_documents_view_parent_class)->dispose (object);
}

static void
redress_documents_view_finalize (GObject *object)
{
  RedressDocumentsView *self = (RedressDocumentsView *) object;

  g_queue_free_full (self->queue, (GDestroyNotify) pending_free);
  g_hash_table_unref (self->passwords);

  G_OBJECT_CLASS (redress_documents_view_parent_class)->finalize (object);
}

/* Reading a document's scanned pages again ---------------------------------- */

static void
read_again_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RedressDocumentsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 document_id = self->read_again_document;
  guint n_read = 0;

  self->importing = FALSE;
  gtk_widget_set_visible (self->progress_box, FALSE);
  if (!redress_store_read_document_again_finish (REDRESS_STORE (source), result, &n_read,
                                                 &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Scanned Pages Were Not Read Again"), error->message);
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: after a document's scanned pages were read again */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scanned page read again",
                                           "%u scanned pages read again", n_read), n_read);
      redress_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
      /* The reader shows the new words (Find, selection) */
      if (self->shown_document != 0 && self->shown_document == document_id)
        {
          self->shown_document = 0;
          show_document (self, document_id);
        }
    }
  update_buttons (self);
  start_next_import (self);
}

static void
read_again_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RedressDocumentsView *self = REDRESS_DOCUMENTS_VIEW (widget);
  g_autoptr(RedressDocument) document = selected_document (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  gint64 document_id;

  if (document == NULL || self->importing || self->store == NULL)
    return;
  document_id = redress_document_get_id (document);
  self->importing = TRUE;
  update_buttons (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  name = redress_text_sanitize_for_display (redress_document_get_file_name (document), FALSE);
  /* Translators: the document whose scanned pages are read again */
  label = g_strdup_printf (_("Reading the scanned pages of “%s” again…"), name);
  gtk_label_set_text (GTK_LABEL (self->progress_label), label);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), NULL);
  gtk_widget_set_visible (self->progress_box, TRUE);

  self->read_again_document = document_id;
  redress_store_read_document_again_async (self->store, document_id,
                                           g_hash_table_lookup (self->passwords, &document_id),
                                           g_variant_get_string (param, NULL), on_ocr_progress,
                                           g_object_ref (self), g_object_unref,
                                           self->cancellable, read_again_done_cb,
                                           g_object_ref (self));
}

static void
redress_documents_view_class_init (RedressDocumentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_documents_view_dispose;
  object_class->finalize = redress_documents_view_finalize;

  gtk_widget_class_install_action (widget_class, "documents.attach", NULL, attach_cb);
  gtk_widget_class_install_action (widget_class, "documents.remove", NULL, remove_cb);
  gtk_widget_class_install_action (widget_class, "documents.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "documents.read-again", "s", read_again_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "documents.attach", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
labelled_button (const char *icon,
                 const char *label,
                 const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
redress_documents_view_init (RedressDocumentsView *self)
{
  GtkWidget *side, *toolbar, *scroller, *empty, *cancel, *attach_button;
  GtkWidget *back_bar, *back, *content, *reader_box;
  AdwLeafletPage *page;
  GtkDropTarget *drop;

  self->queue = g_queue_new ();
  self->password_wanted = -1;
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
  self->passwords = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* The list beside the reader; below 701 px one at a time (each pane's
   * natural width is fixed, so what is shown never moves the fold) */
  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_fold_threshold_policy (self->leaflet, ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->leaflet), GTK_WIDGET (self));

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (toolbar, "toolbar");
  attach_button = labelled_button ("list-add-symbolic", _("_Attach PDF…"), "documents.attach");
  gtk_widget_set_tooltip_text (attach_button, _("Attach PDF documents to this case (Ctrl+O)"));
  gtk_box_append (GTK_BOX (toolbar), attach_button);
  self->export_button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->export_button), "documents.export");
  gtk_widget_set_tooltip_text (self->export_button, _("Save a Copy of the Original…"));
  /* (the tooltip is the name: not again as the description) */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save a Copy of the Original…"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
  gtk_widget_set_hexpand (self->export_button, TRUE);
  gtk_widget_set_halign (self->export_button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (toolbar), self->export_button);
  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "documents.remove");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove the Document"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the Document"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
  gtk_box_append (GTK_BOX (toolbar), self->remove_button);
  /* Scanned pages read again, for instance in the other language */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append (section, _("In _English"), "documents.read-again::eng");
    g_menu_append (section, _("In _French"), "documents.read-again::fra");
    g_menu_append (section, _("In English _and French"), "documents.read-again::eng+fra");
    g_menu_append_section (menu, _("Read the Scanned Pages Again"), G_MENU_MODEL (section));
    self->read_again_button = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->read_again_button),
                                   "view-refresh-symbolic");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->read_again_button),
                                    G_MENU_MODEL (menu));
    gtk_widget_set_tooltip_text (self->read_again_button, _("Read the Scanned Pages Again"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->read_again_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Read the Scanned Pages Again"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
    gtk_widget_set_sensitive (self->read_again_button, FALSE);
    gtk_box_insert_child_after (GTK_BOX (toolbar), self->read_again_button, self->export_button);
  }
  gtk_box_append (GTK_BOX (side), toolbar);

  self->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->progress_box, 12);
  gtk_widget_set_margin_end (self->progress_box, 12);
  gtk_widget_set_margin_bottom (self->progress_box, 12);
  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->progress_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_label);
  self->progress_bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->progress_bar), TRUE);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_bar);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  /* (its label with the underscore is not its accessible name: the
   * label inside gives the name) */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_import_cb), self);
  gtk_box_append (GTK_BOX (self->progress_box), cancel);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_box_append (GTK_BOX (side), self->progress_box);

  self->list_stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->list_stack, TRUE);
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Documents"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Attach the refusal letter and the officer’s notes, or drop "
                                     "PDF files here."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->list_stack), empty, "empty");
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Documents of the case"), -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_stack_add_named (GTK_STACK (self->list_stack), scroller, "list");
  gtk_box_append (GTK_BOX (side), self->list_stack);
  gtk_widget_set_size_request (side, 240, -1);
  adw_leaflet_append (self->leaflet, redress_pane_bin_new (side, 240));
  page = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);

  reader_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (reader_box, TRUE);
  /* Folded: the way back to the list */
  back_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (back_bar, "toolbar");
  back = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "go-previous-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Documents"));
  gtk_button_set_child (GTK_BUTTON (back), content);
  gtk_widget_add_css_class (back, "flat");
  g_signal_connect (back, "clicked", G_CALLBACK (on_back_to_list), self);
  gtk_box_append (GTK_BOX (back_bar), back);
  g_object_bind_property (self->leaflet, "folded", back_bar, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (reader_box), back_bar);

  self->pdf_view = redress_pdf_view_new ();
  gtk_widget_set_vexpand (self->pdf_view, TRUE);
  g_signal_connect_object (self->pdf_view, "password-needed", G_CALLBACK (on_password_needed),
                           self, 0);
  gtk_box_append (GTK_BOX (reader_box), self->pdf_view);
  self->reader_pane = redress_pane_bin_new (reader_box, 460);
  adw_leaflet_append (self->leaflet, self->reader_pane);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_buttons (self);
}

/**
 * redress_documents_view_set_case:
 *
 * Shows the documents of @case_id.
 */
void
redress_documents_view_set_case (RedressDocumentsView *self,
                                 RedressStore         *store,
                                 gint64                case_id)
{
  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));
  g_return_if_fail (REDRESS_IS_STORE (store));

  if (self->case_id == case_id && self->store == store)
    return;
  g_set_object (&self->store, store);
  self->case_id = case_id;
  self->shown_document = 0;
  redress_pdf_view_set_store (REDRESS_PDF_VIEW (self->pdf_view), store);
  redress_pdf_view_clear (REDRESS_PDF_VIEW (self->pdf_view));
  redress_documents_view_reload (self);
}

/**
 * redress_documents_view_show_document:
 * @page: from 0
 * @highlight: (nullable): text to find and highlight
 */
void
redress_documents_view_show_document (RedressDocumentsView *self,
                                      gint64                document_id,
                                      guint                 page,
                                      const char           *highlight)
{
  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));

  select_document (self, document_id);
  show_reader (self);
  redress_pdf_view_reveal (REDRESS_PDF_VIEW (self->pdf_view), page, highlight);
}

/**
 * redress_documents_view_show_passage:
 * @page: from 1, where the passage starts
 * @start: byte offset of its first character in the stored text of @page,
 *   or -1 when its place is not known
 * @end_page: from 1, where it ends
 * @end: byte offset just after its last character in the stored text of
 *   @end_page, or -1
 * @quote: (nullable): its words
 *
 * Opens the document at the passage, highlighted by its place in the
 * text; a passage whose place is not known is looked for by its words on
 * @page, whatever the line breaks.
 */
void
redress_documents_view_show_passage (RedressDocumentsView *self,
                                     gint64                document_id,
                                     guint                 page,
                                     gint64                start,
                                     guint                 end_page,
                                     gint64                end,
                                     const char           *quote)
{
  RedressPdfView *pdf_view;
  g_autofree char *page_text = NULL;
  g_autofree char *end_page_text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self));

  pdf_view = REDRESS_PDF_VIEW (self->pdf_view);
  page = MAX (page, 1);
  end_page = MAX (end_page, page);
  select_document (self, document_id);
  show_reader (self);
  if (self->store == NULL || self->shown_document != document_id)
    return;
  if (start < 0 || end < 0 || (end_page == page && end <= start))
    {
      /* Its words, found on the page whatever the white space */
      if (quote == NULL || *quote == '\0')
        redress_pdf_view_reveal (pdf_view, page - 1, NULL);
      else
        redress_pdf_view_reveal_passage (pdf_view, page - 1, quote, 0, page - 1, quote,
                                         strlen (quote), quote);
      return;
    }
  page_text = redress_store_dup_page_text (self->store, document_id, page, &error);
  if (page_text != NULL && end_page != page)
    end_page_text = redress_store_dup_page_text (self->store, document_id, end_page, &error);
  if (page_text == NULL || (end_page != page && end_page_text == NULL))
    {
      g_message ("Passage shown by its words: %s", error->message);
      redress_pdf_view_reveal (pdf_view, page - 1, quote);
      return;
    }
  redress_pdf_view_reveal_passage (pdf_view, page - 1, page_text, (gsize) start, end_page - 1,
                                   end_page != page ? end_page_text : page_text, (gsize) end,
                                   quote);
}

guint
redress_documents_view_get_n_documents (RedressDocumentsView *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self), 0);

  return self->documents ? g_list_model_get_n_items (G_LIST_MODEL (self->documents)) : 0;
}

/**
 * redress_documents_view_show_reader:
 *
 * Brings the reader in view (folded, it is beside the list no more) when
 * a document is shown.
 *
 * Returns: %TRUE if a document is shown
 */
gboolean
redress_documents_view_show_reader (RedressDocumentsView *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self), FALSE);

  if (self->shown_document == 0)
    return FALSE;
  show_reader (self);
  return TRUE;
}

GtkWidget *
redress_documents_view_get_pdf_view (RedressDocumentsView *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self), NULL);

  return self->pdf_view;
}

/**
 * redress_documents_view_get_selection:
 * @page: (out): from 1
 * @text: (out) (transfer full): the selected text
 *
 * Returns: %TRUE if text is selected in the document shown
 */
gboolean
redress_documents_view_get_selection (RedressDocumentsView  *self,
                                      gint64                *document_id,
                                      guint                 *page,
                                      char                 **text)
{
  g_autofree char *selected = NULL;
  int selected_page;

  g_return_val_if_fail (REDRESS_IS_DOCUMENTS_VIEW (self), FALSE);

  selected = redress_pdf_view_dup_selection (REDRESS_PDF_VIEW (self->pdf_view));
  selected_page = redress_pdf_view_get_selection_page (REDRESS_PDF_VIEW (self->pdf_view));
  if (selected == NULL || selected_page < 0 || self->shown_document == 0 ||
      *g_strstrip (selected) == '\0')
    return FALSE;
  *document_id = self->shown_document;
  *page = (guint) selected_page + 1;
  *text = g_steal_pointer (&selected);
  return TRUE;
}

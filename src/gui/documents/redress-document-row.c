/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-document-row"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-document-row.h"

/*
 * RedressDocumentRow: a document in the list of a case's documents: its
 * file name, its kind and number of pages, and a warning when pages have
 * no text to search.  The row of a RedressDocumentList item; it holds the
 * document it shows.
 */
struct _RedressDocumentRow
{
  GtkListBoxRow parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkLabel *warning_label;

  RedressDocument *document;
};

G_DEFINE_FINAL_TYPE (RedressDocumentRow, redress_document_row, GTK_TYPE_LIST_BOX_ROW)

static void
show_document (RedressDocumentRow *self)
{
  RedressDocument *document = self->document;
  g_autofree char *details = NULL;
  g_autofree char *text_status = redress_document_dup_text_status (document);
  guint n_pages = redress_document_get_n_pages (document);

  gtk_image_set_from_icon_name (self->icon,
                                redress_document_get_has_text (document) &&
                                redress_document_get_pages_without_text (document) == 0
                                  ? "x-office-document-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_label (self->title_label, redress_document_get_file_name (document));
  /* Translators: a document's kind and its number of pages */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u page", "%s · %u pages", n_pages),
                             redress_document_kind_get_label (redress_document_get_kind (document)),
                             n_pages);
  gtk_label_set_label (self->details_label, details);
  gtk_label_set_label (self->warning_label, text_status);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), text_status != NULL);
}

static void
redress_document_row_dispose (GObject *object)
{
  RedressDocumentRow *self = (RedressDocumentRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_DOCUMENT_ROW);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (redress_document_row_parent_class)->dispose (object);
}

static void
redress_document_row_class_init (RedressDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_document_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressDocumentRow, icon);
  gtk_widget_class_bind_template_child (widget_class, RedressDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RedressDocumentRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RedressDocumentRow, warning_label);
}

static void
redress_document_row_init (RedressDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
redress_document_row_new (RedressDocument *document)
{
  RedressDocumentRow *self;

  g_return_val_if_fail (REDRESS_IS_DOCUMENT (document), NULL);

  self = g_object_new (REDRESS_TYPE_DOCUMENT_ROW, NULL);
  self->document = g_object_ref (document);
  show_document (self);
  return GTK_WIDGET (self);
}

/**
 * redress_document_row_get_document:
 *
 * Returns: (transfer none): the document the row shows
 */
RedressDocument *
redress_document_row_get_document (RedressDocumentRow *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-document.h"

struct _RedressDocument
{
  GObject parent_instance;

  gint64 id;
  gint64 case_id;
  RedressDocumentKind kind;
  char *file_name;
  char *sha256;
  guint64 size;
  guint n_pages;
  guint pages_without_text;
  guint ocr_pages;
  gboolean deleted;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (RedressDocument, redress_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_ID,
  PROP_KIND,
  PROP_FILE_NAME,
  PROP_N_PAGES,
  PROP_HAS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *name;
  const char *label;
} kinds[REDRESS_DOCUMENT_N_KINDS] = {
  { "refusal-letter", N_("Refusal letter") },
  { "officer-notes", N_("Officer’s notes (GCMS)") },
  { "decision-notes", N_("Officer decision notes") },
  { "evidence", N_("Client evidence") },
  { "other", N_("Other") },
};

/**
 * redress_document_kind_get_text_kind:
 * @kind: a kind of document
 *
 * Returns: how the detector reads a document of @kind: a refusal letter as
 *   a letter, the officer's notes and decision notes as notes;
 *   %REDRESS_TEXT_AUTO for the kinds that state no ground (the client's
 *   evidence, anything else)
 */
RedressTextKind
redress_document_kind_get_text_kind (RedressDocumentKind kind)
{
  switch (kind)
    {
    case REDRESS_DOCUMENT_REFUSAL_LETTER:
      return REDRESS_TEXT_LETTER;
    case REDRESS_DOCUMENT_OFFICER_NOTES:
    case REDRESS_DOCUMENT_DECISION_NOTES:
      return REDRESS_TEXT_NOTES;
    case REDRESS_DOCUMENT_EVIDENCE:
    case REDRESS_DOCUMENT_OTHER:
    case REDRESS_DOCUMENT_N_KINDS:
    default:
      return REDRESS_TEXT_AUTO;
    }
}

const char *
redress_document_kind_to_string (RedressDocumentKind kind)
{
  g_return_val_if_fail (kind < REDRESS_DOCUMENT_N_KINDS, NULL);

  return kinds[kind].name;
}

gboolean
redress_document_kind_from_string (const char          *text,
                                   RedressDocumentKind *kind)
{
  for (guint i = 0; i < REDRESS_DOCUMENT_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        if (kind != NULL)
          *kind = (RedressDocumentKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
redress_document_kind_get_label (RedressDocumentKind kind)
{
  g_return_val_if_fail (kind < REDRESS_DOCUMENT_N_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
redress_document_kind_get_msgid (RedressDocumentKind kind)
{
  g_return_val_if_fail (kind < REDRESS_DOCUMENT_N_KINDS, NULL);

  return kinds[kind].label;
}

static void
redress_document_finalize (GObject *object)
{
  RedressDocument *self = REDRESS_DOCUMENT (object);

  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self->created_at);

  G_OBJECT_CLASS (redress_document_parent_class)->finalize (object);
}

static void
redress_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RedressDocument *self = REDRESS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    case PROP_KIND:
      g_value_set_string (value, redress_document_kind_to_string (self->kind));
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    case PROP_HAS_TEXT:
      g_value_set_boolean (value, redress_document_get_has_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_document_class_init (RedressDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = redress_document_finalize;
  object_class->get_property = redress_document_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_ID] = g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_HAS_TEXT] = g_param_spec_boolean ("has-text", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
redress_document_init (RedressDocument *self)
{
}

RedressDocument *
redress_document_new (gint64               id,
                      gint64               case_id,
                      RedressDocumentKind  kind,
                      const char          *file_name,
                      const char          *sha256,
                      guint64              size,
                      guint                n_pages,
                      guint                pages_without_text,
                      gboolean             deleted,
                      const char          *created_at)
{
  RedressDocument *self = g_object_new (REDRESS_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->case_id = case_id;
  self->kind = kind < REDRESS_DOCUMENT_N_KINDS ? kind : REDRESS_DOCUMENT_OTHER;
  self->file_name = g_strdup (file_name);
  self->sha256 = g_strdup (sha256);
  self->size = size;
  self->n_pages = n_pages;
  self->pages_without_text = MIN (pages_without_text, n_pages);
  self->deleted = deleted;
  self->created_at = g_strdup (created_at);
  return self;
}

/* For the store: how many pages were read by OCR */
void
redress_document_set_ocr_pages (RedressDocument *self,
                                guint            ocr_pages)
{
  g_return_if_fail (REDRESS_IS_DOCUMENT (self));

  self->ocr_pages = MIN (ocr_pages, self->n_pages);
}

/**
 * redress_document_get_ocr_pages:
 *
 * Returns: how many of its pages had no text layer and were read by OCR
 */
guint
redress_document_get_ocr_pages (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);

  return self->ocr_pages;
}

gint64
redress_document_get_id (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);
  return self->id;
}

gint64
redress_document_get_case_id (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);
  return self->case_id;
}

RedressDocumentKind
redress_document_get_kind (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), REDRESS_DOCUMENT_OTHER);
  return self->kind;
}

const char *
redress_document_get_file_name (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), NULL);
  return self->file_name;
}

/**
 * redress_document_get_sha256:
 *
 * Returns: the SHA-256 of the original file, lowercase hex
 */
const char *
redress_document_get_sha256 (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), NULL);
  return self->sha256;
}

/**
 * redress_document_get_size:
 *
 * Returns: the size of the original file, in bytes
 */
guint64
redress_document_get_size (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);
  return self->size;
}

guint
redress_document_get_n_pages (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);
  return self->n_pages;
}

/**
 * redress_document_get_has_text:
 *
 * Returns: %FALSE when no page has text (a scan without a text layer):
 *   search and ground detection cannot see it
 */
gboolean
redress_document_get_has_text (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), FALSE);
  return self->pages_without_text < self->n_pages;
}

guint
redress_document_get_pages_without_text (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), 0);
  return self->pages_without_text;
}

/**
 * redress_document_get_deleted:
 *
 * Returns: whether the document is in the trash (its Undo still offered)
 */
gboolean
redress_document_get_deleted (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), FALSE);
  return self->deleted;
}

/**
 * redress_document_get_created_at:
 *
 * Returns: when it was imported, ISO 8601 in UTC
 */
const char *
redress_document_get_created_at (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), NULL);
  return self->created_at;
}

/**
 * redress_document_dup_text_status:
 *
 * Returns: (transfer full) (nullable): a sentence for the consultant when
 *   some pages have no text (scanned pages), %NULL when every page has text
 */
char *
redress_document_dup_text_status (RedressDocument *self)
{
  g_return_val_if_fail (REDRESS_IS_DOCUMENT (self), NULL);

  if (self->pages_without_text == 0)
    return NULL;
  if (self->pages_without_text >= self->n_pages)
    return g_strdup (_("The text of this document could not be read (scanned pages without "
                       "a text layer): search and ground detection will not see it."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The text of %u page of %u could not be read (scanned "
                                       "page without a text layer): search and ground "
                                       "detection will not see it.",
                                       "The text of %u pages of %u could not be read (scanned "
                                       "pages without a text layer): search and ground "
                                       "detection will not see them.",
                                       self->pages_without_text),
                          self->pages_without_text, self->n_pages);
}

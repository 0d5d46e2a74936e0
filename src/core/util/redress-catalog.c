/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "redress-catalog.h"
#include "redress-error.h"

/*
 * gettext answers in one language per process (the desktop's); a client's
 * checklist is written in the client's.  This reads the same compiled
 * catalogue (the .mo file msgfmt builds from po/LANG.po) into a table.
 * Catalogues are read once and kept for the life of the process.
 *
 * The .mo format: a header of 32-bit words (magic 0x950412de in the
 * writer's byte order, revision, number of strings N, offset of the table
 * of original strings, offset of the table of translations), then two
 * tables of N (length, offset) pairs; every string is followed by a NUL.
 * A string with a context is "context\004msgid"; a plural translation
 * holds its forms separated by NULs (the first is the singular).
 */

#define MO_MAGIC 0x950412deu

struct _RedressCatalog
{
  char *language;
  char *data;          /* the file's contents; the table points into it */
  GHashTable *table;   /* msgid -> translation, NULL for English */
};

static const char * const languages[] = { "en", "fr", NULL };

static GMutex catalogs_lock;
static GHashTable *catalogs;

/**
 * redress_catalog_get_languages:
 *
 * Returns: the languages a document can be written in ("en", "fr")
 */
const char * const *
redress_catalog_get_languages (void)
{
  return languages;
}

static gboolean
read_word (const char *data,
           gsize       size,
           gsize       offset,
           gboolean    swapped,
           guint32    *word)
{
  guint32 value;

  if (offset > size || size - offset < sizeof value)
    return FALSE;
  memcpy (&value, data + offset, sizeof value);
  *word = swapped ? GUINT32_SWAP_LE_BE (value) : value;
  return TRUE;
}

/* The string at entry @index of the table at @table: NUL-terminated
 * inside the file, or NULL */
static const char *
read_string (const char *data,
             gsize       size,
             guint32     table,
             guint32     index,
             gboolean    swapped)
{
  guint32 length, offset;
  gsize entry = (gsize) table + (gsize) index * 8;

  if (!read_word (data, size, entry, swapped, &length) ||
      !read_word (data, size, entry + 4, swapped, &offset))
    return NULL;
  if (offset > size || size - offset <= length || data[offset + length] != '\0')
    return NULL;
  return data + offset;
}

static gboolean
parse_mo (RedressCatalog  *catalog,
          gsize            size,
          const char      *path,
          GError         **error)
{
  const char *data = catalog->data;
  guint32 magic, n, originals, translations;
  gboolean swapped = FALSE;

  if (!read_word (data, size, 0, FALSE, &magic))
    goto damaged;
  if (magic != MO_MAGIC)
    {
      if (GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
        goto damaged;
      swapped = TRUE;
    }
  if (!read_word (data, size, 8, swapped, &n) ||
      !read_word (data, size, 12, swapped, &originals) ||
      !read_word (data, size, 16, swapped, &translations))
    goto damaged;

  catalog->table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = read_string (data, size, originals, i, swapped);
      const char *msgstr = read_string (data, size, translations, i, swapped);

      if (msgid == NULL || msgstr == NULL)
        goto damaged;
      if (*msgid != '\0' && *msgstr != '\0')
        g_hash_table_insert (catalog->table, (gpointer) msgid, (gpointer) msgstr);
    }
  return TRUE;

damaged:
  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_DAMAGED,
               /* Translators: %s is a file name */
               _("The translations in “%s” are damaged. Reinstall Redress."), path);
  return FALSE;
}

static void
catalog_free (RedressCatalog *catalog)
{
  g_clear_pointer (&catalog->table, g_hash_table_unref);
  g_free (catalog->data);
  g_free (catalog->language);
  g_free (catalog);
}

static RedressCatalog *
catalog_load (const char  *language,
              GError     **error)
{
  RedressCatalog *catalog = g_new0 (RedressCatalog, 1);
  const char *localedir = g_getenv ("REDRESS_LOCALEDIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;

  catalog->language = g_strdup (language);
  if (g_str_equal (language, "en"))
    return catalog;

  path = g_build_filename (localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR,
                           language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (path, &catalog->data, &size, &local_error))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND,
                   /* Translators: %s is a language code (fr), then a file name */
                   _("The translations for “%s” are not installed (%s). Reinstall Redress."),
                   language, path);
      catalog_free (catalog);
      return NULL;
    }
  if (!parse_mo (catalog, size, path, error))
    {
      catalog_free (catalog);
      return NULL;
    }
  return catalog;
}

/**
 * redress_catalog_get:
 * @language: "en" or "fr"
 *
 * Returns: (transfer none): the catalogue of @language, read once and kept
 *   for the life of the process; %NULL with %REDRESS_ERROR_INVALID for
 *   another language, %REDRESS_ERROR_NOT_FOUND when its translations are
 *   not installed
 */
RedressCatalog *
redress_catalog_get (const char  *language,
                     GError     **error)
{
  RedressCatalog *catalog;

  if (language == NULL || !g_strv_contains (languages, language))
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a language Redress writes documents in: use en (English) or fr (French)."),
                   language ? language : "");
      return NULL;
    }

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  catalog = g_hash_table_lookup (catalogs, language);
  if (catalog == NULL)
    {
      catalog = catalog_load (language, error);
      if (catalog != NULL)
        g_hash_table_insert (catalogs, catalog->language, catalog);
    }
  g_mutex_unlock (&catalogs_lock);
  return catalog;
}

const char *
redress_catalog_get_language (RedressCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

/**
 * redress_catalog_gettext:
 *
 * Returns: the translation of @msgid, or @msgid when it has none
 */
const char *
redress_catalog_gettext (RedressCatalog *self,
                         const char     *msgid)
{
  const char *msgstr;

  g_return_val_if_fail (self != NULL, msgid);
  if (self->table == NULL || msgid == NULL)
    return msgid;
  msgstr = g_hash_table_lookup (self->table, msgid);
  return msgstr != NULL ? msgstr : msgid;
}

/**
 * redress_catalog_pgettext:
 *
 * Returns: the translation of @msgid in @context (as C_() marks it)
 */
const char *
redress_catalog_pgettext (RedressCatalog *self,
                          const char     *context,
                          const char     *msgid)
{
  g_autofree char *key = NULL;
  const char *msgstr;

  g_return_val_if_fail (self != NULL, msgid);
  if (self->table == NULL || msgid == NULL)
    return msgid;
  key = g_strconcat (context, "\004", msgid, NULL);
  msgstr = g_hash_table_lookup (self->table, key);
  return msgstr != NULL ? msgstr : msgid;
}

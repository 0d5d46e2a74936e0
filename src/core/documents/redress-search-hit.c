/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-search-hit"

#include "config.h"

#include <string.h>

#include "redress-search-hit.h"

struct _RedressSearchHit
{
  GObject parent_instance;

  gint64 client_id;
  char *client_name;
  gint64 case_id;
  char *case_title;
  gint64 document_id;
  char *file_name;
  RedressDocumentKind kind;
  guint page;
  char *snippet;
};

G_DEFINE_FINAL_TYPE (RedressSearchHit, redress_search_hit, G_TYPE_OBJECT)

static void
redress_search_hit_finalize (GObject *object)
{
  RedressSearchHit *self = REDRESS_SEARCH_HIT (object);

  g_free (self->client_name);
  g_free (self->case_title);
  g_free (self->file_name);
  g_free (self->snippet);

  G_OBJECT_CLASS (redress_search_hit_parent_class)->finalize (object);
}

static void
redress_search_hit_class_init (RedressSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_search_hit_finalize;
}

static void
redress_search_hit_init (RedressSearchHit *self)
{
}

/* One line: line breaks and runs of white space become one space */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

RedressSearchHit *
redress_search_hit_new (gint64               client_id,
                        const char          *client_name,
                        gint64               case_id,
                        const char          *case_title,
                        gint64               document_id,
                        const char          *file_name,
                        RedressDocumentKind  kind,
                        guint                page,
                        const char          *snippet)
{
  RedressSearchHit *self = g_object_new (REDRESS_TYPE_SEARCH_HIT, NULL);

  self->client_id = client_id;
  self->client_name = g_strdup (client_name);
  self->case_id = case_id;
  self->case_title = g_strdup (case_title);
  self->document_id = document_id;
  self->file_name = g_strdup (file_name);
  self->kind = kind;
  self->page = page;
  self->snippet = collapse_spaces (snippet ? snippet : "");
  return self;
}

gint64
redress_search_hit_get_client_id (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), 0);
  return self->client_id;
}

/**
 * redress_search_hit_get_client_name:
 *
 * Returns: "FAMILY, Given names", as in the client list
 */
const char *
redress_search_hit_get_client_name (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return self->client_name;
}

gint64
redress_search_hit_get_case_id (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), 0);
  return self->case_id;
}

const char *
redress_search_hit_get_case_title (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return self->case_title;
}

gint64
redress_search_hit_get_document_id (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), 0);
  return self->document_id;
}

const char *
redress_search_hit_get_file_name (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return self->file_name;
}

RedressDocumentKind
redress_search_hit_get_kind (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), REDRESS_DOCUMENT_OTHER);
  return self->kind;
}

/**
 * redress_search_hit_get_page:
 *
 * Returns: the page that matches, from 1
 */
guint
redress_search_hit_get_page (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), 0);
  return self->page;
}

/**
 * redress_search_hit_get_snippet:
 *
 * Returns: a few words around the match, each matching word between
 *   %REDRESS_SNIPPET_START and %REDRESS_SNIPPET_END
 */
const char *
redress_search_hit_get_snippet (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

/* The snippet with its markers replaced (bold, balanced, for markup) */
static char *
replace_markers (const char *snippet,
                 gboolean    markup)
{
  GString *out = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = snippet;

  while (*p)
    {
      gsize run = strcspn (p, REDRESS_SNIPPET_START REDRESS_SNIPPET_END);

      if (markup)
        {
          g_autofree char *escaped = g_markup_escape_text (p, (gssize) run);
          g_string_append (out, escaped);
        }
      else
        g_string_append_len (out, p, (gssize) run);
      p += run;
      if (*p == '\0')
        break;
      if (markup && *p == REDRESS_SNIPPET_START[0] && !bold)
        {
          g_string_append (out, "<b>");
          bold = TRUE;
        }
      else if (markup && *p == REDRESS_SNIPPET_END[0] && bold)
        {
          g_string_append (out, "</b>");
          bold = FALSE;
        }
      p++;
    }
  if (bold)
    g_string_append (out, "</b>");
  return g_string_free (out, FALSE);
}

/**
 * redress_search_hit_dup_snippet_text:
 *
 * Returns: (transfer full): the snippet as plain text
 */
char *
redress_search_hit_dup_snippet_text (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return replace_markers (self->snippet, FALSE);
}

/**
 * redress_search_hit_dup_snippet_markup:
 *
 * Returns: (transfer full): the snippet as Pango markup, matches in bold
 */
char *
redress_search_hit_dup_snippet_markup (RedressSearchHit *self)
{
  g_return_val_if_fail (REDRESS_IS_SEARCH_HIT (self), NULL);
  return replace_markers (self->snippet, TRUE);
}

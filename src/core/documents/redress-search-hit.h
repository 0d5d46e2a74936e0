/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-document.h"

G_BEGIN_DECLS

/* In snippets, a match runs from REDRESS_SNIPPET_START to
 * REDRESS_SNIPPET_END (control characters that page text never holds) */
#define REDRESS_SNIPPET_START "\x01"
#define REDRESS_SNIPPET_END   "\x02"

#define REDRESS_TYPE_SEARCH_HIT (redress_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (RedressSearchHit, redress_search_hit, REDRESS, SEARCH_HIT, GObject)

/* One page that matches a cross-case search */
gint64               redress_search_hit_get_client_id      (RedressSearchHit *self);
const char          *redress_search_hit_get_client_name    (RedressSearchHit *self);
gint64               redress_search_hit_get_case_id        (RedressSearchHit *self);
const char          *redress_search_hit_get_case_title     (RedressSearchHit *self);
gint64               redress_search_hit_get_document_id    (RedressSearchHit *self);
const char          *redress_search_hit_get_file_name      (RedressSearchHit *self);
RedressDocumentKind  redress_search_hit_get_kind           (RedressSearchHit *self);
guint                redress_search_hit_get_page           (RedressSearchHit *self);
const char          *redress_search_hit_get_snippet        (RedressSearchHit *self);
char                *redress_search_hit_dup_snippet_text   (RedressSearchHit *self);
char                *redress_search_hit_dup_snippet_markup (RedressSearchHit *self);

/* For the store */
RedressSearchHit    *redress_search_hit_new                (gint64               client_id,
                                                            const char          *client_name,
                                                            gint64               case_id,
                                                            const char          *case_title,
                                                            gint64               document_id,
                                                            const char          *file_name,
                                                            RedressDocumentKind  kind,
                                                            guint                page,
                                                            const char          *snippet);

G_END_DECLS

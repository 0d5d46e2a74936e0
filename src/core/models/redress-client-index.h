/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * RedressClientIndex: what the client list needs to order and search
 * every client file without holding the files themselves: per file its
 * id, whether it is archived, its folded sort key and search key, all in
 * a few flat buffers (about 80 bytes a file), kept in the list's order.
 * Private to the client list (redress-client-list.c); tested on its own.
 */
typedef struct _RedressClientIndex RedressClientIndex;

RedressClientIndex *redress_client_index_new        (void);
void                redress_client_index_free       (RedressClientIndex  *self);
void                redress_client_index_clear      (RedressClientIndex  *self);

/* Adds a file after every other: the caller gives them in order */
void                redress_client_index_append     (RedressClientIndex  *self,
                                                     gint64               id,
                                                     gboolean             archived,
                                                     const char          *sort_key,
                                                     const char          *search_key);
/* Puts a file in its place; returns that place */
guint               redress_client_index_insert     (RedressClientIndex  *self,
                                                     gint64               id,
                                                     gboolean             archived,
                                                     const char          *sort_key,
                                                     const char          *search_key);
/* Takes a file out; returns where it was, or -1 */
int                 redress_client_index_remove     (RedressClientIndex  *self,
                                                     gint64               id);

guint               redress_client_index_get_size   (RedressClientIndex  *self);
gint64              redress_client_index_get_id     (RedressClientIndex  *self,
                                                     guint                position);
gboolean            redress_client_index_get_archived (RedressClientIndex *self,
                                                     guint                position);

/* @words: folded words of a query, each found anywhere in a file's search
 * key (a word of digits, dashes, dots and spaces also as its digits alone,
 * when it has at least four: "12-3456" finds the UCI 123456…)
 *
 * Whether the file at @position matches all @words */
gboolean            redress_client_index_matches    (RedressClientIndex  *self,
                                                     guint                position,
                                                     const char * const  *words);
/* Every position (archived files only with @include_archived) whose file
 * matches all @words, in order, into @out (guint32), which is emptied
 * first; only among @candidates (positions, in order) when not %NULL */
void                redress_client_index_search     (RedressClientIndex  *self,
                                                     const char * const  *words,
                                                     gboolean             include_archived,
                                                     GArray              *candidates,
                                                     GArray              *out);

/* Whether every file matching @narrower also matches @wider, so that a
 * search for @narrower may look only among the results of @wider */
gboolean            redress_client_index_query_narrows (const char * const *wider,
                                                     const char * const  *narrower);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressClientIndex, redress_client_index_free)

G_END_DECLS

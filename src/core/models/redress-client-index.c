/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* memmem */
#define G_LOG_DOMAIN "redress-client-index"

#include "config.h"

#include <string.h>

#include "redress-client-index.h"

/*
 * The files are kept in an array of small entries, sorted by (sort key,
 * id) as the database sorts them; their keys live in two byte buffers.
 * The search keys are laid out one after another in the entries' order,
 * so that a word is looked for with one memmem() over the whole buffer
 * (tens of megabytes a second are nothing to it) and each hit is known
 * to belong to the entry whose key starts last before it.  A file that
 * changes takes its new keys at the end of the buffers; the search
 * buffer is laid out again before the next search that needs the order.
 */
typedef struct
{
  gint64 id;
  guint32 sort;       /* offset of the sort key in sorts */
  guint32 key;        /* offset of the search key in keys */
  guint32 archived;
} Entry;

struct _RedressClientIndex
{
  GArray *entries;    /* Entry */
  GByteArray *sorts;  /* NUL-terminated sort keys */
  GByteArray *keys;   /* NUL-terminated search keys */
  gboolean scattered; /* keys no longer in the entries' order */
  gsize garbage;      /* bytes of keys no entry uses */
};

#define ENTRY(self, i) (&g_array_index ((self)->entries, Entry, (i)))

RedressClientIndex *
redress_client_index_new (void)
{
  RedressClientIndex *self = g_new0 (RedressClientIndex, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->sorts = g_byte_array_new ();
  self->keys = g_byte_array_new ();
  return self;
}

void
redress_client_index_free (RedressClientIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->entries);
  g_byte_array_unref (self->sorts);
  g_byte_array_unref (self->keys);
  g_free (self);
}

void
redress_client_index_clear (RedressClientIndex *self)
{
  g_array_set_size (self->entries, 0);
  g_byte_array_set_size (self->sorts, 0);
  g_byte_array_set_size (self->keys, 0);
  self->scattered = FALSE;
  self->garbage = 0;
}

static guint32
add_string (GByteArray *buffer,
            const char *text)
{
  guint32 offset = buffer->len;

  g_byte_array_append (buffer, (const guint8 *) (text ? text : ""), strlen (text ? text : "") + 1);
  return offset;
}

static const char *
sort_key (RedressClientIndex *self,
          const Entry        *entry)
{
  return (const char *) self->sorts->data + entry->sort;
}

static const char *
search_key (RedressClientIndex *self,
            const Entry        *entry)
{
  return (const char *) self->keys->data + entry->key;
}

void
redress_client_index_append (RedressClientIndex *self,
                             gint64              id,
                             gboolean            archived,
                             const char         *sort,
                             const char         *search)
{
  Entry entry = { id, 0, 0, !!archived };

  entry.sort = add_string (self->sorts, sort);
  entry.key = add_string (self->keys, search);
  g_array_append_val (self->entries, entry);
}

static int
compare (RedressClientIndex *self,
         const Entry        *entry,
         const char         *sort,
         gint64              id)
{
  int r = strcmp (sort_key (self, entry), sort);

  if (r != 0)
    return r;
  return entry->id < id ? -1 : entry->id > id;
}

guint
redress_client_index_insert (RedressClientIndex *self,
                             gint64              id,
                             gboolean            archived,
                             const char         *sort,
                             const char         *search)
{
  Entry entry = { id, 0, 0, !!archived };
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare (self, ENTRY (self, mid), sort ? sort : "", id) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  entry.sort = add_string (self->sorts, sort);
  entry.key = add_string (self->keys, search);
  if (lo < self->entries->len)
    self->scattered = TRUE;
  g_array_insert_val (self->entries, lo, entry);
  return lo;
}

int
redress_client_index_remove (RedressClientIndex *self,
                             gint64              id)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (ENTRY (self, i)->id == id)
      {
        self->garbage += strlen (search_key (self, ENTRY (self, i))) + 1;
        g_array_remove_index (self->entries, i);
        if (i < self->entries->len)
          self->scattered = TRUE;
        return (int) i;
      }
  return -1;
}

guint
redress_client_index_get_size (RedressClientIndex *self)
{
  return self->entries->len;
}

gint64
redress_client_index_get_id (RedressClientIndex *self,
                             guint               position)
{
  g_return_val_if_fail (position < self->entries->len, 0);

  return ENTRY (self, position)->id;
}

gboolean
redress_client_index_get_archived (RedressClientIndex *self,
                                   guint               position)
{
  g_return_val_if_fail (position < self->entries->len, FALSE);

  return ENTRY (self, position)->archived;
}

/* The search keys again, in the entries' order, without the unused ones
 * (and the sort keys, when most of them are unused) */
static void
lay_out (RedressClientIndex *self)
{
  g_autoptr(GByteArray) keys = NULL;

  if (!self->scattered && self->garbage == 0)
    return;
  keys = g_byte_array_sized_new (self->keys->len - (guint) self->garbage);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = ENTRY (self, i);

      entry->key = add_string (keys, search_key (self, entry));
    }
  g_byte_array_unref (self->keys);
  self->keys = g_steal_pointer (&keys);
  self->scattered = FALSE;
  self->garbage = 0;

  if (self->sorts->len > 2 * (self->keys->len / 2 + 64))
    {
      g_autoptr(GByteArray) sorts = g_byte_array_sized_new (self->keys->len / 2);

      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = ENTRY (self, i);

          entry->sort = add_string (sorts, sort_key (self, entry));
        }
      g_byte_array_unref (self->sorts);
      self->sorts = g_steal_pointer (&sorts);
    }
}

/* "12-3456" → "123456": a word of digits and separators, as its digits
 * when it has at least four (a UCI typed with dashes); NULL otherwise */
static char *
digits_of (const char *word)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = word; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != ' ' && *p != '.')
        return NULL;
    }
  if (digits->len < 4)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

typedef struct
{
  const char *word;
  char *digits;      /* or NULL */
} Word;

static GArray *
words_new (const char * const *words)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (Word));

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      Word w = { words[i], digits_of (words[i]) };

      if (*words[i] != '\0')
        g_array_append_val (array, w);
    }
  return array;
}

static void
words_free (GArray *array)
{
  for (guint i = 0; i < array->len; i++)
    g_free (g_array_index (array, Word, i).digits);
  g_array_unref (array);
}

typedef GArray GArray_Word;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GArray_Word, words_free)

static gboolean
key_matches (const char *key,
             const Word *word)
{
  return strstr (key, word->word) != NULL ||
         (word->digits != NULL && strstr (key, word->digits) != NULL);
}

static gboolean
entry_matches (RedressClientIndex *self,
               const Entry        *entry,
               GArray             *words)
{
  const char *key = search_key (self, entry);

  for (guint w = 0; w < words->len; w++)
    if (!key_matches (key, &g_array_index (words, Word, w)))
      return FALSE;
  return TRUE;
}

gboolean
redress_client_index_matches (RedressClientIndex *self,
                              guint               position,
                              const char * const *words)
{
  g_autoptr(GArray_Word) array = words_new (words);

  g_return_val_if_fail (position < self->entries->len, FALSE);

  return entry_matches (self, ENTRY (self, position), array);
}

/* Marks (sets to @mark) in @hits every entry whose key holds @needle: one
 * pass over the laid-out keys, a hit jumping to the next entry's key */
static void
mark_holders (RedressClientIndex *self,
              const char         *needle,
              guint8             *hits,
              guint8              mark)
{
  const guint8 *start = self->keys->data;
  const guint8 *end = start + self->keys->len;
  const guint8 *p = start;
  gsize length = strlen (needle);
  guint n = self->entries->len;
  guint e = 0;

  while (p < end && (p = memmem (p, (gsize) (end - p), needle, length)) != NULL)
    {
      gsize offset = (gsize) (p - start);

      while (e + 1 < n && ENTRY (self, e + 1)->key <= offset)
        e++;
      hits[e] = mark;
      if (e + 1 >= n)
        break;
      p = start + ENTRY (self, e + 1)->key;
    }
}

void
redress_client_index_search (RedressClientIndex *self,
                             const char * const *words,
                             gboolean            include_archived,
                             GArray             *candidates,
                             GArray             *out)
{
  g_autoptr(GArray_Word) array = words_new (words);
  g_autofree guint8 *hits = NULL;
  guint n = self->entries->len;

  g_array_set_size (out, 0);

  if (candidates != NULL)
    {
      for (guint i = 0; i < candidates->len; i++)
        {
          guint32 position = g_array_index (candidates, guint32, i);
          Entry *entry = ENTRY (self, position);

          if ((include_archived || !entry->archived) && entry_matches (self, entry, array))
            g_array_append_val (out, position);
        }
      return;
    }

  if (array->len == 0)
    {
      for (guint32 i = 0; i < n; i++)
        if (include_archived || !ENTRY (self, i)->archived)
          g_array_append_val (out, i);
      return;
    }

  /* The first word by passes over the whole buffer; the others only
   * among what it found */
  lay_out (self);
  hits = g_new0 (guint8, n > 0 ? n : 1);
  {
    const Word *first = &g_array_index (array, Word, 0);

    /* A key holding "2026-" holds 2026: one pass for the digits then */
    if (first->digits == NULL || strstr (first->word, first->digits) == NULL)
      mark_holders (self, first->word, hits, 1);
    if (first->digits != NULL)
      mark_holders (self, first->digits, hits, 1);
  }
  for (guint32 i = 0; i < n; i++)
    {
      Entry *entry = ENTRY (self, i);
      gboolean ok = hits[i] && (include_archived || !entry->archived);
      const char *key = search_key (self, entry);

      for (guint w = 1; ok && w < array->len; w++)
        ok = key_matches (key, &g_array_index (array, Word, w));
      if (ok)
        g_array_append_val (out, i);
    }
}

gboolean
redress_client_index_query_narrows (const char * const *wider,
                                    const char * const *narrower)
{
  g_autoptr(GArray_Word) w = words_new (wider);
  g_autoptr(GArray_Word) n = words_new (narrower);

  /* Each word of the wider query must follow from a word of the narrower
   * one: a file holding that word (or its digits) holds it too */
  for (guint i = 0; i < w->len; i++)
    {
      const Word *a = &g_array_index (w, Word, i);
      gboolean implied = FALSE;

      for (guint j = 0; !implied && j < n->len; j++)
        {
          const Word *b = &g_array_index (n, Word, j);

          /* A file holding b's word holds a's; one holding only b's
           * digits must hold a's word or a's digits among them */
          implied = strstr (b->word, a->word) != NULL &&
                    (b->digits == NULL ||
                     strstr (b->digits, a->word) != NULL ||
                     (a->digits != NULL && strstr (b->digits, a->digits) != NULL));
        }
      if (!implied)
        return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-grounds.h"
#include "test-labelled.h"

void
test_labelled_free (TestLabelled *text)
{
  if (text == NULL)
    return;
  g_free (text->name);
  g_free (text->language);
  g_ptr_array_unref (text->pages);
  g_hash_table_unref (text->expected);
  g_hash_table_unref (text->entry_dates);
  g_free (text);
}

/* "a=1, b, c=2" into @table (code -> value, "" when none) */
static void
parse_pairs (const char *list,
             GHashTable *table)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint j = 0; items[j] != NULL; j++)
    {
      g_auto(GStrv) kv = g_strsplit (g_strstrip (items[j]), "=", 2);

      if (strcmp (kv[0], "none") == 0 || kv[0][0] == '\0')
        continue;
      if (!redress_ground_is_known (kv[0]))
        g_error ("Unknown ground “%s”", kv[0]);
      g_hash_table_insert (table, g_strdup (kv[0]),
                           g_strdup (kv[1] != NULL ? g_strstrip (kv[1]) : ""));
    }
}

static TestLabelled *
load_one (const char *path)
{
  TestLabelled *text = g_new0 (TestLabelled, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) pages = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  text->name = g_path_get_basename (path);
  text->kind = REDRESS_TEXT_LETTER;
  text->pages = g_ptr_array_new_with_free_func (g_free);
  text->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->entry_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  parts = g_strsplit (contents, "\n---\n", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  header = g_strsplit (parts[0], "\n", -1);
  for (guint i = 0; header[i] != NULL; i++)
    {
      const char *line = header[i];

      if (g_str_has_prefix (line, "language:"))
        text->language = g_strstrip (g_strdup (line + strlen ("language:")));
      else if (g_str_has_prefix (line, "expect:"))
        parse_pairs (line + strlen ("expect:"), text->expected);
      else if (g_str_has_prefix (line, "entry-date:"))
        parse_pairs (line + strlen ("entry-date:"), text->entry_dates);
      else if (g_str_has_prefix (line, "kind:"))
        {
          g_autofree char *kind = g_strstrip (g_strdup (line + strlen ("kind:")));

          g_assert_true (redress_text_kind_from_string (kind, &text->kind));
        }
    }
  g_assert_nonnull (text->language);

  pages = g_strsplit (parts[1], "<<<page>>>\n", -1);
  for (guint i = 0; pages[i] != NULL; i++)
    g_ptr_array_add (text->pages, g_strdup (pages[i]));
  return text;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every .txt of @folder (under the tests' source folder), by name */
GPtrArray *
test_labelled_load_set (const char *folder)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "core", folder, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) test_labelled_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (texts, load_one (g_ptr_array_index (names, i)));
  return texts;
}

/* Text without white space and hyphens: a quote is the page's words
 * with white space collapsed and end-of-line hyphenation undone */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-' && c != 0xAD)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Page numbers at the top and bottom of pages are not part of a quote */
static char *
strip_page_numbers (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*Page \\d+ (?:of|de|sur) \\d+\\s*$",
                                         G_REGEX_MULTILINE, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

/* The quote of @hit is the words the page has at the offsets it gives */
void
test_labelled_check_quote (const TestLabelled     *text,
                           const char * const     *pages,
                           guint                   n_pages,
                           const RedressGroundHit *hit)
{
  g_autoptr(GString) original = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpuint (hit->page, >=, 1);
  g_assert_cmpuint (hit->end_page, >=, hit->page);
  g_assert_cmpuint (hit->end_page, <=, n_pages);
  if (hit->end_page == hit->page)
    {
      g_assert_cmpuint (hit->start, <, hit->end);
      g_assert_cmpuint (hit->end, <=, strlen (pages[hit->page - 1]));
      g_string_append_len (original, pages[hit->page - 1] + hit->start, hit->end - hit->start);
    }
  else
    {
      /* Each page without its page number */
      g_autofree char *first = strip_page_numbers (pages[hit->page - 1] + hit->start);
      g_autofree char *last_part = g_strndup (pages[hit->end_page - 1], hit->end);
      g_autofree char *last = strip_page_numbers (last_part);

      g_string_append (original, first);
      for (guint p = hit->page + 1; p < hit->end_page; p++)
        {
          g_autofree char *middle = strip_page_numbers (pages[p - 1]);

          g_string_append (original, middle);
        }
      g_string_append (original, last);
    }
  g_assert_true (g_utf8_validate (hit->quote, -1, NULL));
  g_assert_null (strchr (hit->quote, '\n'));
  g_assert_false (g_unichar_isspace (g_utf8_get_char (hit->quote)));
  stripped = strip_page_numbers (original->str);
  a = squeeze (hit->quote);
  b = squeeze (stripped);
  if (g_strcmp0 (a, b) != 0)
    g_error ("%s: %s: the quote “%s” is not the page's “%s”", text->name, hit->code,
             hit->quote, original->str);
}

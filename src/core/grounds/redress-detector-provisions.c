/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress-detector-private.h"
#include "redress-grounds.h"

/* The provisions a text cites ("paragraph 179(b) of the IRPR", "l'alinéa
 * 179b) du RIPR", "A40(1)(a)"), normalized, and which ground they found. */

/* Provisions --------------------------------------------------------------- */

#define TAIL "((?:\\s?\\((?:\\d{1,2}(?:\\.\\d)?|[a-z]{1,4})\\)|[a-z]{1,4}\\))*)"
#define NUMBER "(\\d{1,3}(?:\\.\\d{1,2})?)"
#define ACT "(irpr|irpa|regulations|act|immigration and refugee protection regulations|" \
            "immigration and refugee protection act|ripr|lipr|reglement|loi)"

static GRegex *
provision_regex (void)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    {
      g_autoptr(GError) error = NULL;
      GRegex *r = g_regex_new (
        /* paragraph 179(b) of the IRPR, l'alinéa 179b) du RIPR */
        "\\b(?:(?:sub-?)?paragraphs?|(?:sub-?)?sections?|paras?\\.|ss?\\.|regulations?|"
        "articles?|art\\.|(?:sous-)?alineas?|paragraphes?)\\s*" NUMBER TAIL
        "(?:\\s*,?\\s*(?:of|under|in|du|de la|de l'|des)\\s*(?:the\\s+)?" ACT "\\b)?"
        /* R179(b), A40(1)(a) */
        "|\\b([ar])" NUMBER "((?:\\((?:\\d{1,2}|[a-z]{1,4})\\))*)(?![\\w.])"
        /* IRPR 179(b), IRPA s. 40 */
        "|\\b(irpr|irpa|ripr|lipr)\\s*,?\\s*(?:s\\.|ss\\.|section|article|art\\.|paragraph|"
        "alinea)?\\s*" NUMBER TAIL
        /* 216(1)(b) */
        "|\\b(\\d{1,3})((?:\\((?:\\d{1,2}|[a-z]{1,4})\\))+)",
        G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, &error);

      if (r == NULL)
        g_critical ("Provision pattern: %s", error->message);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

/* "(1) b)" -> "(1)(b)" */
static void
append_tail (GString    *out,
             const char *tail)
{
  const char *p = tail;

  while (*p)
    {
      const char *q;

      if (*p == ' ' || *p == '(')
        {
          p++;
          continue;
        }
      q = strchr (p, ')');
      if (q == NULL)
        break;
      g_string_append_c (out, '(');
      g_string_append_len (out, p, q - p);
      g_string_append_c (out, ')');
      p = q + 1;
    }
}

/* R or A for a section number, from the catalogue ("section 40": A40) */
static int
act_of_number (const char *number)
{
  const RedressGroundCatalogue *catalogue = redress_ground_catalogue_get ();
  gsize n = strlen (number);

  for (guint i = 0; i < catalogue->n_grounds; i++)
    for (char **p = catalogue->grounds[i].provisions; *p != NULL; p++)
      if (strncmp (*p + 1, number, n) == 0 && !g_ascii_isdigit ((*p)[n + 1]) && (*p)[n + 1] != '.')
        return (*p)[0];
  return -1;
}

static gboolean
number_is_known (const char *number)
{
  return act_of_number (number) != -1;
}

static char *
make_provision (int         act,
                const char *number,
                const char *tail)
{
  GString *out = g_string_new (NULL);

  if (act == -1)
    act = act_of_number (number);
  if (act == -1)
    act = atoi (number) >= 100 ? 'R' : 'A';
  g_string_append_c (out, g_ascii_toupper ((char) act));
  g_string_append (out, number);
  append_tail (out, tail);
  return g_string_free (out, FALSE);
}

static int
act_of_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return -1;
  if (strcmp (name, "irpr") == 0 || strcmp (name, "regulations") == 0 ||
      strcmp (name, "ripr") == 0 || strcmp (name, "reglement") == 0 ||
      g_str_has_suffix (name, "regulations"))
    return 'R';
  return 'A';
}

/* Provisions cited in folded text, normalized, in order */
GPtrArray *
redress_provisions_find (const char *folded,
                 gsize       length,
                 GArray     *starts)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GMatchInfo *info = NULL;

  g_regex_match_full (provision_regex (), folded, (gssize) length, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      g_autofree char *n1 = g_match_info_fetch (info, 1);
      char *provision = NULL;

      if (n1 != NULL && *n1 != '\0')
        {
          g_autofree char *tail = g_match_info_fetch (info, 2);
          g_autofree char *act = g_match_info_fetch (info, 3);

          provision = make_provision (act_of_name (act), n1, tail);
        }
      else
        {
          g_autofree char *prefix = g_match_info_fetch (info, 4);
          g_autofree char *n2 = g_match_info_fetch (info, 5);
          g_autofree char *t2 = g_match_info_fetch (info, 6);
          g_autofree char *act3 = g_match_info_fetch (info, 7);
          g_autofree char *n3 = g_match_info_fetch (info, 8);
          g_autofree char *t3 = g_match_info_fetch (info, 9);
          g_autofree char *n4 = g_match_info_fetch (info, 10);
          g_autofree char *t4 = g_match_info_fetch (info, 11);

          if (n2 != NULL && *n2 != '\0' && (number_is_known (n2) || (t2 != NULL && *t2 != '\0')))
            provision = make_provision (prefix[0], n2, t2);
          else if (n3 != NULL && *n3 != '\0')
            provision = make_provision (act_of_name (act3), n3, t3);
          else if (n4 != NULL && *n4 != '\0' && number_is_known (n4))
            provision = make_provision (-1, n4, t4);
        }
      if (provision != NULL)
        {
          g_ptr_array_add (found, provision);
          if (starts != NULL)
            {
              int start, end;
              guint32 at;

              g_match_info_fetch_pos (info, 0, &start, &end);
              at = (guint32) start;
              g_array_append_val (starts, at);
            }
        }
      g_match_info_next (info, NULL);
    }
  g_match_info_free (info);
  return found;
}

/**
 * redress_detector_find_provisions:
 * @text: a sentence (not normalized)
 *
 * Returns: (transfer full): the provisions cited in @text, normalized
 *   ("paragraph 179(b) of the IRPR" → "R179(b)", "l'alinéa 179b) du RIPR"
 *   → "R179(b)", "section 40" → "A40"), in order
 */
GStrv
redress_detector_find_provisions (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = redress_normalize_fold (text);
  found = redress_provisions_find (folded, strlen (folded), NULL);
  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_steal (found, NULL);
}

/* Whether @provision is one of those that found the ground (same act and
 * section number) */
gboolean
redress_provision_fits (const RedressGroundDef *def,
                const char             *provision)
{
  gsize n = strcspn (provision, "(");

  for (char **p = def->provisions; *p != NULL; p++)
    if (strncmp (*p, provision, n) == 0 && ((*p)[n] == '\0' || (*p)[n] == '('))
      return TRUE;
  return FALSE;
}

gboolean
redress_provisions_cite_fitting (const RedressGroundDef *def,
               const RedressNormText  *t,
               const RedressSegment          *s)
{
  g_autoptr(GPtrArray) cited = redress_provisions_find (t->folded + s->start, s->end - s->start, NULL);

  for (guint i = 0; i < cited->len; i++)
    if (redress_provision_fits (def, g_ptr_array_index (cited, i)))
      return TRUE;
  return FALSE;
}

/* The provision of a ground stated in a segment: one cited in it (one that
 * founds the ground first), else one the list's introduction cites that
 * founds it */
char *
redress_provisions_pick (const RedressGroundDef *def,
                const RedressNormText  *t,
                GArray                 *segments,
                int                     k)
{
  const RedressSegment *s = &g_array_index (segments, RedressSegment, k);
  /* The item's first sentence, the list's introduction, or the sentence
   * just before in the same paragraph */
  int others[3] = { s->item != k ? s->item : -1, s->intro,
                    (s->item < 0 && s->marker == 0 && k > 0) ? k - 1 : -1 };

  {
    g_autoptr(GPtrArray) own = redress_provisions_find (t->folded + s->start, s->end - s->start, NULL);

    for (guint i = 0; i < own->len; i++)
      if (redress_provision_fits (def, g_ptr_array_index (own, i)))
        return g_strdup (g_ptr_array_index (own, i));
    if (own->len > 0)
      return g_strdup (g_ptr_array_index (own, 0));
  }
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr(GPtrArray) cited = NULL;
      const RedressSegment *other;

      if (others[o] < 0)
        continue;
      other = &g_array_index (segments, RedressSegment, others[o]);
      cited = redress_provisions_find (t->folded + other->start, other->end - other->start, NULL);
      for (guint i = 0; i < cited->len; i++)
        if (redress_provision_fits (def, g_ptr_array_index (cited, i)))
          return g_strdup (g_ptr_array_index (cited, i));
    }
  return NULL;
}


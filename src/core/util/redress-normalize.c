/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-normalize"

#include "config.h"

#include <string.h>

#include "redress-normalize.h"

/*
 * Text of PDF pages, folded for matching while keeping the way back to
 * the page.  PDF text extraction breaks sentences across lines and pages,
 * hyphenates, changes case and inserts bullets, check boxes and glyphs of
 * symbol fonts; the detector matches through all of that on the folded
 * text, then quotes the words as they read on the page.
 *
 * One pass over the characters, a few look-aheads at line ends.  A line
 * that is short (under 60% of the page's longest line) and followed by a
 * line that does not start in lower case ends a paragraph, as does a
 * blank line: PDF text rarely keeps blank lines, and wrapped lines of a
 * paragraph are nearly as long as the longest.
 */

#define SHORT_LINE_PERCENT 60
#define MIN_LINE_FOR_SHORT 30

enum { PENDING_NONE, PENDING_SPACE, PENDING_SYNTHETIC };

typedef struct
{
  RedressNormText *text;
  GString *display;
  int pending;
  guint32 pending_orig;
  char last;
} Builder;

/* Characters ------------------------------------------------------------- */

static gboolean
is_checked_glyph (gunichar c)
{
  switch (c)
    {
    case 0x2611: case 0x2612: case 0x2713: case 0x2714: case 0x2716: case 0x2717:
    case 0x2718: case 0x25A0: case 0x25FC: case 0x25FE: case 0x22A0: case 0x2BBD:
    case 0x1F5F9: case 0x1F5F7:
    /* Wingdings check marks and crossed boxes, as symbol fonts map them */
    case 0xF0FB: case 0xF0FC: case 0xF0FD: case 0xF0FE: case 0xF078:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_unchecked_glyph (gunichar c)
{
  switch (c)
    {
    case 0x2610: case 0x25A1: case 0x25FB: case 0x25FD: case 0x274F: case 0x2750:
    case 0x2751: case 0x2752: case 0x1F5F5:
    case 0xF0A8: case 0xF06F: case 0xF071: case 0xF072:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_bullet_glyph (gunichar c)
{
  switch (c)
    {
    case 0x2022: case 0x25E6: case 0x25AA: case 0x25AB: case 0x25CF: case 0x25CB:
    case 0x2023: case 0x2043: case 0x2219: case 0x27A2: case 0x27A4: case 0x25BA:
    case 0x25B6: case 0x2666: case 0x25C6: case 0x2756: case 0x2767:
    case 0xF0B7: case 0xF0A7: case 0xF0D8: case 0xF076: case 0xF0A4:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x00AD;
}

static gboolean
is_newline (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x2028 || c == 0x2029 ||
         c == 0x85;
}

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x1680;
}

static gboolean
is_invisible (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x00AD ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Stray glyphs: symbol-font characters in the private use area, the
 * replacement character, control characters */
static gboolean
is_stray (gunichar c)
{
  return (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD || c == (gunichar) -1 ||
         c == (gunichar) -2 || (c < 0x20 && !is_newline (c) && c != '\t') ||
         (c >= 0x7F && c < 0xA0 && c != 0x85) || (c >= 0xF0000);
}

static gunichar
get_char (const char  *p,
          const char  *end,
          const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return 0xFFFD;
    }
  *next = g_utf8_next_char (p);
  return c;
}

/* The folded form of a character that is not ASCII: lower case, without
 * accents, compatibility forms spelled out (ﬁ, ², Ⅳ) */
static gsize
fold_char (gunichar c,
           char     out[64])
{
  gunichar buffer[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n, len = 0;

  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x02B9:
    case 0x0060: case 0x00B4: case 0x2032: case 0xFF07:
      out[0] = '\'';
      return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0xFF02:
      out[0] = '"';
      return 1;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58:
    case 0xFE63: case 0xFF0D:
      out[0] = '-';
      return 1;
    case 0x00DF: memcpy (out, "ss", 2); return 2;
    case 0x00C6: case 0x00E6: memcpy (out, "ae", 2); return 2;
    case 0x0152: case 0x0153: memcpy (out, "oe", 2); return 2;
    case 0x00D8: case 0x00F8: out[0] = 'o'; return 1;
    case 0x0110: case 0x0111: out[0] = 'd'; return 1;
    case 0x0141: case 0x0142: out[0] = 'l'; return 1;
    case 0x0131: out[0] = 'i'; return 1;
    case 0x2026: memcpy (out, "...", 3); return 3;
    default:
      break;
    }

  n = g_unichar_fully_decompose (g_unichar_tolower (c), TRUE, buffer, G_N_ELEMENTS (buffer));
  for (gsize i = 0; i < n && len + 6 < 64; i++)
    {
      gunichar u = g_unichar_tolower (buffer[i]);

      if (g_unichar_ismark (u) || g_unichar_isspace (u) || u < 0x20)
        continue;
      if (u == 0x2019 || u == 0x2018 || u == 0x02BC)
        u = '\'';
      len += g_unichar_to_utf8 (u, out + len);
    }
  return len;
}

/* Building ---------------------------------------------------------------- */

static void
reserve (RedressNormText *t,
         gsize            extra)
{
  gsize old_capacity = t->capacity;

  if (t->len + extra + 1 <= t->capacity)
    return;
  t->capacity = MAX (t->capacity * 2, t->len + extra + 1024);
  t->folded = g_realloc (t->folded, t->capacity);
  /* PCRE's compiled matcher may read a few bytes past the text's end
   * (never using them): let them be defined */
  memset (t->folded + old_capacity, 0, t->capacity - old_capacity);
  t->orig = g_renew (guint32, t->orig, t->capacity);
  t->disp = g_renew (guint32, t->disp, t->capacity);
  t->flags = g_renew (guint8, t->flags, t->capacity);
}

static void
put (Builder    *b,
     const char *bytes,
     gsize       n,
     guint32     orig,
     guint8      flags)
{
  RedressNormText *t = b->text;

  reserve (t, n);
  for (gsize i = 0; i < n; i++)
    {
      t->folded[t->len] = bytes[i];
      t->orig[t->len] = orig;
      t->disp[t->len] = (guint32) b->display->len;
      t->flags[t->len] = flags;
      t->len++;
    }
  b->last = bytes[n - 1];
}

static void
flush_space (Builder *b)
{
  if (b->pending != PENDING_NONE && b->last != '\0')
    {
      put (b, " ", 1, b->pending_orig, 0);
      if (b->pending == PENDING_SPACE)
        g_string_append_c (b->display, ' ');
    }
  b->pending = PENDING_NONE;
}

static void
add_space (Builder *b,
           guint32  orig)
{
  if (b->last == '\0' || b->pending != PENDING_NONE)
    return;
  b->pending = PENDING_SPACE;
  b->pending_orig = orig;
}

static void
add_marker (Builder *b,
            char     marker,
            guint32  orig,
            guint32  orig_after)
{
  if (marker == REDRESS_NORM_BREAK && (b->last == '\0' || REDRESS_NORM_IS_MARKER (b->last)))
    {
      add_space (b, orig);
      return;
    }
  b->pending = PENDING_NONE;
  put (b, &marker, 1, orig, 0);
  b->pending = PENDING_SYNTHETIC;
  b->pending_orig = orig_after;
}

/* An original character: its folded form and its display form */
static void
add_char (Builder    *b,
          gunichar    c,
          const char *p,
          const char *next,
          guint32     orig)
{
  guint8 flags = (g_unichar_isupper (c) || g_unichar_istitle (c)) ? REDRESS_NORM_FLAG_UPPER : 0;

  if (c < 0x80)
    {
      char folded = g_ascii_tolower ((char) c);

      flush_space (b);
      put (b, &folded, 1, orig, flags);
    }
  else if (g_unichar_ismark (c))
    {
      /* Accents that follow their letter: shown, not matched */
      if (b->last == '\0')
        return;
    }
  else
    {
      char out[64];
      gsize n = fold_char (c, out);

      if (n == 0)
        return;
      flush_space (b);
      put (b, out, n, orig, flags);
    }
  g_string_append_len (b->display, p, next - p);
}

/* Pages -------------------------------------------------------------------- */

static GRegex *
page_number_regex (void)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("^\\s*(?:(?:page|p\\.)\\s*\\d{1,4}(?:\\s*(?:of|/|de|sur)\\s*"
                                    "\\d{1,4})?|-\\s*\\d{1,4}\\s*-|\\d{1,4}(?:\\s*(?:/|of|de|sur)"
                                    "\\s*\\d{1,4})?)\\s*$",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static gboolean
is_page_number_line (const char *line,
                     gsize       length)
{
  /* Without the blanks that set it right or centred on the page */
  while (length > 0 && g_ascii_isspace (*line))
    line++, length--;
  while (length > 0 && g_ascii_isspace (line[length - 1]))
    length--;
  if (length == 0)
    return TRUE;   /* blank */
  return length < 40 && g_regex_match_full (page_number_regex (), line, (gssize) length, 0, 0,
                                            NULL, NULL);
}

/* The part of a page that is not a page number at its top or bottom */
static void
content_range (const char *text,
               gsize       length,
               gsize      *start,
               gsize      *end)
{
  gsize s = 0, e = length;

  for (int i = 0; i < 3 && s < e; i++)
    {
      const char *nl = memchr (text + s, '\n', e - s);
      gsize line_end = nl != NULL ? (gsize) (nl - text) : e;

      if (!is_page_number_line (text + s, line_end - s))
        break;
      s = nl != NULL ? line_end + 1 : e;
    }
  for (int i = 0; i < 3 && s < e; i++)
    {
      gsize line_start = e;

      while (line_start > s && (text[line_start - 1] == '\n' || text[line_start - 1] == '\r' ||
                                text[line_start - 1] == ' ' || text[line_start - 1] == '\f'))
        line_start--;
      if (line_start == s)
        {
          e = s;
          break;
        }
      while (line_start > s && text[line_start - 1] != '\n')
        line_start--;
      {
        gsize line_end = line_start;

        while (line_end < e && text[line_end] != '\n')
          line_end++;
        if (!is_page_number_line (text + line_start, line_end - line_start))
          {
            e = line_end;
            break;
          }
      }
      e = line_start;
    }
  *start = s;
  *end = e;
}

/* Characters in a line, not counting white space at its ends */
static glong
line_length (const char *start,
             const char *end)
{
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return g_utf8_strlen (start, end - start);
}

static glong
longest_line (const char *text,
              const char *end)
{
  glong longest = 0;

  while (text < end)
    {
      const char *nl = memchr (text, '\n', end - text);
      const char *line_end = nl != NULL ? nl : end;

      longest = MAX (longest, line_length (text, line_end));
      text = nl != NULL ? nl + 1 : end;
    }
  return longest;
}

static gboolean
is_short (glong length,
          glong longest)
{
  return longest >= MIN_LINE_FOR_SHORT && length * 100 < longest * SHORT_LINE_PERCENT;
}

/* The first character after white space (NUL at @end) */
static gunichar
first_char (const char *p,
            const char *end)
{
  while (p < end)
    {
      const char *next;
      gunichar c = get_char (p, end, &next);

      if (!g_unichar_isspace (c) && !is_invisible (c) && c != 0xA0)
        return c;
      p = next;
    }
  return 0;
}

/* A check box written with brackets: [X] [x] [✓] [ ] [] (and with
 * parentheses at a line start): its length, 0 if none */
static gsize
bracket_box (const char *p,
             const char *end,
             gboolean    line_start,
             char       *marker)
{
  char close;
  const char *q = p + 1, *next;
  gunichar c;

  if (*p == '[')
    close = ']';
  else if (*p == '(' && line_start)
    close = ')';
  else
    return 0;
  if (q >= end)
    return 0;
  if (*q == close)
    {
      *marker = REDRESS_NORM_UNCHECKED;
      return close == ']' ? 2 : 0;
    }
  c = get_char (q, end, &next);
  if (c == ' ')
    {
      while (next < end && *next == ' ' && next - q < 3)
        next++;
      *marker = REDRESS_NORM_UNCHECKED;
    }
  else if (c == 'X' || c == 'x' || c == 0x2713 || c == 0x2714 || c == 0x2717 || c == 0x2718)
    *marker = REDRESS_NORM_CHECKED;
  else
    return 0;
  if (next < end && *next == close)
    return (gsize) (next + 1 - p);
  return 0;
}

/* Whether the text prints empty check boxes (☐ □ [ ] ( )) */
static gboolean
has_empty_box (const char *p,
               const char *end)
{
  static const char * const boxes[] = { "\u2610", "\u25A1", "[ ]", "( )", "[]", "()" };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (g_strstr_len (p, end - p, boxes[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* A line of a list of boxes shorter than this (percent of the page's
 * longest line) ends there: the next line is an item of its own */
#define BOX_LINE_PERCENT 85

/* At a line start: X, a dash, an asterisk or a number followed by a space */
static gsize
line_start_mark (const char *p,
                 const char *end,
                 char       *marker)
{
  const char *q = p;

  if (end - p >= 3 && *p == 'X' && (p[1] == ' ' || p[1] == '\t'))
    {
      const char *r = p + 1;

      while (r < end && (*r == ' ' || *r == '\t'))
        r++;
      if (r < end && r - p <= 8 && !g_ascii_isspace (*r))
        {
          *marker = REDRESS_NORM_CHECKED;
          return 1;
        }
    }
  if ((*p == '-' || *p == '*' || *p == '+' || *p == '>' || *p == 'o') &&
      end - p >= 2 && (p[1] == ' ' || p[1] == '\t'))
    {
      /* "o" is the bullet of a Word list pasted as text */
      if (*p == 'o' && (end - p < 3 || !g_ascii_isupper (p[2])))
        return 0;
      *marker = REDRESS_NORM_BULLET;
      return 1;
    }
  while (q < end && q - p < 3 && g_ascii_isdigit (*q))
    q++;
  if (q > p && q + 1 < end && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t'))
    {
      *marker = REDRESS_NORM_BULLET;
      return (gsize) (q + 1 - p);
    }
  return 0;
}

typedef struct
{
  const char *text;
  gsize base;          /* offset of the page in the pages laid end to end */
  gsize start, end;    /* content range */
  glong longest;
} PageInfo;

/* A hyphen at @p: if it ends a line, where the next line starts
 * (returned); at the end of the page's content, *at_end says so (the next
 * page decides) */
static const char *
hyphen_continuation (const char *p,
                     const char *end,
                     gboolean   *at_end)
{
  const char *q = p;
  gboolean newline = FALSE;

  *at_end = FALSE;
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  if (q < end && *q == '\r')
    q++;
  if (q < end && *q == '\n')
    {
      newline = TRUE;
      q++;
    }
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  if (q >= end)
    {
      *at_end = TRUE;
      return NULL;
    }
  return newline ? q : NULL;
}

/* After a hyphen at a line end, @c goes on with the word: lower case, or
 * upper case after upper case (HIS-|TORY) */
static gboolean
continues_word (Builder  *b,
                gunichar  c)
{
  RedressNormText *t = b->text;

  if (g_unichar_islower (c))
    return TRUE;
  return g_unichar_isupper (c) && t->len > 0 && (t->flags[t->len - 1] & REDRESS_NORM_FLAG_UPPER);
}

static void
build_page (Builder        *b,
            const PageInfo *page,
            gunichar        next_page_first,
            gboolean       *joined_to_next)
{
  const char *text = page->text;
  const char *p = text + page->start;
  const char *end = text + page->end;
  const char *line_begin = p;
  gboolean line_start = TRUE;
  /* Where empty boxes print, a line without one is no item */
  gboolean empty_boxes_print = has_empty_box (p, end);
  guint indent = 0;                /* blanks at the start of the line so far */
  gboolean box_line = FALSE;       /* the line starts with a check box */
  gboolean after_box_line = FALSE; /* ... and so did the line before */

  *joined_to_next = FALSE;

  while (p < end)
    {
      const char *next;
      gunichar c = get_char (p, end, &next);
      guint32 orig = (guint32) (page->base + (gsize) (p - text));
      char marker = 0;
      gsize n;

      if (is_newline (c))
        {
          gboolean paragraph = FALSE;
          const char *q = next;
          glong length = line_length (line_begin, p);

          if (c == '\r' && q < end && *q == '\n')
            q++;
          /* A blank line, or a short line before a line that does not go
           * on in lower case */
          {
            const char *r = q;

            while (r < end && (*r == ' ' || *r == '\t' || *r == '\r'))
              r++;
            if (r < end && *r == '\n')
              paragraph = TRUE;
            else if (r < end && is_short (length, page->longest))
              paragraph = !g_unichar_islower (first_char (r, end));
          }
          if (paragraph)
            add_marker (b, REDRESS_NORM_BREAK, orig, orig);
          else
            add_space (b, orig);
          p = line_begin = q;
          line_start = TRUE;
          /* a long line goes on on the next: no new item there */
          after_box_line = box_line && length * 100 < page->longest * BOX_LINE_PERCENT;
          box_line = FALSE;
          indent = 0;
          continue;
        }
      if (is_blank (c) || (c == 0x00B7 && !line_start))
        {
          add_space (b, orig);
          if (line_start)
            indent++;
          p = next;
          continue;
        }
      if (is_hyphen (c) && !line_start && (g_ascii_isalpha (b->last) || (guchar) b->last >= 0x80))
        {
          gboolean at_end;
          const char *resume = hyphen_continuation (next, end, &at_end);

          if (resume != NULL && continues_word (b, g_utf8_get_char_validated (resume, end - resume)))
            {
              p = line_begin = resume;
              line_start = FALSE;
              continue;
            }
          if (at_end && continues_word (b, next_page_first))
            {
              *joined_to_next = TRUE;
              return;
            }
        }
      if (is_invisible (c))
        {
          p = next;
          continue;
        }

      if ((n = bracket_box (p, end, line_start, &marker)) > 0 ||
          (line_start && (n = line_start_mark (p, end, &marker)) > 0))
        {
          add_marker (b, marker, orig, orig + (guint32) n);
          box_line = line_start && marker != REDRESS_NORM_BULLET;
          p += n;
          line_start = FALSE;
          continue;
        }
      /* A line of a list of boxes whose empty box left no glyph (only the
       * ticked ones print an X): indented like the text after the boxes */
      if (line_start && after_box_line && !empty_boxes_print && indent >= 2 &&
          !is_checked_glyph (c) &&
          !is_unchecked_glyph (c))
        {
          add_marker (b, REDRESS_NORM_UNCHECKED, orig, orig);
          box_line = TRUE;
        }
      if (is_checked_glyph (c))
        marker = REDRESS_NORM_CHECKED;
      else if (is_unchecked_glyph (c))
        marker = REDRESS_NORM_UNCHECKED;
      else if (is_bullet_glyph (c) || c == 0x00B7)
        marker = REDRESS_NORM_BULLET;
      if (marker != 0)
        {
          add_marker (b, marker, orig, (guint32) (page->base + (gsize) (next - text)));
          box_line = line_start && marker != REDRESS_NORM_BULLET;
          p = next;
          line_start = FALSE;
          continue;
        }
      if (is_stray (c))
        {
          p = next;
          continue;
        }

      add_char (b, c, p, next, orig);
      line_start = FALSE;
      p = next;
    }

  /* The page ends: like a line end, with the next page's first line */
  {
    glong length = line_length (line_begin, end);
    guint32 orig = (guint32) (page->base + page->end);

    if (next_page_first != 0 && is_short (length, page->longest) &&
        !g_unichar_islower (next_page_first))
      add_marker (b, REDRESS_NORM_BREAK, orig, orig);
    else
      add_space (b, orig);
  }
}

/**
 * redress_norm_text_new:
 * @pages: (array length=n_pages): the text of each page, as extracted
 *
 * Returns: (transfer full): the folded text of @pages, which must outlive it
 */
RedressNormText *
redress_norm_text_new (const char * const *pages,
                       guint               n_pages)
{
  RedressNormText *t = g_new0 (RedressNormText, 1);
  g_autofree PageInfo *info = g_new0 (PageInfo, n_pages + 1);
  Builder b = { t, NULL, PENDING_NONE, 0, '\0' };
  gsize total = 0;

  t->pages = pages;
  t->n_pages = n_pages;
  t->page_base = g_new0 (gsize, n_pages + 1);
  for (guint i = 0; i < n_pages; i++)
    {
      gsize length = pages[i] != NULL ? strlen (pages[i]) : 0;

      /* Offsets are 32 bits: 4 GB of text is far beyond any document */
      if (total + length >= G_MAXUINT32)
        length = 0;
      t->page_base[i] = total;
      info[i].text = pages[i] != NULL ? pages[i] : "";
      info[i].base = total;
      content_range (info[i].text, length, &info[i].start, &info[i].end);
      info[i].longest = longest_line (info[i].text + info[i].start, info[i].text + info[i].end);
      total += length;
    }
  t->page_base[n_pages] = total;

  b.display = g_string_sized_new (total + 16);
  reserve (t, total + total / 4 + 16);

  for (guint i = 0; i < n_pages; i++)
    {
      gunichar next_first = 0;
      gboolean joined = FALSE;

      for (guint j = i + 1; j < n_pages && next_first == 0; j++)
        next_first = first_char (info[j].text + info[j].start, info[j].text + info[j].end);
      build_page (&b, &info[i], next_first, &joined);
      if (joined)
        {
          /* fi- | nancial: the next page goes on with the word */
          b.pending = PENDING_NONE;
        }
    }

  reserve (t, 0);
  t->folded[t->len] = '\0';
  t->orig[t->len] = (guint32) total;
  t->disp[t->len] = (guint32) b.display->len;
  t->display_len = b.display->len;
  t->display = g_string_free (b.display, FALSE);
  return t;
}

void
redress_norm_text_free (RedressNormText *self)
{
  if (self == NULL)
    return;
  g_free (self->folded);
  g_free (self->orig);
  g_free (self->disp);
  g_free (self->flags);
  g_free (self->display);
  g_free (self->page_base);
  g_free (self);
}

/**
 * redress_norm_text_dup_display:
 * @start: offset in the folded text
 * @end: offset in the folded text, after @start
 *
 * Returns: (transfer full): the text of the folded range as it reads on the
 *   page: original characters, white space collapsed, hyphenation undone
 */
char *
redress_norm_text_dup_display (RedressNormText *self,
                               gsize            start,
                               gsize            end)
{
  gsize ds, de;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= self->len, NULL);

  ds = self->disp[start];
  de = self->disp[end];
  while (de > ds && self->display[de - 1] == ' ')
    de--;
  return g_strndup (self->display + ds, de - ds);
}

static void
global_to_page (RedressNormText *self,
                gsize            offset,
                guint           *page,
                gsize           *local)
{
  guint lo = 0, hi = self->n_pages;

  /* The last page that starts at or before @offset */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->page_base[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  *page = lo + 1;
  *local = offset - self->page_base[lo];
}

/**
 * redress_norm_text_locate:
 * @start: offset in the folded text
 * @end: offset in the folded text, after @start
 * @page: (out): the page (from 1) where the range starts
 * @page_start: (out): the byte offset of its first character in that
 *   page's text
 * @end_page: (out) (optional): the page where the range ends
 * @page_end: (out) (optional): the byte offset just after its last
 *   character in the text of @end_page
 *
 * Where a range of the folded text is on the pages.
 */
void
redress_norm_text_locate (RedressNormText *self,
                          gsize            start,
                          gsize            end,
                          guint           *page,
                          gsize           *page_start,
                          guint           *end_page,
                          gsize           *page_end)
{
  const char *text;
  gsize local, length, after;
  guint p;

  g_return_if_fail (self != NULL && self->n_pages > 0);
  g_return_if_fail (start < end && end <= self->len);

  global_to_page (self, self->orig[start], page, page_start);

  /* Just after the character the last folded byte comes from */
  global_to_page (self, self->orig[end - 1], &p, &local);
  text = self->pages[p - 1];
  length = self->page_base[p] - self->page_base[p - 1];
  after = local < length ? (gsize) (g_utf8_next_char (text + local) - text) : length;
  if (end_page != NULL)
    *end_page = p;
  if (page_end != NULL)
    *page_end = MIN (after, length);
}

/**
 * redress_normalize_fold:
 * @text: one text (several lines)
 *
 * Returns: (transfer full): @text folded as redress_norm_text_new() folds
 *   pages (markers included)
 */
char *
redress_normalize_fold (const char *text)
{
  const char *pages[1] = { text };
  g_autoptr(RedressNormText) t = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  t = redress_norm_text_new (pages, 1);
  return g_strndup (t->folded, t->len);
}

/**
 * redress_normalize_display:
 * @text: one text (several lines)
 *
 * Returns: (transfer full): @text as it reads: white space collapsed,
 *   hyphenation undone, markers and stray glyphs dropped
 */
char *
redress_normalize_display (const char *text)
{
  const char *pages[1] = { text };
  g_autoptr(RedressNormText) t = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  t = redress_norm_text_new (pages, 1);
  return g_strndup (t->display, t->display_len);
}

/* Prose ------------------------------------------------------------------ */

/* Words written with a hyphen that a line break can fall after: the
 * hyphen stays when the line ends on one of them (co-|operate) */
static const char * const compound_prefixes[] = {
  "all", "anti", "co", "cross", "ex", "full", "half", "high", "ill", "inter", "long", "low",
  "multi", "non", "over", "part", "post", "pre", "pro", "quasi", "re", "self", "semi",
  "short", "so", "sub", "under", "well", "wide", "year",
  /* French */
  "avant", "après", "contre", "demi", "mi", "sans", "sous", "vice",
  NULL
};

static gboolean
is_compound_prefix (const char *word,
                    gsize       length)
{
  g_autofree char *lower = g_utf8_strdown (word, (gssize) length);

  /* After a hyphen already in the word (long-term-|resident), or a
   * prefix that is a word of its own */
  if (memchr (word, '-', length) != NULL)
    return TRUE;
  for (guint i = 0; compound_prefixes[i] != NULL; i++)
    if (g_str_equal (lower, compound_prefixes[i]))
      return TRUE;
  return FALSE;
}

/**
 * redress_normalize_prose:
 * @text: (nullable): a passage as extracted from a page (lines and all)
 *
 * The passage as it reads in a sentence: a word hyphenated at a line end
 * joined (finan-|cial → financial), a hyphen that belongs to the word kept
 * (well-|established, co-|operate, Canada-|United States), other line breaks and runs of white
 * space as one space, invisible characters dropped, no space at either
 * end.  Unlike redress_normalize_display(), nothing is taken for a bullet,
 * a check box or a page number: a quote keeps all of its words.
 *
 * Returns: (transfer full): the prose ("" for %NULL)
 */
char *
redress_normalize_prose (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p, *end;
  gsize word_start = 0;     /* in @out: where the last word began */
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  p = valid;
  end = valid + strlen (valid);
  while (p < end)
    {
      const char *next;
      gunichar c = get_char (p, end, &next);

      if (is_newline (c) || is_blank (c) || c == '\t')
        {
          space = out->len > 0;
          p = next;
          continue;
        }
      if (is_invisible (c))
        {
          p = next;
          continue;
        }
      if (is_hyphen (c) && !space && out->len > word_start)
        {
          /* A hyphen ending a line, before a word going on in lower case */
          const char *q = next;
          gboolean newline = FALSE;

          while (q < end)
            {
              const char *after;
              gunichar d = get_char (q, end, &after);

              if (is_newline (d))
                newline = TRUE;
              else if (!is_blank (d) && d != '\t')
                break;
              q = after;
            }
          if (newline && q < end && g_unichar_isalnum (g_utf8_get_char (q)) &&
              g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (out->str + out->len))))
            {
              /* Lower case goes on with the word, unless the hyphen is
               * the word's own (co-|operate); a capital or a digit starts
               * the other half of a compound (Canada-|United States) */
              if (!g_unichar_islower (g_utf8_get_char (q)) ||
                  is_compound_prefix (out->str + word_start, out->len - word_start))
                g_string_append_c (out, '-');
              p = q;
              continue;
            }
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          space = FALSE;
          word_start = out->len;
        }
      g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

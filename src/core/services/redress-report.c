/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-report"

#include "config.h"

#include <errno.h>

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "redress-catalog.h"
#include "redress-client.h"
#include "redress-document.h"
#include "redress-error.h"
#include "redress-field.h"
#include "redress-firm.h"
#include "redress-grounds.h"
#include "redress-normalize.h"
#include "redress-remedies.h"
#include "redress-report.h"
#include "redress-file-util.h"
#include "redress-store-checklist.h"
#include "redress-store-documents.h"
#include "redress-store-grounds.h"

/*
 * A report is read from the store once (redress_report_new_*), in the
 * language asked for, as a list of blocks: paragraphs, quotes, checklist
 * items, rules.  Paginating measures the blocks with Pango on a cairo
 * context and places them on pages: a block never straddles two pages
 * unless it is taller than a page (then it breaks between lines), and a
 * heading stays with what follows it.  Drawing a page draws its blocks
 * line by line, so the text of a PDF is text (selectable, searchable) and
 * printing draws exactly what the PDF shows.  All measures are in points.
 */

#define MARGIN_X       54.0
#define MARGIN_TOP     50.0
#define MARGIN_BOTTOM  46.0
#define FOOTER_HEIGHT  22.0
#define BOX_SIZE        8.5
#define ITEM_INDENT    17.0
#define QUOTE_INDENT   14.0

#define T(msgid) redress_catalog_gettext (self->catalog, msgid)

typedef enum
{
  BLOCK_TEXT,
  BLOCK_QUOTE,
  BLOCK_ITEM,
  BLOCK_RULE,
} BlockKind;

typedef struct
{
  BlockKind kind;
  char *markup;
  const char *font;
  double indent;
  double space_before;
  gboolean keep_with_next;
  RedressItemState state;

  /* Layout */
  PangoLayout *layout;
  GArray *line_tops;      /* doubles: the top of each line in the layout */
  GArray *line_bottoms;
  double height;
} Block;

typedef struct
{
  guint block;
  guint first_line;
  guint n_lines;
  double y;               /* where the first line's top goes */
} Placement;

struct _RedressReport
{
  GObject parent_instance;

  RedressCatalog *catalog;
  char *title;
  char *file_name;
  char *firm_name;
  char *footer;

  GPtrArray *blocks;      /* Block */
  GPtrArray *pages;       /* GArray of Placement */
  PangoContext *context;
  double width;
  double height;
};

G_DEFINE_FINAL_TYPE (RedressReport, redress_report, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->line_tops, g_array_unref);
  g_clear_pointer (&block->line_bottoms, g_array_unref);
  g_free (block);
}

static void
redress_report_finalize (GObject *object)
{
  RedressReport *self = REDRESS_REPORT (object);

  g_free (self->title);
  g_free (self->file_name);
  g_free (self->firm_name);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (redress_report_parent_class)->finalize (object);
}

static void
redress_report_class_init (RedressReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_report_finalize;
}

static void
redress_report_init (RedressReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* Building the blocks ---------------------------------------------------- */

static Block *
add_block (RedressReport *self,
           BlockKind      kind,
           const char    *font,
           double         space_before,
           char          *markup)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->font = font;
  block->space_before = space_before;
  block->markup = markup;
  g_ptr_array_add (self->blocks, block);
  return block;
}

/* Stored text as a PDF may show it: on one line (names, numbers) or with
 * its line breaks (an address, a note), without control characters or the
 * invisible marks that would reverse the text around them (U+202E would
 * print a file number backwards) */
static char *
one_line (const char *text)
{
  return redress_text_sanitize_for_display (text, FALSE);
}

static char *
some_lines (const char *text)
{
  return redress_text_sanitize_for_display (text, TRUE);
}

/* A paragraph of plain text */
static Block *
add_text (RedressReport *self,
          const char    *font,
          double         space_before,
          const char    *text)
{
  g_autofree char *safe = some_lines (text);

  return add_block (self, BLOCK_TEXT, font, space_before, g_markup_escape_text (safe, -1));
}

static void
add_rule (RedressReport *self,
          double         space_before)
{
  add_block (self, BLOCK_RULE, "Sans 4", space_before, g_strdup (""));
}

/* A date as it reads in a document of the report's language */
static char *
format_date (RedressReport *self,
             const char    *iso)
{
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  GDate date;

  if (iso == NULL || !redress_date_parse (iso, &date, NULL))
    return g_strdup (iso);
  /* The first of a month has a format of its own (French writes "1er") */
  if (g_date_get_day (&date) == 1)
    /* Translators: a date in a document for the client, on the first of
     * a month: %1$s the month's name, %2$d the day (1), %3$d the year */
    return g_strdup_printf (redress_catalog_pgettext (self->catalog, "first of the month",
                                                      NC_("first of the month", "%1$s %2$d, %3$d")),
                            redress_catalog_pgettext (self->catalog, "month",
                                                      months[g_date_get_month (&date) - 1]),
                            (int) g_date_get_day (&date), (int) g_date_get_year (&date));
  /* Translators: a date in a document for the client: %1$s the month's
   * name, %2$d the day, %3$d the year; put them in your language's order */
  return g_strdup_printf (T (N_("%1$s %2$d, %3$d")),
                          redress_catalog_pgettext (self->catalog, "month",
                                                    months[g_date_get_month (&date) - 1]),
                          (int) g_date_get_day (&date), (int) g_date_get_year (&date));
}

static char *
today_iso (RedressStore *store)
{
  g_autoptr(GDateTime) now = redress_store_dup_now (store);
  g_autoptr(GDateTime) local = g_date_time_to_local (now);

  return g_date_time_format (local, "%Y-%m-%d");
}

static const char *
path_msgid (const char *path)
{
  const RedressFieldDef *def = redress_case_field_def (REDRESS_CASE_PATH);

  for (guint i = 0; def->choices[i].code != NULL; i++)
    if (g_strcmp0 (def->choices[i].code, path) == 0)
      return def->choices[i].label;
  return path;
}

/* The firm's letterhead and the document's heading */
static void
add_heading (RedressReport *self,
             RedressFirm   *firm,
             RedressClient *client,
             const char    *title,
             const char    *date_text)
{
  g_autofree char *name = one_line (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME));
  const char *address = redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_ADDRESS);
  g_autofree char *phone = one_line (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_PHONE));
  g_autofree char *email = one_line (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_EMAIL));
  g_autofree char *licence = one_line (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_LICENCE));
  g_autoptr(GPtrArray) contact = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display_name = redress_client_dup_display_name (client);
  g_autofree char *client_name = one_line (display_name);
  g_autofree char *file_number = one_line (redress_client_get_file_number (client));
  g_autofree char *stored_uci = redress_uci_format (redress_client_get_uci (client));
  g_autofree char *uci = one_line (stored_uci);

  self->firm_name = g_strdup (name);
  if (name != NULL && *name != '\0')
    add_text (self, "Sans Bold 15", 0, name)->keep_with_next = TRUE;
  if (address != NULL && *address != '\0')
    add_text (self, "Sans 9.5", 2, address)->keep_with_next = TRUE;
  if (phone != NULL && *phone != '\0')
    g_ptr_array_add (contact, g_strdup (phone));
  if (email != NULL && *email != '\0')
    g_ptr_array_add (contact, g_strdup (email));
  if (licence != NULL && *licence != '\0')
    /* Translators: the consultant's licence number (CICC) on the letterhead */
    g_ptr_array_add (contact, g_strdup_printf (T (N_("Licence %s")), licence));
  if (contact->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (contact, NULL);
      joined = g_strjoinv (" · ", (char **) contact->pdata);
      add_text (self, "Sans 9.5", 2, joined)->keep_with_next = TRUE;
    }
  add_rule (self, 8);

  add_text (self, "Sans Bold 17", 14, title)->keep_with_next = TRUE;
  {
    g_autofree char *line = NULL;

    if (file_number != NULL && uci != NULL && *uci != '\0')
      /* Translators: the client's name, the firm's file number, the client's UCI */
      line = g_strdup_printf (T (N_("Prepared for %1$s · File %2$s · UCI %3$s")),
                              client_name, file_number, uci);
    else if (file_number != NULL)
      /* Translators: the client's name, the firm's file number */
      line = g_strdup_printf (T (N_("Prepared for %1$s · File %2$s")), client_name, file_number);
    else
      /* Translators: the client's name */
      line = g_strdup_printf (T (N_("Prepared for %s")), client_name);
    add_text (self, "Sans 10.5", 4, line)->keep_with_next = TRUE;
  }
  {
    /* Translators: the date a document was prepared */
    g_autofree char *line = g_strdup_printf (T (N_("Date: %s")), date_text);

    add_text (self, "Sans 10.5", 1, line);
  }
}

/* The remedy the path leads to, and its deadline in words */
static char *
deadline_line (RedressReport *self,
               RedressStore  *store,
               RedressCase   *kase,
               const char    *path)
{
  g_autoptr(GPtrArray) remedies = NULL;
  RedressRemedy *remedy = NULL;
  g_autofree char *source = NULL;
  g_autofree char *file_by = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *today_text = today_iso (store);
  GDate today;

  /* The store's today, the day the document is dated */
  if (!redress_date_parse (today_text, &today, NULL))
    redress_date_today (&today);
  remedies = redress_remedies_compute (kase,
                                       redress_store_case_has_confirmed (store,
                                                                         redress_record_get_id (REDRESS_RECORD (kase)),
                                                                         "misrepresentation"),
                                       &today, NULL);
  remedy = redress_remedies_find_for_path (remedies, path);
  if (remedy == NULL)
    return NULL;

  source = redress_remedy_dup_source (remedy->code, redress_catalog_get_language (self->catalog));
  if (!remedy->available)
    /* Translators: %s is the provision (IRPR s.182) */
    return g_strdup_printf (T (N_("Deadline: this path does not look open on the dates recorded "
                                  "(%s); your consultant will confirm it.")), source ? source : "");
  if (remedy->file_by == NULL)
    /* Translators: %s is the provision */
    return g_strdup_printf (T (N_("Deadline: none set by law (%s).")), source ? source : "");

  file_by = format_date (self, remedy->file_by);
  deadline = format_date (self, remedy->deadline);
  if (remedy->moved)
    /* Translators: the day to file by, the day the period ends (a weekend
     * or a holiday), the provision */
    return g_strdup_printf (T (N_("Deadline: file by %1$s. The period ends %2$s, a day the office "
                                  "is closed, and moves to the next working day (%3$s).")),
                            file_by, deadline, source ? source : "");
  /* Translators: the day to file by, the provision */
  return g_strdup_printf (T (N_("Deadline: file by %1$s (%2$s).")), file_by, source ? source : "");
}

/* Where a passage is: the document by its kind (in the report's
 * language), and the page: "Refusal letter, page 2" */
static char *
passage_where (RedressReport *self,
               RedressStore  *store,
               gint64         document_id,
               guint          page,
               const char    *fallback)
{
  g_autoptr(RedressDocument) document = NULL;
  const char *what = fallback;

  if (document_id > 0)
    document = redress_store_get_document (store, document_id, NULL);
  if (document != NULL)
    what = T (redress_document_kind_get_msgid (redress_document_get_kind (document)));
  if (page == 0)
    return g_strdup (what);
  if (redress_store_page_is_ocr (store, document_id, page))
    /* Translators: a document's kind (Refusal letter), a page number, then
     * that its text was read by OCR ("read from a scanned page — check
     * against the page") */
    return g_strdup_printf (T (N_("%1$s, page %2$u · %3$s")), what, page,
                            T (redress_store_get_ocr_caution_msgid ()));
  /* Translators: a document's kind (Refusal letter), a page number */
  return g_strdup_printf (T (N_("%1$s, page %2$u")), what, page);
}

/* A quote, as prose, and where it is */
static void
add_passage (RedressReport *self,
             const char    *quote,
             const char    *where)
{
  g_autofree char *normalized = redress_normalize_prose (quote);
  g_autofree char *prose = some_lines (normalized);
  g_autofree char *safe_where = one_line (where);
  char *text = g_markup_printf_escaped ("“%s”\n<span size=\"smaller\">— %s</span>", prose,
                                        safe_where);

  add_block (self, BLOCK_QUOTE, "Serif Italic 10.5", 2, text)->indent = QUOTE_INDENT;
}

/* “The officer's sentence” — Refusal letter, page 2 */
static void
add_officer_words (RedressReport     *self,
                   RedressStore      *store,
                   RedressCaseGround *ground)
{
  const char *quote = redress_case_ground_get_quote (ground);
  GPtrArray *evidence = redress_case_ground_get_evidence (ground);

  if (quote != NULL && *quote != '\0')
    {
      g_autofree char *where = passage_where (self, store, redress_case_ground_get_document_id (ground),
                                              redress_case_ground_get_page (ground),
                                              T (N_("The refusal letter")));

      add_text (self, "Sans Bold 9.5", 5, T (N_("The officer wrote:")))->keep_with_next = TRUE;
      add_passage (self, quote, where);
    }
  else
    add_text (self, "Sans Italic 9.5", 5,
              T (N_("The officer’s sentence is not recorded for this ground yet.")));

  if (evidence != NULL && evidence->len > 0)
    {
      add_text (self, "Sans Bold 9.5", 6, T (N_("From the officer’s notes:")))->keep_with_next = TRUE;
      for (guint i = 0; i < evidence->len; i++)
        {
          RedressEvidence *e = g_ptr_array_index (evidence, i);
          g_autofree char *where = passage_where (self, store, redress_evidence_get_document_id (e),
                                                  redress_evidence_get_page (e),
                                                  redress_evidence_get_file_name (e));

          add_passage (self, redress_evidence_get_quote (e), where);
        }
    }
}

static void
add_item (RedressReport        *self,
          RedressChecklistItem *item,
          double                space_before)
{
  GString *markup = g_string_new (NULL);
  RedressItemState state = redress_checklist_item_get_state (item);
  const char *due = redress_checklist_item_get_due (item);
  g_autofree char *note = some_lines (redress_checklist_item_get_note (item));
  g_autofree char *item_text = some_lines (redress_checklist_item_get_text_in (item, self->catalog));
  g_autofree char *text = g_markup_escape_text (item_text, -1);
  g_autofree char *state_text = g_markup_escape_text (redress_item_state_get_label_in (state, self->catalog), -1);
  Block *block;

  g_string_append (markup, text);
  g_string_append_printf (markup, "\n<span size=\"smaller\" foreground=\"#4a4a4a\">%s", state_text);
  if (due != NULL)
    {
      g_autofree char *date = format_date (self, due);
      /* Translators: when an item of the checklist is due */
      g_autofree char *line = g_strdup_printf (T (N_("due %s")), date);
      g_autofree char *escaped = g_markup_escape_text (line, -1);

      g_string_append_printf (markup, " · %s", escaped);
    }
  if (note != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);

      g_string_append_printf (markup, " · %s", escaped);
    }
  g_string_append (markup, "</span>");

  block = add_block (self, BLOCK_ITEM, "Sans 10.5", space_before, g_string_free (markup, FALSE));
  block->state = state;
  block->indent = ITEM_INDENT;
}

static RedressCaseGround *
find_ground (GPtrArray  *grounds,
             const char *code)
{
  for (guint i = 0; grounds != NULL && i < grounds->len; i++)
    {
      RedressCaseGround *ground = g_ptr_array_index (grounds, i);

      if (g_strcmp0 (redress_case_ground_get_code (ground), code) == 0)
        return ground;
    }
  return NULL;
}

/* A provision as the catalogue writes it (R179(b), A40(1)(a)) as a
 * client reads it: "IRPR 179(b)", "IRPA 40(1)(a)"; in French the
 * regulations are the RIPR, the act the LIPR, and a paragraph's letter
 * loses its opening parenthesis ("RIPR 179b)", "LIPR 40(1)a)").  Any
 * other text is left as it is. */
static char *
format_provision (RedressReport *self,
                  const char    *provision)
{
  g_autoptr(GRegex) shape = g_regex_new ("^([RA])([0-9]+(?:\\.[0-9]+)?)((?:\\([0-9a-z.]+\\))*)$",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gboolean french = g_strcmp0 (redress_catalog_get_language (self->catalog), "fr") == 0;
  g_autofree char *act = NULL;
  g_autofree char *section = NULL;
  g_autofree char *parts = NULL;
  GString *text;

  if (provision == NULL || !g_regex_match (shape, provision, 0, &match))
    return g_strdup (provision);
  act = g_match_info_fetch (match, 1);
  section = g_match_info_fetch (match, 2);
  parts = g_match_info_fetch (match, 3);
  /* Translators: the Regulations (IRPR) and the Act (IRPA), as cited */
  text = g_string_new (g_str_equal (act, "R") ? T (N_("IRPR")) : T (N_("IRPA")));
  g_string_append_printf (text, " %s", section);
  for (const char *p = parts; *p != '\0'; p++)
    {
      /* (b) -> b) in French; (1) stays */
      if (french && *p == '(' && g_ascii_isalpha (p[1]))
        continue;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* The provision of a ground that fits the application: the one the letter
 * cited, else the catalogue's for study or work permits, else its first */
static const char *
pick_provision (const char        *code,
                RedressCaseGround *ground,
                const char        *application_type)
{
  const char * const *provisions = redress_ground_get_provisions (code);
  const char *prefix = NULL;

  if (ground != NULL && redress_case_ground_get_provision (ground) != NULL)
    return redress_case_ground_get_provision (ground);
  if (provisions == NULL || provisions[0] == NULL)
    return NULL;
  if (g_str_has_prefix (application_type ? application_type : "", "study-permit"))
    prefix = "R216";
  else if (g_str_has_prefix (application_type ? application_type : "", "work-permit"))
    prefix = "R200";
  for (guint i = 0; prefix != NULL && provisions[i] != NULL; i++)
    if (g_str_has_prefix (provisions[i], prefix))
      return provisions[i];
  return provisions[0];
}

/* The heading of a ground: its label and provision */
static void
add_ground_heading (RedressReport     *self,
                    const char        *code,
                    RedressCaseGround *ground,
                    const char        *application_type,
                    const char        *number)
{
  const char *label = redress_ground_get_msgid (code);
  g_autofree char *provision = format_provision (self, pick_provision (code, ground, application_type));
  g_autofree char *heading = NULL;

  if (provision != NULL)
    heading = g_strdup_printf ("%s%s (%s)", number, label ? T (label) : code, provision);
  else
    heading = g_strdup_printf ("%s%s", number, label ? T (label) : code);
  add_text (self, "Sans Bold 12.5", 16, heading)->keep_with_next = TRUE;
  if (ground == NULL || redress_case_ground_get_state (ground) != REDRESS_GROUND_CONFIRMED)
    add_text (self, "Sans Italic 9.5", 2,
              T (N_("This ground is no longer among the confirmed grounds of the refusal.")))->keep_with_next = TRUE;
}

typedef struct
{
  RedressStore *store;
  RedressCase *kase;
  RedressClient *client;
  RedressFirm *firm;
  GPtrArray *grounds;
  GPtrArray *items;
  char *path;
} Sources;

static void
sources_clear (Sources *sources)
{
  g_clear_object (&sources->kase);
  g_clear_object (&sources->client);
  g_clear_object (&sources->firm);
  g_clear_pointer (&sources->grounds, g_ptr_array_unref);
  g_clear_pointer (&sources->items, g_ptr_array_unref);
  g_clear_pointer (&sources->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sources, sources_clear)

/* Reads what a report shows; @path NULL: the case's (none when it has no
 * checklist and @need_path is FALSE) */
static RedressReport *
report_new (RedressStore  *store,
            gint64         case_id,
            const char    *path,
            gboolean       need_path,
            const char    *language,
            Sources       *sources,
            GError       **error)
{
  g_autoptr(RedressReport) self = g_object_new (REDRESS_TYPE_REPORT, NULL);

  sources->store = store;
  sources->kase = redress_store_get_case (store, case_id, error);
  if (sources->kase == NULL)
    return NULL;
  sources->client = redress_store_get_client (store, redress_case_get_client_id (sources->kase), error);
  if (sources->client == NULL)
    return NULL;
  sources->firm = redress_store_get_firm (store, error);
  if (sources->firm == NULL)
    return NULL;

  if (language == NULL)
    language = redress_client_get_language (sources->client);
  if (language == NULL || *language == '\0')
    language = "en";
  self->catalog = redress_catalog_get (language, error);
  if (self->catalog == NULL)
    return NULL;

  sources->path = g_strdup (path ? path : redress_record_get_value (REDRESS_RECORD (sources->kase), REDRESS_CASE_PATH));
  if (need_path || path != NULL || redress_checklist_has_path (sources->path))
    {
      /* The checklist as the consultant left it: drafted when it has no
       * items yet, never merged behind the consultant's back */
      sources->items = redress_store_list_checklist (store, case_id, sources->path, error);
      if (sources->items == NULL)
        return NULL;
      if (sources->items->len == 0)
        {
          g_clear_pointer (&sources->items, g_ptr_array_unref);
          if (!redress_store_draft_checklist (store, case_id, sources->path, NULL, error))
            return NULL;
          sources->items = redress_store_list_checklist (store, case_id, sources->path, error);
          if (sources->items == NULL)
            return NULL;
        }
    }
  sources->grounds = redress_store_list_grounds (store, case_id, error);
  if (sources->grounds == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

static void
set_title (RedressReport *self,
           Sources       *sources,
           const char    *kind_msgid,
           const char    *file_prefix)
{
  g_autofree char *display_name = redress_client_dup_display_name (sources->client);
  g_autofree char *client_name = one_line (display_name);
  g_autofree char *file_number = one_line (redress_client_get_file_number (sources->client));
  g_autofree char *stem = NULL;

  /* Translators: a document's title: its kind, the client's name */
  self->title = g_strdup_printf (T (N_("%1$s — %2$s")), T (kind_msgid), client_name);
  stem = g_strdup_printf ("%s-%s%s%s", file_prefix, file_number ? file_number : "case",
                          sources->path && redress_checklist_has_path (sources->path) ? "-" : "",
                          sources->path && redress_checklist_has_path (sources->path) ? sources->path : "");
  self->file_name = g_strconcat (stem, ".pdf", NULL);
  self->footer = file_number
    ? g_strdup_printf ("%s%s%s · %s", self->firm_name ? self->firm_name : "",
                       self->firm_name && *self->firm_name ? " · " : "", client_name, file_number)
    : g_strdup_printf ("%s%s%s", self->firm_name ? self->firm_name : "",
                       self->firm_name && *self->firm_name ? " · " : "", client_name);
}

/* A report read from the store, headed by the letterhead and its title */
static RedressReport *
report_begin (RedressStore  *store,
              gint64         case_id,
              const char    *path,
              gboolean       need_path,
              const char    *language,
              const char    *title_msgid,
              const char    *file_prefix,
              Sources       *sources,
              GError       **error)
{
  g_autoptr(RedressReport) self = report_new (store, case_id, path, need_path, language, sources, error);
  g_autofree char *date_iso = NULL;
  g_autofree char *date_text = NULL;

  if (self == NULL)
    return NULL;
  date_iso = today_iso (store);
  date_text = format_date (self, date_iso);
  add_heading (self, sources->firm, sources->client, T (title_msgid), date_text);
  set_title (self, sources, title_msgid, file_prefix);
  return g_steal_pointer (&self);
}

/**
 * redress_report_new_checklist:
 *
 * Reads the checklist of a case as it stands (drafting it first when it
 * has no items) and lays it out as the document the client receives.
 *
 * Returns: (transfer full): the report, or %NULL with an error (no such
 *   case, no path chosen, a language without translations)
 */
RedressReport *
redress_report_new_checklist (RedressStore  *store,
                              gint64         case_id,
                              const char    *path,
                              const char    *language,
                              GError       **error)
{
  g_auto(Sources) sources = { 0 };
  g_autoptr(RedressReport) self = NULL;
  g_autofree char *path_line = NULL;
  g_autofree char *deadline = NULL;
  const char *group = "";
  gboolean first_group = TRUE;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = report_begin (store, case_id, path, TRUE, language,
                       N_("Document checklist"), "checklist", &sources, error);
  if (self == NULL)
    return NULL;

  /* Translators: the remedy the checklist prepares (Restoration of status) */
  path_line = g_strdup_printf (T (N_("Path: %s")), T (path_msgid (sources.path)));
  add_text (self, "Sans Bold 10.5", 8, path_line);
  deadline = deadline_line (self, store, sources.kase, sources.path);
  if (deadline != NULL)
    add_text (self, "Sans 10.5", 2, deadline);
  add_text (self, "Sans 10", 10,
            T (N_("Please gather the documents below. Each group answers a reason the officer gave "
                  "for the refusal, quoted above it in the officer’s own words.")));

  for (guint i = 0; i < sources.items->len; i++)
    {
      RedressChecklistItem *item = g_ptr_array_index (sources.items, i);
      const char *code = redress_checklist_item_get_code (item);

      if (first_group || g_strcmp0 (code, group) != 0)
        {
          if (code == NULL)
            {
              add_text (self, "Sans Bold 12.5", 16, T (path_msgid (sources.path)))->keep_with_next = TRUE;
              add_text (self, "Sans 9.5", 2,
                        T (N_("What every application on this path needs.")))->keep_with_next = TRUE;
            }
          else
            {
              RedressCaseGround *ground = find_ground (sources.grounds, code);

              add_ground_heading (self, code, ground,
                                  redress_case_get_application_type (sources.kase), "");
              if (ground != NULL)
                add_officer_words (self, store, ground);
              ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
            }
          group = code;
          first_group = FALSE;
          add_item (self, item, 8);
        }
      else
        add_item (self, item, 5);
    }
  if (sources.items->len == 0)
    add_text (self, "Sans Italic 10", 12, T (N_("The checklist has no items.")));
  return g_steal_pointer (&self);
}

/**
 * redress_report_new_outline:
 *
 * Lays out the response outline of a case: for each confirmed ground,
 * the officer's concern (quote, document, page), the passages of the
 * notes linked to it, and the evidence planned (the items of the
 * checklist of the case's path) with their state.
 *
 * Returns: (transfer full): the report, or %NULL with an error
 */
RedressReport *
redress_report_new_outline (RedressStore  *store,
                            gint64         case_id,
                            const char    *language,
                            GError       **error)
{
  g_auto(Sources) sources = { 0 };
  g_autoptr(RedressReport) self = NULL;
  guint number = 0;

  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = report_begin (store, case_id, NULL, FALSE, language,
                       N_("Response outline"), "outline", &sources, error);
  if (self == NULL)
    return NULL;
  if (redress_checklist_has_path (sources.path))
    {
      g_autofree char *path_line = g_strdup_printf (T (N_("Path: %s")), T (path_msgid (sources.path)));

      add_text (self, "Sans Bold 10.5", 8, path_line);
    }
  add_text (self, "Sans 10", 10,
            T (N_("For each ground of the refusal: the officer’s concern in the officer’s own words, "
                  "and the evidence that answers it. The skeleton of the letter of explanation.")));

  for (const char * const *codes = redress_grounds_get_codes (); *codes != NULL; codes++)
    {
      RedressCaseGround *ground = find_ground (sources.grounds, *codes);
      g_autofree char *prefix = NULL;
      guint planned = 0;

      if (ground == NULL || redress_case_ground_get_state (ground) != REDRESS_GROUND_CONFIRMED)
        continue;
      prefix = g_strdup_printf ("%u. ", ++number);
      add_ground_heading (self, *codes, ground,
                          redress_case_get_application_type (sources.kase), prefix);
      add_text (self, "Sans Bold 10.5", 6, T (N_("Officer’s concern")))->keep_with_next = TRUE;
      add_officer_words (self, store, ground);
      add_text (self, "Sans Bold 10.5", 8, T (N_("Evidence planned")))->keep_with_next = TRUE;
      for (guint i = 0; sources.items != NULL && i < sources.items->len; i++)
        {
          RedressChecklistItem *item = g_ptr_array_index (sources.items, i);

          if (g_strcmp0 (redress_checklist_item_get_code (item), *codes) == 0)
            {
              add_item (self, item, 4);
              planned++;
            }
        }
      if (planned == 0)
        add_text (self, "Sans Italic 10", 4,
                  sources.items != NULL
                  ? T (N_("No documents planned yet."))
                  : T (N_("No documents planned yet: choose the case’s path to draft its checklist.")));
    }
  if (number == 0)
    add_text (self, "Sans Italic 10", 14,
              T (N_("No ground of the refusal is confirmed yet.")));
  return g_steal_pointer (&self);
}

const char *
redress_report_get_language (RedressReport *self)
{
  g_return_val_if_fail (REDRESS_IS_REPORT (self), NULL);
  return redress_catalog_get_language (self->catalog);
}

const char *
redress_report_get_title (RedressReport *self)
{
  g_return_val_if_fail (REDRESS_IS_REPORT (self), NULL);
  return self->title;
}

char *
redress_report_dup_file_name (RedressReport *self)
{
  g_return_val_if_fail (REDRESS_IS_REPORT (self), NULL);
  return g_strdup (self->file_name);
}

/* Layout ------------------------------------------------------------------ */

static PangoLayout *
new_layout (PangoContext *context,
            const char   *font,
            const char   *markup,
            double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
measure (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);

  g_clear_pointer (&block->line_tops, g_array_unref);
  g_clear_pointer (&block->line_bottoms, g_array_unref);
  block->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
  block->line_bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (block->line_tops, top);
      g_array_append_val (block->line_bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  block->height = g_array_index (block->line_bottoms, double, block->line_bottoms->len - 1);
  if (block->kind == BLOCK_RULE)
    block->height = 1;
}

static double
lines_height (Block *block,
              guint  first,
              guint  n)
{
  if (block->kind == BLOCK_RULE)
    return block->height;
  return g_array_index (block->line_bottoms, double, first + n - 1) -
         g_array_index (block->line_tops, double, first);
}

/* The height a block needs with what must stay with it: a heading with
 * the first line of what follows (all of it when that is an item) */
static double
height_with_followers (RedressReport *self,
                       guint          index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height = block->height;

  while (block->keep_with_next && index + 1 < self->blocks->len)
    {
      block = g_ptr_array_index (self->blocks, ++index);
      height += block->space_before +
                (block->kind == BLOCK_ITEM || block->keep_with_next ? block->height
                                                                    : lines_height (block, 0, 1));
    }
  return height;
}

static GArray *
new_page (RedressReport *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_add (self->pages, page);
  return page;
}

/**
 * redress_report_paginate:
 *
 * Returns: the number of pages
 */
guint
redress_report_paginate (RedressReport *self,
                         cairo_t       *cr,
                         double         width,
                         double         height)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();
  double text_width = width - 2 * MARGIN_X;
  double top = MARGIN_TOP;
  double bottom = height - MARGIN_BOTTOM - FOOTER_HEIGHT;
  double y = top;
  GArray *page;

  g_return_val_if_fail (REDRESS_IS_REPORT (self), 0);
  g_return_val_if_fail (width > 4 * MARGIN_X && height > 4 * (MARGIN_TOP + MARGIN_BOTTOM), 0);

  /* Measures in points, and the same measures on screen, paper and PDF */
  pango_cairo_update_context (cr, context);
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  g_clear_object (&self->context);
  self->context = context;

  self->width = width;
  self->height = height;
  g_ptr_array_set_size (self->pages, 0);
  page = new_page (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      g_clear_object (&block->layout);
      block->layout = new_layout (context, block->font, block->markup, text_width - block->indent);
      measure (block);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space = y > top ? block->space_before : 0;
      guint line = 0, n_lines = block->line_tops->len;

      /* Start a new page when the block (with what stays with it) does
       * not fit, unless the page is empty anyway */
      if (y > top && y + space + height_with_followers (self, i) > bottom &&
          height_with_followers (self, i) <= bottom - top)
        {
          page = new_page (self);
          y = top;
          space = 0;
        }
      else if (y > top && y + space + block->height > bottom)
        {
          page = new_page (self);
          y = top;
          space = 0;
        }
      y += space;

      /* Place its lines; only a block taller than a page breaks */
      while (line < n_lines)
        {
          Placement placement = { i, line, 0, y };
          guint n = 0;

          while (line + n < n_lines && y + lines_height (block, line, n + 1) <= bottom)
            n++;
          if (n == 0 && y == top)
            n = 1; /* a line taller than a page: let it overflow */
          if (n == 0)
            {
              page = new_page (self);
              y = top;
              continue;
            }
          placement.n_lines = n;
          g_array_append_val (page, placement);
          y += lines_height (block, line, n);
          line += n;
          if (line < n_lines)
            {
              page = new_page (self);
              y = top;
            }
        }
    }
  return self->pages->len;
}

guint
redress_report_get_n_pages (RedressReport *self)
{
  g_return_val_if_fail (REDRESS_IS_REPORT (self), 0);
  return self->pages->len;
}

/* Drawing ----------------------------------------------------------------- */

static void
draw_box (cairo_t          *cr,
          double            x,
          double            y,
          RedressItemState  state)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_rectangle (cr, x, y, BOX_SIZE, BOX_SIZE);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.3);
  switch (state)
    {
    case REDRESS_ITEM_RECEIVED:
      /* A tick */
      cairo_move_to (cr, x + 1.6, y + BOX_SIZE * 0.55);
      cairo_line_to (cr, x + BOX_SIZE * 0.42, y + BOX_SIZE - 1.6);
      cairo_line_to (cr, x + BOX_SIZE - 1.2, y + 1.4);
      cairo_stroke (cr);
      break;
    case REDRESS_ITEM_REQUESTED:
      /* Half full: on its way */
      cairo_rectangle (cr, x, y + BOX_SIZE / 2, BOX_SIZE, BOX_SIZE / 2);
      cairo_fill (cr);
      break;
    case REDRESS_ITEM_NOT_APPLICABLE:
      /* Struck through */
      cairo_move_to (cr, x, y + BOX_SIZE);
      cairo_line_to (cr, x + BOX_SIZE, y);
      cairo_stroke (cr);
      break;
    case REDRESS_ITEM_TO_REQUEST:
    case REDRESS_ITEM_N_STATES:
    default:
      break;
    }
  cairo_restore (cr);
}

static void
draw_placement (RedressReport   *self,
                cairo_t         *cr,
                const Placement *placement)
{
  Block *block = g_ptr_array_index (self->blocks, placement->block);
  double x = MARGIN_X + block->indent;
  double first_top;
  PangoLayoutIter *iter;
  guint index = 0;

  if (block->kind == BLOCK_RULE)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, MARGIN_X, placement->y + 0.5);
      cairo_line_to (cr, self->width - MARGIN_X, placement->y + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  first_top = g_array_index (block->line_tops, double, placement->first_line);
  if (block->kind == BLOCK_QUOTE)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x - 8, placement->y + 1);
      cairo_line_to (cr, x - 8, placement->y + lines_height (block, placement->first_line,
                                                            placement->n_lines) - 1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  if (block->kind == BLOCK_ITEM && placement->first_line == 0)
    draw_box (cr, MARGIN_X + 2, placement->y + 2.5, block->state);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  iter = pango_layout_get_iter (block->layout);
  do
    {
      if (index >= placement->first_line && index < placement->first_line + placement->n_lines)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         placement->y + (double) baseline / PANGO_SCALE - first_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_restore (cr);
}

static void
draw_footer (RedressReport *self,
             cairo_t       *cr,
             guint          page)
{
  PangoContext *context = self->context;
  g_autofree char *number = g_strdup_printf (T (N_("Page %1$u of %2$u")), page + 1, self->pages->len);
  g_autofree char *left = g_markup_escape_text (self->footer ? self->footer : "", -1);
  g_autofree char *right = g_markup_escape_text (number, -1);
  double text_width = self->width - 2 * MARGIN_X;
  double y = self->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 10;
  g_autoptr(PangoLayout) left_layout = new_layout (context, "Sans 8", left, text_width * 0.7);
  g_autoptr(PangoLayout) right_layout = new_layout (context, "Sans 8", right, text_width * 0.3);

  pango_layout_set_ellipsize (left_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (right_layout, PANGO_ALIGN_RIGHT);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, y - 4);
  cairo_line_to (cr, self->width - MARGIN_X, y - 4);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, MARGIN_X, y);
  pango_cairo_show_layout (cr, left_layout);
  cairo_move_to (cr, MARGIN_X + text_width * 0.7, y);
  pango_cairo_show_layout (cr, right_layout);
  cairo_restore (cr);
}

/**
 * redress_report_draw_page:
 * @cr: a context whose unit is the point, its origin the page's corner
 *
 * Draws a page of the layout redress_report_paginate() made.
 */
void
redress_report_draw_page (RedressReport *self,
                          cairo_t       *cr,
                          guint          page)
{
  GArray *placements;

  g_return_if_fail (REDRESS_IS_REPORT (self));
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < placements->len; i++)
    draw_placement (self, cr, &g_array_index (placements, Placement, i));
  draw_footer (self, cr, page);
}

/* PDF --------------------------------------------------------------------- */

typedef struct
{
  GOutputStream *stream;
  GError *error;
} Writer;

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  Writer *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Whether writing failed for want of room: no space left, a quota, or a
 * file larger than the system lets this program write (GIO reports the
 * last two as a plain failure, with the system's words) */
static gboolean
error_is_disk_full (const GError *error)
{
  static const int errnos[] = { ENOSPC, EDQUOT, EFBIG };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (errnos); i++)
    if (g_str_has_suffix (error->message, g_strerror (errnos[i])))
      return TRUE;
  return FALSE;
}

/**
 * redress_report_save_pdf:
 * @path: the file to write
 *
 * Writes the report as a PDF at @path, whole or not at all: drawn into a
 * temporary file beside it (0600), synced, then renamed over it; a link,
 * a device or a pipe is refused, and a full disk says so and leaves an
 * older file as it was.  Errors name @path.
 */
gboolean
redress_report_save_pdf (RedressReport  *self,
                         const char     *path,
                         GError        **error)
{
  g_autoptr(RedressFileReplace) output = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (REDRESS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  output = redress_file_replace_new (path, REDRESS_FILE_TEMP_PREFIX, error);
  if (output == NULL)
    return FALSE;
  file = g_file_new_for_path (redress_file_replace_get_path (output));
  if (!redress_report_write_pdf (self, file, &local_error))
    {
      if (error_is_disk_full (local_error))
        g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                     _("The disk is full: “%s” was not written."), name);
      else
        {
          /* The message names the file asked for, not the temporary one */
          g_autofree char *temp_name = g_file_get_parse_name (file);
          g_autoptr(GString) message = g_string_new (local_error->message);

          g_string_replace (message, temp_name, name, 0);
          g_set_error_literal (error, local_error->domain, local_error->code, message->str);
        }
      return FALSE;
    }
  return redress_file_replace_commit (output, error);
}

/**
 * redress_report_write_pdf:
 *
 * Writes the report as a PDF, on US Letter pages.  An existing file is
 * replaced only when the new one is complete.
 */
gboolean
redress_report_write_pdf (RedressReport  *self,
                          GFile          *file,
                          GError        **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *name = NULL;
  Writer writer = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (REDRESS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    {
      g_prefix_error (error, _("Cannot write “%s”: "), name);
      return FALSE;
    }
  writer.stream = G_OUTPUT_STREAM (stream);

  surface = cairo_pdf_surface_create_for_stream (write_bytes, &writer,
                                                 REDRESS_REPORT_PAGE_WIDTH,
                                                 REDRESS_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->firm_name != NULL && *self->firm_name != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->firm_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Redress");
  cr = cairo_create (surface);
  redress_report_paginate (self, cr, REDRESS_REPORT_PAGE_WIDTH, REDRESS_REPORT_PAGE_HEIGHT);
  for (guint page = 0; page < self->pages->len; page++)
    {
      redress_report_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&writer.error, REDRESS_ERROR, REDRESS_ERROR_FAILED, "%s",
                 cairo_status_to_string (status));
  if (writer.error != NULL)
    {
      /* Leave the file as it was */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&writer.error),
                                  _("Cannot write “%s”: "), name);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_prefix_error (error, _("Cannot write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

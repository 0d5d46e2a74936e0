/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-grounds-view"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-grounds-view.h"
#include "redress-normalize.h"
#include "redress-ui-util.h"

/*
 * RedressGroundsView: the refusal grounds of a case.  Suggestions come
 * from the letter, each with the sentence that states it; the consultant
 * confirms or dismisses them (Undo), or adds a ground from the catalogue.
 * Confirmed grounds list their evidence, and passages of the officer's
 * notes that may prove them.  Quotes read as prose and name their
 * document by its kind and page; activating one opens the document at
 * that passage, highlighted by its place in the text (across lines and
 * pages).
 *
 * A quote is opened through the "case.show-passage" action of the case
 * view the grounds are in.  Signals: "show-quote" (document id, page from
 * 1, quote) asks to open the document there, when the grounds are shown
 * outside a case view; "link-selection" (code) asks the case view to link
 * the text selected in the reader.
 */
struct _RedressGroundsView
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkBox *box;
  RedressStore *store;
  gint64 case_id;
  GHashTable *kinds;          /* document id -> its kind's label, while filling */
};

/* Where a quote is: the passage a row opens */
typedef struct
{
  gint64 document_id;
  guint page;                 /* from 1 */
  gint64 start;               /* bytes in the page's text, -1 if not known */
  guint end_page;
  gint64 end;
  char *quote;
} QuotePlace;

static void
quote_place_free (gpointer data)
{
  QuotePlace *place = data;

  g_free (place->quote);
  g_free (place);
}

/* The page where a ground's sentence ends (its page for a ground
 * recorded before the store kept it) */
static guint
ground_end_page (RedressCaseGround *ground)
{
  return MAX (redress_case_ground_get_end_page (ground), redress_case_ground_get_page (ground));
}

G_DEFINE_FINAL_TYPE (RedressGroundsView, redress_grounds_view, GTK_TYPE_WIDGET)

enum {
  SHOW_QUOTE,
  LINK_SELECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_PASSAGES 5


static void
report (RedressGroundsView *self,
        GError             *error)
{
  redress_widget_add_toast (GTK_WIDGET (self), redress_toast_new_text (error->message));
}

/* Actions on one ground: the code travels as the button's data */
static const char *
code_of (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "code");
}

static void
on_confirm (GtkButton          *button,
            RedressGroundsView *self)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_confirm_ground (self->store, self->case_id, code_of (GTK_WIDGET (button)), &error))
    report (self, error);
  redress_grounds_view_reload (self);
}

typedef struct
{
  RedressStore *store;
  gint64 case_id;
  char *code;
  RedressGroundsView *view;   /* weak */
} Undismiss;

static void
undismiss_free (gpointer data)
{
  Undismiss *undo = data;

  g_clear_object (&undo->store);
  g_free (undo->code);
  g_clear_weak_pointer (&undo->view);
  g_free (undo);
}

static void
on_undismiss_clicked (AdwToast  *toast,
                      Undismiss *undo)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_undismiss_ground (undo->store, undo->case_id, undo->code, &error))
    g_warning ("Cannot undo the dismissal: %s", error->message);
  if (undo->view != NULL)
    redress_grounds_view_reload (undo->view);
}

static void
on_dismiss (GtkButton          *button,
            RedressGroundsView *self)
{
  const char *code = code_of (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Undismiss *undo;
  AdwToast *toast;

  if (!redress_store_dismiss_ground (self->store, self->case_id, code, &error))
    {
      report (self, error);
      return;
    }
  message = g_strdup_printf (_("“%s” dismissed"), redress_ground_get_label (code));
  toast = redress_toast_new_text (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (Undismiss, 1);
  undo->store = g_object_ref (self->store);
  undo->case_id = self->case_id;
  undo->code = g_strdup (code);
  g_set_weak_pointer (&undo->view, self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undismiss_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undismiss_free, 0);
  redress_widget_add_toast (GTK_WIDGET (self), toast);
  redress_grounds_view_reload (self);
}

static void
on_restore (GtkButton          *button,
            RedressGroundsView *self)
{
  g_autoptr(GError) error = NULL;

  if (!redress_store_undismiss_ground (self->store, self->case_id, code_of (GTK_WIDGET (button)),
                                       &error))
    report (self, error);
  redress_grounds_view_reload (self);
}

static void
on_link_selection (GtkButton          *button,
                   RedressGroundsView *self)
{
  g_signal_emit (self, signals[LINK_SELECTION], 0, code_of (GTK_WIDGET (button)));
}

static void
on_quote_activated (AdwActionRow       *row,
                    RedressGroundsView *self)
{
  QuotePlace *place = g_object_get_data (G_OBJECT (row), "place");

  if (place == NULL || place->document_id <= 0)
    return;
  /* The case view opens the passage in its reader; outside one, whoever
   * shows the grounds is asked */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "case.show-passage", "(xuxuxms)",
                                   place->document_id, place->page, place->start,
                                   place->end_page, place->end, place->quote))
    g_signal_emit (self, signals[SHOW_QUOTE], 0, place->document_id, place->page, place->quote);
}

static void
on_link_passage (GtkButton          *button,
                 RedressGroundsView *self)
{
  RedressGroundHit *hit = g_object_get_data (G_OBJECT (button), "hit");
  g_autoptr(GError) error = NULL;

  if (!redress_store_link_evidence (self->store, self->case_id, hit->code, hit->document_id,
                                    hit->page, hit->quote, (gint64) hit->start, (gint64) hit->end,
                                    NULL, &error))
    report (self, error);
  redress_grounds_view_reload (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *code,
             GCallback   callback,
             gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

/* A row quoting a document: activating it opens the document at the
 * passage (@place, taken) */
static GtkWidget *
quote_row_new (RedressGroundsView *self,
               const char         *title,
               const char         *quote,
               QuotePlace         *place,
               const char         *where,
               gboolean            where_below)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *prose = quote ? redress_normalize_prose (quote) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (prose != NULL)
    {
      if (where == NULL || where_below)
        {
          g_autofree char *quoted = g_strdup_printf (_("“%s”"), prose);

          /* A ground's sentence: where it comes from on a line of its own */
          subtitle = where ? g_strconcat (quoted, "\n", where, NULL) : g_steal_pointer (&quoted);
        }
      else
        /* Translators: a quote from a document, then where it is */
        subtitle = g_strdup_printf (_("“%s” — %s"), prose, where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (place != NULL && place->document_id > 0)
    {
      g_object_set_data_full (G_OBJECT (row), "place", place, quote_place_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_quote_activated), self, 0);
      gtk_widget_set_tooltip_text (row, _("Open the page in the document"));
    }
  else if (place != NULL)
    quote_place_free (place);
  return row;
}

static QuotePlace *
quote_place_new (gint64      document_id,
                 guint       page,
                 gint64      start,
                 guint       end_page,
                 gint64      end,
                 const char *quote)
{
  QuotePlace *place = g_new0 (QuotePlace, 1);

  place->document_id = document_id;
  place->page = page;
  place->start = start;
  place->end_page = MAX (end_page, page);
  place->end = end;
  place->quote = g_strdup (quote);
  return place;
}

/* "Refusal letter, page 2": the document by its kind, and the page */
static char *
where_words (RedressGroundsView *self,
             gint64              document_id,
             guint               page)
{
  const char *kind = self->kinds ? g_hash_table_lookup (self->kinds, &document_id) : NULL;

  if (kind == NULL)
    {
      g_autoptr(RedressDocument) document = NULL;
      gint64 *key = g_memdup2 (&document_id, sizeof document_id);

      if (self->store != NULL)
        document = redress_store_get_document (self->store, document_id, NULL);
      kind = document ? redress_document_kind_get_label (redress_document_get_kind (document))
                      : _("Document");
      if (self->kinds != NULL)
        g_hash_table_insert (self->kinds, key, (gpointer) kind);
      else
        g_free (key);
    }
  /* Translators: where a quote is: a document's kind, the page */
  return g_strdup_printf (_("%s, page %u"), kind, page);
}

/* "Refusal letter, page 2 · read from a scanned page — check against the
 * page" when the page's text was read by OCR (takes @where) */
static char *
with_ocr_caution (RedressGroundsView *self,
                  char               *where,
                  gint64              document_id,
                  guint               page)
{
  char *cautioned;

  if (where == NULL || self->store == NULL ||
      !redress_store_page_is_ocr (self->store, document_id, page))
    return where;
  /* Translators: where a quote is, then that OCR read it from a scanned
   * page ("Refusal letter, page 2 · read from a scanned page — check
   * against the page") */
  cautioned = g_strdup_printf (_("%s · %s"), where, redress_store_get_ocr_caution ());
  g_free (where);
  return cautioned;
}

/* "In the notes, not in the letter": a ground the refusal letter does not
 * state, which the consultant may answer differently */
static GtkWidget *
not_in_letter_tag_new (void)
{
  /* Translators: a short tag on a ground the officer's notes give and the
   * refusal letter does not state */
  GtkWidget *label = gtk_label_new (_("Notes only"));

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "warning");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_tooltip_text (label, _("The officer’s notes give this ground; the refusal "
                                        "letter does not state it."));
  return label;
}

static GtkWidget *
ground_row_new (RedressGroundsView *self,
                RedressCaseGround  *ground)
{
  const char *code = redress_case_ground_get_code (ground);
  const char *provision = redress_case_ground_get_provision (ground);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  GtkWidget *row;

  title = provision ? g_strdup_printf ("%s (%s)", redress_case_ground_get_label (ground), provision)
                    : g_strdup (redress_case_ground_get_label (ground));
  if (redress_case_ground_get_document_id (ground) > 0)
    where = where_words (self, redress_case_ground_get_document_id (ground),
                         redress_case_ground_get_page (ground));
  if (where != NULL && g_strcmp0 (redress_case_ground_get_source (ground), "notes") == 0 &&
      redress_case_ground_get_entry_date (ground) != NULL)
    {
      g_autofree char *date = redress_date_format_long (redress_case_ground_get_entry_date (ground));
      /* Translators: where a ground was found: the document and its page
       * (Officer’s notes, page 3), the date of the notes' entry */
      char *with_entry = g_strdup_printf (_("%s · entry of %s"), where, date);

      g_free (where);
      where = with_entry;
    }
  where = with_ocr_caution (self, where, redress_case_ground_get_document_id (ground),
                            redress_case_ground_get_page (ground));
  row = quote_row_new (self, title, redress_case_ground_get_quote (ground),
                       quote_place_new (redress_case_ground_get_document_id (ground),
                                        redress_case_ground_get_page (ground),
                                        redress_case_ground_get_quote_start (ground),
                                        ground_end_page (ground),
                                        redress_case_ground_get_quote_end (ground),
                                        redress_case_ground_get_quote (ground)),
                       where, TRUE);
  if (redress_case_ground_get_quote (ground) == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 redress_case_ground_get_origin (ground) == REDRESS_GROUND_MANUAL
                                   ? _("Added by hand: link the passage that proves it")
                                   : redress_ground_get_description (code));
  if (g_strcmp0 (redress_case_ground_get_source (ground), "notes") == 0 &&
      !redress_case_ground_get_in_letter (ground))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), not_in_letter_tag_new ());

  switch (redress_case_ground_get_state (ground))
    {
    case REDRESS_GROUND_SUGGESTED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("object-select-symbolic", _("Confirm the ground"),
                                              code, G_CALLBACK (on_confirm), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("window-close-symbolic", _("Dismiss the ground"),
                                              code, G_CALLBACK (on_dismiss), self));
      break;
    case REDRESS_GROUND_CONFIRMED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("insert-link-symbolic",
                                              _("Link the text selected in the document"),
                                              code, G_CALLBACK (on_link_selection), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("window-close-symbolic", _("Dismiss the ground"),
                                              code, G_CALLBACK (on_dismiss), self));
      break;
    case REDRESS_GROUND_DISMISSED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("edit-undo-symbolic", _("Restore the suggestion"),
                                              code, G_CALLBACK (on_restore), self));
      break;
    default:
      break;
    }
  return row;
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

/* Adding a ground from the catalogue ----------------------------------------- */

static void
on_catalogue_row (GtkListBox         *list,
                  GtkListBoxRow      *row,
                  RedressGroundsView *self)
{
  const char *code = g_object_get_data (G_OBJECT (row), "code");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  g_autoptr(GError) error = NULL;

  if (!redress_store_add_ground (self->store, self->case_id, code, &error))
    report (self, error);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  redress_grounds_view_reload (self);
}

static void
fill_catalogue (GtkListBox *list,
                const char *query)
{
  g_auto(GStrv) codes = redress_grounds_search (query);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; codes && codes[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char * const *provisions = redress_ground_get_provisions (codes[i]);
      g_autofree char *joined = provisions ? g_strjoinv (", ", (char **) provisions) : NULL;
      g_autofree char *title = joined && *joined
        ? g_strdup_printf ("%s (%s)", redress_ground_get_label (codes[i]), joined)
        : g_strdup (redress_ground_get_label (codes[i]));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), redress_ground_get_description (codes[i]));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "code", g_strdup (codes[i]), g_free);
      gtk_list_box_append (list, row);
    }
}

static void
on_catalogue_search (GtkSearchEntry *entry,
                     GtkListBox     *list)
{
  fill_catalogue (list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static GtkWidget *
add_button_new (RedressGroundsView *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Ground…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, _("Add a ground from the catalogue"));

  g_object_set (search, "placeholder-text", _("Search the grounds"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the grounds"), -1);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refusal grounds"), -1);
  fill_catalogue (GTK_LIST_BOX (list), NULL);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_catalogue_row), self, 0);
  g_signal_connect (search, "search-changed", G_CALLBACK (on_catalogue_search), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  return button;
}

/* Filling -------------------------------------------------------------------- */

static void
add_passages (RedressGroundsView *self,
              GtkWidget          *group,
              RedressCaseGround  *ground)
{
  g_autoptr(GPtrArray) passages = NULL;
  GtkWidget *expander;

  passages = redress_store_suggest_passages (self->store, self->case_id,
                                             redress_case_ground_get_code (ground), MAX_PASSAGES,
                                             NULL);
  if (passages == NULL || passages->len == 0)
    return;

  expander = adw_expander_row_new ();
  {
    g_autofree char *title = g_strdup_printf (_("Passages of the officer’s notes on “%s”"),
                                              redress_case_ground_get_label (ground));
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u suggestion to link as evidence",
                                                              "%u suggestions to link as evidence",
                                                              passages->len), passages->len);

    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  }
  while (passages->len > 0)
    {
      RedressGroundHit *hit = g_ptr_array_steal_index (passages, 0);
      g_autofree char *where = with_ocr_caution (self, where_words (self, hit->document_id,
                                                                     hit->page),
                                                 hit->document_id, hit->page);
      g_autofree char *prose = redress_normalize_prose (hit->quote);
      GtkWidget *row = quote_row_new (self, prose, NULL,
                                      quote_place_new (hit->document_id, hit->page,
                                                       (gint64) hit->start, hit->end_page,
                                                       (gint64) hit->end, hit->quote),
                                      where, FALSE);
      GtkWidget *link = icon_button ("insert-link-symbolic", _("Link as evidence"),
                                     hit->code, G_CALLBACK (on_link_passage), self);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      g_object_set_data_full (G_OBJECT (link), "hit", hit, (GDestroyNotify) redress_ground_hit_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
}

void
redress_grounds_view_reload (RedressGroundsView *self)
{
  g_autoptr(GPtrArray) grounds = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child, *suggested, *confirmed, *dismissed, *intro;
  guint n[3] = { 0, 0, 0 };

  g_return_if_fail (REDRESS_IS_GROUNDS_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  if (self->store == NULL)
    return;
  /* Each document looked up once while filling (its kind may change) */
  g_clear_pointer (&self->kinds, g_hash_table_unref);
  self->kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  grounds = redress_store_list_grounds (self->store, self->case_id, &error);
  if (grounds == NULL)
    {
      gtk_box_append (self->box, gtk_label_new (error->message));
      return;
    }

  intro = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (intro), add_button_new (self));
  gtk_box_append (self->box, intro);

  suggested = group_new (_("Suggested from the Letter and Notes"),
                         _("Found in the refusal letter or the officer’s notes. Confirm each one "
                           "the officer relied on; dismiss the others."));
  confirmed = group_new (_("Confirmed Grounds"),
                         _("The grounds the remedies take into account and the checklist "
                           "answers. Select a passage in a document, then link it here as "
                           "evidence."));
  dismissed = group_new (_("Dismissed"), NULL);

  for (guint i = 0; i < grounds->len; i++)
    {
      RedressCaseGround *ground = g_ptr_array_index (grounds, i);
      RedressGroundState state = redress_case_ground_get_state (ground);
      GtkWidget *group = state == REDRESS_GROUND_SUGGESTED ? suggested
                         : state == REDRESS_GROUND_CONFIRMED ? confirmed : dismissed;
      GPtrArray *evidence = redress_case_ground_get_evidence (ground);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ground_row_new (self, ground));
      n[state]++;
      if (state != REDRESS_GROUND_CONFIRMED)
        continue;
      for (guint j = 0; evidence && j < evidence->len; j++)
        {
          RedressEvidence *item = g_ptr_array_index (evidence, j);
          g_autofree char *where = NULL;
          g_autofree char *title = NULL;

          where = with_ocr_caution (self,
                                    where_words (self, redress_evidence_get_document_id (item),
                                                 redress_evidence_get_page (item)),
                                    redress_evidence_get_document_id (item),
                                    redress_evidence_get_page (item));
          /* Translators: evidence for a ground */
          title = g_strdup_printf (_("Evidence for “%s”"), redress_case_ground_get_label (ground));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     quote_row_new (self, title, redress_evidence_get_quote (item),
                                                    quote_place_new (redress_evidence_get_document_id (item),
                                                                     redress_evidence_get_page (item),
                                                                     redress_evidence_get_quote_start (item),
                                                                     redress_evidence_get_page (item),
                                                                     redress_evidence_get_quote_end (item),
                                                                     redress_evidence_get_quote (item)),
                                                    where, FALSE));
        }
      add_passages (self, group, ground);
    }

  if (n[REDRESS_GROUND_SUGGESTED] == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No suggestion"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Attach the refusal letter in Documents: the grounds it "
                                     "states are suggested here."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (suggested), row);
    }
  if (n[REDRESS_GROUND_CONFIRMED] == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No confirmed ground yet"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (confirmed), row);
    }
  gtk_box_append (self->box, suggested);
  gtk_box_append (self->box, confirmed);
  if (n[REDRESS_GROUND_DISMISSED] > 0)
    gtk_box_append (self->box, dismissed);
  else
    g_object_unref (g_object_ref_sink (dismissed));
}

static void
redress_grounds_view_dispose (GObject *object)
{
  RedressGroundsView *self = (RedressGroundsView *) object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->kinds, g_hash_table_unref);

  G_OBJECT_CLASS (redress_grounds_view_parent_class)->dispose (object);
}

static void
redress_grounds_view_class_init (RedressGroundsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_grounds_view_dispose;

  signals[SHOW_QUOTE] =
    g_signal_new ("show-quote", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);
  signals[LINK_SELECTION] =
    g_signal_new ("link-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_grounds_view_init (RedressGroundsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

void
redress_grounds_view_set_case (RedressGroundsView *self,
                               RedressStore       *store,
                               gint64              case_id)
{
  g_return_if_fail (REDRESS_IS_GROUNDS_VIEW (self));

  g_set_object (&self->store, store);
  self->case_id = case_id;
  redress_grounds_view_reload (self);
}

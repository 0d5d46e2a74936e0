/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-ground-row"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-ground-row.h"
#include "redress-normalize.h"

/*
 * RedressGroundRow: a refusal ground of a case, the row of a
 * RedressCaseGroundList item.  It holds the rows that belong to the
 * ground: the ground with its sentence (and the buttons to confirm,
 * dismiss, restore or link it), then, once confirmed, its evidence and
 * the passages of the officer's notes that may prove it.  They look like
 * rows of the group's own list.
 *
 * The row acts through the grounds view's actions, with the ground's code
 * (or the passage) as their parameter: "grounds.confirm",
 * "grounds.dismiss", "grounds.restore", "grounds.link-selection",
 * "grounds.link-passage" and "grounds.show-passage" (a quote's place).
 */
struct _RedressGroundRow
{
  GtkListBoxRow parent_instance;

  GtkListBox *list;

  RedressCaseGround *ground;
  RedressStore *store;
  gint64 case_id;
  GtkWidget *ground_row;   /* the ground's own row, in list */
};

G_DEFINE_FINAL_TYPE (RedressGroundRow, redress_ground_row, GTK_TYPE_LIST_BOX_ROW)

#define MAX_PASSAGES 5

/* The page where a ground's sentence ends (its page for a ground
 * recorded before the store kept it) */
static guint
ground_end_page (RedressCaseGround *ground)
{
  return MAX (redress_case_ground_get_end_page (ground), redress_case_ground_get_page (ground));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
code_button (RedressGroundRow *self,
             const char       *icon,
             const char       *tooltip,
             const char       *action)
{
  return icon_button (icon, tooltip, action,
                      g_variant_new_string (redress_case_ground_get_code (self->ground)));
}

/* A row quoting a document: activating it opens the document at the
 * passage ("grounds.show-passage"), when its document is known */
static GtkWidget *
quote_row_new (const char *title,
               const char *quote,
               const char *where,
               gboolean    where_below,
               gint64      document_id,
               guint       page,
               gint64      start,
               guint       end_page,
               gint64      end,
               const char *place_quote)
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
  if (document_id > 0)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "grounds.show-passage");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new ("(xuxuxms)", document_id, page, start,
                                                             MAX (end_page, page), end,
                                                             place_quote));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the page in the document"));
    }
  return row;
}

/* "Refusal letter, page 2": the document by its kind, and the page */
static char *
where_words (RedressGroundRow *self,
             gint64            document_id,
             guint             page)
{
  g_autoptr(RedressDocument) document = NULL;
  const char *kind;

  if (self->store != NULL)
    document = redress_store_get_document (self->store, document_id, NULL);
  kind = document ? redress_document_kind_get_label (redress_document_get_kind (document))
                  : _("Document");
  /* Translators: where a quote is: a document's kind, the page */
  return g_strdup_printf (_("%s, page %u"), kind, page);
}

/* "Refusal letter, page 2 · read from a scanned page — check against the
 * page" when the page's text was read by OCR (takes @where) */
static char *
with_ocr_caution (RedressGroundRow *self,
                  char             *where,
                  gint64            document_id,
                  guint             page)
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
ground_row_new (RedressGroundRow *self)
{
  RedressCaseGround *ground = self->ground;
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
  row = quote_row_new (title, redress_case_ground_get_quote (ground), where, TRUE,
                       redress_case_ground_get_document_id (ground),
                       redress_case_ground_get_page (ground),
                       redress_case_ground_get_quote_start (ground), ground_end_page (ground),
                       redress_case_ground_get_quote_end (ground),
                       redress_case_ground_get_quote (ground));
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
                                 code_button (self, "object-select-symbolic",
                                              _("Confirm the ground"), "grounds.confirm"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 code_button (self, "window-close-symbolic",
                                              _("Dismiss the ground"), "grounds.dismiss"));
      break;
    case REDRESS_GROUND_CONFIRMED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 code_button (self, "insert-link-symbolic",
                                              _("Link the text selected in the document"),
                                              "grounds.link-selection"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 code_button (self, "window-close-symbolic",
                                              _("Dismiss the ground"), "grounds.dismiss"));
      break;
    case REDRESS_GROUND_DISMISSED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 code_button (self, "edit-undo-symbolic",
                                              _("Restore the suggestion"), "grounds.restore"));
      break;
    default:
      break;
    }
  return row;
}

static void
add_evidence (RedressGroundRow *self)
{
  GPtrArray *evidence = redress_case_ground_get_evidence (self->ground);

  for (guint j = 0; evidence && j < evidence->len; j++)
    {
      RedressEvidence *item = g_ptr_array_index (evidence, j);
      gint64 document_id = redress_evidence_get_document_id (item);
      guint page = redress_evidence_get_page (item);
      g_autofree char *where = NULL;
      g_autofree char *title = NULL;

      where = with_ocr_caution (self, where_words (self, document_id, page), document_id, page);
      /* Translators: evidence for a ground */
      title = g_strdup_printf (_("Evidence for “%s”"), redress_case_ground_get_label (self->ground));
      gtk_list_box_append (self->list,
                           quote_row_new (title, redress_evidence_get_quote (item), where, FALSE,
                                          document_id, page,
                                          redress_evidence_get_quote_start (item), page,
                                          redress_evidence_get_quote_end (item),
                                          redress_evidence_get_quote (item)));
    }
}

static void
add_passages (RedressGroundRow *self)
{
  g_autoptr(GPtrArray) passages = NULL;
  GtkWidget *expander;

  passages = redress_store_suggest_passages (self->store, self->case_id,
                                             redress_case_ground_get_code (self->ground),
                                             MAX_PASSAGES, NULL);
  if (passages == NULL || passages->len == 0)
    return;

  expander = adw_expander_row_new ();
  {
    g_autofree char *title = g_strdup_printf (_("Passages of the officer’s notes on “%s”"),
                                              redress_case_ground_get_label (self->ground));
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u suggestion to link as evidence",
                                                              "%u suggestions to link as evidence",
                                                              passages->len), passages->len);

    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  }
  for (guint i = 0; i < passages->len; i++)
    {
      RedressGroundHit *hit = g_ptr_array_index (passages, i);
      g_autofree char *where = with_ocr_caution (self, where_words (self, hit->document_id,
                                                                     hit->page),
                                                 hit->document_id, hit->page);
      g_autofree char *prose = redress_normalize_prose (hit->quote);
      GtkWidget *row = quote_row_new (prose, NULL, where, FALSE, hit->document_id, hit->page,
                                      (gint64) hit->start, hit->end_page, (gint64) hit->end,
                                      hit->quote);
      GtkWidget *link = icon_button ("insert-link-symbolic", _("Link as evidence"),
                                     "grounds.link-passage",
                                     g_variant_new ("(sxusxx)", hit->code, hit->document_id,
                                                    hit->page, hit->quote, (gint64) hit->start,
                                                    (gint64) hit->end));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  gtk_list_box_append (self->list, expander);
}

/* Up or Down past the ground's last (or first) row: on to the next ground
 * of the group, as in one list */
static gboolean
on_keynav_failed (GtkWidget        *list,
                  GtkDirectionType  direction,
                  RedressGroundRow *self)
{
  GtkWidget *sibling;

  if (direction != GTK_DIR_DOWN && direction != GTK_DIR_UP)
    return FALSE;
  for (sibling = direction == GTK_DIR_DOWN ? gtk_widget_get_next_sibling (GTK_WIDGET (self))
                                           : gtk_widget_get_prev_sibling (GTK_WIDGET (self));
       sibling != NULL;
       sibling = direction == GTK_DIR_DOWN ? gtk_widget_get_next_sibling (sibling)
                                           : gtk_widget_get_prev_sibling (sibling))
    if (REDRESS_IS_GROUND_ROW (sibling))
      {
        RedressGroundRow *other = REDRESS_GROUND_ROW (sibling);
        GtkListBoxRow *row = direction == GTK_DIR_DOWN
          ? gtk_list_box_get_row_at_index (other->list, 0)
          : GTK_LIST_BOX_ROW (gtk_widget_get_last_child (GTK_WIDGET (other->list)));

        return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
      }
  return FALSE;
}

static void
load_style (void)
{
  static gsize loaded = 0;
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL && g_once_init_enter (&loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/ca/redress/Redress/redress-ground-row.css");
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
redress_ground_row_dispose (GObject *object)
{
  RedressGroundRow *self = (RedressGroundRow *) object;

  /* The list is the row's child: unparented by the row, not twice */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REDRESS_TYPE_GROUND_ROW);
  self->ground_row = NULL;
  g_clear_object (&self->ground);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (redress_ground_row_parent_class)->dispose (object);
}

static void
redress_ground_row_class_init (RedressGroundRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_ground_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/redress/Redress/redress-ground-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RedressGroundRow, list);
  gtk_widget_class_bind_template_callback (widget_class, on_keynav_failed);
}

static void
redress_ground_row_init (RedressGroundRow *self)
{
  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * redress_ground_row_new:
 * @ground: the ground
 * @store: the store that names the documents quoted (and suggests
 *   passages for a confirmed ground)
 * @case_id: the ground's case
 */
GtkWidget *
redress_ground_row_new (RedressCaseGround *ground,
                        RedressStore      *store,
                        gint64             case_id)
{
  RedressGroundRow *self;

  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (ground), NULL);
  g_return_val_if_fail (REDRESS_IS_STORE (store), NULL);

  self = g_object_new (REDRESS_TYPE_GROUND_ROW, NULL);
  self->ground = g_object_ref (ground);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  self->ground_row = ground_row_new (self);
  gtk_list_box_append (self->list, self->ground_row);
  if (redress_case_ground_get_state (ground) == REDRESS_GROUND_CONFIRMED)
    {
      add_evidence (self);
      add_passages (self);
    }
  return GTK_WIDGET (self);
}

/**
 * redress_ground_row_get_ground:
 *
 * Returns: (transfer none): the ground the row shows
 */
RedressCaseGround *
redress_ground_row_get_ground (RedressGroundRow *self)
{
  g_return_val_if_fail (REDRESS_IS_GROUND_ROW (self), NULL);

  return self->ground;
}

const char *
redress_ground_row_get_code (RedressGroundRow *self)
{
  g_return_val_if_fail (REDRESS_IS_GROUND_ROW (self), NULL);

  return redress_case_ground_get_code (self->ground);
}

/**
 * redress_ground_row_focus:
 *
 * Gives the keyboard focus to the ground's own row.
 *
 * Returns: whether it took it
 */
gboolean
redress_ground_row_focus (RedressGroundRow *self)
{
  g_return_val_if_fail (REDRESS_IS_GROUND_ROW (self), FALSE);

  return self->ground_row != NULL && gtk_widget_grab_focus (self->ground_row);
}

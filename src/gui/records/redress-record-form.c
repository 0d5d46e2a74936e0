/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-record-form"

#include "config.h"

#include <glib/gi18n.h>

#include "redress-record-form.h"
#include "redress-ui-util.h"

/*
 * RedressRecordForm: the rows that edit a record (client, case, firm),
 * built from its field descriptions.
 *
 * In a draft form (a "new client" dialog) values are checked when the
 * caller commits them all.  In a live form each field is checked and
 * committed on its own — when the consultant presses Enter, clicks the
 * row's apply button or leaves the row — and "field-committed" asks the
 * owner to write it; there is no Save button.  A value that is not valid
 * is explained below its field, in every form alike, and is not written;
 * the explanation goes as soon as what is typed becomes valid.
 */
struct _RedressRecordForm
{
  GtkWidget parent_instance;

  GtkWidget *box;
  RedressRecord *record;
  gboolean live;
  gboolean refreshing;

  GtkWidget **rows;         /* by field; NULL when not shown */
  GtkWidget **hints;        /* suffix labels: the format hint */
  GtkWidget **errors;       /* rows below each field: why it is not valid */
  gboolean *watched;        /* by field: checked as it is typed */
  guint n_errors;           /* errors shown */
  GtkTextBuffer *notes_buffer;
  guint notes_field;
  guint notes_timeout;
};

G_DEFINE_FINAL_TYPE (RedressRecordForm, redress_record_form, GTK_TYPE_WIDGET)

enum {
  FIELD_COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_HAS_ERRORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_fields (RedressRecordForm *self)
{
  return redress_record_get_n_fields (self->record);
}

static const char *
hint_for (const RedressFieldDef *def)
{
  switch (def->kind)
    {
    case REDRESS_FIELD_DATE:
    case REDRESS_FIELD_DATE_REQUIRED:
      /* Translators: the format a date is typed in */
      return _("YYYY-MM-DD");
    case REDRESS_FIELD_UCI:
      return _("0000-0000 or 00-0000-0000");
    case REDRESS_FIELD_NAME:
      return _("Required");
    case REDRESS_FIELD_TEXT:
    case REDRESS_FIELD_EMAIL:
    case REDRESS_FIELD_PHONE:
    case REDRESS_FIELD_CHOICE:
    case REDRESS_FIELD_BOOLEAN:
    default:
      return NULL;
    }
}

/* The text an entry shows for a stored value */
static char *
entry_text_for (const RedressFieldDef *def,
                const char            *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (def->kind == REDRESS_FIELD_UCI)
    return redress_uci_format (value);
  return g_strdup (value);
}

static gboolean
shows_error (RedressRecordForm *self,
             guint              field)
{
  return self->errors[field] != NULL && gtk_widget_get_visible (self->errors[field]);
}

/* The format hint beside the field (while a record is drafted: once it is
 * stored, the values speak for themselves), the error below it */
static void
set_hint (RedressRecordForm *self,
          guint              field,
          const char        *error_message)
{
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  GtkWidget *label = self->hints[field];
  GtkWidget *row = self->rows[field];
  GtkWidget *error_row = self->errors[field];
  gboolean had_error;
  const char *hint;

  if (row == NULL || error_row == NULL)
    return;

  had_error = shows_error (self, field);
  hint = self->live ? NULL : hint_for (def);
  if (label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), hint ? hint : "");
      gtk_widget_set_visible (label, hint != NULL);
    }

  if (error_message != NULL)
    {
      self->watched[field] = TRUE;
      gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row))),
                          error_message);
      gtk_widget_set_visible (error_row, TRUE);
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error_message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_set_visible (error_row, FALSE);
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint ? hint : "",
                                      -1);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }

  if (had_error != (error_message != NULL))
    {
      if (error_message != NULL)
        self->n_errors++;
      else
        self->n_errors--;
      if (self->n_errors == (error_message != NULL ? 1 : 0))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERRORS]);
    }
}

/* Why @text cannot be @field's value, or %NULL when it can */
static char *
dup_error_for (RedressRecordForm *self,
               guint              field,
               const char        *text)
{
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  g_autofree char *normalized = redress_field_normalize (def, text);
  g_autoptr(GError) error = NULL;

  if (redress_field_validate (def, normalized, &error))
    return NULL;
  return g_strdup (error->message);
}

/* Checks and sets one field; in a live form, asks the owner to write it. */
static gboolean
commit_field (RedressRecordForm *self,
              guint              field,
              const char        *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (redress_record_get_value (self->record, field));

  if (!redress_record_set_value_checked (self->record, field, text, &error))
    {
      set_hint (self, field, error->message);
      return FALSE;
    }
  set_hint (self, field, NULL);

  if (self->live && g_strcmp0 (before, redress_record_get_value (self->record, field)) != 0)
    g_signal_emit (self, signals[FIELD_COMMITTED], 0, field);
  return TRUE;
}

static guint
field_of (RedressRecordForm *self,
          GtkWidget         *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "redress-field"));
}

static void
on_entry_apply (AdwEntryRow       *row,
                RedressRecordForm *self)
{
  commit_field (self, field_of (self, GTK_WIDGET (row)),
                gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_entry_changed (GtkEditable       *editable,
                  RedressRecordForm *self)
{
  guint field = field_of (self, GTK_WIDGET (editable));

  g_autofree char *message = NULL;

  if (self->refreshing || !self->watched[field])
    return;
  /* Nothing is said while a value is first typed; once a value was
   * explained, the explanation follows the correction and goes as soon
   * as the value is valid (it is written when committed, as before) */
  message = dup_error_for (self, field, gtk_editable_get_text (editable));
  set_hint (self, field, message);
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      RedressRecordForm       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint field = field_of (self, row);
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  g_autofree char *current = entry_text_for (def, redress_record_get_value (self->record, field));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* Leaving a row commits what was typed: nothing typed is lost */
  if (g_strcmp0 (current, text) != 0)
    commit_field (self, field, text);
}

static void
on_combo_selected (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   RedressRecordForm *self)
{
  guint field = field_of (self, GTK_WIDGET (row));
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  guint selected = adw_combo_row_get_selected (row);

  if (self->refreshing || selected == GTK_INVALID_LIST_POSITION ||
      selected >= redress_field_n_choices (def))
    return;
  commit_field (self, field, def->choices[selected].code);
}

static void
on_switch_active (GtkSwitch         *sw,
                  GParamSpec        *pspec,
                  RedressRecordForm *self)
{
  if (self->refreshing)
    return;
  commit_field (self, field_of (self, GTK_WIDGET (sw)),
                gtk_switch_get_active (sw) ? "true" : "false");
}

/* The notes as they are stored: the lines typed, without the blank space
 * around them (a Tab or an Enter pressed to leave the field, a stray
 * space) */
static char *
dup_notes_text (RedressRecordForm *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->notes_buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (self->notes_buffer, &start, &end, FALSE));
}

static void
flush_notes (RedressRecordForm *self)
{
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->notes_buffer == NULL)
    return;
  text = dup_notes_text (self);
  if (g_strcmp0 (text, redress_record_get_value (self->record, self->notes_field) ?: "") != 0)
    commit_field (self, self->notes_field, text);
}

static gboolean
notes_timeout_cb (gpointer data)
{
  RedressRecordForm *self = data;

  self->notes_timeout = 0;
  flush_notes (self);
  return G_SOURCE_REMOVE;
}

static void
on_notes_changed (GtkTextBuffer     *buffer,
                  RedressRecordForm *self)
{
  if (self->refreshing || !self->live)
    return;
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add_seconds (1, notes_timeout_cb, self);
}

/* The row below a field that explains why its value is not valid */
static GtkWidget *
make_error_row (void)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Read with its field (its description), not a stop of its own */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static GtkWidget *
make_hint_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
make_row (RedressRecordForm *self,
          guint              field)
{
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  GtkWidget *row;

  if (def->kind == REDRESS_FIELD_CHOICE)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint i = 0; def->choices[i].code; i++)
        gtk_string_list_append (labels, _(def->choices[i].label));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      redress_combo_row_show_whole_labels (ADW_COMBO_ROW (row));
      g_object_set_data (G_OBJECT (row), "redress-field", GUINT_TO_POINTER (field));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected), self, 0);
    }
  else if (def->kind == REDRESS_FIELD_BOOLEAN)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      /* One Tab stop, the switch: Tab then typed dates land in the next
       * field, not in the row's second stop */
      gtk_widget_set_focusable (row, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(def->label), -1);
      g_object_set_data (G_OBJECT (row), "redress-field", GUINT_TO_POINTER (field));
      g_object_set_data (G_OBJECT (sw), "redress-field", GUINT_TO_POINTER (field));
      g_object_set_data (G_OBJECT (row), "redress-switch", sw);
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (on_switch_active), self, 0);
    }
  else
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      row = adw_entry_row_new ();
      g_object_set_data (G_OBJECT (row), "redress-field", GUINT_TO_POINTER (field));
      self->hints[field] = make_hint_label ();
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), self->hints[field]);
      if (def->kind == REDRESS_FIELD_EMAIL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      else if (def->kind == REDRESS_FIELD_PHONE)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      else if (def->kind == REDRESS_FIELD_NAME)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NAME);

      if (self->live)
        {
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_apply), self, 0);
          g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_focus_leave), self, 0);
          gtk_widget_add_controller (row, focus);
        }
      else
        g_object_unref (g_object_ref_sink (focus));
      g_signal_connect_object (row, "changed", G_CALLBACK (on_entry_changed), self, 0);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(def->label));
  self->rows[field] = row;
  self->errors[field] = make_error_row ();
  return row;
}

static void
refresh_row (RedressRecordForm *self,
             guint              field)
{
  const RedressFieldDef *def = redress_record_get_field_def (self->record, field);
  const char *value = redress_record_get_value (self->record, field);
  GtkWidget *row = self->rows[field];

  if (row == NULL)
    return;

  if (ADW_IS_COMBO_ROW (row))
    {
      int i = redress_field_choice_index (def, value);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i < 0 ? 0 : (guint) i);
    }
  else if (def->kind == REDRESS_FIELD_BOOLEAN)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "redress-switch"),
                           g_strcmp0 (value, "true") == 0);
  else
    {
      g_autofree char *text = entry_text_for (def, value);

      /* Leave the cursor alone when the text is already right */
      if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  /* The value stored is valid: it is checked again once committed */
  self->watched[field] = FALSE;
  set_hint (self, field, NULL);
}

/* GObject */

static void
redress_record_form_dispose (GObject *object)
{
  RedressRecordForm *self = (RedressRecordForm *) object;

  /* Typed notes are written before the form goes */
  if (self->live && self->notes_timeout != 0)
    flush_notes (self);
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (redress_record_form_parent_class)->dispose (object);
}

static void
redress_record_form_finalize (GObject *object)
{
  RedressRecordForm *self = (RedressRecordForm *) object;

  g_free (self->rows);
  g_free (self->hints);
  g_free (self->errors);
  g_free (self->watched);

  G_OBJECT_CLASS (redress_record_form_parent_class)->finalize (object);
}

static void
redress_record_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RedressRecordForm *self = REDRESS_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_HAS_ERRORS:
      g_value_set_boolean (value, redress_record_form_has_errors (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_record_form_class_init (RedressRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = redress_record_form_dispose;
  object_class->finalize = redress_record_form_finalize;
  object_class->get_property = redress_record_form_get_property;

  /**
   * RedressRecordForm:has-errors:
   *
   * Whether a field shows why its value is not valid.
   */
  properties[PROP_HAS_ERRORS] =
    g_param_spec_boolean ("has-errors", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RedressRecordForm::field-committed:
   * @field: the field that now holds a new, valid value
   *
   * In a live form: the owner writes the record.
   */
  signals[FIELD_COMMITTED] =
    g_signal_new ("field-committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
redress_record_form_init (RedressRecordForm *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * redress_record_form_new:
 * @record: the record to edit
 * @live: %TRUE to commit each field as it is edited
 */
GtkWidget *
redress_record_form_new (RedressRecord *record,
                         gboolean       live)
{
  RedressRecordForm *self;

  g_return_val_if_fail (REDRESS_IS_RECORD (record), NULL);

  self = g_object_new (REDRESS_TYPE_RECORD_FORM, NULL);
  self->record = g_object_ref (record);
  self->live = live;
  self->rows = g_new0 (GtkWidget *, n_fields (self));
  self->hints = g_new0 (GtkWidget *, n_fields (self));
  self->errors = g_new0 (GtkWidget *, n_fields (self));
  self->watched = g_new0 (gboolean, n_fields (self));
  return GTK_WIDGET (self);
}

RedressRecord *
redress_record_form_get_record (RedressRecordForm *self)
{
  g_return_val_if_fail (REDRESS_IS_RECORD_FORM (self), NULL);

  return self->record;
}

/**
 * redress_record_form_set_record:
 *
 * Shows another record of the same type (or the same record reloaded).
 */
void
redress_record_form_set_record (RedressRecordForm *self,
                                RedressRecord     *record)
{
  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));
  g_return_if_fail (G_OBJECT_TYPE (record) == G_OBJECT_TYPE (self->record));

  if (self->notes_timeout != 0 && self->record != record)
    flush_notes (self);
  g_set_object (&self->record, record);
  redress_record_form_refresh (self);
}

/**
 * redress_record_form_add_group:
 * @title: (nullable): the group's title
 *
 * Adds a boxed group with one row for each of @fields.
 */
void
redress_record_form_add_group (RedressRecordForm *self,
                               const char        *title,
                               const guint       *fields,
                               guint              n)
{
  GtkWidget *group;

  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));

  group = adw_preferences_group_new ();
  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (fields[i] < n_fields (self));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, fields[i]));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->errors[fields[i]]);
      refresh_row (self, fields[i]);
    }
  gtk_box_append (GTK_BOX (self->box), group);
}

/**
 * redress_record_form_add_notes:
 *
 * Adds a multi-line text area for @field, saved a second after typing
 * stops (live forms) and when the form goes away.
 */
void
redress_record_form_add_notes (RedressRecordForm *self,
                               guint              field)
{
  const RedressFieldDef *def;
  GtkWidget *group;
  GtkWidget *view;
  GtkWidget *frame;

  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));
  g_return_if_fail (self->notes_buffer == NULL);

  def = redress_record_get_field_def (self->record, field);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(def->label));

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 96);
  /* Tab and Shift+Tab move on, as in every other field */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(def->label), -1);
  gtk_widget_add_css_class (view, "redress-notes");

  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  self->notes_field = field;
  self->notes_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  self->refreshing = TRUE;
  gtk_text_buffer_set_text (self->notes_buffer,
                            redress_record_get_value (self->record, field) ?: "", -1);
  self->refreshing = FALSE;
  g_signal_connect_object (self->notes_buffer, "changed", G_CALLBACK (on_notes_changed), self, 0);
  gtk_box_append (GTK_BOX (self->box), group);
}

/**
 * redress_record_form_commit_all:
 *
 * Checks and sets every field shown; explains each one that is not valid
 * and focuses the first.
 *
 * Returns: %TRUE when all are valid
 */
gboolean
redress_record_form_commit_all (RedressRecordForm *self)
{
  GtkWidget *first_invalid = NULL;

  g_return_val_if_fail (REDRESS_IS_RECORD_FORM (self), FALSE);

  for (guint i = 0; i < n_fields (self); i++)
    {
      GtkWidget *row = self->rows[i];

      if (row != NULL && ADW_IS_COMBO_ROW (row))
        {
          /* The choice shown is the one stored, even if it was never
           * changed (the first one, shown for a new record) */
          const RedressFieldDef *def = redress_record_get_field_def (self->record, i);
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          if (selected < redress_field_n_choices (def))
            commit_field (self, i, def->choices[selected].code);
        }
      if (row == NULL || !ADW_IS_ENTRY_ROW (row))
        continue;
      if (!commit_field (self, i, gtk_editable_get_text (GTK_EDITABLE (row))) &&
          first_invalid == NULL)
        first_invalid = row;
    }
  if (self->notes_buffer != NULL)
    flush_notes (self);

  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid);
      return FALSE;
    }
  return TRUE;
}

/**
 * redress_record_form_show_error:
 *
 * Explains below @field why its value was not written.
 */
void
redress_record_form_show_error (RedressRecordForm *self,
                                guint              field,
                                const char        *message)
{
  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));
  g_return_if_fail (field < n_fields (self));

  set_hint (self, field, message);
}

/**
 * redress_record_form_refresh:
 *
 * Shows the record's values again (after it was reloaded).
 */
void
redress_record_form_refresh (RedressRecordForm *self)
{
  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));

  self->refreshing = TRUE;
  for (guint i = 0; i < n_fields (self); i++)
    refresh_row (self, i);
  if (self->notes_buffer != NULL)
    {
      const char *value = redress_record_get_value (self->record, self->notes_field) ?: "";
      g_autofree char *text = dup_notes_text (self);

      /* Notes being typed (not yet written) are not replaced, nor the
       * new line just begun after the written ones */
      if (self->notes_timeout == 0 && g_strcmp0 (text, value) != 0)
        gtk_text_buffer_set_text (self->notes_buffer, value, -1);
    }
  self->refreshing = FALSE;
}

/**
 * redress_record_form_get_row:
 *
 * Returns: (transfer none) (nullable): the row that edits @field
 */
GtkWidget *
redress_record_form_get_row (RedressRecordForm *self,
                             guint              field)
{
  g_return_val_if_fail (REDRESS_IS_RECORD_FORM (self), NULL);
  g_return_val_if_fail (field < n_fields (self), NULL);

  return self->rows[field];
}

void
redress_record_form_focus_first (RedressRecordForm *self)
{
  g_return_if_fail (REDRESS_IS_RECORD_FORM (self));

  for (guint i = 0; i < n_fields (self); i++)
    if (self->rows[i] != NULL)
      {
        gtk_widget_grab_focus (self->rows[i]);
        return;
      }
}

/**
 * redress_record_form_has_errors:
 *
 * Returns: %TRUE while a field shows why its value is not valid
 */
gboolean
redress_record_form_has_errors (RedressRecordForm *self)
{
  g_return_val_if_fail (REDRESS_IS_RECORD_FORM (self), FALSE);

  return self->n_errors > 0;
}

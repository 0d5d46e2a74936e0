/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-case.h"
#include "redress-error.h"

struct _RedressCase
{
  RedressRecord parent_instance;

  gint64 client_id;
};

G_DEFINE_FINAL_TYPE (RedressCase, redress_case, REDRESS_TYPE_RECORD)

enum {
  PROP_CLIENT_ID = REDRESS_CASE_N_FIELDS + 1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RedressChoice application_types[] = {
  { "visitor-visa", N_("Visitor visa") },
  { "visitor-record", N_("Visitor record (extension)") },
  { "study-permit", N_("Study permit") },
  { "study-permit-extension", N_("Study permit extension") },
  { "work-permit", N_("Work permit") },
  { "work-permit-extension", N_("Work permit extension") },
  { "sponsorship-family-class", N_("Family class sponsorship") },
  { "spousal-in-canada", N_("Spousal sponsorship in Canada") },
  { "permanent-residence-economic", N_("Permanent residence (economic)") },
  { "pr-travel-document", N_("PR travel document") },
  { "other", N_("Other application") },
  { NULL, NULL }
};

static const RedressChoice stages[] = {
  { "new", N_("New") },
  { "awaiting-notes", N_("Awaiting officer’s notes") },
  { "analysis", N_("Analysis") },
  { "preparing", N_("Preparing") },
  { "submitted", N_("Submitted") },
  { "closed", N_("Closed") },
  { NULL, NULL }
};

static const RedressChoice paths[] = {
  { "undecided", N_("Not chosen yet") },
  { "restoration", N_("Restoration of status") },
  { "new-application", N_("New application") },
  { "judicial-review", N_("Judicial review") },
  { "appeal", N_("Appeal to the IAD") },
  { "reconsideration", N_("Reconsideration request") },
  { "humanitarian", N_("Humanitarian and compassionate application") },
  { NULL, NULL }
};

static const RedressFieldDef case_fields[REDRESS_CASE_N_FIELDS] = {
  { "application-type", "application_type", N_("Application"), REDRESS_FIELD_CHOICE, application_types },
  { "decided-in-canada", "decided_in_canada", N_("Decided in Canada"), REDRESS_FIELD_BOOLEAN, NULL },
  { "decision-date", "decision_date", N_("Decision date"), REDRESS_FIELD_DATE_REQUIRED, NULL },
  { "received-date", "received_date", N_("Date received"), REDRESS_FIELD_DATE, NULL },
  { "status-expiry", "status_expiry", N_("Status expiry"), REDRESS_FIELD_DATE, NULL },
  { "visa-office", "visa_office", N_("Visa office"), REDRESS_FIELD_LINE, NULL },
  { "ircc-number", "ircc_number", N_("IRCC application number"), REDRESS_FIELD_LINE, NULL },
  { "consultant", "consultant", N_("Assigned consultant"), REDRESS_FIELD_LINE, NULL },
  { "stage", "stage", N_("Stage"), REDRESS_FIELD_CHOICE, stages },
  { "notes", "notes", N_("Notes"), REDRESS_FIELD_TEXT, NULL },
  { "path", "path", N_("Path"), REDRESS_FIELD_CHOICE, paths },
  { "notes-requested", "notes_requested", N_("Officer’s notes requested"), REDRESS_FIELD_DATE, NULL },
  { "notes-received", "notes_received", N_("Officer’s notes received"), REDRESS_FIELD_DATE, NULL },
};

static void
redress_case_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RedressCase *self = REDRESS_CASE (object);

  if (redress_record_get_field_property (REDRESS_RECORD (self), prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_case_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RedressCase *self = REDRESS_CASE (object);

  if (redress_record_set_field_property (REDRESS_RECORD (self), prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      redress_case_set_client_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_case_class_init (RedressCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RedressRecordClass *record_class = REDRESS_RECORD_CLASS (klass);

  object_class->get_property = redress_case_get_property;
  object_class->set_property = redress_case_set_property;

  record_class->table = "cases";
  record_class->entity = "case";
  record_class->fields = case_fields;
  record_class->n_fields = REDRESS_CASE_N_FIELDS;
  redress_record_class_install_field_properties (record_class);

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_CLIENT_ID, properties[PROP_CLIENT_ID]);
}

static void
redress_case_init (RedressCase *self)
{
  redress_record_set_value (REDRESS_RECORD (self), REDRESS_CASE_STAGE, "new");
  redress_record_set_value (REDRESS_RECORD (self), REDRESS_CASE_PATH, "undecided");
}

RedressCase *
redress_case_new (gint64 client_id)
{
  return g_object_new (REDRESS_TYPE_CASE, "client-id", client_id, NULL);
}

const RedressFieldDef *
redress_case_field_def (RedressCaseField field)
{
  g_return_val_if_fail (field < REDRESS_CASE_N_FIELDS, NULL);

  return &case_fields[field];
}

gint64
redress_case_get_client_id (RedressCase *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE (self), 0);

  return self->client_id;
}

void
redress_case_set_client_id (RedressCase *self,
                            gint64       client_id)
{
  g_return_if_fail (REDRESS_IS_CASE (self));

  if (self->client_id == client_id)
    return;
  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
redress_case_get_application_type (RedressCase *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_APPLICATION_TYPE);
}

gboolean
redress_case_get_decided_in_canada (RedressCase *self)
{
  return g_strcmp0 (redress_record_get_value (REDRESS_RECORD (self),
                                              REDRESS_CASE_DECIDED_IN_CANADA), "true") == 0;
}

const char *
redress_case_get_decision_date (RedressCase *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_DECISION_DATE);
}

const char *
redress_case_get_stage (RedressCase *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_STAGE);
}

/**
 * redress_case_dup_title:
 *
 * Returns: (transfer full): "Study permit refused 2 March 2026"
 */
char *
redress_case_dup_title (RedressCase *self)
{
  const char *type_label;
  g_autofree char *date = NULL;

  g_return_val_if_fail (REDRESS_IS_CASE (self), NULL);

  type_label = redress_field_choice_label (&case_fields[REDRESS_CASE_APPLICATION_TYPE],
                                           redress_case_get_application_type (self));
  date = redress_date_format_long (redress_case_get_decision_date (self));
  if (type_label == NULL)
    type_label = _("Application");
  if (date == NULL)
    return g_strdup (type_label);
  /* Translators: a case title: the application type, then the date of the
   * refusal, e.g. "Study permit refused 2 March 2026" */
  return g_strdup_printf (_("%s refused %s"), type_label, date);
}

/**
 * redress_case_check_dates:
 *
 * Checks what the fields cannot check alone: the letter cannot reach the
 * client before it was written.
 */
gboolean
redress_case_check_dates (RedressCase  *self,
                          GError      **error)
{
  const char *decision;
  const char *received;
  const char *requested;
  const char *notes_received;

  g_return_val_if_fail (REDRESS_IS_CASE (self), FALSE);

  decision = redress_case_get_decision_date (self);
  received = redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_RECEIVED_DATE);
  /* ISO dates compare as strings */
  if (decision != NULL && received != NULL && g_strcmp0 (received, decision) < 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Date received: the client cannot have received the decision (%s) before it was made (%s)."),
                   received, decision);
      return FALSE;
    }

  requested = redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_NOTES_REQUESTED);
  notes_received = redress_record_get_value (REDRESS_RECORD (self), REDRESS_CASE_NOTES_RECEIVED);
  if (notes_received != NULL && requested == NULL)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Officer’s notes received: first enter the date they were requested."));
      return FALSE;
    }
  if (requested != NULL && notes_received != NULL && g_strcmp0 (notes_received, requested) < 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID,
                   _("Officer’s notes received: the notes cannot arrive (%s) before they were requested (%s)."),
                   notes_received, requested);
      return FALSE;
    }
  return TRUE;
}

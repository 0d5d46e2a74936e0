/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-client.h"

struct _RedressClient
{
  RedressRecord parent_instance;

  char *file_number;
  guint case_count;
};

G_DEFINE_FINAL_TYPE (RedressClient, redress_client, REDRESS_TYPE_RECORD)

enum {
  PROP_FILE_NUMBER = REDRESS_CLIENT_N_FIELDS + 1,
  PROP_DISPLAY_NAME,
  PROP_CASE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RedressChoice languages[] = {
  { "en", N_("English") },
  { "fr", N_("French") },
  { NULL, NULL }
};

static const RedressFieldDef client_fields[REDRESS_CLIENT_N_FIELDS] = {
  { "family-name", "family_name", N_("Family name"), REDRESS_FIELD_NAME, NULL },
  { "given-names", "given_names", N_("Given names"), REDRESS_FIELD_NAME, NULL },
  { "date-of-birth", "date_of_birth", N_("Date of birth"), REDRESS_FIELD_DATE, NULL },
  { "uci", "uci", N_("UCI"), REDRESS_FIELD_UCI, NULL },
  { "email", "email", N_("Email"), REDRESS_FIELD_EMAIL, NULL },
  { "phone", "phone", N_("Phone"), REDRESS_FIELD_PHONE, NULL },
  { "country-of-residence", "country_of_residence", N_("Country of residence"), REDRESS_FIELD_LINE, NULL },
  { "citizenship", "citizenship", N_("Citizenship"), REDRESS_FIELD_LINE, NULL },
  { "language", "language", N_("Preferred language"), REDRESS_FIELD_CHOICE, languages },
  { "notes", "notes", N_("Notes"), REDRESS_FIELD_TEXT, NULL },
};

static void
redress_client_finalize (GObject *object)
{
  RedressClient *self = (RedressClient *) object;

  g_free (self->file_number);

  G_OBJECT_CLASS (redress_client_parent_class)->finalize (object);
}

static void
redress_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RedressClient *self = REDRESS_CLIENT (object);

  if (redress_record_get_field_property (REDRESS_RECORD (self), prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_FILE_NUMBER:
      g_value_set_string (value, self->file_number);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, redress_client_dup_display_name (self));
      break;
    case PROP_CASE_COUNT:
      g_value_set_uint (value, self->case_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RedressClient *self = REDRESS_CLIENT (object);

  if (redress_record_set_field_property (REDRESS_RECORD (self), prop_id, value))
    {
      if (prop_id == REDRESS_CLIENT_FAMILY_NAME + 1 || prop_id == REDRESS_CLIENT_GIVEN_NAMES + 1)
        g_object_notify_by_pspec (object, properties[PROP_DISPLAY_NAME]);
      return;
    }

  switch (prop_id)
    {
    case PROP_FILE_NUMBER:
      redress_client_set_file_number (self, g_value_get_string (value));
      break;
    case PROP_CASE_COUNT:
      redress_client_set_case_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
redress_client_class_init (RedressClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RedressRecordClass *record_class = REDRESS_RECORD_CLASS (klass);

  object_class->finalize = redress_client_finalize;
  object_class->get_property = redress_client_get_property;
  object_class->set_property = redress_client_set_property;

  record_class->table = "clients";
  record_class->entity = "client";
  record_class->fields = client_fields;
  record_class->n_fields = REDRESS_CLIENT_N_FIELDS;
  redress_record_class_install_field_properties (record_class);

  properties[PROP_FILE_NUMBER] =
    g_param_spec_string ("file-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_COUNT] =
    g_param_spec_uint ("case-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = PROP_FILE_NUMBER; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
redress_client_init (RedressClient *self)
{
  redress_record_set_value (REDRESS_RECORD (self), REDRESS_CLIENT_LANGUAGE, "en");
}

RedressClient *
redress_client_new (void)
{
  return g_object_new (REDRESS_TYPE_CLIENT, NULL);
}

const RedressFieldDef *
redress_client_field_def (RedressClientField field)
{
  g_return_val_if_fail (field < REDRESS_CLIENT_N_FIELDS, NULL);

  return &client_fields[field];
}

/**
 * redress_client_get_file_number:
 *
 * Returns: (nullable): the file number ("2026-0001"), %NULL until stored
 */
const char *
redress_client_get_file_number (RedressClient *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT (self), NULL);

  return self->file_number;
}

void
redress_client_set_file_number (RedressClient *self,
                                const char    *file_number)
{
  g_return_if_fail (REDRESS_IS_CLIENT (self));

  if (g_strcmp0 (self->file_number, file_number) == 0)
    return;
  g_free (self->file_number);
  self->file_number = g_strdup (file_number);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_NUMBER]);
}

const char *
redress_client_get_family_name (RedressClient *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CLIENT_FAMILY_NAME);
}

const char *
redress_client_get_given_names (RedressClient *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CLIENT_GIVEN_NAMES);
}

const char *
redress_client_get_uci (RedressClient *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CLIENT_UCI);
}

const char *
redress_client_get_language (RedressClient *self)
{
  return redress_record_get_value (REDRESS_RECORD (self), REDRESS_CLIENT_LANGUAGE);
}

/**
 * redress_client_dup_display_name:
 *
 * Returns: (transfer full): "FAMILY, Given names", as files are sorted,
 *   on one line and without bidirectional overrides (see
 *   redress_text_sanitize_for_display())
 */
char *
redress_client_dup_display_name (RedressClient *self)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  g_return_val_if_fail (REDRESS_IS_CLIENT (self), NULL);

  /* As shown: on one line, without what could reorder or hide it */
  family = redress_text_sanitize_for_display (redress_client_get_family_name (self), FALSE);
  given = redress_text_sanitize_for_display (redress_client_get_given_names (self), FALSE);
  if (family == NULL && given == NULL)
    return g_strdup (_("Unnamed client"));
  if (given == NULL)
    return g_steal_pointer (&family);
  if (family == NULL)
    return g_steal_pointer (&given);
  /* Translators: a client's name in lists: family name, given names */
  return g_strdup_printf (_("%s, %s"), family, given);
}

/**
 * redress_client_dup_sort_key:
 *
 * Returns: (transfer full): what client files are sorted by (byte by
 *   byte, then by id): folded family name, given names and file number
 */
char *
redress_client_dup_sort_key (RedressClient *self)
{
  g_autofree char *raw = NULL;

  g_return_val_if_fail (REDRESS_IS_CLIENT (self), NULL);

  raw = g_strdup_printf ("%s\x1f%s\x1f%s",
                         redress_client_get_family_name (self) ?: "",
                         redress_client_get_given_names (self) ?: "",
                         self->file_number ? self->file_number : "");
  return redress_text_fold (raw);
}

/**
 * redress_client_dup_search_key:
 *
 * Returns: (transfer full): what a search matches against: folded names in
 *   both orders, the file number and the UCI digits
 */
char *
redress_client_dup_search_key (RedressClient *self)
{
  g_autofree char *raw = NULL;

  g_return_val_if_fail (REDRESS_IS_CLIENT (self), NULL);

  raw = g_strdup_printf ("%s %s %s|%s|%s",
                         redress_client_get_family_name (self) ?: "",
                         redress_client_get_given_names (self) ?: "",
                         redress_client_get_family_name (self) ?: "",
                         self->file_number ? self->file_number : "",
                         redress_client_get_uci (self) ?: "");
  return redress_text_fold (raw);
}

guint
redress_client_get_case_count (RedressClient *self)
{
  g_return_val_if_fail (REDRESS_IS_CLIENT (self), 0);

  return self->case_count;
}

void
redress_client_set_case_count (RedressClient *self,
                               guint          case_count)
{
  g_return_if_fail (REDRESS_IS_CLIENT (self));

  if (self->case_count == case_count)
    return;
  self->case_count = case_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_COUNT]);
}

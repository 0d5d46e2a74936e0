/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-error.h"
#include "redress-record-private.h"

typedef struct
{
  gint64 id;
  char **values;
  gboolean archived;
  char *created_at;
  char *updated_at;
} RedressRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RedressRecord, redress_record, G_TYPE_OBJECT)

static GParamSpec *
field_pspec (RedressRecordClass *klass,
             guint               prop_id)
{
  return g_object_class_find_property (G_OBJECT_CLASS (klass), klass->fields[prop_id - 1].name);
}

static void
redress_record_finalize (GObject *object)
{
  RedressRecord *self = REDRESS_RECORD (object);
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);
  if (priv->values != NULL)
    {
      /* Not g_strfreev(): empty optional fields are NULL. */
      for (guint i = 0; i < REDRESS_RECORD_GET_CLASS (self)->n_fields; i++)
        g_free (priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (redress_record_parent_class)->finalize (object);
}

static void
redress_record_class_init (RedressRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = redress_record_finalize;
}

static void
redress_record_init (RedressRecord *self)
{
}

/* The values are allocated on first use: during instance init the class
 * seen is still RedressRecordClass, which has no fields. */
static char **
values_of (RedressRecord *self)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);
  RedressRecordClass *klass = REDRESS_RECORD_GET_CLASS (self);

  if (priv->values != NULL)
    return priv->values;

  priv->values = g_new0 (char *, klass->n_fields + 1);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (klass->fields[i].kind == REDRESS_FIELD_BOOLEAN)
        priv->values[i] = g_strdup ("false");
      else if (klass->fields[i].kind == REDRESS_FIELD_TEXT ||
               klass->fields[i].kind == REDRESS_FIELD_LINE)
        priv->values[i] = g_strdup ("");
    }
  return priv->values;
}

void
redress_record_class_install_field_properties (RedressRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const RedressFieldDef *def = &klass->fields[i];
      GParamSpec *pspec;

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        pspec = g_param_spec_boolean (def->name, NULL, NULL, FALSE,
                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                      G_PARAM_STATIC_STRINGS);
      else
        pspec = g_param_spec_string (def->name, NULL, NULL, NULL,
                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                     G_PARAM_STATIC_STRINGS);
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

gboolean
redress_record_get_field_property (RedressRecord *self,
                                   guint          prop_id,
                                   GValue        *value)
{
  RedressRecordClass *klass = REDRESS_RECORD_GET_CLASS (self);
  const char *v;

  if (prop_id == 0 || prop_id > klass->n_fields)
    return FALSE;

  v = redress_record_get_value (self, prop_id - 1);
  if (klass->fields[prop_id - 1].kind == REDRESS_FIELD_BOOLEAN)
    g_value_set_boolean (value, g_strcmp0 (v, "true") == 0);
  else
    g_value_set_string (value, v);
  return TRUE;
}

gboolean
redress_record_set_field_property (RedressRecord *self,
                                   guint          prop_id,
                                   const GValue  *value)
{
  RedressRecordClass *klass = REDRESS_RECORD_GET_CLASS (self);

  if (prop_id == 0 || prop_id > klass->n_fields)
    return FALSE;

  if (klass->fields[prop_id - 1].kind == REDRESS_FIELD_BOOLEAN)
    redress_record_set_value (self, prop_id - 1, g_value_get_boolean (value) ? "true" : "false");
  else
    redress_record_set_value (self, prop_id - 1, g_value_get_string (value));
  return TRUE;
}

gint64
redress_record_get_id (RedressRecord *self)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_val_if_fail (REDRESS_IS_RECORD (self), 0);

  return priv->id;
}

void
redress_record_set_id (RedressRecord *self,
                       gint64         id)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_if_fail (REDRESS_IS_RECORD (self));

  priv->id = id;
}

/**
 * redress_record_get_value:
 *
 * Returns: (nullable): the value of @field as stored (a code, an ISO date,
 *   UCI digits, "true"/"false")
 */
const char *
redress_record_get_value (RedressRecord *self,
                          guint          field)
{
  g_return_val_if_fail (REDRESS_IS_RECORD (self), NULL);
  g_return_val_if_fail (field < REDRESS_RECORD_GET_CLASS (self)->n_fields, NULL);

  return values_of (self)[field];
}

/**
 * redress_record_set_value:
 *
 * Sets @field to the normalized form of @value, without validating it
 * (see redress_record_set_value_checked()).
 */
void
redress_record_set_value (RedressRecord *self,
                          guint          field,
                          const char    *value)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);
  RedressRecordClass *klass;
  g_autofree char *normalized = NULL;

  g_return_if_fail (REDRESS_IS_RECORD (self));
  klass = REDRESS_RECORD_GET_CLASS (self);
  g_return_if_fail (field < klass->n_fields);

  normalized = redress_field_normalize (&klass->fields[field], value);
  if (g_strcmp0 (normalized, values_of (self)[field]) == 0)
    return;

  g_free (priv->values[field]);
  priv->values[field] = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), field_pspec (klass, field + 1));
}

void
redress_record_load_value (RedressRecord *self,
                           guint          field,
                           const char    *value)
{
  char **values = values_of (self);

  g_free (values[field]);
  values[field] = g_strdup (value);
}

/**
 * redress_record_set_value_checked:
 *
 * Normalizes and validates @value; sets @field only when it is valid.
 */
gboolean
redress_record_set_value_checked (RedressRecord  *self,
                                  guint           field,
                                  const char     *value,
                                  GError        **error)
{
  RedressRecordClass *klass;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (REDRESS_IS_RECORD (self), FALSE);
  klass = REDRESS_RECORD_GET_CLASS (self);
  g_return_val_if_fail (field < klass->n_fields, FALSE);

  normalized = redress_field_normalize (&klass->fields[field], value);
  if (!redress_field_validate (&klass->fields[field], normalized, error))
    return FALSE;

  redress_record_set_value (self, field, normalized);
  return TRUE;
}

gboolean
redress_record_get_archived (RedressRecord *self)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_val_if_fail (REDRESS_IS_RECORD (self), FALSE);

  return priv->archived;
}

void
redress_record_set_archived (RedressRecord *self,
                             gboolean       archived)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_if_fail (REDRESS_IS_RECORD (self));

  priv->archived = !!archived;
}

const char *
redress_record_get_created_at (RedressRecord *self)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_val_if_fail (REDRESS_IS_RECORD (self), NULL);

  return priv->created_at;
}

const char *
redress_record_get_updated_at (RedressRecord *self)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_val_if_fail (REDRESS_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
redress_record_set_timestamps (RedressRecord *self,
                               const char    *created_at,
                               const char    *updated_at)
{
  RedressRecordPrivate *priv = redress_record_get_instance_private (self);

  g_return_if_fail (REDRESS_IS_RECORD (self));

  /* Either may be the value held now: copy before freeing */
  char *new_created = g_strdup (created_at);
  char *new_updated = g_strdup (updated_at);

  g_free (priv->created_at);
  priv->created_at = new_created;
  g_free (priv->updated_at);
  priv->updated_at = new_updated;
}

guint
redress_record_get_n_fields (RedressRecord *self)
{
  g_return_val_if_fail (REDRESS_IS_RECORD (self), 0);

  return REDRESS_RECORD_GET_CLASS (self)->n_fields;
}

const RedressFieldDef *
redress_record_get_field_def (RedressRecord *self,
                              guint          field)
{
  g_return_val_if_fail (REDRESS_IS_RECORD (self), NULL);
  g_return_val_if_fail (field < REDRESS_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &REDRESS_RECORD_GET_CLASS (self)->fields[field];
}

/**
 * redress_record_find_field:
 * @name: a field name ("family-name") or column ("family_name")
 *
 * Returns: the field index, or -1
 */
int
redress_record_find_field (RedressRecord *self,
                           const char    *name)
{
  RedressRecordClass *klass;

  g_return_val_if_fail (REDRESS_IS_RECORD (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  klass = REDRESS_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_equal (klass->fields[i].name, name) || g_str_equal (klass->fields[i].column, name))
      return (int) i;
  return -1;
}

/**
 * redress_record_validate:
 *
 * Checks every field; the error names the first field that is not valid.
 */
gboolean
redress_record_validate (RedressRecord  *self,
                         GError        **error)
{
  RedressRecordClass *klass;

  g_return_val_if_fail (REDRESS_IS_RECORD (self), FALSE);

  klass = REDRESS_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    if (!redress_field_validate (&klass->fields[i], values_of (self)[i], error))
      return FALSE;
  return TRUE;
}

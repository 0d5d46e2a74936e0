/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-firm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-firm.h"

/* The firm profile: the letterhead that exported documents carry. */
struct _RedressFirm
{
  RedressRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (RedressFirm, redress_firm, REDRESS_TYPE_RECORD)

static const RedressFieldDef firm_fields[REDRESS_FIRM_N_FIELDS] = {
  { "name", "name", N_("Firm name"), REDRESS_FIELD_TEXT, NULL },
  { "address", "address", N_("Address"), REDRESS_FIELD_TEXT, NULL },
  { "phone", "phone", N_("Phone"), REDRESS_FIELD_PHONE, NULL },
  { "email", "email", N_("Email"), REDRESS_FIELD_EMAIL, NULL },
  { "licence", "licence", N_("Licence number"), REDRESS_FIELD_TEXT, NULL },
};

static void
redress_firm_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (!redress_record_get_field_property (REDRESS_RECORD (object), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
redress_firm_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  if (!redress_record_set_field_property (REDRESS_RECORD (object), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
redress_firm_class_init (RedressFirmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RedressRecordClass *record_class = REDRESS_RECORD_CLASS (klass);

  object_class->get_property = redress_firm_get_property;
  object_class->set_property = redress_firm_set_property;

  record_class->table = "firm";
  record_class->entity = "firm";
  record_class->fields = firm_fields;
  record_class->n_fields = REDRESS_FIRM_N_FIELDS;
  redress_record_class_install_field_properties (record_class);
}

static void
redress_firm_init (RedressFirm *self)
{
}

RedressFirm *
redress_firm_new (void)
{
  return g_object_new (REDRESS_TYPE_FIRM, NULL);
}

const RedressFieldDef *
redress_firm_field_def (RedressFirmField field)
{
  g_return_val_if_fail (field < REDRESS_FIRM_N_FIELDS, NULL);

  return &firm_fields[field];
}

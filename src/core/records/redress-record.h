/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-field.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_RECORD (redress_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (RedressRecord, redress_record, REDRESS, RECORD, GObject)

/**
 * RedressRecordClass:
 * @table: the SQL table the records live in
 * @entity: the name of the record in the timeline ("client", "case")
 * @fields: the editable fields, in column order
 * @n_fields: how many
 *
 * A row of the database whose editable columns are all described by
 * #RedressFieldDef: clients and cases.  The store reads, writes, compares
 * and validates them through this description, so a new column is one
 * line in a table and one migration.
 */
struct _RedressRecordClass
{
  GObjectClass parent_class;

  const char *table;
  const char *entity;
  const RedressFieldDef *fields;
  guint n_fields;
};

gint64                 redress_record_get_id        (RedressRecord  *self);
void                   redress_record_set_id        (RedressRecord  *self,
                                                     gint64          id);
const char            *redress_record_get_value     (RedressRecord  *self,
                                                     guint           field);
void                   redress_record_set_value     (RedressRecord  *self,
                                                     guint           field,
                                                     const char     *value);
gboolean               redress_record_set_value_checked (RedressRecord *self,
                                                     guint           field,
                                                     const char     *value,
                                                     GError        **error);
gboolean               redress_record_get_archived  (RedressRecord  *self);
void                   redress_record_set_archived  (RedressRecord  *self,
                                                     gboolean        archived);
const char            *redress_record_get_created_at (RedressRecord *self);
const char            *redress_record_get_updated_at (RedressRecord *self);
void                   redress_record_set_timestamps (RedressRecord *self,
                                                     const char     *created_at,
                                                     const char     *updated_at);
guint                  redress_record_get_n_fields  (RedressRecord  *self);
const RedressFieldDef *redress_record_get_field_def (RedressRecord  *self,
                                                     guint           field);
int                    redress_record_find_field    (RedressRecord  *self,
                                                     const char     *name);
gboolean               redress_record_validate      (RedressRecord  *self,
                                                     GError        **error);

/* For subclasses: installs one property per field (ids 1..n_fields) */
void                   redress_record_class_install_field_properties (RedressRecordClass *klass);
gboolean               redress_record_get_field_property (RedressRecord *self,
                                                     guint           prop_id,
                                                     GValue         *value);
gboolean               redress_record_set_field_property (RedressRecord *self,
                                                     guint           prop_id,
                                                     const GValue   *value);

G_END_DECLS

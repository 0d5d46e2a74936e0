/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_RECORD_FORM (redress_record_form_get_type ())

G_DECLARE_FINAL_TYPE (RedressRecordForm, redress_record_form, REDRESS, RECORD_FORM, GtkWidget)

GtkWidget     *redress_record_form_new           (RedressRecord     *record,
                                                  gboolean           live);
RedressRecord *redress_record_form_get_record    (RedressRecordForm *self);
void           redress_record_form_set_record    (RedressRecordForm *self,
                                                  RedressRecord     *record);
void           redress_record_form_add_group     (RedressRecordForm *self,
                                                  const char        *title,
                                                  const guint       *fields,
                                                  guint              n_fields);
void           redress_record_form_add_notes     (RedressRecordForm *self,
                                                  guint              field);
gboolean       redress_record_form_commit_all    (RedressRecordForm *self);
void           redress_record_form_show_error    (RedressRecordForm *self,
                                                  guint              field,
                                                  const char        *message);
void           redress_record_form_refresh       (RedressRecordForm *self);
GtkWidget     *redress_record_form_get_row       (RedressRecordForm *self,
                                                  guint              field);
void           redress_record_form_focus_first   (RedressRecordForm *self);
gboolean       redress_record_form_has_errors    (RedressRecordForm *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"
#include "redress-record-form.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_RECORD_DIALOG (redress_record_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RedressRecordDialog, redress_record_dialog, REDRESS, RECORD_DIALOG, AdwWindow)

RedressRecordDialog *redress_record_dialog_new      (GtkWindow           *parent,
                                                     RedressStore        *store,
                                                     RedressRecord       *record,
                                                     const char          *title,
                                                     const char          *create_label);
RedressRecordForm   *redress_record_dialog_get_form (RedressRecordDialog *self);
gboolean             redress_record_dialog_create   (RedressRecordDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

#define REDRESS_TYPE_ATTACH_DIALOG (redress_attach_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RedressAttachDialog, redress_attach_dialog, REDRESS, ATTACH_DIALOG,
                      AdwMessageDialog)

GtkWidget           *redress_attach_dialog_new          (GtkWindow           *parent,
                                                         GSList              *files);
guint                redress_attach_dialog_get_n_files  (RedressAttachDialog *self);
GFile               *redress_attach_dialog_get_file     (RedressAttachDialog *self,
                                                         guint                position);
RedressDocumentKind  redress_attach_dialog_get_kind     (RedressAttachDialog *self,
                                                         guint                position);
void                 redress_attach_dialog_set_kind     (RedressAttachDialog *self,
                                                         guint                position,
                                                         RedressDocumentKind  kind);
RedressDocumentKind  redress_attach_dialog_suggest_kind (GFile               *file);

G_END_DECLS

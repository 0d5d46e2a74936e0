/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The detector run on stored documents: grounds suggested to a case,
 * passages of the notes offered as evidence for a ground */

#include <gio/gio.h>

#include "redress-ground-hit.h"
#include "redress-store.h"

G_BEGIN_DECLS

gboolean   redress_store_detect_document_grounds (RedressStore  *self,
                                                  gint64         document_id,
                                                  guint         *n_new,
                                                  GError       **error);
/* Passages (RedressGroundHit, with their document_id) of the case's
 * officer's notes and decision notes about @code, not yet linked to it */
GPtrArray *redress_store_suggest_passages        (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  guint          max_passages,
                                                  GError       **error);

G_END_DECLS

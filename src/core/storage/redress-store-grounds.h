/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-case-ground.h"
#include "redress-evidence.h"
#include "redress-ground-hit.h"
#include "redress-store.h"

G_BEGIN_DECLS

/* The grounds of a case's refusal and their evidence.  Writes log a line
 * on the case's timeline (entity "ground", new_value the code) and
 * announce themselves with the store's "changed" signal, entity "ground",
 * id the case's. */

GPtrArray *redress_store_list_grounds            (RedressStore  *self,
                                                  gint64         case_id,
                                                  GError       **error);
gboolean   redress_store_confirm_ground          (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  GError       **error);
gboolean   redress_store_dismiss_ground          (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  GError       **error);
gboolean   redress_store_undismiss_ground        (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  GError       **error);
gboolean   redress_store_add_ground              (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  GError       **error);
gboolean   redress_store_case_has_confirmed      (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code);

/* Suggestions from the detector (an import of a refusal letter or of
 * decision notes makes them by itself; see redress-analysis.h) */
gboolean   redress_store_suggest_grounds         (RedressStore  *self,
                                                  gint64         case_id,
                                                  gint64         document_id,
                                                  GPtrArray     *hits,
                                                  guint         *n_new,
                                                  GError       **error);

/* Evidence */
gboolean   redress_store_link_evidence           (RedressStore  *self,
                                                  gint64         case_id,
                                                  const char    *code,
                                                  gint64         document_id,
                                                  guint          page,
                                                  const char    *quote,
                                                  gint64         quote_start,
                                                  gint64         quote_end,
                                                  gint64        *evidence_id,
                                                  GError       **error);
gboolean   redress_store_unlink_evidence         (RedressStore  *self,
                                                  gint64         evidence_id,
                                                  GError       **error);

G_END_DECLS

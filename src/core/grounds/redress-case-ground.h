/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-evidence.h"

G_BEGIN_DECLS

typedef enum
{
  REDRESS_GROUND_SUGGESTED,
  REDRESS_GROUND_CONFIRMED,
  REDRESS_GROUND_DISMISSED,
} RedressGroundState;

typedef enum
{
  REDRESS_GROUND_DETECTED,
  REDRESS_GROUND_MANUAL,
} RedressGroundOrigin;

const char *redress_ground_state_to_string   (RedressGroundState   state);
gboolean    redress_ground_state_from_string (const char          *text,
                                              RedressGroundState  *state);

#define REDRESS_TYPE_CASE_GROUND (redress_case_ground_get_type ())

G_DECLARE_FINAL_TYPE (RedressCaseGround, redress_case_ground, REDRESS, CASE_GROUND, GObject)

/* A ground of a case's refusal: suggested by the detector, confirmed or
 * dismissed by the consultant, or added by hand; with the letter's
 * sentence that states it and the passages linked to it as evidence. */
RedressCaseGround  *redress_case_ground_new              (gint64               case_id,
                                                          const char          *code,
                                                          RedressGroundState   state,
                                                          RedressGroundOrigin  origin);
void                redress_case_ground_set_quote        (RedressCaseGround   *self,
                                                          const char          *provision,
                                                          const char          *quote,
                                                          gint64               document_id,
                                                          guint                page,
                                                          gint64               quote_start,
                                                          gint64               quote_end);
void                redress_case_ground_set_end          (RedressCaseGround   *self,
                                                          guint                end_page,
                                                          gint64               end_offset);
void                redress_case_ground_set_source       (RedressCaseGround   *self,
                                                          const char          *source,
                                                          const char          *entry_date,
                                                          gboolean             in_letter);
void                redress_case_ground_set_times        (RedressCaseGround   *self,
                                                          const char          *created_at,
                                                          const char          *updated_at);
void                redress_case_ground_add_evidence     (RedressCaseGround   *self,
                                                          RedressEvidence     *evidence);

gint64              redress_case_ground_get_case_id      (RedressCaseGround   *self);
const char         *redress_case_ground_get_code         (RedressCaseGround   *self);
const char         *redress_case_ground_get_label        (RedressCaseGround   *self);
RedressGroundState  redress_case_ground_get_state        (RedressCaseGround   *self);
RedressGroundOrigin redress_case_ground_get_origin       (RedressCaseGround   *self);
const char         *redress_case_ground_get_provision    (RedressCaseGround   *self);
const char         *redress_case_ground_get_quote        (RedressCaseGround   *self);
gint64              redress_case_ground_get_document_id  (RedressCaseGround   *self);
guint               redress_case_ground_get_page         (RedressCaseGround   *self);
gint64              redress_case_ground_get_quote_start  (RedressCaseGround   *self);
gint64              redress_case_ground_get_quote_end    (RedressCaseGround   *self);
guint               redress_case_ground_get_end_page     (RedressCaseGround   *self);
const char         *redress_case_ground_get_source       (RedressCaseGround   *self);
const char         *redress_case_ground_get_entry_date   (RedressCaseGround   *self);
gboolean            redress_case_ground_get_in_letter    (RedressCaseGround   *self);
const char         *redress_case_ground_get_created_at   (RedressCaseGround   *self);
const char         *redress_case_ground_get_updated_at   (RedressCaseGround   *self);
GPtrArray          *redress_case_ground_get_evidence     (RedressCaseGround   *self);

G_END_DECLS

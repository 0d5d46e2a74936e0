/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-record.h"

G_BEGIN_DECLS

/**
 * RedressCaseField:
 *
 * The editable fields of a case (one refused application), in column order.
 */
typedef enum
{
  REDRESS_CASE_APPLICATION_TYPE,
  REDRESS_CASE_DECIDED_IN_CANADA,
  REDRESS_CASE_DECISION_DATE,
  REDRESS_CASE_RECEIVED_DATE,
  REDRESS_CASE_STATUS_EXPIRY,
  REDRESS_CASE_VISA_OFFICE,
  REDRESS_CASE_IRCC_NUMBER,
  REDRESS_CASE_CONSULTANT,
  REDRESS_CASE_STAGE,
  REDRESS_CASE_NOTES,
  REDRESS_CASE_PATH,
  REDRESS_CASE_NOTES_REQUESTED,
  REDRESS_CASE_NOTES_RECEIVED,
  REDRESS_CASE_N_FIELDS
} RedressCaseField;

#define REDRESS_TYPE_CASE (redress_case_get_type ())

G_DECLARE_FINAL_TYPE (RedressCase, redress_case, REDRESS, CASE, RedressRecord)

RedressCase *redress_case_new                 (gint64       client_id);
const RedressFieldDef *redress_case_field_def (RedressCaseField field);

gint64       redress_case_get_client_id       (RedressCase *self);
void         redress_case_set_client_id       (RedressCase *self,
                                               gint64       client_id);
const char  *redress_case_get_application_type (RedressCase *self);
gboolean     redress_case_get_decided_in_canada (RedressCase *self);
const char  *redress_case_get_decision_date   (RedressCase *self);
const char  *redress_case_get_stage           (RedressCase *self);
char        *redress_case_dup_title           (RedressCase *self);
gboolean     redress_case_check_dates         (RedressCase *self,
                                               GError     **error);

G_END_DECLS

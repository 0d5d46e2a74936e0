/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-record.h"

G_BEGIN_DECLS

typedef enum
{
  REDRESS_FIRM_NAME,
  REDRESS_FIRM_ADDRESS,
  REDRESS_FIRM_PHONE,
  REDRESS_FIRM_EMAIL,
  REDRESS_FIRM_LICENCE,
  REDRESS_FIRM_N_FIELDS
} RedressFirmField;

#define REDRESS_TYPE_FIRM (redress_firm_get_type ())

G_DECLARE_FINAL_TYPE (RedressFirm, redress_firm, REDRESS, FIRM, RedressRecord)

RedressFirm           *redress_firm_new       (void);
const RedressFieldDef *redress_firm_field_def (RedressFirmField field);

G_END_DECLS

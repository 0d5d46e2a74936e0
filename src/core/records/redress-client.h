/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-record.h"

G_BEGIN_DECLS

/**
 * RedressClientField:
 *
 * The editable fields of a client file, in column order.
 */
typedef enum
{
  REDRESS_CLIENT_FAMILY_NAME,
  REDRESS_CLIENT_GIVEN_NAMES,
  REDRESS_CLIENT_DATE_OF_BIRTH,
  REDRESS_CLIENT_UCI,
  REDRESS_CLIENT_EMAIL,
  REDRESS_CLIENT_PHONE,
  REDRESS_CLIENT_COUNTRY_OF_RESIDENCE,
  REDRESS_CLIENT_CITIZENSHIP,
  REDRESS_CLIENT_LANGUAGE,
  REDRESS_CLIENT_NOTES,
  REDRESS_CLIENT_N_FIELDS
} RedressClientField;

#define REDRESS_TYPE_CLIENT (redress_client_get_type ())

G_DECLARE_FINAL_TYPE (RedressClient, redress_client, REDRESS, CLIENT, RedressRecord)

RedressClient *redress_client_new               (void);
const RedressFieldDef *redress_client_field_def (RedressClientField field);

const char    *redress_client_get_file_number   (RedressClient *self);
void           redress_client_set_file_number   (RedressClient *self,
                                                 const char    *file_number);
const char    *redress_client_get_family_name   (RedressClient *self);
const char    *redress_client_get_given_names   (RedressClient *self);
const char    *redress_client_get_uci           (RedressClient *self);
const char    *redress_client_get_language      (RedressClient *self);
char          *redress_client_dup_display_name  (RedressClient *self);
char          *redress_client_dup_search_key    (RedressClient *self);
char          *redress_client_dup_sort_key      (RedressClient *self);
guint          redress_client_get_case_count    (RedressClient *self);
void           redress_client_set_case_count    (RedressClient *self,
                                                 guint          case_count);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "redress-catalog.h"

G_BEGIN_DECLS

/**
 * RedressFieldKind:
 *
 * What a field holds, and so how it is validated and shown.
 */
typedef enum
{
  REDRESS_FIELD_TEXT,      /* free text on several lines (notes), may be empty */
  REDRESS_FIELD_NAME,      /* required text on one line */
  REDRESS_FIELD_DATE,      /* YYYY-MM-DD, a real calendar date, may be empty */
  REDRESS_FIELD_DATE_REQUIRED,
  REDRESS_FIELD_UCI,       /* 8 or 10 digits, separators allowed on input */
  REDRESS_FIELD_EMAIL,
  REDRESS_FIELD_PHONE,
  REDRESS_FIELD_CHOICE,    /* one of a fixed list of codes */
  REDRESS_FIELD_BOOLEAN,   /* "true" or "false" */
  REDRESS_FIELD_LINE,      /* free text on one line (an office, a country), may be empty */
} RedressFieldKind;

/**
 * RedressChoice:
 * @code: the stable code stored in the database and used by the CLI
 * @label: the untranslated label (translate with gettext)
 */
typedef struct
{
  const char *code;
  const char *label;
} RedressChoice;

/**
 * RedressFieldDef:
 * @name: property name and JSON key ("family-name")
 * @column: SQL column ("family_name")
 * @label: untranslated label
 * @kind: what it holds
 * @choices: for %REDRESS_FIELD_CHOICE, the codes, ending with a %NULL code
 */
typedef struct
{
  const char *name;
  const char *column;
  const char *label;
  RedressFieldKind kind;
  const RedressChoice *choices;
} RedressFieldDef;

char       *redress_field_normalize       (const RedressFieldDef *def,
                                           const char            *value);
gboolean    redress_field_validate        (const RedressFieldDef *def,
                                           const char            *value,
                                           GError               **error);
const char *redress_field_choice_label    (const RedressFieldDef *def,
                                           const char            *code);
int         redress_field_choice_index    (const RedressFieldDef *def,
                                           const char            *code);
guint       redress_field_n_choices       (const RedressFieldDef *def);
char       *redress_field_display         (const RedressFieldDef *def,
                                           const char            *value);

gboolean    redress_date_parse            (const char            *text,
                                           GDate                 *date,
                                           GError               **error);
char       *redress_date_format_iso       (const GDate           *date);
char       *redress_date_format_long      (const char            *iso);
char       *redress_date_format_long_in   (const char            *iso,
                                           RedressCatalog        *catalog);
char       *redress_uci_normalize         (const char            *text);
char       *redress_uci_format            (const char            *digits);
char       *redress_text_fold             (const char            *text);

gboolean    redress_field_is_single_line  (const RedressFieldDef *def);
gboolean    redress_text_is_blank         (const char            *text);
char       *redress_text_sanitize_for_display (const char        *text,
                                           gboolean               multi_line);
char       *redress_text_ellipsize        (const char            *text,
                                           guint                  max_chars);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The compiled catalogue, for redress-detector: not application API. */

typedef enum
{
  REDRESS_LANG_EN,
  REDRESS_LANG_FR,
  REDRESS_N_LANGS
} RedressLang;

typedef struct
{
  const char *code;
  GStrv provisions;                      /* "R179(b)", ... */
  GRegex *match[REDRESS_N_LANGS];        /* NULL when none */
  GRegex *exclude;
  GRegex *evidence[REDRESS_N_LANGS];
} RedressGroundDef;

typedef enum
{
  REDRESS_RULE_PREAMBLE,
  REDRESS_RULE_HEDGE,
  REDRESS_RULE_REFUSAL,
  REDRESS_RULE_DECISIVE,
  REDRESS_RULE_NOTICE,
  REDRESS_N_RULES
} RedressRule;

typedef struct
{
  guint n_grounds;
  RedressGroundDef *grounds;             /* catalogue order */
  GRegex *rules[REDRESS_N_RULES];        /* both languages */
} RedressGroundCatalogue;

const RedressGroundCatalogue *redress_ground_catalogue_get (void);
const RedressGroundDef       *redress_ground_catalogue_lookup (const char *code);

G_END_DECLS

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
  GRegex *match[REDRESS_N_LANGS];        /* the ground named outright; NULL when none */
  GRegex *factor[REDRESS_N_LANGS];       /* its everyday vocabulary */
  GRegex *finding[REDRESS_N_LANGS];      /* wording that is a negative finding on its own */
  GRegex *cleared[REDRESS_N_LANGS];      /* wording that speaks for the applicant */
  GRegex *exclude;
  GRegex *evidence[REDRESS_N_LANGS];
  GStrv rules_out;                       /* grounds its presence rules out (when only their vocabulary was found) */
  gboolean adverse;                      /* its words name something held against the
                                          * applicant ("criminality"): denied, they clear */
} RedressGroundDef;

typedef enum
{
  REDRESS_RULE_PREAMBLE,
  REDRESS_RULE_HEDGE,
  REDRESS_RULE_REFUSAL,
  REDRESS_RULE_DECISIVE,
  REDRESS_RULE_NOTICE,
  REDRESS_RULE_NEGATIVE,        /* wording that counts against the applicant */
  REDRESS_RULE_POSITIVE,        /* wording that speaks well of a factor */
  REDRESS_RULE_CLEARED,         /* a concern cleared outright ("no concerns") */
  REDRESS_RULE_DOUBT,           /* "not satisfied that", "I have concerns that": what follows is doubted */
  REDRESS_RULE_NEUTRAL,
  REDRESS_RULE_PAST,            /* an earlier decision recalled */         /* a factor the officer set aside ("a neutral factor") */
  REDRESS_RULE_CLAUSE,          /* where clauses part ("but", "however", ";") */
  REDRESS_RULE_DECISION_INTRO,  /* the form's heading over its check boxes */
  REDRESS_RULE_REASONS,         /* a free-text line of a form ("Other reasons:") */
  REDRESS_RULE_APPROVAL,        /* notes that approve */
  REDRESS_RULE_NOTES,           /* the layout and shorthand of officer's notes */
  REDRESS_RULE_ADDRESS,         /* a letter speaks to the applicant */
  REDRESS_RULE_ENTRY,           /* where a dated entry of the notes starts */
  REDRESS_RULE_COMPLEMENT,      /* words before a factor that make it a complement */
  REDRESS_RULE_BASIS,           /* ... the basis of a judgement on something else */
  REDRESS_RULE_INQUIRY,         /* ... what is checked */
  REDRESS_RULE_MODIFIER,        /* words after a factor that make it modify another noun */
  REDRESS_RULE_DESCRIPTION,     /* wording that describes, not judges ("no children") */
  REDRESS_RULE_NEGATOR,         /* words that deny what follows ("no", "no finding on") */
  REDRESS_RULE_DISMISSED,       /* words after a thing that set it aside ("not in question") */
  REDRESS_RULE_CLEARED_SCOPE,   /* a concern cleared over what follows ("no concerns regarding") */
  REDRESS_RULE_LISTING,         /* a sentence that lists the factors considered */
  REDRESS_RULE_PROCEDURAL,      /* a line of procedure: headers, documents received */
  REDRESS_RULE_COORDINATION,    /* words that join two factors as one ("and", "or") */
  REDRESS_RULE_OBJECT,          /* words before a factor that make it the object of a preposition */
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

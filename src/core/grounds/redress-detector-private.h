/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "redress-detector.h"
#include "redress-grounds-private.h"
#include "redress-normalize.h"

G_BEGIN_DECLS

/* What the detector's parts share (redress-detector*.c): not application
 * API. */

/* redress-detector-text.c: the text cut into segments ---------------------- */

typedef struct
{
  guint32 start;
  guint32 end;
  char marker;        /* what opened it: 0 (a sentence goes on), or a REDRESS_NORM_* */
  int item;           /* the list item it belongs to (a segment index), or -1 */
  int intro;          /* for items: the segment that introduces the list, or -1 */
  guint flags;        /* 1 << RedressRule, for the rules in @known */
  guint known;
} RedressSegment;

typedef gboolean (*RedressMatchFunc) (gsize    start,
                                      gsize    end,
                                      gpointer user_data);

extern const char * const redress_lang_codes[REDRESS_N_LANGS];

GArray     *redress_segments_split  (const RedressNormText *t);
int         redress_segments_find   (GArray                *segments,
                                     gsize                  start,
                                     gsize                  end);
void        redress_text_scan       (const GRegex          *regex,
                                     const RedressNormText *t,
                                     RedressMatchFunc       func,
                                     gpointer               user_data);
gboolean    redress_segment_matches (const GRegex          *regex,
                                     const RedressNormText *t,
                                     const RedressSegment  *s);
gboolean    redress_segment_has     (const RedressNormText *t,
                                     GArray                *segments,
                                     int                    k,
                                     RedressRule            rule);
const char *redress_text_language   (const RedressNormText *t,
                                     const char            *hint);

/* redress-detector-provisions.c: provisions cited ------------------------- */

GPtrArray *redress_provisions_find         (const char             *folded,
                                            gsize                   length,
                                            GArray                 *starts);
gboolean   redress_provision_fits          (const RedressGroundDef *def,
                                            const char             *provision);
gboolean   redress_provisions_cite_fitting (const RedressGroundDef *def,
                                            const RedressNormText  *t,
                                            const RedressSegment   *s);
char      *redress_provisions_pick         (const RedressGroundDef *def,
                                            const RedressNormText  *t,
                                            GArray                 *segments,
                                            int                     k);

/* redress-detector-findings.c: what the officer holds against the applicant */

/* How words state a ground (data/grounds.ini) */
typedef enum
{
  REDRESS_TERM_NAMED,       /* match-*: the ground named outright */
  REDRESS_TERM_FACTOR,      /* factor-*: its vocabulary */
  REDRESS_TERM_FINDING,     /* finding-*: a negative finding on its own */
  REDRESS_TERM_CLEARED,     /* cleared-*: speaks for the applicant */
  REDRESS_TERM_PROVISION,   /* a provision that founds this ground alone */
} RedressTermKind;

/* How strongly a sentence states a ground (redress-detector-strength.c) */
typedef enum
{
  REDRESS_STRENGTH_WEAK = 1,
  REDRESS_STRENGTH_MEDIUM,
  REDRESS_STRENGTH_STRONG,
} RedressStrength;

typedef struct
{
  gsize position;     /* where the words that state the ground start */
  int segment;
  RedressLang lang;
  guint8 kind;        /* how they state it (a RedressTermKind) */
  guint8 strength;    /* a RedressStrength */
} RedressCandidate;

typedef struct
{
  guint32 position;
  guint32 end;
  char date[11];      /* YYYY-MM-DD */
} RedressEntryDate;

RedressTextKind         redress_findings_recognise_kind (const RedressGroundCatalogue *catalogue,
                                                         const RedressNormText        *t);
gboolean                redress_findings_decide_against (const RedressGroundCatalogue *catalogue,
                                                         const RedressNormText        *t,
                                                         GArray                       *segments,
                                                         RedressTextKind               kind);
GArray                **redress_findings_read           (const RedressGroundCatalogue *catalogue,
                                                         const RedressNormText        *t,
                                                         GArray                       *segments,
                                                         RedressTextKind               kind,
                                                         RedressLang                   language);
GArray                 *redress_entry_dates_collect     (const RedressGroundCatalogue *catalogue,
                                                         RedressNormText              *t);
const RedressEntryDate *redress_entry_at                (GArray                       *dates,
                                                         gsize                         position);

/* redress-detector-scope.c: words outside what is held against the applicant */

gboolean redress_scope_segment_states (const RedressNormText  *t,
                                       GArray                 *segments,
                                       int                     k);
gboolean redress_scope_sets_aside     (const RedressGroundDef *def,
                                       const RedressNormText  *t,
                                       const RedressSegment   *s,
                                       gsize                   start,
                                       gsize                   end,
                                       gsize                   ps,
                                       gsize                   pe,
                                       gsize                   cs,
                                       gsize                   ce);

/* redress-detector-strength.c: how strongly each ground is stated ------- */

gboolean redress_strength_in_brackets (const RedressNormText        *t,
                                       gsize                         from,
                                       gsize                         position);
gboolean redress_strength_in_quotes   (const RedressNormText        *t,
                                       gsize                         from,
                                       gsize                         position);
gboolean redress_strength_in_exchange (const RedressNormText        *t,
                                       gsize                         start);
void     redress_strength_decide      (const RedressGroundCatalogue *catalogue,
                                       GArray                       *segments,
                                       GArray                      **candidates);
void     redress_strength_rule_out    (const RedressGroundCatalogue *catalogue,
                                       GArray                      **candidates);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The refusal-ground catalogue: stable codes (travel-history, family-ties,
 * ..., criminality), their labels and short explanations (translated), the
 * provisions that found them.  The wording that states each ground is data
 * (data/grounds.ini, in the GResource), read by redress-detector. */

const char * const *redress_grounds_get_codes         (void);
gboolean            redress_ground_is_known           (const char *code);
const char         *redress_ground_get_label          (const char *code);
/* The label untranslated (to translate with a RedressCatalog) */
const char         *redress_ground_get_msgid          (const char *code);
const char         *redress_ground_get_description    (const char *code);
const char * const *redress_ground_get_provisions     (const char *code);
GStrv               redress_grounds_search            (const char *query);

G_END_DECLS

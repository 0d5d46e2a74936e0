/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-ground-hit.h"
#include "redress-text-kind.h"

G_BEGIN_DECLS

GPtrArray        *redress_detector_detect           (const char * const     *pages,
                                                     guint                   n_pages,
                                                     const char             *language_hint,
                                                     char                  **language);
GPtrArray        *redress_detector_detect_kind      (const char * const     *pages,
                                                     guint                   n_pages,
                                                     const char             *language_hint,
                                                     RedressTextKind         kind,
                                                     char                  **language,
                                                     RedressTextKind        *read_as);
GPtrArray        *redress_detector_suggest_passages (const char             *code,
                                                     const char * const     *pages,
                                                     guint                   n_pages,
                                                     guint                   max_passages);
GStrv             redress_detector_find_provisions  (const char             *text);

G_END_DECLS

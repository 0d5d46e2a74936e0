/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the services: the detector run on the pages of an import */

#include "redress-analysis.h"
#include "redress-document.h"

G_BEGIN_DECLS

GPtrArray *redress_analysis_detect_pages (GPtrArray           *pages,
                                          RedressDocumentKind  kind);

G_END_DECLS

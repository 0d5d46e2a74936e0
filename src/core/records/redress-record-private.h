/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-record.h"

G_BEGIN_DECLS

/* For the store: sets a value read from the database, which is already
 * normalized, without normalizing it again or notifying. */
void redress_record_load_value (RedressRecord *self,
                                guint          field,
                                const char    *value);

G_END_DECLS

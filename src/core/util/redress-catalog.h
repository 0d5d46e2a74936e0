/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The translations of one language, for writing a document in the
 * client's language whatever the language of the desktop.  English is the
 * language of the sources; other languages are read from the compiled
 * catalogue gettext uses (LOCALEDIR/LANG/LC_MESSAGES/redress.mo, or
 * $REDRESS_LOCALEDIR for an uninstalled build). */

typedef struct _RedressCatalog RedressCatalog;

const char * const *redress_catalog_get_languages (void);
RedressCatalog     *redress_catalog_get           (const char      *language,
                                                   GError         **error);
const char         *redress_catalog_get_language  (RedressCatalog  *self);
const char         *redress_catalog_gettext       (RedressCatalog  *self,
                                                   const char      *msgid) G_GNUC_FORMAT (2);
const char         *redress_catalog_pgettext      (RedressCatalog  *self,
                                                   const char      *context,
                                                   const char      *msgid) G_GNUC_FORMAT (3);

G_END_DECLS

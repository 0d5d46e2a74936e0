/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-office.h"

G_BEGIN_DECLS

#define REDRESS_OFFICE_PUSH_ERROR (redress_office_push_error_quark ())

/**
 * RedressOfficePushError:
 * @REDRESS_OFFICE_PUSH_ERROR_SOURCE_OUTDATED: the local database has the
 *   schema of an older Redress: open it once with this version first
 * @REDRESS_OFFICE_PUSH_ERROR_SOURCE_DAMAGED: a document's bytes in the
 *   local database do not match its recorded SHA-256
 * @REDRESS_OFFICE_PUSH_ERROR_CLASH: the office already holds client files
 *   with some of the same file numbers
 * @REDRESS_OFFICE_PUSH_ERROR_REFUSED: the office database refused a row
 * @REDRESS_OFFICE_PUSH_ERROR_MISMATCH: what the office holds after the
 *   copy differs from the local database (a count or a document's hash)
 *
 * Why a push was refused; in every case nothing was written.  Errors of
 * the local file are %REDRESS_ERROR's, of the connection
 * %REDRESS_OFFICE_ERROR's.
 */
typedef enum
{
  REDRESS_OFFICE_PUSH_ERROR_SOURCE_OUTDATED,
  REDRESS_OFFICE_PUSH_ERROR_SOURCE_DAMAGED,
  REDRESS_OFFICE_PUSH_ERROR_CLASH,
  REDRESS_OFFICE_PUSH_ERROR_REFUSED,
  REDRESS_OFFICE_PUSH_ERROR_MISMATCH,
} RedressOfficePushError;

GQuark redress_office_push_error_quark (void);

/* What a push copied */
typedef struct
{
  guint n_clients;
  guint n_cases;
  guint n_documents;
  guint n_pages;
  guint n_events;
  guint64 n_bytes;        /* the documents' original bytes */
  gboolean firm_kept;     /* the office had a firm profile: kept, not the local one */
} RedressOfficePushResult;

/* Called after each row copied: @done of @total rows */
typedef void (*RedressOfficePushProgress) (guint64  done,
                                           guint64  total,
                                           gpointer user_data);

/* Whether @path names a file a push can read, said before connecting */
gboolean redress_office_push_check_path (const char *path,
                                         GError    **error);

gboolean redress_office_push (RedressOffice             *self,
                              const char                *path,
                              RedressOfficePushProgress  progress,
                              gpointer                   user_data,
                              RedressOfficePushResult   *result,
                              GError                   **error);

G_END_DECLS

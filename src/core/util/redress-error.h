/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REDRESS_ERROR (redress_error_quark ())

/**
 * RedressError:
 * @REDRESS_ERROR_INVALID: a value entered by the user is not valid; the
 *   message names the field and says what is expected
 * @REDRESS_ERROR_NOT_FOUND: the record does not exist (or was deleted)
 * @REDRESS_ERROR_OPEN: the database file could not be opened or created
 * @REDRESS_ERROR_NOT_REDRESS: the file is a database of another application
 * @REDRESS_ERROR_DAMAGED: the file is not a database, or it is corrupt
 * @REDRESS_ERROR_TOO_NEW: the database was written by a newer Redress
 * @REDRESS_ERROR_BUSY: another program holds the database locked
 * @REDRESS_ERROR_IO: reading or writing a file failed
 * @REDRESS_ERROR_FAILED: any other storage failure
 *
 * Errors a caller can act on.  Every message is written for a consultant.
 */
typedef enum
{
  REDRESS_ERROR_INVALID,
  REDRESS_ERROR_NOT_FOUND,
  REDRESS_ERROR_OPEN,
  REDRESS_ERROR_NOT_REDRESS,
  REDRESS_ERROR_DAMAGED,
  REDRESS_ERROR_TOO_NEW,
  REDRESS_ERROR_BUSY,
  REDRESS_ERROR_IO,
  REDRESS_ERROR_FAILED,
} RedressError;

GQuark redress_error_quark (void);

G_END_DECLS

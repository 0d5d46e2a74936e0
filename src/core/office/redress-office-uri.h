/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REDRESS_OFFICE_ERROR (redress_office_error_quark ())

/**
 * RedressOfficeError:
 * @REDRESS_OFFICE_ERROR_INVALID_ADDRESS: the address cannot be read
 * @REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS: the address holds a password
 * @REDRESS_OFFICE_ERROR_INSECURE: a server elsewhere, without an encrypted
 *   and verified connection
 * @REDRESS_OFFICE_ERROR_UNREACHABLE: the server cannot be reached (or the
 *   connection to it was lost)
 * @REDRESS_OFFICE_ERROR_TLS_UNAVAILABLE: the server does not offer TLS
 * @REDRESS_OFFICE_ERROR_CERTIFICATE_UNTRUSTED: its certificate is not
 *   signed by an authority this computer trusts
 * @REDRESS_OFFICE_ERROR_HOST_MISMATCH: its certificate is for another name
 * @REDRESS_OFFICE_ERROR_AUTH_FAILED: wrong or missing password
 * @REDRESS_OFFICE_ERROR_DATABASE_MISSING: no such database on the server
 * @REDRESS_OFFICE_ERROR_ROLE_NOT_ALLOWED: the role may not sign in there
 * @REDRESS_OFFICE_ERROR_READ_ONLY: the role may only read (redress_reader)
 * @REDRESS_OFFICE_ERROR_NOT_ALLOWED: PostgreSQL refused the role something
 * @REDRESS_OFFICE_ERROR_NOT_INITIALIZED: the database has no Redress schema
 *   yet, or an older one
 * @REDRESS_OFFICE_ERROR_TOO_NEW: the schema was made by a newer Redress
 * @REDRESS_OFFICE_ERROR_NOT_REDRESS: the database holds a schema "redress"
 *   that Redress did not make
 * @REDRESS_OFFICE_ERROR_FAILED: anything else
 *
 * Errors of the office database (PostgreSQL), each message one sentence a
 * consultant or the firm's IT understands; what libpq and the server said
 * goes to the debug log (redress-cli --verbose).
 */
typedef enum
{
  REDRESS_OFFICE_ERROR_INVALID_ADDRESS,
  REDRESS_OFFICE_ERROR_PASSWORD_IN_ADDRESS,
  REDRESS_OFFICE_ERROR_INSECURE,
  REDRESS_OFFICE_ERROR_UNREACHABLE,
  REDRESS_OFFICE_ERROR_TLS_UNAVAILABLE,
  REDRESS_OFFICE_ERROR_CERTIFICATE_UNTRUSTED,
  REDRESS_OFFICE_ERROR_HOST_MISMATCH,
  REDRESS_OFFICE_ERROR_AUTH_FAILED,
  REDRESS_OFFICE_ERROR_DATABASE_MISSING,
  REDRESS_OFFICE_ERROR_ROLE_NOT_ALLOWED,
  REDRESS_OFFICE_ERROR_READ_ONLY,
  REDRESS_OFFICE_ERROR_NOT_ALLOWED,
  REDRESS_OFFICE_ERROR_NOT_INITIALIZED,
  REDRESS_OFFICE_ERROR_TOO_NEW,
  REDRESS_OFFICE_ERROR_NOT_REDRESS,
  REDRESS_OFFICE_ERROR_FAILED,
} RedressOfficeError;

GQuark redress_office_error_quark (void);

/* How long a connection may take when the address does not say
 * (connect_timeout), in seconds */
#define REDRESS_OFFICE_CONNECT_TIMEOUT 10

typedef struct _RedressOfficeUri RedressOfficeUri;

gboolean          redress_office_uri_looks_like      (const char              *text);
RedressOfficeUri *redress_office_uri_parse           (const char              *target,
                                                      GError                 **error);
RedressOfficeUri *redress_office_uri_copy            (const RedressOfficeUri  *uri);
void              redress_office_uri_free            (RedressOfficeUri        *uri);

const char       *redress_office_uri_get             (const RedressOfficeUri  *uri,
                                                      const char              *keyword);
const char * const *redress_office_uri_get_keywords  (const RedressOfficeUri  *uri);
const char * const *redress_office_uri_get_values    (const RedressOfficeUri  *uri);
char             *redress_office_uri_to_conninfo     (const RedressOfficeUri  *uri);
char             *redress_office_uri_describe        (const RedressOfficeUri  *uri);
guint             redress_office_uri_get_timeout     (const RedressOfficeUri  *uri);

gboolean          redress_office_uri_is_local        (const RedressOfficeUri  *uri);
gboolean          redress_office_uri_get_tls_forced  (const RedressOfficeUri  *uri);
void              redress_office_uri_force_tls       (RedressOfficeUri        *uri);
gboolean          redress_office_uri_check_effective (const RedressOfficeUri  *uri,
                                                      const char              *host,
                                                      const char              *hostaddr,
                                                      const char              *sslmode,
                                                      gboolean                *force_tls,
                                                      GError                 **error);

gboolean          redress_office_address_is_local    (const char              *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressOfficeUri, redress_office_uri_free)

G_END_DECLS

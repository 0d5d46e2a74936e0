/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "redress-office-uri.h"

G_BEGIN_DECLS

/* Where the office schema lives in the database */
#define REDRESS_OFFICE_SCHEMA "redress"

/* A connection to the office database (redress-office.c); one thread at
 * a time */
typedef struct _RedressOffice RedressOffice;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Connecting */
RedressOffice *redress_office_connect            (const char        *target,
                                                  GError           **error);
RedressOffice *redress_office_connect_uri        (const RedressOfficeUri *uri,
                                                  GError           **error);
void           redress_office_free               (RedressOffice     *self);
PGconn        *redress_office_get_connection     (RedressOffice     *self);
const char    *redress_office_get_description    (RedressOffice     *self);
const char    *redress_office_get_user           (RedressOffice     *self);
gboolean       redress_office_get_read_only      (RedressOffice     *self);

/* Statements: one sentence for what went wrong, the server's words in
 * the debug log */
gboolean       redress_office_exec               (RedressOffice     *self,
                                                  const char        *sql,
                                                  GError           **error);
PGresult      *redress_office_query              (RedressOffice     *self,
                                                  const char        *sql,
                                                  int                n_params,
                                                  const char * const *values,
                                                  GError           **error);
gboolean       redress_office_set_result_error   (RedressOffice     *self,
                                                  const PGresult    *result,
                                                  GError           **error);

/* The schema (redress-office-schema.c) */
int            redress_office_latest_version     (void);
gboolean       redress_office_get_schema_version (RedressOffice     *self,
                                                  int               *version,
                                                  GError           **error);
gboolean       redress_office_init               (RedressOffice     *self,
                                                  int               *from_version,
                                                  GError           **error);
gboolean       redress_office_check              (RedressOffice     *self,
                                                  int               *version,
                                                  GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressOffice, redress_office_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The store fixture the core tests share: a temporary folder, the path of
 * a database in it and, for most tests, a store opened on that path.  A
 * program whose tests need more embeds a StoreFixture as the first member
 * of its own fixture and sets up the rest after store_fixture_setup(). */

#include "test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;             /* a fresh temporary folder, removed at teardown */
  char *path;            /* dir/redress.db */
  RedressStore *store;   /* open on path; NULL after store_fixture_setup_unopened() */
} StoreFixture;

/* For g_test_add (): @data is not used */
void    store_fixture_setup           (StoreFixture  *f,
                                       gconstpointer  data);
void    store_fixture_setup_unopened  (StoreFixture  *f,
                                       gconstpointer  data);
void    store_fixture_teardown        (StoreFixture  *f,
                                       gconstpointer  data);

/* A client or a case added to the fixture's store; returns its id */
gint64  store_fixture_add_client      (StoreFixture  *f,
                                       const char    *family,
                                       const char    *given);
gint64  store_fixture_add_case        (StoreFixture  *f,
                                       gint64         client_id,
                                       const char    *type,
                                       const char    *decision_date);

G_END_DECLS

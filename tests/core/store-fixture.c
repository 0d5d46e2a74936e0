/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store fixture the core tests share (see store-fixture.h) */
#include "config.h"

#include "store-fixture.h"

void
store_fixture_setup_unopened (StoreFixture  *f,
                              gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "redress.db", NULL);
  f->store = NULL;
}

void
store_fixture_setup (StoreFixture  *f,
                     gconstpointer  data)
{
  store_fixture_setup_unopened (f, data);
  f->store = test_open_store (f->dir, "redress.db");
}

void
store_fixture_teardown (StoreFixture  *f,
                        gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

gint64
store_fixture_add_client (StoreFixture *f,
                          const char   *family,
                          const char   *given)
{
  g_autoptr(RedressClient) client = test_add_client (f->store, family, given, NULL);

  return redress_record_get_id (REDRESS_RECORD (client));
}

gint64
store_fixture_add_case (StoreFixture *f,
                        gint64        client_id,
                        const char   *type,
                        const char   *decision_date)
{
  g_autoptr(RedressCase) kase = test_add_case (f->store, client_id, type, decision_date);

  return redress_record_get_id (REDRESS_RECORD (kase));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "redress-core.h"

G_BEGIN_DECLS

/* A fresh temporary directory for one test, and its removal */
char          *test_make_tmpdir      (void);
void           test_remove_tree      (const char     *path);

/* File content fingerprints, to prove a file was left as it was */
char          *test_file_sha256      (const char     *path);
gboolean       test_file_exists      (const char     *path);
guint          test_file_mode        (const char     *path);

/* Raw SQL on a store's own connection or on a file */
void           test_exec             (sqlite3        *db,
                                      const char     *sql);
int            test_exec_rc          (sqlite3        *db,
                                      const char     *sql);
gint64         test_query_int        (sqlite3        *db,
                                      const char     *sql);
char          *test_query_text       (sqlite3        *db,
                                      const char     *sql);
sqlite3       *test_open_raw         (const char     *path);

/* Records */
RedressClient *test_client_new       (const char     *family,
                                      const char     *given,
                                      const char     *uci);
RedressClient *test_add_client       (RedressStore   *store,
                                      const char     *family,
                                      const char     *given,
                                      const char     *uci);
RedressCase   *test_add_case         (RedressStore   *store,
                                      gint64          client_id,
                                      const char     *type,
                                      const char     *decision_date);
RedressStore  *test_open_store       (const char     *dir,
                                      const char     *name);
void           test_set_now          (RedressStore   *store,
                                      const char     *iso8601);

/* Counts "changed" emissions of a store */
typedef struct
{
  guint n;
  guint n_client;
  guint n_case;
  guint n_firm;
  gint64 last_id;
} TestChanges;

void           test_count_changes    (RedressStore   *store,
                                      TestChanges    *changes);

G_END_DECLS

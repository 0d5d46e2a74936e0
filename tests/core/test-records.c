/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "redress-store-private.h"
#include "store-fixture.h"

typedef struct
{
  StoreFixture base;
  sqlite3 *db;
  TestChanges changes;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  store_fixture_setup (&f->base, data);
  f->db = redress_store_get_handle (f->base.store);
  test_set_now (f->base.store, "2026-03-02T14:05:00Z");
  redress_store_set_actor (f->base.store, "marie");
  test_count_changes (f->base.store, &f->changes);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_fixture_teardown (&f->base, data);
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return test_query_int (f->db, sql);
}

static gint64
client_id (RedressClient *client)
{
  return redress_record_get_id (REDRESS_RECORD (client));
}

static gint64
case_id (RedressCase *kase)
{
  return redress_record_get_id (REDRESS_RECORD (kase));
}

static void
assert_nothing_stored (Fixture *f)
{
  g_assert_cmpint (count_rows (f, "clients"), ==, 0);
  g_assert_cmpint (count_rows (f, "cases"), ==, 0);
  g_assert_cmpint (count_rows (f, "events"), ==, 0);
  g_assert_cmpint (count_rows (f, "file_numbers"), ==, 0);
  g_assert_cmpuint (f->changes.n, ==, 0);
}

/* Constraints ------------------------------------------------------------- */

static void
assert_insert_refused (Fixture    *f,
                       guint       field,
                       const char *value)
{
  g_autoptr(RedressClient) client = test_client_new ("Tremblay", "Émilie", "12-3456-7890");
  g_autoptr(GError) error = NULL;

  redress_record_set_value (REDRESS_RECORD (client), field, value);
  g_assert_false (redress_store_insert_client (f->base.store, client, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_assert_cmpint (client_id (client), ==, 0);
  g_assert_null (redress_client_get_file_number (client));
  assert_nothing_stored (f);
}

static void
test_insert_invalid (Fixture       *f,
                     gconstpointer  data)
{
  assert_insert_refused (f, REDRESS_CLIENT_UCI, "123456789");
  assert_insert_refused (f, REDRESS_CLIENT_UCI, "12-3456-789O");
  assert_insert_refused (f, REDRESS_CLIENT_DATE_OF_BIRTH, "2026-02-30");
  assert_insert_refused (f, REDRESS_CLIENT_DATE_OF_BIRTH, "26-3-2");
  assert_insert_refused (f, REDRESS_CLIENT_FAMILY_NAME, "");
  assert_insert_refused (f, REDRESS_CLIENT_GIVEN_NAMES, "   ");
  assert_insert_refused (f, REDRESS_CLIENT_EMAIL, "emilie@");
  assert_insert_refused (f, REDRESS_CLIENT_PHONE, "12");
  assert_insert_refused (f, REDRESS_CLIENT_LANGUAGE, "de");

  /* The same client, corrected, is then numbered 0001 */
  {
    g_autoptr(RedressClient) client = test_add_client (f->base.store, "Tremblay", "Émilie",
                                                       "12-3456-7890");
    g_assert_cmpstr (redress_client_get_file_number (client), ==, "2026-0001");
  }
}

/* Control characters and names made of invisible characters are refused
 * by the store as by the forms, and nothing is written */
static void
test_insert_hostile (Fixture       *f,
                     gconstpointer  data)
{
  assert_insert_refused (f, REDRESS_CLIENT_FAMILY_NAME, "\033]0;pwned\007Tremblay\033[2J");
  assert_insert_refused (f, REDRESS_CLIENT_FAMILY_NAME, "Tremblay\n1  2026-0009  Fake, Row");
  assert_insert_refused (f, REDRESS_CLIENT_FAMILY_NAME, "\342\200\213");
  assert_insert_refused (f, REDRESS_CLIENT_GIVEN_NAMES, "\342\201\240\357\273\277\342\200\256");
  assert_insert_refused (f, REDRESS_CLIENT_UCI, "1234\0335678");
  assert_insert_refused (f, REDRESS_CLIENT_CITIZENSHIP, "Canada\rFrance");

  /* On update: refused, the stored client unchanged */
  {
    g_autoptr(RedressClient) client = test_add_client (f->base.store, "Tremblay", "Émilie", NULL);
    g_autoptr(RedressClient) again = NULL;
    g_autoptr(GError) error = NULL;

    redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Doe\033[2J");
    g_assert_false (redress_store_update_client (f->base.store, client, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Family name"));
    again = redress_store_get_client (f->base.store, client_id (client), NULL);
    g_assert_cmpstr (redress_client_get_family_name (again), ==, "Tremblay");
  }

  /* Notes keep their lines and tabs, and lose the rest */
  {
    g_autoptr(RedressClient) client = test_client_new ("Okafor", "Chidinma", NULL);
    g_autoptr(RedressClient) again = NULL;
    g_autoptr(GError) error = NULL;

    redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_NOTES,
                              "Called\r\n\tasked for the notes\033[2J");
    g_assert_true (redress_store_insert_client (f->base.store, client, &error));
    g_assert_no_error (error);
    again = redress_store_get_client (f->base.store, client_id (client), NULL);
    g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (again), REDRESS_CLIENT_NOTES), ==,
                     "Called\n\tasked for the notes[2J");
  }
}

static void
assert_raw_refused (Fixture    *f,
                    const char *sql)
{
  int rc = test_exec_rc (f->db, sql);

  if (rc != SQLITE_CONSTRAINT)
    g_error ("expected a constraint violation (got %d) for: %s", rc, sql);
}

static void
test_check_constraints (Fixture       *f,
                        gconstpointer  data)
{
#define CLIENT(cols, vals) \
  "INSERT INTO clients (file_number, family_name, given_names, created_at, updated_at" cols ") " \
  "VALUES ('2026-0099', 'Tremblay', 'Émilie', 'now', 'now'" vals ")"
#define CASE(cols, vals) \
  "INSERT INTO cases (client_id, application_type, decision_date, created_at, updated_at" cols ") " \
  "VALUES (1, 'study-permit', '2026-03-02', 'now', 'now'" vals ")"

  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  gint64 n_events = count_rows (f, "events");

  g_assert_cmpint (client_id (client), ==, 1);

  /* Bypassing validation does not bypass the schema */
  assert_raw_refused (f, CLIENT (", uci", ", '12345678A'"));
  assert_raw_refused (f, CLIENT (", uci", ", '123456789'"));
  assert_raw_refused (f, CLIENT (", uci", ", '12-3456-7890'"));
  assert_raw_refused (f, CLIENT (", date_of_birth", ", '2026-13-01'"));
  assert_raw_refused (f, CLIENT (", date_of_birth", ", '26-3-2'"));
  assert_raw_refused (f, CLIENT (", language", ", 'de'"));
  assert_raw_refused (f, CLIENT (", archived", ", 2"));
  assert_raw_refused (f, "INSERT INTO clients (file_number, family_name, given_names, created_at, "
                         "updated_at) VALUES ('2026-0099', '  ', 'Émilie', 'now', 'now')");
  assert_raw_refused (f, "INSERT INTO clients (file_number, family_name, given_names, created_at, "
                         "updated_at) VALUES ('2026-0099', 'Tremblay', '', 'now', 'now')");
  assert_raw_refused (f, "INSERT INTO clients (file_number, family_name, given_names, created_at, "
                         "updated_at) VALUES ('2026-0001', 'Copy', 'Of', 'now', 'now')");
  assert_raw_refused (f, "UPDATE clients SET family_name = '' WHERE id = 1");

  assert_raw_refused (f, CASE (", stage", ", 'refused'"));
  assert_raw_refused (f, CASE (", received_date", ", '2026-02-32'"));
  assert_raw_refused (f, CASE (", decided_in_canada", ", 2"));
  assert_raw_refused (f, "INSERT INTO cases (client_id, application_type, decision_date, "
                         "created_at, updated_at) VALUES (1, 'tourist', '2026-03-02', 'now', 'now')");
  assert_raw_refused (f, "INSERT INTO cases (client_id, application_type, decision_date, "
                         "created_at, updated_at) VALUES (1, 'study-permit', '2026-13-01', 'now', "
                         "'now')");
  assert_raw_refused (f, "INSERT INTO cases (client_id, application_type, decision_date, "
                         "created_at, updated_at) VALUES (99, 'study-permit', '2026-03-02', 'now', "
                         "'now')");
  assert_raw_refused (f, "INSERT INTO firm (id, created_at, updated_at) VALUES (2, 'now', 'now')");

  /* The valid forms pass, so the checks above are not refusing everything */
  g_assert_cmpint (test_exec_rc (f->db, CLIENT (", uci, date_of_birth, language",
                                                ", '1234567890', '2028-02-29', 'fr'")), ==,
                   SQLITE_OK);
  g_assert_cmpint (test_exec_rc (f->db, CASE (", received_date, stage",
                                              ", '2026-03-05', 'submitted'")), ==, SQLITE_OK);

  g_assert_cmpint (count_rows (f, "clients"), ==, 2);
  g_assert_cmpint (count_rows (f, "cases"), ==, 1);
  g_assert_cmpint (count_rows (f, "events"), ==, n_events);

#undef CLIENT
#undef CASE
}

static void
test_check_constraints_days (Fixture       *f,
                             gconstpointer  data)
{
  static const char *impossible[] = { "2026-02-30", "2025-02-29", "2026-04-31" };
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  guint n_accepted = 0;

  /* A day the month does not have, written around the store */
  for (guint i = 0; i < G_N_ELEMENTS (impossible); i++)
    {
      g_autofree char *client_sql =
        g_strdup_printf ("INSERT INTO clients (file_number, family_name, given_names, "
                         "date_of_birth, created_at, updated_at) VALUES ('X-%u', 'A', 'B', "
                         "'%s', 'now', 'now')", i, impossible[i]);
      g_autofree char *case_sql =
        g_strdup_printf ("INSERT INTO cases (client_id, application_type, decision_date, "
                         "created_at, updated_at) VALUES (1, 'other', '%s', 'now', 'now')",
                         impossible[i]);

      n_accepted += test_exec_rc (f->db, client_sql) == SQLITE_OK;
      n_accepted += test_exec_rc (f->db, case_sql) == SQLITE_OK;
    }

  /* Migration 3 guards every date with date(x, '+0 days') IS x */
  g_assert_cmpuint (n_accepted, ==, 0);
  (void) client;
}

/* Transactions ------------------------------------------------------------ */

static void
test_failed_insert_leaves_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_client_new ("Okafor", "Chidinma", "1122334455");
  g_autoptr(RedressClient) again = NULL;
  g_autoptr(GError) error = NULL;

  /* The last write of the insert, its timeline event, fails */
  test_exec (f->db, "CREATE TEMP TRIGGER fail_events BEFORE INSERT ON events "
                    "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  g_assert_false (redress_store_insert_client (f->base.store, client, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == REDRESS_ERROR);
  g_assert_cmpint (client_id (client), ==, 0);
  g_assert_null (redress_client_get_file_number (client));
  assert_nothing_stored (f);
  g_clear_error (&error);

  /* Nothing half-done: the store is usable and the number was not used */
  test_exec (f->db, "DROP TRIGGER fail_events");
  g_assert_true (redress_store_insert_client (f->base.store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_file_number (client), ==, "2026-0001");
  g_assert_cmpuint (f->changes.n_client, ==, 1);

  again = test_add_client (f->base.store, "Okafor", "Emeka", NULL);
  g_assert_cmpstr (redress_client_get_file_number (again), ==, "2026-0002");
}

static void
test_failed_update_keeps_old_values (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  g_autoptr(RedressClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_events = count_rows (f, "events");

  f->changes = (TestChanges) { 0 };
  /* The second changed field's event fails, after the first was written */
  test_exec (f->db, "CREATE TEMP TRIGGER fail_given BEFORE INSERT ON events "
                    "WHEN NEW.field = 'given-names' BEGIN SELECT RAISE(ABORT, 'no'); END;");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Haddad-Saab");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Karim Elias");
  g_assert_false (redress_store_update_client (f->base.store, client, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  stored = redress_store_get_client (f->base.store, client_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_family_name (stored), ==, "Haddad");
  g_assert_cmpstr (redress_client_get_given_names (stored), ==, "Karim");
  g_assert_cmpint (count_rows (f, "events"), ==, n_events);
  g_assert_cmpuint (f->changes.n, ==, 0);

  test_exec (f->db, "DROP TRIGGER fail_given");
  g_assert_true (redress_store_update_client (f->base.store, client, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = redress_store_get_client (f->base.store, client_id (client), &error);
  g_assert_cmpstr (redress_client_get_family_name (stored), ==, "Haddad-Saab");
  g_assert_cmpint (count_rows (f, "events"), ==, n_events + 2);
  g_assert_cmpuint (f->changes.n, ==, 1);
}

static void
test_outer_rollback (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) a = NULL;
  g_autoptr(RedressClient) b = NULL;
  g_autoptr(RedressClient) c = test_client_new ("Cruz", "Carla", NULL);

  test_exec (f->db, "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON events "
                    "WHEN NEW.new_value = '2026-0003' BEGIN SELECT RAISE(ABORT, 'no'); END;");

  g_assert_true (redress_store_begin (f->base.store, &error));
  a = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  b = test_add_client (f->base.store, "Bauer", "Ben", NULL);
  g_assert_false (redress_store_insert_client (f->base.store, c, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Nothing is announced before the outer transaction ends */
  g_assert_cmpuint (f->changes.n, ==, 0);
  redress_store_rollback (f->base.store);

  assert_nothing_stored (f);
  g_assert_cmpuint (f->changes.n, ==, 0);

  /* The store is not left inside a transaction */
  {
    g_autoptr(RedressClient) d = test_add_client (f->base.store, "Diallo", "Awa", NULL);

    g_assert_cmpstr (redress_client_get_file_number (d), ==, "2026-0001");
    g_assert_cmpuint (f->changes.n, ==, 1);
    g_assert_true (sqlite3_get_autocommit (f->db));
  }
}

static void
test_inner_failure_then_commit (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) a = NULL;
  g_autoptr(RedressClient) b = NULL;
  g_autoptr(RedressClient) c = test_client_new ("Cruz", "Carla", NULL);
  g_autoptr(RedressClient) d = NULL;

  test_exec (f->db, "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON events "
                    "WHEN NEW.new_value = '2026-0003' BEGIN SELECT RAISE(ABORT, 'no'); END;");

  /* A batch where one write fails and the caller carries on */
  g_assert_true (redress_store_begin (f->base.store, &error));
  a = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  b = test_add_client (f->base.store, "Bauer", "Ben", NULL);
  g_assert_false (redress_store_insert_client (f->base.store, c, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);

  /* The failed insert left nothing, not even its file number */
  g_assert_cmpint (count_rows (f, "clients"), ==, 2);
  g_assert_cmpint (test_query_int (f->db, "SELECT last FROM file_numbers"), ==, 2);
  g_assert_cmpint (client_id (c), ==, 0);
  g_assert_null (redress_client_get_file_number (c));
  /* ... and was not announced: one signal for each stored client */
  g_assert_cmpuint (f->changes.n, ==, 2);
  g_assert_cmpuint (f->changes.n_client, ==, 2);
  g_assert_cmpint (f->changes.last_id, ==, client_id (b));

  /* Same when the failure comes first and the next insert reuses its row id */
  test_exec (f->db, "DROP TRIGGER fail_third");
  test_exec (f->db, "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON events "
                    "WHEN NEW.new_value = '2026-0003' BEGIN SELECT RAISE(ABORT, 'no'); END;");
  f->changes = (TestChanges) { 0 };
  g_assert_true (redress_store_begin (f->base.store, &error));
  g_assert_false (redress_store_insert_client (f->base.store, c, &error));
  g_clear_error (&error);
  test_exec (f->db, "DROP TRIGGER fail_third");
  d = test_add_client (f->base.store, "Diallo", "Awa", NULL);
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (redress_client_get_file_number (d), ==, "2026-0003");
  g_assert_cmpuint (f->changes.n, ==, 1);
  g_assert_cmpint (f->changes.last_id, ==, client_id (d));
}

static void
test_signals_after_commit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressClient) a = NULL;
  g_autoptr(RedressCase) kase = NULL;

  g_assert_true (redress_store_begin (f->base.store, &error));
  a = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  kase = test_add_case (f->base.store, client_id (a), "visitor-visa", "2026-02-01");
  redress_record_set_value (REDRESS_RECORD (a), REDRESS_CLIENT_NOTES, "Called on Monday");
  g_assert_true (redress_store_update_client (f->base.store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes.n, ==, 0);
  g_assert_true (redress_store_commit (f->base.store, &error));
  g_assert_no_error (error);

  /* One per record, however many writes touched it */
  g_assert_cmpuint (f->changes.n_client, ==, 1);
  g_assert_cmpuint (f->changes.n_case, ==, 1);
  g_assert_cmpuint (f->changes.n, ==, 2);
}

/* File numbers ------------------------------------------------------------ */

static void
test_file_numbers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "2026-0001", "2026-0002", "2026-0003" };
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RedressClient *client = test_add_client (f->base.store, "Tremblay", "Émilie", NULL);

      g_assert_cmpstr (redress_client_get_file_number (client), ==, expected[i]);
      g_ptr_array_add (clients, client);
    }

  /* Trash, purge: the number stays used */
  g_assert_true (redress_store_trash (f->base.store, g_ptr_array_index (clients, 2), &error));
  g_assert_true (redress_store_purge (f->base.store, g_ptr_array_index (clients, 2), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "clients"), ==, 2);
  {
    g_autoptr(RedressClient) next = test_add_client (f->base.store, "Roy", "Luc", NULL);
    g_assert_cmpstr (redress_client_get_file_number (next), ==, "2026-0004");

    g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (next), &error));
    g_assert_true (redress_store_purge_trash (f->base.store, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(RedressClient) next = test_add_client (f->base.store, "Roy", "Léa", NULL);
    g_assert_cmpstr (redress_client_get_file_number (next), ==, "2026-0005");
  }

  /* New year, new series */
  test_set_now (f->base.store, "2026-12-31T23:59:59Z");
  {
    g_autoptr(RedressClient) last = test_add_client (f->base.store, "Gagnon", "Paul", NULL);
    g_assert_cmpstr (redress_client_get_file_number (last), ==, "2026-0006");
  }
  test_set_now (f->base.store, "2027-01-01T00:00:00Z");
  {
    g_autoptr(RedressClient) first = test_add_client (f->base.store, "Gagnon", "Marc", NULL);
    g_autoptr(RedressClient) second = test_add_client (f->base.store, "Gagnon", "Jo", NULL);
    g_assert_cmpstr (redress_client_get_file_number (first), ==, "2027-0001");
    g_assert_cmpstr (redress_client_get_file_number (second), ==, "2027-0002");
  }
  /* A late entry dated last year continues last year's series */
  test_set_now (f->base.store, "2026-12-31T12:00:00Z");
  {
    g_autoptr(RedressClient) late = test_add_client (f->base.store, "Gagnon", "Zoé", NULL);
    g_assert_cmpstr (redress_client_get_file_number (late), ==, "2026-0007");
  }
  g_assert_cmpint (test_query_int (f->db, "SELECT count(DISTINCT file_number) = count(*) "
                                          "FROM clients"), ==, 1);
}

/* Round trip and timeline ------------------------------------------------- */

static void
test_client_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_client_new ("Fernández Ruiz", "Lucía", "1234 5678");
  g_autoptr(RedressClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  RedressRecord *r = REDRESS_RECORD (client);

  redress_record_set_value (r, REDRESS_CLIENT_DATE_OF_BIRTH, "1990-03-30");
  redress_record_set_value (r, REDRESS_CLIENT_EMAIL, " lucia.fr@example.net ");
  redress_record_set_value (r, REDRESS_CLIENT_PHONE, "+52 55 5555 0100");
  redress_record_set_value (r, REDRESS_CLIENT_COUNTRY_OF_RESIDENCE, "Mexico");
  redress_record_set_value (r, REDRESS_CLIENT_CITIZENSHIP, "Mexico");
  redress_record_set_value (r, REDRESS_CLIENT_LANGUAGE, "fr");
  redress_record_set_value (r, REDRESS_CLIENT_NOTES, "  Prefers email.\nNo calls.  ");
  g_assert_true (redress_store_insert_client (f->base.store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes.n_client, ==, 1);
  g_assert_cmpint (f->changes.last_id, ==, client_id (client));
  g_assert_cmpstr (redress_record_get_created_at (r), ==, "2026-03-02T14:05:00Z");

  stored = redress_store_get_client (f->base.store, client_id (client), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < REDRESS_CLIENT_N_FIELDS; i++)
    g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), i), ==,
                     redress_record_get_value (r, i));
  g_assert_cmpstr (redress_client_get_uci (stored), ==, "12345678");
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CLIENT_EMAIL), ==,
                   "lucia.fr@example.net");
  g_assert_cmpstr (redress_client_get_file_number (stored), ==, "2026-0001");
  g_assert_cmpstr (redress_record_get_created_at (REDRESS_RECORD (stored)), ==,
                   "2026-03-02T14:05:00Z");
  g_assert_cmpstr (redress_record_get_updated_at (REDRESS_RECORD (stored)), ==,
                   "2026-03-02T14:05:00Z");
  g_assert_cmpuint (redress_client_get_case_count (stored), ==, 0);
  g_assert_false (redress_record_get_archived (REDRESS_RECORD (stored)));

  g_clear_object (&stored);
  stored = redress_store_get_client (f->base.store, 999, &error);
  g_assert_null (stored);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
}

static RedressEvent *
event_at (GPtrArray *events,
          guint      i)
{
  g_assert_cmpuint (i, <, events->len);
  return g_ptr_array_index (events, i);
}

static void
test_update_events (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Diaz", "Ana", "12345678");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RedressEvent *e;

  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  e = event_at (events, 0);
  g_assert_cmpstr (redress_event_get_kind (e), ==, "created");
  g_assert_cmpstr (redress_event_get_entity (e), ==, "client");
  g_assert_cmpstr (redress_event_get_actor (e), ==, "marie");
  g_assert_cmpstr (redress_event_get_new_value (e), ==, "2026-0001");
  g_assert_cmpstr (redress_event_get_at (e), ==, "2026-03-02T14:05:00Z");
  g_assert_cmpint (redress_event_get_client_id (e), ==, client_id (client));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Two fields change: two events, by the current actor, at the current time */
  redress_store_set_actor (f->base.store, "jean");
  g_assert_cmpstr (redress_store_get_actor (f->base.store), ==, "jean");
  test_set_now (f->base.store, "2026-03-03T09:30:00Z");
  f->changes = (TestChanges) { 0 };
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, "Díaz");
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_UCI, "12-3456-7890");
  g_assert_true (redress_store_update_client (f->base.store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes.n, ==, 1);
  g_assert_cmpstr (redress_record_get_updated_at (REDRESS_RECORD (client)), ==,
                   "2026-03-03T09:30:00Z");

  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  /* Newest first: the UCI (written second), then the family name */
  e = event_at (events, 0);
  g_assert_cmpstr (redress_event_get_kind (e), ==, "changed");
  g_assert_cmpstr (redress_event_get_field (e), ==, "uci");
  g_assert_cmpstr (redress_event_get_old_value (e), ==, "12345678");
  g_assert_cmpstr (redress_event_get_new_value (e), ==, "1234567890");
  g_assert_cmpstr (redress_event_get_actor (e), ==, "jean");
  g_assert_cmpstr (redress_event_get_at (e), ==, "2026-03-03T09:30:00Z");
  e = event_at (events, 1);
  g_assert_cmpstr (redress_event_get_field (e), ==, "family-name");
  g_assert_cmpstr (redress_event_get_old_value (e), ==, "Diaz");
  g_assert_cmpstr (redress_event_get_new_value (e), ==, "Díaz");
  g_assert_cmpstr (redress_event_get_actor (e), ==, "jean");
  {
    g_autofree char *text = redress_event_dup_description (e);
    g_assert_cmpstr (text, ==, "Family name changed from “Diaz” to “Díaz”");
  }
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Clearing an optional field logs old value and NULL */
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_UCI, "");
  g_assert_true (redress_store_update_client (f->base.store, client, &error));
  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (redress_event_get_old_value (event_at (events, 0)), ==, "1234567890");
  g_assert_null (redress_event_get_new_value (event_at (events, 0)));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Nothing changed: nothing logged, nothing written, nothing announced */
  test_set_now (f->base.store, "2026-03-04T08:00:00Z");
  f->changes = (TestChanges) { 0 };
  {
    g_autoptr(RedressClient) same = redress_store_get_client (f->base.store, client_id (client),
                                                              &error);
    g_autoptr(RedressClient) reread = NULL;

    g_assert_true (redress_store_update_client (f->base.store, same, &error));
    g_assert_no_error (error);
    reread = redress_store_get_client (f->base.store, client_id (client), &error);
    g_assert_cmpstr (redress_record_get_updated_at (REDRESS_RECORD (reread)), ==,
                     "2026-03-03T09:30:00Z");
  }
  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpuint (f->changes.n, ==, 0);

  /* An invalid update is refused before anything is written */
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_DATE_OF_BIRTH, "2025-02-29");
  g_assert_false (redress_store_update_client (f->base.store, client, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_cmpuint (events->len, ==, 4);
}

static void
test_case_events (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  g_autoptr(RedressClient) other = test_add_client (f->base.store, "Roy", "Luc", NULL);
  g_autoptr(RedressCase) kase = test_add_case (f->base.store, client_id (client), "visitor-visa",
                                               "2026-02-15");
  g_autoptr(RedressCase) other_case = test_add_case (f->base.store, client_id (other), "study-permit",
                                                     "2026-02-16");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RedressEvent *e;

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_STAGE, "analysis");
  g_assert_true (redress_store_update_case (f->base.store, kase, &error));
  g_assert_no_error (error);

  /* The client's timeline holds its cases' events */
  events = redress_store_list_events (f->base.store, client_id (client), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  e = event_at (events, 0);
  g_assert_cmpstr (redress_event_get_entity (e), ==, "case");
  g_assert_cmpstr (redress_event_get_field (e), ==, "stage");
  g_assert_cmpstr (redress_event_get_old_value (e), ==, "new");
  g_assert_cmpstr (redress_event_get_new_value (e), ==, "analysis");
  g_assert_cmpint (redress_event_get_case_id (e), ==, case_id (kase));
  e = event_at (events, 1);
  g_assert_cmpstr (redress_event_get_kind (e), ==, "created");
  g_assert_cmpstr (redress_event_get_new_value (e), ==, "Visitor visa refused 15 February 2026");
  g_assert_cmpstr (redress_event_get_entity (event_at (events, 2)), ==, "client");
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (redress_event_get_client_id (event_at (events, i)), ==, client_id (client));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* The case's own timeline */
  events = redress_store_list_events (f->base.store, 0, case_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (redress_event_get_case_id (event_at (events, i)), ==, case_id (kase));
}

/* Archive, trash, purge --------------------------------------------------- */

static gboolean
list_has_client (Fixture  *f,
                 gboolean  include_archived,
                 gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = redress_store_list_clients (f->base.store, include_archived, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    if (client_id (g_ptr_array_index (clients, i)) == id)
      return TRUE;
  return FALSE;
}

static guint
n_cases (Fixture  *f,
         gint64    id,
         gboolean  include_archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = redress_store_list_cases (f->base.store, id, include_archived, &error);

  g_assert_no_error (error);
  return cases->len;
}

static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  g_autoptr(RedressCase) kase = test_add_case (f->base.store, client_id (client), "visitor-visa",
                                               "2026-02-15");
  g_autoptr(RedressClient) stored = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = client_id (client);

  f->changes = (TestChanges) { 0 };
  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (client), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (redress_record_get_archived (REDRESS_RECORD (client)));
  g_assert_cmpuint (f->changes.n_client, ==, 1);
  g_assert_false (list_has_client (f, FALSE, id));
  g_assert_true (list_has_client (f, TRUE, id));
  stored = redress_store_get_client (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_true (redress_record_get_archived (REDRESS_RECORD (stored)));
  g_clear_object (&stored);

  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (client), FALSE, &error));
  g_assert_true (list_has_client (f, FALSE, id));
  stored = redress_store_get_client (f->base.store, id, &error);
  g_assert_false (redress_record_get_archived (REDRESS_RECORD (stored)));

  /* Cases archive on their own */
  g_assert_true (redress_store_set_archived (f->base.store, REDRESS_RECORD (kase), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cases (f, id, FALSE), ==, 0);
  g_assert_cmpuint (n_cases (f, id, TRUE), ==, 1);

  events = redress_store_list_events (f->base.store, id, 0, &error);
  g_assert_cmpstr (redress_event_get_kind (event_at (events, 0)), ==, "archived");
  g_assert_cmpstr (redress_event_get_entity (event_at (events, 0)), ==, "case");
  g_assert_cmpstr (redress_event_get_kind (event_at (events, 1)), ==, "unarchived");
  g_assert_cmpstr (redress_event_get_kind (event_at (events, 2)), ==, "archived");
  g_assert_cmpstr (redress_event_get_entity (event_at (events, 2)), ==, "client");
}

static void
test_trash_and_untrash (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  g_autoptr(RedressClient) other = test_add_client (f->base.store, "Roy", "Luc", NULL);
  g_autoptr(RedressCase) k1 = test_add_case (f->base.store, client_id (client), "visitor-visa",
                                             "2026-02-15");
  g_autoptr(RedressCase) k2 = test_add_case (f->base.store, client_id (client), "study-permit",
                                             "2026-01-15");
  g_autoptr(RedressCase) k3 = test_add_case (f->base.store, client_id (other), "study-permit",
                                             "2026-01-10");
  g_autoptr(RedressClient) stored = NULL;
  g_autoptr(RedressCase) stored_case = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = client_id (client);

  g_assert_cmpuint (n_cases (f, 0, FALSE), ==, 3);

  f->changes = (TestChanges) { 0 };
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes.n_client, ==, 1);

  /* Gone from everywhere, with its cases */
  stored = redress_store_get_client (f->base.store, id, &error);
  g_assert_null (stored);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (list_has_client (f, TRUE, id));
  g_assert_cmpuint (n_cases (f, id, TRUE), ==, 0);
  g_assert_cmpuint (n_cases (f, 0, TRUE), ==, 1);
  stored_case = redress_store_get_case (f->base.store, case_id (k1), &error);
  g_assert_null (stored_case);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* But still in the file, for undo */
  g_assert_cmpint (count_rows (f, "clients"), ==, 2);
  g_assert_cmpint (count_rows (f, "cases"), ==, 3);

  /* A trashed file cannot be edited, trashed again, or given a case */
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_NOTES, "late edit");
  g_assert_false (redress_store_update_client (f->base.store, client, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (redress_store_trash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(RedressCase) late = redress_case_new (id);

    redress_record_set_value (REDRESS_RECORD (late), REDRESS_CASE_APPLICATION_TYPE, "other");
    redress_record_set_value (REDRESS_RECORD (late), REDRESS_CASE_DECISION_DATE, "2026-03-01");
    g_assert_false (redress_store_insert_case (f->base.store, late, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
    g_assert_cmpint (case_id (late), ==, 0);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (f, "cases"), ==, 3);
  }

  /* Undo brings it back with its cases */
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_no_error (error);
  stored = redress_store_get_client (f->base.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (redress_client_get_case_count (stored), ==, 2);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), REDRESS_CLIENT_NOTES), ==,
                   "");
  g_assert_cmpuint (n_cases (f, id, FALSE), ==, 2);
  g_assert_true (list_has_client (f, FALSE, id));

  /* Untrashing what is not in the trash is an error */
  g_assert_false (redress_store_untrash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A case alone */
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (k2), &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = redress_store_get_client (f->base.store, id, &error);
  g_assert_cmpuint (redress_client_get_case_count (stored), ==, 1);
  g_assert_cmpuint (n_cases (f, id, TRUE), ==, 1);
  events = redress_store_list_events (f->base.store, id, 0, &error);
  g_assert_cmpstr (redress_event_get_kind (event_at (events, 0)), ==, "deleted");
  g_assert_cmpstr (redress_event_get_new_value (event_at (events, 0)), ==,
                   "Study permit refused 15 January 2026");
  g_assert_true (redress_store_untrash (f->base.store, REDRESS_RECORD (k2), &error));
  g_assert_cmpuint (n_cases (f, id, TRUE), ==, 2);
  (void) k3;
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Haddad", "Karim", NULL);
  g_autoptr(RedressClient) other = test_add_client (f->base.store, "Roy", "Luc", NULL);
  g_autoptr(RedressCase) k1 = test_add_case (f->base.store, client_id (client), "visitor-visa",
                                             "2026-02-15");
  g_autoptr(RedressCase) k2 = test_add_case (f->base.store, client_id (other), "study-permit",
                                             "2026-01-10");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  /* Purging what is not in the trash does nothing */
  g_assert_true (redress_store_purge (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "clients"), ==, 2);

  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_true (redress_store_purge (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_no_error (error);

  /* Gone for good: the row, its cases, its timeline */
  sql = g_strdup_printf ("SELECT count(*) FROM clients WHERE id = %" G_GINT64_FORMAT,
                         client_id (client));
  g_assert_cmpint (test_query_int (f->db, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM events WHERE client_id = %" G_GINT64_FORMAT,
                         client_id (client));
  g_assert_cmpint (test_query_int (f->db, sql), ==, 0);
  g_assert_cmpint (count_rows (f, "cases"), ==, 1);
  g_assert_false (redress_store_untrash (f->base.store, REDRESS_RECORD (client), &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The other client is untouched */
  g_assert_cmpuint (n_cases (f, client_id (other), FALSE), ==, 1);
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
  (void) k1;
  (void) k2;
}

static void
test_purge_trash (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RedressClient) a = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  g_autoptr(RedressClient) b = test_add_client (f->base.store, "Bauer", "Ben", NULL);
  g_autoptr(RedressCase) ka = test_add_case (f->base.store, client_id (a), "other", "2026-01-01");
  g_autoptr(RedressCase) kb1 = test_add_case (f->base.store, client_id (b), "other", "2026-01-02");
  g_autoptr(RedressCase) kb2 = test_add_case (f->base.store, client_id (b), "other", "2026-01-03");
  g_autoptr(GError) error = NULL;

  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (a), &error));
  g_assert_true (redress_store_trash (f->base.store, REDRESS_RECORD (kb1), &error));
  g_assert_no_error (error);
  g_assert_true (redress_store_purge_trash (f->base.store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (f, "clients"), ==, 1);
  g_assert_cmpint (count_rows (f, "cases"), ==, 1);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM clients WHERE deleted_at IS NOT "
                                          "NULL"), ==, 0);
  g_assert_cmpuint (n_cases (f, client_id (b), FALSE), ==, 1);
  g_assert_false (redress_store_untrash (f->base.store, REDRESS_RECORD (kb1), &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
  (void) ka;
  (void) kb2;
}

/* Cases ------------------------------------------------------------------- */

static void
test_case_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Nguyen", "Minh Anh", NULL);
  g_autoptr(RedressCase) kase = redress_case_new (client_id (client));
  g_autoptr(RedressCase) stored = NULL;
  g_autoptr(RedressClient) reread = NULL;
  g_autoptr(GError) error = NULL;
  RedressRecord *r = REDRESS_RECORD (kase);

  redress_record_set_value (r, REDRESS_CASE_APPLICATION_TYPE, "work-permit-extension");
  redress_record_set_value (r, REDRESS_CASE_DECIDED_IN_CANADA, "true");
  redress_record_set_value (r, REDRESS_CASE_DECISION_DATE, "2026-02-10");
  redress_record_set_value (r, REDRESS_CASE_RECEIVED_DATE, "2026-02-12");
  redress_record_set_value (r, REDRESS_CASE_STATUS_EXPIRY, "2026-01-31");
  redress_record_set_value (r, REDRESS_CASE_VISA_OFFICE, "Edmonton (inland)");
  redress_record_set_value (r, REDRESS_CASE_IRCC_NUMBER, "W301234567");
  redress_record_set_value (r, REDRESS_CASE_CONSULTANT, "Marie");
  redress_record_set_value (r, REDRESS_CASE_STAGE, "preparing");
  redress_record_set_value (r, REDRESS_CASE_NOTES, "Maintained status.");
  f->changes = (TestChanges) { 0 };
  g_assert_true (redress_store_insert_case (f->base.store, kase, &error));
  g_assert_no_error (error);
  /* The case and its client (whose case count changed) */
  g_assert_cmpuint (f->changes.n_case, ==, 1);
  g_assert_cmpuint (f->changes.n_client, ==, 1);

  stored = redress_store_get_case (f->base.store, case_id (kase), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < REDRESS_CASE_N_FIELDS; i++)
    g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), i), ==,
                     redress_record_get_value (r, i));
  g_assert_cmpint (redress_case_get_client_id (stored), ==, client_id (client));
  g_assert_true (redress_case_get_decided_in_canada (stored));
  g_assert_cmpint (test_query_int (f->db, "SELECT decided_in_canada FROM cases"), ==, 1);

  reread = redress_store_get_client (f->base.store, client_id (client), &error);
  g_assert_cmpuint (redress_client_get_case_count (reread), ==, 1);

  /* Update: a date that does not exist, then a received date before the decision */
  redress_record_set_value (r, REDRESS_CASE_DECISION_DATE, "2026-02-30");
  g_assert_false (redress_store_update_case (f->base.store, kase, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  redress_record_set_value (r, REDRESS_CASE_DECISION_DATE, "2026-02-20");
  g_assert_false (redress_store_update_case (f->base.store, kase, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&stored);
  stored = redress_store_get_case (f->base.store, case_id (kase), &error);
  g_assert_cmpstr (redress_case_get_decision_date (stored), ==, "2026-02-10");

  g_clear_object (&stored);
  stored = redress_store_get_case (f->base.store, 999, &error);
  g_assert_null (stored);
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
}

static void
test_case_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressClient) client = test_add_client (f->base.store, "Nguyen", "Minh Anh", NULL);
  g_autoptr(GError) error = NULL;
  gint64 n_events = count_rows (f, "events");

  f->changes = (TestChanges) { 0 };

  /* A missing client */
  {
    g_autoptr(RedressCase) kase = redress_case_new (999);

    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "other");
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-02-10");
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_NOT_FOUND);
    g_assert_cmpint (case_id (kase), ==, 0);
    g_clear_error (&error);
  }
  /* Received before the decision was made */
  {
    g_autoptr(RedressCase) kase = redress_case_new (client_id (client));

    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "other");
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-02-10");
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_RECEIVED_DATE, "2026-02-09");
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_clear_error (&error);

    /* The same day is fine */
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_RECEIVED_DATE, "2026-02-10");
    g_assert_true (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (f, "cases"), ==, 1);
    n_events++;
  }
  /* No type, no decision date, an unknown type or stage */
  {
    g_autoptr(RedressCase) kase = redress_case_new (client_id (client));

    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-02-10");
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_clear_error (&error);
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "tourist");
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_clear_error (&error);
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "other");
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, NULL);
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_clear_error (&error);
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, "2026-02-10");
    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_STAGE, "refused");
    g_assert_false (redress_store_insert_case (f->base.store, kase, &error));
    g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_cmpint (count_rows (f, "cases"), ==, 1);
  g_assert_cmpint (count_rows (f, "events"), ==, n_events);
}

static void
test_list_cases_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressClient) a = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  g_autoptr(RedressClient) b = test_add_client (f->base.store, "Bauer", "Ben", NULL);
  g_autoptr(RedressCase) k1 = test_add_case (f->base.store, client_id (a), "other", "2025-01-10");
  g_autoptr(RedressCase) k2 = test_add_case (f->base.store, client_id (a), "other", "2026-03-02");
  g_autoptr(RedressCase) k3 = test_add_case (f->base.store, client_id (a), "other", "2025-06-01");
  g_autoptr(RedressCase) k4 = test_add_case (f->base.store, client_id (a), "other", "2026-03-02");
  g_autoptr(RedressCase) k5 = test_add_case (f->base.store, client_id (b), "other", "2025-12-01");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected_a[] = { case_id (k4), case_id (k2), case_id (k3), case_id (k1) };
  gint64 expected_all[] = { case_id (k4), case_id (k2), case_id (k5), case_id (k3), case_id (k1) };

  /* Newest decision first; the later entry first on the same day */
  cases = redress_store_list_cases (f->base.store, client_id (a), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, G_N_ELEMENTS (expected_a));
  for (guint i = 0; i < cases->len; i++)
    g_assert_cmpint (case_id (g_ptr_array_index (cases, i)), ==, expected_a[i]);
  g_clear_pointer (&cases, g_ptr_array_unref);

  cases = redress_store_list_cases (f->base.store, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, G_N_ELEMENTS (expected_all));
  for (guint i = 0; i < cases->len; i++)
    g_assert_cmpint (case_id (g_ptr_array_index (cases, i)), ==, expected_all[i]);
}

static void
test_list_clients_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RedressClient) c1 = test_add_client (f->base.store, "Roy", "Luc", NULL);
  g_autoptr(RedressClient) c2 = test_add_client (f->base.store, "Alvarez", "Ana", NULL);
  g_autoptr(RedressClient) c3 = test_add_client (f->base.store, "Roy", "Anne", NULL);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = redress_store_list_clients (f->base.store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 3);
  g_assert_true (g_ptr_array_index (clients, 0) != NULL);
  g_assert_cmpint (client_id (g_ptr_array_index (clients, 0)), ==, client_id (c2));
  g_assert_cmpint (client_id (g_ptr_array_index (clients, 1)), ==, client_id (c3));
  g_assert_cmpint (client_id (g_ptr_array_index (clients, 2)), ==, client_id (c1));
}

/* Firm -------------------------------------------------------------------- */

static void
test_firm (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RedressFirm) firm = NULL;
  g_autoptr(RedressFirm) stored = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RedressRecord *r;

  /* Never set: empty */
  firm = redress_store_get_firm (f->base.store, &error);
  g_assert_no_error (error);
  r = REDRESS_RECORD (firm);
  g_assert_cmpstr (redress_record_get_value (r, REDRESS_FIRM_NAME), ==, "");
  g_assert_null (redress_record_get_value (r, REDRESS_FIRM_EMAIL));

  redress_record_set_value (r, REDRESS_FIRM_NAME, "Cabinet Tremblay Immigration");
  redress_record_set_value (r, REDRESS_FIRM_EMAIL, "info@tremblay.example.ca");
  redress_record_set_value (r, REDRESS_FIRM_LICENCE, "R512345");
  f->changes = (TestChanges) { 0 };
  g_assert_true (redress_store_update_firm (f->base.store, firm, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes.n_firm, ==, 1);

  stored = redress_store_get_firm (f->base.store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < REDRESS_FIRM_N_FIELDS; i++)
    g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (stored), i), ==,
                     redress_record_get_value (r, i));

  /* One event per field set, on the firm's timeline (no client) */
  events = redress_store_list_events (f->base.store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  for (guint i = 0; i < events->len; i++)
    {
      g_assert_cmpstr (redress_event_get_entity (event_at (events, i)), ==, "firm");
      g_assert_cmpstr (redress_event_get_actor (event_at (events, i)), ==, "marie");
      g_assert_cmpint (redress_event_get_client_id (event_at (events, i)), ==, 0);
    }
  g_assert_cmpstr (redress_event_get_field (event_at (events, 2)), ==, "name");
  g_assert_cmpstr (redress_event_get_new_value (event_at (events, 2)), ==,
                   "Cabinet Tremblay Immigration");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Changing one field logs one event */
  redress_record_set_value (REDRESS_RECORD (stored), REDRESS_FIRM_LICENCE, "R512346");
  g_assert_true (redress_store_update_firm (f->base.store, stored, &error));
  g_assert_no_error (error);
  events = redress_store_list_events (f->base.store, 0, 0, &error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (redress_event_get_old_value (event_at (events, 0)), ==, "R512345");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* An invalid email is refused, and nothing changes */
  redress_record_set_value (REDRESS_RECORD (stored), REDRESS_FIRM_EMAIL, "info at tremblay");
  redress_record_set_value (REDRESS_RECORD (stored), REDRESS_FIRM_NAME, "Other name");
  g_assert_false (redress_store_update_firm (f->base.store, stored, &error));
  g_assert_error (error, REDRESS_ERROR, REDRESS_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&firm);
  firm = redress_store_get_firm (f->base.store, &error);
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_EMAIL), ==,
                   "info@tremblay.example.ca");
  g_assert_cmpstr (redress_record_get_value (REDRESS_RECORD (firm), REDRESS_FIRM_NAME), ==,
                   "Cabinet Tremblay Immigration");
  events = redress_store_list_events (f->base.store, 0, 0, &error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (count_rows (f, "firm"), ==, 1);
}

/* Demo -------------------------------------------------------------------- */

typedef struct
{
  Fixture *f;
  gint64 rows_at_first_signal;
  guint n;
} DemoWatch;

static void
on_demo_changed (RedressStore *store,
                 const char   *entity,
                 gint64        id,
                 DemoWatch    *watch)
{
  if (watch->n++ == 0)
    watch->rows_at_first_signal = count_rows (watch->f, "clients");
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  DemoWatch watch = { f, -1, 0 };
  guint n = 0;
  gboolean found = FALSE;

  g_signal_connect (f->base.store, "changed", G_CALLBACK (on_demo_changed), &watch);
  g_assert_true (redress_demo_populate (f->base.store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);

  /* Announced once everything was written: one transaction */
  g_assert_cmpint (watch.rows_at_first_signal, ==, 4);
  g_assert_cmpuint (f->changes.n_client, ==, 4);
  g_assert_cmpuint (f->changes.n_case, ==, 4);

  clients = redress_store_list_clients (f->base.store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 4);
  for (guint i = 0; i < clients->len; i++)
    {
      RedressClient *client = g_ptr_array_index (clients, i);

      g_assert_cmpuint (redress_client_get_case_count (client), ==, 1);
      found = found || g_strcmp0 (redress_client_get_family_name (client), "Tremblay-Nguyen") == 0;
    }
  g_assert_true (found);
  cases = redress_store_list_cases (f->base.store, 0, FALSE, &error);
  g_assert_cmpuint (cases->len, ==, 4);
  g_assert_true (redress_store_check (f->base.store, &error));
  g_assert_no_error (error);
}

static void
test_demo_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 99;

  /* The last file's case fails: the three before it go too */
  test_exec (f->db, "CREATE TEMP TRIGGER fail_last BEFORE INSERT ON cases "
                    "WHEN NEW.application_type = 'sponsorship-family-class' "
                    "BEGIN SELECT RAISE(ABORT, 'no'); END;");
  g_assert_false (redress_demo_populate (f->base.store, &n, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (n, ==, 99);
  assert_nothing_stored (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/records/constraints/insert-invalid", test_insert_invalid);
  ADD ("/records/constraints/hostile-text", test_insert_hostile);
  ADD ("/records/constraints/check", test_check_constraints);
  ADD ("/records/constraints/check-days", test_check_constraints_days);
  ADD ("/records/transaction/failed-insert", test_failed_insert_leaves_nothing);
  ADD ("/records/transaction/failed-update", test_failed_update_keeps_old_values);
  ADD ("/records/transaction/outer-rollback", test_outer_rollback);
  ADD ("/records/transaction/inner-failure-commit", test_inner_failure_then_commit);
  ADD ("/records/transaction/signals-after-commit", test_signals_after_commit);
  ADD ("/records/file-numbers", test_file_numbers);
  ADD ("/records/client/round-trip", test_client_round_trip);
  ADD ("/records/client/list-order", test_list_clients_order);
  ADD ("/records/events/update", test_update_events);
  ADD ("/records/events/cases", test_case_events);
  ADD ("/records/lifecycle/archive", test_archive);
  ADD ("/records/lifecycle/trash", test_trash_and_untrash);
  ADD ("/records/lifecycle/purge", test_purge);
  ADD ("/records/lifecycle/purge-trash", test_purge_trash);
  ADD ("/records/case/round-trip", test_case_round_trip);
  ADD ("/records/case/refused", test_case_refused);
  ADD ("/records/case/list-order", test_list_cases_order);
  ADD ("/records/firm", test_firm);
  ADD ("/records/demo", test_demo);
  ADD ("/records/demo/all-or-nothing", test_demo_all_or_nothing);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How the client list behaves with a large practice: 20,000 client files
 * and 30,000 cases, or as many as `--clients N` says (and half as many
 * cases again): meson runs it for 20,000 and for 200,000, a firm that
 * kept its files for years.  Builds the database in a child process (so that the
 * memory figure is the application's, not the builder's), then measures
 * opening the store until the list is ready, search-as-you-type queries,
 * and peak resident memory.
 *
 * A benchmark reports: it exits 0 whatever the timings (these machines
 * are noisy), and non-zero only if the results are wrong.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "redress-core.h"

static guint n_clients = 20000;
#define N_CLIENTS n_clients
#define N_CASES   (n_clients + n_clients / 2)

#define TARGET_READY_MS 150.0
#define TARGET_QUERY_MS 20.0
#define TARGET_RSS_MB   60.0

static const char *family_names[] = {
  "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
  "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
  "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier",
  "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martin",
  "Landry", "Bédard", "Grenier", "Lessard", "Bernier", "Michaud", "Hébert", "Desjardins",
  "Couture", "Turcotte", "Lachance", "Parent", "Gosselin", "Proulx", "Ménard", "Bérubé",
  "Nguyen", "Tran", "Lê", "Phạm", "Hoàng", "Singh", "Kaur", "Patel", "Sharma", "Gupta", "Kumar",
  "Khan", "Ahmed", "Ali", "Hussain", "Rahman", "Chowdhury", "Wang", "Li", "Zhang", "Liu",
  "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Okafor", "Adeyemi", "Okonkwo", "Mensah",
  "Diallo", "Traoré", "Ndiaye", "Haddad", "Khoury", "Nasser", "García", "Rodríguez",
  "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz", "Muñoz", "Álvarez",
  "Zúñiga", "Silva", "Santos", "Oliveira", "Gonçalves", "Kowalski", "Nowak", "Wiśniewski",
  "Müller", "Schmidt", "Öztürk", "Yılmaz", "Şahin", "Çelik", "Ivanova", "Smirnov", "Kim",
  "Park", "Choi", "Tanaka", "Suzuki", "Mohammadi", "Hosseini", "Rezaei", "Abdullah", "Ibrahim",
  "O'Brien", "MacDonald", "de la Cruz", "Van der Berg", "Dos Santos", "Al-Sayed", "Ben Ali",
};

static const char *given_names[] = {
  "Émilie", "Marie", "Jean", "François", "Zoé", "Léa", "Chloé", "Noémie", "Gabriel", "Loïc",
  "Hélène", "Mathéo", "Anaïs", "Benoît", "Josée", "Stéphane", "René", "Amélie", "Jérôme",
  "Minh Anh", "Thi Hoa", "Quang", "Gurpreet", "Harpreet", "Aarav", "Priya", "Ananya", "Rohan",
  "Fatima", "Aïcha", "Mohamed", "Youssef", "Karim", "Leïla", "Omar", "Wei", "Xiaoling", "Jun",
  "Mei", "Chidinma", "Chinedu", "Ngozi", "Kwame", "Ama", "Mamadou", "Awa", "Lucía", "José",
  "María José", "Sofía", "Mateo", "Camila", "João", "Inês", "Agnieszka", "Łukasz", "Jürgen",
  "Ayşe", "Mehmet", "Olga", "Dmitri", "Ji-woo", "Min-jun", "Yuki", "Haruto", "Reza", "Zahra",
  "Siobhán", "Seán", "Grace", "Daniel", "Sarah", "Michael", "Emma", "Olivia", "Noah",
};

static const char *countries[] = {
  "Canada", "India", "China", "Philippines", "Nigeria", "France", "Mexico", "Vietnam",
  "Iran", "Pakistan", "Brazil", "Morocco", "Algeria", "Cameroon", "Colombia", "Lebanon",
};

static const char *application_types[] = {
  "visitor-visa", "visitor-record", "study-permit", "study-permit-extension", "work-permit",
  "work-permit-extension", "sponsorship-family-class", "spousal-in-canada",
  "permanent-residence-economic", "pr-travel-document", "other",
};

static const char *stages[] = {
  "new", "awaiting-notes", "analysis", "preparing", "submitted", "closed",
};

static const char *
pick (GRand        *rand,
      const char  **array,
      guint         n)
{
  return array[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, array) pick (rand, array, G_N_ELEMENTS (array))

static char *
random_date (GRand *rand,
             int    first_year,
             int    last_year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, (GDateYear) first_year);
  g_date_add_days (&date, (guint) g_rand_int_range (rand, 0, 365 * (last_year - first_year + 1)));
  return redress_date_format_iso (&date);
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-clients: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* Child: writes the database, in one transaction */
static int
build (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), N_CLIENTS);

  store = redress_store_open (path, &error);
  if (store == NULL)
    die ("open", error);
  redress_store_set_actor (store, "bench");

  if (!redress_store_begin (store, &error))
    die ("begin", error);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(RedressClient) client = redress_client_new ();
      g_autoptr(RedressCase) kase = NULL;
      g_autoptr(GDateTime) now = NULL;
      RedressRecord *r = REDRESS_RECORD (client);
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      g_autofree char *dob = random_date (rand, 1950, 2006);
      guint uci_kind = (guint) g_rand_int_range (rand, 0, 10);
      gint64 id;

      /* Files opened over eight years */
      now = g_date_time_new_utc (2019 + (int) (i * 8 / N_CLIENTS), 6, 1, 12, 0, 0);
      redress_store_set_now (store, now);

      if (g_rand_int_range (rand, 0, 8) == 0)
        family = g_strdup_printf ("%s-%s", PICK (rand, family_names), PICK (rand, family_names));
      else
        family = g_strdup (PICK (rand, family_names));
      if (g_rand_int_range (rand, 0, 4) == 0)
        given = g_strdup_printf ("%s %s", PICK (rand, given_names), PICK (rand, given_names));
      else
        given = g_strdup (PICK (rand, given_names));

      redress_record_set_value (r, REDRESS_CLIENT_FAMILY_NAME, family);
      redress_record_set_value (r, REDRESS_CLIENT_GIVEN_NAMES, given);
      redress_record_set_value (r, REDRESS_CLIENT_DATE_OF_BIRTH, dob);
      if (uci_kind < 7)
        {
          g_autofree char *uci = g_strdup_printf ("%02u-%04u-%04u",
                                                  (guint) g_rand_int_range (rand, 10, 100),
                                                  (guint) g_rand_int_range (rand, 0, 10000),
                                                  (guint) g_rand_int_range (rand, 0, 10000));
          redress_record_set_value (r, REDRESS_CLIENT_UCI, uci);
        }
      else if (uci_kind < 9)
        {
          g_autofree char *uci = g_strdup_printf ("%04u%04u",
                                                  (guint) g_rand_int_range (rand, 1000, 10000),
                                                  (guint) g_rand_int_range (rand, 0, 10000));
          redress_record_set_value (r, REDRESS_CLIENT_UCI, uci);
        }
      if (g_rand_boolean (rand))
        {
          g_autofree char *email = g_strdup_printf ("client%u@example.com", i);
          redress_record_set_value (r, REDRESS_CLIENT_EMAIL, email);
        }
      if (g_rand_boolean (rand))
        {
          g_autofree char *phone = g_strdup_printf ("+1 514 555 %04u",
                                                    (guint) g_rand_int_range (rand, 0, 10000));
          redress_record_set_value (r, REDRESS_CLIENT_PHONE, phone);
        }
      redress_record_set_value (r, REDRESS_CLIENT_COUNTRY_OF_RESIDENCE, PICK (rand, countries));
      redress_record_set_value (r, REDRESS_CLIENT_CITIZENSHIP, PICK (rand, countries));
      redress_record_set_value (r, REDRESS_CLIENT_LANGUAGE, g_rand_int_range (rand, 0, 3) ? "en" : "fr");

      if (!redress_store_insert_client (store, client, &error))
        die ("insert client", error);
      id = redress_record_get_id (r);
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < N_CASES; i++)
    {
      gint64 client_id = i < N_CLIENTS
        ? g_array_index (ids, gint64, i)
        : g_array_index (ids, gint64, g_rand_int_range (rand, 0, N_CLIENTS));
      g_autoptr(RedressCase) kase = redress_case_new (client_id);
      RedressRecord *k = REDRESS_RECORD (kase);
      g_autofree char *decision = random_date (rand, 2019, 2026);

      redress_record_set_value (k, REDRESS_CASE_APPLICATION_TYPE, PICK (rand, application_types));
      redress_record_set_value (k, REDRESS_CASE_DECIDED_IN_CANADA,
                                g_rand_boolean (rand) ? "true" : "false");
      redress_record_set_value (k, REDRESS_CASE_DECISION_DATE, decision);
      if (g_rand_boolean (rand))
        redress_record_set_value (k, REDRESS_CASE_RECEIVED_DATE, decision);
      redress_record_set_value (k, REDRESS_CASE_STAGE, PICK (rand, stages));
      if (!redress_store_insert_case (store, kase, &error))
        die ("insert case", error);
    }

  if (!redress_store_commit (store, &error))
    die ("commit", error);
  return 0;
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_maxrss / 1024.0;  /* kilobytes on Linux */
}

static const char *
verdict (double value,
         double target)
{
  return value < target ? "ok" : "OVER";
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self_exe = NULL;
  g_autoptr(RedressStore) store = NULL;
  g_autoptr(RedressClientList) list = NULL;
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  const char *words[] = { "tremblay", "nguyen", "cote", "gonçalves", "EMILIE" };
  double open_ms, ready_ms, check_ms, build_ms = 0, total = 0, max = 0, clear_ms;
  const char *max_query = "";
  guint n_items;
  int status = 0;
  gint64 start;

  if (argc >= 3 && g_str_equal (argv[1], "--clients"))
    {
      n_clients = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      if (n_clients < 1000)
        die ("--clients", NULL);
      argc -= 2;
      argv += 2;
    }
  if (argc == 3 && g_str_equal (argv[1], "--build"))
    return build (argv[2]);

  /* --reuse PATH: measure a database built before with --build PATH */
  if (argc == 3 && g_str_equal (argv[1], "--reuse"))
    path = g_strdup (argv[2]);

  dir = g_dir_make_tmp ("redress-bench-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary folder", error);
  if (path == NULL)
    path = g_build_filename (dir, "redress.db", NULL);

  /* Build in a child, so the figures below are those of a fresh process */
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
  {
    g_autofree char *count = g_strdup_printf ("%u", n_clients);
    const char *child_argv[] = { self_exe ? self_exe : argv[0], "--clients", count, "--build",
                                 path, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                       NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      die ("building the database", error);
    build_ms = ms_since (start);
  }

  /* Opening until the list can be shown */
  start = g_get_monotonic_time ();
  /* As the application opens it: the check for damage on a thread */
  store = redress_store_open_full (path, REDRESS_STORE_OPEN_CHECK_LATER, &error);
  if (store == NULL)
    die ("open", error);
  open_ms = ms_since (start);
  list = redress_client_list_new (store, FALSE, &error);
  if (list == NULL)
    die ("client list", error);
  ready_ms = ms_since (start);
  while (!redress_store_get_checked (store))
    g_main_context_iteration (NULL, TRUE);
  check_ms = ms_since (start);
  if (redress_store_get_damaged (store))
    die ("the database was found damaged", NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n_items != N_CLIENTS)
    {
      fprintf (stderr, "bench-clients: the list has %u items, expected %u\n", n_items, N_CLIENTS);
      remove_dir (dir);
      return 1;
    }

  /* Search as you type: each word letter by letter, then erased */
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      for (glong n = 1; n <= len; n++)
        g_ptr_array_add (queries, g_utf8_substring (words[w], 0, n));
      g_ptr_array_add (queries, g_utf8_substring (words[w], 0, 2));
      g_ptr_array_add (queries, g_strdup (""));
    }
  g_ptr_array_add (queries, g_strdup ("tremblay em"));
  g_ptr_array_add (queries, g_strdup ("tremblay émilie"));
  g_ptr_array_add (queries, g_strdup ("3456"));              /* UCI fragment */
  g_ptr_array_add (queries, g_strdup ("12-3456"));
  g_ptr_array_add (queries, g_strdup ("2023-0123"));         /* a file number */
  g_ptr_array_add (queries, g_strdup ("2026-"));
  g_ptr_array_add (queries, g_strdup ("zzzz"));              /* nothing matches */

  for (guint i = 0; i < queries->len; i++)
    {
      const char *query = g_ptr_array_index (queries, i);
      double ms;

      start = g_get_monotonic_time ();
      redress_client_list_set_query (list, query);
      ms = ms_since (start);
      g_array_append_val (query_ms, ms);
      total += ms;
      if (ms > max)
        {
          max = ms;
          max_query = query;
        }
    }

  /* Sanity: a file number finds its file, and only files whose number
   * (2023-01234…, with more than 10,000 files a year) or UCI holds it */
  redress_client_list_set_query (list, "2023-0123");
  {
    guint found = g_list_model_get_n_items (G_LIST_MODEL (list));
    gboolean has_it = FALSE;

    for (guint i = 0; i < found; i++)
      {
        g_autoptr(RedressClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);
        const char *number = redress_client_get_file_number (client);
        const char *uci = redress_client_get_uci (client);

        has_it |= g_strcmp0 (number, "2023-0123") == 0;
        if (strstr (number, "2023-0123") == NULL && (uci == NULL || !strstr (uci, "20230123")))
          {
            fprintf (stderr, "bench-clients: file %s matched “2023-0123”\n", number);
            remove_dir (dir);
            return 1;
          }
      }
    if (!has_it || found > 12)
      {
        fprintf (stderr, "bench-clients: file number query found %u files%s\n", found,
                 has_it ? "" : ", not 2023-0123");
        remove_dir (dir);
        return 1;
      }
  }
  start = g_get_monotonic_time ();
  redress_client_list_set_query (list, NULL);
  clear_ms = ms_since (start);

  printf ("Redress client list benchmark: %u clients, %u cases\n", N_CLIENTS, N_CASES);
  printf ("  build database (reference, one transaction): %8.0f ms\n", build_ms);
  printf ("  open + list ready:                           %8.1f ms   (target < %.0f ms: %s)\n",
          ready_ms, TARGET_READY_MS, verdict (ready_ms, TARGET_READY_MS));
  printf ("    of which opening the store:                %8.1f ms\n", open_ms);
  printf ("  check for damage done, on a thread, after:   %8.1f ms\n", check_ms);
  printf ("  search as you type, %2u queries: average      %8.2f ms   (target < %.0f ms: %s)\n",
          query_ms->len, total / query_ms->len, TARGET_QUERY_MS,
          verdict (total / query_ms->len, TARGET_QUERY_MS));
  printf ("                                  maximum      %8.2f ms   (target < %.0f ms: %s) “%s”\n",
          max, TARGET_QUERY_MS, verdict (max, TARGET_QUERY_MS), max_query);
  printf ("  clear the query (all %u back):            %8.2f ms\n", N_CLIENTS, clear_ms);
  printf ("  peak resident memory:                        %8.1f MB   (target < %.0f MB: %s)\n",
          peak_rss_mb (), TARGET_RSS_MB, verdict (peak_rss_mb (), TARGET_RSS_MB));

  g_clear_object (&list);
  g_clear_object (&store);
  remove_dir (dir);
  return 0;
}

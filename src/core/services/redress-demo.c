/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-demo"

#include "config.h"

#include "redress-demo.h"

/* Fictional people and refusals, for trying Redress.  Any resemblance to
 * real persons is coincidental; the UCIs are not real. */
typedef struct
{
  const char *family, *given, *dob, *uci, *email, *phone, *country, *citizenship, *language;
  const char *type, *in_canada, *decision, *received, *expiry, *office, *stage;
} DemoFile;

static const DemoFile demo_files[] = {
  { "Okafor", "Chidinma Grace", "1994-06-12", "1122334455", "c.okafor@example.com",
    "+234 803 555 0147", "Nigeria", "Nigeria", "en",
    "study-permit", "false", "2026-10-02", "2026-10-05", NULL, "Dakar", "awaiting-notes" },
  { "Tremblay-Nguyen", "Minh Anh", "1999-01-23", "87654321", "minhanh.tn@example.org",
    "+1 514 555 0199", "Canada", "Vietnam", "fr",
    "work-permit-extension", "true", "2026-11-10", NULL, "2026-09-30", "Edmonton (inland)",
    "analysis" },
  { "Haddad", "Karim", "1981-11-02", "2233445566", NULL, "+961 3 555 012",
    "Lebanon", "Lebanon", "fr",
    "visitor-visa", "false", "2026-09-15", NULL, NULL, "Beirut", "new" },
  { "Fernández Ruiz", "Lucía", "1990-03-30", NULL, "lucia.fr@example.net", NULL,
    "Mexico", "Mexico", "en",
    "sponsorship-family-class", "false", "2026-11-01", "2026-11-09", NULL, "Mexico City",
    "preparing" },
};

/**
 * redress_demo_populate:
 * @n_clients: (out) (optional): how many client files were added
 *
 * Adds a few fictional client files with one case each, in one transaction.
 */
gboolean
redress_demo_populate (RedressStore  *store,
                       guint         *n_clients,
                       GError       **error)
{
  g_return_val_if_fail (REDRESS_IS_STORE (store), FALSE);

  if (!redress_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      const DemoFile *d = &demo_files[i];
      g_autoptr(RedressClient) client = redress_client_new ();
      g_autoptr(RedressCase) kase = NULL;
      RedressRecord *c = REDRESS_RECORD (client);
      RedressRecord *k;

      redress_record_set_value (c, REDRESS_CLIENT_FAMILY_NAME, d->family);
      redress_record_set_value (c, REDRESS_CLIENT_GIVEN_NAMES, d->given);
      redress_record_set_value (c, REDRESS_CLIENT_DATE_OF_BIRTH, d->dob);
      redress_record_set_value (c, REDRESS_CLIENT_UCI, d->uci);
      redress_record_set_value (c, REDRESS_CLIENT_EMAIL, d->email);
      redress_record_set_value (c, REDRESS_CLIENT_PHONE, d->phone);
      redress_record_set_value (c, REDRESS_CLIENT_COUNTRY_OF_RESIDENCE, d->country);
      redress_record_set_value (c, REDRESS_CLIENT_CITIZENSHIP, d->citizenship);
      redress_record_set_value (c, REDRESS_CLIENT_LANGUAGE, d->language);
      if (!redress_store_insert_client (store, client, error))
        goto failed;

      kase = redress_case_new (redress_record_get_id (c));
      k = REDRESS_RECORD (kase);
      redress_record_set_value (k, REDRESS_CASE_APPLICATION_TYPE, d->type);
      redress_record_set_value (k, REDRESS_CASE_DECIDED_IN_CANADA, d->in_canada);
      redress_record_set_value (k, REDRESS_CASE_DECISION_DATE, d->decision);
      redress_record_set_value (k, REDRESS_CASE_RECEIVED_DATE, d->received);
      redress_record_set_value (k, REDRESS_CASE_STATUS_EXPIRY, d->expiry);
      redress_record_set_value (k, REDRESS_CASE_VISA_OFFICE, d->office);
      redress_record_set_value (k, REDRESS_CASE_STAGE, d->stage);
      if (!redress_store_insert_case (store, kase, error))
        goto failed;
    }

  if (!redress_store_commit (store, error))
    return FALSE;
  if (n_clients != NULL)
    *n_clients = G_N_ELEMENTS (demo_files);
  return TRUE;

failed:
  redress_store_rollback (store);
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include "redress-cli-private.h"

/*
 * What --json prints: members that may be null, the fields of a record
 * (named as in its RedressFieldDef table), clients, cases and timelines,
 * and the document itself, pretty-printed in UTF-8.
 */

void
cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale: no conversion */
  fputs (data, stdout);
  fputc ('\n', stdout);
}

void
cli_json_add_string_or_null (JsonBuilder *builder,
                             const char  *name,
                             const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cli_json_add_id_or_null (JsonBuilder *builder,
                         const char  *name,
                         gint64       id)
{
  json_builder_set_member_name (builder, name);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

void
cli_json_add_int_or_null (JsonBuilder *builder,
                          const char  *name,
                          gboolean     is_set,
                          int          value)
{
  json_builder_set_member_name (builder, name);
  if (is_set)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cli_json_add_fields (JsonBuilder   *builder,
                     RedressRecord *record)
{
  for (guint i = 0; i < redress_record_get_n_fields (record); i++)
    {
      const RedressFieldDef *def = redress_record_get_field_def (record, i);
      const char *value = redress_record_get_value (record, i);

      if (def->kind == REDRESS_FIELD_BOOLEAN)
        {
          json_builder_set_member_name (builder, def->name);
          json_builder_add_boolean_value (builder, g_strcmp0 (value, "true") == 0);
        }
      else
        cli_json_add_string_or_null (builder, def->name, value);
    }
}

void
cli_json_add_timestamps (JsonBuilder   *builder,
                         RedressRecord *record)
{
  cli_json_add_string_or_null (builder, "created-at", redress_record_get_created_at (record));
  cli_json_add_string_or_null (builder, "updated-at", redress_record_get_updated_at (record));
}

/* The members of a client object, without the braces */
void
cli_json_add_client_members (JsonBuilder   *builder,
                             RedressClient *client)
{
  RedressRecord *record = REDRESS_RECORD (client);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_record_get_id (record));
  cli_json_add_string_or_null (builder, "file-number", redress_client_get_file_number (client));
  cli_json_add_fields (builder, record);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, redress_record_get_archived (record));
  json_builder_set_member_name (builder, "case-count");
  json_builder_add_int_value (builder, redress_client_get_case_count (client));
  cli_json_add_timestamps (builder, record);
}

void
cli_json_add_case (JsonBuilder *builder,
                   RedressCase *kase)
{
  RedressRecord *record = REDRESS_RECORD (kase);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, redress_record_get_id (record));
  json_builder_set_member_name (builder, "client-id");
  json_builder_add_int_value (builder, redress_case_get_client_id (kase));
  cli_json_add_fields (builder, record);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, redress_record_get_archived (record));
  cli_json_add_timestamps (builder, record);
  json_builder_end_object (builder);
}

void
cli_json_add_events (JsonBuilder *builder,
                     GPtrArray   *events)
{
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      RedressEvent *event = g_ptr_array_index (events, i);
      g_autofree char *description = redress_event_dup_description (event);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, redress_event_get_id (event));
      cli_json_add_string_or_null (builder, "at", redress_event_get_at (event));
      cli_json_add_string_or_null (builder, "actor", redress_event_get_actor (event));
      cli_json_add_string_or_null (builder, "entity", redress_event_get_entity (event));
      cli_json_add_id_or_null (builder, "client-id", redress_event_get_client_id (event));
      cli_json_add_id_or_null (builder, "case-id", redress_event_get_case_id (event));
      cli_json_add_string_or_null (builder, "kind", redress_event_get_kind (event));
      cli_json_add_string_or_null (builder, "field", redress_event_get_field (event));
      cli_json_add_string_or_null (builder, "old", redress_event_get_old_value (event));
      cli_json_add_string_or_null (builder, "new", redress_event_get_new_value (event));
      cli_json_add_string_or_null (builder, "description", description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "redress-case.h"
#include "redress-client.h"
#include "redress-event.h"
#include "redress-firm.h"
#include "redress-grounds.h"

struct _RedressEvent
{
  GObject parent_instance;

  gint64 id;
  gint64 client_id;
  gint64 case_id;
  char *at;
  char *actor;
  char *entity;
  char *kind;
  char *field;
  char *old_value;
  char *new_value;
};

G_DEFINE_FINAL_TYPE (RedressEvent, redress_event, G_TYPE_OBJECT)

static void
redress_event_finalize (GObject *object)
{
  RedressEvent *self = (RedressEvent *) object;

  g_free (self->at);
  g_free (self->actor);
  g_free (self->entity);
  g_free (self->kind);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);

  G_OBJECT_CLASS (redress_event_parent_class)->finalize (object);
}

static void
redress_event_class_init (RedressEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = redress_event_finalize;
}

static void
redress_event_init (RedressEvent *self)
{
}

RedressEvent *
redress_event_new (gint64      id,
                   const char *at,
                   const char *actor,
                   const char *entity,
                   gint64      client_id,
                   gint64      case_id,
                   const char *kind,
                   const char *field,
                   const char *old_value,
                   const char *new_value)
{
  RedressEvent *self = g_object_new (REDRESS_TYPE_EVENT, NULL);

  self->id = id;
  self->at = g_strdup (at);
  self->actor = g_strdup (actor);
  self->entity = g_strdup (entity);
  self->client_id = client_id;
  self->case_id = case_id;
  self->kind = g_strdup (kind);
  self->field = g_strdup (field);
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
  return self;
}

gint64 redress_event_get_id (RedressEvent *self) { return self->id; }
const char *redress_event_get_at (RedressEvent *self) { return self->at; }
const char *redress_event_get_actor (RedressEvent *self) { return self->actor; }
const char *redress_event_get_entity (RedressEvent *self) { return self->entity; }
gint64 redress_event_get_client_id (RedressEvent *self) { return self->client_id; }
gint64 redress_event_get_case_id (RedressEvent *self) { return self->case_id; }
const char *redress_event_get_kind (RedressEvent *self) { return self->kind; }
const char *redress_event_get_field (RedressEvent *self) { return self->field; }
const char *redress_event_get_old_value (RedressEvent *self) { return self->old_value; }
const char *redress_event_get_new_value (RedressEvent *self) { return self->new_value; }

static const RedressFieldDef *
lookup_field (const char *entity,
              const char *field)
{
  GType type;
  g_autoptr(GTypeClass) klass = NULL;
  RedressRecordClass *record_class;

  if (g_strcmp0 (entity, "client") == 0)
    type = REDRESS_TYPE_CLIENT;
  else if (g_strcmp0 (entity, "case") == 0)
    type = REDRESS_TYPE_CASE;
  else if (g_strcmp0 (entity, "firm") == 0)
    type = REDRESS_TYPE_FIRM;
  else
    return NULL;

  klass = g_type_class_ref (type);
  record_class = REDRESS_RECORD_CLASS (klass);
  for (guint i = 0; i < record_class->n_fields; i++)
    if (g_strcmp0 (record_class->fields[i].name, field) == 0)
      return &record_class->fields[i];
  return NULL;
}

static const char *
entity_label (const char *entity)
{
  if (g_strcmp0 (entity, "client") == 0)
    return _("Client file");
  if (g_strcmp0 (entity, "case") == 0)
    return _("Case");
  if (g_strcmp0 (entity, "firm") == 0)
    return _("Firm profile");
  if (g_strcmp0 (entity, "document") == 0)
    return _("Document");
  if (g_strcmp0 (entity, "ground") == 0)
    return _("Refusal ground");
  return entity;
}

/**
 * redress_event_dup_description:
 *
 * Returns: (transfer full): the event as a sentence, for example
 *   "Family name changed from “Diaz” to “Díaz”"
 */
char *
redress_event_dup_description (RedressEvent *self)
{
  const char *what;

  g_return_val_if_fail (REDRESS_IS_EVENT (self), NULL);

  what = entity_label (self->entity);

  if (g_strcmp0 (self->entity, "checklist") == 0)
    {
      const char *item = self->new_value ? self->new_value : "";

      if (g_strcmp0 (self->kind, "drafted") == 0)
        return g_strdup (_("Checklist drafted"));
      if (g_strcmp0 (self->kind, "redrafted") == 0)
        return g_strdup (_("Checklist updated from the grounds"));
      if (g_strcmp0 (self->kind, "to-request") == 0)
        return g_strdup_printf (_("Checklist item to request: %s"), item);
      if (g_strcmp0 (self->kind, "requested") == 0)
        return g_strdup_printf (_("Checklist item requested: %s"), item);
      if (g_strcmp0 (self->kind, "received") == 0)
        return g_strdup_printf (_("Checklist item received: %s"), item);
      if (g_strcmp0 (self->kind, "not-applicable") == 0)
        return g_strdup_printf (_("Checklist item marked not applicable: %s"), item);
      if (g_strcmp0 (self->kind, "edited") == 0)
        return g_strdup_printf (_("Checklist item edited: %s"), item);
      if (g_strcmp0 (self->kind, "added") == 0)
        return g_strdup_printf (_("Checklist item added: %s"), item);
      if (g_strcmp0 (self->kind, "moved") == 0)
        return g_strdup_printf (_("Checklist item moved: %s"), item);
      if (g_strcmp0 (self->kind, "removed") == 0)
        return g_strdup_printf (_("Checklist item removed: %s"), item);
      if (g_strcmp0 (self->kind, "restored") == 0)
        return g_strdup_printf (_("Checklist item restored: %s"), item);
    }
  if (g_strcmp0 (self->kind, "changed") == 0)
    {
      const RedressFieldDef *def = lookup_field (self->entity, self->field);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      const char *label = def ? _(def->label) : self->field;

      if (def != NULL && def->kind == REDRESS_FIELD_TEXT &&
          g_str_equal (def->name, "notes"))
        return g_strdup_printf (_("%s edited"), label);

      old_text = def ? redress_field_display (def, self->old_value) : g_strdup (self->old_value);
      new_text = def ? redress_field_display (def, self->new_value) : g_strdup (self->new_value);
      if (self->old_value == NULL || *self->old_value == '\0')
        /* Translators: timeline entry: a field that was empty, its new value */
        return g_strdup_printf (_("%s set to “%s”"), label, new_text ? new_text : "");
      if (self->new_value == NULL || *self->new_value == '\0')
        /* Translators: timeline entry: a field that was emptied, its old value */
        return g_strdup_printf (_("%s cleared (was “%s”)"), label, old_text ? old_text : "");
      /* Translators: timeline entry: field, old value, new value */
      return g_strdup_printf (_("%s changed from “%s” to “%s”"), label,
                              old_text ? old_text : "", new_text ? new_text : "");
    }
  if (g_strcmp0 (self->kind, "created") == 0)
    return self->new_value
      ? g_strdup_printf (_("%s created: %s"), what, self->new_value)
      : g_strdup_printf (_("%s created"), what);
  if (g_strcmp0 (self->entity, "ground") == 0)
    {
      const char *label = redress_ground_get_label (self->new_value);

      if (label == NULL)
        label = self->new_value ? self->new_value : "";
      if (g_strcmp0 (self->kind, "suggested") == 0)
        return g_strdup_printf (_("Ground suggested from the letter: %s"), label);
      if (g_strcmp0 (self->kind, "confirmed") == 0)
        return g_strdup_printf (_("Ground confirmed: %s"), label);
      if (g_strcmp0 (self->kind, "dismissed") == 0)
        return g_strdup_printf (_("Ground dismissed: %s"), label);
      if (g_strcmp0 (self->kind, "added") == 0)
        return g_strdup_printf (_("Ground added: %s"), label);
      if (g_strcmp0 (self->kind, "restored") == 0)
        return g_strdup_printf (_("Ground back among the suggestions: %s"), label);
      if (g_strcmp0 (self->kind, "evidence-linked") == 0)
        /* Translators: timeline entry; %s is a ground (Family ties) */
        return g_strdup_printf (_("Passage linked as evidence for “%s”"), label);
      if (g_strcmp0 (self->kind, "evidence-unlinked") == 0)
        /* Translators: timeline entry; %s is a ground (Family ties) */
        return g_strdup_printf (_("Passage no longer evidence for “%s”"), label);
    }
  if (g_strcmp0 (self->kind, "added") == 0)
    return self->new_value
      ? g_strdup_printf (_("%s attached: %s"), what, self->new_value)
      : g_strdup_printf (_("%s attached"), what);
  if (g_strcmp0 (self->kind, "archived") == 0)
    return g_strdup_printf (_("%s archived"), what);
  if (g_strcmp0 (self->kind, "unarchived") == 0)
    return g_strdup_printf (_("%s taken out of the archive"), what);
  if (g_strcmp0 (self->kind, "deleted") == 0)
    return self->new_value
      ? g_strdup_printf (_("%s deleted: %s"), what, self->new_value)
      : g_strdup_printf (_("%s deleted"), what);
  if (g_strcmp0 (self->kind, "restored") == 0)
    return self->new_value
      ? g_strdup_printf (_("%s restored: %s"), what, self->new_value)
      : g_strdup_printf (_("%s restored"), what);

  /* Translators: a record, then an event code the app does not describe */
  return g_strdup_printf (_("%s: %s"), what, self->kind);
}

/**
 * redress_event_dup_when:
 *
 * Returns: (transfer full): when the event happened, in local time
 */
char *
redress_event_dup_when (RedressEvent *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (REDRESS_IS_EVENT (self), NULL);

  utc = g_date_time_new_from_iso8601 (self->at, NULL);
  if (utc == NULL)
    return g_strdup (self->at);
  local = g_date_time_to_local (utc);
  /* Translators: when a timeline event happened; g_date_time_format() codes */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

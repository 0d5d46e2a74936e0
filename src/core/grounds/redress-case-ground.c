/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-case-ground"

#include "config.h"

#include <string.h>

#include "redress-case-ground.h"
#include "redress-grounds.h"

/* A ground of a case as the store holds it (read-only for its users: the
 * store's functions change it). */

struct _RedressCaseGround
{
  GObject parent_instance;

  gint64 case_id;
  char *code;
  RedressGroundState state;
  RedressGroundOrigin origin;
  char *provision;
  char *quote;
  gint64 document_id;
  guint page;
  gint64 quote_start;
  gint64 quote_end;
  guint end_page;            /* 0: the page it starts on */
  char *source;              /* "letter", "notes", NULL (added by hand) */
  char *entry_date;
  gboolean in_letter;
  char *created_at;
  char *updated_at;
  GPtrArray *evidence;
};

G_DEFINE_FINAL_TYPE (RedressCaseGround, redress_case_ground, G_TYPE_OBJECT)

static const char * const state_names[] = { "suggested", "confirmed", "dismissed" };

const char *
redress_ground_state_to_string (RedressGroundState state)
{
  g_return_val_if_fail (state <= REDRESS_GROUND_DISMISSED, NULL);
  return state_names[state];
}

gboolean
redress_ground_state_from_string (const char         *text,
                                  RedressGroundState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (RedressGroundState) i;
        return TRUE;
      }
  return FALSE;
}

static void
redress_case_ground_dispose (GObject *object)
{
  RedressCaseGround *self = REDRESS_CASE_GROUND (object);

  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  G_OBJECT_CLASS (redress_case_ground_parent_class)->dispose (object);
}

static void
redress_case_ground_finalize (GObject *object)
{
  RedressCaseGround *self = REDRESS_CASE_GROUND (object);

  g_free (self->code);
  g_free (self->provision);
  g_free (self->quote);
  g_free (self->source);
  g_free (self->entry_date);
  g_free (self->created_at);
  g_free (self->updated_at);
  G_OBJECT_CLASS (redress_case_ground_parent_class)->finalize (object);
}

static void
redress_case_ground_class_init (RedressCaseGroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = redress_case_ground_dispose;
  object_class->finalize = redress_case_ground_finalize;
}

static void
redress_case_ground_init (RedressCaseGround *self)
{
  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  self->quote_start = -1;
  self->quote_end = -1;
}

RedressCaseGround *
redress_case_ground_new (gint64              case_id,
                         const char         *code,
                         RedressGroundState  state,
                         RedressGroundOrigin origin)
{
  RedressCaseGround *self = g_object_new (REDRESS_TYPE_CASE_GROUND, NULL);

  self->case_id = case_id;
  self->code = g_strdup (code);
  self->state = state;
  self->origin = origin;
  return self;
}

/**
 * redress_case_ground_set_quote:
 * @provision: (nullable): the provision cited
 * @quote: (nullable): the sentence that states the ground
 * @document_id: its document, 0 for none
 * @page: its page (from 1), 0 for none
 * @quote_start: byte offset in the page's text, -1 when unknown
 * @quote_end: byte offset in the page's text, -1 when unknown
 */
void
redress_case_ground_set_quote (RedressCaseGround *self,
                               const char        *provision,
                               const char        *quote,
                               gint64             document_id,
                               guint              page,
                               gint64             quote_start,
                               gint64             quote_end)
{
  g_return_if_fail (REDRESS_IS_CASE_GROUND (self));

  g_free (self->provision);
  self->provision = g_strdup (provision);
  g_free (self->quote);
  self->quote = g_strdup (quote);
  self->document_id = document_id;
  self->page = page;
  self->quote_start = quote_start;
  self->quote_end = quote_end;
}

void
redress_case_ground_set_times (RedressCaseGround *self,
                               const char        *created_at,
                               const char        *updated_at)
{
  g_return_if_fail (REDRESS_IS_CASE_GROUND (self));

  g_free (self->created_at);
  self->created_at = g_strdup (created_at);
  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
}

void
redress_case_ground_add_evidence (RedressCaseGround *self,
                                  RedressEvidence   *evidence)
{
  g_return_if_fail (REDRESS_IS_CASE_GROUND (self));
  g_return_if_fail (REDRESS_IS_EVIDENCE (evidence));

  g_ptr_array_add (self->evidence, g_object_ref (evidence));
}

gint64 redress_case_ground_get_case_id (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), 0); return self->case_id; }
const char *redress_case_ground_get_code (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL); return self->code; }
RedressGroundState redress_case_ground_get_state (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), REDRESS_GROUND_SUGGESTED); return self->state; }
RedressGroundOrigin redress_case_ground_get_origin (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), REDRESS_GROUND_DETECTED); return self->origin; }
const char *redress_case_ground_get_provision (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL); return self->provision; }
const char *redress_case_ground_get_quote (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL); return self->quote; }
gint64 redress_case_ground_get_document_id (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), 0); return self->document_id; }
guint redress_case_ground_get_page (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), 0); return self->page; }
gint64 redress_case_ground_get_quote_start (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), -1); return self->quote_start; }
gint64 redress_case_ground_get_quote_end (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), -1); return self->quote_end; }

/**
 * redress_case_ground_set_end:
 * @end_page: the page where the sentence ends (from 1)
 * @end_offset: byte offset just after it in that page's text, -1 when
 *   unknown
 *
 * Where a sentence that runs over a page break ends.
 */
void
redress_case_ground_set_end (RedressCaseGround *self,
                             guint              end_page,
                             gint64             end_offset)
{
  g_return_if_fail (REDRESS_IS_CASE_GROUND (self));

  self->end_page = end_page;
  self->quote_end = end_offset;
}

/**
 * redress_case_ground_get_end_page:
 *
 * Returns: the page where the sentence ends (its page, unless it runs over
 *   a page break; redress_case_ground_get_quote_end() is an offset in the
 *   text of this page), 0 for a ground without a sentence
 */
guint
redress_case_ground_get_end_page (RedressCaseGround *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), 0);
  return MAX (self->end_page, self->page);
}

/**
 * redress_case_ground_set_source:
 * @source: (nullable): "letter" or "notes": what the ground was read in
 * @entry_date: (nullable): the date (YYYY-MM-DD) of the notes' entry
 * @in_letter: whether a refusal letter of the case states the ground
 */
void
redress_case_ground_set_source (RedressCaseGround *self,
                                const char        *source,
                                const char        *entry_date,
                                gboolean           in_letter)
{
  g_return_if_fail (REDRESS_IS_CASE_GROUND (self));

  g_free (self->source);
  self->source = g_strdup (source);
  g_free (self->entry_date);
  self->entry_date = g_strdup (entry_date);
  self->in_letter = in_letter;
}

/**
 * redress_case_ground_get_source:
 *
 * Returns: (nullable): "letter" or "notes": where the detector read the
 *   ground; NULL for a ground added by hand
 */
const char *
redress_case_ground_get_source (RedressCaseGround *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL);
  return self->source;
}

/**
 * redress_case_ground_get_entry_date:
 *
 * Returns: (nullable): the date (YYYY-MM-DD) of the entry of the notes the
 *   sentence belongs to
 */
const char *
redress_case_ground_get_entry_date (RedressCaseGround *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL);
  return self->entry_date;
}

/**
 * redress_case_ground_get_in_letter:
 *
 * Returns: whether a refusal letter of the case states the ground (a
 *   ground the notes give and the letter does not is worth a look)
 */
gboolean
redress_case_ground_get_in_letter (RedressCaseGround *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), FALSE);
  return self->in_letter;
}
const char *redress_case_ground_get_created_at (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL); return self->created_at; }
const char *redress_case_ground_get_updated_at (RedressCaseGround *self) { g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL); return self->updated_at; }

/**
 * redress_case_ground_get_label:
 *
 * Returns: the ground's label in the user's language (its code for a
 *   code this version does not know)
 */
const char *
redress_case_ground_get_label (RedressCaseGround *self)
{
  const char *label;

  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL);

  label = redress_ground_get_label (self->code);
  return label != NULL ? label : self->code;
}

/**
 * redress_case_ground_get_evidence:
 *
 * Returns: (transfer none) (element-type RedressEvidence): the passages
 *   linked to the ground, oldest first
 */
GPtrArray *
redress_case_ground_get_evidence (RedressCaseGround *self)
{
  g_return_val_if_fail (REDRESS_IS_CASE_GROUND (self), NULL);
  return self->evidence;
}

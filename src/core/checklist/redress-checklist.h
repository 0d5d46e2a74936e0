/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "redress-catalog.h"

G_BEGIN_DECLS

/**
 * RedressItemState:
 * @REDRESS_ITEM_TO_REQUEST: still to ask the client for
 * @REDRESS_ITEM_REQUESTED: asked for, not yet received
 * @REDRESS_ITEM_RECEIVED: in hand
 * @REDRESS_ITEM_NOT_APPLICABLE: does not apply to this client
 *
 * Where a checklist item stands.
 */
typedef enum
{
  REDRESS_ITEM_TO_REQUEST,
  REDRESS_ITEM_REQUESTED,
  REDRESS_ITEM_RECEIVED,
  REDRESS_ITEM_NOT_APPLICABLE,
  REDRESS_ITEM_N_STATES
} RedressItemState;

/* "to-request", ... as stored and as the CLI spells them */
const char         *redress_item_state_to_string     (RedressItemState   state);
gboolean            redress_item_state_from_string   (const char        *text,
                                                      RedressItemState  *state);
/* "To request", ... in the user's language, or in a document's */
const char         *redress_item_state_get_label     (RedressItemState   state);
const char         *redress_item_state_get_label_in  (RedressItemState   state,
                                                      RedressCatalog    *catalog);

/* The paths that have a checklist ("restoration", "new-application",
 * "judicial-review", "appeal", "reconsideration", "humanitarian") */
const char * const *redress_checklist_get_paths      (void);
gboolean            redress_checklist_has_path       (const char        *path);

/* Templates (data/checklist.ini) */
const char         *redress_checklist_template_text  (const char        *template_id);
/* The application families whose checklists differ ("visitor", "study",
 * "work", "sponsorship", "permanent-residence") and the family of an
 * application type ("study-permit-extension" is "study"; NULL for "other") */
const char * const *redress_checklist_get_families   (void);
const char         *redress_checklist_get_family     (const char        *application_type);

#define REDRESS_TYPE_CHECKLIST_ITEM (redress_checklist_item_get_type ())

G_DECLARE_FINAL_TYPE (RedressChecklistItem, redress_checklist_item, REDRESS, CHECKLIST_ITEM, GObject)

/* An item of a case's checklist as the store holds it (read-only for its
 * users: the store's functions change it). */
RedressChecklistItem *redress_checklist_item_new           (gint64                 id,
                                                            gint64                 case_id,
                                                            const char            *path,
                                                            const char            *code,
                                                            const char            *template_id,
                                                            const char            *text);
void                  redress_checklist_item_set_values    (RedressChecklistItem  *self,
                                                            RedressItemState       state,
                                                            const char            *due,
                                                            const char            *note,
                                                            gint64                 position,
                                                            gboolean               edited);

gint64                redress_checklist_item_get_id        (RedressChecklistItem  *self);
gint64                redress_checklist_item_get_case_id   (RedressChecklistItem  *self);
const char           *redress_checklist_item_get_path      (RedressChecklistItem  *self);
/* The ground it answers; NULL for the path's base items */
const char           *redress_checklist_item_get_code      (RedressChecklistItem  *self);
/* The template it was drafted from; NULL for an item added by hand */
const char           *redress_checklist_item_get_template  (RedressChecklistItem  *self);
/* The consultant's wording; NULL while it is the template's */
const char           *redress_checklist_item_get_custom_text (RedressChecklistItem *self);
/* The text in the user's language (the template's, translated, unless the
 * consultant reworded it) */
const char           *redress_checklist_item_get_text      (RedressChecklistItem  *self);
/* The text in the language of @catalog */
const char           *redress_checklist_item_get_text_in   (RedressChecklistItem  *self,
                                                            RedressCatalog        *catalog);
RedressItemState      redress_checklist_item_get_state     (RedressChecklistItem  *self);
const char           *redress_checklist_item_get_due       (RedressChecklistItem  *self);
const char           *redress_checklist_item_get_note      (RedressChecklistItem  *self);
gint64                redress_checklist_item_get_position  (RedressChecklistItem  *self);
gboolean              redress_checklist_item_get_edited    (RedressChecklistItem  *self);

G_END_DECLS

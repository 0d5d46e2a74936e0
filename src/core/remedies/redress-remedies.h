/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-case.h"

G_BEGIN_DECLS

/**
 * RedressRemedy:
 * @code: "judicial-review", "iad-sponsorship-appeal", "iad-residency-appeal",
 *   "iad-removal-appeal", "restoration", "new-application", "reconsideration"
 *   or "humanitarian"
 * @available: open to this client today
 * @deadline: (nullable): the last day of the period the law sets, YYYY-MM-DD;
 *   %NULL when there is none
 * @file_by: (nullable): the day to file by: @deadline, or the next working
 *   day when @deadline is a Saturday, a Sunday or a holiday
 * @moved: @file_by is later than @deadline (and @basis says why)
 * @days_left: days from today to @file_by (negative once past); 0 when
 *   there is no deadline
 * @not_before: (nullable): a new application is barred until this day
 * @basis: how it was computed, or why it is not available, in plain words
 * @source: the provision it rests on
 *
 * One remedy and its deadline, with everything it was computed from.
 */
typedef struct
{
  char *code;
  gboolean available;
  char *deadline;
  char *file_by;
  gboolean moved;
  int days_left;
  char *not_before;
  char *basis;
  char *source;
} RedressRemedy;

/**
 * RedressNotesRequest:
 * @requested: (nullable): when the officer's notes were requested
 * @due: (nullable): when the response is due
 * @received: (nullable): when they arrived
 * @overdue: past @due and not received
 * @days_left: days from today to @due (negative once past)
 * @basis: the status in plain words
 * @source: the provisions
 */
typedef struct
{
  char *requested;
  char *due;
  char *received;
  gboolean overdue;
  int days_left;
  char *basis;
  char *source;
} RedressNotesRequest;

void                 redress_remedy_free              (RedressRemedy       *remedy);
void                 redress_notes_request_free       (RedressNotesRequest *request);
const char          *redress_remedy_label             (const char          *code);
const char * const  *redress_remedy_codes             (void);
/* The remedy of @remedies that a case's path leads to (for "appeal", the
 * IAD appeal that is open, else the first); NULL for none */
RedressRemedy       *redress_remedies_find_for_path   (GPtrArray           *remedies,
                                                       const char          *path);
/* The provision a remedy rests on, in @language ("en", "fr") */
char                *redress_remedy_dup_source        (const char          *code,
                                                       const char          *language);

GPtrArray           *redress_remedies_compute         (RedressCase         *kase,
                                                       gboolean             misrepresentation,
                                                       const GDate         *today,
                                                       GError             **error);
RedressNotesRequest *redress_notes_request_compute    (RedressCase         *kase,
                                                       const GDate         *today,
                                                       GError             **error);

gboolean             redress_date_is_working_day      (const GDate         *date,
                                                       char               **holiday);
void                 redress_date_next_working_day    (GDate               *date);
void                 redress_date_today               (GDate               *date);
int                  redress_date_days_between        (const GDate         *from,
                                                       const GDate         *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressRemedy, redress_remedy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedressNotesRequest, redress_notes_request_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "redress-core.h"

G_BEGIN_DECLS

void redress_list_box_clear     (GtkListBox   *list);
void redress_timeline_fill      (GtkListBox   *list,
                                 RedressStore *store,
                                 gint64        client_id,
                                 gint64        case_id);

GtkWidget *redress_days_left_label_new (int           days_left,
                                       gboolean      done);
GtkWidget *redress_deadline_row_new     (RedressDeadline *deadline,
                                         gboolean         show_case);

/* A toast whose title is @text as it is (a toast's title is markup: a
 * file or client name with "&" or "<" would not show) */
AdwToast  *redress_toast_new_text      (const char      *text);
/* Shows @toast in the nearest toast overlay above @widget (dropped when
 * there is none): views never need to know the window they are in */
void       redress_widget_add_toast    (GtkWidget       *widget,
                                        AdwToast        *toast);
/* A dialog over @widget's window: @heading, and @error's message */
void       redress_widget_show_failure (GtkWidget       *widget,
                                        const char      *heading,
                                        GError          *error);

void       redress_message_dialogs_focus_first_field (void);
/* An open list of choices that shows each label whole, wrapped between
 * words; the closed row or button keeps one line, the whole label in its
 * tooltip */
void       redress_combo_row_show_whole_labels (AdwComboRow     *row);

/* Scrolls the nearest scrolled window above @widget so that @widget is in
 * view, once it has its place (after the next layout) */
void       redress_widget_scroll_into_view (GtkWidget   *widget);

G_END_DECLS

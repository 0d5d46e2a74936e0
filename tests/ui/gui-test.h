/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the window tests share (under Xvfb): a fresh store and window per
 * test, main-loop spinning, and finding widgets and windows as a user
 * would see them.
 */

#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "redress-record-dialog.h"
#include "redress-record-form.h"
#include "redress-client-view.h"
#include "redress-window.h"
#include "redress-case-view.h"
#include "redress-checklist-view.h"
#include "redress-documents-view.h"
#include "redress-pdf-view.h"
#include "redress-print.h"
#include "../core/test-pdf-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  RedressStore *store;
  RedressWindow *window;
} Fixture;

/* Every window test is under /window/, one window per test */
#define GUI_TEST_ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* %FALSE (the run skipped) when there is no display */
gboolean           gui_test_init      (int                  *argc,
                                       char               ***argv);
int                gui_test_run       (void);

void               fixture_set_up     (Fixture              *f,
                                       gconstpointer         data);
void               fixture_tear_down  (Fixture              *f,
                                       gconstpointer         data);

void               spin               (guint                 ms);
/* The focus of @window once it has one (a dialog shown takes it after a
 * while on a busy machine); NULL after 5 s */
GtkWidget         *wait_for_focus     (GtkWindow            *window);
GtkWidget         *find_widget        (GtkWidget            *root,
                                       GType                 type,
                                       const char           *label);
GtkWidget         *find_label         (GtkWidget            *root,
                                       const char           *prefix);
AdwPreferencesRow *find_row           (GtkWidget            *root,
                                       const char           *prefix);
GtkWindow         *find_window        (const char           *title);
GtkWidget         *find_button        (GtkWidget            *root,
                                       const char           *label);
void               press_enter        (GtkWidget            *focus);
RedressCase       *add_case           (Fixture              *f,
                                       const char           *family,
                                       int                   days_ago);
RedressCaseView   *attach_pdf         (Fixture              *f,
                                       RedressCase          *kase,
                                       const char           *name,
                                       const TestPdfPage    *pages,
                                       guint                 n_pages,
                                       RedressDocumentKind   kind);

G_END_DECLS

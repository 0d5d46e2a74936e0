/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The window tests' fixture and helpers: see gui-test.h.
 */
#include "config.h"

#include "gui-test.h"

static AdwApplication *app;

gboolean
gui_test_init (int    *argc,
               char ***argv)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display: run under xvfb-run");
      return FALSE;
    }
  adw_init ();

  app = adw_application_new ("ca.redress.Redress.Tests", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  return TRUE;
}

int
gui_test_run (void)
{
  int ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}

void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

GtkWidget *
wait_for_focus (GtkWindow *window)
{
  for (guint i = 0; i < 250 && gtk_window_get_focus (window) == NULL; i++)
    spin (20);
  return gtk_window_get_focus (window);
}

/* Depth-first search of the widget tree */
GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          g_autofree char *placeholder = NULL;

          if (label == NULL)
            return child;
          if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
            return child;
          if (GTK_IS_SEARCH_ENTRY (child))
            g_object_get (child, "placeholder-text", &placeholder, NULL);
          if (g_strcmp0 (placeholder, label) == 0)
            return child;
        }
      found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @root whose text starts with @prefix */
GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      found = find_label (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row under @root whose title starts with @prefix */
AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found;

      if (ADW_IS_PREFERENCES_ROW (child) && !gtk_widget_get_ancestor (child, GTK_TYPE_POPOVER) &&
          g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), prefix))
        return ADW_PREFERENCES_ROW (child);
      found = find_row (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A case refused @days_ago days ago, outside Canada, for a new client */
RedressCase *
add_case (Fixture    *f,
          const char *family,
          int         days_ago)
{
  g_autoptr(RedressClient) client = redress_client_new ();
  RedressCase *kase;
  g_autoptr(GError) error = NULL;
  g_autofree char *decision = NULL;
  GDate date;

  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_FAMILY_NAME, family);
  redress_record_set_value (REDRESS_RECORD (client), REDRESS_CLIENT_GIVEN_NAMES, "Test");
  g_assert_true (redress_store_insert_client (f->store, client, &error));
  g_assert_no_error (error);

  redress_date_today (&date);
  g_date_subtract_days (&date, (guint) days_ago);
  decision = redress_date_format_iso (&date);
  kase = redress_case_new (redress_record_get_id (REDRESS_RECORD (client)));
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_APPLICATION_TYPE, "visitor-visa");
  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_DECISION_DATE, decision);
  g_assert_true (redress_store_insert_case (f->store, kase, &error));
  g_assert_no_error (error);
  return kase;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("redress-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "redress.db", NULL);
  f->store = redress_store_open (path, &error);
  g_assert_no_error (error);

  f->window = redress_window_new (app, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (200);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "redress.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  g_clear_object (&f->store);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* What Enter does to the focused widget: a text field is activated (its
 * dialog's default response), a button is pressed */
void
press_enter (GtkWidget *focus)
{
  g_assert_nonnull (focus);
  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    g_assert_true (gtk_widget_activate (focus));
}

/* Opens @kase on its Documents page and attaches a PDF of @pages, as the
 * file chooser or a drop would; waits until the document is listed */
RedressCaseView *
attach_pdf (Fixture           *f,
            RedressCase       *kase,
            const char        *name,
            const TestPdfPage *pages,
            guint              n_pages,
            RedressDocumentKind kind)
{
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  RedressCaseView *view;
  RedressDocumentsView *documents;

  test_pdf_write_cairo (pdf, pages, n_pages);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  redress_documents_view_attach (documents, file, kind);
  for (guint i = 0; i < 200 && redress_documents_view_get_n_documents (documents) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 1);
  return view;
}

GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

/* The first button under @root whose label is @label */
GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_widget (root, GTK_TYPE_BUTTON, label);
}

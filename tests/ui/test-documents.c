/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A case's documents (under Xvfb): attaching PDFs, by keyboard too, the
 * reader's keys and shortcuts, a page that crashes the reader, and
 * scanned letters read by OCR.
 */
#include "config.h"

#include "gui-test.h"
#include "redress-store-private.h"

static void
test_window_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Okafor", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Immigration, Refugees and Citizenship Canada\n\nI am not satisfied that you will "
                "leave Canada at the end of your stay, based on your family ties in Canada and in "
                "your country of residence.", FALSE },
    { 612, 792, "Second page: the purpose of your visit.", FALSE },
  };
  RedressCaseView *view;
  RedressDocumentsView *documents;
  RedressPdfView *reader;
  GtkWidget *search;
  GtkWidget *label = NULL;

  view = attach_pdf (f, kase, "refusal-letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  documents = redress_case_view_get_documents (view);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (documents));

  /* Its first page is shown */
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 2);
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);

  /* Searching the document finds the word, on its page */
  redress_pdf_view_search (reader, "family ties");
  for (guint i = 0; i < 100 && redress_pdf_view_get_n_matches (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);

  /* Searching every case's documents from the sidebar finds it too */
  search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, "Name, file number or UCI");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (GTK_WIDGET (f->window),
                                                                GTK_TYPE_TOGGLE_BUTTON,
                                                                "Documents")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "purpose visit");
  for (guint i = 0; i < 40 && label == NULL; i++)
    {
      spin (50);
      label = find_label (GTK_WIDGET (f->window), "Okafor, Test — refusal-letter.pdf");
    }
  g_assert_nonnull (label);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Page 2"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* With REDRESS_TEST_SHOTS set to a folder, @widget is saved there as
 * @name.png, to be looked at */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("REDRESS_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  spin (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* The drop-downs under @widget, in order */
static void
collect_dropdowns (GtkWidget *widget,
                   GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DROP_DOWN (child))
      g_ptr_array_add (found, child);
    else
      collect_dropdowns (child, found);
}

/* Enter pressed where the focus is, as the dialog's key controllers see it */
static gboolean
send_enter (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 36, 0, &handled);
    }
  return handled;
}

/* Two files attached together: one dialog asks what each is, a row a file
 * with its kind suggested by its name, the focus on the first drop-down;
 * Enter attaches both, each as the kind chosen */
static void
test_window_documents_kind_batch (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Moreau", 10);
  g_autofree char *letter = g_build_filename (f->dir, "refusal-letter.pdf", NULL);
  g_autofree char *notes =
    g_build_filename (f->dir, "GCMS notes - Moreau - ATIP request A-2026-04417-received-2026-03-02.pdf",
                      NULL);
  g_autoptr(GFile) letter_file = g_file_new_for_path (letter);
  g_autoptr(GFile) notes_file = g_file_new_for_path (notes);
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GPtrArray) documents_list = NULL;
  const TestPdfPage page = { 612, 792, "Your application for a visitor visa is refused.", FALSE };
  const TestPdfPage note = { 612, 792, "Notes: PA's ties to home country weak.", FALSE };
  RedressCaseView *view;
  RedressDocumentsView *documents;
  AdwMessageDialog *dialog;
  GtkWidget *focus;
  guint n_dialogs = 0;

  test_pdf_write_cairo (letter, &page, 1);
  test_pdf_write_cairo (notes, &note, 1);
  files = g_slist_append (files, letter_file);
  files = g_slist_append (files, notes_file);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  redress_documents_view_attach_files (documents, files);
  spin (300);

  /* One dialog for both files */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        n_dialogs += ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window));
      }
  }
  g_assert_cmpuint (n_dialogs, ==, 1);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Attach 2 Documents");

  /* A row a file, its name shown, its kind suggested */
  collect_dropdowns (GTK_WIDGET (dialog), dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "refusal-letter.pdf"));
  {
    GtkWidget *name = find_label (GTK_WIDGET (dialog), "GCMS notes - Moreau - ATIP request");

    /* A long name is shortened in the middle, its end still shown */
    g_assert_nonnull (name);
    g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (name)), ==, PANGO_ELLIPSIZE_MIDDLE);
  }
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (dropdowns, 0)), ==,
                    REDRESS_DOCUMENT_REFUSAL_LETTER);
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (dropdowns, 1)), ==,
                    REDRESS_DOCUMENT_OFFICER_NOTES);
  /* The two kinds of notes are told apart under the drop-down */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "The officer’s full case notes"));

  /* The focus on the first drop-down, the default response Attach */
  focus = wait_for_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == g_ptr_array_index (dropdowns, 0) ||
                 gtk_widget_is_ancestor (focus, g_ptr_array_index (dropdowns, 0)));
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_nonnull (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_has_css_class (gtk_window_get_default_widget (GTK_WINDOW (dialog)),
                                           "suggested"));

  save_shot (GTK_WIDGET (dialog), "attach-dialog");
  /* The second one chosen otherwise; Enter attaches both */
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 1), REDRESS_DOCUMENT_DECISION_NOTES);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "The officer’s short reasons"));
  g_assert_true (send_enter (GTK_WIDGET (dialog)));
  for (guint i = 0; i < 200 && redress_documents_view_get_n_documents (documents) < 2; i++)
    spin (50);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 2);
  g_assert_null (find_message_dialog ());

  documents_list = redress_store_list_documents (f->store,
                                                 redress_record_get_id (REDRESS_RECORD (kase)),
                                                 NULL);
  g_assert_nonnull (documents_list);
  g_assert_cmpuint (documents_list->len, ==, 2);
  for (guint i = 0; i < documents_list->len; i++)
    {
      RedressDocument *document = g_ptr_array_index (documents_list, i);

      if (g_strcmp0 (redress_document_get_file_name (document), "refusal-letter.pdf") == 0)
        g_assert_cmpint (redress_document_get_kind (document), ==, REDRESS_DOCUMENT_REFUSAL_LETTER);
      else
        g_assert_cmpint (redress_document_get_kind (document), ==, REDRESS_DOCUMENT_DECISION_NOTES);
    }
}

/* In the reader, Ctrl+F finds in the document, at any width: the reader
 * stays (it gave way to the client search in the folded sidebar); Escape
 * closes Find */
static void
test_window_reader_keys (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Lopez", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "I am not satisfied that you will leave Canada at the end of your stay, based on "
                "your family ties in Canada.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;
  GtkWidget *find, *focus, *sidebar_search;
  AdwLeaflet *leaflet;

  view = attach_pdf (f, kase, "letter.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_REFUSAL_LETTER);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (redress_case_view_get_documents (view)));
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  find = find_widget (GTK_WIDGET (reader), GTK_TYPE_SEARCH_ENTRY, "Find");
  g_assert_nonnull (find);
  sidebar_search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY,
                                "Name, file number or UCI");
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));

  for (guint width = 0; width < 2; width++)
    {
      if (width == 1)
        {
          /* Narrow: the sidebar folds away */
          gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 700);
          for (guint i = 0; i < 40 && !adw_leaflet_get_folded (leaflet); i++)
            spin (50);
          g_assert_true (adw_leaflet_get_folded (leaflet));
        }

      /* Ctrl+F */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
      spin (100);
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      g_assert_nonnull (focus);
      g_assert_true (gtk_widget_is_ancestor (focus, find));
      g_assert_cmpstr (redress_window_get_page (f->window), ==, "case");
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reader)));

      gtk_editable_set_text (GTK_EDITABLE (find), "family ties");
      for (guint i = 0; i < 100 && redress_pdf_view_get_n_matches (reader) == 0; i++)
        spin (50);
      g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);

      /* Escape: Find is closed, the highlights go, the keyboard is in the pages */
      g_signal_emit_by_name (find, "stop-search");
      spin (100);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find)), ==, "");
      g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, find));
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (reader)));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reader)));
    }

  /* Elsewhere in the case, Ctrl+F searches the client files */
  redress_case_view_show_page (view, "overview");
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  spin (100);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, sidebar_search));
}

static void
add_accelerators (GHashTable *listed,
                  const char *accelerators)
{
  g_auto(GStrv) each = g_strsplit (accelerators ? accelerators : "", " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (*each[i] != '\0')
      g_hash_table_add (listed, g_strdup (each[i]));
}

/* The keys that @widget's class binds */
static GPtrArray *
class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            g_ptr_array_add (keys, gtk_shortcut_trigger_to_string (trigger));
        }
    }
  return keys;
}

/* The shortcuts window lists every key of the reader and of the
 * documents, and Ctrl+O */
static void
test_window_shortcuts_listed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/ca/redress/Redress/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *widgets[] = {
    redress_pdf_view_new (),
    g_object_new (REDRESS_TYPE_DOCUMENTS_VIEW, NULL),
  };
  const char *aliases[] = { "<Control>equal", NULL };  /* the same key as Ctrl+Plus */
  const char *window_actions[] = { "win.search", "win.new-client", "win.new-case", NULL };

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      add_accelerators (listed, accelerator);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
    }

  for (guint w = 0; w < G_N_ELEMENTS (widgets); w++)
    {
      g_autoptr(GPtrArray) keys = class_shortcuts (g_object_ref_sink (widgets[w]));

      g_assert_cmpuint (keys->len, >, 0);
      for (guint i = 0; i < keys->len; i++)
        if (!g_strv_contains (aliases, g_ptr_array_index (keys, i)) &&
            !g_hash_table_contains (listed, g_ptr_array_index (keys, i)))
          g_error ("%s binds %s, which the shortcuts window does not list",
                   G_OBJECT_TYPE_NAME (widgets[w]), (char *) g_ptr_array_index (keys, i));
      g_object_unref (widgets[w]);
    }
  /* Ctrl+F in the reader, whose key is the window's; Ctrl+O, the window's
   * too (from any page of a case) */
  g_assert_true (g_hash_table_contains (listed, "<Control>f"));
  /* Going back, with the window's Escape */
  g_assert_true (g_hash_table_contains (listed, "<Alt>Left"));
  g_assert_true (g_hash_table_contains (listed, "Escape"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "attach-documents"));
  for (guint i = 0; window_actions[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (actions, window_actions[i]));
}

/* A page that crashes the PDF reader ends the reader's process, not
 * Redress: that page stays blank, the others show */
static void
test_window_reader_crash (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Abara", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "This page crashes the reader.", FALSE },
    { 612, 792, "This page shows.", FALSE },
  };
  RedressCaseView *view;
  RedressPdfView *reader;

  g_setenv ("REDRESS_PDF_WORKER_CRASH_PAGE", "1", TRUE);
  view = attach_pdf (f, kase, "hostile.pdf", pages, G_N_ELEMENTS (pages),
                     REDRESS_DOCUMENT_OFFICER_NOTES);
  reader = REDRESS_PDF_VIEW (redress_documents_view_get_pdf_view (redress_case_view_get_documents (view)));
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_pages (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_pages (reader), ==, 2);
  spin (500);
  redress_pdf_view_go_to_page (reader, 1);
  for (guint i = 0; i < 200 && redress_pdf_view_get_n_rendered (reader) == 0; i++)
    spin (50);
  g_unsetenv ("REDRESS_PDF_WORKER_CRASH_PAGE");
  /* Still here, the second page drawn, the document still searchable */
  g_assert_cmpuint (redress_pdf_view_get_n_rendered (reader), >=, 1);
  redress_pdf_view_search (reader, "shows");
  /* The reader's process is started again after the crash first: on a
   * busy machine that takes seconds */
  for (guint i = 0; i < 400 && redress_pdf_view_get_n_matches (reader) == 0; i++)
    spin (50);
  g_assert_cmpuint (redress_pdf_view_get_n_matches (reader), ==, 1);
}

/* Scanned pages ---------------------------------------------------------------- */

/* An image-only PDF of @pages, as a scanner makes it */
static char *
make_scan (Fixture           *f,
           const char        *name,
           const TestPdfPage *pages,
           guint              n_pages)
{
  return test_pdf_write_scan (f->dir, name, pages, n_pages, 0);
}

/* Every text the import's progress bar showed */
static void
on_progress_text (GtkProgressBar *bar,
                  GParamSpec     *pspec,
                  GPtrArray      *shown)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL && (shown->len == 0 ||
                       g_strcmp0 (g_ptr_array_index (shown, shown->len - 1), text) != 0))
    g_ptr_array_add (shown, g_strdup (text));
}

static gboolean
shown_ocr_progress (GPtrArray  *shown,
                    const char *text)
{
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (g_ptr_array_index (shown, i), text))
      return TRUE;
  return FALSE;
}

/* A scanned letter attached in the Documents tab: "Reading scanned page N
 * of M" shows while OCR reads it, the window goes on answering, Cancel
 * stores nothing, and once read the page's text is stored */
static void
test_window_documents_ocr (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nwosu", 10);
  const TestPdfPage pages[] = {
    { 612, 792, "Dear applicant,\nYour application for a temporary resident visa has been "
                "refused.\nI am not satisfied that you will leave Canada at the end of your "
                "stay, based on your family ties in Canada.", FALSE },
    { 612, 792, "The purpose of your visit is not consistent with a temporary stay.\n"
                "Sincerely, the visa officer.", FALSE },
  };
  g_autofree char *scan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents_stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RedressCaseView *view;
  RedressDocumentsView *documents;
  GtkWidget *bar, *cancel;
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  gint64 started, last_tick, longest_gap = 0;

  if (!test_pdf_have_scan_tools (FALSE))
    return;
  scan = make_scan (f, "scanned-letter", pages, G_N_ELEMENTS (pages));
  file = g_file_new_for_path (scan);

  redress_window_show_case (f->window, case_id);
  spin (100);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  documents = redress_case_view_get_documents (view);
  bar = find_widget (GTK_WIDGET (documents), GTK_TYPE_PROGRESS_BAR, NULL);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_progress_text), shown);

  /* Cancelled while the first scanned page is read: nothing is stored */
  redress_documents_view_attach (documents, file, REDRESS_DOCUMENT_REFUSAL_LETTER);
  for (guint i = 0; i < 600 && !shown_ocr_progress (shown, "Reading scanned page 1 of 2"); i++)
    spin (20);
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 1 of 2"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  cancel = find_widget (GTK_WIDGET (documents), GTK_TYPE_BUTTON, "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  for (guint i = 0; i < 200 && gtk_widget_get_visible (gtk_widget_get_parent (bar)); i++)
    spin (20);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  spin (200);
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 0);
  documents_stored = redress_store_list_documents (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents_stored->len, ==, 0);
  g_clear_pointer (&documents_stored, g_ptr_array_unref);

  /* Read to the end: both pages announced, the window never blocked */
  g_ptr_array_set_size (shown, 0);
  redress_documents_view_attach (documents, file, REDRESS_DOCUMENT_REFUSAL_LETTER);
  started = last_tick = g_get_monotonic_time ();
  for (guint i = 0; i < 3000 && redress_documents_view_get_n_documents (documents) == 0; i++)
    {
      gint64 now;

      spin (20);
      now = g_get_monotonic_time ();
      longest_gap = MAX (longest_gap, now - last_tick);
      last_tick = now;
    }
  g_assert_cmpuint (redress_documents_view_get_n_documents (documents), ==, 1);
  for (guint i = 0; i < shown->len; i++)
    g_test_message ("progress: %s", (const char *) g_ptr_array_index (shown, i));
  g_test_message ("longest the main loop waited: %.0f ms", longest_gap / 1000.0);
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 1 of 2"));
  g_assert_true (shown_ocr_progress (shown, "Reading scanned page 2 of 2"));
  /* Never blocked for a page's reading: a window that waited on each page
   * would stall for about half of the whole (two pages).  A loaded machine
   * makes the whole and the odd stall longer alike, so the bound follows
   * the whole, and is never under a second. */
  g_assert_cmpint (longest_gap, <, MAX (G_USEC_PER_SEC, (g_get_monotonic_time () - started) / 3));

  documents_stored = redress_store_list_documents (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents_stored->len, ==, 1);
  text = redress_store_dup_page_text (f->store,
                                      redress_document_get_id (g_ptr_array_index (documents_stored, 0)),
                                      2, &error);
  g_assert_no_error (error);
  g_test_message ("page 2 read: %s", text);
  g_assert_nonnull (strstr (text, "purpose of your visit"));

  /* Read again from the documents' menu, in French: progress shown, the
   * window not blocked, the pages' language recorded */
  {
    GtkListBoxRow *row;
    gint64 id = redress_document_get_id (g_ptr_array_index (documents_stored, 0));
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pages WHERE document_id = %"
                                            G_GINT64_FORMAT " AND ocr_language = 'fra'", id);

    row = GTK_LIST_BOX_ROW (find_widget (GTK_WIDGET (documents), GTK_TYPE_LIST_BOX_ROW, NULL));
    g_assert_nonnull (row);
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
    g_ptr_array_set_size (shown, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (documents), "documents.read-again",
                                               "s", "fra"));
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
    for (guint i = 0; i < 3000 && gtk_widget_get_visible (gtk_widget_get_parent (bar)); i++)
      spin (20);
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
    g_assert_true (shown_ocr_progress (shown, "Reading scanned page 2 of 2"));
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (redress_store_get_handle (f->store), sql, -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
      sqlite3_finalize (stmt);
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  GUI_TEST_ADD ("documents", test_window_documents);
  GUI_TEST_ADD ("documents-kind-batch", test_window_documents_kind_batch);
  GUI_TEST_ADD ("reader-keys", test_window_reader_keys);
  GUI_TEST_ADD ("shortcuts-listed", test_window_shortcuts_listed);
  GUI_TEST_ADD ("reader-crash", test_window_reader_crash);
  GUI_TEST_ADD ("documents-ocr", test_window_documents_ocr);

  return gui_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The window's size as a consultant meets it (under Xvfb), in English
 * and in French: two panes at the default size whatever is open, a
 * deliberate fold below 760 px, every page down to 360 px with the start
 * page in reach from the sidebar, the open client (not the row under the
 * mouse) selected in the list, and one clean accessible name per control.
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gui-test.h"
#include "redress-pane-bin.h"
#include "redress-checklist-row.h"
#include "redress-attach-dialog.h"
#include "redress-ui-util.h"

/* Where the window folds (redress-window.ui) */
#define FOLD_WIDTH 760

/* Areas whose controls are checked by their own tests (names, widths) */
static const char * const others[] = {
  "RedressChecklistView", "RedressGroundsView", "RedressPdfView",
};

static gboolean
is_others (GtkWidget *widget)
{
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_str_equal (G_OBJECT_TYPE_NAME (widget), others[i]))
      return TRUE;
  return FALSE;
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* (gettext reads the catalogues again) */
  setlocale (LC_ALL, "");
}

static void
fixture_set_up_fr (Fixture       *f,
                   gconstpointer  data)
{
  set_language ("fr");
  fixture_set_up (f, data);
}

static void
fixture_tear_down_fr (Fixture       *f,
                      gconstpointer  data)
{
  fixture_tear_down (f, data);
  set_language ("C");
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
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
  file = g_strdup_printf ("%s/%s%s.png", dir, name,
                          g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "",
                                            "fr") ? "-fr" : "");
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* Each shown widget under @row lies inside it and is given at least the
 * width it asks for: nothing cut, nothing overlapping the row's edge */
static void
check_row_children (GtkWidget *row,
                    GtkWidget *widget,
                    GString   *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkAllocation allocation;
      int min;

      if (!gtk_widget_get_mapped (child) || GTK_IS_NATIVE (child))
        continue;
      g_assert_true (gtk_widget_compute_bounds (child, row, &bounds));
      min = min_width (child);
      if (bounds.origin.x < 0 || bounds.origin.y < 0 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (row) + 0.5 ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (row) + 0.5)
        g_string_append_printf (problems, "%s at %g,%g %g×%g, outside its %d×%d row\n",
                                G_OBJECT_TYPE_NAME (child), bounds.origin.x, bounds.origin.y,
                                bounds.size.width, bounds.size.height,
                                gtk_widget_get_width (row), gtk_widget_get_height (row));
      /* (what the parent gave, the widget's margins besides) */
      gtk_widget_get_allocation (child, &allocation);
      allocation.width += gtk_widget_get_margin_start (child) + gtk_widget_get_margin_end (child);
      if (allocation.width < min)
        g_string_append_printf (problems, "%s %s%s%s in %s %d px wide, asks for %d\n",
                                G_OBJECT_TYPE_NAME (child), GTK_IS_LABEL (child) ? "“" : "",
                                GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : "",
                                GTK_IS_LABEL (child) ? "”" : "",
                                G_OBJECT_TYPE_NAME (widget), allocation.width, min);
      check_row_children (row, child, problems);
    }
}

static void
collect_checklist_rows (GtkWidget *widget,
                        GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (REDRESS_IS_CHECKLIST_ROW (child))
      g_ptr_array_add (rows, child);
    else
      collect_checklist_rows (child, rows);
}

/* The row's wording (AdwActionRow's title label) */
static GtkWidget *
find_title_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title"))
        return child;
      found = find_title_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The checklist's rows, each whole at the window's width, their wording
 * on at least @min_share of the row's width; how many */
static guint
check_checklist_rows (Fixture *f,
                      double   min_share)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWidget *view = find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CHECKLIST_VIEW, NULL);

  g_assert_nonnull (view);
  collect_checklist_rows (view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gsize len = problems->len;

      if (!gtk_widget_get_mapped (row))
        continue;
      check_row_children (row, row, problems);
      if (gtk_widget_get_width (find_title_label (row)) < min_share * gtk_widget_get_width (row))
        g_string_append_printf (problems, "wording %d px wide\n",
                                gtk_widget_get_width (find_title_label (row)));
      if (problems->len > len)
        g_string_append_printf (problems, "  (in the row “%s”, %d px)\n",
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                gtk_widget_get_width (row));
    }
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpuint (problems->len, ==, 0);
  return rows->len;
}

static AdwLeaflet *
window_leaflet (Fixture *f)
{
  return ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));
}

/* The window's content at @width × @height (without a compositor, the
 * window's frame takes a few pixels of its default size) */
static void
resize (Fixture *f,
        int      width,
        int      height)
{
  GtkWidget *leaflet = GTK_WIDGET (window_leaflet (f));
  int frame = 0;

  for (guint i = 0; i < 3; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), width + frame, height);
      spin (300);
      if (gtk_widget_get_width (leaflet) == width)
        break;
      frame = MAX (0, frame + width - gtk_widget_get_width (leaflet));
    }
  g_assert_cmpint (gtk_widget_get_width (leaflet), ==, width);
}

static void
on_folded_changed (AdwLeaflet *leaflet,
                   GParamSpec *pspec,
                   guint      *n_changes)
{
  (*n_changes)++;
}

/* The first widget under @root that activates @action */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      found = find_actionable (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* From wherever the window is, the sidebar's Deadlines button is in view
 * and leads to the start page */
static void
assert_start_page_reachable (Fixture *f)
{
  AdwLeaflet *leaflet = window_leaflet (f);
  GtkWidget *button;

  button = find_actionable (GTK_WIDGET (f->window), "win.show-deadlines");
  g_assert_nonnull (button);
  /* Folded, the list is a swipe or a Back away */
  if (adw_leaflet_get_folded (leaflet))
    {
      adw_leaflet_set_visible_child (leaflet, gtk_widget_get_ancestor (button,
                                                                       REDRESS_TYPE_PANE_BIN));
      spin (400);
    }
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  spin (400);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE,
                                                     NULL)));
}

/* Each of the window's pages: @check is called on each */
static void
visit_pages (Fixture  *f,
             gint64    client_id,
             gint64    case_id,
             void    (*check) (Fixture *f, const char *page))
{
  static const char * const tabs[] = { "overview", "grounds", "documents", "checklist" };
  RedressCaseView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-deadlines", NULL));
  spin (200);
  check (f, "welcome");
  redress_window_show_client (f->window, client_id);
  spin (200);
  check (f, "client");
  redress_window_show_case (f->window, case_id);
  spin (200);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      redress_case_view_show_page (view, tabs[i]);
      spin (200);
      check (f, tabs[i]);
    }
}

static void
check_fits_narrow (Fixture    *f,
                   const char *page)
{
  int min = min_width (GTK_WIDGET (window_leaflet (f)));

  /* (the reader's toolbar is its own) */
  if (g_str_equal (page, "documents"))
    {
      g_test_message ("%s asks for %d px", page, min);
      return;
    }
  g_test_message ("%s asks for %d px", page, min);
  g_assert_cmpint (min, <=, 360);
}

static void
check_nothing (Fixture    *f,
               const char *page)
{
}

static void
test_layout_sizes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Villeneuve-Okafor de la Fontaine", 10);
  gint64 client_id = redress_case_get_client_id (kase);
  gint64 case_id = redress_record_get_id (REDRESS_RECORD (kase));
  AdwLeaflet *leaflet = window_leaflet (f);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree TestPdfPage *pages = g_new0 (TestPdfPage, 120);
  const TestPdfPage letter = { 612, 792, "Your application for a visitor visa is refused.", FALSE };
  RedressCaseView *view;
  RedressDocumentsView *documents;
  GtkWidget *find;
  guint n_changes = 0;
  int reader_min;

  /* The default size: two panes, whatever is open or typed */
  resize (f, 1100, 720);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_signal_connect (leaflet, "notify::folded", G_CALLBACK (on_folded_changed), &n_changes);
  for (guint i = 0; i < 120; i++)
    {
      g_ptr_array_add (texts, g_strdup_printf ("Page %u of the officer’s notes: the applicant’s "
                                               "travel history and family ties.", i + 1));
      pages[i] = (TestPdfPage) { 612, 792, g_ptr_array_index (texts, i), FALSE };
    }
  view = attach_pdf (f, kase, "Officer decision notes and GCMS extract for the applicant (2026).pdf",
                     pages, 120, REDRESS_DOCUMENT_OFFICER_NOTES);
  documents = redress_case_view_get_documents (view);
  spin (500);
  {
    g_autofree char *path = g_build_filename (f->dir, "letter.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    test_pdf_write_cairo (path, &letter, 1);
    redress_documents_view_attach (documents, file, REDRESS_DOCUMENT_REFUSAL_LETTER);
    for (guint i = 0; i < 200 && redress_documents_view_get_n_documents (documents) < 2; i++)
      spin (50);
  }
  find = find_widget (GTK_WIDGET (documents), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (find);
  gtk_editable_set_text (GTK_EDITABLE (find), "travel history and family ties");
  spin (500);
  visit_pages (f, client_id, case_id, check_nothing);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  /* (and the reader is beside the list) */
  redress_case_view_show_page (view, "documents");
  spin (200);
  /* (once the reader's toolbar asks for no more than its pane’s 460 px
   * whatever it shows; today it grows with the pages and the matches) */
  reader_min = min_width (redress_documents_view_get_pdf_view (documents));
  g_test_message ("the reader asks for %d px", reader_min);
  if (reader_min <= 460)
    g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (find_widget (GTK_WIDGET (documents),
                                                                      ADW_TYPE_LEAFLET, NULL))));
  assert_start_page_reachable (f);

  /* Two panes down to the fold, one below it */
  resize (f, FOLD_WIDTH, 600);

  g_assert_false (adw_leaflet_get_folded (leaflet));
  resize (f, 800, 600);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  redress_window_show_case (f->window, case_id);
  spin (200);
  assert_start_page_reachable (f);
  resize (f, FOLD_WIDTH - 1, 600);
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* 360 px: every page fits; the start page is a tap away */
  resize (f, 360, 640);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  visit_pages (f, client_id, case_id, check_fits_narrow);
  /* (the checklist drafted, its header and items shown) */
  {
    g_autoptr(GError) error = NULL;

    redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "restoration");
    g_assert_true (redress_store_update_case (f->store, kase, &error));
    g_assert_no_error (error);
    visit_pages (f, client_id, case_id, check_fits_narrow);
  }
  assert_start_page_reachable (f);
  redress_window_show_client (f->window, client_id);
  spin (200);
  assert_start_page_reachable (f);
}

/* A drafted checklist at the default size, at 800 px and at 360 px: each
 * row's controls whole and inside the row */
static void
test_layout_checklist_rows (Fixture       *f,
                            gconstpointer  data)
{
  static const int widths[] = { 1100, 800, 360 };
  g_autoptr(RedressCase) kase = add_case (f, "Villeneuve-Okafor de la Fontaine", 10);
  g_autoptr(GError) error = NULL;
  RedressCaseView *view;

  redress_record_set_value (REDRESS_RECORD (kase), REDRESS_CASE_PATH, "restoration");
  g_assert_true (redress_store_update_case (f->store, kase, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("checklist-%d", widths[i]);

      resize (f, widths[i], widths[i] == 1100 ? 720 : 640);
      redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
      spin (200);
      view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW,
                                             NULL));
      redress_case_view_show_page (view, "checklist");
      spin (400);
      save_shot (GTK_WIDGET (f->window), name);
      /* (narrow, the wording has the row's width, the state under it) */
      g_assert_cmpuint (check_checklist_rows (f, widths[i] <= 360 ? 0.6 : 0.2), >, 0);
    }
}

/* The shown message dialog, NULL if none */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* The label under @root whose text has @text, NULL if none */
static GtkLabel *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return GTK_LABEL (child);
      found = find_label_with (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A file with a 90-character name and no space that cannot be attached:
 * the dialog's heading says so without the name; the body has the name
 * on a line of its own, wrapped between words where it can, else
 * anywhere */
static void
test_layout_long_file_name (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Nakamura-Oyelaran", 10);
  const char *name = "Officer_decision_notes_and_GCMS_extract_for_the_applicant_"
                     "Nakamura-Oyelaran_2026-03-02.pdf";
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RedressCaseView *view;
  AdwMessageDialog *dialog = NULL;
  const char *heading;
  GtkLabel *body;
  g_auto(GStrv) lines = NULL;
  gboolean alone = FALSE;

  g_assert_cmpuint (strlen (name), ==, 90);
  g_assert_null (strchr (name, ' '));
  /* (empty: it holds no document) */
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_no_error (error);
  resize (f, 360, 640);
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (200);
  view = REDRESS_CASE_VIEW (find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL));
  redress_case_view_show_page (view, "documents");
  spin (200);
  redress_documents_view_attach (redress_case_view_get_documents (view), file,
                                 REDRESS_DOCUMENT_OFFICER_NOTES);
  for (guint i = 0; i < 200 && dialog == NULL; i++)
    {
      spin (50);
      dialog = find_message_dialog ();
    }
  g_assert_nonnull (dialog);
  heading = adw_message_dialog_get_heading (dialog);
  g_test_message ("heading: %s; body: %s", heading, adw_message_dialog_get_body (dialog));
  /* (no part of the name: none of its 5-character runs) */
  for (gsize i = 0; i + 5 <= strlen (name); i++)
    {
      g_autofree char *run = g_strndup (name + i, 5);

      g_assert_null (strstr (heading, run));
    }
  lines = g_strsplit (adw_message_dialog_get_body (dialog), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    alone = alone || g_str_equal (lines[i], name);
  g_assert_true (alone);
  body = find_label_with (GTK_WIDGET (dialog), name);
  g_assert_nonnull (body);
  g_assert_true (gtk_label_get_wrap (body));
  g_assert_cmpint (gtk_label_get_wrap_mode (body), ==, PANGO_WRAP_WORD_CHAR);
  g_assert_cmpint (gtk_label_get_ellipsize (body), ==, PANGO_ELLIPSIZE_NONE);
  /* (broken where it must, without a hyphen the name does not have) */
  {
    g_autoptr(PangoAttrIterator) iter = pango_attr_list_get_iterator (gtk_label_get_attributes (body));
    PangoAttrInt *hyphens = (PangoAttrInt *) pango_attr_iterator_get (iter,
                                                                      PANGO_ATTR_INSERT_HYPHENS);

    g_assert_nonnull (hyphens);
    g_assert_false (hyphens->value);
  }
  /* (and the dialog no wider than the window) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  save_shot (GTK_WIDGET (dialog), "long-file-name");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The first shown popover under @root, NULL if none */
static GtkWidget *
find_open_popover (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
        return child;
      found = find_open_popover (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The labels under @root cut with “…”, appended to @problems */
static void
check_whole_labels (GtkWidget  *root,
                    const char *where,
                    GString    *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        g_string_append_printf (problems, "%s: “%s” cut\n", where,
                                gtk_label_get_text (GTK_LABEL (child)));
      check_whole_labels (child, where, problems);
    }
}

/* Opens @widget's list (a combo row's or a drop-down's), looks at each
 * label in it, saves it as @name and closes it */
static void
check_open_list (GtkWidget  *widget,
                 const char *name,
                 GString    *problems)
{
  GtkWidget *popover;

  g_signal_emit_by_name (widget, "activate");
  spin (300);
  popover = find_open_popover (widget);
  g_assert_nonnull (popover);
  check_whole_labels (popover, name, problems);
  save_shot (popover, name);
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (200);
}

static void
collect_combo_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_COMBO_ROW (child) && gtk_widget_get_mapped (child))
      g_ptr_array_add (rows, child);
    else
      collect_combo_rows (child, rows);
}

/* The case form's drop-downs (Application, Stage, Path) and the attach
 * dialog's, opened: each choice whole, none cut with “…” */
static void
test_layout_whole_choices (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Mbeki-Laurent", 10);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "Refusal letter.pdf", NULL);
  g_autoptr(GSList) files = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *view, *dialog, *dropdown;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (300);
  view = find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL);
  redress_case_view_show_page (REDRESS_CASE_VIEW (view), "overview");
  spin (200);
  collect_combo_rows (view, rows);
  g_assert_cmpuint (rows->len, >=, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("case-choice-%u", i + 1);

      redress_widget_scroll_into_view (g_ptr_array_index (rows, i));
      spin (200);
      g_test_message ("%s: %s", name,
                      adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
      check_open_list (g_ptr_array_index (rows, i), name, problems);
    }

  files = g_slist_append (NULL, file);
  dialog = redress_attach_dialog_new (GTK_WINDOW (f->window), files);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (300);
  dropdown = find_widget (dialog, GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (dropdown);
  check_open_list (dropdown, "attach-kind", problems);
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The shortcut of @widget's controllers that @keyval with @modifiers
 * triggers, and its controller's scope */
static GtkShortcut *
find_shortcut (GtkWidget          *widget,
               guint               keyval,
               GdkModifierType     modifiers,
               GtkShortcutScope   *scope)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          gboolean found = gtk_shortcut_trigger_equal (trigger, wanted);

          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
            {
              GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

              found = gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_first (alternative),
                                                  wanted) ||
                      gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_second (alternative),
                                                  wanted);
            }
          if (found)
            {
              *scope = gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller));
              return shortcut;
            }
        }
    }
  return NULL;
}

/* Alt+1…Alt+4 show the case's tabs in the switcher's order, from
 * anywhere in the window (the window handles them); the shortcuts
 * window lists them */
static void
test_layout_tab_keys (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const tabs[] = { "overview", "grounds", "documents", "checklist" };
  g_autoptr(RedressCase) kase = add_case (f, "Haddad", 10);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/ca/redress/Redress/gtk/"
                                                                 "help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  gboolean listed = FALSE;
  GtkWidget *view, *stack;

  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (kase)));
  spin (300);
  view = find_widget (GTK_WIDGET (f->window), REDRESS_TYPE_CASE_VIEW, NULL);
  stack = find_widget (view, ADW_TYPE_VIEW_STACK, NULL);
  /* (from the last to the first, so that each key changes the tab) */
  for (int i = G_N_ELEMENTS (tabs) - 1; i >= 0; i--)
    {
      GtkShortcutScope scope = GTK_SHORTCUT_SCOPE_LOCAL;
      GtkShortcut *shortcut = find_shortcut (view, GDK_KEY_1 + i, GDK_ALT_MASK, &scope);

      g_assert_nonnull (shortcut);
      g_assert_cmpint (scope, !=, GTK_SHORTCUT_SCOPE_LOCAL);
      g_assert_nonnull (find_shortcut (view, GDK_KEY_KP_1 + i, GDK_ALT_MASK, &scope));
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, view,
                                                   gtk_shortcut_get_arguments (shortcut)));
      spin (100);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==,
                       tabs[i]);
    }

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      listed = listed || g_strcmp0 (accelerator, "<Alt>1...4") == 0;
    }
  g_assert_true (listed);
}

/* Hovering a row (the list's single-click mode selects what is under the
 * mouse) or moving the keyboard leaves the open file selected */
static void
test_layout_open_client_selected (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RedressCase) first = add_case (f, "Abadi", 10);
  g_autoptr(RedressCase) second = add_case (f, "Brennan", 20);
  RedressClientList *clients = redress_window_get_clients (f->window);
  GtkWidget *search = find_widget (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY,
                                   "Name, file number or UCI");
  GtkWidget *sidebar = gtk_widget_get_ancestor (search, REDRESS_TYPE_PANE_BIN);
  GtkWidget *list = find_widget (sidebar, GTK_TYPE_LIST_VIEW, NULL);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  int a, b;

  spin (200);
  a = redress_client_list_find (clients, redress_case_get_client_id (first));
  b = redress_client_list_find (clients, redress_case_get_client_id (second));
  g_assert_cmpint (a, >=, 0);
  g_assert_cmpint (b, >=, 0);
  g_assert_false (gtk_selection_model_is_selected (selection, (guint) a));

  redress_window_show_client (f->window, redress_case_get_client_id (first));
  spin (100);
  g_assert_true (gtk_selection_model_is_selected (selection, (guint) a));

  /* What hovering and the arrow keys do to the list */
  gtk_widget_activate_action (list, "list.select-item", "(ubb)", (guint) b, FALSE, FALSE);
  spin (100);
  g_assert_true (gtk_selection_model_is_selected (selection, (guint) a));
  g_assert_false (gtk_selection_model_is_selected (selection, (guint) b));

  /* A click (or Enter) opens the other file, which is then the selected one */
  gtk_widget_activate_action (list, "list.activate-item", "u", (guint) b);
  spin (100);
  g_assert_cmpstr (redress_window_get_page (f->window), ==, "client");
  g_assert_false (gtk_selection_model_is_selected (selection, (guint) a));
  g_assert_true (gtk_selection_model_is_selected (selection, (guint) b));

  /* Its case too; the start page, none */
  redress_window_show_case (f->window, redress_record_get_id (REDRESS_RECORD (second)));
  spin (100);
  g_assert_true (gtk_selection_model_is_selected (selection, (guint) b));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-deadlines", NULL));
  spin (100);
  g_assert_false (gtk_selection_model_is_selected (selection, (guint) b));
}

/* An accessible property as a string, NULL when not set */
static char *
dup_accessible_property (GtkWidget             *widget,
                         GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;
  /* (a value no control has: what differs comes back as a string) */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x01");
}

/* A mnemonic underscore: "_" before a letter */
static gboolean
has_mnemonic (const char *text)
{
  for (const char *p = strchr (text, '_'); p != NULL; p = strchr (p + 1, '_'))
    if (g_unichar_isalpha (g_utf8_get_char (p + 1)))
      return TRUE;
  return FALSE;
}

/* "Name Name" */
static gboolean
is_repeated (const char *text)
{
  gsize len = strlen (text);

  return len > 2 && len % 2 == 1 && text[len / 2] == ' ' &&
         strncmp (text, text + len / 2 + 1, len / 2) == 0;
}

/*
 * What GTK 4.8 gives a screen reader as a control's name: its label
 * property, then the labels it is labelled by (a mnemonic label inside a
 * button is one).  So a control has one clean name when its label has no
 * mnemonic underscore, is not said twice (a label property and a label)
 * and is not repeated as its description; a button has a name.
 */
static void
check_names (GtkWidget *widget,
             GString   *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GList) mnemonic_labels = NULL;
      gboolean labelled;

      if (is_others (child))
        continue;
      name = dup_accessible_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL);
      description = dup_accessible_property (child, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      mnemonic_labels = gtk_widget_list_mnemonic_labels (child);
      labelled = mnemonic_labels != NULL;  /* (each gives a labelled-by) */
      /* (a view switcher's buttons are named by libadwaita, as the AT-SPI
       * recipe hears; a menu button's inner button by the menu button) */
      if ((GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child)) && gtk_widget_get_visible (child) &&
          gtk_widget_get_ancestor (child, ADW_TYPE_VIEW_SWITCHER) == NULL &&
          !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (child)) &&
          (name == NULL || *name == '\0') && !labelled)
        g_string_append_printf (problems, "%s in %s: no name\n", G_OBJECT_TYPE_NAME (child),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)));
      if (!GTK_IS_LABEL (child) && name != NULL)
        {
          if (has_mnemonic (name) || is_repeated (name))
            g_string_append_printf (problems, "%s: “%s”\n", G_OBJECT_TYPE_NAME (child), name);
          if (*name != '\0' && labelled)
            g_string_append_printf (problems, "%s: “%s” and the label it is labelled by\n",
                                    G_OBJECT_TYPE_NAME (child), name);
          if (description != NULL && *name != '\0' && g_str_equal (name, description))
            g_string_append_printf (problems, "%s: “%s” twice (name, description)\n",
                                    G_OBJECT_TYPE_NAME (child), name);
        }
      check_names (child, problems);
    }
}

static void
check_window_names (Fixture    *f,
                    const char *page)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  check_names (GTK_WIDGET (f->window), problems);
  if (problems->len > 0)
    g_test_message ("On the %s page:\n%s", page, problems->str);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_layout_accessible_names (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RedressCase) kase = add_case (f, "Castillo", 10);
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GString) problems = g_string_new (NULL);

  visit_pages (f, redress_case_get_client_id (kase), redress_record_get_id (REDRESS_RECORD (kase)),
               check_window_names);

  /* The dialogs of the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-client", NULL));
  spin (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (REDRESS_IS_RECORD_DIALOG (window))
        {
          check_names (window, problems);
          gtk_window_destroy (GTK_WINDOW (window));
          break;
        }
    }
  if (problems->len > 0)
    g_test_message ("In the New Client File dialog:\n%s", problems->str);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("REDRESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The test backend keeps each control's accessible properties readable */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gui_test_init (&argc, &argv))
    return g_test_run ();

  GUI_TEST_ADD ("layout/sizes", test_layout_sizes);
  g_test_add ("/window/layout/sizes-fr", Fixture, NULL, fixture_set_up_fr, test_layout_sizes,
              fixture_tear_down_fr);
  GUI_TEST_ADD ("layout/checklist-rows", test_layout_checklist_rows);
  g_test_add ("/window/layout/checklist-rows-fr", Fixture, NULL, fixture_set_up_fr,
              test_layout_checklist_rows, fixture_tear_down_fr);
  GUI_TEST_ADD ("layout/long-file-name", test_layout_long_file_name);
  g_test_add ("/window/layout/long-file-name-fr", Fixture, NULL, fixture_set_up_fr,
              test_layout_long_file_name, fixture_tear_down_fr);
  GUI_TEST_ADD ("layout/whole-choices", test_layout_whole_choices);
  g_test_add ("/window/layout/whole-choices-fr", Fixture, NULL, fixture_set_up_fr,
              test_layout_whole_choices, fixture_tear_down_fr);
  GUI_TEST_ADD ("layout/tab-keys", test_layout_tab_keys);
  GUI_TEST_ADD ("layout/open-client-selected", test_layout_open_client_selected);
  GUI_TEST_ADD ("layout/accessible-names", test_layout_accessible_names);
  g_test_add ("/window/layout/accessible-names-fr", Fixture, NULL, fixture_set_up_fr,
              test_layout_accessible_names, fixture_tear_down_fr);

  return gui_test_run ();
}

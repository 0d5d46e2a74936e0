/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "redress-cli-private.h"

/*
 * The documents of a case: "import" (a PDF read in a separate process,
 * interrupted by Ctrl+C), "documents", "search" of their text, and
 * "document export", "document ocr" and "document remove".
 */

#define DEFAULT_SEARCH_LIMIT 20
#define MAX_SEARCH_LIMIT 1000

typedef struct
{
  CliCaseOption case_option;
  char *kind;                         /* import: --kind KIND */
  RedressDocumentKind document_kind;
  char *password;                     /* --password PASSWORD, "-": standard input */
  gboolean no_ocr;                    /* import: --no-ocr */
  char *language;                     /* document ocr: --language eng|fra|eng+fra */
  char *limit;                        /* search: --limit N */
  guint limit_value;
  gboolean json;
} DocumentOptions;

static void
document_options_free (gpointer data)
{
  DocumentOptions *options = data;

  g_free (options->case_option.text);
  g_free (options->kind);
  cli_password_option_clear (&options->password);
  g_free (options->language);
  g_free (options->limit);
  g_free (options);
}

/* "refusal-letter, officer-notes, ..." */
static char *
document_kinds_list (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < REDRESS_DOCUMENT_N_KINDS; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, redress_document_kind_to_string ((RedressDocumentKind) i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gpointer
import_options_new (const CliCommand *command,
                    CliOptionSet     *set)
{
  DocumentOptions *options = g_new0 (DocumentOptions, 1);

  cli_case_option_add (&options->case_option, set);
  cli_option_set_add (set, "kind", G_OPTION_ARG_STRING, &options->kind,
                      _("What the document is (required; kinds below)"), _("KIND"));
  g_string_append_printf (set->description, "%s\n", _("Kinds of --kind:"));
  for (guint k = 0; k < REDRESS_DOCUMENT_N_KINDS; k++)
    {
      g_string_append (set->description, "  ");
      cli_append_padded (set->description,
                         redress_document_kind_to_string ((RedressDocumentKind) k), 16);
      g_string_append (set->description,
                       redress_document_kind_get_label ((RedressDocumentKind) k));
      g_string_append_c (set->description, '\n');
    }
  g_string_append_c (set->description, '\n');
  cli_password_option_add (&options->password, set);
  cli_option_set_add (set, "no-ocr", G_OPTION_ARG_NONE, &options->no_ocr,
                      _("Leave scanned pages without text (they are read by OCR, in English "
                        "and French, by default)"), NULL);
  return options;
}

static gboolean
import_options_check (const CliCommand  *command,
                      gpointer           data,
                      GError           **error)
{
  DocumentOptions *options = data;
  g_autofree char *kinds = NULL;

  if (!cli_case_option_check (&options->case_option, error))
    return FALSE;
  kinds = document_kinds_list ();
  if (options->kind == NULL)
    {
      cli_usage_error (error, _("--kind is required: say what the document is (%s)."), kinds);
      return FALSE;
    }
  if (!redress_document_kind_from_string (options->kind, &options->document_kind))
    {
      g_autofree char *shown = cli_echo_value (options->kind);

      cli_usage_error (error, _("--kind: “%s” is not a kind of document; the kinds are %s."),
                       shown, kinds);
      return FALSE;
    }
  return TRUE;
}

static gpointer
documents_options_new (const CliCommand *command,
                       CliOptionSet     *set)
{
  DocumentOptions *options = g_new0 (DocumentOptions, 1);

  cli_case_option_add (&options->case_option, set);
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
documents_options_check (const CliCommand  *command,
                         gpointer           data,
                         GError           **error)
{
  DocumentOptions *options = data;

  return cli_case_option_check (&options->case_option, error);
}

static gpointer
search_options_new (const CliCommand *command,
                    CliOptionSet     *set)
{
  DocumentOptions *options = g_new0 (DocumentOptions, 1);
  /* Translators: help of --limit N */
  char *text = g_strdup_printf (_("Show at most N pages (default %d)"), DEFAULT_SEARCH_LIMIT);

  cli_option_set_add (set, "limit", G_OPTION_ARG_STRING, &options->limit,
                      cli_option_set_keep (set, text), _("N"));
  cli_json_option_add (&options->json, set);
  return options;
}

static gboolean
search_options_check (const CliCommand  *command,
                      gpointer           data,
                      GError           **error)
{
  DocumentOptions *options = data;
  guint64 limit = DEFAULT_SEARCH_LIMIT;

  if (options->limit != NULL &&
      !g_ascii_string_to_unsigned (options->limit, 10, 1, MAX_SEARCH_LIMIT, &limit, NULL))
    {
      g_autofree char *shown = cli_echo_value (options->limit);

      cli_usage_error (error, _("--limit: “%s” is not a number from 1 to %d."),
                       shown, MAX_SEARCH_LIMIT);
      return FALSE;
    }
  options->limit_value = (guint) limit;
  return TRUE;
}

static gpointer
ocr_options_new (const CliCommand *command,
                 CliOptionSet     *set)
{
  DocumentOptions *options = g_new0 (DocumentOptions, 1);

  cli_password_option_add (&options->password, set);
  cli_option_set_add (set, "language", G_OPTION_ARG_STRING, &options->language,
                      _("The language of the scanned pages: eng (English), fra (French) or "
                        "eng+fra (both, the default)"), _("LANG"));
  return options;
}

/* An import as the command line runs it: in the default main context, so
 * that Ctrl+C (a Unix signal source there) can cancel it */
typedef struct
{
  GCancellable *cancellable;
  guint sigint_id;
  guint sigterm_id;
  gboolean show_progress;
  guint progress_width;     /* characters of the progress line on screen */
  gboolean done;
  gint64 document_id;
  GError *error;
} ImportRun;

static void
import_run_clear_signals (ImportRun *run)
{
  g_clear_handle_id (&run->sigint_id, g_source_remove);
  g_clear_handle_id (&run->sigterm_id, g_source_remove);
}

static gboolean
on_import_interrupted (gpointer user_data)
{
  ImportRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  /* Back to the default action: a second Ctrl+C ends the program at once
   * (the database is left as it was: the import writes in one
   * transaction) */
  import_run_clear_signals (run);
  return G_SOURCE_REMOVE;
}

static void
import_run_clear_progress (ImportRun *run)
{
  if (run->progress_width > 0)
    {
      g_autofree char *blank = g_strdup_printf ("\r%*s\r", (int) run->progress_width, "");

      cli_write_text (stderr, blank, FALSE);
    }
  run->progress_width = 0;
}

/* One line of progress on a terminal, over the one before */
static void
show_import_progress (ImportRun  *run,
                      const char *line)
{
  g_autofree char *shown = NULL;
  guint width = (guint) g_utf8_strlen (line, -1);

  shown = g_strdup_printf ("\r%s%*s", line,
                           (int) (run->progress_width > width ? run->progress_width - width : 0), "");
  /* Not through g_printerr(), which would not let "\r" go back */
  cli_write_text (stderr, shown, FALSE);
  run->progress_width = MAX (run->progress_width, width);
}

static void
on_import_progress (guint    pages_done,
                    guint    n_pages,
                    gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0 || g_cancellable_is_cancelled (run->cancellable))
    return;

  /* Translators: progress of an import on a terminal */
  line = g_strdup_printf (_("Reading page %u of %u…"), pages_done, n_pages);
  show_import_progress (run, line);
}

/* "Reading scanned page 2 of 3" while OCR reads it */
static void
on_import_ocr_progress (guint    page_no,
                        guint    n_pages,
                        gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0 || g_cancellable_is_cancelled (run->cancellable))
    return;
  line = redress_pdf_describe_ocr_progress (page_no, n_pages);
  show_import_progress (run, line);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportRun *run = user_data;

  redress_store_import_document_finish (REDRESS_STORE (source), result, &run->document_id,
                                        &run->error);
  run->done = TRUE;
}

static gboolean
run_import (CliRun    *run,
            gpointer   data,
            GError   **error)
{
  DocumentOptions *options = data;
  const char *path = run->args[0];
  g_autoptr(CliPassword) password = NULL;
  g_autoptr(RedressCase) kase = NULL;
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *text_status = NULL;
  ImportRun import = { 0 };

  kase = redress_store_get_case (run->store, options->case_option.id, error);
  if (kase == NULL)
    return FALSE;

  if (!cli_password_get (options->password, TRUE, &password, error))
    return FALSE;

  import.cancellable = cancellable;
  import.show_progress = isatty (STDERR_FILENO);
  import.sigint_id = g_unix_signal_add (SIGINT, on_import_interrupted, &import);
  import.sigterm_id = g_unix_signal_add (SIGTERM, on_import_interrupted, &import);

  redress_store_import_document_full_async (run->store, options->case_option.id, options->document_kind, path,
                                            password,
                                            options->no_ocr ? NULL : redress_pdf_get_default_ocr_language (),
                                            on_import_progress, on_import_ocr_progress, &import,
                                            NULL, cancellable, on_imported, &import);
  g_clear_pointer (&password, cli_password_free);

  while (!import.done)
    g_main_context_iteration (NULL, TRUE);
  /* Ctrl+C on a terminal reaches the PDF reader too, which may be seen
   * dying before the signal is seen here: let it be seen */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  import_run_clear_signals (&import);
  import_run_clear_progress (&import);

  if (import.error != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&import.error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The import was cancelled: nothing was stored."));
          return FALSE;
        }
      cli_explain_pdf_error (&import.error, path, options->password != NULL, FALSE);
      g_propagate_error (error, import.error);
      return FALSE;
    }

  document = redress_store_get_document (run->store, import.document_id, error);
  if (document == NULL)
    return FALSE;

  title = cli_case_title (kase);
  name = g_filename_display_basename (path);
  pages = g_strdup_printf (g_dngettext (NULL, "%u page", "%u pages",
                                        redress_document_get_n_pages (document)),
                           redress_document_get_n_pages (document));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, import.document_id);
  /* Translators: "Imported “notes.pdf” as document 4 of Case 3 (Study
   * permit refused 2 March 2026): Officer’s notes, 12 pages." */
  g_print (_("Imported “%s” as document %s of %s: %s, %s.\n"), name, id_text, title,
           redress_document_kind_get_label (options->document_kind), pages);
  text_status = redress_document_dup_text_status (document);
  if (text_status != NULL)
    g_print ("%s\n", text_status);
  g_print ("%" G_GINT64_FORMAT "\n", import.document_id);
  return TRUE;
}

/* "Yes", "No (scanned)", "2 of 3 pages" */
static char *
document_text_summary (RedressDocument *document)
{
  guint n_pages = redress_document_get_n_pages (document);
  guint without = redress_document_get_pages_without_text (document);

  if (without == 0)
    return g_strdup (_("Yes"));
  if (without >= n_pages)
    /* Translators: a document whose pages are all scanned images */
    return g_strdup (_("No (scanned)"));
  /* Translators: the pages of a document whose text could be read */
  return g_strdup_printf (_("%u of %u pages"), n_pages - without, n_pages);
}

static gboolean
run_documents (CliRun    *run,
               gpointer   data,
               GError   **error)
{
  DocumentOptions *options = data;
  g_autoptr(RedressCase) kase = redress_store_get_case (run->store, options->case_option.id, error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (kase == NULL)
    return FALSE;
  documents = redress_store_list_documents (run->store, options->case_option.id, error);
  if (documents == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_int_value (builder, options->case_option.id);
      json_builder_set_member_name (builder, "documents");
      json_builder_begin_array (builder);
      for (guint i = 0; i < documents->len; i++)
        {
          RedressDocument *document = g_ptr_array_index (documents, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, redress_document_get_id (document));
          cli_json_add_string_or_null (builder, "kind",
                                   redress_document_kind_to_string (redress_document_get_kind (document)));
          cli_json_add_string_or_null (builder, "file_name", redress_document_get_file_name (document));
          json_builder_set_member_name (builder, "pages");
          json_builder_add_int_value (builder, redress_document_get_n_pages (document));
          json_builder_set_member_name (builder, "has_text");
          json_builder_add_boolean_value (builder, redress_document_get_has_text (document));
          json_builder_set_member_name (builder, "pages_without_text");
          json_builder_add_int_value (builder, redress_document_get_pages_without_text (document));
          json_builder_set_member_name (builder, "ocr_pages");
          json_builder_add_int_value (builder, redress_document_get_ocr_pages (document));
          cli_json_add_string_or_null (builder, "sha256", redress_document_get_sha256 (document));
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, (gint64) redress_document_get_size (document));
          cli_json_add_string_or_null (builder, "created_at",
                                   redress_document_get_created_at (document));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  title = cli_case_title (kase);
  if (documents->len == 0)
    {
      /* Translators: "Case 3 (Study permit refused 2 March 2026) has no documents." */
      g_print (_("%s has no documents.\n"), title);
      return TRUE;
    }

  g_print ("%s\n", title);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < documents->len; i++)
    {
      RedressDocument *document = g_ptr_array_index (documents, i);
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, redress_document_get_id (document));
      row[1] = g_strdup (redress_document_kind_get_label (redress_document_get_kind (document)));
      row[2] = g_strdup_printf ("%u", redress_document_get_n_pages (document));
      row[3] = g_format_size (redress_document_get_size (document));
      row[4] = document_text_summary (document);
      row[5] = g_strdup (redress_document_get_file_name (document));
      g_ptr_array_add (rows, row);
    }

  {
    /* Translators: "Text" is whether the text of the pages could be read */
    const char *headers[] = { _("Id"), _("Kind"), _("Pages"), _("Size"), _("Text"), _("File") };
    cli_print_table (headers, G_N_ELEMENTS (headers), rows);
  }
  return TRUE;
}

/*
 * A search hit's snippet on one line: the match markers become @open and
 * @close, control characters and runs of white space (the page's line
 * ends) one space.  @matches (nullable) receives each match's start and
 * end (exclusive), in characters of the result, as pairs of guint.
 */
static char *
snippet_one_line (const char *snippet,
                  const char *open,
                  const char *close,
                  GArray     *matches)
{
  g_autofree char *valid = g_utf8_make_valid (snippet, -1);
  GString *out = g_string_new (NULL);
  guint n_chars = 0;
  guint start = 0;
  gboolean in_match = FALSE;
  gboolean space = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == (gunichar) REDRESS_SNIPPET_END[0])
        {
          if (in_match)
            {
              guint end = n_chars;

              if (matches != NULL)
                {
                  g_array_append_val (matches, start);
                  g_array_append_val (matches, end);
                }
              g_string_append (out, close);
              n_chars += (guint) g_utf8_strlen (close, -1);
              in_match = FALSE;
            }
          continue;
        }
      if (c != (gunichar) REDRESS_SNIPPET_START[0] &&
          (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
           g_unichar_type (c) == G_UNICODE_FORMAT))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      if (c == (gunichar) REDRESS_SNIPPET_START[0])
        {
          if (!in_match)
            {
              g_string_append (out, open);
              n_chars += (guint) g_utf8_strlen (open, -1);
              start = n_chars;
              in_match = TRUE;
            }
          continue;
        }
      g_string_append_unichar (out, c);
      n_chars++;
    }
  if (in_match)
    {
      if (matches != NULL)
        {
          g_array_append_val (matches, start);
          g_array_append_val (matches, n_chars);
        }
      g_string_append (out, close);
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_search (CliRun    *run,
            gpointer   data,
            GError   **error)
{
  DocumentOptions *options = data;
  const char *query = run->args[0];
  g_autofree char *fts = redress_search_query_to_fts (query);
  g_autoptr(GPtrArray) hits = NULL;

  if (fts == NULL)
    {
      g_autofree char *shown = cli_echo_value (query);

      cli_usage_error (error, _("“%s” holds no word to search for."), shown);
      return FALSE;
    }
  hits = redress_store_search_pages (run->store, query, options->limit_value, error);
  if (hits == NULL)
    return FALSE;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      cli_json_add_string_or_null (builder, "query", query);
      json_builder_set_member_name (builder, "hits");
      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          RedressSearchHit *hit = g_ptr_array_index (hits, i);
          g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autofree char *snippet = snippet_one_line (redress_search_hit_get_snippet (hit),
                                                       "", "", matches);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "case");
          json_builder_add_int_value (builder, redress_search_hit_get_case_id (hit));
          cli_json_add_string_or_null (builder, "case_title", redress_search_hit_get_case_title (hit));
          json_builder_set_member_name (builder, "client");
          json_builder_add_int_value (builder, redress_search_hit_get_client_id (hit));
          cli_json_add_string_or_null (builder, "client_name",
                                   redress_search_hit_get_client_name (hit));
          json_builder_set_member_name (builder, "document");
          json_builder_add_int_value (builder, redress_search_hit_get_document_id (hit));
          cli_json_add_string_or_null (builder, "file_name", redress_search_hit_get_file_name (hit));
          cli_json_add_string_or_null (builder, "kind",
                                   redress_document_kind_to_string (redress_search_hit_get_kind (hit)));
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, redress_search_hit_get_page (hit));
          cli_json_add_string_or_null (builder, "snippet", snippet);
          /* Where the words found are in "snippet", in characters */
          json_builder_set_member_name (builder, "match");
          json_builder_begin_array (builder);
          for (guint m = 0; m + 1 < matches->len; m += 2)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "start");
              json_builder_add_int_value (builder, g_array_index (matches, guint, m));
              json_builder_set_member_name (builder, "end");
              json_builder_add_int_value (builder, g_array_index (matches, guint, m + 1));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cli_print_json (builder);
      return TRUE;
    }

  if (hits->len == 0)
    {
      g_autofree char *shown = cli_echo_value (query);

      g_print (_("No page matches “%s”.\n"), shown);
      return TRUE;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      RedressSearchHit *hit = g_ptr_array_index (hits, i);
      /* Translators: the marks around the words found in a search result */
      g_autofree char *snippet = snippet_one_line (redress_search_hit_get_snippet (hit),
                                                   _("«"), _("»"), NULL);
      g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  redress_search_hit_get_case_id (hit));
      g_autofree char *document_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      redress_search_hit_get_document_id (hit));
      g_autoptr(GString) out = g_string_new (NULL);

      if (i > 0)
        g_print ("\n");
      /* Translators: a search result: client name, case id and title, file
       * name, document id, page: "Okafor, Chidinma — case 3 (Study permit
       * refused 2 March 2026) — notes.pdf (document 5), page 2" */
      g_print (_("%s — case %s (%s) — %s (document %s), page %u\n"),
               redress_search_hit_get_client_name (hit), case_id,
               redress_search_hit_get_case_title (hit), redress_search_hit_get_file_name (hit),
               document_id, redress_search_hit_get_page (hit));
      cli_append_wrapped_width (out, snippet, 76);
      {
        g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);

        for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
          g_print ("  %s\n", lines[l]);
      }
    }
  return TRUE;
}

static gboolean
document_export (CliRun    *run,
                 gpointer   options,
                 GError   **error)
{
  const char *destination = run->args[1];
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *name = NULL;
  gint64 id = 0;

  if (!cli_parse_id_listed (run->args[0], cli_id_listed_by ("document"), &id, error))
    return FALSE;
  document = redress_store_get_document (run->store, id, error);
  if (document == NULL)
    return FALSE;

  /* "-": the bytes on standard output, for a pipe */
  if (g_str_equal (destination, "-"))
    {
      g_autoptr(GBytes) bytes = redress_store_dup_document_bytes (run->store, id, error);
      gsize size = 0;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                       _("The document cannot be written to standard output: %s."),
                       g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (!redress_store_export_document (run->store, id, destination, error))
    return FALSE;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  name = g_filename_display_name (destination);
  /* Translators: "Saved document 5 (notes.pdf) as “copy.pdf”." */
  g_print (_("Saved document %s (%s) as “%s”.\n"), id_text,
           redress_document_get_file_name (document), name);
  return TRUE;
}

/* "Reading scanned page 2 of 3" on a terminal */
static void
on_read_again_progress (guint    page_no,
                        guint    n_pages,
                        gpointer user_data)
{
  ImportRun *run = user_data;
  g_autofree char *line = NULL;

  if (!run->show_progress || n_pages == 0)
    return;
  line = redress_pdf_describe_ocr_progress (page_no, n_pages);
  show_import_progress (run, line);
}

static gboolean
document_ocr (CliRun    *run,
              gpointer   data,
              GError   **error)
{
  DocumentOptions *options = data;
  const char *language = options->language ? options->language : redress_pdf_get_default_ocr_language ();
  g_autoptr(RedressDocument) document = NULL;
  g_autoptr(CliPassword) password = NULL;
  g_autofree char *id_text = NULL;
  ImportRun import = { 0 };
  guint n_read = 0;
  gint64 id = 0;
  gboolean ok;

  if (!cli_parse_id_listed (run->args[0], cli_id_listed_by ("document"), &id, error))
    return FALSE;
  if (!redress_pdf_ocr_language_valid (language))
    {
      g_autofree char *shown = cli_echo_value (language);

      cli_usage_error (error, _("--language: scanned pages are read in eng (English), fra (French) "
                            "or eng+fra (both), not “%s”."), shown);
      return FALSE;
    }
  document = redress_store_get_document (run->store, id, error);
  if (document == NULL)
    return FALSE;
  if (!cli_password_get (options->password, TRUE, &password, error))
    return FALSE;

  import.show_progress = isatty (STDERR_FILENO);
  ok = redress_store_read_document_again (run->store, id, password, language,
                                          on_read_again_progress, &import, NULL, &n_read, error);
  import_run_clear_progress (&import);
  if (!ok)
    {
      if (error != NULL && *error != NULL)
        cli_explain_pdf_error (error, redress_document_get_file_name (document),
                              options->password != NULL, TRUE);
      return FALSE;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (n_read == 0)
    /* Translators: "Document 5 (notes.pdf) has no scanned page: its text was not read
     * again." */
    g_print (_("Document %s (%s) has no scanned page: nothing was read again.\n"), id_text,
             redress_document_get_file_name (document));
  else
    /* Translators: "Read 3 scanned pages of document 5 (notes.pdf) again, in eng+fra." */
    g_print (g_dngettext (NULL, "Read %u scanned page of document %s (%s) again, in %s.\n",
                          "Read %u scanned pages of document %s (%s) again, in %s.\n", n_read),
             n_read, id_text, redress_document_get_file_name (document), language);
  return TRUE;
}

static gboolean
document_remove (CliRun    *run,
                 gpointer   options,
                 GError   **error)
{
  g_autoptr(RedressDocument) document = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = 0;

  if (!cli_parse_id_listed (run->args[0], cli_id_listed_by ("document"), &id, error))
    return FALSE;
  document = redress_store_get_document (run->store, id, error);
  if (document == NULL)
    return FALSE;

  /* Trash then purge, in one transaction: the CLI has no Undo */
  if (!redress_store_begin (run->store, error))
    return FALSE;
  if (!redress_store_trash_document (run->store, id, error) ||
      !redress_store_purge_document (run->store, id, error))
    {
      redress_store_rollback (run->store);
      return FALSE;
    }
  if (!redress_store_commit (run->store, error))
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: "Document 5 (notes.pdf) was removed permanently." */
  g_print (_("Document %s (%s) was removed permanently.\n"), id_text,
           redress_document_get_file_name (document));
  return TRUE;
}

/* The commands ------------------------------------------------------------------ */

const CliCommand cli_import = {
  NULL, "import", N_("FILE"), 1,
  N_("Attach a PDF to a case (prints its id last)"),
  N_("Reads the PDF in a separate process, under a time and a memory limit, then stores "
     "the original file and the text of each page (for search) in the database, in one "
     "step. A file that is not a PDF, is damaged, needs a password, is too large or cannot "
     "be read in time is refused with the reason, and nothing is stored; so is an import "
     "interrupted with Ctrl+C (exit status 130). Prints the id of the new document alone on "
     "the last line; on a terminal, shows the pages read so far on standard error. With "
     "--password -, the password is read from standard input (asked for without echo on a "
     "terminal), so that it does not show in the list of processes."),
  FALSE, CLI_STORE_EXISTING,
  import_options_new, document_options_free, import_options_check, run_import, NULL,
};

const CliCommand cli_documents = {
  NULL, "documents", NULL, 0,
  N_("List the documents of a case"),
  N_("For the case given by --case: each document’s id, kind, pages, size, whether its text "
     "could be read (scanned pages have no text, and search does not see them) and file "
     "name."),
  FALSE, CLI_STORE_EXISTING,
  documents_options_new, document_options_free, documents_options_check, run_documents, NULL,
};

const CliCommand cli_search = {
  NULL, "search", N_("QUERY"), 1,
  N_("Search the text of every case’s documents"),
  N_("Finds the pages that hold every word of QUERY, in any case and with or without "
     "accents; \"words in double quotes\" must follow each other, and a word ending in * "
     "matches the words it begins. Quote QUERY for the shell: "
     "redress-cli search '\"motif de refus\" étud*'. Best matches first, with the client, "
     "case, document, page and the words around the match (between « and »)."),
  FALSE, CLI_STORE_EXISTING,
  search_options_new, document_options_free, search_options_check, run_search, NULL,
};

const CliCommand cli_document_export = {
  "document", "export", N_("ID FILE"), 2,
  N_("Save a document’s original file, byte for byte"),
  N_("FILE is replaced if it exists; “-” writes the file to standard output. ID is listed by "
     "“documents --case ID”."),
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, document_export, NULL,
};

const CliCommand cli_document_ocr = {
  "document", "ocr", N_("ID"), 1,
  N_("Read a document’s scanned pages again, by OCR"),
  N_("Reads the pages of the document that have no text layer again, in the language "
     "--language gives (eng, fra or eng+fra, the default): their text, their place in the "
     "search index and the words found on them are replaced in one step, and the refusal "
     "grounds the document states are found again as an import finds them (a ground keeps "
     "the state the consultant gave it). Pages with a text layer are left as they are. "
     "ID is listed by “documents --case ID”."),
  TRUE, CLI_STORE_EXISTING,
  ocr_options_new, document_options_free, NULL, document_ocr, NULL,
};

const CliCommand cli_document_remove = {
  "document", "remove", N_("ID"), 1,
  N_("Remove a document from its case, permanently"),
  N_("The removal is PERMANENT and is not confirmed: unlike the application, which offers "
     "Undo, the command line removes the document for good, with the text of its pages, "
     "their place in the search index and the original file (unless another document has "
     "the same). The case’s timeline keeps a line saying it was removed. Export it first "
     "(“document export ID FILE”) if it may be needed again."),
  TRUE, CLI_STORE_EXISTING,
  NULL, NULL, NULL, document_remove, NULL,
};

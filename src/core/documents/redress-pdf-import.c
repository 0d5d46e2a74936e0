/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-pdf-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "redress-error.h"
#include "redress-pdf-config.h"
#include "redress-pdf-import.h"
#include "redress-pdf-import-private.h"

/*
 * Reading a PDF the consultant dropped on Redress: the file's bytes are
 * copied once into a sealed memory file, hashed, and handed to
 * redress-pdf-worker, a process of its own that runs poppler under a time
 * limit (a wall-clock timer here, a CPU limit there) and a memory limit
 * (RLIMIT_AS).  A PDF that hangs poppler, eats memory or crashes it costs
 * the worker, never the application or its database.  The worker's answer
 * is checked as untrusted input.
 */

#define MAX_PAGES        1000000
#define MAX_PAGE_TEXT    ((gsize) 64 << 20)
#define MAX_TOTAL_TEXT   ((gsize) 1 << 30)
#define MAX_LINE         256
#define MAX_PAGE_WORDS   200000
#define SNIFF_BYTES      1024
#define END_GRACE_MS     2000
/* Once every page is read, how long the previews drawn after them may
 * take: a page that takes longer to draw is shown without one */
#define PREVIEW_GRACE_MS 3000

G_STATIC_ASSERT (REDRESS_PDF_PREVIEW_PAGES == REDRESS_PDF_PROTOCOL_PREVIEW_PAGES);
G_STATIC_ASSERT (REDRESS_PDF_PREVIEW_MAX_SIDE == REDRESS_PDF_PROTOCOL_PREVIEW_MAX_SIDE);
G_STATIC_ASSERT (REDRESS_PDF_PREVIEW_MAX_BYTES == REDRESS_PDF_PROTOCOL_PREVIEW_MAX_BYTES);

G_DEFINE_QUARK (redress-pdf-error-quark, redress_pdf_error)

/* Limits ------------------------------------------------------------------ */

G_LOCK_DEFINE_STATIC (defaults);
static gboolean defaults_set;
static RedressPdfLimits defaults;

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &number, NULL))
    return fallback;
  return number;
}

/**
 * redress_pdf_limits_get_default:
 *
 * The limits imports use: 200 MB, 30 s and 1.5 GiB unless set otherwise
 * with redress_pdf_limits_set_default() or, for tests and scripts, the
 * environment variables `REDRESS_PDF_MAX_SIZE` (bytes),
 * `REDRESS_PDF_TIMEOUT_MS` and `REDRESS_PDF_MEMORY_LIMIT` (bytes, 0: none).
 */
void
redress_pdf_limits_get_default (RedressPdfLimits *limits)
{
  g_return_if_fail (limits != NULL);

  G_LOCK (defaults);
  if (!defaults_set)
    {
      defaults.max_size = env_number ("REDRESS_PDF_MAX_SIZE", REDRESS_PDF_DEFAULT_MAX_SIZE);
      defaults.timeout_ms = (guint) MIN (env_number ("REDRESS_PDF_TIMEOUT_MS",
                                                     REDRESS_PDF_DEFAULT_TIMEOUT_MS),
                                         G_MAXUINT);
      defaults.memory_limit = env_number ("REDRESS_PDF_MEMORY_LIMIT",
                                          REDRESS_PDF_DEFAULT_MEMORY_LIMIT);
      defaults_set = TRUE;
    }
  *limits = defaults;
  G_UNLOCK (defaults);
}

void
redress_pdf_limits_set_default (const RedressPdfLimits *limits)
{
  g_return_if_fail (limits != NULL);
  g_return_if_fail (limits->max_size > 0 && limits->timeout_ms > 0);

  G_LOCK (defaults);
  defaults = *limits;
  defaults_set = TRUE;
  G_UNLOCK (defaults);
}

G_LOCK_DEFINE_STATIC (worker_path);
static char *worker_path;

/**
 * redress_pdf_set_worker_path:
 * @path: (nullable): the redress-pdf-worker to run, %NULL for the default
 *
 * For tests and tools: which PDF reader to run.
 */
void
redress_pdf_set_worker_path (const char *path)
{
  G_LOCK (worker_path);
  g_free (worker_path);
  worker_path = g_strdup (path);
  G_UNLOCK (worker_path);
}

/**
 * redress_pdf_dup_worker_path:
 *
 * Returns: (transfer full): the path redress_pdf_set_worker_path() set,
 *   else `$REDRESS_PDF_WORKER` (tests, `meson devenv`), else the installed
 *   redress-pdf-worker in libexecdir
 */
char *
redress_pdf_dup_worker_path (void)
{
  const char *path;
  char *copy = NULL;

  G_LOCK (worker_path);
  if (worker_path != NULL)
    copy = g_strdup (worker_path);
  G_UNLOCK (worker_path);
  if (copy != NULL)
    return copy;

  path = g_getenv ("REDRESS_PDF_WORKER");
  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_strdup (REDRESS_PDF_WORKER_PATH);
}

/* Results ----------------------------------------------------------------- */

static void
page_free (gpointer data)
{
  RedressPdfPage *page = data;

  g_free (page->text);
  g_clear_pointer (&page->words, g_array_unref);
  g_free (page);
}

void
redress_pdf_preview_free (RedressPdfPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->png, g_bytes_unref);
  g_free (preview);
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/**
 * redress_pdf_preview_check_png:
 *
 * Returns: whether @data starts as a PNG of @width x @height pixels (its
 *   signature and its IHDR chunk), within the bounds of a preview
 */
gboolean
redress_pdf_preview_check_png (const guint8 *data,
                               gsize         size,
                               int           width,
                               int           height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  return data != NULL && size >= 24 && size <= REDRESS_PDF_PREVIEW_MAX_BYTES &&
         width >= 1 && width <= REDRESS_PDF_PREVIEW_MAX_SIDE &&
         height >= 1 && height <= REDRESS_PDF_PREVIEW_MAX_SIDE &&
         memcmp (data, signature, sizeof signature) == 0 &&
         get_be32 (data + 8) == 13 && memcmp (data + 12, "IHDR", 4) == 0 &&
         get_be32 (data + 16) == (guint32) width && get_be32 (data + 20) == (guint32) height;
}

void
redress_pdf_extraction_free (RedressPdfExtraction *extraction)
{
  if (extraction == NULL)
    return;
  g_clear_pointer (&extraction->previews, g_ptr_array_unref);
  g_clear_pointer (&extraction->data, g_bytes_unref);
  g_clear_pointer (&extraction->pages, g_ptr_array_unref);
  g_free (extraction->sha256);
  g_free (extraction->ocr_language);
  g_free (extraction);
}

/* Reading the file -------------------------------------------------------- */

typedef struct
{
  void *data;
  gsize size;
} Mapping;

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->data, mapping->size);
  g_free (mapping);
}

/* An anonymous file in memory: a memfd where there is one (sealed once
 * written, so the worker reads exactly the bytes that were hashed),
 * else an unlinked temporary file. */
static int
create_anonymous_file (gboolean  *sealable,
                       GError   **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

#if defined(__linux__) && defined(MFD_ALLOW_SEALING)
  fd = memfd_create ("redress-pdf", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd >= 0)
    {
      *sealable = TRUE;
      return fd;
    }
#endif
  *sealable = FALSE;
  fd = g_file_open_tmp ("redress-pdf-XXXXXX", &tmp_path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("There is no room to read the file: %s."), local_error->message);
      return -1;
    }
  g_unlink (tmp_path);
  return fd;
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
               _("The file “%s” cannot be read: %s."), name, g_strerror (saved_errno));
  return FALSE;
}

/*
 * Reads @path into an anonymous file.  Checks the size before reading
 * anything.  Returns the bytes (a read-only mapping of the anonymous file)
 * and the file, for the worker.
 */
static GBytes *
load_file (const char     *path,
           guint64         max_size,
           int            *fd_out,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  struct stat st;
  Mapping *mapping;
  gboolean sealable = FALSE;
  gsize size;
  gsize done = 0;
  void *data;
  int in;
  int fd;

  in = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (in < 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }
  if (fstat (in, &st) != 0)
    {
      int saved_errno = errno;
      close (in);
      set_io_error (error, path, saved_errno);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (in);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF,
                   _("“%s” is not a file: it cannot be a PDF."), name);
      return NULL;
    }
  if (st.st_size == 0)
    {
      close (in);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_EMPTY,
                   _("This file is empty: it holds no document."));
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size_text = g_format_size ((guint64) st.st_size);
      g_autofree char *max_text = g_format_size (max_size);

      /* Just over the limit, both read "200.0 MB": give the bytes too */
      if (g_str_equal (size_text, max_text))
        {
          g_free (size_text);
          g_free (max_text);
          size_text = g_format_size_full ((guint64) st.st_size, G_FORMAT_SIZE_LONG_FORMAT);
          max_text = g_format_size_full (max_size, G_FORMAT_SIZE_LONG_FORMAT);
        }

      close (in);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TOO_LARGE,
                   _("This file is too large to import (%s; the limit is %s)."),
                   size_text, max_text);
      return NULL;
    }
  /* Reading blocks from now on (O_NONBLOCK only kept a FIFO from hanging
   * the open) */
  fcntl (in, F_SETFL, fcntl (in, F_GETFL) & ~O_NONBLOCK);
  size = (gsize) st.st_size;

  fd = create_anonymous_file (&sealable, error);
  if (fd < 0)
    {
      close (in);
      return NULL;
    }
  if (ftruncate (fd, (off_t) size) != 0 ||
      (data = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
    {
      int saved_errno = errno;
      close (in);
      close (fd);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("There is no room to read the file: %s."), g_strerror (saved_errno));
      return NULL;
    }

  while (done < size)
    {
      gssize n = read (in, (char *) data + done, MIN (size - done, 1 << 20));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || g_cancellable_is_cancelled (cancellable))
        {
          int saved_errno = n < 0 ? errno : 0;

          munmap (data, size);
          close (in);
          close (fd);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (n == 0)
            g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                         _("The file “%s” changed while it was read. Try again."), name);
          else
            set_io_error (error, path, saved_errno);
          return NULL;
        }
      done += (gsize) n;
    }
  close (in);

  /* From now on nobody writes it: map it read-only, and seal it */
  munmap (data, size);
#if defined(__linux__) && defined(F_ADD_SEALS)
  if (sealable)
    fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
#endif
  data = mmap (NULL, size, PROT_READ, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED)
    {
      int saved_errno = errno;
      close (fd);
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("There is no room to read the file: %s."), g_strerror (saved_errno));
      return NULL;
    }
  mapping = g_new (Mapping, 1);
  mapping->data = data;
  mapping->size = size;
  *fd_out = fd;
  return g_bytes_new_with_free_func (data, size, mapping_free, mapping);
}

/* A PDF starts with %PDF- within its first kilobyte (readers accept junk,
 * even NUL bytes, before it); anything else is an image, an archive, a
 * web page... */
static gboolean
looks_like_pdf (GBytes *bytes)
{
  static const char magic[] = "%PDF-";
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  size = MIN (size, SNIFF_BYTES);
  for (gsize i = 0; i + sizeof magic - 1 <= size; i++)
    if (memcmp (data + i, magic, sizeof magic - 1) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the file ends as a PDF ends: "%%EOF" in its last kilobyte (some
 * writers add a few bytes after it).  A file cut short (an interrupted
 * download or copy) has none, and poppler then finds no page in it. */
static gboolean
has_end_marker (GBytes *bytes)
{
  static const char marker[] = "%%EOF";
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize from = size > 1024 ? size - 1024 : 0;

  if (size < sizeof marker - 1)
    return FALSE;
  for (gsize i = size - (sizeof marker - 1) + 1; i-- > from;)
    if (memcmp (data + i, marker, sizeof marker - 1) == 0)
      return TRUE;
  return FALSE;
}

/* Running the worker ------------------------------------------------------ */

typedef struct
{
  guint64 memory_limit;
  guint cpu_seconds;
  pid_t parent;
} ChildLimits;

/* Runs in the child between fork and exec: async-signal-safe calls only */
static void
child_setup (gpointer data)
{
  const ChildLimits *limits = data;
  struct rlimit limit;

#ifdef __linux__
  /* Dies with the importing thread (the app killed, a test's kill -9) */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != limits->parent)
    _exit (127);
#endif
  limit.rlim_cur = limit.rlim_max = 0;
  setrlimit (RLIMIT_CORE, &limit);
  if (limits->memory_limit > 0)
    {
      limit.rlim_cur = limit.rlim_max = (rlim_t) limits->memory_limit;
      setrlimit (RLIMIT_AS, &limit);
    }
  if (limits->cpu_seconds > 0)
    {
      /* A backstop for the parent's wall-clock timer */
      limit.rlim_cur = limits->cpu_seconds;
      limit.rlim_max = limits->cpu_seconds + 2;
      setrlimit (RLIMIT_CPU, &limit);
    }
}

/**
 * redress_pdf_file_from_bytes:
 *
 * Returns: a descriptor of a sealed anonymous file holding @bytes, or -1
 *   with an error
 */
int
redress_pdf_file_from_bytes (GBytes  *bytes,
                             GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean sealable = FALSE;
  int fd = create_anonymous_file (&sealable, error);

  if (fd < 0)
    return -1;
  for (gsize done = 0; done < size;)
    {
      gssize n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                       _("There is no room to read the file: %s."), g_strerror (saved_errno));
          return -1;
        }
      done += (gsize) n;
    }
#if defined(__linux__) && defined(F_ADD_SEALS)
  if (sealable)
    fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
#endif
  return fd;
}

/**
 * redress_pdf_spawn_worker:
 *
 * Returns: (transfer full): the worker, or %NULL with
 *   %REDRESS_PDF_ERROR_NO_READER
 */
GSubprocess *
redress_pdf_spawn_worker (int                  pdf_fd,
                          int                  stdin_fd,
                          const char * const  *args,
                          GSubprocessFlags     flags,
                          guint64              memory_limit,
                          guint                cpu_seconds,
                          GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *worker = redress_pdf_dup_worker_path ();
  ChildLimits *child_limits = g_new0 (ChildLimits, 1);
  GSubprocess *process;

  g_ptr_array_add (argv, worker);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (g_getenv ("REDRESS_PDF_WORKER_STDERR") == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  /* Tesseract's threads would only fight over the cores the application
   * shares, and escape the time a page is given */
  g_subprocess_launcher_setenv (launcher, "OMP_THREAD_LIMIT", "1", TRUE);
  if (stdin_fd >= 0)
    g_subprocess_launcher_take_stdin_fd (launcher, stdin_fd);
  g_subprocess_launcher_take_fd (launcher,
                                 fcntl (pdf_fd, F_DUPFD_CLOEXEC, REDRESS_PDF_PROTOCOL_FD),
                                 REDRESS_PDF_PROTOCOL_FD);
#if !REDRESS_SANITIZED
  child_limits->memory_limit = memory_limit;
#endif
  child_limits->cpu_seconds = cpu_seconds;
  child_limits->parent = getpid ();
  g_subprocess_launcher_set_child_setup (launcher, child_setup, child_limits, g_free);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local_error);
  if (process == NULL)
    g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_READER,
                 _("The PDF reader of Redress (%s) could not be started: %s. "
                   "Reinstall Redress."), worker, local_error->message);
  return process;
}

typedef enum
{
  STATE_HELLO,
  STATE_DOC,
  STATE_PAGES,
  STATE_PAGE_TEXT,
  STATE_PAGE_WORDS,
  STATE_PREVIEW_DATA,
  STATE_END,
  STATE_REFUSED,
  STATE_BROKEN,
} State;

typedef struct
{
  GSubprocess *process;
  GInputStream *output;
  GCancellable *stop;
  GByteArray *buffer;
  gboolean reading;
  gboolean exited;
  gboolean timed_out;
  gboolean cancelled;
  gint cancel_requested;   /* atomic: set on whichever thread cancels */
  GSource *grace;
  GSource *timeout;
  GMainContext *context;
  gint64 deadline;           /* monotonic, µs */
  guint ocr_page_ms;

  State state;
  guint n_pages;
  GPtrArray *pages;
  RedressPdfPage *current;   /* waiting for its text */
  gsize text_length;
  guint words_left;          /* of the current page */
  gsize total_text;
  guint pages_without_text;
  guint ocr_pages;
  gboolean ocr_unavailable;
  GPtrArray *previews;
  RedressPdfPreview *preview; /* waiting for its PNG */
  gsize preview_length;
  RedressPdfRefusal refusal; /* the worker's error code */
  guint refusal_page;

  RedressImportProgressFunc progress;
  RedressOcrProgressFunc ocr_progress;
  gpointer user_data;
} Run;

static void
kill_worker (Run *run)
{
  if (!run->exited)
    g_subprocess_force_exit (run->process);
}

static gboolean
on_timeout (gpointer data)
{
  Run *run = data;

  run->timed_out = TRUE;
  kill_worker (run);
  return G_SOURCE_REMOVE;
}

/* The time limit runs until @deadline_ms from now, unless it already runs
 * longer */
static void
extend_deadline (Run   *run,
                 guint  from_now_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) from_now_ms * 1000;

  if (deadline <= run->deadline)
    return;
  run->deadline = deadline;
  if (run->timeout != NULL)
    {
      g_source_destroy (run->timeout);
      g_source_unref (run->timeout);
    }
  run->timeout = g_timeout_source_new (from_now_ms);
  g_source_set_callback (run->timeout, on_timeout, run, NULL);
  g_source_attach (run->timeout, run->context);
}

/* On the thread that cancels: only wake the reading loop, which stops
 * the worker on its own thread.  (A cancellable source attached here can
 * be lost when another thread cancels while it is being destroyed.) */
static void
on_cancel_requested (GCancellable *cancellable,
                     gpointer      data)
{
  Run *run = data;

  g_atomic_int_set (&run->cancel_requested, TRUE);
  g_main_context_wakeup (run->context);
}

static void
stop_if_cancelled (Run *run)
{
  if (run->cancelled || !g_atomic_int_get (&run->cancel_requested))
    return;
  run->cancelled = TRUE;
  kill_worker (run);
  g_cancellable_cancel (run->stop);
}

static gboolean
on_grace_over (gpointer data)
{
  Run *run = data;

  /* Everything was read: a worker slow to exit need not be waited for */
  kill_worker (run);
  return G_SOURCE_REMOVE;
}

static void
broken (Run *run)
{
  run->state = STATE_BROKEN;
  kill_worker (run);
}

/* Control characters other than line breaks and tabs become spaces: the
 * text goes to the index, to search snippets, to the screen. */
static char *
clean_text (const char *text,
            gsize       length,
            gboolean   *has_text)
{
  char *valid = g_utf8_make_valid (text, (gssize) length);

  *has_text = FALSE;
  for (char *p = valid; *p; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        *p = ' ';
    }
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      {
        *has_text = TRUE;
        break;
      }
  return valid;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (value) || value < 0 || value > 1e7)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

/* The current page is whole: it joins the others */
static void
finish_page (Run *run)
{
  RedressPdfPage *page = run->current;

  if (!page->has_text)
    run->pages_without_text++;
  if (page->ocr)
    run->ocr_pages++;
  g_ptr_array_add (run->pages, g_steal_pointer (&run->current));
  run->state = STATE_PAGES;
  if (run->progress)
    run->progress (run->pages->len, run->n_pages, run->user_data);

  /* Every page is read: the previews that follow are not worth waiting
   * for long, nor worth the document (see all_pages_read ()) */
  if (run->pages->len == run->n_pages && run->grace == NULL)
    {
      run->grace = g_timeout_source_new (PREVIEW_GRACE_MS);
      g_source_set_callback (run->grace, on_grace_over, run, NULL);
      g_source_attach (run->grace, g_main_context_get_thread_default ());
    }
}

/* The text of every page arrived, and the worker stopped (or was stopped)
 * while it drew the previews: the document is whole without them */
static gboolean
all_pages_read (Run *run)
{
  return run->n_pages > 0 && run->pages != NULL && run->pages->len == run->n_pages &&
         (run->state == STATE_PAGES || run->state == STATE_PREVIEW_DATA);
}

/* One line of the worker's output (without its newline) */
static void
parse_line (Run        *run,
            const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 0);
  guint n_words = g_strv_length (words);
  guint64 number = 0;

  if (n_words >= 2 && g_str_equal (words[0], "ERROR") && run->state != STATE_HELLO)
    {
      run->refusal = redress_pdf_refusal_from_code (words[1]);
      if (n_words >= 3 && parse_uint (words[2], MAX_PAGES, &number))
        run->refusal_page = (guint) number;
      run->state = STATE_REFUSED;
      return;
    }

  switch (run->state)
    {
    case STATE_HELLO:
      if (g_str_equal (line, REDRESS_PDF_PROTOCOL_HELLO))
        run->state = STATE_DOC;
      else
        broken (run);
      break;

    case STATE_DOC:
      if (n_words == 2 && g_str_equal (words[0], "DOC") &&
          parse_uint (words[1], MAX_PAGES, &number) && number > 0)
        {
          run->n_pages = (guint) number;
          run->state = STATE_PAGES;
          if (run->progress)
            run->progress (0, run->n_pages, run->user_data);
        }
      else
        broken (run);
      break;

    case STATE_PAGES:
      if (n_words == 1 && g_str_equal (words[0], "END") && run->pages->len == run->n_pages)
        {
          run->state = STATE_END;
          if (run->grace != NULL)
            {
              g_source_destroy (run->grace);
              g_source_unref (run->grace);
            }
          run->grace = g_timeout_source_new (END_GRACE_MS);
          g_source_set_callback (run->grace, on_grace_over, run, NULL);
          g_source_attach (run->grace, g_main_context_get_thread_default ());
        }
      else if (n_words == 2 && g_str_equal (words[0], "OCR") &&
               parse_uint (words[1], MAX_PAGES, &number) && number == run->pages->len + 1 &&
               number <= run->n_pages)
        {
          /* A scanned page is being read: it has a time limit of its own */
          extend_deadline (run, run->ocr_page_ms);
          if (run->ocr_progress)
            run->ocr_progress ((guint) number, run->n_pages, run->user_data);
        }
      else if (n_words == 5 && g_str_equal (words[0], "PREVIEW"))
        {
          guint64 page_no = 0, width = 0, height = 0, length = 0;
          const RedressPdfPreview *last = run->previews->len > 0
            ? g_ptr_array_index (run->previews, run->previews->len - 1) : NULL;

          /* After every page, of one of the first, once each, in order,
           * bounded */
          if (!parse_uint (words[1], REDRESS_PDF_PREVIEW_PAGES, &page_no) || page_no == 0 ||
              run->pages->len != run->n_pages || page_no > run->n_pages ||
              (last != NULL && last->page_no >= page_no) ||
              !parse_uint (words[2], REDRESS_PDF_PREVIEW_MAX_SIDE, &width) || width == 0 ||
              !parse_uint (words[3], REDRESS_PDF_PREVIEW_MAX_SIDE, &height) || height == 0 ||
              !parse_uint (words[4], REDRESS_PDF_PREVIEW_MAX_BYTES, &length) || length < 24)
            {
              broken (run);
              break;
            }
          run->preview = g_new0 (RedressPdfPreview, 1);
          run->preview->page_no = (guint) page_no;
          run->preview->width = (int) width;
          run->preview->height = (int) height;
          run->preview_length = (gsize) length;
          run->state = STATE_PREVIEW_DATA;
        }
      else if (n_words == 1 && g_str_equal (words[0], "OCR-UNAVAILABLE"))
        {
          run->ocr_unavailable = TRUE;
        }
      else if ((n_words == 6 || n_words == 8) && g_str_equal (words[0], "PAGE"))
        {
          RedressPdfPage *page = g_new0 (RedressPdfPage, 1);
          guint64 page_no = 0, rotation = 0, length = 0, n_page_words = 0;

          if (n_words == 8)
            {
              page->ocr = TRUE;
              page->redacted = g_str_equal (words[6], REDRESS_PDF_PROTOCOL_SOURCE_REDACTED);
              if ((!page->redacted && !g_str_equal (words[6], REDRESS_PDF_PROTOCOL_SOURCE_OCR)) ||
                  !parse_uint (words[7], MAX_PAGE_WORDS, &n_page_words))
                {
                  g_free (page);
                  broken (run);
                  break;
                }
              page->words = g_array_sized_new (FALSE, FALSE, sizeof (RedressPdfWord),
                                               (guint) n_page_words);
            }
          if (!parse_uint (words[1], MAX_PAGES, &page_no) ||
              page_no != run->pages->len + 1 || page_no > run->n_pages ||
              !parse_double (words[2], &page->width) ||
              !parse_double (words[3], &page->height) ||
              !parse_uint (words[4], 270, &rotation) || rotation % 90 != 0 ||
              !parse_uint (words[5], MAX_PAGE_TEXT, &length) ||
              run->total_text + length > MAX_TOTAL_TEXT)
            {
              page_free (page);
              broken (run);
              break;
            }
          page->page_no = (guint) page_no;
          page->rotation = (int) rotation;
          run->current = page;
          run->words_left = (guint) n_page_words;
          run->text_length = (gsize) length;
          run->total_text += (gsize) length;
          run->state = STATE_PAGE_TEXT;
        }
      else
        broken (run);
      break;

    case STATE_PAGE_WORDS:
      if (n_words == 8 && g_str_equal (words[0], "W") && run->words_left > 0)
        {
          RedressPdfPage *page = run->current;
          gsize text_length = strlen (page->text);
          guint64 offset = 0, length = 0, confidence = 0;
          double box[4];
          RedressPdfWord word;

          if (!parse_uint (words[1], text_length, &offset) ||
              !parse_uint (words[2], text_length - offset, &length) || length == 0 ||
              !g_utf8_validate (page->text + offset, (gssize) length, NULL) ||
              !parse_double (words[3], &box[0]) || !parse_double (words[4], &box[1]) ||
              !parse_double (words[5], &box[2]) || !parse_double (words[6], &box[3]) ||
              box[0] > box[2] || box[1] > box[3] ||
              box[2] > page->width + 1 || box[3] > page->height + 1 ||
              !parse_uint (words[7], 100, &confidence))
            {
              broken (run);
              break;
            }
          word.offset = (guint32) offset;
          word.length = (guint32) length;
          word.x1 = (float) box[0];
          word.y1 = (float) box[1];
          word.x2 = (float) box[2];
          word.y2 = (float) box[3];
          word.confidence = (guint8) confidence;
          g_array_append_val (page->words, word);
          if (--run->words_left == 0)
            finish_page (run);
        }
      else
        broken (run);
      break;

    case STATE_PAGE_TEXT:
    case STATE_PREVIEW_DATA:
    case STATE_END:
    case STATE_REFUSED:
    case STATE_BROKEN:
    default:
      broken (run);
      break;
    }
}

/* Consumes what can be parsed from the front of the buffer */
static void
parse_buffer (Run *run)
{
  gsize pos = 0;

  while (run->state != STATE_BROKEN && run->state != STATE_REFUSED)
    {
      const guint8 *start = run->buffer->data + pos;
      gsize available = run->buffer->len - pos;

      if (run->state == STATE_PREVIEW_DATA)
        {
          RedressPdfPreview *preview = run->preview;

          if (available < run->preview_length + 1)
            break;
          if (start[run->preview_length] != '\n' ||
              !redress_pdf_preview_check_png (start, run->preview_length, preview->width,
                                              preview->height))
            {
              broken (run);
              break;
            }
          preview->png = g_bytes_new (start, run->preview_length);
          pos += run->preview_length + 1;
          g_ptr_array_add (run->previews, g_steal_pointer (&run->preview));
          run->state = STATE_PAGES;
        }
      else if (run->state == STATE_PAGE_TEXT)
        {
          RedressPdfPage *page = run->current;

          if (available < run->text_length + 1)
            break;
          if (start[run->text_length] != '\n')
            {
              broken (run);
              break;
            }
          page->text = clean_text ((const char *) start, run->text_length, &page->has_text);
          pos += run->text_length + 1;
          /* A redacted page has nothing to read, whatever it says */
          if (page->redacted && (page->has_text || run->words_left > 0))
            {
              broken (run);
              break;
            }
          if (run->words_left > 0)
            run->state = STATE_PAGE_WORDS;
          else
            finish_page (run);
        }
      else
        {
          const guint8 *newline = memchr (start, '\n', available);
          g_autofree char *line = NULL;

          if (newline == NULL)
            {
              if (available > MAX_LINE)
                broken (run);
              break;
            }
          if ((gsize) (newline - start) > MAX_LINE)
            {
              broken (run);
              break;
            }
          line = g_strndup ((const char *) start, (gsize) (newline - start));
          pos += (gsize) (newline - start) + 1;
          if (run->state == STATE_END)
            {
              broken (run);   /* nothing may follow END */
              break;
            }
          parse_line (run, line);
        }
    }
  if (pos > 0)
    g_byte_array_remove_range (run->buffer, 0, (guint) pos);
}

static void read_more (Run *run);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Run *run = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *chunk;

  run->reading = FALSE;
  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading the PDF worker failed: %s", error->message);
      if (run->state != STATE_END && run->state != STATE_REFUSED)
        broken (run);
      return;
    }
  chunk = g_bytes_get_data (bytes, &size);
  if (size == 0)
    return;   /* end of output */
  g_byte_array_append (run->buffer, chunk, (guint) size);
  parse_buffer (run);
  if (run->state != STATE_BROKEN)
    read_more (run);
}

static void
read_more (Run *run)
{
  run->reading = TRUE;
  g_input_stream_read_bytes_async (run->output, 1 << 16, G_PRIORITY_DEFAULT, run->stop,
                                   on_read, run);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Run *run = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->exited = TRUE;
}

/**
 * redress_pdf_refusal_set_error:
 * @refusal: what the worker answered
 * @page: the page it names, or 0
 *
 * Says why the worker refused a PDF, in the consultant's words.
 *
 * Returns: %FALSE, with nothing set, for an internal or unknown refusal
 *   (each caller has its own word for those)
 */
gboolean
redress_pdf_refusal_set_error (RedressPdfRefusal   refusal,
                               guint               page,
                               GError            **error)
{
  switch (refusal)
    {
    case REDRESS_PDF_REFUSAL_NOT_PDF:
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF,
                   _("This file is not a PDF."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_DAMAGED:
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_DAMAGED,
                   _("This PDF is damaged and cannot be read."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_NEEDS_PASSWORD:
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NEEDS_PASSWORD,
                   _("This PDF is protected by a password."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_WRONG_PASSWORD:
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD,
                   _("The password is wrong."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_NO_PAGES:
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_PAGES,
                   _("This PDF has no pages."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_PAGE_UNREADABLE:
      if (page > 0)
        g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_PAGE_UNREADABLE,
                     _("Page %u of this PDF is damaged and cannot be read."), page);
      else
        g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_PAGE_UNREADABLE,
                     _("A page of this PDF is damaged and cannot be read."));
      return TRUE;
    case REDRESS_PDF_REFUSAL_INTERNAL:
    case REDRESS_PDF_REFUSAL_UNKNOWN:
    default:
      return FALSE;
    }
}

static void
set_refusal_error (Run     *run,
                   GError **error)
{
  if (!redress_pdf_refusal_set_error (run->refusal, run->refusal_page, error))
    g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED,
                 _("This PDF could not be read: the PDF reader stopped on it. "
                   "It may be damaged or built to overload readers."));
}

static GPtrArray *
run_worker (int                        fd,
            const char                *password,
            const RedressPdfLimits    *limits,
            const char                *ocr_language,
            RedressImportProgressFunc  progress,
            RedressOcrProgressFunc     ocr_progress,
            gpointer                   user_data,
            GCancellable              *cancellable,
            RedressPdfExtraction      *extraction,
            GError                   **error)
{
  const char *ocr_args[] = { REDRESS_PDF_PROTOCOL_ARG_OCR, ocr_language, NULL };
  guint cpu_seconds = limits->timeout_ms / 1000 + 2;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gulong cancel_id = 0;
  int password_pipe[2];
  gsize password_length = password ? strlen (password) : 0;
  Run run = { 0, };

  g_return_val_if_fail (password_length <= REDRESS_PDF_MAX_PASSWORD_BYTES, NULL);

  /* The password goes through a pipe, written whole before the worker
   * starts (it is far smaller than a pipe's buffer) */
  if (!g_unix_open_pipe (password_pipe, FD_CLOEXEC, &local_error))
    {
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_READER,
                   _("The PDF reader of Redress could not be started: %s."),
                   local_error->message);
      return NULL;
    }
  for (gsize done = 0; done < password_length;)
    {
      gssize n = write (password_pipe[1], password + done, password_length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (password_pipe[1]);

  /* The CPU limit backs up the wall-clock timer below.  With OCR, the
   * timer gives each scanned page a time of its own, as many as there are:
   * the CPU limit is then a backstop of an hour (the worker dies with this
   * process anyway) */
  run.ocr_page_ms = (guint) MIN (env_number ("REDRESS_PDF_OCR_TIMEOUT_MS",
                                             REDRESS_PDF_OCR_PAGE_TIMEOUT_MS), G_MAXUINT / 2);
  if (ocr_language != NULL)
    cpu_seconds = MAX (cpu_seconds, 3600);
  run.process = redress_pdf_spawn_worker (fd, password_pipe[0],
                                          ocr_language != NULL ? ocr_args : NULL,
                                          G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                          limits->memory_limit, cpu_seconds, error);
  if (run.process == NULL)
    return NULL;

  g_main_context_push_thread_default (context);

  run.output = g_subprocess_get_stdout_pipe (run.process);
  run.stop = g_cancellable_new ();
  run.buffer = g_byte_array_new ();
  run.pages = g_ptr_array_new_with_free_func (page_free);
  run.previews = g_ptr_array_new_with_free_func ((GDestroyNotify) redress_pdf_preview_free);
  run.progress = progress;
  run.ocr_progress = ocr_progress;
  run.user_data = user_data;
  run.context = context;

  extend_deadline (&run, limits->timeout_ms);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancel_requested), &run,
                                       NULL);

  g_subprocess_wait_async (run.process, NULL, on_exited, &run);
  read_more (&run);

  stop_if_cancelled (&run);
  while (run.reading || !run.exited)
    {
      g_main_context_iteration (context, TRUE);
      stop_if_cancelled (&run);
    }
  /* Waits for a handler running on another thread */
  g_cancellable_disconnect (cancellable, cancel_id);

  g_source_destroy (run.timeout);
  g_source_unref (run.timeout);
  if (run.grace != NULL)
    {
      g_source_destroy (run.grace);
      g_source_unref (run.grace);
    }
  g_main_context_pop_thread_default (context);

  if (run.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
    }
  else if (run.state == STATE_END || all_pages_read (&run))
    {
      if (run.state != STATE_END)
        g_debug ("The PDF worker stopped while drawing previews: %u kept",
                 run.previews->len);
      if (!g_subprocess_get_successful (run.process))
        g_debug ("The PDF worker did not exit cleanly after a complete answer");
      pages = g_steal_pointer (&run.pages);
      extraction->pages_without_text = run.pages_without_text;
      extraction->ocr_pages = run.ocr_pages;
      extraction->ocr_unavailable = run.ocr_unavailable;
      extraction->previews = g_steal_pointer (&run.previews);
    }
  else if (run.state == STATE_REFUSED)
    {
      set_refusal_error (&run, error);
    }
  else if (run.timed_out ||
           (g_subprocess_get_if_signaled (run.process) &&
            g_subprocess_get_term_sig (run.process) == SIGXCPU))
    {
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_TIMED_OUT,
                   _("This PDF could not be read in time: it may be damaged or built to "
                     "overload readers."));
    }
  else
    {
      if (g_subprocess_get_if_signaled (run.process))
        g_debug ("The PDF worker died of signal %d", g_subprocess_get_term_sig (run.process));
      else if (g_subprocess_get_if_exited (run.process))
        g_debug ("The PDF worker exited with status %d, state %d",
                 g_subprocess_get_exit_status (run.process), run.state);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_FAILED,
                   _("This PDF could not be read: the PDF reader stopped on it. "
                     "It may be damaged or built to overload readers."));
    }

  g_clear_pointer (&run.current, page_free);
  g_clear_pointer (&run.preview, redress_pdf_preview_free);
  g_clear_pointer (&run.previews, g_ptr_array_unref);
  g_clear_pointer (&run.pages, g_ptr_array_unref);
  g_clear_pointer (&run.buffer, g_byte_array_unref);
  g_clear_object (&run.stop);
  g_clear_object (&run.process);
  return g_steal_pointer (&pages);
}

/**
 * redress_pdf_extract:
 * @path: the file to import
 * @password: (nullable): its password, as the consultant typed it
 * @limits: (nullable): %NULL for redress_pdf_limits_get_default()
 * @progress: (scope call) (nullable): called on this thread as pages are read
 * @cancellable: (nullable): kills the reader when cancelled
 *
 * Reads the file (refusing it before reading when it is too large), then
 * has redress-pdf-worker extract the text, size and rotation of each page.
 * Blocks until done: call it from a worker thread in an application.
 *
 * Returns: (transfer full): the bytes and pages, or %NULL with @error set
 *   (%REDRESS_PDF_ERROR for what is wrong with the file, %REDRESS_ERROR_IO
 *   when it cannot be read, %G_IO_ERROR_CANCELLED)
 */
RedressPdfExtraction *
redress_pdf_extract (const char                *path,
                     const char                *password,
                     const RedressPdfLimits    *limits,
                     RedressImportProgressFunc  progress,
                     gpointer                   user_data,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  return redress_pdf_extract_full (path, password, limits, redress_pdf_get_default_ocr_language (),
                                   progress, NULL, user_data, cancellable, error);
}

/**
 * redress_pdf_get_default_ocr_language:
 *
 * Returns: (nullable): the languages scanned pages are read in unless a
 *   caller says otherwise: `$REDRESS_PDF_OCR_LANGUAGE` when it is eng, fra
 *   or eng+fra, %NULL (no OCR) when it is `none`, else
 *   %REDRESS_PDF_DEFAULT_OCR_LANGUAGE
 */
const char *
redress_pdf_get_default_ocr_language (void)
{
  static const char *const languages[] = { "eng", "fra", "eng+fra", "fra+eng", NULL };
  const char *value = g_getenv ("REDRESS_PDF_OCR_LANGUAGE");

  if (g_strcmp0 (value, "none") == 0)
    return NULL;
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (value, languages[i]) == 0)
      return languages[i];
  return REDRESS_PDF_DEFAULT_OCR_LANGUAGE;
}

/**
 * redress_pdf_ocr_language_valid:
 * @language: eng, fra or eng+fra
 *
 * Returns: whether scanned pages can be read in @language
 */
gboolean
redress_pdf_ocr_language_valid (const char *language)
{
  return language != NULL &&
         g_strv_contains ((const char *const[]) { "eng", "fra", "eng+fra", "fra+eng", NULL },
                          language);
}

/**
 * redress_pdf_describe_ocr_progress:
 *
 * Returns: (transfer full): “Reading scanned page 12 of 40”
 */
char *
redress_pdf_describe_ocr_progress (guint page_no,
                                   guint n_pages)
{
  /* Translators: while a page without text is read by OCR */
  return g_strdup_printf (_("Reading scanned page %u of %u"), page_no, n_pages);
}

/**
 * redress_pdf_extract_full:
 * @ocr_language: (nullable): the languages of scanned pages (see
 *   redress_pdf_ocr_language_valid()), %NULL not to read them
 * @ocr_progress: (scope call) (nullable): called on this thread as a
 *   scanned page starts being read
 *
 * Like redress_pdf_extract(), which reads scanned pages in English and
 * French: a page whose text layer is empty is read by OCR, in the worker,
 * each with REDRESS_PDF_OCR_PAGE_TIMEOUT_MS (or `$REDRESS_PDF_OCR_TIMEOUT_MS`)
 * of time of its own.
 */
RedressPdfExtraction *
redress_pdf_extract_full (const char                *path,
                          const char                *password,
                          const RedressPdfLimits    *limits,
                          const char                *ocr_language,
                          RedressImportProgressFunc  progress,
                          RedressOcrProgressFunc     ocr_progress,
                          gpointer                   user_data,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(RedressPdfExtraction) extraction = NULL;
  g_autoptr(GError) local_error = NULL;
  RedressPdfLimits default_limits;
  gsize size;
  gconstpointer data;
  int fd = -1;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ocr_language == NULL || redress_pdf_ocr_language_valid (ocr_language),
                        NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limits == NULL)
    {
      redress_pdf_limits_get_default (&default_limits);
      limits = &default_limits;
    }
  if (password != NULL && *password == '\0')
    password = NULL;
  /* Bounded before the reader sees it: poppler 22.12 crashes on a longer
   * password (AES-256), which would look like a hostile PDF */
  if (password != NULL && strlen (password) > REDRESS_PDF_MAX_PASSWORD_BYTES)
    {
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_WRONG_PASSWORD,
                   _("This password is too long: a PDF password has at most %d bytes "
                     "(an accented letter takes 2)."), REDRESS_PDF_MAX_PASSWORD_BYTES);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  extraction = g_new0 (RedressPdfExtraction, 1);
  extraction->data = load_file (path, limits->max_size, &fd, cancellable, error);
  if (extraction->data == NULL)
    return NULL;

  if (!looks_like_pdf (extraction->data))
    {
      close (fd);
      g_set_error (error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NOT_PDF,
                   _("This file is not a PDF."));
      return NULL;
    }

  data = g_bytes_get_data (extraction->data, &size);
  extraction->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  extraction->ocr_language = g_strdup (ocr_language);
  extraction->pages = run_worker (fd, password, limits, ocr_language, progress, ocr_progress,
                                  user_data, cancellable, extraction, &local_error);
  close (fd);
  /* A protected document shows nothing before its password is given */
  if (password != NULL && extraction->previews != NULL)
    g_ptr_array_set_size (extraction->previews, 0);
  if (extraction->pages == NULL)
    {
      /* Cut short, a PDF loses the list of its pages: it is damaged, not
       * empty */
      if (g_error_matches (local_error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_NO_PAGES) &&
          !has_end_marker (extraction->data))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, REDRESS_PDF_ERROR, REDRESS_PDF_ERROR_DAMAGED,
                       _("This PDF is damaged and cannot be read: it is incomplete, as if "
                         "its download or copy had been cut short."));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&extraction);
}

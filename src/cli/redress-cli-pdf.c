/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "redress-cli-private.h"

/*
 * What the commands that read a PDF share (import, document ocr, detect):
 * --password, read from standard input without echo when it is "-", and
 * the core's reasons for refusing a PDF, reworded to say what to do.
 */

/* Most bytes read by --password - looking for the line end: far more than
 * a PDF password holds (REDRESS_PDF_MAX_PASSWORD_BYTES), so that a longer
 * one is refused with that limit, and an endless stream stops there */
#define MAX_PASSWORD 4096

void
cli_password_free (CliPassword *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

void
cli_password_option_add (char         **password,
                         CliOptionSet  *set)
{
  cli_option_set_add (set, "password", G_OPTION_ARG_STRING, password,
                      _("The PDF’s password; “-” reads it from standard input"), _("PASSWORD"));
}

/* The option's value is wiped too */
void
cli_password_option_clear (char **password)
{
  g_clear_pointer (password, cli_password_free);
}

/* Refuses a password longer than the PDF reader takes, before it sees it */
static gboolean
check_password_length (const char  *option,
                       const char  *password,
                       GError     **error)
{
  gsize length = password != NULL ? strlen (password) : 0;

  if (length <= REDRESS_PDF_MAX_PASSWORD_BYTES)
    return TRUE;
  cli_usage_error (error, _("%s: this password is %u bytes long; a PDF password has at most %d "
                            "bytes (an accented letter takes 2)."),
                   option, (guint) MIN (length, G_MAXUINT), REDRESS_PDF_MAX_PASSWORD_BYTES);
  return FALSE;
}

/* The terminal's settings while a password is typed without echo, for
 * the signal handler that puts them back */
static struct termios terminal_saved;
static const int password_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
on_password_interrupted (int signum)
{
  /* Async-signal-safe: echo back on, then die of the signal as usual */
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &terminal_saved);
  signal (signum, SIG_DFL);
  raise (signum);
}

/*
 * --password -: one line of standard input, without its line end, so that
 * the password never shows in the list of processes.  On a terminal it is
 * asked for without echo (put back whatever happens).  Reading stops after
 * MAX_PASSWORD bytes without a line end, so that an endless stream cannot
 * hang the command; a NUL byte is refused rather than cutting the password.
 */
static CliPassword *
read_password (GError **error)
{
  g_autoptr(CliPassword) password = g_malloc0 (MAX_PASSWORD + 2);
  struct sigaction previous[G_N_ELEMENTS (password_signals)];
  gboolean terminal = FALSE;
  gboolean has_nul = FALSE;
  gboolean line_ended = FALSE;
  gsize length = 0;
  int saved_errno = 0;

  if (isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &terminal_saved) == 0)
    {
      struct termios quiet = terminal_saved;
      struct sigaction action = { 0 };

      action.sa_handler = on_password_interrupted;
      sigemptyset (&action.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (password_signals); i++)
        sigaction (password_signals[i], &action, &previous[i]);

      quiet.c_lflag &= ~(tcflag_t) ECHO;
      g_printerr ("%s", _("Password: "));
      terminal = TRUE;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while (length <= MAX_PASSWORD)
    {
      char c;
      gssize n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        saved_errno = errno;
      if (n <= 0)
        break;
      if (c == '\n')
        {
          line_ended = TRUE;
          break;
        }
      if (c == '\0')
        {
          has_nul = TRUE;
          break;
        }
      password[length++] = c;
    }

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &terminal_saved);
      for (guint i = 0; i < G_N_ELEMENTS (password_signals); i++)
        sigaction (password_signals[i], &previous[i], NULL);
      g_printerr ("\n");
    }

  if (saved_errno != 0)
    {
      g_set_error (error, REDRESS_ERROR, REDRESS_ERROR_IO,
                   _("The password cannot be read from standard input: %s."),
                   g_strerror (saved_errno));
      return NULL;
    }
  if (has_nul)
    {
      cli_usage_error (error, _("--password -: the password read from standard input contains a "
                                "NUL byte, which a password cannot hold."));
      return NULL;
    }
  if (length > MAX_PASSWORD || (length == MAX_PASSWORD && !line_ended))
    {
      cli_usage_error (error, _("--password -: no line end in the first %d bytes of standard "
                                "input; reading stopped there, as a PDF password has at most %d "
                                "bytes."), MAX_PASSWORD, REDRESS_PDF_MAX_PASSWORD_BYTES);
      return NULL;
    }
  if (length > 0 && password[length - 1] == '\r')
    password[--length] = '\0';
  if (length == 0)
    {
      cli_usage_error (error, _("--password -: no password was read from standard input."));
      return NULL;
    }
  if (!check_password_length ("--password -", password, error))
    return NULL;
  return g_steal_pointer (&password);
}

/*
 * The password --password gives (@given, nullable): read from standard
 * input for "-", none for "" or when not given.  With @check_length, one
 * given on the command line longer than a PDF password is refused.
 */
gboolean
cli_password_get (const char   *given,
                  gboolean      check_length,
                  CliPassword **password,
                  GError      **error)
{
  *password = NULL;
  if (g_strcmp0 (given, "-") == 0)
    {
      *password = read_password (error);
      return *password != NULL;
    }
  if (given != NULL && *given != '\0')
    {
      if (check_length && !check_password_length ("--password", given, error))
        return FALSE;
      *password = g_strdup (given);
    }
  return TRUE;
}

/* The core's reason, in one line that says what to do about it */
void
cli_explain_pdf_error (GError     **error,
                       const char  *path,
                       gboolean     password_given,
                       gboolean     reading)
{
  g_autofree char *name = g_filename_display_basename (path);
  GError *e = *error;

  if (e->domain != REDRESS_PDF_ERROR)
    return;

  if (e->code == REDRESS_PDF_ERROR_NEEDS_PASSWORD && !password_given)
    {
      g_autofree char *message = e->message;

      e->message = g_strdup_printf (_("%s Give it with --password PASSWORD, or use "
                                      "--password - to type it or pipe it in on standard "
                                      "input."), message);
    }
  else if (e->code == REDRESS_PDF_ERROR_WRONG_PASSWORD)
    {
      g_autofree char *message = e->message;

      e->message = g_strdup_printf (_("%s Check it (upper and lower case count) and try "
                                      "again."), message);
    }
  if (reading)
    /* Translators: before the reason a PDF could not be read: "Cannot read
     * “letter.pdf”: This file is not a PDF." */
    g_prefix_error (error, _("Cannot read “%s”: "), name);
  else
    /* Translators: before the reason a PDF was refused: "Cannot import
     * “notes.pdf”: This file is not a PDF." */
    g_prefix_error (error, _("Cannot import “%s”: "), name);
}

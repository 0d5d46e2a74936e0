/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "redress-pdf-protocol.h"

G_BEGIN_DECLS

/* Shared by the import (redress-pdf-import.c) and the reader's server
 * (redress-pdf-server.c): an anonymous file holding a PDF, and
 * redress-pdf-worker started on it with its limits. */

/* A sealed anonymous file with @bytes in it (close it when done) */
int          redress_pdf_file_from_bytes (GBytes            *bytes,
                                          GError           **error);
/* Starts redress-pdf-worker @args with the PDF @pdf_fd on its descriptor
 * 3, @stdin_fd (taken; -1: none or a pipe, as @flags say) on its input,
 * no core dumps, @memory_limit bytes of address space (0: none; none in
 * a sanitizer build) and @cpu_seconds of CPU (0: no limit); it dies with
 * this process */
GSubprocess *redress_pdf_spawn_worker    (int                pdf_fd,
                                          int                stdin_fd,
                                          const char * const *args,
                                          GSubprocessFlags   flags,
                                          guint64            memory_limit,
                                          guint              cpu_seconds,
                                          GError           **error);

/* The consultant's words for a refusal; FALSE for an internal or unknown
 * one, which each caller words itself */
gboolean     redress_pdf_refusal_set_error (RedressPdfRefusal   refusal,
                                            guint               page,
                                            GError            **error);

G_END_DECLS

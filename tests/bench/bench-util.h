/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-core.h"

G_BEGIN_DECLS

/* What the document benchmarks share: timing, a fresh store with a case,
 * and the long PDF they read */

#define BENCH_LONG_PDF   "long_freeculture-352p.pdf"
#define BENCH_LONG_PAGES 352

void          bench_die         (const char  *program,
                                 const char  *what,
                                 const GError *error) G_GNUC_NORETURN;
double        bench_ms_since    (gint64       start);
/* Of an array of double */
double        bench_best        (GArray      *values);
double        bench_median      (GArray      *values);
/* " 12.3   11.9   12.1" */
char         *bench_format_runs (GArray      *values,
                                 int          decimals);
const char   *bench_verdict     (double       value,
                                 double       target);

/* A temporary folder, and its removal with what it holds */
char         *bench_make_tmpdir (const char  *program);
void          bench_remove_tree (const char  *path);

/* The corpus's 352-page PDF, or one of as many pages written in @dir with
 * the tests' PDF generator; @description says which */
char         *bench_long_pdf    (const char  *dir,
                                 char       **description);

/* A new database @dir/@name holding one client file and one case */
RedressStore *bench_store_new   (const char  *program,
                                 const char  *dir,
                                 const char  *name,
                                 gint64      *case_id);

/* pdftotext, the reference of the document benchmarks: $REDRESS_PDFTOTEXT
 * or the one on the PATH; NULL when there is none */
char         *bench_find_pdftotext (void);
/* Milliseconds `pdftotext PDF OUT` took (OUT: /dev/null, or a file) */
double        bench_time_pdftotext (const char  *program,
                                    const char  *pdftotext,
                                    const char  *pdf,
                                    const char  *out);

G_END_DECLS

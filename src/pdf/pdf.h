/*
 * pdf.h -- writes laid-out pages as a PDF file through libharu.
 *
 * The only module that includes hpdf.h. Fonts are subset with hb-subset to
 * the code points the pages use and embedded by brief itself: text the
 * document draws most is written with one-byte codes, the rest through a
 * CID font (src/pdf/embed.c). Output is deterministic: the same pages and
 * info give the same bytes.
 */
#ifndef BRIEF_PDF_H
#define BRIEF_PDF_H

#include <stddef.h>

#include "layout/page.h"

typedef struct pdf_info {
	const char *title, *subject, *author, *keywords;  /* UTF-8 or NULL */
	const char *creator;          /* e.g. "brief 0.1" */
	const char *producer;         /* "brief 0.1"; the libharu version is added.
	                                 NULL: libharu's own ("Haru Free PDF Library") */
	long long date;               /* creation date, seconds since the epoch
	                                 (UTC); < 0 = no date in the file */
} pdf_info;

/* Writes doc as a PDF file at path (created or truncated). Returns 0, or -1
 * with a one-line message in err (no trailing newline), in which case a file
 * at path may have been written partly: the caller writes to a temporary name
 * and removes it on failure. */
int pdf_write(const lay_doc *doc, const pdf_info *info, const char *path,
              char *err, size_t errsize);

#endif

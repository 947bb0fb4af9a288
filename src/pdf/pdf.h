/*
 * pdf.h -- writes laid-out pages as a PDF file through libharu.
 *
 * The only module that includes hpdf.h. Fonts are subset with hb-subset to
 * the code points the pages use and embedded by brief itself: the first 255
 * characters a face draws are written with one-byte codes, the rest through
 * a CID font (src/pdf/embed.c). Output is deterministic: the same pages and
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

/* A PDF being written a page at a time, as the layout finishes pages
 * (layout.h, lay_document_stream): each page is drawn when it comes and
 * only libharu's objects are kept; characters get their codes as they
 * first appear, and the fonts are subset and completed at pdf_close, when
 * all are known. */
typedef struct pdf_writer pdf_writer;

/* Starts a PDF; the page size and faces are those of the doc the first
 * page comes with. NULL when out of memory. */
pdf_writer *pdf_open(void);

/* Draws page p (0-based: pages come in order, each once) from its items
 * pg, which need to stay valid during the call only; doc->npages counts
 * the pages so far. An internal link to a page not drawn yet is made at
 * pdf_close. Returns 0, or -1 with the message in pdf_error(w); after a
 * failure every call fails. */
int pdf_page(pdf_writer *w, const lay_doc *doc, int p, const lay_page *pg);

/* Draws the late items of page p (what the layout fills in at the end,
 * once every page is drawn) over its content, at the end of its content
 * stream. Returns 0 or -1 as pdf_page. */
int pdf_page_late(pdf_writer *w, const lay_doc *doc, int p, const lay_page *late);

/* The message of the first failure: "PDF: ..."; "" when none. */
const char *pdf_error(const pdf_writer *w);

/* Finishes the PDF of doc (its final page count, marks and language; its
 * pages may hold no items), with info, and writes it at path; frees w.
 * Returns 0, or -1 with a one-line message in err, in which case a file at
 * path may have been written partly (as pdf_write). */
int pdf_close(pdf_writer *w, const lay_doc *doc, const pdf_info *info, const char *path,
              char *err, size_t errsize);

/* Frees w without writing anything. NULL is accepted. */
void pdf_abandon(pdf_writer *w);

/* Writes doc as a PDF file at path (created or truncated). Returns 0, or -1
 * with a one-line message in err (no trailing newline), in which case a file
 * at path may have been written partly: the caller writes to a temporary name
 * and removes it on failure. */
int pdf_write(const lay_doc *doc, const pdf_info *info, const char *path,
              char *err, size_t errsize);

#endif

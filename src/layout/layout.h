/*
 * layout.h -- lays a document out into pages.
 *
 * One pass over the blocks: text is broken into lines, blocks are placed on
 * pages, tables repeat their header on every page they span and split rows
 * taller than a page. What depends on the end of the document ("Page X of
 * Y", page numbers in the contents) is recorded as it is laid out and filled
 * in at the end, without laying anything out twice.
 */
#ifndef BRIEF_LAYOUT_H
#define BRIEF_LAYOUT_H

#include <stddef.h>

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/page.h"

/* Something the reader should know but that did not stop the layout: a
 * character no font covers, an image scaled down, a column too narrow. */
typedef struct lay_warning {
	int line;               /* script line of the block, 0 if unknown */
	const char *message;
} lay_warning;

typedef struct lay_result {
	lay_doc *doc;           /* the pages; free with lay_free() */
	lay_warning *warnings;  /* owned by doc's arena */
	int nwarnings;
} lay_result;

/* lay_document() ran out of memory (the worker's limit, most likely). */
#define LAY_OUT_OF_MEMORY (-2)

/* lay_document() stopped: the document runs past max_pages pages. */
#define LAY_TOO_MANY_PAGES (-3)

/* Lays out d with the faces of fonts (which must outlive the result), to
 * at most max_pages pages (<= 0: as many as it takes), so that a runaway
 * document (a 400-point body, a loop of page breaks) costs no more than
 * that. Returns 0 and fills *out; LAY_OUT_OF_MEMORY; LAY_TOO_MANY_PAGES;
 * or -1 with a message (the margins leave no room, an image that cannot be
 * placed). */
int lay_document(const doc_document *d, lay_fonts *fonts, int max_pages, lay_result *out,
                 char *err, size_t errsize);

/* Pages handed to a writer one at a time, so that no page's items are
 * kept after it is drawn (lay_document_stream). A callback returns 0, or
 * -1 to stop the layout: lay_document_stream() then returns -1 with the
 * message the callback wrote into err. */
typedef struct lay_stream {
	/* Page `page` (0-based, in order) is finished but for its late items.
	 * pg and everything its items point to are valid during the call
	 * only; doc->npages counts the pages so far. */
	int (*page_done)(void *user, const lay_doc *doc, int page, const lay_page *pg,
	                 char *err, size_t errsize);
	/* After the last page_done, once per page that has them, in order:
	 * the page's late items, what depends on the end of the document --
	 * the running header and footer ("Page 3 of 12", {section}) and a
	 * contents entry's page number, dotted leader and link (to any
	 * page). doc->npages is final. Drawn over the page_done content (a
	 * content stream of its own: HPDF_Page_New_Content_Stream). Same
	 * validity as page_done. */
	int (*page_late)(void *user, const lay_doc *doc, int page, const lay_page *late,
	                 char *err, size_t errsize);
	void *user;
} lay_stream;

/* lay_document(), handing each page to stream as it is finished and
 * freeing it after: the result's pages hold no items (its size, faces,
 * marks and page count are as lay_document() makes them). The items
 * handed out, page_done's then page_late's of each page, are those
 * lay_document() puts on it, in that order but for the late ones, which
 * it puts among them. What the audit finds is said as blocks are
 * finished rather than at the end. */
int lay_document_stream(const doc_document *d, lay_fonts *fonts, int max_pages,
                        const lay_stream *stream, lay_result *out, char *err,
                        size_t errsize);

/* Frees the pages of a result. NULL is accepted. */
void lay_free(lay_doc *doc);

/* Loads now what every layout of the process shares and keeps (the
 * hyphenation patterns), rather than at the first justified paragraph: the
 * brief command calls it once before it starts workers, which then share
 * it instead of each loading it again. Safe to call more than once. */
void lay_preload(void);

#endif

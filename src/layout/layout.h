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

/* Lays out d with the faces of fonts (which must outlive the result).
 * Returns 0 and fills *out; LAY_OUT_OF_MEMORY; or -1 with a message (the
 * margins leave no room, an image that cannot be placed). */
int lay_document(const doc_document *d, lay_fonts *fonts, lay_result *out,
                 char *err, size_t errsize);

/* Frees the pages of a result. NULL is accepted. */
void lay_free(lay_doc *doc);

/* Loads now what every layout of the process shares and keeps (the
 * hyphenation patterns), rather than at the first justified paragraph: the
 * brief command calls it once before it starts workers, which then share
 * it instead of each loading it again. Safe to call more than once. */
void lay_preload(void);

#endif

/*
 * document.h -- the document model: what a script asked for, before layout.
 *
 * A document is a sequence of blocks (headings, paragraphs, lists, tables,
 * charts, timelines, images, a table of contents, page breaks) plus its
 * metadata and style. It knows nothing of Lua, fonts or PDF: the bindings
 * fill it, the layout engine reads it.
 *
 * Ownership: a doc_document owns every string, span and array reachable from
 * it (one arena) and every decoded image its blocks show (a list of its own,
 * since an arena cannot free them); doc_free() releases them all. All text is
 * valid UTF-8: callers validate before adding (utf8.h).
 *
 * Provenance: each block, and the title block, carries the dataset records
 * whose values it shows, and the document numbers the sources of those
 * records in the order they first reached it. Records are only numbers here
 * (their serials in the dataset, data/dataset.h): script/provenance.c
 * decides which records a block shows; the document only keeps them.
 */
#ifndef BRIEF_DOCUMENT_H
#define BRIEF_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/style.h"

typedef struct arena arena;
typedef struct imagefile imagefile;     /* util/imagefile.h */

/* Inline styles, combinable. */
enum { DOC_BOLD = 1u, DOC_ITALIC = 2u };

struct doc_text;

/* A run of text in one inline style, optionally a link; or a footnote's
 * reference, where the note's number is set and the note itself goes to
 * the foot of the page. */
typedef struct doc_span {     /* pointers first: 32 bytes, no padding */
	const char *text;       /* UTF-8, may be empty; "" for a note */
	const char *link;       /* URL, or NULL */
	const struct doc_text *note;    /* the footnote's text, or NULL */
	unsigned style;         /* DOC_BOLD | DOC_ITALIC */
	int note_number;        /* 1, 2, ... through the document; 0 when no note */
} doc_span;

/* Inline content: a paragraph, a heading, a table cell. */
typedef struct doc_text {
	doc_span *spans;
	int nspans;
} doc_text;

typedef enum doc_align {
	DOC_ALIGN_DEFAULT = 0,  /* whatever the style says */
	DOC_ALIGN_LEFT,
	DOC_ALIGN_CENTER,
	DOC_ALIGN_RIGHT,
	DOC_ALIGN_JUSTIFY
} doc_align;

/* How a text block is broken into lines: over the whole paragraph
 * (Knuth-Plass total fit), or line by line as words come (first fit). */
typedef enum doc_linebreaks {
	DOC_LINEBREAKS_DEFAULT = 0,     /* whatever the style says */
	DOC_LINEBREAKS_OPTIMIZED,
	DOC_LINEBREAKS_SIMPLE
} doc_linebreaks;

typedef enum doc_kind {
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,
	DOC_TABLE,
	DOC_CHART,
	DOC_TIMELINE,
	DOC_IMAGE,
	DOC_CONTENTS,
	DOC_PAGE_BREAK
} doc_kind;

typedef struct doc_list_item {
	doc_text text;
	struct doc_list *sublist;    /* nested list, or NULL */
} doc_list_item;

typedef struct doc_list {
	bool ordered;
	bool sources;           /* the list of sources, filled in when saved */
	int nitems;
	doc_list_item *items;
} doc_list;

typedef struct doc_column {
	doc_text title;
	double width;           /* points; 0 = automatic */
	doc_align align;
} doc_column;

typedef struct doc_table {
	int ncols;
	doc_column *cols;
	int nrows;
	doc_text *cells;        /* nrows * ncols, row-major */
	doc_text caption;       /* nspans == 0 when none */
} doc_table;

typedef enum doc_chart_type { DOC_CHART_BAR, DOC_CHART_LINE } doc_chart_type;

typedef struct doc_series {
	const char *name;
	double *values;         /* nlabels values; NaN = no value */
} doc_series;

typedef struct doc_chart {
	doc_chart_type type;
	bool horizontal;        /* bars along the x axis, categories down the y axis */
	bool stacked;           /* a label's bars on top of each other, not side by side */
	const char *title;      /* may be NULL */
	const char *unit;       /* may be NULL */
	int nlabels;
	const char **labels;
	int nseries;
	doc_series *series;
} doc_chart;

typedef struct doc_timeline_entry {
	const char *date;       /* as given: "1989", "2004-11", "2004-11-30" */
	doc_text label;
	const char *group;      /* the group it starts or continues, or NULL */
	bool inferred;          /* its date is implied by its source, not printed */
} doc_timeline_entry;

typedef struct doc_timeline {
	const char *title;      /* may be NULL */
	bool by_decade;         /* grouped by decade ("1990s") */
	bool even;              /* evenly spaced, not to time (a compact list) */
	int nentries;
	doc_timeline_entry *entries;
} doc_timeline;

typedef struct doc_image {
	const imagefile *image; /* decoded and checked, owned by the document */
	const char *path;       /* the file it was read from, for messages */
	double width;           /* points; 0 = natural size, capped to the column */
	const char *caption;    /* may be NULL */
} doc_image;

typedef struct doc_paragraph {
	doc_text text;
	doc_align align;
	doc_linebreaks linebreaks;
	double size;            /* points; 0 = body size */
} doc_paragraph;

typedef struct doc_heading {
	doc_text text;
	int level;              /* 1..3 */
} doc_heading;

/* A record a block shows, and a text of it that the block shows: a block
 * split over pages shows the record on the pages where that text is drawn.
 * text NULL: the record counts on every page of the block. */
typedef struct doc_shown {
	int serial;
	const char *text;
} doc_shown;

/* The dataset records a block shows, by serial. */
typedef struct doc_records {
	const int *serials;     /* ascending, no repeats; NULL when n == 0 */
	int n;
	const doc_shown *shown; /* each record with each text that showed it */
	int nshown;
} doc_records;

typedef struct doc_block {
	doc_kind kind;
	int line;               /* script line that added it, 0 if unknown */
	doc_records records;    /* the records whose values it shows */
	union {
		doc_heading heading;
		doc_paragraph paragraph;
		doc_list list;
		doc_table table;
		doc_chart chart;
		doc_timeline timeline;
		doc_image image;
	} u;
} doc_block;

typedef struct doc_meta {
	const char *title;      /* each may be NULL */
	const char *subtitle;
	const char *author;
	const char *date;
	const char *source_name; /* the script's name, for messages */
	const char *lang;       /* "en" or "ko": hyphenation, line breaking, the
	                           PDF's language tag */
} doc_meta;

typedef struct doc_document {
	arena *arena;
	doc_meta meta;
	doc_style style;
	doc_block *blocks;
	int nblocks;
	int cap;
	int nnotes;             /* footnotes so far: the next is nnotes + 1 */
	imagefile **images;     /* freed by doc_free() */
	int nimages, capimages;
	doc_records title_records;  /* those the title, subtitle, author and date show */
	int *sources;           /* source records by serial, numbered 1, 2, ... in the
	                           order they reached the document; freed by doc_free() */
	int nsources, capsources;
} doc_document;

/* Returns a new empty document with the default style, owned by the caller;
 * free with doc_free(). NULL when out of memory. */
doc_document *doc_new(void);

/* Frees the document and everything it owns. NULL is accepted. */
void doc_free(doc_document *d);

/* Appends a block of the given kind, zeroed but for kind and line, and
 * returns it for the caller to fill with memory from d->arena. The pointer is
 * valid until the next doc_add(). NULL when out of memory. */
doc_block *doc_add(doc_document *d, doc_kind kind, int line);

/* Appends a DOC_IMAGE block showing img, as doc_add() does, for the caller
 * to fill in the rest of u.image (path, width, caption). The document takes
 * ownership of img in every case: it is freed by doc_free(), or at once when
 * this fails, or when the document already holds the same image (the same
 * file added twice: a logo on every page), which the block then shows, so
 * that it is embedded once. NULL when out of memory. */
doc_block *doc_add_image(doc_document *d, imagefile *img, int line);

/* The number (1, 2, ...) of the source record with this serial in d's list
 * of sources, giving it the next number when it has none yet. 0 when out of
 * memory. */
int doc_source_number(doc_document *d, int serial);

/* Copies the n pairs (in any order, repeats allowed; texts copied too) into
 * the document's arena as a doc_records: the serials sorted and without
 * repeats, the pairs without repeats. Returns false when out of memory,
 * leaving *out empty. */
bool doc_records_set(doc_document *d, const doc_shown *shown, int n, doc_records *out);

/* Copies s into the document's arena; NULL when out of memory. */
char *doc_strdup(doc_document *d, const char *s);

/* Returns one span of plain text (copied), for headings and cells given as
 * plain strings. Sets *ok = false when out of memory. */
doc_text doc_plain_text(doc_document *d, const char *s, bool *ok);

/* A chart value as its labels, alt text and data table write it, into buf:
 * up to two decimals, trailing zeros dropped ("38.7", "149"); "" for a
 * missing one (NaN). */
void doc_chart_value(double v, char *buf, size_t n);

/* Concatenated text of t (no markup), in d's arena; NULL when out of memory.
 * Used for outline titles and messages. */
char *doc_text_string(doc_document *d, const doc_text *t);

#endif

/*
 * context.h -- the state of one layout run and the page toolbox that works
 * on it (toolbox.c), shared by the files of src/layout/ and by nothing else.
 *
 * The flow (layout.c) owns the order of blocks; each block (blocks.h)
 * places itself through the cursor and the toolbox; inline text is
 * inline.h's.
 */
#ifndef BRIEF_LAYOUT_CONTEXT_H
#define BRIEF_LAYOUT_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/inline.h"
#include "layout/layout.h"
#include "layout/page.h"

typedef struct lay_ctx {
	const doc_document *doc;
	const doc_style *st;
	lay_fonts *fonts;
	lay_doc *out;
	struct arena *arena;    /* out->arena */
	bool oom;

	/* the content box of every page */
	float left, right, top, bottom, width;
	int page;               /* index of the page items go to */
	int cappages;           /* room in out->pages */
	float y;                /* cursor: top of the next thing, from the page bottom */
	bool page_fresh;        /* nothing placed on the current page's body yet */
	int line;               /* script line of the block being laid out */
	int block;              /* its index in the document; -1 for furniture */
	lay_role role;          /* what the items placed now are */

	lay_warning *warnings;
	int nwarnings, capwarnings;
	uint32_t *reported;     /* code points already warned about */
	int nreported, capreported;

	/* late-bound numbers: contents entries waiting for their heading's page */
	struct pending {
		int page, item;     /* the text item to fill */
		int link_item;      /* the link item to point, -1 if none */
		int heading;        /* ordinal of the heading in the document */
		float right;        /* right edge to align the number to */
	} *pending;
	int npending, cappending;
	struct heading_place {
		int page;
		float top;
	} *headings;            /* indexed by heading ordinal */
	int nheadings;

	char **heading_labels;  /* "1.2 Title" of every heading, by ordinal */
	int heading_seen;       /* headings placed so far */

	bool hyph_tried;        /* hyphenation patterns looked for (linebreak.c) */

	lay_inline scratch;     /* reused by every paragraph */
	lay_inline label;       /* reused by text_draw() */
} lay_ctx;

/* ---- the page toolbox (toolbox.c) ---- */
lay_page *ctx_page(lay_ctx *c);                 /* the current page */
lay_item *ctx_item(lay_ctx *c, lay_kind kind);  /* appended to the current page */
void ctx_new_page(lay_ctx *c);                 /* the cursor at its top */
bool ctx_fits(lay_ctx *c, float height);        /* fits below the cursor? */
/* A straight line, returned so the caller may make it dashed or dotted
 * (NULL when out of memory); a filled rectangle. */
lay_item *ctx_line(lay_ctx *c, float x1, float y1, float x2, float y2, float width,
                   lay_color color);
void ctx_fill(lay_ctx *c, float x, float y, float w, float h, lay_color color);
void ctx_ensure(lay_ctx *c, float height);      /* new page unless it fits or the page is fresh */
void ctx_warn(lay_ctx *c, const char *fmt, ...);
lay_color ctx_color(doc_rgb c);
const char *ctx_strndup(lay_ctx *c, const char *s, size_t n);

/* The body text style at size (0: the template's body size). */
lay_textstyle ctx_body_style(const lay_ctx *c, float size);

/* Baseline of a line whose box starts at `top`. */
float ctx_baseline(float top, float size, float leading);

/* Places the lines of `in` from the cursor, breaking pages between lines;
 * each line is drawn at x within width. With keep, a paragraph's last line
 * never starts a page alone: the line before it goes along, when at least
 * two stay behind. */
void ctx_place_lines(lay_ctx *c, lay_inline *in, const lay_textstyle *ts, float x,
                     float width, doc_align align, bool keep);

/* The alignment a block asks for, or the template's. */
doc_align ctx_align(const lay_ctx *c, doc_align a);

#endif

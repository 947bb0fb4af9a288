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

/* A footnote of the document, by number. */
typedef struct lay_note {
	const doc_text *text;
	int line, block;        /* where it is cited: script line, block index */
	float height;           /* set at the foot of a page, spacing included */
	bool placed;            /* cited on a page already */
} lay_note;

/* Space between the body and the first footnote of a page: the rule above
 * the notes and the gaps around it. */
#define NOTES_RULE 10.0f

typedef struct lay_ctx {
	const doc_document *doc;
	const doc_style *st;
	lay_fonts *fonts;
	lay_doc *out;
	struct arena *arena;    /* out->arena */
	struct arena *items_arena;  /* what text and link items point to: out->arena,
	                           or, page by page, the current page's (stream.c) */
	bool oom;
	int max_pages;          /* stop past this many pages; <= 0: no end */
	bool too_many;          /* stopped so: the message is the caller's */

	/* page by page (lay_document_stream): pages handed out as finished */
	const lay_stream *stream;   /* NULL: the whole document at the end */
	struct stream_state *ss;    /* stream.c's */

	/* the content box of every page */
	float left, right, top, bottom, width;
	int page;               /* index of the page items go to */
	int cappages;           /* room in out->pages */
	float y;                /* cursor: top of the next thing, from the page bottom */
	bool page_fresh;        /* nothing placed on the current page's body yet */
	int line;               /* script line of the block being laid out */
	int block;              /* its index in the document; -1 for furniture */
	struct block_pages {
		int first, last;    /* pages its items are on; -1 before any */
	} *block_pages;         /* by block index, for the audit (audit.c) */
	lay_role role;          /* what the items placed now are */

	lay_warning *warnings;
	int nwarnings, capwarnings;
	uint32_t *reported;     /* code points already warned about */
	int nreported, capreported;

	/* late-bound numbers: contents entries waiting for their heading's page */
	struct pending {
		int page, item;     /* the text item to fill */
		int link_item;      /* the link item to point, -1 if none */
		int leader_item;    /* the dotted leader to end at the number, -1 if none */
		int heading;        /* ordinal of the heading in the document */
		float right;        /* right edge to align the number to */
	} *pending;
	int npending, cappending;
	struct heading_place {
		int page;
		float top;
	} *headings;            /* indexed by heading ordinal */

	char **heading_labels;  /* "1.2 Title" of every heading, by ordinal */
	int heading_seen;       /* headings placed so far */

	lay_note *notes;        /* indexed by number, 1..nnotes */
	int nnotes;
	int *page_notes;        /* numbers of the notes cited on the current page */
	int npage_notes, cappage_notes;
	float notes_height;     /* their height at the page's foot, NOTES_RULE
	                           included; 0 when none */
	void (*on_page_end)(struct lay_ctx *c);   /* before a new page: the
	                           flow draws the notes of the page ending */

	bool hyph_tried;        /* hyphenation patterns looked for (linebreak.c) */

	/* The start of the block after a heading, laid out ahead of its turn
	 * by its X_keep() (how tall it is) and kept for its X_layout(), so
	 * that no block is broken into lines twice (layout.c): */
	int ahead_block;        /* the block it is of; -1 when none is kept */
	lay_inline ahead;       /* a paragraph's lines, a list's first item's */
	struct table_ctx *ahead_table;  /* a table's start (table.c) */

	lay_inline scratch;     /* reused by every paragraph */
	lay_inline notes_in;    /* reused by every footnote (notes.c) */
	lay_inline label;       /* reused by text_draw() */
	short *kern;            /* a run's kerning, worked out (lines.c) */
	int capkern;
} lay_ctx;

/* ---- page by page (stream.c) ---- */

/* Sets up c for lay_document_stream(); false when out of memory. */
bool stream_begin(lay_ctx *c);
/* The current page is finished but for its late items (ctx_new_page(),
 * after its notes; `last` after the last block): its lines are audited, it
 * goes to the stream's page_done, its items and their strings are freed,
 * and what furniture.c fills in at the end (a contents entry's number,
 * leader and link) stays on it alone. */
void stream_page_done(lay_ctx *c, bool last);
/* After furniture_finish(): every page that has late items goes to the
 * stream's page_late; the audit's last verdicts. */
void stream_finish(lay_ctx *c);
/* Whether a callback stopped the layout: then its message is in err. */
bool stream_failed(const lay_ctx *c, char *err, size_t errsize);
void stream_end(lay_ctx *c);

/* ---- the page toolbox (toolbox.c) ---- */

/* Grows *p (of *cap elements of size) to hold need, by doubling; false when
 * out of memory. */
bool ctx_grow(void **p, int *cap, int need, size_t size);

/* Whether the block being laid out was broken into lines ahead of its
 * turn (c->ahead, by its X_keep()): then those lines are now c->scratch's
 * and nothing is kept ahead any more. */
bool ctx_take_ahead(lay_ctx *c);

lay_page *ctx_page(lay_ctx *c);                 /* the current page */
lay_item *ctx_item(lay_ctx *c, lay_kind kind);  /* appended to the current page */
void ctx_new_page(lay_ctx *c);                 /* the cursor at its top */
bool ctx_fits(lay_ctx *c, float height);        /* fits below the cursor and
                                                   above the page's notes? */
float ctx_room(const lay_ctx *c);               /* height left for the body */
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

/* Height the footnotes cited by line li of `in`, not yet set, would add
 * to the current page's foot (with the rule when the page has none yet). */
float ctx_notes_need(const lay_ctx *c, const lay_inline *in, int li);

/* Records the footnotes cited by line li of `in` as set at the foot of the
 * current page (drawn by the on_page_end hook), once each. */
void ctx_cite_notes(lay_ctx *c, const lay_inline *in, int li);

/* Whether text is broken first fit: as a block asks (a doc_linebreaks), or
 * as the template says. */
bool ctx_greedy(const lay_ctx *c, int linebreaks);

/* The alignment a block asks for, or the template's. */
doc_align ctx_align(const lay_ctx *c, doc_align a);

#endif

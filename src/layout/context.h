/*
 * context.h -- the state of one layout run, shared by the files of src/layout/
 * and by nothing else.
 *
 * The flow (layout.c) owns the cursor and the pages; inline text (text.c)
 * turns spans into boxes and lines; tables (table.c), graphics (graphics.c)
 * and images (image.c) place themselves through the same cursor.
 */
#ifndef BRIEF_LAYOUT_CONTEXT_H
#define BRIEF_LAYOUT_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "doc/document.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"

/* A piece of inline text in one face, without spaces: a word or part of one. */
typedef struct lay_box {
	int face;
	float size;
	lay_color color;
	int off, len;           /* bytes in the run's text buffer */
	float width;            /* advance, points */
	float space;            /* width of the space before it; 0 when none */
	unsigned flags;         /* BOX_* */
	const char *link;       /* URL or NULL */
} lay_box;

enum {
	BOX_BREAK = 1u,         /* a line may start with this box */
	BOX_NEWLINE = 2u,       /* a line must start with this box */
	BOX_CUT = 4u,           /* the rest of a word cut between characters */
	BOX_HYPHEN = 8u         /* a line may start with this box when the line before
	                           ends with a drawn hyphen (a hyphenation point or a
	                           soft hyphen inside a word) */
};

/* One laid-out line: boxes [first, first + count). */
typedef struct lay_line {
	int first, count;
	float width;            /* natural width, spaces included */
	int gaps;               /* spaces inside the line */
	bool last;              /* last of its paragraph or ended by a newline */
	bool hyphen;            /* ends inside a word: a hyphen is drawn after it */
	float hyphen_width;     /* that hyphen's width, in width */
} lay_line;

/* Inline text turned into boxes and broken into lines. */
typedef struct lay_inline {
	char *text;             /* UTF-8 of every box, back to back */
	int ntext, captext;
	lay_box *boxes;
	int nboxes, capboxes;
	lay_line *lines;
	int nlines, caplines;
} lay_inline;

/* How a piece of inline text is set. */
typedef struct lay_textstyle {
	doc_family family;
	unsigned style;         /* DOC_BOLD | DOC_ITALIC added to every span */
	float size, leading;
	lay_color color, link_color;
} lay_textstyle;

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

	bool hyph_tried;        /* hyphenation patterns looked for (text.c) */

	lay_inline scratch;     /* reused by every paragraph */
	lay_inline label;       /* reused by text_draw() */
} lay_ctx;

/* ---- flow (layout.c) ---- */
lay_page *ctx_page(lay_ctx *c);                 /* the current page */
lay_item *ctx_item(lay_ctx *c, lay_kind kind);  /* appended to the current page */
void ctx_new_page(lay_ctx *c);
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

/* ---- inline text (text.c) ---- */

/* Turns t into boxes in `in` (cleared first), choosing a face per character
 * by coverage; characters no font covers are reported once and drawn as
 * U+FFFD or "?". */
void text_boxes(lay_ctx *c, lay_inline *in, const doc_text *t, const lay_textstyle *ts);

/* Appends plain UTF-8 s as boxes, for generated text (numbers, labels). */
void text_append(lay_ctx *c, lay_inline *in, const char *s, const lay_textstyle *ts,
                 unsigned style);

/* ---- line breaking (linebreak.c) ---- */

/* Breaks the boxes of `in` into lines at most `width` wide (greedy, first
 * fit; a word wider than the line is broken between characters). */
void text_break(lay_ctx *c, lay_inline *in, float width);

/* Breaks the boxes of `in` into justified lines of `width` with the
 * total-fit breaker (breaker.h): words are hyphenated first (hyphenate.h),
 * and the breaks are chosen over the whole paragraph so that spaces stretch
 * or shrink least, hyphens only where they help. Falls back to
 * text_break() when even the emergency pass leaves a line too long (a word
 * wider than the column, cut between characters). Lines may be up to a
 * third of their spaces wider than `width`: drawn justified, they shrink
 * to it. */
void text_break_justified(lay_ctx *c, lay_inline *in, float width);

/* Splits the words of `in` at their hyphenation points (English patterns;
 * acronyms, numbers and Korean never), marking each later piece
 * BOX_HYPHEN. Words that already carry a soft hyphen are left as written. */
void text_hyphenate(lay_ctx *c, lay_inline *in);

/* Grows *p (of *cap elements of size) to hold need; false when out of memory. */
bool text_grow(void **p, int *cap, int need, size_t size);

/* Widest line and widest unbreakable word of `in`, for table columns. */
void text_measure(const lay_inline *in, float *max_width, float *min_width);

/* Draws line `li` of `in` with its baseline at `baseline`, in a column from x
 * of width `width`, aligned; justified lines stretch their spaces. */
void text_emit_line(lay_ctx *c, const lay_inline *in, int li, float x, float baseline,
                    float width, doc_align align);

/* Width of plain UTF-8 s set in face at size (for numbers and labels). */
float text_width(lay_ctx *c, int face, float size, const char *s);

/* Draws plain UTF-8 s on one line at (x, baseline); returns its width. */
float text_draw(lay_ctx *c, const char *s, doc_family family, unsigned style, float size,
                lay_color color, float x, float baseline);

void text_inline_free(lay_inline *in);

/* ---- blocks (table.c, graphics.c, image.c) ---- */
void table_layout(lay_ctx *c, const doc_table *t);
void chart_layout(lay_ctx *c, const doc_chart *ch);
float chart_height(const lay_ctx *c, const doc_chart *ch);
void timeline_layout(lay_ctx *c, const doc_timeline *tl);
int image_layout(lay_ctx *c, const doc_image *im, char *err, size_t errsize);

#endif

/*
 * inline.h -- inline text inside src/layout/: spans become boxes (text.c),
 * boxes are broken into lines (linebreak.c), lines become text items
 * (lines.c). Each file calls only the ones before it.
 */
#ifndef BRIEF_LAYOUT_INLINE_H
#define BRIEF_LAYOUT_INLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/document.h"
#include "layout/page.h"

struct lay_ctx;

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
	float rise;             /* baseline shift, points (a note's number) */
	float slant;            /* 0, or a synthetic italic's shear (page.h) */
	int note;               /* the footnote it cites (its number), or 0 */
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

/* ---- boxes (text.c) ---- */

/* Turns t into boxes in `in` (cleared first), choosing a face per character
 * by coverage; characters no font covers are reported once and drawn as
 * U+FFFD or "?". */
void text_boxes(struct lay_ctx *c, lay_inline *in, const doc_text *t, const lay_textstyle *ts);

/* Appends plain UTF-8 s as boxes, for generated text (numbers, labels). */
void text_append(struct lay_ctx *c, lay_inline *in, const char *s, const lay_textstyle *ts,
                 unsigned style);

/* Widest line and widest unbreakable word of `in`, for table columns. */
void text_measure(const lay_inline *in, float *max_width, float *min_width);

/* ---- line breaking (linebreak.c) ---- */

/* Breaks the boxes of `in` into lines at most `width` wide (greedy, first
 * fit; a word wider than the line is broken between characters). */
void text_break(struct lay_ctx *c, lay_inline *in, float width);

/* How every text block is broken: first fit when greedy (a script's or
 * template's choice, `linebreaks = "simple"`), else total fit, justified
 * or ragged as align says. */
void text_break_block(struct lay_ctx *c, lay_inline *in, float width, doc_align align,
                      bool greedy);

/* ---- drawing (lines.c) ---- */

/* Places the lines of `in` from the cursor, breaking pages between lines,
 * each with the footnotes it cites; each line is drawn at x within width.
 * With keep, neither a first line nor a last line stands alone at the foot
 * or the top of a page: the first two lines go together (all three of a
 * three-line text), and the line before the last goes along with it when
 * at least two stay behind; a page does not end with a hyphenated line
 * when that line can go along and two stay behind. */
void text_place_lines(struct lay_ctx *c, lay_inline *in, const lay_textstyle *ts, float x,
                      float width, doc_align align, bool keep);

/* Draws line `li` of `in` with its baseline at `baseline`, in a column from x
 * of width `width`, aligned; justified lines stretch their spaces. */
void text_emit_line(struct lay_ctx *c, const lay_inline *in, int li, float x, float baseline,
                    float width, doc_align align);

/* Width of plain UTF-8 s set in face at size as text_draw() sets it:
 * shaped, other faces where face lacks a character (for numbers and labels). */
float text_width(struct lay_ctx *c, int face, float size, const char *s);

/* s when it is at most width wide set in face at size, else as much of it
 * as fits with an ellipsis, in buf (n bytes), or "" when not even the
 * ellipsis fits: for a label that must stay in its place on one line. */
const char *text_fit(struct lay_ctx *c, const char *s, int face, float size, float width,
                     char *buf, size_t n);

/* Draws plain UTF-8 s on one line at (x, baseline); returns its width. */
float text_draw(struct lay_ctx *c, const char *s, doc_family family, unsigned style, float size,
                lay_color color, float x, float baseline);

void text_inline_free(lay_inline *in);

#endif

/*
 * paragraph.c -- a paragraph: its spans broken into lines (total-fit when
 * justified), placed down the page and broken between lines, never leaving
 * a single first line at the foot of a page nor a single last line at the
 * top of one.
 */

#include "layout/blocks.h"

/* Breaks p into the lines of `in`; its text style in *ts, its alignment
 * returned. */
static doc_align break_paragraph(lay_ctx *c, lay_inline *in, const doc_paragraph *p,
                                 lay_textstyle *ts)
{
	*ts = ctx_body_style(c, (float)p->size);
	doc_align align = ctx_align(c, p->align);
	text_boxes(c, in, &p->text, ts);
	text_break_block(c, in, c->width, align, ctx_greedy(c, p->linebreaks));
	return align;
}

void paragraph_layout(lay_ctx *c, const doc_paragraph *p)
{
	lay_textstyle ts;
	lay_inline *in = &c->scratch;
	doc_align align;
	if (ctx_take_ahead(c)) {        /* broken already, by paragraph_keep() */
		ts = ctx_body_style(c, (float)p->size);
		align = ctx_align(c, p->align);
	} else {
		align = break_paragraph(c, in, p, &ts);
	}
	text_place_lines(c, in, &ts, c->left, c->width, align, true);
	c->y -= (float)c->st->paragraph_space;
}

/* The lines text_place_lines() keeps together at the start: two, or all
 * of a paragraph of three or fewer, with the notes the first line cites.
 * The lines are kept for paragraph_layout() (c->ahead). */
float paragraph_keep(lay_ctx *c, const doc_paragraph *p)
{
	lay_textstyle ts;
	lay_inline *in = &c->ahead;
	break_paragraph(c, in, p, &ts);
	c->ahead_block = c->block;
	int first = in->nlines <= 3 ? in->nlines : 2;
	return (float)first * ts.leading + (in->nlines > 0 ? ctx_notes_need(c, in, 0) : 0);
}

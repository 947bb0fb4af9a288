/*
 * paragraph.c -- a paragraph: its spans broken into lines (total-fit when
 * justified), placed down the page and broken between lines, never leaving
 * a single first line at the foot of a page nor a single last line at the
 * top of one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"

void paragraph_layout(lay_ctx *c, const doc_paragraph *p)
{
	lay_textstyle ts = ctx_body_style(c, (float)p->size);
	lay_inline *in = &c->scratch;
	doc_align align = ctx_align(c, p->align);
	text_boxes(c, in, &p->text, &ts);
	text_break_block(c, in, c->width, align, ctx_greedy(c, p->linebreaks));
	text_place_lines(c, in, &ts, c->left, c->width, align, true);
	c->y -= (float)c->st->paragraph_space;
}


float paragraph_keep(const lay_ctx *c, const doc_paragraph *p)
{
	return 2 * ctx_body_style(c, (float)p->size).leading;
}

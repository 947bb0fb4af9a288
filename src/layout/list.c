/*
 * list.c -- bulleted and numbered lists, nested: marks hang in the margin
 * of the item's text, items break between lines like paragraphs, with the
 * same widow and orphan control; a mark goes with its item's first lines.
 */
#include <stdio.h>

#include "layout/blocks.h"

/* A list's marks hang left of its text, which is indented 16 pt from left
 * (the content's left edge, or a parent item's text) or, when the widest
 * mark ("100.") needs more, by that much. */
/* Where the items' text starts: indented 16 pt from left, or more when
 * the widest number needs it. */
static float text_left(lay_ctx *c, const doc_list *l, float left, const lay_textstyle *ts)
{
	float indent = 16.0f;
	if (l->ordered) {
		char widest[32];
		snprintf(widest, sizeof widest, "%d.", l->nitems);
		float mw = text_width(c, fonts_face(ts->family, 0), ts->size, widest);
		if (mw + 5 > indent)
			indent = mw + 5;
	}
	return left + indent;
}

/* Breaks item i of l into the lines of `in` for a text from x. */
static void break_item(lay_ctx *c, lay_inline *in, const doc_list *l, int i, float x,
                       const lay_textstyle *ts)
{
	/* the sources (long titles, URLs, dates) are set ragged */
	doc_align align = ctx_align(c, DOC_ALIGN_DEFAULT) == DOC_ALIGN_JUSTIFY && !l->sources
	                  ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT;
	text_boxes(c, in, &l->items[i].text, ts);
	text_break_block(c, in, c->right - x, align, ctx_greedy(c, 0));
}

/* The height of the first lines of the item broken in `in` that go
 * together, with the notes the first one cites: two, or all of an item of
 * three or fewer (as text_place_lines keeps them). */
static float first_lines(const lay_ctx *c, const lay_inline *in, const lay_textstyle *ts)
{
	int first = in->nlines <= 3 ? in->nlines : 2;
	return (float)first * ts->leading + (in->nlines > 0 ? ctx_notes_need(c, in, 0) : 0);
}

static void list_at(lay_ctx *c, const doc_list *l, int depth, float left)
{
	lay_textstyle ts = ctx_body_style(c, 0);
	float x = text_left(c, l, left, &ts), width = c->right - x;
	/* the sources (long titles, URLs, dates) are set ragged */
	doc_align align = ctx_align(c, DOC_ALIGN_DEFAULT) == DOC_ALIGN_JUSTIFY && !l->sources
	                  ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT;
	for (int i = 0; i < l->nitems; i++) {
		lay_inline *in = &c->scratch;
		if (depth > 0 || i > 0 || !ctx_take_ahead(c))   /* list_keep() broke it */
			break_item(c, in, l, i, x, &ts);
		/* the mark goes with the item's first lines: on the next page
		 * when they do (text_place_lines keeps them together) */
		float need = first_lines(c, in, &ts);
		if (!ctx_fits(c, need) && !c->page_fresh)
			ctx_new_page(c);
		char mark[32];
		if (l->ordered)
			snprintf(mark, sizeof mark, "%d.", i + 1);
		else
			snprintf(mark, sizeof mark, "%s", depth % 2 ? "\xE2\x80\x93" : "\xE2\x80\xA2");
		float base = ctx_baseline(c->y, ts.size, ts.leading);
		int face = fonts_face(ts.family, 0);
		float mw = text_width(c, face, ts.size, mark);
		c->role = LAY_ROLE_LIST_LABEL;
		text_draw(c, mark, ts.family, 0, ts.size, ctx_color(c->st->accent),
		          x - 5 - mw, base);
		c->role = LAY_ROLE_LIST_BODY;
		text_place_lines(c, in, &ts, x, width, align, true);
		c->y -= 2;
		if (l->items[i].sublist)
			list_at(c, l->items[i].sublist, depth + 1, x);
	}
	if (depth == 0)
		c->y -= (float)c->st->paragraph_space;
}


void list_layout(lay_ctx *c, const doc_list *l)
{
	list_at(c, l, 0, c->left);
}

float list_keep(lay_ctx *c, const doc_list *l)
{
	if (l->nitems == 0)
		return 0;
	lay_textstyle ts = ctx_body_style(c, 0);
	break_item(c, &c->ahead, l, 0, text_left(c, l, c->left, &ts), &ts);
	c->ahead_block = c->block;      /* kept for list_at() */
	return first_lines(c, &c->ahead, &ts);
}

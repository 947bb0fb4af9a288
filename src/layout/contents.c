/*
 * contents.c -- the table of contents: every heading indented by level,
 * a dotted leader that reaches its page number, the entry a link to the
 * heading.
 * The numbers are known only at the end: each entry is recorded as pending
 * and filled in by furniture.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"

/* A dotted leader from x1 along the baseline, its end set by furniture.c
 * once the page number is known; its dots start on a 3 pt grid from the
 * left edge so that the leaders of all entries line up. Returns its index
 * on the page, or -1. */
static int leader(lay_ctx *c, float x1, float base, lay_color col)
{
	float start = c->left + ceilf((x1 + 3 - c->left) / 3.0f) * 3.0f;
	lay_item *it = ctx_line(c, start, base + 1, start, base + 1, 1.0f, col);
	if (!it)
		return -1;
	it->u.line.dotted = true;
	return ctx_page(c)->nitems - 1;
}

void contents_layout(lay_ctx *c)
{
	const doc_style *s = c->st;
	const doc_document *d = c->doc;
	const char *title = s->contents_title;
	/* brief's own word, in a Korean document's language */
	if (title && strcmp(title, "Contents") == 0 && d->meta.lang && strcmp(d->meta.lang, "ko") == 0)
		title = "\xEB\xAA\xA9\xEC\xB0\xA8";      /* 목차 */
	if (title && *title) {
		lay_textstyle hs = {s->heading_family, DOC_BOLD, (float)s->heading_size[0],
		                    (float)s->heading_size[0] * 1.25f,
		                    ctx_color(s->heading_color), ctx_color(s->heading_color)};
		ctx_ensure(c, hs.leading * 3);
		if (!c->page_fresh)
			c->y -= (float)s->heading_space_before[0];
		text_draw(c, title, hs.family, DOC_BOLD, hs.size, hs.color, c->left,
		          ctx_baseline(c->y, hs.size, hs.leading));
		c->y -= hs.leading + (float)s->heading_space_after[0];
	}
	float numw = 28;
	int k = 0;
	for (int b = 0; b < d->nblocks; b++) {
		if (d->blocks[b].kind != DOC_HEADING)
			continue;
		int lv = d->blocks[b].u.heading.level;
		lay_textstyle ts = ctx_body_style(c, 0);
		ts.family = s->heading_family;
		ts.style = lv == 1 ? DOC_BOLD : 0;
		ts.size = (float)s->body_size;
		float indent = 14.0f * (float)(lv - 1);
		lay_inline *in = &c->scratch;
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, c->heading_labels[k], &ts, 0);
		text_break_block(c, in, c->width - indent - numw, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		float gap = lv == 1 ? 3 : 0;
		if (!ctx_fits(c, (float)in->nlines * ts.leading + gap) && !c->page_fresh)
			ctx_new_page(c);
		c->y -= gap;
		float top = c->y;
		text_place_lines(c, in, &ts, c->left + indent, c->width - indent - numw, DOC_ALIGN_LEFT, false);
		float base = ctx_baseline(c->y + ts.leading, ts.size, ts.leading);
		lay_line *ll = &in->lines[in->nlines - 1];
		int dots = leader(c, c->left + indent + ll->width, base, ctx_color(s->muted));

		/* the page number and the link, filled in by finish(); the second
		 * ctx_item() may move the first, so num is taken after both */
		if (!ctx_item(c, LAY_TEXT))
			return;
		lay_item *link = ctx_item(c, LAY_LINK);
		if (!link)
			return;
		lay_item *num = link - 1;
		num->y = base;
		num->color = ts.color;
		num->u.text.face = fonts_face(ts.family, ts.style);
		num->u.text.size = ts.size;
		num->u.text.str = "";
		link->x = c->left + indent;
		link->y = c->y;
		link->w = c->width - indent;
		link->h = top - c->y;
		if (c->npending == c->cappending) {
			int cap = c->cappending ? c->cappending * 2 : 16;
			struct pending *p = realloc(c->pending, (size_t)cap * sizeof *p);
			if (!p) {
				c->oom = true;
				return;
			}
			c->pending = p;
			c->cappending = cap;
		}
		lay_page *pg = ctx_page(c);
		c->pending[c->npending++] = (struct pending){c->out->npages - 1, pg->nitems - 2,
		                                             pg->nitems - 1, dots, k, c->right};
		k++;
	}
	c->y -= (float)s->paragraph_space * 2;
}


float contents_keep(const lay_ctx *c)
{
	return 2 * (float)c->st->body_leading;
}

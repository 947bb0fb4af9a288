/*
 * timeline.c -- timelines drawn as vector graphics: a vertical rule with a
 * dot per entry, its date on the left and its label wrapped on the right;
 * entries flow across pages one at a time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

static void line(lay_ctx *c, float x1, float y1, float x2, float y2, float w,
                 lay_color col, bool dashed)
{
	lay_item *it = ctx_line(c, x1, y1, x2, y2, w, col);
	if (it)
		it->u.line.dashed = dashed;
}

void timeline_layout(lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;
	doc_family fam = s->heading_family;
	lay_color accent = ctx_color(s->accent);
	float date_w = 70, rule_x = c->left + date_w + 10, text_x = rule_x + 12;
	lay_textstyle ts = {s->body_family, 0, (float)s->body_size, (float)s->body_leading,
	                    ctx_color(s->text_color), accent};
	if (tl->title) {
		ctx_ensure(c, ts.leading * 3);
		text_draw(c, tl->title, fam, DOC_BOLD, (float)s->body_size, ctx_color(s->text_color),
		          c->left, c->y - (float)s->body_size);
		c->y -= ts.leading * 1.5f;
	}
	for (int i = 0; i < tl->nentries; i++) {
		lay_inline *in = &c->scratch;
		text_boxes(c, in, &tl->entries[i].label, &ts);
		text_break_block(c, in, c->right - text_x, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		float h = (float)in->nlines * ts.leading + 6;
		if (!ctx_fits(c, h > ts.leading * 2 ? ts.leading * 2 : h) && !c->page_fresh)
			ctx_new_page(c);
		float top = c->y;
		float base = top - (ts.leading - ts.size) / 2 - ts.size * 0.8f;
		const char *date = tl->entries[i].date ? tl->entries[i].date : "";
		float dw = text_width(c, fonts_face(fam, DOC_BOLD), ts.size, date);
		text_draw(c, date, fam, DOC_BOLD, ts.size, accent, rule_x - 10 - dw, base);
		lay_item *dot = ctx_item(c, LAY_CIRCLE);
		if (dot) {
			dot->x = rule_x;
			dot->y = base + ts.size * 0.3f;
			dot->u.circle.radius = 3;
			dot->color = accent;
		}
		for (int k = 0; k < in->nlines; k++) {
			if (k > 0 && !ctx_fits(c, ts.leading)) {
				line(c, rule_x, top, rule_x, c->y, 1, accent, false);
				ctx_new_page(c);
				top = c->y;
			}
			text_emit_line(c, in, k, text_x, c->y - (ts.leading - ts.size) / 2 - ts.size * 0.8f,
			               c->right - text_x, DOC_ALIGN_LEFT);
			ctx_cite_notes(c, in, k);
			c->y -= ts.leading;
		}
		c->y -= 6;
		if (i + 1 < tl->nentries)
			line(c, rule_x, top - 2, rule_x, c->y - 2, 1, accent, false);
	}
	c->y -= (float)s->paragraph_space;
}

float timeline_keep(const lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;     /* the title and a first entry */
	return (tl->title ? 1.5f : 0) * (float)s->body_leading + 2 * (float)s->body_leading;
}

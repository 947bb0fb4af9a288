/*
 * heading.c -- a numbered heading: placed only where it fits together with
 * the start of what follows it (the flow says how tall that is), recorded
 * for the outline and the contents, a rule under level 1.
 */
#include <stdlib.h>

#include "layout/blocks.h"

void heading_layout(lay_ctx *c, const doc_heading *h, float keep)
{
	const doc_style *s = c->st;
	int lv = h->level - 1;
	lay_textstyle ts = {s->heading_family, DOC_BOLD, (float)s->heading_size[lv],
	                    (float)s->heading_size[lv] * 1.25f, ctx_color(s->heading_color),
	                    ctx_color(s->heading_color)};
	lay_inline *in = &c->scratch;
	const char *label = c->heading_labels[c->heading_seen];
	in->ntext = in->nboxes = in->nlines = 0;
	text_append(c, in, label, &ts, 0);
	text_break_block(c, in, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));

	float before = c->page_fresh ? 0 : (float)s->heading_space_before[lv];
	float need = before + (float)in->nlines * ts.leading + (float)s->heading_space_after[lv] +
	             keep;
	if (!ctx_fits(c, need) && !c->page_fresh)
		ctx_new_page(c);
	if (!c->page_fresh)
		c->y -= before;

	c->headings[c->heading_seen] = (struct heading_place){c->out->npages - 1, c->y + 4};
	lay_doc *o = c->out;
	lay_mark *m = realloc(o->marks, (size_t)(o->nmarks + 1) * sizeof *m);
	if (!m) {
		c->oom = true;
		return;
	}
	o->marks = m;
	o->marks[o->nmarks++] = (lay_mark){label, h->level, o->npages - 1, c->y + 4};
	c->heading_seen++;

	text_place_lines(c, in, &ts, c->left, c->width, DOC_ALIGN_LEFT, false);
	if (lv == 0)
		/* below the descenders (0.21 em in Liberation Sans) */
		ctx_line(c, c->left, c->y + 0.5f, c->right, c->y + 0.5f, 0.6f, ctx_color(s->accent));
	c->y -= (float)s->heading_space_after[lv];
}


float heading_keep(const lay_ctx *c, const doc_heading *h)
{
	const doc_style *s = c->st;
	int lv = h->level - 1;
	return (float)(s->heading_size[lv] * 1.3 + s->heading_space_after[lv]) +
	       2 * (float)s->body_leading;
}

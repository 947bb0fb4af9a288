/*
 * title.c -- the title block at the top of the first page: title,
 * subtitle, author and date, and a rule under them; or, when the template
 * asks for a title page (title.page), the same block larger, a third of the
 * way down a cover page of its own, which carries no running header or
 * footer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

void title_layout(lay_ctx *c)
{
	const doc_style *s = c->st;
	const doc_meta *m = &c->doc->meta;
	if (!s->title_block || !(m->title || m->subtitle || m->author || m->date))
		return;
	lay_inline *in = &c->scratch;
	struct {
		const char *text;
		float size;
		unsigned style;
		doc_rgb color;
		float after;
	} rows[3] = {
		{m->title, (float)s->title_size, DOC_BOLD, s->title_color, 4},
		{m->subtitle, (float)s->subtitle_size, 0, s->text_color, 6},
		{NULL, (float)s->body_size, 0, s->muted, 0},
	};
	const char *byline = NULL;
	if (m->author && m->date) {
		size_t na = strlen(m->author), nd = strlen(m->date);
		char *b = arena_alloc(c->arena, na + nd + 5);
		if (b)
			snprintf(b, na + nd + 5, "%s \xC2\xB7 %s", m->author, m->date);
		c->oom = c->oom || !b;
		byline = b;
	} else {
		byline = m->author ? m->author : m->date;
	}
	rows[2].text = byline && *byline ? byline : NULL;
	/* a cover: the block a third of the way down its own page, the title
	 * larger; the body starts on the next page */
	if (s->title_page) {
		c->y = c->top - (c->top - c->bottom) * 0.3f;
		rows[0].size *= 1.35f;
		rows[1].size *= 1.2f;
	}
	for (int i = 0; i < 3; i++) {
		if (!rows[i].text)
			continue;
		lay_textstyle ts = {s->title_family, rows[i].style, rows[i].size,
		                    rows[i].size * 1.2f, ctx_color(rows[i].color),
		                    ctx_color(rows[i].color)};
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, rows[i].text, &ts, 0);
		text_break_block(c, in, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		text_place_lines(c, in, &ts, c->left, c->width, DOC_ALIGN_LEFT, false);
		c->y -= rows[i].after;
	}
	c->y -= 6;
	ctx_fill(c, c->left, c->y - 1.5f, c->width, 1.5f, ctx_color(s->accent));
	c->y -= 18;
	if (s->title_page)
		ctx_new_page(c);
}


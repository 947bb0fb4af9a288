/*
 * toolbox.c -- the page toolbox every block uses: the current page, items
 * appended to it, a new page, the cursor and whether something fits below
 * it, warnings at the script's line, and lines of text placed down the
 * page. It knows nothing of blocks or of the flow that orders them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
#include "util/arena.h"

#define WARNINGS_PER_LINE 10

bool ctx_grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return true;
	int n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, (size_t)n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}


lay_color ctx_color(doc_rgb c)
{
	return (lay_color){c.r, c.g, c.b};
}

const char *ctx_strndup(lay_ctx *c, const char *s, size_t n)
{
	char *p = arena_strndup(c->arena, s, n);
	if (!p)
		c->oom = true;
	return p ? p : "";
}

void ctx_warn(lay_ctx *c, const char *fmt, ...)
{
	char *buf = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&buf, fmt, ap);
	va_end(ap);
	if (n < 0) {
		c->oom = true;
		return;
	}
	int same_line = 0;
	for (int i = 0; i < c->nwarnings; i++) {   /* once per line and message */
		if (c->warnings[i].line != c->line)
			continue;
		if (strcmp(c->warnings[i].message, buf) == 0)
			same_line = WARNINGS_PER_LINE + 1;
		same_line++;
	}
	const char *text = same_line == WARNINGS_PER_LINE   /* a big table: say so once */
	                   ? "more warnings of this line are not shown" : buf;
	if (same_line <= WARNINGS_PER_LINE && c->nwarnings == c->capwarnings) {
		int cap = c->capwarnings ? c->capwarnings * 2 : 8;
		lay_warning *w = realloc(c->warnings, (size_t)cap * sizeof *w);
		if (w) {
			c->warnings = w;
			c->capwarnings = cap;
		}
		c->oom = c->oom || !w;
	}
	if (same_line <= WARNINGS_PER_LINE && c->nwarnings < c->capwarnings)
		c->warnings[c->nwarnings++] = (lay_warning){c->line, ctx_strndup(c, text, strlen(text))};
	free(buf);
}

bool ctx_take_ahead(lay_ctx *c)
{
	if (c->block < 0 || c->ahead_block != c->block)
		return false;
	lay_inline t = c->scratch;
	c->scratch = c->ahead;
	c->ahead = t;
	c->ahead_block = -1;
	return true;
}

lay_page *ctx_page(lay_ctx *c)
{
	return &c->out->pages[c->page];
}

void ctx_new_page(lay_ctx *c)
{
	if (c->on_page_end && c->out->npages > 0)
		c->on_page_end(c);
	if (c->stream && c->out->npages > 0)
		stream_page_done(c, false);
	c->npage_notes = 0;
	c->notes_height = 0;
	lay_doc *o = c->out;
	if (c->max_pages > 0 && o->npages >= c->max_pages) {
		c->too_many = true;     /* stops every loop, as running out of memory does */
		c->oom = true;
		return;
	}
	/* grown by halves, not by one: tens of thousands of pages are possible */
	if (!ctx_grow((void **)&o->pages, &c->cappages, o->npages + 1, sizeof *o->pages)) {
		c->oom = true;
		return;
	}
	o->pages[o->npages++] = (lay_page){0};
	c->page = o->npages - 1;
	c->y = c->top;
	c->page_fresh = true;
}

lay_item *ctx_item(lay_ctx *c, lay_kind kind)
{
	lay_page *p = ctx_page(c);
	if (p->nitems == p->cap) {
		/* from 4: the pages drawn already take their late items (a footer
		 * "Page 3 of 12") one or two each */
		int cap = p->cap ? p->cap * 2 : 4;
		lay_item *it = realloc(p->items, (size_t)cap * sizeof *it);
		if (!it) {
			c->oom = true;
			return NULL;
		}
		p->items = it;
		p->cap = cap;
	}
	lay_item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->role = (unsigned char)c->role;
	it->block = c->block;
	if (c->block >= 0 && c->block_pages) {
		struct block_pages *bp = &c->block_pages[c->block];
		if (bp->first < 0)
			bp->first = c->page;
		if (c->page > bp->last)
			bp->last = c->page;
	}
	c->page_fresh = false;
	return it;
}

lay_item *ctx_line(lay_ctx *c, float x1, float y1, float x2, float y2, float width,
                   lay_color color)
{
	lay_item *it = ctx_item(c, LAY_LINE);
	if (it) {
		it->x = x1;
		it->y = y1;
		it->u.line.x2 = x2;
		it->u.line.y2 = y2;
		it->u.line.line_width = width;
		it->color = color;
	}
	return it;
}

void ctx_fill(lay_ctx *c, float x, float y, float w, float h, lay_color color)
{
	lay_item *it = ctx_item(c, LAY_RECT);
	if (it) {
		it->x = x;
		it->y = y;
		it->w = w;
		it->h = h;
		it->color = color;
		it->u.rect.fill = true;
	}
}

bool ctx_fits(lay_ctx *c, float height)
{
	return ctx_room(c) - height >= -0.01f;
}

float ctx_room(const lay_ctx *c)
{
	return c->y - c->bottom - c->notes_height;
}

void ctx_ensure(lay_ctx *c, float height)
{
	if (!ctx_fits(c, height) && !c->page_fresh)
		ctx_new_page(c);
}

/* ---- text down the page ---------------------------------------------------- */

lay_textstyle ctx_body_style(const lay_ctx *c, float size)
{
	const doc_style *s = c->st;
	float sz = size > 0 ? size : (float)s->body_size;
	float lead = size > 0 ? sz * (float)(s->body_leading / s->body_size)
	                      : (float)s->body_leading;
	return (lay_textstyle){s->body_family, 0, sz, lead, ctx_color(s->text_color),
	                       ctx_color(s->accent)};
}

float ctx_baseline(float top, float size, float leading)
{
	return top - (leading - size) / 2 - size * 0.8f;
}

bool ctx_greedy(const lay_ctx *c, int linebreaks)
{
	int lb = linebreaks != DOC_LINEBREAKS_DEFAULT ? linebreaks : c->st->body_linebreaks;
	return lb == DOC_LINEBREAKS_SIMPLE;
}

doc_align ctx_align(const lay_ctx *c, doc_align a)
{
	return a == DOC_ALIGN_DEFAULT ? (doc_align)c->st->body_align : a;
}

/* ---- footnotes ---------------------------------------------------------------- */

float ctx_notes_need(const lay_ctx *c, const lay_inline *in, int li)
{
	const lay_line *l = &in->lines[li];
	float h = 0;
	for (int j = l->first; j < l->first + l->count; j++) {
		int n = in->boxes[j].note;
		if (n > 0 && n <= c->nnotes && !c->notes[n].placed)
			h += c->notes[n].height;
	}
	return h > 0 && c->notes_height == 0 ? h + NOTES_RULE : h;
}

void ctx_cite_notes(lay_ctx *c, const lay_inline *in, int li)
{
	const lay_line *l = &in->lines[li];
	for (int j = l->first; j < l->first + l->count; j++) {
		int n = in->boxes[j].note;
		if (n <= 0 || n > c->nnotes || c->notes[n].placed)
			continue;
		if (!ctx_grow((void **)&c->page_notes, &c->cappage_notes, c->npage_notes + 1,
		               sizeof *c->page_notes)) {
			c->oom = true;
			return;
		}
		if (c->notes_height == 0)
			c->notes_height = NOTES_RULE;
		c->page_notes[c->npage_notes++] = n;
		c->notes_height += c->notes[n].height;
		c->notes[n].placed = true;
	}
}

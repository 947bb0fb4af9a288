/*
 * layout.c -- the flow: blocks placed one after another down the content box
 * of each page, a new page when the next piece does not fit.
 *
 * Headings are kept with the first lines of what follows them; paragraphs
 * break between lines; what needs the end of the document (the page count in
 * footers, page numbers in the contents) is filled in by finish() once the
 * last page exists.
 */
#include "layout/layout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
#include "util/arena.h"

#define WARNINGS_PER_LINE 10

/* ---- pages and items ---------------------------------------------------------- */

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

lay_page *ctx_page(lay_ctx *c)
{
	return &c->out->pages[c->page];
}

static void add_page(lay_ctx *c)
{
	lay_doc *o = c->out;
	/* grown by halves, not by one: tens of thousands of pages are possible */
	if (!text_grow((void **)&o->pages, &c->cappages, o->npages + 1, sizeof *o->pages)) {
		c->oom = true;
		return;
	}
	o->pages[o->npages++] = (lay_page){0};
	c->page = o->npages - 1;
	c->y = c->top;
	c->page_fresh = true;
}

void ctx_new_page(lay_ctx *c)
{
	add_page(c);
}

lay_item *ctx_item(lay_ctx *c, lay_kind kind)
{
	lay_page *p = ctx_page(c);
	if (p->nitems == p->cap) {
		int cap = p->cap ? p->cap * 2 : 64;
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
	return c->y - height >= c->bottom - 0.01f;
}

void ctx_ensure(lay_ctx *c, float height)
{
	if (!ctx_fits(c, height) && !c->page_fresh)
		ctx_new_page(c);
}

/* ---- text styles -------------------------------------------------------------- */

static lay_textstyle body_style(const lay_ctx *c, float size)
{
	const doc_style *s = c->st;
	float sz = size > 0 ? size : (float)s->body_size;
	float lead = size > 0 ? sz * (float)(s->body_leading / s->body_size)
	                      : (float)s->body_leading;
	return (lay_textstyle){s->body_family, 0, sz, lead, ctx_color(s->text_color),
	                       ctx_color(s->accent)};
}

/* Baseline of a line whose box starts at `top`. */
static float baseline_of(float top, float size, float leading)
{
	return top - (leading - size) / 2 - size * 0.8f;
}

/* Places the lines of `in` from the cursor, breaking pages between lines;
 * each line is drawn at x within width. With keep, a paragraph's last line
 * never starts a page alone: the line before it goes along, when at least
 * two stay behind. */
static void place_lines(lay_ctx *c, lay_inline *in, const lay_textstyle *ts, float x,
                        float width, doc_align align, bool keep)
{
	for (int i = 0; i < in->nlines; i++) {
		bool widow = keep && i >= 2 && i == in->nlines - 2 && !ctx_fits(c, 2 * ts->leading);
		if ((widow || !ctx_fits(c, ts->leading)) && !c->page_fresh)
			ctx_new_page(c);
		text_emit_line(c, in, i, x, baseline_of(c->y, ts->size, ts->leading), width, align);
		c->y -= ts->leading;
	}
}

static doc_align align_of(const lay_ctx *c, doc_align a)
{
	return a == DOC_ALIGN_DEFAULT ? (doc_align)c->st->body_align : a;
}

/* ---- blocks ------------------------------------------------------------------- */

static void paragraph(lay_ctx *c, const doc_paragraph *p)
{
	lay_textstyle ts = body_style(c, (float)p->size);
	lay_inline *in = &c->scratch;
	doc_align align = align_of(c, p->align);
	text_boxes(c, in, &p->text, &ts);
	if (align == DOC_ALIGN_JUSTIFY)
		text_break_justified(c, in, c->width);
	else
		text_break(c, in, c->width);
	/* No single first line at the foot of a page when more follow. */
	if (in->nlines > 1 && !ctx_fits(c, 2 * ts.leading))
		ctx_ensure(c, 2 * ts.leading);
	place_lines(c, in, &ts, c->left, c->width, align, true);
	c->y -= (float)c->st->paragraph_space;
}

/* Height the start of block b needs below a heading, to keep them together. */
static float keep_height(const lay_ctx *c, const doc_block *b)
{
	const doc_style *s = c->st;
	if (!b)
		return 0;
	switch (b->kind) {
	case DOC_PARAGRAPH:
	case DOC_LIST:
	case DOC_CONTENTS:
		return 2 * (float)s->body_leading;
	case DOC_TABLE:     /* caption, header and a first row */
		return (b->u.table.caption.nspans ? 2 * (float)s->table_leading + 3 : 0) +
		       3 * (float)s->table_leading + 14;
	case DOC_CHART:
		return chart_height(c, &b->u.chart);
	case DOC_TIMELINE:
		return (b->u.timeline.title ? 1.5f : 0) * (float)s->body_leading +
		       2 * (float)s->body_leading;
	case DOC_HEADING:
		return (float)(s->heading_size[b->u.heading.level - 1] * 1.3 +
		               s->heading_space_after[b->u.heading.level - 1]) +
		       2 * (float)s->body_leading;
	default:
		return 0;
	}
}

static void heading(lay_ctx *c, const doc_heading *h, const doc_block *next)
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
	text_break(c, in, c->width);

	float before = c->page_fresh ? 0 : (float)s->heading_space_before[lv];
	float need = before + (float)in->nlines * ts.leading + (float)s->heading_space_after[lv] +
	             keep_height(c, next);
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

	place_lines(c, in, &ts, c->left, c->width, DOC_ALIGN_LEFT, false);
	if (lv == 0)
		ctx_line(c, c->left, c->y + 2, c->right, c->y + 2, 0.6f, ctx_color(s->accent));
	c->y -= (float)s->heading_space_after[lv];
}

/* A list's marks hang left of its text, which is indented 16 pt from left
 * (the content's left edge, or a parent item's text) or, when the widest
 * mark ("100.") needs more, by that much. */
static void list(lay_ctx *c, const doc_list *l, int depth, float left)
{
	lay_textstyle ts = body_style(c, 0);
	float indent = 16.0f;
	if (l->ordered) {
		char widest[32];
		snprintf(widest, sizeof widest, "%d.", l->nitems);
		float mw = text_width(c, fonts_face(ts.family, 0), ts.size, widest);
		if (mw + 5 > indent)
			indent = mw + 5;
	}
	float x = left + indent, width = c->right - x;
	doc_align align = align_of(c, DOC_ALIGN_DEFAULT) == DOC_ALIGN_JUSTIFY
	                  ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT;
	for (int i = 0; i < l->nitems; i++) {
		lay_inline *in = &c->scratch;
		text_boxes(c, in, &l->items[i].text, &ts);
		if (align == DOC_ALIGN_JUSTIFY)
			text_break_justified(c, in, width);
		else
			text_break(c, in, width);
		if (!ctx_fits(c, ts.leading) && !c->page_fresh)
			ctx_new_page(c);
		char mark[32];
		if (l->ordered)
			snprintf(mark, sizeof mark, "%d.", i + 1);
		else
			snprintf(mark, sizeof mark, "%s", depth % 2 ? "\xE2\x80\x93" : "\xE2\x80\xA2");
		float base = baseline_of(c->y, ts.size, ts.leading);
		int face = fonts_face(ts.family, 0);
		float mw = text_width(c, face, ts.size, mark);
		text_draw(c, mark, ts.family, 0, ts.size, ctx_color(c->st->accent),
		          x - 5 - mw, base);
		place_lines(c, in, &ts, x, width, align, false);
		c->y -= 2;
		if (l->items[i].sublist)
			list(c, l->items[i].sublist, depth + 1, x);
	}
	if (depth == 0)
		c->y -= (float)c->st->paragraph_space;
}

/* Dotted leader from x1 to x2 on the baseline. */
static void leader(lay_ctx *c, float x1, float x2, float base, lay_color col)
{
	if (x2 - x1 < 8)
		return;
	lay_item *it = ctx_line(c, x1 + 3, base + 1, x2 - 3, base + 1, 1.0f, col);
	if (it)
		it->u.line.dotted = true;
}

static void contents(lay_ctx *c)
{
	const doc_style *s = c->st;
	const doc_document *d = c->doc;
	if (s->contents_title && *s->contents_title) {
		lay_textstyle hs = {s->heading_family, DOC_BOLD, (float)s->heading_size[0],
		                    (float)s->heading_size[0] * 1.25f,
		                    ctx_color(s->heading_color), ctx_color(s->heading_color)};
		ctx_ensure(c, hs.leading * 3);
		if (!c->page_fresh)
			c->y -= (float)s->heading_space_before[0];
		text_draw(c, s->contents_title, hs.family, DOC_BOLD, hs.size, hs.color, c->left,
		          baseline_of(c->y, hs.size, hs.leading));
		c->y -= hs.leading + (float)s->heading_space_after[0];
	}
	float numw = 28;
	int k = 0;
	for (int b = 0; b < d->nblocks; b++) {
		if (d->blocks[b].kind != DOC_HEADING)
			continue;
		int lv = d->blocks[b].u.heading.level;
		lay_textstyle ts = body_style(c, 0);
		ts.family = s->heading_family;
		ts.style = lv == 1 ? DOC_BOLD : 0;
		ts.size = (float)s->body_size;
		float indent = 14.0f * (float)(lv - 1);
		lay_inline *in = &c->scratch;
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, c->heading_labels[k], &ts, 0);
		text_break(c, in, c->width - indent - numw);
		float gap = lv == 1 ? 3 : 0;
		if (!ctx_fits(c, (float)in->nlines * ts.leading + gap) && !c->page_fresh)
			ctx_new_page(c);
		c->y -= gap;
		float top = c->y;
		place_lines(c, in, &ts, c->left + indent, c->width - indent - numw, DOC_ALIGN_LEFT, false);
		float base = baseline_of(c->y + ts.leading, ts.size, ts.leading);
		lay_line *ll = &in->lines[in->nlines - 1];
		leader(c, c->left + indent + ll->width, c->right - numw, base,
		       ctx_color(s->muted));

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
		                                             pg->nitems - 1, k, c->right};
		k++;
	}
	c->y -= (float)s->paragraph_space * 2;
}

static void title_block(lay_ctx *c)
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
	for (int i = 0; i < 3; i++) {
		if (!rows[i].text)
			continue;
		lay_textstyle ts = {s->title_family, rows[i].style, rows[i].size,
		                    rows[i].size * 1.2f, ctx_color(rows[i].color),
		                    ctx_color(rows[i].color)};
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, rows[i].text, &ts, 0);
		text_break(c, in, c->width);
		place_lines(c, in, &ts, c->left, c->width, DOC_ALIGN_LEFT, false);
		c->y -= rows[i].after;
	}
	c->y -= 6;
	ctx_fill(c, c->left, c->y - 1.5f, c->width, 1.5f, ctx_color(s->accent));
	c->y -= 18;
}

/* ---- the end: numbers, running header and footer --------------------------------- */

/* Replaces {page}, {pages}, {title}, ... in pattern. */
static char *expand(const lay_ctx *c, const char *pattern, int page)
{
	const doc_meta *m = &c->doc->meta;
	/* two passes: the length, then the text, so nothing is ever cut */
	char *out = NULL;
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !(out = malloc(k + 1)))
			return NULL;
		k = 0;
		for (const char *p = pattern; *p;) {
			const char *val = NULL;
			char num[16];
			size_t skip = 0;
			if (*p == '{') {
				const char *e = strchr(p, '}');
				size_t len = e ? (size_t)(e - p - 1) : 0;
				skip = e ? len + 2 : 0;
#define KEY(s) (len == strlen(s) && strncmp(p + 1, s, len) == 0)
				if (e && KEY("page")) {
					snprintf(num, sizeof num, "%d", page + 1);
					val = num;
				} else if (e && KEY("pages")) {
					snprintf(num, sizeof num, "%d", c->out->npages);
					val = num;
				} else if (e && KEY("title")) {
					val = m->title ? m->title : "";
				} else if (e && KEY("subtitle")) {
					val = m->subtitle ? m->subtitle : "";
				} else if (e && KEY("author")) {
					val = m->author ? m->author : "";
				} else if (e && KEY("date")) {
					val = m->date ? m->date : "";
				}
#undef KEY
			}
			size_t vl = val ? strlen(val) : 1;
			if (out)
				memcpy(out + k, val ? val : p, vl);
			k += vl;
			p += val ? skip : 1;
		}
	}
	out[k] = '\0';
	return out;
}

static void running(lay_ctx *c, const doc_running *r, int page, float base, float rule_y)
{
	const char *slots[3] = {r->left, r->center, r->right};
	bool any = false;
	for (int i = 0; i < 3; i++) {
		if (!slots[i] || !*slots[i])
			continue;
		char *text = expand(c, slots[i], page);
		if (!text) {
			c->oom = true;
			return;
		}
		int face = fonts_face(c->st->heading_family, 0);
		float w = text_width(c, face, (float)r->size, text);
		float x = i == 0 ? c->left : i == 1 ? c->left + (c->width - w) / 2 : c->right - w;
		text_draw(c, text, c->st->heading_family, 0, (float)r->size, ctx_color(r->color), x,
		          base);
		free(text);
		any = true;
	}
	if (any && r->rule)
		ctx_line(c, c->left, rule_y, c->right, rule_y, 0.4f, ctx_color(r->color));
}

static void finish(lay_ctx *c)
{
	lay_doc *o = c->out;
	/* A document without headings still gets an outline: one entry, its
	 * title (or the script's name), at the top of the first page. */
	const doc_meta *m = &c->doc->meta;
	const char *name = m->title;
	if (!name && m->source_name) {
		const char *slash = strrchr(m->source_name, '/');
		name = slash ? slash + 1 : m->source_name;
	}
	if (o->nmarks == 0 && name && *name) {
		o->marks = malloc(sizeof *o->marks);
		if (!o->marks) {
			c->oom = true;
			return;
		}
		o->marks[0] = (lay_mark){name, 1, 0, c->top};
		o->nmarks = 1;
	}
	for (int i = 0; i < c->npending; i++) {
		struct pending *p = &c->pending[i];
		struct heading_place *h = &c->headings[p->heading];
		lay_item *num = &o->pages[p->page].items[p->item];
		char buf[16];
		snprintf(buf, sizeof buf, "%d", h->page + 1);
		float w = text_width(c, num->u.text.face, num->u.text.size, buf);
		num->x = p->right - w;
		num->w = w;
		num->u.text.str = ctx_strndup(c, buf, strlen(buf));
		num->u.text.len = (int)strlen(buf);
		lay_item *link = &o->pages[p->page].items[p->link_item];
		link->u.link.page = h->page;
		link->u.link.top = h->top;
	}
	/* Header and footer are drawn last, on every page. */
	const doc_style *s = c->st;
	for (int pg = 0; pg < o->npages; pg++) {
		c->page = pg;
		float hb = (float)(s->page_height - s->margin_top * 0.55);
		running(c, &s->header, pg, hb, hb - 4);
		float fb = (float)(s->margin_bottom * 0.45);
		running(c, &s->footer, pg, fb, fb + (float)s->footer.size + 3);
	}
}

/* ---- the document ----------------------------------------------------------------- */

static void number_headings(lay_ctx *c)
{
	const doc_document *d = c->doc;
	int n = 0, count[3] = {0, 0, 0};
	for (int b = 0; b < d->nblocks; b++)
		n += d->blocks[b].kind == DOC_HEADING;
	c->nheadings = n;
	c->heading_labels = arena_alloc(c->arena, (size_t)(n + 1) * sizeof *c->heading_labels);
	c->headings = calloc((size_t)n + 1, sizeof *c->headings);
	if (!c->heading_labels || !c->headings) {
		c->oom = true;
		return;
	}
	int k = 0;
	for (int b = 0; b < d->nblocks; b++) {
		const doc_block *bl = &d->blocks[b];
		if (bl->kind != DOC_HEADING)
			continue;
		int lv = bl->u.heading.level - 1;
		count[lv]++;
		for (int j = lv + 1; j < 3; j++)
			count[j] = 0;
		char num[32] = "";
		if (c->st->heading_numbers) {
			if (lv == 0)
				snprintf(num, sizeof num, "%d. ", count[0]);
			else if (lv == 1)
				snprintf(num, sizeof num, "%d.%d ", count[0], count[1]);
			else
				snprintf(num, sizeof num, "%d.%d.%d ", count[0], count[1], count[2]);
		}
		size_t tl = 0;
		for (int i = 0; i < bl->u.heading.text.nspans; i++)
			tl += strlen(bl->u.heading.text.spans[i].text);
		char *label = arena_alloc(c->arena, strlen(num) + tl + 1);
		if (!label) {
			c->oom = true;
			return;
		}
		strcpy(label, num);
		for (int i = 0; i < bl->u.heading.text.nspans; i++)
			strcat(label, bl->u.heading.text.spans[i].text);
		c->heading_labels[k++] = label;
	}
}

int lay_document(const doc_document *d, lay_fonts *fonts, lay_result *out, char *err,
                 size_t errsize)
{
	*out = (lay_result){0};
	lay_doc *o = calloc(1, sizeof *o);
	if (!o || !(o->arena = arena_new())) {
		free(o);
		snprintf(err, errsize, "out of memory");
		return LAY_OUT_OF_MEMORY;
	}
	const doc_style *s = &d->style;
	o->width = (float)s->page_width;
	o->height = (float)s->page_height;
	o->faces = fonts_faces(fonts, &o->nfaces);

	lay_ctx c = {.doc = d, .st = s, .fonts = fonts, .out = o, .arena = o->arena};
	c.left = (float)s->margin_left;
	c.right = (float)(s->page_width - s->margin_right);
	c.width = c.right - c.left;
	c.top = (float)(s->page_height - s->margin_top);
	c.bottom = (float)s->margin_bottom;
	int rc = 0;
	if (c.width < 36 || c.top - c.bottom < 72) {
		snprintf(err, errsize, "the margins leave no room on the page");
		rc = -1;
	}
	if (rc == 0) {
		number_headings(&c);
		add_page(&c);
		title_block(&c);
	}
	for (int b = 0; rc == 0 && b < d->nblocks && !c.oom; b++) {
		const doc_block *bl = &d->blocks[b];
		c.line = bl->line;
		switch (bl->kind) {
		case DOC_HEADING:
			heading(&c, &bl->u.heading, b + 1 < d->nblocks ? &d->blocks[b + 1] : NULL);
			break;
		case DOC_PARAGRAPH:
			paragraph(&c, &bl->u.paragraph);
			break;
		case DOC_LIST:
			list(&c, &bl->u.list, 0, c.left);
			break;
		case DOC_TABLE:
			table_layout(&c, &bl->u.table);
			break;
		case DOC_CHART:
			chart_layout(&c, &bl->u.chart);
			break;
		case DOC_TIMELINE:
			timeline_layout(&c, &bl->u.timeline);
			break;
		case DOC_IMAGE:
			rc = image_layout(&c, &bl->u.image, err, errsize);
			break;
		case DOC_CONTENTS:
			contents(&c);
			break;
		case DOC_PAGE_BREAK:
			if (!c.page_fresh)
				ctx_new_page(&c);
			break;
		}
	}
	c.line = 0;
	if (rc == 0 && !c.oom)
		finish(&c);
	if (rc == 0 && c.oom) {
		snprintf(err, errsize, "out of memory while laying out");
		rc = LAY_OUT_OF_MEMORY;
	}
	text_inline_free(&c.scratch);
	text_inline_free(&c.label);
	free(c.reported);
	free(c.pending);
	free(c.headings);
	if (rc != 0) {
		free(c.warnings);
		lay_free(o);
		return rc;
	}
	/* hand the warnings over to the arena so the result owns them */
	out->warnings = arena_memdup(o->arena, c.warnings, (size_t)c.nwarnings,
	                             sizeof *c.warnings);
	out->nwarnings = out->warnings ? c.nwarnings : 0;
	free(c.warnings);
	out->doc = o;
	return 0;
}

void lay_free(lay_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < doc->npages; i++)
		free(doc->pages[i].items);
	free(doc->pages);
	free(doc->marks);
	arena_free(doc->arena);
	free(doc);
}

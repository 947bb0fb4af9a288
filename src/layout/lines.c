/*
 * lines.c -- broken lines become text items: runs of boxes that share a
 * face, size, colour and link are one item; a justified line's stretched
 * spaces start new items, because viewers ignore PDF word spacing for CID
 * fonts (checked with libharu 2.3.0); a line broken inside a word ends
 * with a drawn hyphen; links are underlined and clickable.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
#include "util/arena.h"
#include "util/utf8.h"

/* A text item of s[0..len) (kept, not copied) set as box b is. */
static void text_item(lay_ctx *c, const lay_box *b, const char *s, int len, float x,
                      float baseline, float width)
{
	lay_item *it = ctx_item(c, LAY_TEXT);
	if (!it)
		return;
	it->x = x;
	it->y = baseline + b->rise;
	it->w = width;
	it->color = b->color;
	it->u.text.face = b->face;
	it->u.text.size = b->size;
	it->u.text.str = s;
	it->u.text.len = len;
}

static void emit_run(lay_ctx *c, const lay_inline *in, int from, int to, float x,
                     float baseline, float width)
{
	const lay_box *b0 = &in->boxes[from];
	size_t n = 0;
	for (int j = from; j < to; j++)
		n += (size_t)in->boxes[j].len + (j > from && in->boxes[j].space > 0);
	char *s = arena_alloc(c->arena, n + 1);
	if (!s) {
		c->oom = true;
		return;
	}
	char *p = s;
	for (int j = from; j < to; j++) {
		if (j > from && in->boxes[j].space > 0)
			*p++ = ' ';
		memcpy(p, in->text + in->boxes[j].off, (size_t)in->boxes[j].len);
		p += in->boxes[j].len;
	}
	text_item(c, b0, s, (int)(p - s), x, baseline, width);
}

/* The hyphen that ends a line broken inside a word, in the face of the
 * word's last piece. Text extraction joins the word again. */
static void emit_hyphen(lay_ctx *c, const lay_box *last, float x, float baseline, float w)
{
	text_item(c, last, "-", 1, x, baseline, w);
}

static void emit_link(lay_ctx *c, const char *url, float x, float baseline, float w,
                      float size, lay_color color)
{
	float under = baseline - size * 0.12f;
	ctx_line(c, x, under, x + w, under, 0.5f, color);
	lay_item *l = ctx_item(c, LAY_LINK);
	if (l) {
		l->x = x;
		l->y = baseline - size * 0.25f;
		l->w = w;
		l->h = size * 1.1f;
		l->u.link.uri = ctx_strndup(c, url, strlen(url));
	}
}

void text_emit_line(lay_ctx *c, const lay_inline *in, int li, float x, float baseline,
                    float width, doc_align align)
{
	const lay_line *l = &in->lines[li];
	if (l->count == 0)
		return;
	float extra = 0;
	float pos = x;
	/* A line wider than the column (a character wider than a tiny column)
	 * starts at its left edge: it runs over to the right, as a too-wide
	 * table does, never out into the left margin. */
	bool fits = l->width <= width;
	if (align == DOC_ALIGN_JUSTIFY && (!l->last || l->width > width) && l->gaps > 0)
		extra = (width - l->width) / (float)l->gaps;    /* < 0: spaces shrink */
	else if (align == DOC_ALIGN_RIGHT && fits)
		pos = x + width - l->width;
	else if (align == DOC_ALIGN_CENTER && fits)
		pos = x + (width - l->width) / 2;

	/* Runs: neighbouring boxes of one face, size, colour and link share an
	 * item; a stretched space starts a new one. */
	int end = l->first + l->count;
	int run = l->first;
	float run_x = pos, run_w = in->boxes[run].width;
	float link_x = pos;
	for (int j = l->first + 1; j <= end; j++) {
		const lay_box *a = &in->boxes[j - 1];
		const lay_box *b = j < end ? &in->boxes[j] : NULL;
		bool same = b && b->face == a->face && b->size == a->size && b->link == a->link &&
		            b->color.r == a->color.r && b->color.g == a->color.g &&
		            b->color.b == a->color.b && b->rise == a->rise &&
		            !(extra != 0 && b->space > 0);
		if (same) {
			run_w += b->space + b->width;
			continue;
		}
		emit_run(c, in, run, j, run_x, baseline, run_w);
		float next_x = run_x + run_w;
		if (a->link && (!b || b->link != a->link)) {
			emit_link(c, a->link, link_x, baseline, next_x - link_x, a->size, a->color);
		}
		if (!b) {
			if (l->hyphen)
				emit_hyphen(c, a, next_x, baseline, l->hyphen_width);
			break;
		}
		next_x += b->space + (b->space > 0 ? extra : 0);
		if (b->link && b->link != a->link)
			link_x = next_x;
		run = j;
		run_x = next_x;
		run_w = b->width;
	}
}

float text_width(lay_ctx *c, int face, float size, const char *s)
{
	size_t n = strlen(s);
	long w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int f = fonts_cover(c->fonts, face, cp);
		if (f >= 0)
			w += fonts_advance(c->fonts, f, cp);
	}
	return (float)w * size / 1000.0f;
}

float text_draw(lay_ctx *c, const char *s, doc_family family, unsigned style, float size,
                lay_color color, float x, float baseline)
{
	lay_inline *tmp = &c->label;
	lay_textstyle ts = {family, style, size, size * 1.2f, color, color};
	tmp->ntext = tmp->nboxes = tmp->nlines = 0;
	text_append(c, tmp, s, &ts, 0);
	text_break(c, tmp, 1e9f);
	if (tmp->nlines == 0)
		return 0;
	text_emit_line(c, tmp, 0, x, baseline, 1e9f, DOC_ALIGN_LEFT);
	return tmp->lines[0].width;
}

void text_place_lines(lay_ctx *c, lay_inline *in, const lay_textstyle *ts, float x,
                      float width, doc_align align, bool keep)
{
	int n = in->nlines;
	for (int i = 0; i < n; i++) {
		float need = ts->leading + ctx_notes_need(c, in, i);
		/* a first line alone at the foot: the first two go together,
		 * all three of a three-line text */
		int first = n == 3 ? 3 : 2;
		bool orphan = keep && i == 0 && n >= 2 &&
		              !ctx_fits(c, (float)(first - 1) * ts->leading + need);
		/* a last line alone at the top: the one before goes along, when
		 * at least two stay behind */
		bool widow = keep && i >= 2 && i == n - 2 && !ctx_fits(c, need + ts->leading);
		if ((orphan || widow || !ctx_fits(c, need)) && !c->page_fresh)
			ctx_new_page(c);
		text_emit_line(c, in, i, x, ctx_baseline(c->y, ts->size, ts->leading), width, align);
		ctx_cite_notes(c, in, i);
		c->y -= ts->leading;
	}
}

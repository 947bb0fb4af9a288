/*
 * lines.c -- broken lines become text items: runs of boxes that share a
 * face, size, colour and link are one item; a justified line's stretched
 * spaces start new items, because viewers ignore PDF word spacing for CID
 * fonts (checked with libharu 2.3.0); a line broken inside a word ends
 * with a drawn hyphen; links are underlined and clickable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
#include "util/arena.h"
#include "util/utf8.h"

/* A text item of s[0..len) (kept, not copied) set as box b is. */
static lay_item *text_item(lay_ctx *c, const lay_box *b, const char *s, int len, float x,
                           float baseline, float width)
{
	lay_item *it = ctx_item(c, LAY_TEXT);
	if (!it)
		return NULL;
	it->x = x;
	it->y = baseline + b->rise;
	it->w = width;
	it->color = b->color;
	it->lang = b->face >= FONT_HANGUL || strcmp(c->doc->meta.lang, "ko") == 0
	           ? LAY_LANG_KO : LAY_LANG_EN;
	it->u.text.face = b->face;
	it->u.text.size = b->size;
	it->u.text.str = s;
	it->u.text.len = len;
	it->u.text.slant = b->slant;
	if (b->note > 0)
		it->role = LAY_ROLE_NOTE_REF;
	return it;
}

/* The text of boxes [from, to), a space where a box has one before it,
 * then `suffix`; in c->items_arena. NULL when out of memory. */
static char *run_text(lay_ctx *c, const lay_inline *in, int from, int to, const char *suffix,
                      int *len)
{
	size_t n = strlen(suffix);
	for (int j = from; j < to; j++)
		n += (size_t)in->boxes[j].len + (j > from && in->boxes[j].space > 0);
	char *s = arena_alloc(c->items_arena, n + 1);
	if (!s) {
		c->oom = true;
		return NULL;
	}
	char *p = s;
	for (int j = from; j < to; j++) {
		if (j > from && in->boxes[j].space > 0)
			*p++ = ' ';
		memcpy(p, in->text + in->boxes[j].off, (size_t)in->boxes[j].len);
		p += in->boxes[j].len;
	}
	memcpy(p, suffix, strlen(suffix) + 1);
	*len = (int)(p - s) + (int)strlen(suffix);
	return s;
}

/* The kerning of a run of boxes [from, to) as run_text() writes it, then
 * `suffix` more code points: each box shaped on its own (the widths the
 * breaker used), 0 for the spaces between boxes and the suffix. Worked out
 * in c->kern and copied to c->items_arena only when something is kerned (most
 * runs are not); NULL otherwise, or when out of memory (said in c->oom). */
static const short *run_kern(lay_ctx *c, const lay_inline *in, int from, int to, int suffix)
{
	int n = suffix;
	for (int j = from; j < to; j++)
		n += (int)utf8_length(in->text + in->boxes[j].off, (size_t)in->boxes[j].len) +
		     (j > from && in->boxes[j].space > 0);
	if (!ctx_grow((void **)&c->kern, &c->capkern, n > 0 ? n : 1, sizeof *c->kern)) {
		c->oom = true;
		return NULL;
	}
	short *kern = c->kern;
	bool any = false;
	int k = 0;
	for (int j = from; j < to; j++) {
		const lay_box *b = &in->boxes[j];
		if (j > from && b->space > 0)
			kern[k++] = 0;
		int cps = (int)utf8_length(in->text + b->off, (size_t)b->len);
		if (fonts_shape(c->fonts, b->face, in->text + b->off, (size_t)b->len, kern + k) < 0) {
			c->oom = true;
			memset(kern + k, 0, (size_t)cps * sizeof *kern);
		}
		for (int q = 0; q < cps; q++)
			any = any || kern[k + q] != 0;
		k += cps;
	}
	while (k < n)
		kern[k++] = 0;
	if (!any)
		return NULL;
	const short *kept = arena_memdup(c->items_arena, kern, (size_t)n, sizeof *kern);
	if (!kept)
		c->oom = true;
	return kept;
}

static lay_item *emit_run(lay_ctx *c, const lay_inline *in, int from, int to, const char *suffix,
                          float x, float baseline, float width)
{
	int len;
	char *s = run_text(c, in, from, to, suffix, &len);
	lay_item *it = s ? text_item(c, &in->boxes[from], s, len, x, baseline, width) : NULL;
	if (it)
		it->u.text.kern = run_kern(c, in, from, to, (int)utf8_length(suffix, strlen(suffix)));
	return it;
}

/* Boxes that continue the word of box i without a break between them:
 * the index after the last. */
static int word_end(const lay_inline *in, int i)
{
	int j = i + 1;
	while (j < in->nboxes && !(in->boxes[j].flags & BOX_BREAK))
		j++;
	return j;
}

/* The first box of the word box i belongs to, not before `floor`. */
static int word_start(const lay_inline *in, int i, int floor)
{
	while (i > floor && !(in->boxes[i].flags & BOX_BREAK))
		i--;
	return i;
}

/* Whether boxes [from, to) can be drawn as one item: one face, size,
 * colour, link, rise and slant, no space between them. */
static bool one_item(const lay_inline *in, int from, int to)
{
	const lay_box *a = &in->boxes[from];
	for (int j = from + 1; j < to; j++) {
		const lay_box *b = &in->boxes[j];
		if (b->face != a->face || b->size != a->size || b->link != a->link ||
		    b->rise != a->rise || b->slant != a->slant || b->space > 0 ||
		    b->color.r != a->color.r || b->color.g != a->color.g || b->color.b != a->color.b)
			return false;
	}
	return true;
}

/* The hyphen that ends a line broken inside a word, in the face of the
 * word's last piece, when the word could not be drawn as one item. */
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
		l->u.link.uri = arena_strndup(c->items_arena, url, strlen(url));
		c->oom = c->oom || !l->u.link.uri;
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

	/* A word broken across lines is drawn as two items of its own: the
	 * head, hyphen included, stands for the whole word in extracted text,
	 * the tail on the next line for nothing, so that the text extracts as
	 * the script wrote it (a soft hyphen's word whole, no hyphen added). */
	int end = l->first + l->count;
	int tail_end = l->first;        /* this line starts with a word's tail */
	if (l->first > 0 && !(in->boxes[l->first].flags & BOX_BREAK)) {
		int e = word_end(in, l->first);
		tail_end = e < end ? e : end;
		if (!one_item(in, l->first, tail_end))
			tail_end = l->first;
	}
	int head = end;                 /* this line ends with a word's head */
	const char *whole = NULL;
	int whole_len = 0;
	if (l->hyphen && end < in->nboxes) {
		int h = word_start(in, end - 1, tail_end > l->first ? tail_end : l->first);
		int e = word_end(in, end - 1);
		if (!(h == l->first && tail_end > l->first) && one_item(in, h, end) &&
		    one_item(in, h, e)) {
			head = h;
			whole = run_text(c, in, h, e, "", &whole_len);
		}
	}

	/* Runs: neighbouring boxes of one face, size, colour and link share an
	 * item; a stretched space starts a new one, and so do a broken word's
	 * head and tail. */
	int run = l->first;
	float run_x = pos, run_w = in->boxes[run].width;
	float link_x = pos;
	for (int j = l->first + 1; j <= end; j++) {
		const lay_box *a = &in->boxes[j - 1];
		const lay_box *b = j < end ? &in->boxes[j] : NULL;
		bool same = b && b->face == a->face && b->size == a->size && b->link == a->link &&
		            b->color.r == a->color.r && b->color.g == a->color.g &&
		            b->color.b == a->color.b && b->rise == a->rise &&
		            b->slant == a->slant && !(extra != 0 && b->space > 0) &&
		            j != tail_end && j != head;
		if (same) {
			run_w += b->space + b->width;
			continue;
		}
		bool is_head = whole && run == head && !b;
		bool is_tail = run == l->first && j == tail_end && tail_end > l->first;
		/* a line that is all one word's middle ends with its hyphen too */
		bool hyphen = !b && l->hyphen && (is_head || is_tail);
		lay_item *it = emit_run(c, in, run, j, hyphen ? "-" : "", run_x, baseline,
		                        run_w + (hyphen ? l->hyphen_width : 0));
		if (it && is_head) {
			it->u.text.actual = whole;
			it->u.text.actual_len = whole_len;
		} else if (it && is_tail) {
			it->u.text.actual = "";
			it->u.text.actual_len = 0;
		}
		float next_x = run_x + run_w;
		if (a->link && (!b || b->link != a->link)) {
			emit_link(c, a->link, link_x, baseline, next_x - link_x, a->size, a->color);
		}
		if (!b) {
			if (l->hyphen && !hyphen)
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
	lay_inline *tmp = &c->label;
	lay_textstyle ts = {.family = (doc_family)(face / 4), .style = (unsigned)face % 4,
	                    .size = size, .leading = size};
	if (face >= FONT_HANGUL)        /* a fallback face: as its weight in sans */
		ts = (lay_textstyle){.family = DOC_SANS, .style = face == FONT_HANGUL_BOLD ? DOC_BOLD : 0,
		                     .size = size, .leading = size};
	tmp->ntext = tmp->nboxes = tmp->nlines = 0;
	text_append(c, tmp, s, &ts, 0);
	float widest, word;
	text_measure(tmp, &widest, &word);
	return widest;
}

const char *text_fit(lay_ctx *c, const char *s, int face, float size, float width, char *buf,
                     size_t n)
{
	if (text_width(c, face, size, s) <= width)
		return s;
	size_t len = strlen(s);
	if (len + 4 > n)
		len = n > 4 ? n - 4 : 0;
	while (len > 0) {
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;      /* at a character's start */
		if (len == 0)
			break;
		snprintf(buf, n, "%.*s\xE2\x80\xA6", (int)len, s);
		if (text_width(c, face, size, buf) <= width)
			return buf;
		len--;
	}
	return text_width(c, face, size, "\xE2\x80\xA6") <= width ? "\xE2\x80\xA6" : "";
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
		/* nor does a page end inside a word (TeX's \brokenpenalty): the
		 * hyphenated line goes along, when two stay behind */
		bool broken = keep && i >= 2 && i + 1 < n && in->lines[i].hyphen &&
		              !ctx_fits(c, need + ts->leading);
		if ((orphan || widow || broken || !ctx_fits(c, need)) && !c->page_fresh)
			ctx_new_page(c);
		text_emit_line(c, in, i, x, ctx_baseline(c->y, ts->size, ts->leading), width, align);
		ctx_cite_notes(c, in, i);
		c->y -= ts->leading;
	}
}

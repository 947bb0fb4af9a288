/*
 * text.c -- inline text: spans become boxes (runs of one face without
 * spaces) and lines (broken in linebreak.c) become text items on the page.
 *
 * Break opportunities are marked here: at spaces, after a slash between
 * letters, after an em dash; Korean words, separated by spaces, are kept
 * whole. Justified lines are drawn word by word, their spaces stretched
 * or shrunk, because viewers ignore PDF word spacing for CID fonts
 * (checked with libharu 2.3.0).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
#include "layout/hyphenate.h"
#include "util/arena.h"
#include "util/utf8.h"

bool text_grow(void **p, int *cap, int need, size_t size)
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

void text_inline_free(lay_inline *in)
{
	free(in->text);
	free(in->boxes);
	free(in->lines);
	*in = (lay_inline){0};
}

/* ---- boxes ------------------------------------------------------------------ */

typedef struct builder {
	lay_ctx *c;
	lay_inline *in;
	const lay_textstyle *ts;
	bool space, newline, brk;   /* pending before the next character */
	bool hyphen;                /* a soft hyphen came before the next character */
	bool after_slash;           /* last was a slash after a letter */
	uint32_t prev;              /* the last character added */
	const char *link;
	unsigned style;
	int span;                   /* changes start a new box */
	int cur_span;
} builder;

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x2002 || cp == 0x2003 ||
	       cp == 0x2009 || cp == 0x3000;
}

/* A line may break after a slash between two letters ("and/or") and after
 * an em dash. Never after a hyphen: names like "ASEAN-ROK" stay whole, and
 * text extraction (pdftotext) drops a hyphen that ends a line, so a name
 * broken there could no longer be found. An en dash joins ("ASEAN–ROK",
 * "2016–2020") and is never a break. */
static bool letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3);
}

static void add_char(builder *b, uint32_t cp)
{
	lay_ctx *c = b->c;
	if (b->after_slash && letter(cp))
		b->brk = true;
	b->after_slash = false;
	lay_inline *in = b->in;
	int want = fonts_face(b->ts->family, b->ts->style | b->style);
	int face = fonts_cover(c->fonts, want, cp);
	if (face < 0) {
		bool seen = false;
		for (int i = 0; i < c->nreported && !seen; i++)
			seen = c->reported[i] == cp;
		if (!seen) {
			if (text_grow((void **)&c->reported, &c->capreported, c->nreported + 1,
			         sizeof *c->reported))
				c->reported[c->nreported++] = cp;
			ctx_warn(c, "character U+%04X is in no font brief has; drawn as %s",
			         (unsigned)cp, fonts_cover(c->fonts, want, UTF8_REPLACEMENT) >= 0
			         ? "\xEF\xBF\xBD" : "?");
		}
		cp = fonts_cover(c->fonts, want, UTF8_REPLACEMENT) >= 0 ? UTF8_REPLACEMENT : '?';
		face = fonts_cover(c->fonts, want, cp);
		if (face < 0)
			return;
	}
	char enc[4];
	size_t n = utf8_encode(cp, enc);
	float w = (float)fonts_advance(c->fonts, face, cp) * b->ts->size / 1000.0f;

	lay_box *last = in->nboxes ? &in->boxes[in->nboxes - 1] : NULL;
	bool fresh = !last || b->space || b->newline || b->brk || b->hyphen ||
	             last->face != face || b->cur_span != b->span;
	if (fresh) {
		/* the space before a word is set in the face of the word before it */
		float space = last ? (float)fonts_advance(c->fonts, last->face, ' ') * last->size /
		                     1000.0f : 0;
		if (!text_grow((void **)&in->boxes, &in->capboxes, in->nboxes + 1, sizeof *in->boxes)) {
			c->oom = true;
			return;
		}
		bool first = in->nboxes == 0;
		lay_box *nb = &in->boxes[in->nboxes++];
		*nb = (lay_box){.face = face, .size = b->ts->size, .off = in->ntext,
		                .link = b->link};
		nb->color = b->link ? b->ts->link_color : b->ts->color;
		last = first ? NULL : nb - 1;
		if (last && b->space) {
			nb->space = space;
			nb->flags |= BOX_BREAK;
		}
		if (last && b->brk)
			nb->flags |= BOX_BREAK;
		if (last && b->newline)
			nb->flags |= BOX_NEWLINE | BOX_BREAK;
		if (last && b->hyphen && !(nb->flags & BOX_BREAK))
			nb->flags |= BOX_HYPHEN;
		b->space = b->newline = b->brk = b->hyphen = false;
		b->cur_span = b->span;
		last = nb;
	}
	if (!text_grow((void **)&in->text, &in->captext, in->ntext + 4, 1)) {
		c->oom = true;
		return;
	}
	memcpy(in->text + in->ntext, enc, n);
	in->ntext += (int)n;
	last->len += (int)n;
	last->width += w;
	if (cp == 0x2014)
		b->brk = true;
	else if (cp == '/' && letter(b->prev))
		b->after_slash = true;
	b->prev = cp;
}

static void add_string(builder *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '\n') {
			b->newline = true;
			b->space = false;
		} else if (is_space(cp)) {
			if (!b->newline)
				b->space = true;
			b->after_slash = false;
		} else if (cp == 0xAD) {
			b->hyphen = true;   /* soft hyphen: no glyph, a hyphen if a line ends here */
		} else if (cp == 0x200B || cp == 0xFEFF) {
			b->brk = true;      /* zero-width space: a break, no glyph */
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			b->space = true;    /* other controls read as space */
		} else {
			add_char(b, cp);
		}
	}
}

void text_boxes(lay_ctx *c, lay_inline *in, const doc_text *t, const lay_textstyle *ts)
{
	in->ntext = in->nboxes = in->nlines = 0;
	builder b = {.c = c, .in = in, .ts = ts, .cur_span = -1};
	for (int i = 0; i < t->nspans; i++) {
		b.link = t->spans[i].link;
		b.style = t->spans[i].style;
		b.span = i;
		add_string(&b, t->spans[i].text);
	}
}

void text_append(lay_ctx *c, lay_inline *in, const char *s, const lay_textstyle *ts,
                 unsigned style)
{
	builder b = {.c = c, .in = in, .ts = ts, .style = style, .span = -2,
	             .cur_span = -1};
	add_string(&b, s);
}

/* ---- hyphenation ------------------------------------------------------------- */

/* The patterns, loaded once for the process (a worker lays out few
 * documents, a fuzzer many) and kept until it ends; NULL when missing,
 * which each layout says once. */
static const hyph_dict *patterns(lay_ctx *c)
{
	static hyph_dict *shared;
	static bool loaded;
	static char why[256];
	if (!loaded) {
		loaded = true;
		shared = hyph_open("en", why, sizeof why);
	}
	if (!shared && !c->hyph_tried)
		ctx_warn(c, "%s: justified text is not hyphenated", why);
	c->hyph_tried = true;
	return shared;
}

/* Width of the bytes [from, to) of box b. */
static float piece_width(lay_ctx *c, const lay_inline *in, const lay_box *b, int from, int to)
{
	long w = 0;
	for (int i = from; i < to;) {
		uint32_t cp;
		i += (int)utf8_decode(in->text + b->off + i, (size_t)(to - i), &cp);
		w += fonts_advance(c->fonts, b->face, cp);
	}
	return (float)w * b->size / 1000.0f;
}

/* Hyphenation points of a box's text: those of the word inside it, without
 * the punctuation around it ("(infrastructure),"). */
static int word_points(const hyph_dict *d, const char *s, int len, int *points)
{
	static const char lead[] = "(\"'[", trail[] = ".,;:!?)\"']";
	int from = 0, to = len;
	while (from < to && strchr(lead, s[from]))
		from++;
	while (to > from && strchr(trail, s[to - 1]))
		to--;
	/* typographic quotes: three bytes each, E2 80 98..9D */
	while (from + 3 <= to && (unsigned char)s[from] == 0xE2 &&
	       (unsigned char)s[from + 1] == 0x80 && (unsigned char)s[from + 2] >= 0x98 &&
	       (unsigned char)s[from + 2] <= 0x9D)
		from += 3;
	while (to - 3 >= from && (unsigned char)s[to - 3] == 0xE2 &&
	       (unsigned char)s[to - 2] == 0x80 && (unsigned char)s[to - 1] >= 0x98 &&
	       (unsigned char)s[to - 1] <= 0x9D)
		to -= 3;
	int k = hyph_points(d, s + from, (size_t)(to - from), points, HYPH_MAX_WORD);
	for (int i = 0; i < k; i++)
		points[i] += from;
	return k;
}

void text_hyphenate(lay_ctx *c, lay_inline *in)
{
	const hyph_dict *d = patterns(c);
	if (!d || in->nboxes == 0)
		return;
	lay_box *out = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		/* a word in one box: hyphenate it; a word of several (styles,
		 * faces, a soft hyphen) is left as written */
		bool alone = (i + 1 == in->nboxes || (in->boxes[i + 1].flags & BOX_BREAK)) &&
		             !(b->flags & (BOX_HYPHEN | BOX_CUT)) &&
		             (i == 0 || (b->flags & BOX_BREAK));
		int points[HYPH_MAX_WORD];
		int k = alone ? word_points(d, in->text + b->off, b->len, points) : 0;
		if (!text_grow((void **)&out, &cap, n + k + 1, sizeof *out)) {
			c->oom = true;
			free(out);
			return;
		}
		int from = 0;
		for (int p = 0; p <= k; p++) {
			int to = p < k ? points[p] : b->len;
			lay_box piece = *b;
			piece.off = b->off + from;
			piece.len = to - from;
			if (k > 0)
				piece.width = piece_width(c, in, b, from, to);
			if (p > 0) {
				piece.space = 0;
				piece.flags = BOX_HYPHEN;
			}
			out[n++] = piece;
			from = to;
		}
	}
	free(in->boxes);
	in->boxes = out;
	in->nboxes = n;
	in->capboxes = cap;
}

void text_measure(const lay_inline *in, float *max_width, float *min_width)
{
	float mx = 0, mn = 0, line = 0, word = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		if (b->flags & BOX_NEWLINE) {
			line = 0;
		} else if (i > 0) {
			line += b->space;
		}
		if (b->flags & BOX_BREAK)
			word = 0;
		line += b->width;
		word += b->width;
		if (line > mx)
			mx = line;
		if (word > mn)
			mn = word;
	}
	*max_width = mx;
	*min_width = mn;
}

/* ---- drawing ------------------------------------------------------------------ */

/* A text item of s[0..len) (kept, not copied) set as box b is. */
static void text_item(lay_ctx *c, const lay_box *b, const char *s, int len, float x,
                      float baseline, float width)
{
	lay_item *it = ctx_item(c, LAY_TEXT);
	if (!it)
		return;
	it->x = x;
	it->y = baseline;
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
		            b->color.b == a->color.b && !(extra != 0 && b->space > 0);
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

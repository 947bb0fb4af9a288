/*
 * text.c -- inline text becomes boxes: runs of one face without spaces,
 * a face chosen per character by coverage, each box measured.
 *
 * Break opportunities are marked here from the Unicode line-breaking rules
 * and brief's own (breaks.h): at spaces, after a slash in a URL or path,
 * after an em dash, between CJK ideographs; Korean words, separated by
 * spaces, are kept whole, as are compounds joined by dashes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/breaks.h"
#include "layout/context.h"
#include "util/utf8.h"

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
	bool glued;                 /* the pending space allows no break (before an
	                               em dash or closing punctuation: UAX #14) */
	const char *marks;          /* breaks_find() of the whole text, or NULL */
	size_t at;                  /* offset of the current string in that text */
	const char *link;
	unsigned style;
	int span;                   /* changes start a new box */
	int cur_span;
	int want;                   /* the face the string asks for (add_string) */
	bool italic;                /* and whether it is italic */
} builder;

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x2002 || cp == 0x2003 ||
	       cp == 0x2009 || cp == 0x3000;
}

/* Adds character cp, whose UTF-8 is src[0..len), to the box being built,
 * or to a new box when a break, a space or a change of face comes before
 * it. A box's width is left for shape_boxes() to set. */
static void add_char(builder *b, uint32_t cp, const char *src, size_t len)
{
	lay_ctx *c = b->c;
	lay_inline *in = b->in;
	int face = fonts_cover(c->fonts, b->want, cp);
	char enc[4];
	if (face < 0) {
		int want = b->want;
		bool seen = false;
		for (int i = 0; i < c->nreported && !seen; i++)
			seen = c->reported[i] == cp;
		if (!seen) {
			if (ctx_grow((void **)&c->reported, &c->capreported, c->nreported + 1,
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
		len = utf8_encode(cp, enc);
		src = enc;
	}

	lay_box *last = in->nboxes ? &in->boxes[in->nboxes - 1] : NULL;
	/* a face without an italic (NanumGothic) is slanted instead */
	float slant = b->italic && face >= FONT_HANGUL ? 0.2f : 0;
	bool fresh = !last || b->space || b->newline || b->brk || b->hyphen ||
	             last->face != face || last->slant != slant || b->cur_span != b->span;
	if (fresh) {
		/* the space before a word is set in the face of the word before
		 * it, at the text's size (a note's number before it is smaller) */
		float space = last ? (float)fonts_advance(c->fonts, last->face, ' ') *
		                     (last->note ? b->ts->size : last->size) / 1000.0f : 0;
		if (in->nboxes == in->capboxes &&
		    !ctx_grow((void **)&in->boxes, &in->capboxes, in->nboxes + 1, sizeof *in->boxes)) {
			c->oom = true;
			return;
		}
		bool first = in->nboxes == 0;
		lay_box *nb = &in->boxes[in->nboxes++];
		*nb = (lay_box){.face = face, .size = b->ts->size, .off = in->ntext,
		                .link = b->link, .slant = slant};
		nb->color = b->link ? b->ts->link_color : b->ts->color;
		last = first ? NULL : nb - 1;
		if (last && b->space) {
			nb->space = space;
			if (!b->glued)
				nb->flags |= BOX_BREAK;
		}
		if (last && b->brk)
			nb->flags |= BOX_BREAK;
		if (last && b->newline)
			nb->flags |= BOX_NEWLINE | BOX_BREAK;
		if (last && b->hyphen && !(nb->flags & BOX_BREAK))
			nb->flags |= BOX_HYPHEN;
		b->space = b->newline = b->brk = b->hyphen = b->glued = false;
		b->cur_span = b->span;
		last = nb;
	}
	if (in->ntext + 4 > in->captext &&
	    !ctx_grow((void **)&in->text, &in->captext, in->ntext + 4, 1)) {
		c->oom = true;
		return;
	}
	memcpy(in->text + in->ntext, src, len);
	in->ntext += (int)len;
	last->len += (int)len;
}

/* Adds the characters of s, which starts at b->at in the text whose break
 * marks b->marks holds: a line may start after a character marked
 * BRK_ALLOW that is not a space (after a slash in a URL, between CJK
 * ideographs); spaces and newlines are breaks of their own. The face is
 * looked up per character, so printable ASCII, most of any text, goes
 * straight to add_char(). */
static void add_string(builder *b, const char *s)
{
	size_t n = strlen(s);
	unsigned style = b->ts->style | b->style;
	b->want = fonts_face(b->ts->family, style);
	b->italic = (style & DOC_ITALIC) != 0;
	bool ascii = fonts_covers_ascii(b->c->fonts, b->want);
	lay_inline *in = b->in;
	for (size_t i = 0; i < n;) {
		uint32_t cp = (unsigned char)s[i];
		size_t k = cp < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		i += k;
		if (cp > ' ' && cp < 0x7F) {
			lay_box *last = in->nboxes ? &in->boxes[in->nboxes - 1] : NULL;
			if (ascii && last && last->face == b->want && last->slant == 0 &&
			    b->cur_span == b->span && !(b->space || b->newline || b->brk || b->hyphen) &&
			    in->ntext < in->captext) {
				in->text[in->ntext++] = (char)cp;   /* add_char(), in short */
				last->len++;
			} else {
				add_char(b, cp, s + i - k, 1);
			}
			if (b->marks && b->marks[b->at + i - 1] == BRK_ALLOW)
				b->brk = true;
		} else if (cp == '\n') {
			b->newline = true;
			b->space = false;
		} else if (is_space(cp)) {
			if (!b->newline)
				b->space = true;
			b->glued = b->marks && b->marks[b->at + i - 1] == BRK_NONE;
		} else if (cp == 0xAD) {
			b->hyphen = true;   /* soft hyphen: no glyph, a hyphen if a line ends here */
		} else if (cp == 0x200B || cp == 0xFEFF) {
			b->brk = true;      /* zero-width space: a break, no glyph */
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			b->space = true;    /* other controls read as space */
		} else {
			char enc[4];
			add_char(b, cp, enc, utf8_encode(cp, enc));
			if (b->marks && b->marks[b->at + i - 1] == BRK_ALLOW)
				b->brk = true;
		}
	}
	b->at += n;
}

/* Whether UAX #14 and brief's rules allow no break in s other than at its
 * spaces: Latin letters (accented ones too), digits, spaces, and the
 * punctuation that never breaks next to a letter (". , ; : ' \" ( )", the
 * typographic quotes) or that brief never breaks at ("-", an en dash).
 * Most English text is such; it needs no rules run. */
static bool only_space_breaks(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      (ch >= '0' && ch <= '9') || strchr(" \n.,;:'\"()-", ch)))
				return false;
			if (i > 0 && s[i - 1] == ' ' && strchr(".,;:)", ch))
				return false;   /* no break before it, even after a space */
			i++;
			continue;
		}
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		bool latin = cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
		if (!latin && cp != 0x2013 && !(cp >= 0x2018 && cp <= 0x201D))
			return false;
	}
	return true;
}

/* The break marks of the text of t's spans back to back (breaks.h), in a
 * new array the caller frees; NULL when no break but at spaces is possible
 * (only_space_breaks), when out of memory or empty. */
static char *marks_of(lay_ctx *c, const doc_text *t)
{
	size_t n = 0;
	bool plain = true;
	for (int i = 0; i < t->nspans; i++) {
		if (t->spans[i].note)
			continue;
		n += strlen(t->spans[i].text);
		plain = plain && only_space_breaks(t->spans[i].text);
	}
	if (n == 0 || plain)
		return NULL;
	char *all = malloc(n), *marks = malloc(n);
	if (!all || !marks) {
		free(all);
		free(marks);
		c->oom = true;
		return NULL;
	}
	size_t k = 0;
	for (int i = 0; i < t->nspans; i++) {
		if (t->spans[i].note)
			continue;
		size_t len = strlen(t->spans[i].text);
		memcpy(all + k, t->spans[i].text, len);
		k += len;
	}
	breaks_find(all, n, c->doc->meta.lang, marks);
	free(all);
	return marks;
}

/* The reference of footnote `number`: its number, small and raised, in a
 * box of its own that sticks to the word before it. */
static void add_note_ref(builder *b, int number)
{
	lay_ctx *c = b->c;
	lay_textstyle small = *b->ts;
	small.size = b->ts->size * 0.62f;
	char digits[16];
	snprintf(digits, sizeof digits, "%d", number);
	int first = b->in->nboxes;
	bool space = b->space, newline = b->newline, brk = b->brk;
	builder nb = {.c = c, .in = b->in, .ts = &small, .space = space, .newline = newline,
	              .brk = brk, .style = b->style, .span = -3, .cur_span = -4};
	add_string(&nb, digits);
	for (int i = first; i < b->in->nboxes; i++) {
		b->in->boxes[i].rise = b->ts->size * 0.36f;
		b->in->boxes[i].note = number;
	}
	b->space = b->newline = b->brk = b->hyphen = false;
	b->cur_span = -5;       /* the next character starts a box of its own */
}

/* Sets the width of boxes [from, nboxes) of in to their shaped width
 * (HarfBuzz: kerning), which is how lines.c draws them. */
static void shape_boxes(lay_ctx *c, lay_inline *in, int from)
{
	for (int i = from; i < in->nboxes; i++) {
		lay_box *b = &in->boxes[i];
		long w = fonts_shape(c->fonts, b->face, in->text + b->off, (size_t)b->len, NULL);
		if (w < 0)
			c->oom = true;
		b->width = w > 0 ? (float)w * b->size / 1000.0f : 0;
	}
}

void text_boxes(lay_ctx *c, lay_inline *in, const doc_text *t, const lay_textstyle *ts)
{
	in->ntext = in->nboxes = in->nlines = 0;
	char *marks = marks_of(c, t);
	builder b = {.c = c, .in = in, .ts = ts, .cur_span = -1, .marks = marks};
	for (int i = 0; i < t->nspans; i++) {
		b.link = t->spans[i].link;
		b.style = t->spans[i].style;
		b.span = i;
		if (t->spans[i].note)
			add_note_ref(&b, t->spans[i].note_number);
		else
			add_string(&b, t->spans[i].text);
	}
	free(marks);
	shape_boxes(c, in, 0);
}

void text_append(lay_ctx *c, lay_inline *in, const char *s, const lay_textstyle *ts,
                 unsigned style)
{
	doc_span span = {.text = s};
	doc_text t = {&span, 1};
	char *marks = marks_of(c, &t);
	int first = in->nboxes;
	builder b = {.c = c, .in = in, .ts = ts, .style = style, .span = -2,
	             .cur_span = -1, .marks = marks};
	add_string(&b, s);
	free(marks);
	shape_boxes(c, in, first);
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


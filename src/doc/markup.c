/*
 * markup.c -- inline markup of paragraphs into styled spans.
 *
 * Two passes over the paragraph. The first cuts it into items -- runs of
 * literal text and runs of '*' -- and matches emphasis as it goes, the way
 * CommonMark does with its delimiter stack, simplified: every run that may
 * open emphasis is pushed on a stack of openers, and a run that may close
 * pairs with the top of that stack, two asterisks at a time while both sides
 * have two (bold), otherwise one (italic). The asterisks used come from the
 * inner ends of both runs; what is left of a run is literal text. Link text
 * is an inner scope: its runs pair only with each other, while runs around a
 * link may wrap it. The second pass walks the items keeping a count of open
 * bold and italic pairs, and writes the text out as spans, merging
 * neighbours of the same style and link.
 *
 * Choices the header leaves open: a link needs non-empty text and URL
 * ("[](u)" and "[a]()" stay literal); links do not nest (brackets inside
 * link text are literal); parentheses nest inside the URL, which is kept raw,
 * backslashes included; an escaped bracket or parenthesis never delimits a
 * link; neighbouring links to the same URL merge into one span.
 *
 * Markup characters are all ASCII, so spans are cut only between UTF-8
 * sequences, never inside one.
 */
#include "doc/markup.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

#define NONE SIZE_MAX

enum { ITEM_TEXT, ITEM_DELIM, ITEM_NOTE };

typedef struct item {
	const char *s;          /* TEXT: literal bytes; DELIM: the run of '*';
	                           NOTE: the note's markup */
	size_t len;             /* bytes at s */
	const char *link;       /* URL of the enclosing link, or NULL */
	int kind;
	/* DELIM only */
	size_t rem;             /* asterisks not paired: literal text */
	size_t below;           /* next opener down the stack, or NONE */
	size_t open_bold, open_italic, close_bold, close_italic;
} item;

/* A span under construction: text at buf[off..off+len), or a note. */
typedef struct piece {
	size_t off, len;
	unsigned style;
	const char *link;
	const item *note;       /* ITEM_NOTE, or NULL */
} piece;

typedef struct parser {
	doc_document *d;
	const char *src;
	size_t n;
	size_t *match;          /* from match_brackets(); NULL when no '[' */
	item *items;
	size_t nitems, cap;
	size_t top;             /* top of the opener stack: an item, or NONE */
	bool in_note;           /* parsing a footnote: "^[" inside is literal */
	bool oom;
} parser;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
	    || c == '\v';
}

static bool is_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@')
	    || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* ---- brackets --------------------------------------------------------------- */

/* Returns a new array, owned by the caller (free()), mapping each '[' and
 * '(' of src[0..n) to the index of its closing partner, nesting respected,
 * and every other index to NONE. Escaped brackets and parentheses take no
 * part. NULL when out of memory. Linear: the stacks of unmatched openers are
 * threaded through the array itself. */
static size_t *match_brackets(const char *src, size_t n)
{
	size_t *m = malloc(n * sizeof *m);
	if (!m)
		return NULL;
	size_t brackets = NONE, parens = NONE;
	for (size_t i = 0; i < n; i++) {
		m[i] = NONE;
		switch (src[i]) {
		case '\\':
			if (i + 1 < n && is_punct(src[i + 1]))
				m[++i] = NONE;
			break;
		case '[':
			m[i] = brackets;
			brackets = i;
			break;
		case '(':
			m[i] = parens;
			parens = i;
			break;
		case ']':
			if (brackets != NONE) {
				size_t open = brackets;
				brackets = m[open];
				m[open] = i;
			}
			break;
		case ')':
			if (parens != NONE) {
				size_t open = parens;
				parens = m[open];
				m[open] = i;
			}
			break;
		}
	}
	while (brackets != NONE) {
		size_t open = brackets;
		brackets = m[open];
		m[open] = NONE;
	}
	while (parens != NONE) {
		size_t open = parens;
		parens = m[open];
		m[open] = NONE;
	}
	return m;
}

/* Whether the '[' at i starts a link "[text](url)" with non-empty text and
 * URL; if so stores the index of its ']' and of the ')' after the URL. */
static bool link_at(const parser *p, size_t i, size_t *close, size_t *url_end)
{
	size_t c = p->match[i];
	if (c == NONE || c == i + 1)
		return false;
	if (c + 1 >= p->n || p->src[c + 1] != '(')
		return false;
	size_t e = p->match[c + 1];
	if (e == NONE || e == c + 2)
		return false;
	*close = c;
	*url_end = e;
	return true;
}

/* Whether the '^' at i starts a footnote "^[text]" with non-empty text
 * (not inside another footnote); if so stores the index of its ']'. */
static bool note_at(const parser *p, size_t i, size_t *close)
{
	if (p->in_note || !p->match || i + 1 >= p->n || p->src[i + 1] != '[')
		return false;
	size_t c = p->match[i + 1];
	if (c == NONE || c == i + 2)
		return false;
	*close = c;
	return true;
}

/* ---- items and emphasis ------------------------------------------------------ */

/* Appends a zeroed item and returns its index; NONE (and p->oom) when out of
 * memory. Earlier item pointers are invalid afterwards. */
static size_t add_item(parser *p, int kind, const char *s, size_t len,
                       const char *link)
{
	if (p->nitems == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		item *items = realloc(p->items, cap * sizeof *items);
		if (!items) {
			p->oom = true;
			return NONE;
		}
		p->items = items;
		p->cap = cap;
	}
	item *it = &p->items[p->nitems];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->s = s;
	it->len = len;
	it->link = link;
	it->rem = len;
	it->below = NONE;
	return p->nitems++;
}

/* Adds the run of '*' at src[i..j) and pairs it: as a closer with the
 * openers above base on the stack, then, if asterisks are left and it may
 * open, as an opener itself. A run opens when followed by a non-space and
 * closes when preceded by one. */
static void add_delim(parser *p, size_t i, size_t j, const char *link,
                      size_t base)
{
	bool can_close = i > 0 && !is_space(p->src[i - 1]);
	bool can_open = j < p->n && !is_space(p->src[j]);
	size_t k = add_item(p, ITEM_DELIM, p->src + i, j - i, link);
	if (k == NONE)
		return;
	item *c = &p->items[k];
	while (can_close && c->rem > 0 && p->top != base) {
		item *o = &p->items[p->top];
		assert(o->kind == ITEM_DELIM && o->rem > 0);
		if (o->rem >= 2 && c->rem >= 2) {
			o->open_bold++;
			c->close_bold++;
			o->rem -= 2;
			c->rem -= 2;
		} else {
			o->open_italic++;
			c->close_italic++;
			o->rem--;
			c->rem--;
		}
		if (o->rem == 0)
			p->top = o->below;
	}
	if (can_open && c->rem > 0) {
		c->below = p->top;
		p->top = k;
	}
}

/* Whether src[i], inside a range ending at end, begins markup: a run of
 * '*', an escape, or (outside link text) a link. */
static bool starts_markup(const parser *p, size_t i, size_t end,
                          const char *link)
{
	size_t close, url_end;
	switch (p->src[i]) {
	case '*':
		return true;
	case '\\':
		return i + 1 < end && is_punct(p->src[i + 1]);
	case '[':
		return !link && p->match && link_at(p, i, &close, &url_end);
	case '^':
		return note_at(p, i, &close);
	default:
		return false;
	}
}

/* Cuts src[i..end) into items. link is the URL when the range is a link's
 * text (where brackets are literal), NULL at the top level. Openers pushed
 * here are popped on return, so a link's emphasis stays inside it. */
static void parse_range(parser *p, size_t i, size_t end, const char *link)
{
	const char *src = p->src;
	size_t base = p->top;
	while (i < end && !p->oom) {
		char ch = src[i];
		if (ch == '\\' && i + 1 < end && is_punct(src[i + 1])) {
			add_item(p, ITEM_TEXT, src + i + 1, 1, link);
			i += 2;
			continue;
		}
		if (ch == '*') {
			size_t j = i + 1;
			while (j < end && src[j] == '*')
				j++;
			add_delim(p, i, j, link, base);
			i = j;
			continue;
		}
		size_t close, url_end;
		if (ch == '^' && note_at(p, i, &close)) {
			add_item(p, ITEM_NOTE, src + i + 2, close - i - 2, link);
			i = close + 1;
			continue;
		}
		if (ch == '[' && !link && p->match && link_at(p, i, &close, &url_end)) {
			char *url = arena_strndup(p->d->arena, src + close + 2,
			                          url_end - close - 2);
			if (!url) {
				p->oom = true;
				break;
			}
			parse_range(p, i + 1, close, url);
			i = url_end + 1;
			continue;
		}
		/* Literal text up to the next markup; src[i] is none. */
		size_t j = i + 1;
		while (j < end && !starts_markup(p, j, end, link))
			j++;
		add_item(p, ITEM_TEXT, src + i, j - i, link);
		i = j;
	}
	p->top = base;
}

static bool parse_markup(parser *p, doc_text *out);

/* ---- spans ------------------------------------------------------------------- */

static bool same_link(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Appends s[0..len) in the given style and link to buf at *used, extending
 * the last piece when it has the same style and link. */
static void emit(piece *pieces, size_t *npieces, char *buf, size_t *used,
                 const char *s, size_t len, unsigned style, const char *link)
{
	if (len == 0)
		return;
	piece *last = *npieces ? &pieces[*npieces - 1] : NULL;
	if (last && !last->note && last->style == style && same_link(last->link, link)) {
		last->len += len;
	} else {
		piece *pc = &pieces[(*npieces)++];
		pc->off = *used;
		pc->len = len;
		pc->style = style;
		pc->link = link;
		pc->note = NULL;
	}
	memcpy(buf + *used, s, len);
	*used += len;
}

/* Makes span sp the reference of the footnote whose markup is item it:
 * the note parsed (its own "^[" literal) into d's arena and numbered next
 * in the document. False when out of memory. */
static bool note_span(parser *p, const item *it, doc_span *sp)
{
	doc_text *note = arena_alloc(p->d->arena, sizeof *note);
	char *src = arena_strndup(p->d->arena, it->s, it->len);
	if (!note || !src)
		return false;
	parser inner = {.d = p->d, .src = src, .n = it->len, .top = NONE, .in_note = true};
	bool ok = parse_markup(&inner, note);
	if (ok) {
		sp->note = note;
		sp->note_number = ++p->d->nnotes;
	}
	return ok;
}

/* Walks the items, styles their text by the pairs open around it, and
 * stores the spans in d's arena. Returns false when out of memory. */
static bool make_spans(parser *p, doc_text *out)
{
	/* Every item yields at most one piece, and every byte written comes
	 * from a distinct byte of the source. */
	piece *pieces = malloc(p->nitems * sizeof *pieces);
	char *buf = malloc(p->n);
	bool ok = false;
	if (!pieces || !buf)
		goto done;

	size_t npieces = 0, used = 0, bold = 0, italic = 0;
	for (size_t k = 0; k < p->nitems; k++) {
		const item *it = &p->items[k];
		size_t len = it->len;
		if (it->kind == ITEM_DELIM) {
			assert(bold >= it->close_bold && italic >= it->close_italic);
			bold -= it->close_bold;
			italic -= it->close_italic;
			len = it->rem;
		}
		unsigned style = (bold ? DOC_BOLD : 0u) | (italic ? DOC_ITALIC : 0u);
		if (it->kind == ITEM_NOTE) {
			pieces[npieces++] = (piece){used, 0, style, it->link, it};
			continue;
		}
		emit(pieces, &npieces, buf, &used, it->s, len, style, it->link);
		if (it->kind == ITEM_DELIM) {
			bold += it->open_bold;
			italic += it->open_italic;
		}
	}
	assert(bold == 0 && italic == 0 && used <= p->n);

	doc_span *spans = arena_alloc(p->d->arena, npieces * sizeof *spans);
	if (!spans)
		goto done;
	for (size_t k = 0; k < npieces; k++) {
		char *text = arena_strndup(p->d->arena, buf + pieces[k].off,
		                           pieces[k].len);
		if (!text)
			goto done;
		spans[k].text = text;
		spans[k].style = pieces[k].style;
		spans[k].link = pieces[k].link;
		if (pieces[k].note && !note_span(p, pieces[k].note, &spans[k]))
			goto done;
	}
	assert(npieces <= (size_t)INT_MAX);
	out->spans = spans;
	out->nspans = (int)npieces;
	ok = true;
done:
	free(pieces);
	free(buf);
	return ok;
}

/* Parses p->src into spans in *out; frees what p allocated. False when out
 * of memory. */
static bool parse_markup(parser *p, doc_text *out)
{
	bool ok = false;
	if (memchr(p->src, '[', p->n)) {
		p->match = match_brackets(p->src, p->n);
		if (!p->match)
			goto done;
	}
	parse_range(p, 0, p->n, NULL);
	if (!p->oom)
		ok = make_spans(p, out);
done:
	free(p->match);
	free(p->items);
	return ok;
}

bool markup_parse(doc_document *d, const char *markup, doc_text *out)
{
	assert(d && markup && out);
	out->spans = NULL;
	out->nspans = 0;
	size_t n = strlen(markup);
	if (n == 0)
		return true;
	if (n > (size_t)INT_MAX)
		return false;   /* nspans is an int; no paragraph is 2 GiB */

	/* Plain text, the common case: one span, nothing to parse. */
	if (!strpbrk(markup, "*[\\")) {
		bool ok;
		*out = doc_plain_text(d, markup, &ok);
		return ok;
	}

	parser p = {.d = d, .src = markup, .n = n, .top = NONE};
	return parse_markup(&p, out);
}

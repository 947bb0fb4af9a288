/*
 * fuzz_layout.c -- the line breaker and the text it breaks (src/layout/
 * linebreak.c, text.c) driven the way documents reach them: any text, as
 * inline markup, in paragraphs, headings, lists and table cells, laid out by
 * lay_document with the installed fonts.
 *
 * The input is read as choices (common.h): first the page (paper, body size,
 * alignment, family), then blocks until it runs out, each a kind byte, the
 * block's settings and its texts, every text ending at a NUL byte. Widths of
 * table columns stay within the page and hold a character, so that nothing
 * may leave the content box unless the layout warns that a table is too
 * wide; the invariants checked on the result are those of
 * tests/test_layout.c that hold for any document.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "doc/document.h"
#include "doc/markup.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"
#include "util/arena.h"
#include "util/utf8.h"

#define CHECK(cond) ((cond) ? (void)0 : abort())
#define MAX_TEXT 1500       /* bytes of one text */
#define EPS 0.01f
#define SLACK 0.5f          /* how far past the right edge text may reach */
#define MIN_COLUMN 24.0f    /* points: 2 x 4 of padding, 16 for a character */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next text of the input as markup, parsed into d. */
static doc_text text(fuzz_input *in, doc_document *d)
{
	const uint8_t *p;
	size_t n = fuzz_until(in, 0, MAX_TEXT, &p);
	char *s = fuzz_utf8(p, n);
	doc_text t;
	CHECK(markup_parse(d, s, &t));
	free(s);
	return t;
}

static doc_list *list(fuzz_input *in, doc_document *d, bool ordered, int depth)
{
	doc_list *l = arena_alloc(d->arena, sizeof *l);
	int n = 1 + (int)fuzz_pick(in, 4);
	CHECK(l && (l->items = arena_alloc(d->arena, (size_t)n * sizeof *l->items)));
	l->ordered = ordered;
	for (int i = 0; i < n; i++) {
		l->items[i].text = text(in, d);
		if (depth < 3 && fuzz_pick(in, 4) == 0)
			l->items[i].sublist = list(in, d, ordered, depth + 1);
	}
	l->nitems = n;
	return l;
}

static void table(fuzz_input *in, doc_document *d, doc_table *t, float room)
{
	int ncols = 1 + (int)fuzz_pick(in, 5), nrows = (int)fuzz_pick(in, 6);
	t->ncols = ncols;
	t->nrows = nrows;
	t->cols = arena_alloc(d->arena, (size_t)ncols * sizeof *t->cols);
	t->cells = arena_alloc(d->arena, (size_t)(nrows ? nrows : 1) * (size_t)ncols *
	                       sizeof *t->cells);
	CHECK(t->cols && t->cells);
	for (int j = 0; j < ncols; j++) {
		/* 0: automatic, else a share of the room, but never narrower than
		 * the padding and the widest character: a column that cannot hold
		 * one character has to overflow (tests/test_layout.c shows how) */
		unsigned w = fuzz_byte(in);
		t->cols[j].width = w ? MIN_COLUMN + (room / ncols - MIN_COLUMN) * (double)w / 255 : 0;
		t->cols[j].align = (doc_align)fuzz_pick(in, 5);
		t->cols[j].title = text(in, d);
	}
	for (int i = 0; i < nrows * ncols; i++)
		t->cells[i] = text(in, d);
	if (fuzz_pick(in, 2))
		t->caption = text(in, d);
}

/* The next text of the input as plain UTF-8 in d's arena. */
static const char *plain(fuzz_input *in, doc_document *d)
{
	const uint8_t *p;
	size_t n = fuzz_until(in, 0, 200, &p);
	char *s = fuzz_utf8(p, n);
	const char *kept = doc_strdup(d, s);
	free(s);
	CHECK(kept);
	return kept;
}

/* A chart of any kind, labels and values (a byte: missing, negative or
 * positive, small or huge). */
static void chart(fuzz_input *in, doc_document *d, doc_chart *ch)
{
	ch->type = fuzz_pick(in, 2) ? DOC_CHART_BAR : DOC_CHART_LINE;
	ch->horizontal = ch->type == DOC_CHART_BAR && fuzz_pick(in, 2);
	ch->stacked = ch->type == DOC_CHART_BAR && fuzz_pick(in, 2);
	ch->title = fuzz_pick(in, 2) ? plain(in, d) : NULL;
	ch->unit = fuzz_pick(in, 2) ? plain(in, d) : NULL;
	ch->nlabels = 1 + (int)fuzz_pick(in, 40);
	ch->nseries = 1 + (int)fuzz_pick(in, 5);
	ch->labels = arena_alloc(d->arena, (size_t)ch->nlabels * sizeof *ch->labels);
	ch->series = arena_alloc(d->arena, (size_t)ch->nseries * sizeof *ch->series);
	CHECK(ch->labels && ch->series);
	for (int j = 0; j < ch->nlabels; j++)
		ch->labels[j] = plain(in, d);
	for (int i = 0; i < ch->nseries; i++) {
		ch->series[i].name = fuzz_pick(in, 2) ? plain(in, d) : NULL;
		ch->series[i].values = arena_alloc(d->arena, (size_t)ch->nlabels * sizeof(double));
		CHECK(ch->series[i].values);
		for (int j = 0; j < ch->nlabels; j++) {
			unsigned b = fuzz_byte(in);
			ch->series[i].values[j] = b == 0 ? NAN : b < 16 ? -(double)b * 1e3
			                          : b > 250 ? 1e15 : (double)b / 7;
		}
	}
}

/* A timeline of dated entries, the dates well formed or not. */
static void timeline(fuzz_input *in, doc_document *d, doc_timeline *tl)
{
	static const char *const dates[] = {"1967-08-08", "1989-11", "2009", "2024-04-04",
	                                    "c. 1990", "2019-13", "", "1989-11-31"};
	tl->title = fuzz_pick(in, 2) ? plain(in, d) : NULL;
	tl->by_decade = fuzz_pick(in, 2);
	tl->nentries = (int)fuzz_pick(in, 12);
	tl->entries = arena_alloc(d->arena, (size_t)(tl->nentries + 1) * sizeof *tl->entries);
	CHECK(tl->entries);
	for (int i = 0; i < tl->nentries; i++)
		tl->entries[i] = (doc_timeline_entry){.date = dates[fuzz_pick(in, 8)],
		                                      .label = text(in, d),
		                                      .inferred = fuzz_pick(in, 2)};
}

static doc_document *build(fuzz_input *in)
{
	static const char *const papers[] = {"A4", "A5", "Letter"};
	doc_document *d = doc_new();
	CHECK(d);
	CHECK(style_set_paper(&d->style, papers[fuzz_pick(in, 3)]));
	d->style.body_size = 6 + fuzz_pick(in, 19);
	d->style.body_leading = d->style.body_size * 1.3;
	unsigned flags = fuzz_byte(in);
	d->style.body_align = (int)(flags % 5);
	d->style.body_family = flags & 8 ? DOC_SANS : DOC_SERIF;
	d->style.heading_numbers = flags & 16;
	float room = (float)(d->style.page_width - d->style.margin_left - d->style.margin_right);

	for (int line = 1; in->n > 0; line++) {
		unsigned kind = fuzz_pick(in, 10);
		if (kind <= 2) {
			doc_align align = (doc_align)fuzz_pick(in, 5);
			unsigned size = fuzz_pick(in, 4) ? 0 : 5 + fuzz_pick(in, 26);
			doc_block *b = doc_add(d, DOC_PARAGRAPH, line);
			CHECK(b);
			b->u.paragraph = (doc_paragraph){.text = text(in, d), .align = align,
			                                  .size = size,
			                                  .linebreaks = (doc_linebreaks)fuzz_pick(in, 3)};
		} else if (kind == 3) {
			int level = 1 + (int)fuzz_pick(in, 3);
			doc_text t = text(in, d);
			doc_block *b = doc_add(d, DOC_HEADING, line);
			CHECK(b);
			b->u.heading = (doc_heading){t, level};
		} else if (kind == 4) {
			doc_list *l = list(in, d, fuzz_pick(in, 2), 0);
			doc_block *b = doc_add(d, DOC_LIST, line);
			CHECK(b);
			b->u.list = *l;
		} else if (kind == 5) {
			doc_table t = {0};
			table(in, d, &t, room);
			doc_block *b = doc_add(d, DOC_TABLE, line);
			CHECK(b);
			b->u.table = t;
		} else if (kind == 8) {
			doc_chart ch = {0};
			chart(in, d, &ch);
			doc_block *b = doc_add(d, DOC_CHART, line);
			CHECK(b);
			b->u.chart = ch;
		} else if (kind == 9) {
			doc_timeline tl = {0};
			timeline(in, d, &tl);
			doc_block *b = doc_add(d, DOC_TIMELINE, line);
			CHECK(b);
			b->u.timeline = tl;
		} else {
			CHECK(doc_add(d, kind == 6 ? DOC_PAGE_BREAK : DOC_CONTENTS, line));
		}
	}
	return d;
}

/* What holds for any layout: valid, covered text items; everything in the
 * content box horizontally (unless a table was too wide for it, which is a
 * warning), on a page that exists. */
static void check(const doc_document *d, const lay_result *r)
{
	const lay_doc *o = r->doc;
	const doc_style *s = &d->style;
	float left = (float)s->margin_left, right = (float)(s->page_width - s->margin_right);
	bool too_wide = false;
	for (int i = 0; i < r->nwarnings; i++)
		too_wide = too_wide || strstr(r->warnings[i].message, "wider than the");
	CHECK(o && o->npages >= 1 && o->nfaces == FONT_NFACES);
	for (int p = 0; p < o->npages; p++) {
		const lay_page *pg = &o->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			CHECK(isfinite(it->x) && isfinite(it->y) && isfinite(it->w) && isfinite(it->h));
			if (it->kind == LAY_TEXT) {
				const char *str = it->u.text.str;
				size_t n = strlen(str);
				CHECK(it->u.text.face >= 0 && it->u.text.face < o->nfaces);
				CHECK((size_t)it->u.text.len == n);
				CHECK(utf8_invalid_at(str, n) == (size_t)-1);
				for (size_t k = 0; k < n;) {
					uint32_t cp;
					k += utf8_decode(str + k, n - k, &cp);
					CHECK(cp <= 0xFFFF);
					CHECK(fonts_cover(fuzz_fonts(), it->u.text.face, cp) == it->u.text.face);
				}
			}
			if (!too_wide && (it->kind == LAY_TEXT || it->kind == LAY_RECT)) {
				if (it->x < left - EPS || it->x + it->w > right + SLACK) {
					fprintf(stderr, "page %d item %d (kind %d, \"%s\") from x %.2f to %.2f, "
					        "outside %.2f..%.2f\n", p + 1, i, it->kind,
					        it->kind == LAY_TEXT ? it->u.text.str : "", it->x, it->x + it->w,
					        left, right);
					abort();
				}
			}
			if (it->kind == LAY_LINK && !it->u.link.uri)
				CHECK(it->u.link.page >= 0 && it->u.link.page < o->npages);
		}
	}
	for (int m = 0; m < o->nmarks; m++)
		CHECK(o->marks[m].page >= 0 && o->marks[m].page < o->npages &&
		      o->marks[m].level >= 1 && o->marks[m].level <= 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input in = {data, size};
	doc_document *d = build(&in);
	lay_result r = {0};
	char err[512];
	if (lay_document(d, fuzz_fonts(), 0, &r, err, sizeof err) != 0) {
		fprintf(stderr, "lay_document: %s\n", err);
		abort();
	}
	check(d, &r);
	lay_free(r.doc);
	doc_free(d);
	return 0;
}

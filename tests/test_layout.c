/*
 * test_layout.c -- the layout engine: documents built in C, laid out with the
 * installed fonts, and the display list inspected.
 *
 * Every layout goes through check_layout(), which holds the invariants any
 * document must keep: text items are valid UTF-8 in the BMP and drawn by a
 * face that has every glyph; nothing leaves the content box but the running
 * header and footer; every page has its "Page X of Y". The tests then look
 * at what each behaviour promises: wrapping, justification, tables across
 * pages, outline marks, contents page numbers, warnings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/document.h"
#include "doc/markup.h"
#include "layout/blocks.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"
#include "util/arena.h"
#include "util/imagefile.h"
#include "util/utf8.h"
#include "support.h"

#define EPS 0.01f
#define SLACK 0.5f          /* how far past the right edge text may reach */
#define DESCENT 0.22f       /* of the size: Liberation's descender is 0.212 em */

static lay_fonts *fonts;    /* opened once for the group */

typedef struct fixture {
	doc_document *d;
	lay_result res;
} fixture;

static int open_fonts(void **state)
{
	(void)state;
	fonts = support_open_fonts();
	return fonts ? 0 : -1;
}

static int close_fonts(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx || !(fx->d = doc_new())) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	lay_free(fx->res.doc);
	doc_free(fx->d);
	free(fx);
	return 0;
}

/* ---- building documents ------------------------------------------------------------ */

static void paragraph(doc_document *d, int line, const char *markup, doc_align align)
{
	doc_block *b = doc_add(d, DOC_PARAGRAPH, line);
	assert_non_null(b);
	assert_true(markup_parse(d, markup, &b->u.paragraph.text));
	b->u.paragraph.align = align;
}

static void heading(doc_document *d, int line, const char *text, int level)
{
	bool ok;
	doc_text t = doc_plain_text(d, text, &ok);
	assert_true(ok);
	doc_block *b = doc_add(d, DOC_HEADING, line);
	assert_non_null(b);
	b->u.heading.text = t;
	b->u.heading.level = level;
}

static void block(doc_document *d, doc_kind kind)
{
	assert_non_null(doc_add(d, kind, 0));
}

/* Cell text for row r, column j (r < 0: the title); returns a string valid
 * until the next call. */
typedef const char *(*cell_fn)(int r, int j);

static void table(doc_document *d, int line, int ncols, const double *widths, int nrows,
                  cell_fn cell)
{
	bool ok = true;
	doc_column *cols = arena_alloc(d->arena, (size_t)ncols * sizeof *cols);
	doc_text *cells = arena_alloc(d->arena, (size_t)nrows * (size_t)ncols * sizeof *cells);
	assert_non_null(cols);
	assert_non_null(cells);
	for (int j = 0; j < ncols; j++) {
		cols[j].title = doc_plain_text(d, cell(-1, j), &ok);
		assert_true(ok);
		cols[j].width = widths ? widths[j] : 0;
	}
	for (int r = 0; r < nrows; r++)
		for (int j = 0; j < ncols; j++) {
			cells[(size_t)r * (size_t)ncols + (size_t)j] = doc_plain_text(d, cell(r, j), &ok);
			assert_true(ok);
		}
	doc_block *b = doc_add(d, DOC_TABLE, line);
	assert_non_null(b);
	b->u.table = (doc_table){ncols, cols, nrows, cells, {0}};
}

/* ---- reading the display list -------------------------------------------------- */

typedef struct box {
	float left, right, top, bottom;
} box;

static box content_box(const doc_style *s)
{
	return (box){(float)s->margin_left, (float)(s->page_width - s->margin_right),
	             (float)(s->page_height - s->margin_top), (float)s->margin_bottom};
}

static bool is_text(const lay_item *it, const char *s)
{
	return it->kind == LAY_TEXT && strcmp(it->u.text.str, s) == 0;
}

static int count_text(const lay_page *p, const char *s)
{
	int n = 0;
	for (int i = 0; i < p->nitems; i++)
		n += is_text(&p->items[i], s);
	return n;
}

static const lay_item *find_text(const lay_page *p, const char *s)
{
	for (int i = 0; i < p->nitems; i++)
		if (is_text(&p->items[i], s))
			return &p->items[i];
	return NULL;
}

/* Width of s in face at size, the way a reader of the fonts would add it. */
static float width_of(int face, float size, const char *s)
{
	size_t n = strlen(s);
	long w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int f = fonts_cover(fonts, face, cp);
		assert_true(f >= 0);
		w += fonts_advance(fonts, f, cp);
	}
	return (float)w * size / 1000.0f;
}

static bool is_default_footer(const doc_style *s)
{
	return s->footer.center && strcmp(s->footer.center, "Page {page} of {pages}") == 0 &&
	       !(s->footer.left && *s->footer.left) && !(s->footer.right && *s->footer.right);
}

/* The invariants of every layout; fails the test naming the page and item. */
static void check_layout(const doc_document *d, const lay_result *r)
{
	const lay_doc *o = r->doc;
	const doc_style *s = &d->style;
	box b = content_box(s);
	assert_non_null(o);
	assert_true(o->npages >= 1);
	assert_true(fabsf(o->width - (float)s->page_width) < EPS);
	assert_true(fabsf(o->height - (float)s->page_height) < EPS);
	assert_true(o->nfaces == FONT_NFACES);
	for (int p = 0; p < o->npages; p++) {
		const lay_page *pg = &o->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			bool running = it->y < b.bottom - EPS || it->y > b.top + EPS;
			if (it->kind == LAY_TEXT) {
				const char *str = it->u.text.str;
				size_t n = strlen(str);
				if (it->u.text.face < 0 || it->u.text.face >= o->nfaces ||
				    (size_t)it->u.text.len != n || utf8_invalid_at(str, n) != (size_t)-1)
					fail_msg("page %d item %d: bad text item \"%s\"", p + 1, i, str);
				for (size_t k = 0; k < n;) {
					uint32_t cp;
					k += utf8_decode(str + k, n - k, &cp);
					if (cp > 0xFFFF || fonts_cover(fonts, it->u.text.face, cp) != it->u.text.face)
						fail_msg("page %d: \"%s\": U+%04X not in face %s", p + 1, str,
						         (unsigned)cp, o->faces[it->u.text.face].name);
				}
				if (it->x < b.left - EPS || it->x + it->w > b.right + SLACK)
					fail_msg("page %d: \"%s\" from x %.2f to %.2f, outside %.2f..%.2f", p + 1,
					         str, it->x, it->x + it->w, b.left, b.right);
				float size = it->u.text.size;
				if (!running && (it->y - DESCENT * size < b.bottom - EPS ||
				                 it->y + 0.8f * size > b.top + EPS))
					fail_msg("page %d: \"%s\" at y %.2f (size %.1f) outside %.2f..%.2f",
					         p + 1, str, it->y, size, b.bottom, b.top);
				continue;
			}
			if (running && it->kind != LAY_LINE)
				fail_msg("page %d item %d: kind %d at y %.2f, outside the body", p + 1, i,
				         it->kind, it->y);
			float x2 = it->x + it->w, y2 = it->y + it->h;
			if (it->kind == LAY_LINE) {
				x2 = it->u.line.x2;
				y2 = it->u.line.y2;
				if (running)
					continue;
			}
			if (it->kind == LAY_LINE || it->kind == LAY_RECT || it->kind == LAY_LINK) {
				if (it->x < b.left - EPS || x2 > b.right + SLACK || it->y < b.bottom - EPS ||
				    y2 < b.bottom - EPS || it->y > b.top + EPS || y2 > b.top + EPS)
					fail_msg("page %d item %d: kind %d (%.2f, %.2f)-(%.2f, %.2f) outside the "
					         "content box", p + 1, i, it->kind, it->x, it->y, x2, y2);
			}
			if (it->kind == LAY_LINK && !it->u.link.uri &&
			    (it->u.link.page < 0 || it->u.link.page >= o->npages))
				fail_msg("page %d: link to page %d of %d", p + 1, it->u.link.page + 1,
				         o->npages);
		}
		if (is_default_footer(s)) {
			char want[64];
			snprintf(want, sizeof want, "Page %d of %d", p + 1, o->npages);
			const lay_item *f = find_text(pg, want);
			if (!f || count_text(pg, want) != 1)
				fail_msg("page %d: %d footers \"%s\"", p + 1, count_text(pg, want), want);
			if (f->y >= b.bottom)
				fail_msg("page %d: footer at y %.2f, above the bottom margin", p + 1, f->y);
			if (fabsf(f->x + f->w / 2 - (b.left + b.right) / 2) > EPS)
				fail_msg("page %d: footer not centred", p + 1);
			for (int i = 0; i < pg->nitems; i++)
				if (pg->items[i].kind == LAY_TEXT && &pg->items[i] != f &&
				    strncmp(pg->items[i].u.text.str, "Page ", 5) == 0)
					fail_msg("page %d: a second footer \"%s\"", p + 1,
					         pg->items[i].u.text.str);
		}
	}
	for (int m = 0; m < o->nmarks; m++)
		if (o->marks[m].page < 0 || o->marks[m].page >= o->npages ||
		    o->marks[m].level < 1 || o->marks[m].level > 3)
			fail_msg("mark %d: page %d, level %d", m, o->marks[m].page, o->marks[m].level);
}

/* Lays out d into *r (freeing what *r held) and checks the invariants. */
static void lay(const doc_document *d, lay_result *r)
{
	char err[512];
	lay_free(r->doc);
	*r = (lay_result){0};
	if (lay_document(d, fonts, 0, r, err, sizeof err) != 0)
		fail_msg("lay_document: %s", err);
	check_layout(d, r);
}

/* A line of text: the body text items of one page sharing a baseline. */
typedef struct line {
	int page;
	float y, x0, x1;        /* baseline, left of the first item, right of the last */
	int first, count;       /* items [first, first + count) of the page */
} line;

/* The body text lines in order (page, then as emitted), into lines (owned
 * by the caller); returns how many. */
static int lines_of(const lay_result *r, const doc_document *d, line **out)
{
	box b = content_box(&d->style);
	int n = 0, cap = 64;
	line *ls = malloc((size_t)cap * sizeof *ls);
	assert_non_null(ls);
	for (int p = 0; p < r->doc->npages; p++) {
		const lay_page *pg = &r->doc->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			if (it->kind != LAY_TEXT || it->y < b.bottom - EPS || it->y > b.top + EPS)
				continue;
			line *l = n ? &ls[n - 1] : NULL;
			if (l && l->page == p && fabsf(l->y - it->y) < EPS &&
			    l->first + l->count == i) {
				l->count++;
				l->x1 = it->x + it->w;
				continue;
			}
			if (n == cap) {
				cap *= 2;
				ls = realloc(ls, (size_t)cap * sizeof *ls);
				assert_non_null(ls);
			}
			ls[n++] = (line){p, it->y, it->x, it->x + it->w, i, 1};
		}
	}
	*out = ls;
	return n;
}

static const lay_item *line_item(const lay_result *r, const line *l, int k)
{
	return &r->doc->pages[l->page].items[l->first + k];
}

/* The words of the lines, joined by single spaces, into buf. */
/* Is item k the hyphen that ends line l inside a word? */
static bool line_hyphen(const lay_result *r, const line *l, int k)
{
	return k == l->count - 1 && k > 0 && strcmp(line_item(r, l, k)->u.text.str, "-") == 0;
}

/* The words of the lines, joined by spaces; a word hyphenated at a line's
 * end is joined again, its hyphen dropped. */
static void join_lines(const lay_result *r, const line *ls, int n, char *buf, size_t size)
{
	size_t used = 0;
	bool glued = false;
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ls[i].count; k++) {
			if (line_hyphen(r, &ls[i], k)) {
				glued = true;
				continue;
			}
			/* a broken word's head stands for the whole word, its
			 * tail for nothing (lines.c) */
			const lay_item *it = line_item(r, &ls[i], k);
			const char *s = it->u.text.actual ? it->u.text.actual : it->u.text.str;
			int len = it->u.text.actual ? it->u.text.actual_len : it->u.text.len;
			if (len == 0)
				continue;
			used += (size_t)snprintf(buf + used, size - used, "%s%.*s",
			                         used && !glued ? " " : "", len, s);
			glued = false;
		}
}

/* nwords words of English, the same every run; no hyphens, so lines break
 * only at spaces and the words can be joined back. */
static void some_words(char *buf, size_t size, int nwords)
{
	static const char *const words[] = {
		"the", "ASEAN", "Republic", "of", "Korea", "dialogue", "relations", "a",
		"comprehensive", "strategic", "partnership", "cooperation", "in", "and", "to",
		"Plan", "Action", "people", "exchanges", "connectivity", "summit",
	};
	uint32_t seed = 1989;
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < nwords; i++) {
		seed = seed * 1664525u + 1013904223u;
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "",
		                         words[(seed >> 16) % (sizeof words / sizeof words[0])]);
	}
}

/* ---- paragraphs ----------------------------------------------------------------- */

static void a_long_paragraph_wraps_inside_the_content_box(void **state)
{
	fixture *fx = *state;
	char text[8192], got[16384];
	some_words(text, sizeof text, 300);
	paragraph(fx->d, 1, text, DOC_ALIGN_LEFT);
	fx->d->blocks[0].u.paragraph.linebreaks = DOC_LINEBREAKS_SIMPLE;
	lay(fx->d, &fx->res);
	assert_int_equal(fx->res.doc->npages, 1);

	line *ls;
	int n = lines_of(&fx->res, fx->d, &ls);
	assert_true(n >= 15);
	box b = content_box(&fx->d->style);
	int face = fonts_face(fx->d->style.body_family, 0);
	float size = (float)fx->d->style.body_size;
	float space = width_of(face, size, " ");
	for (int i = 0; i < n; i++) {
		/* one run per line, flush left, lines a leading apart */
		assert_int_equal(ls[i].count, 1);
		assert_true(fabsf(ls[i].x0 - b.left) < EPS);
		if (i > 0)
			assert_true(fabsf(ls[i - 1].y - ls[i].y - (float)fx->d->style.body_leading) < EPS);
		/* simple: the next line's first word would not have fitted */
		if (i + 1 < n) {
			char first[64];
			sscanf(line_item(&fx->res, &ls[i + 1], 0)->u.text.str, "%63s", first);
			float need = ls[i].x1 + space + width_of(face, size, first);
			if (need <= b.right + EPS)
				fail_msg("line %d ends at %.2f: \"%s\" (%.2f) would have fitted before %.2f",
				         i + 1, ls[i].x1, first, width_of(face, size, first), b.right);
		}
	}
	join_lines(&fx->res, ls, n, got, sizeof got);
	assert_string_equal(got, text);
	free(ls);
}

static void justified_lines_reach_the_right_edge(void **state)
{
	fixture *fx = *state;
	char text[8192], got[16384];
	some_words(text, sizeof text, 300);
	paragraph(fx->d, 1, text, DOC_ALIGN_JUSTIFY);
	lay(fx->d, &fx->res);

	line *ls;
	int n = lines_of(&fx->res, fx->d, &ls);
	assert_true(n >= 15);
	box b = content_box(&fx->d->style);
	for (int i = 0; i < n; i++) {
		assert_true(fabsf(ls[i].x0 - b.left) < EPS);
		if (i == n - 1) {
			/* the last line keeps its natural spacing: one run */
			assert_int_equal(ls[i].count, 1);
			assert_true(ls[i].x1 < b.right + EPS);
			continue;
		}
		if (fabsf(ls[i].x1 - b.right) > 0.05f)
			fail_msg("line %d ends at %.2f, the edge is %.2f", i + 1, ls[i].x1, b.right);
		/* word by word, the spaces stretched alike */
		assert_true(ls[i].count >= 2);
		float gap0 = line_item(&fx->res, &ls[i], 1)->x -
		             (line_item(&fx->res, &ls[i], 0)->x + line_item(&fx->res, &ls[i], 0)->w);
		for (int k = 1; k < ls[i].count; k++) {
			const lay_item *a = line_item(&fx->res, &ls[i], k - 1), *c = line_item(&fx->res, &ls[i], k);
			assert_null(strchr(c->u.text.str, ' '));
			float gap = c->x - (a->x + a->w);
			if (line_hyphen(&fx->res, &ls[i], k)) {     /* right after its syllable */
				assert_true(fabsf(gap) < EPS);
				continue;
			}
			if (fabsf(gap - gap0) > EPS)
				fail_msg("line %d: gaps %.3f and %.3f", i + 1, gap0, gap);
		}
	}
	join_lines(&fx->res, ls, n, got, sizeof got);
	assert_string_equal(got, text);
	free(ls);
}

static void right_and_centred_lines_align_to_their_edge(void **state)
{
	fixture *fx = *state;
	char text[8192];
	some_words(text, sizeof text, 120);
	paragraph(fx->d, 1, text, DOC_ALIGN_RIGHT);
	paragraph(fx->d, 2, "MARK", DOC_ALIGN_LEFT);
	paragraph(fx->d, 3, text, DOC_ALIGN_CENTER);
	lay(fx->d, &fx->res);

	line *ls;
	int n = lines_of(&fx->res, fx->d, &ls);
	box b = content_box(&fx->d->style);
	int mark = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(line_item(&fx->res, &ls[i], 0)->u.text.str, "MARK") == 0)
			mark = i;
	assert_true(mark >= 4 && n - mark >= 5);
	for (int i = 0; i < mark; i++)
		if (fabsf(ls[i].x1 - b.right) > EPS)
			fail_msg("right-aligned line %d ends at %.2f, not %.2f", i + 1, ls[i].x1, b.right);
	for (int i = mark + 1; i < n; i++)
		if (fabsf((ls[i].x0 + ls[i].x1) / 2 - (b.left + b.right) / 2) > EPS)
			fail_msg("centred line %d spans %.2f..%.2f", i + 1, ls[i].x0, ls[i].x1);
	free(ls);
}

/* A new document of n one-line fillers with no space after them, then text
 * as a justified paragraph, laid out into *r: each extra filler moves the
 * paragraph down one line. Free with lay_free(r->doc) and doc_free(). */
static doc_document *after_fillers(int n, const char *text, lay_result *r)
{
	doc_document *d = doc_new();
	assert_non_null(d);
	d->style.paragraph_space = 0;
	for (int i = 0; i < n; i++)
		paragraph(d, 1, "filler", DOC_ALIGN_LEFT);
	paragraph(d, 2, text, DOC_ALIGN_JUSTIFY);
	lay(d, r);
	return d;
}

/* A paragraph over several pages breaks between lines, and never leaves its
 * first line alone at the foot of a page. One-line fillers without space
 * after them move the paragraph's start down a line at a time, so one of
 * the cases leaves room for exactly one line. */
static void a_paragraph_breaks_across_pages_between_lines(void **state)
{
	(void)state;
	static char text[40000];
	static char got[65536];
	some_words(text, sizeof text, 4000);
	int one_line_left = 0;
	for (int filler = 44; filler <= 52; filler++) {
		lay_result r = {0};
		doc_document *d = after_fillers(filler, text, &r);
		assert_true(r.doc->npages >= 3);
		line *ls;
		int n = lines_of(&r, d, &ls);
		int first = filler;     /* the fillers are one line each */
		join_lines(&r, &ls[first], n - first, got, sizeof got);
		assert_string_equal(got, text);
		int on_first_page = 0;
		for (int i = first; i < n && ls[i].page == ls[first].page; i++)
			on_first_page++;
		if (on_first_page == 1)
			fail_msg("%d fillers: the paragraph's first line is alone on page %d", filler,
			         ls[first].page + 1);
		/* was there room for one line below the last filler? (a line's box
		 * starts (leading - size) / 2 + 0.8 size above its baseline) */
		float lead = (float)d->style.body_leading, size = (float)d->style.body_size;
		float below = ls[first - 1].y + (lead - size) / 2 + 0.8f * size - lead;
		if (ls[first].page > ls[first - 1].page && below - lead >= (float)d->style.margin_bottom - EPS)
			one_line_left++;
		free(ls);
		lay_free(r.doc);
		doc_free(d);
	}
	assert_true(one_line_left >= 1);
}

/* Sum of the cubed shortfalls of a paragraph's lines but the last: how
 * ragged its right edge is, counted as TeX's badness counts it (a line
 * twice as short is eight times as bad). */
static double raggedness(const line *ls, int n, float right)
{
	double sum = 0;
	for (int i = 0; i + 1 < n; i++) {
		double d = (double)(right - ls[i].x1);
		sum += d * d * d;
	}
	return sum;
}

/* Ragged text is broken over the whole paragraph too: its right edge is
 * more even than first fit's, no line is longer than the column, and the
 * words come back in order. */
static void ragged_text_is_evened_out_over_the_paragraph(void **state)
{
	fixture *fx = *state;
	static char text[8192], got[16384];
	some_words(text, sizeof text, 300);
	box b = content_box(&fx->d->style);
	double rag[2];
	for (int simple = 0; simple < 2; simple++) {
		doc_document *d = doc_new();
		assert_non_null(d);
		d->style.margin_right = d->style.page_width - d->style.margin_left - 250;
		paragraph(d, 1, text, DOC_ALIGN_LEFT);
		d->blocks[0].u.paragraph.linebreaks = simple ? DOC_LINEBREAKS_SIMPLE
		                                             : DOC_LINEBREAKS_OPTIMIZED;
		lay_result r = {0};
		lay(d, &r);
		line *ls;
		int n = lines_of(&r, d, &ls);
		for (int i = 0; i < n; i++)
			assert_true(ls[i].x1 <= b.left + 250 + EPS);
		rag[simple] = raggedness(ls, n, b.left + 250);
		join_lines(&r, ls, n, got, sizeof got);
		assert_string_equal(got, text);
		free(ls);
		lay_free(r.doc);
		doc_free(d);
	}
	print_message("ragged 250 pt: sum of cubed shortfalls %.0f (first fit %.0f)\n",
	              rag[0], rag[1]);
	assert_true(rag[0] < rag[1]);
}

/* TeX's measure of a line: (line penalty + badness)^2, badness 100 |r|^3,
 * r the share of the spaces' stretch (half a space) or shrink (a third)
 * the line uses. */
static double demerits(double r)
{
	double bad = 100 * fabs(r * r * r);
	return (10 + bad) * (10 + bad);
}

/* The measure of the typesetting work: in a justified column 180 pt wide,
 * no word space stretches past 1.1 em (first fit then stretch gave 1.8
 * em), because words hyphenate and breaks are chosen over the whole
 * paragraph; and every word comes back whole when its lines are joined. */
static void a_justified_180_pt_column_keeps_its_word_spaces_tight(void **state)
{
	fixture *fx = *state;
	static char text[8192], got[16384];
	some_words(text, sizeof text, 400);
	doc_style *st = &fx->d->style;
	st->margin_right = st->page_width - st->margin_left - 180;
	paragraph(fx->d, 1, text, DOC_ALIGN_JUSTIFY);
	lay(fx->d, &fx->res);
	line *ls;
	int n = lines_of(&fx->res, fx->d, &ls);
	float size = (float)st->body_size, worst = 0, sum = 0;
	int gaps = 0, hyphens = 0;
	for (int i = 0; i + 1 < n; i++)
		for (int k = 1; k < ls[i].count; k++) {
			if (line_hyphen(&fx->res, &ls[i], k)) {
				hyphens++;
				continue;
			}
			const lay_item *a = line_item(&fx->res, &ls[i], k - 1);
			const lay_item *c = line_item(&fx->res, &ls[i], k);
			hyphens += c->u.text.actual && c->u.text.actual_len > 0;
			float em = (c->x - (a->x + a->w)) / size;
			worst = em > worst ? em : worst;
			sum += em;
			gaps++;
		}
	print_message("180 pt column: %d lines, %d hyphenated, word space worst %.2f em, mean "
	              "%.2f em\n", n, hyphens, (double)worst, (double)(sum / (float)gaps));
	if (worst > 1.1f)
		fail_msg("a word space of %.2f em in a 180 pt column", (double)worst);
	assert_true(hyphens > 0);
	join_lines(&fx->res, ls, n, got, sizeof got);
	assert_string_equal(got, text);
	free(ls);
}

/* Justified text is broken for the whole paragraph: its lines, counted as
 * TeX counts them, never cost more than the first-fit breaking of the same
 * words, and no space is stretched past the tolerance (about 2.2 times its
 * stretch) or shrunk past a third. */
static void justified_breaking_is_never_worse_than_first_fit(void **state)
{
	fixture *fx = *state;
	static char text[8192];
	int face = fonts_face(fx->d->style.body_family, 0);
	float size = (float)fx->d->style.body_size;
	float space = width_of(face, size, " ");
	box b = content_box(&fx->d->style);
	float width = b.right - b.left;
	int better = 0;     /* paragraphs set clearly better than first fit */
	for (int nwords = 40; nwords <= 400; nwords += 60) {
		some_words(text, sizeof text, nwords);
		doc_document *d[2] = {doc_new(), doc_new()};
		lay_result r[2] = {{0}, {0}};
		paragraph(d[0], 1, text, DOC_ALIGN_JUSTIFY);
		paragraph(d[1], 1, text, DOC_ALIGN_LEFT);
		lay(d[0], &r[0]);
		lay(d[1], &r[1]);
		line *kl, *gl;
		int kn = lines_of(&r[0], d[0], &kl), gn = lines_of(&r[1], d[1], &gl);

		double kp = 0, ff = 0, worst = 0;
		for (int i = 0; i + 1 < kn; i++) {      /* last lines are not stretched */
			const lay_item *a = line_item(&r[0], &kl[i], 0);
			const lay_item *c = line_item(&r[0], &kl[i], 1);
			double gap = c->x - (a->x + a->w);
			double ratio = gap >= space ? (gap - space) / (space / 2) : (gap - space) / (space / 3);
			assert_true(ratio >= -1 - EPS);
			worst = ratio > worst ? ratio : worst;
			kp += demerits(ratio);
		}
		for (int i = 0; i + 1 < gn; i++) {
			const lay_item *it = line_item(&r[1], &gl[i], 0);
			int gaps = 0;
			for (const char *q = it->u.text.str; *q; q++)
				gaps += *q == ' ';
			assert_true(gaps > 0);
			ff += demerits((width - it->w) / (gaps * space / 2));
		}
		if (worst > 2.16)
			fail_msg("%d words: a space stretched %.2f times its stretch", nwords, worst);
		if (kp > ff * 1.0001)
			fail_msg("%d words: demerits %.0f justified, %.0f first fit", nwords, kp, ff);
		better += kp < ff * 0.9;
		free(kl);
		free(gl);
		for (int k = 0; k < 2; k++) {
			lay_free(r[k].doc);
			doc_free(d[k]);
		}
	}
	assert_true(better >= 3);
}

/* The last line of a paragraph does not start a page alone: wherever the
 * page break falls, at least two of its lines go to the new page (the
 * fillers move the paragraph down a line at a time through every case). */
static void a_paragraphs_last_line_does_not_start_a_page_alone(void **state)
{
	(void)state;
	char text[2048];
	some_words(text, sizeof text, 60);      /* five or six lines */
	int split = 0;
	for (int filler = 40; filler <= 52; filler++) {
		lay_result r = {0};
		doc_document *d = after_fillers(filler, text, &r);
		line *ls;
		int n = lines_of(&r, d, &ls);
		int first = filler, last_page = ls[n - 1].page, on_last = 0;
		for (int i = first; i < n; i++)
			on_last += ls[i].page == last_page;
		if (ls[first].page != last_page) {
			split++;
			if (on_last == 1)
				fail_msg("%d fillers: the last line is alone on page %d", filler,
				         last_page + 1);
		}
		free(ls);
		lay_free(r.doc);
		doc_free(d);
	}
	assert_true(split >= 3);
}

/* ---- charts ----------------------------------------------------------------------- */

/* Thirty-six yearly labels do not fit under a chart side by side: every
 * k-th is drawn, and no two drawn labels touch. */
static void chart_labels_never_overlap(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	enum { N = 36 };
	doc_block *b = doc_add(d, DOC_CHART, 3);
	assert_non_null(b);
	doc_chart *ch = &b->u.chart;
	ch->type = DOC_CHART_LINE;
	ch->nlabels = N;
	ch->labels = arena_alloc(d->arena, N * sizeof *ch->labels);
	ch->nseries = 1;
	ch->series = arena_alloc(d->arena, sizeof *ch->series);
	ch->series[0].values = arena_alloc(d->arena, N * sizeof(double));
	for (int j = 0; j < N; j++) {
		char y[8];
		snprintf(y, sizeof y, "%d", 1989 + j);
		ch->labels[j] = arena_strdup(d->arena, y);
		ch->series[0].values[j] = j * 3.0;
	}
	lay(d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	float prev_end = -1e9f;
	int drawn = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		int year;
		char rest;
		if (it->kind != LAY_TEXT || sscanf(it->u.text.str, "%4d%c", &year, &rest) != 1 ||
		    year < 1989 || year > 2024)
			continue;
		if (it->x < prev_end)
			fail_msg("label %d starts at %.1f, before the last one ends at %.1f", year, it->x,
			         prev_end);
		prev_end = it->x + it->w;
		drawn++;
	}
	assert_true(drawn >= 9 && drawn < N);
}

/* A bar chart of nlabels labels "L1".., one or two series; value k of
 * series i is (k + 1) * 10 * (i + 1), but missing where gap says. */
static doc_chart *bar_chart(doc_document *d, int nlabels, int nseries, int gap_series,
                            int gap_label)
{
	doc_block *b = doc_add(d, DOC_CHART, 4);
	assert_non_null(b);
	doc_chart *ch = &b->u.chart;
	ch->type = DOC_CHART_BAR;
	ch->title = "Trade";
	ch->unit = "US$ billion";
	ch->nlabels = nlabels;
	ch->labels = arena_alloc(d->arena, (size_t)nlabels * sizeof *ch->labels);
	ch->nseries = nseries;
	ch->series = arena_alloc(d->arena, (size_t)nseries * sizeof *ch->series);
	assert_non_null(ch->labels);
	assert_non_null(ch->series);
	for (int j = 0; j < nlabels; j++) {
		char l[16];
		snprintf(l, sizeof l, "L%d", j + 1);
		ch->labels[j] = arena_strdup(d->arena, l);
	}
	for (int i = 0; i < nseries; i++) {
		ch->series[i].name = i ? "Imports" : "Exports";
		ch->series[i].values = arena_alloc(d->arena, (size_t)nlabels * sizeof(double));
		for (int j = 0; j < nlabels; j++)
			ch->series[i].values[j] = i == gap_series && j == gap_label
			                          ? NAN : (j + 1) * 10.0 * (i + 1) + 0.5 * (j % 2);
	}
	return ch;
}

/* A chart's alt text, made from its data, is set over the plot as
 * invisible text (so extraction finds it), marked as part of the figure,
 * inside the page; it names the chart, its unit and every value. */
static void a_chart_says_what_it_shows_in_its_alt_text(void **state)
{
	fixture *fx = *state;
	doc_chart *ch = bar_chart(fx->d, 4, 1, 0, 2);
	lay(fx->d, &fx->res);
	char *want = chart_alt_text(ch);
	assert_non_null(want);
	assert_string_equal(want, "Bar chart of Trade, US$ billion: 10 in L1, 20.5 in L2, "
	                    "no value in L3, 40.5 in L4.");
	char got[1024] = "";
	const lay_page *pg = &fx->res.doc->pages[0];
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_TEXT || !it->u.text.invisible)
			continue;
		assert_int_equal(it->role, LAY_ROLE_FIGURE);
		assert_int_equal(it->block, 0);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", *got ? " " : "",
		         it->u.text.str);
	}
	assert_string_equal(got, want);
	free(want);
}

/* A bar group with a missing value leaves no empty slot: the bars present
 * are centred on their label, as a lone bar is. */
static void a_bar_group_with_a_missing_value_is_centred(void **state)
{
	fixture *fx = *state;
	bar_chart(fx->d, 3, 2, 1, 1);
	lay(fx->d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	const lay_item *label = NULL;
	float bars[8];
	int nbars = 0;
	for (int i = 0; i < pg->nitems; i++)
		if (pg->items[i].kind == LAY_TEXT && !pg->items[i].u.text.invisible &&
		    strcmp(pg->items[i].u.text.str, "L2") == 0)
			label = &pg->items[i];
	assert_non_null(label);
	float centre = label->x + label->w / 2;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		/* the bars of label 2: filled rectangles over its label */
		if (it->kind == LAY_RECT && it->u.rect.fill && it->h > 1 && it->w < 200 &&
		    fabsf(it->x + it->w / 2 - centre) < 60 && nbars < 8)
			bars[nbars++] = it->x + it->w / 2;
	}
	assert_int_equal(nbars, 1);
	assert_true(fabsf(bars[0] - centre) < 2);
}

/* Value labels: over every bar when every one fits, over none when one
 * does not (all or none). */
static void value_labels_are_drawn_all_or_none(void **state)
{
	fixture *fx = *state;
	for (int n = 4; n <= 120; n += 116) {
		doc_document *d = doc_new();
		assert_non_null(d);
		bar_chart(d, n, 1, -1, -1);
		lay_result r = {0};
		lay(d, &r);
		const lay_page *pg = &r.doc->pages[0];
		int values = 0;
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			values += it->kind == LAY_TEXT && !it->u.text.invisible &&
			          it->u.text.size < 7.5f && it->role == LAY_ROLE_FIGURE;
		}
		if (n == 4)
			assert_int_equal(values, 4);
		else
			assert_int_equal(values, 0);
		lay_free(r.doc);
		doc_free(d);
	}
	(void)fx;
}

/* The default series colours stay apart printed in grey: the luminance of
 * any two of the first six differs by 0.08 at least. */
static void chart_colours_differ_in_grey(void **state)
{
	(void)state;
	doc_style s;
	style_default(&s);
	assert_true(s.nchart_colors >= 6);
	for (int i = 0; i < 6; i++)
		for (int j = i + 1; j < 6; j++) {
			doc_rgb a = s.chart_colors[i], b = s.chart_colors[j];
			float la = 0.2126f * a.r + 0.7152f * a.g + 0.0722f * a.b;
			float lb = 0.2126f * b.r + 0.7152f * b.g + 0.0722f * b.b;
			if (fabsf(la - lb) < 0.08f)
				fail_msg("series %d and %d: greys %.2f and %.2f", i + 1, j + 1, (double)la,
				         (double)lb);
		}
}

/* ---- timelines -------------------------------------------------------------------- */

/* Dates are written at the precision each has, in the document's language;
 * what is no date is written as given. */
static void timeline_dates_keep_their_precision(void **state)
{
	(void)state;
	static const struct { const char *in, *lang, *want; } cases[] = {
		{"2010-10-29", "en", "29 Oct 2010"}, {"2019-11", "en", "Nov 2019"},
		{"2009", "en", "2009"}, {"2010-10-29", "ko", "2010\xEB\x85\x84 10\xEC\x9B\x94 "
		                                           "29\xEC\x9D\xBC"},
		{"2019-11", "ko", "2019\xEB\x85\x84 11\xEC\x9B\x94"},
		{"c. 1990", "en", "c. 1990"}, {"2019-13", "en", "2019-13"}, {"20190", "en", "20190"},
	};
	char longer[64];
	timeline_format_date("2010-10-29", "en", true, longer, sizeof longer);
	assert_string_equal(longer, "29 October 2010");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[64];
		timeline_format_date(cases[i].in, cases[i].lang, false, out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

/* The axis is true to time where it fits: entries a year apart are further
 * apart than entries of the same year, and a long gap is compressed to the
 * same space as a shorter long one and marked on the axis. */
static void a_timeline_spaces_entries_by_time(void **state)
{
	fixture *fx = *state;
	static const char *const dates[] = {"1989", "1989", "1990", "2005", "2020"};
	doc_block *b = doc_add(fx->d, DOC_TIMELINE, 5);
	assert_non_null(b);
	doc_timeline *tl = &b->u.timeline;
	tl->entries = arena_alloc(fx->d->arena, 5 * sizeof *tl->entries);
	assert_non_null(tl->entries);
	for (int i = 0; i < 5; i++) {
		bool ok;
		char label[16];
		snprintf(label, sizeof label, "EVENT%d", i);
		tl->entries[i] = (doc_timeline_entry){.date = dates[i], .label = doc_plain_text(fx->d, label, &ok)};
	}
	tl->nentries = 5;
	lay(fx->d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	float y[5];
	int marks = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind == LAY_TEXT && strncmp(it->u.text.str, "EVENT", 5) == 0)
			y[it->u.text.str[5] - '0'] = it->y;
		/* the break mark: short slanted strokes */
		if (it->kind == LAY_LINE && it->u.line.x2 - it->x > 6 && it->u.line.x2 - it->x < 10 &&
		    it->u.line.y2 != it->y)
			marks++;
	}
	float same = y[0] - y[1], year = y[1] - y[2], fifteen = y[2] - y[3], more = y[3] - y[4];
	assert_true(year > same + 5);
	assert_true(fifteen > year);
	assert_true(fabsf(fifteen - more) < 0.5f);     /* both compressed alike */
	assert_int_equal(marks, 4);                     /* two strokes per gap */
}

/* ---- tables ----------------------------------------------------------------------- */

static const char *three_columns(int r, int j)
{
	static char buf[64];
	static const char *const titles[] = {"Row", "Event", "Note"};
	if (r < 0)
		return titles[j];
	if (j == 0)
		snprintf(buf, sizeof buf, "r%03d", r);
	else if (j == 1)
		snprintf(buf, sizeof buf, "Event number %d of the table", r);
	else
		snprintf(buf, sizeof buf, "%s", r % 3 ? "short" : "a longer note in the last column");
	return buf;
}

/* Checks that every page on which a text satisfying is_row appears has the
 * header titles once each, above every row; returns the number of such pages. */
static int check_headers(const lay_result *r, const char *const *titles, int ntitles,
                         bool (*is_row)(const char *))
{
	int pages = 0;
	for (int p = 0; p < r->doc->npages; p++) {
		const lay_page *pg = &r->doc->pages[p];
		float highest = -1;
		for (int i = 0; i < pg->nitems; i++)
			if (pg->items[i].kind == LAY_TEXT && is_row(pg->items[i].u.text.str) &&
			    pg->items[i].y > highest)
				highest = pg->items[i].y;
		if (highest < 0)
			continue;
		pages++;
		for (int j = 0; j < ntitles; j++) {
			const lay_item *h = find_text(pg, titles[j]);
			if (!h || count_text(pg, titles[j]) != 1)
				fail_msg("page %d: header \"%s\" found %d times", p + 1, titles[j],
				         count_text(pg, titles[j]));
			if (h->y <= highest)
				fail_msg("page %d: header \"%s\" at y %.2f, below a row at %.2f", p + 1,
				         titles[j], h->y, highest);
		}
	}
	return pages;
}

static bool is_row_marker(const char *s)
{
	return s[0] == 'r' && strlen(s) == 4 && strspn(s + 1, "0123456789") == 3;
}

static void a_table_repeats_its_header_on_every_page_it_spans(void **state)
{
	fixture *fx = *state;
	paragraph(fx->d, 1, "Before the table.", DOC_ALIGN_DEFAULT);
	table(fx->d, 2, 3, NULL, 300, three_columns);
	paragraph(fx->d, 3, "After the table.", DOC_ALIGN_DEFAULT);
	lay(fx->d, &fx->res);

	static const char *const titles[] = {"Row", "Event", "Note"};
	int pages = check_headers(&fx->res, titles, 3, is_row_marker);
	assert_true(pages >= 3);
	/* every row once, in order */
	int next = 0;
	for (int p = 0; p < fx->res.doc->npages; p++) {
		const lay_page *pg = &fx->res.doc->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			if (pg->items[i].kind != LAY_TEXT || !is_row_marker(pg->items[i].u.text.str))
				continue;
			int row = atoi(pg->items[i].u.text.str + 1);
			if (row != next)
				fail_msg("page %d: row %d where row %d was due", p + 1, row, next);
			next++;
		}
	}
	assert_int_equal(next, 300);
	assert_int_equal(count_text(&fx->res.doc->pages[fx->res.doc->npages - 1],
	                            "After the table."), 1);
}

/* The rectangles page p fills. */
static int count_rects(const lay_doc *o, int p)
{
	int n = 0;
	for (int i = 0; i < o->pages[p].nitems; i++)
		n += o->pages[p].items[i].kind == LAY_RECT;
	return n;
}

/* Every second row is filled with table.stripe; with table.stripe = false
 * (doc_style.table_striped) only the header is. */
static void table_stripes_can_be_turned_off(void **state)
{
	fixture *fx = *state;
	table(fx->d, 1, 3, NULL, 6, three_columns);
	lay(fx->d, &fx->res);
	assert_int_equal(fx->res.doc->npages, 1);
	assert_int_equal(count_rects(fx->res.doc, 0), 1 + 3);     /* header, rows 2, 4, 6 */
	fx->d->style.table_striped = false;
	lay(fx->d, &fx->res);
	assert_int_equal(count_rects(fx->res.doc, 0), 1);
}

static char *long_cell;     /* "w0001 w0002 ..." */
enum { LONG_WORDS = 3000 };

static const char *tall_row(int r, int j)
{
	static const char *const cells[3][2] = {{"A", "short"}, {"B", NULL}, {"C", "after"}};
	if (r < 0)
		return j ? "Text" : "Item";
	return r == 1 && j == 1 ? long_cell : cells[r][j];
}

static bool is_long_cell_line(const char *s)
{
	return s[0] == 'w' && strspn(s + 1, "0123456789") == 4;
}

static const char *tall_first_row(int r, int j)
{
	if (r < 0)
		return j ? "Text" : "Item";
	return r == 0 ? (j ? long_cell : "A") : j ? "after" : "C";
}

/* A first row of fifteen lines under a heading: wherever the page ends, the
 * heading and the table's header are never left at the foot of a page
 * without a line of the row under them; a row that does not fit splits
 * and goes on under the header repeated (never moved after the header is
 * drawn), and its words come in order, each once. */
static void a_table_header_is_never_stranded_at_the_foot(void **state)
{
	(void)state;
	long_cell = malloc(60 * 6 + 1);
	assert_non_null(long_cell);
	for (int i = 0, n = 0; i < 60; i++)
		n += sprintf(long_cell + n, "%sw%04d", i ? " " : "", i + 1);
	static const double widths[2] = {60, 150};     /* about four words a line */
	for (int fillers = 30; fillers <= 60; fillers += 2) {
		doc_document *d = doc_new();
		assert_non_null(d);
		d->style.paragraph_space = 0;
		for (int i = 0; i < fillers; i++)
			paragraph(d, 1, "filler", DOC_ALIGN_LEFT);
		heading(d, 2, "Tall rows", 2);
		table(d, 3, 2, widths, 2, tall_first_row);
		lay_result r = {0};
		lay(d, &r);
		int next = 1;
		for (int p = 0; p < r.doc->npages; p++) {
			const lay_page *pg = &r.doc->pages[p];
			bool header = false, body = false;
			for (int i = 0; i < pg->nitems; i++) {
				const lay_item *it = &pg->items[i];
				if (it->kind != LAY_TEXT)
					continue;
				header = header || strcmp(it->u.text.str, "Text") == 0;
				body = body || is_long_cell_line(it->u.text.str) ||
				       strcmp(it->u.text.str, "short") == 0 ||
				       strcmp(it->u.text.str, "after") == 0;
				if (!is_long_cell_line(it->u.text.str))
					continue;
				for (const char *w = it->u.text.str; *w; w += w[5] ? 6 : 5)
					if (atoi(w + 1) == next)
						next++;
			}
			if (header && !body)
				fail_msg("%d fillers: the header is alone on page %d", fillers, p + 1);
		}
		if (next != 61)
			fail_msg("%d fillers: word w%04d missing or out of order", fillers, next);
		lay_free(r.doc);
		doc_free(d);
	}
	free(long_cell);
}

static void a_row_taller_than_a_page_continues_across_pages(void **state)
{
	fixture *fx = *state;
	long_cell = malloc(LONG_WORDS * 6 + 1);
	assert_non_null(long_cell);
	for (int i = 0, n = 0; i < LONG_WORDS; i++)
		n += sprintf(long_cell + n, "%sw%04d", i ? " " : "", i + 1);
	table(fx->d, 7, 2, NULL, 3, tall_row);
	lay(fx->d, &fx->res);
	free(long_cell);

	static const char *const titles[] = {"Item", "Text"};
	int pages = check_headers(&fx->res, titles, 2, is_long_cell_line);
	assert_true(pages >= 3);
	/* the words in order, each once; then row C */
	int next = 1, after_page = -1;
	for (int p = 0; p < fx->res.doc->npages; p++) {
		const lay_page *pg = &fx->res.doc->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			const char *s = pg->items[i].u.text.str;
			if (pg->items[i].kind != LAY_TEXT)
				continue;
			if (strcmp(s, "after") == 0) {
				assert_int_equal(next, LONG_WORDS + 1);
				after_page = p;
			}
			if (!is_long_cell_line(s))
				continue;
			for (const char *w = s; *w; w += w[5] ? 6 : 5) {
				if (atoi(w + 1) != next)
					fail_msg("page %d: \"%.5s\" where w%04d was due", p + 1, w, next);
				next++;
			}
		}
	}
	assert_int_equal(next, LONG_WORDS + 1);
	assert_true(after_page >= 0);
	assert_int_equal(count_text(&fx->res.doc->pages[0], "A"), 1);
	assert_int_equal(fx->res.nwarnings, 0);
}

static const char *many_rows(int r, int j)
{
	static char buf[16];
	if (r < 0)
		return j ? "Value" : "Key";
	if (j == 1)
		return r % 2 ? "odd" : "even";
	snprintf(buf, sizeof buf, "R%05d", r);
	return buf;
}

static bool is_many_marker(const char *s)
{
	return s[0] == 'R' && strlen(s) == 6 && strspn(s + 1, "0123456789") == 5;
}

static void twenty_thousand_rows_lay_out_each_row_once(void **state)
{
	fixture *fx = *state;
	enum { ROWS = 20000 };
	table(fx->d, 1, 2, NULL, ROWS, many_rows);
	lay(fx->d, &fx->res);

	/* one line per row, ~39 a page */
	int np = fx->res.doc->npages;
	if (np < ROWS / 60 || np > ROWS / 25)
		fail_msg("%d pages for %d one-line rows", np, ROWS);
	unsigned char *seen = calloc(ROWS, 1);
	assert_non_null(seen);
	for (int p = 0; p < np; p++) {
		const lay_page *pg = &fx->res.doc->pages[p];
		for (int i = 0; i < pg->nitems; i++)
			if (pg->items[i].kind == LAY_TEXT && is_many_marker(pg->items[i].u.text.str)) {
				int row = atoi(pg->items[i].u.text.str + 1);
				assert_true(row >= 0 && row < ROWS);
				if (seen[row]++)
					fail_msg("row %d laid out twice (again on page %d)", row, p + 1);
			}
	}
	for (int r = 0; r < ROWS; r++)
		if (seen[r] != 1)
			fail_msg("row %d laid out %d times", r, seen[r]);
	free(seen);
	static const char *const titles[] = {"Key", "Value"};
	assert_int_equal(check_headers(&fx->res, titles, 2, is_many_marker), np);
}

/* ---- headings, outline, contents ---------------------------------------------- */

/* "1. Intro" as drawn: runs of spaces become one. */
static void collapse_spaces(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		if (!(*s == ' ' && n > 0 && out[n - 1] == ' '))
			out[n++] = *s;
	out[n] = '\0';
}

static void headings_become_outline_marks_with_level_and_page(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	heading(d, 1, "Intro", 1);
	paragraph(d, 2, "Text.", DOC_ALIGN_DEFAULT);
	heading(d, 3, "Scope", 2);
	paragraph(d, 4, "Text.", DOC_ALIGN_DEFAULT);
	block(d, DOC_PAGE_BREAK);
	heading(d, 6, "Detail", 3);
	heading(d, 7, "Method", 2);
	paragraph(d, 8, "Text.", DOC_ALIGN_DEFAULT);
	block(d, DOC_PAGE_BREAK);
	heading(d, 10, "Results", 1);
	heading(d, 11, "Numbers", 2);
	lay(d, &fx->res);

	static const struct {
		const char *title;
		int level, page;
	} want[] = {
		{"1. Intro", 1, 0}, {"1.1 Scope", 2, 0}, {"1.1.1 Detail", 3, 1},
		{"1.2 Method", 2, 1}, {"2. Results", 1, 2}, {"2.1 Numbers", 2, 2},
	};
	const lay_doc *o = fx->res.doc;
	assert_int_equal(o->npages, 3);
	assert_int_equal(o->nmarks, 6);
	for (int m = 0; m < 6; m++) {
		const lay_mark *mk = &o->marks[m];
		assert_string_equal(mk->title, want[m].title);
		assert_int_equal(mk->level, want[m].level);
		assert_int_equal(mk->page, want[m].page);
		char drawn[64];
		collapse_spaces(mk->title, drawn, sizeof drawn);
		const lay_item *it = find_text(&o->pages[mk->page], drawn);
		if (!it)
			fail_msg("heading \"%s\" not drawn on page %d", drawn, mk->page + 1);
		/* the mark points at the heading's top: above its baseline, within a line */
		if (!(mk->top > it->y && mk->top - it->y < 2 * it->u.text.size))
			fail_msg("mark \"%s\" top %.2f, heading baseline %.2f", mk->title, mk->top, it->y);
	}

	/* without numbering, titles are the plain text */
	d->style.heading_numbers = false;
	lay(d, &fx->res);
	assert_string_equal(fx->res.doc->marks[2].title, "Detail");
	assert_non_null(find_text(&fx->res.doc->pages[1], "Detail"));
}

/* Room left below the last line of text on page p (0 when none). */
static float room_below_last_line(const lay_result *r, const doc_document *d, int p)
{
	const doc_style *s = &d->style;
	box b = content_box(s);
	float lowest = b.top;
	const lay_page *pg = &r->doc->pages[p];
	for (int i = 0; i < pg->nitems; i++)
		if (pg->items[i].kind == LAY_TEXT && pg->items[i].y >= b.bottom && pg->items[i].y < lowest)
			lowest = pg->items[i].y;
	/* a body line's box ends leading - (leading - size) / 2 - 0.8 size below
	 * its baseline, then the paragraph's space */
	float lead = (float)s->body_leading, size = (float)s->body_size;
	float end = lowest + (lead - size) / 2 + 0.8f * size - lead - (float)s->paragraph_space;
	return end - b.bottom;
}

/* A heading near the foot of a page moves to the next page with the first
 * lines of what follows it. One-line fillers and several paragraph spaces
 * put the heading at many heights; some leave room for the heading but not
 * for the line after it. */
static void a_heading_is_kept_with_what_follows(void **state)
{
	(void)state;
	static const double spaces[] = {0, 2, 5, 7, 11};
	int kept = 0;
	for (size_t k = 0; k < sizeof spaces / sizeof spaces[0]; k++)
		for (int filler = 28; filler <= 52; filler++) {
			doc_document *d = doc_new();
			assert_non_null(d);
			d->style.paragraph_space = spaces[k];
			lay_result r = {0};
			for (int i = 0; i < filler; i++)
				paragraph(d, 1, "filler", DOC_ALIGN_LEFT);
			heading(d, 2, "Kept", 1);
			paragraph(d, 3, "following text", DOC_ALIGN_LEFT);
			lay(d, &r);
			assert_int_equal(r.doc->nmarks, 1);
			int hp = r.doc->marks[0].page, tp = -1;
			for (int p = 0; p < r.doc->npages; p++)
				if (find_text(&r.doc->pages[p], "following text"))
					tp = p;
			if (hp != tp)
				fail_msg("%d fillers, space %g: heading on page %d, its text on page %d",
				         filler, spaces[k], hp + 1, tp + 1);
			/* moved although the heading alone (space before, one line, space
			 * after) would have fitted under the last filler */
			const doc_style *s = &d->style;
			float alone = (float)(s->heading_space_before[0] + s->heading_size[0] * 1.25 +
			                      s->heading_space_after[0]);
			if (hp > 0 && !find_text(&r.doc->pages[hp], "filler") &&
			    room_below_last_line(&r, d, hp - 1) >= alone)
				kept++;
			lay_free(r.doc);
			doc_free(d);
		}
	assert_true(kept >= 1);
}

/* Finds, on the contents pages, the entry for each mark and checks its page
 * number (right-aligned on the entry's baseline) and its link. */
static void check_contents(const lay_result *r, const doc_document *d, int ncontents)
{
	const lay_doc *o = r->doc;
	box b = content_box(&d->style);
	for (int m = 0; m < o->nmarks; m++) {
		char label[128], num[16];
		collapse_spaces(o->marks[m].title, label, sizeof label);
		snprintf(num, sizeof num, "%d", o->marks[m].page + 1);
		const lay_item *entry = NULL, *number = NULL, *link = NULL;
		int p;
		for (p = 0; p < ncontents && !entry; p++)
			entry = find_text(&o->pages[p], label);
		if (!entry)
			fail_msg("no contents entry \"%s\"", label);
		const lay_page *pg = &o->pages[p - 1];
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			if (it->kind == LAY_TEXT && fabsf(it->y - entry->y) < EPS && it->x > entry->x + entry->w)
				number = it;
			if (it->kind == LAY_LINK && it->y <= entry->y && it->y + it->h >= entry->y)
				link = it;
		}
		if (!number || strcmp(number->u.text.str, num) != 0)
			fail_msg("\"%s\": page number \"%s\", want \"%s\"", label,
			         number ? number->u.text.str : "(none)", num);
		if (fabsf(number->x + number->w - b.right) > EPS)
			fail_msg("\"%s\": number ends at %.2f, not %.2f", label, number->x + number->w,
			         b.right);
		assert_non_null(link);
		assert_null(link->u.link.uri);
		assert_int_equal(link->u.link.page, o->marks[m].page);
		assert_true(fabsf(link->u.link.top - o->marks[m].top) < EPS);
	}
}

static void a_contents_block_shows_the_page_of_every_heading(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	static char text[40000];
	some_words(text, sizeof text, 1500);
	block(d, DOC_CONTENTS);
	block(d, DOC_PAGE_BREAK);
	heading(d, 1, "Alpha", 1);
	paragraph(d, 2, "Text.", DOC_ALIGN_DEFAULT);
	heading(d, 3, "Beta", 2);
	block(d, DOC_PAGE_BREAK);
	heading(d, 5, "Gamma", 1);
	paragraph(d, 6, text, DOC_ALIGN_DEFAULT);
	heading(d, 7, "Delta", 3);
	lay(d, &fx->res);

	const lay_doc *o = fx->res.doc;
	assert_non_null(find_text(&o->pages[0], "Contents"));
	assert_int_equal(o->nmarks, 4);
	assert_int_equal(o->marks[0].page, 1);
	assert_int_equal(o->marks[1].page, 1);
	assert_int_equal(o->marks[2].page, 2);
	assert_true(o->marks[3].page >= 3);
	check_contents(&fx->res, d, 1);
}

/* Contents longer than a page: numbers filled in on every contents page
 * (the second item of an entry may move the first when the page's item
 * array grows: once a heap-use-after-free). */
static void a_contents_over_several_pages_numbers_every_entry(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	enum { N = 120 };
	block(d, DOC_CONTENTS);
	for (int i = 0; i < N; i++) {
		char title[32];
		block(d, DOC_PAGE_BREAK);
		snprintf(title, sizeof title, "Section %d", i + 1);
		heading(d, 10 + i, title, 1);
	}
	lay(d, &fx->res);
	const lay_doc *o = fx->res.doc;
	assert_int_equal(o->nmarks, N);
	int ncontents = o->marks[0].page;
	assert_true(ncontents >= 2);
	assert_int_equal(o->npages, ncontents + N);
	for (int m = 0; m < N; m++)
		assert_int_equal(o->marks[m].page, ncontents + m);
	check_contents(&fx->res, d, ncontents);
}

/* ---- running header and footer -------------------------------------------------- */

static void every_page_has_page_x_of_y_in_its_footer(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	for (int i = 0; i < 5; i++) {
		if (i)
			block(d, DOC_PAGE_BREAK);
		paragraph(d, i + 1, "A page.", DOC_ALIGN_DEFAULT);
	}
	lay(d, &fx->res);     /* check_layout checks "Page X of 5" on each */
	assert_int_equal(fx->res.doc->npages, 5);
	assert_non_null(find_text(&fx->res.doc->pages[3], "Page 4 of 5"));

	/* other slots and fields, from the template */
	d->meta.title = "Brief";
	d->meta.author = "Analyst";
	d->style.footer.left = "{title}";
	d->style.footer.center = NULL;
	d->style.footer.right = "{page}/{pages}";
	d->style.header.center = "{author} {unknown}";
	lay(d, &fx->res);
	box b = content_box(&d->style);
	for (int p = 0; p < 5; p++) {
		const lay_page *pg = &fx->res.doc->pages[p];
		char num[16];
		snprintf(num, sizeof num, "%d/5", p + 1);
		const lay_item *right = find_text(pg, num), *left = NULL, *head = NULL;
		for (int i = 0; i < pg->nitems; i++)
			if (is_text(&pg->items[i], "Brief") && pg->items[i].y < b.bottom)
				left = &pg->items[i];
		head = find_text(pg, "Analyst {unknown}");
		assert_non_null(right);
		assert_non_null(left);
		assert_non_null(head);
		assert_true(fabsf(right->x + right->w - b.right) < EPS);
		assert_true(fabsf(left->x - b.left) < EPS);
		assert_true(right->y < b.bottom && left->y < b.bottom);
		assert_true(head->y > b.top);
		assert_int_equal(count_text(pg, "Page 1 of 5"), 0);
	}
}

/* Every PDF carries an outline: without headings, one entry names the
 * document (its title, else the script's file name) at the top of page 1. */
static void a_document_without_headings_has_a_one_entry_outline(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *title, *script, *want;
	} cases[] = {
		{"Just a note", "scripts/note.lua", "Just a note"},
		{NULL, "scripts/note.lua", "note.lua"},
		{NULL, "note.lua", "note.lua"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		doc_document *d = doc_new();
		assert_non_null(d);
		d->meta.title = cases[i].title;
		d->meta.source_name = cases[i].script;
		paragraph(d, 1, "Hello.", DOC_ALIGN_LEFT);
		lay_result r = {0};
		lay(d, &r);
		assert_int_equal(r.doc->nmarks, 1);
		assert_string_equal(r.doc->marks[0].title, cases[i].want);
		assert_int_equal(r.doc->marks[0].level, 1);
		assert_int_equal(r.doc->marks[0].page, 0);
		lay_free(r.doc);
		doc_free(d);
	}
	/* with headings, the outline is the headings alone */
	heading(fx->d, 1, "Intro", 1);
	fx->d->meta.title = "Titled";
	lay(fx->d, &fx->res);
	assert_int_equal(fx->res.doc->nmarks, 1);
	assert_string_equal(fx->res.doc->marks[0].title, "1. Intro");
}

static void an_empty_document_has_one_page(void **state)
{
	fixture *fx = *state;
	lay(fx->d, &fx->res);
	const lay_doc *o = fx->res.doc;
	assert_int_equal(o->npages, 1);
	assert_int_equal(o->nmarks, 0);
	assert_int_equal(fx->res.nwarnings, 0);
	assert_int_equal(o->pages[0].nitems, 1);
	assert_true(is_text(&o->pages[0].items[0], "Page 1 of 1"));
}

/* Adds the image file (bytes in memory) as a block of the given width. */
static doc_block *image(doc_document *d, const unsigned char *file, size_t len, double width)
{
	char why[256];
	imagefile *img = imagefile_decode(file, len, IMAGEFILE_MAX_PIXELS_DEFAULT, why, sizeof why);
	if (!img)
		fail_msg("imagefile_decode: %s", why);
	doc_block *b = doc_add_image(d, img, 1);
	assert_non_null(b);
	b->u.image.width = width;
	return b;
}

/* An image's natural size comes from its decoded pixels (96 per inch), with
 * no file read at layout; the same file added twice is held once, so the
 * PDF embeds it once. */
static void an_image_is_sized_from_its_pixels_and_a_repeat_is_shared(void **state)
{
	fixture *fx = *state;
	size_t nrgba, ngray;
	unsigned char *rgba = support_png(200, 100, 6, 8, 0, &nrgba);
	unsigned char *gray = support_png(40, 20, 0, 8, 0, &ngray);
	const imagefile *first = image(fx->d, rgba, nrgba, 0)->u.image.image;
	const imagefile *again = image(fx->d, rgba, nrgba, 300)->u.image.image;
	const imagefile *other = image(fx->d, gray, ngray, 0)->u.image.image;
	free(rgba);
	free(gray);
	assert_ptr_equal(first, again);
	assert_ptr_not_equal(first, other);
	assert_int_equal(fx->d->nimages, 2);

	lay(fx->d, &fx->res);
	static const struct { float w, h; } want[3] = {{150, 75}, {300, 150}, {30, 15}};
	const imagefile *shown[3] = {first, first, other};
	int n = 0;
	for (int p = 0; p < fx->res.doc->npages; p++) {
		const lay_page *pg = &fx->res.doc->pages[p];
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			if (it->kind != LAY_IMAGE)
				continue;
			assert_true(n < 3);
			if (fabsf(it->w - want[n].w) > EPS || fabsf(it->h - want[n].h) > EPS ||
			    it->u.image.image != shown[n])
				fail_msg("image %d: %gx%g, wanted %gx%g", n + 1, (double)it->w,
				         (double)it->h, (double)want[n].w, (double)want[n].h);
			n++;
		}
	}
	assert_int_equal(n, 3);
}

static void margins_that_leave_no_room_are_refused(void **state)
{
	fixture *fx = *state;
	char err[256] = "";
	fx->d->style.margin_left = fx->d->style.margin_right = 290;
	lay_result r = {0};
	assert_int_equal(lay_document(fx->d, fonts, 0, &r, err, sizeof err), -1);
	assert_string_equal(err, "the margins leave no room on the page");
	assert_null(r.doc);

	fx->d->style.margin_left = fx->d->style.margin_right = 20;
	fx->d->style.margin_top = fx->d->style.margin_bottom = 400;
	assert_int_equal(lay_document(fx->d, fonts, 0, &r, err, sizeof err), -1);
	assert_string_equal(err, "the margins leave no room on the page");
	assert_null(r.doc);
}

/* ---- characters and words that do not fit --------------------------------------- */

static void an_uncovered_character_is_warned_about_once_with_its_line(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	paragraph(d, 42, "Smile \xF0\x9F\x98\x80 twice \xF0\x9F\x98\x80", DOC_ALIGN_LEFT);
	paragraph(d, 50, "Again \xF0\x9F\x98\x80 later", DOC_ALIGN_LEFT);
	paragraph(d, 60, "Private \xEE\x80\x80 use", DOC_ALIGN_LEFT);
	paragraph(d, 70, "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 is covered", DOC_ALIGN_LEFT);
	lay(d, &fx->res);

	assert_int_equal(fx->res.nwarnings, 2);
	assert_int_equal(fx->res.warnings[0].line, 42);
	assert_string_equal(fx->res.warnings[0].message,
	                    "character U+1F600 is in no font brief has; drawn as ?");
	assert_int_equal(fx->res.warnings[1].line, 60);
	assert_string_equal(fx->res.warnings[1].message,
	                    "character U+E000 is in no font brief has; drawn as ?");
	const lay_page *pg = &fx->res.doc->pages[0];
	assert_non_null(find_text(pg, "Smile ? twice ?"));
	assert_non_null(find_text(pg, "Again ? later"));
	assert_non_null(find_text(pg, "Private ? use"));
	/* Hangul is drawn, in NanumGothic */
	const lay_item *ko = find_text(pg, "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4");
	assert_non_null(ko);
	assert_int_equal(ko->u.text.face, FONT_HANGUL);
}

/* Concatenation of the body text of every line, spaces dropped. */
static void squeeze_lines(const lay_result *r, const line *ls, int n, char *buf, size_t size)
{
	size_t used = 0;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ls[i].count; k++)
			for (const char *s = line_item(r, &ls[i], k)->u.text.str; *s && used + 1 < size; s++)
				if (*s != ' ')
					buf[used++] = *s;
	buf[used] = '\0';
}

static void a_word_wider_than_the_column_is_broken_inside_the_box(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	char latin[512], hangul[600 + 1], text[2048], want[2048], got[4096];
	memset(latin, 'x', 400);
	latin[400] = '\0';
	for (int i = 0; i < 200; i++)
		memcpy(hangul + 3 * i, "\xED\x95\x9C", 3);
	hangul[600] = '\0';
	snprintf(text, sizeof text, "Start %s end %s", latin, hangul);
	paragraph(d, 1, text, DOC_ALIGN_JUSTIFY);
	lay(d, &fx->res);   /* check_layout: nothing past the right edge */

	line *ls;
	int n = lines_of(&fx->res, d, &ls);
	assert_true(n >= 5);
	squeeze_lines(&fx->res, ls, n, got, sizeof got);
	snprintf(want, sizeof want, "Start%send%s", latin, hangul);
	assert_string_equal(got, want);
	/* the broken word fills its lines */
	box b = content_box(&d->style);
	assert_true(ls[1].x1 > b.right - 6);
	free(ls);
	/* and each cut word is reported once, at its line (--strict fails on it) */
	char w1[256], w2[256];
	snprintf(w1, sizeof w1, "\"xxxxxxxxxxxxxxxxxxxxxxxx\xe2\x80\xa6\" is wider than its %.0f pt "
	         "column: broken between characters", b.right - b.left);
	/* the excerpt is the first 24 bytes: eight syllables */
	snprintf(w2, sizeof w2, "\"%.24s\xE2\x80\xA6\" is wider than its %.0f pt column: "
	         "broken between characters", hangul, b.right - b.left);
	assert_int_equal(fx->res.nwarnings, 2);
	assert_int_equal(fx->res.warnings[0].line, 1);
	assert_string_equal(fx->res.warnings[0].message, w1);
	assert_string_equal(fx->res.warnings[1].message, w2);
}

/* A big table of cut words gives ten warnings and a note, not thousands. */
static void warnings_of_one_line_are_capped(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	for (int i = 0; i < 40; i++) {
		char text[128];
		snprintf(text, sizeof text, "unbreakable%02dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i);
		paragraph(d, 7, text, DOC_ALIGN_LEFT);
	}
	lay(d, &fx->res);
	assert_int_equal(fx->res.nwarnings, 11);
	for (int i = 0; i < 11; i++)
		assert_int_equal(fx->res.warnings[i].line, 7);
	assert_string_equal(fx->res.warnings[10].message, "more warnings of this line are not shown");
}

/* The same in a table column 60 pt wide. */
static const char *narrow_first_column(int r, int j)
{
	if (r < 0)
		return j ? "Wide" : "Narrow";
	return j ? "text" : "Supercalifragilisticexpialidocious-and-more";
}

static void a_word_wider_than_a_table_column_stays_in_its_column(void **state)
{
	fixture *fx = *state;
	static const double widths[] = {60, 0};
	table(fx->d, 1, 2, widths, 1, narrow_first_column);
	lay(fx->d, &fx->res);
	box b = content_box(&fx->d->style);
	const lay_page *pg = &fx->res.doc->pages[0];
	char got[256] = "";
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_TEXT || it->x > b.left + 60 || it->y < b.bottom)
			continue;
		if (it->x + it->w > b.left + 60 - 4 + SLACK)
			fail_msg("\"%s\" runs to %.2f, past the column's %.2f", it->u.text.str,
			         it->x + it->w, b.left + 60 - 4);
		if (strcmp(it->u.text.str, "Narrow") != 0)
			strcat(got, it->u.text.str);
	}
	assert_string_equal(got, "Supercalifragilisticexpialidocious-and-more");
}

/* A word of Latin letters that nearly fills the line, then Hangul: the break
 * falls between the two, or inside the Hangul, but not past the edge (once
 * one character of the Hangul box was always kept on the full line). */
static void a_word_mixing_scripts_is_broken_inside_the_box(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	box b = content_box(&d->style);
	int face = fonts_face(d->style.body_family, 0);
	float size = (float)d->style.body_size;
	int nx = (int)((b.right - b.left) / width_of(face, size, "x"));
	char text[1024];
	memset(text, 'x', (size_t)nx);
	strcpy(text + nx, "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4");
	paragraph(d, 1, text, DOC_ALIGN_LEFT);
	lay(d, &fx->res);   /* check_layout fails when a line passes the right edge */
	line *ls;
	int n = lines_of(&fx->res, d, &ls);
	assert_int_equal(n, 2);
	char got[1024];
	squeeze_lines(&fx->res, ls, n, got, sizeof got);
	assert_string_equal(got, text);
	free(ls);
}

/* A column narrower than one character (2 pt, as a script may ask) holds a
 * character per line that is still wider than it: centred or right-aligned,
 * such a line starts at the column's left edge and runs over to the right,
 * never out into the left margin (found by fuzzing: fuzz_layout). */
static const char *tiny_first_column(int r, int j)
{
	if (r < 0)
		return j ? "Rest" : "W";
	return j ? "text" : "WW";
}

static void a_line_too_wide_for_its_column_overflows_to_the_right(void **state)
{
	fixture *fx = *state;
	static const double widths[] = {2, 0};
	static const doc_align aligns[] = {DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT};
	for (int a = 0; a < 2; a++) {
		table(fx->d, 1, 2, widths, 1, tiny_first_column);
		fx->d->blocks[fx->d->nblocks - 1].u.table.cols[0].align = aligns[a];
	}
	lay(fx->d, &fx->res);   /* check_layout: nothing left of the content box */
	box b = content_box(&fx->d->style);
	const lay_page *pg = &fx->res.doc->pages[0];
	int ws = 0;
	for (int i = 0; i < pg->nitems; i++)
		if (is_text(&pg->items[i], "W")) {
			assert_true(fabsf(pg->items[i].x - (b.left + 4)) < EPS);
			ws++;
		}
	assert_int_equal(ws, 2 * 3);    /* per table: the title and two cut lines */
}

/* An ordered list of n items, each "Item i", nested in items with a sublist
 * of sub items when sub > 0. */
static doc_list *numbered(doc_document *d, int n, int sub)
{
	doc_list *l = arena_alloc(d->arena, sizeof *l);
	assert_non_null(l);
	assert_non_null(l->items = arena_alloc(d->arena, (size_t)n * sizeof *l->items));
	l->ordered = true;
	for (int i = 0; i < n; i++) {
		char text[32];
		snprintf(text, sizeof text, "Item %d", i + 1);
		bool ok;
		l->items[i].text = doc_plain_text(d, text, &ok);
		assert_true(ok);
		if (sub > 0)
			l->items[i].sublist = numbered(d, sub, 0);
	}
	l->nitems = n;
	return l;
}

/* "10." and "100." are wider than the 16 pt a list is indented by: the list
 * moves over so that its numbers stay right of the margin, at any body size,
 * and a nested list moves with its parent (found by fuzzing: fuzz_layout). */
static void list_numbers_stay_in_the_content_box(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	doc_block *b = doc_add(d, DOC_LIST, 1);
	assert_non_null(b);
	b->u.list = *numbered(d, 120, 0);
	assert_non_null(b = doc_add(d, DOC_LIST, 2));
	b->u.list = *numbered(d, 3, 12);
	lay(d, &fx->res);       /* check_layout: nothing left of the content box */
	d->style.body_size = d->style.body_leading = 24;
	lay(d, &fx->res);
	/* the items of the first list line up, past its widest number */
	const lay_page *pg = &fx->res.doc->pages[0];
	box bx = content_box(&d->style);
	float x = -1;
	int n = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_TEXT || strncmp(it->u.text.str, "Item ", 5) != 0)
			continue;
		if (x < 0)
			x = it->x;
		assert_true(fabsf(it->x - x) < EPS);
		n++;
	}
	assert_true(n > 10);
	int face = fonts_face(d->style.body_family, 0);
	assert_true(x >= bx.left + width_of(face, 24, "100.") + 5 - EPS);
}

/* A cell of 100000 two-letter words in a 1 pt column: every word is cut,
 * and each cut once moved every box after it, so this took seconds (found by
 * fuzzing: fuzz_pipeline, a 400 pt body size). It now takes a few hundredths
 * of a second; the bound leaves room for slow machines and sanitizers, not
 * for quadratic time. */
static char *many_words;

static const char *many_words_cell(int r, int j)
{
	return r < 0 ? "Words" : many_words;
}

static void cutting_many_words_places_every_letter(void **state)
{
	fixture *fx = *state;
	enum { WORDS = 100000 };
	many_words = malloc(3 * WORDS + 1);
	assert_non_null(many_words);
	for (int i = 0; i < WORDS; i++)
		memcpy(many_words + 3 * i, "ab ", 3);
	many_words[3 * WORDS - 1] = '\0';
	static const double widths[] = {1};
	table(fx->d, 1, 1, widths, 1, many_words_cell);
	free(many_words);
	/* no timing assertion here (make bench measures speed): the input is
	 * large enough that a quadratic breaker shows as a slow test */
	char err[512];
	assert_int_equal(lay_document(fx->d, fonts, 0, &fx->res, err, sizeof err), 0);
	int letters = 0;
	for (int p = 0; p < fx->res.doc->npages; p++)
		for (int i = 0; i < fx->res.doc->pages[p].nitems; i++)
			letters += is_text(&fx->res.doc->pages[p].items[i], "a") ||
			           is_text(&fx->res.doc->pages[p].items[i], "b");
	assert_int_equal(letters, 2 * WORDS);
}

/* ---- footnotes, lists, furniture, the audit -------------------------------------- */

/* Every footnote reference (a raised number) has its note, numbered the
 * same, on the same page, below every line of the body; notes come in
 * order and none is missing. */
static void a_footnote_is_set_at_the_foot_of_the_page_that_cites_it(void **state)
{
	fixture *fx = *state;
	char text[4096];
	for (int i = 0; i < 40; i++) {
		snprintf(text, sizeof text, "Paragraph %d cites a note^[The note of paragraph %d, "
		         "long enough to take a line or two at the foot of the page when it is "
		         "set there.] and goes on with more words to fill its lines: the relations "
		         "between ASEAN and the Republic of Korea.", i + 1, i + 1);
		paragraph(fx->d, i + 1, text, DOC_ALIGN_JUSTIFY);
	}
	lay(fx->d, &fx->res);
	const lay_doc *o = fx->res.doc;
	assert_true(o->npages >= 2);
	int refs = 0, notes = 0;
	for (int p = 0; p < o->npages; p++) {
		const lay_page *pg = &o->pages[p];
		float lowest_body = 1e9f, highest_note = -1e9f;
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			if (it->kind != LAY_TEXT)
				continue;
			if (it->role == LAY_ROLE_NOTE_REF) {
				int n = atoi(it->u.text.str);
				assert_int_equal(n, ++refs);
				/* its note, on this page: the number, then the text */
				bool found = false;
				char want[64];
				snprintf(want, sizeof want, "The note of paragraph %d,", n);
				for (int k = 0; k < pg->nitems && !found; k++)
					found = pg->items[k].kind == LAY_TEXT &&
					        pg->items[k].role == LAY_ROLE_NOTE &&
					        strstr(pg->items[k].u.text.str, want) == pg->items[k].u.text.str;
				if (!found)
					fail_msg("page %d: note %d is not on the page that cites it", p + 1, n);
			} else if (it->role == LAY_ROLE_NOTE) {
				if (strncmp(it->u.text.str, "The note", 8) == 0)
					notes++;
				highest_note = it->y > highest_note ? it->y : highest_note;
			} else if (it->role == LAY_ROLE_P) {
				lowest_body = it->y < lowest_body ? it->y : lowest_body;
			}
		}
		if (highest_note > -1e9f && highest_note + 8 > lowest_body)
			fail_msg("page %d: a note at y %.1f is not below the body (%.1f)", p + 1,
			         (double)highest_note, (double)lowest_body);
	}
	assert_int_equal(refs, 40);
	assert_int_equal(notes, 40);
	assert_int_equal(fx->res.nwarnings, 0);
}

/* Items of two and three lines pushed across a page break, at every
 * position: neither the first nor the last line of an item stands alone
 * on a page, and an item's mark is on the page of its first line. */
static void a_list_item_never_leaves_one_line_alone_at_a_page_break(void **state)
{
	(void)state;
	for (int fill = 30; fill < 48; fill++) {
		doc_document *d = doc_new();
		assert_non_null(d);
		d->style.paragraph_space = 0;
		for (int i = 0; i < fill; i++)
			paragraph(d, 1, "filler", DOC_ALIGN_LEFT);
		doc_list *l = arena_alloc(d->arena, sizeof *l);
		assert_non_null(l);
		assert_non_null(l->items = arena_alloc(d->arena, 6 * sizeof *l->items));
		l->nitems = 6;
		for (int i = 0; i < 6; i++) {
			char text[1024];
			snprintf(text, sizeof text, "ITEM%d %s", i, i % 2
			         ? "two lines of words about the dialogue relations between ASEAN and "
			           "the Republic of Korea and what they have become since 1989"
			         : "three lines of words about the dialogue relations between ASEAN and "
			           "the Republic of Korea and what they have become since 1989, told "
			           "at some length so that the item runs to a third line of text");
			assert_true(markup_parse(d, text, &l->items[i].text));
		}
		doc_block *b = doc_add(d, DOC_LIST, 2);
		assert_non_null(b);
		b->u.list = *l;
		lay_result r = {0};
		lay(d, &r);
		/* per page: the list's body lines, and where each item starts */
		int item_lines[6][8] = {{0}};   /* [item][page] lines */
		int cur = -1;
		for (int p = 0; p < r.doc->npages; p++)
			for (int i = 0; i < r.doc->pages[p].nitems; i++) {
				const lay_item *it = &r.doc->pages[p].items[i];
				if (it->kind != LAY_TEXT || it->role != LAY_ROLE_LIST_BODY)
					continue;
				if (strncmp(it->u.text.str, "ITEM", 4) == 0)
					cur = it->u.text.str[4] - '0';
				if (cur >= 0 && p < 8)
					item_lines[cur][p]++;
			}
		for (int k = 0; k < 6; k++)
			for (int p = 0; p < 8; p++) {
				int here = item_lines[k][p];
				if (here == 1 && ((p > 0 && item_lines[k][p - 1]) ||
				                  (p < 7 && item_lines[k][p + 1])))
					fail_msg("%d fillers: item %d leaves one line alone on page %d", fill, k,
					         p + 1);
			}
		lay_free(r.doc);
		doc_free(d);
	}
}

/* "{section}" in a header is the current level-1 heading: the last one
 * that starts on the page or before it. */
static void section_in_a_header_names_the_heading_in_force(void **state)
{
	fixture *fx = *state;
	fx->d->style.header.left = "{section}";
	fx->d->style.heading_numbers = false;
	char text[8192];
	some_words(text, sizeof text, 900);
	heading(fx->d, 1, "Alpha", 1);
	paragraph(fx->d, 2, text, DOC_ALIGN_JUSTIFY);
	heading(fx->d, 3, "Beta", 1);
	paragraph(fx->d, 4, text, DOC_ALIGN_JUSTIFY);
	lay(fx->d, &fx->res);
	const lay_doc *o = fx->res.doc;
	float top = (float)(fx->d->style.page_height - fx->d->style.margin_top);
	int beta_page = fx->res.doc->marks[1].page;
	assert_true(beta_page > 0 && o->npages > beta_page);
	for (int p = 0; p < o->npages; p++) {
		const char *want = p < beta_page ? "Alpha" : "Beta";
		bool found = false;
		for (int i = 0; i < o->pages[p].nitems && !found; i++) {
			const lay_item *it = &o->pages[p].items[i];
			found = it->kind == LAY_TEXT && it->y > top && it->role == LAY_ROLE_ARTIFACT &&
			        strcmp(it->u.text.str, want) == 0;
		}
		if (!found)
			fail_msg("page %d: the header does not say \"%s\"", p + 1, want);
	}
}

/* A contents entry's dotted leader ends 3 pt before its page number. */
static void contents_leaders_reach_the_page_number(void **state)
{
	fixture *fx = *state;
	block(fx->d, DOC_CONTENTS);
	for (int i = 0; i < 12; i++) {
		char title[64];
		snprintf(title, sizeof title, "Heading number %d", i + 1);
		heading(fx->d, i + 2, title, i % 3 == 0 ? 1 : 2);
		char text[4096];
		some_words(text, sizeof text, 40 + 40 * (i % 4));
		paragraph(fx->d, i + 2, text, DOC_ALIGN_JUSTIFY);
	}
	lay(fx->d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	int leaders = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_LINE || !it->u.line.dotted)
			continue;
		/* the number on the same baseline, right of the leader */
		const lay_item *num = NULL;
		for (int k = 0; k < pg->nitems; k++) {
			const lay_item *n = &pg->items[k];
			if (n->kind == LAY_TEXT && n->role == LAY_ROLE_CONTENTS &&
			    fabsf(n->y + 1 - it->y) < 0.5f && n->x > it->u.line.x2 &&
			    n->u.text.str[0] >= '1' && n->u.text.str[0] <= '9')
				num = n;
		}
		assert_non_null(num);
		if (fabsf(num->x - it->u.line.x2 - 3) > 0.01f)
			fail_msg("a leader ends at %.2f, its number starts at %.2f", (double)it->u.line.x2,
			         (double)num->x);
		leaders++;
	}
	assert_int_equal(leaders, 12);
}

static const char *wide_cells(int r, int j)
{
	static char buf[32];
	snprintf(buf, sizeof buf, r < 0 ? "Title%d" : "cell%d", j);
	return buf;
}

/* Columns wider together than the page push text off it: the audit says
 * how many characters of the table are on no page, at the table's line. */
static void text_pushed_off_the_page_is_reported(void **state)
{
	fixture *fx = *state;
	static const double widths[8] = {120, 120, 120, 120, 120, 120, 120, 120};
	table(fx->d, 7, 8, widths, 1, wide_cells);
	char err[256];
	assert_int_equal(lay_document(fx->d, fonts, 0, &fx->res, err, sizeof err), 0);
	bool said = false;
	for (int i = 0; i < fx->res.nwarnings; i++)
		said = said || (fx->res.warnings[i].line == 7 &&
		                strstr(fx->res.warnings[i].message, "not on any page"));
	assert_true(said);
}

/* NanumGothic has no italic: Korean in *italic* is slanted; Latin italic
 * uses Liberation's italic face, upright in the matrix. */
static void korean_italic_is_slanted_and_latin_italic_is_not(void **state)
{
	fixture *fx = *state;
	paragraph(fx->d, 1, "*Italic 한국어*", DOC_ALIGN_LEFT);
	lay(fx->d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	int korean = 0, latin = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_TEXT || it->role != LAY_ROLE_P)
			continue;
		if (it->u.text.face >= FONT_HANGUL) {
			assert_true(it->u.text.slant > 0.15f);
			assert_int_equal(it->lang, LAY_LANG_KO);
			korean++;
		} else {
			assert_true(it->u.text.slant == 0);
			assert_int_equal(it->u.text.face,
			                 fonts_face(fx->d->style.body_family, DOC_ITALIC));
			latin++;
		}
	}
	assert_true(korean > 0 && latin > 0);
}

/* A word broken at a line's end: the head, hyphen drawn, stands for the
 * whole word; the tail stands for nothing; a soft hyphen's word too. */
static void a_broken_word_stands_for_itself_whole(void **state)
{
	fixture *fx = *state;
	doc_style *st = &fx->d->style;
	st->margin_right = st->page_width - st->margin_left - 120;
	paragraph(fx->d, 1, "Public infra\xC2\xADstructure ages while "
	          "internationalisation of telecommunications continues.", DOC_ALIGN_JUSTIFY);
	char soft[1024] = "";
	for (int i = 0; i < 16; i++)
		strcat(soft, i % 3 ? "infra\xC2\xADstructure " : "an infra\xC2\xADstructure ");
	paragraph(fx->d, 2, soft, DOC_ALIGN_JUSTIFY);
	lay(fx->d, &fx->res);
	const lay_page *pg = &fx->res.doc->pages[0];
	int heads = 0, soft_heads = 0;
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->kind != LAY_TEXT || !it->u.text.actual || it->u.text.actual_len == 0)
			continue;
		soft_heads += it->u.text.actual_len == 14 &&
		              strncmp(it->u.text.actual, "infrastructure", 14) == 0;
		const char *s = it->u.text.str;
		size_t n = strlen(s);
		assert_true(n > 1 && s[n - 1] == '-');
		/* the head is the start of the whole word it stands for */
		assert_true(strncmp(it->u.text.actual, s, n - 1) == 0);
		assert_null(memchr(it->u.text.actual, '-', (size_t)it->u.text.actual_len));
		heads++;
		/* the next text item in the body is the tail: it stands for nothing */
		for (int k = i + 1; k < pg->nitems; k++) {
			const lay_item *t = &pg->items[k];
			if (t->kind != LAY_TEXT)
				continue;
			assert_non_null(t->u.text.actual);
			assert_int_equal(t->u.text.actual_len, 0);
			char whole[128];
			snprintf(whole, sizeof whole, "%.*s%s", (int)(n - 1), s, t->u.text.str);
			assert_string_equal(whole, it->u.text.actual);
			break;
		}
	}
	assert_true(heads >= 2);
	assert_true(soft_heads >= 1);
}

/* ---- page by page ------------------------------------------------------------------ */

/* What a stream saw: per page, the keys of its items, page_done's then
 * page_late's. */
typedef struct seen {
	char **keys[64][2];
	int n[64][2];
	int calls[2];
	int fail_at;            /* page_done of this page fails; -1 never */
} seen;

static char *item_key(const lay_item *it)
{
	char *k = NULL;
	const char *str = it->kind == LAY_TEXT ? it->u.text.str : "";
	int len = it->kind == LAY_TEXT ? it->u.text.len : 0;
	int target = it->kind == LAY_LINK ? it->u.link.page : 0;
	float x2 = it->kind == LAY_LINE ? it->u.line.x2 : 0;
	assert_true(asprintf(&k, "%d %d %d %.3f %.3f %.3f %.3f %.3f %d %.*s", (int)it->kind,
	                     it->block, (int)it->role, it->x, it->y, it->w, it->h, x2, target,
	                     len, str) > 0);
	return k;
}

static void keep_keys(seen *sn, int which, int page, const lay_page *pg)
{
	assert_true(page < 64);
	sn->keys[page][which] = calloc((size_t)pg->nitems + 1, sizeof(char *));
	assert_non_null(sn->keys[page][which]);
	for (int i = 0; i < pg->nitems; i++)
		sn->keys[page][which][i] = item_key(&pg->items[i]);
	sn->n[page][which] = pg->nitems;
	sn->calls[which]++;
}

static int on_done(void *user, const lay_doc *doc, int page, const lay_page *pg, char *err,
                   size_t errsize)
{
	seen *sn = user;
	assert_int_equal(page, doc->npages - 1);        /* handed out as soon as finished */
	if (page == sn->fail_at) {
		snprintf(err, errsize, "disk full at page %d", page + 1);
		return -1;
	}
	keep_keys(sn, 0, page, pg);
	return 0;
}

static int on_late(void *user, const lay_doc *doc, int page, const lay_page *pg, char *err,
                   size_t errsize)
{
	(void)doc;
	(void)err;
	(void)errsize;
	keep_keys(user, 1, page, pg);
	return 0;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void forget(seen *sn)
{
	for (int p = 0; p < 64; p++)
		for (int w = 0; w < 2; w++) {
			for (int i = 0; i < sn->n[p][w]; i++)
				free(sn->keys[p][w][i]);
			free(sn->keys[p][w]);
		}
}

static const char *stream_cells(int r, int j)
{
	static char buf[64];
	if (r < 0)
		snprintf(buf, sizeof buf, "Column %d", j + 1);
	else
		snprintf(buf, sizeof buf, "Row %d, cell %d: some words here", r + 1, j + 1);
	return buf;
}

/* Handed out page by page, the pages hold the items the whole document
 * does: page_done's in the same order, the late ones (contents numbers,
 * leaders and links, the running header and footer) after; the warnings
 * are the same, the audit's included. */
static void pages_handed_out_one_by_one_hold_what_the_whole_document_does(void **state)
{
	fixture *fx = *state;
	doc_document *d = fx->d;
	block(d, DOC_CONTENTS);
	for (int i = 0; i < 6; i++) {
		char title[32];
		snprintf(title, sizeof title, "Section %d", i + 1);
		heading(d, 10 * i + 1, title, 1 + i % 2);
		paragraph(d, 10 * i + 2, "A paragraph with a note.^[The note, at the foot.] "
		          "Then enough words to fill a line or two of the column, and justified "
		          "text that is hyphenated where it helps the spacing of the line.",
		          i % 2 ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT);
		table(d, 10 * i + 3, 3, NULL, 30, stream_cells);
	}
	static const double widths[8] = {120, 120, 120, 120, 120, 120, 120, 120};
	table(d, 99, 8, widths, 1, wide_cells);     /* the audit's warning */
	d->style.header.right = "{section}";

	char err[256];      /* the wide table leaves the content box: not lay() */
	assert_int_equal(lay_document(d, fonts, 0, &fx->res, err, sizeof err), 0);
	const lay_doc *whole = fx->res.doc;
	seen sn = {.fail_at = -1};
	lay_stream st = {on_done, on_late, &sn};
	lay_result res;
	assert_int_equal(lay_document_stream(d, fonts, 0, &st, &res, err, sizeof err), 0);
	assert_int_equal(res.doc->npages, whole->npages);
	assert_true(whole->npages > 3 && whole->npages < 64);
	assert_int_equal(sn.calls[0], whole->npages);
	assert_int_equal(res.doc->nmarks, whole->nmarks);
	for (int p = 0; p < whole->npages; p++) {
		const lay_page *pg = &whole->pages[p];
		assert_int_equal(res.doc->pages[p].nitems, 0);  /* nothing kept */
		assert_int_equal(sn.n[p][0] + sn.n[p][1], pg->nitems);
		char **all = calloc((size_t)pg->nitems + 1, sizeof *all);
		char **got = calloc((size_t)pg->nitems + 1, sizeof *got);
		assert_non_null(all);
		assert_non_null(got);
		int k = 0;
		for (int i = 0; i < pg->nitems; i++) {
			all[i] = item_key(&pg->items[i]);
			if (k < sn.n[p][0] && strcmp(all[i], sn.keys[p][0][k]) == 0)
				k++;        /* page_done's, in the whole document's order */
		}
		assert_int_equal(k, sn.n[p][0]);
		for (int w = 0, j = 0; w < 2; w++)
			for (int i = 0; i < sn.n[p][w]; i++)
				got[j++] = sn.keys[p][w][i];
		qsort(all, (size_t)pg->nitems, sizeof *all, by_string);
		qsort(got, (size_t)pg->nitems, sizeof *got, by_string);
		for (int i = 0; i < pg->nitems; i++)
			assert_string_equal(all[i], got[i]);
		for (int i = 0; i < pg->nitems; i++)
			free(all[i]);
		free(all);
		free(got);
	}
	assert_true(sn.n[0][1] > 0);    /* the contents' numbers came late */
	assert_int_equal(res.nwarnings, fx->res.nwarnings);
	bool audited = false;
	for (int i = 0; i < res.nwarnings; i++) {
		bool same = false;
		for (int j = 0; j < fx->res.nwarnings && !same; j++)
			same = res.warnings[i].line == fx->res.warnings[j].line &&
			       strcmp(res.warnings[i].message, fx->res.warnings[j].message) == 0;
		assert_true(same);
		audited = audited || (res.warnings[i].line == 99 &&
		                      strstr(res.warnings[i].message, "not on any page"));
	}
	assert_true(audited);
	lay_free(res.doc);
	forget(&sn);

	/* a writer that fails stops the layout with its message */
	seen bad = {.fail_at = 1};
	st.user = &bad;
	assert_int_equal(lay_document_stream(d, fonts, 0, &st, &res, err, sizeof err), -1);
	assert_string_equal(err, "disk full at page 2");
	assert_int_equal(bad.calls[0], 1);
	assert_int_equal(bad.calls[1], 0);
	forget(&bad);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(a_long_paragraph_wraps_inside_the_content_box),
		T(justified_lines_reach_the_right_edge),
		T(justified_breaking_is_never_worse_than_first_fit),
		T(ragged_text_is_evened_out_over_the_paragraph),
		T(a_justified_180_pt_column_keeps_its_word_spaces_tight),
		T(a_paragraphs_last_line_does_not_start_a_page_alone),
		T(right_and_centred_lines_align_to_their_edge),
		T(a_paragraph_breaks_across_pages_between_lines),
		T(a_table_repeats_its_header_on_every_page_it_spans),
		T(table_stripes_can_be_turned_off),
		T(a_row_taller_than_a_page_continues_across_pages),
		T(a_table_header_is_never_stranded_at_the_foot),
		T(twenty_thousand_rows_lay_out_each_row_once),
		T(headings_become_outline_marks_with_level_and_page),
		T(a_heading_is_kept_with_what_follows),
		T(a_contents_block_shows_the_page_of_every_heading),
		T(a_contents_over_several_pages_numbers_every_entry),
		T(every_page_has_page_x_of_y_in_its_footer),
		T(a_document_without_headings_has_a_one_entry_outline),
		T(an_empty_document_has_one_page),
		T(an_image_is_sized_from_its_pixels_and_a_repeat_is_shared),
		T(margins_that_leave_no_room_are_refused),
		T(an_uncovered_character_is_warned_about_once_with_its_line),
		T(a_word_wider_than_the_column_is_broken_inside_the_box),
		T(warnings_of_one_line_are_capped),
		T(chart_labels_never_overlap),
		T(a_chart_says_what_it_shows_in_its_alt_text),
		T(a_bar_group_with_a_missing_value_is_centred),
		T(value_labels_are_drawn_all_or_none),
		T(chart_colours_differ_in_grey),
		T(timeline_dates_keep_their_precision),
		T(a_timeline_spaces_entries_by_time),
		T(a_word_wider_than_a_table_column_stays_in_its_column),
		T(a_word_mixing_scripts_is_broken_inside_the_box),
		T(a_line_too_wide_for_its_column_overflows_to_the_right),
		T(list_numbers_stay_in_the_content_box),
		T(cutting_many_words_places_every_letter),
		T(a_footnote_is_set_at_the_foot_of_the_page_that_cites_it),
		T(a_list_item_never_leaves_one_line_alone_at_a_page_break),
		T(section_in_a_header_names_the_heading_in_force),
		T(contents_leaders_reach_the_page_number),
		T(text_pushed_off_the_page_is_reported),
		T(korean_italic_is_slanted_and_latin_italic_is_not),
		T(a_broken_word_stands_for_itself_whole),
		T(pages_handed_out_one_by_one_hold_what_the_whole_document_does),
	};
#undef T
	return cmocka_run_group_tests_name("layout", tests, open_fonts, close_fonts);
}

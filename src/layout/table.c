/*
 * table.c -- tables: column widths from content, a header row repeated on
 * every page the table spans, rows that never overflow.
 *
 * Widths: a column given a width keeps it; the others share what is left in
 * proportion to their widest line, never below their longest word when that
 * can be helped, nor below their widest character when that can (a word is
 * then cut). A row that does not fit below the cursor moves to the next
 * page; a row taller than a whole page is split between lines, every cell
 * continuing where it stopped, under the repeated header.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/utf8.h"


typedef struct table_ctx {
	lay_ctx *c;
	const doc_table *t;
	float *x, *w;           /* column left edges and widths */
	doc_align *align;
	lay_inline *cells;      /* one per column, reused row after row */
	lay_inline *head;       /* the header's, shaped once, drawn on every page */
	int head_lines;
	lay_textstyle body, head_style, cap_style;
	float header_h;
	lay_inline cap;         /* the caption's lines */
	float cap_h;            /* their height, 0 without a caption */
	int first_lines;        /* lines of the first row (shaped in cells) */
	float pad_x, pad_y;     /* inside each cell (the template's table.padding_x, _y) */
	float space_before;     /* above the caption or header (table.space_before) */
} table_ctx;

/* A cell reads as a number: digits with , . % $ + - and spaces only. */
static bool numeric(const doc_text *t)
{
	bool digit = false;
	for (int i = 0; i < t->nspans; i++)
		for (const char *p = t->spans[i].text; *p; p++) {
			if (isdigit((unsigned char)*p))
				digit = true;
			else if (!strchr(",.%$+- ", *p))
				return false;
		}
	return digit;
}

static bool empty(const doc_text *t)
{
	for (int i = 0; i < t->nspans; i++)
		if (t->spans[i].text[0])
			return false;
	return true;
}

/* The widest character of the boxes of in: what a column must hold for
 * its text to stay inside it, however it is cut. */
static float widest_char(lay_ctx *c, const lay_inline *in)
{
	float most = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		for (int k = 0; k < b->len;) {
			uint32_t cp;
			k += (int)utf8_decode(in->text + b->off + k, (size_t)(b->len - k), &cp);
			float w = (float)fonts_advance(c->fonts, b->face, cp) * b->size / 1000.0f;
			if (w > most)
				most = w;
		}
	}
	return most;
}

/* Sets the columns' widths (tc->w), left edges (tc->x) and alignments
 * (tc->align) as the top of this file says; a table wider than the column
 * is a warning. */
static void column_widths(table_ctx *tc)
{
	lay_ctx *c = tc->c;
	const doc_table *t = tc->t;
	int n = t->ncols;
	float *want = calloc((size_t)n * 3, sizeof *want);
	if (!want) {
		c->oom = true;
		return;
	}
	float *least = want + n, *floor = want + 2 * n;
	lay_inline *in = &c->scratch;
	for (int j = 0; j < n; j++) {
		/* a column given its width is not measured: its cells are shaped
		 * once, when their row is laid out */
		bool measure = t->cols[j].width <= 0;
		float mx, mn;
		if (measure) {
			text_boxes(c, in, &t->cols[j].title, &tc->head_style);
			text_measure(in, &mx, &mn);
			want[j] = mx;
			least[j] = mn;
			floor[j] = widest_char(c, in);
		}
		bool nums = true, any = false;
		for (int r = 0; r < t->nrows; r++) {
			const doc_text *cell = &t->cells[(size_t)r * (size_t)n + (size_t)j];
			if (measure) {
				text_boxes(c, in, cell, &tc->body);
				text_measure(in, &mx, &mn);
				if (mx > want[j])
					want[j] = mx;
				if (mn > least[j])
					least[j] = mn;
				float wc = widest_char(c, in);
				if (wc > floor[j])
					floor[j] = wc;
			}
			if (!empty(cell)) {
				any = true;
				nums = nums && numeric(cell);
			}
		}
		tc->align[j] = t->cols[j].align != DOC_ALIGN_DEFAULT ? t->cols[j].align
		               : any && nums ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
		want[j] += 2 * tc->pad_x;
		least[j] += 2 * tc->pad_x;
		floor[j] = floor[j] < 4 ? 2 * tc->pad_x + 4 : floor[j] + 2 * tc->pad_x;
	}
	float rest = c->width, sum_want = 0, sum_least = 0, sum_floor = 0;
	for (int j = 0; j < n; j++) {
		if (t->cols[j].width > 0) {
			tc->w[j] = (float)t->cols[j].width;
			rest -= tc->w[j];
		} else {
			sum_want += want[j];
			sum_least += least[j];
			sum_floor += floor[j];
		}
	}
	if (rest < 0)
		rest = 0;
	for (int j = 0; j < n; j++) {
		if (t->cols[j].width > 0)
			continue;
		if (sum_want <= rest)
			tc->w[j] = want[j] + (rest - sum_want) * want[j] / sum_want;
		else if (sum_least <= rest)
			tc->w[j] = least[j] + (rest - sum_least) * (want[j] - least[j]) /
			           (sum_want - sum_least > 0 ? sum_want - sum_least : 1);
		else if (sum_floor < rest)     /* every character fits, words are cut */
			tc->w[j] = floor[j] + (rest - sum_floor) * (least[j] - floor[j]) /
			           (sum_least - sum_floor > 0 ? sum_least - sum_floor : 1);
		else
			tc->w[j] = floor[j];
		if (tc->w[j] < floor[j])
			tc->w[j] = floor[j];
	}
	float total = 0;
	for (int j = 0; j < n; j++) {
		tc->x[j] = c->left + total;
		total += tc->w[j];
	}
	if (total > c->width + 0.5f)
		ctx_warn(c, "table is %.0f pt wide, wider than the %.0f pt column: its right "
		         "edge runs into the margin", total, c->width);
	free(want);
}

static float table_width(const table_ctx *tc)
{
	return tc->x[tc->t->ncols - 1] + tc->w[tc->t->ncols - 1] - tc->x[0];
}

/* Lays out the cells of one row (the header when row < 0: into tc->head,
 * else tc->cells); returns the most lines any cell has. */
static int shape_row(table_ctx *tc, int row)
{
	const doc_table *t = tc->t;
	lay_inline *into = row < 0 ? tc->head : tc->cells;
	int most = 1;
	for (int j = 0; j < t->ncols; j++) {
		const doc_text *txt = row < 0 ? &t->cols[j].title
		                              : &t->cells[(size_t)row * (size_t)t->ncols + (size_t)j];
		text_boxes(tc->c, &into[j], txt, row < 0 ? &tc->head_style : &tc->body);
		doc_align align = row >= 0 ? tc->align[j] : DOC_ALIGN_LEFT;
		text_break_block(tc->c, &into[j], tc->w[j] - 2 * tc->pad_x, align, ctx_greedy(tc->c, 0));
		if (into[j].nlines > most)
			most = into[j].nlines;
	}
	return most;
}

/* Draws lines [from[j], from[j] + k) of every cell in a band of the given
 * height from the cursor. */
static void draw_band(table_ctx *tc, const lay_inline *cells, const int *from, int k,
                      float height, const lay_textstyle *ts, bool header, bool stripe)
{
	lay_ctx *c = tc->c;
	const doc_style *s = c->st;
	float top = c->y;
	float w = table_width(tc);
	if (header)
		ctx_fill(c, tc->x[0], top - height, w, height, ctx_color(s->table_header_fill));
	else if (stripe && s->table_striped)
		ctx_fill(c, tc->x[0], top - height, w, height, ctx_color(s->table_stripe));
	lay_role role = c->role;
	c->role = header ? LAY_ROLE_TABLE_HEADER : LAY_ROLE_TABLE_CELL;
	for (int j = 0; j < tc->t->ncols; j++) {
		const lay_inline *in = &cells[j];
		for (int i = 0; i < k && from[j] + i < in->nlines; i++) {
			float base = top - tc->pad_y - (float)i * ts->leading - (ts->leading - ts->size) / 2 -
			             ts->size * 0.8f;
			text_emit_line(c, in, from[j] + i, tc->x[j] + tc->pad_x, base, tc->w[j] - 2 * tc->pad_x,
			               header && tc->align[j] == DOC_ALIGN_JUSTIFY ? DOC_ALIGN_LEFT
			                                                           : tc->align[j]);
			ctx_cite_notes(c, in, from[j] + i);
		}
	}
	c->role = role;
	c->y -= height;
	ctx_line(c, tc->x[0], c->y, tc->x[0] + w, c->y, header ? 0.8f : 0.3f,
	         ctx_color(header ? s->table_header_fill : s->table_rule));
}

static void header(table_ctx *tc)
{
	int zero[64] = {0};
	int *from = tc->t->ncols <= 64 ? zero : calloc((size_t)tc->t->ncols, sizeof *from);
	if (!from) {
		tc->c->oom = true;
		return;
	}
	draw_band(tc, tc->head, from, tc->head_lines, tc->header_h, &tc->head_style, true, false);
	if (from != zero)
		free(from);
}

static void new_page_with_header(table_ctx *tc)
{
	ctx_new_page(tc->c);
	header(tc);
}

/* The start of a table: its columns measured, the header and the first
 * row shaped, the caption broken into lines (tc->cap). False when there is
 * nothing to lay out or memory ran out; table_end() frees what it made in
 * either case. */
static bool table_begin(lay_ctx *c, const doc_table *t, table_ctx *tc)
{
	const doc_style *s = c->st;
	*tc = (table_ctx){.c = c, .t = t, .pad_x = (float)s->table_pad_x,
	                  .pad_y = (float)s->table_pad_y, .space_before = (float)s->table_space_before};
	if (t->ncols == 0)
		return false;
	int n = t->ncols;
	tc->x = calloc((size_t)n * 2, sizeof *tc->x);
	tc->align = calloc((size_t)n, sizeof *tc->align);
	tc->cells = calloc((size_t)n * 2, sizeof *tc->cells);
	if (!tc->x || !tc->align || !tc->cells) {
		c->oom = true;
		return false;
	}
	tc->w = tc->x + n;
	tc->head = tc->cells + n;
	tc->body = (lay_textstyle){s->heading_family, 0, (float)s->table_size,
	                           (float)s->table_leading, ctx_color(s->text_color),
	                           ctx_color(s->accent)};
	tc->head_style = tc->body;
	tc->head_style.style = DOC_BOLD;
	tc->head_style.color = tc->head_style.link_color = ctx_color(s->table_header_text);
	column_widths(tc);
	if (c->oom)
		return false;
	tc->head_lines = shape_row(tc, -1);
	tc->header_h = (float)tc->head_lines * tc->head_style.leading + 2 * tc->pad_y;
	float body_h = c->top - c->bottom;
	if (tc->header_h > body_h / 2) {
		ctx_warn(c, "table header is taller than half a page");
		tc->header_h = body_h / 2;
	}
	tc->cap_style = tc->body;
	tc->cap_style.style = DOC_ITALIC;
	tc->cap_style.color = ctx_color(s->muted);
	if (t->caption.nspans) {
		text_boxes(c, &tc->cap, &t->caption, &tc->cap_style);
		text_break_block(c, &tc->cap, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		tc->cap_h = (float)tc->cap.nlines * tc->cap_style.leading + 3;
	}
	tc->first_lines = t->nrows > 0 ? shape_row(tc, 0) : 1;
	return !c->oom;
}

/* Caption, header and the first two lines of the first row: what goes
 * together (the row may then split, but never leaves its header alone),
 * and what a heading before the table keeps with. */
static float start_height(const table_ctx *tc)
{
	int lines = tc->first_lines < 2 ? tc->first_lines : 2;
	return tc->space_before + tc->cap_h + tc->header_h + (float)lines * tc->body.leading + 2 * tc->pad_y;
}

static void table_end(table_ctx *tc)
{
	if (tc->cells)
		for (int j = 0; j < 2 * tc->t->ncols; j++)
			text_inline_free(&tc->cells[j]);
	text_inline_free(&tc->cap);
	free(tc->cells);
	free(tc->x);
	free(tc->align);
}

/* The start of the table is kept for table_layout() (c->ahead_table),
 * unless there is none or memory ran out. */
float table_keep(lay_ctx *c, const doc_table *t)
{
	table_ctx tc;
	if (!table_begin(c, t, &tc)) {
		table_end(&tc);
		return 0;
	}
	float h = start_height(&tc);
	table_drop_ahead(c);
	c->ahead_table = malloc(sizeof tc);
	if (c->ahead_table) {
		*c->ahead_table = tc;
		c->ahead_block = c->block;
	} else {
		table_end(&tc);
	}
	return h;
}

void table_drop_ahead(lay_ctx *c)
{
	if (!c->ahead_table)
		return;
	table_end(c->ahead_table);
	free(c->ahead_table);
	c->ahead_table = NULL;
}

/* table_begin(), or what table_keep() kept of it for this block. */
static bool table_start(lay_ctx *c, const doc_table *t, table_ctx *tc)
{
	if (c->ahead_table && c->block >= 0 && c->ahead_block == c->block) {
		*tc = *c->ahead_table;
		free(c->ahead_table);
		c->ahead_table = NULL;
		c->ahead_block = -1;
		return true;
	}
	return table_begin(c, t, tc);
}

void table_layout(lay_ctx *c, const doc_table *t)
{
	const doc_style *s = c->st;
	table_ctx tc = {.c = c, .t = t};
	int n = t->ncols;
	int *from = calloc((size_t)(n > 0 ? n : 1), sizeof *from);
	if (!from)
		c->oom = true;
	if (!from || !table_start(c, t, &tc))
		goto done;
	float body_h = c->top - c->bottom;
	int first_lines = tc.first_lines;
	c->y -= tc.space_before;
	ctx_ensure(c, start_height(&tc) - tc.space_before);
	lay_inline cap = tc.cap;
	float cap_h = tc.cap_h;
	lay_textstyle cs = tc.cap_style;
	if (cap_h > 0) {
		c->role = LAY_ROLE_CAPTION;
		for (int i = 0; i < cap.nlines; i++) {
			text_emit_line(c, &cap, i, c->left, c->y - cs.size * 0.8f -
			               (cs.leading - cs.size) / 2, c->width, DOC_ALIGN_LEFT);
			ctx_cite_notes(c, &cap, i);
			c->y -= cs.leading;
		}
		c->y -= 3;
		c->role = LAY_ROLE_TABLE_CELL;
	}
	header(&tc);

	for (int r = 0; r < t->nrows && !c->oom; r++) {
		int k = r == 0 ? first_lines : shape_row(&tc, r);  /* row 0 is shaped already */
		float h = (float)k * tc.body.leading + 2 * tc.pad_y;
		bool stripe = r % 2 == 1;
		/* a row that does not fit moves to the next page, unless it is the
		 * first under its header, or splits with two lines or more on
		 * either side: then it continues on the next page */
		int room = (int)((ctx_room(c) - 2 * tc.pad_y) / tc.body.leading);
		bool split = r == 0 || (room >= 2 && k - room >= 2);
		if (!ctx_fits(c, h) && !split && h <= body_h - tc.header_h)
			new_page_with_header(&tc);
		if (ctx_fits(c, h)) {
			memset(from, 0, (size_t)n * sizeof *from);
			draw_band(&tc, tc.cells, from, k, h, &tc.body, false, stripe);
			continue;
		}
		/* taller than the room left: as many lines as fit, the rest on the
		 * next pages under the header again */
		memset(from, 0, (size_t)n * sizeof *from);
		bool paged = false;
		for (;;) {
			int fit = (int)((ctx_room(c) - 2 * tc.pad_y) / tc.body.leading);
			if (fit < 1 && !paged) {
				new_page_with_header(&tc);
				paged = true;
				continue;
			}
			if (fit < 1)
				fit = 1;    /* a page holds less than a line: overflow, never loop */
			paged = false;
			int left = 0;
			for (int j = 0; j < n; j++) {
				int rem = tc.cells[j].nlines - from[j];
				if (rem > left)
					left = rem;
			}
			int k2 = left < fit ? left : fit;
			draw_band(&tc, tc.cells, from, k2, (float)k2 * tc.body.leading + 2 * tc.pad_y,
			          &tc.body, false, stripe);
			for (int j = 0; j < n; j++)
				from[j] += k2;
			if (k2 == left)
				break;
			new_page_with_header(&tc);
			paged = true;
		}
	}
	c->y -= s->table_space_after >= 0 ? (float)s->table_space_after
	                                   : (float)s->paragraph_space + 4;
done:
	table_end(&tc);
	free(from);
}

/*
 * audit.c -- no silent loss, checked: once the pages are laid out, every
 * character the script gave a block (spaces and invisible marks aside) is
 * drawn by that block's items, inside the page's edges. A character no
 * font covers was reported when it was replaced and is not counted again;
 * what else is missing (text pushed off the page by a table too wide, or a
 * fault in brief) is a warning at the block's script line, which --strict
 * turns into a failure.
 *
 * Counting is exact, per block: a histogram over the BMP, incremented by
 * the block's text and decremented by its items, reset through the list of
 * code points it touched. What brief adds (numbers, hyphens, repeated table
 * headers) only decrements, so it never hides a loss elsewhere.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/utf8.h"

typedef struct audit {
	int *count;             /* 65536 entries: given minus drawn */
	uint16_t *touched;      /* code points with a count, to reset */
	int ntouched, captouched;
	bool finding;           /* give() collects the missing characters */
	char which[64];         /* found: distinct, in the block's own order */
	size_t nwhich;
	bool oom;
} audit;

/* Characters a script may give that draw nothing: spaces, newlines,
 * controls, soft hyphens, zero-width marks. */
static bool invisible(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x2002 ||
	       cp == 0x2003 || cp == 0x2009 || cp == 0x200B || cp == 0x3000 || cp == 0xFEFF;
}

static bool reported(const lay_ctx *c, uint32_t cp)
{
	for (int i = 0; i < c->nreported; i++)
		if (c->reported[i] == cp)
			return true;
	return false;
}

static void give(audit *a, const lay_ctx *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp = (unsigned char)s[i];
		i += cp < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		if (invisible(cp) || cp > 0xFFFF || reported(c, cp))
			continue;
		if (a->finding) {
			if (a->count[cp] > 0 && a->nwhich + 8 < sizeof a->which) {
				a->count[cp] = -a->count[cp];   /* once each; reset after */
				if (a->nwhich)
					a->which[a->nwhich++] = ' ';
				a->nwhich += utf8_encode(cp, a->which + a->nwhich);
				a->which[a->nwhich] = '\0';
			}
			continue;
		}
		if (a->count[cp]++ == 0) {
			if (!ctx_grow((void **)&a->touched, &a->captouched, a->ntouched + 1,
			               sizeof *a->touched)) {
				a->oom = true;
				return;
			}
			a->touched[a->ntouched++] = (uint16_t)cp;
		}
	}
}

static void give_text(audit *a, const lay_ctx *c, const doc_text *t)
{
	for (int i = 0; i < t->nspans; i++) {
		if (t->spans[i].note)
			give_text(a, c, t->spans[i].note);
		else
			give(a, c, t->spans[i].text, strlen(t->spans[i].text));
	}
}

static void give_list(audit *a, const lay_ctx *c, const doc_list *l)
{
	for (int i = 0; i < l->nitems; i++) {
		give_text(a, c, &l->items[i].text);
		if (l->items[i].sublist)
			give_list(a, c, l->items[i].sublist);
	}
}

/* Adds what block b asks to be drawn; false for a block with no text. */
static bool give_block(audit *a, const lay_ctx *c, const doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		give_text(a, c, &b->u.heading.text);
		return true;
	case DOC_PARAGRAPH:
		give_text(a, c, &b->u.paragraph.text);
		return true;
	case DOC_LIST:
		give_list(a, c, &b->u.list);
		return true;
	case DOC_TABLE:
		for (int k = 0; k < b->u.table.ncols; k++)
			give_text(a, c, &b->u.table.cols[k].title);
		for (int k = 0; k < b->u.table.nrows * b->u.table.ncols; k++)
			give_text(a, c, &b->u.table.cells[k]);
		give_text(a, c, &b->u.table.caption);
		return true;
	case DOC_CHART:     /* its labels are thinned out by design when they crowd */
		if (b->u.chart.title)
			give(a, c, b->u.chart.title, strlen(b->u.chart.title));
		if (b->u.chart.unit)
			give(a, c, b->u.chart.unit, strlen(b->u.chart.unit));
		for (int k = 0; b->u.chart.nseries > 1 && k < b->u.chart.nseries; k++)
			if (b->u.chart.series[k].name)
				give(a, c, b->u.chart.series[k].name, strlen(b->u.chart.series[k].name));
		return true;
	case DOC_IMAGE:
		if (b->u.image.caption)
			give(a, c, b->u.image.caption, strlen(b->u.image.caption));
		return true;
	case DOC_TIMELINE:
		if (b->u.timeline.title)
			give(a, c, b->u.timeline.title, strlen(b->u.timeline.title));
		for (int k = 0; k < b->u.timeline.nentries; k++) {
			const doc_timeline_entry *e = &b->u.timeline.entries[k];
			char date[128];     /* as drawn: "29 Oct 2010" for "2010-10-29" */
			timeline_format_date(e->date, c->doc->meta.lang, c->st->timeline_long_months, date,
			                     sizeof date);
			give(a, c, date, strlen(date));
			give_text(a, c, &e->label);
		}
		return true;
	default:
		return false;
	}
}

/* Whether a text item lies on its page: its advance within the page's
 * width, its baseline within its height. */
static bool on_page(const lay_doc *o, const lay_item *it)
{
	return it->x >= -0.5f && it->x + it->w <= o->width + 0.5f && it->y >= 0 &&
	       it->y <= o->height;
}

/* Takes away what the items of block b on pages [from, to] draw. */
static void take(audit *a, const lay_doc *o, int b, int from, int to)
{
	for (int p = from; p <= to && p < o->npages; p++)
		for (int i = 0; i < o->pages[p].nitems; i++) {
			const lay_item *it = &o->pages[p].items[i];
			if (it->kind != LAY_TEXT || it->block != b || !on_page(o, it))
				continue;
			const char *s = it->u.text.actual ? it->u.text.actual : it->u.text.str;
			size_t n = (size_t)(it->u.text.actual ? it->u.text.actual_len : it->u.text.len);
			for (size_t k = 0; k < n;) {
				uint32_t cp;
				k += utf8_decode(s + k, n - k, &cp);
				if (cp <= 0xFFFF)
					a->count[cp]--;
			}
		}
}

/* Says what block b lost, if anything (naming the first missing
 * character in the block's own order), and resets the counts. */
static void verdict(audit *a, lay_ctx *c, int b)
{
	int missing = 0;
	for (int i = 0; i < a->ntouched; i++) {
		uint16_t cp = a->touched[i];
		if (a->count[cp] > 0)
			missing += a->count[cp];
	}
	if (missing > 0) {
		a->finding = true;
		a->nwhich = 0;
		a->which[0] = '\0';
		give_block(a, c, &c->doc->blocks[b]);
		a->finding = false;
	}
	for (int i = 0; i < a->ntouched; i++)
		a->count[a->touched[i]] = 0;
	a->ntouched = 0;
	if (missing == 0)
		return;
	c->line = c->doc->blocks[b].line;
	ctx_warn(c, "%d character%s of this block %s not on any page (missing: %s)", missing,
	         missing == 1 ? "" : "s", missing == 1 ? "is" : "are", a->which);
}

void audit_layout(lay_ctx *c)
{
	const doc_document *d = c->doc;
	audit a = {.count = calloc(65536, sizeof *a.count)};
	if (!a.count) {
		c->oom = true;
		return;
	}
	int line = c->line;
	for (int b = 0; b < d->nblocks && !a.oom; b++) {
		if (!give_block(&a, c, &d->blocks[b]))
			continue;
		if (a.ntouched == 0)
			continue;
		if (c->block_pages && c->block_pages[b].first >= 0)
			take(&a, c->out, b, c->block_pages[b].first, c->block_pages[b].last);
		verdict(&a, c, b);
	}
	c->oom = c->oom || a.oom;
	c->line = line;
	free(a.count);
	free(a.touched);
}

/* ---- page by page (stream.c) ---------------------------------------------------- */

/* What a block's items drew on the pages finished so far: a count per code
 * point, in an open-addressed table (keys cp + 1, 0 for an empty slot). */
typedef struct drawn {
	uint32_t *key;
	int *count;
	int cap, used;          /* cap: 0 or a power of two */
} drawn;

struct lay_audit {
	audit a;
	drawn *blocks;          /* by block index */
	int next;               /* the first block without a verdict */
};

static bool drawn_add(drawn *d, uint32_t cp)
{
	if (2 * (d->used + 1) > d->cap) {
		drawn old = *d;
		int cap = d->cap ? d->cap * 2 : 64;
		d->key = calloc((size_t)cap, sizeof *d->key);
		d->count = calloc((size_t)cap, sizeof *d->count);
		if (!d->key || !d->count) {
			free(d->key);
			free(d->count);
			*d = old;
			return false;
		}
		d->cap = cap;
		d->used = 0;
		for (int i = 0; i < old.cap; i++) {
			if (!old.key[i])
				continue;
			int k = (int)(old.key[i] * 2654435761u) & (cap - 1);
			while (d->key[k])
				k = (k + 1) & (cap - 1);
			d->key[k] = old.key[i];
			d->count[k] = old.count[i];
			d->used++;
		}
		free(old.key);
		free(old.count);
	}
	uint32_t key = cp + 1;
	int k = (int)(key * 2654435761u) & (d->cap - 1);
	while (d->key[k] && d->key[k] != key)
		k = (k + 1) & (d->cap - 1);
	if (!d->key[k]) {
		d->key[k] = key;
		d->used++;
	}
	d->count[k]++;
	return true;
}

static void drawn_free(drawn *d)
{
	free(d->key);
	free(d->count);
	*d = (drawn){0};
}

lay_audit *audit_open(lay_ctx *c)
{
	lay_audit *A = calloc(1, sizeof *A);
	if (!A)
		return NULL;
	A->a.count = calloc(65536, sizeof *A->a.count);
	A->blocks = calloc((size_t)(c->doc->nblocks > 0 ? c->doc->nblocks : 1), sizeof *A->blocks);
	if (!A->a.count || !A->blocks) {
		audit_close(c, A);
		return NULL;
	}
	return A;
}

void audit_page(lay_ctx *c, lay_audit *A, int p)
{
	const lay_doc *o = c->out;
	for (int i = 0; i < o->pages[p].nitems && !A->a.oom; i++) {
		const lay_item *it = &o->pages[p].items[i];
		if (it->kind != LAY_TEXT || it->block < 0 || !on_page(o, it))
			continue;
		const char *s = it->u.text.actual ? it->u.text.actual : it->u.text.str;
		size_t n = (size_t)(it->u.text.actual ? it->u.text.actual_len : it->u.text.len);
		for (size_t k = 0; k < n && !A->a.oom;) {
			uint32_t cp = (unsigned char)s[k];
			k += cp < 0x80 ? 1 : utf8_decode(s + k, n - k, &cp);
			if (cp <= 0xFFFF && !drawn_add(&A->blocks[it->block], cp))
				A->a.oom = true;
		}
	}
	c->oom = c->oom || A->a.oom;
}

/* As audit_layout() does for one block, with what its pages drew counted
 * already; both counts are reset after, so nothing carries over to the
 * next block. */
void audit_blocks(lay_ctx *c, lay_audit *A, int upto)
{
	int line = c->line;
	audit *a = &A->a;
	for (; A->next < upto && A->next < c->doc->nblocks && !a->oom; A->next++) {
		int b = A->next;
		drawn *d = &A->blocks[b];
		if (give_block(a, c, &c->doc->blocks[b]) && a->ntouched > 0) {
			for (int i = 0; i < d->cap; i++)
				if (d->key[i])
					a->count[d->key[i] - 1] -= d->count[i];
			verdict(a, c, b);
		}
		for (int i = 0; i < d->cap; i++)
			if (d->key[i])
				a->count[d->key[i] - 1] = 0;
		for (int i = 0; i < a->ntouched; i++)
			a->count[a->touched[i]] = 0;
		a->ntouched = 0;
		drawn_free(d);
	}
	c->oom = c->oom || a->oom;
	c->line = line;
}

void audit_close(lay_ctx *c, lay_audit *A)
{
	if (!A)
		return;
	for (int b = 0; A->blocks && b < c->doc->nblocks; b++)
		drawn_free(&A->blocks[b]);
	free(A->blocks);
	free(A->a.count);
	free(A->a.touched);
	free(A);
}

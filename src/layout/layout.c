/*
 * layout.c -- the flow: blocks placed one after another down the content box
 * of each page, each by its own file (blocks.h); a heading is given the
 * height of the start of the block after it, to keep them together. What
 * needs the end of the document is drawn by furniture.c once the last page
 * exists.
 */
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

/* What the items of block b are, unless the block says otherwise. */
static lay_role role_of(const doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING: return (lay_role)(LAY_ROLE_H1 + b->u.heading.level - 1);
	case DOC_LIST: return LAY_ROLE_LIST_BODY;
	case DOC_TABLE: return LAY_ROLE_TABLE_CELL;
	case DOC_CHART:
	case DOC_TIMELINE:
	case DOC_IMAGE:
		return LAY_ROLE_FIGURE;
	case DOC_CONTENTS: return LAY_ROLE_CONTENTS;
	case DOC_PARAGRAPH:
	case DOC_PAGE_BREAK:
		return LAY_ROLE_P;
	}
	return LAY_ROLE_P;
}

/* Height the start of block b needs below a heading, to keep them together. */
static float block_start(lay_ctx *c, const doc_block *b)
{
	switch (b->kind) {
	case DOC_PARAGRAPH: return paragraph_keep(c, &b->u.paragraph);
	case DOC_LIST: return list_keep(c, &b->u.list);
	case DOC_CONTENTS: return contents_keep(c);
	case DOC_TABLE: return table_keep(c, &b->u.table);
	case DOC_CHART: return chart_height(c, &b->u.chart);
	case DOC_TIMELINE: return timeline_keep(c, &b->u.timeline);
	case DOC_HEADING: return heading_keep(c, &b->u.heading);
	case DOC_IMAGE:
	case DOC_PAGE_BREAK:
		return 0;
	}
	return 0;
}

/* block_start() of block b, measured as that block (its warnings at its
 * own line); what it lays out is kept for the block's turn (c->ahead). */
static float block_keep(lay_ctx *c, int b)
{
	int line = c->line, block = c->block;
	c->line = c->doc->blocks[b].line;
	c->block = b;
	float h = block_start(c, &c->doc->blocks[b]);
	c->line = line;
	c->block = block;
	return h;
}

static void number_headings(lay_ctx *c)
{
	const doc_document *d = c->doc;
	int n = 0, count[3] = {0, 0, 0};
	for (int b = 0; b < d->nblocks; b++)
		n += d->blocks[b].kind == DOC_HEADING;
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

/* Gives back what the pages' item arrays hold beyond their items (grown
 * by doubling, a quarter of them is room on average): the writer that
 * reads them next allocates much. */
static void fit_pages(lay_doc *o)
{
	for (int p = 0; p < o->npages; p++) {
		lay_page *pg = &o->pages[p];
		if (pg->nitems == 0 || pg->nitems == pg->cap)
			continue;
		lay_item *it = realloc(pg->items, (size_t)pg->nitems * sizeof *it);
		if (it) {
			pg->items = it;
			pg->cap = pg->nitems;
		}
	}
}

/* lay_document(), or page by page when stream is not NULL. */
static int lay_run(const doc_document *d, lay_fonts *fonts, int max_pages,
                   const lay_stream *stream, lay_result *out, char *err, size_t errsize)
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

	lay_ctx c = {.doc = d, .st = s, .fonts = fonts, .out = o, .arena = o->arena,
	             .block = -1, .role = LAY_ROLE_ARTIFACT, .on_page_end = notes_flush,
	             .ahead_block = -1, .items_arena = o->arena, .stream = stream,
	             .max_pages = max_pages};
	o->lang = strcmp(d->meta.lang ? d->meta.lang : "en", "ko") == 0 ? "ko-KR" : "en-US";
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
	if (rc == 0 && stream && !stream_begin(&c))
		c.oom = true;
	if (rc == 0) {
		number_headings(&c);
		notes_prepare(&c);
		c.block_pages = malloc((size_t)(d->nblocks > 0 ? d->nblocks : 1) *
		                       sizeof *c.block_pages);
		c.oom = c.oom || !c.block_pages;
		for (int b = 0; c.block_pages && b < d->nblocks; b++)
			c.block_pages[b] = (struct block_pages){-1, -1};
		ctx_new_page(&c);
		c.role = LAY_ROLE_TITLE;
		title_layout(&c);
	}
	for (int b = 0; rc == 0 && b < d->nblocks && !c.oom; b++) {
		const doc_block *bl = &d->blocks[b];
		c.line = bl->line;
		c.block = b;
		c.role = role_of(bl);
		switch (bl->kind) {
		case DOC_HEADING:
			heading_layout(&c, &bl->u.heading,
			               b + 1 < d->nblocks ? block_keep(&c, b + 1) : 0);
			break;
		case DOC_PARAGRAPH:
			paragraph_layout(&c, &bl->u.paragraph);
			break;
		case DOC_LIST:
			list_layout(&c, &bl->u.list);
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
			contents_layout(&c);
			break;
		case DOC_PAGE_BREAK:
			if (!c.page_fresh)
				ctx_new_page(&c);
			break;
		}
	}
	c.line = 0;
	c.block = -1;
	c.role = LAY_ROLE_ARTIFACT;
	if (rc == 0 && !c.oom && !stream) {
		notes_flush(&c);
		furniture_finish(&c);
		audit_layout(&c);
	} else if (rc == 0 && !c.oom) {
		notes_flush(&c);
		stream_page_done(&c, true);
		furniture_finish(&c);
		stream_finish(&c);
	}
	if (stream && c.ss)
		rc = stream_failed(&c, err, errsize) ? -1 : rc;
	if (rc == 0 && c.too_many) {
		snprintf(err, errsize, "the document runs past %d pages", max_pages);
		rc = LAY_TOO_MANY_PAGES;
	}
	if (rc == 0 && c.oom) {
		snprintf(err, errsize, "out of memory while laying out");
		rc = LAY_OUT_OF_MEMORY;
	}
	text_inline_free(&c.ahead);
	table_drop_ahead(&c);
	text_inline_free(&c.scratch);
	text_inline_free(&c.label);
	free(c.kern);
	text_inline_free(&c.notes_in);
	free(c.notes);
	free(c.block_pages);
	free(c.page_notes);
	free(c.reported);
	free(c.pending);
	free(c.headings);
	stream_end(&c);
	if (rc != 0) {
		free(c.warnings);
		lay_free(o);
		return rc;
	}
	if (!stream)
		fit_pages(o);
	/* hand the warnings over to the arena so the result owns them */
	out->warnings = arena_memdup(o->arena, c.warnings, (size_t)c.nwarnings,
	                             sizeof *c.warnings);
	out->nwarnings = out->warnings ? c.nwarnings : 0;
	free(c.warnings);
	out->doc = o;
	return 0;
}

int lay_document(const doc_document *d, lay_fonts *fonts, int max_pages, lay_result *out,
                 char *err, size_t errsize)
{
	return lay_run(d, fonts, max_pages, NULL, out, err, errsize);
}

int lay_document_stream(const doc_document *d, lay_fonts *fonts, int max_pages,
                        const lay_stream *stream, lay_result *out, char *err,
                        size_t errsize)
{
	return lay_run(d, fonts, max_pages, stream, out, err, errsize);
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

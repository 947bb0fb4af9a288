/*
 * stream.c -- pages handed to a writer one at a time (lay_document_stream):
 * as soon as a page is finished its items go to the stream's page_done and
 * are freed, with the strings they point to (an arena per page), so that a
 * long document never holds more than a page of items. What can only be
 * known at the end -- the running header and footer ("Page 3 of 12"), the
 * page numbers of the contents, their leaders and links -- is kept back,
 * a few items a page, and handed out at the end through page_late. The
 * audit (audit.c) counts each page before it goes and gives each block
 * its verdict once the pages it is on are all counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

struct stream_state {
	struct arena *page_arena;   /* the current page's strings; at the end, the
	                               late items' */
	int done;                   /* pages handed to page_done so far */
	int pending_from;           /* contents entries before it are on done pages */
	lay_audit *audit;
	bool failed;                /* a callback returned -1 */
	char err[512];
};

bool stream_begin(lay_ctx *c)
{
	struct stream_state *ss = calloc(1, sizeof *ss);
	if (!ss)
		return false;
	c->ss = ss;
	ss->page_arena = arena_new();
	ss->audit = audit_open(c);
	if (!ss->page_arena || !ss->audit)
		return false;
	c->items_arena = ss->page_arena;
	return true;
}

/* Moves the items of page p that furniture.c fills in at the end (the
 * contents entries' numbers, leaders and links: c->pending) out of the
 * page's array, keeping the others in order; returns them in a new array
 * (NULL when there are none or out of memory, said in c->oom), their
 * count in *n, the pending entries pointing into it. */
static lay_item *take_late(lay_ctx *c, lay_page *pg, int p, int *n)
{
	struct stream_state *ss = c->ss;
	*n = 0;
	int from = ss->pending_from;
	while (ss->pending_from < c->npending && c->pending[ss->pending_from].page == p)
		ss->pending_from++;
	int count = ss->pending_from - from;
	if (count == 0)
		return NULL;
	lay_item *late = malloc((size_t)count * 3 * sizeof *late);
	bool *gone = calloc((size_t)pg->nitems, sizeof *gone);
	if (!late || !gone) {
		free(late);
		free(gone);
		c->oom = true;
		return NULL;
	}
	for (int k = from; k < ss->pending_from; k++) {
		struct pending *e = &c->pending[k];
		/* in the order lay_document() draws them: leader, number, link */
		int *slots[3] = {&e->leader_item, &e->item, &e->link_item};
		for (int s = 0; s < 3; s++) {
			if (*slots[s] < 0)
				continue;
			gone[*slots[s]] = true;
			late[*n] = pg->items[*slots[s]];
			*slots[s] = (*n)++;
		}
	}
	int w = 0;
	for (int i = 0; i < pg->nitems; i++)
		if (!gone[i])
			pg->items[w++] = pg->items[i];
	pg->nitems = w;
	free(gone);
	return late;
}

/* Says a callback's failure once and stops the layout. */
static void fail(lay_ctx *c)
{
	c->ss->failed = true;
	if (!c->ss->err[0])
		snprintf(c->ss->err, sizeof c->ss->err, "the writer stopped the layout");
	c->oom = true;      /* stops every loop; stream_failed() says why */
}

void stream_page_done(lay_ctx *c, bool last)
{
	struct stream_state *ss = c->ss;
	if (!ss || ss->failed || c->page != c->out->npages - 1)
		return;
	int p = c->page;
	lay_page *pg = &c->out->pages[p];
	audit_page(c, ss->audit, p);
	/* every block before the one being laid out has all its pages counted */
	audit_blocks(c, ss->audit, last ? c->doc->nblocks : c->block);
	int nlate;
	lay_item *late = take_late(c, pg, p, &nlate);
	if (!c->oom && c->stream->page_done(c->stream->user, c->out, p, pg, ss->err,
	                                    sizeof ss->err) != 0)
		fail(c);
	free(pg->items);
	*pg = (lay_page){.items = late, .nitems = nlate, .cap = nlate};
	ss->done = p + 1;
	arena_free(ss->page_arena);
	ss->page_arena = arena_new();
	if (!ss->page_arena)
		c->oom = true;
	c->items_arena = ss->page_arena ? ss->page_arena : c->arena;
}

void stream_finish(lay_ctx *c)
{
	struct stream_state *ss = c->ss;
	lay_doc *o = c->out;
	for (int p = 0; p < o->npages && !ss->failed && !c->oom; p++) {
		lay_page *pg = &o->pages[p];
		if (pg->nitems > 0 && c->stream->page_late(c->stream->user, o, p, pg, ss->err,
		                                           sizeof ss->err) != 0)
			fail(c);
		free(pg->items);
		*pg = (lay_page){0};
	}
}

bool stream_failed(const lay_ctx *c, char *err, size_t errsize)
{
	if (!c->ss || !c->ss->failed)
		return false;
	snprintf(err, errsize, "%s", c->ss->err);
	return true;
}

void stream_end(lay_ctx *c)
{
	if (!c->ss)
		return;
	audit_close(c, c->ss->audit);
	arena_free(c->ss->page_arena);
	free(c->ss);
	c->ss = NULL;
	c->items_arena = c->arena;
}

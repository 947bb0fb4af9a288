/*
 * furniture.c -- what is drawn once the last page exists: the page numbers
 * of the contents, the running header and footer ("Page 3 of 12") on every
 * page, and an outline entry for a document without headings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"

/* The label of the current level-1 heading of page, as LaTeX's running
 * heads show it: the last one that starts on the page or before it; ""
 * before the first. */
static const char *section_of(const lay_ctx *c, int page)
{
	const doc_document *d = c->doc;
	const char *label = "";
	int k = 0;
	for (int b = 0; b < d->nblocks && k < c->heading_seen; b++) {
		if (d->blocks[b].kind != DOC_HEADING)
			continue;
		if (c->headings[k].page > page)
			break;
		if (d->blocks[b].u.heading.level == 1)
			label = c->heading_labels[k];
		k++;
	}
	return label;
}

/* Replaces {page}, {pages}, {title}, {section}, ... in pattern. */
static char *expand(const lay_ctx *c, const char *pattern, int page)
{
	const doc_meta *m = &c->doc->meta;
	/* two passes: the length, then the text, so nothing is ever cut */
	char *out = NULL;
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !(out = malloc(k + 1)))
			return NULL;
		k = 0;
		for (const char *p = pattern; *p;) {
			const char *val = NULL;
			char num[16];
			size_t skip = 0;
			if (*p == '{') {
				const char *e = strchr(p, '}');
				size_t len = e ? (size_t)(e - p - 1) : 0;
				skip = e ? len + 2 : 0;
#define KEY(s) (len == strlen(s) && strncmp(p + 1, s, len) == 0)
				if (e && KEY("page")) {
					snprintf(num, sizeof num, "%d", page + 1);
					val = num;
				} else if (e && KEY("pages")) {
					snprintf(num, sizeof num, "%d", c->out->npages);
					val = num;
				} else if (e && KEY("title")) {
					val = m->title ? m->title : "";
				} else if (e && KEY("subtitle")) {
					val = m->subtitle ? m->subtitle : "";
				} else if (e && KEY("author")) {
					val = m->author ? m->author : "";
				} else if (e && KEY("date")) {
					val = m->date ? m->date : "";
				} else if (e && KEY("section")) {
					val = section_of(c, page);
				}
#undef KEY
			}
			size_t vl = val ? strlen(val) : 1;
			if (out)
				memcpy(out + k, val ? val : p, vl);
			k += vl;
			p += val ? skip : 1;
		}
	}
	out[k] = '\0';
	return out;
}

static void running(lay_ctx *c, const doc_running *r, int page, float base, float rule_y)
{
	const char *slots[3] = {r->left, r->center, r->right};
	bool any = false;
	for (int i = 0; i < 3; i++) {
		if (!slots[i] || !*slots[i])
			continue;
		char *text = expand(c, slots[i], page);
		if (!text) {
			c->oom = true;
			return;
		}
		int face = fonts_face(c->st->heading_family, 0);
		float w = text_width(c, face, (float)r->size, text);
		float x = i == 0 ? c->left : i == 1 ? c->left + (c->width - w) / 2 : c->right - w;
		text_draw(c, text, c->st->heading_family, 0, (float)r->size, ctx_color(r->color), x,
		          base);
		free(text);
		any = true;
	}
	if (any && r->rule)
		ctx_line(c, c->left, rule_y, c->right, rule_y, 0.4f, ctx_color(r->color));
}

void furniture_finish(lay_ctx *c)
{
	lay_doc *o = c->out;
	/* A document without headings still gets an outline: one entry, its
	 * title (or the script's name), at the top of the first page. */
	const doc_meta *m = &c->doc->meta;
	const char *name = m->title;
	if (!name && m->source_name) {
		const char *slash = strrchr(m->source_name, '/');
		name = slash ? slash + 1 : m->source_name;
	}
	if (o->nmarks == 0 && name && *name) {
		o->marks = malloc(sizeof *o->marks);
		if (!o->marks) {
			c->oom = true;
			return;
		}
		o->marks[0] = (lay_mark){name, 1, 0, c->top};
		o->nmarks = 1;
	}
	for (int i = 0; i < c->npending; i++) {
		struct pending *p = &c->pending[i];
		struct heading_place *h = &c->headings[p->heading];
		lay_item *num = &o->pages[p->page].items[p->item];
		char buf[16];
		snprintf(buf, sizeof buf, "%d", h->page + 1);
		float w = text_width(c, num->u.text.face, num->u.text.size, buf);
		num->x = p->right - w;
		num->w = w;
		num->u.text.str = ctx_strndup(c, buf, strlen(buf));
		num->u.text.len = (int)strlen(buf);
		if (p->leader_item >= 0) {
			lay_item *dots = &o->pages[p->page].items[p->leader_item];
			float end = num->x - 3;
			if (end - dots->x >= 5)
				dots->u.line.x2 = end;
			else            /* no room: nothing drawn */
				*dots = (lay_item){.kind = LAY_RECT, .x = dots->x, .y = dots->y,
				                   .block = dots->block, .role = dots->role};
		}
		lay_item *link = &o->pages[p->page].items[p->link_item];
		link->u.link.page = h->page;
		link->u.link.top = h->top;
	}
	/* Header and footer are drawn last, on every page. */
	const doc_style *s = c->st;
	for (int pg = 0; pg < o->npages; pg++) {
		if (pg == 0 && s->title_page && s->title_block)
			continue;       /* a cover has no running header or footer */
		c->page = pg;
		float hb = (float)(s->page_height - s->margin_top * 0.55);
		running(c, &s->header, pg, hb, hb - 4);
		float fb = (float)(s->margin_bottom * 0.45);
		running(c, &s->footer, pg, fb, fb + (float)s->footer.size + 3);
	}
}


/*
 * sourcelist.c -- at save, what the document shows of its provenance: each
 * list of sources filled with the sources numbered so far, in words, and
 * each table of contents credited with the records of its headings.
 */
#include "script/sourcelist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"
};

/* An ISO date of the dataset ("2024-04-04", "2021-07", "2018") in words, as
 * the templates write dates in the body: "4 April 2024", "July 2021",
 * "2018"; with korean, "2024년 4월 4일", "2021년 7월", "2018년". Anything
 * else is copied as it is. Writes at most size bytes, NUL included. */
static void sourcelist_date(const char *iso, bool korean, char *out, size_t size)
{
	int y = 0, m = 0, d = 0;
	char tail;
	int n = sscanf(iso ? iso : "", "%4d-%2d-%2d%c", &y, &m, &d, &tail);
	size_t len = iso ? strlen(iso) : 0;
	bool ok = (n == 1 && len == 4) || (n == 2 && len == 7 && m >= 1 && m <= 12) ||
	          (n == 3 && len == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	if (!ok)
		snprintf(out, size, "%s", iso ? iso : "");
	else if (korean && n == 1)
		snprintf(out, size, "%d\xEB\x85\x84", y);                              /* 년 */
	else if (korean && n == 2)
		snprintf(out, size, "%d\xEB\x85\x84 %d\xEC\x9B\x94", y, m);            /* 월 */
	else if (korean)
		snprintf(out, size, "%d\xEB\x85\x84 %d\xEC\x9B\x94 %d\xEC\x9D\xBC", y, m, d);  /* 일 */
	else if (n == 1)
		snprintf(out, size, "%d", y);
	else if (n == 2)
		snprintf(out, size, "%s %d", months[m - 1], y);
	else
		snprintf(out, size, "%d %s %d", d, months[m - 1], y);
}

static bool inferred_date(const ds_record *src)
{
	const ds_value *v = ds_get(src, "inferred");
	for (int i = 0; v && v->type == DS_LIST && i < v->as.list.count; i++)
		if (strcmp(v->as.list.items[i], "date") == 0)
			return true;
	return false;
}

static const char *field(const ds_record *r, const char *name)
{
	const ds_value *v = ds_get(r, name);
	return v && v->type == DS_STRING ? v->as.str : "";
}

/* "*Title.* Publisher, 4 April 2024." as two spans (no markup is parsed:
 * a title may hold asterisks). */
static bool source_entry(doc_document *d, const ds_record *src, bool korean, doc_text *t)
{
	char date[64];
	sourcelist_date(field(src, "date"), korean, date, sizeof date);
	const char *title = field(src, "title"), *publisher = field(src, "publisher");
	const char *inferred = !inferred_date(src) ? ""
	                       : korean ? " (\xEB\x82\xA0\xEC\xA7\x9C \xEC\xB6\x94\xEC\xA0\x95)"
	                       : " (date inferred)";                    /* (날짜 추정) */
	size_t nt = strlen(title) + 2, nr = strlen(publisher) + strlen(date) + strlen(inferred) + 8;
	doc_span *sp = arena_alloc(d->arena, 2 * sizeof *sp);
	char *a = arena_alloc(d->arena, nt), *b = arena_alloc(d->arena, nr);
	if (!sp || !a || !b)
		return false;
	/* no second period after a title that ends in one */
	size_t tl = strlen(title);
	snprintf(a, nt, "%s%s", title, tl && strchr(".?!", title[tl - 1]) ? "" : ".");
	snprintf(b, nr, " %s, %s%s.", publisher, date, inferred);
	sp[0] = (doc_span){.text = a, .style = DOC_ITALIC};
	sp[1] = (doc_span){.text = b};
	*t = (doc_text){sp, 2};
	return true;
}

/* Fills the list of sources b with d's sources, and credits it with them
 * (each shown by its title). */
static bool fill_list(prov_run *p, doc_document *d, doc_block *b)
{
	bool korean = d->meta.lang && strcmp(d->meta.lang, "ko") == 0;
	doc_list l = {.sources = true, .ordered = d->nsources > 0};
	l.items = arena_alloc(d->arena, (size_t)(d->nsources ? d->nsources : 1) * sizeof *l.items);
	if (!l.items)
		return false;
	if (d->nsources == 0) {
		static const char none_en[] = "No records of the dataset were used.";
		static const char none_ko[] =     /* 데이터셋의 기록을 사용하지 않았습니다. */
			"\xEB\x8D\xB0\xEC\x9D\xB4\xED\x84\xB0\xEC\x85\x8B\xEC\x9D\x98 "
			"\xEA\xB8\xB0\xEB\xA1\x9D\xEC\x9D\x84 \xEC\x82\xAC\xEC\x9A\xA9\xED\x95\x98\xEC\xA7\x80 "
			"\xEC\x95\x8A\xEC\x95\x98\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4.";
		bool ok;
		l.items[0].text = doc_plain_text(d, korean ? none_ko : none_en, &ok);
		if (!ok)
			return false;
		l.items[0].text.spans[0].style = DOC_ITALIC;
		l.nitems = 1;
	}
	doc_shown *shown = arena_alloc(d->arena, (size_t)(d->nsources ? d->nsources : 1) *
	                               sizeof *shown);
	if (!shown)
		return false;
	for (int i = 0; i < d->nsources; i++) {
		const ds_record *src = prov_record(p, d->sources[i]);
		if (!src || !source_entry(d, src, korean, &l.items[l.nitems++].text))
			return false;
		shown[i] = (doc_shown){d->sources[i], l.items[i].text.spans[0].text};
	}
	b->u.list = l;
	return doc_records_set(d, shown, d->nsources, &b->records);
}

bool sourcelist_fill(prov_run *p, doc_document *d)
{
	if (!p)
		return true;
	/* a table of contents shows its headings: their records, by their texts */
	int n = 0;
	for (int b = 0; b < d->nblocks; b++)
		if (d->blocks[b].kind == DOC_HEADING)
			n += d->blocks[b].records.nshown;
	doc_shown *heads = malloc((size_t)(n ? n : 1) * sizeof *heads);
	if (!heads)
		return false;
	n = 0;
	for (int b = 0; b < d->nblocks; b++)
		for (int i = 0; d->blocks[b].kind == DOC_HEADING && i < d->blocks[b].records.nshown; i++)
			heads[n++] = d->blocks[b].records.shown[i];
	bool ok = true;
	for (int b = 0; b < d->nblocks && ok; b++) {
		doc_block *bl = &d->blocks[b];
		if (bl->kind == DOC_CONTENTS)
			ok = doc_records_set(d, heads, n, &bl->records);
		else if (bl->kind == DOC_LIST && bl->u.list.sources)
			ok = fill_list(p, d, bl);
	}
	free(heads);
	return ok;
}

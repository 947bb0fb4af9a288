/*
 * sidecar.c -- the records on each page, as JSON.
 */
#include "output/sidecar.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/escape.h"

/* ---- texts as drawn ------------------------------------------------------------ */

/* A growing string; oom once a growth failed. */
typedef struct text_buf { char *s; size_t n, cap; bool oom; } text_buf;

/* Appends s[0..n) to b without the characters line breaking moves or drops
 * (spaces, no-break spaces, soft hyphens, zero-width spaces), so that a
 * text matches however it was broken into lines and runs. */
static void squeeze_into(text_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = true;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xA0 ||
		                               (unsigned char)s[i + 1] == 0xAD)) {
			i++;
			continue;
		}
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x8B || (unsigned char)s[i + 2] == 0xAF)) {
			i += 2;
			continue;
		}
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
		    (unsigned char)s[i + 2] == 0xBF) {
			i += 2;
			continue;
		}
		b->s[b->n++] = (char)c;
	}
	b->s[b->n] = '\0';
}

/* The text block b draws on page pg, as extracted text has it (a word
 * broken with a hyphen stands whole in its first part), squeezed. */
static void drawn_text(const lay_page *pg, int b, text_buf *out)
{
	out->n = 0;
	squeeze_into(out, "", 0);
	for (int i = 0; i < pg->nitems; i++) {
		const lay_item *it = &pg->items[i];
		if (it->block != b || it->kind != LAY_TEXT)
			continue;
		if (it->u.text.actual)
			squeeze_into(out, it->u.text.actual, (size_t)it->u.text.actual_len);
		else
			squeeze_into(out, it->u.text.str, (size_t)it->u.text.len);
	}
}

/* Is the squeezed text e on a page whose squeezed text of the block is t:
 * whole, or split by the page break (its first 3 bytes or more end the
 * page, or its last 3 or more start it)? */
static bool drawn_on(const char *t, size_t tn, const char *e, size_t en)
{
	if (en == 0)
		return false;
	if (memmem(t, tn, e, en))
		return true;
	for (size_t k = en - 1; k >= 3 && k > 0; k--) {
		if (k <= tn && memcmp(t + tn - k, e, k) == 0)
			return true;
		if (k <= tn && memcmp(t, e + en - k, k) == 0)
			return true;
		if (en - k > 64)        /* a split keeps most of it on one side */
			break;
	}
	return false;
}

/* ---- which records are on which page ------------------------------------------ */

/* Serials per page, for the blocks that span pages. */
typedef struct page_marks { int *s; int n, cap; } page_marks;

static bool page_mark(page_marks *pm, int serial)
{
	if (pm->n == pm->cap) {
		int cap = pm->cap ? pm->cap * 2 : 16;
		int *s = realloc(pm->s, (size_t)cap * sizeof *s);
		if (!s)
			return false;
		pm->s = s;
		pm->cap = cap;
	}
	pm->s[pm->n++] = serial;
	return true;
}

/* The most text comparisons spent on one block split over pages: past it,
 * each text is looked for from the page where the last was found. */
#define SPLIT_BUDGET 200000

static int by_text(const void *a, const void *b, void *shown)
{
	const doc_shown *x = (const doc_shown *)shown + *(const int *)a;
	const doc_shown *y = (const doc_shown *)shown + *(const int *)b;
	return strcmp(x->text ? x->text : "", y->text ? y->text : "");
}

/* For each pair of r, is its text shown by other records of the block too
 * (a "fund" in the kind column of many rows)? NULL when out of memory. */
static bool *shared_texts(const doc_records *r)
{
	int n = r->nshown;
	int *order = malloc((size_t)(n ? n : 1) * sizeof *order);
	bool *shared = calloc((size_t)(n ? n : 1), sizeof *shared);
	if (!order || !shared) {
		free(order);
		free(shared);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, (size_t)n, sizeof *order, by_text, (void *)r->shown);
	for (int i = 0; i < n;) {
		int j = i + 1;
		bool several = false;
		while (j < n && by_text(&order[i], &order[j], (void *)r->shown) == 0) {
			several = several || r->shown[order[j]].serial != r->shown[order[i]].serial;
			j++;
		}
		for (int k = i; k < j; k++)
			shared[order[k]] = several;
		i = j;
	}
	free(order);
	return shared;
}

/* For a block b drawn on pages first..last: each record goes to the pages
 * where a text that showed it is drawn -- its own texts when it has some,
 * else those it shares with other records of the block -- or, when none of
 * its texts is found (a character replaced, a value the engine writes in
 * words: a timeline's date), to all of them; a record shown by no text, to
 * all. */
static bool split_block(const lay_doc *o, const doc_records *r, int b, int first, int last,
                        int nnames, page_marks *marks)
{
	int np = last - first + 1;
	text_buf *pages = calloc((size_t)np, sizeof *pages), e = {0};
	bool *shared = shared_texts(r);
	bool *own = calloc((size_t)(nnames > 0 ? nnames : 1), sizeof *own);
	/* found: a text of the record was found on some page */
	bool *found_any = calloc((size_t)(nnames > 0 ? nnames : 1), sizeof *found_any);
	bool ok = pages && shared && own && found_any;
	for (int q = 0; ok && q < np; q++) {
		drawn_text(&o->pages[first + q], b, &pages[q]);
		ok = !pages[q].oom;
	}
	for (int i = 0; ok && i < r->nshown; i++)
		if (!shared[i] && r->shown[i].serial >= 0 && r->shown[i].serial < nnames)
			own[r->shown[i].serial] = true;
	bool brute = (long long)r->nshown * np <= SPLIT_BUDGET;
	int cursor = 0;
	for (int i = 0; ok && i < r->nshown; i++) {
		const doc_shown *sh = &r->shown[i];
		if (shared[i] && sh->serial >= 0 && sh->serial < nnames && own[sh->serial])
			continue;
		e.n = 0;
		if (sh->text)
			squeeze_into(&e, sh->text, strlen(sh->text));
		else
			squeeze_into(&e, "", 0);
		ok = !e.oom;
		bool found = false;
		for (int k = 0; ok && k < np && e.n > 0; k++) {
			int q = brute ? k : (cursor + k) % np;
			if (drawn_on(pages[q].s, pages[q].n, e.s, e.n)) {
				found = true;
				if (sh->serial >= 0 && sh->serial < nnames)
					found_any[sh->serial] = true;
				ok = page_mark(&marks[first + q], sh->serial);
				cursor = q;
				if (!brute)
					break;
			}
		}
		(void)found;
	}
	/* a record none of whose texts was found goes to every page */
	for (int i = 0; ok && i < r->nshown; i++) {
		int s = r->shown[i].serial;
		bool known = s >= 0 && s < nnames;
		if (known && found_any[s])
			continue;
		for (int q = 0; ok && q < np; q++)
			ok = page_mark(&marks[first + q], s);
		if (known)
			found_any[s] = true;    /* marked once */
	}
	for (int q = 0; pages && q < np; q++)
		free(pages[q].s);
	free(pages);
	free(shared);
	free(own);
	free(found_any);
	free(e.s);
	return ok;
}

static void mark(bool *on, int nnames, const doc_records *r)
{
	for (int i = 0; i < r->n; i++)
		if (r->serials[i] >= 0 && r->serials[i] < nnames)
			on[r->serials[i]] = true;
}

/* The fields of the title block the running header or footer shows. */
static int furniture_fields(const doc_document *d, const char **fields, bool *section)
{
	const doc_style *s = &d->style;
	const char *slots[6] = {s->header.left, s->header.center, s->header.right,
	                        s->footer.left, s->footer.center, s->footer.right};
	const char *keys[4] = {"{title}", "{subtitle}", "{author}", "{date}"};
	const char *vals[4] = {d->meta.title, d->meta.subtitle, d->meta.author, d->meta.date};
	int n = 0;
	*section = false;
	for (int k = 0; k < 4; k++) {
		bool shown = false;
		for (int i = 0; i < 6 && !shown; i++)
			shown = slots[i] && strstr(slots[i], keys[k]);
		if (shown && vals[k])
			fields[n++] = vals[k];
	}
	for (int i = 0; i < 6; i++)
		*section = *section || (slots[i] && strstr(slots[i], "{section}"));
	return n;
}

/* Marks the title block's records whose text is in one of the fields. */
static bool mark_fields(bool *on, int nnames, const doc_records *r, const char **fields,
                        int nfields)
{
	text_buf f = {0}, e = {0};
	for (int k = 0; k < nfields; k++) {
		f.n = 0;
		squeeze_into(&f, fields[k], strlen(fields[k]));
		for (int i = 0; i < r->nshown && !f.oom; i++) {
			const doc_shown *sh = &r->shown[i];
			e.n = 0;
			squeeze_into(&e, sh->text ? sh->text : "", sh->text ? strlen(sh->text) : 0);
			if (!e.oom && sh->serial >= 0 && sh->serial < nnames &&
			    (!sh->text || (e.n > 0 && memmem(f.s, f.n, e.s, e.n))))
				on[sh->serial] = true;
		}
	}
	bool ok = !f.oom && !e.oom;
	free(f.s);
	free(e.s);
	return ok;
}

char *sidecar_document(const lay_doc *o, const doc_document *d, const char *pdf,
                       const char *const *names, const int *order, int nnames)
{
	const char *fields[4];
	bool section;
	int nfields = furniture_fields(d, fields, &section);
	bool *on = calloc((size_t)(nnames > 0 ? nnames : 1), sizeof *on);
	int nb = d->nblocks > 0 ? d->nblocks : 1;
	int *first = malloc((size_t)nb * sizeof *first), *last = malloc((size_t)nb * sizeof *last);
	page_marks *marks = calloc((size_t)(o->npages > 0 ? o->npages : 1), sizeof *marks);
	char *out = NULL;
	size_t outlen = 0;
	bool ok = on && first && last && marks;
	FILE *f = ok ? open_memstream(&out, &outlen) : NULL;
	ok = f != NULL;
	/* the pages each block is drawn on */
	for (int b = 0; ok && b < d->nblocks; b++)
		first[b] = last[b] = -1;
	for (int p = 0; ok && p < o->npages; p++)
		for (int i = 0; i < o->pages[p].nitems; i++) {
			int b = o->pages[p].items[i].block;
			if (b < 0 || b >= d->nblocks)
				continue;
			if (first[b] < 0)
				first[b] = p;
			last[b] = p;
		}
	for (int b = 0; ok && b < d->nblocks; b++)
		if (first[b] >= 0 && last[b] > first[b])
			ok = split_block(o, &d->blocks[b].records, b, first[b], last[b], nnames, marks);
	if (ok) {
		fputs("{\"pdf\": ", f);
		escape_json(f, pdf);
		fputs(", \"pages\": [", f);
	}
	for (int p = 0; ok && p < o->npages; p++) {
		memset(on, 0, (size_t)nnames * sizeof *on);
		const lay_page *pg = &o->pages[p];
		bool title = false;
		int marked = -1;            /* a block's items mostly come together */
		for (int i = 0; i < pg->nitems; i++) {
			const lay_item *it = &pg->items[i];
			int b = it->block;
			if (b >= 0 && b < d->nblocks && first[b] == last[b] && b != marked)
				mark(on, nnames, &d->blocks[b].records);
			else if (b < 0 && it->role == LAY_ROLE_TITLE)
				title = true;
			marked = b >= 0 ? b : marked;
		}
		for (int i = 0; i < marks[p].n; i++)
			if (marks[p].s[i] >= 0 && marks[p].s[i] < nnames)
				on[marks[p].s[i]] = true;
		if (title)
			mark(on, nnames, &d->title_records);
		ok = mark_fields(on, nnames, &d->title_records, fields, nfields);
		int current = -1;           /* the level-1 heading in force, as furniture.c has it */
		for (int b = 0; section && b < d->nblocks; b++)
			if (d->blocks[b].kind == DOC_HEADING && d->blocks[b].u.heading.level == 1 &&
			    first[b] >= 0 && first[b] <= p)
				current = b;
		if (current >= 0)
			mark(on, nnames, &d->blocks[current].records);
		fprintf(f, "%s\n  {\"page\": %d, \"records\": [", p ? "," : "", p + 1);
		bool any = false;
		for (int k = 0; k < nnames; k++) {
			int s = order[k];
			if (s >= 0 && s < nnames && on[s] && names[s]) {
				fputs(any ? ", " : "", f);
				escape_json(f, names[s]);
				any = true;
			}
		}
		fputs("]}", f);
	}
	if (ok) {
		fputs("],\n \"sources\": [", f);
		for (int i = 0; i < d->nsources; i++) {
			int s = d->sources[i];
			fprintf(f, "%s{\"number\": %d, \"record\": ", i ? ", " : "", i + 1);
			escape_json(f, s >= 0 && s < nnames && names[s] ? names[s] : "");
			fputs("}", f);
		}
		fputs("]}", f);
	}
	if (f) {
		ok = ok && fflush(f) == 0 && !ferror(f);
		fclose(f);
	}
	for (int p = 0; marks && p < o->npages; p++)
		free(marks[p].s);
	free(marks);
	free(on);
	free(first);
	free(last);
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}

save_status sidecar_write(const char *dir, const char *const *docs, int ndocs, char *temp,
                          size_t tempsize, char *err, size_t errsize)
{
	char path[4096 + 32];
	snprintf(path, sizeof path, "%s/brief-XXXXXX", dir);
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		snprintf(err, errsize, "cannot make a temporary file in %s: %s", dir, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return SAVE_OUTPUT;
	}
	fputs("{\"documents\": [\n", f);
	for (int i = 0; i < ndocs; i++)
		fprintf(f, "%s%s", i ? ",\n" : "", docs[i]);
	fputs("\n]}\n", f);
	int e = 0;
	if (fflush(f) != 0 || ferror(f))
		e = errno ? errno : EIO;
	if (fclose(f) != 0 && !e)
		e = errno;
	if (e) {
		unlink(path);
		snprintf(err, errsize, "%s", strerror(e));
		return SAVE_OUTPUT;
	}
	snprintf(temp, tempsize, "%s", strrchr(path, '/') + 1);
	return SAVE_OK;
}

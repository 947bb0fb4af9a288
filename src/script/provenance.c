/*
 * provenance.c -- remembered texts and their records, found again in the
 * blocks of a document. See provenance.h for the rule.
 *
 * Two hash tables index the remembered texts: by the whole text (a string
 * made from remembered arguments, a part that is exactly a value) and by
 * the first token of the text (to find texts inside a block's text: at
 * each token of the block, the texts that start with that token are
 * compared). A third table counts, once per run, how many records of the
 * dataset have each value, so that shared values (kinds, years, places)
 * are only trusted as whole parts.
 */
#include "script/provenance.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* The most records one text stands for when several make it in a row. */
#define PROV_MAX_SAME 256

/* ---- texts and tokens ----------------------------------------------------------- */

enum { C_SPACE, C_MARK, C_WORD, C_HANGUL };

/* Letters and digits make words; Hangul makes words of its own (so "ASEAN과"
 * holds the word ASEAN); punctuation and symbols stand alone. */
static int char_class(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF)
		return C_SPACE;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
		       ? C_WORD : C_MARK;
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F))
		return C_HANGUL;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x200C && cp <= 0x2BFF) ||
	    (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20))
		return C_MARK;
	return C_WORD;
}

/* The token at s[i..n): a run of word characters of one class, or one other
 * character. Returns its length and stores its class. */
static size_t token_at(const char *s, size_t n, size_t i, int *cls)
{
	uint32_t cp;
	size_t k = utf8_decode(s + i, n - i, &cp);
	*cls = char_class(cp);
	if (*cls != C_WORD && *cls != C_HANGUL)
		return k;
	size_t j = i + k;
	while (j < n) {
		size_t m = utf8_decode(s + j, n - j, &cp);
		if (char_class(cp) != *cls)
			break;
		j += m;
	}
	return j - i;
}

/* The class of the last character of s[0..n), n >= 1. */
static int last_class(const char *s, size_t n)
{
	size_t i = n - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	utf8_decode(s + i, n - i, &cp);
	return char_class(cp);
}

/* Does a text whose last character has class cls end at s[j] as a whole
 * word (not in the middle of one)? */
static bool ends_word(const char *s, size_t n, size_t j, int cls)
{
	if (j >= n || (cls != C_WORD && cls != C_HANGUL))
		return true;
	uint32_t cp;
	utf8_decode(s + j, n - j, &cp);
	return char_class(cp) != cls;
}

static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;        /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* ---- the tables ---------------------------------------------------------------- */

/* A remembered text: the records that made it last, and when. */
typedef struct entry {
	struct entry *next;         /* in its slot of by_text */
	struct entry *next_head;    /* in its slot of by_head */
	uint64_t hash, head_hash;
	size_t head_len;            /* bytes of its first token; 0: not found inside text */
	unsigned long long seq;     /* when it was last made */
	int *records;
	int nrecords, caprecords;
	bool common;                /* a value of two or more records of the dataset, or
	                               made from such values only */
	bool marker;                /* a citation marker, "[2]" */
	bool made;                  /* made by the string library (not read as it is):
	                               it may hold pieces whose records it lost (a ..
	                               inside), so texts inside it are still looked for */
	bool words;                 /* two words or more */
	bool digits;                /* holds a digit: a year, a number */
	bool proper;                /* a capital, a digit or a non-ASCII letter: a name,
	                               a title, a date, rather than a phrase */
	int last_class;             /* of its last character */
	size_t len;
	char text[];
} entry;

/* A value of the dataset and how many records have it. */
typedef struct shared {
	struct shared *next;
	uint64_t hash;
	int last;                   /* the last record counted */
	int count;
	size_t len;
	char text[];
} shared;

/* The dataset's side, the same for every run over it (read-only once
 * made): records by serial, their sources and names, and how many records
 * have each value. */
struct prov_index {
	const ds_dataset *ds;
	int nrecords;
	const ds_record **record;   /* by serial */
	int *source;                /* by serial: the serial of its source, -1 if none */
	char **name;                /* by serial: "events:id" */
	int *order;                 /* serials in the order of rel's collections */
	shared **values;
	size_t capvalues;
};

struct prov_run {
	const ds_dataset *ds;
	const prov_index *ix;       /* NULL until needed (index_of) */
	prov_index *own;            /* ix when this run made it */

	entry **by_text, **by_head;
	size_t cap;                 /* slots of each (a power of two) */
	size_t ntexts, bytes;
	unsigned long long seq;     /* counts texts made */
	unsigned long long credited;    /* seq when a block was last credited */
	int quiet;

	doc_shown *found;           /* records a block shows and the texts that show
	                               them, in the order found */
	int nfound, capfound;
	char *flat;                 /* a doc_text as one string */
	size_t capflat;
};

static entry *lookup(const prov_run *p, const char *s, size_t n)
{
	if (!p->cap)
		return NULL;
	uint64_t h = hash_of(s, n);
	for (entry *e = p->by_text[h & (p->cap - 1)]; e; e = e->next)
		if (e->hash == h && e->len == n && memcmp(e->text, s, n) == 0)
			return e;
	return NULL;
}

static bool grow(prov_run *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024;
	entry **bt = calloc(cap, sizeof *bt), **bh = calloc(cap, sizeof *bh);
	if (!bt || !bh) {
		free(bt);
		free(bh);
		return false;
	}
	for (size_t i = 0; i < p->cap; i++) {
		for (entry *e = p->by_text[i], *next; e; e = next) {
			next = e->next;
			e->next = bt[e->hash & (cap - 1)];
			bt[e->hash & (cap - 1)] = e;
		}
		for (entry *e = p->by_head[i], *next; e; e = next) {
			next = e->next_head;
			e->next_head = bh[e->head_hash & (cap - 1)];
			bh[e->head_hash & (cap - 1)] = e;
		}
	}
	free(p->by_text);
	free(p->by_head);
	p->by_text = bt;
	p->by_head = bh;
	p->cap = cap;
	return true;
}

static int shared_count(const prov_index *ix, const char *s, size_t n)
{
	if (!ix->capvalues)
		return 0;
	uint64_t h = hash_of(s, n);
	for (shared *v = ix->values[h & (ix->capvalues - 1)]; v; v = v->next)
		if (v->hash == h && v->len == n && memcmp(v->text, s, n) == 0)
			return v->count;
	return 0;
}

/* A new entry for s, indexed; NULL when out of memory or past the limits. */
static entry *add_entry(prov_run *p, const char *s, size_t n)
{
	if (n == 0 || n > PROV_MAX_TEXT || p->bytes + n > PROV_MAX_BYTES)
		return NULL;
	if ((p->ntexts + 1) * 4 > p->cap * 3 && !grow(p))
		return NULL;
	entry *e = calloc(1, sizeof *e + n + 1);
	if (!e)
		return NULL;
	memcpy(e->text, s, n);
	e->len = n;
	e->hash = hash_of(s, n);
	e->last_class = last_class(s, n);
	int words = 0, cls;
	for (size_t i = 0; i < n;) {
		size_t k = token_at(s, n, i, &cls);
		if (i == 0 && cls != C_SPACE)
			e->head_len = k;
		words += cls == C_WORD || cls == C_HANGUL;
		i += k;
	}
	e->words = words >= 2;
	for (size_t i = 0; i < n; i++) {
		e->digits = e->digits || (s[i] >= '0' && s[i] <= '9');
		e->proper = e->proper || (s[i] >= 'A' && s[i] <= 'Z') || (unsigned char)s[i] >= 0x80;
	}
	e->proper = e->proper || e->digits;
	e->next = p->by_text[e->hash & (p->cap - 1)];
	p->by_text[e->hash & (p->cap - 1)] = e;
	if (e->head_len) {
		e->head_hash = hash_of(s, e->head_len);
		e->next_head = p->by_head[e->head_hash & (p->cap - 1)];
		p->by_head[e->head_hash & (p->cap - 1)] = e;
	}
	p->ntexts++;
	p->bytes += n + sizeof *e;
	return e;
}

/* Remembers s as made now by the n records; common: from a value several
 * records share (or texts made from such values only); made: by the string
 * library. Records that make the same text before the next block is
 * credited add up (a table of events that share a date: each row's "2009"
 * is any of them); a later one replaces them. */
static void remember(prov_run *p, const char *s, size_t len, const int *records, int n,
                     bool common, bool made)
{
	if (p->quiet || n <= 0)
		return;
	entry *e = lookup(p, s, len);
	if (!e && !(e = add_entry(p, s, len)))
		return;
	bool add = e->nrecords > 0 && e->seq > p->credited;
	int keep = add ? e->nrecords : 0;
	if (keep + n > e->caprecords) {
		int cap = keep + n;
		size_t more = (size_t)(cap - e->caprecords) * sizeof *e->records;
		int *r = p->bytes + more <= PROV_MAX_BYTES ? realloc(e->records, (size_t)cap * sizeof *r)
		                                           : NULL;
		if (!r) {
			e->nrecords = 0;    /* it is no longer known who made it */
			return;
		}
		e->records = r;
		e->caprecords = cap;
		p->bytes += more;
	}
	int k = keep;
	for (int i = 0; i < n && k < PROV_MAX_SAME; i++) {
		bool seen = false;
		for (int j = 0; j < keep && !seen; j++)
			seen = e->records[j] == records[i];
		if (!seen)
			e->records[k++] = records[i];
	}
	e->nrecords = k;
	e->common = add ? e->common && common : common;
	e->made = add ? e->made || made : made;
	e->seq = ++p->seq;
}

/* ---- the dataset ---------------------------------------------------------------- */

/* The texts a value is remembered as, one call of fn(user, ...) each. */
typedef void (*text_fn)(void *user, const char *s, size_t n, int serial);

static void value_texts(void *p, const ds_value *v, int serial, text_fn fn)
{
	char num[64];
	switch (v->type) {
	case DS_STRING:
		fn(p, v->as.str, strlen(v->as.str), serial);
		break;
	case DS_INTEGER:
		fn(p, num, (size_t)snprintf(num, sizeof num, "%lld", v->as.integer), serial);
		break;
	case DS_NUMBER:
		/* as lrelations pushes it: a whole number is an integer */
		if (v->as.number == (double)(long long)v->as.number && v->as.number >= -9e15 &&
		    v->as.number <= 9e15)
			snprintf(num, sizeof num, "%lld", (long long)v->as.number);
		else
			snprintf(num, sizeof num, "%.14g", v->as.number);
		fn(p, num, strlen(num), serial);
		break;
	case DS_LIST: {
		size_t total = 0;
		for (int i = 0; i < v->as.list.count; i++) {
			fn(p, v->as.list.items[i], strlen(v->as.list.items[i]), serial);
			total += strlen(v->as.list.items[i]) + 2;
		}
		if (v->as.list.count < 2 || total > PROV_MAX_TEXT)
			break;
		char *joined = malloc(total + 1);       /* tostring(list): "a, b" */
		if (!joined)
			break;
		size_t k = 0;
		for (int i = 0; i < v->as.list.count; i++) {
			size_t m = strlen(v->as.list.items[i]);
			if (i) {
				memcpy(joined + k, ", ", 2);
				k += 2;
			}
			memcpy(joined + k, v->as.list.items[i], m);
			k += m;
		}
		fn(p, joined, k, serial);
		free(joined);
		break;
	}
	case DS_NIL:
	case DS_BOOLEAN:
		break;
	}
}

static void count_value(void *user, const char *s, size_t n, int serial)
{
	prov_index *ix = user;
	uint64_t h = hash_of(s, n);
	shared **slot = &ix->values[h & (ix->capvalues - 1)];
	for (shared *v = *slot; v; v = v->next)
		if (v->hash == h && v->len == n && memcmp(v->text, s, n) == 0) {
			if (v->last != serial)
				v->count++;
			v->last = serial;
			return;
		}
	shared *v = malloc(sizeof *v + n + 1);
	if (!v)
		return;         /* counted as rare: only a weaker guard */
	*v = (shared){*slot, h, serial, 1, n};
	memcpy(v->text, s, n);
	v->text[n] = '\0';
	*slot = v;
}

/* Indexes the dataset of ix: records by serial, their sources and names,
 * and how many records have each value. */
static bool index_dataset(prov_index *ix)
{
	const ds_dataset *ds = ix->ds;
	int n = ix->nrecords = ds_nrecords(ds);
	ix->record = calloc((size_t)(n ? n : 1), sizeof *ix->record);
	ix->source = calloc((size_t)(n ? n : 1), sizeof *ix->source);
	ix->name = calloc((size_t)(n ? n : 1), sizeof *ix->name);
	ix->order = calloc((size_t)(n ? n : 1), sizeof *ix->order);
	size_t nvalues = 0;
	for (int c = 0; c < DS_NCOLLECTIONS; c++) {
		const ds_collection *coll = ds_collection_named(ds, ds_collection_names[c]);
		nvalues += (size_t)coll->nrecords * (size_t)coll->nfields;
	}
	ix->capvalues = 1024;
	while (ix->capvalues < nvalues)
		ix->capvalues *= 2;
	ix->values = calloc(ix->capvalues, sizeof *ix->values);
	if (!ix->record || !ix->source || !ix->name || !ix->order || !ix->values)
		return false;
	int k = 0;
	for (int c = 0; c < DS_NCOLLECTIONS; c++) {
		const ds_collection *coll = ds_collection_named(ds, ds_collection_names[c]);
		for (int i = 0; i < coll->nrecords; i++) {
			const ds_record *r = &coll->records[i];
			ix->record[r->serial] = r;
			ix->order[k++] = r->serial;
			size_t len = strlen(coll->name) + strlen(ds_id(r)) + 2;
			if (!(ix->name[r->serial] = malloc(len)))
				return false;
			snprintf(ix->name[r->serial], len, "%s:%s", coll->name, ds_id(r));
			for (int f = 0; f < coll->nfields; f++)
				value_texts(ix, &r->values[f], r->serial, count_value);
		}
	}
	for (int s = 0; s < n; s++) {
		const char *sid = ds_source_id(ix->record[s]);
		const ds_record *src = sid ? ds_find(ds, "sources", sid) : NULL;
		if (!sid && strcmp(ix->record[s]->collection->name, "sources") == 0)
			src = ix->record[s];        /* a source is its own source */
		ix->source[s] = src ? src->serial : -1;
	}
	return true;
}

prov_index *prov_index_new(const ds_dataset *ds)
{
	prov_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->ds = ds;
	if (!index_dataset(ix)) {
		prov_index_free(ix);
		return NULL;
	}
	return ix;
}

void prov_index_free(prov_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->capvalues; i++)
		for (shared *v = ix->values[i], *next; v; v = next) {
			next = v->next;
			free(v);
		}
	for (int s = 0; ix->name && s < ix->nrecords; s++)
		free(ix->name[s]);
	free(ix->values);
	free(ix->record);
	free(ix->source);
	free(ix->name);
	free(ix->order);
	free(ix);
}

/* The index of p's dataset: the one given to prov_new, or made now, on
 * first need (a script that reads no record never pays for it). NULL when
 * out of memory. */
static const prov_index *index_of(prov_run *p)
{
	if (!p->ix)
		p->ix = p->own = prov_index_new(p->ds);
	return p->ix;
}

prov_run *prov_new(const ds_dataset *ds, const prov_index *ix)
{
	prov_run *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->ds = ds;
	p->ix = ix && ix->ds == ds ? ix : NULL;
	if (!grow(p)) {
		prov_free(p);
		return NULL;
	}
	return p;
}

void prov_free(prov_run *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->cap; i++)
		for (entry *e = p->by_text[i], *next; e; e = next) {
			next = e->next;
			free(e->records);
			free(e);
		}
	prov_index_free(p->own);
	free(p->by_text);
	free(p->by_head);
	free(p->found);
	free(p->flat);
	free(p);
}

const char *prov_name(prov_run *p, int serial)
{
	const prov_index *ix = index_of(p);
	return ix && serial >= 0 && serial < ix->nrecords ? ix->name[serial] : NULL;
}

int prov_nrecords(prov_run *p)
{
	const prov_index *ix = index_of(p);
	return ix ? ix->nrecords : 0;
}

const int *prov_order(prov_run *p)
{
	const prov_index *ix = index_of(p);
	return ix ? ix->order : NULL;
}

const ds_record *prov_record(prov_run *p, int serial)
{
	const prov_index *ix = index_of(p);
	return ix && serial >= 0 && serial < ix->nrecords ? ix->record[serial] : NULL;
}

/* ---- remembering ------------------------------------------------------------------ */

static void read_text(void *user, const char *s, size_t n, int serial)
{
	prov_run *p = user;
	remember(p, s, n, &serial, 1, shared_count(p->ix, s, n) >= 2, false);
}

void prov_read(prov_run *p, const ds_record *r, const ds_value *v)
{
	if (p && !p->quiet && index_of(p))
		value_texts(p, v, r->serial, read_text);
}

bool prov_empty(const prov_run *p)
{
	return p->ntexts == 0;
}

void prov_from_reset(prov_from *f)
{
	f->n = 0;
	f->common = true;
	f->unsure = false;
}

void prov_from_text(const prov_run *p, prov_from *f, const char *s, size_t len)
{
	if (len > PROV_MAX_TEXT || p->ntexts == 0)
		return;
	const entry *e = lookup(p, s, len);
	if (!e || e->nrecords == 0)
		return;
	if (len < 3) {
		f->unsure = true;
		return;
	}
	f->common = f->common && e->common;
	for (int i = 0; i < e->nrecords && f->n < PROV_MAX_FROM; i++) {
		bool seen = false;
		for (int k = 0; k < f->n && !seen; k++)
			seen = f->records[k] == e->records[i];
		if (!seen)
			f->records[f->n++] = e->records[i];
	}
}

void prov_made(prov_run *p, const prov_from *f, const char *s, size_t len)
{
	if (f->n > 0) {
		remember(p, s, len, f->records, f->n, f->common, true);
		return;
	}
	/* made now from texts that carry nothing ("2024" out of os.date): the
	 * latest maker of this text is no record (unless a short argument may
	 * have been one: string.format("%g", 10) leaves "10" as it was) */
	entry *e = p->quiet || f->unsure || p->ntexts == 0 || len > PROV_MAX_TEXT
	           ? NULL : lookup(p, s, len);
	if (e) {
		e->nrecords = 0;
		e->seq = ++p->seq;
	}
}

void prov_quiet(prov_run *p, int delta)
{
	if (p)
		p->quiet += delta;
}

/* ---- finding texts in a block -------------------------------------------------------- */

static bool grow_found(prov_run *p)
{
	int cap = p->capfound * 2 + 16;
	doc_shown *f = realloc(p->found, (size_t)cap * sizeof *f);
	if (!f)
		return false;
	p->found = f;
	p->capfound = cap;
	return true;
}

/* The records of e, shown by its text. */
static bool found_add(prov_run *p, const entry *e)
{
	while (p->nfound + e->nrecords > p->capfound)
		if (!grow_found(p))
			return false;
	for (int i = 0; i < e->nrecords; i++)
		p->found[p->nfound++] = (doc_shown){e->records[i], e->text};
	return true;
}

/* May e count inside a longer text? A name or title of its own (two words
 * or more, with a capital or a digit), always; another text of its own
 * ("149", "Myanmar", "lines of effort"), or a value several records share
 * of two words or more or with a digit ("Kuala Lumpur", "1991"), only when
 * made since the last block credited with records; a word several records
 * share ("summit", "Seoul"), never. */
static bool counts_inside(const prov_run *p, const entry *e)
{
	if (e->nrecords == 0 || e->len < 2)
		return false;
	if (e->marker)
		return true;
	bool recent = e->seq > p->credited;
	if (!e->common)
		return (e->words && e->proper) || recent;
	return recent && (e->words || e->digits);
}

/* Adds to p->found the records of the texts s[0..n) shows. */
static bool scan(prov_run *p, const char *s, size_t n)
{
	while (n > 0 && char_class((unsigned char)s[n - 1]) == C_SPACE && (unsigned char)s[n - 1] < 0x80)
		n--;
	while (n > 0 && char_class((unsigned char)*s) == C_SPACE && (unsigned char)*s < 0x80) {
		s++;
		n--;
	}
	if (n == 0 || p->ntexts == 0)
		return true;
	const entry *whole = n <= PROV_MAX_TEXT ? lookup(p, s, n) : NULL;
	if (whole && whole->len >= 2 && whole->nrecords > 0) {
		if (!found_add(p, whole))
			return false;
		if (!whole->made)
			return true;
	}
	for (size_t i = 0; i < n;) {
		int cls;
		size_t k = token_at(s, n, i, &cls);
		if (cls == C_SPACE) {
			i += k;
			continue;
		}
		uint64_t h = hash_of(s + i, k);
		const entry *best = NULL;
		for (const entry *e = p->by_head[h & (p->cap - 1)]; e; e = e->next_head)
			if (e->head_hash == h && e->head_len == k && e->len <= n - i &&
			    (!best || e->len > best->len) && memcmp(e->text, s + i, e->len) == 0 &&
			    ends_word(s, n, i + e->len, e->last_class) && counts_inside(p, e))
				best = e;
		if (best && !(best == whole && i == 0) && !found_add(p, best))
			return false;
		i += best && !best->made ? best->len : k;
	}
	return true;
}

static bool scan_string(prov_run *p, const char *s)
{
	return !s || scan(p, s, strlen(s));
}

/* A doc_text as one string (its spans in order), then each of its notes. */
static bool scan_text(prov_run *p, const doc_text *t)
{
	size_t n = 0;
	for (int i = 0; i < t->nspans; i++)
		n += strlen(t->spans[i].text);
	if (n + 1 > p->capflat) {
		char *f = realloc(p->flat, n + 1);
		if (!f)
			return false;
		p->flat = f;
		p->capflat = n + 1;
	}
	n = 0;
	for (int i = 0; i < t->nspans; i++) {
		size_t k = strlen(t->spans[i].text);
		memcpy(p->flat + n, t->spans[i].text, k);
		n += k;
	}
	if (!scan(p, p->flat, n))
		return false;
	for (int i = 0; i < t->nspans; i++)
		if (t->spans[i].note && !scan_text(p, t->spans[i].note))
			return false;
	return true;
}

static bool scan_list(prov_run *p, const doc_list *l)
{
	for (int i = 0; i < l->nitems; i++)
		if (!scan_text(p, &l->items[i].text) ||
		    (l->items[i].sublist && !scan_list(p, l->items[i].sublist)))
			return false;
	return true;
}

/* A chart's value, written as a script's number would be. */
static bool scan_number(prov_run *p, double v)
{
	char num[64];
	if (v != v)
		return true;
	if (v == (double)(long long)v && v >= -9e15 && v <= 9e15)
		snprintf(num, sizeof num, "%lld", (long long)v);
	else
		snprintf(num, sizeof num, "%.14g", v);
	return scan(p, num, strlen(num));
}

static bool scan_block(prov_run *p, const doc_block *b)
{
	bool ok = true;
	switch (b->kind) {
	case DOC_HEADING:
		return scan_text(p, &b->u.heading.text);
	case DOC_PARAGRAPH:
		return scan_text(p, &b->u.paragraph.text);
	case DOC_LIST:
		return b->u.list.sources || scan_list(p, &b->u.list);
	case DOC_TABLE: {
		const doc_table *t = &b->u.table;
		for (int j = 0; j < t->ncols && ok; j++)
			ok = scan_text(p, &t->cols[j].title);
		for (size_t k = 0; k < (size_t)t->nrows * (size_t)t->ncols && ok; k++)
			ok = scan_text(p, &t->cells[k]);
		return ok && scan_text(p, &t->caption);
	}
	case DOC_CHART: {
		const doc_chart *c = &b->u.chart;
		ok = scan_string(p, c->title) && scan_string(p, c->unit);
		for (int j = 0; j < c->nlabels && ok; j++)
			ok = scan_string(p, c->labels[j]);
		for (int i = 0; i < c->nseries && ok; i++) {
			ok = scan_string(p, c->series[i].name);
			for (int j = 0; j < c->nlabels && ok; j++)
				ok = scan_number(p, c->series[i].values[j]);
		}
		return ok;
	}
	case DOC_TIMELINE: {
		const doc_timeline *t = &b->u.timeline;
		ok = scan_string(p, t->title);
		for (int i = 0; i < t->nentries && ok; i++)
			ok = scan_string(p, t->entries[i].date) && scan_text(p, &t->entries[i].label);
		return ok;
	}
	case DOC_IMAGE:
		return scan_string(p, b->u.image.caption);
	case DOC_CONTENTS:
	case DOC_PAGE_BREAK:
		return true;
	}
	return true;
}

/* Stores what was found in *out and numbers its sources in d. */
static bool credit_found(prov_run *p, doc_document *d, doc_records *out)
{
	const prov_index *ix = p->nfound > 0 ? index_of(p) : NULL;
	if (p->nfound > 0 && !ix)
		return false;
	for (int i = 0; i < p->nfound; i++) {
		int s = p->found[i].serial;
		if (s >= 0 && s < ix->nrecords && ix->source[s] >= 0 &&
		    !doc_source_number(d, ix->source[s]))
			return false;
	}
	if (!doc_records_set(d, p->found, p->nfound, out))
		return false;
	if (p->nfound > 0)
		p->credited = p->seq;
	p->nfound = 0;
	return true;
}

bool prov_credit(prov_run *p, doc_document *d, int from)
{
	for (int b = from < 0 ? 0 : from; p && b < d->nblocks; b++) {
		p->nfound = 0;
		if (!scan_block(p, &d->blocks[b]) || !credit_found(p, d, &d->blocks[b].records))
			return false;
	}
	return true;
}

bool prov_credit_title(prov_run *p, doc_document *d)
{
	if (!p)
		return true;
	p->nfound = 0;
	const doc_meta *m = &d->meta;
	return scan_string(p, m->title) && scan_string(p, m->subtitle) &&
	       scan_string(p, m->author) && scan_string(p, m->date) &&
	       credit_found(p, d, &d->title_records);
}

int prov_cite(prov_run *p, doc_document *d, const ds_record *r, char *marker, size_t size)
{
	const prov_index *ix = index_of(p);
	int src = ix ? ix->source[r->serial] : -1;
	int n = src >= 0 ? doc_source_number(d, src) : 0;
	if (n == 0)
		return 0;
	snprintf(marker, size, "[%d]", n);
	int quiet = p->quiet;       /* a citation is never a query's read */
	p->quiet = 0;
	remember(p, marker, strlen(marker), &r->serial, 1, false, false);
	p->quiet = quiet;
	entry *e = lookup(p, marker, strlen(marker));
	if (e)
		e->marker = true;
	return n;
}

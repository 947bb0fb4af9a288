/*
 * dataset.c -- loading the dataset: one CSV file per collection, parsed with
 * libcsv, every field checked against the schema (schema.c), then references
 * between files resolved and each collection sorted by date.
 *
 * The first fault stops the load with a message naming the file, the line
 * and the column; nothing half-loaded is ever handed out.
 */
#include "data/dataset.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/schema.h"
#include "util/arena.h"
#include "util/path.h"
#include "util/utf8.h"

static const char *csv_name(const column *c)
{
	return c->csv ? c->csv : c->name;
}

/* ---- the dataset ------------------------------------------------------------ */

struct ds_dataset {
	arena *arena;
	ds_collection colls[DS_NCOLLECTIONS];   /* in ds_schemas[] order */
	const column *cols[DS_NCOLLECTIONS];
	int nrecords;
	char version[17];       /* ds_version(): 16 hex digits */
};

/* State of one file's parse: rows of raw fields as libcsv delivers them. */
typedef struct rawrow {
	int line;
	int nfields;
	char **fields;
} rawrow;

typedef struct parse {
	arena *arena;
	const char *path;
	int line;               /* line being fed to libcsv */
	int row_line;           /* line the current row started on, 0 = none yet */
	char **cur;             /* fields of the current row */
	int ncur, capcur;
	rawrow *rows;
	int nrows, caprows;
	bool oom;
} parse;

static void on_field(void *s, size_t len, void *data)
{
	parse *p = data;
	if (p->row_line == 0)
		p->row_line = p->line;
	if (p->ncur == p->capcur) {
		int cap = p->capcur ? p->capcur * 2 : 16;
		char **f = arena_alloc(p->arena, (size_t)cap * sizeof *f);
		if (!f) {
			p->oom = true;
			return;
		}
		if (p->ncur)
			memcpy(f, p->cur, (size_t)p->ncur * sizeof *f);
		p->cur = f;
		p->capcur = cap;
	}
	char *copy = arena_strndup(p->arena, s ? s : "", s ? len : 0);
	if (!copy)
		p->oom = true;
	p->cur[p->ncur++] = copy;
}

static void on_row(int c, void *data)
{
	(void)c;
	parse *p = data;
	if (p->nrows == p->caprows) {
		int cap = p->caprows ? p->caprows * 2 : 64;
		rawrow *r = realloc(p->rows, (size_t)cap * sizeof *r);
		if (!r) {
			p->oom = true;
			return;
		}
		p->rows = r;
		p->caprows = cap;
	}
	p->rows[p->nrows++] = (rawrow){p->row_line ? p->row_line : p->line, p->ncur,
	                               p->cur};
	p->cur = NULL;
	p->ncur = p->capcur = 0;
	p->row_line = 0;
}

/* Writes the message into err[0..n) and returns -1. Messages quote fields,
 * and a quoted field may span lines: control characters are shown escaped
 * ("\n", "\t", "\x01"), so that every message is one line. */
static int fail(char *err, size_t n, const char *fmt, ...)
{
	char *msg;
	va_list ap;
	va_start(ap, fmt);
	int made = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (made < 0) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		char esc[8];
		int len = *p == '\n' ? snprintf(esc, sizeof esc, "\\n")
		        : *p == '\r' ? snprintf(esc, sizeof esc, "\\r")
		        : *p == '\t' ? snprintf(esc, sizeof esc, "\\t")
		        : *p < 0x20 || *p == 0x7F ? snprintf(esc, sizeof esc, "\\x%02x", *p)
		        : snprintf(esc, sizeof esc, "%c", *p);
		if (k + (size_t)len >= n)
			break;
		memcpy(err + k, esc, (size_t)len);
		k += (size_t)len;
	}
	if (n > 0)
		err[k] = '\0';
	free(msg);
	return -1;
}

/* Splits the file's bytes text[0..len) into rows of fields. Returns 0, or -1
 * with a message. Feeding libcsv one line at a time lets rows carry line
 * numbers. */
static int parse_rows(parse *p, const char *text, size_t len, char *err, size_t errsize)
{
	struct csv_parser csv;
	if (csv_init(&csv, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
		return fail(err, errsize, "%s: out of memory", p->path);
	int rc = 0;
	p->line = 0;
	for (size_t at = 0; at < len;) {
		const char *s = text + at;
		const char *nl = memchr(s, '\n', len - at);
		size_t n = nl ? (size_t)(nl - s) + 1 : len - at;    /* with its '\n' */
		at += n;
		p->line++;
		if (p->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;         /* a spreadsheet's byte order mark */
			n -= 3;
		}
		size_t bad = utf8_invalid_at(s, n);
		if (bad != (size_t)-1) {
			rc = fail(err, errsize, "%s:%d: invalid UTF-8 at byte %zu of the line",
			          p->path, p->line, bad + 1);
			break;
		}
		if (csv_parse(&csv, s, n, on_field, on_row, p) != n) {
			rc = fail(err, errsize, "%s:%d: %s", p->path, p->line,
			          csv_strerror(csv_error(&csv)));
			break;
		}
		if (p->oom) {
			rc = fail(err, errsize, "%s: out of memory", p->path);
			break;
		}
	}
	if (rc == 0 && csv_fini(&csv, on_field, on_row, p) != 0)
		rc = fail(err, errsize, "%s:%d: unterminated quoted field", p->path,
		          p->row_line ? p->row_line : p->line);
	csv_free(&csv);
	if (rc == 0 && p->nrows == 0)
		rc = fail(err, errsize, "%s:1: no header row", p->path);
	return rc;
}

/* ---- checking fields ---------------------------------------------------------- */

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int ds_parse_date(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	}
	int y = atoi(s);
	if (y < 1000)
		return 0;
	if (n >= 7) {
		int m = atoi(s + 5);
		if (m < 1 || m > 12)
			return 0;
		if (n == 10) {
			int d = atoi(s + 8);
			if (d < 1 || d > days_in_month(y, m))
				return 0;
		}
	}
	return y;
}

static bool is_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

/* Is s one of the "|"-separated words of allowed? */
static bool allowed_value(const char *allowed, const char *s)
{
	size_t n = strlen(s);
	for (const char *a = allowed; *a;) {
		const char *bar = strchr(a, '|');
		size_t k = bar ? (size_t)(bar - a) : strlen(a);
		if (k == n && memcmp(a, s, n) == 0)
			return true;
		if (!bar)
			break;
		a = bar + 1;
	}
	return false;
}

/* Splits "a | b|c" into a list of trimmed, non-empty items. */
static bool split_list(arena *a, const char *s, ds_value *v)
{
	int n = 1;
	for (const char *p = s; *p; p++)
		n += *p == '|';
	const char **items = arena_alloc(a, (size_t)n * sizeof *items);
	if (!items)
		return false;
	int k = 0;
	for (const char *p = s;;) {
		const char *bar = strchr(p, '|');
		const char *end = bar ? bar : p + strlen(p);
		const char *b = p;
		while (b < end && isspace((unsigned char)*b))
			b++;
		while (end > b && isspace((unsigned char)end[-1]))
			end--;
		if (end > b && !(items[k++] = arena_strndup(a, b, (size_t)(end - b))))
			return false;
		if (!bar)
			break;
		p = bar + 1;
	}
	v->type = DS_LIST;
	v->as.list.items = items;
	v->as.list.count = k;
	return true;
}

typedef struct loader {
	ds_dataset *ds;
	char *err;
	size_t errsize;
} loader;

/* Converts one raw field to its value; derived and reference columns are
 * finished later. Returns 0 or -1 with a message naming path:line. */
static int convert(loader *L, const char *path, int line, const column *c,
                   const char *raw, ds_value *v)
{
	arena *a = L->ds->arena;
	*v = (ds_value){DS_NIL, {0}};
	if (!*raw) {
		if (c->required)
			return fail(L->err, L->errsize, "%s:%d: column '%s': a value is required",
			            path, line, csv_name(c));
		if (c->type == C_LIST || c->type == C_REFLIST)
			return split_list(a, "", v) ? 0 : fail(L->err, L->errsize, "out of memory");
		return 0;
	}
	char *end;
	switch (c->type) {
	case C_ID:
		if (!is_id(raw))
			return fail(L->err, L->errsize, "%s:%d: column 'id': \"%s\" is not an id "
			            "(lower case letters, digits and '-')", path, line, raw);
		v->type = DS_STRING;
		v->as.str = raw;
		return 0;
	case C_TEXT:
	case C_REF:
		if (c->type == C_TEXT && c->arg && !allowed_value(c->arg, raw))
			return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is not one of %s",
			            path, line, c->name, raw, c->arg);
		v->type = DS_STRING;
		v->as.str = raw;
		return 0;
	case C_DATE:
		if (!ds_parse_date(raw))
			return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is not a date "
			            "(YYYY, YYYY-MM or YYYY-MM-DD)", path, line, c->name, raw);
		v->type = DS_STRING;
		v->as.str = raw;
		return 0;
	case C_INT: {
		errno = 0;
		long long i = strtoll(raw, &end, 10);
		if (*end || errno || i < 0 || i > 9999)
			return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is not a whole "
			            "number from 0 to 9999", path, line, c->name, raw);
		v->type = DS_INTEGER;
		v->as.integer = i;
		return 0;
	}
	case C_NUMBER: {
		errno = 0;
		double d = strtod(raw, &end);
		if (*end || errno || !isfinite(d))
			return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is not a number",
			            path, line, c->name, raw);
		v->type = DS_NUMBER;
		v->as.number = d;
		return 0;
	}
	case C_YESNO:
		if (strcmp(raw, "yes") != 0 && strcmp(raw, "no") != 0)
			return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is not yes or no",
			            path, line, c->name, raw);
		v->type = DS_BOOLEAN;
		v->as.boolean = raw[0] == 'y';
		return 0;
	case C_LIST:
	case C_INFERRED:
	case C_REFLIST:
		return split_list(a, raw, v) ? 0 : fail(L->err, L->errsize, "out of memory");
	case D_YEAR:
	case D_NAMES:
		break;
	}
	return 0;
}

static int ncols(const column *cols)
{
	int n = 0;
	while (cols[n].name)
		n++;
	return n;
}

static bool derived(const column *c)
{
	return c->type == D_YEAR || c->type == D_NAMES;
}

/* Loads the contents of one file into collection k. */
static int load_file(loader *L, const ds_file_text *file, int k)
{
	ds_dataset *ds = L->ds;
	const column *cols = ds_schemas[k].cols;
	int nf = ncols(cols);
	ds_collection *coll = &ds->colls[k];
	char *path = arena_strdup(ds->arena, file->path);
	if (!path)
		return fail(L->err, L->errsize, "out of memory");
	coll->name = ds_schemas[k].name;
	coll->path = path;

	const char **names = arena_alloc(ds->arena, (size_t)nf * sizeof *names);
	if (!names)
		return fail(L->err, L->errsize, "out of memory");
	for (int i = 0; i < nf; i++)
		names[i] = cols[i].name;
	coll->fields = names;
	coll->nfields = nf;
	ds->cols[k] = cols;

	parse p = {.arena = ds->arena, .path = path};
	int rc = parse_rows(&p, file->text, file->len, L->err, L->errsize);
	if (rc) {
		free(p.rows);
		return rc;
	}

	/* Header: every CSV column present once, nothing unknown. */
	rawrow *h = &p.rows[0];
	int where[64];
	for (int i = 0; i < nf; i++)
		where[i] = -1;
	for (int j = 0; j < h->nfields && rc == 0; j++) {
		int i = 0;
		while (i < nf && (derived(&cols[i]) || strcmp(csv_name(&cols[i]), h->fields[j]) != 0))
			i++;
		if (i == nf)
			rc = fail(L->err, L->errsize, "%s:%d: unknown column '%s'", path, h->line,
			          h->fields[j]);
		else if (where[i] >= 0)
			rc = fail(L->err, L->errsize, "%s:%d: column '%s' appears twice", path,
			          h->line, h->fields[j]);
		else
			where[i] = j;
	}
	for (int i = 0; i < nf && rc == 0; i++)
		if (!derived(&cols[i]) && where[i] < 0)
			rc = fail(L->err, L->errsize, "%s:%d: missing column '%s'", path, h->line,
			          csv_name(&cols[i]));

	ds_record *recs = arena_alloc(ds->arena, (size_t)(p.nrows ? p.nrows : 1) * sizeof *recs);
	if (!recs && rc == 0)
		rc = fail(L->err, L->errsize, "out of memory");
	int n = 0;
	for (int r = 1; r < p.nrows && rc == 0; r++) {
		rawrow *row = &p.rows[r];
		if (row->nfields != h->nfields) {
			rc = fail(L->err, L->errsize, "%s:%d: %d fields, the header has %d", path,
			          row->line, row->nfields, h->nfields);
			break;
		}
		ds_value *vals = arena_alloc(ds->arena, (size_t)nf * sizeof *vals);
		if (!vals) {
			rc = fail(L->err, L->errsize, "out of memory");
			break;
		}
		for (int i = 0; i < nf && rc == 0; i++)
			if (!derived(&cols[i]))
				rc = convert(L, path, row->line, &cols[i], row->fields[where[i]], &vals[i]);
		recs[n++] = (ds_record){coll, 0, row->line, vals};
	}
	free(p.rows);
	coll->records = recs;
	coll->nrecords = n;
	return rc;
}

/* ---- cross-file checks, derived fields, order ------------------------------- */

int ds_field_index(const ds_collection *c, const char *field)
{
	for (int i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i], field) == 0)
			return i;
	return -1;
}

const ds_value *ds_get(const ds_record *r, const char *field)
{
	int i = ds_field_index(r->collection, field);
	return i < 0 ? NULL : &r->values[i];
}

const ds_collection *ds_collection_named(const ds_dataset *ds, const char *name)
{
	for (int k = 0; k < DS_NCOLLECTIONS; k++)
		if (strcmp(ds->colls[k].name, name) == 0)
			return &ds->colls[k];
	return NULL;
}

/* Orders records by id, then by line (the first of equal ids first). */
static int by_id(const void *a, const void *b)
{
	const ds_record *x = *(const ds_record *const *)a, *y = *(const ds_record *const *)b;
	int c = strcmp(x->values[0].as.str, y->values[0].as.str);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorts c's records by id into c->by_id, made on first call (in the
 * dataset's arena) and sorted again when the records have moved. False
 * when out of memory. */
static bool index_ids(ds_dataset *ds, ds_collection *c)
{
	if (!c->by_id)
		c->by_id = arena_alloc(ds->arena, (size_t)(c->nrecords ? c->nrecords : 1) *
		                       sizeof *c->by_id);
	if (!c->by_id)
		return false;
	const ds_record **ids = (const ds_record **)c->by_id;
	for (int i = 0; i < c->nrecords; i++)
		ids[i] = &c->records[i];
	qsort(ids, (size_t)c->nrecords, sizeof *ids, by_id);
	return true;
}

/* The id compared with a record's, for bsearch. */
static int id_cmp(const void *key, const void *elem)
{
	return strcmp(key, (*(const ds_record *const *)elem)->values[0].as.str);
}

const ds_record *ds_find(const ds_dataset *ds, const char *collection, const char *id)
{
	const ds_collection *c = ds_collection_named(ds, collection);
	if (!c || !c->by_id)
		return NULL;
	const ds_record *const *r = bsearch(id, c->by_id, (size_t)c->nrecords,
	                                    sizeof *c->by_id, id_cmp);
	return r ? *r : NULL;
}

const char *ds_id(const ds_record *r)
{
	return r->values[0].as.str;
}

const char *ds_source_id(const ds_record *r)
{
	const ds_value *v = ds_get(r, "source");
	return v && v->type == DS_STRING ? v->as.str : NULL;
}

int ds_year(const ds_record *r)
{
	const ds_value *v = ds_get(r, "year");
	if (v && v->type == DS_INTEGER)
		return (int)v->as.integer;
	v = ds_get(r, "from");
	return v && v->type == DS_INTEGER ? (int)v->as.integer : 0;
}

/* ---- the inferred rule ---------------------------------------------------------- */

/* data/README.md, "What is inferred": `inferred` names the columns of the
 * record whose value its source does not print. The loader checks the
 * rule's form, not the reading: each name is a column of the file that
 * holds a value in this record (by its CSV header, or by the name Lua gives
 * it), never the record's bookkeeping nor a field Lua derives; and a record
 * that infers anything says in its note where the values came from. */

static bool bookkeeping(const char *name)
{
	return strcmp(name, "id") == 0 || strcmp(name, "source") == 0 ||
	       strcmp(name, "inferred") == 0 || strcmp(name, "note") == 0;
}

/* Does the list v hold the item s? */
static bool list_names(const ds_value *v, const char *s)
{
	for (int j = 0; j < v->as.list.count; j++)
		if (strcmp(v->as.list.items[j], s) == 0)
			return true;
	return false;
}

static bool has_value(const ds_value *v)
{
	return v->type == DS_LIST ? v->as.list.count > 0 : v->type != DS_NIL;
}

/* Checks the record's inferred list v (still a DS_LIST). Returns 0 or -1
 * with a message. */
static int check_inferred(loader *L, const ds_collection *c, const column *cols,
                          const ds_record *rec, const ds_value *v)
{
	for (int j = 0; j < v->as.list.count; j++) {
		const char *name = v->as.list.items[j];
		int i = 0;
		while (i < c->nfields && (derived(&cols[i]) || (strcmp(csv_name(&cols[i]), name) != 0 &&
		                                                strcmp(cols[i].name, name) != 0)))
			i++;
		if (i == c->nfields) {
			int d = ds_field_index(c, name);
			if (d > 0 && cols[d].type == D_YEAR)
				return fail(L->err, L->errsize, "%s:%d: column 'inferred': \"%s\" is derived "
				            "from '%s': name that instead", c->path, rec->line, name,
				            cols[d - 1].name);
			return fail(L->err, L->errsize, "%s:%d: column 'inferred': \"%s\" is not a field "
			            "of %s", c->path, rec->line, name, c->name);
		}
		if (bookkeeping(cols[i].name))
			return fail(L->err, L->errsize, "%s:%d: column 'inferred': \"%s\" is never "
			            "inferred", c->path, rec->line, name);
		if (!has_value(&rec->values[i]))
			return fail(L->err, L->errsize, "%s:%d: column 'inferred': \"%s\" is empty in "
			            "this record", c->path, rec->line, name);
		for (int q = 0; q < j; q++)
			if (strcmp(v->as.list.items[q], name) == 0)
				return fail(L->err, L->errsize, "%s:%d: column 'inferred': \"%s\" is listed "
				            "twice", c->path, rec->line, name);
	}
	const ds_value *note = ds_get(rec, "note");
	if (v->as.list.count > 0 && note->type == DS_NIL)
		return fail(L->err, L->errsize, "%s:%d: column 'note': a value is required when "
		            "'inferred' lists fields (say where they came from)", c->path, rec->line);
	return 0;
}

/* A record tied to a meeting (events, statements) happened there: its date
 * is the meeting's, at the precision of the less precise of the two, and
 * when the meeting's date is inferred, so is the record's. */
static int check_meeting_date(loader *L, const ds_collection *c, const ds_record *rec)
{
	const ds_value *m = ds_get(rec, "meeting"), *d = ds_get(rec, "date");
	if (!m || !d || m->type != DS_STRING)
		return 0;
	const ds_record *meeting = ds_find(L->ds, "meetings", m->as.str);
	const char *md = ds_get(meeting, "date")->as.str;
	size_t n = strlen(md) < strlen(d->as.str) ? strlen(md) : strlen(d->as.str);
	if (strncmp(md, d->as.str, n) != 0)
		return fail(L->err, L->errsize, "%s:%d: column 'date': \"%s\" is not the date of "
		            "meeting \"%s\" (%s)", c->path, rec->line, d->as.str, m->as.str, md);
	const ds_value *mi = ds_get(meeting, "inferred"), *ri = ds_get(rec, "inferred");
	bool meeting_infers = mi->type == DS_LIST && list_names(mi, "date");
	if (meeting_infers && !(ri->type == DS_LIST && list_names(ri, "date")))
		return fail(L->err, L->errsize, "%s:%d: column 'inferred': the date of meeting \"%s\" "
		            "is inferred, so is this record's: list 'date'", c->path, rec->line,
		            m->as.str);
	return 0;
}

/* Unique ids, references, field-level rules, derived values. */
static int finish_collection(loader *L, int k)
{
	ds_dataset *ds = L->ds;
	ds_collection *c = &ds->colls[k];
	const column *cols = ds->cols[k];
	ds_record *recs = (ds_record *)c->records;
	/* a duplicate id: of the records whose id an earlier one has, the one
	 * the file has first, named with the first of its id (by_id puts equal
	 * ids together, by line) */
	const ds_record *dup = NULL;
	for (int i = 1; i < c->nrecords; i++)
		if (strcmp(ds_id(c->by_id[i - 1]), ds_id(c->by_id[i])) == 0 &&
		    (!dup || c->by_id[i]->line < dup->line))
			dup = c->by_id[i];
	if (dup) {
		const ds_record *const *first = bsearch(ds_id(dup), c->by_id, (size_t)c->nrecords,
		                                        sizeof *c->by_id, id_cmp);
		while (first > c->by_id && strcmp(ds_id(first[-1]), ds_id(dup)) == 0)
			first--;
		return fail(L->err, L->errsize, "%s:%d: column 'id': duplicate id \"%s\" (first on "
		            "line %d)", c->path, dup->line, ds_id(dup), (*first)->line);
	}
	for (int r = 0; r < c->nrecords; r++) {
		ds_record *rec = &recs[r];
		ds_value *v = (ds_value *)rec->values;
		for (int i = 0; i < c->nfields; i++) {
			const column *col = &cols[i];
			if (col->type == C_REF && v[i].type == DS_STRING &&
			    !ds_find(ds, col->arg, v[i].as.str))
				return fail(L->err, L->errsize, "%s:%d: column '%s': no record \"%s\" in "
				            "%s.csv", c->path, rec->line, col->name, v[i].as.str, col->arg);
			if (col->type == C_REF && v[i].type == DS_STRING && strcmp(col->arg, c->name) == 0 &&
			    strcmp(v[i].as.str, ds_id(rec)) == 0)
				return fail(L->err, L->errsize, "%s:%d: column '%s': \"%s\" is this record "
				            "itself", c->path, rec->line, col->name, v[i].as.str);
			if (col->type == C_REFLIST) {
				for (int j = 0; j < v[i].as.list.count; j++)
					if (!ds_find(ds, col->arg, v[i].as.list.items[j]))
						return fail(L->err, L->errsize, "%s:%d: column '%s': no record "
						            "\"%s\" in %s.csv", c->path, rec->line, csv_name(col),
						            v[i].as.list.items[j], col->arg);
			}
			if (col->type == C_INFERRED) {
				if (check_inferred(L, c, cols, rec, &v[i]))
					return -1;
				if (v[i].as.list.count == 0)
					v[i].type = DS_NIL;
			}
			if (col->type == D_YEAR) {
				v[i].type = DS_INTEGER;
				v[i].as.integer = ds_parse_date(v[i - 1].as.str);
			}
			if (col->type == D_NAMES) {
				int n = v[i - 1].as.list.count;
				const char **names = arena_alloc(ds->arena, (size_t)(n ? n : 1) * sizeof *names);
				if (!names)
					return fail(L->err, L->errsize, "out of memory");
				for (int j = 0; j < n; j++)
					names[j] = ds_get(ds_find(ds, col->arg ? col->arg : "people",
					                          v[i - 1].as.list.items[j]), "name")->as.str;
				v[i].type = DS_LIST;
				v[i].as.list.items = names;
				v[i].as.list.count = n;
			}
		}
		if (check_meeting_date(L, c, rec))
			return -1;
		const ds_value *yr = ds_get(rec, "year"), *from = ds_get(rec, "from"),
		               *to = ds_get(rec, "to");
		if (from) {
			bool span = from->type == DS_INTEGER && to->type == DS_INTEGER;
			if (yr->type == DS_NIL && !span)
				return fail(L->err, L->errsize, "%s:%d: column 'year': a year, or both "
				            "'from' and 'to', is required", c->path, rec->line);
			if (yr->type != DS_NIL && (from->type != DS_NIL || to->type != DS_NIL))
				return fail(L->err, L->errsize, "%s:%d: column 'year': give a year or "
				            "'from' and 'to', not both", c->path, rec->line);
			if (span && from->as.integer > to->as.integer)
				return fail(L->err, L->errsize, "%s:%d: column 'from': %lld is after "
				            "'to' %lld", c->path, rec->line, from->as.integer,
				            to->as.integer);
		}
	}
	return 0;
}

/* Sort key: the record's date, or its year; records without either keep
 * file order. */
static void sort_key(const ds_record *r, char key[16])
{
	const ds_value *d = ds_get(r, "date");
	if (!d)
		d = ds_get(r, "joined");
	if (d && d->type == DS_STRING)
		snprintf(key, 16, "%s", d->as.str);
	else if (ds_year(r))
		snprintf(key, 16, "%04d", ds_year(r));
	else
		key[0] = '\0';
}

static int by_date(const void *a, const void *b)
{
	const ds_record *x = a, *y = b;
	char kx[16], ky[16];
	sort_key(x, kx);
	sort_key(y, ky);
	int c = strcmp(kx, ky);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Index in ds_collection_names of the collection ds_schemas[k] describes. */
static int name_index(int k)
{
	int i = 0;
	while (strcmp(ds_collection_names[i], ds_schemas[k].name) != 0)
		i++;
	return i;
}

/* FNV-1a, 64 bits, over every file's collection name, length and bytes in
 * ds_collection_names order, as 16 hex digits: the same files give the same
 * version on every machine, and any changed byte another. */
static void dataset_version(const ds_file_text files[DS_NCOLLECTIONS], char out[17])
{
	unsigned long long h = 14695981039346656037ull;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		char head[64];
		int n = snprintf(head, sizeof head, "%s:%zu:", ds_collection_names[k], files[k].len);
		for (int i = 0; i < n; i++)
			h = (h ^ (unsigned char)head[i]) * 1099511628211ull;
		for (size_t i = 0; i < files[k].len; i++)
			h = (h ^ (unsigned char)files[k].text[i]) * 1099511628211ull;
	}
	snprintf(out, 17, "%016llx", h);
}

ds_dataset *ds_load_buffers(const ds_file_text files[DS_NCOLLECTIONS], char *err,
                            size_t errsize)
{
	ds_dataset *ds = calloc(1, sizeof *ds);
	if (!ds || !(ds->arena = arena_new())) {
		free(ds);
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	loader L = {ds, err, errsize};
	int rc = 0;
	for (int k = 0; k < DS_NCOLLECTIONS && rc == 0; k++)
		rc = load_file(&L, &files[name_index(k)], k);
	for (int k = 0; k < DS_NCOLLECTIONS && rc == 0; k++)
		if (!index_ids(ds, &ds->colls[k]))
			rc = fail(err, errsize, "out of memory");
	for (int k = 0; k < DS_NCOLLECTIONS && rc == 0; k++)
		rc = finish_collection(&L, k);
	if (rc) {
		ds_free(ds);
		return NULL;
	}
	dataset_version(files, ds->version);
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		ds_collection *c = &ds->colls[k];
		ds_record *recs = (ds_record *)c->records;
		qsort(recs, (size_t)c->nrecords, sizeof *recs, by_date);
		for (int r = 0; r < c->nrecords; r++)
			recs[r].serial = ds->nrecords++;
		index_ids(ds, c);       /* the records moved; the array is there */
	}
	return ds;
}

ds_dataset *ds_load(const char *dir, char *err, size_t errsize)
{
	ds_file_text files[DS_NCOLLECTIONS] = {{0}};
	ds_dataset *ds = NULL;
	/* every file through the path rule: beneath the data folder, links
	 * resolved, a regular file (a FIFO or a device never blocks), capped */
	char root[PATH_LIMIT];
	const char *roots[1] = {root};
	if (path_resolve(dir, NULL, root) != PATH_OK) {
		snprintf(err, errsize, "%s: the path is too long or loops", dir);
		return NULL;
	}
	int k = 0;
	for (; k < DS_NCOLLECTIONS; k++) {     /* in load order: the first missing named */
		ds_file_text *f = &files[name_index(k)];
		char *path = malloc(strlen(dir) + strlen(ds_schemas[k].name) + 6);
		if (!path) {
			snprintf(err, errsize, "out of memory");
			break;
		}
		sprintf(path, "%s/%s.csv", dir, ds_schemas[k].name);
		f->path = path;
		path_file pf;
		char why[128];
		if (path_read(roots, 1, path, NULL, DS_MAX_FILE_BYTES, &pf, why, sizeof why) != PATH_OK) {
			fail(err, errsize, "%s: cannot read: %s", path, why);
			break;
		}
		f->text = pf.data;      /* handed over: freed below */
		f->len = pf.len;
	}
	if (k == DS_NCOLLECTIONS)
		ds = ds_load_buffers(files, err, errsize);
	for (int i = 0; i < DS_NCOLLECTIONS; i++) {
		free((char *)files[i].path);
		free((char *)files[i].text);
	}
	return ds;
}

void ds_free(ds_dataset *ds)
{
	if (!ds)
		return;
	arena_free(ds->arena);
	free(ds);
}

const char *ds_version(const ds_dataset *ds)
{
	return ds->version;
}

int ds_nrecords(const ds_dataset *ds)
{
	return ds->nrecords;
}

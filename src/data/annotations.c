/*
 * annotations.c -- the schema (schema.c) as LuaCATS annotations for
 * lua-language-server: a class per record type with a field per column, a
 * class per collection with the query methods of require "relations".
 *
 * Types follow what the loader (dataset.c) and the binding (lrelations.c)
 * give Lua: text, dates and ids are strings, C_INT an integer, C_NUMBER a
 * number, yes/no a boolean, lists a sequence of strings (an empty list when
 * blank, never nil), `inferred` a list or nil; an optional column's value
 * may be nil.
 */
#include "data/annotations.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "data/schema.h"

/* What each collection holds, for the editor's hover text. A collection not
 * listed here still gets its classes, described by its file. */
static const struct {
	const char *name, *what;
} descriptions[] = {
	{"events", "milestones of the relationship"},
	{"meetings", "summits, ministerial meetings, the ASEAN-ROK Dialogue"},
	{"statements", "what each side said, asked or pledged, mostly at a meeting"},
	{"members", "ASEAN member states"},
	{"figures", "numbers: trade, funds, shares"},
	{"initiatives", "policies, plans, projects, funds"},
	{"mechanisms", "standing mechanisms of cooperation"},
	{"people", "officials named in the sources"},
	{"sources", "the source documents"},
};

/* A writer that remembers whether any write failed, so the functions below
 * can write freely and the caller checks once. */
typedef struct writer {
	FILE *out;
	bool failed;
} writer;

__attribute__((format(printf, 2, 3)))
static void put(writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vfprintf(w->out, fmt, ap) < 0)
		w->failed = true;
	va_end(ap);
}

static const schema *schema_named(const char *name)
{
	for (int k = 0; k < DS_NCOLLECTIONS; k++)
		if (strcmp(ds_schemas[k].name, name) == 0)
			return &ds_schemas[k];
	return NULL;
}

static const char *description(const char *name)
{
	for (size_t i = 0; i < sizeof descriptions / sizeof descriptions[0]; i++)
		if (strcmp(descriptions[i].name, name) == 0)
			return descriptions[i].what;
	return NULL;
}

/* "co_chairs" -> "CoChairs": a collection's name as a class name. */
static void camel(const char *name, char *buf, size_t size)
{
	size_t n = 0;
	bool up = true;
	for (const char *p = name; *p && n + 1 < size; p++) {
		if (*p == '_' || *p == '-') {
			up = true;
			continue;
		}
		buf[n++] = up ? (char)toupper((unsigned char)*p) : *p;
		up = false;
	}
	buf[n] = '\0';
}

/* The class of a collection's records: its name in the singular
 * ("events" -> "Event", "people" -> "Person", "policies" -> "Policy"), or
 * with "Record" after it when it does not end in s. */
static void record_class(const char *name, char *buf, size_t size)
{
	char c[128];
	camel(name, c, sizeof c);
	size_t n = strlen(c);
	if (strcmp(c, "People") == 0)
		snprintf(buf, size, "Person");
	else if (n > 3 && strcmp(c + n - 3, "ies") == 0)
		snprintf(buf, size, "%.*sy", (int)(n - 3), c);
	else if (n > 1 && c[n - 1] == 's')
		snprintf(buf, size, "%.*s", (int)(n - 1), c);
	else
		snprintf(buf, size, "%sRecord", c);
}

/* Does the column's value exist in every record (never nil)? Lists are an
 * empty list when blank; a derived year is there when its date must be. */
static bool always_present(const column *cols, int i)
{
	switch (cols[i].type) {
	case C_LIST:
	case C_REFLIST:
	case D_NAMES:
		return true;
	case C_INFERRED:
		return false;
	case D_YEAR:
		return i > 0 && cols[i - 1].required;
	default:
		return cols[i].required;
	}
}

/* Writes the column's LuaCATS type: `string`, `integer?`, `string[]`, or
 * the allowed values of a C_TEXT ("a"|"b"|nil). For a query (where{}), a
 * list column takes one string (a record matches when its list holds it),
 * and nothing is required. */
static void put_type(writer *w, const column *cols, int i, bool query)
{
	const column *c = &cols[i];
	bool nil = query ? false : !always_present(cols, i);
	const char *t = "string";
	switch (c->type) {
	case C_INT:
	case D_YEAR:
		t = "integer";
		break;
	case C_NUMBER:
		t = "number";
		break;
	case C_YESNO:
		t = "boolean";
		break;
	case C_LIST:
	case C_REFLIST:
	case C_INFERRED:
	case D_NAMES:
		t = query ? "string" : "string[]";
		break;
	case C_TEXT:
		if (c->arg) {   /* allowed values "a|b|c" */
			for (const char *p = c->arg; *p;) {
				size_t len = strcspn(p, "|");
				put(w, "%s\"%.*s\"", p == c->arg ? "" : "|", (int)len, p);
				p += len + (p[len] == '|');
			}
			if (nil)
				put(w, "|nil");
			return;
		}
		break;
	default:
		break;
	}
	put(w, "%s%s", t, nil ? "?" : "");
}

/* Writes what a column holds, after its type, for the editor's hover. */
static void put_note(writer *w, const column *cols, int i)
{
	const column *c = &cols[i];
	switch (c->type) {
	case C_ID:
		put(w, " unique key: lower case letters, digits and '-'");
		break;
	case C_DATE:
		put(w, " ISO 8601 at the source's precision: \"1989\", \"1991-07\", \"2004-11-30\"");
		break;
	case C_YESNO:
		put(w, " the CSV's yes or no");
		break;
	case C_INFERRED:
		put(w, " the fields whose value the source does not print; nil when none");
		break;
	case C_REF:
		put(w, " the id of a record of rel.%s", c->arg);
		break;
	case C_REFLIST:
		put(w, " ids of records of rel.%s", c->arg);
		break;
	case D_YEAR:
		if (i > 0)
			put(w, " the year of `%s`", cols[i - 1].name);
		break;
	case D_NAMES:
		if (i > 0)
			put(w, " the names of the `%s` records", cols[i - 1].name);
		break;
	default:
		break;
	}
}

/* The record class of collection s: a field per column. */
static void put_record(writer *w, const schema *s, const char *rec)
{
	put(w, "---A record of rel.%s (%s.csv), read-only.\n", s->name, s->name);
	put(w, "---@class (exact) relations.%s\n", rec);
	for (int i = 0; s->cols[i].name; i++) {
		put(w, "---@field %s ", s->cols[i].name);
		put_type(w, s->cols, i, false);
		put_note(w, s->cols, i);
		put(w, "\n");
	}
	put(w, "\n");
}

/* The fields a where{} or first{} query of collection s may name. */
static void put_query(writer *w, const schema *s, const char *rec)
{
	put(w, "---A query of rel.%s: field = value, every pair must match (a list field "
	    "matches a value it holds).\n", s->name);
	put(w, "---@class (exact) relations.%sQuery\n", rec);
	for (int i = 0; s->cols[i].name; i++) {
		put(w, "---@field %s? ", s->cols[i].name);
		put_type(w, s->cols, i, true);
		put(w, "\n");
	}
	put(w, "\n");
}

/* The keys sort() takes for collection s: a field, or "-field" for
 * descending order. */
static void put_sort_keys(writer *w, const schema *s, const char *rec)
{
	put(w, "---A field of rel.%s to sort by; \"-field\" sorts in descending order.\n",
	    s->name);
	put(w, "---@alias relations.%sKey\n", rec);
	for (int i = 0; s->cols[i].name; i++)
		put(w, "---| \"%s\"\n---| \"-%s\"\n", s->cols[i].name, s->cols[i].name);
	put(w, "\n");
}

/* The collection class of s: its records by index and the five query
 * methods, each returning a collection of the same records. */
static void put_collection(writer *w, const schema *s, const char *rec, const char *coll)
{
	const char *what = description(s->name);
	put(w, "---rel.%s: %s (%s.csv). A read-only sequence of records, sorted by date; "
	    "`#`, `[i]`, ipairs and the query methods.\n", s->name, what ? what : "a collection",
	    s->name);
	put(w, "---@class relations.%s\n", coll);
	put(w, "---@field [integer] relations.%s\n", rec);
	put(w, "---@operator len: integer\n");
	put(w, "local %s = {}\n\n", coll);

	put(w, "---The records that match: a table of field = value, or a predicate.\n");
	put(w, "---@param query relations.%sQuery|fun(r: relations.%s): boolean\n", rec, rec);
	put(w, "---@return relations.%s\n", coll);
	put(w, "function %s:where(query) end\n\n", coll);

	put(w, "---The records whose year (or from..to span) lies within y1..y2, inclusive.\n");
	put(w, "---@param y1 integer\n---@param y2 integer\n");
	put(w, "---@return relations.%s\n", coll);
	put(w, "function %s:between(y1, y2) end\n\n", coll);

	put(w, "---The records sorted (stable) by a field, \"-field\" descending, or by a "
	    "comparator; nil values last.\n");
	put(w, "---@param by relations.%sKey|fun(a: relations.%s, b: relations.%s): boolean\n",
	    rec, rec, rec);
	put(w, "---@return relations.%s\n", coll);
	put(w, "function %s:sort(by) end\n\n", coll);

	put(w, "---What fn returns for each record, in order; nil results are left out.\n");
	put(w, "---@generic R\n");
	put(w, "---@param fn fun(r: relations.%s): R\n", rec);
	put(w, "---@return relations.Collection<R>\n");
	put(w, "function %s:map(fn) end\n\n", coll);

	put(w, "---The first record that matches (any record without a query), or nil.\n");
	put(w, "---@param query? relations.%sQuery|fun(r: relations.%s): boolean\n", rec, rec);
	put(w, "---@return relations.%s?\n", rec);
	put(w, "function %s:first(query) end\n\n", coll);
}

int ds_write_annotations(FILE *out)
{
	writer w = {out, false};
	char rec[128], coll[128];

	put(&w, "---The dataset: read-only collections of records, each record tied to its "
	    "source.\n---@class relations\n");
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const char *name = ds_collection_names[k], *what = description(name);
		camel(name, coll, sizeof coll);
		put(&w, "---@field %s relations.%s %s\n", name, coll, what ? what : "");
	}
	put(&w, "local relations = {}\n\n");

	put(&w, "---A record of any collection.\n---@alias relations.Record\n");
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		record_class(ds_collection_names[k], rec, sizeof rec);
		put(&w, "---| relations.%s\n", rec);
	}
	put(&w, "\n");

	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const schema *s = schema_named(ds_collection_names[k]);
		if (!s)
			return -1;
		record_class(s->name, rec, sizeof rec);
		camel(s->name, coll, sizeof coll);
		put(&w, "-- ---- rel.%s %.*s\n\n", s->name, (int)(70 - strlen(s->name)),
		    "----------------------------------------------------------------------");
		put_record(&w, s, rec);
		put_query(&w, s, rec);
		put_sort_keys(&w, s, rec);
		put_collection(&w, s, rec, coll);
	}
	return w.failed ? -1 : 0;
}

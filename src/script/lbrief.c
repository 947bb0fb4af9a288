/*
 * lbrief.c -- require "brief": documents built from Lua, laid out and saved
 * as PDF.
 *
 * A brief.Document userdata owns a doc_document; each method checks its
 * arguments, then adds a block. save() lays the document out, writes the PDF
 * to a temporary file beside its destination and tells the parent, which
 * renames it into place only when the whole run succeeds. The Lua half of
 * the module (brief.format and friends) is src/script/brief.lua, compiled in;
 * argument checks live in arg.c, templates in template.c.
 *
 * Provenance: when a method has added its blocks, they are credited with
 * the records whose values they show (script/provenance.h), and the
 * sources of those records are numbered; doc:cite() and doc:sources() use
 * those numbers, and --provenance writes, at each save, the records on each
 * page (output/sidecar.h).
 */
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/document.h"
#include "layout/layout.h"
#include "script/arg.h"
#include "script/template.h"
#include "output/save.h"
#include "output/sidecar.h"
#include "pdf/pdf.h"
#include "script/modules.h"
#include "script/provenance.h"
#include "script/sourcelist.h"
#include "script/run.h"
#include "script/sandbox.h"
#include "util/arena.h"
#include "util/imagefile.h"
#include "util/path.h"

#define DOCUMENT "brief.Document"
#define IMAGE_MAX_BYTES ((size_t)64 << 20)     /* the largest image file read */

extern const char brief_lua[];
extern const size_t brief_lua_size;

/* A document and who may free it. A method keeps the document's C pointer
 * while it calls back into Lua (a label function, a table's __index, __len
 * or __tostring), and the script may close the document from there. So a
 * method marks the document busy while it runs (open_document); closing a
 * busy document only marks it closed, and the method checks it is still
 * open (still_open) before it changes the document. Memory goes when a
 * close finds it idle, or when the userdata is collected, never while a
 * method holds it: the method's own stack keeps the userdata alive. */
typedef struct document_ud {
	doc_document *doc;      /* NULL once freed */
	bool closed;
	int busy;               /* methods running on it; not undone by a raise */
	bool saved;
	int line;               /* where the script made it, for late errors */
	prov_run *prov;         /* the run's, for crediting blocks; may be NULL */
	int credited;           /* blocks credited with their records so far */
	bool prov_failed;       /* crediting ran out of memory: raised at save */
} document_ud;

/* ---- helpers ------------------------------------------------------------------- */

static document_ud *check_document(lua_State *L, int i)
{
	document_ud *u = luaL_checkudata(L, i, DOCUMENT);
	if (u->closed || !u->doc)
		luaL_error(L, "document is closed");
	return u;
}

/* The document at i for a method that may call back into Lua: marked busy
 * until close_method(). A method that raises leaves it busy, which only
 * delays freeing to collection. */
static document_ud *open_document(lua_State *L, int i)
{
	document_ud *u = check_document(L, i);
	u->busy++;
	return u;
}

/* Raises "document is closed" if a callback closed it. */
static void still_open(lua_State *L, document_ud *u)
{
	if (u->closed)
		luaL_error(L, "document is closed");
}

/* Credits the blocks added since the last time with the records they show
 * (script/provenance.h). */
static void credit_blocks(document_ud *u)
{
	if (!u->doc || u->credited >= u->doc->nblocks)
		return;
	if (!prov_credit(u->prov, u->doc, u->credited))
		u->prov_failed = true;
	u->credited = u->doc->nblocks;
}

/* The method is done with the document: the blocks it added are complete
 * and are credited now, before anything else is read. */
static void close_method(document_ud *u)
{
	u->busy--;
	credit_blocks(u);
}

/* ---- brief.document ---------------------------------------------------------------- */

static int b_document(lua_State *L)
{
	if (lua_isnoneornil(L, 1))
		lua_newtable(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	document_ud *u = lua_newuserdatauv(L, sizeof *u, 1);     /* 2 */
	memset(u, 0, sizeof *u);
	u->line = sbx_script_line(L);
	luaL_setmetatable(L, DOCUMENT);
	if (!(u->doc = doc_new()))
		arg_oom(L);
	doc_document *d = u->doc;
	static const char *const document_options[] = {"title", "subtitle", "author", "date",
	                                               "template", "paper", "lang", NULL};
	arg_check_options(L, 1, "document", document_options);
	d->meta.title = arg_opt_string(L, 1, "title", d, "document");
	d->meta.subtitle = arg_opt_string(L, 1, "subtitle", d, "document");
	d->meta.author = arg_opt_string(L, 1, "author", d, "document");
	d->meta.date = arg_opt_string(L, 1, "date", d, "document");
	arg_pdf_string(L, d->meta.title, "document: title");
	arg_pdf_string(L, d->meta.subtitle, "document: subtitle");
	arg_pdf_string(L, d->meta.author, "document: author");
	arg_pdf_string(L, d->meta.date, "document: date");
	d->meta.source_name = doc_strdup(d, sbx_job(L)->script);

	if (lua_getfield(L, 1, "template") == LUA_TNIL) {
		lua_pop(L, 1);
		lua_pushliteral(L, "default");
		char path[4096];
		snprintf(path, sizeof path, "%s/default.lua", sbx_job(L)->templates_dir);
		if (access(path, R_OK) != 0) {
			lua_pop(L, 1);
			lua_newtable(L);
		}
	}
	tpl_push(L, 3, 0);     /* 4 */
	tpl_apply(L, d, 0);
	lua_setiuservalue(L, 2, 1);
	lua_settop(L, 2);

	if (lua_getfield(L, 1, "lang") != LUA_TNIL) {
		const char *lang = lua_tostring(L, -1);
		if (!lang || (strcmp(lang, "en") != 0 && strcmp(lang, "ko") != 0))
			return luaL_error(L, "document: unknown lang '%s' (en, ko)",
			                  lang ? lang : luaL_typename(L, -1));
		d->meta.lang = strcmp(lang, "ko") == 0 ? "ko" : "en";
	}
	lua_pop(L, 1);

	if (lua_getfield(L, 1, "paper") != LUA_TNIL) {
		const char *p = lua_tostring(L, -1);
		if (!p || !style_set_paper(&d->style, p))
			return luaL_error(L, "document: unknown paper '%s' (A4, Letter, Legal, A5, A3)",
			                  p ? p : luaL_typename(L, -1));
	}
	lua_pop(L, 1);

	u->prov = prov_get(L);
	if (!prov_credit_title(u->prov, d))
		arg_oom(L);

	lua_getfield(L, LUA_REGISTRYINDEX, "brief.documents");
	lua_pushvalue(L, 2);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 1);
	return 1;
}

/* ---- document methods ------------------------------------------------------------------ */

/* Adds a block to the document of the method running, after every call
 * into Lua the method made: the document must still be open. */
static doc_block *add(lua_State *L, document_ud *u, doc_kind kind)
{
	still_open(L, u);
	doc_block *b = doc_add(u->doc, kind, sbx_script_line(L));
	if (!b)
		arg_oom(L);
	return b;
}

static int m_heading(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	const char *s = arg_utf8(L, 2, "heading");
	arg_pdf_string(L, s, "heading");
	lua_Integer level = luaL_optinteger(L, 3, 1);
	if (level < 1 || level > 3)
		return luaL_argerror(L, 3, "heading level must be 1, 2 or 3");
	doc_block *b = add(L, u, DOC_HEADING);
	bool ok;
	b->u.heading.level = (int)level;
	b->u.heading.text = doc_plain_text(d, s, &ok);
	if (!ok)
		arg_oom(L);
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

static int m_paragraph(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	if (lua_isnoneornil(L, 2))
		return luaL_error(L, "paragraph: expected text, got nil");
	doc_text t = arg_text(L, 2, d, "paragraph");
	doc_align align = DOC_ALIGN_DEFAULT;
	doc_linebreaks linebreaks = DOC_LINEBREAKS_DEFAULT;
	double size = 0;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		static const char *const paragraph_options[] = {"align", "linebreaks", "size", NULL};
		arg_check_options(L, 3, "paragraph", paragraph_options);
		lua_getfield(L, 3, "align");
		align = arg_align(L, -1, "paragraph");
		lua_pop(L, 1);
		lua_getfield(L, 3, "linebreaks");
		linebreaks = arg_linebreaks(L, -1, "paragraph");
		lua_pop(L, 1);
		size = arg_opt_number(L, 3, "size", 0, "paragraph");
	}
	doc_block *b = add(L, u, DOC_PARAGRAPH);
	b->u.paragraph.text = t;
	b->u.paragraph.align = align;
	b->u.paragraph.linebreaks = linebreaks;
	b->u.paragraph.size = size;
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

/* Builds a list from the table at index i: texts are items, a table after
 * an item is that item's sublist. */
static doc_list *build_list(lua_State *L, int i, doc_document *d, bool ordered, int depth)
{
	if (depth > 8)
		luaL_error(L, "list: nested more than 8 deep");
	i = lua_absindex(L, i);
	int n = (int)luaL_len(L, i);
	doc_list *l = arena_alloc(d->arena, sizeof *l);
	if (!l || !(l->items = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *l->items)))
		arg_oom(L);
	l->ordered = ordered;
	for (int k = 1; k <= n; k++) {
		lua_geti(L, i, k);
		bool spans = false;
		if (lua_type(L, -1) == LUA_TTABLE) {
			lua_getfield(L, -1, "text");
			spans = !lua_isnil(L, -1);
			lua_pop(L, 1);
		}
		if (lua_type(L, -1) == LUA_TTABLE && !spans) {
			if (l->nitems == 0)
				luaL_error(L, "list item %d: a nested list must follow an item", k);
			l->items[l->nitems - 1].sublist = build_list(L, -1, d, ordered, depth + 1);
		} else {
			char what[48];
			snprintf(what, sizeof what, "list item %d", k);
			if (spans) {
				lua_createtable(L, 1, 0);
				lua_pushvalue(L, -2);
				lua_rawseti(L, -2, 1);
				l->items[l->nitems++].text = arg_text(L, -1, d, what);
				lua_pop(L, 1);
			} else {
				l->items[l->nitems++].text = arg_text(L, -1, d, what);
			}
		}
		lua_pop(L, 1);
	}
	return l;
}

static int m_list(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	if (lua_type(L, 2) != LUA_TTABLE && lua_type(L, 2) != LUA_TUSERDATA)
		return luaL_typeerror(L, 2, "table of items");
	bool ordered = false;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		static const char *const list_options[] = {"ordered", NULL};
		arg_check_options(L, 3, "list", list_options);
		lua_getfield(L, 3, "ordered");
		ordered = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	doc_list *l = build_list(L, 2, d, ordered, 0);
	doc_block *b = add(L, u, DOC_LIST);
	b->u.list = *l;
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

/* A row that is a record (at the top of the stack) is read by the columns'
 * keys: raises, naming the column, for a key its collection lacks or a
 * column without a key (its title suggests one). columns: the columns
 * table's index. */
static void check_record_row(lua_State *L, int columns, const char *const *keys, int ncols,
                             int row)
{
	const ds_record *r = relations_to_record(L, -1);
	for (int j = 0; j < ncols; j++) {
		char what[64];
		if (keys[j]) {
			snprintf(what, sizeof what, "table column %d: key '%s'", j + 1, keys[j]);
			relations_check_field(L, -1, keys[j], what);
			continue;
		}
		const ds_collection *c = r->collection;
		char title[64] = "";
		lua_geti(L, columns, j + 1);
		const char *t = lua_tostring(L, -1);
		for (size_t k = 0; t && t[k] && k + 1 < sizeof title; k++)
			title[k] = (char)((t[k] >= 'A' && t[k] <= 'Z') ? t[k] + 32 : t[k]);
		lua_pop(L, 1);
		const char *near = arg_nearest_of(title, c->fields, c->nfields);
		luaL_error(L, "table column %d has no key, and row %d is a record of %s: give the column "
		           "as { title = \"%s\", key = \"%s\" } to say which field it shows", j + 1,
		           row, c->name, t ? t : "...", near ? near : c->fields[0]);
	}
}

/* Warns of a column no row has a value for: a key misspelt in rows that
 * are plain tables (records raise instead: check_record_row), naming the
 * nearest key of the first row. rows: the rows' index. */
static void warn_empty_columns(lua_State *L, int rows, const char *const *keys,
                               const bool *filled, int ncols, int nrows)
{
	for (int j = 0; j < ncols && nrows > 0; j++) {
		if (filled[j] || !keys[j])
			continue;
		const char *known[33];
		int n = 0;
		lua_geti(L, rows, 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			lua_pushnil(L);
			while (lua_next(L, -2) && n < 32) {
				lua_pop(L, 1);
				if (lua_type(L, -1) == LUA_TSTRING)
					known[n++] = lua_tostring(L, -1);   /* held by the row */
			}
		}
		known[n] = NULL;
		const char *near = arg_nearest(keys[j], known);
		lua_pushfstring(L, "table column %d: no row has a value for key '%s'%s%s%s", j + 1,
		                keys[j], near ? " (did you mean '" : "", near ? near : "",
		                near ? "'?)" : "");
		sbx_warn(L, sbx_script_line(L), lua_tostring(L, -1));
		lua_pop(L, 2);
	}
}

static int m_table(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	static const char *const table_options[] = {"columns", "rows", "caption", NULL};
	arg_check_options(L, 2, "table", table_options);
	if (lua_getfield(L, 2, "columns") != LUA_TTABLE)                /* 3 */
		return luaL_error(L, "table: 'columns' must be a table of columns");
	int ncols = (int)luaL_len(L, 3);
	if (ncols < 1)
		return luaL_error(L, "table: 'columns' is empty");
	doc_table t = {0};
	t.ncols = ncols;
	t.cols = arena_alloc(d->arena, (size_t)ncols * sizeof *t.cols);
	const char **keys = arena_alloc(d->arena, (size_t)ncols * sizeof *keys);
	bool *filled = arena_alloc(d->arena, (size_t)ncols * sizeof *filled);
	if (!t.cols || !keys || !filled)
		arg_oom(L);
	memset(filled, 0, (size_t)ncols * sizeof *filled);
	for (int j = 0; j < ncols; j++) {
		char what[48];
		snprintf(what, sizeof what, "table column %d", j + 1);
		lua_geti(L, 3, j + 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			int c = lua_gettop(L);
			static const char *const column_options[] = {"title", "width", "align", "key", NULL};
			arg_check_options(L, c, what, column_options);
			lua_getfield(L, c, "title");
			t.cols[j].title = arg_text(L, -1, d, what);
			lua_pop(L, 1);
			if (lua_getfield(L, c, "width") != LUA_TNIL) {
				if (!lua_isnumber(L, -1))
					return luaL_error(L, "%s: width must be a number of points, got %s", what,
					                  lua_type(L, -1) == LUA_TSTRING
					                  ? lua_pushfstring(L, "\"%s\"", lua_tostring(L, -1))
					                  : luaL_typename(L, -1));
				if (!(lua_tonumber(L, -1) > 0))
					return luaL_error(L, "%s: width must be positive", what);
				if (lua_tonumber(L, -1) > ARG_MAX_POINTS)
					return luaL_error(L, "%s: width is too large (%d points at most)", what,
					                  ARG_MAX_POINTS);
				t.cols[j].width = lua_tonumber(L, -1);
			}
			lua_pop(L, 1);
			lua_getfield(L, c, "align");
			t.cols[j].align = arg_align(L, -1, what);
			lua_pop(L, 1);
			if (lua_getfield(L, c, "key") != LUA_TNIL)
				keys[j] = doc_strdup(d, arg_utf8(L, -1, what));
			lua_pop(L, 1);
		} else {
			t.cols[j].title = arg_text(L, -1, d, what);
		}
		lua_pop(L, 1);
	}
	int kind = lua_getfield(L, 2, "rows");                          /* 4 */
	if (relations_to_record(L, 4))
		return luaL_error(L, "table: 'rows' must be a list of rows (a table or a collection), "
		                  "got one %s; a query's :where{...} gives a list, :first{...} one "
		                  "record", luaL_tolstring(L, 4, NULL));
	if (!arg_sequence(L, kind))
		return luaL_error(L, "table: 'rows' must be a list of rows (a table or a collection), "
		                  "got %s", luaL_typename(L, 4));
	lua_len(L, 4);
	lua_Integer nrows = lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (nrows < 0 || (size_t)nrows > ((size_t)1 << 31) / (size_t)ncols)
		return luaL_error(L, "table: too many rows");
	t.nrows = (int)nrows;
	t.cells = arena_alloc(d->arena, (size_t)(nrows ? nrows : 1) * (size_t)ncols *
	                      sizeof *t.cells);
	if (!t.cells)
		arg_oom(L);
	for (lua_Integer r = 1; r <= nrows; r++) {
		int rt = lua_geti(L, 4, r);                                 /* 5 */
		if (rt != LUA_TTABLE && rt != LUA_TUSERDATA)
			return luaL_error(L, "table row %d: expected a table, got %s", (int)r,
			                  luaL_typename(L, -1));
		if (relations_to_record(L, 5))
			check_record_row(L, 3, keys, ncols, (int)r);
		for (int j = 0; j < ncols; j++) {
			if (keys[j])
				lua_getfield(L, 5, keys[j]);
			else
				lua_geti(L, 5, j + 1);
			if (!lua_isnil(L, -1))
				filled[j] = true;
			char what[64];
			snprintf(what, sizeof what, "table row %d, column %d", (int)r, j + 1);
			t.cells[(size_t)(r - 1) * (size_t)ncols + (size_t)j] = arg_text(L, -1, d, what);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	warn_empty_columns(L, 4, keys, filled, ncols, t.nrows);
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "caption") != LUA_TNIL)
		t.caption = arg_text(L, -1, d, "table caption");
	lua_pop(L, 1);
	doc_block *b = add(L, u, DOC_TABLE);
	b->u.table = t;
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

/* The chart types a script may ask for, by name. */
static const struct {
	const char *name;
	doc_chart_type type;
} chart_types[] = {{"bar", DOC_CHART_BAR}, {"line", DOC_CHART_LINE}};

/* Optional boolean key of the table at t; false when absent. */
static bool opt_flag(lua_State *L, int t, const char *key, const char *what)
{
	int type = lua_getfield(L, t, key);
	if (type != LUA_TNIL && type != LUA_TBOOLEAN)
		luaL_error(L, "%s: '%s' must be true or false", what, key);
	bool on = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return on;
}

/* The numbers of chart ch as a table block after it: a row per label, a
 * column per series, the chart's title and unit as its caption. */
static void add_data_table(lua_State *L, document_ud *u, const doc_chart *ch)
{
	doc_document *d = u->doc;
	bool ok = true;
	int ncols = ch->nseries + 1;
	doc_column *cols = arena_alloc(d->arena, (size_t)ncols * sizeof *cols);
	doc_text *cells = arena_alloc(d->arena, (size_t)ncols * (size_t)ch->nlabels *
	                              sizeof *cells);
	if (!cols || !cells)
		arg_oom(L);
	memset(cols, 0, (size_t)ncols * sizeof *cols);
	cols[0].title = doc_plain_text(d, "", &ok);
	for (int i = 0; i < ch->nseries; i++) {
		cols[i + 1].title = doc_plain_text(d, ch->series[i].name ? ch->series[i].name
		                                   : ch->nseries == 1 && ch->unit ? ch->unit : "",
		                                   &ok);
		cols[i + 1].align = DOC_ALIGN_RIGHT;
	}
	for (int j = 0; j < ch->nlabels; j++) {
		cells[(size_t)j * (size_t)ncols] = doc_plain_text(d, ch->labels[j], &ok);
		for (int i = 0; i < ch->nseries; i++) {
			char num[64];
			doc_chart_value(ch->series[i].values[j], num, sizeof num);
			cells[(size_t)j * (size_t)ncols + (size_t)i + 1] = doc_plain_text(d, num, &ok);
		}
	}
	char cap[512];
	snprintf(cap, sizeof cap, "%s%s%s%s", ch->title ? ch->title : "The chart's numbers",
	         ch->unit ? " (" : "", ch->unit ? ch->unit : "", ch->unit ? ")" : "");
	doc_text caption = doc_plain_text(d, cap, &ok);
	if (!ok)
		arg_oom(L);
	doc_block *b = add(L, u, DOC_TABLE);
	b->u.table = (doc_table){ncols, cols, ch->nlabels, cells, caption};
}

static int m_chart(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	doc_chart ch = {0};
	static const char *const chart_options[] = {"type", "title", "unit", "labels", "series",
	                                            "horizontal", "stacked", "data_table", NULL};
	arg_check_options(L, 2, "chart", chart_options);
	lua_getfield(L, 2, "type");
	const char *type = lua_isnil(L, -1) ? "bar" : lua_tostring(L, -1);
	size_t k = 0, ntypes = sizeof chart_types / sizeof chart_types[0];
	while (type && k < ntypes && strcmp(type, chart_types[k].name) != 0)
		k++;
	if (!type || k == ntypes)
		return luaL_error(L, "chart: type must be \"bar\" or \"line\"");
	ch.type = chart_types[k].type;
	lua_pop(L, 1);
	ch.horizontal = opt_flag(L, 2, "horizontal", "chart");
	ch.stacked = opt_flag(L, 2, "stacked", "chart");
	bool data_table = opt_flag(L, 2, "data_table", "chart");
	if (ch.type == DOC_CHART_LINE && (ch.horizontal || ch.stacked))
		return luaL_error(L, "chart: a line chart is neither horizontal nor stacked");
	ch.title = arg_opt_string(L, 2, "title", d, "chart");
	ch.unit = arg_opt_string(L, 2, "unit", d, "chart");
	if (!arg_sequence(L, lua_getfield(L, 2, "labels")))                /* 3 */
		return luaL_error(L, "chart: 'labels' must be a table");
	ch.nlabels = (int)luaL_len(L, 3);
	if (ch.nlabels < 1 || ch.nlabels > 1000)
		return luaL_error(L, "chart: needs 1 to 1000 labels, got %d", ch.nlabels);
	ch.labels = arena_alloc(d->arena, (size_t)ch.nlabels * sizeof *ch.labels);
	if (!ch.labels)
		arg_oom(L);
	for (int j = 0; j < ch.nlabels; j++) {
		lua_geti(L, 3, j + 1);
		ch.labels[j] = doc_strdup(d, arg_value_text(L, -1, "chart label"));
		lua_pop(L, 1);
	}
	if (lua_getfield(L, 2, "series") != LUA_TTABLE)                 /* 4 */
		return luaL_error(L, "chart: 'series' must be a list of series, { {name=, values=}, "
		                  "... }, got %s", luaL_typename(L, 4));
	if (lua_getfield(L, 4, "values") != LUA_TNIL || lua_getfield(L, 4, "name") != LUA_TNIL)
		return luaL_error(L, "chart: 'series' must be a list of series: wrap the one series "
		                  "in braces, series = { {name=, values=} }");
	lua_settop(L, 4);
	ch.nseries = (int)luaL_len(L, 4);
	if (ch.nseries < 1 || ch.nseries > 12)
		return luaL_error(L, "chart: needs 1 to 12 series, got %d", ch.nseries);
	ch.series = arena_alloc(d->arena, (size_t)ch.nseries * sizeof *ch.series);
	if (!ch.series)
		arg_oom(L);
	for (int i = 0; i < ch.nseries; i++) {
		if (lua_geti(L, 4, i + 1) != LUA_TTABLE)
			return luaL_error(L, "chart series %d: expected {name=, values=}", i + 1);
		static const char *const series_options[] = {"name", "values", NULL};
		char swhat[32];
		snprintf(swhat, sizeof swhat, "chart series %d", i + 1);
		arg_check_options(L, -1, swhat, series_options);
		ch.series[i].name = arg_opt_string(L, -1, "name", d, "chart series");
		if (!arg_sequence(L, lua_getfield(L, -1, "values")))
			return luaL_error(L, "chart series %d: 'values' must be a table", i + 1);
		int nv = (int)luaL_len(L, -1);
		if (nv != ch.nlabels)
			return luaL_error(L, "chart series %d has %d values for %d labels", i + 1, nv,
			                  ch.nlabels);
		double *v = arena_alloc(d->arena, (size_t)nv * sizeof *v);
		if (!v)
			arg_oom(L);
		for (int j = 0; j < nv; j++) {
			lua_geti(L, -1, j + 1);
			if (lua_isnil(L, -1))
				v[j] = NAN;
			else if (lua_isnumber(L, -1) && fabs(lua_tonumber(L, -1)) <= 1e15)
				v[j] = lua_tonumber(L, -1);
			else if (lua_isnumber(L, -1) && isnan(lua_tonumber(L, -1)))
				return luaL_error(L, "chart series %d, value %d: not a number (NaN); use nil "
				                  "for a missing value", i + 1, j + 1);
			else if (lua_isnumber(L, -1))
				return luaL_error(L, "chart series %d, value %d: %s is out of range (at most "
				                  "1e15 either way)", i + 1, j + 1, lua_tostring(L, -1));
			else
				return luaL_error(L, "chart series %d, value %d: expected a number", i + 1,
				                  j + 1);
			lua_pop(L, 1);
		}
		ch.series[i].values = v;
		lua_pop(L, 2);
	}
	doc_block *b = add(L, u, DOC_CHART);
	b->u.chart = ch;
	if (data_table)
		add_data_table(L, u, &ch);
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

/* entry.inferred, for a protected call: a record whose collection has no
 * such field gives nil, and an entry whose own __index raises means
 * "nothing inferred". */
static int get_inferred(lua_State *L)
{
	relations_getfield(L, 1, "inferred");
	return 1;
}

/* Whether the entry at index i says its date or year is inferred: its
 * `inferred` field, a list naming "date" or "year". */
static bool date_inferred(lua_State *L, int i)
{
	lua_pushcfunction(L, get_inferred);
	lua_pushvalue(L, i);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK || !arg_sequence(L, lua_type(L, -1))) {
		lua_pop(L, 1);
		return false;
	}
	bool inferred = false;
	lua_Integer n = luaL_len(L, -1);
	for (lua_Integer k = 1; k <= n && k <= 64 && !inferred; k++) {
		lua_geti(L, -1, k);
		const char *s = lua_tostring(L, -1);
		inferred = s && (strcmp(s, "date") == 0 || strcmp(s, "year") == 0);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return inferred;
}

static int m_timeline(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	int kind = lua_type(L, 2);
	if (kind != LUA_TTABLE && kind != LUA_TUSERDATA)
		return luaL_typeerror(L, 2, "collection or table of dated records");
	lua_settop(L, 3);
	doc_timeline tl = {0};
	const char *group_field = NULL;     /* group = "kind": each record's kind */
	if (!lua_isnil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		static const char *const timeline_options[] = {"title", "label", "group", "to_scale",
		                                               NULL};
		arg_check_options(L, 3, "timeline", timeline_options);
		tl.title = arg_opt_string(L, 3, "title", d, "timeline");
		tl.even = lua_getfield(L, 3, "to_scale") == LUA_TBOOLEAN && !lua_toboolean(L, -1);
		lua_pop(L, 1);
		const char *group = arg_opt_string(L, 3, "group", d, "timeline");
		if (group && strcmp(group, "decade") == 0)
			tl.by_decade = true;
		else
			group_field = group;
	}
	lua_len(L, 2);
	lua_Integer n = lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (n < 0 || n > 100000)
		return luaL_error(L, "timeline: too many entries");
	tl.entries = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *tl.entries);
	if (!tl.entries)
		arg_oom(L);
	for (lua_Integer i = 1; i <= n; i++) {
		char what[48];
		snprintf(what, sizeof what, "timeline entry %d", (int)i);
		lua_geti(L, 2, i);                                          /* 4 */
		doc_timeline_entry *e = &tl.entries[tl.nentries++];
		if (relations_getfield(L, 4, "date") == LUA_TNIL) {
			lua_pop(L, 1);
			relations_getfield(L, 4, "year");
		}
		if (lua_isnil(L, -1))
			return luaL_error(L, "%s: has no date or year", what);
		e->date = doc_strdup(d, arg_value_text(L, -1, what));
		lua_pop(L, 1);
		e->inferred = date_inferred(L, 4);
		if (lua_istable(L, 3))
			lua_getfield(L, 3, "label");
		else
			lua_pushnil(L);
		if (lua_isfunction(L, -1)) {
			lua_pushvalue(L, 4);
			lua_call(L, 1, 1);
		} else {
			lua_pop(L, 1);
			if (relations_getfield(L, 4, "title") == LUA_TNIL) {
				lua_pop(L, 1);
				if (relations_getfield(L, 4, "name") == LUA_TNIL) {
					lua_pop(L, 1);
					relations_getfield(L, 4, "label");
				}
			}
		}
		e->label = arg_text(L, -1, d, what);
		lua_pop(L, 1);
		if (group_field) {
			char gwhat[64];
			snprintf(gwhat, sizeof gwhat, "timeline: group '%s'", group_field);
			relations_check_field(L, 4, group_field, gwhat);
			lua_getfield(L, 4, group_field);
			if (!lua_isnil(L, -1))
				e->group = doc_strdup(d, arg_value_text(L, -1, what));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	doc_block *b = add(L, u, DOC_TIMELINE);
	b->u.timeline = tl;
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

/* doc:image(path [, {width=, caption=}]): the file is read once, here,
 * through the path rule (beneath the script's, data or template folders),
 * and checked whole before the document keeps it. */
static int m_image(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	doc_document *d = u->doc;
	const char *given = arg_utf8(L, 2, "image");
	double width = 0;
	const char *caption = NULL;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		static const char *const image_options[] = {"width", "caption", NULL};
		arg_check_options(L, 3, "image", image_options);
		width = arg_opt_number(L, 3, "width", 0, "image");
		caption = arg_opt_string(L, 3, "caption", d, "image");
	}
	int nroots;
	const char *const *roots = sbx_read_roots(L, &nroots);
	const run_job *job = sbx_job(L);
	char sdir[PATH_LIMIT], why[256];
	path_folder_of(job->script, sdir);
	path_file f;
	path_status st = path_read(roots, nroots, given, sdir, IMAGE_MAX_BYTES, &f, why, sizeof why);
	if (st != PATH_OK)
		return luaL_error(L, "image: '%s': %s%s", given, why, st == PATH_OUTSIDE
		                  ? " (the script's own folder, data and templates)" : "");
	/* decoded whole from its bytes in memory: the file is never read again */
	long long max_pixels = job->limits.image_pixels > 0 ? job->limits.image_pixels
	                                                    : IMAGEFILE_MAX_PIXELS_DEFAULT;
	imagefile *img = imagefile_decode(f.data, f.len, max_pixels, why, sizeof why);
	path_free(&f);
	if (!img)
		return sbx_fail(L, strstr(why, "more than the limit") ? EXIT_LIMIT : EXIT_SCRIPT,
		                "image: '%s': %s%s", given, why, strstr(why, "more than the limit")
		                ? " (raise it with --max-image-pixels)" : "");
	if (u->closed)
		imagefile_free(img);
	still_open(L, u);
	doc_block *b = doc_add_image(d, img, sbx_script_line(L));   /* owns img from here */
	if (!b)
		arg_oom(L);
	b->u.image.path = doc_strdup(d, f.resolved);
	b->u.image.width = width;
	b->u.image.caption = caption;
	close_method(u);
	lua_settop(L, 1);
	return 1;
}

static int m_contents(lua_State *L)
{
	add(L, check_document(L, 1), DOC_CONTENTS);
	lua_settop(L, 1);
	return 1;
}

/* doc:lang(): the document's language, "en" or "ko", for templates that
 * write their own words (headings, dates) in it. */
static int m_lang(lua_State *L)
{
	document_ud *u = check_document(L, 1);
	lua_pushstring(L, u->doc->meta.lang ? u->doc->meta.lang : "en");
	return 1;
}

static int m_page_break(lua_State *L)
{
	add(L, check_document(L, 1), DOC_PAGE_BREAK);
	lua_settop(L, 1);
	return 1;
}

/* The list of sources: a placeholder filled in by fill_sources() when the
 * document is saved, so it lists every source numbered by then. */
static int m_sources(lua_State *L)
{
	doc_block *b = add(L, check_document(L, 1), DOC_LIST);
	b->u.list.sources = true;
	lua_settop(L, 1);
	return 1;
}

/* doc:cite(record) -> "[N]": N is the number of the record's source in the
 * document's list of sources, given when the source first reaches the
 * document (a block showing a value of one of its records, or a citation),
 * so the marker and the list agree wherever the list is and whenever the
 * document is saved. The marker carries the record: the block that shows
 * it is credited with it. */
static int m_cite(lua_State *L)
{
	document_ud *u = check_document(L, 1);
	const ds_record *r = relations_to_record(L, 2);
	if (!r)
		return luaL_typeerror(L, 2, "relations.Record");
	prov_run *p = prov_get(L);
	char marker[32];
	/* every record has a source (the dataset is checked when loaded) */
	if (!p || prov_cite(p, u->doc, r, marker, sizeof marker) == 0)
		arg_oom(L);
	lua_pushstring(L, marker);
	return 1;
}

/* At save: credits the blocks not yet credited, the tables of contents
 * with their headings' records, and fills every list of sources with the
 * sources numbered so far: "*Title.* Publisher, date." each, in number
 * order, dates in words in the document's language. */
static void fill_sources(lua_State *L, document_ud *u)
{
	credit_blocks(u);
	if (u->prov_failed || !sourcelist_fill(prov_get(L), u->doc))
		arg_oom(L);
}

/* The run's provenance so far, in the registry: "brief.sidecar" is
 * { [resolved PDF] = k, [k] = the JSON of the k-th PDF saved }, and
 * "brief.sidecar.temp" the name of the file last written. */
#define SIDECAR "brief.sidecar"
#define SIDECAR_TEMP "brief.sidecar.temp"

/* --provenance: adds the records of each page of the PDF just saved (laid
 * out as o) to the run's provenance file, written whole again into the
 * private folder at every save, and tells the parent its name; the parent
 * commits it with the PDFs, beneath the folder the operator named. */
static void write_provenance(lua_State *L, const lay_doc *o, const doc_document *d,
                             const char *target, const out_plan *plan)
{
	const run_job *job = sbx_job(L);
	prov_run *p = prov_get(L);
	char resolved[PATH_LIMIT], temp[PATH_LIMIT], err[PATH_LIMIT + 64];
	if (path_output(job->output_root, target, NULL, resolved, err, sizeof err) != PATH_OK)
		snprintf(resolved, sizeof resolved, "%s", target);
	if (lua_getfield(L, LUA_REGISTRYINDEX, SIDECAR) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, SIDECAR);
	}
	int t = lua_gettop(L);
	lua_Integer at = lua_getfield(L, t, resolved) == LUA_TNUMBER ? lua_tointeger(L, -1)
	                 : (lua_Integer)lua_rawlen(L, t) + 1;      /* saved again: replaced */
	lua_pop(L, 1);
	int nnames = p ? prov_nrecords(p) : 0;
	const char **names = lua_newuserdatauv(L, (size_t)(nnames ? nnames : 1) * sizeof *names, 0);
	for (int s = 0; s < nnames; s++)
		names[s] = prov_name(p, s);
	char **json = sbx_new_box(L, NULL);     /* freed by __gc if a raise comes first */
	if (!(*json = sidecar_document(o, d, target, names, p ? prov_order(p) : NULL, nnames)))
		arg_oom(L);
	lua_pushstring(L, *json);
	lua_rawseti(L, t, at);
	lua_pushinteger(L, at);
	lua_setfield(L, t, resolved);
	int n = (int)lua_rawlen(L, t);
	const char **docs = lua_newuserdatauv(L, (size_t)n * sizeof *docs, 0);
	for (int i = 0; i < n; i++) {
		lua_rawgeti(L, t, i + 1);
		docs[i] = lua_tostring(L, -1);      /* held by the table */
		lua_pop(L, 1);
	}
	lua_getfield(L, LUA_REGISTRYINDEX, SIDECAR_TEMP);                 /* the one before */
	if (sidecar_write(plan->tmpdir, docs, n, temp, sizeof temp, err, sizeof err) != SAVE_OK)
		sbx_fail(L, EXIT_OUTPUT, "save: cannot write %s: %s", job->provenance, err);
	if (lua_isstring(L, -1)) {
		char old[PATH_LIMIT * 2];
		snprintf(old, sizeof old, "%s/%s", plan->tmpdir, lua_tostring(L, -1));
		unlink(old);
	}
	lua_pushstring(L, temp);
	lua_setfield(L, LUA_REGISTRYINDEX, SIDECAR_TEMP);
	const char *fields[1] = {temp};
	run_send(job->channel, MSG_PROVENANCE, fields, 1);
	free(*json);
	*json = NULL;
	lua_settop(L, t - 1);
}

/* ---- save ---------------------------------------------------------------------------- */

/* The target doc:save(path) writes: the job's output when no path is
 * given; a relative path is taken in the output folder, and any path must
 * resolve beneath it (util/path.h). Writes the path as the script will see
 * it to named, or raises. */
static void output_target(lua_State *L, int i, char named[PATH_LIMIT])
{
	const run_job *job = sbx_job(L);
	const char *given = lua_isnoneornil(L, i) ? job->output : arg_utf8(L, i, "save");
	size_t len = strlen(given);
	if (len < 5 || strcmp(given + len - 4, ".pdf") != 0)
		luaL_error(L, "save: '%s' must end in .pdf", given);
	char dir[PATH_LIMIT], resolved[PATH_LIMIT], why[PATH_LIMIT + 64];
	path_folder_of(job->output, dir);
	if (given == job->output || given[0] == '/')
		snprintf(named, PATH_LIMIT, "%s", given);
	else if (snprintf(named, PATH_LIMIT, "%s/%s", dir, given) >= PATH_LIMIT)
		sbx_fail(L, EXIT_OUTPUT, "save: '%s': the path is too long", given);
	path_status st = path_output(job->output_root, named, NULL, resolved, why, sizeof why);
	if (st != PATH_OK)
		sbx_fail(L, st == PATH_NOT_REGULAR ? EXIT_OUTPUT : EXIT_SCRIPT, "save: '%s': %s",
		         given, why);
}

/* The worker's plan: the PDFs saved so far, in the private folder. Its
 * files are the parent's to commit or remove; __gc frees only memory. */
static int plan_gc(lua_State *L)
{
	plan_free(lua_touserdata(L, 1));
	return 0;
}

static out_plan *worker_plan(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, "brief.plan") == LUA_TUSERDATA) {
		out_plan *p = lua_touserdata(L, -1);
		lua_pop(L, 1);
		return p;
	}
	lua_pop(L, 1);
	const run_job *job = sbx_job(L);
	out_plan *p = lua_newuserdatauv(L, sizeof *p, 0);
	memset(p, 0, sizeof *p);
	lua_newtable(L);
	lua_pushcfunction(L, plan_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.plan");
	char err[PATH_LIMIT + 64];
	if (plan_init(p, job->output_root, job->tmpdir ? job->tmpdir : "/tmp", err,
	              sizeof err) != 0)
		sbx_fail(L, EXIT_OUTPUT, "save: %s", err);
	return p;
}

/* Layout result freed by __gc/__close even if a later step raises. */
typedef struct layout_ud { lay_doc *doc; } layout_ud;

static int layout_gc(lua_State *L)
{
	layout_ud *u = lua_touserdata(L, 1);
	lay_free(u->doc);
	u->doc = NULL;
	return 0;
}

static layout_ud *new_layout(lua_State *L)
{
	layout_ud *lu = lua_newuserdatauv(L, sizeof *lu, 0);
	lu->doc = NULL;
	lua_newtable(L);
	lua_pushcfunction(L, layout_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	return lu;
}

/* The PDF's information: no title, the script's file name, as in the
 * outline; no author is ever made up. */
static pdf_info info_of(lua_State *L, const doc_document *d)
{
	const run_job *job = sbx_job(L);
	const char *base = strrchr(job->script, '/');
	pdf_info info = {.title = d->meta.title ? d->meta.title : base ? base + 1 : job->script,
	                 .subject = d->meta.subtitle, .author = d->meta.author,
	                 .creator = "brief " BRIEF_VERSION, .producer = "brief " BRIEF_VERSION,
	                 .date = -1};
	if (getenv("SOURCE_DATE_EPOCH"))
		info.date = sbx_now();
	return info;
}

static const int exit_of[] = {
	[SAVE_OK] = EXIT_OK, [SAVE_ERROR] = EXIT_SCRIPT, [SAVE_LIMIT] = EXIT_LIMIT,
	[SAVE_OUTPUT] = EXIT_OUTPUT,
};

/* doc:save([path]) -> path, pages: lays the document out, then writes it
 * to the private folder for the parent to commit when the run succeeds
 * (output/save.h does both; this binding reports). */
static int m_save(lua_State *L)
{
	document_ud *u = open_document(L, 1);
	const run_job *job = sbx_job(L);
	char target[PATH_LIMIT], err[PATH_LIMIT + 256];
	output_target(L, 2, target);
	lua_settop(L, 1);
	/* what the script holds no more -- all of its tables when the document
	 * is saved at the end, the chunk having returned -- is freed for the
	 * layout to reuse, rather than kept beside it */
	lua_gc(L, LUA_GCCOLLECT);
	out_plan *plan = worker_plan(L);
	if (plan->nfiles >= PLAN_MAX_FILES)
		return sbx_fail(L, EXIT_LIMIT, "save: more than %d PDFs in one run (a fixed limit)",
		                PLAN_MAX_FILES);
	layout_ud *lu = new_layout(L);                                  /* 2 */
	fill_sources(L, u);
	still_open(L, u);
	lay_result res;
	char temp[PATH_LIMIT * 2];
	bool stream = !job->check && !job->provenance;  /* --provenance reads every page */
	bool writing = false;
	pdf_info info = job->check ? (pdf_info){.date = -1} : info_of(L, u->doc);
	save_status st = stream ? save_stream(u->doc, job->fonts, job->limits.pages, &info, plan,
	                                      job->limits.output_bytes, &res, temp, sizeof temp,
	                                      &writing, err, sizeof err)
	                        : save_layout(u->doc, job->fonts, job->limits.pages, &res, err,
	                                      sizeof err);
	if (st != SAVE_OK && writing)
		return sbx_fail(L, exit_of[st], "save: cannot write %s: %s", target, err);
	if (st != SAVE_OK)
		return sbx_fail(L, exit_of[st], "save: %s", err);
	lu->doc = res.doc;
	for (int i = 0; i < res.nwarnings; i++)
		sbx_warn(L, res.warnings[i].line, res.warnings[i].message);
	if (job->strict && sbx_warnings(L) > 0) {
		if (stream)
			unlink(temp);
		return sbx_fail(L, EXIT_STRICT, "save: %d warning%s with --strict: nothing written",
		                sbx_warnings(L), sbx_warnings(L) == 1 ? "" : "s");
	}
	int pages = res.doc->npages;
	char npages[16];
	snprintf(npages, sizeof npages, "%d", pages);
	const char *fields[3] = {"", target, npages};       /* --check: no file, a report */
	if (job->check && plan_add(plan, NULL, target, pages, err, sizeof err) != 0)
		return sbx_fail(L, EXIT_LIMIT, "save: %s", err);
	if (!job->check) {
		st = stream ? save_commit(plan, temp, target, pages, err, sizeof err)
		            : save_pdf(res.doc, &info, plan, target, job->limits.output_bytes, err,
		                       sizeof err);
		if (st != SAVE_OK)
			return sbx_fail(L, exit_of[st], "save: cannot write %s: %s", target, err);
		fields[0] = plan->files[plan->nfiles - 1].temp;
		for (int i = 0; i < plan->nfiles; i++)      /* saved to it before: replaced */
			if (strcmp(plan->files[i].target, target) == 0)
				fields[0] = plan->files[i].temp;
		if (job->provenance)
			write_provenance(L, res.doc, u->doc, target, plan);
	}
	run_send(job->channel, MSG_OUTPUT, fields, 3);
	u->saved = true;
	lua_pushinteger(L, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.saved");
	lay_free(lu->doc);
	lu->doc = NULL;
	close_method(u);
	lua_pushstring(L, target);
	lua_pushinteger(L, pages);
	return 2;
}

static int m_gc(lua_State *L)
{
	document_ud *u = luaL_checkudata(L, 1, DOCUMENT);
	doc_free(u->doc);
	u->doc = NULL;
	u->closed = true;
	return 0;
}

/* <close>: the document is closed at once, its memory freed unless a
 * method running on it still holds it (then at collection). */
static int m_close(lua_State *L)
{
	document_ud *u = luaL_checkudata(L, 1, DOCUMENT);
	u->closed = true;
	if (u->busy == 0) {
		doc_free(u->doc);
		u->doc = NULL;
	}
	return 0;
}

static int m_tostring(lua_State *L)
{
	document_ud *u = luaL_checkudata(L, 1, DOCUMENT);
	if (u->closed || !u->doc)
		lua_pushliteral(L, "brief.Document (closed)");
	else
		lua_pushfstring(L, "brief.Document (%d blocks)", u->doc->nblocks);
	return 1;
}

/* Methods first, then functions of the document's template, which become
 * ready-made sections: doc:milestones(...) calls template.milestones(doc, ...). */
/* The names of document_methods, for "did you mean". */
static const char *const method_names[] = {
	"heading", "paragraph", "list", "table", "chart", "timeline", "image", "contents",
	"sources", "cite", "lang", "page_break", "save", NULL
};

/* doc.name: brief's method, else a section of the document's template or
 * of its base; any other name is an error saying what was likely meant. */
static int m_index(lua_State *L)
{
	luaL_checkudata(L, 1, DOCUMENT);
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "methods");
	lua_pushvalue(L, 2);
	if (lua_rawget(L, -2) != LUA_TNIL)
		return 1;
	lua_getiuservalue(L, 1, 1);
	for (int depth = 0; depth < 8 && lua_istable(L, -1) && lua_type(L, 2) == LUA_TSTRING;
	     depth++) {
		lua_pushvalue(L, 2);
		lua_gettable(L, -2);
		if (lua_isfunction(L, -1))
			return 1;
		lua_pop(L, 1);
		if (lua_getfield(L, -1, "base") == LUA_TNIL)  /* inherited from its base */
			break;
		tpl_push(L, lua_gettop(L), depth + 1);
	}
	if (lua_type(L, 2) != LUA_TSTRING)
		return luaL_error(L, "a document's methods are named: doc:paragraph(...), not doc[%s]",
		                  luaL_tolstring(L, 2, NULL));
	lua_getiuservalue(L, 1, 1);
	tpl_missing_method(L, lua_gettop(L), lua_tostring(L, 2), method_names);
	return 0;
}

/* ---- brief.params ---------------------------------------------------------------------- */

/* brief.params is a proxy over the --set values (upvalue 1) that remembers,
 * in upvalue 2, every key the script or a template read and the line of the
 * first read: brief_finish() warns of a value never read. */
static int params_index(lua_State *L)
{
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TNIL) {
		lua_pushvalue(L, 2);
		lua_pushinteger(L, sbx_script_line(L));
		lua_rawset(L, lua_upvalueindex(2));
	}
	lua_pushvalue(L, 2);
	lua_rawget(L, lua_upvalueindex(1));
	return 1;
}

static int params_newindex(lua_State *L)
{
	lua_pushvalue(L, 2);
	lua_pushinteger(L, sbx_script_line(L));
	lua_rawset(L, lua_upvalueindex(2));     /* set by the script: nothing to warn of */
	lua_settop(L, 3);
	lua_rawset(L, lua_upvalueindex(1));
	return 0;
}

/* pairs(brief.params) reads every value. */
static int params_pairs(lua_State *L)
{
	lua_pushnil(L);
	while (lua_next(L, lua_upvalueindex(1))) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushinteger(L, sbx_script_line(L));
		lua_rawset(L, lua_upvalueindex(2));
	}
	lua_pushvalue(L, lua_upvalueindex(3));     /* the sandbox's next, in a fixed order */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushnil(L);
	return 3;
}

static void push_params(lua_State *L, const run_job *job)
{
	lua_newtable(L);                                /* the proxy */
	lua_createtable(L, 0, job->nparams);            /* the values */
	for (int i = 0; i < job->nparams; i++) {
		lua_pushstring(L, job->params[i].value);
		lua_setfield(L, -2, job->params[i].key);
	}
	lua_newtable(L);                                /* the reads */
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.params.read");
	lua_createtable(L, 0, 4);                       /* the metatable */
	static const char *const names[] = {"__index", "__newindex", "__pairs"};
	static const lua_CFunction fns[] = {params_index, params_newindex, params_pairs};
	for (int k = 0; k < 3; k++) {
		lua_pushvalue(L, -3);
		lua_pushvalue(L, -3);
		lua_getglobal(L, "next");       /* the sandbox's, before any script runs */
		lua_pushcclosure(L, fns[k], 3);
		lua_setfield(L, -2, names[k]);
	}
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_remove(L, -2);
	lua_remove(L, -2);
	lua_setmetatable(L, -2);
}

/* Warns of each --set value the run never read, at the line that read the
 * nearest name the run asked for (--set form=2010 when the script reads
 * brief.params.from), else without a line. */
static void warn_unread_params(lua_State *L)
{
	const run_job *job = sbx_job(L);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.params.read");
	int read = lua_gettop(L);
	if (!lua_istable(L, read)) {
		lua_pop(L, 1);
		return;
	}
	const char *asked[65];
	int nasked = 0;
	lua_pushnil(L);
	while (nasked < 64 && lua_next(L, read)) {
		lua_pop(L, 1);
		bool given = false;
		for (int i = 0; i < job->nparams && !given; i++)
			given = lua_type(L, -1) == LUA_TSTRING &&
			        strcmp(job->params[i].key, lua_tostring(L, -1)) == 0;
		if (!given && lua_type(L, -1) == LUA_TSTRING)
			asked[nasked++] = lua_tostring(L, -1);      /* held by the table */
	}
	if (nasked == 64)
		lua_pop(L, 1);      /* the key the loop stopped at */
	asked[nasked] = NULL;
	for (int i = 0; i < job->nparams; i++) {
		const run_param *p = &job->params[i];
		if (lua_getfield(L, read, p->key) != LUA_TNIL) {
			lua_pop(L, 1);
			continue;
		}
		lua_pop(L, 1);
		const char *near = arg_nearest(p->key, asked);
		char msg[512];
		if (near) {
			lua_getfield(L, read, near);
			int line = (int)lua_tointeger(L, -1);
			lua_pop(L, 1);
			snprintf(msg, sizeof msg, "parameter '%.100s' (--set %.100s=%.100s) is never read; "
			         "this line reads brief.params.%.100s: did you mean --set %.100s=%.100s?",
			         p->key, p->key, p->value, near, near, p->value);
			sbx_warn(L, line, msg);
		} else {
			snprintf(msg, sizeof msg, "parameter '%.100s' (--set %.100s=%.100s) is never read "
			         "by the script", p->key, p->key, p->value);
			sbx_warn(L, 0, msg);
		}
	}
	lua_pop(L, 1);
}

int brief_finish(lua_State *L)
{
	warn_unread_params(L);
	const run_job *job = sbx_job(L);
	if (job->strict && sbx_warnings(L) > 0)
		return sbx_fail(L, EXIT_STRICT, "%s: %d warning%s with --strict: nothing written",
		                job->script, sbx_warnings(L), sbx_warnings(L) == 1 ? "" : "s");
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.saved");
	bool saved = !lua_isnil(L, -1);
	lua_pop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.documents");
	lua_Integer n = lua_istable(L, -1) ? (lua_Integer)lua_rawlen(L, -1) : 0;
	if (saved || n == 0) {
		lua_pop(L, 1);
		return 0;
	}
	lua_rawgeti(L, -1, n);
	document_ud *u = luaL_checkudata(L, -1, DOCUMENT);
	if (u->closed || !u->doc) {
		lua_pop(L, 2);
		return 0;
	}
	lua_pushcfunction(L, m_save);
	lua_insert(L, -2);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		return luaL_error(L, "%s:%d: %s (saving the document made here, at the end of the "
		                  "script)", sbx_job(L)->script, u->line, lua_tostring(L, -1));
	lua_pop(L, 1);
	return 0;
}

static const luaL_Reg document_methods[] = {
	{"heading", m_heading}, {"paragraph", m_paragraph}, {"list", m_list},
	{"table", m_table}, {"chart", m_chart}, {"timeline", m_timeline},
	{"image", m_image}, {"contents", m_contents}, {"sources", m_sources},
	{"cite", m_cite}, {"lang", m_lang}, {"page_break", m_page_break}, {"save", m_save},
	{NULL, NULL}
};

static const luaL_Reg document_meta[] = {
	{"__index", m_index}, {"__gc", m_gc}, {"__close", m_close},
	{"__tostring", m_tostring}, {NULL, NULL}
};

static int check_options_call(lua_State *L)
{
	arg_check_options(L, 1, lua_tostring(L, 2), lua_touserdata(L, 3));
	return 0;
}

/* brief.check_options(opts, what, {known...}): the check every function of
 * brief makes of its options table (a key not known is an error naming the
 * nearest), for templates' sections; nil opts pass. Returns opts. */
static int b_check_options(lua_State *L)
{
	const char *what = luaL_checkstring(L, 2);
	luaL_checktype(L, 3, LUA_TTABLE);
	if (lua_isnoneornil(L, 1))
		return 0;
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer n = luaL_len(L, 3);
	if (n > 64)
		return luaL_argerror(L, 3, "at most 64 option names");
	const char *known[65];
	for (lua_Integer k = 1; k <= n; k++) {
		lua_geti(L, 3, k);
		known[k - 1] = luaL_checkstring(L, -1);     /* held by the table */
		lua_pop(L, 1);
	}
	known[n] = NULL;
	lua_pushcfunction(L, check_options_call);
	lua_pushvalue(L, 1);
	lua_pushstring(L, what);
	lua_pushlightuserdata(L, known);
	if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
		/* the analyst's line, not the template's that checks for it */
		int line = sbx_script_line(L);
		if (line > 0 && lua_type(L, -1) == LUA_TSTRING)     /* not luaL_error: no where */
			lua_pushfstring(L, "%s:%d: %s", sbx_job(L)->script, line, lua_tostring(L, -1));
		return lua_error(L);
	}
	lua_settop(L, 1);
	return 1;
}

static const luaL_Reg functions[] = {
	{"document", b_document}, {"check_options", b_check_options}, {NULL, NULL}
};

int luaopen_brief(lua_State *L)
{
	const run_job *job = sbx_job(L);
	luaL_newmetatable(L, DOCUMENT);
	luaL_setfuncs(L, document_meta, 0);
	luaL_newlib(L, document_methods);
	lua_setfield(L, -2, "methods");
	lua_pushboolean(L, 0);      /* out of scripts' reach: no forged __gc */
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.documents");

	luaL_newlib(L, functions);
	push_params(L, job);
	lua_setfield(L, -2, "params");
	lua_pushliteral(L, BRIEF_VERSION);
	lua_setfield(L, -2, "version");

	/* the Lua half adds its functions to the module table */
	if (luaL_loadbufferx(L, brief_lua, brief_lua_size, "=[brief]", "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, -2);
	lua_call(L, 1, 0);
	arg_strict_table(L, -1, "brief");
	return 1;
}

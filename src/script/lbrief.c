/*
 * lbrief.c -- require "brief": documents built from Lua, laid out and saved
 * as PDF.
 *
 * A brief.Document userdata owns a doc_document; each method checks its
 * arguments, then adds a block. save() lays the document out, writes the PDF
 * to a temporary file beside its destination and tells the parent, which
 * renames it into place only when the whole run succeeds. The Lua half of
 * the module (brief.format and friends) is src/script/brief.lua, compiled in.
 */
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/document.h"
#include "doc/markup.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "script/modules.h"
#include "script/run.h"
#include "script/sandbox.h"
#include "util/arena.h"
#include "util/imagefile.h"
#include "util/utf8.h"

#define DOCUMENT "brief.Document"
#define MAX_POINTS 10000    /* sizes, widths and margins: 3.5 m is surely a mistake */

extern const char brief_lua[];
extern const size_t brief_lua_size;

typedef struct document_ud {
	doc_document *doc;      /* NULL once closed */
	bool saved;
	int line;               /* where the script made it, for late errors */
} document_ud;

/* ---- helpers ------------------------------------------------------------------- */

static document_ud *check_document(lua_State *L, int i)
{
	document_ud *u = luaL_checkudata(L, i, DOCUMENT);
	if (!u->doc)
		luaL_argerror(L, i, "document is closed");
	return u;
}

/* The line of the analyst's script that is running: the innermost level in
 * the script itself, else the innermost Lua level. */
static int script_line(lua_State *L)
{
	const run_job *job = sbx_job(L);
	lua_Debug ar;
	int fallback = 0;
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		if (ar.source[0] == '@' && strcmp(ar.source + 1, job->script) == 0)
			return ar.currentline;
		if (!fallback)
			fallback = ar.currentline;
	}
	return fallback;
}

static void oom(lua_State *L)
{
	luaL_error(L, "out of memory");
}

/* Checks that the value at i is text (a string or a number) of valid UTF-8
 * and returns it. */
static const char *check_utf8(lua_State *L, int i, const char *what)
{
	int t = lua_type(L, i);
	if (t != LUA_TSTRING && t != LUA_TNUMBER)
		luaL_error(L, "%s: expected text, got %s", what, luaL_typename(L, i));
	size_t n;
	const char *s = lua_tolstring(L, i, &n);
	if (strlen(s) != n)
		luaL_error(L, "%s: text contains a NUL byte", what);
	size_t bad = utf8_invalid_at(s, n);
	if (bad != (size_t)-1)
		luaL_error(L, "%s: invalid UTF-8 at byte %d", what, (int)bad + 1);
	return s;
}

/* A cell or label value as text: nil is empty, integers print without a
 * decimal point, other numbers with up to 14 significant digits. */
static const char *value_text(lua_State *L, int i, const char *what)
{
	i = lua_absindex(L, i);
	switch (lua_type(L, i)) {
	case LUA_TNIL:
		return "";
	case LUA_TNUMBER:
		if (lua_isinteger(L, i))
			lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, i));
		else {
			char buf[64];
			snprintf(buf, sizeof buf, "%.14g", lua_tonumber(L, i));
			lua_pushstring(L, buf);
		}
		lua_replace(L, i);
		return lua_tostring(L, i);
	case LUA_TBOOLEAN:
		lua_pushstring(L, lua_toboolean(L, i) ? "yes" : "no");
		lua_replace(L, i);
		return lua_tostring(L, i);
	case LUA_TSTRING:
		return check_utf8(L, i, what);
	default:
		luaL_tolstring(L, i, NULL);
		lua_replace(L, i);
		return check_utf8(L, i, what);
	}
}

/* Inline text from a string (markup) or a sequence of spans, each a string
 * or {text=, bold=, italic=, link=}. */
static doc_text to_text(lua_State *L, int i, doc_document *d, const char *what)
{
	doc_text t = {0};
	i = lua_absindex(L, i);
	if (lua_type(L, i) != LUA_TTABLE) {
		const char *s = value_text(L, i, what);
		if (!markup_parse(d, s, &t))
			oom(L);
		return t;
	}
	int n = (int)luaL_len(L, i);
	t.spans = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *t.spans);
	if (!t.spans)
		oom(L);
	for (int k = 1; k <= n; k++) {
		lua_geti(L, i, k);
		doc_span *sp = &t.spans[t.nspans];
		if (lua_type(L, -1) == LUA_TTABLE) {
			lua_getfield(L, -1, "text");
			sp->text = doc_strdup(d, value_text(L, -1, what));
			lua_pop(L, 1);
			lua_getfield(L, -1, "bold");
			sp->style |= lua_toboolean(L, -1) ? DOC_BOLD : 0;
			lua_getfield(L, -2, "italic");
			sp->style |= lua_toboolean(L, -1) ? DOC_ITALIC : 0;
			lua_getfield(L, -3, "link");
			if (!lua_isnil(L, -1))
				sp->link = doc_strdup(d, check_utf8(L, -1, what));
			lua_pop(L, 3);
		} else {
			sp->text = doc_strdup(d, value_text(L, -1, what));
		}
		if (!sp->text)
			oom(L);
		t.nspans++;
		lua_pop(L, 1);
	}
	return t;
}

/* A table or a collection: anything with a length and items. */
static bool sequence(lua_State *L, int type)
{
	return type == LUA_TTABLE || type == LUA_TUSERDATA;
}

static doc_align check_align(lua_State *L, int i, const char *what)
{
	static const char *const names[] = {"left", "center", "right", "justify", NULL};
	static const doc_align values[] = {DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT,
	                                   DOC_ALIGN_JUSTIFY};
	if (lua_isnil(L, i))
		return DOC_ALIGN_DEFAULT;
	const char *s = lua_tostring(L, i);
	for (int k = 0; s && names[k]; k++)
		if (strcmp(s, names[k]) == 0)
			return values[k];
	luaL_error(L, "%s: align must be \"left\", \"center\", \"right\" or \"justify\"", what);
	return DOC_ALIGN_DEFAULT;
}

static double opt_number_field(lua_State *L, int t, const char *key, double def,
                               const char *what)
{
	double v = def;
	if (lua_getfield(L, t, key) != LUA_TNIL) {
		if (!lua_isnumber(L, -1))
			luaL_error(L, "%s: '%s' must be a number", what, key);
		v = lua_tonumber(L, -1);
		if (!(v > 0) || !isfinite(v))
			luaL_error(L, "%s: '%s' must be positive", what, key);
		if (v > MAX_POINTS)
			luaL_error(L, "%s: '%s' is too large (%d points at most)", what, key, MAX_POINTS);
	}
	lua_pop(L, 1);
	return v;
}

static const char *opt_string_field(lua_State *L, int t, const char *key, doc_document *d,
                                    const char *what)
{
	const char *v = NULL;
	if (lua_getfield(L, t, key) != LUA_TNIL) {
		char ctx[128];
		snprintf(ctx, sizeof ctx, "%s: '%s'", what, key);
		v = doc_strdup(d, check_utf8(L, -1, ctx));
		if (!v)
			oom(L);
	}
	lua_pop(L, 1);
	return v;
}

/* ---- templates: style from a table ----------------------------------------------- */

static doc_rgb parse_color(lua_State *L, int i, const char *what)
{
	const char *s = lua_tostring(L, i);
	unsigned r, g, b;
	if (!s || sscanf(s, "#%2x%2x%2x", &r, &g, &b) != 3 || strlen(s) != 7)
		luaL_error(L, "%s: colour must be \"#rrggbb\"", what);
	return (doc_rgb){(float)r / 255, (float)g / 255, (float)b / 255};
}

static doc_family parse_family(lua_State *L, int i, const char *what)
{
	const char *s = lua_tostring(L, i);
	int f = s ? fonts_family_named(s) : -1;
	if (f < 0)
		luaL_error(L, "%s: unknown font '%s' (brief has \"sans\" and \"serif\")", what,
		           s ? s : luaL_typename(L, i));
	return (doc_family)f;
}

typedef enum { F_NUM, F_SIZE, F_COLOR, F_FAMILY, F_BOOL, F_STR, F_ALIGN } ftype;

/* Reads t[key] (t at index t) into *out according to its type, if present. */
static void style_field(lua_State *L, int t, const char *key, ftype type, void *out,
                        doc_document *d, const char *where)
{
	char what[128];
	snprintf(what, sizeof what, "template '%s%s'", where, key);
	if (lua_getfield(L, t, key) == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	switch (type) {
	case F_NUM:
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 0) ||
		    lua_tonumber(L, -1) > MAX_POINTS)
			luaL_error(L, "%s: must be a number from 0 to %d", what, MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_SIZE:        /* a font size or a leading: 0 would divide by zero */
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 1) ||
		    lua_tonumber(L, -1) > MAX_POINTS)
			luaL_error(L, "%s: must be a number from 1 to %d", what, MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_COLOR:
		*(doc_rgb *)out = parse_color(L, -1, what);
		break;
	case F_FAMILY:
		*(doc_family *)out = parse_family(L, -1, what);
		break;
	case F_BOOL:
		*(bool *)out = lua_toboolean(L, -1);
		break;
	case F_STR:
		*(const char **)out = doc_strdup(d, check_utf8(L, -1, what));
		break;
	case F_ALIGN:
		*(int *)out = (int)check_align(L, -1, what);
		break;
	}
	lua_pop(L, 1);
}

static void running_fields(lua_State *L, int t, const char *key, doc_running *r,
                           doc_document *d)
{
	if (lua_getfield(L, t, key) == LUA_TTABLE) {
		int s = lua_gettop(L);
		char where[32];
		snprintf(where, sizeof where, "%s.", key);
		style_field(L, s, "left", F_STR, &r->left, d, where);
		style_field(L, s, "center", F_STR, &r->center, d, where);
		style_field(L, s, "right", F_STR, &r->right, d, where);
		style_field(L, s, "size", F_SIZE, &r->size, d, where);
		style_field(L, s, "color", F_COLOR, &r->color, d, where);
		style_field(L, s, "rule", F_BOOL, &r->rule, d, where);
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L, "template '%s' must be a table", key);
	}
	lua_pop(L, 1);
}

/* Applies the template table at index t to d's style. */
static void apply_template(lua_State *L, int t, doc_document *d)
{
	doc_style *s = &d->style;
	if (lua_getfield(L, t, "paper") != LUA_TNIL) {
		const char *p = lua_tostring(L, -1);
		if (!p || !style_set_paper(s, p))
			luaL_error(L, "template 'paper': unknown paper size (A4, Letter, Legal, A5, A3)");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "margins") == LUA_TTABLE) {
		int m = lua_gettop(L);
		style_field(L, m, "top", F_NUM, &s->margin_top, d, "margins.");
		style_field(L, m, "bottom", F_NUM, &s->margin_bottom, d, "margins.");
		style_field(L, m, "left", F_NUM, &s->margin_left, d, "margins.");
		style_field(L, m, "right", F_NUM, &s->margin_right, d, "margins.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "body") == LUA_TTABLE) {
		int b = lua_gettop(L);
		style_field(L, b, "font", F_FAMILY, &s->body_family, d, "body.");
		style_field(L, b, "size", F_SIZE, &s->body_size, d, "body.");
		style_field(L, b, "leading", F_SIZE, &s->body_leading, d, "body.");
		style_field(L, b, "space", F_NUM, &s->paragraph_space, d, "body.");
		style_field(L, b, "align", F_ALIGN, &s->body_align, d, "body.");
		style_field(L, b, "color", F_COLOR, &s->text_color, d, "body.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "headings") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "font", F_FAMILY, &s->heading_family, d, "headings.");
		style_field(L, h, "color", F_COLOR, &s->heading_color, d, "headings.");
		style_field(L, h, "numbered", F_BOOL, &s->heading_numbers, d, "headings.");
		if (lua_getfield(L, h, "sizes") == LUA_TTABLE)
			for (int i = 0; i < 3; i++) {
				if (lua_geti(L, -1, i + 1) != LUA_TNIL) {
					if (!(lua_tonumber(L, -1) >= 1) || lua_tonumber(L, -1) > MAX_POINTS)
						luaL_error(L, "template headings.sizes[%d]: must be a number from 1 "
						           "to %d", i + 1, MAX_POINTS);
					s->heading_size[i] = lua_tonumber(L, -1);
				}
				lua_pop(L, 1);
			}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "title") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "font", F_FAMILY, &s->title_family, d, "title.");
		style_field(L, h, "size", F_SIZE, &s->title_size, d, "title.");
		style_field(L, h, "subtitle_size", F_SIZE, &s->subtitle_size, d, "title.");
		style_field(L, h, "color", F_COLOR, &s->title_color, d, "title.");
		style_field(L, h, "show", F_BOOL, &s->title_block, d, "title.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "table") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "size", F_SIZE, &s->table_size, d, "table.");
		style_field(L, h, "leading", F_SIZE, &s->table_leading, d, "table.");
		style_field(L, h, "header_fill", F_COLOR, &s->table_header_fill, d, "table.");
		style_field(L, h, "header_text", F_COLOR, &s->table_header_text, d, "table.");
		style_field(L, h, "stripe", F_COLOR, &s->table_stripe, d, "table.");
		style_field(L, h, "rule", F_COLOR, &s->table_rule, d, "table.");
	}
	lua_pop(L, 1);
	style_field(L, t, "accent", F_COLOR, &s->accent, d, "");
	style_field(L, t, "muted", F_COLOR, &s->muted, d, "");
	style_field(L, t, "contents_title", F_STR, &s->contents_title, d, "");
	running_fields(L, t, "header", &s->header, d);
	running_fields(L, t, "footer", &s->footer, d);
}

/* Pushes the template table named at index i (loading templates/NAME.lua
 * once), or the table given there. */
static void push_template(lua_State *L, int i, int depth)
{
	if (lua_type(L, i) == LUA_TTABLE) {
		lua_pushvalue(L, i);
		return;
	}
	const char *name = luaL_checkstring(L, i);
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			luaL_error(L, "document: '%s' is not a template name", name);
	lua_getglobal(L, "require");
	lua_pushstring(L, name);
	const run_job *job = sbx_job(L);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.lua", job->templates_dir, name);
	if (access(path, R_OK) != 0)
		luaL_error(L, "document: unknown template '%s' (no %s)", name, path);
	lua_call(L, 1, 1);
	if (!lua_istable(L, -1))
		luaL_error(L, "document: template '%s' did not return a table", name);
	(void)depth;
}

/* Applies the template at the top of the stack, its base first. */
static void apply_with_base(lua_State *L, doc_document *d, int depth)
{
	int t = lua_gettop(L);
	if (depth > 8)
		luaL_error(L, "document: templates nest more than 8 deep (a 'base' loop?)");
	if (lua_getfield(L, t, "base") != LUA_TNIL) {
		push_template(L, lua_gettop(L), depth + 1);
		apply_with_base(L, d, depth + 1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	apply_template(L, t, d);
}

/* ---- brief.document ---------------------------------------------------------------- */

static int b_document(lua_State *L)
{
	if (lua_isnoneornil(L, 1))
		lua_newtable(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	document_ud *u = lua_newuserdatauv(L, sizeof *u, 1);     /* 2 */
	u->doc = NULL;
	u->saved = false;
	u->line = script_line(L);
	luaL_setmetatable(L, DOCUMENT);
	if (!(u->doc = doc_new()))
		oom(L);
	doc_document *d = u->doc;
	d->meta.title = opt_string_field(L, 1, "title", d, "document");
	d->meta.subtitle = opt_string_field(L, 1, "subtitle", d, "document");
	d->meta.author = opt_string_field(L, 1, "author", d, "document");
	d->meta.date = opt_string_field(L, 1, "date", d, "document");
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
	push_template(L, 3, 0);     /* 4 */
	apply_with_base(L, d, 0);
	lua_setiuservalue(L, 2, 1);
	lua_settop(L, 2);

	if (lua_getfield(L, 1, "paper") != LUA_TNIL) {
		const char *p = lua_tostring(L, -1);
		if (!p || !style_set_paper(&d->style, p))
			return luaL_error(L, "document: unknown paper '%s' (A4, Letter, Legal, A5, A3)",
			                  p ? p : luaL_typename(L, -1));
	}
	lua_pop(L, 1);

	lua_getfield(L, LUA_REGISTRYINDEX, "brief.documents");
	lua_pushvalue(L, 2);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 1);
	return 1;
}

/* ---- document methods ------------------------------------------------------------------ */

static doc_block *add(lua_State *L, doc_document *d, doc_kind kind)
{
	doc_block *b = doc_add(d, kind, script_line(L));
	if (!b)
		oom(L);
	return b;
}

static int m_heading(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	const char *s = check_utf8(L, 2, "heading");
	lua_Integer level = luaL_optinteger(L, 3, 1);
	if (level < 1 || level > 3)
		return luaL_argerror(L, 3, "heading level must be 1, 2 or 3");
	doc_block *b = add(L, d, DOC_HEADING);
	bool ok;
	b->u.heading.level = (int)level;
	b->u.heading.text = doc_plain_text(d, s, &ok);
	if (!ok)
		oom(L);
	lua_settop(L, 1);
	return 1;
}

static int m_paragraph(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	luaL_checkany(L, 2);
	doc_text t = to_text(L, 2, d, "paragraph");
	doc_align align = DOC_ALIGN_DEFAULT;
	double size = 0;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lua_getfield(L, 3, "align");
		align = check_align(L, -1, "paragraph");
		lua_pop(L, 1);
		size = opt_number_field(L, 3, "size", 0, "paragraph");
	}
	doc_block *b = add(L, d, DOC_PARAGRAPH);
	b->u.paragraph.text = t;
	b->u.paragraph.align = align;
	b->u.paragraph.size = size;
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
		oom(L);
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
				l->items[l->nitems++].text = to_text(L, -1, d, what);
				lua_pop(L, 1);
			} else {
				l->items[l->nitems++].text = to_text(L, -1, d, what);
			}
		}
		lua_pop(L, 1);
	}
	return l;
}

static int m_list(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	if (lua_type(L, 2) != LUA_TTABLE && lua_type(L, 2) != LUA_TUSERDATA)
		return luaL_typeerror(L, 2, "table of items");
	bool ordered = false;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lua_getfield(L, 3, "ordered");
		ordered = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	doc_list *l = build_list(L, 2, d, ordered, 0);
	doc_block *b = add(L, d, DOC_LIST);
	b->u.list = *l;
	lua_settop(L, 1);
	return 1;
}

static int m_table(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	if (lua_getfield(L, 2, "columns") != LUA_TTABLE)                /* 3 */
		return luaL_error(L, "table: 'columns' must be a table of columns");
	int ncols = (int)luaL_len(L, 3);
	if (ncols < 1)
		return luaL_error(L, "table: 'columns' is empty");
	doc_table t = {0};
	t.ncols = ncols;
	t.cols = arena_alloc(d->arena, (size_t)ncols * sizeof *t.cols);
	const char **keys = arena_alloc(d->arena, (size_t)ncols * sizeof *keys);
	if (!t.cols || !keys)
		oom(L);
	for (int j = 0; j < ncols; j++) {
		char what[48];
		snprintf(what, sizeof what, "table column %d", j + 1);
		lua_geti(L, 3, j + 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			int c = lua_gettop(L);
			lua_getfield(L, c, "title");
			t.cols[j].title = to_text(L, -1, d, what);
			lua_pop(L, 1);
			if (lua_getfield(L, c, "width") != LUA_TNIL) {
				if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) > 0))
					return luaL_error(L, "%s: width must be positive", what);
				if (lua_tonumber(L, -1) > MAX_POINTS)
					return luaL_error(L, "%s: width is too large (%d points at most)", what,
					                  MAX_POINTS);
				t.cols[j].width = lua_tonumber(L, -1);
			}
			lua_pop(L, 1);
			lua_getfield(L, c, "align");
			t.cols[j].align = check_align(L, -1, what);
			lua_pop(L, 1);
			if (lua_getfield(L, c, "key") != LUA_TNIL)
				keys[j] = doc_strdup(d, check_utf8(L, -1, what));
			lua_pop(L, 1);
		} else {
			t.cols[j].title = to_text(L, -1, d, what);
		}
		lua_pop(L, 1);
	}
	int kind = lua_getfield(L, 2, "rows");                          /* 4 */
	if (kind != LUA_TTABLE && kind != LUA_TUSERDATA)
		return luaL_error(L, "table: 'rows' must be a table of rows");
	lua_len(L, 4);
	lua_Integer nrows = lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (nrows < 0 || (size_t)nrows > ((size_t)1 << 31) / (size_t)ncols)
		return luaL_error(L, "table: too many rows");
	t.nrows = (int)nrows;
	t.cells = arena_alloc(d->arena, (size_t)(nrows ? nrows : 1) * (size_t)ncols *
	                      sizeof *t.cells);
	if (!t.cells)
		oom(L);
	for (lua_Integer r = 1; r <= nrows; r++) {
		int rt = lua_geti(L, 4, r);                                 /* 5 */
		if (rt != LUA_TTABLE && rt != LUA_TUSERDATA)
			return luaL_error(L, "table row %d: expected a table, got %s", (int)r,
			                  luaL_typename(L, -1));
		for (int j = 0; j < ncols; j++) {
			if (keys[j])
				lua_getfield(L, 5, keys[j]);
			else
				lua_geti(L, 5, j + 1);
			char what[64];
			snprintf(what, sizeof what, "table row %d, column %d", (int)r, j + 1);
			t.cells[(size_t)(r - 1) * (size_t)ncols + (size_t)j] = to_text(L, -1, d, what);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "caption") != LUA_TNIL)
		t.caption = to_text(L, -1, d, "table caption");
	lua_pop(L, 1);
	doc_block *b = add(L, d, DOC_TABLE);
	b->u.table = t;
	lua_settop(L, 1);
	return 1;
}

static int m_chart(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	doc_chart ch = {0};
	lua_getfield(L, 2, "type");
	const char *type = lua_isnil(L, -1) ? "bar" : lua_tostring(L, -1);
	if (!type || (strcmp(type, "bar") != 0 && strcmp(type, "line") != 0))
		return luaL_error(L, "chart: type must be \"bar\" or \"line\"");
	ch.type = type[0] == 'b' ? DOC_CHART_BAR : DOC_CHART_LINE;
	lua_pop(L, 1);
	ch.title = opt_string_field(L, 2, "title", d, "chart");
	ch.unit = opt_string_field(L, 2, "unit", d, "chart");
	if (!sequence(L, lua_getfield(L, 2, "labels")))                /* 3 */
		return luaL_error(L, "chart: 'labels' must be a table");
	ch.nlabels = (int)luaL_len(L, 3);
	if (ch.nlabels < 1 || ch.nlabels > 1000)
		return luaL_error(L, "chart: needs 1 to 1000 labels, got %d", ch.nlabels);
	ch.labels = arena_alloc(d->arena, (size_t)ch.nlabels * sizeof *ch.labels);
	if (!ch.labels)
		oom(L);
	for (int j = 0; j < ch.nlabels; j++) {
		lua_geti(L, 3, j + 1);
		ch.labels[j] = doc_strdup(d, value_text(L, -1, "chart label"));
		lua_pop(L, 1);
	}
	if (lua_getfield(L, 2, "series") != LUA_TTABLE)                 /* 4 */
		return luaL_error(L, "chart: 'series' must be a table of {name=, values=}");
	ch.nseries = (int)luaL_len(L, 4);
	if (ch.nseries < 1 || ch.nseries > 12)
		return luaL_error(L, "chart: needs 1 to 12 series, got %d", ch.nseries);
	ch.series = arena_alloc(d->arena, (size_t)ch.nseries * sizeof *ch.series);
	if (!ch.series)
		oom(L);
	for (int i = 0; i < ch.nseries; i++) {
		if (lua_geti(L, 4, i + 1) != LUA_TTABLE)
			return luaL_error(L, "chart series %d: expected {name=, values=}", i + 1);
		ch.series[i].name = opt_string_field(L, -1, "name", d, "chart series");
		if (!sequence(L, lua_getfield(L, -1, "values")))
			return luaL_error(L, "chart series %d: 'values' must be a table", i + 1);
		int nv = (int)luaL_len(L, -1);
		if (nv != ch.nlabels)
			return luaL_error(L, "chart series %d has %d values for %d labels", i + 1, nv,
			                  ch.nlabels);
		double *v = arena_alloc(d->arena, (size_t)nv * sizeof *v);
		if (!v)
			oom(L);
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
	doc_block *b = add(L, d, DOC_CHART);
	b->u.chart = ch;
	lua_settop(L, 1);
	return 1;
}

static int m_timeline(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	int kind = lua_type(L, 2);
	if (kind != LUA_TTABLE && kind != LUA_TUSERDATA)
		return luaL_typeerror(L, 2, "collection or table of dated records");
	lua_settop(L, 3);
	doc_timeline tl = {0};
	if (!lua_isnil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		tl.title = opt_string_field(L, 3, "title", d, "timeline");
	}
	lua_len(L, 2);
	lua_Integer n = lua_tointeger(L, -1);
	lua_pop(L, 1);
	if (n < 0 || n > 100000)
		return luaL_error(L, "timeline: too many entries");
	tl.entries = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *tl.entries);
	if (!tl.entries)
		oom(L);
	for (lua_Integer i = 1; i <= n; i++) {
		char what[48];
		snprintf(what, sizeof what, "timeline entry %d", (int)i);
		lua_geti(L, 2, i);                                          /* 4 */
		doc_timeline_entry *e = &tl.entries[tl.nentries++];
		if (lua_getfield(L, 4, "date") == LUA_TNIL) {
			lua_pop(L, 1);
			lua_getfield(L, 4, "year");
		}
		if (lua_isnil(L, -1))
			return luaL_error(L, "%s: has no date or year", what);
		e->date = doc_strdup(d, value_text(L, -1, what));
		lua_pop(L, 1);
		if (lua_istable(L, 3))
			lua_getfield(L, 3, "label");
		else
			lua_pushnil(L);
		if (lua_isfunction(L, -1)) {
			lua_pushvalue(L, 4);
			lua_call(L, 1, 1);
		} else {
			lua_pop(L, 1);
			if (lua_getfield(L, 4, "title") == LUA_TNIL) {
				lua_pop(L, 1);
				if (lua_getfield(L, 4, "name") == LUA_TNIL) {
					lua_pop(L, 1);
					lua_getfield(L, 4, "label");
				}
			}
		}
		e->label = to_text(L, -1, d, what);
		lua_pop(L, 2);
	}
	doc_block *b = add(L, d, DOC_TIMELINE);
	b->u.timeline = tl;
	lua_settop(L, 1);
	return 1;
}

/* Is the real path of p inside the real directory dir? */
static bool inside(const char *p, const char *dir)
{
	char *rd = realpath(dir, NULL);
	if (!rd)
		return false;
	size_t n = strlen(rd);
	bool ok = strncmp(p, rd, n) == 0 && (p[n] == '/' || p[n] == '\0');
	free(rd);
	return ok;
}

static int m_image(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	const char *given = check_utf8(L, 2, "image");
	const run_job *job = sbx_job(L);
	char path[4096], dir[4096];
	const char *slash = strrchr(job->script, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - job->script) : 1,
	         slash ? job->script : ".");
	if (given[0] == '/')
		snprintf(path, sizeof path, "%s", given);
	else
		snprintf(path, sizeof path, "%s/%s", dir, given);
	char *real = realpath(path, NULL);
	if (!real)
		return luaL_error(L, "image: cannot open %s: %s", path, strerror(errno));
	bool ok = inside(real, dir) || inside(real, job->data_dir) ||
	          inside(real, job->templates_dir);
	free(real);
	if (!ok)
		return luaL_error(L, "image: %s is outside the script, data and template folders",
		                  given);
	char why[256];
	if (imagefile_probe(path, NULL, NULL, why, sizeof why) == IMAGEFILE_BAD)
		return luaL_error(L, "image: %s: %s", given, why);
	double width = 0;
	const char *caption = NULL;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		width = opt_number_field(L, 3, "width", 0, "image");
		caption = opt_string_field(L, 3, "caption", d, "image");
	}
	doc_block *b = add(L, d, DOC_IMAGE);
	b->u.image.path = doc_strdup(d, path);
	b->u.image.width = width;
	b->u.image.caption = caption;
	lua_settop(L, 1);
	return 1;
}

static int m_contents(lua_State *L)
{
	add(L, check_document(L, 1)->doc, DOC_CONTENTS);
	lua_settop(L, 1);
	return 1;
}

static int m_page_break(lua_State *L)
{
	add(L, check_document(L, 1)->doc, DOC_PAGE_BREAK);
	lua_settop(L, 1);
	return 1;
}

/* The list of sources: a placeholder filled in by fill_sources() when the
 * document is saved, so it names every record read by then. */
static int m_sources(lua_State *L)
{
	doc_document *d = check_document(L, 1)->doc;
	doc_block *b = add(L, d, DOC_LIST);
	b->u.list.sources = true;
	lua_settop(L, 1);
	return 1;
}

/* Fills every sources placeholder of d with the sources of the records the
 * script has read: "*Title.* Publisher, date." per source. */
static void fill_sources(lua_State *L, doc_document *d)
{
	int top = lua_gettop(L);
	relations_push_read_sources(L);
	int n = (int)lua_rawlen(L, -1);
	int src = lua_gettop(L);
	doc_list l = {.sources = true};
	l.items = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *l.items);
	if (!l.items)
		oom(L);
	if (n == 0) {
		if (!markup_parse(d, "*No records of the dataset were used.*", &l.items[0].text))
			oom(L);
		l.nitems = 1;
	}
	for (int i = 1; i <= n; i++) {
		lua_rawgeti(L, src, i);
		lua_getfield(L, -1, "title");
		lua_getfield(L, -2, "publisher");
		lua_getfield(L, -3, "date");
		lua_getfield(L, -4, "inferred");
		bool inferred_date = false;
		int ni = lua_isnil(L, -1) ? 0 : (int)luaL_len(L, -1);
		for (int k = 1; k <= ni; k++) {
			lua_geti(L, -1, k);
			inferred_date = inferred_date || strcmp(lua_tostring(L, -1), "date") == 0;
			lua_pop(L, 1);
		}
		lua_pushfstring(L, "*%s.* %s, %s%s.", lua_tostring(L, -4), lua_tostring(L, -3),
		                lua_tostring(L, -2), inferred_date ? " (date inferred)" : "");
		doc_text t = {0};
		if (!markup_parse(d, lua_tostring(L, -1), &t))
			oom(L);
		l.items[l.nitems++].text = t;
		lua_pop(L, 6);
	}
	(void)src;
	for (int i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_LIST && d->blocks[i].u.list.sources)
			d->blocks[i].u.list = l;
	lua_settop(L, top);
}

/* ---- save ---------------------------------------------------------------------------- */

/* Resolves the path a document is saved to: the job's output when none is
 * given; a relative path is taken in the output's folder. Writes to the
 * buffer or raises. */
static void output_path(lua_State *L, int i, char *out, size_t n)
{
	const run_job *job = sbx_job(L);
	if (lua_isnoneornil(L, i)) {
		snprintf(out, n, "%s", job->output);
		return;
	}
	const char *p = check_utf8(L, i, "save");
	size_t len = strlen(p);
	if (len < 5 || strcmp(p + len - 4, ".pdf") != 0)
		luaL_error(L, "save: '%s' must end in .pdf", p);
	if (strcmp(p, "..") == 0 || strncmp(p, "../", 3) == 0 || strstr(p, "/../"))
		luaL_error(L, "save: '%s' leaves the output folder", p);
	const char *slash = strrchr(job->output, '/');
	char dir[4096];
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - job->output) : 1,
	         slash ? job->output : ".");
	if (p[0] == '/') {
		/* an absolute path is fine when it names the output folder */
		size_t k = strlen(dir);
		char *real = realpath(dir, NULL);
		bool in = real && strncmp(p, real, strlen(real)) == 0 && p[strlen(real)] == '/';
		in = in || (strncmp(p, dir, k) == 0 && p[k] == '/');
		free(real);
		if (!in)
			luaL_error(L, "save: '%s' is outside the output folder %s (choose it with -o)",
			           p, dir);
		snprintf(out, n, "%s", p);
		return;
	}
	snprintf(out, n, "%s/%s", dir, p);
}

/* Is the folder that will hold final, with every symbolic link resolved,
 * inside the output folder? (save() checks names; this checks the disk.) */
static bool in_output_folder(const run_job *job, const char *final)
{
	char dir[4096], out[4096];
	const char *slash = strrchr(final, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - final) : 1, slash ? final : ".");
	slash = strrchr(job->output, '/');
	snprintf(out, sizeof out, "%.*s", slash ? (int)(slash - job->output) : 1,
	         slash ? job->output : ".");
	char *rd = realpath(dir, NULL);
	bool ok = rd && inside(rd, out);
	free(rd);
	return ok;
}

static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

static int fail_with(lua_State *L, int code, const char *fmt, const char *a, const char *b)
{
	lua_pushinteger(L, code);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.exit");
	return luaL_error(L, fmt, a, b);
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

static int m_save(lua_State *L)
{
	document_ud *u = check_document(L, 1);
	const run_job *job = sbx_job(L);
	char final[4096];
	output_path(L, 2, final, sizeof final);
	lua_settop(L, 1);

	layout_ud *lu = lua_newuserdatauv(L, sizeof *lu, 0);            /* 2 */
	lu->doc = NULL;
	lua_newtable(L);
	lua_pushcfunction(L, layout_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);

	fill_sources(L, u->doc);
	lay_result res;
	char err[512];
	if (lay_document(u->doc, job->fonts, &res, err, sizeof err) != 0)
		return luaL_error(L, "save: %s", err);
	lu->doc = res.doc;
	for (int i = 0; i < res.nwarnings && !job->quiet; i++) {
		if (res.warnings[i].line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", job->script, res.warnings[i].line,
			        res.warnings[i].message);
		else
			fprintf(stderr, "%s: warning: %s\n", job->script, res.warnings[i].message);
	}
	if (job->strict && res.nwarnings > 0) {
		char n[16];
		snprintf(n, sizeof n, "%d", res.nwarnings);
		return fail_with(L, EXIT_STRICT, "save: %s warning%s with --strict: nothing written",
		                 n, res.nwarnings == 1 ? "" : "s");
	}
	int pages = res.doc->npages;
	char npages[16];
	snprintf(npages, sizeof npages, "%d", pages);
	if (job->check) {
		const char *fields[3] = {"", final, npages};      /* no file: a report only */
		run_send(job->channel, MSG_OUTPUT, fields, 3);
	} else {
		char tmp[4200];
		if (make_dirs(strcpy(tmp, final)) != 0)
			return fail_with(L, EXIT_OUTPUT, "save: cannot create the folder of %s: %s",
			                 final, strerror(errno));
		if (!in_output_folder(job, final))
			return fail_with(L, EXIT_SCRIPT, "save: %s leads outside the output folder %s",
			                 final, "(through a symbolic link)");
		const char *slash = strrchr(final, '/');
		snprintf(tmp, sizeof tmp, "%.*s.%s.XXXXXX", slash ? (int)(slash - final + 1) : 0,
		         final, slash ? slash + 1 : final);
		int fd = mkstemp(tmp);
		if (fd < 0)
			return fail_with(L, EXIT_OUTPUT, "save: cannot write %s: %s", final,
			                 strerror(errno));
		mode_t mask = umask(0);     /* mkstemp makes 0600; a PDF is 0666 & ~umask */
		umask(mask);
		fchmod(fd, 0666 & ~mask);
		close(fd);
		const char *fields[3] = {tmp, final, ""};
		run_send(job->channel, MSG_TEMP, fields, 1);   /* removed if we die from here */
		const doc_meta *m = &u->doc->meta;
		pdf_info info = {m->title, m->subtitle, m->author, NULL, "brief " BRIEF_VERSION, -1};
		if (getenv("SOURCE_DATE_EPOCH"))
			info.date = sbx_now();
		if (pdf_write(res.doc, &info, tmp, job->tmpdir, err, sizeof err) != 0) {
			unlink(tmp);
			return fail_with(L, EXIT_OUTPUT, "save: cannot write %s: %s", final, err);
		}
		fields[2] = npages;
		run_send(job->channel, MSG_OUTPUT, fields, 3);
	}
	u->saved = true;
	lua_pushinteger(L, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.saved");
	lay_free(lu->doc);
	lu->doc = NULL;
	lua_pushstring(L, final);
	lua_pushinteger(L, pages);
	return 2;
}

static int m_gc(lua_State *L)
{
	document_ud *u = luaL_checkudata(L, 1, DOCUMENT);
	doc_free(u->doc);
	u->doc = NULL;
	return 0;
}

static int m_tostring(lua_State *L)
{
	document_ud *u = luaL_checkudata(L, 1, DOCUMENT);
	if (!u->doc)
		lua_pushliteral(L, "brief.Document (closed)");
	else
		lua_pushfstring(L, "brief.Document (%d blocks)", u->doc->nblocks);
	return 1;
}

/* Methods first, then functions of the document's template, which become
 * ready-made sections: doc:milestones(...) calls template.milestones(doc, ...). */
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
		push_template(L, lua_gettop(L), depth + 1);
	}
	lua_pushnil(L);
	return 1;
}

int brief_finish(lua_State *L)
{
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
	if (!u->doc) {
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
	{"page_break", m_page_break}, {"save", m_save}, {NULL, NULL}
};

static const luaL_Reg document_meta[] = {
	{"__index", m_index}, {"__gc", m_gc}, {"__close", m_gc},
	{"__tostring", m_tostring}, {NULL, NULL}
};

static const luaL_Reg functions[] = {
	{"document", b_document}, {NULL, NULL}
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
	lua_createtable(L, 0, job->nparams);
	for (int i = 0; i < job->nparams; i++) {
		lua_pushstring(L, job->params[i].value);
		lua_setfield(L, -2, job->params[i].key);
	}
	lua_setfield(L, -2, "params");
	lua_pushliteral(L, BRIEF_VERSION);
	lua_setfield(L, -2, "version");

	/* the Lua half adds its functions to the module table */
	if (luaL_loadbufferx(L, brief_lua, brief_lua_size, "=[brief]", "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, -2);
	lua_call(L, 1, 0);
	return 1;
}

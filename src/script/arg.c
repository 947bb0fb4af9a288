/*
 * arg.c -- checking the arguments of the brief module's functions.
 */
#include "script/arg.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc/markup.h"
#include "script/modules.h"
#include "script/sandbox.h"
#include "util/arena.h"
#include "util/escape.h"
#include "util/nearest.h"
#include "util/utf8.h"

void arg_pdf_string(lua_State *L, const char *s, const char *what)
{
	size_t n = s ? strlen(s) : 0;
	if (n > ARG_MAX_PDF_STRING)
		sbx_fail(L, EXIT_LIMIT, "%s: the text is %zu bytes, more than the %d a PDF string "
		         "can hold (a fixed limit of the PDF library)", what, n, ARG_MAX_PDF_STRING);
}

/* Links become PDF strings. */
static void check_links(lua_State *L, const doc_text *t, const char *what)
{
	for (int k = 0; k < t->nspans; k++)
		if (t->spans[k].link) {
			char w[160];
			snprintf(w, sizeof w, "%s: link", what);
			arg_pdf_string(L, t->spans[k].link, w);
		}
}

void arg_oom(lua_State *L)
{
	luaL_error(L, "out of memory");
}

/* Checks that the value at i is text (a string or a number) of valid UTF-8
 * and returns it. */
const char *arg_utf8(lua_State *L, int i, const char *what)
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
/* Raises "WHAT: expected text, got ..." for a value at i that has no text
 * of its own: a record or a collection (their tostring names them, not
 * what they hold), or a table or other value without __tostring (its
 * tostring would print an address into the PDF). */
static void not_text(lua_State *L, int i, const char *what)
{
	if (relations_to_record(L, i))
		luaL_error(L, "%s: expected text, got %s: show one of its fields (r.title, r.name)",
		           what, luaL_tolstring(L, i, NULL));
	if (luaL_testudata(L, i, "relations.Collection"))
		luaL_error(L, "%s: expected text, got the %s: map the records to text first "
		           "(:map(function(r) return r.title end))", what, luaL_tolstring(L, i, NULL));
	luaL_error(L, "%s: expected text, got %s", what, luaL_typename(L, i));
}

const char *arg_value_text(lua_State *L, int i, const char *what)
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
		return arg_utf8(L, i, what);
	default:
		if (relations_to_record(L, i) || luaL_getmetafield(L, i, "__tostring") == LUA_TNIL)
			not_text(L, i, what);
		lua_pop(L, 1);
		luaL_tolstring(L, i, NULL);     /* a value that says what it is */
		lua_replace(L, i);
		return arg_utf8(L, i, what);
	}
}

/* Inline text from a string (markup) or a sequence of spans, each a string
 * or {text=, bold=, italic=, link=}. */
doc_text arg_text(lua_State *L, int i, doc_document *d, const char *what)
{
	doc_text t = {0};
	i = lua_absindex(L, i);
	if (lua_type(L, i) != LUA_TTABLE) {
		const char *s = arg_value_text(L, i, what);
		if (!markup_parse(d, s, &t))
			arg_oom(L);
		check_links(L, &t, what);
		return t;
	}
	int n = (int)luaL_len(L, i);
	t.spans = arena_alloc(d->arena, (size_t)(n ? n : 1) * sizeof *t.spans);
	if (!t.spans)
		arg_oom(L);
	for (int k = 1; k <= n; k++) {
		lua_geti(L, i, k);
		doc_span *sp = &t.spans[t.nspans];
		if (lua_type(L, -1) == LUA_TTABLE) {
			static const char *const span_keys[] = {"text", "bold", "italic", "link", NULL};
			char swhat[96];
			snprintf(swhat, sizeof swhat, "%s, span %d", what, k);
			arg_check_options(L, -1, swhat, span_keys);
			lua_getfield(L, -1, "text");
			sp->text = doc_strdup(d, arg_value_text(L, -1, what));
			lua_pop(L, 1);
			lua_getfield(L, -1, "bold");
			sp->style |= lua_toboolean(L, -1) ? DOC_BOLD : 0;
			lua_getfield(L, -2, "italic");
			sp->style |= lua_toboolean(L, -1) ? DOC_ITALIC : 0;
			lua_getfield(L, -3, "link");
			if (!lua_isnil(L, -1))
				sp->link = doc_strdup(d, arg_utf8(L, -1, what));
			lua_pop(L, 3);
		} else {
			sp->text = doc_strdup(d, arg_value_text(L, -1, what));
		}
		if (!sp->text)
			arg_oom(L);
		t.nspans++;
		lua_pop(L, 1);
	}
	check_links(L, &t, what);
	return t;
}

/* A table or a collection: anything with a length and items. */
bool arg_sequence(lua_State *L, int type)
{
	return type == LUA_TTABLE || type == LUA_TUSERDATA;
}

doc_align arg_align(lua_State *L, int i, const char *what)
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

const char *arg_nearest(const char *name, const char *const *known)
{
	int n = 0;
	while (known[n])
		n++;
	return arg_nearest_of(name, known, n);
}

const char *arg_nearest_of(const char *name, const char *const *known, int n)
{
	return nearest_of(name, known, n);
}

void arg_check_options(lua_State *L, int t, const char *what, const char *const *known)
{
	t = lua_absindex(L, t);
	if (lua_type(L, t) != LUA_TTABLE)
		return;
	const char *unknown = NULL;     /* the first in byte order: the same every run */
	lua_pushnil(L);
	while (lua_next(L, t) != 0) {
		if (lua_type(L, -2) == LUA_TSTRING) {
			const char *key = lua_tostring(L, -2);
			bool ok = false;
			for (int k = 0; known[k] && !ok; k++)
				ok = strcmp(key, known[k]) == 0;
			if (!ok && (!unknown || strcmp(key, unknown) < 0))
				unknown = key;  /* a key of t: it lives while t does */
		}
		lua_pop(L, 1);
	}
	if (!unknown)
		return;
	/* lua_pushfstring has no %.*s: the message is made here */
	int shown = (int)escape_cut(unknown, strlen(unknown), 60);  /* whole characters */
	const char *near = arg_nearest(unknown, known);
	char msg[512];
	if (near) {
		snprintf(msg, sizeof msg, "%s: unknown option '%.*s' (did you mean '%s'?)", what,
		         shown, unknown, near);
	} else {
		int n = snprintf(msg, sizeof msg, "%s: unknown option '%.*s' (it takes ", what, shown,
		                 unknown);
		for (int k = 0; known[k] && n > 0 && (size_t)n < sizeof msg; k++)
			n += snprintf(msg + n, sizeof msg - (size_t)n, "%s%s", k ? ", " : "", known[k]);
		if (n > 0 && (size_t)n < sizeof msg)
			snprintf(msg + n, sizeof msg - (size_t)n, ")");
	}
	luaL_error(L, "%s", msg);
}

doc_linebreaks arg_linebreaks(lua_State *L, int i, const char *what)
{
	if (lua_isnil(L, i))
		return DOC_LINEBREAKS_DEFAULT;
	const char *s = lua_tostring(L, i);
	if (s && strcmp(s, "optimized") == 0)
		return DOC_LINEBREAKS_OPTIMIZED;
	if (s && strcmp(s, "simple") == 0)
		return DOC_LINEBREAKS_SIMPLE;
	luaL_error(L, "%s: linebreaks must be \"optimized\" or \"simple\"", what);
	return DOC_LINEBREAKS_DEFAULT;
}

double arg_opt_number(lua_State *L, int t, const char *key, double def,
                               const char *what)
{
	double v = def;
	if (lua_getfield(L, t, key) != LUA_TNIL) {
		if (!lua_isnumber(L, -1))
			luaL_error(L, "%s: '%s' must be a number", what, key);
		v = lua_tonumber(L, -1);
		if (!(v > 0) || !isfinite(v))
			luaL_error(L, "%s: '%s' must be positive", what, key);
		if (v > ARG_MAX_POINTS)
			luaL_error(L, "%s: '%s' is too large (%d points at most)", what, key, ARG_MAX_POINTS);
	}
	lua_pop(L, 1);
	return v;
}

const char *arg_opt_string(lua_State *L, int t, const char *key, doc_document *d,
                                    const char *what)
{
	const char *v = NULL;
	if (lua_getfield(L, t, key) != LUA_TNIL) {
		char ctx[128];
		snprintf(ctx, sizeof ctx, "%s: '%s'", what, key);
		v = doc_strdup(d, arg_utf8(L, -1, ctx));
		if (!v)
			arg_oom(L);
	}
	lua_pop(L, 1);
	return v;
}


/* __index of a strict table (upvalue 1: its name): every key it lacks. */
static int strict_index(lua_State *L)
{
	const char *what = lua_tostring(L, lua_upvalueindex(1));
	if (lua_type(L, 2) != LUA_TSTRING)
		return luaL_error(L, "%s has no field %s", what, luaL_tolstring(L, 2, NULL));
	const char *known[129];
	int n = 0;
	lua_pushnil(L);
	while (lua_next(L, 1) && n < 128) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			known[n++] = lua_tostring(L, -1);   /* held by the table */
	}
	known[n] = NULL;
	const char *key = lua_tostring(L, 2);
	const char *near = arg_nearest(key, known);
	if (near)
		return luaL_error(L, "%s has no field '%s' (did you mean '%s'?)", what, key, near);
	return luaL_error(L, "%s has no field '%s'", what, key);
}

void arg_strict_table(lua_State *L, int t, const char *what)
{
	t = lua_absindex(L, t);
	lua_createtable(L, 0, 2);
	lua_pushstring(L, what);
	lua_pushcclosure(L, strict_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, t);
}

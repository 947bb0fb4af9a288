/*
 * arg.c -- checking the arguments of the brief module's functions.
 */
#include "script/arg.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc/markup.h"
#include "script/sandbox.h"
#include "util/arena.h"
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
		luaL_tolstring(L, i, NULL);
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


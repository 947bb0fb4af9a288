/*
 * lprovenance.c -- provenance on the Lua side: the run's prov_run
 * (script/provenance.h) kept in the registry, the string library made to
 * pass records on, and the guard that keeps a query's predicate quiet.
 *
 * The string functions that make text from text (string.format, gsub, sub,
 * match, upper, lower, reverse and table.concat) are wrapped before the
 * script starts: the wrapper looks its arguments up among the remembered
 * texts, runs the library's own C function in its own frame (so errors
 * name the caller's line and the function as before), and remembers the
 * strings it returns with the records of those arguments. Nothing a script
 * can see changes: the functions keep their names, results and errors.
 */
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>

#include "script/modules.h"
#include "script/provenance.h"
#include "script/sandbox.h"

#define KEY "brief.provenance"

typedef struct prov_ud { prov_run *p; } prov_ud;

static int prov_gc(lua_State *L)
{
	prov_ud *u = lua_touserdata(L, 1);
	prov_free(u->p);
	u->p = NULL;
	return 0;
}

prov_run *prov_get(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, KEY);
	prov_ud *u = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return u ? u->p : NULL;
}

/* The text of the value at i without converting it in place: a string, or
 * a number as tostring writes it (into num). NULL for anything else. */
static const char *text_of(lua_State *L, int i, char num[64], size_t *len)
{
	switch (lua_type(L, i)) {
	case LUA_TSTRING:
		return lua_tolstring(L, i, len);
	case LUA_TNUMBER:
		if (lua_isinteger(L, i))
			*len = (size_t)snprintf(num, 64, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, i));
		else
			*len = (size_t)snprintf(num, 64, LUA_NUMBER_FMT, (LUAI_UACNUMBER)lua_tonumber(L, i));
		return num;
	default:
		return NULL;
	}
}

/* Runs the library function of the wrapper (upvalue 1) in this frame and
 * remembers the strings it returns, made from the remembered arguments.
 * For table.concat (upvalue 3 true) the arguments are the table's items. */
static int carry(lua_State *L)
{
	lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
	prov_ud *u = lua_touserdata(L, lua_upvalueindex(2));
	prov_run *p = u ? u->p : NULL;
	if (!p || prov_empty(p))    /* nothing read from the dataset yet: nothing to carry */
		return f(L);
	char num[64];
	size_t len;
	const char *s;
	bool seen = true;       /* every input was a string, a number or nothing */
	prov_from from;
	prov_from_reset(&from);
	if (lua_toboolean(L, lua_upvalueindex(3))) {
		/* table.concat(t [, sep [, i [, j]]]): the raw items, a bounded number */
		seen = lua_type(L, 1) == LUA_TTABLE;
		if (seen && lua_getmetatable(L, 1)) {      /* items through __index: unseen */
			seen = false;
			lua_pop(L, 1);
		}
		if (lua_type(L, 1) == LUA_TTABLE) {
			lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
			int ok;
			lua_Integer i = lua_tointegerx(L, 3, &ok);
			i = ok && i > 1 ? i : 1;
			lua_Integer j = lua_tointegerx(L, 4, &ok);
			j = ok && j < n ? j : n;
			seen = seen && (j < i || j - i < 10000);
			for (lua_Integer k = i; k <= j && k - i < 10000; k++) {
				lua_rawgeti(L, 1, k);
				if ((s = text_of(L, -1, num, &len)))
					prov_from_text(p, &from, s, len);
				lua_pop(L, 1);
			}
		}
	} else {
		for (int i = 1, top = lua_gettop(L); i <= top; i++) {
			int t = lua_type(L, i);
			if ((s = text_of(L, i, num, &len)))
				prov_from_text(p, &from, s, len);
			else if (t != LUA_TNIL && t != LUA_TBOOLEAN)
				seen = false;   /* a gsub function or table, a __tostring value */
		}
	}
	int n = f(L);
	if (from.n == 0 && !seen)
		return n;
	for (int i = lua_gettop(L) - n + 1, top = lua_gettop(L); i <= top; i++)
		if (lua_type(L, i) == LUA_TSTRING) {
			s = lua_tolstring(L, i, &len);
			prov_made(p, &from, s, len);
		}
	return n;
}

/* Wraps t[name] (at index t) when it is a plain C function of the library
 * (no upvalues of its own, which it would look for in the wrapper's). */
static void wrap(lua_State *L, int t, const char *name, int box, bool concat)
{
	if (lua_getfield(L, t, name) != LUA_TFUNCTION || !lua_iscfunction(L, -1) ||
	    lua_getupvalue(L, -1, 1) != NULL) {
		lua_settop(L, t);
		return;
	}
	lua_pushvalue(L, box);
	lua_pushboolean(L, concat);
	lua_pushcclosure(L, carry, 3);
	lua_setfield(L, t, name);
}

void prov_open(lua_State *L)
{
	prov_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->p = NULL;
	lua_newtable(L);
	lua_pushcfunction(L, prov_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, KEY);
	int box = lua_gettop(L);
	const run_job *job = sbx_job(L);
	if (!job || !job->data || !(u->p = prov_new(job->data, job->prov_index))) {
		lua_pop(L, 1);      /* no dataset (or no memory): nothing to trace */
		return;
	}
	/* the script's string table: the one strings index */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1) && lua_getfield(L, -1, "__index") == LUA_TTABLE) {
		int t = lua_gettop(L);
		static const char *const names[] = {"format", "gsub", "sub", "match", "upper",
		                                    "lower", "reverse"};
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			wrap(L, t, names[i], box, false);
	}
	lua_settop(L, box);
	lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
	if (lua_getfield(L, -1, "table") == LUA_TTABLE)
		wrap(L, lua_gettop(L), "concat", box, true);
	lua_settop(L, box - 1);
}

/* ---- quiet queries --------------------------------------------------------------- */

#define QUIET "brief.provenance.quiet"

static int quiet_close(lua_State *L)
{
	bool *on = lua_touserdata(L, 1);
	if (*on)
		prov_quiet(prov_get(L), -1);
	*on = false;
	return 0;
}

void prov_push_quiet(lua_State *L)
{
	prov_run *p = prov_get(L);
	if (!p) {
		lua_pushnil(L);
		return;
	}
	bool *on = lua_newuserdatauv(L, sizeof *on, 0);
	*on = false;
	if (luaL_newmetatable(L, QUIET)) {
		lua_pushcfunction(L, quiet_close);
		lua_setfield(L, -2, "__close");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_setmetatable(L, -2);
	lua_toclose(L, -1);
	prov_quiet(p, +1);
	*on = true;
}

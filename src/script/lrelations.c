/*
 * lrelations.c -- require "relations": the dataset as read-only Lua values.
 *
 * Records and lists are C-backed userdata (read-only by construction; no
 * rawset or next can reach inside them); a collection is a userdata whose
 * user value holds its items. Queries (where, between, sort, map, first) run
 * here in C and return new collections. Every record field read is
 * remembered with its record (script/provenance.h), so the blocks that show
 * it can be traced back to the record: doc:sources(), doc:cite() and
 * --provenance rest on it. Fields a query's predicate or comparator reads
 * (where, first, sort with a function) are not remembered.
 */
#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#include "data/dataset.h"
#include "script/arg.h"
#include "script/modules.h"
#include "script/provenance.h"
#include "script/sandbox.h"

#define RECORD "relations.Record"
#define LIST "relations.List"
#define COLLECTION "relations.Collection"

typedef struct record_ud { const ds_record *rec; } record_ud;
typedef struct list_ud { const char *const *items; int count; } list_ud;
typedef struct collection_ud { const char *name; } collection_ud;

static const ds_dataset *dataset(lua_State *L)
{
	return sbx_job(L)->data;
}

/* ---- records ------------------------------------------------------------------- */

/* The value v of r is read: remembered with r (unless a query is asking). */
static void mark_read(lua_State *L, const ds_record *r, const ds_value *v)
{
	prov_read(prov_get(L), r, v);
}

/* Pushes the userdata of r; the same one every time, so records compare
 * equal with == and work as table keys. */
static void push_record(lua_State *L, const ds_record *r)
{
	lua_getfield(L, LUA_REGISTRYINDEX, "relations.records");
	if (lua_rawgeti(L, -1, r->serial + 1) == LUA_TNIL) {
		lua_pop(L, 1);
		record_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
		u->rec = r;
		luaL_setmetatable(L, RECORD);
		lua_pushvalue(L, -1);
		lua_rawseti(L, -3, r->serial + 1);
	}
	lua_remove(L, -2);
}

static const ds_record *to_record(lua_State *L, int i)
{
	record_ud *u = luaL_testudata(L, i, RECORD);
	return u ? u->rec : NULL;
}

const ds_record *relations_to_record(lua_State *L, int i)
{
	return to_record(L, i);
}

static void push_list(lua_State *L, const char *const *items, int count)
{
	list_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->items = items;
	u->count = count;
	luaL_setmetatable(L, LIST);
}

static void push_value(lua_State *L, const ds_value *v)
{
	switch (v->type) {
	case DS_NIL:
		lua_pushnil(L);
		break;
	case DS_STRING:
		lua_pushstring(L, v->as.str);
		break;
	case DS_INTEGER:
		lua_pushinteger(L, (lua_Integer)v->as.integer);
		break;
	case DS_NUMBER:
		/* 149 reads as 149, not 149.0, when a script prints it */
		if (v->as.number == (double)(lua_Integer)v->as.number &&
		    v->as.number >= -9e15 && v->as.number <= 9e15)
			lua_pushinteger(L, (lua_Integer)v->as.number);
		else
			lua_pushnumber(L, v->as.number);
		break;
	case DS_BOOLEAN:
		lua_pushboolean(L, v->as.boolean);
		break;
	case DS_LIST:
		push_list(L, v->as.list.items, v->as.list.count);
		break;
	}
}

/* Pushes "events record has no field 'titel' (did you mean 'title'?)", or
 * the collection's fields when none is near, for a field c lacks. */
static const char *push_no_such_field(lua_State *L, const ds_collection *c, int key)
{
	if (lua_type(L, key) != LUA_TSTRING)
		return lua_pushfstring(L, "%s record has no field %s: fields are read by name, "
		                       "as in r.%s", c->name, luaL_tolstring(L, key, NULL),
		                       c->fields[c->nfields > 1 ? 1 : 0]);
	const char *name = lua_tostring(L, key);
	const char *near = arg_nearest_of(name, c->fields, c->nfields);
	if (near)
		return lua_pushfstring(L, "%s record has no field '%s' (did you mean '%s'?)", c->name,
		                       name, near);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_pushfstring(L, "%s record has no field '%s' (its fields: ", c->name, name);
	luaL_addvalue(&b);
	for (int i = 0; i < c->nfields; i++) {
		luaL_addstring(&b, i ? ", " : "");
		luaL_addstring(&b, c->fields[i]);
	}
	luaL_addchar(&b, ')');
	luaL_pushresult(&b);
	return lua_tostring(L, -1);
}

/* record.field: the value (nil for an empty optional field), remembered
 * with the record; a field the collection does not have is an error at the
 * line that read it (level 1: the function that indexed the record; none
 * when brief's C code did, and the script's line is added then). */
static int record_index(lua_State *L)
{
	const ds_record *r = ((record_ud *)luaL_checkudata(L, 1, RECORD))->rec;
	const ds_value *v = lua_type(L, 2) == LUA_TSTRING ? ds_get(r, lua_tostring(L, 2)) : NULL;
	if (!v) {
		luaL_where(L, 1);
		push_no_such_field(L, r->collection, 2);
		lua_concat(L, 2);
		return lua_error(L);
	}
	mark_read(L, r, v);
	push_value(L, v);
	return 1;
}

int relations_getfield(lua_State *L, int i, const char *k)
{
	const ds_record *r = to_record(L, i);
	if (!r)
		return lua_getfield(L, i, k);
	const ds_value *v = ds_get(r, k);
	if (!v) {
		lua_pushnil(L);
		return LUA_TNIL;
	}
	mark_read(L, r, v);
	push_value(L, v);
	return lua_type(L, -1);
}

void relations_check_field(lua_State *L, int i, const char *k, const char *what)
{
	const ds_record *r = to_record(L, i);
	if (!r || ds_get(r, k))
		return;
	lua_pushstring(L, k);
	const char *msg = push_no_such_field(L, r->collection, lua_gettop(L));
	luaL_error(L, "%s: %s", what, msg);
}

static int read_only(lua_State *L)
{
	const char *what = luaL_testudata(L, 1, RECORD) ? "records"
	                   : luaL_testudata(L, 1, LIST) ? "lists" : "collections";
	return luaL_error(L, "the dataset is read-only: %s cannot be changed (tried to set "
	                  "'%s')", what, luaL_tolstring(L, 2, NULL));
}

static int record_next(lua_State *L)
{
	const ds_record *r = ((record_ud *)luaL_checkudata(L, 1, RECORD))->rec;
	const ds_collection *c = r->collection;
	int i = lua_isnil(L, 2) ? 0 : ds_field_index(c, luaL_checkstring(L, 2)) + 1;
	for (; i > 0 || i == 0; i++) {
		if (i >= c->nfields)
			return 0;
		if (r->values[i].type != DS_NIL)
			break;
	}
	mark_read(L, r, &r->values[i]);
	lua_pushstring(L, c->fields[i]);
	push_value(L, &r->values[i]);
	return 2;
}

static int record_pairs(lua_State *L)
{
	luaL_checkudata(L, 1, RECORD);
	lua_pushcfunction(L, record_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int record_tostring(lua_State *L)
{
	const ds_record *r = ((record_ud *)luaL_checkudata(L, 1, RECORD))->rec;
	lua_pushfstring(L, "%s record '%s'", r->collection->name, ds_id(r));
	return 1;
}

/* ---- lists ----------------------------------------------------------------------- */

static int list_index(lua_State *L)
{
	list_ud *u = luaL_checkudata(L, 1, LIST);
	lua_Integer i = lua_tointeger(L, 2);
	if (i >= 1 && i <= u->count)
		lua_pushstring(L, u->items[i - 1]);
	else
		lua_pushnil(L);
	return 1;
}

static int list_len(lua_State *L)
{
	lua_pushinteger(L, ((list_ud *)luaL_checkudata(L, 1, LIST))->count);
	return 1;
}

static int list_tostring(lua_State *L)
{
	list_ud *u = luaL_checkudata(L, 1, LIST);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (int i = 0; i < u->count; i++) {
		if (i)
			luaL_addstring(&b, ", ");
		luaL_addstring(&b, u->items[i]);
	}
	luaL_pushresult(&b);
	return 1;
}

static int sequence_next(lua_State *L)
{
	lua_Integer i = luaL_checkinteger(L, 2);
	if (i < 0 || i >= LUA_MAXINTEGER)       /* past any sequence: the end, no overflow */
		return 0;
	lua_pushinteger(L, ++i);
	if (lua_geti(L, 1, i) == LUA_TNIL)
		return 1;
	return 2;
}

static int sequence_pairs(lua_State *L)
{
	lua_pushcfunction(L, sequence_next);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	return 3;
}

/* ---- collections ------------------------------------------------------------------ */

/* Pushes a new collection whose items are the table on the top of the
 * stack (which it takes). */
static void push_collection(lua_State *L, const char *name)
{
	collection_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
	u->name = name;
	luaL_setmetatable(L, COLLECTION);
	lua_insert(L, -2);
	lua_setiuservalue(L, -2, 1);
}

/* Pushes the items table of the collection at index i. */
static lua_Integer items_of(lua_State *L, int i)
{
	luaL_checkudata(L, i, COLLECTION);
	lua_getiuservalue(L, i, 1);
	return (lua_Integer)lua_rawlen(L, -1);
}

static int collection_len(lua_State *L)
{
	lua_pushinteger(L, items_of(L, 1));
	return 1;
}

static int collection_index(lua_State *L)
{
	luaL_checkudata(L, 1, COLLECTION);
	if (lua_type(L, 2) == LUA_TNUMBER) {
		items_of(L, 1);
		lua_rawgeti(L, -1, luaL_checkinteger(L, 2));
		return 1;
	}
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "methods");
	lua_pushvalue(L, 2);
	if (lua_rawget(L, -2) != LUA_TNIL)
		return 1;
	static const char *const methods[] = {"where", "between", "sort", "map", "first", NULL};
	const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
	const char *near = key ? arg_nearest(key, methods) : NULL;
	if (!key)
		return luaL_error(L, "a collection is indexed by position (1, 2, ...), not by %s",
		                  luaL_typename(L, 2));
	return luaL_error(L, "%s collection has no method '%s'%s%s%s", ((collection_ud *)lua_touserdata(L, 1))->name, key,
	                  near ? " (did you mean '" : " (it has where, between, sort, map, first)",
	                  near ? near : "", near ? "'?)" : "");
}

static int collection_tostring(lua_State *L)
{
	collection_ud *u = luaL_checkudata(L, 1, COLLECTION);
	lua_pushfstring(L, "%s collection of %d", u->name, (int)items_of(L, 1));
	return 1;
}

/* Pushes field k of the item at index i: straight from the dataset for
 * records (a query does not count as reading them), through __index
 * otherwise. */
static void get_field(lua_State *L, int i, const char *k)
{
	const ds_record *r = to_record(L, i);
	if (r) {
		const ds_value *v = ds_get(r, k);
		if (v)
			push_value(L, v);
		else
			lua_pushnil(L);
	} else if (lua_type(L, i) == LUA_TTABLE || luaL_getmetafield(L, i, "__index") != LUA_TNIL) {
		if (lua_type(L, i) != LUA_TTABLE)
			lua_pop(L, 1);
		lua_getfield(L, i, k);
	} else {
		lua_pushnil(L);
	}
}

/* Does the item at index item match the query at index q (a table of
 * field = value, or a predicate)? A list field matches a value it holds. */
static bool matches(lua_State *L, int item, int q)
{
	item = lua_absindex(L, item);
	if (lua_isfunction(L, q)) {
		lua_pushvalue(L, q);
		lua_pushvalue(L, item);
		lua_call(L, 1, 1);
		bool ok = lua_toboolean(L, -1);
		lua_pop(L, 1);
		return ok;
	}
	lua_pushnil(L);
	while (lua_next(L, q)) {
		bool ok = false;
		if (lua_type(L, -2) == LUA_TSTRING) {
			get_field(L, item, lua_tostring(L, -2));
			list_ud *lu = luaL_testudata(L, -1, LIST);
			if (lu && lua_type(L, -2) == LUA_TSTRING) {
				for (int i = 0; i < lu->count && !ok; i++)
					ok = strcmp(lu->items[i], lua_tostring(L, -2)) == 0;
			} else {
				ok = lua_compare(L, -1, -2, LUA_OPEQ);
			}
			lua_pop(L, 1);
		}
		if (!ok) {
			lua_pop(L, 2);
			return false;
		}
		lua_pop(L, 1);
	}
	return true;
}

static void check_query(lua_State *L, int i, bool optional)
{
	int t = lua_type(L, i);
	if (t == LUA_TTABLE || t == LUA_TFUNCTION || (optional && t == LUA_TNONE))
		return;
	luaL_typeerror(L, i, "table of field = value, or function");
}

static const char *name_of(lua_State *L)
{
	return ((collection_ud *)luaL_checkudata(L, 1, COLLECTION))->name;
}

/* The dataset collection whose records the collection at index 1 holds,
 * or NULL for one of other values (made by map). */
static const ds_collection *record_collection(lua_State *L)
{
	const ds_collection *c = ds_collection_named(dataset(L), name_of(L));
	if (!c)
		return NULL;
	lua_Integer n = items_of(L, 1);
	lua_rawgeti(L, -1, 1);
	bool records = n == 0 || to_record(L, -1) != NULL;
	lua_pop(L, 2);
	return records ? c : NULL;
}

/* Raises "WHAT: events record has no field 'knd' (did you mean 'kind'?)"
 * for a field name the records of c do not have. */
static void check_field_name(lua_State *L, const ds_collection *c, const char *field,
                             const char *what)
{
	if (!c || ds_field_index(c, field) >= 0)
		return;
	lua_pushstring(L, field);
	const char *msg = push_no_such_field(L, c, lua_gettop(L));
	luaL_error(L, "%s: %s", what, msg);
}

/* Does the dataset value v hold the Lua value at index i, as a query
 * compares them (a list holds each of its items)? */
static bool value_has(lua_State *L, const ds_value *v, int i)
{
	switch (lua_type(L, i)) {
	case LUA_TSTRING:
		if (v->type == DS_STRING)
			return strcmp(v->as.str, lua_tostring(L, i)) == 0;
		for (int k = 0; v->type == DS_LIST && k < v->as.list.count; k++)
			if (strcmp(v->as.list.items[k], lua_tostring(L, i)) == 0)
				return true;
		return false;
	case LUA_TNUMBER:
		return (v->type == DS_INTEGER && (double)v->as.integer == lua_tonumber(L, i)) ||
		       (v->type == DS_NUMBER && v->as.number == lua_tonumber(L, i));
	case LUA_TBOOLEAN:
		return v->type == DS_BOOLEAN && v->as.boolean == lua_toboolean(L, i);
	default:
		return false;
	}
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Pushes what the records of c hold in field f, for a warning: the nearest
 * text to the missing value at index i ("did you mean"), then the distinct
 * values (up to 8, sorted), or the range of a numeric field. */
static void push_values_hint(lua_State *L, const ds_collection *c, int f, int i)
{
	luaL_Buffer b;
	int nstr = 0;
	const char **strs = lua_newuserdatauv(L, sizeof *strs * (size_t)(c->nrecords * 8 + 1), 0);
	long long lo = 0, hi = 0;
	bool numbers = false;
	for (int r = 0; r < c->nrecords; r++) {
		const ds_value *v = &c->records[r].values[f];
		if (v->type == DS_STRING)
			strs[nstr++] = v->as.str;
		for (int k = 0; v->type == DS_LIST && k < v->as.list.count && k < 8; k++)
			strs[nstr++] = v->as.list.items[k];
		if (v->type == DS_INTEGER) {
			lo = !numbers || v->as.integer < lo ? v->as.integer : lo;
			hi = !numbers || v->as.integer > hi ? v->as.integer : hi;
			numbers = true;
		}
	}
	qsort(strs, (size_t)nstr, sizeof *strs, compare_strings);
	int ndistinct = 0;
	for (int k = 0; k < nstr; k++)
		if (ndistinct == 0 || strcmp(strs[ndistinct - 1], strs[k]) != 0)
			strs[ndistinct++] = strs[k];
	luaL_buffinit(L, &b);
	const char *given = lua_type(L, i) == LUA_TSTRING ? lua_tostring(L, i) : NULL;
	const char *near = given ? arg_nearest_of(given, strs, ndistinct) : NULL;
	if (near) {
		luaL_addstring(&b, "; did you mean \"");
		luaL_addstring(&b, near);
		luaL_addstring(&b, "\"?");
	}
	if (numbers && lua_type(L, i) == LUA_TSTRING)
		luaL_addstring(&b, "; the field holds numbers, so write the value without quotes");
	if (numbers) {
		lua_pushfstring(L, " (values from %I to %I)", (LUAI_UACINT)lo, (LUAI_UACINT)hi);
		luaL_addvalue(&b);
	} else if (ndistinct > 0) {
		luaL_addstring(&b, " (values: ");
		for (int k = 0; k < ndistinct && k < 10; k++) {
			luaL_addstring(&b, k ? ", \"" : "\"");
			luaL_addstring(&b, strs[k]);
			luaL_addchar(&b, '"');
		}
		if (ndistinct > 10) {
			lua_pushfstring(L, ", ... %d in all", ndistinct);
			luaL_addvalue(&b);
		}
		luaL_addchar(&b, ')');
	}
	luaL_pushresult(&b);
	lua_remove(L, -2);      /* the scratch array */
}

/* Warns, at the script's line, for each field = value of the query table
 * at q that no record of the whole collection c has: a misspelt or
 * miscased value ("Summit") or a number written as text ("2024") would
 * otherwise give an empty result in silence. A number no record has in a
 * numeric field is not warned of: a year without events is an answer, not
 * a mistake. what: "where" or "first". */
static void warn_unmatched_values(lua_State *L, const ds_collection *c, int q, const char *what)
{
	if (!c || !lua_istable(L, q))
		return;
	lua_pushnil(L);
	while (lua_next(L, q)) {
		int f = lua_type(L, -2) == LUA_TSTRING ? ds_field_index(c, lua_tostring(L, -2)) : -1;
		bool found = f < 0;
		for (int r = 0; r < c->nrecords && !found; r++) {
			const ds_value *v = &c->records[r].values[f];
			found = value_has(L, v, -1) ||
			        (lua_type(L, -1) == LUA_TNUMBER && (v->type == DS_INTEGER ||
			                                             v->type == DS_NUMBER));
		}
		if (!found) {
			int v = lua_gettop(L);
			push_values_hint(L, c, f, v);
			const char *shown = lua_type(L, v) == LUA_TSTRING
			                    ? lua_pushfstring(L, "\"%s\"", lua_tostring(L, v))
			                    : luaL_tolstring(L, v, NULL);
			lua_pushfstring(L, "%s{%s = %s}: no %s record has %s %s%s", what,
			                lua_tostring(L, v - 1), shown, c->name, lua_tostring(L, v - 1),
			                shown, lua_tostring(L, v + 1));
			sbx_warn(L, sbx_script_line(L), lua_tostring(L, -1));
			lua_settop(L, v);
		}
		lua_pop(L, 1);
	}
}

/* Every string key of the query table at q names a field of c. */
static void check_query_fields(lua_State *L, const ds_collection *c, int q, const char *what)
{
	if (!c || !lua_istable(L, q))
		return;
	lua_pushnil(L);
	while (lua_next(L, q)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			check_field_name(L, c, lua_tostring(L, -1), what);
	}
}

static int c_where(lua_State *L)
{
	const char *name = name_of(L);
	check_query(L, 2, false);
	lua_settop(L, 2);
	const ds_collection *c = record_collection(L);
	check_query_fields(L, c, 2, "where");
	prov_push_quiet(L);                 /* at 3: the predicate's reads do not count */
	lua_Integer n = items_of(L, 1);     /* items at 4 */
	lua_newtable(L);                    /* result at 5 */
	lua_Integer k = 0;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 4, i);
		if (matches(L, -1, 2))
			lua_rawseti(L, 5, ++k);
		else
			lua_pop(L, 1);
	}
	if (k == 0)
		warn_unmatched_values(L, c, 2, "where");
	push_collection(L, name);
	return 1;
}

static int c_first(lua_State *L)
{
	luaL_checkudata(L, 1, COLLECTION);
	check_query(L, 2, true);
	bool all = lua_isnone(L, 2);
	lua_settop(L, 2);
	const ds_collection *c = record_collection(L);
	check_query_fields(L, c, 2, "first");
	prov_push_quiet(L);                 /* at 3 */
	lua_Integer n = items_of(L, 1);     /* items at 4 */
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 4, i);
		if (all || matches(L, -1, 2))
			return 1;
		lua_pop(L, 1);
	}
	warn_unmatched_values(L, c, 2, "first");
	lua_pushnil(L);
	return 1;
}

/* The years an item covers: its year, or its from..to span. */
static bool years_of(lua_State *L, int item, lua_Integer *lo, lua_Integer *hi)
{
	item = lua_absindex(L, item);
	get_field(L, item, "year");
	if (lua_isinteger(L, -1)) {
		*lo = *hi = lua_tointeger(L, -1);
		lua_pop(L, 1);
		return true;
	}
	lua_pop(L, 1);
	get_field(L, item, "from");
	get_field(L, item, "to");
	bool ok = lua_isinteger(L, -2) && lua_isinteger(L, -1);
	if (ok) {
		*lo = lua_tointeger(L, -2);
		*hi = lua_tointeger(L, -1);
	}
	lua_pop(L, 2);
	return ok;
}

static int c_between(lua_State *L)
{
	const char *name = name_of(L);
	lua_Integer y1 = luaL_checkinteger(L, 2), y2 = luaL_checkinteger(L, 3);
	lua_settop(L, 3);
	lua_Integer n = items_of(L, 1);     /* items at 4 */
	lua_newtable(L);                    /* result at 5 */
	lua_Integer k = 0;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 4, i);
		lua_Integer lo, hi;
		if (years_of(L, -1, &lo, &hi) && lo >= y1 && hi <= y2)
			lua_rawseti(L, 5, ++k);
		else
			lua_pop(L, 1);
	}
	push_collection(L, name);
	return 1;
}

static int c_map(lua_State *L)
{
	const char *name = name_of(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 2);
	lua_Integer n = items_of(L, 1);     /* items at 3 */
	lua_newtable(L);                    /* result at 4 */
	lua_Integer k = 0;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_pushvalue(L, 2);
		lua_rawgeti(L, 3, i);
		lua_call(L, 1, 1);
		if (lua_isnil(L, -1))
			lua_pop(L, 1);      /* nothing for this item: no hole */
		else
			lua_rawseti(L, 4, ++k);
	}
	push_collection(L, name);
	return 1;
}

/* ---- sort: a stable merge sort over item positions ----------------------------- */

typedef struct sorter {
	lua_State *L;
	int items, by;          /* stack indices: items table, field name or function */
	bool descending;
	const char *field;
} sorter;

static int type_rank(int t)
{
	return t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : t == LUA_TBOOLEAN ? 2 : 3;
}

/* Is item a strictly before item b? */
static bool before(sorter *s, lua_Integer a, lua_Integer b)
{
	lua_State *L = s->L;
	bool lt;
	if (!s->field) {
		lua_pushvalue(L, s->by);
		lua_rawgeti(L, s->items, a);
		lua_rawgeti(L, s->items, b);
		lua_call(L, 2, 1);
		lt = lua_toboolean(L, -1);
		lua_pop(L, 1);
		return lt;
	}
	lua_rawgeti(L, s->items, a);
	get_field(L, -1, s->field);
	lua_rawgeti(L, s->items, b);
	get_field(L, -1, s->field);     /* stack: ia va ib vb */
	int ta = lua_type(L, -3), tb = lua_type(L, -1);
	if (ta == LUA_TNIL || tb == LUA_TNIL)
		lt = ta != LUA_TNIL && tb == LUA_TNIL;      /* nil last, either way */
	else if (type_rank(ta) != type_rank(tb))
		lt = type_rank(ta) < type_rank(tb);
	else if (type_rank(ta) <= 1)
		lt = s->descending ? lua_compare(L, -1, -3, LUA_OPLT) : lua_compare(L, -3, -1, LUA_OPLT);
	else
		lt = false;
	lua_pop(L, 4);
	return lt;
}

static void merge_sort(sorter *s, lua_Integer *v, lua_Integer *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(s, v, tmp, h);
	merge_sort(s, v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = before(s, v[j], v[i]) ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* Scratch index arrays live in a userdata, so an error raised by a
 * comparator cannot leak them. */
static int c_sort(lua_State *L)
{
	const char *name = name_of(L);
	sorter s = {.L = L, .by = 2};
	if (lua_type(L, 2) == LUA_TSTRING) {
		s.field = lua_tostring(L, 2);
		if (s.field[0] == '-') {
			s.descending = true;
			s.field++;
		}
		check_field_name(L, record_collection(L), s.field, "sort");
	} else if (!lua_isfunction(L, 2)) {
		return luaL_typeerror(L, 2, "field name or function");
	}
	lua_settop(L, 2);
	prov_push_quiet(L);                 /* at 3: the comparator's reads do not count */
	lua_Integer n = items_of(L, 1);     /* items at 4 */
	s.items = 4;
	lua_Integer *idx = lua_newuserdatauv(L, (size_t)(n ? n : 1) * 2 * sizeof *idx, 0);
	for (lua_Integer i = 0; i < n; i++)
		idx[i] = i + 1;
	merge_sort(&s, idx, idx + n, (size_t)n);
	lua_createtable(L, (int)n, 0);
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, 4, idx[i]);
		lua_rawseti(L, -2, i + 1);
	}
	push_collection(L, name);
	return 1;
}

/* ---- module functions ------------------------------------------------------------- */

static const char *ordinal_suffix(lua_Integer n)
{
	lua_Integer t = n % 100;
	if (t >= 11 && t <= 13)
		return "th";
	switch (n % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

static int r_ordinal(lua_State *L)
{
	lua_Integer n;
	int ok;
	n = lua_tointegerx(L, 1, &ok);
	if (!ok)
		return luaL_typeerror(L, 1, "integer");
	if (n < 0)
		return luaL_argerror(L, 1, "must not be negative");
	lua_pushfstring(L, "%I%s", (LUAI_UACINT)n, ordinal_suffix(n));
	return 1;
}

static int r_source(lua_State *L)
{
	const ds_record *r = to_record(L, 1);
	const char *id = r ? ds_source_id(r) : luaL_checkstring(L, 1);
	if (r && !id)
		id = ds_id(r);      /* a source is its own source */
	const ds_record *src = id ? ds_find(dataset(L), "sources", id) : NULL;
	if (!src) {
		lua_pushnil(L);
		lua_pushfstring(L, "no source '%s'", id ? id : "?");
		return 2;
	}
	push_record(L, src);
	return 1;
}

/* rel.field(r, name): r[name], except that a record whose collection has
 * no such field gives nil instead of an error: for code that takes records
 * of several collections (a title or else a name). */
static int r_field(lua_State *L)
{
	if (!to_record(L, 1) && !lua_istable(L, 1))
		return luaL_typeerror(L, 1, "record or table");
	relations_getfield(L, 1, luaL_checkstring(L, 2));
	return 1;
}

static int r_anniversaries(lua_State *L)
{
	lua_Integer year = luaL_checkinteger(L, 1);
	lua_Integer every = 5;
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		static const char *const anniversary_options[] = {"every", NULL};
		arg_check_options(L, 2, "anniversaries", anniversary_options);
		if (lua_getfield(L, 2, "every") != LUA_TNIL) {
			int ok;
			every = lua_tointegerx(L, -1, &ok);
			if (!ok || every < 1)
				return luaL_argerror(L, 2, "'every' must be a whole number of years, 1 or more");
		}
		lua_pop(L, 1);
	}
	const ds_collection *ev = ds_collection_named(dataset(L), "events");
	/* most years first; the dataset's date order within the same count: a
	 * stable pass per distinct span, largest first (events are few) */
	lua_newtable(L);
	if (year < 0 || year > 1000000)     /* no record is that far away: no overflow */
		return 1;
	int k = 0;
	lua_Integer done_above = LUA_MAXINTEGER;
	for (;;) {
		lua_Integer span = -1;      /* the largest span below done_above */
		for (int i = 0; i < ev->nrecords; i++) {
			lua_Integer y = ds_year(&ev->records[i]);
			if (year - y < every || year - y >= done_above)
				continue;
			lua_Integer s = year - y;
			if (s % every == 0 && s > span &&
			    strcmp(ds_get(&ev->records[i], "kind")->as.str, "anniversary") != 0)
				span = s;
		}
		if (span < 0)
			break;
		done_above = span;
		for (int i = 0; i < ev->nrecords; i++) {
			const ds_record *r = &ev->records[i];
			const ds_value *kind = ds_get(r, "kind");
			/* an anniversary has no anniversaries of its own */
			if (year - ds_year(r) != span || strcmp(kind->as.str, "anniversary") == 0)
				continue;
			lua_createtable(L, 0, 3);
			push_record(L, r);
			lua_setfield(L, -2, "event");
			lua_pushinteger(L, span);
			lua_setfield(L, -2, "years");
			lua_pushfstring(L, "%I%s", (LUAI_UACINT)span, ordinal_suffix(span));
			lua_setfield(L, -2, "ordinal");
			lua_rawseti(L, -2, ++k);
		}
	}
	return 1;
}

/* ---- registration ------------------------------------------------------------------ */

static const luaL_Reg record_meta[] = {
	{"__index", record_index}, {"__newindex", read_only}, {"__pairs", record_pairs},
	{"__tostring", record_tostring}, {NULL, NULL}
};
static const luaL_Reg list_meta[] = {
	{"__index", list_index}, {"__newindex", read_only}, {"__len", list_len},
	{"__pairs", sequence_pairs}, {"__tostring", list_tostring}, {NULL, NULL}
};
static const luaL_Reg collection_meta[] = {
	{"__index", collection_index}, {"__newindex", read_only}, {"__len", collection_len},
	{"__pairs", sequence_pairs}, {"__tostring", collection_tostring}, {NULL, NULL}
};
static const luaL_Reg collection_methods[] = {
	{"where", c_where}, {"between", c_between}, {"sort", c_sort}, {"map", c_map},
	{"first", c_first}, {NULL, NULL}
};
static const luaL_Reg functions[] = {
	{"source", r_source}, {"anniversaries", r_anniversaries}, {"ordinal", r_ordinal},
	{"field", r_field},
	{NULL, NULL}
};

int luaopen_relations(lua_State *L)
{
	const ds_dataset *ds = dataset(L);
	/* __metatable: getmetatable() gives false, so no script can change what
	 * the dataset reads or plant a finalizer through these metatables */
	luaL_newmetatable(L, RECORD);
	luaL_setfuncs(L, record_meta, 0);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	luaL_newmetatable(L, LIST);
	luaL_setfuncs(L, list_meta, 0);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	luaL_newmetatable(L, COLLECTION);
	luaL_setfuncs(L, collection_meta, 0);
	luaL_newlib(L, collection_methods);
	lua_setfield(L, -2, "methods");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 3);

	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "relations.records");

	luaL_newlib(L, functions);
	for (int c = 0; c < DS_NCOLLECTIONS; c++) {
		const ds_collection *coll = ds_collection_named(ds, ds_collection_names[c]);
		lua_createtable(L, coll->nrecords, 0);
		for (int i = 0; i < coll->nrecords; i++) {
			push_record(L, &coll->records[i]);
			lua_rawseti(L, -2, i + 1);
		}
		push_collection(L, coll->name);
		lua_setfield(L, -2, coll->name);
	}
	arg_strict_table(L, -1, "relations");
	return 1;
}

/*
 * sandbox.c -- building the Lua state a script runs in, and holding it to
 * its limits. See sandbox.h for what is allowed and why.
 */
#include "script/sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "script/modules.h"
#include "util/escape.h"
#include "util/path.h"

#define HOOK_EVERY 1000         /* instructions between two hook calls */
#define REP_MAX (256u << 20)    /* largest string string.rep may build */

typedef struct sbx {
	const run_job *job;
	int exit_code;              /* set by sbx_fail */
	int warnings;               /* sent by sbx_warn */
	char roots[3][PATH_LIMIT];  /* script folder, data, templates: resolved */
	const char *root_list[3];
	int nroots;
	lua_State *L;               /* the main thread, for the line of a memory stop */
	size_t used;
	long long count;
	const char *hit;            /* the limit that stopped the script */
	char stop_msg[PATH_LIMIT + 512];   /* and what it said, raised again and again */
	char chunk[PATH_LIMIT + 2];        /* "@path" of the script, to spot its lines */
} sbx;

static sbx *get(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

const run_job *sbx_job(lua_State *L)
{
	return get(L)->job;
}

const char *sbx_limit_hit(lua_State *L)
{
	return get(L)->hit;
}

long long sbx_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		errno = 0;
		long long t = strtoll(e, &end, 10);
		if (!*end && !errno && t >= 0)
			return t;
	}
	return (long long)time(NULL);
}

/* ---- memory ------------------------------------------------------------------ */

/* Records the script line running now in the job's line slot: no message
 * handler runs for a memory error, so this is how its message gets a line.
 * lua_getstack and lua_getinfo("Sl") only read the call chain; they do not
 * allocate, so they are safe inside the allocator. */
static void note_line(sbx *s)
{
	if (!s->L || !s->job->line_slot)
		return;
	lua_Debug ar;
	for (int level = 0; lua_getstack(s->L, level, &ar); level++)
		if (lua_getinfo(s->L, "Sl", &ar) && ar.currentline > 0 &&
		    strcmp(ar.source, s->chunk) == 0) {
			*s->job->line_slot = ar.currentline;
			return;
		}
}

static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sbx *s = ud;
	if (!ptr)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		s->used -= osize;
		return NULL;
	}
	if (nsize > osize && s->used - osize + nsize > s->job->limits.memory) {
		if (!s->hit)
			note_line(s);
		s->hit = "memory";
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (p)
		s->used = s->used - osize + nsize;
	return p;
}

/* ---- instructions and time --------------------------------------------------------- */

static lua_State *alarm_state;      /* the one state of this worker */
static volatile sig_atomic_t deadline_passed;

static void stop(lua_State *L, lua_Debug *ar, const char *fmt, ...);

static void hook(lua_State *L, lua_Debug *ar)
{
	sbx *s = get(L);
	const run_job *job = s->job;
	if (s->hit && strcmp(s->hit, "memory") != 0) {
		/* stopped already: every instruction of every thread raises again
		 * (hooks are per coroutine), so no pcall can carry on past it */
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "%s", s->stop_msg);
	}
	s->count += HOOK_EVERY;
	if (job->line_slot && lua_getinfo(L, "Sl", ar) && strcmp(ar->source, s->chunk) == 0)
		*job->line_slot = ar->currentline;
	if (deadline_passed) {
		s->hit = "time";
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
		stop(L, ar, "time limit of %g s exceeded (raise it with --timeout)",
		     job->limits.seconds);
	}
	if (s->count > job->limits.instructions) {
		s->hit = "instructions";
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
		stop(L, ar, "instruction limit of %lld exceeded (raise it with "
		     "--max-instructions)", job->limits.instructions);
	}
}

/* Raises a stop at the running Lua line, and keeps its text to raise again. */
static void stop(lua_State *L, lua_Debug *ar, const char *fmt, ...)
{
	sbx *s = get(L);
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* the main thread too: new coroutines take its hook, and it is the one
	 * that must not get past the pcall that caught this */
	if (s->L)
		lua_sethook(s->L, hook, LUA_MASKCOUNT, 1);
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)     /* the full name, not short_src */
		escape_format(s->stop_msg, sizeof s->stop_msg, "%s:%d: stopped: %s",
		         ar->source[0] == '@' ? ar->source + 1 : ar->short_src, ar->currentline, msg);
	else
		snprintf(s->stop_msg, sizeof s->stop_msg, "stopped: %s", msg);
	luaL_error(L, "%s", s->stop_msg);
}

static void on_alarm(int sig)
{
	(void)sig;
	deadline_passed = 1;
	if (alarm_state)    /* lua_sethook is safe in a signal handler */
		lua_sethook(alarm_state, hook, LUA_MASKCOUNT, 1);
}

void sbx_arm_deadline(lua_State *L, double seconds)
{
	alarm_state = L;
	deadline_passed = 0;
	struct sigaction sa = {0};
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = {0};
	it.it_value.tv_sec = (time_t)seconds;
	it.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
	if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
		it.it_value.tv_usec = 1;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- the allowed functions ------------------------------------------------------- */

/* load(chunk [, name [, mode [, env]]]) for text chunks only. */
static int safe_load(lua_State *L)
{
	int n = lua_gettop(L);
	if (n >= 3 && !lua_isnil(L, 3)) {
		const char *mode = luaL_checkstring(L, 3);
		if (strchr(mode, 'b'))
			return luaL_error(L, "load: binary chunks are not allowed in scripts");
	}
	lua_settop(L, n < 4 ? 4 : n);
	lua_pushliteral(L, "t");
	lua_replace(L, 3);
	if (n < 4) {
		lua_pushglobaltable(L);     /* default environment: the script's */
		lua_replace(L, 4);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static int safe_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		/* raw: a metatable of the metatable could otherwise plant __gc from
		 * its __index while this very check looks; Lua decides about
		 * finalizers when the metatable is set, right after, with no Lua
		 * code in between */
		lua_pushliteral(L, "__gc");
		bool gc = lua_rawget(L, 2) != LUA_TNIL;
		lua_pop(L, 1);
		if (gc)
			return luaL_error(L, "setmetatable: __gc metamethods are not allowed in scripts");
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int safe_rep(lua_State *L)
{
	size_t l, lsep = 0;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || (l == 0 && lsep == 0)) {
		lua_pushliteral(L, "");
		return 1;
	}
	if ((unsigned long long)n > REP_MAX ||
	    (l + lsep) * (unsigned long long)n > REP_MAX)
		return luaL_error(L, "string.rep: result would be larger than %d MiB",
		                  (int)(REP_MAX >> 20));
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int safe_time(lua_State *L)
{
	if (lua_isnoneornil(L, 1)) {
		lua_pushinteger(L, (lua_Integer)sbx_now());
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int safe_date(lua_State *L)
{
	if (lua_isnoneornil(L, 2)) {
		lua_settop(L, 1);
		if (lua_isnil(L, 1)) {
			lua_pop(L, 1);
			lua_pushliteral(L, "%c");
		}
		lua_pushinteger(L, (lua_Integer)sbx_now());
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int safe_randomseed(lua_State *L)
{
	if (lua_isnone(L, 1))
		lua_pushinteger(L, 0x62726965);     /* "brie": fixed, for reproducible output */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 0);
	return 0;
}

/* ---- a fixed iteration order --------------------------------------------------- */

/* next and pairs visit a table's keys in a fixed order: integers ascending,
 * then other numbers, then strings bytewise, then booleans, then the rest
 * (tables, functions: in the order Lua's own next gives, which is the one
 * part that may vary). next(t, nil) sorts the keys once and keeps them, with
 * each key's position, in a weak-keyed registry table; each later step is
 * one lookup. As with Lua's next, keys added during a traversal are not
 * promised a visit. */

static int key_rank(lua_State *L, int i)
{
	switch (lua_type(L, i)) {
	case LUA_TNUMBER:
		return lua_isinteger(L, i) ? 0 : 1;
	case LUA_TSTRING:
		return 2;
	case LUA_TBOOLEAN:
		return 3;
	default:
		return 4;
	}
}

/* Is the key at index a strictly before the key at index b? Compares
 * numbers and strings only, so no metamethod runs. */
static bool key_before(lua_State *L, int a, int b)
{
	int ra = key_rank(L, a), rb = key_rank(L, b);
	if (ra != rb)
		return ra < rb;
	if (ra <= 2)
		return lua_compare(L, a, b, LUA_OPLT);
	if (ra == 3)
		return !lua_toboolean(L, a) && lua_toboolean(L, b);
	return false;
}

/* Stable merge sort of positions v[0..n) into the keys table at index keys. */
static void sort_keys(lua_State *L, int keys, lua_Integer *v, lua_Integer *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_keys(L, keys, v, tmp, h);
	sort_keys(L, keys, v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		lua_rawgeti(L, keys, v[j]);
		lua_rawgeti(L, keys, v[i]);
		bool take_j = key_before(L, -2, -1);
		lua_pop(L, 2);
		tmp[k++] = take_j ? v[j++] : v[i++];
	}
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* Pushes the order of the table at index t: {sorted keys, key -> position}. */
static void push_order(lua_State *L, int t)
{
	lua_newtable(L);                                /* keys in Lua's order */
	int raw = lua_gettop(L);
	lua_Integer n = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, raw, ++n);
	}
	/* positions sorted in a userdata, so nothing leaks if a raise comes */
	lua_Integer *idx = lua_newuserdatauv(L, (size_t)(n ? n : 1) * 2 * sizeof *idx, 0);
	for (lua_Integer i = 0; i < n; i++)
		idx[i] = i + 1;
	sort_keys(L, raw, idx, idx + n, (size_t)n);
	lua_createtable(L, 2, 0);                       /* the order */
	lua_createtable(L, (int)n, 0);                  /* [1] sorted keys */
	lua_createtable(L, 0, (int)n);                  /* [2] key -> position */
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, raw, idx[i]);
		lua_pushvalue(L, -1);
		lua_rawseti(L, -4, i + 1);
		lua_pushinteger(L, i + 1);
		lua_rawset(L, -3);
	}
	lua_rawseti(L, -3, 2);
	lua_rawseti(L, -2, 1);
	lua_replace(L, raw);
	lua_settop(L, raw);
}

static int fixed_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.order");         /* 3 */
	lua_Integer i = 0;
	if (lua_isnil(L, 2)) {
		push_order(L, 1);                                       /* 4 */
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 4);
		lua_rawset(L, 3);
	} else {
		lua_pushvalue(L, 1);
		if (lua_rawget(L, 3) != LUA_TTABLE)                     /* 4 */
			return luaL_error(L, "invalid key to 'next'");
		lua_rawgeti(L, 4, 2);
		lua_pushvalue(L, 2);
		if (lua_rawget(L, -2) != LUA_TNUMBER)
			return luaL_error(L, "invalid key to 'next'");
		i = lua_tointeger(L, -1);
		lua_settop(L, 4);
	}
	lua_rawgeti(L, 4, 1);                                       /* 5: sorted keys */
	for (;;) {
		if (lua_rawgeti(L, 5, ++i) == LUA_TNIL)
			return 1;
		lua_pushvalue(L, -1);
		if (lua_rawget(L, 1) != LUA_TNIL)
			return 2;
		lua_pop(L, 2);      /* set to nil since: skip it */
	}
}

static int fixed_pairs(lua_State *L)
{
	luaL_checkany(L, 1);
	if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
		lua_pushvalue(L, 1);
		lua_call(L, 1, 3);
		return 3;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_pushcfunction(L, fixed_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int os_missing(lua_State *L)
{
	return luaL_error(L, "os.%s is not available in brief scripts (os has time, date, "
	                  "clock and difftime)", luaL_tolstring(L, 2, NULL));
}

static int undefined_global(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "undefined variable '%s'", lua_tostring(L, 2));
	return 0;
}

/* ---- require ----------------------------------------------------------------- */

const char *const *sbx_read_roots(lua_State *L, int *n)
{
	sbx *s = get(L);
	*n = s->nroots;
	return s->root_list;
}

int sbx_fail(lua_State *L, int code, const char *fmt, ...)
{
	get(L)->exit_code = code;
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&msg, fmt, ap);     /* C's formats, not lua_pushfstring's */
	va_end(ap);
	lua_pushstring(L, n < 0 ? "out of memory" : msg);
	free(msg);
	return lua_error(L);
}

int sbx_exit_code(lua_State *L)
{
	return get(L)->exit_code;
}

int sbx_script_line(lua_State *L)
{
	const run_job *job = get(L)->job;
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

void sbx_warn(lua_State *L, int line, const char *message)
{
	char num[16];
	snprintf(num, sizeof num, "%d", line);
	const char *f[2] = {num, message};
	run_send(get(L)->job->channel, MSG_WARNING, f, 2);
	get(L)->warnings++;
}

int sbx_warnings(lua_State *L)
{
	return get(L)->warnings;
}

/* ---- loading Lua files ------------------------------------------------------------- */

static int free_box(lua_State *L)
{
	char **box = lua_touserdata(L, 1);
	free(*box);
	*box = NULL;
	return 0;
}

char **sbx_new_box(lua_State *L, char *p)
{
	char **box = lua_newuserdatauv(L, sizeof *box, 0);
	*box = NULL;        /* set only once the box can free it */
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, free_box);
	lua_setfield(L, -2, "__gc");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	*box = p;           /* NULL: the caller sets it when it has the memory */
	return box;
}

int sbx_loadfile(lua_State *L, const char *given, const char *const *roots, int nroots)
{
	/* the file's text is C memory until it is copied into Lua, and the copy
	 * can raise a memory error: a box made first frees it then */
	char **box = sbx_new_box(L, NULL);
	path_file f;
	char why[128];
	if (path_read(roots, nroots, given, NULL, RUN_MAX_SOURCE, &f, why, sizeof why) != PATH_OK) {
		lua_pop(L, 1);
		lua_pushfstring(L, "%s: %s", given, why);
		return LUA_ERRFILE;
	}
	*box = f.data;
	bool binary = f.len > 0 && f.data[0] == 0x1B;
	if (!binary)
		lua_pushlstring(L, f.data, f.len);
	path_free(&f);
	*box = NULL;
	if (binary) {
		lua_pop(L, 1);
		lua_pushfstring(L, "%s: binary chunks are not allowed", given);
		return LUA_ERRSYNTAX;
	}
	lua_remove(L, -2);                                  /* the box */
	lua_pushfstring(L, "@%s", given);
	size_t len;
	const char *src = lua_tolstring(L, -2, &len);
	int rc = luaL_loadbufferx(L, src, len, lua_tostring(L, -1), "t");
	lua_remove(L, -2);      /* chunk name */
	lua_remove(L, -2);      /* source */
	return rc;
}

static bool module_name_ok(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (const char *p = s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.';
		if (!ok || (p[0] == '.' && p[1] == '.'))
			return false;
	}
	return true;
}

static int sbx_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	lua_settop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.loaded");
	if (lua_getfield(L, 2, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	lua_CFunction builtin = strcmp(name, "relations") == 0 ? luaopen_relations
	                        : strcmp(name, "brief") == 0 ? luaopen_brief : NULL;
	if (builtin) {
		lua_pushcfunction(L, builtin);
		lua_pushvalue(L, 1);
		lua_call(L, 1, 1);
	} else {
		if (!module_name_ok(name))
			return luaL_error(L, "require: '%s' is not a module name", name);
		const run_job *job = sbx_job(L);
		sbx *s = get(L);
		char rel[256], path[PATH_LIMIT + 300];
		snprintf(rel, sizeof rel, "%s", name);
		for (char *p = rel; *p; p++)
			if (*p == '.')
				*p = '/';
		/* a template by that name, else a module beside the script */
		const char *tdir = s->root_list[2], *sdir = s->root_list[0];
		snprintf(path, sizeof path, "%s/%s.lua", tdir ? tdir : job->templates_dir, rel);
		int rc = LUA_ERRFILE;
		if (tdir)
			rc = sbx_loadfile(L, path, &tdir, 1);
		else
			lua_pushliteral(L, "");
		if (rc == LUA_ERRFILE) {
			lua_pop(L, 1);
			snprintf(path, sizeof path, "%s/%s.lua", sdir ? sdir : ".", rel);
			rc = LUA_ERRFILE;
			if (sdir)
				rc = sbx_loadfile(L, path, &sdir, 1);
			else
				lua_pushliteral(L, "");
			if (rc == LUA_ERRFILE) {
				const char *why = lua_tostring(L, -1);
				bool absent = why && strstr(why, ": no such file");
				if (absent || !sdir)
					return luaL_error(L, "module '%s' not found (looked for %s/%s.lua and "
					                  "%s/%s.lua)", name, job->templates_dir, rel,
					                  sdir ? sdir : ".", rel);
				return luaL_error(L, "require '%s': %s", name, why);
			}
		}
		if (rc != LUA_OK)
			return lua_error(L);
		lua_pushvalue(L, 1);
		lua_call(L, 1, 1);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

/* ---- the state ------------------------------------------------------------------ */

/* The sandbox's policy, in one place: every global and library function a
 * script may use. Anything not listed here does not exist for scripts (io,
 * debug, package, dofile, loadfile, collectgarbage, string.dump, warn, most
 * of os). An entry with `with` is replaced by brief's own function, which
 * gets the original as its upvalue. docs/lua-api.md ("The sandbox")
 * documents this list; keep the two in step. */
typedef struct allowed {
	const char *lib;            /* NULL: a global */
	const char *name;
	lua_CFunction with;         /* brief's version, or NULL: the original */
} allowed;

static const allowed policy[] = {
	{NULL, "assert", NULL}, {NULL, "error", NULL}, {NULL, "getmetatable", NULL},
	{NULL, "ipairs", NULL}, {NULL, "pcall", NULL}, {NULL, "print", NULL},
	{NULL, "rawequal", NULL}, {NULL, "rawget", NULL}, {NULL, "rawlen", NULL},
	{NULL, "rawset", NULL}, {NULL, "select", NULL}, {NULL, "tonumber", NULL},
	{NULL, "tostring", NULL}, {NULL, "type", NULL}, {NULL, "xpcall", NULL},
	{NULL, "_VERSION", NULL},
	{NULL, "load", safe_load},              /* text chunks only */
	{NULL, "setmetatable", safe_setmetatable},  /* no __gc: finalizers escape the hook */
	{NULL, "pairs", fixed_pairs},           /* a fixed order: the same PDF every run */
	{NULL, "next", fixed_next},
	{NULL, "require", sbx_require},         /* brief's modules, templates, beside the script */
	{"string", "byte", NULL}, {"string", "char", NULL}, {"string", "find", NULL},
	{"string", "format", NULL}, {"string", "gmatch", NULL}, {"string", "gsub", NULL},
	{"string", "len", NULL}, {"string", "lower", NULL}, {"string", "match", NULL},
	{"string", "pack", NULL}, {"string", "packsize", NULL}, {"string", "reverse", NULL},
	{"string", "sub", NULL}, {"string", "unpack", NULL}, {"string", "upper", NULL},
	{"string", "rep", safe_rep},            /* capped: a C loop the hook cannot stop */
	{"table", "concat", NULL}, {"table", "insert", NULL}, {"table", "move", NULL},
	{"table", "pack", NULL}, {"table", "remove", NULL}, {"table", "sort", NULL},
	{"table", "unpack", NULL},
	{"math", "abs", NULL}, {"math", "ceil", NULL}, {"math", "cos", NULL},
	{"math", "deg", NULL}, {"math", "exp", NULL}, {"math", "floor", NULL},
	{"math", "fmod", NULL}, {"math", "huge", NULL}, {"math", "log", NULL},
	{"math", "max", NULL}, {"math", "maxinteger", NULL}, {"math", "min", NULL},
	{"math", "mininteger", NULL}, {"math", "modf", NULL}, {"math", "pi", NULL},
	{"math", "rad", NULL}, {"math", "random", NULL}, {"math", "sin", NULL},
	{"math", "sqrt", NULL}, {"math", "tan", NULL}, {"math", "tointeger", NULL},
	{"math", "type", NULL}, {"math", "ult", NULL}, {"math", "acos", NULL},
	{"math", "asin", NULL}, {"math", "atan", NULL},
	{"math", "randomseed", safe_randomseed},    /* a fixed seed by default */
	{"utf8", "char", NULL}, {"utf8", "charpattern", NULL}, {"utf8", "codepoint", NULL},
	{"utf8", "codes", NULL}, {"utf8", "len", NULL}, {"utf8", "offset", NULL},
	{"coroutine", "close", NULL}, {"coroutine", "create", NULL},
	{"coroutine", "isyieldable", NULL}, {"coroutine", "resume", NULL},
	{"coroutine", "running", NULL}, {"coroutine", "status", NULL},
	{"coroutine", "wrap", NULL}, {"coroutine", "yield", NULL},
	{"os", "clock", NULL}, {"os", "difftime", NULL},
	{"os", "time", safe_time},              /* $SOURCE_DATE_EPOCH when set */
	{"os", "date", safe_date},
};

/* The libraries the policy draws from, opened into a scratch table. */
static const luaL_Reg sources[] = {
	{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
	{LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
	{LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
	{LUA_OSLIBNAME, luaopen_os}, {NULL, NULL}
};

/* Builds the script's globals from the policy alone. */
static void apply_policy(lua_State *L, int g)
{
	lua_newtable(L);                                    /* name -> opened library */
	int libs = lua_gettop(L);
	for (const luaL_Reg *l = sources; l->name; l++) {
		luaL_requiref(L, l->name, l->func, 0);
		lua_setfield(L, libs, l->name);
	}
	for (size_t i = 0; i < sizeof policy / sizeof policy[0]; i++) {
		const allowed *a = &policy[i];
		lua_getfield(L, libs, a->lib ? a->lib : LUA_GNAME);
		lua_getfield(L, -1, a->name);                   /* the original, or nil */
		if (a->with)
			lua_pushcclosure(L, a->with, 1);
		int dest = g;
		if (a->lib) {                                   /* g[lib], made on first use */
			if (lua_getfield(L, g, a->lib) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_newtable(L);
				lua_pushvalue(L, -1);
				lua_setfield(L, g, a->lib);
			}
			lua_rotate(L, -2, 1);                       /* ... library, value */
			dest = lua_gettop(L) - 1;
		}
		lua_setfield(L, dest, a->name);
		lua_settop(L, libs);
	}
	lua_pop(L, 1);
}

static int open_all(lua_State *L)
{
	/* luaL_requiref leaves the libraries in the registry's _LOADED: the
	 * script's globals are a new table built from the policy alone */
	lua_newtable(L);
	int g = lua_gettop(L);
	apply_policy(L, g);
	lua_pushvalue(L, g);
	lua_setfield(L, g, "_G");
	lua_pushvalue(L, g);
	lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);

	lua_newtable(L);                    /* table -> its order, while it lives */
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.order");
	lua_getfield(L, g, "require");      /* kept for brief itself, whatever the script does */
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.require");
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "brief.loaded");

	/* strings index the sandbox's string table, behind a protected metatable */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_getfield(L, g, "string");
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	/* os.<anything else> says what os holds */
	lua_getfield(L, g, "os");
	lua_newtable(L);
	lua_pushcfunction(L, os_missing);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);

	/* math.random: the same numbers every run */
	lua_getfield(L, g, "math");
	lua_getfield(L, -1, "randomseed");
	lua_call(L, 0, 0);
	lua_pop(L, 1);

	/* reading an undefined global is an error */
	lua_newtable(L);
	lua_pushcfunction(L, undefined_global);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, g);
	return 0;
}

lua_State *sbx_new(const run_job *job)
{
	sbx *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->job = job;
	snprintf(s->chunk, sizeof s->chunk, "@%s", job->script);
	char sdir[PATH_LIMIT];
	path_folder_of(job->script, sdir);
	const char *dirs[3] = {sdir, job->data_dir, job->templates_dir};
	for (int i = 0; i < 3; i++) {
		struct stat sb;
		if (dirs[i] && path_resolve(dirs[i], NULL, s->roots[i]) == PATH_OK &&
		    stat(s->roots[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			s->root_list[i] = s->roots[i];
	}
	s->nroots = 3;
	lua_State *L = lua_newstate(sbx_alloc, s);
	if (!L) {
		free(s);
		return NULL;
	}
	s->L = L;
	lua_pushcfunction(L, open_all);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		lua_close(L);
		free(s);
		return NULL;
	}
	lua_sethook(L, hook, LUA_MASKCOUNT, HOOK_EVERY);
	return L;
}

void sbx_close(lua_State *L)
{
	if (!L)
		return;
	sbx *s = get(L);
	struct itimerval off = {0};
	setitimer(ITIMER_REAL, &off, NULL);
	alarm_state = NULL;
	lua_close(L);
	free(s);
}

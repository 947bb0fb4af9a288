/*
 * run.c -- one script in the worker: load, run, save what was not saved,
 * and report how it ended. lua.c's pcall-with-traceback is the model.
 */
#include "script/run.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "script/modules.h"
#include "script/sandbox.h"

void run_send(int fd, char type, const char *const *fields, int nfields)
{
	char buf[8192];
	size_t n = 5;
	for (int i = 0; i < nfields; i++) {
		size_t k = strlen(fields[i]) + 1;
		if (n + k > sizeof buf)
			k = sizeof buf - n;
		memcpy(buf + n, fields[i], k);
		n += k;
		buf[n - 1] = '\0';
	}
	uint32_t len = (uint32_t)(n - 5);
	buf[0] = type;
	memcpy(buf + 1, &len, 4);
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, buf + off, n - off);
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

/* Lua shortens chunk names past 60 bytes in messages ("...ports/x.lua:3:");
 * puts the script's full name back in front of msg when it names it so. */
static const char *full_name(lua_State *L, const run_job *job, const char *msg)
{
	if (strncmp(msg, "...", 3) != 0)
		return msg;
	const char *colon = strchr(msg + 3, ':');
	if (!colon)
		return msg;
	size_t tail = (size_t)(colon - (msg + 3)), sl = strlen(job->script);
	if (tail > sl || strncmp(job->script + sl - tail, msg + 3, tail) != 0)
		return msg;
	return lua_pushfstring(L, "%s%s", job->script, colon);
}

/* The message handler: a string message with the analyst's line in front
 * when the fault was raised outside their script (in brief's own Lua), and
 * a traceback with --verbose. */
static int message_handler(lua_State *L)
{
	const run_job *job = sbx_job(L);
	const char *msg = lua_tostring(L, 1);
	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	msg = full_name(L, job, msg);
	size_t sl = strlen(job->script);
	bool ours = strncmp(msg, job->script, sl) == 0 && msg[sl] == ':';
	if (!ours) {
		lua_Debug ar;
		for (int level = 1; lua_getstack(L, level, &ar); level++) {
			if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 || ar.source[0] != '@' ||
			    strcmp(ar.source + 1, job->script) != 0)
				continue;
			if (strncmp(msg, "[brief]:", 8) == 0) {
				const char *rest = strstr(msg + 8, ": ");
				msg = rest ? rest + 2 : msg;
			}
			if (strncmp(msg, "templates/", 10) == 0 || strstr(msg, ".lua:"))
				msg = lua_pushfstring(L, "%s (called from %s:%d)", msg, job->script,
				                      ar.currentline);
			else
				msg = lua_pushfstring(L, "%s:%d: %s", job->script, ar.currentline, msg);
			break;
		}
	}
	if (job->verbose)
		luaL_traceback(L, L, msg, 1);
	else
		lua_pushstring(L, msg);
	return 1;
}

static int finish(lua_State *L)
{
	return brief_finish(L);
}

int run_script(const run_job *job)
{
	lua_State *L = sbx_new(job);
	if (!L) {
		const char *f[2] = {"1", "out of memory creating the Lua state"};
		run_send(job->channel, MSG_ERROR, f, 2);
		return EXIT_INTERNAL;
	}
	sbx_arm_deadline(L, job->limits.seconds);
	lua_pushcfunction(L, message_handler);
	int rc = sbx_loadfile(L, job->script);
	int code = EXIT_OK;
	if (rc != LUA_OK)       /* a syntax error: no handler has run */
		lua_pushstring(L, full_name(L, job, lua_tostring(L, -1)));
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 0, 1);
	if (rc == LUA_OK) {
		lua_pushcfunction(L, finish);
		rc = lua_pcall(L, 0, 0, 1);
	}
	if (rc != LUA_OK) {
		const char *limit = sbx_limit_hit(L);
		lua_getfield(L, LUA_REGISTRYINDEX, "brief.exit");
		if (lua_isinteger(L, -1))
			code = (int)lua_tointeger(L, -1);
		else if (limit && (strcmp(limit, "memory") != 0 || rc == LUA_ERRMEM))
			code = EXIT_LIMIT;
		else
			code = EXIT_SCRIPT;
		lua_pop(L, 1);
		const char *msg = lua_tostring(L, -1);
		char buf[512];
		if (rc == LUA_ERRMEM || !msg) {
			/* no message handler runs for memory errors: the hook's last line */
			char where[4200];
			int line = job->line_slot ? *job->line_slot : 0;
			if (line > 0)
				snprintf(where, sizeof where, "%s:%d", job->script, line);
			else
				snprintf(where, sizeof where, "%s", job->script);
			snprintf(buf, sizeof buf, "%s: stopped: memory limit of %zu MiB exceeded at or "
			         "after this line (raise it with --max-memory)", where,
			         job->limits.memory >> 20);
			msg = buf;
		}
		char num[8];
		snprintf(num, sizeof num, "%d", code);
		const char *f[2] = {num, msg};
		run_send(job->channel, MSG_ERROR, f, 2);
	}
	fflush(stdout);
	sbx_close(L);
	return code;
}

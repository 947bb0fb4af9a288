/*
 * run.c -- one script in the worker: load, run, save what was not saved,
 * and report how it ended. lua.c's pcall-with-traceback is the model.
 */
#include "script/run.h"

#include <lauxlib.h>
#include <lua.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "script/modules.h"
#include "script/sandbox.h"
#include "util/escape.h"

void run_send(int fd, char type, const char *const *fields, int nfields)
{
	if (fd < 0)
		return;
	size_t n = 5;
	for (int i = 0; i < nfields; i++)
		n += RUN_FIELD_MAX + sizeof "… (cut)";
	char *buf = malloc(n);
	if (!buf)
		return;
	n = 5;
	for (int i = 0; i < nfields; i++) {
		size_t len = strlen(fields[i]), k = escape_cut(fields[i], len, RUN_FIELD_MAX);
		memcpy(buf + n, fields[i], k);
		n += k;
		if (k < len) {
			memcpy(buf + n, "… (cut)", sizeof "… (cut)" - 1);
			n += sizeof "… (cut)" - 1;
		}
		buf[n++] = '\0';
	}
	uint32_t len = (uint32_t)(n - 5);
	buf[0] = type;
	memcpy(buf + 1, &len, 4);
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, buf + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	free(buf);
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
/* The string at index i with each NUL byte written as \0, so that C, which
 * stops at the first NUL, shows all of it; pushed when it had any. */
static const char *without_nul(lua_State *L, int i)
{
	size_t len = 0;
	const char *s = lua_tolstring(L, i, &len);
	if (!s || strlen(s) == len)
		return s;
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (size_t k = 0; k < len; k++)
		if (s[k])
			luaL_addchar(&b, s[k]);
		else
			luaL_addstring(&b, "\\0");
	luaL_pushresult(&b);
	return lua_tostring(L, -1);
}

static int message_handler(lua_State *L)
{
	const run_job *job = sbx_job(L);
	const char *msg = lua_isstring(L, 1) ? without_nul(L, 1) : NULL;   /* or a number */
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

/* Loads the script (in a protected call: a script too large for the memory
 * limit is a memory error, not a panic) and leaves its chunk on the stack. */
static int load_script(lua_State *L)
{
	const run_job *job = sbx_job(L);
	int n;
	const char *const *roots = sbx_read_roots(L, &n);
	int rc = sbx_loadfile(L, job->script, roots, 1);    /* the script's own folder */
	if (rc == LUA_ERRFILE)
		return sbx_fail(L, EXIT_SCRIPT, "%s", lua_tostring(L, -1));
	if (rc != LUA_OK)
		return lua_error(L);
	return 1;
}

/* Provenance (modules.h), before any of the script's code runs, so that
 * every string function the script can take hold of carries records. */
static int open_provenance(lua_State *L)
{
	prov_open(L);
	return 0;
}

/* Sends the error that ended the run, and returns its exit code. */
static int report_error(lua_State *L, const run_job *job, int rc)
{
	const char *limit = sbx_limit_hit(L);
	int code = sbx_exit_code(L);
	if (!code)
		code = limit && (strcmp(limit, "memory") != 0 || rc == LUA_ERRMEM) ? EXIT_LIMIT
		                                                                     : EXIT_SCRIPT;
	const char *msg = lua_tostring(L, -1);
	char *buf = NULL;
	if (rc == LUA_ERRMEM || !msg) {
		/* no message handler runs for memory errors: the hook's last line */
		int line = job->line_slot ? *job->line_slot : 0;
		if (line > 0 && asprintf(&buf, "%s:%d: stopped: memory limit of %zu MiB exceeded at "
		                         "or after this line (raise it with --max-memory)", job->script,
		                         line, job->limits.memory >> 20) < 0)
			buf = NULL;
		else if (line <= 0 && asprintf(&buf, "%s: stopped: memory limit of %zu MiB exceeded "
		                               "(raise it with --max-memory)", job->script,
		                               job->limits.memory >> 20) < 0)
			buf = NULL;
		msg = buf ? buf : "stopped: memory limit exceeded";
		code = EXIT_LIMIT;
	}
	char num[8];
	snprintf(num, sizeof num, "%d", code);
	const char *f[2] = {num, msg};
	run_send(job->channel, MSG_ERROR, f, 2);
	free(buf);
	return code;
}

int run_script(const run_job *job)
{
	if (!job->output || !job->output_root) {
		const char *f[2] = {"1", "internal error: a run needs an output and its folder"};
		run_send(job->channel, MSG_ERROR, f, 2);
		return EXIT_INTERNAL;
	}
	lua_State *L = sbx_new(job);
	if (!L) {
		const char *f[2] = {"1", "out of memory creating the Lua state"};
		run_send(job->channel, MSG_ERROR, f, 2);
		return EXIT_INTERNAL;
	}
	lua_pushcfunction(L, open_provenance);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		const char *f[2] = {"1", "out of memory setting up the run"};
		run_send(job->channel, MSG_ERROR, f, 2);
		sbx_close(L);
		return EXIT_INTERNAL;
	}
	sbx_arm_deadline(L, job->limits.seconds);
	lua_pushcfunction(L, message_handler);
	int code = EXIT_OK;
	lua_pushcfunction(L, load_script);
	int rc = lua_pcall(L, 0, 1, 1);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 0, 1);
	if (rc == LUA_OK) {
		lua_pushcfunction(L, brief_finish);
		rc = lua_pcall(L, 0, 0, 1);
	}
	if (rc != LUA_OK)
		code = report_error(L, job, rc);
	fflush(stdout);
	sbx_close(L);
	return code;
}

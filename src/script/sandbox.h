/*
 * sandbox.h -- a fresh Lua state an analyst's script may run in.
 *
 * What it holds (Redis's scripting sandbox is the model): an allocator with
 * a byte cap; a count hook that stops the script after an instruction budget
 * and re-arms itself so pcall cannot swallow the stop; only the libraries on
 * an allow-list (base without dofile/loadfile, string, table, math, utf8,
 * coroutine, and os.time/clock/date/difftime); `load` for text chunks only;
 * `setmetatable` refusing __gc (finalizers escape the hook); string.rep
 * capped and string.dump removed; a protected string metatable; `pairs`
 * and `next` in a fixed key order and math.random with a fixed seed, so the
 * same script gives the same PDF; reading an undefined global is an error.
 *
 * `require` finds the built-in modules, then templates/NAME.lua, then
 * NAME.lua beside the script; nothing else is readable from Lua.
 */
#ifndef BRIEF_SANDBOX_H
#define BRIEF_SANDBOX_H

#include <lua.h>
#include <stdbool.h>

#include "script/run.h"

/* Returns a new sandboxed state for the job, owned by the caller (close with
 * sbx_close()), or NULL when out of memory. The job must outlive the state. */
lua_State *sbx_new(const run_job *job);

/* Disarms the deadline and closes the state. NULL is accepted. */
void sbx_close(lua_State *L);

/* Arms the wall-clock deadline: after `seconds` the script is stopped at its
 * next instruction. A stop inside one long C call (a backtracking pattern)
 * is left to the parent's SIGKILL a second later. */
void sbx_arm_deadline(lua_State *L, double seconds);

/* Why the last run stopped, if a limit stopped it: "time", "instructions",
 * "memory" or NULL. */
const char *sbx_limit_hit(lua_State *L);

/* Loads the Lua text file given (relative to the working directory) as a
 * chunk named after it, with the sandbox's globals as its environment, when
 * the path rule lets it be read beneath one of the nroots resolved folders
 * roots[] (util/path.h; at most RUN_MAX_SOURCE bytes). Returns a lua_load
 * status (LUA_ERRFILE when it cannot be read); on error the message is on
 * the stack. */
int sbx_loadfile(lua_State *L, const char *given, const char *const *roots, int nroots);

/* The resolved folders a script may read files beneath: its own folder,
 * the data folder and the templates folder (any may be NULL). */
const char *const *sbx_read_roots(lua_State *L, int *n);

/* Raises a Lua error (at the script's line, through the message handler)
 * that ends the run with the exit code code (an EXIT_* of run.h). */
__attribute__((format(printf, 3, 4)))
int sbx_fail(lua_State *L, int code, const char *fmt, ...);

/* The exit code set by sbx_fail(), or 0. */
int sbx_exit_code(lua_State *L);

/* Reports a warning to the parent: the script line it concerns (0: none)
 * and the message. The parent prints it and keeps it for the summary. */
void sbx_warn(lua_State *L, int line, const char *message);

/* How many warnings sbx_warn() has sent so far. */
int sbx_warnings(lua_State *L);

/* The line of the analyst's script that is running: the innermost level in
 * the script itself, else the innermost Lua level (a template's), else 0. */
int sbx_script_line(lua_State *L);

/* Pushes a userdata holding p, a malloc'd buffer (or NULL, to be set
 * later), that frees it when the userdata is collected unless *box is set
 * to NULL first: C memory held across a call that may raise. */
char **sbx_new_box(lua_State *L, char *p);

/* The job of the state's run. */
const run_job *sbx_job(lua_State *L);

/* Current UNIX time for os.time/os.date: $SOURCE_DATE_EPOCH when set, so
 * "the current year" is reproducible too. */
long long sbx_now(void);

#endif

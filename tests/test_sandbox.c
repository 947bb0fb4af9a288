/*
 * test_sandbox.c -- the Lua sandbox a script runs in (src/script/sandbox.c),
 * as a script sees it through host_run(): the globals and library functions
 * it has and has not, require, load and binary chunks, setmetatable and
 * finalizers, string.rep, undefined globals, the instruction, memory and
 * time limits, and determinism (pairs, next, math.random, os.time under
 * SOURCE_DATE_EPOCH).
 *
 * Scripts of more than a few lines are Lua files, tests/lua/sandbox/TEST.lua,
 * run as they are (support.h, "scripts run through a job"); the one-line
 * cases and the messages they raise are tables here. Run from the
 * repository root (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static int setup(void **state)
{
	return script_setup(state, "sandbox");
}

/* ---- what a script has ---------------------------------------------------------- */

static void dangerous_globals_are_absent(void **state)
{
	script_ctx *c = *state;
#define OS_MISSING(f) "{dir}/x.lua:1: os." f " is not available in brief scripts (os has " \
	"time, date, clock and difftime)"
	static const script_error_case cases[] = {
		{"io.open('/etc/passwd')", "{dir}/x.lua:1: undefined variable 'io'"},
		{"os.execute('true')", OS_MISSING("execute")},
		{"os.getenv('HOME')", OS_MISSING("getenv")},
		{"os.exit(0)", OS_MISSING("exit")},
		{"os.remove('{out}')", OS_MISSING("remove")},
		{"package.loadlib('libc.so.6', 'system')", "{dir}/x.lua:1: undefined variable 'package'"},
		{"debug.sethook()", "{dir}/x.lua:1: undefined variable 'debug'"},
		{"dofile('/etc/passwd')", "{dir}/x.lua:1: undefined variable 'dofile'"},
		{"loadfile('/etc/passwd')", "{dir}/x.lua:1: undefined variable 'loadfile'"},
		{"collectgarbage('stop')", "{dir}/x.lua:1: undefined variable 'collectgarbage'"},
		{"require 'io'", "{dir}/x.lua:1: module 'io' not found (looked for templates/io.lua and "
		 "{dir}/io.lua)"},
		{"require 'debug'", "{dir}/x.lua:1: module 'debug' not found (looked for "
		 "templates/debug.lua and {dir}/debug.lua)"},
	};
#undef OS_MISSING
	script_expect_error_cases(c, "", cases, sizeof cases / sizeof cases[0]);
	/* nor hidden where a script could still reach them */
	script_check_lua(c, "dangerous_globals_are_absent");
}

/* The globals and library functions a script sees are exactly the
 * sandbox's allow-list (sandbox.c), no more: a library added by accident
 * fails here. */
static void the_globals_are_exactly_the_allow_list(void **state)
{
	script_ctx *c = *state;
	script_capture_file(c, script_lua(c, "the_globals_are_exactly_the_allow_list"));
	script_expect_ok(c, "listing the globals");
	assert_string_equal(c->captured,
		"_G _VERSION assert coroutine.close coroutine.create coroutine.isyieldable "
		"coroutine.resume coroutine.running coroutine.status coroutine.wrap coroutine.yield "
		"error getmetatable ipairs load math.abs math.acos math.asin math.atan math.ceil "
		"math.cos math.deg math.exp math.floor math.fmod math.huge math.log math.max "
		"math.maxinteger math.min math.mininteger math.modf math.pi math.rad math.random "
		"math.randomseed math.sin math.sqrt math.tan math.tointeger math.type math.ult next "
		"os.clock os.date os.difftime os.time pairs pcall print rawequal rawget rawlen rawset "
		"require select setmetatable string.byte string.char string.find string.format "
		"string.gmatch string.gsub string.len string.lower string.match string.pack "
		"string.packsize string.rep string.reverse string.sub string.unpack string.upper "
		"table.concat table.insert table.move table.pack table.remove table.sort "
		"table.unpack tonumber tostring type utf8.char utf8.charpattern utf8.codepoint "
		"utf8.codes utf8.len utf8.offset xpcall\n");
}

static void binary_chunks_are_refused(void **state)
{
	script_ctx *c = *state;
	static const script_error_case refused[] = {
		{"load('\\27Lua\\x54\\0', 'x', 'b')",
		 "{dir}/x.lua:1: load: binary chunks are not allowed in scripts"},
		{"load('return 1', 'x', 'bt')",
		 "{dir}/x.lua:1: load: binary chunks are not allowed in scripts"},
	};
	script_expect_error_cases(c, "", refused, sizeof refused / sizeof refused[0]);
	script_check_lua(c, "binary_chunks_are_refused");

	/* a binary chunk as the script itself, or as a module beside it */
	static const char binary[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
	support_write_file(c->script, binary, sizeof binary - 1);
	script_run_file(c, c->script);
	script_expect_error(c, "binary script", EXIT_SCRIPT,
	                    "{dir}/x.lua: binary chunks are not allowed");
	char mod[128];
	snprintf(mod, sizeof mod, "%s/evil.lua", c->dir);
	support_write_file(mod, binary, sizeof binary - 1);
	script_run(c, "require 'evil'\n");
	script_expect_error_like(c, "binary module", EXIT_SCRIPT, "{dir}/",
	                         "evil.lua: binary chunks are not allowed");
}

static void require_refuses_unknown_and_path_like_modules(void **state)
{
	script_ctx *c = *state;
	static const script_error_case cases[] = {
		{"require 'no_such_module'",
		 "{dir}/x.lua:1: module 'no_such_module' not found (looked for "
		 "templates/no_such_module.lua and {dir}/no_such_module.lua)"},
		{"require '../x'", "{dir}/x.lua:1: require: '../x' is not a module name"},
		{"require '/etc/passwd'", "{dir}/x.lua:1: require: '/etc/passwd' is not a module name"},
		{"require 'a..b'", "{dir}/x.lua:1: require: 'a..b' is not a module name"},
		{"require '.hidden'", "{dir}/x.lua:1: require: '.hidden' is not a module name"},
	};
	script_expect_error_cases(c, "", cases, sizeof cases / sizeof cases[0]);
	script_put(c, "helper.lua", "return {answer = 42}\n");
	script_run(c, "assert(require('helper').answer == 42, 'a module beside the script')\n"
		"assert(require('helper') == require('helper'), 'loaded once')\n"
		"assert(type(require('default')) == 'table', 'a template by name')\n");
	script_expect_ok(c, "require of allowed modules");
}

/* require reads modules through the path rule: a link in the script's
 * folder to a file outside it is refused, as the file itself would be. */
static void require_does_not_follow_a_link_out_of_its_folder(void **state)
{
	script_ctx *c = *state;
	char *outside = c->outside, target[160], link[160];
	assert_non_null(support_temp_dir(outside, sizeof c->outside, "test_sandbox_outside"));
	snprintf(target, sizeof target, "%s/secret.lua", outside);
	support_write_file(target, "return 'secret'\n", 16);
	snprintf(link, sizeof link, "%s/mod.lua", c->dir);
	assert_int_equal(symlink(target, link), 0);
	script_run(c, "return require 'mod'\n");
	script_expect_error_like(c, "require through a link", EXIT_SCRIPT,
	                         "{dir}/x.lua:1: require 'mod'", "outside the folders it may read");
}

static void setmetatable_refuses_gc(void **state)
{
	script_ctx *c = *state;
	script_run(c, "local t = setmetatable({}, {__gc = function() while true do end end})\n");
	script_expect_error(c, "__gc", EXIT_SCRIPT,
	                    "{dir}/x.lua:1: setmetatable: __gc metamethods are not allowed in scripts");
	script_run(c, "local mt = {__index = function() return 1 end}\n"
		"assert(setmetatable({}, mt).x == 1, 'other metamethods are fine')\n");
	script_expect_ok(c, "setmetatable without __gc");
}

static void no_finalizer_can_be_planted_through_a_library_metatable(void **state)
{
	script_check_lua(*state, "no_finalizer_can_be_planted_through_a_library_metatable");
}

static void string_rep_refuses_huge_results(void **state)
{
	script_ctx *c = *state;
	static const script_error_case cases[] = {
		{"local s = ('x'):rep(1e12)",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
		{"local s = string.rep('x', 1 << 40)",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
		{"local s = string.rep('ab', 100 << 20, ',')",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
	};
	script_expect_error_cases(c, "", cases, sizeof cases / sizeof cases[0]);
	script_run(c, "assert(string.rep('', 1 << 62) == '', 'empty string, huge count')\n"
		"assert(('x'):rep(-1) == '', 'negative count')\n"
		"assert(#('ab'):rep(1000, ',') == 2999, 'ordinary use')\n");
	script_expect_ok(c, "ordinary string.rep");
}

static void reading_an_undefined_global_is_an_error(void **state)
{
	script_ctx *c = *state;
	script_run(c, "local a = 1\nprint(undefined_thing)\n");
	script_expect_error(c, "undefined global", EXIT_SCRIPT,
	                    "{dir}/x.lua:2: undefined variable 'undefined_thing'");
	script_run(c, "defined_later = 1\nassert(defined_later == 1)\n");
	script_expect_ok(c, "a global the script sets");
}

/* ---- limits --------------------------------------------------------------------- */

static void instruction_limit_stops_a_runaway_loop_at_its_line(void **state)
{
	script_ctx *c = *state;
	c->job.limits.instructions = 1000000;
	script_run_lua(c, "instruction_limit_stops_a_runaway_loop_at_its_line");
	script_expect_marked_error(c, EXIT_LIMIT);
	script_expect_only(c, "runaway loop", (const char *[]){NULL});
}

static void pcall_cannot_swallow_the_stop(void **state)
{
	script_ctx *c = *state;
	c->job.limits.instructions = 1000000;
	static const struct {
		const char *what, *code;
	} cases[] = {
		{"pcall", "local n = 0\n"
		 "for i = 1, 100 do pcall(function() while true do n = n + 1 end end) end\n"
		 "error('the loop survived the stop')\n"},
		{"xpcall", "local n = 0\n"
		 "for i = 1, 100 do xpcall(function() while true do n = n + 1 end end, "
		 "function(m) return m end) end\n"
		 "error('the loop survived the stop')\n"},
		{"pcall in a coroutine", "local n = 0\n"
		 "for i = 1, 100 do pcall(coroutine.wrap(function() while true do n = n + 1 end end)) "
		 "end\n"
		 "error('the loop survived the stop')\n"},
		{"to-be-closed", "local n = 0\n"
		 "for i = 1, 100 do pcall(function() local x <close> = setmetatable({}, {__close = "
		 "function() while true do n = n + 1 end end}) while true do n = n + 1 end end) end\n"
		 "error('the loop survived the stop')\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		script_run(c, cases[i].code);
		script_expect_error_like(c, cases[i].what, EXIT_LIMIT, "{dir}/x.lua:2: ",
		                         "stopped: instruction limit of 1000000 exceeded");
	}
}

/* The script prints "still running" if it carries on after the stop. */
static void a_stop_inside_a_coroutine_stops_the_whole_script(void **state)
{
	script_ctx *c = *state;
	c->job.limits.instructions = 1000000;
	c->job.limits.seconds = 3;      /* the wall clock ends it if the stop does not */
	script_capture_file(c, script_lua(c, "a_stop_inside_a_coroutine_stops_the_whole_script"));
	assert_int_equal(c->res.code, EXIT_LIMIT);
	if (strstr(c->captured, "still running"))
		fail_msg("the script ran on after the stop: %.200s...; %s", c->captured,
		         c->res.message);
	script_expect_marked_error(c, EXIT_LIMIT);
}

static void memory_limit_stops_a_memory_bomb(void **state)
{
	script_ctx *c = *state;
	c->job.limits.memory = 32 * MiB;
	script_run(c, "local t = {}\n"
		"while true do t[#t + 1] = ('x'):rep(1e6) end\n");
	script_expect_error_like(c, "memory bomb", EXIT_LIMIT, "{dir}/x.lua",
	                         "stopped: memory limit of 32 MiB exceeded");
	script_run(c, "local t = {}\n"
		"for i = 1, 100 do t[i] = ('x'):rep(1e5) end\n");
	script_expect_ok(c, "10 MB within a 32 MiB limit");
}

/* docs/lua-api.md §2.4: the memory limit's message names the script line
 * that was running when the allocation was refused. */
static void memory_limit_message_names_the_script_line(void **state)
{
	script_ctx *c = *state;
	c->job.limits.memory = 32 * MiB;
	script_run(c, "local t = {}\n"
		"while true do t[#t + 1] = ('x'):rep(1e6) end\n");
	script_expect_error_like(c, "memory bomb", EXIT_LIMIT, "{dir}/x.lua:2: ",
	                         "stopped: memory limit of 32 MiB exceeded");
}

/* docs/lua-api.md §2.4: a script too large to load under the memory limit
 * stops as a limit, not as a script error. */
static void a_script_too_large_for_the_memory_limit_is_a_limit_stop(void **state)
{
	script_ctx *c = *state;
	size_t n = 3 * MiB;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big + n - 12, "return 1 --\n", 12);
	big[n] = '\0';
	script_put(c, "x.lua", big);
	free(big);
	c->job.limits.memory = 1 * MiB;
	script_run_file(c, c->script);
	script_expect_error_like(c, "a 3 MB script, 1 MB limit", EXIT_LIMIT, "{dir}/x.lua",
	                         "memory limit of 1 MiB exceeded");
}

static void time_limit_stops_a_backtracking_pattern(void **state)
{
	script_ctx *c = *state;
	c->job.limits.seconds = 1;
	c->job.limits.instructions = 1000000000000LL;     /* the clock must stop these */
	script_run_lua(c, "time_limit_stops_a_backtracking_pattern");
	script_expect_error_like(c, "backtracking pattern", EXIT_LIMIT, "{script}",
	                         "time limit of 1 s exceeded");
	script_expect_only(c, "backtracking pattern", (const char *[]){NULL});

	script_run(c, "local n = 0\n"
		"pcall(function() while true do n = n + 1 end end)\n"
		"error('the loop survived the stop')\n");
	script_expect_error(c, "a Lua loop under pcall", EXIT_LIMIT,
	                    "{dir}/x.lua:2: stopped: time limit of 1 s exceeded (raise it with "
	                    "--timeout)");
}

/* ---- determinism ---------------------------------------------------------------- */

static void pairs_visits_string_keys_in_sorted_order(void **state)
{
	script_ctx *c = *state;
	static const char sorted[] =
		"alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima\n";
	for (int i = 0; i < 3; i++) {
		script_capture_file(c, script_lua(c, "pairs_visits_string_keys_in_sorted_order"));
		script_expect_ok(c, "pairs");
		assert_string_equal(c->captured, sorted);
	}
}

static void next_visits_keys_in_a_fixed_order(void **state)
{
	script_ctx *c = *state;
	static const char want[] =
		"-7 1 2 3 2.5 alpha mid zeta true\n"
		"nil\tfalse\tinvalid key to 'next'\n";
	for (int i = 0; i < 3; i++) {
		script_capture_file(c, script_lua(c, "next_visits_keys_in_a_fixed_order"));
		script_expect_ok(c, "next");
		assert_string_equal(c->captured, want);
	}
}

static void math_random_repeats_across_runs(void **state)
{
	script_ctx *c = *state;
	script_capture_file(c, script_lua(c, "math_random_repeats_across_runs"));
	script_expect_ok(c, "math.random, first run");
	char first[1024];
	snprintf(first, sizeof first, "%s", c->captured);
	assert_true(strlen(first) > 20);
	script_capture_file(c, script_lua(c, "math_random_repeats_across_runs"));
	script_expect_ok(c, "math.random, second run");
	assert_string_equal(c->captured, first);
}

/* The script compares with 1717200000, SCRIPT_EPOCH. */
static void os_time_and_date_follow_source_date_epoch(void **state)
{
	script_ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", SCRIPT_EPOCH, 1);
	script_check_lua(c, "os_time_and_date_follow_source_date_epoch");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, script_teardown)
		T(dangerous_globals_are_absent),
		T(the_globals_are_exactly_the_allow_list),
		T(binary_chunks_are_refused),
		T(require_refuses_unknown_and_path_like_modules),
		T(require_does_not_follow_a_link_out_of_its_folder),
		T(setmetatable_refuses_gc),
		T(no_finalizer_can_be_planted_through_a_library_metatable),
		T(string_rep_refuses_huge_results),
		T(reading_an_undefined_global_is_an_error),
		T(instruction_limit_stops_a_runaway_loop_at_its_line),
		T(pcall_cannot_swallow_the_stop),
		T(a_stop_inside_a_coroutine_stops_the_whole_script),
		T(memory_limit_stops_a_memory_bomb),
		T(memory_limit_message_names_the_script_line),
		T(a_script_too_large_for_the_memory_limit_is_a_limit_stop),
		T(time_limit_stops_a_backtracking_pattern),
		T(pairs_visits_string_keys_in_sorted_order),
		T(next_visits_keys_in_a_fixed_order),
		T(math_random_repeats_across_runs),
		T(os_time_and_date_follow_source_date_epoch),
#undef T
	};
	return cmocka_run_group_tests_name("sandbox", tests, script_group_setup,
	                                   script_group_teardown);
}

/*
 * test_script.c -- the scripting layer end to end through host_run(): the
 * relations module, the brief module, the sandbox and its limits, and the
 * output guarantees (no partial PDF, a good PDF never replaced by a failed
 * run, byte-identical output).
 *
 * Each test builds a run_job against the real dataset (data/) and templates
 * (templates/), writes small Lua scripts into its own mkdtemp directory (or
 * runs one of tests/fixtures/scripts/) and checks what a user would see: the
 * exit code, the exact message, and which PDFs exist afterwards. Scripts that
 * check many values call error() at the first mismatch, so a failure names
 * the Lua line. Run from the repository root (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <valgrind/valgrind.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/dataset.h"
#include "layout/fonts.h"
#include "script/breakout.h"
#include "script/confine.h"
#include "script/host.h"
#include "script/run.h"
#include "support.h"

#define MiB (1024u * 1024u)
#define EPOCH "1717200000"      /* 2024-06-01T00:00:00Z */

/* ---- fixture ------------------------------------------------------------------ */

/* Loaded once for the group, shared (read-only) by every run. */
static ds_dataset *dataset;
static lay_fonts *fonts;

typedef struct ctx {
	char dir[64];           /* this test's directory: scripts and outputs */
	char script[96];        /* dir/x.lua, the script run() writes */
	char out[96];           /* dir/out.pdf, the job's default output */
	run_job job;
	host_result res;
	char *captured;         /* the worker's stdout, after run_capture() */
	char outside[64];       /* a second directory, outside the script's, if made */
} ctx;

static int group_setup(void **state)
{
	(void)state;
	char err[1024];
	dataset = ds_load("data", err, sizeof err);
	if (!dataset) {
		fprintf(stderr, "test_script: %s\n", err);
		return -1;
	}
	if (!(fonts = support_open_fonts())) {
		ds_free(dataset);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	fonts_free(fonts);
	ds_free(dataset);
	return 0;
}

static int setup(void **state)
{
	ctx *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	if (!support_temp_dir(c->dir, sizeof c->dir, "test_script")) {
		free(c);
		return -1;
	}
	snprintf(c->script, sizeof c->script, "%s/x.lua", c->dir);
	snprintf(c->out, sizeof c->out, "%s/out.pdf", c->dir);
	c->job = (run_job){
		.script = c->script, .output = c->out,
		.data_dir = "data", .templates_dir = "templates",
		.output_root = c->dir,
		.limits = {256 * MiB, 200000000LL, 30, 1000, 64 * MiB, 20000000},  /* generous */
		.quiet = true,
		.data = dataset, .fonts = fonts, .channel = -1,
	};
	unsetenv("SOURCE_DATE_EPOCH");
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	ctx *c = *state;
	support_remove_tree(c->dir);
	if (c->outside[0])
		support_remove_tree(c->outside);
	unsetenv("SOURCE_DATE_EPOCH");
	host_result_free(&c->res);
	free(c->captured);
	free(c);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------- */

/* A copy of text with "{dir}" replaced by the test's directory and "{out}" by
 * its output path; owned by the caller (free()). See subst_into() for a copy
 * that survives a failing assertion without leaking. */
static char *subst(const ctx *c, const char *text)
{
	size_t cap = strlen(text) * 2 + 4096, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	for (const char *p = text; *p;) {
		const char *with = NULL;
		size_t skip = 0;
		if (strncmp(p, "{dir}", 5) == 0)
			with = c->dir, skip = 5;
		else if (strncmp(p, "{out}", 5) == 0)
			with = c->out, skip = 5;
		if (with) {
			size_t k = strlen(with);
			if (n + k + 1 > cap)
				s = realloc(s, cap = (n + k) * 2 + 1);
			memcpy(s + n, with, k);
			n += k;
			p += skip;
		} else {
			if (n + 2 > cap)
				s = realloc(s, cap *= 2);
			s[n++] = *p++;
		}
	}
	s[n] = '\0';
	return s;
}

/* subst() into a buffer of the caller's. */
static void subst_into(const ctx *c, const char *text, char *buf, size_t n)
{
	char *s = subst(c, text);
	snprintf(buf, n, "%s", s);
	free(s);
}

/* Writes text (after subst) to dir/name; returns the path in a static buffer
 * that the next call overwrites. */
static const char *put(const ctx *c, const char *name, const char *text)
{
	static char path[4096];
	char *s = subst(c, text);
	snprintf(path, sizeof path, "%s/%s", c->dir, name);
	support_write_file(path, s, strlen(s));
	free(s);
	return path;
}

/* Does the n bytes at buf hold the string s (PDFs hold NUL bytes)? */
static bool contains(const char *buf, size_t n, const char *s)
{
	return memmem(buf, n, s, strlen(s)) != NULL;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Runs the script at path with the test's job. cmocka catches SIGSEGV and
 * friends; the worker must put the default actions back itself, or a crashing
 * worker would jump back into cmocka and run the rest of the suite. */
static host_result *run_file(ctx *c, const char *path)
{
	run_job job = c->job;
	job.script = path;
	host_result_free(&c->res);
	host_run(&job, &c->res);
	return &c->res;
}

/* Writes text to dir/x.lua and runs it. */
static host_result *run(ctx *c, const char *text)
{
	put(c, "x.lua", text);
	return run_file(c, c->script);
}

/* Like run(), keeping what the worker printed on stdout in c->captured. */
static host_result *run_capture(ctx *c, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/stdout.txt", c->dir);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	run(c, text);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	free(c->captured);
	c->captured = support_read_file(path, NULL);
	assert_non_null(c->captured);
	unlink(path);
	return &c->res;
}

/* The run succeeded; shows the message when it did not. */
static void expect_ok(const ctx *c, const char *what)
{
	if (c->res.code != EXIT_OK)
		fail_msg("%s: exit %d: %s", what, c->res.code, c->res.message);
	assert_null(c->res.message);
}

/* The run failed with this code and exactly this message (after subst). */
static void expect_error(const ctx *c, const char *what, int code, const char *message)
{
	char want[4096];
	subst_into(c, message, want, sizeof want);
	if (c->res.code != code || strcmp(c->res.message ? c->res.message : "", want) != 0)
		fail_msg("%s:\n  got  exit %d: %s\n  want exit %d: %s", what, c->res.code,
		         c->res.message, code, want);
}

/* The run failed with this code and a message that starts with prefix and
 * contains part (both after subst). */
static void expect_error_like(const ctx *c, const char *what, int code, const char *prefix,
                              const char *part)
{
	char p[4096], q[4096];
	subst_into(c, prefix, p, sizeof p);
	subst_into(c, part, q, sizeof q);
	if (c->res.code != code || !c->res.message || strncmp(c->res.message, p, strlen(p)) != 0 ||
	    !strstr(c->res.message, q))
		fail_msg("%s:\n  got  exit %d: %s\n  want exit %d: \"%s...%s...\"", what,
		         c->res.code, c->res.message, code, p, q);
}

/* Names of the files in the test's directory other than the given ones, one
 * per line, in readdir order; "" when there are none. Owned by the caller. */
static char *other_files(const ctx *c, const char *const *known)
{
	char *s = calloc(1, 8192);
	assert_non_null(s);
	DIR *d = opendir(c->dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		bool skip = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
		for (const char *const *k = known; *k && !skip; k++)
			skip = strcmp(e->d_name, *k) == 0;
		if (!skip && strlen(s) + strlen(e->d_name) + 2 < 8192) {
			strcat(s, e->d_name);
			strcat(s, "\n");
		}
	}
	closedir(d);
	return s;
}

/* Nothing but the listed files is in the test's directory: no PDF, no
 * temporary file left behind. */
static void expect_only(const ctx *c, const char *what, const char *const *known)
{
	char *extra = other_files(c, known), left[8192];
	snprintf(left, sizeof left, "%s", extra);
	free(extra);
	if (*left)
		fail_msg("%s: left behind in %s:\n%s", what, c->dir, left);
}

/* Every relations check starts with this line, so a script's own line N is
 * line N + 1 of x.lua. eq() fails at the caller's line. */
#define EQ_FUNCTION \
	"local function eq(got, want, what) if got ~= want then error(string.format(" \
	"'%s: got %s, want %s', what, tostring(got), tostring(want)), 2) end end\n"
#define REL_PRELUDE "local rel = require 'relations' " EQ_FUNCTION
#define BRIEF_PRELUDE "local brief = require 'brief' " EQ_FUNCTION

/* A document to misuse, on line 1: a case's code is line 2. */
#define DOC_PRELUDE "local brief = require 'brief' local doc = brief.document{}\n"

/* Runs REL_PRELUDE + body and expects it to finish without error. */
static void rel_check(ctx *c, const char *what, const char *body)
{
	size_t n = strlen(REL_PRELUDE) + strlen(body) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s", REL_PRELUDE, body);
	run(c, s);
	free(s);
	expect_ok(c, what);
}

/* A line of Lua and the exact message it fails with (after subst). */
typedef struct error_case {
	const char *code, *message;
} error_case;

/* Runs before + k->code + "\n" + after and expects it to fail with
 * EXIT_SCRIPT and exactly k->message. */
static void expect_script_error(ctx *c, const char *before, const error_case *k,
                                const char *after)
{
	char s[1024];
	snprintf(s, sizeof s, "%s%s\n%s", before, k->code, after);
	run(c, s);
	expect_error(c, k->code, EXIT_SCRIPT, k->message);
}

/* expect_script_error() for each of n cases, with nothing after them. */
static void expect_script_errors(ctx *c, const char *before, const error_case *cases,
                                 size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_script_error(c, before, &cases[i], "");
}

/* ==== relations ==================================================================== */

static void collections_have_length_and_ipairs_in_date_order(void **state)
{
	rel_check(*state, "length, ipairs and order",
		"for _, name in ipairs{'events', 'meetings', 'statements', 'members', 'figures',\n"
		"                      'initiatives', 'mechanisms', 'people', 'sources'} do\n"
		"  local c, n = rel[name], 0\n"
		"  for i, r in ipairs(c) do\n"
		"    n = n + 1\n"
		"    eq(i, n, name .. ' ipairs index')\n"
		"    eq(r, c[i], name .. ' ipairs value ' .. i)\n"
		"    if i > 1 and c[i - 1].year and r.year then\n"
		"      assert(c[i - 1].year <= r.year, name .. ' out of date order at ' .. i)\n"
		"    end\n"
		"  end\n"
		"  eq(#c, n, '#rel.' .. name)\n"
		"  assert(n > 0, name .. ' is empty')\n"
		"  eq(c[n + 1], nil, name .. ' past the end')\n"
		"end\n"
		"assert(#rel.events >= 30, 'only ' .. #rel.events .. ' events')\n"
		"eq(rel.events[1], rel.events[1], 'a record is the same value each time')\n");
}

static void records_collections_and_lists_are_read_only(void **state)
{
	ctx *c = *state;
	static const error_case cases[] = {
		{"rel.events[1].title = 'forged'",
		 "{dir}/x.lua:2: the dataset is read-only: records cannot be changed (tried to "
		 "set 'title')"},
		{"rel.events[1].new_field = 1",
		 "{dir}/x.lua:2: the dataset is read-only: records cannot be changed (tried to "
		 "set 'new_field')"},
		{"rel.events[1] = false",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set '1')"},
		{"rel.events.extra = {}",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set 'extra')"},
		{"rel.events:where{kind = 'summit'}[1] = false",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set '1')"},
		{"rel.meetings:first{id = 'dialogue-2020-24th'}.co_chairs[1] = 'someone'",
		 "{dir}/x.lua:2: the dataset is read-only: lists cannot be changed (tried to set "
		 "'1')"},
		{"rawset(rel.events[1], 'title', 'forged')",
		 "{dir}/x.lua:2: bad argument #1 to 'rawset' (table expected, got "
		 "relations.Record)"},
		{"rawset(rel.events, 1, 'forged')",
		 "{dir}/x.lua:2: bad argument #1 to 'rawset' (table expected, got "
		 "relations.Collection)"},
	};
	expect_script_errors(c, REL_PRELUDE, cases, sizeof cases / sizeof cases[0]);
}

/* getmetatable() on a record or collection must not hand the script a way
 * around read-only: whatever it does to what it gets, the data reads the same. */
static void dataset_metatables_cannot_be_tampered_with(void **state)
{
	rel_check(*state, "tampering through getmetatable",
		"local e = rel.events[1]\n"
		"local title, n = e.title, #rel.events\n"
		"pcall(function() getmetatable(e).__index = function() return 'forged' end end)\n"
		"pcall(function() getmetatable(rel.events).__len = function() return 0 end end)\n"
		"eq(e.title, title, 'title after tampering with the record metatable')\n"
		"eq(#rel.events, n, '#rel.events after tampering with the collection metatable')\n");
}

static void where_filters_by_fields_predicate_and_list_members(void **state)
{
	rel_check(*state, "where",
		"local d = rel.meetings:where{kind = 'dialogue'}\n"
		"local n = 0\n"
		"for _, m in ipairs(rel.meetings) do if m.kind == 'dialogue' then n = n + 1 end end\n"
		"assert(n >= 3, 'too few dialogues in the dataset')\n"
		"eq(#d, n, '#where{kind = dialogue}')\n"
		"for _, m in ipairs(d) do eq(m.kind, 'dialogue', m.id) end\n"
		"local early = rel.events:where(function(e) return e.year < 1992 end)\n"
		"n = 0\n"
		"for _, e in ipairs(rel.events) do if e.year < 1992 then n = n + 1 end end\n"
		"eq(#early, n, '#where(predicate)')\n"
		"for _, e in ipairs(early) do assert(e.year < 1992, e.id) end\n"
		"local kim = rel.meetings:where{co_chairs = 'Kim Gunn'}\n"
		"eq(#kim, 1, '#where{co_chairs = Kim Gunn}')\n"
		"eq(kim[1].id, 'dialogue-2020-24th', 'the meeting Kim Gunn co-chaired')\n"
		"eq(kim[1].co_chairs[2], 'Kim Gunn', 'second co-chair')\n"
		"eq(#kim[1].co_chairs, 2, '#co_chairs')\n"
		"local teo = rel.meetings:where{co_chairs = 'Emaleen Abdul Rahman Teo'}\n"
		"eq(#teo, 2, 'meetings Emaleen Teo co-chaired')\n"
		"eq(#rel.meetings:where{co_chairs = 'Kim'}, 0, 'a list holds whole names')\n"
		"eq(#rel.meetings:where{kind = 'dialogue', number = 24}, 1, 'two fields')\n"
		"eq(#rel.meetings:where{}, #rel.meetings, 'empty query')\n"
		"eq(#rel.events:where{kind = 'no such kind'}, 0, 'no match')\n"
		"eq(#rel.events:where{no_such_field = 1}, 0, 'unknown field')\n");
}

static void between_is_inclusive_and_covers_from_to_spans(void **state)
{
	rel_check(*state, "between",
		"local b = rel.events:between(1989, 1991)\n"
		"local ids, n = {}, 0\n"
		"for _, e in ipairs(b) do\n"
		"  assert(e.year >= 1989 and e.year <= 1991, e.id .. ' is outside 1989-1991')\n"
		"  ids[e.id] = true\n"
		"end\n"
		"for _, e in ipairs(rel.events) do\n"
		"  if e.year >= 1989 and e.year <= 1991 then n = n + 1 end\n"
		"end\n"
		"eq(#b, n, '#between(1989, 1991)')\n"
		"assert(ids['sectoral-dialogue-1989'], 'the first year is included')\n"
		"assert(ids['full-dialogue-partner-1991'], 'the last year is included')\n"
		"eq(#rel.events:between(1989, 1989), 1, 'a one-year span')\n"
		"eq(#rel.events:between(1991, 1989), 0, 'an empty span')\n"
		"local span = 'scf-focp-contributions'  -- from 1990 to 2009\n"
		"assert(rel.figures:between(1990, 2009):first{id = span}, 'a span inside 1990-2009')\n"
		"eq(rel.figures:between(1991, 2009):first{id = span}, nil, 'starts before 1991')\n"
		"eq(rel.figures:between(1990, 2008):first{id = span}, nil, 'ends after 2008')\n");
}

static void sort_by_field_descending_field_and_function_is_stable(void **state)
{
	rel_check(*state, "sort",
		"local pos, first = {}, rel.events[1]\n"
		"for i, e in ipairs(rel.events) do pos[e] = i end\n"
		"local function check(sorted, key, desc, what)\n"
		"  eq(#sorted, #rel.events, what .. ' length')\n"
		"  for i = 2, #sorted do\n"
		"    local a, b = sorted[i - 1], sorted[i]\n"
		"    local ka, kb = key(a), key(b)\n"
		"    if desc then assert(ka >= kb, what .. ' out of order at ' .. i)\n"
		"    else assert(ka <= kb, what .. ' out of order at ' .. i) end\n"
		"    if ka == kb then assert(pos[a] < pos[b], what .. ' not stable at ' .. i) end\n"
		"  end\n"
		"end\n"
		"check(rel.events:sort('title'), function(e) return e.title end, false, 'title')\n"
		"check(rel.events:sort('kind'), function(e) return e.kind end, false, 'kind')\n"
		"check(rel.events:sort('-year'), function(e) return e.year end, true, '-year')\n"
		"check(rel.events:sort('-kind'), function(e) return e.kind end, true, '-kind')\n"
		"check(rel.events:sort(function(a, b) return #a.title < #b.title end),\n"
		"      function(e) return #e.title end, false, 'function')\n"
		"local seen_nil = false\n"
		"for _, e in ipairs(rel.events:sort('place')) do\n"
		"  if e.place == nil then seen_nil = true\n"
		"  else assert(not seen_nil, 'a place after a nil place: ' .. e.id) end\n"
		"end\n"
		"assert(seen_nil, 'some events have no place')\n"
		"eq(rel.events[1], first, 'sorting leaves the collection as it was')\n");
}

static void map_first_and_chaining(void **state)
{
	rel_check(*state, "map, first, chains",
		"local names = rel.members:map(function(m) return m.name end)\n"
		"eq(#names, #rel.members, '#map')\n"
		"for i, m in ipairs(rel.members) do eq(names[i], m.name, 'map ' .. i) end\n"
		"eq(names:first(function() return true end), rel.members[1].name, 'methods after map')\n"
		"local founders = rel.members:map(function(m) if m.founding then return m.name end end)\n"
		"eq(#founders, 5, 'nil results are left out')\n"
		"eq(rel.events:first{kind = 'partnership'}.id, 'sectoral-dialogue-1989', 'first{}')\n"
		"eq(rel.events:first(function(e) return e.year >= 2010 end).id,\n"
		"   'strategic-partnership-2010', 'first(predicate)')\n"
		"eq(rel.events:first{kind = 'no such kind'}, nil, 'first with no match')\n"
		"local latest = rel.meetings:where{kind = 'summit'}:between(2010, 2019):sort('-year')\n"
		"eq(latest:first{}.id, 'summit-2019-commemorative', 'where:between:sort:first')\n"
		"eq(#latest, 7, 'summits 2010-2019')\n"
		"local years = latest:map(function(m) return m.year end)\n"
		"eq(years[1], 2019, 'chain then map, first')\n"
		"eq(years[#years], 2010, 'chain then map, last')\n");
}

/* SPEC: first(t_or_fn); brief accepts it without a query (check_query's
 * "optional"), and then it is the first item. */
static void first_without_a_query_is_the_first_item(void **state)
{
	rel_check(*state, "first()",
		"eq(rel.events:first(), rel.events[1], 'rel.events:first()')\n"
		"local names = rel.members:map(function(m) return m.name end)\n"
		"eq(names:first(), rel.members[1].name, 'first() of a mapped collection')\n"
		"eq(rel.events:where{kind = 'no such kind'}:first(), nil, 'first() of nothing')\n");
}

static void anniversaries_of_2024_list_the_35th_of_dialogue_relations(void **state)
{
	rel_check(*state, "anniversaries(2024)",
		"local a = rel.anniversaries(2024)\n"
		"local found, n = nil, 0\n"
		"for _, e in ipairs(rel.events) do\n"
		"  local y = 2024 - e.year\n"
		"  if y >= 5 and y % 5 == 0 and e.kind ~= 'anniversary' then n = n + 1 end\n"
		"end\n"
		"eq(#a, n, 'every event with a round anniversary in 2024 (anniversaries have none)')\n"
		"for i, x in ipairs(a) do\n"
		"  eq(x.event.year + x.years, 2024, 'years of ' .. x.event.id)\n"
		"  eq(x.years % 5, 0, 'round years of ' .. x.event.id)\n"
		"  eq(x.ordinal, rel.ordinal(x.years), 'ordinal of ' .. x.event.id)\n"
		"  if i > 1 then assert(a[i - 1].years >= x.years, 'not most years first at ' .. i) end\n"
		"  if x.event.id == 'sectoral-dialogue-1989' then found = x end\n"
		"end\n"
		"assert(found, 'no entry for the 1989 sectoral dialogue relations')\n"
		"eq(found.years, 35, 'years since 1989')\n"
		"eq(found.ordinal, '35th', 'ordinal')\n"
		"eq(found.event, rel.events:first{id = 'sectoral-dialogue-1989'}, 'the record')\n");
}

static void anniversaries_every_ten_years(void **state)
{
	rel_check(*state, "anniversaries(2024, {every = 10})",
		"local a = rel.anniversaries(2024, {every = 10})\n"
		"local n = 0\n"
		"for _, e in ipairs(rel.events) do\n"
		"  local y = 2024 - e.year\n"
		"  if y >= 10 and y % 10 == 0 and e.kind ~= 'anniversary' then n = n + 1 end\n"
		"end\n"
		"assert(n > 0, 'no decade anniversaries in 2024 in the dataset')\n"
		"eq(#a, n, 'every event with a decade anniversary in 2024')\n"
		"for i, x in ipairs(a) do\n"
		"  eq(x.years % 10, 0, 'decades of ' .. x.event.id)\n"
		"  assert(x.event.id ~= 'sectoral-dialogue-1989', '35 is not a multiple of 10')\n"
		"  if i > 1 then assert(a[i - 1].years >= x.years, 'not most years first at ' .. i) end\n"
		"end\n"
		"for _, x in ipairs(rel.anniversaries(2019, {every = 1})) do\n"
		"  assert(x.years >= 1, x.event.id .. ' is ' .. x.years .. ' years old in 2019')\n"
		"end\n");
}

/* Bad input gets an error or a graceful result: an absurd year is no
 * anniversary of anything, and must not keep brief's C code busy until the
 * wall clock kills the worker (nor overflow year - 1000). */
static void anniversaries_of_an_absurd_year_end_promptly(void **state)
{
	ctx *c = *state;
	c->job.limits.seconds = 2;
	run(c, REL_PRELUDE
		"for _, y in ipairs{math.maxinteger, math.mininteger, -5, 0, 1 << 40} do\n"
		"  local ok, a = pcall(rel.anniversaries, y)\n"
		"  assert(not ok or #a == 0, 'anniversaries in ' .. y)\n"
		"end\n"
		"local ok, a = pcall(rel.anniversaries, 2024, {every = math.maxinteger})\n"
		"assert(not ok or #a == 0, 'every = math.maxinteger')\n");
	expect_ok(c, "absurd years");
}

static void ordinal_suffixes(void **state)
{
	static const struct {
		int n;
		const char *want;
	} cases[] = {
		{1, "1st"}, {2, "2nd"}, {3, "3rd"}, {4, "4th"}, {11, "11th"}, {12, "12th"},
		{13, "13th"}, {21, "21st"}, {22, "22nd"}, {23, "23rd"}, {101, "101st"},
		{111, "111th"}, {112, "112th"}, {35, "35th"},
	};
	char body[4096] = "";
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char line[128];
		snprintf(line, sizeof line, "eq(rel.ordinal(%d), '%s', 'rel.ordinal(%d)')\n",
		         cases[i].n, cases[i].want, cases[i].n);
		strcat(body, line);
	}
	rel_check(*state, "rel.ordinal", body);
}

static void source_by_id_and_of_a_record(void **state)
{
	rel_check(*state, "rel.source",
		"local s = rel.source('akys-about-asean')\n"
		"eq(s.id, 'akys-about-asean', 'source by id')\n"
		"eq(s.title, 'About ASEAN', 'its title')\n"
		"local e = rel.events:first{id = 'sectoral-dialogue-1989'}\n"
		"eq(rel.source(e), s, 'the source of a record')\n"
		"eq(rel.source(e.source), s, 'the source of its source id')\n"
		"eq(rel.source(s), s, 'a source is its own source')\n"
		"local none, why = rel.source('no-such-source')\n"
		"eq(none, nil, 'unknown source')\n"
		"eq(why, \"no source 'no-such-source'\", 'why')\n");
}

static void unknown_field_is_nil_and_pairs_follows_the_schema(void **state)
{
	rel_check(*state, "fields",
		"local e = rel.events:first{id = 'sectoral-dialogue-1989'}\n"
		"eq(e.no_such_field, nil, 'unknown field')\n"
		"eq(e[1], nil, 'integer key')\n"
		"eq(e.place, nil, 'empty optional field')\n"
		"local keys = {}\n"
		"for k, v in pairs(e) do keys[#keys + 1] = k; eq(v, e[k], 'pairs value of ' .. k) end\n"
		"eq(table.concat(keys, ' '), 'id date year title kind summary anniversary_of source note', 'order')\n");
}

/* ==== brief =========================================================================== */

static void format_fills_names_paths_and_braces(void **state)
{
	ctx *c = *state;
	run(c, BRIEF_PRELUDE
		"local rel = require 'relations'\n"
		"local vars = {name = 'ASEAN', n = 35, since = {year = 1989},\n"
		"              e = rel.events:first{id = 'sectoral-dialogue-1989'}}\n"
		"eq(brief.format('{name} marks the {n}th', vars), 'ASEAN marks the 35th', 'names')\n"
		"eq(brief.format('since {since.year}', vars), 'since 1989', 'a path')\n"
		"eq(brief.format('{e.kind}, {e.year}', vars), 'partnership, 1989', 'a record')\n"
		"eq(brief.format('{{name}} is {name}', vars), '{name} is ASEAN', 'braces')\n"
		"eq(brief.format('{{}}', vars), '{}', 'empty braces')\n"
		"eq(brief.format('no placeholders'), 'no placeholders', 'no vars')\n");
	expect_ok(c, "brief.format");
}

static void format_missing_key_is_an_error_at_the_callers_line(void **state)
{
	ctx *c = *state;
	run(c, "local brief = require 'brief'\n"
		"local function line(vars)\n"
		"  local s = brief.format('{a} and {b}', vars)\n"
		"  return s\n"
		"end\n"
		"line({a = 1})\n");
	expect_error(c, "missing key", EXIT_SCRIPT,
	             "{dir}/x.lua:3: brief.format: no value for {b}");
	run(c, "local brief = require 'brief'\n"
		"local s = brief.format('{a.c}', {a = {}})\n");
	expect_error(c, "missing path", EXIT_SCRIPT,
	             "{dir}/x.lua:2: brief.format: no value for {a.c}");
}

static void params_come_from_the_job(void **state)
{
	ctx *c = *state;
	static const run_param params[] = {{"year", "2024"}, {"who", "ASEAN–ROK"}};
	c->job.params = params;
	c->job.nparams = 2;
	run(c, BRIEF_PRELUDE
		"eq(brief.params.year, '2024', 'year')\n"
		"eq(brief.params.who, 'ASEAN–ROK', 'who')\n"
		"eq(brief.params.missing, nil, 'missing')\n");
	expect_ok(c, "brief.params");
}

static void document_defaults_to_a4_and_save_returns_path_and_pages(void **state)
{
	ctx *c = *state;
	run(c, BRIEF_PRELUDE
		"local doc = brief.document{}\n"
		"local path, pages = doc:save()\n"
		"eq(path, '{out}', 'default path')\n"
		"eq(pages, 1, 'pages of an empty document')\n"
		"local letter = brief.document{paper = 'Letter'}\n"
		"letter:paragraph('one')\n"
		"letter:page_break()\n"
		"letter:paragraph('two')\n"
		"path, pages = letter:save('sub/letter.pdf')\n"
		"eq(path, '{dir}/sub/letter.pdf', 'a path taken in the output folder')\n"
		"eq(pages, 2, 'pages after a page break')\n");
	expect_ok(c, "document and save");
	assert_int_equal(c->res.noutputs, 2);
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub/letter.pdf", c->dir);
	assert_string_equal(c->res.outputs[1], sub);
	assert_int_equal(c->res.pages, 2);
	size_t na, nl;
	char *a4 = support_read_file(c->out, &na), *letter = support_read_file(sub, &nl);
	assert_non_null(a4);
	assert_non_null(letter);
	assert_int_equal(strncmp(a4, "%PDF-", 5), 0);
	assert_true(contains(a4, na, "/MediaBox [ 0 0 595.276 841.89"));
	assert_true(contains(letter, nl, "/MediaBox [ 0 0 612 792 ]"));
	free(a4);
	free(letter);
}

/* Misuse of the API: an error naming the script's line, nothing written. */
static void api_misuse_is_an_error_at_the_script_line(void **state)
{
	ctx *c = *state;
	static const error_case cases[] = {
		{"doc:heading('Too deep', 4)",
		 "{dir}/x.lua:2: bad argument #2 to 'heading' (heading level must be 1, 2 or 3)"},
		{"doc:table{columns = {{title = 'A', width = -1}}, rows = {}}",
		 "{dir}/x.lua:2: table column 1: width must be positive"},
		{"doc:table{columns = {'A', {title = 'B', width = 0}}, rows = {}}",
		 "{dir}/x.lua:2: table column 2: width must be positive"},
		{"doc:paragraph('bad \\xff byte')",
		 "{dir}/x.lua:2: paragraph: invalid UTF-8 at byte 5"},
		{"doc:heading('\\xc3')",
		 "{dir}/x.lua:2: heading: invalid UTF-8 at byte 1"},
		{"brief.document{template = 'no-such-template'}",
		 "{dir}/x.lua:2: document: unknown template 'no-such-template' (no "
		 "templates/no-such-template.lua)"},
		{"brief.document{template = {body = {font = 'Comic Sans'}}}",
		 "{dir}/x.lua:2: template 'body.font': unknown font 'Comic Sans' (brief has "
		 "\"sans\" and \"serif\")"},
		{"brief.document{template = {headings = {font = 'Papyrus'}}}",
		 "{dir}/x.lua:2: template 'headings.font': unknown font 'Papyrus' (brief has "
		 "\"sans\" and \"serif\")"},
		{"brief.document{template = {table = {leading = 0}}}",
		 "{dir}/x.lua:2: template 'table.leading': must be a number from 1 to 10000"},
		{"brief.document{template = {margins = {left = 1e300}}}",
		 "{dir}/x.lua:2: template 'margins.left': must be a number from 0 to 10000"},
		{"doc:paragraph('x', {size = 1e9})",
		 "{dir}/x.lua:2: paragraph: 'size' is too large (10000 points at most)"},
		{"doc:chart{labels = {'a'}, series = {{values = {1e308}}}}",
		 "{dir}/x.lua:2: chart series 1, value 1: 1e+308 is out of range (at most 1e15 "
		 "either way)"},
		{"doc:chart{labels = {'a'}, series = {{values = {0/0}}}}",
		 "{dir}/x.lua:2: chart series 1, value 1: not a number (NaN); use nil for a "
		 "missing value"},
		{"brief.document{paper = 'B5'}",
		 "{dir}/x.lua:2: document: unknown paper 'B5' (A4, Letter, Legal, A5, A3)"},
		/* a misspelt option never silently does nothing */
		{"brief.document{titel = 'x'}",
		 "{dir}/x.lua:2: document: unknown option 'titel' (did you mean 'title'?)"},
		{"doc:paragraph('x', {algin = 'left'})",
		 "{dir}/x.lua:2: paragraph: unknown option 'algin' (did you mean 'align'?)"},
		{"doc:list({'a'}, {numbered = true})",
		 "{dir}/x.lua:2: list: unknown option 'numbered' (it takes ordered)"},
		{"doc:table{columns = {{title = 'A', widht = 9}}, rows = {}}",
		 "{dir}/x.lua:2: table column 1: unknown option 'widht' (did you mean 'width'?)"},
		{"doc:table{columns = {'A'}, row = {}}",
		 "{dir}/x.lua:2: table: unknown option 'row' (did you mean 'rows'?)"},
		{"doc:chart{labels = {'a'}, series = {{values = {1}}}, stacke = true}",
		 "{dir}/x.lua:2: chart: unknown option 'stacke' (did you mean 'stacked'?)"},
		{"doc:chart{labels = {'a'}, series = {{nam = 'x', values = {1}}}}",
		 "{dir}/x.lua:2: chart series 1: unknown option 'nam' (did you mean 'name'?)"},
		{"doc:timeline({{year = 2000}}, {titel = 'x'})",
		 "{dir}/x.lua:2: timeline: unknown option 'titel' (did you mean 'title'?)"},
		{"require('relations').anniversaries(2024, {evry = 5})",
		 "{dir}/x.lua:2: anniversaries: unknown option 'evry' (did you mean 'every'?)"},
		{"doc:save('report.txt')",
		 "{dir}/x.lua:2: save: 'report.txt' must end in .pdf"},
		{"doc:save('../escape.pdf')",
		 "{dir}/x.lua:2: save: '../escape.pdf': outside the output folder {dir}"},
		{"doc:save('/etc/brief-escape.pdf')",
		 "{dir}/x.lua:2: save: '/etc/brief-escape.pdf': outside the output folder {dir}"},
		{"doc:headng('typo')",
		 "{dir}/x.lua:2: attempt to call a nil value (method 'headng')"},
		{"doc:cite('sectoral-dialogue-1989')",
		 "{dir}/x.lua:2: bad argument #1 to 'cite' (relations.Record expected, got string)"},
		{"doc:cite()",
		 "{dir}/x.lua:2: bad argument #1 to 'cite' (relations.Record expected, got no value)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_script_error(c, DOC_PRELUDE, &cases[i], "doc:save()\n");
		expect_only(c, cases[i].code, (const char *[]){"x.lua", NULL});
	}
}

static void image_missing_broken_or_outside_the_folders_is_refused(void **state)
{
	ctx *c = *state;
	char *outside = c->outside, path[128], link[128];
	assert_non_null(support_temp_dir(outside, sizeof c->outside, "test_script_outside"));
	snprintf(path, sizeof path, "%s/pixel.png", outside);
	support_write_file(path, support_tiny_png, sizeof support_tiny_png);
	snprintf(link, sizeof link, "%s/link.png", c->dir);
	assert_int_equal(symlink(path, link), 0);
	snprintf(path, sizeof path, "%s/pixel.png", c->dir);
	support_write_file(path, support_tiny_png, sizeof support_tiny_png);
	put(c, "fake.png", "not an image\n");
	snprintf(path, sizeof path, "%s/cut.png", c->dir);
	support_write_file(path, support_tiny_png, 50);
	size_t n;
	unsigned char *deep = support_png(30, 20, 6, 16, 1, &n);
	snprintf(path, sizeof path, "%s/deep.png", c->dir);
	support_write_file(path, deep, n);
	free(deep);

	/* outside: one answer whether the file exists or not */
	char outside_code[256], outside_message[256], absent_code[256], absent_message[256];
	snprintf(outside_code, sizeof outside_code, "doc:image('%s/pixel.png')", outside);
	snprintf(outside_message, sizeof outside_message, "{dir}/x.lua:2: image: '%s/pixel.png': "
	         "outside the folders it may read (the script's own folder, data and templates)",
	         outside);
	snprintf(absent_code, sizeof absent_code, "doc:image('%s/absent.png')", outside);
	snprintf(absent_message, sizeof absent_message, "{dir}/x.lua:2: image: '%s/absent.png': "
	         "outside the folders it may read (the script's own folder, data and templates)",
	         outside);
	const error_case cases[] = {
		{"doc:image('missing.png')",
		 "{dir}/x.lua:2: image: 'missing.png': no such file"},
		{"doc:image('fake.png')",
		 "{dir}/x.lua:2: image: 'fake.png': not a PNG or JPEG file"},
		{"doc:image('cut.png')",
		 "{dir}/x.lua:2: image: 'cut.png': truncated or malformed PNG file: unexpected end of "
		 "file"},
		{outside_code, outside_message},
		{absent_code, absent_message},
		{"doc:image('link.png')",
		 "{dir}/x.lua:2: image: 'link.png': outside the folders it may read (the script's "
		 "own folder, data and templates)"},
		{"doc:image('.')", "{dir}/x.lua:2: image: '.': not a regular file"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_script_error(c, DOC_PRELUDE, &cases[i], "doc:save()\n");
		assert_false(exists(c->out));
	}

	/* the same calls work for PNGs beside the script, 16-bit interlaced too */
	run(c, DOC_PRELUDE
		"doc:image('pixel.png', {width = 40})\n"
		"doc:image('deep.png', {caption = 'deep'})\n"
		"doc:save()\n");
	expect_ok(c, "a PNG beside the script");
	assert_true(exists(c->out));
}

static void a_script_that_never_saves_writes_its_last_document(void **state)
{
	ctx *c = *state;
	run(c, "local brief = require 'brief'\n"
		"local first = brief.document{title = 'First'}\n"
		"first:paragraph('one page')\n"
		"local last = brief.document{title = 'Last'}\n"
		"last:paragraph('page one')\n"
		"last:page_break()\n"
		"last:paragraph('page two')\n");
	expect_ok(c, "implicit save");
	assert_int_equal(c->res.noutputs, 1);
	assert_string_equal(c->res.outputs[0], c->out);
	assert_int_equal(c->res.pages, 2);
	assert_true(exists(c->out));
}

static void timeline_options_are_optional(void **state)
{
	ctx *c = *state;
	run(c, "local rel = require 'relations'\n"
		"local doc = require('brief').document{}\n"
		"doc:timeline(rel.events:between(1989, 1991))\n"
		"doc:timeline({{date = '2024-04-04', label = 'a table of my own'}})\n"
		"doc:save()\n");
	expect_ok(c, "doc:timeline(events)");
	assert_true(exists(c->out));
}

static void check_mode_lays_out_but_writes_nothing(void **state)
{
	ctx *c = *state;
	c->job.check = true;
	run(c, BRIEF_PRELUDE
		"local doc = brief.document{title = 'Checked'}\n"
		"doc:paragraph('text')\n"
		"local path, pages = doc:save()\n"
		"eq(path, '{out}', 'path')\n"
		"eq(pages, 1, 'pages')\n"
		"local other = brief.document{}\n"
		"other:paragraph('more')\n"
		"other:save('other.pdf')\n");
	expect_ok(c, "--check");
	expect_only(c, "--check", (const char *[]){"x.lua", NULL});
}

static void strict_mode_fails_on_an_uncovered_character_and_writes_nothing(void **state)
{
	ctx *c = *state;
	static const char script[] =
		"local brief = require 'brief'\n"
		"local doc = brief.document{}\n"
		"doc:paragraph('A face: \\u{1F600} that no font has')\n"
		"doc:save()\n";
	run(c, script);
	expect_ok(c, "without --strict the character is only a warning");
	assert_true(exists(c->out));
	unlink(c->out);

	c->job.strict = true;
	run(c, script);
	expect_error(c, "--strict", EXIT_STRICT,
	             "{dir}/x.lua:4: save: 1 warning with --strict: nothing written");
	expect_only(c, "--strict", (const char *[]){"x.lua", NULL});
}

/* SPEC: errors are FILE:LINE: message. The save brief makes for a script that
 * never called save() must still name the script. */
static void implicit_save_errors_name_the_script(void **state)
{
	ctx *c = *state;
	c->job.strict = true;
	run(c, "local brief = require 'brief'\n"
		"local doc = brief.document{}\n"
		"doc:paragraph('A face: \\u{1F600} that no font has')\n");
	expect_error_like(c, "--strict, implicit save", EXIT_STRICT, "{dir}/x.lua:",
	                  "save: 1 warning with --strict: nothing written");
	expect_only(c, "--strict, implicit save", (const char *[]){"x.lua", NULL});
}

/* Lua shortens chunk names to 60 bytes ("...tail") in its own messages; the
 * analyst must still see the full path of their script, once. */
static void errors_name_a_long_script_path_in_full(void **state)
{
	ctx *c = *state;
	char dir[256], path[320];
	snprintf(dir, sizeof dir, "%s/a-rather-long-folder-name-for-briefings", c->dir);
	assert_int_equal(mkdir(dir, 0777), 0);
	strcat(dir, "/quarterly-reports-2024-q3");
	assert_int_equal(mkdir(dir, 0777), 0);
	snprintf(path, sizeof path, "%s/anniversary-summary.lua", dir);
	static const struct {
		const char *code, *message;
	} cases[] = {
		{"error('boom')", "boom"},
		{"local y = nil + 1", "attempt to perform arithmetic on a nil value"},
		{"print(undefined_thing)", "undefined variable 'undefined_thing'"},
		{"require('brief').document{}:heading('x', 4)",
		 "bad argument #2 to 'heading' (heading level must be 1, 2 or 3)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char s[256], want[1024];
		snprintf(s, sizeof s, "local x = 1\n%s\n", cases[i].code);
		support_write_file(path, s, strlen(s));
		run_file(c, path);
		snprintf(want, sizeof want, "%s:2: %s", path, cases[i].message);
		expect_error(c, cases[i].code, EXIT_SCRIPT, want);
	}
}

/* ==== sandbox ========================================================================= */

static void dangerous_globals_are_absent(void **state)
{
	ctx *c = *state;
#define OS_MISSING(f) "{dir}/x.lua:1: os." f " is not available in brief scripts (os has " \
	"time, date, clock and difftime)"
	static const error_case cases[] = {
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
	expect_script_errors(c, "", cases, sizeof cases / sizeof cases[0]);
	/* nor hidden where a script could still reach them */
	run(c, "for _, k in ipairs{'io', 'package', 'debug', 'dofile', 'loadfile'} do\n"
		"  assert(rawget(_G, k) == nil, k)\n"
		"end\n"
		"for _, k in ipairs{'execute', 'getenv', 'exit', 'remove', 'rename', 'tmpname'} do\n"
		"  assert(rawget(os, k) == nil, 'os.' .. k)\n"
		"end\n"
		"assert(getmetatable('') == false, 'the string metatable is protected')\n");
	expect_ok(c, "rawget");
}

/* The globals and library functions a script sees are exactly the
 * sandbox's allow-list (sandbox.c), no more: a library added by accident
 * fails here. */
static void the_globals_are_exactly_the_allow_list(void **state)
{
	ctx *c = *state;
	run_capture(c,
		"local names = {}\n"
		"for k, v in pairs(_G) do\n"
		"  if type(v) == 'table' and k ~= '_G' then\n"
		"    for f in pairs(v) do names[#names + 1] = k .. '.' .. f end\n"
		"  else names[#names + 1] = k end\n"
		"end\n"
		"table.sort(names)\n"
		"print(table.concat(names, ' '))\n");
	expect_ok(c, "listing the globals");
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
	ctx *c = *state;
	static const error_case refused[] = {
		{"load('\\27Lua\\x54\\0', 'x', 'b')",
		 "{dir}/x.lua:1: load: binary chunks are not allowed in scripts"},
		{"load('return 1', 'x', 'bt')",
		 "{dir}/x.lua:1: load: binary chunks are not allowed in scripts"},
	};
	expect_script_errors(c, "", refused, sizeof refused / sizeof refused[0]);
	run(c, "local function eq(a, b, what) if a ~= b then error(what .. ': ' .. tostring(a), 2) end end\n"
		"local dumped = type(string.dump) == 'function' and string.dump(function() return 1 end)\n"
		"  or '\\27Lua\\x54\\0\\x19\\x93\\r\\n\\x1a\\n'\n"
		"local f, err = load(dumped)\n"
		"eq(f, nil, 'load of a binary chunk')\n"
		"eq(err, \"attempt to load a binary chunk (mode is 't')\", 'its message')\n"
		"local done = false\n"
		"f, err = load(function() if not done then done = true return dumped end end)\n"
		"eq(f, nil, 'load of a binary chunk from a reader')\n"
		"f, err = load(dumped, 'x', 't', {})\n"
		"eq(f, nil, 'load with mode t and an environment')\n"
		"eq(load('return 41 + 1')(), 42, 'text chunks still load')\n");
	expect_ok(c, "load of binary chunks returns nil, message");

	/* a binary chunk as the script itself, or as a module beside it */
	static const char binary[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
	support_write_file(c->script, binary, sizeof binary - 1);
	run_file(c, c->script);
	expect_error(c, "binary script", EXIT_SCRIPT, "{dir}/x.lua: binary chunks are not allowed");
	char mod[128];
	snprintf(mod, sizeof mod, "%s/evil.lua", c->dir);
	support_write_file(mod, binary, sizeof binary - 1);
	run(c, "require 'evil'\n");
	expect_error_like(c, "binary module", EXIT_SCRIPT, "{dir}/",
	                  "evil.lua: binary chunks are not allowed");
}

static void require_refuses_unknown_and_path_like_modules(void **state)
{
	ctx *c = *state;
	static const error_case cases[] = {
		{"require 'no_such_module'",
		 "{dir}/x.lua:1: module 'no_such_module' not found (looked for "
		 "templates/no_such_module.lua and {dir}/no_such_module.lua)"},
		{"require '../x'", "{dir}/x.lua:1: require: '../x' is not a module name"},
		{"require '/etc/passwd'", "{dir}/x.lua:1: require: '/etc/passwd' is not a module name"},
		{"require 'a..b'", "{dir}/x.lua:1: require: 'a..b' is not a module name"},
		{"require '.hidden'", "{dir}/x.lua:1: require: '.hidden' is not a module name"},
	};
	expect_script_errors(c, "", cases, sizeof cases / sizeof cases[0]);
	put(c, "helper.lua", "return {answer = 42}\n");
	run(c, "assert(require('helper').answer == 42, 'a module beside the script')\n"
		"assert(require('helper') == require('helper'), 'loaded once')\n"
		"assert(type(require('default')) == 'table', 'a template by name')\n");
	expect_ok(c, "require of allowed modules");
}

static void setmetatable_refuses_gc(void **state)
{
	ctx *c = *state;
	run(c, "local t = setmetatable({}, {__gc = function() while true do end end})\n");
	expect_error(c, "__gc", EXIT_SCRIPT,
	             "{dir}/x.lua:1: setmetatable: __gc metamethods are not allowed in scripts");
	run(c, "local mt = {__index = function() return 1 end}\n"
		"assert(setmetatable({}, mt).x == 1, 'other metamethods are fine')\n");
	expect_ok(c, "setmetatable without __gc");
}

/* A finalizer runs outside the count hook (Lua 5.4): setmetatable refuses
 * __gc, and no other metatable the script can reach may take one either. */
static void no_finalizer_can_be_planted_through_a_library_metatable(void **state)
{
	ctx *c = *state;
	run(c, "local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local ran = false\n"
		"local function plant(v)\n"
		"  pcall(function() getmetatable(v).__gc = function() ran = true end end)\n"
		"end\n"
		"plant(rel.events)\n"
		"plant(rel.events[1])\n"
		"plant(brief.document{})\n"
		"for i = 1, 20000 do\n"
		"  local garbage = rel.events:where{kind = 'summit'}\n"
		"  if i % 1000 == 0 then brief.document{} end\n"
		"end\n"
		"if ran then error('a finalizer planted by the script ran') end\n");
	expect_ok(c, "planted finalizers");
}

static void string_rep_refuses_huge_results(void **state)
{
	ctx *c = *state;
	static const error_case cases[] = {
		{"local s = ('x'):rep(1e12)",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
		{"local s = string.rep('x', 1 << 40)",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
		{"local s = string.rep('ab', 100 << 20, ',')",
		 "{dir}/x.lua:1: string.rep: result would be larger than 256 MiB"},
	};
	expect_script_errors(c, "", cases, sizeof cases / sizeof cases[0]);
	run(c, "assert(string.rep('', 1 << 62) == '', 'empty string, huge count')\n"
		"assert(('x'):rep(-1) == '', 'negative count')\n"
		"assert(#('ab'):rep(1000, ',') == 2999, 'ordinary use')\n");
	expect_ok(c, "ordinary string.rep");
}

static void reading_an_undefined_global_is_an_error(void **state)
{
	ctx *c = *state;
	run(c, "local a = 1\nprint(undefined_thing)\n");
	expect_error(c, "undefined global", EXIT_SCRIPT,
	             "{dir}/x.lua:2: undefined variable 'undefined_thing'");
	run(c, "defined_later = 1\nassert(defined_later == 1)\n");
	expect_ok(c, "a global the script sets");
}

static void instruction_limit_stops_a_runaway_loop_at_its_line(void **state)
{
	ctx *c = *state;
	c->job.limits.instructions = 1000000;
	run(c, "local brief = require 'brief'\n"
		"brief.document{}:save()\n"
		"local n = 0\n"
		"while true do n = n + 1 end\n");
	expect_error(c, "runaway loop", EXIT_LIMIT,
	             "{dir}/x.lua:4: stopped: instruction limit of 1000000 exceeded (raise it "
	             "with --max-instructions)");
	expect_only(c, "runaway loop", (const char *[]){"x.lua", NULL});
}

static void pcall_cannot_swallow_the_stop(void **state)
{
	ctx *c = *state;
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
		run(c, cases[i].code);
		expect_error_like(c, cases[i].what, EXIT_LIMIT, "{dir}/x.lua:2: ",
		                  "stopped: instruction limit of 1000000 exceeded");
	}
}

/* The stop must hold in every coroutine: once a coroutine has been stopped,
 * the main script cannot carry on by catching the stop each time it comes. */
static void a_stop_inside_a_coroutine_stops_the_whole_script(void **state)
{
	ctx *c = *state;
	c->job.limits.instructions = 1000000;
	c->job.limits.seconds = 3;      /* the wall clock ends it if the stop does not */
	run_capture(c, "local co = coroutine.wrap(function() while true do end end)\n"
		"pcall(co)\n"
		"local n = 0\n"
		"while true do\n"
		"  n = n + 1\n"
		"  if n % 100000 == 0 then print('still running after ' .. n .. ' pcalls') end\n"
		"  pcall(function() for i = 1, 100 do end end)\n"
		"end\n");
	assert_int_equal(c->res.code, EXIT_LIMIT);
	if (strstr(c->captured, "still running"))
		fail_msg("the script ran on after the stop: %.200s...; %s", c->captured,
		         c->res.message);
	expect_error_like(c, "stop in a coroutine", EXIT_LIMIT, "{dir}/x.lua:1: ",
	                  "stopped: instruction limit of 1000000 exceeded");
}

static void memory_limit_stops_a_memory_bomb(void **state)
{
	ctx *c = *state;
	c->job.limits.memory = 32 * MiB;
	run(c, "local t = {}\n"
		"while true do t[#t + 1] = ('x'):rep(1e6) end\n");
	expect_error_like(c, "memory bomb", EXIT_LIMIT, "{dir}/x.lua",
	                  "stopped: memory limit of 32 MiB exceeded");
	run(c, "local t = {}\n"
		"for i = 1, 100 do t[i] = ('x'):rep(1e5) end\n");
	expect_ok(c, "10 MB within a 32 MiB limit");
}

/* SPEC: errors name the analyst's line where the fault is theirs. */
static void memory_limit_message_names_the_script_line(void **state)
{
	ctx *c = *state;
	c->job.limits.memory = 32 * MiB;
	run(c, "local t = {}\n"
		"while true do t[#t + 1] = ('x'):rep(1e6) end\n");
	expect_error_like(c, "memory bomb", EXIT_LIMIT, "{dir}/x.lua:2: ",
	                  "stopped: memory limit of 32 MiB exceeded");
}

static void time_limit_stops_a_backtracking_pattern(void **state)
{
	ctx *c = *state;
	c->job.limits.seconds = 1;
	c->job.limits.instructions = 1000000000000LL;     /* the clock must stop these */
	run(c, "local brief = require 'brief'\n"
		"brief.document{}:save()\n"
		"local s = ('a'):rep(40)\n"
		"local i = s:find(('a*'):rep(30) .. 'b')\n"
		"error('the pattern finished')\n");
	expect_error_like(c, "backtracking pattern", EXIT_LIMIT, "{dir}/x.lua",
	                  "time limit of 1 s exceeded");
	expect_only(c, "backtracking pattern", (const char *[]){"x.lua", NULL});

	run(c, "local n = 0\n"
		"pcall(function() while true do n = n + 1 end end)\n"
		"error('the loop survived the stop')\n");
	expect_error(c, "a Lua loop under pcall", EXIT_LIMIT,
	             "{dir}/x.lua:2: stopped: time limit of 1 s exceeded (raise it with --timeout)");
}

/* The Lua 5.4.4 crash reproducers in tests/fixtures/scripts kill the worker; the parent reports it,
 * commits nothing, and carries on. */
static void a_crashing_worker_is_reported_and_the_parent_survives(void **state)
{
	ctx *c = *state;
	static const char *const scripts[] = {
		"tests/fixtures/scripts/crash_concat.lua",
		"tests/fixtures/scripts/crash_coroutine_close.lua",
	};
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		run_file(c, scripts[i]);
		char prefix[128];
		snprintf(prefix, sizeof prefix, "%s:", scripts[i]);
		expect_error_like(c, scripts[i], EXIT_LIMIT, prefix,
		                  "the script's worker crashed (signal 11: Segmentation fault)");
		assert_non_null(strstr(c->res.message, "nothing was written"));
		assert_int_equal(c->res.noutputs, 0);
		expect_only(c, scripts[i], (const char *[]){NULL});
	}
	run(c, "require('brief').document{}:save()\n");
	expect_ok(c, "a run after the crashes");
	assert_true(exists(c->out));
}

static void pairs_visits_string_keys_in_sorted_order(void **state)
{
	ctx *c = *state;
	static const char script[] =
		"local t = {}\n"
		"for _, k in ipairs{'delta', 'alpha', 'echo', 'charlie', 'bravo', 'foxtrot', 'golf',\n"
		"                   'hotel', 'india', 'juliet', 'kilo', 'lima'} do t[k] = #k end\n"
		"local keys = {}\n"
		"for k in pairs(t) do keys[#keys + 1] = k end\n"
		"print(table.concat(keys, ' '))\n";
	static const char sorted[] =
		"alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima\n";
	for (int i = 0; i < 3; i++) {
		run_capture(c, script);
		expect_ok(c, "pairs");
		assert_string_equal(c->captured, sorted);
	}
}

/* next() walks the same fixed order as pairs, whatever the key types, and
 * keeps Lua's rules: clearing fields while walking is fine, an unknown key
 * is an error. */
static void next_visits_keys_in_a_fixed_order(void **state)
{
	ctx *c = *state;
	static const char script[] =
		"local t = {zeta = 1, alpha = 2, [3] = 'c', [1] = 'a', [2] = 'b', mid = 3,\n"
		"           [2.5] = 'x', [true] = 't', [-7] = 'm'}\n"
		"local out, k = {}, next(t)\n"
		"while k ~= nil do out[#out + 1] = tostring(k); k = next(t, k) end\n"
		"print(table.concat(out, ' '))\n"
		"for key in pairs(t) do t[key] = nil end\n"
		"print(next(t), pcall(next, {}, 'nope'))\n";
	static const char want[] =
		"-7 1 2 3 2.5 alpha mid zeta true\n"
		"nil\tfalse\tinvalid key to 'next'\n";
	for (int i = 0; i < 3; i++) {
		run_capture(c, script);
		expect_ok(c, "next");
		assert_string_equal(c->captured, want);
	}
}

static void math_random_repeats_across_runs(void **state)
{
	ctx *c = *state;
	static const char script[] =
		"local a = {}\n"
		"for i = 1, 8 do a[i] = math.random(1, 1000000000) end\n"
		"a[#a + 1] = string.format('%.17g', math.random())\n"
		"math.randomseed()\n"
		"assert(math.random(1, 1000000000) == a[1], 'randomseed() restarts the sequence')\n"
		"print(table.concat(a, ' '))\n";
	run_capture(c, script);
	expect_ok(c, "math.random, first run");
	char first[1024];
	snprintf(first, sizeof first, "%s", c->captured);
	assert_true(strlen(first) > 20);
	run_capture(c, script);
	expect_ok(c, "math.random, second run");
	assert_string_equal(c->captured, first);
}

static void os_time_and_date_follow_source_date_epoch(void **state)
{
	ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
	run(c, "assert(os.time() == " EPOCH ", 'os.time() is ' .. os.time())\n"
		"assert(os.date('!%Y-%m-%d %H:%M') == '2024-06-01 00:00', os.date('!%c'))\n"
		"assert(os.date('!*t').year == 2024, 'os.date(\"*t\")')\n"
		"assert(os.time{year = 2000, month = 1, day = 1, hour = 12} ~= os.time(),\n"
		"       'os.time(table) still converts')\n");
	expect_ok(c, "SOURCE_DATE_EPOCH");
}

/* ==== provenance ==================================================================== */

/* Runs text as x.lua with --provenance {dir}/p.json and returns the file
 * (owned by the caller), after checking the run succeeded. */
static char *run_provenance(ctx *c, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/p.json", c->dir);
	c->job.provenance = path;
	c->job.provenance_root = c->dir;
	run(c, text);
	c->job.provenance = c->job.provenance_root = NULL;
	expect_ok(c, "provenance run");
	return support_read_file_or_fail(path, NULL);
}

/* The sidecar holds this exact text (after subst); shows it when not. */
static void expect_json(const ctx *c, const char *json, const char *want)
{
	char w[4096];
	subst_into(c, want, w, sizeof w);
	if (!strstr(json, w))
		fail_msg("the provenance file lacks\n  %s\nit is:\n%s", w, json);
}

static void expect_no_json(const char *json, const char *unwanted)
{
	if (strstr(json, unwanted))
		fail_msg("the provenance file holds %s:\n%s", unwanted, json);
}

/* SPEC: fields read only inside a query's predicate or comparator do not
 * count. Every meeting's name is read by where, sort and first; the page
 * names two meetings, one of them read only by the queries. */
static void a_predicate_over_every_record_credits_only_the_record_shown(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{}\n"
		"local named = rel.meetings:where(function(m) return m.name:find('Dialogue') end)\n"
		"local sorted = named:sort(function(a, b) return a.name < b.name end)\n"
		"local m = sorted:first(function(x) return x.name:find('28th') end)\n"
		"doc:paragraph(m.name .. ' followed the 24th ASEAN-ROK Dialogue.')\n"
		"doc:sources()\n");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"meetings:dialogue-2024-28th\", "
	            "\"sources:mofa-dialogue-2024\"]}");
	expect_json(c, json, "\"sources\": [{\"number\": 1, \"record\": "
	            "\"sources:mofa-dialogue-2024\"}]}");
	free(json);
}

/* The quiet of a predicate ends with it, even when it raises. */
static void a_predicate_that_raises_leaves_later_reads_counted(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{}\n"
		"assert(not pcall(rel.events.where, rel.events, function(e) error('no') end))\n"
		"assert(not pcall(rel.events.sort, rel.events, function(a, b) error('no') end))\n"
		"doc:paragraph(rel.events:first{ id = 'sectoral-dialogue-1989' }.title)\n");
	expect_json(c, json, "\"records\": [\"events:sectoral-dialogue-1989\"]");
	free(json);
}

/* A value read long before the block, through the string library: a date
 * set in words, a title with its dashes changed, a figure in a sentence,
 * a list joined. The same year out of os.date carries nothing. */
static void values_carry_their_record_through_the_string_library(void **state)
{
	ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);      /* 2024 */
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local MONTHS = {'January', 'February', 'March', 'April', 'May', 'June', 'July',\n"
		"  'August', 'September', 'October', 'November', 'December'}\n"
		"local function date(iso)\n"
		"  local y, m, d = iso:match('^(%d%d%d%d)%-(%d%d)%-(%d%d)$')\n"
		"  return string.format('%d %s %s', tonumber(d), MONTHS[tonumber(m)], y)\n"
		"end\n"
		"local e = rel.events:first{ id = 'joint-declaration-2004' }\n"
		"local when = date(e.date)\n"
		"local s = rel.events:first{ id = 'strategic-partnership-2010' }\n"
		"local title = s.title:gsub('ASEAN%-ROK', 'ASEAN–ROK')\n"
		"local m = rel.meetings:first{ id = 'dialogue-2020-24th' }\n"
		"local chairs = table.concat({ m.co_chairs[1], m.co_chairs[2] }, ' and ')\n"
		"local doc = brief.document{ date = date(os.date('!%Y-%m-%d')) }\n"
		"doc:heading('Nothing here')\n"
		"doc:paragraph('Adopted on ' .. when .. '.')\n"
		"doc:page_break()\n"
		"doc:paragraph(title:upper() .. ', and ' .. title .. '.')\n"
		"doc:page_break()\n"
		"local f = rel.figures:first{ id = 'trade-2017' }\n"
		"doc:paragraph(string.format('Trade reached US$%g billion; co-chairs: %s.', f.value, chairs))\n");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"events:joint-declaration-2004\"]}");
	expect_json(c, json, "{\"page\": 2, \"records\": [\"events:strategic-partnership-2010\"]}");
	expect_json(c, json, "{\"page\": 3, \"records\": [\"meetings:dialogue-2020-24th\", "
	            "\"figures:trade-2017\"]}");
	free(json);
}

/* A name or title counts wherever the script uses it; a single word read
 * long before (here a member's name, read before a block credited with
 * other records) does not, and neither does a word many records share (a
 * kind), except as a whole cell. */
static void a_shared_or_stale_word_counts_only_as_a_whole_part(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{}\n"
		"local kh = rel.members:first{ id = 'cambodia' }.name\n"
		"local e = rel.events:first{ id = 'sectoral-dialogue-1989' }\n"
		"local kind, title = e.kind, e.title\n"
		"doc:paragraph(title)\n"
		"doc:page_break()\n"
		"doc:paragraph('A ' .. kind .. ' with ' .. kh .. ', as ' .. title .. ' showed.')\n"
		"doc:page_break()\n"
		"doc:table{ columns = { 'Kind' }, rows = { { kind } } }\n");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_json(c, json, "{\"page\": 2, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_json(c, json, "{\"page\": 3, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_no_json(json, "members:cambodia");
	free(json);
}

/* doc:cite numbers a source when it first reaches the document, by a block
 * or a citation, whether or where the list is; records of the same source
 * share its number; the list has the sources in that order. */
static void cite_numbers_sources_in_the_order_they_reach_the_document(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		EQ_FUNCTION
		"local doc = brief.document{}\n"
		"doc:sources()\n"
		"local function r(coll, id) return (rel[coll]:first{ id = id }) end\n"
		"doc:paragraph(r('meetings', 'dialogue-2024-28th').name)\n"
		"eq(doc:cite(r('events', 'sectoral-dialogue-1989')), '[2]', 'a second source')\n"
		"eq(doc:cite(r('meetings', 'dialogue-2024-28th')), '[1]', 'the paragraph numbered it')\n"
		"eq(doc:cite(r('figures', 'trade-2017')), '[2]', 'the same source')\n"
		"eq(doc:cite(r('sources', 'mofa-dialogue-2021')), '[3]', 'a source as its own')\n"
		"local other = brief.document{}\n"
		"eq(other:cite(r('figures', 'trade-2017')), '[1]', 'each document numbers its own')\n"
		"doc:paragraph('As shown ' .. doc:cite(r('people', 'kim-gunn')) .. '.')\n"
		"doc:save()\n");
	expect_json(c, json, "\"sources\": [{\"number\": 1, \"record\": \"sources:mofa-dialogue-2024\"}, "
	            "{\"number\": 2, \"record\": \"sources:akys-about-asean\"}, "
	            "{\"number\": 3, \"record\": \"sources:mofa-dialogue-2021\"}, "
	            "{\"number\": 4, \"record\": \"sources:asean-24th-dialogue-2020\"}]");
	/* the marker in the paragraph carries the record cited */
	expect_json(c, json, "\"people:kim-gunn\"");
	free(json);
}

/* A table split over pages: each page lists the records of its own rows,
 * as the text on the page shows them; the file names every PDF saved. */
static void a_table_split_over_pages_lists_each_row_on_its_page(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{ paper = 'A5' }\n"
		"doc:table{ columns = { { title = 'Milestone', key = 'title' },\n"
		"                       { title = 'Date', key = 'date', width = 60 } },\n"
		"           rows = rel.events }\n"
		"local path, pages = doc:save()\n"
		"assert(pages >= 2, pages)\n"
		"local second = brief.document{}\n"
		"second:paragraph(rel.people:first{ id = 'kim-gunn' }.name)\n"
		"second:save('second.pdf')\n");
	const char *p1 = strstr(json, "{\"page\": 1,"), *p2 = strstr(json, "{\"page\": 2,");
	assert_non_null(p1);
	assert_non_null(p2);
	const char *first = strstr(json, "events:asean-founded-1967");
	const char *last = strstr(json, "events:anniversary-2024-35th");
	if (!first || !last || first > p2 || last < p2)
		fail_msg("the first row is not on page 1 alone, or the last not after it:\n%s", json);
	if (strstr(p2, "events:asean-founded-1967") && strstr(p2, "events:asean-founded-1967") <
	    strstr(json, "second.pdf"))
		fail_msg("the first row is listed on a later page too:\n%s", json);
	expect_json(c, json, "{\"pdf\": \"{out}\", ");
	expect_json(c, json, "{\"pdf\": \"{dir}/second.pdf\", \"pages\": [\n  {\"page\": 1, "
	            "\"records\": [\"people:kim-gunn\"]}]");
	free(json);
}

/* The list of sources, and the records of its page, when the script read
 * values but showed none; nothing at all with --check. */
static void values_read_but_not_shown_reach_no_page(void **state)
{
	ctx *c = *state;
	char *json = run_provenance(c,
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{ title = 'Nothing from the data' }\n"
		"for _, e in ipairs(rel.events) do local _ = e.title .. e.date end\n"
		"doc:paragraph('Static text only.')\n"
		"doc:sources()\n");
	expect_json(c, json, "{\"page\": 1, \"records\": []}");
	expect_json(c, json, "\"sources\": []}");
	free(json);
	char path[128];
	snprintf(path, sizeof path, "%s/p.json", c->dir);
	unlink(path);
	c->job.check = true;
	c->job.provenance = path;
	c->job.provenance_root = c->dir;
	run(c, "local brief = require 'brief'\nbrief.document{}:paragraph('x')\n");
	c->job.provenance = c->job.provenance_root = NULL;
	expect_ok(c, "--check");
	assert_false(exists(path));
	assert_string_equal(c->res.provenance, path);
}

/* ==== output guarantees ============================================================== */

static void an_error_after_save_leaves_no_pdf(void **state)
{
	ctx *c = *state;
	run(c, "local brief = require 'brief'\n"
		"local doc = brief.document{title = 'Half'}\n"
		"doc:paragraph('text')\n"
		"doc:save()\n"
		"doc:save('second.pdf')\n"
		"error('failed after saving')\n");
	expect_error(c, "error after save", EXIT_SCRIPT, "{dir}/x.lua:6: failed after saving");
	assert_int_equal(c->res.noutputs, 0);
	expect_only(c, "error after save", (const char *[]){"x.lua", NULL});
}

/* A method keeps the document while it calls back into Lua: a callback that
 * closes it (<close>) gets "document is closed" at the script's line, never
 * a use of freed memory (under ASan, a crash). */
static void a_document_closed_from_a_callback_is_an_error_at_the_line(void **state)
{
	ctx *c = *state;
#define CLOSE "do local gone <close> = doc end "
	static const error_case cases[] = {
		{"doc:timeline({{year = 2000, title = 'x'}}, {label = function() " CLOSE
		 "return 'x' end})", "{dir}/x.lua:2: document is closed"},
		{"doc:paragraph(setmetatable({}, {__len = function() " CLOSE "return 1 end, "
		 "__index = function() return 'x' end}))", "{dir}/x.lua:2: document is closed"},
		{"doc:table{columns = {{title = 'A', key = 'a'}}, rows = {setmetatable({}, "
		 "{__index = function() " CLOSE "return 'v' end})}}",
		 "{dir}/x.lua:2: document is closed"},
		{"doc:chart{labels = {setmetatable({}, {__tostring = function() " CLOSE
		 "return 'L' end})}, series = {{values = {1}}}}", "{dir}/x.lua:2: document is closed"},
		{"doc:list(setmetatable({}, {__len = function() " CLOSE "return 1 end, "
		 "__index = function() return 'item' end}))", "{dir}/x.lua:2: document is closed"},
		{"doc:heading('h') " CLOSE "doc:paragraph('after')", "{dir}/x.lua:2: document is closed"},
	};
#undef CLOSE
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_script_error(c, DOC_PRELUDE, &cases[i], "");
		expect_only(c, cases[i].code, (const char *[]){"x.lua", NULL});
	}
}

/* Two saves, then a failure: neither file is created, and one that was
 * there before is left byte for byte; after a good run both are there. */
static void outputs_commit_together_or_not_at_all(void **state)
{
	ctx *c = *state;
	put(c, "a.pdf", "the good old one");
	const char *script = "local doc = require('brief').document{}\n"
	                     "doc:paragraph('one')\n"
	                     "doc:save('a.pdf')\n"
	                     "doc:save('b.pdf')\n"
	                     "if FAIL then error('late') end\n";
	char text[512];
	snprintf(text, sizeof text, "FAIL = true\n%s", script);
	run(c, text);
	expect_error(c, "failing after two saves", EXIT_SCRIPT, "{dir}/x.lua:6: late");
	char *old = support_read_file(strcat(strcpy((char[160]){0}, c->dir), "/a.pdf"), NULL);
	assert_non_null(old);
	assert_string_equal(old, "the good old one");
	free(old);
	expect_only(c, "failing after two saves", (const char *[]){"x.lua", "a.pdf", NULL});
	snprintf(text, sizeof text, "FAIL = false\n%s", script);
	run(c, text);
	expect_ok(c, "both saves");
	assert_int_equal(c->res.noutputs, 2);
	expect_only(c, "both saves", (const char *[]){"x.lua", "a.pdf", "b.pdf", NULL});
}

static void a_script_too_large_for_the_memory_limit_is_a_limit_stop(void **state)
{
	ctx *c = *state;
	size_t n = 3 * MiB;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big + n - 12, "return 1 --\n", 12);
	big[n] = '\0';
	put(c, "x.lua", big);
	free(big);
	run_job job = c->job;
	job.limits.memory = 1 * MiB;
	host_result_free(&c->res);
	host_run(&job, &c->res);
	expect_error_like(c, "a 3 MB script, 1 MB limit", EXIT_LIMIT, "{dir}/x.lua",
	                  "memory limit of 1 MiB exceeded");
}

/* require reads modules through the path rule: a link in the script's
 * folder to a file outside it is refused, as the file itself would be. */
static void require_does_not_follow_a_link_out_of_its_folder(void **state)
{
	ctx *c = *state;
	char *outside = c->outside, target[160], link[160];
	assert_non_null(support_temp_dir(outside, sizeof c->outside, "test_script_outside"));
	snprintf(target, sizeof target, "%s/secret.lua", outside);
	support_write_file(target, "return 'secret'\n", 16);
	snprintf(link, sizeof link, "%s/mod.lua", c->dir);
	assert_int_equal(symlink(target, link), 0);
	run(c, "return require 'mod'\n");
	expect_error_like(c, "require through a link", EXIT_SCRIPT, "{dir}/x.lua:1: require 'mod'",
	                  "outside the folders it may read");
}

/* Limits that libharu would only hit when saving stop where they are
 * given, and in --check too. */
static void pdf_strings_and_pages_over_their_limits_stop_in_check_mode(void **state)
{
	ctx *c = *state;
	c->job.check = true;
	run(c, DOC_PRELUDE "doc:heading(string.rep('x', 65536))\n");
	expect_error(c, "a long heading", EXIT_LIMIT, "{dir}/x.lua:2: heading: the text is 65536 "
	             "bytes, more than the 65535 a PDF string can hold (a fixed limit of the PDF "
	             "library)");
	run(c, "require('brief').document{title = string.rep('x', 70000)}\n");
	expect_error_like(c, "a long title", EXIT_LIMIT, "{dir}/x.lua:1: document: title",
	                  "more than the 65535");
	run(c, DOC_PRELUDE "doc:paragraph('[a](' .. string.rep('h', 70000) .. ')')\n");
	expect_error_like(c, "a long link", EXIT_LIMIT, "{dir}/x.lua:2: paragraph: link",
	                  "more than the 65535");
	c->job.limits.pages = 2;
	run(c, DOC_PRELUDE "doc:paragraph('1') doc:page_break() doc:paragraph('2') "
	    "doc:page_break() doc:paragraph('3')\n");
	expect_error(c, "three pages, a limit of two", EXIT_LIMIT, "{dir}/x.lua:1: save: the "
	             "document has 3 pages, more than the limit of 2 (raise it with --max-pages) "
	             "(saving the document made here, at the end of the script)");
}

/* ---- confinement, seen from inside a real worker -------------------------------- */

static breakout_report *breakout_seen;  /* shared with the worker */
static const char *breakout_outside;

/* The test hook: every escape a script with native code would try, made in
 * the confined worker itself, before the script. */
static int try_to_break_out(const run_job *job, const confine_policy *policy, unsigned active)
{
	(void)job;
	breakout_try(policy, "data/events.csv", breakout_outside, breakout_seen);
	return EXIT_OK;
}

/* A worker is confined before the script starts: what the sandbox would
 * stop in Lua, the operating system stops in C too. */
static void a_confined_worker_cannot_break_out(void **state)
{
	ctx *c = *state;
	char secret[160];
	assert_non_null(support_temp_dir(c->outside, sizeof c->outside, "test_script_outside"));
	snprintf(secret, sizeof secret, "%s/secret.txt", c->outside);
	support_write_file(secret, "secret\n", 7);
	breakout_report *r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE,
	                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(r != MAP_FAILED);
	for (int i = 0; i < BREAKOUT_COUNT; i++)
		r->result[i] = BREAKOUT_NOT_TRIED;
	breakout_seen = r;
	breakout_outside = secret;
	c->job.confined_hook = try_to_break_out;
	c->job.limits.output_bytes = 1 * MiB;       /* quick to write past */
	run(c, "return\n");
	/* valgrind cannot survive a refused exec: the worker dies in it, after
	 * every other attempt is on record */
	bool exec_killed_valgrind = RUNNING_ON_VALGRIND && c->res.code != EXIT_OK;
	if (exec_killed_valgrind)
		print_message("under valgrind: the refused exec ended the worker\n");
	else
		expect_ok(c, "a run after the attempts");
	unsigned active = 0;
	char *layers = malloc(512);
	assert_non_null(layers);
	active = confine_probe(layers, 512);
	free(layers);
	assert_int_equal(r->result[BREAKOUT_READ_INSIDE], 0);
	assert_int_equal(r->result[BREAKOUT_WRITE_INSIDE], 0);
	for (int i = BREAKOUT_WRITE_INSIDE + 1; i < BREAKOUT_COUNT; i++) {
		bool needs_landlock = i <= BREAKOUT_WRITE_READ_FILE;
		bool needs_memory = i == BREAKOUT_ALLOCATE;
		if ((needs_landlock && !(active & CONFINE_LANDLOCK)) ||
		    (needs_memory && !(active & CONFINE_MEMORY)) ||
		    (!needs_landlock && !needs_memory && !(active & CONFINE_SECCOMP) &&
		     i != BREAKOUT_GROW_FILE && i != BREAKOUT_OPEN_FILES)) {
			print_message("not active here, not checked: %s\n", breakout_name(i));
			continue;
		}
		if (r->result[i] == 0 && !(i == BREAKOUT_EXEC && exec_killed_valgrind))
			fail_msg("a confined worker could %s", breakout_name(i));
	}
	munmap(r, sizeof *r);
}

static void a_failed_run_leaves_an_existing_pdf_untouched(void **state)
{
	ctx *c = *state;
	run(c, "local brief = require 'brief'\n"
		"local doc = brief.document{title = 'The good one'}\n"
		"doc:paragraph('Good content.')\n");
	expect_ok(c, "the good run");
	size_t good_len;
	char *good = support_read_file(c->out, &good_len);
	assert_non_null(good);
	c->job.limits.instructions = 1000000;

	char crash[8192];
	char *fixture = support_read_file("tests/fixtures/scripts/crash_concat.lua", NULL);
	assert_non_null(fixture);
	snprintf(crash, sizeof crash, "%s", fixture);
	free(fixture);
	const struct {
		const char *what, *code;
		int exit;
	} cases[] = {
		{"script error",
		 "local brief = require 'brief'\n"
		 "local doc = brief.document{title = 'Bad'}\n"
		 "doc:paragraph('Bad content.')\n"
		 "doc:save()\n"
		 "error('failed after saving')\n", EXIT_SCRIPT},
		{"instruction limit",
		 "local brief = require 'brief'\n"
		 "brief.document{title = 'Bad'}:save()\n"
		 "while true do end\n", EXIT_LIMIT},
		{"--strict",
		 "local brief = require 'brief'\n"
		 "local doc = brief.document{title = 'Bad'}\n"
		 "doc:paragraph('\\u{1F600}')\n"
		 "doc:save()\n", EXIT_STRICT},
		{"crash", crash, EXIT_LIMIT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c->job.strict = cases[i].exit == EXIT_STRICT;
		run(c, cases[i].code);
		size_t len;
		char *now = support_read_file(c->out, &len);
		bool same = now && len == good_len && memcmp(now, good, len) == 0;
		free(now);
		if (!same || c->res.code != cases[i].exit)
			free(good);
		if (c->res.code != cases[i].exit)
			fail_msg("%s: exit %d, want %d: %s", cases[i].what, c->res.code, cases[i].exit,
			         c->res.message);
		if (!same)
			fail_msg("%s: the good PDF was changed or removed", cases[i].what);
		expect_only(c, cases[i].what, (const char *[]){"x.lua", "out.pdf", NULL});
	}
	free(good);
}

static void the_same_script_gives_byte_identical_pdfs(void **state)
{
	ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
	static const char script[] =
		"local rel = require 'relations'\n"
		"local brief = require 'brief'\n"
		"local doc = brief.document{title = 'Same every time', author = 'test_script',\n"
		"                           date = os.date('!%Y-%m-%d')}\n"
		"doc:contents()\n"
		"doc:heading('Text')\n"
		"doc:paragraph('ASEAN’s “partners” – 35 years… and 한국–아세안 대화 관계, **bold**.')\n"
		"local t = {zulu = 1, alpha = 2, mike = 3, kilo = 4}\n"
		"local items = {}\n"
		"for k, v in pairs(t) do items[#items + 1] = k .. ' ' .. v .. ' ' .. math.random(100) end\n"
		"doc:list(items)\n"
		"doc:heading('Data')\n"
		"local rows = {}\n"
		"for _, e in ipairs(rel.events:between(1989, 2004)) do rows[#rows + 1] = {e.date, e.title} end\n"
		"doc:table{columns = {'Date', 'Milestone'}, rows = rows}\n"
		"doc:chart{type = 'bar', labels = {'2003', '2017'},\n"
		"          series = {{name = 'Trade', values = {38.7, 149}}}}\n"
		"doc:timeline(rel.events:between(1989, 1991), {title = 'Early years'})\n"
		"doc:sources()\n"
		"doc:save()\n";
	char first[128];
	snprintf(first, sizeof first, "%s/first.pdf", c->dir);
	run(c, script);
	expect_ok(c, "first run");
	assert_int_equal(rename(c->out, first), 0);
	run(c, script);
	expect_ok(c, "second run");
	size_t la, lb;
	char *a = support_read_file(first, &la), *b = support_read_file(c->out, &lb);
	assert_non_null(a);
	assert_non_null(b);
	size_t at = 0;
	while (at < la && at < lb && a[at] == b[at])
		at++;
	free(a);
	free(b);
	if (la != lb || at != la)
		fail_msg("the two PDFs differ (%zu and %zu bytes) from byte %zu", la, lb, at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		/* relations */
		T(collections_have_length_and_ipairs_in_date_order),
		T(records_collections_and_lists_are_read_only),
		T(dataset_metatables_cannot_be_tampered_with),
		T(where_filters_by_fields_predicate_and_list_members),
		T(between_is_inclusive_and_covers_from_to_spans),
		T(sort_by_field_descending_field_and_function_is_stable),
		T(map_first_and_chaining),
		T(first_without_a_query_is_the_first_item),
		T(anniversaries_of_2024_list_the_35th_of_dialogue_relations),
		T(anniversaries_every_ten_years),
		T(anniversaries_of_an_absurd_year_end_promptly),
		T(ordinal_suffixes),
		T(source_by_id_and_of_a_record),
		T(unknown_field_is_nil_and_pairs_follows_the_schema),
		/* brief */
		T(format_fills_names_paths_and_braces),
		T(format_missing_key_is_an_error_at_the_callers_line),
		T(params_come_from_the_job),
		T(document_defaults_to_a4_and_save_returns_path_and_pages),
		T(api_misuse_is_an_error_at_the_script_line),
		T(image_missing_broken_or_outside_the_folders_is_refused),
		T(a_script_that_never_saves_writes_its_last_document),
		T(timeline_options_are_optional),
		T(check_mode_lays_out_but_writes_nothing),
		T(strict_mode_fails_on_an_uncovered_character_and_writes_nothing),
		T(implicit_save_errors_name_the_script),
		T(errors_name_a_long_script_path_in_full),
		/* sandbox */
		T(dangerous_globals_are_absent),
		T(the_globals_are_exactly_the_allow_list),
		T(binary_chunks_are_refused),
		T(require_refuses_unknown_and_path_like_modules),
		T(setmetatable_refuses_gc),
		T(no_finalizer_can_be_planted_through_a_library_metatable),
		T(string_rep_refuses_huge_results),
		T(reading_an_undefined_global_is_an_error),
		T(instruction_limit_stops_a_runaway_loop_at_its_line),
		T(pcall_cannot_swallow_the_stop),
		T(a_stop_inside_a_coroutine_stops_the_whole_script),
		T(memory_limit_stops_a_memory_bomb),
		T(memory_limit_message_names_the_script_line),
		T(time_limit_stops_a_backtracking_pattern),
		T(a_crashing_worker_is_reported_and_the_parent_survives),
		T(pairs_visits_string_keys_in_sorted_order),
		T(next_visits_keys_in_a_fixed_order),
		T(math_random_repeats_across_runs),
		T(os_time_and_date_follow_source_date_epoch),
		/* provenance */
		T(a_predicate_over_every_record_credits_only_the_record_shown),
		T(a_predicate_that_raises_leaves_later_reads_counted),
		T(values_carry_their_record_through_the_string_library),
		T(a_shared_or_stale_word_counts_only_as_a_whole_part),
		T(cite_numbers_sources_in_the_order_they_reach_the_document),
		T(a_table_split_over_pages_lists_each_row_on_its_page),
		T(values_read_but_not_shown_reach_no_page),
		/* output guarantees */
		T(an_error_after_save_leaves_no_pdf),
		T(a_document_closed_from_a_callback_is_an_error_at_the_line),
		T(outputs_commit_together_or_not_at_all),
		T(a_script_too_large_for_the_memory_limit_is_a_limit_stop),
		T(require_does_not_follow_a_link_out_of_its_folder),
		T(pdf_strings_and_pages_over_their_limits_stop_in_check_mode),
		T(a_confined_worker_cannot_break_out),
		T(a_failed_run_leaves_an_existing_pdf_untouched),
		T(the_same_script_gives_byte_identical_pdfs),
#undef T
	};
	return cmocka_run_group_tests_name("script", tests, group_setup, group_teardown);
}

/*
 * test_host.c -- the host that runs a script in a worker process and
 * supervises it (src/script/host.c, the worker's side in src/script/run.c):
 * a crashing worker reported while the parent carries on, outputs committed
 * together or not at all, a failed run leaving an existing PDF untouched,
 * byte-identical output, and the confinement seen from inside a real worker.
 *
 * Scripts of more than a few lines are Lua files, tests/lua/host/TEST[_PART].lua,
 * run as they are (support.h, "scripts run through a job"); the crash
 * reproducers are tests/fixtures/scripts/. Run from the repository root
 * (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <valgrind/valgrind.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "script/breakout.h"
#include "script/confine.h"
#include "support.h"

static int setup(void **state)
{
	return script_setup(state, "host");
}

/* ---- a worker that crashes ------------------------------------------------------ */

/* Under valgrind, the use of freed memory a crash reproducer makes is
 * caught, and the stale memory it then reads (laid out by the heap's
 * history, so by which tests ran before) may end the worker without a
 * crash: with valgrind's error exit, or a Lua error ("error in error
 * handling"). Then only what must hold whatever the ending is checked: the
 * run fails and writes nothing. */
static bool crash_masked_by_valgrind(const script_ctx *c)
{
	bool masked = RUNNING_ON_VALGRIND && c->res.code != EXIT_OK && c->res.code != EXIT_LIMIT;
	if (masked)
		print_message("under valgrind: %s ended its worker without a crash (exit %d: %s)\n",
		              c->ran, c->res.code, c->res.message);
	return masked;
}

/* The crash reproducers in tests/fixtures/scripts (bugs of Debian's Lua
 * 5.4.4) kill the worker; the parent reports it, commits nothing, and
 * carries on. */
static void a_crashing_worker_is_reported_and_the_parent_survives(void **state)
{
	script_ctx *c = *state;
	static const char *const scripts[] = {
		"tests/fixtures/scripts/crash_concat.lua",
		"tests/fixtures/scripts/crash_coroutine_close.lua",
	};
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		script_run_file(c, scripts[i]);
		if (!crash_masked_by_valgrind(c)) {
			script_expect_error_like(c, scripts[i], EXIT_LIMIT, "{script}:",
			                         "the script's worker crashed (signal 11: "
			                         "Segmentation fault)");
			assert_non_null(strstr(c->res.message, "nothing was written"));
		}
		assert_int_equal(c->res.noutputs, 0);
		script_expect_only(c, scripts[i], (const char *[]){NULL});
	}
	script_run(c, "require('brief').document{}:save()\n");
	script_expect_ok(c, "a run after the crashes");
	assert_true(script_exists(c->out));
}

/* ---- outputs: all or nothing ---------------------------------------------------- */

static void an_error_after_save_leaves_no_pdf(void **state)
{
	script_ctx *c = *state;
	script_run_lua(c, "an_error_after_save_leaves_no_pdf");
	script_expect_marked_error(c, EXIT_SCRIPT);
	assert_int_equal(c->res.noutputs, 0);
	script_expect_only(c, "error after save", (const char *[]){NULL});
}

/* Two saves, then a failure (the parameter fail=yes): neither file is
 * created, and one that was there before is left byte for byte; after a
 * good run both are there. */
static void outputs_commit_together_or_not_at_all(void **state)
{
	script_ctx *c = *state;
	script_put(c, "a.pdf", "the good old one");
	static const run_param fail[] = {{"fail", "yes"}};
	c->job.params = fail;
	c->job.nparams = 1;
	script_run_lua(c, "outputs_commit_together_or_not_at_all");
	script_expect_marked_error(c, EXIT_SCRIPT);
	char path[160];
	snprintf(path, sizeof path, "%s/a.pdf", c->dir);
	char *old = support_read_file(path, NULL);
	assert_non_null(old);
	assert_string_equal(old, "the good old one");
	free(old);
	script_expect_only(c, "failing after two saves", (const char *[]){"a.pdf", NULL});
	c->job.params = NULL;
	c->job.nparams = 0;
	script_run_lua(c, "outputs_commit_together_or_not_at_all");
	script_expect_ok(c, "both saves");
	assert_int_equal(c->res.noutputs, 2);
	script_expect_only(c, "both saves", (const char *[]){"a.pdf", "b.pdf", NULL});
}

/* A good run writes out.pdf; then runs that fail in each way (a script
 * error, the instruction limit, --strict, a crash), all after saving to the
 * same path, leave it byte for byte. */
static void a_failed_run_leaves_an_existing_pdf_untouched(void **state)
{
	script_ctx *c = *state;
	script_check_lua(c, "a_failed_run_leaves_an_existing_pdf_untouched");
	size_t good_len;
	char *good = support_read_file(c->out, &good_len);
	assert_non_null(good);
	c->job.limits.instructions = 1000000;

	/* file: a check file's name, or the path of a fixture */
	const struct {
		const char *what, *file;
		int exit;
	} cases[] = {
		{"script error", "a_failed_run_leaves_an_existing_pdf_untouched_error", EXIT_SCRIPT},
		{"instruction limit", "a_failed_run_leaves_an_existing_pdf_untouched_loop", EXIT_LIMIT},
		{"--strict", "a_failed_run_leaves_an_existing_pdf_untouched_strict", EXIT_STRICT},
		{"crash", "tests/fixtures/scripts/crash_concat.lua", EXIT_LIMIT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c->job.strict = cases[i].exit == EXIT_STRICT;
		if (strchr(cases[i].file, '/'))
			script_run_file(c, cases[i].file);
		else
			script_run_lua(c, cases[i].file);
		int want = cases[i].exit;
		if (strcmp(cases[i].what, "crash") == 0 && crash_masked_by_valgrind(c))
			want = c->res.code;
		size_t len;
		char *now = support_read_file(c->out, &len);
		bool same = now && len == good_len && memcmp(now, good, len) == 0;
		free(now);
		if (!same || c->res.code != want)
			free(good);
		if (c->res.code != want)
			fail_msg("%s: exit %d, want %d: %s", cases[i].what, c->res.code, want,
			         c->res.message);
		if (!same)
			fail_msg("%s: the good PDF was changed or removed", cases[i].what);
		script_expect_only(c, cases[i].what, (const char *[]){"out.pdf", NULL});
	}
	free(good);
}

static void the_same_script_gives_byte_identical_pdfs(void **state)
{
	script_ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", SCRIPT_EPOCH, 1);
	char first[128];
	snprintf(first, sizeof first, "%s/first.pdf", c->dir);
	script_check_lua(c, "the_same_script_gives_byte_identical_pdfs");
	assert_int_equal(rename(c->out, first), 0);
	script_check_lua(c, "the_same_script_gives_byte_identical_pdfs");
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
	script_ctx *c = *state;
	char secret[160];
	assert_non_null(support_temp_dir(c->outside, sizeof c->outside, "test_host_outside"));
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
	script_run(c, "return\n");
	/* valgrind cannot survive a refused exec: the worker dies in it, after
	 * every other attempt is on record */
	bool exec_killed_valgrind = RUNNING_ON_VALGRIND && c->res.code != EXIT_OK;
	if (exec_killed_valgrind)
		print_message("under valgrind: the refused exec ended the worker\n");
	else
		script_expect_ok(c, "a run after the attempts");
	char layers[512];
	unsigned active = confine_probe(layers, sizeof layers);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, script_teardown)
		T(a_crashing_worker_is_reported_and_the_parent_survives),
		T(an_error_after_save_leaves_no_pdf),
		T(outputs_commit_together_or_not_at_all),
		T(a_failed_run_leaves_an_existing_pdf_untouched),
		T(the_same_script_gives_byte_identical_pdfs),
		T(a_confined_worker_cannot_break_out),
#undef T
	};
	return cmocka_run_group_tests_name("host", tests, script_group_setup,
	                                   script_group_teardown);
}

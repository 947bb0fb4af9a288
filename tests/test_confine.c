/*
 * test_confine.c -- every layer of a confined worker, proven from outside:
 * a forked child confines itself, tries to escape (script/breakout.h), and the
 * parent checks each attempt failed the way that layer makes it fail.
 *
 * A layer this machine does not grant (an old kernel, a container's
 * seccomp policy) skips its tests, saying why; it never passes them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "script/confine.h"
#include "script/breakout.h"
#include "support.h"

#define MEMORY_LIMIT (512ULL << 20)
#define FILE_LIMIT (1ULL << 20)
#define FILES_LIMIT 64

/* A temporary tree: read/ (read-only, with a file), write/ (the private
 * folder) and other/ (outside both, with a file). */
typedef struct fixture {
	char root[64];
	char read_dir[128], write_dir[128], inside[160], outside[160];
} fixture;

/* What the confined child did, in memory shared with the parent: the
 * escape report is filled as each attempt ends, so it survives an exec. */
typedef struct outcome {
	bool confined;              /* confine_apply() returned */
	unsigned active;
	char notes[512];
	breakout_report report;
} outcome;

/* What the parent saw of the child while it was alive and confined. */
typedef struct observed {
	outcome o;
	bool reported;              /* the child got through every attempt */
	int status;                 /* how it ended, from waitpid() */
	bool trapped;               /* stopped by SIGTRAP: traced, then exec'd */
	int no_new_privs;           /* /proc/PID/status NoNewPrivs, -1 unknown */
	int seccomp_mode;           /* /proc/PID/status Seccomp: 2 is a filter */
	struct rlimit core;
} observed;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f || !support_temp_dir(f->root, sizeof f->root, "test_confine")) {
		free(f);
		return -1;
	}
	char other[128];
	snprintf(f->read_dir, sizeof f->read_dir, "%s/read", f->root);
	snprintf(f->write_dir, sizeof f->write_dir, "%s/write", f->root);
	snprintf(other, sizeof other, "%s/other", f->root);
	snprintf(f->inside, sizeof f->inside, "%s/data.csv", f->read_dir);
	snprintf(f->outside, sizeof f->outside, "%s/secret.txt", other);
	if (mkdir(f->read_dir, 0700) != 0 || mkdir(f->write_dir, 0700) != 0 ||
	    mkdir(other, 0700) != 0) {
		support_remove_tree(f->root);
		free(f);
		return -1;
	}
	support_write_file(f->inside, "a,b\n1,2\n", 8);
	support_write_file(f->outside, "secret\n", 7);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	support_remove_tree(f->root);
	free(f);
	return 0;
}

/* The policy of every test: read-only beneath read_dirs, read-write beneath
 * the fixture's write folder, the limits above; parent is the pid the child
 * had as its parent when forked. */
static confine_policy policy_of(const fixture *f, const char *const *read_dirs, pid_t parent)
{
	return (confine_policy){.read_dirs = read_dirs, .nread = 1, .write_dir = f->write_dir,
	                        .memory_bytes = MEMORY_LIMIT, .file_bytes = FILE_LIMIT,
	                        .max_files = FILES_LIMIT, .parent = parent};
}

/* The value of "Key:" in /proc/PID/status, or -1. */
static int status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	int value = -1;
	size_t n = strlen(key);
	while (fgets(line, sizeof line, fp))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			value = atoi(line + n + 1);
			break;
		}
	fclose(fp);
	return value;
}

/* Forks a child that confines itself with the fixture's policy and makes
 * every escape attempt; while it waits, confined, looks at it from outside.
 * Fails the test when the child cannot be made. */
static void run_confined(const fixture *f, observed *seen)
{
	memset(seen, 0, sizeof *seen);
	outcome *shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE,
	                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(shared != MAP_FAILED);
	memset(shared, 0, sizeof *shared);
	int done[2], go[2];
	assert_int_equal(pipe2(done, O_CLOEXEC), 0);
	assert_int_equal(pipe2(go, O_CLOEXEC), 0);
	pid_t parent = getpid();
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(done[0]);
		close(go[1]);
		const char *read_dirs[] = {f->read_dir};
		confine_policy p = policy_of(f, read_dirs, parent);
		shared->active = confine_apply(&p, shared->notes, sizeof shared->notes);
		shared->confined = true;
		breakout_try(&p, f->inside, f->outside, &shared->report);
		char c = 'k';
		if (write(done[1], &c, 1) == 1)
			(void)read(go[0], &c, 1);       /* stay until the parent has looked */
		_exit(0);
	}
	close(done[1]);
	close(go[0]);
	char c;
	ssize_t got;
	while ((got = read(done[0], &c, 1)) < 0 && errno == EINTR)
		;
	seen->reported = got == 1;
	seen->no_new_privs = status_field(pid, "NoNewPrivs");
	seen->seccomp_mode = status_field(pid, "Seccomp");
	if (prlimit(pid, RLIMIT_CORE, NULL, &seen->core) != 0)
		seen->core.rlim_cur = seen->core.rlim_max = RLIM_INFINITY;
	close(go[1]);
	close(done[0]);
	int status;
	for (;;) {
		pid_t w = waitpid(pid, &status, 0);
		if (w < 0 && errno == EINTR)
			continue;
		assert_int_equal(w, pid);
		if (!WIFSTOPPED(status))
			break;
		seen->trapped = seen->trapped || WSTOPSIG(status) == SIGTRAP;
		kill(pid, SIGKILL);     /* traced by us after an escaped ptrace */
	}
	seen->status = status;
	seen->o = *shared;
	munmap(shared, sizeof *shared);
}

/* Skips the running test, saying why, unless the child got layer; fails it
 * when the child did not live through its confinement. */
static void need(const observed *seen, unsigned layer, const char *name)
{
	if (!seen->o.confined)
		fail_msg("the child died while confining itself");
	if (seen->o.active & layer)
		return;
	print_message("skipped: %s is not active here (%s)\n", name,
	              seen->o.notes[0] ? seen->o.notes : "no reason given");
	skip();
}

/* Fails unless every attempt listed ended with errno want. */
static void expect_refused(const observed *seen, const int *attempts, size_t n, int want)
{
	for (size_t k = 0; k < n; k++) {
		int a = attempts[k], got = seen->o.report.result[a];
		if (got == 0)
			fail_msg("%s: the confined child succeeded", breakout_name(a));
		if (got != want)
			fail_msg("%s: refused with %s, want %s", breakout_name(a),
			         got > 0 ? strerror(got) : "(not tried)", strerror(want));
	}
}

#define REFUSED(seen, want, ...) do { \
	static const int attempts_[] = {__VA_ARGS__}; \
	expect_refused(seen, attempts_, sizeof attempts_ / sizeof attempts_[0], want); \
} while (0)

/* ---- what must still work ------------------------------------------------------- */

static void test_reading_and_writing_inside_the_policy_still_work(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	if (!seen.o.confined)
		fail_msg("the child died while confining itself");
	int *r = seen.o.report.result;
	if (r[BREAKOUT_READ_INSIDE] != 0)
		fail_msg("read inside: %s", strerror(r[BREAKOUT_READ_INSIDE]));
	if (r[BREAKOUT_WRITE_INSIDE] != 0)
		fail_msg("write inside: %s", strerror(r[BREAKOUT_WRITE_INSIDE]));
}

/* ---- Landlock ------------------------------------------------------------------- */

static void test_reading_outside_the_policy_is_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_LANDLOCK, "landlock");
	REFUSED(&seen, EACCES, BREAKOUT_READ_OUTSIDE, BREAKOUT_READ_SYSTEM);
}

static void test_writing_outside_the_private_folder_is_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_LANDLOCK, "landlock");
	REFUSED(&seen, EACCES, BREAKOUT_CREATE_OUTSIDE, BREAKOUT_CREATE_IN_READ_DIR,
	        BREAKOUT_WRITE_READ_FILE);
}

/* ---- seccomp -------------------------------------------------------------------- */

static void test_exec_is_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	/* an exec that worked left 0 and became /bin/true, which exits 0 (or
	 * stops at a SIGTRAP when an escaped ptrace made us its tracer); a
	 * child that died in a refused exec (valgrind does) left 0 too */
	bool became_true = seen.trapped ||
	                   (WIFEXITED(seen.status) && WEXITSTATUS(seen.status) == 0);
	if (seen.o.report.result[BREAKOUT_EXEC] == 0 && !seen.reported && !became_true) {
		print_message("skipped: the child died in exec without a result (under valgrind?)\n");
		skip();
	}
	REFUSED(&seen, EPERM, BREAKOUT_EXEC);
}

static void test_sockets_are_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	REFUSED(&seen, EPERM, BREAKOUT_SOCKET_INET, BREAKOUT_SOCKET_UNIX, BREAKOUT_SOCKETPAIR);
}

static void test_new_processes_threads_and_namespaces_are_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	REFUSED(&seen, EPERM, BREAKOUT_FORK, BREAKOUT_THREAD, BREAKOUT_UNSHARE);
}

static void test_other_processes_cannot_be_traced_signalled_or_read(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	REFUSED(&seen, EPERM, BREAKOUT_PTRACE, BREAKOUT_SIGNAL_PARENT, BREAKOUT_PEEK_PARENT);
}

static void test_limits_cannot_be_raised(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	REFUSED(&seen, EPERM, BREAKOUT_RAISE_LIMIT);
}

static void test_the_kernel_sees_a_seccomp_filter(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_SECCOMP, "seccomp");
	assert_int_equal(seen.seccomp_mode, 2);
}

/* ---- no-new-privs --------------------------------------------------------------- */

static void test_the_kernel_sees_no_new_privs(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_NO_NEW_PRIVS, "no-new-privs");
	assert_int_equal(seen.no_new_privs, 1);
}

/* ---- limits --------------------------------------------------------------------- */

static void test_allocating_beyond_the_memory_limit_fails(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_MEMORY, "the memory limit");
	REFUSED(&seen, ENOMEM, BREAKOUT_ALLOCATE);
}

static void test_writing_beyond_the_file_size_limit_fails_without_a_kill(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_RLIMITS, "rlimits");
	/* a result at all says SIGXFSZ did not end the child */
	REFUSED(&seen, EFBIG, BREAKOUT_GROW_FILE);
}

static void test_descriptors_beyond_the_file_limit_are_refused(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_RLIMITS, "rlimits");
	/* the kernel says EINVAL; valgrind, which keeps the limit itself, EMFILE */
	int got = seen.o.report.result[BREAKOUT_OPEN_FILES];
	if (got != EMFILE)
		REFUSED(&seen, EINVAL, BREAKOUT_OPEN_FILES);
}

static void test_core_dumps_are_off(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	need(&seen, CONFINE_RLIMITS, "rlimits");
	assert_int_equal(seen.core.rlim_cur, 0);
}

/* ---- the parent-death signal ---------------------------------------------------- */

/* The test forks a middle process, which forks a confined worker and then
 * exits: the worker must die with it. The worker holds the write end of a
 * pipe, so its death is an end of file for the test. */
static void test_the_worker_dies_with_its_parent(void **state)
{
	fixture *f = *state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	pid_t middle = fork();
	assert_true(middle >= 0);
	if (middle == 0) {
		close(fds[0]);
		int ready[2], hold[2];
		if (pipe(ready) != 0 || pipe(hold) != 0)
			_exit(1);
		pid_t parent = getpid();
		pid_t worker = fork();
		if (worker == 0) {
			close(ready[0]);
			const char *read_dirs[] = {f->read_dir};
			confine_policy p = policy_of(f, read_dirs, parent);
			struct { pid_t pid; unsigned active; } hello = {getpid(), 0};
			hello.active = confine_apply(&p, NULL, 0);
			char c = 'r';
			if (write(fds[1], &hello, sizeof hello) != (ssize_t)sizeof hello ||
			    write(ready[1], &c, 1) != 1)
				_exit(1);
			for (;;)
				(void)read(hold[0], &c, 1);     /* it holds hold[1]: never an end */
		}
		close(ready[1]);
		char c;
		(void)read(ready[0], &c, 1);    /* the worker is confined */
		_exit(worker > 0 ? 0 : 1);
	}
	close(fds[1]);
	struct { pid_t pid; unsigned active; } hello = {0, 0};
	assert_int_equal(read(fds[0], &hello, sizeof hello), (ssize_t)sizeof hello);
	int status;
	assert_int_equal(waitpid(middle, &status, 0), middle);
	if (!(hello.active & CONFINE_PDEATHSIG)) {
		kill(hello.pid, SIGKILL);
		close(fds[0]);
		print_message("skipped: the parent-death signal is not active here\n");
		skip();
	}
	struct pollfd pfd = {fds[0], POLLIN, 0};
	char c;
	bool died = poll(&pfd, 1, 5000) == 1 && read(fds[0], &c, 1) == 0;
	if (!died)
		kill(hello.pid, SIGKILL);
	close(fds[0]);
	assert_true(died);
}

static void test_a_worker_orphaned_before_confinement_kills_itself(void **state)
{
	fixture *f = *state;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *read_dirs[] = {f->read_dir};
		/* itself, not its parent: as if the parent had died */
		confine_policy p = policy_of(f, read_dirs, getpid());
		unsigned active = confine_apply(&p, NULL, 0);
		_exit(active & CONFINE_PDEATHSIG ? 0 : 77);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		print_message("skipped: the parent-death signal is not active here\n");
		skip();
	}
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
}

/* ---- the probe ------------------------------------------------------------------ */

static void test_the_probe_names_the_layers_a_worker_gets(void **state)
{
	observed seen;
	run_confined(*state, &seen);
	char out[1024];
	unsigned probed = confine_probe(out, sizeof out);
	assert_int_equal(probed, seen.o.active);
	assert_true(strncmp(out, "confinement: ", 13) == 0);
	static const struct { unsigned layer; const char *name; } layers[] = {
		{CONFINE_NO_NEW_PRIVS, "no-new-privs"}, {CONFINE_SECCOMP, "seccomp"},
		{CONFINE_LANDLOCK, "landlock (ABI "}, {CONFINE_RLIMITS, "rlimits"},
		{CONFINE_MEMORY, "memory limit"}, {CONFINE_PDEATHSIG, "parent-death signal"},
	};
	const char *missing = strstr(out, "; not active: ");
	size_t listed = missing ? (size_t)(missing - out) : strlen(out);
	for (size_t k = 0; k < sizeof layers / sizeof layers[0]; k++) {
		const char *at = strstr(out, layers[k].name);
		bool named = at && (size_t)(at - out) < listed;
		if (named != ((probed & layers[k].layer) != 0))
			fail_msg("\"%s\" %s \"%s\"", out, named ? "names" : "does not name",
			         layers[k].name);
	}
	assert_true((probed == CONFINE_ALL) == (missing == NULL));
	print_message("%s\n", out);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_reading_and_writing_inside_the_policy_still_work),
		T(test_reading_outside_the_policy_is_refused),
		T(test_writing_outside_the_private_folder_is_refused),
		T(test_exec_is_refused),
		T(test_sockets_are_refused),
		T(test_new_processes_threads_and_namespaces_are_refused),
		T(test_other_processes_cannot_be_traced_signalled_or_read),
		T(test_limits_cannot_be_raised),
		T(test_the_kernel_sees_a_seccomp_filter),
		T(test_the_kernel_sees_no_new_privs),
		T(test_allocating_beyond_the_memory_limit_fails),
		T(test_writing_beyond_the_file_size_limit_fails_without_a_kill),
		T(test_descriptors_beyond_the_file_limit_are_refused),
		T(test_core_dumps_are_off),
		T(test_the_worker_dies_with_its_parent),
		T(test_a_worker_orphaned_before_confinement_kills_itself),
		T(test_the_probe_names_the_layers_a_worker_gets),
	};
	return cmocka_run_group_tests_name("confine", tests, NULL, NULL);
}

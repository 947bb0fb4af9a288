/*
 * test_path.c -- the one path rule: resolution through symbolic links,
 * the same answer for every path outside the allowed folders, regular files
 * only, size caps, and output targets and the folders made for them.
 *
 * Each test works in its own mkdtemp folder holding "in/" (an allowed
 * folder) and "out/" (outside it), and links between them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "util/path.h"

typedef struct ctx {
	char dir[64];               /* as made */
	char real[PATH_LIMIT];      /* resolved */
	char in[PATH_LIMIT], out[PATH_LIMIT];
} ctx;

static int setup(void **state)
{
	ctx *c = calloc(1, sizeof *c);
	if (!c || !support_temp_dir(c->dir, sizeof c->dir, "test_path"))
		return -1;
	if (!realpath(c->dir, c->real))
		return -1;
	snprintf(c->in, sizeof c->in, "%s/in", c->real);
	snprintf(c->out, sizeof c->out, "%s/out", c->real);
	if (mkdir(c->in, 0755) != 0 || mkdir(c->out, 0755) != 0)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	ctx *c = *state;
	support_remove_tree(c->dir);
	free(c);
	return 0;
}

/* Writes text to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
	char p[PATH_LIMIT + 64];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	support_write_file(p, text, strlen(text));
}

static void link_at(const char *target, const char *dir, const char *name)
{
	char p[PATH_LIMIT + 64];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	assert_int_equal(symlink(target, p), 0);
}

static void test_resolve_applies_dots_and_follows_links(void **state)
{
	ctx *c = *state;
	char got[PATH_LIMIT], want[PATH_LIMIT + 32];
	put(c->out, "secret.txt", "x");
	link_at("../out", c->in, "up");                 /* relative link to a folder */
	assert_int_equal(path_resolve("up/secret.txt", c->in, got), PATH_OK);
	snprintf(want, sizeof want, "%s/secret.txt", c->out);
	assert_string_equal(got, want);
	/* ".." after a link climbs from the link's target, as the kernel does */
	assert_int_equal(path_resolve("up/../in/./x", c->in, got), PATH_OK);
	snprintf(want, sizeof want, "%s/x", c->in);
	assert_string_equal(got, want);
	/* a missing tail is kept, normalised */
	assert_int_equal(path_resolve("a/b/../c.txt", c->in, got), PATH_OK);
	snprintf(want, sizeof want, "%s/a/c.txt", c->in);
	assert_string_equal(got, want);
	assert_int_equal(path_resolve("/../..", NULL, got), PATH_OK);
	assert_string_equal(got, "/");
}

static void test_resolve_refuses_link_loops(void **state)
{
	ctx *c = *state;
	char got[PATH_LIMIT];
	link_at("b", c->in, "a");
	link_at("a", c->in, "b");
	assert_int_equal(path_resolve("a", c->in, got), PATH_TOO_LONG);
}

static void test_read_gives_the_whole_file_inside(void **state)
{
	ctx *c = *state;
	put(c->in, "m.lua", "return 1\n");
	const char *roots[] = {c->in};
	path_file f;
	char msg[200];
	assert_int_equal(path_read(roots, 1, "m.lua", c->in, 1024, &f, msg, sizeof msg), PATH_OK);
	assert_int_equal(f.len, 9);
	assert_string_equal(f.data, "return 1\n");
	path_free(&f);
}

/* The same status and words for an outside file that exists and one that
 * does not, reached by "..", an absolute path or a symbolic link. */
static void test_outside_is_one_answer_whether_or_not_it_exists(void **state)
{
	ctx *c = *state;
	put(c->out, "exists.txt", "secret");
	link_at("../out/exists.txt", c->in, "to-existing");
	link_at("../out/absent.txt", c->in, "to-absent");
	link_at("/etc/passwd", c->in, "to-passwd");
	const char *roots[] = {c->in};
	char abs_exists[PATH_LIMIT + 32], abs_absent[PATH_LIMIT + 32];
	snprintf(abs_exists, sizeof abs_exists, "%s/exists.txt", c->out);
	snprintf(abs_absent, sizeof abs_absent, "%s/absent.txt", c->out);
	const char *given[] = {"../out/exists.txt", "../out/absent.txt", abs_exists, abs_absent,
	                       "to-existing", "to-absent", "to-passwd", "/etc/passwd",
	                       "/etc/no-such-file"};
	for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
		path_file f;
		char msg[200];
		path_status st = path_read(roots, 1, given[i], c->in, 1024, &f, msg, sizeof msg);
		if (st != PATH_OUTSIDE || strcmp(msg, "outside the folders it may read") != 0)
			fail_msg("%s: status %d, '%s'", given[i], st, msg);
		assert_null(f.data);
	}
}

static void test_read_refuses_what_is_not_a_regular_file(void **state)
{
	ctx *c = *state;
	char fifo[PATH_LIMIT + 32];
	snprintf(fifo, sizeof fifo, "%s/pipe", c->in);
	assert_int_equal(mkfifo(fifo, 0600), 0);        /* opening must not block */
	assert_int_equal(mkdir(strcat(strcpy((char[PATH_LIMIT + 32]){0}, c->in), "/sub"), 0755), 0);
	link_at("/dev/zero", c->in, "zero");
	const char *roots[] = {c->in, "/dev"};
	const char *given[] = {"pipe", "sub", "zero", "/dev/null"};
	for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
		path_file f;
		char msg[200];
		path_status st = path_read(roots, 2, given[i], c->in, 1024, &f, msg, sizeof msg);
		if (st != PATH_NOT_REGULAR || strcmp(msg, "not a regular file") != 0)
			fail_msg("%s: status %d, '%s'", given[i], st, msg);
	}
}

static void test_read_caps_the_size_and_names_missing_files(void **state)
{
	ctx *c = *state;
	put(c->in, "big.txt", "0123456789");
	const char *roots[] = {c->in};
	path_file f;
	char msg[200];
	assert_int_equal(path_read(roots, 1, "big.txt", c->in, 9, &f, msg, sizeof msg),
	                 PATH_TOO_BIG);
	assert_string_equal(msg, "larger than 9 bytes");
	assert_int_equal(path_read(roots, 1, "big.txt", c->in, 10, &f, msg, sizeof msg), PATH_OK);
	path_free(&f);
	assert_int_equal(path_read(roots, 1, "nope.txt", c->in, 10, &f, msg, sizeof msg),
	                 PATH_MISSING);
	assert_string_equal(msg, "no such file");
}

static void test_output_must_resolve_inside_and_be_regular(void **state)
{
	ctx *c = *state;
	char got[PATH_LIMIT], want[PATH_LIMIT + 32], msg[200];
	assert_int_equal(path_output(c->in, "a/b/x.pdf", c->in, got, msg, sizeof msg), PATH_OK);
	snprintf(want, sizeof want, "%s/a/b/x.pdf", c->in);
	assert_string_equal(got, want);
	assert_int_equal(path_output(c->in, "../out/x.pdf", c->in, got, msg, sizeof msg),
	                 PATH_OUTSIDE);
	link_at("../out", c->in, "escape");
	assert_int_equal(path_output(c->in, "escape/x.pdf", c->in, got, msg, sizeof msg),
	                 PATH_OUTSIDE);
	link_at("/dev/null", c->in, "null.pdf");
	assert_int_equal(path_output("/dev", "null", "/dev", got, msg, sizeof msg),
	                 PATH_NOT_REGULAR);
	assert_int_equal(path_output(c->in, "null.pdf", c->in, got, msg, sizeof msg),
	                 PATH_OUTSIDE);             /* it resolves to /dev/null */
	assert_int_equal(path_output(c->in, ".", c->in, got, msg, sizeof msg), PATH_OUTSIDE);
}

static void test_make_folders_stays_inside(void **state)
{
	ctx *c = *state;
	char target[PATH_LIMIT + 32], probe[PATH_LIMIT + 32];
	snprintf(target, sizeof target, "%s/a/b/x.pdf", c->in);
	assert_int_equal(path_make_folders(c->in, target), 0);
	snprintf(probe, sizeof probe, "%s/a/b", c->in);
	struct stat sb;
	assert_int_equal(stat(probe, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	snprintf(target, sizeof target, "%s/x/y.pdf", c->out);
	errno = 0;
	assert_int_equal(path_make_folders(c->in, target), -1);
	assert_int_equal(errno, EXDEV);
	snprintf(probe, sizeof probe, "%s/x", c->out);
	assert_int_not_equal(stat(probe, &sb), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resolve_applies_dots_and_follows_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_refuses_link_loops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_gives_the_whole_file_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outside_is_one_answer_whether_or_not_it_exists,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_refuses_what_is_not_a_regular_file, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read_caps_the_size_and_names_missing_files, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_output_must_resolve_inside_and_be_regular, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_make_folders_stays_inside, setup, teardown),
	};
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}

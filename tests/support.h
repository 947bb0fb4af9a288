/*
 * support.h -- what the unit tests share: temporary directories, whole files
 * read and written, shell commands run for their output, the installed fonts
 * opened for a group, a tiny PNG, PNG and JPEG files made to order, and
 * scripts run through a job as brief runs them (the script_ fixture of the
 * tests of src/script/).
 *
 * Include it after <cmocka.h>. Unless its contract says otherwise, a function
 * here fails the running test (fail_msg or a cmocka assertion) instead of
 * returning an error, so a test never carries on after a broken fixture.
 */
#ifndef BRIEF_TESTS_SUPPORT_H
#define BRIEF_TESTS_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "script/host.h"

/* ---- directories ------------------------------------------------------------ */

/* Makes a new directory /tmp/NAME.XXXXXX (mkdtemp) and leaves its path in dir,
 * a buffer of size bytes. Returns dir, or NULL when it cannot be made, so that
 * a setup function can return -1 and a test can assert_non_null() it. */
char *support_temp_dir(char *dir, size_t size, const char *name);

/* Removes dir and everything under it; symbolic links are removed, never
 * followed. Does nothing when dir does not exist. */
void support_remove_tree(const char *dir);

/* ---- files -------------------------------------------------------------------- */

/* Returns the whole file at path, NUL-terminated (it may hold NUL bytes of its
 * own: its length goes to *len when len is not NULL), owned by the caller
 * (free()); NULL when the file cannot be opened. */
char *support_read_file(const char *path, size_t *len);

/* support_read_file(), failing the test, naming path, when it cannot be read. */
char *support_read_file_or_fail(const char *path, size_t *len);

/* Writes len bytes of data to path, replacing what was there; fails the test
 * when the file cannot be written whole. */
void support_write_file(const char *path, const void *data, size_t len);

/* ---- commands ----------------------------------------------------------------- */

/* Runs the shell command made from fmt (printf-style); returns its standard
 * output, owned by the caller (free()), with any NUL bytes (binary streams)
 * turned into '.' so that it can be searched as a string, and stores its exit
 * status in *status (-1 when it did not exit normally). */
__attribute__((format(printf, 2, 3)))
char *support_run(int *status, const char *fmt, ...);

/* ---- fonts -------------------------------------------------------------------- */

/* Opens the installed fonts (as $BRIEF_FONTS says) for a group setup: returns
 * them, owned by the caller (fonts_free()), or prints "fonts_open: MESSAGE" on
 * stderr and returns NULL, for the setup to return -1. */
lay_fonts *support_open_fonts(void);

/* ---- data ----------------------------------------------------------------------- */

/* A 2x2 8-bit RGB PNG. */
extern const unsigned char support_tiny_png[73];

/* ---- images --------------------------------------------------------------------- */

/* Pixel k (0-based, row-major) of the images below, channel c: a pattern
 * both encoders and the tests that decode them agree on. Alpha channels are
 * 255 on the first row (opaque) and vary after. */
unsigned char support_pattern(long k, int c);

/* Encodes a w x h PNG with libpng, in memory: color is the PNG colour type
 * (0 gray, 2 RGB, 3 palette of 4 entries with tRNS making entry 3 half
 * transparent, 4 gray + alpha, 6 RGBA), depth its bit depth (1 to 16, as
 * the type allows), interlaced for Adam7. Returns the file, owned by the
 * caller (free()), its length in *len. */
unsigned char *support_png(int w, int h, int color, int depth, int interlaced, size_t *len);

/* Encodes a w x h JPEG with libjpeg, in memory, of components 1 (gray),
 * 3 (YCbCr) or 4 (CMYK, with an Adobe marker), progressive or not,
 * arithmetic-coded or not, quality 90. Returns the file, owned by the caller
 * (free()), its length in *len. */
unsigned char *support_jpeg(int w, int h, int components, int progressive, int arith,
                            size_t *len);

/* ---- scripts run through a job -------------------------------------------------- */

/*
 * The fixture of the tests of src/script/ (test_sandbox.c, test_relations.c,
 * test_brief.c, test_provenance.c, test_host.c): each test gets a script_ctx
 * with its own mkdtemp directory, the output folder of a run_job against the
 * real dataset (data/) and templates (templates/), and runs scripts through
 * host_run(), in a worker, as brief does. It then checks what a user would
 * see: the exit code, the exact message, which PDFs exist afterwards.
 *
 * A script comes from one of two places:
 *   - a Lua check file, tests/lua/MODULE/NAME.lua, run where it is (so a
 *     failure names that file and its line): NAME is the test's name, or the
 *     test's name and a suffix when a test runs several. Each is a real
 *     script that can be run by hand from the repository root with ./brief;
 *     its first lines say what it checks and, where it needs them, which
 *     options (--set, SOURCE_DATE_EPOCH) to run it with. Checks call error()
 *     at the first mismatch, so a failure names the Lua line.
 *   - a short text written to DIR/x.lua (script_run()), for one-liners and
 *     table-driven error cases, where a file would hurt readability.
 *
 * Texts and expected messages may hold "{dir}" (the test's directory),
 * "{out}" (the job's output, DIR/out.pdf) and "{script}" (the path of the
 * script the last run ran), replaced before use. Tests run from the
 * repository root (tests/run_unit.sh does).
 */

#define MiB (1024u * 1024u)

/* SOURCE_DATE_EPOCH for the tests that pin the clock: 2024-06-01T00:00:00Z. */
#define SCRIPT_EPOCH "1717200000"

typedef struct script_ctx {
	char dir[64];           /* this test's directory: scripts and outputs */
	char script[96];        /* DIR/x.lua, the script script_run() writes */
	char out[96];           /* DIR/out.pdf, the job's default output */
	char lua_dir[64];       /* tests/lua/MODULE, where the check files are */
	char ran[160];          /* the script the last run ran */
	run_job job;
	host_result res;
	char *captured;         /* the worker's stdout, after a script_capture...() */
	char outside[64];       /* a second directory, outside the script's, if made */
} script_ctx;

/* Group setup and teardown: load the dataset and the fonts once for the
 * group, shared read-only by every run (script_setup() puts them in the
 * job). The setup returns -1, after saying why on stderr, when either
 * cannot be loaded. */
int script_group_setup(void **state);
int script_group_teardown(void **state);

/* Test setup: a new script_ctx in *state, its directory made and its job
 * set with generous limits, quiet, SOURCE_DATE_EPOCH unset; module names
 * the folder of its Lua check files (tests/lua/MODULE). Returns -1 when the
 * directory cannot be made. Each test file wraps it in its own setup. */
int script_setup(void **state, const char *module);

/* Test teardown: removes the directories made and frees the ctx. */
int script_teardown(void **state);

/* A copy of text with {dir}, {out} and {script} replaced; owned by the
 * caller (free()). */
char *script_subst(const script_ctx *c, const char *text);

/* Writes text (after script_subst()) to DIR/name; returns the path, in a
 * static buffer that the next call overwrites. */
const char *script_put(const script_ctx *c, const char *name, const char *text);

/* The path of the check file tests/lua/MODULE/name.lua, in a static buffer
 * that the next call overwrites. */
const char *script_lua(const script_ctx *c, const char *name);

/* Runs the script at path with the test's job; the result is in c->res
 * (the previous one freed) and is returned. */
host_result *script_run_file(script_ctx *c, const char *path);

/* Writes text to DIR/x.lua (script_put()) and runs it. */
host_result *script_run(script_ctx *c, const char *text);

/* Runs the check file tests/lua/MODULE/name.lua where it is. */
host_result *script_run_lua(script_ctx *c, const char *name);

/* script_run_lua() and script_expect_ok(): the check file passes. */
void script_check_lua(script_ctx *c, const char *name);

/* Like script_run_file() and script_run(), keeping what the worker printed
 * on stdout in c->captured. */
host_result *script_capture_file(script_ctx *c, const char *path);
host_result *script_capture(script_ctx *c, const char *text);

/* Does the n bytes at buf hold the string s (PDFs hold NUL bytes)? */
bool script_contains(const char *buf, size_t n, const char *s);

/* Is there a file (of any kind) at path? */
bool script_exists(const char *path);

/* The run succeeded; fails the test with what and the message when not. */
void script_expect_ok(const script_ctx *c, const char *what);

/* The run failed with this code and exactly this message (after subst). */
void script_expect_error(const script_ctx *c, const char *what, int code, const char *message);

/* The run failed with this code and a message that starts with prefix and
 * contains part (both after subst). */
void script_expect_error_like(const script_ctx *c, const char *what, int code,
                              const char *prefix, const char *part);

/* The run failed with this code and exactly the message its script marks:
 * the script's only line holding "--> error: MESSAGE" (the API reference's
 * way of writing what a line raises) gives "SCRIPT:LINE: MESSAGE". A script
 * with no such line fails the test. */
void script_expect_marked_error(const script_ctx *c, int code);

/* Nothing but the files named in known (NULL-terminated) is in the test's
 * directory: no PDF, no temporary file left behind. */
void script_expect_only(const script_ctx *c, const char *what, const char *const *known);

/* A line of Lua and the exact message it fails with (after subst). */
typedef struct script_error_case {
	const char *code, *message;
} script_error_case;

/* Runs before + k->code + "\n" + after as DIR/x.lua and expects it to fail
 * with EXIT_SCRIPT and exactly k->message. */
void script_expect_error_case(script_ctx *c, const char *before, const script_error_case *k,
                              const char *after);

/* script_expect_error_case() for each of n cases, with nothing after them. */
void script_expect_error_cases(script_ctx *c, const char *before,
                               const script_error_case *cases, size_t n);

#endif

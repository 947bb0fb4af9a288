/*
 * support.c -- what the unit tests share (support.h): temporary directories,
 * whole files, shell commands, the fonts of a group, a tiny PNG, images made
 * with libpng and libjpeg, scripts run through a job.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>

#include "data/dataset.h"
#include "layout/fonts.h"
#include "script/host.h"
#include "support.h"

/* ---- directories ------------------------------------------------------------ */

char *support_temp_dir(char *dir, size_t size, const char *name)
{
	int n = snprintf(dir, size, "/tmp/%s.XXXXXX", name);
	if (n < 0 || (size_t)n >= size)
		return NULL;
	return mkdtemp(dir);
}

void support_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[4096];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			support_remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* ---- files -------------------------------------------------------------------- */

/* Everything left to read from f, NUL-terminated (length in *len), owned by
 * the caller. Shared by files and commands. */
static char *read_stream(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);
	assert_non_null(buf);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

char *support_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = read_stream(f, len);
	fclose(f);
	return buf;
}

char *support_read_file_or_fail(const char *path, size_t *len)
{
	char *buf = support_read_file(path, len);
	if (!buf)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	return buf;
}

void support_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ---- commands ----------------------------------------------------------------- */

char *support_run(int *status, const char *fmt, ...)
{
	char *cmd;
	va_list ap;
	va_start(ap, fmt);
	int made = vasprintf(&cmd, fmt, ap);
	va_end(ap);
	assert_true(made >= 0);
	FILE *p = popen(cmd, "r");
	free(cmd);
	assert_non_null(p);
	size_t n;
	char *out = read_stream(p, &n);
	for (size_t i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = '.';
	int st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return out;
}

/* ---- fonts -------------------------------------------------------------------- */

lay_fonts *support_open_fonts(void)
{
	char err[512];
	lay_fonts *f = fonts_open(err, sizeof err);
	if (!f)
		fprintf(stderr, "fonts_open: %s\n", err);
	return f;
}

/* ---- data ----------------------------------------------------------------------- */

const unsigned char support_tiny_png[73] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
	0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00,
	0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x30, 0x4e, 0x3b, 0x03,
	0x44, 0x0c, 0x10, 0x0a, 0x00, 0x24, 0xb6, 0x05, 0x95, 0xce, 0xbb, 0xea,
	0x6a, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82,
};

/* ---- images --------------------------------------------------------------------- */

unsigned char support_pattern(long k, int c)
{
	return (unsigned char)((k * 7 + c * 85 + (k / 13) * 3) & 0xFF);
}

typedef struct membuf {
	unsigned char *data;
	size_t len, cap;
} membuf;

static void png_write_mem(png_structp png, png_bytep data, size_t n)
{
	membuf *m = png_get_io_ptr(png);
	if (m->len + n > m->cap) {
		m->cap = (m->len + n) * 2;
		m->data = realloc(m->data, m->cap);
		assert_non_null(m->data);
	}
	memcpy(m->data + m->len, data, n);
	m->len += n;
}

static void png_flush_mem(png_structp png)
{
	(void)png;
}

unsigned char *support_png(int w, int h, int color, int depth, int interlaced, size_t *len)
{
	static const int channels[7] = {1, 0, 3, 1, 2, 0, 4};
	assert_true(color >= 0 && color <= 6 && channels[color] > 0);
	int ch = channels[color], bytes = depth == 16 ? 2 : 1;
	membuf m = {0};
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	assert_non_null(info);
	unsigned char *row = calloc((size_t)w * ch * bytes + 1, 1);
	assert_non_null(row);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("support_png: libpng failed");
	png_set_write_fn(png, &m, png_write_mem, png_flush_mem);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, color,
	             interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (color == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[4] = {{0, 0, 0}, {255, 0, 0}, {0, 128, 255}, {255, 255, 255}};
		png_byte trans[4] = {255, 255, 255, 128};
		png_set_PLTE(png, info, pal, 4);
		png_set_tRNS(png, info, trans, 4, NULL);
	}
	png_write_info(png, info);
	if (depth < 8)
		png_set_packing(png);
	int passes = png_set_interlace_handling(png);
	int max = depth >= 8 ? 255 : (1 << depth) - 1;
	for (int pass = 0; pass < passes; pass++) {
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				long k = (long)y * w + x;
				for (int c = 0; c < ch; c++) {
					unsigned v = support_pattern(k, c);
					if (color == PNG_COLOR_TYPE_PALETTE)
						v %= 4;
					else if ((c == 1 && color == 4) || (c == 3 && color == 6))
						v = y == 0 ? 255 : v;           /* alpha */
					else if (depth < 8)
						v = v * (unsigned)max / 255;
					size_t at = ((size_t)x * ch + c) * bytes;
					row[at] = (unsigned char)v;
					if (bytes == 2)
						row[at + 1] = (unsigned char)v;     /* v * 257 */
				}
			}
			png_write_row(png, row);
		}
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	*len = m.len;
	return m.data;
}

unsigned char *support_jpeg(int w, int h, int components, int progressive, int arith,
                            size_t *len)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;
	unsigned long size = 0;
	ci.err = jpeg_std_error(&err);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &out, &size);
	ci.image_width = (JDIMENSION)w;
	ci.image_height = (JDIMENSION)h;
	ci.input_components = components;
	ci.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 90, TRUE);
	if (progressive)
		jpeg_simple_progression(&ci);
	ci.arith_code = arith ? TRUE : FALSE;
	jpeg_start_compress(&ci, TRUE);
	unsigned char *row = malloc((size_t)w * components);
	assert_non_null(row);
	while (ci.next_scanline < ci.image_height) {
		long y = ci.next_scanline;
		for (int x = 0; x < w; x++)
			for (int c = 0; c < components; c++)
				row[x * components + c] = support_pattern(y * w + x, c);
		JSAMPROW r = row;
		jpeg_write_scanlines(&ci, &r, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	free(row);
	*len = size;
	return out;
}

/* ---- scripts run through a job -------------------------------------------------- */

/* Loaded once for the group, shared (read-only) by every run. */
static ds_dataset *script_dataset;
static lay_fonts *script_fonts;

int script_group_setup(void **state)
{
	(void)state;
	char err[1024];
	script_dataset = ds_load("data", err, sizeof err);
	if (!script_dataset) {
		fprintf(stderr, "script_group_setup: %s\n", err);
		return -1;
	}
	if (!(script_fonts = support_open_fonts())) {
		ds_free(script_dataset);
		script_dataset = NULL;
		return -1;
	}
	return 0;
}

int script_group_teardown(void **state)
{
	(void)state;
	fonts_free(script_fonts);
	ds_free(script_dataset);
	script_fonts = NULL;
	script_dataset = NULL;
	return 0;
}

int script_setup(void **state, const char *module)
{
	script_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	char name[48];
	snprintf(name, sizeof name, "test_%s", module);
	if (!support_temp_dir(c->dir, sizeof c->dir, name)) {
		free(c);
		return -1;
	}
	snprintf(c->script, sizeof c->script, "%s/x.lua", c->dir);
	snprintf(c->out, sizeof c->out, "%s/out.pdf", c->dir);
	snprintf(c->lua_dir, sizeof c->lua_dir, "tests/lua/%s", module);
	c->job = (run_job){
		.script = c->script, .output = c->out,
		.data_dir = "data", .templates_dir = "templates",
		.output_root = c->dir,
		.limits = {256 * MiB, 200000000LL, 30, 1000, 64 * MiB, 20000000},  /* generous */
		.quiet = true,
		.data = script_dataset, .fonts = script_fonts, .channel = -1,
	};
	unsetenv("SOURCE_DATE_EPOCH");
	*state = c;
	return 0;
}

int script_teardown(void **state)
{
	script_ctx *c = *state;
	support_remove_tree(c->dir);
	if (c->outside[0])
		support_remove_tree(c->outside);
	unsetenv("SOURCE_DATE_EPOCH");
	host_result_free(&c->res);
	free(c->captured);
	free(c);
	return 0;
}

char *script_subst(const script_ctx *c, const char *text)
{
	static const char *const names[] = {"{dir}", "{out}", "{script}"};
	const char *values[] = {c->dir, c->out, c->ran};
	size_t cap = strlen(text) * 2 + 4096, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	for (const char *p = text; *p;) {
		const char *with = NULL;
		size_t skip = 0;
		for (size_t i = 0; i < sizeof names / sizeof names[0] && !with; i++)
			if (strncmp(p, names[i], strlen(names[i])) == 0)
				with = values[i], skip = strlen(names[i]);
		size_t k = with ? strlen(with) : 1;
		if (n + k + 1 > cap) {
			cap = (n + k) * 2 + 1;
			s = realloc(s, cap);
			assert_non_null(s);
		}
		memcpy(s + n, with ? with : p, k);
		n += k;
		p += with ? skip : 1;
	}
	s[n] = '\0';
	return s;
}

/* script_subst() into a buffer of the caller's, so that nothing leaks when
 * the assertion that follows fails. */
static void subst_into(const script_ctx *c, const char *text, char *buf, size_t n)
{
	char *s = script_subst(c, text);
	snprintf(buf, n, "%s", s);
	free(s);
}

const char *script_put(const script_ctx *c, const char *name, const char *text)
{
	static char path[4096];
	char *s = script_subst(c, text);
	snprintf(path, sizeof path, "%s/%s", c->dir, name);
	support_write_file(path, s, strlen(s));
	free(s);
	return path;
}

const char *script_lua(const script_ctx *c, const char *name)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s.lua", c->lua_dir, name);
	return path;
}

/* cmocka catches SIGSEGV and friends; the worker must put the default
 * actions back itself, or a crashing worker would jump back into cmocka and
 * run the rest of the suite. */
host_result *script_run_file(script_ctx *c, const char *path)
{
	run_job job = c->job;
	snprintf(c->ran, sizeof c->ran, "%s", path);
	job.script = c->ran;
	host_result_free(&c->res);
	host_run(&job, &c->res);
	return &c->res;
}

host_result *script_run(script_ctx *c, const char *text)
{
	script_put(c, "x.lua", text);
	return script_run_file(c, c->script);
}

host_result *script_run_lua(script_ctx *c, const char *name)
{
	const char *path = script_lua(c, name);
	if (!script_exists(path))
		fail_msg("no check file %s", path);
	return script_run_file(c, path);
}

void script_check_lua(script_ctx *c, const char *name)
{
	script_run_lua(c, name);
	script_expect_ok(c, name);
}

host_result *script_capture_file(script_ctx *c, const char *path)
{
	char file[128];
	snprintf(file, sizeof file, "%s/stdout.txt", c->dir);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	script_run_file(c, path);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	free(c->captured);
	c->captured = support_read_file(file, NULL);
	assert_non_null(c->captured);
	unlink(file);
	return &c->res;
}

host_result *script_capture(script_ctx *c, const char *text)
{
	script_put(c, "x.lua", text);
	return script_capture_file(c, c->script);
}

bool script_contains(const char *buf, size_t n, const char *s)
{
	return memmem(buf, n, s, strlen(s)) != NULL;
}

bool script_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

void script_expect_ok(const script_ctx *c, const char *what)
{
	if (c->res.code != EXIT_OK)
		fail_msg("%s: exit %d: %s", what, c->res.code, c->res.message);
	assert_null(c->res.message);
}

void script_expect_error(const script_ctx *c, const char *what, int code, const char *message)
{
	char want[4096];
	subst_into(c, message, want, sizeof want);
	if (c->res.code != code || strcmp(c->res.message ? c->res.message : "", want) != 0)
		fail_msg("%s:\n  got  exit %d: %s\n  want exit %d: %s", what, c->res.code,
		         c->res.message, code, want);
}

void script_expect_error_like(const script_ctx *c, const char *what, int code,
                              const char *prefix, const char *part)
{
	char p[4096], q[4096];
	subst_into(c, prefix, p, sizeof p);
	subst_into(c, part, q, sizeof q);
	if (c->res.code != code || !c->res.message || strncmp(c->res.message, p, strlen(p)) != 0 ||
	    !strstr(c->res.message, q))
		fail_msg("%s:\n  got  exit %d: %s\n  want exit %d: \"%s...%s...\"", what,
		         c->res.code, c->res.message, code, p, q);
}

/* "SCRIPT:LINE: MESSAGE" for the one line of the script at path that holds
 * "--> error: MESSAGE", into want; fails the test when there is not exactly
 * one. */
static void marked_error(const char *path, char *want, size_t size)
{
	static const char mark[] = "--> error: ";
	char *text = support_read_file_or_fail(path, NULL);
	int line = 1, found = 0;
	for (const char *p = text; *p; line++) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *m = memmem(p, len, mark, sizeof mark - 1);
		if (m) {
			const char *msg = m + sizeof mark - 1;
			snprintf(want, size, "%s:%d: %.*s", path, line, (int)(p + len - msg), msg);
			found++;
		}
		p += len + (end != NULL);
	}
	free(text);
	if (found != 1)
		fail_msg("%s: %d lines marked \"%s\", want one", path, found, mark);
}

void script_expect_marked_error(const script_ctx *c, int code)
{
	char want[4096];
	marked_error(c->ran, want, sizeof want);
	if (c->res.code != code || strcmp(c->res.message ? c->res.message : "", want) != 0)
		fail_msg("%s:\n  got  exit %d: %s\n  want exit %d: %s", c->ran, c->res.code,
		         c->res.message, code, want);
}

/* Names of the files in the test's directory other than the given ones, one
 * per line, in readdir order; "" when there are none. Owned by the caller. */
static char *other_files(const script_ctx *c, const char *const *known)
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

void script_expect_only(const script_ctx *c, const char *what, const char *const *known)
{
	char *extra = other_files(c, known), left[8192];
	snprintf(left, sizeof left, "%s", extra);
	free(extra);
	if (*left)
		fail_msg("%s: left behind in %s:\n%s", what, c->dir, left);
}

void script_expect_error_case(script_ctx *c, const char *before, const script_error_case *k,
                              const char *after)
{
	char s[1024];
	snprintf(s, sizeof s, "%s%s\n%s", before, k->code, after);
	script_run(c, s);
	script_expect_error(c, k->code, EXIT_SCRIPT, k->message);
}

void script_expect_error_cases(script_ctx *c, const char *before,
                               const script_error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		script_expect_error_case(c, before, &cases[i], "");
}

/*
 * support.c -- what the unit tests share (support.h): temporary directories,
 * whole files, shell commands, the fonts of a group, a tiny PNG.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "layout/fonts.h"
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

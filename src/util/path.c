/*
 * path.c -- resolving, checking, reading and preparing to write paths under
 * one rule. See path.h.
 */
#include "util/path.h"

#include "util/escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40            /* as the kernel: more is a loop */

/* Appends "/" and the n bytes of name to the resolved path r (length *k). */
static bool push_component(char *r, size_t *k, const char *name, size_t n)
{
	if (*k + 1 + n >= PATH_LIMIT)
		return false;
	r[(*k)++] = '/';
	memcpy(r + *k, name, n);
	*k += n;
	r[*k] = '\0';
	return true;
}

static void pop_component(char *r, size_t *k)
{
	while (*k > 0 && r[*k - 1] != '/')
		(*k)--;
	if (*k > 0)
		(*k)--;
	r[*k] = '\0';
}

path_status path_resolve(const char *given, const char *base, char out[PATH_LIMIT])
{
	/* rest: what is left to walk, always absolute */
	char *rest = malloc(PATH_LIMIT * 2), *link = malloc(PATH_LIMIT);
	path_status st = PATH_OK;
	if (!rest || !link) {
		st = PATH_ERROR;
		goto done;
	}
	int n;
	if (given[0] == '/') {
		n = snprintf(rest, PATH_LIMIT * 2, "%s", given);
	} else {
		char cwd[PATH_LIMIT];
		if (!base || base[0] != '/') {
			if (!getcwd(cwd, sizeof cwd)) {
				st = PATH_TOO_LONG;
				goto done;
			}
		}
		if (!base || !*base)
			n = snprintf(rest, PATH_LIMIT * 2, "%s/%s", cwd, given);
		else if (base[0] == '/')
			n = snprintf(rest, PATH_LIMIT * 2, "%s/%s", base, given);
		else
			n = snprintf(rest, PATH_LIMIT * 2, "%s/%s/%s", cwd, base, given);
	}
	if (n < 0 || n >= PATH_LIMIT) {
		st = PATH_TOO_LONG;
		goto done;
	}
	size_t k = 0;               /* out[0..k) resolved so far; "" is the root */
	out[0] = '\0';
	bool missing = false;       /* a component was absent: the rest is lexical */
	int links = 0;
	const char *p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			p += len;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			pop_component(out, &k);
			p += len;
			continue;
		}
		size_t before = k;
		if (!push_component(out, &k, p, len)) {
			st = PATH_TOO_LONG;
			goto done;
		}
		p += len;
		struct stat sb;
		if (missing || lstat(out, &sb) != 0) {
			missing = true;     /* absent, or not a folder on the way */
			continue;
		}
		if (!S_ISLNK(sb.st_mode))
			continue;
		if (++links > MAX_LINKS) {
			st = PATH_TOO_LONG;
			goto done;
		}
		ssize_t ln = readlink(out, link, PATH_LIMIT - 1);
		if (ln <= 0) {
			missing = true;
			continue;
		}
		link[ln] = '\0';
		/* the link's target, then what was left after it, becomes the rest */
		size_t tail = strlen(p);
		if ((size_t)ln + tail + 2 >= PATH_LIMIT * 2) {
			st = PATH_TOO_LONG;
			goto done;
		}
		memmove(rest + ln, p, tail + 1);
		memcpy(rest, link, (size_t)ln);
		p = rest;
		k = link[0] == '/' ? 0 : before;
		out[k] = '\0';
	}
	if (k == 0) {
		out[0] = '/';
		out[1] = '\0';
	}
done:
	free(rest);
	free(link);
	if (st != PATH_OK)
		out[0] = '\0';
	return st;
}

/* Is the absolute path p the folder dir or beneath it? Both resolved. */
static bool path_within(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return p[0] == '/';
	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

static bool within_any(const char *p, const char *const *roots, int nroots)
{
	for (int i = 0; i < nroots; i++)
		if (roots[i] && path_within(p, roots[i]))
			return true;
	return false;
}

static path_status say(path_status st, char *msg, size_t msgsize, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static path_status say(path_status st, char *msg, size_t msgsize, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escape_vformat(msg, msgsize, fmt, ap);
	va_end(ap);
	return st;
}

/* The words for a cap: "64 MiB", "512 KiB", "100 bytes". */
static void size_words(size_t n, char *out, size_t outsize)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(out, outsize, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, outsize, "%zu KiB", n >> 10);
	else
		snprintf(out, outsize, "%zu bytes", n);
}

path_status path_read(const char *const *roots, int nroots, const char *given,
                      const char *base, size_t max_bytes, path_file *f, char *msg,
                      size_t msgsize)
{
	memset(f, 0, sizeof *f);
	if (!*given)
		return say(PATH_MISSING, msg, msgsize, "no file named");
	if (path_resolve(given, base, f->resolved) != PATH_OK)
		return say(PATH_TOO_LONG, msg, msgsize, "path is too long or loops");
	if (!within_any(f->resolved, roots, nroots))
		return say(PATH_OUTSIDE, msg, msgsize, "outside the folders it may read");
	int fd = open(f->resolved, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
		return say(PATH_MISSING, msg, msgsize, "no such file");
	if (fd < 0 && errno == ELOOP)       /* a link appeared since it was resolved */
		return say(PATH_OUTSIDE, msg, msgsize, "outside the folders it may read");
	if (fd < 0)
		return say(PATH_ERROR, msg, msgsize, "%s", strerror(errno));
	struct stat sb;
	path_status st = PATH_OK;
	char words[32];
	if (fstat(fd, &sb) != 0) {
		st = say(PATH_ERROR, msg, msgsize, "%s", strerror(errno));
	} else if (!S_ISREG(sb.st_mode)) {
		st = say(PATH_NOT_REGULAR, msg, msgsize, "not a regular file");
	} else if ((unsigned long long)sb.st_size > max_bytes) {
		size_words(max_bytes, words, sizeof words);
		st = say(PATH_TOO_BIG, msg, msgsize, "larger than %s", words);
	} else if (!(f->data = malloc((size_t)sb.st_size + 1))) {
		st = say(PATH_ERROR, msg, msgsize, "out of memory");
	}
	/* read to the end, in case it grew; never past the cap */
	size_t cap = (size_t)sb.st_size;
	while (st == PATH_OK) {
		if (f->len == cap) {
			char probe;
			ssize_t r = read(fd, &probe, 1);
			if (r == 0)
				break;
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				st = say(PATH_ERROR, msg, msgsize, "%s", strerror(errno));
				break;
			}
			size_words(max_bytes, words, sizeof words);
			st = f->len + 1 > max_bytes
			     ? say(PATH_TOO_BIG, msg, msgsize, "larger than %s", words)
			     : say(PATH_ERROR, msg, msgsize, "changed while it was read");
			break;
		}
		ssize_t r = read(fd, f->data + f->len, cap - f->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			st = say(PATH_ERROR, msg, msgsize, "%s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		f->len += (size_t)r;
	}
	close(fd);
	if (st != PATH_OK) {
		free(f->data);
		f->data = NULL;
		f->len = 0;
		return st;
	}
	f->data[f->len] = '\0';
	return PATH_OK;
}

void path_free(path_file *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
}

path_status path_output(const char *root, const char *given, const char *base,
                        char out[PATH_LIMIT], char *msg, size_t msgsize)
{
	char folder[PATH_LIMIT];
	if (!*given)
		return say(PATH_MISSING, msg, msgsize, "no file named");
	if (path_resolve(given, base, out) != PATH_OK || path_resolve(root, NULL, folder) != PATH_OK)
		return say(PATH_TOO_LONG, msg, msgsize, "path is too long or loops");
	if (!path_within(out, folder) || strcmp(out, folder) == 0)
		return say(PATH_OUTSIDE, msg, msgsize, "outside the output folder %s", root);
	struct stat sb;
	if (lstat(out, &sb) == 0 && !S_ISREG(sb.st_mode))
		return say(PATH_NOT_REGULAR, msg, msgsize, "not a regular file");
	return PATH_OK;
}

int path_make_folders(const char *root, const char *target)
{
	char dir[PATH_LIMIT], made[PATH_LIMIT];
	path_folder_of(target, dir);
	if (!path_within(dir, root)) {
		errno = EXDEV;
		return -1;
	}
	size_t n = strlen(root);
	for (size_t i = n + 1; i <= strlen(dir); i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		char c = dir[i];
		dir[i] = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			dir[i] = c;
			return -1;
		}
		/* what exists there now must still be a folder beneath root */
		struct stat sb;
		if (path_resolve(dir, NULL, made) != PATH_OK || !path_within(made, root) ||
		    stat(made, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			dir[i] = c;
			errno = EXDEV;
			return -1;
		}
		dir[i] = c;
	}
	return 0;
}

void path_folder_of(const char *path, char out[PATH_LIMIT])
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, PATH_LIMIT, ".");
	else if (slash == path)
		snprintf(out, PATH_LIMIT, "/");
	else
		snprintf(out, PATH_LIMIT, "%.*s", (int)(slash - path), path);
}

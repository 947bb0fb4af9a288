/*
 * plan.c -- staging, then moving into place, every output of a run.
 */
#include "output/plan.h"

#include "util/escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t errsize, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escape_vformat(err, errsize, fmt, ap);
	va_end(ap);
	return -1;
}

int plan_init(out_plan *p, const char *root, const char *tmpdir, char *err, size_t errsize)
{
	memset(p, 0, sizeof *p);
	if (path_resolve(root, NULL, p->root) != PATH_OK)
		return fail(err, errsize, "%s: path is too long or loops", root);
	snprintf(p->tmpdir, sizeof p->tmpdir, "%s", tmpdir ? tmpdir : "");
	return 0;
}

static bool plain_name(const char *s)
{
	return *s && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static void remove_temp(const out_plan *p, const plan_file *f)
{
	if (!f->temp)
		return;
	char path[PATH_LIMIT * 2];
	snprintf(path, sizeof path, "%s/%s", p->tmpdir, f->temp);
	unlink(path);
}

int plan_add(out_plan *p, const char *temp, const char *target, int pages, char *err,
             size_t errsize)
{
	return plan_add_under(p, NULL, temp, target, pages, err, errsize);
}

int plan_add_under(out_plan *p, const char *root, const char *temp, const char *target,
                   int pages, char *err, size_t errsize)
{
	char resolved[PATH_LIMIT], why[PATH_LIMIT + 64], own[PATH_LIMIT];
	if (temp && !plain_name(temp))
		return fail(err, errsize, "internal error: bad temporary file name");
	if (root && path_resolve(root, NULL, own) != PATH_OK)
		return fail(err, errsize, "%s: path is too long or loops", root);
	if (path_output(root ? own : p->root, target, NULL, resolved, why, sizeof why) != PATH_OK)
		return fail(err, errsize, "%s %s", target, why);
	plan_file *f = NULL;
	for (int i = 0; i < p->nfiles && !f; i++)
		if (strcmp(p->files[i].target, resolved) == 0)
			f = &p->files[i];
	if (f) {                        /* saved again: the last one counts */
		remove_temp(p, f);
		free(f->temp);
		f->temp = NULL;
	} else {
		if (p->nfiles == PLAN_MAX_FILES)
			return fail(err, errsize, "more than %d output files in one run",
			            PLAN_MAX_FILES);
		if (p->nfiles == p->capfiles) {
			int cap = p->capfiles ? p->capfiles * 2 : 4;
			plan_file *nf = realloc(p->files, (size_t)cap * sizeof *nf);
			if (!nf)
				return fail(err, errsize, "out of memory");
			p->files = nf;
			p->capfiles = cap;
		}
		f = &p->files[p->nfiles];
		memset(f, 0, sizeof *f);
		if (!(f->target = strdup(resolved)))
			return fail(err, errsize, "out of memory");
		p->nfiles++;
	}
	free(f->name);
	free(f->root);
	f->root = NULL;
	if (!(f->name = strdup(target)) || (temp && !(f->temp = strdup(temp))) ||
	    (root && !(f->root = strdup(own))))
		return fail(err, errsize, "out of memory");
	f->pages = pages;
	return 0;
}

/* ---- commit ---------------------------------------------------------------------- */

typedef struct stage {
	char staged[PATH_LIMIT];    /* the copy beside the target, "" if none */
	char backup[PATH_LIMIT];    /* a link to what the target replaced, "" if none */
	char made[PATH_LIMIT];      /* the highest folder made for it, "" if none */
	bool placed;
} stage;

/* Copies the file open at in into a new hidden file beside target; stores
 * its path in staged. */
static int stage_copy(int in, const char *target, char *staged, char *err, size_t errsize)
{
	char dir[PATH_LIMIT];
	path_folder_of(target, dir);
	const char *base = strrchr(target, '/') + 1;
	if (snprintf(staged, PATH_LIMIT, "%s/.%s.XXXXXX", dir, base) >= PATH_LIMIT)
		return fail(err, errsize, "cannot write %s: path is too long", target);
	int out = mkstemp(staged);
	if (out < 0) {
		int e = errno;
		staged[0] = '\0';
		return fail(err, errsize, "cannot write %s: %s", target, strerror(e));
	}
	mode_t mask = umask(0);         /* mkstemp makes 0600; a PDF is 0666 & ~umask */
	umask(mask);
	int rc = fchmod(out, 0666 & ~mask);
	char buf[65536];
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : rc;
			break;
		}
		for (ssize_t off = 0; off < n && rc == 0;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				rc = -1;
			else
				off += w;
		}
		if (rc != 0)
			break;
	}
	if (rc == 0)
		rc = fsync(out);
	int e = errno;
	if (close(out) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0)
		return fail(err, errsize, "cannot write %s: %s", target, strerror(e));
	return 0;
}

/* The highest folder between root and target's folder that does not exist,
 * into made ("" when all do). */
static void first_missing_folder(const char *root, const char *target, char *made)
{
	char dir[PATH_LIMIT];
	path_folder_of(target, dir);
	made[0] = '\0';
	struct stat sb;
	(void)root;     /* the output folder itself may be missing: made at commit */
	for (size_t i = 1; i <= strlen(dir); i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		char c = dir[i];
		dir[i] = '\0';
		bool absent = lstat(dir, &sb) != 0;
		if (absent)
			snprintf(made, PATH_LIMIT, "%s", dir);
		dir[i] = c;
		if (absent)
			return;
	}
}

/* Removes the folders made for target, deepest first, down to made. */
static void remove_made_folders(const char *target, const char *made)
{
	if (!made[0])
		return;
	char dir[PATH_LIMIT];
	path_folder_of(target, dir);
	while (strlen(dir) >= strlen(made)) {
		rmdir(dir);
		char up[PATH_LIMIT];
		path_folder_of(dir, up);
		memcpy(dir, up, sizeof dir);
	}
}

/* Makes the output folder itself when it is missing: it is the operator's
 * (-o, or reports/), so every missing folder on its way is made. */
static int make_root(const char *root)
{
	char dir[PATH_LIMIT];
	snprintf(dir, sizeof dir, "%s", root);
	for (char *q = dir + 1;; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;
		*q = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			return -1;
		*q = c;
		if (!c)
			return 0;
	}
}

static int stage_one(const out_plan *p, const plan_file *f, stage *s, char *err,
                     size_t errsize)
{
	const char *root = f->root ? f->root : p->root;
	char src[PATH_LIMIT * 2];
	snprintf(src, sizeof src, "%s/%s", p->tmpdir, f->temp);
	int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat sb;
	if (in < 0 || fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (in >= 0)
			close(in);
		return fail(err, errsize, "cannot write %s: its temporary file is gone", f->target);
	}
	first_missing_folder(root, f->target, s->made);
	if (make_root(root) != 0 || path_make_folders(root, f->target) != 0) {
		int e = errno;
		close(in);
		remove_made_folders(f->target, s->made);
		return fail(err, errsize, "cannot create the folder of %s: %s", f->target,
		            e == EXDEV ? "it leads outside the output folder" : strerror(e));
	}
	/* the target is checked again now that its folders exist */
	char again[PATH_LIMIT], why[PATH_LIMIT + 64];
	if (path_output(root, f->target, NULL, again, why, sizeof why) != PATH_OK ||
	    strcmp(again, f->target) != 0) {
		close(in);
		return fail(err, errsize, "cannot write %s: %s", f->target, why);
	}
	int rc = stage_copy(in, f->target, s->staged, err, errsize);
	close(in);
	return rc;
}

/* Puts the staged copy in place, keeping a link to what it replaces. */
static int place_one(const plan_file *f, stage *s, char *err, size_t errsize)
{
	struct stat sb;
	if (lstat(f->target, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return fail(err, errsize, "cannot write %s: not a regular file", f->target);
		char dir[PATH_LIMIT];
		path_folder_of(f->target, dir);
		for (int k = 0; k < 100; k++) {
			snprintf(s->backup, sizeof s->backup, "%s/.%s.old%d.%d", dir,
			         strrchr(f->target, '/') + 1, (int)getpid(), k);
			if (link(f->target, s->backup) == 0)
				break;
			if (errno != EEXIST) {      /* no hard links here: no way back */
				s->backup[0] = '\0';
				break;
			}
		}
	}
	if (rename(s->staged, f->target) != 0) {
		int e = errno;
		if (s->backup[0])
			unlink(s->backup);
		s->backup[0] = '\0';
		return fail(err, errsize, "cannot write %s: %s", f->target, strerror(e));
	}
	s->staged[0] = '\0';
	s->placed = true;
	return 0;
}

int plan_commit(out_plan *p, char *err, size_t errsize)
{
	stage *st = calloc((size_t)(p->nfiles ? p->nfiles : 1), sizeof *st);
	if (!st) {
		plan_discard(p);
		return fail(err, errsize, "out of memory");
	}
	int rc = 0;
	for (int i = 0; i < p->nfiles && rc == 0; i++)
		if (p->files[i].temp)
			rc = stage_one(p, &p->files[i], &st[i], err, errsize);
	for (int i = 0; i < p->nfiles && rc == 0; i++)
		if (p->files[i].temp)
			rc = place_one(&p->files[i], &st[i], err, errsize);
	for (int i = 0; i < p->nfiles; i++) {
		stage *s = &st[i];
		const char *target = p->files[i].target;
		if (rc != 0 && s->placed) {     /* undo: what was there comes back */
			if (s->backup[0])
				rename(s->backup, target);
			else
				unlink(target);
		}
		if (s->staged[0])
			unlink(s->staged);
		if (s->backup[0])
			unlink(s->backup);      /* no-op after a rename back */
		if (rc != 0)
			remove_made_folders(target, s->made);
	}
	free(st);
	plan_discard(p);
	return rc;
}

void plan_discard(out_plan *p)
{
	for (int i = 0; i < p->nfiles; i++)
		remove_temp(p, &p->files[i]);
	plan_free(p);
}

void plan_free(out_plan *p)
{
	for (int i = 0; i < p->nfiles; i++) {
		free(p->files[i].temp);
		free(p->files[i].target);
		free(p->files[i].name);
		free(p->files[i].root);
	}
	free(p->files);
	p->files = NULL;
	p->nfiles = p->capfiles = 0;
}

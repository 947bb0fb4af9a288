/*
 * plan.h -- a run's outputs, committed together or not at all.
 *
 * A run may write several files (each doc:save). Each is first written whole
 * to a temporary file in the run's private folder, and the plan lists it
 * with its target, resolved and checked by the path rule (util/path.h)
 * beneath the run's output folder. plan_commit() happens only when the run
 * succeeded: it copies every file into a hidden staging file beside its
 * target, and only when all are staged moves them all into place, keeping
 * what they replace until the last one is in. When anything fails, every
 * target is as it was before the run: nothing created, nothing replaced.
 *
 * The plan is plain C, used on both sides of the worker's pipe: the worker
 * fills one as it saves (output/save.h), the parent rebuilds one from what
 * the worker reports, checks it again, and commits it.
 */
#ifndef BRIEF_PLAN_H
#define BRIEF_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/path.h"

/* The most files one run may write. */
#define PLAN_MAX_FILES 1000

typedef struct plan_file {
	char *temp;             /* its name in the private folder; NULL for --check */
	char *target;           /* resolved, beneath the output folder (or root) */
	char *root;             /* its own folder, resolved; NULL: the output folder */
	char *name;             /* the target as the run named it, for messages */
	int pages;
} plan_file;

typedef struct out_plan {
	char root[PATH_LIMIT];  /* the output folder, resolved */
	char tmpdir[PATH_LIMIT];/* the run's private folder */
	plan_file *files;
	int nfiles, capfiles;
} out_plan;

/* Starts an empty plan for the output folder root and the private folder
 * tmpdir (both existing; root is resolved here). Returns 0, or -1 with a
 * message when root cannot be resolved. */
int plan_init(out_plan *p, const char *root, const char *tmpdir, char *err, size_t errsize);

/* Adds the file temp (a plain name in p->tmpdir, or NULL when nothing is
 * written) for target (resolved or not: checked here against p->root by
 * path_output()). A second file for the same target replaces the first,
 * whose temporary file is removed. Returns 0, or -1 with a message (the
 * target is outside or not a regular file, temp is not a plain name, too
 * many files, out of memory). */
int plan_add(out_plan *p, const char *temp, const char *target, int pages, char *err,
             size_t errsize);

/* plan_add() for a file that goes beneath a folder of its own, root (not
 * the output folder: --provenance names its file as -o does), resolved and
 * checked the same way. The file commits with the others, all or nothing. */
int plan_add_under(out_plan *p, const char *root, const char *temp, const char *target,
                   int pages, char *err, size_t errsize);

/* Moves every file into place, all or nothing. Returns 0, or -1 with a
 * message naming the target that failed; then no target has changed and
 * the temporary files are removed either way. */
int plan_commit(out_plan *p, char *err, size_t errsize);

/* Removes the plan's temporary files and frees it; the plan may be reused
 * after plan_init(). */
void plan_discard(out_plan *p);

/* Frees the plan but leaves its temporary files: the worker's plan, whose
 * files the parent commits or removes. */
void plan_free(out_plan *p);

#endif

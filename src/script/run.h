/*
 * run.h -- one script run, inside the worker process: a fresh sandboxed Lua
 * state, the relations and brief modules, the script, its documents saved.
 *
 * The parent (host.h) forks the worker and supervises it; everything here
 * happens in the child, which reports back through a pipe: outputs written
 * to temporary files, to be renamed into place by the parent only if the
 * whole run succeeds, and the error that ended the run.
 */
#ifndef BRIEF_RUN_H
#define BRIEF_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "data/dataset.h"
#include "layout/fonts.h"

/* Exit codes, documented in `brief --help`. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,      /* a bug or the machine: out of memory, no fonts */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_SCRIPT = 3,        /* the script raised an error or misused the API */
	EXIT_DATA = 4,          /* the dataset failed validation */
	EXIT_OUTPUT = 5,        /* the PDF could not be written */
	EXIT_LIMIT = 6,         /* stopped: time, instruction or memory limit, or a crash */
	EXIT_STRICT = 7         /* --strict and the layout gave warnings */
};

typedef struct run_limits {
	size_t memory;              /* bytes of Lua memory */
	long long instructions;     /* Lua VM instructions */
	double seconds;             /* wall clock */
} run_limits;

typedef struct run_param {
	const char *key, *value;
} run_param;

/* Everything a run needs; owned by the caller, read-only during the run. */
typedef struct run_job {
	const char *script;         /* path as the user gave it */
	const char *output;         /* default output PDF path */
	const char *data_dir, *templates_dir;
	const run_param *params;
	int nparams;
	run_limits limits;
	bool check;                 /* lay out, write nothing */
	bool strict;                /* warnings fail the run */
	bool verbose, quiet;
	const ds_dataset *data;
	lay_fonts *fonts;
	const char *tmpdir;         /* for subset fonts */
	int channel;                /* pipe to the parent (run_send) */
	volatile int *line_slot;    /* shared with the parent: the script line
	                               running, for messages when it is killed */
} run_job;

/* Messages from the worker to the parent, over the pipe fd. */
enum {
	MSG_TEMP = 'T',             /* temp path: remove it unless committed */
	MSG_OUTPUT = 'O',           /* temp path, final path, pages: commit on success */
	MSG_ERROR = 'E',            /* exit code, message */
	MSG_LINE = 'L'              /* the script line being run (for kill messages) */
};

/* Runs the job in this process and returns an exit code; reports outputs
 * and the error message through job->channel. Called in the worker only. */
int run_script(const run_job *job);

/* Sends one message: type, then the NUL-separated fields. */
void run_send(int fd, char type, const char *const *fields, int nfields);

#endif

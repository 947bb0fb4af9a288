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
#include "script/confine.h"

/* Exit codes, documented in `brief --help`. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,      /* a bug or the machine: out of memory, no fonts */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_SCRIPT = 3,        /* the script raised an error or misused the API */
	EXIT_DATA = 4,          /* the dataset failed validation */
	EXIT_OUTPUT = 5,        /* the PDF could not be written */
	EXIT_LIMIT = 6,         /* stopped: time, instruction or memory limit, or a crash */
	EXIT_STRICT = 7         /* --strict and the run gave warnings */
};

typedef struct run_limits {
	size_t memory;              /* bytes of Lua memory; the worker's whole address
	                               space is this plus RUN_MEMORY_HEADROOM */
	long long instructions;     /* Lua VM instructions */
	double seconds;             /* wall clock */
	int pages;                  /* pages per document (at most SAVE_MAX_PAGES) */
	unsigned long long output_bytes;    /* bytes per PDF written */
	long long image_pixels;     /* width x height of one image */
} run_limits;

/* What the worker's C side (code, fonts, layout, libraries) may use beyond
 * the Lua memory limit before its allocations fail. */
#define RUN_MEMORY_HEADROOM ((size_t)768 << 20)

/* The largest file read as a script, module or template. */
#define RUN_MAX_SOURCE ((size_t)16 << 20)

typedef struct run_param {
	const char *key, *value;
} run_param;

/* Everything a run needs; owned by the caller, read-only during the run. */
typedef struct run_job {
	const char *script;         /* path as the user gave it */
	const char *output;         /* the PDF doc:save() writes when given no path */
	const char *output_root;    /* the output folder, resolved: every PDF goes
	                               beneath it */
	const char *provenance;     /* --provenance FILE.json, or NULL */
	const char *provenance_root;/* its folder, resolved */
	const char *data_dir, *templates_dir;
	const run_param *params;
	int nparams;
	run_limits limits;
	bool check;                 /* lay out, write nothing */
	bool strict;                /* warnings fail the run */
	bool verbose, quiet;
	const ds_dataset *data;
	const struct prov_index *prov_index;    /* data's, made once for a batch;
	                                           NULL: each run makes its own */
	lay_fonts *fonts;
	const char *tmpdir;         /* the run's private folder (set by the host) */
	const char *template_names; /* the templates folder's names, space-separated,
	                               listed by the host before confinement; NULL:
	                               listed when needed */
	int channel;                /* pipe to the parent (run_send), -1 for none */
	volatile int *line_slot;    /* shared with the parent: the script line
	                               running, for messages when it is killed */
	/* Tests only: runs in the worker once it is confined (policy, and the
	 * CONFINE_* layers active), before the script; what it returns, if not
	 * EXIT_OK, ends the worker with that status. */
	int (*confined_hook)(const struct run_job *job, const confine_policy *policy,
	                     unsigned active);
} run_job;

/* Messages from the worker to the parent, over the pipe: a type byte, a
 * 4-byte length, then NUL-terminated fields. */
enum {
	MSG_OUTPUT = 'O',           /* temp file name ("" with --check), target, pages */
	MSG_PROVENANCE = 'P',       /* temp file name of the provenance file so far */
	MSG_WARNING = 'W',          /* script line ("0" if none), message */
	MSG_ERROR = 'E',            /* exit code, message */
};

/* The longest field a message carries; longer text is cut at a character
 * boundary and says so. */
#define RUN_FIELD_MAX 16384

/* Runs the job in this process and returns an exit code; reports outputs,
 * warnings and the error message through job->channel. Called in the
 * worker only. */
int run_script(const run_job *job);

/* Sends one message: type, then the fields (each cut to RUN_FIELD_MAX). */
void run_send(int fd, char type, const char *const *fields, int nfields);

#endif

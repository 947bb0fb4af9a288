/*
 * host.h -- running scripts in worker processes and supervising them.
 *
 * Each script runs in a worker forked for it, confined by the operating
 * system before the script starts (script/confine.h). The worker writes
 * only into a private temporary folder and reports over a pipe: the PDFs it
 * wrote there and their targets, warnings, and the error that ended it. The
 * parent enforces the wall-clock deadline with SIGKILL, turns a crash or a
 * kill into a clear error, and, only when the whole run succeeded, commits
 * every output together (output/plan.h): a failed run creates and replaces
 * nothing. The private folder is removed whatever happened.
 *
 * Several workers may run at once (a batch): host_start() them, wait on
 * host_wait(), and host_finish() each once host_done() says so.
 */
#ifndef BRIEF_HOST_H
#define BRIEF_HOST_H

#include <signal.h>
#include <stdbool.h>

#include "script/run.h"

/* What a run did. Strings are owned by the result: host_result_free(). */
typedef struct host_result {
	int code;                   /* an EXIT_* code */
	char *message;              /* the error; NULL on success */
	char **outputs;             /* the targets committed (checked, with --check) */
	int *output_pages;          /* the pages of each */
	int noutputs;
	int pages;                  /* pages of the last output */
	char *provenance;           /* the provenance file committed (or, with --check,
	                               that would have been), NULL if none */
	char **warnings;            /* "SCRIPT:LINE: warning: ...", in order */
	int nwarnings;
	int warnings_dropped;       /* past HOST_MAX_WARNINGS: counted only */
	double seconds;
} host_result;

/* The most warnings a result keeps. */
#define HOST_MAX_WARNINGS 1000

void host_result_free(host_result *r);

/* Paths a batch has written so far, so that two scripts never replace each
 * other's output. Owned by the caller; zero-initialised is empty. */
typedef struct host_claims {
	char **paths;
	const char **owners;        /* the script that wrote each */
	int n, cap;
} host_claims;

void host_claims_free(host_claims *c);

typedef struct host_worker host_worker;

/* Starts the job in a new worker. Never fails: a worker that could not be
 * started is returned already done, its result saying why. The job is
 * copied; the strings it points to must outlive the worker. */
host_worker *host_start(const run_job *job);

/* Has the worker finished (exited, or been killed at its deadline)? */
bool host_done(const host_worker *w);

/* Waits until one of the n workers has something to read, reaches its
 * deadline, or SIGINT/SIGTERM arrives, and handles it. Returns the signal
 * that interrupted brief (see host_catch_signals), else 0. */
int host_wait(host_worker *const *w, int n);

/* Stops the worker if it still runs, waits for it, commits its outputs
 * when the run succeeded and none of them is claimed already (adding them
 * to claims, which may be NULL), removes its private folder, fills *res
 * and frees w. */
void host_finish(host_worker *w, host_claims *claims, host_result *res);

/* Runs one job to the end: host_start, host_wait, host_finish. */
void host_run(const run_job *job, host_result *res);

/* Makes SIGINT and SIGTERM stop brief cleanly: from now on they interrupt
 * host_wait(), whose callers stop every worker (host_stop_all) and finish
 * them, so no temporary file is left; brief then exits with 128 + signal. */
void host_catch_signals(void);

/* The signal caught since host_catch_signals(), or 0. */
int host_interrupted(void);

/* Kills every running worker at once (after an interrupt); each must still
 * be host_finish()ed, which reports 128 + the signal. */
void host_stop_all(void);

#endif

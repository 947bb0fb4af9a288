/*
 * host.h -- running a script in a worker process and supervising it.
 *
 * The worker is forked per script with resource limits; the parent enforces
 * the wall-clock deadline with SIGKILL, turns a crash or a kill into a clear
 * error, and renames the worker's temporary PDFs into place only when the
 * run succeeded, so a failed run never leaves a partial PDF nor replaces a
 * good one.
 */
#ifndef BRIEF_HOST_H
#define BRIEF_HOST_H

#include "script/run.h"

typedef struct host_result {
	int code;                   /* an EXIT_* code */
	char message[2048];         /* the error, "" on success */
	char output[4096];          /* the last PDF written, "" if none */
	int pages;
	int outputs;                /* PDFs written */
	double seconds;
} host_result;

/* Runs the job in a worker and fills *res. Never fails itself: every
 * outcome, including a fork failure, is a result. */
void host_run(const run_job *job, host_result *res);

#endif

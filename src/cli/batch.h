/*
 * batch.h -- brief batch: many scripts, -j at a time, each in its own
 * worker; a progress line on a terminal, a JSON summary on request.
 */
#ifndef BRIEF_CLI_BATCH_H
#define BRIEF_CLI_BATCH_H

#include "cli/options.h"
#include "script/run.h"

/* Runs every script of o->scripts with the settings of base, committing
 * each one's outputs when it succeeds. Returns the first failing script's
 * exit code (0 when all succeeded), 128 + the signal after an interrupt,
 * or the summary's own failure. */
int batch_run(const cli_options *o, const run_job *base);

#endif

/*
 * batch.h -- brief batch: the jobs (scripts x --each values), the slice
 * --shard keeps, -j at a time, each in its own worker; a progress line on
 * a terminal, a JSON summary on request (docs/scaling.md).
 */
#ifndef BRIEF_CLI_BATCH_H
#define BRIEF_CLI_BATCH_H

#include "cli/options.h"
#include "script/run.h"

/* Runs every job of the shard o asks for (o->scripts x o->each_values,
 * script-major; those with index i % shard_count == shard_index) with the
 * settings of base, committing each one's outputs when it succeeds and
 * going on when one fails. Returns the first failing job's exit code in
 * job-list order (0 when all succeeded), 128 + the signal after an
 * interrupt, EXIT_USAGE for a job list it refuses, or the summary's own
 * failure. base->data must be the loaded dataset (its version goes into
 * the summary). */
int batch_run(const cli_options *o, const run_job *base);

#endif

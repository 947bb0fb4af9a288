/*
 * watch.h -- brief SCRIPT --watch: render, then render again whenever a
 * file the run may read changes, until SIGINT or SIGTERM.
 */
#ifndef BRIEF_CLI_WATCH_H
#define BRIEF_CLI_WATCH_H

#include "cli/options.h"
#include "data/dataset.h"
#include "script/run.h"

/* Runs job (a single run, its output folders checked) once, then waits
 * with inotify on the script's folder (its .lua files and images), the
 * templates folder (.lua) and the data folder (.csv), and runs it again
 * after each burst of changes settles, saying what each run did as a
 * single run does (cli_report). A failed run is reported, never the end.
 * A change to the data reloads *data first (job->data follows); when the
 * data fails to load, its error is the result and nothing is rendered
 * until it loads again. Needs host_catch_signals(); returns 128 + the
 * signal that ended it, or EXIT_INTERNAL when the folders cannot be
 * watched (said on stderr). */
int watch_run(const cli_options *o, run_job *job, ds_dataset **data);

#endif

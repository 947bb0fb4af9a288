/*
 * options.h -- the brief command line: what the user asked for, parsed and
 * checked before any script runs.
 */
#ifndef BRIEF_CLI_OPTIONS_H
#define BRIEF_CLI_OPTIONS_H

#include <stdbool.h>

#include "script/run.h"

#define CLI_MAX_PARAMS 64

/* The parsed command line. Strings point into argv (owned by main). */
typedef struct cli_options {
	const char *output, *data_dir, *summary, *provenance;
	run_param params[CLI_MAX_PARAMS];
	int nparams;
	run_limits limits;
	bool check, strict, quiet, verbose, batch, watch;
	int jobs;
	/* batch --each KEY=V1,V2,...: one job per script and value, the value
	 * set as the parameter KEY; each_values point into argv (split in place) */
	const char *each_key;
	const char **each_values;   /* neach of them, malloc'd, owned by o */
	int neach;
	/* batch --shard K/N: only the jobs whose index i has i % N == K */
	int shard_index, shard_count;   /* 0 and 1 without --shard */
	const char **scripts;       /* nscripts of them, gathered at the front of argv */
	int nscripts;
} cli_options;

/* Parses argv into o, checking every value and that each script is a
 * readable regular file; --help and --version print and exit. Returns
 * EXIT_OK, or EXIT_USAGE after saying what is wrong on stderr. Rewrites
 * argv in place (KEY=VALUE split, scripts gathered at the front). */
int cli_parse(int argc, char **argv, cli_options *o);

#endif

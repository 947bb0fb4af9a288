/*
 * options.h -- the brief command line: what the user asked for, parsed and
 * checked before any script runs.
 *
 * One table (cli_option_table) describes every option: its names, its
 * value, the commands it applies to, its help text and how it is parsed.
 * The parser reads it, and so do `brief --help`, the man page brief(1) and
 * the option list of docs/cli.md (cli/manual.h), so they cannot drift apart.
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
	/* --help, --version or --manual FORMAT: print that and run nothing
	 * (the parse stops there; main prints) */
	bool help, version;
	const char *manual;         /* "roff" or "markdown" */
} cli_options;

/* The commands an option applies to (a bit set). */
enum { CLI_RUN = 1, CLI_BATCH = 2, CLI_BOTH = 3 };

/* The sections options are listed under, in this order. */
typedef enum { CLI_GENERAL, CLI_LIMITS, CLI_BATCHES, CLI_INFO, CLI_NSECTIONS } cli_section;

/* One option of the command line. */
typedef struct cli_option {
	char short_name;            /* 'o' for -o, 0 for none */
	const char *long_name;      /* "output" for --output */
	const char *value;          /* the value's name ("FILE"), NULL for a flag */
	unsigned applies;           /* CLI_RUN, CLI_BATCH or CLI_BOTH */
	cli_section section;
	bool hidden;                /* left out of --help and the docs */
	const char *help;           /* one paragraph, plain ASCII, no line breaks */
	/* Checks value (NULL for a flag) and stores it in o; name is the
	 * option as the user spelt it, for messages. Returns EXIT_OK, or
	 * EXIT_USAGE after saying what is wrong on stderr. May split argv's
	 * strings in place (value is one of them). */
	int (*parse)(cli_options *o, const char *name, char *value);
} cli_option;

/* The option table, n entries, in the order --help lists them. */
const cli_option *cli_option_table(int *n);

/* A section's words: its title ("limits"), what to know first (or NULL),
 * and a note printed after its options (or NULL). */
typedef struct cli_section_text {
	const char *title, *intro, *note;
} cli_section_text;
const cli_section_text *cli_section_of(cli_section s);

/* The exit codes, in order; code is a string ("130, 143"). */
typedef struct cli_exit_code {
	const char *code, *meaning;
} cli_exit_code;
const cli_exit_code *cli_exit_codes(int *n);

/* The environment variables brief reads. */
typedef struct cli_env {
	const char *name, *meaning;
} cli_env;
const cli_env *cli_environment(int *n);

/* Parses argv into o, checking every value and that each script is a
 * readable regular file. Returns EXIT_OK, or EXIT_USAGE after saying what
 * is wrong on stderr. --help, --version and --manual stop the parse with
 * EXIT_OK and their flag set. Rewrites argv in place (KEY=VALUE split,
 * scripts gathered at the front). */
int cli_parse(int argc, char **argv, cli_options *o);

/* Frees what cli_parse allocated (the --each values). */
void cli_options_free(cli_options *o);

#endif

/*
 * manual.h -- the command line's reference, printed from the option table
 * (cli/options.h) three ways: `brief --help`, the man page brief(1) (roff),
 * and the option list of docs/cli.md (Markdown).
 */
#ifndef BRIEF_CLI_MANUAL_H
#define BRIEF_CLI_MANUAL_H

#include <stdio.h>

/* The --help text: usage, every visible option, exit codes, environment.
 * layers names the confinement layers of this machine (or NULL). */
void cli_print_help(FILE *f, const char *layers);

/* The man page brief(1), in roff (man macros), plain ASCII. */
void cli_print_roff(FILE *f);

/* The options, exit codes and environment as Markdown tables: the
 * generated part of docs/cli.md. */
void cli_print_markdown(FILE *f);

#endif

/*
 * outputs.h -- where a run's files go, and what it says on stderr.
 */
#ifndef BRIEF_CLI_OUTPUTS_H
#define BRIEF_CLI_OUTPUTS_H

#include "cli/options.h"
#include "script/host.h"
#include "util/path.h"

/* reports/<script name>[-k-v...].pdf, into out (PATH_LIMIT bytes); a name
 * that would not fit is shortened at a character boundary. */
void cli_default_output(const cli_options *o, const char *script, char *out);

/* The output folder of a target path, resolved, into root. Refuses the root
 * of the file system and a target that exists and is not a regular file (a
 * device, a FIFO, a folder), saying why on stderr; what names the option
 * for messages. Returns EXIT_OK, EXIT_USAGE or EXIT_OUTPUT. */
int cli_output_folder(const char *target, char root[PATH_LIMIT], const char *what);

/* Prints prefix, text and suffix on stderr, text with its control
 * characters escaped: a script's message never drives the terminal. */
void cli_say(const char *prefix, const char *text, const char *suffix);

/* What a run says on stderr: its warnings, then its error or its outputs
 * (outputs only for a single run). */
void cli_report(const cli_options *o, const host_result *r);

#endif

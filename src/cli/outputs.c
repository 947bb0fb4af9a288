/*
 * outputs.c -- where a run's files go, and what it says on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/outputs.h"
#include "util/escape.h"

/* reports/<script name>[-k-v...].pdf, into out (PATH_LIMIT bytes); a name
 * that would not fit is shortened at a character boundary. */
void cli_default_output(const cli_options *o, const char *script, char *out)
{
	const char *base = strrchr(script, '/');
	base = base ? base + 1 : script;
	size_t len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".lua") == 0)
		len -= 4;
	char name[PATH_LIMIT];
	size_t k = (size_t)snprintf(name, sizeof name, "%.*s", (int)len, base);
	for (int i = 0; i < o->nparams && k < sizeof name; i++)
		k += (size_t)snprintf(name + k, sizeof name - k, "-%s-%s", o->params[i].key,
		                      o->params[i].value);
	k = escape_cut(name, strlen(name), 200);    /* a file name, not a path */
	name[k] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == ' ' || *p == '\\' || (unsigned char)*p < 0x20)
			*p = '_';
	snprintf(out, PATH_LIMIT, "reports/%s.pdf", name);
}

/* Prints text on stderr with its control characters escaped (util/escape.h):
 * a script's error message never drives the operator's terminal. */
void cli_say(const char *prefix, const char *text, const char *suffix)
{
	char *safe = escape_terminal(text, strlen(text), 1);
	fprintf(stderr, "%s%s%s", prefix, safe ? safe : "(out of memory)", suffix);
	free(safe);
}

/* What a run says on stderr: its warnings, then its error or its outputs. */
void cli_report(const cli_options *o, const host_result *r)
{
	for (int i = 0; i < r->nwarnings && !o->quiet; i++)
		cli_say("", r->warnings[i], "\n");
	if (r->warnings_dropped && !o->quiet)
		fprintf(stderr, "(%d more warnings)\n", r->warnings_dropped);
	if (r->code != EXIT_OK) {
		cli_say("", r->message ? r->message : "failed", "\n");
		return;
	}
	int total = 0;
	for (int i = 0; i < r->noutputs && !o->quiet && !o->batch; i++) {
		cli_say("", r->outputs[i], "");
		int pages = r->output_pages ? r->output_pages[i] : r->pages;
		total += pages;
		fprintf(stderr, ": %d page%s%s\n", pages, pages == 1 ? "" : "s",
		        o->check ? " (--check: nothing written)" : "");
	}
	if (r->provenance && !o->quiet && !o->batch) {
		cli_say("", r->provenance, "");
		fprintf(stderr, ": provenance of %d page%s%s\n", total, total == 1 ? "" : "s",
		        o->check ? " (--check: nothing written)" : "");
	}
}

/* The output folder of a target path: its folder, resolved. Refuses the
 * root of the file system and a target that exists and is not a regular
 * file (a device, a FIFO, a folder), before any script runs. */
int cli_output_folder(const char *target, char root[PATH_LIMIT], const char *what)
{
	char dir[PATH_LIMIT], resolved[PATH_LIMIT], why[PATH_LIMIT + 64];
	path_folder_of(target, dir);
	if (path_resolve(dir, NULL, root) != PATH_OK) {
		fprintf(stderr, "brief: %s: the path is too long or loops\n", what);
		return EXIT_USAGE;
	}
	if (strcmp(root, "/") == 0) {
		fprintf(stderr, "brief: %s %s: brief does not write into the root folder; name a "
		        "folder for the output\n", what, target);
		return EXIT_USAGE;
	}
	path_status st = path_output(root, target, NULL, resolved, why, sizeof why);
	if (st == PATH_NOT_REGULAR) {
		cli_say("brief: cannot write ", target, "");
		fprintf(stderr, ": %s (brief replaces only regular files; use --check to write "
		        "nothing)\n", why);
		return EXIT_OUTPUT;
	}
	if (st != PATH_OK) {
		cli_say("brief: cannot write ", target, "");
		fprintf(stderr, ": %s\n", why);
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}


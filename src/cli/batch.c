/*
 * batch.c -- brief batch: many scripts, -j at a time, each in its own
 * worker (script/host.h), their outputs committed one script at a time.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/outputs.h"
#include "script/host.h"
#include "util/escape.h"
#include "util/path.h"

/* Writes the batch summary to path, through a temporary file beside it, as
 * valid JSON whatever the scripts' messages hold. */
static int write_summary(const cli_options *o, const host_result *results)
{
	char root[PATH_LIMIT], target[PATH_LIMIT], why[PATH_LIMIT + 64], tmp[PATH_LIMIT + 16];
	int rc = cli_output_folder(o->summary, root, "--summary");
	if (rc != EXIT_OK)
		return rc;
	path_output(root, o->summary, NULL, target, why, sizeof why);
	if (path_make_folders(root, target) != 0 && errno != EEXIST) {
		fprintf(stderr, "brief: cannot write %s: %s\n", o->summary, strerror(errno));
		return EXIT_OUTPUT;
	}
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", target);
	int fd = mkstemp(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		fprintf(stderr, "brief: cannot write %s: %s\n", o->summary, strerror(errno));
		return EXIT_OUTPUT;
	}
	int n = o->nscripts, failed = 0;
	for (int k = 0; k < n; k++)
		failed += results[k].code != EXIT_OK;
	fprintf(f, "{\"scripts\": %d, \"succeeded\": %d, \"failed\": %d, \"results\": [\n", n,
	        n - failed, failed);
	for (int k = 0; k < n; k++) {
		const host_result *r = &results[k];
		fputs("  {\"script\": ", f);
		escape_json(f, o->scripts[k]);
		fprintf(f, ", \"status\": \"%s\", \"exit_code\": %d, \"output\": ",
		        r->code ? "failed" : "ok", r->code);
		if (r->noutputs)
			escape_json(f, r->outputs[r->noutputs - 1]);
		else
			fputs("null", f);
		fputs(", \"outputs\": [", f);
		for (int i = 0; i < r->noutputs; i++) {
			fputs(i ? ", " : "", f);
			escape_json(f, r->outputs[i]);
		}
		fprintf(f, "], \"pages\": %d, \"seconds\": %.3f, \"warnings\": [", r->pages, r->seconds);
		for (int i = 0; i < r->nwarnings; i++) {
			fputs(i ? ", " : "", f);
			escape_json(f, r->warnings[i]);
		}
		fputs("], \"error\": ", f);
		if (r->code)
			escape_json(f, r->message ? r->message : "failed");
		else
			fputs("null", f);
		fprintf(f, "}%s\n", k + 1 < n ? "," : "");
	}
	fputs("]}\n", f);
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fileno(f), 0666 & ~mask);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || fclose(f) != 0 || rename(tmp, target) != 0) {
		fprintf(stderr, "brief: cannot write %s: %s\n", o->summary, strerror(errno));
		unlink(tmp);
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

/* Checks the --summary path before the batch runs (outputs: the scripts'
 * default PDFs) and again before it is written (claims: every PDF the batch
 * wrote): a regular file or nothing yet, not the root folder, and never a
 * PDF of the batch. */
static int check_summary(const cli_options *o, char (*outputs)[PATH_LIMIT],
                         const host_claims *claims)
{
	char root[PATH_LIMIT], target[PATH_LIMIT], other[PATH_LIMIT], why[PATH_LIMIT + 64];
	int rc = cli_output_folder(o->summary, root, "--summary");
	if (rc != EXIT_OK)
		return rc;
	path_output(root, o->summary, NULL, target, why, sizeof why);
	for (int k = 0; outputs && k < o->nscripts; k++)
		if (path_resolve(outputs[k], NULL, other) == PATH_OK && strcmp(other, target) == 0) {
			cli_say("brief: --summary ", o->summary, "");
			cli_say(" is the PDF of ", o->scripts[k], "; name another file\n");
			return EXIT_USAGE;
		}
	for (int k = 0; claims && k < claims->n; k++)
		if (strcmp(claims->paths[k], target) == 0) {
			cli_say("brief: cannot write the summary ", o->summary, "");
			cli_say(": ", claims->owners[k], " of this batch wrote that file; no summary written\n");
			return EXIT_OUTPUT;
		}
	return EXIT_OK;
}

/* The default output of every script of a batch; two scripts of the same
 * name (a/x.lua, b/x.lua) would write the same reports/x.pdf, so the later
 * ones get reports/x-2.pdf, x-3.pdf..., and brief says so. */
static int batch_outputs(const cli_options *o, char (*outputs)[PATH_LIMIT])
{
	for (int k = 0; k < o->nscripts; k++) {
		cli_default_output(o, o->scripts[k], outputs[k]);
		char base[PATH_LIMIT];
		snprintf(base, sizeof base, "%s", outputs[k]);
		base[strlen(base) - 4] = '\0';      /* without .pdf */
		for (int n = 2;; n++) {
			bool taken = false;
			for (int j = 0; j < k && !taken; j++)
				taken = strcmp(outputs[j], outputs[k]) == 0;
			if (!taken)
				break;
			snprintf(outputs[k], PATH_LIMIT, "%.*s-%d.pdf", PATH_LIMIT - 32, base, n);
		}
		if (strcmp(base + strlen("reports/"), "") != 0 &&
		    strncmp(outputs[k] + strlen(base), ".pdf", 4) != 0 && !o->quiet) {
			cli_say("brief: ", o->scripts[k], "");
			cli_say(": its output would collide with another script's: writing ", outputs[k],
			    " instead\n");
		}
	}
	return EXIT_OK;
}

/* A batch under way: every script's result, and the workers running. */
typedef struct batch_state {
	const cli_options *o;
	const run_job *base;
	char root[PATH_LIMIT];          /* the output folder, shared */
	char (*outputs)[PATH_LIMIT];    /* each script's default output */
	host_result *results;
	host_worker **running;          /* nrunning of them, for scripts index[] */
	int *index;
	int nrunning, next, done;
	host_claims claims;             /* what the batch has written so far */
	bool tty;                       /* a progress line on stderr */
} batch_state;

/* Starts scripts until -j of them run or none is left. */
static void start_scripts(batch_state *b)
{
	while (b->nrunning < b->o->jobs && b->next < b->o->nscripts) {
		run_job job = *b->base;
		job.script = b->o->scripts[b->next];
		job.output = b->outputs[b->next];
		job.output_root = b->root;
		b->index[b->nrunning] = b->next++;
		b->running[b->nrunning++] = host_start(&job);
	}
}

/* Finishes every worker that is done (all of them after an interrupt),
 * committing its outputs and saying how it went. */
static void finish_scripts(batch_state *b, bool all)
{
	for (int i = 0; i < b->nrunning; i++) {
		if (!all && !host_done(b->running[i]))
			continue;
		int k = b->index[i];
		host_finish(b->running[i], &b->claims, &b->results[k]);
		b->running[i] = b->running[--b->nrunning];
		b->index[i] = b->index[b->nrunning];
		i--;
		b->done++;
		if (b->tty)
			fputs("\r\033[K", stderr);
		cli_report(b->o, &b->results[k]);
		if (b->tty) {
			fprintf(stderr, "[%d/%d] %s ", b->done, b->o->nscripts,
			        b->results[k].code ? "failed" : "done");
			cli_say("", b->o->scripts[k], "");
		}
	}
}

/* The batch's exit code: the first failing script's, 128 + the signal
 * after an interrupt; prints the tally. */
static int tally(const batch_state *b, int interrupted)
{
	int n = b->o->nscripts, code = EXIT_OK, failed = 0;
	for (int k = 0; k < n; k++)
		if (b->results[k].code != EXIT_OK || k >= b->next) {
			failed++;
			if (code == EXIT_OK)
				code = b->results[k].code;
		}
	if (interrupted)
		code = 128 + interrupted;
	if (b->tty)
		fputc('\n', stderr);
	if (!b->o->quiet)
		fprintf(stderr, "batch: %d scripts, %d succeeded, %d failed%s\n", n, n - failed,
		        failed, interrupted ? " (interrupted)" : "");
	return code;
}

int batch_run(const cli_options *o, const run_job *base)
{
	int n = o->nscripts;
	batch_state b = {.o = o, .base = base, .tty = isatty(STDERR_FILENO) && !o->quiet};
	b.results = calloc((size_t)n, sizeof *b.results);
	b.outputs = calloc((size_t)n, sizeof *b.outputs);
	b.running = calloc((size_t)n, sizeof *b.running);
	b.index = calloc((size_t)n, sizeof *b.index);
	int code = EXIT_OK, interrupted = 0;
	if (!b.results || !b.outputs || !b.running || !b.index) {
		fprintf(stderr, "brief: out of memory\n");
		code = EXIT_INTERNAL;
	} else {
		batch_outputs(o, b.outputs);
		code = cli_output_folder(b.outputs[0], b.root, "the output folder");
		if (code == EXIT_OK && o->summary)
			code = check_summary(o, b.outputs, NULL);
	}
	while (code == EXIT_OK && b.done < n) {
		start_scripts(&b);
		if ((interrupted = host_wait(b.running, b.nrunning)))
			host_stop_all();
		finish_scripts(&b, interrupted != 0);
		if (interrupted)
			break;
	}
	if (code == EXIT_OK) {
		code = tally(&b, interrupted);
		if (o->summary && !interrupted) {
			int written = check_summary(o, NULL, &b.claims);
			if (written == EXIT_OK)
				written = write_summary(o, b.results);
			code = code == EXIT_OK ? written : code;
		}
	}
	for (int k = 0; b.results && k < n; k++)
		host_result_free(&b.results[k]);
	host_claims_free(&b.claims);
	free(b.results);
	free(b.outputs);
	free(b.running);
	free(b.index);
	return code;
}


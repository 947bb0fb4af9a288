/*
 * main.c -- the brief command: where the project's folders are, the
 * dataset and fonts loaded once, then one script (here) or a batch
 * (cli/batch.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "data/dataset.h"
#include "layout/fonts.h"
#include "script/host.h"
#include "script/run.h"
#include "util/path.h"

/* The folder data/ and templates/ come from: $BRIEF_HOME, the binary's own
 * folder when it sits in the project, PREFIX/share/brief beside an installed
 * PREFIX/bin/brief (wherever PREFIX is), else the compiled-in share folder. */
static void find_home(char *out, size_t n)
{
	const char *env = getenv("BRIEF_HOME");
	if (env && *env) {
		snprintf(out, n, "%s", env);
		return;
	}
	char exe[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char probe[PATH_MAX + 32];
			snprintf(probe, sizeof probe, "%s/templates", exe);
			if (access(probe, R_OK) == 0) {     /* the project's own build */
				snprintf(out, n, "%s", exe);
				return;
			}
			snprintf(probe, sizeof probe, "%s/../share/brief/templates", exe);
			if (access(probe, R_OK) == 0) {     /* installed: PREFIX/bin, PREFIX/share */
				snprintf(out, n, "%s/../share/brief", exe);
				return;
			}
		}
	}
	snprintf(out, n, "%s", BRIEF_SHAREDIR);
}

/* Shortens path to one relative to the working directory when it lies
 * inside it, so messages say data/events.csv:14, not /home/.../data/...;
 * elsewhere it becomes its real path. */
static void relative_to_cwd(char *path, size_t n)
{
	char cwd[PATH_MAX];
	char *real = realpath(path, NULL);
	if (!real || !getcwd(cwd, sizeof cwd)) {
		free(real);
		return;
	}
	size_t k = strlen(cwd);
	if (strcmp(real, cwd) == 0)
		snprintf(path, n, ".");
	else if (strncmp(real, cwd, k) == 0 && real[k] == '/')
		snprintf(path, n, "%s", real + k + 1);
	else
		snprintf(path, n, "%s", real);     /* at least without "bin/../" */
	free(real);
}

/* The folder of --provenance, checked as -o's is (output_folder), into
 * proot; the file may not be the PDF's own (through a link, say). */
static int provenance_folder(const cli_options *o, const char *pdf, const char *root,
                             char proot[PATH_LIMIT])
{
	int rc = cli_output_folder(o->provenance, proot, "--provenance");
	if (rc != EXIT_OK)
		return rc;
	char a[PATH_LIMIT], b[PATH_LIMIT], why[PATH_LIMIT + 64];
	if (path_output(root, pdf, NULL, a, why, sizeof why) == PATH_OK &&
	    path_output(proot, o->provenance, NULL, b, why, sizeof why) == PATH_OK &&
	    strcmp(a, b) == 0) {
		cli_say("brief: --provenance ", o->provenance, " is the PDF's own file; name another\n");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	cli_options o = {0};
	int rc = cli_parse(argc, argv, &o);
	if (rc != EXIT_OK)
		return rc;
	host_catch_signals();
	char home[PATH_MAX], data_dir[PATH_MAX + 8], templates_dir[PATH_MAX + 16];
	find_home(home, sizeof home);
	relative_to_cwd(home, sizeof home);
	bool here = strcmp(home, ".") == 0;     /* "data/events.csv", not "./data/..." */
	if (o.data_dir)
		snprintf(data_dir, sizeof data_dir, "%s", o.data_dir);
	else
		snprintf(data_dir, sizeof data_dir, "%s%sdata", here ? "" : home, here ? "" : "/");
	snprintf(templates_dir, sizeof templates_dir, "%s%stemplates", here ? "" : home,
	         here ? "" : "/");

	char err[1024];
	ds_dataset *ds = ds_load(data_dir, err, sizeof err);
	if (!ds) {
		cli_say("", err, "\n");
		return EXIT_DATA;
	}
	lay_fonts *fonts = fonts_open(err, sizeof err);
	if (!fonts) {
		fprintf(stderr, "brief: %s\n", err);
		ds_free(ds);
		return EXIT_INTERNAL;
	}
	run_job job = {
		.data_dir = data_dir, .templates_dir = templates_dir,
		.params = o.params, .nparams = o.nparams, .limits = o.limits,
		.check = o.check, .strict = o.strict, .verbose = o.verbose, .quiet = o.quiet,
		.data = ds, .fonts = fonts, .channel = -1,
	};
	if (o.batch) {
		rc = batch_run(&o, &job);
	} else {
		char out[PATH_LIMIT], root[PATH_LIMIT];
		if (o.output)
			snprintf(out, sizeof out, "%s", o.output);
		else
			cli_default_output(&o, o.scripts[0], out);
		char proot[PATH_LIMIT];
		rc = cli_output_folder(out, root, "-o");
		if (rc == EXIT_OK && o.provenance)
			rc = provenance_folder(&o, out, root, proot);
		if (rc == EXIT_OK) {
			job.script = o.scripts[0];
			job.output = out;
			job.output_root = root;
			job.provenance = o.provenance;
			job.provenance_root = o.provenance ? proot : NULL;
			host_result r;
			host_run(&job, &r);
			cli_report(&o, &r);
			rc = r.code;
			host_result_free(&r);
		}
	}
	fonts_free(fonts);
	ds_free(ds);
	return rc;
}

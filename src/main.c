/*
 * main.c -- the brief command: where the project's folders are, the
 * dataset and fonts loaded once, then one script (here), one script
 * watched (cli/watch.h) or a batch (cli/batch.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/manual.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "cli/watch.h"
#include "data/dataset.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "script/confine.h"
#include "script/host.h"
#include "script/provenance.h"
#include "script/run.h"
#include "util/escape.h"
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

/* --help and --manual: the reference, printed from the option table. */
static int print_reference(const cli_options *o)
{
	if (o->help) {
		char layers[512];
		confine_probe(layers, sizeof layers);
		cli_print_help(stdout, layers);
	} else if (strcmp(o->manual, "roff") == 0) {
		cli_print_roff(stdout);
	} else {
		cli_print_markdown(stdout);
	}
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_INTERNAL;
}

/* --version: brief's, the dataset's (ds_version) and the confinement
 * layers. A dataset that fails to load is said on stderr, exit EXIT_DATA,
 * with brief's own version still printed. */
static int print_version(const char *data_dir)
{
	char err[1024], layers[512];
	confine_probe(layers, sizeof layers);
	printf("brief %s\n", BRIEF_VERSION);
	int rc = EXIT_OK;
	ds_dataset *ds = ds_load(data_dir, err, sizeof err);
	if (ds) {
		char *where = escape_terminal(data_dir, strlen(data_dir), 1);
		printf("dataset %s (%s, %d records)\n", ds_version(ds), where ? where : "?",
		       ds_nrecords(ds));
		free(where);
		ds_free(ds);
	} else {
		fflush(stdout);
		cli_say("", err, "\n");
		printf("dataset: not loaded (the error above)\n");
		rc = EXIT_DATA;
	}
	printf("%s\n", layers);
	return fflush(stdout) == 0 ? rc : EXIT_INTERNAL;
}

/* One run of o's single script, or, with --watch, one run after every
 * change; the output folders are checked first. */
static int single_run(const cli_options *o, run_job *job, ds_dataset **ds)
{
	char out[PATH_LIMIT], root[PATH_LIMIT], proot[PATH_LIMIT];
	if (o->output)
		snprintf(out, sizeof out, "%s", o->output);
	else
		cli_default_output(o, o->scripts[0], out);
	int rc = cli_output_folder(out, root, "-o");
	if (rc == EXIT_OK && o->provenance)
		rc = provenance_folder(o, out, root, proot);
	if (rc != EXIT_OK)
		return rc;
	job->script = o->scripts[0];
	job->output = out;
	job->output_root = root;
	job->provenance = o->provenance;
	job->provenance_root = o->provenance ? proot : NULL;
	if (o->watch)
		return watch_run(o, job, ds);
	host_result r;
	host_run(job, &r);
	cli_report(o, &r);
	rc = r.code;
	host_result_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	cli_options o = {0};
	int rc = cli_parse(argc, argv, &o);
	if (rc != EXIT_OK || o.help || o.manual) {
		cli_options_free(&o);
		return rc != EXIT_OK ? rc : print_reference(&o);
	}
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
	if (o.version) {
		cli_options_free(&o);
		return print_version(data_dir);
	}

	char err[1024];
	ds_dataset *ds = ds_load(data_dir, err, sizeof err);
	if (!ds) {
		cli_say("", err, "\n");
		cli_options_free(&o);
		return EXIT_DATA;
	}
	lay_fonts *fonts = fonts_open(err, sizeof err);
	if (!fonts) {
		fprintf(stderr, "brief: %s\n", err);
		ds_free(ds);
		cli_options_free(&o);
		return EXIT_INTERNAL;
	}
	/* many workers (a batch, --watch's renders) share the hyphenation
	 * patterns loaded once here; a single run loads them in its worker only
	 * if it hyphenates (about 5 ms a run that never does would pay) */
	if (o.batch || o.watch)
		lay_preload();
	/* and a batch's workers share the dataset's provenance index (a single
	 * run makes it in its worker, when the script reads a record; --watch
	 * reloads the dataset) */
	prov_index *index = o.batch ? prov_index_new(ds) : NULL;
	run_job job = {
		.data_dir = data_dir, .templates_dir = templates_dir,
		.params = o.params, .nparams = o.nparams, .limits = o.limits,
		.check = o.check, .strict = o.strict, .verbose = o.verbose, .quiet = o.quiet,
		.data = ds, .prov_index = index, .fonts = fonts, .channel = -1,
	};
	rc = o.batch ? batch_run(&o, &job) : single_run(&o, &job, &ds);
	prov_index_free(index);
	fonts_free(fonts);
	ds_free(ds);
	cli_options_free(&o);
	return rc;
}

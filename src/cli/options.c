/*
 * options.c -- the brief command line: the option table (names, values,
 * the commands each applies to, help text, parse action), the exit codes
 * and environment, and argv parsed into cli_options with every value
 * checked. --help, the man page and docs/cli.md are printed from these
 * tables by cli/manual.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "util/nearest.h"
#include "output/save.h"
#include "util/path.h"

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "brief: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry 'brief --help'.\n");
	va_end(ap);
	return EXIT_USAGE;
}

/* Reads a number from lo to hi, the whole string, into *out. */
static bool number_arg(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

/* ---- parse actions: one per option, each checks its value and stores it ---- */

static int parse_output(cli_options *o, const char *name, char *val)
{
	if (!*val)
		return usage_error("%s needs a file name", name);
	if (strlen(val) >= PATH_LIMIT)
		return usage_error("%s: the path is longer than %d bytes", name, PATH_LIMIT - 1);
	o->output = val;
	return EXIT_OK;
}

/* KEY=VALUE, split in place: val becomes KEY. */
static int parse_set(cli_options *o, const char *name, char *val)
{
	char *eq = strchr(val, '=');
	if (!eq || eq == val)
		return usage_error("--set needs KEY=VALUE, got '%s'", val);
	if (o->nparams == CLI_MAX_PARAMS)
		return usage_error("%s", "too many --set options (64 at most)");
	*eq = '\0';
	o->params[o->nparams++] = (run_param){val, eq + 1};
	return EXIT_OK;
}

static int parse_data(cli_options *o, const char *name, char *val)
{
	if (!*val || strlen(val) >= PATH_LIMIT)
		return usage_error("--data needs a folder name shorter than %d bytes", PATH_LIMIT);
	o->data_dir = val;
	return EXIT_OK;
}

static int parse_provenance(cli_options *o, const char *name, char *val)
{
	size_t len = strlen(val);
	if (len < 6 || strcmp(val + len - 5, ".json") != 0)
		return usage_error("--provenance needs a file name ending in .json, got '%s'", val);
	if (len >= PATH_LIMIT)
		return usage_error("%s: the path is longer than %d bytes", name, PATH_LIMIT - 1);
	o->provenance = val;
	return EXIT_OK;
}

static int parse_summary(cli_options *o, const char *name, char *val)
{
	if (!*val || strlen(val) >= PATH_LIMIT)
		return usage_error("--summary needs a file name shorter than %d bytes", PATH_LIMIT);
	o->summary = val;
	return EXIT_OK;
}

static int parse_jobs(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1, 256, &d) || d != (int)d)
		return usage_error("-j needs a number from 1 to 256, got '%s'", val);
	o->jobs = (int)d;
	return EXIT_OK;
}

static int parse_timeout(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 0.01, 86400, &d))
		return usage_error("--timeout needs seconds (0.01 to 86400), got '%s'", val);
	o->limits.seconds = d;
	return EXIT_OK;
}

static int parse_max_memory(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1, 65536, &d))
		return usage_error("--max-memory needs megabytes (1 to 65536), got '%s'", val);
	o->limits.memory = (size_t)(d * 1048576);
	return EXIT_OK;
}

static int parse_max_instructions(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1000, 1e15, &d))
		return usage_error("--max-instructions needs a number of at least 1000, got '%s'",
		                   val);
	o->limits.instructions = (long long)d;
	return EXIT_OK;
}

static int parse_max_pages(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1, SAVE_MAX_PAGES, &d) || d != (int)d)
		return usage_error("--max-pages needs a number from 1 to %d, got '%s'",
		                   SAVE_MAX_PAGES, val);
	o->limits.pages = (int)d;
	return EXIT_OK;
}

static int parse_max_output(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1, 1048576, &d))
		return usage_error("--max-output needs megabytes (1 to 1048576), got '%s'", val);
	o->limits.output_bytes = (unsigned long long)(d * 1048576);
	return EXIT_OK;
}

static int parse_max_image_pixels(cli_options *o, const char *name, char *val)
{
	double d;
	if (!number_arg(val, 1, 1e10, &d) || d != (long long)d)
		return usage_error("--max-image-pixels needs a whole number from 1 to "
		                   "10000000000, got '%s'", val);
	o->limits.image_pixels = (long long)d;
	return EXIT_OK;
}

/* KEY=V1,V2,...: the key and the values split in place. */
static int parse_each(cli_options *o, const char *name, char *val)
{
	char *eq = strchr(val, '=');
	if (!eq || eq == val || !eq[1])
		return usage_error("--each needs KEY=V1,V2,..., got '%s'", val);
	if (o->each_key)
		return usage_error("%s", "one --each at a time");
	*eq = '\0';
	o->each_key = val;
	int n = 1;
	for (char *c = eq + 1; *c; c++)
		n += *c == ',';
	o->each_values = calloc((size_t)n, sizeof *o->each_values);
	if (!o->each_values)
		return usage_error("%s", "out of memory");
	for (char *v = eq + 1, *c; v; v = c) {
		c = strchr(v, ',');
		if (c)
			*c++ = '\0';
		o->each_values[o->neach++] = v;
	}
	return EXIT_OK;
}

static int parse_shard(cli_options *o, const char *name, char *val)
{
	int k, n, used = 0;
	if (sscanf(val, "%d/%d%n", &k, &n, &used) != 2 || val[used] || n < 1 || n > 1000000 ||
	    k < 0 || k >= n)
		return usage_error("--shard needs K/N with 0 <= K < N, got '%s'", val);
	o->shard_index = k;
	o->shard_count = n;
	return EXIT_OK;
}

static int parse_manual(cli_options *o, const char *name, char *val)
{
	if (strcmp(val, "roff") != 0 && strcmp(val, "markdown") != 0)
		return usage_error("--manual needs 'roff' or 'markdown', got '%s'", val);
	o->manual = val;
	return EXIT_OK;
}

/* The flags: each sets one field. */
#define FLAG_ACTION(field) \
	static int parse_##field(cli_options *o, const char *name, char *val) \
	{ \
		o->field = true; \
		return EXIT_OK; \
	}
FLAG_ACTION(watch)
FLAG_ACTION(check)
FLAG_ACTION(strict)
FLAG_ACTION(quiet)
FLAG_ACTION(verbose)
FLAG_ACTION(help)
FLAG_ACTION(version)
#undef FLAG_ACTION

/* ---- the tables ------------------------------------------------------------------ */

static const cli_option options[] = {
	{'o', "output", "FILE", CLI_RUN, CLI_GENERAL, false,
	 "where the PDF goes (default: reports/<script>.pdf, or "
	 "reports/<script>-<k>-<v>.pdf with --set)", parse_output},
	{'s', "set", "KEY=VALUE", CLI_BOTH, CLI_GENERAL, false,
	 "a parameter, seen by the script as brief.params.KEY (repeatable)", parse_set},
	{0, "data", "DIR", CLI_BOTH, CLI_GENERAL, false,
	 "dataset folder (default: data/ in brief's home: $BRIEF_HOME, the project, or "
	 "PREFIX/share/brief when installed)", parse_data},
	{0, "check", NULL, CLI_BOTH, CLI_GENERAL, false,
	 "run and lay out fully, write nothing", parse_check},
	{0, "strict", NULL, CLI_BOTH, CLI_GENERAL, false,
	 "any warning (an uncovered character, overflow, a query value no record has, "
	 "a --set value never read) is a failure, exit code 7", parse_strict},
	{0, "provenance", "FILE.json", CLI_RUN, CLI_GENERAL, false,
	 "for every page of every PDF written, the dataset records whose values are on it",
	 parse_provenance},
	{0, "watch", NULL, CLI_RUN, CLI_GENERAL, false,
	 "render, then render again whenever the script, a .lua file of its folder, a "
	 "template or a data file changes, printing the result each time; a failed run is "
	 "reported and watching goes on, until SIGINT or SIGTERM", parse_watch},
	{'q', "quiet", NULL, CLI_BOTH, CLI_GENERAL, false,
	 "no warnings or progress", parse_quiet},
	{'v', "verbose", NULL, CLI_BOTH, CLI_GENERAL, false,
	 "Lua tracebacks with errors", parse_verbose},

	{0, "timeout", "SECONDS", CLI_BOTH, CLI_LIMITS, false,
	 "wall clock per script (default 60)", parse_timeout},
	{0, "max-memory", "MB", CLI_BOTH, CLI_LIMITS, false,
	 "Lua memory per script (default 512); the worker's whole address space is this "
	 "plus 768 MB", parse_max_memory},
	{0, "max-instructions", "N", CLI_BOTH, CLI_LIMITS, false,
	 "Lua instructions per script (default 2000000000)", parse_max_instructions},
	{0, "max-pages", "N", CLI_BOTH, CLI_LIMITS, false,
	 "pages per document (default 10000, at most 32767)", parse_max_pages},
	{0, "max-output", "MB", CLI_BOTH, CLI_LIMITS, false,
	 "size of each PDF written (default 1024)", parse_max_output},
	{0, "max-image-pixels", "N", CLI_BOTH, CLI_LIMITS, false,
	 "width x height of one image (default 50000000)", parse_max_image_pixels},

	{'j', "jobs", "N", CLI_BATCH, CLI_BATCHES, false,
	 "scripts run N at a time (default: the number of CPUs)", parse_jobs},
	{0, "summary", "FILE.json", CLI_BATCH, CLI_BATCHES, false,
	 "a JSON summary of every script's result", parse_summary},
	{0, "each", "KEY=V1,V2,...", CLI_BATCH, CLI_BATCHES, false,
	 "a sweep: every script runs once per value, the value set as the parameter KEY",
	 parse_each},
	{0, "shard", "K/N", CLI_BATCH, CLI_BATCHES, false,
	 "keeps only the K-th (0 to N-1) of N deterministic slices of the job list "
	 "(scripts x values), so N machines share one batch with no coordinator",
	 parse_shard},

	{'h', "help", NULL, CLI_BOTH, CLI_INFO, false,
	 "this help: options, exit codes, and the confinement layers of this machine",
	 parse_help},
	{0, "version", NULL, CLI_BOTH, CLI_INFO, false,
	 "brief's version, the dataset's version (16 hex digits naming its files) and the "
	 "confinement layers of this machine", parse_version},
	{0, "manual", "FORMAT", CLI_BOTH, CLI_INFO, true,
	 "this reference as a man page (roff) or Markdown (markdown), for the build",
	 parse_manual},
};

const cli_option *cli_option_table(int *n)
{
	*n = (int)(sizeof options / sizeof options[0]);
	return options;
}

static const cli_section_text sections[CLI_NSECTIONS] = {
	[CLI_GENERAL] = {"options", NULL, NULL},
	[CLI_LIMITS] = {"limits", "hitting one stops the script with exit code 6 and says which",
	                "A text that becomes a PDF string (a title, author, heading, link) "
	                "holds at most 65535 bytes, the PDF library's fixed limit."},
	[CLI_BATCHES] = {"batch", "for brief batch only", NULL},
	[CLI_INFO] = {"information", NULL, NULL},
};

const cli_section_text *cli_section_of(cli_section s)
{
	return &sections[s];
}

static const cli_exit_code exit_codes[] = {
	{"0", "success"},
	{"1", "internal error (out of memory, fonts missing, cannot start a worker)"},
	{"2", "usage error (bad command line)"},
	{"3", "script error (a Lua error or a misuse of the API, named FILE:LINE)"},
	{"4", "data error (a dataset file failed validation, named FILE:LINE)"},
	{"5", "output error (the PDF could not be written)"},
	{"6", "stopped: a limit above was reached, or the worker crashed"},
	{"7", "--strict and the run gave warnings"},
	{"130, 143", "stopped by SIGINT or SIGTERM: workers stopped, nothing written "
	             "(--watch ends this way)"},
};

const cli_exit_code *cli_exit_codes(int *n)
{
	*n = (int)(sizeof exit_codes / sizeof exit_codes[0]);
	return exit_codes;
}

static const cli_env environment[] = {
	{"BRIEF_HOME", "the folder holding data/ and templates/ (default: the project "
	               "folder of the binary, else PREFIX/share/brief beside PREFIX/bin/brief)"},
	{"SOURCE_DATE_EPOCH", "seconds since 1970: the date written into PDFs and the time "
	                      "scripts see (os.time, os.date), so the same inputs give "
	                      "byte-identical files"},
	{"BRIEF_FONTS", "a folder holding the font files, instead of Debian's "
	                "/usr/share/fonts/truetype"},
	{"BRIEF_HYPHEN", "a folder holding the hyphenation patterns (hyph_en_US.dic)"},
	{"TMPDIR", "where each worker's private temporary folder is made (default /tmp)"},
};

const cli_env *cli_environment(int *n)
{
	*n = (int)(sizeof environment / sizeof environment[0]);
	return environment;
}

/* ---- the parser ------------------------------------------------------------------- */

/* The option arg names (-o, --output, --output=FILE), or NULL; *inline_val
 * points past the '=' of --name=value, else is NULL. */
static const cli_option *find_option(const char *arg, const char **inline_val)
{
	*inline_val = NULL;
	for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
		const cli_option *opt = &options[k];
		if (arg[1] != '-') {
			if (opt->short_name && arg[1] == opt->short_name && !arg[2])
				return opt;
			continue;
		}
		size_t n = strlen(opt->long_name);
		if (strncmp(arg + 2, opt->long_name, n) == 0 && (!arg[n + 2] || arg[n + 2] == '=')) {
			if (arg[n + 2] == '=')
				*inline_val = arg + n + 3;
			return opt;
		}
	}
	return NULL;
}

/* The usage error for an unknown option, naming the nearest known one. */
static int unknown_option(const char *arg)
{
	char name[64];
	snprintf(name, sizeof name, "%s", arg[1] == '-' ? arg + 2 : arg + 1);
	name[strcspn(name, "=")] = '\0';
	const cli_option *best = NULL;
	int best_d = 3;
	for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
		int d = nearest_distance(name, options[k].long_name);
		if (!options[k].hidden && d < best_d && d < (int)strlen(name)) {
			best = &options[k];
			best_d = d;
		}
	}
	if (best)
		return usage_error("unknown option '%s' (did you mean '--%s'?)", arg, best->long_name);
	return usage_error("unknown option '%s'", arg);
}

/* Parses the option at argv[*i] (and its value, advancing *i). */
static int parse_option(int argc, char **argv, int *i, cli_options *o)
{
	char *arg = argv[*i];
	const char *inline_val;
	const cli_option *opt = find_option(arg, &inline_val);
	if (!opt)
		return unknown_option(arg);
	char *val = NULL;
	if (inline_val) {
		arg[inline_val - 1 - arg] = '\0';       /* "--output=x" -> "--output", "x" */
		val = arg + (inline_val - arg);
		if (!opt->value)
			return usage_error("option %s takes no value", arg);
	} else if (opt->value) {
		if (*i + 1 >= argc)
			return usage_error("option %s needs a value", arg);
		val = argv[++*i];
	}
	if (o->batch && !(opt->applies & CLI_BATCH))
		return usage_error("%s does not apply to a batch", arg);
	if (!o->batch && !(opt->applies & CLI_RUN))
		return usage_error("%s applies to a batch", arg);
	return opt->parse(o, arg, val);
}

int cli_parse(int argc, char **argv, cli_options *o)
{
	o->limits = (run_limits){512u << 20, 2000000000LL, 60, 10000, 1ull << 30, 50000000LL};
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	o->jobs = cpus > 0 ? (int)cpus : 1;
	o->shard_count = 1;
	int i = 1;
	if (argc > 1 && strcmp(argv[1], "batch") == 0) {
		o->batch = true;
		i = 2;
	}
	/* scripts are gathered at the front of argv, behind the reading position */
	o->scripts = (const char **)argv + i;
	bool only_scripts = false;          /* after "--" */
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!only_scripts && strcmp(a, "--") == 0) {
			only_scripts = true;
		} else if (!only_scripts && a[0] == '-' && a[1]) {
			int rc = parse_option(argc, argv, &i, o);
			if (rc != EXIT_OK)
				return rc;
			if (o->help || o->version || o->manual)
				return EXIT_OK;
		} else {
			o->scripts[o->nscripts++] = a;
		}
	}
	if (o->nscripts == 0)
		return usage_error("%s", o->batch ? "batch needs at least one script" : "no script given");
	if (!o->batch && o->nscripts > 1)
		return usage_error("one script at a time (use 'brief batch' for '%s' and more)",
		                   o->scripts[1]);
	for (int k = 0; k < o->nscripts; k++) {
		struct stat sb;
		if (strlen(o->scripts[k]) >= PATH_LIMIT - 16)
			return usage_error("script path longer than %d bytes", PATH_LIMIT - 16);
		if (stat(o->scripts[k], &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    access(o->scripts[k], R_OK) != 0)
			return usage_error("cannot read script '%s': %s", o->scripts[k],
			                   stat(o->scripts[k], &sb) != 0 ? strerror(errno)
			                   : "not a regular file");
	}
	return EXIT_OK;
}

void cli_options_free(cli_options *o)
{
	free(o->each_values);
	o->each_values = NULL;
	o->neach = 0;
}

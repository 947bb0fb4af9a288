/*
 * options.c -- the brief command line: the usage text, and argv parsed into
 * cli_options with every value checked.
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
#include "output/save.h"
#include "script/confine.h"
#include "util/path.h"

static const char usage[] =
	"usage: brief SCRIPT.lua [options]\n"
	"       brief batch [-j N] [--summary FILE.json] [options] SCRIPT.lua...\n"
	"\n"
	"Runs an analyst's Lua script against the ASEAN-ROK relations dataset and\n"
	"writes the briefing it composes as a PDF.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE        where the PDF goes (default: reports/<script>.pdf,\n"
	"                           or reports/<script>-<k>-<v>.pdf with --set)\n"
	"  -s, --set KEY=VALUE      a parameter, seen as brief.params.KEY (repeatable)\n"
	"      --data DIR           dataset folder (default: the project's data/)\n"
	"      --check              run and lay out fully, write nothing\n"
	"      --provenance FILE.json  for every page of every PDF written, the dataset\n"
	"                           records whose values are on it (not with batch)\n"
	"      --strict             warnings (uncovered characters, overflow) are failures\n"
	"limits (hitting one stops the script with exit code 6 and says which):\n"
	"      --timeout SECONDS    wall clock per script (default 60)\n"
	"      --max-memory MB      Lua memory per script (default 512); the worker's\n"
	"                           whole address space is this plus 768 MB\n"
	"      --max-instructions N Lua instructions per script (default 2000000000)\n"
	"      --max-pages N        pages per document (default 10000, at most 32767)\n"
	"      --max-output MB      size of each PDF written (default 1024)\n"
	"      --max-image-pixels N width x height of one image (default 50000000)\n"
	"      A text that becomes a PDF string (a title, author, heading, link) holds\n"
	"      at most 65535 bytes, the PDF library's fixed limit.\n"
	"  -q, --quiet              no warnings or progress\n"
	"  -v, --verbose            Lua tracebacks with errors\n"
	"      --help, --version\n"
	"batch:\n"
	"  -j, --jobs N             scripts run N at a time (default: the number of CPUs)\n"
	"      --summary FILE.json  a JSON summary of every script's result\n"
	"\n"
	"exit codes:\n"
	"  0  success\n"
	"  1  internal error (out of memory, fonts missing, cannot start a worker)\n"
	"  2  usage error (bad command line)\n"
	"  3  script error (a Lua error or a misuse of the API, named FILE:LINE)\n"
	"  4  data error (a dataset file failed validation, named FILE:LINE)\n"
	"  5  output error (the PDF could not be written)\n"
	"  6  stopped: a limit above was reached, or the worker crashed\n"
	"  7  --strict and the layout gave warnings\n"
	"  130, 143  stopped by SIGINT or SIGTERM: workers stopped, nothing written\n"
	"A batch exits with the first failing script's code, 0 if all succeeded.\n"
	"\n"
	"A run writes nothing unless it succeeds: every PDF it saves is committed\n"
	"together at the end. Scripts read only beneath their own folder, the data\n"
	"and templates folders, and write only beneath the output folder (the folder\n"
	"of -o, default reports/), as regular files.\n";

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
	for (; i < argc; i++) {
		const char *a = argv[i];
		char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define IS(s, l) (strcmp(a, s) == 0 || strcmp(a, l) == 0)
#define NEED() do { if (!val) return usage_error("option %s needs a value", a); i++; } while (0)
		double d;
		if (IS("-h", "--help")) {
			char layers[512];
			confine_probe(layers, sizeof layers);
			printf("%s\nworkers on this machine: %s\n", usage, layers);
			exit(EXIT_OK);
		} else if (strcmp(a, "--version") == 0) {
			char layers[512];
			confine_probe(layers, sizeof layers);
			printf("brief %s\n%s\n", BRIEF_VERSION, layers);
			exit(EXIT_OK);
		} else if (IS("-o", "--output")) {
			NEED();
			if (o->batch)
				return usage_error("%s does not apply to a batch", a);
			if (!*val)
				return usage_error("%s needs a file name", a);
			if (strlen(val) >= PATH_LIMIT)
				return usage_error("%s: the path is longer than %d bytes", a, PATH_LIMIT - 1);
			o->output = val;
		} else if (IS("-s", "--set")) {
			NEED();
			const char *eq = strchr(val, '=');
			if (!eq || eq == val)
				return usage_error("--set needs KEY=VALUE, got '%s'", val);
			if (o->nparams == CLI_MAX_PARAMS)
				return usage_error("%s", "too many --set options (64 at most)");
			argv[i][eq - val] = '\0';     /* KEY=VALUE split in place */
			o->params[o->nparams++] = (run_param){argv[i], eq + 1};
		} else if (strcmp(a, "--data") == 0) {
			NEED();
			if (!*val || strlen(val) >= PATH_LIMIT)
				return usage_error("--data needs a folder name shorter than %d bytes",
				                   PATH_LIMIT);
			o->data_dir = val;
		} else if (strcmp(a, "--provenance") == 0) {
			NEED();
			size_t len = strlen(val);
			if (o->batch)
				return usage_error("%s does not apply to a batch", a);
			if (len < 6 || strcmp(val + len - 5, ".json") != 0)
				return usage_error("--provenance needs a file name ending in .json, got '%s'",
				                   val);
			if (len >= PATH_LIMIT)
				return usage_error("%s: the path is longer than %d bytes", a, PATH_LIMIT - 1);
			o->provenance = val;
		} else if (strcmp(a, "--summary") == 0) {
			NEED();
			if (!*val || strlen(val) >= PATH_LIMIT)
				return usage_error("--summary needs a file name shorter than %d bytes",
				                   PATH_LIMIT);
			o->summary = val;
		} else if (IS("-j", "--jobs")) {
			NEED();
			if (!number_arg(val, 1, 256, &d) || d != (int)d)
				return usage_error("-j needs a number from 1 to 256, got '%s'", val);
			o->jobs = (int)d;
		} else if (strcmp(a, "--timeout") == 0) {
			NEED();
			if (!number_arg(val, 0.01, 86400, &d))
				return usage_error("--timeout needs seconds (0.01 to 86400), got '%s'", val);
			o->limits.seconds = d;
		} else if (strcmp(a, "--max-memory") == 0) {
			NEED();
			if (!number_arg(val, 1, 65536, &d))
				return usage_error("--max-memory needs megabytes (1 to 65536), got '%s'", val);
			o->limits.memory = (size_t)(d * 1048576);
		} else if (strcmp(a, "--max-pages") == 0) {
			NEED();
			if (!number_arg(val, 1, SAVE_MAX_PAGES, &d) || d != (int)d)
				return usage_error("--max-pages needs a number from 1 to %d, got '%s'",
				                   SAVE_MAX_PAGES, val);
			o->limits.pages = (int)d;
		} else if (strcmp(a, "--max-output") == 0) {
			NEED();
			if (!number_arg(val, 1, 1048576, &d))
				return usage_error("--max-output needs megabytes (1 to 1048576), got '%s'",
				                   val);
			o->limits.output_bytes = (unsigned long long)(d * 1048576);
		} else if (strcmp(a, "--max-image-pixels") == 0) {
			NEED();
			if (!number_arg(val, 1, 1e10, &d) || d != (long long)d)
				return usage_error("--max-image-pixels needs a whole number from 1 to "
				                   "10000000000, got '%s'", val);
			o->limits.image_pixels = (long long)d;
		} else if (strcmp(a, "--max-instructions") == 0) {
			NEED();
			if (!number_arg(val, 1000, 1e15, &d))
				return usage_error("--max-instructions needs a number of at least 1000, "
				                   "got '%s'", val);
			o->limits.instructions = (long long)d;
		} else if (strcmp(a, "--each") == 0) {
			NEED();
			if (!o->batch)
				return usage_error("%s", "--each applies to a batch");
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
		} else if (strcmp(a, "--shard") == 0) {
			NEED();
			int k, n, used = 0;
			if (!o->batch)
				return usage_error("%s", "--shard applies to a batch");
			if (sscanf(val, "%d/%d%n", &k, &n, &used) != 2 || val[used] || n < 1 ||
			    n > 1000000 || k < 0 || k >= n)
				return usage_error("--shard needs K/N with 0 <= K < N, got '%s'", val);
			o->shard_index = k;
			o->shard_count = n;
		} else if (strcmp(a, "--watch") == 0) {
			o->watch = true;
		} else if (strcmp(a, "--check") == 0) {
			o->check = true;
		} else if (strcmp(a, "--strict") == 0) {
			o->strict = true;
		} else if (IS("-q", "--quiet")) {
			o->quiet = true;
		} else if (IS("-v", "--verbose")) {
			o->verbose = true;
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option '%s'", a);
		} else {
			o->scripts[o->nscripts++] = a;
		}
#undef IS
#undef NEED
	}
	if (o->nscripts == 0)
		return usage_error("%s", o->batch ? "batch needs at least one script" : "no script given");
	if (!o->batch && o->nscripts > 1)
		return usage_error("one script at a time (use 'brief batch' for '%s' and more)",
		                   o->scripts[1]);
	if (o->summary && !o->batch)
		return usage_error("%s", "--summary applies to a batch");
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


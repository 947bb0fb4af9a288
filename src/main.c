/*
 * main.c -- the brief command: options, the dataset, one script or a batch.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/dataset.h"
#include "layout/fonts.h"
#include "script/host.h"
#include "script/run.h"

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
	"      --strict             warnings (uncovered characters, overflow) are failures\n"
	"      --timeout SECONDS    wall-clock limit per script (default 60)\n"
	"      --max-memory MB      Lua memory limit per script (default 512)\n"
	"      --max-instructions N Lua instruction limit per script (default 2000000000)\n"
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
	"  6  stopped: time, instruction or memory limit exceeded, or the worker crashed\n"
	"  7  --strict and the layout gave warnings\n"
	"A batch exits with the first failing script's code, 0 if all succeeded.\n";

typedef struct options {
	const char *output, *data_dir, *summary;
	run_param params[64];
	int nparams;
	run_limits limits;
	bool check, strict, quiet, verbose, batch;
	int jobs;
	const char **scripts;
	int nscripts;
} options;

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

static int parse(int argc, char **argv, options *o)
{
	o->limits = (run_limits){512u << 20, 2000000000LL, 60};
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	o->jobs = cpus > 0 ? (int)cpus : 1;
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
			fputs(usage, stdout);
			exit(EXIT_OK);
		} else if (strcmp(a, "--version") == 0) {
			printf("brief %s\n", BRIEF_VERSION);
			exit(EXIT_OK);
		} else if (IS("-o", "--output")) {
			NEED();
			if (o->batch)
				return usage_error("%s does not apply to a batch", a);
			o->output = val;
		} else if (IS("-s", "--set")) {
			NEED();
			const char *eq = strchr(val, '=');
			if (!eq || eq == val)
				return usage_error("--set needs KEY=VALUE, got '%s'", val);
			if (o->nparams == 64)
				return usage_error("%s", "too many --set options (64 at most)");
			argv[i][eq - val] = '\0';     /* KEY=VALUE split in place */
			o->params[o->nparams++] = (run_param){argv[i], eq + 1};
		} else if (strcmp(a, "--data") == 0) {
			NEED();
			o->data_dir = val;
		} else if (strcmp(a, "--summary") == 0) {
			NEED();
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
		} else if (strcmp(a, "--max-instructions") == 0) {
			NEED();
			if (!number_arg(val, 1000, 1e15, &d))
				return usage_error("--max-instructions needs a number of at least 1000, "
				                   "got '%s'", val);
			o->limits.instructions = (long long)d;
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
	for (int k = 0; k < o->nscripts; k++)
		if (access(o->scripts[k], R_OK) != 0)
			return usage_error("cannot read script '%s'", o->scripts[k]);
	return EXIT_OK;
}

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

/* reports/<script name>[-k-v...].pdf */
static void default_output(const options *o, const char *script, char *out, size_t n)
{
	const char *base = strrchr(script, '/');
	base = base ? base + 1 : script;
	size_t len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".lua") == 0)
		len -= 4;
	size_t k = (size_t)snprintf(out, n, "reports/%.*s", (int)len, base);
	for (int i = 0; i < o->nparams && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "-%s-%s", o->params[i].key, o->params[i].value);
	for (char *p = out + 8; *p; p++)
		if (*p == '/' || *p == ' ' || *p == '\\')
			*p = '_';
	if (k < n)
		snprintf(out + k, n - k, ".pdf");
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static int batch(const options *o, run_job *base)
{
	int n = o->nscripts;
	host_result *results = calloc((size_t)n, sizeof *results);
	char (*outputs)[4096] = calloc((size_t)n, sizeof *outputs);
	pid_t *pids = calloc((size_t)n, sizeof *pids);
	int *pipes = calloc((size_t)n, sizeof *pipes);
	if (!results || !outputs || !pids || !pipes) {
		fprintf(stderr, "brief: out of memory\n");
		return EXIT_INTERNAL;
	}
	bool tty = isatty(STDERR_FILENO) && !o->quiet;
	int next = 0, running = 0, done = 0;
	while (done < n) {
		while (running < o->jobs && next < n) {
			int k = next++;
			default_output(o, o->scripts[k], outputs[k], sizeof outputs[k]);
			int fds[2];
			if (pipe(fds) != 0) {
				results[k].code = EXIT_INTERNAL;
				snprintf(results[k].message, sizeof results[k].message, "cannot start: %s",
				         strerror(errno));
				done++;
				continue;
			}
			fflush(stdout);
			fflush(stderr);
			pid_t pid = fork();
			if (pid == 0) {
				close(fds[0]);
				run_job job = *base;
				job.script = o->scripts[k];
				job.output = outputs[k];
				host_result r;
				host_run(&job, &r);
				ssize_t w = write(fds[1], &r, sizeof r);
				_exit(w == (ssize_t)sizeof r ? 0 : 1);
			}
			close(fds[1]);
			pids[k] = pid;
			pipes[k] = fds[0];
			running++;
		}
		/* wait for any running script to report */
		for (int k = 0; k < next; k++) {
			if (pids[k] <= 0)
				continue;
			struct pollfd p = {pipes[k], POLLIN, 0};
			if (poll(&p, 1, 10) <= 0)
				continue;
			ssize_t got = read(pipes[k], &results[k], sizeof results[k]);
			if (got != (ssize_t)sizeof results[k]) {
				memset(&results[k], 0, sizeof results[k]);
				results[k].code = EXIT_INTERNAL;
				snprintf(results[k].message, sizeof results[k].message,
				         "%s: its supervisor died", o->scripts[k]);
			}
			close(pipes[k]);
			waitpid(pids[k], NULL, 0);
			pids[k] = 0;
			running--;
			done++;
			if (results[k].code != EXIT_OK)
				fprintf(stderr, "%s%s\n", tty ? "\r\033[K" : "", results[k].message);
			if (tty)
				fprintf(stderr, "\r\033[K[%d/%d] %s %s", done, n,
				        results[k].code ? "failed" : "done", o->scripts[k]);
		}
	}
	if (tty)
		fputc('\n', stderr);
	int code = EXIT_OK, failed = 0;
	for (int k = 0; k < n; k++)
		if (results[k].code != EXIT_OK) {
			failed++;
			if (code == EXIT_OK)
				code = results[k].code;
		}
	if (!o->quiet)
		fprintf(stderr, "batch: %d scripts, %d succeeded, %d failed\n", n, n - failed, failed);
	if (o->summary) {
		char tmp[4200];
		snprintf(tmp, sizeof tmp, "%s.tmp", o->summary);
		FILE *f = fopen(tmp, "w");
		if (!f) {
			fprintf(stderr, "brief: cannot write %s: %s\n", o->summary, strerror(errno));
			return EXIT_OUTPUT;
		}
		fprintf(f, "{\"scripts\": %d, \"succeeded\": %d, \"failed\": %d, \"results\": [\n", n,
		        n - failed, failed);
		for (int k = 0; k < n; k++) {
			host_result *r = &results[k];
			fputs("  {\"script\": ", f);
			json_string(f, o->scripts[k]);
			fprintf(f, ", \"status\": \"%s\", \"exit_code\": %d, \"output\": ",
			        r->code ? "failed" : "ok", r->code);
			if (r->outputs)
				json_string(f, r->output);
			else
				fputs("null", f);
			fprintf(f, ", \"pages\": %d, \"seconds\": %.3f, \"error\": ", r->pages, r->seconds);
			if (r->code)
				json_string(f, r->message);
			else
				fputs("null", f);
			fprintf(f, "}%s\n", k + 1 < n ? "," : "");
		}
		fputs("]}\n", f);
		if (fclose(f) != 0 || rename(tmp, o->summary) != 0) {
			fprintf(stderr, "brief: cannot write %s: %s\n", o->summary, strerror(errno));
			return EXIT_OUTPUT;
		}
	}
	free(results);
	free(outputs);
	free(pids);
	free(pipes);
	return code;
}

int main(int argc, char **argv)
{
	options o = {0};
	int rc = parse(argc, argv, &o);
	if (rc != EXIT_OK)
		return rc;
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
		fprintf(stderr, "%s\n", err);
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
		rc = batch(&o, &job);
	} else {
		char out[4096];
		if (o.output)
			snprintf(out, sizeof out, "%s", o.output);
		else
			default_output(&o, o.scripts[0], out, sizeof out);
		job.script = o.scripts[0];
		job.output = out;
		host_result r;
		host_run(&job, &r);
		if (r.code != EXIT_OK)
			fprintf(stderr, "%s\n", r.message);
		else if (!o.quiet && r.outputs)
			fprintf(stderr, "%s: %d page%s%s\n", r.output, r.pages, r.pages == 1 ? "" : "s",
			        o.check ? " (--check: nothing written)" : "");
		rc = r.code;
	}
	fonts_free(fonts);
	ds_free(ds);
	return rc;
}

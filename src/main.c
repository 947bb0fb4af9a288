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
#include "script/confine.h"
#include "script/host.h"
#include "script/run.h"
#include "output/save.h"
#include "util/escape.h"
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

typedef struct options {
	const char *output, *data_dir, *summary, *provenance;
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
	o->limits = (run_limits){512u << 20, 2000000000LL, 60, 10000, 1ull << 30, 50000000LL};
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
			if (o->nparams == 64)
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

/* reports/<script name>[-k-v...].pdf, into out (PATH_LIMIT bytes); a name
 * that would not fit is shortened at a character boundary. */
static void default_output(const options *o, const char *script, char *out)
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
static void say(const char *prefix, const char *text, const char *suffix)
{
	char *safe = escape_terminal(text, strlen(text), 1);
	fprintf(stderr, "%s%s%s", prefix, safe ? safe : "(out of memory)", suffix);
	free(safe);
}

/* What a run says on stderr: its warnings, then its error or its outputs. */
static void report(const options *o, const host_result *r)
{
	for (int i = 0; i < r->nwarnings && !o->quiet; i++)
		say("", r->warnings[i], "\n");
	if (r->warnings_dropped && !o->quiet)
		fprintf(stderr, "(%d more warnings)\n", r->warnings_dropped);
	if (r->code != EXIT_OK) {
		say("", r->message ? r->message : "failed", "\n");
		return;
	}
	int total = 0;
	for (int i = 0; i < r->noutputs && !o->quiet && !o->batch; i++) {
		say("", r->outputs[i], "");
		int pages = r->output_pages ? r->output_pages[i] : r->pages;
		total += pages;
		fprintf(stderr, ": %d page%s%s\n", pages, pages == 1 ? "" : "s",
		        o->check ? " (--check: nothing written)" : "");
	}
	if (r->provenance && !o->quiet && !o->batch) {
		say("", r->provenance, "");
		fprintf(stderr, ": provenance of %d page%s%s\n", total, total == 1 ? "" : "s",
		        o->check ? " (--check: nothing written)" : "");
	}
}

/* The output folder of a target path: its folder, resolved. Refuses the
 * root of the file system and a target that exists and is not a regular
 * file (a device, a FIFO, a folder), before any script runs. */
static int output_folder(const char *target, char root[PATH_LIMIT], const char *what)
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
		say("brief: cannot write ", target, "");
		fprintf(stderr, ": %s (brief replaces only regular files; use --check to write "
		        "nothing)\n", why);
		return EXIT_OUTPUT;
	}
	if (st != PATH_OK) {
		say("brief: cannot write ", target, "");
		fprintf(stderr, ": %s\n", why);
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

/* The folder of --provenance, checked as -o's is (output_folder), into
 * proot; the file may not be the PDF's own (through a link, say). */
static int provenance_folder(const options *o, const char *pdf, const char *root,
                             char proot[PATH_LIMIT])
{
	int rc = output_folder(o->provenance, proot, "--provenance");
	if (rc != EXIT_OK)
		return rc;
	char a[PATH_LIMIT], b[PATH_LIMIT], why[PATH_LIMIT + 64];
	if (path_output(root, pdf, NULL, a, why, sizeof why) == PATH_OK &&
	    path_output(proot, o->provenance, NULL, b, why, sizeof why) == PATH_OK &&
	    strcmp(a, b) == 0) {
		say("brief: --provenance ", o->provenance, " is the PDF's own file; name another\n");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Writes the batch summary to path, through a temporary file beside it, as
 * valid JSON whatever the scripts' messages hold. */
static int write_summary(const options *o, const host_result *results)
{
	char root[PATH_LIMIT], target[PATH_LIMIT], why[PATH_LIMIT + 64], tmp[PATH_LIMIT + 16];
	int rc = output_folder(o->summary, root, "--summary");
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
static int check_summary(const options *o, char (*outputs)[PATH_LIMIT],
                         const host_claims *claims)
{
	char root[PATH_LIMIT], target[PATH_LIMIT], other[PATH_LIMIT], why[PATH_LIMIT + 64];
	int rc = output_folder(o->summary, root, "--summary");
	if (rc != EXIT_OK)
		return rc;
	path_output(root, o->summary, NULL, target, why, sizeof why);
	for (int k = 0; outputs && k < o->nscripts; k++)
		if (path_resolve(outputs[k], NULL, other) == PATH_OK && strcmp(other, target) == 0) {
			say("brief: --summary ", o->summary, "");
			say(" is the PDF of ", o->scripts[k], "; name another file\n");
			return EXIT_USAGE;
		}
	for (int k = 0; claims && k < claims->n; k++)
		if (strcmp(claims->paths[k], target) == 0) {
			say("brief: cannot write the summary ", o->summary, "");
			say(": ", claims->owners[k], " of this batch wrote that file; no summary written\n");
			return EXIT_OUTPUT;
		}
	return EXIT_OK;
}

/* The default output of every script of a batch; two scripts of the same
 * name (a/x.lua, b/x.lua) would write the same reports/x.pdf, so the later
 * ones get reports/x-2.pdf, x-3.pdf..., and brief says so. */
static int batch_outputs(const options *o, char (*outputs)[PATH_LIMIT])
{
	for (int k = 0; k < o->nscripts; k++) {
		default_output(o, o->scripts[k], outputs[k]);
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
			say("brief: ", o->scripts[k], "");
			say(": its output would collide with another script's: writing ", outputs[k],
			    " instead\n");
		}
	}
	return EXIT_OK;
}

/* A batch under way: every script's result, and the workers running. */
typedef struct batch_run {
	const options *o;
	const run_job *base;
	char root[PATH_LIMIT];          /* the output folder, shared */
	char (*outputs)[PATH_LIMIT];    /* each script's default output */
	host_result *results;
	host_worker **running;          /* nrunning of them, for scripts index[] */
	int *index;
	int nrunning, next, done;
	host_claims claims;             /* what the batch has written so far */
	bool tty;                       /* a progress line on stderr */
} batch_run;

/* Starts scripts until -j of them run or none is left. */
static void start_scripts(batch_run *b)
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
static void finish_scripts(batch_run *b, bool all)
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
		report(b->o, &b->results[k]);
		if (b->tty) {
			fprintf(stderr, "[%d/%d] %s ", b->done, b->o->nscripts,
			        b->results[k].code ? "failed" : "done");
			say("", b->o->scripts[k], "");
		}
	}
}

/* The batch's exit code: the first failing script's, 128 + the signal
 * after an interrupt; prints the tally. */
static int tally(const batch_run *b, int interrupted)
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

static int batch(const options *o, run_job *base)
{
	int n = o->nscripts;
	batch_run b = {.o = o, .base = base, .tty = isatty(STDERR_FILENO) && !o->quiet};
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
		code = output_folder(b.outputs[0], b.root, "the output folder");
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

int main(int argc, char **argv)
{
	options o = {0};
	int rc = parse(argc, argv, &o);
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
		say("", err, "\n");
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
		char out[PATH_LIMIT], root[PATH_LIMIT];
		if (o.output)
			snprintf(out, sizeof out, "%s", o.output);
		else
			default_output(&o, o.scripts[0], out);
		char proot[PATH_LIMIT];
		rc = output_folder(out, root, "-o");
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
			report(&o, &r);
			rc = r.code;
			host_result_free(&r);
		}
	}
	fonts_free(fonts);
	ds_free(ds);
	return rc;
}

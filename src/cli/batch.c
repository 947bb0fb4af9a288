/*
 * batch.c -- brief batch: a job list (scripts x --each values), the slice
 * of it --shard keeps, run -j at a time, each job in its own worker
 * (script/host.h) whose outputs commit when it succeeds; a progress line on
 * a terminal and a JSON summary of every job.
 *
 * The job list is the same on every machine for the same command line:
 * script-major, --each values in the order given. Each job's default output
 * and its collision suffix (reports/x-2.pdf) are computed over the full
 * list before --shard K/N keeps the jobs whose index i has i % N == K, so N
 * shards together write exactly what one machine would.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/outputs.h"
#include "data/dataset.h"
#include "script/host.h"
#include "util/escape.h"
#include "util/path.h"

/* The most jobs one command line may make (scripts x --each values): every
 * job's output name is held in memory to find collisions. */
#define BATCH_MAX_JOBS 1000000

/* One job of the shard: a script, with one --each value or none. */
typedef struct batch_job {
	int index;                  /* in the full job list, before --shard */
	int script;                 /* in o->scripts */
	int value;                  /* in o->each_values; -1 without --each */
	char *output;               /* its default output, collision suffix applied */
	run_param *params;          /* --set, then KEY=value; while it runs */
	bool finished;
	host_result result;
} batch_job;

/* A batch under way. */
typedef struct batch_state {
	const cli_options *o;
	const run_job *base;
	char root[PATH_LIMIT];      /* the output folder, resolved, shared */
	batch_job *jobs;            /* the shard's jobs, in job-list order */
	int njobs, ntotal;          /* the shard's, and the full list's */
	host_worker **running;      /* nrunning workers, running jobs slot[] */
	int *slot;
	int nrunning, next, done;
	host_claims claims;         /* what the batch has written so far */
	bool tty;                   /* a progress line on stderr */
} batch_state;

/* ---- the job list ------------------------------------------------------------------ */

/* The output names taken so far, open addressing over FNV-1a hashes; the
 * strings are the jobs', not the set's. Each name keeps the suffix to try
 * next for names that collide with it: every base-m.pdf with 2 <= m < next
 * is taken, so a thousand jobs of one name cost a thousand probes, not a
 * million. */
typedef struct name_entry {
	const char *name;
	int next;
} name_entry;

typedef struct name_set {
	name_entry *slots;
	size_t mask;
} name_set;

static uint64_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The entry holding name, or the empty one where it would go. */
static name_entry *name_slot(const name_set *set, const char *name)
{
	size_t i = (size_t)name_hash(name) & set->mask;
	while (set->slots[i].name && strcmp(set->slots[i].name, name) != 0)
		i = (i + 1) & set->mask;
	return &set->slots[i];
}

/* The default output of the job (script k, --each value v or -1), into
 * out: cli_default_output() over --set and then KEY=value. */
static void job_default_output(const cli_options *o, int k, int v, char *out)
{
	cli_options with = *o;
	if (v >= 0)
		with.params[with.nparams++] = (run_param){o->each_key, o->each_values[v]};
	cli_default_output(&with, o->scripts[k], out);
}

/* Names the output of every job of the full list, in order: a name taken
 * by an earlier job (a/x.lua and b/x.lua, or a repeated --each value) gets
 * -2, -3... before .pdf, so every machine of a sharded batch picks the same
 * name. Keeps only the shard's jobs in b->jobs and says, for those, which
 * ones were renamed. Returns EXIT_OK or EXIT_INTERNAL (out of memory). */
static int make_jobs(batch_state *b)
{
	const cli_options *o = b->o;
	int per = o->each_key ? o->neach : 1, total = b->ntotal;
	size_t cap = 16;
	while (cap < (size_t)total * 2)
		cap *= 2;
	name_set set = {calloc(cap, sizeof *set.slots), cap - 1};
	char **names = calloc((size_t)total, sizeof *names);
	b->jobs = calloc((size_t)(total / o->shard_count + 1), sizeof *b->jobs);
	int rc = set.slots && names && b->jobs ? EXIT_OK : EXIT_INTERNAL;
	for (int i = 0; i < total && rc == EXIT_OK; i++) {
		char name[PATH_LIMIT], base[PATH_LIMIT];
		int k = i / per, v = o->each_key ? i % per : -1;
		job_default_output(o, k, v, name);
		snprintf(base, sizeof base, "%.*s", (int)strlen(name) - 4, name);    /* no .pdf */
		name_entry *first = name_slot(&set, name), *at = first;
		int n = first->name ? first->next : 2;
		for (; at->name; n++) {
			snprintf(name, sizeof name, "%.*s-%d.pdf", PATH_LIMIT - 32, base, n);
			at = name_slot(&set, name);
		}
		if (first != at)
			first->next = n;
		if (!(names[i] = strdup(name))) {
			rc = EXIT_INTERNAL;
			break;
		}
		*at = (name_entry){names[i], 2};
		if (i % o->shard_count != o->shard_index)
			continue;
		b->jobs[b->njobs++] = (batch_job){.index = i, .script = k, .value = v,
		                                  .output = names[i]};
		names[i] = NULL;        /* the job's now */
		if (strcmp(name + strlen(base), ".pdf") != 0 && !o->quiet) {
			cli_say("brief: ", o->scripts[k], "");
			if (v >= 0) {
				cli_say(" (", o->each_key, "=");
				cli_say("", o->each_values[v], ")");
			}
			cli_say(": its output would collide with an earlier job's: writing ", name,
			        " instead\n");
		}
	}
	for (int i = 0; names && i < total; i++)
		free(names[i]);
	free(names);
	free(set.slots);
	if (rc != EXIT_OK)
		fprintf(stderr, "brief: out of memory\n");
	return rc;
}

/* Checks what the command line asks of the job list: its size, --each
 * values that are not empty, and a --each KEY not also given with --set
 * (which value would the script see?). Returns EXIT_OK or EXIT_USAGE. */
static int check_job_list(const cli_options *o, int *total)
{
	int per = o->each_key ? o->neach : 1;
	if (o->nscripts > BATCH_MAX_JOBS / per) {
		fprintf(stderr, "brief: %d scripts x %d values is more than %d jobs; split the "
		        "batch\n", o->nscripts, per, BATCH_MAX_JOBS);
		return EXIT_USAGE;
	}
	*total = o->nscripts * per;
	if (!o->each_key)
		return EXIT_OK;
	for (int v = 0; v < o->neach; v++)
		if (!o->each_values[v][0]) {
			cli_say("brief: --each ", o->each_key, "");
			fprintf(stderr, ": value %d is empty\n", v + 1);
			return EXIT_USAGE;
		}
	for (int i = 0; i < o->nparams; i++)
		if (strcmp(o->params[i].key, o->each_key) == 0) {
			cli_say("brief: --each ", o->each_key, " and --set ");
			cli_say("", o->each_key, " both give that parameter; give it once\n");
			return EXIT_USAGE;
		}
	if (o->nparams == CLI_MAX_PARAMS) {
		fprintf(stderr, "brief: --each and %d --set options are too many parameters "
		        "(%d at most)\n", o->nparams, CLI_MAX_PARAMS);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* ---- the summary ------------------------------------------------------------------- */

/* Where a message says it comes from: "FILE:LINE: text" (file and line),
 * "SCRIPT: text" (the job's script, no line), else neither. */
typedef struct located {
	char *file;                 /* malloc'd, or NULL */
	long line;                  /* 0 when none */
	const char *text;           /* the rest, within the message */
} located;

static located locate(const char *msg, const char *script)
{
	located at = {NULL, 0, msg};
	size_t n = strlen(script);
	const char *p = strncmp(msg, script, n) == 0 && msg[n] == ':' ? msg + n : strchr(msg, ':');
	for (; p; p = strchr(p + 1, ':')) {
		const char *d = p + 1;
		while (*d >= '0' && *d <= '9')
			d++;
		if (memchr(msg, '\n', (size_t)(p - msg)))
			break;                  /* past the first line */
		if (p > msg && d > p + 1 && d - p < 12 && *d == ':' && d[1] == ' ' &&
		    (p == msg + n || !memmem(msg, (size_t)(p - msg), ": ", 2))) {
			at.file = strndup(msg, (size_t)(p - msg));
			at.line = strtol(p + 1, NULL, 10);
			at.text = d + 2;
			return at;
		}
	}
	if (strncmp(msg, script, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ') {
		at.file = strdup(script);
		at.text = msg + n + 2;
	}
	return at;
}

/* Writes {"file": ..., "line": ..., "message": ...} for a message; a
 * warning's "warning: " is not part of its message. */
static void write_located(FILE *f, const char *msg, const char *script)
{
	located at = locate(msg, script);
	if (strncmp(at.text, "warning: ", 9) == 0)
		at.text += 9;
	fputs("{\"file\": ", f);
	if (at.file)
		escape_json(f, at.file);
	else
		fputs("null", f);
	if (at.line > 0)
		fprintf(f, ", \"line\": %ld, \"message\": ", at.line);
	else
		fputs(", \"line\": null, \"message\": ", f);
	escape_json(f, at.text);
	fputc('}', f);
	free(at.file);
}

/* The parameters the job's script saw, as a JSON object: --set (the last
 * of a repeated key), then the --each value. */
static void write_params(FILE *f, const cli_options *o, const batch_job *j)
{
	fputc('{', f);
	bool first = true;
	for (int i = 0; i < o->nparams; i++) {
		bool later = false;
		for (int k = i + 1; k < o->nparams && !later; k++)
			later = strcmp(o->params[k].key, o->params[i].key) == 0;
		if (later)
			continue;
		fputs(first ? "" : ", ", f);
		first = false;
		escape_json(f, o->params[i].key);
		fputs(": ", f);
		escape_json(f, o->params[i].value);
	}
	if (j->value >= 0) {
		fputs(first ? "" : ", ", f);
		escape_json(f, o->each_key);
		fputs(": ", f);
		escape_json(f, o->each_values[j->value]);
	}
	fputc('}', f);
}

/* One job's entry of the summary. */
static void write_result(FILE *f, const cli_options *o, const batch_job *j)
{
	const host_result *r = &j->result;
	const char *script = o->scripts[j->script];
	const char *output = r->noutputs && !o->check ? r->outputs[r->noutputs - 1] : NULL;
	struct stat sb;
	long long bytes = output && stat(output, &sb) == 0 ? (long long)sb.st_size : 0;
	fprintf(f, "  {\"job\": %d, \"script\": ", j->index);
	escape_json(f, script);
	fputs(", \"params\": ", f);
	write_params(f, o, j);
	fprintf(f, ", \"status\": \"%s\", \"exit_code\": %d, \"output\": ",
	        r->code ? "failed" : "ok", r->code);
	if (output)
		escape_json(f, output);
	else
		fputs("null", f);
	fputs(", \"outputs\": [", f);
	for (int i = 0; i < r->noutputs && !o->check; i++) {
		fputs(i ? ", " : "", f);
		escape_json(f, r->outputs[i]);
	}
	fprintf(f, "], \"pages\": %d, \"bytes\": %lld, \"seconds\": %.3f, \"warnings\": [",
	        r->pages, bytes, r->seconds);
	for (int i = 0; i < r->nwarnings; i++) {
		fputs(i ? ", " : "", f);
		write_located(f, r->warnings[i], script);
	}
	fprintf(f, "], \"warnings_dropped\": %d, \"error\": ", r->warnings_dropped);
	if (r->code) {
		write_located(f, r->message ? r->message : "failed", script);
		fputs(", \"error_text\": ", f);
		escape_json(f, r->message ? r->message : "failed");
	} else {
		fputs("null, \"error_text\": null", f);
	}
	fputc('}', f);
}

/* The whole summary: what ran it (brief, the dataset, the shard), the
 * tally, then every job of the shard in job-list order. */
static void write_summary_to(FILE *f, const batch_state *b)
{
	const cli_options *o = b->o;
	int failed = 0;
	for (int k = 0; k < b->njobs; k++)
		failed += b->jobs[k].result.code != EXIT_OK;
	fputs("{\"brief_version\": ", f);
	escape_json(f, BRIEF_VERSION);
	fputs(", \"dataset_version\": ", f);
	escape_json(f, ds_version(b->base->data));
	fprintf(f, ", \"shard\": {\"index\": %d, \"count\": %d}, \"batch_jobs\": %d, "
	        "\"jobs\": %d, \"scripts\": %d, \"succeeded\": %d, \"failed\": %d, "
	        "\"results\": [\n", o->shard_index, o->shard_count, b->ntotal, b->njobs,
	        o->nscripts, b->njobs - failed, failed);
	for (int k = 0; k < b->njobs; k++) {
		write_result(f, o, &b->jobs[k]);
		fputs(k + 1 < b->njobs ? ",\n" : "\n", f);
	}
	fputs("]}\n", f);
}

/* Writes the batch summary to --summary, through a temporary file beside
 * it renamed into place, as valid JSON whatever the scripts' messages
 * hold. */
static int write_summary(const batch_state *b)
{
	const cli_options *o = b->o;
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
	write_summary_to(f, b);
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

/* Checks the --summary path before the batch runs (jobs: their default
 * PDFs) and again before it is written (claims: every PDF the batch
 * wrote): a regular file or nothing yet, not the root folder, and never a
 * PDF of the batch. */
static int check_summary(const batch_state *b, const batch_job *jobs, int njobs,
                         const host_claims *claims)
{
	const cli_options *o = b->o;
	char root[PATH_LIMIT], target[PATH_LIMIT], other[PATH_LIMIT], why[PATH_LIMIT + 64];
	int rc = cli_output_folder(o->summary, root, "--summary");
	if (rc != EXIT_OK)
		return rc;
	path_output(root, o->summary, NULL, target, why, sizeof why);
	for (int k = 0; k < njobs; k++)
		if (path_resolve(jobs[k].output, NULL, other) == PATH_OK && strcmp(other, target) == 0) {
			cli_say("brief: --summary ", o->summary, "");
			cli_say(" is the PDF of ", o->scripts[jobs[k].script], "; name another file\n");
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

/* ---- running the jobs ------------------------------------------------------------------ */

/* Starts job j in a new worker, in the next running slot. Its parameters
 * (--set, then KEY=value) live with the job until it finishes. */
static void start_job(batch_state *b, batch_job *j)
{
	const cli_options *o = b->o;
	run_job job = *b->base;
	job.script = o->scripts[j->script];
	job.output = j->output;
	job.output_root = b->root;
	if (j->value >= 0) {
		j->params = calloc((size_t)o->nparams + 1, sizeof *j->params);
		if (j->params) {
			memcpy(j->params, o->params, (size_t)o->nparams * sizeof *j->params);
			j->params[o->nparams] = (run_param){o->each_key, o->each_values[j->value]};
			job.params = j->params;
			job.nparams = o->nparams + 1;
		}
	}
	host_worker *w = j->value < 0 || j->params ? host_start(&job) : NULL;
	if (!w) {               /* out of memory: the job failed, nothing runs */
		j->result = (host_result){.code = EXIT_INTERNAL};
		if (asprintf(&j->result.message, "%s: out of memory", job.script) < 0)
			j->result.message = NULL;
		j->finished = true;
		b->done++;
		cli_report(o, &j->result);
		return;
	}
	b->slot[b->nrunning] = (int)(j - b->jobs);
	b->running[b->nrunning++] = w;
}

/* Starts jobs until -j of them run, not counting the ready ones (done,
 * not yet finished), or none is left, or a signal came. */
static void start_jobs(batch_state *b, int ready)
{
	while (b->nrunning - ready < b->o->jobs && b->next < b->njobs && !host_interrupted())
		start_job(b, &b->jobs[b->next++]);
}

static int ready_workers(const batch_state *b)
{
	int n = 0;
	for (int i = 0; i < b->nrunning; i++)
		n += host_done(b->running[i]);
	return n;
}

/* The progress line, "[done/total] ok|failed script KEY=value", cut to the
 * terminal's width so that \r rewrites it in place. */
static void progress(const batch_state *b, const batch_job *j)
{
	const cli_options *o = b->o;
	char line[PATH_LIMIT + 512];
	snprintf(line, sizeof line, "[%d/%d] %s %s%s%s%s", b->done, b->njobs,
	         j->result.code ? "failed" : "ok", o->scripts[j->script], j->value >= 0 ? " " : "",
	         j->value >= 0 ? o->each_key : "", j->value >= 0 ? "=" : "");
	if (j->value >= 0)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s",
		         o->each_values[j->value]);
	char *safe = escape_terminal(line, strlen(line), 0);
	struct winsize ws;
	size_t width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col : 80;
	if (safe)
		safe[escape_cut(safe, strlen(safe), width - 1)] = '\0';
	fprintf(stderr, "\r\033[K%s", safe ? safe : "");
	free(safe);
}

/* Finishes every worker that is done (all of them after a signal):
 * commits its outputs and says how it went. */
static void finish_jobs(batch_state *b, bool all)
{
	for (int i = 0; i < b->nrunning; i++) {
		if (!all && !host_done(b->running[i]))
			continue;
		batch_job *j = &b->jobs[b->slot[i]];
		host_finish(b->running[i], &b->claims, &j->result);
		free(j->params);
		j->params = NULL;
		j->finished = true;
		b->running[i] = b->running[--b->nrunning];
		b->slot[i] = b->slot[b->nrunning];
		i--;
		b->done++;
		if (b->tty)
			fputs("\r\033[K", stderr);
		if (j->value >= 0 && (j->result.code || (j->result.nwarnings && !b->o->quiet))) {
			cli_say("", b->o->scripts[j->script], " (");     /* which of the sweep */
			cli_say("", b->o->each_key, "=");
			cli_say("", b->o->each_values[j->value], "):\n");
		}
		cli_report(b->o, &j->result);
		if (b->tty)
			progress(b, j);
	}
}

/* Runs the shard's jobs, -j at a time, to the end or until a signal.
 * A worker that is done is replaced before it is finished: its exit, the
 * parent's commit (a copy and an fsync) and the next fork then overlap
 * the other workers' runs instead of leaving a CPU idle. Returns the
 * signal that stopped brief, or 0. */
static int run_jobs(batch_state *b)
{
	while (b->done < b->njobs) {
		start_jobs(b, 0);
		int stop = host_interrupted();
		if (!stop && ready_workers(b) == 0)
			stop = host_wait(b->running, b->nrunning);
		if (stop) {
			host_stop_all();
			finish_jobs(b, true);
			return stop;
		}
		start_jobs(b, ready_workers(b));
		finish_jobs(b, false);
	}
	return 0;
}

/* The batch's exit code: the first failing job's (in job-list order),
 * 128 + the signal after one; prints the tally. */
static int tally(const batch_state *b, int interrupted)
{
	int code = EXIT_OK, failed = 0;
	for (int k = 0; k < b->njobs; k++)
		if (!b->jobs[k].finished || b->jobs[k].result.code != EXIT_OK) {
			failed++;
			if (code == EXIT_OK)
				code = b->jobs[k].finished ? b->jobs[k].result.code : EXIT_INTERNAL;
		}
	if (interrupted)
		code = 128 + interrupted;
	if (b->tty && b->done > 0)
		fputc('\n', stderr);
	if (!b->o->quiet)
		fprintf(stderr, "batch: %d job%s, %d succeeded, %d failed%s\n", b->njobs,
		        b->njobs == 1 ? "" : "s", b->njobs - failed, failed,
		        interrupted ? " (interrupted)" : "");
	return code;
}

/* Checks the output folder and the summary's path, then runs the jobs. */
static int run_batch(batch_state *b)
{
	int n = b->njobs < b->o->jobs ? b->njobs : b->o->jobs;
	b->running = calloc((size_t)n * 2 + 1, sizeof *b->running);    /* -j, and as many ready */
	b->slot = calloc((size_t)n * 2 + 1, sizeof *b->slot);
	if (!b->running || !b->slot) {
		fprintf(stderr, "brief: out of memory\n");
		return EXIT_INTERNAL;
	}
	int code = EXIT_OK;
	if (b->njobs > 0)
		code = cli_output_folder(b->jobs[0].output, b->root, "the output folder");
	if (code == EXIT_OK && b->o->summary)
		code = check_summary(b, b->jobs, b->njobs, NULL);
	if (code != EXIT_OK)
		return code;
	int interrupted = run_jobs(b);
	code = tally(b, interrupted);
	if (b->o->summary && !interrupted) {
		int written = check_summary(b, NULL, 0, &b->claims);
		if (written == EXIT_OK)
			written = write_summary(b);
		code = code == EXIT_OK ? written : code;
	}
	return code;
}

int batch_run(const cli_options *o, const run_job *base)
{
	batch_state b = {.o = o, .base = base, .tty = isatty(STDERR_FILENO) && !o->quiet};
	int code = check_job_list(o, &b.ntotal);
	if (code == EXIT_OK)
		code = make_jobs(&b);
	if (code == EXIT_OK)
		code = run_batch(&b);
	for (int k = 0; b.jobs && k < b.njobs; k++) {
		host_result_free(&b.jobs[k].result);
		free(b.jobs[k].output);
	}
	host_claims_free(&b.claims);
	free(b.jobs);
	free(b.running);
	free(b.slot);
	return code;
}

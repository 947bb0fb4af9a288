/*
 * host.c -- the parent's side of a run: start a confined worker, read what
 * it reports, stop it at its deadline, then commit or clean up.
 */
#include "script/host.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "output/plan.h"
#include "script/confine.h"
#include "script/template.h"
#include "util/escape.h"

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define UNDER_ASAN 1    /* ASan reserves terabytes: no address-space limit */
#else
#define UNDER_ASAN 0
#endif

#define MSG_MAX (RUN_FIELD_MAX * 3 + 64)    /* the longest message a worker may send */

/* The longest message kept in a result; a longer one is cut and says so. */
#define MESSAGE_MAX 16384

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct reported {
	char *temp, *target;
	int pages;
} reported;

struct host_worker {
	run_job job;
	pid_t pid;                  /* 0 once reaped, -1 if never started */
	int fd;                     /* read end of the pipe, -1 once closed */
	char tmpdir[64];            /* the private folder, "" if none */
	volatile int *line;         /* the script line running, shared */
	double start, deadline;
	bool killed;                /* at its deadline */
	int status;                 /* from waitpid */
	unsigned char *buf;         /* MSG_MAX + 5 bytes of unread messages */
	size_t nbuf;
	reported *outs;             /* the outputs it announced */
	int nouts, capouts;
	char *provenance;           /* the temporary provenance file it announced last */
	host_result res;            /* filled as messages come */
	host_worker *next;          /* in the list of live workers */
};

static host_worker *live;       /* started, not yet finished: for host_stop_all */
static volatile sig_atomic_t caught;

/* ---- results --------------------------------------------------------------------- */

void host_result_free(host_result *r)
{
	free(r->message);
	free(r->provenance);
	for (int i = 0; i < r->noutputs; i++)
		free(r->outputs[i]);
	free(r->outputs);
	free(r->output_pages);
	for (int i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	memset(r, 0, sizeof *r);
}

void host_claims_free(host_claims *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->owners);
	memset(c, 0, sizeof *c);
}

/* Sets the result's error: code and a message, cut to MESSAGE_MAX bytes at a
 * character boundary. An earlier error stays. */
__attribute__((format(printf, 3, 4)))
static void set_error(host_result *r, int code, const char *fmt, ...)
{
	if (r->code != EXIT_OK)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	r->code = code;
	if (msg) {
		size_t n = strlen(msg), cut = escape_cut(msg, n, MESSAGE_MAX);
		if (cut < n)
			snprintf(msg + cut, n - cut + 1, "%s", "…");
	}
	r->message = msg ? msg : strdup("out of memory");
}

static void add_warning(host_result *r, const char *script, const char *line,
                        const char *text)
{
	if (r->nwarnings == HOST_MAX_WARNINGS) {
		r->warnings_dropped++;
		return;
	}
	char *w = NULL;
	if (atoi(line) > 0 ? asprintf(&w, "%s:%d: warning: %s", script, atoi(line), text) < 0
	                   : asprintf(&w, "%s: warning: %s", script, text) < 0)
		return;
	char **nw = realloc(r->warnings, (size_t)(r->nwarnings + 1) * sizeof *nw);
	if (!nw) {
		free(w);
		return;
	}
	r->warnings = nw;
	r->warnings[r->nwarnings++] = w;
}

/* ---- reading the worker's messages ------------------------------------------------- */

/* Handles one message; false when it is malformed. */
static bool take_message(host_worker *w, char type, const char *p, size_t len)
{
	const char *f[3] = {"", "", ""};
	const char *end = p + len;
	int nf = 0;
	while (p < end && nf < 3) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		if (!z)
			return false;
		f[nf++] = p;
		p = z + 1;
	}
	switch (type) {
	case MSG_OUTPUT:
		if (nf != 3)
			return false;
		for (int i = 0; i < w->nouts; i++)
			if (strcmp(w->outs[i].target, f[1]) == 0) {     /* saved again */
				char *temp = strdup(f[0]);
				if (!temp)
					return false;
				free(w->outs[i].temp);
				w->outs[i].temp = temp;
				w->outs[i].pages = atoi(f[2]);
				return true;
			}
		if (w->nouts == PLAN_MAX_FILES)
			return false;
		if (w->nouts == w->capouts) {
			int cap = w->capouts ? w->capouts * 2 : 4;
			reported *o = realloc(w->outs, (size_t)cap * sizeof *o);
			if (!o)
				return false;
			w->outs = o;
			w->capouts = cap;
		}
		w->outs[w->nouts] = (reported){strdup(f[0]), strdup(f[1]), atoi(f[2])};
		if (!w->outs[w->nouts].temp || !w->outs[w->nouts].target) {
			free(w->outs[w->nouts].temp);       /* out of memory: neither is kept */
			free(w->outs[w->nouts].target);
			return false;
		}
		w->nouts++;
		return true;
	case MSG_PROVENANCE: {
		if (nf != 1)
			return false;
		char *temp = strdup(f[0]);      /* the parent decides where it goes */
		if (!temp)
			return false;
		free(w->provenance);
		w->provenance = temp;
		return true;
	}
	case MSG_WARNING:
		if (nf != 2)
			return false;
		add_warning(&w->res, w->job.script, f[0], f[1]);
		return true;
	case MSG_ERROR:
		if (nf != 2)
			return false;
		free(w->res.message);
		w->res.message = NULL;
		w->res.code = EXIT_OK;
		set_error(&w->res, atoi(f[0]) > 0 ? atoi(f[0]) : EXIT_INTERNAL, "%s", f[1]);
		return true;
	}
	return false;
}

/* Reads what the worker wrote; closes the pipe at its end, or when the
 * worker broke the protocol (and then kills it). */
static void read_messages(host_worker *w)
{
	ssize_t got = read(w->fd, w->buf + w->nbuf, MSG_MAX + 5 - w->nbuf);
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	bool bad = false;
	if (got > 0) {
		w->nbuf += (size_t)got;
		size_t off = 0;
		while (w->nbuf - off >= 5 && !bad) {
			uint32_t len;
			memcpy(&len, w->buf + off + 1, 4);
			if (len > MSG_MAX) {
				bad = true;
				break;
			}
			if (w->nbuf - off - 5 < len)
				break;
			bad = !take_message(w, (char)w->buf[off], (const char *)w->buf + off + 5, len);
			off += 5 + len;
		}
		memmove(w->buf, w->buf + off, w->nbuf - off);
		w->nbuf -= off;
		if (!bad)
			return;
	}
	if (bad) {
		kill(w->pid, SIGKILL);
		set_error(&w->res, EXIT_INTERNAL, "%s: the worker sent a malformed report; "
		          "nothing was written", w->job.script);
	}
	close(w->fd);
	w->fd = -1;
}

/* ---- the worker ------------------------------------------------------------------------ */

/* The confinement a worker gets (script/confine.h): it reads beneath the
 * script's folder, the data and templates folders, the font files and the
 * hyphenation patterns, writes
 * only in its private folder, and is held to the run's memory and output
 * limits. reads must hold RUN_MAX_READS entries. */
#define RUN_MAX_READS (4 + FONT_NFACES)

static confine_policy policy_of(const run_job *job, const char *tmpdir, pid_t parent,
                                const char **reads, char *script_dir)
{
	int n = 0;
	path_folder_of(job->script, script_dir);
	reads[n++] = script_dir;
	reads[n++] = job->data_dir;
	reads[n++] = job->templates_dir;
	for (int face = 0; job->fonts && face < FONT_NFACES; face++)
		reads[n++] = fonts_path(job->fonts, face);
	static char patterns[PATH_LIMIT];       /* the hyphenation patterns */
	if (hyph_file("en", patterns, sizeof patterns) == 0)
		reads[n++] = patterns;
	return (confine_policy){
		.read_dirs = reads, .nread = n, .write_dir = tmpdir,
		.memory_bytes = UNDER_ASAN ? 0 : (unsigned long long)job->limits.memory +
		                                 RUN_MEMORY_HEADROOM,
		.file_bytes = job->limits.output_bytes, .max_files = 64, .parent = parent,
	};
}

static void worker_main(host_worker *w, int channel, pid_t parent)
{
	run_job job = w->job;
	job.channel = channel;
	job.tmpdir = w->tmpdir;
	job.line_slot = w->line;
	/* a crash is a crash, whatever handlers the embedding program (a test
	 * runner, ASan) installed: the parent reports it */
	static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGINT, SIGTERM};
	for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
		signal(fatal[k], SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct rlimit cpu = {(rlim_t)job.limits.seconds + 5, (rlim_t)job.limits.seconds + 5};
	setrlimit(RLIMIT_CPU, &cpu);
	char templates[4096];       /* for messages naming the templates there are */
	tpl_list_folder(job.templates_dir, templates, sizeof templates);
	job.template_names = templates;
	const char *reads[RUN_MAX_READS];
	char script_dir[PATH_LIMIT];
	confine_policy policy = policy_of(&job, w->tmpdir, parent, reads, script_dir);
	char notes[512] = "";
	unsigned active = confine_apply(&policy, notes, sizeof notes);
	if (job.verbose && notes[0])
		fprintf(stderr, "brief: %s: worker confinement: %s\n", job.script, notes);
	if (job.confined_hook) {
		int rc = job.confined_hook(&job, &policy, active);
		if (rc != EXIT_OK)
			_exit(rc);
	}
	_exit(run_script(&job));
}

host_worker *host_start(const run_job *job)
{
	host_worker *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->job = *job;
	w->pid = -1;
	w->fd = -1;
	w->start = now();
	w->deadline = w->start + job->limits.seconds + 1.0;  /* the worker stops itself first */
	w->line = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	               -1, 0);
	w->buf = malloc(MSG_MAX + 5);
	const char *tmp = getenv("TMPDIR");
	snprintf(w->tmpdir, sizeof w->tmpdir, "%s/brief.XXXXXX",
	         tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	int fds[2] = {-1, -1};
	if (w->line == MAP_FAILED || !w->buf || !mkdtemp(w->tmpdir) ||
	    pipe2(fds, O_CLOEXEC) != 0) {
		set_error(&w->res, EXIT_INTERNAL, "%s: cannot start a worker: %s", job->script,
		          strerror(errno));
		if (w->line == MAP_FAILED)
			w->line = NULL;
		if (fds[0] >= 0)
			close(fds[0]);
		return w;
	}
	*w->line = 0;
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		close(fds[0]);
		worker_main(w, fds[1], parent);
	}
	close(fds[1]);
	if (pid < 0) {
		set_error(&w->res, EXIT_INTERNAL, "%s: cannot start a worker: %s", job->script,
		          strerror(errno));
		close(fds[0]);
		return w;
	}
	w->pid = pid;
	w->fd = fds[0];
	w->next = live;
	live = w;
	return w;
}

bool host_done(const host_worker *w)
{
	return w->fd < 0;
}

int host_wait(host_worker *const *ws, int n)
{
	struct pollfd *p = calloc((size_t)(n ? n : 1), sizeof *p);
	if (!p)
		return 0;
	double t = now(), soonest = t + 3600;
	for (int i = 0; i < n; i++) {
		p[i] = (struct pollfd){ws[i]->fd, POLLIN, 0};
		if (ws[i]->fd >= 0 && ws[i]->deadline < soonest)
			soonest = ws[i]->deadline;
	}
	double left = soonest - t;
	struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
	if (left < 0)
		ts = (struct timespec){0, 0};
	/* SIGINT and SIGTERM are blocked but while waiting here, so none is lost
	 * between a check and the wait */
	sigset_t during;
	sigprocmask(SIG_SETMASK, NULL, &during);
	sigdelset(&during, SIGINT);
	sigdelset(&during, SIGTERM);
	int r = caught ? -1 : ppoll(p, (nfds_t)n, &ts, &during);
	for (int i = 0; r > 0 && i < n; i++)
		if (p[i].revents && ws[i]->fd >= 0)
			read_messages(ws[i]);
	t = now();
	for (int i = 0; i < n; i++)
		if (ws[i]->fd >= 0 && t >= ws[i]->deadline) {
			kill(ws[i]->pid, SIGKILL);
			ws[i]->killed = true;
			close(ws[i]->fd);
			ws[i]->fd = -1;
		}
	free(p);
	return caught;
}

/* Removes the private folder and everything the worker left in it, never
 * following a link. */
static void remove_private(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		rmdir(dir);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    unlinkat(fd, e->d_name, 0) != 0 && errno == EISDIR) {
			char sub[PATH_LIMIT];
			snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
			remove_private(sub);
		}
	closedir(d);
	rmdir(dir);
}

/* A SIGINT or SIGTERM that arrived while it was blocked (outside
 * host_wait) counts as caught: the worker it killed is not a crash. */
static void note_pending_signal(void)
{
	sigset_t pending;
	if (caught || sigpending(&pending) != 0)
		return;
	if (sigismember(&pending, SIGINT))
		caught = SIGINT;
	else if (sigismember(&pending, SIGTERM))
		caught = SIGTERM;
}

/* The error for a worker that did not exit by itself. */
static void stopped_error(host_worker *w)
{
	char where[PATH_LIMIT + 16];
	int line = w->line ? *w->line : 0;
	if (line > 0)
		snprintf(where, sizeof where, "%s:%d", w->job.script, line);
	else
		snprintf(where, sizeof where, "%s", w->job.script);
	host_result *r = &w->res;
	free(r->message);
	r->message = NULL;
	r->code = EXIT_OK;
	if (caught)
		set_error(r, 128 + caught, "%s: stopped by %s; nothing was written", w->job.script,
		          caught == SIGINT ? "SIGINT" : "SIGTERM");
	else if (w->killed)
		set_error(r, EXIT_LIMIT, "%s: stopped: time limit of %g s exceeded inside a library "
		          "call%s (raise it with --timeout); nothing was written", where,
		          w->job.limits.seconds, line > 0 ? " at or after this line" : "");
	else if (WTERMSIG(w->status) == SIGXCPU)
		set_error(r, EXIT_LIMIT, "%s: stopped: CPU time limit exceeded (raise it with "
		          "--timeout); nothing was written", where);
	else
		set_error(r, EXIT_LIMIT, "%s: the script's worker crashed (signal %d: %s)%s; nothing "
		          "was written", where, WTERMSIG(w->status), strsignal(WTERMSIG(w->status)),
		          line > 0 ? " at or after this line" : "");
}

/* Is one of the outputs already written by another script of the batch? */
static const char *claimed_by(const host_claims *c, const char *path)
{
	for (int i = 0; c && i < c->n; i++)
		if (strcmp(c->paths[i], path) == 0)
			return c->owners[i];
	return NULL;
}

static void claim(host_claims *c, const char *path, const char *owner)
{
	if (!c)
		return;
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		char **p = realloc(c->paths, (size_t)cap * sizeof *p);
		if (p)
			c->paths = p;
		const char **o = realloc(c->owners, (size_t)cap * sizeof *o);
		if (o)
			c->owners = o;
		if (!p || !o)
			return;
		c->cap = cap;
	}
	if ((c->paths[c->n] = strdup(path)))
		c->owners[c->n++] = owner;
}

/* Copies of the first n targets of the plan, resolved or as named; NULL
 * when out of memory. */
static char **targets_of(const out_plan *p, int n, bool named)
{
	char **v = calloc((size_t)n + 1, sizeof *v);
	for (int i = 0; v && i < n; i++)
		if (!(v[i] = strdup(named ? p->files[i].name : p->files[i].target))) {
			for (int k = 0; k < i; k++)
				free(v[k]);
			free(v);
			return NULL;
		}
	return v;
}

/* Adds the provenance file the worker wrote to the plan, beneath the folder
 * of --provenance, after the PDFs: the parent, not the worker, says where it
 * goes, and it may not land on one of the run's PDFs. */
static void add_provenance(host_worker *w, out_plan *plan)
{
	host_result *r = &w->res;
	char err[PATH_LIMIT + 256];
	if (!w->job.provenance || !w->provenance || w->job.check)
		return;
	int npdfs = plan->nfiles;
	if (plan_add_under(plan, w->job.provenance_root, w->provenance, w->job.provenance, 0, err,
	                   sizeof err) != 0) {
		set_error(r, EXIT_OUTPUT, "%s: cannot write %s", w->job.script, err);
		return;
	}
	if (plan->nfiles == npdfs)      /* the same file as one of the PDFs */
		set_error(r, EXIT_OUTPUT, "%s: cannot write %s: the run writes a PDF there",
		          w->job.script, w->job.provenance);
}

/* Commits what a successful worker reported, all or nothing, unless another
 * script of the batch wrote one of its targets already. */
static void commit(host_worker *w, host_claims *claims)
{
	host_result *r = &w->res;
	out_plan plan;
	char err[PATH_LIMIT + 256];
	if (plan_init(&plan, w->job.output_root, w->tmpdir, err, sizeof err) != 0) {
		set_error(r, EXIT_OUTPUT, "%s: %s", w->job.script, err);
		return;
	}
	for (int i = 0; i < w->nouts && r->code == EXIT_OK; i++) {
		reported *o = &w->outs[i];
		const char *owner;
		if (plan_add(&plan, o->temp[0] ? o->temp : NULL, o->target, o->pages, err,
		             sizeof err) != 0)
			set_error(r, EXIT_OUTPUT, "%s: cannot write %s", w->job.script, err);
		else if ((owner = claimed_by(claims, plan.files[plan.nfiles - 1].target)))
			set_error(r, EXIT_OUTPUT, "%s: cannot write %s: %s of this batch wrote it "
			          "already (give each script its own output)", w->job.script,
			          o->target, owner);
	}
	int npdfs = plan.nfiles;
	if (r->code == EXIT_OK)
		add_provenance(w, &plan);
	char **named = r->code == EXIT_OK ? targets_of(&plan, npdfs, true) : NULL;
	char **resolved = named ? targets_of(&plan, npdfs, false) : NULL;
	if (r->code == EXIT_OK && !resolved) {
		for (int i = 0; named && i < npdfs; i++)
			free(named[i]);
		free(named);
		named = NULL;
		set_error(r, EXIT_INTERNAL, "%s: out of memory", w->job.script);
	}
	int n = npdfs, pages = n ? plan.files[n - 1].pages : 0;
	int *plan_pages = calloc((size_t)n + 1, sizeof *plan_pages);    /* gone with the plan */
	for (int i = 0; plan_pages && i < n; i++)
		plan_pages[i] = plan.files[i].pages;
	if (r->code != EXIT_OK) {
		plan_discard(&plan);
		n = 0;
	} else {
		/* a signal now would leave the outputs half moved: held until done */
		sigset_t all, old;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, &old);
		int rc = plan_commit(&plan, err, sizeof err);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (rc != 0) {
			set_error(r, EXIT_OUTPUT, "%s: %s; nothing was written", w->job.script, err);
			for (int i = 0; i < n; i++)
				free(named[i]);
			free(named);
			named = NULL;
		}
	}
	int *page_counts = named ? calloc((size_t)n + 1, sizeof *page_counts) : NULL;
	for (int i = 0; page_counts && i < n; i++)
		page_counts[i] = plan_pages[i];
	if (named) {
		r->outputs = named;
		r->output_pages = page_counts;
		r->noutputs = n;
		r->pages = pages;
		if (w->job.provenance && n > 0 && (w->provenance || w->job.check))
			r->provenance = strdup(w->job.provenance);
	}
	free(plan_pages);
	for (int i = 0; resolved && i < n; i++) {
		if (named && !w->job.check)
			claim(claims, resolved[i], w->job.script);
		free(resolved[i]);
	}
	free(resolved);
}

void host_finish(host_worker *w, host_claims *claims, host_result *res)
{
	if (w->fd >= 0) {
		kill(w->pid, SIGKILL);
		close(w->fd);
		w->fd = -1;
	}
	if (w->pid > 0) {
		while (waitpid(w->pid, &w->status, 0) < 0 && errno == EINTR)
			;
		for (host_worker **p = &live; *p; p = &(*p)->next)
			if (*p == w) {
				*p = w->next;
				break;
			}
		host_result *r = &w->res;
		note_pending_signal();
		if (WIFSIGNALED(w->status) && !caught &&
		    (WTERMSIG(w->status) == SIGINT || WTERMSIG(w->status) == SIGTERM))
			caught = WTERMSIG(w->status);   /* Ctrl-C reached the worker first */
		if (w->killed || caught || WIFSIGNALED(w->status)) {
			stopped_error(w);
		} else if (WEXITSTATUS(w->status) != EXIT_OK && r->code == EXIT_OK) {
			set_error(r, WEXITSTATUS(w->status), "%s: the worker failed unexpectedly "
			          "(exit status %d); nothing was written", w->job.script,
			          WEXITSTATUS(w->status));
		} else if (WEXITSTATUS(w->status) != EXIT_OK) {
			r->code = WEXITSTATUS(w->status);       /* the code it exited with counts */
		} else if (r->code != EXIT_OK) {
			set_error(r, EXIT_INTERNAL, "%s: the worker reported an error but exited 0",
			          w->job.script);
		} else {
			commit(w, claims);
		}
	}
	if (w->tmpdir[0] && strcmp(w->tmpdir + strlen(w->tmpdir) - 6, "XXXXXX") != 0)
		remove_private(w->tmpdir);
	if (w->line)
		munmap((void *)w->line, sizeof(int));
	for (int i = 0; i < w->nouts; i++) {
		free(w->outs[i].temp);
		free(w->outs[i].target);
	}
	free(w->outs);
	free(w->provenance);
	free(w->buf);
	*res = w->res;
	res->seconds = now() - w->start;
	free(w);
}

void host_run(const run_job *job, host_result *res)
{
	host_worker *w = host_start(job);
	if (!w) {
		memset(res, 0, sizeof *res);
		set_error(res, EXIT_INTERNAL, "%s: out of memory", job->script);
		return;
	}
	while (!host_done(w))
		if (host_wait(&w, 1)) {
			host_stop_all();
			break;
		}
	host_finish(w, NULL, res);
}

/* ---- signals --------------------------------------------------------------------------- */

static void on_signal(int sig)
{
	if (!caught)
		caught = sig;
}

void host_catch_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
}

int host_interrupted(void)
{
	return caught;
}

void host_stop_all(void)
{
	for (host_worker *w = live; w; w = w->next)
		if (w->pid > 0)
			kill(w->pid, SIGKILL);
}

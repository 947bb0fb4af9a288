/*
 * host.c -- the parent's side of a run: fork, watch, commit or clean up.
 */
#include "script/host.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct pending_file {
	char tmp[4200], final[4096];
	int pages;
	bool commit;
} pending_file;

typedef struct channel {
	char buf[16384];
	size_t n;
	pending_file *files;    /* every temporary file the worker announced */
	int nfiles, capfiles;
	bool oom;
	int code;
	char message[2048];
} channel;

/* A new pending file, or NULL (and ch->oom) when out of memory. */
static pending_file *new_file(channel *ch)
{
	if (ch->nfiles == ch->capfiles) {
		int cap = ch->capfiles ? ch->capfiles * 2 : 8;
		pending_file *f = realloc(ch->files, (size_t)cap * sizeof *f);
		if (!f) {
			ch->oom = true;
			return NULL;
		}
		ch->files = f;
		ch->capfiles = cap;
	}
	pending_file *pf = &ch->files[ch->nfiles++];
	memset(pf, 0, sizeof *pf);
	return pf;
}

/* Handles the complete messages in ch->buf. */
static void take_messages(channel *ch)
{
	size_t off = 0;
	while (ch->n - off >= 5) {
		uint32_t len;
		memcpy(&len, ch->buf + off + 1, 4);
		if (ch->n - off - 5 < len)
			break;
		char type = ch->buf[off];
		const char *f[3] = {"", "", ""};
		const char *p = ch->buf + off + 5, *end = p + len;
		for (int i = 0; i < 3 && p < end; i++) {
			f[i] = p;
			p += strlen(p) + 1;
		}
		pending_file *pf;
		if (type == MSG_TEMP && (pf = new_file(ch))) {
			snprintf(pf->tmp, sizeof pf->tmp, "%s", f[0]);
		} else if (type == MSG_OUTPUT && !f[0][0] && (pf = new_file(ch))) {
			snprintf(pf->final, sizeof pf->final, "%s", f[1]);  /* --check: no file */
			pf->pages = atoi(f[2]);
			pf->commit = true;
		} else if (type == MSG_OUTPUT) {
			for (int i = ch->nfiles - 1; i >= 0; i--)
				if (strcmp(ch->files[i].tmp, f[0]) == 0) {
					snprintf(ch->files[i].final, sizeof ch->files[i].final, "%s", f[1]);
					ch->files[i].pages = atoi(f[2]);
					ch->files[i].commit = true;
					break;
				}
		} else if (type == MSG_ERROR) {
			ch->code = atoi(f[0]);
			snprintf(ch->message, sizeof ch->message, "%s", f[1]);
		}
		off += 5 + len;
	}
	memmove(ch->buf, ch->buf + off, ch->n - off);
	ch->n -= off;
}

static void limit(int resource, rlim_t value)
{
	struct rlimit rl = {value, value};
	setrlimit(resource, &rl);
}

static void remove_tree_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[4096];
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(dir);
}

void host_run(const run_job *job_in, host_result *res)
{
	memset(res, 0, sizeof *res);
	double start = now();
	run_job job = *job_in;
	channel *ch = calloc(1, sizeof *ch);
	char tmpdir[] = "/tmp/brief.XXXXXX";
	int fds[2] = {-1, -1};
	volatile int *line = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE,
	                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!ch || line == MAP_FAILED || !mkdtemp(tmpdir) || pipe(fds) != 0) {
		res->code = EXIT_INTERNAL;
		snprintf(res->message, sizeof res->message, "%s: cannot start a worker: %s",
		         job.script, strerror(errno));
		free(ch);
		if (line != MAP_FAILED)
			munmap((void *)line, sizeof(int));
		return;
	}
	*line = 0;
	job.tmpdir = tmpdir;
	job.line_slot = line;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		job.channel = fds[1];
		limit(RLIMIT_CORE, 0);
		/* a crash is a crash, whatever handlers the embedding program (a test
		 * runner, ASan) installed: the parent reports it */
		static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
		for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
			signal(fatal[k], SIG_DFL);
		limit(RLIMIT_CPU, (rlim_t)job.limits.seconds + 5);
		if (!UNDER_ASAN)
			limit(RLIMIT_AS, (rlim_t)job.limits.memory * 2 + ((rlim_t)1 << 30));
		_exit(run_script(&job));
	}
	close(fds[1]);
	bool killed = false;
	if (pid < 0) {
		res->code = EXIT_INTERNAL;
		snprintf(res->message, sizeof res->message, "%s: cannot start a worker: %s",
		         job.script, strerror(errno));
	} else {
		double deadline = start + job.limits.seconds + 1.0;  /* the worker stops itself first */
		for (;;) {
			double left = deadline - now();
			if (left <= 0) {
				kill(pid, SIGKILL);
				killed = true;
				break;
			}
			struct pollfd p = {fds[0], POLLIN, 0};
			int r = poll(&p, 1, (int)(left * 1000) + 1);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				continue;
			ssize_t got = read(fds[0], ch->buf + ch->n, sizeof ch->buf - ch->n);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				break;
			ch->n += (size_t)got;
			take_messages(ch);
		}
		int status = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		/* the hook samples the running line: the fault is at or after it */
		char where[4200];
		if (*line > 0)
			snprintf(where, sizeof where, "%s:%d", job.script, *line);
		else
			snprintf(where, sizeof where, "%s", job.script);
		if (killed) {
			res->code = EXIT_LIMIT;
			snprintf(res->message, sizeof res->message,
			         "%s: stopped: time limit of %g s exceeded inside a library call at or "
			         "after this line (raise it with --timeout); nothing was written", where,
			         job.limits.seconds);
		} else if (WIFSIGNALED(status)) {
			int sig = WTERMSIG(status);
			res->code = EXIT_LIMIT;
			if (sig == SIGXCPU)
				snprintf(res->message, sizeof res->message, "%s: stopped: CPU time limit "
				         "exceeded; nothing was written", where);
			else
				snprintf(res->message, sizeof res->message,
				         "%s: the script's worker crashed (signal %d: %s) at or after this "
				         "line; nothing was written", where, sig, strsignal(sig));
		} else {
			res->code = WEXITSTATUS(status);
			if (res->code != EXIT_OK && ch->message[0])
				snprintf(res->message, sizeof res->message, "%s", ch->message);
			else if (res->code != EXIT_OK)
				snprintf(res->message, sizeof res->message, "%s: the worker failed "
				         "unexpectedly (exit status %d); nothing was written", job.script,
				         res->code);
		}
	}
	close(fds[0]);

	if (ch->oom && res->code == EXIT_OK) {
		res->code = EXIT_INTERNAL;
		snprintf(res->message, sizeof res->message, "%s: out of memory keeping track of "
		         "its outputs; nothing was written", job.script);
	}
	/* commit every output of a good run, in order; otherwise remove them */
	for (int i = 0; i < ch->nfiles; i++) {
		pending_file *pf = &ch->files[i];
		if (res->code == EXIT_OK && pf->commit) {
			if (pf->tmp[0] && rename(pf->tmp, pf->final) != 0) {
				res->code = EXIT_OUTPUT;
				snprintf(res->message, sizeof res->message, "%s: cannot write %s: %s",
				         job.script, pf->final, strerror(errno));
				unlink(pf->tmp);
				continue;
			}
			snprintf(res->output, sizeof res->output, "%s", pf->final);
			res->pages = pf->pages;
			res->outputs++;
		} else if (pf->tmp[0]) {
			unlink(pf->tmp);
		}
	}
	remove_tree_files(tmpdir);
	munmap((void *)line, sizeof(int));
	free(ch->files);
	free(ch);
	res->seconds = now() - start;
}

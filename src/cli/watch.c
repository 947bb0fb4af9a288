/*
 * watch.c -- brief SCRIPT --watch: one run, then a run after every burst
 * of changes to the files the script may read.
 *
 * What a run reads is not reported by the worker, so the folders it may
 * read are watched whole, each for the names that matter there: the
 * script's folder for .lua files (the script and the modules it requires)
 * and images, the templates folder for .lua, the data folder for .csv.
 * Folders, not files, are watched because editors save by writing a
 * temporary file and renaming it over the old one, which a watch on the
 * file itself would lose. Events are gathered until SETTLE_MS pass
 * without a new one, so one save gives one run.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "cli/outputs.h"
#include "cli/watch.h"
#include "script/host.h"
#include "util/path.h"

#define SETTLE_MS 150           /* a burst of changes ends after this much quiet */
#define BURST_MAX_MS 2000       /* or after this long, however busy the folder */
#define MAX_FOLDERS 4

/* The kinds of file a folder is watched for. */
enum { KIND_SOURCE = 1, KIND_IMAGE = 2, KIND_DATA = 4 };

/* What a burst changed; CHANGED_FAILED when waiting itself failed. */
enum { CHANGED_RUN = 1, CHANGED_DATA = 2, CHANGED_FAILED = 4 };

typedef struct watched {
	int wd;                     /* the inotify watch, -1 once the folder is gone */
	unsigned kinds;
	char path[PATH_LIMIT];
} watched;

typedef struct watcher {
	int fd;                     /* the inotify instance */
	watched folders[MAX_FOLDERS];
	int n;
} watcher;

/* The kind of a file by its name (KIND_*), 0 for one that never matters:
 * hidden files (editors' swap and lock files) and other extensions. */
static unsigned kind_of(const char *name)
{
	size_t len = strlen(name);
	const char *dot = strrchr(name, '.');
	if (len == 0 || name[0] == '.' || !dot)
		return 0;
	if (strcmp(dot, ".lua") == 0)
		return KIND_SOURCE;
	if (strcmp(dot, ".csv") == 0)
		return KIND_DATA;
	if (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".jpg") == 0 ||
	    strcasecmp(dot, ".jpeg") == 0)
		return KIND_IMAGE;
	return 0;
}

/* Adds dir to the watch for files of the given kinds; a folder watched
 * already (the same inode under another name) gets the kinds added.
 * Returns 0, or -1 after saying why on stderr. */
static int watch_folder(watcher *w, const char *dir, unsigned kinds)
{
	const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
	                      IN_ONLYDIR;
	int wd = inotify_add_watch(w->fd, dir, mask);
	if (wd < 0) {
		cli_say("brief: --watch: cannot watch ", dir, "");
		fprintf(stderr, ": %s\n", strerror(errno));
		return -1;
	}
	for (int i = 0; i < w->n; i++)
		if (w->folders[i].wd == wd) {
			w->folders[i].kinds |= kinds;
			return 0;
		}
	if (w->n == MAX_FOLDERS)
		return 0;       /* cannot happen: main watches at most MAX_FOLDERS */
	watched *f = &w->folders[w->n++];
	f->wd = wd;
	f->kinds = kinds;
	snprintf(f->path, sizeof f->path, "%s", dir);
	return 0;
}

/* Opens the inotify instance and watches the folders job may read.
 * Returns 0, or -1 after saying why on stderr (w then holds nothing). */
static int watcher_open(watcher *w, const run_job *job)
{
	w->n = 0;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		fprintf(stderr, "brief: --watch: cannot start inotify: %s\n", strerror(errno));
		return -1;
	}
	char script_dir[PATH_LIMIT], real[PATH_LIMIT], real_dir[PATH_LIMIT];
	path_folder_of(job->script, script_dir);
	int rc = watch_folder(w, script_dir, KIND_SOURCE | KIND_IMAGE);
	/* a script that is a link: its target's folder too */
	if (rc == 0 && path_resolve(job->script, NULL, real) == PATH_OK) {
		path_folder_of(real, real_dir);
		rc = watch_folder(w, real_dir, KIND_SOURCE);
	}
	if (rc == 0)
		rc = watch_folder(w, job->templates_dir, KIND_SOURCE);
	if (rc == 0)
		rc = watch_folder(w, job->data_dir, KIND_DATA);
	if (rc != 0) {
		close(w->fd);
		w->fd = -1;
	}
	return rc;
}

/* Reads the events waiting and returns what they changed (CHANGED_*). */
static unsigned read_events(watcher *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	unsigned changed = 0;
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len <= 0)
			return changed;         /* EAGAIN: nothing more for now */
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				changed |= CHANGED_RUN | CHANGED_DATA;      /* events were lost */
				continue;
			}
			for (int i = 0; i < w->n; i++) {
				watched *f = &w->folders[i];
				if (f->wd != ev->wd)
					continue;
				if (ev->mask & IN_IGNORED) {
					cli_say("brief: --watch: ", f->path, " is gone; no longer watched\n");
					f->wd = -1;
					break;
				}
				unsigned kind = ev->len ? kind_of(ev->name) & f->kinds : 0;
				changed |= kind == KIND_DATA ? CHANGED_DATA : kind ? CHANGED_RUN : 0;
			}
		}
	}
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Waits for a burst of changes and returns what it changed, once
 * SETTLE_MS pass without another (or BURST_MAX_MS after it began); 0 when
 * SIGINT or SIGTERM arrived, CHANGED_FAILED (said on stderr) when the wait
 * failed. SIGINT and SIGTERM are blocked (by
 * host_catch_signals) except while waiting here, so none is lost. */
static unsigned wait_for_changes(watcher *w)
{
	sigset_t during;
	sigprocmask(SIG_SETMASK, NULL, &during);
	sigdelset(&during, SIGINT);
	sigdelset(&during, SIGTERM);
	unsigned changed = 0;
	double began = 0, last = 0;
	while (!host_interrupted()) {
		struct pollfd p = {w->fd, POLLIN, 0};
		struct timespec wait = {0, 0}, *timeout = NULL;
		if (changed) {
			double t = now_ms(), left = last + SETTLE_MS - t;
			if (began + BURST_MAX_MS - t < left)
				left = began + BURST_MAX_MS - t;
			if (left <= 0)
				return changed;
			wait.tv_sec = (time_t)(left / 1e3);
			wait.tv_nsec = (long)((left - (double)wait.tv_sec * 1e3) * 1e6);
			timeout = &wait;
		}
		int r = ppoll(&p, 1, timeout, &during);
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "brief: --watch: %s\n", strerror(errno));
			return CHANGED_FAILED;
		}
		if (r > 0) {
			unsigned more = read_events(w);
			if (more) {
				last = now_ms();
				if (!changed)
					began = last;
				changed |= more;
			}
		}
	}
	return 0;
}

/* One run of the job, reported as a single run reports it. */
static void render(const cli_options *o, const run_job *job)
{
	host_result r;
	host_run(job, &r);
	cli_report(o, &r);
	host_result_free(&r);
}

/* Loads the dataset again into *data (job->data follows). Returns true,
 * or false after printing the data's error; *data is then the last good
 * dataset, kept for nothing but freeing. */
static bool reload(run_job *job, ds_dataset **data)
{
	char err[1024];
	ds_dataset *fresh = ds_load(job->data_dir, err, sizeof err);
	if (!fresh) {
		cli_say("", err, "\n");
		return false;
	}
	ds_free(*data);
	*data = fresh;
	job->data = fresh;
	return true;
}

int watch_run(const cli_options *o, run_job *job, ds_dataset **data)
{
	watcher w;
	if (watcher_open(&w, job) != 0)
		return EXIT_INTERNAL;
	if (!o->quiet) {
		fprintf(stderr, "brief: watching");
		for (int i = 0; i < w.n; i++)
			cli_say(i ? ", " : " ", w.folders[i].path, "");
		fprintf(stderr, " (Ctrl-C to stop)\n");
	}
	render(o, job);
	bool data_ok = true;
	while (!host_interrupted()) {
		unsigned changed = wait_for_changes(&w);
		if (changed & CHANGED_FAILED) {
			close(w.fd);
			return EXIT_INTERNAL;
		}
		if (!changed)
			continue;       /* a signal: the loop ends */
		if ((changed & CHANGED_DATA) || !data_ok)
			data_ok = reload(job, data);
		if (data_ok && !host_interrupted())
			render(o, job);
	}
	close(w.fd);
	return 128 + host_interrupted();
}

/*
 * breakout.c -- the attempts of breakout.h, each reduced to 0 (it worked) or
 * the errno that stopped it.
 */
#include "script/breakout.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *const names[BREAKOUT_COUNT] = {
	[BREAKOUT_READ_INSIDE] = "read inside",
	[BREAKOUT_WRITE_INSIDE] = "write inside",
	[BREAKOUT_READ_OUTSIDE] = "read outside",
	[BREAKOUT_READ_SYSTEM] = "read /etc/passwd",
	[BREAKOUT_CREATE_OUTSIDE] = "create outside",
	[BREAKOUT_CREATE_IN_READ_DIR] = "create in a read-only folder",
	[BREAKOUT_WRITE_READ_FILE] = "write a read-only file",
	[BREAKOUT_SOCKET_INET] = "socket(AF_INET)",
	[BREAKOUT_SOCKET_UNIX] = "socket(AF_UNIX)",
	[BREAKOUT_SOCKETPAIR] = "socketpair",
	[BREAKOUT_FORK] = "fork",
	[BREAKOUT_THREAD] = "thread",
	[BREAKOUT_UNSHARE] = "unshare a user namespace",
	[BREAKOUT_SIGNAL_PARENT] = "signal the parent",
	[BREAKOUT_PEEK_PARENT] = "read the parent's memory",
	[BREAKOUT_RAISE_LIMIT] = "raise a limit",
	[BREAKOUT_ALLOCATE] = "allocate beyond the memory limit",
	[BREAKOUT_GROW_FILE] = "write beyond the file size limit",
	[BREAKOUT_OPEN_FILES] = "open beyond the file limit",
	[BREAKOUT_PTRACE] = "ptrace",
	[BREAKOUT_EXEC] = "exec",
};

const char *breakout_name(int attempt)
{
	return attempt >= 0 && attempt < BREAKOUT_COUNT ? names[attempt] : "?";
}

/* errno, or EIO for a failure that set none */
static int why(void)
{
	return errno ? errno : EIO;
}

static int try_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return why();
	char c;
	int e = read(fd, &c, 1) < 0 ? why() : 0;
	close(fd);
	return e;
}

/* Creates a new file in the folder of path (named after path and this
 * process), then removes it. */
static int try_create_beside(const char *path)
{
	char name[4200];
	const char *slash = strrchr(path, '/');
	snprintf(name, sizeof name, "%.*sescape-%ld", slash ? (int)(slash - path + 1) : 0, path,
	         (long)getpid());
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return why();
	close(fd);
	unlink(name);
	return 0;
}

static int try_open_for_writing(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return why();
	close(fd);
	return 0;
}

/* What a worker does with its temporary PDF: create, write, sync, chmod,
 * rename within the folder, remove. */
static int try_write_inside(const char *dir)
{
	char tmp[4200], moved[4300];
	snprintf(tmp, sizeof tmp, "%s/escape-XXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return why();
	int e = 0;
	if (write(fd, "%PDF", 4) != 4 || fsync(fd) != 0 || fchmod(fd, 0644) != 0)
		e = why();
	close(fd);
	snprintf(moved, sizeof moved, "%s.pdf", tmp);
	if (e == 0 && rename(tmp, moved) != 0)
		e = why();
	if (unlink(e == 0 ? moved : tmp) != 0 && e == 0)
		e = why();
	return e;
}

static int try_socket(int domain)
{
	int fd = socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return why();
	close(fd);
	return 0;
}

static int try_socketpair(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return why();
	close(sv[0]);
	close(sv[1]);
	return 0;
}

static int try_fork(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return why();
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 0;
}

static void *idle(void *arg)
{
	return arg;
}

static int try_thread(void)
{
	pthread_t t;
	int e = pthread_create(&t, NULL, idle, NULL);
	if (e == 0)
		pthread_join(t, NULL);
	return e;
}

static const char peek_target = 'x';    /* at the same address in the parent after fork */

static int try_peek_parent(void)
{
	char c;
	struct iovec local = {&c, 1}, remote = {(void *)&peek_target, 1};
	return process_vm_readv(getppid(), &local, 1, &remote, 1, 0) == 1 ? 0 : why();
}

static int try_raise_limit(void)
{
	struct rlimit rl = {RLIM_INFINITY, RLIM_INFINITY};
	return setrlimit(RLIMIT_CORE, &rl) == 0 ? 0 : why();
}

static int try_allocate(unsigned long long limit)
{
	if (limit == 0)
		return BREAKOUT_NOT_TRIED;
	/* volatile: the compiler may not drop an allocation it sees unused */
	void *volatile block = malloc((size_t)limit + ((size_t)64 << 20));
	int e = block ? 0 : why();
	free(block);
	return e;
}

static int try_grow_file(const char *dir, unsigned long long limit)
{
	if (limit == 0 || !dir)
		return BREAKOUT_NOT_TRIED;
	char path[4200];
	snprintf(path, sizeof path, "%s/escape-big-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0)
		return why();
	static const char chunk[65536];
	unsigned long long total = 0;
	int e = 0;
	while (total <= limit) {
		ssize_t n = write(fd, chunk, sizeof chunk);
		if (n <= 0) {
			e = why();
			break;
		}
		total += (unsigned long long)n;
	}
	close(fd);
	unlink(path);
	return e;
}

/* A descriptor numbered at the limit or above. */
static int try_open_files(int limit)
{
	if (limit <= 0)
		return BREAKOUT_NOT_TRIED;
	int fd = fcntl(2, F_DUPFD_CLOEXEC, limit);
	if (fd < 0)
		return why();
	close(fd);
	return 0;
}

static int try_exec(void)
{
	char *argv[] = {"true", NULL};
	execve("/bin/true", argv, environ);
	return why();
}

void breakout_try(const confine_policy *p, const char *inside_file, const char *outside_file,
                breakout_report *r)
{
	int *res = r->result;
	for (int i = 0; i < BREAKOUT_COUNT; i++)
		res[i] = BREAKOUT_NOT_TRIED;
	errno = 0;
	res[BREAKOUT_READ_INSIDE] = try_read(inside_file);
	if (p->write_dir)
		res[BREAKOUT_WRITE_INSIDE] = try_write_inside(p->write_dir);
	res[BREAKOUT_READ_OUTSIDE] = try_read(outside_file);
	res[BREAKOUT_READ_SYSTEM] = try_read("/etc/passwd");
	res[BREAKOUT_CREATE_OUTSIDE] = try_create_beside(outside_file);
	res[BREAKOUT_CREATE_IN_READ_DIR] = try_create_beside(inside_file);
	res[BREAKOUT_WRITE_READ_FILE] = try_open_for_writing(inside_file);
	res[BREAKOUT_SOCKET_INET] = try_socket(AF_INET);
	res[BREAKOUT_SOCKET_UNIX] = try_socket(AF_UNIX);
	res[BREAKOUT_SOCKETPAIR] = try_socketpair();
	res[BREAKOUT_FORK] = try_fork();
	res[BREAKOUT_THREAD] = try_thread();
	res[BREAKOUT_UNSHARE] = unshare(CLONE_NEWUSER) == 0 ? 0 : why();
	res[BREAKOUT_SIGNAL_PARENT] = kill(getppid(), 0) == 0 ? 0 : why();
	res[BREAKOUT_PEEK_PARENT] = try_peek_parent();
	res[BREAKOUT_RAISE_LIMIT] = try_raise_limit();
	res[BREAKOUT_ALLOCATE] = try_allocate(p->memory_bytes);
	res[BREAKOUT_GROW_FILE] = try_grow_file(p->write_dir, p->file_bytes);
	res[BREAKOUT_OPEN_FILES] = try_open_files(p->max_files);
	res[BREAKOUT_PTRACE] = ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0 ? 0 : why();
	res[BREAKOUT_EXEC] = 0;       /* what a reader of r sees if it works */
	res[BREAKOUT_EXEC] = try_exec();
}

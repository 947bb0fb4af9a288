/*
 * confine.c -- no-new-privs, a seccomp allow-list, Landlock, rlimits and the
 * parent-death signal for a worker (confine.h).
 *
 * Order matters: the parent-death signal and the limits first; then
 * no-new-privs, which Landlock and seccomp need without CAP_SYS_ADMIN; then
 * Landlock, whose rules are made with system calls seccomp would refuse; the
 * seccomp filter last.
 */
#include "script/confine.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#include <sanitizer/common_interface_defs.h>
#else
#define UNDER_ASAN 0
#endif

/* Appends "what: why" to the notes, "; "-separated. */
__attribute__((format(printf, 3, 4)))
static void note(char *notes, size_t size, const char *fmt, ...)
{
	if (!notes || size == 0)
		return;
	size_t n = strnlen(notes, size);
	if (n + 1 >= size)
		return;
	if (n > 0)
		n += (size_t)snprintf(notes + n, size - n, "; ");
	if (n + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(notes + n, size - n, fmt, ap);
	va_end(ap);
}

/* ---- the system-call allow-list ------------------------------------------------- */

/* Calls allowed only with some arguments; the filter is made in the process
 * it confines, so "self" is getpid() at that moment. */
typedef enum {
	ANY_ARGS,
	SELF_ONLY,          /* arg 0 is this process: abort() signals itself, nobody else */
	READ_LIMITS_ONLY,   /* prlimit64(0, r, NULL, old): read this process's limits, never set */
	TTY_QUERY_ONLY      /* ioctl(fd, TCGETS): isatty(), nothing else */
} arg_rule;

/* Everything the worker may call, found by tracing real runs (strace -f)
 * of the plain build, the AddressSanitizer/UBSan build (including their
 * reports) and valgrind. Everything else -- exec, sockets, fork, threads
 * and namespaces, ptrace and other processes' memory, mounts, setting
 * limits, Landlock and seccomp themselves -- fails with EPERM. Which files
 * the file calls reach is Landlock's business. Names are libseccomp's; a
 * name this architecture lacks (open on arm64) is skipped, so the
 * alternatives glibc picks per architecture sit side by side. */
static const struct allowed_call {
	const char *name;
	arg_rule args;
	const char *why;
} allowed[] = {
	/* memory */
	{"brk", ANY_ARGS, "malloc"},
	{"mmap", ANY_ARGS, "malloc of large blocks, HarfBuzz maps font files"},
	{"munmap", ANY_ARGS, "free of large blocks"},
	{"mremap", ANY_ARGS, "realloc of large blocks"},
	{"mprotect", ANY_ARGS, "malloc growing a heap, sanitizers' shadow memory"},
	{"madvise", ANY_ARGS, "AddressSanitizer's allocator returning memory"},
	/* reading: scripts, templates, fonts, data */
	{"openat", ANY_ARGS, "every file"},
	{"open", ANY_ARGS, "AddressSanitizer opens files with it"},
	{"close", ANY_ARGS, "every file"},
	{"read", ANY_ARGS, "every file"},
	{"pread64", ANY_ARGS, "valgrind reading debug information"},
	{"lseek", ANY_ARGS, "stdio and libharu"},
	{"newfstatat", ANY_ARGS, "stat and fstat in glibc: file sizes"},
	{"fstat", ANY_ARGS, "fstat where glibc uses it"},
	{"statx", ANY_ARGS, "valgrind"},
	{"access", ANY_ARGS, "templates, images and fonts checked before opening"},
	{"faccessat", ANY_ARGS, "access where glibc uses it"},
	{"faccessat2", ANY_ARGS, "access where glibc uses it"},
	{"readlink", ANY_ARGS, "realpath: images and outputs may not leave their folders"},
	{"readlinkat", ANY_ARGS, "readlink where glibc uses it"},
	{"getcwd", ANY_ARGS, "realpath of a relative path"},
	{"fcntl", ANY_ARGS, "stdio and libraries reading descriptor flags"},
	{"dup", ANY_ARGS, "stdio"},
	{"dup2", ANY_ARGS, "stdio"},
	{"dup3", ANY_ARGS, "dup2 where glibc uses it"},
	{"ioctl", TTY_QUERY_ONLY, "isatty(stderr), for sanitizers' colours"},
	/* writing: the temporary PDF and fonts, the pipe to the parent, stderr */
	{"write", ANY_ARGS, "the PDF, the pipe, stderr"},
	{"fsync", ANY_ARGS, "a PDF on disk before the parent renames it"},
	{"fchmod", ANY_ARGS, "a PDF gets 0666 & ~umask"},
	{"umask", ANY_ARGS, "reading the umask"},
	{"mkdir", ANY_ARGS, "the output's folder (an existing one: EEXIST)"},
	{"mkdirat", ANY_ARGS, "mkdir where glibc uses it"},
	{"unlink", ANY_ARGS, "temporary files removed"},
	{"unlinkat", ANY_ARGS, "unlink where glibc uses it"},
	{"rename", ANY_ARGS, "a temporary file renamed within its folder"},
	{"renameat", ANY_ARGS, "rename where glibc uses it"},
	{"renameat2", ANY_ARGS, "rename where glibc uses it"},
	/* signals and time: the script's deadline is a SIGALRM */
	{"rt_sigaction", ANY_ARGS, "the deadline's handler"},
	{"rt_sigprocmask", ANY_ARGS, "signal masks, valgrind"},
	{"rt_sigreturn", ANY_ARGS, "return from the deadline's handler"},
	{"rt_sigtimedwait", ANY_ARGS, "valgrind polls for pending signals"},
	{"sigaltstack", ANY_ARGS, "sanitizers' stack-overflow handler"},
	{"setitimer", ANY_ARGS, "the deadline"},
	{"restart_syscall", ANY_ARGS, "a sleep or wait interrupted by the deadline"},
	{"kill", SELF_ONLY, "raise() on itself"},
	{"tkill", SELF_ONLY, "raise() on itself"},
	{"tgkill", SELF_ONLY, "abort(), raise(), valgrind ending on a signal"},
	{"clock_gettime", ANY_ARGS, "os.clock, timings"},
	{"gettimeofday", ANY_ARGS, "os.time"},
	{"time", ANY_ARGS, "os.time"},
	/* the process itself */
	{"getpid", ANY_ARGS, "mkstemp names, sanitizers' reports, valgrind"},
	{"gettid", ANY_ARGS, "raise(), valgrind"},
	{"futex", ANY_ARGS, "locks in the C library and the sanitizers"},
	{"getrandom", ANY_ARGS, "mkstemp names, malloc"},
	{"sched_yield", ANY_ARGS, "spin locks in the C library"},
	{"prlimit64", READ_LIMITS_ONLY, "getrlimit(): reading limits, never raising them"},
	{"exit", ANY_ARGS, "the end"},
	{"exit_group", ANY_ARGS, "the end"},
};

/* Loads the allow-list as a seccomp filter. Returns 0 or a negative errno. */
static int load_seccomp(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx)
		return -ENOMEM;
	scmp_datum_t self = (scmp_datum_t)getpid();
	int rc = 0;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0] && rc == 0; i++) {
		int nr = seccomp_syscall_resolve_name(allowed[i].name);
		if (nr == __NR_SCMP_ERROR)
			continue;
		switch (allowed[i].args) {
		case ANY_ARGS:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
			break;
		case SELF_ONLY:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, SCMP_A0(SCMP_CMP_EQ, self));
			break;
		case READ_LIMITS_ONLY:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 2, SCMP_A0(SCMP_CMP_EQ, 0),
			                      SCMP_A2(SCMP_CMP_EQ, 0));
			break;
		case TTY_QUERY_ONLY:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
			                      SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)TCGETS));
			break;
		}
	}
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

/* ---- Landlock ------------------------------------------------------------------- */

/* Rights newer than the C library's <linux/landlock.h> may know. */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)           /* ABI 2 */
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)        /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)       /* ABI 5 */
#endif
#define NET_BIND_TCP (1ULL << 0)                        /* ABI 4 */
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)          /* ABI 6 */
#define SCOPE_SIGNAL (1ULL << 1)

/* The kernel's struct landlock_ruleset_attr as of ABI 6. Older kernels take
 * it whole as long as the fields they do not know are zero. */
typedef struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
} ruleset_attr;

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_WRITE (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
                  LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | \
                  LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_REFER | \
                  LANDLOCK_ACCESS_FS_TRUNCATE)
/* rights that make sense on a file rather than a folder */
#define FS_FILE (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
                 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
                 LANDLOCK_ACCESS_FS_IOCTL_DEV)

/* The Landlock ABI the kernel offers: 1 and up, or -1 with errno set. */
static int landlock_abi(void)
{
#ifdef SYS_landlock_create_ruleset
	return (int)syscall(SYS_landlock_create_ruleset, NULL, 0,
	                    LANDLOCK_CREATE_RULESET_VERSION);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/* Every filesystem right the given ABI handles: all of them are denied
 * unless a rule grants them. */
static uint64_t fs_rights(int abi)
{
	uint64_t all = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;     /* ABI 1 */
	if (abi >= 2)
		all |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		all |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		all |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return all;
}

#ifdef SYS_landlock_create_ruleset
/* Grants access (as far as the ruleset handles it) beneath path. A path
 * that does not exist needs no rule; a file takes file rights only. Returns
 * 0 or -1 with errno set. */
static int allow_path(int ruleset, const char *path, uint64_t access, uint64_t handled)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		access &= FS_FILE;
	struct landlock_path_beneath_attr rule = {.allowed_access = access & handled,
	                                          .parent_fd = fd};
	long rc = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc == 0 ? 0 : -1;
}
#endif

/* Restricts the files the process may reach to the policy's folders, and
 * (ABI 4 and up) TCP, and (ABI 6 and up) signals to other processes and
 * abstract Unix sockets. Needs no-new-privs. Returns true when enforced. */
static bool apply_landlock(const confine_policy *p, char *notes, size_t size)
{
	int abi = landlock_abi();
	if (abi < 0) {
		if (errno == EOPNOTSUPP)
			note(notes, size, "landlock: disabled at boot");
		else if (errno == ENOSYS)
			note(notes, size, "landlock: not supported by this kernel");
		else
			note(notes, size, "landlock: %s", strerror(errno));
		return false;
	}
#ifdef SYS_landlock_create_ruleset
	ruleset_attr attr = {.handled_access_fs = fs_rights(abi)};
	if (abi >= 4)
		attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
	if (abi >= 6)
		attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL;
	int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (ruleset < 0) {
		note(notes, size, "landlock: cannot make a ruleset: %s", strerror(errno));
		return false;
	}
	uint64_t handled = attr.handled_access_fs;
	for (int i = 0; i < p->nread; i++)
		if (allow_path(ruleset, p->read_dirs[i], FS_READ, handled) != 0) {
			note(notes, size, "landlock: cannot allow %s: %s", p->read_dirs[i],
			     strerror(errno));
			close(ruleset);
			return false;
		}
	if (p->write_dir && allow_path(ruleset, p->write_dir, FS_READ | FS_WRITE, handled) != 0) {
		note(notes, size, "landlock: cannot allow %s: %s", p->write_dir, strerror(errno));
		close(ruleset);
		return false;
	}
	long rc = syscall(SYS_landlock_restrict_self, ruleset, 0);
	int saved = errno;
	close(ruleset);
	if (rc != 0) {
		note(notes, size, "landlock: refused: %s", strerror(saved));
		return false;
	}
	return true;
#else
	return false;
#endif
}

/* ---- limits --------------------------------------------------------------------- */

/* Lowers both the soft and the hard limit (so the process cannot raise it
 * back) to value, or to the hard limit when that is already lower. When the
 * hard limit cannot move (valgrind keeps its own for open files), lowers
 * the soft limit alone: seccomp still forbids raising it. */
static bool lower_limit(int resource, rlim_t value)
{
	struct rlimit rl;
	if (getrlimit(resource, &rl) != 0)
		return false;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < value)
		value = rl.rlim_max;
	struct rlimit both = {value, value}, soft = {value, rl.rlim_max};
	return setrlimit(resource, &both) == 0 || setrlimit(resource, &soft) == 0;
}

/* ---- the layers in order -------------------------------------------------------- */

unsigned confine_apply(const confine_policy *p, char *notes, size_t notes_size)
{
	assert(p);
	if (notes && notes_size)
		notes[0] = '\0';
	unsigned active = 0;
	tzset();
#if UNDER_ASAN
	/* AddressSanitizer reads /proc/self/maps, the binary and its libraries
	 * to name functions and lines in a report: read them all now, while
	 * they can be opened */
	char where[256];
	__sanitizer_symbolize_pc(__builtin_return_address(0), "%F %L", where, sizeof where);
#endif

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == 0) {
		active |= CONFINE_PDEATHSIG;
		/* the parent may have died before the signal was asked for */
		if (p->parent > 0 && getppid() != p->parent)
			raise(SIGKILL);
	} else {
		note(notes, notes_size, "parent-death signal: %s", strerror(errno));
	}

	bool limited = true;
	if (!lower_limit(RLIMIT_CORE, 0)) {
		note(notes, notes_size, "rlimits: core dumps: %s", strerror(errno));
		limited = false;
	}
	if (p->file_bytes) {
		signal(SIGXFSZ, SIG_IGN);
		if (!lower_limit(RLIMIT_FSIZE, (rlim_t)p->file_bytes)) {
			note(notes, notes_size, "rlimits: file size: %s", strerror(errno));
			limited = false;
		}
	}
	if (p->max_files > 0 && !lower_limit(RLIMIT_NOFILE, (rlim_t)p->max_files)) {
		note(notes, notes_size, "rlimits: open files: %s", strerror(errno));
		limited = false;
	}
	if (limited)
		active |= CONFINE_RLIMITS;
	if (p->memory_bytes && UNDER_ASAN)
		note(notes, notes_size, "memory limit: not under AddressSanitizer");
	else if (p->memory_bytes && lower_limit(RLIMIT_AS, (rlim_t)p->memory_bytes))
		active |= CONFINE_MEMORY;
	else if (p->memory_bytes)
		note(notes, notes_size, "memory limit: %s", strerror(errno));

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		note(notes, notes_size, "no-new-privs: %s; landlock and seccomp need it",
		     strerror(errno));
		return active;
	}
	active |= CONFINE_NO_NEW_PRIVS;
	if (apply_landlock(p, notes, notes_size))
		active |= CONFINE_LANDLOCK;
	int rc = load_seccomp();
	if (rc == 0)
		active |= CONFINE_SECCOMP;
	else
		note(notes, notes_size, "seccomp: refused: %s", strerror(-rc));
	return active;
}

/* ---- the probe ------------------------------------------------------------------ */

/* What a probe's child sends back. */
typedef struct probe_report {
	unsigned active;
	int abi;
	char notes[512];
} probe_report;

unsigned confine_probe(char *out, size_t out_size)
{
	int fds[2];
	if (pipe(fds) != 0) {
		snprintf(out, out_size, "confinement: cannot probe: %s", strerror(errno));
		return 0;
	}
	pid_t parent = getpid();
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		probe_report r = {.abi = landlock_abi()};
		confine_policy p = {.memory_bytes = 1ULL << 30, .file_bytes = 1 << 20,
		                    .max_files = 64, .parent = parent};
		r.active = confine_apply(&p, r.notes, sizeof r.notes);
		_exit(write(fds[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
	}
	close(fds[1]);
	probe_report r;
	ssize_t got = -1;
	if (pid > 0) {
		while ((got = read(fds[0], &r, sizeof r)) < 0 && errno == EINTR)
			;
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	int saved = errno;
	close(fds[0]);
	if (got != (ssize_t)sizeof r) {
		snprintf(out, out_size, "confinement: cannot probe: %s",
		         pid < 0 || got < 0 ? strerror(saved) : "the child ended early");
		return 0;
	}
	r.notes[sizeof r.notes - 1] = '\0';

	static const char *const names[] = {"no-new-privs", "seccomp", "landlock", "rlimits",
	                                    "memory limit", "parent-death signal"};
	size_t n = (size_t)snprintf(out, out_size, "confinement:");
	const char *sep = " ";
	for (int i = 0; i < 6 && n < out_size; i++)
		if (r.active & (1u << i)) {
			if ((1u << i) == CONFINE_LANDLOCK)
				n += (size_t)snprintf(out + n, out_size - n, "%slandlock (ABI %d)", sep,
				                      r.abi);
			else
				n += (size_t)snprintf(out + n, out_size - n, "%s%s", sep, names[i]);
			sep = ", ";
		}
	if (r.active == 0 && n < out_size)
		n += (size_t)snprintf(out + n, out_size - n, " none");
	if (r.notes[0] && n < out_size)
		snprintf(out + n, out_size - n, "; not active: %s", r.notes);
	return r.active;
}

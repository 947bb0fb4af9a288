/*
 * breakout.h -- what a confined worker must not be able to do, tried for real.
 *
 * One function makes every attempt a hostile script with native code would
 * make (reading and writing outside its folders, exec, sockets, fork,
 * ptrace, signalling or reading other processes, raising its limits,
 * allocating past its memory limit) and records how each ended. The tests
 * of confine.h run it in a confined child; it is in the library so that a
 * test hook can run it inside a real worker too.
 */
#ifndef BRIEF_BREAKOUT_H
#define BRIEF_BREAKOUT_H

#include "script/confine.h"

/* The attempts, in the order they are made. The first two must succeed
 * under any policy; every other one must fail. */
enum {
	BREAKOUT_READ_INSIDE,         /* allowed: read the inside file */
	BREAKOUT_WRITE_INSIDE,        /* allowed: create, write, sync, rename, remove a file
	                               in the write folder */
	BREAKOUT_READ_OUTSIDE,        /* read the outside file */
	BREAKOUT_READ_SYSTEM,         /* read /etc/passwd */
	BREAKOUT_CREATE_OUTSIDE,      /* create a file beside the outside file */
	BREAKOUT_CREATE_IN_READ_DIR,  /* create a file beside the inside file */
	BREAKOUT_WRITE_READ_FILE,     /* open the inside file for writing */
	BREAKOUT_SOCKET_INET,         /* socket(AF_INET) */
	BREAKOUT_SOCKET_UNIX,         /* socket(AF_UNIX) */
	BREAKOUT_SOCKETPAIR,          /* socketpair(AF_UNIX) */
	BREAKOUT_FORK,                /* fork() */
	BREAKOUT_THREAD,              /* pthread_create() */
	BREAKOUT_UNSHARE,             /* unshare(CLONE_NEWUSER): a namespace to be root in */
	BREAKOUT_SIGNAL_PARENT,       /* kill(getppid(), 0) */
	BREAKOUT_PEEK_PARENT,         /* process_vm_readv() from the parent */
	BREAKOUT_RAISE_LIMIT,         /* setrlimit(RLIMIT_CORE) to unlimited */
	BREAKOUT_ALLOCATE,            /* malloc() beyond the memory limit */
	BREAKOUT_GROW_FILE,           /* write a file beyond the file size limit */
	BREAKOUT_OPEN_FILES,          /* hold more descriptors than the limit */
	BREAKOUT_PTRACE,              /* ptrace(PTRACE_TRACEME) */
	BREAKOUT_EXEC,                /* execve("/bin/true"), last */
	BREAKOUT_COUNT
};

#define BREAKOUT_NOT_TRIED (-1)

/* How each attempt ended: 0 when it succeeded, the errno it failed with
 * otherwise, or BREAKOUT_NOT_TRIED (no limit in the policy to go beyond). A
 * plain struct, to be sent whole through a pipe. */
typedef struct breakout_report {
	int result[BREAKOUT_COUNT];
} breakout_report;

/* Makes every attempt, in order, from the calling (confined) process, and
 * fills *r. inside_file must be a readable file beneath one of the policy's
 * read folders, outside_file a readable file outside all of its folders;
 * files are created in the policy's write folder and beside those two, and
 * removed again when that succeeded. The limits tried are the policy's.
 *
 * Each result is stored as its attempt ends, and the exec one is stored as
 * a success before it is made: put *r in memory shared with another
 * process, and that process reads a complete report even when the process
 * died on the way or became /bin/true, never returning. A successful ptrace
 * attempt leaves the process traced by its parent. */
void breakout_try(const confine_policy *p, const char *inside_file, const char *outside_file,
                breakout_report *r);

/* A short name for an attempt ("read outside"), for messages. */
const char *breakout_name(int attempt);

#endif

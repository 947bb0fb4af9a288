/*
 * escape.h -- what a confined worker must not be able to do, tried for real.
 *
 * One function makes every attempt a hostile script with native code would
 * make (reading and writing outside its folders, exec, sockets, fork,
 * ptrace, signalling or reading other processes, raising its limits,
 * allocating past its memory limit) and records how each ended. The tests
 * of confine.h run it in a confined child; it is in the library so that a
 * test hook can run it inside a real worker too.
 */
#ifndef BRIEF_ESCAPE_H
#define BRIEF_ESCAPE_H

#include "script/confine.h"

/* The attempts, in the order they are made. The first two must succeed
 * under any policy; every other one must fail. */
enum {
	ESCAPE_READ_INSIDE,         /* allowed: read the inside file */
	ESCAPE_WRITE_INSIDE,        /* allowed: create, write, sync, rename, remove a file
	                               in the write folder */
	ESCAPE_READ_OUTSIDE,        /* read the outside file */
	ESCAPE_READ_SYSTEM,         /* read /etc/passwd */
	ESCAPE_CREATE_OUTSIDE,      /* create a file beside the outside file */
	ESCAPE_CREATE_IN_READ_DIR,  /* create a file beside the inside file */
	ESCAPE_WRITE_READ_FILE,     /* open the inside file for writing */
	ESCAPE_SOCKET_INET,         /* socket(AF_INET) */
	ESCAPE_SOCKET_UNIX,         /* socket(AF_UNIX) */
	ESCAPE_SOCKETPAIR,          /* socketpair(AF_UNIX) */
	ESCAPE_FORK,                /* fork() */
	ESCAPE_THREAD,              /* pthread_create() */
	ESCAPE_UNSHARE,             /* unshare(CLONE_NEWUSER): a namespace to be root in */
	ESCAPE_SIGNAL_PARENT,       /* kill(getppid(), 0) */
	ESCAPE_PEEK_PARENT,         /* process_vm_readv() from the parent */
	ESCAPE_RAISE_LIMIT,         /* setrlimit(RLIMIT_CORE) to unlimited */
	ESCAPE_ALLOCATE,            /* malloc() beyond the memory limit */
	ESCAPE_GROW_FILE,           /* write a file beyond the file size limit */
	ESCAPE_OPEN_FILES,          /* hold more descriptors than the limit */
	ESCAPE_PTRACE,              /* ptrace(PTRACE_TRACEME) */
	ESCAPE_EXEC,                /* execve("/bin/true"), last */
	ESCAPE_COUNT
};

#define ESCAPE_NOT_TRIED (-1)

/* How each attempt ended: 0 when it succeeded, the errno it failed with
 * otherwise, or ESCAPE_NOT_TRIED (no limit in the policy to go beyond). A
 * plain struct, to be sent whole through a pipe. */
typedef struct escape_report {
	int result[ESCAPE_COUNT];
} escape_report;

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
void escape_try(const confine_policy *p, const char *inside_file, const char *outside_file,
                escape_report *r);

/* A short name for an attempt ("read outside"), for messages. */
const char *escape_name(int attempt);

#endif

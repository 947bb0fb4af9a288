/*
 * confine.h -- the operating system's walls around a worker process.
 *
 * The Lua sandbox (sandbox.h) is the first wall; this is the second, for the
 * day a bug in Lua, libharu or HarfBuzz hands a script native code. Before
 * the script starts, the worker gives up for good: new privileges
 * (no-new-privs), every system call not on one allow-list (seccomp; a denied
 * call fails with EPERM, so a library sees an error, not a kill), every file
 * outside a few folders (Landlock), memory, file size, open files and core
 * dumps beyond fixed limits (rlimits), and its life beyond its parent's
 * (parent-death signal). Chromium's and OpenSSH's privilege-separated
 * children are the models.
 *
 * Each layer is detected: one the kernel refuses (an old kernel, a
 * container's own seccomp policy, valgrind) is skipped with a note, never a
 * failure, and the caller learns which layers hold.
 *
 * Linux only; plain C, no Lua.
 */
#ifndef BRIEF_CONFINE_H
#define BRIEF_CONFINE_H

#include <stddef.h>
#include <sys/types.h>

/* The layers, as bits of the masks returned below. */
enum {
	CONFINE_NO_NEW_PRIVS = 1 << 0,  /* setuid programs and file capabilities give nothing */
	CONFINE_SECCOMP = 1 << 1,       /* only the allow-listed system calls */
	CONFINE_LANDLOCK = 1 << 2,      /* only the policy's folders */
	CONFINE_RLIMITS = 1 << 3,       /* file size, open files, no core dump */
	CONFINE_MEMORY = 1 << 4,        /* address space (RLIMIT_AS) */
	CONFINE_PDEATHSIG = 1 << 5,     /* SIGKILL when the parent dies */
	CONFINE_ALL = (1 << 6) - 1
};

/* What the confined process may still do; owned by the caller, read only
 * during confine_apply(). */
typedef struct confine_policy {
	const char *const *read_dirs;   /* read-only beneath these (folders or files) */
	int nread;
	const char *write_dir;          /* read-write beneath this one only; NULL for none */
	unsigned long long memory_bytes; /* RLIMIT_AS; 0 for no limit */
	unsigned long long file_bytes;  /* RLIMIT_FSIZE; 0 for no limit */
	int max_files;                  /* RLIMIT_NOFILE; 0 for no limit */
	pid_t parent;                   /* getpid() of the parent before the fork; 0 skips
	                                   the check that it is still alive */
} confine_policy;

/* Confines the calling process for good, as the policy says, every layer
 * the kernel allows. Returns the layers now active (CONFINE_* bits); for
 * each layer that could not be applied, appends a short reason to notes
 * (NUL-terminated, truncated to notes_size; notes may be NULL), such as
 * "landlock: not supported by this kernel". Never fails: a run goes on with
 * the layers it has.
 *
 * Call it in a single-threaded child, after every file the process will
 * use outside the policy's folders is open (descriptors already open stay
 * usable) and last before untrusted work starts. It caches the local time
 * zone first (tzset), because /etc/localtime is out of reach afterwards,
 * and, built with AddressSanitizer, reads the symbols its reports name.
 * Where Landlock is new enough it also refuses TCP (ABI 4) and signals and
 * abstract Unix sockets across the sandbox's edge (ABI 6). Memory is not
 * limited when built with AddressSanitizer, whose shadow memory reserves
 * terabytes of address space. SIGXFSZ is ignored, so a write beyond the
 * file size limit fails with EFBIG instead of killing.
 * When policy->parent is set and that parent is already gone, the process
 * kills itself with SIGKILL, as the parent-death signal would have. */
unsigned confine_apply(const confine_policy *policy, char *notes, size_t notes_size);

/* Which layers this machine grants, found by confining a throw-away forked
 * child; for `brief --version`. Returns the CONFINE_* bits and writes a
 * one-line summary to out (NUL-terminated, truncated to out_size), such as
 * "confinement: no-new-privs, seccomp, landlock (ABI 4), rlimits, memory
 * limit, parent-death signal", followed by "; not active: " and the notes
 * when a layer is missing. Returns 0, with the reason in out, when the
 * child cannot be made. */
unsigned confine_probe(char *out, size_t out_size);

#endif

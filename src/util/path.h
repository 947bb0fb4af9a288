/*
 * path.h -- the one rule for every file brief reads or writes.
 *
 * Every path, whether a script names it (require, doc:image, doc:save, a
 * template) or the operator does (--data, -o, --summary), goes through here:
 *
 *   1. it is resolved as the kernel would follow it, symbolic links
 *      included, before anything is opened (path_resolve);
 *   2. the resolved path must lie beneath one of the allowed folders, and a
 *      path outside them gets the same error whether or not it exists;
 *   3. only regular files are read or replaced: never a FIFO, a device, a
 *      socket or a folder, and opening never blocks;
 *   4. a file read is capped in size, and read whole.
 *
 * Writing is done by the caller (see output/plan.h), to a resolved target
 * that path_output() has checked.
 */
#ifndef BRIEF_PATH_H
#define BRIEF_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* The longest path brief handles, resolved or given. */
#define PATH_LIMIT 4096

typedef enum path_status {
	PATH_OK,
	PATH_OUTSIDE,           /* beneath none of the allowed folders */
	PATH_MISSING,           /* inside, but no such file */
	PATH_NOT_REGULAR,       /* a folder, FIFO, device or socket */
	PATH_TOO_BIG,           /* larger than the cap */
	PATH_TOO_LONG,          /* longer than PATH_LIMIT, or too many links */
	PATH_ERROR              /* the system's error: see the message */
} path_status;

/* Resolves given -- absolute, or relative to the folder base (itself
 * absolute or relative to the working directory; NULL means the working
 * directory) -- to an absolute path the way the kernel follows it: every
 * symbolic link is replaced by its target and "." and ".." are applied to
 * what is resolved so far. The part after the first component that does
 * not exist is kept as written, normalised. Writes it to out (PATH_LIMIT
 * bytes) and returns PATH_OK, or PATH_TOO_LONG (also for a loop of links). */
path_status path_resolve(const char *given, const char *base, char out[PATH_LIMIT]);

/* A file read whole: data[len] is a NUL. Owned by the caller, path_free(). */
typedef struct path_file {
	char *data;
	size_t len;
	char resolved[PATH_LIMIT];
} path_file;

/* Reads the file given (relative to base, as in path_resolve) when it
 * resolves beneath one of the nroots resolved folders roots[], is a regular
 * file and holds at most max_bytes. On PATH_OK fills *f. Otherwise f holds
 * nothing to free and msg (msgsize bytes) says why, in words that never
 * tell whether a path outside the roots exists: "outside the folders it
 * may read", "no such file", "not a regular file", "larger than N MiB". */
path_status path_read(const char *const *roots, int nroots, const char *given,
                      const char *base, size_t max_bytes, path_file *f, char *msg,
                      size_t msgsize);

/* Frees what path_read() filled in; f itself is the caller's. */
void path_free(path_file *f);

/* Checks that given (relative to base) may be written as an output beneath
 * the folder root (resolved here too): it resolves beneath root (not to
 * root itself),
 * and if something is there already it is a regular file. Writes the
 * resolved target to out. Messages as for path_read(). */
path_status path_output(const char *root, const char *given, const char *base,
                        char out[PATH_LIMIT], char *msg, size_t msgsize);

/* Creates the folders missing between the resolved folder root (which must
 * exist) and the resolved target file, each one checked to resolve beneath
 * root when made. Returns 0, or -1 with errno set (EXDEV when a folder on
 * the way leads outside root). */
int path_make_folders(const char *root, const char *target);

/* The folder part of path ("." when it has none), into out. */
void path_folder_of(const char *path, char out[PATH_LIMIT]);

#endif

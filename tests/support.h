/*
 * support.h -- what the unit tests share: temporary directories, whole files
 * read and written, shell commands run for their output, the installed fonts
 * opened for a group, and a tiny PNG.
 *
 * Include it after <cmocka.h>. Unless its contract says otherwise, a function
 * here fails the running test (fail_msg or a cmocka assertion) instead of
 * returning an error, so a test never carries on after a broken fixture.
 */
#ifndef BRIEF_TESTS_SUPPORT_H
#define BRIEF_TESTS_SUPPORT_H

#include <stddef.h>

typedef struct lay_fonts lay_fonts;    /* layout/fonts.h */

/* ---- directories ------------------------------------------------------------ */

/* Makes a new directory /tmp/NAME.XXXXXX (mkdtemp) and leaves its path in dir,
 * a buffer of size bytes. Returns dir, or NULL when it cannot be made, so that
 * a setup function can return -1 and a test can assert_non_null() it. */
char *support_temp_dir(char *dir, size_t size, const char *name);

/* Removes dir and everything under it; symbolic links are removed, never
 * followed. Does nothing when dir does not exist. */
void support_remove_tree(const char *dir);

/* ---- files -------------------------------------------------------------------- */

/* Returns the whole file at path, NUL-terminated (it may hold NUL bytes of its
 * own: its length goes to *len when len is not NULL), owned by the caller
 * (free()); NULL when the file cannot be opened. */
char *support_read_file(const char *path, size_t *len);

/* support_read_file(), failing the test, naming path, when it cannot be read. */
char *support_read_file_or_fail(const char *path, size_t *len);

/* Writes len bytes of data to path, replacing what was there; fails the test
 * when the file cannot be written whole. */
void support_write_file(const char *path, const void *data, size_t len);

/* ---- commands ----------------------------------------------------------------- */

/* Runs the shell command made from fmt (printf-style); returns its standard
 * output, owned by the caller (free()), with any NUL bytes (binary streams)
 * turned into '.' so that it can be searched as a string, and stores its exit
 * status in *status (-1 when it did not exit normally). */
__attribute__((format(printf, 2, 3)))
char *support_run(int *status, const char *fmt, ...);

/* ---- fonts -------------------------------------------------------------------- */

/* Opens the installed fonts (as $BRIEF_FONTS says) for a group setup: returns
 * them, owned by the caller (fonts_free()), or prints "fonts_open: MESSAGE" on
 * stderr and returns NULL, for the setup to return -1. */
lay_fonts *support_open_fonts(void);

/* ---- data ----------------------------------------------------------------------- */

/* A 2x2 8-bit RGB PNG. */
extern const unsigned char support_tiny_png[73];

#endif

/*
 * support.h -- what the unit tests share: temporary directories, whole files
 * read and written, shell commands run for their output, the installed fonts
 * opened for a group, a tiny PNG, and PNG and JPEG files made to order.
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

/* ---- images --------------------------------------------------------------------- */

/* Pixel k (0-based, row-major) of the images below, channel c: a pattern
 * both encoders and the tests that decode them agree on. Alpha channels are
 * 255 on the first row (opaque) and vary after. */
unsigned char support_pattern(long k, int c);

/* Encodes a w x h PNG with libpng, in memory: color is the PNG colour type
 * (0 gray, 2 RGB, 3 palette of 4 entries with tRNS making entry 3 half
 * transparent, 4 gray + alpha, 6 RGBA), depth its bit depth (1 to 16, as
 * the type allows), interlaced for Adam7. Returns the file, owned by the
 * caller (free()), its length in *len. */
unsigned char *support_png(int w, int h, int color, int depth, int interlaced, size_t *len);

/* Encodes a w x h JPEG with libjpeg, in memory, of components 1 (gray),
 * 3 (YCbCr) or 4 (CMYK, with an Adobe marker), progressive or not,
 * arithmetic-coded or not, quality 90. Returns the file, owned by the caller
 * (free()), its length in *len. */
unsigned char *support_jpeg(int w, int h, int components, int progressive, int arith,
                            size_t *len);

#endif

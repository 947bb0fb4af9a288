/*
 * common.h -- what the fuzz targets share: fuzz bytes read as a sequence of
 * choices, bytes made into valid UTF-8, the installed fonts opened once.
 *
 * A target is tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput; fuzz.mk
 * links this file into every one. Nothing here may keep memory from one
 * input to the next but the fonts, which live as long as the process.
 */
#ifndef BRIEF_FUZZ_COMMON_H
#define BRIEF_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lay_fonts lay_fonts;    /* layout/fonts.h */

/* The fuzz input, consumed from the front. Once it is used up every choice
 * is 0, so any input describes a finite, complete case. */
typedef struct fuzz_input {
	const uint8_t *p;
	size_t n;
} fuzz_input;

/* The next byte, or 0 when none is left. */
unsigned fuzz_byte(fuzz_input *in);

/* A number from 0 to n - 1 (n >= 1), from one byte. */
unsigned fuzz_pick(fuzz_input *in, unsigned n);

/* Takes the next bytes up to (not including) the byte `stop`, at most max of
 * them; consumes the stop byte too. Returns their count, the bytes at *out. */
size_t fuzz_until(fuzz_input *in, uint8_t stop, size_t max, const uint8_t **out);

/* Returns a NUL-terminated copy of p[0..n) that is valid UTF-8, owned by the
 * caller (free()): ill-formed sequences become U+FFFD, NUL bytes spaces.
 * Aborts when out of memory. */
char *fuzz_utf8(const uint8_t *p, size_t n);

/* The installed fonts (as $BRIEF_FONTS says), opened on the first call and
 * kept for the life of the process. Aborts with a message when absent. */
lay_fonts *fuzz_fonts(void);

#endif

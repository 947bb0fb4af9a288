/*
 * utf8.h -- UTF-8 decoding and validation at the boundary.
 *
 * Text enters brief from scripts and data files; it is validated here once,
 * so every later stage may assume well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF).
 */
#ifndef BRIEF_UTF8_H
#define BRIEF_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at s[0..n), n >= 1. Stores it in *cp and returns the
 * number of bytes it takes (1..4). An ill-formed sequence stores
 * UTF8_REPLACEMENT and returns the length of its maximal ill-formed prefix
 * (at least 1), as Unicode recommends for replacement. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Returns the byte offset of the first ill-formed sequence in s[0..n), or
 * (size_t)-1 when the whole string is valid UTF-8. */
size_t utf8_invalid_at(const char *s, size_t n);

/* Writes the UTF-8 form of cp (<= 0x10FFFF, not a surrogate) into out and
 * returns its length (1..4); returns 0 for a value that is not a scalar. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Number of code points in valid UTF-8 s[0..n). */
size_t utf8_length(const char *s, size_t n);

#endif

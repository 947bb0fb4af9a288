/*
 * escape.h -- text from scripts and data made safe for where it is shown.
 *
 * A script's error message can hold any bytes: escape sequences that would
 * drive the operator's terminal, invalid UTF-8, NULs cut short by C. Every
 * message brief prints goes through escape_terminal(); every string in the
 * batch summary through escape_json(), so the summary is valid JSON
 * whatever the bytes.
 */
#ifndef BRIEF_ESCAPE_H
#define BRIEF_ESCAPE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Returns a copy of s[0..n) fit for a terminal, owned by the caller
 * (free()), or NULL when out of memory: valid UTF-8 other than control
 * characters is kept; a newline is kept when keep_newlines (tracebacks);
 * every other C0 or C1 control character, DEL, and each byte of invalid
 * UTF-8 becomes a visible escape: "\e" for ESC, "\r", "\t", else "\xHH". */
char *escape_terminal(const char *s, size_t n, int keep_newlines);

/* Writes s as a JSON string, quotes included: control characters escaped,
 * invalid UTF-8 replaced by U+FFFD, so the output is valid JSON and valid
 * UTF-8 whatever s holds. */
void escape_json(FILE *f, const char *s);

/* The length of the longest prefix of s[0..n) that is at most max bytes and
 * does not end inside a UTF-8 sequence: where a long text may be cut. */
size_t escape_cut(const char *s, size_t n, size_t max);

/* vsnprintf into buf[n] that never cuts a character in two: a text too
 * long for the buffer is cut at a character boundary and ends with "…".
 * Returns buf. */
__attribute__((format(printf, 3, 4)))
char *escape_format(char *buf, size_t n, const char *fmt, ...);

/* escape_format() with a va_list. */
__attribute__((format(printf, 3, 0)))
char *escape_vformat(char *buf, size_t n, const char *fmt, va_list ap);

#endif

/*
 * utf8.c -- strict UTF-8 (RFC 3629, Unicode table 3-7).
 *
 * The well-formed sequences are exactly:
 *
 *     00..7F
 *     C2..DF  80..BF
 *     E0      A0..BF  80..BF
 *     E1..EC  80..BF  80..BF
 *     ED      80..9F  80..BF          (no surrogates)
 *     EE..EF  80..BF  80..BF
 *     F0      90..BF  80..BF  80..BF
 *     F1..F3  80..BF  80..BF  80..BF
 *     F4      80..8F  80..BF  80..BF  (nothing above U+10FFFF)
 *
 * Checking the second byte against its narrowed range rejects overlongs,
 * surrogates and values above U+10FFFF before any arithmetic, and makes the
 * length of an ill-formed sequence the "maximal subpart" of Unicode's
 * U+FFFD substitution practice: the bytes that could still have begun a
 * well-formed sequence.
 */
#include "util/utf8.h"

#include <assert.h>
#include <stdbool.h>

/* Decodes one sequence at s[0..n), n >= 1. On success stores the code point
 * and sets *ok; on failure stores UTF8_REPLACEMENT and clears *ok. Returns
 * the length consumed either way (1..4). */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp, bool *ok)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;  /* range of the next continuation byte */
	size_t need;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		*ok = true;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		/* 80..BF stray continuation, C0/C1 overlong, F5..FF never used */
		*cp = UTF8_REPLACEMENT;
		*ok = false;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = UTF8_REPLACEMENT;
			*ok = false;
			return i;
		}
		v = v << 6 | (s[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	*ok = true;
	return need + 1;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	assert(s && n >= 1 && cp);
	bool ok;
	return decode((const unsigned char *)s, n, cp, &ok);
}

size_t utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		bool ok;
		size_t k = decode(u + i, n - i, &cp, &ok);
		if (!ok)
			return i;
		i += k;
	}
	return (size_t)-1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | cp >> 18);
		out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Counts what utf8_decode() would step over, so ill-formed input (outside
 * the contract) still gives a sensible answer: one per U+FFFD. */
size_t utf8_length(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t count = 0, i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			i++;
		} else {
			uint32_t cp;
			bool ok;
			i += decode(u + i, n - i, &cp, &ok);
		}
		count++;
	}
	return count;
}

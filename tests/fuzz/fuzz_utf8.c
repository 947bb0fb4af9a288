/*
 * fuzz_utf8.c -- UTF-8 decoding and validation (src/util/utf8.c) checked
 * against a reference written from the Unicode standard's Table 3-7 of
 * well-formed byte sequences, on any bytes.
 *
 * For every position the decoder must agree with the reference on the code
 * point and on the length: the whole sequence when it is well-formed, else
 * its maximal ill-formed prefix. utf8_invalid_at must name the first
 * ill-formed position; on valid text, utf8_length must count the sequences
 * and utf8_encode give each one's bytes back. The input read as 32-bit
 * numbers checks utf8_encode on every kind of value.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#define CHECK(cond) ((cond) ? (void)0 : abort())

/* The sequence at s[0..n), n >= 1: returns its length and stores its code
 * point, or for an ill-formed one returns the length of its maximal prefix
 * that could begin a well-formed sequence (at least 1) and stores -1. */
static size_t reference(const uint8_t *s, size_t n, int32_t *cp)
{
	uint8_t b = s[0];
	size_t len;
	uint8_t lo = 0x80, hi = 0xBF;       /* the range of the second byte */
	*cp = -1;
	if (b < 0x80) {
		*cp = b;
		return 1;
	} else if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
	} else if (b == 0xE0) {
		len = 3, lo = 0xA0;
	} else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
		len = 3;
	} else if (b == 0xED) {
		len = 3, hi = 0x9F;
	} else if (b == 0xF0) {
		len = 4, lo = 0x90;
	} else if (b >= 0xF1 && b <= 0xF3) {
		len = 4;
	} else if (b == 0xF4) {
		len = 4, hi = 0x8F;
	} else {
		return 1;
	}
	int32_t v = b & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		uint8_t first = i == 1 ? lo : 0x80, last = i == 1 ? hi : 0xBF;
		if (i >= n || s[i] < first || s[i] > last)
			return i;
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

static void check_bytes(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t first_bad = (size_t)-1, count = 0;
	for (size_t i = 0; i < size;) {
		int32_t want;
		size_t want_len = reference(data + i, size - i, &want);
		uint32_t cp = 0;
		size_t len = utf8_decode(s + i, size - i, &cp);
		CHECK(len == want_len);
		CHECK(cp == (want < 0 ? UTF8_REPLACEMENT : (uint32_t)want));
		if (want < 0 && first_bad == (size_t)-1)
			first_bad = i;
		if (want >= 0) {
			char out[4];
			CHECK(utf8_encode(cp, out) == len);
			CHECK(memcmp(out, s + i, len) == 0);
		}
		i += len;
		count++;
	}
	CHECK(utf8_invalid_at(s, size) == first_bad);
	if (first_bad == (size_t)-1)
		CHECK(utf8_length(s, size) == count);
}

static void check_encode(uint32_t cp)
{
	char out[4];
	size_t len = utf8_encode(cp, out);
	bool scalar = cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
	if (!scalar) {
		CHECK(len == 0);
		return;
	}
	CHECK(len == (cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u));
	uint32_t back;
	CHECK(utf8_decode(out, len, &back) == len);
	CHECK(back == cp);
	CHECK(utf8_invalid_at(out, len) == (size_t)-1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_bytes(data, size);
	for (size_t i = 0; i + 4 <= size; i += 4) {
		uint32_t cp;
		memcpy(&cp, data + i, 4);
		check_encode(cp);
		check_encode(cp & 0x1FFFFF);        /* mostly in range */
	}
	return 0;
}

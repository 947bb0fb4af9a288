/*
 * test_utf8.c -- strict UTF-8: what is accepted, what is rejected and how
 * much of it, where validation stops, and encode/decode round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/utf8.h"

#define NOWHERE ((size_t)-1)

/* Byte strings carry their length: some hold NUL. */
#define B(lit) lit, sizeof(lit) - 1

static void test_decode_accepts_well_formed(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		uint32_t cp;
		size_t len;
	} cases[] = {
		{B("A"), 0x41, 1},
		{B("\0"), 0x00, 1},
		{B("\x7F"), 0x7F, 1},
		{B("\xC2\x80"), 0x80, 2},            /* smallest 2-byte */
		{B("\xC3\xA9"), 0xE9, 2},            /* é */
		{B("\xDF\xBF"), 0x7FF, 2},
		{B("\xE0\xA0\x80"), 0x800, 3},       /* smallest 3-byte */
		{B("\xED\x9F\xBF"), 0xD7FF, 3},      /* just below the surrogates */
		{B("\xEE\x80\x80"), 0xE000, 3},      /* just above them */
		{B("\xED\x95\x9C"), 0xD55C, 3},      /* 한 */
		{B("\xEA\xB0\x80"), 0xAC00, 3},      /* 가, first Hangul syllable */
		{B("\xEF\xBF\xBD"), 0xFFFD, 3},      /* U+FFFD itself is fine */
		{B("\xEF\xBF\xBF"), 0xFFFF, 3},
		{B("\xF0\x90\x80\x80"), 0x10000, 4}, /* smallest 4-byte */
		{B("\xF0\x9F\x98\x80"), 0x1F600, 4}, /* 😀 */
		{B("\xF4\x8F\xBF\xBF"), 0x10FFFF, 4},/* largest scalar */
		{B("Ab"), 0x41, 1},                  /* stops after one */
		{B("\xC3\xA9z"), 0xE9, 2},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint32_t cp = 0;
		size_t len = utf8_decode(cases[k].s, cases[k].n, &cp);
		if (len != cases[k].len || cp != cases[k].cp)
			fail_msg("case %zu: got U+%04X (%zu bytes), want U+%04X (%zu)",
			         k, (unsigned)cp, len, (unsigned)cases[k].cp, cases[k].len);
	}
}

/* Every class of ill-formed input, with the length of its maximal
 * ill-formed subpart: the bytes that could still have begun a well-formed
 * sequence. */
static void test_decode_rejects_ill_formed_by_maximal_subpart(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *s;
		size_t n;
		size_t len;
	} cases[] = {
		{"overlong 2-byte NUL", B("\xC0\x80"), 1},
		{"overlong 2-byte max", B("\xC1\xBF"), 1},
		{"overlong 3-byte", B("\xE0\x80\x80"), 1},
		{"overlong 3-byte max", B("\xE0\x9F\xBF"), 1},
		{"overlong 4-byte", B("\xF0\x80\x80\x80"), 1},
		{"overlong 4-byte max", B("\xF0\x8F\xBF\xBF"), 1},
		{"surrogate D800", B("\xED\xA0\x80"), 1},
		{"surrogate DFFF", B("\xED\xBF\xBF"), 1},
		{"above U+10FFFF", B("\xF4\x90\x80\x80"), 1},
		{"lead F5", B("\xF5\x80\x80\x80"), 1},
		{"lead F7", B("\xF7\xBF\xBF\xBF"), 1},
		{"lead F8 (5-byte)", B("\xF8\x88\x80\x80\x80"), 1},
		{"byte FE", B("\xFE"), 1},
		{"byte FF", B("\xFF"), 1},
		{"lone continuation 80", B("\x80"), 1},
		{"lone continuation BF", B("\xBF" "a"), 1},
		{"truncated 2-byte", B("\xC3"), 1},
		{"truncated 3-byte after 1", B("\xE2"), 1},
		{"truncated 3-byte after 2", B("\xE2\x80"), 2},
		{"truncated 4-byte after 2", B("\xF0\x9F"), 2},
		{"truncated 4-byte after 3", B("\xF0\x9F\x98"), 3},
		{"2-byte cut by ASCII", B("\xC3" "a"), 1},
		{"3-byte cut by ASCII", B("\xE2\x80" "a"), 2},
		{"4-byte cut by ASCII", B("\xF0\x9F\x98" "a"), 3},
		{"3-byte cut by a lead", B("\xE2\xC3\xA9"), 1},
		{"4-byte cut by a lead", B("\xF1\x80\xF1\x80\x80\x80"), 2},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint32_t cp = 0;
		size_t len = utf8_decode(cases[k].s, cases[k].n, &cp);
		if (cp != UTF8_REPLACEMENT || len != cases[k].len)
			fail_msg("%s: got U+%04X (%zu bytes), want U+FFFD (%zu)",
			         cases[k].what, (unsigned)cp, len, cases[k].len);
	}
}

/* The example of Unicode 15, section 3.9, table 3-8: each ill-formed
 * subpart becomes one U+FFFD. */
static void test_decode_replaces_as_unicode_table_3_8(void **state)
{
	(void)state;
	static const char s[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
	static const uint32_t want[] = {
		0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD, 0x63, 0xFFFD, 0xFFFD, 0x64,
	};
	size_t n = sizeof s - 1, i = 0, k = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		assert_in_range(len, 1, 4);
		assert_true(k < sizeof want / sizeof want[0]);
		if (cp != want[k])
			fail_msg("character %zu: got U+%04X, want U+%04X", k,
			         (unsigned)cp, (unsigned)want[k]);
		i += len;
		k++;
	}
	assert_int_equal(k, sizeof want / sizeof want[0]);
	assert_int_equal(utf8_length(s, n), sizeof want / sizeof want[0]);
}

/* An offset for messages: -1 for NOWHERE. */
static long long offset(size_t at)
{
	return at == NOWHERE ? -1LL : (long long)at;
}

static void test_invalid_at_finds_first_bad_byte(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		size_t at;
	} cases[] = {
		{B(""), NOWHERE},
		{B("plain ASCII"), NOWHERE},
		{B("caf\xC3\xA9 na\xC3\xAFve"), NOWHERE},
		{B("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"), NOWHERE},  /* 한국어 */
		{B("smile \xF0\x9F\x98\x80!"), NOWHERE},
		{B("nul \0 inside"), NOWHERE},
		{B("\xC0\x80"), 0},
		{B("abc\xC0\x80"), 3},
		{B("ab\xE0\x80\x80"), 2},
		{B("\xED\x95\x9C\xED\xA0\x80"), 3},       /* 한 then a surrogate */
		{B("x\xF4\x90\x80\x80"), 1},
		{B("\xC3\xA9\x80"), 2},                   /* é then a stray 80 */
		{B("end \xE2\x80"), 4},                   /* truncated at the end */
		{B("\xFE\xFF"), 0},
		{B("ok \xFF"), 3},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		size_t at = utf8_invalid_at(cases[k].s, cases[k].n);
		if (at != cases[k].at)
			fail_msg("case %zu: invalid at %lld, want %lld", k, offset(at),
			         offset(cases[k].at));
	}
}

static void test_length_counts_code_points(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		size_t len;
	} cases[] = {
		{B(""), 0},
		{B("abc"), 3},
		{B("h\xC3\xA9llo"), 5},
		{B("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"), 3},
		{B("\xF0\x9F\x98\x80"), 1},
		{B("a\0b"), 3},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		if (utf8_length(cases[k].s, cases[k].n) != cases[k].len)
			fail_msg("case %zu: length %zu, want %zu", k,
			         utf8_length(cases[k].s, cases[k].n), cases[k].len);
}

static void test_encode_writes_shortest_form(void **state)
{
	(void)state;
	static const struct {
		uint32_t cp;
		const char *s;
		size_t n;
	} cases[] = {
		{0x00, B("\0")},
		{0x7F, B("\x7F")},
		{0x80, B("\xC2\x80")},
		{0x7FF, B("\xDF\xBF")},
		{0x800, B("\xE0\xA0\x80")},
		{0xD55C, B("\xED\x95\x9C")},
		{0xD7FF, B("\xED\x9F\xBF")},
		{0xE000, B("\xEE\x80\x80")},
		{0xFFFF, B("\xEF\xBF\xBF")},
		{0x10000, B("\xF0\x90\x80\x80")},
		{0x10FFFF, B("\xF4\x8F\xBF\xBF")},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char out[4];
		size_t n = utf8_encode(cases[k].cp, out);
		assert_int_equal(n, cases[k].n);
		assert_memory_equal(out, cases[k].s, n);
	}
}

static void test_encode_rejects_non_scalars(void **state)
{
	(void)state;
	static const uint32_t bad[] = {
		0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x110000, 0x7FFFFFFF, 0xFFFFFFFF,
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char out[4];
		if (utf8_encode(bad[k], out) != 0)
			fail_msg("U+%04X was encoded", (unsigned)bad[k]);
	}
}

/* Every scalar value encodes to something decode gives back whole, and
 * that validation accepts. */
static void test_every_scalar_round_trips(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp == 0xD800)
			cp = 0xE000;
		char out[4];
		size_t n = utf8_encode(cp, out);
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (n != want)
			fail_msg("U+%04X encoded in %zu bytes, want %zu", (unsigned)cp, n, want);
		uint32_t back = 0;
		if (utf8_decode(out, n, &back) != n || back != cp)
			fail_msg("U+%04X decoded as U+%04X", (unsigned)cp, (unsigned)back);
		if (utf8_invalid_at(out, n) != NOWHERE)
			fail_msg("U+%04X rejected by utf8_invalid_at", (unsigned)cp);
	}
}

/* Over every 3-byte input, and every 4-byte input led by F0..FF with
 * continuation bytes after it: whatever decode accepts is the shortest form
 * of a scalar value -- re-encoding gives the same bytes -- so no overlong,
 * surrogate or out-of-range form slips through. */
static void test_decode_accepts_only_shortest_forms(void **state)
{
	(void)state;
	unsigned char s[4];
	size_t accepted3 = 0;
	for (unsigned b0 = 0; b0 <= 0xFF; b0++)
		for (unsigned b1 = 0; b1 <= 0xFF; b1++)
			for (unsigned b2 = 0; b2 <= 0xFF; b2++) {
				s[0] = (unsigned char)b0;
				s[1] = (unsigned char)b1;
				s[2] = (unsigned char)b2;
				uint32_t cp;
				char out[4];
				size_t n = utf8_decode((const char *)s, 3, &cp);
				if (cp == UTF8_REPLACEMENT && memcmp(s, "\xEF\xBF\xBD", 3) != 0)
					continue;
				if (utf8_encode(cp, out) != n || memcmp(out, s, n) != 0)
					fail_msg("%02X %02X %02X accepted as U+%04X", b0, b1, b2,
					         (unsigned)cp);
				if (n == 3)
					accepted3++;
			}
	/* U+0800..U+FFFF without the 2048 surrogates */
	assert_int_equal(accepted3, 0x10000 - 0x800 - 0x800);

	size_t accepted4 = 0;
	for (unsigned b0 = 0xF0; b0 <= 0xFF; b0++)
		for (unsigned b1 = 0x80; b1 <= 0xBF; b1++)
			for (unsigned b2 = 0x80; b2 <= 0xBF; b2++)
				for (unsigned b3 = 0x80; b3 <= 0xBF; b3++) {
					s[0] = (unsigned char)b0;
					s[1] = (unsigned char)b1;
					s[2] = (unsigned char)b2;
					s[3] = (unsigned char)b3;
					uint32_t cp;
					char out[4];
					size_t n = utf8_decode((const char *)s, 4, &cp);
					if (cp == UTF8_REPLACEMENT)
						continue;
					if (n != 4 || utf8_encode(cp, out) != 4 || memcmp(out, s, 4) != 0)
						fail_msg("%02X %02X %02X %02X accepted as U+%04X",
						         b0, b1, b2, b3, (unsigned)cp);
					accepted4++;
				}
	assert_int_equal(accepted4, 0x110000 - 0x10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_accepts_well_formed),
		cmocka_unit_test(test_decode_rejects_ill_formed_by_maximal_subpart),
		cmocka_unit_test(test_decode_replaces_as_unicode_table_3_8),
		cmocka_unit_test(test_invalid_at_finds_first_bad_byte),
		cmocka_unit_test(test_length_counts_code_points),
		cmocka_unit_test(test_encode_writes_shortest_form),
		cmocka_unit_test(test_encode_rejects_non_scalars),
		cmocka_unit_test(test_every_scalar_round_trips),
		cmocka_unit_test(test_decode_accepts_only_shortest_forms),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}

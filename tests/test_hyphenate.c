/*
 * test_hyphenate.c -- hyphenation points from libhyphen's US English
 * patterns, and the words brief never hyphenates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/hyphenate.h"

static hyph_dict *en;

static int group_setup(void **state)
{
	(void)state;
	char err[256];
	if (!(en = hyph_open("en", err, sizeof err))) {
		fprintf(stderr, "hyph_open: %s\n", err);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hyph_free(en);
	return 0;
}

/* The word with "-" at each point, as TeX's \showhyphens would print it. */
static void shown(const char *w, char *out, size_t size)
{
	int points[32];
	int n = hyph_points(en, w, strlen(w), points, 32);
	size_t k = 0, from = 0;
	for (int i = 0; i <= n && k + 1 < size; i++) {
		size_t to = i < n ? (size_t)points[i] : strlen(w);
		k += (size_t)snprintf(out + k, size - k, "%.*s%s", (int)(to - from), w + from,
		                      i < n ? "-" : "");
		from = to;
	}
}

static void english_words_break_as_tex_breaks_them(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"infrastructure", "in-fra-struc-ture"},
		{"relations", "re-la-tions"},
		{"partnership", "part-ner-ship"},
		{"cooperation", "co-op-er-a-tion"},
		{"Partnership", "Part-ner-ship"},           /* capitalised: as lower case */
		{"dialogue", "di-a-logue"},
		{"table", "ta-ble"},
		{"area", "area"},                           /* under five letters: whole */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[128];
		shown(cases[i][0], got, sizeof got);
		if (strcmp(got, cases[i][1]) != 0)
			fail_msg("%s: got %s, want %s", cases[i][0], got, cases[i][1]);
	}
}

static void acronyms_numbers_and_other_scripts_are_never_hyphenated(void **state)
{
	(void)state;
	static const char *const words[] = {
		"ASEAN", "KADIF", "PARMA", "ASEAN-Korea", "1989", "2024th", "한국어", "https",
		"re\xc2\xadlations",    /* a soft hyphen: the writer chose already */
		"",
	};
	int points[8];
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (hyph_points(en, words[i], strlen(words[i]), points, 8) != 0)
			fail_msg("'%s' was hyphenated", words[i]);
	char *long_word = malloc(HYPH_MAX_WORD + 2);
	assert_non_null(long_word);
	memset(long_word, 'a', HYPH_MAX_WORD + 1);
	long_word[HYPH_MAX_WORD + 1] = '\0';
	assert_int_equal(hyph_points(en, long_word, HYPH_MAX_WORD + 1, points, 8), 0);
	free(long_word);
}

static void points_fall_between_characters_and_respect_the_room(void **state)
{
	(void)state;
	int points[2];
	assert_int_equal(hyph_points(en, "infrastructure", 14, points, 2), 2);
	assert_int_equal(points[0], 2);
	assert_int_equal(points[1], 5);
	int more[8];
	const char *w = "\xc3\xa9tablissement";     /* établissement */
	int n = hyph_points(en, w, strlen(w), more, 8);
	for (int i = 0; i < n; i++)
		assert_true(((unsigned char)w[more[i]] & 0xC0) != 0x80);
}

static void unknown_languages_and_missing_files_are_reported(void **state)
{
	(void)state;
	char err[256], path[4096];
	assert_int_equal(hyph_file("ko", path, sizeof path), -1);
	assert_null(hyph_open("ko", err, sizeof err));
	assert_string_equal(err, "no hyphenation patterns for language 'ko'");
	setenv("BRIEF_HYPHEN", "/nonexistent", 1);
	assert_null(hyph_open("en", err, sizeof err));
	assert_string_equal(err, "hyphenation patterns /nonexistent/hyph_en_US.dic not found "
	                    "(Debian package hyphen-en-us)");
	unsetenv("BRIEF_HYPHEN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_words_break_as_tex_breaks_them),
		cmocka_unit_test(acronyms_numbers_and_other_scripts_are_never_hyphenated),
		cmocka_unit_test(points_fall_between_characters_and_respect_the_room),
		cmocka_unit_test(unknown_languages_and_missing_files_are_reported),
	};
	return cmocka_run_group_tests_name("hyphenate", tests, group_setup, group_teardown);
}

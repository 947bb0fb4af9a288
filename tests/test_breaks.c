/*
 * test_breaks.c -- where lines may end: UAX #14 (libunibreak) with
 * brief's rules for Korean, dashes, URLs, soft and no-break spaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "layout/breaks.h"

/* The text with "|" after each allowed break, "-|" after a hyphen break;
 * the final mandatory break is not shown. */
static void marked(const char *s, const char *lang, char *out, size_t size)
{
	size_t n = strlen(s), k = 0;
	char brk[512];
	breaks_find(s, n, lang, brk);
	for (size_t i = 0; i < n && k + 3 < size; i++) {
		out[k++] = s[i];
		if (i + 1 < n && brk[i] == BRK_ALLOW)
			out[k++] = '|';
		else if (i + 1 < n && brk[i] == BRK_HYPHEN)
			k += (size_t)snprintf(out + k, size - k, "-|");
		else if (i + 1 < n && brk[i] == BRK_MUST)
			k += (size_t)snprintf(out + k, size - k, "!|");
	}
	out[k] = '\0';
}

static void breaks_follow_unicode_and_brief_rules(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		/* text, lang, marked */
		{"Dialogue relations began.", "en", "Dialogue |relations |began."},
		{"ASEAN–Korea ties", "en", "ASEAN–Korea |ties"},          /* en dash: whole */
		{"1989–2024 years", "en", "1989–2024 |years"},
		{"well-known fact", "en", "well-known |fact"},            /* never after a hyphen */
		{"a – b", "en", "a |– |b"},                               /* a spaced dash may */
		{"(see p. 4), then", "en", "(see |p. |4), |then"},       /* no line starts with ")" */
		{"https://asean.org/our-communities/", "en",
		 "https://asean.org/|our-communities/"},
		{"infra\xc2\xadstructure", "en", "infra\xc2\xad-|structure"},
		{"10\xc2\xa0km away", "en", "10\xc2\xa0km |away"},          /* no-break space */
		{"한국과 아세안의 대화 관계", "ko", "한국과 |아세안의 |대화 |관계"},  /* keep-all */
		{"한국과 아세안의 대화 관계", "en", "한국과 |아세안의 |대화 |관계"},
		{"line\nnext", "en", "line\n!|next"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[512];
		marked(cases[i][0], cases[i][1], got, sizeof got);
		if (strcmp(got, cases[i][2]) != 0)
			fail_msg("case %zu: got  %s\n           want %s", i, got, cases[i][2]);
	}
}

static void the_end_is_a_mandatory_break_and_nothing_falls_inside_a_character(void **state)
{
	(void)state;
	const char *s = "가나다 라마";
	size_t n = strlen(s);
	char brk[64];
	breaks_find(s, n, "ko", brk);
	assert_int_equal(brk[n - 1], BRK_MUST);
	for (size_t i = 0; i + 1 < n; i++)
		if (((unsigned char)s[i + 1] & 0xC0) == 0x80)
			assert_int_equal(brk[i], BRK_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(breaks_follow_unicode_and_brief_rules),
		cmocka_unit_test(the_end_is_a_mandatory_break_and_nothing_falls_inside_a_character),
	};
	return cmocka_run_group_tests_name("breaks", tests, NULL, NULL);
}

/*
 * test_escape.c -- untrusted text made safe to show: on a terminal, in
 * JSON, and in a bounded buffer, never cut inside a character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/utf8.h"

static void terminal_text_keeps_utf8_and_escapes_controls(void **state)
{
	(void)state;
	static const struct { const char *in; size_t n; int newlines; const char *out; } cases[] = {
		{"plain ‘quoted’ 한국어", 0, 0, "plain ‘quoted’ 한국어"},
		{"\x1b[31mred\x07", 0, 0, "\\e[31mred\\x07"},
		{"a\rb\tc", 0, 0, "a\\rb\\tc"},
		{"line\nnext", 0, 1, "line\nnext"},
		{"line\nnext", 0, 0, "line\\x0Anext"},
		{"\xff\xfe ok", 0, 0, "\\xFF\\xFE ok"},
		{"\xc2\x9b" "31m", 0, 0, "\\u009B31m"},       /* C1 CSI */
		{"\x7f", 0, 0, "\\x7F"},
		{"nul\0after", 9, 0, "nul\\x00after"},
		{"\xef\xbf\xbd", 0, 0, "\xef\xbf\xbd"},        /* U+FFFD itself is text */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = cases[i].n ? cases[i].n : strlen(cases[i].in);
		char *got = escape_terminal(cases[i].in, n, cases[i].newlines);
		assert_non_null(got);
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, got, cases[i].out);
		free(got);
	}
}

static void json_strings_are_valid_whatever_the_bytes(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	escape_json(f, "q\"b\\s\n\x01\xff\xc3(é");
	fclose(f);
	assert_string_equal(buf, "\"q\\\"b\\\\s\\n\\u0001\\ufffd\\ufffd(é\"");
	assert_int_equal(utf8_invalid_at(buf, len), (size_t)-1);
	free(buf);
}

static void cuts_fall_between_characters(void **state)
{
	(void)state;
	const char *s = "a한b";                  /* 1 + 3 + 1 bytes */
	assert_int_equal(escape_cut(s, 5, 10), 5);
	assert_int_equal(escape_cut(s, 5, 4), 4);
	assert_int_equal(escape_cut(s, 5, 3), 1);
	assert_int_equal(escape_cut(s, 5, 2), 1);
	assert_int_equal(escape_cut(s, 5, 1), 1);
	char buf[8];
	escape_format(buf, sizeof buf, "%s", "한국어 briefing");
	assert_string_equal(buf, "한\xe2\x80\xa6");  /* 한 and an ellipsis: 6 bytes + NUL */
	escape_format(buf, sizeof buf, "%d", 42);
	assert_string_equal(buf, "42");
	char tiny[3];
	escape_format(tiny, sizeof tiny, "%s", "한");
	assert_string_equal(tiny, "");            /* no room for the character: nothing of it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terminal_text_keeps_utf8_and_escapes_controls),
		cmocka_unit_test(json_strings_are_valid_whatever_the_bytes),
		cmocka_unit_test(cuts_fall_between_characters),
	};
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}

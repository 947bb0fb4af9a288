/*
 * test_markup.c -- inline markup: tables of paragraph -> expected spans
 * (text, style, link), one table per behaviour, and a robustness run over
 * pseudo-random markup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "doc/document.h"
#include "doc/markup.h"
#include "util/arena.h"
#include "util/utf8.h"

#define B DOC_BOLD
#define I DOC_ITALIC
#define MAXSPANS 8

typedef struct want_span {
	const char *text;       /* NULL ends the list */
	unsigned style;
	const char *link;
} want_span;

typedef struct markup_case {
	const char *input;
	want_span spans[MAXSPANS];
} markup_case;

static int setup(void **state)
{
	doc_document *d = doc_new();
	if (!d)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	doc_free(*state);
	return 0;
}

/* Formats spans as  "text"/style/link, ...  for failure messages. */
static void describe(char *buf, size_t size, const doc_span *spans, int n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s\"%s\"/%u/%s",
		                         i ? ", " : "", spans[i].text, spans[i].style,
		                         spans[i].link ? spans[i].link : "-");
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Parses each case's input and checks the spans, naming the input and both
 * span lists when they differ. */
static void check_cases(doc_document *d, const markup_case *cases, size_t ncases)
{
	for (size_t k = 0; k < ncases; k++) {
		const markup_case *c = &cases[k];
		doc_text t = {0};
		assert_true(markup_parse(d, c->input, &t));

		doc_span want[MAXSPANS];
		int nwant = 0;
		while (nwant < MAXSPANS && c->spans[nwant].text) {
			want[nwant].text = c->spans[nwant].text;
			want[nwant].style = c->spans[nwant].style;
			want[nwant].link = c->spans[nwant].link;
			nwant++;
		}
		bool ok = t.nspans == nwant;
		for (int i = 0; ok && i < nwant; i++)
			ok = strcmp(t.spans[i].text, want[i].text) == 0
			  && t.spans[i].style == want[i].style
			  && same_string(t.spans[i].link, want[i].link);
		if (!ok) {
			char got[1024], exp[1024];
			describe(got, sizeof got, t.spans, t.nspans);
			describe(exp, sizeof exp, want, nwant);
			fail_msg("input \"%s\"\n  got:  %s\n  want: %s", c->input, got, exp);
		}
	}
}

#define CHECK(d, cases) check_cases(d, cases, sizeof cases / sizeof cases[0])

static void test_empty_input_gives_no_spans(void **state)
{
	doc_span junk = {.text = "junk"};
	doc_text t = {&junk, 1};
	assert_true(markup_parse(*state, "", &t));
	assert_int_equal(t.nspans, 0);
}

static void test_plain_text_is_one_span(void **state)
{
	static const markup_case cases[] = {
		{"hello", {{"hello", 0, NULL}}},
		{"two words", {{"two words", 0, NULL}}},
		{"snake_case and __init__ stay", {{"snake_case and __init__ stay", 0, NULL}}},
		{"_not italic_", {{"_not italic_", 0, NULL}}},
		{"한국어 텍스트", {{"한국어 텍스트", 0, NULL}}},
		{"line one\nline two", {{"line one\nline two", 0, NULL}}},
		{"f(x) = (a)", {{"f(x) = (a)", 0, NULL}}},
		{"closing ] only", {{"closing ] only", 0, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_emphasis_styles_its_text(void **state)
{
	static const markup_case cases[] = {
		{"**bold**", {{"bold", B, NULL}}},
		{"*italic*", {{"italic", I, NULL}}},
		{"***both***", {{"both", B | I, NULL}}},
		{"a **b** c", {{"a ", 0, NULL}, {"b", B, NULL}, {" c", 0, NULL}}},
		{"a *b* c", {{"a ", 0, NULL}, {"b", I, NULL}, {" c", 0, NULL}}},
		{"**bold *both* bold**",
		 {{"bold ", B, NULL}, {"both", B | I, NULL}, {" bold", B, NULL}}},
		{"*it **both** it*",
		 {{"it ", I, NULL}, {"both", B | I, NULL}, {" it", I, NULL}}},
		{"***both** it*", {{"both", B | I, NULL}, {" it", I, NULL}}},
		{"***both* bold**", {{"both", B | I, NULL}, {" bold", B, NULL}}},
		{"**a** **b**", {{"a", B, NULL}, {" ", 0, NULL}, {"b", B, NULL}}},
		{"**two words**", {{"two words", B, NULL}}},
		{"**snake_case**", {{"snake_case", B, NULL}}},
		{"**한국어** 텍스트", {{"한국어", B, NULL}, {" 텍스트", 0, NULL}}},
		{"**multi\nline**", {{"multi\nline", B, NULL}}},
		{"2*3*4", {{"2", 0, NULL}, {"3", I, NULL}, {"4", 0, NULL}}},
		{"**a*****b**", {{"a", B, NULL}, {"*", 0, NULL}, {"b", B, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_adjacent_spans_of_equal_style_merge(void **state)
{
	static const markup_case cases[] = {
		{"**a****b**", {{"ab", B, NULL}}},
		{"*a**b*", {{"ab", I, NULL}}},
		{"[a](u)[b](u)", {{"ab", 0, "u"}}},
		{"[a](u)[b](v)", {{"a", 0, "u"}, {"b", 0, "v"}}},
		{"x\\*y", {{"x*y", 0, NULL}}},
		{"**a** \\[b\\]", {{"a", B, NULL}, {" [b]", 0, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_unmatched_markers_stay_literal(void **state)
{
	static const markup_case cases[] = {
		{"5 * 3 * 2", {{"5 * 3 * 2", 0, NULL}}},
		{"a ** b ** c", {{"a ** b ** c", 0, NULL}}},
		{"**unclosed", {{"**unclosed", 0, NULL}}},
		{"unopened**", {{"unopened**", 0, NULL}}},
		{"* item", {{"* item", 0, NULL}}},
		{"*a *", {{"*a *", 0, NULL}}},
		{"* a*", {{"* a*", 0, NULL}}},
		{"*", {{"*", 0, NULL}}},
		{"****", {{"****", 0, NULL}}},
		{"** **", {{"** **", 0, NULL}}},
		{"**bold*", {{"*", 0, NULL}, {"bold", I, NULL}}},
		{"*it**", {{"it", I, NULL}, {"*", 0, NULL}}},
		{"***a*", {{"**", 0, NULL}, {"a", I, NULL}}},
		{"*a **b*", {{"*a *", 0, NULL}, {"b", I, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_links_carry_their_url(void **state)
{
	static const markup_case cases[] = {
		{"[text](http://example.org)", {{"text", 0, "http://example.org"}}},
		{"see [the site](https://e.org/a_b?q=1&r=2) now",
		 {{"see ", 0, NULL}, {"the site", 0, "https://e.org/a_b?q=1&r=2"},
		  {" now", 0, NULL}}},
		{"[wiki](https://en.wikipedia.org/wiki/C_(language))",
		 {{"wiki", 0, "https://en.wikipedia.org/wiki/C_(language)"}}},
		{"[raw](  a b*c*  )", {{"raw", 0, "  a b*c*  "}}},
		{"[f(x)](u)", {{"f(x)", 0, "u"}}},
		{"[a [b] c](u)", {{"a [b] c", 0, "u"}}},
		{"[a [b](u) c](v)", {{"a [b](u) c", 0, "v"}}},   /* links do not nest */
		{"[[b](u)](v)", {{"[b](u)", 0, "v"}}},
		{"[outer [inner](u) tail]",
		 {{"[outer ", 0, NULL}, {"inner", 0, "u"}, {" tail]", 0, NULL}}},
		{"[한국](https://ko.wikipedia.org)", {{"한국", 0, "https://ko.wikipedia.org"}}},
	};
	CHECK(*state, cases);
}

static void test_emphasis_works_inside_and_around_links(void **state)
{
	static const markup_case cases[] = {
		{"see [the **docs**](u) now",
		 {{"see ", 0, NULL}, {"the ", 0, "u"}, {"docs", B, "u"}, {" now", 0, NULL}}},
		{"[*all*](u)", {{"all", I, "u"}}},
		{"**[bold link](u)**", {{"bold link", B, "u"}}},
		{"*see [a](u) and [b](v)*",
		 {{"see ", I, NULL}, {"a", I, "u"}, {" and ", I, NULL}, {"b", I, "v"}}},
		{"**[a *b*](u) c**",
		 {{"a ", B, "u"}, {"b", B | I, "u"}, {" c", B, NULL}}},
		/* emphasis does not pair across a link's edge */
		{"*a [b* c](u)", {{"*a ", 0, NULL}, {"b* c", 0, "u"}}},
		{"[a *b](u) c*", {{"a *b", 0, "u"}, {" c*", 0, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_incomplete_links_stay_literal(void **state)
{
	static const markup_case cases[] = {
		{"[text] only", {{"[text] only", 0, NULL}}},
		{"[text] (u)", {{"[text] (u)", 0, NULL}}},
		{"[unclosed(u)", {{"[unclosed(u)", 0, NULL}}},
		{"[a](unclosed", {{"[a](unclosed", 0, NULL}}},
		{"[](u)", {{"[](u)", 0, NULL}}},
		{"[a]()", {{"[a]()", 0, NULL}}},
		{"[", {{"[", 0, NULL}}},
		{"][a](", {{"][a](", 0, NULL}}},
		{"[**a**] b", {{"[", 0, NULL}, {"a", B, NULL}, {"] b", 0, NULL}}},
	};
	CHECK(*state, cases);
}

static void test_backslash_escapes_ascii_punctuation(void **state)
{
	static const markup_case cases[] = {
		{"\\*not italic\\*", {{"*not italic*", 0, NULL}}},
		{"\\*\\*not bold\\*\\*", {{"**not bold**", 0, NULL}}},
		{"\\[not](a link)", {{"[not](a link)", 0, NULL}}},
		{"[not\\](a link)", {{"[not](a link)", 0, NULL}}},
		{"[a](u\\)", {{"[a](u)", 0, NULL}}},
		{"[a](u\\))", {{"a", 0, "u\\)"}}},      /* the URL is raw */
		{"a\\\\b", {{"a\\b", 0, NULL}}},
		{"\\_", {{"_", 0, NULL}}},
		{"**a\\*b**", {{"a*b", B, NULL}}},
		{"*\\**", {{"*", I, NULL}}},
		{"C:\\dir", {{"C:\\dir", 0, NULL}}},        /* not punctuation */
		{"\\한", {{"\\한", 0, NULL}}},
		{"trailing\\", {{"trailing\\", 0, NULL}}},
	};
	CHECK(*state, cases);
}

/* Over all of printable ASCII: a backslash before c leaves c alone when c
 * is punctuation, and both characters otherwise. */
static void test_backslash_escapes_exactly_ascii_punctuation(void **state)
{
	static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	doc_document *d = *state;
	for (char c = '!'; c <= '~'; c++) {
		char input[3] = {'\\', c, '\0'};
		const char *want = strchr(punct, c) ? input + 1 : input;
		doc_text t;
		assert_true(markup_parse(d, input, &t));
		assert_int_equal(t.nspans, 1);
		if (strcmp(t.spans[0].text, want) != 0 || t.spans[0].style || t.spans[0].link)
			fail_msg("input \"%s\": got \"%s\", want \"%s\"", input,
			         t.spans[0].text, want);
	}
}

static void test_spans_live_in_the_document_arena(void **state)
{
	doc_document *d = *state;
	size_t before = arena_used(d->arena);
	doc_text t;
	assert_true(markup_parse(d, "a **b** [c](u)", &t));
	assert_int_equal(t.nspans, 4);
	assert_true(arena_used(d->arena) > before);
	/* The text is a copy, not a pointer into the input. */
	char input[] = "plain";
	assert_true(markup_parse(d, input, &t));
	input[0] = 'X';
	assert_string_equal(t.spans[0].text, "plain");
}

/* ---- robustness ---------------------------------------------------------------- */

/* 10,000 pseudo-random paragraphs over the markup characters, letters,
 * spaces and a Hangul syllable: parsing never fails, every span is
 * non-empty valid UTF-8 in a known style, neighbours differ, and the text
 * never holds more characters than the input. */
static void test_random_markup_never_fails(void **state)
{
	static const char *const alphabet[] = {
		"*", "[", "]", "(", ")", "\\", "a", " ", "한",
	};
	doc_document *d = *state;
	uint32_t seed = 20240601;
	char input[40 * 3 + 1];
	for (int round = 0; round < 10000; round++) {
		seed = seed * 1664525u + 1013904223u;
		size_t len = (seed >> 16) % 40, n = 0;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1664525u + 1013904223u;
			const char *c = alphabet[(seed >> 16) % 9];
			memcpy(input + n, c, strlen(c));
			n += strlen(c);
		}
		input[n] = '\0';

		doc_text t;
		if (!markup_parse(d, input, &t))
			fail_msg("\"%s\": markup_parse failed", input);
		size_t chars = 0, bytes = 0;
		for (int i = 0; i < t.nspans; i++) {
			const doc_span *s = &t.spans[i];
			size_t k = strlen(s->text);
			if (k == 0 || utf8_invalid_at(s->text, k) != (size_t)-1
			    || (s->style & ~(unsigned)(DOC_BOLD | DOC_ITALIC)) != 0)
				fail_msg("\"%s\": bad span %d \"%s\"", input, i, s->text);
			if (i > 0 && s->style == t.spans[i - 1].style
			    && same_string(s->link, t.spans[i - 1].link))
				fail_msg("\"%s\": spans %d and %d not merged", input, i - 1, i);
			chars += utf8_length(s->text, k);
			bytes += k;
		}
		if (chars > utf8_length(input, n) || bytes > n)
			fail_msg("\"%s\": %zu characters out of %zu", input, chars,
			         utf8_length(input, n));
		if (n == 0 && t.nspans != 0)
			fail_msg("empty input gave %d spans", t.nspans);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_input_gives_no_spans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_text_is_one_span, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emphasis_styles_its_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adjacent_spans_of_equal_style_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmatched_markers_stay_literal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_carry_their_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emphasis_works_inside_and_around_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incomplete_links_stay_literal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backslash_escapes_ascii_punctuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backslash_escapes_exactly_ascii_punctuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spans_live_in_the_document_arena, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_markup_never_fails, setup, teardown),
	};
	return cmocka_run_group_tests_name("markup", tests, NULL, NULL);
}

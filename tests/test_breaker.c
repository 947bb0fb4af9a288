/*
 * test_breaker.c -- total-fit line breaking over boxes, glue and penalties:
 * where lines end, how their glue is set, and the passes that rescue a
 * paragraph a strict tolerance cannot set.
 *
 * Paragraphs are written as strings: a letter run is a box one point wide
 * per letter, a space is glue 1 pt wide (stretch 1, shrink 0.5), "-" a
 * flagged hyphenation penalty (50, drawing a 1 pt hyphen), "|" a forced
 * break. lb_finish() ends each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "layout/breaker.h"

typedef struct para {
	lb_item items[256];
	int n;
	int word_of[256];           /* for each item, the letters before it */
	char text[256];
} para;

static void build(para *p, const char *s)
{
	memset(p, 0, sizeof *p);
	snprintf(p->text, sizeof p->text, "%s", s);
	for (const char *c = s; *c;) {
		if (*c == ' ') {
			p->items[p->n++] = (lb_item){.type = LB_GLUE, .width = 1, .stretch = 1,
			                             .shrink = 0.5f};
			c++;
		} else if (*c == '-') {
			p->items[p->n++] = (lb_item){.type = LB_PENALTY, .flagged = true, .width = 1,
			                             .penalty = 50};
			c++;
		} else if (*c == '|') {
			p->items[p->n++] = (lb_item){.type = LB_PENALTY, .penalty = -LB_INFINITY};
			c++;
		} else {
			size_t k = strspn(c, "abcdefghijklmnopqrstuvwxyz");
			p->items[p->n++] = (lb_item){.type = LB_BOX, .width = (float)k};
			c += k;
		}
	}
	p->n = lb_finish(p->items, p->n);
}

/* The paragraph with " / " where each line ends ("-/" at a hyphen). */
static void shown(const para *p, const lb_result *r, char *out, size_t size)
{
	size_t k = 0;
	int line = 0, item = 0;
	for (const char *c = p->text; *c && k + 4 < size;) {
		const lb_item *it = &p->items[item];
		bool ends = line < r->nlines && r->lines[line].end == item;
		if (it->type == LB_BOX) {
			size_t len = strspn(c, "abcdefghijklmnopqrstuvwxyz");
			memcpy(out + k, c, len);
			k += len;
			c += len;
		} else {
			if (ends)
				k += (size_t)snprintf(out + k, size - k, "%s", *c == '-' ? "-/" : " / ");
			else if (*c != '-')
				out[k++] = *c;
			c++;
		}
		if (ends)
			line++;
		item++;
	}
	out[k] = '\0';
}

static void check(const char *text, float width, float emergency, const char *want,
                  int want_pass)
{
	para p;
	build(&p, text);
	lb_params prm = lb_defaults(emergency);
	lb_result r;
	assert_int_equal(lb_break(p.items, p.n, &width, 1, &prm, &r), 0);
	char got[512];
	shown(&p, &r, got, sizeof got);
	if (strcmp(got, want) != 0 || (want_pass && r.pass != want_pass))
		fail_msg("'%s' in %g pt:\n  got  '%s' (pass %d)\n  want '%s' (pass %d)", text,
		         (double)width, got, r.pass, want, want_pass);
	assert_int_equal(r.lines[r.nlines - 1].end, p.n - 1);   /* the paragraph's end */
	lb_result_free(&r);
}

static void lines_end_where_the_whole_paragraph_is_best(void **state)
{
	(void)state;
	/* first fit sets "a bbb c dddd" loose (12 of 14 pt: stretched by 2/3)
	 * and fills the next line; total fit takes "ee" up too, shrinking that
	 * line by half its shrink, for less badness over the paragraph */
	check("a bbb c dddd ee f ggg hhhh", 14, 0, "a bbb c dddd ee / f ggg hhhh", 1);
	check("aa bb cc dd ee ff", 8, 0, "aa bb cc / dd ee ff", 1);
	check("aaa bbb ccc ddd eee fff ggg", 11, 0, "aaa bbb ccc / ddd eee fff / ggg", 1);
	/* a forced break is kept, and ends its line at its natural width */
	check("aa bb|cc dd", 20, 0, "aa bb / cc dd", 1);
}

/* The fill that ends a paragraph is no place to break: at every width,
 * every line holds a box, the last one included (found in a briefing: a
 * last line nearly full was set justified, and an empty line followed). */
static void no_line_is_empty(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"aaa bbb ccc ddd eee fff ggg hh|ii jj kk",
		"aaaaaaa b cc dddddddd e fff gggggg hhhh iiiiiiiiii j kkkk",
		"a bbbbbbbbbbbb cc ddddd eeeeeeeeeee f ggggggggg hh iiiii jjjjjjjjjjjjj",
	};
	for (int t = 0; t < 3; t++) {
		for (float width = 6; width <= 40; width += 0.25f) {
			para p;
			build(&p, texts[t]);
			lb_params prm = lb_defaults(0);
			lb_result r;
			assert_int_equal(lb_break(p.items, p.n, &width, 1, &prm, &r), 0);
			int from = 0;
			for (int k = 0; k < r.nlines; k++) {
				bool box = false;
				for (int i = from; i <= r.lines[k].end; i++)
					box = box || p.items[i].type == LB_BOX;
				if (!box)
					fail_msg("width %g: line %d of %d is empty", (double)width, k + 1, r.nlines);
				from = r.lines[k].end + 1;
			}
			lb_result_free(&r);
		}
	}
}

static void hyphens_are_used_only_when_the_paragraph_needs_them(void **state)
{
	(void)state;
	/* without the hyphen no line of "aaaa bbbbbb ccccc" fits 9 pt */
	check("aaaa bbb-bbb ccccc", 9, 0, "aaaa bbb-/bbb ccccc", 2);
	check("aaaa bbb-bbb ccccc", 20, 0, "aaaa bbbbbb ccccc", 1);
}

static void emergency_stretch_spreads_an_unbreakable_word(void **state)
{
	(void)state;
	/* a long token that no tolerance sets: with emergency stretch the lines
	 * around it stay sensible instead of failing */
	check("aa bb cccccccccc dd ee", 12, 12, "aa bb / cccccccccc / dd ee", 3);
}

static void a_word_wider_than_the_line_is_set_overfull_and_said(void **state)
{
	(void)state;
	para p;
	build(&p, "aa bbbbbbbbbbbbbbbbbbbb cc");
	float width = 10;
	lb_params prm = lb_defaults(0);
	lb_result r;
	assert_int_equal(lb_break(p.items, p.n, &width, 1, &prm, &r), 0);
	assert_int_equal(r.pass, 4);
	int overfull = 0;
	for (int i = 0; i < r.nlines; i++)
		overfull += r.lines[i].overfull;
	assert_int_equal(overfull, 1);
	lb_result_free(&r);
}

static void each_line_may_have_its_own_width(void **state)
{
	(void)state;
	para p;
	build(&p, "aa bb cc dd ee ff gg");
	float widths[2] = {14, 5};
	lb_params prm = lb_defaults(0);
	lb_result r;
	assert_int_equal(lb_break(p.items, p.n, widths, 2, &prm, &r), 0);
	char got[256];
	shown(&p, &r, got, sizeof got);
	assert_string_equal(got, "aa bb cc dd ee / ff gg");
	lb_result_free(&r);
}

static void glue_ratios_say_how_lines_are_set(void **state)
{
	(void)state;
	para p;
	build(&p, "aa bb cc dd");
	float width = 6;        /* "aa bb" is 5: stretched by 1 over a stretch of 1 */
	lb_params prm = lb_defaults(0);
	lb_result r;
	assert_int_equal(lb_break(p.items, p.n, &width, 1, &prm, &r), 0);
	assert_int_equal(r.nlines, 2);
	assert_true(r.lines[0].ratio > 0.99f && r.lines[0].ratio < 1.01f);
	assert_false(r.lines[0].overfull);
	lb_result_free(&r);
	lb_result empty;
	assert_int_equal(lb_break(p.items, 0, &width, 1, &prm, &empty), 0);
	assert_int_equal(empty.nlines, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_end_where_the_whole_paragraph_is_best),
		cmocka_unit_test(no_line_is_empty),
		cmocka_unit_test(hyphens_are_used_only_when_the_paragraph_needs_them),
		cmocka_unit_test(emergency_stretch_spreads_an_unbreakable_word),
		cmocka_unit_test(a_word_wider_than_the_line_is_set_overfull_and_said),
		cmocka_unit_test(each_line_may_have_its_own_width),
		cmocka_unit_test(glue_ratios_say_how_lines_are_set),
	};
	return cmocka_run_group_tests_name("breaker", tests, NULL, NULL);
}

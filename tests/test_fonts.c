/*
 * test_fonts.c -- the font set: which face draws a character, and how wide.
 *
 * Advances are checked against HarfBuzz read directly from the same .ttf
 * files (floor(advance * 1000 / upem), as libharu writes /W) and against a
 * few values hard-coded from the fonts, chosen where flooring and rounding
 * differ. The font folder ($BRIEF_FONTS) is exercised with mkdtemp
 * directories of symbolic links to the installed faces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/document.h"
#include "layout/fonts.h"
#include "support.h"

#define LIBERATION "/usr/share/fonts/truetype/liberation2/"
#define NANUM "/usr/share/fonts/truetype/nanum/"

/* Face ids as fonts.h defines them (family * 4 + style), as constants for
 * the tables; face_ids_combine_family_and_style checks fonts_face agrees. */
#define SANS(style) ((int)DOC_SANS * 4 + (style))
#define SERIF(style) ((int)DOC_SERIF * 4 + (style))
#define B DOC_BOLD
#define I DOC_ITALIC

/* Face ids in order, with their files. */
static const char *const face_names[FONT_NFACES] = {
	"LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
	"LiberationSans-BoldItalic", "LiberationSerif-Regular", "LiberationSerif-Bold",
	"LiberationSerif-Italic", "LiberationSerif-BoldItalic", "NanumGothic", "NanumGothicBold",
};

static const char *face_dir(int i)
{
	return i < FONT_HANGUL ? LIBERATION : NANUM;
}

/* ---- fixture ------------------------------------------------------------------- */

static int open_fonts(void **state)
{
	unsetenv("BRIEF_FONTS");
	*state = support_open_fonts();
	return *state ? 0 : -1;
}

static int close_fonts(void **state)
{
	fonts_free(*state);
	return 0;
}

static int restore_env(void **state)
{
	(void)state;
	unsetenv("BRIEF_FONTS");
	return 0;
}

/* Links face i's installed file into dir. */
static void link_face(const char *dir, int i)
{
	char from[256], to[256];
	snprintf(from, sizeof from, "%s%s.ttf", face_dir(i), face_names[i]);
	snprintf(to, sizeof to, "%s/%s.ttf", dir, face_names[i]);
	if (symlink(from, to) != 0)
		fail_msg("symlink %s", to);
}

/* ---- HarfBuzz, independently -------------------------------------------------- */

typedef struct hb_ref {
	hb_font_t *font;
	unsigned upem;
} hb_ref;

static hb_ref hb_open(int i)
{
	char path[256];
	snprintf(path, sizeof path, "%s%s.ttf", face_dir(i), face_names[i]);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		fail_msg("cannot read %s", path);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_ref r = {hb_font_create(face), hb_face_get_upem(face)};
	hb_font_set_scale(r.font, (int)r.upem, (int)r.upem);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	assert_true(r.upem > 0);
	return r;
}

/* floor(advance * 1000 / upem) of cp, or -1 when the face lacks it. */
static int hb_width(const hb_ref *r, uint32_t cp)
{
	hb_codepoint_t gid;
	if (!hb_font_get_nominal_glyph(r->font, cp, &gid) || gid == 0)
		return -1;
	long adv = hb_font_get_glyph_h_advance(r->font, gid);
	return (int)(adv * 1000 / (long)r->upem);
}

/* ---- tests --------------------------------------------------------------------- */

static void every_face_is_found_and_named(void **state)
{
	int n = 0;
	const lay_face *faces = fonts_faces(*state, &n);
	assert_int_equal(n, FONT_NFACES);
	assert_int_equal(FONT_NFACES, 10);
	assert_int_equal(FONT_HANGUL, 8);
	assert_int_equal(FONT_HANGUL_BOLD, 9);
	for (int i = 0; i < n; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s%s.ttf", face_dir(i), face_names[i]);
		assert_string_equal(faces[i].name, face_names[i]);
		assert_string_equal(faces[i].path, path);
	}
}

static void face_ids_combine_family_and_style(void **state)
{
	(void)state;
	static const struct {
		doc_family family;
		unsigned style;
		int face;
	} cases[] = {
		{DOC_SANS, 0, 0}, {DOC_SANS, B, 1}, {DOC_SANS, I, 2}, {DOC_SANS, B | I, 3},
		{DOC_SERIF, 0, 4}, {DOC_SERIF, B, 5}, {DOC_SERIF, I, 6}, {DOC_SERIF, B | I, 7},
		{DOC_SANS, 0x100 | B, 1},   /* bits beyond bold and italic are ignored */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int got = fonts_face(cases[k].family, cases[k].style);
		if (got != cases[k].face)
			fail_msg("fonts_face(%d, %#x) = %d, want %d", cases[k].family, cases[k].style,
			         got, cases[k].face);
	}
}

/* Values read from the fonts (advance, upem) by hand. Sans space is
 * 569/2048 em = 277.8: floored to 277, where rounding would give 278. */
static void advances_are_floored_thousandths_of_an_em(void **state)
{
	static const struct {
		int face;
		uint32_t cp;
		int width;
	} cases[] = {
		{0, ' ', 277}, {0, 'a', 556}, {0, 'A', 666}, {0, 'W', 943},
		{4, ' ', 250}, {4, 'a', 443}, {4, 'A', 722}, {4, 0x2019, 333}, {4, 0x2013, 500},
		{1, 0x201C, 500}, {1, 0x2019, 277}, {0, 0x2026, 1000},
		{FONT_HANGUL, 0xD55C, 940}, {FONT_HANGUL_BOLD, 0xD55C, 940}, {FONT_HANGUL, 'A', 727},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int got = fonts_advance(*state, cases[k].face, cases[k].cp);
		if (got != cases[k].width)
			fail_msg("%s U+%04X: %d, want %d", face_names[cases[k].face],
			         (unsigned)cases[k].cp, got, cases[k].width);
	}
}

/* Every printable ASCII character, the typographic punctuation and, in the
 * Nanum faces, a run of Hangul syllables: brief's width is HarfBuzz's,
 * floored. */
static void advances_match_harfbuzz_for_every_face(void **state)
{
	static const uint32_t extra[] = {0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014,
	                                 0x2026, 0x00E9, 0x00A0};
	for (int i = 0; i < FONT_NFACES; i++) {
		hb_ref r = hb_open(i);
		int checked = 0;
		for (uint32_t cp = 0x20; cp < 0xAD00; cp++) {
			bool want = cp < 0x7F;
			for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
				want = want || cp == extra[k];
			want = want || (i >= FONT_HANGUL && cp >= 0xAC00);
			if (!want)
				continue;
			int exp = hb_width(&r, cp);
			if (exp < 0)
				fail_msg("%s lacks U+%04X", face_names[i], (unsigned)cp);
			assert_int_equal(fonts_cover(*state, i, cp), i);
			int got = fonts_advance(*state, i, cp);
			if (got != exp)
				fail_msg("%s U+%04X: %d, HarfBuzz says %d", face_names[i], (unsigned)cp,
				         got, exp);
			checked++;
		}
		assert_true(checked >= 95 + 9);
		hb_font_destroy(r.font);
	}
}

static void latin_faces_cover_typographic_punctuation(void **state)
{
	/* ’ “ ” – … and ‘ — é */
	static const uint32_t cps[] = {0x2019, 0x201C, 0x201D, 0x2013, 0x2026,
	                               0x2018, 0x2014, 0x00E9};
	for (int face = 0; face < FONT_HANGUL; face++)
		for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
			int got = fonts_cover(*state, face, cps[k]);
			if (got != face)
				fail_msg("%s U+%04X drawn by face %d", face_names[face], (unsigned)cps[k],
				         got);
			assert_true(fonts_advance(*state, face, cps[k]) > 0);
		}
}

static void hangul_falls_back_to_nanum_gothic_of_the_same_weight(void **state)
{
	static const struct {
		int want, face;
	} cases[] = {
		{SANS(0), FONT_HANGUL}, {SANS(B), FONT_HANGUL_BOLD}, {SANS(I), FONT_HANGUL},
		{SANS(B | I), FONT_HANGUL_BOLD}, {SERIF(0), FONT_HANGUL},
		{SERIF(B), FONT_HANGUL_BOLD}, {SERIF(I), FONT_HANGUL},
		{SERIF(B | I), FONT_HANGUL_BOLD}, {FONT_HANGUL, FONT_HANGUL},
		{FONT_HANGUL_BOLD, FONT_HANGUL_BOLD},
	};
	/* 한 국 어, a jamo, a Hanja */
	static const uint32_t cps[] = {0xD55C, 0xAD6D, 0xC5B4, 0x3131, 0x6F22};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		for (size_t j = 0; j < sizeof cps / sizeof cps[0]; j++) {
			int got = fonts_cover(*state, cases[k].want, cps[j]);
			if (got != cases[k].face)
				fail_msg("U+%04X wanted in %s: face %d, want %s", (unsigned)cps[j],
				         face_names[cases[k].want], got, face_names[cases[k].face]);
		}
	/* Latin stays in the face asked for, even a Nanum one */
	assert_int_equal(fonts_cover(*state, SERIF(I), 'k'), SERIF(I));
	assert_int_equal(fonts_cover(*state, FONT_HANGUL, 'k'), FONT_HANGUL);
}

static void characters_no_face_has_are_covered_by_none(void **state)
{
	/* an emoji, the private use area, other characters beyond the BMP */
	static const uint32_t cps[] = {0x1F600, 0xE000, 0xF8FF, 0x10000, 0x20000, 0x10FFFF};
	for (int face = 0; face < FONT_NFACES; face++)
		for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
			int got = fonts_cover(*state, face, cps[k]);
			if (got != -1)
				fail_msg("U+%04X wanted in %s: face %d, want -1", (unsigned)cps[k],
				         face_names[face], got);
		}
}

static void family_names_are_sans_and_serif(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int family;
	} cases[] = {
		{"sans", DOC_SANS}, {"serif", DOC_SERIF}, {"mono", -1}, {"", -1},
		{"sans-serif", -1}, {"serif ", -1}, {"Liberation Serif", -1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int got = fonts_family_named(cases[k].name);
		if (got != cases[k].family)
			fail_msg("fonts_family_named(\"%s\") = %d, want %d", cases[k].name, got,
			         cases[k].family);
	}
}

/* $BRIEF_FONTS names the folder; the first face missing from it is named
 * with the Debian package that has it. */
static void a_missing_font_file_is_named_with_its_package(void **state)
{
	(void)state;
	char dir[64], err[512], want[512];
	assert_non_null(support_temp_dir(dir, sizeof dir, "test_fonts"));
	setenv("BRIEF_FONTS", dir, 1);

	strcpy(err, "(untouched)");
	assert_null(fonts_open(err, sizeof err));
	snprintf(want, sizeof want,
	         "font %s/LiberationSans-Regular.ttf not found (Debian package fonts-liberation2)",
	         dir);
	assert_string_equal(err, want);

	for (int i = 0; i < FONT_HANGUL; i++)
		link_face(dir, i);
	assert_null(fonts_open(err, sizeof err));
	snprintf(want, sizeof want, "font %s/NanumGothic.ttf not found (Debian package fonts-nanum)",
	         dir);
	assert_string_equal(err, want);

	link_face(dir, FONT_HANGUL);
	assert_null(fonts_open(err, sizeof err));
	snprintf(want, sizeof want,
	         "font %s/NanumGothicBold.ttf not found (Debian package fonts-nanum)", dir);
	assert_string_equal(err, want);

	link_face(dir, FONT_HANGUL_BOLD);
	lay_fonts *f = fonts_open(err, sizeof err);
	if (!f)
		fail_msg("fonts_open: %s", err);
	int n;
	const lay_face *faces = fonts_faces(f, &n);
	for (int i = 0; i < n; i++) {
		snprintf(want, sizeof want, "%s/%s.ttf", dir, face_names[i]);
		assert_string_equal(faces[i].path, want);
	}
	assert_int_equal(fonts_advance(f, SERIF(0), 'a'), 443);
	fonts_free(f);
	support_remove_tree(dir);

	/* an empty $BRIEF_FONTS means the system folders */
	setenv("BRIEF_FONTS", "", 1);
	f = fonts_open(err, sizeof err);
	if (!f)
		fail_msg("fonts_open: %s", err);
	faces = fonts_faces(f, &n);
	assert_string_equal(faces[0].path, LIBERATION "LiberationSans-Regular.ttf");
	fonts_free(f);
}

/* A face file that is not a font behaves as a face without glyphs: its
 * characters fall back or are covered by none, nothing crashes. */
static void a_corrupt_font_file_covers_nothing(void **state)
{
	(void)state;
	char dir[64], err[512], path[256];
	assert_non_null(support_temp_dir(dir, sizeof dir, "test_fonts"));
	setenv("BRIEF_FONTS", dir, 1);
	for (int i = 0; i < FONT_NFACES; i++)
		if (i != FONT_HANGUL && i != SERIF(I))
			link_face(dir, i);
	static const char junk[] = "this is not a TrueType font\n";
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s.ttf", dir, face_names[i ? FONT_HANGUL : SERIF(I)]);
		support_write_file(path, junk, sizeof junk - 1);
	}
	lay_fonts *f = fonts_open(err, sizeof err);
	if (!f)
		fail_msg("fonts_open: %s", err);
	assert_int_equal(fonts_cover(f, SANS(0), 0xD55C), -1);
	assert_int_equal(fonts_cover(f, FONT_HANGUL, 0xD55C), -1);
	assert_int_equal(fonts_cover(f, SANS(B), 0xD55C), FONT_HANGUL_BOLD);
	/* serif italic is broken: Latin falls back to nothing, Hangul still to Nanum */
	assert_int_equal(fonts_cover(f, SERIF(I), 'a'), -1);
	assert_int_equal(fonts_cover(f, SERIF(B | I), 0xD55C), FONT_HANGUL_BOLD);
	assert_int_equal(fonts_cover(f, SERIF(0), 'a'), SERIF(0));
	fonts_free(f);
	support_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_face_is_found_and_named),
		cmocka_unit_test(face_ids_combine_family_and_style),
		cmocka_unit_test(advances_are_floored_thousandths_of_an_em),
		cmocka_unit_test(advances_match_harfbuzz_for_every_face),
		cmocka_unit_test(latin_faces_cover_typographic_punctuation),
		cmocka_unit_test(hangul_falls_back_to_nanum_gothic_of_the_same_weight),
		cmocka_unit_test(characters_no_face_has_are_covered_by_none),
		cmocka_unit_test(family_names_are_sans_and_serif),
		cmocka_unit_test_teardown(a_missing_font_file_is_named_with_its_package, restore_env),
		cmocka_unit_test_teardown(a_corrupt_font_file_covers_nothing, restore_env),
	};
	return cmocka_run_group_tests_name("fonts", tests, open_fonts, close_fonts);
}

/*
 * test_fonts.c -- the font set: which face draws a character, and how wide.
 *
 * Advances are checked against HarfBuzz read directly from the same .ttf
 * files (floor(advance * 1000 / upem), as libharu writes /W) and against a
 * few values hard-coded from the fonts, chosen where flooring and rounding
 * differ. Shaping is checked against hb_shape called here on the same runs.
 * The font folder ($BRIEF_FONTS) is exercised with mkdtemp directories of
 * symbolic links to the installed faces.
 *
 * BRIEF_SHAPE_BENCH=FILE build/tests/test_fonts measures the cost of
 * shaping the words of a text file instead of running the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc/document.h"
#include "layout/fonts.h"
#include "util/utf8.h"
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

static hb_ref hb_open_file(const char *path)
{
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

static hb_ref hb_open(int i)
{
	char path[256];
	snprintf(path, sizeof path, "%s%s.ttf", face_dir(i), face_names[i]);
	return hb_open_file(path);
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

/* The advance of cp's own glyph in font units. */
static long hb_units(const hb_ref *r, uint32_t cp)
{
	hb_codepoint_t gid;
	if (!hb_font_get_nominal_glyph(r->font, cp, &gid))
		fail_msg("no glyph for U+%04X", (unsigned)cp);
	return hb_font_get_glyph_h_advance(r->font, gid);
}

enum { RUN_MAX = 256 };     /* code points of the runs shaped here */

/* Shapes s in face (r: the same file, opened here) with fonts_shape and
 * checks the answer against hb_shape run on s here, with default features,
 * left to right, in lang: at the end of each cluster (the glyphs HarfBuzz
 * made of some code points), the position the text is drawn to -- /W
 * advances plus the adjustments so far -- is the /W advances plus the
 * shaped minus the own advances so far, to the nearest thousandth of an em;
 * only a cluster's first code point is adjusted; the width returned is the
 * position at the end. Returns that width; the adjustments go to kern
 * (RUN_MAX entries). */
static long check_shaped(lay_fonts *f, int face, const hb_ref *r, const char *lang,
                         const char *s, short *kern)
{
	size_t len = strlen(s);
	uint32_t cps[RUN_MAX];
	size_t offs[RUN_MAX], n = 0;
	for (size_t at = 0; at < len; n++) {
		assert_true(n < RUN_MAX);
		offs[n] = at;
		at += utf8_decode(s + at, len - at, &cps[n]);
	}
	for (size_t k = 0; k < RUN_MAX; k++)
		kern[k] = 12345;                    /* to see what is written */
	long width = fonts_shape(f, face, s, len, kern);
	for (size_t k = n; k < RUN_MAX; k++)
		assert_int_equal(kern[k], 12345);

	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
	hb_buffer_guess_segment_properties(buf);
	hb_shape(r->font, buf, NULL, 0);
	unsigned ng;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &ng);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &ng);

	long drawn = 0, advances = 0, shaped_minus_own = 0;
	size_t c = 0;
	for (unsigned g = 0; g < ng;) {
		unsigned cluster = info[g].cluster;
		for (; g < ng && info[g].cluster == cluster; g++)
			shaped_minus_own += pos[g].x_advance;
		size_t end = g < ng ? info[g].cluster : len;
		for (size_t first = c; c < n && offs[c] < end; c++) {
			if (c > first && kern[c] != 0)
				fail_msg("\"%s\": code point %zu is inside a cluster but adjusted "
				         "by %d", s, c, kern[c]);
			shaped_minus_own -= hb_units(r, cps[c]);
			advances += hb_width(r, cps[c]);
			drawn += hb_width(r, cps[c]) + kern[c];
		}
		long want = advances + (long)floor(shaped_minus_own * 1000.0 / r->upem + 0.5);
		if (drawn != want)
			fail_msg("\"%s\": drawn to %ld at byte %zu, HarfBuzz says %ld", s, drawn,
			         end, want);
	}
	hb_buffer_destroy(buf);
	assert_int_equal(c, n);
	if (width != drawn)
		fail_msg("\"%s\": width %ld, drawn %ld", s, width, drawn);
	return width;
}

/* The sum of the /W advances of s in face. */
static long advances_of(lay_fonts *f, int face, const char *s)
{
	long sum = 0;
	size_t len = strlen(s);
	for (size_t at = 0; at < len;) {
		uint32_t cp;
		at += utf8_decode(s + at, len - at, &cp);
		sum += fonts_advance(f, face, cp);
	}
	return sum;
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


/* ---- shaping -------------------------------------------------------------------- */

static void av_in_serif_shapes_tighter_than_its_advances(void **state)
{
	lay_fonts *f = *state;
	hb_ref r = hb_open(SERIF(0));
	short kern[RUN_MAX];
	long width = check_shaped(f, SERIF(0), &r, "en", "AV", kern);
	long sum = fonts_advance(f, SERIF(0), 'A') + fonts_advance(f, SERIF(0), 'V');
	assert_true(width < sum);
	assert_true(kern[0] < 0);               /* the A comes closer to the V */
	assert_int_equal(kern[1], 0);
	assert_int_equal(kern[0] + kern[1], width - sum);
	hb_font_destroy(r.font);
}

/* Words with and without kerning pairs in every Latin face, and Latin and
 * Hangul in NanumGothic: fonts_shape agrees with hb_shape called here (and
 * so its adjustments sum to the width minus the /W advances). */
static void shaping_matches_harfbuzz_called_directly(void **state)
{
	lay_fonts *f = *state;
	static const char *const words[] = {
		"AV", "Te", "y.", "Wave", "AVAVAVAVAV", "Typography", "office", "hello",
		"\xe2\x80\x9cQuoted,\xe2\x80\x9d", "Tromsø", "Zürich", "L'Ÿ", "F.A.Y.",
		"P.V.", "1,234.50", "Yo-yo", "T\xe2\x80\x94", "council\xe2\x80\x99s",
	};
	short kern[RUN_MAX];
	for (int face = 0; face < FONT_HANGUL; face++) {
		hb_ref r = hb_open(face);
		int kerned = 0;
		for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
			if (check_shaped(f, face, &r, "en", words[k], kern) !=
			    advances_of(f, face, words[k]))
				kerned++;
		if (kerned < 5)                 /* kerning happens in every face */
			fail_msg("%s: %d words kerned", face_names[face], kerned);
		hb_font_destroy(r.font);
	}

	static const char *const nanum[] = {
		"AV", "Type", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",   /* 한국어 */
		"\xe2\x80\x9c\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4\xe2\x80\x9d\xeb\x8a\x94",
		"3\xeb\xb6\x84\xea\xb8\xb0", "12%",
	};
	for (int face = FONT_HANGUL; face < FONT_NFACES; face++) {
		hb_ref r = hb_open(face);
		for (size_t k = 0; k < sizeof nanum / sizeof nanum[0]; k++)
			check_shaped(f, face, &r, "ko", nanum[k], kern);
		hb_font_destroy(r.font);
	}
}

static void an_empty_run_is_zero_wide_and_writes_nothing(void **state)
{
	short kern[2] = {7, 7};
	assert_int_equal(fonts_shape(*state, SERIF(0), "", 0, kern), 0);
	assert_int_equal(fonts_shape(*state, FONT_HANGUL, "AV", 0, kern), 0);
	assert_int_equal(kern[0], 7);
	assert_int_equal(kern[1], 7);
	assert_int_equal(fonts_shape(*state, SERIF(0), "", 0, NULL), 0);
}

/* NanumGothic has no kerning between Hangul syllables: a Hangul run is its
 * advances, unadjusted; its Latin letters are kerned. */
static void a_hangul_run_in_nanum_gothic_keeps_its_advances(void **state)
{
	lay_fonts *f = *state;
	hb_ref r = hb_open(FONT_HANGUL);
	short kern[RUN_MAX];
	const char *run = "\xeb\xb3\xb4\xea\xb3\xa0\xec\x84\x9c\xeb\x8a\x94 "
	                  "\xec\x9b\x94\xec\x9a\x94\xec\x9d\xbc\xec\x97\x90";  /* 보고서는 월요일에 */
	long width = check_shaped(f, FONT_HANGUL, &r, "ko", run, kern);
	assert_int_equal(width, 940 * 8 + fonts_advance(f, FONT_HANGUL, ' '));
	for (int i = 0; i < 9; i++)
		assert_int_equal(kern[i], 0);
	assert_true(check_shaped(f, FONT_HANGUL, &r, "ko", "AV", kern) <
	            advances_of(f, FONT_HANGUL, "AV"));
	hb_font_destroy(r.font);
}

/* A run shaped again -- right after, after thousands of other runs have
 * gone through its face's cache, without asking for the adjustments, or too
 * long to be kept -- gives the same answer. */
static void shaping_again_gives_the_same_answer(void **state)
{
	lay_fonts *f = *state;
	static const char *const runs[] = {
		"AVAVAV", "Wave.", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",
		"A run much longer than any word: AVAVAVAVAV To Te Ty Wa We Yo y. r, f.",
	};
	for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
		int face = k == 2 ? FONT_HANGUL : SANS(0);
		size_t len = strlen(runs[k]), n = utf8_length(runs[k], len);
		short first[RUN_MAX], again[RUN_MAX];
		long w = fonts_shape(f, face, runs[k], len, first);
		assert_true(w > 0);
		assert_int_equal(fonts_shape(f, face, runs[k], len, again), w);
		assert_memory_equal(first, again, n * sizeof *first);
		char other[32];
		for (int i = 0; i < 20000; i++) {
			snprintf(other, sizeof other, "W%dA", i);
			assert_true(fonts_shape(f, face, other, strlen(other), NULL) > 0);
		}
		assert_int_equal(fonts_shape(f, face, runs[k], len, NULL), w);
		memset(again, 0, sizeof again);
		assert_int_equal(fonts_shape(f, face, runs[k], len, again), w);
		assert_memory_equal(first, again, n * sizeof *first);
	}
}

/* DejaVu Serif, put where LiberationSerif-Regular is looked for, has the
 * standard ligatures Liberation lacks: "office" is shaped with an ff
 * ligature, whose code points are drawn as they are, the first f taking
 * what the ligature's width differs from theirs. */
static void a_ligature_is_drawn_as_its_code_points_at_its_width(void **state)
{
	(void)state;
	const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
	if (access(dejavu, R_OK) != 0)
		skip();                             /* fonts-dejavu-core is not installed */
	char dir[64], err[512], to[256];
	assert_non_null(support_temp_dir(dir, sizeof dir, "test_fonts"));
	setenv("BRIEF_FONTS", dir, 1);
	for (int i = 0; i < FONT_NFACES; i++)
		if (i != SERIF(0))
			link_face(dir, i);
	snprintf(to, sizeof to, "%s/%s.ttf", dir, face_names[SERIF(0)]);
	assert_int_equal(symlink(dejavu, to), 0);
	lay_fonts *f = fonts_open(err, sizeof err);
	if (!f)
		fail_msg("fonts_open: %s", err);

	hb_ref r = hb_open_file(dejavu);
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, "office", -1, 0, -1);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(r.font, buf, NULL, 0);
	assert_int_equal(hb_buffer_get_length(buf), 5);     /* o, ff, i, c, e */
	hb_buffer_destroy(buf);

	short kern[RUN_MAX];
	long width = check_shaped(f, SERIF(0), &r, "en", "office", kern);
	assert_int_not_equal(kern[1], 0);
	assert_int_equal(kern[2], 0);
	assert_int_equal(width, advances_of(f, SERIF(0), "office") + kern[0] + kern[1] +
	                 kern[3] + kern[4] + kern[5]);
	hb_font_destroy(r.font);
	fonts_free(f);
	support_remove_tree(dir);
}

/* ---- benchmark (BRIEF_SHAPE_BENCH=FILE) ------------------------------------------ */

typedef struct bench_word {
	const char *s;
	int len;
	int face;
} bench_word;

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int word_cmp(const void *a, const void *b)
{
	const bench_word *x = a, *y = b;
	if (x->face != y->face)
		return x->face - y->face;
	int c = memcmp(x->s, y->s, (size_t)(x->len < y->len ? x->len : y->len));
	return c != 0 ? c : x->len - y->len;
}

static int double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Shapes every call in words[0..n) on a fresh font set, timing each; stores
 * the times (µs) in t. Returns the total. */
static double bench_pass(const bench_word *words, size_t n, double *t)
{
	lay_fonts *f = support_open_fonts();
	if (!f)
		exit(1);
	short kern[4096];
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		double t0 = now_us();
		fonts_shape(f, words[i].face, words[i].s, (size_t)words[i].len, kern);
		t[i] = now_us() - t0;
		total += t[i];
	}
	fonts_free(f);
	return total;
}

/* The words of the file at path (split at white space, as the layout shapes
 * them, each in the face that covers its first character: Liberation Serif,
 * else NanumGothic) shaped on a fresh font set, as a report would: µs per
 * word and the share answered from the cache. A call is counted as a hit
 * when it took less than half the fastest 1% of misses, measured by shaping
 * each distinct word once. Prints figures; asserts nothing. */
static int bench_shaping(const char *path)
{
	size_t len;
	char *text = support_read_file(path, &len);
	lay_fonts *f = support_open_fonts();
	if (!text || !f) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	size_t n = 0, cap = 1024;
	bench_word *words = malloc(cap * sizeof *words);
	for (size_t at = 0; at < len;) {
		while (at < len && strchr(" \t\r\n\f\v", text[at]) && text[at])
			at++;
		size_t end = at;
		while (end < len && !strchr(" \t\r\n\f\v", text[end]))
			end++;
		if (end == at || end - at >= 4096) {
			at = end + (end == at);
			continue;
		}
		uint32_t cp;
		utf8_decode(text + at, end - at, &cp);
		int face = fonts_cover(f, SERIF(0), cp);
		if (n == cap)
			words = realloc(words, (cap *= 2) * sizeof *words);
		words[n++] = (bench_word){text + at, (int)(end - at), face < 0 ? SERIF(0) : face};
		at = end;
	}
	fonts_free(f);
	if (n == 0) {
		fprintf(stderr, "%s: no words\n", path);
		return 1;
	}

	bench_word *distinct = malloc(n * sizeof *distinct);
	memcpy(distinct, words, n * sizeof *words);
	qsort(distinct, n, sizeof *distinct, word_cmp);
	size_t nd = 1;
	for (size_t i = 1; i < n; i++)
		if (word_cmp(&distinct[i], &distinct[nd - 1]) != 0)
			distinct[nd++] = distinct[i];

	double *t = malloc(n * sizeof *t);
	double miss_total = bench_pass(distinct, nd, t);
	qsort(t, nd, sizeof *t, double_cmp);
	double threshold = t[nd / 100] / 2;
	double total = bench_pass(words, n, t);
	size_t hits = 0;
	for (size_t i = 0; i < n; i++)
		hits += t[i] < threshold;

	bench_word same[1000];
	for (size_t i = 0; i < 1000; i++)
		same[i] = words[0];
	double same_total = bench_pass(same, 1000, t);

	printf("%s: %zu words, %zu distinct\n", path, n, nd);
	printf("  in order, fresh cache: %.3f us per word; %.1f%% from the cache "
	       "(at most %.1f%%: each distinct word misses once)\n", total / (double)n,
	       100.0 * (double)hits / (double)n, 100.0 * (1 - (double)nd / (double)n));
	printf("  a miss (each distinct word once): %.3f us; a hit (one word again): "
	       "%.3f us\n", miss_total / (double)nd, (same_total - t[0]) / 999);
	free(t);
	free(distinct);
	free(words);
	free(text);
	return 0;
}

int main(void)
{
	const char *bench = getenv("BRIEF_SHAPE_BENCH");
	if (bench && *bench)
		return bench_shaping(bench);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_face_is_found_and_named),
		cmocka_unit_test(face_ids_combine_family_and_style),
		cmocka_unit_test(advances_are_floored_thousandths_of_an_em),
		cmocka_unit_test(advances_match_harfbuzz_for_every_face),
		cmocka_unit_test(latin_faces_cover_typographic_punctuation),
		cmocka_unit_test(hangul_falls_back_to_nanum_gothic_of_the_same_weight),
		cmocka_unit_test(characters_no_face_has_are_covered_by_none),
		cmocka_unit_test(family_names_are_sans_and_serif),
		cmocka_unit_test(av_in_serif_shapes_tighter_than_its_advances),
		cmocka_unit_test(shaping_matches_harfbuzz_called_directly),
		cmocka_unit_test(an_empty_run_is_zero_wide_and_writes_nothing),
		cmocka_unit_test(a_hangul_run_in_nanum_gothic_keeps_its_advances),
		cmocka_unit_test(shaping_again_gives_the_same_answer),
		cmocka_unit_test_teardown(a_ligature_is_drawn_as_its_code_points_at_its_width,
		                          restore_env),
		cmocka_unit_test_teardown(a_missing_font_file_is_named_with_its_package, restore_env),
		cmocka_unit_test_teardown(a_corrupt_font_file_covers_nothing, restore_env),
	};
	return cmocka_run_group_tests_name("fonts", tests, open_fonts, close_fonts);
}

/*
 * test_imagefile.c -- PNG and JPEG decoding: what decodes and to what, what
 * is refused and with which words, and that no byte string crashes it.
 *
 * Images are made here with libpng and libjpeg (support.h), then cut or
 * corrupted; PNG chunks are edited with their CRC put right, so that the
 * decoder meets the damage meant, not a CRC error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/imagefile.h"
#include "support.h"

#define LIMIT IMAGEFILE_MAX_PIXELS_DEFAULT

/* ---- helpers ------------------------------------------------------------------ */

/* Decodes, failing the test with the reason when the image is refused. */
static imagefile *decode_ok(const void *data, size_t len, const char *what)
{
	char why[256] = "";
	imagefile *img = imagefile_decode(data, len, LIMIT, why, sizeof why);
	if (img == NULL)
		fail_msg("%s: refused: %s", what, why);
	assert_string_equal(why, "");
	return img;
}

/* Decodes with the given limit, expecting a refusal with exactly want. */
static void refused(const void *data, size_t len, long long limit, const char *what,
                    const char *want)
{
	char why[256] = "(unset)";
	imagefile *img = imagefile_decode(data, len, limit, why, sizeof why);
	if (img != NULL) {
		imagefile_free(img);
		fail_msg("%s: decoded, wanted \"%s\"", what, want);
	}
	if (strcmp(why, want) != 0)
		fail_msg("%s: \"%s\", wanted \"%s\"", what, why, want);
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Offset of the first chunk of the given type in png (at its length
 * field); fails the test when there is none. */
static size_t chunk_at(const unsigned char *png, size_t len, const char *type)
{
	for (size_t at = 8; at + 12 <= len; at += 12 + be32(png + at))
		if (memcmp(png + at + 4, type, 4) == 0)
			return at;
	fail_msg("no %s chunk", type);
	return 0;
}

/* Puts right the CRC of the chunk at offset at, after an edit. */
static void fix_crc(unsigned char *png, size_t at)
{
	uint32_t n = be32(png + at);
	put_be32(png + at + 8 + n, crc32_of(png + at + 4, n + 4));
}

/* Removes the chunk of the given type; *len shrinks. */
static void drop_chunk(unsigned char *png, size_t *len, const char *type)
{
	size_t at = chunk_at(png, *len, type), n = 12 + be32(png + at);
	memmove(png + at, png + at + n, *len - at - n);
	*len -= n;
}

/* Offset of the JPEG marker 0xFF m, fails when there is none. */
static size_t marker_at(const unsigned char *jpg, size_t len, unsigned char m)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (jpg[i] == 0xFF && jpg[i + 1] == m)
			return i;
	fail_msg("no marker 0xFF%02X", m);
	return 0;
}

/* ---- what decodes ------------------------------------------------------------- */

/* Every PNG colour type and depth brief may meet, interlaced or not, comes
 * out as 8-bit gray or RGB, alpha in a plane of its own (none when opaque),
 * pixel for pixel what was encoded. */
static void png_of_every_type_and_depth_decodes_to_8_bit_pixels(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int color, depth, interlaced;
		int channels;
		int alpha;
	} cases[] = {
		{"RGB 8", 2, 8, 0, 3, 0},
		{"gray 8", 0, 8, 0, 1, 0},
		{"palette with tRNS", 3, 8, 0, 3, 1},
		{"palette 2-bit", 3, 2, 0, 3, 1},
		{"RGBA 8", 6, 8, 0, 3, 1},
		{"gray + alpha 8", 4, 8, 0, 1, 1},
		{"RGB 16", 2, 16, 0, 3, 0},
		{"gray 16", 0, 16, 0, 1, 0},
		{"RGBA 16", 6, 16, 0, 3, 1},
		{"gray 1-bit", 0, 1, 0, 1, 0},
		{"RGB 8 interlaced", 2, 8, 1, 3, 0},
		{"RGBA 16 interlaced", 6, 16, 1, 3, 1},
		{"gray 4-bit interlaced", 0, 4, 1, 1, 0},
	};
	static const unsigned char palette[4][4] = {
		{0, 0, 0, 255}, {255, 0, 0, 255}, {0, 128, 255, 255}, {255, 255, 255, 128}
	};
	enum { W = 13, H = 9 };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		unsigned char *png = support_png(W, H, cases[i].color, cases[i].depth,
		                                 cases[i].interlaced, &len);
		imagefile *img = decode_ok(png, len, cases[i].what);
		if (img->format != IMAGEFILE_PNG || img->width != W || img->height != H ||
		    img->channels != cases[i].channels || img->pixels == NULL ||
		    img->jpeg != NULL || (img->alpha != NULL) != cases[i].alpha)
			fail_msg("%s: %dx%d, %d channels, alpha %s", cases[i].what, img->width,
			         img->height, img->channels, img->alpha ? "yes" : "no");
		bool exact = cases[i].depth >= 8;
		for (long k = 0; k < W * H; k++) {
			const unsigned char *px = img->pixels + k * img->channels;
			for (int c = 0; c < img->channels; c++) {
				int want = cases[i].color == 3 ? palette[support_pattern(k, 0) % 4][c]
				         : exact ? support_pattern(k, c) : -1;
				if (want >= 0 && px[c] != want)
					fail_msg("%s: pixel %ld channel %d is %d, wanted %d",
					         cases[i].what, k, c, px[c], want);
			}
			if (img->alpha != NULL) {
				int want = cases[i].color == 3 ? palette[support_pattern(k, 0) % 4][3]
				         : k < W ? 255 : support_pattern(k, img->channels);
				if (img->alpha[k] != want)
					fail_msg("%s: alpha %ld is %d, wanted %d", cases[i].what, k,
					         img->alpha[k], want);
			}
		}
		imagefile_free(img);
		free(png);
	}
}

/* An alpha channel that is opaque everywhere needs no soft mask. */
static void png_with_opaque_alpha_has_no_alpha_plane(void **state)
{
	(void)state;
	size_t len;
	unsigned char *png = support_png(20, 1, 6, 8, 0, &len);  /* one row: opaque */
	imagefile *img = decode_ok(png, len, "opaque RGBA");
	assert_int_equal(img->channels, 3);
	assert_null(img->alpha);
	imagefile_free(img);
	free(png);
}

/* Gray and YCbCr JPEGs, baseline or progressive, are decoded to check them
 * and then kept as they are, for the PDF to embed unchanged; anything
 * after the end-of-image marker is dropped. */
static void jpeg_gray_and_colour_keep_their_original_bytes(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int components, progressive;
	} cases[] = {
		{"gray baseline", 1, 0},
		{"colour baseline", 3, 0},
		{"gray progressive", 1, 1},
		{"colour progressive", 3, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		unsigned char *jpg = support_jpeg(37, 21, cases[i].components,
		                                  cases[i].progressive, 0, &len);
		unsigned char *junk = malloc(len + 6);
		assert_non_null(junk);
		memcpy(junk, jpg, len);
		memcpy(junk + len, "trail", 6);
		for (int trailing = 0; trailing < 2; trailing++) {
			imagefile *img = decode_ok(trailing ? junk : jpg, len + (trailing ? 6 : 0),
			                           cases[i].what);
			if (img->format != IMAGEFILE_JPEG || img->width != 37 || img->height != 21 ||
			    img->channels != cases[i].components || img->pixels != NULL ||
			    img->alpha != NULL || img->jpeg == NULL || img->jpeg_len != len ||
			    memcmp(img->jpeg, jpg, len) != 0)
				fail_msg("%s%s: not kept as it was", cases[i].what,
				         trailing ? " with trailing bytes" : "");
			imagefile_free(img);
		}
		free(junk);
		free(jpg);
	}
}

/* A CMYK JPEG, or an arithmetic-coded one, might be shown wrongly or not
 * at all by a PDF viewer: it is handed over as RGB or gray pixels. */
static void jpeg_cmyk_and_arithmetic_become_pixels(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int components, arith, channels;
	} cases[] = {
		{"CMYK", 4, 0, 3},
		{"arithmetic colour", 3, 1, 3},
		{"arithmetic gray", 1, 1, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		unsigned char *jpg = support_jpeg(16, 8, cases[i].components, 0, cases[i].arith,
		                                  &len);
		imagefile *img = decode_ok(jpg, len, cases[i].what);
		if (img->jpeg != NULL || img->pixels == NULL || img->alpha != NULL ||
		    img->channels != cases[i].channels || img->width != 16 || img->height != 8)
			fail_msg("%s: not handed over as pixels", cases[i].what);
		imagefile_free(img);
		free(jpg);
	}

	/* the gray arithmetic image still has the pixels it was made of */
	size_t len;
	unsigned char *jpg = support_jpeg(16, 8, 1, 0, 1, &len);
	imagefile *img = decode_ok(jpg, len, "gray");
	for (long k = 0; k < 16 * 8; k++)
		if (abs(img->pixels[k] - support_pattern(k, 0)) > 24)
			fail_msg("pixel %ld is %d, far from %d", k, img->pixels[k],
			         support_pattern(k, 0));
	imagefile_free(img);
	free(jpg);
}

/* ---- what is refused -------------------------------------------------------- */

typedef struct bad_case {
	const char *what;
	/* makes the file: returns it (free()), length in *len */
	unsigned char *(*make)(size_t *len);
	long long limit;
	const char *why;
} bad_case;

static unsigned char *copy_of(const void *p, size_t n, size_t *len)
{
	unsigned char *out = malloc(n + 1);
	assert_non_null(out);
	memcpy(out, p, n);
	*len = n;
	return out;
}

static unsigned char *make_empty(size_t *len)
{
	return copy_of("", 0, len);
}

static unsigned char *make_gif(size_t *len)
{
	return copy_of("GIF89a\x01\x00\x01\x00", 10, len);
}

static unsigned char *make_random(size_t *len)
{
	unsigned char *p = malloc(4096);
	assert_non_null(p);
	uint32_t x = 2463534242u;
	for (int i = 0; i < 4096; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
	p[0] = 'R';             /* not by chance a signature */
	*len = 4096;
	return p;
}

static unsigned char *make_png_signature_only(size_t *len)
{
	return copy_of("\x89PNG\r\n\x1a\n", 8, len);
}

static unsigned char *make_png_cut_short_of_signature(size_t *len)
{
	return copy_of("\x89PN", 3, len);
}

static unsigned char *make_png_truncated(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	*len = chunk_at(png, *len, "IDAT") + 8 + 20;     /* into the image data */
	return png;
}

static unsigned char *make_png_without_iend(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	*len -= 12;
	return png;
}

static unsigned char *make_png_bad_zlib(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	size_t at = chunk_at(png, *len, "IDAT");
	png[at + 8] = 0x78;             /* a zlib header ... */
	png[at + 9] = 0x00;             /* ... whose check bits are wrong */
	fix_crc(png, at);
	return png;
}

static unsigned char *make_png_bad_deflate_data(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	size_t at = chunk_at(png, *len, "IDAT");
	png[at + 10] = 0xFF;            /* first block: reserved type 3 */
	fix_crc(png, at);
	return png;
}

static unsigned char *make_png_crc_error(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	size_t at = chunk_at(png, *len, "IDAT");
	png[at + 8 + be32(png + at)] ^= 0x55;       /* the CRC itself, data intact */
	return png;
}

static unsigned char *make_png_width_zero(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	put_be32(png + 16, 0);
	fix_crc(png, 8);
	return png;
}

static unsigned char *make_png_rgb_4_bit(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	png[24] = 4;                    /* RGB allows 8 and 16 only */
	fix_crc(png, 8);
	return png;
}

static unsigned char *make_png_colour_type_5(size_t *len)
{
	unsigned char *png = support_png(40, 30, 2, 8, 0, len);
	png[25] = 5;
	fix_crc(png, 8);
	return png;
}

static unsigned char *make_png_palette_without_plte(size_t *len)
{
	unsigned char *png = support_png(40, 30, 3, 8, 0, len);
	drop_chunk(png, len, "tRNS");   /* (tRNS before PLTE is refused first) */
	drop_chunk(png, len, "PLTE");
	return png;
}

static unsigned char *make_png_too_little_data(size_t *len)
{
	/* a 40x30 header over the data of a 40x10 image */
	unsigned char *png = support_png(40, 10, 2, 8, 0, len);
	put_be32(png + 20, 30);
	fix_crc(png, 8);
	return png;
}

static unsigned char *make_png_64x64(size_t *len)
{
	return support_png(64, 64, 2, 8, 0, len);
}

/* A 100000x100000 header over a few bytes: 30 GB of pixels if believed. */
static unsigned char *make_png_huge_header(size_t *len)
{
	unsigned char *png = support_png(4, 4, 2, 8, 0, len);
	put_be32(png + 16, 100000);
	put_be32(png + 20, 100000);
	fix_crc(png, 8);
	return png;
}

static unsigned char *make_jpeg_truncated(size_t *len)
{
	unsigned char *jpg = support_jpeg(64, 48, 3, 0, 0, len);
	*len /= 2;
	return jpg;
}

static unsigned char *make_jpeg_progressive_truncated(size_t *len)
{
	unsigned char *jpg = support_jpeg(64, 48, 3, 1, 0, len);
	*len = *len * 2 / 3;
	return jpg;
}

static unsigned char *make_jpeg_without_eoi(size_t *len)
{
	unsigned char *jpg = support_jpeg(64, 48, 3, 0, 0, len);
	*len -= 2;
	return jpg;
}

static unsigned char *make_jpeg_soi_only(size_t *len)
{
	return copy_of("\xff\xd8", 2, len);
}

/* The frame header of a real file claiming w x h, cut right after the scan
 * header: no image data at all. */
static unsigned char *jpeg_claiming(unsigned w, unsigned h, size_t *len)
{
	unsigned char *jpg = support_jpeg(16, 16, 3, 0, 0, len);
	size_t sof = marker_at(jpg, *len, 0xC0);
	jpg[sof + 5] = (unsigned char)(h >> 8);
	jpg[sof + 6] = (unsigned char)h;
	jpg[sof + 7] = (unsigned char)(w >> 8);
	jpg[sof + 8] = (unsigned char)w;
	size_t sos = marker_at(jpg, *len, 0xDA);
	*len = sos + 2 + ((size_t)jpg[sos + 2] << 8 | jpg[sos + 3]);
	return jpg;
}

static unsigned char *make_jpeg_65535_square(size_t *len)
{
	return jpeg_claiming(65535, 65535, len);
}

static unsigned char *make_jpeg_60000_square(size_t *len)
{
	return jpeg_claiming(60000, 60000, len);
}

static unsigned char *make_jpeg_header_no_data(size_t *len)
{
	return jpeg_claiming(16, 16, len);
}

static unsigned char *make_jpeg_no_frame(size_t *len)
{
	/* SOI, then end of image: no frame, no scan */
	return copy_of("\xff\xd8\xff\xd9", 4, len);
}

static unsigned char *make_jpeg_garbage_before_marker(size_t *len)
{
	size_t n;
	unsigned char *jpg = support_jpeg(16, 16, 1, 0, 0, &n);
	size_t sos = marker_at(jpg, n, 0xDA);
	unsigned char *out = malloc(n + 3);
	assert_non_null(out);
	memcpy(out, jpg, sos);
	memcpy(out + sos, "\x01\x02\x03", 3);
	memcpy(out + sos + 3, jpg + sos, n - sos);
	free(jpg);
	*len = n + 3;
	return out;
}

static unsigned char *make_jpeg_64x64(size_t *len)
{
	return support_jpeg(64, 64, 3, 0, 0, len);
}

static const bad_case bad_cases[] = {
	{"empty", make_empty, LIMIT, "empty file"},
	{"GIF", make_gif, LIMIT, "not a PNG or JPEG file"},
	{"random bytes", make_random, LIMIT, "not a PNG or JPEG file"},
	{"PNG signature only", make_png_signature_only, LIMIT,
	 "truncated or malformed PNG file: unexpected end of file"},
	{"PNG cut inside its signature", make_png_cut_short_of_signature, LIMIT,
	 "truncated or malformed PNG file: unexpected end of file"},
	{"PNG cut inside IDAT", make_png_truncated, LIMIT,
	 "truncated or malformed PNG file: unexpected end of file"},
	{"PNG without IEND", make_png_without_iend, LIMIT,
	 "truncated or malformed PNG file: unexpected end of file"},
	{"PNG with a bad zlib header", make_png_bad_zlib, LIMIT,
	 "truncated or malformed PNG file: IDAT: incorrect header check"},
	{"PNG with bad deflate data", make_png_bad_deflate_data, LIMIT,
	 "truncated or malformed PNG file: IDAT: invalid block type"},
	{"PNG with a CRC error", make_png_crc_error, LIMIT,
	 "truncated or malformed PNG file: IDAT: CRC error"},
	{"PNG of width 0", make_png_width_zero, LIMIT,
	 "truncated or malformed PNG file: Image width is zero in IHDR"},
	{"PNG RGB at 4 bits", make_png_rgb_4_bit, LIMIT,
	 "truncated or malformed PNG file: Invalid color type/bit depth combination in IHDR"},
	{"PNG colour type 5", make_png_colour_type_5, LIMIT,
	 "truncated or malformed PNG file: Invalid color type in IHDR"},
	{"palette PNG without PLTE", make_png_palette_without_plte, LIMIT,
	 "truncated or malformed PNG file: IDAT: Missing PLTE before IDAT"},
	{"PNG with too little data", make_png_too_little_data, LIMIT,
	 "truncated or malformed PNG file: Not enough image data"},
	{"PNG over the limit", make_png_64x64, 4000,
	 "image is 64x64 pixels, more than the limit of 4000"},
	{"PNG claiming 100000x100000", make_png_huge_header, LIMIT,
	 "image is 100000x100000 pixels, more than the limit of 50000000"},
	{"JPEG cut in half", make_jpeg_truncated, LIMIT,
	 "truncated or malformed JPEG file: Premature end of JPEG file"},
	{"progressive JPEG cut short", make_jpeg_progressive_truncated, LIMIT,
	 "truncated or malformed JPEG file: Premature end of JPEG file"},
	{"JPEG without EOI", make_jpeg_without_eoi, LIMIT,
	 "truncated or malformed JPEG file: Premature end of JPEG file"},
	{"JPEG SOI only", make_jpeg_soi_only, LIMIT,
	 "truncated or malformed JPEG file: Premature end of JPEG file"},
	{"JPEG claiming 65535x65535, no data", make_jpeg_65535_square, LIMIT,
	 "truncated or malformed JPEG file: Maximum supported image dimension is 65500 pixels"},
	{"JPEG claiming 60000x60000, no data", make_jpeg_60000_square, LIMIT,
	 "image is 60000x60000 pixels, more than the limit of 50000000"},
	{"JPEG header without data", make_jpeg_header_no_data, LIMIT,
	 "truncated or malformed JPEG file: Premature end of JPEG file"},
	{"JPEG without a frame", make_jpeg_no_frame, LIMIT,
	 "truncated or malformed JPEG file: JPEG datastream contains no image"},
	{"JPEG with bytes before a marker", make_jpeg_garbage_before_marker, LIMIT,
	 "truncated or malformed JPEG file: Corrupt JPEG data: 3 extraneous bytes before "
	 "marker 0xda"},
	{"JPEG over the limit", make_jpeg_64x64, 4000,
	 "image is 64x64 pixels, more than the limit of 4000"},
};

static void broken_and_oversized_files_are_refused_with_a_reason(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		size_t len;
		unsigned char *p = bad_cases[i].make(&len);
		refused(p, len, bad_cases[i].limit, bad_cases[i].what, bad_cases[i].why);
		free(p);
	}
}

/* The reason is cut to the buffer and always terminated; a buffer of size 0
 * is never written. */
static void reason_fits_the_buffer_given(void **state)
{
	(void)state;
	char why[8];
	assert_null(imagefile_decode("GIF89a", 6, LIMIT, why, sizeof why));
	assert_string_equal(why, "not a P");
	size_t len;
	unsigned char *png = make_png_bad_zlib(&len);
	assert_null(imagefile_decode(png, len, LIMIT, why, sizeof why));
	assert_string_equal(why, "truncat");
	free(png);
	why[0] = 'x';
	assert_null(imagefile_decode("", 0, LIMIT, why, 0));
	assert_int_equal(why[0], 'x');
}

/* Every single-bit change to a small PNG and JPEG, and every cut, either
 * decodes or is refused with a reason: never a crash (run it under the
 * sanitizers), never a silent NULL. */
static void every_bit_flip_and_cut_is_decoded_or_refused(void **state)
{
	(void)state;
	size_t lens[3];
	unsigned char *files[3] = {
		support_png(7, 5, 3, 4, 1, &lens[0]),
		support_jpeg(9, 7, 3, 0, 0, &lens[1]),
		support_jpeg(9, 7, 1, 1, 0, &lens[2]),
	};
	for (int f = 0; f < 3; f++) {
		unsigned char *p = malloc(lens[f]);
		assert_non_null(p);
		for (size_t i = 0; i < lens[f]; i++) {
			for (int bit = -1; bit < 8; bit++) {
				memcpy(p, files[f], lens[f]);
				size_t n = lens[f];
				if (bit < 0)
					n = i;              /* cut at i */
				else
					p[i] ^= (unsigned char)(1u << bit);
				char why[256] = "";
				imagefile *img = imagefile_decode(p, n, 1 << 20, why, sizeof why);
				if (img == NULL && why[0] == '\0')
					fail_msg("file %d, byte %zu, bit %d: refused without a reason",
					         f, i, bit);
				if (img != NULL && img->pixels == NULL && img->jpeg == NULL)
					fail_msg("file %d, byte %zu, bit %d: no pixels", f, i, bit);
				imagefile_free(img);
			}
		}
		free(p);
		free(files[f]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(png_of_every_type_and_depth_decodes_to_8_bit_pixels),
		cmocka_unit_test(png_with_opaque_alpha_has_no_alpha_plane),
		cmocka_unit_test(jpeg_gray_and_colour_keep_their_original_bytes),
		cmocka_unit_test(jpeg_cmyk_and_arithmetic_become_pixels),
		cmocka_unit_test(broken_and_oversized_files_are_refused_with_a_reason),
		cmocka_unit_test(reason_fits_the_buffer_given),
		cmocka_unit_test(every_bit_flip_and_cut_is_decoded_or_refused),
	};
	return cmocka_run_group_tests_name("imagefile", tests, NULL, NULL);
}

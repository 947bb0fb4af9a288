/*
 * imagefile.c -- PNG and JPEG files decoded in memory under brief's own error
 * handling.
 *
 * Both libraries report a fatal error by calling a function that must not
 * return; here it writes the reason and longjmps back to the setjmp of the
 * decoder that called the library, which frees what it had and returns NULL.
 * So that nothing local to a function calling setjmp changes after it, all
 * the state a decoder touches lives in a job struct its caller owns.
 */
#include "util/imagefile.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <setjmp.h>

/* A progressive JPEG may have any number of scans, each a pass over the
 * whole image, so a small file can ask for a great deal of work. Encoders
 * write about ten (libjpeg's jpeg_simple_progression() writes 10 for
 * colour); far more is an attack or damage. */
#define JPEG_MAX_SCANS 500

/* Stores the formatted reason in why; returns NULL, for the callers'
 * "return fail(...)". */
__attribute__((format(printf, 3, 4)))
static imagefile *fail(char *why, size_t whysize, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (whysize > 0)
		vsnprintf(why, whysize, fmt, ap);
	va_end(ap);
	return NULL;
}

/* Is a w x h image within max pixels (and small enough that 4 bytes a pixel
 * cannot overflow a size_t)? If not, says so in why. */
static bool size_ok(unsigned long w, unsigned long h, long long max, char *why,
                    size_t whysize)
{
	unsigned long long limit = max > 0 ? (unsigned long long)max : 0;
	if (limit > SIZE_MAX / 8)
		limit = SIZE_MAX / 8;
	if ((unsigned long long)w * h <= limit)
		return true;
	fail(why, whysize, "image is %lux%lu pixels, more than the limit of %llu", w, h,
	     limit);
	return false;
}

bool imagefile_same(const imagefile *a, const imagefile *b)
{
	if (a->width != b->width || a->height != b->height || a->channels != b->channels ||
	    a->format != b->format || (a->jpeg == NULL) != (b->jpeg == NULL) ||
	    (a->alpha == NULL) != (b->alpha == NULL) || a->jpeg_len != b->jpeg_len)
		return false;
	size_t n = (size_t)a->width * (size_t)a->height;
	if (a->jpeg != NULL)
		return memcmp(a->jpeg, b->jpeg, a->jpeg_len) == 0;
	return memcmp(a->pixels, b->pixels, n * (size_t)a->channels) == 0 &&
	       (a->alpha == NULL || memcmp(a->alpha, b->alpha, n) == 0);
}

void imagefile_free(imagefile *img)
{
	if (img == NULL)
		return;
	free((void *)img->pixels);
	free((void *)img->alpha);
	free((void *)img->jpeg);
	free(img);
}

/* ---- PNG ---------------------------------------------------------------------- */

typedef struct png_job {
	const unsigned char *data;
	size_t len, pos;            /* bytes read so far */
	char *why;
	size_t whysize;
	char ihdr_warning[128];     /* libpng's first word on a bad IHDR */
	unsigned char *buf;         /* decoded rows, freed by the caller */
	png_bytep *rows;            /* into buf, freed by the caller */
} png_job;

/* libpng's error function: words the reason and jumps back to png_run().
 * A bad IHDR is first described by a warning ("Image width is zero in
 * IHDR") and then failed as "Invalid IHDR data": the warning says more. */
static void png_on_error(png_structp png, png_const_charp msg)
{
	png_job *j = png_get_error_ptr(png);
	if (strstr(msg, "of memory") != NULL)
		fail(j->why, j->whysize, "out of memory");
	else
		fail(j->why, j->whysize, "truncated or malformed PNG file: %s",
		     strcmp(msg, "Invalid IHDR data") == 0 && j->ihdr_warning[0] != '\0'
		     ? j->ihdr_warning : msg);
	png_longjmp(png, 1);
}

/* Warnings are about ancillary chunks libpng then ignores (a bad colour
 * profile, a text chunk's CRC): the image is still good. Only those that
 * explain a bad IHDR are kept, and never printed. */
static void png_on_warning(png_structp png, png_const_charp msg)
{
	png_job *j = png_get_error_ptr(png);
	if (j->ihdr_warning[0] == '\0' && strstr(msg, "IHDR") != NULL)
		snprintf(j->ihdr_warning, sizeof j->ihdr_warning, "%s", msg);
}

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
	png_job *j = png_get_io_ptr(png);
	if (n > j->len - j->pos)
		png_error(png, "unexpected end of file");
	memcpy(out, j->data + j->pos, n);
	j->pos += n;
}

/* Decodes j's bytes into img: j->buf ends up holding height rows of
 * width * channels bytes, channels 1 to 4 (gray, gray + alpha, RGB, RGBA).
 * Returns true, or false with j->why set. */
static bool png_run(png_job *j, imagefile *img, int *channels, long long max_pixels)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, j, png_on_error,
	                                         png_on_warning);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		fail(j->why, j->whysize, "out of memory");
		return false;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return false;
	}
	png_set_read_fn(png, j, png_read_mem);
	/* libpng refuses more than a million pixels a side by default; the
	 * caller's limit on the pixel count is the one that applies. */
	png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
	png_read_info(png, info);

	png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	if (!size_ok(w, h, max_pixels, j->why, j->whysize)) {
		png_destroy_read_struct(&png, &info, NULL);
		return false;
	}
	png_set_expand(png);                /* palette and tRNS to RGB(A), gray to 8 bits */
	png_set_scale_16(png);
	(void)png_set_interlace_handling(png);
	png_read_update_info(png, info);

	int ch = png_get_channels(png, info);
	size_t rowbytes = png_get_rowbytes(png, info);
	if (ch < 1 || ch > 4 || png_get_bit_depth(png, info) != 8 || rowbytes != (size_t)w * ch)
		png_error(png, "unexpected format after expanding");
	j->buf = malloc(rowbytes * h);
	j->rows = malloc(h * sizeof *j->rows);
	if (j->buf == NULL || j->rows == NULL)
		png_error(png, "Out of memory");
	for (png_uint_32 y = 0; y < h; y++)
		j->rows[y] = j->buf + y * rowbytes;
	png_read_image(png, j->rows);
	png_read_end(png, NULL);            /* the chunks after the image, CRCs, IEND */
	png_destroy_read_struct(&png, &info, NULL);

	img->format = IMAGEFILE_PNG;
	img->width = (int)w;
	img->height = (int)h;
	*channels = ch;
	return true;
}

/* Moves the alpha channel of img's ch-channel pixels (2 or 4) into a plane
 * of its own, leaving gray or RGB; no plane when every pixel is opaque.
 * Returns false when out of memory. */
static bool png_split_alpha(imagefile *img, unsigned char *buf, int ch)
{
	size_t n = (size_t)img->width * (size_t)img->height;
	int c = ch - 1;
	unsigned char *alpha = malloc(n);
	if (alpha == NULL)
		return false;
	bool opaque = true;
	for (size_t i = 0; i < n; i++) {      /* in place: writes never pass reads */
		for (int k = 0; k < c; k++)
			buf[i * c + k] = buf[i * ch + k];
		alpha[i] = buf[i * ch + c];
		opaque = opaque && alpha[i] == 255;
	}
	if (opaque) {
		free(alpha);
		alpha = NULL;
	}
	unsigned char *shrunk = realloc(buf, n * c);
	img->pixels = shrunk != NULL ? shrunk : buf;
	img->alpha = alpha;
	img->channels = c;
	return true;
}

static imagefile *png_decode(const unsigned char *data, size_t len, long long max_pixels,
                             char *why, size_t whysize)
{
	png_job j = {.data = data, .len = len, .why = why, .whysize = whysize};
	imagefile *img = calloc(1, sizeof *img);
	if (img == NULL)
		return fail(why, whysize, "out of memory");
	int ch = 0;
	bool ok = png_run(&j, img, &ch, max_pixels);
	free(j.rows);
	if (!ok) {
		free(j.buf);
		free(img);
		return NULL;
	}
	if (ch == 2 || ch == 4) {
		if (!png_split_alpha(img, j.buf, ch)) {
			free(j.buf);
			free(img);
			return fail(why, whysize, "out of memory");
		}
	} else {
		img->pixels = j.buf;
		img->channels = ch;
	}
	return img;
}

/* ---- JPEG ---------------------------------------------------------------------- */

typedef struct jpeg_job {
	struct jpeg_error_mgr err;          /* first: libjpeg hands us &err */
	struct jpeg_progress_mgr progress;
	struct jpeg_decompress_struct cinfo;
	jmp_buf jmp;
	char *why;
	size_t whysize;
	unsigned char *row;                 /* one scanline, when not kept whole */
	unsigned char *pixels;              /* the decoded image, when kept */
} jpeg_job;

/* libjpeg's error_exit: words the reason and jumps back to jpeg_run(). */
static void jpeg_on_error(j_common_ptr cinfo)
{
	jpeg_job *j = (jpeg_job *)cinfo->err;
	char msg[JMSG_LENGTH_MAX];
	if (cinfo->err->msg_code == JERR_OUT_OF_MEMORY) {
		fail(j->why, j->whysize, "out of memory");
	} else {
		cinfo->err->format_message(cinfo, msg);
		fail(j->why, j->whysize, "truncated or malformed JPEG file: %s", msg);
	}
	longjmp(j->jmp, 1);
}

/* libjpeg's emit_message. Level -1 is a warning: libjpeg has met corrupt
 * data ("Premature end of JPEG file", "Corrupt JPEG data: ...") and is
 * inventing pixels to carry on, so it is an error here. Other levels are
 * trace messages, dropped. */
static void jpeg_on_message(j_common_ptr cinfo, int level)
{
	if (level < 0)
		jpeg_on_error(cinfo);
}

static void jpeg_on_progress(j_common_ptr cinfo)
{
	jpeg_job *j = (jpeg_job *)cinfo->err;
	if (j->cinfo.input_scan_number > JPEG_MAX_SCANS) {
		fail(j->why, j->whysize, "truncated or malformed JPEG file: more than %d scans",
		     JPEG_MAX_SCANS);
		longjmp(j->jmp, 1);
	}
}

/* Does libharu's own JPEG header reader (it walks the marker segments from
 * SOI, without skipping fill bytes, to the first SOF0, 1, 2 or 9) find the
 * frame libjpeg decoded? If it would not, the original bytes are not kept:
 * libharu would describe the image wrongly or fail. */
static bool haru_reads_same(const unsigned char *p, size_t n, const imagefile *img,
                            int components)
{
	size_t i = 2;                       /* after SOI */
	for (;;) {
		if (n - i < 4)
			return false;
		unsigned tag = (unsigned)p[i] << 8 | p[i + 1];
		unsigned size = (unsigned)p[i + 2] << 8 | p[i + 3];
		i += 4;
		if (tag == 0xFFC0 || tag == 0xFFC1 || tag == 0xFFC2 || tag == 0xFFC9) {
			if (n - i < 6)
				return false;
			return p[i] == 8 && (p[i + 1] << 8 | p[i + 2]) == img->height &&
			       (p[i + 3] << 8 | p[i + 4]) == img->width && p[i + 5] == components;
		}
		if ((tag & 0xFF00) != 0xFF00 || size < 2 || size - 2 > n - i)
			return false;
		i += size - 2;
	}
}

/* RGB from libjpeg's CMYK, n pixels. Adobe's files (an APP14 marker) store
 * the inks inverted, 0 meaning full ink; others do not. */
static void cmyk_to_rgb(unsigned char *rgb, const unsigned char *cmyk, size_t n,
                        bool inverted)
{
	for (size_t i = 0; i < n; i++, cmyk += 4, rgb += 3) {
		unsigned k = inverted ? cmyk[3] : 255u - cmyk[3];
		for (int c = 0; c < 3; c++) {
			unsigned v = inverted ? cmyk[c] : 255u - cmyk[c];
			rgb[c] = (unsigned char)((v * k + 127) / 255);
		}
	}
}

/* Decodes every scanline of j's JPEG into img: the pixels (gray or RGB)
 * into j->pixels, unless the original bytes are to be kept, which is then
 * said by *keep, with the length up to the end-of-image marker in *kept.
 * Returns true, or false with j->why set. */
static bool jpeg_run(jpeg_job *j, const unsigned char *data, size_t len, imagefile *img,
                     bool *keep, size_t *kept, long long max_pixels)
{
	struct jpeg_decompress_struct *ci = &j->cinfo;
	ci->err = jpeg_std_error(&j->err);
	j->err.error_exit = jpeg_on_error;
	j->err.emit_message = jpeg_on_message;
	if (setjmp(j->jmp)) {
		jpeg_destroy_decompress(ci);
		return false;
	}
	jpeg_create_decompress(ci);
	j->progress.progress_monitor = jpeg_on_progress;
	ci->progress = &j->progress;
	jpeg_mem_src(ci, data, (unsigned long)len);
	(void)jpeg_read_header(ci, TRUE);

	img->format = IMAGEFILE_JPEG;
	img->width = (int)ci->image_width;
	img->height = (int)ci->image_height;
	if (!size_ok(ci->image_width, ci->image_height, max_pixels, j->why, j->whysize)) {
		jpeg_destroy_decompress(ci);
		return false;
	}
	J_COLOR_SPACE in = ci->jpeg_color_space;
	int comps = ci->num_components;
	bool cmyk = in == JCS_CMYK || in == JCS_YCCK;
	if (!(in == JCS_GRAYSCALE || in == JCS_YCbCr || in == JCS_RGB || cmyk)) {
		fail(j->why, j->whysize, "unsupported JPEG color space (%d components)", comps);
		jpeg_destroy_decompress(ci);
		return false;
	}
	/* What PDF viewers read as is: 8-bit Huffman-coded gray or YCbCr (an
	 * RGB JPEG without an Adobe marker would be taken for YCbCr). */
	*keep = !ci->arith_code && ((in == JCS_GRAYSCALE && comps == 1) ||
	                            (in == JCS_YCbCr && comps == 3)) &&
	        haru_reads_same(data, len, img, comps);
	ci->out_color_space = in == JCS_GRAYSCALE ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
	if (*keep) {                        /* the pixels are only looked at */
		ci->dct_method = JDCT_IFAST;
		ci->do_fancy_upsampling = FALSE;
	}
	jpeg_start_decompress(ci);

	size_t w = ci->output_width, h = ci->output_height;
	size_t stride = w * (size_t)ci->output_components;
	img->channels = in == JCS_GRAYSCALE ? 1 : 3;
	if (*keep || cmyk)
		j->row = malloc(stride);
	if (!*keep)
		j->pixels = malloc(w * h * (size_t)img->channels);
	if ((j->row == NULL && (*keep || cmyk)) || (j->pixels == NULL && !*keep))
		ERREXIT1(ci, JERR_OUT_OF_MEMORY, 0);
	while (ci->output_scanline < ci->output_height) {
		size_t y = ci->output_scanline;
		JSAMPROW row = j->row != NULL ? j->row : j->pixels + y * stride;
		if (jpeg_read_scanlines(ci, &row, 1) != 1)
			ERREXIT(ci, JERR_INPUT_EMPTY);
		if (cmyk)
			cmyk_to_rgb(j->pixels + y * w * 3, j->row, w, ci->saw_Adobe_marker);
	}
	jpeg_finish_decompress(ci);         /* reads on to the end-of-image marker */
	*kept = len - ci->src->bytes_in_buffer;
	jpeg_destroy_decompress(ci);
	return true;
}

static imagefile *jpeg_decode(const unsigned char *data, size_t len, long long max_pixels,
                              char *why, size_t whysize)
{
	jpeg_job *j = calloc(1, sizeof *j);
	imagefile *img = calloc(1, sizeof *img);
	if (j == NULL || img == NULL) {
		free(j);
		free(img);
		return fail(why, whysize, "out of memory");
	}
	j->why = why;
	j->whysize = whysize;
	bool keep = false;
	size_t kept = 0;
	bool ok = jpeg_run(j, data, len, img, &keep, &kept, max_pixels);
	free(j->row);
	if (ok && keep) {
		unsigned char *copy = malloc(kept);
		if (copy == NULL) {
			ok = false;
			fail(why, whysize, "out of memory");
		} else {
			memcpy(copy, data, kept);
			img->jpeg = copy;
			img->jpeg_len = kept;
		}
	} else if (ok) {
		img->pixels = j->pixels;
		j->pixels = NULL;
	}
	free(j->pixels);
	free(j);
	if (!ok) {
		free(img);
		return NULL;
	}
	return img;
}

/* ---- entry point ------------------------------------------------------------ */

imagefile *imagefile_decode(const void *data, size_t len, long long max_pixels,
                            char *why, size_t whysize)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	const unsigned char *p = data;
	if (whysize > 0)
		why[0] = '\0';
	if (len == 0)
		return fail(why, whysize, "empty file");
	/* Two bytes are enough to tell; a file cut shorter than its signature
	 * is then refused by the decoder as truncated. */
	if (len >= 2 && p[0] == 0xFF && p[1] == 0xD8)
		return jpeg_decode(p, len, max_pixels, why, whysize);
	if (len >= 2 && memcmp(p, png_sig, len < sizeof png_sig ? len : sizeof png_sig) == 0)
		return png_decode(p, len, max_pixels, why, whysize);
	return fail(why, whysize, "not a PNG or JPEG file");
}

/*
 * imagefile.h -- PNG and JPEG images decoded and checked in full, in memory,
 * before anything else sees them.
 *
 * libharu 2.3.0 cannot be trusted with an image file: libpng aborts the
 * process inside it on a PNG with bad data (no setjmp is set), it embeds a
 * truncated JPEG as is (the PDF is then corrupt), writes 16-bit PNGs corrupt
 * and fails on interlaced ones. So every image is decoded here, once, under
 * brief's own error handling, and the PDF backend is handed what it can embed
 * without reading any file: 8-bit pixels (plus an alpha plane) or, for a JPEG
 * that decoded cleanly and that PDF viewers read as is, its original bytes.
 *
 * Plain C: no Lua, no libharu. Uses libpng and libjpeg(-turbo).
 */
#ifndef BRIEF_IMAGEFILE_H
#define BRIEF_IMAGEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Pixels a decoded image may have (width * height) unless the caller says
 * otherwise: 50 million is a 8660 x 5773 photograph, 150 MB as RGB. */
#define IMAGEFILE_MAX_PIXELS_DEFAULT 50000000LL

typedef enum imagefile_format {
	IMAGEFILE_PNG,
	IMAGEFILE_JPEG
} imagefile_format;

/* A decoded, validated image. Read-only to callers; every pointer is owned
 * by the image. Exactly one of pixels and jpeg is set. */
typedef struct imagefile {
	imagefile_format format;    /* what the file was */
	int width, height;          /* pixels, each at least 1 */

	/* Decoded pixels, 8 bits per component, rows top to bottom, no padding:
	 * width * height * channels bytes; NULL when jpeg is set. PNG palettes
	 * are expanded, 16 bits scaled to 8, interlacing undone; CMYK and other
	 * JPEGs a PDF viewer might misread are converted to RGB. */
	const unsigned char *pixels;
	int channels;               /* 1 (gray) or 3 (RGB); also for jpeg */

	/* Opacity, width * height bytes (0 transparent, 255 opaque), for a PNG
	 * with an alpha channel or tRNS that is not opaque everywhere; else
	 * NULL. The PDF backend embeds it as a soft mask. */
	const unsigned char *alpha;

	/* The original JPEG bytes (up to its end-of-image marker), kept when
	 * the file is an 8-bit Huffman-coded (baseline or progressive) gray or
	 * YCbCr JPEG that decoded without a single warning: the PDF embeds them
	 * as they are (DCTDecode), far smaller than pixels. NULL otherwise. */
	const unsigned char *jpeg;
	size_t jpeg_len;
} imagefile;

/* Decodes the len bytes at data, a PNG or a JPEG file held in memory, all
 * of it: a file that fails anywhere, or whose JPEG decoder warns even once
 * ("Premature end of JPEG file", "Corrupt JPEG data"), is refused.
 *
 * max_pixels bounds width * height; it is checked from the header, before
 * any pixel memory is allocated (at most 2^31 - 1 per side, whatever it is).
 *
 * Returns a new image owned by the caller (free with imagefile_free()), or
 * NULL with a short reason in why (no trailing newline, cut to whysize):
 *   "empty file", "not a PNG or JPEG file",
 *   "truncated or malformed PNG file: <libpng's words>",
 *   "truncated or malformed JPEG file: <libjpeg's words>",
 *   "unsupported JPEG color space (2 components)",
 *   "image is 70000x70000 pixels, more than the limit of 50000000",
 *   "out of memory".
 * Never aborts, never reads outside data, never writes to stderr; calls
 * share no state. */
imagefile *imagefile_decode(const void *data, size_t len, long long max_pixels,
                            char *why, size_t whysize);

/* True when a and b would be embedded alike: same size, same kind, same
 * pixels and alpha, or same JPEG bytes. (The same file read twice.) */
bool imagefile_same(const imagefile *a, const imagefile *b);

/* Frees the image and everything it owns. NULL is accepted. */
void imagefile_free(imagefile *img);

#endif

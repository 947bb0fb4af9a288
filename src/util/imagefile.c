/*
 * imagefile.c -- header checks for PNG and JPEG files.
 */
#include "util/imagefile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Walks the JPEG markers of f (positioned after SOI) to the frame header
 * and checks it describes what libharu and PDF's DCTDecode take: baseline,
 * extended or progressive Huffman coding, 8 bits, 1, 3 or 4 components.
 * libharu itself accepts a file cut off before its frame header and writes
 * a broken image. Returns true, or false with a reason in why. */
static bool jpeg_ok(FILE *f, int *w, int *hgt, char *why, size_t whysize)
{
	for (;;) {
		int c = getc(f);
		if (c != 0xFF)
			break;
		int m = getc(f);
		if (m == 0xC0 || m == 0xC1 || m == 0xC2 || m == 0xC9) {
			unsigned char h[8];     /* length, precision, height, width, comps */
			if (fread(h, 1, sizeof h, f) != sizeof h)
				break;
			int height = h[3] << 8 | h[4], width = h[5] << 8 | h[6];
			if (h[2] != 8 || height == 0 || width == 0 ||
			    (h[7] != 1 && h[7] != 3 && h[7] != 4)) {
				snprintf(why, whysize, "unsupported JPEG format (%d-bit, "
				         "%d components, %dx%d)", h[2], h[7], width, height);
				return false;
			}
			*w = width;
			*hgt = height;
			return true;
		}
		if (m >= 0xC3 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			snprintf(why, whysize, "unsupported JPEG format (lossless or "
			         "arithmetic coding)");
			return false;
		}
		if (m == EOF || m == 0xD9 || m == 0xDA)
			break;          /* image data or end before any frame header */
		int hi = getc(f), lo = getc(f);
		if (hi == EOF || lo == EOF || (hi << 8 | lo) < 2 ||
		    fseek(f, (hi << 8 | lo) - 2, SEEK_CUR) != 0)
			break;
	}
	snprintf(why, whysize, "truncated or malformed JPEG file");
	return false;
}

imagefile_kind imagefile_probe(const char *path, int *width, int *height, char *why,
                               size_t whysize)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	unsigned char h[29];
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(why, whysize, "%s", strerror(errno));
		return IMAGEFILE_BAD;
	}
	imagefile_kind type = IMAGEFILE_BAD;
	int w = 0, hgt = 0;
	size_t n = fread(h, 1, 2, f);
	if (n == 2 && h[0] == 0xFF && h[1] == 0xD8) {
		if (jpeg_ok(f, &w, &hgt, why, whysize))
			type = IMAGEFILE_JPEG;
	} else if (n == 2 && h[0] == png[0] && h[1] == png[1]) {
		n += fread(h + 2, 1, sizeof h - 2, f);
		/* IHDR comes first: bit depth at byte 24, interlace at 28. */
		if (n < sizeof h || memcmp(h, png, 8) != 0 || memcmp(h + 12, "IHDR", 4) != 0)
			snprintf(why, whysize, "truncated or malformed PNG file");
		else if (h[24] > 8)
			snprintf(why, whysize, "%d-bit PNG images are not supported "
			         "(save it with 8 bits per channel)", h[24]);
		else if (h[28] != 0)
			snprintf(why, whysize, "interlaced PNG images are not supported");
		else if ((w = (int)(h[16] << 24 | h[17] << 16 | h[18] << 8 | h[19])) <= 0 ||
		         (hgt = (int)(h[20] << 24 | h[21] << 16 | h[22] << 8 | h[23])) <= 0)
			snprintf(why, whysize, "PNG file has no size");
		else
			type = IMAGEFILE_PNG;
	} else {
		snprintf(why, whysize, "not a PNG or JPEG file");
	}
	fclose(f);
	if (width)
		*width = w;
	if (height)
		*height = hgt;
	return type;
}

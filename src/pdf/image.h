/*
 * image.h -- checks image files before libharu reads them.
 *
 * libharu 2.3.0's JPEG loader returns NULL for non-JPEG data without
 * reporting an error (using that NULL crashes), accepts a JPEG cut off before
 * its frame header, writes 16-bit PNGs corrupt and fails on interlaced ones.
 * The PDF backend therefore reads the header of each image file first.
 * Part of the PDF backend; plain C, no libharu.
 */
#ifndef BRIEF_PDF_IMAGE_H
#define BRIEF_PDF_IMAGE_H

#include <stddef.h>

typedef enum pdf_image_kind {
	PDF_IMAGE_BAD,          /* unreadable or unsupported: see the reason */
	PDF_IMAGE_PNG,          /* 8-bit (or less), not interlaced */
	PDF_IMAGE_JPEG          /* Huffman-coded, 8-bit, 1, 3 or 4 components */
} pdf_image_kind;

/* Reads the header of the file at path and says which libharu loader can
 * take it. For PDF_IMAGE_BAD, why holds a short lower-case reason (the
 * system's for a file that cannot be opened, e.g. "No such file or
 * directory"; else "not a PNG or JPEG file", "interlaced PNG images are not
 * supported", ...), NUL-terminated, no trailing newline. */
pdf_image_kind pdf_image_check(const char *path, char *why, size_t whysize);

#endif

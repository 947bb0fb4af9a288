/*
 * imagefile.h -- what kind of image a file is, and its size, from its header.
 *
 * libharu 2.3.0's JPEG loader returns NULL for non-JPEG data without
 * reporting an error (using that NULL crashes), accepts a JPEG cut off before
 * its frame header, writes 16-bit PNGs corrupt and fails on interlaced ones
 * (NOTES.md). So every image is read here first: when a script adds it, and
 * again by the PDF backend before libharu sees it.
 */
#ifndef BRIEF_IMAGEFILE_H
#define BRIEF_IMAGEFILE_H

#include <stddef.h>

typedef enum imagefile_kind {
	IMAGEFILE_BAD,          /* unreadable or unsupported: see the reason */
	IMAGEFILE_PNG,          /* 8-bit (or less), not interlaced */
	IMAGEFILE_JPEG          /* Huffman-coded, 8-bit, 1, 3 or 4 components */
} imagefile_kind;

/* Reads the header of the file at path. For a supported image returns its
 * kind and stores its size in pixels (either pointer may be NULL). For
 * IMAGEFILE_BAD, why holds a short reason: the system's for a file that
 * cannot be opened ("No such file or directory"), else "not a PNG or JPEG
 * file", "interlaced PNG images are not supported", ... */
imagefile_kind imagefile_probe(const char *path, int *width, int *height, char *why,
                               size_t whysize);

#endif

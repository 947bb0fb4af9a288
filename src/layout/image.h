/*
 * image.h -- checking PNG and JPEG files before libharu sees them.
 *
 * libharu 2.3.0 writes 16-bit PNGs corrupt, fails on interlaced ones and
 * crashes on a NULL from its JPEG loader (NOTES.md); so every image is
 * checked here, by its header, when the script adds it.
 */
#ifndef BRIEF_IMAGE_H
#define BRIEF_IMAGE_H

#include <stddef.h>

/* Reads the header of the file at path. Returns 0 and its size in pixels,
 * or -1 with a message ("not a PNG or JPEG file", "16-bit PNG is not
 * supported", ...) in err. */
int image_probe(const char *path, int *width, int *height, char *err, size_t errsize);

#endif

/*
 * common.c -- what the fuzz targets share (common.h).
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/fonts.h"
#include "util/utf8.h"

unsigned fuzz_byte(fuzz_input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

unsigned fuzz_pick(fuzz_input *in, unsigned n)
{
	return fuzz_byte(in) % n;
}

size_t fuzz_until(fuzz_input *in, uint8_t stop, size_t max, const uint8_t **out)
{
	size_t k = 0;
	*out = in->p;
	while (k < in->n && k < max && in->p[k] != stop)
		k++;
	size_t used = k < in->n && in->p[k] == stop ? k + 1 : k;
	in->p += used;
	in->n -= used;
	return k;
}

char *fuzz_utf8(const uint8_t *p, size_t n)
{
	char *s = malloc(n * 3 + 1);        /* a byte becomes at most U+FFFD */
	if (!s)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode((const char *)p + i, n - i, &cp);
		if (cp == 0)
			s[k++] = ' ';
		else if (cp == UTF8_REPLACEMENT)
			k += utf8_encode(cp, s + k);
		else {
			memcpy(s + k, p + i, len);
			k += len;
		}
		i += len;
	}
	s[k] = '\0';
	return s;
}

lay_fonts *fuzz_fonts(void)
{
	static lay_fonts *fonts;
	if (!fonts) {
		char err[512];
		if (!(fonts = fonts_open(err, sizeof err))) {
			fprintf(stderr, "fuzz: fonts_open: %s\n", err);
			abort();
		}
	}
	return fonts;
}

/*
 * fuzz_image.c -- libFuzzer target for the image decoder (util/imagefile.h):
 * whatever the bytes, imagefile_decode() returns an image or a reason, and
 * never crashes, aborts, leaks or reads outside its input.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE \
 *         -Isrc tests/fuzz/fuzz_image.c src/util/imagefile.c -lpng -ljpeg
 *   ./a.out -max_total_time=60 tests/fuzz/corpus/image
 *
 * The pixel limit is small so that a header claiming a large image is
 * refused before allocation, as brief does with its own limit; the
 * decoding paths are the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/imagefile.h"

#define FUZZ_MAX_PIXELS 4000000LL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	imagefile *img = imagefile_decode(data, size, FUZZ_MAX_PIXELS, why, sizeof why);
	if (img == NULL) {
		if (why[0] == '\0')
			abort();                    /* refused without a reason */
		return 0;
	}
	/* touch what the PDF backend would read */
	size_t n = (size_t)img->width * (size_t)img->height;
	unsigned sum = 0;
	if (img->pixels != NULL)
		sum += img->pixels[0] + img->pixels[n * (size_t)img->channels - 1];
	if (img->alpha != NULL)
		sum += img->alpha[0] + img->alpha[n - 1];
	if (img->jpeg != NULL)
		sum += img->jpeg[0] + img->jpeg[img->jpeg_len - 1];
	if ((img->pixels == NULL) == (img->jpeg == NULL) || img->width < 1 || img->height < 1 ||
	    (img->channels != 1 && img->channels != 3) || sum == (unsigned)-1)
		abort();
	imagefile_free(img);
	return 0;
}

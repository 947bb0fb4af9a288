/*
 * subset.c -- TrueType subsetting with hb-subset for the PDF backend.
 *
 * What libharu 2.3.0 needs from the subset, and why each choice is made:
 * - a (3,1) format 4 cmap and a name table with the PostScript name (ID 6)
 *   and subfamily (ID 2) for Windows/US English: hb-subset keeps name IDs
 *   0..6 in language 0x0409 and writes a format 4 cmap for BMP code points
 *   by default;
 * - the same advance widths: hmtx is subset, never recomputed;
 * - no hinting: fpgm, prep and cvt are dropped (libharu writes them as empty
 *   tables) and glyph instructions stripped, which halves a CJK subset;
 * - no layout tables: libharu embeds only its 13 fixed tables, and dropping
 *   GSUB keeps hb-subset from pulling in ligature and variant glyphs nobody
 *   draws (brief positions characters, it does not shape).
 */
#include "pdf/subset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>

/* Tables libharu never embeds and that would only grow the subset. */
static const hb_tag_t dropped_tables[] = {
	HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
	HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
	HB_TAG('J', 'S', 'T', 'F'), HB_TAG('k', 'e', 'r', 'n'),
	HB_TAG('m', 'o', 'r', 'x'), HB_TAG('D', 'S', 'I', 'G'),
	HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'),
	HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
	HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
	HB_TAG('V', 'O', 'R', 'G'), HB_TAG('m', 'e', 't', 'a'),
};

/* Writes len bytes of data to the open descriptor fd; returns 0, or -1 with
 * errno set. Retries short writes. */
static int pdf_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Opens font_path as a HarfBuzz face. Returns a new face owned by the caller
 * (hb_face_destroy), or NULL with a message in err: the system's reason when
 * the file cannot be opened, "not a font" when it holds no glyphs. */
static hb_face_t *pdf_open_face(const char *font_path, char *err, size_t errsize)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(font_path);
	if (blob == NULL) {
		/* HarfBuzz gives no reason; ask the system for one. */
		FILE *f = fopen(font_path, "rb");
		if (f == NULL) {
			snprintf(err, errsize, "cannot read font %s: %s", font_path,
			         strerror(errno));
		} else {
			fclose(f);
			snprintf(err, errsize, "cannot read font %s", font_path);
		}
		return NULL;
	}
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		snprintf(err, errsize, "cannot read font %s: not a TrueType font file",
		         font_path);
		return NULL;
	}
	return face;
}

/* Builds the hb-subset request for cps. Returns a new input owned by the
 * caller (hb_subset_input_destroy), or NULL when out of memory. */
static hb_subset_input_t *pdf_subset_input(const uint32_t *cps, size_t ncps)
{
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	if (input == NULL)
		return NULL;
	hb_set_t *unicodes = hb_subset_input_unicode_set(input);
	for (size_t i = 0; i < ncps; i++)
		hb_set_add(unicodes, cps[i]);
	hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof dropped_tables / sizeof dropped_tables[0]; i++)
		hb_set_add(drop, dropped_tables[i]);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
	if (hb_set_allocation_successful(unicodes) == 0 ||
	    hb_set_allocation_successful(drop) == 0) {
		hb_subset_input_destroy(input);
		return NULL;
	}
	return input;
}

/* Checks that the subset maps every one of cps. Returns 0, or -1 with a
 * message naming the first code point missing. */
static int pdf_check_coverage(hb_face_t *subset, const uint32_t *cps, size_t ncps,
                              const char *font_path, char *err, size_t errsize)
{
	hb_set_t *have = hb_set_create();
	hb_face_collect_unicodes(subset, have);
	int rc = 0;
	for (size_t i = 0; i < ncps; i++) {
		if (!hb_set_has(have, cps[i])) {
			snprintf(err, errsize, "font %s has no glyph for U+%04X",
			         font_path, (unsigned)cps[i]);
			rc = -1;
			break;
		}
	}
	hb_set_destroy(have);
	return rc;
}

/* Writes the font blob to a new temporary file in tmpdir and stores its name
 * in out_path. Returns 0, or -1 with a message (and no file left). */
static int pdf_save_blob(hb_blob_t *blob, const char *tmpdir, char *out_path,
                         size_t out_size, const char *font_path,
                         char *err, size_t errsize)
{
	int n = snprintf(out_path, out_size, "%s/brief-font-XXXXXX", tmpdir);
	if (n < 0 || (size_t)n >= out_size) {
		snprintf(err, errsize, "subset of font %s: temporary directory name "
		         "too long", font_path);
		return -1;
	}
	int fd = mkstemp(out_path);
	if (fd < 0) {
		snprintf(err, errsize, "subset of font %s: cannot create a file in "
		         "%s: %s", font_path, tmpdir, strerror(errno));
		return -1;
	}
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	int rc = pdf_write_all(fd, data, len);
	int e = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(out_path);
		snprintf(err, errsize, "subset of font %s: cannot write %s: %s",
		         font_path, out_path, strerror(e));
		return -1;
	}
	return 0;
}

int pdf_subset_font(const char *font_path, const uint32_t *cps, size_t ncps,
                    const char *tmpdir, char *out_path, size_t out_size,
                    char *err, size_t errsize)
{
	hb_face_t *face = pdf_open_face(font_path, err, errsize);
	if (face == NULL)
		return -1;

	int rc = -1;
	hb_face_t *subset = NULL;
	hb_blob_t *blob = NULL;
	hb_subset_input_t *input = pdf_subset_input(cps, ncps);
	if (input == NULL) {
		snprintf(err, errsize, "subset of font %s: out of memory", font_path);
		goto done;
	}
	subset = hb_subset_or_fail(face, input);
	if (subset == NULL) {
		snprintf(err, errsize, "cannot subset font %s: HarfBuzz rejected it",
		         font_path);
		goto done;
	}
	if (pdf_check_coverage(subset, cps, ncps, font_path, err, errsize) != 0)
		goto done;
	blob = hb_face_reference_blob(subset);
	if (hb_blob_get_length(blob) == 0) {
		snprintf(err, errsize, "cannot subset font %s: empty result", font_path);
		goto done;
	}
	rc = pdf_save_blob(blob, tmpdir, out_path, out_size, font_path, err, errsize);
done:
	hb_blob_destroy(blob);
	hb_face_destroy(subset);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	return rc;
}

/*
 * subset.c -- TrueType subsetting with hb-subset for the PDF backend.
 *
 * What the embedded font needs from the subset (embed.c writes the PDF
 * font objects itself), and why each choice is made:
 * - a cmap for the code points, to find each one's glyph in the subset
 *   (embed.c then replaces it with the map its one-byte font needs), and
 *   the PostScript name (name ID 6) for /BaseFont;
 * - the same advance widths: hmtx is subset, never recomputed;
 * - no hinting: fpgm, prep and cvt are dropped and glyph instructions
 *   stripped, which halves a CJK subset;
 * - no layout tables: a PDF font uses none, and dropping GSUB keeps
 *   hb-subset from pulling in ligature and variant glyphs nobody draws
 *   (brief positions characters, it does not shape).
 */
#include "pdf/subset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>

/* Tables a PDF font never uses and that would only grow the subset. */
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

hb_face_t *pdf_subset_face(const char *font_path, const uint32_t *cps, size_t ncps,
                          char *err, size_t errsize)
{
	hb_face_t *face = pdf_open_face(font_path, err, errsize);
	if (face == NULL)
		return NULL;
	hb_face_t *subset = NULL;
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
	if (pdf_check_coverage(subset, cps, ncps, font_path, err, errsize) != 0) {
		hb_face_destroy(subset);
		subset = NULL;
	} else {
		/* hb-subset returns a face being built, which cannot list its
		 * tables (HarfBuzz 6): the caller gets the serialized font */
		hb_blob_t *blob = hb_face_reference_blob(subset);
		hb_face_destroy(subset);
		subset = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
	}
done:
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	return subset;
}

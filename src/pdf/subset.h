/*
 * subset.h -- cuts a TrueType font down to the characters a document uses.
 *
 * The PDF backend embeds each face as a subset made with hb-subset, in
 * memory. Part of the PDF backend; nothing outside src/pdf/ uses it.
 */
#ifndef BRIEF_PDF_SUBSET_H
#define BRIEF_PDF_SUBSET_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

/* Subsets the TrueType font at font_path to the glyphs of the ncps code
 * points cps (any order, duplicates allowed), with the same glyph widths,
 * no hinting and no layout tables. Returns a new face owned by the caller
 * (hb_face_destroy), or NULL with a one-line message in err (naming
 * font_path, no trailing newline) when the font cannot be read or subset,
 * or when it has no glyph for one of cps (it would draw .notdef silently). */
hb_face_t *pdf_subset_face(const char *font_path, const uint32_t *cps, size_t ncps,
                          char *err, size_t errsize);

#endif

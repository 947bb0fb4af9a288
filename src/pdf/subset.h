/*
 * subset.h -- cuts a TrueType font down to the characters a document uses.
 *
 * libharu embeds every table of a TrueType font but the glyph outlines in
 * full, and version 2.3.0 reads fonts only from files, so the PDF backend
 * subsets each face with hb-subset first and hands libharu the subset file.
 * Part of the PDF backend; nothing outside src/pdf/ uses it.
 */
#ifndef BRIEF_PDF_SUBSET_H
#define BRIEF_PDF_SUBSET_H

#include <stddef.h>
#include <stdint.h>

/* Writes a subset of the TrueType font at font_path holding the glyphs of the
 * ncps code points cps (any order, duplicates allowed), with the same glyph
 * widths, no hinting and no layout tables, to a new file in tmpdir. Stores
 * that file's path in out_path and returns 0; the caller owns the file and
 * removes it when done. Returns -1 with a one-line message in err (naming
 * font_path, no trailing newline) when the font cannot be read or subset,
 * when it has no glyph for one of cps (libharu would draw .notdef silently),
 * or when the file cannot be written; no file is left behind then. */
int pdf_subset_font(const char *font_path, const uint32_t *cps, size_t ncps,
                    const char *tmpdir, char *out_path, size_t out_size,
                    char *err, size_t errsize);

#endif

/*
 * fonts.h -- the faces brief typesets with: Liberation Sans and Serif for
 * Latin (regular, bold, italic, bold italic), NanumGothic for Hangul, chosen
 * per character by glyph coverage. Metrics come from HarfBuzz and are
 * rounded as libharu writes its /W array (floor(advance * 1000 / upem)), so
 * measured widths are the widths viewers use.
 */
#ifndef BRIEF_FONTS_H
#define BRIEF_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc/document.h"
#include "doc/style.h"
#include "layout/page.h"

typedef struct lay_fonts lay_fonts;

/* Face ids: family * 4 + style (DOC_BOLD | DOC_ITALIC), then the fallbacks. */
enum {
	FONT_HANGUL = DOC_NFAMILIES * 4,        /* NanumGothic */
	FONT_HANGUL_BOLD,                       /* NanumGothicBold */
	FONT_NFACES
};

/* Finds the font files (in /usr/share/fonts/truetype/..., or in the folder
 * named by $BRIEF_FONTS) and returns a new font set owned by the caller; free
 * with fonts_free(). Faces are opened lazily, on first use. NULL with a
 * message naming the missing file and its package when one is absent. */
lay_fonts *fonts_open(char *err, size_t errsize);

void fonts_free(lay_fonts *f);

/* The file of a face (0 <= face < FONT_NFACES), valid while f lives: the
 * worker's confinement lets it read these. */
const char *fonts_path(const lay_fonts *f, int face);

/* The primary face of a family in an inline style (DOC_BOLD | DOC_ITALIC). */
int fonts_face(doc_family family, unsigned style);

/* The face that draws cp when the text asks for face `want`: want itself when
 * it has the glyph, else the Hangul face of the same weight, else -1 (no
 * configured font covers cp). Characters outside the BMP are never covered
 * (libharu cannot show them). */
int fonts_cover(lay_fonts *f, int want, uint32_t cp);

/* Whether face draws every printable ASCII character (U+0021..U+007E),
 * so that text of those needs no look-up per character. */
bool fonts_covers_ascii(lay_fonts *f, int face);

/* Advance width of cp in face, in thousandths of an em (as in /W). The face
 * must cover cp. */
int fonts_advance(lay_fonts *f, int face, uint32_t cp);

/* Shapes the UTF-8 run s[0..len) in face with HarfBuzz (kerning, and the
 * face's standard ligatures drawn as their components at the ligature's
 * width, since libharu addresses glyphs by code point), every code point of
 * it covered by face. Writes, when kern is not NULL, one adjustment per
 * code point (thousandths of an em added to its /W advance; what a text
 * item's kern holds) and returns the run's shaped width in thousandths of
 * an em: the sum of the /W advances and the adjustments. -1 when out of
 * memory. */
long fonts_shape(lay_fonts *f, int face, const char *s, size_t len, short *kern);

/* The faces as the display list names them; valid while f lives. */
const lay_face *fonts_faces(const lay_fonts *f, int *nfaces);

/* Parses a family name from a template ("sans", "serif"); -1 if unknown. */
int fonts_family_named(const char *name);

#endif

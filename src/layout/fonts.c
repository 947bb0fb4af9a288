/*
 * fonts.c -- font files, coverage and advance widths through HarfBuzz.
 *
 * Per face, a table of 65,536 advance widths (BMP only) is filled on first
 * use from the face's cmap and hmtx; a sentinel marks characters the face
 * lacks. Lookups after that are one array read.
 */
#include "layout/fonts.h"

#include <hb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/document.h"

#define UNKNOWN  0xFFFFu    /* not looked up yet */
#define MISSING  0xFFFEu    /* the face has no glyph */

static const struct face_file {
	const char *dir, *file, *package;
} face_files[FONT_NFACES] = {
	{"liberation2", "LiberationSans-Regular.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSans-Bold.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSans-Italic.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSans-BoldItalic.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSerif-Regular.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSerif-Bold.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSerif-Italic.ttf", "fonts-liberation2"},
	{"liberation2", "LiberationSerif-BoldItalic.ttf", "fonts-liberation2"},
	{"nanum", "NanumGothic.ttf", "fonts-nanum"},
	{"nanum", "NanumGothicBold.ttf", "fonts-nanum"},
};

typedef struct face_state {
	hb_font_t *font;        /* NULL until first use */
	unsigned upem;
	uint16_t *widths;       /* 65,536 entries */
} face_state;

struct lay_fonts {
	lay_face names[FONT_NFACES];
	char paths[FONT_NFACES][512];
	char labels[FONT_NFACES][64];
	face_state faces[FONT_NFACES];
};

lay_fonts *fonts_open(char *err, size_t errsize)
{
	lay_fonts *f = calloc(1, sizeof *f);
	if (!f) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	const char *dir = getenv("BRIEF_FONTS");
	for (int i = 0; i < FONT_NFACES; i++) {
		const struct face_file *ff = &face_files[i];
		if (dir && *dir)
			snprintf(f->paths[i], sizeof f->paths[i], "%s/%s", dir, ff->file);
		else
			snprintf(f->paths[i], sizeof f->paths[i], "/usr/share/fonts/truetype/%s/%s",
			         ff->dir, ff->file);
		if (access(f->paths[i], R_OK) != 0) {
			snprintf(err, errsize, "font %s not found (Debian package %s)", f->paths[i],
			         ff->package);
			free(f);
			return NULL;
		}
		snprintf(f->labels[i], sizeof f->labels[i], "%.*s", (int)(strlen(ff->file) - 4),
		         ff->file);
		f->names[i].path = f->paths[i];
		f->names[i].name = f->labels[i];
	}
	return f;
}

const char *fonts_path(const lay_fonts *f, int face)
{
	return f->paths[face];
}

void fonts_free(lay_fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < FONT_NFACES; i++) {
		hb_font_destroy(f->faces[i].font);
		free(f->faces[i].widths);
	}
	free(f);
}

/* Opens face i on first use. A face that cannot be read (a corrupt file)
 * behaves as a face without glyphs, so its text falls back or is reported. */
static face_state *get_face(lay_fonts *f, int i)
{
	face_state *fc = &f->faces[i];
	if (fc->widths)
		return fc;
	fc->widths = malloc(65536 * sizeof *fc->widths);
	if (!fc->widths)
		return NULL;
	memset(fc->widths, 0xFF, 65536 * sizeof *fc->widths);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->paths[i]);
	if (blob) {
		hb_face_t *hf = hb_face_create(blob, 0);
		fc->upem = hb_face_get_upem(hf);
		fc->font = hb_font_create(hf);
		hb_font_set_scale(fc->font, (int)fc->upem, (int)fc->upem);
		hb_face_destroy(hf);
		hb_blob_destroy(blob);
	}
	return fc;
}

static unsigned width_of(lay_fonts *f, int i, uint32_t cp)
{
	if (cp > 0xFFFF)
		return MISSING;
	face_state *fc = get_face(f, i);
	if (!fc)
		return MISSING;
	uint16_t w = fc->widths[cp];
	if (w != UNKNOWN)
		return w;
	hb_codepoint_t gid;
	if (!fc->font || fc->upem == 0 || !hb_font_get_nominal_glyph(fc->font, cp, &gid) ||
	    gid == 0) {
		w = MISSING;
	} else {
		long adv = hb_font_get_glyph_h_advance(fc->font, gid);
		long k = adv * 1000 / (long)fc->upem;   /* floor, as libharu */
		w = (uint16_t)(k < 0 ? 0 : k > 0xFFFD ? 0xFFFD : k);
	}
	fc->widths[cp] = w;
	return w;
}

int fonts_face(doc_family family, unsigned style)
{
	return (int)family * 4 + (int)(style & (DOC_BOLD | DOC_ITALIC));
}

int fonts_cover(lay_fonts *f, int want, uint32_t cp)
{
	if (width_of(f, want, cp) != MISSING)
		return want;
	bool bold = want < FONT_HANGUL ? (want & DOC_BOLD) != 0 : want == FONT_HANGUL_BOLD;
	int fb = bold ? FONT_HANGUL_BOLD : FONT_HANGUL;
	if (fb != want && width_of(f, fb, cp) != MISSING)
		return fb;
	return -1;
}

int fonts_advance(lay_fonts *f, int face, uint32_t cp)
{
	unsigned w = width_of(f, face, cp);
	return w == MISSING ? 0 : (int)w;
}

const lay_face *fonts_faces(const lay_fonts *f, int *nfaces)
{
	*nfaces = FONT_NFACES;
	return f->names;
}

int fonts_family_named(const char *name)
{
	if (strcmp(name, "sans") == 0)
		return DOC_SANS;
	if (strcmp(name, "serif") == 0)
		return DOC_SERIF;
	return -1;
}

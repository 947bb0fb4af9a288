/*
 * internal.h -- the state of one pdf_write() call, shared by the files of
 * src/pdf/ and by nothing else: pdf.c draws pages, embed.c embeds fonts.
 */
#ifndef BRIEF_PDF_INTERNAL_H
#define BRIEF_PDF_INTERNAL_H

#include <hpdf.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout/page.h"

/* libharu reads at most this many bytes of a string (HPDF_LIMIT_MAX_STRING_LEN
 * is 65535); longer runs are shown in pieces. */
#define PDF_MAX_RUN 60000

/* One face of lay_doc.faces as the PDF sees it. Faces with the same file
 * share one embedded font: the first of them (the owner) holds the code
 * point set and the font; the others point at it. */
typedef struct pdf_face {
	int owner;              /* index of the face that loads this file */
	uint64_t *used;         /* owner only: bitmap of BMP code points, or NULL */
	HPDF_Font font;         /* owner only, once loaded */
	const char *psname;     /* owner only: name libharu registered */
	char tmp[PATH_MAX];     /* owner only: subset file, "" when none */
} pdf_face;

/* A decoded image and the XObject made of it. */
typedef struct pdf_image {
	const imagefile *src;
	HPDF_Image image;
} pdf_image;

/* What the current page's content stream has set, to skip repeats. PDF
 * starts every page with black fill and stroke, width 1, solid lines,
 * miter joins and no font. */
typedef struct pdf_pen {
	lay_color fill, stroke;
	float width;
	int dash;               /* 0 solid, 1 dashed, 2 dotted */
	bool round_join;
	HPDF_Font font;
	float size;
	bool in_text;           /* between BeginText and EndText */
	float slant;            /* the shear of the text matrix (0 after BT) */
	bool invisible;         /* text render mode 3 (kept across BT/ET) */
} pdf_pen;

typedef struct pdf_ctx {
	const lay_doc *doc;
	const char *tmpdir;
	HPDF_Doc pdf;
	HPDF_STATUS code, detail;   /* first error libharu reported, 0 if none */
	char *err;
	size_t errsize;
	bool failed;                /* err holds a message */

	pdf_face *faces;            /* doc->nfaces */
	HPDF_Page *pages;           /* doc->npages */
	pdf_image *images;
	int nimages, capimages;
	char *run;                  /* scratch: a text run NUL-terminated, or the
	                               operators that show it */
	size_t caprun;
} pdf_ctx;

/* Stores "PDF: " and the formatted text in c->err, unless a message is
 * already there (the first failure is the one to report). Returns -1. */
__attribute__((format(printf, 2, 3)))
int pdf_fail(pdf_ctx *c, const char *fmt, ...);

/* True when libharu has failed: it reported an error, or st is not OK. */
bool pdf_bad(const pdf_ctx *c, HPDF_STATUS st);

/* Reports the libharu failure while doing what: "PDF: <what>: <text for the
 * code>". Returns -1. */
__attribute__((format(printf, 3, 4)))
int pdf_fail_lib(pdf_ctx *c, HPDF_STATUS st, const char *fmt, ...);

/* ---- embed.c ---- */

/* Decodes the code point at s[*i..len) as libharu's UTF-8 encoder does
 * (1 to 3 bytes, the BMP) and advances *i; -1 (and *i unchanged) for a
 * byte sequence it would not read as a BMP character. */
long pdf_next_cp(const unsigned char *s, int len, int *i);

/* Embeds every face some text uses, subset to the code points it shows, in
 * face order (so the output depends on nothing but the input); unused faces
 * are not embedded. Returns 0 or -1 (with c->err set). */
int pdf_load_fonts(pdf_ctx *c);

/* The embedded font that draws face f. */
HPDF_Font pdf_font_of(const pdf_ctx *c, int f);

#endif

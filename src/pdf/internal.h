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

/* Text runs are written in pieces of at most this many bytes of UTF-8, so
 * that no string in a content stream grows past what readers are sure to
 * take (PDF 32000-1, annex C: 32,767 bytes; a piece becomes at most 2
 * bytes per code). */
#define PDF_MAX_RUN 16000

/* One face of lay_doc.faces as the PDF sees it. Faces with the same file
 * share one embedded font: the first of them (the owner) holds the counts
 * and the fonts; the others point at it.
 *
 * Each owner that draws text is embedded once, as a subset, and shown
 * through up to two PDF fonts over that one font file: a simple TrueType
 * font with one-byte codes for the (at most 255) code points the document
 * draws most, and a Type0 CID font with two-byte codes for the rest. Codes
 * and CIDs are brief's own numbering (embed.c), so the text of a content
 * stream is not Unicode: the ToUnicode map of each font gives it back. */
typedef struct pdf_face {
	int owner;              /* index of the face that embeds this file */
	uint32_t *count;        /* owner only: how often each BMP code point is
	                           drawn, or NULL when no text uses the face */
	uint8_t *code;          /* owner only: one-byte code of each code point,
	                           0 when it has none */
	uint16_t *cid;          /* owner only: CID of each code point drawn, 0
	                           when it is not drawn */
	HPDF_Dict simple;       /* owner only: the one-byte font, or NULL */
	HPDF_Dict type0;        /* owner only: the CID font, or NULL when every
	                           code point has a one-byte code */
	char simple_name[12];   /* their names in the resources: "F1" */
	char type0_name[12];
} pdf_face;

/* A decoded image and the XObject made of it. */
typedef struct pdf_image {
	const imagefile *src;
	HPDF_Image image;
	char name[12];          /* its name in the resources: "Im1" */
} pdf_image;

/* What the current page's content stream has set, to skip repeats. PDF
 * starts every page with black fill and stroke, width 1, solid lines,
 * miter joins and no font. */
typedef struct pdf_pen {
	lay_color fill, stroke;
	float width;
	int dash;               /* 0 solid, 1 dashed, 2 dotted */
	bool round_join;
	HPDF_Dict font;         /* the font of the text block, NULL after BT */
	float size;
	bool in_text;           /* between BeginText and EndText */
	float slant;            /* the shear of the text matrix (0 after BT) */
	float line_x, line_y;   /* the start of the text line (0 0 after BT) */
	bool invisible;         /* text render mode 3 (kept across BT/ET) */
} pdf_pen;

typedef struct pdf_ctx {
	const lay_doc *doc;
	HPDF_Doc pdf;
	HPDF_STATUS code, detail;   /* first error libharu reported, 0 if none */
	char *err;
	size_t errsize;
	bool failed;                /* err holds a message */

	pdf_face *faces;            /* doc->nfaces */
	HPDF_Dict resources;        /* the one resource dictionary, inherited by
	                               every page from the page tree's root */
	HPDF_Dict fonts, xobjects;  /* its /Font and /XObject, NULL until used */
	int nnames;                 /* resource names given so far */
	HPDF_Page *pages;           /* doc->npages */
	pdf_image *images;
	int nimages, capimages;
	char *run;                  /* scratch: the operators that show a run */
	size_t caprun;
	uint32_t *cps;              /* scratch: the code points of a run */
	size_t capcps;
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

/* The owner of face f, which holds its fonts and codes (valid after
 * pdf_load_fonts). */
const pdf_face *pdf_face_of(const pdf_ctx *c, int f);

/* Adds obj to the shared resources under a new name ("F3" in /Font when
 * font, "Im3" in /XObject otherwise), stored in name (12 bytes). Returns
 * HPDF_OK or libharu's status. */
HPDF_STATUS pdf_add_resource(pdf_ctx *c, void *obj, bool font, char name[12]);

#endif

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
#include "pdf/pdf.h"

/* Text runs are written in pieces of at most this many bytes of UTF-8, so
 * that no string in a content stream grows past what readers are sure to
 * take (PDF 32000-1, annex C: 32,767 bytes; a piece becomes at most 2
 * bytes per code). */
#define PDF_MAX_RUN 16000

/* One face of lay_doc.faces as the PDF sees it. Faces with the same file
 * share one embedded font: the first of them (the owner) holds the codes
 * and the fonts; the others point at it.
 *
 * Each owner that draws text is shown through up to two PDF fonts over one
 * font file: a simple TrueType font with one-byte codes for the first 255
 * code points it draws, and a Type0 CID font with two-byte codes for the
 * others (and for a short stretch of one-byte text amid them). Codes are
 * given as characters first appear, so pages are drawn as they come; the
 * font file, widths and ToUnicode maps are made at the end (embed.c), when
 * every character is known. Codes and CIDs are brief's own numbering, so
 * the text of a content stream is not Unicode: the ToUnicode map of each
 * font gives it back. */
typedef struct pdf_face {
	int owner;              /* index of the face that embeds this file */
	/* the rest: owner only */
	uint8_t *code;          /* one-byte code of each BMP code point, 0 when it
	                           has none; NULL until the face draws text */
	uint16_t *cid;          /* CID of each code point, 0 when it has none */
	bool taken[256];        /* codes given (code 0 never is) */
	uint32_t code_cp[256];  /* the code point of each code given */
	int ncodes;
	unsigned next;          /* where the search for a free code starts */
	uint32_t *cid_cp;       /* the code point of CID i + 1 */
	int ncids, capcids;
	HPDF_Dict simple;       /* the one-byte font, or NULL */
	HPDF_Dict type0;        /* the CID font, or NULL */
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
	HPDF_Dict font;         /* the font set by the last Tf, NULL before one */
	float size;
	bool in_text;           /* between BeginText and EndText */
	float slant;            /* the shear of the text matrix (0 after BT) */
	float line_x, line_y;   /* the start of the text line as written (0 0
	                           after BT) */
	bool invisible;         /* text render mode 3 (kept across BT/ET) */
} pdf_pen;

/* A page's content, compressed when the page was drawn (deflate.c). */
typedef struct pdf_packed {
	unsigned char *bytes;   /* raw deflate blocks ending in a sync flush; len */
	size_t len;
	size_t raw_len;         /* the bytes of content they hold */
	unsigned long adler;    /* the Adler-32 of that content */
	bool sealed;            /* the page's stream holds the whole zlib stream */
} pdf_packed;

/* An internal link whose target page was not added yet: made at the end. */
typedef struct pdf_link {
	int page, item;         /* where it is (0-based page, 1-based item) */
	HPDF_Rect rect;
	int target;             /* 0-based page */
	float top;
} pdf_link;

typedef struct pdf_ctx {
	const lay_doc *doc;         /* its pages so far; final at pdf_close */
	HPDF_Doc pdf;
	HPDF_STATUS code, detail;   /* first error libharu reported, 0 if none */
	char *err;
	size_t errsize;
	bool failed;                /* err holds a message */
	bool growing;               /* pages still to come: links may point ahead */

	pdf_face *faces;            /* nfaces: doc->nfaces at the first page */
	int nfaces;
	HPDF_Dict resources;        /* the one resource dictionary, inherited by
	                               every page from the page tree's root */
	HPDF_Dict fonts, xobjects;  /* its /Font and /XObject, NULL until used */
	int nnames;                 /* resource names given so far */
	HPDF_Page *pages;           /* the pages added so far */
	pdf_pen *pens;              /* the state each page's content ends in */
	pdf_packed *packed;         /* each page's compressed content */
	struct z_stream_s *zs;      /* the one deflate state, NULL until used */
	int npages, cappages;
	pdf_link *links;            /* links to pages not added when drawn */
	int nlinks, caplinks;
	pdf_image *images;
	int nimages, capimages;
	char *run;                  /* scratch: the operators that show a run */
	size_t caprun;
	uint32_t *cps;              /* scratch: the code points of a run */
	size_t capcps;
} pdf_ctx;

/* pdf.h's writer: the state and the first failure's message. */
struct pdf_writer {
	pdf_ctx c;
	char message[512];
};

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

/* ---- ops.c: the content operators brief writes ---- */

/* Writes v at w with at most decimals (0, 2 or 3) decimals, rounded, no
 * trailing zeros ("12.5", "-3", "0.851"); returns the end. |v| <= 1e7. */
char *pdf_fixed(char *w, float v, int decimals);

/* pdf_fixed(w, v, 2): how positions and sizes are written. */
char *pdf_num(char *w, float v);

/* The value pdf_num writes for v: what a reader sees. */
float pdf_num_value(float v);

/* Writes s[0..end) to out. */
HPDF_STATUS pdf_put(HPDF_Stream out, const char *s, const char *end);

/* Sets the fill colour (components clamped to 0..1) unless pen has it. */
HPDF_STATUS pdf_op_fill(HPDF_Stream out, pdf_pen *pen, lay_color col);

/* Sets what a stroke uses, each unless pen has it: colour, width
 * (negative or NaN: 0, the thinnest line a device draws), dashing (0 solid,
 * 1 dashed, 2 dotted) and round or miter joins. */
HPDF_STATUS pdf_op_stroke(HPDF_Stream out, pdf_pen *pen, lay_color col, float width,
                          int dash, bool round_join);

/* A rectangle painted by paint ("f", "S" or "B"). */
HPDF_STATUS pdf_op_rect(HPDF_Stream out, float x, float y, float width, float height,
                        const char *paint);

/* A stroked open path through npoints (x, y) pairs, npoints >= 2. */
HPDF_STATUS pdf_op_path(HPDF_Stream out, const float *xy, int npoints);

/* A filled circle of radius r around (x, y). */
HPDF_STATUS pdf_op_disc(HPDF_Stream out, float x, float y, float r);

/* BT, and the text state it starts from (no shear, line start 0 0; the
 * font and render mode stay: they belong to the graphics state). */
HPDF_STATUS pdf_op_begin_text(HPDF_Stream out, pdf_pen *pen);

/* ET when a text block is open. */
HPDF_STATUS pdf_op_end_text(HPDF_Stream out, pdf_pen *pen);

/* ---- deflate.c: page content compressed as pages end ---- */

/* Compresses what page p's content stream holds into c->packed[p] and
 * empties the stream, so that what is drawn later starts a part of its
 * own. Once per page. Returns 0 or -1 (c->err set). */
int pdf_pack_page(pdf_ctx *c, int p);

/* Compresses what page p's stream gained since pdf_pack_page and puts the
 * whole zlib stream into the page, marked /FlateDecode; the page takes
 * nothing more. Returns 0 or -1. */
int pdf_seal_page(pdf_ctx *c, int p);

/* A new stream object (an indirect dictionary) holding data[0..len)
 * compressed with the document's deflate state (no state of its own made
 * and cleared, as libharu does for each stream it compresses), marked
 * /FlateDecode. NULL when out of memory or libharu fails. */
HPDF_Dict pdf_new_deflated(pdf_ctx *c, const void *data, size_t len);

/* Frees the packed pages and the deflate state. */
void pdf_packs_free(pdf_ctx *c);

/* ---- embed.c ---- */

/* Decodes the code point at s[*i..len) as libharu's UTF-8 encoder does
 * (1 to 3 bytes, the BMP) and advances *i; -1 (and *i unchanged) for a
 * byte sequence it would not read as a BMP character. */
long pdf_next_cp(const unsigned char *s, int len, int *i);

/* Sets up c->faces (the owner of each face). Returns 0 or -1. */
int pdf_faces_init(pdf_ctx *c);

/* Gives each of cps[0..m) that has neither a one-byte code or a CID of
 * pf, making the font it needs on first use. Returns HPDF_OK or a status. */
HPDF_STATUS pdf_face_text(pdf_ctx *c, pdf_face *pf, const uint32_t *cps, size_t m);

/* Gives cp a CID of pf if it has none (it may have a one-byte code too).
 * Returns HPDF_OK or a status. */
HPDF_STATUS pdf_cid_of(pdf_ctx *c, pdf_face *pf, uint32_t cp);

/* Subsets every face that drew text to the code points it drew, in face
 * order (so the output depends on nothing but the input), and fills in
 * its fonts. Returns 0 or -1 (with c->err set). */
int pdf_finish_fonts(pdf_ctx *c);

/* The owner of face f, which holds its fonts and codes. */
pdf_face *pdf_face_of(const pdf_ctx *c, int f);

/* Adds obj to the shared resources under a new name ("F3" in /Font when
 * font, "Im3" in /XObject otherwise), stored in name (12 bytes). Returns
 * HPDF_OK or libharu's status. */
HPDF_STATUS pdf_add_resource(pdf_ctx *c, void *obj, bool font, char name[12]);

#endif

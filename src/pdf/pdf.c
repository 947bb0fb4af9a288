/*
 * pdf.c -- draws a lay_doc through libharu 2.3.0 and saves it.
 *
 * Pages come one at a time (pdf_page, as the layout finishes them; or all
 * of a laid-out document, pdf_write), and the order of work follows what
 * libharu 2.3.0 needs:
 *   1. at the first page, a document with compression on, the page size
 *      and one resource dictionary on the root of the page tree;
 *   2. each page added and drawn when it comes: items in order, with
 *      redundant color/width/font operators skipped and consecutive text
 *      items in one BT/ET block; kerned runs, marked-content spans and the
 *      like, which libharu 2.3.0 has no calls for, written into the page's
 *      content stream directly (its page and stream structures are
 *      exported, hpdf_pages.h and hpdf_streams.h). Characters get their
 *      font codes as they first appear (embed.c); an internal link to a
 *      page not added yet is kept for the end;
 *   3. the late items of a page (pdf_page_late: "Page 3 of 12", contents
 *      numbers) appended to its content stream, which libharu keeps in
 *      memory until it saves;
 *   4. at pdf_close: the kept links, the fonts (subset to the characters
 *      drawn and completed: libharu writes every object at save, so font
 *      dictionaries named on the first page can be filled in last), page
 *      labels and language, outline, info, save.
 *
 * Errors: libharu's handler only records the first code (never longjmps).
 * After each step the record is checked, and the message names what was
 * being done ("page 3, item 12 (text)") with the code put into words by
 * errors.c.
 */
#include "pdf/pdf.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_utils.h>

#include "pdf/errors.h"
#include "pdf/internal.h"
#include "util/escape.h"
#include "util/imagefile.h"
#include "util/utf8.h"

/* ---- errors ------------------------------------------------------------- */

/* libharu's error handler: records the first error and returns, so control
 * goes back to the call that failed (libharu then returns its error status).
 * Later errors are mostly 0x1025 "document in error state" and say less. */
static void pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	pdf_ctx *c = data;
	if (c->code == 0) {
		c->code = code;
		c->detail = detail;
	}
}

/* Stores "PDF: " and the formatted text in c->err, unless a message is
 * already there (the first failure is the one to report). Returns -1. */
__attribute__((format(printf, 2, 3)))
int pdf_fail(pdf_ctx *c, const char *fmt, ...)
{
	if (c->failed)
		return -1;
	c->failed = true;
	char *text = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&text, fmt, ap);
	va_end(ap);
	escape_format(c->err, c->errsize, "PDF: %s", n < 0 ? "out of memory" : text);
	free(text);
	return -1;
}

/* True when libharu has failed: it reported an error, or st (a status a
 * function returned, HPDF_OK when there is none) is not OK, since a few
 * functions fail without calling the handler. */
bool pdf_bad(const pdf_ctx *c, HPDF_STATUS st)
{
	return c->code != 0 || st != HPDF_OK;
}

/* Reports the libharu failure while doing what (formatted): "PDF: <what>:
 * <text for the code>". st is the returned status, used when the handler
 * was not called. Returns -1. */
__attribute__((format(printf, 3, 4)))
int pdf_fail_lib(pdf_ctx *c, HPDF_STATUS st, const char *fmt, ...)
{
	char what[512];
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (c->code != 0)
		pdf_error_text(c->code, c->detail, text, sizeof text);
	else if (st != HPDF_OK)
		pdf_error_text(st, 0, text, sizeof text);
	else
		snprintf(text, sizeof text, "libharu returned nothing");
	return pdf_fail(c, "%s: %s", what, text);
}

static const char *pdf_kind_name(lay_kind k)
{
	switch (k) {
	case LAY_TEXT: return "text";
	case LAY_RECT: return "rectangle";
	case LAY_LINE: return "line";
	case LAY_POLYLINE: return "polyline";
	case LAY_CIRCLE: return "circle";
	case LAY_LINK: return "link";
	case LAY_IMAGE: return "image";
	}
	return "unknown item";
}

/* ---- resources ---------------------------------------------------------- */

/* Adds obj to the shared resources under a new name ("F3" in /Font when
 * font, "Im3" in /XObject otherwise), stored in name. One dictionary on the
 * root of the page tree serves every page (pages inherit /Resources): a
 * page's own would repeat the same fonts on every page. The names are
 * given in the order of the calls, which follows the input. */
HPDF_STATUS pdf_add_resource(pdf_ctx *c, void *obj, bool font, char name[12])
{
	HPDF_Dict *sub = font ? &c->fonts : &c->xobjects;
	if (*sub == NULL) {
		*sub = HPDF_Dict_New(c->pdf->mmgr);
		if (*sub == NULL)
			return HPDF_FAILD_TO_ALLOC_MEM;
		HPDF_STATUS st = HPDF_Dict_Add(c->resources, font ? "Font" : "XObject", *sub);
		if (st != HPDF_OK)
			return st;
	}
	snprintf(name, 12, "%s%d", font ? "F" : "Im", ++c->nnames);
	return HPDF_Dict_Add(*sub, name, obj);
}

/* ---- images ------------------------------------------------------------- */

/* Embeds img as an image XObject, from memory: kept JPEG bytes as they are
 * (DCTDecode), else the 8-bit gray or RGB pixels (Flate-compressed like every
 * stream) with the alpha plane, if any, as a gray soft mask. NULL when
 * libharu fails (c->code then says why, or nothing when it did not call its
 * handler). */
static HPDF_Image pdf_embed_image(pdf_ctx *c, const imagefile *img)
{
	HPDF_UINT w = (HPDF_UINT)img->width, h = (HPDF_UINT)img->height;
	if (img->jpeg != NULL)
		return HPDF_LoadJpegImageFromMem(c->pdf, img->jpeg, (HPDF_UINT)img->jpeg_len);
	HPDF_Image im = HPDF_LoadRawImageFromMem(c->pdf, img->pixels, w, h,
	                                         img->channels == 1 ? HPDF_CS_DEVICE_GRAY
	                                                            : HPDF_CS_DEVICE_RGB, 8);
	if (im == NULL || img->alpha == NULL)
		return im;
	HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, img->alpha, w, h,
	                                           HPDF_CS_DEVICE_GRAY, 8);
	if (mask == NULL || HPDF_Image_AddSMask(im, mask) != HPDF_OK)
		return NULL;
	return im;
}

/* Returns the XObject for the decoded image of item it, embedding it on
 * first use: one XObject per image however often it is drawn. NULL after
 * reporting the failure for page p (0-based). */
static const pdf_image *pdf_image_of(pdf_ctx *c, const lay_item *it, int p)
{
	const imagefile *img = it->u.image.image;
	const char *name = it->u.image.path != NULL ? it->u.image.path : "(unnamed)";
	for (int i = 0; i < c->nimages; i++)
		if (c->images[i].src == img)
			return &c->images[i];

	if (img == NULL) {
		pdf_fail(c, "page %d: image %s was not decoded", p + 1, name);
		return NULL;
	}
	/* libharu takes sizes as HPDF_UINT, and reads width * height * 3 bytes */
	uint64_t bytes = img->jpeg != NULL ? (uint64_t)img->jpeg_len
	                 : (uint64_t)img->width * (uint64_t)img->height * 3;
	if (bytes > UINT_MAX) {
		pdf_fail(c, "page %d: image %s is too large to embed", p + 1, name);
		return NULL;
	}
	HPDF_Image xo = pdf_embed_image(c, img);
	if (xo == NULL || pdf_bad(c, HPDF_OK)) {
		char why[160];
		if (c->code == 0)
			snprintf(why, sizeof why, "libharu refused the %s data",
			         img->format == IMAGEFILE_PNG ? "PNG" : "JPEG");
		else
			pdf_error_text(c->code, c->detail, why, sizeof why);
		pdf_fail(c, "page %d: cannot embed image %s: %s", p + 1, name, why);
		return NULL;
	}
	if (c->nimages == c->capimages) {
		int cap = c->capimages ? c->capimages * 2 : 8;
		pdf_image *im = realloc(c->images, (size_t)cap * sizeof *im);
		if (im == NULL) {
			pdf_fail(c, "out of memory");
			return NULL;
		}
		c->images = im;
		c->capimages = cap;
	}
	pdf_image *im = &c->images[c->nimages++];
	*im = (pdf_image){.src = img, .image = xo};
	HPDF_STATUS st = pdf_add_resource(c, xo, false, im->name);
	if (pdf_bad(c, st)) {
		pdf_fail_lib(c, st, "page %d: image %s", p + 1, name);
		return NULL;
	}
	return im;
}

/* Draws image im into the box (x, y, w, h): q, the box as a matrix, Do,
 * Q -- what HPDF_Page_DrawImage writes, with the name from the shared
 * resources. */
static HPDF_STATUS pdf_draw_image(HPDF_Stream out, const pdf_image *im, float x, float y,
                                  float w, float h)
{
	char buf[160], *o = buf;
	o = stpcpy(o, "q\n");
	o = pdf_num(o, w);
	o = stpcpy(o, " 0 0 ");
	o = pdf_num(o, h);
	*o++ = ' ';
	o = pdf_num(o, x);
	*o++ = ' ';
	o = pdf_num(o, y);
	o += sprintf(o, " cm\n/%s Do\nQ\n", im->name);
	return pdf_put(out, buf, o);
}

/* ---- drawing ------------------------------------------------------------ */

/* ---- text --------------------------------------------------------------- */

/* Makes c->run at least n bytes long. False when out of memory. */
static bool pdf_reserve(pdf_ctx *c, size_t n)
{
	if (n <= c->caprun)
		return true;
	size_t cap = c->caprun ? c->caprun : 256;
	while (cap < n)
		cap *= 2;
	char *r = realloc(c->run, cap);
	if (r == NULL)
		return false;
	c->run = r;
	c->caprun = cap;
	return true;
}

/* Writes v as four upper-case hex digits at w; returns the end. */
static char *pdf_hex4(char *w, unsigned v)
{
	static const char digits[] = "0123456789ABCDEF";
	for (int shift = 12; shift >= 0; shift -= 4)
		*w++ = digits[(v >> shift) & 0xF];
	return w;
}

/* Does the run carry an adjustment other than 0? */
static bool pdf_is_kerned(const lay_item *it)
{
	const short *kern = it->u.text.kern;
	if (kern == NULL)
		return false;
	int ncp = 0;
	for (int i = 0; i < it->u.text.len; i++)
		ncp += ((unsigned char)it->u.text.str[i] & 0xC0) != 0x80;
	for (int i = 0; i < ncp; i++)
		if (kern[i] != 0)
			return true;
	return false;
}

/* Moves to the run's baseline start with the text matrix sheared by its
 * slant (x += slant * y, a synthetic italic). While the shear stays the
 * same the move is relative to the line start (Td); a change of shear sets
 * the whole matrix (Tm). The pen keeps the line start as written, rounded
 * (pdf_num), and each move is taken from there, so rounding never adds up
 * along a page. Written into the page's stream: the text operators are all
 * brief's own (see pdf_show). */
static HPDF_STATUS pdf_text_start(HPDF_Stream out, pdf_pen *pen, const lay_item *it)
{
	char buf[128], *w = buf;
	float slant = it->u.text.slant;
	if (slant != pen->slant) {
		pen->slant = slant;
		w = stpcpy(w, "1 0 ");
		w = pdf_fixed(w, slant, 3);
		w = stpcpy(w, " 1 ");
		w = pdf_num(w, it->x);
		*w++ = ' ';
		w = pdf_num(w, it->y);
		w = stpcpy(w, " Tm\n");
		pen->line_x = pdf_num_value(it->x);
		pen->line_y = pdf_num_value(it->y);
	} else {
		float dy = pdf_num_value(it->y - pen->line_y);
		float dx = pdf_num_value(it->x - pen->line_x - slant * dy);
		w = pdf_num(w, dx);
		*w++ = ' ';
		w = pdf_num(w, dy);
		w = stpcpy(w, " Td\n");
		pen->line_x += dx + slant * dy;
		pen->line_y += dy;
	}
	return pdf_put(out, buf, w);
}

/* The UTF-16 code units of the character at s[*at..n) (ill-formed bytes:
 * U+FFFD; beyond the BMP a surrogate pair) in u; advances *at past it.
 * Returns how many units: 1 or 2. */
static int pdf_next_utf16(const char *s, size_t n, size_t *at, uint16_t u[2])
{
	uint32_t cp;
	*at += utf8_decode(s + *at, n - *at, &cp);
	if (cp <= 0xFFFF) {
		u[0] = (uint16_t)cp;
		return 1;
	}
	cp -= 0x10000;
	u[0] = (uint16_t)(0xD800 | (cp >> 10));
	u[1] = (uint16_t)(0xDC00 | (cp & 0x3FF));
	return 2;
}

/* Opens a marked-content span whose text, for extraction and copying, is
 * s[0..len) instead of what it shows: /Span <</ActualText <FEFF…>>> BDC,
 * the UTF-8 given as UTF-16BE with its byte order mark (ill-formed bytes
 * become U+FFFD; len 0: the span extracts as nothing). Written into the
 * page's content stream, since libharu 2.3.0 has no call for it. */
static HPDF_STATUS pdf_begin_actual(pdf_ctx *c, HPDF_Stream out, const char *s, int len)
{
	static const char head[] = "/Span <</ActualText <FEFF", tail[] = ">>> BDC\n";
	size_t n = len > 0 ? (size_t)len : 0;
	/* 4 hex digits per byte at most: a 4-byte character is 2 UTF-16 units */
	if (!pdf_reserve(c, sizeof head + 4 * n + sizeof tail))
		return HPDF_FAILD_TO_ALLOC_MEM;
	char *w = c->run;
	memcpy(w, head, sizeof head - 1);
	w += sizeof head - 1;
	for (size_t at = 0; at < n;) {
		uint16_t u[2];
		for (int k = 0, m = pdf_next_utf16(s, n, &at, u); k < m; k++)
			w = pdf_hex4(w, u[k]);
	}
	memcpy(w, tail, sizeof tail - 1);
	w += sizeof tail - 1;
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)c->run, (HPDF_UINT)(w - c->run));
}

/* Writes one-byte code k into a literal string at w; returns the end. The
 * delimiters and the backslash are escaped, and CR, which a reader would
 * take for a line end. */
static char *pdf_put_code(char *w, unsigned k)
{
	if (k == '(' || k == ')' || k == '\\')
		*w++ = '\\';
	else if (k == '\r') {
		*w++ = '\\';
		k = 'r';
	}
	*w++ = (char)k;
	return w;
}

/* Which font shows cps[i..*end): the one-byte font for a stretch of code
 * points that all have one-byte codes, the CID font for a stretch that has
 * none -- except that a one-byte stretch shorter than 4 amid CID text stays
 * in the CID font unless that font is already the one-byte one, since
 * switching costs more than it saves. Sets *end to the end of the stretch. */
static HPDF_Dict pdf_font_for(const pdf_face *pf, const pdf_pen *pen,
                              const uint32_t *cps, size_t i, size_t m, size_t *end)
{
	bool one = pf->simple != NULL && pf->code[cps[i]] != 0;
	size_t j = i;
	while (j < m && (pf->simple != NULL && pf->code[cps[j]] != 0) == one)
		j++;
	*end = j;
	if (!one)
		return pf->type0;
	if (pf->type0 == NULL || pen->font == pf->simple || j - i >= 4 || (i == 0 && j == m))
		return pf->simple;
	return pf->type0;
}

/* Shows the code points cps[0..m) of face pf at size, each moved by its
 * entry of kern (NULL: none), written into the page's stream as brief's own
 * operators: per stretch of one font (pdf_font_for), a Tf when the font or
 * size changes, then the codes -- one-byte codes as a literal string,
 * CIDs as 4 hex digits -- with Tj, or with TJ when the run carries
 * adjustments, each adjustment following its character as -kern (TJ
 * subtracts, in thousandths of text space): [(AV) 129 (a)] TJ. */
static HPDF_STATUS pdf_show(pdf_ctx *c, HPDF_Stream out, pdf_pen *pen, pdf_face *pf,
                            float size, const uint32_t *cps, size_t m, const short *kern)
{
	HPDF_STATUS st = pdf_face_text(c, pf, cps, m);
	if (st != HPDF_OK)
		return st;
	/* per code at most: "\\x" or 4 hex digits, " -32768 ", a string's
	 * delimiters, and a font change with its TJ/Tj ending */
	if (!pdf_reserve(c, 48 * m + 64))
		return HPDF_FAILD_TO_ALLOC_MEM;
	char *w = c->run;
	size_t i = 0;
	while (i < m) {
		size_t end;
		HPDF_Dict font = pdf_font_for(pf, pen, cps, i, m, &end);
		bool one = font == pf->simple;
		if (font != pen->font || size != pen->size) {
			*w++ = '/';
			w = stpcpy(w, one ? pf->simple_name : pf->type0_name);
			*w++ = ' ';
			w = pdf_fixed(w, size, 3);
			w = stpcpy(w, " Tf\n");
			pen->font = font;
			pen->size = size;
		}
		/* stretches of the same font are shown together */
		size_t next;
		while (end < m && pdf_font_for(pf, pen, cps, end, m, &next) == font)
			end = next;
		if (kern != NULL)
			*w++ = '[';
		bool open = false;              /* inside a string */
		for (; i < end; i++) {
			if (!open)
				*w++ = one ? '(' : '<';
			open = true;
			if (one)
				w = pdf_put_code(w, pf->code[cps[i]]);
			else if ((st = pdf_cid_of(c, pf, cps[i])) != HPDF_OK)
				return st;
			else
				w = pdf_hex4(w, pf->cid[cps[i]]);
			if (kern != NULL && kern[i] != 0) {
				*w++ = one ? ')' : '>';
				*w++ = ' ';
				w = pdf_fixed(w, (float)-kern[i], 0);
				*w++ = ' ';
				open = false;
			}
		}
		if (open)
			*w++ = one ? ')' : '>';
		w = stpcpy(w, kern != NULL ? "] TJ\n" : " Tj\n");
	}
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)c->run, (HPDF_UINT)(w - c->run));
}

/* Decodes s[0..n) -- whole BMP characters -- into c->cps. Returns how many;
 * -1 when out of memory; -2 - i when the bytes at s[i] are not UTF-8 for a
 * BMP character. */
static long pdf_decode(pdf_ctx *c, const char *s, size_t n)
{
	if (n > c->capcps) {
		uint32_t *p = realloc(c->cps, n * sizeof *p);
		if (p == NULL)
			return -1;
		c->cps = p;
		c->capcps = n;
	}
	long m = 0;
	for (int i = 0; i < (int)n;) {
		long cp = pdf_next_cp((const unsigned char *)s, (int)n, &i);
		if (cp < 0)
			return -2 - i;
		c->cps[m++] = (uint32_t)cp;
	}
	return m;
}

/* Shows one text run at its baseline start, inside the page's current text
 * block (opened here if needed): sheared by its slant; inside an
 * /ActualText span when it stands for other text. Runs are shown in pieces
 * of at most PDF_MAX_RUN bytes cut at character boundaries, each continuing
 * where the previous one ended. The run is item k (1-based) of page p
 * (0-based), for messages. */
static HPDF_STATUS pdf_draw_text(pdf_ctx *c, HPDF_Page page, pdf_pen *pen,
                                 const lay_item *it, int p, int k)
{
	if (it->u.text.len <= 0)
		return HPDF_OK;
	int fi = it->u.text.face;
	if (fi < 0 || fi >= c->nfaces)
		return (HPDF_STATUS)pdf_fail(c, "page %d, item %d (text): face %d does not "
		                             "exist (the document has %d)", p + 1, k, fi,
		                             c->nfaces);
	/* libharu's own limit, which HPDF_Page_SetFontAndSize checked */
	if (!(it->u.text.size > 0 && it->u.text.size <= HPDF_MAX_FONTSIZE))
		return HPDF_PAGE_INVALID_FONT_SIZE;
	HPDF_Stream out = ((HPDF_PageAttr)page->attr)->stream;
	HPDF_STATUS st = pen->in_text ? HPDF_OK : pdf_op_begin_text(out, pen);
	if (st == HPDF_OK)
		st = pdf_op_fill(out, pen, it->color);
	if (st == HPDF_OK && it->u.text.invisible != pen->invisible) {
		st = HPDF_Stream_WriteStr(out, it->u.text.invisible ? "3 Tr\n" : "0 Tr\n");
		pen->invisible = it->u.text.invisible;
	}
	pdf_face *pf = pdf_face_of(c, fi);
	const char *actual = it->u.text.actual;
	if (st == HPDF_OK)
		st = pdf_text_start(out, pen, it);
	if (st == HPDF_OK && actual != NULL)
		st = pdf_begin_actual(c, out, actual, it->u.text.actual_len);

	const short *kern = pdf_is_kerned(it) ? it->u.text.kern : NULL;
	const char *s = it->u.text.str;
	size_t len = (size_t)it->u.text.len;
	while (st == HPDF_OK && len > 0) {
		size_t n = len;
		if (n > PDF_MAX_RUN) {
			n = PDF_MAX_RUN;
			while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
				n--;
		}
		long m = pdf_decode(c, s, n);
		if (m == -1)
			return HPDF_FAILD_TO_ALLOC_MEM;
		if (m < 0)
			return (HPDF_STATUS)pdf_fail(c, "page %d, item %d (text): byte %ld is not "
			                             "UTF-8 for a character a PDF font here can "
			                             "draw (BMP only)", p + 1, k,
			                             (long)(s - it->u.text.str) - m - 1);
		st = pdf_show(c, out, pen, pf, it->u.text.size, c->cps, (size_t)m, kern);
		if (kern != NULL)
			kern += m;
		s += n;
		len -= n;
	}
	if (st == HPDF_OK && actual != NULL)
		st = HPDF_Stream_WriteStr(out, "EMC\n");
	return st;
}

/* Points dst at the top of the target at the reader's current zoom:
 * [page /XYZ 0 top null]. libharu's Destination_SetXYZ accepts only zooms
 * 0.08..32 and writes one, which would reset the reader's zoom on every
 * click, so the array is rebuilt with a null zoom through libharu's object
 * API (hpdf_objects.h), the same calls SetXYZ makes. */
static HPDF_STATUS pdf_dest_top(HPDF_Destination dst, HPDF_Page page, float top,
                                float height)
{
	if (!(top > 0))
		top = 0;
	if (top > height)
		top = height;
	HPDF_Array_Clear(dst);
	HPDF_STATUS st = HPDF_Array_Add(dst, page);
	if (st == HPDF_OK)
		st = HPDF_Array_AddName(dst, "XYZ");
	if (st == HPDF_OK)
		st = HPDF_Array_AddReal(dst, 0);
	if (st == HPDF_OK)
		st = HPDF_Array_AddReal(dst, top);
	if (st == HPDF_OK)
		st = HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
	return st;
}

/* A destination on 0-based page p at height top, as a direct array (it is
 * written inside the link or outline entry that holds it, not as an object
 * of its own); NULL when libharu fails. */
static HPDF_Destination pdf_dest(pdf_ctx *c, int p, float top, HPDF_STATUS *st)
{
	HPDF_Destination dst = HPDF_Array_New(c->pdf->mmgr);
	if (dst == NULL) {
		*st = HPDF_FAILD_TO_ALLOC_MEM;
		return NULL;
	}
	dst->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;  /* as HPDF_Destination_New */
	*st = pdf_dest_top(dst, c->pages[p], top, c->doc->height);
	return *st == HPDF_OK ? dst : NULL;
}

/* Makes a link annotation without a border on page p (0-based) over r, to
 * the top of page target, which must have been added; the link is item k
 * (1-based) of its page, for messages. */
static HPDF_STATUS pdf_link_to(pdf_ctx *c, int p, int k, HPDF_Rect r, int target,
                               float top)
{
	if (target < 0 || target >= c->npages)
		return (HPDF_STATUS)pdf_fail(c, "page %d, item %d (link): target page %d does "
		                             "not exist (the document has %d)", p + 1, k,
		                             target + 1, c->npages);
	HPDF_STATUS st;
	HPDF_Destination dst = pdf_dest(c, target, top, &st);
	if (dst == NULL)
		return st;
	HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(c->pages[p], r, dst);
	if (a == NULL)
		return HPDF_INVALID_ANNOTATION;
	return HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* Makes the link annotation of it, item k (1-based) of page p, without a
 * border; an internal link to a page not added yet while pages are still
 * to come is kept for pdf_close. */
static HPDF_STATUS pdf_draw_link(pdf_ctx *c, int p, int k, const lay_item *it)
{
	HPDF_Rect r = {it->x, it->y, it->x + it->w, it->y + it->h};
	if (it->u.link.uri == NULL) {
		int target = it->u.link.page;
		if (target < c->npages || !c->growing)
			return pdf_link_to(c, p, k, r, target, it->u.link.top);
		if (c->nlinks == c->caplinks) {
			int cap = c->caplinks ? c->caplinks * 2 : 64;
			pdf_link *l = realloc(c->links, (size_t)cap * sizeof *l);
			if (l == NULL)
				return HPDF_FAILD_TO_ALLOC_MEM;
			c->links = l;
			c->caplinks = cap;
		}
		c->links[c->nlinks++] = (pdf_link){p, k, r, target, it->u.link.top};
		return HPDF_OK;
	}
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(c->pages[p], r, it->u.link.uri);
	if (a == NULL)
		return HPDF_INVALID_ANNOTATION;
	return HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* Draws it, item k (1-based) of page p. Returns HPDF_OK, a libharu status,
 * or -1 after reporting a failure of its own (c->failed). */
static HPDF_STATUS pdf_draw_item(pdf_ctx *c, int p, int k, const lay_item *it,
                                 pdf_pen *pen)
{
	HPDF_Page page = c->pages[p];
	HPDF_Stream out = ((HPDF_PageAttr)page->attr)->stream;
	HPDF_STATUS st = HPDF_OK;
	if (it->kind != LAY_TEXT && it->kind != LAY_LINK)
		st = pdf_op_end_text(out, pen);
	if (st != HPDF_OK)
		return st;
	switch (it->kind) {
	case LAY_TEXT:
		return pdf_draw_text(c, page, pen, it, p, k);
	case LAY_RECT: {
		bool fill = it->u.rect.fill, stroke = it->u.rect.stroke;
		if (!fill && !stroke)
			return HPDF_OK;
		if (fill)
			st = pdf_op_fill(out, pen, it->color);
		if (stroke && st == HPDF_OK)
			st = pdf_op_stroke(out, pen, it->u.rect.stroke_color,
			                   it->u.rect.line_width, 0, false);
		return st != HPDF_OK ? st : pdf_op_rect(out, it->x, it->y, it->w, it->h,
		                                        fill && stroke ? "B" : fill ? "f" : "S");
	}
	case LAY_LINE:
		st = pdf_op_stroke(out, pen, it->color, it->u.line.line_width,
		                   it->u.line.dotted ? 2 : it->u.line.dashed ? 1 : 0, false);
		return st != HPDF_OK ? st : pdf_op_path(out, (const float[]){it->x, it->y,
		                                        it->u.line.x2, it->u.line.y2}, 2);
	case LAY_POLYLINE: {
		const float *xy = it->u.poly.xy;
		int n = it->u.poly.npoints;
		if (xy == NULL || n < 2)
			return HPDF_OK;
		st = pdf_op_stroke(out, pen, it->color, it->u.poly.line_width, 0, true);
		return st != HPDF_OK ? st : pdf_op_path(out, xy, n);
	}
	case LAY_CIRCLE:
		if (!(it->u.circle.radius > 0))
			return HPDF_OK;
		st = pdf_op_fill(out, pen, it->color);
		return st != HPDF_OK ? st : pdf_op_disc(out, it->x, it->y, it->u.circle.radius);
	case LAY_LINK:
		return pdf_draw_link(c, p, k, it);
	case LAY_IMAGE: {
		const pdf_image *im = pdf_image_of(c, it, p);
		if (im == NULL)
			return (HPDF_STATUS)-1;
		return pdf_draw_image(out, im, it->x, it->y, it->w, it->h);
	}
	}
	return pdf_fail(c, "page %d, item %d: unknown item kind %d", p + 1, k,
	                (int)it->kind);
}

/* Are all the numbers an item is drawn with finite, and not absurdly far
 * off the page? libharu writes NaN and infinity into the content stream as
 * they print, and the file is corrupt. */
static bool pdf_item_finite(const lay_item *it)
{
	const float lim = 1e7f;
	float v[6] = {it->x, it->y, it->w, it->h, 0, 0};
	if (it->kind == LAY_LINE) {
		v[4] = it->u.line.x2;
		v[5] = it->u.line.y2;
	} else if (it->kind == LAY_CIRCLE) {
		v[4] = it->u.circle.radius;
	} else if (it->kind == LAY_TEXT) {
		v[4] = it->u.text.size;
		v[5] = it->u.text.slant;
	} else if (it->kind == LAY_POLYLINE) {
		for (int i = 0; i < 2 * it->u.poly.npoints; i++)
			if (!(fabsf(it->u.poly.xy[i]) <= lim))
				return false;
	}
	for (int i = 0; i < 6; i++)
		if (!(fabsf(v[i]) <= lim))
			return false;
	return true;
}

/* Draws the n items of page p in order into its current content stream,
 * starting from the state pen and leaving it in the state the content ends
 * in (outside a text block). Returns 0 or -1. */
static int pdf_draw_items(pdf_ctx *c, int p, const lay_item *items, int n, pdf_pen *pen)
{
	for (int k = 0; k < n; k++) {
		if (!pdf_item_finite(&items[k]))
			return pdf_fail(c, "page %d, item %d (%s): a position or size is not a "
			                "finite number", p + 1, k + 1, pdf_kind_name(items[k].kind));
		HPDF_STATUS st = pdf_draw_item(c, p, k + 1, &items[k], pen);
		if (c->failed)
			return -1;
		if (pdf_bad(c, st))
			return pdf_fail_lib(c, st, "page %d, item %d (%s)", p + 1, k + 1,
			                    pdf_kind_name(items[k].kind));
	}
	HPDF_STATUS st = pdf_op_end_text(((HPDF_PageAttr)c->pages[p]->attr)->stream, pen);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, HPDF_OK, "page %d", p + 1);
	return 0;
}

/* Gives the root of the page tree what every page inherits: the page size
 * (/MediaBox) and the one resource dictionary (pdf_add_resource). Returns
 * 0 or -1. */
static int pdf_page_root(pdf_ctx *c)
{
	const lay_doc *d = c->doc;
	HPDF_Dict root = c->pdf->root_pages;
	HPDF_Array box = HPDF_Array_New(c->pdf->mmgr);
	c->resources = HPDF_Dict_New(c->pdf->mmgr);
	HPDF_STATUS st = box == NULL || c->resources == NULL ? HPDF_FAILD_TO_ALLOC_MEM
	                 : HPDF_Dict_Add(root, "MediaBox", box);
	if (st == HPDF_OK)
		st = HPDF_Array_AddNumber(box, 0);
	if (st == HPDF_OK)
		st = HPDF_Array_AddNumber(box, 0);
	if (st == HPDF_OK)
		st = HPDF_Array_AddReal(box, d->width);
	if (st == HPDF_OK)
		st = HPDF_Array_AddReal(box, d->height);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(root, "Resources", c->resources);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "page size %g x %g points", (double)d->width,
		                    (double)d->height);
	return 0;
}

/* Adds the next page. It keeps only its contents and parent: libharu's
 * own /MediaBox and /Resources are taken out, so that the root's are
 * inherited. Returns 0 or -1. */
static int pdf_add_page(pdf_ctx *c)
{
	int p = c->npages;
	if (p == c->cappages) {
		int cap = c->cappages ? c->cappages * 2 : 64;
		HPDF_Page *pages = realloc(c->pages, (size_t)cap * sizeof *pages);
		if (pages != NULL)
			c->pages = pages;
		pdf_pen *pens = realloc(c->pens, (size_t)cap * sizeof *pens);
		if (pens != NULL)
			c->pens = pens;
		pdf_packed *packed = realloc(c->packed, (size_t)cap * sizeof *packed);
		if (packed != NULL)
			c->packed = packed;
		if (pages == NULL || pens == NULL || packed == NULL)
			return pdf_fail(c, "out of memory");
		c->cappages = cap;
	}
	HPDF_Page page = HPDF_AddPage(c->pdf);
	if (page == NULL || pdf_bad(c, HPDF_OK))
		return pdf_fail_lib(c, HPDF_OK, "page %d", p + 1);
	HPDF_STATUS st = HPDF_Dict_RemoveElement(page, "MediaBox");
	if (st == HPDF_OK)
		st = HPDF_Dict_RemoveElement(page, "Resources");
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "page %d", p + 1);
	c->pages[p] = page;
	c->pens[p] = (pdf_pen){.width = 1};     /* black, solid, miter: the PDF defaults */
	c->packed[p] = (pdf_packed){0};
	c->npages = p + 1;
	return 0;
}

/* ---- the catalog -------------------------------------------------------- */

/* Has tag the shape of a language tag (BCP 47: "en-US", "ko-KR", "sr-Latn"):
 * ASCII letters and digits in subtags joined by single hyphens, at most 35
 * characters? */
static bool pdf_is_language_tag(const char *tag)
{
	size_t n = 0;
	for (; tag[n] != '\0'; n++) {
		char ch = tag[n];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		             (ch >= '0' && ch <= '9');
		if (!alnum && !(ch == '-' && n > 0 && tag[n - 1] != '-'))
			return false;
	}
	return n > 0 && n <= 35 && tag[n - 1] != '-';
}

/* Says in the document catalog what holds for the whole document: page
 * labels 1, 2, 3... (/PageLabels), so that viewers number the pages as the
 * footers do, and the language of its text (/Lang), when doc->lang gives
 * one, for screen readers and text extraction. libharu has no call for
 * /Lang: the entry is added to the catalog dictionary (hpdf_doc.h,
 * hpdf_objects.h). Returns 0 or -1. */
static int pdf_catalog(pdf_ctx *c)
{
	HPDF_STATUS st = HPDF_AddPageLabel(c->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "page labels");
	const char *lang = c->doc->lang;
	if (lang == NULL || lang[0] == '\0')
		return 0;
	if (!pdf_is_language_tag(lang))
		return pdf_fail(c, "document language \"%.40s\" is not a language tag "
		                "such as en-US", lang);
	HPDF_String value = HPDF_String_New(c->pdf->mmgr, lang, NULL);
	st = value == NULL ? HPDF_FAILD_TO_ALLOC_MEM
	                   : HPDF_Dict_Add(c->pdf->catalog, "Lang", value);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "document language %s", lang);
	return 0;
}

/* ---- outline and info --------------------------------------------------- */

/* The characters of PDFDocEncoding (PDF 32000-1, annex D) from 0x80 to
 * 0xA0 that are not Latin-1: code 0x80 + i is pdfdoc_high[i]; 0 = none. */
static const uint16_t pdfdoc_high[33] = {
	0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
	0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
	0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
	0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0, 0x20AC,
};

/* Writes the UTF-8 title s in PDFDocEncoding into out (at least as long as
 * s): true when every character has a code there (printable ASCII, Latin-1
 * from 0xA1 but the soft hyphen, and ’ “ ” – — … € and the like). A
 * bookmark title in PDFDocEncoding is a literal string, one byte a
 * character, where UTF-16 takes four hex digits. */
static bool pdf_to_pdfdoc(const char *s, char *out)
{
	size_t len = strlen(s);
	for (size_t at = 0; at < len;) {
		uint32_t cp;
		at += utf8_decode(s + at, len - at, &cp);
		int code = -1;
		if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD))
			code = (int)cp;
		for (int i = 0; i < 33 && code < 0; i++)
			if (pdfdoc_high[i] != 0 && pdfdoc_high[i] == cp)
				code = 0x80 + i;
		if (code < 0)
			return false;
		*out++ = (char)code;
	}
	*out = '\0';
	return true;
}

/* Sets key of dict to the UTF-8 text s as a PDF text string in UTF-16BE
 * with its byte order mark (ill-formed bytes become U+FFFD, characters
 * beyond the BMP surrogate pairs), which libharu writes in hex: what its
 * UTF-8 encoder would write, without the 256 KiB of tables it sets up. */
static HPDF_STATUS pdf_add_utf16(pdf_ctx *c, HPDF_Dict dict, const char *key, const char *s)
{
	size_t len = strlen(s), n = 0;
	unsigned char *u = malloc(2 + 2 * len);     /* 2 bytes a byte at most */
	if (u == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	u[n++] = 0xFE;
	u[n++] = 0xFF;
	for (size_t at = 0; at < len;) {
		uint16_t units[2];
		for (int k = 0, m = pdf_next_utf16(s, len, &at, units); k < m; k++) {
			u[n++] = (unsigned char)(units[k] >> 8);
			u[n++] = (unsigned char)units[k];
		}
	}
	HPDF_Binary b = HPDF_Binary_New(c->pdf->mmgr, u, (HPDF_UINT)n);
	free(u);
	return b == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_Dict_Add(dict, key, b);
}

/* Builds the bookmarks from doc->marks: a mark nests under the last mark of
 * a shallower level still open (a level 3 right after a level 1 goes under
 * that level 1), else at the root. Entries open, and the reader shows the
 * outline when there is one. A title PDFDocEncoding can hold is written in
 * it, the others in UTF-16. Returns 0 or -1. */
static int pdf_outline(pdf_ctx *c)
{
	const lay_doc *d = c->doc;
	if (d->nmarks <= 0)
		return 0;
	HPDF_Outline last[4] = {NULL, NULL, NULL, NULL};   /* by level; 0 unused */
	char *doc_title = NULL;                 /* the title in PDFDocEncoding */
	size_t cap = 0;
	for (int m = 0; m < d->nmarks; m++) {
		const lay_mark *mk = &d->marks[m];
		const char *title = mk->title ? mk->title : "";
		int level = mk->level < 1 ? 1 : mk->level > 3 ? 3 : mk->level;
		if (mk->page < 0 || mk->page >= d->npages) {
			free(doc_title);
			return pdf_fail(c, "outline entry \"%.60s\": page %d does not exist "
			                "(the document has %d)", title, mk->page + 1,
			                d->npages);
		}
		HPDF_Outline parent = NULL;                     /* NULL: the root */
		for (int l = level - 1; l >= 1 && parent == NULL; l--)
			parent = last[l];
		size_t need = strlen(title) + 1;
		if (need > cap) {
			char *t = realloc(doc_title, need);
			if (t == NULL) {
				free(doc_title);
				return pdf_fail(c, "out of memory");
			}
			doc_title = t;
			cap = need;
		}
		bool in_pdfdoc = pdf_to_pdfdoc(title, doc_title);
		HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, in_pdfdoc ? doc_title : "",
		                                    NULL);
		HPDF_STATUS st = o == NULL ? HPDF_INVALID_OUTLINE : HPDF_OK;
		if (st == HPDF_OK && !in_pdfdoc)
			st = pdf_add_utf16(c, o, "Title", title);
		if (st == HPDF_OK)      /* libharu's /Type /Outlines is the root's alone */
			st = HPDF_Dict_RemoveElement(o, "Type");
		HPDF_Destination dst = NULL;
		if (st == HPDF_OK)
			dst = pdf_dest(c, mk->page, mk->top, &st);
		if (st == HPDF_OK)
			st = HPDF_Outline_SetDestination(o, dst);
		if (st == HPDF_OK)
			st = HPDF_Outline_SetOpened(o, HPDF_TRUE);
		if (pdf_bad(c, st)) {
			free(doc_title);
			return pdf_fail_lib(c, st, "outline entry \"%.60s\"", title);
		}
		last[level] = o;
		for (int l = level + 1; l <= 3; l++)
			last[l] = NULL;
	}
	free(doc_title);
	HPDF_STATUS st = HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "outline");
	return 0;
}

/* Sets the document information from info (NULL: none). The date, when
 * given, is written as UTC for both creation and modification; without it
 * the file has no date, so equal input gives equal bytes. Returns 0 or -1. */
static int pdf_set_info(pdf_ctx *c, const pdf_info *info)
{
	if (info == NULL)
		return 0;
	char producer[256] = "";
	if (info->producer && info->producer[0])
		snprintf(producer, sizeof producer, "%s (libharu %s)", info->producer,
		         HPDF_VERSION_TEXT);
	const struct {
		HPDF_InfoType type;
		const char *value, *name, *key;
	} attrs[] = {
		{HPDF_INFO_TITLE, info->title, "title", "Title"},
		{HPDF_INFO_SUBJECT, info->subject, "subject", "Subject"},
		{HPDF_INFO_AUTHOR, info->author, "author", "Author"},
		{HPDF_INFO_KEYWORDS, info->keywords, "keywords", "Keywords"},
		{HPDF_INFO_CREATOR, info->creator, "creator", "Creator"},
		{HPDF_INFO_PRODUCER, producer, "producer", "Producer"},
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		const char *value = attrs[i].value;
		if (value == NULL || value[0] == '\0')
			continue;
		/* in PDFDocEncoding when it holds the text, else in UTF-16 */
		char *doc = malloc(strlen(value) + 1);
		if (doc == NULL)
			return pdf_fail(c, "out of memory");
		bool in_pdfdoc = pdf_to_pdfdoc(value, doc);
		HPDF_STATUS st = HPDF_SetInfoAttr(c->pdf, attrs[i].type, in_pdfdoc ? doc : "");
		free(doc);
		if (st == HPDF_OK && !in_pdfdoc)
			st = pdf_add_utf16(c, c->pdf->info, attrs[i].key, value);
		if (pdf_bad(c, st))
			return pdf_fail_lib(c, st, "document %s", attrs[i].name);
	}
	if (info->date < 0)
		return 0;

	time_t t = (time_t)info->date;
	struct tm tm;
	if ((long long)t != info->date || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year + 1900 > 9999)
		return pdf_fail(c, "document date %lld is out of range", info->date);
	HPDF_Date date = {
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
		.hour = tm.tm_hour, .minutes = tm.tm_min,
		.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec,     /* no leap seconds */
		.ind = 'Z', .off_hour = 0, .off_minutes = 0,
	};
	HPDF_STATUS st = HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
	if (st == HPDF_OK)
		st = HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "document date");
	return 0;
}

/* ---- the whole document ------------------------------------------------- */

/* Creates the libharu document with compression and no current encoder:
 * text strings (Info, bookmarks) are brief's own bytes, PDFDocEncoding or
 * UTF-16 (pdf_add_utf16), and fonts are brief's own objects (embed.c).
 * Returns 0 or -1. */
static int pdf_begin(pdf_ctx *c)
{
	c->pdf = HPDF_New(pdf_on_error, c);
	if (c->pdf == NULL)
		return pdf_fail(c, "out of memory");
	HPDF_STATUS st = HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "cannot set up the document");
	if (pdf_page_root(c) != 0)
		return -1;
	return pdf_faces_init(c);
}

/* Frees everything the writer made: the libharu document, then our arrays. */
static void pdf_end(pdf_ctx *c)
{
	if (c->pdf != NULL)
		HPDF_Free(c->pdf);
	if (c->faces != NULL) {
		for (int f = 0; f < c->nfaces; f++) {
			free(c->faces[f].code);
			free(c->faces[f].cid);
			free(c->faces[f].cid_cp);
		}
	}
	free(c->faces);
	pdf_packs_free(c);
	free(c->pages);
	free(c->pens);
	free(c->links);
	free(c->images);
	free(c->run);
	free(c->cps);
}

pdf_writer *pdf_open(void)
{
	pdf_writer *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->c.err = w->message;
	w->c.errsize = sizeof w->message;
	w->c.growing = true;
	return w;
}

const char *pdf_error(const pdf_writer *w)
{
	return w->message;
}

int pdf_page(pdf_writer *w, const lay_doc *doc, int p, const lay_page *pg)
{
	pdf_ctx *c = &w->c;
	if (c->failed)
		return -1;
	c->doc = doc;
	if (c->pdf == NULL && pdf_begin(c) != 0)      /* the first page: size and faces */
		return -1;
	if (p != c->npages)
		return pdf_fail(c, "page %d comes out of order", p + 1);
	if (pdf_add_page(c) != 0 || pdf_draw_items(c, p, pg->items, pg->nitems, &c->pens[p]) != 0)
		return -1;
	return pdf_pack_page(c, p);
}

int pdf_page_late(pdf_writer *w, const lay_doc *doc, int p, const lay_page *late)
{
	pdf_ctx *c = &w->c;
	if (c->failed)
		return -1;
	c->doc = doc;
	c->growing = false;
	if (p < 0 || p >= c->npages)
		return pdf_fail(c, "page %d was not drawn", p + 1);
	if (c->packed[p].sealed)
		return pdf_fail(c, "page %d: its late items were drawn already", p + 1);
	/* the late items go on the end of the page's content stream, in the
	 * state it ended in, which costs no object of its own
	 * (HPDF_Page_New_Content_Stream makes one, about 200 bytes a page) */
	if (pdf_draw_items(c, p, late->items, late->nitems, &c->pens[p]) != 0)
		return -1;
	return pdf_seal_page(c, p);
}

/* Makes the links kept for the end (pdf_draw_link), now that every page
 * is added. Returns 0 or -1. */
static int pdf_late_links(pdf_ctx *c)
{
	for (int i = 0; i < c->nlinks; i++) {
		const pdf_link *l = &c->links[i];
		HPDF_STATUS st = pdf_link_to(c, l->page, l->item, l->rect, l->target, l->top);
		if (c->failed)
			return -1;
		if (pdf_bad(c, st))
			return pdf_fail_lib(c, st, "page %d, item %d (link)", l->page + 1, l->item);
	}
	return 0;
}

int pdf_close(pdf_writer *w, const lay_doc *doc, const pdf_info *info, const char *path,
              char *err, size_t errsize)
{
	if (errsize > 0)
		err[0] = '\0';
	pdf_ctx *c = &w->c;
	c->doc = doc;
	c->growing = false;
	int rc = c->failed ? -1 : 0;
	if (rc == 0 && (c->npages <= 0 || c->npages != doc->npages))
		rc = c->npages <= 0 ? pdf_fail(c, "the document has no pages")
		                    : pdf_fail(c, "%d of the %d pages were drawn", c->npages,
		                               doc->npages);
	for (int p = 0; rc == 0 && p < c->npages; p++)
		if (!c->packed[p].sealed)
			rc = pdf_seal_page(c, p);
	if (rc == 0)
		rc = pdf_late_links(c);
	if (rc == 0)
		rc = pdf_finish_fonts(c);
	if (rc == 0)
		rc = pdf_catalog(c);
	if (rc == 0)
		rc = pdf_outline(c);
	if (rc == 0)
		rc = pdf_set_info(c, info);
	if (rc == 0) {
		HPDF_STATUS st = HPDF_SaveToFile(c->pdf, path);
		if (pdf_bad(c, st))
			rc = pdf_fail_lib(c, st, "cannot write %s", path);
	}
	if (rc != 0)
		escape_format(err, errsize, "%s", w->message);
	pdf_abandon(w);
	return rc;
}

void pdf_abandon(pdf_writer *w)
{
	if (w == NULL)
		return;
	pdf_end(&w->c);
	free(w);
}

int pdf_write(const lay_doc *doc, const pdf_info *info, const char *path,
              char *err, size_t errsize)
{
	if (errsize > 0)
		err[0] = '\0';
	pdf_writer *w = pdf_open();
	if (w == NULL) {
		snprintf(err, errsize, "PDF: out of memory");
		return -1;
	}
	int rc = 0;
	if (doc->npages <= 0)
		rc = pdf_fail(&w->c, "the document has no pages");
	for (int p = 0; rc == 0 && p < doc->npages; p++)
		rc = pdf_page(w, doc, p, &doc->pages[p]);
	if (rc == 0)
		return pdf_close(w, doc, info, path, err, errsize);
	escape_format(err, errsize, "%s", w->message);
	pdf_abandon(w);
	return rc;
}

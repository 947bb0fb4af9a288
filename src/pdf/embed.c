/*
 * embed.c -- fonts into the PDF: the code points each face shows, a subset
 * of its file with just those glyphs (hb-subset, subset.c), loaded into
 * libharu, and a ToUnicode map so the text copies out as written.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/internal.h"
#include "pdf/subset.h"


/* Decodes the code point at s[*i..len) and advances *i, as libharu's UTF-8
 * encoder reads it. The layout engine guarantees valid UTF-8 in the BMP;
 * anything else (truncated sequence, 4-byte form) returns -1 rather than
 * reading past the run. */
long pdf_next_cp(const unsigned char *s, int len, int *i)
{
	int k = *i;
	unsigned c = s[k];
	if (c < 0x80) {
		*i = k + 1;
		return c;
	}
	if (c >= 0xC2 && c < 0xE0 && k + 1 < len) {
		*i = k + 2;
		return ((c & 0x1Fu) << 6) | (s[k + 1] & 0x3Fu);
	}
	if (c >= 0xE0 && c < 0xF0 && k + 2 < len) {
		*i = k + 3;
		return ((c & 0x0Fu) << 12) | ((s[k + 1] & 0x3Fu) << 6) |
		       (s[k + 2] & 0x3Fu);
	}
	return -1;
}

/* Sets up c->faces with the owner of each face: the first face with the
 * same file. Bitmaps come later, for owners that draw text. Returns 0 or -1. */
static int pdf_faces_init(pdf_ctx *c)
{
	const lay_doc *d = c->doc;
	if (d->nfaces == 0)
		return 0;
	c->faces = calloc((size_t)d->nfaces, sizeof *c->faces);
	if (c->faces == NULL)
		return pdf_fail(c, "out of memory");
	for (int f = 0; f < d->nfaces; f++) {
		pdf_face *pf = &c->faces[f];
		pf->owner = f;
		for (int g = 0; g < f; g++) {
			if (strcmp(d->faces[g].path, d->faces[f].path) == 0) {
				pf->owner = g;
				break;
			}
		}
	}
	return 0;
}

/* Marks in the owners' bitmaps every code point the text items draw, after
 * checking each item's face index and encoding. Returns 0 or -1. */
static int pdf_collect_code_points(pdf_ctx *c)
{
	const lay_doc *d = c->doc;
	for (int p = 0; p < d->npages; p++) {
		const lay_page *pg = &d->pages[p];
		for (int k = 0; k < pg->nitems; k++) {
			const lay_item *it = &pg->items[k];
			if (it->kind != LAY_TEXT || it->u.text.len <= 0)
				continue;
			int fi = it->u.text.face;
			if (fi < 0 || fi >= d->nfaces)
				return pdf_fail(c, "page %d, item %d (text): face %d does not "
				                "exist (the document has %d)", p + 1, k + 1,
				                fi, d->nfaces);
			pdf_face *owner = &c->faces[c->faces[fi].owner];
			if (owner->used == NULL) {
				owner->used = calloc(65536 / 64, sizeof(uint64_t));
				if (owner->used == NULL)
					return pdf_fail(c, "out of memory");
			}
			const unsigned char *s = (const unsigned char *)it->u.text.str;
			int len = it->u.text.len;
			for (int i = 0; i < len;) {
				long cp = pdf_next_cp(s, len, &i);
				if (cp < 0)
					return pdf_fail(c, "page %d, item %d (text): byte %d is "
					                "not UTF-8 for a character libharu can "
					                "draw (BMP only)", p + 1, k + 1, i + 1);
				owner->used[cp >> 6] |= (uint64_t)1 << (cp & 63);
			}
		}
	}
	return 0;
}


/* Finds the first run of used code points at or after *cp: from..to, not
 * crossing a change of the high byte (a bfrange entry may not), and moves
 * *cp past it. False when there is none. */
static bool pdf_next_range(const uint64_t *used, uint32_t *cp, uint32_t *from,
                           uint32_t *to)
{
#define USED(v) ((used[(v) >> 6] >> ((v) & 63)) & 1)
	uint32_t v = *cp;
	while (v < 65536 && !USED(v))
		v++;
	if (v >= 65536)
		return false;
	*from = v;
	while (v + 1 < 65536 && ((v + 1) & 0xFF) != 0 && USED(v + 1))
		v++;
#undef USED
	*to = v;
	*cp = v + 1;
	return true;
}

/* Empties the stream libharu made as the font's /ToUnicode (its identity
 * CID CMap) and strips the entries of an embedded CMap from its dictionary,
 * so that the map can be written into the same object: a new one would
 * leave libharu's in the file, unused. Returns the stream, or NULL when
 * libharu made none (hpdf_font.h). */
static HPDF_Dict pdf_reuse_cmap(HPDF_Font font)
{
	static const char *const cmap_keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	HPDF_Dict cmap = ((HPDF_FontAttr)font->attr)->cmap_stream;
	if (cmap == NULL || cmap->stream == NULL || cmap->stream->type != HPDF_STREAM_MEMORY ||
	    HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != cmap)
		return NULL;
	HPDF_MemStream_FreeData(cmap->stream);
	for (size_t i = 0; i < sizeof cmap_keys / sizeof cmap_keys[0]; i++)
		HPDF_Dict_RemoveElement(cmap, cmap_keys[i]);    /* absent: nothing to do */
	return cmap;
}

/* Rewrites the ToUnicode map libharu gives a font. libharu writes its
 * identity CID CMap there ("begincidrange"), which a ToUnicode stream may
 * not hold: poppler warns on every use and some viewers copy nothing. With
 * libharu's UTF-8 encoder a character's code is its BMP code point, so the
 * right map sends each code used to itself: bfrange entries over runs of
 * used code points, 100 to a section as the format requires. The stream is
 * written through libharu's object API (hpdf_objects.h, hpdf_streams.h). */
static HPDF_STATUS pdf_to_unicode(pdf_ctx *c, const pdf_face *pf)
{
	HPDF_Dict cmap = pdf_reuse_cmap(pf->font);
	if (cmap == NULL) {
		cmap = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
		if (cmap == NULL || HPDF_Dict_Add(pf->font, "ToUnicode", cmap) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
	}
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream out = cmap->stream;
	HPDF_STATUS st = HPDF_Stream_WriteStr(out,
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	uint32_t cp = 0, from, to;
	int nranges = 0;
	while (pdf_next_range(pf->used, &cp, &from, &to))
		nranges++;
	char line[64];
	cp = 0;
	for (int i = 0; i < nranges && st == HPDF_OK; i++) {
		pdf_next_range(pf->used, &cp, &from, &to);
		if (i % 100 == 0) {
			snprintf(line, sizeof line, "%d beginbfrange\n",
			         nranges - i < 100 ? nranges - i : 100);
			st = HPDF_Stream_WriteStr(out, line);
		}
		snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", (unsigned)from,
		         (unsigned)to, (unsigned)from);
		if (st == HPDF_OK)
			st = HPDF_Stream_WriteStr(out, line);
		if (st == HPDF_OK && (i % 100 == 99 || i == nranges - 1))
			st = HPDF_Stream_WriteStr(out, "endbfrange\n");
	}
	if (st == HPDF_OK)
		st = HPDF_Stream_WriteStr(out, "endcmap\nCMapName currentdict /CMap defineresource "
		                          "pop\nend\nend\n");
	return st;
}

/* Subsets and loads face f (an owner with code points), one load per file.
 * Returns 0 or -1. */
static int pdf_load_face(pdf_ctx *c, int f)
{
	pdf_face *pf = &c->faces[f];
	const lay_face *lf = &c->doc->faces[f];

	size_t n = 0;
	for (int w = 0; w < 65536 / 64; w++)
		n += (size_t)__builtin_popcountll(pf->used[w]);
	uint32_t *cps = malloc(n * sizeof *cps);
	if (cps == NULL)
		return pdf_fail(c, "out of memory");
	n = 0;
	for (uint32_t cp = 0; cp < 65536; cp++)
		if (pf->used[cp >> 6] & ((uint64_t)1 << (cp & 63)))
			cps[n++] = cp;

	char msg[512];
	int rc = pdf_subset_font(lf->path, cps, n, c->tmpdir, pf->tmp,
	                         sizeof pf->tmp, msg, sizeof msg);
	free(cps);
	if (rc != 0) {
		pf->tmp[0] = '\0';
		return pdf_fail(c, "%s", msg);
	}

	const char *name = HPDF_LoadTTFontFromFile(c->pdf, pf->tmp, HPDF_TRUE);
	if (name == NULL || pdf_bad(c, HPDF_OK))
		return pdf_fail_lib(c, HPDF_OK, "cannot load font %s", lf->path);
	/* libharu identifies fonts by PostScript name: a second file with the
	 * same name would silently reuse the first one's glyphs. */
	for (int g = 0; g < f; g++) {
		if (c->faces[g].psname != NULL && strcmp(c->faces[g].psname, name) == 0)
			return pdf_fail(c, "fonts %s and %s have the same PostScript name "
			                "\"%s\"; libharu cannot embed both", c->doc->faces[g].path,
			                lf->path, name);
	}
	pf->psname = name;
	pf->font = HPDF_GetFont(c->pdf, name, "UTF-8");
	if (pf->font == NULL || pdf_bad(c, HPDF_OK))
		return pdf_fail_lib(c, HPDF_OK, "cannot load font %s", lf->path);
	HPDF_STATUS st = pdf_to_unicode(c, pf);
	if (st != HPDF_OK)
		return pdf_fail_lib(c, st, "cannot map font %s to Unicode", lf->path);
	return 0;
}

/* Embeds every face some text uses, in face order (so the output does not
 * depend on anything but the input). Unused faces are not embedded.
 * Returns 0 or -1. */
int pdf_load_fonts(pdf_ctx *c)
{
	if (pdf_faces_init(c) != 0 || pdf_collect_code_points(c) != 0)
		return -1;
	for (int f = 0; f < c->doc->nfaces; f++) {
		if (c->faces[f].owner == f && c->faces[f].used != NULL &&
		    pdf_load_face(c, f) != 0)
			return -1;
	}
	return 0;
}

/* The embedded font for face f (valid after pdf_load_fonts). */
HPDF_Font pdf_font_of(const pdf_ctx *c, int f)
{
	return c->faces[c->faces[f].owner].font;
}


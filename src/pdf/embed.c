/*
 * embed.c -- fonts into the PDF: the code points each face shows, a subset
 * of its file with just those glyphs (hb-subset, subset.c), and the PDF
 * font objects over it, written through libharu's object API
 * (hpdf_objects.h) rather than its TrueType loader.
 *
 * Why not HPDF_LoadTTFontFromFile and HPDF_GetFont: libharu reads fonts
 * only from files, builds a 65,536-entry CIDToGIDMap and /W scan for every
 * font (a quarter of a one-page run), and with its UTF-8 encoder writes
 * every character as a 2-byte hex code. Here each face gets:
 *
 *   - one font file: the subset, with its cmap replaced by a (3,0) "symbol"
 *     subtable mapping 0xF000 + code to the glyph of each one-byte code --
 *     how a symbolic TrueType font maps its codes (PDF 32000-1, 9.6.6.4);
 *   - a simple TrueType font (/Flags 4, no /Encoding) with one-byte codes
 *     for the first 255 code points the face draws, given as they first
 *     appear (pdf_face_text): Latin text is written as literal strings,
 *     one byte a character;
 *   - a Type0 font (Identity-H) over a CIDFontType2 for the rest, made only
 *     when some code point has no one-byte code (or a short one-byte
 *     stretch sits amid such text). CIDs number the code points as they
 *     first need one (1, 2, ...), and a small CIDToGIDMap sends them to
 *     glyphs, so every code point keeps a code of its own even where two
 *     share a glyph;
 *   - a ToUnicode map for each, so the text copies out as written.
 *
 * The font dictionaries are named when first used and filled in, with the
 * font file, widths and ToUnicode maps, by pdf_finish_fonts once every
 * page is drawn. Widths are floor(advance * 1000 / units per em), as the
 * layout measures.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>

#include "pdf/internal.h"
#include "pdf/subset.h"

#define PDF_NCODES 255          /* one-byte codes 1..255 */

/* Decodes the code point at s[*i..len) and advances *i. The layout engine
 * guarantees valid UTF-8 in the BMP; anything else (truncated sequence,
 * 4-byte form) returns -1 rather than reading past the run. */
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

/* ---- codes, as characters first appear ------------------------------------- */

/* Sets up c->faces with the owner of each face: the first face with the
 * same file. Returns 0 or -1. */
int pdf_faces_init(pdf_ctx *c)
{
	const lay_doc *d = c->doc;
	if (d->nfaces == 0)
		return 0;
	c->faces = calloc((size_t)d->nfaces, sizeof *c->faces);
	if (c->faces == NULL)
		return pdf_fail(c, "out of memory");
	c->nfaces = d->nfaces;
	for (int f = 0; f < d->nfaces; f++) {
		pdf_face *pf = &c->faces[f];
		pf->owner = f;
		pf->taken[0] = true;                    /* code 0 is never used */
		pf->next = 0x80;
		for (int g = 0; g < f; g++) {
			if (strcmp(d->faces[g].path, d->faces[f].path) == 0) {
				pf->owner = g;
				break;
			}
		}
	}
	return 0;
}

/* Gives cp (which has neither) a one-byte code while the simple font has
 * room: its own value when it is below 256 and free (Latin text reads as
 * itself in the content stream), else the next free code from 0x80 up,
 * then 0x01 up. */
static void pdf_give_code(pdf_face *pf, uint32_t cp)
{
	unsigned k;
	if (cp > 0 && cp < 256 && !pf->taken[cp]) {
		k = cp;
	} else {
		k = pf->next;
		while (pf->taken[k])
			k = k == 0xFF ? 0x01 : k + 1;
		pf->next = k;
	}
	pf->taken[k] = true;
	pf->code_cp[k] = cp;
	pf->code[cp] = (uint8_t)k;
	pf->ncodes++;
}

/* Makes font (pf->simple or pf->type0) an empty indirect dictionary named
 * in the shared resources, filled in by pdf_finish_fonts once every
 * character is known. Returns HPDF_OK or a status. */
static HPDF_STATUS pdf_font_dict(pdf_ctx *c, HPDF_Dict *font, char name[12])
{
	HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
	if (d == NULL || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	*font = d;
	return pdf_add_resource(c, d, true, name);
}

HPDF_STATUS pdf_cid_of(pdf_ctx *c, pdf_face *pf, uint32_t cp)
{
	if (pf->cid[cp] != 0)
		return HPDF_OK;
	if (pf->type0 == NULL) {
		HPDF_STATUS st = pdf_font_dict(c, &pf->type0, pf->type0_name);
		if (st != HPDF_OK)
			return st;
	}
	if (pf->ncids == pf->capcids) {
		int cap = pf->capcids ? pf->capcids * 2 : 256;
		uint32_t *a = realloc(pf->cid_cp, (size_t)cap * sizeof *a);
		if (a == NULL)
			return HPDF_FAILD_TO_ALLOC_MEM;
		pf->cid_cp = a;
		pf->capcids = cap;
	}
	pf->cid_cp[pf->ncids++] = cp;           /* at most 65,536 code points */
	pf->cid[cp] = (uint16_t)pf->ncids;
	return HPDF_OK;
}

HPDF_STATUS pdf_face_text(pdf_ctx *c, pdf_face *pf, const uint32_t *cps, size_t m)
{
	if (pf->code == NULL) {
		pf->code = calloc(65536, sizeof *pf->code);
		pf->cid = calloc(65536, sizeof *pf->cid);
		if (pf->code == NULL || pf->cid == NULL)
			return HPDF_FAILD_TO_ALLOC_MEM;
	}
	for (size_t i = 0; i < m; i++) {
		uint32_t cp = cps[i];
		if (pf->code[cp] != 0 || pf->cid[cp] != 0)
			continue;
		if (pf->ncodes < PDF_NCODES) {
			if (pf->simple == NULL) {
				HPDF_STATUS st = pdf_font_dict(c, &pf->simple, pf->simple_name);
				if (st != HPDF_OK)
					return st;
			}
			pdf_give_code(pf, cp);
		} else {
			HPDF_STATUS st = pdf_cid_of(c, pf, cp);
			if (st != HPDF_OK)
				return st;
		}
	}
	return HPDF_OK;
}

/* ---- the font file ----------------------------------------------------------- */

static void put16(uint8_t *w, unsigned v)
{
	w[0] = (uint8_t)(v >> 8);
	w[1] = (uint8_t)v;
}

static unsigned get16(const uint8_t *r)
{
	return (unsigned)r[0] << 8 | r[1];
}

/* Builds the cmap table of the embedded font: one (3,0) format 4 subtable
 * mapping 0xF000 + code to the glyph of each one-byte code (gid_of_code[k],
 * 0 when code k is unused), in segments of consecutive codes with
 * consecutive glyphs. Returns a new blob owned by the caller, or NULL when
 * out of memory. */
static hb_blob_t *pdf_symbol_cmap(const unsigned gid_of_code[256])
{
	unsigned start[257], end[257], delta[257], nseg = 0;
	for (unsigned k = 1; k < 256; k++) {
		if (gid_of_code[k] == 0)
			continue;
		if (nseg > 0 && end[nseg - 1] == 0xF000 + k - 1 &&
		    gid_of_code[k - 1] + 1 == gid_of_code[k]) {
			end[nseg - 1]++;
			continue;
		}
		start[nseg] = end[nseg] = 0xF000 + k;
		delta[nseg] = (gid_of_code[k] - (0xF000 + k)) & 0xFFFF;
		nseg++;
	}
	start[nseg] = end[nseg] = 0xFFFF;       /* the required last segment */
	delta[nseg++] = 1;

	unsigned sub = 16 + 8 * nseg, size = 12 + sub;
	uint8_t *t = calloc(size, 1);
	if (t == NULL)
		return NULL;
	put16(t + 2, 1);                        /* version 0, one subtable */
	put16(t + 4, 3);                        /* Windows, symbol */
	put16(t + 6, 0);
	put16(t + 10, 12);                      /* its offset */
	uint8_t *s = t + 12;
	unsigned range = 1, selector = 0;
	while (range * 2 <= nseg) {
		range *= 2;
		selector++;
	}
	put16(s, 4);
	put16(s + 2, sub);
	put16(s + 6, 2 * nseg);
	put16(s + 8, 2 * range);
	put16(s + 10, selector);
	put16(s + 12, 2 * nseg - 2 * range);
	for (unsigned i = 0; i < nseg; i++) {
		put16(s + 14 + 2 * i, end[i]);
		put16(s + 16 + 2 * nseg + 2 * i, start[i]);
		put16(s + 16 + 4 * nseg + 2 * i, delta[i]);
		/* idRangeOffset stays 0: glyphs come from the deltas */
	}
	return hb_blob_create((const char *)t, size, HB_MEMORY_MODE_WRITABLE, t, free);
}

/* The subset's tables with its cmap replaced by cmap. Returns a new blob
 * owned by the caller (empty when out of memory). */
static hb_blob_t *pdf_font_file(hb_face_t *subset, hb_blob_t *cmap)
{
	hb_face_t *builder = hb_face_builder_create();
	hb_tag_t tags[32];
	unsigned start = 0, n;
	do {
		n = sizeof tags / sizeof tags[0];
		hb_face_get_table_tags(subset, start, &n, tags);
		for (unsigned i = 0; i < n; i++) {
			if (tags[i] == HB_TAG('c', 'm', 'a', 'p'))
				continue;
			hb_blob_t *table = hb_face_reference_table(subset, tags[i]);
			hb_face_builder_add_table(builder, tags[i], table);
			hb_blob_destroy(table);
		}
		start += n;
	} while (n == sizeof tags / sizeof tags[0]);
	hb_face_builder_add_table(builder, HB_TAG('c', 'm', 'a', 'p'), cmap);
	hb_blob_t *file = hb_face_reference_blob(builder);
	hb_face_destroy(builder);
	return file;
}

/* ---- PDF objects --------------------------------------------------------------- */

/* What the PDF says about a face besides its glyphs. */
typedef struct pdf_metrics {
	int bbox[4], ascent, descent, cap_height;
	double italic_angle;
	int flags;
	char name[80];          /* "ABCDEF+LiberationSans" */
} pdf_metrics;

/* Reads the font-wide metrics of the subset (in thousandths of an em, as
 * libharu computes them: truncated) and makes the subset's name: a tag of
 * six letters from a hash of the code points (the same subset gets the same
 * tag), "+", the PostScript name. */
static void pdf_read_metrics(hb_face_t *subset, const uint32_t *cps, size_t n,
                             pdf_metrics *m)
{
	int upem = (int)hb_face_get_upem(subset);
	if (upem <= 0)
		upem = 1000;
	memset(m, 0, sizeof *m);
	unsigned len;
	hb_blob_t *b = hb_face_reference_table(subset, HB_TAG('h', 'e', 'a', 'd'));
	const uint8_t *t = (const uint8_t *)hb_blob_get_data(b, &len);
	if (len >= 44)
		for (int i = 0; i < 4; i++)
			m->bbox[i] = (int16_t)get16(t + 36 + 2 * i) * 1000 / upem;
	hb_blob_destroy(b);
	b = hb_face_reference_table(subset, HB_TAG('h', 'h', 'e', 'a'));
	t = (const uint8_t *)hb_blob_get_data(b, &len);
	if (len >= 8) {
		m->ascent = (int16_t)get16(t + 4) * 1000 / upem;
		m->descent = (int16_t)get16(t + 6) * 1000 / upem;
	}
	hb_blob_destroy(b);
	m->cap_height = m->ascent;
	b = hb_face_reference_table(subset, HB_TAG('O', 'S', '/', '2'));
	t = (const uint8_t *)hb_blob_get_data(b, &len);
	if (len >= 90 && get16(t) >= 2)
		m->cap_height = (int16_t)get16(t + 88) * 1000 / upem;
	hb_blob_destroy(b);
	m->flags = 4;                                   /* symbolic */
	b = hb_face_reference_table(subset, HB_TAG('p', 'o', 's', 't'));
	t = (const uint8_t *)hb_blob_get_data(b, &len);
	if (len >= 16) {
		int32_t fixed = (int32_t)((uint32_t)get16(t + 4) << 16 | get16(t + 6));
		m->italic_angle = fixed / 65536.0;
		if (fixed != 0)
			m->flags |= 64;                         /* italic */
		if (get16(t + 12) != 0 || get16(t + 14) != 0)
			m->flags |= 1;                          /* fixed pitch */
	}
	hb_blob_destroy(b);

	uint32_t hash = 2166136261u;                    /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		hash = (hash ^ cps[i]) * 16777619u;
		hash = (hash ^ (cps[i] >> 8)) * 16777619u;
	}
	char tag[7];
	for (int i = 0; i < 6; i++, hash /= 26)
		tag[i] = (char)('A' + hash % 26);
	tag[6] = '\0';
	char ps[64] = "";
	unsigned size = sizeof ps;
	hb_ot_name_get_utf8(subset, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
	                    &size, ps);
	/* a PostScript name is printable ASCII without delimiters; keep it so */
	char *w = ps;
	for (const char *r = ps; *r != '\0'; r++)
		if (*r > ' ' && *r < 127 && strchr("()<>[]{}/%#", *r) == NULL)
			*w++ = *r;
	*w = '\0';
	snprintf(m->name, sizeof m->name, "%s+%s", tag, ps[0] ? ps : "Font");
}

/* A new indirect dictionary, or NULL when libharu fails. */
static HPDF_Dict pdf_new_dict(pdf_ctx *c)
{
	HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
	if (d != NULL && HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* The font descriptor over the font file, shared by both fonts of a face.
 * NULL when libharu fails. */
static HPDF_Dict pdf_descriptor(pdf_ctx *c, const pdf_metrics *m, HPDF_Dict file)
{
	HPDF_Dict d = pdf_new_dict(c);
	HPDF_Array bbox = HPDF_Array_New(c->pdf->mmgr);
	if (d == NULL || bbox == NULL)
		return NULL;
	HPDF_STATUS st = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	st |= HPDF_Dict_AddName(d, "FontName", m->name);
	st |= HPDF_Dict_AddNumber(d, "Flags", m->flags);
	st |= HPDF_Dict_Add(d, "FontBBox", bbox);
	for (int i = 0; i < 4; i++)
		st |= HPDF_Array_AddNumber(bbox, m->bbox[i]);
	st |= HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)m->italic_angle);
	st |= HPDF_Dict_AddNumber(d, "Ascent", m->ascent);
	st |= HPDF_Dict_AddNumber(d, "Descent", m->descent);
	st |= HPDF_Dict_AddNumber(d, "CapHeight", m->cap_height);
	st |= HPDF_Dict_AddNumber(d, "StemV", 0);
	st |= HPDF_Dict_Add(d, "FontFile2", file);
	return st == HPDF_OK ? d : NULL;
}

/* Writes a ToUnicode CMap for n codes (src ascending, bytes long) standing
 * for the BMP code points cp, as bfrange entries over runs where both go up
 * by one without crossing a multiple of 256 (a range may not), 100 to a
 * section as the format requires. Returns the stream, or NULL. */
static HPDF_Dict pdf_to_unicode(pdf_ctx *c, int bytes, const uint32_t *src,
                                const uint32_t *cp, size_t n)
{
	size_t cap = 512 + n * 24 + (n / 100 + 1) * 32;    /* 21 bytes an entry */
	char *buf = malloc(cap);
	if (buf == NULL)
		return NULL;
	char *w = buf;
	w += sprintf(w, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	             "1 begincodespacerange\n%s\nendcodespacerange\n",
	             bytes == 1 ? "<00> <FF>" : "<0000> <FFFF>");
	/* ranges: [from[r], from[r] + len[r]) of the entries */
	size_t nranges = 0;
	size_t *from = malloc((n ? n : 1) * sizeof *from);
	if (from == NULL) {
		free(buf);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		bool joins = i > 0 && src[i] == src[i - 1] + 1 && cp[i] == cp[i - 1] + 1 &&
		             (src[i] & 0xFF) != 0 && (cp[i] & 0xFF) != 0;
		if (!joins)
			from[nranges++] = i;
	}
	for (size_t r = 0; r < nranges; r++) {
		if (r % 100 == 0)
			w += sprintf(w, "%zu beginbfrange\n", nranges - r < 100 ? nranges - r : 100);
		size_t a = from[r], b = r + 1 < nranges ? from[r + 1] - 1 : n - 1;
		if (bytes == 1)
			w += sprintf(w, "<%02X> <%02X> <%04X>\n", (unsigned)src[a], (unsigned)src[b],
			             (unsigned)cp[a]);
		else
			w += sprintf(w, "<%04X> <%04X> <%04X>\n", (unsigned)src[a], (unsigned)src[b],
			             (unsigned)cp[a]);
		if (r % 100 == 99 || r == nranges - 1)
			w += sprintf(w, "endbfrange\n");
	}
	w += sprintf(w, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	free(from);
	HPDF_Dict s = pdf_new_deflated(c, buf, (size_t)(w - buf));
	free(buf);
	return s;
}

/* The glyphs of one font of a face: n code points (a one-byte code or a
 * CID each), their glyphs in the subset and their widths (thousandths of
 * an em). */
typedef struct pdf_glyphs {
	const uint32_t *cps;
	size_t n;
	const unsigned *gid;
	const int *width;
} pdf_glyphs;

/* Fills in the one-byte TrueType font of pf: /Widths over the codes
 * given, the shared descriptor, and the map back to Unicode. g holds the
 * code points of codes[0..g->n) (ascending). Returns HPDF_OK or a status. */
static HPDF_STATUS pdf_simple_font(pdf_ctx *c, pdf_face *pf, const pdf_metrics *m,
                                   HPDF_Dict descriptor, const uint32_t *codes,
                                   const pdf_glyphs *g)
{
	int widths[256] = {0};
	for (size_t i = 0; i < g->n; i++)
		widths[codes[i]] = g->width[i];
	unsigned first = g->n > 0 ? codes[0] : 1, last = g->n > 0 ? codes[g->n - 1] : 1;
	HPDF_Dict font = pf->simple;
	HPDF_Array w = HPDF_Array_New(c->pdf->mmgr);
	HPDF_Dict map = pdf_to_unicode(c, 1, codes, g->cps, g->n);
	if (w == NULL || map == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS st = HPDF_Dict_AddName(font, "Type", "Font");
	st |= HPDF_Dict_AddName(font, "Subtype", "TrueType");
	st |= HPDF_Dict_AddName(font, "BaseFont", m->name);
	st |= HPDF_Dict_AddNumber(font, "FirstChar", (HPDF_INT32)first);
	st |= HPDF_Dict_AddNumber(font, "LastChar", (HPDF_INT32)last);
	st |= HPDF_Dict_Add(font, "Widths", w);
	for (unsigned k = first; k <= last; k++)
		st |= HPDF_Array_AddNumber(w, widths[k]);
	st |= HPDF_Dict_Add(font, "FontDescriptor", descriptor);
	st |= HPDF_Dict_Add(font, "ToUnicode", map);
	return st != HPDF_OK ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* The most common of the n widths (the smallest of equals): the CID font's
 * /DW, so that /W lists only the others (all of a Hangul font's syllables
 * are one width). */
static int pdf_common_width(const int *width, size_t n)
{
	int best = 1000;
	size_t best_count = 0;
	for (size_t i = 0; i < n && i < 4096; i++) {       /* enough to find it */
		size_t count = 0;
		for (size_t j = 0; j < n && j < 4096; j++)
			count += width[j] == width[i];
		if (count > best_count || (count == best_count && width[i] < best)) {
			best = width[i];
			best_count = count;
		}
	}
	return best;
}

/* Fills in the Type0 font of pf: a CIDFontType2 whose CID i (1-based) is
 * g->cps[i - 1], its glyph given by a CIDToGIDMap, /W for the widths other
 * than /DW, and the map back to Unicode. Returns HPDF_OK or a status. */
static HPDF_STATUS pdf_type0_font(pdf_ctx *c, pdf_face *pf, const pdf_metrics *m,
                                  HPDF_Dict descriptor, const pdf_glyphs *g)
{
	size_t n = g->n;
	uint8_t *gids = malloc(2 * (n + 1));
	uint32_t *cids = malloc((n ? n : 1) * sizeof *cids);
	if (gids == NULL || cids == NULL) {
		free(gids);
		free(cids);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	put16(gids, 0);
	for (size_t i = 0; i < n; i++) {
		put16(gids + 2 * (i + 1), g->gid[i]);
		cids[i] = (uint32_t)(i + 1);
	}
	HPDF_Dict togid = pdf_new_deflated(c, gids, 2 * (n + 1));
	HPDF_Dict map = pdf_to_unicode(c, 2, cids, g->cps, n);
	free(gids);
	free(cids);
	HPDF_Dict font = pf->type0, cid = pdf_new_dict(c);
	HPDF_Dict info = HPDF_Dict_New(c->pdf->mmgr);
	HPDF_Array desc = HPDF_Array_New(c->pdf->mmgr), w = HPDF_Array_New(c->pdf->mmgr);
	if (togid == NULL || map == NULL || cid == NULL || info == NULL || desc == NULL ||
	    w == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;

	int dw = pdf_common_width(g->width, n);
	HPDF_STATUS st = HPDF_Dict_AddName(cid, "Type", "Font");
	st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	st |= HPDF_Dict_AddName(cid, "BaseFont", m->name);
	st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(c->pdf->mmgr, "Adobe", NULL));
	st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(c->pdf->mmgr, "Identity", NULL));
	st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	st |= HPDF_Dict_Add(cid, "FontDescriptor", descriptor);
	st |= HPDF_Dict_AddNumber(cid, "DW", dw);
	st |= HPDF_Dict_Add(cid, "W", w);
	HPDF_Array group = NULL;                /* the widths of consecutive CIDs */
	for (size_t i = 0; i < n && st == HPDF_OK; i++) {
		if (g->width[i] == dw) {
			group = NULL;
			continue;
		}
		if (group == NULL) {
			group = HPDF_Array_New(c->pdf->mmgr);
			st |= HPDF_Array_AddNumber(w, (HPDF_INT32)(i + 1));
			st |= group == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_Array_Add(w, group);
		}
		if (st == HPDF_OK)
			st |= HPDF_Array_AddNumber(group, g->width[i]);
	}
	st |= HPDF_Dict_Add(cid, "CIDToGIDMap", togid);

	st |= HPDF_Dict_AddName(font, "Type", "Font");
	st |= HPDF_Dict_AddName(font, "Subtype", "Type0");
	st |= HPDF_Dict_AddName(font, "BaseFont", m->name);
	st |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	st |= HPDF_Dict_Add(font, "DescendantFonts", desc);
	st |= HPDF_Array_Add(desc, cid);
	st |= HPDF_Dict_Add(font, "ToUnicode", map);
	return st != HPDF_OK ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* Looks up the glyph and width of each of cps in the subset. False when a
 * code point has no glyph (pdf_subset_face has checked they all have). */
static bool pdf_glyphs_of(hb_face_t *subset, const uint32_t *cps, size_t n,
                          unsigned *gid, int *width)
{
	hb_font_t *font = hb_font_create(subset);     /* scale: units per em */
	long upem = (long)hb_face_get_upem(subset);
	bool ok = upem > 0;
	for (size_t i = 0; i < n && ok; i++) {
		hb_codepoint_t g;
		ok = hb_font_get_nominal_glyph(font, cps[i], &g) && g <= 0xFFFF;
		gid[i] = g;
		long adv = ok ? hb_font_get_glyph_h_advance(font, g) : 0;
		width[i] = adv > 0 ? (int)(adv * 1000 / upem) : 0;   /* floor, as the layout */
	}
	hb_font_destroy(font);
	return ok;
}

static int pdf_by_value(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The code points face pf has drawn, ascending, each once, in a new array
 * (NULL when out of memory); their count in *n. */
static uint32_t *pdf_drawn(const pdf_face *pf, size_t *n)
{
	uint32_t *cps = malloc(((size_t)pf->ncodes + (size_t)pf->ncids + 1) * sizeof *cps);
	if (cps == NULL)
		return NULL;
	size_t m = 0;
	for (unsigned k = 1; k < 256; k++)
		if (pf->taken[k])
			cps[m++] = pf->code_cp[k];
	if (pf->ncids > 0)      /* cid_cp is NULL until a first CID */
		memcpy(cps + m, pf->cid_cp, (size_t)pf->ncids * sizeof *cps);
	m += (size_t)pf->ncids;
	qsort(cps, m, sizeof *cps, pdf_by_value);
	size_t w = 0;
	for (size_t i = 0; i < m; i++)
		if (w == 0 || cps[w - 1] != cps[i])
			cps[w++] = cps[i];
	*n = w;
	return cps;
}

/* Embeds the subset (its cmap giving the one-byte codes) and fills in the
 * fonts of pf from it. Returns HPDF_OK, a status, or -1 after reporting
 * (c->failed). */
static HPDF_STATUS pdf_make_fonts(pdf_ctx *c, pdf_face *pf, hb_face_t *subset,
                                  const uint32_t *cps, size_t n)
{
	uint32_t codes[256], code_cps[256];
	unsigned code_gid[256];
	int code_width[256];
	size_t ncodes = 0;
	for (unsigned k = 1; k < 256; k++) {
		if (pf->taken[k]) {
			codes[ncodes] = k;
			code_cps[ncodes++] = pf->code_cp[k];
		}
	}
	size_t ncids = (size_t)pf->ncids;
	unsigned *gid = malloc((ncids + 1) * sizeof *gid);
	int *width = malloc((ncids + 1) * sizeof *width);
	HPDF_STATUS st = HPDF_FAILD_TO_ALLOC_MEM;
	hb_blob_t *cmap = NULL, *file = NULL;
	if (gid == NULL || width == NULL)
		goto done;
	if (!pdf_glyphs_of(subset, code_cps, ncodes, code_gid, code_width) ||
	    !pdf_glyphs_of(subset, pf->cid_cp, ncids, gid, width)) {
		st = (HPDF_STATUS)pdf_fail(c, "the subset of a font lost a glyph");
		goto done;
	}
	unsigned gid_of_code[256] = {0};
	for (size_t i = 0; i < ncodes; i++)
		gid_of_code[codes[i]] = code_gid[i];
	cmap = pdf_symbol_cmap(gid_of_code);
	file = cmap != NULL ? pdf_font_file(subset, cmap) : NULL;
	unsigned len = 0;
	const char *data = file != NULL ? hb_blob_get_data(file, &len) : NULL;
	if (len == 0)
		goto done;
	HPDF_Dict stream = pdf_new_deflated(c, data, len);
	if (stream == NULL || HPDF_Dict_AddNumber(stream, "Length1", (HPDF_INT32)len) != HPDF_OK)
		goto done;
	pdf_metrics m;
	pdf_read_metrics(subset, cps, n, &m);
	HPDF_Dict descriptor = pdf_descriptor(c, &m, stream);
	if (descriptor == NULL)
		goto done;
	st = HPDF_OK;
	if (pf->simple != NULL) {
		pdf_glyphs g = {code_cps, ncodes, code_gid, code_width};
		st = pdf_simple_font(c, pf, &m, descriptor, codes, &g);
	}
	if (st == HPDF_OK && pf->type0 != NULL) {
		pdf_glyphs g = {pf->cid_cp, ncids, gid, width};
		st = pdf_type0_font(c, pf, &m, descriptor, &g);
	}
done:
	hb_blob_destroy(file);
	hb_blob_destroy(cmap);
	free(gid);
	free(width);
	return st;
}

/* Subsets face f (an owner that has drawn text) to the code points it
 * drew and embeds it, one font file for both its fonts. Returns 0 or -1. */
static int pdf_finish_face(pdf_ctx *c, int f)
{
	pdf_face *pf = &c->faces[f];
	const lay_face *lf = &c->doc->faces[f];
	size_t n;
	uint32_t *cps = pdf_drawn(pf, &n);
	if (cps == NULL)
		return pdf_fail(c, "out of memory");
	char msg[512];
	hb_face_t *subset = pdf_subset_face(lf->path, cps, n, msg, sizeof msg);
	if (subset == NULL) {
		free(cps);
		return pdf_fail(c, "%s", msg);
	}
	HPDF_STATUS st = pdf_make_fonts(c, pf, subset, cps, n);
	hb_face_destroy(subset);
	free(cps);
	if (c->failed)
		return -1;
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "cannot embed font %s", lf->path);
	return 0;
}

int pdf_finish_fonts(pdf_ctx *c)
{
	for (int f = 0; f < c->nfaces; f++) {
		const pdf_face *pf = &c->faces[f];
		if (pf->owner == f && (pf->simple != NULL || pf->type0 != NULL) &&
		    pdf_finish_face(c, f) != 0)
			return -1;
	}
	return 0;
}

pdf_face *pdf_face_of(const pdf_ctx *c, int f)
{
	return &c->faces[c->faces[f].owner];
}

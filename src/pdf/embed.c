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
 *     for the at most 255 code points the document draws most: Latin text
 *     is written as literal strings, one byte a character;
 *   - a Type0 font (Identity-H) over a CIDFontType2 for the rest, made only
 *     when some code point has no one-byte code. CIDs number the code
 *     points drawn in order (1, 2, ...), and a small CIDToGIDMap sends them
 *     to glyphs, so every code point keeps a code of its own even where two
 *     share a glyph;
 *   - a ToUnicode map for each, so the text copies out as written.
 *
 * Widths are floor(advance * 1000 / units per em), as the layout measures.
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

/* ---- what the text draws -------------------------------------------------- */

/* Sets up c->faces with the owner of each face: the first face with the
 * same file. Counts come later, for owners that draw text. Returns 0 or -1. */
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

/* Counts in the owners every code point the text items draw, after
 * checking each item's face index and encoding. Returns 0 or -1. */
static int pdf_count_code_points(pdf_ctx *c)
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
			if (owner->count == NULL) {
				owner->count = calloc(65536, sizeof *owner->count);
				if (owner->count == NULL)
					return pdf_fail(c, "out of memory");
			}
			const unsigned char *s = (const unsigned char *)it->u.text.str;
			int len = it->u.text.len;
			for (int i = 0; i < len;) {
				long cp = pdf_next_cp(s, len, &i);
				if (cp < 0)
					return pdf_fail(c, "page %d, item %d (text): byte %d is "
					                "not UTF-8 for a character a PDF font here "
					                "can draw (BMP only)", p + 1, k + 1, i + 1);
				if (owner->count[cp] < UINT32_MAX)
					owner->count[cp]++;
			}
		}
	}
	return 0;
}

/* ---- codes ----------------------------------------------------------------- */

static const uint32_t *pdf_sort_counts;   /* for pdf_by_use, during qsort */

/* Orders code points by use, most used first, then by value. */
static int pdf_by_use(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t cx = pdf_sort_counts[x], cy = pdf_sort_counts[y];
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Gives one-byte codes to the (at most 255) code points of cps[0..n)
 * (ascending) drawn most often, in pf->code. A code point below 256 keeps
 * its own value as its code (Latin text reads as itself in the content
 * stream); the others take the free codes from 0x80 up, then 0x01 up.
 * Returns how many got a code, or -1 when out of memory. */
static int pdf_assign_codes(pdf_face *pf, const uint32_t *cps, size_t n)
{
	uint32_t *chosen = malloc((n ? n : 1) * sizeof *chosen);
	if (chosen == NULL)
		return -1;
	memcpy(chosen, cps, n * sizeof *chosen);
	size_t m = n;
	if (m > PDF_NCODES) {
		pdf_sort_counts = pf->count;
		qsort(chosen, n, sizeof *chosen, pdf_by_use);
		m = PDF_NCODES;
	}
	bool taken[256] = {true};               /* code 0 is never used */
	for (size_t i = 0; i < m; i++) {
		uint32_t cp = chosen[i];
		if (cp > 0 && cp < 256) {
			pf->code[cp] = (uint8_t)cp;
			taken[cp] = true;
		}
	}
	unsigned next = 0x80;
	for (size_t i = 0; i < m; i++) {
		uint32_t cp = chosen[i];
		if (cp > 0 && cp < 256)
			continue;
		while (taken[next])
			next = next == 0xFF ? 0x01 : next + 1;
		pf->code[cp] = (uint8_t)next;
		taken[next] = true;
	}
	free(chosen);
	return (int)m;
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

/* A new compressed stream (an indirect dictionary) holding len bytes of
 * data, or NULL when libharu fails. */
static HPDF_Dict pdf_new_stream(pdf_ctx *c, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
	if (s == NULL)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (len > 0 && HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
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
	HPDF_Dict s = pdf_new_stream(c, buf, (size_t)(w - buf));
	free(buf);
	return s;
}

/* Everything the fonts of one face are made from. */
typedef struct pdf_glyphs {
	const uint32_t *cps;    /* the code points drawn, ascending */
	size_t n;
	const unsigned *gid;    /* their glyphs in the subset */
	const int *width;       /* their widths, thousandths of an em */
	const pdf_metrics *m;
	HPDF_Dict descriptor;
} pdf_glyphs;

/* Makes the one-byte TrueType font of pf: /Widths over the codes used,
 * the shared descriptor, and the map back to Unicode. Returns HPDF_OK or a
 * status. */
static HPDF_STATUS pdf_simple_font(pdf_ctx *c, pdf_face *pf, const pdf_glyphs *g)
{
	int widths[256] = {0};
	uint32_t cp_of[256] = {0}, src[256], dst[256];
	for (size_t i = 0; i < g->n; i++) {
		unsigned k = pf->code[g->cps[i]];
		if (k != 0) {
			widths[k] = g->width[i];
			cp_of[k] = g->cps[i] + 1;           /* 0: code k is unused */
		}
	}
	size_t n = 0;
	unsigned first = 256, last = 0;
	for (unsigned k = 1; k < 256; k++) {
		if (cp_of[k] == 0)
			continue;
		src[n] = k;
		dst[n++] = cp_of[k] - 1;
		first = first < k ? first : k;
		last = k;
	}
	HPDF_Dict font = pdf_new_dict(c);
	HPDF_Array w = HPDF_Array_New(c->pdf->mmgr);
	HPDF_Dict map = pdf_to_unicode(c, 1, src, dst, n);
	if (font == NULL || w == NULL || map == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS st = HPDF_Dict_AddName(font, "Type", "Font");
	st |= HPDF_Dict_AddName(font, "Subtype", "TrueType");
	st |= HPDF_Dict_AddName(font, "BaseFont", g->m->name);
	st |= HPDF_Dict_AddNumber(font, "FirstChar", (HPDF_INT32)first);
	st |= HPDF_Dict_AddNumber(font, "LastChar", (HPDF_INT32)last);
	st |= HPDF_Dict_Add(font, "Widths", w);
	for (unsigned k = first; k <= last; k++)
		st |= HPDF_Array_AddNumber(w, widths[k]);
	st |= HPDF_Dict_Add(font, "FontDescriptor", g->descriptor);
	st |= HPDF_Dict_Add(font, "ToUnicode", map);
	if (st != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	pf->simple = font;
	return pdf_add_resource(c, font, true, pf->simple_name);
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

/* Makes the Type0 font of pf: a CIDFontType2 whose CID i (1-based) is the
 * i-th code point drawn, its glyph given by a CIDToGIDMap, /W for the
 * widths other than /DW, and the map back to Unicode. Returns HPDF_OK or a
 * status. */
static HPDF_STATUS pdf_type0_font(pdf_ctx *c, pdf_face *pf, const pdf_glyphs *g)
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
	HPDF_Dict togid = pdf_new_stream(c, gids, 2 * (n + 1));
	HPDF_Dict map = pdf_to_unicode(c, 2, cids, g->cps, n);
	free(gids);
	free(cids);
	HPDF_Dict font = pdf_new_dict(c), cid = pdf_new_dict(c);
	HPDF_Dict info = HPDF_Dict_New(c->pdf->mmgr);
	HPDF_Array desc = HPDF_Array_New(c->pdf->mmgr), w = HPDF_Array_New(c->pdf->mmgr);
	if (togid == NULL || map == NULL || font == NULL || cid == NULL || info == NULL ||
	    desc == NULL || w == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;

	int dw = pdf_common_width(g->width, n);
	HPDF_STATUS st = HPDF_Dict_AddName(cid, "Type", "Font");
	st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	st |= HPDF_Dict_AddName(cid, "BaseFont", g->m->name);
	st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(c->pdf->mmgr, "Adobe", NULL));
	st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(c->pdf->mmgr, "Identity", NULL));
	st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	st |= HPDF_Dict_Add(cid, "FontDescriptor", g->descriptor);
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
	st |= HPDF_Dict_AddName(font, "BaseFont", g->m->name);
	st |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	st |= HPDF_Dict_Add(font, "DescendantFonts", desc);
	st |= HPDF_Array_Add(desc, cid);
	st |= HPDF_Dict_Add(font, "ToUnicode", map);
	if (st != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	pf->type0 = font;
	for (size_t i = 0; i < n; i++)
		pf->cid[g->cps[i]] = (uint16_t)(i + 1);
	return pdf_add_resource(c, font, true, pf->type0_name);
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

/* Embeds the subset and makes the fonts of pf from it. Returns HPDF_OK,
 * a status, or -1 after reporting (c->failed). */
static HPDF_STATUS pdf_make_fonts(pdf_ctx *c, pdf_face *pf, hb_face_t *subset,
                                  const uint32_t *cps, size_t n, int ncodes)
{
	unsigned *gid = malloc(n * sizeof *gid);
	int *width = malloc(n * sizeof *width);
	HPDF_STATUS st = HPDF_FAILD_TO_ALLOC_MEM;
	hb_blob_t *cmap = NULL, *file = NULL;
	if (gid == NULL || width == NULL)
		goto done;
	if (!pdf_glyphs_of(subset, cps, n, gid, width)) {
		st = (HPDF_STATUS)pdf_fail(c, "the subset of a font lost a glyph");
		goto done;
	}
	unsigned gid_of_code[256] = {0};
	for (size_t i = 0; i < n; i++)
		if (pf->code[cps[i]] != 0)
			gid_of_code[pf->code[cps[i]]] = gid[i];
	cmap = pdf_symbol_cmap(gid_of_code);
	file = cmap != NULL ? pdf_font_file(subset, cmap) : NULL;
	unsigned len = 0;
	const char *data = file != NULL ? hb_blob_get_data(file, &len) : NULL;
	if (len == 0)
		goto done;
	HPDF_Dict stream = pdf_new_stream(c, data, len);
	if (stream == NULL || HPDF_Dict_AddNumber(stream, "Length1", (HPDF_INT32)len) != HPDF_OK)
		goto done;
	pdf_metrics m;
	pdf_read_metrics(subset, cps, n, &m);
	pdf_glyphs g = {cps, n, gid, width, &m, pdf_descriptor(c, &m, stream)};
	if (g.descriptor == NULL)
		goto done;
	st = ncodes > 0 ? pdf_simple_font(c, pf, &g) : HPDF_OK;
	if (st == HPDF_OK && (size_t)ncodes < n)
		st = pdf_type0_font(c, pf, &g);
done:
	hb_blob_destroy(file);
	hb_blob_destroy(cmap);
	free(gid);
	free(width);
	return st;
}

/* Subsets face f (an owner with code points) and embeds it, one font file
 * for both its fonts. Returns 0 or -1. */
static int pdf_load_face(pdf_ctx *c, int f)
{
	pdf_face *pf = &c->faces[f];
	const lay_face *lf = &c->doc->faces[f];

	size_t n = 0;
	for (uint32_t cp = 0; cp < 65536; cp++)
		n += pf->count[cp] != 0;
	uint32_t *cps = malloc(n * sizeof *cps);
	pf->code = calloc(65536, sizeof *pf->code);
	pf->cid = calloc(65536, sizeof *pf->cid);
	if (cps == NULL || pf->code == NULL || pf->cid == NULL) {
		free(cps);
		return pdf_fail(c, "out of memory");
	}
	n = 0;
	for (uint32_t cp = 0; cp < 65536; cp++)
		if (pf->count[cp] != 0)
			cps[n++] = cp;

	char msg[512];
	hb_face_t *subset = pdf_subset_face(lf->path, cps, n, msg, sizeof msg);
	if (subset == NULL) {
		free(cps);
		return pdf_fail(c, "%s", msg);
	}
	int ncodes = pdf_assign_codes(pf, cps, n);
	HPDF_STATUS st = ncodes < 0 ? HPDF_FAILD_TO_ALLOC_MEM
	                            : pdf_make_fonts(c, pf, subset, cps, n, ncodes);
	hb_face_destroy(subset);
	free(cps);
	if (c->failed)
		return -1;
	if (pdf_bad(c, st))
		return pdf_fail_lib(c, st, "cannot embed font %s", lf->path);
	return 0;
}

/* Embeds every face some text uses, in face order (so the output does not
 * depend on anything but the input). Unused faces are not embedded.
 * Returns 0 or -1. */
int pdf_load_fonts(pdf_ctx *c)
{
	if (pdf_faces_init(c) != 0 || pdf_count_code_points(c) != 0)
		return -1;
	for (int f = 0; f < c->doc->nfaces; f++) {
		if (c->faces[f].owner == f && c->faces[f].count != NULL &&
		    pdf_load_face(c, f) != 0)
			return -1;
	}
	return 0;
}

const pdf_face *pdf_face_of(const pdf_ctx *c, int f)
{
	return &c->faces[c->faces[f].owner];
}

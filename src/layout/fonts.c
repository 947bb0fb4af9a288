/*
 * fonts.c -- font files, coverage, advance widths and shaping through
 * HarfBuzz.
 *
 * Per face, the advance widths of the BMP are kept in pages of 256
 * characters, each made and filled on first use from the face's cmap and
 * hmtx; a sentinel marks characters the face lacks. Lookups after that are
 * two array reads, and a document in one script touches a page or two.
 *
 * Shaping (fonts_shape) runs hb_shape on a buffer kept per face, and keeps
 * the results of recently shaped short runs -- the words of a report, most
 * of them seen many times -- in a cache per face (4-way set associative,
 * 512 entries at first, growing fourfold as it fills up to 4,096 of 64
 * bytes, 256 KB), so that a word shaped before costs a hash and a compare: about
 * 0.03 microseconds against 1 to 1.5 for hb_shape, measured with
 * BRIEF_SHAPE_BENCH (tests/test_fonts.c). A one-page briefing keeps the
 * small table, and the memory it touches.
 */
#include "layout/fonts.h"

#include <hb.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/document.h"
#include "util/utf8.h"

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

/* The shaping cache: up to SHAPE_SETS sets of SHAPE_WAYS entries per
 * face (SHAPE_SETS_FIRST at first, growing fourfold when half its entries
 * are taken), a run's set chosen by its hash; a new run evicts the entry of
 * its set used least recently. An entry holds the run's bytes and then its
 * adjustments, in SHAPE_DATA bytes: words of up to 16 Latin letters or 9
 * Hangul syllables. Longer runs are shaped every time. */
#define SHAPE_SETS 1024             /* powers of two */
#define SHAPE_SETS_FIRST 128
#define SHAPE_WAYS 4
#define SHAPE_DATA 48

typedef struct shape_slot {
	uint32_t hash;
	uint32_t used;              /* the face's clock when last found or made */
	uint16_t len;               /* bytes of the run; 0: the slot is empty */
	uint16_t ncp;               /* its code points, and adjustments */
	int32_t width;              /* what fonts_shape returns for it */
	unsigned char data[SHAPE_DATA]; /* len bytes of run, ncp shorts of kern */
} shape_slot;

typedef struct face_state {
	hb_font_t *font;        /* NULL until first use */
	unsigned upem;
	bool opened;            /* font set up (or found unreadable) */
	uint16_t *widths[256];  /* pages of 256 widths, by cp >> 8; NULL until used */
	hb_buffer_t *buf;       /* reused by every shaping; NULL until the first */
	shape_slot *cache;      /* nsets * SHAPE_WAYS; NULL until the first */
	unsigned nsets;
	unsigned taken;         /* entries of the cache holding a run */
	uint32_t clock;         /* counts cache look-ups, for least recently used */
	bool ascii_known, ascii;    /* fonts_covers_ascii(), once worked out */
} face_state;

/* Per code point of the run being shaped: its byte offset and its nominal
 * advance in font units. Grown as runs need, kept between calls. */
typedef struct shape_scratch {
	uint32_t *offset;       /* n + 1 entries: the last is the run's length */
	int32_t *nominal;
	short *kern;            /* the adjustments being worked out */
	size_t cap;
} shape_scratch;

struct lay_fonts {
	lay_face names[FONT_NFACES];
	char paths[FONT_NFACES][512];
	char labels[FONT_NFACES][64];
	face_state faces[FONT_NFACES];
	shape_scratch scratch;
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
		hb_buffer_destroy(f->faces[i].buf);
		for (int pg = 0; pg < 256; pg++)
			free(f->faces[i].widths[pg]);
		free(f->faces[i].cache);
	}
	free(f->scratch.offset);
	free(f->scratch.nominal);
	free(f->scratch.kern);
	free(f);
}

/* Opens face i on first use. A face that cannot be read (a corrupt file)
 * behaves as a face without glyphs, so its text falls back or is reported. */
static face_state *get_face(lay_fonts *f, int i)
{
	face_state *fc = &f->faces[i];
	if (fc->opened)
		return fc;
	fc->opened = true;
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
	uint16_t *page = fc->widths[cp >> 8];
	if (!page) {
		page = malloc(256 * sizeof *page);
		if (!page)
			return MISSING;
		memset(page, 0xFF, 256 * sizeof *page);     /* UNKNOWN */
		fc->widths[cp >> 8] = page;
	}
	uint16_t w = page[cp & 0xFF];
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
	page[cp & 0xFF] = w;
	return w;
}

int fonts_face(doc_family family, unsigned style)
{
	return (int)family * 4 + (int)(style & (DOC_BOLD | DOC_ITALIC));
}

int fonts_cover(lay_fonts *f, int want, uint32_t cp)
{
	/* called for every character laid out: a face's own character whose
	 * width is known already costs one array read */
	const uint16_t *known = cp <= 0xFFFF ? f->faces[want].widths[cp >> 8] : NULL;
	if (known && known[cp & 0xFF] < MISSING)
		return want;
	if (width_of(f, want, cp) != MISSING)
		return want;
	bool bold = want < FONT_HANGUL ? (want & DOC_BOLD) != 0 : want == FONT_HANGUL_BOLD;
	int fb = bold ? FONT_HANGUL_BOLD : FONT_HANGUL;
	if (fb != want && width_of(f, fb, cp) != MISSING)
		return fb;
	return -1;
}

bool fonts_covers_ascii(lay_fonts *f, int face)
{
	face_state *fc = get_face(f, face);
	if (!fc)
		return false;
	if (!fc->ascii_known) {
		fc->ascii = true;
		for (uint32_t cp = 0x21; cp < 0x7F; cp++)
			fc->ascii = fc->ascii && width_of(f, face, cp) != MISSING;
		fc->ascii_known = true;
	}
	return fc->ascii;
}

int fonts_advance(lay_fonts *f, int face, uint32_t cp)
{
	unsigned w = width_of(f, face, cp);
	return w == MISSING ? 0 : (int)w;
}

/* ---- shaping ------------------------------------------------------------------ */

/* FNV-1a: words are short, and this is cheap for them. */
static uint32_t shape_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* units font units of a face of upem units per em, as the nearest
 * thousandth of an em (halves up, negative values too): the one rounding
 * every shaped position goes through. */
static long thousandths(long units, unsigned upem)
{
	long num = units * 2000 + (long)upem, den = 2 * (long)upem;
	long q = num / den;
	return num % den != 0 && num < 0 ? q - 1 : q;   /* floor division */
}

/* The entry of the cache of fc for the run s[0..len) of hash h: the one
 * holding it, marked as just used (*found set), or else the one to replace
 * with it: an empty one, or the one used least recently. */
static shape_slot *cache_find(face_state *fc, uint32_t h, const char *s, size_t len,
                              bool *found)
{
	shape_slot *set = &fc->cache[(size_t)(h & (fc->nsets - 1)) * SHAPE_WAYS];
	shape_slot *oldest = set;
	uint32_t now = ++fc->clock;
	for (int w = 0; w < SHAPE_WAYS; w++) {
		shape_slot *sl = &set[w];
		if (sl->len == len && sl->hash == h && memcmp(sl->data, s, len) == 0) {
			sl->used = now;
			*found = true;
			return sl;
		}
		/* ages by unsigned difference, so that the clock may wrap */
		if (sl->len == 0 || (oldest->len != 0 && now - sl->used > now - oldest->used))
			oldest = sl;
	}
	*found = false;
	return oldest;
}

/* Makes the cache of fc four times larger, the runs it holds moved over
 * (the least recently used of a set given up should more than SHAPE_WAYS
 * meet in one). Out of memory: it stays as it is. */
static void cache_grow(face_state *fc)
{
	unsigned old = fc->nsets;
	shape_slot *was = fc->cache;
	shape_slot *now = calloc((size_t)old * 4 * SHAPE_WAYS, sizeof *now);
	if (!now)
		return;
	fc->cache = now;
	fc->nsets = old * 4;
	fc->taken = 0;
	for (size_t k = 0; k < (size_t)old * SHAPE_WAYS; k++) {
		const shape_slot *sl = &was[k];
		if (sl->len == 0)
			continue;
		shape_slot *set = &now[(size_t)(sl->hash & (fc->nsets - 1)) * SHAPE_WAYS];
		shape_slot *to = set;
		for (int w = 0; w < SHAPE_WAYS; w++)
			if (set[w].len == 0 || (to->len != 0 && set[w].used < to->used))
				to = &set[w];
		fc->taken += to->len == 0;
		*to = *sl;
	}
	free(was);
}

/* Makes room in the scratch arrays for n code points. False when out of
 * memory (the arrays already there stay valid). */
static bool scratch_reserve(shape_scratch *sc, size_t n)
{
	if (n + 1 <= sc->cap)
		return true;
	size_t cap = sc->cap ? sc->cap : 64;
	while (cap < n + 1)
		cap *= 2;
	uint32_t *off = realloc(sc->offset, cap * sizeof *off);
	if (off)
		sc->offset = off;
	int32_t *nom = realloc(sc->nominal, cap * sizeof *nom);
	if (nom)
		sc->nominal = nom;
	short *kern = realloc(sc->kern, cap * sizeof *kern);
	if (kern)
		sc->kern = kern;
	if (!off || !nom || !kern)
		return false;
	sc->cap = cap;
	return true;
}

/* Sets up shaping in an opened face: the reusable buffer and the cache.
 * Returns 0, or -1 when out of memory (then nothing is kept). */
static int shape_init(face_state *fc)
{
	fc->buf = hb_buffer_create();
	fc->cache = calloc((size_t)SHAPE_SETS_FIRST * SHAPE_WAYS, sizeof *fc->cache);
	fc->nsets = SHAPE_SETS_FIRST;
	if (!hb_buffer_allocation_successful(fc->buf) || !fc->cache) {
		hb_buffer_destroy(fc->buf);
		free(fc->cache);
		fc->buf = NULL;
		fc->cache = NULL;
		return -1;
	}
	return 0;
}

/* The advance of cp's own glyph (the one libharu draws) in font units. */
static int32_t nominal_units(const face_state *fc, uint32_t cp)
{
	hb_codepoint_t gid;
	if (!fc->font || !hb_font_get_nominal_glyph(fc->font, cp, &gid))
		return 0;
	return (int32_t)hb_font_get_glyph_h_advance(fc->font, gid);
}

/* Shapes s[0..len) (len > 0) in face i with HarfBuzz and works out, in
 * f->scratch.kern, one adjustment per code point. Returns the number of
 * code points and stores the run's width (/W advances plus adjustments) in
 * *width; -1 when out of memory.
 *
 * What shaping changes is measured per cluster (the glyphs HarfBuzz made of
 * some code points: one each, or a ligature of several), in font units: the
 * shaped advances of its glyphs minus the advances of its code points' own
 * glyphs, which libharu draws. The running total of those differences is
 * rounded to thousandths of an em once per cluster, and each cluster's first
 * code point takes what the rounded total moved, so rounding never adds up
 * along the run and a run without kerning gets no adjustment at all. */
static int shape_run(lay_fonts *f, int i, face_state *fc, const char *s, size_t len,
                     long *width)
{
	shape_scratch *sc = &f->scratch;
	if (!scratch_reserve(sc, len))
		return -1;
	size_t n = 0;
	long w = 0;
	for (size_t at = 0; at < len; n++) {
		uint32_t cp;
		sc->offset[n] = (uint32_t)at;
		at += utf8_decode(s + at, len - at, &cp);
		sc->nominal[n] = nominal_units(fc, cp);
		sc->kern[n] = 0;
		w += fonts_advance(f, i, cp);
	}
	sc->offset[n] = (uint32_t)len;
	*width = w;
	if (!fc->font)
		return (int)n;          /* an unreadable face: nothing to shape with */

	hb_buffer_t *buf = fc->buf;
	hb_buffer_clear_contents(buf);
	hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
	/* libharu draws in the order of the text: so does the shaping. The
	 * language is fixed per face, never the process's locale. */
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_language(buf, hb_language_from_string(i >= FONT_HANGUL ? "ko" : "en", -1));
	hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
	                    HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(fc->font, buf, NULL, 0);
	if (!hb_buffer_allocation_successful(buf))
		return -1;

	unsigned ng;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &ng);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &ng);
	long delta = 0;         /* shaped minus own advances so far, font units */
	long given = 0;         /* thousandths handed out to sc->kern so far */
	size_t cp = 0;          /* first code point not in a cluster yet */
	size_t target = 0;      /* the code point the current cluster adjusts */
	for (unsigned g = 0; g < ng;) {
		uint32_t cluster = info[g].cluster;
		unsigned h = g;
		for (; h < ng && info[h].cluster == cluster; h++)
			delta += pos[h].x_advance;
		uint32_t end = h < ng ? info[h].cluster : (uint32_t)len;
		if (cp < n && sc->offset[cp] < end)
			target = cp;    /* else (no code point of its own) the previous one */
		for (; cp < n && sc->offset[cp] < end; cp++)
			delta -= sc->nominal[cp];
		long k = thousandths(delta, fc->upem) - given;
		long now = sc->kern[target] + k;
		now = now < SHRT_MIN ? SHRT_MIN : now > SHRT_MAX ? SHRT_MAX : now;
		given += now - sc->kern[target];
		sc->kern[target] = (short)now;
		g = h;
	}
	*width = w + given;
	return (int)n;
}

long fonts_shape(lay_fonts *f, int face, const char *s, size_t len, short *kern)
{
	if (len == 0)
		return 0;
	face_state *fc = get_face(f, face);
	if (!fc || (!fc->buf && shape_init(fc) != 0))
		return -1;

	shape_slot *slot = NULL;
	uint32_t h = 0;
	if (len + sizeof(short) <= SHAPE_DATA) {
		bool found;
		h = shape_hash(s, len);
		slot = cache_find(fc, h, s, len, &found);
		if (found) {
			if (kern)
				memcpy(kern, slot->data + len, slot->ncp * sizeof *kern);
			return slot->width;
		}
	} else if (len > INT_MAX / 4) {
		return -1;      /* more than HarfBuzz takes, or memory holds */
	}
	long width;
	int n = shape_run(f, face, fc, s, len, &width);
	if (n < 0)
		return -1;
	size_t kbytes = (size_t)n * sizeof *kern;
	if (kern)
		memcpy(kern, f->scratch.kern, kbytes);
	if (slot && len + kbytes <= SHAPE_DATA && width >= INT32_MIN && width <= INT32_MAX) {
		fc->taken += slot->len == 0;
		*slot = (shape_slot){.hash = h, .used = fc->clock, .len = (uint16_t)len,
		                     .ncp = (uint16_t)n, .width = (int32_t)width};
		memcpy(slot->data, s, len);
		memcpy(slot->data + len, f->scratch.kern, kbytes);
		if (fc->nsets < SHAPE_SETS && fc->taken * 2 >= fc->nsets * SHAPE_WAYS)
			cache_grow(fc);
	}
	return width;
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

/*
 * linebreak.c -- where lines end.
 *
 * Ragged text is broken first fit: as many words on each line as fit, a
 * word wider than the column cut between characters. Justified text is
 * broken as a whole paragraph, the way Knuth and Plass's algorithm does for
 * TeX: among all ways to break it, the one whose lines need their spaces
 * stretched or shrunk least, counted over every line, so one loose line
 * does not pay for a tight one. Spaces may stretch by half and shrink by a
 * third of their width (TeX's proportions); a break where there is no
 * space (after a slash or an em dash) costs a little more than one at a
 * space; when no way keeps every space in bounds (a long word in a narrow
 * column) the paragraph falls back to first fit.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/breaker.h"
#include "layout/context.h"
#include "layout/hyphenate.h"
#include "util/utf8.h"

/* ---- first fit ------------------------------------------------------------------ */

/* How many bytes of box bx fit in `room` points, their width in *w; when
 * nothing fits, one character if `force` (a line must hold something), else
 * none. */
static int fitting(lay_ctx *c, const lay_inline *in, const lay_box *bx, float room,
                   bool force, float *w)
{
	const char *s = in->text + bx->off;
	int at = 0;
	*w = 0;
	while (at < bx->len) {
		uint32_t cp;
		int k = (int)utf8_decode(s + at, (size_t)(bx->len - at), &cp);
		float cw = (float)fonts_advance(c->fonts, bx->face, cp) * bx->size / 1000.0f;
		if ((at > 0 || !force) && *w + cw > room)
			break;
		*w += cw;
		at += k;
	}
	return at;
}

/* Appends a line of boxes [first, end) of `boxes`. */
static void push_line(lay_ctx *c, lay_inline *in, const lay_box *boxes, int first, int end,
                      bool last)
{
	if (!ctx_grow((void **)&in->lines, &in->caplines, in->nlines + 1, sizeof *in->lines)) {
		c->oom = true;
		return;
	}
	lay_line *l = &in->lines[in->nlines++];
	*l = (lay_line){.first = first, .count = end - first, .last = last};
	for (int j = first; j < end; j++) {
		l->width += boxes[j].width;
		if (j > first) {
			l->width += boxes[j].space;
			l->gaps += boxes[j].space > 0;
		}
	}
}

/* Says that the word starting at box i is cut between characters to fit a
 * column of width points; --strict makes this a failure. */
static void warn_cut(lay_ctx *c, const lay_inline *in, int i, float width)
{
	const lay_box *b = &in->boxes[i];
	int n = b->len < 24 ? b->len : 24;
	while (n > 0 && n < b->len && ((unsigned char)in->text[b->off + n] & 0xC0) == 0x80)
		n--;        /* not inside a character */
	ctx_warn(c, "\"%.*s%s\" is wider than its %.0f pt column: broken between characters",
	         n, in->text + b->off, n < b->len || i + 1 < in->nboxes ? "…" : "", width);
}

/* Appends box b to out (n boxes, capacity *cap); false when out of memory. */
static bool put_box(lay_box **out, int *n, int *cap, const lay_box *b)
{
	if (!ctx_grow((void **)out, cap, *n + 1, sizeof **out))
		return false;
	(*out)[(*n)++] = *b;
	return true;
}

/* Boxes go to a new array as they are placed on lines. A word cut between
 * characters adds boxes, and inserting them into in->boxes moved every box
 * after them: a long text of cut words (a narrow column) took quadratic
 * time. Here a cut puts its first part in `out` and leaves the rest in the
 * input box, which is placed next. */
void text_break(lay_ctx *c, lay_inline *in, float width)
{
	in->nlines = 0;
	lay_box *out = NULL;
	int n = 0, cap = 0;
	int first = 0;          /* of the line, in out */
	float w = 0;            /* width of the line so far */
	bool ok = true;
	int i = 0;
	while (i < in->nboxes && ok) {
		/* the word: box i and the boxes glued to it */
		int end = i + 1;
		float ww = in->boxes[i].width;
		while (end < in->nboxes && !(in->boxes[end].flags & BOX_BREAK)) {
			ww += in->boxes[end].space + in->boxes[end].width;
			end++;
		}
		bool forced = (in->boxes[i].flags & BOX_NEWLINE) && n > first;
		float lead = n > first ? in->boxes[i].space : 0;
		if (forced || (n > first && w + lead + ww > width)) {
			push_line(c, in, out, first, n, forced);
			first = n;
			w = 0;
			continue;
		}
		if (n == first && ww > width) {
			/* a word wider than the column: break it between characters */
			if (!(in->boxes[i].flags & BOX_CUT))
				warn_cut(c, in, i, width);
			/* a space inside the word (one that may not break) counts */
			float acc = 0;
			int j = i;
			while (j < end && ok &&
			       acc + (j > i ? in->boxes[j].space : 0) + in->boxes[j].width <= width) {
				acc += (j > i ? in->boxes[j].space : 0) + in->boxes[j].width;
				ok = put_box(&out, &n, &cap, &in->boxes[j++]);
			}
			float cw;
			lay_box *bx = &in->boxes[j];
			float inner = j > i && j < end ? bx->space : 0;
			int at = j < end ? fitting(c, in, bx, width - acc - inner, j == i, &cw) : 0;
			if (ok && at > 0 && at < bx->len) {
				lay_box part = *bx;
				part.len = at;
				part.width = cw;
				ok = put_box(&out, &n, &cap, &part);
				bx->off += at;          /* the rest may start the next line */
				bx->len -= at;
				bx->width -= cw;
				bx->space = 0;
				bx->flags = BOX_BREAK | BOX_CUT;
			} else if (ok && j == i) {
				ok = put_box(&out, &n, &cap, &in->boxes[j++]);
			}
			push_line(c, in, out, first, n, false);
			first = n;
			i = j;
			w = 0;
			continue;
		}
		for (int k = i; k < end && ok; k++)
			ok = put_box(&out, &n, &cap, &in->boxes[k]);
		w += lead + ww;
		i = end;
	}
	if (!ok) {
		c->oom = true;
		free(out);
		in->nlines = 0;
		return;
	}
	if (first < n || n == 0)
		push_line(c, in, out, first, n, true);
	free(in->boxes);
	in->boxes = out;
	in->nboxes = n;
	in->capboxes = cap;
}

/* ---- total fit, for justified text ------------------------------------------- */

#define NO_SPACE_PENALTY 50.0f  /* a break not at a space: after a slash, a dash */
#define HYPHEN_PENALTY 50.0f    /* TeX's \hyphenpenalty */
#define RAGGED_STRETCH 3.0f     /* ragged lines may fall short by 3 em at no great cost */

/* The width of a hyphen in box b's face. */
static float hyphen_width(lay_ctx *c, const lay_box *b)
{
	return (float)fonts_advance(c->fonts, b->face, '-') * b->size / 1000.0f;
}

/* The boxes of in as the breaker's items: a space before a box is glue
 * (stretching by half, shrinking by a third, as TeX's), a break with no
 * space a penalty, a hyphenation point a flagged penalty that draws a
 * hyphen, a newline a forced break after fill. Ragged, a space keeps its
 * width and the stretch is at the end of the line instead (Knuth and
 * Plass's ragged-right sequence: glue 0 plus RAGGED_STRETCH, a break,
 * then the space minus that stretch, which cancels it when the line goes
 * on and is dropped when a line starts there). box_of[k] is the box of
 * item k, -1 for glue and penalties. Returns the count, -1 when out of
 * memory. */
static int items_of(lay_ctx *c, const lay_inline *in, bool ragged, lb_item **items,
                    int **box_of)
{
	size_t cap = (size_t)in->nboxes * 4 + 3;
	*items = malloc(cap * sizeof **items);
	*box_of = malloc(cap * sizeof **box_of);
	if (!*items || !*box_of)
		return -1;
	int n = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		if (i > 0 && (b->flags & BOX_NEWLINE)) {
			(*box_of)[n] = (*box_of)[n + 1] = (*box_of)[n + 2] = -1;
			(*items)[n++] = (lb_item){.type = LB_PENALTY, .penalty = LB_INFINITY};
			(*items)[n++] = (lb_item){.type = LB_GLUE, .stretch = 100000};
			(*items)[n++] = (lb_item){.type = LB_PENALTY, .penalty = -LB_INFINITY};
		} else if (i > 0 && (b->flags & BOX_BREAK) && b->space > 0 && ragged) {
			float rs = RAGGED_STRETCH * b->size;
			(*box_of)[n] = (*box_of)[n + 1] = (*box_of)[n + 2] = -1;
			(*items)[n++] = (lb_item){.type = LB_GLUE, .stretch = rs};
			(*items)[n++] = (lb_item){.type = LB_PENALTY};
			(*items)[n++] = (lb_item){.type = LB_GLUE, .width = b->space, .stretch = -rs};
		} else if (i > 0 && (b->flags & BOX_BREAK) && b->space > 0) {
			(*box_of)[n] = -1;
			(*items)[n++] = (lb_item){.type = LB_GLUE, .width = b->space,
			                          .stretch = b->space / 2, .shrink = b->space / 3};
		} else if (i > 0 && (b->flags & BOX_BREAK)) {
			(*box_of)[n] = -1;
			(*items)[n++] = (lb_item){.type = LB_PENALTY, .penalty = NO_SPACE_PENALTY};
		} else if (i > 0 && b->space > 0) {     /* a space that may not break */
			(*box_of)[n] = (*box_of)[n + 1] = -1;
			(*items)[n++] = (lb_item){.type = LB_PENALTY, .penalty = LB_INFINITY};
			(*items)[n++] = (lb_item){.type = LB_GLUE, .width = b->space,
			                          .stretch = ragged ? 0 : b->space / 2,
			                          .shrink = ragged ? 0 : b->space / 3};
		} else if (i > 0 && (b->flags & BOX_HYPHEN)) {
			(*box_of)[n] = -1;
			(*items)[n++] = (lb_item){.type = LB_PENALTY, .flagged = true,
			                          .width = hyphen_width(c, &b[-1]),
			                          .penalty = HYPHEN_PENALTY};
		}
		(*box_of)[n] = i;
		(*items)[n++] = (lb_item){.type = LB_BOX, .width = b->width};
	}
	(*box_of)[n] = (*box_of)[n + 1] = (*box_of)[n + 2] = -1;
	return lb_finish(*items, n);
}

/* The first box at or after item k (nboxes when none). */
static int box_from(const int *box_of, int n, int k, int nboxes)
{
	while (k < n && box_of[k] < 0)
		k++;
	return k < n ? box_of[k] : nboxes;
}

static void text_hyphenate(lay_ctx *c, lay_inline *in);

/* Whether the boxes of `in` fit on one line of `width` with no forced
 * break among them: then that line is the breaker's one answer (any other
 * adds a line's demerits and no negative penalty), found without it --
 * most table cells. The width is summed as the breaker sums it (items_of,
 * lb_break: in double, in the items' order) so that both agree exactly. */
static bool one_line(const lay_inline *in, float width)
{
	double natural = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		if (i > 0 && (b->flags & BOX_NEWLINE))
			return false;
		if (i > 0 && b->space > 0)
			natural += b->space;
		natural += b->width;
	}
	return natural <= width;
}

/* Breaks the boxes of `in` into lines of `width` with the total-fit
 * breaker (breaker.h), the breaks chosen over the whole paragraph.
 * Justified: words are hyphenated first (hyphenate.h), and spaces stretch
 * or shrink least, hyphens only where they help; lines may be up to a
 * third of their spaces wider than `width` (drawn justified, they shrink
 * to it). Ragged: spaces keep their width, line ends are evened out, no
 * hyphen but at a soft hyphen. Falls back to text_break() when even the
 * emergency pass leaves a line too long (a word wider than the column,
 * cut between characters, with a warning). */
static void text_break_optimal(lay_ctx *c, lay_inline *in, float width, bool justified)
{
	in->nlines = 0;
	if (in->nboxes == 0) {
		text_break(c, in, width);
		return;
	}
	if (justified)
		text_hyphenate(c, in);
	if (one_line(in, width)) {
		push_line(c, in, in->boxes, 0, in->nboxes, true);
		return;
	}
	lb_item *items = NULL;
	int *box_of = NULL;
	int n = items_of(c, in, !justified, &items, &box_of);
	/* emergency stretch: a line may take up to 1.5 em more than its spaces
	 * allow before a long token spoils the paragraph */
	lb_params p = lb_defaults(in->boxes[0].size * 1.5f);
	if (!justified)     /* a ragged line's looseness is its length: badness says it */
		p.fitness_demerits = 0;
	lb_result r = {0};
	bool ok = n >= 0 && lb_break(items, n, &width, 1, &p, &r) == 0 && r.nlines > 0;
	bool overfull = false;
	for (int k = 0; ok && k < r.nlines; k++)
		overfull = overfull || r.lines[k].overfull;
	if (!ok || overfull) {
		/* a word wider than the column: cut between characters, said so */
		if (n < 0)
			c->oom = true;
		free(items);
		free(box_of);
		lb_result_free(&r);
		text_break(c, in, width);
		return;
	}
	int start = 0;
	for (int k = 0; k < r.nlines; k++) {
		int end = r.lines[k].end;
		int first = box_from(box_of, n, start, in->nboxes);
		int stop = box_from(box_of, n, end, in->nboxes);
		const lb_item *it = &items[end];
		bool forced = it->type == LB_PENALTY && it->penalty <= -LB_INFINITY;
		push_line(c, in, in->boxes, first, stop, forced);
		if (it->type == LB_PENALTY && it->flagged && in->nlines > 0) {
			lay_line *l = &in->lines[in->nlines - 1];
			l->hyphen = true;
			l->hyphen_width = it->width;
			l->width += it->width;
		}
		start = end + 1;
	}
	free(items);
	free(box_of);
	lb_result_free(&r);
}

/* ---- hyphenation ------------------------------------------------------------- */

/* The patterns, loaded once for the process (a worker lays out few
 * documents, a fuzzer many) and kept until it ends; NULL when missing,
 * which each layout says once. */
static hyph_dict *shared_patterns;
static bool patterns_loaded;
static char patterns_missing[256];

void lay_preload(void)
{
	if (!patterns_loaded) {
		patterns_loaded = true;
		shared_patterns = hyph_open("en", patterns_missing, sizeof patterns_missing);
	}
}

static const hyph_dict *patterns(lay_ctx *c)
{
	lay_preload();
	const hyph_dict *shared = shared_patterns;
	const char *why = patterns_missing;
	if (!shared && !c->hyph_tried)
		ctx_warn(c, "%s: justified text is not hyphenated", why);
	c->hyph_tried = true;
	return shared;
}

/* Width of the bytes [from, to) of box b, shaped on their own (a piece is
 * drawn shaped on its own: lines.c). */
static float piece_width(lay_ctx *c, const lay_inline *in, const lay_box *b, int from, int to)
{
	long w = fonts_shape(c->fonts, b->face, in->text + b->off + from, (size_t)(to - from), NULL);
	if (w < 0)
		c->oom = true;
	return (float)(w > 0 ? w : 0) * b->size / 1000.0f;
}

/* Hyphenation points of a box's text: those of the word inside it, without
 * the punctuation around it ("(infrastructure),"), or of each part of a
 * compound. */
static int word_points(const hyph_dict *d, const char *s, int len, int *points)
{
	static const char lead[] = "(\"'[", trail[] = ".,;:!?)\"']";
	int from = 0, to = len;
	while (from < to && strchr(lead, s[from]))
		from++;
	while (to > from && strchr(trail, s[to - 1]))
		to--;
	/* typographic quotes: three bytes each, E2 80 98..9D */
	while (from + 3 <= to && (unsigned char)s[from] == 0xE2 &&
	       (unsigned char)s[from + 1] == 0x80 && (unsigned char)s[from + 2] >= 0x98 &&
	       (unsigned char)s[from + 2] <= 0x9D)
		from += 3;
	while (to - 3 >= from && (unsigned char)s[to - 3] == 0xE2 &&
	       (unsigned char)s[to - 2] == 0x80 && (unsigned char)s[to - 1] >= 0x98 &&
	       (unsigned char)s[to - 1] <= 0x9D)
		to -= 3;
	/* a compound ("Political-Security", "ASEAN–Korea") never breaks at its
	 * dash, but each of its parts may be hyphenated */
	int k = 0;
	for (int part = from; part < to && k < HYPH_MAX_WORD;) {
		int end = part, skip = 0;
		while (end < to && !skip) {
			if (s[end] == '-')
				skip = 1;
			else if (end + 3 <= to && (unsigned char)s[end] == 0xE2 &&
			         (unsigned char)s[end + 1] == 0x80 && (unsigned char)s[end + 2] == 0x93)
				skip = 3;
			else
				end++;
		}
		int got = hyph_points(d, s + part, (size_t)(end - part), points + k, HYPH_MAX_WORD - k);
		for (int i = k; i < k + got; i++)
			points[i] += part;
		k += got;
		part = end + skip;
	}
	return k;
}

/* Splits the words of `in` at their hyphenation points (English patterns;
 * acronyms, numbers and Korean never), marking each later piece
 * BOX_HYPHEN. Words that already carry a soft hyphen are left as written. */
static void text_hyphenate(lay_ctx *c, lay_inline *in)
{
	const hyph_dict *d = patterns(c);
	if (!d || in->nboxes == 0)
		return;
	lay_box *out = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		/* a word in one box: hyphenate it; a word of several (styles,
		 * faces, a soft hyphen) is left as written */
		bool alone = (i + 1 == in->nboxes || (in->boxes[i + 1].flags & BOX_BREAK)) &&
		             !(b->flags & (BOX_HYPHEN | BOX_CUT)) &&
		             (i == 0 || (b->flags & BOX_BREAK));
		int points[HYPH_MAX_WORD];
		int k = alone ? word_points(d, in->text + b->off, b->len, points) : 0;
		if (!ctx_grow((void **)&out, &cap, n + k + 1, sizeof *out)) {
			c->oom = true;
			free(out);
			return;
		}
		int from = 0;
		for (int p = 0; p <= k; p++) {
			int to = p < k ? points[p] : b->len;
			lay_box piece = *b;
			piece.off = b->off + from;
			piece.len = to - from;
			if (k > 0)
				piece.width = piece_width(c, in, b, from, to);
			if (p > 0) {
				piece.space = 0;
				piece.flags = BOX_HYPHEN;
			}
			out[n++] = piece;
			from = to;
		}
	}
	free(in->boxes);
	in->boxes = out;
	in->nboxes = n;
	in->capboxes = cap;
}

void text_break_block(lay_ctx *c, lay_inline *in, float width, doc_align align,
                      bool greedy)
{
	if (greedy)
		text_break(c, in, width);
	else
		text_break_optimal(c, in, width, align == DOC_ALIGN_JUSTIFY);
}

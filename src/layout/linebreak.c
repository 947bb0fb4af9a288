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
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/context.h"
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
	if (!text_grow((void **)&in->lines, &in->caplines, in->nlines + 1, sizeof *in->lines)) {
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
	if (!text_grow((void **)out, cap, *n + 1, sizeof **out))
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
		while (end < in->nboxes && !(in->boxes[end].flags & BOX_BREAK))
			ww += in->boxes[end++].width;
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
			float acc = 0;
			int j = i;
			while (j < end && acc + in->boxes[j].width <= width && ok) {
				acc += in->boxes[j].width;
				ok = put_box(&out, &n, &cap, &in->boxes[j++]);
			}
			float cw;
			lay_box *bx = &in->boxes[j];
			int at = j < end ? fitting(c, in, bx, width - acc, j == i, &cw) : 0;
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

/* ---- optimal fit, for justified text ------------------------------------------ */

#define TOLERANCE 1000.0    /* worst badness allowed: spaces stretched about 2.2 times */
#define LINE_PENALTY 10.0
#define NO_SPACE_PENALTY 50.0

/* A word: the boxes between two break opportunities, and the space before it. */
typedef struct word {
	int box;                /* its first box */
	float width;
	float space, stretch, shrink;   /* the glue before it */
	bool forced;            /* a line must start here */
	bool no_space;          /* the break before it is not at a space */
} word;

/* A feasible break: the paragraph's best way to end a line before word pos. */
typedef struct node {
	int pos;
	int prev;               /* node of the line's start, -1 for the first line */
	double demerits;
} node;

typedef struct kp {
	word *words;
	int nwords;
	double *w, *g, *y, *z;  /* prefix sums: widths, spaces, stretch, shrink */
	node *nodes;
	int nnodes, capnodes;
	int *active;
	int nactive;
} kp;

static void kp_free(kp *k)
{
	free(k->words);
	free(k->w);
	free(k->nodes);
	free(k->active);
}

/* Splits the boxes of in into words; false when out of memory. */
static bool kp_words(const lay_inline *in, kp *k)
{
	k->words = malloc((size_t)(in->nboxes + 1) * sizeof *k->words);
	k->w = malloc((size_t)(in->nboxes + 2) * 4 * sizeof *k->w);
	k->active = malloc((size_t)(in->nboxes + 2) * sizeof *k->active);
	if (!k->words || !k->w || !k->active)
		return false;
	k->g = k->w + in->nboxes + 2;
	k->y = k->g + in->nboxes + 2;
	k->z = k->y + in->nboxes + 2;
	for (int i = 0; i < in->nboxes; i++) {
		const lay_box *b = &in->boxes[i];
		if (i == 0 || (b->flags & BOX_BREAK)) {
			word *wd = &k->words[k->nwords++];
			*wd = (word){.box = i, .forced = (b->flags & BOX_NEWLINE) != 0};
			if (i > 0) {
				wd->space = b->space;
				wd->stretch = b->space / 2;
				wd->shrink = b->space / 3;
				wd->no_space = b->space == 0 && !wd->forced;
			}
		}
		k->words[k->nwords - 1].width += b->width;
	}
	k->w[0] = k->g[0] = k->y[0] = k->z[0] = 0;
	for (int j = 0; j < k->nwords; j++) {
		const word *wd = &k->words[j];
		k->w[j + 1] = k->w[j] + wd->width;
		k->g[j + 1] = k->g[j] + (j ? wd->space : 0);
		k->y[j + 1] = k->y[j] + (j ? wd->stretch : 0);
		k->z[j + 1] = k->z[j] + (j ? wd->shrink : 0);
	}
	return true;
}

static int kp_add(kp *k, int pos, int prev, double demerits)
{
	if (k->nnodes == k->capnodes) {
		int cap = k->capnodes ? k->capnodes * 2 : 64;
		node *n = realloc(k->nodes, (size_t)cap * sizeof *n);
		if (!n)
			return -1;
		k->nodes = n;
		k->capnodes = cap;
	}
	k->nodes[k->nnodes] = (node){pos, prev, demerits};
	return k->nnodes++;
}

/* Finds the best breaks of the words into lines of the given width. Returns
 * the node ending the paragraph, -1 when no breaking keeps every line within
 * the tolerance, -2 when out of memory. */
static int kp_run(kp *k, float width)
{
	int start = kp_add(k, 0, -1, 0);
	if (start < 0)
		return -2;
	k->active[k->nactive++] = start;
	for (int j = 1; j <= k->nwords; j++) {
		bool end = j == k->nwords;
		bool forced = end || k->words[j].forced;
		double penalty = !end && k->words[j].no_space ? NO_SPACE_PENALTY : 0;
		int best = -1;
		double best_d = DBL_MAX;
		for (int i = 0; i < k->nactive;) {
			const node *a = &k->nodes[k->active[i]];
			int p = a->pos;
			/* the line holds words p .. j-1; its spaces are those before p+1 .. j-1 */
			double natural = k->w[j] - k->w[p] + k->g[j] - k->g[p + 1];
			double stretch = k->y[j] - k->y[p + 1], shrink = k->z[j] - k->z[p + 1];
			double r;
			if (natural > width)
				r = shrink > 0 ? (width - natural) / shrink : -INFINITY;
			else if (forced)
				r = 0;          /* a last line is set at its natural width */
			else
				r = stretch > 0 ? (width - natural) / stretch : INFINITY;
			if (r < -1) {       /* too long, and longer for every later j */
				k->active[i] = k->active[--k->nactive];
				continue;
			}
			double bad = isinf(r) ? INFINITY : 100 * fabs(r * r * r);
			if (bad <= TOLERANCE) {
				double d = (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + penalty * penalty +
				           a->demerits;
				if (d < best_d) {
					best_d = d;
					best = k->active[i];
				}
			}
			i++;
		}
		if (forced)
			k->nactive = 0;     /* every line ends here */
		if (best >= 0) {
			int n = kp_add(k, j, best, best_d);
			if (n < 0)
				return -2;
			if (end)
				return n;
			k->active[k->nactive++] = n;
		}
		if (k->nactive == 0)
			return -1;
	}
	return -1;
}

void text_break_justified(lay_ctx *c, lay_inline *in, float width)
{
	kp k = {0};
	in->nlines = 0;
	if (in->nboxes == 0 || !kp_words(in, &k)) {
		kp_free(&k);
		text_break(c, in, width);
		return;
	}
	int last = kp_run(&k, width);
	if (last < 0) {
		if (last == -2)
			c->oom = true;
		kp_free(&k);
		text_break(c, in, width);
		return;
	}
	/* the breaks, first to last: walk back, then push lines forward */
	int n = 0;
	for (int i = last; k.nodes[i].prev >= 0; i = k.nodes[i].prev)
		n++;
	int *ends = malloc((size_t)n * sizeof *ends);
	if (!ends) {
		c->oom = true;
		kp_free(&k);
		text_break(c, in, width);
		return;
	}
	for (int i = last, m = n; k.nodes[i].prev >= 0; i = k.nodes[i].prev)
		ends[--m] = i;
	for (int m = 0; m < n; m++) {
		const node *e = &k.nodes[ends[m]], *s = &k.nodes[e->prev];
		int first = k.words[s->pos].box;
		int endbox = e->pos < k.nwords ? k.words[e->pos].box : in->nboxes;
		bool forced = e->pos == k.nwords || k.words[e->pos].forced;
		push_line(c, in, in->boxes, first, endbox, forced);
	}
	free(ends);
	kp_free(&k);
}

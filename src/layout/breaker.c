/*
 * breaker.c -- Knuth and Plass's total-fit line breaking over boxes, glue
 * and penalties. See breaker.h; the names follow Knuth and Plass's paper
 * ("Breaking paragraphs into lines", 1981) and TeX: badness 100 r^3,
 * fitness classes, demerits (l + b)^2 +- p^2.
 */
#include "layout/breaker.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FILL_STRETCH 100000.0f  /* the paragraph's end: stretch without limit */
#define BAD_MAX 10000.0         /* badness of a line that cannot stretch enough */

lb_params lb_defaults(float emergency_stretch)
{
	return (lb_params){.pretolerance = 100, .tolerance = 200,
	                   .emergency_stretch = emergency_stretch, .line_penalty = 10,
	                   .flagged_demerits = 10000, .final_demerits = 5000,
	                   .fitness_demerits = 10000, .max_hyphens = 2};
}

int lb_finish(lb_item *items, int n)
{
	/* the fill is no place to break (TeX's \parfillskip comes after
	 * \penalty10000): a break there would leave an empty last line */
	items[n++] = (lb_item){.type = LB_PENALTY, .penalty = LB_INFINITY};
	items[n++] = (lb_item){.type = LB_GLUE, .stretch = FILL_STRETCH};
	items[n++] = (lb_item){.type = LB_PENALTY, .penalty = -LB_INFINITY};
	return n;
}

void lb_result_free(lb_result *r)
{
	free(r->lines);
	r->lines = NULL;
	r->nlines = 0;
}

/* ---- the search ---------------------------------------------------------------- */

typedef struct sums {
	double width, stretch, shrink;
} sums;

/* A feasible break: the best way found to end a line at item pos. */
typedef struct node {
	int pos;                /* the break item; -1 for the paragraph's start */
	int line;               /* lines before the break */
	int fitness;            /* 0 tight .. 3 very loose, of the line ending here */
	bool flagged;           /* that line ends with a hyphen */
	int hyphens;            /* hyphenated lines in a row ending here */
	sums after;             /* totals up to the first box after the break */
	double demerits;        /* of the paragraph up to here */
	int prev;               /* the node the line started at */
	bool active;
} node;

typedef struct search {
	const lb_item *items;
	int n;
	const float *widths;
	int nwidths;
	sums *total;            /* total[i]: sum over items [0, i) */
	node *nodes;
	int nnodes, capnodes;
	int *active;            /* indices of active nodes */
	int nactive, capactive;
	double tolerance, extra_stretch;
	bool hyphens;           /* flagged penalties are breaks */
	bool rescue;            /* the last pass: overfull lines allowed */
	const lb_params *p;
} search;

static bool is_break(const search *s, int i)
{
	const lb_item *it = &s->items[i];
	if (it->type == LB_PENALTY)
		return it->penalty < LB_INFINITY && (s->hyphens || !it->flagged);
	return it->type == LB_GLUE && i > 0 && s->items[i - 1].type == LB_BOX;
}

static float width_of_line(const search *s, int line)
{
	return s->widths[line < s->nwidths ? line : s->nwidths - 1];
}

/* Totals after a break at b: the glue and penalties right after it are
 * dropped, up to the next box or forced break. */
static sums after_break(const search *s, int b)
{
	sums t = s->total[b];
	for (int i = b; i < s->n; i++) {
		const lb_item *it = &s->items[i];
		if (it->type == LB_BOX || (i > b && it->type == LB_PENALTY &&
		                           it->penalty <= -LB_INFINITY))
			break;
		if (it->type == LB_GLUE) {
			t.width += it->width;
			t.stretch += it->stretch;
			t.shrink += it->shrink;
		}
	}
	return t;
}

/* The adjustment ratio of a line from node a to the break at b. */
static double ratio_of(const search *s, const node *a, int b, double *natural)
{
	const lb_item *it = &s->items[b];
	double L = s->total[b].width - a->after.width + (it->type == LB_PENALTY ? it->width : 0);
	double Y = s->total[b].stretch - a->after.stretch + s->extra_stretch;
	double Z = s->total[b].shrink - a->after.shrink;
	double w = width_of_line(s, a->line);
	*natural = L;
	if (L < w)
		return Y > 0 ? (w - L) / Y : INFINITY;
	if (L > w)
		return Z > 0 ? (w - L) / Z : -INFINITY;
	return 0;
}

static int fitness_of(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static int add_node(search *s, node nd)
{
	if (s->nnodes == s->capnodes) {
		int cap = s->capnodes ? s->capnodes * 2 : 64;
		node *p = realloc(s->nodes, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		s->nodes = p;
		s->capnodes = cap;
	}
	if (s->nactive == s->capactive) {
		int cap = s->capactive ? s->capactive * 2 : 64;
		int *p = realloc(s->active, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		s->active = p;
		s->capactive = cap;
	}
	nd.active = true;
	s->nodes[s->nnodes] = nd;
	s->active[s->nactive++] = s->nnodes;
	return s->nnodes++;
}

/* Tries every active node against the break at b, keeps the best new node
 * per fitness class. Returns -1 when out of memory. */
static int try_break(search *s, int b)
{
	const lb_item *it = &s->items[b];
	bool forced = it->type == LB_PENALTY && it->penalty <= -LB_INFINITY;
	double p = it->type == LB_PENALTY ? it->penalty : 0;
	bool flagged = it->type == LB_PENALTY && it->flagged;
	struct { double d; int from; double r; } best[4];
	for (int f = 0; f < 4; f++)
		best[f].d = DBL_MAX, best[f].from = -1;
	int keep = 0;
	for (int i = 0; i < s->nactive; i++) {
		int ai = s->active[i];
		node *a = &s->nodes[ai];
		double natural;
		double r = ratio_of(s, a, b, &natural);
		double w = width_of_line(s, a->line);
		if (forced && natural <= w)
			r = 0;              /* a line a forced break ends is set as it is */
		/* too long now, and longer at every later break: retire it, but
		 * in the rescue pass keep it while it is the only hope */
		bool retire = r < -1 || forced;
		double overflow = 0;
		if (r < -1 && s->rescue) {
			retire = natural > 2 * w + 1 || forced;
			overflow = natural - w;
			r = -1;             /* set as tight as it goes; overfull */
		}
		/* a third hyphen in a row is not a choice, but in the rescue */
		bool ladder = flagged && s->p->max_hyphens > 0 && a->hyphens >= s->p->max_hyphens &&
		              !s->rescue;
		if (r >= -1 && !ladder) {
			double bad = isinf(r) ? BAD_MAX : fmin(BAD_MAX, 100 * fabs(r * r * r));
			if (bad <= s->tolerance || s->rescue) {
				double base = s->p->line_penalty + bad;
				double d = base * base;
				if (p >= 0)
					d += p * p;
				else if (p > -LB_INFINITY)
					d -= p * p;
				if (flagged && a->flagged)
					d += s->p->flagged_demerits;
				if (forced && a->flagged)
					d += s->p->final_demerits;
				int f = fitness_of(r);
				if (a->pos >= 0 && abs(f - a->fitness) > 1)
					d += s->p->fitness_demerits;
				if (overflow > 0)   /* overfull only when nothing else will do */
					d += 1e7 + 1e5 * overflow;
				d += a->demerits;
				if (d < best[f].d) {
					best[f].d = d;
					best[f].from = ai;
					best[f].r = r;
				}
			}
		}
		if (!retire)
			s->active[keep++] = ai;
		else
			a->active = false;
	}
	s->nactive = keep;
	sums after = after_break(s, b);
	for (int f = 0; f < 4; f++) {
		if (best[f].from < 0)
			continue;
		const node *from = &s->nodes[best[f].from];
		node nd = {.pos = b, .line = from->line + 1, .fitness = f, .flagged = flagged,
		           .hyphens = flagged ? from->hyphens + 1 : 0, .after = after,
		           .demerits = best[f].d, .prev = best[f].from};
		if (add_node(s, nd) < 0)
			return -1;
	}
	return 0;
}

/* One pass over the items. Returns the node of the paragraph's end, -1
 * when no feasible breaking exists, -2 when out of memory. */
static int run_pass(search *s)
{
	s->nnodes = s->nactive = 0;
	node start = {.pos = -1, .line = 0, .fitness = 1, .after = s->total[0], .prev = -1};
	if (add_node(s, start) < 0)
		return -2;
	int end = -1;
	for (int b = 0; b < s->n && s->nactive > 0; b++) {
		if (!is_break(s, b))
			continue;
		int before = s->nnodes;
		if (try_break(s, b) < 0)
			return -2;
		if (b == s->n - 1) {
			double best = DBL_MAX;
			for (int k = before; k < s->nnodes; k++)
				if (s->nodes[k].demerits < best) {
					best = s->nodes[k].demerits;
					end = k;
				}
		}
	}
	return end;
}

/* The lines from the paragraph's end back to its start, in order. */
static int collect(search *s, int end, lb_result *r)
{
	int n = 0;
	for (int k = end; s->nodes[k].prev >= 0; k = s->nodes[k].prev)
		n++;
	r->lines = calloc((size_t)(n ? n : 1), sizeof *r->lines);
	if (!r->lines)
		return -1;
	r->nlines = n;
	for (int k = end, m = n; s->nodes[k].prev >= 0; k = s->nodes[k].prev) {
		const node *e = &s->nodes[k], *a = &s->nodes[e->prev];
		double natural;
		double ratio = ratio_of(s, a, e->pos, &natural);
		lb_line *l = &r->lines[--m];
		l->end = e->pos;
		l->overfull = ratio < -1;
		l->ratio = (float)(isinf(ratio) ? 0 : ratio < -1 ? -1 : ratio);
	}
	return 0;
}

int lb_break(const lb_item *items, int n, const float *widths, int nwidths,
             const lb_params *p, lb_result *r)
{
	memset(r, 0, sizeof *r);
	if (n == 0)
		return 0;
	search s = {.items = items, .n = n, .widths = widths, .nwidths = nwidths, .p = p};
	s.total = malloc((size_t)(n + 1) * sizeof *s.total);
	if (!s.total)
		return -1;
	s.total[0] = (sums){0, 0, 0};
	for (int i = 0; i < n; i++) {
		s.total[i + 1] = s.total[i];
		if (items[i].type != LB_PENALTY) {
			s.total[i + 1].width += items[i].width;
			s.total[i + 1].stretch += items[i].stretch;
			s.total[i + 1].shrink += items[i].shrink;
		}
	}
	/* the passes: no hyphens, strict; every break; emergency stretch; rescue */
	static const struct { bool hyphens, rescue; int tol; } passes[] = {
		{false, false, 1}, {true, false, 2}, {true, false, 3}, {true, true, 3},
	};
	int end = -1, rc = 0;
	for (int k = 0; k < 4 && end == -1; k++) {
		s.hyphens = passes[k].hyphens;
		s.rescue = passes[k].rescue;
		s.tolerance = passes[k].tol == 1 ? p->pretolerance : p->tolerance;
		s.extra_stretch = passes[k].tol == 3 ? p->emergency_stretch : 0;
		if (k == 2 && p->emergency_stretch <= 0)
			continue;
		end = run_pass(&s);
		r->pass = k + 1;
	}
	if (end == -2)
		rc = -1;
	else if (end >= 0)
		rc = collect(&s, end, r);
	free(s.total);
	free(s.nodes);
	free(s.active);
	return rc;
}

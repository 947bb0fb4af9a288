/*
 * chart.c -- charts drawn by the engine as vectors, in a short pipeline:
 *
 *   measure  the geometry (chart_geom), named once and used both by
 *            chart_height() (what a heading keeps with) and by drawing;
 *   scale    nice ticks over the values (sums per label when stacked);
 *   axes     light gridlines, a darker zero line, tick labels, the unit;
 *   marks    one drawer per kind of chart, chosen from a table: grouped or
 *            stacked bars, vertical or horizontal; lines with markers;
 *   labels   category labels (every k-th when they would collide) and value
 *            labels where they fit (the rule is at value_label());
 *   legend   a swatch and a name per series, in rows, when there are two
 *            series or more;
 *   alt text a sentence made from the data ("Bar chart of …: 38.7 in
 *            2003, 149 in 2017"), set as invisible text over the plot so
 *            that text extraction and search find it, and kept on the
 *            chart's items (role figure) for tagged PDF later.
 *
 * Missing values (NaN) leave a gap in a line and no empty slot in a bar
 * group: the bars present are centred on their label.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

#define LABEL_SIZE 8.0f         /* tick, category and legend labels */
#define VALUE_SIZE 7.0f         /* value labels */
#define PLOT_H 170.0f           /* a vertical chart's plot */
#define ALT_SIZE 6.0f           /* the invisible alt text */

typedef struct chart_geom {
	float title_h, unit_h;      /* above the plot */
	float plot_h;               /* the plot's height */
	float cat_w;                /* horizontal: the category labels' column */
	float value_w;              /* horizontal: room right of the bars for values */
	float neg_w;                /* horizontal: and left of them, when some are < 0 */
	float axis_w;               /* vertical: the tick labels' column */
	float below_h;              /* under the plot: category or tick labels */
	float legend_h;
	float height;               /* all of it, paragraph space included */
	double lo, hi, step;        /* the value axis */
} chart_geom;

/* ---- measure and scale ------------------------------------------------------ */

static bool missing(double v)
{
	return isnan(v);
}

/* The value range to show: every value (or every label's stacked sums)
 * and zero, widened to whole steps of a nice step. */
static void scale(const doc_chart *ch, chart_geom *g)
{
	double lo = 0, hi = 0;
	for (int j = 0; j < ch->nlabels; j++) {
		double pos = 0, neg = 0;
		for (int i = 0; i < ch->nseries; i++) {
			double v = ch->series[i].values[j];
			if (missing(v))
				continue;
			if (ch->stacked) {
				pos += v > 0 ? v : 0;
				neg += v < 0 ? v : 0;
			} else {
				pos = v > pos ? v : pos;
				neg = v < neg ? v : neg;
			}
		}
		hi = pos > hi ? pos : hi;
		lo = neg < lo ? neg : lo;
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	/* headroom for the value labels over the longest bars */
	hi += (hi - lo) * 0.06;
	lo -= lo < 0 ? (hi - lo) * 0.06 : 0;
	double raw = (hi - lo) / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	g->step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
	/* whole steps that cover every value, floating-point noise aside */
	double top = ceil(hi / g->step - 1e-9), bottom = floor(lo / g->step + 1e-9);
	if (top * g->step < hi)
		top += 1;
	if (bottom * g->step > lo)
		bottom -= 1;
	g->hi = top * g->step;
	g->lo = bottom * g->step;
}

/* A tick label: as many decimals as the step needs. */
static void format_tick(double v, double step, char *buf, size_t n)
{
	int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
	snprintf(buf, n, "%.*f", decimals, fabs(v) < step / 1e6 ? 0.0 : v);
}

static float label_width(lay_ctx *c, const char *s, float size)
{
	return text_width(c, fonts_face(c->st->heading_family, 0), size, s);
}

/* Label s cut to width w (LABEL_SIZE), with an ellipsis, into buf; s itself
 * when it fits. The whole label is in the alt text. */
static const char *fit_label(lay_ctx *c, const char *s, float w, char *buf, size_t n)
{
	return text_fit(c, s, fonts_face(c->st->heading_family, 0), LABEL_SIZE, w, buf, n);
}

/* Rows the legend takes across the column. */
static int legend_rows(lay_ctx *c, const doc_chart *ch)
{
	if (ch->nseries < 2)
		return 0;
	int rows = 1;
	float x = 0;
	for (int i = 0; i < ch->nseries; i++) {
		char buf[256];
		const char *name = fit_label(c, ch->series[i].name ? ch->series[i].name : "",
		                             c->width - 26, buf, sizeof buf);
		float w = 12 + label_width(c, name, LABEL_SIZE) + 14;
		if (x > 0 && x + w > c->width) {
			rows++;
			x = 0;
		}
		x += w;
	}
	return rows;
}

/* Breaks ch's title to the column and returns its line count; draws the
 * lines from the top y when top is not NULL. */
static float title_lines(lay_ctx *c, const doc_chart *ch, const float *top)
{
	const doc_style *s = c->st;
	lay_textstyle ts = {s->heading_family, DOC_BOLD, (float)s->body_size,
	                    (float)s->body_size * 1.25f, ctx_color(s->text_color),
	                    ctx_color(s->text_color)};
	lay_inline t = {0};
	text_append(c, &t, ch->title, &ts, 0);
	text_break_block(c, &t, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
	for (int i = 0; top && i < t.nlines; i++)
		text_emit_line(c, &t, i, c->left, ctx_baseline(*top - (float)i * ts.leading, ts.size,
		                                                ts.leading), c->width, DOC_ALIGN_LEFT);
	float n = (float)t.nlines;
	text_inline_free(&t);
	return n;
}

/* The whole geometry of ch, from the column width and the labels. */
static void measure(lay_ctx *c, const doc_chart *ch, chart_geom *g)
{
	memset(g, 0, sizeof *g);
	scale(ch, g);
	g->title_h = ch->title ? title_lines(c, ch, NULL) * (float)c->st->body_size * 1.25f +
	                         (float)c->st->body_size * 0.35f : 0;
	g->unit_h = ch->unit ? 14 : 6;
	g->legend_h = (float)legend_rows(c, ch) * 14;
	char buf[64];
	if (ch->horizontal) {
		float widest = 0;
		for (int j = 0; j < ch->nlabels; j++) {
			float w = label_width(c, ch->labels[j], LABEL_SIZE);
			widest = w > widest ? w : widest;
		}
		g->cat_w = fminf(widest + 6, c->width * 0.35f);
		float most = 0;
		for (int i = 0; i < ch->nseries; i++)
			for (int j = 0; j < ch->nlabels; j++)
				if (!missing(ch->series[i].values[j])) {
					doc_chart_value(ch->series[i].values[j], buf, sizeof buf);
					float w = label_width(c, buf, VALUE_SIZE);
					most = w > most ? w : most;
				}
		g->value_w = most + 4;
		g->neg_w = g->lo < 0 ? g->value_w : 0;
		float row = ch->stacked ? 14 : fmaxf(12, 8.0f * (float)ch->nseries + 4);
		float room = (c->top - c->bottom) * 0.7f;
		g->plot_h = fminf(row * (float)ch->nlabels, room);
		g->below_h = 16;
	} else {
		for (double v = g->lo; v <= g->hi + g->step / 2; v += g->step) {
			format_tick(v, g->step, buf, sizeof buf);
			float w = label_width(c, buf, LABEL_SIZE);
			g->axis_w = w > g->axis_w ? w : g->axis_w;
		}
		g->axis_w += 6;
		g->plot_h = PLOT_H;
		g->below_h = 18;
	}
	g->height = 4 + g->title_h + g->unit_h + g->plot_h + g->below_h + g->legend_h + 6 +
	            (float)c->st->paragraph_space;
}

float chart_height(lay_ctx *c, const doc_chart *ch)
{
	chart_geom g;
	measure(c, ch, &g);
	return g.height;
}

/* ---- drawing ---------------------------------------------------------------- */

/* Where the plot is on the page, and how values map onto it. */
typedef struct plot {
	lay_ctx *c;
	const doc_chart *ch;
	const chart_geom *g;
	float x, y, w, h;           /* the plot's box */
	bool value_labels;          /* the values fit: draw them */
} plot;

static lay_color series_color(const lay_ctx *c, int i)
{
	const doc_style *s = c->st;
	return ctx_color(s->chart_colors[i % (s->nchart_colors > 0 ? s->nchart_colors : 1)]);
}

/* A lighter tint of col, t of the way to white: gridlines. */
static lay_color tint(lay_color col, float t)
{
	return (lay_color){col.r + (1 - col.r) * t, col.g + (1 - col.g) * t,
	                   col.b + (1 - col.b) * t};
}

/* Position of value v along the value axis: y for vertical charts, x for
 * horizontal ones. */
static float at(const plot *p, double v)
{
	const chart_geom *g = p->g;
	float t = (float)((v - g->lo) / (g->hi - g->lo));
	return p->ch->horizontal ? p->x + t * p->w : p->y + t * p->h;
}

static void draw_axes(plot *p)
{
	lay_ctx *c = p->c;
	const chart_geom *g = p->g;
	lay_color ink = ctx_color(c->st->text_color), muted = ctx_color(c->st->muted);
	lay_color grid = tint(muted, 0.65f);
	char buf[64];
	for (double v = g->lo; v <= g->hi + g->step / 2; v += g->step) {
		bool zero = fabs(v) < g->step / 2;
		float pos = at(p, v);
		format_tick(v, g->step, buf, sizeof buf);
		float w = label_width(c, buf, LABEL_SIZE);
		doc_family fam = c->st->heading_family;
		if (p->ch->horizontal) {
			ctx_line(c, pos, p->y, pos, p->y + p->h, zero ? 0.8f : 0.3f, zero ? ink : grid);
			text_draw(c, buf, fam, 0, LABEL_SIZE, muted,
			          fminf(fmaxf(pos - w / 2, c->left), c->right - w), p->y - 11);
		} else {
			ctx_line(c, p->x, pos, p->x + p->w, pos, zero ? 0.8f : 0.3f, zero ? ink : grid);
			text_draw(c, buf, fam, 0, LABEL_SIZE, muted, p->x - 4 - w,
			          pos - LABEL_SIZE * 0.35f);
		}
	}
}

/* Category labels along the category axis; every k-th when they would
 * collide (vertical charts), each on its row (horizontal ones). */
static void draw_categories(plot *p)
{
	lay_ctx *c = p->c;
	const doc_chart *ch = p->ch;
	lay_color ink = ctx_color(c->st->text_color);
	doc_family fam = c->st->heading_family;
	float slot = (ch->horizontal ? p->h : p->w) / (float)ch->nlabels;
	if (ch->horizontal) {
		int every = slot >= LABEL_SIZE + 1 ? 1 : (int)ceilf((LABEL_SIZE + 1) / slot);
		for (int j = 0; j < ch->nlabels; j += every) {
			float cy = p->y + p->h - slot * ((float)j + 0.5f);
			char buf[256];
			const char *label = fit_label(c, ch->labels[j], p->g->cat_w - 6, buf, sizeof buf);
			float w = label_width(c, label, LABEL_SIZE);
			text_draw(c, label, fam, 0, LABEL_SIZE, ink, p->x - 6 - w,
			          cy - LABEL_SIZE * 0.35f);
		}
		return;
	}
	float widest = 0;
	for (int j = 0; j < ch->nlabels; j++) {
		float w = label_width(c, ch->labels[j], LABEL_SIZE);
		widest = w > widest ? w : widest;
	}
	int every = (int)ceilf((widest + 6) / slot);
	every = every < 1 ? 1 : every;
	for (int j = 0; j < ch->nlabels; j += every) {
		float w = label_width(c, ch->labels[j], LABEL_SIZE);
		float cx = p->x + slot * ((float)j + 0.5f);
		/* centred on its slot, but never past the column's edges */
		char buf[256];
		const char *label = fit_label(c, ch->labels[j], c->width, buf, sizeof buf);
		w = label_width(c, label, LABEL_SIZE);
		float x = fminf(fmaxf(cx - w / 2, c->left), c->right - w);
		text_draw(c, label, fam, 0, LABEL_SIZE, ink, x, p->y - 12);
	}
}

/* Draws value v's label at the end of its mark: the rule is that a label
 * is drawn only where it fits -- beside a horizontal bar always (room was
 * kept for it), over a vertical bar or a line's point only when every
 * label of the chart fits its slot (plot.value_labels: all or none, so
 * that a reader never wonders why some bars say their value), inside a
 * stacked segment only when the segment holds it. Values not drawn are in
 * the alt text, and in the table `data_table = true` adds. */
static void value_label(plot *p, double v, float x, float y, lay_color col)
{
	char buf[64];
	doc_chart_value(v, buf, sizeof buf);
	float w = label_width(p->c, buf, VALUE_SIZE);
	text_draw(p->c, buf, p->c->st->heading_family, 0, VALUE_SIZE, col, x - w / 2, y);
}

/* Bars, vertical or horizontal, grouped or stacked. */
static void draw_bars(plot *p)
{
	lay_ctx *c = p->c;
	const doc_chart *ch = p->ch;
	bool hz = ch->horizontal;
	float slot = (hz ? p->h : p->w) / (float)ch->nlabels;
	float base = at(p, p->g->lo < 0 && p->g->hi > 0 ? 0 : p->g->lo > 0 ? p->g->lo : 0);
	lay_color ink = ctx_color(c->st->text_color);
	for (int j = 0; j < ch->nlabels; j++) {
		int present = 0;
		for (int i = 0; i < ch->nseries; i++)
			present += !missing(ch->series[i].values[j]);
		if (present == 0)
			continue;
		/* a bar is never thicker than 36 pt, however few the labels */
		float group = fminf(slot * (ch->stacked ? 0.55f : 0.72f),
		                    36.0f * (ch->stacked ? 1 : (float)present));
		float thick = ch->stacked ? group : group / (float)present;
		/* the start of this label's slot along the category axis */
		float s0 = hz ? p->y + p->h - slot * (float)(j + 1) : p->x + slot * (float)j;
		float start = s0 + (slot - group) / 2;
		double up = 0, down = 0;
		int k = 0;
		for (int i = 0; i < ch->nseries; i++) {
			double v = ch->series[i].values[j];
			if (missing(v))
				continue;
			double from = 0, to = v;
			if (ch->stacked) {
				from = v >= 0 ? up : down;
				to = from + v;
				if (v >= 0)
					up = to;
				else
					down = to;
			}
			float a = ch->stacked ? at(p, from) : base, b = at(p, to);
			float lo = fminf(a, b), len = fabsf(b - a);
			/* a bar takes 92% of its share of the group, centred in it */
			float t = thick * (ch->stacked ? 1 : 0.92f);
			float off = (ch->stacked ? start : start + thick * (float)k) + (thick - t) / 2;
			lay_color col = series_color(c, i);
			if (hz)
				ctx_fill(c, lo, off, len, t, col);
			else
				ctx_fill(c, off, lo, t, len, col);
			k++;
			if (ch->stacked) {
				/* inside the segment when it holds the label */
				char buf[64];
				doc_chart_value(v, buf, sizeof buf);
				float w = label_width(c, buf, VALUE_SIZE);
				float lum = 0.2126f * col.r + 0.7152f * col.g + 0.0722f * col.b;
				lay_color on = lum < 0.5f ? (lay_color){1, 1, 1} : ink;
				if (hz && len >= w + 4 && t >= VALUE_SIZE + 2)
					value_label(p, v, lo + len / 2, off + t / 2 - VALUE_SIZE * 0.35f, on);
				else if (!hz && len >= VALUE_SIZE + 4 && t >= w + 2)
					value_label(p, v, off + t / 2, lo + len / 2 - VALUE_SIZE * 0.35f, on);
			} else if (hz) {
				char buf[64];
				doc_chart_value(v, buf, sizeof buf);
				float w = label_width(c, buf, VALUE_SIZE);
				float x = v >= 0 ? lo + len + 2 + w / 2 : lo - 2 - w / 2;
				if (t >= VALUE_SIZE * 0.8f)
					value_label(p, v, x, off + t / 2 - VALUE_SIZE * 0.35f, ink);
			} else if (p->value_labels) {
				float y = v >= 0 ? lo + len + 2 : lo - VALUE_SIZE - 1;
				value_label(p, v, off + t / 2, y, ink);
			}
		}
	}
}

/* Sets a polyline's x, y, w, h to the box around its points, so that it
 * has a place on the page like every other item. */
static void bound(lay_item *it)
{
	const float *xy = it->u.poly.xy;
	float x0 = xy[0], x1 = xy[0], y0 = xy[1], y1 = xy[1];
	for (int k = 1; k < it->u.poly.npoints; k++) {
		x0 = fminf(x0, xy[2 * k]);
		x1 = fmaxf(x1, xy[2 * k]);
		y0 = fminf(y0, xy[2 * k + 1]);
		y1 = fmaxf(y1, xy[2 * k + 1]);
	}
	it->x = x0;
	it->y = y0;
	it->w = x1 - x0;
	it->h = y1 - y0;
}

/* Lines with a marker at every value; a missing value breaks the line. */
static void draw_lines(plot *p)
{
	lay_ctx *c = p->c;
	const doc_chart *ch = p->ch;
	float slot = p->w / (float)ch->nlabels;
	lay_color ink = ctx_color(c->st->text_color);
	for (int i = 0; i < ch->nseries; i++) {
		float *xy = arena_alloc(c->arena, (size_t)ch->nlabels * 2 * sizeof *xy);
		if (!xy) {
			c->oom = true;
			return;
		}
		int np = 0, start = 0;
		for (int j = 0; j <= ch->nlabels; j++) {
			double v = j < ch->nlabels ? ch->series[i].values[j] : NAN;
			if (!missing(v)) {
				xy[2 * np] = p->x + slot * ((float)j + 0.5f);
				xy[2 * np + 1] = at(p, v);
				np++;
				continue;
			}
			if (np - start > 1) {
				lay_item *pl = ctx_item(c, LAY_POLYLINE);
				if (pl) {
					pl->u.poly.xy = xy + 2 * start;
					pl->u.poly.npoints = np - start;
					pl->u.poly.line_width = 1.6f;
					pl->color = series_color(c, i);
					bound(pl);
				}
			}
			start = np;
		}
		for (int k = 0, j = 0; j < ch->nlabels; j++) {
			double v = ch->series[i].values[j];
			if (missing(v))
				continue;
			lay_item *dot = ctx_item(c, LAY_CIRCLE);
			if (dot) {
				dot->x = xy[2 * k];
				dot->y = xy[2 * k + 1];
				dot->u.circle.radius = 2.2f;
				dot->color = series_color(c, i);
			}
			if (p->value_labels)
				value_label(p, v, xy[2 * k], xy[2 * k + 1] + 4, ink);
			k++;
		}
	}
}

/* The drawers, by kind of chart. */
static const struct {
	doc_chart_type type;
	void (*draw)(plot *p);
} drawers[] = {
	{DOC_CHART_BAR, draw_bars},
	{DOC_CHART_LINE, draw_lines},
};

/* Whether every value label of a vertical chart fits its slot: over a
 * grouped bar (its width), over a line's point (the space between points,
 * one series only). */
static bool labels_fit(lay_ctx *c, const doc_chart *ch, float slot)
{
	if (ch->stacked || ch->horizontal || (ch->type == DOC_CHART_LINE && ch->nseries > 1))
		return false;
	for (int j = 0; j < ch->nlabels; j++) {
		int present = 0;
		for (int i = 0; i < ch->nseries; i++)
			present += !missing(ch->series[i].values[j]);
		float room = ch->type == DOC_CHART_BAR
		             ? slot * 0.72f / (float)(present ? present : 1) + 2 : slot - 4;
		for (int i = 0; i < ch->nseries; i++) {
			double v = ch->series[i].values[j];
			if (missing(v))
				continue;
			char buf[64];
			doc_chart_value(v, buf, sizeof buf);
			if (label_width(c, buf, VALUE_SIZE) > room)
				return false;
		}
	}
	return true;
}

static void draw_legend(plot *p, float top)
{
	lay_ctx *c = p->c;
	const doc_chart *ch = p->ch;
	if (ch->nseries < 2)
		return;
	lay_color ink = ctx_color(c->st->text_color);
	float x = c->left, y = top;
	for (int i = 0; i < ch->nseries; i++) {
		char buf[256];
		const char *name = fit_label(c, ch->series[i].name ? ch->series[i].name : "",
		                             c->width - 26, buf, sizeof buf);
		float w = 12 + label_width(c, name, LABEL_SIZE) + 14;
		if (x > c->left && x + w > c->right) {
			x = c->left;
			y -= 14;
		}
		ctx_fill(c, x, y - 9, 8, 8, series_color(c, i));
		text_draw(c, name, c->st->heading_family, 0, LABEL_SIZE, ink, x + 12, y - 8);
		x += w;
	}
}

/* ---- alt text ------------------------------------------------------------------- */

/* Appends printf-style text to the growing string *s (*len used, *cap
 * allocated); false when out of memory. */
static bool append(char **s, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool append(char **s, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return false;
	if (*len + (size_t)n + 1 > *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		while (nc < *len + (size_t)n + 1)
			nc *= 2;
		char *g = realloc(*s, nc);
		if (!g)
			return false;
		*s = g;
		*cap = nc;
	}
	va_start(ap, fmt);
	vsnprintf(*s + *len, *cap - *len, fmt, ap);
	va_end(ap);
	*len += (size_t)n;
	return true;
}

char *chart_alt_text(const doc_chart *ch)
{
	char *s = NULL;
	size_t len = 0, cap = 0;
	bool ok = append(&s, &len, &cap, "%s%s chart", ch->horizontal ? "Horizontal " : "",
	                 ch->type == DOC_CHART_LINE ? "line" : ch->stacked ? "stacked bar" : "bar");
	if (ok && s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');    /* "Bar chart", "Horizontal bar chart" */
	if (ch->title)
		ok = ok && append(&s, &len, &cap, " of %s", ch->title);
	if (ch->unit)
		ok = ok && append(&s, &len, &cap, ", %s", ch->unit);
	ok = ok && append(&s, &len, &cap, ":");
	for (int i = 0; ok && i < ch->nseries; i++) {
		if (ch->nseries > 1)
			ok = append(&s, &len, &cap, "%s %s:", i ? ";" : "",
			            ch->series[i].name ? ch->series[i].name : "(unnamed)");
		for (int j = 0; ok && j < ch->nlabels; j++) {
			double v = ch->series[i].values[j];
			char buf[64] = "no value";
			if (!missing(v))
				doc_chart_value(v, buf, sizeof buf);
			ok = append(&s, &len, &cap, "%s %s in %s", j ? "," : "", buf, ch->labels[j]);
		}
	}
	ok = ok && append(&s, &len, &cap, ".");
	if (!ok) {
		free(s);
		return NULL;
	}
	return s;
}

/* Sets the alt text as invisible lines over the plot, for extraction. */
static void draw_alt(plot *p)
{
	lay_ctx *c = p->c;
	char *alt = chart_alt_text(p->ch);
	if (!alt) {
		c->oom = true;
		return;
	}
	lay_textstyle ts = {.family = c->st->body_family, .size = ALT_SIZE,
	                    .leading = ALT_SIZE * 1.2f};
	lay_inline *in = &c->scratch;
	in->ntext = in->nboxes = in->nlines = 0;
	text_append(c, in, alt, &ts, 0);
	free(alt);
	text_break(c, in, p->w);
	int first = c->out->pages[c->page].nitems;
	float y = p->y + p->h - ALT_SIZE;
	for (int i = 0; i < in->nlines; i++, y -= ts.leading)
		text_emit_line(c, in, i, p->x, y, p->w, DOC_ALIGN_LEFT);
	lay_page *pg = &c->out->pages[c->page];
	for (int k = first; k < pg->nitems; k++)
		if (pg->items[k].kind == LAY_TEXT)
			pg->items[k].u.text.invisible = true;
}

void chart_layout(lay_ctx *c, const doc_chart *ch)
{
	const doc_style *s = c->st;
	chart_geom g;
	measure(c, ch, &g);
	ctx_ensure(c, g.height);
	lay_color muted = ctx_color(s->muted);
	float top = c->y - 4;
	if (ch->title) {
		title_lines(c, ch, &top);
		top -= g.title_h;
	}
	if (ch->unit) {
		char buf[256];
		text_draw(c, fit_label(c, ch->unit, c->width, buf, sizeof buf), s->heading_family, 0,
		          LABEL_SIZE, muted, c->left, top - LABEL_SIZE);
	}
	top -= g.unit_h;
	plot p = {.c = c, .ch = ch, .g = &g};
	if (ch->horizontal) {
		p.x = c->left + g.cat_w + g.neg_w;
		p.w = c->right - p.x - g.value_w;
	} else {
		p.x = c->left + g.axis_w;
		p.w = c->right - p.x;
	}
	p.h = g.plot_h;
	p.y = top - p.h;
	p.value_labels = labels_fit(c, ch, p.w / (float)ch->nlabels);
	draw_axes(&p);
	draw_categories(&p);
	for (size_t k = 0; k < sizeof drawers / sizeof drawers[0]; k++)
		if (drawers[k].type == ch->type)
			drawers[k].draw(&p);
	draw_legend(&p, p.y - g.below_h);
	draw_alt(&p);
	c->y = p.y - g.below_h - g.legend_h - 6 - (float)s->paragraph_space;
}

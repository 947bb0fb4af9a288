/*
 * graphics.c -- charts and timelines drawn as vector graphics.
 *
 * Charts: grouped bars or lines over category labels (every k-th label
 * when all would collide), a value axis from zero (or the smallest negative
 * value) to a rounded maximum with gridlines, a legend when there is more
 * than one series. Timelines: a vertical rule with
 * a dot per entry, its date on the left and its label wrapped on the right;
 * entries flow across pages one at a time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/arena.h"

static const lay_color palette[] = {
	{0.09f, 0.22f, 0.40f}, {0.85f, 0.47f, 0.13f}, {0.20f, 0.55f, 0.45f},
	{0.62f, 0.18f, 0.30f}, {0.45f, 0.45f, 0.50f}, {0.40f, 0.30f, 0.65f},
};
#define NPALETTE (int)(sizeof palette / sizeof palette[0])

static lay_color series_color(const lay_ctx *c, int i)
{
	return i == 0 ? ctx_color(c->st->accent) : palette[i % NPALETTE];
}

static void line(lay_ctx *c, float x1, float y1, float x2, float y2, float w,
                 lay_color col, bool dashed)
{
	lay_item *it = ctx_line(c, x1, y1, x2, y2, w, col);
	if (it)
		it->u.line.dashed = dashed;
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

/* A round step for about five gridlines over span. */
static double nice_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

static void format_value(double v, double step, char *buf, size_t n)
{
	int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
	snprintf(buf, n, "%.*f", decimals, v);
}

#define PLOT_H 170.0f
#define LABEL_SIZE 8.0f

/* Height of a chart from the cursor to below its legend. */
float chart_height(const lay_ctx *c, const doc_chart *ch)
{
	float title_h = ch->title ? (float)c->st->body_size * 1.6f : 0;
	float unit_h = ch->unit ? 20 : 12;
	float legend_h = ch->nseries > 1 ? 16 : 0;
	return 4 + title_h + unit_h + PLOT_H + 28 + legend_h + (float)c->st->paragraph_space;
}

void chart_layout(lay_ctx *c, const doc_chart *ch)
{
	const doc_style *s = c->st;
	doc_family fam = s->heading_family;
	lay_color ink = ctx_color(s->text_color), muted = ctx_color(s->muted);
	float label_size = LABEL_SIZE, title_size = (float)s->body_size;
	float plot_h = PLOT_H, legend_h = ch->nseries > 1 ? 16 : 0;
	float title_h = ch->title ? title_size * 1.6f : 0;
	ctx_ensure(c, chart_height(c, ch));
	float top = c->y - 4;
	if (ch->title) {
		text_draw(c, ch->title, fam, DOC_BOLD, title_size, ink, c->left, top - title_size);
		top -= title_h;
	}
	if (ch->unit)   /* above the value axis, clear of its top label */
		text_draw(c, ch->unit, fam, 0, label_size, muted, c->left, top - label_size);
	top -= ch->unit ? 20 : 12;

	double lo = 0, hi = 0;
	for (int i = 0; i < ch->nseries; i++)
		for (int j = 0; j < ch->nlabels; j++) {
			double v = ch->series[i].values[j];
			if (isnan(v))
				continue;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	if (hi - lo <= 0)
		hi = lo + 1;
	double step = nice_step(hi - lo);
	hi = ceil(hi / step) * step;
	lo = floor(lo / step) * step;

	/* value axis labels decide where the plot starts */
	float axis_w = 0;
	char buf[64];
	for (double v = lo; v <= hi + step / 2; v += step) {
		format_value(v, step, buf, sizeof buf);
		float w = text_width(c, fonts_face(fam, 0), label_size, buf);
		axis_w = w > axis_w ? w : axis_w;
	}
	float px = c->left + axis_w + 6, pw = c->right - px, py = top - plot_h;
#define Y(v) (py + (float)(((v) - lo) / (hi - lo)) * plot_h)
	for (double v = lo; v <= hi + step / 2; v += step) {
		float y = Y(v);
		line(c, px, y, px + pw, y, fabs(v) < step / 2 ? 0.8f : 0.3f,
		     fabs(v) < step / 2 ? ink : muted, fabs(v) >= step / 2);
		format_value(v, step, buf, sizeof buf);
		float w = text_width(c, fonts_face(fam, 0), label_size, buf);
		text_draw(c, buf, fam, 0, label_size, muted, px - 4 - w, y - label_size * 0.35f);
	}
	int nl = ch->nlabels > 0 ? ch->nlabels : 1;
	float slot = pw / (float)nl;
	/* every k-th label when they would collide: k from the widest one */
	float widest = 0;
	for (int j = 0; j < ch->nlabels; j++) {
		float w = text_width(c, fonts_face(fam, 0), label_size, ch->labels[j]);
		widest = w > widest ? w : widest;
	}
	int every = (int)ceilf((widest + 6) / slot);
	every = every < 1 ? 1 : every;
	for (int j = 0; j < ch->nlabels; j += every) {
		float w = text_width(c, fonts_face(fam, 0), label_size, ch->labels[j]);
		float cx = px + slot * ((float)j + 0.5f);
		text_draw(c, ch->labels[j], fam, 0, label_size, ink, cx - w / 2, py - 12);
	}
	if (ch->type == DOC_CHART_BAR) {
		float group = slot * 0.7f, bw = group / (float)(ch->nseries ? ch->nseries : 1);
		for (int i = 0; i < ch->nseries; i++)
			for (int j = 0; j < ch->nlabels; j++) {
				double v = ch->series[i].values[j];
				if (isnan(v))
					continue;
				float x = px + slot * (float)j + (slot - group) / 2 + bw * (float)i;
				float y0 = Y(0 > lo ? 0 : lo), y1 = Y(v);
				ctx_fill(c, x, y0 < y1 ? y0 : y1, bw * 0.92f, fabsf(y1 - y0),
				         series_color(c, i));
			}
	} else {
		for (int i = 0; i < ch->nseries; i++) {
			/* one polyline per unbroken stretch of values, then the dots on top */
			float *xy = arena_alloc(c->arena, (size_t)nl * 2 * sizeof *xy);
			if (!xy) {
				c->oom = true;
				return;
			}
			int np = 0, start = 0;
			for (int j = 0; j <= ch->nlabels; j++) {
				double v = j < ch->nlabels ? ch->series[i].values[j] : NAN;
				if (!isnan(v)) {
					xy[2 * np] = px + slot * ((float)j + 0.5f);
					xy[2 * np + 1] = Y(v);
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
			for (int k = 0; k < np; k++) {
				lay_item *dot = ctx_item(c, LAY_CIRCLE);
				if (dot) {
					dot->x = xy[2 * k];
					dot->y = xy[2 * k + 1];
					dot->u.circle.radius = 2.2f;
					dot->color = series_color(c, i);
				}
			}
		}
	}
#undef Y
	float ly = py - 28;
	if (ch->nseries > 1) {
		float x = px;
		for (int i = 0; i < ch->nseries; i++) {
			ctx_fill(c, x, ly + 1, 8, 8, series_color(c, i));
			const char *name = ch->series[i].name ? ch->series[i].name : "";
			x += 12 + text_draw(c, name, fam, 0, label_size, ink, x + 12, ly + 2) + 14;
		}
	}
	c->y = ly - legend_h + 8 - (float)s->paragraph_space;
}

void timeline_layout(lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;
	doc_family fam = s->heading_family;
	lay_color accent = ctx_color(s->accent);
	float date_w = 70, rule_x = c->left + date_w + 10, text_x = rule_x + 12;
	lay_textstyle ts = {s->body_family, 0, (float)s->body_size, (float)s->body_leading,
	                    ctx_color(s->text_color), accent};
	if (tl->title) {
		ctx_ensure(c, ts.leading * 3);
		text_draw(c, tl->title, fam, DOC_BOLD, (float)s->body_size, ctx_color(s->text_color),
		          c->left, c->y - (float)s->body_size);
		c->y -= ts.leading * 1.5f;
	}
	for (int i = 0; i < tl->nentries; i++) {
		lay_inline *in = &c->scratch;
		text_boxes(c, in, &tl->entries[i].label, &ts);
		text_break_block(c, in, c->right - text_x, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		float h = (float)in->nlines * ts.leading + 6;
		if (!ctx_fits(c, h > ts.leading * 2 ? ts.leading * 2 : h) && !c->page_fresh)
			ctx_new_page(c);
		float top = c->y;
		float base = top - (ts.leading - ts.size) / 2 - ts.size * 0.8f;
		const char *date = tl->entries[i].date ? tl->entries[i].date : "";
		float dw = text_width(c, fonts_face(fam, DOC_BOLD), ts.size, date);
		text_draw(c, date, fam, DOC_BOLD, ts.size, accent, rule_x - 10 - dw, base);
		lay_item *dot = ctx_item(c, LAY_CIRCLE);
		if (dot) {
			dot->x = rule_x;
			dot->y = base + ts.size * 0.3f;
			dot->u.circle.radius = 3;
			dot->color = accent;
		}
		for (int k = 0; k < in->nlines; k++) {
			if (k > 0 && !ctx_fits(c, ts.leading)) {
				line(c, rule_x, top, rule_x, c->y, 1, accent, false);
				ctx_new_page(c);
				top = c->y;
			}
			text_emit_line(c, in, k, text_x, c->y - (ts.leading - ts.size) / 2 - ts.size * 0.8f,
			               c->right - text_x, DOC_ALIGN_LEFT);
			ctx_cite_notes(c, in, k);
			c->y -= ts.leading;
		}
		c->y -= 6;
		if (i + 1 < tl->nentries)
			line(c, rule_x, top - 2, rule_x, c->y - 2, 1, accent, false);
	}
	c->y -= (float)s->paragraph_space;
}

float timeline_keep(const lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;     /* the title and a first entry */
	return (tl->title ? 1.5f : 0) * (float)s->body_leading + 2 * (float)s->body_leading;
}

/*
 * ops.c -- the operators of a page's content stream, written by brief
 * itself: numbers, colours, line state, paths, text blocks.
 *
 * libharu's page calls print every real with up to five decimals
 * ("759.99701") and check a drawing mode brief does not need; written here,
 * positions and sizes carry two decimals (0.01 pt, 3.5 µm, below what any
 * device shows) and colours three (enough for every 8-bit value), with
 * trailing zeros dropped: a page's content is about a tenth shorter, which
 * is as much less to compress and to keep until it is. Each operator skips
 * what the page's pen says is set already.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>

#include "pdf/internal.h"

char *pdf_fixed(char *w, float v, int decimals)
{
	long scale = decimals == 3 ? 1000 : decimals == 2 ? 100 : 1;
	long k = lroundf(v * (float)scale);
	if (k < 0) {
		*w++ = '-';
		k = -k;
	}
	long whole = k / scale, part = k % scale;
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	while (n > 0)
		*w++ = digits[--n];
	if (part != 0) {
		*w++ = '.';
		for (long unit = scale / 10; part != 0; unit /= 10) {
			*w++ = (char)('0' + part / unit);
			part %= unit;
		}
	}
	return w;
}

char *pdf_num(char *w, float v)
{
	return pdf_fixed(w, v, 2);
}

float pdf_num_value(float v)
{
	return (float)lroundf(v * 100.0f) / 100.0f;
}

HPDF_STATUS pdf_put(HPDF_Stream out, const char *s, const char *end)
{
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)s, (HPDF_UINT)(end - s));
}

/* A color component clamped to 0..1 (NaN becomes 0). */
static float pdf_unit(float v)
{
	return v > 0 ? (v < 1 ? v : 1) : 0;
}

static bool pdf_same_color(lay_color a, lay_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Writes "r g b op\n" at w; returns the end. */
static char *pdf_color_op(char *w, lay_color col, const char *op)
{
	w = pdf_fixed(w, col.r, 3);
	*w++ = ' ';
	w = pdf_fixed(w, col.g, 3);
	*w++ = ' ';
	w = pdf_fixed(w, col.b, 3);
	*w++ = ' ';
	w = stpcpy(w, op);
	*w++ = '\n';
	return w;
}

HPDF_STATUS pdf_op_fill(HPDF_Stream out, pdf_pen *pen, lay_color col)
{
	col = (lay_color){pdf_unit(col.r), pdf_unit(col.g), pdf_unit(col.b)};
	if (pdf_same_color(col, pen->fill))
		return HPDF_OK;
	pen->fill = col;
	char buf[64];
	return pdf_put(out, buf, pdf_color_op(buf, col, "rg"));
}

HPDF_STATUS pdf_op_stroke(HPDF_Stream out, pdf_pen *pen, lay_color col, float width,
                          int dash, bool round_join)
{
	char buf[160], *w = buf;
	col = (lay_color){pdf_unit(col.r), pdf_unit(col.g), pdf_unit(col.b)};
	if (!pdf_same_color(col, pen->stroke)) {
		w = pdf_color_op(w, col, "RG");
		pen->stroke = col;
	}
	if (!(width > 0))
		width = 0;
	if (width != pen->width) {
		w = pdf_num(w, width);
		w = stpcpy(w, " w\n");
		pen->width = width;
	}
	if (dash != pen->dash) {
		/* dots are 1 pt squares, not zero-length dashes with round caps */
		w = stpcpy(w, dash == 1 ? "[3 2] 0 d\n" : dash == 2 ? "[1 2] 0 d\n" : "[] 0 d\n");
		pen->dash = dash;
	}
	if (round_join != pen->round_join) {
		w = stpcpy(w, round_join ? "1 j\n" : "0 j\n");
		pen->round_join = round_join;
	}
	return pdf_put(out, buf, w);
}

/* Writes the n numbers v, each followed by a space, at w; returns the end. */
static char *pdf_nums(char *w, const float *v, int n)
{
	for (int i = 0; i < n; i++) {
		w = pdf_num(w, v[i]);
		*w++ = ' ';
	}
	return w;
}

HPDF_STATUS pdf_op_rect(HPDF_Stream out, float x, float y, float width, float height,
                        const char *paint)
{
	char buf[128], *w = buf;
	w = pdf_nums(w, (const float[]){x, y, width, height}, 4);
	w = stpcpy(w, "re\n");
	w = stpcpy(w, paint);
	*w++ = '\n';
	return pdf_put(out, buf, w);
}

HPDF_STATUS pdf_op_path(HPDF_Stream out, const float *xy, int npoints)
{
	char buf[64];
	for (int i = 0; i < npoints; i++) {
		char *w = pdf_nums(buf, xy + 2 * i, 2);
		w = stpcpy(w, i == 0 ? "m\n" : "l\n");
		HPDF_STATUS st = pdf_put(out, buf, w);
		if (st != HPDF_OK)
			return st;
	}
	return HPDF_Stream_WriteStr(out, "S\n");
}

HPDF_STATUS pdf_op_disc(HPDF_Stream out, float x, float y, float r)
{
	/* four Bézier quarters; k places the control points (4/3 (sqrt 2 - 1)) */
	const float k = 0.5522848f * r;
	const float pts[] = {
		x - r, y,
		x - r, y + k,  x - k, y + r,  x, y + r,
		x + k, y + r,  x + r, y + k,  x + r, y,
		x + r, y - k,  x + k, y - r,  x, y - r,
		x - k, y - r,  x - r, y - k,  x - r, y,
	};
	char buf[512], *w = pdf_nums(buf, pts, 2);
	w = stpcpy(w, "m\n");
	for (int q = 0; q < 4; q++) {
		w = pdf_nums(w, pts + 2 + 6 * q, 6);
		w = stpcpy(w, "c\n");
	}
	w = stpcpy(w, "f\n");
	return pdf_put(out, buf, w);
}

HPDF_STATUS pdf_op_begin_text(HPDF_Stream out, pdf_pen *pen)
{
	pen->in_text = true;
	pen->slant = 0;
	pen->line_x = pen->line_y = 0;
	return HPDF_Stream_WriteStr(out, "BT\n");
}

HPDF_STATUS pdf_op_end_text(HPDF_Stream out, pdf_pen *pen)
{
	if (!pen->in_text)
		return HPDF_OK;
	pen->in_text = false;
	return HPDF_Stream_WriteStr(out, "ET\n");
}

/*
 * timeline.c -- a drawn timeline: a vertical axis with a dot per entry, its
 * date on the left and its label wrapped on the right, in the order given.
 *
 * The axis is true to time where it fits: beyond the room the first one's
 * label needs, the space between two entries grows with the time between
 * them (three quarters of a line per year). A gap longer than two lines and
 * a half allow is compressed to that and marked on the axis (two short
 * slanted strokes across it, the axis dashed there). Labels never collide: an entry
 * starts below the previous one's label at least. Dates are written at the
 * precision each has ("2009", "Nov 2019", "29 Oct 2010"; in a Korean
 * document "2009년", "2019년 11월", "2010년 10월 29일"); a date brief cannot
 * read is written as given. Entries may be grouped by decade or by a field
 * of their records: a group's name opens it, in the date column. Entries
 * flow across pages, a label's lines staying together when they fit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/blocks.h"

#define ENTRY_GAP 6.0f          /* below a label, at least */
#define MAX_EXTRA_LINES 2.5f    /* more time than this many lines: compressed */

static void line(lay_ctx *c, float x1, float y1, float x2, float y2, float w,
                 lay_color col, bool dashed)
{
	lay_item *it = ctx_line(c, x1, y1, x2, y2, w, col);
	if (it)
		it->u.line.dashed = dashed;
}

/* A date as the dataset writes it: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
typedef struct tl_date {
	int year, month, day;   /* month, day 0 when not given */
	bool ok;                /* read; else the text is shown as given */
} tl_date;

static tl_date read_date(const char *s)
{
	tl_date d = {0};
	int n = 0;
	if (!s)
		return d;
	int k = sscanf(s, "%4d-%2d-%2d%n", &d.year, &d.month, &d.day, &n);
	if (k == 3 && s[n] == '\0' && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31) {
		d.ok = true;
		return d;
	}
	d.day = 0;
	k = sscanf(s, "%4d-%2d%n", &d.year, &d.month, &n);
	if (k == 2 && s[n] == '\0' && d.month >= 1 && d.month <= 12) {
		d.ok = true;
		return d;
	}
	d.month = 0;
	k = sscanf(s, "%4d%n", &d.year, &n);
	d.ok = k == 1 && s[n] == '\0' && strlen(s) == 4;
	return d;
}

/* The date's place in time, in years. */
static double when(tl_date d)
{
	return d.year + (d.month ? (d.month - 1) / 12.0 : 0) + (d.day ? (d.day - 1) / 365.0 : 0);
}

void timeline_format_date(const char *date, const char *lang, bool long_months, char *out,
                          size_t n)
{
	static const char *const names[12] = {"January", "February", "March", "April", "May",
	                                       "June", "July", "August", "September", "October",
	                                       "November", "December"};
	char months[12][16];
	for (int k = 0; k < 12; k++)
		snprintf(months[k], sizeof months[k], "%.*s", long_months ? 15 : 3, names[k]);
	tl_date d = read_date(date);
	bool ko = lang && strcmp(lang, "ko") == 0;
	if (!d.ok)
		snprintf(out, n, "%s", date ? date : "");
	else if (ko && d.day)
		snprintf(out, n, "%d\xEB\x85\x84 %d\xEC\x9B\x94 %d\xEC\x9D\xBC", d.year, d.month, d.day);
	else if (ko && d.month)
		snprintf(out, n, "%d\xEB\x85\x84 %d\xEC\x9B\x94", d.year, d.month);
	else if (ko)
		snprintf(out, n, "%d\xEB\x85\x84", d.year);
	else if (d.day)
		snprintf(out, n, "%d %s %d", d.day, months[d.month - 1], d.year);
	else if (d.month)
		snprintf(out, n, "%s %d", months[d.month - 1], d.year);
	else
		snprintf(out, n, "%d", d.year);
}

/* The group entry e belongs to, into buf: its decade ("1990s"), or the
 * group the script named; "" when none. */
static const char *group_of(const doc_timeline *tl, const doc_timeline_entry *e, char *buf,
                            size_t n)
{
	if (tl->by_decade) {
		tl_date d = read_date(e->date);
		if (!d.ok)
			return "";
		snprintf(buf, n, "%ds", d.year - d.year % 10);
		return buf;
	}
	return e->group ? e->group : "";
}

/* The widest date (and group name) of the timeline, for its date column. */
static float date_column(lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;
	float widest = 0;
	char buf[128], g[64];
	for (int i = 0; i < tl->nentries; i++) {
		timeline_format_date(tl->entries[i].date, c->doc->meta.lang, s->timeline_long_months, buf,
		                     sizeof buf);
		float w = text_width(c, fonts_face(s->heading_family, DOC_BOLD), (float)s->body_size,
		                     buf);
		widest = w > widest ? w : widest;
		float gw = text_width(c, fonts_face(s->heading_family, DOC_BOLD), (float)s->body_size,
		                      group_of(tl, &tl->entries[i], g, sizeof g));
		widest = gw > widest ? gw : widest;
	}
	return fminf(widest, c->width * 0.3f);
}

/* Two short slanted strokes across the axis at y: time left out here. */
static void break_mark(lay_ctx *c, float x, float y, lay_color col)
{
	line(c, x - 4, y - 3, x + 4, y + 1, 1, col, false);
	line(c, x - 4, y - 1, x + 4, y + 3, 1, col, false);
}

void timeline_layout(lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;
	doc_family fam = s->heading_family;
	lay_color accent = ctx_color(s->accent), muted = ctx_color(s->muted);
	float date_w = date_column(c, tl);
	float rule_x = c->left + date_w + 10, text_x = rule_x + 12;
	lay_textstyle ts = {s->body_family, 0, (float)s->body_size, (float)s->body_leading,
	                    ctx_color(s->text_color), accent};
	float per_year = ts.leading * 0.75f, max_extra = MAX_EXTRA_LINES * ts.leading;
	if (tl->title) {     /* wrapped, kept with the first entries */
		lay_textstyle hs = ts;
		hs.family = fam;
		hs.style = DOC_BOLD;
		lay_inline *in = &c->scratch;
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, tl->title, &hs, 0);
		text_break_block(c, in, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		ctx_ensure(c, (float)in->nlines * hs.leading + ts.leading * 2);
		text_place_lines(c, in, &hs, c->left, c->width, DOC_ALIGN_LEFT, false);
		c->y -= ts.leading * 0.5f;
	}
	char group[64] = "", gbuf[64];
	bool any_inferred = false;
	double last_when = NAN;
	float last_bottom = NAN;    /* the axis so far ends here, on this page */
	int last_page = -1;
	for (int i = 0; i < tl->nentries; i++) {
		const doc_timeline_entry *e = &tl->entries[i];
		lay_inline *in = &c->scratch;
		text_boxes(c, in, &e->label, &ts);
		text_break_block(c, in, c->right - text_x, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		float h = (float)in->nlines * ts.leading;
		const char *g = group_of(tl, e, gbuf, sizeof gbuf);
		bool new_group = *g && strcmp(g, group) != 0;

		/* time since the last entry: more space, up to a limit */
		tl_date d = read_date(e->date);
		double t = d.ok ? when(d) : NAN;
		float extra = 0;
		bool compressed = false;
		if (!tl->even && !isnan(t) && !isnan(last_when) && t > last_when) {
			extra = (float)(t - last_when) * per_year;
			if (extra > max_extra) {
				extra = max_extra;
				compressed = true;
			}
			extra = extra > 0 ? extra : 0;
		}
		float group_h = new_group ? ts.leading * 1.4f : 0;
		/* the entry's first two lines (or all) stay together, with its group */
		float need = group_h + (h > 2 * ts.leading ? 2 * ts.leading : h);
		if (!ctx_fits(c, extra + need) && !c->page_fresh) {
			ctx_new_page(c);
			extra = 0;
			compressed = false;
		}
		float gap_top = c->y;
		c->y -= extra;
		if (compressed && c->page == last_page) {
			line(c, rule_x, last_bottom, rule_x, c->y, 1, accent, true);
			break_mark(c, rule_x, (gap_top + c->y) / 2, muted);
		} else if (c->page == last_page) {
			line(c, rule_x, last_bottom, rule_x, c->y, 1, accent, false);
		}
		if (new_group) {
			snprintf(group, sizeof group, "%s", g);
			c->y -= ts.leading * 0.4f;
			char cut[160];
			text_draw(c, text_fit(c, g, fonts_face(fam, DOC_BOLD), ts.size, date_w, cut,
			                      sizeof cut), fam, DOC_BOLD, ts.size, accent, c->left,
			          ctx_baseline(c->y, ts.size, ts.leading));
			line(c, rule_x, c->y, rule_x, c->y - ts.leading, 1, accent, false);
			c->y -= ts.leading;
		}
		float top = c->y;
		float base = ctx_baseline(top, ts.size, ts.leading);
		char date[128];
		timeline_format_date(e->date, c->doc->meta.lang, s->timeline_long_months, date,
		                     sizeof date);
		/* an inferred date in italics, as the note under the timeline says;
		 * a date wider than its column (text, not a date) cut to it */
		unsigned dstyle = DOC_BOLD | (e->inferred ? DOC_ITALIC : 0);
		char cut[160];
		const char *shown = text_fit(c, date, fonts_face(fam, dstyle), ts.size, date_w, cut,
		                             sizeof cut);
		float dw = text_width(c, fonts_face(fam, dstyle), ts.size, shown);
		text_draw(c, shown, fam, dstyle, ts.size, e->inferred ? muted : accent,
		          rule_x - 10 - dw, base);
		any_inferred = any_inferred || e->inferred;
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
			text_emit_line(c, in, k, text_x, ctx_baseline(c->y, ts.size, ts.leading),
			               c->right - text_x, DOC_ALIGN_LEFT);
			ctx_cite_notes(c, in, k);
			c->y -= ts.leading;
		}
		/* the axis through this entry, down to the gap below it */
		c->y -= ENTRY_GAP;
		if (i + 1 < tl->nentries)
			line(c, rule_x, top, rule_x, c->y, 1, accent, false);
		last_bottom = c->y;
		last_page = c->page;
		if (!isnan(t))
			last_when = t;
	}
	if (any_inferred) {
		float size = (float)s->body_size - 1.5f;
		lay_textstyle ns = {s->body_family, DOC_ITALIC, size > 4 ? size : 4, 0, muted, muted};
		ns.leading = ns.size * 1.4f;
		lay_inline *in = &c->scratch;
		in->ntext = in->nboxes = in->nlines = 0;
		text_append(c, in, c->doc->meta.lang && strcmp(c->doc->meta.lang, "ko") == 0
		          ? "\xEA\xB8\xB0\xEC\x9A\xB8\xEC\x9D\xB8 \xEB\x82\xA0\xEC\xA7\x9C\xEB\x8A\x94 "
		            "\xEC\xB6\x9C\xEC\xB2\x98\xEC\x97\x90\xEC\x84\x9C \xEC\xB6\x94\xEC\xA0\x95\xED\x95\x9C "
		            "\xEA\xB2\x83\xEC\x9E\x85\xEB\x8B\x88\xEB\x8B\xA4."
		            : "Dates in italics are inferred: their source implies them but does not "
		              "print them.", &ns, 0);
		text_break_block(c, in, c->width, DOC_ALIGN_LEFT, ctx_greedy(c, 0));
		text_place_lines(c, in, &ns, c->left, c->width, DOC_ALIGN_LEFT, true);
	}
	c->y -= (float)s->paragraph_space;
}

float timeline_keep(const lay_ctx *c, const doc_timeline *tl)
{
	const doc_style *s = c->st;     /* the title and a first entry */
	return (tl->title ? 1.5f : 0) * (float)s->body_leading + 2 * (float)s->body_leading;
}

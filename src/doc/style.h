/*
 * style.h -- the page style a template sets: paper, margins, fonts, sizes,
 * colours, heading numbering, header and footer.
 *
 * Plain data, filled with defaults by style_default() and overridden field by
 * field from a template. Strings are owned by whoever owns the style (the
 * document's arena, or static defaults).
 */
#ifndef BRIEF_STYLE_H
#define BRIEF_STYLE_H

#include <stdbool.h>

typedef struct doc_rgb { float r, g, b; } doc_rgb;   /* 0..1 each */

/* Font families brief ships with; each has regular, bold, italic and bold
 * italic faces, Hangul falling back to NanumGothic. */
typedef enum doc_family { DOC_SANS = 0, DOC_SERIF = 1 } doc_family;
#define DOC_NFAMILIES 2

/* The text of a header or footer: three slots, each a pattern where
 * {page}, {pages}, {title}, {subtitle}, {author}, {date} and {section}
 * (the level-1 heading in force on the page) are replaced. */
/* Series colours a template may give a chart. */
#define DOC_CHART_COLORS 8

typedef struct doc_running {
	const char *left, *center, *right;  /* NULL or "" = nothing */
	double size;
	doc_rgb color;
	bool rule;                          /* a thin rule between it and the body */
} doc_running;

typedef struct doc_style {
	double page_width, page_height;     /* points */
	double margin_top, margin_bottom, margin_left, margin_right;

	doc_family body_family;
	double body_size, body_leading;     /* points */
	double paragraph_space;             /* after each paragraph */
	int body_align;                     /* a doc_align */
	int body_linebreaks;                /* a doc_linebreaks: every text block's */
	doc_rgb text_color;

	doc_family heading_family;
	double heading_size[3];
	double heading_space_before[3], heading_space_after[3];
	doc_rgb heading_color;
	bool heading_numbers;               /* "1.", "1.2", "1.2.3" */

	doc_family title_family;
	double title_size, subtitle_size;
	doc_rgb title_color;
	doc_rgb accent;                     /* rules, chart series 1, timeline */
	doc_rgb muted;                      /* captions, header/footer text */

	double table_size, table_leading;
	double table_pad_x, table_pad_y;    /* inside each cell, across and down */
	double table_space_before;          /* above the caption or header */
	double table_space_after;           /* below the last row; < 0: body.space + 4 */
	doc_rgb table_header_fill, table_header_text, table_stripe, table_rule;
	bool table_striped;                 /* every second row filled with table_stripe */

	bool timeline_long_months;          /* "29 October 2010", not "29 Oct 2010" */
	doc_rgb chart_colors[DOC_CHART_COLORS];   /* series 1, 2, ...; cycled */
	int nchart_colors;

	doc_running header, footer;
	bool title_block;                   /* print title/subtitle/author/date at the top */
	bool title_page;                    /* ... on a cover page of their own */
	const char *contents_title;         /* heading of the table of contents */
} doc_style;

/* Fills *s with brief's default style: A4, 2 cm margins, serif body 10.5/14.5
 * pt justified, sans headings, "Page X of Y" centred in the footer. */
void style_default(doc_style *s);

/* Sets the page size from a paper name ("A4", "Letter", "Legal", "A5",
 * case-insensitive). Returns false for an unknown name, leaving *s as is. */
bool style_set_paper(doc_style *s, const char *name);

#endif

/*
 * page.h -- laid-out pages: the display list the layout engine produces and
 * the PDF backend draws. Nothing here is resolved later: every text item
 * holds its final string ("Page 3 of 12" included) and position.
 *
 * Coordinates are PDF user space: points, origin at the bottom-left of the
 * page, y upwards. Ownership: a lay_doc owns all its pages, items, strings
 * and arrays (one arena); free with lay_free() (layout.h).
 */
#ifndef BRIEF_PAGE_H
#define BRIEF_PAGE_H

#include <stdbool.h>

typedef struct imagefile imagefile;     /* util/imagefile.h */

typedef struct lay_color { float r, g, b; } lay_color;   /* 0..1 */

typedef enum lay_kind {
	LAY_TEXT,       /* a run of text in one face */
	LAY_RECT,       /* filled and/or stroked rectangle */
	LAY_LINE,       /* straight line from (x, y) to (x2, y2) */
	LAY_POLYLINE,   /* open path through points */
	LAY_CIRCLE,     /* filled circle centred at (x, y) */
	LAY_LINK,       /* clickable area: URI, or a place in this document */
	LAY_IMAGE       /* decoded PNG or JPEG drawn into (x, y, w, h) */
} lay_kind;

/* What a placed item is, kept down to the PDF backend for tagged PDF
 * (a structure tree of headings, paragraphs, lists, tables, notes). */
typedef enum lay_role {
	LAY_ROLE_ARTIFACT,      /* page furniture: running header, footer, rules */
	LAY_ROLE_TITLE,         /* the title block */
	LAY_ROLE_H1, LAY_ROLE_H2, LAY_ROLE_H3,
	LAY_ROLE_P,             /* a paragraph */
	LAY_ROLE_LIST_LABEL,    /* a list item's bullet or number */
	LAY_ROLE_LIST_BODY,     /* a list item's text */
	LAY_ROLE_TABLE_HEADER,  /* a header cell */
	LAY_ROLE_TABLE_CELL,
	LAY_ROLE_CAPTION,       /* a table's or a figure's caption */
	LAY_ROLE_FIGURE,        /* a chart, timeline or image */
	LAY_ROLE_CONTENTS,      /* an entry of the table of contents */
	LAY_ROLE_NOTE_REF,      /* a footnote's number in the text */
	LAY_ROLE_NOTE           /* a footnote at the foot of the page */
} lay_role;

/* The language of an item's text: the document's, or Korean for runs of
 * Hangul whatever the document's language. */
typedef enum lay_lang {
	LAY_LANG_EN,
	LAY_LANG_KO
} lay_lang;

typedef struct lay_item {
	lay_kind kind;
	unsigned char role;     /* lay_role */
	unsigned char lang;     /* lay_lang */
	int block;              /* index of the document block it shows; -1 for
	                           page furniture */
	float x, y;             /* TEXT: baseline start; RECT/LINK/IMAGE: lower-left;
	                           POLYLINE: lower-left of the box around its points */
	float w, h;             /* RECT/LINK/IMAGE/POLYLINE: size; TEXT: advance width (w) */
	lay_color color;        /* TEXT, fill of RECT/CIRCLE, stroke of LINE/POLYLINE */
	union {
		struct {
			int face;           /* index into lay_doc.faces */
			float size;         /* points */
			const char *str;    /* valid UTF-8, every code point in the BMP
			                       and covered by the face */
			int len;            /* bytes */
			const short *kern;  /* NULL, or one entry per code point of str:
			                       thousandths of an em that shaping (kerning)
			                       adds to the code point's advance in the
			                       face's /W widths; negative closes up */
			float slant;        /* 0, or the shear of a synthetic italic
			                       (x += slant * y) for a face without one */
			bool invisible;     /* not drawn, only there to be extracted (a
			                       chart's alt text: text render mode 3) */
			const char *actual; /* NULL, or what the run stands for in
			                       extracted text when that is not str
			                       (/ActualText): the first part of a word
			                       broken with a hyphen stands for the whole
			                       word, the second part for nothing */
			int actual_len;     /* bytes of actual (0 with actual non-NULL:
			                       extracts as nothing) */
		} text;
		struct {
			bool fill, stroke;
			lay_color stroke_color;
			float line_width;
		} rect;
		struct {
			float x2, y2;
			float line_width;
			bool dashed;        /* 3 on, 2 off */
			bool dotted;        /* round dots, for leaders (wins over dashed) */
		} line;
		struct {
			const float *xy;    /* npoints pairs */
			int npoints;
			float line_width;
		} poly;
		struct {
			float radius;
		} circle;
		struct {
			const char *uri;    /* NULL for an internal link */
			int page;           /* internal: 0-based target page */
			float top;          /* internal: target y */
		} link;
		struct {
			const imagefile *image; /* decoded and checked; owned by the
			                           document laid out, which must outlive
			                           this lay_doc */
			const char *path;   /* the file it came from, for messages */
		} image;
	} u;
} lay_item;

typedef struct lay_page {
	lay_item *items;
	int nitems;
	int cap;
} lay_page;

/* One entry of the PDF outline (bookmarks). */
typedef struct lay_mark {
	const char *title;      /* UTF-8 */
	int level;              /* 1..3; a level-2 mark nests under the last level 1 */
	int page;               /* 0-based */
	float top;              /* y of the heading's top */
} lay_mark;

/* A TrueType face the pages use. */
typedef struct lay_face {
	const char *path;       /* .ttf file */
	const char *name;       /* a name for messages: "LiberationSerif-Bold" */
} lay_face;

typedef struct lay_doc {
	float width, height;    /* page size, points */
	lay_page *pages;
	int npages;
	lay_mark *marks;
	int nmarks;
	const lay_face *faces;  /* borrowed from the font set; valid while it lives */
	int nfaces;
	const char *lang;       /* the document's language tag: "en-US", "ko-KR" */
	struct arena *arena;    /* owns pages, items, strings */
} lay_doc;

#endif

/*
 * page.h -- laid-out pages: the display list the layout engine produces and
 * the PDF backend draws. Nothing here is resolved later: every text item
 * holds its final string ("Page 3 of 12" included) and position.
 *
 * Coordinates are PDF user space: points, origin at the bottom-left of the
 * page, y upwards. Ownership: a lay_doc owns all its pages, items, strings
 * and arrays (one arena); free with lay_doc_free() (layout.h).
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

typedef struct lay_item {
	lay_kind kind;
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
	struct arena *arena;    /* owns pages, items, strings */
} lay_doc;

#endif

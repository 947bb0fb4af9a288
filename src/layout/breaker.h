/*
 * breaker.h -- breaking a paragraph into lines: Knuth and Plass's total-fit
 * algorithm over a list of boxes, glue and penalties, as TeX and SILE's
 * core/break.lua do. It knows nothing of fonts, text or pages: the caller
 * turns text into items (a word or syllable is a box, a space is glue, a
 * place to break that is not a space -- a hyphenation point, a soft
 * hyphen, after a slash -- is a penalty) and gets back where lines end.
 *
 * Three passes, as TeX makes them: first with the hyphenation penalties
 * left out and a strict tolerance (most paragraphs need no hyphen); then
 * with every break and the full tolerance; then, if no way keeps every
 * line within it, with extra stretch in every line (TeX's emergency
 * stretch), so that one unbreakable token spreads its cost over the
 * paragraph instead of spoiling one line. When even that finds no feasible
 * way, the loosest lines win and a line too long for its width is allowed
 * (reported, so the caller can cut the word and say so).
 */
#ifndef BRIEF_BREAKER_H
#define BRIEF_BREAKER_H

#include <stdbool.h>

/* A penalty this high forbids a break; this low forces one. */
#define LB_INFINITY 10000.0f

typedef enum lb_type {
	LB_BOX,             /* something that never breaks: a word, a syllable */
	LB_GLUE,            /* space that may stretch or shrink; a line may end at it
	                       when a box comes right before it */
	LB_PENALTY          /* a place a line may end, at a cost */
} lb_type;

typedef struct lb_item {
	lb_type type;
	bool flagged;       /* a penalty that draws a hyphen: two such lines in a
	                       row cost lb_params.flagged_demerits more */
	float width;        /* box or glue width; for a penalty, what is drawn when the
	                       line ends here (a hyphen) */
	float stretch, shrink;  /* glue */
	float penalty;      /* LB_PENALTY: -LB_INFINITY .. LB_INFINITY */
} lb_item;

typedef struct lb_params {
	float pretolerance;     /* first pass, no hyphens (TeX: 100) */
	float tolerance;        /* second pass (TeX: 200) */
	float emergency_stretch;/* third pass: stretch added to each line, points */
	float line_penalty;     /* (TeX: 10) */
	float flagged_demerits; /* two hyphenated lines in a row (plain TeX: 10000) */
	float final_demerits;   /* the last line but one hyphenated (plain TeX: 5000) */
	float fitness_demerits; /* a line much looser or tighter than the last
	                           (plain TeX's \adjdemerits: 10000) */
	int max_hyphens;        /* hyphenated lines in a row at most; 0: no limit
	                           (an emergency pass ignores it) */
} lb_params;

/* TeX's values, with emergency stretch of the given width. */
lb_params lb_defaults(float emergency_stretch);

/* One line of the result: items (from, to], that is, from the item after the
 * previous break up to and including the break item `end`. */
typedef struct lb_line {
	int end;                /* index of the break item (the last item for the last line) */
	float ratio;            /* how its glue is set: > 0 stretched (fraction of the
	                           stretch), < 0 shrunk; 0 natural */
	bool overfull;          /* even fully shrunk, wider than its width */
} lb_line;

typedef struct lb_result {
	lb_line *lines;         /* owned by the result: lb_result_free() */
	int nlines;
	int pass;               /* 1, 2 or 3 that found it; 4 when nothing was feasible */
} lb_result;

/* Breaks items[0..n) into lines of widths[k] for line k (the last width
 * repeats for every later line). The list should end with a glue of infinite
 * stretch (the paragraph's fill) and a forced break; lb_finish() appends
 * them. Returns 0 and fills *r, or -1 when out of memory. */
int lb_break(const lb_item *items, int n, const float *widths, int nwidths,
             const lb_params *p, lb_result *r);

void lb_result_free(lb_result *r);

/* The fill glue and forced break that end a paragraph, appended to items
 * (which must have room for 3 more: the fill is kept from being a break by
 * a penalty before it); returns the new count. */
int lb_finish(lb_item *items, int n);

#endif

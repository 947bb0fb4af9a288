/*
 * blocks.h -- the block types, each in its own file, each with the same
 * contract: X_keep() is how tall the block's start is (what a heading
 * before it must fit together with), X_layout() places the block from the
 * cursor, breaking pages where the block may break (said in its file), and
 * leaves the cursor under it. The flow (layout.c) calls them in order.
 */
#ifndef BRIEF_LAYOUT_BLOCKS_H
#define BRIEF_LAYOUT_BLOCKS_H

#include <stddef.h>

#include "layout/context.h"

/* title.c: the title block; first on the first page */
void title_layout(lay_ctx *c);

/* X_keep() runs with c->block and c->line those of the block measured
 * (layout.c); paragraph_keep(), list_keep() and table_keep() keep what
 * they laid out for X_layout() (lay_ctx.ahead). */

/* heading.c: keep is the height of the start of the block after it */
float heading_keep(const lay_ctx *c, const doc_heading *h);
void heading_layout(lay_ctx *c, const doc_heading *h, float keep);

/* paragraph.c: breaks between lines, never one line alone at either end */
float paragraph_keep(lay_ctx *c, const doc_paragraph *p);
void paragraph_layout(lay_ctx *c, const doc_paragraph *p);

/* list.c: breaks between lines of items */
float list_keep(lay_ctx *c, const doc_list *l);
void list_layout(lay_ctx *c, const doc_list *l);

/* table.c: breaks between rows, splits a row taller than the room left,
 * repeats the header */
float table_keep(lay_ctx *c, const doc_table *t);
void table_layout(lay_ctx *c, const doc_table *t);
/* frees the start table_keep() kept (c->ahead_table), if any */
void table_drop_ahead(lay_ctx *c);

/* chart.c: a chart never breaks; chart_height() is all of it. Its alt text
 * (a sentence made from its data) is a new string the caller frees, NULL
 * when out of memory. */
float chart_height(lay_ctx *c, const doc_chart *ch);
void chart_layout(lay_ctx *c, const doc_chart *ch);
char *chart_alt_text(const doc_chart *ch);

/* timeline.c: a timeline breaks between entries. timeline_format_date()
 * writes a dataset date ("2010-10-29", "2019-11", "2009") at its own
 * precision for the language ("29 Oct 2010", with long_months "29 October
 * 2010"; "2010년 10월 29일") into out, or the text as given when it is no
 * such date. */
float timeline_keep(const lay_ctx *c, const doc_timeline *tl);
void timeline_format_date(const char *date, const char *lang, bool long_months, char *out,
                          size_t n);
void timeline_layout(lay_ctx *c, const doc_timeline *tl);

/* image.c: never breaks; -1 with a message when it cannot be placed */
int image_layout(lay_ctx *c, const doc_image *im, char *err, size_t errsize);

/* contents.c: breaks between entries; numbers filled in by furniture.c */
float contents_keep(const lay_ctx *c);
void contents_layout(lay_ctx *c);

/* notes.c: notes_prepare() finds every footnote and measures it, before
 * the first block; notes_flush() draws the notes cited on the current page
 * at its foot (the on_page_end hook, and once after the last block) */
void notes_prepare(lay_ctx *c);
void notes_flush(lay_ctx *c);

/* audit.c: after the last page, warns of any character a block was given
 * that none of its items draws on a page */
void audit_layout(lay_ctx *c);

/* audit.c, page by page (stream.c): audit_page() counts what the text
 * items of page p draw, block by block, before the page is freed;
 * audit_blocks() says, of every block before `upto` not said yet (their
 * pages all counted), what it lost, as audit_layout() does. */
typedef struct lay_audit lay_audit;
lay_audit *audit_open(lay_ctx *c);          /* NULL when out of memory */
void audit_page(lay_ctx *c, lay_audit *a, int p);
void audit_blocks(lay_ctx *c, lay_audit *a, int upto);
void audit_close(lay_ctx *c, lay_audit *a);

/* furniture.c: contents numbers, running header and footer, a default
 * outline entry; once, after the last block */
void furniture_finish(lay_ctx *c);

#endif

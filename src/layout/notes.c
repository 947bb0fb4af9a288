/*
 * notes.c -- footnotes: numbered through the document in the order the
 * script gave them (markup.c numbers them), each set at the foot of the
 * page whose text cites it, under a short rule, smaller than the body, its
 * number hanging left of its text. The lines that cite a note reserve its
 * height as they are placed (text_place_lines), so a note never leaves the
 * page of its reference.
 */
#include <stdio.h>
#include <stdlib.h>

#include "layout/blocks.h"

#define NOTE_GAP 2.0f   /* between two notes */

static lay_textstyle note_style(const lay_ctx *c)
{
	lay_textstyle ts = ctx_body_style(c, 0);
	ts.size = (float)c->st->body_size * 0.8f;
	ts.leading = ts.size * 1.3f;
	return ts;
}

/* Width of the column a note's number hangs in. */
static float number_width(lay_ctx *c, const lay_textstyle *ts)
{
	char widest[16];
	snprintf(widest, sizeof widest, "%d", c->nnotes);
	return text_width(c, fonts_face(ts->family, 0), ts->size, widest) + 4;
}

/* Breaks note n into the lines of c->notes_in. */
static void note_lines(lay_ctx *c, int n, const lay_textstyle *ts)
{
	lay_inline *in = &c->notes_in;
	float width = c->width - number_width(c, ts);
	text_boxes(c, in, c->notes[n].text, ts);
	doc_align align = ctx_align(c, DOC_ALIGN_DEFAULT) == DOC_ALIGN_JUSTIFY
	                  ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT;
	text_break_block(c, in, width, align, ctx_greedy(c, 0));
}

static void collect(lay_ctx *c, const doc_text *t, int line, int block)
{
	for (int i = 0; i < t->nspans; i++) {
		int n = t->spans[i].note_number;
		if (t->spans[i].note && n > 0 && n <= c->nnotes && !c->notes[n].text)
			c->notes[n] = (lay_note){t->spans[i].note, line, block, 0, false};
	}
}

static void collect_list(lay_ctx *c, const doc_list *l, int line, int block)
{
	for (int i = 0; i < l->nitems; i++) {
		collect(c, &l->items[i].text, line, block);
		if (l->items[i].sublist)
			collect_list(c, l->items[i].sublist, line, block);
	}
}

void notes_prepare(lay_ctx *c)
{
	const doc_document *d = c->doc;
	if (d->nnotes <= 0)
		return;
	c->notes = calloc((size_t)d->nnotes + 1, sizeof *c->notes);
	if (!c->notes) {
		c->oom = true;
		return;
	}
	c->nnotes = d->nnotes;
	for (int b = 0; b < d->nblocks; b++) {
		const doc_block *bl = &d->blocks[b];
		switch (bl->kind) {
		case DOC_PARAGRAPH:
			collect(c, &bl->u.paragraph.text, bl->line, b);
			break;
		case DOC_LIST:
			collect_list(c, &bl->u.list, bl->line, b);
			break;
		case DOC_TABLE:
			for (int k = 0; k < bl->u.table.ncols; k++)
				collect(c, &bl->u.table.cols[k].title, bl->line, b);
			for (int k = 0; k < bl->u.table.nrows * bl->u.table.ncols; k++)
				collect(c, &bl->u.table.cells[k], bl->line, b);
			collect(c, &bl->u.table.caption, bl->line, b);
			break;
		case DOC_TIMELINE:
			for (int k = 0; k < bl->u.timeline.nentries; k++)
				collect(c, &bl->u.timeline.entries[k].label, bl->line, b);
			break;
		default:
			break;
		}
	}
	lay_textstyle ts = note_style(c);
	int line = c->line;
	for (int n = 1; n <= c->nnotes; n++) {
		if (!c->notes[n].text)
			continue;
		c->line = c->notes[n].line;
		note_lines(c, n, &ts);
		c->notes[n].height = (float)c->notes_in.nlines * ts.leading + NOTE_GAP;
	}
	c->line = line;
}

void notes_flush(lay_ctx *c)
{
	if (c->npage_notes == 0)
		return;
	lay_textstyle ts = note_style(c);
	float top = c->bottom + c->notes_height;
	int line = c->line, block = c->block;
	lay_role role = c->role;
	if (c->y < top - 0.5f) {
		c->line = c->notes[c->page_notes[0]].line;
		ctx_warn(c, "footnote %d is too long for the page it is cited on: it overlaps the "
		         "text", c->page_notes[0]);
	}
	c->role = LAY_ROLE_ARTIFACT;
	c->block = -1;
	ctx_line(c, c->left, top - NOTES_RULE / 2, c->left + 72, top - NOTES_RULE / 2, 0.5f,
	         ctx_color(c->st->muted));
	float y = top - NOTES_RULE;
	float numw = number_width(c, &ts);
	doc_align align = ctx_align(c, DOC_ALIGN_DEFAULT) == DOC_ALIGN_JUSTIFY
	                  ? DOC_ALIGN_JUSTIFY : DOC_ALIGN_LEFT;
	for (int k = 0; k < c->npage_notes; k++) {
		int n = c->page_notes[k];
		c->line = c->notes[n].line;
		c->block = c->notes[n].block;
		c->role = LAY_ROLE_NOTE;
		note_lines(c, n, &ts);
		char num[16];
		snprintf(num, sizeof num, "%d", n);
		text_draw(c, num, ts.family, 0, ts.size, ts.color, c->left,
		          ctx_baseline(y, ts.size, ts.leading));
		for (int i = 0; i < c->notes_in.nlines; i++) {
			text_emit_line(c, &c->notes_in, i, c->left + numw,
			               ctx_baseline(y, ts.size, ts.leading), c->width - numw, align);
			y -= ts.leading;
		}
		y -= NOTE_GAP;
	}
	c->line = line;
	c->block = block;
	c->role = role;
	c->npage_notes = 0;
	c->notes_height = 0;
}

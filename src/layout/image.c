/*
 * image.c -- images placed in the flow: natural size at 96 pixels per inch,
 * or the width asked for, never wider than the column nor taller than the
 * page, centred, with an optional caption below, wrapped and centred. The
 * image was decoded when the script added it: nothing here reads a file.
 */
#include <stdio.h>
#include <string.h>

#include "layout/blocks.h"
#include "util/imagefile.h"

int image_layout(lay_ctx *c, const doc_image *im, char *err, size_t errsize)
{
	if (im->image == NULL) {
		snprintf(err, errsize, "image %s: not decoded", im->path ? im->path : "(unnamed)");
		return -1;
	}
	int pw = im->image->width, ph = im->image->height;
	float w = im->width > 0 ? (float)im->width : (float)pw * 0.75f;
	float h = w * (float)ph / (float)pw;
	if (w > c->width) {
		h *= c->width / w;
		w = c->width;
	}
	/* the caption, centred under the image, wrapped to the column */
	lay_textstyle cs = ctx_body_style(c, (float)c->st->body_size - 1);
	cs.style = DOC_ITALIC;
	cs.color = cs.link_color = ctx_color(c->st->muted);
	lay_inline *cap = &c->scratch;
	cap->ntext = cap->nboxes = cap->nlines = 0;
	if (im->caption) {
		text_append(c, cap, im->caption, &cs, 0);
		text_break_block(c, cap, c->width, DOC_ALIGN_CENTER, ctx_greedy(c, 0));
	}
	float cap_h = im->caption ? (float)cap->nlines * cs.leading + 4 : 0;
	float room = c->top - c->bottom - cap_h - 6;
	if (h > room) {
		w *= room / h;
		h = room;
	}
	ctx_ensure(c, h + cap_h + 6);
	lay_item *it = ctx_item(c, LAY_IMAGE);
	if (!it)
		return 0;
	it->x = c->left + (c->width - w) / 2;
	it->y = c->y - 3 - h;
	it->w = w;
	it->h = h;
	it->u.image.image = im->image;
	it->u.image.path = im->path ? ctx_strndup(c, im->path, strlen(im->path)) : NULL;
	c->y -= h + 6;
	if (im->caption) {
		c->role = LAY_ROLE_CAPTION;
		for (int i = 0; i < cap->nlines; i++) {
			text_emit_line(c, cap, i, c->left, ctx_baseline(c->y, cs.size, cs.leading),
			               c->width, DOC_ALIGN_CENTER);
			c->y -= cs.leading;
		}
		c->y -= 4;
		c->role = LAY_ROLE_FIGURE;
	}
	c->y -= (float)c->st->paragraph_space;
	return 0;
}

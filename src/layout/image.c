/*
 * image.c -- images placed in the flow: natural size at
 * 96 pixels per inch, or the width asked for, never wider than the column nor
 * taller than the page, centred, with an optional caption below. The image
 * was decoded when the script added it: nothing here reads a file.
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
	float cap_h = im->caption ? (float)c->st->body_size * 1.8f : 0;
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
		float size = (float)c->st->body_size - 1;
		int face = fonts_face(c->st->body_family, DOC_ITALIC);
		float tw = text_width(c, face, size, im->caption);
		text_draw(c, im->caption, c->st->body_family, DOC_ITALIC, size,
		          ctx_color(c->st->muted), c->left + (c->width - (tw < c->width ? tw : c->width)) / 2,
		          c->y - size);
		c->y -= cap_h;
	}
	c->y -= (float)c->st->paragraph_space;
	return 0;
}

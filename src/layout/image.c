/*
 * image.c -- image headers, and images placed in the flow: natural size at
 * 96 pixels per inch, or the width asked for, never wider than the column nor
 * taller than the page, centred, with an optional caption below.
 */
#include "layout/image.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout/context.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int probe_png(FILE *f, int *w, int *h, char *err, size_t n)
{
	unsigned char hd[33];
	if (fread(hd, 1, sizeof hd, f) != sizeof hd || memcmp(hd + 12, "IHDR", 4) != 0) {
		snprintf(err, n, "PNG file is truncated or has no header");
		return -1;
	}
	uint32_t width = be32(hd + 16), height = be32(hd + 20);
	int depth = hd[24], interlace = hd[28];
	if (width == 0 || height == 0 || width > 30000 || height > 30000) {
		snprintf(err, n, "PNG size %ux%u is out of range", width, height);
		return -1;
	}
	if (depth > 8) {
		snprintf(err, n, "%d-bit PNG is not supported (save it with 8 bits per channel)",
		         depth);
		return -1;
	}
	if (interlace) {
		snprintf(err, n, "interlaced PNG is not supported (save it without interlacing)");
		return -1;
	}
	*w = (int)width;
	*h = (int)height;
	return 0;
}

static int probe_jpeg(FILE *f, int *w, int *h, char *err, size_t n)
{
	int ch;
	fseek(f, 2, SEEK_SET);
	for (;;) {
		do
			ch = fgetc(f);
		while (ch != EOF && ch != 0xFF);
		do
			ch = fgetc(f);
		while (ch == 0xFF);
		if (ch == EOF)
			break;
		unsigned char len[2];
		if (ch == 0xD8 || ch == 0x01 || (ch >= 0xD0 && ch <= 0xD7))
			continue;
		if (fread(len, 1, 2, f) != 2)
			break;
		int seglen = len[0] << 8 | len[1];
		bool sof = ch >= 0xC0 && ch <= 0xCF && ch != 0xC4 && ch != 0xC8 && ch != 0xCC;
		if (sof) {
			unsigned char s[6];
			if (fread(s, 1, 6, f) != 6)
				break;
			int height = s[1] << 8 | s[2], width = s[3] << 8 | s[4], comps = s[5];
			if (width == 0 || height == 0) {
				snprintf(err, n, "JPEG has no size");
				return -1;
			}
			if (comps != 1 && comps != 3 && comps != 4) {
				snprintf(err, n, "JPEG with %d colour components is not supported", comps);
				return -1;
			}
			*w = width;
			*h = height;
			return 0;
		}
		if (seglen < 2 || fseek(f, seglen - 2, SEEK_CUR) != 0)
			break;
	}
	snprintf(err, n, "JPEG file is truncated or has no frame header");
	return -1;
}

int image_probe(const char *path, int *width, int *height, char *err, size_t errsize)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsize, "cannot open image %s: %s", path, strerror(errno));
		return -1;
	}
	unsigned char sig[8] = {0};
	size_t got = fread(sig, 1, sizeof sig, f);
	int rc;
	rewind(f);
	if (got == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0) {
		rc = probe_png(f, width, height, err, errsize);
	} else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
		rc = probe_jpeg(f, width, height, err, errsize);
	} else {
		snprintf(err, errsize, "%s is not a PNG or JPEG file", path);
		rc = -1;
	}
	fclose(f);
	return rc;
}

int image_layout(lay_ctx *c, const doc_image *im, char *err, size_t errsize)
{
	int pw, ph;
	char why[256];
	if (image_probe(im->path, &pw, &ph, why, sizeof why) != 0) {
		snprintf(err, errsize, "%s", why);
		return -1;
	}
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
	it->u.image.path = ctx_strndup(c, im->path, strlen(im->path));
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

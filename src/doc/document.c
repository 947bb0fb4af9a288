/*
 * document.c -- the document model: a growable sequence of blocks whose
 * contents live in the document's arena.
 */
#include "doc/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/imagefile.h"

doc_document *doc_new(void)
{
	doc_document *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->arena = arena_new();
	if (!d->arena) {
		free(d);
		return NULL;
	}
	style_default(&d->style);
	d->meta.lang = "en";
	return d;
}

void doc_free(doc_document *d)
{
	if (!d)
		return;
	free(d->blocks);
	for (int i = 0; i < d->nimages; i++)
		imagefile_free(d->images[i]);
	free(d->images);
	arena_free(d->arena);
	free(d);
}

doc_block *doc_add(doc_document *d, doc_kind kind, int line)
{
	if (d->nblocks == d->cap) {
		int cap = d->cap ? d->cap * 2 : 32;
		doc_block *b = realloc(d->blocks, (size_t)cap * sizeof *b);
		if (!b)
			return NULL;
		d->blocks = b;
		d->cap = cap;
	}
	doc_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	return b;
}

/* Takes ownership of img and returns the image to show: img, or the same
 * image the document already holds (img is then freed). NULL when out of
 * memory (img freed too). */
static const imagefile *doc_keep_image(doc_document *d, imagefile *img)
{
	for (int i = 0; i < d->nimages; i++) {
		if (imagefile_same(d->images[i], img)) {
			imagefile_free(img);
			return d->images[i];
		}
	}
	if (d->nimages == d->capimages) {
		int cap = d->capimages ? d->capimages * 2 : 8;
		imagefile **im = realloc(d->images, (size_t)cap * sizeof *im);
		if (!im) {
			imagefile_free(img);
			return NULL;
		}
		d->images = im;
		d->capimages = cap;
	}
	d->images[d->nimages++] = img;
	return img;
}

doc_block *doc_add_image(doc_document *d, imagefile *img, int line)
{
	const imagefile *shown = doc_keep_image(d, img);
	if (!shown)
		return NULL;
	doc_block *b = doc_add(d, DOC_IMAGE, line);
	if (b)
		b->u.image.image = shown;
	return b;
}

char *doc_strdup(doc_document *d, const char *s)
{
	return arena_strdup(d->arena, s);
}

doc_text doc_plain_text(doc_document *d, const char *s, bool *ok)
{
	doc_text t = {0};
	doc_span *sp = arena_alloc(d->arena, sizeof *sp);
	char *copy = arena_strdup(d->arena, s);
	if (!sp || !copy) {
		*ok = false;
		return t;
	}
	sp->text = copy;
	t.spans = sp;
	t.nspans = 1;
	*ok = true;
	return t;
}

char *doc_text_string(doc_document *d, const doc_text *t)
{
	size_t n = 0;
	for (int i = 0; i < t->nspans; i++)
		n += strlen(t->spans[i].text);
	char *s = arena_alloc(d->arena, n + 1);
	if (!s)
		return NULL;
	char *p = s;
	for (int i = 0; i < t->nspans; i++) {
		size_t k = strlen(t->spans[i].text);
		memcpy(p, t->spans[i].text, k);
		p += k;
	}
	*p = '\0';
	return s;
}

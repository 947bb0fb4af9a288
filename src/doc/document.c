/*
 * document.c -- the document model: a growable sequence of blocks whose
 * contents live in the document's arena.
 */
#include "doc/document.h"

#include <math.h>
#include <stdio.h>
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
	free(d->sources);
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

int doc_source_number(doc_document *d, int serial)
{
	for (int i = 0; i < d->nsources; i++)
		if (d->sources[i] == serial)
			return i + 1;
	if (d->nsources == d->capsources) {
		int cap = d->capsources ? d->capsources * 2 : 16;
		int *s = realloc(d->sources, (size_t)cap * sizeof *s);
		if (!s)
			return 0;
		d->sources = s;
		d->capsources = cap;
	}
	d->sources[d->nsources++] = serial;
	return d->nsources;
}

static int by_serial(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static bool same_shown(const doc_shown *a, const doc_shown *b)
{
	return a->serial == b->serial &&
	       (a->text == b->text || (a->text && b->text && strcmp(a->text, b->text) == 0));
}

bool doc_records_set(doc_document *d, const doc_shown *shown, int n, doc_records *out)
{
	*out = (doc_records){0};
	if (n <= 0)
		return true;
	int *s = arena_alloc(d->arena, (size_t)n * sizeof *s);
	doc_shown *sh = arena_alloc(d->arena, (size_t)n * sizeof *sh);
	if (!s || !sh)
		return false;
	int ns = 0;
	for (int i = 0; i < n; i++) {
		s[i] = shown[i].serial;
		bool seen = false;      /* repeats come close together: look back a little */
		for (int k = ns - 1; k >= 0 && k >= ns - 64 && !seen; k--)
			seen = same_shown(&sh[k], &shown[i]);
		if (seen)
			continue;
		sh[ns] = shown[i];
		if (shown[i].text && !(sh[ns].text = arena_strdup(d->arena, shown[i].text)))
			return false;
		ns++;
	}
	qsort(s, (size_t)n, sizeof *s, by_serial);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (k == 0 || s[k - 1] != s[i])
			s[k++] = s[i];
	*out = (doc_records){s, k, sh, ns};
	return true;
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

void doc_chart_value(double v, char *buf, size_t n)
{
	if (isnan(v)) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, "%.2f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/*
 * fuzz_markup.c -- the inline markup parser (src/doc/markup.c) on any valid
 * UTF-8 text, with what its contract promises checked on every result:
 *
 *  - it never fails on content, and text without '*', '[' or '\' is one
 *    plain span holding the text;
 *  - spans are non-empty valid UTF-8, neighbours differ in style or link,
 *    links are non-empty, and the text is the source with markup taken out
 *    (a subsequence of it, never longer);
 *  - a footnote is a span with no text, numbered 1, 2, ... in order, whose
 *    note is spans of the same kind with no footnote inside;
 *  - the text with every ASCII punctuation character escaped parses back
 *    to itself, as one plain span.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "doc/document.h"
#include "doc/markup.h"
#include "util/utf8.h"

#define CHECK(cond) ((cond) ? (void)0 : abort())

static bool is_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`')
	    || (c >= '{' && c <= '~');
}

/* Is a (NUL-terminated) a subsequence of b? */
static bool subsequence(const char *a, const char *b)
{
	for (; *a; a++) {
		b = strchr(b, *a);
		if (!b)
			return false;
		b++;
	}
	return true;
}

static bool same_link(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Checks the spans of t; *notes counts the footnotes met, which must be
 * numbered in order; in_note: t is a footnote's own text. */
static void check_spans(const doc_text *t, int *notes, bool in_note)
{
	for (int i = 0; i < t->nspans; i++) {
		const doc_span *s = &t->spans[i];
		size_t n = strlen(s->text);
		CHECK((s->style & ~(unsigned)(DOC_BOLD | DOC_ITALIC)) == 0);
		CHECK(!s->link || s->link[0]);
		if (s->note) {
			CHECK(!in_note && n == 0 && s->note_number == ++*notes);
			check_spans(s->note, notes, true);
			continue;
		}
		CHECK(n > 0 && s->note_number == 0);
		CHECK(utf8_invalid_at(s->text, n) == (size_t)-1);
		if (i > 0 && !s[-1].note)
			CHECK(s->style != s[-1].style || !same_link(s->link, s[-1].link));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = fuzz_utf8(data, size);
	doc_document *d = doc_new();
	CHECK(d);
	doc_text t;
	CHECK(markup_parse(d, src, &t));
	int notes = 0;
	check_spans(&t, &notes, false);
	CHECK(notes == d->nnotes);
	char *all = doc_text_string(d, &t);
	CHECK(all);
	CHECK(strlen(all) <= strlen(src));
	CHECK(subsequence(all, src));
	if (!strpbrk(src, "*[\\")) {
		CHECK(strcmp(all, src) == 0);
		CHECK(t.nspans == (src[0] ? 1 : 0));
		CHECK(!src[0] || (t.spans[0].style == 0 && !t.spans[0].link));
	}

	char *escaped = malloc(strlen(all) * 2 + 1), *e = escaped;
	CHECK(escaped);
	for (const char *p = all; *p; p++) {
		if (is_punct(*p))
			*e++ = '\\';
		*e++ = *p;
	}
	*e = '\0';
	doc_text back;
	CHECK(markup_parse(d, escaped, &back));
	CHECK(back.nspans == (all[0] ? 1 : 0));
	CHECK(!all[0] || (strcmp(back.spans[0].text, all) == 0 && back.spans[0].style == 0 &&
	                  !back.spans[0].link));

	free(escaped);
	doc_free(d);
	free(src);
	return 0;
}

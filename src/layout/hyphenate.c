/*
 * hyphenate.c -- libhyphen's patterns behind a narrow contract.
 */
#include "layout/hyphenate.h"

#include <hyphen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "util/utf8.h"

struct hyph_dict {
	HyphenDict *dict;
};

/* The languages brief has patterns for, and their files. */
static const struct { const char *lang, *file; } languages[] = {
	{"en", "hyph_en_US.dic"},
	{"en-us", "hyph_en_US.dic"},
	{"en-gb", "hyph_en_US.dic"},        /* no British patterns in Debian's hyphen-en-us */
};

int hyph_file(const char *lang, char *out, size_t outsize)
{
	const char *dir = getenv("BRIEF_HYPHEN");
	if (!dir || !*dir)
		dir = HYPH_DEFAULT_DIR;
	for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
		if (strcasecmp(lang, languages[i].lang) == 0) {
			snprintf(out, outsize, "%s/%s", dir, languages[i].file);
			return 0;
		}
	return -1;
}

hyph_dict *hyph_open(const char *lang, char *err, size_t errsize)
{
	char path[4096];
	if (hyph_file(lang, path, sizeof path) != 0) {
		snprintf(err, errsize, "no hyphenation patterns for language '%s'", lang);
		return NULL;
	}
	hyph_dict *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	/* libhyphen prints to stderr and returns NULL for a missing file */
	FILE *probe = fopen(path, "r");
	if (!probe || !(d->dict = hnj_hyphen_load(path))) {
		snprintf(err, errsize, "hyphenation patterns %s not found (Debian package "
		         "hyphen-en-us)", path);
		if (probe)
			fclose(probe);
		free(d);
		return NULL;
	}
	fclose(probe);
	return d;
}

void hyph_free(hyph_dict *d)
{
	if (!d)
		return;
	hnj_hyphen_free(d->dict);
	free(d);
}

/* Is cp a letter patterns know of: ASCII letters, and Latin letters with
 * marks (U+00C0..U+024F but the two signs)? Lower case is set in *lower. */
static bool latin_letter(uint32_t cp, bool *upper)
{
	*upper = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

int hyph_points(const hyph_dict *d, const char *w, size_t n, int *points, int max)
{
	if (!d || n == 0 || n > HYPH_MAX_WORD)
		return 0;
	char lower[HYPH_MAX_WORD + 1];
	size_t letters = 0, capitals = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(w + i, n - i, &cp);
		bool upper;
		if (cp == UTF8_REPLACEMENT || !latin_letter(cp, &upper))
			return 0;       /* digits, signs, other scripts: not a plain word */
		memcpy(lower + i, w + i, len);
		if (upper && len == 1)
			lower[i] = (char)(w[i] - 'A' + 'a');
		else if (upper && len == 2)     /* U+00C0..U+00DE: lower case is +0x20 */
			lower[i + 1] = (char)(w[i + 1] + 0x20);
		letters++;
		capitals += upper;
		i += len;
	}
	if (letters < 5 || capitals == letters)
		return 0;
	lower[n] = '\0';
	char hyphens[HYPH_MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(d->dict, lower, (int)n, hyphens, NULL, &rep, &pos, &cut,
	                          2, 3, 2, 3) != 0)
		return 0;
	int k = 0;
	for (size_t i = 0; i + 1 < n && k < max; i++)
		if (((hyphens[i] - '0') & 1) && ((unsigned char)w[i + 1] & 0xC0) != 0x80)
			points[k++] = (int)i + 1;       /* between characters only */
	if (rep) {                          /* non-standard hyphenation: not for English */
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return k;
}

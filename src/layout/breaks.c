/*
 * breaks.c -- UAX #14 from libunibreak, then brief's rules on top.
 */
#include "layout/breaks.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static bool hangul(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	       (cp >= 0x3130 && cp <= 0x318F);
}

/* Dashes that join: a hyphen, an en dash ("ASEAN–Korea", "1989–2024"). */
static bool dash(uint32_t cp)
{
	return cp == 0x2013 || cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* A Latin letter or a digit, which a Korean particle may follow
 * ("ASEAN과", "2024년"). */
static bool alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static void init_once(void)
{
	init_linebreak();
}

/* The code point ending at byte i (its last byte), and where it starts. */
static uint32_t char_at(const char *s, size_t start, size_t n, size_t *next)
{
	uint32_t cp;
	size_t len = utf8_decode(s + start, n - start, &cp);
	*next = start + len;
	return cp;
}

void breaks_find(const char *s, size_t n, const char *lang, char *brk)
{
	if (n == 0)
		return;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_once);
	/* libunibreak takes U+FFFF for the end of the text and aborts on an
	 * assertion when one comes before it: it is handed U+FFFD in its place
	 * (the same three bytes long, the same line-breaking class) */
	bool has_ffff = memmem(s, n, "\xef\xbf\xbf", 3) != NULL;
	char *safe = has_ffff ? malloc(n) : NULL;
	if (has_ffff && !safe) {        /* out of memory: no break but at the end */
		memset(brk, LINEBREAK_NOBREAK, n);
		brk[n - 1] = LINEBREAK_MUSTBREAK;
	} else if (safe) {
		memcpy(safe, s, n);
		for (char *p = safe; (p = memmem(p, n - (size_t)(p - safe), "\xef\xbf\xbf", 3)); p += 3)
			p[2] = '\xbd';
	}
	if (!has_ffff || safe)
		set_linebreaks_utf8((const utf8_t *)(safe ? safe : s), n, lang, brk);
	free(safe);
	for (size_t i = 0; i < n; i++)
		brk[i] = brk[i] == LINEBREAK_MUSTBREAK ? BRK_MUST
		         : brk[i] == LINEBREAK_ALLOWBREAK ? BRK_ALLOW : BRK_NONE;
	/* brief's rules, character by character: prev and cp end at i */
	uint32_t prev = 0;
	for (size_t at = 0; at < n;) {
		size_t next;
		uint32_t cp = char_at(s, at, n, &next);
		size_t last = next - 1;             /* the byte whose mark says "after cp" */
		uint32_t after = 0;
		if (next < n) {
			size_t skip;
			after = char_at(s, next, n, &skip);
		}
		if (brk[last] == BRK_ALLOW) {
			if ((hangul(cp) || alnum(cp)) && (hangul(after) || alnum(after)))
				brk[last] = BRK_NONE;       /* keep-all, particles too */
			else if (after == 0x2014)
				brk[last] = BRK_NONE;       /* an em dash ends a line, never starts one */
			else if (dash(cp) && after != ' ')
				brk[last] = BRK_NONE;       /* compounds stay whole */
			else if (cp == 0xA0 || cp == 0x202F || after == 0xA0 || after == 0x202F)
				brk[last] = BRK_NONE;
		}
		if (cp == 0xAD && after)
			brk[last] = BRK_HYPHEN;
		if (cp == '/' && prev && prev != '/' && prev != ' ' && after && after != '/' &&
		    after != ' ' && brk[last] == BRK_NONE)
			brk[last] = BRK_ALLOW;
		else if (cp == '/' && (prev == '/' || prev == ':'))
			brk[last] = BRK_NONE;       /* "https://" stays whole */
		prev = cp;
		at = next;
	}
	brk[n - 1] = BRK_MUST;
}

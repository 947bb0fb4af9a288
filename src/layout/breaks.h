/*
 * breaks.h -- where a line may end in a text, by the Unicode line-breaking
 * rules (UAX #14, from libunibreak) and brief's own on top of them:
 *
 *   - Korean is kept whole between spaces (keep-all): UAX #14 allows a
 *     break between any two Hangul syllables, brief only where a Korean
 *     word cannot fit (the line breaker's emergency, not marked here); a
 *     particle stays with the Latin word or number before it ("ASEAN과");
 *   - a compound is never broken at an en dash or a hyphen between words
 *     ("ASEAN–Korea", "1989–2024", "ASEAN-ROK"): a hyphen that ends a
 *     line reads as a hyphenated word, and pdftotext drops it; an em dash
 *     may end a line but never starts one;
 *   - a URL or path may break after a slash between two characters that
 *     are not slashes ("https://www.asean.org/ | our-communities/");
 *   - a soft hyphen (U+00AD) is a break that draws a hyphen;
 *   - a no-break space (U+00A0, U+202F) never breaks.
 *
 * The line breaker turns these marks into penalties; hyphenation inside
 * words comes from hyphenate.h.
 */
#ifndef BRIEF_BREAKS_H
#define BRIEF_BREAKS_H

#include <stddef.h>

typedef enum brk_kind {
	BRK_NONE,           /* no line may end here */
	BRK_ALLOW,          /* a line may end here */
	BRK_HYPHEN,         /* a line may end here with a hyphen drawn (soft hyphen) */
	BRK_MUST            /* a line ends here (a line or paragraph separator) */
} brk_kind;

/* Marks, for each byte i of the valid UTF-8 text s[0..n), whether a line
 * may end after it: brk[i] is a brk_kind for the last byte of a character
 * and BRK_NONE inside one; brk[n - 1] is always BRK_MUST. lang ("en",
 * "ko") selects language-specific rules; Hangul follows keep-all in
 * every language. */
void breaks_find(const char *s, size_t n, const char *lang, char *brk);

#endif

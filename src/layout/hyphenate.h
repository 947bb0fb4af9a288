/*
 * hyphenate.h -- where a word may be hyphenated, from the maintained
 * pattern files of libhyphen (Debian hyphen-en-us: TeX's US English
 * patterns, lefthyphenmin 2, righthyphenmin 3).
 *
 * Only plain words are hyphenated: letters alone, at least five of them,
 * not written all in capitals (ASEAN, KADIF: acronyms are never split).
 * Break points are found on the lower-case form, so a capitalised word
 * (Partnership) breaks as its lower-case form does.
 */
#ifndef BRIEF_HYPHENATE_H
#define BRIEF_HYPHENATE_H

#include <stddef.h>

typedef struct hyph_dict hyph_dict;

/* The patterns' folder: $BRIEF_HYPHEN when set, else Debian's. */
#define HYPH_DEFAULT_DIR "/usr/share/hyphen"

/* The pattern file for the language lang ("en", "en-US"), as a path into
 * out (4096 bytes). Returns 0, or -1 when brief has no patterns for lang
 * (Korean is never hyphenated). */
int hyph_file(const char *lang, char *out, size_t outsize);

/* Loads the patterns for lang. Returns a new dictionary owned by the caller
 * (hyph_free()), or NULL with a message naming the file and its Debian
 * package. */
hyph_dict *hyph_open(const char *lang, char *err, size_t errsize);

void hyph_free(hyph_dict *d);

/* The longest word hyph_points() looks at, in bytes. */
#define HYPH_MAX_WORD 100

/* Finds where the UTF-8 word w[0..n) may take a hyphen: stores, in
 * ascending order, the byte offsets after which a line may end with a
 * hyphen (1 .. n - 1) in points (room for max), and returns how many.
 * 0 for anything that is not a plain word (see above). */
int hyph_points(const hyph_dict *d, const char *w, size_t n, int *points, int max);

#endif

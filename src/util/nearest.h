/*
 * nearest.h -- "did you mean": the known name nearest to a misspelt one.
 *
 * Plain C, shared by the command line (an unknown option) and the Lua
 * bindings (an unknown field, option key, method or template).
 */
#ifndef BRIEF_NEAREST_H
#define BRIEF_NEAREST_H

/* The edit distance (insertions, deletions, substitutions) between a and b,
 * comparing at most their first 64 bytes. */
int nearest_distance(const char *a, const char *b);

/* The name of known[0 .. n) nearest to name when it is near enough to be a
 * likely misspelling of it (at most 2 edits, a third of a name longer than
 * 6 bytes); else NULL. The first of equally near names wins. */
const char *nearest_of(const char *name, const char *const *known, int n);

#endif

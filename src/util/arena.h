/*
 * arena.h -- region allocator: many small allocations, one free.
 *
 * An arena owns every block it hands out; they all go away together in
 * arena_free(). Documents, layouts and the dataset each own one, which makes
 * ownership of their strings and arrays trivially true.
 */
#ifndef BRIEF_ARENA_H
#define BRIEF_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* Returns a new empty arena owned by the caller; free with arena_free().
 * NULL when out of memory. */
arena *arena_new(void);

/* Frees the arena and every block it handed out. NULL is accepted. */
void arena_free(arena *a);

/* Returns n bytes of zeroed memory owned by the arena, aligned for any type;
 * NULL when out of memory. n == 0 gives a valid unique pointer. */
void *arena_alloc(arena *a, size_t n);

/* Copies s (or its first n bytes) into the arena, NUL-terminated, at any
 * address (strings are packed, not aligned). NULL when out of memory. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

/* Returns a copy of the array p of n elements of size sz; NULL when out of
 * memory (or when n is 0 and p is NULL). */
void *arena_memdup(arena *a, const void *p, size_t n, size_t sz);

/* Bytes handed out so far, for tests and memory budgets. */
size_t arena_used(const arena *a);

#endif

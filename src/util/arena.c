/*
 * arena.c -- region allocator: a bump pointer over a list of chunks.
 *
 * Chunks come from calloc and are never reused, so every block handed out is
 * already zero. Each new chunk is twice the size of the last (up to
 * CHUNK_MAX), so a small arena stays small and a big one needs few mallocs.
 * A request larger than a quarter of the next chunk gets a chunk of its own,
 * and the space left in the current one is not wasted. Blocks are aligned
 * for any type, but strings, which are packed byte to byte.
 */
#include "util/arena.h"

#include <assert.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN      alignof(max_align_t)
#define CHUNK_MIN  ((size_t)4096)
#define CHUNK_MAX  ((size_t)1 << 20)

/* The flexible array of max_align_t puts data at an offset aligned for any
 * type; calloc's result is aligned the same way. */
typedef struct chunk {
	struct chunk *next;
	max_align_t data[];
} chunk;

struct arena {
	char *ptr;              /* next free byte of the current chunk */
	size_t avail;           /* bytes free after ptr */
	chunk *chunks;          /* every chunk, newest first */
	size_t next_size;       /* data size of the next regular chunk */
	size_t used;            /* bytes handed out, as requested */
};

arena *arena_new(void)
{
	static_assert((ALIGN & (ALIGN - 1)) == 0, "alignment is a power of two");
	arena *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->next_size = CHUNK_MIN;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	chunk *c = a->chunks;
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

/* Returns a new zeroed chunk with room for size bytes, not yet linked; NULL
 * when out of memory or when the size overflows. */
static chunk *chunk_new(size_t size)
{
	if (size > SIZE_MAX - sizeof(chunk))
		return NULL;
	return calloc(1, sizeof(chunk) + size);
}

/* The slow path of arena_take(): r bytes do not fit in
 * the current chunk. Big requests get a chunk of their own and leave ptr in
 * the current chunk, which keeps serving small ones; otherwise a new, larger
 * current chunk is started. Returns the block, NULL when out of memory. */
static void *arena_alloc_slow(arena *a, size_t r)
{
	bool big = r > a->next_size / 4;
	chunk *c = chunk_new(big ? r : a->next_size);
	if (!c)
		return NULL;
	c->next = a->chunks;    /* the list only serves arena_free() */
	a->chunks = c;
	if (big)
		return c->data;
	a->ptr = (char *)c->data + r;
	a->avail = a->next_size - r;
	if (a->next_size < CHUNK_MAX)
		a->next_size *= 2;
	return c->data;
}

/* n bytes at an address that is a multiple of align (a power of two, at
 * most ALIGN) in the current chunk, or from arena_alloc_slow(); NULL when
 * out of memory. */
static void *arena_take(arena *a, size_t n, size_t align)
{
	size_t pad = (size_t)(-(uintptr_t)a->ptr) & (align - 1);
	void *p;
	if (pad <= a->avail && n <= a->avail - pad) {
		p = a->ptr + pad;
		a->ptr += pad + n;
		a->avail -= pad + n;
	} else {
		p = arena_alloc_slow(a, n);
		if (!p)
			return NULL;
	}
	return p;
}

void *arena_alloc(arena *a, size_t n)
{
	assert(a);
	if (n > SIZE_MAX - ALIGN)
		return NULL;
	/* n == 0 still takes ALIGN bytes, so the pointer is unique. */
	size_t r = n ? (n + ALIGN - 1) & ~(ALIGN - 1) : ALIGN;
	void *p = arena_take(a, r, ALIGN);
	if (!p)
		return NULL;
	assert((uintptr_t)p % ALIGN == 0);
	a->used += n;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	assert(s);
	return arena_strndup(a, s, strlen(s));
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	assert(s);
	/* Like strndup: stop at a NUL within the first n bytes. */
	const char *nul = memchr(s, '\0', n);
	size_t len = nul ? (size_t)(nul - s) : n;
	if (len == SIZE_MAX)
		return NULL;
	/* strings need no alignment: packed byte to byte */
	char *p = arena_take(a, len + 1, 1);
	if (!p)
		return NULL;
	a->used += len + 1;
	memcpy(p, s, len);      /* the terminator is there: arena memory is zero */
	return p;
}

void *arena_memdup(arena *a, const void *p, size_t n, size_t sz)
{
	if (n == 0 && !p)
		return NULL;
	assert(p || sz == 0);
	if (sz != 0 && n > SIZE_MAX / sz)
		return NULL;
	size_t bytes = n * sz;
	void *q = arena_alloc(a, bytes);
	if (q && bytes > 0)
		memcpy(q, p, bytes);
	return q;
}

size_t arena_used(const arena *a)
{
	assert(a);
	return a->used;
}

/*
 * test_arena.c -- the region allocator: zeroed, aligned, non-overlapping
 * blocks, big ones included, and an exact count of bytes handed out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"

#define ALIGN _Alignof(max_align_t)

static int setup(void **state)
{
	arena *a = arena_new();
	if (!a)
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void test_free_accepts_null_and_empty_arena(void **state)
{
	(void)state;
	arena_free(NULL);
	arena *a = arena_new();
	assert_non_null(a);
	assert_int_equal(arena_used(a), 0);
	arena_free(a);
}

/* Sizes straddling the alignment, the first chunk, the big-block threshold
 * and the largest chunk. */
static const size_t sizes[] = {
	1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000, 1023, 1024, 1025, 4000,
	4096, 5000, 10000, 65536, 300000, 1 << 20, (1 << 20) + 1, 3 << 20,
};
#define NSIZES (sizeof sizes / sizeof sizes[0])

static void test_blocks_are_zeroed_and_aligned(void **state)
{
	arena *a = *state;
	for (int round = 0; round < 3; round++) {
		for (size_t k = 0; k < NSIZES; k++) {
			unsigned char *p = arena_alloc(a, sizes[k]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % ALIGN, 0);
			for (size_t i = 0; i < sizes[k]; i++)
				if (p[i] != 0)
					fail_msg("size %zu: byte %zu is %u", sizes[k], i, p[i]);
			memset(p, 0xA5, sizes[k]);  /* dirty it for the next round */
		}
	}
}

/* Writes a distinct byte into every block, then checks none was overwritten
 * by a later one: blocks never overlap, small or big, whatever the order. */
static void test_blocks_do_not_overlap(void **state)
{
	arena *a = *state;
	enum { N = 3000 };
	static unsigned char *blocks[N];
	static size_t lens[N];
	uint32_t seed = 12345;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = (seed >> 16) % 200;
		if (i % 500 == 499)
			n = 200000;     /* a big block now and then */
		blocks[i] = arena_alloc(a, n);
		lens[i] = n;
		assert_non_null(blocks[i]);
		memset(blocks[i], i & 0xFF, n);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < lens[i]; j++)
			if (blocks[i][j] != (i & 0xFF))
				fail_msg("block %d (%zu bytes) overwritten at %zu", i, lens[i], j);
}

static void test_zero_size_gives_unique_pointers(void **state)
{
	arena *a = *state;
	void *p = arena_alloc(a, 0);
	void *q = arena_alloc(a, 0);
	void *r = arena_alloc(a, 1);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	assert_ptr_not_equal(q, r);
	assert_ptr_not_equal(p, r);
}

static void test_used_counts_bytes_requested(void **state)
{
	arena *a = *state;
	size_t want = 0;
	for (size_t k = 0; k < NSIZES; k++) {
		assert_non_null(arena_alloc(a, sizes[k]));
		want += sizes[k];
		assert_int_equal(arena_used(a), want);
	}
	assert_non_null(arena_alloc(a, 0));
	assert_int_equal(arena_used(a), want);
	assert_non_null(arena_strdup(a, "abc"));
	want += 4;
	assert_int_equal(arena_used(a), want);
}

static void test_many_small_allocations_are_counted(void **state)
{
	arena *a = *state;
	for (size_t i = 0; i < 200000; i++) {
		int *p = arena_alloc(a, sizeof *p);
		assert_non_null(p);
		assert_int_equal(*p, 0);
		*p = (int)i;
	}
	assert_int_equal(arena_used(a), 200000 * sizeof(int));
}

static void test_oversized_request_fails_and_arena_still_works(void **state)
{
	arena *a = *state;
	assert_null(arena_alloc(a, SIZE_MAX));
	assert_null(arena_alloc(a, SIZE_MAX - 3));
	assert_int_equal(arena_used(a), 0);
	char *p = arena_alloc(a, 10);
	assert_non_null(p);
	assert_int_equal(arena_used(a), 10);
}

static void test_strdup_copies_and_terminates(void **state)
{
	arena *a = *state;
	static const char *strings[] = {"", "a", "hello, world", "한국어 텍스트"};
	for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++) {
		char *s = arena_strdup(a, strings[k]);
		assert_non_null(s);
		assert_ptr_not_equal(s, strings[k]);
		assert_string_equal(s, strings[k]);
	}
}

static void test_strndup_takes_prefix_and_stops_at_nul(void **state)
{
	arena *a = *state;
	static const struct {
		const char *s;
		size_t n;
		const char *want;
	} cases[] = {
		{"hello", 0, ""},
		{"hello", 3, "hel"},
		{"hello", 5, "hello"},
		{"hello", 100, "hello"},   /* like strndup: stops at the NUL */
		{"ab\0cd", 5, "ab"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *s = arena_strndup(a, cases[k].s, cases[k].n);
		assert_non_null(s);
		assert_string_equal(s, cases[k].want);
	}
}

static void test_memdup_copies_arrays(void **state)
{
	arena *a = *state;
	static const double xs[] = {1.5, -2.0, 3.25};
	double *ys = arena_memdup(a, xs, 3, sizeof xs[0]);
	assert_non_null(ys);
	assert_ptr_not_equal(ys, xs);
	assert_memory_equal(ys, xs, sizeof xs);
	assert_int_equal((uintptr_t)ys % ALIGN, 0);

	assert_null(arena_memdup(a, NULL, 0, sizeof(double)));
	assert_non_null(arena_memdup(a, xs, 0, sizeof xs[0]));
	/* n * sz overflows */
	assert_null(arena_memdup(a, xs, SIZE_MAX / 2 + 1, 2));
}

/* Strings are packed byte to byte; blocks after them are aligned again,
 * and nothing overlaps. */
static void test_strings_are_packed_and_blocks_stay_aligned(void **state)
{
	arena *a = *state;
	char *s1 = arena_strdup(a, "ab");
	char *s2 = arena_strdup(a, "cde");
	assert_ptr_equal(s2, s1 + 3);
	double *d = arena_alloc(a, sizeof *d);
	assert_int_equal((uintptr_t)d % ALIGN, 0);
	assert_true((char *)d >= s2 + 4);
	*d = 1.5;
	char *s3 = arena_strdup(a, "f");
	assert_true(s3 >= (char *)(d + 1));
	assert_string_equal(s1, "ab");
	assert_string_equal(s2, "cde");
	assert_string_equal(s3, "f");
	assert_true(*d == 1.5);
	for (int i = 0; i < 5000; i++) {         /* across chunks */
		char *s = arena_strdup(a, "xyz");
		assert_string_equal(s, "xyz");
		int *n = arena_alloc(a, sizeof *n);
		assert_int_equal((uintptr_t)n % ALIGN, 0);
		assert_int_equal(*n, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_accepts_null_and_empty_arena),
		cmocka_unit_test_setup_teardown(test_blocks_are_zeroed_and_aligned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocks_do_not_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_size_gives_unique_pointers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_used_counts_bytes_requested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_small_allocations_are_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oversized_request_fails_and_arena_still_works, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strdup_copies_and_terminates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strndup_takes_prefix_and_stops_at_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memdup_copies_arrays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_are_packed_and_blocks_stay_aligned, setup,
		                                teardown),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}

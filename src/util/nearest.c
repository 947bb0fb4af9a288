/*
 * nearest.c -- "did you mean": edit distance over short names.
 */
#include "util/nearest.h"

#include <stddef.h>
#include <string.h>

int nearest_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	na = na > 64 ? 64 : na;
	nb = nb > 64 ? 64 : nb;
	int row[65];
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

const char *nearest_of(const char *name, const char *const *known, int n)
{
	const char *best = NULL;
	int best_d = 0;
	for (int k = 0; k < n; k++) {
		int d = nearest_distance(name, known[k]);
		if (!best || d < best_d) {
			best = known[k];
			best_d = d;
		}
	}
	int len = (int)strlen(name);
	return best && best_d <= (len > 6 ? len / 3 : 2) ? best : NULL;
}

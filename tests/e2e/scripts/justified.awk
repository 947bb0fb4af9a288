# justified.awk -- reads `pdftotext -bbox-layout` output given twice
# (awk -f justified.awk F F) and says whether its body text is justified.
# The text column runs from L, the leftmost line start, to R, the
# commonest end (to 1 pt) of the lines at least half as wide as the widest
# extent of text (so that short right-aligned labels, such as a timeline's
# dates, do not count) that lie within 2 pt of the rightmost end (so that
# the many short lines of a timeline or a list do not count either). A block of two lines or more in body size
# (first line under 14 pt high) whose first line starts within a tenth of
# the column from L and is at least 3/4 of the column wide is body text: a
# paragraph or a list item, not a table cell, a title or a timeline label.
# It is justified when every line but its last ends at R (within 0.5 pt).
# Prints "justified J ragged G (column L to R)".
FNR == 1 { pass++ }
pass == 1 && /<line / {
	split($0, a, "\"")
	if (L == "" || a[2] + 0 < L) L = a[2] + 0
	if (a[6] + 0 > M) M = a[6] + 0
	nl++; lx0[nl] = a[2] + 0; lx1[nl] = a[6] + 0
}
pass == 1 { next }
!set {
	set = 1
	for (i = 1; i <= nl; i++) {
		if (lx1[i] - lx0[i] < 0.5 * (M - L) || lx1[i] < M - 2)
			continue
		k = sprintf("%.0f", lx1[i])
		if (!(k in e)) ev[k] = lx1[i]
		e[k]++
	}
	for (k in e) if (top == "" || e[k] > e[top]) top = k
	R = ev[top] + 0
}
/<block/ { n = 0 }
/<line / { split($0, a, "\""); n++; x0[n] = a[2] + 0; x1[n] = a[6] + 0; h[n] = a[8] - a[4] }
/<\/block>/ {
	if (n >= 2 && h[1] < 14 && x0[1] - L <= 0.1 * (R - L) && x1[1] - x0[1] >= 0.75 * (R - L)) {
		flush = 1
		for (i = 1; i < n; i++)
			if (x1[i] < R - 0.5 || x1[i] > R + 0.5)
				flush = 0
		if (flush) j++; else g++
	}
}
END { printf "justified %d ragged %d (column %.1f to %.1f)\n", j, g, L, R }

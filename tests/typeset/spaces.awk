# spaces.awk -- word spaces of justified lines, in em, from the output of
# `pdftotext -bbox-layout` (read on stdin).
#
# Variables (awk -v):
#   first   number of the first page in the input (pdftotext -f), default 1
#   x0, x1  the column box in pt: only words lying inside it (or hanging out
#           of it by 3 pt at most) count (default: the whole page)
#   top, bottom  page margins in pt: words above the top margin or below the
#           bottom margin are running headers and footers and do not count
#   size    font size in pt for every line; 0 (default) infers it per line
#   k       word-box height / font size, for inferring the size (see README)
#   tol     how close to the column's edges a justified line must come, in pt
#   verbose 1 prints every justified line
#
# A line is a set of in-box words on one page whose vertical centres lie
# within a third of a line height of each other; pdftotext's own <line>
# grouping is not used, because it splits a line at very wide spaces -- the
# very spaces this measures. The column's left and right edges are found
# from the left and right ends of lines of two or more words (see edge()); a
# line is
# justified when it starts within `tol` of the left edge and ends within
# `tol` of the right edge (the last line of a paragraph, and any line of
# left-aligned text, falls short and is skipped); a line whose punctuation
# hangs into the margin by up to half an em still counts. Each gap between
# consecutive words of such a line, divided by the line's font size, is one
# word space; gaps under 0.05 em are not spaces (pdftotext also splits words
# where the font size changes).

function num(s) { sub(/^[^"]*"/, "", s); sub(/".*/, "", s); return s + 0 }
function attr(line, name,    i) {
	i = index(line, name "=\"")
	if (!i) return -1
	return num(substr(line, i))
}
function unescape(s) {
	gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
	gsub(/&apos;/, "'", s); gsub(/&amp;/, "\\&", s)
	return s
}

BEGIN {
	if (first == "") first = 1
	if (k == "") k = 1.11
	if (tol == "") tol = 1.0
	if (size == "") size = 0
	page = first - 1
	nw = 0
}

/<page / {
	flush_page()
	page++
	pw = attr($0, "width"); ph = attr($0, "height")
	next
}

/<word / {
	wx0 = attr($0, "xMin"); wy0 = attr($0, "yMin")
	wx1 = attr($0, "xMax"); wy1 = attr($0, "yMax")
	t = $0; sub(/^[^>]*>/, "", t); sub(/<\/word>.*$/, "", t)
	if (top != "" && wy1 < top) next
	if (bottom != "" && wy0 > ph - bottom) next
	nw++
	W0[nw] = wx0; W1[nw] = wx1; WM[nw] = (wy0 + wy1) / 2; WH[nw] = wy1 - wy0
	WT[nw] = unescape(t)
	next
}

END {
	flush_page()
	report()
}

# Group the page's words into lines: order by vertical centre, cut where the
# centre jumps, then order each line's words left to right.
function flush_page(    i, j, tmp, n, lo, hi, m) {
	if (nw == 0) return
	for (i = 1; i <= nw; i++) ord[i] = i
	for (i = 2; i <= nw; i++) {          # insertion sort by centre
		tmp = ord[i]
		for (j = i - 1; j >= 1 && WM[ord[j]] > WM[tmp]; j--) ord[j + 1] = ord[j]
		ord[j + 1] = tmp
	}
	lo = 1
	while (lo <= nw) {
		hi = lo
		while (hi + 1 <= nw && WM[ord[hi + 1]] - WM[ord[lo]] < WH[ord[lo]] / 3) hi++
		add_line(lo, hi)
		lo = hi + 1
	}
	nw = 0
}

# Keep the words of a line that lie in the box, up to 3 pt outside it (a
# hyphen or a period hanging into the margin; a table's cell padding is 4 pt,
# so the next column stays out). A line with a word across the box's edge
# runs through the box (a full-width paragraph beside a table column's box)
# and is dropped.
function add_line(lo, hi,    i, j, n, tmp, idx, hmin, w) {
	n = 0
	for (i = lo; i <= hi; i++) {
		w = ord[i]
		if (x0 != "" && W0[w] < x0 - 3 && W1[w] > x0 - 3) return
		if (x1 != "" && W0[w] < x1 + 3 && W1[w] > x1 + 3) return
		if (x0 != "" && W0[w] < x0 - 3) continue
		if (x1 != "" && W1[w] > x1 + 3) continue
		idx[++n] = w
	}
	if (n == 0) return
	for (i = 2; i <= n; i++) {           # left to right
		tmp = idx[i]
		for (j = i - 1; j >= 1 && W0[idx[j]] > W0[tmp]; j--) idx[j + 1] = idx[j]
		idx[j + 1] = tmp
	}
	nl++
	LP[nl] = page; LN[nl] = n
	hmin = 1e9
	for (i = 1; i <= n; i++) {
		L0[nl, i] = W0[idx[i]]; L1[nl, i] = W1[idx[i]]; LT[nl, i] = WT[idx[i]]
		if (WH[idx[i]] < hmin) hmin = WH[idx[i]]
	}
	# the smallest box: Latin faces beside a taller Hangul face
	LS[nl] = size > 0 ? size : hmin / k
	if (n >= 2) {
		nl2++
		left[sprintf("%.1f", L0[nl, 1])]++
		right[sprintf("%.1f", L1[nl, n])]++
	}
}

function mode(arr,    key, best, bn) {
	bn = 0
	for (key in arr)
		if (arr[key] > bn || (arr[key] == bn && key + 0 < best + 0)) { bn = arr[key]; best = key }
	return bn ? best + 0 : -1
}

# The column's edge: the outermost edge (least when want < 0, greatest when
# want > 0) that a tenth of the lines (and at least three) share, so that an
# overflowing word or stray lines do not move it -- then, among the edges up
# to 3 pt inside it,
# the most common one, so that lines whose punctuation hangs into the margin
# (Typst's overhang) do not move it either.
function edge(arr, want,    key, best, found, bn, least) {
	found = 0
	least = nl2 / 10 > 3 ? nl2 / 10 : 3
	for (key in arr)
		if (arr[key] >= least && (!found || want * (key - best) > 0)) { best = key + 0; found = 1 }
	if (!found) return -1
	bn = 0
	for (key in arr)
		if (want * (best - key) >= 0 && want * (best - key) <= 3 && arr[key] > bn) { bn = arr[key]; found = key + 0 }
	return found
}

function excerpt(l,    s, i) {
	# whole words only: a cut inside a UTF-8 sequence would print garbage
	s = LT[l, 1]
	for (i = 2; i <= LN[l] && length(s) + length(LT[l, i]) < 80; i++) s = s " " LT[l, i]
	if (i <= LN[l]) s = s " ..."
	return s
}

function report(    le, re, l, i, g, em, lmax, lsum, ng, over, maxem, maxl, sum, cnt, nj, sizes) {
	le = edge(left, -1); re = edge(right, 1)
	nj = 0; cnt = 0; sum = 0; maxem = 0; over = 0
	for (l = 1; l <= nl; l++) {
		if (LN[l] < 2) continue
		# flush with both edges; punctuation may hang up to half an em outside
		if (L0[l, 1] < le - LS[l] / 2 || L0[l, 1] > le + tol) continue
		if (L1[l, LN[l]] < re - tol || L1[l, LN[l]] > re + LS[l] / 2) continue
		lmax = 0; lsum = 0; ng = 0
		for (i = 2; i <= LN[l]; i++) {
			g = L0[l, i] - L1[l, i - 1]
			em = g / LS[l]
			if (em < 0.05) continue
			ng++; lsum += em
			if (em > lmax) lmax = em
		}
		if (ng == 0) continue
		nj++; cnt += ng; sum += lsum
		sizes[sprintf("%.1f", LS[l])]++
		if (lmax > 1.0) over++
		if (lmax > maxem) { maxem = lmax; maxl = l }
		if (verbose)
			printf "  p%-3d %5.2f pt  max %.2f em  mean %.2f em  %s\n", LP[l], LS[l], lmax, lsum / ng, excerpt(l)
	}
	if (le < 0) { print "no lines of two words or more in the box"; exit 1 }
	printf "column: %.2f to %.2f pt (%.2f pt wide); font size %s\n", le, re, re - le,
	       (size > 0 ? size " pt (given)" : "inferred, most lines " mode(sizes) " pt")
	printf "justified lines: %d   word spaces: %d\n", nj, cnt
	if (nj == 0) exit 0
	printf "word space: largest %.2f em, mean %.2f em\n", maxem, sum / cnt
	printf "lines with a space over 1 em: %d\n", over
	printf "largest on page %d: %s\n", LP[maxl], excerpt(maxl)
}

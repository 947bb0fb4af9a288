# flow.awk -- headings and table header rows left at the foot of a page, from
# the output of `pdftohtml -xml -i -zoom 3` (read on stdin; positions and
# font sizes are in thirds of a point).
#
# Variables (awk -v):
#   top, bottom  page margins in pt: text wholly above the top margin or
#           below the bottom one is a running header or footer and is ignored
#   body    the body text size in pt, when most of the text is not body text
#           (default: the size of most characters)
#   verbose 1 prints each stranded heading and header row, widow and orphan
#
# Each page's text is grouped into lines (fragments whose vertical centres lie
# within a third of their height), and each line is classed by its fonts,
# against the body size B, the size (by characters) of most of the text:
#   heading   every fragment bold and larger than B, or any text 1.3 B or more
#             (brief's default template: sans bold 16, 13, 11 pt over 10.5)
#   theader   every fragment bold and smaller than B: a table's header row
#             (brief: bold 9 pt, white on the accent colour)
#   caption   every fragment italic and smaller than B: a table caption
#   content   anything else: paragraph, list and table-row lines
# A heading is stranded when no content line follows it on its page: what it
# heads starts on the next page (headings, captions and header rows may lie
# between it and the foot). A header row is stranded when no content line
# follows it on its page. A heading is "followed by one line" when exactly
# one content line follows it before the foot, and that line is not a table
# row (one line of a paragraph, or a whole one-line paragraph).
# Consecutive heading lines of the same font, less than two sizes apart, are
# one heading set on two lines.

function attr(line, name,    i, s) {
	i = index(line, " " name "=\"")
	if (!i) return ""
	s = substr(line, i + length(name) + 3)
	sub(/".*/, "", s)
	return s
}

BEGIN { Z = 3; npage = 0; nfrag = 0 }

/<page / { npage++; PH[npage] = attr($0, "height") + 0; PN[npage] = attr($0, "number") + 0; next }

/<fontspec / { FS_[attr($0, "id")] = attr($0, "size") + 0; next }

/<text / {
	t = $0
	sub(/^[^>]*>/, "", t); sub(/<\/text>.*$/, "", t)
	f = attr($0, "font")
	ft = attr($0, "top") + 0; fh = attr($0, "height") + 0
	# wholly above the top margin or below the bottom one: header, footer
	if (ft + fh < top * Z || ft > PH[npage] - bottom * Z) next
	plain = t; gsub(/<[^>]*>/, "", plain)
	if (plain ~ /^[ \t]*$/) next
	nfrag++
	FP[nfrag] = npage; FT[nfrag] = ft; FH[nfrag] = fh; FF[nfrag] = f
	FB[nfrag] = (t ~ /<b>/); FI[nfrag] = (t ~ /<i>/)
	gsub(/&amp;/, "\\&", plain); gsub(/&lt;/, "<", plain); gsub(/&gt;/, ">", plain); gsub(/&quot;/, "\"", plain)
	FX[nfrag] = plain; FL[nfrag] = attr($0, "left") + 0
	FR[nfrag] = FL[nfrag] + attr($0, "width")
	chars[FS_[f]] += length(plain)
	next
}

END {
	best = 0
	for (s in chars) if (chars[s] > best) { best = chars[s]; B = s + 0 }
	if (body != "") B = body * Z
	if (nfrag == 0) { print "no text"; exit 1 }
	group_lines()
	classify()
	judge()
}

# Lines: fragments of one page ordered by vertical centre, cut where the
# centre jumps by more than a third of a fragment's height.
function group_lines(    i, j, tmp, lo, hi, c0) {
	for (i = 1; i <= nfrag; i++) { ord[i] = i; FC[i] = FT[i] + FH[i] / 2 }
	for (i = 2; i <= nfrag; i++) {
		tmp = ord[i]
		for (j = i - 1; j >= 1 && (FP[ord[j]] > FP[tmp] || (FP[ord[j]] == FP[tmp] && FC[ord[j]] > FC[tmp])); j--)
			ord[j + 1] = ord[j]
		ord[j + 1] = tmp
	}
	nl = 0; lo = 1
	while (lo <= nfrag) {
		hi = lo; c0 = FC[ord[lo]]
		while (hi + 1 <= nfrag && FP[ord[hi + 1]] == FP[ord[lo]] && FC[ord[hi + 1]] - c0 < FH[ord[lo]] / 3) hi++
		nl++; LLO[nl] = lo; LHI[nl] = hi; LPG[nl] = FP[ord[lo]]
		for (i = lo + 1; i <= hi; i++) {      # the line's fragments left to right
			tmp = ord[i]
			for (j = i - 1; j >= lo && FL[ord[j]] > FL[tmp]; j--) ord[j + 1] = ord[j]
			ord[j + 1] = tmp
		}
		lo = hi + 1
	}
}

function classify(    l, i, f, allb, alli, big, small, larger, sz, txt, rmax) {
	for (l = 1; l <= nl; l++) {
		allb = 1; alli = 1; big = 0; larger = 1; small = 1; sz = 0; txt = ""; rmax = 0
		for (i = LLO[l]; i <= LHI[l]; i++) {
			f = ord[i]
			if (!FB[f]) allb = 0
			if (!FI[f]) alli = 0
			if (FS_[FF[f]] >= 1.3 * B) big = 1
			if (FS_[FF[f]] <= B) larger = 0
			if (FS_[FF[f]] >= B) small = 0
			if (FS_[FF[f]] > sz) sz = FS_[FF[f]]
			txt = txt (txt == "" ? "" : " ") FX[f]
			if (FR[f] > rmax) rmax = FR[f]
		}
		LR[l] = rmax
		if ((allb && larger) || big) LC[l] = "heading"
		else if (allb && small) LC[l] = "theader"
		else if (alli && small) LC[l] = "caption"
		else LC[l] = "content"
		LSZ[l] = sz; LFN[l] = FF[ord[LLO[l]]]; LTX[l] = txt; LTOP[l] = FT[ord[LLO[l]]]
	}
	# a heading on two lines is one heading
	for (l = 2; l <= nl; l++)
		LCONT[l] = (LC[l] == "heading" && LC[l - 1] == "heading" && LPG[l] == LPG[l - 1] &&
		            LFN[l] == LFN[l - 1] && LTOP[l] - LTOP[l - 1] < 2 * LSZ[l])
}

function judge(    l, m, nh, after, rows, sh, sth, one, p, s1, s2, s3) {
	nh = 0; sh = 0; sth = 0; one = 0
	for (l = 1; l <= nl; l++) {
		if (LC[l] == "heading" && !LCONT[l]) {
			nh++
			after = 0; rows = 0
			for (m = l + 1; m <= nl && LPG[m] == LPG[l]; m++) {
				if (LC[m] == "heading" && !LCONT[m]) break
				if (LC[m] == "theader" && after == 0) rows = 1
				if (LC[m] == "content") after++
			}
			p = LPG[l]
			if (after == 0) {
				# only headings, captions or header rows until the foot
				for (m = l + 1; m <= nl && LPG[m] == p && LC[m] != "content"; m++) ;
				if (m > nl || LPG[m] != p) {
					sh++; s1 = s1 " " PN[p]
					if (verbose) printf "  stranded heading, page %d: %s\n", PN[p], LTX[l]
				}
			} else if (after == 1 && !rows && (m > nl || LPG[m] != p)) {
				one++; s3 = s3 " " PN[p]
				if (verbose) printf "  heading followed by one line, page %d: %s\n", PN[p], LTX[l]
			}
		}
		if (LC[l] == "theader" && (l == nl || LPG[l + 1] != LPG[l] || LC[l + 1] != "theader")) {
			for (m = l + 1; m <= nl && LPG[m] == LPG[l] && LC[m] != "content"; m++) ;
			if (m > nl || LPG[m] != LPG[l]) {
				sth++; s2 = s2 " " PN[LPG[l]]
				if (verbose) printf "  stranded table header, page %d: %s\n", PN[LPG[l]], LTX[l]
			}
		}
	}
	widows()
	printf "pages: %d   body text: %.1f pt (sizes to 1/3 pt)   headings: %d\n", npage, B / Z, nh
	printf "stranded headings: %d%s\n", sh, sh ? " (pages" s1 ")" : ""
	printf "stranded table headers: %d%s\n", sth, sth ? " (pages" s2 ")" : ""
	printf "headings followed by one line at the foot: %d%s\n", one, one ? " (pages" s3 ")" : ""
	printf "widows (a last line alone at the top): %d%s\n", nwid, nwid ? " (pages" swid ")" : ""
	printf "orphans (a first line alone at the foot): %d%s\n", norph, norph ? " (pages" sorph ")" : ""
}

# A content line at the body size: paragraphs and list items, not table rows.
function body_line(l) { return LC[l] == "content" && LSZ[l] == B }

# Widows and orphans of paragraphs and list items (lines at the body size;
# a table row split across pages is not counted). A body line that ends
# at the column's right edge R (the largest right end at least three lines
# share) is a justified line whose paragraph goes on; a content line starts a
# paragraph or item when the line above it is not a body line or lies more than
# 1.15 leadings higher (the leading being the most common distance between
# consecutive body lines).
function widows(    l, d, key, cnt, best, R, lead, p, last, nxt, prv) {
	for (l = 1; l < nl; l++)
		if (body_line(l) && body_line(l + 1) && LPG[l] == LPG[l + 1]) {
			d = LTOP[l + 1] - LTOP[l]
			if (d > 0) cnt[d]++
		}
	best = 0
	for (key in cnt) if (cnt[key] > best) { best = cnt[key]; lead = key + 0 }
	for (l = 1; l <= nl; l++) if (body_line(l)) rc[int(LR[l] + 0.5)]++
	R = -1
	for (key in rc) if (rc[key] >= 3 && key + 0 > R) R = key + 0
	if (lead == 0 || R < 0) return
	for (l = 1; l < nl; l++) {
		if (LPG[l + 1] == LPG[l]) continue
		last = l; nxt = l + 1          # the foot of one page, the top of the next
		# the paragraph goes on: it ends at the right edge and the next page
		# opens with content (a one-line paragraph that happens to fill the
		# measure, followed by a heading, is no orphan)
		if (!body_line(last) || LR[last] < R - 3 || !body_line(nxt)) continue
		prv = last - 1
		if (prv < 1 || LPG[prv] != LPG[last] || !body_line(prv) || LTOP[last] - LTOP[prv] > 1.15 * lead) {
			norph++; sorph = sorph " " PN[LPG[last]]
			if (verbose) printf "  orphan, page %d: %s\n", PN[LPG[last]], LTX[last]
		}
		if (nxt == nl || LPG[nxt + 1] != LPG[nxt] || !body_line(nxt + 1) ||
		    LTOP[nxt + 1] - LTOP[nxt] > 1.15 * lead) {
			nwid++; swid = swid " " PN[LPG[nxt]]
			if (verbose) printf "  widow, page %d: %s\n", PN[LPG[nxt]], LTX[nxt]
		}
	}
}

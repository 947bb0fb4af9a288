#!/bin/sh
# spaces-at.sh -- word spaces of justified lines, in em, with the column's
# edges given, for boxes where measure.sh cannot find them: its `spaces` takes
# an edge only when a tenth of the box's lines of two words or more end there,
# which a few justified list items among many one-line ones (a list of topics,
# a timeline) do not reach.
#
#   spaces-at.sh [-f N] [-l N] [-k REGEX] X0:X1 SIZE FILE.pdf
#
# The rules are those of ../spaces.awk: a line is justified when it has two
# words or more, starts within 1 pt of X0 and ends within 1 pt of X1 (or
# hangs past it by half an em at most); each gap of 0.05 em or more between
# its words, divided by SIZE, is a word space. A word wholly outside the box
# by more than 3 pt (a list's mark) is left out; a word across that line
# drops its line, as does a first word matching REGEX (-k: a table of
# contents' entries). Lines are pdftotext's own, not
# regrouped as spaces.awk does: it splits a line at a very wide space, so this
# is for text whose spaces stay under about 1 em (every line here). Where both
# work, the figures are measure.sh's to the hundredth.
set -eu

usage() {
	sed -n '8p' "$0" | sed 's/^# *//' >&2
	exit 2
}
first=1 last='' skip=''
while getopts f:l:k: opt; do
	case $opt in
	f) first=$OPTARG ;;
	l) last=$OPTARG ;;
	k) skip=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || usage
x0=${1%%:*} x1=${1##*:} size=$2 pdf=$3

# shellcheck disable=SC2086 # the -l option, or nothing
pdftotext -f "$first" ${last:+-l $last} -bbox-layout "$pdf" - |
	awk -v first="$first" -v x0="$x0" -v x1="$x1" -v size="$size" -v skip="$skip" -F'"' '
	BEGIN { page = first - 1 }
	/<page / { page++ }
	/<line / { n = 0; across = 0 }
	/<word / {
		t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
		w0 = $2 + 0; w1 = $6 + 0
		# as spaces.awk: a word across an edge drops its line (it runs
		# through the box); a word wholly outside (a list mark) is left out
		if ((w0 < x0 - 3 && w1 > x0 - 3) || (w0 < x1 + 3 && w1 > x1 + 3)) across = 1
		if (w0 < x0 - 3 || w1 > x1 + 3) next
		n++; A[n] = w0; B[n] = w1; T[n] = t
	}
	/<\/line>/ {
		if (across || n < 2 || (skip != "" && T[1] ~ skip)) next
		if (A[1] > x0 + 1 || A[1] < x0 - size / 2 || B[n] < x1 - 1 || B[n] > x1 + size / 2) next
		lmax = 0; lsum = 0; g = 0
		for (i = 2; i <= n; i++) {
			em = (A[i] - B[i - 1]) / size
			if (em < 0.05) continue
			g++; lsum += em
			if (em > lmax) lmax = em
		}
		if (!g) next
		lines++; spaces += g; sum += lsum
		if (lmax > 1) over++
		if (lmax > most) { most = lmax; where = "page " page ": " T[1] " " T[2] " " T[3] " " T[4] " ..." }
	}
	END {
		printf "justified lines: %d   word spaces: %d\n", lines, spaces
		if (!lines) exit 0
		printf "word space: largest %.2f em, mean %.2f em\n", most, sum / spaces
		printf "lines with a space over 1 em: %d\n", over
		printf "largest on %s\n", where
	}'

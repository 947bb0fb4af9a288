#!/bin/sh
# sbs.sh -- the three shipped briefings set by brief and by Typst, side by
# side: writes OUTDIR/NAME.pdf (brief), OUTDIR/t-NAME.pdf (Typst, from
# NAME.typ) and OUTDIR/k-NAME.pdf (Typst under brief's rule that a line never
# breaks after the hyphen of a compound), then prints the figures of
# tests/typeset/SIDE-BY-SIDE.md.
#
#   make brief && sh tests/typeset/typst/sbs.sh [OUTDIR]       (default /tmp/sbs)
#
# BRIEF names another build's binary (default: ./brief of this repository);
# NODE_PATH the node_modules that holds the Typst compiler (default
# /tmp/typst-node/node_modules; see tests/typeset/README.md). Needs pdftotext
# and pdfinfo; qpdf, when present, to count brief's hyphenated lines.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-/tmp/sbs}
brief=${BRIEF:-$root/brief}
NODE_PATH=${NODE_PATH:-/tmp/typst-node/node_modules}
# the date the briefings print, as in the .typ files (gen.js): 29 November 2026
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795910400}
export NODE_PATH SOURCE_DATE_EPOCH
mkdir -p "$out"

"$brief" -q "$root/scripts/anniversary.lua" --set year=2024 -o "$out/anniversary.pdf"
"$brief" -q "$root/scripts/dialogue.lua" -o "$out/dialogue.pdf"
"$brief" -q "$root/scripts/overview.lua" -o "$out/overview.pdf"
for n in anniversary dialogue overview; do
	node "$here/compile.js" $n "$out/t-$n.pdf"
	node "$here/compile.js" $n "$out/k-$n.pdf" compounds=keep
done

# Lines broken with a hyphen. brief draws a broken word's second part in a
# span whose /ActualText is empty (src/pdf/pdf.c), so pdftotext never shows
# its hyphen: count those spans. Typst's line ends in "-" (a hyphen of the
# text) or in U+00AD (a hyphen it added).
hyphens_brief() {
	if command -v qpdf >/dev/null 2>&1; then
		qpdf --qdf --object-streams=disable "$1" - | grep -ac '/ActualText <feff>>>' || true
	else
		echo n/a
	fi
}
hyphens_typst() {
	pdftotext -enc UTF-8 -bbox-layout "$1" - | awk '
		/<word / { t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t); last = t }
		/<\/line>/ { if (last ~ /(-|\xc2\xad)$/) n++ }
		END { print n + 0 }'
}

# briefing, column box of the body text and of list items, size, margins
# (measure.sh -m), the first page with body text, a contents entry to skip
set -- \
	"anniversary 72:523.28 88:523.28 10.5 70:68 1 -" \
	"dialogue 68:527.28 84:527.28 10 68:66 1 -" \
	"overview 68:527.28 84:527.28 10 68:66 2 ^6\\.1\$"
for row in "$@"; do
	# shellcheck disable=SC2086 # the row's fields
	set -- $row
	name=$1 body=$2 items=$3 size=$4 margins=$5 from=$6 skip=$7
	[ "$skip" = - ] && skip=''
	for engine in brief typst typst-keep; do
		pdf=$out/$name.pdf
		[ $engine = typst ] && pdf=$out/t-$name.pdf
		[ $engine = typst-keep ] && pdf=$out/k-$name.pdf
		pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
		if [ $engine = brief ]; then hy=$(hyphens_brief "$pdf"); else hy=$(hyphens_typst "$pdf"); fi
		echo "== $name, $engine: $pages pages, $hy lines ending in a hyphen"
		echo "-- body paragraphs ($body)"
		sh "$here/spaces-at.sh" -f "$from" "$body" "$size" "$pdf"
		echo "-- list items ($items)"
		sh "$here/spaces-at.sh" ${skip:+-k "$skip"} "$items" "$size" "$pdf"
		echo "-- the same by measure.sh (column -1: it found no right edge)"
		sh "$root/tests/typeset/measure.sh" spaces -f "$from" -s "$size" -x "$body" -m "$margins" \
			"$pdf" | sed -n '2,4p'
		echo "-- measure.sh flow"
		sh "$root/tests/typeset/measure.sh" flow -m "$margins" -b "$size" "$pdf" | sed -n '3,7p'
	done
done

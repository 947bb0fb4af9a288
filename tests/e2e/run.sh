#!/bin/sh
# run.sh BRIEF -- end-to-end tests: render real scripts with the brief binary
# as a user would, and check the PDFs with qpdf --check and pdftotext, and
# what they draw in their uncompressed content (qpdf --qdf, scripts/*.awk).
# Prints one line per check and "N passed, M failed" at the end.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
S=$HERE/scripts
F=$ROOT/tests/fixtures/scripts        # shared with the unit tests
T=$(mktemp -d /tmp/brief-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
. "$HERE/checks.sh"

# text PDF -> $T/text (UTF-8, whitespace collapsed)
text() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -s ' \n' '  ' >"$T/text"; }

# has NAME PATTERN... : every fixed string is in $T/text
has() {
	name=$1
	shift
	for p in "$@"; do
		grep -qF -- "$p" "$T/text" || { no "$name: '$p' is not in the PDF text"; return 1; }
	done
	ok "$name"
}

valid() { # valid NAME PDF
	if qpdf --check "$2" >"$T/qpdf" 2>&1; then ok "$1: qpdf --check"
	else no "$1: qpdf --check" "$(tail -3 "$T/qpdf")"; fi
}

errmsg() { # errmsg NAME FIXED-STRING : stderr holds it
	grep -qF -- "$2" "$T/$1.err" && ok "$1: message" ||
		no "$1: stderr lacks '$2'" "$(head -c 600 "$T/$1.err")"
}

absent() { # absent NAME FILE
	[ ! -e "$2" ] && ok "$1: no PDF written" || no "$1: $2 was written"
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# qdf PDF -> $T/qdf: the PDF uncompressed, one object after another
qdf() { qpdf --qdf --object-streams=disable "$1" "$T/qdf" 2>/dev/null; }

# catalog: prints the document catalog's dictionary from $T/qdf
catalog() {
	awk '/^[0-9]+ 0 obj/ { o = "" } { o = o $0 "\n" }
	     /^endobj/ && o ~ /\/Type \/Catalog/ { printf "%s", o }' "$T/qdf"
}

# lines PDF [LAST] : prints "justified J ragged G (column L to R)", J and G
# counting the paragraphs of body text whose lines are flush right or not
# (justified.awk), on pages 1 to LAST (default: all)
lines() {
	pdftotext -bbox-layout ${2:+-l "$2"} "$1" "$T/bbox" 2>/dev/null
	awk -f "$S/justified.awk" "$T/bbox" "$T/bbox"
}

# before_sources PDF : the last page before the one with the "Sources"
# heading (whose list is set ragged by design; looked for from the end, the
# contents name it too), or nothing when none
before_sources() {
	p=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	while [ "${p:-0}" -gt 1 ]; do
		if pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null |
		   grep -qE '^([0-9]+\. )?Sources$'; then
			echo $((p - 1))
			return
		fi
		p=$((p - 1))
	done
}

# justified NAME PDF : the body text of PDF is justified (the sources list
# aside)
justified() {
	set -- "$1" $(lines "$2" "$(before_sources "$2")")
	[ "$3" -ge 1 ] && [ "$5" -eq 0 ] && ok "$1: body text justified ($3 blocks)" ||
		no "$1: body text not justified" "$2 $3 $4 $5 $6 $7 $8 $9"
}

# render NAME SCRIPT ARGS... : renders to $T/NAME.pdf (exit 0 expected), checks
# it with qpdf and extracts its text; fails only when the run does.
render() {
	pdf_name=$1 pdf_script=$2
	shift 2
	run "$pdf_name" 0 "$pdf_script" "$@" -o "$T/$pdf_name.pdf" || return 1
	valid "$pdf_name" "$T/$pdf_name.pdf"
	text "$T/$pdf_name.pdf"
}

# ---- the shipped briefings -----------------------------------------------------

export SOURCE_DATE_EPOCH=1717200000     # 1 June 2024: reproducible "current year"

if render overview scripts/overview.lua; then
	has "overview: milestones, members, trade, sources" \
		"1989" "Sectoral" "Full Dialogue Partner" "Strategic Partnership" \
		"Brunei Darussalam" "Viet Nam" "Cambodia" "38.7" "149" "US$" \
		"KASI" "Page 2 of"
	pdfinfo "$T/overview.pdf" | grep -q "^Title:.*[A-Za-z]" && ok "overview: title metadata" ||
		no "overview: no Title in the PDF info"
	n=$(qpdf --json --json-key=outlines "$T/overview.pdf" 2>/dev/null | grep -c '"title"')
	[ "${n:-0}" -ge 3 ] && ok "overview: outline has $n entries" || no "overview: outline has ${n:-0} entries"
	# the chart's alt text, made from its data, is in the text
	has "overview: the trade chart says its values" \
		"Bar chart of ROK–ASEAN bilateral trade, US$ billion: 38.7 in 2003, 149 in 2017."
	# the timeline writes dates at their precision
	has "overview: timeline dates at their precision" "8 Aug 1967" "Nov 1989" "Jul 1991" "1997"
fi

if render dialogue scripts/dialogue.lua; then
	has "dialogue: each dialogue with date, co-chairs, format" \
		"24th" "28th" "2020" "2021" "2024" "Kim Gunn" "Yeo Seung-bae" "Emaleen" \
		"videoconference" "virtual"
	has "dialogue: the sessions on the time axis, an inferred date said so" \
		"26 Aug 2020" "6 Jul 2021" "4 Apr 2024" "Dates in italics are inferred"
	has "dialogue: the topics chart says its values" "Horizontal bar chart of Topics discussed"
fi

# every kind of chart says what it shows; a data table; a cover page
if render charts "$S/charts.lua"; then
	has "charts: alt text of every kind, a missing value said, a Korean label" \
		"Bar chart of Trade, US$ billion: 38.7 in 2003, no value in 2010, 149 in 2017." \
		"Horizontal bar chart of Members: 79.4 in Viet Nam, 18.7 in 인도네시아." \
		"Stacked bar chart of Mix: Goods: 100 in A, 90 in B; Services: 20 in A, 15 in B." \
		"Line chart of Lines: P: 1 in 1, no value in 2, 3 in 3; Q: 2 in 1, 3 in 2, 4 in 3."
	has "charts: the data table under the chart" "Trade (US$ billion)" "38.7" "149"
	p1=$(pdftotext -enc UTF-8 -f 1 -l 1 "$T/charts.pdf" - | tr -s ' \n' '  ')
	case $p1 in
	*"Every kind"*"Page "*) no "charts: the cover has a running footer" "$p1" ;;
	*"Every kind"*) ok "charts: the cover page holds the title alone" ;;
	*) no "charts: no title on the cover" "$p1" ;;
	esac
fi

# a Korean document: the template's words and dates, brief's own, in Korean
if render ko-briefing "$S/ko-briefing.lua"; then
	has "ko-briefing: headings, dates and sources in Korean" \
		"목차" "2024년 4월 4일" "성과" "논의 의제 (20건)" "출처" "공동의장" "1989년 11월"
fi

if render anniversary scripts/anniversary.lua --set year=2024; then
	has "anniversary 2024: the 35th of dialogue relations" "2024" "35th" "1989"
	has "anniversary 2024: its milestones on the time axis" "7 Jan 1984" "Nov 1989" "30 Apr 1999"
fi

for b in overview dialogue anniversary; do
	[ -f "$T/$b.pdf" ] && justified "$b" "$T/$b.pdf"
done
# the justification check itself tells ragged text
run ragged 0 "$S/linebreaks.lua" --set where=none --set align=left -o "$T/ragged.pdf" &&
	{ r=$(lines "$T/ragged.pdf")
	  case $r in "justified 0 ragged 1 "*) ok "a left-aligned paragraph is seen as ragged" ;;
	  *) no "a left-aligned paragraph: $r" ;; esac; }

if run anniversary-default 0 scripts/anniversary.lua -o "$T/anniversary-now.pdf"; then
	text "$T/anniversary-now.pdf"
	has "anniversary: default year from SOURCE_DATE_EPOCH (2024)" "35th"
fi

run anniversary-bad-year 3 scripts/anniversary.lua --set year=soon -o "$T/bad-year.pdf" &&
	absent anniversary-bad-year "$T/bad-year.pdf"

# ---- guarantees --------------------------------------------------------------

run twice-1 0 scripts/overview.lua -o "$T/a.pdf" && run twice-2 0 scripts/overview.lua -o "$T/b.pdf" &&
	{ cmp -s "$T/a.pdf" "$T/b.pdf" && ok "byte-identical output for the same inputs" ||
		no "two runs differ"; }

if render text "$S/text.lua"; then
	has "typographic punctuation and Korean extract back" \
		"ASEAN’s “partners” – 35 years…" "한국–아세안 대화 관계" "bold words" "italic words" "a link"
fi

if render longtable "$S/longtable.lua"; then
	n=$(pages "$T/longtable.pdf")
	h=$(grep -o "Reference Value" "$T/text" | wc -l)
	[ "$n" -gt 300 ] && [ "$h" -eq "$n" ] && ok "20,000-row table: $n pages, header on each" ||
		no "20,000-row table: $n pages, $h headers"
	has "20,000-row table: first and last rows" "row-00001" "row-20000"
fi

if render tallcell "$S/tallcell.lua"; then
	n=$(pages "$T/tallcell.pdf")
	[ "$n" -ge 3 ] && ok "a cell taller than a page continues ($n pages)" || no "tall cell: $n pages"
	has "tall cell: nothing lost" "START-OF-CELL" "END-OF-CELL" "after the table"
fi

if render graphics "$S/graphics.lua"; then
	has "chart, timeline, image, sources, list" "Bilateral trade" \
		"A test image" "Sources" "first item" "sectoral dialogue relations"
fi

if render images "$S/images.lua"; then
	n=$(qpdf --qdf --object-streams=disable "$T/images.pdf" - 2>/dev/null | grep -ac '/SMask')
	[ "$n" -eq 1 ] && ok "images: the PNG's alpha is one soft mask, the repeat embedded once" ||
		no "images: $n soft masks"
	has "images: captions" "A disc with a soft edge" "A progressive JPEG"
fi

# ---- typesetting -------------------------------------------------------------

# Footnotes: note NN cites from the word refNN; on the page where refNN is,
# a line must start "N noteNN" (numbered in order, on the reference's page).
if render footnotes "$S/footnotes.lua"; then
	np=$(pages "$T/footnotes.pdf")
	p=1
	while [ "$p" -le "$np" ]; do
		pdftotext -enc UTF-8 -f "$p" -l "$p" "$T/footnotes.pdf" "$T/fn-$p.txt"
		p=$((p + 1))
	done
	bad="" k=1 first="" last=""
	while [ "$k" -le 43 ]; do
		kk=$(printf %02d "$k")
		at=$(grep -l "ref$kk" "$T"/fn-*.txt | head -1)
		if [ -z "$at" ] || ! grep -q "^$k note$kk " "$at"; then bad="$bad $k"; fi
		[ "$k" -eq 4 ] && first=$at
		[ "$k" -eq 43 ] && last=$at
		k=$((k + 1))
	done
	[ -z "$bad" ] && ok "footnotes: 43 notes numbered in order, each on its reference's page" ||
		no "footnotes: notes not on their reference's page, or misnumbered:$bad"
	bad=""
	for k in 1 2 3; do
		grep -q "ref0$k" "$T/fn-$k.txt" && grep -q "^$k note0$k " "$T/fn-$k.txt" ||
			bad="$bad $k"
	done
	[ -z "$bad" ] && ok "footnotes: in a paragraph, a list item and a table cell (pages 1, 2, 3)" ||
		no "footnotes: paragraph, list item, table cell:$bad"
	[ -n "$first" ] && [ "$first" != "$last" ] && ok "footnotes: the long paragraph spans pages" ||
		no "footnotes: the long paragraph stays on one page ($first)"
	has "footnotes: \\^[ stays literal" "An escaped marker ^[stays literal] and so does this."
fi

# {section} in a header: the level-1 heading in force on each page
if render section "$S/section.lua"; then
	for want in "1 1. Origins" "2 2. Trade and investment" "3 2. Trade and investment"; do
		p=${want%% *}
		got=$(pdftotext -layout -enc UTF-8 -f "$p" -l "$p" "$T/section.pdf" - | awk 'NF { print; exit }')
		case $got in
		*"${want#* }  "*) ok "{section} on page $p: ${want#* }" ;;
		*) no "{section} on page $p: header is '$got', expected '${want#* }'" ;;
		esac
	done
fi

# lang: the catalog's /Lang; a language brief does not know is a script error
haslang() { # haslang NAME TAG : the catalog of $T/NAME.pdf has /Lang (TAG)
	qdf "$T/$1.pdf"
	catalog | grep -qF "/Lang ($2)" && ok "$1: catalog has /Lang ($2)" ||
		no "$1: catalog lacks /Lang ($2)" "$(catalog | tr -s ' \n' '  ')"
}
run lang-ko 0 "$S/lang.lua" --set lang=ko -o "$T/lang-ko.pdf" && haslang lang-ko ko-KR
run lang-default 0 "$S/lang.lua" -o "$T/lang-default.pdf" && haslang lang-default en-US
run lang-fr 3 "$S/lang.lua" --set lang=fr -o "$T/lang-fr.pdf" &&
	{ errmsg lang-fr "lang.lua:4: document: unknown lang 'fr' (en, ko)"; absent lang-fr "$T/lang-fr.pdf"; }

# Hyphenation and soft hyphens: the extracted words are the script's words,
# whole, no hyphen; the hyphens were drawn though (lines did break in words).
if render hyphens "$S/hyphens.lua"; then
	sed 's/\xc2\xad//g' "$T/hyphens.out" | tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//' >"$T/want"
	tr -d '\f' <"$T/text" | tr -s ' ' ' ' | sed 's/^ //; s/ $//' >"$T/got"
	if cmp -s "$T/want" "$T/got"; then ok "hyphens: extraction gives every word whole"
	else
		tr ' ' '\n' <"$T/want" >"$T/w1"
		tr ' ' '\n' <"$T/got" >"$T/w2"
		no "hyphens: extracted words differ (< script, > PDF)" \
			"$(diff "$T/w1" "$T/w2" | grep '^[<>]' | head -6 | tr '\n' ' ')"
	fi
	qdf "$T/hyphens.pdf"
	awk -f "$S/drawn.awk" "$T/qdf" | grep -- '-$' >"$T/broken"
	n=$(wc -l <"$T/broken")
	[ "$n" -ge 4 ] && grep -q '^Southeastasian' "$T/broken" && grep -q '^Sectoral' "$T/broken" &&
		ok "hyphens: $n lines end in a hyphen, at soft hyphens too (paragraph and cell)" ||
		no "hyphens: lines ending in a hyphen:" "$(tr '\n' ' ' <"$T/broken")"
fi

# Korean italics are slanted (a Tm with a shear near 0.2); kerning is a TJ
if render glyphs "$S/glyphs.lua"; then
	has "glyphs: slanted Korean and kerned Latin extract" "한국어 기울인 글자 보기." "AVATAR Te y."
	qdf "$T/glyphs.pdf"
	n=$(awk '$NF == "Tm" && $3 >= 0.15 && $3 <= 0.25' "$T/qdf" | wc -l)
	[ "$n" -ge 1 ] && ok "glyphs: Korean italics drawn slanted" || no "glyphs: no slanted Tm"
	grep -aE '[)>] -?[0-9.]+ [(<].*\] TJ$' "$T/qdf" | awk -f "$S/drawn.awk" | grep -q AVATAR &&
		ok "glyphs: AVATAR drawn kerned (TJ with adjustments)" ||
		no "glyphs: no kerned TJ draws AVATAR"
fi
if run glyphs-upright 0 "$S/glyphs.lua" --set italic=no -o "$T/upright.pdf"; then
	qdf "$T/upright.pdf"
	n=$(awk '$NF == "Tm" && $3 != 0' "$T/qdf" | wc -l)
	[ "$n" -eq 0 ] && ok "glyphs: upright Korean has no slant" || no "glyphs: upright Korean slanted"
fi

# linebreaks = "simple": first fit, from the paragraph or the template's body
for w in none para template; do
	run "linebreaks-$w" 0 "$S/linebreaks.lua" --set where=$w -o "$T/lb-$w.pdf" &&
		pdftotext -enc UTF-8 "$T/lb-$w.pdf" "$T/lb-$w.txt"
done
if [ -f "$T/lb-none.txt" ] && [ -f "$T/lb-para.txt" ] && [ -f "$T/lb-template.txt" ]; then
	! cmp -s "$T/lb-none.txt" "$T/lb-para.txt" && cmp -s "$T/lb-para.txt" "$T/lb-template.txt" &&
		ok "linebreaks simple: other breaks than optimized, same from paragraph and template" ||
		no "linebreaks simple: breaks" "$(head -2 "$T/lb-none.txt" "$T/lb-para.txt" "$T/lb-template.txt" | tr '\n' ' ')"
	[ "$(tr -s ' \n' '  ' <"$T/lb-none.txt")" = "$(tr -s ' \n' '  ' <"$T/lb-para.txt")" ] &&
		ok "linebreaks simple: the same words" || no "linebreaks simple: words differ"
fi
run linebreaks-badpara 3 "$S/linebreaks.lua" --set where=badpara -o "$T/lb-bad.pdf" &&
	{ errmsg linebreaks-badpara 'linebreaks.lua:15: paragraph: linebreaks must be "optimized" or "simple"'
	  absent linebreaks-badpara "$T/lb-bad.pdf"; }
run linebreaks-badtemplate 3 "$S/linebreaks.lua" --set where=badtemplate -o "$T/lb-bad.pdf" &&
	errmsg linebreaks-badtemplate \
		"linebreaks.lua:7: template 'body.linebreaks': linebreaks must be \"optimized\" or \"simple\""

# No silent loss: a column beyond the paper's edge is reported
run widetable 0 "$S/widetable.lua" -o "$T/widetable.pdf" &&
	errmsg widetable "widetable.lua:6: warning: 24 characters of this block are not on any page (missing:"
run widetable-strict 7 "$S/widetable.lua" --strict -o "$T/widetable-strict.pdf" &&
	{ errmsg widetable-strict "not on any page"; absent widetable-strict "$T/widetable-strict.pdf"; }

# Contents: each dotted leader ends just before its page number (within
# 6 pt, on the same baseline to 3 pt); the PDF numbers its pages
if render contents "$S/contents.lua"; then
	has "contents: entries and numbers" "1. Origins" "1.1 A second section with a longer title" \
		"2. Trade and investment"
	qdf "$T/contents.pdf"
	awk -f "$S/leaders.awk" "$T/qdf" >"$T/leaders"
	n=$(awk '$2 > 0 && $2 <= 6 && $4 >= -3 && $4 <= 3' "$T/leaders" | wc -l)
	[ "$n" -eq 3 ] && [ "$(wc -l <"$T/leaders")" -eq 3 ] &&
		ok "contents: 3 leaders, each ending just before its page number" ||
		no "contents: leaders" "$(tr '\n' ';' <"$T/leaders")"
	catalog | tr -s ' \n' '  ' | grep -q "/PageLabels << /Nums \[ 0 << /S /D" &&
		ok "contents: catalog has /PageLabels, decimal from page 1" ||
		no "contents: no decimal /PageLabels in the catalog" "$(catalog | tr -s ' \n' '  ')"
fi

# ---- errors -------------------------------------------------------------------

run script-error 3 "$S/error.lua" -o "$T/error.pdf" &&
	{ errmsg script-error "error.lua:4: document has no method 'headng' (did you mean 'heading'?)"; absent script-error "$T/error.pdf"; }

run api-error 3 "$S/badwidth.lua" -o "$T/badwidth.pdf" &&
	errmsg api-error "badwidth.lua:3: table column 2: width must be positive"

mkdir -p "$T/img" && head -c 100 "$S/alpha.png" >"$T/img/broken.png"
printf 'local doc = require("brief").document{}\ndoc:image("broken.png")\ndoc:save()\n' >"$T/img/x.lua"
run bad-image 3 "$T/img/x.lua" -o "$T/bad-image.pdf" &&
	{ errmsg bad-image "x.lua:2: image: 'broken.png': truncated or malformed PNG file: unexpected end of file"
	  absent bad-image "$T/bad-image.pdf"; }

run bad-utf8 3 "$S/badutf8.lua" -o "$T/badutf8.pdf" && errmsg bad-utf8 "invalid UTF-8"

mkdir -p "$T/data" && cp data/*.csv "$T/data/"
line=$(grep -n "1989-11" "$T/data/events.csv" | head -1 | cut -d: -f1)
sed -i "${line}s/1989-11/19x9/" "$T/data/events.csv"
run bad-data 4 scripts/overview.lua --data "$T/data" -o "$T/baddata.pdf" &&
	{ errmsg bad-data "$T/data/events.csv:$line: column 'date': \"19x9\" is not a date"
	  absent bad-data "$T/baddata.pdf"; }

run usage 2 --no-such-option
run usage-missing 2 "$T/nope.lua"

# a failed run leaves a good PDF as it was
cp "$T/text.pdf" "$T/keep.pdf"
run no-overwrite 3 "$S/error.lua" -o "$T/keep.pdf" &&
	{ cmp -s "$T/text.pdf" "$T/keep.pdf" && ok "failed run leaves the old PDF untouched" ||
		no "failed run changed the old PDF"; }
run error-after-save 3 "$S/saveerror.lua" -o "$T/saveerror.pdf" &&
	absent error-after-save "$T/saveerror.pdf"

# ---- the sandbox ---------------------------------------------------------------

for case in io os_execute getenv require_os debug dofile gc binary rep; do
	run "sandbox-$case" 3 "$S/sandbox.lua" --set case=$case -o "$T/sb.pdf" &&
		{ ok "sandbox refuses $case"; absent "sandbox-$case" "$T/sb.pdf"; }
done
run loop 6 "$S/loop.lua" --max-instructions 1000000 -o "$T/loop.pdf" &&
	errmsg loop "loop.lua:5: stopped: instruction limit"
run memory 6 "$S/memory.lua" --max-memory 32 -o "$T/memory.pdf" && errmsg memory "memory limit"
run timeout 6 "$S/pattern.lua" --timeout 1 -o "$T/pattern.pdf" && errmsg timeout "time limit"
run crash 6 "$F/crash_concat.lua" -o "$T/crash.pdf" &&
	{ errmsg crash "crashed"; absent crash "$T/crash.pdf"; }

# ---- command line ----------------------------------------------------------------

run check 0 scripts/overview.lua --check -o "$T/check.pdf" && absent check "$T/check.pdf"
run strict 7 "$S/emoji.lua" --strict -o "$T/strict.pdf" &&
	{ errmsg strict "U+1F600"; absent strict "$T/strict.pdf"; }
run params 0 "$S/params.lua" --set who=Analyst --set n=3 -o "$T/params.pdf" &&
	{ text "$T/params.pdf"; has "params reach the script" "who=Analyst n=3"; }
(cd "$T" && "$BRIEF" "$S/params.lua" --set who=x -q) && [ -f "$T/reports/params-who-x.pdf" ] &&
	ok "default output reports/<script>-<k>-<v>.pdf" || no "default output name with --set"
(cd "$T" && "$BRIEF" batch -j 2 --set who=B --summary "$T/summary.json" "$S/params.lua" \
	"$S/error.lua" "$S/text.lua" >"$T/batch.out" 2>"$T/batch.err"; [ $? -eq 3 ]) &&
	ok "batch: exit code of the failing script" || no "batch: exit code"
[ -f "$T/reports/params-who-B.pdf" ] && [ -f "$T/reports/text-who-B.pdf" ] &&
	ok "batch: outputs named reports/<script>-<k>-<v>.pdf" || no "batch: outputs"
grep -q '"status": "failed"' "$T/summary.json" 2>/dev/null &&
	grep -q '"succeeded": 2' "$T/summary.json" && ok "batch: JSON summary" ||
	no "batch: JSON summary" "$(head -c 400 "$T/summary.json" 2>/dev/null)"
"$BRIEF" --help | grep -q "exit codes" && ok "--help documents exit codes" || no "--help"

echo
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
sh "$HERE/provenance.sh" "$BRIEF" && sh "$HERE/mistakes.sh" "$BRIEF" && [ "$failed" -eq 0 ]

#!/bin/sh
# run.sh BRIEF -- end-to-end tests: render real scripts with the brief binary
# as a user would, and check the PDFs with qpdf --check and pdftotext.
# Prints one line per check and "N passed, M failed" at the end.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
S=$HERE/scripts
F=$ROOT/tests/fixtures/scripts        # shared with the unit tests
T=$(mktemp -d /tmp/brief-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
no() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "$2" ] && printf '     %s\n' "$2"; }

# run NAME EXPECTED_EXIT ARGS... : runs brief, keeps stderr in $T/NAME.err
run() {
	name=$1 want=$2
	shift 2
	"$BRIEF" "$@" >"$T/$name.out" 2>"$T/$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		no "$name: exit $got, expected $want" "$(head -c 600 "$T/$name.err")"
		return 1
	fi
	return 0
}

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
		"KASI" "Page 1 of"
	pdfinfo "$T/overview.pdf" | grep -q "^Title:.*[A-Za-z]" && ok "overview: title metadata" ||
		no "overview: no Title in the PDF info"
	n=$(qpdf --json --json-key=outlines "$T/overview.pdf" 2>/dev/null | grep -c '"title"')
	[ "${n:-0}" -ge 3 ] && ok "overview: outline has $n entries" || no "overview: outline has ${n:-0} entries"
fi

if render dialogue scripts/dialogue.lua; then
	has "dialogue: each dialogue with date, co-chairs, format" \
		"24th" "28th" "2020" "2021" "2024" "Kim Gunn" "Yeo Seung-bae" "Emaleen" \
		"videoconference" "virtual"
fi

if render anniversary scripts/anniversary.lua --set year=2024; then
	has "anniversary 2024: the 35th of dialogue relations" "2024" "35th" "1989"
fi

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

# ---- errors -------------------------------------------------------------------

run script-error 3 "$S/error.lua" -o "$T/error.pdf" &&
	{ errmsg script-error "error.lua:4: attempt to call a nil value"; absent script-error "$T/error.pdf"; }

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

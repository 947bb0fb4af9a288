#!/bin/sh
# provenance.sh BRIEF -- end-to-end tests of provenance (docs/lua-api.md §3.5):
# doc:sources(), doc:cite() and --provenance, each checked against the text
# of the PDF as pdftotext extracts it, page by page. Run from run.sh (or on
# its own); prints one line per check and "N passed, M failed" at the end.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
S=$HERE/scripts
T=$(mktemp -d /tmp/brief-prov.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1717200000
. "$HERE/checks.sh"

# text PDF : the PDF's text on one line, whitespace collapsed
text() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -s ' \n\f' '   '; }

# records JSON PAGE : the records the sidecar lists for a page, one per line, sorted
records() {
	jq -r --argjson p "$2" '.documents[0].pages[] | select(.page == $p) | .records[]' "$1" |
		sort
}

# ---- predicates read every record; one record reaches the page -----------------

if run predicate 0 "$S/prov-predicate.lua" -o "$T/predicate.pdf" \
	--provenance "$T/predicate.json"; then
	got=$(records "$T/predicate.json" 1 | tr '\n' ' ')
	want="meetings:dialogue-2024-28th sources:mofa-dialogue-2024 "
	[ "$got" = "$want" ] && ok "predicate: page 1 lists the one record shown (and its source, listed)" ||
		no "predicate: page 1 lists '$got', expected '$want'"
	n=$(jq '.documents[0].sources | length' "$T/predicate.json")
	t=$(text "$T/predicate.pdf")
	case $t in
	*"1. 28th ASEAN-ROK Dialogue. Ministry of Foreign Affairs"*) [ "$n" -eq 1 ] && ok "predicate: one source cited" ||
		no "predicate: $n sources in the sidecar" ;;
	*) no "predicate: the list of sources is not the one source" "$t" ;;
	esac
	case $t in *" 2. "*) no "predicate: a second source is listed" "$t" ;; esac
fi

# ---- citation markers match the list --------------------------------------------

if run cite 0 "$S/prov-cite.lua" -o "$T/cite.pdf" --provenance "$T/cite.json"; then
	t=$(text "$T/cite.pdf")
	bad=0 n=0
	while IFS="$(printf '\t')" read -r id title; do
		n=$((n + 1))
		mark=$(printf '%s\n' "$t" | sed -n "s/.*CITE $id \[\([0-9]*\)\]\..*/\1/p")
		case $t in
		*"$mark. $title."*) ;;
		*) bad=$((bad + 1)); no "cite: $id is [$mark], but entry $mark is not '$title'" ;;
		esac
	done <"$T/cite.out"
	[ "$n" -ge 7 ] && [ "$bad" -eq 0 ] && ok "cite: $n markers each name their source's entry in the list"
	m=$(jq '.documents[0].sources | length' "$T/cite.json")
	list=$(printf '%s\n' "$t" | sed 's/.* Sources \(.*\) 2\. Cited .*/\1/')
	k=$(printf '%s\n' "$list" | grep -o '\(^\|\. \)[0-9]\. ' | wc -l)
	[ "$m" -eq 5 ] && [ "$k" -eq 5 ] && ok "cite: 5 sources, numbered 1 to 5, in the PDF and the sidecar" ||
		no "cite: $m sources in the sidecar, $k entries in the list" "$list"
fi

if run korean 0 "$S/prov-korean.lua" -o "$T/korean.pdf"; then
	case $(text "$T/korean.pdf") in
	*"Dialogue는 [1] 서울"*"1. 28th ASEAN-ROK Dialogue. Ministry"*"2024년 4월 4일."*)
		ok "korean: the list dates its sources in Korean" ;;
	*) no "korean: list of sources" "$(text "$T/korean.pdf")" ;;
	esac
fi

# ---- the sidecar of a shipped briefing agrees with its pages ----------------------

# check NAME PDF JSON : for each page, every record the sidecar lists shows
# one of its texts (prov-values.lua) on the page, and every record name the
# page shows (an event's title, a meeting's or an initiative's name, a
# source's title) belongs to a record the sidecar lists for it, unless it
# stands inside a longer text of a record listed there (an initiative named
# in a meeting's topics, an event's title in another's). Texts are compared
# without whitespace (lines break anywhere). EXCEPT: "PAGE:RECORD ..." of
# names a page shows by coincidence, written from other records' values.
check() {
	np=$(pdfinfo "$2" | awk '/^Pages:/ { print $2 }')
	: >"$T/pages.tsv"
	p=1
	while [ "$p" -le "$np" ]; do
		printf '%d\t' "$p" >>"$T/pages.tsv"
		pdftotext -enc UTF-8 -f "$p" -l "$p" "$2" - | tr -d ' \t\r\n\f' >>"$T/pages.tsv"
		printf '\n' >>"$T/pages.tsv"
		p=$((p + 1))
	done
	jq -r '.documents[0].pages[] | .page as $p | .records[] | "\($p)\t\(.)"' "$3" >"$T/listed.tsv"
	awk -F '\t' -v except=" $4 " '
		function squeeze(s) { gsub(/[ \t\r\n]|\302\240/, "", s); return s }
		FILENAME ~ /forms/ { n++; kind[n] = $1; rec[n] = $2; form[n] = squeeze($3)
		                     forms[$2] = forms[$2] " " n; next }
		FILENAME ~ /listed/ { listed[$1, $2] = 1; order[++nl] = $1 "\t" $2; next }
		{ page[$1] = $2; np = $1 }
		END {
			bad = 0
			for (i = 1; i <= nl; i++) {         # listed => shown
				split(order[i], pr, "\t"); p = pr[1]; r = pr[2]
				k = split(forms[r], idx, " "); shown = 0
				for (j = 1; j <= k && !shown; j++)
					shown = length(form[idx[j]]) > 0 && index(page[p], form[idx[j]]) > 0
				if (!shown) { bad++; print "     page " p " lists " r " but shows none of its texts" }
			}
			for (p = 1; p <= np; p++) {         # a name shown => a record with it listed
				m = 0; w = 0
				for (i = 1; i <= n; i++) {
					if (!index(page[p], form[i])) continue
					if (kind[i] == "name") found[p, ++m] = i
					if ((p, rec[i]) in listed) wider[p, ++w] = i
				}
				for (a = 1; a <= m; a++) {
					i = found[p, a]; inside = 0; have = 0
					for (b = 1; b <= w && !inside; b++) {   # inside a text of a listed record
						j = wider[p, b]
						inside = length(form[j]) > length(form[i]) && index(form[j], form[i]) > 0
					}
					for (j = 1; j <= n && !have; j++)
						have = form[j] == form[i] && ((p, rec[j]) in listed)
					if (index(except, " " p ":" rec[i] " ")) have = 1
					if (!inside && !have) {
						bad++
						print "     page " p " shows " rec[i] " (" form[i] ") but does not list it"
					}
				}
			}
			exit bad > 0
		}' "$T/forms.tsv" "$T/listed.tsv" "$T/pages.tsv" >"$T/check.txt"
	if [ $? -eq 0 ]; then
		ok "$1: the sidecar agrees with pdftotext on each of $np pages ($(wc -l <"$T/listed.tsv") records listed)"
	else
		no "$1: the sidecar and the pages disagree" "$(head -20 "$T/check.txt")"
	fi
}

run values 0 "$S/prov-values.lua" --check -o "$T/values.pdf" && cp "$T/values.out" "$T/forms.tsv"

if run overview 0 scripts/overview.lua -o "$T/overview.pdf" --provenance "$T/overview.json"; then
	jq -e '.documents | length == 1' "$T/overview.json" >/dev/null &&
		[ "$(jq -r '.documents[0].pdf' "$T/overview.json")" = "$T/overview.pdf" ] &&
		[ "$(jq '.documents[0].pages | length' "$T/overview.json")" -eq \
		  "$(pdfinfo "$T/overview.pdf" | awk '/^Pages:/ { print $2 }')" ] &&
		ok "overview: the sidecar names the PDF and has a record list for each page" ||
		no "overview: sidecar shape" "$(head -c 300 "$T/overview.json")"
	grep -q "overview.json: provenance of" "$T/overview.err" && ok "overview: the run names the sidecar" ||
		no "overview: no line for the sidecar" "$(cat "$T/overview.err")"
	check overview "$T/overview.pdf" "$T/overview.json"
fi
run dialogue 0 scripts/dialogue.lua -o "$T/dialogue.pdf" --provenance "$T/dialogue.json" &&
	check dialogue "$T/dialogue.pdf" "$T/dialogue.json"
# its title "2024 marks the 35th anniversary of ASEAN–ROK dialogue relations, …"
# is written from the 1989 event; the 2024 event's title is the same words
run anniversary 0 scripts/anniversary.lua --set year=2024 -o "$T/anniversary.pdf" \
	--provenance "$T/anniversary.json" &&
	check anniversary "$T/anniversary.pdf" "$T/anniversary.json" "1:events:anniversary-2024-35th"

# ---- the sidecar is an output like the PDF ------------------------------------------

run check-mode 0 scripts/overview.lua --check -o "$T/c.pdf" --provenance "$T/c.json" &&
	{ [ ! -e "$T/c.json" ] && ok "--check: no sidecar written" || no "--check wrote the sidecar"; }
run failing 3 "$S/saveerror.lua" -o "$T/f.pdf" --provenance "$T/f.json" &&
	{ [ ! -e "$T/f.json" ] && ok "a failed run writes no sidecar" || no "a failed run wrote the sidecar"; }
run bad-name 2 scripts/overview.lua -o "$T/x.pdf" --provenance "$T/x.txt" &&
	grep -q "needs a file name ending in .json" "$T/bad-name.err" && ok "--provenance needs .json"
run root 2 scripts/overview.lua -o "$T/x.pdf" --provenance /x.json &&
	grep -q "does not write into the root folder" "$T/root.err" && ok "--provenance refuses the root folder"
run batch 2 batch scripts/overview.lua --provenance "$T/b.json" &&
	grep -q "does not apply to a batch" "$T/batch.err" && ok "--provenance refused with batch"
mkfifo "$T/fifo.json"
run fifo 5 scripts/overview.lua -o "$T/x.pdf" --provenance "$T/fifo.json" &&
	grep -q "not a regular file" "$T/fifo.err" && ok "--provenance refuses a FIFO"
mkdir -p "$T/elsewhere"
run elsewhere 0 "$S/prov-predicate.lua" -o "$T/out/p.pdf" --provenance "$T/elsewhere/deep/p.json" &&
	[ -f "$T/out/p.pdf" ] && jq -e . "$T/elsewhere/deep/p.json" >/dev/null &&
	ok "the sidecar goes beneath its own folder, made when missing"

echo
echo "provenance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

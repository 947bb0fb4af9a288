#!/bin/sh
# run.sh BRIEF -- tests of brief batch: a failing job among good ones, the
# --each sweep, the JSON summary, the progress line, and --shard: the GNU
# parallel recipe of docs/scaling.md run verbatim as three shards, whose
# PDFs together must be the one-machine batch's, byte for byte.
# Prints one line per check and "N passed, M failed" at the end.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d /tmp/brief-batch.XXXXXX)
[ -n "$KEEP" ] || trap 'rm -rf "$T"' EXIT
. "$ROOT/tests/e2e/checks.sh"

# inside DIR CMD... : runs CMD in $T/DIR (made), stdout and stderr into
# $T/DIR.out and $T/DIR.err; returns CMD's exit status
inside() {
	dir=$T/$1
	shift
	mkdir -p "$dir" && (cd "$dir" && "$@") >"$dir.out" 2>"$dir.err"
}

# jqok NAME FILTER FILE : the jq filter holds for the JSON file
jqok() {
	if jq -e "$2" "$3" >/dev/null 2>&1; then ok "$1"
	else no "$1" "$(jq -c "$2" "$3" 2>&1 | head -c 300)"; fi
}

# same_pdfs NAME ONE_FOLDER SHARD_FOLDER... : the PDFs of the shards'
# reports/ together are those of one's reports/, each written once, byte
# for byte
same_pdfs() {
	name=$1 one=$2
	shift 2
	(cd "$one/reports" && ls) >"$T/one.list"
	for s in "$@"; do (cd "$s/reports" 2>/dev/null && ls); done | sort >"$T/union.list"
	if ! sort "$T/one.list" | cmp -s - "$T/union.list"; then
		no "$name: the shards' files are not the one-machine batch's" \
		   "$(sort "$T/one.list" | diff - "$T/union.list" | head -8 | tr '\n' ' ')"
		return
	fi
	[ -s "$T/one.list" ] || { no "$name: the batch wrote nothing"; return; }
	for s in "$@"; do
		for f in "$s"/reports/*.pdf; do
			[ -e "$f" ] || continue
			cmp -s "$f" "$one/reports/$(basename "$f")" ||
				{ no "$name: $(basename "$f") differs from the one-machine batch's"; return; }
		done
	done
	ok "$name ($(wc -l <"$T/one.list") PDFs)"
}

PAGE=$HERE/page.lua BROKEN=$HERE/broken.lua WARNS=$HERE/warns.lua
export SOURCE_DATE_EPOCH=1735689600

# ---- a failing job among good ones ------------------------------------------------

inside fail "$BRIEF" batch -j 2 --summary s.json "$PAGE" "$BROKEN" "$WARNS"
[ $? -eq 3 ] && ok "failing job: the batch exits with its code (3)" || no "failing job: exit code"
[ -f "$T/fail/reports/page.pdf" ] && [ -f "$T/fail/reports/warns.pdf" ] &&
	[ ! -e "$T/fail/reports/broken.pdf" ] && ok "failing job: the other jobs complete" ||
	no "failing job: outputs" "$(ls "$T/fail/reports" 2>&1 | tr '\n' ' ')"
grep -q "broken.lua:5: document has no method 'headng' (did you mean 'heading'?)" "$T/fail.err" &&
	ok "failing job: its error on stderr" || no "failing job: stderr" "$(cat "$T/fail.err")"
S=$T/fail/s.json
jqok "summary: tally" '.jobs == 3 and .batch_jobs == 3 and .scripts == 3 and
	.succeeded == 2 and .failed == 1 and .shard == {"index": 0, "count": 1}' "$S"
jqok "summary: the error with file and line" '.results[1] | .status == "failed" and
	.exit_code == 3 and .output == null and .bytes == 0 and .pages == 0 and
	(.error.file | endswith("tests/batch/broken.lua")) and .error.line == 5 and
	.error.message == "document has no method '"'headng'"' (did you mean '"'heading'"'?)" and
	(.error_text | endswith("broken.lua:5: document has no method '"'headng'"' (did you mean '"'heading'"'?)"))' "$S"
jqok "summary: a warning with file and line" '.results[2].warnings == [{"file":
	(.results[2].script), "line": 5, "message": "character U+1F600 is in no font brief has; drawn as ?"}]' "$S"
jqok "summary: every job has every field" '[.results[] | keys] | unique ==
	[["bytes", "error", "error_text", "exit_code", "job", "output", "outputs", "pages",
	  "params", "script", "seconds", "status", "warnings", "warnings_dropped"]]' "$S"
size=$(stat -c %s "$T/fail/reports/page.pdf" 2>/dev/null)
jqok "summary: output, pages and bytes of the PDF written" ".results[0] | .status == \"ok\" and
	.output == \"reports/page.pdf\" and .pages == 1 and .bytes == ${size:-0} and
	.error == null and .error_text == null and .seconds > 0 and .params == {}" "$S"
version=$("$BRIEF" --version | sed -n '1s/^brief //p')
jqok "summary: brief and dataset versions" ".brief_version == \"$version\" and
	(.dataset_version | test(\"^[0-9a-f]{16}\$\"))" "$S"
if grep -q "$(printf '\r')" "$T/fail.err" || grep -q '\[[0-9]*/3\]' "$T/fail.err"; then
	no "no progress line on a pipe" "$(head -c 300 "$T/fail.err")"
else ok "no progress line on a pipe"; fi
grep -qx "batch: 3 jobs, 2 succeeded, 1 failed" "$T/fail.err" && ok "the tally on stderr" ||
	no "the tally" "$(tail -1 "$T/fail.err")"

# the first failing job in job-list order decides the exit code
inside first1 "$BRIEF" batch -j 2 --strict "$WARNS" "$BROKEN"; a=$?
inside first2 "$BRIEF" batch -j 2 --strict "$BROKEN" "$WARNS"; b=$?
[ "$a" -eq 7 ] && [ "$b" -eq 3 ] && ok "exit code: the first failing job's, in job order" ||
	no "exit code of the first failing job: $a and $b, expected 7 and 3"

# ---- the progress line on a terminal ----------------------------------------------------

if command -v script >/dev/null; then
	mkdir -p "$T/tty"
	(cd "$T/tty" && script -qec "'$BRIEF' batch -j 2 --each n=1,2 '$PAGE' '$BROKEN'" \
		/dev/null) >"$T/tty.out" 2>&1
	tr '\r' '\n' <"$T/tty.out" >"$T/tty.lines"
	grep -q '\[4/4\] ' "$T/tty.lines" &&
		grep -q '\[[1-4]/4\] failed .*broken\.lua n=[12]$' "$T/tty.lines" &&
		grep -q '\[[1-4]/4\] ok .*page\.lua n=[12]$' "$T/tty.lines" &&
		ok "progress line on a terminal: [done/total] ok|failed script KEY=value" ||
		no "progress line on a terminal" "$(head -c 400 "$T/tty.out" | tr '\r\033' '|~')"
	(cd "$T/tty" && script -qec "'$BRIEF' batch -q --each n=1,2 '$PAGE'" /dev/null) \
		>"$T/tty-q.out" 2>&1
	[ ! -s "$T/tty-q.out" ] && ok "no progress line with -q" ||
		no "progress with -q" "$(head -c 200 "$T/tty-q.out")"
else
	no "progress line: script(1) is missing (util-linux)"
fi

# ---- --each ------------------------------------------------------------------------

inside each "$BRIEF" batch -j 2 --set who=W --each n=1,2,3 --summary s.json "$PAGE"
[ $? -eq 0 ] && [ "$(cd "$T/each/reports" && ls | tr '\n' ' ')" = \
	"page-who-W-n-1.pdf page-who-W-n-2.pdf page-who-W-n-3.pdf " ] &&
	ok "--each: one PDF per value, named reports/<script>-<k>-<v>.pdf" ||
	no "--each: outputs" "$(ls "$T/each/reports" 2>&1 | tr '\n' ' ')"
seen=""
for v in 1 2 3; do
	seen="$seen$(pdftotext "$T/each/reports/page-who-W-n-$v.pdf" - 2>/dev/null | grep -o 'n=[0-9] who=W') "
done
[ "$seen" = "n=1 who=W n=2 who=W n=3 who=W " ] && ok "--each: the script sees KEY=value and --set" ||
	no "--each: parameters seen" "$seen"
jqok "--each: params and job index in the summary" '[.results[] | [.job, .params]] ==
	[[0, {"who": "W", "n": "1"}], [1, {"who": "W", "n": "2"}], [2, {"who": "W", "n": "3"}]]' \
	"$T/each/s.json"
inside twice "$BRIEF" batch --each n=1,2,1 "$PAGE"
[ $? -eq 0 ] && [ -f "$T/twice/reports/page-n-1-2.pdf" ] &&
	grep -q "page-n-1-2.pdf instead" "$T/twice.err" &&
	ok "--each: a repeated value gets reports/x-2.pdf, and brief says so" ||
	no "--each: repeated value" "$(ls "$T/twice/reports" 2>&1 | tr '\n' ' ') $(cat "$T/twice.err")"
inside both "$BRIEF" batch --set n=1 --each n=2,3 "$PAGE"
[ $? -eq 2 ] && grep -q "both give that parameter" "$T/both.err" && [ ! -e "$T/both/reports" ] &&
	ok "--each KEY with --set KEY: a usage error" || no "--each and --set" "$(cat "$T/both.err")"
inside empty "$BRIEF" batch --each n=1,,3 "$PAGE"
[ $? -eq 2 ] && grep -q "value 2 is empty" "$T/empty.err" && ok "--each: an empty value is a usage error" ||
	no "--each: empty value" "$(cat "$T/empty.err")"

# ---- --shard: the same names and bytes as one machine ----------------------------------

# a/x.lua and b/x.lua, each value of n=1,1,2: names with collision suffixes
mkdir -p "$T/sh/a" "$T/sh/b" && cp "$PAGE" "$T/sh/a/x.lua" && cp "$PAGE" "$T/sh/b/x.lua"
inside sh/one "$BRIEF" batch -j 2 --each n=1,1,2 --summary s.json ../a/x.lua ../b/x.lua
for k in 0 1 2 3; do
	inside "sh/shard-$k" "$BRIEF" batch -j 2 --shard "$k/4" --each n=1,1,2 --summary s.json \
		../a/x.lua ../b/x.lua || no "--shard $k/4: exit $?" "$(cat "$T/sh/shard-$k.err")"
done
same_pdfs "--shard 0..3/4: collision names over the full list" "$T/sh/one" "$T"/sh/shard-*
jqok "--shard: each shard runs the jobs i with i % N == K" \
	'[.[] | [.shard.index, [.results[].job]]] == [[0, [0, 4]], [1, [1, 5]], [2, [2]], [3, [3]]]' \
	"$(jq -s . "$T"/sh/shard-*/s.json >"$T/sh/all.json"; echo "$T/sh/all.json")"
inside sh/far "$BRIEF" batch --shard 9/10 --summary s.json ../a/x.lua
[ $? -eq 0 ] && jq -e '.jobs == 0 and .batch_jobs == 1 and .results == []' "$T/sh/far/s.json" \
	>/dev/null && ok "--shard: a shard with no job succeeds, its summary empty" ||
	no "--shard with no job" "$(cat "$T/sh/far.err")"

# the GNU parallel recipe of docs/scaling.md, verbatim, then its summary merge
block() {   # block N: the N-th sh block marked "tests/batch/run.sh runs" in the docs
	awk -v want="$1" '/<!-- tests\/batch\/run.sh runs/ { n++; next }
		n == want && /^```sh/ { on = 1; next } on && /^```/ { exit } on { print }' \
		"$ROOT/docs/scaling.md"
}
if ! command -v parallel >/dev/null; then
	no "GNU parallel is not installed (Debian package parallel)"
else
	mkdir -p "$T/par/scripts" && cp "$ROOT/scripts/anniversary.lua" "$T/par/scripts/"
	block 1 >"$T/par.sh"
	grep -q "parallel" "$T/par.sh" || no "docs/scaling.md: no parallel block found"
	(cd "$T/par" && PATH=$(dirname "$BRIEF"):$PATH sh "$T/par.sh") >"$T/par.out" 2>&1 &&
		ok "docs/scaling.md: the GNU parallel recipe runs (3 shards)" ||
		no "the GNU parallel recipe" "$(head -c 600 "$T/par.out")"
	inside par/one "$BRIEF" batch -j 2 --summary summary.json \
		--each year=2020,2021,2022,2023,2024,2025,2026,2027,2028,2029 ../scripts/anniversary.lua
	same_pdfs "GNU parallel: 3 shards = the one-machine batch, byte for byte" \
		"$T/par/one" "$T"/par/shard-*
	block 2 >"$T/merge.sh"
	(cd "$T/par" && sh "$T/merge.sh") >"$T/merge.out" 2>&1 &&
		ok "docs/scaling.md: the summaries merge, complete, one dataset" ||
		no "the summary merge" "$(head -c 400 "$T/merge.out")"
	jqok "GNU parallel: every job ran once, none lost" '.shards == 3 and .jobs == 10 and
		([.results[].job] == [range(10)]) and .succeeded == 10' "$T/par/summary.json"
	jq '[.results[] | del(.seconds)]' "$T/par/summary.json" >"$T/merged.json" 2>/dev/null
	jq '[.results[] | del(.seconds)]' "$T/par/one/summary.json" >"$T/single.json" 2>/dev/null
	cmp -s "$T/merged.json" "$T/single.json" && [ -s "$T/single.json" ] &&
		ok "GNU parallel: the merged results are the one-machine summary's (but seconds)" ||
		no "merged results differ" "$(diff "$T/merged.json" "$T/single.json" | head -6)"
fi

echo
echo "batch: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

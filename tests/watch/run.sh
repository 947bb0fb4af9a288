#!/bin/sh
# run.sh BRIEF -- brief --watch as an analyst uses it: started in the
# background on a script in a scratch folder, then the script, a module it
# requires and the data are changed the ways editors change them (rewritten
# in place, written to a temporary file and renamed), and each change must
# give exactly one new result line and a new PDF; a script error and a data
# error are reported and watching goes on; SIGTERM ends it with 143 and no
# temporary file. Waits are polls with generous timeouts, never a measure.
# Prints one line per check and "watch: N passed, M failed".
case $1 in
/*) BRIEF=$1 ;;
*) BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/brief-watch.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   watch: $1"; }
no() { failed=$((failed + 1)); echo "FAIL watch: $1"; [ -n "$2" ] && printf '     %s\n' "$2"; }

mkdir -p "$T/s" "$T/out" "$T/tmp" "$T/data"
cp "$ROOT"/data/*.csv "$T/data/"
export SOURCE_DATE_EPOCH=1700000000 TMPDIR=$T/tmp

# script WORD [METHOD]: the script's text, its paragraph saying WORD
script() {
	printf 'local lib = require "lib"\nlocal doc = require("brief").document{ title = "Watched" }\n'
	printf 'doc:%s(WORD .. " " .. lib.word .. " " .. #require("relations").events)\ndoc:save()\n' \
		"${2:-paragraph}" | sed "s/WORD/\"$1\"/"
}
script one >"$T/s/x.lua"
echo 'return { word = "alpha" }' >"$T/s/lib.lua"

# results: the result lines so far (a PDF written, or an error)
results() { grep -cE '^(.*x\.pdf: [0-9]+ pages?|.*x\.lua:[0-9]+: .*|.*events\.csv:[0-9]+: .*)$' "$T/err"; }

# wait_results N: polls up to 20 s for N result lines, then 1 s more for
# any extra one (a change gives one render, not two); true when exactly N
wait_results() {
	i=0
	while [ "$(results)" -lt "$1" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 1
	[ "$(results)" -eq "$1" ]
}

# pdftext: the PDF's text, whitespace collapsed
pdftext() { pdftotext "$T/out/x.pdf" - 2>/dev/null | tr -s ' \n' '  '; }

# change NAME N WORD: after a change, the Nth result is a new PDF saying WORD
change() {
	if wait_results "$2" && tail -1 "$T/err" | grep -q 'x\.pdf: 1 page$'; then
		ok "$1: one render"
	else
		no "$1: expected $2 result lines" "$(tail -5 "$T/err")"
	fi
	if ! cmp -s "$T/out/x.pdf" "$T/last.pdf" && pdftext | grep -q "$3"; then
		ok "$1: the PDF changed"
	else
		no "$1: the PDF did not change to say '$3'" "$(pdftext | head -c 200)"
	fi
	cp "$T/out/x.pdf" "$T/last.pdf"
}

cd "$T/s" || exit 1
"$BRIEF" x.lua --watch --data "$T/data" -o "$T/out/x.pdf" 2>"$T/err" &
pid=$!
if wait_results 1 && [ -f "$T/out/x.pdf" ]; then ok "first render"
else no "first render" "$(cat "$T/err")"; fi
cp "$T/out/x.pdf" "$T/last.pdf" 2>/dev/null

script two >x.lua                                       # rewritten in place
change "rewrite in place" 2 "two alpha"

script three >.x.lua.swp && mv .x.lua.swp x.lua         # temporary file renamed
change "temporary file renamed" 3 "three alpha"

echo 'return { word = "beta" }' >lib.new && mv lib.new lib.lua
change "required module" 4 "three beta"

# vi's way: the old file moved to a backup, the new one written, the backup
# removed -- three events, one save
mv x.lua x.lua~ && script third >x.lua && rm x.lua~
change "backup, write, remove" 5 "third beta"

script four paragraf >x.lua                             # a script error
if wait_results 6 && tail -1 "$T/err" | grep -q "^x.lua:3: .*paragraf"; then
	ok "script error reported"
else
	no "script error: expected x.lua:3 as result 6" "$(tail -5 "$T/err")"
fi
cmp -s "$T/out/x.pdf" "$T/last.pdf" && ok "script error: the PDF is kept" ||
	no "script error replaced the PDF"
kill -0 "$pid" 2>/dev/null && ok "still watching after a script error" ||
	no "brief --watch ended on a script error"

script five >x.lua
change "fixed script" 7 "five beta"

# the data: a record more, then a malformed file, then fixed
cp "$T/data/events.csv" "$T/events.good"
n=$(($(wc -l <"$T/data/events.csv") - 1))
tail -1 "$T/data/events.csv" | sed 's/^[^,]*,/watch-test-event,/' >"$T/extra"
cat "$T/data/events.csv" "$T/extra" >"$T/events.new" && mv "$T/events.new" "$T/data/events.csv"
change "data changed" 8 "five beta $((n + 1))"

sed '2s/,[0-9][0-9][0-9][0-9]/,19x9/' "$T/events.good" >"$T/data/events.csv"
if wait_results 9 && tail -1 "$T/err" | grep -q "events\.csv:2: "; then
	ok "data error reported"
else
	no "data error: expected events.csv:2 as result 9" "$(tail -5 "$T/err")"
fi
cp "$T/events.good" "$T/data/events.csv"
change "data fixed" 10 "five beta $n"

kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 143 ] && ok "SIGTERM ends it: exit 143" || no "SIGTERM: exit $rc, expected 143"
left=$(find "$T/tmp" "$T/out" "$T/s" -mindepth 1 ! -name x.pdf ! -name x.lua ! -name lib.lua)
[ -z "$left" ] && ok "no temporary file left" || no "left behind:" "$left"

echo "watch: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

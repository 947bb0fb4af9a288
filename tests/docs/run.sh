#!/bin/sh
# tests/docs/run.sh -- every Lua example of the analyst's documents runs
# and does what the page says it does.
#
#   sh tests/docs/run.sh ./brief
#
# Each ```lua block of docs/lua-api.md and docs/first-briefing.md is run
# with `brief --check` (nothing is written):
#
# - a block that starts with `local rel` or `local brief` is a whole script
#   and runs as it is; any other block is a fragment and runs after the
#   three lines docs/lua-api.md says examples assume (rel, brief, doc);
# - a first line `-- brief NAME.lua ARGS` (or `./brief`, after optional
#   VAR=VALUE assignments) gives the run those options and environment;
# - `--> TEXT` comments are what the block prints, line by line, in order:
#   standard output must be exactly those lines;
# - `--> error: MESSAGE` marks a line that raises: the block up to that line
#   (other such lines left out) must fail with `FILE:LINE: MESSAGE`, at that
#   very line; the block without them must succeed;
# - `--> warning: MESSAGE` marks a line that warns: stderr must hold
#   `FILE:LINE: warning: MESSAGE`, and a block warns of nothing else;
# - a block after a line `<!-- docs-check: skip (why) -->` is not run.
#
# Also checks that every column of every CSV header of data/ is described
# in the dataset's reference (data/README.md) and named in the field index
# of docs/lua-api.md (§3.2).
BRIEF=${1:?usage: sh tests/docs/run.sh ./brief}
case $BRIEF in /*) ;; *) BRIEF=$(pwd)/$BRIEF ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/brief-docs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
passed=0 failed=0

ok() { passed=$((passed + 1)); }
no() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/     /' | head -20; }

# ---- the blocks, cut out of the documents --------------------------------------

# Writes $T/bN.lua (the block, the prelude added to a fragment) and, per
# block, one line of $T/index: N, the document, its line, the number of
# prelude lines, the command-line comment (or -).
cut_blocks() {
	n0=$1 doc=$2
	awk -v dir="$T" -v doc="$doc" -v n="$n0" '
	function flush() {
		if (skip) { skip = 0; return }
		first = lines[1]
		whole = first ~ /^local (rel|brief)[ =]/ || first ~ /^-- .*brief [^ ]*\.lua/
		pre = 0
		f = dir "/b" n ".lua"
		if (first ~ /^-- .*brief [^ ]*\.lua/) {
			cmd = first; sub(/^-- /, "", cmd)
			# a command-line comment, then the fragment: the prelude after it
			print first > f
			if (lines[2] !~ /^local (rel|brief)[ =]/) {
				print "local rel   = require \"relations\"" > f
				print "local brief = require \"brief\"" > f
				print "local doc   = brief.document{ title = \"Example\" }" > f
				pre = 3     # lines of the block are shifted by this much
			}
			for (i = 2; i <= nl; i++) print lines[i] > f
		} else {
			cmd = "-"
			if (!whole) {
				print "local rel   = require \"relations\"" > f
				print "local brief = require \"brief\"" > f
				print "local doc   = brief.document{ title = \"Example\" }" > f
				pre = 3
			}
			for (i = 1; i <= nl; i++) print lines[i] > f
		}
		close(f)
		printf "%d\t%s\t%d\t%d\t%s\n", n, doc, start, pre, cmd >> (dir "/index")
		n++
	}
	/^[ \t]*```lua[ \t]*$/ && !inb {
		inb = 1; nl = 0; start = FNR + 1
		indent = $0; sub(/```lua.*/, "", indent); ilen = length(indent)
		skip = prev ~ /<!-- docs-check: skip/
		next
	}
	/^[ \t]*```[ \t]*$/ && inb { inb = 0; flush(); next }
	inb { line = $0; if (substr(line, 1, ilen) == indent) line = substr(line, ilen + 1); lines[++nl] = line; next }
	{ if ($0 !~ /^[ \t]*$/) prev = $0 }
	END { print n > (dir "/count") }
	' "$ROOT/$doc"
}

: >"$T/index"
echo 0 >"$T/count"
for doc in docs/lua-api.md docs/first-briefing.md; do
	if [ -f "$ROOT/$doc" ]; then
		cut_blocks "$(cat "$T/count")" "$doc"
	else
		no "$doc is missing"
	fi
done

# ---- running them ---------------------------------------------------------------

# expect FILE: the --> lines of FILE, as (kind, script line, text) rows:
# kind is out, error or warning.
expect() {
	awk '{
		p = index($0, "--> ")
		if (!p || (p > 1 && substr($0, p - 1, 1) !~ /[ \t]/)) next
		t = substr($0, p + 4)
		if (t ~ /^error: /) printf "error\t%d\t%s\n", NR, substr(t, 8)
		else if (t ~ /^warning: /) printf "warning\t%d\t%s\n", NR, substr(t, 10)
		else printf "out\t%d\t%s\n", NR, t
	}' "$1"
}

# brief_run SCRIPT CMD: runs SCRIPT with --check and the options and
# environment of the command-line comment CMD (or - for none); stdout in
# SCRIPT.out, stderr in SCRIPT.err; returns brief's exit status.
brief_run() {
	script=$1 cmd=$2 envs= args=
	if [ "$cmd" != - ]; then
		set -- $cmd
		while [ $# -gt 0 ] && [ "${1#*=}" != "$1" ]; do
			envs="$envs $1"; shift
		done
		case $1 in brief|./brief) shift 2 ;; esac      # brief NAME.lua
		args="$*"
	fi
	# shellcheck disable=SC2086
	(cd "$T" && env $envs "$BRIEF" "$script" --check $args) >"$T/$script.out" 2>"$T/$script.err"
}

while IFS="$(printf '\t')" read -r n doc start pre cmd; do
	name="b$n.lua" where="$doc:$start"
	expect "$T/$name" >"$T/b$n.exp"
	# the block without its raising lines must succeed and print what it says
	awk -F '\t' '$1 == "error" { print $2 }' "$T/b$n.exp" >"$T/b$n.errlines"
	awk -v skip="$T/b$n.errlines" 'BEGIN { while ((getline l < skip) > 0) s[l] = 1 }
		{ print (NR in s) ? "" : $0 }' "$T/$name" >"$T/m$n.lua"
	brief_run "m$n.lua" "$cmd"
	rc=$?
	awk '/^out\t/ { sub(/^out\t[0-9]*\t/, ""); print }' "$T/b$n.exp" >"$T/b$n.want"
	if [ $rc -ne 0 ]; then
		no "$where: exit $rc" "$(cat "$T/m$n.lua.err")"
	elif ! cmp -s "$T/b$n.want" "$T/m$n.lua.out"; then
		no "$where: prints other than its --> lines" "$(diff "$T/b$n.want" "$T/m$n.lua.out")"
	else
		bad=
		awk -F '\t' '$1 == "warning" { print $2 "\t" $3 }' "$T/b$n.exp" >"$T/b$n.warn"
		while IFS="$(printf '\t')" read -r line msg; do
			grep -qF "m$n.lua:$((line)): warning: $msg" "$T/m$n.lua.err" || bad="$bad
expected  m$n.lua:$line: warning: $msg"
		done <"$T/b$n.warn"
		extra=$(grep ': warning: ' "$T/m$n.lua.err" | while IFS= read -r w; do
			found=
			while IFS="$(printf '\t')" read -r line msg; do
				[ "$w" = "m$n.lua:$line: warning: $msg" ] && found=1
			done <"$T/b$n.warn"
			[ -z "$found" ] && echo "unexpected $w"
		done)
		if [ -n "$bad$extra" ]; then
			no "$where: warnings" "$(printf '%s\n%s\n' "$bad" "$extra" | sed '/^$/d')"
		else
			ok
		fi
	fi
	# each raising line, run up to it, raises its message at its line
	k=0
	while IFS="$(printf '\t')" read -r kind line msg; do
		[ "$kind" = error ] || continue
		k=$((k + 1))
		e="e$n-$k.lua"
		awk -v upto="$line" -v skip="$T/b$n.errlines" 'BEGIN { while ((getline l < skip) > 0) s[l] = 1 }
			NR > upto { exit } { print (NR in s && NR != upto) ? "" : $0 }' "$T/$name" >"$T/$e"
		brief_run "$e" "$cmd"
		rc=$?
		if [ $rc -eq 0 ]; then
			no "$where (line $((start + line - pre - 1))): expected an error, the run succeeded" "--> error: $msg"
		elif ! grep -qF "$e:$line: $msg" "$T/$e.err"; then
			no "$where (line $((start + line - pre - 1))): another error" "expected $e:$line: $msg
got      $(head -c 600 "$T/$e.err")"
		else
			ok
		fi
	done <"$T/b$n.exp"
done <"$T/index"

# ---- the dataset's reference names every column -------------------------------

for csv in "$ROOT"/data/*.csv; do
	base=$(basename "$csv" .csv)
	head -n 1 "$csv" | tr -d '\r' | tr ',' '\n' | while IFS= read -r col; do
		col=$(printf '%s' "$col" | sed 's/^"//; s/"$//')
		# a row of the file's table: | `col` | …, under "## FILE.csv …"
		if awk -v sect="## $base.csv" -v col="| \`$col\` |" '
			index($0, "## ") == 1 { in_s = ($0 == sect || index($0, sect " ") == 1) }
			in_s && index($0, col) == 1 { found = 1 }
			END { exit !found }' "$ROOT/data/README.md"; then
			echo ok
		else
			echo "data/README.md: '## $base.csv' has no row for its column '$col'"
		fi
		# and the field index of docs/lua-api.md §3.2 names it
		if grep -q "^| \`rel\.$base\` | .*\`$col\`" "$ROOT/docs/lua-api.md"; then
			echo ok
		else
			echo "docs/lua-api.md: the row of rel.$base in §3.2 does not name '$col'"
		fi
	done
done >"$T/columns"
while IFS= read -r line; do
	case $line in ok) ok ;; *) no "$line" ;; esac
done <"$T/columns"

echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

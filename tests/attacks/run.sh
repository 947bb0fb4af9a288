#!/bin/sh
# run.sh BRIEF [NAME...] -- the catalogue of attacks (tests/attacks/README.md).
#
# Runs every tests/attacks/*.lua case (or only the named ones) against the
# brief binary BRIEF, each in a fresh temporary layout, and checks what its
# header says must happen plus what must hold for every run: no stray output,
# no temporary file, nothing touched outside, a clean stderr, no hang, no
# process left behind. Prints one line per check, "ok   NAME: check" or
# "FAIL NAME: check" (then, indented, why), and ends with
# "attacks: N passed, M failed". Exits 1 when a check failed. Needs a POSIX
# sh and what a minimal Debian has (coreutils, findutils, grep, sed, mawk,
# diffutils, iconv); qpdf, pdftotext and jq for some cases' checks.
#
# Environment: ATTACKS_KEEP=1 keeps the layout and captures of failed cases;
# ATTACKS_VERBOSE=1 shows brief's exit code and stderr for every case.
[ $# -ge 1 ] || { echo "usage: $0 BRIEF [NAME...]" >&2; exit 2; }
case $1 in
/*) BRIEF=$1 ;;
*) BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
esac
shift
[ -x "$BRIEF" ] || { echo "run.sh: $BRIEF is not an executable" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
FILES=$HERE/files
# the dataset of the binary's home (docs/lua-api.md 1.6), which the cases copy
if [ -n "$BRIEF_HOME" ]; then DATA=$BRIEF_HOME/data
elif [ -d "$(dirname "$BRIEF")/templates" ]; then DATA=$(dirname "$BRIEF")/data
else DATA=$PROJECT/data; fi
export BRIEF FILES DATA
# A broken brief must not take the machine down with it (a data file that is
# /dev/zero, read whole by the parent, grows by a gigabyte a second): every
# run gets at most 4 GiB of address space, more than brief's own limits
# allow its worker. Sanitizer builds reserve terabytes up front: no cap.
VMEM=${ATTACKS_MAX_VMEM_KB:-4194304}
grep -qa -e __asan_init -e __tsan_init -e __msan_init "$BRIEF" && VMEM=unlimited

BASE=$(mktemp -d "${TMPDIR:-/tmp}/brief-attacks.XXXXXX") || exit 1
LOG=$(mktemp -d "${TMPDIR:-/tmp}/brief-attacks-log.XXXXXX") || exit 1
cleanup() {
	chmod -R u+rwx "$BASE" 2>/dev/null
	rm -rf "$BASE"
	[ -n "$ATTACKS_KEEP" ] && [ -n "$(ls -A "$LOG")" ] &&
		echo "(kept: $LOG)" || rm -rf "$LOG"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0 failed=0 cases=0 failing=
ESC=$(printf '\033')
C1=$(printf '\302[\200-\237]')

safe() { LC_ALL=C tr '\000-\010\013-\037\177' '?'; }   # what brief printed, shown harmless
ok() { passed=$((passed + 1)); echo "ok   $name: $1"; }
no() {
	failed=$((failed + 1)); echo "FAIL $name: $1"
	if [ "$2" = STDERR ]; then        # brief's stderr, shown once per case
		[ -z "$shown" ] && { head -c 800 "$E.err"; echo; } | safe | sed '/^$/d; s/^/     /'
		shown=1
	elif [ -n "$2" ]; then
		printf '%s\n' "$2" | head -c 1500 | safe | sed 's/^/     /'
	fi
	case " $failing " in *" $name "*) ;; *) failing="$failing $name" ;; esac
	return 0
}

# what a file of a listing is: its type, mode and content (never opens what
# is not a regular file: a FIFO or a device would block or never end)
entry() {
	if [ -L "$1" ]; then echo "l $1 -> $(readlink "$1")"
	elif [ -f "$1" ]; then echo "f $1 $(stat -c %A "$1") $(cksum <"$1")"
	elif [ -d "$1" ]; then echo "d $1 $(stat -c %A "$1")"
	elif [ -p "$1" ]; then echo "p $1"
	elif [ -c "$1" ]; then echo "c $1"
	else echo "o $1"; fi
}
# snap DIR: every entry beneath DIR, sorted, one a line; links not followed
snap() {
	[ -d "$1" ] || { echo "(no folder)"; return; }
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r p; do entry "$p"; done)
}
# top DIR: the names in DIR
top() { (cd "$1" && ls -A | LC_ALL=C sort); }

# header KEY FILE: the values of "-- KEY: value" lines of the header, one a line
header() {
	awk -v key="$1" '
		!/^--/ { exit }
		{ line = $0; sub(/^-- ?/, "", line)
		  if (index(line, key ":") == 1) { v = substr(line, length(key) + 2); sub(/^ /, "", v); print v } }
	' "$2"
}
# the keys of the header, to catch misspelt ones
header_keys() {
	awk '!/^--/ { exit } { line = $0; sub(/^-- ?/, "", line)
		if (match(line, /^[a-z]+:/)) print substr(line, 1, RLENGTH - 1) }' "$1" | LC_ALL=C sort -u
}

# processes whose command line holds $1 (the case's unique folder)
leftover() {
	for f in /proc/[0-9]*/cmdline; do
		{ c=$(tr "\0" " " <"$f"); } 2>/dev/null || continue
		case $c in *"$1"*) p=${f#/proc/}; echo "${p%/cmdline}: $c" | head -c 300; echo ;; esac
	done
}

run_case() {
	file=$1
	name=$(basename "$file" .lua)
	shown=
	cases=$((cases + 1))
	bad=$(header_keys "$file" | grep -vxE 'attack|class|expect|message|forbid|setup|args|run|writes|check|within')
	[ -n "$bad" ] && { no "header" "unknown keys: $bad"; return; }
	attack=$(header attack "$file") class=$(header class "$file") expect=$(header expect "$file")
	if [ -z "$attack" ] || [ -z "$class" ] || [ -z "$expect" ]; then
		no "header" "attack:, class: and expect: are required"; return
	fi
	args=$(header args "$file")
	[ -n "$args" ] || args='-o "$OUT/x.pdf" --timeout 10 --max-memory 256'
	cmd=$(header run "$file")
	[ -n "$cmd" ] || cmd='exec "$BRIEF" "$SCRIPT" '"$args"
	within=$(header within "$file")
	within=${within:-60}
	writes=$(header writes "$file")

	W=$BASE/$name
	CASE=$W/case OUT=$W/out OUTSIDE=$W/outside
	mkdir -p "$CASE" "$OUT" "$OUTSIDE" "$W/tmp" || { no "layout" "cannot make $W"; return; }
	SCRIPT=$CASE/$name.lua
	cp "$file" "$SCRIPT"
	printf 'the sentinel: brief must never read or touch this\n' >"$OUTSIDE/secret.txt"
	printf 'return "the secret module outside every folder brief may read"\n' >"$OUTSIDE/secret.lua"
	export NAME="$name" SCRIPT CASE OUT OUTSIDE
	E=$LOG/$name

	setup=$(header setup "$file")
	if [ -n "$setup" ]; then
		if ! (cd "$CASE" && sh -ec "$setup") >"$E.setup" 2>&1; then
			no "setup" "$(cat "$E.setup")"; return
		fi
	fi
	snap "$CASE" >"$E.case0"; snap "$OUT" | grep -v '^d ' >"$E.out0"; snap "$OUTSIDE" >"$E.outside0"
	top "$W" >"$E.beside0"; top "$BASE" >>"$E.beside0"

	t0=$(date +%s)
	# (--foreground: the signals go to the command alone, not to a process
	# group timeout would be part of; what a killed command leaves running is
	# found below by the case's unique folder)
	(cd "$OUT" && export TMPDIR="$W/tmp" && ulimit -v "$VMEM" &&
		exec timeout --foreground -k 5 "$within" sh -c "$cmd") \
		</dev/null >"$E.stdout" 2>"$E.err"
	rc=$?
	t1=$(date +%s)

	# 4: no hang
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 -a $((t1 - t0)) -ge "$within" ]; then
		no "hung: still running after ${within}s, killed"
	else
		ok "finished in $((t1 - t0))s (bound ${within}s)"
	fi
	# the exit code
	case " $expect " in
	*" $rc "*) ok "exit $rc" ;;
	*) no "exit $rc, expected $expect" STDERR ;;
	esac
	[ -n "$ATTACKS_VERBOSE" ] && { echo "---- $name: exit $rc, stderr:"; head -c 2000 "$E.err"; echo "----"; }
	# the messages
	header message "$file" >"$E.msgs"
	while IFS= read -r m; do
		if grep -qF -- "$m" "$E.err"; then ok "message '$m'"
		else no "message '$m' missing" STDERR; fi
	done <"$E.msgs"
	header forbid "$file" >"$E.forbid"
	while IFS= read -r m; do
		if grep -qF -- "$m" "$E.err"; then no "stderr says '$m'" STDERR
		else ok "stderr does not say '$m'"; fi
	done <"$E.forbid"

	# 3: stderr is safe on a terminal
	why=
	LC_ALL=C grep -q "$ESC" "$E.err" && why="$why an ESC byte;"
	LC_ALL=C tr -d '\n\t' <"$E.err" | LC_ALL=C grep -q '[[:cntrl:]]' && why="$why a raw control character;"
	LC_ALL=C grep -q "$C1" "$E.err" && why="$why a C1 control character;"
	iconv -f UTF-8 -t UTF-8 <"$E.err" >/dev/null 2>&1 || why="$why invalid UTF-8;"
	if [ -z "$why" ]; then ok "stderr is clean text"
	else no "stderr is not clean:$why" "$(od -c "$E.err" | head -8)"; fi

	# the checks of the header, run in $OUT after brief
	header check "$file" >"$E.checks"
	while IFS= read -r c; do
		if (cd "$OUT" && ERR=$E.err STDOUT=$E.stdout sh -c "$c") </dev/null >"$E.check" 2>&1
		then ok "check: $c"
		else no "check failed: $c" "$(cat "$E.check")"; fi
	done <"$E.checks"

	# 1: the outputs, and nothing else, in $OUT; no temporary file anywhere
	snap "$OUT" | grep -v '^d ' >"$E.out1"
	missing=
	for f in $writes; do
		optional=
		case $f in *\?) f=${f%\?} optional=1 ;; esac
		if [ -n "$optional" ] && [ ! -e "$OUT/$f" ] && [ ! -L "$OUT/$f" ]; then
			:
		elif [ -f "$OUT/$f" ] && [ ! -L "$OUT/$f" ]; then
			case $f in *.pdf)
				qpdf --check "$OUT/$f" >"$E.qpdf" 2>&1 || no "$f passes qpdf --check" "$(tail -3 "$E.qpdf")" ;;
			esac
		else
			missing="$missing $f"
		fi
		for l in out0 out1; do      # the named file is expected to change
			awk -v e="f ./$f " 'index($0, e) != 1' "$E.$l" >"$E.tmp" && mv "$E.tmp" "$E.$l"
		done
	done
	if [ -n "$missing" ]; then no "writes$missing" "not written (output folder: $(top "$OUT" | tr '\n' ' '))"
	elif cmp -s "$E.out0" "$E.out1"; then ok "output folder holds ${writes:-nothing new}"
	else no "output folder changed" "$(diff "$E.out0" "$E.out1")"; fi
	stray=$(find "$W" \( -name '.*.??????' -o -name '*.pdf.??????' -o -name '*.json.??????' \) -print 2>/dev/null)
	if [ -n "$(ls -A "$W/tmp")" ] || [ -n "$stray" ]; then
		no "temporary files left" "$(ls -A "$W/tmp") $stray"
	else ok "no temporary file left"; fi

	# 2: nothing read-write outside: $OUTSIDE, the case's folder, beside them
	snap "$OUTSIDE" >"$E.outside1"
	if cmp -s "$E.outside0" "$E.outside1"; then ok "outside folder untouched"
	else no "outside folder changed" "$(diff "$E.outside0" "$E.outside1")"; fi
	snap "$CASE" >"$E.case1"
	if cmp -s "$E.case0" "$E.case1"; then ok "script folder untouched"
	else no "script folder changed" "$(diff "$E.case0" "$E.case1")"; fi
	top "$W" >"$E.beside1"; top "$BASE" >>"$E.beside1"
	if cmp -s "$E.beside0" "$E.beside1"; then ok "nothing created beside them"
	else no "files created beside the folders" "$(diff "$E.beside0" "$E.beside1")"; fi

	# no process of this case left (the worker ends with its parent)
	n=0
	while [ -n "$(leftover "$W")" ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
	left=$(leftover "$W")
	if [ -z "$left" ]; then ok "no process left"
	else no "processes left running" "$left"; fi

	case " $failing " in
	*" $name "*)
		[ -n "$ATTACKS_KEEP" ] && cp -R "$W" "$LOG/$name.layout" 2>/dev/null ;;
	*) rm -f "$E".* ;;
	esac
	# end stray processes of this case only (found by its unique folder)
	for p in $(leftover "$W" | cut -d: -f1); do kill -KILL "$p" 2>/dev/null; done
	chmod -R u+rwx "$W" 2>/dev/null
	rm -rf "$W"
}

if [ $# -gt 0 ]; then
	for n in "$@"; do
		[ -f "$HERE/${n%.lua}.lua" ] || { echo "run.sh: no case $n" >&2; exit 2; }
		run_case "$HERE/${n%.lua}.lua"
	done
else
	for f in "$HERE"/*.lua; do run_case "$f"; done
fi
echo "cases: $cases, failing:${failing:- none}"
echo "attacks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

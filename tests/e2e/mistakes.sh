#!/bin/sh
# mistakes.sh BRIEF -- the mistakes that used to pass in silence (a misspelt
# field, option, column key, template, method or parameter; a query value
# no record has; a mis-shaped argument), each now an error or a warning at
# the script's line. Table-driven: every tests/e2e/mistakes/*.lua says in
# its header comments what it expects:
#   -- args: OPTIONS        (optional) more command-line options
#   -- exit: N              the exit status
#   -- stderr: TEXT         a fixed string stderr must hold
# Run from run.sh (or on its own); prints one line per case.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/brief-mistakes.XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$HERE/checks.sh"

header() { sed -n "s/^-- $1: //p" "$2" | head -1; }

cd "$HERE/mistakes" || exit 1
for script in *.lua; do
	name=${script%.lua}
	args=$(header args "$script")
	want=$(header exit "$script")
	text=$(header stderr "$script")
	# shellcheck disable=SC2086 # args are words
	if run "$name" "$want" "$script" -o "$T/$name.pdf" $args; then
		if ! grep -qF -- "$text" "$T/$name.err"; then
			no "$name: stderr lacks '$text'" "$(head -c 600 "$T/$name.err")"
		elif [ "$want" -ne 0 ] && [ -e "$T/$name.pdf" ]; then
			no "$name: a failed run left $name.pdf"
		else
			ok "$name"
		fi
	fi
done

echo
echo "mistakes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# valgrind.sh TEST... -- the unit tests and the shipped briefings under
# valgrind's memcheck, workers included: any invalid read or write, use of
# uninitialised memory or definite leak fails the run.
# Run from the repository root (make valgrind does).
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --trace-children-skip=/usr/bin/*,/bin/* \
    --show-leak-kinds=definite --trace-children=yes --child-silent-after-fork=no"
status=0
for t in "$@"; do
	echo "valgrind: $t"
	$VG "$t" >/tmp/brief-valgrind.$$ 2>&1 || {
		echo "FAILED under valgrind: $t" >&2
		tail -40 /tmp/brief-valgrind.$$ >&2
		status=1
	}
done
out=$(mktemp -d /tmp/brief-valgrind.XXXXXX)
for s in scripts/overview.lua scripts/dialogue.lua "scripts/anniversary.lua --set year=2024"; do
	echo "valgrind: ./brief $s"
	# shellcheck disable=SC2086
	$VG ./brief $s -q -o "$out/x.pdf" >/tmp/brief-valgrind.$$ 2>&1 || {
		echo "FAILED under valgrind: ./brief $s" >&2
		tail -40 /tmp/brief-valgrind.$$ >&2
		status=1
	}
done
rm -rf "$out" /tmp/brief-valgrind.$$
[ $status -eq 0 ] && echo "valgrind: clean"
exit $status

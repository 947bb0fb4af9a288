# checks.sh -- sourced by the end-to-end scripts (run.sh, provenance.sh):
# the tally of checks and running brief. Needs BRIEF (the binary) and T (a
# scratch folder) set.
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
no() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "$2" ] && printf '     %s\n' "$2"; }

# run NAME EXPECTED_EXIT ARGS... : runs brief, stdout in $T/NAME.out, stderr
# in $T/NAME.err; says so and fails when the exit status is not expected
run() {
	name=$1 want=$2
	shift 2
	"$BRIEF" "$@" >"$T/$name.out" 2>"$T/$name.err"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	no "$name: exit $got, expected $want" "$(head -c 600 "$T/$name.err")"
	return 1
}

#!/bin/sh
# run.sh MODE SECONDS TARGET... -- runs libFuzzer targets one after the other,
# each for SECONDS, and prints one line per target:
#
#   fuzz_markup: ok, 81234 runs in 10 s
#   fuzz_markup: FAILED (crash), input in build-fuzz/artifacts/markup/, log in ...
#
# MODE fuzz runs on build-fuzz/corpus/NAME/, the seeds of tests/fuzz/corpus/NAME/
# copied in and what earlier runs found kept; MODE smoke runs on a fresh copy
# of the seeds. $FUZZ_FLAGS adds libFuzzer flags. Exits 1 when any target
# crashed, hung, leaked or drew a sanitizer report; run from the repository root.
mode=$1 secs=$2
shift 2
top=build-fuzz
status=0
for t in "$@"; do
	name=$(basename "$t")
	short=${name#fuzz_}
	if [ "$mode" = smoke ]; then
		corpus=$top/smoke/$short
		rm -rf "$corpus"
	else
		corpus=$top/corpus/$short
	fi
	art=$top/artifacts/$short
	log=$top/logs/$short.log
	tmp=$top/tmp/$short
	mkdir -p "$corpus" "$art" "$tmp" "$top/logs"
	[ -d "tests/fuzz/corpus/$short" ] && cp -R "tests/fuzz/corpus/$short/." "$corpus/"
	dict=
	[ -f "tests/fuzz/$short.dict" ] && dict=-dict=tests/fuzz/$short.dict
	# a target that hangs where libFuzzer's own timer cannot see is killed
	# well after its time
	# shellcheck disable=SC2086
	TMPDIR=$tmp UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		timeout -k 10 $((secs + 120)) "$t" -max_total_time="$secs" -timeout=5 \
		-print_final_stats=1 -artifact_prefix="$art/" $dict $FUZZ_FLAGS "$corpus" \
		>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	what=
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		what="hung past ${secs} s"
	elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then
		what=hang
	elif grep -q 'ERROR: LeakSanitizer' "$log"; then
		what=leak
	elif grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$log"; then
		what="sanitizer report"
	elif grep -q 'ERROR: libFuzzer' "$log" || [ $rc -ne 0 ]; then
		what="crash, exit $rc"
	fi
	if [ -z "$what" ]; then
		echo "$name: ok, ${runs:-?} runs in ${took:-$secs} s"
	else
		echo "$name: FAILED ($what) after ${runs:-?} runs; input in $art/, log in $log"
		grep -m 5 -e '^==[0-9]*==ERROR' -e 'runtime error:' -e '^SUMMARY' \
			-e 'ERROR: libFuzzer' "$log" | sed 's/^/    /'
		status=1
	fi
done
exit $status

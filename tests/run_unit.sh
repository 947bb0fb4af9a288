#!/bin/sh
# run_unit.sh TEST... -- run the cmocka unit tests, stop at the first failing one.
# Tests run from the repository root (they read data/ and tests/fixtures/).
status=0
for t in "$@"; do
	"$t" || { echo "FAILED: $t" >&2; status=1; }
done
exit $status

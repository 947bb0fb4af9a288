#!/bin/sh
# bench.sh BRIEF [N...] -- the briefing-N workload (../shared/bench) rendered by
# brief: wall time, peak memory, pages and size for each N, and beside it raw
# libharu (the floor) when ../shared/bench is there; then the batch section:
# 100 one-page briefings (tests/batch/page.lua --each n=1..100) by brief batch
# -j 1, -j 2 and xargs -P 2 of single runs. `bench.sh BRIEF batch` runs the
# batch section alone. Figures for issue notes; nothing here passes or fails
# on speed.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ONLY_BATCH=""
[ "$1" = batch ] && { ONLY_BATCH=1; shift; }
NS=${*:-"1 10 100 1000"}
[ -n "$ONLY_BATCH" ] && NS=""
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$ROOT/../shared/bench
T=$(mktemp -d /tmp/brief-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
RAW=""
if [ -f "$SHARED/raw_libharu.c" ]; then
	cp "$SHARED"/raw_libharu.c "$SHARED"/briefgen.h "$T"/ &&
		cc -O2 -o "$T/raw_libharu" "$T/raw_libharu.c" -lhpdf -lm 2>/dev/null && RAW="$T/raw_libharu"
fi
# median wall seconds of 5 runs of the command; peak RSS (MiB) of the last
measure() {
	for i in 1 2 3 4 5; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || { echo "fail"; return; }
		e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
	done | sort -n | sed -n 3p
}
rss() {
	if [ -x /usr/bin/time ]; then /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
	else echo "?"; fi
}
[ -n "$NS" ] && printf '%-6s %-9s %7s %10s %10s %9s %s\n' N impl pages bytes "wall ms" "rss KiB" check
for n in $NS; do
	out=$T/brief-$n.pdf
	us=$(measure "$BRIEF" "$ROOT/tests/bench/briefing.lua" --set n="$n" -q -o "$out")
	pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}')
	chk=""
	[ -f "$SHARED/check.py" ] && chk=$(/usr/bin/python3 "$SHARED/check.py" "$n" "$out" 2>&1 | tail -1)
	printf '%-6s %-9s %7s %10s %10s %9s %s\n' "$n" brief "$pages" "$(stat -c %s "$out")" \
		"$((us / 1000)).$(( (us % 1000) / 100 ))" \
		"$(rss "$BRIEF" "$ROOT/tests/bench/briefing.lua" --set n="$n" -q -o "$out")" "$chk"
	if [ -n "$RAW" ]; then
		for v in "" --ttf; do
			rout=$T/raw-$n.pdf
			us=$(cd "$T" && measure "$RAW" $v "$n" "$rout")
			printf '%-6s %-9s %7s %10s %10s %9s\n' "$n" "raw${v:+_ttf}" \
				"$(pdfinfo "$rout" 2>/dev/null | awk '/^Pages:/ {print $2}')" \
				"$(stat -c %s "$rout")" "$((us / 1000)).$(( (us % 1000) / 100 ))" \
				"$(cd "$T" && rss "$RAW" $v "$n" "$rout")"
		done
	fi
done

# ---- batch: 100 one-page briefings, one worker at a time against two ----------------
# Median wall ms of 3 runs of each, from a fresh reports/ in $T/b each time.
batch_ms() {
	for i in 1 2 3; do
		rm -rf "$T/b" && mkdir -p "$T/b"
		s=$(date +%s%N)
		(cd "$T/b" && "$@" >/dev/null 2>&1) || { echo "fail"; return; }
		e=$(date +%s%N)
		echo $(( (e - s) / 1000000 ))
	done | sort -n | sed -n 2p
}
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
PAGE=$ROOT/tests/batch/page.lua
VALUES=$(seq -s, 1 100)
j1=$(batch_ms "$BRIEF" batch -q -j 1 --each n="$VALUES" "$PAGE")
j2=$(batch_ms "$BRIEF" batch -q -j 2 --each n="$VALUES" "$PAGE")
x2=$(batch_ms sh -c 'seq 1 100 | xargs -P 2 -I{} "$0" "$1" --set n={} -q' "$BRIEF" "$PAGE")
echo
echo "batch: 100 one-page briefings ($PAGE --each n=1..100), $(nproc) CPUs," \
	"load average $LOAD before"
printf '%-34s %8s %9s\n' how "wall ms" "speed-up"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "?" }'; }
printf '%-34s %8s %9s\n' "brief batch -j 1" "$j1" "1.00x"
printf '%-34s %8s %9s\n' "brief batch -j 2" "$j2" "$(ratio "$j1" "$j2")"
printf '%-34s %8s %9s\n' "xargs -P 2 of single runs" "$x2" "$(ratio "$j1" "$x2")"

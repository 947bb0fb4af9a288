#!/bin/sh
# bench.sh BRIEF [N...] -- the briefing-N workload (tests/bench/briefing.lua)
# rendered by brief and, in the same run, by raw libharu with embedded
# TrueType fonts (raw_ttf) and with base-14 fonts (raw_b14), their runs
# alternating (brief, raw_ttf, raw_b14, brief, ...): 5 rounds for N <= 100,
# 3 above, after one untimed round for N <= 1000. Prints one Markdown table:
# pages, bytes, median wall ms (min-max), median peak RSS, brief's ratios to
# raw_ttf (wall: median of the per-round ratios; RSS) and to raw_b14 (bytes),
# and check.py's verdict on brief's PDF. Then the batch section: 100 one-page
# briefings (tests/batch/page.lua --each n=1..100) by brief batch -j 1, -j 2
# and xargs -P 2 of single runs. `bench.sh BRIEF batch` runs the batch section
# alone. Between the two, the scale section: one 3-column table of 25,000 to
# 200,000 rows (tests/bench/table.lua) beside the same table written by raw
# libharu (tests/bench/raw_table.c), peak memory and how fast it grows;
# `bench.sh BRIEF scale` runs it alone. Figures for the README and issue
# notes; nothing here fails on speed.
#
# The peers come from the peers' workload folder beside the repository
# (../shared/bench, or $BENCH_PEERS): raw_libharu.c and briefgen.h are built
# in a temporary folder, check.py is run from there. Without that folder brief
# is measured alone, and the table says so. ReportLab (rl_brief.py, Debian
# python3-reportlab) and Typst (node/typst_brief.js, when its node_modules are
# installed in that folder) join the rounds for N <= $BENCH_PEERS_MAX_N
# (default 100) when they are there; otherwise they are skipped with a line
# saying why.
#
# check.py searches the whole text for each paragraph, so its time grows with
# the square of N (minutes at 10,000): it checks brief's PDF for N <=
# $BENCH_CHECK_MAX_N (default 1000), and the table says "not run" above.
#
# Environment: BENCH_MAX_N (default 10000) drops the Ns above it;
# BENCH_SCALE_ROWS the table sizes of the scale section ("" skips it);
# BENCH_PEERS the peers' folder; BENCH_PEERS_MAX_N and BENCH_CHECK_MAX_N as
# above.
BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ONLY_BATCH="" ONLY_SCALE=""
[ "$1" = batch ] && { ONLY_BATCH=1; shift; }
[ "$1" = scale ] && { ONLY_SCALE=1; shift; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${BENCH_PEERS:-$ROOT/../shared/bench}
MAX_N=${BENCH_MAX_N:-10000}
PEERS_MAX_N=${BENCH_PEERS_MAX_N:-100}
CHECK_MAX_N=${BENCH_CHECK_MAX_N:-1000}
[ $# -eq 0 ] && set -- 1 10 100 1000 10000
NS=""
for n in "$@"; do
	case $n in
	'' | *[!0-9]*) echo "bench.sh: N must be a whole number, got '$n'" >&2; exit 2 ;;
	esac
	[ "$n" -le "$MAX_N" ] && NS="$NS $n"
done
[ -n "$ONLY_BATCH" ] || [ -n "$ONLY_SCALE" ] && NS=""
SCALE_ROWS=${BENCH_SCALE_ROWS-25000 50000 100000 200000}
T=$(mktemp -d /tmp/brief-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
# the timer: wall time and peak RSS of one command (tests/bench/runstat.c)
${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -o "$T/runstat" "$ROOT/tests/bench/runstat.c" ||
	{ echo "bench.sh: cannot build tests/bench/runstat.c" >&2; exit 1; }

# ---- the peers ------------------------------------------------------------------
IMPLS="brief"
CHECK=""
note() { NOTES="$NOTES$*
"; }
NOTES=""
if [ -n "$NS" ] && [ -f "$PEERS/raw_libharu.c" ]; then
	PEERS=$(cd "$PEERS" && pwd)
	cp "$PEERS/raw_libharu.c" "$PEERS/briefgen.h" "$T/"
	if ${CC:-cc} -O2 -o "$T/raw_libharu" "$T/raw_libharu.c" -lhpdf -lm 2>"$T/cc.log"; then
		IMPLS="brief raw_ttf raw_b14"
	else
		note "raw libharu did not build: $(head -1 "$T/cc.log")"
	fi
	[ -f "$PEERS/check.py" ] && CHECK=$PEERS/check.py
	if [ -f "$PEERS/rl_brief.py" ] && /usr/bin/python3 -c 'import reportlab' 2>/dev/null; then
		cp "$PEERS/rl_brief.py" "$PEERS/briefgen.py" "$T/" && IMPLS="$IMPLS reportlab"
	else
		note "ReportLab skipped: /usr/bin/python3 has no reportlab module (Debian python3-reportlab)"
	fi
	if [ -d "$PEERS/node/node_modules" ] && command -v node >/dev/null; then
		cp -r "$PEERS/node" "$T/node" && IMPLS="$IMPLS typst"
	else
		note "Typst skipped: no node_modules in $PEERS/node (npm ci there installs them)"
	fi
elif [ -n "$NS" ]; then
	note "brief alone: no peers' workload folder at $PEERS (../shared/bench beside" \
		"the repository, or \$BENCH_PEERS), so there is nothing to compare with"
fi

# Runs implementation $1 once for N = $2 writing $3, under runstat: prints
# "WALL_US RSS_KIB". brief's page limit (10,000 by default) is raised to its
# ceiling, since 10,000 sections make more pages than that, and its time
# limit so a slow machine measures rather than stops: the limits are not
# what is measured.
run_impl() {
	case "$1" in
	brief) "$T/runstat" "$BRIEF" "$ROOT/tests/bench/briefing.lua" --set n="$2" -q -o "$3" \
		--max-pages 32767 --timeout 600 ;;
	raw_ttf) "$T/runstat" "$T/raw_libharu" --ttf "$2" "$3" ;;
	raw_b14) "$T/runstat" "$T/raw_libharu" "$2" "$3" ;;
	reportlab) "$T/runstat" /usr/bin/python3 "$T/rl_brief.py" "$2" "$3" --footer=canvas ;;
	typst) "$T/runstat" node "$T/node/typst_brief.js" "$2" "$3" ;;
	esac
}

# Whether implementation $1 takes part at N = $2.
runs_at() {
	case "$1" in
	reportlab|typst) [ "$2" -le "$PEERS_MAX_N" ] ;;
	*) true ;;
	esac
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# a / b to two decimals, or "–" when either is missing
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "–" }'; }
# microseconds -> milliseconds, one decimal
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
# 1234567 -> 1,234,567
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'; }

# Round $2 at N = $1: every implementation once, in order; appends
# "IMPL WALL_US RSS_KIB ROUND" lines to $T/runs-N (nothing for a failed run,
# which is said on standard error).
round() {
	for impl in $IMPLS; do
		runs_at "$impl" "$1" || continue
		if r=$(cd "$T" && run_impl "$impl" "$1" "$T/$impl-$1.pdf" 2>"$T/err"); then
			echo "$impl $r $2" >>"$T/runs-$1"
		else
			echo "bench.sh: $impl at N=$1 failed: $(cat "$T/err")" >&2
		fi
	done
}

if [ -n "$NS" ]; then
	echo "briefing-N: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs" \
		"($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))," \
		"$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
		"load average $(cut -d' ' -f1-3 /proc/loadavg) before"
	printf '%s' "$NOTES"
	echo
	echo "| N | impl | pages | bytes | wall ms, median (min–max) | peak RSS MiB | wall ÷ raw_ttf | RSS ÷ raw_ttf | bytes ÷ raw_b14 | check.py |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
fi
# The figures of implementation $1 at N = $2 from its runs in $T/runs-N:
# "PAGES BYTES WALL_MEDIAN WALL_MIN WALL_MAX RSS_MEDIAN" (times in µs, RSS in KiB).
stats() {
	out=$T/$1-$2.pdf
	pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	walls=$(awk -v i="$1" '$1 == i { print $2 }' "$T/runs-$2" | sort -n)
	echo "${pages:-?} $(stat -c %s "$out") $(echo "$walls" | median)" \
		"$(echo "$walls" | head -1) $(echo "$walls" | tail -1)" \
		"$(awk -v i="$1" '$1 == i { print $3 }' "$T/runs-$2" | median)"
}

for n in $NS; do
	rounds=3
	[ "$n" -le 100 ] && rounds=5
	[ "$n" -le 1000 ] && round "$n" 0 && rm -f "$T/runs-$n"     # warm-up, not counted
	i=1
	while [ $i -le $rounds ]; do
		round "$n" $i
		i=$((i + 1))
	done
	: >"$T/stats-$n"
	for impl in $IMPLS; do
		runs_at "$impl" "$n" && grep -q "^$impl " "$T/runs-$n" 2>/dev/null &&
			echo "$impl $(stats "$impl" "$n")" >>"$T/stats-$n"
	done
	# brief's wall over raw_ttf's, round by round
	wall_ratio=$(awk '$1 == "brief" { b[$4] = $2 } $1 == "raw_ttf" { r[$4] = $2 }
		END { for (k in b) if (k in r) print b[k] / r[k] }' "$T/runs-$n" | median)
	ttf_rss=$(awk '$1 == "raw_ttf" { print $7 }' "$T/stats-$n")
	b14_bytes=$(awk '$1 == "raw_b14" { print $3 }' "$T/stats-$n")
	while read -r impl pages bytes wall lo hi rss; do
		printf '| %s | %s | %s | %s | %s (%s–%s) | %s |' "$n" "$impl" "$pages" \
			"$(commas "$bytes")" "$(ms "$wall")" "$(ms "$lo")" "$(ms "$hi")" \
			"$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
		if [ "$impl" = brief ]; then
			verdict="–"
			[ -n "$CHECK" ] && [ "$n" -gt "$CHECK_MAX_N" ] && verdict="not run"
			[ -n "$CHECK" ] && [ "$n" -le "$CHECK_MAX_N" ] && verdict=$(/usr/bin/python3 "$CHECK" "$n" "$T/brief-$n.pdf" 2>&1 |
				tail -1 | awk '{ print $NF }')
			printf ' %s | %s | %s | %s |\n' "$(ratio "$wall_ratio" 1)" \
				"$(ratio "$rss" "$ttf_rss")" "$(ratio "$bytes" "$b14_bytes")" "$verdict"
		else
			printf ' | | | |\n'
		fi
	done <"$T/stats-$n"
done
[ -n "$NS" ] && echo && echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after"

# ---- scale: one table of R rows, brief's memory beside raw libharu's ----------------
# tests/bench/table.lua against tests/bench/raw_table.c (the same table
# written with libharu alone), for R = $BENCH_SCALE_ROWS: peak RSS, the
# median of 3 alternating runs each, and how fast each grows per 1,000 rows
# from the smallest R to the largest.
scale_section() {
	if ! ${CC:-cc} -O2 -std=c11 -o "$T/raw_table" "$ROOT/tests/bench/raw_table.c" -lhpdf \
		2>"$T/cc.log"; then
		echo "bench.sh: tests/bench/raw_table.c did not build: $(head -1 "$T/cc.log")" >&2
		return
	fi
	echo
	echo "scale: one table of R rows, 3 columns (tests/bench/table.lua beside" \
		"tests/bench/raw_table.c), load average $(cut -d' ' -f1-3 /proc/loadavg) before"
	echo
	echo "| rows | pages | brief peak RSS MiB | raw_ttf peak RSS MiB | RSS ÷ raw_ttf | brief wall ms | raw_ttf wall ms |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	first="" last=""
	for r in $SCALE_ROWS; do
		: >"$T/scale"
		for i in 1 2 3; do
			b=$("$T/runstat" "$BRIEF" "$ROOT/tests/bench/table.lua" --set rows="$r" -q \
				-o "$T/table.pdf" --max-pages 32767 --timeout 600) &&
				echo "brief $b" >>"$T/scale"
			w=$("$T/runstat" "$T/raw_table" "$r" "$T/raw_table.pdf") && echo "raw $w" >>"$T/scale"
		done
		bw=$(awk '$1 == "brief" { print $2 }' "$T/scale" | median)
		bm=$(awk '$1 == "brief" { print $3 }' "$T/scale" | median)
		rw=$(awk '$1 == "raw" { print $2 }' "$T/scale" | median)
		rm_=$(awk '$1 == "raw" { print $3 }' "$T/scale" | median)
		pages=$(pdfinfo "$T/table.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(commas "$r")" "$(commas "$pages")" \
			"$(awk -v k="$bm" 'BEGIN { printf "%.1f", k / 1024 }')" \
			"$(awk -v k="$rm_" 'BEGIN { printf "%.1f", k / 1024 }')" "$(ratio "$bm" "$rm_")" \
			"$(ms "$bw")" "$(ms "$rw")"
		[ -z "$first" ] && first="$r $bm $rm_"
		last="$r $bm $rm_"
	done
	echo "$first $last" | awk '$4 > $1 { d = ($4 - $1) / 1000
		printf "\ngrowth per 1,000 rows from %d to %d rows: brief %.1f KiB, raw_ttf %.1f KiB (%.2f x)\n",
		$1, $4, ($5 - $2) / d, ($6 - $3) / d, ($5 - $2) / ($6 - $3) }'
}

if [ -n "$SCALE_ROWS" ] && [ -z "$ONLY_BATCH" ]; then
	scale_section
fi
[ -n "$ONLY_SCALE" ] && exit 0

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
# shellcheck disable=SC2016
x1=$(batch_ms sh -c 'seq 1 100 | xargs -P 1 -I{} "$0" "$1" --set n={} -q' "$BRIEF" "$PAGE")
# shellcheck disable=SC2016
x2=$(batch_ms sh -c 'seq 1 100 | xargs -P 2 -I{} "$0" "$1" --set n={} -q' "$BRIEF" "$PAGE")
echo
echo "batch: 100 one-page briefings ($PAGE --each n=1..100), $(nproc) CPUs," \
	"load average $LOAD before"
printf '%-34s %8s %14s %14s\n' how "wall ms" "vs one by one" "vs batch -j 1"
speedup() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "?" }'; }
row() { printf '%-34s %8s %14s %14s\n' "$1" "$2" "$(speedup "$x1" "$2")" "$(speedup "$j1" "$2")"; }
row "one by one (100 single runs)" "$x1"
row "brief batch -j 1" "$j1"
row "brief batch -j 2" "$j2"
row "xargs -P 2 of single runs" "$x2"

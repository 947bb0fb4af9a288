#!/bin/sh
# minimal-debian.sh [REPO [WORK]] -- prove the README's promise in a real chroot.
#
# What it proves: on a fresh `debootstrap --variant=minbase bookworm` root
# (no make, no compiler), as root, the two commands from the repository folder
#     ./make demo      (installs what is missing, builds, renders reports/*.pdf)
#     ./make test      (the same set-up, then every test)
# do everything, with nothing else installed by hand.
#
# How to run it (as root, on a Debian host with debootstrap; not part of
# `make test`):
#     sh tests/setup/minimal-debian.sh                     # this repository, WORK=/work/setup-cache
#     sh tests/setup/minimal-debian.sh /path/to/repo /some/work/folder
# REPO defaults to the repository this script is in; only its committed state
# (HEAD) is used, through a fresh `git clone`. WORK holds:
#     WORK/bookworm-minbase-ARCH.tar.gz  the pristine root, made once by
#                                        debootstrap and reused (delete it, or
#                                        set REBUILD=1, to make it anew)
#     WORK/root/                         the chroot of this run (recreated)
#     WORK/demo.log, WORK/test.log       everything the two commands printed
#     WORK/debootstrap.log               debootstrap's output, when it ran
#
# The Debian mirror is the one this host's apt uses, read at run time from
# /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; the host's apt
# sources (and its Acquire::Check-* settings, which a snapshot mirror needs)
# are copied into the root. /proc, /dev, /dev/pts and /sys are mounted for the
# build and the tests and are unmounted on every exit, failure included.
# STEPS="demo test" (the default) are the commands run, in order; STEPS=test
# proves that `./make test` alone also sets everything up.
# Exit status: 0 when every command exits 0.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
REPO=${1:-$(git -C "$here" rev-parse --show-toplevel)}
WORK=${2:-/work/setup-cache}
SUITE=bookworm
ARCH=$(dpkg --print-architecture)
TARBALL=$WORK/$SUITE-minbase-$ARCH.tar.gz
ROOT=$WORK/root
REBUILD=${REBUILD:-0}

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'minimal-debian: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"
command -v debootstrap >/dev/null || die "debootstrap is not installed"
git -C "$REPO" rev-parse --verify HEAD >/dev/null 2>&1 || die "$REPO is not a git repository"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
TARBALL=$WORK/$SUITE-minbase-$ARCH.tar.gz
ROOT=$WORK/root

# ---- mounts: everything under ROOT, undone on exit ------------------------------

mounted_under_root() { # prints mount points at or below $ROOT, deepest first
	awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r
}

unmount_all() {
	for m in $(mounted_under_root); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null ||
			echo "minimal-debian: could not unmount $m" >&2
	done
}

cleanup() {
	status=$?
	trap - EXIT INT TERM HUP
	unmount_all
	left=$(mounted_under_root)
	[ -z "$left" ] || echo "minimal-debian: still mounted: $left" >&2
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- the mirror, read from this host's apt sources --------------------------------

host_mirror() {
	m=""
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# deb822 stanzas: the first URI of a "deb" stanza whose Suites name $SUITE.
		m=$(awk -v s="$SUITE" '
			function flush() { if (deb && suite && uri != "" && out == "") out = uri; deb = suite = 0; uri = "" }
			/^[ \t]*$/ { flush(); next }
			/^#/ { next }
			tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
			tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == s) suite = 1 }
			tolower($1) == "uris:" { uri = $2 }
			END { flush(); print out }' "$f")
		[ -n "$m" ] && { echo "$m"; return; }
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		# one-line style: deb [OPTIONS] URI SUITE COMPONENT...
		m=$(awk -v s="$SUITE" '$1 == "deb" {
				i = 2
				if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
				if ($(i + 1) == s) { print $i; exit } }' "$f")
		[ -n "$m" ] && { echo "$m"; return; }
	done
}

# ---- (a) the root: from the cached pristine tarball, or debootstrap ---------------

[ -z "$(mounted_under_root)" ] || die "something is still mounted under $ROOT; unmount it first"
if [ -e "$ROOT" ]; then
	say "removing the previous root $ROOT"
	rm -rf --one-file-system "$ROOT"
fi
mkdir -p "$ROOT"

t0=$(date +%s)
if [ "$REBUILD" = 1 ] || [ ! -s "$TARBALL" ]; then
	MIRROR=$(host_mirror)
	[ -n "$MIRROR" ] || die "no '$SUITE' deb source found in this host's apt sources"
	say "debootstrap --variant=minbase $SUITE (mirror from this host's apt sources)"
	debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
		{ tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed (see $WORK/debootstrap.log)"; }
	t1=$(date +%s)
	[ -z "$(mounted_under_root)" ] || die "debootstrap left mounts under $ROOT"
	say "saving the pristine root to $TARBALL"
	tar -C "$ROOT" --numeric-owner -cpzf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
	how="$((t1 - t0)) s debootstrap, $(($(date +%s) - t1)) s saving $TARBALL"
else
	say "restoring the pristine root from $TARBALL"
	tar -C "$ROOT" --numeric-owner -xpzf "$TARBALL"
	how="$(($(date +%s) - t0)) s restoring the cached $TARBALL"
fi

# The host's apt sources and its Acquire::Check-* settings (a snapshot mirror's
# Release files may be past their Valid-Until), and its resolver.
host_sources=""
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] && host_sources="$host_sources $f"
done
if [ -n "$host_sources" ]; then
	rm -f "$ROOT/etc/apt/sources.list" "$ROOT"/etc/apt/sources.list.d/*
	for f in $host_sources; do cp "$f" "$ROOT$f"; done
fi
apt-config dump | grep '^Acquire::Check-' >"$ROOT/etc/apt/apt.conf.d/99host-acquire" || true
[ -s "$ROOT/etc/apt/apt.conf.d/99host-acquire" ] || rm -f "$ROOT/etc/apt/apt.conf.d/99host-acquire"
rm -f "$ROOT/etc/resolv.conf"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"

# ---- (b) the root has no make and no compiler ----------------------------------

inroot() { # inroot CMD : sh -c CMD in the root with a root login's clean environment
	env -i HOME=/root TERM="${TERM:-dumb}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		chroot "$ROOT" sh -c "$1" </dev/null
}
for tool in make cc gcc; do
	if inroot "command -v $tool" >/dev/null 2>&1; then
		die "the root already has '$tool': it is not a minimal system"
	fi
done
say "the root has no make, cc or gcc"

# ---- (c) a fresh clone of the committed repository ---------------------------------

REV=$(git -C "$REPO" rev-parse HEAD)
say "cloning $REPO at $REV into $ROOT/brief"
git clone --quiet --no-hardlinks --no-checkout "$REPO" "$ROOT/brief"
# A detached HEAD's commit may be on no branch that the clone brought along.
git -C "$ROOT/brief" cat-file -e "$REV^{commit}" 2>/dev/null ||
	git -C "$REPO" push --quiet "$ROOT/brief" "$REV:refs/heads/minimal-debian-under-test"
git -C "$ROOT/brief" checkout --quiet --detach "$REV"

# ---- (d) mounts ------------------------------------------------------------------

mount -t proc proc "$ROOT/proc" 2>/dev/null || mount --bind /proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
mount -t sysfs sysfs "$ROOT/sys" 2>/dev/null || mount --bind /sys "$ROOT/sys"

# ---- (e) the README's two commands ------------------------------------------------

# step NAME CMD : runs it in /brief, output to the terminal and WORK/NAME.log;
# sets rc (its exit status) and secs (its duration).
step() {
	say "in the root: cd /brief && $2"
	s0=$(date +%s)
	{ inroot "cd /brief && $2" 2>&1; echo $? >"$WORK/$1.rc"; } | tee "$WORK/$1.log"
	s1=$(date +%s)
	rc=$(cat "$WORK/$1.rc")
	secs=$((s1 - s0))
}
# STEPS: the README's commands, in order (STEPS=test proves `./make test` alone).
set +e
summary="" failed=0
for name in ${STEPS:-demo test}; do
	step "$name" "./make $name"
	[ "$rc" = 0 ] || failed=1
	summary="$summary
./make $name: $secs s, exit $rc; its last lines:
$(grep -v '^ *$' "$WORK/$name.log" | tail -3 | sed 's/^/    /')"
done

# ---- (g) summary -----------------------------------------------------------------

pages() { # pages PDF (a path inside the root)
	if inroot "command -v pdfinfo" >/dev/null 2>&1; then
		inroot "pdfinfo '$1'" 2>/dev/null | awk '/^Pages:/ { print $2 }'
	elif command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$ROOT$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
	fi
}

echo
echo "==== minimal Debian ($SUITE minbase, $ARCH) summary ===="
echo "repository:  $REPO at $REV"
echo "root:        $how"
echo "$summary" | sed 1d
for name in ${STEPS:-demo test}; do
	log=$WORK/$name.log
	# cmocka's per-binary totals, and the e2e runner's "N passed, M failed"
	awk -v n="$name" '
		/^\[  PASSED  \] [0-9]+ test/ { up += $4 }
		/^\[  FAILED  \] [0-9]+ test/ { uf += $4 }
		/^FAILED: / { bins++ }
		/[0-9]+ passed, [0-9]+ failed/ { e = $0 }
		END { if (up + uf + bins > 0 || e != "")
			printf "tests (%s): unit %d passed, %d failed, %d failing binaries; %s\n", n, up, uf, bins, e }' "$log"
	grep -E '^FAIL |^FAILED: ' "$log" | head -20 | sed 's/^/    /'
done
found=0
for pdf in "$ROOT"/brief/reports/*.pdf; do
	[ -f "$pdf" ] || continue
	found=1
	p=${pdf#"$ROOT"}
	echo "report:      $p: $(pages "$p") pages, $(wc -c <"$pdf") bytes"
done
[ "$found" = 1 ] || echo "reports:     no PDF in /brief/reports"
echo "logs:        $(for name in ${STEPS:-demo test}; do printf '%s ' "$WORK/$name.log"; done)"
[ "$failed" = 0 ]

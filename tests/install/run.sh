#!/bin/sh
# run.sh BRIEF -- brief installed as a Unix tool: `make install` into a
# scratch DESTDIR (with a PREFIX of its own), the installed brief run from
# another folder on a shipped script and on a script written there, its
# --version naming the dataset's version, its man page rendered without a
# warning, docs/cli.md's generated option list checked against the table,
# then `make uninstall` and nothing left. BRIEF is the project's binary:
# the one installed must be the same file. Prints one line per check and
# "install: N passed, M failed".
case $1 in
/*) BRIEF=$1 ;;
*) BRIEF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/brief-install.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   install: $1"; }
no() { failed=$((failed + 1)); echo "FAIL install: $1"; [ -n "$2" ] && printf '     %s\n' "$2"; }
unset BRIEF_HOME

STAGE=$T/stage PREFIX=/opt/brief-test
P=$STAGE$PREFIX
if make -C "$ROOT" --no-print-directory install DESTDIR="$STAGE" PREFIX="$PREFIX" \
	>"$T/install.log" 2>&1; then ok "make install"
else no "make install" "$(tail -5 "$T/install.log")"; fi

# ---- what is installed ----------------------------------------------------------
missing=
for f in bin/brief share/man/man1/brief.1 share/brief/data/README.md; do
	[ -f "$P/$f" ] || missing="$missing $f"
done
for d in data templates scripts; do
	for f in "$ROOT/$d"/*.csv "$ROOT/$d"/*.lua; do
		[ -f "$f" ] || continue
		cmp -s "$f" "$P/share/brief/$d/$(basename "$f")" || missing="$missing $d/$(basename "$f")"
	done
done
[ -z "$missing" ] && ok "binary, data, templates, scripts and man page installed" ||
	no "missing or different after install:$missing"
cmp -s "$BRIEF" "$P/bin/brief" && ok "the installed binary is $1" ||
	no "the installed binary differs from $1"
if make -C "$ROOT" -n annotations >/dev/null 2>&1; then
	n=$(ls "$P/share/brief/annotations"/*.lua 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && ok "annotations installed ($n files)" || no "no annotations installed"
fi

# ---- the installed brief, from another folder -------------------------------------
mkdir -p "$T/work"
cd "$T/work" || exit 1
if "$P/bin/brief" "$P/share/brief/scripts/anniversary.lua" --set year=2024 >"$T/a.out" 2>&1 &&
	[ "$(pdfinfo reports/anniversary-year-2024.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')" -ge 1 ] &&
	pdftotext reports/anniversary-year-2024.pdf - | grep -q "2024"; then
	ok "shipped script from another folder: reports/anniversary-year-2024.pdf"
else
	no "shipped script from another folder" "$(head -c 600 "$T/a.out")"
fi
cat >mine.lua <<'LUA'
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Installed", template = "briefing" }
doc:paragraph("Dialogue relations began in " .. rel.events:first{ kind = "partnership" }.year .. ".")
doc:save()
LUA
if "$P/bin/brief" mine.lua >"$T/m.out" 2>&1 && grep -q "^reports/mine.pdf: 1 page$" "$T/m.out" &&
	pdftotext reports/mine.pdf - | grep -q "Dialogue relations began in 1989"; then
	ok "own script from its folder: reports/mine.pdf with data and a template"
else
	no "own script from its folder" "$(head -c 600 "$T/m.out")"
fi
[ ! -e "$P/share/brief/reports" ] && ok "nothing written into the install" ||
	no "the installed brief wrote into share/brief"

# ---- --version: the dataset's version, the same as the project's ----------------------
"$P/bin/brief" --version >"$T/v.out" 2>&1
mine=$(sed -n 's/^dataset \([0-9a-f]\{16\}\) .*/\1/p' "$T/v.out")
theirs=$(cd "$ROOT" && "$BRIEF" --version | sed -n 's/^dataset \([0-9a-f]\{16\}\) .*/\1/p')
[ -n "$mine" ] && [ "$mine" = "$theirs" ] && ok "--version names the dataset version ($mine)" ||
	no "--version: dataset '$mine', the project's '$theirs'" "$(cat "$T/v.out")"
mkdir -p "$T/nodata"
"$P/bin/brief" --data "$T/nodata" --version >"$T/nv.out" 2>"$T/nv.err"
rc=$?
[ $rc -eq 4 ] && grep -q "^brief [0-9]" "$T/nv.out" && grep -q "cannot read" "$T/nv.err" &&
	ok "--version without data: says so, exit 4, still names brief's version" ||
	no "--version without data: exit $rc" "$(cat "$T/nv.out" "$T/nv.err")"

# ---- the man page -------------------------------------------------------------------
MAN=$P/share/man/man1/brief.1
if groff -man -ww -z "$MAN" >"$T/groff.err" 2>&1 && [ ! -s "$T/groff.err" ]; then
	ok "groff -man -ww: no warning"
else
	no "groff -man -ww" "$(head -5 "$T/groff.err")"
fi
# rendered as text, ASCII (man -l where man-db is installed, else groff)
if command -v man >/dev/null; then
	LC_ALL=C MANWIDTH=80 man --warnings -l "$MAN" >"$T/man.txt" 2>"$T/man.err"
else
	LC_ALL=C groff -man -ww -Tascii -P-cbou "$MAN" >"$T/man.txt" 2>"$T/man.err"
fi
[ ! -s "$T/man.err" ] && grep -q -- "--watch" "$T/man.txt" && grep -q "EXIT STATUS" "$T/man.txt" &&
	ok "the man page renders as text" || no "the man page as text" "$(head -5 "$T/man.err")"
# every option of --help is in the man page
for opt in $("$BRIEF" --help | grep -oE '^ +(-[a-z], )?--[a-z-]+' | sed 's/.*--//'); do
	grep -q -- "--$opt" "$T/man.txt" 2>/dev/null || { no "--$opt is in --help, not in the man page"; opt=FAIL; break; }
done
[ "$opt" != FAIL ] && ok "every option of --help is in the man page"

# ---- docs/cli.md: its generated list is what the table prints ---------------------------
sed -n '/^<!-- generated from src\/cli\/options.c/,/^<!-- end of the generated options -->/p' \
	"$ROOT/docs/cli.md" | sed '1d;$d' >"$T/doc.md"
"$BRIEF" --manual markdown >"$T/table.md"
if [ -s "$T/doc.md" ] && cmp -s "$T/doc.md" "$T/table.md"; then
	ok "docs/cli.md's option list is the option table's"
else
	no "docs/cli.md's option list differs from the table (run make cli-doc)" \
		"$(diff "$T/doc.md" "$T/table.md" | head -5)"
fi

# ---- uninstall -----------------------------------------------------------------------
if make -C "$ROOT" --no-print-directory uninstall DESTDIR="$STAGE" PREFIX="$PREFIX" \
	>"$T/uninstall.log" 2>&1; then ok "make uninstall"
else no "make uninstall" "$(tail -5 "$T/uninstall.log")"; fi
left=$(find "$STAGE" ! -type d; find "$STAGE" -type d -name brief)
[ -z "$left" ] && ok "nothing left after uninstall" || no "left after uninstall:" "$left"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

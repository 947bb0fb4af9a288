#!/bin/sh
# measure.sh -- typeset quality of a PDF, read from the PDF alone.
#
#   measure.sh spaces [-f N] [-l N] [-x X0:X1] [-m TOP:BOTTOM] [-s PT] [-v] FILE.pdf
#   measure.sh flow   [-f N] [-l N] [-m TOP:BOTTOM] [-b PT] [-v] FILE.pdf
#
# spaces: word spaces of justified lines, in em (spaces.awk)
# flow:   stranded headings and table header rows, widows, orphans (flow.awk)
# See tests/typeset/README.md. Needs pdftotext and pdftohtml (poppler-utils)
# and awk; nothing else.
set -eu

here=$(dirname "$0")
usage() {
	sed -n '4,5p' "$0" | sed 's/^# *//' >&2
	exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
case $mode in spaces|flow) ;; *) usage ;; esac

first='' last='' box='' size='' body='' verbose=0
# brief's default template: 2.2 cm above, 2.4 cm below the text
margins=62.36:68.03
while getopts f:l:x:m:s:b:v opt; do
	case $opt in
	f) first=$OPTARG ;;
	l) last=$OPTARG ;;
	x) box=$OPTARG ;;
	m) margins=$OPTARG ;;
	s) size=$OPTARG ;;
	b) body=$OPTARG ;;
	v) verbose=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
pdf=$1
[ -r "$pdf" ] || { echo "measure.sh: cannot read $pdf" >&2; exit 2; }
for tool in pdftotext pdftohtml; do
	command -v $tool >/dev/null 2>&1 ||
		{ echo "measure.sh: $tool is missing (apt-get install poppler-utils)" >&2; exit 2; }
done

pages=
[ -n "$first" ] && pages="-f $first"
[ -n "$last" ] && pages="$pages -l $last"
top=${margins%%:*}
bottom=${margins##*:}

if [ "$mode" = spaces ]; then
	x0='' x1=''
	if [ -n "$box" ]; then
		x0=${box%%:*}
		x1=${box##*:}
	fi
	echo "spaces: $pdf${box:+, box $x0 to $x1 pt}${first:+, from page $first}${last:+ to $last}"
	# shellcheck disable=SC2086 # $pages is two options or none
	pdftotext $pages -bbox-layout "$pdf" - |
		awk -v first="${first:-1}" -v x0="$x0" -v x1="$x1" -v top="$top" \
		    -v bottom="$bottom" -v size="$size" -v verbose="$verbose" -f "$here/spaces.awk"
else
	echo "flow: $pdf${first:+, from page $first}${last:+ to $last}"
	# shellcheck disable=SC2086
	pdftohtml $pages -xml -i -stdout -q -zoom 3 "$pdf" |
		awk -v top="$top" -v bottom="$bottom" -v body="$body" -v verbose="$verbose" \
		    -f "$here/flow.awk"
fi

# drawn.awk -- reads `qpdf --qdf --object-streams=disable` output of a brief
# PDF and prints, one line per text-showing operator (Tj, TJ), the text it
# draws. brief's fonts are Identity-H with CIDs equal to Unicode code points
# (libharu's UTF-8 encoder), so each 4-digit group of a hex string is one
# character; characters outside printable ASCII come out as '?'.
function hexval(h,    i, v) {
	v = 0
	for (i = 1; i <= length(h); i++)
		v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
	return v
}
function decode(s,    i, c, out) {
	out = ""
	for (i = 1; i + 3 <= length(s); i += 4) {
		c = hexval(substr(s, i, 4))
		out = out (c >= 32 && c < 127 ? sprintf("%c", c) : "?")
	}
	return out
}
/T[jJ]$/ {
	t = ""
	s = $0
	while (match(s, /<[0-9a-f]*>/)) {
		t = t decode(substr(s, RSTART + 1, RLENGTH - 2))
		s = substr(s, RSTART + RLENGTH)
	}
	print t
}

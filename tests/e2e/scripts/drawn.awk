# drawn.awk -- reads `qpdf --qdf --object-streams=disable` output of a brief
# PDF and prints, one line per text-showing operator (Tj, TJ), the text it
# draws. brief writes the text a document draws most with one-byte codes,
# where a character below U+0100 is its own code (src/pdf/embed.c): qpdf
# prints such a string as a literal (...) when it is all ASCII, else in hex,
# two digits a byte. Characters outside printable ASCII, and the 2-byte
# codes of CID strings, come out as '?' or as other characters: look only
# for ASCII words.
function hexval(h,    i, v) {
	v = 0
	for (i = 1; i <= length(h); i++)
		v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
	return v
}
function decode(s,    i, c, out) {
	out = ""
	for (i = 1; i + 1 <= length(s); i += 2) {
		c = hexval(substr(s, i, 2))
		out = out (c >= 32 && c < 127 ? sprintf("%c", c) : "?")
	}
	return out
}
function unescape(s) {
	gsub(/\\\(/, "(", s)
	gsub(/\\\)/, ")", s)
	gsub(/\\\\/, "\\", s)
	return s
}
/T[jJ]$/ {
	t = ""
	s = $0
	while (match(s, /<[0-9a-f]*>|\(([^()\\]|\\.)*\)/)) {
		if (substr(s, RSTART, 1) == "<")
			t = t decode(substr(s, RSTART + 1, RLENGTH - 2))
		else
			t = t unescape(substr(s, RSTART + 1, RLENGTH - 2))
		s = substr(s, RSTART + RLENGTH)
	}
	print t
}

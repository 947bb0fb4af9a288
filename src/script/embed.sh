#!/bin/sh
# embed.sh OUT.c SYMBOL FILE -- turn FILE into a C array SYMBOL (with its size
# in SYMBOL_size), so the Lua half of brief is compiled into the binary.
out=$1 sym=$2 in=$3
{
	printf '/* generated from %s by embed.sh; do not edit */\n' "$in"
	printf '#include <stddef.h>\n'
	printf 'extern const char %s[];\nextern const size_t %s_size;\n' "$sym" "$sym"
	printf 'const char %s[] = {\n' "$sym"
	od -An -v -tx1 "$in" | sed -e 's/  */ /g' -e 's/^ //' -e 's/ $//' \
		-e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
	printf '0x00};\nconst size_t %s_size = sizeof %s - 1;\n' "$sym" "$sym"
} > "$out.tmp" && mv "$out.tmp" "$out"

/*
 * escape.c -- terminal-safe and JSON-safe copies of untrusted text.
 */
#include "util/escape.h"

#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

char *escape_terminal(const char *s, size_t n, int keep_newlines)
{
	char *out = malloc(n * 4 + 1);      /* "\xHH" per byte at worst */
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		bool bad = cp == UTF8_REPLACEMENT && !(len == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0);
		if (bad) {
			for (size_t j = 0; j < len; j++)
				k += (size_t)sprintf(out + k, "\\x%02X", (unsigned char)s[i + j]);
		} else if (cp == '\n' && keep_newlines) {
			out[k++] = '\n';
		} else if (cp == 0x1B) {
			memcpy(out + k, "\\e", 2), k += 2;
		} else if (cp == '\r') {
			memcpy(out + k, "\\r", 2), k += 2;
		} else if (cp == '\t') {
			memcpy(out + k, "\\t", 2), k += 2;
		} else if (cp < 0x20 || cp == 0x7F) {
			k += (size_t)sprintf(out + k, "\\x%02X", (unsigned)cp);
		} else if (cp >= 0x80 && cp < 0xA0) {     /* C1 controls, two bytes each */
			k += (size_t)sprintf(out + k, "\\u%04X", (unsigned)cp);
		} else {
			memcpy(out + k, s + i, len);
			k += len;
		}
		i += len;
	}
	out[k] = '\0';
	return out;
}

void escape_json(FILE *f, const char *s)
{
	size_t n = strlen(s);
	fputc('"', f);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || cp == 0x7F)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else if (cp == UTF8_REPLACEMENT)
			fputs("\\ufffd", f);
		else
			fwrite(s + i, 1, len, f);
		i += len;
	}
	fputc('"', f);
}

size_t escape_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	/* back off continuation bytes, then the lead byte they belong to */
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

char *escape_format(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escape_vformat(buf, n, fmt, ap);
	va_end(ap);
	return buf;
}

char *escape_vformat(char *buf, size_t n, const char *fmt, va_list ap)
{
	if (n == 0)
		return buf;
	char *text = NULL;
	va_list copy;
	va_copy(copy, ap);
	int k = vasprintf(&text, fmt, copy);
	va_end(copy);
	const char *t = k < 0 ? "out of memory" : text;
	size_t len = strlen(t);
	static const char more[] = "…";
	if (len < n) {
		memcpy(buf, t, len + 1);
	} else if (n <= sizeof more) {
		size_t cut = escape_cut(t, len, n - 1);
		memcpy(buf, t, cut);
		buf[cut] = '\0';
	} else {
		size_t cut = escape_cut(t, len, n - sizeof more);
		memcpy(buf, t, cut);
		memcpy(buf + cut, more, sizeof more);
	}
	free(text);
	return buf;
}

/*
 * annotate.c -- writes $(BUILD)/annotations/relations.lua, the LuaCATS
 * annotations of require "relations" for lua-language-server (`make
 * annotations`).
 *
 *   annotate TEMPLATE OUTPUT
 *
 * Copies TEMPLATE (tools/annotations/relations.lua.in: the hand-written
 * functions of the module) to OUTPUT, with its line `-- @schema` replaced by
 * the classes made from the dataset's schema (data/annotations.h). OUTPUT
 * is written beside itself and renamed into place, so a failed run leaves
 * the last good file or none. Exit 0, or 1 with `annotate: message`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/annotations.h"

#define MARKER "-- @schema"

/* Copies the template from in to out, writing the schema's classes in
 * place of the marker line. Returns 0, or -1 with a message in err. */
static int expand(FILE *in, const char *template, FILE *out, char *err, size_t errsize)
{
	char line[4096];
	int lineno = 0, markers = 0;
	while (fgets(line, sizeof line, in)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			snprintf(err, errsize, "%s:%d: line longer than %zu bytes", template, lineno,
			         sizeof line - 2);
			return -1;
		}
		if (strcmp(line, MARKER "\n") == 0 || strcmp(line, MARKER) == 0) {
			markers++;
			if (ds_write_annotations(out) != 0) {
				snprintf(err, errsize, "writing the schema's classes: %s", strerror(errno));
				return -1;
			}
		} else if (fputs(line, out) == EOF) {
			snprintf(err, errsize, "write: %s", strerror(errno));
			return -1;
		}
	}
	if (ferror(in)) {
		snprintf(err, errsize, "%s: %s", template, strerror(errno));
		return -1;
	}
	if (markers != 1) {
		snprintf(err, errsize, "%s: needs exactly one line '%s', has %d", template, MARKER,
		         markers);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: annotate TEMPLATE OUTPUT\n");
		return 1;
	}
	const char *template = argv[1], *output = argv[2];
	char temp[4096], err[4200];
	if (snprintf(temp, sizeof temp, "%s.tmp", output) >= (int)sizeof temp) {
		fprintf(stderr, "annotate: %s: path too long\n", output);
		return 1;
	}
	FILE *in = fopen(template, "r");
	if (!in) {
		fprintf(stderr, "annotate: cannot open %s: %s\n", template, strerror(errno));
		return 1;
	}
	FILE *out = fopen(temp, "w");
	if (!out) {
		fprintf(stderr, "annotate: cannot create %s: %s\n", temp, strerror(errno));
		fclose(in);
		return 1;
	}
	int rc = expand(in, template, out, err, sizeof err);
	fclose(in);
	if (fclose(out) != 0 && rc == 0) {
		snprintf(err, sizeof err, "%s: %s", temp, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(temp, output) != 0) {
		snprintf(err, sizeof err, "cannot rename %s to %s: %s", temp, output, strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		remove(temp);
		fprintf(stderr, "annotate: %s\n", err);
		return 1;
	}
	return 0;
}

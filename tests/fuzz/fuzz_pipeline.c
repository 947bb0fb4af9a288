/*
 * fuzz_pipeline.c -- the whole pipeline, from a script to laid-out pages.
 *
 * The input is read as choices (common.h) that pick a sequence of calls of
 * brief's Lua API: doc:heading, doc:paragraph with markup, spans and Unicode
 * (Hangul among it), lists, tables (rows, widths, alignments, rows from
 * queries), charts, timelines, contents, page breaks, the relations queries
 * (where, between, sort, first, map, anniversaries) and the template's
 * ready-made sections. They are written out as a Lua script, which runs in
 * this process through run_script() as the worker runs it: fresh sandbox,
 * the real data/ and templates/ (so run from the repository root), small
 * limits, --check for seven inputs in eight; the eighth (its first byte a
 * multiple of 8) writes its PDFs, so the PDF writer runs too, into the
 * run's folder, emptied after.
 *
 * The generator writes only calls docs/lua-api.md calls valid, and misuses
 * wrapped in pcall that must raise. So every run must end with exit 0, or
 * 6 when a limit stopped it; any other end is a finding, reported with the
 * script. FUZZ_PRINT=1 in the environment prints each script and how its run
 * ended to stdout: the way to turn an input into a script for ./brief.
 *
 * The sandbox arms SIGALRM with setitimer for its deadline, which is also
 * libFuzzer's -timeout timer; libFuzzer's is put back after each run, and a
 * CPU-time watchdog stands in for it during the run.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "common.h"
#include "data/dataset.h"
#include "script/run.h"

#define MiB (1024u * 1024u)
#define WATCHDOG_SECONDS 5      /* CPU time of one run, as -timeout=5 */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the script ----------------------------------------------------------------- */

typedef struct gen {
	fuzz_input in;
	char *s;                /* the script so far */
	size_t n, cap;
	int template;           /* index into templates[] */
} gen;

static const char *const templates[] = {"default", "briefing", "anniversary"};

static void out(gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out(gen *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(g->s + g->n, g->cap - g->n, fmt, ap);
	va_end(ap);
	if (k < 0)
		abort();
	if ((size_t)k >= g->cap - g->n) {
		while ((size_t)k >= g->cap - g->n)
			g->cap *= 2;
		if (!(g->s = realloc(g->s, g->cap)))
			abort();
		va_start(ap, fmt);
		vsnprintf(g->s + g->n, g->cap - g->n, fmt, ap);
		va_end(ap);
	}
	g->n += (size_t)k;
}

static unsigned pick(gen *g, unsigned n)
{
	return fuzz_pick(&g->in, n);
}

/* s (valid UTF-8, NUL-terminated) as a Lua string literal. */
static void lua_string(gen *g, const char *s)
{
	out(g, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			out(g, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7F)
			out(g, "\\%03u", *p);
		else
			out(g, "%c", *p);
	}
	out(g, "\"");
}

/* What texts are made of: words, markup, breaks, scripts no font has. */
static const char *const words[] = {
	"ASEAN", "Korea", "the", "partnership", "dialogue", "summit", "1989", "2024", "of",
	"ASEAN\u2013ROK", "\u2014", "and/or", "Supercalifragilisticexpialidocious",
	"\ud55c\uad6d", "\uc544\uc138\uc548", "\ub300\ud654", "\uad00\uacc4", "\ud611\ub825",
	"\uc815\uc0c1\ud68c\uc758", "30\uc8fc\ub144", "\ud55c-\uc544\uc138\uc548",
	"**", "*", "***", "[", "](", ")", "\\", "\\*", "[link](https://asean.org)",
	"https://www.mofa.go.kr/eng/brd/m_5674/view.do?seq=320000",
	" ", " ", " ", "  ", "\n", "\t", "\u00ad", "\u200b", "\u3000", "\u2009",
	"\U0001F642", "\u0e01\u0e32", "\u4e2d\u6587", "\u00e9t\u00e9", "\ufffd",
	"US$38.7 billion", "{title}", "{page}", "{pages}", "{date}", "{{", "}}", "%d", "(", "_",
};
#define NWORDS (sizeof words / sizeof words[0])

/* A Lua string of up to `most` pieces: words, or runs of the input's own
 * bytes (made valid UTF-8). */
static void text(gen *g, unsigned most)
{
	char buf[4096];
	size_t n = 0;
	unsigned k = pick(g, most + 1);
	for (unsigned i = 0; i < k; i++) {
		unsigned w = pick(g, NWORDS + 8);
		const char *piece;
		char *raw = NULL;
		if (w < NWORDS) {
			piece = words[w];
		} else {
			const uint8_t *p;
			size_t len = fuzz_until(&g->in, 0, 48, &p);
			piece = raw = fuzz_utf8(p, len);
		}
		size_t len = strlen(piece);
		if (n + len < sizeof buf) {
			memcpy(buf + n, piece, len);
			n += len;
		}
		free(raw);
	}
	buf[n] = '\0';
	lua_string(g, buf);
}

/* ", key = " and a text of up to `most` pieces. */
static void text_field(gen *g, const char *key, unsigned most)
{
	out(g, ", %s = ", key);
	text(g, most);
}

/* Inline text: a string of markup, or a sequence of spans. */
static void inline_text(gen *g, unsigned most)
{
	if (pick(g, 5) != 0) {
		text(g, most);
		return;
	}
	out(g, "{ ");
	for (unsigned i = 0, n = 1 + pick(g, 4); i < n; i++) {
		unsigned how = pick(g, 4);
		if (how == 0) {
			text(g, 4);
		} else {
			out(g, "{ text = ");
			text(g, 4);
			if (how & 1)
				out(g, ", bold = true");
			if (how & 2)
				out(g, ", italic = true");
			if (pick(g, 3) == 0)
				out(g, ", link = \"https://asean.org/%u\"", pick(g, 4));
			out(g, " }");
		}
		out(g, ", ");
	}
	out(g, "}");
}

static const char *const aligns[] = {"left", "center", "right", "justify"};

/* A width a script may give: positive, at most 10000 points. */
static void width(gen *g)
{
	static const char *const widths[] = {
		"1", "2.5", "12", "24", "40", "60", "90", "120", "200", "400", "600", "10000"
	};
	out(g, "%s", widths[pick(g, sizeof widths / sizeof widths[0])]);
}

/* A cell or label value: text, numbers, booleans, a record, and nil when
 * nil_ok (not last in a sequence, whose length a trailing nil would cut). */
static void value_of(gen *g, bool nil_ok, bool spans_ok)
{
	static const char *const values[] = {
		"1989", "2024.5", "-3", "0", "1e15", "true", "false", "rel.events[1].title",
		"rel.meetings[1].co_chairs", "0.1 + 0.2", "nil",
	};
	unsigned n = sizeof values / sizeof values[0] - !nil_ok;
	unsigned k = pick(g, 16);
	if (k < n)
		out(g, "%s", values[k]);
	else if (spans_ok)
		inline_text(g, 6);
	else
		text(g, 6);
}

/* A cell's value: text, spans, a number, a boolean, nil... */
static void value(gen *g, bool nil_ok)
{
	value_of(g, nil_ok, true);
}

/* ---- calls -------------------------------------------------------------------------- */

/* The collections, fields to query them by, and values of those fields. */
static const char *const collections[] = {
	"events", "meetings", "statements", "members", "figures", "initiatives", "mechanisms",
	"people", "sources"
};
static const char *const fields[] = {
	"id", "date", "year", "kind", "title", "name", "place", "number", "format", "topics",
	"co_chairs", "founding", "value", "unit", "from", "to", "components", "source", "nope",
	"side", "act", "topic", "items", "areas", "part_of",
};
static const char *const field_values[] = {
	"\"summit\"", "\"partnership\"", "\"dialogue\"", "\"policy\"", "1989", "2024", "true",
	"\"Kim Gunn\"", "\"in person\"", "\"ROK\"", "1989.0", "\"1989\"",
};

static void query(gen *g)
{
	out(g, "rel.%s", collections[pick(g, 7)]);
	for (unsigned i = 0, n = pick(g, 4); i < n; i++) {
		switch (pick(g, 6)) {
		case 0:
			out(g, ":where{ %s = %s }", fields[pick(g, sizeof fields / sizeof fields[0])],
			    field_values[pick(g, sizeof field_values / sizeof field_values[0])]);
			break;
		case 1:
			out(g, ":where(function(r) return (rel.field(r, \"year\") or 0) %% %u == 0 end)",
			    1 + pick(g, 5));
			break;
		case 2:
			out(g, ":between(%u, %u)", 1960 + pick(g, 70), 1980 + pick(g, 60));
			break;
		case 3:
			out(g, ":sort(\"%s%s\")", pick(g, 2) ? "-" : "",
			    fields[pick(g, sizeof fields / sizeof fields[0])]);
			break;
		case 4:
			out(g, ":sort(function(a, b) return tostring(a.id) > tostring(b.id) end)");
			break;
		default:
			out(g, ":map(function(r) return r end)");
			break;
		}
	}
}

static void call_heading(gen *g)
{
	out(g, "doc:heading(");
	text(g, 8);
	out(g, ", %u)\n", 1 + pick(g, 3));
}

static void call_paragraph(gen *g)
{
	out(g, "doc:paragraph(");
	inline_text(g, 24);
	switch (pick(g, 4)) {
	case 0:
		out(g, ", { align = \"%s\" }", aligns[pick(g, 4)]);
		break;
	case 1:
		out(g, ", { align = \"%s\", size = %u }", aligns[pick(g, 4)], 4 + pick(g, 40));
		break;
	}
	out(g, ")\n");
}

static void list_items(gen *g, int depth)
{
	out(g, "{ ");
	for (unsigned i = 0, n = 1 + pick(g, 5); i < n; i++) {
		if (pick(g, 6) == 0)
			out(g, "{ text = \"span item\", bold = true }, ");
		else {
			text(g, 8);
			out(g, ", ");
		}
		if (depth < 3 && pick(g, 5) == 0) {
			list_items(g, depth + 1);
			out(g, ", ");
		}
	}
	out(g, "}");
}

static void call_list(gen *g)
{
	out(g, "doc:list(");
	list_items(g, 0);
	out(g, pick(g, 2) ? ", { ordered = true })\n" : ")\n");
}

static void call_table(gen *g)
{
	unsigned ncols = 1 + pick(g, 6), nrows = pick(g, 8);
	bool keyed = pick(g, 4) == 0;   /* rows from a query, columns by field */
	out(g, "doc:table{ columns = { ");
	for (unsigned j = 0; j < ncols; j++) {
		if (!keyed && pick(g, 3) == 0) {
			inline_text(g, 4);
			out(g, ", ");
			continue;
		}
		out(g, "{ title = ");
		inline_text(g, 4);
		if (pick(g, 2)) {
			out(g, ", width = ");
			width(g);
		}
		if (pick(g, 2))
			out(g, ", align = \"%s\"", aligns[pick(g, 4)]);
		if (keyed)
			out(g, ", key = \"%s\"", fields[pick(g, sizeof fields / sizeof fields[0])]);
		out(g, " }, ");
	}
	out(g, "}, rows = ");
	if (keyed) {
		query(g);
	} else {
		out(g, "{ ");
		for (unsigned r = 0; r < nrows; r++) {
			out(g, "{ ");
			for (unsigned j = 0; j < ncols; j++) {
				value(g, true);
				out(g, ", ");
			}
			out(g, "}, ");
		}
		out(g, "}");
	}
	if (pick(g, 3) == 0) {
		out(g, ", caption = ");
		inline_text(g, 8);
	}
	out(g, " }\n");
}

static void call_chart(gen *g)
{
	static const char *const numbers[] = {
		"0", "1", "-1", "38.7", "149", "1e15", "-1e15", "0.001", "1e-300", "2^40",
		"12345.678", "nil",
	};
	const unsigned nnumbers = sizeof numbers / sizeof numbers[0];
	unsigned nlabels = 1 + pick(g, 12), nseries = 1 + pick(g, 4);
	out(g, "doc:chart{ type = \"%s\"", pick(g, 2) ? "bar" : "line");
	if (pick(g, 2))
		text_field(g, "title", 6);
	if (pick(g, 2))
		text_field(g, "unit", 2);
	out(g, ", labels = { ");
	for (unsigned j = 0; j < nlabels; j++) {
		value_of(g, j + 1 < nlabels, false);   /* a label is plain text */
		out(g, ", ");
	}
	out(g, "}, series = { ");
	for (unsigned i = 0; i < nseries; i++) {
		out(g, "{ ");
		if (pick(g, 2)) {
			out(g, "name = ");
			text(g, 3);
			out(g, ", ");
		}
		out(g, "values = { ");
		for (unsigned j = 0; j < nlabels; j++)
			out(g, "%s, ", numbers[pick(g, nnumbers - (j + 1 == nlabels))]);
		out(g, "} }, ");
	}
	out(g, "} }\n");
}

static void call_timeline(gen *g)
{
	static const char *const dated[] = {"events", "meetings", "statements", "members", "sources",
	                                    "initiatives"};
	out(g, "doc:timeline(");
	if (pick(g, 3) == 0) {
		out(g, "{ ");
		for (unsigned i = 0, n = pick(g, 6); i < n; i++) {
			switch (pick(g, 3)) {
			case 0:
				out(g, "{ date = \"%u-0%u\", title = ", 1950 + pick(g, 80), 1 + pick(g, 9));
				break;
			case 1:
				out(g, "{ year = %u, name = ", 1950 + pick(g, 80));
				break;
			default:
				out(g, "{ date = ");
				text(g, 2);
				out(g, ", label = ");
			}
			inline_text(g, 8);
			out(g, " }, ");
		}
		out(g, "}");
	} else {
		out(g, "rel.%s:between(%u, %u)", dated[pick(g, 5)], 1960 + pick(g, 70),
		    1980 + pick(g, 60));
	}
	switch (pick(g, 3)) {
	case 0:
		out(g, ", { title = ");
		text(g, 4);
		out(g, " }");
		break;
	case 1:
		out(g, ", { label = function(e) return \"**\" .. tostring(e.year) .. \"**\" end }");
		break;
	}
	out(g, ")\n");
}

static void call_queries(gen *g)
{
	out(g, "do\n  local q = ");
	query(g);
	out(g, "\n  local f = q:first%s\n", pick(g, 2) ? "()"
	    : "(function(r) return rel.field(r, \"kind\") == \"summit\" end)");
	out(g, "  doc:paragraph(tostring(#q) .. \" items; first: \" .. tostring(f and f.id))\n");
	out(g, "  doc:paragraph(brief.join(q:map(function(r) return tostring(rel.field(r, \"name\") "
	       "or rel.field(r, \"title\") or r.id) end), \", \", \" and \"))\n");
	out(g, "end\n");
}

static void call_anniversaries(gen *g)
{
	static const char *const years[] = {"2024", "2019", "1999", "2030", "0", "-5", "1000001",
	                                    "\"2014\""};
	out(g, "for _, a in ipairs(rel.anniversaries(%s, { every = %u })) do\n",
	    years[pick(g, sizeof years / sizeof years[0])], 1 + pick(g, 25));
	out(g, "  doc:paragraph(brief.format(\"{o} anniversary of {t} ({y})\", "
	       "{ o = a.ordinal, t = a.event.title, y = a.years }))\n");
	out(g, "end\n");
	out(g, "doc:paragraph(rel.ordinal(%u))\n", pick(g, 256) * pick(g, 256));
}

/* The ready-made sections of the document's template. */
static void call_section(gen *g)
{
	if (pick(g, 4) == 0) {
		out(g, "doc:sources_section(%s)\n", pick(g, 2) ? "" : "\"Sources used.\"");
		return;
	}
	if (g->template == 1) {
		switch (pick(g, 7)) {
		case 0:
			out(g, "doc:key_points{ ");
			text(g, 8);
			out(g, ", ");
			text(g, 8);
			out(g, " }\n");
			break;
		case 1:
			out(g, "doc:facts{ { \"Date\", ");
			text(g, 4);
			out(g, " }, { \"Place\", nil } }\n");
			break;
		case 2:
			out(g, "doc:milestones(rel.events:between(%u, %u))\n", 1960 + pick(g, 70),
			    1980 + pick(g, 60));
			break;
		case 3:
			out(g, "doc:figures_table(rel.figures)\n");
			break;
		case 4:
			out(g, "doc:members(rel.members:sort(\"joined\"))\n");
			break;
		case 5:
			out(g, "doc:initiatives(rel.initiatives)\n");
			break;
		default:
			out(g, "doc:meeting(rel.meetings[1 + %u %% #rel.meetings], %u)\n", pick(g, 64),
			    1 + pick(g, 2));
		}
	} else if (g->template == 2) {
		unsigned year = 2000 + pick(g, 30);
		switch (pick(g, 3)) {
		case 0:
			out(g, "doc:anniversaries(%u)\n", year);
			break;
		case 1:
			out(g, "doc:at_a_glance(rel.anniversaries(%u))\n", year);
			break;
		default:
			out(g, "for _, a in ipairs(rel.anniversaries(%u)) do doc:milestone(a) end\n", year);
		}
	} else {
		out(g, "doc:sources()\n");
	}
}

/* A misuse, which must raise and leave the document usable. */
static void call_misuse(gen *g)
{
	static const char *const misuses[] = {
		"doc.heading, doc, \"x\", 4",
		"doc.heading, doc, \"a\\0b\"",
		"doc.paragraph, doc, \"\\255\"",
		"doc.paragraph, doc, \"a\", { align = \"middle\" }",
		"doc.paragraph, doc, \"a\", { size = -1 }",
		"doc.table, doc, { columns = { { title = \"a\", width = -1 } }, rows = {} }",
		"doc.table, doc, { columns = { { title = \"a\", width = 10001 } }, rows = {} }",
		"doc.table, doc, { columns = {}, rows = {} }",
		"doc.table, doc, { columns = { \"a\" }, rows = { 1 } }",
		"doc.chart, doc, { labels = { \"a\" }, series = { { values = { 1, 2 } } } }",
		"doc.chart, doc, { labels = { \"a\" }, series = { { values = { 0/0 } } } }",
		"doc.chart, doc, { type = \"pie\", labels = { \"a\" }, series = { { values = { 1 } } } }",
		"doc.list, doc, { { \"nested first\" } }",
		"doc.timeline, doc, { { title = \"no date\" } }",
		"rel.events.between, rel.events, 1989",
		"rel.anniversaries, 2024, { every = 0 }",
		"rel.ordinal, -1",
		"brief.format, \"{missing}\", {}",
		"brief.document, { paper = \"B5\" }",
		"brief.document, { template = \"../x\" }",
	};
	out(g, "assert(not pcall(%s))\n", misuses[pick(g, sizeof misuses / sizeof misuses[0])]);
}

/* A template table: a base and some of every kind of style key, within
 * what the API allows (margins that leave room on the smallest paper). */
static void template_table(gen *g)
{
	static const char *const margins[] = {"0", "10", "36", "57", "72", "100", "150"};
	static const char *const sizes[] = {"1", "4", "9", "10.5", "14", "24", "48", "100", "400"};
	static const char *const colors[] = {"#000000", "#ffffff", "#5a1e2b", "#0a0B0c"};
	unsigned has = fuzz_byte(&g->in);
#define SIZE() sizes[pick(g, sizeof sizes / sizeof sizes[0])]
	out(g, "{ base = \"%s\"", templates[g->template]);
	if (has & 1)
		out(g, ", margins = { top = %s, bottom = %s, left = %s, right = %s }",
		    margins[pick(g, 7)], margins[pick(g, 7)], margins[pick(g, 7)], margins[pick(g, 7)]);
	if (has & 2)
		out(g, ", body = { font = \"%s\", size = %s, leading = %s, space = %s, align = \"%s\", "
		    "color = \"%s\" }", pick(g, 2) ? "sans" : "serif", SIZE(), SIZE(),
		    margins[pick(g, 7)], aligns[pick(g, 4)], colors[pick(g, 4)]);
	if (has & 4)
		out(g, ", headings = { numbered = %s, sizes = { %s, %s, %s } }",
		    pick(g, 2) ? "true" : "false", SIZE(), SIZE(), SIZE());
	if (has & 8)
		out(g, ", table = { size = %s, leading = %s, stripe = \"%s\" }", SIZE(), SIZE(),
		    colors[pick(g, 4)]);
	if (has & 16)
		out(g, ", title = { show = %s, size = %s }", pick(g, 2) ? "true" : "false", SIZE());
	for (int k = 0; k < 2; k++) {
		if (!(has & (32 << k)))
			continue;
		out(g, ", %s = { size = %s, rule = %s", k ? "footer" : "header", SIZE(),
		    pick(g, 2) ? "true" : "false");
		text_field(g, "left", 4);
		text_field(g, "center", 4);
		text_field(g, "right", 4);
		out(g, " }");
	}
	if (has & 128)
		text_field(g, "contents_title", 4);
	out(g, " }");
#undef SIZE
}

/* Writes the script the input describes into g->s. */
static void generate(gen *g)
{
	static const char *const papers[] = {"A4", "letter", "Legal", "a5", "A3"};
	g->template = (int)pick(g, 3);
	unsigned has = fuzz_byte(&g->in);
	out(g, "local brief = require \"brief\"\nlocal rel = require \"relations\"\n");
	out(g, "local doc = brief.document{ template = ");
	if (pick(g, 3) == 0)
		template_table(g);
	else
		out(g, "\"%s\"", templates[g->template]);
	if (has & 1)
		text_field(g, "title", 6);
	if (has & 2)
		text_field(g, "subtitle", 6);
	if (has & 4)
		text_field(g, "author", 3);
	if (has & 8)
		text_field(g, "date", 2);
	if (has & 16)
		out(g, ", paper = \"%s\"", papers[pick(g, 5)]);
	out(g, " }\n");
	for (int calls = 0; g->in.n > 0 && calls < 64; calls++) {
		switch (pick(g, 16)) {
		case 0: case 1: call_heading(g); break;
		case 2: case 3: case 4: call_paragraph(g); break;
		case 5: call_list(g); break;
		case 6: case 7: call_table(g); break;
		case 8: call_chart(g); break;
		case 9: call_timeline(g); break;
		case 10: out(g, "doc:contents()\n"); break;
		case 11: out(g, "doc:page_break()\n"); break;
		case 12: call_queries(g); break;
		case 13: call_anniversaries(g); break;
		case 14: call_section(g); break;
		default: call_misuse(g); break;
		}
	}
	if (pick(g, 8) == 0)
		out(g, "assert(doc:save(\"saved.pdf\"))\n");
}

/* ---- running it ------------------------------------------------------------------ */

static ds_dataset *dataset;
static char dir[256], script[300], output[300];
static int channel[2];          /* run_send's pipe: the run's messages */

/* Removes what a run wrote into its folder (the PDFs), all but the
 * script. */
static void clear_outputs(void)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, "fuzz.lua") == 0)
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

static void cleanup(void)
{
	clear_outputs();
	unlink(script);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[1024];
	if (!(dataset = ds_load("data", err, sizeof err))) {
		fprintf(stderr, "fuzz_pipeline: %s (run from the repository root)\n", err);
		exit(1);
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/fuzz_pipeline.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || pipe(channel) != 0 ||
	    fcntl(channel[0], F_SETFL, O_NONBLOCK) != 0 || fcntl(channel[1], F_SETFL, O_NONBLOCK) != 0) {
		perror("fuzz_pipeline: set-up");
		exit(1);
	}
	snprintf(script, sizeof script, "%s/fuzz.lua", dir);
	snprintf(output, sizeof output, "%s/out.pdf", dir);
	atexit(cleanup);
	(void)fuzz_fonts();
	return 0;
}

/* The error message the run sent, if any, into msg. */
static void read_error(char *msg, size_t size)
{
	static char buf[1 << 16];
	ssize_t n = read(channel[0], buf, sizeof buf);
	msg[0] = '\0';
	for (ssize_t at = 0; n > 0 && at + 5 <= n;) {
		uint32_t len;
		memcpy(&len, buf + at + 1, 4);
		if (buf[at] == MSG_ERROR && at + 5 + (ssize_t)len <= n) {
			const char *code = buf + at + 5;
			snprintf(msg, size, "%s", code + strlen(code) + 1);
		}
		at += 5 + (ssize_t)len;
	}
	while (read(channel[0], buf, sizeof buf) > 0)   /* anything left */
		;
}

static void on_watchdog(int sig)
{
	(void)sig;
	static const char msg[] = "fuzz_pipeline: a run took more than 5 s of CPU time\n";
	if (write(2, msg, sizeof msg - 1) < 0)
		abort();
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gen g = {.in = {data, size}, .cap = 4096};
	if (!(g.s = malloc(g.cap)))
		abort();
	g.s[0] = '\0';
	generate(&g);
	if (getenv("FUZZ_PRINT")) {
		printf("-- script --\n%s-- end --\n", g.s);
		fflush(stdout);     /* before the run, which may not come back */
	}
	FILE *f = fopen(script, "w");
	if (!f || fwrite(g.s, 1, g.n, f) != g.n || fclose(f) != 0) {
		perror(script);
		abort();
	}

	run_job job = {
		.script = script, .output = output, .output_root = dir,
		.data_dir = "data", .templates_dir = "templates",
		.limits = {64 * MiB, 5000000LL, 3, 1000, 64 * MiB, 4000000},
		.check = size == 0 || data[0] % 8 != 0, .quiet = true,
		.data = dataset, .fonts = fuzz_fonts(), .tmpdir = dir,
		.channel = channel[1],
	};
	/* libFuzzer's timer and handler, put back after the run */
	struct sigaction fuzzer_alarm, watchdog = {.sa_handler = on_watchdog};
	struct itimerval fuzzer_timer, limit = {.it_value = {WATCHDOG_SECONDS, 0}}, off = {0};
	sigaction(SIGALRM, NULL, &fuzzer_alarm);
	getitimer(ITIMER_REAL, &fuzzer_timer);
	sigemptyset(&watchdog.sa_mask);
	sigaction(SIGPROF, &watchdog, NULL);
	setitimer(ITIMER_PROF, &limit, NULL);

	int code = run_script(&job);

	setitimer(ITIMER_PROF, &off, NULL);
	sigaction(SIGALRM, &fuzzer_alarm, NULL);
	setitimer(ITIMER_REAL, &fuzzer_timer, NULL);
	clear_outputs();

	char msg[8192];
	read_error(msg, sizeof msg);
	if (getenv("FUZZ_PRINT"))
		printf("-- exit %d%s%s\n", code, msg[0] ? ": " : "", msg);
	/* a field name drawn at random for a collection that lacks it is the
	 * documented error (docs/lua-api.md §3.3), not a fault */
	bool expected = code == EXIT_SCRIPT && strstr(msg, " record has no field '");
	if (code != EXIT_OK && code != EXIT_LIMIT && !expected) {
		fprintf(stderr, "fuzz_pipeline: exit %d: %s\n-- script --\n%s-- end --\n", code, msg,
		        g.s);
		abort();
	}
	free(g.s);
	return 0;
}

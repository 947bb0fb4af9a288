/*
 * manual.c -- `brief --help`, the man page brief(1) and the option list of
 * docs/cli.md, all printed from the tables of cli/options.c.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/manual.h"
#include "cli/options.h"

#define HELP_WIDTH 79       /* --help wraps before this column */
#define HELP_COLUMN 27      /* where an option's help text starts */

static const char synopsis_run[] = "SCRIPT.lua [options]";
static const char synopsis_batch[] = "batch [-j N] [--summary FILE.json] [options] SCRIPT.lua...";

static const char what_it_does[] =
	"Runs an analyst's Lua script against the ASEAN-ROK relations dataset and "
	"writes the briefing it composes as a PDF.";

static const char batch_words[] =
	"brief batch runs many scripts, N at a time (-j), each in its own worker, with a "
	"progress line on a terminal and, with --summary, a JSON summary of every job. "
	"It exits with the first failing script's code, 0 if all succeeded; the others "
	"still complete.";

static const char commit_words[] =
	"A run writes nothing unless it succeeds: every PDF it saves is committed "
	"together at the end. Scripts read only beneath their own folder, the data and "
	"templates folders, and write only beneath the output folder (the folder of -o, "
	"default reports/), as regular files.";

/* Which commands an option applies to, in words ("" when both). */
static const char *applies_words(const cli_option *opt)
{
	return opt->applies == CLI_RUN ? "not with batch"
	       : opt->applies == CLI_BATCH ? "batch only" : "";
}

/* ---- --help ---------------------------------------------------------------------------- */

/* Prints text from column col (the cursor is there), wrapping before
 * HELP_WIDTH onto lines indented by indent; ends the line. */
static void wrap(FILE *f, const char *text, int col, int indent)
{
	const char *p = text;
	bool first = true;
	while (*p) {
		size_t word = strcspn(p, " ");
		if (!first && col + 1 + (int)word > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			first = true;
		}
		if (!first) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)word, p);
		col += (int)word;
		first = false;
		p += word;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

/* "-o, --output FILE" into buf, as --help and the docs name an option. */
static void option_names(const cli_option *opt, char *buf, size_t n)
{
	char shortname[8] = "";
	if (opt->short_name)
		snprintf(shortname, sizeof shortname, "-%c, ", opt->short_name);
	snprintf(buf, n, "%s--%s%s%s", shortname, opt->long_name, opt->value ? " " : "",
	         opt->value ? opt->value : "");
}

static void help_option(FILE *f, const cli_option *opt)
{
	char names[64], left[80], text[512];
	option_names(opt, names, sizeof names);
	int col = snprintf(left, sizeof left, "%s%s", opt->short_name ? "  " : "      ", names);
	fputs(left, f);
	if (col + 2 > HELP_COLUMN) {
		fprintf(f, "\n%*s", HELP_COLUMN, "");
	} else {
		fprintf(f, "%*s", HELP_COLUMN - col, "");
	}
	/* the batch section's title already says "batch only" */
	const char *scope = opt->section == CLI_BATCHES ? "" : applies_words(opt);
	if (*scope)
		snprintf(text, sizeof text, "%s (%s)", opt->help, scope);
	else
		snprintf(text, sizeof text, "%s", opt->help);
	wrap(f, text, HELP_COLUMN, HELP_COLUMN);
}

void cli_print_help(FILE *f, const char *layers)
{
	int n;
	const cli_option *opts = cli_option_table(&n);
	fprintf(f, "usage: brief %s\n       brief %s\n\n", synopsis_run, synopsis_batch);
	wrap(f, what_it_does, 0, 0);
	for (int s = 0; s < CLI_NSECTIONS; s++) {
		const cli_section_text *st = cli_section_of((cli_section)s);
		fprintf(f, "\n%s%s%s%s:\n", st->title, st->intro ? " (" : "",
		        st->intro ? st->intro : "", st->intro ? ")" : "");
		for (int k = 0; k < n; k++)
			if (opts[k].section == (cli_section)s && !opts[k].hidden)
				help_option(f, &opts[k]);
		if (st->note) {
			fprintf(f, "  ");
			wrap(f, st->note, 2, 2);
		}
	}
	fputc('\n', f);
	wrap(f, batch_words, 0, 0);
	int ncodes;
	const cli_exit_code *codes = cli_exit_codes(&ncodes);
	fprintf(f, "\nexit codes:\n");
	for (int k = 0; k < ncodes; k++) {
		int col = fprintf(f, "  %-3s  ", codes[k].code);
		wrap(f, codes[k].meaning, col, col);
	}
	int nenv;
	const cli_env *env = cli_environment(&nenv);
	fprintf(f, "\nenvironment:\n");
	for (int k = 0; k < nenv; k++) {
		int col = fprintf(f, "  %-19s", env[k].name);
		wrap(f, env[k].meaning, col, 21);
	}
	fputc('\n', f);
	wrap(f, commit_words, 0, 0);
	fprintf(f, "\nThe reference: man brief, or docs/cli.md.\n");
	if (layers)
		fprintf(f, "\nworkers on this machine: %s\n", layers);
}

/* ---- the man page ---------------------------------------------------------------------- */

/* Prints text as roff running text: backslashes escaped, a hyphen that
 * begins a word (an option's name) as a minus sign, never a control line. */
static void roff_text(FILE *f, const char *text)
{
	if (*text == '.' || *text == '\'')
		fputs("\\&", f);
	bool word_start = true, dash_run = false;
	for (const char *p = text; *p; p++) {
		if (*p == '\\')
			fputs("\\e", f);
		else if (*p == '-' && (word_start || dash_run))
			fputs("\\-", f);
		else
			fputc(*p, f);
		dash_run = *p == '-' && (word_start || dash_run);
		word_start = *p == ' ' || *p == '(' || *p == '/';
	}
}

/* A line of roff running text, first letter capitalised. */
static void roff_sentence(FILE *f, const char *text)
{
	fputc(toupper((unsigned char)text[0]), f);
	roff_text(f, text + 1);
	fputs(".\n", f);
}

static void roff_option(FILE *f, const cli_option *opt)
{
	fputs(".TP\n", f);
	if (opt->short_name)
		fprintf(f, "\\fB\\-%c\\fR, ", opt->short_name);
	fprintf(f, "\\fB\\-\\-");
	roff_text(f, opt->long_name);
	fputs("\\fR", f);
	if (opt->value) {
		fputs(" \\fI", f);
		roff_text(f, opt->value);
		fputs("\\fR", f);
	}
	fputc('\n', f);
	char text[512];
	const char *scope = opt->section == CLI_BATCHES ? "" : applies_words(opt);
	snprintf(text, sizeof text, "%s%s%s%s", opt->help, *scope ? " (" : "", scope,
	         *scope ? ")" : "");
	roff_sentence(f, text);
}

void cli_print_roff(FILE *f)
{
	int n;
	const cli_option *opts = cli_option_table(&n);
	fprintf(f, ".\\\" brief(1), generated by `brief --manual roff` from src/cli/options.c\n");
	fprintf(f, ".TH BRIEF 1 \"\" \"brief %s\" \"User Commands\"\n", BRIEF_VERSION);
	fputs(".nh\n.ad l\n", f);     /* paths and option names: never hyphenated or stretched */
	fputs(".SH NAME\nbrief \\- Lua scripts in, typeset PDF briefings out\n", f);
	fputs(".SH SYNOPSIS\n.B brief\n", f);
	roff_text(f, synopsis_run);
	fputs("\n.br\n.B brief\n", f);
	roff_text(f, synopsis_batch);
	fputs("\n.SH DESCRIPTION\n", f);
	roff_text(f, what_it_does);
	fputs("\n.PP\n", f);
	roff_text(f, commit_words);
	fputs("\n.PP\n", f);
	roff_text(f, batch_words);
	fputs("\n.SH OPTIONS\n", f);
	for (int s = 0; s < CLI_NSECTIONS; s++) {
		const cli_section_text *st = cli_section_of((cli_section)s);
		fprintf(f, ".SS %c%s\n", toupper((unsigned char)st->title[0]), st->title + 1);
		if (st->intro)
			roff_sentence(f, st->intro);
		for (int k = 0; k < n; k++)
			if (opts[k].section == (cli_section)s && !opts[k].hidden)
				roff_option(f, &opts[k]);
		if (st->note) {
			fputs(".PP\n", f);
			roff_text(f, st->note);
			fputc('\n', f);
		}
	}
	int ncodes;
	const cli_exit_code *codes = cli_exit_codes(&ncodes);
	fputs(".SH EXIT STATUS\n", f);
	for (int k = 0; k < ncodes; k++) {
		fputs(".TP\n.B ", f);
		roff_text(f, codes[k].code);
		fputc('\n', f);
		roff_sentence(f, codes[k].meaning);
	}
	int nenv;
	const cli_env *env = cli_environment(&nenv);
	fputs(".SH ENVIRONMENT\n", f);
	for (int k = 0; k < nenv; k++) {
		fprintf(f, ".TP\n.B %s\n", env[k].name);
		roff_sentence(f, env[k].meaning);
	}
	fputs(".SH FILES\n"
	      ".TP\n.I PREFIX/share/brief/data\n"
	      "The dataset, one CSV file per collection; README.md describes every column.\n"
	      ".TP\n.I PREFIX/share/brief/templates\n"
	      "Page styles and ready-made sections, found by name.\n"
	      ".TP\n.I PREFIX/share/brief/scripts\n"
	      "The shipped briefings, to run or copy.\n"
	      ".TP\n.I PREFIX/share/brief/annotations\n"
	      "LuaCATS annotations of the Lua API, for lua\\-language\\-server.\n"
	      ".TP\n.I reports/\n"
	      "The default output folder, beneath the working directory.\n"
	      ".SH SEE ALSO\n"
	      "docs/cli.md and docs/lua\\-api.md in brief's sources.\n", f);
}

/* ---- docs/cli.md ----------------------------------------------------------------------- */

/* Prints text for a Markdown table cell: the characters that would make
 * markup (a pipe, an HTML tag, emphasis) escaped. */
static void md_cell(FILE *f, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '|' || *p == '<' || *p == '*')
			fputc('\\', f);
		fputc(*p, f);
	}
}

void cli_print_markdown(FILE *f)
{
	int n;
	const cli_option *opts = cli_option_table(&n);
	for (int s = 0; s < CLI_NSECTIONS; s++) {
		const cli_section_text *st = cli_section_of((cli_section)s);
		fprintf(f, "### %c%s\n\n", toupper((unsigned char)st->title[0]), st->title + 1);
		if (st->intro)
			fprintf(f, "%c%s.\n\n", toupper((unsigned char)st->intro[0]), st->intro + 1);
		fputs("| option | applies to | what it does |\n|---|---|---|\n", f);
		for (int k = 0; k < n; k++) {
			const cli_option *opt = &opts[k];
			if (opt->section != (cli_section)s || opt->hidden)
				continue;
			fputs("| ", f);
			if (opt->short_name)
				fprintf(f, "`-%c`, ", opt->short_name);
			fprintf(f, "`--%s%s%s` | %s | ", opt->long_name, opt->value ? " " : "",
			        opt->value ? opt->value : "",
			        opt->applies == CLI_RUN ? "run" : opt->applies == CLI_BATCH ? "batch"
			        : "run, batch");
			md_cell(f, opt->help);
			fputs(" |\n", f);
		}
		fputc('\n', f);
		if (st->note)
			fprintf(f, "%s\n\n", st->note);
	}
	int ncodes;
	const cli_exit_code *codes = cli_exit_codes(&ncodes);
	fputs("### Exit codes\n\n| code | meaning |\n|---|---|\n", f);
	for (int k = 0; k < ncodes; k++) {
		fprintf(f, "| %s | ", codes[k].code);
		md_cell(f, codes[k].meaning);
		fputs(" |\n", f);
	}
	int nenv;
	const cli_env *env = cli_environment(&nenv);
	fputs("\n### Environment\n\n| variable | meaning |\n|---|---|\n", f);
	for (int k = 0; k < nenv; k++) {
		fprintf(f, "| `%s` | ", env[k].name);
		md_cell(f, env[k].meaning);
		fputs(" |\n", f);
	}
	fputc('\n', f);        /* the table ends before what follows */
}

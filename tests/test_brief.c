/*
 * test_brief.c -- the brief module (src/script/lbrief.c, src/script/brief.lua
 * and the argument checks of src/script/arg.c), as a script sees it through
 * host_run(): brief.format and brief.params, documents and doc:save(),
 * misuse raised at the script's line, images, the automatic save, --check
 * and --strict, and the limits of a PDF string and of pages.
 *
 * The checks that pass, and the scripts whose error is marked on its line
 * ("--> error: "), are Lua files, tests/lua/brief/TEST[_PART].lua, run as
 * they are (support.h, "scripts run through a job"); the one-line misuses
 * and the messages they raise are tables here. Run from the repository root
 * (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

/* A document to misuse, on line 1: a case's code is line 2 of x.lua. */
#define DOC_PRELUDE "local brief = require 'brief' local doc = brief.document{}\n"

static int setup(void **state)
{
	return script_setup(state, "brief");
}

/* ---- text helpers and parameters ----------------------------------------------- */

static void format_fills_names_paths_and_braces(void **state)
{
	script_check_lua(*state, "format_fills_names_paths_and_braces");
}

static void format_missing_key_is_an_error_at_the_callers_line(void **state)
{
	script_ctx *c = *state;
	script_run_lua(c, "format_missing_key_is_an_error_at_the_callers_line");
	script_expect_marked_error(c, EXIT_SCRIPT);
	script_run_lua(c, "format_missing_key_is_an_error_at_the_callers_line_path");
	script_expect_marked_error(c, EXIT_SCRIPT);
}

static void params_come_from_the_job(void **state)
{
	script_ctx *c = *state;
	static const run_param params[] = {{"year", "2024"}, {"who", "ASEAN–ROK"}};
	c->job.params = params;
	c->job.nparams = 2;
	script_check_lua(c, "params_come_from_the_job");
}

/* ---- documents and saving --------------------------------------------------------- */

/* The script compares what doc:save() returns with the parameter out. */
static void document_defaults_to_a4_and_save_returns_path_and_pages(void **state)
{
	script_ctx *c = *state;
	const run_param params[] = {{"out", c->out}};
	c->job.params = params;
	c->job.nparams = 1;
	script_check_lua(c, "document_defaults_to_a4_and_save_returns_path_and_pages");
	assert_int_equal(c->res.noutputs, 2);
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub/letter.pdf", c->dir);
	assert_string_equal(c->res.outputs[1], sub);
	assert_int_equal(c->res.pages, 2);
	size_t na, nl;
	char *a4 = support_read_file(c->out, &na), *letter = support_read_file(sub, &nl);
	assert_non_null(a4);
	assert_non_null(letter);
	assert_int_equal(strncmp(a4, "%PDF-", 5), 0);
	assert_true(script_contains(a4, na, "/MediaBox [ 0 0 595.276 841.89"));
	assert_true(script_contains(letter, nl, "/MediaBox [ 0 0 612 792 ]"));
	free(a4);
	free(letter);
}

/* Misuse of the API: an error naming the script's line, nothing written. */
static void api_misuse_is_an_error_at_the_script_line(void **state)
{
	script_ctx *c = *state;
	static const script_error_case cases[] = {
		{"doc:heading('Too deep', 4)",
		 "{dir}/x.lua:2: bad argument #2 to 'heading' (heading level must be 1, 2 or 3)"},
		{"doc:table{columns = {{title = 'A', width = -1}}, rows = {}}",
		 "{dir}/x.lua:2: table column 1: width must be positive"},
		{"doc:table{columns = {'A', {title = 'B', width = 0}}, rows = {}}",
		 "{dir}/x.lua:2: table column 2: width must be positive"},
		{"doc:paragraph('bad \\xff byte')",
		 "{dir}/x.lua:2: paragraph: invalid UTF-8 at byte 5"},
		{"doc:heading('\\xc3')",
		 "{dir}/x.lua:2: heading: invalid UTF-8 at byte 1"},
		{"brief.document{template = 'no-such-template'}",
		 "{dir}/x.lua:2: document: unknown template 'no-such-template' (templates: "
		 "anniversary, briefing, default)"},
		{"brief.document{template = {body = {font = 'Comic Sans'}}}",
		 "{dir}/x.lua:2: template 'body.font': unknown font 'Comic Sans' (brief has "
		 "\"sans\" and \"serif\")"},
		{"brief.document{template = {headings = {font = 'Papyrus'}}}",
		 "{dir}/x.lua:2: template 'headings.font': unknown font 'Papyrus' (brief has "
		 "\"sans\" and \"serif\")"},
		{"brief.document{template = {table = {leading = 0}}}",
		 "{dir}/x.lua:2: template 'table.leading': must be a number from 1 to 10000"},
		{"brief.document{template = {margins = {left = 1e300}}}",
		 "{dir}/x.lua:2: template 'margins.left': must be a number from 0 to 10000"},
		{"brief.document{template = {table = {stripe = true}}}",
		 "{dir}/x.lua:2: template 'table.stripe': a colour \"#rrggbb\", or false for no "
		 "stripes"},
		{"brief.document{template = {table = {stripe = 'grey'}}}",
		 "{dir}/x.lua:2: template 'table.stripe': colour must be \"#rrggbb\""},
		{"doc:paragraph('x', {size = 1e9})",
		 "{dir}/x.lua:2: paragraph: 'size' is too large (10000 points at most)"},
		{"doc:chart{labels = {'a'}, series = {{values = {1e308}}}}",
		 "{dir}/x.lua:2: chart series 1, value 1: 1e+308 is out of range (at most 1e15 "
		 "either way)"},
		{"doc:chart{labels = {'a'}, series = {{values = {0/0}}}}",
		 "{dir}/x.lua:2: chart series 1, value 1: not a number (NaN); use nil for a "
		 "missing value"},
		{"brief.document{paper = 'B5'}",
		 "{dir}/x.lua:2: document: unknown paper 'B5' (A4, Letter, Legal, A5, A3)"},
		/* a misspelt option never silently does nothing */
		{"brief.document{titel = 'x'}",
		 "{dir}/x.lua:2: document: unknown option 'titel' (did you mean 'title'?)"},
		{"doc:paragraph('x', {algin = 'left'})",
		 "{dir}/x.lua:2: paragraph: unknown option 'algin' (did you mean 'align'?)"},
		{"doc:list({'a'}, {numbered = true})",
		 "{dir}/x.lua:2: list: unknown option 'numbered' (it takes ordered)"},
		{"doc:table{columns = {{title = 'A', widht = 9}}, rows = {}}",
		 "{dir}/x.lua:2: table column 1: unknown option 'widht' (did you mean 'width'?)"},
		{"doc:table{columns = {'A'}, row = {}}",
		 "{dir}/x.lua:2: table: unknown option 'row' (did you mean 'rows'?)"},
		{"doc:chart{labels = {'a'}, series = {{values = {1}}}, stacke = true}",
		 "{dir}/x.lua:2: chart: unknown option 'stacke' (did you mean 'stacked'?)"},
		{"doc:chart{labels = {'a'}, series = {{nam = 'x', values = {1}}}}",
		 "{dir}/x.lua:2: chart series 1: unknown option 'nam' (did you mean 'name'?)"},
		{"doc:timeline({{year = 2000}}, {titel = 'x'})",
		 "{dir}/x.lua:2: timeline: unknown option 'titel' (did you mean 'title'?)"},
		{"require('relations').anniversaries(2024, {evry = 5})",
		 "{dir}/x.lua:2: anniversaries: unknown option 'evry' (did you mean 'every'?)"},
		{"doc:save('report.txt')",
		 "{dir}/x.lua:2: save: 'report.txt' must end in .pdf"},
		{"doc:save('../escape.pdf')",
		 "{dir}/x.lua:2: save: '../escape.pdf': outside the output folder {dir}"},
		{"doc:save('/etc/brief-escape.pdf')",
		 "{dir}/x.lua:2: save: '/etc/brief-escape.pdf': outside the output folder {dir}"},
		{"doc:headng('typo')",
		 "{dir}/x.lua:2: document has no method 'headng' (did you mean 'heading'?)"},
		{"doc:key_points{ 'x' }",
		 "{dir}/x.lua:2: document has no method 'key_points': it is a section of the "
		 "'briefing' template, and this document's template is 'default' "
		 "(brief.document{ template = \"briefing\" } to use it)"},
		{"brief.documnet{}",
		 "{dir}/x.lua:2: brief has no field 'documnet' (did you mean 'document'?)"},
		{"doc:paragraph(nil)", "{dir}/x.lua:2: paragraph: expected text, got nil"},
		{"doc:paragraph{ { text = 'x', bold = true, lnk = 'https://a.b' } }",
		 "{dir}/x.lua:2: paragraph, span 1: unknown option 'lnk' (did you mean 'link'?)"},
		{"doc:table{ columns = { 'A' }, rows = { { function() end } } }",
		 "{dir}/x.lua:2: table row 1, column 1: expected text, got function"},
		{"doc:cite('sectoral-dialogue-1989')",
		 "{dir}/x.lua:2: bad argument #1 to 'cite' (relations.Record expected, got string)"},
		{"doc:cite()",
		 "{dir}/x.lua:2: bad argument #1 to 'cite' (relations.Record expected, got no value)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		script_expect_error_case(c, DOC_PRELUDE, &cases[i], "doc:save()\n");
		script_expect_only(c, cases[i].code, (const char *[]){"x.lua", NULL});
	}
}

static void image_missing_broken_or_outside_the_folders_is_refused(void **state)
{
	script_ctx *c = *state;
	char *outside = c->outside, path[128], link[128];
	assert_non_null(support_temp_dir(outside, sizeof c->outside, "test_brief_outside"));
	snprintf(path, sizeof path, "%s/pixel.png", outside);
	support_write_file(path, support_tiny_png, sizeof support_tiny_png);
	snprintf(link, sizeof link, "%s/link.png", c->dir);
	assert_int_equal(symlink(path, link), 0);
	snprintf(path, sizeof path, "%s/pixel.png", c->dir);
	support_write_file(path, support_tiny_png, sizeof support_tiny_png);
	script_put(c, "fake.png", "not an image\n");
	snprintf(path, sizeof path, "%s/cut.png", c->dir);
	support_write_file(path, support_tiny_png, 50);
	size_t n;
	unsigned char *deep = support_png(30, 20, 6, 16, 1, &n);
	snprintf(path, sizeof path, "%s/deep.png", c->dir);
	support_write_file(path, deep, n);
	free(deep);

	/* outside: one answer whether the file exists or not */
	char outside_code[256], outside_message[256], absent_code[256], absent_message[256];
	snprintf(outside_code, sizeof outside_code, "doc:image('%s/pixel.png')", outside);
	snprintf(outside_message, sizeof outside_message, "{dir}/x.lua:2: image: '%s/pixel.png': "
	         "outside the folders it may read (the script's own folder, data and templates)",
	         outside);
	snprintf(absent_code, sizeof absent_code, "doc:image('%s/absent.png')", outside);
	snprintf(absent_message, sizeof absent_message, "{dir}/x.lua:2: image: '%s/absent.png': "
	         "outside the folders it may read (the script's own folder, data and templates)",
	         outside);
	const script_error_case cases[] = {
		{"doc:image('missing.png')",
		 "{dir}/x.lua:2: image: 'missing.png': no such file"},
		{"doc:image('fake.png')",
		 "{dir}/x.lua:2: image: 'fake.png': not a PNG or JPEG file"},
		{"doc:image('cut.png')",
		 "{dir}/x.lua:2: image: 'cut.png': truncated or malformed PNG file: unexpected end of "
		 "file"},
		{outside_code, outside_message},
		{absent_code, absent_message},
		{"doc:image('link.png')",
		 "{dir}/x.lua:2: image: 'link.png': outside the folders it may read (the script's "
		 "own folder, data and templates)"},
		{"doc:image('.')", "{dir}/x.lua:2: image: '.': not a regular file"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		script_expect_error_case(c, DOC_PRELUDE, &cases[i], "doc:save()\n");
		assert_false(script_exists(c->out));
	}

	/* the same calls work for PNGs beside the script, 16-bit interlaced too */
	script_run(c, DOC_PRELUDE
		"doc:image('pixel.png', {width = 40})\n"
		"doc:image('deep.png', {caption = 'deep'})\n"
		"doc:save()\n");
	script_expect_ok(c, "a PNG beside the script");
	assert_true(script_exists(c->out));
}

static void a_script_that_never_saves_writes_its_last_document(void **state)
{
	script_ctx *c = *state;
	script_check_lua(c, "a_script_that_never_saves_writes_its_last_document");
	assert_int_equal(c->res.noutputs, 1);
	assert_string_equal(c->res.outputs[0], c->out);
	assert_int_equal(c->res.pages, 2);
	assert_true(script_exists(c->out));
}

static void timeline_options_are_optional(void **state)
{
	script_ctx *c = *state;
	script_check_lua(c, "timeline_options_are_optional");
	assert_true(script_exists(c->out));
}

/* ---- --check and --strict ------------------------------------------------------- */

/* The script compares what doc:save() returns with the parameter out. */
static void check_mode_lays_out_but_writes_nothing(void **state)
{
	script_ctx *c = *state;
	const run_param params[] = {{"out", c->out}};
	c->job.params = params;
	c->job.nparams = 1;
	c->job.check = true;
	script_check_lua(c, "check_mode_lays_out_but_writes_nothing");
	script_expect_only(c, "--check", (const char *[]){NULL});
}

static void strict_mode_fails_on_an_uncovered_character_and_writes_nothing(void **state)
{
	script_ctx *c = *state;
	static const char script[] = "strict_mode_fails_on_an_uncovered_character_and_writes_nothing";
	script_run_lua(c, script);
	script_expect_ok(c, "without --strict the character is only a warning");
	assert_true(script_exists(c->out));
	unlink(c->out);

	c->job.strict = true;
	script_run_lua(c, script);
	script_expect_marked_error(c, EXIT_STRICT);
	script_expect_only(c, "--strict", (const char *[]){NULL});
}

/* docs/lua-api.md §1.4: errors are FILE:LINE: message. The save brief makes
 * for a script that never called save() must still name the script. */
static void implicit_save_errors_name_the_script(void **state)
{
	script_ctx *c = *state;
	c->job.strict = true;
	script_run_lua(c, "implicit_save_errors_name_the_script");
	script_expect_error_like(c, "--strict, implicit save", EXIT_STRICT, "{script}:",
	                         "save: 1 warning with --strict: nothing written");
	script_expect_only(c, "--strict, implicit save", (const char *[]){NULL});
}

/* ---- where errors point ------------------------------------------------------------ */

/* Lua shortens chunk names to 60 bytes ("...tail") in its own messages; the
 * analyst must still see the full path of their script, once. */
static void errors_name_a_long_script_path_in_full(void **state)
{
	script_ctx *c = *state;
	char dir[256], path[320];
	snprintf(dir, sizeof dir, "%s/a-rather-long-folder-name-for-briefings", c->dir);
	assert_int_equal(mkdir(dir, 0777), 0);
	strcat(dir, "/quarterly-reports-2024-q3");
	assert_int_equal(mkdir(dir, 0777), 0);
	snprintf(path, sizeof path, "%s/anniversary-summary.lua", dir);
	static const struct {
		const char *code, *message;
	} cases[] = {
		{"error('boom')", "boom"},
		{"local y = nil + 1", "attempt to perform arithmetic on a nil value"},
		{"print(undefined_thing)", "undefined variable 'undefined_thing'"},
		{"require('brief').document{}:heading('x', 4)",
		 "bad argument #2 to 'heading' (heading level must be 1, 2 or 3)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char s[256], want[1024];
		snprintf(s, sizeof s, "local x = 1\n%s\n", cases[i].code);
		support_write_file(path, s, strlen(s));
		script_run_file(c, path);
		snprintf(want, sizeof want, "%s:2: %s", path, cases[i].message);
		script_expect_error(c, cases[i].code, EXIT_SCRIPT, want);
	}
}

/* A method keeps the document while it calls back into Lua: a callback that
 * closes it (<close>) gets "document is closed" at the script's line, never
 * a use of freed memory (under ASan, a crash). */
static void a_document_closed_from_a_callback_is_an_error_at_the_line(void **state)
{
	script_ctx *c = *state;
#define CLOSE "do local gone <close> = doc end "
	static const script_error_case cases[] = {
		{"doc:timeline({{year = 2000, title = 'x'}}, {label = function() " CLOSE
		 "return 'x' end})", "{dir}/x.lua:2: document is closed"},
		{"doc:paragraph(setmetatable({}, {__len = function() " CLOSE "return 1 end, "
		 "__index = function() return 'x' end}))", "{dir}/x.lua:2: document is closed"},
		{"doc:table{columns = {{title = 'A', key = 'a'}}, rows = {setmetatable({}, "
		 "{__index = function() " CLOSE "return 'v' end})}}",
		 "{dir}/x.lua:2: document is closed"},
		{"doc:chart{labels = {setmetatable({}, {__tostring = function() " CLOSE
		 "return 'L' end})}, series = {{values = {1}}}}", "{dir}/x.lua:2: document is closed"},
		{"doc:list(setmetatable({}, {__len = function() " CLOSE "return 1 end, "
		 "__index = function() return 'item' end}))", "{dir}/x.lua:2: document is closed"},
		{"doc:heading('h') " CLOSE "doc:paragraph('after')", "{dir}/x.lua:2: document is closed"},
	};
#undef CLOSE
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		script_expect_error_case(c, DOC_PRELUDE, &cases[i], "");
		script_expect_only(c, cases[i].code, (const char *[]){"x.lua", NULL});
	}
}

/* Limits that libharu would only hit when saving stop where they are
 * given, and in --check too. */
static void pdf_strings_and_pages_over_their_limits_stop_in_check_mode(void **state)
{
	script_ctx *c = *state;
	c->job.check = true;
	script_run(c, DOC_PRELUDE "doc:heading(string.rep('x', 65536))\n");
	script_expect_error(c, "a long heading", EXIT_LIMIT, "{dir}/x.lua:2: heading: the text is "
	                    "65536 bytes, more than the 65535 a PDF string can hold (a fixed limit "
	                    "of the PDF library)");
	script_run(c, "require('brief').document{title = string.rep('x', 70000)}\n");
	script_expect_error_like(c, "a long title", EXIT_LIMIT, "{dir}/x.lua:1: document: title",
	                         "more than the 65535");
	script_run(c, DOC_PRELUDE "doc:paragraph('[a](' .. string.rep('h', 70000) .. ')')\n");
	script_expect_error_like(c, "a long link", EXIT_LIMIT, "{dir}/x.lua:2: paragraph: link",
	                         "more than the 65535");
	c->job.limits.pages = 2;
	script_run(c, DOC_PRELUDE "doc:paragraph('1') doc:page_break() doc:paragraph('2') "
	           "doc:page_break() doc:paragraph('3')\n");
	script_expect_error(c, "three pages, a limit of two", EXIT_LIMIT, "{dir}/x.lua:1: save: "
	                    "the document has 3 pages, more than the limit of 2 (raise it with "
	                    "--max-pages) (saving the document made here, at the end of the script)");
	/* a runaway document is laid out to twice the limit, no further, with
	 * --check (the whole document at once) and without (page by page) */
	static const char runaway[] = DOC_PRELUDE "for i = 1, 100000 do doc:paragraph(i) "
	                              "doc:page_break() end\n";
	static const char stopped[] = "{dir}/x.lua:1: save: the document has more than 4 "
	                              "pages, more than the limit of 2 (raise it with --max-pages) "
	                              "(saving the document made here, at the end of the script)";
	script_run(c, runaway);
	script_expect_error(c, "a runaway document, checked", EXIT_LIMIT, stopped);
	c->job.check = false;
	script_run(c, runaway);
	script_expect_error(c, "a runaway document", EXIT_LIMIT, stopped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, script_teardown)
		T(format_fills_names_paths_and_braces),
		T(format_missing_key_is_an_error_at_the_callers_line),
		T(params_come_from_the_job),
		T(document_defaults_to_a4_and_save_returns_path_and_pages),
		T(api_misuse_is_an_error_at_the_script_line),
		T(image_missing_broken_or_outside_the_folders_is_refused),
		T(a_script_that_never_saves_writes_its_last_document),
		T(timeline_options_are_optional),
		T(check_mode_lays_out_but_writes_nothing),
		T(strict_mode_fails_on_an_uncovered_character_and_writes_nothing),
		T(implicit_save_errors_name_the_script),
		T(errors_name_a_long_script_path_in_full),
		T(a_document_closed_from_a_callback_is_an_error_at_the_line),
		T(pdf_strings_and_pages_over_their_limits_stop_in_check_mode),
#undef T
	};
	return cmocka_run_group_tests_name("brief", tests, script_group_setup,
	                                   script_group_teardown);
}

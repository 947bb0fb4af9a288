/*
 * test_plan.c -- saving without Lua: a laid-out document written into an
 * output plan (output/save.h), and the plan committed all or nothing
 * (output/plan.h).
 *
 * Each test has its own folder holding "tmp/" (the run's private folder)
 * and "out/" (the output folder), beside "outside/". The provenance file
 * (output/sidecar.h) is written the same way, beneath a folder of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/document.h"
#include "doc/markup.h"
#include "layout/fonts.h"
#include "output/plan.h"
#include "output/save.h"
#include "output/sidecar.h"
#include "support.h"

static lay_fonts *fonts;

typedef struct ctx {
	char dir[64];
	char tmp[PATH_LIMIT], out[PATH_LIMIT], outside[PATH_LIMIT];
	doc_document *doc;
	lay_result laid;
	out_plan plan;
} ctx;

static int group_setup(void **state)
{
	(void)state;
	return (fonts = support_open_fonts()) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

static int setup(void **state)
{
	ctx *c = calloc(1, sizeof *c);
	if (!c || !support_temp_dir(c->dir, sizeof c->dir, "test_plan"))
		return -1;
	snprintf(c->tmp, sizeof c->tmp, "%s/tmp", c->dir);
	snprintf(c->out, sizeof c->out, "%s/out", c->dir);
	snprintf(c->outside, sizeof c->outside, "%s/outside", c->dir);
	if (mkdir(c->tmp, 0700) != 0 || mkdir(c->out, 0755) != 0 || mkdir(c->outside, 0755) != 0)
		return -1;
	/* a one-paragraph document, laid out */
	if (!(c->doc = doc_new()))
		return -1;
	doc_block *b = doc_add(c->doc, DOC_PARAGRAPH, 1);
	char err[256];
	if (!b || !markup_parse(c->doc, "Dialogue relations began in **1989**.",
	                        &b->u.paragraph.text) ||
	    save_layout(c->doc, fonts, 0, &c->laid, err, sizeof err) != SAVE_OK)
		return -1;
	if (plan_init(&c->plan, c->out, c->tmp, err, sizeof err) != 0)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	ctx *c = *state;
	plan_discard(&c->plan);
	lay_free(c->laid.doc);
	doc_free(c->doc);
	support_remove_tree(c->dir);
	free(c);
	return 0;
}

static bool exists(const char *dir, const char *name)
{
	char p[PATH_LIMIT + 64];
	struct stat sb;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return stat(p, &sb) == 0;
}

/* The number of entries in dir, but "." and "..". */
static int entries(const char *dir)
{
	int status;
	char *list = support_run(&status, "ls -A '%s' | wc -l", dir);
	int n = atoi(list);
	free(list);
	return n;
}

static const pdf_info info = {.title = "Plan", .producer = "brief test", .date = -1};

static void saves_then_commit_writes_every_file(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32];
	snprintf(target, sizeof target, "%s/a.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	snprintf(target, sizeof target, "%s/annex/b.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	assert_int_equal(entries(c->tmp), 2);       /* written, not yet in place */
	assert_false(exists(c->out, "a.pdf"));
	if (plan_commit(&c->plan, err, sizeof err) != 0)
		fail_msg("commit: %s", err);
	assert_true(exists(c->out, "a.pdf"));
	assert_true(exists(c->out, "annex/b.pdf"));
	assert_int_equal(entries(c->tmp), 0);       /* the temporary files are gone */
	int status;
	char *check = support_run(&status, "qpdf --check '%s/a.pdf' >/dev/null 2>&1 && echo ok",
	                          c->out);
	assert_string_equal(check, "ok\n");
	free(check);
}

/* One target cannot be written (its folder is a file): none is created,
 * and a file that was there keeps its bytes. */
static void a_failed_commit_creates_and_replaces_nothing(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32], old[PATH_LIMIT + 32];
	snprintf(old, sizeof old, "%s/a.pdf", c->out);
	support_write_file(old, "old bytes", 9);
	snprintf(target, sizeof target, "%s/blocker", c->out);
	support_write_file(target, "a file, not a folder", 20);
	snprintf(target, sizeof target, "%s/a.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	snprintf(target, sizeof target, "%s/new/x.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	snprintf(target, sizeof target, "%s/blocker/y.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	assert_int_equal(plan_commit(&c->plan, err, sizeof err), -1);
	assert_non_null(strstr(err, "blocker"));
	char *bytes = support_read_file_or_fail(old, NULL);
	assert_string_equal(bytes, "old bytes");
	free(bytes);
	assert_false(exists(c->out, "new"));        /* the folder made for it went too */
	assert_int_equal(entries(c->out), 2);       /* a.pdf and blocker, nothing staged */
	assert_int_equal(entries(c->tmp), 0);
}

static void targets_outside_the_output_folder_are_refused(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32], link[PATH_LIMIT + 32];
	snprintf(target, sizeof target, "%s/x.pdf", c->outside);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OUTPUT);
	assert_non_null(strstr(err, "outside the output folder"));
	snprintf(link, sizeof link, "%s/link", c->out);
	assert_int_equal(symlink(c->outside, link), 0);
	snprintf(target, sizeof target, "%s/link/x.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OUTPUT);
	assert_int_equal(entries(c->tmp), 0);       /* nothing left of either attempt */
	assert_int_equal(entries(c->outside), 0);
	/* and a plan rebuilt from a worker's report takes only plain names */
	assert_int_equal(plan_add(&c->plan, "../../etc/passwd", c->out, 1, err, sizeof err), -1);
}

static void saving_the_same_target_again_keeps_the_last(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32];
	snprintf(target, sizeof target, "%s/a.pdf", c->out);
	for (int i = 0; i < 3; i++)
		assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
		                 SAVE_OK);
	assert_int_equal(c->plan.nfiles, 1);
	assert_int_equal(entries(c->tmp), 1);       /* the earlier copies are removed */
	assert_int_equal(plan_commit(&c->plan, err, sizeof err), 0);
	assert_true(exists(c->out, "a.pdf"));
}

static void limits_on_pages_and_size_are_clear_stops(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32];
	lay_result more;
	doc_add(c->doc, DOC_PAGE_BREAK, 2);
	doc_block *b = doc_add(c->doc, DOC_PARAGRAPH, 3);
	assert_true(markup_parse(c->doc, "page two", &b->u.paragraph.text));
	assert_int_equal(save_layout(c->doc, fonts, 1, &more, err, sizeof err), SAVE_LIMIT);
	assert_string_equal(err, "the document has 2 pages, more than the limit of 1 (raise it "
	                    "with --max-pages)");
	assert_null(more.doc);
	snprintf(target, sizeof target, "%s/a.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 1000, err, sizeof err),
	                 SAVE_LIMIT);
	assert_string_equal(err, "the PDF would be larger than the output size limit of 1000 bytes "
	                    "(raise it with --max-output)");
	assert_int_equal(entries(c->tmp), 0);
}

/* ---- the provenance file ------------------------------------------------------- */

static const char *const names[] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"};
static const int order[] = {7, 6, 5, 4, 3, 2, 1, 0};      /* a page lists in this order */

/* The records of block b: pairs of serial and text (NULL: every page). */
static void credit(doc_document *d, doc_records *r, const doc_shown *shown, int n)
{
	assert_true(doc_records_set(d, shown, n, r));
}

static doc_block *paragraph(doc_document *d, const char *text)
{
	doc_block *b = doc_add(d, DOC_PARAGRAPH, 1);
	assert_non_null(b);
	assert_true(markup_parse(d, text, &b->u.paragraph.text));
	return b;
}

/* Each page lists the records of the blocks drawn on it, of the title on
 * the page that shows it and, when the running header shows the date, of
 * the date on every page; sources by number. */
static void the_sidecar_lists_the_records_of_each_page(void **state)
{
	(void)state;
	doc_document *d = doc_new();
	assert_non_null(d);
	d->meta.title = "Title with Alpha";
	d->meta.date = "June 2024";
	d->style.header.right = "{date}";
	credit(d, &d->title_records, (doc_shown[]){{1, "Alpha"}, {6, "2024"}}, 2);
	credit(d, &paragraph(d, "Beta and gamma.")->records,
	       (doc_shown[]){{2, "Beta"}, {3, "gamma"}, {2, NULL}}, 3);
	doc_add(d, DOC_PAGE_BREAK, 1);
	credit(d, &paragraph(d, "Delta.")->records, (doc_shown[]){{4, "Delta"}}, 1);
	assert_int_equal(doc_source_number(d, 7), 1);
	assert_int_equal(doc_source_number(d, 5), 2);
	assert_int_equal(doc_source_number(d, 7), 1);
	lay_result laid;
	char err[256];
	assert_int_equal(save_layout(d, fonts, 0, &laid, err, sizeof err), SAVE_OK);
	assert_int_equal(laid.doc->npages, 2);
	char *json = sidecar_document(laid.doc, d, "out/x.pdf", names, order, 8);
	assert_non_null(json);
	assert_string_equal(json,
		"{\"pdf\": \"out/x.pdf\", \"pages\": [\n"
		"  {\"page\": 1, \"records\": [\"r6\", \"r3\", \"r2\", \"r1\"]},\n"
		"  {\"page\": 2, \"records\": [\"r6\", \"r4\"]}],\n"
		" \"sources\": [{\"number\": 1, \"record\": \"r7\"}, {\"number\": 2, \"record\": \"r5\"}]}");
	free(json);
	lay_free(laid.doc);
	doc_free(d);
}

/* A paragraph over several pages: each record goes to the pages its text is
 * drawn on; one whose text is not drawn anywhere, to every page. */
static void a_block_over_pages_lists_each_record_where_its_text_is(void **state)
{
	(void)state;
	doc_document *d = doc_new();
	assert_non_null(d);
	size_t n = 40000;
	char *text = malloc(n);
	assert_non_null(text);
	size_t k = (size_t)snprintf(text, n, "Opening words here. ");
	while (k + 64 < n)
		k += (size_t)snprintf(text + k, n - k, "filler words of a long paragraph ");
	snprintf(text + k, n - k, "and the Closing remark.");
	credit(d, &paragraph(d, text)->records,
	       (doc_shown[]){{1, "Opening words"}, {2, "Closing remark"}, {3, "absent"}}, 3);
	free(text);
	lay_result laid;
	char err[256];
	assert_int_equal(save_layout(d, fonts, 0, &laid, err, sizeof err), SAVE_OK);
	int np = laid.doc->npages;
	assert_true(np >= 3);
	char *json = sidecar_document(laid.doc, d, "x.pdf", names, order, 8);
	assert_non_null(json);
	assert_non_null(strstr(json, "{\"page\": 1, \"records\": [\"r3\", \"r1\"]}"));
	assert_non_null(strstr(json, "{\"page\": 2, \"records\": [\"r3\"]}"));
	char last[64];
	snprintf(last, sizeof last, "{\"page\": %d, \"records\": [\"r3\", \"r2\"]}", np);
	if (!strstr(json, last))
		fail_msg("page %d is not '%s':\n%s", np, last, json);
	free(json);
	lay_free(laid.doc);
	doc_free(d);
}

/* The provenance file goes beneath its own folder (not the output folder),
 * and commits with the PDFs: both, or neither. */
static void a_file_beneath_its_own_folder_commits_with_the_pdfs(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32], side[PATH_LIMIT + 32],
	     temp[PATH_LIMIT];
	snprintf(target, sizeof target, "%s/a.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	const char *docs[1] = {"{\"pdf\": \"a.pdf\", \"pages\": [], \"sources\": []}"};
	assert_int_equal(sidecar_write(c->tmp, docs, 1, temp, sizeof temp, err, sizeof err),
	                 SAVE_OK);
	snprintf(side, sizeof side, "%s/deep/p.json", c->outside);
	/* beneath the output folder it is refused, beneath its own it is not */
	assert_int_equal(plan_add(&c->plan, temp, side, 0, err, sizeof err), -1);
	assert_int_equal(plan_add_under(&c->plan, c->outside, temp, side, 0, err, sizeof err), 0);
	snprintf(target, sizeof target, "%s/p.json", c->out);
	assert_int_equal(plan_add_under(&c->plan, c->outside, temp, target, 0, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "outside the output folder"));
	if (plan_commit(&c->plan, err, sizeof err) != 0)
		fail_msg("commit: %s", err);
	assert_true(exists(c->out, "a.pdf"));
	char *json = support_read_file_or_fail(side, NULL);
	assert_string_equal(json, "{\"documents\": [\n"
	                    "{\"pdf\": \"a.pdf\", \"pages\": [], \"sources\": []}\n]}\n");
	free(json);
	assert_int_equal(entries(c->tmp), 0);
}

static void a_failed_commit_writes_no_provenance_file(void **state)
{
	ctx *c = *state;
	char err[PATH_LIMIT + 256], target[PATH_LIMIT + 32], side[PATH_LIMIT + 32],
	     temp[PATH_LIMIT];
	snprintf(target, sizeof target, "%s/blocker", c->out);
	support_write_file(target, "a file, not a folder", 20);
	const char *docs[1] = {"{}"};
	assert_int_equal(sidecar_write(c->tmp, docs, 1, temp, sizeof temp, err, sizeof err),
	                 SAVE_OK);
	snprintf(side, sizeof side, "%s/p.json", c->outside);
	assert_int_equal(plan_add_under(&c->plan, c->outside, temp, side, 0, err, sizeof err), 0);
	snprintf(target, sizeof target, "%s/blocker/y.pdf", c->out);
	assert_int_equal(save_pdf(c->laid.doc, &info, &c->plan, target, 0, err, sizeof err),
	                 SAVE_OK);
	assert_int_equal(plan_commit(&c->plan, err, sizeof err), -1);
	assert_int_equal(entries(c->outside), 0);
	assert_int_equal(entries(c->tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(saves_then_commit_writes_every_file),
		T(a_failed_commit_creates_and_replaces_nothing),
		T(targets_outside_the_output_folder_are_refused),
		T(saving_the_same_target_again_keeps_the_last),
		T(limits_on_pages_and_size_are_clear_stops),
		T(the_sidecar_lists_the_records_of_each_page),
		T(a_block_over_pages_lists_each_record_where_its_text_is),
		T(a_file_beneath_its_own_folder_commits_with_the_pdfs),
		T(a_failed_commit_writes_no_provenance_file),
#undef T
	};
	return cmocka_run_group_tests_name("plan", tests, group_setup, group_teardown);
}

/*
 * test_provenance.c -- which records each page shows (src/script/provenance.c,
 * src/script/lprovenance.c, the list of sources of src/script/sourcelist.c),
 * as the --provenance sidecar of a run through host_run() tells it: reads
 * inside query predicates do not count, values carry their record through
 * the string library, shared and stale words count only as whole parts,
 * doc:cite numbers sources, a table split over pages, values never shown.
 *
 * Each script is a Lua file, tests/lua/provenance/TEST.lua, run as it is
 * (support.h, "scripts run through a job"); the JSON it must give is here.
 * Run from the repository root (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static int setup(void **state)
{
	return script_setup(state, "provenance");
}

/* Runs tests/lua/provenance/name.lua with --provenance DIR/p.json and
 * returns the file (owned by the caller), after checking the run
 * succeeded. */
static char *run_provenance(script_ctx *c, const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/p.json", c->dir);
	c->job.provenance = path;
	c->job.provenance_root = c->dir;
	script_run_lua(c, name);
	c->job.provenance = c->job.provenance_root = NULL;
	script_expect_ok(c, name);
	return support_read_file_or_fail(path, NULL);
}

/* The sidecar holds this exact text (after subst); shows it when not. */
static void expect_json(const script_ctx *c, const char *json, const char *want)
{
	char *w = script_subst(c, want), text[4096];
	snprintf(text, sizeof text, "%s", w);
	free(w);
	if (!strstr(json, text))
		fail_msg("the provenance file lacks\n  %s\nit is:\n%s", text, json);
}

static void expect_no_json(const char *json, const char *unwanted)
{
	if (strstr(json, unwanted))
		fail_msg("the provenance file holds %s:\n%s", unwanted, json);
}

static void a_predicate_over_every_record_credits_only_the_record_shown(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "a_predicate_over_every_record_credits_only_the_record_shown");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"meetings:dialogue-2024-28th\", "
	            "\"sources:mofa-dialogue-2024\"]}");
	expect_json(c, json, "\"sources\": [{\"number\": 1, \"record\": "
	            "\"sources:mofa-dialogue-2024\"}]}");
	free(json);
}

static void a_predicate_that_raises_leaves_later_reads_counted(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "a_predicate_that_raises_leaves_later_reads_counted");
	expect_json(c, json, "\"records\": [\"events:sectoral-dialogue-1989\"]");
	free(json);
}

static void values_carry_their_record_through_the_string_library(void **state)
{
	script_ctx *c = *state;
	setenv("SOURCE_DATE_EPOCH", SCRIPT_EPOCH, 1);      /* 2024 */
	char *json = run_provenance(c, "values_carry_their_record_through_the_string_library");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"events:joint-declaration-2004\"]}");
	expect_json(c, json, "{\"page\": 2, \"records\": [\"events:strategic-partnership-2010\"]}");
	expect_json(c, json, "{\"page\": 3, \"records\": [\"meetings:dialogue-2020-24th\", "
	            "\"figures:trade-2017\"]}");
	free(json);
}

static void a_shared_or_stale_word_counts_only_as_a_whole_part(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "a_shared_or_stale_word_counts_only_as_a_whole_part");
	expect_json(c, json, "{\"page\": 1, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_json(c, json, "{\"page\": 2, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_json(c, json, "{\"page\": 3, \"records\": [\"events:sectoral-dialogue-1989\"]}");
	expect_no_json(json, "members:cambodia");
	free(json);
}

/* The script checks the numbers doc:cite returns; the list of sources has
 * the sources in that order. */
static void cite_numbers_sources_in_the_order_they_reach_the_document(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "cite_numbers_sources_in_the_order_they_reach_the_document");
	expect_json(c, json, "\"sources\": [{\"number\": 1, \"record\": \"sources:mofa-dialogue-2024\"}, "
	            "{\"number\": 2, \"record\": \"sources:akys-about-asean\"}, "
	            "{\"number\": 3, \"record\": \"sources:mofa-dialogue-2021\"}, "
	            "{\"number\": 4, \"record\": \"sources:asean-24th-dialogue-2020\"}]");
	/* the marker in the paragraph carries the record cited */
	expect_json(c, json, "\"people:kim-gunn\"");
	free(json);
}

static void a_table_split_over_pages_lists_each_row_on_its_page(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "a_table_split_over_pages_lists_each_row_on_its_page");
	const char *p1 = strstr(json, "{\"page\": 1,"), *p2 = strstr(json, "{\"page\": 2,");
	assert_non_null(p1);
	assert_non_null(p2);
	const char *first = strstr(json, "events:asean-founded-1967");
	const char *last = strstr(json, "events:anniversary-2024-35th");
	if (!first || !last || first > p2 || last < p2)
		fail_msg("the first row is not on page 1 alone, or the last not after it:\n%s", json);
	if (strstr(p2, "events:asean-founded-1967") && strstr(p2, "events:asean-founded-1967") <
	    strstr(json, "second.pdf"))
		fail_msg("the first row is listed on a later page too:\n%s", json);
	expect_json(c, json, "{\"pdf\": \"{out}\", ");
	expect_json(c, json, "{\"pdf\": \"{dir}/second.pdf\", \"pages\": [\n  {\"page\": 1, "
	            "\"records\": [\"people:kim-gunn\"]}]");
	free(json);
}

/* The list of sources, and the records of its page, when the script read
 * values but showed none; nothing at all with --check. */
static void values_read_but_not_shown_reach_no_page(void **state)
{
	script_ctx *c = *state;
	char *json = run_provenance(c, "values_read_but_not_shown_reach_no_page");
	expect_json(c, json, "{\"page\": 1, \"records\": []}");
	expect_json(c, json, "\"sources\": []}");
	free(json);
	char path[128];
	snprintf(path, sizeof path, "%s/p.json", c->dir);
	unlink(path);
	c->job.check = true;
	c->job.provenance = path;
	c->job.provenance_root = c->dir;
	script_run(c, "local brief = require 'brief'\nbrief.document{}:paragraph('x')\n");
	c->job.provenance = c->job.provenance_root = NULL;
	script_expect_ok(c, "--check");
	assert_false(script_exists(path));
	assert_string_equal(c->res.provenance, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, script_teardown)
		T(a_predicate_over_every_record_credits_only_the_record_shown),
		T(a_predicate_that_raises_leaves_later_reads_counted),
		T(values_carry_their_record_through_the_string_library),
		T(a_shared_or_stale_word_counts_only_as_a_whole_part),
		T(cite_numbers_sources_in_the_order_they_reach_the_document),
		T(a_table_split_over_pages_lists_each_row_on_its_page),
		T(values_read_but_not_shown_reach_no_page),
#undef T
	};
	return cmocka_run_group_tests_name("provenance", tests, script_group_setup,
	                                   script_group_teardown);
}

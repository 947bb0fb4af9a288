/*
 * test_relations.c -- the relations module (src/script/lrelations.c), as a
 * script sees it through host_run(): collections and records, read-only
 * everywhere; where, between, sort, map and first; anniversaries, ordinal
 * and source.
 *
 * The checks that pass are Lua files, tests/lua/relations/TEST.lua, run as
 * they are (support.h, "scripts run through a job"); the errors a line must
 * raise are tables here. Run from the repository root (run_unit.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"

/* The first line of every error case: a case's code is line 2 of x.lua. */
#define REL_PRELUDE "local rel = require 'relations'\n"

static int setup(void **state)
{
	return script_setup(state, "relations");
}

static void collections_have_length_and_ipairs_in_date_order(void **state)
{
	script_check_lua(*state, "collections_have_length_and_ipairs_in_date_order");
}

static void records_collections_and_lists_are_read_only(void **state)
{
	static const script_error_case cases[] = {
		{"rel.events[1].title = 'forged'",
		 "{dir}/x.lua:2: the dataset is read-only: records cannot be changed (tried to "
		 "set 'title')"},
		{"rel.events[1].new_field = 1",
		 "{dir}/x.lua:2: the dataset is read-only: records cannot be changed (tried to "
		 "set 'new_field')"},
		{"rel.events[1] = false",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set '1')"},
		{"rel.events.extra = {}",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set 'extra')"},
		{"rel.events:where{kind = 'summit'}[1] = false",
		 "{dir}/x.lua:2: the dataset is read-only: collections cannot be changed (tried "
		 "to set '1')"},
		{"rel.meetings:first{id = 'dialogue-2020-24th'}.co_chairs[1] = 'someone'",
		 "{dir}/x.lua:2: the dataset is read-only: lists cannot be changed (tried to set "
		 "'1')"},
		{"rawset(rel.events[1], 'title', 'forged')",
		 "{dir}/x.lua:2: bad argument #1 to 'rawset' (table expected, got "
		 "relations.Record)"},
		{"rawset(rel.events, 1, 'forged')",
		 "{dir}/x.lua:2: bad argument #1 to 'rawset' (table expected, got "
		 "relations.Collection)"},
	};
	script_expect_error_cases(*state, REL_PRELUDE, cases, sizeof cases / sizeof cases[0]);
}

static void dataset_metatables_cannot_be_tampered_with(void **state)
{
	script_check_lua(*state, "dataset_metatables_cannot_be_tampered_with");
}

static void where_filters_by_fields_predicate_and_list_members(void **state)
{
	script_check_lua(*state, "where_filters_by_fields_predicate_and_list_members");
}

static void between_is_inclusive_and_covers_from_to_spans(void **state)
{
	script_check_lua(*state, "between_is_inclusive_and_covers_from_to_spans");
}

static void sort_by_field_descending_field_and_function_is_stable(void **state)
{
	script_check_lua(*state, "sort_by_field_descending_field_and_function_is_stable");
}

static void map_first_and_chaining(void **state)
{
	script_check_lua(*state, "map_first_and_chaining");
}

static void first_without_a_query_is_the_first_item(void **state)
{
	script_check_lua(*state, "first_without_a_query_is_the_first_item");
}

static void anniversaries_of_2024_list_the_35th_of_dialogue_relations(void **state)
{
	script_check_lua(*state, "anniversaries_of_2024_list_the_35th_of_dialogue_relations");
}

static void anniversaries_every_ten_years(void **state)
{
	script_check_lua(*state, "anniversaries_every_ten_years");
}

/* Two seconds: the wall clock ends a run that brief's C code keeps busy. */
static void anniversaries_of_an_absurd_year_end_promptly(void **state)
{
	script_ctx *c = *state;
	c->job.limits.seconds = 2;
	script_check_lua(c, "anniversaries_of_an_absurd_year_end_promptly");
}

static void ordinal_suffixes(void **state)
{
	script_check_lua(*state, "ordinal_suffixes");
}

static void source_by_id_and_of_a_record(void **state)
{
	script_check_lua(*state, "source_by_id_and_of_a_record");
}

static void unknown_field_is_an_error_and_pairs_follows_the_schema(void **state)
{
	script_check_lua(*state, "unknown_field_is_an_error_and_pairs_follows_the_schema");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, script_teardown)
		T(collections_have_length_and_ipairs_in_date_order),
		T(records_collections_and_lists_are_read_only),
		T(dataset_metatables_cannot_be_tampered_with),
		T(where_filters_by_fields_predicate_and_list_members),
		T(between_is_inclusive_and_covers_from_to_spans),
		T(sort_by_field_descending_field_and_function_is_stable),
		T(map_first_and_chaining),
		T(first_without_a_query_is_the_first_item),
		T(anniversaries_of_2024_list_the_35th_of_dialogue_relations),
		T(anniversaries_every_ten_years),
		T(anniversaries_of_an_absurd_year_end_promptly),
		T(ordinal_suffixes),
		T(source_by_id_and_of_a_record),
		T(unknown_field_is_an_error_and_pairs_follows_the_schema),
#undef T
	};
	return cmocka_run_group_tests_name("relations", tests, script_group_setup,
	                                   script_group_teardown);
}

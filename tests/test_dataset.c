/*
 * test_dataset.c -- the dataset loader: the real data/ loads, is sorted and
 * cross-referenced, and holds the facts of the seed documents; ds_parse_date
 * over a table of dates; and a table of corruptions, each applied to a fresh
 * copy of data/ in its own mkdtemp directory, each refused with its exact
 * "FILE:LINE: column 'x': ..." message.
 *
 * Tests run from the repository root (they read data/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/dataset.h"
#include "support.h"

#define DATA "data"

static const char *const files[DS_NCOLLECTIONS] = {
	"events", "meetings", "statements", "members", "figures", "initiatives", "mechanisms",
	"people", "sources",
};

/* ---- helpers ------------------------------------------------------------------ */

static void csv_path(const char *dir, const char *name, char *path, size_t size)
{
	snprintf(path, size, "%s/%s.csv", dir, name);
}

/* Makes a fresh directory under /tmp holding a copy of every file of data/;
 * its name goes to dir (at least 64 bytes). */
static void copy_data(char *dir)
{
	if (!support_temp_dir(dir, 64, "test_dataset"))
		fail_msg("mkdtemp failed");
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		char from[256], to[256];
		size_t len;
		csv_path(DATA, files[k], from, sizeof from);
		csv_path(dir, files[k], to, sizeof to);
		char *text = support_read_file_or_fail(from, &len);
		support_write_file(to, text, len);
		free(text);
	}
}

/* 1-based line of byte offset off in text. */
static int line_at(const char *text, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

/* Replaces the first occurrence of old by new in dir/file.csv and returns
 * the line of the first character of new that is not a newline; fails the
 * test when old is absent, so a case cannot silently stop corrupting
 * anything when data/ changes. */
static int replace_in(const char *dir, const char *file, const char *old, const char *new)
{
	char path[256];
	size_t len;
	csv_path(dir, file, path, sizeof path);
	char *text = support_read_file_or_fail(path, &len);
	char *at = strstr(text, old);
	if (!at)
		fail_msg("%s.csv no longer contains \"%s\": update the case", file, old);
	size_t off = (size_t)(at - text), lo = strlen(old), ln = strlen(new);
	char *out = malloc(len - lo + ln + 1);
	assert_non_null(out);
	memcpy(out, text, off);
	memcpy(out + off, new, ln);
	memcpy(out + off + ln, at + lo, len - off - lo);
	support_write_file(path, out, len - lo + ln);
	int line = line_at(out, off + strspn(new, "\n"));
	free(out);
	free(text);
	return line;
}

/* 1-based line of the first occurrence of s in dir/file.csv (of its first
 * character that is not a newline), or 0. */
static int line_of(const char *dir, const char *file, const char *s)
{
	char path[256];
	csv_path(dir, file, path, sizeof path);
	char *text = support_read_file_or_fail(path, NULL);
	char *at = strstr(text, s);
	int line = at ? line_at(text, (size_t)(at - text) + strspn(s, "\n")) : 0;
	free(text);
	return line;
}

/* Copies pattern to out, replacing {dir} with dir, {line} with line and
 * {first} with first. */
static void expand(const char *pattern, const char *dir, int line, int first, char *out,
                   size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (const char *p = pattern; *p && n + 1 < size;) {
		if (strncmp(p, "{dir}", 5) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%s", dir);
			p += 5;
		} else if (strncmp(p, "{line}", 6) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%d", line);
			p += 6;
		} else if (strncmp(p, "{first}", 7) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%d", first);
			p += 7;
		} else {
			out[n++] = *p++;
			out[n] = '\0';
		}
	}
}

static const ds_record *find(const ds_dataset *ds, const char *coll, const char *id)
{
	const ds_record *r = ds_find(ds, coll, id);
	if (!r)
		fail_msg("no record \"%s\" in %s", id, coll);
	return r;
}

static const char *str(const ds_record *r, const char *field)
{
	const ds_value *v = ds_get(r, field);
	if (!v || v->type != DS_STRING)
		fail_msg("%s %s: field '%s' is not a string", r->collection->name, ds_id(r), field);
	return v->as.str;
}

static const ds_value *list(const ds_record *r, const char *field)
{
	const ds_value *v = ds_get(r, field);
	if (!v || v->type != DS_LIST)
		fail_msg("%s %s: field '%s' is not a list", r->collection->name, ds_id(r), field);
	return v;
}

static bool list_has(const ds_value *v, const char *item)
{
	for (int i = 0; i < v->as.list.count; i++)
		if (strcmp(v->as.list.items[i], item) == 0)
			return true;
	return false;
}

static const ds_collection *coll(const ds_dataset *ds, const char *name)
{
	const ds_collection *c = ds_collection_named(ds, name);
	if (!c)
		fail_msg("no collection %s", name);
	return c;
}

/* ---- the real dataset ----------------------------------------------------------- */

static int load_data(void **state)
{
	char err[512];
	ds_dataset *ds = ds_load(DATA, err, sizeof err);
	if (!ds) {
		fprintf(stderr, "ds_load(\"%s\"): %s\n", DATA, err);
		return -1;
	}
	*state = ds;
	return 0;
}

static int free_data(void **state)
{
	ds_free(*state);
	return 0;
}

/* The date a collection is sorted by: date, joined, else the year. */
static void sort_key(const ds_record *r, char key[16])
{
	const ds_value *d = ds_get(r, "date");
	if (!d)
		d = ds_get(r, "joined");
	if (d)
		snprintf(key, 16, "%s", d->as.str);
	else if (ds_year(r))
		snprintf(key, 16, "%04d", ds_year(r));
	else
		key[0] = '\0';
}

static void every_collection_is_non_empty_and_sorted_by_date(void **state)
{
	const ds_dataset *ds = *state;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *c = coll(ds, files[k]);
		if (c->nrecords == 0)
			fail_msg("%s is empty", c->name);
		for (int i = 0; i < c->nrecords; i++) {
			const ds_record *r = &c->records[i];
			const ds_value *d = ds_get(r, "date");
			if (!d)
				d = ds_get(r, "joined");
			if (d && (d->type != DS_STRING || !ds_parse_date(d->as.str)))
				fail_msg("%s:%d: no valid date", c->path, r->line);
			if (d && ds_year(r) != ds_parse_date(d->as.str))
				fail_msg("%s:%d: year %d for date %s", c->path, r->line, ds_year(r),
				         d->as.str);
			if (i == 0)
				continue;
			char a[16], b[16];
			sort_key(&c->records[i - 1], a);
			sort_key(r, b);
			int cmp = strcmp(a, b);
			if (cmp > 0 || (cmp == 0 && c->records[i - 1].line >= r->line))
				fail_msg("%s: line %d (%s) listed after line %d (%s)", c->name, r->line, b,
				         c->records[i - 1].line, a);
		}
	}
	/* people have no date: file order */
	const ds_collection *people = coll(ds, "people");
	assert_string_equal(ds_id(&people->records[0]), "moon-jae-in");
	/* figures are ordered by year, or by the first year of a span */
	const ds_collection *figs = coll(ds, "figures");
	assert_string_equal(ds_id(&figs->records[0]), "scf-focp-contributions");
}

static void collections_are_named_in_lua_order_and_found_by_name(void **state)
{
	const ds_dataset *ds = *state;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		assert_string_equal(ds_collection_names[k], files[k]);
		const ds_collection *c = coll(ds, files[k]);
		assert_string_equal(c->name, files[k]);
		char path[64];
		csv_path(DATA, files[k], path, sizeof path);
		assert_string_equal(c->path, path);
		assert_string_equal(c->fields[0], "id");
		assert_int_equal(ds_field_index(c, "id"), 0);
		assert_int_equal(ds_field_index(c, "no_such_field"), -1);
	}
	assert_null(ds_collection_named(ds, "event"));
	assert_null(ds_collection_named(ds, ""));
	assert_null(ds_find(ds, "nope", "brunei"));
	assert_null(ds_find(ds, "members", "atlantis"));
	/* what Lua sees: names in co_chairs, ids in co_chair_ids */
	const ds_collection *m = coll(ds, "meetings");
	assert_true(ds_field_index(m, "co_chairs") >= 0);
	assert_true(ds_field_index(m, "co_chair_ids") >= 0);
}

static void records_know_their_collection_and_serials_are_unique(void **state)
{
	const ds_dataset *ds = *state;
	int total = 0;
	for (int k = 0; k < DS_NCOLLECTIONS; k++)
		total += coll(ds, files[k])->nrecords;
	assert_int_equal(ds_nrecords(ds), total);
	char *seen = calloc((size_t)total, 1);
	assert_non_null(seen);
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *c = coll(ds, files[k]);
		for (int i = 0; i < c->nrecords; i++) {
			const ds_record *r = &c->records[i];
			assert_ptr_equal(r->collection, c);
			assert_true(r->line >= 2);
			assert_true(r->serial >= 0 && r->serial < total);
			if (seen[r->serial]++)
				fail_msg("serial %d given twice", r->serial);
			assert_ptr_equal(ds_find(ds, c->name, ds_id(r)), r);
		}
	}
	free(seen);
}

static void every_record_names_a_source_that_exists(void **state)
{
	const ds_dataset *ds = *state;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *c = coll(ds, files[k]);
		for (int i = 0; i < c->nrecords; i++) {
			const ds_record *r = &c->records[i];
			const char *src = ds_source_id(r);
			if (strcmp(c->name, "sources") == 0) {
				assert_null(src);
				continue;
			}
			if (!src)
				fail_msg("%s:%d has no source", c->path, r->line);
			if (!ds_find(ds, "sources", src))
				fail_msg("%s:%d: source \"%s\" not in sources", c->path, r->line, src);
		}
	}
	/* and the other references resolve too */
	const ds_collection *ev = coll(ds, "events");
	for (int i = 0; i < ev->nrecords; i++) {
		const ds_value *m = ds_get(&ev->records[i], "meeting");
		if (m->type == DS_STRING && !ds_find(ds, "meetings", m->as.str))
			fail_msg("event %s: meeting %s missing", ds_id(&ev->records[i]), m->as.str);
	}
}

/* ---- facts from the seed documents ---------------------------------------------- */

static void sectoral_dialogue_relations_began_in_1989(void **state)
{
	const ds_dataset *ds = *state;
	const ds_collection *ev = coll(ds, "events");
	int found = 0;
	for (int i = 0; i < ev->nrecords; i++) {
		const ds_record *r = &ev->records[i];
		if (ds_year(r) == 1989 && strstr(str(r, "title"), "sectoral dialogue")) {
			found++;
			assert_string_equal(str(r, "date"), "1989-11");
			assert_string_equal(str(r, "kind"), "partnership");
			assert_string_equal(ds_source_id(r), "akys-about-asean");
			const ds_value *y = ds_get(r, "year");
			assert_int_equal(y->type, DS_INTEGER);
			assert_int_equal(y->as.integer, 1989);
		}
	}
	assert_int_equal(found, 1);
	/* full dialogue partnership followed in July 1991 */
	const ds_record *full = find(ds, "events", "full-dialogue-partner-1991");
	assert_string_equal(str(full, "date"), "1991-07");
}

static void the_24th_dialogue_was_a_videoconference_with_two_co_chairs(void **state)
{
	const ds_dataset *ds = *state;
	const ds_collection *m = coll(ds, "meetings");
	const ds_record *d = NULL;
	for (int i = 0; i < m->nrecords; i++) {
		const ds_value *n = ds_get(&m->records[i], "number");
		if (strcmp(str(&m->records[i], "kind"), "dialogue") == 0 && n->type == DS_INTEGER &&
		    n->as.integer == 24) {
			assert_null(d);
			d = &m->records[i];
		}
	}
	assert_non_null(d);
	assert_string_equal(str(d, "date"), "2020-08-26");
	assert_int_equal(ds_year(d), 2020);
	assert_string_equal(str(d, "format"), "videoconference");
	assert_string_equal(ds_source_id(d), "asean-24th-dialogue-2020");

	const ds_value *ids = list(d, "co_chair_ids"), *names = list(d, "co_chairs");
	assert_int_equal(ids->as.list.count, 2);
	assert_int_equal(names->as.list.count, 2);
	for (int i = 0; i < 2; i++) {
		const ds_record *p = find(ds, "people", ids->as.list.items[i]);
		assert_string_equal(names->as.list.items[i], str(p, "name"));
	}
	assert_string_equal(names->as.list.items[0], "Emaleen Abdul Rahman Teo");
	assert_string_equal(names->as.list.items[1], "Kim Gunn");
}

static void the_2021_dialogue_has_an_inferred_date_and_no_number(void **state)
{
	const ds_dataset *ds = *state;
	const ds_collection *m = coll(ds, "meetings");
	const ds_record *d = NULL;
	for (int i = 0; i < m->nrecords; i++)
		if (strcmp(str(&m->records[i], "date"), "2021-07-06") == 0)
			d = &m->records[i];
	assert_non_null(d);
	assert_string_equal(str(d, "kind"), "dialogue");
	assert_int_equal(ds_get(d, "number")->type, DS_NIL);
	assert_string_equal(str(d, "format"), "virtual");
	assert_true(list_has(list(d, "inferred"), "date"));
	assert_true(list_has(list(d, "co_chairs"), "Emaleen Abdul Rahman Teo"));
	assert_true(list_has(list(d, "co_chairs"), "Yeo Seung-bae"));
	/* a record with nothing inferred has a nil inferred, not an empty list */
	const ds_record *hanoi = find(ds, "meetings", "summit-2010-13th");
	assert_int_equal(ds_get(hanoi, "inferred")->type, DS_NIL);
}

/* One rule (data/README.md, "What is inferred"): a value the source does not
 * print is inferred. Above all a date or year taken from the release's own
 * date ("Today", "on August 6", "this year"), which was marked for some
 * records and not for others; and what a source does print is not. */
static void values_the_source_does_not_print_are_inferred_by_one_rule(void **state)
{
	const ds_dataset *ds = *state;
	static const struct {
		const char *coll, *id, *field;
		bool inferred;
	} cases[] = {
		/* the year from the release's date */
		{"meetings", "arok-mm-2017-20th", "date", true},        /* "on August 6" */
		{"events", "elevate-partnership-2017", "date", true},
		{"meetings", "asean-fmm-2017-08-05", "date", true},     /* "on August 5" */
		{"meetings", "dialogue-2020-24th", "date", true},       /* dateline, "Today" */
		{"meetings", "dialogue-2024-28th", "date", true},       /* "held on April 4" */
		{"events", "anniversary-2024-35th", "date", true},      /* "this year" */
		{"figures", "dialogue-2024-asean-participants", "year", true},
		{"figures", "kasi-lines-of-effort", "year", true},
		{"initiatives", "plan-of-action-2021-2025", "year", true},
		{"meetings", "fmm-2020-09", "date", true},              /* "next month" */
		/* undated documents, computed, carried over, read into the page */
		{"sources", "akys-about-asean", "date", true},
		{"sources", "akys-about-asean", "publisher", true},
		{"events", "asean-50th-anniversary-2017", "date", true},
		{"events", "fta-study-2004", "date", true},
		{"meetings", "summit-2005-9th", "place", true},
		{"initiatives", "asean-community-vision-2025", "components", true},
		{"people", "emaleen-teo", "name", true},
		{"people", "kang-kyung-wha", "country", true},
		/* printed */
		{"events", "sectoral-dialogue-1989", "date", false},
		{"meetings", "summit-2004-8th", "date", false},
		{"meetings", "summit-2020-apt-special", "date", false},  /* "on 14 April 2020" */
		{"events", "commemorative-summit-2019", "date", false},
		{"figures", "trade-2017", "year", false},
		{"sources", "mofa-dialogue-2024", "date", false},
		{"people", "kim-gunn", "country", false},
		{"people", "chung-byung-won", "country", false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const ds_record *r = find(ds, cases[k].coll, cases[k].id);
		const ds_value *inf = ds_get(r, "inferred");
		bool listed = inf->type == DS_LIST && list_has(inf, cases[k].field);
		if (listed != cases[k].inferred)
			fail_msg("%s %s: '%s' %s inferred", cases[k].coll, cases[k].id, cases[k].field,
			         listed ? "is marked" : "is not marked");
		if (listed && ds_get(r, "note")->type != DS_STRING)
			fail_msg("%s %s: inferred without a note", cases[k].coll, cases[k].id);
	}
}

/* No seed says a meeting was held in person, and a place is not a format:
 * only the two Dialogues whose releases state one have a format; every
 * other meeting, with a place or without, has none (nil, not ""). */
static void format_is_recorded_only_where_the_source_states_it(void **state)
{
	const ds_dataset *ds = *state;
	static const struct { const char *id, *format; } stated[] = {
		{"dialogue-2020-24th", "videoconference"}, {"dialogue-2021", "virtual"},
	};
	const ds_collection *m = coll(ds, "meetings");
	int nformat = 0;
	for (int i = 0; i < m->nrecords; i++) {
		const ds_record *r = &m->records[i];
		const ds_value *f = ds_get(r, "format");
		if (f->type == DS_NIL)
			continue;
		assert_int_equal(f->type, DS_STRING);
		nformat++;
		size_t k = 0;
		while (k < 2 && strcmp(stated[k].id, ds_id(r)) != 0)
			k++;
		if (k == 2)
			fail_msg("meeting %s: format \"%s\", which its source does not state", ds_id(r),
			         f->as.str);
		assert_string_equal(f->as.str, stated[k].format);
	}
	assert_int_equal(nformat, 2);
	/* a place given, no format stated */
	const ds_record *hanoi = find(ds, "meetings", "summit-2010-13th");
	assert_string_equal(str(hanoi, "place"), "Ha Noi");
	assert_int_equal(ds_get(hanoi, "format")->type, DS_NIL);
}

/* The misprints of the seeds (data/README.md, "Misprints"): wherever a
 * record quotes one as printed, in any field, its note says it is a
 * misprint and what it stands for. */
static void a_misprint_kept_as_printed_has_a_note_saying_what_it_stands_for(void **state)
{
	const ds_dataset *ds = *state;
	static const struct { const char *printed, *stands_for; } misprints[] = {
		{"Malawi", "Marawi"},
		{"Peoples' Republic", "People's Republic"},
		{"rodmap", "roadmap"},
		{"Korea total", "Korea's total"},
		{"withing", "within"},
	};
	int quoted[sizeof misprints / sizeof misprints[0]] = {0};
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *c = coll(ds, ds_collection_names[k]);
		for (int i = 0; i < c->nrecords; i++) {
			const ds_record *r = &c->records[i];
			const ds_value *note = ds_get(r, "note");
			for (size_t m = 0; m < sizeof misprints / sizeof misprints[0]; m++) {
				bool found = false;
				for (int f = 0; f < c->nfields && !found; f++) {
					const ds_value *v = &r->values[f];
					if (v->type == DS_STRING)
						found = strstr(v->as.str, misprints[m].printed) != NULL;
					for (int j = 0; v->type == DS_LIST && j < v->as.list.count && !found; j++)
						found = strstr(v->as.list.items[j], misprints[m].printed) != NULL;
				}
				if (!found)
					continue;
				quoted[m]++;
				if (note->type != DS_STRING || !strstr(note->as.str, "misprint") ||
				    !strstr(note->as.str, misprints[m].stands_for))
					fail_msg("%s:%d: quotes \"%s\" with no note saying it is a misprint for "
					         "\"%s\"", c->path, r->line, misprints[m].printed,
					         misprints[m].stands_for);
			}
		}
	}
	/* the 2017 release's "Malawi" is quoted, so this test sees it */
	assert_true(quoted[0] > 0);
}

static void emaleen_teo_has_the_other_spelling_as_alias(void **state)
{
	const ds_dataset *ds = *state;
	const ds_record *p = find(ds, "people", "emaleen-teo");
	assert_string_equal(str(p, "name"), "Emaleen Abdul Rahman Teo");
	const ds_value *al = list(p, "aliases");
	assert_int_equal(al->as.list.count, 1);
	assert_string_equal(al->as.list.items[0], "Emaleen Abd Rahman Teo");
	/* no alias: an empty list, not nil */
	const ds_value *none = list(find(ds, "people", "kim-gunn"), "aliases");
	assert_int_equal(none->as.list.count, 0);
}

static void ten_members_of_which_five_founded_asean_in_1967(void **state)
{
	const ds_dataset *ds = *state;
	const ds_collection *m = coll(ds, "members");
	assert_int_equal(m->nrecords, 10);
	static const char *const founders[] = {
		"indonesia", "malaysia", "philippines", "singapore", "thailand",
	};
	int nfounding = 0;
	for (int i = 0; i < m->nrecords; i++) {
		const ds_record *r = &m->records[i];
		const ds_value *f = ds_get(r, "founding");
		bool founding = f->type == DS_BOOLEAN && f->as.boolean;
		if (!founding)
			assert_int_equal(f->type, DS_NIL);
		nfounding += founding;
		bool listed = false;
		for (size_t j = 0; j < 5; j++)
			listed = listed || strcmp(ds_id(r), founders[j]) == 0;
		if (listed != founding)
			fail_msg("member %s: founding %d", ds_id(r), founding);
		if (founding) {
			assert_string_equal(str(r, "joined"), "1967-08-08");
			assert_int_equal(ds_year(r), 1967);
		} else {
			assert_true(ds_year(r) > 1967);
		}
	}
	assert_int_equal(nfounding, 5);
	/* sorted by joining date: the founders first, Cambodia last */
	assert_string_equal(ds_id(&m->records[9]), "cambodia");
	assert_string_equal(str(&m->records[9], "joined"), "1999-04-30");
	assert_string_equal(str(find(ds, "members", "vietnam"), "name"), "Viet Nam");
}

static void trade_figures_are_in_us_dollar_billions(void **state)
{
	const ds_dataset *ds = *state;
	static const struct {
		int year;
		double value;
	} want[] = {{2003, 38.7}, {2017, 149}};
	const ds_collection *f = coll(ds, "figures");
	for (size_t k = 0; k < 2; k++) {
		int found = 0;
		for (int i = 0; i < f->nrecords; i++) {
			const ds_record *r = &f->records[i];
			if (!strstr(str(r, "metric"), "trade") || strstr(str(r, "metric"), "share") ||
			    ds_year(r) != want[k].year)
				continue;
			found++;
			const ds_value *v = ds_get(r, "value");
			assert_int_equal(v->type, DS_NUMBER);
			assert_true(fabs(v->as.number - want[k].value) < 1e-9);
			assert_string_equal(str(r, "unit"), "US$ billion");
			assert_int_equal(ds_get(r, "year")->type, DS_INTEGER);
			assert_int_equal(ds_get(r, "from")->type, DS_NIL);
			assert_int_equal(ds_get(r, "to")->type, DS_NIL);
		}
		if (found != 1)
			fail_msg("%d trade figures for %d", found, want[k].year);
	}
	/* a span: no year, from and to; ds_year gives its first year */
	const ds_record *span = find(ds, "figures", "scf-focp-contributions");
	assert_int_equal(ds_get(span, "year")->type, DS_NIL);
	assert_int_equal(ds_get(span, "from")->as.integer, 1990);
	assert_int_equal(ds_get(span, "to")->as.integer, 2009);
	assert_int_equal(ds_year(span), 1990);
	const ds_value *approx = ds_get(find(ds, "figures", "asean-share-korea-trade"), "approximate");
	assert_int_equal(approx->type, DS_BOOLEAN);
	assert_true(approx->as.boolean);
}

/* Seed 000's "existing mechanisms" of political cooperation and those of
 * the fight against terrorism and transnational crime: mechanisms.csv,
 * in file order (they have no date). */
static void the_cooperation_mechanisms_of_the_first_seed_are_recorded(void **state)
{
	const ds_dataset *ds = *state;
	static const struct {
		const char *id, *name, *shortname, *kind, *part_of;
		bool political, crime;
	} want[] = {
		{"summits", "Summits", NULL, "summit", NULL, true, false},
		{"ministerial-meetings", "Ministerial meetings", NULL, "ministerial", NULL, true, false},
		{"rok-asean-dialogue", "ROK-ASEAN Dialogue", NULL, "dialogue", NULL, true, false},
		{"asean-plus-three", "ASEAN+3 Cooperation", NULL, "framework", NULL, true, true},
		{"pmc-plus-ten", "Post Ministerial Conference+10", "PMC+10", "ministerial", NULL, true,
		 false},
		{"arf", "ASEAN Regional Forum", "ARF", "forum", NULL, true, true},
		{"ammtc-plus-three", "ASEAN+3 Ministerial Meeting on Transnational Crime", "AMMTC+3",
		 "ministerial", "asean-plus-three", false, true},
		{"somtc-plus-three", "Senior Officials Meeting on Transnational Crime+3", "SOMTC+3",
		 "senior officials", "asean-plus-three", false, true},
	};
	const size_t n = sizeof want / sizeof want[0];
	const ds_collection *c = coll(ds, "mechanisms");
	assert_int_equal(c->nrecords, (int)n);
	for (size_t k = 0; k < n; k++) {
		const ds_record *r = &c->records[k];
		assert_string_equal(ds_id(r), want[k].id);
		assert_string_equal(str(r, "name"), want[k].name);
		assert_string_equal(str(r, "kind"), want[k].kind);
		assert_string_equal(ds_source_id(r), "akys-about-asean");
		assert_int_equal(ds_year(r), 0);
		const ds_value *s = ds_get(r, "short"), *p = ds_get(r, "part_of");
		if (want[k].shortname)
			assert_string_equal(str(r, "short"), want[k].shortname);
		else
			assert_int_equal(s->type, DS_NIL);
		if (want[k].part_of) {
			assert_string_equal(str(r, "part_of"), want[k].part_of);
			assert_non_null(ds_find(ds, "mechanisms", p->as.str));
		} else {
			assert_int_equal(p->type, DS_NIL);
		}
		const ds_value *areas = list(r, "areas");
		assert_int_equal(list_has(areas, "cooperation in the political sector"),
		                 want[k].political);
		assert_int_equal(list_has(areas, "combating terrorism and transnational crimes"),
		                 want[k].crime);
	}
	/* the page's other name for ASEAN+3 Cooperation */
	assert_true(list_has(list(find(ds, "mechanisms", "asean-plus-three"), "aliases"),
	                     "ASEAN+3 process"));
	assert_int_equal(list(find(ds, "mechanisms", "arf"), "aliases")->as.list.count, 0);
}

/* statements.csv: what each side asked of the other on the Korean Peninsula
 * (2017, 2021, 2024), and what the other answered. */
static void what_each_side_asked_on_the_korean_peninsula_is_recorded(void **state)
{
	const ds_dataset *ds = *state;
	static const struct {
		const char *id, *side, *act, *meeting, *person, *says;
	} want[] = {
		{"rok-asks-support-on-north-korea-2017", "ROK", "asked", "arok-mm-2017-20th",
		 "kang-kyung-wha", "continued support and cooperation to induce North Korea"},
		{"asean-asks-about-berlin-initiative-2017", "ASEAN", "asked", "arok-mm-2017-20th", NULL,
		 "Upon the request of a number of ASEAN member countries"},
		{"asean-supports-lasting-peace-2017", "ASEAN", "supported", "arok-mm-2017-20th", NULL,
		 "full support for the ROK government’s efforts"},
		{"rok-asks-consistent-message-2021", "ROK", "asked", "dialogue-2021", "yeo-seung-bae",
		 "send a consistent message"},
		{"asean-supports-peace-process-2021", "ASEAN", "supported", "dialogue-2021", NULL,
		 "Peace Process on the Korean Peninsula"},
		{"rok-asks-support-for-unification-2024", "ROK", "asked", "dialogue-2024-28th", NULL,
		 "requested ASEAN's support"},
		{"asean-supports-audacious-initiative-2024", "ASEAN", "supported", "dialogue-2024-28th",
		 NULL, "\"Audacious Initiative.\""},
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		const ds_record *s = find(ds, "statements", want[k].id);
		assert_string_equal(str(s, "topic"), "Korean Peninsula");
		assert_string_equal(str(s, "side"), want[k].side);
		assert_string_equal(str(s, "act"), want[k].act);
		assert_string_equal(str(s, "meeting"), want[k].meeting);
		const ds_record *m = find(ds, "meetings", want[k].meeting);
		assert_string_equal(str(s, "date"), str(m, "date"));
		assert_int_equal(ds_year(s), ds_year(m));
		assert_string_equal(ds_source_id(s), ds_source_id(m));
		if (want[k].person)
			assert_string_equal(str(s, "person"), want[k].person);
		else
			assert_int_equal(ds_get(s, "person")->type, DS_NIL);
		if (!strstr(str(s, "text"), want[k].says))
			fail_msg("statement %s does not say \"%s\"", want[k].id, want[k].says);
	}
	/* every request on the peninsula: the ROK's of 2017, 2021 (two, with
	 * the COP28 bid elsewhere) and 2024; ASEAN's of 2017 */
	const ds_collection *c = coll(ds, "statements");
	int rok = 0, asean = 0;
	for (int i = 0; i < c->nrecords; i++) {
		const ds_record *s = &c->records[i];
		if (strcmp(str(s, "topic"), "Korean Peninsula") != 0 || strcmp(str(s, "act"), "asked"))
			continue;
		rok += strcmp(str(s, "side"), "ROK") == 0;
		asean += strcmp(str(s, "side"), "ASEAN") == 0;
	}
	assert_int_equal(rok, 3);
	assert_int_equal(asean, 1);
}

/* The Lao chair's hoped-for areas (2024) and the ROK's asks of the same
 * Dialogue, item by item. */
static void the_lao_chairs_hoped_for_areas_are_listed(void **state)
{
	const ds_dataset *ds = *state;
	const ds_record *s = find(ds, "statements", "lao-chair-hopes-for-cooperation-2024");
	assert_string_equal(str(s, "side"), "ASEAN");
	assert_string_equal(str(s, "by"), "Lao PDR, the ASEAN Chair for this year");
	assert_string_equal(str(s, "act"), "hoped");
	assert_string_equal(str(s, "meeting"), "dialogue-2024-28th");
	static const char *const areas[] = {"infrastructure", "environment", "digitalization", "women"};
	const ds_value *items = list(s, "items");
	assert_int_equal(items->as.list.count, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(items->as.list.items[i], areas[i]);
	assert_non_null(strstr(str(s, "text"), "\"Enhancing Connectivity and Resilience,\""));
	const ds_record *k = find(ds, "statements", "rok-asks-support-for-kadif-and-parma-2024");
	assert_string_equal(str(k, "person"), "chung-byung-won");
	assert_true(list_has(list(k, "items"), "Korea-ASEAN Digital Innovation Flagship (KADIF)"));
	/* a statement at no meeting: seed 000, dated as its undated page */
	const ds_record *p = find(ds, "statements", "asean-supports-peace-process-2018");
	assert_int_equal(ds_get(p, "meeting")->type, DS_NIL);
	assert_string_equal(str(p, "date"), "2018");
	assert_true(list_has(list(p, "inferred"), "date"));
}

static void quoted_fields_keep_commas_quotes_and_unicode(void **state)
{
	const ds_dataset *ds = *state;
	assert_string_equal(str(find(ds, "events", "asean-founded-1967"), "place"),
	                    "Bangkok, Thailand");
	assert_non_null(strstr(str(find(ds, "meetings", "dialogue-2024-28th"), "summary"),
	                       "including the \"Audacious Initiative.\""));
	assert_non_null(strstr(str(find(ds, "events", "plan-of-action-2005"), "summary"),
	                       "ASEAN\xE2\x80\x99s goal"));
	/* an absent optional value is nil, not missing */
	const ds_record *brunei = find(ds, "events", "brunei-joins-1984");
	assert_int_equal(ds_get(brunei, "place")->type, DS_NIL);
	assert_null(ds_get(brunei, "no_such_field"));
	/* lists are trimmed and split on '|' */
	const ds_value *topics = list(find(ds, "meetings", "dialogue-2020-24th"), "topics");
	assert_string_equal(topics->as.list.items[0], "strengthening ASEAN-ROK relations");
	assert_string_equal(topics->as.list.items[topics->as.list.count - 1], "South China Sea");
}

/* ---- ds_parse_date ------------------------------------------------------------------ */

static void parse_date_accepts_iso_dates_at_three_precisions(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int year;       /* 0 = not a date */
	} cases[] = {
		{"1989", 1989}, {"1991-07", 1991}, {"2004-11-30", 2004}, {"2024-02-29", 2024},
		{"2000-02-29", 2000}, {"1967-08-08", 1967}, {"1999-12-31", 1999},
		{"2021-01", 2021}, {"9999", 9999}, {"1000", 1000},
		{"19x9", 0}, {"1991-13", 0}, {"2023-02-29", 0}, {"2004-11-31", 0}, {"89", 0},
		{"", 0}, {"2004-1-3", 0}, {"1900-02-29", 0}, {"1991-00", 0}, {"1991-07-00", 0},
		{"0999", 0}, {"1989 ", 0}, {" 1989", 0}, {"1989/11", 0}, {"1989-11-30T10", 0},
		{"+989", 0}, {"-1989", 0}, {"1989-1", 0}, {"1989-11-3", 0}, {"19891130", 0},
		{"2004-06-31", 0}, {"2004-04-31", 0}, {"2004-12-32", 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int got = ds_parse_date(cases[k].date);
		if (got != cases[k].year)
			fail_msg("ds_parse_date(\"%s\") = %d, want %d", cases[k].date, got,
			         cases[k].year);
	}
}

/* ---- errors ------------------------------------------------------------------------- */

typedef struct edit {
	const char *file;       /* NULL ends the list */
	const char *old;        /* first occurrence replaced */
	const char *new;
} edit;

typedef struct corruption {
	const char *what;
	edit edits[3];
	const char *first;      /* {first} = line of this text (in edits[0].file) */
	const char *message;    /* {dir}, {line} = line of the last edit, {first} */
} corruption;

/* Applies a case to a fresh copy of data/, loads it, and checks the message
 * whole; returns false (after printing) when it differs. */
static bool refused_with(const corruption *c)
{
	char dir[64], err[1024], want[1024];
	copy_data(dir);
	int line = 0;
	for (int i = 0; i < 3 && c->edits[i].file; i++)
		line = replace_in(dir, c->edits[i].file, c->edits[i].old, c->edits[i].new);
	int first = c->first ? line_of(dir, c->edits[0].file, c->first) : 0;
	expand(c->message, dir, line, first, want, sizeof want);
	strcpy(err, "(untouched)");
	ds_dataset *ds = ds_load(dir, err, sizeof err);
	bool ok = true;
	if (ds) {
		print_error("%s: loaded, want \"%s\"\n", c->what, want);
		ds_free(ds);
		ok = false;
	} else if (strcmp(err, want) != 0) {
		print_error("%s:\n  got:  \"%s\"\n  want: \"%s\"\n", c->what, err, want);
		ok = false;
	}
	support_remove_tree(dir);
	return ok;
}

static void check_corruptions(const corruption *cases, size_t n)
{
	int failed = 0;
	for (size_t k = 0; k < n; k++)
		failed += !refused_with(&cases[k]);
	if (failed)
		fail_msg("%d of %zu corruptions not refused as expected", failed, n);
}

static void bad_fields_are_refused_naming_file_line_and_column(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"a date that is not one",
		 {{"events", "sectoral-dialogue-1989,1989-11,", "sectoral-dialogue-1989,19x9,"}}, NULL,
		 "{dir}/events.csv:{line}: column 'date': \"19x9\" is not a date (YYYY, YYYY-MM or "
		 "YYYY-MM-DD)"},
		{"a day past the end of the month",
		 {{"members", "cambodia,Cambodia,1999-04-30", "cambodia,Cambodia,1999-04-31"}}, NULL,
		 "{dir}/members.csv:{line}: column 'joined': \"1999-04-31\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a source date that is not one",
		 {{"sources", "Republic of Korea,2024-04-04,", "Republic of Korea,4 April 2024,"}}, NULL,
		 "{dir}/sources.csv:{line}: column 'date': \"4 April 2024\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a missing required value",
		 {{"events", "brunei-joins-1984,1984-01-07,Brunei Darussalam joins ASEAN,",
		   "brunei-joins-1984,1984-01-07,,"}}, NULL,
		 "{dir}/events.csv:{line}: column 'title': a value is required"},
		{"a missing source",
		 {{"people", "Moon Jae-in,,President,ROK,mofa-ministerial-2017,",
		   "Moon Jae-in,,President,ROK,,"}}, NULL,
		 "{dir}/people.csv:{line}: column 'source': a value is required"},
		{"an id with capitals",
		 {{"members", "\nbrunei,", "\nBrunei,"}}, NULL,
		 "{dir}/members.csv:{line}: column 'id': \"Brunei\" is not an id (lower case "
		 "letters, digits and '-')"},
		{"a kind not in the list",
		 {{"events", "Brunei Darussalam joins ASEAN,membership,",
		   "Brunei Darussalam joins ASEAN,accession,"}}, NULL,
		 "{dir}/events.csv:{line}: column 'kind': \"accession\" is not one of partnership|"
		 "agreement|summit|institution|trade|cooperation|membership|anniversary|policy"},
		{"a format not in the list",
		 {{"meetings", "24th ASEAN-ROK Dialogue,dialogue,24,,videoconference,",
		   "24th ASEAN-ROK Dialogue,dialogue,24,,video call,"}}, NULL,
		 "{dir}/meetings.csv:{line}: column 'format': \"video call\" is not one of in "
		 "person|videoconference|virtual"},
		{"a yes/no column with something else",
		 {{"members", "thailand,Thailand,1967-08-08,yes,", "thailand,Thailand,1967-08-08,Y,"}},
		 NULL, "{dir}/members.csv:{line}: column 'founding': \"Y\" is not yes or no"},
		{"a value that is not a number",
		 {{"figures", ",38.7,US$ billion", ",38.7bn,US$ billion"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'value': \"38.7bn\" is not a number"},
		{"an infinite number",
		 {{"figures", ",149,US$ billion", ",1e999,US$ billion"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'value': \"1e999\" is not a number"},
		{"a year with a fraction",
		 {{"figures", "trade,2003,,,38.7", "trade,2003.5,,,38.7"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'year': \"2003.5\" is not a whole number from 0 "
		 "to 9999"},
		{"an ordinal out of range",
		 {{"meetings", "dialogue,28,", "dialogue,10000,"}}, NULL,
		 "{dir}/meetings.csv:{line}: column 'number': \"10000\" is not a whole number from "
		 "0 to 9999"},
		{"a negative year",
		 {{"initiatives", "ROK-ASEAN Special Cooperation Fund,SCF,1990,",
		   "ROK-ASEAN Special Cooperation Fund,SCF,-1990,"}}, NULL,
		 "{dir}/initiatives.csv:{line}: column 'year': \"-1990\" is not a whole number "
		 "from 0 to 9999"},
		{"a figure with a year and a span",
		 {{"figures", "trade-2003,ROK-ASEAN bilateral trade,2003,,,",
		   "trade-2003,ROK-ASEAN bilateral trade,2003,2002,2003,"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'year': give a year or 'from' and 'to', not both"},
		{"a figure with a year and only 'from'",
		 {{"figures", "trade-2017,ROK-ASEAN bilateral trade,2017,,,",
		   "trade-2017,ROK-ASEAN bilateral trade,2017,2016,,"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'year': give a year or 'from' and 'to', not both"},
		{"a figure with neither year nor span",
		 {{"figures", "trade-2003,ROK-ASEAN bilateral trade,2003,,,",
		   "trade-2003,ROK-ASEAN bilateral trade,,,,"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'year': a year, or both 'from' and 'to', is "
		 "required"},
		{"a figure with half a span",
		 {{"figures", "Fund,,1990,2009,", "Fund,,1990,,"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'year': a year, or both 'from' and 'to', is "
		 "required"},
		{"a span that ends before it starts",
		 {{"figures", "Fund,,1990,2009,", "Fund,,2009,1990,"}}, NULL,
		 "{dir}/figures.csv:{line}: column 'from': 2009 is after 'to' 1990"},
		{"a duplicate id",
		 {{"events", "\nbrunei-joins-1984,", "\nasean-founded-1967,"}},
		 "asean-founded-1967,",
		 "{dir}/events.csv:{line}: column 'id': duplicate id \"asean-founded-1967\" "
		 "(first on line {first})"},
		{"an unknown source",
		 {{"events", "membership of ASEAN,,asean-24th-dialogue-2020",
		   "membership of ASEAN,,asean-25th-dialogue-2021"}}, NULL,
		 "{dir}/events.csv:{line}: column 'source': no record \"asean-25th-dialogue-2021\" "
		 "in sources.csv"},
		{"an unknown meeting",
		 {{"events", "Dialogue Partner status,amm-1991-24th,",
		   "Dialogue Partner status,amm-1991-25th,"}}, NULL,
		 "{dir}/events.csv:{line}: column 'meeting': no record \"amm-1991-25th\" in "
		 "meetings.csv"},
		{"a mechanism of a kind not in the list",
		 {{"mechanisms", ",ASEAN Regional Forum,ARF,,forum,", ",ASEAN Regional Forum,ARF,,club,"}},
		 NULL,
		 "{dir}/mechanisms.csv:{line}: column 'kind': \"club\" is not one of summit|ministerial|"
		 "dialogue|senior officials|forum|framework"},
		{"a mechanism part of one that does not exist",
		 {{"mechanisms", "AMMTC+3,,ministerial,asean-plus-three,", "AMMTC+3,,ministerial,asean-plus-4,"}},
		 NULL,
		 "{dir}/mechanisms.csv:{line}: column 'part_of': no record \"asean-plus-4\" in "
		 "mechanisms.csv"},
		{"a mechanism part of itself",
		 {{"mechanisms", "AMMTC+3,,ministerial,asean-plus-three,", "AMMTC+3,,ministerial,ammtc-plus-three,"}},
		 NULL,
		 "{dir}/mechanisms.csv:{line}: column 'part_of': \"ammtc-plus-three\" is this record "
		 "itself"},
		{"a mechanism without a source",
		 {{"mechanisms", "in the ARF since 2000.,akys-about-asean,", "in the ARF since 2000.,,"}},
		 NULL,
		 "{dir}/mechanisms.csv:{line}: column 'source': a value is required"},
		{"a statement by a side not in the list",
		 {{"statements", "dialogue-2021,ROK,Deputy Minister Yeo Seung-bae,yeo-seung-bae,asked,",
		   "dialogue-2021,Korea,Deputy Minister Yeo Seung-bae,yeo-seung-bae,asked,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'side': \"Korea\" is not one of ROK|ASEAN|both"},
		{"a statement whose act is not in the list",
		 {{"statements", "dialogue-2021,ROK,Deputy Minister Yeo Seung-bae,yeo-seung-bae,asked,",
		   "dialogue-2021,ROK,Deputy Minister Yeo Seung-bae,yeo-seung-bae,demanded,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'act': \"demanded\" is not one of asked|proposed|"
		 "hoped|supported|welcomed|appreciated|noted|stated|committed|agreed"},
		{"a statement by a person not in people.csv",
		 {{"statements", "Deputy Minister Yeo Seung-bae,yeo-seung-bae,", "Deputy Minister Yeo Seung-bae,yeo,"}},
		 NULL, "{dir}/statements.csv:{line}: column 'person': no record \"yeo\" in people.csv"},
		{"a statement at a meeting not in meetings.csv",
		 {{"statements", "2021-07-06,dialogue-2021,", "2021-07-06,dialogue-2021-07,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'meeting': no record \"dialogue-2021-07\" in "
		 "meetings.csv"},
		{"a statement dated otherwise than its meeting",
		 {{"statements", "2021-07-06,dialogue-2021,", "2021-07-07,dialogue-2021,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'date': \"2021-07-07\" is not the date of meeting "
		 "\"dialogue-2021\" (2021-07-06)"},
		{"a statement at a meeting whose date is inferred, its own not marked",
		 {{"statements", ",mofa-dialogue-2024,date,", ",mofa-dialogue-2024,,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'inferred': the date of meeting "
		 "\"dialogue-2024-28th\" is inferred, so is this record's: list 'date'"},
		{"a statement without its words",
		 {{"statements", "asked,Korean Peninsula,Deputy Minister Yeo also asked that ASEAN send a "
		   "consistent message to urge peaceful resolution of the situation through an early "
		   "resumption of dialogue.,", "asked,Korean Peninsula,,"}}, NULL,
		 "{dir}/statements.csv:{line}: column 'text': a value is required"},
		{"an inferred field that does not exist",
		 {{"events", "mofa-ministerial-2017,date,The release", "mofa-ministerial-2017,day,The release"}},
		 NULL,
		 "{dir}/events.csv:{line}: column 'inferred': \"day\" is not a field of events"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

/* The inferred rule's form (data/README.md, "What is inferred"), checked by
 * the loader: names of columns holding a value, never bookkeeping or a
 * derived field, a note saying where the values came from; and a record
 * held at a meeting shares its date and the inference of that date. */
static void the_inferred_rule_is_checked_naming_file_line_and_column(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"the year Lua derives from the date",
		 {{"events", "mofa-ministerial-2017,date,The release", "mofa-ministerial-2017,year,The release"}},
		 NULL,
		 "{dir}/events.csv:{line}: column 'inferred': \"year\" is derived from 'date': name "
		 "that instead"},
		{"the record's note",
		 {{"events", "mofa-ministerial-2017,date,The release", "mofa-ministerial-2017,note,The release"}},
		 NULL, "{dir}/events.csv:{line}: column 'inferred': \"note\" is never inferred"},
		{"the record's source",
		 {{"people", "mofa-ministerial-2017,role|country,", "mofa-ministerial-2017,role|source,"}},
		 NULL, "{dir}/people.csv:{line}: column 'inferred': \"source\" is never inferred"},
		{"a field that is empty in the record (the 9th Summit has no format)",
		 {{"meetings", ",akys-about-asean,place,\"The timeline", ",akys-about-asean,format,\"The timeline"}},
		 NULL, "{dir}/meetings.csv:{line}: column 'inferred': \"format\" is empty in this record"},
		{"an empty list",
		 {{"meetings", ",akys-about-asean,place,\"The timeline", ",akys-about-asean,co_chairs,\"The timeline"}},
		 NULL,
		 "{dir}/meetings.csv:{line}: column 'inferred': \"co_chairs\" is empty in this record"},
		{"a field listed twice",
		 {{"events", "mofa-ministerial-2017,date,The release", "mofa-ministerial-2017,date|date,The release"}},
		 NULL, "{dir}/events.csv:{line}: column 'inferred': \"date\" is listed twice"},
		{"inferred without a note",
		 {{"events", "membership of ASEAN,,asean-24th-dialogue-2020,,\n",
		   "membership of ASEAN,,asean-24th-dialogue-2020,date,\n"}}, NULL,
		 "{dir}/events.csv:{line}: column 'note': a value is required when 'inferred' lists "
		 "fields (say where they came from)"},
		{"an event dated otherwise than its meeting",
		 {{"events", "elevate-partnership-2017,2017-08-06,", "elevate-partnership-2017,2017-08-05,"}},
		 NULL,
		 "{dir}/events.csv:{line}: column 'date': \"2017-08-05\" is not the date of meeting "
		 "\"arok-mm-2017-20th\" (2017-08-06)"},
		{"an event more precise than its meeting, and not within it",
		 {{"events", "full-dialogue-partner-1991,1991-07,", "full-dialogue-partner-1991,1991-08-01,"}},
		 NULL,
		 "{dir}/events.csv:{line}: column 'date': \"1991-08-01\" is not the date of meeting "
		 "\"amm-1991-24th\" (1991-07)"},
		{"the date of a meeting whose date is inferred, not marked",
		 {{"events", ",arok-mm-2017-20th,mofa-ministerial-2017,date,", ",arok-mm-2017-20th,mofa-ministerial-2017,,"}},
		 NULL,
		 "{dir}/events.csv:{line}: column 'inferred': the date of meeting \"arok-mm-2017-20th\" "
		 "is inferred, so is this record's: list 'date'"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

/* What the rule allows: a column named by its header or by the name Lua
 * gives it (meetings.csv's 'co_chairs' holds what Lua calls co_chair_ids),
 * and a record at a meeting dated at the precision of either. */
static void inferred_names_a_column_by_its_header_or_its_lua_name(void **state)
{
	(void)state;
	static const char *const names[] = {"date|co_chairs", "co_chair_ids"};
	for (size_t k = 0; k < 2; k++) {
		char dir[64], err[512], repl[128];
		copy_data(dir);
		snprintf(repl, sizeof repl, "asean-24th-dialogue-2020,%s,\"Held by", names[k]);
		replace_in(dir, "meetings", "asean-24th-dialogue-2020,date,\"Held by", repl);
		/* an event of year precision at a meeting of month precision */
		replace_in(dir, "events", "full-dialogue-partner-1991,1991-07,",
		           "full-dialogue-partner-1991,1991,");
		ds_dataset *ds = ds_load(dir, err, sizeof err);
		if (!ds)
			fail_msg("inferred %s: %s", names[k], err);
		const ds_value *inf = list(find(ds, "meetings", "dialogue-2020-24th"), "inferred");
		assert_true(list_has(inf, k == 0 ? "co_chairs" : "co_chair_ids"));
		assert_string_equal(str(find(ds, "events", "full-dialogue-partner-1991"), "date"), "1991");
		ds_free(ds);
		support_remove_tree(dir);
	}
}

static void bad_structure_is_refused_naming_file_and_line(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"a row with one field too many",
		 {{"members", "brunei,Brunei Darussalam,1984-01-07,,asean-24th-dialogue-2020,,",
		   "brunei,Brunei Darussalam,1984-01-07,,asean-24th-dialogue-2020,,,"}}, NULL,
		 "{dir}/members.csv:{line}: 8 fields, the header has 7"},
		{"a row with one field too few",
		 {{"people", "kim-gunn,Kim Gunn,,", "kim-gunn,Kim Gunn,"}}, NULL,
		 "{dir}/people.csv:{line}: 7 fields, the header has 8"},
		{"an unknown column",
		 {{"members", "id,name,joined,founding,", "id,name,joined,founded,"}}, NULL,
		 "{dir}/members.csv:1: unknown column 'founded'"},
		{"a derived column in the header",
		 {{"events", "id,date,title,", "id,date,year,"}}, NULL,
		 "{dir}/events.csv:1: unknown column 'year'"},
		{"a missing column",
		 {{"members", "source,inferred,note\n", "source,inferred\n"}}, NULL,
		 "{dir}/members.csv:1: missing column 'note'"},
		{"a missing column in statements.csv",
		 {{"statements", "id,date,meeting,side,by,person,act,topic,text,", "id,date,meeting,side,by,act,topic,text,"}},
		 NULL, "{dir}/statements.csv:1: missing column 'person'"},
		{"an unknown column in mechanisms.csv",
		 {{"mechanisms", "id,name,short,aliases,kind,part_of,", "id,name,short,aliases,kind,within,"}},
		 NULL, "{dir}/mechanisms.csv:1: unknown column 'within'"},
		{"a missing reference column",
		 {{"meetings", "format,co_chairs,topics", "format,topics"}}, NULL,
		 "{dir}/meetings.csv:1: missing column 'co_chairs'"},
		{"a column twice",
		 {{"people", "source,inferred,note\n", "source,inferred,role\n"}}, NULL,
		 "{dir}/people.csv:1: column 'role' appears twice"},
		{"a stray byte that is not UTF-8",
		 {{"members", "\nvietnam,Viet Nam,", "\nvietnam,Viet \xC3" "Nam,"}}, NULL,
		 "{dir}/members.csv:{line}: invalid UTF-8 at byte 14 of the line"},
		{"a lone continuation byte",
		 {{"people", "\nkim-gunn,Kim", "\nkim-gunn,\x80Kim"}}, NULL,
		 "{dir}/people.csv:{line}: invalid UTF-8 at byte 10 of the line"},
		{"an overlong encoding of '/'",
		 {{"events", "\nakc-mou-2007,", "\nakc-mou-2007,\xC0\xAF"}}, NULL,
		 "{dir}/events.csv:{line}: invalid UTF-8 at byte 14 of the line"},
		{"an encoded surrogate",
		 {{"sources", "\nmofa-dialogue-2024,28th", "\nmofa-dialogue-2024,\xED\xA0\x80" "28th"}},
		 NULL, "{dir}/sources.csv:{line}: invalid UTF-8 at byte 20 of the line"},
		{"a quote left open at the end of the file",
		 {{"sources", "'KOR' switch).\"\n", "'KOR' switch).\n"}}, "\nmofa-dialogue-2024,",
		 "{dir}/sources.csv:{first}: unterminated quoted field"},
		{"a quote inside an unquoted field",
		 {{"events", "Brunei Darussalam joins ASEAN", "Brunei \"Darussalam\" joins ASEAN"}},
		 NULL, "{dir}/events.csv:{line}: error parsing data while strict checking enabled"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

static void an_empty_file_is_refused(void **state)
{
	(void)state;
	char dir[64], path[256], err[512], want[512];
	copy_data(dir);
	csv_path(dir, "figures", path, sizeof path);
	support_write_file(path, "", 0);
	assert_null(ds_load(dir, err, sizeof err));
	snprintf(want, sizeof want, "%s:1: no header row", path);
	assert_string_equal(err, want);
	support_remove_tree(dir);
}

/* Lines count every line of the file: blank lines and the lines inside a
 * quoted field that spans several. A record spanning lines is named by its
 * first. */
static void line_numbers_count_blank_lines_and_lines_inside_fields(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"a bad date after blank lines",
		 {{"members", "\nbrunei,", "\n\n\nbrunei,"},
		  {"members", "cambodia,Cambodia,1999-04-30", "cambodia,Cambodia,1999-4"}}, NULL,
		 "{dir}/members.csv:{line}: column 'joined': \"1999-4\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a bad date after a field of three lines",
		 {{"members", "Spelled 'Laos' in", "Spelled\n'Laos'\nin"},
		  {"members", "cambodia,Cambodia,1999-04-30", "cambodia,Cambodia,1999-04-31"}}, NULL,
		 "{dir}/members.csv:{line}: column 'joined': \"1999-04-31\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a bad date in a record of three lines",
		 {{"members", "Spelled 'Laos' in", "Spelled\n'Laos'\nin"},
		  {"members", "laos,Lao PDR,1997-07-23", "laos,Lao PDR,1997-07-32"}}, NULL,
		 "{dir}/members.csv:{line}: column 'joined': \"1997-07-32\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a duplicate after a record of three lines",
		 {{"members", "Spelled 'Laos' in", "Spelled\n'Laos'\nin"},
		  {"members", "\ncambodia,", "\nlaos,"}}, "\nlaos,",
		 "{dir}/members.csv:{line}: column 'id': duplicate id \"laos\" (first on line "
		 "{first})"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

static void a_missing_file_is_refused_naming_it(void **state)
{
	(void)state;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		char dir[64], path[256], err[512], want[512];
		copy_data(dir);
		csv_path(dir, files[k], path, sizeof path);
		assert_int_equal(unlink(path), 0);
		assert_null(ds_load(dir, err, sizeof err));
		snprintf(want, sizeof want, "%s: cannot read: no such file", path);
		assert_string_equal(err, want);
		support_remove_tree(dir);
	}
	char err[512];
	assert_null(ds_load("no/such/dir", err, sizeof err));
	assert_string_equal(err, "no/such/dir/sources.csv: cannot read: no such file");
}

/* A data file that is a FIFO, a device or a link out of the data folder is
 * refused at once: the loader never blocks and never reads past a cap. */
static void only_regular_files_inside_the_folder_are_read(void **state)
{
	(void)state;
	static const struct { const char *make, *why; } cases[] = {
		{"mkfifo", "not a regular file"},
		{"ln -s /dev/zero", "outside the folders it may read"},
		{"ln -s /etc/passwd", "outside the folders it may read"},
		{"mkdir", "not a regular file"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char dir[64], path[256], err[512], want[512];
		copy_data(dir);
		csv_path(dir, "events", path, sizeof path);
		assert_int_equal(unlink(path), 0);
		int status;
		free(support_run(&status, "%s '%s'", cases[i].make, path));
		assert_int_equal(status, 0);
		assert_null(ds_load(dir, err, sizeof err));
		snprintf(want, sizeof want, "%s: cannot read: %s", path, cases[i].why);
		assert_string_equal(err, want);
		support_remove_tree(dir);
	}
}

static void a_long_message_is_cut_to_the_buffer(void **state)
{
	(void)state;
	char err[16];
	memset(err, 'x', sizeof err);
	assert_null(ds_load("no/such/dir", err, sizeof err));
	assert_int_equal(strlen(err), sizeof err - 1);
	assert_memory_equal(err, "no/such/dir/sou", sizeof err);
}

/* What spreadsheets write: CRLF line ends, a byte order mark. */
static void crlf_line_ends_and_a_byte_order_mark_load_the_same(void **state)
{
	const ds_dataset *orig = *state;
	char dir[64], path[256], err[512];
	copy_data(dir);
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		size_t len;
		csv_path(dir, files[k], path, sizeof path);
		char *text = support_read_file_or_fail(path, &len);
		char *out = malloc(2 * len + 4);
		assert_non_null(out);
		size_t n = 0;
		if (k % 2 == 0) {
			memcpy(out, "\xEF\xBB\xBF", 3);
			n = 3;
		}
		for (size_t i = 0; i < len; i++) {
			if (text[i] == '\n')
				out[n++] = '\r';
			out[n++] = text[i];
		}
		support_write_file(path, out, n);
		free(out);
		free(text);
	}
	ds_dataset *ds = ds_load(dir, err, sizeof err);
	if (!ds)
		fail_msg("ds_load: %s", err);
	assert_int_equal(ds_nrecords(ds), ds_nrecords(orig));
	/* the same records from other bytes: another version, 16 hex digits */
	assert_int_equal(strlen(ds_version(ds)), 16);
	assert_int_equal(strspn(ds_version(ds), "0123456789abcdef"), 16);
	assert_string_not_equal(ds_version(ds), ds_version(orig));
	ds_dataset *again = ds_load(dir, err, sizeof err);
	assert_non_null(again);
	assert_string_equal(ds_version(again), ds_version(ds));
	ds_free(again);
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *a = coll(orig, files[k]), *b = coll(ds, files[k]);
		assert_int_equal(a->nrecords, b->nrecords);
		for (int i = 0; i < a->nrecords; i++) {
			assert_int_equal(a->records[i].line, b->records[i].line);
			for (int j = 0; j < a->nfields; j++) {
				const ds_value *x = &a->records[i].values[j], *y = &b->records[i].values[j];
				assert_int_equal(x->type, y->type);
				if (x->type == DS_STRING && strcmp(x->as.str, y->as.str) != 0)
					fail_msg("%s:%d: field %s \"%s\" became \"%s\"", b->path,
					         b->records[i].line, a->fields[j], x->as.str, y->as.str);
			}
		}
	}
	ds_free(ds);
	support_remove_tree(dir);
}

static void a_file_with_only_its_header_gives_an_empty_collection(void **state)
{
	(void)state;
	char dir[64], path[256], err[512];
	copy_data(dir);
	csv_path(dir, "figures", path, sizeof path);
	const char *header = "id,metric,year,from,to,value,unit,approximate,source,inferred,note\n";
	support_write_file(path, header, strlen(header));
	ds_dataset *ds = ds_load(dir, err, sizeof err);
	if (!ds)
		fail_msg("ds_load: %s", err);
	assert_int_equal(coll(ds, "figures")->nrecords, 0);
	assert_true(coll(ds, "events")->nrecords > 0);
	ds_free(ds);
	support_remove_tree(dir);
}

/* Columns may come in any order: they are found by their header. */
static void columns_are_found_by_header_not_position(void **state)
{
	(void)state;
	char dir[64], path[256], err[512];
	copy_data(dir);
	csv_path(dir, "people", path, sizeof path);
	const char *people =
		"note,inferred,source,country,role,aliases,name,id\n"
		"only one,,akys-about-asean,ROK,Minister,A | B|,Someone,someone\n";
	support_write_file(path, people, strlen(people));
	/* the co-chairs of meetings must still resolve: keep people they name;
	 * statements name many, so keep none */
	replace_in(dir, "meetings", "kang-kyung-wha,", ",");
	replace_in(dir, "meetings", "emaleen-teo|kim-gunn", "someone");
	replace_in(dir, "meetings", "yeo-seung-bae|emaleen-teo", "someone");
	csv_path(dir, "statements", path, sizeof path);
	const char *statements = "id,date,meeting,side,by,person,act,topic,text,items,source,"
	                         "inferred,note\n";
	support_write_file(path, statements, strlen(statements));
	ds_dataset *ds = ds_load(dir, err, sizeof err);
	if (!ds)
		fail_msg("ds_load: %s", err);
	const ds_record *p = find(ds, "people", "someone");
	assert_string_equal(str(p, "name"), "Someone");
	assert_string_equal(str(p, "note"), "only one");
	const ds_value *al = list(p, "aliases");
	assert_int_equal(al->as.list.count, 2);
	assert_string_equal(al->as.list.items[0], "A");
	assert_string_equal(al->as.list.items[1], "B");
	const ds_value *cc = list(find(ds, "meetings", "dialogue-2020-24th"), "co_chairs");
	assert_int_equal(cc->as.list.count, 1);
	assert_string_equal(cc->as.list.items[0], "Someone");
	ds_free(ds);
	support_remove_tree(dir);
}

/* The message names the column as the CSV file spells it, so the reader can
 * find it: meetings.csv has a 'co_chairs' column (ids), which Lua sees as
 * co_chair_ids. */
static void reference_errors_name_the_column_as_the_file_spells_it(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"an unknown co-chair",
		 {{"meetings", "emaleen-teo|kim-gunn", "emaleen-teo|kim-gun"}}, NULL,
		 "{dir}/meetings.csv:{line}: column 'co_chairs': no record \"kim-gun\" in "
		 "people.csv"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

/* A message quotes what the file holds, and a quoted field may span lines or
 * hold other control characters: they are shown escaped, so that the message
 * stays one line (found by fuzzing: fuzz_dataset). */
static void a_message_quoting_a_field_with_a_line_break_stays_one_line(void **state)
{
	(void)state;
	static const corruption cases[] = {
		{"a column name with a line break",
		 {{"members", "id,name,joined,", "id,\"na\nme\",joined,"}}, NULL,
		 "{dir}/members.csv:1: unknown column 'na\\nme'"},
		{"a date with a line break and a tab",
		 {{"members", "cambodia,Cambodia,1999-04-30,", "cambodia,Cambodia,\"1999\n-04\t30\","}},
		 NULL,
		 "{dir}/members.csv:{line}: column 'joined': \"1999\\n-04\\t30\" is not a date (YYYY, "
		 "YYYY-MM or YYYY-MM-DD)"},
		{"a reference with a control character",
		 {{"members", "brunei,Brunei Darussalam,1984-01-07,,asean-24th-dialogue-2020,",
		   "brunei,Brunei Darussalam,1984-01-07,,\"asean\x01x\r\","}}, NULL,
		 "{dir}/members.csv:{line}: column 'source': no record \"asean\\x01x\\r\" in "
		 "sources.csv"},
	};
	check_corruptions(cases, sizeof cases / sizeof cases[0]);
}

/* ds_load_buffers() is the loader ds_load() uses: the same dataset from the
 * same bytes, messages naming the paths it is given, buffers read only up
 * to their length (no NUL needed). */
static void buffers_load_like_the_files_and_name_the_given_paths(void **state)
{
	const ds_dataset *orig = *state;
	ds_file_text f[DS_NCOLLECTIONS];
	char *text[DS_NCOLLECTIONS], paths[DS_NCOLLECTIONS][64], err[512];
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		char from[256];
		size_t len;
		csv_path(DATA, ds_collection_names[k], from, sizeof from);
		text[k] = support_read_file_or_fail(from, &len);
		text[k][len] = '"';         /* past the end: an open quote if it were read */
		csv_path("mem", ds_collection_names[k], paths[k], sizeof paths[k]);
		f[k] = (ds_file_text){paths[k], text[k], len};
	}
	ds_dataset *ds = ds_load_buffers(f, err, sizeof err);
	if (!ds)
		fail_msg("ds_load_buffers: %s", err);
	assert_int_equal(ds_nrecords(ds), ds_nrecords(orig));
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *a = coll(orig, ds_collection_names[k]);
		const ds_collection *b = coll(ds, ds_collection_names[k]);
		assert_string_equal(b->path, paths[k]);
		assert_int_equal(b->nrecords, a->nrecords);
		for (int i = 0; i < a->nrecords; i++)
			assert_string_equal(ds_id(&b->records[i]), ds_id(&a->records[i]));
	}
	ds_free(ds);
	int members = 0;
	while (strcmp(ds_collection_names[members], "members") != 0)
		members++;
	f[members].len = 0;
	assert_null(ds_load_buffers(f, err, sizeof err));
	assert_string_equal(err, "mem/members.csv:1: no header row");
	for (int k = 0; k < DS_NCOLLECTIONS; k++)
		free(text[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_collection_is_non_empty_and_sorted_by_date),
		cmocka_unit_test(collections_are_named_in_lua_order_and_found_by_name),
		cmocka_unit_test(records_know_their_collection_and_serials_are_unique),
		cmocka_unit_test(every_record_names_a_source_that_exists),
		cmocka_unit_test(sectoral_dialogue_relations_began_in_1989),
		cmocka_unit_test(the_24th_dialogue_was_a_videoconference_with_two_co_chairs),
		cmocka_unit_test(the_2021_dialogue_has_an_inferred_date_and_no_number),
		cmocka_unit_test(values_the_source_does_not_print_are_inferred_by_one_rule),
		cmocka_unit_test(format_is_recorded_only_where_the_source_states_it),
		cmocka_unit_test(a_misprint_kept_as_printed_has_a_note_saying_what_it_stands_for),
		cmocka_unit_test(emaleen_teo_has_the_other_spelling_as_alias),
		cmocka_unit_test(ten_members_of_which_five_founded_asean_in_1967),
		cmocka_unit_test(trade_figures_are_in_us_dollar_billions),
		cmocka_unit_test(the_cooperation_mechanisms_of_the_first_seed_are_recorded),
		cmocka_unit_test(what_each_side_asked_on_the_korean_peninsula_is_recorded),
		cmocka_unit_test(the_lao_chairs_hoped_for_areas_are_listed),
		cmocka_unit_test(quoted_fields_keep_commas_quotes_and_unicode),
		cmocka_unit_test(parse_date_accepts_iso_dates_at_three_precisions),
		cmocka_unit_test(bad_fields_are_refused_naming_file_line_and_column),
		cmocka_unit_test(the_inferred_rule_is_checked_naming_file_line_and_column),
		cmocka_unit_test(inferred_names_a_column_by_its_header_or_its_lua_name),
		cmocka_unit_test(bad_structure_is_refused_naming_file_and_line),
		cmocka_unit_test(an_empty_file_is_refused),
		cmocka_unit_test(line_numbers_count_blank_lines_and_lines_inside_fields),
		cmocka_unit_test(a_missing_file_is_refused_naming_it),
		cmocka_unit_test(only_regular_files_inside_the_folder_are_read),
		cmocka_unit_test(a_long_message_is_cut_to_the_buffer),
		cmocka_unit_test(crlf_line_ends_and_a_byte_order_mark_load_the_same),
		cmocka_unit_test(a_file_with_only_its_header_gives_an_empty_collection),
		cmocka_unit_test(columns_are_found_by_header_not_position),
		cmocka_unit_test(reference_errors_name_the_column_as_the_file_spells_it),
		cmocka_unit_test(buffers_load_like_the_files_and_name_the_given_paths),
		cmocka_unit_test(a_message_quoting_a_field_with_a_line_break_stays_one_line),
	};
	return cmocka_run_group_tests_name("dataset", tests, load_data, free_data);
}

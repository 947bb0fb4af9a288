/*
 * dataset.h -- the ASEAN–ROK relations dataset: CSV files loaded, validated
 * and cross-referenced into read-only collections of records.
 *
 * Plain C, no Lua: the relations binding exposes what this module holds.
 * The files and their columns are described in data/README.md; the schema
 * (types, required columns, references) is fixed in dataset.c.
 *
 * Ownership: a ds_dataset owns every collection, record and string reachable
 * from it; free with ds_free(). Nothing in it changes after it is loaded.
 */
#ifndef BRIEF_DATASET_H
#define BRIEF_DATASET_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ds_type {
	DS_NIL = 0,     /* empty optional column */
	DS_STRING,
	DS_INTEGER,
	DS_NUMBER,
	DS_BOOLEAN,
	DS_LIST         /* sequence of strings, possibly empty */
} ds_type;

typedef struct ds_value {
	ds_type type;
	union {
		const char *str;
		long long integer;
		double number;
		bool boolean;
		struct {
			const char *const *items;
			int count;
		} list;
	} as;
} ds_value;

typedef struct ds_collection ds_collection;

typedef struct ds_record {
	const ds_collection *collection;
	int serial;             /* unique over the whole dataset: 0 .. ds_nrecords-1 */
	int line;               /* line of the CSV file it came from */
	const ds_value *values; /* one per field of the collection */
} ds_record;

struct ds_collection {
	const char *name;       /* "events" */
	const char *path;       /* "data/events.csv", for messages */
	int nfields;
	const char *const *fields;   /* field names as Lua sees them, in order */
	int nrecords;
	const ds_record *records;    /* sorted by date (file order within a date) */
	const ds_record **by_id;     /* the same, sorted by id (ds_find) */
};

typedef struct ds_dataset ds_dataset;

/* The collections, in the order they are exposed. */
#define DS_NCOLLECTIONS 9
extern const char *const ds_collection_names[DS_NCOLLECTIONS];

/* The largest data file read. */
#define DS_MAX_FILE_BYTES ((size_t)64 << 20)

/* Loads and validates every file of the dataset in directory dir. Returns a
 * new dataset owned by the caller (free with ds_free()), or NULL with a
 * one-line message in err such as
 *   data/events.csv:14: column 'date': "19x9" is not a date
 * naming the file as dir + "/" + file name. Reads the files through the
 * path rule (util/path.h: beneath dir, regular files only, at most
 * DS_MAX_FILE_BYTES each, never blocking), then hands their contents to
 * ds_load_buffers(). */
ds_dataset *ds_load(const char *dir, char *err, size_t errsize);

/* One file of the dataset, already in memory. */
typedef struct ds_file_text {
	const char *path;       /* the name messages give it: "data/events.csv" */
	const char *text;       /* its bytes, not necessarily NUL-terminated */
	size_t len;
} ds_file_text;

/* Parses and validates the dataset from the contents of its files:
 * files[k] holds the collection named ds_collection_names[k]. The same
 * checks and messages as ds_load(), which calls this; no file is opened.
 * Returns a new dataset owned by the caller (free with ds_free()), or NULL
 * with a one-line message in err. The buffers are only read during the
 * call: the dataset keeps copies of what it uses. */
ds_dataset *ds_load_buffers(const ds_file_text files[DS_NCOLLECTIONS], char *err,
                            size_t errsize);

void ds_free(ds_dataset *ds);

/* The collection of that name, or NULL. */
const ds_collection *ds_collection_named(const ds_dataset *ds, const char *name);

/* The dataset's version: 16 hex digits that name the exact bytes of its
 * files (a hash), so a batch summary or `brief --version` pins the data a
 * run used. Owned by ds. */
const char *ds_version(const ds_dataset *ds);

/* Total number of records over all collections. */
int ds_nrecords(const ds_dataset *ds);

/* Index of the field in c, or -1. */
int ds_field_index(const ds_collection *c, const char *field);

/* The value of a field of r by name; NULL when the collection has no such
 * field (an absent optional value is a DS_NIL value, not NULL). */
const ds_value *ds_get(const ds_record *r, const char *field);

/* The record with that id in the named collection, or NULL. */
const ds_record *ds_find(const ds_dataset *ds, const char *collection, const char *id);

/* The record's id, source id (NULL for sources themselves) and year (0 when
 * it has none), shortcuts the bindings and queries use. */
const char *ds_id(const ds_record *r);
const char *ds_source_id(const ds_record *r);
int ds_year(const ds_record *r);

/* Checks an ISO 8601 date at year, month or day precision ("1989",
 * "1991-07", "2004-11-30") and returns its year, or 0 when it is not one. */
int ds_parse_date(const char *s);

#endif

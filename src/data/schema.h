/*
 * schema.h -- the dataset's schema, shared by the files of src/data only:
 * the columns of each collection, their types and what they refer to.
 * data/README.md describes the same files for the people who edit them.
 */
#ifndef BRIEF_DATA_SCHEMA_H
#define BRIEF_DATA_SCHEMA_H

#include <stdbool.h>

#include "data/dataset.h"

typedef enum col_type {
	C_ID,           /* unique key: [a-z0-9-]+ */
	C_TEXT,
	C_DATE,         /* ISO 8601, year/month/day precision */
	C_INT,          /* a year or an ordinal */
	C_NUMBER,
	C_YESNO,        /* "yes" or empty */
	C_LIST,         /* "|"-separated, empty list when blank */
	C_INFERRED,     /* "|"-separated field names, nil when blank */
	C_REF,          /* id in another collection */
	C_REFLIST,      /* "|"-separated ids in another collection */
	D_YEAR,         /* derived: year of the preceding date column */
	D_NAMES         /* derived: names of the preceding C_REFLIST's records */
} col_type;

typedef struct column {
	const char *name;
	col_type type;
	bool required;
	const char *arg;    /* C_REF/C_REFLIST: collection; C_TEXT: allowed values "a|b|c" */
	const char *csv;    /* the CSV header, when it differs from the Lua name */
} column;

/* A collection's file: its name ("events", the file events.csv) and its
 * columns, ended by one whose name is NULL. */
typedef struct schema {
	const char *name;
	const column *cols;
} schema;

/* Every collection, in load order (see schema.c). */
extern const schema ds_schemas[DS_NCOLLECTIONS];

#endif

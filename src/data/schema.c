/*
 * schema.c -- the columns of every file of the dataset: names as Lua sees
 * them, types, whether required, allowed values and references. The loader
 * (dataset.c) checks every field against these tables; data/README.md says
 * the same for the people who edit the files.
 */
#include "data/schema.h"

#include <stddef.h>

#define END {NULL, 0, false, NULL, NULL}
#define PROVENANCE {"source", C_REF, true, "sources", NULL}, \
	{"inferred", C_INFERRED, false, NULL, NULL}, {"note", C_TEXT, false, NULL, NULL}

static const column sources_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"title", C_TEXT, true, NULL, NULL},
	{"publisher", C_TEXT, true, NULL, NULL}, {"date", C_DATE, true, NULL, NULL},
	{"year", D_YEAR, false, NULL, NULL}, {"file", C_TEXT, true, NULL, NULL},
	{"inferred", C_INFERRED, false, NULL, NULL}, {"note", C_TEXT, false, NULL, NULL}, END
};
static const column events_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"date", C_DATE, true, NULL, NULL},
	{"year", D_YEAR, false, NULL, NULL}, {"title", C_TEXT, true, NULL, NULL},
	{"kind", C_TEXT, true, "partnership|agreement|summit|institution|trade|"
	                        "cooperation|membership|anniversary|policy", NULL},
	{"place", C_TEXT, false, NULL, NULL}, {"summary", C_TEXT, false, NULL, NULL},
	{"anniversary_of", C_TEXT, false, NULL, NULL},
	{"meeting", C_REF, false, "meetings", NULL}, PROVENANCE, END
};
static const column meetings_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"date", C_DATE, true, NULL, NULL},
	{"year", D_YEAR, false, NULL, NULL}, {"name", C_TEXT, true, NULL, NULL},
	{"kind", C_TEXT, true, "summit|ministerial|dialogue", NULL},
	{"number", C_INT, false, NULL, NULL}, {"place", C_TEXT, false, NULL, NULL},
	{"format", C_TEXT, false, "in person|videoconference|virtual", NULL},
	{"co_chair_ids", C_REFLIST, false, "people", "co_chairs"},
	{"co_chairs", D_NAMES, false, NULL, NULL},
	{"topics", C_LIST, false, NULL, NULL}, {"summary", C_TEXT, false, NULL, NULL},
	PROVENANCE, END
};
static const column statements_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"date", C_DATE, true, NULL, NULL},
	{"year", D_YEAR, false, NULL, NULL}, {"meeting", C_REF, false, "meetings", NULL},
	{"side", C_TEXT, true, "ROK|ASEAN|both", NULL}, {"by", C_TEXT, true, NULL, NULL},
	{"person", C_REF, false, "people", NULL},
	{"act", C_TEXT, true, "asked|proposed|hoped|supported|welcomed|appreciated|noted|stated|"
	                      "committed|agreed", NULL},
	{"topic", C_TEXT, true, NULL, NULL}, {"text", C_TEXT, true, NULL, NULL},
	{"items", C_LIST, false, NULL, NULL}, PROVENANCE, END
};
static const column members_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"name", C_TEXT, true, NULL, NULL},
	{"joined", C_DATE, true, NULL, NULL}, {"year", D_YEAR, false, NULL, NULL},
	{"founding", C_YESNO, false, NULL, NULL}, PROVENANCE, END
};
static const column figures_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"metric", C_TEXT, true, NULL, NULL},
	{"year", C_INT, false, NULL, NULL}, {"from", C_INT, false, NULL, NULL},
	{"to", C_INT, false, NULL, NULL}, {"value", C_NUMBER, true, NULL, NULL},
	{"unit", C_TEXT, true, NULL, NULL}, {"approximate", C_YESNO, false, NULL, NULL},
	PROVENANCE, END
};
static const column initiatives_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"name", C_TEXT, true, NULL, NULL},
	{"short", C_TEXT, false, NULL, NULL}, {"year", C_INT, true, NULL, NULL},
	{"kind", C_TEXT, true, "policy|plan|project|fund|declaration|framework", NULL},
	{"period", C_TEXT, false, NULL, NULL}, {"components", C_LIST, false, NULL, NULL},
	{"summary", C_TEXT, false, NULL, NULL}, PROVENANCE, END
};
static const column mechanisms_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"name", C_TEXT, true, NULL, NULL},
	{"short", C_TEXT, false, NULL, NULL}, {"aliases", C_LIST, false, NULL, NULL},
	{"kind", C_TEXT, true, "summit|ministerial|dialogue|senior officials|forum|framework", NULL},
	{"part_of", C_REF, false, "mechanisms", NULL}, {"areas", C_LIST, false, NULL, NULL},
	{"summary", C_TEXT, false, NULL, NULL}, PROVENANCE, END
};
static const column people_cols[] = {
	{"id", C_ID, true, NULL, NULL}, {"name", C_TEXT, true, NULL, NULL},
	{"aliases", C_LIST, false, NULL, NULL}, {"role", C_TEXT, true, NULL, NULL},
	{"country", C_TEXT, false, NULL, NULL}, PROVENANCE, END
};

/* In load order. References are resolved once every file is loaded, so a
 * file may point at one loaded after it (events -> meetings) or at itself
 * (mechanisms -> mechanisms). */
const schema ds_schemas[DS_NCOLLECTIONS] = {
	{"sources", sources_cols}, {"people", people_cols},
	{"members", members_cols}, {"meetings", meetings_cols},
	{"events", events_cols}, {"figures", figures_cols},
	{"initiatives", initiatives_cols}, {"mechanisms", mechanisms_cols},
	{"statements", statements_cols},
};

/* The order Lua's relations module lists them in. */
const char *const ds_collection_names[DS_NCOLLECTIONS] = {
	"events", "meetings", "statements", "members", "figures", "initiatives", "mechanisms",
	"people", "sources"
};

/*
 * fuzz_dataset.c -- the dataset loader (src/data/dataset.c) through
 * ds_load_buffers, the parser ds_load itself uses.
 *
 * An input is one collection's CSV file: a first line naming the collection
 * ("events"), then the file's bytes. The other eight files are the real ones
 * from data/ (read once at start, so run from the repository root), which
 * keeps references between files resolvable and the checks after parsing
 * within reach. An input without a known name on its first line is taken
 * whole as events.csv.
 *
 * A load must either fail with a one-line message naming a file (or "out of
 * memory"), or give a dataset whose every record can be read through the
 * accessors and found again by its id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "data/dataset.h"

#define CHECK(cond) ((cond) ? (void)0 : abort())

static ds_file_text real[DS_NCOLLECTIONS];
static char paths[DS_NCOLLECTIONS][32], fuzz_paths[DS_NCOLLECTIONS][32];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		snprintf(paths[k], sizeof paths[k], "data/%s.csv", ds_collection_names[k]);
		snprintf(fuzz_paths[k], sizeof fuzz_paths[k], "fuzz/%s.csv", ds_collection_names[k]);
		FILE *f = fopen(paths[k], "rb");
		char *text = malloc(1 << 20);
		if (!f || !text) {
			fprintf(stderr, "fuzz_dataset: cannot read %s (run from the repository root)\n",
			        paths[k]);
			exit(1);
		}
		real[k] = (ds_file_text){paths[k], text, fread(text, 1, 1 << 20, f)};
		fclose(f);
	}
	return 0;
}

static void check_dataset(const ds_dataset *ds)
{
	int total = 0;
	for (int k = 0; k < DS_NCOLLECTIONS; k++) {
		const ds_collection *c = ds_collection_named(ds, ds_collection_names[k]);
		CHECK(c && strcmp(c->name, ds_collection_names[k]) == 0);
		for (int i = 0; i < c->nrecords; i++) {
			const ds_record *r = &c->records[i];
			CHECK(r->collection == c);
			CHECK(ds_find(ds, c->name, ds_id(r)) == r);
			for (int j = 0; j < c->nfields; j++) {
				const ds_value *v = ds_get(r, c->fields[j]);
				CHECK(v == &r->values[j]);
				if (v->type == DS_STRING)
					CHECK(v->as.str != NULL);
				if (v->type == DS_LIST)
					for (int q = 0; q < v->as.list.count; q++)
						CHECK(v->as.list.items[q][0] != '\0');
			}
			const char *src = ds_source_id(r);
			CHECK(!src || ds_find(ds, "sources", src));
			(void)ds_year(r);
		}
		total += c->nrecords;
	}
	CHECK(ds_nrecords(ds) == total);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ds_file_text files[DS_NCOLLECTIONS];
	memcpy(files, real, sizeof files);
	int k = 0;          /* events */
	const uint8_t *nl = memchr(data, '\n', size < 16 ? size : 16);
	for (int i = 0; nl && i < DS_NCOLLECTIONS; i++) {
		size_t n = strlen(ds_collection_names[i]);
		if ((size_t)(nl - data) == n && memcmp(data, ds_collection_names[i], n) == 0) {
			k = i;
			size -= n + 1;
			data += n + 1;
			break;
		}
	}
	files[k] = (ds_file_text){fuzz_paths[k], (const char *)data, size};

	char err[1024] = "";
	ds_dataset *ds = ds_load_buffers(files, err, sizeof err);
	if (ds) {
		check_dataset(ds);
		ds_free(ds);
		return 0;
	}
	CHECK(err[0] != '\0');
	CHECK(!strchr(err, '\n'));
	bool named = strcmp(err, "out of memory") == 0;
	for (int i = 0; i < DS_NCOLLECTIONS && !named; i++)
		named = strncmp(err, files[i].path, strlen(files[i].path)) == 0;
	CHECK(named);
	return 0;
}

/*
 * sourcelist.h -- the list of sources, as the document shows it.
 *
 * doc:sources() adds a placeholder (a doc_list with .sources set); at each
 * save it is filled from the sources the document has numbered
 * (doc_source_number(), in the order they reached it), so that its numbers
 * and those of doc:cite() agree. Plain C; the records come from the run's
 * prov_run (script/provenance.h).
 */
#ifndef BRIEF_SOURCELIST_H
#define BRIEF_SOURCELIST_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/document.h"
#include "script/provenance.h"

/* Fills every list of sources of d with its sources, numbered: "*Title.*
 * Publisher, date." each, the date in words in the document's language
 * (" (date inferred)" when the source only implies it), or a single italic
 * "No records of the dataset were used."; each list shows those source
 * records. Credits each table of contents with the records of the headings
 * it lists. p NULL: nothing to do. False when out of memory. */
bool sourcelist_fill(prov_run *p, doc_document *d);

#endif

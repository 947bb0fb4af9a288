/*
 * sidecar.h -- the provenance file (--provenance FILE.json): for every page
 * of every PDF a run wrote, the dataset records whose values are on it.
 *
 * A page's records are those of the blocks with something drawn on it
 * (lay_item.block, doc_block.records), of the title block when the page
 * shows it, and, when the running header or footer shows the title or the
 * current section, of the title or of that section's heading. Plain C: the
 * caller names the records (by serial) and writes the file through the run's
 * plan like a PDF (output/plan.h).
 */
#ifndef BRIEF_SIDECAR_H
#define BRIEF_SIDECAR_H

#include <stddef.h>

#include "doc/document.h"
#include "layout/page.h"
#include "output/save.h"

/* The JSON object that describes one PDF, a new string owned by the caller
 * (free()); NULL when out of memory:
 *
 *   {"pdf": "reports/overview.pdf",
 *    "pages": [{"page": 1, "records": ["events:sectoral-dialogue-1989", ...]}, ...],
 *    "sources": [{"number": 1, "record": "sources:akys-about-asean"}, ...]}
 *
 * o is d laid out; pdf is the PDF's path as the run named it; names[s] is
 * the name of the record with serial s (nnames of them), and order lists
 * every serial once, in the order a page lists its records. Sources are
 * listed by number. */
char *sidecar_document(const lay_doc *o, const doc_document *d, const char *pdf,
                       const char *const *names, const int *order, int nnames);

/* Writes {"documents": [docs[0], ...]} (each made by sidecar_document) to a
 * new file in the folder dir and stores its plain name in temp (tempsize
 * bytes). On failure no file is left and err says why. */
save_status sidecar_write(const char *dir, const char *const *docs, int ndocs, char *temp,
                          size_t tempsize, char *err, size_t errsize);

#endif

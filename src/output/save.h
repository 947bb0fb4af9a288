/*
 * save.h -- saving a document: its one home in plain C.
 *
 * Saving is two steps, both without Lua, so that tests can drive them
 * directly: save_layout() lays the document out and holds it to the run's
 * limits (the same in --check as when writing), and save_pdf() writes the
 * pages as a PDF into a new file in the plan's private folder and adds it to
 * the plan for its target. Nothing reaches the target until the plan is
 * committed (output/plan.h), which happens only when the whole run
 * succeeded. save_stream() does both at once, a page at a time, so that a
 * long document never holds more than a page of layout items; the two
 * steps remain for --check (nothing written) and --provenance (which reads
 * every page's items after the layout).
 */
#ifndef BRIEF_SAVE_H
#define BRIEF_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/document.h"
#include "layout/layout.h"
#include "output/plan.h"
#include "pdf/pdf.h"

/* libharu's own ceiling on pages (its page tree is one array of at most
 * 32,767 entries): --max-pages can only go below it. */
#define SAVE_MAX_PAGES 32767

typedef enum save_status {
	SAVE_OK,
	SAVE_ERROR,             /* the document cannot be laid out: see the message */
	SAVE_LIMIT,             /* a limit of the run: pages, output size */
	SAVE_OUTPUT             /* the file could not be written */
} save_status;

/* Lays d out with fonts into *res (free res->doc with lay_free()) and checks
 * it has at most max_pages pages. On failure res holds nothing to free and
 * err says why ("the document has 40,000 pages, more than the limit of
 * 10,000 (raise it with --max-pages)"). */
save_status save_layout(const doc_document *d, lay_fonts *fonts, int max_pages,
                        lay_result *res, char *err, size_t errsize);

/* Lays d out and writes it as a PDF with info a page at a time, each page
 * drawn as soon as it is finished and its items freed (layout.h,
 * lay_document_stream), into a new temporary file in plan->tmpdir, at most
 * max_bytes long, its path in temp; the file is not in the plan yet
 * (save_commit). *res gets the result, whose pages hold no items (free
 * res->doc with lay_free()). The same limits and messages as save_layout()
 * then save_pdf(); on failure no file is left, res holds nothing to free,
 * err says why and *writing tells whether writing failed (rather than
 * laying out). */
save_status save_stream(const doc_document *d, lay_fonts *fonts, int max_pages,
                        const pdf_info *info, const out_plan *plan,
                        unsigned long long max_bytes, lay_result *res, char *temp,
                        size_t tempsize, bool *writing, char *err, size_t errsize);

/* Adds the written file temp (of pages pages) to the plan for target
 * (checked there by the path rule). On failure temp is removed and err
 * says why. */
save_status save_commit(out_plan *plan, const char *temp, const char *target, int pages,
                        char *err, size_t errsize);

/* Writes the pages of doc as a PDF with info into a new temporary file in
 * plan->tmpdir, at most max_bytes long, and adds it to the plan for target
 * (checked there by the path rule). On failure no temporary file is left
 * and err says why. */
save_status save_pdf(const lay_doc *doc, const pdf_info *info, out_plan *plan,
                     const char *target, unsigned long long max_bytes, char *err,
                     size_t errsize);

#endif

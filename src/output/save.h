/*
 * save.h -- saving a document: its one home in plain C.
 *
 * Saving is two steps, both without Lua, so that tests can drive them
 * directly: save_layout() lays the document out and holds it to the run's
 * limits (the same in --check as when writing), and save_pdf() writes the
 * pages as a PDF into a new file in the plan's private folder and adds it to
 * the plan for its target. Nothing reaches the target until the plan is
 * committed (output/plan.h), which happens only when the whole run
 * succeeded.
 */
#ifndef BRIEF_SAVE_H
#define BRIEF_SAVE_H

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

/* Writes the pages of doc as a PDF with info into a new temporary file in
 * plan->tmpdir, at most max_bytes long, and adds it to the plan for target
 * (checked there by the path rule). On failure no temporary file is left
 * and err says why. */
save_status save_pdf(const lay_doc *doc, const pdf_info *info, out_plan *plan,
                     const char *target, unsigned long long max_bytes, char *err,
                     size_t errsize);

#endif

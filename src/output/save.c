/*
 * save.c -- laying out to the limits, and writing a PDF into a plan.
 */
#include "output/save.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "1024 MiB", or "1000 bytes" below a mebibyte. */
static void size_words(unsigned long long n, char *out, size_t outsize)
{
	if (n >= (1u << 20))
		snprintf(out, outsize, "%llu MiB", n >> 20);
	else
		snprintf(out, outsize, "%llu bytes", n);
}

/* How far a document past the page limit is laid out, to say how many
 * pages it has: twice the limit. A runaway document (a 400-point body, page
 * breaks in a loop) stops there rather than at its end. */
static int save_count_to(int max_pages)
{
	return 2 * max_pages;
}

/* The message for a document of pages pages, more than max_pages; when the
 * layout stopped at save_count_to(max_pages) (stopped), it has more. */
static void save_too_many(int pages, bool stopped, int max_pages, char *err, size_t errsize)
{
	const char *more = stopped ? "more than " : "";
	if (max_pages == SAVE_MAX_PAGES)
		snprintf(err, errsize, "the document has %s%d pages, more than the %d a PDF "
		         "written by brief can hold (split it into several documents)", more,
		         pages, SAVE_MAX_PAGES);
	else
		snprintf(err, errsize, "the document has %s%d pages, more than the limit of %d "
		         "(raise it with --max-pages)", more, pages, max_pages);
}

save_status save_layout(const doc_document *d, lay_fonts *fonts, int max_pages,
                        lay_result *res, char *err, size_t errsize)
{
	memset(res, 0, sizeof *res);
	if (max_pages <= 0 || max_pages > SAVE_MAX_PAGES)
		max_pages = SAVE_MAX_PAGES;
	int rc = lay_document(d, fonts, save_count_to(max_pages), res, err, errsize);
	if (rc == LAY_OUT_OF_MEMORY) {
		snprintf(err, errsize, "stopped: out of memory while laying out the document (the "
		         "memory limit; raise it with --max-memory)");
		return SAVE_LIMIT;
	}
	if (rc == LAY_TOO_MANY_PAGES) {
		save_too_many(save_count_to(max_pages), true, max_pages, err, errsize);
		return SAVE_LIMIT;
	}
	if (rc != 0)
		return SAVE_ERROR;
	int pages = res->doc->npages;
	if (pages > max_pages) {
		lay_free(res->doc);
		memset(res, 0, sizeof *res);
		save_too_many(pages, false, max_pages, err, errsize);
		return SAVE_LIMIT;
	}
	return SAVE_OK;
}

/* Keeps the heap from shrinking and growing again while the PDF is written:
 * libharu allocates and frees a 256 KiB zlib state for every stream it
 * compresses, and glibc by default grows the heap 128 KiB at a time and gives
 * a free top of more than 128 KiB back to the kernel. Growing 4 MiB at a
 * time and trimming only above 64 MiB took a 1,000-page briefing from 453
 * brk calls to 20. Process-wide: called in the worker, which writes the PDF
 * and then ends; memory not given back still counts against its RLIMIT_AS
 * the same as memory in use. */
static void save_tune_heap(void)
{
	mallopt(M_TOP_PAD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

/* Makes a new empty file in plan->tmpdir, its path in temp. */
static save_status save_temp(const out_plan *plan, char *temp, size_t tempsize, char *err,
                             size_t errsize)
{
	snprintf(temp, tempsize, "%s/brief-XXXXXX", plan->tmpdir);
	int fd = mkstemp(temp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot make a temporary file in %s: %s", plan->tmpdir,
		         strerror(errno));
		return SAVE_OUTPUT;
	}
	close(fd);
	return SAVE_OK;
}

/* After the PDF writer returned rc (why: its message) for the file temp:
 * holds it to max_bytes (0: none). On failure temp is removed and err says
 * why. */
static save_status save_written(const char *temp, int rc, const char *why,
                                unsigned long long max_bytes, char *err, size_t errsize)
{
	struct stat sb;
	bool stated = stat(temp, &sb) == 0;
	bool too_big = max_bytes > 0 && stated &&
	               (rc != 0 ? (unsigned long long)sb.st_size >= max_bytes
	                        : (unsigned long long)sb.st_size > max_bytes);
	if (rc == 0 && !too_big)
		return SAVE_OK;
	unlink(temp);
	if (too_big) {
		char words[32];
		size_words(max_bytes, words, sizeof words);
		snprintf(err, errsize, "the PDF would be larger than the output size limit of "
		         "%s (raise it with --max-output)", words);
		return SAVE_LIMIT;
	}
	snprintf(err, errsize, "%s", why);
	return SAVE_OUTPUT;
}

save_status save_pdf(const lay_doc *doc, const pdf_info *info, out_plan *plan,
                     const char *target, unsigned long long max_bytes, char *err,
                     size_t errsize)
{
	save_tune_heap();
	char temp[PATH_LIMIT * 2];
	save_status st = save_temp(plan, temp, sizeof temp, err, errsize);
	if (st != SAVE_OK)
		return st;
	char why[512];
	int rc = pdf_write(doc, info, temp, why, sizeof why);
	st = save_written(temp, rc, why, max_bytes, err, errsize);
	if (st != SAVE_OK)
		return st;
	return save_commit(plan, temp, target, doc->npages, err, errsize);
}

save_status save_commit(out_plan *plan, const char *temp, const char *target, int pages,
                        char *err, size_t errsize)
{
	if (plan_add(plan, strrchr(temp, '/') + 1, target, pages, err, errsize) != 0) {
		unlink(temp);
		return SAVE_OUTPUT;
	}
	return SAVE_OK;
}

/* ---- a page at a time ------------------------------------------------------ */

/* The state of save_stream's layout: the writer, and the pages past the
 * limit (counted, no longer drawn, for the message). */
struct save_writer {
	pdf_writer *pdf;            /* NULL once a limit is passed */
	int max_pages;
	bool over;                  /* more pages than max_pages */
	bool failed;                /* the writer failed: its message in err */
};

static int save_page_done(void *user, const lay_doc *doc, int page, const lay_page *pg,
                          char *err, size_t errsize)
{
	struct save_writer *sw = user;
	if (page >= sw->max_pages) {
		sw->over = true;        /* laid out on, to say how many pages there are */
		pdf_abandon(sw->pdf);
		sw->pdf = NULL;
	}
	if (sw->pdf == NULL || pdf_page(sw->pdf, doc, page, pg) == 0)
		return 0;
	sw->failed = true;
	snprintf(err, errsize, "%s", pdf_error(sw->pdf));
	return -1;
}

static int save_page_late(void *user, const lay_doc *doc, int page, const lay_page *late,
                          char *err, size_t errsize)
{
	struct save_writer *sw = user;
	if (sw->pdf == NULL || pdf_page_late(sw->pdf, doc, page, late) == 0)
		return 0;
	sw->failed = true;
	snprintf(err, errsize, "%s", pdf_error(sw->pdf));
	return -1;
}

save_status save_stream(const doc_document *d, lay_fonts *fonts, int max_pages,
                        const pdf_info *info, const out_plan *plan,
                        unsigned long long max_bytes, lay_result *res, char *temp,
                        size_t tempsize, bool *writing, char *err, size_t errsize)
{
	memset(res, 0, sizeof *res);
	*writing = false;
	save_tune_heap();
	if (max_pages <= 0 || max_pages > SAVE_MAX_PAGES)
		max_pages = SAVE_MAX_PAGES;
	save_status st = save_temp(plan, temp, tempsize, err, errsize);
	if (st != SAVE_OK) {
		*writing = true;
		return st;
	}
	struct save_writer sw = {.max_pages = max_pages};
	lay_stream stream = {save_page_done, save_page_late, &sw};
	sw.pdf = pdf_open();
	if (sw.pdf == NULL) {
		unlink(temp);
		snprintf(err, errsize, "out of memory while laying out the document (the "
		         "memory limit; raise it with --max-memory)");
		return SAVE_LIMIT;
	}
	int rc = lay_document_stream(d, fonts, save_count_to(max_pages), &stream, res, err,
	                             errsize);
	if (rc != 0) {
		pdf_abandon(sw.pdf);
		unlink(temp);
		memset(res, 0, sizeof *res);
		if (sw.failed) {
			*writing = true;
			return SAVE_OUTPUT;
		}
		if (rc == LAY_TOO_MANY_PAGES) {
			save_too_many(save_count_to(max_pages), true, max_pages, err, errsize);
			return SAVE_LIMIT;
		}
		if (rc == LAY_OUT_OF_MEMORY) {
			snprintf(err, errsize, "stopped: out of memory while laying out the "
			         "document (the memory limit; raise it with --max-memory)");
			return SAVE_LIMIT;
		}
		return SAVE_ERROR;
	}
	if (sw.over) {
		save_too_many(res->doc->npages, false, max_pages, err, errsize);
		lay_free(res->doc);
		memset(res, 0, sizeof *res);
		unlink(temp);
		return SAVE_LIMIT;
	}
	char why[512];
	rc = pdf_close(sw.pdf, res->doc, info, temp, why, sizeof why);
	st = save_written(temp, rc, why, max_bytes, err, errsize);
	if (st != SAVE_OK) {
		*writing = true;
		lay_free(res->doc);
		memset(res, 0, sizeof *res);
	}
	return st;
}

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

save_status save_layout(const doc_document *d, lay_fonts *fonts, int max_pages,
                        lay_result *res, char *err, size_t errsize)
{
	memset(res, 0, sizeof *res);
	int rc = lay_document(d, fonts, res, err, errsize);
	if (rc == LAY_OUT_OF_MEMORY) {
		snprintf(err, errsize, "stopped: out of memory while laying out the document (the "
		         "memory limit; raise it with --max-memory)");
		return SAVE_LIMIT;
	}
	if (rc != 0)
		return SAVE_ERROR;
	int pages = res->doc->npages;
	if (max_pages <= 0 || max_pages > SAVE_MAX_PAGES)
		max_pages = SAVE_MAX_PAGES;
	if (pages > max_pages) {
		lay_free(res->doc);
		memset(res, 0, sizeof *res);
		if (max_pages == SAVE_MAX_PAGES)
			snprintf(err, errsize, "the document has %d pages, more than the %d a PDF "
			         "written by brief can hold (split it into several documents)", pages,
			         SAVE_MAX_PAGES);
		else
			snprintf(err, errsize, "the document has %d pages, more than the limit of %d "
			         "(raise it with --max-pages)", pages, max_pages);
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

save_status save_pdf(const lay_doc *doc, const pdf_info *info, out_plan *plan,
                     const char *target, unsigned long long max_bytes, char *err,
                     size_t errsize)
{
	save_tune_heap();
	char temp[PATH_LIMIT * 2];
	snprintf(temp, sizeof temp, "%s/brief-XXXXXX", plan->tmpdir);
	int fd = mkstemp(temp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot make a temporary file in %s: %s", plan->tmpdir,
		         strerror(errno));
		return SAVE_OUTPUT;
	}
	close(fd);
	char why[512];
	if (pdf_write(doc, info, temp, why, sizeof why) != 0) {
		struct stat sb;
		bool too_big = max_bytes > 0 && stat(temp, &sb) == 0 &&
		               (unsigned long long)sb.st_size >= max_bytes;
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
	struct stat sb;
	if (max_bytes > 0 && stat(temp, &sb) == 0 && (unsigned long long)sb.st_size > max_bytes) {
		unlink(temp);
		char words[32];
		size_words(max_bytes, words, sizeof words);
		snprintf(err, errsize, "the PDF would be larger than the output size limit of "
		         "%s (raise it with --max-output)", words);
		return SAVE_LIMIT;
	}
	if (plan_add(plan, strrchr(temp, '/') + 1, target, doc->npages, err, errsize) != 0) {
		unlink(temp);
		return SAVE_OUTPUT;
	}
	return SAVE_OK;
}

/*
 * deflate.c -- each page's content stream compressed when the page ends,
 * not when the document is saved.
 *
 * libharu keeps every page's content uncompressed until HPDF_SaveToFile
 * and then compresses each stream with a deflate state of its own (256 KiB
 * allocated and cleared per stream). Here one state serves the document:
 * when a page is drawn (pdf_pack_page) its content becomes raw deflate
 * blocks ending in a sync flush, kept in a buffer of their exact size, and
 * the page's stream is emptied; what is drawn on it later ("Page 3 of 12")
 * is compressed as blocks of its own, and the zlib stream is put together
 * (pdf_seal_page): header, the page's blocks, the late blocks, the Adler-32
 * of all of it (adler32_combine) -- a deflate stream may be cut at a sync
 * flush and continued by blocks made apart, since no back-reference of the
 * later blocks reaches into the earlier ones. The page's stream then holds
 * the finished bytes, and libharu writes them as they are, the dictionary
 * saying /Filter /FlateDecode. So a document holds about a quarter of its content
 * while it is laid out, and the work of compressing happens page by page.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <zlib.h>

#include "pdf/internal.h"

/* The document's deflate state, made on first use, reset for each part:
 * raw deflate (no zlib wrapper: the wrapper goes around the parts),
 * libharu's level. NULL when out of memory. */
static z_stream *pdf_zstream(pdf_ctx *c)
{
	if (c->zs != NULL)
		return deflateReset(c->zs) == Z_OK ? c->zs : NULL;
	z_stream *zs = calloc(1, sizeof *zs);
	if (zs == NULL || deflateInit2(zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
	                               Z_DEFAULT_STRATEGY) != Z_OK) {
		free(zs);
		return NULL;
	}
	c->zs = zs;
	return zs;
}

/* Compresses the content of memory stream s into out (malloc'd, *outlen
 * bytes), ending with flush (Z_SYNC_FLUSH or Z_FINISH), and sets *adler to
 * the Adler-32 of the content. Returns HPDF_OK or HPDF_FAILD_TO_ALLOC_MEM. */
static HPDF_STATUS pdf_compress(pdf_ctx *c, HPDF_Stream s, int flush, unsigned char **out,
                                size_t *outlen, uLong *adler)
{
	z_stream *zs = pdf_zstream(c);
	if (zs == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	size_t cap = deflateBound(zs, s->size) + 16, len = 0;
	unsigned char *buf = malloc(cap);
	*adler = adler32(0, Z_NULL, 0);
	HPDF_UINT nbufs = HPDF_MemStream_GetBufCount(s);
	for (HPDF_UINT i = 0; buf != NULL && i <= nbufs; i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *in = i < nbufs ? HPDF_MemStream_GetBufPtr(s, i, &n) : NULL;
		if (n > 0)
			*adler = adler32(*adler, in, n);
		zs->next_in = in;
		zs->avail_in = n;
		int mode = i < nbufs ? Z_NO_FLUSH : flush, rc;
		do {
			if (len == cap) {
				unsigned char *more = realloc(buf, cap *= 2);
				if (more == NULL) {
					free(buf);
					buf = NULL;
					break;
				}
				buf = more;
			}
			zs->next_out = buf + len;
			zs->avail_out = (uInt)(cap - len);
			rc = deflate(zs, mode);
			len = cap - zs->avail_out;
		} while (rc == Z_OK && (zs->avail_in > 0 || zs->avail_out == 0));
	}
	if (buf == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	unsigned char *exact = realloc(buf, len ? len : 1);
	*out = exact ? exact : buf;
	*outlen = len;
	return HPDF_OK;
}

int pdf_pack_page(pdf_ctx *c, int p)
{
	pdf_packed *pk = &c->packed[p];
	HPDF_Stream s = ((HPDF_PageAttr)c->pages[p]->attr)->stream;
	if (pdf_compress(c, s, Z_SYNC_FLUSH, &pk->bytes, &pk->len, &pk->adler) != HPDF_OK)
		return pdf_fail(c, "page %d: out of memory compressing its content", p + 1);
	pk->raw_len = s->size;
	HPDF_MemStream_FreeData(s);
	return 0;
}

/* The content dictionary's own entry, written by libharu after the others
 * (HPDF_Dict_Write drops a /Filter entry of a stream whose filter, as
 * libharu knows it, is none). */
static HPDF_STATUS pdf_write_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

int pdf_seal_page(pdf_ctx *c, int p)
{
	pdf_packed *pk = &c->packed[p];
	HPDF_PageAttr attr = (HPDF_PageAttr)c->pages[p]->attr;
	unsigned char *late = NULL;
	size_t late_len = 0;
	uLong late_adler;
	size_t late_raw = attr->stream->size;
	if (pdf_compress(c, attr->stream, Z_FINISH, &late, &late_len, &late_adler) != HPDF_OK)
		return pdf_fail(c, "page %d: out of memory compressing its content", p + 1);
	uLong adler = adler32_combine(pk->adler, late_adler, (z_off_t)late_raw);
	size_t total = 2 + pk->len + late_len + 4;
	HPDF_Stream sealed = HPDF_MemStream_New(c->pdf->mmgr, (HPDF_UINT)total);
	unsigned char wrap[4] = {0x78, 0x9C};           /* deflate, 32 KiB window, level 6 */
	HPDF_STATUS st = sealed == NULL ? HPDF_FAILD_TO_ALLOC_MEM
	                 : HPDF_Stream_Write(sealed, wrap, 2);
	if (st == HPDF_OK && pk->len > 0)
		st = HPDF_Stream_Write(sealed, pk->bytes, (HPDF_UINT)pk->len);
	if (st == HPDF_OK && late_len > 0)
		st = HPDF_Stream_Write(sealed, late, (HPDF_UINT)late_len);
	for (int i = 0; i < 4; i++)
		wrap[i] = (unsigned char)(adler >> (24 - 8 * i));
	if (st == HPDF_OK)
		st = HPDF_Stream_Write(sealed, wrap, 4);
	free(late);
	if (pdf_bad(c, st)) {
		if (sealed != NULL)
			HPDF_Stream_Free(sealed);
		return pdf_fail_lib(c, st, "page %d: its content", p + 1);
	}
	HPDF_Stream_Free(attr->stream);
	attr->stream = attr->contents->stream = sealed;
	attr->contents->filter = HPDF_STREAM_FILTER_NONE;
	attr->contents->write_fn = pdf_write_filter;
	free(pk->bytes);
	*pk = (pdf_packed){.sealed = true};
	return 0;
}

void pdf_packs_free(pdf_ctx *c)
{
	for (int p = 0; c->packed != NULL && p < c->npages; p++)
		free(c->packed[p].bytes);
	free(c->packed);
	if (c->zs != NULL)
		deflateEnd(c->zs);
	free(c->zs);
}

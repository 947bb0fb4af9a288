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
 * raw deflate (no zlib wrapper: the wrapper goes around the parts), level
 * 5 -- on brief's pages 2.5% faster than libharu's 6 for 0.2% more bytes
 * (tests/bench.sh, N = 1000). NULL when out of memory. */
static z_stream *pdf_zstream(pdf_ctx *c)
{
	if (c->zs != NULL)
		return deflateReset(c->zs) == Z_OK ? c->zs : NULL;
	z_stream *zs = calloc(1, sizeof *zs);
	if (zs == NULL || deflateInit2(zs, 5, Z_DEFLATED, -MAX_WBITS, 8,
	                               Z_DEFAULT_STRATEGY) != Z_OK) {
		free(zs);
		return NULL;
	}
	c->zs = zs;
	return zs;
}

/* Compressed bytes being made: buf (malloc'd, cap bytes, len used) and the
 * Adler-32 of what went in. */
typedef struct pdf_zout {
	unsigned char *buf;
	size_t len, cap;
	uLong adler;
} pdf_zout;

/* Starts o with room for about n bytes of input compressed by zs, and
 * head bytes (the zlib header, or none) in front. False when out of
 * memory. */
static bool pdf_zout_start(pdf_zout *o, z_stream *zs, size_t n, const unsigned char *head,
                           size_t nhead)
{
	o->cap = deflateBound(zs, n) + nhead + 16;
	o->buf = malloc(o->cap);
	o->len = nhead;
	o->adler = adler32(0, Z_NULL, 0);
	if (o->buf != NULL && nhead > 0)
		memcpy(o->buf, head, nhead);
	return o->buf != NULL;
}

/* Feeds in[0..n) to zs with flush mode (Z_NO_FLUSH, Z_SYNC_FLUSH or
 * Z_FINISH), growing o as needed. False when out of memory (o->buf then
 * freed and NULL). */
static bool pdf_zout_feed(pdf_zout *o, z_stream *zs, const void *in, size_t n, int mode)
{
	if (n > 0)
		o->adler = adler32(o->adler, in, (uInt)n);
	zs->next_in = (Bytef *)in;
	zs->avail_in = (uInt)n;
	int rc;
	do {
		if (o->len == o->cap) {
			unsigned char *more = realloc(o->buf, o->cap *= 2);
			if (more == NULL) {
				free(o->buf);
				o->buf = NULL;
				return false;
			}
			o->buf = more;
		}
		zs->next_out = o->buf + o->len;
		zs->avail_out = (uInt)(o->cap - o->len);
		rc = deflate(zs, mode);
		o->len = o->cap - zs->avail_out;
	} while (rc == Z_OK && (zs->avail_in > 0 || zs->avail_out == 0));
	return true;
}

/* Compresses the content of memory stream s into out (malloc'd, *outlen
 * bytes), ending with flush (Z_SYNC_FLUSH or Z_FINISH), and sets *adler to
 * the Adler-32 of the content. Returns HPDF_OK or HPDF_FAILD_TO_ALLOC_MEM. */
static HPDF_STATUS pdf_compress(pdf_ctx *c, HPDF_Stream s, int flush, unsigned char **out,
                                size_t *outlen, uLong *adler)
{
	z_stream *zs = pdf_zstream(c);
	pdf_zout o;
	if (zs == NULL || !pdf_zout_start(&o, zs, s->size, NULL, 0))
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_UINT nbufs = HPDF_MemStream_GetBufCount(s);
	bool ok = true;
	for (HPDF_UINT i = 0; ok && i < nbufs; i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *in = HPDF_MemStream_GetBufPtr(s, i, &n);
		ok = pdf_zout_feed(&o, zs, in, n, Z_NO_FLUSH);
	}
	if (!ok || !pdf_zout_feed(&o, zs, NULL, 0, flush))
		return HPDF_FAILD_TO_ALLOC_MEM;
	unsigned char *exact = realloc(o.buf, o.len ? o.len : 1);
	*out = exact ? exact : o.buf;
	*outlen = o.len;
	*adler = o.adler;
	return HPDF_OK;
}

/* The content dictionary's own entry, written by libharu after the others
 * (HPDF_Dict_Write drops a /Filter entry of a stream whose filter, as
 * libharu knows it, is none). */
static HPDF_STATUS pdf_write_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The zlib header brief writes: deflate, 32 KiB window (its level field is
 * a hint readers ignore). */
static const unsigned char pdf_zlib_head[2] = {0x78, 0x9C};

/* Puts the Adler-32 a, big-endian, at the end of o (which has room). */
static void pdf_zout_trailer(pdf_zout *o, uLong a)
{
	for (int i = 0; i < 4; i++)
		o->buf[o->len++] = (unsigned char)(a >> (24 - 8 * i));
}

HPDF_Dict pdf_new_deflated(pdf_ctx *c, const void *data, size_t len)
{
	z_stream *zs = pdf_zstream(c);
	pdf_zout o;
	if (zs == NULL || !pdf_zout_start(&o, zs, len, pdf_zlib_head, 2) ||
	    !pdf_zout_feed(&o, zs, data, len, Z_FINISH))
		return NULL;
	unsigned char *room = o.cap - o.len >= 4 ? o.buf : realloc(o.buf, o.len + 4);
	if (room == NULL) {
		free(o.buf);
		return NULL;
	}
	o.buf = room;
	pdf_zout_trailer(&o, o.adler);
	HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
	HPDF_STATUS st = s == NULL ? HPDF_FAILD_TO_ALLOC_MEM
	                 : HPDF_Stream_Write(s->stream, o.buf, (HPDF_UINT)o.len);
	free(o.buf);
	if (st != HPDF_OK)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_NONE;
	s->write_fn = pdf_write_filter;
	return s;
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
	HPDF_STATUS st = sealed == NULL ? HPDF_FAILD_TO_ALLOC_MEM
	                 : HPDF_Stream_Write(sealed, pdf_zlib_head, 2);
	if (st == HPDF_OK && pk->len > 0)
		st = HPDF_Stream_Write(sealed, pk->bytes, (HPDF_UINT)pk->len);
	if (st == HPDF_OK && late_len > 0)
		st = HPDF_Stream_Write(sealed, late, (HPDF_UINT)late_len);
	unsigned char trailer[4];
	for (int i = 0; i < 4; i++)
		trailer[i] = (unsigned char)(adler >> (24 - 8 * i));
	if (st == HPDF_OK)
		st = HPDF_Stream_Write(sealed, trailer, 4);
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

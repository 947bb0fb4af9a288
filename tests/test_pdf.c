/*
 * test_pdf.c -- the PDF backend: pages in, a PDF file out.
 *
 * Documents are built by hand (no layout engine) and the files checked with
 * the tools a reader of brief's output would trust: qpdf (structure, and
 * --qdf to read content streams as text), pdftotext and pdfinfo (poppler).
 * Every test writes under its own mkdtemp directory in /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf/pdf.h"
#include "util/imagefile.h"
#include "support.h"

#define SERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
#define SANS_BOLD "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
#define NANUM "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

enum { F_SERIF, F_SANS_BOLD, F_NANUM, F_SERIF_AGAIN };

static const lay_face faces[] = {
	{SERIF, "LiberationSerif-Regular"},
	{SANS_BOLD, "LiberationSans-Bold"},
	{NANUM, "NanumGothic"},
	{SERIF, "LiberationSerif-Regular (second style on the same file)"},
};

static const lay_color ink = {0.1f, 0.1f, 0.12f};
static const lay_color navy = {0.09f, 0.22f, 0.40f};

/* An 8x8 grey baseline JPEG (the PNG is support_tiny_png). */
static const unsigned char tiny_jpg[] = {
	0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0xff,
	0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
	0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xc4,
	0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x08,
	0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x3f, 0xff, 0xd9,
};

/* ---- fixture and helpers ------------------------------------------------ */

/* support_tiny_png and tiny_jpg decoded, for the whole group. */
static imagefile *tiny_png_image, *tiny_jpg_image;

static imagefile *decode_or_null(const void *data, size_t len)
{
	char why[256];
	imagefile *img = imagefile_decode(data, len, IMAGEFILE_MAX_PIXELS_DEFAULT, why, sizeof why);
	if (img == NULL)
		fprintf(stderr, "imagefile_decode: %s\n", why);
	return img;
}

static int group_setup(void **state)
{
	(void)state;
	tiny_png_image = decode_or_null(support_tiny_png, sizeof support_tiny_png);
	tiny_jpg_image = decode_or_null(tiny_jpg, sizeof tiny_jpg);
	return tiny_png_image != NULL && tiny_jpg_image != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	imagefile_free(tiny_png_image);
	imagefile_free(tiny_jpg_image);
	return 0;
}

typedef struct fixture {
	char dir[64];           /* this test's directory */
	char fonts[96];         /* tmpdir handed to pdf_write: must end up empty */
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (fx == NULL)
		return -1;
	if (support_temp_dir(fx->dir, sizeof fx->dir, "test_pdf") == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->fonts, sizeof fx->fonts, "%s/fonts", fx->dir);
	if (mkdir(fx->fonts, 0700) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	support_remove_tree(fx->dir);
	free(fx);
	return 0;
}

/* path = the test directory + "/" + name. */
static void in_dir(const fixture *fx, const char *name, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", fx->dir, name);
}

/* The file as qpdf --qdf prints it: streams uncompressed, one object per
 * block, with runs of white space folded into one space so that arrays
 * spread over lines can be searched as "[ 7 0 R /XYZ 0 700 null ]". */
static char *qdf_text(const char *pdf)
{
	int st;
	char *out = support_run(&st, "qpdf --qdf --object-streams=disable '%s' -", pdf);
	assert_int_equal(st, 0);
	char *w = out;
	for (char *r = out; *r; r++) {
		bool space = *r == ' ' || *r == '\n' || *r == '\r' || *r == '\t';
		if (space && w > out && w[-1] == ' ')
			continue;
		*w++ = space ? ' ' : *r;
	}
	*w = '\0';
	return out;
}

/* The value after "key:" on a line of pdfinfo's output, or "" (static). */
static const char *info_field(const char *out, const char *key)
{
	static char value[256];
	value[0] = '\0';
	for (const char *line = out; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		size_t k = strlen(key);
		if (strncmp(line, key, k) == 0 && line[k] == ':') {
			const char *v = line + k + 1;
			while (*v == ' ')
				v++;
			size_t n = strcspn(v, "\n");
			snprintf(value, sizeof value, "%.*s", (int)n, v);
			break;
		}
	}
	return value;
}

/* Skips one JSON value at *p (white space already removed). */
static void skip_json(const char **p)
{
	int depth = 0;
	do {
		char c = **p;
		if (c == '\0')
			return;
		if (c == '"') {
			for ((*p)++; **p && **p != '"'; (*p)++)
				if (**p == '\\' && (*p)[1])
					(*p)++;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			if (depth == 0)
				return;
			depth--;
		} else if (c == ',' && depth == 0) {
			return;
		}
		(*p)++;
	} while (depth > 0 || (**p != ',' && **p != ']' && **p != '}'));
}

/* Renders the array of outline items at *p (qpdf --json, white space
 * removed) as "A(B(C)),D" into out, advancing *p past the array. */
static void outline_shape(const char **p, char *out, size_t size)
{
	size_t n = strlen(out);
	assert_true(**p == '[');
	(*p)++;
	bool first = true;
	while (**p == '{') {
		char title[64] = "", kids[256] = "";
		(*p)++;
		while (**p == '"') {
			const char *key = *p + 1;
			const char *end = strchr(key, '"');
			*p = end + 2;                               /* past ": */
			if (strncmp(key, "kids\"", 5) == 0) {
				outline_shape(p, kids, sizeof kids);
			} else if (strncmp(key, "title\"", 6) == 0) {
				const char *v = *p + 1;
				const char *ve = strchr(v, '"');
				snprintf(title, sizeof title, "%.*s", (int)(ve - v), v);
				*p = ve + 1;
			} else {
				skip_json(p);
			}
			if (**p == ',')
				(*p)++;
		}
		assert_true(**p == '}');
		(*p)++;
		n += (size_t)snprintf(out + n, size - n, "%s%s%s%s%s", first ? "" : ",",
		                      title, kids[0] ? "(" : "", kids, kids[0] ? ")" : "");
		first = false;
		if (**p == ',')
			(*p)++;
	}
	assert_true(**p == ']');
	(*p)++;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Fails the test unless qpdf --check accepts the file at path. */
static void qpdf_accepts(const char *path)
{
	int st;
	char *out = support_run(&st, "qpdf --check '%s' 2>&1", path);
	if (st != 0 || strstr(out, "No syntax or stream encoding errors") == NULL)
		fail_msg("qpdf --check %s: %s", path, out);
	free(out);
}

/* The text pdftotext (poppler) extracts from path, in UTF-8, in reading
 * order; fails the test when poppler complains about the file on stderr. */
static char *extract_text(const fixture *fx, const char *path)
{
	char errs[256];
	in_dir(fx, "pdftotext.err", errs, sizeof errs);
	int st;
	char *out = support_run(&st, "pdftotext -enc UTF-8 '%s' - 2>'%s'", path, errs);
	assert_int_equal(st, 0);
	char *err = support_read_file_or_fail(errs, NULL);
	if (err[0] != '\0')
		fail_msg("pdftotext: %s", err);
	free(err);
	return out;
}

/* The dark pixels of page 1 of path rendered in gray at 36 dpi by poppler. */
static long dark_pixels(const char *path)
{
	int st;
	char *pgm = support_run(&st, "pdftoppm -r 36 -gray -f 1 -l 1 '%s'", path);
	assert_int_equal(st, 0);
	int w = 0, h = 0, max = 0, at = 0;
	assert_int_equal(sscanf(pgm, "P5 %d %d %d%n", &w, &h, &max, &at), 3);
	const unsigned char *px = (const unsigned char *)pgm + at + 1;   /* one white space */
	long dark = 0;
	for (long i = 0; i < (long)w * h; i++)
		dark += px[i] < 128;        /* NUL bytes come back as '.': still dark */
	free(pgm);
	return dark;
}

/* xMin and xMax of the words pdftotext -bbox finds on page 1, in order,
 * into x (pairs); returns how many. */
static int word_boxes(const char *path, double *x, int max)
{
	int st, n = 0;
	char *out = support_run(&st, "pdftotext -bbox '%s' - 2>/dev/null", path);
	assert_int_equal(st, 0);
	for (const char *p = out; n < max && (p = strstr(p, "<word xMin=\"")) != NULL; p++) {
		double x0, y0, x1;
		assert_int_equal(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\"", &x0, &y0,
		                        &x1), 3);
		x[2 * n] = x0;
		x[2 * n + 1] = x1;
		n++;
	}
	free(out);
	return n;
}

static lay_item text(float x, float y, int face, float size, const char *s)
{
	return (lay_item){
		.kind = LAY_TEXT, .x = x, .y = y, .color = ink,
		.u.text = {.face = face, .size = size, .str = s, .len = (int)strlen(s)},
	};
}

/* LiberationSerif kerns A before V by -129 thousandths of an em, W before a
 * by -80 (fonts_shape's answers); NanumGothic A before V by -46. */
static const short kern_av[2] = {-129, 0};
static const short kern_wave[4] = {-80, 0, 0, 0};
static const short kern_av_korean[5] = {-46, 0, 0, 0, 0};

static lay_item kerned(float x, float y, int face, float size, const char *s,
                       const short *kern)
{
	lay_item it = text(x, y, face, size, s);
	it.u.text.kern = kern;
	return it;
}

static lay_doc doc_of(lay_page *pages, int npages)
{
	return (lay_doc){
		.width = 595.276f, .height = 841.89f,
		.pages = pages, .npages = npages,
		.faces = faces, .nfaces = (int)(sizeof faces / sizeof faces[0]),
		.lang = "en-US",
	};
}

/* Writes doc at dir/name (path set to it), or fails the test with pdf_write's
 * message. */
static void write_ok(const fixture *fx, const lay_doc *doc, const pdf_info *info,
                     const char *name, char *path, size_t size)
{
	char err[512];
	in_dir(fx, name, path, size);
	int rc = pdf_write(doc, info, path, err, sizeof err);
	if (rc != 0)
		fail_msg("pdf_write: %s", err);
}

/* True when tmpdir holds nothing: subset fonts were removed. */
static bool dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

/* A two-page document with one item of every kind on page 1, a shaped text
 * run among them. */
typedef struct sampler {
	lay_item items[13];
	lay_item items2[2];
	lay_page pages[2];
	float xy[8];
} sampler;

static lay_doc sampler_doc(const fixture *fx, sampler *s)
{
	(void)fx;
	static const float xy[8] = {72, 300, 150, 360, 230, 320, 300, 400};
	memcpy(s->xy, xy, sizeof xy);

	int n = 0;
	s->items[n++] = text(72, 760, F_SANS_BOLD, 16, "Every item kind");
	s->items[n++] = text(72, 740, F_SERIF, 10.5f, "A serif line, then Korean: ");
	s->items[n++] = text(200, 740, F_NANUM, 10.5f, "한국어");
	s->items[n++] = (lay_item){.kind = LAY_RECT, .x = 72, .y = 600, .w = 200, .h = 80,
		.color = {0.9f, 0.93f, 0.97f},
		.u.rect = {.fill = true, .stroke = true, .stroke_color = navy, .line_width = 0.75f}};
	s->items[n++] = (lay_item){.kind = LAY_LINE, .x = 72, .y = 580, .color = navy,
		.u.line = {.x2 = 520, .y2 = 580, .line_width = 0.5f, .dashed = true}};
	s->items[n++] = (lay_item){.kind = LAY_POLYLINE, .color = navy,
		.u.poly = {.xy = s->xy, .npoints = 4, .line_width = 1.5f}};
	s->items[n++] = (lay_item){.kind = LAY_CIRCLE, .x = 400, .y = 450, .color = navy,
		.u.circle = {.radius = 6}};
	s->items[n++] = (lay_item){.kind = LAY_IMAGE, .x = 72, .y = 150, .w = 60, .h = 60,
		.u.image = {.image = tiny_png_image, .path = "tiny.png"}};
	s->items[n++] = (lay_item){.kind = LAY_IMAGE, .x = 150, .y = 150, .w = 60, .h = 60,
		.u.image = {.image = tiny_jpg_image, .path = "tiny.jpg"}};
	s->items[n++] = (lay_item){.kind = LAY_LINK, .x = 72, .y = 736, .w = 120, .h = 14,
		.u.link = {.uri = "https://example.org/a?b=c"}};
	s->items[n++] = (lay_item){.kind = LAY_LINK, .x = 72, .y = 756, .w = 150, .h = 20,
		.u.link = {.uri = NULL, .page = 1, .top = 700}};
	s->items[n++] = text(72, 100, F_SERIF, 9, "Page 1 of 2");
	lay_item *shaped = &s->items[n++];      /* kerned, slanted, standing for more */
	*shaped = kerned(72, 720, F_SERIF, 10.5f, "AV", kern_av);
	shaped->u.text.slant = 0.2f;
	shaped->u.text.actual = "AVA";
	shaped->u.text.actual_len = 3;
	s->pages[0] = (lay_page){.items = s->items, .nitems = n};

	s->items2[0] = text(72, 700, F_SANS_BOLD, 13, "Second page");
	s->items2[1] = text(72, 100, F_SERIF, 9, "Page 2 of 2");
	s->pages[1] = (lay_page){.items = s->items2, .nitems = 2};
	return doc_of(s->pages, 2);
}

/* ---- tests -------------------------------------------------------------- */

static void writes_a_file_that_qpdf_accepts(void **state)
{
	fixture *fx = *state;
	sampler s;
	lay_doc doc = sampler_doc(fx, &s);
	char path[256];
	write_ok(fx, &doc, NULL, "all.pdf", path, sizeof path);

	int st;
	char *out = support_run(&st, "qpdf --check '%s' 2>&1", path);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "No syntax or stream encoding errors"));
	free(out);
	out = support_run(&st, "qpdf --show-npages '%s'", path);
	assert_string_equal(out, "2\n");
	free(out);
	assert_true(dir_is_empty(fx->fonts));
}

static void every_item_kind_reaches_the_content_stream(void **state)
{
	fixture *fx = *state;
	sampler s;
	lay_doc doc = sampler_doc(fx, &s);
	char path[256];
	write_ok(fx, &doc, NULL, "all.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_non_null(strstr(q, " re B "));           /* filled and stroked rect */
	assert_non_null(strstr(q, "[3 2] 0 d"));        /* dashed line */
	assert_non_null(strstr(q, "[] 0 d"));           /* back to solid after it */
	assert_non_null(strstr(q, "1 j"));              /* round joins for the polyline */
	assert_non_null(strstr(q, "72 300 m 150 360 l 230 320 l 300 400 l S"));
	assert_non_null(strstr(q, " c "));              /* circle curves */
	assert_int_equal(count_of(q, " Do "), 2);       /* both images */
	assert_int_equal(count_of(q, "/Subtype /Image"), 2);
	assert_non_null(strstr(q, "/Filter [ /DCTDecode ]"));
	free(q);
}

/* qdf marks each page object with a "%% Page N" comment: q (qdf_text) has
 * a link whose /Dest names page 2's object, at the top 700. */
static void assert_dest_to_page_2(const char *q)
{
	const char *prefix = "%% Page 2 %% Original object ID: ";
	const char *p2 = strstr(q, prefix);
	assert_non_null(p2);
	int obj = 0;
	assert_int_equal(sscanf(p2 + strlen(prefix), "%*d %*d %d 0 obj", &obj), 1);
	char want[64];
	snprintf(want, sizeof want, "/Dest [ %d 0 R /XYZ 0 700 null ]", obj);
	assert_non_null(strstr(q, want));
}

/* Every image reaches the PDF from memory: a PNG with alpha as raw RGB plus
 * a gray soft mask, a gray PNG as raw gray, a progressive JPEG as its own
 * bytes (DCTDecode), a CMYK JPEG as raw RGB. An image drawn twice is
 * embedded once. */
static void images_are_embedded_from_memory_once_each(void **state)
{
	fixture *fx = *state;
	struct { unsigned char *file; size_t len; imagefile *img; } in[4];
	in[0].file = support_png(24, 16, 6, 8, 0, &in[0].len);
	in[1].file = support_png(24, 16, 0, 8, 1, &in[1].len);
	in[2].file = support_jpeg(24, 16, 3, 1, 0, &in[2].len);
	in[3].file = support_jpeg(24, 16, 4, 0, 0, &in[3].len);
	lay_item items[5];
	for (int i = 0; i < 4; i++) {
		in[i].img = decode_or_null(in[i].file, in[i].len);
		assert_non_null(in[i].img);
		items[i] = (lay_item){.kind = LAY_IMAGE, .x = 72 + 100 * (float)i, .y = 500,
		                      .w = 72, .h = 48, .u.image = {.image = in[i].img}};
	}
	items[4] = items[0];                /* the RGBA PNG again, elsewhere */
	items[4].y = 300;
	lay_page page = {.items = items, .nitems = 5};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "images.pdf", path, sizeof path);

	int st;
	char *out = support_run(&st, "qpdf --check '%s' 2>&1", path);
	assert_int_equal(st, 0);
	free(out);
	char *q = qdf_text(path);
	assert_int_equal(count_of(q, " Do "), 5);
	assert_int_equal(count_of(q, "/Subtype /Image"), 5);   /* 4 images, 1 mask */
	assert_int_equal(count_of(q, "/SMask"), 1);
	assert_int_equal(count_of(q, "/DCTDecode"), 1);
	assert_int_equal(count_of(q, "/ColorSpace /DeviceGray"), 2);   /* gray PNG, mask */
	assert_int_equal(count_of(q, "/ColorSpace /DeviceRGB"), 3);
	free(q);
	for (int i = 0; i < 4; i++) {
		imagefile_free(in[i].img);
		free(in[i].file);
	}
}

static void consecutive_text_items_share_one_text_block(void **state)
{
	fixture *fx = *state;
	lay_item items[4] = {
		text(72, 700, F_SERIF, 10, "one"),
		text(72, 686, F_SERIF, 10, "two"),
		text(72, 672, F_SERIF, 10, "three"),
		text(72, 658, F_SANS_BOLD, 12, "four"),
	};
	lay_page page = {.items = items, .nitems = 4};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "text.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "BT"), 1);
	assert_int_equal(count_of(q, "ET"), 1);
	assert_int_equal(count_of(q, " rg "), 1);       /* one color for all four */
	assert_int_equal(count_of(q, " Tf "), 2);       /* serif 10, then bold 12 */
	assert_int_equal(count_of(q, " Tj "), 4);
	free(q);
}

static void text_extracts_back_with_pdftotext(void **state)
{
	fixture *fx = *state;
	lay_item items[3] = {
		text(72, 700, F_SERIF, 11,
		     "\xe2\x80\x9c" "Curly quotes\xe2\x80\x9d \xe2\x80\x93 dashes "
		     "\xe2\x80\x94 and an ellipsis\xe2\x80\xa6 it\xe2\x80\x99s fine"),
		text(72, 680, F_NANUM, 11, "한국어 보고서: 매출이 12% 늘었다"),
		text(72, 660, F_SANS_BOLD, 11, "Bold line"),
	};
	lay_page page = {.items = items, .nitems = 3};
	lay_doc doc = doc_of(&page, 1);
	char path[256], txt[256], errs[256];
	write_ok(fx, &doc, NULL, "text.pdf", path, sizeof path);
	in_dir(fx, "text.txt", txt, sizeof txt);
	in_dir(fx, "stderr.txt", errs, sizeof errs);

	int st;
	free(support_run(&st, "pdftotext -enc UTF-8 '%s' '%s' 2>'%s'", path, txt, errs));
	assert_int_equal(st, 0);
	char *out = support_read_file_or_fail(txt, NULL);
	assert_non_null(strstr(out, "\xe2\x80\x9c" "Curly quotes\xe2\x80\x9d"));
	assert_non_null(strstr(out, "\xe2\x80\x93 dashes \xe2\x80\x94"));
	assert_non_null(strstr(out, "ellipsis\xe2\x80\xa6 it\xe2\x80\x99s fine"));
	assert_non_null(strstr(out, "한국어 보고서: 매출이 12% 늘었다"));
	assert_non_null(strstr(out, "Bold line"));
	free(out);
}

static void output_is_byte_identical_for_same_input(void **state)
{
	fixture *fx = *state;
	sampler s;
	lay_doc doc = sampler_doc(fx, &s);
	lay_mark marks[2] = {{"Intro", 1, 0, 780}, {"Details", 2, 1, 720}};
	doc.marks = marks;
	doc.nmarks = 2;
	pdf_info info = {.title = "Same bytes", .creator = "brief test",
	                 .date = 1700000000};
	char a[256], b[256];
	write_ok(fx, &doc, &info, "a.pdf", a, sizeof a);
	write_ok(fx, &doc, &info, "b.pdf", b, sizeof b);

	size_t na, nb;
	char *da = support_read_file_or_fail(a, &na), *db = support_read_file_or_fail(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(da, db, na);
	assert_null(strstr(da, "/ID"));
	free(da);
	free(db);
}

static void no_date_given_means_no_date_in_the_file(void **state)
{
	fixture *fx = *state;
	lay_item items[1] = {text(72, 700, F_SERIF, 11, "Undated")};
	lay_page page = {.items = items, .nitems = 1};
	lay_doc doc = doc_of(&page, 1);
	pdf_info info = {.title = "Undated", .date = -1};
	char path[256];
	write_ok(fx, &doc, &info, "nodate.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_null(strstr(q, "/CreationDate"));
	assert_null(strstr(q, "/ModDate"));
	assert_null(strstr(q, "/PageMode"));            /* no marks, no outline */
	free(q);
}

static void outline_and_title_metadata_present(void **state)
{
	fixture *fx = *state;
	lay_item items[1] = {text(72, 700, F_SERIF, 11, "Body")};
	lay_page pages[3] = {
		{.items = items, .nitems = 1},
		{.items = items, .nitems = 1},
		{.items = items, .nitems = 1},
	};
	lay_doc doc = doc_of(pages, 3);
	/* Expected tree: A{B{C}}, D{E}, F -- E is a level 3 with no level 2
	 * open under D, so it nests under D. */
	lay_mark marks[6] = {
		{"A 개요", 1, 0, 800}, {"B", 2, 0, 500}, {"C", 3, 1, 700},
		{"D", 1, 1, 400}, {"E", 3, 2, 780}, {"F", 1, 2, 300},
	};
	doc.marks = marks;
	doc.nmarks = 6;
	pdf_info info = {
		.title = "Quarterly 브리핑 \xe2\x80\x94 Q3", .subject = "Sales",
		.author = "Jane Doe", .keywords = "sales, quarterly",
		.creator = "brief 0.1", .producer = "brief 0.1",
		.date = 1700000000,  /* 2023-11-14 22:13:20 UTC */
	};
	char path[256];
	write_ok(fx, &doc, &info, "outline.pdf", path, sizeof path);

	int st;
	char *out = support_run(&st, "pdfinfo -isodates '%s'", path);
	assert_int_equal(st, 0);
	assert_string_equal(info_field(out, "Title"), "Quarterly 브리핑 \xe2\x80\x94 Q3");
	assert_string_equal(info_field(out, "Subject"), "Sales");
	assert_string_equal(info_field(out, "Keywords"), "sales, quarterly");
	assert_string_equal(info_field(out, "Author"), "Jane Doe");
	assert_string_equal(info_field(out, "Creator"), "brief 0.1");
	assert_string_equal(info_field(out, "Producer"), "brief 0.1 (libharu 2.3.0)");
	assert_string_equal(info_field(out, "CreationDate"), "2023-11-14T22:13:20Z");
	assert_string_equal(info_field(out, "ModDate"), "2023-11-14T22:13:20Z");
	assert_string_equal(info_field(out, "Pages"), "3");
	free(out);

	/* The tree as qpdf reads it (white space removed, so "A 개요" loses its
	 * space). */
	out = support_run(&st, "qpdf --json --json-key=outlines '%s' | tr -d ' \\n'", path);
	assert_int_equal(st, 0);
	const char *at = strstr(out, "\"outlines\":");
	assert_non_null(at);
	at += strlen("\"outlines\":");
	char shape[256] = "";
	outline_shape(&at, shape, sizeof shape);
	assert_string_equal(shape, "A개요(B(C)),D(E),F");
	assert_non_null(strstr(out, "\"/XYZ\",0,780,null],\"destpageposfrom1\":3"));
	free(out);

	char *q = qdf_text(path);
	assert_non_null(strstr(q, "/PageMode /UseOutlines"));
	assert_non_null(strstr(q, "/Count 6"));         /* all open: 6 visible */
	free(q);
}

static void subset_fonts_are_small(void **state)
{
	fixture *fx = *state;
	lay_item items[2] = {
		text(72, 700, F_SERIF, 11, "Revenue grew 12% in the third quarter: "),
		text(300, 700, F_NANUM, 11, "3분기 매출이 12% 늘었습니다."),
	};
	lay_page page = {.items = items, .nitems = 2};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "small.pdf", path, sizeof path);

	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size < 40 * 1024);
	assert_true(dir_is_empty(fx->fonts));
}

static void each_used_face_is_embedded_once_and_unused_faces_not_at_all(void **state)
{
	fixture *fx = *state;
	/* Serif twice under two face indexes (same file), Nanum once, Sans Bold
	 * never: two fonts. */
	lay_item items[3] = {
		text(72, 700, F_SERIF, 11, "Serif"),
		text(72, 680, F_SERIF_AGAIN, 11, "Serif again, more letters"),
		text(72, 660, F_NANUM, 11, "나눔"),
	};
	lay_page page = {.items = items, .nitems = 3};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "faces.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "/FontFile2"), 2);
	assert_non_null(strstr(q, "LiberationSerif"));
	assert_non_null(strstr(q, "NanumGothic"));
	assert_null(strstr(q, "LiberationSans"));
	free(q);

	/* one CMap per font, the ToUnicode map, even counting objects nothing
	 * refers to: libharu's own map was rewritten in place, not left over */
	int st;
	char *cmaps = support_run(&st, "qpdf --qdf --object-streams=disable "
	                          "--preserve-unreferenced '%s' - | grep -a -c /CIDInit", path);
	assert_string_equal(cmaps, "2\n");
	free(cmaps);

	char *out = support_run(&st, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	assert_non_null(strstr(out, "Serif again, more letters"));
	free(out);
}

static void internal_link_and_uri_link(void **state)
{
	fixture *fx = *state;
	sampler s;
	lay_doc doc = sampler_doc(fx, &s);
	char path[256];
	write_ok(fx, &doc, NULL, "links.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_non_null(strstr(q, "/S /URI /Type /Action /URI (https://example.org/a?b=c)"));
	assert_int_equal(count_of(q, "/Border [ 0 0 0 ]"), 2);
	assert_non_null(strstr(q, "/Rect [ 72 736 192 750 ]"));

	/* the link's /Dest is an array naming page 2's object, written in the
	 * annotation */
	assert_dest_to_page_2(q);
	free(q);
}

static void long_runs_are_shown_in_pieces_cut_between_characters(void **state)
{
	fixture *fx = *state;
	/* 1 + 3 * 23000 bytes: the 16000-byte cuts fall inside characters, so
	 * they must back up (to 15999, then every 15999 bytes). */
	enum { N = 23000 };
	char *s = malloc(1 + 3 * N + 1);
	assert_non_null(s);
	s[0] = 'a';
	for (int i = 0; i < N; i++)
		memcpy(s + 1 + 3 * i, "\xed\x95\x9c", 3);           /* U+D55C */
	s[1 + 3 * N] = '\0';
	lay_item items[1] = {text(10, 700, F_NANUM, 1, s)};
	lay_page page = {.items = items, .nitems = 1};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "long.pdf", path, sizeof path);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, " Tj "), 5);
	/* Two code points, both with one-byte codes: a as itself, 한 as 0x80;
	 * the ToUnicode map sends them back. */
	assert_non_null(strstr(q, "2 beginbfrange <61> <61> <0061> <80> <80> <D55C> endbfrange"));
	assert_null(strstr(q, "begincidrange"));
	/* every character shown once (qpdf --qdf writes the strings in hex) */
	size_t codes = 0;
	for (const char *r = q; (r = strstr(r, "> Tj ")) != NULL; r++) {
		const char *open = r;
		while (open > q && open[-1] != '<')
			open--;
		codes += (size_t)(r - open) / 2;
	}
	assert_int_equal(codes, 1 + N);
	assert_non_null(strstr(q, " Tf <618080"));
	free(q);
	free(s);
}

/* Two files with one PostScript name (a copy of a font) are two fonts:
 * each embedded with its own glyphs, under its own subset tag. */
static void two_files_with_one_postscript_name_are_both_embedded(void **state)
{
	fixture *fx = *state;
	char copy[256];
	size_t len;
	char *font = support_read_file_or_fail(SERIF, &len);
	in_dir(fx, "copy.ttf", copy, sizeof copy);
	support_write_file(copy, font, len);
	free(font);
	const lay_face two[2] = {{SERIF, "LiberationSerif"}, {copy, "Copy"}};
	lay_item items[2] = {text(72, 700, 0, 11, "abc"), text(72, 680, 1, 11, "xyz")};
	lay_page page = {.items = items, .nitems = 2};
	lay_doc doc = doc_of(&page, 1);
	doc.faces = two;
	doc.nfaces = 2;
	char path[256];
	write_ok(fx, &doc, NULL, "dup.pdf", path, sizeof path);
	qpdf_accepts(path);
	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "/FontFile2 "), 2);
	assert_int_equal(count_of(q, "/Subtype /TrueType"), 2);
	assert_int_equal(count_of(q, "+LiberationSerif "), 4);  /* /BaseFont and /FontName */
	free(q);
	char *out = extract_text(fx, path);
	assert_string_equal(out, "abc\nxyz\n\n\f");
	free(out);
	assert_true(dir_is_empty(fx->fonts));
}

/* One failure per row: what is wrong, and the exact message. */
typedef struct bad_case {
	const char *name;
	void (*make)(const fixture *fx, lay_doc *doc, lay_item *it, char *path);
	const char *message;    /* "%s" is replaced by the path make() stored */
} bad_case;

static void bad_font_missing(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	static lay_face f[1] = {{"/nonexistent/NoSuch.ttf", "NoSuch"}};
	(void)fx; (void)path;
	doc->faces = f;
	doc->nfaces = 1;
	*it = text(72, 700, 0, 11, "x");
}

static void bad_font_garbage(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	static lay_face f[1];
	static char p[256];
	in_dir(fx, "garbage.ttf", p, sizeof p);
	support_write_file(p, "this is not a font\n", 19);
	strcpy(path, p);
	f[0] = (lay_face){p, "Garbage"};
	doc->faces = f;
	doc->nfaces = 1;
	*it = text(72, 700, 0, 11, "x");
}

static void bad_font_lacks_glyph(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)doc; (void)path;
	*it = text(72, 700, F_SERIF, 11, "Korean in a Latin font: 한");
}

/* An image item whose image was never decoded (a layout bug): refused with
 * a message, not handed to libharu. */
static void bad_image_not_decoded(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)doc; (void)path;
	*it = (lay_item){.kind = LAY_IMAGE, .x = 10, .y = 10, .w = 10, .h = 10,
	                 .u.image = {.image = NULL, .path = "chart.png"}};
}

static void bad_link_target(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)doc; (void)path;
	*it = (lay_item){.kind = LAY_LINK, .x = 10, .y = 10, .w = 10, .h = 10,
	                 .u.link = {.uri = NULL, .page = 4, .top = 100}};
}

static void bad_font_size(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)doc; (void)path;
	*it = text(72, 700, F_SERIF, 0, "zero-sized");
}

static void bad_face_index(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)doc; (void)path;
	*it = text(72, 700, 9, 11, "no such face");
}

static void bad_language(const fixture *fx, lay_doc *doc, lay_item *it, char *path)
{
	(void)fx; (void)path;
	doc->lang = "en US) /Evil (x";
	*it = text(72, 700, F_SERIF, 11, "x");
}

static const bad_case bad_cases[] = {
	{"missing font", bad_font_missing,
	 "PDF: cannot read font /nonexistent/NoSuch.ttf: No such file or directory"},
	{"not a font", bad_font_garbage,
	 "PDF: cannot read font %s: not a TrueType font file"},
	{"glyph missing", bad_font_lacks_glyph,
	 "PDF: font " SERIF " has no glyph for U+D55C"},
	{"image not decoded", bad_image_not_decoded,
	 "PDF: page 1: image chart.png was not decoded"},
	{"link to no page", bad_link_target,
	 "PDF: page 1, item 1 (link): target page 5 does not exist (the document has 1)"},
	{"font size 0", bad_font_size,
	 "PDF: page 1, item 1 (text): font size must be above 0 and at most 600 points"},
	{"face index", bad_face_index,
	 "PDF: page 1, item 1 (text): face 9 does not exist (the document has 4)"},
	{"language tag", bad_language,
	 "PDF: document language \"en US) /Evil (x\" is not a language tag such as en-US"},
};

/* out = tmpl with its "%s" (if any) replaced by path. */
static void fill_in(char *out, size_t size, const char *tmpl, const char *path)
{
	const char *at = strstr(tmpl, "%s");
	if (at == NULL)
		snprintf(out, size, "%s", tmpl);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - tmpl), tmpl, path, at + 2);
}

static void undecoded_image_or_bad_font_fails_with_message_not_crash(void **state)
{
	fixture *fx = *state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const bad_case *bc = &bad_cases[i];
		lay_item it;
		lay_page page = {.items = &it, .nitems = 1};
		lay_doc doc = doc_of(&page, 1);
		char made[256] = "", want[512], err[512], out[256];
		bc->make(fx, &doc, &it, made);
		fill_in(want, sizeof want, bc->message, made);
		in_dir(fx, "bad.pdf", out, sizeof out);

		int rc = pdf_write(&doc, NULL, out, err, sizeof err);
		if (rc != -1 || strcmp(err, want) != 0)
			fail_msg("%s: rc %d, message \"%s\", wanted \"%s\"", bc->name, rc,
			         err, want);
		assert_null(strchr(err, '\n'));
		assert_true(dir_is_empty(fx->fonts));
	}
}

static void unwritable_output_or_empty_document_fails_with_message(void **state)
{
	fixture *fx = *state;
	lay_item items[1] = {text(72, 700, F_SERIF, 11, "x")};
	lay_page page = {.items = items, .nitems = 1};
	lay_doc doc = doc_of(&page, 1);
	char err[512];

	assert_int_equal(pdf_write(&doc, NULL, "/nonexistent-dir/out.pdf",
	                           err, sizeof err), -1);
	assert_string_equal(err, "PDF: cannot write /nonexistent-dir/out.pdf: "
	                    "No such file or directory");
	assert_true(dir_is_empty(fx->fonts));

	doc.npages = 0;
	assert_int_equal(pdf_write(&doc, NULL, "/tmp/never.pdf",
	                           err, sizeof err), -1);
	assert_string_equal(err, "PDF: the document has no pages");

	/* A message longer than the buffer is cut at a character, and says so. */
	doc.npages = 1;
	char small[16];
	assert_int_equal(pdf_write(&doc, NULL, "/nonexistent-dir/out.pdf",
	                           small, sizeof small), -1);
	assert_string_equal(small, "PDF: cannot \xE2\x80\xA6");
}

/* NaN or infinite positions would be written into the content stream as
 * they print ("nan"), and the file would be corrupt: they are refused, with
 * the page and item named, and nothing half-written is left behind by the
 * caller's temporary-file rule. */
static void non_finite_positions_are_refused(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *name;
		lay_item item;
		const char *msg;
	} cases[] = {
		{"text at NaN", {.kind = LAY_TEXT, .x = NAN, .y = 700, .w = 10,
		                 .u.text = {.face = F_SERIF, .size = 11, .str = "x", .len = 1}},
		 "PDF: page 1, item 1 (text): a position or size is not a finite number"},
		{"line to infinity", {.kind = LAY_LINE, .x = 72, .y = 60,
		                      .u.line = {.x2 = INFINITY, .y2 = 60, .line_width = 1}},
		 "PDF: page 1, item 1 (line): a position or size is not a finite number"},
		{"rectangle of 1e30", {.kind = LAY_RECT, .x = 72, .y = 60, .w = 1e30f, .h = 5,
		                       .u.rect = {.fill = true}},
		 "PDF: page 1, item 1 (rectangle): a position or size is not a finite number"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lay_item items[1] = {cases[i].item};
		lay_page page = {.items = items, .nitems = 1};
		lay_doc doc = doc_of(&page, 1);
		char err[512] = "";
		char path[512];
		snprintf(path, sizeof path, "%s/nan.pdf", fx->fonts);
		if (pdf_write(&doc, NULL, path, err, sizeof err) != -1)
			fail_msg("%s: written", cases[i].name);
		if (strcmp(err, cases[i].msg) != 0)
			fail_msg("%s: got \"%s\"", cases[i].name, err);
		unlink(path);
	}
}

/* 1000 pages of 60 text items each, with a rule per page: every page is
 * written and qpdf accepts the file. (Speed is measured by `make bench`,
 * never asserted in a test.) */
static void renders_a_thousand_pages(void **state)
{
	fixture *fx = *state;
	enum { PAGES = 1000, PER = 60 };
	static char words[PER][48];
	for (int k = 0; k < PER; k++)
		snprintf(words[k], sizeof words[k], "Row %d \xe2\x80\x94 value %d.%02d",
		         k + 1, k * 37 % 1000, k * 13 % 100);
	lay_page *pages = calloc(PAGES, sizeof *pages);
	lay_item *items = calloc((size_t)PAGES * (PER + 1), sizeof *items);
	assert_non_null(pages);
	assert_non_null(items);
	for (int p = 0; p < PAGES; p++) {
		lay_item *it = items + (size_t)p * (PER + 1);
		for (int k = 0; k < PER; k++)
			it[k] = text(72 + (k % 2) * 200, 780 - (k / 2) * 24.0f,
			             k % 3 == 0 ? F_SANS_BOLD : F_SERIF, 10, words[k]);
		it[PER] = (lay_item){.kind = LAY_LINE, .x = 72, .y = 60, .color = navy,
			.u.line = {.x2 = 520, .y2 = 60, .line_width = 0.5f}};
		pages[p] = (lay_page){.items = it, .nitems = PER + 1};
	}
	lay_doc doc = doc_of(pages, PAGES);

	char path[256];
	write_ok(fx, &doc, NULL, "long.pdf", path, sizeof path);

	int st;
	char *out = support_run(&st, "qpdf --show-npages '%s'", path);
	assert_string_equal(out, "1000\n");
	free(out);
	free(items);
	free(pages);
}

/* ---- shaped text ---------------------------------------------------------- */

/* A run with adjustments is shown as a TJ array of strings of one-byte
 * codes and minus the adjustments; a run without any (no array, or zeros) keeps Tj.
 * pdftotext reads the same letters back, Korean included, and the kerned
 * AV is narrower than the plain one by 129/1000 of the font size. */
static void kerned_runs_are_shown_with_tj_and_extract_back(void **state)
{
	fixture *fx = *state;
	static const short zeros[2] = {0, 0};
	lay_item items[5] = {
		text(72, 700, F_SERIF, 20, "AV"),
		kerned(72, 670, F_SERIF, 20, "AV", kern_av),
		kerned(72, 640, F_SERIF, 20, "Wave", kern_wave),
		kerned(72, 610, F_NANUM, 20, "AV한국어", kern_av_korean),
		kerned(72, 580, F_SERIF, 20, "To", zeros),
	};
	lay_page page = {.items = items, .nitems = 5};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "kern.pdf", path, sizeof path);

	qpdf_accepts(path);
	char *q = qdf_text(path);
	/* one-byte codes: Latin as itself, the Hangul from 0x80 up in the
	 * order the characters first appear (한, 국, 어) */
	assert_non_null(strstr(q, " Td [(A) 129 (V)] TJ "));
	assert_non_null(strstr(q, " Td [(W) 80 (ave)] TJ "));
	/* (qpdf --qdf writes a string with bytes past ASCII in hex) */
	assert_non_null(strstr(q, " Tf [(A) 46 <56808182>] TJ "));
	assert_int_equal(count_of(q, "] TJ"), 3);
	assert_int_equal(count_of(q, " Tj"), 2);        /* the plain AV, and To */
	free(q);

	char *out = extract_text(fx, path);
	assert_string_equal(out, "AV\nAV\nWave\nAV한국어\nTo\n\n\f");
	free(out);
	double x[10];
	assert_int_equal(word_boxes(path, x, 5), 5);
	double plain = x[1] - x[0], tight = x[3] - x[2];
	if (fabs(plain - tight - 2.58) > 0.01)
		fail_msg("AV is %g wide, kerned %g: not 2.58 narrower", plain, tight);
}

/* libharu embeds only the glyphs it saw measured: text shown only through
 * TJ is still drawn (inked), as much as the same text through Tj. */
static void glyphs_shown_only_with_tj_are_embedded(void **state)
{
	fixture *fx = *state;
	lay_item items[2] = {
		kerned(72, 700, F_SERIF, 40, "AV", kern_av),
		kerned(72, 600, F_NANUM, 40, "AV한국어", kern_av_korean),
	};
	lay_page page = {.items = items, .nitems = 2};
	lay_doc doc = doc_of(&page, 1);
	char path[256], plain[256];
	write_ok(fx, &doc, NULL, "tj.pdf", path, sizeof path);
	qpdf_accepts(path);
	items[0].u.text.kern = NULL;
	items[1].u.text.kern = NULL;
	write_ok(fx, &doc, NULL, "tj-plain.pdf", plain, sizeof plain);

	long inked = dark_pixels(path), want = dark_pixels(plain);
	if (want < 100 || labs(inked - want) > want / 10)
		fail_msg("%ld dark pixels with TJ, %ld with Tj", inked, want);
}

/* A word broken with a hyphen, as the layout sets it: the first part,
 * hyphen included, stands for the whole word; the second for nothing. The
 * word extracts once, whole, and the hyphen never. */
static void a_hyphenated_word_extracts_whole_once(void **state)
{
	fixture *fx = *state;
	lay_item items[4] = {
		text(72, 700, F_SERIF, 12, "Public "),
		text(110, 700, F_SERIF, 12, "infra-"),
		text(72, 685, F_SERIF, 12, "structure"),
		text(120, 685, F_SERIF, 12, " ages."),
	};
	items[1].u.text.actual = "infrastructure";
	items[1].u.text.actual_len = 14;
	items[2].u.text.actual = "";
	items[2].u.text.actual_len = 0;
	lay_page page = {.items = items, .nitems = 4};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "hyphen.pdf", path, sizeof path);
	qpdf_accepts(path);

	char *q = qdf_text(path);
	assert_non_null(strstr(q, "/Span <</ActualText <feff0069006e006600720061007300740072"
	                          "007500630074007500720065>>> BDC (infra-) Tj EMC"));
	assert_non_null(strstr(q, "/Span <</ActualText <feff>>> BDC (structure) Tj EMC"));
	assert_int_equal(count_of(q, " EMC"), 2);
	free(q);
	char *out = extract_text(fx, path);
	assert_string_equal(out, "Public infrastructure\nages.\n\n\f");
	free(out);
}

/* Positions are written to 0.01 pt and each move is taken from where the
 * last one left the reader, so rounding never adds up: 120 runs 5.123 pt
 * apart end within 0.005 pt of where the last one was laid out. */
static void rounded_text_moves_do_not_drift(void **state)
{
	fixture *fx = *state;
	enum { RUNS = 120 };
	lay_item items[RUNS];
	for (int i = 0; i < RUNS; i++)
		items[i] = text(20 + 4.123f * (float)i, 700 - 0.037f * (float)i, F_SERIF, 4, "i");
	lay_page page = {.items = items, .nitems = RUNS};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "drift.pdf", path, sizeof path);
	char *q = qdf_text(path);
	double x = 0, y = 0;
	int moves = 0;
	for (const char *p = q; (p = strstr(p, " Td")) != NULL; p += 3) {
		const char *start = p;
		for (int spaces = 0; start > q && spaces < 2; start--)
			spaces += start[-1] == ' ' || start[-1] == '\n';
		double dx, dy;
		assert_int_equal(sscanf(start, "%lf %lf Td", &dx, &dy), 2);
		x += dx;
		y += dy;
		moves++;
	}
	free(q);
	assert_int_equal(moves, RUNS);
	assert_true(fabs(x - (20 + 4.123 * (RUNS - 1))) <= 0.0051);
	assert_true(fabs(y - (700 - 0.037 * (RUNS - 1))) <= 0.0051);
}

/* A synthetic italic shears the text matrix; the next upright run sets it
 * back. A run of the same shear moves relative to the last, the shear
 * taken into account: from (72, 680) to (100, 640) is 28 - 0.25 * -40 = 38
 * across in text space. All extract. */
static void a_slanted_run_shears_the_text_matrix_and_the_next_is_upright(void **state)
{
	fixture *fx = *state;
	lay_item items[5] = {
		text(72, 700, F_SERIF, 12, "Upright, "),    /* 43.332 points wide */
		text(115.332f, 700, F_SERIF, 12, "slanted"),  /* 33.972 */
		text(149.304f, 700, F_SERIF, 12, " again."),
		kerned(72, 680, F_NANUM, 12, "AV한국어", kern_av_korean),
		text(100, 640, F_SERIF, 12, "Twice"),
	};
	items[1].u.text.slant = 0.2f;
	items[3].u.text.slant = 0.25f;
	items[4].u.text.slant = 0.25f;
	lay_page page = {.items = items, .nitems = 5};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "slant.pdf", path, sizeof path);
	qpdf_accepts(path);

	char *q = qdf_text(path);
	assert_non_null(strstr(q, " 72 700 Td /F1 12 Tf (Upright, ) Tj "));
	/* positions are written to 0.01 pt */
	assert_non_null(strstr(q, " 1 0 0.2 1 115.33 700 Tm (slanted) Tj "));
	assert_non_null(strstr(q, " 1 0 0 1 149.3 700 Tm ( again.) Tj "));
	assert_non_null(strstr(q, " 1 0 0.25 1 72 680 Tm /F2 12 Tf [(A) 46 "));
	assert_non_null(strstr(q, "] TJ 38 -40 Td /F1 12 Tf (Twice) Tj"));
	free(q);
	char *out = extract_text(fx, path);
	assert_string_equal(out, "Upright, slanted again.\n\nAV한국어\nTwice\n\n\f");
	free(out);
}

/* A kerned run past the string limit is shown in pieces too, each with
 * the adjustments of its own characters: the cut at 16,000 bytes falls
 * after an A, whose adjustment ends the first array; the second starts
 * with the V after it. */
static void long_kerned_runs_are_shown_in_pieces_with_their_adjustments(void **state)
{
	fixture *fx = *state;
	enum { N = 35000 };
	char *s = malloc(1 + 2 * N + 1);
	short *kern = malloc((1 + 2 * N) * sizeof *kern);
	assert_non_null(s);
	assert_non_null(kern);
	s[0] = 'x';
	kern[0] = 0;
	for (int i = 0; i < N; i++) {
		memcpy(s + 1 + 2 * i, "AV", 2);
		kern[1 + 2 * i] = -129;
		kern[2 + 2 * i] = 0;
	}
	s[1 + 2 * N] = '\0';
	lay_item items[1] = {kerned(10, 700, F_SERIF, 1, s, kern)};
	lay_page page = {.items = items, .nitems = 1};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "long-kerned.pdf", path, sizeof path);
	qpdf_accepts(path);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "] TJ"), 5);
	assert_int_equal(count_of(q, " 129 "), N);
	assert_non_null(strstr(q, " 10 700 Td /F1 1 Tf [(xA) 129 (VA) 129 "));
	assert_non_null(strstr(q, "(VA) 129 ] TJ [(VA) 129 (VA) 129 "));
	assert_non_null(strstr(q, "(VA) 129 (V)] TJ ET"));
	free(q);
	free(kern);
	free(s);
}

/* ---- one-byte and two-byte codes ------------------------------------------- */

/* Latin punctuation and the string delimiters go through the one-byte font
 * and extract as written: ( ) and \\ escaped in the literal string, ’ “ ” –
 * … given codes from 0x80 up, and no CID font made when every character has
 * a one-byte code. */
static void one_byte_text_extracts_as_written(void **state)
{
	fixture *fx = *state;
	const char *line = "Say \u201C(a\\b)\u201D \u2013 it\u2019s \u2026 caf\u00E9";
	lay_item items[1] = {text(72, 700, F_SERIF, 12, line)};
	lay_page page = {.items = items, .nitems = 1};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "onebyte.pdf", path, sizeof path);
	qpdf_accepts(path);
	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "/Subtype /TrueType"), 1);
	assert_int_equal(count_of(q, "/Subtype /Type0"), 0);
	assert_int_equal(count_of(q, " Tj "), 1);
	/* é (U+00E9) is its own code; “ ” – ’ … take 0x80.. in the order they
	 * first appear */
	assert_non_null(strstr(q, "<80> <81> <201C> <82> <82> <2013> <83> <83> <2019> "
	                          "<84> <84> <2026> <E9> <E9> <00E9>"));
	free(q);
	char *out = extract_text(fx, path);
	char want[128];
	snprintf(want, sizeof want, "%s\n\n\f", line);
	assert_string_equal(out, want);
	free(out);
}

/* ---- a page at a time ----------------------------------------------------- */

/* Pages handed to the writer one at a time, as lay_document_stream does:
 * each drawn when it comes (its items may be gone after), a link on page 1
 * to page 2 made at the end, the late items ("Page 1 of 2") appended to
 * each page's one content stream, the fonts completed at pdf_close. The
 * file extracts as the same pages written whole do, and pages out of order
 * are refused. */
static void pages_written_one_at_a_time_with_late_items(void **state)
{
	fixture *fx = *state;
	lay_item first[2] = {
		text(72, 740, F_SERIF, 12, "Contents \u2013 caf\u00E9"),
		{.kind = LAY_LINK, .x = 72, .y = 736, .w = 120, .h = 14,
		 .u.link = {.page = 1, .top = 700}},
	};
	lay_item second[1] = {text(72, 740, F_NANUM, 12, "\uD55C\uAD6D\uC5B4 briefing")};
	lay_item late[2][1] = {{text(72, 30, F_SERIF, 9, "Page 1 of 2")},
	                       {text(72, 30, F_SERIF, 9, "Page 2 of 2")}};
	lay_page pages[2] = {{.items = first, .nitems = 2}, {.items = second, .nitems = 1}};
	lay_page none[2] = {{0}, {0}};
	char path[256], err[512];
	in_dir(fx, "stream.pdf", path, sizeof path);

	pdf_writer *w = pdf_open();
	assert_non_null(w);
	lay_doc growing = doc_of(none, 1);
	assert_int_equal(pdf_page(w, &growing, 0, &pages[0]), 0);
	growing.npages = 2;
	assert_int_equal(pdf_page(w, &growing, 1, &pages[1]), 0);
	for (int p = 0; p < 2; p++) {
		lay_page l = {.items = late[p], .nitems = 1};
		assert_int_equal(pdf_page_late(w, &growing, p, &l), 0);
	}
	lay_doc final = doc_of(none, 2);
	if (pdf_close(w, &final, NULL, path, err, sizeof err) != 0)
		fail_msg("pdf_close: %s", err);
	qpdf_accepts(path);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "/Contents ["), 0);        /* one stream a page */
	assert_dest_to_page_2(q);
	free(q);

	/* the same pages written whole, the late items among the others */
	lay_item all0[3] = {first[0], first[1], late[0][0]};
	lay_item all1[2] = {second[0], late[1][0]};
	lay_page whole[2] = {{.items = all0, .nitems = 3}, {.items = all1, .nitems = 2}};
	lay_doc doc = doc_of(whole, 2);
	char path2[256];
	write_ok(fx, &doc, NULL, "whole.pdf", path2, sizeof path2);
	char *got = extract_text(fx, path), *exp = extract_text(fx, path2);
	assert_string_equal(got, exp);
	assert_non_null(strstr(got, "Page 2 of 2"));
	assert_non_null(strstr(got, "\uD55C\uAD6D\uC5B4 briefing"));
	free(got);
	free(exp);

	w = pdf_open();
	assert_non_null(w);
	assert_int_equal(pdf_page(w, &growing, 1, &pages[1]), -1);
	assert_string_equal(pdf_error(w), "PDF: page 2 comes out of order");
	assert_int_equal(pdf_page(w, &growing, 0, &pages[0]), -1);     /* stays failed */
	pdf_abandon(w);

	/* a page's content is finished with its late items: once */
	w = pdf_open();
	assert_non_null(w);
	lay_page l = {.items = late[0], .nitems = 1};
	assert_int_equal(pdf_page(w, &growing, 0, &pages[0]), 0);
	assert_int_equal(pdf_page_late(w, &growing, 0, &l), 0);
	assert_int_equal(pdf_page_late(w, &growing, 0, &l), -1);
	assert_string_equal(pdf_error(w), "PDF: page 1: its late items were drawn already");
	pdf_abandon(w);
}

/* A face drawing more distinct characters than one byte holds: the first
 * 255 drawn get one-byte codes, the others CIDs in a Type0 font over the
 * same font file. A run mixing both switches fonts inside its text block
 * and extracts whole; the same pages written twice give the same bytes. */
static void a_run_past_255_characters_mixes_one_and_two_byte_codes(void **state)
{
	fixture *fx = *state;
	enum { RARE = 300 };
	/* Latin drawn often (line 1, many times), then 300 syllables once */
	char *rare = malloc(3 * RARE + 64);
	assert_non_null(rare);
	char *w = rare + sprintf(rare, "Mixed ");
	for (int i = 0; i < RARE; i++) {
		unsigned cp = 0xAC00 + 3 * (unsigned)i;
		*w++ = (char)(0xE0 | (cp >> 12));
		*w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*w++ = (char)(0x80 | (cp & 0x3F));
	}
	strcpy(w, " end");
	lay_item items[3] = {
		text(20, 800, F_NANUM, 10, "Often often often often often often often often."),
		text(20, 780, F_NANUM, 10, "Often often often often often often often often."),
		text(20, 760, F_NANUM, 1, rare),
	};
	lay_page page = {.items = items, .nitems = 3};
	lay_doc doc = doc_of(&page, 1);
	char path[256], again[256];
	write_ok(fx, &doc, NULL, "mixed.pdf", path, sizeof path);
	write_ok(fx, &doc, NULL, "mixed-again.pdf", again, sizeof again);
	qpdf_accepts(path);

	size_t n1, n2;
	char *b1 = support_read_file_or_fail(path, &n1), *b2 = support_read_file_or_fail(again, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	free(b1);
	free(b2);

	char *q = qdf_text(path);
	assert_int_equal(count_of(q, "/Subtype /TrueType"), 1);
	assert_int_equal(count_of(q, "/Subtype /Type0"), 1);
	assert_int_equal(count_of(q, "/FontFile2 "), 1);
	assert_int_equal(count_of(q, "/CIDToGIDMap "), 1);
	/* the mixed run: "Mixed " and the first 241 syllables (ties go to the
	 * lower code point) one-byte -- in hex from qpdf, "Mixed " as itself --,
	 * the last 59 in the CID font, back to one byte for " end" */
	assert_non_null(strstr(q, " Tf <4d6978656420808182"));
	assert_non_null(strstr(q, "> Tj /F2 1 Tf <"));
	assert_non_null(strstr(q, "> Tj /F1 1 Tf ( end) Tj ET"));
	free(q);

	char *out = extract_text(fx, path);
	assert_non_null(strstr(out, "Often often often"));
	/* pdftotext reads the syllables in order (the run is longer than the
	 * page at 1 pt, so only its start is compared) */
	assert_memory_equal(out + strlen("Often often often often often often often often.\n") * 2,
	                    rare, 6 + 3 * 100);
	free(out);
	free(rare);
}

/* ---- the catalog ---------------------------------------------------------- */

/* Viewers number pages as the footers do (labels 1, 2, 3 from page labels
 * starting at 1), and the document's language is in its catalog, when it
 * has one. */
static void page_labels_and_the_language_are_in_the_catalog(void **state)
{
	fixture *fx = *state;
	lay_item items[1] = {text(72, 700, F_NANUM, 11, "보고서")};
	lay_page pages[3] = {
		{.items = items, .nitems = 1},
		{.items = items, .nitems = 1},
		{.items = items, .nitems = 1},
	};
	static const char *const langs[3] = {"ko-KR", "en-US", NULL};
	for (int i = 0; i < 3; i++) {
		lay_doc doc = doc_of(pages, 3);
		doc.lang = langs[i];
		char path[256];
		write_ok(fx, &doc, NULL, "catalog.pdf", path, sizeof path);
		qpdf_accepts(path);

		char *q = qdf_text(path);
		assert_non_null(strstr(q, "/PageLabels << /Nums [ 0 << /S /D /St 1 >> ] >>"));
		char want[64];
		snprintf(want, sizeof want, "/Lang (%s)", langs[i] ? langs[i] : "");
		if (langs[i])
			assert_non_null(strstr(q, want));
		else
			assert_null(strstr(q, "/Lang"));
		free(q);

		int st;
		char *out = support_run(&st, "qpdf --json --json-key=pagelabels '%s' | tr -d ' \\n'",
		                        path);
		assert_int_equal(st, 0);
		assert_non_null(strstr(out, "\"pagelabels\":[{\"index\":0,\"label\":{\"/S\":\"/D\","
		                            "\"/St\":1}}]"));
		free(out);
	}
}

/* A face showing thousands of scattered characters -- every other Hangul
 * syllable from U+AC00, 2,500 of them -- maps every one back to Unicode:
 * the ToUnicode map has as many ranges as the text needs. */
static void thousands_of_scattered_characters_extract_back(void **state)
{
	fixture *fx = *state;
	enum { N = 2500 };
	char *s = malloc(3 * N + 1), *want = malloc(3 * N + 1);
	assert_non_null(s);
	assert_non_null(want);
	for (int i = 0; i < N; i++) {
		unsigned cp = 0xAC00 + 2 * (unsigned)i;
		s[3 * i] = (char)(0xE0 | (cp >> 12));
		s[3 * i + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3 * i + 2] = (char)(0x80 | (cp & 0x3F));
	}
	s[3 * N] = '\0';
	memcpy(want, s, 3 * N + 1);
	enum { LINES = 50, PER = N / LINES };
	lay_item items[LINES];
	char *line[LINES];
	for (int l = 0; l < LINES; l++) {
		line[l] = strndup(s + 3 * PER * l, 3 * PER);
		items[l] = text(20, 800 - 15 * (float)l, F_NANUM, 10, line[l]);
	}
	lay_page page = {.items = items, .nitems = LINES};
	lay_doc doc = doc_of(&page, 1);
	char path[256];
	write_ok(fx, &doc, NULL, "scattered.pdf", path, sizeof path);
	qpdf_accepts(path);

	char *out = extract_text(fx, path);
	char *w = out;
	for (char *r = out; *r; r++)
		if (*r != '\n' && *r != '\f' && *r != ' ')
			*w++ = *r;
	*w = '\0';
	assert_string_equal(out, want);
	free(out);
	for (int l = 0; l < LINES; l++)
		free(line[l]);
	free(want);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(writes_a_file_that_qpdf_accepts),
		T(every_item_kind_reaches_the_content_stream),
		T(images_are_embedded_from_memory_once_each),
		T(consecutive_text_items_share_one_text_block),
		T(text_extracts_back_with_pdftotext),
		T(output_is_byte_identical_for_same_input),
		T(no_date_given_means_no_date_in_the_file),
		T(outline_and_title_metadata_present),
		T(subset_fonts_are_small),
		T(each_used_face_is_embedded_once_and_unused_faces_not_at_all),
		T(internal_link_and_uri_link),
		T(long_runs_are_shown_in_pieces_cut_between_characters),
		T(two_files_with_one_postscript_name_are_both_embedded),
		T(undecoded_image_or_bad_font_fails_with_message_not_crash),
		T(unwritable_output_or_empty_document_fails_with_message),
		T(non_finite_positions_are_refused),
		T(renders_a_thousand_pages),
		T(kerned_runs_are_shown_with_tj_and_extract_back),
		T(glyphs_shown_only_with_tj_are_embedded),
		T(long_kerned_runs_are_shown_in_pieces_with_their_adjustments),
		T(a_hyphenated_word_extracts_whole_once),
		T(page_labels_and_the_language_are_in_the_catalog),
		T(thousands_of_scattered_characters_extract_back),
		T(rounded_text_moves_do_not_drift),
		T(a_slanted_run_shears_the_text_matrix_and_the_next_is_upright),
		T(one_byte_text_extracts_as_written),
		T(a_run_past_255_characters_mixes_one_and_two_byte_codes),
		T(pages_written_one_at_a_time_with_late_items),
#undef T
	};
	return cmocka_run_group_tests_name("pdf", tests, group_setup, group_teardown);
}

/*
 * raw_table.c -- the long-table workload written with libharu alone, the
 * floor tests/bench.sh sets brief's memory beside: R rows of three cells
 * ("17", "Row 17 of the long table", "119"), as tests/bench/table.lua lays
 * them out -- A4, 2 cm margins, Liberation Sans 9 pt on 11 pt lines in
 * cells padded 3 and 2 pt, columns 60, 250 and 80 pt (the last right
 * aligned), a bold header on grey repeated on every page, a rule under each
 * row, "Page X of Y" centred in the footer. Embedded TrueType with UTF-8,
 * compression on, every page kept open until the footers are written, as
 * a program driving libharu by hand does.
 *
 *   raw_table ROWS out.pdf
 */
#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_H 841.89f
#define PAGE_W 595.276f
#define MARGIN 56.693f
#define SIZE 9.0f
#define LEAD 11.0f
#define PAD_X 3.0f
#define PAD_Y 2.0f
#define ROW_H (LEAD + 2 * PAD_Y)

static const char *const REGULAR =
	"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
static const char *const BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf";
static const float WIDTHS[3] = {60, 250, 80};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "raw_table: libharu error 0x%04X (%u)\n", (unsigned)code,
	        (unsigned)detail);
	exit(1);
}

/* Draws one row of three cells with its top at y. */
static void row(HPDF_Page page, HPDF_Font font, float y, const char *const cells[3],
                bool header)
{
	float width = WIDTHS[0] + WIDTHS[1] + WIDTHS[2];
	if (header) {
		HPDF_Page_SetGrayFill(page, 0.85f);
		HPDF_Page_Rectangle(page, MARGIN, y - ROW_H, width, ROW_H);
		HPDF_Page_Fill(page);
		HPDF_Page_SetGrayFill(page, 0);
	}
	HPDF_Page_SetFontAndSize(page, font, SIZE);
	HPDF_Page_BeginText(page);
	float x = MARGIN, base = y - PAD_Y - SIZE * 0.8f - (LEAD - SIZE) / 2;
	for (int k = 0; k < 3; k++) {
		float left = x + PAD_X;
		if (k == 2)
			left = x + WIDTHS[k] - PAD_X - HPDF_Page_TextWidth(page, cells[k]);
		HPDF_Page_TextOut(page, left, base, cells[k]);
		x += WIDTHS[k];
	}
	HPDF_Page_EndText(page);
	HPDF_Page_MoveTo(page, MARGIN, y - ROW_H);
	HPDF_Page_LineTo(page, MARGIN + width, y - ROW_H);
	HPDF_Page_Stroke(page);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: raw_table ROWS out.pdf\n");
		return 2;
	}
	long rows = atol(argv[1]);
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_Font regular = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, REGULAR, HPDF_TRUE),
	                                 "UTF-8");
	HPDF_Font bold = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, BOLD, HPDF_TRUE),
	                              "UTF-8");
	HPDF_Page *pages = NULL;
	int npages = 0, cap = 0;
	static const char *const header[3] = {"No", "Text", "Value"};
	float y = 0;
	for (long r = 1; r <= rows; r++) {
		if (npages == 0 || y - ROW_H < MARGIN) {
			if (npages == cap) {
				cap = cap ? cap * 2 : 64;
				pages = realloc(pages, (size_t)cap * sizeof *pages);
			}
			HPDF_Page page = pages[npages++] = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
			HPDF_Page_SetLineWidth(page, 0.3f);
			y = PAGE_H - MARGIN;
			row(page, bold, y, header, true);
			y -= ROW_H;
		}
		char no[24], text[64], value[24];
		snprintf(no, sizeof no, "%ld", r);
		snprintf(text, sizeof text, "Row %ld of the long table", r);
		snprintf(value, sizeof value, "%ld", r * 7 % 1000);
		row(pages[npages - 1], regular, y, (const char *const[3]){no, text, value}, false);
		y -= ROW_H;
	}
	for (int p = 0; p < npages; p++) {
		char footer[64];
		snprintf(footer, sizeof footer, "Page %d of %d", p + 1, npages);
		HPDF_Page_SetFontAndSize(pages[p], regular, 9);
		float w = HPDF_Page_TextWidth(pages[p], footer);
		HPDF_Page_BeginText(pages[p]);
		HPDF_Page_TextOut(pages[p], (PAGE_W - w) / 2, MARGIN * 0.45f, footer);
		HPDF_Page_EndText(pages[p]);
	}
	if (HPDF_SaveToFile(pdf, argv[2]) != HPDF_OK)
		return 1;
	HPDF_Free(pdf);
	free(pages);
	return 0;
}

/*
 * style.c -- brief's default page style and paper sizes.
 */
#include "doc/style.h"

#include <string.h>

#include <stddef.h>
#include <strings.h>

#include "doc/document.h"

#define CM (72.0 / 2.54)

static const struct paper {
	const char *name;
	double width, height;
} papers[] = {
	{"A4", 595.276, 841.890},
	{"Letter", 612.0, 792.0},
	{"Legal", 612.0, 1008.0},
	{"A5", 419.528, 595.276},
	{"A3", 841.890, 1190.551},
};

bool style_set_paper(doc_style *s, const char *name)
{
	for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
		if (strcasecmp(name, papers[i].name) == 0) {
			s->page_width = papers[i].width;
			s->page_height = papers[i].height;
			return true;
		}
	}
	return false;
}

void style_default(doc_style *s)
{
	static const doc_rgb ink = {0.10f, 0.10f, 0.12f};
	static const doc_rgb navy = {0.09f, 0.22f, 0.40f};
	static const doc_rgb grey = {0.40f, 0.42f, 0.45f};

	*s = (doc_style){0};
	style_set_paper(s, "A4");
	s->margin_top = 2.2 * CM;
	s->margin_bottom = 2.4 * CM;
	s->margin_left = s->margin_right = 2.2 * CM;

	s->body_family = DOC_SERIF;
	s->body_size = 10.5;
	s->body_leading = 14.5;
	s->paragraph_space = 7;
	s->body_align = DOC_ALIGN_JUSTIFY;
	s->text_color = ink;

	s->heading_family = DOC_SANS;
	s->heading_size[0] = 16;
	s->heading_size[1] = 13;
	s->heading_size[2] = 11;
	s->heading_space_before[0] = 18;
	s->heading_space_before[1] = 14;
	s->heading_space_before[2] = 10;
	s->heading_space_after[0] = 8;
	s->heading_space_after[1] = 6;
	s->heading_space_after[2] = 4;
	s->heading_color = navy;
	s->heading_numbers = true;

	s->title_family = DOC_SANS;
	s->title_size = 24;
	s->subtitle_size = 13;
	s->title_color = navy;
	s->accent = navy;
	s->muted = grey;
	/* series colours whose greys differ too (luminance 0.19, 0.64, 0.30,
	 * 0.77, 0.47, 0.86, 0.10, 0.55): charts stay readable printed in black */
	static const doc_rgb series[DOC_CHART_COLORS] = {
		{0.09f, 0.22f, 0.40f}, {0.93f, 0.60f, 0.20f}, {0.65f, 0.20f, 0.25f},
		{0.60f, 0.80f, 0.90f}, {0.20f, 0.55f, 0.45f}, {0.95f, 0.87f, 0.55f},
		{0.12f, 0.12f, 0.14f}, {0.65f, 0.50f, 0.80f},
	};
	memcpy(s->chart_colors, series, sizeof series);
	s->nchart_colors = DOC_CHART_COLORS;

	s->table_size = 9;
	s->table_leading = 11.5;
	s->table_pad_x = 4;
	s->table_pad_y = 3;
	s->table_space_before = 2;
	s->table_space_after = -1;
	s->table_header_fill = navy;
	s->table_header_text = (doc_rgb){1, 1, 1};
	s->table_stripe = (doc_rgb){0.94f, 0.95f, 0.97f};
	s->table_striped = true;
	s->table_rule = (doc_rgb){0.70f, 0.72f, 0.76f};

	s->footer.center = "Page {page} of {pages}";
	s->footer.size = 8.5;
	s->footer.color = grey;
	s->header.size = 8.5;
	s->header.color = grey;
	s->title_block = true;
	s->contents_title = "Contents";
}

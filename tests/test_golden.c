/*
 * test_golden.c -- golden layouts: English and Korean paragraphs, lists,
 * tables, footnotes and headings laid out with the installed fonts, dumped
 * as text page by page and line by line, and compared with the dumps
 * pinned in tests/golden/NAME.txt. What they pin is where lines end, where
 * words are hyphenated and where pages break, so that a change to the line
 * breaker, the hyphenation, the breaking rules or the pagination shows as a
 * diff naming the page and line that moved.
 *
 * An intended change of layout is re-pinned with one command, run from the
 * repository root (where the unit tests run):
 *
 *     BRIEF_GOLDEN_UPDATE=1 build/tests/test_golden
 *
 * which writes every dump instead of comparing it (and says so). Read the
 * diff of tests/golden/ before committing it: the dumps are meant to be
 * reviewed by eye. tests/golden/README.md describes their format.
 *
 * The measure of word spaces in a justified 180 pt column is in
 * test_layout.c; these tests pin what the lines are, not how they are
 * spaced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/document.h"
#include "doc/markup.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "layout/page.h"
#include "util/arena.h"
#include "support.h"

#define GOLDEN_DIR "tests/golden"
#define EPS 0.01f
#define SPACE 0.1f          /* of an em: a narrower gap between items is no space
                               (a justified space shrinks to 1/6 em at most) */
#define CONTEXT 3           /* unchanged lines shown around a difference */
#define HUNK 40             /* changed lines shown of each side, at most */

static lay_fonts *fonts;    /* opened once for the group */
static const char *progname = "build/tests/test_golden";

/* ---- building documents ------------------------------------------------------------ */

/* Each block's "script line" is its index + 1, so that a warning in a dump
 * names the block it is about. */
static doc_block *add(doc_document *d, doc_kind kind)
{
	doc_block *b = doc_add(d, kind, d->nblocks + 1);
	assert_non_null(b);
	return b;
}

static void paragraph(doc_document *d, const char *markup, doc_align align)
{
	doc_block *b = add(d, DOC_PARAGRAPH);
	assert_true(markup_parse(d, markup, &b->u.paragraph.text));
	b->u.paragraph.align = align;
}

static void heading(doc_document *d, const char *text, int level)
{
	bool ok;
	doc_text t = doc_plain_text(d, text, &ok);
	assert_true(ok);
	doc_block *b = add(d, DOC_HEADING);
	b->u.heading.text = t;
	b->u.heading.level = level;
}

/* A list of the n items given as markup, in d's arena. */
static doc_list *list_of(doc_document *d, bool ordered, const char *const *items, int n)
{
	doc_list *l = arena_alloc(d->arena, sizeof *l);
	doc_list_item *its = arena_alloc(d->arena, (size_t)n * sizeof *its);
	assert_non_null(l);
	assert_non_null(its);
	for (int i = 0; i < n; i++) {
		its[i] = (doc_list_item){{0}, NULL};
		assert_true(markup_parse(d, items[i], &its[i].text));
	}
	*l = (doc_list){.ordered = ordered, .nitems = n, .items = its};
	return l;
}

/* Adds a list of the n items given as markup; when sub is not NULL, item
 * `at` has a nested bulleted list of the nsub items of sub. */
static void list(doc_document *d, bool ordered, const char *const *items, int n,
                 const char *const *sub, int nsub, int at)
{
	doc_list *l = list_of(d, ordered, items, n);
	if (sub)
		l->items[at].sublist = list_of(d, false, sub, nsub);
	add(d, DOC_LIST)->u.list = *l;
}

/* A table of ncols columns of the given widths (points, all given, so the
 * dump can tell the columns apart) and nrows rows; titles[j] heads column
 * j, cells holds the rows one after the other, as markup; caption may be
 * NULL. */
static void table(doc_document *d, int ncols, const double *widths, const char *const *titles,
                  int nrows, const char *const *cells, const char *caption)
{
	bool ok = true;
	doc_column *cols = arena_alloc(d->arena, (size_t)ncols * sizeof *cols);
	doc_text *texts = arena_alloc(d->arena, (size_t)(nrows * ncols) * sizeof *texts);
	assert_non_null(cols);
	assert_non_null(texts);
	for (int j = 0; j < ncols; j++) {
		cols[j] = (doc_column){doc_plain_text(d, titles[j], &ok), widths[j], DOC_ALIGN_DEFAULT};
		assert_true(ok);
	}
	for (int k = 0; k < nrows * ncols; k++)
		assert_true(markup_parse(d, cells[k], &texts[k]));
	doc_text cap = {0};
	if (caption)
		assert_true(markup_parse(d, caption, &cap));
	add(d, DOC_TABLE)->u.table = (doc_table){ncols, cols, nrows, texts, cap};
}

/* Makes the column `width` points wide, from the default left margin. */
static void column(doc_document *d, double width)
{
	d->style.margin_right = d->style.page_width - d->style.margin_left - width;
}

/* Short pages (about fifteen body lines of 295 pt), so that page breaks
 * fall often, in the middle of lists, tables and sections. */
static void short_pages(doc_document *d)
{
	d->style.page_width = 420;
	d->style.page_height = 360;
}

/* ---- the texts ---------------------------------------------------------------------- */

static const char en_history[] =
	"The dialogue between the Association of Southeast Asian Nations and the Republic of "
	"Korea began in 1989 as a sectoral partnership and became a full dialogue partnership "
	"two years later. Since then, cooperation has broadened from trade and investment to "
	"environmental protection, transnational crime, public health and cultural exchanges. "
	"Negotiations on a free trade agreement concluded in the mid-2000s, and the agreement on "
	"trade in goods entered into force in 2007, followed by agreements on services and "
	"investment. Notwithstanding periodic disagreements over implementation, bilateral "
	"commerce has grown considerably, and the establishment of the ASEAN\u2013Korea Centre "
	"in Seoul in 2009 institutionalised people-to-people connectivity. In 2024 the "
	"relationship was elevated to a comprehensive strategic partnership, a characterisation "
	"that acknowledges its multidimensional significance.";

static const char en_priorities[] =
	"Officials describe the partnership\u2019s priorities in four clusters: economic "
	"integration, including the upgrading of the free trade agreement and the digital "
	"economy; security cooperation, from maritime affairs to counter-terrorism; "
	"socio-cultural exchanges, notably scholarships, tourism and the Korean Wave; and "
	"development cooperation through the Mekong\u2013Korea framework and the ASEAN\u2013Korea "
	"Cooperation Fund, whose annual contribution doubled between 2019 and 2024. Each cluster "
	"is reviewed every year by senior officials, who report to the foreign ministers before "
	"the leaders\u2019 summit.";

static const char ko_history[] =
	"한국과 아세안은 1989년 부분 대화 관계를 수립한 이후 1991년 완전 대화 관계로 발전하였고, "
	"2024년에는 포괄적 전략적 동반자 관계로 격상하였다. ASEAN과 한국은 무역, 투자, 인적 교류, "
	"연계성 분야에서 협력을 꾸준히 확대해 왔으며, 2009년 서울에 설립된 한-아세안센터는 경제와 "
	"문화 교류를 지원하고 있다. 양측의 교역액은 2023년 약 2,000억 달러에 이르렀고, 아세안 "
	"회원국 국민의 한국 방문도 크게 늘어 인적 교류가 관계의 중요한 기반이 되었다. 정부는 "
	"2021\u20132025 행동계획에 따라 디지털 경제, 해양 협력, 기후 변화 대응을 새로운 협력 "
	"분야로 제시하였다.";

static const char mixed[] =
	"The 2024 summit in Vientiane raised relations to a Comprehensive Strategic Partnership "
	"(포괄적 전략적 동반자 관계), the highest tier Seoul grants. Korean documents call the "
	"dialogue 한-아세안 대화 관계, and the joint statement names ASEAN과 한국 side by side; "
	"the Korea\u2013ASEAN Centre (한-아세안센터) in Seoul publishes its yearbook in both "
	"languages. Reporters quoted the minister: \u201c아세안은 한국의 제2위 교역 "
	"상대이다\u201d, which the English edition renders as \u201cASEAN is Korea\u2019s "
	"second-largest trading partner\u201d.";

/* ---- the cases ---------------------------------------------------------------------- */

static void en_justified_180(doc_document *d)
{
	column(d, 180);
	paragraph(d, en_history, DOC_ALIGN_JUSTIFY);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
}

static void en_justified_full(doc_document *d)
{
	paragraph(d, en_history, DOC_ALIGN_JUSTIFY);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	paragraph(d, "Short last paragraph, one line.", DOC_ALIGN_JUSTIFY);
}

static void en_ragged(doc_document *d)
{
	column(d, 250);
	paragraph(d, en_history, DOC_ALIGN_LEFT);
	paragraph(d, en_priorities, DOC_ALIGN_LEFT);
}

/* Soft hyphens say where a word may break; a URL breaks after a slash,
 * never at its own hyphens. */
static void en_soft_hyphen_url(doc_document *d)
{
	column(d, 180);
	paragraph(d,
	          "Background papers are pub\u00ADlished on the Secre\u00ADtariat\u2019s site at "
	          "https://asean.org/our-communities/economic-community/integration-monitoring/ "
	          "and the Centre\u2019s statistical year\u00ADbook, at "
	          "https://www.aseankorea.org/eng/Resources/figures.asp?pageNum=40, compiles "
	          "trade, invest\u00ADment and tourism figures for every member state. The "
	          "ex\u00ADtra\u00ADor\u00ADdi\u00ADnar\u00ADi\u00ADly long Korea\u00ADASEAN\u00ADMekong"
	          "\u00ADConnectivity\u00ADInitiative name breaks only where the script says.",
	          DOC_ALIGN_JUSTIFY);
	paragraph(d,
	          "The same text ragged: background papers are pub\u00ADlished at "
	          "https://asean.org/our-communities/economic-community/integration-monitoring/ "
	          "and the year\u00ADbook at https://www.aseankorea.org/eng/Resources/figures.asp.",
	          DOC_ALIGN_LEFT);
}

/* Compounds at an en dash or a hyphen stay whole: a line never ends at
 * one. The narrow column puts many of them at a line's end. */
static void en_compounds(doc_document *d)
{
	column(d, 150);
	paragraph(d,
	          "The ASEAN\u2013Korea Free Trade Agreement of 2007\u20132009, the "
	          "Korea\u2013Mekong ministerial meeting, the ASEAN-ROK Plan of Action for "
	          "2021\u20132025, the long-standing people-to-people programmes, the "
	          "Korea\u2013ASEAN Special Summit in Busan, the ROK\u2013ASEAN Cooperation Fund, "
	          "state-of-the-art e-government platforms and the cross-border e-commerce "
	          "initiatives all rely on well-established, mutually-reinforcing institutions "
	          "\u2014 pages 12\u201318 of the 2019\u20132020 report list them.",
	          DOC_ALIGN_JUSTIFY);
	paragraph(d,
	          "Ragged, the same compounds: ASEAN\u2013Korea, 2007\u20132009, Korea\u2013Mekong, "
	          "ASEAN-ROK, 2021\u20132025, long-standing, people-to-people, state-of-the-art, "
	          "e-government, cross-border, e-commerce, well-established, mutually-reinforcing.",
	          DOC_ALIGN_LEFT);
}

/* Korean is kept whole between spaces (keep-all) and a particle stays with
 * the Latin word or number before it (ASEAN과, 2024년). */
static void ko_justified(doc_document *d)
{
	d->meta.lang = "ko";
	column(d, 220);
	paragraph(d, ko_history, DOC_ALIGN_JUSTIFY);
	paragraph(d, ko_history, DOC_ALIGN_LEFT);
}

static void ko_en_mixed(doc_document *d)
{
	column(d, 240);
	paragraph(d, mixed, DOC_ALIGN_JUSTIFY);
	paragraph(d, mixed, DOC_ALIGN_LEFT);
}

static const char *const bullets[] = {
	"Trade: the free trade agreement is being upgraded, with chapters on the digital "
	"economy, rules of origin and trade facilitation negotiated through 2025.",
	"Investment.",
	"Connectivity: infrastructure finance, smart cities and the *ASEAN Smart Cities "
	"Network*, with Korean pilot projects in Hanoi, Makassar and Siem Reap, and a "
	"programme of exchanges between the planning offices of twenty-six cities.",
	"People: scholarships, vocational training and visa facilitation.",
	"Environment: climate adaptation, forestry and the management of transboundary haze, "
	"which the 2023 work plan names a priority for the first time, with a fund of its own "
	"and an annual review by the ministers of the environment of every member state.",
	"Health: the ASEAN Centre for Public Health Emergencies and Emerging Diseases.",
};

static const char *const steps[] = {
	"The senior officials draft the work plan.",
	"The **Joint Cooperation Committee** in Jakarta reviews the projects of the Cooperation "
	"Fund and recommends which are financed.",
	"The foreign ministers adopt the plan at their post-ministerial conference.",
	"The leaders endorse it at the summit, usually in the last quarter of the year, together "
	"with a joint statement that sets the priorities for the following year and takes note "
	"of the reports of the sectoral bodies.",
	"The Secretariat monitors implementation.",
	"Each member state reports on the projects it hosts.",
	"The ASEAN\u2013Korea Centre publishes the figures.",
	"An evaluation at mid-term reviews the plan against its indicators and proposes "
	"corrections, which the senior officials consider at their next meeting before they "
	"are submitted to the ministers.",
	"The plan is revised.",
	"A new plan is drafted for the next five years.",
	"The cycle starts again.",
	"Item twelve, the last, has two lines so that its two lines must stay together on "
	"one page.",
};

static const char *const sub_steps[] = {
	"sectoral bodies submit proposals;",
	"the Secretariat checks them against the criteria of the fund, which the ministers "
	"revised in 2022 to favour projects that several member states share;",
	"the committee decides.",
};

/* Lists over short pages: items break between lines like paragraphs (no
 * first line alone at a page's foot, no last line alone at the top) and a
 * mark goes with its item's first lines. */
static void lists(doc_document *d)
{
	short_pages(d);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	list(d, false, bullets, (int)(sizeof bullets / sizeof bullets[0]), NULL, 0, 0);
	paragraph(d, "The annual cycle:", DOC_ALIGN_LEFT);
	list(d, true, steps, (int)(sizeof steps / sizeof steps[0]), sub_steps,
	     (int)(sizeof sub_steps / sizeof sub_steps[0]), 1);
}

/* A table over short pages: its header row is repeated on every page, a
 * row that does not fit moves to the next page, and rows taller than the
 * room left split between lines, two lines at least on either side. */
static const double table_widths[] = {80, 40, 175};

static void table_pages(doc_document *d)
{
	static const char *const titles[] = {"Member state", "Year", "Notes"};
	static const char *const cells[] = {
		"Brunei Darussalam", "1984", "Joined a week after independence.",
		"Cambodia", "1999", "The last of the ten to join.",
		"Indonesia", "1967", "A founding member; hosts the ASEAN Secretariat in Jakarta, "
		"where the ASEAN\u2013Korea Joint Cooperation Committee meets.",
		"Lao PDR", "1997", "Chaired ASEAN in 2024, the year of the Vientiane summit.",
		"Malaysia", "1967", "A founding member.",
		"Myanmar", "1997", "Represented at summits by a non-political representative since "
		"2021, following the decision of the leaders to invite one; the five-point "
		"consensus of April 2021 sets out what ASEAN expects, and the special envoy of the "
		"chair reports on it to every summit; the Korean government has supported the "
		"envoy\u2019s humanitarian work through the AHA Centre, and the cooperation fund "
		"has financed several projects of the centre since 2021, among them the training "
		"of emergency teams and the stockpiling of relief items in the region.",
		"Philippines", "1967", "A founding member; coordinator of the dialogue with Korea "
		"from 2021 to 2024.",
		"Singapore", "1967", "A founding member.",
		"Thailand", "1967", "A founding member; the Bangkok Declaration of 8 August 1967 "
		"was signed there.",
		"Viet Nam", "1995", "Coordinator of the dialogue with Korea from 2024 to 2027.",
	};
	short_pages(d);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	table(d, 3, table_widths, titles, (int)(sizeof cells / sizeof cells[0]) / 3, cells,
	      "The member states, the year each joined ASEAN, and *notes*.");
	paragraph(d, "After the table.", DOC_ALIGN_LEFT);
}

/* Footnotes near a page's foot: a line that cites a note leaves room for
 * it, so a note is set at the foot of the page of its reference, and a
 * line whose note would not fit there goes to the next page with it. */
static void footnotes(doc_document *d)
{
	short_pages(d);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	paragraph(d,
	          "The Centre was founded by a memorandum of understanding signed in 2008.^[At "
	          "the Singapore post-ministerial conference.] Its council, made up of the "
	          "ambassadors of the ten member states and a representative of the Korean "
	          "government, meets once a year in Seoul to approve the work programme and the "
	          "budget,^[Since 2023 the budget has been adopted for two years at a time, by a "
	          "decision of the council taken without objection; the first such budget covered "
	          "2024 and 2025.] and its secretary-general is appointed for three years by the "
	          "council on the proposal of the chair. The Centre\u2019s budget is shared by the "
	          "members, Korea paying the largest part, and its staff come from every member "
	          "state.",
	          DOC_ALIGN_JUSTIFY);
	paragraph(d,
	          "The trade figures quoted in this briefing come from the Korea International "
	          "Trade Association and the ASEAN statistics division^[ASEANstats, the ASEAN "
	          "Secretariat\u2019s statistics division, publishes them every year in its "
	          "yearbook.] and are given in current US dollars.",
	          DOC_ALIGN_JUSTIFY);
}

/* Headings over short pages: a heading is never the last thing on a page,
 * it goes to the next page with the first two lines of what follows. */
static void headings(doc_document *d)
{
	short_pages(d);
	heading(d, "Background", 1);
	paragraph(d, en_history, DOC_ALIGN_JUSTIFY);
	heading(d, "Priorities of the partnership", 2);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	heading(d, "Institutions", 2);
	paragraph(d, "The Centre in Seoul promotes trade, investment, tourism and cultural "
	          "exchanges between Korea and the ten member states.", DOC_ALIGN_JUSTIFY);
	heading(d, "The Joint Cooperation Committee", 3);
	paragraph(d, "It meets in Jakarta.", DOC_ALIGN_JUSTIFY);
	heading(d, "Outlook", 1);
	heading(d, "The next five years", 2);
	paragraph(d, en_priorities, DOC_ALIGN_JUSTIFY);
	heading(d, "Open questions", 2);
	list(d, false, bullets, 3, NULL, 0, 0);
}

typedef struct golden_case {
	const char *name;           /* the dump is tests/golden/NAME.txt */
	const char *what;           /* its first line, after "# " */
	void (*build)(doc_document *d);
	int ncols;                  /* the columns of the case's table, for the dump */
	const double *widths;
} golden_case;

static const golden_case cases[] = {
	{"en-justified-180", "English, justified in a 180 pt column: hyphenation",
	 en_justified_180, 0, NULL},
	{"en-justified-full", "English, justified across the full A4 measure",
	 en_justified_full, 0, NULL},
	{"en-ragged", "English, ragged right (left-aligned) in a 250 pt column",
	 en_ragged, 0, NULL},
	{"en-soft-hyphen-url", "Soft hyphens (U+00AD) and URLs breaking after a slash, 180 pt",
	 en_soft_hyphen_url, 0, NULL},
	{"en-compounds", "Compounds with en dashes and hyphens never broken, 150 pt",
	 en_compounds, 0, NULL},
	{"ko-justified", "Korean (lang ko), justified then ragged, 220 pt: keep-all, ASEAN과",
	 ko_justified, 0, NULL},
	{"ko-en-mixed", "Korean within English, justified then ragged, 240 pt",
	 ko_en_mixed, 0, NULL},
	{"lists", "A bulleted and a numbered list (nested) across short pages",
	 lists, 0, NULL},
	{"table", "A table across short pages: header repeated, rows split",
	 table_pages, 3, table_widths},
	{"footnotes", "Footnotes cited near the foot of short pages",
	 footnotes, 0, NULL},
	{"headings", "Headings near the foot of short pages, kept with what follows",
	 headings, 0, NULL},
};

/* ---- the dump ----------------------------------------------------------------------- */

typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put_str(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void putf(buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof tmp);
	put(b, tmp, (size_t)n);
}

/* What a line is, from the role of its first item. */
static const char *tag_of(int role)
{
	switch ((lay_role)role) {
	case LAY_ROLE_ARTIFACT: return "art";
	case LAY_ROLE_TITLE: return "title";
	case LAY_ROLE_H1: return "h1";
	case LAY_ROLE_H2: return "h2";
	case LAY_ROLE_H3: return "h3";
	case LAY_ROLE_P: return "p";
	case LAY_ROLE_LIST_LABEL:
	case LAY_ROLE_LIST_BODY: return "li";
	case LAY_ROLE_TABLE_HEADER: return "th";
	case LAY_ROLE_TABLE_CELL: return "td";
	case LAY_ROLE_CAPTION: return "cap";
	case LAY_ROLE_FIGURE: return "fig";
	case LAY_ROLE_CONTENTS: return "toc";
	case LAY_ROLE_NOTE_REF: return "ref";
	case LAY_ROLE_NOTE: return "note";
	}
	return "?";
}

static bool in_table(const lay_item *it)
{
	return it->role == LAY_ROLE_TABLE_HEADER || it->role == LAY_ROLE_TABLE_CELL;
}

/* The column of gc's table that x falls in. */
static int column_of(const golden_case *gc, float left, float x)
{
	int col = 0;
	double edge = left;
	for (int j = 0; j < gc->ncols; j++) {
		if (x >= edge - 0.5)
			col = j;
		edge += gc->widths[j];
	}
	return col;
}

/* Top to bottom, then left to right, then in the order drawn. */
static int by_position(const void *pa, const void *pb)
{
	const lay_item *a = *(const lay_item *const *)pa, *b = *(const lay_item *const *)pb;
	if (a->y != b->y)
		return a->y > b->y ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int by_x(const void *pa, const void *pb)
{
	const lay_item *a = *(const lay_item *const *)pa, *b = *(const lay_item *const *)pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* One line of the dump: the items its[0..n), sorted left to right, that
 * share the baseline `base` (a footnote's reference is raised above it). */
static void put_line(buf *b, const golden_case *gc, float left, const lay_item **its, int n,
                     float base)
{
	float size = 0;
	for (int k = 0; k < n; k++)
		size = its[k]->u.text.size > size ? its[k]->u.text.size : size;
	putf(b, "%-5s ", tag_of(its[0]->role));
	bool table = gc->ncols > 0 && in_table(its[0]);
	int col = 0;
	size_t start = b->len;
	for (int k = 0; k < n; k++) {
		const lay_item *it = its[k];
		if (table && in_table(it)) {
			int c = column_of(gc, left, it->x);
			for (; col < c; col++)
				put_str(b, b->len > start && b->s[b->len - 1] != ' ' ? " | " : "| ");
		}
		if (k > 0 && b->len > start && b->s[b->len - 1] != ' ') {
			const lay_item *p = its[k - 1];
			if (it->x - (p->x + p->w) > SPACE * size)
				put_str(b, " ");
		}
		bool raised = it->y > base + EPS;
		if (raised)
			put_str(b, "[^");
		put(b, it->u.text.str, (size_t)it->u.text.len);
		if (raised)
			put_str(b, "]");
	}
	while (b->len > start && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	put_str(b, "\n");
}

/* The body text of page pg, line by line. Items are grouped by baseline;
 * a group of small items raised a little above the next one down (a
 * footnote's reference) joins that line. */
static void put_page(buf *b, const golden_case *gc, const doc_document *d, const lay_page *pg)
{
	const lay_item **its = malloc((size_t)(pg->nitems + 1) * sizeof *its);
	const lay_item **line = malloc((size_t)(pg->nitems + 1) * sizeof *line);
	assert_non_null(its);
	assert_non_null(line);
	int n = 0;
	for (int i = 0; i < pg->nitems; i++)
		if (pg->items[i].kind == LAY_TEXT && pg->items[i].role != LAY_ROLE_ARTIFACT)
			its[n++] = &pg->items[i];
	qsort(its, (size_t)n, sizeof *its, by_position);
	float left = (float)d->style.margin_left;
	int i = 0;
	while (i < n) {
		/* the group [i, j) on one baseline, and the one after it [j, k) */
		int j = i + 1;
		while (j < n && fabsf(its[j]->y - its[i]->y) < EPS)
			j++;
		int k = j;
		while (k < n && fabsf(its[k]->y - its[j]->y) < EPS)
			k++;
		float most = 0, below = 0;
		for (int q = i; q < j; q++)
			most = its[q]->u.text.size > most ? its[q]->u.text.size : most;
		for (int q = j; q < k; q++)
			below = its[q]->u.text.size > below ? its[q]->u.text.size : below;
		bool raised = k > j && most < 0.7f * below && its[i]->y - its[j]->y < 0.6f * below;
		int end = raised ? k : j;
		int m = end - i;
		memcpy(line, its + i, (size_t)m * sizeof *line);
		qsort(line, (size_t)m, sizeof *line, by_x);
		put_line(b, gc, left, line, m, its[end - 1]->y);
		i = end;
	}
	free(line);
	free(its);
}

/* The dump of a laid-out case, into b: its description, then each page's
 * lines, then the warnings. */
static void dump(buf *b, const golden_case *gc, const doc_document *d, const lay_result *r)
{
	putf(b, "# %s\n", gc->what);
	for (int p = 0; p < r->doc->npages; p++) {
		putf(b, "--- page %d ---\n", p + 1);
		put_page(b, gc, d, &r->doc->pages[p]);
	}
	for (int w = 0; w < r->nwarnings; w++)
		putf(b, "! line %d: %s\n", r->warnings[w].line, r->warnings[w].message);
}

/* ---- comparing ---------------------------------------------------------------------- */

/* The lines of s (modified: each '\n' becomes a NUL), into an array owned
 * by the caller; their count in *n. */
static char **split_lines(char *s, int *n)
{
	int cap = 16, k = 0;
	char **ls = malloc((size_t)cap * sizeof *ls);
	assert_non_null(ls);
	for (char *p = s; *p;) {
		if (k == cap) {
			cap *= 2;
			ls = realloc(ls, (size_t)cap * sizeof *ls);
			assert_non_null(ls);
		}
		ls[k++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	*n = k;
	return ls;
}

/* Prints, on stderr, the one hunk in which want and got differ: the lines
 * between their common start and their common end, with the page and line
 * of the pinned dump it starts at. */
static void print_diff(const char *path, const char *want, const char *got)
{
	char *w = strdup(want), *g = strdup(got);
	assert_non_null(w);
	assert_non_null(g);
	int nw, ng;
	char **wl = split_lines(w, &nw), **gl = split_lines(g, &ng);
	int first = 0;
	while (first < nw && first < ng && strcmp(wl[first], gl[first]) == 0)
		first++;
	int tail = 0;
	while (tail < nw - first && tail < ng - first &&
	       strcmp(wl[nw - 1 - tail], gl[ng - 1 - tail]) == 0)
		tail++;
	int page = 0, header = 0;
	for (int i = 0; i < first && i < nw; i++)
		if (sscanf(wl[i], "--- page %d ---", &page) == 1)
			header = i;
	print_error("--- %s (pinned)\n+++ laid out now\n", path);
	if (page > 0)
		print_error("@@ page %d, line %d (line %d of the file) @@\n", page, first - header,
		            first + 1);
	else
		print_error("@@ line %d of the file @@\n", first + 1);
	for (int i = first > CONTEXT ? first - CONTEXT : 0; i < first; i++)
		print_error(" %s\n", wl[i]);
	for (int i = first; i < nw - tail && i < first + HUNK; i++)
		print_error("-%s\n", wl[i]);
	if (nw - tail - first > HUNK)
		print_error("-... %d lines more\n", nw - tail - first - HUNK);
	for (int i = first; i < ng - tail && i < first + HUNK; i++)
		print_error("+%s\n", gl[i]);
	if (ng - tail - first > HUNK)
		print_error("+... %d lines more\n", ng - tail - first - HUNK);
	for (int i = nw - tail; i < nw && i < nw - tail + CONTEXT; i++)
		print_error(" %s\n", wl[i]);
	free(wl);
	free(gl);
	free(w);
	free(g);
}

/* ---- the tests ---------------------------------------------------------------------- */

typedef struct fixture {
	const golden_case *gc;
	doc_document *d;
	lay_result res;
	buf got;
	char *want;
} fixture;

static int open_fonts(void **state)
{
	(void)state;
	fonts = support_open_fonts();
	return fonts ? 0 : -1;
}

static int close_fonts(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

/* *state holds the case (cmocka's initial state); it becomes the fixture. */
static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (!fx || !(fx->d = doc_new())) {
		free(fx);
		return -1;
	}
	fx->gc = *state;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	lay_free(fx->res.doc);
	doc_free(fx->d);
	free(fx->got.s);
	free(fx->want);
	free(fx);
	return 0;
}

static bool updating(void)
{
	const char *u = getenv("BRIEF_GOLDEN_UPDATE");
	return u && *u && strcmp(u, "0") != 0;
}

/* Lays the case out, dumps it and compares the dump with the pinned one
 * (or pins it, when BRIEF_GOLDEN_UPDATE is set). */
static void the_layout_matches_its_golden_dump(void **state)
{
	fixture *fx = *state;
	const golden_case *gc = fx->gc;
	char err[512], path[256];
	gc->build(fx->d);
	if (lay_document(fx->d, fonts, 0, &fx->res, err, sizeof err) != 0)
		fail_msg("%s: lay_document: %s", gc->name, err);
	dump(&fx->got, gc, fx->d, &fx->res);
	snprintf(path, sizeof path, GOLDEN_DIR "/%s.txt", gc->name);
	if (updating()) {
		support_write_file(path, fx->got.s, fx->got.len);
		print_message("golden: wrote %s\n", path);
		return;
	}
	fx->want = support_read_file(path, NULL);
	if (!fx->want)
		fail_msg("cannot read %s: %s (run from the repository root; to pin it: "
		         "BRIEF_GOLDEN_UPDATE=1 %s)", path, strerror(errno), progname);
	if (strcmp(fx->want, fx->got.s) != 0) {
		print_diff(path, fx->want, fx->got.s);
		fail_msg("%s: the layout changed; if that is intended, re-pin with "
		         "BRIEF_GOLDEN_UPDATE=1 %s and review git diff " GOLDEN_DIR, gc->name,
		         progname);
	}
}

int main(int argc, char **argv)
{
	enum { N = sizeof cases / sizeof cases[0] };
	struct CMUnitTest tests[N];
	if (argc > 0 && argv[0])
		progname = argv[0];
	for (int i = 0; i < N; i++)
		tests[i] = (struct CMUnitTest){cases[i].name, the_layout_matches_its_golden_dump,
		                               setup, teardown, (void *)&cases[i]};
	if (updating())
		print_message("BRIEF_GOLDEN_UPDATE is set: writing the dumps in " GOLDEN_DIR
		              " instead of comparing them\n");
	return cmocka_run_group_tests_name("golden", tests, open_fonts, close_fonts);
}

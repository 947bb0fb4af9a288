/*
 * template.c -- a template's table read into a document's style.
 */
#include "script/template.h"

#include <dirent.h>
#include <lauxlib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/fonts.h"
#include "script/arg.h"
#include "script/run.h"
#include "script/sandbox.h"

static doc_rgb parse_color(lua_State *L, int i, const char *what)
{
	const char *s = lua_tostring(L, i);
	unsigned r = 0, g = 0, b = 0;     /* luaL_error does not return */
	if (!s || sscanf(s, "#%2x%2x%2x", &r, &g, &b) != 3 || strlen(s) != 7)
		luaL_error(L, "%s: colour must be \"#rrggbb\"", what);
	return (doc_rgb){(float)r / 255, (float)g / 255, (float)b / 255};
}

static doc_family parse_family(lua_State *L, int i, const char *what)
{
	const char *s = lua_tostring(L, i);
	int f = s ? fonts_family_named(s) : -1;
	if (f < 0)
		luaL_error(L, "%s: unknown font '%s' (brief has \"sans\" and \"serif\")", what,
		           s ? s : luaL_typename(L, i));
	return (doc_family)f;
}

typedef enum { F_NUM, F_PAD, F_SPACES, F_SIZE, F_SIZES, F_COLOR, F_COLORS, F_FAMILY, F_BOOL,
               F_STR, F_ALIGN,
               F_LINEBREAKS, F_STRIPE } ftype;

/* Every style key a template may set: in which of its tables (NULL: at the
 * top), of what type, and where it lands in doc_style. Applied in this
 * order, so the first bad value is the one reported. */
typedef struct style_key {
	const char *section;
	const char *key;
	ftype type;
	size_t offset;
} style_key;

#define KEY(section, key, type, field) {section, key, type, offsetof(doc_style, field)}
static const style_key style_keys[] = {
	KEY("margins", "top", F_NUM, margin_top),
	KEY("margins", "bottom", F_NUM, margin_bottom),
	KEY("margins", "left", F_NUM, margin_left),
	KEY("margins", "right", F_NUM, margin_right),
	KEY("body", "font", F_FAMILY, body_family),
	KEY("body", "size", F_SIZE, body_size),
	KEY("body", "leading", F_SIZE, body_leading),
	KEY("body", "space", F_NUM, paragraph_space),
	KEY("body", "align", F_ALIGN, body_align),
	KEY("body", "linebreaks", F_LINEBREAKS, body_linebreaks),
	KEY("body", "color", F_COLOR, text_color),
	KEY("headings", "font", F_FAMILY, heading_family),
	KEY("headings", "color", F_COLOR, heading_color),
	KEY("headings", "numbered", F_BOOL, heading_numbers),
	KEY("headings", "sizes", F_SIZES, heading_size),
	KEY("title", "font", F_FAMILY, title_family),
	KEY("title", "size", F_SIZE, title_size),
	KEY("title", "subtitle_size", F_SIZE, subtitle_size),
	KEY("title", "color", F_COLOR, title_color),
	KEY("title", "show", F_BOOL, title_block),
	KEY("title", "page", F_BOOL, title_page),
	KEY("table", "size", F_SIZE, table_size),
	KEY("table", "leading", F_SIZE, table_leading),
	KEY("table", "header_fill", F_COLOR, table_header_fill),
	KEY("table", "header_text", F_COLOR, table_header_text),
	KEY("table", "stripe", F_STRIPE, table_stripe),
	KEY("table", "rule", F_COLOR, table_rule),
	KEY("table", "padding_x", F_PAD, table_pad_x),
	KEY("table", "padding_y", F_PAD, table_pad_y),
	KEY("table", "space_before", F_NUM, table_space_before),
	KEY("table", "space_after", F_NUM, table_space_after),
	KEY("headings", "space_before", F_SPACES, heading_space_before),
	KEY("headings", "space_after", F_SPACES, heading_space_after),
	KEY("chart", "colors", F_COLORS, chart_colors),
	KEY("timeline", "long_months", F_BOOL, timeline_long_months),
	KEY(NULL, "accent", F_COLOR, accent),
	KEY(NULL, "muted", F_COLOR, muted),
	KEY(NULL, "contents_title", F_STR, contents_title),
	KEY("header", "left", F_STR, header.left),
	KEY("header", "center", F_STR, header.center),
	KEY("header", "right", F_STR, header.right),
	KEY("header", "size", F_SIZE, header.size),
	KEY("header", "color", F_COLOR, header.color),
	KEY("header", "rule", F_BOOL, header.rule),
	KEY("footer", "left", F_STR, footer.left),
	KEY("footer", "center", F_STR, footer.center),
	KEY("footer", "right", F_STR, footer.right),
	KEY("footer", "size", F_SIZE, footer.size),
	KEY("footer", "color", F_COLOR, footer.color),
	KEY("footer", "rule", F_BOOL, footer.rule),
};
#undef KEY

/* Reads t[k->key] (t at index t) into the style, if present. */
static void style_field(lua_State *L, int t, const style_key *k, doc_style *st,
                        doc_document *d)
{
	char what[128];
	snprintf(what, sizeof what, "template '%s%s%s'", k->section ? k->section : "",
	         k->section ? "." : "", k->key);
	void *out = (char *)st + k->offset;
	if (lua_getfield(L, t, k->key) == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	switch (k->type) {
	case F_NUM:
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 0) ||
		    lua_tonumber(L, -1) > ARG_MAX_POINTS)
			luaL_error(L, "%s: must be a number from 0 to %d", what, ARG_MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_PAD:         /* a cell's padding: a cell keeps room for its text */
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 0) || lua_tonumber(L, -1) > 36)
			luaL_error(L, "%s: must be a number from 0 to 36", what);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_SIZE:        /* a font size or a leading: 0 would divide by zero */
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 1) ||
		    lua_tonumber(L, -1) > ARG_MAX_POINTS)
			luaL_error(L, "%s: must be a number from 1 to %d", what, ARG_MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_SIZES:       /* headings.sizes = {level 1, level 2, level 3} */
		if (!lua_istable(L, -1))
			break;
		for (int i = 0; i < 3; i++) {
			if (lua_geti(L, -1, i + 1) != LUA_TNIL) {
				if (!(lua_tonumber(L, -1) >= 1) || lua_tonumber(L, -1) > ARG_MAX_POINTS)
					luaL_error(L, "template headings.sizes[%d]: must be a number from 1 "
					           "to %d", i + 1, ARG_MAX_POINTS);
				((double *)out)[i] = lua_tonumber(L, -1);
			}
			lua_pop(L, 1);
		}
		break;
	case F_SPACES:      /* headings.space_before = {level 1, level 2, level 3} */
		if (!lua_istable(L, -1))
			luaL_error(L, "%s: must be a table of up to three numbers (levels 1, 2, 3)", what);
		for (int i = 0; i < 3; i++) {
			if (lua_geti(L, -1, i + 1) != LUA_TNIL) {
				if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 0) ||
				    lua_tonumber(L, -1) > ARG_MAX_POINTS)
					luaL_error(L, "%s[%d]: must be a number from 0 to %d", what, i + 1,
					           ARG_MAX_POINTS);
				((double *)out)[i] = lua_tonumber(L, -1);
			}
			lua_pop(L, 1);
		}
		break;
	case F_COLOR:
		*(doc_rgb *)out = parse_color(L, -1, what);
		break;
	case F_STRIPE:      /* table.stripe = "#rrggbb", or false for none */
		if (lua_toboolean(L, -1) && lua_isboolean(L, -1))
			luaL_error(L, "%s: a colour \"#rrggbb\", or false for no stripes", what);
		st->table_striped = !lua_isboolean(L, -1);
		if (st->table_striped)
			*(doc_rgb *)out = parse_color(L, -1, what);
		break;
	case F_COLORS: {    /* chart.colors = {"#rrggbb", ...}: series 1, 2, ... */
		if (!lua_istable(L, -1))
			luaL_error(L, "%s: must be a table of colours", what);
		int n = (int)luaL_len(L, -1);
		if (n < 1 || n > DOC_CHART_COLORS)
			luaL_error(L, "%s: 1 to %d colours, got %d", what, DOC_CHART_COLORS, n);
		for (int i = 0; i < n; i++) {
			lua_geti(L, -1, i + 1);
			((doc_rgb *)out)[i] = parse_color(L, -1, what);
			lua_pop(L, 1);
		}
		st->nchart_colors = n;
		break;
	}
	case F_FAMILY:
		*(doc_family *)out = parse_family(L, -1, what);
		break;
	case F_BOOL:
		*(bool *)out = lua_toboolean(L, -1);
		break;
	case F_STR:
		*(const char **)out = doc_strdup(d, arg_utf8(L, -1, what));
		break;
	case F_ALIGN:
		*(int *)out = (int)arg_align(L, -1, what);
		break;
	case F_LINEBREAKS:
		*(int *)out = (int)arg_linebreaks(L, -1, what);
		break;
	}
	lua_pop(L, 1);
}

/* Applies the template table at index t to d's style. A section that is not
 * a table is passed over, but for header and footer, whose misuse is an
 * error. */
static void apply_template(lua_State *L, int t, doc_document *d)
{
	doc_style *s = &d->style;
	if (lua_getfield(L, t, "paper") != LUA_TNIL) {
		const char *p = lua_tostring(L, -1);
		if (!p || !style_set_paper(s, p))
			luaL_error(L, "template 'paper': unknown paper size (A4, Letter, Legal, A5, A3)");
	}
	lua_pop(L, 1);
	for (size_t i = 0; i < sizeof style_keys / sizeof style_keys[0]; i++) {
		const style_key *k = &style_keys[i];
		if (!k->section) {
			style_field(L, t, k, s, d);
			continue;
		}
		int type = lua_getfield(L, t, k->section);
		if (type == LUA_TTABLE)
			style_field(L, lua_gettop(L), k, s, d);
		else if (type != LUA_TNIL && (strcmp(k->section, "header") == 0 ||
		                              strcmp(k->section, "footer") == 0))
			luaL_error(L, "template '%s' must be a table", k->section);
		lua_pop(L, 1);
	}
}

#define MAX_TEMPLATES 64

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_template_name(const char *name)
{
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return false;
	return *name != '\0';
}

size_t tpl_list_folder(const char *dir, char *out, size_t size)
{
	char *names[MAX_TEMPLATES];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && n < MAX_TEMPLATES && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || len > 68 || strcmp(e->d_name + len - 4, ".lua") != 0)
			continue;
		char name[68];
		snprintf(name, sizeof name, "%.*s", (int)(len - 4), e->d_name);
		if (is_template_name(name) && (names[n] = strdup(name)))
			n++;
	}
	if (d)
		closedir(d);
	qsort(names, (size_t)n, sizeof *names, compare_names);
	size_t k = 0;
	if (size)
		out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (size && k + len + 2 <= size) {
			k += (size_t)snprintf(out + k, size - k, "%s%s", k ? " " : "", names[i]);
		}
		free(names[i]);
	}
	return k;
}

/* Pushes a sequence of the template names in the templates folder, sorted
 * (listed before the worker was confined, when it was); returns how many. */
static int push_template_names(lua_State *L)
{
	const run_job *job = sbx_job(L);
	char buf[MAX_TEMPLATES * 70];
	const char *list = job->template_names;
	if (!list) {
		tpl_list_folder(job->templates_dir, buf, sizeof buf);
		list = buf;
	}
	lua_newtable(L);
	int n = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		lua_pushlstring(L, p, len);
		lua_rawseti(L, -2, ++n);
		p += len;
		p += *p == ' ';
	}
	return n;
}

/* Raises "document: unknown template 'briefng' (did you mean 'briefing'?
 * templates: anniversary, briefing, default)". */
static void unknown_template(lua_State *L, const char *name)
{
	int n = push_template_names(L), t = lua_gettop(L);
	const char *known[MAX_TEMPLATES + 1];
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (int k = 0; k < n; k++) {
		lua_rawgeti(L, t, k + 1);
		known[k] = lua_tostring(L, -1);     /* held by the table */
		lua_pop(L, 1);
	}
	known[n] = NULL;
	const char *near = arg_nearest(name, known);
	if (near) {
		luaL_addstring(&b, "did you mean '");
		luaL_addstring(&b, near);
		luaL_addstring(&b, "'? ");
	}
	luaL_addstring(&b, n ? "templates: " : "the templates folder has none");
	for (int k = 0; k < n; k++) {
		luaL_addstring(&b, k ? ", " : "");
		luaL_addstring(&b, known[k]);
	}
	luaL_pushresult(&b);
	luaL_error(L, "document: unknown template '%s' (%s)", name, lua_tostring(L, -1));
}

void tpl_missing_method(lua_State *L, int t, const char *key, const char *const *methods)
{
	const char *near = arg_nearest(key, methods);
	if (near)
		luaL_error(L, "document has no method '%s' (did you mean '%s'?)", key, near);
	int n = push_template_names(L), names = lua_gettop(L);
	const char *mine = NULL, *owner = NULL;
	for (int k = 1; k <= n; k++) {
		lua_rawgeti(L, names, k);
		int top = lua_gettop(L);
		tpl_push(L, top, 0);
		if (lua_rawequal(L, -1, t))
			mine = lua_tostring(L, top);
		else if (!owner && lua_getfield(L, -1, key) == LUA_TFUNCTION)
			owner = lua_tostring(L, top);
		lua_settop(L, top);     /* the name stays, held by the names table too */
	}
	if (owner)
		luaL_error(L, "document has no method '%s': it is a section of the '%s' template, and "
		           "this document's template is '%s' (brief.document{ template = \"%s\" } "
		           "to use it)", key, owner, mine ? mine : "its own table", owner);
	luaL_error(L, "document has no method '%s'", key);
}

/* Pushes the template table named at index i (loading templates/NAME.lua
 * once), or the table given there. */
void tpl_push(lua_State *L, int i, int depth)
{
	if (lua_type(L, i) == LUA_TTABLE) {
		lua_pushvalue(L, i);
		return;
	}
	const char *name = luaL_checkstring(L, i);
	if (!is_template_name(name))
		luaL_error(L, "document: '%s' is not a template name", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.require");   /* not the script's global */
	lua_pushstring(L, name);
	const run_job *job = sbx_job(L);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.lua", job->templates_dir, name);
	if (access(path, R_OK) != 0)
		unknown_template(L, name);
	lua_call(L, 1, 1);
	if (!lua_istable(L, -1))
		luaL_error(L, "document: template '%s' did not return a table", name);
	(void)depth;
}

/* Applies the template at the top of the stack, its base first. */
void tpl_apply(lua_State *L, doc_document *d, int depth)
{
	int t = lua_gettop(L);
	if (depth > 8)
		luaL_error(L, "document: templates nest more than 8 deep (a 'base' loop?)");
	if (lua_getfield(L, t, "base") != LUA_TNIL) {
		tpl_push(L, lua_gettop(L), depth + 1);
		tpl_apply(L, d, depth + 1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	apply_template(L, t, d);
}


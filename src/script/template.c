/*
 * template.c -- a template's table read into a document's style.
 */
#include "script/template.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "layout/fonts.h"
#include "script/arg.h"
#include "script/run.h"
#include "script/sandbox.h"

static doc_rgb parse_color(lua_State *L, int i, const char *what)
{
	const char *s = lua_tostring(L, i);
	unsigned r, g, b;
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

typedef enum { F_NUM, F_SIZE, F_COLOR, F_FAMILY, F_BOOL, F_STR, F_ALIGN } ftype;

/* Reads t[key] (t at index t) into *out according to its type, if present. */
static void style_field(lua_State *L, int t, const char *key, ftype type, void *out,
                        doc_document *d, const char *where)
{
	char what[128];
	snprintf(what, sizeof what, "template '%s%s'", where, key);
	if (lua_getfield(L, t, key) == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	switch (type) {
	case F_NUM:
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 0) ||
		    lua_tonumber(L, -1) > ARG_MAX_POINTS)
			luaL_error(L, "%s: must be a number from 0 to %d", what, ARG_MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_SIZE:        /* a font size or a leading: 0 would divide by zero */
		if (!lua_isnumber(L, -1) || !(lua_tonumber(L, -1) >= 1) ||
		    lua_tonumber(L, -1) > ARG_MAX_POINTS)
			luaL_error(L, "%s: must be a number from 1 to %d", what, ARG_MAX_POINTS);
		*(double *)out = lua_tonumber(L, -1);
		break;
	case F_COLOR:
		*(doc_rgb *)out = parse_color(L, -1, what);
		break;
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
	}
	lua_pop(L, 1);
}

static void running_fields(lua_State *L, int t, const char *key, doc_running *r,
                           doc_document *d)
{
	if (lua_getfield(L, t, key) == LUA_TTABLE) {
		int s = lua_gettop(L);
		char where[32];
		snprintf(where, sizeof where, "%s.", key);
		style_field(L, s, "left", F_STR, &r->left, d, where);
		style_field(L, s, "center", F_STR, &r->center, d, where);
		style_field(L, s, "right", F_STR, &r->right, d, where);
		style_field(L, s, "size", F_SIZE, &r->size, d, where);
		style_field(L, s, "color", F_COLOR, &r->color, d, where);
		style_field(L, s, "rule", F_BOOL, &r->rule, d, where);
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L, "template '%s' must be a table", key);
	}
	lua_pop(L, 1);
}

/* Applies the template table at index t to d's style. */
static void apply_template(lua_State *L, int t, doc_document *d)
{
	doc_style *s = &d->style;
	if (lua_getfield(L, t, "paper") != LUA_TNIL) {
		const char *p = lua_tostring(L, -1);
		if (!p || !style_set_paper(s, p))
			luaL_error(L, "template 'paper': unknown paper size (A4, Letter, Legal, A5, A3)");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "margins") == LUA_TTABLE) {
		int m = lua_gettop(L);
		style_field(L, m, "top", F_NUM, &s->margin_top, d, "margins.");
		style_field(L, m, "bottom", F_NUM, &s->margin_bottom, d, "margins.");
		style_field(L, m, "left", F_NUM, &s->margin_left, d, "margins.");
		style_field(L, m, "right", F_NUM, &s->margin_right, d, "margins.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "body") == LUA_TTABLE) {
		int b = lua_gettop(L);
		style_field(L, b, "font", F_FAMILY, &s->body_family, d, "body.");
		style_field(L, b, "size", F_SIZE, &s->body_size, d, "body.");
		style_field(L, b, "leading", F_SIZE, &s->body_leading, d, "body.");
		style_field(L, b, "space", F_NUM, &s->paragraph_space, d, "body.");
		style_field(L, b, "align", F_ALIGN, &s->body_align, d, "body.");
		style_field(L, b, "color", F_COLOR, &s->text_color, d, "body.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "headings") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "font", F_FAMILY, &s->heading_family, d, "headings.");
		style_field(L, h, "color", F_COLOR, &s->heading_color, d, "headings.");
		style_field(L, h, "numbered", F_BOOL, &s->heading_numbers, d, "headings.");
		if (lua_getfield(L, h, "sizes") == LUA_TTABLE)
			for (int i = 0; i < 3; i++) {
				if (lua_geti(L, -1, i + 1) != LUA_TNIL) {
					if (!(lua_tonumber(L, -1) >= 1) || lua_tonumber(L, -1) > ARG_MAX_POINTS)
						luaL_error(L, "template headings.sizes[%d]: must be a number from 1 "
						           "to %d", i + 1, ARG_MAX_POINTS);
					s->heading_size[i] = lua_tonumber(L, -1);
				}
				lua_pop(L, 1);
			}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "title") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "font", F_FAMILY, &s->title_family, d, "title.");
		style_field(L, h, "size", F_SIZE, &s->title_size, d, "title.");
		style_field(L, h, "subtitle_size", F_SIZE, &s->subtitle_size, d, "title.");
		style_field(L, h, "color", F_COLOR, &s->title_color, d, "title.");
		style_field(L, h, "show", F_BOOL, &s->title_block, d, "title.");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "table") == LUA_TTABLE) {
		int h = lua_gettop(L);
		style_field(L, h, "size", F_SIZE, &s->table_size, d, "table.");
		style_field(L, h, "leading", F_SIZE, &s->table_leading, d, "table.");
		style_field(L, h, "header_fill", F_COLOR, &s->table_header_fill, d, "table.");
		style_field(L, h, "header_text", F_COLOR, &s->table_header_text, d, "table.");
		style_field(L, h, "stripe", F_COLOR, &s->table_stripe, d, "table.");
		style_field(L, h, "rule", F_COLOR, &s->table_rule, d, "table.");
	}
	lua_pop(L, 1);
	style_field(L, t, "accent", F_COLOR, &s->accent, d, "");
	style_field(L, t, "muted", F_COLOR, &s->muted, d, "");
	style_field(L, t, "contents_title", F_STR, &s->contents_title, d, "");
	running_fields(L, t, "header", &s->header, d);
	running_fields(L, t, "footer", &s->footer, d);
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
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			luaL_error(L, "document: '%s' is not a template name", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "brief.require");   /* not the script's global */
	lua_pushstring(L, name);
	const run_job *job = sbx_job(L);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.lua", job->templates_dir, name);
	if (access(path, R_OK) != 0)
		luaL_error(L, "document: unknown template '%s' (no %s)", name, path);
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


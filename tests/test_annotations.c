/*
 * test_annotations.c -- the LuaCATS annotations of $(BUILD)/annotations
 * (`make annotations`, docs/editor.md) name exactly what the API has.
 *
 * One side is the annotation files, parsed for `---@class`, `---@field` and
 * `function X.y` / `function X:y` lines; the other is the API as scripts
 * meet it, in a sandboxed Lua state with the real modules, dataset and
 * templates: the keys of require "brief" and require "relations", the
 * methods of documents and collections (from their metatables in the
 * registry), every record's fields (and each value's type against the
 * annotated one), the sections of each template in templates/, and the
 * keys each options table takes (from the "unknown option ... (it takes
 * ...)" error). A name on one side only fails, naming it. Run from the
 * repository root; the annotations are found beside the test binary, in
 * ../annotations, or where $BRIEF_ANNOTATIONS says.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/dataset.h"
#include "script/modules.h"
#include "script/run.h"
#include "script/sandbox.h"
#include "support.h"

#define MAX_NAMES 256

/* ---- the annotation files, parsed --------------------------------------------------- */

typedef struct member {
	char *name;
	char *type;             /* a field's type; NULL for a function */
} member;

typedef struct klass {
	char *name;             /* without its generic parameters */
	char *parents;          /* what follows ':' in ---@class, or NULL */
	member members[MAX_NAMES];
	int nmembers;
} klass;

typedef struct binding {
	char *local, *class_name;   /* `local Events = {}` after ---@class relations.Events */
} binding;

typedef struct annotations {
	klass classes[MAX_NAMES];
	int nclasses;
	binding locals[MAX_NAMES];
	int nlocals;
} annotations;

static annotations annot;
static char annot_dir[4096];

static klass *class_named(const char *name)
{
	for (int i = 0; i < annot.nclasses; i++)
		if (strcmp(annot.classes[i].name, name) == 0)
			return &annot.classes[i];
	return NULL;
}

static klass *class_or_fail(const char *name)
{
	klass *k = class_named(name);
	if (!k)
		fail_msg("the annotations have no ---@class %s", name);
	return k;
}

static void add_member(klass *k, const char *name, size_t len, const char *type, size_t tlen)
{
	assert_true(k->nmembers < MAX_NAMES);
	member *m = &k->members[k->nmembers++];
	m->name = strndup(name, len);
	m->type = type ? strndup(type, tlen) : NULL;
}

/* The length of the type at s: up to the first blank outside quotes and
 * brackets ("in person"|"virtual", { [integer]: T }), but for the blank
 * after the colon of a function's return (fun(a: T): R). */
static size_t type_length(const char *s)
{
	int depth = 0;
	char quote = 0;
	size_t n = 0;
	for (; s[n] && s[n] != '\n'; n++) {
		char c = s[n];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '(' || c == '{' || c == '<' || c == '[') {
			depth++;
		} else if (c == ')' || c == '}' || c == '>' || c == ']') {
			depth--;
		} else if (isspace((unsigned char)c) && depth == 0 && !(n > 0 && s[n - 1] == ':')) {
			break;
		}
	}
	return n;
}

static size_t name_length(const char *s)
{
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '.')
		n++;
	return n;
}

/* Reads one annotation file into annot. */
static void parse_file(const char *path)
{
	char *text = support_read_file_or_fail(path, NULL);
	klass *current = NULL;      /* the class whose ---@field lines follow */
	char *rest = text;
	for (char *line; (line = strsep(&rest, "\n"));) {
		if (strncmp(line, "---@class ", 10) == 0) {
			const char *p = line + 10;
			if (*p == '(')          /* ---@class (exact) Name */
				p = strchr(p, ')') + 2;
			size_t n = name_length(p);
			char *name = strndup(p, n);
			current = class_named(name);
			if (!current) {
				assert_true(annot.nclasses < MAX_NAMES);
				current = &annot.classes[annot.nclasses++];
				current->name = name;
			} else {
				free(name);
			}
			p += n;
			if (*p == '<')
				p = strchr(p, '>') + 1;
			if (p[0] == ':' && !current->parents)
				current->parents = strdup(p + 1);
		} else if (strncmp(line, "---@field ", 10) == 0 && current) {
			const char *p = line + 10;
			size_t n = *p == '[' ? (size_t)(strchr(p, ']') - p + 1) : name_length(p);
			const char *type = p + n + (p[n] == '?') + 1;
			add_member(current, p, n, type, type_length(type));
		} else if (strncmp(line, "---@alias", 9) == 0) {
			current = NULL;
		} else if (strncmp(line, "---", 3) == 0) {
			continue;
		} else if (strncmp(line, "local ", 6) == 0 && current && strstr(line, "= {}")) {
			assert_true(annot.nlocals < MAX_NAMES);
			binding *b = &annot.locals[annot.nlocals++];
			b->local = strndup(line + 6, name_length(line + 6));
			b->class_name = strdup(current->name);
			current = NULL;
		} else if (strncmp(line, "function ", 9) == 0) {
			const char *p = line + 9;
			size_t n = strcspn(p, ".:");
			klass *k = NULL;
			for (int i = 0; i < annot.nlocals && !k; i++)
				if (strlen(annot.locals[i].local) == n && strncmp(annot.locals[i].local, p, n) == 0)
					k = class_named(annot.locals[i].class_name);
			if (!k)
				fail_msg("%s: '%s': a function of no annotated class", path, line);
			p += n + 1;
			add_member(k, p, strcspn(p, "("), NULL, 0);
			current = NULL;
		} else {
			current = NULL;
		}
	}
	free(text);
}

/* ---- name sets ------------------------------------------------------------------------ */

typedef struct names {
	char *items[MAX_NAMES];
	int n;
} names;

static void names_add(names *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->items[i], name) == 0)
			return;
	assert_true(s->n < MAX_NAMES);
	s->items[s->n++] = strdup(name);
}

static void names_free(names *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->items[i]);
	s->n = 0;
}

static bool names_has(const names *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->items[i], name) == 0)
			return true;
	return false;
}

/* The members of class k (fields, functions or both), the [integer] index
 * left out. */
static void class_members(const klass *k, bool fields, bool functions, names *out)
{
	for (int i = 0; i < k->nmembers; i++) {
		const member *m = &k->members[i];
		if (m->name[0] != '[' && ((m->type && fields) || (!m->type && functions)))
			names_add(out, m->name);
	}
}

/* Fails, naming every name on one side only, unless the sets are equal. */
static void assert_same_names(const char *what, const names *annotated, const names *api)
{
	char only_annotated[2048] = "", only_api[2048] = "";
	for (int i = 0; i < annotated->n; i++)
		if (!names_has(api, annotated->items[i]))
			snprintf(only_annotated + strlen(only_annotated),
			         sizeof only_annotated - strlen(only_annotated), " %s", annotated->items[i]);
	for (int i = 0; i < api->n; i++)
		if (!names_has(annotated, api->items[i]))
			snprintf(only_api + strlen(only_api), sizeof only_api - strlen(only_api), " %s",
			         api->items[i]);
	if (only_annotated[0] || only_api[0])
		fail_msg("%s: annotated but not in the API:%s%s; in the API but not annotated:%s%s",
		         what, only_annotated[0] ? "" : " (none)", only_annotated,
		         only_api[0] ? "" : " (none)", only_api);
}

/* The string keys of the table at index t, raw (no metamethods). */
static void table_keys(lua_State *L, int t, bool functions_only, names *out)
{
	t = lua_absindex(L, t);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		if (lua_type(L, -2) == LUA_TSTRING && (!functions_only || lua_isfunction(L, -1)))
			names_add(out, lua_tostring(L, -2));
		lua_pop(L, 1);
	}
}

/* ---- the sandboxed state -------------------------------------------------------------- */

static ds_dataset *dataset;
static run_job job;
static lua_State *L;

static int open_provenance(lua_State *S)
{
	prov_open(S);
	return 0;
}

/* Runs the Lua code in the sandbox; returns true when it ran, false with
 * the error message on the stack when it raised. Results stay on the stack. */
static bool run_lua(const char *code, int nresults)
{
	if (luaL_loadstring(L, code) != LUA_OK)
		fail_msg("cannot load %s: %s", code, lua_tostring(L, -1));
	return lua_pcall(L, 0, nresults, 0) == LUA_OK;
}

/* Where the annotations are: $BRIEF_ANNOTATIONS, else ../annotations from
 * the folder of this binary ($(BUILD)/tests). */
static void find_annotations(void)
{
	const char *env = getenv("BRIEF_ANNOTATIONS");
	if (env) {
		snprintf(annot_dir, sizeof annot_dir, "%s", env);
		return;
	}
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		snprintf(annot_dir, sizeof annot_dir, "build/annotations");
		return;
	}
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	snprintf(annot_dir, sizeof annot_dir, "%s/../annotations", exe);
}

static int group_setup(void **state)
{
	(void)state;
	char err[1024];
	if (!(dataset = ds_load("data", err, sizeof err))) {
		fprintf(stderr, "test_annotations: %s\n", err);
		return -1;
	}
	job = (run_job){
		.script = "tests/annotations.lua", .output = "out.pdf", .output_root = "/tmp",
		.data_dir = "data", .templates_dir = "templates", .data = dataset, .channel = -1,
		.limits = {.memory = (size_t)512 << 20, .instructions = 1000000000LL,
		           .seconds = 60, .pages = 100},
	};
	if (!(L = sbx_new(&job))) {
		ds_free(dataset);
		return -1;
	}
	lua_pushcfunction(L, open_provenance);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		sbx_close(L);
		ds_free(dataset);
		return -1;
	}
	find_annotations();
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	sbx_close(L);
	ds_free(dataset);
	for (int i = 0; i < annot.nclasses; i++) {
		klass *k = &annot.classes[i];
		for (int j = 0; j < k->nmembers; j++) {
			free(k->members[j].name);
			free(k->members[j].type);
		}
		free(k->name);
		free(k->parents);
	}
	for (int i = 0; i < annot.nlocals; i++) {
		free(annot.locals[i].local);
		free(annot.locals[i].class_name);
	}
	return 0;
}

/* Parses the two files, once for the group; a test that needs them calls
 * it first, so a file that cannot be read fails that test. */
static void parse_annotations(void)
{
	static bool parsed;
	if (parsed)
		return;
	parsed = true;
	char path[4200];
	snprintf(path, sizeof path, "%s/brief.lua", annot_dir);
	parse_file(path);
	snprintf(path, sizeof path, "%s/relations.lua", annot_dir);
	parse_file(path);
}

/* ---- tests ------------------------------------------------------------------------------ */

/* Both files are Lua that loads (an editor reads them as code too), and
 * say they are definitions only. */
static void files_are_meta_lua(void **state)
{
	(void)state;
	const char *files[] = {"brief.lua", "relations.lua"};
	for (size_t i = 0; i < 2; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", annot_dir, files[i]);
		char *text = support_read_file_or_fail(path, NULL);
		char meta[64];
		snprintf(meta, sizeof meta, "---@meta %.*s\n", (int)(strlen(files[i]) - 4), files[i]);
		if (strncmp(text, meta, strlen(meta)) != 0)
			fail_msg("%s does not start with '%.*s'", path, (int)strlen(meta) - 1, meta);
		free(text);
		lua_State *plain = luaL_newstate();
		if (luaL_loadfile(plain, path) != LUA_OK)
			fail_msg("%s", lua_tostring(plain, -1));
		lua_close(plain);
	}
}

static void relations_module_matches(void **state)
{
	(void)state;
	parse_annotations();
	names api = {0}, annotated = {0};
	assert_true(run_lua("return require 'relations'", 1));
	table_keys(L, -1, false, &api);
	lua_pop(L, 1);
	class_members(class_or_fail("relations"), true, true, &annotated);
	assert_same_names("require \"relations\"", &annotated, &api);
	names_free(&api);
	names_free(&annotated);
}

/* The type of field `name` of class k, or NULL. */
static const char *field_type(const klass *k, const char *name)
{
	for (int i = 0; i < k->nmembers; i++)
		if (k->members[i].type && strcmp(k->members[i].name, name) == 0)
			return k->members[i].type;
	return NULL;
}

/* The methods every collection has, and those of each annotated
 * collection class (relations.Collection, and the class of every rel.X). */
static void collection_methods_match(void **state)
{
	(void)state;
	parse_annotations();
	names api = {0};
	assert_true(luaL_getmetatable(L, "relations.Collection") == LUA_TTABLE);
	assert_true(lua_getfield(L, -1, "methods") == LUA_TTABLE);
	table_keys(L, -1, true, &api);
	lua_pop(L, 2);
	assert_true(api.n > 0);
	const klass *rel = class_or_fail("relations");
	for (int c = -1; c < DS_NCOLLECTIONS; c++) {
		const char *type = c < 0 ? "relations.Collection" : field_type(rel, ds_collection_names[c]);
		if (!type)
			fail_msg("relations: no ---@field %s", ds_collection_names[c]);
		names annotated = {0};
		class_members(class_or_fail(type), false, true, &annotated);
		char what[128];
		snprintf(what, sizeof what, "methods of %s", type);
		assert_same_names(what, &annotated, &api);
		names_free(&annotated);
	}
	names_free(&api);
}

/* Does the value at the top of the stack have the annotated type? Types
 * are what the generator writes: string, integer, number, boolean,
 * string[], "literal", nil, alternatives joined by '|', a final '?'. */
static bool value_has_type(const char *type, const char **unknown)
{
	int t = lua_type(L, -1);
	char *copy = strdup(type);
	size_t n = strlen(copy);
	bool ok = false;
	if (n > 0 && copy[n - 1] == '?') {
		copy[n - 1] = '\0';
		ok = t == LUA_TNIL;
	}
	for (char *alt = strtok(copy, "|"); alt && !ok; alt = strtok(NULL, "|")) {
		if (strcmp(alt, "nil") == 0) {
			ok = t == LUA_TNIL;
		} else if (strcmp(alt, "string") == 0) {
			ok = t == LUA_TSTRING;
		} else if (strcmp(alt, "integer") == 0) {
			ok = lua_isinteger(L, -1);
		} else if (strcmp(alt, "number") == 0) {
			ok = t == LUA_TNUMBER;
		} else if (strcmp(alt, "boolean") == 0) {
			ok = t == LUA_TBOOLEAN;
		} else if (strcmp(alt, "string[]") == 0) {
			ok = luaL_testudata(L, -1, "relations.List") != NULL || t == LUA_TTABLE;
			if (ok) {
				lua_len(L, -1);
				lua_Integer len = lua_tointeger(L, -1);
				lua_pop(L, 1);
				for (lua_Integer i = 1; i <= len && ok; i++) {
					ok = lua_geti(L, -1, i) == LUA_TSTRING;
					lua_pop(L, 1);
				}
			}
		} else if (alt[0] == '"') {
			size_t len = strlen(alt);
			ok = t == LUA_TSTRING && len >= 2 && strlen(lua_tostring(L, -1)) == len - 2 &&
			     strncmp(lua_tostring(L, -1), alt + 1, len - 2) == 0;
		} else {
			*unknown = type;
		}
	}
	free(copy);
	return ok;
}

/* Every collection's record class has the collection's fields, and every
 * record's value of each field, read as a script reads it, has the
 * annotated type. */
static void record_fields_match(void **state)
{
	(void)state;
	parse_annotations();
	const klass *rel = class_or_fail("relations");
	assert_true(run_lua("return require 'relations'", 1));
	int module = lua_gettop(L);
	for (int c = 0; c < DS_NCOLLECTIONS; c++) {
		const char *name = ds_collection_names[c];
		const klass *coll = class_or_fail(field_type(rel, name));
		const char *rec_type = field_type(coll, "[integer]");
		if (!rec_type)
			fail_msg("%s: no ---@field [integer] (the class of its records)", coll->name);
		const klass *rec = class_or_fail(rec_type);

		names api = {0}, annotated = {0};
		const ds_collection *dc = ds_collection_named(dataset, name);
		for (int i = 0; i < dc->nfields; i++)
			names_add(&api, dc->fields[i]);
		class_members(rec, true, false, &annotated);
		char what[128];
		snprintf(what, sizeof what, "fields of %s (rel.%s)", rec->name, name);
		assert_same_names(what, &annotated, &api);

		lua_getfield(L, module, name);
		for (int r = 1; r <= dc->nrecords; r++) {
			lua_geti(L, -1, r);
			for (int f = 0; f < annotated.n; f++) {
				const char *type = field_type(rec, annotated.items[f]), *unknown = NULL;
				lua_getfield(L, -1, annotated.items[f]);
				if (!value_has_type(type, &unknown))
					fail_msg("rel.%s[%d].%s is a %s, annotated %s%s", name, r,
					         annotated.items[f], luaL_typename(L, -1), type,
					         unknown ? " (a type this test does not know)" : "");
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
		names_free(&api);
		names_free(&annotated);
	}
	lua_settop(L, module - 1);
}

static void brief_module_matches(void **state)
{
	(void)state;
	parse_annotations();
	names api = {0}, annotated = {0};
	assert_true(run_lua("return require 'brief'", 1));
	table_keys(L, -1, false, &api);
	lua_pop(L, 1);
	class_members(class_or_fail("brief"), true, true, &annotated);
	assert_same_names("require \"brief\"", &annotated, &api);
	names_free(&api);
	names_free(&annotated);
}

static void document_methods_match(void **state)
{
	(void)state;
	parse_annotations();
	names api = {0}, annotated = {0};
	assert_true(run_lua("return require 'brief'", 1));   /* makes the metatable */
	lua_pop(L, 1);
	assert_true(luaL_getmetatable(L, "brief.Document") == LUA_TTABLE);
	assert_true(lua_getfield(L, -1, "methods") == LUA_TTABLE);
	table_keys(L, -1, true, &api);
	lua_pop(L, 2);
	class_members(class_or_fail("brief.Document"), false, true, &annotated);
	assert_same_names("methods of brief.Document", &annotated, &api);
	names_free(&api);
	names_free(&annotated);
}

/* Each template of templates/ has a class brief.template.NAME listing its
 * own sections (the functions of its table), which brief.Document
 * inherits; no such class without a template. */
static void template_sections_match(void **state)
{
	(void)state;
	parse_annotations();
	names files = {0}, classes = {0};
	DIR *d = opendir("templates");
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".lua") == 0) {
			e->d_name[n - 4] = '\0';
			names_add(&files, e->d_name);
		}
	}
	closedir(d);
	for (int i = 0; i < annot.nclasses; i++) {
		const char *name = annot.classes[i].name;
		if (strncmp(name, "brief.template.", 15) == 0 && !strchr(name + 15, '.'))
			names_add(&classes, name + 15);
	}
	assert_same_names("templates/*.lua and the classes brief.template.NAME", &classes, &files);

	const char *parents = class_or_fail("brief.Document")->parents;
	for (int i = 0; i < files.n; i++) {
		char cls[256], code[256];
		snprintf(cls, sizeof cls, "brief.template.%s", files.items[i]);
		const char *at = parents ? strstr(parents, cls) : NULL;
		if (!at || (at[strlen(cls)] && at[strlen(cls)] != ',' && !isspace((unsigned char)at[strlen(cls)])))
			fail_msg("brief.Document does not inherit %s", cls);
		snprintf(code, sizeof code, "return require '%s'", files.items[i]);
		if (!run_lua(code, 1))
			fail_msg("templates/%s.lua: %s", files.items[i], lua_tostring(L, -1));
		names api = {0}, annotated = {0};
		table_keys(L, -1, true, &api);
		lua_pop(L, 1);
		class_members(class_or_fail(cls), false, true, &annotated);
		char what[300];
		snprintf(what, sizeof what, "sections of templates/%s.lua (%s)", files.items[i], cls);
		assert_same_names(what, &annotated, &api);
		names_free(&api);
		names_free(&annotated);
	}
	names_free(&files);
	names_free(&classes);
}

/* Every options table the API checks, with code that hands it a key it
 * cannot know: the error lists the keys it takes. */
#define BOGUS "zzqqxxzzqqxx"
static const struct {
	const char *class_name, *code;
} probes[] = {
	{"brief.DocumentOptions", "require('brief').document{ " BOGUS " = 1 }"},
	{"brief.ParagraphOptions", "require('brief').document{}:paragraph('x', { " BOGUS " = 1 })"},
	{"brief.ListOptions", "require('brief').document{}:list({ 'x' }, { " BOGUS " = 1 })"},
	{"brief.TableOptions", "require('brief').document{}:table{ " BOGUS " = 1 }"},
	{"brief.Column", "require('brief').document{}:table{ columns = { { " BOGUS " = 1 } }, "
	                 "rows = {} }"},
	{"brief.ChartOptions", "require('brief').document{}:chart{ " BOGUS " = 1 }"},
	{"brief.Series", "require('brief').document{}:chart{ labels = { 'a' }, "
	                 "series = { { " BOGUS " = 1, values = { 1 } } } }"},
	{"brief.TimelineOptions", "require('brief').document{}:timeline({}, { " BOGUS " = 1 })"},
	{"brief.ImageOptions", "require('brief').document{}:image('x.png', { " BOGUS " = 1 })"},
	{"relations.AnniversariesOptions", "require('relations').anniversaries(2024, { "
	                                   BOGUS " = 1 })"},
};

/* The calls of arg_check_options() in src/script/ (its definition left
 * out): one probe each. */
static int option_checks_in_source(void)
{
	int count = 0;
	DIR *d = opendir("src/script");
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0 || strcmp(e->d_name, "arg.c") == 0)
			continue;
		char path[300];
		snprintf(path, sizeof path, "src/script/%s", e->d_name);
		char *text = support_read_file_or_fail(path, NULL);
		/* brief.check_options hands on a template's own table: not one of brief's */
		for (const char *p = text; (p = strstr(p, "arg_check_options(")); p++)
			count += strncmp(p, "arg_check_options(L, 1, lua_tostring(L, 2)", 42) != 0;
		free(text);
	}
	closedir(d);
	return count;
}

static void option_keys_match(void **state)
{
	(void)state;
	parse_annotations();
	size_t nprobes = sizeof probes / sizeof probes[0];
	int checks = option_checks_in_source();
	if (checks != (int)nprobes)
		fail_msg("src/script/ checks %d options tables (arg_check_options), this test "
		         "probes %zu: annotate the new one and add it to probes[]", checks, nprobes);
	for (int i = 0; i < annot.nclasses; i++) {
		const char *name = annot.classes[i].name;
		size_t n = strlen(name);
		bool probed = false;
		for (size_t k = 0; k < nprobes && !probed; k++)
			probed = strcmp(probes[k].class_name, name) == 0;
		if (n > 7 && strcmp(name + n - 7, "Options") == 0 &&
		    strncmp(name, "brief.template.", 15) != 0 && !probed)
			fail_msg("%s is annotated but this test does not probe it (probes[])", name);
	}
	for (size_t k = 0; k < nprobes; k++) {
		if (run_lua(probes[k].code, 0))
			fail_msg("%s: no error for an unknown option", probes[k].code);
		const char *msg = lua_tostring(L, -1);
		const char *list = msg ? strstr(msg, "unknown option '" BOGUS "' (it takes ") : NULL;
		if (!list)
			fail_msg("%s: expected \"unknown option '%s' (it takes ...)\", got: %s",
			         probes[k].code, BOGUS, msg ? msg : "(not a string)");
		list = strstr(list, "(it takes ") + 10;
		names api = {0}, annotated = {0};
		char *copy = strndup(list, strcspn(list, ")"));
		for (char *key = strtok(copy, ", "); key; key = strtok(NULL, ", "))
			names_add(&api, key);
		free(copy);
		lua_pop(L, 1);
		class_members(class_or_fail(probes[k].class_name), true, false, &annotated);
		char what[128];
		snprintf(what, sizeof what, "keys of %s", probes[k].class_name);
		assert_same_names(what, &annotated, &api);
		names_free(&api);
		names_free(&annotated);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(files_are_meta_lua),
		cmocka_unit_test(relations_module_matches),
		cmocka_unit_test(collection_methods_match),
		cmocka_unit_test(record_fields_match),
		cmocka_unit_test(brief_module_matches),
		cmocka_unit_test(document_methods_match),
		cmocka_unit_test(template_sections_match),
		cmocka_unit_test(option_keys_match),
	};
	return cmocka_run_group_tests_name("annotations", tests, group_setup, group_teardown);
}

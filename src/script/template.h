/*
 * template.h -- templates: Lua tables, usually templates/NAME.lua, that set
 * a document's page style and may offer ready-made sections.
 *
 * A template names the style keys it changes (paper, margins, body,
 * headings, title, table, accent, muted, contents_title, header, footer)
 * and may name a `base` template applied first. Bad values raise errors
 * naming the key: "template 'body.font': unknown font 'comic' ...".
 */
#ifndef BRIEF_TEMPLATE_H
#define BRIEF_TEMPLATE_H

#include <lua.h>
#include <stddef.h>

#include "doc/document.h"

/* Pushes the template named by the string at index i (loading
 * templates/NAME.lua once, through require), or the table given there.
 * depth counts `base` links, for messages about loops. Raises for an
 * unknown name or a file that does not return a table. */
void tpl_push(lua_State *L, int i, int depth);

/* The template names in folder dir (its NAME.lua files), sorted, written
 * into out separated by spaces (as many as fit in size bytes); plain C,
 * run by the host before the worker is confined. Returns the length. */
size_t tpl_list_folder(const char *dir, char *out, size_t size);

/* Raises for a document method that neither brief (methods, a
 * NULL-terminated list) nor the document's template (its table at index t)
 * has, saying what was likely meant: the nearest method's name, or the
 * template whose section it is ("document has no method 'key_points': it
 * is a section of the 'briefing' template, ..."). */
void tpl_missing_method(lua_State *L, int t, const char *key, const char *const *methods);

/* Applies the template on the top of the stack to d's style, its `base`
 * chain first (at most 8 deep). Leaves the stack as it was. */
void tpl_apply(lua_State *L, doc_document *d, int depth);

#endif

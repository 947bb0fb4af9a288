/*
 * arg.h -- checking what scripts pass to the brief module: text, inline
 * spans, alignments, optional fields. Shared by the document methods
 * (lbrief.c) and template loading (template.c).
 *
 * Every function raises a Lua error naming `what` ("paragraph", "table
 * column 3") on bad input, so the message lands on the analyst's line.
 * Strings returned point into the Lua stack slot checked (valid while it
 * stays there) or into the document's arena.
 */
#ifndef BRIEF_ARG_H
#define BRIEF_ARG_H

#include <lua.h>
#include <stdbool.h>

#include "doc/document.h"

/* Sizes, widths and margins above this many points are surely a mistake. */
#define ARG_MAX_POINTS 10000

/* The longest text that may become a PDF string (document information, an
 * outline entry, a link): libharu's fixed limit, which it would otherwise
 * report only when the file is saved. */
#define ARG_MAX_PDF_STRING 65535

/* Stops the run (exit 6) when s, which becomes a PDF string, is longer than
 * ARG_MAX_PDF_STRING bytes. NULL is accepted. */
void arg_pdf_string(lua_State *L, const char *s, const char *what);

/* Raises "out of memory". */
void arg_oom(lua_State *L);

/* The value at i as text (a string or a number) of valid UTF-8, without NUL
 * bytes. */
const char *arg_utf8(lua_State *L, int i, const char *what);

/* A cell or label value as text, replacing the value at i: nil is empty,
 * integers print without a decimal point, other numbers with up to 14
 * significant digits, booleans as yes/no, anything else by tostring. */
const char *arg_value_text(lua_State *L, int i, const char *what);

/* Inline text from a string (parsed as markup) or a sequence of spans, each
 * a string or {text=, bold=, italic=, link=}; allocated in d's arena. */
doc_text arg_text(lua_State *L, int i, doc_document *d, const char *what);

/* A table or a collection (given its lua_type): anything with a length and
 * items. */
bool arg_sequence(lua_State *L, int type);

/* "left", "center", "right" or "justify" at i; nil is the default. */
doc_align arg_align(lua_State *L, int i, const char *what);

/* The name of known (a NULL-terminated list) nearest to name, when it is
 * near enough to be a likely misspelling; else NULL. */
const char *arg_nearest(const char *name, const char *const *known);

/* The same over the n names of known (no NULL at the end needed). */
const char *arg_nearest_of(const char *name, const char *const *known, int n);

/* Raises "WHAT: unknown option 'titel' (did you mean 'title'?)" when the
 * table at t has a string key not in known (a NULL-terminated list); the
 * key reported is the first unknown one in byte order. */
void arg_check_options(lua_State *L, int t, const char *what, const char *const *known);

/* Makes the table at t strict: reading a key it lacks raises "WHAT has
 * no field 'documnet' (did you mean 'document'?)" instead of giving nil
 * (a module's table: a misspelt function is named where it is read). Its
 * metatable is then out of scripts' reach. */
void arg_strict_table(lua_State *L, int t, const char *what);

/* linebreaks = "optimized" | "simple" at index i; nil is the default. */
doc_linebreaks arg_linebreaks(lua_State *L, int i, const char *what);

/* t[key] as a positive number up to ARG_MAX_POINTS, or def when absent. */
double arg_opt_number(lua_State *L, int t, const char *key, double def, const char *what);

/* t[key] as text copied into d's arena, or NULL when absent. */
const char *arg_opt_string(lua_State *L, int t, const char *key, doc_document *d,
                           const char *what);

#endif

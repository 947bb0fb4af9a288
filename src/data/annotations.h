/*
 * annotations.h -- the dataset's schema written as LuaCATS annotations, the
 * type comments lua-language-server reads, so an analyst's editor knows
 * every collection of require "relations" and every field of its records.
 *
 * Plain C, no Lua: the text is made from the schema (schema.c), so a column
 * added there appears in the editor without anyone editing annotations.
 * tools/annotate.c writes it into $(BUILD)/annotations/relations.lua after
 * the hand-written part (tools/annotations/relations.lua.in); docs/editor.md
 * says how to point an editor at it.
 */
#ifndef BRIEF_DATA_ANNOTATIONS_H
#define BRIEF_DATA_ANNOTATIONS_H

#include <stdio.h>

/* Writes to out, for every collection in ds_collection_names order: a
 * record class (relations.Event: one ---@field per column, its Lua type,
 * `?` when it may be nil), a query class for where{}/first{}, an alias of
 * the keys sort() takes, and a collection class (relations.Events) whose
 * methods return the same collection; then the class `relations` with a
 * ---@field per collection, and the alias relations.Record of every record
 * class. The text refers to relations.Collection, which the hand-written
 * part defines. Returns 0, or -1 when a write to out failed. */
int ds_write_annotations(FILE *out);

#endif

/*
 * modules.h -- the Lua modules brief builds in, for require().
 */
#ifndef BRIEF_MODULES_H
#define BRIEF_MODULES_H

#include <lua.h>

int luaopen_relations(lua_State *L);    /* lrelations.c */
int luaopen_brief(lua_State *L);        /* lbrief.c */

/* Called by run.c when a script ends: warns of each --set value never
 * read, fails with EXIT_STRICT when --strict and there were warnings, then
 * saves the last document if the script saved none. Returns 0 or raises. */
int brief_finish(lua_State *L);

/* The record at index i (a relations.Record), or NULL (lrelations.c). */
const struct ds_record *relations_to_record(lua_State *L, int i);

/* lua_getfield(L, i, k), except that a record whose collection has no field
 * k gives nil instead of an error (for engine code that tries title, then
 * name, then label). Returns the type pushed. */
int relations_getfield(lua_State *L, int i, const char *k);

/* Raises "WHAT: events record has no field 'yaer' (did you mean 'year'?)"
 * when the value at i is a record whose collection has no field k. */
void relations_check_field(lua_State *L, int i, const char *k, const char *what);

/* Provenance (lprovenance.c, script/provenance.h). prov_open() makes the
 * run's prov_run, kept in the registry and freed with the state, and wraps
 * the script's string functions so that strings made from remembered text
 * carry its records; run_script() calls it before the script loads.
 * prov_get() returns the run's prov_run, NULL when there is none (no
 * dataset, out of memory): prov_read(), prov_quiet(), prov_credit() and
 * prov_credit_title() accept NULL, and then do nothing.
 * prov_push_quiet() pushes a to-be-closed value: nothing is remembered
 * until it is closed (by the C function returning, or an error). */
void prov_open(lua_State *L);
struct prov_run *prov_get(lua_State *L);
void prov_push_quiet(lua_State *L);

#endif

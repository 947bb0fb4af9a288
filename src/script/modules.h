/*
 * modules.h -- the Lua modules brief builds in, for require().
 */
#ifndef BRIEF_MODULES_H
#define BRIEF_MODULES_H

#include <lua.h>

int luaopen_relations(lua_State *L);    /* lrelations.c */
int luaopen_brief(lua_State *L);        /* lbrief.c */

/* Called by lbrief.c when a script ends: saves the last document if the
 * script saved none. Returns 0 or raises. */
int brief_finish(lua_State *L);

/* The sources of the records the script has read so far (lrelations.c):
 * pushes a sequence of source records, in dataset order. */
void relations_push_read_sources(lua_State *L);

#endif

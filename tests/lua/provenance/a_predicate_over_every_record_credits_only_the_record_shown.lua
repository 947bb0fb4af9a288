-- Fields read only inside a query's predicate or comparator do not count
-- (docs/lua-api.md §3.5). Every meeting's name is read by where, sort and
-- first; the page shows one meeting's name, and names another (the 24th
-- dialogue) that only the queries read: page 1 must list the 28th dialogue
-- and its source, nothing else.
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/a_predicate_over_every_record_credits_only_the_record_shown.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{}
local named = rel.meetings:where(function(m) return m.name:find('Dialogue') end)
local sorted = named:sort(function(a, b) return a.name < b.name end)
local m = sorted:first(function(x) return x.name:find('28th') end)
doc:paragraph(m.name .. ' followed the 24th ASEAN-ROK Dialogue.')
doc:sources()

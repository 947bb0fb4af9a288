-- The quiet of a predicate (its reads do not count) ends with it, even when
-- it raises: the title read afterwards is credited to the page.
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/a_predicate_that_raises_leaves_later_reads_counted.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{}
assert(not pcall(rel.events.where, rel.events, function(e) error('no') end))
assert(not pcall(rel.events.sort, rel.events, function(a, b) error('no') end))
doc:paragraph(rel.events:first{ id = 'sectoral-dialogue-1989' }.title)

-- doc:cite numbers a source when it first reaches the document, by a block
-- or a citation, whether or where the list is; records of the same source
-- share its number; each document numbers its own. The test checks the
-- list of sources in the provenance file.
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/cite_numbers_sources_in_the_order_they_reach_the_document.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local doc = brief.document{}
doc:sources()
local function r(coll, id) return (rel[coll]:first{ id = id }) end
doc:paragraph(r('meetings', 'dialogue-2024-28th').name)
eq(doc:cite(r('events', 'sectoral-dialogue-1989')), '[2]', 'a second source')
eq(doc:cite(r('meetings', 'dialogue-2024-28th')), '[1]', 'the paragraph numbered it')
eq(doc:cite(r('figures', 'trade-2017')), '[2]', 'the same source')
eq(doc:cite(r('sources', 'mofa-dialogue-2021')), '[3]', 'a source as its own')
local other = brief.document{}
eq(other:cite(r('figures', 'trade-2017')), '[1]', 'each document numbers its own')
doc:paragraph('As shown ' .. doc:cite(r('people', 'kim-gunn')) .. '.')
doc:save()

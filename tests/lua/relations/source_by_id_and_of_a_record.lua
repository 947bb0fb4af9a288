-- rel.source finds a source by id, by a record (its source), by a record's
-- source id, or by itself; an unknown id gives nil and why.
-- Run from the repository root: ./brief tests/lua/relations/source_by_id_and_of_a_record.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local s = rel.source('akys-about-asean')
eq(s.id, 'akys-about-asean', 'source by id')
eq(s.title, 'About ASEAN', 'its title')
local e = rel.events:first{id = 'sectoral-dialogue-1989'}
eq(rel.source(e), s, 'the source of a record')
eq(rel.source(e.source), s, 'the source of its source id')
eq(rel.source(s), s, 'a source is its own source')
local none, why = rel.source('no-such-source')
eq(none, nil, 'unknown source')
eq(why, "no source 'no-such-source'", 'why')

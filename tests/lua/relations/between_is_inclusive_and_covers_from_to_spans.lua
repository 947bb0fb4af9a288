-- coll:between(y1, y2) keeps the records of those years, both included; a
-- record with a span (from, to) is kept only when the whole span is inside.
-- Run from the repository root: ./brief tests/lua/relations/between_is_inclusive_and_covers_from_to_spans.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local b = rel.events:between(1989, 1991)
local ids, n = {}, 0
for _, e in ipairs(b) do
  assert(e.year >= 1989 and e.year <= 1991, e.id .. ' is outside 1989-1991')
  ids[e.id] = true
end
for _, e in ipairs(rel.events) do
  if e.year >= 1989 and e.year <= 1991 then n = n + 1 end
end
eq(#b, n, '#between(1989, 1991)')
assert(ids['sectoral-dialogue-1989'], 'the first year is included')
assert(ids['full-dialogue-partner-1991'], 'the last year is included')
eq(#rel.events:between(1989, 1989), 1, 'a one-year span')
eq(#rel.events:between(1991, 1989), 0, 'an empty span')
local span = 'scf-focp-contributions'  -- from 1990 to 2009
assert(rel.figures:between(1990, 2009):first{id = span}, 'a span inside 1990-2009')
eq(rel.figures:between(1991, 2009):first{id = span}, nil, 'starts before 1991')
eq(rel.figures:between(1990, 2008):first{id = span}, nil, 'ends after 2008')

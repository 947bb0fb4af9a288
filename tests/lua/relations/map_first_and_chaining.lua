-- coll:map leaves nil results out and gives a collection with the same
-- methods; coll:first takes a query or a predicate; queries chain.
-- Run from the repository root: ./brief tests/lua/relations/map_first_and_chaining.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local names = rel.members:map(function(m) return m.name end)
eq(#names, #rel.members, '#map')
for i, m in ipairs(rel.members) do eq(names[i], m.name, 'map ' .. i) end
eq(names:first(function() return true end), rel.members[1].name, 'methods after map')
local founders = rel.members:map(function(m) if m.founding then return m.name end end)
eq(#founders, 5, 'nil results are left out')
eq(rel.events:first{kind = 'partnership'}.id, 'sectoral-dialogue-1989', 'first{}')
eq(rel.events:first(function(e) return e.year >= 2010 end).id,
   'strategic-partnership-2010', 'first(predicate)')
eq(rel.events:first{kind = 'no such kind'}, nil, 'first with no match')
local latest = rel.meetings:where{kind = 'summit'}:between(2010, 2019):sort('-year')
eq(latest:first{}.id, 'summit-2019-commemorative', 'where:between:sort:first')
eq(#latest, 7, 'summits 2010-2019')
local years = latest:map(function(m) return m.year end)
eq(years[1], 2019, 'chain then map, first')
eq(years[#years], 2010, 'chain then map, last')

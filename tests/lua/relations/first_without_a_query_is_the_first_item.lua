-- coll:first() without a query (docs/lua-api.md, "coll:first ([query])";
-- check_query's optional query, in src/script/lrelations.c) is the first item,
-- nil for an empty collection.
-- Run from the repository root: ./brief tests/lua/relations/first_without_a_query_is_the_first_item.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

eq(rel.events:first(), rel.events[1], 'rel.events:first()')
local names = rel.members:map(function(m) return m.name end)
eq(names:first(), rel.members[1].name, 'first() of a mapped collection')
eq(rel.events:where{kind = 'no such kind'}:first(), nil, 'first() of nothing')

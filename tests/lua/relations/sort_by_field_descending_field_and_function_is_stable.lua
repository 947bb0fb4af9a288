-- coll:sort by a field, by '-field' (descending) or by a comparator is
-- stable (equal keys keep the collection's order), puts records without
-- the field last, and leaves the collection itself as it was.
-- Run from the repository root: ./brief tests/lua/relations/sort_by_field_descending_field_and_function_is_stable.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local pos, first = {}, rel.events[1]
for i, e in ipairs(rel.events) do pos[e] = i end
local function check(sorted, key, desc, what)
  eq(#sorted, #rel.events, what .. ' length')
  for i = 2, #sorted do
    local a, b = sorted[i - 1], sorted[i]
    local ka, kb = key(a), key(b)
    if desc then assert(ka >= kb, what .. ' out of order at ' .. i)
    else assert(ka <= kb, what .. ' out of order at ' .. i) end
    if ka == kb then assert(pos[a] < pos[b], what .. ' not stable at ' .. i) end
  end
end
check(rel.events:sort('title'), function(e) return e.title end, false, 'title')
check(rel.events:sort('kind'), function(e) return e.kind end, false, 'kind')
check(rel.events:sort('-year'), function(e) return e.year end, true, '-year')
check(rel.events:sort('-kind'), function(e) return e.kind end, true, '-kind')
check(rel.events:sort(function(a, b) return #a.title < #b.title end),
      function(e) return #e.title end, false, 'function')
local seen_nil = false
for _, e in ipairs(rel.events:sort('place')) do
  if e.place == nil then seen_nil = true
  else assert(not seen_nil, 'a place after a nil place: ' .. e.id) end
end
assert(seen_nil, 'some events have no place')
eq(rel.events[1], first, 'sorting leaves the collection as it was')

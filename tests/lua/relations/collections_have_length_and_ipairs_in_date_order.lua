-- Every collection of relations has a length that ipairs agrees with, its
-- records in date order, nothing past the end, and a record is the same
-- value each time it is read.
-- Run from the repository root: ./brief tests/lua/relations/collections_have_length_and_ipairs_in_date_order.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

for _, name in ipairs{'events', 'meetings', 'statements', 'members', 'figures',
                      'initiatives', 'mechanisms', 'people', 'sources'} do
  local c, n = rel[name], 0
  for i, r in ipairs(c) do
    n = n + 1
    eq(i, n, name .. ' ipairs index')
    eq(r, c[i], name .. ' ipairs value ' .. i)
    local y0, y1 = i > 1 and rel.field(c[i - 1], 'year'), rel.field(r, 'year')
    if y0 and y1 then   -- mechanisms have no year: rel.field gives nil
      assert(y0 <= y1, name .. ' out of date order at ' .. i)
    end
  end
  eq(#c, n, '#rel.' .. name)
  assert(n > 0, name .. ' is empty')
  eq(c[n + 1], nil, name .. ' past the end')
end
assert(#rel.events >= 30, 'only ' .. #rel.events .. ' events')
eq(rel.events[1], rel.events[1], 'a record is the same value each time')

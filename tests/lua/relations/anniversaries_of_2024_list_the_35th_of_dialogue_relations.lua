-- rel.anniversaries(2024) lists every event with a round (multiple of 5)
-- anniversary in 2024, most years first, anniversaries themselves left out;
-- among them the 35th of the 1989 sectoral dialogue relations.
-- Run from the repository root: ./brief tests/lua/relations/anniversaries_of_2024_list_the_35th_of_dialogue_relations.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local a = rel.anniversaries(2024)
local found, n = nil, 0
for _, e in ipairs(rel.events) do
  local y = 2024 - e.year
  if y >= 5 and y % 5 == 0 and e.kind ~= 'anniversary' then n = n + 1 end
end
eq(#a, n, 'every event with a round anniversary in 2024 (anniversaries have none)')
for i, x in ipairs(a) do
  eq(x.event.year + x.years, 2024, 'years of ' .. x.event.id)
  eq(x.years % 5, 0, 'round years of ' .. x.event.id)
  eq(x.ordinal, rel.ordinal(x.years), 'ordinal of ' .. x.event.id)
  if i > 1 then assert(a[i - 1].years >= x.years, 'not most years first at ' .. i) end
  if x.event.id == 'sectoral-dialogue-1989' then found = x end
end
assert(found, 'no entry for the 1989 sectoral dialogue relations')
eq(found.years, 35, 'years since 1989')
eq(found.ordinal, '35th', 'ordinal')
eq(found.event, rel.events:first{id = 'sectoral-dialogue-1989'}, 'the record')

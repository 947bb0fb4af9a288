-- rel.anniversaries(year, {every = N}) counts in steps of N years: every 10
-- gives decades only; every 1 never gives an event of that same year.
-- Run from the repository root: ./brief tests/lua/relations/anniversaries_every_ten_years.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local a = rel.anniversaries(2024, {every = 10})
local n = 0
for _, e in ipairs(rel.events) do
  local y = 2024 - e.year
  if y >= 10 and y % 10 == 0 and e.kind ~= 'anniversary' then n = n + 1 end
end
assert(n > 0, 'no decade anniversaries in 2024 in the dataset')
eq(#a, n, 'every event with a decade anniversary in 2024')
for i, x in ipairs(a) do
  eq(x.years % 10, 0, 'decades of ' .. x.event.id)
  assert(x.event.id ~= 'sectoral-dialogue-1989', '35 is not a multiple of 10')
  if i > 1 then assert(a[i - 1].years >= x.years, 'not most years first at ' .. i) end
end
for _, x in ipairs(rel.anniversaries(2019, {every = 1})) do
  assert(x.years >= 1, x.event.id .. ' is ' .. x.years .. ' years old in 2019')
end

-- Bad input gets an error or a graceful result: an absurd year is no
-- anniversary of anything, and must not keep brief's C code busy until the
-- wall clock kills the worker (nor overflow year - 1000). The test runs it
-- with a 2-second time limit (--timeout 2).
-- Run from the repository root: ./brief tests/lua/relations/anniversaries_of_an_absurd_year_end_promptly.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

for _, y in ipairs{math.maxinteger, math.mininteger, -5, 0, 1 << 40} do
  local ok, a = pcall(rel.anniversaries, y)
  assert(not ok or #a == 0, 'anniversaries in ' .. y)
end
local ok, a = pcall(rel.anniversaries, 2024, {every = math.maxinteger})
assert(not ok or #a == 0, 'every = math.maxinteger')

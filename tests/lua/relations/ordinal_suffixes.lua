-- rel.ordinal(n): 1st, 2nd, 3rd, 4th, and 11th to 13th whatever the hundreds.
-- Run from the repository root: ./brief tests/lua/relations/ordinal_suffixes.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

for _, case in ipairs{
  {1, '1st'}, {2, '2nd'}, {3, '3rd'}, {4, '4th'}, {11, '11th'}, {12, '12th'},
  {13, '13th'}, {21, '21st'}, {22, '22nd'}, {23, '23rd'}, {101, '101st'},
  {111, '111th'}, {112, '112th'}, {35, '35th'},
} do
  local n, want = case[1], case[2]
  eq(rel.ordinal(n), want, 'rel.ordinal(' .. n .. ')')
end

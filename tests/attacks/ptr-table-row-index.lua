-- attack: close the document from a table row's __index while doc:table reads its key= columns
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-table-row-index\.lua:(13|18|19): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while a row is read" }
doc:paragraph("A paragraph the freed document held.")

local row = setmetatable({}, { __index = function(_, key)
  if key == "title" then
    do local d <close> = doc end
  end
  return "cell " .. tostring(key)
end })

doc:table{ columns = { { title = "Year", key = "year" }, { title = "Title", key = "title" } },
           rows = { { year = 1989, title = "first" }, row, { year = 2024, title = "last" } } }
doc:paragraph("never reached")

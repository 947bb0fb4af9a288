-- attack: close the document from a chart label's __tostring while doc:chart converts the labels
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-chart-label-tostring\.lua:(12|16): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while a label is written" }
doc:paragraph("A paragraph the freed document held.")

local label = setmetatable({}, { __tostring = function()
  do local d <close> = doc end
  return "2024"
end })

doc:chart{ type = "bar", title = "Trade", labels = { "2022", label, "2025" },
           series = { { name = "Trade", values = { 1, 2, 3 } } } }
doc:paragraph("never reached")

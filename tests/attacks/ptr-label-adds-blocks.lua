-- attack: add thousands of blocks to the document from a timeline label function, so its block array moves
-- class: C pointer across a Lua call
-- expect: 0 3
-- args: -o "$OUT/x.pdf" --check --timeout 30 --max-memory 256
-- forbid: crashed

local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Blocks added under the timeline" }
doc:paragraph("A paragraph that comes first.")

doc:timeline(rel.events, { label = function(e)
  for i = 1, 200 do doc:paragraph("added from a label: " .. i) end
  doc:heading("A heading added from a label")
  return e.title
end })
doc:paragraph("the last paragraph")
doc:save()

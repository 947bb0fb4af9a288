-- attack: 1001 saves of distinct files in one run, with --check
-- class: escapes
-- expect: 6
-- args: -o "$OUT/x.pdf" --check --timeout 50 --max-memory 256
-- message: 1000
-- within: 90

local brief = require "brief"
local doc = brief.document{ title = "Many files" }
doc:paragraph("One page, saved under a thousand and one names.")
for i = 1, 1001 do
  doc:save("many/" .. i .. ".pdf")
end

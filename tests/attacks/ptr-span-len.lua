-- attack: close the document from the __len of a table of spans given to doc:paragraph
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-span-len\.lua:(12|16): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while its spans are counted" }
doc:paragraph("A paragraph the freed document held.")

local spans = setmetatable({ "plain ", { text = "bold", bold = true } }, { __len = function()
  do local d <close> = doc end
  return 2
end })

doc:paragraph(spans)
doc:paragraph("never reached")
